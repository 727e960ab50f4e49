//! Claims and reasons stated in a rule's preamble (SUPPLEMENTARY INFORMATION) rather than in its
//! regulatory text, as agencies state them whose regulatory text only adds the system to a list
//! (HHS, SSA, Treasury): "Under 5 U.S.C. 552a(j)(2), this system is exempt from subsections
//! (c)(3), ...", "The reasons for the exemptions are as follows:", then the reasons, numbered or
//! under italic run-in heads, in the agency's own words.
//!
//! 5 U.S.C. 552a(j) and (k) ask the reasons of "the statement required under section 553(c)",
//! which the preamble is: the statement is typed the same way wherever it is printed, so that the
//! checks read claims and reasons alike for every form.

use super::unit::{Unit, UnitKind};
use super::{Ctx, ImportError, claims, justifications};
use crate::model::{Justification, Loc, Provisions, RuleExemptions, StatementPlace};

/// The preamble around and in the statement: the units before and after it, and what it states.
pub(super) struct PreambleStatement {
    /// SUPPLEMENTARY INFORMATION before the claims paragraph.
    pub(super) before: Vec<Unit>,
    /// The claims paragraph and the reasons' introduction.
    pub(super) exemptions: RuleExemptions,
    /// The reasons, each as printed (`leadin = "written"`).
    pub(super) justifications: Vec<Justification>,
    /// SUPPLEMENTARY INFORMATION after the last reason.
    pub(super) after: Vec<Unit>,
}

/// Finds the claims paragraph in `supplementary` (the first paragraph whose sentences state
/// claims), the reasons' introduction after it and the reasons after that; None when no paragraph
/// states claims.
pub(super) fn read(supplementary: &[Unit], ctx: &mut Ctx) -> Result<Option<PreambleStatement>, Box<ImportError>> {
    let claimed = supplementary.iter().enumerate().find_map(|(i, u)| {
        let paragraph = matches!(u.kind, UnitKind::Para | UnitKind::Item(_));
        paragraph.then(|| claims::find(&u.reading_rich().text).map(|f| (i, f))).flatten()
    });
    let Some((at, found)) = claimed else { return Ok(None) };
    let unit = &supplementary[at];
    let rich = unit.reading_rich();
    let mut exemptions = RuleExemptions {
        description: ctx.inline(&rich.slice(0..found.range.start).trim())?,
        official: None,
        wording: None,
        claims: found.to_model(),
        note: ctx.inline(&rich.from(found.range.end).trim())?,
        reasons_intro: None,
        authority: None,
        other_systems: None,
        place: Some(Loc::synthetic(StatementPlace::Preamble)),
    };
    match &found.official {
        Some(official) => exemptions.official = Some(Loc::synthetic(official.clone())),
        None => exemptions.wording = ctx.inline(&rich.slice(found.range.clone()))?,
    }
    let rest = &supplementary[at + 1..];
    let first_reason = rest.iter().position(is_reason);
    // The introduction: what stands between the claims and the first reason, when it is short
    // and ends in a colon ("The reasons for the exemptions are as follows:").
    let intro_len = match first_reason {
        Some(k) if k <= 2 && rest[..k].iter().all(|u| !u.is_heading()) => k,
        _ => 0,
    };
    exemptions.reasons_intro = ctx.prose(&rest[..intro_len])?;
    let mut justifications = Vec::new();
    let mut end = intro_len;
    if intro_len > 0 || first_reason == Some(0) {
        while let Some(unit) = rest.get(end) {
            if unit.is_heading() {
                break;
            }
            match justifications::written_provisions(&unit.reading()) {
                Some(subsections) => {
                    let text =
                        ctx.inline(&unit.reading_rich().trim())?.unwrap_or_else(|| Loc::synthetic(String::new()));
                    justifications.push(Justification {
                        subsections: Some(Provisions::of(&subsections)),
                        heading: None,
                        covers: None,
                        leadin: None,
                        text,
                    });
                }
                // A paragraph between two reasons continues the one before it; after the last
                // reason the preamble goes on.
                None if justifications.is_empty() || !rest.get(end + 1).is_some_and(is_reason) => break,
                None => match (justifications.last_mut(), ctx.inline(&unit.reading_rich().trim())?) {
                    (Some(j), Some(more)) => {
                        j.text = Loc::synthetic(super::emit::prose_value(format!(
                            "{}\n\n{}",
                            j.text.value.trim_end(),
                            more.value.trim_end()
                        )));
                    }
                    _ => break,
                },
            }
            end += 1;
        }
    }
    if justifications.is_empty() {
        exemptions.reasons_intro = None;
        end = 0;
    }
    Ok(Some(PreambleStatement {
        before: supplementary[..at].to_vec(),
        exemptions,
        justifications,
        after: rest[end..].to_vec(),
    }))
}

