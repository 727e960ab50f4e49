//! DoD 32 CFR part 310: a rule adds a captioned block per system under a section paragraph
//! printed as its designation and three stars, or as a paragraph of its own: "(5) System
//! identifier and name: DMDC 24 DoD, Defense Information System for Security (DISS).", "(i)
//! Exemption: ...", "(ii) Authority: 5 U.S.C. 552a(k)(1), ...", "(iii) Reasons: (A) From
//! subsection (c)(3) because ...", "(iv) Exempt records from other systems: ...". These are the
//! contents 32 CFR 310.31(b) (2016) asks of an exemption rule: the system's identifier and title,
//! the sections the exemption is claimed under, the provisions exempted and the reasons for each.
//! Since 2019 (32 CFR 310.13) the captions end with a period ("Exemption.").

use std::sync::LazyLock;

use regex::Regex;

use crate::import::build_rule::{SystemPart, read_reasons};
use crate::import::unit::Unit;
use crate::import::{Ctx, ImportError, claims, names};
use crate::model::{BlockCaptions, ExemptSystem, Loc, Paragraph, RuleExemptions, SystemName};

/// A caption opening a unit of a block: its designation, the caption (without emphasis) and its
/// punctuation: "(ii) Authority: ", "(1) *System identifier and name.* ".
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\((?P<d>[a-z]{1,4}|\d{1,3})\)\s+[*_]?(?P<cap>[A-Z][A-Za-z ]{2,60}?)(?P<p>[:.])[*_]?(?:\s+|$)")
        .expect("valid pattern")
});
/// A parent paragraph printed only by its designation and stars: "(d) * * *".
static PARENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<d>\((?:[a-z]{1,4}|\d{1,3})\))\s*(?:\\?\*\s*){3}$").expect("valid pattern"));

/// What a caption of a block introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Part {
    /// "System identifier and name:": the system, as printed.
    Identifier,
    /// "Exemption:": the claims.
    Exemption,
    /// "Authority:": the authorities claimed under.
    Authority,
    /// "Reasons:" or "Exemption from the particular subsections.": the reasons, lettered (A), (B).
    Reasons,
    /// "Exempt records from other systems:".
    OtherSystems,
}

/// A caption of a block as printed at the start of a unit.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Caption {
    pub(crate) part: Part,
    /// "(5)", "(i)".
    pub(crate) designation: String,
    /// The caption with its punctuation, as printed: "Exemption:", "Authority.".
    pub(crate) printed: String,
    /// Where the caption's text begins in the unit.
    pub(crate) body_start: usize,
}

/// The caption a unit of a block opens with, if it opens with one.
pub(crate) fn caption(reading: &str) -> Option<Caption> {
    let c = CAPTION.captures(reading)?;
    let words = c["cap"].trim();
    let lower = words.to_ascii_lowercase();
    let part = if lower.starts_with("system identifier") {
        Part::Identifier
    } else if lower.starts_with("exempt records from other systems") {
        Part::OtherSystems
    } else if lower == "reasons" || lower.starts_with("exemption from the particular subsection") {
        Part::Reasons
    } else if lower == "exemption" || lower == "exemptions" {
        Part::Exemption
    } else if lower == "authority" || lower == "authorities" {
        Part::Authority
    } else {
        return None;
    };
    Some(Caption {
        part,
        designation: format!("({})", &c["d"]),
        printed: format!("{words}{}", &c["p"]),
        body_start: c.get(0).map_or(0, |m| m.end()),
    })
}

/// The designation of a parent paragraph printed as "(d) * * *".
pub(crate) fn parent(reading: &str) -> Option<String> {
    PARENT.captures(reading.trim()).map(|c| c["d"].to_string())
}

/// Whether a unit opens a block: its first caption names the system.
pub(crate) fn opens_block(reading: &str) -> bool {
    caption(reading).is_some_and(|c| c.part == Part::Identifier)
}

