//! The kind of a document, decided on Privacy Act evidence before any other heuristic.
//!
//! The Federal Register prints thousands of rules a year whose subjects say "exemption" (a
//! pesticide tolerance exemption, an exemption from a fee) and notices that cite a CFR part. A
//! document is a System of Records Notice, a rescindment, a matching notice or a Privacy Act
//! exemption rule only when it shows evidence of the Privacy Act (5 U.S.C. 552a) itself:
//!
//! - the Act or 5 U.S.C. 552a named in the subject;
//! - the captions of a system of records notice (5 U.S.C. 552a(e)(4));
//! - exemption language: an exemption under 5 U.S.C. 552a(j) or (k), or a claim sentence;
//! - a CFR part that holds the agency's Privacy Act rules ([`PRIVACY_ACT_PARTS`]).
//!
//! Only then does the form decide: regulatory text (an FR XML `RULE` or `PRORULE`, a CFR line in
//! the heading, words of issuance, a List of Subjects, an amendment of an appendix) makes a rule,
//! the system captions a notice.

use std::sync::LazyLock;

use regex::Regex;

use super::super::captions::{self, SystemCaption};
use super::super::front;
use super::super::unit::{LineRole, Unit, UnitKind};
use super::super::{RawDoc, claims};
use crate::model::Stage;

/// What a document is, when it is a Privacy Act document sorn imports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A System of Records Notice (new or modified).
    Sorn,
    /// A notice rescinding a system of records (imported as a SORN with `action = "rescinded"`).
    Rescindment,
    /// A Privacy Act exemption rule (5 U.S.C. 552a(j), (k); 5 U.S.C. 553).
    ExemptionRule(Stage),
}

/// Why a document is not imported: what it is, in words for a note or an error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotImported {
    /// The notice of a computer matching program (5 U.S.C. 552a(e)(12)).
    MatchingNotice,
    /// A Privacy Act document of another kind: what it is.
    PrivacyActOther(String),
    /// No Privacy Act evidence at all: what the document is.
    NotPrivacyAct(String),
}

impl std::fmt::Display for NotImported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotImported::MatchingNotice => {
                f.write_str("it is the notice of a computer matching program (5 U.S.C. 552a(e)(12))")
            }
            NotImported::PrivacyActOther(what) => write!(f, "it is {what}"),
            NotImported::NotPrivacyAct(what) => write!(f, "it is {what}, with no Privacy Act evidence"),
        }
    }
}

/// One piece of Privacy Act evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// The subject names the Privacy Act or 5 U.S.C. 552a.
    ActInSubject,
    /// The document carries FR XML's Privacy Act system text container (`PRIACT`).
    SystemText,
    /// Distinct system-of-records captions found (marked, alone or in capitals), three or more.
    SystemCaptions(usize),
    /// Exemption language: 5 U.S.C. 552a(j) or (k), or a claim sentence.
    ExemptionLanguage,
    /// The CFR part of the heading holds the agency's Privacy Act rules: (title, part).
    PrivacyActPart(u32, String),
}

/// CFR parts that hold an agency's Privacy Act rules (exemptions among them): (title, part,
/// agency). Several of these parts also hold other rules (31 CFR part 1 holds Treasury's FOIA
/// rules too), so a part is evidence only beside an exemption subject and the Act named in the
/// text; alone it decides nothing.
pub const PRIVACY_ACT_PARTS: &[(u32, &str, &str)] = &[
    (5, "297", "OPM"),
    (6, "5", "DHS"),
    (10, "1008", "DOE"),
    (12, "310", "FDIC"),
    (12, "1204", "FHFA"),
    (14, "1212", "NASA"),
    (15, "4", "Commerce"),
    (18, "3b", "FERC"),
    (20, "401", "SSA"),
    (22, "171", "State"),
    (24, "16", "HUD"),
    (28, "16", "DOJ"),
    (29, "71", "DOL"),
    (31, "1", "Treasury"),
    (32, "310", "DoD"),
    (32, "311", "DoD"),
    (32, "317", "DoD"),
    (32, "505", "Army"),
    (32, "701", "Navy"),
    (32, "806b", "Air Force"),
    (34, "5b", "Education"),
    (36, "1202", "NARA"),
    (38, "1", "VA"),
    (39, "266", "USPS"),
    (40, "16", "EPA"),
    (41, "105-64", "GSA"),
    (43, "2", "Interior"),
    (45, "5b", "HHS"),
    (49, "10", "DOT"),
];

