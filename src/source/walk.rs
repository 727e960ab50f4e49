//! Walking a folder for sources: which files a folder given on the command line contributes.
//!
//! A folder holds more than sources (build outputs, drafts, vendored copies of other projects), so
//! the walk skips what the repository already says is not its own: files ignored by `.gitignore`
//! (inside a git repository or not, as ripgrep does), `.ignore` and `.git/info/exclude`, and the
//! `exclude` patterns of `sorn.toml`. It never follows a symbolic link: a link can point anywhere
//! (`/proc/self/environ`, a file outside the project), and a diagnostic would print its text.
//! A user's global git excludes are not read, so that a walk finds the same sources on every
//! machine. Files named on the command line are not walked and are always read.

use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::error::SornError;

/// Folders that never hold sources.
const SKIPPED_DIRS: &[&str] = &["target", "node_modules", "build"];

/// How deep a walk goes: far deeper than any documentation repository, and a bound on a
/// pathological tree.
const MAX_DEPTH: usize = 64;

/// The `exclude` patterns of `sorn.toml`, matched relative to the folder that holds it.
#[derive(Clone, Debug, Default)]
pub struct Exclude {
    matcher: Option<Gitignore>,
}

impl Exclude {
    /// Nothing excluded (no configuration, or one without `exclude`).
    pub fn none() -> Exclude {
        Exclude::default()
    }

    /// The patterns (in `.gitignore` syntax) of a configuration in folder `root`. A pattern that
    /// is not a valid glob is left out here; the configuration's own diagnostics report it.
    pub fn new(root: &Path, patterns: &[String]) -> Exclude {
        if patterns.is_empty() {
            return Exclude::none();
        }
        let mut builder = GitignoreBuilder::new(super::normalize(root));
        for pattern in patterns {
            let _ = builder.add_line(None, pattern);
        }
        Exclude { matcher: builder.build().ok() }
    }

    /// Whether a pattern is one [`Exclude::new`] can use; `Err` says why not.
    pub fn check_pattern(pattern: &str) -> Result<(), String> {
        let mut builder = GitignoreBuilder::new("/");
        builder.add_line(None, pattern).map(|_| ()).map_err(|e| e.to_string())
    }

    /// Whether the file or folder at `path` is excluded (a folder's exclusion covers what it holds).
    fn excludes(&self, path: &Path, is_dir: bool, cwd: Option<&Path>) -> bool {
        let Some(matcher) = &self.matcher else { return false };
        let path = super::normalize_from(path, cwd);
        if !path.starts_with(matcher.path()) {
            return false;
        }
        matcher.matched_path_or_any_parents(&path, is_dir).is_ignore()
    }
}

/// Every `*.toml` regular file under a folder that is not ignored or excluded, in sorted order
/// (depth first, names compared byte by byte), skipping hidden folders and those that never hold
/// sources. An unreadable folder stops the walk with its path, as a missing one does.
pub fn walk(dir: &Path, exclude: &Exclude) -> Result<Vec<PathBuf>, SornError> {
    let cwd = std::env::current_dir().ok();
    let exclude_for_filter = exclude.clone();
    let walker = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .git_ignore(true)
        .git_exclude(true)
        .ignore(true)
        .parents(true)
        .require_git(false)
        .follow_links(false)
        .max_depth(Some(MAX_DEPTH))
        .sort_by_file_name(|a, b| a.cmp(b))
        .filter_entry(move |entry| {
            if entry.depth() == 0 {
                return true;
            }
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let name = entry.file_name().to_string_lossy();
            if is_dir && (name.starts_with('.') || SKIPPED_DIRS.contains(&name.as_ref())) {
                return false;
            }
            !exclude_for_filter.excludes(entry.path(), is_dir, cwd.as_deref())
        })
        .build();
    let mut found = Vec::new();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => match walk_failure(error) {
                Some(failure) => return Err(failure),
                None => continue,
            },
        };
        // `file_type` is the entry's own type, not its target's: a link is neither a file nor a
        // folder here, and is skipped.
        let is_file = entry.file_type().is_some_and(|t| t.is_file());
        if is_file && entry.file_name().to_string_lossy().ends_with(".toml") {
            found.push(entry.into_path());
        }
    }
    Ok(found)
}

