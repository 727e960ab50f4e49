//! The project configuration, `sorn.toml`: rule levels, extra Federal closures, agencies, and the
//! files a folder walk leaves out.
//!
//! ```toml
//! exclude = ["drafts/", "*.old.toml"]   # .gitignore patterns, relative to this file's folder
//!
//! [lints]
//! partial-justification = "error"      # "error" | "warning" | "allow" (also "deny", "warn", "off")
//! nonstandard-heading = "allow"
//!
//! [calendar]
//! closures = [ { date = 2026-12-24, reason = "Christmas Eve (E.O. 14xxx)" } ]
//! ```
//!
//! [`Config::discover`] finds the file (an explicit `--config` path, else `sorn.toml` in the
//! working directory or the nearest ancestor, stopping at the repository root), and
//! [`Config::load`] reads it into the [`SourceMap`] so that its problems are diagnostics with
//! spans like any source's, under the rule [`INVALID_CONFIG`]. A configuration with problems still
//! yields a [`Config`]: the entries that are valid apply, the others are ignored.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeTable, DeValue};

pub use crate::check::INVALID_CONFIG;
use crate::check::agencies::AgencyFacts;
use crate::check::{Category, Level, RuleMeta, Settings};
use crate::dates::{Calendar, Date};
use crate::diagnostic::{Diagnostic, FileId, Label, SourceFile, SourceMap};
use crate::error::SornError;

/// The configuration file's name.
pub const CONFIG_FILE: &str = "sorn.toml";

const TOP_LEVEL_KEYS: &[&str] = &["lints", "calendar", "agencies", "exclude"];
const AGENCY_KEYS: &[&str] =
    &["name", "abbreviation", "cfr_title", "cfr_part", "billing_prefixes", "docket_prefix", "source"];
const CALENDAR_KEYS: &[&str] = &["closures"];
const CLOSURE_KEYS: &[&str] = &["date", "reason"];
const LEVEL_NAMES: &[&str] = &["error", "warning", "note", "allow", "deny", "warn", "info", "off"];

/// The project configuration.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub path: Option<PathBuf>,
    /// Configured levels by rule name (never a load rule).
    pub levels: BTreeMap<String, Level>,
    /// Extra Federal closures, in the order written, each with its reason.
    pub closures: Vec<(Date, String)>,
    /// Agencies added to the table `agency-fit` reads (`[[agencies]]`), in the order written.
    pub agencies: Vec<AgencyFacts>,
    /// Patterns (`.gitignore` syntax, relative to the configuration's folder) of files and
    /// folders that folder walks leave out; files named on the command line are still read.
    pub exclude: Vec<String>,
}

impl Config {
    /// The configuration file to read: `explicit` (relative to `cwd`) if given, which must exist;
    /// else the first `sorn.toml` in `cwd` or its ancestors, stopping after the first folder that
    /// contains `.git`. `Ok(None)` when there is none (the defaults apply).
    pub fn discover(explicit: Option<&Path>, cwd: &Path) -> Result<Option<PathBuf>, SornError> {
        if let Some(path) = explicit {
            let path = cwd.join(path);
            return match std::fs::metadata(&path) {
                Ok(meta) if meta.is_file() => crate::source::check_regular(&path).map(|()| Some(path)),
                Ok(_) => Err(SornError::Usage {
                    message: format!("--config {}: not a file", path.display()),
                    help: Some(format!("give the path of a configuration file, e.g. --config {CONFIG_FILE}")),
                }),
                Err(source) => Err(SornError::Path { path, source }),
            };
        }
        for dir in cwd.ancestors() {
            let candidate = dir.join(CONFIG_FILE);
            // A link named sorn.toml is refused, not followed: it could point at any file, whose
            // text the diagnostics would print.
            if std::fs::symlink_metadata(&candidate).is_ok() {
                return crate::source::check_regular(&candidate).map(|()| Some(candidate));
            }
            if dir.join(".git").exists() {
                break;
            }
        }
        Ok(None)
    }

