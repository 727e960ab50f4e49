//! Caption sets: which captions a notice prints for its system, in what order, spelled how.
//!
//! Two eras share one model. Before 2017 agencies followed the OFR "Privacy Act Issuances" layout
//! of OMB Circular A-130 Appendix I ("System name:" ... "Exemptions claimed for the system:"); from
//! 2017 on, OMB Circular A-108 Appendix II ("SYSTEM NAME AND NUMBER:" ... "HISTORY:"). The same
//! facts print under different captions, in a different order.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The caption set a notice is written in.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum Template {
    /// The pre-2017 caption set (OMB Circular A-130 Appendix I), sentence case as DHS printed it.
    Legacy,
    /// The OMB Circular A-108 (2016) caption set, in capitals.
    A108,
}

/// One element of the system text. Each maps to a field of [`crate::model::System`].
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Element {
    /// System name (and number).
    SystemName,
    /// Security classification.
    SecurityClassification,
    /// System location.
    Location,
    /// System manager(s) and address.
    Managers,
    /// Authority for maintenance of the system.
    Authority,
    /// Purpose(s) of the system.
    Purposes,
    /// Categories of individuals covered by the system.
    Individuals,
    /// Categories of records in the system.
    Records,
    /// Record source categories.
    RecordSources,
    /// Routine uses of records maintained in the system.
    RoutineUses,
    /// Disclosure to consumer reporting agencies.
    ConsumerReporting,
    /// The legacy container heading over storage, retrievability, safeguards and retention.
    Policies,
    /// Storage.
    Storage,
    /// Retrievability / retrieval.
    Retrieval,
    /// Safeguards.
    Safeguards,
    /// Retention and disposal.
    Retention,
    /// Notification procedure(s).
    Notification,
    /// Record access procedures.
    RecordAccess,
    /// Contesting record procedures.
    Contesting,
    /// Exemptions claimed / promulgated for the system.
    Exemptions,
    /// History (A-108 only).
    History,
}

/// A caption as a template prints it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaptionSpec {
    /// Which element it prints.
    pub element: Element,
    /// The caption text, without the colon.
    pub caption: &'static str,
    /// Whether the template requires the element (checked by `missing-section`).
    pub required: bool,
}

const fn cap(element: Element, caption: &'static str, required: bool) -> CaptionSpec {
    CaptionSpec { element, caption, required }
}

const LEGACY: &[CaptionSpec] = &[
    cap(Element::SystemName, "System name", true),
    cap(Element::SecurityClassification, "Security classification", true),
    cap(Element::Location, "System location", true),
    cap(Element::Individuals, "Categories of individuals covered by the system", true),
    cap(Element::Records, "Categories of records in the system", true),
    cap(Element::Authority, "Authority for maintenance of the system", true),
    cap(Element::Purposes, "Purpose(s)", true),
    cap(
        Element::RoutineUses,
        "Routine uses of records maintained in the system, including categories of users and the purposes of such uses",
        true,
    ),
    cap(Element::ConsumerReporting, "Disclosure to consumer reporting agencies", false),
    cap(
        Element::Policies,
        "Policies and practices for storing, retrieving, accessing, retaining, and disposing of records in the system",
        false,
    ),
    cap(Element::Storage, "Storage", true),
    cap(Element::Retrieval, "Retrievability", true),
    cap(Element::Safeguards, "Safeguards", true),
    cap(Element::Retention, "Retention and disposal", true),
    cap(Element::Managers, "System manager(s) and address", true),
    cap(Element::Notification, "Notification procedure", true),
    cap(Element::RecordAccess, "Record access procedures", true),
    cap(Element::Contesting, "Contesting record procedures", true),
    cap(Element::RecordSources, "Record source categories", true),
    cap(Element::Exemptions, "Exemptions claimed for the system", true),
];

