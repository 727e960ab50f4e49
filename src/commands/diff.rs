//! `sorn diff`: what changed between two versions of a system, as a change list by caption with
//! word-level differences, as JSON, or as drafts of the text a revision's preamble needs.

use std::path::{Path, PathBuf};

use crate::ExitStatus;
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::SornError;
use crate::model::{Document, Sorn};
use crate::report::Style;
use crate::revision::diff::{CaptionDiff, MatchedUse, Status, SystemDiff, diff};
use crate::revision::words::{WordOp, WordRun};
use crate::source::{self, Workspace};

/// The version of the JSON object `sorn diff --format json` prints; it changes only when a field
/// is removed or changes meaning.
pub const JSON_VERSION: u32 = 1;

/// Options of `sorn diff`.
#[derive(Clone, Debug)]
pub struct DiffOptions {
    /// The old version; `None`: the source NEW names in `[revises].source`.
    pub old: Option<PathBuf>,
    /// The new version.
    pub new: PathBuf,
    /// An explicit configuration file (`--config`); otherwise `sorn.toml` is searched for. Its
    /// calendar dates the drafted DATES caption.
    pub config: Option<PathBuf>,
}

/// Two versions loaded and compared.
#[derive(Debug)]
pub struct DiffResult {
    /// The files read.
    pub workspace: Workspace,
    /// Load problems; when any is an error there is no diff.
    pub diagnostics: Vec<Diagnostic>,
    /// The old and new versions with the paths they were read from, and their diff.
    pub compared: Option<Compared>,
}

/// The versions compared.
#[derive(Debug)]
pub struct Compared {
    /// The old version's path as given (or as `[revises].source` resolves).
    pub old_path: PathBuf,
    /// The new version's path.
    pub new_path: PathBuf,
    /// The old version.
    pub old: Sorn,
    /// The new version.
    pub new: Sorn,
    /// What changed.
    pub diff: SystemDiff,
    /// The calendar of the configuration in force, for dates certain in the drafts.
    pub calendar: crate::dates::Calendar,
}

/// Loads the two versions and compares them.
pub fn run(options: &DiffOptions) -> Result<DiffResult, SornError> {
    let old_path = match &options.old {
        Some(path) => path.clone(),
        None => predecessor_path(&options.new, options.config.as_deref())?,
    };
    let mut workspace = source::load_paths(&[old_path.clone(), options.new.clone()])?;
    let cwd = std::env::current_dir().map_err(|e| SornError::Path { path: PathBuf::from("."), source: e })?;
    let (config, config_diagnostics) = match crate::config::Config::discover(options.config.as_deref(), &cwd)? {
        Some(path) => crate::config::Config::load(&path, &mut workspace.files),
        None => (crate::config::Config::default(), Vec::new()),
    };
    let mut diagnostics = config_diagnostics;
    diagnostics.extend(workspace.diagnostics.iter().cloned());
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Ok(DiffResult { workspace, diagnostics, compared: None });
    }
    let (old, new) = (sorn_at(&workspace, 0, &old_path)?, sorn_at(&workspace, 1, &options.new)?);
    let diff = diff(&old, &new);
    let calendar = config.calendar();
    let compared = Compared { old_path, new_path: options.new.clone(), old, new, diff, calendar };
    Ok(DiffResult { workspace, diagnostics, compared: Some(compared) })
}

/// The exit status: 0 when the versions say the same (HISTORY aside), 1 when they differ, as
/// diff(1) has it; load errors make it 2 before a diff is made.
pub fn status(result: &DiffResult) -> ExitStatus {
    match &result.compared {
        None => ExitStatus::Error,
        Some(c) if c.diff.is_empty() => ExitStatus::Success,
        Some(_) => ExitStatus::Failure,
    }
}

