//! `sorn import`: published Federal Register documents back into sorn sources.
//!
//! ```text
//!  bytes ──detect──▶ Markdown / plain text / FR XML ──read──▶ units ──recognize──▶ model ──emit──▶ TOML
//! ```
//!
//! Readers ([`text`], [`xml`]) turn the input into [`unit::Unit`]s: paragraphs, headings, list
//! items, with their inline Markdown kept as [`rich::Rich`] text and their input lines. The
//! recognizers work on plain text, by the law and the Federal Register's conventions: captions
//! of both eras ([`captions`]), the identifying lines and preamble ([`front`]), claim sentences
//! ([`claims`]), justification lead-ins ([`justifications`]), routine uses ([`routine_uses`]),
//! DATES ([`dates`]), contacts ([`contacts`]), signature and end lines ([`signature`]), the system's
//! identifier, name and abbreviations ([`names`]). What sorn generates is left out of the source
//! when it would print the same words; what it cannot place is kept in `[[unplaced]]` and reported.
//! Every source is loaded back before it is returned: an import never writes a broken source.

mod build_rule;
mod build_sorn;
pub mod captions;
pub mod claims;
pub mod contacts;
pub mod dates;
pub mod detect;
pub mod emit;
pub mod front;
pub mod justifications;
pub mod names;
mod preamble;
pub mod prose;
pub mod rich;
pub mod routine_uses;
pub mod signature;
pub mod text;
pub mod unit;
pub mod xml;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::dates::Calendar;
use crate::model::{Document, Kind, Loc, Prose, Unplaced};
use unit::Unit;

/// Why an input could not be imported.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(sorn::import))]
pub struct ImportError {
    /// What is wrong.
    pub message: String,
    /// What to do.
    #[help]
    pub help: Option<String>,
    /// The input, when a position in it is known.
    #[source_code]
    pub src: Option<miette::NamedSource<String>>,
    /// Where.
    #[label("here")]
    pub span: Option<miette::SourceSpan>,
}

impl ImportError {
    /// An error without a position.
    pub fn new(message: impl Into<String>, help: Option<&str>) -> Box<ImportError> {
        Box::new(ImportError { message: message.into(), help: help.map(str::to_string), src: None, span: None })
    }

    /// An error at a byte offset of the input.
    pub fn at(
        message: impl Into<String>,
        help: Option<&str>,
        name: &str,
        text: &str,
        offset: usize,
    ) -> Box<ImportError> {
        let offset = offset.min(text.len());
        let len = text[offset..].chars().next().map_or(0, char::len_utf8);
        Box::new(ImportError {
            message: message.into(),
            help: help.map(str::to_string),
            src: Some(miette::NamedSource::new(name, text.to_string())),
            span: Some((offset, len).into()),
        })
    }
}

/// A warning about one imported document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// The input line, when known.
    pub line: Option<u32>,
    /// What happened.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Options of an import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The calendar used to read dates certain (1 CFR 18.17).
    pub calendar: Calendar,
    /// The `#:schema` folder written at the top of sources, relative to where they are written
    /// (default `../schemas`).
    pub schema_dir: Option<String>,
}

/// One imported source.
#[derive(Clone, Debug)]
pub struct ImportedSource {
    /// The document.
    pub document: Document,
    /// The source text (TOML).
    pub text: String,
    /// A file name for it, from the system identifier: "dhs-ice-015.toml".
    pub file_name: String,
    /// Warnings, with input lines.
    pub warnings: Vec<Warning>,
}

impl ImportedSource {
    /// The kind of document.
    pub fn kind(&self) -> Kind {
        self.document.kind()
    }

    /// The system identifier.
    pub fn system_id(&self) -> String {
        self.document.system_name().id.value.clone()
    }
}

/// What an input held.
#[derive(Clone, Debug, Default)]
pub struct ImportOutput {
    /// The sources, in input order.
    pub sources: Vec<ImportedSource>,
    /// Notes about documents skipped (not Privacy Act documents).
    pub notes: Vec<String>,
}

/// A document as read, before recognition.
#[derive(Clone, Debug, Default)]
pub struct RawDoc {
    /// Its units.
    pub units: Vec<Unit>,
    /// The FR XML element it came from (NOTICE, RULE, PRORULE), if any.
    pub element: Option<String>,
    /// The issue date, if the input states it.
    pub issue_date: Option<Date>,
    /// Whether it carries a Privacy Act system text container (FR XML PRIACT).
    pub has_priact: bool,
}

