//! The front and end matter every Federal Register document shares: the identifying lines (billing
//! code, agency, sub-agency, CFR line, bracketed docket, RIN, subject), the preamble captions up
//! to SUPPLEMENTARY INFORMATION, and the FR Doc and BILLING CODE lines at the end.

use std::sync::LazyLock;

use regex::Regex;

use super::captions::{self, PreambleCaption, split_caption};
use super::rich::Rich;
use super::signature::{self, FrDocLine, Sig};
use super::unit::{LineRole, Unit, UnitKind};

/// The identifying lines above the preamble.
#[derive(Clone, Debug, Default)]
pub struct Heading {
    /// The billing code, with its line.
    pub billing: Option<(String, u32)>,
    /// The agency line as printed (capitals).
    pub agency: Option<String>,
    /// The sub-agency line.
    pub subagency: Option<String>,
    /// The CFR line: title and part.
    pub cfr: Option<(u32, String)>,
    /// The bracketed line, without brackets.
    pub bracket: Option<String>,
    /// The RIN, without "RIN".
    pub rin: Option<String>,
    /// The subject line.
    pub subject: Option<Rich>,
    /// Lines that fit none of these.
    pub other: Vec<Unit>,
}

/// Which preamble caption a body belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Which {
    /// One of the captions of 1 CFR 18.12.
    Known(PreambleCaption),
    /// An agency's own caption in capitals, such as INSTRUCTIONS or DOCKET.
    Extra(String),
}

/// A preamble caption and the units under it.
#[derive(Clone, Debug)]
pub struct CaptionBody {
    /// Which caption.
    pub which: Which,
    /// Its line.
    pub line: u32,
    /// Its text, the run-in part first.
    pub units: Vec<Unit>,
}

/// The front matter.
#[derive(Clone, Debug, Default)]
pub struct Front {
    /// The identifying lines.
    pub heading: Heading,
    /// The captions from AGENCY to FOR FURTHER INFORMATION CONTACT, in order.
    pub captions: Vec<CaptionBody>,
    /// SUPPLEMENTARY INFORMATION's run-in text, if any.
    pub supplementary_first: Option<Unit>,
    /// Index of the first unit after the preamble.
    pub body_start: usize,
    /// Whether a SUPPLEMENTARY INFORMATION caption was found.
    pub has_supplementary: bool,
}

impl Front {
    /// The units under a known caption.
    pub fn caption(&self, which: PreambleCaption) -> Option<&CaptionBody> {
        self.captions.iter().find(|c| c.which == Which::Known(which))
    }
}

static CFR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d+)\s+CFR\s+[Pp]arts?\s+([0-9A-Za-z.-]+)").expect("valid pattern"));
/// "[Docket ID: DOD-2016-OS-0061] RIN 0790-AJ47": the bracketed line and the RIN in one paragraph.
static BRACKET_RIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[([^\]]+)\]\s+RIN:?\s+(\d{4}-[A-Z0-9]{4})$").expect("valid pattern"));
static RIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^RIN:?\s+(\d{4}-[A-Z0-9]{4})$").expect("valid pattern"));

/// The preamble caption a unit opens with, and its run-in text.
pub fn preamble_caption(unit: &Unit) -> Option<(Which, Rich)> {
    let split = split_caption(unit)?;
    if let Some(p) = captions::preamble_caption(&split.caption) {
        return Some((Which::Known(p), split.body));
    }
    let words = split.caption.split_whitespace().count();
    let letters = split.caption.chars().filter(|c| c.is_alphabetic()).count();
    (split.capitals && letters >= 3 && words <= 6 && (split.marked || !split.alone) && unit.kind == UnitKind::Para)
        .then_some((Which::Extra(split.caption), split.body))
}

/// Whether a unit starts the system text or the regulatory text, ending the preamble.
fn ends_preamble(unit: &Unit) -> bool {
    let t = unit.text().trim();
    t.starts_with("List of Subjects")
        || split_caption(unit).is_some_and(|s| {
            s.marked
                && matches!(
                    captions::system_caption(&s.caption),
                    Some(captions::SystemCaption::Element(crate::model::Element::SystemName))
                )
        })
}

