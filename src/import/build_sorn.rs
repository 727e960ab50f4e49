//! A System of Records Notice from its units: preamble, system text by caption, routine uses,
//! exemptions, signature and FR Doc line.

use std::collections::BTreeMap;

use super::captions::{self, PreambleCaption, SystemCaption, split_caption};
use super::front;
use super::preamble::{common_preamble, doc_publication, fr_doc, joined, squash};
use super::rich::{MarkKind, Rich};
use super::unit::{Unit, UnitKind};
use super::{Ctx, ImportError, ImportOptions, RawDoc, claims, dates, names, routine_uses};
use crate::model::{
    Action, Change, Element, Exemptions, IdLine, Loc, RoutineUse, SignaturePlacement, Sorn, SourceDate, System,
    SystemName, Template,
};

struct Section {
    element: SystemCaption,
    caption: String,
    line: u32,
    units: Vec<Unit>,
}

fn is_system_caption(unit: &Unit, strict: bool) -> Option<(SystemCaption, captions::Split)> {
    let split = split_caption(unit)?;
    let caption = captions::system_caption(&split.caption)?;
    (!strict || split.marked || split.alone || split.capitals).then_some((caption, split))
}

/// The first unit of the system text at or after `from`: its name or identifier caption, else
/// the first caption of three or more. A caption before the name ("Authority: 5 U.S.C. 552a" at the
/// end of SUPPLEMENTARY INFORMATION) belongs to the preamble, not to the system.
fn system_start(units: &[Unit], from: usize) -> usize {
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
fn is_id_line(unit: &Unit) -> bool {
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
fn code_words(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    (2..=4).contains(&words.len())
        && words.iter().all(|w| w.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()))
        && words.iter().any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()))
}

fn is_stars(unit: &Unit) -> bool {
    unit.kind == UnitKind::Para && unit.text().trim() == "* * * * *"
}

/// An alteration notice's "Changes:" caption.
fn is_changes_caption(unit: &Unit) -> bool {
    split_caption(unit).is_some_and(|s| {
        s.body.is_empty() && (s.marked || s.alone || s.capitals) && captions::normalize(&s.caption) == "change"
    })
}

