//! The folder that machine-readable reports name files from: the repository root.
//!
//! GitHub resolves an annotation's `file` and a SARIF location's `uri` against the root of the
//! repository it checked out, whatever folder the job ran `sorn check` in. So `--format github`
//! and `--format sarif` name files relative to the top level of the git work tree that holds the
//! working directory (the nearest folder, from the working directory up, with a `.git` entry: a
//! folder in a clone, a file in a worktree or submodule). Outside a git work tree they name files
//! relative to the working directory, as the human report does. A file outside the root keeps
//! its absolute path.
//!
//! The root is found by looking for `.git`, not by running git: sorn needs no git installed.

use std::path::{Component, Path, PathBuf};

/// The repository root and the working directory, both absolute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRoot {
    root: PathBuf,
    working_directory: PathBuf,
}

impl ReportRoot {
    /// The root for a run in `working_directory` (absolute): the git top level above it, or itself.
    pub fn discover(working_directory: &Path) -> Self {
        let working_directory = normalize(working_directory);
        let root = working_directory
            .ancestors()
            .find(|dir| dir.join(".git").exists())
            .unwrap_or(&working_directory)
            .to_path_buf();
        ReportRoot { root, working_directory }
    }

    /// The root for a run in the process's working directory.
    pub fn current() -> Self {
        match std::env::current_dir() {
            Ok(cwd) => Self::discover(&cwd),
            Err(_) => Self::fixed(Path::new("."), Path::new(".")),
        }
    }

    /// A root given outright (tests, and a working directory that cannot be read: then paths are
    /// reported as they are).
    pub fn fixed(root: &Path, working_directory: &Path) -> Self {
        ReportRoot { root: normalize(root), working_directory: normalize(working_directory) }
    }

    /// The repository root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The working directory.
    pub fn working_directory(&self) -> &Path {
        &self.working_directory
    }

    /// A file's reported name (relative to the working directory, or absolute) made relative to
    /// the root, `/`-separated; absolute when the file lies outside the root. A name that is not
    /// a path (`<stdin>`, a source read from standard input) is kept as it is.
    pub fn path(&self, name: &str) -> String {
        let name = name.replace('\\', "/");
        if !self.root.is_absolute() || (name.starts_with('<') && name.ends_with('>')) {
            return name;
        }
        let absolute = normalize(&self.working_directory.join(&name));
        match absolute.strip_prefix(&self.root) {
            Ok(relative) => slashes(relative),
            Err(_) => slashes(&absolute),
        }
    }
}

/// `a/./b/../c` as `a/c`, without touching the file system (a symbolic link is not resolved; a
/// `..` above the start is dropped).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn slashes(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// A folder as a `file://` URI ending in `/`, as SARIF's `originalUriBaseIds` and
/// `workingDirectory` want; characters outside the unreserved set are percent-encoded.
pub fn folder_uri(dir: &Path) -> String {
    let mut path = slashes(dir);
    if !path.ends_with('/') {
        path.push('/');
    }
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let mut uri = String::from("file://");
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@:".contains(&byte) {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_root_is_the_nearest_folder_holding_dot_git() {
        let repo = tempfile::tempdir().unwrap();
        let sub = repo.path().join("notices/dhs");
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::create_dir(repo.path().join(".git")).unwrap();
        let root = ReportRoot::discover(&sub);
        assert_eq!(root.root(), normalize(repo.path()));
        assert_eq!(root.path("ice-015.toml"), "notices/dhs/ice-015.toml");
        assert_eq!(root.path("../doj/crt.toml"), "notices/doj/crt.toml");
        assert_eq!(root.path("./a/../b.toml"), "notices/dhs/b.toml");
    }

    #[test]
    fn a_dot_git_file_marks_a_worktree_root() {
        let repo = tempfile::tempdir().unwrap();
        std::fs::write(repo.path().join(".git"), "gitdir: /elsewhere\n").unwrap();
        std::fs::create_dir(repo.path().join("sorns")).unwrap();
        assert_eq!(ReportRoot::discover(&repo.path().join("sorns")).path("a.toml"), "sorns/a.toml");
    }

    #[test]
    fn files_outside_the_root_keep_their_absolute_path() {
        let root = ReportRoot::fixed(Path::new("/srv/repo"), Path::new("/srv/repo/sorns"));
        assert_eq!(root.path("/etc/sorn/a.toml"), "/etc/sorn/a.toml");
        assert_eq!(root.path("../../other/a.toml"), "/srv/other/a.toml");
        assert_eq!(root.path("/srv/repo/x.toml"), "x.toml");
        assert_eq!(root.path("<stdin>"), "<stdin>", "standard input is no file of the repository");
    }

    #[test]
    fn without_a_root_above_names_are_kept() {
        let root = ReportRoot::fixed(Path::new("/srv/docs"), Path::new("/srv/docs"));
        assert_eq!(root.path("sorns/a.toml"), "sorns/a.toml");
        assert_eq!(root.path("../x.toml"), "/srv/x.toml");
        let unreadable = ReportRoot::fixed(Path::new("."), Path::new("."));
        assert_eq!(unreadable.path("sorns/a.toml"), "sorns/a.toml");
        assert_eq!(unreadable.path("../a.toml"), "../a.toml");
    }

    #[test]
    fn folder_uris_end_in_a_slash_and_are_encoded() {
        assert_eq!(folder_uri(Path::new("/srv/my repo")), "file:///srv/my%20repo/");
        assert_eq!(folder_uri(Path::new("/")), "file:///");
        assert_eq!(folder_uri(Path::new("C:/work")), "file:///C:/work/");
    }
}
