use crate::check::Context;
use crate::check::Finding;
use crate::model::{Action, Element, Sorn};
use crate::revision::diff::{SystemDiff, diff};

crate::declare_rule! {
    /// ## What it checks
    /// That the preamble of a revision explains what it changes. The revision is compared with
    /// its predecessor (`[revises] source`, when that source is among those checked), as
    /// `sorn diff` compares them; each caption that changed and that neither the SUMMARY nor the
    /// SUPPLEMENTARY INFORMATION mentions is reported once, pointing at the caption, with its
    /// name. HISTORY, which every revision extends, is left out.
    ///
    /// A caption is *mentioned* when the preamble (in any case) names it or one of its usual
    /// words: "location" or "address" for the system location, "manager", "authority",
    /// "purpose", "categories of individuals", "categories of records" (or an item the revision
    /// adds to them), "record source", "storage" or "stored", "retrieval", "retention" or
    /// "disposal", "safeguard" or "security", "access procedure", "contest", "notification",
    /// "classification"; "routine use" or "disclos" for the routine uses; "exempt" for the
    /// exemptions; "name" or "number" for the system name and number. A preamble that calls the
    /// revision's edits "editorial", "technical", "administrative" or "non-substantive", or says
    /// it conforms the notice to OMB Circular A-108, mentions every reworded prose caption; new
    /// routine uses, categories and exemptions must still be named.
    ///
    /// ## Why
    /// The statute requires a notice "upon establishment or revision" of a system; it does not
    /// say how a revision presents its changes. Notices of a modified system say so in their
    /// preamble (FERC-22, FR Doc. 2024-02813: "The following sections have been updated to
    /// reflect changes made since the publication of the last notice in the Federal Register",
    /// then each section named), so that a reader of the Federal Register need not compare the
    /// two notices to learn that the system moved or discloses to someone new. OMB Circular
    /// A-108 gives agencies the Office of the Federal Register's template for a notice of
    /// revision (Appendix III); its text is not quoted here, and sorn does not claim that it
    /// asks for a summary of changes. A convention, not the statute: a warning.
    ///
    /// ## Example
    /// ```toml
    /// [notice]
    /// supplementary = "The Department is adding a routine use for disclosures to NARA."
    ///
    /// [system]
    /// location = "1100 Commerce Street, Dallas, TX 75242."   # moved since the predecessor
    /// ```
    /// Use instead:
    /// ```toml
    /// [notice]
    /// supplementary = "The Department is adding a routine use for disclosures to NARA and is updating the system location."
    /// ```
    pub const META = ("unexplained-change", Structure, Warning, "A revision changes a caption that its SUMMARY and SUPPLEMENTARY INFORMATION never mention.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(4) (opening words)", "each agency that maintains a system of records shall \"publish in the Federal Register upon establishment or revision a notice of the existence and character of the system of records\"; the statute does not say how a notice of revision describes its changes"),
        (OmbPolicy, "OMB Circular A-108 (Dec. 2016; notice of availability, 81 FR 94424), Appendix III, \"Office of the Federal Register SORN Template – Notice of Revision\"", "the circular gives a template for a notice of revision (title from the circular's table of contents); sorn has not checked the template's wording, so it neither quotes it nor says it requires the changes to be explained"),
        (Convention, "notices of a modified system of records, e.g. FERC-22, FR Doc. 2024-02813 (SUPPLEMENTARY INFORMATION)", "\"The following sections have been updated to reflect changes made since the publication of the last notice in the Federal Register\", then each section named"),
    ];
}

/// Words that, in a preamble, describe every reworded caption at once.
const BLANKET: &[&str] =
    &["editorial", "technical", "administrative", "non-substantive", "nonsubstantive", "a-108", "a108"];

/// The words that mention a caption.
fn synonyms(element: Element) -> &'static [&'static str] {
    match element {
        Element::SecurityClassification => &["classification", "classified"],
        Element::Location => &["location", "located", "address", "relocat", "move"],
        Element::Managers => &["manager"],
        Element::Authority => &["authority", "authorities"],
        Element::Purposes => &["purpose"],
        Element::Individuals => &["categories of individuals", "category of individuals", "individuals covered"],
        Element::Records => &["categories of records", "category of records", "record categories", "data elements"],
        Element::RecordSources => &["record source", "sources of records", "source categories"],
        Element::ConsumerReporting => &["consumer reporting"],
        Element::Policies => {
            &["storage", "stored", "retriev", "retention", "dispos", "safeguard", "policies and practices"]
        }
        Element::Storage => &["storage", "stored", "store "],
        Element::Retrieval => &["retriev"],
        Element::Retention => &["retention", "retain", "dispos", "records schedule", "grs"],
        Element::Safeguards => &["safeguard", "security"],
        Element::Notification => &["notification"],
        Element::RecordAccess => &["access procedure", "record access", "records access"],
        Element::Contesting => &["contest"],
        Element::RoutineUses => &["routine use", "disclos"],
        Element::Exemptions => &["exempt"],
        Element::SystemName => &["name", "number"],
        Element::History => &["history"],
    }
}

