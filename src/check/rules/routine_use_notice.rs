use crate::check::Context;
use crate::check::Finding;
use crate::model::{Action, RoutineUse, Sorn};
use crate::revision::diff::{RoutineUsesDiff, diff};

crate::declare_rule! {
    /// ## What it checks
    /// That the routine uses a notice adds or changes take effect no earlier than 30 days after
    /// publication (`effective_days` of 30 or more). Whether comments close before they take
    /// effect is `routine-use-comments`'s, since only OMB policy asks it.
    ///
    /// In a notice of a new system every routine use is new. A revision whose predecessor is
    /// loaded (`[revises] source`) times the routine uses that `sorn diff` finds added or
    /// changed, matched by what they say (a use only relettered is not new), and only those: a
    /// modified notice whose routine uses stay as they were may take effect on publication.
    /// (`routine-use-marker` reports `change` markers that disagree with that comparison.)
    ///
    /// Without a loaded predecessor, only the routine uses marked `change = "new"` or
    /// `change = "changed"` are timed. Notices whose DATES text is written out (`notice.dates`)
    /// are not checked for the 30 days here: their wording may time the system and its routine
    /// uses separately.
    ///
    /// ## Why
    /// A routine use is a standing permission to disclose records outside the agency without the
    /// individual's consent. The statute requires 30 days' published notice of a new or intended
    /// use, with an opportunity to comment. A shorter period is a defect the Office of the Federal
    /// Register will not catch.
    ///
    /// ## Example
    /// ```toml
    /// action = "modified"
    ///
    /// [notice]
    /// comment_days = 30
    /// effective_days = 15
    ///
    /// [[system.routine_uses]]
    /// id = "K"
    /// text = "To a former employee ..."
    /// change = "new"
    /// ```
    /// Use instead:
    /// ```toml
    /// [notice]
    /// comment_days = 30
    /// effective_days = 30
    /// ```
    pub const META = ("routine-use-notice", Exemptions, Error, "New or changed routine uses would take effect less than 30 days after publication.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(11)", "\"at least 30 days prior to publication of information under paragraph (4)(D) of this subsection, publish in the Federal Register notice of any new use or intended use of the information in the system, and provide an opportunity for interested persons to submit written data, views, or arguments to the agency\""),
    ];
}

/// The routine uses of a revision compared with its predecessor's, when the predecessor is loaded.
pub(crate) fn compared(cx: &Context<'_>, index: usize, sorn: &Sorn) -> Option<RoutineUsesDiff> {
    let (_, _, old) = cx.predecessor(index)?;
    Some(diff(old, sorn).routine_uses)
}

/// The routine uses whose notice 5 U.S.C. 552a(e)(11) times: all of a new system's; those a
/// revision adds or changes since its loaded predecessor; else those a modified system's notice
/// marks as new or changed.
pub(crate) fn timed<'s>(cx: &Context<'_>, index: usize, sorn: &'s Sorn) -> Vec<&'s RoutineUse> {
    if sorn.action.value == Action::Rescinded {
        return Vec::new();
    }
    if let Some(d) = compared(cx, index, sorn) {
        let mut at: Vec<usize> = d.added.iter().chain(d.changed.iter().map(|m| &m.new)).map(|u| u.index).collect();
        at.sort_unstable();
        return at.into_iter().filter_map(|i| sorn.system.routine_uses.get(i)).collect();
    }
    match sorn.action.value {
        Action::New => sorn.system.routine_uses.iter().collect(),
        _ => sorn.system.routine_uses.iter().filter(|r| r.change.is_some()).collect(),
    }
}

/// "routine use K" or "routine uses K, L and M".
pub(crate) fn named(uses: &[&RoutineUse]) -> String {
    let ids: Vec<&str> = uses.iter().map(|r| r.id.value.trim()).collect();
    match ids.as_slice() {
        [one] => format!("routine use {one}"),
        [rest @ .., last] => format!("routine uses {} and {last}", rest.join(", ")),
        [] => "no routine use".to_string(),
    }
}

/// Reports new or changed routine uses that would take effect too early.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, sorn) in cx.sorns() {
        let uses = timed(cx, index, sorn);
        let notice = &sorn.notice;
        // With DATES written out (`notice.dates`), the day counts may time the system and its
        // routine uses separately ("effective upon publication; routine uses 30 days after"):
        // only the generated sentence ties the routine uses to `effective_days`.
        if uses.is_empty() || notice.dates.is_some() {
            continue;
        }
        let Some(effective) = &notice.effective_days else { continue };
        let which = if sorn.action.value == Action::New && cx.predecessor(index).is_none() {
            "the routine uses of this new system".to_string()
        } else {
            named(&uses)
        };
        let marked = uses.iter().find_map(|r| r.change.as_ref()).filter(|c| !c.span.is_empty());
        if effective.value < 30 {
            let mut f = Finding::new(
                format!("{which} would take effect {} days after publication; the Privacy Act requires notice at least 30 days before", effective.value),
                cx.label(doc.file, effective.span.clone(), "fewer than 30 days"),
            )
            .with_help("set effective_days = 30 or more, or state in `dates` that the new and changed routine uses take effect 30 days after publication")
            .with_note("5 U.S.C. 552a(e)(11) (statute): notice of any new use or intended use at least 30 days before");
            if let Some(change) = marked {
                f = f.with_label(cx.label(doc.file, change.span.clone(), "new or changed here"));
            }
            out.push(f);
        }
    }
}
