//! Content one source takes from another: references (`{ from = "..." }`) and library files.
//!
//! A reference stands where a value goes and names a file, and for a library an entry in it:
//!
//! ```toml
//! agency = { from = "../lib/dhs.toml" }
//! [[system.routine_uses]]
//! id = "J"
//! from = "../lib/dhs.toml#breach-own"
//! ```
//!
//! References are resolved on the parsed TOML, before the source is typed, so that everything
//! downstream (validation, lint rules, rendering) sees exactly what it would see had the content
//! been written inline. Each referenced file is read and parsed once per run ([`Libraries`]).
//!
//! Resolved values keep their place: the referenced file's text is appended, in the loading
//! document's coordinates, after the document's own text ([`Extended`]), and every span taken from
//! it is shifted by the offset it was appended at. Rules that read a document's text at a span read
//! the library's words there; [`crate::diagnostic::SourceMap::relocate`] then turns such a span back
//! into the library file's own place, so a diagnostic points at the library entry (and a finding on
//! a library entry that several sources use is reported once).

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use crate::diagnostic::{Diagnostic, FileId, Label};

/// The load rule of references.
pub const RULE: &str = "unresolved-reference";

/// The `kind` of a library file.
pub const LIBRARY_KIND: &str = "library";

/// The kinds of entry a library holds, each under its own table, and the places in a source that
/// take one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    /// `[agency]`: the agency block (one per library).
    Agency,
    /// `[contacts.NAME]`: a FOR FURTHER INFORMATION CONTACT entry.
    Contact,
    /// `[signers.NAME]`: a signature block.
    Signer,
    /// `[routine_uses.NAME]`: a routine use's text.
    RoutineUse,
    /// `[justifications.NAME]`: an exemption rule's reason.
    Justification,
    /// A rule's `system`: the identity of its SORN's system (taken from a SORN only).
    System,
}

impl EntryKind {
    /// Every kind of entry.
    pub const ALL: [EntryKind; 6] = [
        EntryKind::Agency,
        EntryKind::Contact,
        EntryKind::Signer,
        EntryKind::RoutineUse,
        EntryKind::Justification,
        EntryKind::System,
    ];

    /// The kind of entry a key of a source takes (the key holding the reference, or the list it
    /// is an item of).
    pub fn at_key(key: &str) -> Option<EntryKind> {
        Some(match key {
            "agency" => EntryKind::Agency,
            "contacts" => EntryKind::Contact,
            "signature" => EntryKind::Signer,
            "routine_uses" => EntryKind::RoutineUse,
            "justifications" => EntryKind::Justification,
            "system" => EntryKind::System,
            _ => return None,
        })
    }

    /// The table of a library that holds entries of this kind.
    pub fn section(self) -> &'static str {
        match self {
            EntryKind::Agency => "agency",
            EntryKind::Contact => "contacts",
            EntryKind::Signer => "signers",
            EntryKind::RoutineUse => "routine_uses",
            EntryKind::Justification => "justifications",
            EntryKind::System => "system",
        }
    }

    /// The kind of entry a library table holds.
    pub fn of_section(section: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.section() == section && *k != EntryKind::System)
    }

    /// What an entry of this kind is called in messages.
    pub fn noun(self) -> &'static str {
        match self {
            EntryKind::Agency => "agency block",
            EntryKind::Contact => "contact",
            EntryKind::Signer => "signer",
            EntryKind::RoutineUse => "routine use",
            EntryKind::Justification => "justification",
            EntryKind::System => "system",
        }
    }

    /// Where a SORN or rule holds this content, when the reference names the document itself.
    fn document_path(self) -> Option<&'static [&'static str]> {
        match self {
            EntryKind::Agency => Some(&["agency"]),
            EntryKind::Contact => Some(&["notice", "contacts"]),
            EntryKind::Signer => Some(&["signature"]),
            EntryKind::System => Some(&["system"]),
            EntryKind::RoutineUse | EntryKind::Justification => None,
        }
    }
}

/// The keys of a SORN's `[system]` that name it: what a rule's `system` takes from its SORN.
pub const SYSTEM_IDENTITY: &[&str] = &["id", "name", "separator", "form", "abbreviations"];

