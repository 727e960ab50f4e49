use crate::check::Context;
use crate::check::Finding;
use crate::model::{Document, Sorn};

crate::declare_rule! {
    /// ## What it checks
    /// That a SORN claiming exemptions points at the rule that makes them: an exemption rule among
    /// the loaded sources (paired by `exemption_rule` or by system identifier), a link to one
    /// (`exemption_rule = "..."`), or, in its exemptions caption, SUMMARY or SUPPLEMENTARY
    /// INFORMATION, a citation of the rule: a CFR section or
    /// part ("6 CFR part 5, appendix C"), a Federal Register citation ("81 FR 85105"), or a
    /// mention of the final or proposed rule ("published elsewhere in this issue of the Federal
    /// Register").
    ///
    /// A SORN that links to a rule which is not loaded gets the `unpaired-document` note instead.
    /// An earlier version of a system (one a loaded SORN revises) is left alone: its rule goes
    /// with the current version. So is a SORN that `ambiguous-pairing` reports.
    ///
    /// ## Why
    /// A system of records is exempt only by a rule the agency promulgates under 5 U.S.C. 553;
    /// the SORN states exemptions, it cannot make them. A SORN that claims exemptions and names no
    /// rule either describes exemptions nobody promulgated or leaves the reader unable to find
    /// the reasons the statute requires.
    ///
    /// ## Example
    /// ```toml
    /// [system.exemptions]
    /// official = "the Secretary of Example Affairs"
    ///
    /// [[system.exemptions.claims]]
    /// authority = "(k)(2)"
    /// subsections = ["(c)(3)", "(d)"]
    /// ```
    /// with no rule loaded and no citation. Use instead: check the rule with the SORN, or cite it
    /// ("See 6 CFR part 5, appendix C, paragraph 75" in `system.exemptions.note`).
    pub const META = ("exemptions-without-rule", Consistency, Error, "A SORN claims exemptions but points at no exemption rule: none loaded, linked or cited.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (opening words)", "\"the head of any agency may promulgate rules, in accordance with the requirements (including general notice) of sections 553(b)(1), (2), and (3), (c), and (e) of this title, to exempt any system of records within the agency\""),
    ];
}

/// Whether prose cites an exemption rule: a CFR unit, an FR page, or the rule itself.
pub(crate) fn cites_rule(text: &str) -> bool {
    let lower = text.to_lowercase();
    // "<title> CFR <part or section>" and "<volume> FR <page>", as whole words.
    let numbered = |marker: &str| {
        lower.match_indices(marker).any(|(i, _)| {
            let before = lower[..i].trim_end();
            let after = &lower[i + marker.len()..];
            before.ends_with(|c: char| c.is_ascii_digit())
                && (after.starts_with(|c: char| c.is_ascii_digit()) || after.starts_with("part"))
        })
    };
    numbered(" cfr ")
        || numbered(" fr ")
        || [
            "final rule",
            "proposed rule",
            "rulemaking",
            "elsewhere in this issue",
            "promulgated",
            "rules have been published",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// The prose where a SORN points at its exemption rule: the exemptions caption, SUMMARY and
/// SUPPLEMENTARY INFORMATION. A citation of the agency's Privacy Act regulations in the record
/// access procedures ("6 CFR 5.21") does not name the exemption rule.
const POINTING_KEYS: &[&str] = &[
    "system.exemptions.wording",
    "system.exemptions.note",
    "system.exemptions.text",
    "notice.summary",
    "notice.supplementary",
];

/// Whether a SORN with claims points at an exemption rule by link or in its prose.
pub(crate) fn points_at_rule(doc: &Document, sorn: &Sorn) -> bool {
    sorn.exemption_rule.is_some()
        || doc.prose().iter().any(|(key, p)| POINTING_KEYS.contains(&key.as_str()) && cites_rule(&p.value))
}

/// Reports SORNs with claims that point at no exemption rule.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, sorn) in cx.sorns() {
        let Some(exemptions) = sorn.system.exemptions.as_ref().filter(|e| !e.claims.is_empty()) else { continue };
        // An earlier version's rule goes with the version after it; a SORN of an ambiguous
        // pairing is reported by `ambiguous-pairing`.
        if !cx.exemption_rules_of(index).is_empty()
            || points_at_rule(&doc.document, sorn)
            || cx.is_superseded(index)
            || cx.is_in_ambiguity(index)
        {
            continue;
        }
        let claim = &exemptions.claims[0];
        out.push(
            Finding::new(
                "the SORN claims exemptions, but no exemption rule is loaded, linked or cited",
                cx.label(doc.file, claim.authority.span.clone(), "claimed here"),
            )
            .with_help("check the SORN with its rule (`sorn check DIR`), set `exemption_rule = \"...\"`, or cite the rule (its CFR section or FR page) in `system.exemptions.note`"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::cites_rule;

    #[test]
    fn citations_of_a_rule() {
        assert!(cites_rule("See 6 CFR part 5, appendix C."));
        assert!(cites_rule("The final rule was published at 81 FR 85105."));
        assert!(cites_rule("A proposed rule is published elsewhere in this issue of the Federal Register."));
        assert!(!cites_rule("The Secretary has exempted this system from (c)(3) and (d)."));
        assert!(!cites_rule("in the FR and the CFR"));
        assert!(!cites_rule("exempted under (j)(2) from (c)(3) free of charge"));
    }
}
