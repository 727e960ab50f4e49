use crate::check::Finding;
use crate::check::{Context, normalize_id};
use crate::model::Document;

crate::declare_rule! {
    /// ## What it checks
    /// That an exemption rule names its system exactly as the SORN does: the same identifier
    /// (e.g. `DHS/ICE-015`) and the same name.
    ///
    /// ## Why
    /// The rule exempts a system by naming it. A rule that names "DHS/ICE-016" or "LeadTrack"
    /// exempts, on its face, a different system, and the published pair cannot be matched by
    /// readers or by tools.
    ///
    /// ## Example
    /// ```toml
    /// # SORN
    /// id = "DHS/ICE-015"
    /// name = "LeadTrac System of Records"
    /// # rule
    /// id = "DHS/ICE-015"
    /// name = "Lead Trac System of Records"
    /// ```
    /// Use instead: the SORN's identifier and name, character for character.
    pub const META = ("system-mismatch", Consistency, Error, "The rule names the system differently from the SORN (number or name).");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (opening words)", "\"the head of any agency may promulgate rules, in accordance with the requirements (including general notice) of sections 553(b)(1), (2), and (3), (c), and (e) of this title, to exempt any system of records within the agency\""),
        (OmbPolicy, "OMB Circular A-108 (Dec. 2016; notice of availability, 81 FR 94424), Appendix II, \"Office of the Federal Register SORN Template - Full Notice\"", "the SORN identifies the system by its name and number (SYSTEM NAME AND NUMBER)"),
    ];
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Compares identifier and name of every SORN–rule pair.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for pair in &cx.pairs {
        let from = out.len();
        compare(cx, pair, out);
        super::note_pairing(cx, pair, &mut out[from..]);
    }
}

/// Compares identifier and name of one pair.
fn compare(cx: &Context<'_>, pair: &crate::check::Pair, out: &mut Vec<Finding>) {
    let (sorn_doc, rule_doc) = (&cx.documents[pair.sorn], &cx.documents[pair.rule]);
    let (Document::Sorn(sorn), Document::ExemptionRule(rule)) = (&sorn_doc.document, &rule_doc.document) else {
        return;
    };
    let (s_id, r_id) = (&sorn.system.id, &rule.system.id);
    if normalize_id(&s_id.value) != normalize_id(&r_id.value) || words(&s_id.value) != words(&r_id.value) {
        out.push(
            Finding::new(
                format!("the rule names system \"{}\", but its SORN is \"{}\"", r_id.value.trim(), s_id.value.trim()),
                cx.label(rule_doc.file, r_id.span.clone(), "the rule's identifier"),
            )
            .with_label(cx.label(sorn_doc.file, s_id.span.clone(), "the SORN's identifier"))
            .with_help(format!("write id = \"{}\" in both", s_id.value.trim())),
        );
    }
    let (s_name, r_name) = (&sorn.system.name, &rule.system.name);
    if words(&s_name.value) != words(&r_name.value) {
        out.push(
            Finding::new(
                format!(
                    "the rule names the system \"{}\", but its SORN calls it \"{}\"",
                    words(&r_name.value),
                    words(&s_name.value)
                ),
                cx.label(rule_doc.file, r_name.span.clone(), "the rule's name"),
            )
            .with_label(cx.label(sorn_doc.file, s_name.span.clone(), "the SORN's name"))
            .with_help(format!("write name = \"{}\" in both", words(&s_name.value))),
        );
    }
}
