//! Reporting diagnostics.

pub mod human;

pub use human::{Style, render_human};
