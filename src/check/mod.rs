//! The linter: rules over the document model.
//!
//! Each rule is a module in [`rules`] with a stable kebab-case name, a default level, a doc comment
//! that `sorn explain` prints, and a function over the [`Context`]. Rules report [`Diagnostic`]s;
//! the engine gives them their configured severity. Rules never print and never choose their own
//! level.

mod context;
mod load;
pub mod meta;
pub mod rules;

pub use context::{
    Context, JustifiedCitation, Pair, Pairing, ParsedClaim, has_untyped_justification, justified_citations, letter,
    normalize_id, parsed_claims, system_label,
};
pub use load::LOAD_RULES;
pub use meta::{Category, Level, RuleMeta};

use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::source::{LoadedDocument, Workspace};

/// Declares a rule's metadata from its doc comment: the doc comment is the explanation.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis const $ident:ident = ($name:literal, $category:ident, $level:ident, $summary:literal $(,)?);
    ) => {
        $(#[doc = $doc])*
        $vis const $ident: $crate::check::RuleMeta = $crate::check::RuleMeta {
            name: $name,
            category: $crate::check::Category::$category,
            default_level: $crate::check::Level::$level,
            summary: $summary,
            explanation: concat!($($doc, "\n"),*),
        };
    };
}

/// Every rule sorn knows: load rules, then lint rules, in a stable order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    LOAD_RULES
        .iter()
        .chain(std::iter::once(&crate::config::INVALID_CONFIG))
        .chain(rules::RULES.iter().map(|(meta, _)| *meta))
        .collect()
}

/// The rule with this name.
pub fn find_rule(name: &str) -> Option<&'static RuleMeta> {
    all_rules().into_iter().find(|r| r.name == name)
}

/// The documentation of a rule as Markdown, without the one-space indent of doc comments.
pub fn explanation(meta: &RuleMeta) -> String {
    let mut out = String::with_capacity(meta.explanation.len());
    for line in meta.explanation.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}

/// Runs every lint rule whose level is not `allow` over the loaded documents and returns the
/// findings with their configured severity (load diagnostics are not included).
///
/// A rule that exempts several systems is checked once per system ([`crate::model::ExemptionRule::per_system`]):
/// each system's claims, reasons and SORN pairing on their own. What a rule says about the
/// document as a whole is then found once per system in the same words at the same place, and is
/// reported once.
pub fn run(ws: &Workspace, level: impl Fn(&RuleMeta) -> Level) -> Vec<Diagnostic> {
    let documents = per_system(&ws.documents);
    let cx = Context::new(&ws.files, &documents);
    let mut out = Vec::new();
    for (meta, check) in rules::RULES {
        let Some(severity) = level(meta).severity() else { continue };
        let mut found = Vec::new();
        check(&cx, &mut found);
        let mut kept: Vec<Diagnostic> = Vec::with_capacity(found.len());
        for d in found {
            if !kept.contains(&d) {
                kept.push(d);
            }
        }
        for mut d in kept {
            d.rule = meta.name;
            d.severity = severity;
            out.push(d);
        }
    }
    out
}

/// The loaded documents with every rule of several systems in its per-system views.
fn per_system(documents: &[LoadedDocument]) -> Vec<LoadedDocument> {
    let mut out = Vec::with_capacity(documents.len());
    for doc in documents {
        match &doc.document {
            Document::ExemptionRule(rule) if !rule.systems.is_empty() => {
                out.extend(rule.per_system().into_iter().map(|view| LoadedDocument {
                    file: doc.file,
                    document: Document::ExemptionRule(Box::new(view)),
                    clean: doc.clean,
                }));
            }
            _ => out.push(doc.clone()),
        }
    }
    out
}