/// Whether a unit opens a reason: its provisions first, after a number or an italic run-in head.
fn is_reason(unit: &Unit) -> bool {
    !unit.is_heading() && justifications::written_provisions(&unit.reading()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statement(markdown: &str) -> Option<PreambleStatement> {
        let units = super::super::text::read_markdown(markdown);
        read(&units, &mut Ctx::default()).unwrap()
    }

    fn provisions(j: &Justification) -> Vec<String> {
        j.subsections.iter().flat_map(|p| p.subsections()).map(|s| s.to_string()).collect()
    }

    #[test]
    fn claims_intro_and_numbered_reasons() {
        let st = statement(
            "### I. Background\n\nHHS proposed the rule on February 24, 2015.\n\n\
             Under 5 U.S.C. 552a(k)(2), this system is exempt from subsections (c)(3) and (d) of the Privacy Act.\n\n\
             The reasons for the exemptions are as follows:\n\n\
             (1) Subsection (c)(3), accounting of disclosures. Release would alert the subject.\n\n\
             The accounting would also reveal sources.\n\n\
             (2) Subsection (d), access to records. Access would reveal the investigation.\n\n\
             ### II. Comments\n\nNone were received.\n",
        )
        .unwrap();
        assert_eq!(st.before.len(), 2);
        assert_eq!(st.exemptions.claims.len(), 1);
        assert_eq!(st.exemptions.place(), StatementPlace::Preamble);
        assert_eq!(
            st.exemptions.reasons_intro.as_ref().unwrap().value.trim(),
            "The reasons for the exemptions are as follows:"
        );
        assert_eq!(st.justifications.iter().map(provisions).collect::<Vec<_>>(), [vec!["(c)(3)"], vec!["(d)"]]);
        // A paragraph between two reasons continues the first.
        assert!(st.justifications[0].text.value.contains("also reveal sources"));
        assert_eq!(st.after.len(), 2);
    }

    #[test]
    fn italic_run_in_reasons_and_what_follows_them() {
        let st = statement(
            "We propose to exempt the system under 5 U.S.C. 552a(k)(2) from subsections (c)(3) and (d)(1) through (d)(4).\n\n\
             We are proposing these exemptions for the following reasons:\n\n\
             *Subsection (c)(3).* Providing an accounting would alert the subject.\n\n\
             *Subsections (d)(1) through (d)(4).* Access would reveal sources.\n\n\
             *Regulatory Flexibility Act.* We certify that the rule has no significant impact.\n",
        )
        .unwrap();
        assert_eq!(st.justifications.len(), 2);
        assert_eq!(provisions(&st.justifications[1]), ["(d)(1)", "(d)(2)", "(d)(3)", "(d)(4)"]);
        assert_eq!(st.after.len(), 1);
    }

    #[test]
    fn a_preamble_without_claims_is_no_statement() {
        assert!(statement("The Department proposes to exempt a system of records.\n\nNo comments.\n").is_none());
    }
}
