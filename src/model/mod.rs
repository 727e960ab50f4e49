//! The document model: typed SORN and exemption-rule sources.
//!
//! These types mirror the TOML sources one to one (serde), keep the place of every value a rule
//! may point at ([`Loc`]), and describe themselves as JSON Schemas (schemars) for editors.

mod cited;
mod common;
mod date;
mod located;
pub mod placeholders;
mod rule;
mod shared;
mod sorn;
mod system;
mod template;

pub use cited::{Citable, Cited, CitedAuthority, Provisions};
pub use common::{
    Agency, AuthorityText, CitationText, Claim, Contact, Exemptions, ExtraCaption, FrDoc, FrDocStyle, Preamble, Prose,
    Signature, SignaturePlacement, Unplaced,
};
pub use date::{SourceDate, SourceDateTime};
pub use located::Loc;
pub use rule::{
    Amendment, BlockCaptions, Cfr, Citations, Cover, ExemptSystem, ExemptionRule, Justification, Leadin, ListEntry,
    Numbering, Paragraph, RuleExemptions, SectionForm, StatementPlace, covers_of, designation_levels, is_designation,
    justification_label, justification_letter, leadin_citations,
};
pub use sorn::{Change, IdLine, Revises, RoutineUse, RoutineUseChange, Sorn, System, parse_fr_citation};
pub use system::{SystemName, fill_form, form_error};
pub use template::{Action, CaptionSpec, Element, Stage, Template};

/// The kinds of source sorn reads, by their top-level `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// `kind = "sorn"`.
    Sorn,
    /// `kind = "exemption-rule"`.
    ExemptionRule,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 2] = [Kind::Sorn, Kind::ExemptionRule];

    /// The value of `kind` in sources.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Sorn => "sorn",
            Kind::ExemptionRule => "exemption-rule",
        }
    }

    /// The kind named by a `kind` value.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// File name of the kind's JSON Schema in `schemas/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            Kind::Sorn => "sorn.schema.json",
            Kind::ExemptionRule => "exemption-rule.schema.json",
        }
    }
}

/// A loaded source document.
#[derive(Clone, Debug, PartialEq)]
pub enum Document {
    /// A System of Records Notice.
    Sorn(Box<Sorn>),
    /// An exemption rule.
    ExemptionRule(Box<ExemptionRule>),
}

impl Document {
    /// The document's kind.
    pub fn kind(&self) -> Kind {
        match self {
            Document::Sorn(_) => Kind::Sorn,
            Document::ExemptionRule(_) => Kind::ExemptionRule,
        }
    }

    /// The exempted or described system's name.
    pub fn system_name(&self) -> SystemName {
        match self {
            Document::Sorn(s) => s.system.name(),
            Document::ExemptionRule(r) => r.system.clone(),
        }
    }

    /// The issuing agency.
    pub fn agency(&self) -> &Agency {
        match self {
            Document::Sorn(s) => &s.agency,
            Document::ExemptionRule(r) => &r.agency,
        }
    }

    /// The preamble.
    pub fn preamble(&self) -> &Preamble {
        match self {
            Document::Sorn(s) => &s.notice,
            Document::ExemptionRule(r) => &r.notice,
        }
    }

    /// The signature block, if the source has one.
    pub fn signature(&self) -> Option<&Signature> {
        match self {
            Document::Sorn(s) => s.signature.as_ref(),
            Document::ExemptionRule(r) => r.signature.as_ref(),
        }
    }

    /// The exemption claims the document states.
    pub fn claims(&self) -> &[Claim] {
        match self {
            Document::Sorn(s) => s.system.exemptions.as_ref().map_or(&[], |e| e.claims.as_slice()),
            Document::ExemptionRule(r) => &r.exemptions.claims,
        }
    }

    /// The explicit link to the other document of the pair, as written.
    pub fn link(&self) -> Option<&Loc<String>> {
        match self {
            Document::Sorn(s) => s.exemption_rule.as_ref(),
            Document::ExemptionRule(r) => r.sorn.as_ref(),
        }
    }
}