/// "Department of Homeland Security (DHS)/U.S. Immigration Customs Enforcement (ICE)-015" →
/// "DHS/ICE-015".
fn compress_parenthesized(text: &str) -> String {
    text.split('/')
        .map(|seg| match (seg.rfind('('), seg.rfind(')')) {
            (Some(o), Some(c)) if o < c && seg[o + 1..c].chars().all(|ch| ch.is_ascii_uppercase()) => {
                format!("{}{}", &seg[o + 1..c], seg[c + 1..].trim())
            }
            _ => seg.trim().to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Builds the SORN.
pub fn build(doc: RawDoc, options: &ImportOptions, ctx: &mut Ctx) -> Result<Sorn, Box<ImportError>> {
    let mut units = doc.units;
    let end = front::take_end_matter(&mut units);
    let front = front::read(&units);
    let body_start = front.body_start;
    let mut sig = front::take_signature(&mut units, body_start);
    let mut sys = system_start(&units, body_start);
    let mut text_start = sys;
    if sig.is_none() && units.len() > sys + 1 {
        let last = units.len() - 1;
        sig = front::take_undated_signature(&mut units, last);
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
        if let Some(found) = front::take_undated_signature(&mut units, text_start - gap) {
            let taken = before - units.len();
            sig = Some(found);
            text_start = text_start.saturating_sub(taken);
            sys = sys.saturating_sub(taken);
        }
    }
    let body_start = body_start.min(text_start);
    let placement = match &sig {
        Some((_, at, _)) if *at <= text_start => SignaturePlacement::BeforeSystem,
        _ => SignaturePlacement::End,
    };

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
    let preamble = &mut parts_pre.preamble;
    // ACTION and the action it implies.
    let action_text = front.caption(PreambleCaption::Action).map(|c| joined(&c.units));
    let dates_text = front.caption(PreambleCaption::Dates).map(|c| joined(&c.units));
    let action = action_of(dates_text.as_ref().map(|r| r.text.as_str()), action_text.as_ref().map(|r| r.text.as_str()));
    if let Some(a) = &action_text
        && squash(&a.text) != action.action_line(template)
    {
        preamble.action = ctx.inline(a)?;
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
        preamble.subject = ctx.inline(subject)?;
    }
    let published = common_preamble(
        &front,
        preamble,
        &parts_pre.agency,
        &doc_publication(&doc.issue_date, &end),
        options,
        ctx,
        dates::Convention::Sorn(action.adjective()),
    )?;

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

/// Where one system's text is: from its first caption to its alteration's "Changes:" (if any) and
/// its end, and the identifier line above it.
struct Segment {
    id_line: Option<usize>,
    start: usize,
    changes: usize,
    end: usize,
}

/// The systems of the system text from `sys` on. A notice that publishes several systems starts
/// each with its system name caption again, under its identifier line where the caption set has
/// one; a name caption inside an alteration's "Changes:" ("System name: Delete entry and replace
/// with ...") changes the name and starts no system, unless an identifier line stands above it.
/// `first_line` is the first system's identifier line, which stands before `sys`.
fn system_segments(units: &[Unit], sys: usize, first_line: Option<usize>) -> Vec<Segment> {
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
fn read_sections(
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

/// What reading a system's name needs besides its sections.
struct Naming<'a> {
    template: Template,
    /// The identifier line above the system name caption.
    id_line: Option<&'a Unit>,
    /// Whether the "System of Records" heading stands above it (DHS's legacy form).
    legacy_heading: bool,
    /// The text of every unit, where the identifier's abbreviations are spelled out.
    all: &'a [&'a str],
    /// Whether this is the notice's first system (whose name the subject line may give).
    first: bool,
}

/// A system's identity as read.
struct NameRead {
    system_name: SystemName,
    id_line: Option<IdLine>,
    stars_after_name: bool,
}

/// Identifier and name of one system, from its name caption, identifier caption or line, and, for
/// the first system, the subject line; with the form and identifier line that print them as
/// published, and a warning where they cannot.
fn read_name(
    sections: &[Section],
    naming: &Naming<'_>,
    front: &front::Front,
    ctx: &mut Ctx,
) -> Result<NameRead, Box<ImportError>> {
    let Naming { template, id_line, legacy_heading, all: all_refs, first } = *naming;
    let key = if first { "system.name" } else { "systems.name" };
    let name_section = sections.iter().find(|s| s.element == SystemCaption::Element(Element::SystemName));
    let name_text = name_section.and_then(|s| s.units.first()).map(|u| u.text().trim().to_string());
    // Stars right after the name (a notice of revision) are kept as such; other text after the
    // name has no field to go to.
    let mut stars_after_name = false;
    if let Some(s) = name_section
        && s.units.len() > 1
    {
        let extra = &s.units[1..];
        stars_after_name = extra.len() == 1 && is_stars(&extra[0]);
        if !stars_after_name {
            ctx.unplace(key, extra)?;
        }
    }
    let id_from_caption = sections
        .iter()
        .find(|s| s.element == SystemCaption::Identifier)
        .and_then(|s| s.units.first())
        .map(|u| u.text().trim().trim_end_matches('.').to_string());
    let id_from_line = id_line.map(|u| compress_parenthesized(u.text().trim()));
    let id_elsewhere = id_from_caption.clone().or(id_from_line.clone());
    // "Name (May 6, 2010, 75 FR 24928)": the citation of the notice altered is not part of the name.
    let core = name_text.as_deref().map(|n| names::split_cite_suffix(n).0);
    let mut parts = core.and_then(|c| names::split_id_name(c).or_else(|| names::split_name_paren_id(c)));
    // "Department of Transportation (DOT)/… (FMCSA) 009, Name": the identifier in its long form.
    let mut long_id = None;
    if parts.is_none()
        && let Some((compressed, printed)) = core.and_then(names::compress_long_id)
    {
        parts = names::split_id_name(&compressed);
        long_id = parts.is_some().then_some(printed);
    }
    if parts.is_none() {
        match (core, id_elsewhere.clone()) {
            (Some(n), Some(id)) => {
                parts = Some(names::NameParts {
                    id,
                    separator: None,
                    name: n.trim_end_matches('.').to_string(),
                    id_last: false,
                })
            }
            (Some(n), None) => {
                ctx.warn(name_section.map(|s| s.line), "no system identifier found; `system.id` is empty");
                parts = Some(names::NameParts {
                    id: String::new(),
                    separator: Some(String::new()),
                    name: n.trim_end_matches('.').to_string(),
                    id_last: false,
                });
            }
            _ => {}
        }
    }
    let parts = match parts {
        Some(p) => p,
        None => {
            let subject = front.heading.subject.as_ref().filter(|_| first).map(|s| s.text.clone()).unwrap_or_default();
            let tail = subject.rsplit(';').next().unwrap_or("").trim().to_string();
            match names::split_id_name(&tail) {
                Some(p) => p,
                None => {
                    ctx.warn(None, "no system name caption found; `system.id` and `system.name` are empty");
                    names::NameParts {
                        id: String::new(),
                        separator: Some(String::new()),
                        name: String::new(),
                        id_last: false,
                    }
                }
            }
        }
    };
    // A legacy identifier line that spells the identifier short prints short: no long forms.
    let short_line = template == Template::Legacy && id_line.is_some_and(|l| squash(l.text()) == parts.id);
    let abbreviations = if short_line { BTreeMap::new() } else { names::learn_abbreviations(all_refs, &parts.id) };
    let mut system_name: SystemName = names::system_name(&parts, &abbreviations);
    let id_line_kind = match (template, legacy_heading, id_line) {
        (Template::A108, _, _) | (Template::Legacy, true, _) => None,
        (Template::Legacy, false, Some(_)) => Some(IdLine::Short),
        (Template::Legacy, false, None) => Some(IdLine::None),
    };
    if let Some(n) = &name_text {
        if squash(n) != squash(&printed_name(template, &system_name)) {
            // Name first, or the name alone under an identifier line: a form writes it as printed.
            let optional = id_elsewhere.as_deref() == Some(system_name.id.value.as_str());
            let form = match &long_id {
                // The long form is written as printed: a form has placeholders for the short one.
                Some(long) => names::derive_form(n, long, &system_name.name.value, false)
                    .map(|f| f.replacen("{id}", &long.replace('{', "{{").replace('}', "}}"), 1)),
                None => names::derive_form(n, &system_name.id.value, &system_name.name.value, optional),
            };
            if let Some(form) = form {
                system_name.form = Some(Loc::synthetic(form));
                system_name.separator = None;
            }
        }
        let printed = printed_name(template, &system_name);
        if squash(n) != squash(&printed) {
            ctx.warn(name_section.map(|s| s.line), format!("the system name prints as \"{printed}\""));
        }
    }
    if let Some(line) = id_line {
        let expected = match id_line_kind {
            Some(IdLine::Short) => system_name.id.value.clone(),
            _ => system_name.id_long(),
        };
        if template == Template::Legacy && squash(line.text()) != squash(&expected) {
            ctx.warn(Some(line.line), format!("the identifier line prints as \"{expected}\""));
        }
    }

    Ok(NameRead { system_name, id_line: id_line_kind, stars_after_name })
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
        id: system_name.id.clone(),
        name: system_name.name.clone(),
        separator: system_name.separator.clone(),
        form: system_name.form.clone(),
        abbreviations: system_name.abbreviations.clone(),
        id_line: name.id_line.map(Loc::synthetic),
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
        stars_after_name: name.stars_after_name,
        access_in_notification: false,
        contesting: None,
        exemptions: None,
        history: None,
        changes,
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
                let slot = match other {
                    Element::SecurityClassification => &mut system.security_classification,
                    Element::Location => &mut system.location,
                    Element::Managers => &mut system.managers,
                    Element::Authority => &mut system.authority,
                    Element::Purposes => &mut system.purposes,
                    Element::Individuals => &mut system.individuals,
                    Element::Records => &mut system.records,
                    Element::RecordSources => &mut system.record_sources,
                    Element::ConsumerReporting => &mut system.consumer_reporting,
                    Element::Policies => &mut system.policies,
                    Element::Storage => &mut system.storage,
                    Element::Retrieval => &mut system.retrieval,
                    Element::Safeguards => &mut system.safeguards,
                    Element::Retention => &mut system.retention,
                    Element::Notification => &mut system.notification,
                    Element::RecordAccess => &mut system.record_access,
                    Element::Contesting => &mut system.contesting,
                    Element::History => &mut system.history,
                    Element::SystemName | Element::RoutineUses | Element::Exemptions => continue,
                };
                *slot = prose;
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

/// The system name caption's text as sorn prints it (A-108 captions end with a period).
fn printed_name(template: Template, name: &SystemName) -> String {
    let caption = name.caption();
    match template {
        Template::A108 if !caption.ends_with('.') => format!("{caption}."),
        _ => caption,
    }
}

/// The entries after an alteration notice's "Changes:" caption: each system caption starts one,
/// other headings inside the replacement text stay in it as bold captions, and each line of stars
/// marks entries left out.
fn changes(units: &[Unit], ctx: &mut Ctx) -> Result<Vec<Change>, Box<ImportError>> {
    let Some((first, rest)) = units.split_first() else { return Ok(Vec::new()) };
    debug_assert!(is_changes_caption(first));
    let mut entries: Vec<(Option<String>, Vec<Unit>, bool)> = Vec::new();
    let mut stars = false;
    for unit in rest {
        if is_stars(unit) {
            if stars {
                entries.push((None, Vec::new(), true));
            }
            stars = true;
            continue;
        }
        if let Some((_, split)) = is_system_caption(unit, true) {
            let body = if split.body.is_empty() { Vec::new() } else { vec![body_unit(&split, unit)] };
            entries.push((Some(split.caption.trim().to_string()), body, stars));
            stars = false;
            continue;
        }
        let unit = match split_caption(unit) {
            Some(split) if unit.is_heading() => run_in_caption(&split, unit),
            _ => unit.clone(),
        };
        match entries.last_mut() {
            Some((_, body, _)) if !stars => body.push(unit),
            _ => entries.push((None, vec![unit], std::mem::take(&mut stars))),
        }
    }
    if stars {
        entries.push((None, Vec::new(), true));
    }
    entries.into_iter().map(|(caption, body, stars)| change(caption, &body, stars, ctx)).collect()
}

/// One entry of "Changes:"; the replacement text for the routine uses caption is read for its
/// routine uses.
fn change(caption: Option<String>, body: &[Unit], stars: bool, ctx: &mut Ctx) -> Result<Change, Box<ImportError>> {
    let routine =
        caption.as_deref().and_then(captions::system_caption) == Some(SystemCaption::Element(Element::RoutineUses));
    let read = if routine {
        read_routine_uses(body, ctx)?
    } else {
        RoutineUsesRead { intro: ctx.prose(body)?, ..RoutineUsesRead::default() }
    };
    Ok(Change {
        caption: caption.map(Loc::synthetic),
        text: read.intro,
        routine_uses: read.uses,
        routine_uses_note: read.note,
        stars,
    })
}

fn section(element: SystemCaption, split: captions::Split, unit: &Unit) -> Section {
    let mut units = Vec::new();
    if !split.body.is_empty() {
        units.push(body_unit(&split, unit));
    }
    Section { element, caption: split.caption, line: unit.line, units }
}

fn body_unit(split: &captions::Split, unit: &Unit) -> Unit {
    Unit { kind: UnitKind::Para, rich: split.body.clone(), line: unit.line, depth: 0 }
}

/// "**CAPTION:** text" as one paragraph, or the caption alone when its text follows.
fn run_in_caption(split: &captions::Split, unit: &Unit) -> Unit {
    let mut caption = bold_caption(split, unit);
    if !split.body.is_empty() {
        caption.rich.append(&split.body, " ");
    }
    caption
}

fn bold_caption(split: &captions::Split, unit: &Unit) -> Unit {
    let mut rich = Rich::plain(format!("{}:", split.caption));
    let len = rich.text.len();
    rich.add_mark(0..len, MarkKind::Strong);
    Unit { kind: UnitKind::Para, rich, line: unit.line, depth: 0 }
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

/// A routine uses caption's text read: the text before the uses, the uses, the text after them.
#[derive(Default)]
struct RoutineUsesRead {
    intro: Option<crate::model::Prose>,
    uses: Vec<RoutineUse>,
    note: Option<crate::model::Prose>,
}

/// Reads the routine uses of a caption's text (the system's, or an alteration's replacement text
/// for it). Text with no uses sorn can find is kept whole as the lead-in, with a warning.
fn read_routine_uses(units: &[Unit], ctx: &mut Ctx) -> Result<RoutineUsesRead, Box<ImportError>> {
    let found = routine_uses::find(units);
    let Some(first) = found.starts.first() else {
        if !units.is_empty() {
            ctx.warn(
                units.first().map(|u| u.line),
                "no lettered, numbered or bulleted routine uses found; the text is kept as the lead-in",
            );
        }
        return Ok(RoutineUsesRead { intro: ctx.prose(units)?, ..RoutineUsesRead::default() });
    };
    if found.style == Some(routine_uses::Style::Bullet) {
        ctx.warn(
            units.get(first.unit).map(|u| u.line),
            "bulleted routine uses are numbered 1, 2, ... (sorn gives every routine use an id)",
        );
    }
    let mut read = RoutineUsesRead { intro: ctx.prose(&units[..first.unit])?, ..RoutineUsesRead::default() };
    let uses_end = found.note.unwrap_or(units.len());
    for (k, start) in found.starts.iter().enumerate() {
        let end = found.starts.get(k + 1).map_or(uses_end, |s| s.unit);
        let head = &units[start.unit];
        let mut body = vec![Unit {
            kind: UnitKind::Para,
            rich: head.reading_rich().from(start.text_at).trim(),
            line: head.line,
            depth: 0,
        }];
        body.extend(units[start.unit + 1..end].iter().cloned());
        let text = ctx.prose(&body)?.unwrap_or_else(|| Loc::synthetic(String::new()));
        read.uses.push(RoutineUse { id: Loc::synthetic(start.id.clone()), text, change: None });
    }
    read.note = ctx.prose(&units[uses_end..])?;
    Ok(read)
}

fn routine_uses_into(system: &mut System, units: &[Unit], ctx: &mut Ctx) -> Result<(), Box<ImportError>> {
    let read = read_routine_uses(units, ctx)?;
    system.routine_uses_intro = read.intro;
    system.routine_uses = read.uses;
    system.routine_uses_note = read.note;
    Ok(())
}

fn exemptions(units: &[Unit], ctx: &mut Ctx) -> Result<Exemptions, Box<ImportError>> {
    let mut out = Exemptions::default();
    let found: Vec<(usize, claims::ClaimsFound)> =
        units.iter().enumerate().filter_map(|(i, u)| claims::find(u.text()).map(|f| (i, f))).collect();
    match found.as_slice() {
        [] => out.text = ctx.prose(units)?,
        // Sentences sorn generates, at the start of the caption: claims and who exempts.
        [(0, only)] if only.official.is_some() && units[0].text()[..only.range.start].trim().is_empty() => {
            let first = &units[0];
            if let Some(generated) = only.normalized(&first.text()[only.range.clone()]) {
                ctx.warn(Some(first.line), format!("the claim sentences print as: {generated}"));
            }
            out.official = only.official.clone().map(Loc::synthetic);
            out.claims = only.to_model();
            let mut note = vec![Unit { rich: first.rich.from(only.range.end).trim(), ..first.clone() }];
            note.extend(units[1..].iter().cloned());
            out.note = ctx.prose(&note)?;
        }
        // The agency's own wording: kept, up to the end of its last claim sentence.
        [.., (last, last_found)] => {
            let runs: Vec<&claims::ClaimsFound> = found.iter().map(|(_, f)| f).collect();
            out.claims = claims::to_model(&claims::merged(&runs));
            let unit = &units[*last];
            let mut wording = units[..*last].to_vec();
            wording.push(Unit { rich: unit.rich.slice(0..last_found.range.end).trim(), ..unit.clone() });
            out.wording = ctx.prose(&wording)?;
            let mut note = vec![Unit { rich: unit.rich.from(last_found.range.end).trim(), ..unit.clone() }];
            note.extend(units[last + 1..].iter().cloned());
            out.note = ctx.prose(&note)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(text: &str) -> Unit {
        Unit::new(UnitKind::Heading(3), Rich::plain(text), 1)
    }

    fn para(text: &str) -> Unit {
        Unit::new(UnitKind::Para, Rich::plain(text), 1)
    }

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

    fn claims_text(e: &Exemptions) -> Vec<String> {
        e.claims
            .iter()
            .map(|c| {
                let subs: Vec<&str> = c.subsections.elements().map(|s| s.value).collect();
                format!("{} {}", c.authority.value.written(), subs.join(" "))
            })
            .collect()
    }

    fn value(p: &Option<crate::model::Prose>) -> Option<&str> {
        p.as_ref().map(|p| p.value.trim())
    }

    #[test]
    fn exemptions_none_or_proposed_without_a_list_stay_text() {
        let mut ctx = Ctx::default();
        let e = exemptions(&[para("None.")], &mut ctx).unwrap();
        assert!(e.claims.is_empty() && e.wording.is_none());
        assert_eq!(value(&e.text), Some("None."));
        let proposed = "DHS is issuing a notice of proposed rulemaking to exempt this system from certain \
                        provisions of the Privacy Act elsewhere in the Federal Register.";
        let e = exemptions(&[para(proposed)], &mut ctx).unwrap();
        assert!(e.claims.is_empty() && e.wording.is_none());
        assert_eq!(value(&e.text), Some(proposed));
        assert!(ctx.warnings.is_empty());
    }

    #[test]
    fn exemptions_in_the_generated_wording_are_generated() {
        let mut ctx = Ctx::default();
        let e = exemptions(
            &[para(
                "The Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(k)(2), has exempted this system \
                 from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3); (d); and (f). When a \
                 record received from another system has been exempted, DHS will claim the same exemptions.",
            )],
            &mut ctx,
        )
        .unwrap();
        assert_eq!(e.official.as_ref().map(|o| o.value.as_str()), Some("the Secretary of Homeland Security"));
        assert!(e.wording.is_none());
        assert_eq!(claims_text(&e), ["(k)(2) (c)(3) (d) (f)"]);
        assert!(value(&e.note).is_some_and(|n| n.starts_with("When a record")));
        assert!(ctx.warnings.is_empty());
    }

    #[test]
    fn exemptions_in_other_wordings_keep_them_over_paragraphs() {
        let mut ctx = Ctx::default();
        let units = [
            para(
                "Pursuant to 5 U.S.C. 552a(j)(2), the Department is proposing to exempt this system from the \
                 following provisions of the Privacy Act: subsections (c)(3) and (4); (d); and (g).",
            ),
            para(
                "Additionally, pursuant to 5 U.S.C. 552a(k)(1), (k)(2), and (k)(5), the Department is proposing \
                 to exempt this system from subsections (c)(3), (d), and (f). See the notice of proposed \
                 rulemaking published elsewhere in this issue.",
            ),
            para("Records received from other systems keep their exemptions."),
        ];
        let e = exemptions(&units, &mut ctx).unwrap();
        assert!(e.official.is_none());
        assert_eq!(
            claims_text(&e),
            ["(j)(2) (c)(3) (c)(4) (d) (g)", "(k)(1) (c)(3) (d) (f)", "(k)(2) (c)(3) (d) (f)", "(k)(5) (c)(3) (d) (f)"]
        );
        let wording = value(&e.wording).unwrap();
        assert!(wording.starts_with("Pursuant to 5 U.S.C. 552a(j)(2)"), "{wording}");
        assert!(wording.ends_with("subsections (c)(3), (d), and (f)."), "{wording}");
        assert!(wording.contains("\n\nAdditionally"), "the paragraphs stay paragraphs: {wording}");
        assert_eq!(
            value(&e.note),
            Some(
                "See the notice of proposed rulemaking published elsewhere in this issue.\n\nRecords received from \
                 other systems keep their exemptions."
            )
        );
        assert!(ctx.warnings.is_empty());
    }

    #[test]
    fn alteration_changes_by_caption_with_stars() {
        let units = vec![
            heading("Changes:"),
            para("* * * * *"),
            heading("System identifier:"),
            para("Delete entry and replace with “EDHA 20 DoD.”"),
            para("* * * * *"),
            heading("Categories of records in the system:"),
            para("Delete entry and replace with “Demographic records: name."),
            heading("Other records:"),
            para("Medical history.”"),
            para("* * * * *"),
        ];
        let mut ctx = Ctx::default();
        let changes = changes(&units, &mut ctx).unwrap();
        let shape: Vec<(bool, Option<&str>)> =
            changes.iter().map(|c| (c.stars, c.caption.as_ref().map(|x| x.value.as_str()))).collect();
        assert_eq!(
            shape,
            [(true, Some("System identifier")), (true, Some("Categories of records in the system")), (true, None)]
        );
        let records = changes[1].text.as_ref().unwrap().value.as_str();
        assert!(records.contains("**Other records:**"), "a heading inside the replacement stays in it: {records}");
        assert!(ctx.warnings.is_empty() && ctx.unplaced.is_empty());
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

    #[test]
    fn routine_uses_of_a_replacement_text_are_typed() {
        let units = vec![
            heading("Changes:"),
            heading("Routine uses of records maintained in the system:"),
            para(
                "Delete entry and replace with “In addition, records may be disclosed pursuant to 5 U.S.C. 552a(b)(3) as follows:",
            ),
            para("To the Department of State to plan evacuations."),
            para("To the American Red Cross to notify the sponsor."),
            para("The DoD Blanket Routine Uses may apply to this system.”"),
        ];
        let mut ctx = Ctx::default();
        let changes = changes(&units, &mut ctx).unwrap();
        let [change] = changes.as_slice() else { panic!("one change: {changes:?}") };
        assert_eq!(change.routine_uses.len(), 2);
        assert!(change.routine_uses.iter().all(|u| u.id.value.is_empty()));
        assert!(change.text.as_ref().unwrap().value.starts_with("Delete entry and replace with"));
        assert!(change.routine_uses_note.as_ref().unwrap().value.contains("Blanket Routine Uses"));
        assert!(ctx.warnings.is_empty() && ctx.unplaced.is_empty());
    }
}
