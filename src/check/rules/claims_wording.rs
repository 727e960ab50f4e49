use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use super::{by_authority, difference, list};
use crate::check::Finding;
use crate::check::{Context, parsed_claims};
use crate::model::Document;
use crate::model::placeholders::ValueOrigin;
use crate::statute::{Authority, Subsection, claim_statements};

crate::declare_rule! {
    /// ## What it checks
    /// That the claim sentences a document prints in its own words (`wording`) state exactly the
    /// claims it types: the same authorities, and under each the same provisions. The diagnostic
    /// shows both lists and the difference.
    ///
    /// sorn reads a claim statement as a sentence that speaks of exempting and names the
    /// authorities (`pursuant to 5 U.S.C. 552a(k)(1) and (k)(2)`, `under subsection (j)(2)`) and
    /// the provisions (`from subsections (c)(3) and (4); (d); ...`, `the following provisions of
    /// the Privacy Act: 5 U.S.C. 552a(c)(3), ...`), in either order; several authorities in one
    /// sentence claim the same provisions each. A wording that lists the provisions alone is read
    /// with what names their authorities: DOJ's next paragraph ("These exemptions apply only to
    /// the extent that ... pursuant to 5 U.S.C. 552a(j)(2)"), or a DoD block's Authority caption
    /// (`exemptions.authority`: "5 U.S.C. 552a(k)(2).").
    ///
    /// ## Why
    /// With `wording`, readers see the agency's sentences and never the typed claims, while every
    /// other check reads only the typed claims. If the two drift, the published notice claims one
    /// thing and the checks vouch for another: a provision the (k)(2) sentence exempts but the
    /// typed claim omits escapes `unauthorized-exemption` and `unjustified-exemption`.
    ///
    /// ## Example
    /// ```toml
    /// [system.exemptions]
    /// wording = "Pursuant to 5 U.S.C. 552a(k)(2), the Department has exempted this system from subsections (c)(3), (d), and (e)(1) of the Privacy Act."
    ///
    /// [[system.exemptions.claims]]
    /// authority = "(k)(2)"
    /// subsections = ["(c)(3)", "(d)"]
    /// ```
    /// Use instead: the claim the sentence states.
    /// ```toml
    /// [[system.exemptions.claims]]
    /// authority = "(k)(2)"
    /// subsections = ["(c)(3)", "(d)", "(e)(1)"]
    /// ```
    pub const META = ("claims-wording", Exemptions, Error, "The claim sentences in the document's own words state other claims than it types.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (opening words)", "\"the head of any agency may promulgate rules, in accordance with the requirements (including general notice) of sections 553(b)(1), (2), and (3), (c), and (e) of this title, to exempt any system of records within the agency\""),
        (OmbPolicy, "OMB Circular A-108 (Dec. 2016; notice of availability, 81 FR 94424), Appendix II, \"Office of the Federal Register SORN Template - Full Notice\"", "the exemptions caption names each exempted provision and the authority for it"),
    ];
}

/// What a wording states under one authority: the provisions, and where it says so.
struct Stated {
    provisions: BTreeSet<Subsection>,
    authority_span: Range<usize>,
    provisions_span: Range<usize>,
}

