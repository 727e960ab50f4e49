//! Reporting diagnostics.

mod excerpt;
pub mod github;
pub mod human;
pub mod json;
pub mod location;
pub mod root;
pub mod sarif;

pub use github::render_github;
pub use human::{Style, render_human};
pub use json::render_json;
pub use root::ReportRoot;
pub use sarif::render_sarif;
