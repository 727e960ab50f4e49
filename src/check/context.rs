//! What rules see: the loaded documents, their files, and which SORN goes with which rule.

use std::collections::HashMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::diagnostic::{FileId, Label, SourceMap};
use crate::model::{Claim, Document, ExemptionRule, Sorn, covers_of};
use crate::source::{LoadedDocument, normalize_from};
use crate::statute::{Authority, Subsection};

/// How a SORN and an exemption rule were paired.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pairing {
    /// One names the other (`exemption_rule` in the SORN or `sorn` in the rule).
    Link,
    /// Neither names the other; they describe the same system identifier.
    SystemNumber,
}

/// A SORN and an exemption rule of the same system.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    /// Index of the SORN in [`Context::documents`].
    pub sorn: usize,
    /// Index of the rule.
    pub rule: usize,
    /// How they were paired.
    pub pairing: Pairing,
}

/// A claim with its authority and citations as typed at load (invalid ones, already load errors,
/// left out), and the file it is in.
#[derive(Clone, Debug)]
pub struct ParsedClaim {
    /// The file.
    pub file: FileId,
    /// The authority, if valid.
    pub authority: Option<Authority>,
    /// Span of the authority value.
    pub authority_span: Range<usize>,
    /// The exempted provisions with their spans.
    pub subsections: Vec<(Subsection, Range<usize>)>,
    /// Whether the authority or an element of the list did not type (a load error reports it):
    /// comparisons of whole claim lists leave such a claim alone rather than report the gap again.
    pub untyped: bool,
}

/// One citation in a justification.
#[derive(Clone, Debug)]
pub struct JustifiedCitation {
    /// The provision.
    pub subsection: Subsection,
    /// Its span.
    pub span: Range<usize>,
    /// Index of the justification (0 is "(a)").
    pub justification: usize,
    /// Index of the group within the justification.
    pub cover: usize,
}

/// The world a rule sees.
pub struct Context<'a> {
    /// Every file read.
    pub files: &'a SourceMap,
    /// Every document that deserialized.
    pub documents: &'a [LoadedDocument],
    /// SORN–rule pairs.
    pub pairs: Vec<Pair>,
    /// What the project configures beyond the rule levels: the calendar and the agency table.
    pub settings: &'a Settings,
    /// For each document, the index in `pairs` of the pair it is the rule of.
    pair_of_rule: Vec<Option<usize>>,
    /// For each document, the rules paired with it as a SORN, in `pairs` order.
    rules_of_sorn: Vec<Vec<usize>>,
    /// For each SORN that names its predecessor's source (`revises.source`), the predecessor's
    /// index when that source is among the documents.
    predecessor_of: Vec<Option<usize>>,
}

/// The project's facts that lint rules read: the Federal calendar with `sorn.toml`'s closures,
/// and the agency table with its `[[agencies]]`.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The calendar dates are checked against.
    pub calendar: crate::dates::Calendar,
    /// The agencies `agency-fit` knows.
    pub agencies: Vec<super::agencies::AgencyFacts>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { calendar: crate::dates::Calendar::federal(), agencies: super::agencies::built_in() }
    }
}

impl<'a> Context<'a> {
    /// Builds the context and pairs documents: first by explicit links, then by system identifier.
    pub fn new(files: &'a SourceMap, documents: &'a [LoadedDocument], settings: &'a Settings) -> Self {
        let cwd = std::env::current_dir().ok();
        let paths: Vec<PathBuf> =
            documents.iter().map(|doc| normalize_from(&files.get(doc.file).path, cwd.as_deref())).collect();
        let pairs = pair_documents(documents, &paths, cwd.as_deref());
        let predecessor_of = predecessors(documents, &paths, cwd.as_deref());
        let mut pair_of_rule = vec![None; documents.len()];
        let mut rules_of_sorn: Vec<Vec<usize>> = vec![Vec::new(); documents.len()];
        for (k, pair) in pairs.iter().enumerate() {
            pair_of_rule[pair.rule].get_or_insert(k);
            rules_of_sorn[pair.sorn].push(pair.rule);
        }
        Self { files, documents, pairs, settings, pair_of_rule, rules_of_sorn, predecessor_of }
    }

    /// The SORN a revision names as its predecessor (`revises.source`), when it is loaded.
    pub fn predecessor(&self, sorn: usize) -> Option<(usize, &'a LoadedDocument, &'a Sorn)> {
        let at = (*self.predecessor_of.get(sorn)?)?;
        let doc = &self.documents[at];
        match &doc.document {
            Document::Sorn(s) => Some((at, doc, s.as_ref())),
            Document::ExemptionRule(_) => None,
        }
    }

    /// The text of a file.
    pub fn text(&self, file: FileId) -> &str {
        &self.files.get(file).text
    }

    /// The display name of a file.
    pub fn name(&self, file: FileId) -> &str {
        &self.files.get(file).name
    }