    /// Reads a configuration file into `files` and parses it. An unreadable file, like any
    /// problem in it, is an `invalid-config` diagnostic.
    pub fn load(path: &Path, files: &mut SourceMap) -> (Config, Vec<Diagnostic>) {
        let failed = |files: &mut SourceMap, text: String, span: Range<usize>, message: String, label: &str| {
            let file = files.add(SourceFile::new(path.to_path_buf(), text));
            let d = Diagnostic::error(INVALID_CONFIG.name, message, Label::new(file, span, label));
            (Config { path: Some(path.to_path_buf()), ..Config::default() }, vec![d])
        };
        match std::fs::read(path) {
            Err(e) => {
                failed(files, String::new(), 0..0, format!("cannot read the configuration {}: {e}", path.display()), "")
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Config::load_text(path.to_path_buf(), text, files),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    let (what, span) = crate::source::not_utf8(e.as_bytes(), at);
                    let what = what.trim_start_matches("the file ");
                    let message = format!("the configuration {} {what}", path.display());
                    let (config, mut diagnostics) = failed(files, lossy, span, message, "this byte is not UTF-8");
                    diagnostics[0].help = Some("save the file as UTF-8 (TOML files must be UTF-8)".into());
                    (config, diagnostics)
                }
            },
        }
    }

    /// Parses a configuration's text, adding it to `files` under `path`.
    pub fn load_text(path: PathBuf, text: String, files: &mut SourceMap) -> (Config, Vec<Diagnostic>) {
        Config::load_text_with_rules(path, text, files, &crate::check::all_rules())
    }

    fn load_text_with_rules(
        path: PathBuf,
        text: String,
        files: &mut SourceMap,
        rules: &[&'static RuleMeta],
    ) -> (Config, Vec<Diagnostic>) {
        let file = files.add(SourceFile::new(path.clone(), text));
        let mut parser =
            Parser { file, rules, config: Config { path: Some(path), ..Config::default() }, out: Vec::new() };
        parser.parse(&files.get(file).text);
        crate::diagnostic::sort(&mut parser.out);
        (parser.config, parser.out)
    }

    /// The level a rule runs at: configured, else its default. Load rules always run at their
    /// default.
    pub fn level(&self, rule: &RuleMeta) -> Level {
        if rule.category == Category::Load {
            return rule.default_level;
        }
        self.levels.get(rule.name).copied().unwrap_or(rule.default_level)
    }

    /// What folder walks leave out: the `exclude` patterns, relative to the configuration's folder.
    pub fn walk_exclude(&self) -> crate::source::walk::Exclude {
        match self.path.as_deref().and_then(Path::parent) {
            Some(root) => crate::source::walk::Exclude::new(root, &self.exclude),
            None => crate::source::walk::Exclude::none(),
        }
    }

    /// The Federal calendar ([`Calendar::federal`]) with the configured closures added.
    pub fn calendar(&self) -> Calendar {
        self.closures.iter().fold(Calendar::federal(), |calendar, (date, reason)| calendar.with_closure(*date, reason))
    }

    /// What lint rules read beyond levels: [`Config::calendar`] and the agency table with the
    /// configured agencies after the built-in ones.
    pub fn settings(&self) -> Settings {
        let mut agencies = crate::check::agencies::built_in();
        agencies.extend(self.agencies.iter().cloned());
        Settings { calendar: self.calendar(), agencies }
    }
}

struct Parser<'r> {
    file: FileId,
    rules: &'r [&'static RuleMeta],
    config: Config,
    out: Vec<Diagnostic>,
}

type Entry<'a> = (&'a Spanned<std::borrow::Cow<'a, str>>, &'a Spanned<DeValue<'a>>);

/// The closest candidate, if it is close enough to be what was meant.
fn suggest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(c, word), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn quoted_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

fn first_line(message: &str) -> &str {
    message.lines().find(|l| !l.trim().is_empty()).unwrap_or(message).trim()
}

