//! The import corpus (`tests/corpus/`, provenance in its `manifest.toml`): published documents
//! and documents written in an agency's published form, each with the structure a careful reader
//! sees in it (`expected/<slug>.toml`). Every document is imported; its kind, systems, claims per
//! authority, justifications, routine uses, captions, signature, unplaced count and the
//! diagnostics `sorn check` gives are compared with the expected structure; the rendering's
//! fidelity to the document's text is measured; a table of all of it is printed.
//!
//! A document whose form sorn does not read yet names the gap in its expected file
//! (`known_gap = "..."`): its mismatches are reported as that gap, not hidden, and do not fail the
//! test. Any other mismatch fails it, and so does a gap that is no longer seen (a document marked
//! `known_gap` that matches), so that the table stays honest.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{root, sorn, stderr, word_fidelity, xml_text};
use sorn::import::{ImportOptions, ImportOutput, ImportedSource};
use toml::Value;

fn corpus() -> PathBuf {
    root().join("tests/corpus")
}

fn read_toml(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn str_of<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn array(v: Option<&Value>) -> &[Value] {
    v.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// Dashes and spaces as GPO typography sets them compare equal to plain ones.
fn fold(text: &str) -> String {
    sorn::import::typography::fold(text).trim().to_string()
}

/// The system captions of a SORN source, by field name: the keys of `[system]` that hold a
/// caption's text, and the captions of an alteration notice's changes. The legacy container
/// heading over storage, retrievability, safeguards and retention (`policies`) holds no text of
/// its own and is not counted.
const CAPTION_KEYS: &[&str] = &[
    "security_classification",
    "location",
    "managers",
    "authority",
    "purposes",
    "individuals",
    "records",
    "record_sources",
    "routine_uses",
    "consumer_reporting",
    "storage",
    "retrieval",
    "retention",
    "safeguards",
    "record_access",
    "contesting",
    "notification",
    "exemptions",
    "history",
];

/// The field name of a caption as printed ("Categories of records in the system" → "records").
fn caption_key(caption: &str) -> Option<&'static str> {
    use sorn::import::captions::{SystemCaption, system_caption};
    use sorn::model::Element::*;
    Some(match system_caption(caption)? {
        SystemCaption::Identifier => "system_name",
        SystemCaption::Element(e) => match e {
            SystemName => "system_name",
            SecurityClassification => "security_classification",
            Location => "location",
            Managers => "managers",
            Authority => "authority",
            Purposes => "purposes",
            Individuals => "individuals",
            Records => "records",
            RecordSources => "record_sources",
            RoutineUses => "routine_uses",
            ConsumerReporting => "consumer_reporting",
            Policies => "policies",
            Storage => "storage",
            Retrieval => "retrieval",
            Safeguards => "safeguards",
            Retention => "retention",
            Notification => "notification",
            RecordAccess => "record_access",
            Contesting => "contesting",
            Exemptions => "exemptions",
            History => "history",
        },
    })
}

/// The subsections of a claim or justification: `subsections`, or those of its `covers`.
fn subsections(v: &Value) -> Vec<String> {
    let own = array(v.get("subsections"));
    let covered = array(v.get("covers")).iter().flat_map(|c| array(c.get("subsections")));
    own.iter().chain(covered).filter_map(Value::as_str).map(str::to_string).collect()
}

fn claims(list: &[Value]) -> Vec<String> {
    list.iter().map(|c| format!("{} {}", str_of(c, "authority").unwrap_or("?"), subsections(c).join(" "))).collect()
}

/// One system as compared: identifier, name, claims ("(j)(2) (c)(3) (d)"), justifications.
#[derive(Debug, PartialEq)]
struct SystemShape {
    id: String,
    name: String,
    claims: Vec<String>,
    justifications: Vec<String>,
}

/// The structure of one document, as compared.
#[derive(Debug, Default)]
struct Shape {
    kind: String,
    fields: Vec<(&'static str, String)>,
    systems: Vec<SystemShape>,
}

/// The structure an expected file states.
fn expected_shape(v: &Value) -> Shape {
    let kind = str_of(v, "kind").unwrap_or("?").to_string();
    let mut fields = Vec::new();
    let mut field = |key: &'static str, value: Option<String>| fields.push((key, value.unwrap_or_default()));
    if kind == "sorn" {
        field("action", str_of(v, "action").map(str::to_string));
        field("template", str_of(v, "template").map(str::to_string));
        field("partial", Some(v.get("partial").and_then(Value::as_bool).unwrap_or(false).to_string()));
        field("routine_uses", Some(v.get("routine_uses").and_then(Value::as_integer).unwrap_or(0).to_string()));
        let captions: BTreeSet<&str> = array(v.get("captions")).iter().filter_map(Value::as_str).collect();
        field("captions", Some(captions.into_iter().collect::<Vec<_>>().join(" ")));
    } else {
        field("stage", str_of(v, "stage").map(str::to_string));
    }
    field("signature", Some(v.get("signature").and_then(Value::as_bool).unwrap_or(false).to_string()));
    field("unplaced", Some(v.get("unplaced").and_then(Value::as_integer).unwrap_or(0).to_string()));
    let systems = array(v.get("systems"))
        .iter()
        .map(|s| SystemShape {
            id: fold(str_of(s, "id").unwrap_or("")),
            name: fold(str_of(s, "name").unwrap_or("")),
            claims: claims(array(s.get("claims"))),
            justifications: array(s.get("justifications")).iter().map(|j| subsections(j).join(" ")).collect(),
        })
        .collect();
    Shape { kind, fields, systems }
}

/// The structure of an imported source. A rule names its first system in `[system]`, with
/// top-level `[exemptions]` and `[[justifications]]`, and each further one in `[[systems]]`
/// ([`rule_systems`]); a SORN names its `[system]` and, when it publishes several, the further
/// ones in `[[systems]]`.
fn imported_shape(source: &Value) -> Shape {
    let kind = str_of(source, "kind").unwrap_or("?").to_string();
    let mut fields = Vec::new();
    let mut field = |key: &'static str, value: String| fields.push((key, value));
    let system = source.get("system");
    // A SORN may publish several systems: `[system]`, then `[[systems]]`.
    let sorn_systems: Vec<&Value> = system.into_iter().chain(array(source.get("systems"))).collect();
    if kind == "sorn" {
        field("action", str_of(source, "action").unwrap_or("new").to_string());
        field("template", str_of(source, "template").unwrap_or("legacy").to_string());
        field("partial", source.get("partial").and_then(Value::as_bool).unwrap_or(false).to_string());
        // The routine uses printed: the caption's, and those an alteration's changes print.
        let uses = |s: &Value| {
            array(s.get("routine_uses")).len()
                + array(s.get("changes")).iter().map(|c| array(c.get("routine_uses")).len()).sum::<usize>()
        };
        field("routine_uses", sorn_systems.iter().map(|s| uses(s)).sum::<usize>().to_string());
        let mut captions: BTreeSet<&str> = BTreeSet::new();
        for system in &sorn_systems {
            captions.extend(system_captions(system));
        }
        field("captions", captions.into_iter().collect::<Vec<_>>().join(" "));
    } else {
        field("stage", str_of(source, "stage").unwrap_or("?").to_string());
    }
    field("signature", source.get("signature").is_some().to_string());
    field("unplaced", array(source.get("unplaced")).len().to_string());
    if kind == "exemption-rule" {
        return Shape { kind, fields, systems: rule_systems(source) };
    }
    let systems: Vec<&Value> = match source.get("systems") {
        Some(_) if kind == "sorn" => sorn_systems,
        Some(list) => array(Some(list)).iter().collect(),
        None => system.into_iter().collect(),
    };
    let single = systems.len() == 1;
    let systems = systems
        .into_iter()
        .map(|s| {
            let own_exemptions = s.get("exemptions").or(s.get("claims").map(|_| s));
            let exemptions = own_exemptions.or(if single && kind != "sorn" { source.get("exemptions") } else { None });
            let justifications = s.get("justifications").or(if single { source.get("justifications") } else { None });
            SystemShape {
                id: fold(str_of(s, "id").unwrap_or("")),
                name: fold(str_of(s, "name").unwrap_or("")),
                claims: claims(array(exemptions.and_then(|e| e.get("claims")))),
                justifications: array(justifications).iter().map(|j| subsections(j).join(" ")).collect(),
            }
        })
        .collect();
    Shape { kind, fields, systems }
}

/// The systems of an imported rule: `[system]` with the top-level `[exemptions]` and
/// `[[justifications]]`, then each `[[systems]]` with its own, or, when it `shares_paragraph`,
/// with those of the system before it.
fn rule_systems(source: &Value) -> Vec<SystemShape> {
    let shape = |s: Option<&Value>, exemptions: Option<&Value>, justifications: Option<&Value>| SystemShape {
        id: fold(s.and_then(|s| str_of(s, "id")).unwrap_or("")),
        name: fold(s.and_then(|s| str_of(s, "name")).unwrap_or("")),
        claims: claims(array(exemptions.and_then(|e| e.get("claims")))),
        justifications: array(justifications).iter().map(|j| subsections(j).join(" ")).collect(),
    };
    let mut out = vec![shape(source.get("system"), source.get("exemptions"), source.get("justifications"))];
    for s in array(source.get("systems")) {
        let mut next = shape(Some(s), s.get("exemptions"), s.get("justifications"));
        if s.get("shares_paragraph").and_then(Value::as_bool) == Some(true)
            && let Some(before) = out.last()
        {
            next.claims = before.claims.clone();
            next.justifications = before.justifications.clone();
        }
        out.push(next);
    }
    out
}

/// The captions one system of a SORN source prints, by field name.
fn system_captions(system: &Value) -> BTreeSet<&'static str> {
    let mut captions: BTreeSet<&'static str> = BTreeSet::new();
    if str_of(system, "name").is_some_and(|n| !n.is_empty()) {
        captions.insert("system_name");
    }
    captions.extend(CAPTION_KEYS.iter().copied().filter(|k| system.get(*k).is_some()));
    if system.get("access_in_notification").and_then(Value::as_bool) == Some(true) {
        captions.insert("record_access");
    }
    if system.get("routine_uses_intro").is_some() {
        captions.insert("routine_uses");
    }
    let changed = array(system.get("changes")).iter().filter_map(|c| Some((str_of(c, "caption")?, c)));
    captions.extend(
        changed
            .filter_map(|(caption, c)| Some((caption_key(caption)?, c)))
            .filter(|(key, c)| *key != "policies" || c.get("text").is_some())
            .map(|(key, _)| key),
    );
    captions
}

/// What differs between an expected and an imported structure, one line per difference.
fn compare(expected: &Shape, imported: &Shape) -> Vec<String> {
    let mut out = Vec::new();
    if expected.kind != imported.kind {
        out.push(format!("kind: expected {}, imported {}", expected.kind, imported.kind));
        return out;
    }
    for (key, want) in &expected.fields {
        let got = imported.fields.iter().find(|(k, _)| k == key).map_or("", |(_, v)| v.as_str());
        if want != got {
            out.push(format!("{key}: expected {want:?}, imported {got:?}"));
        }
    }
    if expected.systems.len() != imported.systems.len() {
        out.push(format!("systems: expected {}, imported {}", expected.systems.len(), imported.systems.len()));
    }
    for (want, got) in expected.systems.iter().zip(&imported.systems) {
        if want.id != got.id || want.name != got.name {
            out.push(format!("system: expected {:?} {:?}, imported {:?} {:?}", want.id, want.name, got.id, got.name));
        }
        if want.claims != got.claims {
            out.push(format!("claims of {}: expected {:?}, imported {:?}", want.id, want.claims, got.claims));
        }
        if want.justifications != got.justifications {
            out.push(format!(
                "justifications of {}: expected {:?}, imported {:?}",
                want.id, want.justifications, got.justifications
            ));
        }
    }
    out
}

/// The errors and warnings `sorn check` gives on imported sources, by rule name, sorted.
fn check(dir: &Path) -> Vec<String> {
    let out = sorn().arg("check").arg(dir).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check output is not JSON ({e}): {}", stderr(&out)));
    let mut rules: Vec<String> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| matches!(d["severity"].as_str(), Some("error" | "warning")))
        .filter_map(|d| d["rule"].as_str().map(str::to_string))
        .collect();
    rules.sort();
    rules
}

