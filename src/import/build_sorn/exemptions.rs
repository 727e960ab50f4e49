//! The exemptions caption of a notice: typed claims, the agency's wording, the note after them.

use super::super::unit::Unit;
use super::super::{Ctx, ImportError, claims};
use crate::model::{Exemptions, Loc};

pub(super) fn exemptions(units: &[Unit], ctx: &mut Ctx) -> Result<Exemptions, Box<ImportError>> {
    let mut out = Exemptions::default();
    let found: Vec<(usize, claims::ClaimsFound)> =
        units.iter().enumerate().filter_map(|(i, u)| claims::find(u.text()).map(|f| (i, f))).collect();
    match found.as_slice() {
        [] => out.text = ctx.prose(units)?,
        // Sentences sorn generates, at the start of the caption: claims and who exempts.
        [(0, only)] if only.official.is_some() && units[0].text()[..only.range.start].trim().is_empty() => {
            let first = &units[0];
            if let Some(generated) = only.normalized(&first.text()[only.range.clone()]) {
                ctx.warn(Some(first.line), format!("the claim sentences print as: {generated}"));
            }
            out.official = only.official.clone().map(Loc::synthetic);
            out.claims = only.to_model();
            let mut note = vec![Unit { rich: first.rich.from(only.range.end).trim(), ..first.clone() }];
            note.extend(units[1..].iter().cloned());
            out.note = ctx.prose(&note)?;
        }
        // The agency's own wording: kept, up to the end of its last claim sentence.
        [.., (last, last_found)] => {
            let runs: Vec<&claims::ClaimsFound> = found.iter().map(|(_, f)| f).collect();
            out.claims = claims::to_model(&claims::merged(&runs));
            let unit = &units[*last];
            let mut wording = units[..*last].to_vec();
            wording.push(Unit { rich: unit.rich.slice(0..last_found.range.end).trim(), ..unit.clone() });
            out.wording = ctx.prose(&wording)?;
            let mut note = vec![Unit { rich: unit.rich.from(last_found.range.end).trim(), ..unit.clone() }];
            note.extend(units[last + 1..].iter().cloned());
            out.note = ctx.prose(&note)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::build_sorn::testing::para;

    fn claims_text(e: &Exemptions) -> Vec<String> {
        e.claims
            .iter()
            .map(|c| {
                let subs: Vec<&str> = c.subsections.elements().map(|s| s.value).collect();
                format!("{} {}", c.authority.value.written(), subs.join(" "))
            })
            .collect()
    }

    fn value(p: &Option<crate::model::Prose>) -> Option<&str> {
        p.as_ref().map(|p| p.value.trim())
    }

    #[test]
    fn exemptions_none_or_proposed_without_a_list_stay_text() {
        let mut ctx = Ctx::default();
        let e = exemptions(&[para("None.")], &mut ctx).unwrap();
        assert!(e.claims.is_empty() && e.wording.is_none());
        assert_eq!(value(&e.text), Some("None."));
        let proposed = "DHS is issuing a notice of proposed rulemaking to exempt this system from certain \
                        provisions of the Privacy Act elsewhere in the Federal Register.";
        let e = exemptions(&[para(proposed)], &mut ctx).unwrap();
        assert!(e.claims.is_empty() && e.wording.is_none());
        assert_eq!(value(&e.text), Some(proposed));
        assert!(ctx.warnings.is_empty());
    }

    #[test]
    fn exemptions_in_the_generated_wording_are_generated() {
        let mut ctx = Ctx::default();
        let e = exemptions(
            &[para(
                "The Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(k)(2), has exempted this system \
                 from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3); (d); and (f). When a \
                 record received from another system has been exempted, DHS will claim the same exemptions.",
            )],
            &mut ctx,
        )
        .unwrap();
        assert_eq!(e.official.as_ref().map(|o| o.value.as_str()), Some("the Secretary of Homeland Security"));
        assert!(e.wording.is_none());
        assert_eq!(claims_text(&e), ["(k)(2) (c)(3) (d) (f)"]);
        assert!(value(&e.note).is_some_and(|n| n.starts_with("When a record")));
        assert!(ctx.warnings.is_empty());
    }

    #[test]
    fn exemptions_in_other_wordings_keep_them_over_paragraphs() {
        let mut ctx = Ctx::default();
        let units = [
            para(
                "Pursuant to 5 U.S.C. 552a(j)(2), the Department is proposing to exempt this system from the \
                 following provisions of the Privacy Act: subsections (c)(3) and (4); (d); and (g).",
            ),
            para(
                "Additionally, pursuant to 5 U.S.C. 552a(k)(1), (k)(2), and (k)(5), the Department is proposing \
                 to exempt this system from subsections (c)(3), (d), and (f). See the notice of proposed \
                 rulemaking published elsewhere in this issue.",
            ),
            para("Records received from other systems keep their exemptions."),
        ];
        let e = exemptions(&units, &mut ctx).unwrap();
        assert!(e.official.is_none());
        assert_eq!(
            claims_text(&e),
            ["(j)(2) (c)(3) (c)(4) (d) (g)", "(k)(1) (c)(3) (d) (f)", "(k)(2) (c)(3) (d) (f)", "(k)(5) (c)(3) (d) (f)"]
        );
        let wording = value(&e.wording).unwrap();
        assert!(wording.starts_with("Pursuant to 5 U.S.C. 552a(j)(2)"), "{wording}");
        assert!(wording.ends_with("subsections (c)(3), (d), and (f)."), "{wording}");
        assert!(wording.contains("\n\nAdditionally"), "the paragraphs stay paragraphs: {wording}");
        assert_eq!(
            value(&e.note),
            Some(
                "See the notice of proposed rulemaking published elsewhere in this issue.\n\nRecords received from \
                 other systems keep their exemptions."
            )
        );
        assert!(ctx.warnings.is_empty());
    }
}
