//! What a lint rule reports. A finding has no rule name and no severity: the engine stamps both
//! from the registry and the configuration, so that a rule cannot speak at a level nobody chose.

use crate::diagnostic::{Diagnostic, Edit, Fix, Label, Severity};

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
    /// A mechanical fix, where the remedy is certain.
    pub fix: Option<Fix>,
}

impl Finding {
    /// A finding with a primary label.
    pub fn new(message: impl Into<String>, primary: Label) -> Self {
        Self { message: message.into(), labels: vec![primary], help: None, notes: Vec::new(), fix: None }
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

    /// Adds a fix that replaces the text of `file` at `span`, which reads `expected`, with
    /// `replacement`. A replacement that a TOML string could not hold as written (a quote, a
    /// backslash, a line break) is not offered.
    #[must_use]
    pub fn with_fix(
        self,
        file: crate::diagnostic::FileId,
        span: std::ops::Range<usize>,
        expected: &str,
        replacement: &str,
    ) -> Self {
        if replacement.contains(['"', '\'', '\\', '\n', '\r']) || span.is_empty() {
            return self;
        }
        let edit = Edit { span, expected: expected.to_string(), replacement: replacement.to_string() };
        self.with_edits(file, vec![edit], format!("writes \"{replacement}\" here"))
    }

    /// Adds a fix made of `edits` of `file` (see [`Fix`]), described as completing
    /// "`sorn check --fix` ...". No fix is offered if the edits are empty, change nothing, or
    /// overlap.
    #[must_use]
    pub fn with_edits(
        mut self,
        file: crate::diagnostic::FileId,
        mut edits: Vec<Edit>,
        description: impl Into<String>,
    ) -> Self {
        edits.sort_by_key(|e| (e.span.start, e.span.end));
        let overlapping = edits.windows(2).any(|w| w[1].span.start < w[0].span.end);
        let changes = edits.iter().any(|e| e.expected != e.replacement);
        if !overlapping && changes {
            self.fix = Some(Fix { file, edits, description: description.into() });
        }
        self
    }

    /// The diagnostic this finding becomes under `rule` at `severity`; one with a fix says so.
    pub fn into_diagnostic(self, rule: &'static str, severity: Severity) -> Diagnostic {
        let mut notes = self.notes;
        if let Some(fix) = &self.fix {
            notes.push(format!("fixable: `sorn check --fix` {}", fix.description));
        }
        Diagnostic { rule, severity, message: self.message, labels: self.labels, help: self.help, notes, fix: self.fix }
    }
}
