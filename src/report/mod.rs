//! Reporting diagnostics.

pub mod human;
pub mod json;
pub mod location;

pub use human::{Style, render_human};
pub use json::render_json;