/// Exemption language: an exemption authority of the Act ("5 U.S.C. 552a(k)(2)", "552a (j)",
/// "subsection (k)(5) of the Privacy Act"), or provisions of the Act exempted from ("is exempted
/// from 5 U.S.C. 552a(c)(3)", "exempt from subsections (c)(3) ... of the Privacy Act").
static EXEMPTION_LANGUAGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)552a\s*\(\s*[jk]\s*\)|\bsubsections?\s+\([jk]\)[^.]{0,80}\bPrivacy Act\b|\bexempt\w*\s+(?:\w+\s+){0,8}?from\s+(?:5 U\.\s?S\.\s?C\.\s+552a|(?:subsections?|sections?|provisions)\b[^.]{0,200}\b(?:Privacy Act|552a))",
    )
    .expect("valid pattern")
});
/// Words of issuance and amendatory instructions (1 CFR 21.20, 22.1).
static REGULATORY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:list of subjects in \d+ cfr)|\b(?:amends|proposes to amend|amend)\s+\d+\s+cfr\s+parts?\s+[0-9a-z.-]+,?\s+(?:as follows|by)|\b(?:add|adding)\s+paragraphs?\s+[0-9a-z()]+\s+to\s+appendix",
    )
    .expect("valid pattern")
});

/// What the classifier reads of a document.
struct Facts {
    subject: String,
    element: Option<String>,
    cfr: Option<(u32, String)>,
    evidence: Vec<Evidence>,
    action: String,
    regulatory: bool,
    act_in_text: bool,
}