/// "name-variant ×2, unauthorized-exemption", or "none".
fn summary(rules: &[String]) -> String {
    let mut counted: Vec<(String, usize)> = Vec::new();
    for rule in rules {
        match counted.last_mut() {
            Some((last, n)) if last == rule => *n += 1,
            _ => counted.push((rule.clone(), 1)),
        }
    }
    if counted.is_empty() {
        return "none".into();
    }
    counted.iter().map(|(r, n)| if *n > 1 { format!("{r} ×{n}") } else { r.clone() }).collect::<Vec<_>>().join(", ")
}

/// The document's text, as the rendering is compared with it: the text of an FR XML document
/// without its tags, or the text edition without GPO's delivery header, as the XML has none.
fn reference_text(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("xml") => xml_text(&text),
        Some("txt") => text_edition(&text),
        _ => text,
    }
}

/// The text edition as the document prints: GPO's header lines above the agency heading
/// ("[Federal Register Volume 89, Number 39 (Tuesday, February 27, 2024)]", "[Notices]",
/// "[Pages 14554-14556]", "From the Federal Register Online via the Government Publishing Office
/// [www.gpo.gov]", "[FR Doc No: 2024-03947]") and its rules of hyphens frame the document and are
/// not part of it; its `` and '' are the typewriter forms of the quotation marks “ and ”.
fn text_edition(text: &str) -> String {
    let header = |line: &str| {
        let l = line.trim();
        let bracketed = l.starts_with('[') && l.ends_with(']');
        let wrapper = [
            "[Federal Register Volume",
            "[Notices]",
            "[Rules and Regulations]",
            "[Proposed Rules]",
            "[Page",
            "[FR Doc No:",
        ];
        (bracketed && wrapper.iter().any(|w| l.starts_with(w))) || l.starts_with("From the Federal Register Online")
    };
    let rule = |line: &str| line.trim().len() >= 10 && line.trim().chars().all(|c| c == '-');
    let mut out = String::with_capacity(text.len());
    let mut in_header = true;
    for line in text.lines() {
        if rule(line) || (in_header && header(line)) {
            continue;
        }
        in_header &= line.trim().is_empty();
        out.push_str(line);
        out.push('\n');
    }
    out.replace("``", "\u{201c}").replace("''", "\u{201d}")
}