/// What kind of Privacy Act document a raw document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// A System of Records Notice.
    Sorn,
    /// An exemption rule (proposed or final).
    Rule,
}

/// Classifies a document, or says why it is neither kind.
pub fn classify(doc: &RawDoc) -> Result<Class, String> {
    let texts: Vec<&str> = doc.units.iter().map(Unit::text).collect();
    let subject = doc
        .units
        .iter()
        .find(|u| u.kind == unit::UnitKind::Line(unit::LineRole::Subject))
        .map(|u| u.text().to_string())
        .unwrap_or_else(|| {
            texts.iter().find(|t| t.contains("Privacy Act of 1974")).map(|t| t.to_string()).unwrap_or_default()
        });
    let system_captions = doc
        .units
        .iter()
        .filter_map(captions::split_caption)
        .filter(|s| (s.marked || s.alone || s.capitals) && captions::system_caption(&s.caption).is_some())
        .count();
    let exemption_subject =
        subject.contains("Exempt") || (subject.contains("Privacy Act of 1974") && subject.contains("Implementation"));
    if let Some(why) = matching_notice(doc, &subject) {
        return Err(why);
    }
    let rule_element = matches!(doc.element.as_deref(), Some("RULE" | "PRORULE"));
    let appendix = texts.iter().any(|t| {
        (t.contains("Add paragraph") || t.contains("add paragraph") || t.contains("adding paragraph"))
            && t.contains("appendix")
    });
    let claims = texts.iter().any(|t| claims::find(t).is_some());
    let cfr_line = texts.iter().any(|t| t.contains(" CFR Part") || t.contains(" CFR part"));
    let exemption_rule = exemption_subject && (rule_element || cfr_line);
    if (rule_element || exemption_subject || appendix) && (claims || appendix || exemption_rule) {
        return Ok(Class::Rule);
    }
    if doc.has_priact || system_captions >= 3 || (subject.contains("Privacy Act of 1974") && system_captions >= 2) {
        return Ok(Class::Sorn);
    }
    Err(if system_captions > 0 {
        format!("found only {system_captions} system-of-records caption(s); a notice has a dozen or more")
    } else {
        "found no system-of-records captions (System name:, SYSTEM NAME AND NUMBER:, ...) and no exemption paragraph"
            .into()
    })
}

/// Why a document is a matching notice (5 U.S.C. 552a(e)(12)), if it is one: its subject or ACTION
/// names a matching program, or it has the matching notice's PARTICIPATING AGENCIES caption.
fn matching_notice(doc: &RawDoc, subject: &str) -> Option<String> {
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
    (action || named(subject))
        .then(|| "it is the notice of a computer matching program (5 U.S.C. 552a(e)(12))".to_string())
}

