//! `sorn check --fix`: applies the fixes that are safe and mechanical, edits in place that keep
//! every other byte of the source (comments and layout included), and never writes a file that
//! would load worse than before.
//!
//! A fix replaces one span whose text is known (`Fix::expected`): it is applied only if the
//! file still reads that text there and no other fix of the file overlaps it. The edited text is
//! loaded again before it is written; if it has more load problems than the original, the file is
//! left as it was and the reason is reported.

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostic::{Diagnostic, FileId, Fix, Severity};
use crate::error::SornError;

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

/// The fixes of a check's diagnostics applied to the text of each file (nothing is written).
/// Returns the files changed and the reasons fixes were not applied.
pub fn plan(result: &super::check::CheckResult) -> (Vec<FileFix>, Vec<String>) {
    let mut by_file: BTreeMap<FileId, Vec<&Fix>> = BTreeMap::new();
    for fix in result.diagnostics.iter().filter_map(|d: &Diagnostic| d.fix.as_ref()) {
        by_file.entry(fix.file).or_default().push(fix);
    }
    let mut changed = Vec::new();
    let mut refused = Vec::new();
    for (file, mut fixes) in by_file {
        let source = result.workspace.files.get(file);
        fixes.sort_by_key(|f| (f.span.start, f.span.end));
        fixes.dedup_by(|a, b| a == b);
        let mut after = String::with_capacity(source.text.len());
        let mut at = 0;
        let mut applied = 0;
        for fix in fixes {
            let reads = source.text.get(fix.span.clone()) == Some(fix.expected.as_str());
            if fix.span.start < at || !reads {
                continue;
            }
            after.push_str(&source.text[at..fix.span.start]);
            after.push_str(&fix.replacement);
            at = fix.span.end;
            applied += 1;
        }
        if applied == 0 {
            continue;
        }
        after.push_str(&source.text[at..]);
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
            applied,
            before: source.text.clone(),
            after,
        });
    }
    (changed, refused)
}

/// Writes the fixed files in place, atomically, never through a link.
pub fn write(fixes: &[FileFix]) -> Result<(), SornError> {
    for fix in fixes {
        crate::source::check_regular(&fix.path)?;
        super::output::write_atomic(&fix.path, fix.after.as_bytes())?;
    }
    Ok(())
}

/// The changes as a unified diff of the changed lines, one hunk per changed line run.
pub fn diff(fixes: &[FileFix]) -> String {
    let mut out = String::new();
    for fix in fixes {
        out.push_str(&format!("--- {}\n+++ {} (fixed)\n", fix.name, fix.name));
        let before: Vec<&str> = fix.before.lines().collect();
        let after: Vec<&str> = fix.after.lines().collect();
        // A fix replaces text within a line and never adds or removes one, so the lines
        // correspond one to one.
        for (i, (b, a)) in before.iter().zip(&after).enumerate() {
            if b != a {
                out.push_str(&format!("@@ -{0} +{0} @@\n-{b}\n+{a}\n", i + 1));
            }
        }
    }
    out
}
