//! Suppression comments: `# sorn: allow(rule-name) reason` allows one lint rule on one value.
//!
//! As linters do (ruff's `noqa`, clippy's `allow`), a reviewer who decides a finding is not a
//! defect says so in the source, next to the value, with the reason, instead of turning the rule
//! off for the whole project. A comment at the end of a line allows the rule on the value that
//! line belongs to; a comment on a line of its own allows it on the value that follows. A value
//! runs from the line of its key to the line before the next key or table header, so a finding
//! anywhere in a multi-line text is covered. Load problems cannot be allowed (a source that does
//! not load cannot be checked). A suppression that allows nothing, names no rule sorn has, or
//! gives no reason is itself reported (`suppression-comment`), so suppressions do not outlive
//! the findings they were written for.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::meta::Category;
use crate::diagnostic::{Diagnostic, FileId, Label, Severity, SourceMap};

crate::declare_rule! {
    /// ## What it checks
    /// Each `# sorn: allow(rule-name) reason` comment: that it names a lint rule sorn has, gives
    /// its reason, and allows a finding that the rule reports on its value.
    ///
    /// ## Why
    /// A suppression records a reviewer's decision about one finding. One without a reason does
    /// not tell the next reviewer why; one that allows nothing (the text was fixed, the rule's
    /// name was misspelt) would silently allow the next real finding there.
    ///
    /// ## Example
    /// ```toml
    /// # sorn: allow(name-variant)
    /// summary = "..."
    /// ```
    /// Use instead: `# sorn: allow(name-variant) the published notice spells it so`.
    pub const META = ("suppression-comment", Structure, Warning, "A `# sorn: allow(...)` comment that allows nothing, names no rule, or gives no reason.");
    basis = [
        (Convention, "sorn's suppression comments", "a suppression states which rule it allows on which value, and why"),
    ];
}

/// "# sorn: allow(rule-a, rule-b) reason".
static SUPPRESSION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^#\s*sorn:\s*allow\(([^)]*)\)\s*(.*)$").expect("valid pattern"));
/// A line that starts a key/value pair or a table header.
static ITEM_START: LazyLock<Regex> = LazyLock::new(|| {
    let key = r#"(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"#;
    Regex::new(&format!(r"^\s*(?:\[|{key}(?:\s*\.\s*{key})*\s*=)")).expect("valid pattern")
});

/// One suppression comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suppression {
    /// The comment's byte range.
    pub span: Range<usize>,
    /// The rule names it allows, as written.
    pub rules: Vec<String>,
    /// Its reason ("" when it gives none).
    pub reason: String,
    /// The lines (0-based, end exclusive) of the value it allows them on.
    pub lines: Range<usize>,
}

/// What a line of TOML is, for finding comments and values: outside multi-line strings only.
struct Line {
    /// Whether a key/value pair or a table header starts on it.
    starts_item: bool,
    /// A comment on it: its byte range and whether code precedes it.
    comment: Option<(Range<usize>, bool)>,
}

/// Reads the lines of a TOML text in one pass, tracking multi-line strings so that neither a `#`
/// nor a key inside one is taken for a comment or a value.
fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    // Every delimiter is ASCII, so the scan walks bytes: an index may stop inside a multi-byte
    // character, and only byte slices are taken there.
    let mut open: Option<&[u8]> = None;
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        let starts_item = open.is_none() && ITEM_START.is_match(line);
        let mut comment = None;
        let bytes = line.as_bytes();
        let mut i = 0;
        let mut single: Option<u8> = None;
        while i < bytes.len() {
            if let Some(delimiter) = open {
                match bytes[i..].windows(3).position(|w| w == delimiter) {
                    Some(k) if delimiter == b"\"\"\"" && k > 0 && bytes[i + k - 1] == b'\\' => i += k + 1,
                    Some(k) => {
                        i += k + 3;
                        open = None;
                    }
                    None => break,
                }
                continue;
            }
            let b = bytes[i];
            match single {
                Some(q) if b == b'\\' && q == b'"' => i += 2,
                Some(q) if b == q => {
                    single = None;
                    i += 1;
                }
                Some(_) => i += 1,
                None if bytes[i..].starts_with(b"\"\"\"") => {
                    open = Some(b"\"\"\"");
                    i += 3;
                }
                None if bytes[i..].starts_with(b"'''") => {
                    open = Some(b"'''");
                    i += 3;
                }
                None if b == b'"' || b == b'\'' => {
                    single = Some(b);
                    i += 1;
                }
                None if b == b'#' => {
                    // `#` is ASCII: `i` is a character boundary here.
                    let code_before = !line[..i].trim().is_empty();
                    comment = Some((start + i..start + line.len(), code_before));
                    break;
                }
                None => i += 1,
            }
        }
        out.push(Line { starts_item, comment });
        start += raw.len();
    }
    out
}

/// Every suppression comment of a file, with the lines of the value each allows its rules on.
pub fn find(text: &str) -> Vec<Suppression> {
    let lines = lines(text);
    // The line where the item holding each line starts, and the line where the next item starts.
    let mut next_item = vec![lines.len(); lines.len() + 1];
    for i in (0..lines.len()).rev() {
        next_item[i] = if lines[i].starts_item { i } else { next_item[i + 1] };
    }
    let mut item_of = vec![0; lines.len()];
    let mut current = 0;
    for (i, line) in lines.iter().enumerate() {
        if line.starts_item {
            current = i;
        }
        item_of[i] = current;
    }
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some((span, trailing)) = &line.comment else { continue };
        let Some(c) = SUPPRESSION.captures(text[span.clone()].trim_end()) else { continue };
        let rules = c[1].split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
        let reason = c[2].trim().to_string();
        let first = if *trailing { item_of[i] } else { next_item[i + 1] };
        let end = if first < lines.len() { next_item[first + 1].max(first + 1) } else { first };
        out.push(Suppression { span: span.clone(), rules, reason, lines: first..end });
    }
    out
}

