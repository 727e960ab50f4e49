//! A System of Records Notice (5 U.S.C. 552a(e)(4)).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Agency, Exemptions, FrDoc, Preamble, Prose, Signature, Unplaced};
use super::date::SourceDate;
use super::located::Loc;
use super::system::SystemName;
use super::template::{Action, Element, Template};

/// A SORN source (`kind = "sorn"`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schemars(title = "sorn System of Records Notice")]
pub struct Sorn {
    /// Always "sorn".
    #[schemars(schema_with = "sornkind_schema")]
    pub kind: Loc<String>,
    /// The caption set: "legacy" (pre-2017) or "a108" (OMB Circular A-108).
    pub template: Loc<Template>,
    /// What the notice does: "new", "modified" or "rescinded".
    pub action: Loc<Action>,
    /// A notice of revision that prints only the captions that change (OMB Circular A-108
    /// Appendix III; DoD alteration notices): `missing-section` checks only the system name.
    #[serde(default)]
    pub partial: bool,
    /// Print the system text's captions in capitals, as the Federal Register sets many legacy
    /// notices ("SYSTEM NAME:"); A-108 captions are capitals anyway.
    #[serde(default)]
    pub capital_captions: bool,
    /// The exemption rule that exempts this system, as a path relative to this file.
    pub exemption_rule: Option<Loc<String>>,
    /// Publication date in the Federal Register. When set, DATES give dates certain computed under
    /// 1 CFR 18.17; when absent, the Office of the Federal Register placeholders.
    pub published: Option<Loc<SourceDate>>,
    /// The notice this one revises (`[revises]`): a modified, altered or rescinded system names the
    /// notice it changes, so that sorn can load both and tell what changed.
    pub revises: Option<Revises>,
    /// The issuing agency, or a reference to a library's or another source's.
    #[schemars(schema_with = "super::shared::or_reference::<Agency>")]
    pub agency: Agency,
    /// The preamble: AGENCY to SUPPLEMENTARY INFORMATION.
    #[serde(default)]
    pub notice: Preamble,
    /// The system of records: one field per caption of the system text.
    pub system: System,
    /// Further systems the same notice publishes (`[[systems]]`), each with its own captions, after
    /// the one `system` describes: an agency that modifies several systems in the same way (a new
    /// routine use added to each) publishes them in one notice. A notice of one system has none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub systems: Vec<System>,
    /// Caption spellings that differ from the template's, e.g. { managers = "System Manager and address" }.
    #[serde(default)]
    pub captions: BTreeMap<Element, Loc<String>>,
    /// The signature block, or a reference to a library's signer.
    #[serde(default)]
    #[schemars(schema_with = "super::shared::or_reference::<Signature>")]
    pub signature: Option<Signature>,
    /// The FR Doc line.
    pub fr_doc: Option<FrDoc>,
    /// Text an import could not place (never rendered; see `sorn import`).
    #[serde(default)]
    pub unplaced: Vec<Unplaced>,
}

/// The predecessor of a revision: the published notice a modified, altered or rescinded SORN
/// changes. Either or both of `source` and `citation` name it; `source` lets sorn compare the two.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Revises {
    /// The predecessor's source in this project, as a path relative to this file (often the
    /// published notice brought in with `sorn import`).
    pub source: Option<Loc<String>>,
    /// The predecessor's Federal Register citation, volume and first page: "81 FR 52700".
    pub citation: Option<Loc<String>>,
    /// The predecessor's publication date in the Federal Register.
    pub published: Option<Loc<SourceDate>>,
}

/// A Federal Register citation, "<volume> FR <page>" (1 CFR 5.8), parsed: `(volume, page)`.
/// Spaces around "FR" may vary and the page may carry thousands separators ("81 FR 52,700").
pub fn parse_fr_citation(text: &str) -> Option<(u32, u32)> {
    let (volume, page) = text.trim().split_once("FR")?;
    let volume: u32 = volume.trim().parse().ok()?;
    let page = page.trim().replace(',', "");
    if page.is_empty() || !page.bytes().all(|b| b.is_ascii_digit()) || volume == 0 {
        return None;
    }
    let page: u32 = page.parse().ok()?;
    (page > 0).then_some((volume, page))
}