/// Fidelity of the Markdown rendering of a source to the document's text (the word-level measure
/// of `tests/common`, so that the figure is the same with or without the project's tools).
fn fidelity(source: &ImportedSource, reference: &str) -> f64 {
    let frdoc = sorn::lower::lower(&source.document, &sorn::lower::LowerOptions::default());
    word_fidelity(reference, &sorn::emit::markdown::render(&frdoc))
}

/// The number of `[[unplaced]]` entries of a source.
fn unplaced(source: &ImportedSource) -> usize {
    toml::from_str::<Value>(&source.text).map_or(0, |v| array(v.get("unplaced")).len())
}

fn import(path: &Path) -> Result<ImportOutput, String> {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    sorn::import::import(&name, &bytes, &ImportOptions::default()).map_err(|e| e.message.clone())
}

/// One row of the table.
struct Row {
    document: String,
    kind: String,
    status: String,
    fidelity: String,
    unplaced: String,
    diagnostics: String,
    failures: Vec<String>,
}

/// Imports a SORN or exemption rule and compares it.
fn positive(slug: &str, path: &Path, expected: &Value) -> Row {
    let want = expected_shape(expected);
    let mut row = Row {
        document: slug.into(),
        kind: want.kind.clone(),
        status: String::new(),
        fidelity: "-".into(),
        unplaced: "-".into(),
        diagnostics: "-".into(),
        failures: Vec::new(),
    };
    let output = match import(path) {
        Ok(o) => o,
        Err(why) => {
            row.failures.push(format!("refused: {why}"));
            return row;
        }
    };
    if output.sources.len() != 1 {
        row.failures.push(format!("{} sources imported, 1 expected", output.sources.len()));
    }
    let Some(source) = output.sources.first() else { return row };
    let value: Value = toml::from_str(&source.text).unwrap();
    row.failures = compare(&want, &imported_shape(&value));
    row.unplaced = unplaced(source).to_string();
    row.fidelity = format!("{:.3}", fidelity(source, &reference_text(path)));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(&source.file_name), &source.text).unwrap();
    let found = check(dir.path());
    row.diagnostics = summary(&found);
    let listed: Vec<String> =
        array(expected.get("diagnostics")).iter().filter_map(Value::as_str).map(str::to_string).collect();
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    if listed_sorted != found {
        row.failures.push(format!(
            "diagnostics: expected [{}], check gives [{}]",
            summary(&listed_sorted),
            summary(&found)
        ));
    }
    row
}