/// A file some source referenced, read and parsed once.
#[derive(Debug)]
pub struct SharedFile {
    /// The path as the first reference reached it (reported in diagnostics).
    pub shown: PathBuf,
    /// The canonical path (links resolved): the file's identity.
    pub canonical: PathBuf,
    /// Its text.
    pub text: &'static str,
    /// Its top-level table, when it parsed.
    table: Option<DeTable<'static>>,
    /// Its `kind`, when it has one.
    kind: Option<String>,
}

impl SharedFile {
    /// Whether the file is a library (`kind = "library"`).
    pub fn is_library(&self) -> bool {
        self.kind.as_deref() == Some(LIBRARY_KIND)
    }

    fn get(&self, path: &[&str]) -> Option<&Spanned<DeValue<'static>>> {
        let (first, rest) = path.split_first()?;
        let mut value = self.table.as_ref()?.get(*first)?;
        for key in rest {
            match value.get_ref() {
                DeValue::Table(t) => value = t.get(*key)?,
                _ => return None,
            }
        }
        Some(value)
    }
}

/// Every file referenced in a run, each read once, shared by the threads that load sources.
#[derive(Debug, Default)]
pub struct Libraries {
    files: Mutex<HashMap<PathBuf, Arc<Result<SharedFile, String>>>>,
}

impl Libraries {
    /// The file at a canonical path, read and parsed the first time it is asked for.
    fn open(&self, shown: &Path, canonical: &Path) -> Arc<Result<SharedFile, String>> {
        if let Some(found) = self.files.lock().unwrap_or_else(|e| e.into_inner()).get(canonical) {
            return found.clone();
        }
        let read = Arc::new(read_shared(shown, canonical));
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.entry(canonical.to_path_buf()).or_insert(read).clone()
    }

    /// Every file read, in canonical-path order (deterministic whatever the thread count).
    pub fn read(&self) -> Vec<Arc<Result<SharedFile, String>>> {
        let files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let mut all: Vec<_> = files.iter().map(|(p, f)| (p.clone(), f.clone())).collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all.into_iter().map(|(_, f)| f).collect()
    }
}

fn read_shared(shown: &Path, canonical: &Path) -> Result<SharedFile, String> {
    let bytes = match super::read_regular(canonical, super::MAX_SOURCE_BYTES) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(message)) => return Err(message),
        Err(e) => return Err(e.to_string()),
    };
    let text = String::from_utf8(bytes).map_err(|_| format!("{} is not UTF-8", shown.display()))?;
    // The parsed table borrows the text, and every source that takes an entry borrows the
    // table's values: the text is kept for the rest of the process (one copy per file a run
    // references), so that each file is parsed once however many sources use it.
    let text = keep(canonical, text);
    let (table, errors) = DeTable::parse_recoverable(text);
    let table = errors.is_empty().then(|| table.into_inner());
    let kind = table.as_ref().and_then(|t| match t.get("kind").map(Spanned::get_ref) {
        Some(DeValue::String(s)) => Some(s.to_string()),
        _ => None,
    });
    Ok(SharedFile { shown: shown.to_path_buf(), canonical: canonical.to_path_buf(), text, table, kind })
}

/// The text of a file for the rest of the process. A text read before with the same bytes (a
/// server that reloads an unchanged library) is the one kept then, so what is kept grows only
/// with the versions of the files, not with the number of runs.
fn keep(canonical: &Path, text: String) -> &'static str {
    static KEPT: Mutex<Option<HashMap<PathBuf, Vec<&'static str>>>> = Mutex::new(None);
    let mut kept = KEPT.lock().unwrap_or_else(|e| e.into_inner());
    let versions = kept.get_or_insert_with(HashMap::new).entry(canonical.to_path_buf()).or_default();
    if let Some(same) = versions.iter().find(|v| **v == text) {
        return same;
    }
    let leaked: &'static str = Box::leak(text.into_boxed_str());
    versions.push(leaked);
    leaked
}

/// A copy of a value with every span (its own, its keys', its items') moved by `by` bytes.
fn shift<'i>(value: &Spanned<DeValue<'i>>, by: usize) -> Spanned<DeValue<'i>> {
    let span = value.span();
    let inner = match value.get_ref() {
        DeValue::Array(items) => DeValue::Array(items.iter().map(|v| shift(v, by)).collect::<DeArray<'i>>()),
        DeValue::Table(t) => DeValue::Table(shift_table(t, by)),
        other => other.clone(),
    };
    Spanned::new(span.start + by..span.end + by, inner)
}

