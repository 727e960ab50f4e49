//! Revisions of a system: what changed, applying partial notices, rescinding.

pub mod apply;
pub mod diff;
pub mod draft;
pub mod history;
pub mod items;
pub mod matching;
pub mod rescind;
pub mod words;
