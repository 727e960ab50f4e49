//! What rules see: the loaded documents, their files, and which SORN goes with which rule.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Finding;
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
    /// For each document, whether a loaded SORN names it as its predecessor.
    superseded: Vec<bool>,
    /// For each pair, in `pairs` order, why its SORN was chosen among the versions of the system.
    pair_notes: Vec<Option<String>>,
    /// The rules left unpaired because two or more SORNs fit them equally.
    pub ambiguities: Vec<Ambiguity>,
    /// For each document, whether it is the rule or one of the SORNs of an ambiguity.
    in_ambiguity: Vec<bool>,
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

/// Documents one task of [`Context::per_document`] checks: enough that a task outweighs its
/// scheduling.
const DOCUMENTS_PER_TASK: usize = 16;

impl<'a> Context<'a> {
    /// Builds the context and pairs documents: first by explicit links, then by system identifier.
    pub fn new(files: &'a SourceMap, documents: &'a [LoadedDocument], settings: &'a Settings) -> Self {
        let cwd = std::env::current_dir().ok();
        let paths: Vec<PathBuf> =
            documents.iter().map(|doc| normalize_from(&files.get(doc.file).path, cwd.as_deref())).collect();
        let predecessor_of = predecessors(documents, &paths, cwd.as_deref());
        let (pairs, pair_notes, ambiguities) =
            pair_documents(files, documents, &paths, cwd.as_deref(), &predecessor_of);
        let mut superseded = vec![false; documents.len()];
        for &p in predecessor_of.iter().flatten() {
            superseded[p] = true;
        }
        let mut in_ambiguity = vec![false; documents.len()];
        for a in &ambiguities {
            for &d in a.sorns.iter().chain([&a.rule]) {
                in_ambiguity[d] = true;
            }
        }
        let mut pair_of_rule = vec![None; documents.len()];
        let mut rules_of_sorn: Vec<Vec<usize>> = vec![Vec::new(); documents.len()];
        for (k, pair) in pairs.iter().enumerate() {
            pair_of_rule[pair.rule].get_or_insert(k);
            rules_of_sorn[pair.sorn].push(pair.rule);
        }
        Self {
            files,
            documents,
            pairs,
            settings,
            pair_of_rule,
            rules_of_sorn,
            predecessor_of,
            superseded,
            pair_notes,
            ambiguities,
            in_ambiguity,
        }
    }

    /// Whether a loaded SORN revises this one: it is an earlier version of its system, and the
    /// rules of the system go with the version after it.
    pub fn is_superseded(&self, document: usize) -> bool {
        self.superseded.get(document).copied().unwrap_or(false)
    }

    /// Whether a document is the rule, or one of the SORNs, of a pairing sorn found ambiguous
    /// (`ambiguous-pairing` reports it; the rules that need the pair stay silent).
    pub fn is_in_ambiguity(&self, document: usize) -> bool {
        self.in_ambiguity.get(document).copied().unwrap_or(false)
    }