fn shift_table<'i>(table: &DeTable<'i>, by: usize) -> DeTable<'i> {
    table
        .iter()
        .map(|(k, v)| {
            let span = k.span();
            (Spanned::new(span.start + by..span.end + by, k.get_ref().clone()), shift(v, by))
        })
        .collect()
}

/// The texts a document's references brought in, appended after its own text: the coordinates
/// its resolved values' spans are in.
#[derive(Clone, Debug, Default)]
pub struct Extended {
    /// The document's text followed by each referenced file's text.
    pub text: String,
    /// Each appended file: where it starts in [`Extended::text`], its length and its canonical
    /// path, and the file it is once the run's files are numbered.
    pub parts: Vec<Part>,
}

/// One file appended to a document's text.
#[derive(Clone, Debug)]
pub struct Part {
    /// Offset of the file's first byte in the extended text.
    pub base: usize,
    /// Its length in bytes.
    pub len: usize,
    /// Its canonical path.
    pub canonical: PathBuf,
    /// Its number in the run's source map, once assigned.
    pub file: Option<FileId>,
}

impl Extended {
    /// Where a span of the extended text is in the file it came from, if it is in an appended file.
    pub fn locate(&self, span: &Range<usize>) -> Option<(FileId, Range<usize>)> {
        let part = self.parts.iter().find(|p| span.start >= p.base && span.start <= p.base + p.len)?;
        let start = span.start - part.base;
        let end = span.end.saturating_sub(part.base).clamp(start, part.len);
        Some((part.file?, start..end))
    }
}

/// Whether a text may hold a reference (a `from` key): a source without one is not walked.
pub fn may_refer(text: &str) -> bool {
    text.contains("from")
}

/// Reports every reference in a source that has no path (standard input, a text in a test):
/// there is no folder to find the files in.
pub fn refuse(file: FileId, table: &DeTable<'_>) -> Resolved {
    let mut spans = Vec::new();
    collect_references(table, &mut spans);
    let diagnostics = spans
        .into_iter()
        .map(|span| {
            Diagnostic::error(
                RULE,
                "a source read without a path cannot take content from another file",
                Label::new(file, span, "not resolved"),
            )
            .with_help("name the source's file, so that the reference's path is relative to its folder")
        })
        .collect();
    Resolved { extended: None, diagnostics }
}

fn collect_references(table: &DeTable<'_>, out: &mut Vec<Range<usize>>) {
    for value in table.values() {
        collect_in(value, out);
    }
}

fn collect_in(value: &Spanned<DeValue<'_>>, out: &mut Vec<Range<usize>>) {
    match value.get_ref() {
        DeValue::Table(t) => match t.get("from") {
            Some(from) => out.push(from.span()),
            _ => collect_references(t, out),
        },
        DeValue::Array(items) => items.iter().for_each(|v| collect_in(v, out)),
        _ => {}
    }
}

/// What resolving one document's references found.
pub struct Resolved {
    /// The texts appended, when any reference resolved.
    pub extended: Option<Extended>,
    /// One error per reference that did not resolve, at the reference.
    pub diagnostics: Vec<Diagnostic>,
}

/// Resolves every reference in a parsed source in place.
///
/// `path` is the source's own path (references are relative to its folder); `text` its text.
pub fn resolve(file: FileId, path: &Path, text: &str, table: &mut DeTable<'_>, libraries: &Libraries) -> Resolved {
    // Most sources take nothing from another file: they cost one walk of the parsed table, not
    // the file system lookups that place the project and the copy of the text.
    if !table.values().any(|v| holds_reference(v, 1)) {
        return Resolved { extended: None, diagnostics: Vec::new() };
    }
    let mut cx = Resolver {
        file,
        root: project_root(path),
        libraries,
        extended: Extended { text: text.to_string(), parts: Vec::new() },
        diagnostics: Vec::new(),
    };
    let chain = path.canonicalize().into_iter().collect();
    let own = Within { folder: path.parent().map(Path::to_path_buf).unwrap_or_default(), chain };
    cx.walk_table(table, &own, 0);
    let extended = (!cx.extended.parts.is_empty()).then_some(cx.extended);
    Resolved { extended, diagnostics: cx.diagnostics }
}