/// Removes the lint findings that a suppression allows and adds a `suppression-comment` finding
/// (at `level`, if it is not `allow`) for each suppression that allows nothing, names no lint
/// rule or gives no reason.
pub fn apply(files: &SourceMap, diagnostics: Vec<Diagnostic>, level: Option<Severity>) -> Vec<Diagnostic> {
    let mut by_line: HashMap<(FileId, usize), Vec<usize>> = HashMap::new();
    let mut all: Vec<(FileId, Suppression, bool)> = Vec::new();
    for (file, source) in files.iter() {
        if !source.text.contains("sorn:") {
            continue;
        }
        for s in find(&source.text) {
            for line in s.lines.clone() {
                by_line.entry((file, line)).or_default().push(all.len());
            }
            all.push((file, s, false));
        }
    }
    if all.is_empty() {
        return diagnostics;
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    for d in diagnostics {
        let lint = super::find_rule(d.rule).is_some_and(|m| m.category != Category::Load);
        let place = d.primary().map(|l| (l.file, files.get(l.file).line_col(l.span.start).0.saturating_sub(1)));
        let allowing = place
            .filter(|_| lint)
            .and_then(|key| by_line.get(&key))
            .and_then(|candidates| candidates.iter().copied().find(|&i| all[i].1.rules.iter().any(|r| r == d.rule)));
        match allowing {
            Some(i) => all[i].2 = true,
            None => kept.push(d),
        }
    }
    let Some(severity) = level else { return kept };
    for (file, s, used) in &all {
        if let Some(d) = problem(*file, s, *used, severity) {
            kept.push(d);
        }
    }
    kept
}

/// What is wrong with a suppression, if anything.
fn problem(file: FileId, s: &Suppression, used: bool, severity: Severity) -> Option<Diagnostic> {
    let label = |text: &str| Label::new(file, s.span.clone(), text.to_string());
    let unknown: Vec<&String> =
        s.rules.iter().filter(|r| super::find_rule(r).is_none_or(|m| m.category == Category::Load)).collect();
    let (message, label, help) = if s.rules.is_empty() {
        (
            "the suppression names no rule".to_string(),
            label("no rule"),
            "write the rule's name: `# sorn: allow(rule-name) reason`".to_string(),
        )
    } else if let Some(name) = unknown.first() {
        let help = match super::all_rules()
            .iter()
            .filter(|m| m.category != Category::Load)
            .map(|m| (strsim::jaro_winkler(m.name, name), m.name))
            .max_by(|a, b| a.0.total_cmp(&b.0))
        {
            Some((score, best)) if score > 0.8 => format!("did you mean `{best}`?"),
            _ => "`sorn explain --list` lists the lint rules; load problems cannot be allowed".to_string(),
        };
        (format!("the suppression names `{name}`, which is not a lint rule"), label("unknown rule"), help)
    } else if !used {
        (
            format!("the suppression allows {}, but no such finding is on its value", s.rules.join(", ")),
            label("allows nothing"),
            "remove the comment: the finding it was written for is gone".to_string(),
        )
    } else if s.reason.is_empty() {
        (
            "the suppression gives no reason".to_string(),
            label("no reason"),
            "say why after the parenthesis: `# sorn: allow(rule-name) the published text reads so`".to_string(),
        )
    } else {
        return None;
    };
    Some(Diagnostic::new(META.name, severity, message, label).with_help(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trailing_comment_allows_on_its_value_and_a_comment_above_on_the_next() {
        let text = "[system]\nname = \"X\" # sorn: allow(name-variant) printed so\n# sorn: allow(todo, stated-count) later\nretention = \"\"\"\nline # not a comment\nsorn: allow(x)\n\"\"\"\nhistory = \"h\"\n";
        let found = find(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].rules, ["name-variant"]);
        assert_eq!(found[0].reason, "printed so");
        assert_eq!(found[0].lines, 1..3, "its line, through the comment line before the next key");
        assert_eq!(found[1].rules, ["todo", "stated-count"]);
        assert_eq!(found[1].lines, 3..7, "the multi-line value, through its closing quotes");
    }

    #[test]
    fn characters_of_several_bytes_anywhere_never_break_the_scan() {
        let texts = [
            "record_acces\u{20ac}s = \"x\"\n",
            "dated \u{2028} = 2026-03-02",
            "a = \"\u{feff}\" # sorn: allow(todo) \u{20ac}\n",
            "a = \"\"\"\u{20ac}\n\u{20ac}\"\"\" # sorn: allow(todo) r\n",
            "\u{fffd}QQQ\u{20ac}QQQ",
        ];
        for text in texts {
            let _ = find(&text.replace("QQQ", "\'\'\'"));
        }
        assert_eq!(find("a = \"\u{20ac}\" # sorn: allow(todo) \u{20ac}\n")[0].reason, "\u{20ac}");
    }

    #[test]
    fn a_hash_inside_a_string_is_not_a_comment() {
        assert!(find("a = \"# sorn: allow(todo) no\"\nb = '# sorn: allow(todo)'\n").is_empty());
        assert_eq!(find("a = \"x\\\"#\" # sorn: allow(todo) r\n").len(), 1);
    }
}
