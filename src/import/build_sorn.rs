//! A System of Records Notice from its units, in stages: where the system text is and how it
//! divides into systems and captions (`layout`), each system's identifier and name (`naming`),
//! the preamble (shared with exemption rules), each caption's text with its routine uses
//! (`uses`), an alteration's changes (`changes`) and the exemptions caption (`exemptions`); then
//! signature and FR Doc line.

mod changes;
mod exemptions;
mod layout;
mod naming;
mod uses;

use std::collections::BTreeMap;

use super::captions::{self, PreambleCaption, SystemCaption};
use super::front;
use super::preamble::{PreambleParts, common_preamble, doc_publication, fr_doc, joined, squash};
use super::unit::Unit;
use super::{Ctx, ImportError, ImportOptions, RawDoc, dates, names};
use crate::model::{Action, Change, Element, Loc, SignaturePlacement, Sorn, SourceDate, System, SystemName, Template};
use changes::changes;
use exemptions::exemptions;
use layout::{Section, is_id_line, is_stars, is_system_caption, read_sections, system_segments, system_start};
use naming::{NameRead, Naming, read_name};
use uses::routine_uses_into;

/// Builds the SORN.
pub fn build(doc: RawDoc, options: &ImportOptions, ctx: &mut Ctx) -> Result<Sorn, Box<ImportError>> {
    let mut units = doc.units;
    let end = front::take_end_matter(&mut units);
    let front = front::read(&units);
    let body_start = front.body_start;
    let TextPlace { sig, sys, text_start, id_line, legacy_heading, placement, body_start } =
        locate_text(&mut units, body_start);

    // The system text, by caption: one system, or several one after the other.
    let found: Vec<(usize, SystemCaption, captions::Split)> =
        (sys..units.len()).filter_map(|i| is_system_caption(&units[i], false).map(|(c, s)| (i, c, s))).collect();
    let template = captions::template_of(&found.iter().map(|(_, _, s)| s.caption.clone()).collect::<Vec<_>>());
    let mut caption_at: BTreeMap<usize, (SystemCaption, captions::Split)> =
        found.into_iter().map(|(i, c, s)| (i, (c, s))).collect();
    let all_texts: Vec<String> = units.iter().map(|u| u.text().to_string()).collect();
    let all_refs: Vec<&str> = all_texts.iter().map(String::as_str).collect();
    let segments = system_segments(&units, sys, id_line.is_some().then_some(text_start));
    let mut reads = Vec::with_capacity(segments.len());
    for (k, segment) in segments.iter().enumerate() {
        let sections = read_sections(&units, segment, template, &mut caption_at, ctx);
        let (line, heading) = match k {
            0 => (id_line.as_ref(), legacy_heading),
            _ => (segment.id_line.map(|i| &units[i]), false),
        };
        let naming = Naming { template, id_line: line, legacy_heading: heading, all: &all_refs, first: k == 0 };
        let name = read_name(&sections, &naming, &front, ctx)?;
        reads.push((sections, name));
    }
    let first_name = reads[0].1.system_name.clone();

    let mut parts_pre = super::preamble::preamble_parts(&front, &end.billing, &all_refs, ctx)?;
    let docket = parts_pre.preamble.docket.as_ref().map(|d| d.value.clone());
    ctx.writer.forms = names::forms(&first_name, docket.as_deref());
    let publication = doc_publication(&doc.issue_date, &end);
    let (action, published) =
        action_and_dates(&front, &mut parts_pre, (template, &first_name), &publication, options, ctx)?;
    let preamble = &mut parts_pre.preamble;

    // Supplementary information.
    let mut supp: Vec<Unit> = front.supplementary_first.iter().cloned().collect();
    supp.extend(units[body_start..text_start].iter().cloned());
    preamble.supplementary = ctx.prose(&supp)?;
    if legacy_heading && template == Template::A108 {
        ctx.warn(None, "\"System of Records\" heading: sorn prints it only for the legacy caption set");
    }

    // Legacy captions set in capitals print so with one switch, not one override each.
    let every_section = || reads.iter().flat_map(|(sections, _)| sections);
    let capital_captions = template == Template::Legacy
        && every_section().next().is_some()
        && every_section().all(|s| !s.caption.chars().any(char::is_lowercase));
    let mut captions_override = BTreeMap::new();
    for s in every_section() {
        let SystemCaption::Element(element) = s.element else { continue };
        if let Some(spec) = template.caption(element)
            && s.caption.trim() != spec.caption
            && !(capital_captions && s.caption.trim() == spec.caption.to_uppercase())
        {
            captions_override.entry(element).or_insert_with(|| Loc::synthetic(s.caption.trim().to_string()));
        }
    }
    let mut systems = Vec::with_capacity(reads.len());
    for ((sections, name), segment) in reads.iter().zip(&segments) {
        // Each system's prose names its own system with the placeholders.
        ctx.writer.forms = names::forms(&name.system_name, docket.as_deref());
        let changes = changes(&units[segment.changes..segment.end], ctx)?;
        systems.push(system_of(name, sections, changes, ctx)?);
    }
    ctx.writer.forms = names::forms(&first_name, docket.as_deref());
    let mut systems = systems.into_iter();
    let Some(system) = systems.next() else { unreachable!("a notice has at least one system segment") };

    let partial = std::iter::once(&system).chain(systems.as_slice()).any(|s| !s.changes.is_empty())
        || units.iter().skip(sys).any(is_stars);
    let signature = sig.map(|(s, _, _)| s.into_model(placement));
    let unplaced = std::mem::take(&mut ctx.unplaced);
    Ok(Sorn {
        kind: Loc::synthetic("sorn".into()),
        template: Loc::synthetic(template),
        action: Loc::synthetic(action),
        partial,
        capital_captions,
        exemption_rule: None,
        revises: None,
        published: published.map(|d| Loc::synthetic(SourceDate(d))),
        agency: parts_pre.agency,
        notice: parts_pre.preamble,
        system,
        systems: systems.collect(),
        captions: captions_override,
        signature,
        fr_doc: fr_doc(&end),
        unplaced,
    })
}