impl Facts {
    fn read(doc: &RawDoc) -> Facts {
        let front = front::read(&doc.units);
        let subject = subject(doc, &front);
        let action = front
            .caption(captions::PreambleCaption::Action)
            .map(|c| c.units.iter().map(Unit::text).collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let cfr = front.heading.cfr.clone().or_else(|| cfr_line(doc));
        let mut evidence = Vec::new();
        if subject.contains("Privacy Act") || subject.contains("552a") {
            evidence.push(Evidence::ActInSubject);
        }
        if doc.has_priact {
            evidence.push(Evidence::SystemText);
        }
        // One or two such captions ("Authority:", "Purpose:") are common in any notice.
        let captions = distinct_system_captions(&doc.units);
        if captions >= 3 {
            evidence.push(Evidence::SystemCaptions(captions));
        }
        if doc.units.iter().any(|u| EXEMPTION_LANGUAGE.is_match(u.text())) || doc.units.iter().any(has_claim) {
            evidence.push(Evidence::ExemptionLanguage);
        }
        if let Some((title, part)) = &cfr
            && privacy_act_part(*title, part).is_some()
        {
            evidence.push(Evidence::PrivacyActPart(*title, part.clone()));
        }
        let regulatory = doc.units.iter().any(|u| REGULATORY.is_match(u.text()));
        let act_in_text = doc.units.iter().any(|u| u.text().contains("Privacy Act"));
        Facts { subject, element: doc.element.clone(), cfr, evidence, action, regulatory, act_in_text }
    }

    fn has(&self, pred: impl Fn(&Evidence) -> bool) -> bool {
        self.evidence.iter().any(pred)
    }

    fn system_captions(&self) -> usize {
        self.evidence
            .iter()
            .find_map(|e| if let Evidence::SystemCaptions(n) = e { Some(*n) } else { None })
            .unwrap_or(0)
    }

    /// Regulatory text: a rule element, a CFR line in the heading, or words of issuance.
    fn rule_form(&self) -> bool {
        matches!(self.element.as_deref(), Some("RULE" | "PRORULE"))
            || (self.element.is_none() && (self.cfr.is_some() || self.regulatory))
    }

    fn stage(&self) -> Stage {
        match self.element.as_deref() {
            Some("PRORULE") => Stage::Proposed,
            Some("RULE") => Stage::Final,
            _ if self.action.to_lowercase().contains("proposed") => Stage::Proposed,
            _ => Stage::Final,
        }
    }

    /// "a final rule amending 40 CFR part 180", "a notice".
    fn describe(&self, rule: bool) -> String {
        if !rule {
            return "a notice".to_string();
        }
        let stage = match self.stage() {
            Stage::Proposed => "a proposed rule",
            Stage::Final => "a final rule",
        };
        match &self.cfr {
            Some((title, part)) => format!("{stage} amending {title} CFR part {part}"),
            None => stage.to_string(),
        }
    }
}

/// Decides the kind of a document, or says what it is when sorn does not import it.
///
/// # Errors
///
/// The document is a matching notice, another Privacy Act document, or not a Privacy Act
/// document at all.
pub fn kind(doc: &RawDoc) -> Result<Kind, NotImported> {
    let facts = Facts::read(doc);
    if facts.evidence.is_empty() {
        return Err(NotImported::NotPrivacyAct(facts.describe(facts.rule_form())));
    }
    if matching_notice(doc, &facts.subject) {
        return Err(NotImported::MatchingNotice);
    }
    let notice_element = facts.element.as_deref() == Some("NOTICE");
    let captions = facts.system_captions();
    // A notice with the system captions is a SORN, whatever CFR part its text mentions.
    if (notice_element || facts.cfr.is_none()) && (facts.has(|e| *e == Evidence::SystemText) || captions >= 5) {
        return Ok(sorn_or_rescindment(&facts));
    }
    if facts.rule_form() && !notice_element {
        let exempt_subject = facts.subject.to_lowercase().contains("exempt");
        let act_named = facts.has(|e| *e == Evidence::ActInSubject)
            || (facts.act_in_text && facts.has(|e| matches!(e, Evidence::PrivacyActPart(..))));
        if facts.has(|e| *e == Evidence::ExemptionLanguage) || (exempt_subject && act_named) {
            return Ok(Kind::ExemptionRule(facts.stage()));
        }
        if facts.has(|e| matches!(e, Evidence::ActInSubject | Evidence::PrivacyActPart(..))) && act_named {
            return Err(NotImported::PrivacyActOther(format!(
                "{}, a Privacy Act rule that claims no exemption under 5 U.S.C. 552a(j) or (k)",
                facts.describe(true)
            )));
        }
        return Err(NotImported::NotPrivacyAct(facts.describe(true)));
    }
    let act_in_subject = facts.has(|e| *e == Evidence::ActInSubject);
    let captions = distinct_system_captions(&doc.units);
    if captions >= 3 || (act_in_subject && (captions >= 2 || rescinds(&facts))) {
        return Ok(sorn_or_rescindment(&facts));
    }
    if act_in_subject || facts.has(|e| matches!(e, Evidence::ExemptionLanguage | Evidence::SystemText)) {
        return Err(NotImported::PrivacyActOther(format!(
            "{}, a Privacy Act document that is neither a system of records notice (it has {captions} of the \
             system-of-records captions) nor an exemption rule",
            facts.describe(false)
        )));
    }
    Err(NotImported::NotPrivacyAct(facts.describe(facts.rule_form())))
}

fn sorn_or_rescindment(facts: &Facts) -> Kind {
    if rescinds(facts) { Kind::Rescindment } else { Kind::Sorn }
}

/// The subject or ACTION says the notice rescinds (deletes) a system of records.
fn rescinds(facts: &Facts) -> bool {
    let said = |t: &str| {
        let t = t.to_lowercase();
        t.contains("rescind")
            || t.contains("deletion of")
            || t.contains("delete a system")
            || t.contains("deleted system")
    };
    said(&facts.subject) || said(&facts.action)
}

/// The document's subject line, as its heading gives it (empty when it has none).
pub fn subject_of(doc: &RawDoc) -> String {
    subject(doc, &front::read(&doc.units))
}

/// The subject line, or the first line naming the Privacy Act of 1974 when none is marked.
fn subject(doc: &RawDoc, front: &front::Front) -> String {
    if let Some(s) = doc.units.iter().find(|u| u.kind == UnitKind::Line(LineRole::Subject)) {
        return s.text().trim().to_string();
    }
    if let Some(s) = &front.heading.subject {
        return s.text.trim().to_string();
    }
    doc.units
        .iter()
        .map(Unit::text)
        .find(|t| t.contains("Privacy Act of 1974"))
        .map(|t| t.trim().to_string())
        .unwrap_or_default()
}

static CFR_LINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)\s+CFR\s+[Pp]arts?\s+([0-9A-Za-z.-]+)").expect("valid pattern"));