/// Reads the identifying lines and the preamble captions.
pub fn read(units: &[Unit]) -> Front {
    let mut front = Front::default();
    let first_caption = units.iter().position(|u| matches!(preamble_caption(u), Some((Which::Known(_), _))));
    let head_end = first_caption.unwrap_or(0);
    read_heading(&units[..head_end], &mut front.heading);
    let Some(start) = first_caption else {
        return front;
    };
    let mut i = start;
    while i < units.len() {
        let unit = &units[i];
        if ends_preamble(unit) {
            break;
        }
        // "DATES: *Effective Date:* June 4, 2014.": a run-in heading inside a caption that names
        // the same caption again is the caption's text, not a second caption.
        let repeated = |which: &Which| front.captions.last().is_some_and(|c| &c.which == which);
        if let Some((which, body)) = preamble_caption(unit).filter(|(w, _)| !repeated(w)) {
            if which == Which::Known(PreambleCaption::Supplementary) {
                front.has_supplementary = true;
                if !body.is_empty() {
                    front.supplementary_first = Some(Unit { rich: body, ..unit.clone() });
                }
                i += 1;
                break;
            }
            let mut units_under = Vec::new();
            if !body.is_empty() {
                units_under.push(Unit { kind: UnitKind::Para, rich: body, ..unit.clone() });
            }
            front.captions.push(CaptionBody { which, line: unit.line, units: units_under });
        } else if let Some(last) = front.captions.last_mut() {
            last.units.push(unit.clone());
        }
        i += 1;
    }
    front.body_start = i;
    front
}

fn read_heading(units: &[Unit], h: &mut Heading) {
    let mut before_ids = Vec::new();
    let mut after_ids = Vec::new();
    let mut seen_ids = false;
    for unit in units {
        let t = unit.text().trim();
        if t.is_empty() {
            continue;
        }
        // The text edition runs the bracketed line and the RIN into one paragraph.
        if h.bracket.is_none()
            && h.rin.is_none()
            && let Some(c) = BRACKET_RIN.captures(t)
        {
            h.bracket = Some(c[1].trim().to_string());
            h.rin = Some(c[2].to_string());
            seen_ids = true;
            continue;
        }
        match &unit.kind {
            UnitKind::Line(LineRole::Agency) => h.agency = Some(t.to_string()),
            UnitKind::Line(LineRole::SubAgency) => h.subagency = Some(t.to_string()),
            UnitKind::Line(LineRole::Subject) => h.subject = Some(unit.rich.clone()),
            UnitKind::Line(LineRole::Rin) if RIN.is_match(t) => {
                h.rin = RIN.captures(t).and_then(|c| c.get(1)).map(|m| m.as_str().to_string());
            }
            _ if h.billing.is_none() && signature::billing_code(t).is_some() => {
                h.billing = signature::billing_code(t).map(|b| (b, unit.line));
            }
            _ if t.len() >= 2 && t.starts_with('[') && t.ends_with(']') && h.bracket.is_none() => {
                h.bracket = Some(t[1..t.len() - 1].trim().to_string());
                seen_ids = true;
            }
            _ if CFR.is_match(t) && h.cfr.is_none() => {
                if let Some(c) = CFR.captures(t) {
                    let title = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
                    h.cfr = Some((title, c.get(2).map_or("", |m| m.as_str()).trim_end_matches('.').to_string()));
                }
                seen_ids = true;
            }
            _ if RIN.is_match(t) && h.rin.is_none() => {
                h.rin = RIN.captures(t).and_then(|c| c.get(1)).map(|m| m.as_str().to_string());
                seen_ids = true;
            }
            _ if h.agency.is_none()
                && !t.chars().any(char::is_lowercase)
                && t.chars().filter(|c| c.is_alphabetic()).count() >= 3 =>
            {
                h.agency = Some(t.to_string());
            }
            _ if h.agency.is_some() => {
                if seen_ids {
                    after_ids.push(unit.clone());
                } else {
                    before_ids.push(unit.clone());
                }
            }
            _ => h.other.push(unit.clone()),
        }
    }
    let mut candidates: Vec<Unit> = before_ids.into_iter().chain(after_ids.clone()).collect();
    if h.subject.is_none()
        && let Some(last) = candidates.pop()
    {
        h.subject = Some(last.rich.clone());
    }
    if h.subagency.is_none() && !candidates.is_empty() {
        let first = candidates.remove(0);
        h.subagency = Some(first.text().trim().to_string());
    }
    h.other.extend(candidates);
}

/// FR Doc and billing code lines found anywhere, removed from the units.
#[derive(Clone, Debug, Default)]
pub struct EndMatter {
    /// The FR Doc line.
    pub fr_doc: Option<(FrDocLine, u32)>,
    /// BILLING CODE lines, with their lines.
    pub billing: Vec<(String, u32)>,
}