/// Imports every Privacy Act document in an input.
///
/// # Errors
///
/// The input is not text or not FR XML, holds no Privacy Act document, or (a bug) produced a
/// source that does not load.
pub fn import(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<ImportOutput, Box<ImportError>> {
    let input = detect::detect(name, bytes)?;
    let (docs, mut notes) = match &input {
        detect::Input::Xml(text) => xml::read(name, text)?,
        detect::Input::Markdown(text) => {
            (vec![RawDoc { units: text::mend_page_breaks(text::read_markdown(text)), ..RawDoc::default() }], vec![])
        }
        detect::Input::Plain(text) => {
            (vec![RawDoc { units: text::mend_page_breaks(text::read_plain(text)), ..RawDoc::default() }], vec![])
        }
    };
    let issue = xml_is_issue(&input);
    let mut out = ImportOutput::default();
    for doc in docs {
        let class = match classify(&doc) {
            Ok(c) => c,
            Err(why) if !issue => {
                return Err(ImportError::new(
                    format!("{name} is not a System of Records Notice or a Privacy Act exemption rule: {why}"),
                    Some(
                        "sorn import reads SORNs and exemption rules as published in the Federal Register (Markdown, text or FR XML)",
                    ),
                ));
            }
            Err(why) => {
                notes.push(format!("skipped {}: {why}", describe(&doc)));
                continue;
            }
        };
        let mut ctx = Ctx::default();
        let document = match class {
            Class::Sorn => Document::Sorn(Box::new(build_sorn::build(doc, options, &mut ctx)?)),
            Class::Rule => Document::ExemptionRule(Box::new(build_rule::build(doc, options, &mut ctx)?)),
        };
        let source = finish(document, ctx.warnings, options)?;
        out.sources.push(source);
    }
    if out.sources.is_empty() {
        return Err(ImportError::new(
            format!("{name} holds no System of Records Notice or Privacy Act exemption rule"),
            Some(&notes.join("; ")),
        ));
    }
    uniquify(&mut out.sources);
    out.notes = notes;
    Ok(out)
}

fn xml_is_issue(input: &detect::Input) -> bool {
    matches!(input, detect::Input::Xml(t) if t.contains("<FEDREG"))
}

/// How a skipped document is named in notes: its element, subject and FR Doc number.
fn describe(doc: &RawDoc) -> String {
    let subject = doc
        .units
        .iter()
        .find(|u| u.kind == unit::UnitKind::Line(unit::LineRole::Subject))
        .map(|u| u.text().trim().to_string())
        .unwrap_or_else(|| "(no subject)".into());
    let number =
        doc.units.iter().rev().find_map(|u| signature::fr_doc(u.text())).map(|d| format!(", FR Doc. {}", d.number));
    let line = doc.units.first().map(|u| format!(" (line {})", u.line)).unwrap_or_default();
    format!("{} \"{subject}\"{}{line}", doc.element.as_deref().unwrap_or("document"), number.unwrap_or_default())
}

/// Emits a document, checks that it loads back the same, and names its file.
fn finish(
    document: Document,
    warnings: Vec<Warning>,
    options: &ImportOptions,
) -> Result<ImportedSource, Box<ImportError>> {
    let text = emit::emit(&document, options.schema_dir.as_deref());
    verify(&document, &text)?;
    let file_name = file_name(&document);
    Ok(ImportedSource { document, text, file_name, warnings })
}

fn verify(document: &Document, text: &str) -> Result<(), Box<ImportError>> {
    let ws = crate::source::load_str("imported.toml", text);
    // A citation the document itself gets wrong is kept as written, and a CFR place it does not
    // state stays unstated (import warned of it): the load check reports them at their place.
    let as_published = |d: &&crate::diagnostic::Diagnostic| {
        matches!(d.rule, crate::source::rules::UNKNOWN_SUBSECTION | crate::source::rules::UNKNOWN_AUTHORITY)
            || d.message.starts_with(crate::source::NO_CFR_PLACE)
    };
    if let Some(d) = ws.diagnostics.iter().find(|d| !as_published(d)) {
        return Err(ImportError::new(
            format!("the imported source does not load: {} (this is a bug in sorn import)", d.message),
            Some("please report it with the input document"),
        ));
    }
    match ws.documents.first() {
        Some(loaded) if loaded.document == *document => Ok(()),
        _ => Err(ImportError::new(
            "the imported source does not read back as imported (this is a bug in sorn import)",
            Some("please report it with the input document"),
        )),
    }
}

/// "DHS/ICE-015" → "dhs-ice-015.toml"; rules get "-final-rule" or "-proposed-rule".
pub fn file_name(document: &Document) -> String {
    let id = document.system_name().id.value.to_lowercase();
    let mut stem = String::new();
    for ch in id.chars() {
        if ch.is_ascii_alphanumeric() {
            stem.push(ch);
        } else if !stem.ends_with('-') && !stem.is_empty() {
            stem.push('-');
        }
    }
    let mut stem = stem.trim_end_matches('-').to_string();
    if stem.is_empty() {
        stem = "imported".into();
    }
    match document {
        Document::Sorn(_) => format!("{stem}.toml"),
        Document::ExemptionRule(r) => match r.stage.value {
            crate::model::Stage::Final => format!("{stem}-final-rule.toml"),
            crate::model::Stage::Proposed => format!("{stem}-proposed-rule.toml"),
        },
    }
}

/// Gives sources of one run distinct file names ("-2", "-3" ...).
pub fn uniquify(sources: &mut [ImportedSource]) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for s in sources.iter_mut() {
        let n = seen.entry(s.file_name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let stem = s.file_name.trim_end_matches(".toml").to_string();
            s.file_name = format!("{stem}-{n}.toml");
        }
    }
}

