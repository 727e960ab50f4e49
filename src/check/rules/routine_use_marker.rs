use super::routine_use_notice::compared;
use crate::check::Context;
use crate::check::Finding;
use crate::model::{RoutineUseChange, Sorn};
use crate::revision::diff::RoutineUsesDiff;

crate::declare_rule! {
    /// ## What it checks
    /// That the `change` markers of a revision's routine uses agree with what changed since its
    /// predecessor (`[revises] source`, when that source is among those checked), as `sorn diff`
    /// compares them: routine uses are matched by what they say, so a use only relettered is not
    /// new. Each disagreement is reported once, at the marker (or the use's letter when it has
    /// none): a use added since the predecessor and not marked `change = "new"`, a reworded use
    /// not marked `change = "changed"`, a use marked `new` that the predecessor already had, and
    /// a use marked `changed` whose words did not change.
    ///
    /// ## Why
    /// The markers say which routine uses the notice adds or changes, the uses whose 30 days'
    /// notice 5 U.S.C. 552a(e)(11) requires; a reader, and every rule that times them, relies on
    /// them. A marker that disagrees with the two notices misleads about which uses wait.
    ///
    /// ## Example
    /// ```toml
    /// [[system.routine_uses]]
    /// id = "D"            # was "C" in the predecessor, same words
    /// change = "new"
    /// text = "To appropriate agencies, entities, and persons when ..."
    /// ```
    /// Use instead: no `change` marker on a use that is only relettered.
    pub const META = ("routine-use-marker", Structure, Warning, "A routine use's `change` marker disagrees with what changed since the predecessor.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(11)", "notice \"of any new use or intended use of the information in the system\" at least 30 days before"),
        (Convention, "sorn's `change` marker on a routine use", "marks the routine uses a notice of a modified system adds (`new`) or changes (`changed`)"),
    ];
}

/// Reports each marker that disagrees with the comparison with the predecessor.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, sorn) in cx.sorns() {
        if let Some(d) = compared(cx, index, sorn) {
            markers(cx, doc.file, sorn, &d, out);
        }
    }
}

/// Reports each `change` marker that disagrees with what the diff against the predecessor found.
fn markers(
    cx: &Context<'_>,
    file: crate::diagnostic::FileId,
    sorn: &Sorn,
    d: &RoutineUsesDiff,
    out: &mut Vec<Finding>,
) {
    let mut found: Vec<(usize, Option<RoutineUseChange>)> =
        d.added.iter().map(|u| (u.index, Some(RoutineUseChange::New))).collect();
    found.extend(d.changed.iter().map(|m| (m.new.index, Some(RoutineUseChange::Changed))));
    found.extend(d.relettered.iter().map(|m| (m.new.index, None)));
    let mut is: Vec<Option<RoutineUseChange>> = vec![None; sorn.system.routine_uses.len()];
    for (i, what) in found {
        if let Some(slot) = is.get_mut(i) {
            *slot = what;
        }
    }
    for (use_, actual) in sorn.system.routine_uses.iter().zip(is) {
        let marked = use_.change.as_ref().map(|c| c.value);
        let id = use_.id.value.trim();
        let message = match (marked, actual) {
            (None, Some(RoutineUseChange::New)) => {
                format!("routine use {id} is not in the predecessor, but is not marked `change = \"new\"`")
            }
            (None, Some(RoutineUseChange::Changed)) => format!(
                "routine use {id} says something else than the predecessor's, but is not marked `change = \"changed\"`"
            ),
            (Some(RoutineUseChange::New), Some(RoutineUseChange::Changed)) => {
                format!("routine use {id} is marked new, but the predecessor has it, in other words")
            }
            (Some(RoutineUseChange::New), None) => {
                format!("routine use {id} is marked new, but the predecessor has it")
            }
            (Some(RoutineUseChange::Changed), None) => {
                format!("routine use {id} is marked changed, but it says what the predecessor's says")
            }
            (Some(RoutineUseChange::Changed), Some(RoutineUseChange::New)) => {
                format!("routine use {id} is marked changed, but the predecessor has no such use: it is new")
            }
            _ => continue,
        };
        let span = use_.change.as_ref().map_or(use_.id.span.clone(), |c| c.span.clone());
        let fix = match actual {
            Some(RoutineUseChange::New) => "mark it `change = \"new\"`",
            Some(RoutineUseChange::Changed) => "mark it `change = \"changed\"`",
            None => "remove the `change` marker",
        };
        out.push(
            Finding::new(message, cx.label(file, span, "compared with the predecessor"))
                .with_help(format!("{fix}: 5 U.S.C. 552a(e)(11) times the new and changed routine uses, and the marker tells readers which they are (`sorn diff` shows the comparison)")),
        );
    }
}