/// The folder references may not leave: the nearest folder above the source holding `sorn.toml`
/// or `.git`; else the working directory, if the source is in it; else the source's own folder
/// (canonical).
fn project_root(path: &Path) -> Option<PathBuf> {
    let absolute = super::normalize(path);
    let mut folder = absolute.parent();
    while let Some(dir) = folder {
        if dir.join("sorn.toml").is_file() || dir.join(".git").exists() {
            return dir.canonicalize().ok();
        }
        folder = dir.parent();
    }
    let own = absolute.parent()?.canonicalize().ok()?;
    match std::env::current_dir().ok().and_then(|d| d.canonicalize().ok()) {
        Some(cwd) if own.starts_with(&cwd) => Some(cwd),
        _ => Some(own),
    }
}

/// Tables nested deeper than this are not searched for references (the format nests a few).
const MAX_DEPTH: usize = 64;

/// References deeper than this are refused (a chain that long is a mistake, not a design).
const MAX_CHAIN: usize = 8;

struct Resolver<'a> {
    file: FileId,
    root: Option<PathBuf>,
    libraries: &'a Libraries,
    extended: Extended,
    diagnostics: Vec<Diagnostic>,
}

/// The file whose references are being resolved: its folder (paths are relative to it) and the
/// files whose content led to it (a file met again is a cycle).
struct Within {
    folder: PathBuf,
    chain: Vec<PathBuf>,
}

/// A reference that did not resolve: what to say, where, and how to mend it.
struct Unresolved {
    span: Range<usize>,
    message: String,
    label: &'static str,
    help: String,
}