    /// Why the SORN of a pair was chosen among several versions of its system, for the notes of
    /// the diagnostics that rely on the pairing; `None` when there was nothing to choose.
    pub fn pairing_note(&self, pair: &Pair) -> Option<&str> {
        let k = (*self.pair_of_rule.get(pair.rule)?)?;
        self.pair_notes.get(k)?.as_deref()
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

    /// The text of a file, with what its references brought in (the text its values' spans index).
    pub fn text(&self, file: FileId) -> &str {
        self.files.get(file).checked_text()
    }

    /// The display name of a file.
    pub fn name(&self, file: FileId) -> &str {
        &self.files.get(file).name
    }

    /// Runs `check` on every document, on all cores, a run of documents at a time, and appends
    /// the findings in document order: for the lint rules that read each document on its own,
    /// so that one such rule over a whole inventory is not one thread's work while the other
    /// rules are done. The findings are the same, in the same order, whatever the number of
    /// threads.
    pub fn per_document<F>(&self, out: &mut Vec<Finding>, check: F)
    where
        F: Fn(&'a LoadedDocument, &mut Vec<Finding>) + Sync,
    {
        let found: Vec<Vec<Finding>> = self
            .documents
            .par_chunks(DOCUMENTS_PER_TASK)
            .map(|run| {
                let mut found = Vec::new();
                for doc in run {
                    check(doc, &mut found);
                }
                found
            })
            .collect();
        out.extend(found.into_iter().flatten());
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

/// Which SORN an exemption rule goes with, before the pairs are listed.
enum Found {
    /// One SORN, and the note saying why it was chosen over other versions, if it was.
    One(usize, Pairing, Option<String>),
    /// Several SORNs are equally good: none is chosen.
    Ambiguous(Vec<usize>, Pairing),
}

/// A rule that sorn could not pair because two or more SORNs fit equally: two current versions
/// of one system identifier (no `[revises]` chain orders them), or two SORNs naming the rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ambiguity {
    /// Index of the rule.
    pub rule: usize,
    /// The SORNs that fit, in document order.
    pub sorns: Vec<usize>,
    /// Whether they name the rule ([`Pairing::Link`]) or share its identifier.
    pub by: Pairing,
}

/// The pairs, the note on each pair whose SORN was chosen among versions, and the rules left
/// unpaired because the choice was ambiguous.
type Pairings = (Vec<Pair>, Vec<Option<String>>, Vec<Ambiguity>);

/// Pairs every exemption rule with a SORN, never by file name or document order: the SORN the
/// rule names (`sorn`) decides; else the SORN that names the rule (`exemption_rule`); else the
/// SORN of the same system identifier. Where several SORNs name the rule or share its
/// identifier, the versions of one system are ordered by their `[revises]` chain and the current
/// one (the one no other candidate revises) is chosen; two current versions are an ambiguity.
/// Each lookup goes through an index built once; `paths` are the documents' normalized paths.
fn pair_documents(
    files: &SourceMap,
    documents: &[LoadedDocument],
    paths: &[PathBuf],
    cwd: Option<&Path>,
    predecessor_of: &[Option<usize>],
) -> Pairings {
    let mut sorn_at_path: HashMap<&Path, usize> = HashMap::new();
    let mut sorns_naming: HashMap<PathBuf, Vec<usize>> = HashMap::new();
    let mut sorns_of_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (s, doc) in documents.iter().enumerate() {
        let Document::Sorn(sorn) = &doc.document else { continue };
        if let Some(link) = &sorn.exemption_rule {
            sorns_naming.entry(resolve(&paths[s], &link.value, cwd)).or_default().push(s);
        }
        sorns_of_id.entry(normalize_id(&sorn.system.id.value)).or_default().push(s);
        sorn_at_path.entry(&paths[s]).or_insert(s);
    }
    let (mut pairs, mut notes, mut ambiguities) = (Vec::new(), Vec::new(), Vec::new());
    for (r, doc) in documents.iter().enumerate() {
        let Document::ExemptionRule(rule) = &doc.document else { continue };
        let path = &paths[r];
        let named = rule.sorn.as_ref().and_then(|l| sorn_at_path.get(resolve(path, &l.value, cwd).as_path()));
        let id = normalize_id(&rule.system.id.value);
        let found = match (named, sorns_naming.get(path)) {
            (Some(&s), _) => Some(Found::One(s, Pairing::Link, None)),
            (None, Some(naming)) => Some(choose(files, documents, naming, predecessor_of, Pairing::Link)),
            (None, None) if id.is_empty() => None,
            (None, None) => {
                sorns_of_id.get(&id).map(|same| choose(files, documents, same, predecessor_of, Pairing::SystemNumber))
            }
        };
        match found {
            Some(Found::One(sorn, pairing, note)) => {
                pairs.push(Pair { sorn, rule: r, pairing });
                notes.push(note);
            }
            Some(Found::Ambiguous(sorns, by)) => ambiguities.push(Ambiguity { rule: r, sorns, by }),
            None => {}
        }
    }
    (pairs, notes, ambiguities)
}

/// Of several SORNs that fit a rule equally, the current version: the one that no other
/// candidate revises, directly or through earlier versions. With one candidate there is nothing
/// to choose; with several current versions the choice is ambiguous. The walk down each chain
/// stops at a document seen before, so a `[revises]` cycle ends it.
fn choose(
    files: &SourceMap,
    documents: &[LoadedDocument],
    candidates: &[usize],
    predecessor_of: &[Option<usize>],
    pairing: Pairing,
) -> Found {
    if let [only] = candidates {
        return Found::One(*only, pairing, None);
    }
    let mut earlier: HashSet<usize> = HashSet::new();
    for &c in candidates {
        let mut seen: HashSet<usize> = HashSet::from([c]);
        let mut at = predecessor_of[c];
        while let Some(p) = at.filter(|p| seen.insert(*p)) {
            earlier.insert(p);
            at = predecessor_of[p];
        }
    }
    let current: Vec<usize> = candidates.iter().copied().filter(|c| !earlier.contains(c)).collect();
    let [chosen] = current[..] else {
        let mut sorns = if current.is_empty() { candidates.to_vec() } else { current };
        sorns.dedup();
        return Found::Ambiguous(sorns, pairing);
    };
    let name = |i: usize| files.get(documents[i].file).name.clone();
    let others: Vec<String> = candidates.iter().filter(|&&c| c != chosen).map(|&c| name(c)).collect();
    let how = match pairing {
        Pairing::Link => "it names the rule",
        Pairing::SystemNumber => "it has the rule's system identifier",
    };
    let note = format!(
        "paired with {}: {how}, and it is the current version of the system (its `[revises]` chain \
         follows {}); set `sorn = \"...\"` in the rule to pair it explicitly",
        name(chosen),
        others.join(", ")
    );
    Found::One(chosen, pairing, Some(note))
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

    const RULE: &str = "kind = \"exemption-rule\"\nstage = \"proposed\"\n\n[agency]\nname = \"Agency\"\n\n\
                        [system]\nid = \"X/Y-001\"\nname = \"Records\"\n\n[cfr]\ntitle = 99\npart = \"1\"\nsection = \"1.1\"\n\n[exemptions]\n";

    fn paired_sorn(files: &[(&str, String)]) -> (Option<usize>, usize) {
        let ws = workspace(files);
        assert!(ws.diagnostics.is_empty(), "{:?}", ws.diagnostics);
        let settings = Settings::default();
        let cx = Context::new(&ws.files, &ws.documents, &settings);
        let rule = cx.exemption_rules().next().unwrap().0;
        (cx.sorn_of(rule).map(|s| s.0), cx.ambiguities.len())
    }

    #[test]
    fn a_rule_by_identifier_pairs_with_the_current_version_in_any_order() {
        let chain = [("new.toml", revising("old.toml")), ("old.toml", SORN.to_string()), ("rule.toml", RULE.into())];
        assert_eq!(paired_sorn(&chain), (Some(0), 0));
        let reversed = [("old.toml", SORN.to_string()), ("new.toml", revising("old.toml")), ("rule.toml", RULE.into())];
        assert_eq!(paired_sorn(&reversed), (Some(1), 0));
        let three = [
            ("c.toml", revising("b.toml")),
            ("a.toml", SORN.to_string()),
            ("b.toml", revising("a.toml")),
            ("rule.toml", RULE.into()),
        ];
        assert_eq!(paired_sorn(&three), (Some(0), 0));
    }

    #[test]
    fn unordered_versions_or_a_cycle_leave_the_rule_unpaired() {
        let two = [("a.toml", SORN.to_string()), ("b.toml", SORN.to_string()), ("rule.toml", RULE.into())];
        assert_eq!(paired_sorn(&two), (None, 1));
        let cycle = [("a.toml", revising("b.toml")), ("b.toml", revising("a.toml")), ("rule.toml", RULE.into())];
        assert_eq!(paired_sorn(&cycle), (None, 1));
    }

    #[test]
    fn the_rule_s_own_link_decides_over_sorns_naming_it() {
        let linked = |s: &str| s.replace("action = \"new\"", "action = \"new\"\nexemption_rule = \"rule.toml\"");
        let rule = RULE.replace("stage = \"proposed\"", "stage = \"proposed\"\nsorn = \"b.toml\"");
        let files = [("a.toml", linked(SORN)), ("b.toml", SORN.to_string()), ("rule.toml", rule)];
        assert_eq!(paired_sorn(&files), (Some(1), 0));
        let both = [("a.toml", linked(SORN)), ("b.toml", linked(SORN)), ("rule.toml", RULE.into())];
        assert_eq!(paired_sorn(&both), (None, 1));
    }
}