    /// Every SORN with its index.
    pub fn sorns(&self) -> impl Iterator<Item = (usize, &'a LoadedDocument, &'a Sorn)> + 'a {
        self.documents.iter().enumerate().filter_map(|(i, d)| match &d.document {
            Document::Sorn(s) => Some((i, d, s.as_ref())),
            Document::ExemptionRule(_) => None,
        })
    }

    /// Every exemption rule with its index.
    pub fn exemption_rules(&self) -> impl Iterator<Item = (usize, &'a LoadedDocument, &'a ExemptionRule)> + 'a {
        self.documents.iter().enumerate().filter_map(|(i, d)| match &d.document {
            Document::ExemptionRule(r) => Some((i, d, r.as_ref())),
            Document::Sorn(_) => None,
        })
    }

    /// The SORN paired with a rule.
    pub fn sorn_of(&self, rule: usize) -> Option<(usize, &'a LoadedDocument, &'a Sorn)> {
        let pair = &self.pairs[(*self.pair_of_rule.get(rule)?)?];
        let doc = &self.documents[pair.sorn];
        match &doc.document {
            Document::Sorn(s) => Some((pair.sorn, doc, s.as_ref())),
            Document::ExemptionRule(_) => None,
        }
    }

    /// The exemption rules paired with a SORN.
    pub fn exemption_rules_of(&self, sorn: usize) -> Vec<(usize, &'a LoadedDocument, &'a ExemptionRule)> {
        let rules = self.rules_of_sorn.get(sorn).map_or(&[][..], Vec::as_slice);
        rules
            .iter()
            .filter_map(|&rule| {
                let doc = &self.documents[rule];
                match &doc.document {
                    Document::ExemptionRule(r) => Some((rule, doc, r.as_ref())),
                    Document::Sorn(_) => None,
                }
            })
            .collect()
    }

    /// A label in a file.
    pub fn label(&self, file: FileId, span: Range<usize>, message: impl Into<String>) -> Label {
        Label::new(file, span, message)
    }

    /// The span of a table header such as `[system]` in a file, or the start of the file: where
    /// to point when something in that table is missing.
    pub fn table_span(&self, file: FileId, header: &str) -> Range<usize> {
        let text = self.text(file);
        let needle = format!("[{header}]");
        let mut from = 0;
        while let Some(found) = text[from..].find(&needle) {
            let at = from + found;
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            if text[line_start..at].trim().is_empty() {
                return at..at + needle.len();
            }
            from = at + needle.len();
        }
        0..0
    }
}

/// Pairs every exemption rule with a SORN: the first SORN (in document order) that it names or
/// that names it, else the first SORN of the same system identifier. Each lookup goes through an
/// index built once, so pairing is linear in the number of documents; `paths` are the documents'
/// normalized paths, computed once each against one reading of the working directory.
fn pair_documents(documents: &[LoadedDocument], paths: &[PathBuf], cwd: Option<&Path>) -> Vec<Pair> {
    let mut sorn_at_path: HashMap<&Path, usize> = HashMap::new();
    let mut sorns_naming: HashMap<PathBuf, usize> = HashMap::new();
    let mut sorn_of_id: HashMap<String, usize> = HashMap::new();
    for (s, doc) in documents.iter().enumerate() {
        let Document::Sorn(sorn) = &doc.document else { continue };
        if let Some(link) = &sorn.exemption_rule {
            sorns_naming.entry(resolve(&paths[s], &link.value, cwd)).or_insert(s);
        }
        sorn_of_id.entry(normalize_id(&sorn.system.id.value)).or_insert(s);
        sorn_at_path.entry(&paths[s]).or_insert(s);
    }
    let mut pairs = Vec::new();
    for (r, doc) in documents.iter().enumerate() {
        let Document::ExemptionRule(rule) = &doc.document else { continue };
        let path = &paths[r];
        let named = rule.sorn.as_ref().and_then(|l| sorn_at_path.get(resolve(path, &l.value, cwd).as_path()));
        let naming = sorns_naming.get(path);
        let found = match (named, naming) {
            (Some(&a), Some(&b)) => Some((a.min(b), Pairing::Link)),
            (Some(&s), None) | (None, Some(&s)) => Some((s, Pairing::Link)),
            (None, None) => sorn_of_id.get(&normalize_id(&rule.system.id.value)).map(|&s| (s, Pairing::SystemNumber)),
        };
        if let Some((sorn, pairing)) = found {
            pairs.push(Pair { sorn, rule: r, pairing });
        }
    }
    pairs
}

/// For each SORN, the SORN at the path its `revises.source` names, through an index of paths
/// built once. A SORN never revises itself.
fn predecessors(documents: &[LoadedDocument], paths: &[PathBuf], cwd: Option<&Path>) -> Vec<Option<usize>> {
    let mut sorn_at_path: HashMap<&Path, usize> = HashMap::new();
    for (s, doc) in documents.iter().enumerate() {
        if let Document::Sorn(_) = &doc.document {
            sorn_at_path.entry(&paths[s]).or_insert(s);
        }
    }
    documents
        .iter()
        .enumerate()
        .map(|(s, doc)| {
            let Document::Sorn(sorn) = &doc.document else { return None };
            let link = sorn.revises.as_ref()?.source.as_ref()?;
            let found = *sorn_at_path.get(resolve(&paths[s], &link.value, cwd).as_path())?;
            (found != s).then_some(found)
        })
        .collect()
}

