//! A system's history beyond the sources being checked: the predecessors a revision names in
//! `[revises] source`, loaded so that the rules comparing versions have them, but not checked.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, FileId, Label, Severity};
use crate::model::Document;
use crate::source::{self, Workspace, normalize_from};

/// The name of the load rule for a predecessor that cannot be read.
pub const MISSING_PREDECESSOR: &str = "missing-predecessor";

/// How many predecessors one run loads at most: a system's history is a few notices, and a
/// bound keeps a chain of generated sources from reading a whole disk.
pub const MAX_PREDECESSORS: usize = 256;

/// What loading the predecessors added to a workspace.
#[derive(Debug, Default)]
pub struct Predecessors {
    /// The files loaded only for context: their own findings are not reported.
    pub context_files: HashSet<FileId>,
    /// One diagnostic per predecessor that could not be loaded, at the `source` value naming it.
    pub diagnostics: Vec<Diagnostic>,
}

impl Predecessors {
    /// Whether a diagnostic is about a file loaded only for context (its primary label is there).
    pub fn is_context(&self, diagnostic: &Diagnostic) -> bool {
        diagnostic.labels.first().is_some_and(|l| self.context_files.contains(&l.file))
    }
}

/// Loads the predecessor of every SORN in the workspace that names one not already loaded, and
/// the predecessors of those, breadth first, at most [`MAX_PREDECESSORS`] of them. Each path is
/// read once (a `[revises]` cycle ends there); only regular files inside `root` are read, never
/// through a symbolic link, as [`source::check_regular`] guards the sources named on the command
/// line; a source outside `root` has its own folder as its project. A predecessor that is missing, outside the project, unreadable or does not load is
/// reported once, at the `source` value; its own load diagnostics are not.
pub fn load_predecessors(ws: &mut Workspace, root: &Path) -> Predecessors {
    let cwd = std::env::current_dir().ok();
    let root = normalize_from(root, cwd.as_deref());
    let mut known: HashSet<PathBuf> =
        (0..ws.files.len()).map(|i| normalize_from(&ws.files.get(FileId(i)).path, cwd.as_deref())).collect();
    let mut out = Predecessors::default();
    let mut next = 0;
    while next < ws.documents.len() {
        let doc = &ws.documents[next];
        next += 1;
        let Document::Sorn(sorn) = &doc.document else { continue };
        let Some(link) = sorn.revises.as_ref().and_then(|r| r.source.as_ref()) else { continue };
        let (file, named, span) = (doc.file, link.value.trim().to_string(), link.span.clone());
        let from = normalize_from(&ws.files.get(file).path, cwd.as_deref());
        let folder = from.parent().unwrap_or(Path::new("."));
        let path = normalize_from(&folder.join(&named), cwd.as_deref());
        let root = project_of(&from, &root);
        if !known.insert(path.clone()) {
            continue;
        }
        let label = Label::new(file, span, "the predecessor named here");
        let problem = if out.context_files.len() >= MAX_PREDECESSORS {
            Some(format!("sorn loads at most {MAX_PREDECESSORS} predecessors in one run"))
        } else {
            load_one(ws, &path, root, &mut out)
        };
        if let Some(problem) = problem {
            out.diagnostics.push(
                Diagnostic::error(MISSING_PREDECESSOR, format!("the predecessor {named} {problem}"), label)
                    .with_help("name the predecessor's source relative to this file, or check it: `sorn check PATH`"),
            );
        }
    }
    out
}

/// The project a revision's predecessor must lie in: `root` (the folder of `sorn.toml`, or the
/// working directory), or, for a source outside it (a file named on the command line from
/// elsewhere), that source's own folder: its predecessor may sit beside it, not above it.
/// Both paths are normalized.
pub fn project_of<'p>(from: &'p Path, root: &'p Path) -> &'p Path {
    if from.starts_with(root) { root } else { from.parent().unwrap_or(Path::new(".")) }
}