impl Resolver<'_> {
    fn walk_table<'d>(&mut self, table: &mut DeTable<'d>, within: &Within, depth: usize) {
        // Values nest no deeper than the format's tables; a hostile file's nesting is not followed.
        if depth > MAX_DEPTH {
            return;
        }
        let keys: Vec<String> = table.keys().map(|k| k.get_ref().to_string()).collect();
        for key in keys {
            let Some(value) = table.get_mut(key.as_str()) else { continue };
            self.walk_value(value, &key, within, depth + 1);
        }
    }

    fn walk_value<'d>(&mut self, value: &mut Spanned<DeValue<'d>>, key: &str, within: &Within, depth: usize) {
        match value.get_mut() {
            DeValue::Table(t) if t.contains_key("from") => {
                if let Some(resolved) = self.reference(t, key, false, within) {
                    *value = resolved;
                }
            }
            DeValue::Table(t) => self.walk_table(t, within, depth),
            DeValue::Array(items) => {
                for item in items.iter_mut() {
                    match item.get_mut() {
                        DeValue::Table(t) if t.contains_key("from") => {
                            if let Some(resolved) = self.reference(t, key, true, within) {
                                *item = resolved;
                            }
                        }
                        DeValue::Table(t) => self.walk_table(t, within, depth + 1),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }

    /// Resolves one reference table (`item`: it is an item of the list `key`), or reports why not.
    fn reference<'d>(
        &mut self,
        table: &DeTable<'d>,
        key: &str,
        item: bool,
        within: &Within,
    ) -> Option<Spanned<DeValue<'d>>> {
        match self.try_reference(table, key, item, within) {
            Ok(value) => Some(value),
            // Already reported where it went wrong, in the file it was taken from.
            Err(u) if u.message.is_empty() => None,
            Err(u) => {
                self.diagnostics
                    .push(Diagnostic::error(RULE, u.message, Label::new(self.file, u.span, u.label)).with_help(u.help));
                None
            }
        }
    }

    fn try_reference<'d>(
        &mut self,
        table: &DeTable<'d>,
        key: &str,
        item: bool,
        within: &Within,
    ) -> Result<Spanned<DeValue<'d>>, Unresolved> {
        let from = table.get("from").expect("a reference has `from`");
        let from_span = from.span();
        let fail = |message: String, label: &'static str, help: &str| Unresolved {
            span: from_span.clone(),
            message,
            label,
            help: help.to_string(),
        };
        let DeValue::String(target) = from.get_ref() else {
            return Err(fail(
                "`from` takes a path, as a string".into(),
                "not a string",
                "write from = \"../lib/agency.toml#entry\"",
            ));
        };
        let Some(kind) = EntryKind::at_key(key) else {
            return Err(fail(
                format!("`{key}` cannot be taken from another file"),
                "no reference here",
                "references stand for `agency`, `signature`, `notice.contacts`, routine uses, justifications and a rule's `system`",
            ));
        };
        let (path_text, entry) = match target.split_once('#') {
            Some((p, e)) => (p, Some(e)),
            None => (target.as_ref(), None),
        };
        let shared =
            self.open(&within.folder, path_text).map_err(|(message, help)| fail(message, "cannot be read", &help))?;
        let Ok(file) = shared.as_ref() else { unreachable!("checked by open") };
        if within.chain.contains(&file.canonical) || within.chain.len() >= MAX_CHAIN {
            return Err(fail(
                format!("`{target}` leads back to a file it is taken for: the references form a cycle"),
                "a cycle",
                "write the content in one of the files and take it from there",
            ));
        }
        let value = self
            .entry(&shared, path_text, kind, entry, item)
            .map_err(|(message, help)| fail(message, "here", &help))?;
        let base = self.append(&shared);
        let mut resolved: Spanned<DeValue<'d>> = shift(&value, base);
        // A value taken from a document may itself be taken from a library (an NPRM's agency from
        // its SORN's, the SORN's from the agency's library): resolved in that file's folder.
        if find_reference(&resolved).is_some() {
            let mut chain = within.chain.clone();
            chain.push(file.canonical.clone());
            let folder = file.canonical.parent().map(Path::to_path_buf).unwrap_or_default();
            let before = self.diagnostics.len();
            self.walk_value(&mut resolved, key, &Within { folder, chain }, 0);
            if self.diagnostics.len() > before || find_reference(&resolved).is_some() {
                return Err(fail(String::new(), "", ""));
            }
        }
        if kind == EntryKind::System {
            resolved = identity(resolved);
        }
        self.merge_local(&mut resolved, table, target)?;
        Ok(resolved)
    }

    /// Keys written beside `from` (a routine use's `id`, a signature's `dated`) are added to the
    /// entry; a key the entry also has is refused rather than silently overridden.
    fn merge_local<'d>(
        &self,
        resolved: &mut Spanned<DeValue<'d>>,
        local: &DeTable<'d>,
        target: &str,
    ) -> Result<(), Unresolved> {
        let locals: Vec<_> = local.iter().filter(|(k, _)| k.get_ref() != "from").collect();
        if locals.is_empty() {
            return Ok(());
        }
        let DeValue::Table(entry) = resolved.get_mut() else {
            let (k, _) = locals[0];
            return Err(Unresolved {
                span: k.span(),
                message: format!("`{target}` is a list; keys cannot be added to it"),
                label: "not added",
                help: "write the keys in the referenced file, or write the value inline".into(),
            });
        };
        for (k, v) in locals {
            if entry.contains_key(k.get_ref().as_ref()) {
                return Err(Unresolved {
                    span: k.span(),
                    message: format!("`{}` is written both here and in `{target}`", k.get_ref()),
                    label: "written twice",
                    help: "keep one: a reference does not override its entry's keys".into(),
                });
            }
            entry.insert(k.clone(), v.clone());
        }
        Ok(())
    }

    /// The referenced file, checked to lie inside the project and read once.
    fn open(&self, folder: &Path, path_text: &str) -> Result<Arc<Result<SharedFile, String>>, (String, String)> {
        if path_text.is_empty() {
            return Err(("`from` names no file".into(), "write the path of the file, relative to this one".into()));
        }
        let shown = super::normalize(&folder.join(path_text));
        let canonical = match shown.canonicalize() {
            Ok(c) => c,
            Err(_) => {
                return Err((
                    format!("`{path_text}` does not exist"),
                    format!("the path is relative to the folder of the file that names it ({})", display(folder)),
                ));
            }
        };
        if let Some(root) = &self.root
            && !canonical.starts_with(root)
        {
            return Err((
                format!("`{path_text}` is outside the project"),
                format!(
                    "references stay inside the project folder ({}); a link out of it is not followed",
                    display(root)
                ),
            ));
        }
        if !canonical.is_file() {
            return Err((format!("`{path_text}` is not a file"), "name a TOML file".into()));
        }
        let shared = self.libraries.open(&shown, &canonical);
        match shared.as_ref() {
            Err(message) => {
                Err((format!("`{path_text}` cannot be read: {message}"), "see the file's own errors".into()))
            }
            Ok(f) if f.table.is_none() => Err((
                format!("`{path_text}` is not valid TOML"),
                "`sorn check` on that file lists its syntax errors".into(),
            )),
            Ok(_) => Ok(shared),
        }
    }

    /// The entry a reference names in a file.
    fn entry(
        &self,
        shared: &Arc<Result<SharedFile, String>>,
        written: &str,
        kind: EntryKind,
        entry: Option<&str>,
        item: bool,
    ) -> Result<Spanned<DeValue<'static>>, (String, String)> {
        let Ok(file) = shared.as_ref() else { unreachable!("checked by open") };
        let name = format!("`{written}`");
        let library = file.kind.as_deref() == Some(LIBRARY_KIND);
        match (library, entry) {
            (true, None) if kind == EntryKind::Agency => file
                .get(&["agency"])
                .cloned()
                .ok_or_else(|| (format!("{name} has no `[agency]`"), "add the agency block to the library".into())),
            (true, None) => Err((
                format!("a {} from a library is named by its entry: {name} with `#NAME`", kind.noun()),
                entries_help(file, kind),
            )),
            (true, Some(e)) => library_entry(file, &name, kind, e),
            (false, Some(_)) => Err((
                format!("{name} is not a library (kind = \"library\"); only a library's entries are named after `#`"),
                "name the document alone to take its content, or move the text into a library".into(),
            )),
            (false, None) if item => Err((
                format!("one {} is taken from a library entry, not a whole document", kind.noun()),
                "write from = \"LIBRARY.toml#NAME\"".into(),
            )),
            (false, None) => {
                let Some(path) = kind.document_path() else {
                    return Err((format!("a {} is taken from a library entry", kind.noun()), entries_help(file, kind)));
                };
                let value = file.get(path).cloned().ok_or_else(|| {
                    (format!("{name} has no `{}` to take", path.join(".")), "write the value here instead".into())
                })?;
                Ok(value)
            }
        }
    }

    /// Appends a file's text to the extended text once, and returns where it starts.
    fn append(&mut self, file: &Arc<Result<SharedFile, String>>) -> usize {
        let Ok(file) = file.as_ref() else { return 0 };
        if let Some(part) = self.extended.parts.iter().find(|p| p.canonical == file.canonical) {
            return part.base;
        }
        self.extended.text.push('\n');
        let base = self.extended.text.len();
        self.extended.text.push_str(file.text);
        self.extended.parts.push(Part { base, len: file.text.len(), canonical: file.canonical.clone(), file: None });
        base
    }
}