/// The identifier and name as a block prints them, with what stands between them and the form
/// that prints the caption again: "DMDC 24 DoD, Defense Information System for Security (DISS)."
/// gives ("DMDC 24 DoD", ", ", "Defense Information System for Security (DISS)", None); "DUSDI
/// 01-DoD \"Department ... Records System.\"" gives the name in its quotation marks by the form
/// `{id} "{name}."`.
pub(crate) fn identifier_and_name(printed: &str) -> Option<(String, String, String, Option<String>)> {
    let text = printed.trim();
    if let Some(open) = text.find(['"', '\u{201c}']) {
        let id = text[..open].trim().trim_end_matches(',').trim();
        let quote = text[open..].chars().next()?;
        let close = if quote == '"' { '"' } else { '\u{201d}' };
        let inner_start = open + quote.len_utf8();
        let inner_end = inner_start + text[inner_start..].find(close)?;
        let inner = &text[inner_start..inner_end];
        let lead = &inner[..inner.len() - inner.trim_start().len()];
        let name = inner[lead.len()..].trim_end_matches([',', '.', ' ']);
        if id.is_empty() || name.is_empty() {
            return None;
        }
        let between = &text[id.len()..open];
        let after_name = &inner[lead.len() + name.len()..];
        let after_quote = &text[inner_end + close.len_utf8()..];
        let form = format!("{{id}}{between}{quote}{lead}{{name}}{after_name}{close}{after_quote}");
        return Some((id.to_string(), between.to_string(), name.to_string(), Some(form)));
    }
    let (id, name) = text.split_once(", ")?;
    let name = name.trim().trim_end_matches('.').trim();
    (!id.trim().is_empty() && !name.is_empty())
        .then(|| (id.trim().to_string(), ", ".to_string(), name.to_string(), None))
}

/// The system a block's first unit names ("(5) System identifier and name: ..."), with the form
/// that prints it as the block does.
pub(crate) fn system_name(unit: &Unit) -> Option<SystemName> {
    let reading = unit.reading();
    let c = caption(&reading).filter(|c| c.part == Part::Identifier)?;
    let (id, separator, name, form) = identifier_and_name(&reading[c.body_start..])?;
    let parts = names::NameParts { id, separator: Some(separator), name, id_last: false };
    let mut system = names::system_name(&parts, &Default::default());
    system.form = form.map(Loc::synthetic);
    if system.separator.as_ref().is_some_and(|s| s.value == " ") {
        system.separator = None;
    }
    Some(system)
}

/// The units of a block by caption, each caption's first unit without its designation and
/// caption; units that open with none continue the caption before them.
fn by_caption(unit: &Unit, after: Vec<Unit>) -> Vec<(Caption, Vec<Unit>)> {
    let mut parts: Vec<(Caption, Vec<Unit>)> = Vec::new();
    for u in std::iter::once(unit.clone()).chain(after) {
        let reading = u.reading();
        let first = parts.is_empty();
        match (caption(&reading), parts.last_mut()) {
            (Some(c), _) if c.part != Part::Identifier || first => {
                let rich = u.reading_rich().from(c.body_start).trim();
                parts.push((c, vec![Unit { rich, ..u }]));
            }
            (_, Some((_, units))) => units.push(u),
            (_, None) => {}
        }
    }
    parts
}

/// Reads a block (its first unit and the units after it): the Exemption caption's text is the
/// claims' wording, the Authority caption's the authorities (read with the wording when it names
/// none), the Reasons caption's the reasons, lettered (A), (B), ...; with the captions where they
/// are printed otherwise than the pre-2019 ones.
pub(crate) fn read_block(
    unit: &Unit,
    after: Vec<Unit>,
    ctx: &mut Ctx,
) -> Result<(SystemPart, Option<BlockCaptions>), Box<ImportError>> {
    let mut exemptions = RuleExemptions::default();
    let mut printed: [Option<String>; 5] = Default::default();
    let mut reasons_units = Vec::new();
    let (mut wording, mut authority) = (String::new(), String::new());
    for (c, units) in by_caption(unit, after) {
        let text = units.iter().map(Unit::text).collect::<Vec<_>>().join(" ");
        let slot = match c.part {
            Part::Identifier => 0,
            Part::Exemption => {
                exemptions.wording = ctx.prose(&units)?;
                wording = text;
                1
            }
            Part::Authority => {
                exemptions.authority = ctx.prose(&units)?;
                authority = text;
                2
            }
            Part::Reasons => {
                reasons_units = units;
                3
            }
            Part::OtherSystems => {
                exemptions.other_systems = ctx.prose(&units)?;
                4
            }
        };
        printed[slot] = Some(c.printed);
    }
    let found = claims::find(&wording)
        .filter(|f| !f.stated.is_empty())
        .or_else(|| claims::find(&format!("{wording} {authority}")));
    match found {
        Some(found) => exemptions.claims = found.to_model(),
        None => ctx.warn(Some(unit.line), "no claims read in the block's Exemption and Authority captions"),
    }
    let reasons = read_reasons(None, reasons_units, ctx)?;
    exemptions.reasons_intro = ctx.prose(&reasons.intro)?;
    let part = SystemPart {
        exemptions,
        justifications: reasons.justifications,
        reasons_paragraph: None,
        numbering: reasons.numbering,
        leadin: reasons.leadin,
        citations: reasons.citations,
    };
    Ok((part, block_captions(printed)))
}