/// Links each SORN and exemption rule of the same system imported in one run (`exemption_rule` in
/// the SORN, `sorn` in the rule, as file names in the same folder) and re-emits them.
///
/// # Errors
///
/// A linked source that does not load back (a bug).
pub fn link(sources: &mut [ImportedSource], options: &ImportOptions) -> Result<(), Box<ImportError>> {
    let names: Vec<(Kind, String, String)> =
        sources.iter().map(|s| (s.kind(), s.system_id(), s.file_name.clone())).collect();
    for s in sources.iter_mut() {
        let id = s.system_id();
        if id.is_empty() {
            continue;
        }
        let other = match s.kind() {
            Kind::Sorn => Kind::ExemptionRule,
            Kind::ExemptionRule => Kind::Sorn,
        };
        let Some((_, _, file)) = names.iter().find(|(k, i, _)| *k == other && *i == id) else { continue };
        match &mut s.document {
            Document::Sorn(sorn) => sorn.exemption_rule = Some(Loc::synthetic(file.clone())),
            Document::ExemptionRule(rule) => rule.sorn = Some(Loc::synthetic(file.clone())),
        }
        s.text = emit::emit(&s.document, options.schema_dir.as_deref());
        verify(&s.document, &s.text)?;
    }
    Ok(())
}

/// State shared by the builders: warnings, unplaced text, the prose writer.
#[derive(Default)]
pub(crate) struct Ctx {
    pub warnings: Vec<Warning>,
    pub unplaced: Vec<Unplaced>,
    pub writer: prose::Writer,
}

impl Ctx {
    pub fn warn(&mut self, line: Option<u32>, message: impl Into<String>) {
        self.warnings.push(Warning { line, message: message.into() });
    }

    /// Keeps units that fit no field, with a warning each.
    pub fn unplace(&mut self, after: &str, units: &[Unit]) -> Result<(), Box<ImportError>> {
        for unit in units {
            if unit.rich.is_empty() {
                continue;
            }
            let text = prose::Writer::default().blocks(std::slice::from_ref(unit)).map_err(bug)?;
            self.unplaced.push(Unplaced {
                after: Loc::synthetic(after.to_string()),
                line: Some(Loc::synthetic(unit.line)),
                text: Loc::synthetic(emit::prose_value(text)),
            });
            self.warn(Some(unit.line), "text not placed, kept in [[unplaced]]");
        }
        Ok(())
    }

    /// Prose from units (None when empty).
    pub fn prose(&self, units: &[Unit]) -> Result<Option<Prose>, Box<ImportError>> {
        let units: Vec<Unit> = units
            .iter()
            .filter(|u| !u.rich.is_empty() || matches!(u.kind, unit::UnitKind::Verbatim(_)))
            .cloned()
            .collect();
        if units.is_empty() {
            return Ok(None);
        }
        let text = self.writer.blocks(&units).map_err(bug)?;
        Ok(Some(Loc::synthetic(emit::prose_value(text))))
    }

    /// Prose from one rich text (None when empty).
    pub fn inline(&self, rich: &rich::Rich) -> Result<Option<Prose>, Box<ImportError>> {
        let rich = rich.trim();
        if rich.is_empty() {
            return Ok(None);
        }
        Ok(Some(Loc::synthetic(emit::prose_value(self.writer.inline(&rich).map_err(bug)?))))
    }
}

pub(crate) fn bug(e: prose::ProseError) -> Box<ImportError> {
    ImportError::new(
        format!("cannot write this text as Markdown that reads back the same (a bug in sorn import): {}", e.text),
        Some("please report it with the input document"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rich::Rich;
    use unit::{LineRole, UnitKind};

    fn doc(lines: &[(UnitKind, &str)]) -> RawDoc {
        let units = lines.iter().map(|(k, t)| Unit::new(k.clone(), Rich::plain(*t), 1)).collect();
        RawDoc { units, element: Some("NOTICE".into()), has_priact: true, ..RawDoc::default() }
    }

    #[test]
    fn matching_notices_are_neither_kind() {
        let by_subject = doc(&[(UnitKind::Line(LineRole::Subject), "Privacy Act of 1974; Matching Program")]);
        assert!(classify(&by_subject).unwrap_err().contains("computer matching program"));
        let by_action = doc(&[
            (UnitKind::Line(LineRole::Subject), "Privacy Act of 1974; Notice of a Computer Match"),
            (UnitKind::Heading(2), "ACTION:"),
            (UnitKind::Para, "Notice of a new matching program."),
        ]);
        assert!(classify(&by_action).is_err());
        let by_caption = doc(&[(UnitKind::Heading(4), "PARTICIPATING AGENCIES:"), (UnitKind::Para, "SSA and OPM.")]);
        assert!(classify(&by_caption).is_err());
        // A SORN that mentions matching programs in its text is still a SORN.
        let sorn = doc(&[
            (UnitKind::Line(LineRole::Subject), "Privacy Act of 1974; System of Records"),
            (UnitKind::Para, "Records may be used in a computer matching program."),
        ]);
        assert_eq!(classify(&sorn), Ok(Class::Sorn));
    }
}