/// A library's entry of a kind, or why there is none (another kind of entry of that name is named).
fn library_entry(
    file: &SharedFile,
    name: &str,
    kind: EntryKind,
    entry: &str,
) -> Result<Spanned<DeValue<'static>>, (String, String)> {
    if kind == EntryKind::Agency || kind == EntryKind::System {
        return Err((
            format!("the {} is taken from a file as a whole: {name}, without `#{entry}`", kind.noun()),
            "a library holds one `[agency]`".into(),
        ));
    }
    if let Some(value) = file.get(&[kind.section(), entry]) {
        return Ok(value.clone());
    }
    let elsewhere = EntryKind::ALL
        .into_iter()
        .filter(|k| *k != kind && !matches!(k, EntryKind::Agency | EntryKind::System))
        .find(|k| file.get(&[k.section(), entry]).is_some());
    match elsewhere {
        Some(other) => Err((
            format!("`{entry}` in {name} is a {}, not a {}", other.noun(), kind.noun()),
            format!("this place takes a {} (`[{}.NAME]`)", kind.noun(), kind.section()),
        )),
        None => {
            let help = match closest_entry(file, kind, entry) {
                Some(near) => format!("did you mean `{near}`? {}", entries_help(file, kind)),
                None => entries_help(file, kind),
            };
            Err((format!("{name} has no {} `{entry}`", kind.noun()), help))
        }
    }
}