/// A negative control: refused, with the reason.
fn negative(slug: &str, path: &Path) -> Row {
    let (status, failures) = match import(path) {
        Err(why) => {
            // The reason, without the description of the document that follows it.
            let reason = why.split(": it is ").nth(1).unwrap_or(&why);
            let end = [" (RULE \"", " (PRORULE \"", " (NOTICE \"", " (document \""]
                .iter()
                .filter_map(|m| reason.find(m))
                .min()
                .unwrap_or(reason.len());
            (format!("refused: {}", &reason[..end]), Vec::new())
        }
        Ok(o) => {
            (String::new(), vec![format!("imported {} source(s); a negative control must be refused", o.sources.len())])
        }
    };
    Row {
        document: slug.into(),
        kind: "negative".into(),
        status,
        fidelity: "-".into(),
        unplaced: "-".into(),
        diagnostics: "-".into(),
        failures,
    }
}

/// A daily issue: its Privacy Act documents imported, the look-alikes skipped with a note.
fn daily_issue(slug: &str, path: &Path, expected: &Value) -> Row {
    let mut failures = Vec::new();
    let output = import(path).unwrap_or_else(|why| panic!("{slug}: {why}"));
    let number = |s: &ImportedSource| {
        toml::from_str::<Value>(&s.text).ok().and_then(|v| v.get("fr_doc")?.get("number")?.as_str().map(fold))
    };
    let mut imported = 0;
    let mut skipped = 0;
    let documents = array(expected.get("documents"));
    for doc in documents {
        let fr_doc = fold(str_of(doc, "fr_doc").unwrap_or(""));
        let source = output.sources.iter().find(|s| number(s).as_deref() == Some(fr_doc.as_str()));
        match (str_of(doc, "kind"), source) {
            (Some("negative"), None) => {
                if output.notes.iter().any(|n| fold(n).contains(&format!("FR Doc. {fr_doc}"))) {
                    skipped += 1;
                } else {
                    failures.push(format!("{fr_doc}: no note says it was skipped"));
                }
            }
            (Some("negative"), Some(_)) => {
                failures.push(format!("{fr_doc}: imported, but it is not a Privacy Act document sorn imports"))
            }
            (Some(kind), Some(s)) => {
                let got = imported_shape(&toml::from_str(&s.text).unwrap());
                let id = fold(str_of(doc, "id").unwrap_or(""));
                if got.kind != kind || got.systems.first().map(|x| x.id.as_str()) != Some(id.as_str()) {
                    failures.push(format!(
                        "{fr_doc}: expected {kind} {id}, imported {} {:?}",
                        got.kind,
                        got.systems.first().map(|x| &x.id)
                    ));
                }
                imported += 1;
            }
            (kind, None) => failures.push(format!("{fr_doc}: expected {kind:?}, not imported")),
            (None, Some(_)) => failures.push(format!("{fr_doc}: the expected file gives no kind")),
        }
    }
    let expected_sources = documents.iter().filter(|d| str_of(d, "kind") != Some("negative")).count();
    if output.sources.len() != expected_sources {
        failures.push(format!("{} sources imported, {expected_sources} expected", output.sources.len()));
    }
    Row {
        document: slug.into(),
        kind: "daily-issue".into(),
        status: format!("{imported} imported, {skipped} look-alikes skipped, {} notes", output.notes.len()),
        fidelity: "-".into(),
        unplaced: output.sources.iter().map(unplaced).sum::<usize>().to_string(),
        diagnostics: "-".into(),
        failures,
    }
}