/// Reports each changed caption of a revision that its preamble does not mention.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, sorn) in cx.sorns() {
        if sorn.action.value == Action::Rescinded {
            continue;
        }
        let Some((_, _, old)) = cx.predecessor(index) else { continue };
        let d = diff(old, sorn);
        let preamble = preamble_text(sorn);
        let blanket = BLANKET.iter().any(|w| preamble.contains(w));
        let said = |element: Element, extra: &[String]| {
            synonyms(element).iter().any(|w| preamble.contains(w))
                || extra.iter().any(|item| preamble.contains(&item.to_lowercase()))
        };
        let supplementary = sorn.notice.supplementary.as_ref().map(|p| p.span.clone());
        let mut report = |caption: String, span: std::ops::Range<usize>| {
            let mut f = Finding::new(
                format!(
                    "the revision changes {caption}, but the SUMMARY and SUPPLEMENTARY INFORMATION never mention it"
                ),
                cx.label(doc.file, span, "changed since the predecessor"),
            )
            .with_help(
                "say in `notice.supplementary` what changed here (`sorn diff --draft` drafts a summary of changes)",
            );
            if let Some(s) = supplementary.clone() {
                f = f.with_label(cx.label(doc.file, s, "not mentioned here"));
            }
            out.push(f);
        };
        for c in d.changed_captions() {
            let items: Vec<String> = c.items_added.iter().chain(&c.items_removed).cloned().collect();
            let new_items = !items.is_empty();
            if said(c.element, &items) || (blanket && !new_items) {
                continue;
            }
            let span =
                sorn.system.prose(c.element).map_or_else(|| cx.table_span(doc.file, "system"), |p| p.span.clone());
            report(c.caption.clone(), span);
        }
        if let Some(span) = unexplained_uses(&d, sorn, &|e| said(e, &[])) {
            report(crate::revision::diff::caption_name(sorn, Element::RoutineUses), span);
        }
        if !d.exemptions.authorities.is_empty() && !said(Element::Exemptions, &[]) {
            let span = first_claim_span(sorn).unwrap_or_else(|| cx.table_span(doc.file, "system.exemptions"));
            report(crate::revision::diff::caption_name(sorn, Element::Exemptions), span);
        }
        if (d.identifier.changed() || d.name.changed()) && !said(Element::SystemName, &[]) {
            report(crate::revision::diff::caption_name(sorn, Element::SystemName), sorn.system.id.span.clone());
        }
    }
}

/// The SUMMARY and SUPPLEMENTARY INFORMATION, in lower case, one space between words.
fn preamble_text(sorn: &Sorn) -> String {
    let parts = [sorn.notice.summary.as_ref(), sorn.notice.supplementary.as_ref()];
    let text: Vec<&str> = parts.iter().flatten().map(|p| p.value.as_str()).collect();
    text.join(" ").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Where to point when routine uses were added, removed or changed and the preamble does not say
/// so: the first added or changed use, else the lead-in or the system table.
fn unexplained_uses(d: &SystemDiff, sorn: &Sorn, said: &dyn Fn(Element) -> bool) -> Option<std::ops::Range<usize>> {
    let r = &d.routine_uses;
    if !r.has_changes() || said(Element::RoutineUses) {
        return None;
    }
    let first = r.added.iter().chain(r.changed.iter().map(|m| &m.new)).map(|u| u.index).min();
    let span = first
        .and_then(|i| sorn.system.routine_uses.get(i))
        .map(|u| u.id.span.clone())
        .or_else(|| sorn.system.routine_uses_intro.as_ref().map(|p| p.span.clone()))
        .unwrap_or_else(|| sorn.system.id.span.clone());
    Some(span)
}

fn first_claim_span(sorn: &Sorn) -> Option<std::ops::Range<usize>> {
    let e = sorn.system.exemptions.as_ref()?;
    e.claims.first().map(|c| c.authority.span.clone()).or_else(|| e.text.as_ref().map(|t| t.span.clone()))
}