impl Document {
    /// Every prose field of the document with its key path, in source order of the format.
    pub fn prose(&self) -> Vec<(String, &Prose)> {
        let mut out: Vec<(String, &Prose)> = Vec::new();
        let preamble = self.preamble();
        let fixed: [(&str, Option<&Prose>); 4] = [
            ("notice.subject", preamble.subject.as_ref()),
            ("notice.agency", preamble.agency.as_ref()),
            ("notice.action", preamble.action.as_ref()),
            ("notice.summary", preamble.summary.as_ref()),
        ];
        for (key, p) in fixed {
            if let Some(p) = p {
                out.push((key.to_string(), p));
            }
        }
        if let Some(p) = &preamble.dates {
            out.push(("notice.dates".into(), p));
        }
        if let Some(p) = &preamble.addresses {
            out.push(("notice.addresses".into(), p));
        }
        for c in &preamble.address_captions {
            out.push(("notice.address_captions.text".into(), &c.text));
        }
        for c in &preamble.contacts {
            if let Some(p) = &c.text {
                out.push(("notice.contacts.text".into(), p));
            }
        }
        if let Some(p) = &preamble.supplementary {
            out.push(("notice.supplementary".into(), p));
        }
        match self {
            Document::Sorn(s) => {
                for (k, system) in s.all_systems().enumerate() {
                    system_prose(if k == 0 { "system" } else { "systems" }, system, &mut out);
                }
            }
            Document::ExemptionRule(r) => {
                if let Some(p) = &r.supplementary_after {
                    out.push(("supplementary_after".into(), p));
                }
                if let Some(p) = &r.cfr.authority {
                    out.push(("cfr.authority".into(), p));
                }
                if let Some(p) = &r.cfr.issuance {
                    out.push(("cfr.issuance".into(), p));
                }
                for (key, p) in [
                    ("exemptions.description", &r.exemptions.description),
                    ("exemptions.wording", &r.exemptions.wording),
                    ("exemptions.note", &r.exemptions.note),
                    ("exemptions.reasons_intro", &r.exemptions.reasons_intro),
                ] {
                    if let Some(p) = p {
                        out.push((key.into(), p));
                    }
                }
                for j in &r.justifications {
                    out.push(("justifications.text".into(), &j.text));
                }
                for s in &r.systems {
                    for (key, p) in [
                        ("systems.exemptions.description", &s.exemptions.description),
                        ("systems.exemptions.wording", &s.exemptions.wording),
                        ("systems.exemptions.note", &s.exemptions.note),
                        ("systems.exemptions.reasons_intro", &s.exemptions.reasons_intro),
                    ] {
                        if let Some(p) = p {
                            out.push((key.into(), p));
                        }
                    }
                    for j in &s.justifications {
                        out.push(("systems.justifications.text".into(), &j.text));
                    }
                }
            }
        }
        out
    }
}

/// Every prose field of one system of a SORN, under its table `prefix` ("system" or "systems").
fn system_prose<'a>(prefix: &str, system: &'a System, out: &mut Vec<(String, &'a Prose)>) {
    let start = out.len();
    for spec in Template::A108.captions().iter().chain(Template::Legacy.captions()) {
        if let Some(p) = system.prose(spec.element) {
            let key = format!("{prefix}.{}", System::key(spec.element));
            if !out[start..].iter().any(|(k, _)| *k == key) {
                out.push((key, p));
            }
        }
    }
    let mut push = |key: &str, p: Option<&'a Prose>| {
        if let Some(p) = p {
            out.push((format!("{prefix}.{key}"), p));
        }
    };
    push("routine_uses_intro", system.routine_uses_intro.as_ref());
    for ru in &system.routine_uses {
        push("routine_uses.text", Some(&ru.text));
    }
    push("routine_uses_note", system.routine_uses_note.as_ref());
    for c in &system.changes {
        push("changes.text", c.text.as_ref());
        for ru in &c.routine_uses {
            push("changes.routine_uses.text", Some(&ru.text));
        }
        push("changes.routine_uses_note", c.routine_uses_note.as_ref());
    }
    if let Some(e) = &system.exemptions {
        push("exemptions.wording", e.wording.as_ref());
        push("exemptions.note", e.note.as_ref());
        push("exemptions.text", e.text.as_ref());
    }
}
