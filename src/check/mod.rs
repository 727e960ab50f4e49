//! The linter: lint rules over the document model.
//!
//! Two things are called "rules" in this domain. A *lint rule* is a check sorn runs; an
//! *exemption rule* is a Federal Register document ([`crate::model::ExemptionRule`]) that exempts
//! a system of records. This module is about lint rules (and load rules, the problems found while
//! reading a source); it says "exemption rule" whenever it means the document.
//!
//! Every rule sorn knows is declared once, with [`declare_rule!`], and listed once, in
//! [`registry::REGISTRY`]. A lint rule reports [`Finding`]s; the engine ([`run`]) stamps each with
//! the rule's name and its configured level. Rules never print and never choose their own level.

pub mod agencies;
mod context;
mod finding;
mod load;
pub mod meta;
pub mod registry;
mod reorder;
pub mod rules;
pub mod suppress;

pub use context::{
    Ambiguity, Context, JustifiedCitation, Pair, Pairing, ParsedClaim, Settings, has_untyped_justification,
    justified_citations, letter, normalize_id, parsed_claims, system_label,
};
pub use finding::Finding;
pub use load::{INVALID_CONFIG, LOAD_RULES};
pub use meta::{Basis, BasisKind, Category, Level, RuleMeta};
pub use registry::{LintFn, REGISTRY, Registered};

use std::collections::HashSet;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Document;
use crate::source::{LoadedDocument, Workspace};

/// Declares a rule's metadata from its doc comment (the explanation) and its basis: each entry
/// is `(Kind, "pin cite", "what it says")`, with `Kind` a [`BasisKind`] variant.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis const $ident:ident = ($name:expr, $category:ident, $level:ident, $summary:literal $(,)?);
        $(basis = [$(($kind:ident, $cite:literal, $says:literal)),* $(,)?];)?
    ) => {
        $(#[doc = $doc])*
        $vis const $ident: $crate::check::RuleMeta = $crate::check::RuleMeta {
            name: $name,
            category: $crate::check::Category::$category,
            default_level: $crate::check::Level::$level,
            summary: $summary,
            explanation: concat!($($doc, "\n"),*),
            basis: &[$($($crate::check::Basis {
                kind: $crate::check::BasisKind::$kind,
                cite: $cite,
                says: $says,
            }),*)?],
        };
    };
}

/// Every rule sorn knows, in registry order: load rules, then lint rules.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    REGISTRY.iter().map(Registered::meta).collect()
}

/// The rule with this name.
pub fn find_rule(name: &str) -> Option<&'static RuleMeta> {
    all_rules().into_iter().find(|r| r.name == name)
}

/// The documentation of a rule as Markdown, without the one-space indent of doc comments, and
/// followed by its basis, one authority a line with its kind and pin cite.
pub fn explanation(meta: &RuleMeta) -> String {
    let mut out = String::with_capacity(meta.explanation.len());
    for line in meta.explanation.lines() {
        out.push_str(line.strip_prefix(' ').unwrap_or(line));
        out.push('\n');
    }
    let mut out = out.trim_end().to_string() + "\n";
    if !meta.basis.is_empty() {
        out.push_str("\n## Basis\n");
        for b in meta.basis {
            out.push_str(&format!("- {} ({}): {}\n", b.cite, b.kind.as_str(), b.says));
        }
    }
    out
}

/// Runs every lint rule whose level is not `allow` over the loaded documents, with the default
/// [`Settings`], and returns the findings as diagnostics under the rule's name and configured
/// severity (load diagnostics are not included).
pub fn run(ws: &Workspace, level: impl Fn(&RuleMeta) -> Level) -> Vec<Diagnostic> {
    run_with(ws, level, &Settings::default())
}

/// [`run`] with the project's settings (`sorn.toml`'s closures and agencies).
///
/// A rule that exempts several systems is checked once per system ([`crate::model::ExemptionRule::per_system`]):
/// each system's claims, reasons and SORN pairing on their own; so is a notice that publishes
/// several systems ([`crate::model::Sorn::per_system`]), each system's captions on their own. What a rule says about the
/// document as a whole is then found once per system in the same words at the same place, and is
/// reported once.
pub fn run_with(ws: &Workspace, level: impl Fn(&RuleMeta) -> Level, settings: &Settings) -> Vec<Diagnostic> {
    // Most documents are of one system: then the documents are their own views, borrowed.
    let documents: std::borrow::Cow<'_, [LoadedDocument]> = if ws.documents.iter().any(has_several_systems) {
        per_system(&ws.documents).into()
    } else {
        ws.documents.as_slice().into()
    };
    let cx = Context::new(&ws.files, &documents, settings);
    let enabled: Vec<(&RuleMeta, LintFn, Severity)> = REGISTRY
        .iter()
        .filter_map(Registered::lint)
        .filter_map(|(meta, check)| level(meta).severity().map(|severity| (meta, check, severity)))
        .collect();
    // The rules run on all cores; their findings are joined in registry order, so the result is
    // the same whatever the number of threads.
    let per_rule: Vec<Vec<Diagnostic>> = enabled
        .par_iter()
        .map(|&(meta, check, severity)| {
            let mut found = Vec::new();
            check(&cx, &mut found);
            // Each finding once, in the order found: a set of those seen, not a scan of those kept.
            let mut seen: HashSet<Finding> = HashSet::with_capacity(found.len());
            let kept = found.into_iter().filter(|f| seen.insert(f.clone()));
            kept.map(|f| f.into_diagnostic(meta.name, severity)).collect()
        })
        .collect();
    let mut out: Vec<Diagnostic> = per_rule.into_iter().flatten().collect();
    ws.files.relocate(&mut out);
    suppress::apply(&ws.files, out, level(&suppress::META).severity())
}

/// Whether a document is a rule or notice of several systems, which [`per_system`] splits.
fn has_several_systems(doc: &LoadedDocument) -> bool {
    match &doc.document {
        Document::ExemptionRule(rule) => !rule.systems.is_empty(),
        Document::Sorn(sorn) => !sorn.systems.is_empty(),
    }
}

/// The loaded documents with every rule and notice of several systems in its per-system views.
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
            Document::Sorn(sorn) if !sorn.systems.is_empty() => {
                out.extend(sorn.per_system().into_iter().map(|view| LoadedDocument {
                    file: doc.file,
                    document: Document::Sorn(Box::new(view)),
                    clean: doc.clean,
                }));
            }
            _ => out.push(doc.clone()),
        }
    }
    out
}
