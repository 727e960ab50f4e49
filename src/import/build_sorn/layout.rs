//! Where the system text is and how it divides: its first caption, the identifier line above
//! it, the systems of a notice of several, and each system's text by caption.

use std::collections::BTreeMap;

use super::super::Ctx;
use super::super::captions::{self, SystemCaption, split_caption};
use super::super::rich::{MarkKind, Rich};
use super::super::unit::{Unit, UnitKind};
use crate::model::{Element, Template};

pub(super) struct Section {
    pub(super) element: SystemCaption,
    pub(super) caption: String,
    pub(super) line: u32,
    pub(super) units: Vec<Unit>,
}

pub(super) fn is_system_caption(unit: &Unit, strict: bool) -> Option<(SystemCaption, captions::Split)> {
    let split = split_caption(unit)?;
    let caption = captions::system_caption(&split.caption)?;
    (!strict || split.marked || split.alone || split.capitals).then_some((caption, split))
}

/// The first unit of the system text at or after `from`: its name or identifier caption, else
/// the first caption of three or more. A caption before the name ("Authority: 5 U.S.C. 552a" at the
/// end of SUPPLEMENTARY INFORMATION) belongs to the preamble, not to the system.
pub(super) fn system_start(units: &[Unit], from: usize) -> usize {
    let named = (from..units.len()).find(|&i| {
        matches!(
            is_system_caption(&units[i], true),
            Some((SystemCaption::Identifier | SystemCaption::Element(Element::SystemName), _))
        )
    });
    if let Some(i) = named {
        return i;
    }
    let found: Vec<Option<SystemCaption>> =
        units.iter().skip(from).map(|u| is_system_caption(u, true).map(|(c, _)| c)).collect();
    // Captions from here on, counted down as the scan passes them (one pass, not one per caption).
    let mut later = found.iter().flatten().count();
    for (i, caption) in found.iter().enumerate() {
        let Some(caption) = caption else { continue };
        if matches!(caption, SystemCaption::Identifier | SystemCaption::Element(Element::SystemName)) || later >= 3 {
            return from + i;
        }
        later -= 1;
    }
    units.len()
}

/// The identifier line above the first caption: "DHS/ICE-015", a long form with the
/// abbreviations spelled out, or, set as a heading, "FHFA-14" or "DHA 20 DoD".
pub(super) fn is_id_line(unit: &Unit) -> bool {
    let t = unit.text().trim();
    let words = t.split_whitespace().count();
    let shaped = match unit.kind {
        UnitKind::Para => (words <= 16 && t.contains(['/', '-'])) || code_words(t),
        UnitKind::Heading(_) => words <= 6 && !t.ends_with(':'),
        _ => false,
    };
    shaped
        && !t.ends_with('.')
        && t.chars().any(|c| c.is_ascii_digit())
        && split_caption(unit).is_none_or(|s| captions::system_caption(&s.caption).is_none())
}

/// "DHA 20 DoD", "DMDC 04": a few words, each capitalized or a number, one an abbreviation.
pub(super) fn code_words(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()))
        && words.iter().any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
}

pub(super) fn is_stars(unit: &Unit) -> bool {
    unit.kind == UnitKind::Para && unit.text().trim() == "* * * * *"
}

/// An alteration notice's "Changes:" caption.
pub(super) fn is_changes_caption(unit: &Unit) -> bool {
    split_caption(unit).is_some_and(|s| {
        s.body.is_empty() && (s.marked || s.alone || s.capitals) && captions::normalize(&s.caption) == "change"
    })
}

/// Where one system's text is: from its first caption to its alteration's "Changes:" (if any) and
/// its end, and the identifier line above it.
pub(super) struct Segment {
    pub(super) id_line: Option<usize>,
    pub(super) start: usize,
    pub(super) changes: usize,
    pub(super) end: usize,
}

/// The systems of the system text from `sys` on. A notice that publishes several systems starts
/// each with its system name caption again, under its identifier line where the caption set has
/// one; a name caption inside an alteration's "Changes:" ("System name: Delete entry and replace
/// with ...") changes the name and starts no system, unless an identifier line stands above it.
/// `first_line` is the first system's identifier line, which stands before `sys`.
pub(super) fn system_segments(units: &[Unit], sys: usize, first_line: Option<usize>) -> Vec<Segment> {
    let is_name =
        |u: &Unit| matches!(is_system_caption(u, true), Some((SystemCaption::Element(Element::SystemName), _)));
    let mut starts: Vec<(Option<usize>, usize)> = vec![(first_line, sys)];
    let mut named = false;
    let mut in_changes = false;
    for i in sys..units.len() {
        if is_changes_caption(&units[i]) {
            in_changes = true;
        }
        if !is_name(&units[i]) {
            continue;
        }
        let line = (i > sys && is_id_line(&units[i - 1])).then(|| i - 1);
        if named && (!in_changes || line.is_some()) {
            starts.push((line, i));
            in_changes = false;
        }
        named = true;
    }
    let mut segments: Vec<Segment> = Vec::with_capacity(starts.len());
    for (k, &(id_line, start)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(units.len(), |&(line, next)| line.unwrap_or(next));
        let changes = (start..end).find(|&i| is_changes_caption(&units[i])).unwrap_or(end);
        segments.push(Segment { id_line, start, changes, end });
    }
    segments
}

