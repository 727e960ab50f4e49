//! Applying partial notices to a full notice: the system text as it stands after a series of
//! alterations.
//!
//! A notice of revision that prints only what changes (OMB Circular A-108 Appendix III; DoD
//! alteration notices before 2017) gives, under each changed caption, an instruction in a fixed
//! form: "Delete entry and replace with “…”", "Add “…” to the end of the entry", "Delete
//! entry", or "Delete “…” and replace with “…”" for a phrase inside the entry. A replacement may
//! leave out the paragraphs that do not change with a line of five stars, so that only the
//! changed paragraphs are printed. [`apply`] performs each instruction on the full notice's
//! text, in order, and refuses every one it cannot perform, with the reason: the caption is not
//! in the text, the phrase to replace is not there, a fragment between stars matches no
//! paragraph, the instruction is not one of the forms above.

use std::ops::Range;

use crate::diagnostic::FileId;
use crate::import::captions::{SystemCaption, system_caption};
use crate::model::{Change, Element, Loc, Prose, RoutineUse, Sorn, System};

/// An alteration notice to apply, with the file its spans point into.
#[derive(Clone, Copy, Debug)]
pub struct Alteration<'a> {
    /// The partial notice.
    pub sorn: &'a Sorn,
    /// Its source file.
    pub file: FileId,
}

/// A change that could not be applied, with its place in the alteration's source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The alteration's file.
    pub file: FileId,
    /// The change's caption (or instruction) in that file.
    pub span: Range<usize>,
    /// Why it does not apply.
    pub reason: String,
}

/// What an instruction asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Instruction {
    /// "Delete entry and replace with “…”".
    Replace(String),
    /// "Add “…” to the end of the entry".
    Append(String),
    /// "Delete entry".
    Delete,
    /// "Delete “old” and replace with “new”": a phrase inside the entry.
    Substitute { old: String, new: String },
}

/// The SUMMARY of the applied source: what the next notice changes is the author's to say.
pub const SUMMARY_TODO: &str = "{todo: what this notice changes in the system of records, and why}";

const REPLACE: &str = "Delete entry and replace with";
const DELETE: &str = "Delete entry";
const APPEND_END: &str = "to the end of the entry";