fn sornkind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": "sorn", "description": "The kind of source." })
}

/// A routine use (5 U.S.C. 552a(b)(3), (e)(4)(D)).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoutineUse {
    /// Its letter or number as printed, e.g. "A" or "1"; empty for a notice that prints its
    /// routine uses as paragraphs with no designation (DoD before 2017).
    pub id: Loc<String>,
    /// The routine use (Markdown; may contain a numbered list).
    pub text: Prose,
    /// In a notice of a modified system: whether this notice adds the routine use or changes it.
    /// 5 U.S.C. 552a(e)(11) times only new and changed routine uses; one left as it was needs no
    /// new waiting period. In a notice of a new system every routine use is new.
    pub change: Option<Loc<RoutineUseChange>>,
}

/// What a notice of a modified system does to one of its routine uses.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RoutineUseChange {
    /// The notice adds this routine use.
    New,
    /// The notice changes this routine use's text or scope.
    Changed,
}

/// The system text of a notice.
///
/// The identity fields (`id`, `name`, `separator`, `form`, `abbreviations`) repeat those of
/// [`SystemName`] rather than nesting it: `#[serde(flatten)]` would lose the spans every diagnostic
/// needs, and a nested table would make sources say `[system.name]`. [`System::name`] gives the
/// [`SystemName`] view.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct System {
    /// The system identifier, e.g. "DHS/ICE-015".
    pub id: Loc<String>,
    /// The system's name as it follows the identifier, e.g. "LeadTrac System of Records".
    pub name: Loc<String>,
    /// What stands between identifier and name (default " ").
    pub separator: Option<Loc<String>>,
    /// How the system name caption writes identifier and name, when not as identifier, separator,
    /// name: "{name} ({id})", or "{name}" where the identifier stands on its own line.
    pub form: Option<Loc<String>>,
    /// Long forms of the identifier's abbreviations, e.g. { DHS = "Department of Homeland Security" }.
    #[serde(default)]
    pub abbreviations: BTreeMap<String, Loc<String>>,
    /// The lines a legacy notice prints above "System name:" (default "long").
    pub id_line: Option<Loc<IdLine>>,
    /// SECURITY CLASSIFICATION.
    pub security_classification: Option<Prose>,
    /// SYSTEM LOCATION.
    pub location: Option<Prose>,
    /// SYSTEM MANAGER(S) (and address): title and business address.
    pub managers: Option<Prose>,
    /// AUTHORITY FOR MAINTENANCE OF THE SYSTEM.
    pub authority: Option<Prose>,
    /// PURPOSE(S) OF THE SYSTEM.
    pub purposes: Option<Prose>,
    /// CATEGORIES OF INDIVIDUALS COVERED BY THE SYSTEM.
    pub individuals: Option<Prose>,
    /// CATEGORIES OF RECORDS IN THE SYSTEM.
    pub records: Option<Prose>,
    /// RECORD SOURCE CATEGORIES.
    pub record_sources: Option<Prose>,
    /// The lead-in of ROUTINE USES, citing 5 U.S.C. 552a(b)(3).
    pub routine_uses_intro: Option<Prose>,
    /// The routine uses, in order: each written out or taken from a library (`id` and `from`).
    #[serde(default)]
    #[schemars(schema_with = "super::shared::items_or_reference::<RoutineUse>")]
    pub routine_uses: Vec<RoutineUse>,
    /// Text after the routine uses.
    pub routine_uses_note: Option<Prose>,
    /// DISCLOSURE TO CONSUMER REPORTING AGENCIES (legacy caption set).
    pub consumer_reporting: Option<Prose>,
    /// Text under the legacy "Policies and practices for storing, retrieving, ..." heading.
    pub policies: Option<Prose>,
    /// Storage.
    pub storage: Option<Prose>,
    /// Retrievability (legacy) / retrieval.
    pub retrieval: Option<Prose>,
    /// Safeguards.
    pub safeguards: Option<Prose>,
    /// Retention and disposal.
    pub retention: Option<Prose>,
    /// NOTIFICATION PROCEDURE(S).
    pub notification: Option<Prose>,
    /// RECORD ACCESS PROCEDURES.
    pub record_access: Option<Prose>,
    /// Whether a line of stars ("* * * * *") follows the system name caption, as a notice of
    /// revision prints it to leave out the captions up to the next one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stars_after_name: bool,
    /// Whether the notification procedure's caption also gives the record access procedure: one
    /// "Notification and Record Access Procedures" caption for both, as HUD prints it.
    /// `notification` then holds the text of both and `record_access` stays empty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub access_in_notification: bool,
    /// CONTESTING RECORD PROCEDURES.
    pub contesting: Option<Prose>,
    /// EXEMPTIONS claimed or promulgated for the system.
    pub exemptions: Option<Exemptions>,
    /// HISTORY: earlier notices, with their Federal Register citations.
    pub history: Option<Prose>,
    /// The entries an alteration notice changes, in the order printed under "Changes:" after the
    /// system name (DoD practice before 2017).
    #[serde(default)]
    pub changes: Vec<Change>,
}

