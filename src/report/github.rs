//! `--format github`: GitHub Actions workflow commands, one per diagnostic, then the summary.
//!
//! ```text
//! ::error file=sorns/a.toml,line=12,endLine=12,col=5,endColumn=13,title=unknown-key::unknown key `nmae`%0Ahelp: did you mean `name`?
//! 1 error, 0 warnings in 2 files
//! ```
//!
//! Errors become `::error`, warnings `::warning` and notes `::notice`. GitHub shows at most 10
//! annotations of each kind per step (and 50 per job) and drops the rest silently, so print the
//! human report as well when there can be more. An annotation does not fail the step; the exit
//! status does.

use std::fmt::Write;

use super::location::region;
use super::root::ReportRoot;
use crate::diagnostic::{Diagnostic, Severity, SourceMap};

/// Escapes a command's message: `%`, CR and LF.
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value: as [`escape_data`], and `:` and `,`.
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

/// One workflow command for a diagnostic, without the line break; files are named relative to
/// `root`, as GitHub expects.
pub fn annotation(d: &Diagnostic, files: &SourceMap, root: &ReportRoot) -> String {
    let mut properties = Vec::new();
    if let Some(r) = d.primary().and_then(|l| region(l, files)) {
        properties.push(format!("file={}", escape_property(&root.path(r.path))));
        properties.push(format!("line={}", r.line));
        properties.push(format!("endLine={}", r.end_line));
        // GitHub ignores columns on an annotation that spans several lines.
        if r.is_single_line() {
            properties.push(format!("col={}", r.column));
            properties.push(format!("endColumn={}", r.end_column));
        }
    }
    properties.push(format!("title={}", escape_property(d.rule)));

    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        let _ = write!(message, "\nhelp: {help}");
    }
    for note in &d.notes {
        let _ = write!(message, "\nnote: {note}");
    }
    for label in d.labels.iter().skip(1) {
        if let Some(r) = region(label, files) {
            let _ = write!(message, "\nsee {}:{}:{}", root.path(r.path), r.line, r.column);
            if !label.message.is_empty() {
                let _ = write!(message, ": {}", label.message);
            }
        }
    }
    format!("::{} {}::{}", command(d.severity), properties.join(","), escape_data(&message))
}

/// Renders diagnostics as workflow commands, one a line, then the plain summary line
/// ([`super::human::summary`]).
pub fn render_github(diagnostics: &[Diagnostic], files: &SourceMap, file_count: usize, root: &ReportRoot) -> String {
    let mut out = String::new();
    for d in diagnostics {
        out.push_str(&annotation(d, files, root));
        out.push('\n');
    }
    out.push_str(&super::human::summary(diagnostics, file_count));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{FileId, Label, SourceFile};

    fn files() -> SourceMap {
        let mut files = SourceMap::default();
        files.add(SourceFile::new("sorns/a,b:c.toml".into(), "kind = \"sorn\"\nnäme = \"\"\"x\ny\"\"\"\n".into()));
        files.add(SourceFile::new("rules/r.toml".into(), "kind = \"exemption-rule\"\n".into()));
        files
    }

    fn here() -> ReportRoot {
        ReportRoot::fixed(std::path::Path::new("/srv/repo"), std::path::Path::new("/srv/repo"))
    }

    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(escape_data("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext: a,b");
        assert_eq!(escape_property("100% done\r\nnext: a,b"), "100%25 done%0D%0Anext%3A a%2Cb");
        // `%` first, so the escapes themselves are not escaped again.
        assert_eq!(escape_data("%0A"), "%250A");
    }

    #[test]
    fn one_command_per_diagnostic_with_position_title_and_help() {
        let files = files();
        let error =
            Diagnostic::error("unknown-key", "unknown key `näme`: 50% wrong", Label::new(FileId(0), 14..19, ""))
                .with_help("did you mean `name`?")
                .with_note("keys are ASCII")
                .with_label(Label::new(FileId(1), 7..23, "declared, here"));
        let mut warning = Diagnostic::error("multi-line", "spans lines", Label::new(FileId(0), 22..33, ""));
        warning.severity = Severity::Warning;
        let mut note = Diagnostic::error("some-note", "for information", Label::new(FileId(1), 0..4, ""));
        note.severity = Severity::Note;
        let nowhere = Diagnostic::error("unreadable-source", "cannot read", Label::new(FileId(5), 0..0, ""));
        let out = render_github(&[error, warning, note, nowhere], &files, 2, &here());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines,
            [
                "::error file=sorns/a%2Cb%3Ac.toml,line=2,endLine=2,col=1,endColumn=5,title=unknown-key::unknown key `näme`: 50%25 wrong%0Ahelp: did you mean `name`?%0Anote: keys are ASCII%0Asee rules/r.toml:1:8: declared, here",
                "::warning file=sorns/a%2Cb%3Ac.toml,line=2,endLine=3,title=multi-line::spans lines",
                "::notice file=rules/r.toml,line=1,endLine=1,col=1,endColumn=5,title=some-note::for information",
                "::error title=unreadable-source::cannot read",
                "2 errors, 1 warning in 2 files",
            ]
        );
        assert!(out.ends_with("files\n"));
    }

    #[test]
    fn no_diagnostics_prints_only_the_summary() {
        assert_eq!(render_github(&[], &files(), 1, &here()), "0 errors, 0 warnings in 1 file\n");
    }
}
