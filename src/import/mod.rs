//! `sorn import`: published Federal Register documents back into sorn sources.
//!
//! ```text
//!  bytes ──detect──▶ Markdown / plain text / FR XML ──read──▶ units ──kind──▶ SORN / rule ──recognize──▶ model ──emit──▶ TOML
//! ```
//!
//! The [`read`] stage detects the format, cuts the input into documents of units and decides each
//! document's kind on Privacy Act evidence ([`read::kind`]) before any builder sees it.
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
mod error;
pub mod front;
pub mod justifications;
pub mod names;
mod preamble;
mod preamble_statement;
pub mod prose;
pub mod read;
pub mod rich;
pub mod routine_uses;
mod rule_forms;
pub mod signature;
pub mod text;
pub mod typography;
pub mod unit;
pub mod xml;

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::dates::Calendar;
use crate::model::{Document, Kind, Loc, Prose, Unplaced};
pub use error::ImportError;
use unit::Unit;

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

/// Imports every Privacy Act document in an input.
///
/// # Errors
///
/// The input is not text or not FR XML, holds no Privacy Act document, or (a bug) produced a
/// source that does not load.
pub fn import(name: &str, bytes: &[u8], options: &ImportOptions) -> Result<ImportOutput, Box<ImportError>> {
    let read::Documents { docs, mut notes, issue } = read::read(name, bytes)?;
    let mut out = ImportOutput::default();
    for doc in docs {
        let kind = match read::kind::kind(&doc) {
            Ok(k) => k,
            Err(why) if !issue => {
                return Err(ImportError::new(
                    format!(
                        "{name} is not a System of Records Notice or a Privacy Act exemption rule: {why} ({})",
                        read::describe(&doc)
                    ),
                    Some(
                        "sorn import reads SORNs, rescindments and exemption rules as published in the Federal Register (Markdown, text or FR XML)",
                    ),
                ));
            }
            Err(why) => {
                notes.push(format!("skipped {}: {why}", read::describe(&doc)));
                continue;
            }
        };
        let mut ctx = Ctx::default();
        let document = match kind {
            read::kind::Kind::Sorn | read::kind::Kind::Rescindment => {
                Document::Sorn(Box::new(build_sorn::build(doc, options, &mut ctx)?))
            }
            read::kind::Kind::ExemptionRule(_) => {
                Document::ExemptionRule(Box::new(build_rule::build(doc, options, &mut ctx)?))
            }
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