/// What a legacy notice prints above the "System name:" caption.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum IdLine {
    /// The heading "System of Records", then the identifier with its abbreviations spelled out
    /// (DHS practice).
    #[default]
    Long,
    /// The identifier alone ("FHFA-14", "DHA 20 DoD"), as most agencies print it.
    Short,
    /// Nothing: the identifier is in the system name.
    None,
}

/// One entry of an alteration notice's "Changes:".
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The caption of the entry that changes, as printed, e.g. "Categories of records in the system".
    pub caption: Option<Loc<String>>,
    /// The change, e.g. "Delete entry and replace with “…”" (Markdown). Under the routine uses
    /// caption, when `routine_uses` holds the uses, the words before the first of them: the
    /// instruction and the lead-in citing 5 U.S.C. 552a(b)(3).
    pub text: Option<Prose>,
    /// The routine uses the replacement text for the routine uses caption prints, in order: each
    /// is a routine use of the system as changed (5 U.S.C. 552a(e)(4)(D), (e)(11)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub routine_uses: Vec<RoutineUse>,
    /// The text after those routine uses: notes, the statement that blanket routine uses apply.
    pub routine_uses_note: Option<Prose>,
    /// A line of five stars: entries left out because they do not change.
    #[serde(default)]
    pub stars: bool,
}

impl Sorn {
    /// Every system the notice publishes: `system`, then `systems`.
    pub fn all_systems(&self) -> impl Iterator<Item = &System> {
        std::iter::once(&self.system).chain(&self.systems)
    }

    /// The notice once per system it publishes, each as a notice of that system alone (its
    /// captions in `system`), so that whatever reads one system reads every system the same way.
    /// A notice of one system gives itself.
    pub fn per_system(&self) -> Vec<Sorn> {
        let mut first = self.clone();
        first.systems.clear();
        let mut out = Vec::with_capacity(self.systems.len() + 1);
        for system in &self.systems {
            let mut view = first.clone();
            view.system = system.clone();
            out.push(view);
        }
        out.insert(0, first);
        out
    }
}

impl System {
    /// The routine uses the system text prints: those of the routine uses caption, then those an
    /// alteration notice's changes print.
    pub fn all_routine_uses(&self) -> impl Iterator<Item = &RoutineUse> {
        self.routine_uses.iter().chain(self.changes.iter().flat_map(|c| &c.routine_uses))
    }

    /// The identifier and name, for generating every spelling of the system's name.
    pub fn name(&self) -> SystemName {
        SystemName {
            id: self.id.clone(),
            name: self.name.clone(),
            separator: self.separator.clone(),
            form: self.form.clone(),
            abbreviations: self.abbreviations.clone(),
        }
    }