/// ACTION and the action it implies, the subject line, and the dates: each kept in the source
/// only where it is not the wording sorn generates.
fn action_and_dates(
    front: &front::Front,
    parts: &mut PreambleParts,
    (template, first_name): (Template, &SystemName),
    publication: &Option<jiff::civil::Date>,
    options: &ImportOptions,
    ctx: &mut Ctx,
) -> Result<(Action, Option<jiff::civil::Date>), Box<ImportError>> {
    // ACTION and the action it implies.
    let action_text = front.caption(PreambleCaption::Action).map(|c| joined(&c.units));
    let dates_text = front.caption(PreambleCaption::Dates).map(|c| joined(&c.units));
    let action = action_of(dates_text.as_ref().map(|r| r.text.as_str()), action_text.as_ref().map(|r| r.text.as_str()));
    if let Some(a) = &action_text
        && squash(&a.text) != action.action_line(template)
    {
        parts.preamble.action = ctx.inline(a)?;
    }
    // Subject.
    let generated_subject = match (template, action) {
        (Template::Legacy, _) => format!("Privacy Act of 1974; {}", first_name.full_spelled()),
        (Template::A108, Action::Rescinded) => "Privacy Act of 1974; Rescindment of a System of Records".into(),
        (Template::A108, _) => "Privacy Act of 1974; System of Records".into(),
    };
    if let Some(subject) = &front.heading.subject
        && squash(&subject.text) != generated_subject
    {
        parts.preamble.subject = ctx.inline(subject)?;
    }
    let published = common_preamble(
        front,
        &mut parts.preamble,
        &parts.agency,
        publication,
        options,
        ctx,
        dates::Convention::Sorn(action.adjective()),
    )?;
    Ok((action, published))
}

/// Where the system text starts and the signature stands, once the signature is taken out of the
/// units.
struct TextPlace {
    sig: Option<(super::signature::Sig, usize, u32)>,
    /// The first caption of the system text.
    sys: usize,
    /// The first unit of the system text: the caption, or the identifier line and heading above it.
    text_start: usize,
    id_line: Option<Unit>,
    legacy_heading: bool,
    placement: SignaturePlacement,
    /// Where SUPPLEMENTARY INFORMATION's text after its first paragraph starts.
    body_start: usize,
}