/// Removes the FR Doc and "BILLING CODE" lines from the units.
pub fn take_end_matter(units: &mut Vec<Unit>) -> EndMatter {
    let mut end = EndMatter::default();
    units.retain(|u| {
        if !matches!(u.kind, UnitKind::Para) {
            return true;
        }
        let t = u.text().trim();
        if let Some(doc) = signature::fr_doc(t) {
            if end.fr_doc.is_none() {
                end.fr_doc = Some((doc, u.line));
                return false;
            }
            return true;
        }
        if t.starts_with("BILLING CODE")
            && let Some(code) = signature::billing_code(t)
        {
            end.billing.push((code, u.line));
            return false;
        }
        true
    });
    end
}

/// Finds and removes the signature block at or after `from`: an FR XML signature, a "Dated:" line
/// with the name and titles after it, or a name and title lines at the very end.
pub fn take_signature(units: &mut Vec<Unit>, from: usize) -> Option<(Sig, usize, u32)> {
    for i in from..units.len() {
        if let UnitKind::Signature(sig) = &units[i].kind {
            let sig = sig.clone();
            let line = units[i].line;
            units.remove(i);
            return Some((sig, i, line));
        }
    }
    for i in from..units.len() {
        let text = units[i].text().to_string();
        let first_line = text.lines().next().unwrap_or("");
        let Some(dated) = signature::parse_dated(first_line) else { continue };
        let line = units[i].line;
        let rest: String = text.lines().skip(1).collect::<Vec<_>>().join("\n");
        let (block, extra) = if rest.trim().is_empty() {
            match name_block_at(units, i + 1, 4) {
                Some((b, n)) => (Some(b), n),
                None => (None, 0),
            }
        } else {
            (signature::parse_name_block(&rest).map(|(name, title)| NameBlock { lead: Vec::new(), name, title }), 0)
        };
        let Some(NameBlock { lead, name, title }) = block else { continue };
        units.drain(i..=i + extra);
        let (mut before, at) = take_before(units, i);
        before.extend(lead);
        return Some((Sig { dated: Some(dated), before, name, title }, at, line));
    }
    None
}

/// A signer's name and titles, with the lines printed above the name ("Office of Personnel
/// Management.").
struct NameBlock {
    lead: Vec<String>,
    name: String,
    title: Vec<String>,
}

/// The name block that starts at `index`, and the number of units it takes (at most `max`): one
/// paragraph with a line per part ("Name,\nTitle."), the text edition's one line ("Name, Title."),
/// or a name paragraph followed by title paragraphs, as Markdown manuscripts set it ("Name," then
/// "*Title, Agency.*"). Lines ending in a period above the name are kept as its lead.
fn name_block_at(units: &[Unit], index: usize, max: usize) -> Option<(NameBlock, usize)> {
    let first = units.get(index)?;
    if first.kind != UnitKind::Para {
        return None;
    }
    let text = first.text();
    // Lines, or in the text edition's one line, sentences: the lead ends where the name starts.
    let lines: Vec<&str> = if text.contains('\n') {
        text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    } else {
        text.trim().split_inclusive(". ").map(str::trim).collect()
    };
    let joiner = if text.contains('\n') { "\n" } else { " " };
    let lead_count = lines[..lines.len().saturating_sub(1)]
        .iter()
        .take_while(|l| l.ends_with('.') && l.split_whitespace().count() <= 12)
        .count();
    for lead in 0..=lead_count {
        let rest = lines[lead..].join(joiner);
        if let Some((name, title)) = signature::parse_name_block(&rest) {
            let lead = lines[..lead].iter().map(|l| (*l).to_string()).collect();
            return Some((NameBlock { lead, name, title }, 1));
        }
    }
    let name = text.trim();
    if !(name.ends_with(',') && !name.contains('\n') && signature::is_name(name)) {
        return None;
    }
    let mut block = name.to_string();
    for (k, unit) in units.iter().enumerate().skip(index + 1).take(max.saturating_sub(1)) {
        let t = unit.text().trim();
        let caption = split_caption(unit).is_some_and(|s| {
            captions::system_caption(&s.caption).is_some() || captions::preamble_caption(&s.caption).is_some()
        });
        if unit.kind != UnitKind::Para || t.len() > 200 || caption {
            return None;
        }
        block.push('\n');
        block.push_str(t);
        if let Some((name, title)) = signature::parse_name_block(&block) {
            return Some((NameBlock { lead: Vec::new(), name, title }, k - index + 1));
        }
    }
    None
}