    /// A system with its identifier and name and nothing else: where a notice is built caption by
    /// caption (an import, a rescindment).
    pub fn named(id: Loc<String>, name: Loc<String>) -> System {
        System {
            id,
            name,
            separator: None,
            form: None,
            abbreviations: BTreeMap::new(),
            id_line: None,
            security_classification: None,
            location: None,
            managers: None,
            authority: None,
            purposes: None,
            individuals: None,
            records: None,
            record_sources: None,
            routine_uses_intro: None,
            routine_uses: Vec::new(),
            routine_uses_note: None,
            consumer_reporting: None,
            policies: None,
            storage: None,
            retrieval: None,
            safeguards: None,
            retention: None,
            notification: None,
            record_access: None,
            stars_after_name: false,
            access_in_notification: false,
            contesting: None,
            exemptions: None,
            history: None,
            changes: Vec::new(),
        }
    }

    /// The field of a prose element, to write, or `None` when the element is not a prose field
    /// (the system name, routine uses and exemptions are typed).
    pub fn prose_mut(&mut self, element: Element) -> Option<&mut Option<Prose>> {
        Some(match element {
            Element::SecurityClassification => &mut self.security_classification,
            Element::Location => &mut self.location,
            Element::Managers => &mut self.managers,
            Element::Authority => &mut self.authority,
            Element::Purposes => &mut self.purposes,
            Element::Individuals => &mut self.individuals,
            Element::Records => &mut self.records,
            Element::RecordSources => &mut self.record_sources,
            Element::ConsumerReporting => &mut self.consumer_reporting,
            Element::Policies => &mut self.policies,
            Element::Storage => &mut self.storage,
            Element::Retrieval => &mut self.retrieval,
            Element::Safeguards => &mut self.safeguards,
            Element::Retention => &mut self.retention,
            Element::Notification => &mut self.notification,
            Element::RecordAccess => &mut self.record_access,
            Element::Contesting => &mut self.contesting,
            Element::History => &mut self.history,
            Element::SystemName | Element::RoutineUses | Element::Exemptions => return None,
        })
    }

    /// The prose written for an element, if the element is a prose field.
    pub fn prose(&self, element: Element) -> Option<&Prose> {
        match element {
            Element::SecurityClassification => self.security_classification.as_ref(),
            Element::Location => self.location.as_ref(),
            Element::Managers => self.managers.as_ref(),
            Element::Authority => self.authority.as_ref(),
            Element::Purposes => self.purposes.as_ref(),
            Element::Individuals => self.individuals.as_ref(),
            Element::Records => self.records.as_ref(),
            Element::RecordSources => self.record_sources.as_ref(),
            Element::ConsumerReporting => self.consumer_reporting.as_ref(),
            Element::Policies => self.policies.as_ref(),
            Element::Storage => self.storage.as_ref(),
            Element::Retrieval => self.retrieval.as_ref(),
            Element::Safeguards => self.safeguards.as_ref(),
            Element::Retention => self.retention.as_ref(),
            Element::Notification => self.notification.as_ref(),
            Element::RecordAccess => self.record_access.as_ref(),
            Element::Contesting => self.contesting.as_ref(),
            Element::History => self.history.as_ref(),
            Element::SystemName | Element::RoutineUses | Element::Exemptions => None,
        }
    }

    /// The source key of an element's field, for diagnostics.
    pub fn key(element: Element) -> &'static str {
        match element {
            Element::SystemName => "name",
            Element::SecurityClassification => "security_classification",
            Element::Location => "location",
            Element::Managers => "managers",
            Element::Authority => "authority",
            Element::Purposes => "purposes",
            Element::Individuals => "individuals",
            Element::Records => "records",
            Element::RecordSources => "record_sources",
            Element::RoutineUses => "routine_uses",
            Element::ConsumerReporting => "consumer_reporting",
            Element::Policies => "policies",
            Element::Storage => "storage",
            Element::Retrieval => "retrieval",
            Element::Safeguards => "safeguards",
            Element::Retention => "retention",
            Element::Notification => "notification",
            Element::RecordAccess => "record_access",
            Element::Contesting => "contesting",
            Element::Exemptions => "exemptions",
            Element::History => "history",
        }
    }
}
