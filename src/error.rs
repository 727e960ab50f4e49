//! Failures of the tool itself (as opposed to findings in the sources).

use std::path::PathBuf;

/// Why a command could not run. Every variant maps to exit status 2.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SornError {
    /// A path given on the command line cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    #[diagnostic(code(sorn::path), help("check that the path exists and is readable"))]
    Path {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No source was found under the given paths.
    #[error("no sorn sources found in {paths}")]
    #[diagnostic(
        code(sorn::no_sources),
        help("sources are .toml files whose first key is kind = \"sorn\" or kind = \"exemption-rule\"")
    )]
    NoSources {
        /// The paths searched, joined for display.
        paths: String,
    },
    /// An output could not be written.
    #[error("cannot write {}: {source}", path.display())]
    #[diagnostic(code(sorn::write))]
    Write {
        /// The output path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// An output would overwrite a source file.
    #[error("refusing to write {}: it is a source file", path.display())]
    #[diagnostic(code(sorn::overwrite), help("choose another --out-dir"))]
    WouldOverwriteSource {
        /// The output path.
        path: PathBuf,
    },
    /// Anything else that stops a command, with its explanation.
    #[error("{message}")]
    #[diagnostic(code(sorn::usage))]
    Usage {
        /// What went wrong.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
    /// A document could not be imported.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Import(#[from] Box<crate::import::ImportError>),
}
