use std::collections::BTreeMap;

use crate::check::Finding;
use crate::check::{Context, justified_citations, letter, parsed_claims};

crate::declare_rule! {
    /// ## What it checks
    /// That a provision appears once in each claim, and in at most one justification.
    ///
    /// ## Why
    /// A repeated provision is harmless in law but is the mark of a list edited by hand: often the
    /// second entry was meant to be a different provision (`(e)(4)(H)` typed twice instead of
    /// `(e)(4)(H)` and `(e)(4)(I)`), or two reasons compete for one provision.
    ///
    /// ## Example
    /// ```toml
    /// subsections = ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(H)"]
    /// ```
    /// Use instead:
    /// ```toml
    /// subsections = ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]
    /// ```
    pub const META = ("duplicate-subsection", Exemptions, Warning, "The same provision twice in one claim or in two justifications.");
    basis = [
        (Convention, "published exemption rules (e.g. 6 CFR part 5, appendix C; 28 CFR 16.70-16.139)", "each exempted provision is listed once, and given one reason"),
    ];
}

/// Reports repeated provisions within each claim and across a rule's justifications.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        for claim in parsed_claims(doc.file, doc.document.claims()) {
            // The first place of each provision, so that a long list is read once.
            let mut firsts: BTreeMap<String, usize> = BTreeMap::new();
            for (i, (subsection, span)) in claim.subsections.iter().enumerate() {
                let at = *firsts.entry(subsection.to_string()).or_insert(i);
                if let Some((_, first)) = (at < i).then(|| &claim.subsections[at]) {
                    let under = claim.authority.map_or(String::new(), |a| format!(" under {a}"));
                    out.push(
                        Finding::new(
                            format!("{subsection} is claimed twice{under}"),
                            cx.label(claim.file, span.clone(), "again here"),
                        )
                        .with_label(cx.label(claim.file, first.clone(), "first here"))
                        .with_help("remove the repeated entry, or correct it to the provision meant"),
                    );
                }
            }
        }
    }
    for (_, doc, rule) in cx.exemption_rules() {
        let cited = justified_citations(rule);
        let mut firsts: BTreeMap<String, usize> = BTreeMap::new();
        for (i, j) in cited.iter().enumerate() {
            let at = *firsts.entry(j.subsection.to_string()).or_insert(i);
            if let Some(first) = (at < i).then(|| &cited[at]) {
                let message = if first.justification == j.justification {
                    format!("justification {} names {} twice", letter(rule, j.justification), j.subsection)
                } else {
                    format!(
                        "{} is justified twice, in {} and {}",
                        j.subsection,
                        letter(rule, first.justification),
                        letter(rule, j.justification)
                    )
                };
                out.push(
                    Finding::new(message, cx.label(doc.file, j.span.clone(), "again here"))
                        .with_label(cx.label(doc.file, first.span.clone(), "first here"))
                        .with_help("give each provision one reason; merge the two justifications if both apply"),
                );
            }
        }
    }
}
