//! `--format json`: one versioned JSON object, the shape in `design/cli.md`.
//!
//! ```json
//! {
//!   "version": 1,
//!   "diagnostics": [
//!     { "rule": "…", "severity": "error", "message": "…", "path": "sorns/a.toml",
//!       "line": 12, "column": 5, "end_line": 12, "end_column": 13, "help": "…",
//!       "notes": [], "related": [] }
//!   ],
//!   "summary": { "files": 2, "errors": 1, "warnings": 0, "notes": 0 }
//! }
//! ```
//!
//! The contract fields are always present. `help` is `null` when a diagnostic has none; `path`
//! is `null` (and the position 1:1) for a diagnostic that points nowhere. `notes` and `related`
//! (the secondary labels) are additions the contract allows, as is `fix`, present only on a
//! diagnostic `sorn check --fix` can fix: `{ "description", "edits": [{ "line", "column",
//! "end_line", "end_column", "replacement" }] }`, with `replacement` repeated at the top for a
//! fix of one edit.

use serde::Serialize;

use super::location::region;
use crate::diagnostic::{Diagnostic, Fix, Severity, SourceMap};

/// The version of this output's shape; raised only on incompatible change.
pub const JSON_VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    path: Option<&'a str>,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    help: Option<&'a str>,
    notes: &'a [String],
    related: Vec<Related<'a>>,
    /// The text `sorn check --fix` writes at the primary location, when the rule offers a fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

/// A fix: what it does, and its edits, each a region of the file and the text written there.
/// `replacement` repeats the text of a fix of one edit.
#[derive(Serialize)]
struct JsonFix<'a> {
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<&'a str>,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    replacement: &'a str,
}

fn fix<'a>(f: &'a Fix, files: &SourceMap) -> JsonFix<'a> {
    let file = files.get(f.file);
    let edits = f
        .edits
        .iter()
        .map(|e| {
            let (line, column) = file.line_col(e.span.start);
            let (end_line, end_column) = file.line_col(e.span.end);
            JsonEdit { line, column, end_line, end_column, replacement: &e.replacement }
        })
        .collect();
    let replacement = match f.edits.as_slice() {
        [only] => Some(only.replacement.as_str()),
        _ => None,
    };
    JsonFix { description: &f.description, replacement, edits }
}

#[derive(Serialize)]
struct Related<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
    notes: usize,
}

fn diagnostic<'a>(d: &'a Diagnostic, files: &'a SourceMap) -> JsonDiagnostic<'a> {
    let mut regions = d.labels.iter().filter_map(|l| region(l, files).map(|r| (r, l.message.as_str())));
    let primary = regions.next();
    let (path, (line, column, end_line, end_column)) = match primary {
        Some((r, _)) => (Some(r.path), (r.line, r.column, r.end_line, r.end_column)),
        None => (None, (1, 1, 1, 1)),
    };
    let related = regions
        .map(|(r, message)| Related {
            path: r.path,
            line: r.line,
            column: r.column,
            end_line: r.end_line,
            end_column: r.end_column,
            message,
        })
        .collect();
    JsonDiagnostic {
        rule: d.rule,
        severity: d.severity,
        message: &d.message,
        path,
        line,
        column,
        end_line,
        end_column,
        help: d.help.as_deref(),
        notes: &d.notes,
        related,
        fix: d.fix.as_ref().map(|f| fix(f, files)),
    }
}