/// A signature without a date whose block ends at `last` (see [`name_block_at`]).
pub fn take_undated_signature(units: &mut Vec<Unit>, last: usize) -> Option<(Sig, usize, u32)> {
    let (start, block) = (last.saturating_sub(3)..=last)
        .find_map(|start| name_block_at(units, start, 4).filter(|(_, n)| start + n - 1 == last).map(|b| (start, b)))?;
    let (NameBlock { lead, name, title }, used) = block;
    let line = units[start].line;
    units.drain(start..start + used);
    let (mut before, at) = take_before(units, start);
    before.extend(lead);
    Some((Sig { dated: None, before, name, title }, at, line))
}

/// An undated signature printed before the regulatory text, as VA and SSA print their rules: the
/// name and title just before the words of issuance (`issuance` tells them), after `from`. VA's
/// "Signing Authority" heading and its approval statement ("... approved this document on June
/// 22, 2020, for publication.") just before the name belong to the signature.
pub fn take_signature_before_issuance(
    units: &mut Vec<Unit>,
    from: usize,
    issuance: impl Fn(&str) -> bool,
) -> Option<(Sig, usize, u32)> {
    let words = (from..units.len()).find(|&i| units[i].kind == UnitKind::Para && issuance(units[i].text().trim()))?;
    let last = words.checked_sub(1).filter(|&l| l > from)?;
    let (mut sig, mut at, mut line) = take_undated_signature(units, last)?;
    let approval = at.checked_sub(1).filter(|&i| {
        let unit = &units[i];
        unit.kind == UnitKind::Para && unit.text().contains("approved this document")
    });
    if let Some(i) = approval {
        let mut lead = vec![units[i].text().trim().to_string()];
        let (mut first, mut first_line) = (i, units[i].line);
        let heading =
            i.checked_sub(1).filter(|&h| units[h].is_heading() && units[h].text().trim() == "Signing Authority");
        if let Some(h) = heading {
            lead.insert(0, units[h].text().trim().to_string());
            (first, first_line) = (h, units[h].line);
        }
        units.drain(first..at);
        lead.append(&mut sig.before);
        sig.before = lead;
        (at, line) = (first, first_line);
    }
    Some((sig, at, line))
}

