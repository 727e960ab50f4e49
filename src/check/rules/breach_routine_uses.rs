use crate::check::Context;
use crate::check::Finding;
use crate::model::{Action, Template};

crate::declare_rule! {
    /// ## What it checks
    /// That a notice in the OMB Circular A-108 caption set (2017 on) that publishes routine uses
    /// includes the two routine uses for responding to a breach: one for the agency's own
    /// suspected or confirmed breach of the system, and one to assist another Federal agency or
    /// entity in responding to a breach. A routine use counts when its text speaks of a breach.
    ///
    /// A notice that applies routine uses the agency publishes once for all its systems
    /// ("Department of Transportation General Routine Uses, as published at 75 FR 82132", USPS's
    /// "Standard routine uses 1. through 9. apply") is not checked: the breach uses may be among
    /// those, which the notice does not reprint.
    ///
    /// ## Why
    /// Without them the agency cannot lawfully share records to contain a breach, notify those
    /// affected, or help another agency do so. OMB has required both in every SORN since January
    /// 2017; notices published before then (the legacy caption set) are not checked, nor is a
    /// notice of revision that prints only the captions or routine uses it changes (`partial`):
    /// the routine uses it leaves out are still published, in the notice it revises.
    ///
    /// ## Example
    /// An A-108 notice whose routine uses cover litigation, Congress and audits, and no breach.
    ///
    /// Use instead: add "To appropriate agencies, entities, and persons when (1) the agency
    /// suspects or has confirmed that there has been a breach of the system of records ..." and
    /// "To another Federal agency or Federal entity, when the agency determines that information
    /// from this system of records is reasonably necessary to assist the recipient agency or
    /// entity in (1) responding to a suspected or confirmed breach ...".
    pub const META = ("breach-routine-uses", Structure, Warning, "An A-108 notice lacks the two breach routine uses OMB M-17-12 requires.");
    basis = [
        (OmbPolicy, "OMB Memorandum M-17-12 (Jan. 3, 2017), \"Preparing for and Responding to a Breach of Personally Identifiable Information\"", "agencies include in their SORNs a routine use for responding to a breach of their own records and one for assisting another agency with its breach"),
    ];
}

/// Whether the system's routine uses apply the agency's general or standard routine uses,
/// published once for all its systems (DOT, USPS, and others publish such a list).
fn incorporates_published_uses(system: &crate::model::System) -> bool {
    let texts = system.routine_uses.iter().map(|ru| &ru.text.value);
    let around = [&system.routine_uses_intro, &system.routine_uses_note].into_iter().flatten().map(|p| &p.value);
    texts.chain(around).any(|text| names_published_uses(text))
}

/// "General Routine Uses", "standard routine uses 1 through 9": words that name a published list.
fn names_published_uses(text: &str) -> bool {
    let lower = text.to_lowercase();
    ["general routine uses", "standard routine uses", "general routine use ", "standard routine use "]
        .iter()
        .any(|phrase| lower.contains(phrase))
}

/// Counts routine uses that speak of a breach.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        let uses = &sorn.system.routine_uses;
        if sorn.template.value != Template::A108
            || sorn.action.value == Action::Rescinded
            || sorn.partial
            || uses.is_empty()
            || incorporates_published_uses(&sorn.system)
        {
            continue;
        }
        let breach = uses.iter().filter(|ru| ru.text.value.to_lowercase().contains("breach")).count();
        if breach >= 2 {
            continue;
        }
        let span = uses.last().map_or(0..0, |ru| ru.id.span.clone());
        out.push(
            Finding::new(
                format!("the notice has {breach} of the 2 breach routine uses OMB M-17-12 requires"),
                cx.label(doc.file, span, "routine uses end here"),
            )
            .with_help(
                "add a routine use for the agency's own breach and one to assist another agency's breach response",
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::names_published_uses;

    #[test]
    fn a_published_list_of_routine_uses_is_recognized() {
        assert!(names_published_uses(
            "Department of Transportation General Routine Uses, as published at 75 FR 82132 (December 29, 2010)"
        ));
        assert!(names_published_uses("Standard routine uses 1. through 9. apply."));
        assert!(!names_published_uses("To the Department of Justice when the agency is a party to litigation."));
        assert!(!names_published_uses("routine uses of records maintained in the system"));
    }
}
