//! Lowering a System of Records Notice.

use super::LowerOptions;
use super::common::{self, Context, Dates, caption, claim_sentences, heading_lines, mark, preamble_tail};
use crate::frdoc::{Block, Designated, FrDocument, escape};
use crate::model::{Element, IdLine, Prose, RoutineUse, SignaturePlacement, Sorn, System, Template};

/// Lowers a SORN: heading lines, preamble, system text in the template's caption order, signature,
/// FR Doc line.
pub fn lower(s: &Sorn, options: &LowerOptions) -> FrDocument {
    let template = s.template.value;
    let dates = Dates::compute(&s.notice, s.published.as_ref(), &options.calendar);
    let ctx = Context {
        system: s.system.name(),
        agency: &s.agency,
        docket: s.notice.docket.as_ref().map(|d| d.value.trim()),
        dates,
    };
    let subject = match &s.notice.subject {
        Some(p) => ctx.prose(p),
        None => match (template, s.action.value) {
            (Template::Legacy, _) => format!("Privacy Act of 1974; {}", ctx.system.full_spelled()),
            (Template::A108, crate::model::Action::Rescinded) => {
                "Privacy Act of 1974; Rescindment of a System of Records".into()
            }
            (Template::A108, _) => "Privacy Act of 1974; System of Records".into(),
        },
    };
    let mut blocks = heading_lines(&s.notice, &s.agency, None, subject.clone());

    let agency_caption = match &s.notice.agency {
        Some(p) => ctx.prose(p),
        None => escape(&format!("{}.", s.agency.name.value.trim())),
    };
    blocks.push(Block::Caption { label: "AGENCY".into(), body: agency_caption });
    let action = match &s.notice.action {
        Some(p) => ctx.prose(p),
        None => s.action.value.action_line(template).to_string(),
    };
    blocks.push(Block::Caption { label: "ACTION".into(), body: action });
    blocks.extend(caption("SUMMARY", s.notice.summary.as_ref().map(|p| ctx.prose(p))));
    blocks.extend(caption("DATES", dates_text(s, &ctx)));
    preamble_tail(&ctx, &s.notice, &mut blocks);

    let signature_first = s.signature.as_ref().is_some_and(|sig| sig.placement == SignaturePlacement::BeforeSystem);
    if signature_first {
        blocks.extend(s.signature.as_ref().map(common::signature));
    }

    system_text(s, &s.system, &ctx, &mut blocks);
    for system in &s.systems {
        let ctx = Context { system: system.name(), ..ctx.clone() };
        system_text(s, system, &ctx, &mut blocks);
    }

    if !signature_first {
        blocks.extend(s.signature.as_ref().map(common::signature));
    }
    blocks.extend(common::published_end(s.fr_doc.as_ref(), &s.notice));
    FrDocument { title: subject, section: "Notices", blocks }
}

/// One system's text: the legacy identifier line, then its captions in the template's order
/// (a notice of several systems prints each system so, one after the other).
fn system_text(s: &Sorn, system: &System, ctx: &Context<'_>, blocks: &mut Vec<Block>) {
    let template = s.template.value;
    if template == Template::Legacy {
        match system.id_line.as_ref().map_or(IdLine::Long, |l| l.value) {
            IdLine::Long => {
                blocks.push(Block::Heading(3, "System of Records".into()));
                blocks.push(Block::Markdown(escape(&ctx.system.id_long())));
            }
            IdLine::Short => blocks.push(Block::Heading(3, ctx.system.id.value.trim().to_string())),
            IdLine::None => {}
        }
    }
    for spec in template.captions() {
        let body = element_body(s, system, ctx, spec.element);
        let label = match s.captions.get(&spec.element) {
            Some(c) => c.value.trim().trim_end_matches(':').to_string(),
            None => {
                let caption = match spec.element {
                    Element::Notification if system.access_in_notification => match template {
                        Template::A108 => "NOTIFICATION AND RECORD ACCESS PROCEDURES",
                        Template::Legacy => "Notification and record access procedures",
                    },
                    _ => spec.caption,
                };
                if s.capital_captions { caption.to_uppercase() } else { caption.to_string() }
            }
        };
        if body.is_none() && !(spec.element == Element::Policies && has_storage(system)) {
            continue;
        }
        blocks.push(Block::SectionCaption(format!("{label}:")));
        blocks.extend(body.into_iter().flatten());
        if spec.element == Element::SystemName {
            changes(system, ctx, blocks);
            if system.stars_after_name {
                blocks.push(Block::Stars);
            }
        }
    }
}

