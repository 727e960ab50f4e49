use super::fr_citation::cited_pages;
use crate::check::{Context, Finding};
use crate::model::{Action, Document};

/// The prose where a revision cites the notices before it.
const CITING_KEYS: &[&str] = &["system.history", "notice.summary", "notice.supplementary"];

/// Whether a notice cites an earlier Federal Register notice where a reader looks for one.
fn cites_a_notice(doc: &Document) -> bool {
    doc.prose().iter().any(|(key, p)| CITING_KEYS.contains(&key.as_str()) && !cited_pages(&p.value).is_empty())
}

crate::declare_rule! {
    /// ## What it checks
    /// That `[revises]` and `action` agree: a modified or rescinded SORN names the notice it
    /// changes, in a `[revises]` table (its source in the project, its FR citation, or both) or at
    /// least by an FR citation in its HISTORY, SUMMARY or SUPPLEMENTARY INFORMATION (as a
    /// published notice brought in with `sorn import` does); and a new system
    /// (`action = "new"`) has no `[revises]`.
    ///
    /// ## Why
    /// The Privacy Act asks for a notice "upon establishment or revision" of a system: a revision
    /// changes a published notice, and a reader (and sorn) needs to know which. The statute does
    /// not say how a revision names it; published revisions cite it, in HISTORY or the preamble
    /// (FERC-22, FR Doc. 2024-02813, HISTORY: "65 FR 21747, April 24, 2000."), so a citation
    /// there is enough. With `[revises]` sorn compares the versions (`history-citations`,
    /// `exemption-change`) and pairs a rule with the current one; without it, it cannot. A new
    /// system revises nothing: a `[revises]` table on one means the action or the table is wrong.
    /// A convention, not the statute: a warning.
    ///
    /// ## Example
    /// ```toml
    /// action = "modified"
    /// # no [revises]
    /// ```
    /// Use instead:
    /// ```toml
    /// action = "modified"
    ///
    /// [revises]
    /// source = "dea-oig-001-2016.toml"
    /// citation = "81 FR 52700"
    /// ```
    pub const META = ("revision-link", Structure, Warning, "A modified or rescinded SORN names no predecessor in `[revises]`, or a new one has a `[revises]` table.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(4) (opening words)", "each agency that maintains a system of records shall \"publish in the Federal Register upon establishment or revision a notice of the existence and character of the system of records\""),
        (Convention, "notices of a modified system of records, e.g. FERC-22, FR Doc. 2024-02813", "the notice names what it revises: its SUPPLEMENTARY INFORMATION lists the sections \"updated to reflect changes made since the publication of the last notice in the Federal Register\", and its HISTORY cites the earlier notice, \"65 FR 21747, April 24, 2000.\""),
        (Convention, "sorn's `[revises]` table", "a revision names what it revises so that the versions of a system can be compared; which notice a revision changes is a fact the source should state, not one sorn infers"),
    ];
}

/// One finding per SORN whose `[revises]` contradicts its action.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        let action = &sorn.action;
        match (action.value, &sorn.revises) {
            (Action::New, Some(_)) => out.push(
                Finding::new(
                    "a new system revises no notice, but this one has a `[revises]` table",
                    cx.label(doc.file, cx.table_span(doc.file, "revises"), "names a predecessor"),
                )
                .with_label(cx.label(doc.file, action.span.clone(), "a new system"))
                .with_help("set `action = \"modified\"` if the notice revises a published one, or remove `[revises]`"),
            ),
            (Action::Modified | Action::Rescinded, None) if !cites_a_notice(&doc.document) => {
                let kind = if action.value == Action::Modified { "modified" } else { "rescinded" };
                out.push(
                    Finding::new(
                        format!("a {kind} SORN names no predecessor: neither `[revises]` nor its prose cites the notice it changes"),
                        cx.label(doc.file, action.span.clone(), "no `[revises]` table"),
                    )
                    .with_help("add `[revises]` with the predecessor's `source` (its path in the project) or `citation` (\"81 FR 52700\")"),
                );
            }
            _ => {}
        }
    }
}
