//! Human output: rustc-style reports rendered by miette, with the TOML line and a label under the
//! exact key or value. Labels in another file (a SORN beside its exemption rule) are shown as
//! related reports with their own snippet.

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, Severity as MietteSeverity,
    SourceCode,
};
use rayon::prelude::*;

use super::excerpt::Excerpt;
use crate::diagnostic::{Diagnostic, FileId, Severity, SourceMap};
use crate::text::escape_controls;

/// Whether to use colour and Unicode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// Colour and Unicode box drawing (a terminal).
    Color,
    /// Unicode without colour.
    Plain,
}

impl Style {
    /// Colour on a terminal unless `NO_COLOR` is set (<https://no-color.org>).
    pub fn detect(is_terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if is_terminal && !no_color { Style::Color } else { Style::Plain }
    }
}

struct View {
    message: String,
    rule: &'static str,
    severity: MietteSeverity,
    help: Option<String>,
    source: Box<dyn SourceCode>,
    labels: Vec<LabeledSpan>,
    related: Vec<View>,
}

impl fmt::Debug for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for View {}

impl MietteDiagnostic for View {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        (!self.rule.is_empty()).then(|| Box::new(self.rule) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<MietteSeverity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source.as_ref())
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn MietteDiagnostic> + 'a>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(self.related.iter().map(|r| r as &dyn MietteDiagnostic)))
    }
}

/// Labels within this many lines of the primary label share its snippet.
const NEARBY_LINES: usize = 6;

fn severity(s: Severity) -> MietteSeverity {
    match s {
        Severity::Error => MietteSeverity::Error,
        Severity::Warning => MietteSeverity::Warning,
        Severity::Note => MietteSeverity::Advice,
    }
}

fn clamp(span: &std::ops::Range<usize>, len: usize) -> (usize, usize) {
    let start = span.start.min(len);
    let end = span.end.clamp(start, len);
    (start, end - start)
}

/// The source a report shows for labels in one file: an excerpt of the lines they are on, long
/// lines shortened around them, with the labels moved into the excerpt's coordinates.
fn source_for(files: &SourceMap, file: FileId, labels: Vec<LabeledSpan>) -> (Box<dyn SourceCode>, Vec<LabeledSpan>) {
    let f = files.get(file);
    let spans: Vec<(usize, usize)> = labels.iter().map(|l| (l.offset(), l.len())).collect();
    let (excerpt, mapped) = Excerpt::build(f, &spans);
    let labels = labels
        .into_iter()
        .zip(mapped)
        .map(|(l, (offset, len))| {
            let text = l.label().map(str::to_string);
            if l.primary() {
                LabeledSpan::new_primary_with_span(text, (offset, len))
            } else {
                LabeledSpan::new_with_span(text, (offset, len))
            }
        })
        .collect();
    (Box::new(excerpt), labels)
}

fn view(d: &Diagnostic, files: &SourceMap) -> View {
    let primary_file = d.primary().map_or(FileId(0), |l| l.file);
    let primary_line = d.primary().map_or(0, |l| files.get(l.file).line_col(l.span.start).0);
    let mut labels = Vec::new();
    // Labels far from the primary one (or in another file) get a snippet of their own, so a
    // report never prints the fifty lines between two places.
    let mut others: Vec<(FileId, usize, Vec<LabeledSpan>)> = Vec::new();
    for (i, label) in d.labels.iter().enumerate() {
        let file = files.get(label.file);
        let (offset, length) = clamp(&label.span, file.text.len());
        let text = (!label.message.is_empty()).then(|| escape_controls(&label.message).into_owned());
        let span = if i == 0 {
            LabeledSpan::new_primary_with_span(text, (offset, length))
        } else {
            LabeledSpan::new_with_span(text, (offset, length))
        };
        let line = file.line_col(offset).0;
        if label.file == primary_file && line.abs_diff(primary_line) <= NEARBY_LINES {
            labels.push(span);
        } else if let Some(entry) =
            others.iter_mut().find(|(f, l, _)| *f == label.file && l.abs_diff(line) <= NEARBY_LINES)
        {
            entry.2.push(span);
        } else {
            others.push((label.file, line, vec![span]));
        }
    }
    let mut help = d.help.as_deref().map(|h| escape_controls(h).into_owned());
    for note in &d.notes {
        let line = format!("note: {}", escape_controls(note));
        help = Some(match help {
            Some(h) => format!("{h}\n{line}"),
            None => line,
        });
    }
    let related = others
        .into_iter()
        .map(|(file, _, labels)| {
            let message = labels.first().and_then(|l| l.label()).map_or_else(
                || format!("see also {}", escape_controls(&files.get(file).name)),
                |l| format!("see also: {l}"),
            );
            let (source, labels) = source_for(files, file, labels);
            View {
                message,
                rule: d.rule,
                severity: MietteSeverity::Advice,
                help: None,
                source,
                labels,
                related: Vec::new(),
            }
        })
        .collect();
    let (source, labels) = source_for(files, primary_file, labels);
    View {
        message: escape_controls(&d.message).into_owned(),
        rule: d.rule,
        severity: severity(d.severity),
        help,
        source,
        labels,
        related,
    }
}

/// Renders diagnostics as rustc-style reports, one after another.
pub fn render_human(diagnostics: &[Diagnostic], files: &SourceMap, style: Style) -> String {
    let theme = match style {
        Style::Color => GraphicalTheme::unicode(),
        Style::Plain => GraphicalTheme::unicode_nocolor(),
    };
    let handler = GraphicalReportHandler::new_themed(theme).with_links(false).with_width(100);
    // Each report is drawn on its own, so thousands of them are drawn on all cores, a run of them
    // at a time, and joined in order: the text is the same whatever the number of threads.
    let runs: Vec<String> = diagnostics
        .par_chunks(REPORTS_PER_TASK)
        .map(|run| {
            let mut out = String::new();
            for d in run {
                let v = view(d, files);
                if handler.render_report(&mut out, &v).is_err() {
                    out.push_str(&format!("{}: {} [{}]\n", d.severity.as_str(), escape_controls(&d.message), d.rule));
                }
                out.push('\n');
            }
            out
        })
        .collect();
    runs.concat()
}

/// Reports drawn by one task: enough that a task outweighs its scheduling.
const REPORTS_PER_TASK: usize = 32;

/// The closing summary line, e.g. "2 errors, 1 warning in 2 files".
pub fn summary(diagnostics: &[Diagnostic], files: usize) -> String {
    let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    format!(
        "{}, {} in {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(files, "file")
    )
}