/// Finds the system text after `body_start` and takes the signature out of the units: a dated
/// one anywhere, else an undated one at the end, or, as Education, SSA and DoD sign, just above
/// the system text or above the sentence that introduces it.
fn locate_text(units: &mut Vec<Unit>, body_start: usize) -> TextPlace {
    let mut sig = front::take_signature(units, body_start);
    let mut sys = system_start(units, body_start);
    let mut text_start = sys;
    if sig.is_none() && units.len() > sys + 1 {
        let last = units.len() - 1;
        sig = front::take_undated_signature(units, last);
    }
    let mut id_line = None;
    let mut legacy_heading = false;
    if text_start > body_start && is_id_line(&units[text_start - 1]) {
        id_line = Some(units[text_start - 1].clone());
        text_start -= 1;
    }
    if text_start > body_start
        && units[text_start - 1].text().trim().trim_end_matches(':').eq_ignore_ascii_case("System of Records")
    {
        legacy_heading = true;
        text_start -= 1;
    }
    // Signed before the system text (Education, SSA, DoD): just above the first caption, or
    // above the sentence that introduces the system text.
    for gap in 1..=2 {
        if sig.is_some() || text_start < body_start + gap {
            break;
        }
        let before = units.len();
        if let Some(found) = front::take_undated_signature(units, text_start - gap) {
            let taken = before - units.len();
            sig = Some(found);
            text_start = text_start.saturating_sub(taken);
            sys = sys.saturating_sub(taken);
        }
    }
    let placement = match &sig {
        Some((_, at, _)) if *at <= text_start => SignaturePlacement::BeforeSystem,
        _ => SignaturePlacement::End,
    };

    TextPlace { sig, sys, text_start, id_line, legacy_heading, placement, body_start: body_start.min(text_start) }
}

/// One system of the notice from its name and sections.
fn system_of(
    name: &NameRead,
    sections: &[Section],
    changes: Vec<Change>,
    ctx: &mut Ctx,
) -> Result<System, Box<ImportError>> {
    let system_name = &name.system_name;
    let mut system = System {
        separator: system_name.separator.clone(),
        form: system_name.form.clone(),
        abbreviations: system_name.abbreviations.clone(),
        id_line: name.id_line.map(Loc::synthetic),
        stars_after_name: name.stars_after_name,
        changes,
        ..System::named(system_name.id.clone(), system_name.name.clone())
    };
    for s in sections {
        let SystemCaption::Element(element) = s.element else { continue };
        if element == Element::Notification && s.caption.to_lowercase().contains("record access") {
            system.access_in_notification = true;
        }
        match element {
            Element::SystemName => {}
            Element::RoutineUses => routine_uses_into(&mut system, &s.units, ctx)?,
            Element::Exemptions => system.exemptions = Some(exemptions(&s.units, ctx)?),
            other => {
                let prose = ctx.prose(&s.units)?;
                if let Some(slot) = system.prose_mut(other) {
                    *slot = prose;
                }
            }
        }
    }
    if let Some(e) = &system.exemptions
        && e.claims.is_empty()
        && e.text.is_none()
        && e.note.is_none()
    {
        system.exemptions = None;
    }

    Ok(system)
}

fn action_of(dates: Option<&str>, action: Option<&str>) -> Action {
    if let Some(d) = dates {
        for (word, a) in [
            ("This new system", Action::New),
            ("This modified system", Action::Modified),
            ("This altered system", Action::Modified),
            ("This rescinded system", Action::Rescinded),
        ] {
            if d.contains(word) {
                return a;
            }
        }
    }
    let a = action.unwrap_or("").to_lowercase();
    if a.contains("rescind") || a.contains("delet") {
        Action::Rescinded
    } else if a.contains("modif")
        || a.contains("alter")
        || a.contains("revis")
        || a.contains("amend")
        || a.contains("updat")
    {
        Action::Modified
    } else {
        Action::New
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Units as the readers see them, for the stages' tests.
    use super::super::rich::Rich;
    use super::super::unit::{Unit, UnitKind};

    pub(crate) fn heading(text: &str) -> Unit {
        Unit::new(UnitKind::Heading(3), Rich::plain(text), 1)
    }

    pub(crate) fn para(text: &str) -> Unit {
        Unit::new(UnitKind::Para, Rich::plain(text), 1)
    }
}
