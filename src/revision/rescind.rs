//! A notice rescinding a system of records, started from the notice it rescinds.
//!
//! OMB Circular A-108 (2016) gives the Office of the Federal Register's template of a notice of
//! rescindment (Appendix IV): the preamble, whose SUMMARY and SUPPLEMENTARY INFORMATION say
//! which system is rescinded, why, and what becomes of its records (destroyed under their
//! schedule, or kept under another notice), then only the system name and number and HISTORY.
//! [`rescindment`] writes everything the rescinded notice already gives (agency, contacts,
//! system, history, signer) and leaves a `{todo}` for each statement only the agency can make.

use crate::model::{Action, Loc, Preamble, Revises, Sorn, System, Template};

/// The placeholder for the reason, when `--reason` does not give it.
pub const REASON_TODO: &str = "{todo: why the system of records is rescinded: the records are no longer collected, the system is decommissioned, or its records are covered by another notice (name and citation)}";

/// The placeholder for what becomes of the records.
pub const DISPOSITION_TODO: &str = "{todo: what happens to the records: destroyed under their NARA records schedule (name it), or kept and covered by another system of records notice (name and citation)}";

/// The rescindment of `rescinded` (at `source_link`, relative to where the rescindment is
/// written): A-108 captions, `action = "rescinded"`, `[revises]` naming the rescinded notice,
/// its system's name and number, its HISTORY with the rescinded notice added, and the reason
/// (`reason`, or a `{todo}`) and the records' disposition (a `{todo}`) in SUPPLEMENTARY
/// INFORMATION. The rescinded system's exemption rule is not linked: the rescindment exempts
/// nothing.
pub fn rescindment(rescinded: &Sorn, source_link: &str, reason: Option<&str>) -> Sorn {
    let old = &rescinded.system;
    let system = System {
        id: old.id.clone(),
        name: old.name.clone(),
        separator: old.separator.clone(),
        form: old.form.clone(),
        abbreviations: old.abbreviations.clone(),
        history: Some(Loc::synthetic(history(rescinded))),
        ..System::named(old.id.clone(), old.name.clone())
    };
    let reason = reason.map_or_else(|| REASON_TODO.to_string(), |r| r.trim().to_string());
    let notice = Preamble {
        billing_code: rescinded.notice.billing_code.clone(),
        agency: rescinded.notice.agency.clone(),
        summary: Some(Loc::synthetic(
            "{agency} is rescinding the system of records notice {system.id}, {system.name}.".to_string(),
        )),
        effective_days: Some(Loc::synthetic(0)),
        contacts: rescinded.notice.contacts.clone(),
        supplementary: Some(Loc::synthetic(format!("{reason}\n\n{DISPOSITION_TODO}\n"))),
        ..Preamble::default()
    };
    let mut signature = rescinded.signature.clone();
    if let Some(s) = &mut signature {
        s.dated = None;
    }
    Sorn {
        kind: Loc::synthetic("sorn".into()),
        template: Loc::synthetic(Template::A108),
        action: Loc::synthetic(Action::Rescinded),
        partial: false,
        capital_captions: false,
        exemption_rule: None,
        published: None,
        revises: Some(Revises {
            source: Some(Loc::synthetic(source_link.to_string())),
            citation: None,
            published: rescinded.published.clone(),
        }),
        agency: rescinded.agency.clone(),
        notice,
        system,
        systems: Vec::new(),
        captions: Default::default(),
        signature,
        fr_doc: None,
        unplaced: Vec::new(),
    }
}

/// The rescinded notice's HISTORY, with the rescinded notice itself added when its source gives
/// its date and it is not already there.
fn history(rescinded: &Sorn) -> String {
    let old = rescinded.system.history.as_ref().map(|h| h.value.trim().to_string()).unwrap_or_default();
    let date = rescinded.published.as_ref().map(|p| crate::dates::fr_date(p.value.0));
    let doc = rescinded.fr_doc.as_ref().map(|d| format!("FR Doc. {}", d.number.value));
    let own = match (date, doc) {
        (Some(date), Some(doc)) => Some(format!("{date} ({doc})")),
        (Some(one), None) | (None, Some(one)) => Some(one),
        (None, None) => None,
    };
    let mut out = old.clone();
    if let Some(own) = own.filter(|own| !old.contains(own.split(" (").next().unwrap_or(own))) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&own);
    }
    if out.is_empty() {
        "{todo: the Federal Register citations of the notices of the rescinded system}".into()
    } else {
        crate::import::emit::prose_value(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorn() -> Sorn {
        let source = "kind = \"sorn\"\ntemplate = \"legacy\"\naction = \"new\"\npublished = 2016-04-15\nexemption_rule = \"rule.toml\"\n[agency]\nname = \"Department of Examples\"\n[system]\nid = \"EX 1\"\nname = \"Example Records\"\nlocation = \"Room 1.\"\n[fr_doc]\nnumber = \"2016-01234\"\nfiled = 2016-04-14T08:45:00\n";
        toml::from_str(source).unwrap()
    }

    #[test]
    fn keeps_the_system_and_asks_for_reason_and_disposition() {
        let r = rescindment(&sorn(), "ex-1.toml", None);
        assert_eq!(r.action.value, Action::Rescinded);
        assert_eq!((r.system.id.value.as_str(), r.system.name.value.as_str()), ("EX 1", "Example Records"));
        assert!(r.system.location.is_none() && r.exemption_rule.is_none());
        assert_eq!(r.system.history.unwrap().value, "April 15, 2016 (FR Doc. 2016-01234)");
        let supplementary = r.notice.supplementary.unwrap().value;
        assert!(supplementary.starts_with("{todo: why") && supplementary.contains(DISPOSITION_TODO));
        assert_eq!(r.revises.unwrap().source.unwrap().value, "ex-1.toml");
    }

    #[test]
    fn a_given_reason_is_written_in() {
        let r = rescindment(&sorn(), "ex-1.toml", Some("The records are now covered by EX 2. "));
        assert!(r.notice.supplementary.unwrap().value.starts_with("The records are now covered by EX 2.\n\n{todo"));
    }
}