/// An FR XML CFR line (`CFR`), which the heading reader takes only before the first caption.
fn cfr_line(doc: &RawDoc) -> Option<(u32, String)> {
    let unit = doc.units.iter().find(|u| u.kind == UnitKind::Line(LineRole::Cfr))?;
    let caps = CFR_LINE.captures(unit.text().trim())?;
    Some((caps[1].parse().ok()?, caps[2].trim_end_matches('.').to_string()))
}

/// The agency whose Privacy Act rules a CFR part holds.
pub fn privacy_act_part(title: u32, part: &str) -> Option<&'static str> {
    PRIVACY_ACT_PARTS.iter().find(|(t, p, _)| *t == title && p.eq_ignore_ascii_case(part)).map(|(_, _, a)| *a)
}

/// The number of distinct system captions set as captions (marked, alone or in capitals).
fn distinct_system_captions(units: &[Unit]) -> usize {
    let mut seen: Vec<SystemCaption> = Vec::new();
    for split in units.iter().filter_map(captions::split_caption) {
        if !(split.marked || split.alone || split.capitals) {
            continue;
        }
        if let Some(c) = captions::system_caption(&split.caption)
            && !seen.contains(&c)
        {
            seen.push(c);
        }
    }
    seen.len()
}

fn has_claim(unit: &Unit) -> bool {
    let t = unit.text();
    t.contains("552a") && claims::find(t).is_some()
}