#[test]
fn every_corpus_document_imports_with_its_expected_structure() {
    let manifest = read_toml(&corpus().join("manifest.toml"));
    let entries = array(manifest.get("document"));
    assert!(entries.len() >= 40, "the corpus holds {} documents", entries.len());
    let mut rows = Vec::new();
    for entry in entries {
        let file = str_of(entry, "file").expect("manifest entry without file");
        let path = corpus().join(file);
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected = read_toml(&corpus().join("expected").join(format!("{slug}.toml")));
        let mut row = match str_of(&expected, "kind") {
            Some("negative") => negative(&slug, &path),
            Some("daily-issue") => daily_issue(&slug, &path, &expected),
            _ => positive(&slug, &path, &expected),
        };
        match (str_of(&expected, "known_gap"), row.failures.is_empty()) {
            (Some(gap), false) => {
                row.status = "known gap".into();
                row.failures.insert(0, format!("gap: {gap}"));
            }
            (Some(gap), true) => {
                row.status = "STALE GAP".into();
                row.failures
                    .push(format!("matches now, but its expected file still names the gap \"{gap}\": remove it"));
            }
            (None, true) if row.status.is_empty() => row.status = "match".into(),
            (None, true) => {}
            (None, false) => row.status = "MISMATCH".into(),
        }
        let excused = str_of(&expected, "known_gap").is_some() && row.status == "known gap";
        rows.push((row, excused));
    }
    print_table(&rows);
    let failed: Vec<String> = rows
        .iter()
        .filter(|(r, gap)| !gap && !r.failures.is_empty())
        .map(|(r, _)| format!("{}:\n  {}", r.document, r.failures.join("\n  ")))
        .collect();
    assert!(failed.is_empty(), "{} document(s) do not import as expected:\n{}", failed.len(), failed.join("\n"));
}

