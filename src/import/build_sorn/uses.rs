//! The routine uses of a caption's text, with the lead-in before them and the note after.

use super::super::unit::{Unit, UnitKind};
use super::super::{Ctx, ImportError, routine_uses};
use crate::model::{Loc, Prose, RoutineUse, System};

/// A routine uses caption's text read: the text before the uses, the uses, the text after them.
#[derive(Default)]
pub(super) struct RoutineUsesRead {
    pub(super) intro: Option<Prose>,
    pub(super) uses: Vec<RoutineUse>,
    pub(super) note: Option<Prose>,
}

/// Reads the routine uses of a caption's text (the system's, or an alteration's replacement text
/// for it). Text with no uses sorn can find is kept whole as the lead-in, with a warning.
pub(super) fn read_routine_uses(units: &[Unit], ctx: &mut Ctx) -> Result<RoutineUsesRead, Box<ImportError>> {
    let found = routine_uses::find(units);
    let Some(first) = found.starts.first() else {
        if !units.is_empty() {
            ctx.warn(
                units.first().map(|u| u.line),
                "no lettered, numbered or bulleted routine uses found; the text is kept as the lead-in",
            );
        }
        return Ok(RoutineUsesRead { intro: ctx.prose(units)?, ..RoutineUsesRead::default() });
    };
    if found.style == Some(routine_uses::Style::Bullet) {
        ctx.warn(
            units.get(first.unit).map(|u| u.line),
            "bulleted routine uses are numbered 1, 2, ... (sorn gives every routine use an id)",
        );
    }
    let mut read = RoutineUsesRead { intro: ctx.prose(&units[..first.unit])?, ..RoutineUsesRead::default() };
    let uses_end = found.note.unwrap_or(units.len());
    for (k, start) in found.starts.iter().enumerate() {
        let end = found.starts.get(k + 1).map_or(uses_end, |s| s.unit);
        let head = &units[start.unit];
        let mut body = vec![Unit {
            kind: UnitKind::Para,
            rich: head.reading_rich().from(start.text_at).trim(),
            line: head.line,
            depth: 0,
        }];
        body.extend(units[start.unit + 1..end].iter().cloned());
        let text = ctx.prose(&body)?.unwrap_or_else(|| Loc::synthetic(String::new()));
        read.uses.push(RoutineUse { id: Loc::synthetic(start.id.clone()), text, change: None });
    }
    read.note = ctx.prose(&units[uses_end..])?;
    Ok(read)
}

pub(super) fn routine_uses_into(system: &mut System, units: &[Unit], ctx: &mut Ctx) -> Result<(), Box<ImportError>> {
    let read = read_routine_uses(units, ctx)?;
    system.routine_uses_intro = read.intro;
    system.routine_uses = read.uses;
    system.routine_uses_note = read.note;
    Ok(())
}