/// Whether a document is a matching notice (5 U.S.C. 552a(e)(12)): its subject or ACTION names a
/// matching program, or it has the matching notice's PARTICIPATING AGENCIES caption.
fn matching_notice(doc: &RawDoc, subject: &str) -> bool {
    let named = |t: &str| {
        let t = t.to_lowercase();
        t.contains("matching program") || t.contains("computer matching")
    };
    let mut action = false;
    for (i, unit) in doc.units.iter().enumerate() {
        let Some(split) = captions::split_caption(unit) else { continue };
        match captions::normalize(&split.caption).as_str() {
            "participating agency" => action = true,
            "action" => {
                let text = if split.body.is_empty() {
                    doc.units.get(i + 1).map(Unit::text).unwrap_or_default()
                } else {
                    split.body.text.as_str()
                };
                action |= named(text);
            }
            _ => {}
        }
    }
    action || named(subject)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::rich::Rich;

    fn line(role: LineRole, text: &str) -> Unit {
        Unit::new(UnitKind::Line(role), Rich::plain(text), 1)
    }

    fn para(text: &str) -> Unit {
        Unit::new(UnitKind::Para, Rich::plain(text), 1)
    }

    fn heading(text: &str) -> Unit {
        Unit::new(UnitKind::Heading(2), Rich::plain(text), 1)
    }

    fn doc(element: Option<&str>, units: Vec<Unit>) -> RawDoc {
        RawDoc { units, element: element.map(str::to_string), ..RawDoc::default() }
    }

    /// The captions of a legacy notice, each alone as a heading.
    fn system_text() -> Vec<Unit> {
        [
            "System name:",
            "System location:",
            "Categories of individuals covered by the system:",
            "Categories of records in the system:",
            "Authority for maintenance of the system:",
            "Purpose(s):",
            "Retention and disposal:",
        ]
        .into_iter()
        .flat_map(|c| [heading(c), para("Text.")])
        .collect()
    }

    #[test]
    fn no_evidence_a_tolerance_exemption_rule_is_not_privacy_act() {
        let rule = doc(
            Some("RULE"),
            vec![
                line(LineRole::Agency, "ENVIRONMENTAL PROTECTION AGENCY"),
                line(LineRole::Cfr, "40 CFR Part 180"),
                line(LineRole::Subject, "Fluxapyroxad; Exemption From the Requirement of a Tolerance"),
                heading("ACTION:"),
                para("Final rule."),
                para("This regulation establishes an exemption from the requirement of a tolerance."),
            ],
        );
        let why = kind(&rule).unwrap_err();
        assert!(matches!(why, NotImported::NotPrivacyAct(_)), "{why:?}");
        assert_eq!(why.to_string(), "it is a final rule amending 40 CFR part 180, with no Privacy Act evidence");
    }

    #[test]
    fn system_captions_make_a_sorn_whatever_cfr_part_the_text_cites() {
        let mut units = vec![
            para("DEPARTMENT OF HOUSING AND URBAN DEVELOPMENT"),
            para("Implementation of the Privacy Act of 1974, as Amended; System of Records Notice Amendment"),
            para("AGENCY: Office of the Chief Privacy Officer, HUD."),
            para("ACTION: Notice of an amended system of records."),
            para("SUPPLEMENTARY INFORMATION: HUD's Privacy Act rules are at 24 CFR part 16."),
        ];
        units.extend(system_text());
        assert_eq!(kind(&doc(None, units)), Ok(Kind::Sorn));
    }

    #[test]
    fn system_text_container_makes_a_sorn() {
        let mut d = doc(Some("NOTICE"), vec![line(LineRole::Subject, "Privacy Act of 1974; System of Records")]);
        d.has_priact = true;
        assert_eq!(kind(&d), Ok(Kind::Sorn));
    }

    #[test]
    fn act_in_subject_and_an_exempt_subject_make_an_exemption_rule() {
        let rule = doc(
            Some("RULE"),
            vec![
                line(LineRole::Cfr, "45 CFR Part 5b"),
                line(LineRole::Subject, "Privacy Act; Exempt Record System"),
                para("HHS exempts the system from certain provisions of the Act."),
            ],
        );
        assert_eq!(kind(&rule), Ok(Kind::ExemptionRule(Stage::Final)));
    }

    #[test]
    fn exemption_language_makes_an_exemption_rule() {
        let rule = doc(
            Some("PRORULE"),
            vec![
                line(LineRole::Subject, "Exemption of Records Systems"),
                para("The Department proposes to exempt the system under 5 U.S.C. 552a(j)(2) and (k)(2)."),
            ],
        );
        assert_eq!(kind(&rule), Ok(Kind::ExemptionRule(Stage::Proposed)));
        // In Markdown the heading's CFR line and ACTION say it is a proposed rule.
        let markdown = doc(
            None,
            vec![
                para("DEPARTMENT OF DEFENSE"),
                para("32 CFR Part 310"),
                para("Exemption of Records Systems"),
                para("AGENCY: Department of Defense."),
                para("ACTION: Proposed rule."),
                para("The system is exempt under 5 U.S.C. 552a(k)(5)."),
            ],
        );
        assert_eq!(kind(&markdown), Ok(Kind::ExemptionRule(Stage::Proposed)));
    }

    #[test]
    fn exemption_language_in_its_forms() {
        for text in [
            "The system is exempt pursuant to 5 U.S.C. 552a(k)(2).",
            "The following system of records is exempted from 5 U.S.C. 552a(c)(3) and (4); (d): Name (ID).",
            "The system is exempt under subsection (k)(5) of the Privacy Act.",
            "This system is exempted from subsections (c)(3), (d) and (e)(1) of the Privacy Act.",
        ] {
            assert!(EXEMPTION_LANGUAGE.is_match(text), "{text}");
        }
        for text in [
            "This regulation establishes an exemption from the requirement of a tolerance.",
            "The records are maintained under 5 U.S.C. 552a(e)(4).",
            "The rule is exempt from review under Executive Order 12866.",
        ] {
            assert!(!EXEMPTION_LANGUAGE.is_match(text), "{text}");
        }
    }

    #[test]
    fn a_privacy_act_part_counts_beside_an_exempt_subject_and_the_act() {
        let units =
            |text: &str| vec![line(LineRole::Cfr, "38 CFR Part 1"), line(LineRole::Subject, "Exemptions"), para(text)];
        let rule = doc(Some("RULE"), units("VA exempts the system from provisions of the Privacy Act."));
        assert_eq!(kind(&rule), Ok(Kind::ExemptionRule(Stage::Final)));
        // The same part without the Act: a rule of another kind.
        let other = doc(Some("RULE"), units("Veterans are exempt from the fee."));
        assert!(matches!(kind(&other), Err(NotImported::NotPrivacyAct(_))));
        assert_eq!(privacy_act_part(45, "5B"), Some("HHS"));
        assert_eq!(privacy_act_part(40, "180"), None);
    }

    #[test]
    fn a_privacy_act_rule_without_exemptions_is_another_privacy_act_document() {
        let rule = doc(
            Some("RULE"),
            vec![
                line(LineRole::Cfr, "28 CFR Part 16"),
                line(LineRole::Subject, "Privacy Act Regulations; Fees"),
                para("This rule updates the fees charged for copies of records."),
            ],
        );
        let why = kind(&rule).unwrap_err();
        assert!(matches!(&why, NotImported::PrivacyActOther(w) if w.contains("claims no exemption")), "{why:?}");
    }

    #[test]
    fn matching_notices_are_neither_kind() {
        let by_subject = doc(Some("NOTICE"), vec![line(LineRole::Subject, "Privacy Act of 1974; Matching Program")]);
        assert_eq!(kind(&by_subject), Err(NotImported::MatchingNotice));
        let by_action = doc(
            Some("NOTICE"),
            vec![
                line(LineRole::Subject, "Privacy Act of 1974; Notice of a Computer Match"),
                heading("ACTION:"),
                para("Notice of a new matching program."),
            ],
        );
        assert_eq!(kind(&by_action), Err(NotImported::MatchingNotice));
        let by_caption = doc(
            Some("NOTICE"),
            vec![line(LineRole::Subject, "Privacy Act of 1974"), heading("PARTICIPATING AGENCIES:"), para("SSA.")],
        );
        assert_eq!(kind(&by_caption), Err(NotImported::MatchingNotice));
        // A SORN that mentions matching programs in its text is still a SORN.
        let mut sorn = doc(
            Some("NOTICE"),
            vec![
                line(LineRole::Subject, "Privacy Act of 1974; System of Records"),
                para("Records may be used in a computer matching program."),
            ],
        );
        sorn.has_priact = true;
        assert_eq!(kind(&sorn), Ok(Kind::Sorn));
    }

    #[test]
    fn rescindments_need_few_captions() {
        let notice = doc(
            Some("NOTICE"),
            vec![
                line(LineRole::Subject, "Privacy Act of 1974; Rescindment of a System of Records Notice"),
                heading("SYSTEM NAME AND NUMBER:"),
                para("Travel Records, DOT/ALL-8."),
                heading("HISTORY:"),
                para("75 FR 1234."),
            ],
        );
        assert_eq!(kind(&notice), Ok(Kind::Rescindment));
    }

    #[test]
    fn privacy_act_notices_without_captions_are_named() {
        let notice = doc(
            Some("NOTICE"),
            vec![line(LineRole::Subject, "Privacy Act of 1974; Meeting of the Data Integrity Board")],
        );
        let why = kind(&notice).unwrap_err();
        assert!(matches!(&why, NotImported::PrivacyActOther(w) if w.contains("has 0 of the")), "{why:?}");
        let other = doc(Some("NOTICE"), vec![line(LineRole::Subject, "Sunshine Act Meetings")]);
        assert_eq!(kind(&other), Err(NotImported::NotPrivacyAct("a notice".into())));
    }
}
