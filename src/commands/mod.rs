//! The subcommands. Each takes its options, does its work through the library, writes its
//! results, and returns an [`ExitStatus`](crate::ExitStatus). Only `main.rs` parses arguments.

pub mod apply;
pub mod build;
pub mod check;
pub mod diff;
pub mod explain;
pub mod fix;
pub mod import;
pub mod init;
pub mod new;
pub mod output;
pub mod rescind;
pub mod schema;
pub mod serve;