/// Why a predecessor at `path` (normalized) may not be read, if it may not: it lies outside
/// `root`, is reached through a symbolic link, or does not exist. sorn never reads a source
/// outside the project, nor echoes one in a diagnostic.
pub fn unreadable_predecessor(path: &Path, root: &Path) -> Option<String> {
    let Ok(inside) = path.strip_prefix(root) else {
        return Some(format!("is outside the project ({}); sorn reads no source there", root.display()));
    };
    // Every folder between the project and the file is a folder, not a link out of it.
    let mut at = root.to_path_buf();
    for part in inside.parent().into_iter().flat_map(Path::components) {
        at.push(part);
        if std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(format!("is reached through a symbolic link ({})", at.display()));
        }
    }
    if std::fs::symlink_metadata(path).is_err() {
        return Some("does not exist".to_string());
    }
    None
}

/// Reads and loads one predecessor; what is wrong with it, if anything.
fn load_one(ws: &mut Workspace, path: &Path, root: &Path, out: &mut Predecessors) -> Option<String> {
    if let Some(problem) = unreadable_predecessor(path, root) {
        return Some(problem);
    }
    let bytes = match source::read_regular(path, source::MAX_SOURCE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => return Some(format!("cannot be read: {e}")),
    };
    let before = (ws.diagnostics.len(), ws.documents.len());
    let file = FileId(ws.files.len());
    source::load_into(ws, path.to_path_buf(), bytes);
    out.context_files.insert(file);
    let errors = ws.diagnostics[before.0..].iter().filter(|d| d.severity == Severity::Error).count();
    ws.diagnostics.truncate(before.0);
    let loaded = ws.documents.len() > before.1;
    if errors > 0 {
        // A predecessor with load errors is not compared: the comparison would rest on its gaps.
        ws.documents.truncate(before.1);
    }
    match (loaded, errors) {
        (true, 0) => None,
        (true, n) | (false, n) => Some(format!(
            "does not load ({} error{}): it was not compared",
            n.max(1),
            if n.max(1) == 1 { "" } else { "s" }
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::load_predecessors;
    use crate::source::load_paths;

    const SORN: &str = "kind = \"sorn\"\ntemplate = \"a108\"\naction = \"new\"\n\n[agency]\nname = \"Agency\"\n\n\
                        [system]\nid = \"X/Y-001\"\nname = \"Records\"\n";

    fn revising(source: &str) -> String {
        SORN.replace("action = \"new\"", &format!("action = \"modified\"\n\n[revises]\nsource = \"{source}\""))
    }

    #[test]
    fn the_chain_behind_a_checked_revision_is_loaded_for_context_each_file_once() {
        let dir = tempfile::tempdir().unwrap();
        let files = [("a.toml", SORN.to_string()), ("b.toml", revising("a.toml")), ("c.toml", revising("b.toml"))];
        for (name, text) in &files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let mut ws = load_paths(&[dir.path().join("c.toml")]).unwrap();
        let found = load_predecessors(&mut ws, dir.path());
        assert!(found.diagnostics.is_empty(), "{:?}", found.diagnostics);
        assert_eq!((ws.documents.len(), found.context_files.len()), (3, 2));
        // b.toml is already loaded: the chain from it adds only a.toml.
        let mut ws = load_paths(&[dir.path().join("c.toml"), dir.path().join("b.toml")]).unwrap();
        let found = load_predecessors(&mut ws, dir.path());
        assert_eq!((ws.documents.len(), found.context_files.len()), (3, 1));
    }

    #[test]
    fn a_cycle_is_read_once_and_a_missing_link_reported_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.toml"), revising("b.toml")).unwrap();
        std::fs::write(dir.path().join("b.toml"), revising("a.toml")).unwrap();
        std::fs::write(dir.path().join("c.toml"), revising("gone.toml")).unwrap();
        std::fs::write(dir.path().join("d.toml"), revising("gone.toml")).unwrap();
        let paths: Vec<_> = ["a.toml", "c.toml", "d.toml"].iter().map(|n| dir.path().join(n)).collect();
        let mut ws = load_paths(&paths).unwrap();
        let found = load_predecessors(&mut ws, dir.path());
        assert_eq!(ws.documents.len(), 4);
        assert_eq!(found.diagnostics.len(), 1, "{:?}", found.diagnostics);
    }
}
