//! What a lint rule reports. A finding has no rule name and no severity: the engine stamps both
//! from the registry and the configuration, so that a rule cannot speak at a level nobody chose.

use crate::diagnostic::{Diagnostic, Label, Severity};

/// One thing a lint rule found, before the engine names its rule and gives it its level.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Finding {
    /// One-sentence statement of the problem.
    pub message: String,
    /// Where: the first label is the primary location.
    pub labels: Vec<Label>,
    /// How to fix it.
    pub help: Option<String>,
    /// Further facts (e.g. the basis of the statement).
    pub notes: Vec<String>,
}

impl Finding {
    /// A finding with a primary label.
    pub fn new(message: impl Into<String>, primary: Label) -> Self {
        Self { message: message.into(), labels: vec![primary], help: None, notes: Vec::new() }
    }

    /// Adds help.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a secondary label.
    #[must_use]
    pub fn with_label(mut self, label: Label) -> Self {
        self.labels.push(label);
        self
    }

    /// Adds a note.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    /// The diagnostic this finding becomes under `rule` at `severity`.
    pub fn into_diagnostic(self, rule: &'static str, severity: Severity) -> Diagnostic {
        Diagnostic { rule, severity, message: self.message, labels: self.labels, help: self.help, notes: self.notes }
    }
}