fn print_table(rows: &[(Row, bool)]) {
    let width = rows.iter().map(|(r, _)| r.document.len()).max().unwrap_or(8);
    println!("\n| {:width$} | kind           | structure | fidelity | unplaced | diagnostics", "document");
    println!("|{}|----------------|-----------|----------|----------|------------", "-".repeat(width + 2));
    for (r, _) in rows {
        println!(
            "| {:width$} | {:14} | {} | {:8} | {:8} | {}",
            r.document, r.kind, r.status, r.fidelity, r.unplaced, r.diagnostics
        );
        for failure in &r.failures {
            println!("|   {failure}");
        }
    }
    let matched = rows.iter().filter(|(r, _)| r.failures.is_empty()).count();
    let gaps = rows.iter().filter(|(r, gap)| *gap && !r.failures.is_empty()).count();
    println!("\n{matched} of {} documents match their expected structure; {gaps} known gap(s).", rows.len());
}

/// The diagnostics `sorn check` gives on one source text: (rule and severity, the source line
/// it points at).
fn check_source(source: &ImportedSource) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(&source.file_name);
    std::fs::write(&path, &source.text).unwrap();
    let out = sorn().arg("check").arg(&path).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("check output is not JSON ({e}): {}", stderr(&out)));
    let lines: Vec<&str> = source.text.lines().collect();
    let mut found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let rule = format!("{} {}", d["rule"].as_str().unwrap_or("?"), d["severity"].as_str().unwrap_or("?"));
            let line = d["line"].as_u64().and_then(|l| lines.get(l as usize - 1)).unwrap_or(&"");
            (rule, (*line).to_string())
        })
        .collect();
    found.sort();
    found
}

