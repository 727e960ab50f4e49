use std::collections::BTreeSet;

use super::{by_authority, difference, list};
use crate::check::Finding;
use crate::check::{Context, parsed_claims};
use crate::statute::Authority;

crate::declare_rule! {
    /// ## What it checks
    /// That a SORN and its exemption rule claim the same provisions under the same authorities.
    /// The diagnostic shows both sides and the difference.
    ///
    /// ## Why
    /// The SORN must describe the exemptions the rule promulgates; a reader relies on the notice to
    /// know which rights the system's records are exempt from. Lists are copied between the two
    /// documents by hand and drift when one is revised.
    ///
    /// ## Example
    /// A SORN claiming `(j)(2)`: `(c)(3), (d), (e)(12)` beside a rule claiming `(j)(2)`:
    /// `(c)(3), (d)`.
    ///
    /// Use instead: the same list in both, as the rule promulgates it.
    pub const META = ("claims-mismatch", Consistency, Error, "The SORN and its exemption rule claim different provisions or authorities.");
    basis = [
        (OmbPolicy, "OMB Circular A-108 (Dec. 2016; notice of availability, 81 FR 94424), Appendix II, \"Office of the Federal Register SORN Template - Full Notice\"", "the SORN template's caption EXEMPTIONS PROMULGATED FOR THE SYSTEM states the exemptions the agency has promulgated by rule; 5 U.S.C. 552a(e)(4)(A)-(I) does not list exemptions among a SORN's elements"),
        (Statute, "5 U.S.C. 552a(j), (k) (opening words)", "\"the head of any agency may promulgate rules, in accordance with the requirements (including general notice) of sections 553(b)(1), (2), and (3), (c), and (e) of this title, to exempt any system of records within the agency\""),
    ];
}

/// Compares the claims of every SORN–rule pair, authority by authority.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for pair in &cx.pairs {
        let from = out.len();
        compare(cx, pair, out);
        super::note_pairing(cx, pair, &mut out[from..]);
    }
}

/// Compares the claims of one pair.
fn compare(cx: &Context<'_>, pair: &crate::check::Pair, out: &mut Vec<Finding>) {
    let sorn_doc = &cx.documents[pair.sorn];
    let rule_doc = &cx.documents[pair.rule];
    let sorn_claims = parsed_claims(sorn_doc.file, sorn_doc.document.claims());
    let rule_claims = parsed_claims(rule_doc.file, rule_doc.document.claims());
    if sorn_claims.iter().chain(&rule_claims).any(|c| c.untyped) {
        // A citation that names nothing is already an error at its place; comparing the lists
        // without it would report the same gap a second time.
        return;
    }
    let sorn_map = by_authority(&sorn_claims);
    let rule_map = by_authority(&rule_claims);
    let sorn_name = cx.name(sorn_doc.file).to_string();
    let rule_name = cx.name(rule_doc.file).to_string();
    let authorities: BTreeSet<Authority> = sorn_map.keys().chain(rule_map.keys()).copied().collect();
    for authority in authorities {
        match (sorn_map.get(&authority), rule_map.get(&authority)) {
            (Some((s_set, s_claim)), Some((r_set, r_claim))) => {
                if s_set == r_set {
                    continue;
                }
                let differ = difference(("the SORN claims", s_set), ("the rule claims", r_set));
                out.push(
                    Finding::new(
                        format!("the SORN and its rule claim different provisions under {authority}: {differ}"),
                        cx.label(
                            r_claim.file,
                            r_claim.authority_span.clone(),
                            format!("the rule: 5 U.S.C. 552a{}", list(r_set)),
                        ),
                    )
                    .with_label(cx.label(
                        s_claim.file,
                        s_claim.authority_span.clone(),
                        format!("the SORN: 5 U.S.C. 552a{}", list(s_set)),
                    ))
                    .with_help(format!(
                        "make the lists agree; the rule ({rule_name}) is what promulgates the exemptions"
                    )),
                );
            }
            (Some((s_set, s_claim)), None) => out.push(
                Finding::new(
                    format!("the SORN claims exemptions under {authority}, but its rule claims none under {authority}"),
                    cx.label(s_claim.file, s_claim.authority_span.clone(), format!("5 U.S.C. 552a{}", list(s_set))),
                )
                .with_label(cx.label(rule_doc.file, cx.table_span(rule_doc.file, "exemptions"), "the rule's claims"))
                .with_help(format!("add the {authority} claim to {rule_name}, or remove it from {sorn_name}")),
            ),
            (None, Some((r_set, r_claim))) => out.push(
                Finding::new(
                    format!("the rule claims exemptions under {authority}, but its SORN claims none under {authority}"),
                    cx.label(r_claim.file, r_claim.authority_span.clone(), format!("5 U.S.C. 552a{}", list(r_set))),
                )
                .with_label(cx.label(
                    sorn_doc.file,
                    cx.table_span(sorn_doc.file, "system.exemptions"),
                    "the SORN's claims",
                ))
                .with_help(format!("state the {authority} claim in {sorn_name} as the rule promulgates it")),
            ),
            (None, None) => {}
        }
    }
}
