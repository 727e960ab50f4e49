//! sorn: System of Records Notices and Privacy Act exemption rules as code.
//!
//! The pipeline runs one way:
//!
//! ```text
//!  *.toml ──source──▶ model::Document ──check──▶ Diagnostic ──report──▶ human / json / sarif / github
//!                          │
//!                          └──lower──▶ frdoc::FrDocument ──emit──▶ Markdown / HTML
//! ```
//!
//! - [`source`] finds and loads sources, keeping the place of every value;
//! - [`model`] is the typed document model, [`statute`] is 5 U.S.C. 552a as code and [`dates`]
//!   the Federal Register's calendar;
//! - [`lower`] resolves everything a document generates into a [`frdoc::FrDocument`], which the
//!   backends in [`emit`] lay out;
//! - [`import`] reads published Federal Register documents back into sources;
//! - [`report`] prints diagnostics; [`commands`] are the subcommands the binary calls.
//! - [`parallel`] sets how many threads load, check and render (the output never depends on
//!   it); [`synthetic`] generates the corpora the benchmark and the scaling tests run on.

pub mod check;
pub mod commands;
pub mod config;
pub mod dates;
pub mod diagnostic;
pub mod emit;
pub mod error;
pub mod frdoc;
pub mod import;
pub mod lower;
pub mod model;
pub mod parallel;
pub mod report;
pub mod revision;
pub mod schema;
pub mod source;
pub mod statute;
pub mod synthetic;
pub mod text;

pub use diagnostic::{Diagnostic, Severity};
pub use error::SornError;

/// How a command ended, mapped to the process exit status by the binary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// 0: success, no error-level diagnostics.
    Success,
    /// 1: error-level diagnostics were found (or warnings under `--deny warnings`).
    Failure,
    /// 2: the command could not run.
    Error,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Error => 2,
        }
    }
}