/// The source a revision names as its predecessor, relative to the revision's folder.
/// Only a source inside the project is read, as `sorn check` reads predecessors
/// ([`crate::revision::history`]); a revision naming itself is refused.
fn predecessor_path(new: &Path, config: Option<&Path>) -> Result<PathBuf, SornError> {
    let workspace = source::load_paths(&[new.to_path_buf()])?;
    let named = workspace.documents.first().and_then(|d| match &d.document {
        Document::Sorn(s) => s.revises.as_ref().and_then(|r| r.source.as_ref()).map(|s| s.value.clone()),
        Document::ExemptionRule(_) => None,
    });
    let Some(relative) = named else {
        return Err(SornError::Usage {
            message: format!("{} names no predecessor to compare with", crate::diagnostic::display_path(new)),
            help: Some(
                "give both versions (`sorn diff OLD NEW`), or name the old one in `[revises] source = \"...\"`".into(),
            ),
        });
    };
    let from = source::normalize(new);
    let path = source::normalize(&from.parent().unwrap_or(Path::new("")).join(relative.trim()));
    let refuse = |problem: String| SornError::Usage {
        message: format!("the predecessor {} {problem}", relative.trim()),
        help: Some("name the predecessor's source relative to this file, inside the project".into()),
    };
    if path == from {
        return Err(refuse(format!("is {} itself", crate::diagnostic::display_path(new))));
    }
    let cwd = std::env::current_dir().map_err(|e| SornError::Path { path: PathBuf::from("."), source: e })?;
    let root = match crate::config::Config::discover(config, &cwd)?.as_deref().and_then(Path::parent) {
        Some(dir) => source::normalize(dir),
        None => source::normalize(&cwd),
    };
    match crate::revision::history::unreadable_predecessor(&path, crate::revision::history::project_of(&from, &root)) {
        Some(problem) => Err(refuse(problem)),
        None => Ok(path),
    }
}

fn sorn_at(workspace: &Workspace, index: usize, path: &Path) -> Result<Sorn, SornError> {
    match workspace.documents.get(index).map(|d| &d.document) {
        Some(Document::Sorn(s)) => Ok(s.as_ref().clone()),
        _ => Err(SornError::Usage {
            message: format!("{} is not a SORN source", crate::diagnostic::display_path(path)),
            help: Some("`sorn diff` compares two versions of a system of records notice".into()),
        }),
    }
}