/// The document with "(e)(13)" planted in its first claim list: before the first "(e)(1)" of its
/// regulatory text (from the List of Subjects on), where every rule form that states its claims
/// in the regulatory text states them before its reasons; or, when the regulatory text cites no
/// provision (it only adds the system to a section's list), before the first "(c)(3)" of the
/// SUPPLEMENTARY INFORMATION, where such a rule states its claims before its reasons.
fn plant_invalid_citation(text: &str) -> Option<String> {
    let start = text.find("List of Subjects")?;
    let at = match text[start..].find("(e)(1)") {
        Some(at) => start + at,
        None => {
            let preamble = text.find("SUPPLEMENTARY INFORMATION")?;
            preamble + text[preamble..start].find("(c)(3)")?
        }
    };
    Some(format!("{}(e)(13), {}", &text[..at], &text[at..]))
}

#[test]
fn an_invalid_citation_planted_in_a_claim_list_of_every_corpus_rule_is_one_error_at_its_place() {
    let manifest = read_toml(&corpus().join("manifest.toml"));
    let mut planted_in = Vec::new();
    for entry in array(manifest.get("document")) {
        let path = corpus().join(str_of(entry, "file").unwrap());
        let slug = path.file_stem().unwrap().to_string_lossy().into_owned();
        let expected = read_toml(&corpus().join("expected").join(format!("{slug}.toml")));
        // A rule whose claims sorn does not type yet has no claim list to plant in.
        if str_of(&expected, "kind") != Some("exemption-rule") || str_of(&expected, "known_gap").is_some() {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let planted = plant_invalid_citation(&text).unwrap_or_else(|| panic!("{slug}: no claim list found"));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let import = |t: &str| {
            let out = sorn::import::import(&name, t.as_bytes(), &ImportOptions::default())
                .unwrap_or_else(|e| panic!("{slug}: {}", e.message));
            out.sources.into_iter().next().unwrap_or_else(|| panic!("{slug}: nothing imported"))
        };
        let (before, after) = (import(&text), import(&planted));
        let value: Value = toml::from_str(&after.text).unwrap();
        let claimed =
            imported_shape(&value).systems.iter().flat_map(|s| s.claims.clone()).any(|c| c.contains("(e)(13)"));
        assert!(claimed, "{slug}: the planted citation is not in a typed claim:\n{}", after.text);
        let mut want: Vec<String> = check_source(&before).into_iter().map(|(rule, _)| rule).collect();
        want.push("unknown-subsection error".into());
        want.sort();
        let found = check_source(&after);
        let rules: Vec<String> = found.iter().map(|(rule, _)| rule.clone()).collect();
        assert_eq!(rules, want, "{slug}: one new diagnostic, unknown-subsection");
        let (_, line) = found.iter().find(|(rule, _)| rule == "unknown-subsection error").unwrap();
        assert!(line.contains("(e)(13)"), "{slug}: unknown-subsection points at {line:?}, not at the citation");
        planted_in.push(slug);
    }
    assert!(planted_in.len() >= 5, "planted in {planted_in:?}");
    println!("planted in {} rules: {}", planted_in.len(), planted_in.join(", "));
}
