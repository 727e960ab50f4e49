use crate::check::Context;
use crate::check::Finding;
use crate::model::Action;
use crate::model::placeholders::todos;

crate::declare_rule! {
    /// ## What it checks
    /// That a notice rescinding a system of records (`action = "rescinded"`) says, in its SUMMARY
    /// or SUPPLEMENTARY INFORMATION, why the system is rescinded, and what becomes of its
    /// records. A reason is read from the words agencies state one with ("because", "no
    /// longer", "consolidated", "superseded", "covered by", "decommissioned", "duplicate", ...);
    /// a disposition from the words for what is done with records ("destroyed", "disposed of",
    /// "records schedule", "National Archives", "transferred", "maintained under", "covered
    /// by", "migrated", ...). A text with a `{todo}` still to write is left to `todo`.
    ///
    /// ## Why
    /// A rescindment is the public's only notice that a system's records stop being kept under
    /// its notice; without the reason and the records' fate a reader cannot tell whether the
    /// records were destroyed or now sit under another notice whose routine uses apply.
    /// Rescindments across agencies state both (DoD, 2023: items "are rescinded because the
    /// records are now maintained as part of" another DoD-wide system; HUD, FR Doc. 2022-20515,
    /// describes its notice as identifying the system, explaining the reason and accounting for
    /// the records). OMB Circular A-108 gives agencies the Office of the Federal Register's
    /// Notice of Rescindment Template (Appendix IV); its text is not quoted here, and sorn does
    /// not claim that it asks for a reason or a disposition. A convention, not the statute: a
    /// warning.
    ///
    /// ## Example
    /// ```toml
    /// action = "rescinded"
    /// [notice]
    /// summary = "The Department is rescinding the system of records notice EX-1, Example Records."
    /// ```
    /// Use instead: "EX-1 is rescinded because its records are now covered by EX-2, Example
    /// Case Files (85 FR 12345); the records remain under that notice."
    pub const META = ("rescindment-statement", Structure, Warning, "A rescindment that does not say why the system is rescinded or what becomes of its records.");
    basis = [
        (OmbPolicy, "OMB Circular A-108 (Dec. 2016; notice of availability, 81 FR 94424), Appendix IV, \"Office of the Federal Register Notice of Rescindment Template\"", "the circular gives a template for a notice of rescindment (title from its table of contents); sorn has not checked the template's wording, so it neither quotes it nor says it requires a reason or a disposition"),
        (Convention, "rescindment notices of many agencies, e.g. DoD, the rescindment of 26 notices effective June 30, 2023 (SUPPLEMENTARY INFORMATION)", "the notice states why each system is rescinded: \"Items (a) through (r) in the table are rescinded because the records are now maintained as part of the DoD-wide system of records titled DoD–0008\""),
        (Convention, "HUD, FR Doc. 2022-20515 (SUMMARY)", "the notice describes itself as identifying the system rescinded, explaining the reason, and accounting for the records"),
    ];
}

/// Words with which rescindments state their reason.
const REASON: &[&str] = &[
    "because",
    "no longer",
    "consolidat",
    "supersed",
    "duplicat",
    "covered by",
    "decommission",
    "retire",
    "terminat",
    "discontinu",
    "obsolete",
    "eliminat",
    "merged",
    "replaced by",
    "reason",
    "unnecessary",
    "not necessary",
    "now maintained",
    "moved to",
    "moved into",
    "ceased",
    "ended",
    "is not a system of records",
    "not retrieved",
];

/// Words with which rescindments say what becomes of the records.
const DISPOSITION: &[&str] = &[
    "destroy",
    "destruction",
    "dispos",
    "deleted",
    "schedule",
    "national archives",
    "nara",
    "transferred",
    "maintained under",
    "maintained as part of",
    "covered by",
    "migrated",
    "moved to",
    "retained",
    "archived",
    "expunged",
    "remain",
    "now maintained",
];

/// What the prose does not state, of the reason and the disposition.
fn unstated(prose: &[&str]) -> Vec<&'static str> {
    let lower = prose.join("\n").to_lowercase();
    [(REASON, "why the system is rescinded"), (DISPOSITION, "what becomes of its records")]
        .iter()
        .filter(|(words, _)| !words.iter().any(|w| lower.contains(w)))
        .map(|(_, what)| *what)
        .collect()
}

/// Reports a rescindment whose preamble states no reason, or no disposition of the records.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        if sorn.action.value != Action::Rescinded {
            continue;
        }
        let texts = [&sorn.notice.summary, &sorn.notice.supplementary];
        let prose: Vec<&str> = texts.iter().filter_map(|t| t.as_ref()).map(|t| t.value.as_str()).collect();
        if prose.iter().any(|t| !todos(t).is_empty()) {
            continue;
        }
        let missing = unstated(&prose);
        if missing.is_empty() {
            continue;
        }
        let span = sorn
            .notice
            .supplementary
            .as_ref()
            .or(sorn.notice.summary.as_ref())
            .map_or_else(|| cx.table_span(doc.file, "notice"), |p| p.span.clone());
        let what = missing.join(", nor ");
        out.push(
            Finding::new(
                format!("the rescindment does not say {what}"),
                cx.label(doc.file, span, format!("does not say {what}")),
            )
            .with_help("say in SUPPLEMENTARY INFORMATION why the notice is rescinded (decommissioned, covered by another notice: name and cite it) and what happens to the records (destroyed under their schedule, or kept under that notice)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::unstated;

    #[test]
    fn reasons_and_dispositions_in_the_words_of_published_rescindments() {
        // GSA: a program no longer run, the records that remain disposed of under their schedule.
        let gsa = "GSA is rescinding GSA/PBS-5 because GSA no longer administers a separate child care subsidy program. Records that remain will be disposed of in accordance with General Records Schedule 2.3, item 040.";
        assert!(unstated(&[gsa]).is_empty());
        // OPM (legacy "deletion"): superseded, the records incorporated into the republished system.
        let opm = "OPM is deleting the version of this system of records because it has been superseded. The records maintained under it have been incorporated into the republished system.";
        assert!(unstated(&[opm]).is_empty());
        assert_eq!(unstated(&["The notice was published on August 9, 2016."]).len(), 2);
        assert_eq!(unstated(&["The system is decommissioned."]), ["what becomes of its records"]);
    }
}