fn resolve(from: &Path, link: &str, cwd: Option<&Path>) -> PathBuf {
    normalize_from(&from.parent().unwrap_or(Path::new(".")).join(link.trim()), cwd)
}

/// How a diagnostic names a system: "DHS/ICE-015", its name when it has no identifier, or "the
/// system" when it has neither (never an empty value).
pub fn system_label(system: &crate::model::SystemName) -> String {
    let id = system.id.value.trim();
    let name = system.name.value.trim();
    match (id.is_empty(), name.is_empty()) {
        (false, _) => id.to_string(),
        (true, false) => format!("\"{name}\""),
        (true, true) => "the system".to_string(),
    }
}

/// System identifiers compare without case, spaces or dash variants: "DHS/ICE-015", "DHS/ ICE—015".
pub fn normalize_id(id: &str) -> String {
    id.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if matches!(c, '\u{2013}' | '\u{2014}' | '\u{2011}') { '-' } else { c.to_ascii_uppercase() })
        .collect()
}

/// The claims of a document, parsed.
pub fn parsed_claims(file: FileId, claims: &[Claim]) -> Vec<ParsedClaim> {
    claims
        .iter()
        .map(|c| ParsedClaim {
            file,
            authority: c.authority(),
            authority_span: c.authority.span.clone(),
            subsections: c.subsections.cited().into_iter().map(|s| (s.value, s.span)).collect(),
            untyped: c.authority().is_none() || c.subsections.errors().next().is_some(),
        })
        .collect()
}

/// Every citation of a rule's justifications, in order.
pub fn justified_citations(rule: &ExemptionRule) -> Vec<JustifiedCitation> {
    let mut out = Vec::new();
    for (j, justification) in rule.justifications.iter().enumerate() {
        for (c, cover) in covers_of(justification).iter().enumerate() {
            for cited in cover.subsections.cited() {
                out.push(JustifiedCitation { subsection: cited.value, span: cited.span, justification: j, cover: c });
            }
        }
    }
    out
}

/// Whether an element of a justification names no provision (a load error reports it).
pub fn has_untyped_justification(rule: &ExemptionRule) -> bool {
    rule.justifications.iter().any(|j| covers_of(j).iter().any(|c| c.subsections.errors().next().is_some()))
}

/// "(a)", "(b)", ... (or "(1)", "(2)", ... when the rule numbers its reasons) for a justification
/// index; for a reason printed as written, the number it prints, or its place ("no. 2").
pub fn letter(rule: &ExemptionRule, index: usize) -> String {
    if rule.cfr.leadin() == crate::model::Leadin::Written {
        // A reason printed as written carries its own number, if any: "(2) Subsection (d), ...".
        let text = rule.justifications.get(index).map_or("", |j| j.text.value.trim_start());
        return match text.strip_prefix('(').and_then(|t| t.split_once(')')) {
            Some((label, _)) if !label.is_empty() && label.len() <= 5 => format!("({label})"),
            _ => format!("no. {}", index + 1),
        };
    }
    format!("({})", crate::model::justification_label(rule.cfr.numbering(), index))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::{Context, Settings};
    use crate::source::{Workspace, load_into};

    const SORN: &str = "kind = \"sorn\"\ntemplate = \"a108\"\naction = \"new\"\n\n[agency]\nname = \"Agency\"\n\n\
                        [system]\nid = \"X/Y-001\"\nname = \"Records\"\n";

    fn workspace(files: &[(&str, String)]) -> Workspace {
        let mut ws = Workspace::default();
        for (name, text) in files {
            load_into(&mut ws, PathBuf::from(name), Ok(text.as_bytes().to_vec()));
        }
        ws
    }

    fn revising(source: &str) -> String {
        SORN.replace("action = \"new\"", &format!("action = \"modified\"\n\n[revises]\nsource = \"{source}\""))
    }

    #[test]
    fn a_revision_finds_its_predecessor_by_the_path_it_names() {
        let ws = workspace(&[
            ("docs/old.toml", SORN.to_string()),
            ("docs/new.toml", revising("old.toml")),
            ("docs/sub/newer.toml", revising("../new.toml")),
        ]);
        assert!(ws.diagnostics.is_empty(), "{:?}", ws.diagnostics);
        let settings = Settings::default();
        let cx = Context::new(&ws.files, &ws.documents, &settings);
        assert_eq!(cx.predecessor(0).map(|p| p.0), None);
        assert_eq!(cx.predecessor(1).map(|p| p.0), Some(0));
        assert_eq!(cx.predecessor(2).map(|p| p.0), Some(1));
    }

    #[test]
    fn a_missing_or_self_predecessor_is_none() {
        let ws = workspace(&[("a.toml", revising("a.toml")), ("b.toml", revising("gone.toml"))]);
        let settings = Settings::default();
        let cx = Context::new(&ws.files, &ws.documents, &settings);
        assert!(cx.predecessor(0).is_none());
        assert!(cx.predecessor(1).is_none());
    }
}
