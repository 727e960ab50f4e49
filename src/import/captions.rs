//! Captions of both eras, with the spellings agencies actually print.
//!
//! A caption is matched by a normalized key: lower case, "(s)" and punctuation dropped, the
//! articles dropped and plural endings folded, so "SYSTEM MANAGER(S) AND ADDRESS", "System
//! Manager and address" and "System managers and addresses" are one caption, and so are
//! "…AND THE PURPOSES OF SUCH USES" and "…AND PURPOSES OF SUCH USES", or a list with and without
//! its serial comma.

use std::sync::LazyLock;

use super::rich::{MarkKind, Rich};
use super::unit::{Unit, UnitKind};
use crate::model::{Element, Template};

/// A caption of the preamble (1 CFR 18.12).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PreambleCaption {
    /// AGENCY.
    Agency,
    /// ACTION.
    Action,
    /// SUMMARY.
    Summary,
    /// DATES.
    Dates,
    /// ADDRESSES.
    Addresses,
    /// FOR FURTHER INFORMATION CONTACT.
    Contact,
    /// SUPPLEMENTARY INFORMATION.
    Supplementary,
}

const PREAMBLE: &[(&str, PreambleCaption)] = &[
    ("agency", PreambleCaption::Agency),
    ("agencies", PreambleCaption::Agency),
    ("action", PreambleCaption::Action),
    ("summary", PreambleCaption::Summary),
    ("dates", PreambleCaption::Dates),
    ("date", PreambleCaption::Dates),
    ("effective date", PreambleCaption::Dates),
    ("effective dates", PreambleCaption::Dates),
    ("addresses", PreambleCaption::Addresses),
    ("address", PreambleCaption::Addresses),
    ("for further information contact", PreambleCaption::Contact),
    ("for further information", PreambleCaption::Contact),
    ("supplementary information", PreambleCaption::Supplementary),
    ("supplemental information", PreambleCaption::Supplementary),
];

/// A caption of the system text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SystemCaption {
    /// A caption that holds an element.
    Element(Element),
    /// "System identifier:" (old DoD notices): holds the identifier alone.
    Identifier,
}

