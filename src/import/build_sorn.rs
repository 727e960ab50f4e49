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
    Action, Element, Exemptions, Loc, RoutineUse, SignaturePlacement, Sorn, SourceDate, System, SystemName, Template,
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

/// The first unit of the system text at or after `from`.
fn system_start(units: &[Unit], from: usize) -> usize {
    for i in from..units.len() {
        let Some((caption, _)) = is_system_caption(&units[i], true) else { continue };
        let later = units[i..].iter().filter(|u| is_system_caption(u, true).is_some()).count();
        if matches!(caption, SystemCaption::Identifier | SystemCaption::Element(Element::SystemName)) || later >= 3 {
            return i;
        }
    }
    units.len()
}

fn is_id_line(unit: &Unit) -> bool {
    let t = unit.text().trim();
    unit.kind == UnitKind::Para
        && t.split_whitespace().count() <= 16
        && !t.ends_with('.')
        && t.chars().any(|c| c.is_ascii_digit())
        && t.contains(['/', '-'])
        && split_caption(unit).is_none_or(|s| captions::system_caption(&s.caption).is_none())
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
    if sig.is_none()
        && text_start > body_start
        && let Some(found) = front::take_undated_signature(&mut units, text_start - 1)
    {
        sig = Some(found);
        text_start -= 1;
        sys -= 1;
    }
    let placement = match &sig {
        Some((_, at, _)) if *at <= text_start => SignaturePlacement::BeforeSystem,
        _ => SignaturePlacement::End,
    };

    // The system text, by caption.
    let found: Vec<(usize, SystemCaption, captions::Split)> =
        (sys..units.len()).filter_map(|i| is_system_caption(&units[i], false).map(|(c, s)| (i, c, s))).collect();
    let template = captions::template_of(&found.iter().map(|(_, _, s)| s.caption.clone()).collect::<Vec<_>>());
    let mut sections: Vec<Section> = Vec::new();
    let mut caption_at: BTreeMap<usize, (SystemCaption, captions::Split)> =
        found.into_iter().map(|(i, c, s)| (i, (c, s))).collect();
    let mut current: Option<usize> = None;
    for (i, unit) in units.iter().enumerate().skip(sys) {
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

    // Identifier and name.
    let all_texts: Vec<String> = units.iter().map(|u| u.text().to_string()).collect();
    let all_refs: Vec<&str> = all_texts.iter().map(String::as_str).collect();
    let name_section = sections.iter().find(|s| s.element == SystemCaption::Element(Element::SystemName));
    let name_text = name_section.and_then(|s| s.units.first()).map(|u| u.text().trim().to_string());
    if let Some(s) = name_section
        && s.units.len() > 1
    {
        let extra = s.units[1..].to_vec();
        ctx.unplace("system.name", &extra)?;
    }
    let id_from_caption = sections
        .iter()
        .find(|s| s.element == SystemCaption::Identifier)
        .and_then(|s| s.units.first())
        .map(|u| u.text().trim().trim_end_matches('.').to_string());
    let id_from_line = id_line.as_ref().map(|u| compress_parenthesized(u.text().trim()));
    let mut parts = name_text.as_deref().and_then(names::split_id_name);
    if let Some(p) = &parts
        && p.id_last
    {
        ctx.warn(
            name_section.map(|s| s.line),
            "the system name gives its identifier after the name; sorn prints the identifier first",
        );
    }
    if parts.is_none() {
        let id = id_from_caption.clone().or(id_from_line.clone());
        match (&name_text, id) {
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
            let subject = front.heading.subject.as_ref().map(|s| s.text.clone()).unwrap_or_default();
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
    let short_line = template == Template::Legacy && id_line.as_ref().is_some_and(|l| squash(l.text()) == parts.id);
    let abbreviations = if short_line { BTreeMap::new() } else { names::learn_abbreviations(&all_refs, &parts.id) };
    let system_name: SystemName = names::system_name(&parts, &abbreviations);
    if let Some(n) = &name_text {
        let printed = match template {
            Template::A108 if !system_name.full().ends_with('.') => format!("{}.", system_name.full()),
            _ => system_name.full(),
        };
        if squash(n) != squash(&printed) {
            ctx.warn(name_section.map(|s| s.line), format!("the system name prints as \"{printed}\""));
        }
    }
    if template == Template::Legacy
        && let Some(line) = &id_line
        && squash(line.text()) != squash(&system_name.id_long())
    {
        ctx.warn(Some(line.line), format!("the identifier line prints as \"{}\"", system_name.id_long()));
    }

    let mut parts_pre = super::preamble::preamble_parts(&front, &end.billing, &all_refs, ctx)?;
    ctx.writer.forms = names::forms(&system_name, parts_pre.preamble.docket.as_ref().map(|d| d.value.as_str()));
    let preamble = &mut parts_pre.preamble;

    // ACTION and the action it implies.
    let action_text = front.caption(PreambleCaption::Action).map(|c| joined(&c.units));
    let dates_text = front.caption(PreambleCaption::Dates).map(|c| joined(&c.units));
    let action = action_of(dates_text.as_ref().map(|r| r.text.as_str()), action_text.as_ref().map(|r| r.text.as_str()));
    if let Some(a) = &action_text {
        if squash(&a.text) != action.action_line(template) {
            preamble.action = ctx.inline(a)?;
        }
    }
    // Subject.
    let generated_subject = match (template, action) {
        (Template::Legacy, _) => format!("Privacy Act of 1974; {}", system_name.full_spelled()),
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

    let mut system = System {
        id: system_name.id.clone(),
        name: system_name.name.clone(),
        separator: system_name.separator.clone(),
        form: system_name.form.clone(),
        abbreviations: system_name.abbreviations.clone(),
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
        contesting: None,
        exemptions: None,
        history: None,
        changes: Vec::new(),
    };
    let mut captions_override = BTreeMap::new();
    for s in &sections {
        let SystemCaption::Element(element) = s.element else { continue };
        if let Some(spec) = template.caption(element)
            && s.caption.trim() != spec.caption
        {
            captions_override.insert(element, Loc::synthetic(s.caption.trim().to_string()));
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

    let signature = sig.map(|(s, _, _)| s.into_model(placement));
    let unplaced = std::mem::take(&mut ctx.unplaced);
    Ok(Sorn {
        kind: Loc::synthetic("sorn".into()),
        template: Loc::synthetic(template),
        action: Loc::synthetic(action),
        partial: false,
        capital_captions: false,
        exemption_rule: None,
        published: published.map(|d| Loc::synthetic(SourceDate(d))),
        agency: parts_pre.agency,
        notice: parts_pre.preamble,
        system,
        captions: captions_override,
        signature,
        fr_doc: fr_doc(&end),
        unplaced,
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

fn routine_uses_into(system: &mut System, units: &[Unit], ctx: &mut Ctx) -> Result<(), Box<ImportError>> {
    let (starts, style) = routine_uses::find(units);
    let Some(first) = starts.first() else {
        if !units.is_empty() {
            ctx.warn(
                units.first().map(|u| u.line),
                "no lettered, numbered or bulleted routine uses found; the text is kept as the lead-in",
            );
        }
        system.routine_uses_intro = ctx.prose(units)?;
        return Ok(());
    };
    if style == Some(routine_uses::Style::Bullet) {
        ctx.warn(
            units.get(first.unit).map(|u| u.line),
            "bulleted routine uses are numbered 1, 2, ... (sorn gives every routine use an id)",
        );
    }
    system.routine_uses_intro = ctx.prose(&units[..first.unit])?;
    for (k, start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(units.len(), |s| s.unit);
        let head = &units[start.unit];
        let mut body = vec![Unit {
            kind: UnitKind::Para,
            rich: head.reading_rich().from(start.text_at).trim(),
            line: head.line,
            depth: 0,
        }];
        body.extend(units[start.unit + 1..end].iter().cloned());
        let text = ctx.prose(&body)?.unwrap_or_else(|| Loc::synthetic(String::new()));
        system.routine_uses.push(RoutineUse { id: Loc::synthetic(start.id.clone()), text });
    }
    Ok(())
}

fn exemptions(units: &[Unit], ctx: &mut Ctx) -> Result<Exemptions, Box<ImportError>> {
    let mut out = Exemptions::default();
    let Some(first) = units.first() else { return Ok(out) };
    let text = first.text();
    match claims::find(text) {
        Some(found) if text[..found.range.start].trim().is_empty() => {
            if let Some(generated) = found.normalized(&text[found.range.clone()]) {
                ctx.warn(Some(first.line), format!("the claim sentences print as: {generated}"));
            }
            out.official = Some(Loc::synthetic(found.official.clone()));
            out.claims = found.to_model();
            let mut note = vec![Unit { rich: first.rich.from(found.range.end).trim(), ..first.clone() }];
            note.extend(units[1..].iter().cloned());
            out.note = ctx.prose(&note)?;
        }
        _ => out.text = ctx.prose(units)?,
    }
    Ok(out)
}