/// An alteration notice's "Changes:": each changed entry under its caption, stars where entries
/// are left out; the routine uses a replacement text prints as routine uses.
fn changes(system: &System, ctx: &Context<'_>, blocks: &mut Vec<Block>) {
    if system.changes.is_empty() {
        return;
    }
    blocks.push(Block::SectionCaption("Changes:".into()));
    for change in &system.changes {
        if change.stars {
            blocks.push(Block::Stars);
        }
        if let Some(caption) = &change.caption {
            blocks.push(Block::SectionCaption(format!("{}:", caption.value.trim().trim_end_matches(':'))));
        }
        blocks.extend(routine_use_blocks(
            ctx,
            change.text.as_ref(),
            &change.routine_uses,
            change.routine_uses_note.as_ref(),
        ));
    }
}

fn has_storage(system: &System) -> bool {
    system.storage.is_some() || system.retrieval.is_some() || system.safeguards.is_some()
}

/// The DATES caption: the source's own text with date placeholders, or the conventional sentences.
fn dates_text(s: &Sorn, ctx: &Context<'_>) -> Option<String> {
    if let Some(p) = &s.notice.dates {
        return Some(ctx.prose(p));
    }
    let mut sentences = Vec::new();
    if let Some(due) = &ctx.dates.comments_due {
        sentences.push(format!("Submit comments on or before {}.", mark(due)));
    }
    if let Some(effective) = &ctx.dates.effective {
        sentences.push(format!("This {} system will be effective {}.", s.action.value.adjective(), mark(effective)));
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

/// The blocks under one caption of the system text: the routine uses as designated paragraphs,
/// everything else as running text.
fn element_body(s: &Sorn, system: &System, ctx: &Context<'_>, element: Element) -> Option<Vec<Block>> {
    if element == Element::RoutineUses {
        let blocks = routine_use_blocks(
            ctx,
            system.routine_uses_intro.as_ref(),
            &system.routine_uses,
            system.routine_uses_note.as_ref(),
        );
        return (!blocks.is_empty()).then_some(blocks);
    }
    element_text(s, system, ctx, element).map(|text| vec![Block::Markdown(text)])
}

/// Routine uses: the introduction, the uses with their designations ("A", "B", ...), the note.
fn routine_use_blocks(
    ctx: &Context<'_>,
    intro: Option<&Prose>,
    uses: &[RoutineUse],
    note: Option<&Prose>,
) -> Vec<Block> {
    let mut blocks = Vec::new();
    if let Some(intro) = intro {
        blocks.push(Block::Markdown(ctx.prose(intro)));
    }
    if !uses.is_empty() {
        let uses = uses
            .iter()
            .map(|ru| Designated { id: ru.id.value.trim().to_string(), body: ctx.prose(&ru.text) })
            .collect();
        blocks.push(Block::Designated(uses));
    }
    if let Some(note) = note {
        blocks.push(Block::Markdown(ctx.prose(note)));
    }
    blocks
}

/// The text under one caption of the system text, other than the routine uses.
fn element_text(s: &Sorn, system: &System, ctx: &Context<'_>, element: Element) -> Option<String> {
    match element {
        Element::SystemName => {
            let name = escape(&ctx.system.caption());
            Some(if s.template.value == Template::A108 && !name.ends_with('.') { format!("{name}.") } else { name })
        }
        Element::Exemptions => {
            let e = system.exemptions.as_ref()?;
            let mut parts = Vec::new();
            if let Some(wording) = &e.wording {
                parts.push(ctx.prose(wording));
            } else if !e.claims.is_empty() {
                let who = common::official(e.official.as_ref(), &s.agency);
                parts.push(escape(&claim_sentences(&who, &e.claims)));
            }
            if let Some(note) = &e.note {
                parts.push(ctx.prose(note));
            }
            if let Some(text) = &e.text {
                parts.push(ctx.prose(text));
            }
            (!parts.is_empty()).then(|| parts.join(" "))
        }
        other => system.prose(other).map(|p| ctx.prose(p)),
    }
}