/// Spellings of the system captions, both eras. Normalized at first use.
const SYSTEM: &[(&str, SystemCaption)] = {
    use Element::*;
    use SystemCaption::{Element as E, Identifier};
    &[
        ("System name", E(SystemName)),
        ("System name and number", E(SystemName)),
        ("System name and identifier", E(SystemName)),
        ("System identifier and name", E(SystemName)),
        ("System number and name", E(SystemName)),
        ("Name of system", E(SystemName)),
        ("System title", E(SystemName)),
        ("System identifier", Identifier),
        ("System number", Identifier),
        ("System of records no.", Identifier),
        ("System of records number", Identifier),
        ("Security classification", E(SecurityClassification)),
        ("System classification", E(SecurityClassification)),
        ("System location", E(Location)),
        ("System locations", E(Location)),
        ("Location", E(Location)),
        ("System manager(s) and address", E(Managers)),
        ("System manager and address", E(Managers)),
        ("System managers and addresses", E(Managers)),
        ("System manager(s)", E(Managers)),
        ("System manager", E(Managers)),
        ("System owner", E(Managers)),
        ("Authority for maintenance of the system", E(Authority)),
        ("Authority for maintenance", E(Authority)),
        ("Authority for maintaining the system", E(Authority)),
        ("Authority", E(Authority)),
        ("Legal authority", E(Authority)),
        ("Purpose(s)", E(Purposes)),
        ("Purpose(s) of the system", E(Purposes)),
        ("Purpose", E(Purposes)),
        ("Categories of individuals covered by the system", E(Individuals)),
        ("Categories of individuals", E(Individuals)),
        ("Categories of records in the system", E(Records)),
        ("Categories of records maintained in the system", E(Records)),
        ("Categories of records", E(Records)),
        ("Record source categories", E(RecordSources)),
        ("Record sources", E(RecordSources)),
        ("Sources of records", E(RecordSources)),
        ("Categories of sources of records in the system", E(RecordSources)),
        ("Categories of record sources", E(RecordSources)),
        (
            "Routine uses of records maintained in the system, including categories of users and the purposes of such uses",
            E(RoutineUses),
        ),
        ("Routine uses of records maintained in the system", E(RoutineUses)),
        ("Routine uses", E(RoutineUses)),
        ("Disclosure to consumer reporting agencies", E(ConsumerReporting)),
        (
            "Policies and practices for storing, retrieving, accessing, retaining, and disposing of records in the system",
            E(Policies),
        ),
        ("Policies and practices for storing, retrieving, accessing, retaining, and disposing of records", E(Policies)),
        ("Storage", E(Storage)),
        ("Policies and practices for storage of records", E(Storage)),
        ("Retrievability", E(Retrieval)),
        ("Retrieval", E(Retrieval)),
        ("Policies and practices for retrieval of records", E(Retrieval)),
        ("Policies and practices for retrievability of records", E(Retrieval)),
        ("Safeguards", E(Safeguards)),
        ("Administrative, technical, and physical safeguards", E(Safeguards)),
        ("Administrative, physical, and technical safeguards", E(Safeguards)),
        ("Physical, procedural, and administrative safeguards", E(Safeguards)),
        ("Retention and disposal", E(Retention)),
        ("Policies and practices for retention and disposal of records", E(Retention)),
        ("Notification procedure(s)", E(Notification)),
        ("Notification procedure", E(Notification)),
        // One caption for both procedures: the text is the notification procedure's, and the
        // caption, printed as written, says it is also the record access procedure.
        ("Notification and record access procedures", E(Notification)),
        ("Record access and notification procedures", E(RecordAccess)),
        ("Record access procedure(s)", E(RecordAccess)),
        ("Record access procedure", E(RecordAccess)),
        ("Contesting record procedures", E(Contesting)),
        ("Contesting records procedures", E(Contesting)),
        ("Procedures for contesting records", E(Contesting)),
        ("Exemptions claimed for the system", E(Exemptions)),
        ("Exemptions promulgated for the system", E(Exemptions)),
        ("Exemptions promulgated from this system", E(Exemptions)),
        ("Exemptions claimed from this system", E(Exemptions)),
        ("Exemptions", E(Exemptions)),
        ("Systems exempted from certain provisions of the act", E(Exemptions)),
        ("Exemptions from certain provisions of the act", E(Exemptions)),
        ("History", E(History)),
    ]
};

/// Captions only one era uses, to tell the eras apart: (normalized caption, A-108?).
const ERA_MARKERS: &[(&str, bool)] = &[
    ("System name and number", true),
    ("History", true),
    ("Policies and practices for storage of records", true),
    ("Policies and practices for retrieval of records", true),
    ("Policies and practices for retention and disposal of records", true),
    ("Administrative, technical, and physical safeguards", true),
    ("Purpose(s) of the system", true),
    ("Exemptions promulgated for the system", true),
    ("System manager(s)", true),
    ("System name", false),
    ("Storage", false),
    ("Retrievability", false),
    ("Safeguards", false),
    ("Retention and disposal", false),
    ("System manager(s) and address", false),
    ("Exemptions claimed for the system", false),
    ("Purpose(s)", false),
    (
        "Policies and practices for storing, retrieving, accessing, retaining, and disposing of records in the system",
        false,
    ),
];

static SYSTEM_KEYS: LazyLock<Vec<(String, SystemCaption)>> =
    LazyLock::new(|| SYSTEM.iter().map(|(c, e)| (normalize(c), *e)).collect());

