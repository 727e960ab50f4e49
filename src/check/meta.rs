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
    /// The full documentation in Markdown: what it checks, why, a failing and a fixed example.
    /// `sorn explain NAME` prints it, followed by the basis.
    pub explanation: &'static str,
    /// The authorities its statements rest on (empty for load rules, which state no law).
    pub basis: &'static [Basis],
}

impl RuleMeta {
    /// Whether `sorn check --fix` can fix some of the rule's findings: its documentation then
    /// has a `## Fix` section saying which, and how.
    pub fn can_fix(&self) -> bool {
        self.explanation.lines().any(|l| l.trim() == "## Fix")
    }
}

/// What kind of authority a statement of a lint rule rests on. The kind decides how hard the
/// rule may speak: only law (a statute or a regulation) makes an error; OMB policy, the Office of
/// the Federal Register's practice and drafting conventions are warnings unless configured.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BasisKind {
    /// An Act of Congress, e.g. 5 U.S.C. 552a(e)(11).
    Statute,
    /// A regulation in the CFR: 1 CFR (the Federal Register's own rules) or the agency's part.
    Regulation,
    /// OMB policy binding on agencies: Circular A-108, Memorandum M-17-12.
    OmbPolicy,
    /// The Office of the Federal Register's practice: the Document Drafting Handbook.
    OfrPractice,
    /// What agencies' published documents consistently do, with no rule behind it.
    Convention,
}

impl BasisKind {
    /// The kind as `sorn explain` and the user guide name it.
    pub fn as_str(self) -> &'static str {
        match self {
            BasisKind::Statute => "statute",
            BasisKind::Regulation => "regulation",
            BasisKind::OmbPolicy => "OMB policy",
            BasisKind::OfrPractice => "OFR practice",
            BasisKind::Convention => "convention",
        }
    }

    /// Whether findings resting on this kind alone may default to errors.
    pub fn is_law(self) -> bool {
        matches!(self, BasisKind::Statute | BasisKind::Regulation)
    }
}

/// One authority a rule's statements rest on: its kind, an exact pin cite, and what it says
/// (a short quotation, or the pin cite's content in a sentence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Basis {
    /// Statute, regulation, OMB policy, OFR practice or convention.
    pub kind: BasisKind,
    /// The pin cite: "5 U.S.C. 552a(e)(11)", "1 CFR 18.17(b)", "OMB Circular A-108, section 6".
    pub cite: &'static str,
    /// What the cited text says that the rule relies on.
    pub says: &'static str,
}
