use super::fr_citation::cited_pages;
use crate::check::{Context, Finding};
use crate::model::{Sorn, parse_fr_citation};

crate::declare_rule! {
    /// ## What it checks
    /// That the HISTORY of a revision (a SORN with `[revises]`) cites the notice it revises, and
    /// keeps the citations that notice's HISTORY listed.
    ///
    /// The predecessor's citation is `[revises] citation` ("81 FR 52700"): HISTORY must cite that
    /// volume and page. When only its publication date is known (`[revises] published`, or the
    /// `published` date of the predecessor's source), HISTORY must cite a notice of that date.
    /// When the predecessor's source is loaded (`[revises] source`), each FR citation in its
    /// HISTORY must still be in the revision's: a dropped one is reported. Citations compare by
    /// volume and page, whatever their spacing, commas or dates.
    ///
    /// ## Why
    /// HISTORY is how a reader finds the system's earlier notices: the last full notice and each
    /// revision since. A revision that does not cite what it revises, or drops an earlier notice
    /// from the list, breaks that trail.
    ///
    /// ## Example
    /// ```toml
    /// [revises]
    /// citation = "81 FR 52700"
    ///
    /// [system]
    /// history = "75 FR 412 (January 5, 2010)."
    /// ```
    /// Use instead: `history = "75 FR 412 (January 5, 2010); 81 FR 52700 (August 9, 2016)."`
    pub const META = ("history-citations", Structure, Warning, "The HISTORY of a revision does not cite the notice it revises, or drops a notice its predecessor's HISTORY cited.");
    basis = [
        (OmbPolicy, "OMB Circular A-108 (81 FR 94424, Dec. 23, 2016), Appendices II and III, \"Office of the Federal Register SORN Template\" (Full Notice; Notice of Revision), caption HISTORY", "sorn's reading of the template, whose text is not quoted here: HISTORY gives the Federal Register citations of the system's earlier notices, the last full notice and the revisions since; guidance, so a warning"),
        (Regulation, "1 CFR 5.8", "the Federal Register is cited by volume and page number, e.g. \"37 FR 6803\""),
    ];
}

/// Checks the HISTORY of every SORN that names a predecessor.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, sorn) in cx.sorns() {
        let Some(revises) = &sorn.revises else { continue };
        // A missing HISTORY is `missing-caption`'s to report.
        let Some(history) = &sorn.system.history else { continue };
        let cited = cited_pages(&history.value);
        let predecessor = cx.predecessor(index);
        let label = || cx.label(doc.file, history.span.clone(), "HISTORY");
        let wanted = revises.citation.as_ref().and_then(|c| parse_fr_citation(&c.value).map(|page| (c, page)));
        let published =
            revises.published.as_ref().map(|d| d.value.0).or_else(|| predecessor.and_then(|(_, _, p)| published(p)));
        if let Some((citation, page)) = wanted {
            if !cited.iter().any(|(p, _)| *p == page) {
                out.push(
                    Finding::new(
                        format!("HISTORY does not cite the notice this one revises ({})", citation.value.trim()),
                        label(),
                    )
                    .with_label(cx.label(doc.file, citation.span.clone(), "the predecessor"))
                    .with_help(format!("add \"{}\" with its publication date to HISTORY", citation.value.trim())),
                );
            }
        } else if let Some(date) = published
            && !cited.iter().any(|(_, d)| *d == Some(date))
        {
            out.push(
                Finding::new(
                    format!("HISTORY cites no notice of {}, the date of the notice this one revises", date),
                    label(),
                )
                .with_help("add the predecessor's FR citation and date to HISTORY (and `citation` to `[revises]`)"),
            );
        }
        let Some((_, p_doc, p_sorn)) = predecessor else { continue };
        let Some(earlier) = &p_sorn.system.history else { continue };
        let mut dropped: Vec<String> = Vec::new();
        for (page, _) in cited_pages(&earlier.value) {
            let text = format!("{} FR {}", page.0, page.1);
            if !cited.iter().any(|(p, _)| *p == page) && !dropped.contains(&text) {
                dropped.push(text);
            }
        }
        if !dropped.is_empty() {
            out.push(
                Finding::new(
                    format!("HISTORY drops {} that the predecessor's HISTORY cites", dropped.join(", ")),
                    label(),
                )
                .with_label(cx.label(p_doc.file, earlier.span.clone(), "the predecessor's HISTORY"))
                .with_help("keep the earlier notices in HISTORY and add the predecessor after them"),
            );
        }
    }
}

/// The publication date a SORN's source records for itself.
fn published(sorn: &Sorn) -> Option<jiff::civil::Date> {
    sorn.published.as_ref().map(|d| d.value.0)
}