/// The entry of a kind whose name is closest to a misspelt one.
fn closest_entry(file: &SharedFile, kind: EntryKind, entry: &str) -> Option<String> {
    let Some(DeValue::Table(t)) = file.get(&[kind.section()]).map(Spanned::get_ref) else { return None };
    let names: Vec<String> = t.keys().map(|k| k.get_ref().to_string()).collect();
    super::keys::closest(entry, &names)
}

fn entries_help(file: &SharedFile, kind: EntryKind) -> String {
    let names: Vec<String> = match file.get(&[kind.section()]).map(Spanned::get_ref) {
        Some(DeValue::Table(t)) => t.keys().map(|k| format!("`{}`", k.get_ref())).collect(),
        _ => Vec::new(),
    };
    if names.is_empty() {
        format!("the file has no `[{}.NAME]` entries", kind.section())
    } else {
        format!("its {} entries: {}", kind.noun(), names.join(", "))
    }
}

/// The keys of a SORN's system that a rule's `system` takes.
fn identity<'i>(value: Spanned<DeValue<'i>>) -> Spanned<DeValue<'i>> {
    let span = value.span();
    match value.into_inner() {
        DeValue::Table(t) => {
            let kept: DeTable<'i> =
                t.into_iter().filter(|(k, _)| SYSTEM_IDENTITY.contains(&k.get_ref().as_ref())).collect();
            Spanned::new(span, DeValue::Table(kept))
        }
        other => Spanned::new(span, other),
    }
}

/// The first reference inside a value, if any.
/// Whether a value holds a reference table within the depth [`Resolver::walk_table`] searches.
fn holds_reference(value: &Spanned<DeValue<'_>>, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    match value.get_ref() {
        DeValue::Table(t) => t.contains_key("from") || t.values().any(|v| holds_reference(v, depth + 1)),
        DeValue::Array(items) => items.iter().any(|v| holds_reference(v, depth + 1)),
        _ => false,
    }
}

fn find_reference(value: &Spanned<DeValue<'_>>) -> Option<Range<usize>> {
    match value.get_ref() {
        DeValue::Table(t) => match t.get("from") {
            Some(f) => Some(f.span()),
            None => t.values().find_map(find_reference),
        },
        DeValue::Array(items) => items.iter().find_map(find_reference),
        _ => None,
    }
}