impl Parser<'_> {
    fn error(&mut self, message: impl Into<String>, span: Range<usize>, label: &str, help: Option<String>) {
        let mut d = Diagnostic::error(INVALID_CONFIG.name, message, Label::new(self.file, span, label));
        d.help = help;
        self.out.push(d);
    }

    fn parse(&mut self, text: &str) {
        let (root, errors) = DeTable::parse_recoverable(text);
        if !errors.is_empty() {
            let total = errors.len();
            for e in errors.into_iter().take(crate::source::MAX_SYNTAX_ERRORS) {
                let line = first_line(e.message());
                let label = if line.len() > 60 { "here" } else { line };
                let span = e.span().unwrap_or(0..0);
                self.error(
                    format!("invalid TOML in the configuration: {line}"),
                    span,
                    label,
                    Some("see https://toml.io for the syntax".into()),
                );
            }
            crate::source::note_unreported_syntax_errors(&mut self.out, total);
            return;
        }
        for (key, value) in root.get_ref() {
            match key.get_ref().as_ref() {
                "lints" => {
                    if let Some(table) = self.table(key, value) {
                        for entry in table {
                            self.lint(entry);
                        }
                    }
                }
                "calendar" => {
                    if let Some(table) = self.table(key, value) {
                        self.calendar(table);
                    }
                }
                "exclude" => self.exclude(value),
                "agencies" => match value.get_ref() {
                    DeValue::Array(items) => {
                        for item in items.iter() {
                            if let Some(agency) = self.agency(item) {
                                self.config.agencies.push(agency);
                            }
                        }
                    }
                    other => self.error(
                        "`agencies` must be a list of agencies",
                        value.span(),
                        &format!("expected a list, found {}", other.type_str()),
                        Some("write [[agencies]] tables, each with a `name` and a `source`".into()),
                    ),
                },
                other => {
                    let help = if other == "rules" {
                        "rule levels go in `[lints]`".to_string()
                    } else {
                        match suggest(other, TOP_LEVEL_KEYS.iter().copied()) {
                            Some(s) => format!("did you mean `[{s}]`?"),
                            None => "the configuration has `exclude` and the tables `[lints]`, `[calendar]` and `[[agencies]]`"
                                .to_string(),
                        }
                    };
                    let (message, label) = match value.get_ref() {
                        DeValue::Table(_) => {
                            (format!("unknown table `[{other}]` in the configuration"), "unknown table")
                        }
                        _ => (format!("unknown key `{other}` in the configuration"), "unknown key"),
                    };
                    self.error(message, key.span(), label, Some(help));
                }
            }
        }
    }

    /// The value of `key` as a table, or a diagnostic.
    fn table<'v, 'a>(
        &mut self,
        key: &Spanned<std::borrow::Cow<'a, str>>,
        value: &'v Spanned<DeValue<'a>>,
    ) -> Option<&'v DeTable<'a>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            other => {
                let name = key.get_ref();
                self.error(
                    format!("`{name}` must be a table"),
                    value.span(),
                    &format!("expected a table, found {}", other.type_str()),
                    Some(format!("write `[{name}]` on a line of its own and the keys under it")),
                );
                None
            }
        }
    }

    fn lint(&mut self, (key, value): Entry<'_>) {
        let name = key.get_ref().as_ref();
        let Some(rule) = self.rules.iter().copied().chain([&INVALID_CONFIG]).find(|r| r.name == name) else {
            let configurable = self.rules.iter().filter(|r| r.category != Category::Load).map(|r| r.name);
            let help = match suggest(name, configurable) {
                Some(s) => format!("did you mean `{s}`?"),
                None => "`sorn explain --list` lists every rule".to_string(),
            };
            self.error(format!("unknown rule `{name}` in `[lints]`"), key.span(), "no rule has this name", Some(help));
            return;
        };
        if rule.category == Category::Load {
            self.error(
                format!("`{name}` cannot be configured: it is a load rule"),
                key.span(),
                "load rule",
                Some("problems reading a source are always errors, since a source that does not load cannot be checked; remove this line".into()),
            );
            return;
        }
        let level = match value.get_ref() {
            DeValue::String(text) => match Level::parse(text) {
                Some(level) => level,
                None => {
                    let help = match suggest(text, LEVEL_NAMES.iter().copied()) {
                        Some(s) => format!("did you mean \"{s}\"?"),
                        None => "levels are \"error\", \"warning\" and \"allow\" (also \"deny\", \"warn\" and \"off\")"
                            .into(),
                    };
                    self.error(format!("`{text}` is not a level"), value.span(), "unknown level", Some(help));
                    return;
                }
            },
            other => {
                self.error(
                    format!("the level of `{name}` must be a string"),
                    value.span(),
                    &format!("expected \"error\", \"warning\" or \"allow\", found {}", other.type_str()),
                    Some(format!("write {name} = \"warning\", with quotes")),
                );
                return;
            }
        };
        self.config.levels.insert(name.to_string(), level);
    }

    /// `exclude = ["drafts/", ...]`: each pattern a string that is a valid `.gitignore` line.
    fn exclude(&mut self, value: &Spanned<DeValue<'_>>) {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                "`exclude` must be a list of patterns",
                value.span(),
                &format!("expected a list, found {}", value.get_ref().type_str()),
                Some("write exclude = [\"drafts/\", \"*.old.toml\"]".into()),
            );
            return;
        };
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(pattern) => match crate::source::walk::Exclude::check_pattern(pattern) {
                    Ok(()) => self.config.exclude.push(pattern.to_string()),
                    Err(why) => self.error(
                        format!("`{pattern}` is not a valid pattern: {why}"),
                        item.span(),
                        "invalid pattern",
                        Some(
                            "patterns are written as in .gitignore: `drafts/`, `*.old.toml`, `/sorns/archive/**`"
                                .into(),
                        ),
                    ),
                },
                other => self.error(
                    "an `exclude` pattern must be a string",
                    item.span(),
                    &format!("expected a string, found {}", other.type_str()),
                    Some("write the pattern in quotes, e.g. \"drafts/\"".into()),
                ),
            }
        }
    }

    fn calendar(&mut self, table: &DeTable<'_>) {
        for (key, value) in table {
            let name = key.get_ref().as_ref();
            if name != "closures" {
                let help = match suggest(name, CALENDAR_KEYS.iter().copied()) {
                    Some(s) => format!("did you mean `{s}`?"),
                    None => format!("`[calendar]` has the key {}", quoted_list(CALENDAR_KEYS)),
                };
                self.error(format!("unknown key `{name}` in `[calendar]`"), key.span(), "unknown key", Some(help));
                continue;
            }
            let DeValue::Array(items) = value.get_ref() else {
                self.error(
                    "`closures` must be a list of closures",
                    value.span(),
                    &format!("expected a list, found {}", value.get_ref().type_str()),
                    Some("write closures = [ { date = 2026-12-24, reason = \"...\" } ]".into()),
                );
                continue;
            };
            let mut seen: BTreeMap<Date, Range<usize>> = BTreeMap::new();
            for item in items.iter() {
                if let Some((date, span, reason)) = self.closure(item) {
                    if let Some(first) = seen.get(&date) {
                        let d = Diagnostic::error(
                            INVALID_CONFIG.name,
                            format!("the closure on {date} is listed twice"),
                            Label::new(self.file, span, "listed again here"),
                        )
                        .with_label(Label::new(self.file, first.clone(), "first listed here"))
                        .with_help("keep one entry per day");
                        self.out.push(d);
                        continue;
                    }
                    seen.insert(date, span);
                    self.config.closures.push((date, reason));
                }
            }
        }
    }

    /// One `[[agencies]]` entry: `name` and `source` are required; the facts it gives are
    /// checked, the others left unknown.
    fn agency(&mut self, item: &Spanned<DeValue<'_>>) -> Option<AgencyFacts> {
        let DeValue::Table(entry) = item.get_ref() else {
            self.error(
                "an agency must be a table",
                item.span(),
                &format!("expected a table, found {}", item.get_ref().type_str()),
                Some("write [[agencies]] with name = \"...\" and source = \"...\"".into()),
            );
            return None;
        };
        let mut facts = AgencyFacts {
            name: String::new(),
            abbreviation: String::new(),
            privacy_part: None,
            billing_prefixes: Vec::new(),
            docket_prefix: None,
            sources: String::new(),
        };
        let (mut title, mut part) = (None, None);
        let mut ok = true;
        for (key, value) in entry {
            let name = key.get_ref().as_ref();
            let text = |v: &DeValue<'_>| match v {
                DeValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                _ => None,
            };
            let parsed = match (name, value.get_ref()) {
                ("name", v) => text(v).map(|t| facts.name = t),
                ("abbreviation", v) => text(v).map(|t| facts.abbreviation = t),
                ("cfr_part", v) => text(v).map(|t| part = Some(t)),
                ("docket_prefix", v) => text(v).map(|t| facts.docket_prefix = Some(t)),
                ("source", v) => text(v).map(|t| facts.sources = t),
                ("cfr_title", DeValue::Integer(i)) => {
                    i.to_string().parse::<u32>().ok().filter(|t| (1..=50).contains(t)).map(|t| title = Some(t))
                }
                ("billing_prefixes", DeValue::Array(list)) => list
                    .iter()
                    .map(|v| match v.get_ref() {
                        DeValue::String(p) if p.len() == 4 && p.chars().all(|c| c.is_ascii_digit()) => {
                            Some(p.to_string())
                        }
                        _ => None,
                    })
                    .collect::<Option<Vec<String>>>()
                    .map(|prefixes| facts.billing_prefixes = prefixes),
                (other, _) if !AGENCY_KEYS.contains(&other) => {
                    let help = match suggest(other, AGENCY_KEYS.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("an agency has the keys {}", quoted_list(AGENCY_KEYS)),
                    };
                    self.error(format!("unknown key `{other}` in an agency"), key.span(), "unknown key", Some(help));
                    ok = false;
                    continue;
                }
                _ => None,
            };
            if parsed.is_none() {
                let want = match name {
                    "cfr_title" => "a CFR title number, e.g. 6",
                    "billing_prefixes" => "a list of four-digit prefixes, e.g. [\"9110\"]",
                    _ => "a non-empty string",
                };
                self.error(format!("`{name}` of an agency must be {want}"), value.span(), "invalid value", None);
                ok = false;
            }
        }
        let finished = self.finish_agency(facts, (title, part), item.span());
        finished.filter(|_| ok)
    }

    /// Checks what an agency entry must give together: a `name` and a `source`, and the CFR
    /// title with its part.
    fn finish_agency(
        &mut self,
        mut facts: AgencyFacts,
        (title, part): (Option<u32>, Option<String>),
        span: Range<usize>,
    ) -> Option<AgencyFacts> {
        let mut ok = true;
        for (missing, present) in [("name", !facts.name.is_empty()), ("source", !facts.sources.is_empty())] {
            if !present {
                self.error(
                    format!("an agency has no `{missing}`"),
                    span.clone(),
                    &format!("`{missing}` is required here"),
                    Some("every agency names itself and where its facts were read".into()),
                );
                ok = false;
            }
        }
        facts.privacy_part = match (title, part) {
            (Some(t), Some(p)) => Some((t, p)),
            (None, None) => None,
            _ => {
                self.error(
                    "an agency gives `cfr_title` and `cfr_part` together, or neither",
                    span,
                    "one of the two",
                    None,
                );
                ok = false;
                None
            }
        };
        ok.then_some(facts)
    }

    /// One closure: its date, the date's span and the reason.
    fn closure(&mut self, item: &Spanned<DeValue<'_>>) -> Option<(Date, Range<usize>, String)> {
        let DeValue::Table(entry) = item.get_ref() else {
            self.error(
                "a closure must be a table with a `date` and a `reason`",
                item.span(),
                &format!("expected a table, found {}", item.get_ref().type_str()),
                Some("write { date = 2026-12-24, reason = \"...\" }".into()),
            );
            return None;
        };
        let mut date = None;
        let mut reason = None;
        let mut ok = true;
        for (key, value) in entry {
            match key.get_ref().as_ref() {
                "date" => date = Some(value),
                "reason" => reason = Some(value),
                other => {
                    let help = match suggest(other, CLOSURE_KEYS.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("a closure has the keys {}", quoted_list(CLOSURE_KEYS)),
                    };
                    self.error(format!("unknown key `{other}` in a closure"), key.span(), "unknown key", Some(help));
                    ok = false;
                }
            }
        }
        let date = match date {
            Some(value) => self.date(value),
            None => {
                self.error(
                    "a closure has no `date`",
                    item.span(),
                    "`date` is required here",
                    Some("add date = 2026-12-24 (a TOML date, without quotes)".into()),
                );
                None
            }
        };
        let reason = match reason.map(|r| (r.span(), r.get_ref())) {
            Some((_, DeValue::String(text))) if !text.trim().is_empty() => Some(text.to_string()),
            Some((span, DeValue::String(_))) => {
                self.error(
                    "the reason for a closure is empty",
                    span,
                    "empty reason",
                    Some("say why executive departments are closed, e.g. \"Day of Mourning (E.O. 14133)\"".into()),
                );
                None
            }
            Some((span, other)) => {
                self.error(
                    "the reason for a closure must be a string",
                    span,
                    &format!("expected a string, found {}", other.type_str()),
                    Some("write reason = \"...\", with quotes".into()),
                );
                None
            }
            None => {
                self.error(
                    "a closure has no `reason`",
                    item.span(),
                    "`reason` is required here",
                    Some("add reason = \"...\": it is printed wherever the closure moves a date".into()),
                );
                None
            }
        };
        let (date, span) = date?;
        Some((date, span, reason?)).filter(|_| ok)
    }

    fn date(&mut self, value: &Spanned<DeValue<'_>>) -> Option<(Date, Range<usize>)> {
        let span = value.span();
        let found = match value.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time, dt.offset) {
                (Some(d), None, None) => match Date::new(d.year as i16, d.month as i8, d.day as i8) {
                    Ok(date) => return Some((date, span)),
                    Err(e) => {
                        self.error(format!("{d} is not a date sorn can use: {e}"), span, "invalid date", None);
                        return None;
                    }
                },
                (Some(d), _, _) => {
                    self.error(
                        "a closure is a whole day: write the date alone",
                        span,
                        "a date and time",
                        Some(format!("write date = {d}")),
                    );
                    return None;
                }
                (None, _, _) => "a time",
            },
            DeValue::String(text) if Date::strptime("%Y-%m-%d", text.as_ref()).is_ok() => {
                self.error(
                    "the date of a closure is a TOML date, written without quotes",
                    span,
                    "a string",
                    Some(format!("write date = {text}")),
                );
                return None;
            }
            other => other.type_str(),
        };
        self.error(
            "the date of a closure must be a TOML date",
            span,
            &format!("expected a date, found {found}"),
            Some("write date = 2026-12-24, without quotes".into()),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::human::{Style, render_human};

    static PARTIAL: RuleMeta = RuleMeta {
        name: "partial-justification",
        category: Category::Exemptions,
        default_level: Level::Error,
        summary: "A justification covers only some of the claimed subsections.",
        explanation: "## What it checks\nTest rule.\n",
        basis: &[],
    };
    static HEADING: RuleMeta = RuleMeta {
        name: "nonstandard-heading",
        category: Category::Structure,
        default_level: Level::Warning,
        summary: "A heading that is not a Federal Register caption.",
        explanation: "## What it checks\nTest rule.\n",
        basis: &[],
    };

    fn rules() -> Vec<&'static RuleMeta> {
        let mut rules = crate::check::all_rules();
        rules.extend([&PARTIAL, &HEADING]);
        rules
    }

    fn parse(text: &str) -> (Config, Vec<Diagnostic>, SourceMap) {
        let mut files = SourceMap::default();
        let (config, diagnostics) = Config::load_text_with_rules("sorn.toml".into(), text.into(), &mut files, &rules());
        (config, diagnostics, files)
    }

    /// The diagnostics as a user sees them.
    fn human(text: &str) -> String {
        let (_, diagnostics, files) = parse(text);
        assert!(!diagnostics.is_empty(), "expected diagnostics for:\n{text}");
        assert!(diagnostics.iter().all(|d| d.rule == "invalid-config" && d.severity == crate::Severity::Error));
        render_human(&diagnostics, &files, Style::Plain)
    }

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn a_valid_configuration_sets_levels_and_closures() {
        let text = "[lints]\npartial-justification = \"warn\"\nnonstandard-heading = \"off\"\n\n[calendar]\nclosures = [\n  { date = 2026-12-24, reason = \"Christmas Eve (E.O. 14xxx)\" },\n  { date = 2026-12-31, reason = \"New Year's Eve\" },\n]\n";
        let (config, diagnostics, _) = parse(text);
        assert_eq!(diagnostics, vec![]);
        assert_eq!(config.path.as_deref(), Some(Path::new("sorn.toml")));
        assert_eq!(config.level(&PARTIAL), Level::Warning);
        assert_eq!(config.level(&HEADING), Level::Allow);
        assert_eq!(
            config.closures,
            vec![
                (date(2026, 12, 24), "Christmas Eve (E.O. 14xxx)".to_string()),
                (date(2026, 12, 31), "New Year's Eve".to_string())
            ]
        );
        let calendar = config.calendar();
        let reason = calendar.non_business_reason(date(2026, 12, 24)).expect("a closure");
        assert_eq!(reason.reason(), "Christmas Eve (E.O. 14xxx)");
        assert!(Calendar::federal().non_business_reason(date(2026, 12, 24)).is_none());
    }

    #[test]
    fn agencies_extend_the_table() {
        let (config, diagnostics, _) = parse(
            "[[agencies]]\nname = \"Environmental Protection Agency\"\nabbreviation = \"EPA\"\ncfr_title = 40\ncfr_part = \"16\"\nbilling_prefixes = [\"6560\"]\ndocket_prefix = \"EPA-\"\nsource = \"40 CFR part 16\"\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let epa = &config.agencies[0];
        assert_eq!((epa.abbreviation.as_str(), epa.privacy_part.clone()), ("EPA", Some((40, "16".to_string()))));
        let settings = config.settings();
        assert!(crate::check::agencies::find(&settings.agencies, "Environmental Protection Agency", None).is_some());
        assert!(crate::check::agencies::find(&settings.agencies, "Department of Justice", None).is_some());
        let text = human("[[agencies]]\nname = \"X\"\ncfr_title = 40\nbilling_prefixes = [\"65\"]\nsorce = \"y\"\n");
        assert!(text.contains("did you mean `source`?"), "{text}");
        assert!(text.contains("`billing_prefixes` of an agency must be a list of four-digit prefixes"), "{text}");
        assert!(text.contains("an agency has no `source`"), "{text}");
        assert!(text.contains("`cfr_title` and `cfr_part` together"), "{text}");
    }

    #[test]
    fn closures_may_be_written_as_an_array_of_tables() {
        let text = "[[calendar.closures]]\ndate = 2026-12-24\nreason = \"Christmas Eve\"\n\n[[calendar.closures]]\ndate = 2026-12-31\nreason = \"New Year's Eve\"\n";
        let (config, diagnostics, _) = parse(text);
        assert_eq!(diagnostics, vec![]);
        assert_eq!(config.closures.iter().map(|c| c.0).collect::<Vec<_>>(), [date(2026, 12, 24), date(2026, 12, 31)]);
    }

    #[test]
    fn every_level_spelling_is_accepted() {
        for (written, level) in [
            ("error", Level::Error),
            ("deny", Level::Error),
            ("warning", Level::Warning),
            ("warn", Level::Warning),
            ("allow", Level::Allow),
            ("off", Level::Allow),
        ] {
            let (config, diagnostics, _) = parse(&format!("[lints]\nnonstandard-heading = \"{written}\"\n"));
            assert_eq!(diagnostics, vec![], "{written}");
            assert_eq!(config.level(&HEADING), level, "{written}");
        }
    }

    #[test]
    fn defaults_apply_without_configuration_and_load_rules_keep_theirs() {
        let config = Config::default();
        assert_eq!(config.level(&PARTIAL), Level::Error);
        assert_eq!(config.level(&HEADING), Level::Warning);
        assert_eq!(config.calendar(), Calendar::federal());
        let mut forced = Config::default();
        let load = crate::check::all_rules()[0];
        forced.levels.insert(load.name.to_string(), Level::Allow);
        assert_eq!(forced.level(load), Level::Error);
        let (config, diagnostics, _) = parse("");
        assert_eq!(diagnostics, vec![]);
        assert!(config.levels.is_empty() && config.closures.is_empty());
    }

    #[test]
    fn invalid_entries_are_ignored_and_valid_ones_apply() {
        let (config, diagnostics, _) = parse(
            "[lints]\npartial-justification = \"loud\"\nnonstandard-heading = \"error\"\nsyntax-error = \"allow\"\n",
        );
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(config.levels, BTreeMap::from([("nonstandard-heading".to_string(), Level::Error)]));
    }

    #[test]
    fn the_rule_is_documented_like_the_load_rules() {
        assert_eq!(INVALID_CONFIG.name, "invalid-config");
        assert_eq!(INVALID_CONFIG.category, Category::Load);
        assert_eq!(INVALID_CONFIG.default_level, Level::Error);
        for section in ["## What it checks", "## Why", "## Example", "Use instead:"] {
            assert!(INVALID_CONFIG.explanation.contains(section), "{section}");
        }
        // The example's fixed configuration is itself valid.
        let fixed = INVALID_CONFIG.explanation.rsplit("```toml\n").next().unwrap().split("```").next().unwrap();
        let (_, diagnostics, _) = parse(fixed);
        assert_eq!(diagnostics, vec![]);
        let broken = INVALID_CONFIG.explanation.split("```toml\n").nth(1).unwrap().split("```").next().unwrap();
        assert_eq!(parse(broken).1.len(), 2);
    }

    macro_rules! snapshot_cases {
        ($($name:ident: $text:expr;)*) => {$(
            #[test]
            fn $name() {
                insta::assert_snapshot!(human($text));
            }
        )*};
    }

    snapshot_cases! {
        syntax_errors_are_all_reported: "[lints\npartial-justification = \"error\"\nnonstandard-heading = = \"allow\"\n";
        unknown_table_suggests_the_closest: "[lint]\npartial-justification = \"error\"\n";
        rules_table_points_to_lints: "[rules]\npartial-justification = \"error\"\n";
        unknown_table_lists_the_tables: "[output]\nformat = \"json\"\n";
        unknown_top_level_key: "lints_version = 1\n[lints]\n";
        lints_must_be_a_table: "lints = \"all\"\n";
        unknown_rule_suggests_the_closest: "[lints]\npartial-justificaton = \"error\"\n";
        unknown_rule_without_suggestion: "[lints]\nfederal-register-style = \"error\"\n";
        load_rules_cannot_be_configured: "[lints]\nsyntax-error = \"allow\"\ninvalid-config = \"warning\"\n";
        unknown_level_suggests_the_closest: "[lints]\npartial-justification = \"warnign\"\n";
        unknown_level_lists_the_levels: "[lints]\npartial-justification = \"loud\"\n";
        level_must_be_a_string: "[lints]\npartial-justification = 2\n";
        calendar_must_be_a_table: "calendar = [2026-12-24]\n";
        unknown_calendar_key: "[calendar]\nclosure = [ { date = 2026-12-24, reason = \"Christmas Eve\" } ]\nholidays = []\n";
        closures_must_be_a_list: "[calendar]\nclosures = 2026-12-24\n";
        closure_must_be_a_table: "[calendar]\nclosures = [2026-12-24]\n";
        closure_with_unknown_key: "[calendar]\nclosures = [ { date = 2026-12-24, reson = \"Christmas Eve\", reason = \"Christmas Eve\" } ]\n";
        closure_without_date_or_reason: "[calendar]\nclosures = [ { reason = \"Christmas Eve\" }, { date = 2026-12-24 } ]\n";
        closure_date_in_quotes: "[calendar]\nclosures = [ { date = \"2026-12-24\", reason = \"Christmas Eve\" } ]\n";
        closure_date_with_time: "[calendar]\nclosures = [ { date = 2026-12-24T09:00:00, reason = \"Christmas Eve\" } ]\n";
        closure_date_of_wrong_type: "[calendar]\nclosures = [ { date = 20261224, reason = \"Christmas Eve\" }, { date = 09:00:00, reason = \"Noon\" } ]\n";
        closure_reason_empty_or_not_a_string: "[calendar]\nclosures = [ { date = 2026-12-24, reason = \"  \" }, { date = 2026-12-31, reason = true } ]\n";
        closure_listed_twice: "[calendar]\nclosures = [\n  { date = 2026-12-24, reason = \"Christmas Eve\" },\n  { date = 2026-12-24, reason = \"Christmas Eve again\" },\n]\n";
        impossible_date_is_a_syntax_error: "[calendar]\nclosures = [ { date = 2026-02-30, reason = \"No such day\" } ]\n";
    }

    #[test]
    fn a_duplicate_closure_is_applied_once() {
        let (config, diagnostics, _) = parse(
            "[calendar]\nclosures = [\n  { date = 2026-12-24, reason = \"first\" },\n  { date = 2026-12-24, reason = \"second\" },\n]\n",
        );
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].labels.len(), 2);
        assert_eq!(config.closures, vec![(date(2026, 12, 24), "first".to_string())]);
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn discovery_finds_the_nearest_configuration_up_to_the_repository_root() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("repo");
        let deep = root.join("sorns/dhs/ice");
        std::fs::create_dir_all(&deep).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        // Above the repository root: never found.
        write(&tmp.path().join(CONFIG_FILE), "");
        assert_eq!(Config::discover(None, &deep).unwrap(), None);

        write(&root.join(CONFIG_FILE), "");
        assert_eq!(Config::discover(None, &deep).unwrap(), Some(root.join(CONFIG_FILE)));
        assert_eq!(Config::discover(None, &root).unwrap(), Some(root.join(CONFIG_FILE)));

        write(&root.join("sorns").join(CONFIG_FILE), "");
        assert_eq!(Config::discover(None, &deep).unwrap(), Some(root.join("sorns").join(CONFIG_FILE)));
    }

    #[test]
    fn discovery_stops_at_a_worktree_whose_git_is_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("wt");
        std::fs::create_dir_all(root.join("sorns")).unwrap();
        write(&root.join(".git"), "gitdir: /elsewhere\n");
        write(&tmp.path().join(CONFIG_FILE), "");
        assert_eq!(Config::discover(None, &root.join("sorns")).unwrap(), None);
    }

    #[test]
    fn an_explicit_path_wins_and_must_be_a_file() {
        let tmp = tempfile::tempdir().unwrap();
        write(&tmp.path().join(CONFIG_FILE), "");
        write(&tmp.path().join("ci/strict.toml"), "");
        let found = Config::discover(Some(Path::new("ci/strict.toml")), tmp.path()).unwrap();
        assert_eq!(found, Some(tmp.path().join("ci/strict.toml")));
        let absolute = tmp.path().join("ci/strict.toml");
        assert_eq!(Config::discover(Some(&absolute), Path::new("/")).unwrap(), Some(absolute));

        let missing = Config::discover(Some(Path::new("nope.toml")), tmp.path()).unwrap_err();
        assert!(matches!(missing, SornError::Path { .. }), "{missing:?}");
        let folder = Config::discover(Some(Path::new("ci")), tmp.path()).unwrap_err();
        assert!(matches!(folder, SornError::Usage { .. }), "{folder:?}");
    }

    #[test]
    fn load_reads_the_file_into_the_source_map() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join(CONFIG_FILE);
        write(&path, "[lints]\nunknown-rule-name = \"allow\"\n");
        let mut files = SourceMap::default();
        let (config, diagnostics) = Config::load(&path, &mut files);
        assert_eq!(config.path.as_deref(), Some(path.as_path()));
        assert_eq!(files.len(), 1);
        assert_eq!(diagnostics.len(), 1);
        let label = &diagnostics[0].labels[0];
        assert_eq!(&files.get(label.file).text[label.span.clone()], "unknown-rule-name");
    }

    #[test]
    fn an_unreadable_or_non_utf8_file_is_a_diagnostic() {
        let tmp = tempfile::tempdir().unwrap();
        let mut files = SourceMap::default();
        let (config, diagnostics) = Config::load(&tmp.path().join("missing.toml"), &mut files);
        assert_eq!(config.levels.len(), 0);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.starts_with("cannot read the configuration"), "{}", diagnostics[0].message);

        let path = tmp.path().join(CONFIG_FILE);
        std::fs::write(&path, b"[lints]\n# caf\xe9\n").unwrap();
        let (_, diagnostics) = Config::load(&path, &mut files);
        assert_eq!(diagnostics.len(), 1);
        assert!(diagnostics[0].message.contains("not valid UTF-8"));
        assert_eq!(diagnostics[0].labels[0].span, 13..14);
        assert_eq!(files.len(), 2);
    }

    #[test]
    fn exclude_patterns_are_read_in_order() {
        let (config, diagnostics, _) = parse("exclude = [\"drafts/\", \"*.old.toml\"]\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.exclude, ["drafts/", "*.old.toml"]);
    }

    #[test]
    fn exclude_must_be_a_list_of_valid_patterns() {
        insta::assert_snapshot!(human("exclude = \"drafts/\"\n"));
        insta::assert_snapshot!(human("exclude = [\"ok/\", 3, \"{a,b\"]\n"));
        let (config, _, _) = parse("exclude = [\"ok/\", 3, \"{a,b\"]\n");
        assert_eq!(config.exclude, ["ok/"]);
    }
}