/// Renders diagnostics as the `--format json` object, pretty-printed, with a trailing newline.
///
/// `file_count` is the number of sources checked (the summary's `files`). Diagnostics are written
/// in the order given: sort them first with [`crate::diagnostic::sort`].
pub fn render_json(diagnostics: &[Diagnostic], files: &SourceMap, file_count: usize) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let report = Report {
        version: JSON_VERSION,
        diagnostics: diagnostics.iter().map(|d| diagnostic(d, files)).collect(),
        summary: Summary {
            files: file_count,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            notes: count(Severity::Note),
        },
    };
    let mut out = serde_json::to_string_pretty(&report).expect("plain structs always serialize");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use super::*;
    use crate::diagnostic::{FileId, Label, SourceFile};

    fn files() -> SourceMap {
        let mut files = SourceMap::default();
        files.add(SourceFile::new("sorns/a.toml".into(), "kind = \"sorn\"\nnäme = \"Ünïcode\"\n".into()));
        files.add(SourceFile::new("rules/b.toml".into(), "kind = \"exemption-rule\"\n".into()));
        files
    }

    #[test]
    fn every_contract_field_is_present_with_1_based_positions() {
        let files = files();
        let d = Diagnostic::error("unknown-key", "unknown key `näme`", Label::new(FileId(0), 14..19, "unknown key"))
            .with_help("did you mean `name`?")
            .with_note("keys are ASCII")
            .with_label(Label::new(FileId(1), 0..4, "declared here"));
        let out = render_json(&[d], &files, 2);
        assert!(out.ends_with("}\n"));
        let v: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["version"], 1);
        let d = &v["diagnostics"][0];
        assert_eq!(d["rule"], "unknown-key");
        assert_eq!(d["severity"], "error");
        assert_eq!(d["message"], "unknown key `näme`");
        assert_eq!(d["path"], "sorns/a.toml");
        assert_eq!(d["line"], 2);
        assert_eq!(d["column"], 1);
        assert_eq!(d["end_line"], 2);
        assert_eq!(d["end_column"], 5); // "näme" is 5 bytes but 4 characters
        assert_eq!(d["help"], "did you mean `name`?");
        assert_eq!(d["notes"][0], "keys are ASCII");
        let related = &d["related"][0];
        assert_eq!(related["path"], "rules/b.toml");
        assert_eq!((related["line"].as_u64(), related["column"].as_u64()), (Some(1), Some(1)));
        assert_eq!((related["end_line"].as_u64(), related["end_column"].as_u64()), (Some(1), Some(5)));
        assert_eq!(related["message"], "declared here");
        assert_eq!(v["summary"]["files"], 2);
        assert_eq!(v["summary"]["errors"], 1);
        assert_eq!(v["summary"]["warnings"], 0);
    }

    #[test]
    fn a_multi_byte_character_before_the_span_is_one_column() {
        let files = files();
        // `"Ünïcode"` starts after `näme = ` on line 2: 7 characters but 8 bytes.
        let text = &files.get(FileId(0)).text;
        let (string, end) = (text.find("\"Ü").unwrap(), text.rfind('"').unwrap() + 1);
        assert_eq!((string, end), (22, 33));
        let d = Diagnostic::error("invalid-value", "bad", Label::new(FileId(0), string..end, ""));
        let v: Value = serde_json::from_str(&render_json(&[d], &files, 1)).unwrap();
        let d = &v["diagnostics"][0];
        assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(2), Some(8)));
        assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(2), Some(17)));
    }

    #[test]
    fn key_order_is_the_contracts() {
        let files = files();
        let d = Diagnostic::error("syntax-error", "x", Label::new(FileId(0), 0..4, ""));
        let out = render_json(&[d], &files, 1);
        let keys = [
            "\"rule\"",
            "\"severity\"",
            "\"message\"",
            "\"path\"",
            "\"line\"",
            "\"column\"",
            "\"end_line\"",
            "\"end_column\"",
            "\"help\"",
        ];
        let positions: Vec<usize> = keys.iter().map(|k| out.find(k).unwrap()).collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]), "{out}");
        assert!(out.find("\"version\"").unwrap() < out.find("\"diagnostics\"").unwrap());
        assert!(out.find("\"diagnostics\"").unwrap() < out.find("\"summary\"").unwrap());
        assert_eq!(
            out,
            render_json(&[Diagnostic::error("syntax-error", "x", Label::new(FileId(0), 0..4, ""))], &files, 1)
        );
    }

    #[test]
    fn a_diagnostic_that_points_nowhere_is_at_1_1_with_null_path_and_help() {
        let files = files();
        let mut d = Diagnostic::error("unreadable", "cannot read", Label::new(FileId(9), 3..4, ""));
        let mut warning = d.clone();
        warning.severity = Severity::Warning;
        d.labels.clear();
        let v: Value = serde_json::from_str(&render_json(&[d, warning], &files, 0)).unwrap();
        for d in v["diagnostics"].as_array().unwrap() {
            assert_eq!(d["path"], Value::Null);
            assert_eq!(d["help"], Value::Null);
            assert_eq!((d["line"].as_u64(), d["column"].as_u64()), (Some(1), Some(1)));
            assert_eq!((d["end_line"].as_u64(), d["end_column"].as_u64()), (Some(1), Some(1)));
        }
        assert_eq!(v["summary"]["errors"], 1);
        assert_eq!(v["summary"]["warnings"], 1);
    }

    #[test]
    fn no_diagnostics_is_an_empty_list() {
        let v: Value = serde_json::from_str(&render_json(&[], &files(), 3)).unwrap();
        assert_eq!(v["diagnostics"], Value::Array(vec![]));
        assert_eq!(v["summary"]["files"], 3);
    }
}