/// How a source at `from` names the file `to` in a reference: relative to `from`'s folder, with
/// forward slashes.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let (from, to) = (super::normalize(from), super::normalize(to));
    let base: Vec<_> = from.parent().map(|p| p.components().collect()).unwrap_or_default();
    let target: Vec<_> = to.components().collect();
    let shared = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); base.len() - shared];
    parts.extend(target[shared..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// A path as diagnostics show it: relative to the working directory, and "." for the working
/// directory itself (never an empty string).
fn display(path: &Path) -> String {
    let shown = crate::diagnostic::display_path(path);
    if shown.is_empty() { ".".to_string() } else { shown }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A project folder with the given files, and the loaded workspace of its first file.
    fn project(files: &[(&str, &str)]) -> (tempfile::TempDir, Vec<String>, Option<crate::model::Document>) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("sorn.toml"), "").unwrap();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let ws = crate::source::load_paths(&[dir.path().join(files[0].0)]).unwrap();
        let messages = ws.diagnostics.iter().map(|d| d.message.clone()).collect();
        let document = ws.documents.first().map(|d| d.document.clone());
        (dir, messages, document)
    }

    #[test]
    fn the_working_directory_is_shown_as_a_dot() {
        let cwd = std::env::current_dir().unwrap();
        assert_eq!(display(&cwd), ".");
        assert_eq!(display(&cwd.join("lib.toml")), "lib.toml");
    }

    const NOTICE: &str = "kind = \"sorn\"\ntemplate = \"a108\"\naction = \"new\"\nagency = { from = \"lib.toml\" }\n\n[system]\nid = \"X-1\"\nname = \"X\"\n\n[[system.routine_uses]]\nid = \"A\"\nfrom = \"lib.toml#ru\"\n";
    const LIBRARY: &str =
        "kind = \"library\"\n[agency]\nname = \"Example Agency\"\n[routine_uses.ru]\ntext = \"To the auditors.\"\n";

    #[test]
    fn a_resolved_value_is_the_entry_with_the_keys_written_beside_from() {
        let (_dir, messages, document) = project(&[("notice.toml", NOTICE), ("lib.toml", LIBRARY)]);
        assert_eq!(messages, Vec::<String>::new());
        let Some(crate::model::Document::Sorn(sorn)) = document else { panic!("a SORN") };
        assert_eq!(sorn.agency.name.value, "Example Agency");
        let ru = &sorn.system.routine_uses[0];
        assert_eq!((ru.id.value.as_str(), ru.text.value.as_str()), ("A", "To the auditors."));
        // The text's place is past the notice's own text: in the library, appended after it.
        assert!(ru.text.span.start > NOTICE.len());
    }

    #[test]
    fn each_unresolved_reference_is_one_error() {
        let library = LIBRARY.replace("[routine_uses.ru]", "[contacts.ru]");
        let (_dir, messages, document) = project(&[("notice.toml", NOTICE), ("lib.toml", &library)]);
        assert!(document.is_none());
        assert_eq!(messages, ["`ru` in `lib.toml` is a contact, not a routine use"], "{messages:?}");
        let (_dir, messages, _) = project(&[("notice.toml", NOTICE)]);
        assert_eq!(messages, ["`lib.toml` does not exist", "`lib.toml` does not exist"], "{messages:?}");
    }

    #[test]
    fn a_key_in_both_the_reference_and_the_entry_is_refused() {
        let notice = NOTICE.replace("from = \"lib.toml#ru\"\n", "from = \"lib.toml#ru\"\ntext = \"Other.\"\n");
        let (_dir, messages, _) = project(&[("notice.toml", &notice), ("lib.toml", LIBRARY)]);
        assert_eq!(messages, ["`text` is written both here and in `lib.toml#ru`"], "{messages:?}");
    }

    #[test]
    fn a_text_without_a_path_refuses_its_references() {
        let ws = crate::source::load_str("-", NOTICE);
        assert!(ws.documents.is_empty());
        assert!(ws.diagnostics.iter().all(|d| d.rule == RULE) && ws.diagnostics.len() == 2, "{:#?}", ws.diagnostics);
    }

    #[test]
    fn shifting_moves_every_span_and_keeps_every_value() {
        let table = DeTable::parse("a = { b = [1, \"x\"] }").unwrap();
        let value = table.get_ref().get("a").unwrap();
        let moved = shift(value, 100);
        assert_eq!(moved.span(), value.span().start + 100..value.span().end + 100);
        let DeValue::Table(t) = moved.get_ref() else { panic!("a table") };
        let DeValue::Array(items) = t.get("b").unwrap().get_ref() else { panic!("an array") };
        assert_eq!(items[1].span().start, 100 + "a = { b = [1, ".len());
    }

    #[test]
    fn a_place_past_the_own_text_is_found_in_its_file() {
        let extended = Extended {
            text: String::new(),
            parts: vec![Part { base: 11, len: 20, canonical: PathBuf::from("/l.toml"), file: Some(FileId(3)) }],
        };
        assert_eq!(extended.locate(&(15..18)), Some((FileId(3), 4..7)));
        assert_eq!(extended.locate(&(40..41)), None);
    }

    #[test]
    fn relative_paths_climb_out_of_the_source_folder() {
        assert_eq!(relative_path(Path::new("/p/sorns/a.toml"), Path::new("/p/lib/x.toml")), "../lib/x.toml");
        assert_eq!(relative_path(Path::new("/p/a.toml"), Path::new("/p/lib/x.toml")), "lib/x.toml");
    }

    #[test]
    fn every_kind_of_entry_has_its_section() {
        for kind in EntryKind::ALL {
            if kind != EntryKind::System {
                assert_eq!(EntryKind::of_section(kind.section()), Some(kind));
            }
        }
        assert_eq!(EntryKind::at_key("signature"), Some(EntryKind::Signer));
        assert_eq!(EntryKind::at_key("summary"), None);
    }
}