/// One system's text by caption: each caption of the caption set starts a section; a caption
/// printed twice joins its text to the first, one outside the set stays in the text before it.
pub(super) fn read_sections(
    units: &[Unit],
    segment: &Segment,
    template: Template,
    caption_at: &mut BTreeMap<usize, (SystemCaption, captions::Split)>,
    ctx: &mut Ctx,
) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::new();
    let mut current: Option<usize> = None;
    for (i, unit) in units.iter().enumerate().take(segment.changes).skip(segment.start) {
        match caption_at.remove(&i) {
            Some((caption, split))
                if matches!(caption, SystemCaption::Identifier)
                    || matches!(caption, SystemCaption::Element(e) if template.caption(e).is_some()) =>
            {
                match sections.iter().position(|s| s.element == caption) {
                    Some(pos) if caption != SystemCaption::Identifier => {
                        ctx.warn(
                            Some(unit.line),
                            format!("caption \"{}\" appears twice; its text joins the first", split.caption),
                        );
                        sections[pos].units.push(run_in_caption(&split, unit));
                        current = Some(pos);
                    }
                    _ => {
                        sections.push(section(caption, split, unit));
                        current = Some(sections.len() - 1);
                    }
                }
            }
            Some((_, split)) => {
                ctx.warn(
                    Some(unit.line),
                    format!(
                        "caption \"{}\" is not part of the {} caption set; kept as a bold caption in the text before it",
                        split.caption,
                        template.name()
                    ),
                );
                if let Some(c) = current {
                    sections[c].units.push(run_in_caption(&split, unit));
                }
            }
            None => {
                if let Some(c) = current {
                    sections[c].units.push(unit.clone());
                }
            }
        }
    }

    sections
}

pub(super) fn section(element: SystemCaption, split: captions::Split, unit: &Unit) -> Section {
    let mut units = Vec::new();
    if !split.body.is_empty() {
        units.push(body_unit(&split, unit));
    }
    Section { element, caption: split.caption, line: unit.line, units }
}

pub(super) fn body_unit(split: &captions::Split, unit: &Unit) -> Unit {
    Unit { kind: UnitKind::Para, rich: split.body.clone(), line: unit.line, depth: 0 }
}

/// "**CAPTION:** text" as one paragraph, or the caption alone when its text follows.
pub(super) fn run_in_caption(split: &captions::Split, unit: &Unit) -> Unit {
    let mut caption = bold_caption(split, unit);
    if !split.body.is_empty() {
        caption.rich.append(&split.body, " ");
    }
    caption
}

pub(super) fn bold_caption(split: &captions::Split, unit: &Unit) -> Unit {
    let mut rich = Rich::plain(format!("{}:", split.caption));
    let len = rich.text.len();
    rich.add_mark(0..len, MarkKind::Strong);
    Unit { kind: UnitKind::Para, rich, line: unit.line, depth: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::build_sorn::testing::{heading, para};

    #[test]
    fn identifier_lines() {
        assert!(is_id_line(&para("DHS/ICE-015")));
        assert!(is_id_line(&para(
            "Department of Homeland Security (DHS)/U.S. Immigration Customs Enforcement (ICE)-015"
        )));
        assert!(is_id_line(&heading("FHFA-14")));
        assert!(is_id_line(&heading("DHA 20 DoD")));
        assert!(is_id_line(&para("DHA 20 DoD")));
        assert!(is_id_line(&para("DMDC 04")));
        assert!(!is_id_line(&para("Page 2")));
        assert!(!is_id_line(&para("Notice 2016")));
        assert!(!is_id_line(&heading("II. Background")));
        assert!(!is_id_line(&heading("System name:")));
        assert!(!is_id_line(&para("Records are kept for 6 years.")));
    }

    #[test]
    fn a_preamble_authority_line_does_not_start_the_system_text() {
        let units = vec![
            para("Publication of this notice keeps the inventory current."),
            heading("Authority:"),
            para("5 U.S.C. 552a; 88 Stat. 1896."),
            heading("System name:"),
            para("Distributive Shares and Refunds Subsystem."),
            heading("System location:"),
            para("Washington, DC."),
            heading("Authority for maintenance of the system:"),
            para("The National Housing Act."),
        ];
        assert_eq!(system_start(&units, 0), 3);
        // Without a name caption, the first of three captions starts it.
        let unnamed: Vec<Unit> = units[..3].iter().chain(&units[5..]).cloned().collect();
        assert_eq!(system_start(&unnamed, 0), 1);
    }

    #[test]
    fn each_system_name_caption_starts_a_system_but_not_one_inside_the_changes() {
        let units = vec![
            heading("SYSTEM NAME AND NUMBER:"),
            para("Employee Identification Files, 60-0058."),
            heading("HISTORY:"),
            para("72 FR 69723 (December 10, 2007)."),
            heading("SYSTEM NAME AND NUMBER:"),
            para("Master Files of SSN Holders, 60-0059."),
            heading("HISTORY:"),
            para("75 FR 82121 (December 29, 2010)."),
        ];
        let spans: Vec<(usize, usize)> = system_segments(&units, 0, None).iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(spans, [(0, 4), (4, 8)]);
        let dod = vec![
            heading("System name:"),
            para("Emergency Evacuation Tracking (May 6, 2010, 75 FR 24928)."),
            heading("Changes:"),
            heading("System name:"),
            para("Delete entry and replace with “Evacuation Tracking.”"),
            heading("DMDC 05"),
            heading("System name:"),
            para("Repatriation Records."),
        ];
        let segments = system_segments(&dod, 0, None);
        let spans: Vec<(Option<usize>, usize, usize, usize)> =
            segments.iter().map(|s| (s.id_line, s.start, s.changes, s.end)).collect();
        assert_eq!(spans, [(None, 0, 2, 5), (Some(5), 6, 8, 8)], "the identifier line starts the second system");
    }
}