/// The full text of the system after each alteration, in order: every change of every
/// alteration applied, or every refusal of the run.
///
/// # Errors
///
/// Every change that does not apply, each with its place.
pub fn apply(full: &System, alterations: &[Alteration<'_>]) -> Result<System, Vec<Refusal>> {
    let mut system = full.clone();
    let mut refusals = Vec::new();
    for alteration in alterations {
        let at = |span: Range<usize>, reason: String| Refusal { file: alteration.file, span, reason };
        let own = &alteration.sorn.system;
        if !same_identifier(&own.id.value, &system.id.value) {
            refusals.push(at(
                own.id.span.clone(),
                format!("this notice alters {}, but the text it applies to is {}", own.id.value, system.id.value),
            ));
            continue;
        }
        // Text the import could not place may be a change it did not read: applying the rest
        // would give a text that looks whole and is not.
        for unplaced in alteration.sorn.unplaced.iter().filter(|u| u.after.value.starts_with("system")) {
            refusals.push(at(
                unplaced.text.span.clone(),
                format!("text after `{}` that sorn could not place: if it is a change, it would be lost; place it in `[[system.changes]]` or remove it", unplaced.after.value),
            ));
        }
        for change in &own.changes {
            if let Err(reason) = apply_change(&mut system, change) {
                refusals.push(at(place(change, own), reason));
            }
        }
    }
    if refusals.is_empty() { Ok(system) } else { Err(refusals) }
}

/// The full notice as it stands after the alterations, as a source to revise: the system text
/// with every change applied, `action = "modified"`, the last alteration named in `[revises]`
/// (at `revises_source`, relative to where the source is written), and the notices it rests on
/// recorded: in HISTORY in the A-108 caption set, which has that caption, else in a paragraph of
/// SUPPLEMENTARY INFORMATION. A notice not yet published has no date, FR Doc line or signing
/// date.
///
/// # Errors
///
/// Every change that does not apply, each with its place.
pub fn applied(full: &Sorn, alterations: &[Alteration<'_>], revises_source: &str) -> Result<Sorn, Vec<Refusal>> {
    let system = apply(&full.system, alterations)?;
    let mut out = full.clone();
    out.system = system;
    out.action = Loc::synthetic(crate::model::Action::Modified);
    out.partial = false;
    out.system.stars_after_name = false;
    out.system.changes.clear();
    let last = alterations.last().map_or(full, |a| a.sorn);
    out.revises = Some(crate::model::Revises {
        source: Some(Loc::synthetic(revises_source.to_string())),
        citation: None,
        published: last.published.clone(),
    });
    let (own, altered) = history(full, alterations);
    if full.template.value.caption(Element::History).is_some() {
        let lines: Vec<String> = own.into_iter().chain(altered).collect();
        if !lines.is_empty() {
            out.system.history = Some(Loc::synthetic(extended(out.system.history.as_ref(), &lines)));
        }
    } else if !altered.is_empty() {
        let base = own.map_or_else(
            || "The system text below is that of the full notice".to_string(),
            |own| format!("The system text below is that published on {own}"),
        );
        let sentence = format!("{base}, as altered on {}.", altered.join("; and on "));
        out.notice.supplementary = Some(Loc::synthetic(extended(out.notice.supplementary.as_ref(), &[sentence])));
    }
    // The preamble's wording was that of the full notice: ACTION and DATES are generated for a
    // modified system, and SUMMARY is the author's to write.
    out.notice.action = None;
    out.notice.dates = None;
    out.notice.subject = None;
    out.notice.summary = Some(Loc::synthetic(SUMMARY_TODO.to_string()));
    out.published = None;
    out.fr_doc = None;
    if let Some(signature) = &mut out.signature {
        signature.dated = None;
    }
    Ok(out)
}

/// The notices the applied text rests on, each as the Federal Register dates and numbers it:
/// the full notice (unless its HISTORY already names it), and each alteration.
fn history(full: &Sorn, alterations: &[Alteration<'_>]) -> (Option<String>, Vec<String>) {
    let already = full.system.history.as_ref().is_some_and(|h| {
        full.fr_doc.as_ref().is_some_and(|d| h.value.contains(&d.number.value))
            || full.published.as_ref().is_some_and(|p| h.value.contains(&crate::dates::fr_date(p.value.0)))
    });
    let own = citation_of(full).filter(|_| !already);
    (own, alterations.iter().filter_map(|a| citation_of(a.sorn)).collect())
}

/// A notice as HISTORY names it: its publication date and FR Doc number, when the source has them.
fn citation_of(sorn: &Sorn) -> Option<String> {
    let date = sorn.published.as_ref().map(|p| crate::dates::fr_date(p.value.0));
    let doc = sorn.fr_doc.as_ref().map(|d| format!("FR Doc. {}", d.number.value));
    match (date, doc) {
        (Some(date), Some(doc)) => Some(format!("{date} ({doc})")),
        (Some(one), None) | (None, Some(one)) => Some(one),
        (None, None) => None,
    }
}

fn extended(prose: Option<&Prose>, lines: &[String]) -> String {
    let mut text = prose.map(|p| p.value.trim_end().to_string()).unwrap_or_default();
    for line in lines {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(line);
    }
    crate::import::emit::prose_value(text)
}

/// Identifiers compared as printed, ignoring case and runs of spaces.
fn same_identifier(a: &str, b: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}

/// Where a change is in its source: its caption, else its text, else the system table's id.
fn place(change: &Change, system: &System) -> Range<usize> {
    change
        .caption
        .as_ref()
        .map(|c| c.span.clone())
        .or_else(|| change.text.as_ref().map(|t| t.span.clone()))
        .unwrap_or_else(|| system.id.span.clone())
}

/// Applies one entry of "Changes:". An entry of stars alone changes nothing; the heading
/// "Policies and practices for storing, ..." is printed with no instruction of its own.
fn apply_change(system: &mut System, change: &Change) -> Result<(), String> {
    let Some(caption) = &change.caption else {
        return match &change.text {
            None => Ok(()),
            Some(_) => Err("an entry without a caption: which caption it changes is not known".into()),
        };
    };
    let target = system_caption(&caption.value)
        .ok_or_else(|| format!("“{}” is not a caption of the system text", caption.value))?;
    let Some(text) = &change.text else {
        if target == SystemCaption::Element(Element::Policies) {
            return Ok(());
        }
        return Err(format!("“{}” has no instruction", caption.value));
    };
    let instruction = parse_instruction(&text.value, change)?;
    match target {
        SystemCaption::Identifier => identity(&mut system.id, instruction, "the system identifier"),
        SystemCaption::Element(Element::SystemName) => identity(&mut system.name, instruction, "the system name"),
        SystemCaption::Element(Element::RoutineUses) => routine_uses(system, instruction, change),
        SystemCaption::Element(Element::Exemptions) => Err(
            "a change to the exemptions caption changes the claims, which the source types one by one: write them in `[system.exemptions]` by hand".into(),
        ),
        SystemCaption::Element(element) => {
            let field = system.prose_mut(element).ok_or_else(|| format!("“{}” holds no text", caption.value))?;
            prose(field, instruction, &caption.value)
        }
    }
}

/// The identifier or name: replaced (a final period of the sentence dropped), or a phrase in it.
fn identity(field: &mut Loc<String>, instruction: Instruction, what: &str) -> Result<(), String> {
    match instruction {
        Instruction::Replace(new) => {
            let new = new.trim().trim_end_matches('.').trim();
            if new.is_empty() {
                return Err(format!("{what} would be empty"));
            }
            *field = Loc::synthetic(new.to_string());
            Ok(())
        }
        Instruction::Substitute { old, new } => {
            *field = Loc::synthetic(substitute(&field.value, &old, &new, what)?);
            Ok(())
        }
        Instruction::Append(_) | Instruction::Delete => Err(format!("{what} can only be replaced")),
    }
}

/// A prose caption: replaced (with star-bounded fragments put in their place), extended,
/// deleted, or a phrase in it replaced.
fn prose(field: &mut Option<Prose>, instruction: Instruction, caption: &str) -> Result<(), String> {
    let missing = || format!("the full notice has no “{caption}” entry to change");
    let new = match instruction {
        Instruction::Delete => {
            field.take().ok_or_else(missing)?;
            return Ok(());
        }
        Instruction::Replace(text) if has_stars(&text) => {
            let old = field.as_ref().ok_or_else(missing)?;
            fragments(&old.value, &text)?
        }
        Instruction::Replace(text) => {
            field.as_ref().ok_or_else(missing)?;
            text
        }
        Instruction::Append(text) => {
            let old = field.as_ref().ok_or_else(missing)?;
            format!("{}\n\n{}", old.value.trim_end(), text.trim())
        }
        Instruction::Substitute { old, new } => {
            let text = field.as_ref().ok_or_else(missing)?;
            substitute(&text.value, &old, &new, &format!("“{caption}”"))?
        }
    };
    *field = Some(Loc::synthetic(crate::import::emit::prose_value(new.trim().to_string())));
    Ok(())
}

/// The routine uses caption: the words before the uses (the lead-in citing 5 U.S.C. 552a(b)(3)),
/// the uses, and the note after them, as the change prints them.
fn routine_uses(system: &mut System, instruction: Instruction, change: &Change) -> Result<(), String> {
    let note = change.routine_uses_note.as_ref().map(|n| unquote_end(&n.value));
    let uses: Vec<RoutineUse> =
        change.routine_uses.iter().map(|u| without_closing_quote(u, &change.routine_uses)).collect();
    match instruction {
        Instruction::Replace(intro) => {
            if system.routine_uses.is_empty() && system.routine_uses_intro.is_none() {
                return Err("the full notice has no routine uses entry to change".into());
            }
            system.routine_uses_intro = nonempty(intro);
            system.routine_uses = uses;
            system.routine_uses_note = note.and_then(nonempty);
            Ok(())
        }
        Instruction::Append(text) => {
            if let Some(extra) = nonempty(text) {
                uses_text_append(&mut system.routine_uses_note, &extra);
            }
            system.routine_uses.extend(uses);
            if let Some(note) = note.and_then(nonempty) {
                uses_text_append(&mut system.routine_uses_note, &note.value);
            }
            Ok(())
        }
        Instruction::Delete => {
            Err("the routine uses entry cannot be deleted: a notice states its routine uses (5 U.S.C. 552a(e)(4)(D))"
                .into())
        }
        Instruction::Substitute { old, new } => {
            let hit = system.routine_uses.iter_mut().find(|u| u.text.value.contains(&old));
            let hit = hit.ok_or_else(|| format!("no routine use of the full notice has “{old}”"))?;
            hit.text = Loc::synthetic(substitute(&hit.text.value, &old, &new, "the routine use")?);
            Ok(())
        }
    }
}

fn uses_text_append(field: &mut Option<Prose>, text: &str) {
    let joined = match field.take() {
        Some(old) => format!("{}\n\n{}", old.value.trim_end(), text.trim()),
        None => text.trim().to_string(),
    };
    *field = Some(Loc::synthetic(crate::import::emit::prose_value(joined)));
}

/// The last routine use of a replacement that has no note after it carries the closing quote.
fn without_closing_quote(use_: &RoutineUse, all: &[RoutineUse]) -> RoutineUse {
    let mut out = use_.clone();
    if std::ptr::eq(use_, all.last().unwrap_or(use_)) {
        out.text = Loc::synthetic(crate::import::emit::prose_value(unquote_end(&use_.text.value)));
    }
    out.change = None;
    out
}

fn nonempty(text: String) -> Option<Prose> {
    let text = text.trim();
    (!text.is_empty()).then(|| Loc::synthetic(crate::import::emit::prose_value(text.to_string())))
}

/// Reads an instruction. Under the routine uses caption the quotation may close after the uses
/// (in the note, or in the last use), so an unclosed quotation is accepted there.
fn parse_instruction(text: &str, change: &Change) -> Result<Instruction, String> {
    let text = text.trim();
    let closes_later = !change.routine_uses.is_empty() || change.routine_uses_note.is_some();
    if let Some(rest) = strip_prefix_ci(text, REPLACE) {
        let rest = rest.trim_start_matches(':').trim();
        return Ok(Instruction::Replace(if closes_later { unquote_start(rest)? } else { quoted(rest)? }));
    }
    if let Some(rest) = strip_prefix_ci(text, "Add") {
        let rest = rest.trim();
        if let Some(body) = rest.strip_suffix('.').unwrap_or(rest).trim_end().strip_suffix(APPEND_END) {
            return Ok(Instruction::Append(quoted(body.trim())?));
        }
    }
    if let Some(rest) = strip_prefix_ci(text, DELETE)
        && rest.trim().trim_end_matches('.').is_empty()
    {
        return Ok(Instruction::Delete);
    }
    if let Some(rest) = strip_prefix_ci(text, "Delete")
        && let Some((old, new)) = split_substitution(rest.trim())
    {
        return Ok(Instruction::Substitute { old: quoted(old)?, new: quoted(new)? });
    }
    let start: String = text.chars().take(60).collect();
    Err(format!(
        "the instruction “{start}” is not one sorn applies (“{REPLACE} …”, “Add … {APPEND_END}”, “{DELETE}”, “Delete “…” and replace with “…””)"
    ))
}

fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &text[prefix.len()..])
}

/// "“old” and replace with “new”" into its two quotations.
fn split_substitution(rest: &str) -> Option<(&str, &str)> {
    let (old, new) = rest.split_once("and replace with")?;
    Some((old.trim(), new.trim()))
}

/// The text of a quotation that is the whole of `text`: “…” (a final period inside or after the
/// closing mark, and emphasis marks around it, allowed).
fn quoted(text: &str) -> Result<String, String> {
    let inner = unquote_start(text)?;
    let closed = text.trim_end().trim_end_matches(['.', '*', '_']).ends_with(['”', '"']);
    if !closed {
        return Err("the quotation of the new text does not close".into());
    }
    // A period after the closing mark ends the instruction's sentence, not the quotation.
    let inner = inner.trim_end();
    let tail = inner.len() - inner.trim_end_matches(['.', '*', '_']).len();
    let (body, after) = inner.split_at(inner.len() - tail);
    let emphasis: String = after.chars().filter(|c| matches!(c, '*' | '_')).collect();
    let closed_before = body.ends_with(['”', '"']);
    Ok(if closed_before { unquote_end(&format!("{body}{emphasis}")) } else { unquote_end(inner) })
}

/// The text after an opening quotation mark.
fn unquote_start(text: &str) -> Result<String, String> {
    let text = text.trim_start();
    text.strip_prefix('“')
        .or_else(|| text.strip_prefix('"'))
        .map(str::to_string)
        .ok_or_else(|| "the new text is not in quotation marks".into())
}

/// The text without its closing quotation mark: the last “”” (or `"`) when only a period or
/// emphasis marks follow it.
fn unquote_end(text: &str) -> String {
    let trimmed = text.trim_end();
    let Some(at) = trimmed.rfind(['”', '"']) else { return trimmed.to_string() };
    let quote_len = trimmed[at..].chars().next().map_or(1, char::len_utf8);
    let after = &trimmed[at + quote_len..];
    if after.chars().all(|c| matches!(c, '.' | '*' | '_')) {
        format!("{}{after}", &trimmed[..at])
    } else {
        trimmed.to_string()
    }
}

/// The text with the one occurrence of `old` replaced by `new`.
fn substitute(text: &str, old: &str, new: &str, what: &str) -> Result<String, String> {
    match text.matches(old).count() {
        1 => Ok(text.replacen(old, new, 1)),
        0 => Err(format!("the text to replace, “{old}”, is not in {what} of the full notice")),
        n => Err(format!("the text to replace, “{old}”, is in {what} {n} times: which one changes is not known")),
    }
}

/// Whether a paragraph is a line of five stars (as printed, or with its Markdown escapes).
fn is_star_line(paragraph: &str) -> bool {
    paragraph.replace('\\', "").split_whitespace().collect::<String>() == "*****"
}

fn has_stars(text: &str) -> bool {
    paragraphs(text).any(is_star_line)
}

fn paragraphs(text: &str) -> impl Iterator<Item = &str> {
    text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
}

/// A replacement that leaves out unchanged paragraphs with stars: each printed paragraph takes
/// the place of the paragraph of the full text that begins the same way (its lead, the words
/// before a colon, or its first words), and the others stay.
fn fragments(old: &str, new: &str) -> Result<String, String> {
    let mut kept: Vec<String> = paragraphs(old).map(str::to_string).collect();
    for fragment in paragraphs(new).filter(|p| !is_star_line(p)) {
        let lead = lead(fragment);
        let mut hits = kept.iter().enumerate().filter(|(_, p)| self::lead(p) == lead).map(|(i, _)| i);
        match (hits.next(), hits.next()) {
            (Some(i), None) => kept[i] = fragment.to_string(),
            (None, _) => {
                let start: String = fragment.chars().take(60).collect();
                return Err(format!("the fragment between stars “{start}” matches no paragraph of the full notice"));
            }
            (Some(_), Some(_)) => {
                let start: String = fragment.chars().take(60).collect();
                return Err(format!(
                    "the fragment between stars “{start}” matches several paragraphs of the full notice"
                ));
            }
        }
    }
    Ok(kept.join("\n\n"))
}

/// How a paragraph begins, for finding the paragraph a fragment replaces: the words before its
/// first colon when they are a label (at most eight words), else its first eight words; without
/// emphasis marks, in lower case.
fn lead(paragraph: &str) -> String {
    let plain: String = paragraph.chars().filter(|c| !matches!(c, '*' | '_')).collect();
    let head = match plain.split_once(':') {
        Some((label, _)) if label.split_whitespace().count() <= 8 => label.to_string(),
        _ => plain.split_whitespace().take(8).collect::<Vec<_>>().join(" "),
    };
    head.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(caption: &str, text: &str) -> Change {
        Change {
            caption: Some(Loc::synthetic(caption.into())),
            text: Some(Loc::synthetic(text.into())),
            routine_uses: Vec::new(),
            routine_uses_note: None,
            stars: false,
        }
    }

    fn system() -> System {
        let source = "kind = \"sorn\"\ntemplate = \"legacy\"\naction = \"new\"\n[agency]\nname = \"Department of Examples\"\n[system]\nid = \"EX 1\"\nname = \"Example Records\"\nlocation = \"Room 1.\"\nrecords = \"Name records: name.\\n\\nOther records: history.\"\n";
        let sorn: Sorn = toml::from_str(source).unwrap();
        sorn.system
    }

    #[test]
    fn instructions_in_their_forms() {
        let c = change("System location", "");
        assert_eq!(
            parse_instruction("Delete entry and replace with “Room 2.”", &c),
            Ok(Instruction::Replace("Room 2.".into()))
        );
        assert_eq!(
            parse_instruction("Add “Room 3.” to the end of the entry.", &c),
            Ok(Instruction::Append("Room 3.".into()))
        );
        assert_eq!(parse_instruction("Delete entry.", &c), Ok(Instruction::Delete));
        assert_eq!(
            parse_instruction("Delete “Room 1” and replace with “Room 9”.", &c),
            Ok(Instruction::Substitute { old: "Room 1".into(), new: "Room 9".into() })
        );
        assert!(parse_instruction("Revise the entry as needed.", &c).unwrap_err().contains("not one sorn applies"));
        assert!(
            parse_instruction("Delete entry and replace with “Room 2.", &c).unwrap_err().contains("does not close")
        );
    }

    #[test]
    fn closing_quote_after_emphasis_or_period() {
        assert_eq!(unquote_end("see *http://example.gov.”*"), "see *http://example.gov.*");
        assert_eq!(unquote_end("EDHA 20 DoD.”"), "EDHA 20 DoD.");
        assert_eq!(unquote_end("a “quoted” word in the middle"), "a “quoted” word in the middle");
    }

    #[test]
    fn replace_append_delete_and_substitute_change_the_text() {
        let mut s = system();
        apply_change(&mut s, &change("System location", "Delete entry and replace with “Room 2.”")).unwrap();
        assert_eq!(s.location.as_ref().unwrap().value, "Room 2.");
        apply_change(&mut s, &change("System location", "Add “Room 3.” to the end of the entry.")).unwrap();
        assert_eq!(s.location.as_ref().unwrap().value, "Room 2.\n\nRoom 3.\n");
        apply_change(&mut s, &change("System location", "Delete “Room 3.” and replace with “Room 4.”")).unwrap();
        assert!(s.location.as_ref().unwrap().value.ends_with("Room 4.\n"));
        apply_change(&mut s, &change("System location", "Delete entry.")).unwrap();
        assert!(s.location.is_none());
        apply_change(&mut s, &change("System name", "Delete entry and replace with “Sample Records.”")).unwrap();
        assert_eq!(s.name.value, "Sample Records");
    }

    #[test]
    fn a_fragment_between_stars_takes_the_place_of_its_paragraph() {
        let mut s = system();
        let text = "Delete entry and replace with “* * * * *\n\nOther records: history, and address.\n\n* * * * *”";
        apply_change(&mut s, &change("Categories of records in the system", text)).unwrap();
        assert_eq!(s.records.unwrap().value, "Name records: name.\n\nOther records: history, and address.\n");
    }

    fn alteration(id: &str, changes: Vec<Change>) -> Sorn {
        let source = format!(
            "kind = \"sorn\"\ntemplate = \"legacy\"\naction = \"modified\"\npartial = true\n[agency]\nname = \"Department of Examples\"\n[system]\nid = \"{id}\"\nname = \"Example Records\"\n"
        );
        let mut sorn: Sorn = toml::from_str(&source).unwrap();
        sorn.system.changes = changes;
        sorn
    }

    #[test]
    fn alterations_apply_in_order_each_to_the_text_the_one_before_left() {
        let first = alteration("EX 1", vec![change("System identifier", "Delete entry and replace with “EX 2.”")]);
        let second = alteration("EX 2", vec![change("System location", "Delete entry and replace with “Room 5.”")]);
        let file = FileId(1);
        let both = [Alteration { sorn: &first, file }, Alteration { sorn: &second, file: FileId(2) }];
        let altered = apply(&system(), &both).unwrap();
        assert_eq!((altered.id.value.as_str(), altered.location.unwrap().value.as_str()), ("EX 2", "Room 5."));
        // In the other order the second names a system the text is not (yet).
        let refusals = apply(&system(), &[both[1], both[0]]).unwrap_err();
        assert_eq!(refusals.len(), 1, "{refusals:?}");
        assert!(refusals[0].reason.contains("alters EX 2, but the text it applies to is EX 1"), "{refusals:?}");
    }

    #[test]
    fn text_the_import_could_not_place_is_refused_not_dropped() {
        let mut altered =
            alteration("EX 1", vec![change("System location", "Delete entry and replace with “Room 2.”")]);
        altered.unplaced.push(crate::model::Unplaced {
            after: Loc::synthetic("system.changes".into()),
            line: None,
            text: Loc::synthetic("Records access: delete the second sentence.".into()),
        });
        let refusals = apply(&system(), &[Alteration { sorn: &altered, file: FileId(1) }]).unwrap_err();
        assert_eq!(refusals.len(), 1);
        assert!(refusals[0].reason.contains("could not place"));
    }

    #[test]
    fn what_does_not_apply_is_refused_with_its_reason() {
        let mut s = system();
        let refuse = |s: &mut System, caption: &str, text: &str| apply_change(s, &change(caption, text)).unwrap_err();
        assert!(
            refuse(&mut s, "Safeguards", "Delete entry and replace with “Locks.”")
                .contains("has no “Safeguards” entry")
        );
        assert!(refuse(&mut s, "Colour of the files", "Delete entry.").contains("not a caption"));
        assert!(refuse(&mut s, "System location", "Delete “Room 7” and replace with “Room 8”").contains("is not in"));
        let stray = "Delete entry and replace with “* * * * *\n\nPhoto records: photographs.\n\n* * * * *”";
        assert!(refuse(&mut s, "Categories of records in the system", stray).contains("matches no paragraph"));
        assert_eq!(s, system(), "a refused change leaves the text as it was");
    }
}