/// Compares each document's `wording` with its typed claims, authority by authority.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        let (wording, key, table, after) = match &doc.document {
            Document::Sorn(s) => match s.system.exemptions.as_ref().and_then(|e| e.wording.as_ref()) {
                Some(w) => (w, "system.exemptions.wording", "system.exemptions", None),
                None => continue,
            },
            Document::ExemptionRule(r) => match &r.exemptions.wording {
                // A DoD block states the authorities under their own caption.
                Some(w) => (
                    w,
                    "exemptions.wording",
                    "exemptions",
                    r.exemptions.authority.as_ref().or(r.exemptions.reasons_intro.as_ref()),
                ),
                None => continue,
            },
        };
        let source = cx.text(doc.file);
        // DOJ's section paragraphs give the list in the claims paragraph and the authorities in
        // the first sentence of the reasons paragraph, DoD's blocks under the Authority caption:
        // read the two together when the wording alone states no claim.
        let mut text = wording.value.clone();
        let joined_at = match after {
            Some(intro) if claim_statements(&wording.value).is_empty() => {
                text.push(' ');
                let at = text.len();
                text.push_str(&intro.value);
                Some((at, intro))
            }
            _ => None,
        };
        // Each value's place in the source is found once, not once per finding.
        let wording_origin = ValueOrigin::new(source, wording.span.clone(), &wording.value);
        let intro_origin =
            joined_at.map(|(at, intro)| (at, ValueOrigin::new(source, intro.span.clone(), &intro.value)));
        let in_source = |inner: Range<usize>| match &intro_origin {
            Some((at, origin)) if inner.start >= *at => origin.range(inner.start - at..inner.end.saturating_sub(*at)),
            _ => wording_origin.range(inner.start..inner.end.min(wording.value.len())),
        };
        let statements = claim_statements(&text);
        let mut stated: BTreeMap<Authority, Stated> = BTreeMap::new();
        for statement in &statements {
            for authority in &statement.authorities {
                stated
                    .entry(*authority)
                    .or_insert_with(|| Stated {
                        provisions: BTreeSet::new(),
                        authority_span: in_source(statement.authorities_span.clone()),
                        provisions_span: in_source(statement.provisions_span.clone()),
                    })
                    .provisions
                    .extend(statement.provisions.iter().copied());
            }
        }
        let claims = parsed_claims(doc.file, doc.document.claims());
        if claims.iter().any(|c| c.untyped) {
            // The load error at the citation that names nothing is the one diagnostic of that cause.
            continue;
        }
        let typed = by_authority(&claims);
        let authorities: BTreeSet<Authority> = stated.keys().chain(typed.keys()).copied().collect();
        for authority in authorities {
            match (stated.get(&authority), typed.get(&authority)) {
                (Some(said), Some((set, claim))) => {
                    if said.provisions == *set {
                        continue;
                    }
                    let differ = difference(("the wording states", &said.provisions), ("the claim lists", set));
                    out.push(
                        Finding::new(format!(
                                "`{key}` and the typed claim differ under {authority}: {differ}"
                            ),
                            cx.label(
                                doc.file,
                                said.provisions_span.clone(),
                                format!("the wording: 5 U.S.C. 552a{}", list(&said.provisions)),
                            ),
                        )
                        .with_label(cx.label(
                            claim.file,
                            claim.authority_span.clone(),
                            format!("the claim: 5 U.S.C. 552a{}", list(set)),
                        ))
                        .with_help(
                            "make the two agree: readers see only the wording, and the checks read only the typed claim",
                        ),
                    );
                }
                (Some(said), None) => out.push(
                    Finding::new(
                        format!("`{key}` states exemptions under {authority}, but no claim is typed under {authority}"),
                        cx.label(
                            doc.file,
                            said.authority_span.clone(),
                            format!("the wording claims 5 U.S.C. 552a{} under {authority}", list(&said.provisions)),
                        ),
                    )
                    .with_label(cx.label(doc.file, cx.table_span(doc.file, table), "the typed claims"))
                    .with_help(format!(
                        "add a [[{table}.claims]] with authority = \"{authority}\" and its provisions, or take \
                         {authority} out of the wording"
                    )),
                ),
                (None, Some((set, claim))) => {
                    let help = if statements.is_empty() {
                        "sorn reads no claim statement in the wording: a sentence that speaks of exempting and \
                         names the authority (\"pursuant to 5 U.S.C. 552a(k)(2)\") and the provisions (\"from \
                         subsections (c)(3), (d), ...\")"
                            .to_string()
                    } else {
                        format!("state the {authority} claim in the wording, or remove it from [[{table}.claims]]")
                    };
                    out.push(
                        Finding::new(
                            format!("the claim under {authority} is not stated in `{key}`"),
                            cx.label(
                                claim.file,
                                claim.authority_span.clone(),
                                format!("the claim: 5 U.S.C. 552a{}", list(set)),
                            ),
                        )
                        .with_label(cx.label(
                            doc.file,
                            wording.span.clone(),
                            format!("the wording states no claim under {authority}"),
                        ))
                        .with_help(help),
                    );
                }
                (None, None) => {}
            }
        }
    }
}