/// The diff as the versioned JSON object: `version`, `old`, `new` (the paths) and `diff`.
pub fn render_json(compared: &Compared) -> String {
    let value = serde_json::json!({
        "version": JSON_VERSION,
        "old": crate::diagnostic::display_path(&compared.old_path),
        "new": crate::diagnostic::display_path(&compared.new_path),
        "changed": !compared.diff.is_empty(),
        "diff": compared.diff,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// The drafts of the revision's ACTION, DATES, summary of changes and HISTORY, marked as drafts.
pub fn render_draft(compared: &Compared) -> String {
    let options = crate::lower::LowerOptions { calendar: compared.calendar.clone() };
    crate::revision::draft::render(&crate::revision::draft::drafts(
        &compared.old,
        &compared.new,
        &compared.diff,
        &options,
    ))
}

/// Words of context kept on each side of a change inside a caption.
const CONTEXT_WORDS: usize = 8;

/// The change list: one entry per changed caption, with the word-level differences inside it,
/// `[-deleted-]{+inserted+}` when plain (as `git diff --word-diff` prints them), red and green
/// when coloured.
pub fn render_human(compared: &Compared, style: Style) -> String {
    let d = &compared.diff;
    let mut out = format!(
        "{} {}\n  old: {}\n  new: {}\n",
        d.identifier.new,
        d.name.new,
        crate::diagnostic::display_path(&compared.old_path),
        crate::diagnostic::display_path(&compared.new_path)
    );
    if d.is_empty() {
        out.push_str("\nno changes (HISTORY aside)\n");
        return out;
    }
    if d.identifier.changed() {
        out.push_str(&format!("\nsystem identifier: {} -> {}\n", d.identifier.old, d.identifier.new));
    }
    if d.name.changed() {
        out.push_str(&format!("\nsystem name: {} -> {}\n", d.name.old, d.name.new));
    }
    for caption in d.captions.iter().filter(|c| c.status.is_change()) {
        caption_entry(caption, style, &mut out);
    }
    routine_use_entries(d, style, &mut out);
    for a in &d.exemptions.authorities {
        let verb = match a.status {
            Status::Added => "now claimed",
            Status::Removed => "no longer claimed",
            _ => "changed",
        };
        out.push_str(&format!("\nexemptions under 5 U.S.C. 552a{}: {verb}\n", a.authority));
        if !a.added.is_empty() {
            out.push_str(&format!("  + exempts {}\n", a.added.join(", ")));
        }
        if !a.removed.is_empty() {
            out.push_str(&format!("  - no longer exempts {}\n", a.removed.join(", ")));
        }
    }
    out
}

fn caption_entry(caption: &CaptionDiff, style: Style, out: &mut String) {
    let status = match caption.status {
        Status::Added => "added",
        Status::Removed => "removed",
        _ => "changed",
    };
    out.push_str(&format!("\n{}: {status}\n", caption.caption));
    for item in &caption.items_added {
        out.push_str(&format!("  + {item}\n"));
    }
    for item in &caption.items_removed {
        out.push_str(&format!("  - {item}\n"));
    }
    out.push_str(&format!("  {}\n", word_diff(&caption.words, style)));
}

fn routine_use_entries(d: &SystemDiff, style: Style, out: &mut String) {
    let r = &d.routine_uses;
    if !r.has_changes() && r.relettered.is_empty() {
        return;
    }
    let counts = [
        (r.added.len(), "added"),
        (r.changed.len(), "changed"),
        (r.removed.len(), "removed"),
        (r.relettered.len(), "relettered"),
        (r.unchanged, "unchanged"),
    ];
    let summary: Vec<String> = counts.iter().filter(|(n, _)| *n > 0).map(|(n, what)| format!("{n} {what}")).collect();
    out.push_str(&format!("\nroutine uses: {}\n", summary.join(", ")));
    for u in &r.added {
        out.push_str(&format!("  + {} {}\n", designation(&u.id), first_words(&u.text)));
    }
    for u in &r.removed {
        out.push_str(&format!("  - {} {}\n", designation(&u.id), first_words(&u.text)));
    }
    for m in &r.changed {
        out.push_str(&format!("  ~ {}: {}\n", was(m), word_diff(&m.words, style)));
    }
    for m in &r.relettered {
        out.push_str(&format!("  = {} (same text)\n", was(m)));
    }
    if !r.intro.is_empty() {
        out.push_str(&format!("  lead-in: {}\n", word_diff(&r.intro, style)));
    }
    if !r.note.is_empty() {
        out.push_str(&format!("  after the uses: {}\n", word_diff(&r.note, style)));
    }
}

fn designation(id: &str) -> String {
    if id.is_empty() { "(undesignated)".into() } else { id.to_string() }
}

fn was(m: &MatchedUse) -> String {
    if m.old.id == m.new.id {
        designation(&m.new.id)
    } else {
        format!("{} (was {})", designation(&m.new.id), designation(&m.old.id))
    }
}

/// The first words of a routine use, enough to tell which it is.
fn first_words(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 16 { words.join(" ") } else { format!("{} ...", words[..16].join(" ")) }
}

/// Runs of words with the changes marked and the unchanged stretches cut to their context.
pub fn word_diff(runs: &[WordRun], style: Style) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (k, run) in runs.iter().enumerate() {
        let text = match run.op {
            WordOp::Equal => context(&run.text, k > 0, k + 1 < runs.len()),
            WordOp::Delete => mark(&run.text, "[-", "-]", "\x1b[31m", style),
            WordOp::Insert => mark(&run.text, "{+", "+}", "\x1b[32m", style),
        };
        parts.push(text);
    }
    parts.join(" ")
}

fn mark(text: &str, open: &str, close: &str, color: &str, style: Style) -> String {
    match style {
        Style::Color => format!("{color}{open}{text}{close}\x1b[0m"),
        Style::Plain => format!("{open}{text}{close}"),
    }
}

/// An unchanged stretch: its last words after a change before it, its first words before a
/// change after it, the middle left out.
fn context(text: &str, after_change: bool, before_change: bool) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() <= 2 * CONTEXT_WORDS + 1 {
        return words.join(" ");
    }
    let head = if after_change { words[..CONTEXT_WORDS].join(" ") } else { String::new() };
    let tail = if before_change { words[words.len() - CONTEXT_WORDS..].join(" ") } else { String::new() };
    [head, "...".to_string(), tail].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}
