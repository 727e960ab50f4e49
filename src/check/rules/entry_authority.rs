use crate::check::Context;
use crate::check::Finding;

crate::declare_rule! {
    /// ## What it checks
    /// A rule that adds its system to the lists of a section (`[[cfr.entries]]`): each list it
    /// adds the system to is exempt under an authority the rule claims, and each authority it
    /// claims has a list the system joins.
    ///
    /// ## Why
    /// Where a section lists its exempt systems by authority (HHS 45 CFR 5b.11(b)(2)(i) the (j)(2)
    /// systems, (b)(2)(ii) the (k)(2) ones), the entry is what exempts the system: the list's
    /// paragraph names the provisions. An entry in the (k)(2) list without a (k)(2) claim exempts
    /// the system with no reasons stated; a (k)(2) claim with no entry in the (k)(2) list is
    /// stated in the preamble but made by no regulatory text.
    ///
    /// ## Example
    /// ```toml
    /// [[cfr.entries]]
    /// paragraph = "(b)(2)(ii)"
    /// designation = "(L)"
    /// authority = "(k)(2)"
    ///
    /// [[exemptions.claims]]
    /// authority = "(j)(2)"
    /// subsections = ["(c)(3)", "(d)"]
    /// ```
    /// Use instead: claim (k)(2) with its provisions and reasons, or add the system to the (j)(2)
    /// list.
    pub const META = ("entry-authority", Exemptions, Error, "A list entry and the rule's claims name different authorities.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k) (closing sentences)", "the agency exempts a system by rules promulgated under 5 U.S.C. 553 and \"shall include in the statement required under section 553(c) of this title, the reasons why the system of records is to be exempted from a provision of this section\": an entry in a list of one authority exempts the system under it, so the statement must claim it"),
        (Regulation, "1 CFR 21.20(a)", "\"Each amendatory document shall identify in specific terms the unit amended, and the extent of the changes made\": a claim the amendment does not make is not codified"),
    ];
}

/// Reports each entry whose list's authority no claim names; else each claim whose authority no
/// entry's list has, when every entry states its authority.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, rule) in cx.exemption_rules() {
        let entries = &rule.cfr.entries;
        let claims = &rule.exemptions.claims;
        if entries.is_empty() || claims.is_empty() {
            // No claim typed: `missing-section` says so once.
            continue;
        }
        let claimed: Vec<String> = claims.iter().map(|c| c.authority.value.written().trim().to_string()).collect();
        let listed: Vec<&str> = entries.iter().filter_map(|e| e.authority.as_ref()).map(|a| a.value.trim()).collect();
        let before = out.len();
        for entry in entries {
            let Some(authority) = &entry.authority else { continue };
            let a = authority.value.trim();
            if claimed.iter().any(|c| c == a) {
                continue;
            }
            out.push(
                Finding::new(
                    format!(
                        "the rule adds the system to the {a} list of paragraph {}, but claims no exemption under {a}",
                        entry.paragraph.value.trim()
                    ),
                    cx.label(doc.file, authority.span.clone(), "this list's authority"),
                )
                .with_help(format!("claim {a} with its provisions and reasons, or add the system to another list")),
            );
        }
        // An entry under the wrong authority also leaves a claim without its list: one cause, one
        // finding.
        if listed.len() < entries.len() || out.len() > before {
            continue;
        }
        for (claim, written) in claims.iter().zip(&claimed) {
            if listed.contains(&written.as_str()) {
                continue;
            }
            out.push(
                Finding::new(
                    format!("the rule claims {written}, but adds the system to no {written} list"),
                    cx.label(doc.file, claim.authority.span.clone(), "no entry makes this claim"),
                )
                .with_help(format!("add a `[[cfr.entries]]` for the section's {written} list, or drop the claim")),
            );
        }
    }
}
