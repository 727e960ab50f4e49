//! `sorn check --fix`: applies the fixes that are safe and mechanical, edits in place that keep
//! every other byte of the source (comments and layout included), and never writes a file that
//! would load worse than before.
//!
//! A fix is a set of edits of one file, each replacing a span whose text is known
//! ([`crate::diagnostic::Edit::expected`]): it is applied only if the file still reads that
//! text at every span. Fixes of one file that do not overlap are applied together; one that
//! overlaps a fix already taken waits for the next round, in which the edited texts are checked
//! again (in memory) and the findings, with their fixes, computed afresh. Rounds stop when
//! nothing is left to apply, or after [`MAX_ROUNDS`]. Each edited text is loaded again before
//! it is written; if it has more load problems than the original, the file is left as it was
//! and the reason is reported.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::check::{CheckOptions, CheckResult};
use crate::diagnostic::{FileId, Fix, Severity};
use crate::error::SornError;

/// At most this many rounds of fixes: each round applies every fix that overlaps no other, so
/// a few rounds settle any source (a fix makes no new finding of its own rule).
pub const MAX_ROUNDS: usize = 4;

/// What `--fix` did, or with `--dry-run` would do, to one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFix {
    /// The file.
    pub path: PathBuf,
    /// Its path as reported.
    pub name: String,
    /// How many fixes were applied.
    pub applied: usize,
    /// The text before and after.
    pub before: String,
    /// The text after the fixes.
    pub after: String,
}

/// One round's fixes applied to one text: the text after, how many fixes were applied, and
/// whether a fix was held back because it overlapped another.
fn apply_round(text: &str, mut fixes: Vec<&Fix>) -> (String, usize, bool) {
    fixes.sort_by_key(|f| (f.extent().start, f.extent().end));
    fixes.dedup_by(|a, b| a == b);
    let mut after = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    let mut held = false;
    for fix in fixes {
        if !fix.applies_to(text) {
            continue;
        }
        if fix.extent().start < at {
            held = true;
            continue;
        }
        for edit in &fix.edits {
            after.push_str(&text[at..edit.span.start]);
            after.push_str(&edit.replacement);
            at = edit.span.end;
        }
        applied += 1;
    }
    after.push_str(&text[at..]);
    (after, applied, held)
}

/// Files whose bytes were not read as written (not UTF-8, too large): never edited.
fn unreadable(result: &CheckResult) -> Vec<FileId> {
    let rule = crate::source::rules::UNREADABLE;
    result.diagnostics.iter().filter(|d| d.rule == rule).filter_map(|d| d.primary().map(|l| l.file)).collect()
}

/// The fixes of a check's diagnostics applied, in rounds, to the text of each file (nothing is
/// written). Returns the files changed and the reasons fixes were not applied.
pub fn plan(options: &CheckOptions, first: &CheckResult) -> Result<(Vec<FileFix>, Vec<String>), SornError> {
    let skipped = unreadable(first);
    let mut texts: BTreeMap<FileId, String> = BTreeMap::new();
    let mut counts: BTreeMap<FileId, usize> = BTreeMap::new();
    let mut later: Option<CheckResult> = None;
    for _ in 0..MAX_ROUNDS {
        let result = later.as_ref().unwrap_or(first);
        let mut by_file: BTreeMap<FileId, Vec<&Fix>> = BTreeMap::new();
        for fix in result.diagnostics.iter().filter_map(|d| d.fix.as_ref()) {
            if fix.file.0 < first.source_files && !skipped.contains(&fix.file) {
                by_file.entry(fix.file).or_default().push(fix);
            }
        }
        let mut any_held = false;
        let mut any_applied = false;
        for (file, fixes) in by_file {
            let text = texts.get(&file).map_or(result.workspace.files.get(file).text.as_str(), String::as_str);
            let (after, applied, held) = apply_round(text, fixes);
            any_held |= held;
            if applied > 0 {
                any_applied = true;
                *counts.entry(file).or_default() += applied;
                texts.insert(file, after);
            }
        }
        if !any_applied || !any_held {
            break;
        }
        later = Some(super::check::rerun(options, first, &texts)?);
    }
    Ok(settle(first, texts, &counts))
}