/// The matching key of a caption.
pub fn normalize(caption: &str) -> String {
    let lower = caption.to_lowercase().replace("(es)", "").replace("(s)", "").replace('&', " and ").replace("’", "'");
    let cleaned: String = lower.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    cleaned
        .split_whitespace()
        .filter(|w| !matches!(*w, "the" | "a" | "an" | "this" | "of" | "for" | "in"))
        .map(|w| {
            if w.len() > 3 && w.ends_with("ies") {
                format!("{}y", &w[..w.len() - 3])
            } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_string()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The preamble caption a caption text names.
pub fn preamble_caption(caption: &str) -> Option<PreambleCaption> {
    let key = normalize(caption);
    PREAMBLE.iter().find(|(c, _)| normalize(c) == key).map(|(_, p)| *p)
}

/// How often each ASCII character occurs (all others share one count), to bound the edit
/// distance cheaply.
fn letter_counts(text: &str) -> [u16; 129] {
    let mut counts = [0u16; 129];
    for c in text.chars() {
        let slot = usize::try_from(u32::from(c)).unwrap_or(128).min(128);
        counts[slot] = counts[slot].saturating_add(1);
    }
    counts
}

/// Whether two texts can be within a normalized edit distance of 0.1: an edit of one character
/// changes the counts by at most two, so half their difference is a lower bound on the distance. Skips the
/// quadratic comparison for nearly every unit that is no caption.
fn may_be_close(a: &[u16; 129], b: &[u16; 129], longest: usize) -> bool {
    let differ: usize = a.iter().zip(b).map(|(x, y)| usize::from(x.abs_diff(*y))).sum();
    differ.div_ceil(2) * 10 <= longest
}

/// The system caption a caption text names; long captions also match with a typo or two.
pub fn system_caption(caption: &str) -> Option<SystemCaption> {
    let key = normalize(caption);
    if key.is_empty() {
        return None;
    }
    if let Some((_, e)) = SYSTEM_KEYS.iter().find(|(k, _)| *k == key) {
        return Some(*e);
    }
    if (24..=160).contains(&key.len()) {
        let key_counts = letter_counts(&key);
        let best = SYSTEM_KEYS
            .iter()
            .filter(|(k, _)| k.len() >= 20 && k.len().abs_diff(key.len()) <= k.len() / 5)
            .filter(|(k, _)| may_be_close(&letter_counts(k), &key_counts, k.chars().count().max(key.chars().count())))
            .map(|(k, e)| (strsim::normalized_levenshtein(k, &key), *e))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((score, e)) = best
            && score >= 0.9
        {
            return Some(e);
        }
    }
    None
}

/// The caption set the captions seen belong to.
pub fn template_of(captions: &[String]) -> Template {
    let mut a108 = 0;
    let mut legacy = 0;
    for caption in captions {
        let key = normalize(caption);
        for (marker, is_a108) in ERA_MARKERS {
            if normalize(marker) == key {
                if *is_a108 {
                    a108 += 1;
                } else {
                    legacy += 1;
                }
            }
        }
    }
    if a108 > legacy { Template::A108 } else { Template::Legacy }
}

/// A caption found at the start of a unit.
#[derive(Clone, Debug)]
pub struct Split {
    /// The caption as written, without its colon.
    pub caption: String,
    /// The text after it.
    pub body: Rich,
    /// Whether the caption is written in capitals.
    pub capitals: bool,
    /// Whether the caption stands alone (a heading, or bold text with nothing after it).
    pub alone: bool,
    /// Whether the caption was set apart by bold or italics, or is a heading.
    pub marked: bool,
}

/// Splits a caption off the start of a unit: "AGENCY: Department ...", "**System name:**", a
/// heading "SYSTEM NAME AND NUMBER:".
pub fn split_caption(unit: &Unit) -> Option<Split> {
    if !matches!(unit.kind, UnitKind::Para | UnitKind::Heading(_)) {
        return None;
    }
    let text = unit.rich.text.as_str();
    let whole_marked = unit.is_heading() || unit.rich.all(&MarkKind::Strong) || unit.rich.all(&MarkKind::Emphasis);
    if whole_marked && !text.contains('\n') {
        let t = text.trim();
        let caption = t.strip_suffix(':').unwrap_or(t).trim();
        if caption.len() <= 200 && !caption.is_empty() {
            // A heading that runs on ("SUPPLEMENTARY INFORMATION: text") still splits below.
            if !caption.contains(": ") {
                return Some(Split {
                    caption: caption.to_string(),
                    body: Rich::default(),
                    capitals: !caption.chars().any(char::is_lowercase),
                    alone: true,
                    marked: true,
                });
            }
        }
    }
    let colon = text.char_indices().take_while(|(i, _)| *i < 200).find(|(_, c)| *c == ':').map(|(i, _)| i)?;
    let caption = text[..colon].trim();
    // "System of Records No.:" is the one caption with a period in it.
    let undotted = caption.strip_suffix(" No.").unwrap_or(caption);
    if caption.is_empty()
        || caption.split_whitespace().count() > 22
        || undotted.contains(['.', ';', '\u{201c}', '"', '[', ']'])
        || caption.starts_with(|c: char| !c.is_alphabetic())
    {
        return None;
    }
    let after = &text[colon + 1..];
    if !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let marked = unit
        .rich
        .marks
        .iter()
        .any(|m| matches!(m.kind, MarkKind::Strong | MarkKind::Emphasis) && m.start == 0 && m.end >= caption.len());
    let body = unit.rich.from(colon + 1).trim();
    Some(Split {
        caption: caption.to_string(),
        alone: body.is_empty(),
        body,
        capitals: !caption.chars().any(char::is_lowercase),
        marked: marked || unit.is_heading(),
    })
}

/// Whether a paragraph opens with a caption (used to keep page-break mending from swallowing it).
pub fn looks_like_caption(text: &str) -> bool {
    let Some(colon) = text.find(':') else {
        let t = text.trim().trim_end_matches(':');
        if t.len() > 160 {
            return false;
        }
        return system_caption(t).is_some() || preamble_caption(t).is_some();
    };
    let caption = &text[..colon];
    if caption.len() > 200 {
        return false;
    }
    preamble_caption(caption).is_some()
        || system_caption(caption).is_some()
        || (caption.len() >= 3 && caption.chars().any(char::is_alphabetic) && !caption.chars().any(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Element;

    fn el(caption: &str) -> Option<Element> {
        match system_caption(caption) {
            Some(SystemCaption::Element(e)) => Some(e),
            _ => None,
        }
    }

    #[test]
    fn both_eras_and_their_variants() {
        assert_eq!(el("System name"), Some(Element::SystemName));
        assert_eq!(el("SYSTEM NAME AND NUMBER"), Some(Element::SystemName));
        assert_eq!(el("SYSTEM MANAGER(S) AND ADDRESS"), Some(Element::Managers));
        assert_eq!(el("System Manager and address"), Some(Element::Managers));
        assert_eq!(el("SYSTEM MANAGER(S)"), Some(Element::Managers));
        assert_eq!(el("NOTIFICATION PROCEDURE(S)"), Some(Element::Notification));
        assert_eq!(el("Notification procedure"), Some(Element::Notification));
        assert_eq!(el("NOTIFICATION PROCEDURES"), Some(Element::Notification));
        assert_eq!(
            el(
                "ROUTINE USES OF RECORDS MAINTAINED IN THE SYSTEM, INCLUDING CATEGORIES OF USERS AND THE PURPOSES OF SUCH USES"
            ),
            Some(Element::RoutineUses)
        );
        assert_eq!(
            el(
                "ROUTINE USES OF RECORDS MAINTAINED IN THE SYSTEM, INCLUDING CATEGORIES OF USERS AND PURPOSES OF SUCH USES"
            ),
            Some(Element::RoutineUses)
        );
        assert_eq!(el("ADMINISTRATIVE, TECHNICAL AND PHYSICAL SAFEGUARDS"), Some(Element::Safeguards));
        assert_eq!(el("POLICIES AND PRACTICES FOR THE STORAGE OF RECORDS"), Some(Element::Storage));
        assert_eq!(el("CATEGORIES OF INDIVIDUALS COVERED BY THE SYSTEM "), Some(Element::Individuals));
        assert_eq!(el("Retrievability"), Some(Element::Retrieval));
        assert_eq!(el("Retrieval"), Some(Element::Retrieval));
        assert_eq!(el("Purpose(s)"), Some(Element::Purposes));
        assert_eq!(el("PURPOSE(S) OF THE SYSTEM"), Some(Element::Purposes));
        assert_eq!(el("Exemptions claimed for the system"), Some(Element::Exemptions));
        assert_eq!(el("EXEMPTIONS PROMULGATED FOR THE SYSTEM"), Some(Element::Exemptions));
        assert_eq!(el("HISTORY"), Some(Element::History));
        assert_eq!(
            el(
                "ROUTINE USES OF RECORDS MAINTAINED IN THE SYSTM, INCLUDING CATEGORIES OF USERS AND PURPOSES OF SUCH USES"
            ),
            Some(Element::RoutineUses)
        );
        assert_eq!(system_caption("System identifier"), Some(SystemCaption::Identifier));
        assert_eq!(system_caption("System of Records No."), Some(SystemCaption::Identifier));
        assert_eq!(el("EXEMPTION(S) PROMULGATED FROM THIS SYSTEM"), Some(Element::Exemptions));
        assert_eq!(el("EXEMPTIONS PROMULGATED FOR THIS SYSTEM"), Some(Element::Exemptions));
        assert_eq!(el("Exemptions From Certain Provisions of the Act"), Some(Element::Exemptions));
        assert_eq!(el("SYSTEM MANAGER(S) AND ADDRESS(ES)"), Some(Element::Managers));
        assert_eq!(el("RECORDS ACCESS PROCEDURES"), Some(Element::RecordAccess));
        assert_eq!(el("Categories of records maintained in the system"), Some(Element::Records));
        assert_eq!(el("Categories of sources of records in the system"), Some(Element::RecordSources));
        assert_eq!(el("Authority for the maintenance of the system"), Some(Element::Authority));
        assert_eq!(el("Notification and record access procedures"), Some(Element::Notification));
        assert_eq!(el("NOTIFICATION AND RECORD ACCESS PROCEDURE"), Some(Element::Notification));
        assert_eq!(el("For general questions, please contact"), None);
    }

    #[test]
    fn a_caption_ending_in_no_splits() {
        let unit = Unit::new(UnitKind::Heading(3), Rich::plain("System of Records No.: HSNG.SF/FB.01"), 1);
        let split = split_caption(&unit).unwrap();
        assert_eq!(split.caption, "System of Records No.");
        assert_eq!(split.body.text, "HSNG.SF/FB.01");
        let sentence = Unit::new(UnitKind::Para, Rich::plain("See Docket No. 5: the records."), 1);
        assert!(split_caption(&sentence).is_none());
    }

    #[test]
    fn preamble_captions() {
        assert_eq!(preamble_caption("AGENCY"), Some(PreambleCaption::Agency));
        assert_eq!(preamble_caption("FOR FURTHER INFORMATION CONTACT"), Some(PreambleCaption::Contact));
        assert_eq!(preamble_caption("Supplementary Information"), Some(PreambleCaption::Supplementary));
        assert_eq!(preamble_caption("INSTRUCTIONS"), None);
    }

    #[test]
    fn eras() {
        let legacy: Vec<String> = ["System name", "Storage", "Retrievability"].map(String::from).to_vec();
        assert_eq!(template_of(&legacy), Template::Legacy);
        let a108: Vec<String> = ["SYSTEM NAME AND NUMBER", "HISTORY", "SYSTEM LOCATION"].map(String::from).to_vec();
        assert_eq!(template_of(&a108), Template::A108);
    }
}
