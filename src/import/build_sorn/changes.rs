//! An alteration notice's "Changes:": each changed entry under its caption, with stars where
//! entries are left out; the replacement text for the routine uses caption read for its uses.

use super::super::captions::{self, SystemCaption, split_caption};
use super::super::unit::Unit;
use super::super::{Ctx, ImportError};
use super::layout::{body_unit, is_changes_caption, is_stars, is_system_caption, run_in_caption};
use super::uses::{RoutineUsesRead, read_routine_uses};
use crate::model::{Change, Element, Loc};

/// The entries after an alteration notice's "Changes:" caption: each system caption starts one,
/// other headings inside the replacement text stay in it as bold captions, and each line of stars
/// marks entries left out.
pub(super) fn changes(units: &[Unit], ctx: &mut Ctx) -> Result<Vec<Change>, Box<ImportError>> {
    let Some((first, rest)) = units.split_first() else { return Ok(Vec::new()) };
    debug_assert!(is_changes_caption(first));
    let mut entries: Vec<(Option<String>, Vec<Unit>, bool)> = Vec::new();
    let mut stars = false;
    for unit in rest {
        if is_stars(unit) {
            if stars {
                entries.push((None, Vec::new(), true));
            }
            stars = true;
            continue;
        }
        if let Some((_, split)) = is_system_caption(unit, true) {
            let body = if split.body.is_empty() { Vec::new() } else { vec![body_unit(&split, unit)] };
            entries.push((Some(split.caption.trim().to_string()), body, stars));
            stars = false;
            continue;
        }
        let unit = match split_caption(unit) {
            Some(split) if unit.is_heading() => run_in_caption(&split, unit),
            _ => unit.clone(),
        };
        match entries.last_mut() {
            Some((_, body, _)) if !stars => body.push(unit),
            _ => entries.push((None, vec![unit], std::mem::take(&mut stars))),
        }
    }
    if stars {
        entries.push((None, Vec::new(), true));
    }
    entries.into_iter().map(|(caption, body, stars)| change(caption, &body, stars, ctx)).collect()
}

/// One entry of "Changes:"; the replacement text for the routine uses caption is read for its
/// routine uses.
pub(super) fn change(
    caption: Option<String>,
    body: &[Unit],
    stars: bool,
    ctx: &mut Ctx,
) -> Result<Change, Box<ImportError>> {
    let routine =
        caption.as_deref().and_then(captions::system_caption) == Some(SystemCaption::Element(Element::RoutineUses));
    let read = if routine {
        read_routine_uses(body, ctx)?
    } else {
        RoutineUsesRead { intro: ctx.prose(body)?, ..RoutineUsesRead::default() }
    };
    Ok(Change {
        caption: caption.map(Loc::synthetic),
        text: read.intro,
        routine_uses: read.uses,
        routine_uses_note: read.note,
        stars,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::build_sorn::testing::{heading, para};

    #[test]
    fn alteration_changes_by_caption_with_stars() {
        let units = vec![
            heading("Changes:"),
            para("* * * * *"),
            heading("System identifier:"),
            para("Delete entry and replace with “EDHA 20 DoD.”"),
            para("* * * * *"),
            heading("Categories of records in the system:"),
            para("Delete entry and replace with “Demographic records: name."),
            heading("Other records:"),
            para("Medical history.”"),
            para("* * * * *"),
        ];
        let mut ctx = Ctx::default();
        let changes = changes(&units, &mut ctx).unwrap();
        let shape: Vec<(bool, Option<&str>)> =
            changes.iter().map(|c| (c.stars, c.caption.as_ref().map(|x| x.value.as_str()))).collect();
        assert_eq!(
            shape,
            [(true, Some("System identifier")), (true, Some("Categories of records in the system")), (true, None)]
        );
        let records = changes[1].text.as_ref().unwrap().value.as_str();
        assert!(records.contains("**Other records:**"), "a heading inside the replacement stays in it: {records}");
        assert!(ctx.warnings.is_empty() && ctx.unplaced.is_empty());
    }

    #[test]
    fn routine_uses_of_a_replacement_text_are_typed() {
        let units = vec![
            heading("Changes:"),
            heading("Routine uses of records maintained in the system:"),
            para(
                "Delete entry and replace with “In addition, records may be disclosed pursuant to 5 U.S.C. 552a(b)(3) as follows:",
            ),
            para("To the Department of State to plan evacuations."),
            para("To the American Red Cross to notify the sponsor."),
            para("The DoD Blanket Routine Uses may apply to this system.”"),
        ];
        let mut ctx = Ctx::default();
        let changes = changes(&units, &mut ctx).unwrap();
        let [change] = changes.as_slice() else { panic!("one change: {changes:?}") };
        assert_eq!(change.routine_uses.len(), 2);
        assert!(change.routine_uses.iter().all(|u| u.id.value.is_empty()));
        assert!(change.text.as_ref().unwrap().value.starts_with("Delete entry and replace with"));
        assert!(change.routine_uses_note.as_ref().unwrap().value.contains("Blanket Routine Uses"));
        assert!(ctx.warnings.is_empty() && ctx.unplaced.is_empty());
    }
}