/// The edited texts that load no worse than the originals, and the reasons the others are not.
fn settle(
    first: &CheckResult,
    texts: BTreeMap<FileId, String>,
    counts: &BTreeMap<FileId, usize>,
) -> (Vec<FileFix>, Vec<String>) {
    let mut changed = Vec::new();
    let mut refused = Vec::new();
    for (file, after) in texts {
        let source = first.workspace.files.get(file);
        if after == source.text {
            continue;
        }
        let errors = |text: &str| {
            crate::source::load_str(&source.name, text)
                .diagnostics
                .iter()
                .filter(|d| d.severity == Severity::Error)
                .count()
        };
        if errors(&after) > errors(&source.text) {
            refused.push(format!("{}: the fixes would make the source fail to load; nothing changed", source.name));
            continue;
        }
        changed.push(FileFix {
            path: source.path.clone(),
            name: source.name.clone(),
            applied: counts.get(&file).copied().unwrap_or(0),
            before: source.text.clone(),
            after,
        });
    }
    (changed, refused)
}

/// Refuses `--fix` (without `--dry-run`) for a source read from standard input: there is no
/// file to write, and a fix that is not written must not be reported as applied.
pub fn writable(paths: &[PathBuf]) -> Result<(), SornError> {
    if paths.iter().any(|p| p.as_os_str() == "-") {
        return Err(SornError::Usage {
            message: "--fix cannot write a source read from standard input".into(),
            help: Some("`sorn check - --fix --dry-run` prints the fixes as a diff".into()),
        });
    }
    Ok(())
}

/// Writes the fixed files in place, atomically, never through a link.
pub fn write(fixes: &[FileFix]) -> Result<(), SornError> {
    for fix in fixes {
        crate::source::check_regular(&fix.path)?;
        super::output::write_atomic(&fix.path, fix.after.as_bytes())?;
    }
    Ok(())
}

/// The changes as a unified diff, three lines of context around each change, as `diff -u` and
/// `patch` read it.
pub fn diff(fixes: &[FileFix]) -> String {
    let mut out = String::new();
    for fix in fixes {
        let fixed = format!("{} (fixed)", fix.name);
        let text = similar::TextDiff::from_lines(&fix.before, &fix.after);
        out.push_str(&text.unified_diff().context_radius(3).header(&fix.name, &fixed).to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Edit;

    fn fix(start: usize, end: usize, expected: &str, replacement: &str) -> Fix {
        let edit = Edit { span: start..end, expected: expected.into(), replacement: replacement.into() };
        Fix { file: FileId(0), edits: vec![edit], description: String::new() }
    }

    #[test]
    fn fixes_apply_together_unless_they_overlap_or_the_text_moved() {
        let text = "aa bb cc dd";
        let (after, applied, held) =
            apply_round(text, vec![&fix(6, 8, "cc", "CC"), &fix(0, 2, "aa", "AA"), &fix(1, 5, "a b", "x")]);
        assert_eq!((after.as_str(), applied, held), ("AA bb CC dd", 2, false), "a stale fix is dropped");
        let (after, applied, held) = apply_round(text, vec![&fix(0, 5, "aa bb", "Z"), &fix(3, 5, "bb", "BB")]);
        assert_eq!((after.as_str(), applied, held), ("Z cc dd", 1, true), "an overlapping fix waits");
        let same = fix(9, 11, "dd", "DD");
        let (after, applied, _) = apply_round(text, vec![&same, &same.clone()]);
        assert_eq!((after.as_str(), applied), ("aa bb cc DD", 1), "a fix found twice is applied once");
    }

    #[test]
    fn a_fix_of_several_edits_applies_whole_or_not_at_all() {
        let text = "one two three";
        let mut both = fix(0, 3, "one", "1");
        both.edits.push(Edit { span: 8..13, expected: "three".into(), replacement: "3".into() });
        assert_eq!(apply_round(text, vec![&both]).0, "1 two 3");
        both.edits[1].expected = "thre".into();
        assert_eq!(apply_round(text, vec![&both]), (text.to_string(), 0, false));
    }

    #[test]
    fn the_diff_is_unified_with_context() {
        let change = FileFix {
            path: "a.toml".into(),
            name: "a.toml".into(),
            applied: 1,
            before: "1\n2\n3\n4\n5\n6\n7\n8\n".into(),
            after: "1\n2\n3\n4\nfive\n6\n7\n8\n".into(),
        };
        assert_eq!(
            diff(&[change]),
            "--- a.toml\n+++ a.toml (fixed)\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
    }
}
