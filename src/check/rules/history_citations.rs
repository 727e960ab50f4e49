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
    /// HISTORY is how a reader finds the system's earlier notices. In notices of the OMB Circular
    /// A-108 caption set it gives their Federal Register citations; a notice of a modified system
    /// cites the earlier notice (FERC-22, FR Doc. 2024-02813: "65 FR 21747, April 24, 2000.").
    /// A revision that does not cite what it revises, or drops an earlier notice from the list,
    /// breaks that trail. A-108 gives templates for a full notice and a notice of revision
    /// (Appendices II and III), but their text is not quoted here: what HISTORY lists is read
    /// from published notices. A convention, not the statute: a warning.
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
        (OmbPolicy, "OMB Circular A-108 (Dec. 2016; notice of availability, 81 FR 94424), Appendix II, \"Office of the Federal Register SORN Template – Full Notice\", and Appendix III, \"Office of the Federal Register SORN Template – Notice of Revision\"", "the circular gives templates for a full notice and a notice of revision (titles from its table of contents); sorn has not checked their wording, so whatever they say of HISTORY is neither quoted nor relied on"),
        (Convention, "notices of a modified system of records, e.g. FERC-22, FR Doc. 2024-02813, HISTORY", "HISTORY cites the earlier notice by Federal Register volume, page and date: \"65 FR 21747, April 24, 2000.\""),
        (Regulation, "1 CFR 5.8 (Form of citation)", "\"Federal Register material may be cited by volume and page number, and the short form “FR” may be used for “Federal Register”\""),
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