const A108: &[CaptionSpec] = &[
    cap(Element::SystemName, "SYSTEM NAME AND NUMBER", true),
    cap(Element::SecurityClassification, "SECURITY CLASSIFICATION", true),
    cap(Element::Location, "SYSTEM LOCATION", true),
    cap(Element::Managers, "SYSTEM MANAGER(S)", true),
    cap(Element::Authority, "AUTHORITY FOR MAINTENANCE OF THE SYSTEM", true),
    cap(Element::Purposes, "PURPOSE(S) OF THE SYSTEM", true),
    cap(Element::Individuals, "CATEGORIES OF INDIVIDUALS COVERED BY THE SYSTEM", true),
    cap(Element::Records, "CATEGORIES OF RECORDS IN THE SYSTEM", true),
    cap(Element::RecordSources, "RECORD SOURCE CATEGORIES", true),
    cap(
        Element::RoutineUses,
        "ROUTINE USES OF RECORDS MAINTAINED IN THE SYSTEM, INCLUDING CATEGORIES OF USERS AND PURPOSES OF SUCH USES",
        true,
    ),
    cap(Element::Storage, "POLICIES AND PRACTICES FOR STORAGE OF RECORDS", true),
    cap(Element::Retrieval, "POLICIES AND PRACTICES FOR RETRIEVAL OF RECORDS", true),
    cap(Element::Retention, "POLICIES AND PRACTICES FOR RETENTION AND DISPOSAL OF RECORDS", true),
    cap(Element::Safeguards, "ADMINISTRATIVE, TECHNICAL, AND PHYSICAL SAFEGUARDS", true),
    cap(Element::RecordAccess, "RECORD ACCESS PROCEDURES", true),
    cap(Element::Contesting, "CONTESTING RECORD PROCEDURES", true),
    cap(Element::Notification, "NOTIFICATION PROCEDURES", true),
    cap(Element::Exemptions, "EXEMPTIONS PROMULGATED FOR THE SYSTEM", true),
    cap(Element::History, "HISTORY", true),
];

impl Template {
    /// The captions of the system text, in order.
    pub fn captions(self) -> &'static [CaptionSpec] {
        match self {
            Template::Legacy => LEGACY,
            Template::A108 => A108,
        }
    }

    /// The caption spec for one element, if the template prints it.
    pub fn caption(self, element: Element) -> Option<&'static CaptionSpec> {
        self.captions().iter().find(|c| c.element == element)
    }

    /// Preamble captions print in capitals in both eras; the system captions of the legacy set
    /// print in sentence case.
    pub fn system_captions_in_capitals(self) -> bool {
        matches!(self, Template::A108)
    }

    /// The template's name as written in sources.
    pub fn name(self) -> &'static str {
        match self {
            Template::Legacy => "legacy",
            Template::A108 => "a108",
        }
    }
}

/// What a notice does to its system; selects the conventional ACTION and DATES wording.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// A new system of records.
    New,
    /// A modified (altered) system of records.
    Modified,
    /// A rescinded system of records.
    Rescinded,
}

impl Action {
    /// The conventional ACTION caption text (A-108 notices; legacy notices said
    /// "Notice of Privacy Act System of Records.").
    pub fn action_line(self, template: Template) -> &'static str {
        match (template, self) {
            (Template::Legacy, Action::Rescinded) => "Notice of deletion of a Privacy Act System of Records.",
            (Template::Legacy, _) => "Notice of Privacy Act System of Records.",
            (Template::A108, Action::New) => "Notice of a new system of records.",
            (Template::A108, Action::Modified) => "Notice of a modified system of records.",
            (Template::A108, Action::Rescinded) => "Rescindment of a system of records notice.",
        }
    }

    /// The adjective in "This new system will be effective ...".
    pub fn adjective(self) -> &'static str {
        match self {
            Action::New => "new",
            Action::Modified => "modified",
            Action::Rescinded => "rescinded",
        }
    }
}

/// Stage of an exemption rule.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    /// A notice of proposed rulemaking (Proposed Rules section).
    Proposed,
    /// A final rule (Rules and Regulations section).
    Final,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_list_each_element_once() {
        for t in [Template::Legacy, Template::A108] {
            let mut seen: Vec<Element> = t.captions().iter().map(|c| c.element).collect();
            let n = seen.len();
            seen.sort();
            seen.dedup();
            assert_eq!(seen.len(), n, "{t:?} repeats an element");
        }
    }

    #[test]
    fn a108_has_nineteen_captions_ending_in_history() {
        assert_eq!(Template::A108.captions().len(), 19);
        assert_eq!(Template::A108.captions().last().map(|c| c.caption), Some("HISTORY"));
        assert!(Template::Legacy.caption(Element::History).is_none());
    }
}
