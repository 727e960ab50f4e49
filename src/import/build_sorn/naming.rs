//! A system's identifier and name, from its name caption, identifier caption or line, or the
//! subject line, with the form and identifier line that print them as published.

use std::collections::BTreeMap;

use super::super::captions::SystemCaption;
use super::super::front;
use super::super::preamble::squash;
use super::super::unit::Unit;
use super::super::{Ctx, ImportError, names};
use super::layout::{Section, is_stars};
use crate::model::{Element, IdLine, Loc, SystemName, Template};

/// "Department of Homeland Security (DHS)/U.S. Immigration Customs Enforcement (ICE)-015" →
/// "DHS/ICE-015".
pub(super) fn compress_parenthesized(text: &str) -> String {
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

/// What reading a system's name needs besides its sections.
pub(super) struct Naming<'a> {
    pub(super) template: Template,
    /// The identifier line above the system name caption.
    pub(super) id_line: Option<&'a Unit>,
    /// Whether the "System of Records" heading stands above it (DHS's legacy form).
    pub(super) legacy_heading: bool,
    /// The text of every unit, where the identifier's abbreviations are spelled out.
    pub(super) all: &'a [&'a str],
    /// Whether this is the notice's first system (whose name the subject line may give).
    pub(super) first: bool,
}

/// A system's identity as read.
pub(super) struct NameRead {
    pub(super) system_name: SystemName,
    pub(super) id_line: Option<IdLine>,
    pub(super) stars_after_name: bool,
}

/// Identifier and name of one system, from its name caption, identifier caption or line, and, for
/// the first system, the subject line; with the form and identifier line that print them as
/// published, and a warning where they cannot.
pub(super) fn read_name(
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
    let subject = front.heading.subject.as_ref().filter(|_| first).map(|s| s.text.as_str());
    let (parts, long_id) = name_parts(core, id_elsewhere.clone(), name_section.map(|s| s.line), subject, ctx);
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

/// The identifier and name the caption gives ("DHS/ICE-015 LeadTrac System of Records", "Name
/// (ID)", an identifier in its long form, which is also returned as printed), or the name with the
/// identifier from its caption or line, or, for the first system, the end of the subject line.
fn name_parts(
    core: Option<&str>,
    id_elsewhere: Option<String>,
    name_line: Option<u32>,
    subject: Option<&str>,
    ctx: &mut Ctx,
) -> (names::NameParts, Option<String>) {
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
                ctx.warn(name_line, "no system identifier found; `system.id` is empty");
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
            let tail = subject.unwrap_or("").rsplit(';').next().unwrap_or("").trim().to_string();
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
    (parts, long_id)
}

/// The system name caption's text as sorn prints it (A-108 captions end with a period).
pub(super) fn printed_name(template: Template, name: &SystemName) -> String {
    let caption = name.caption();
    match template {
        Template::A108 if !caption.ends_with('.') => format!("{caption}."),
        _ => caption,
    }
}
