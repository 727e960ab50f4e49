//! What every rule is: its stable name, default level, one-line summary and documentation.
//!
//! Reporters (SARIF `tool.driver.rules`), `sorn explain` and the configuration all read this
//! table; rules themselves never choose their level (the configuration does).

use serde::Serialize;

use crate::diagnostic::Severity;

/// A configured level: what a rule's findings become.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Findings are errors (exit status 1).
    Error,
    /// Findings are warnings (exit status 0 unless `--deny warnings`).
    Warning,
    /// Findings are notes: information that never fails a run.
    Note,
    /// The rule does not run.
    Allow,
}

impl Level {
    /// The severity of findings at this level, if the rule runs.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Note => Some(Severity::Note),
            Level::Allow => None,
        }
    }

    /// The level's name in configuration files.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Note => "note",
            Level::Allow => "allow",
        }
    }

    /// Parses a level as written in configuration (`"error"`, `"warning"`/`"warn"`, `"allow"`/`"off"`).
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "error" | "deny" => Some(Level::Error),
            "warning" | "warn" => Some(Level::Warning),
            "note" | "info" => Some(Level::Note),
            "allow" | "off" => Some(Level::Allow),
            _ => None,
        }
    }
}

/// The family a rule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Reading the source: syntax, keys, types, citations. Always errors; cannot be configured.
    Load,
    /// Exemptions under 5 U.S.C. 552a(j) and (k), and their justifications.
    Exemptions,
    /// Agreement between a SORN and its exemption rule.
    Consistency,
    /// Captions, order and Federal Register conventions.
    Structure,
}

/// A rule's metadata.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RuleMeta {
    /// Stable kebab-case name, e.g. `unauthorized-exemption`.
    pub name: &'static str,
    /// Family.
    pub category: Category,
    /// Level when the configuration says nothing.
    pub default_level: Level,
    /// One sentence: what it checks.
    pub summary: &'static str,
    /// The full documentation in Markdown: what it checks, why, the legal basis, a failing and a
    /// fixed example. `sorn explain NAME` prints it.
    pub explanation: &'static str,
}