/// What stops a walk: a folder that cannot be read. A malformed line in an ignore file does not:
/// git itself skips such a line.
fn walk_failure(error: ignore::Error) -> Option<SornError> {
    let (path, io) = io_failure(error)?;
    Some(SornError::Path { path, source: io })
}

fn io_failure(error: ignore::Error) -> Option<(PathBuf, std::io::Error)> {
    match error {
        ignore::Error::WithPath { path, err } => match *err {
            ignore::Error::Io(io) => Some((path, io)),
            other => io_failure(other).map(|(_, io)| (path, io)),
        },
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => io_failure(*err),
        ignore::Error::Partial(errors) => errors.into_iter().find_map(io_failure),
        ignore::Error::Io(io) => Some((PathBuf::new(), io)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path, found: &[PathBuf]) -> Vec<String> {
        found.iter().map(|p| p.strip_prefix(dir).unwrap().to_string_lossy().into_owned()).collect()
    }

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "kind = \"sorn\"\n").unwrap();
        }
        dir
    }

    #[test]
    fn the_walk_is_sorted_depth_first_and_skips_hidden_and_output_folders() {
        let dir = tree(&["b.toml", "a/z.toml", "a/b/c.toml", ".hidden/x.toml", "target/t.toml", "notes.md"]);
        let found = walk(dir.path(), &Exclude::none()).unwrap();
        assert_eq!(names(dir.path(), &found), ["a/b/c.toml", "a/z.toml", "b.toml"]);
    }

    #[test]
    fn gitignore_is_honoured_without_a_git_repository() {
        let dir = tree(&["kept.toml", "drafts/old.toml", "scratch.toml", "sub/scratch.toml"]);
        std::fs::write(dir.path().join(".gitignore"), "drafts/\nscratch.toml\n").unwrap();
        let found = walk(dir.path(), &Exclude::none()).unwrap();
        assert_eq!(names(dir.path(), &found), ["kept.toml"]);
    }

    #[test]
    fn a_gitignore_in_a_parent_folder_applies_to_a_walk_below_it() {
        let dir = tree(&["sorns/kept.toml", "sorns/old/x.toml"]);
        std::fs::write(dir.path().join(".gitignore"), "old/\n").unwrap();
        let found = walk(&dir.path().join("sorns"), &Exclude::none()).unwrap();
        assert_eq!(names(dir.path(), &found), ["sorns/kept.toml"]);
    }

    #[test]
    fn exclude_patterns_are_relative_to_the_configuration() {
        let dir = tree(&["sorns/a.toml", "sorns/archive/b.toml", "other/archive/c.toml", "sorns/a.draft.toml"]);
        let exclude = Exclude::new(dir.path(), &["/sorns/archive/".into(), "*.draft.toml".into()]);
        let found = walk(dir.path(), &exclude).unwrap();
        assert_eq!(names(dir.path(), &found), ["other/archive/c.toml", "sorns/a.toml"]);
        // The same patterns, walking from a folder below the configuration.
        let found = walk(&dir.path().join("sorns"), &exclude).unwrap();
        assert_eq!(names(dir.path(), &found), ["sorns/a.toml"]);
    }

    #[test]
    fn a_negated_pattern_takes_a_file_back() {
        let dir = tree(&["a.toml", "b.toml"]);
        let exclude = Exclude::new(dir.path(), &["*.toml".into(), "!b.toml".into()]);
        assert_eq!(names(dir.path(), &walk(dir.path(), &exclude).unwrap()), ["b.toml"]);
    }

    #[test]
    fn links_are_not_followed() {
        let dir = tree(&["real/a.toml"]);
        let outside = tree(&["secret.toml"]);
        std::os::unix::fs::symlink(outside.path(), dir.path().join("linked-folder")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.toml"), dir.path().join("linked.toml")).unwrap();
        let found = walk(dir.path(), &Exclude::none()).unwrap();
        assert_eq!(names(dir.path(), &found), ["real/a.toml"]);
    }

    #[test]
    fn an_invalid_pattern_is_reported_by_check_pattern() {
        assert!(Exclude::check_pattern("drafts/**").is_ok());
        assert!(Exclude::check_pattern("{a,b").is_err());
    }
}