/// A line such as "Issued in Washington, DC." or "By order of the Board." just before a
/// signature belongs to it.
fn take_before(units: &mut Vec<Unit>, at: usize) -> (Vec<String>, usize) {
    let Some(prev) = at.checked_sub(1).and_then(|i| units.get(i)) else { return (Vec::new(), at) };
    let t = prev.text().trim();
    let opener = ["Issued in ", "Issued at ", "By order of", "By the ", "Signed at ", "Dated at ", "For the "]
        .iter()
        .any(|o| t.starts_with(o));
    if prev.kind == UnitKind::Para && opener && t.split_whitespace().count() <= 16 && !t.contains('\n') {
        let line = t.to_string();
        units.remove(at - 1);
        return (vec![line], at - 1);
    }
    (Vec::new(), at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::read_markdown;

    #[test]
    fn a_signature_before_the_words_of_issuance_takes_the_signing_authority_with_it() {
        let issuance = |t: &str| t.starts_with("For the reasons");
        let mut units = read_markdown(
            "Privacy.\n\n### Signing Authority\n\nB. D. Tucker approved this document on June 22, 2020, for publication.\n\nConsuela Benjamin,\n\n*Regulations Development Coordinator.*\n\nFor the reasons set forth in the preamble, VA proposes to amend 38 CFR part 1 as follows:\n",
        );
        let (sig, at, _) = take_signature_before_issuance(&mut units, 0, issuance).expect("a signature");
        assert_eq!(sig.name, "Consuela Benjamin");
        assert_eq!(sig.before.len(), 2);
        assert_eq!(sig.before[0], "Signing Authority");
        assert_eq!((at, units.len()), (1, 2), "the block is taken out, the words of issuance stay");
        let mut unsigned =
            read_markdown("Privacy.\n\nFor the reasons stated in the preamble, VA amends 38 CFR part 1 as follows:\n");
        assert!(take_signature_before_issuance(&mut unsigned, 0, issuance).is_none());
    }

    #[test]
    fn a_bracketed_line_and_rin_in_one_paragraph() {
        let units = read_markdown(
            "DEPARTMENT OF DEFENSE\n\n32 CFR Part 310\n\n[Docket ID: DOD-2016-OS-0061]\nRIN 0790-AJ47\n\nPrivacy Act; Implementation\n\n**AGENCY:** DoD.\n",
        );
        let h = read(&units).heading;
        assert_eq!(h.bracket.as_deref(), Some("Docket ID: DOD-2016-OS-0061"));
        assert_eq!(h.rin.as_deref(), Some("0790-AJ47"));
    }

    #[test]
    fn heading_lines_and_captions() {
        let units = read_markdown(
            "9111-28\n\n## **DEPARTMENT OF HOMELAND SECURITY**\n\nOffice of the Secretary\n\n6 CFR Part 5\n\n[Docket No. DHS-2016-0053]\n\nRIN 1601-AA00\n\nPrivacy Act of 1974; Implementation of Exemptions\n\n**AGENCY:** Privacy Office.\n\n**ACTION:** Final rule.\n\n**ADDRESSES:** By mail.\n\n- Fax: 1.\n\n**INSTRUCTIONS:** Include the docket.\n\n**SUPPLEMENTARY INFORMATION:**\n\nBackground.\n",
        );
        let front = read(&units);
        let h = &front.heading;
        assert_eq!(h.billing.as_ref().map(|b| b.0.as_str()), Some("9111-28"));
        assert_eq!(h.agency.as_deref(), Some("DEPARTMENT OF HOMELAND SECURITY"));
        assert_eq!(h.subagency.as_deref(), Some("Office of the Secretary"));
        assert_eq!(h.cfr, Some((6, "5".to_string())));
        assert_eq!(h.bracket.as_deref(), Some("Docket No. DHS-2016-0053"));
        assert_eq!(h.rin.as_deref(), Some("1601-AA00"));
        assert_eq!(
            h.subject.as_ref().map(|s| s.text.as_str()),
            Some("Privacy Act of 1974; Implementation of Exemptions")
        );
        assert_eq!(front.captions.len(), 4);
        assert_eq!(front.captions[2].units.len(), 2);
        assert_eq!(front.captions[3].which, Which::Extra("INSTRUCTIONS".into()));
        assert!(front.has_supplementary);
        assert_eq!(units[front.body_start].text(), "Background.");
    }

    #[test]
    fn end_matter_and_signature() {
        let mut units = read_markdown(
            "Text.\n\nDated: August 3, 2016\n\nJonathan R. Cantor,  \nActing Chief Privacy Officer,  \nDepartment of Homeland Security.\n\n[FR Doc. 2016-18810 Filed: 8/8/2016 8:45 am; Publication Date: 8/9/2016]\n\nBILLING CODE 9111-28-P\n",
        );
        let end = take_end_matter(&mut units);
        assert_eq!(end.fr_doc.map(|d| d.0.number), Some("2016-18810".to_string()));
        assert_eq!(end.billing.len(), 1);
        let (sig, at, _) = take_signature(&mut units, 0).unwrap();
        assert_eq!(at, 1);
        assert_eq!(sig.name, "Jonathan R. Cantor");
        assert_eq!(units.len(), 1);
    }

    #[test]
    fn undated_signatures_in_every_setting() {
        // Markdown: the name and the title in paragraphs of their own.
        let mut units = read_markdown(
            "Text.\n\nJonathan R. Cantor,\n\n*Acting Chief Privacy Officer, Department of Homeland Security.*\n",
        );
        let (sig, at, _) = take_undated_signature(&mut units, 2).unwrap();
        assert_eq!((sig.name.as_str(), at), ("Jonathan R. Cantor", 1));
        assert_eq!(sig.title, ["Acting Chief Privacy Officer, Department of Homeland Security"]);
        assert_eq!(units.len(), 1);
        // The text edition: one line.
        let mut units =
            read_markdown("Barbara Demopulos, Privacy Advisor, Centers for Medicare & Medicaid Services.\n");
        let (sig, _, _) = take_undated_signature(&mut units, 0).unwrap();
        assert_eq!(sig.title, ["Privacy Advisor", "Centers for Medicare & Medicaid Services"]);
        // The agency's name above the signer's.
        let mut units = read_markdown("Office of Personnel Management.  \nKatherine Archuleta,  \nDirector.\n");
        let (sig, _, _) = take_undated_signature(&mut units, 0).unwrap();
        assert_eq!(
            (sig.name.as_str(), sig.before.as_slice()),
            ("Katherine Archuleta", &["Office of Personnel Management.".to_string()][..])
        );
        let mut units = read_markdown("Office of Personnel Management. Katherine Archuleta, Director.\n");
        let (sig, _, _) = take_undated_signature(&mut units, 0).unwrap();
        assert_eq!((sig.name.as_str(), sig.before.len()), ("Katherine Archuleta", 1));
        // A sentence is not a signature.
        let mut units = read_markdown("The records are kept, as the rule provides.\n");
        assert!(take_undated_signature(&mut units, 0).is_none());
    }
}