/// The captions printed otherwise than the pre-2019 ones, if any is.
fn block_captions(printed: [Option<String>; 5]) -> Option<BlockCaptions> {
    let defaults = BlockCaptions::printed(None);
    let [identifier, exemption, authority, reasons, other_systems] =
        std::array::from_fn(|i| printed[i].clone().filter(|p| *p != defaults[i]).map(Loc::synthetic));
    let captions = BlockCaptions { identifier, exemption, authority, reasons, other_systems };
    (captions != BlockCaptions::default()).then_some(captions)
}

/// A further block of the same rule, as a further system.
pub(crate) fn further_block(
    designation: &str,
    unit: &Unit,
    after: Vec<Unit>,
    ctx: &mut Ctx,
) -> Result<ExemptSystem, Box<ImportError>> {
    let Some(name) = system_name(unit) else {
        return Err(ImportError::new(format!("line {}: a DoD block names no system", unit.line), None));
    };
    let (part, _) = read_block(unit, after, ctx)?;
    Ok(ExemptSystem {
        id: name.id,
        name: name.name,
        separator: name.separator,
        abbreviations: name.abbreviations,
        sorn: None,
        paragraph: Some(Loc::synthetic(Paragraph::Designation(designation.to_string()))),
        reasons_paragraph: None,
        form: name.form,
        shares_paragraph: false,
        exemptions: part.exemptions,
        justifications: part.justifications,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_of_both_eras() {
        let c = caption("(5) System identifier and name: DMDC 24 DoD, Defense Information System.").unwrap();
        assert_eq!(
            (c.part, c.designation.as_str(), c.printed.as_str()),
            (Part::Identifier, "(5)", "System identifier and name:")
        );
        assert_eq!(&"(5) System identifier and name: DMDC 24"[c.body_start..], "DMDC 24");
        let c = caption("(ii) Authority: 5 U.S.C. 552a(k)(1).").unwrap();
        assert_eq!((c.part, c.printed.as_str()), (Part::Authority, "Authority:"));
        let c = caption("(i) *Exemption.* This system of records is exempted").unwrap();
        assert_eq!((c.part, c.printed.as_str()), (Part::Exemption, "Exemption."));
        let c = caption(
            "(iii) Exemption from the particular subsections. Exemption from the particular subsections is justified",
        )
        .unwrap();
        assert_eq!(c.part, Part::Reasons);
        assert_eq!(caption("(iv) Exempt records from other systems: In the course").unwrap().part, Part::OtherSystems);
        assert_eq!(caption("(iii) Reasons: (A) From subsection (c)(3)").unwrap().part, Part::Reasons);
        assert!(caption("(A) From subsection (c)(3) because").is_none());
        assert!(caption("(b) These exemptions apply only to the extent").is_none());
        assert!(opens_block("(1) *System identifier and name:* DUSDI 01-DoD"));
        assert!(!opens_block("(i) Exemption: This system"));
    }

    #[test]
    fn parents_print_as_stars() {
        assert_eq!(parent("(d) * * *").as_deref(), Some("(d)"));
        assert_eq!(parent("(d) \\* \\* \\*").as_deref(), Some("(d)"));
        assert_eq!(parent("(d) The following"), None);
    }

    #[test]
    fn identifiers_and_names() {
        assert_eq!(
            identifier_and_name("DMDC 24 DoD, Defense Information System for Security (DISS)."),
            Some(("DMDC 24 DoD".into(), ", ".into(), "Defense Information System for Security (DISS)".into(), None))
        );
        let (id, _, name, form) = identifier_and_name(
            "DUSDI 01-DoD \"Department of Defense (DoD) Insider Threat Management and Analysis Center (DITMAC) and DoD Component Insider Threat Records System.\"",
        )
        .unwrap();
        assert_eq!(id, "DUSDI 01-DoD");
        assert!(name.starts_with("Department of Defense (DoD)") && name.ends_with("Records System"));
        assert_eq!(form.as_deref(), Some("{id} \"{name}.\""));
        assert_eq!(identifier_and_name("no identifier here"), None);
        // Odd spacing and characters inside the quotation marks never split a character.
        let (_, _, name, form) = identifier_and_name("X-1 \u{201c} \u{e9}t\u{e9} .\u{201d}").unwrap();
        assert_eq!(name, "\u{e9}t\u{e9}");
        assert_eq!(form.as_deref(), Some("{id} \u{201c} {name} .\u{201d}"));
        assert_eq!(identifier_and_name("X-1 \"unclosed"), None);
        assert_eq!(identifier_and_name("\"\""), None);
    }
}
