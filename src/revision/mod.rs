//! Revisions of a system: what changed, applying partial notices, rescinding.

pub mod history;
