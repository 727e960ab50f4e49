use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use crate::check::{Context, Finding};
use crate::diagnostic::FileId;
use crate::model::{Document, Prose};
use crate::source::reference::{EntryKind, LIBRARY_KIND, relative_path};

crate::declare_rule! {
    /// ## What it checks
    /// That a routine use or a justification written out in a source is not a near-copy of a
    /// library entry: one whose words are at least 90 % those of a `[routine_uses.NAME]` or
    /// `[justifications.NAME]` entry of a library in the run, but not the same text. Both places
    /// are shown.
    ///
    /// ## Why
    /// A library holds the one wording of a text its agency publishes in many notices (its
    /// standard routine uses, the two breach routine uses of OMB M-17-12, the reasons it gives for
    /// an exemption). A copy that has drifted from it says something else in one notice without
    /// anyone having decided so. Take the entry by reference (`from = "LIBRARY#NAME"`), or, if the
    /// difference is meant, leave the text as it is and suppress the finding where it is written.
    ///
    /// ## Example
    /// ```toml
    /// [[system.routine_uses]]
    /// id = "B"
    /// text = "To another Federal agency, when the agency determines that information from this system is reasonably necessary to assist the recipient agency in responding to a suspected or confirmed breach."
    /// ```
    /// Use instead:
    /// ```toml
    /// [[system.routine_uses]]
    /// id = "B"
    /// from = "library/omb-m-17-12.toml#breach-other"
    /// ```
    pub const META = ("library-drift", Consistency, Warning, "A routine use or justification is a near-copy of a library entry that has drifted from it.");
    basis = [
        (Convention, "sorn's libraries (`kind = \"library\"`)", "a library entry is the agency's one wording of a text it publishes in several documents; each document takes it by reference"),
    ];
}

/// Words shared with an entry, as a share of the longer text's words, from which a text is a
/// near-copy of it.
const NEAR: f64 = 0.9;

/// Texts shorter than this many words are not compared: short texts are alike by chance.
const MIN_WORDS: usize = 8;

/// Word triples that occur in more entries than this say nothing about which entry a text
/// copies ("to the extent", "in accordance with"), and are not followed.
const COMMON: usize = 32;

/// One library entry's text.
struct Entry {
    file: FileId,
    kind: EntryKind,
    name: String,
    span: Range<usize>,
    words: Vec<String>,
    raw: String,
}

/// The library entries of the run, indexed by the word triples of their texts, so that each
/// text written out is compared only with the entries it shares triples with.
#[derive(Default)]
struct Index {
    entries: Vec<Entry>,
    by_triple: HashMap<u64, Vec<usize>>,
}

impl Index {
    fn build(cx: &Context<'_>) -> Index {
        let mut index = Index::default();
        for (file, source) in cx.files.iter() {
            if !declares_library(&source.text) {
                continue;
            }
            let Ok(table) = DeTable::parse(&source.text) else { continue };
            for kind in [EntryKind::RoutineUse, EntryKind::Justification] {
                let Some(DeValue::Table(section)) = table.get_ref().get(kind.section()).map(|v| v.get_ref()) else {
                    continue;
                };
                for (name, entry) in section.iter() {
                    let DeValue::Table(entry) = entry.get_ref() else { continue };
                    let Some(text) = entry.get("text") else { continue };
                    let DeValue::String(raw) = text.get_ref() else { continue };
                    index.add(Entry {
                        file,
                        kind,
                        name: name.get_ref().to_string(),
                        span: text.span(),
                        words: words(raw),
                        raw: normalize(raw),
                    });
                }
            }
        }
        index
    }

    fn add(&mut self, entry: Entry) {
        let at = self.entries.len();
        let mut triples = triples(&entry.words);
        triples.sort_unstable();
        triples.dedup();
        for t in triples {
            self.by_triple.entry(t).or_default().push(at);
        }
        self.entries.push(entry);
    }

    /// The entry of this kind a text is a near-copy of, if any: the closest among those that
    /// share at least half its word triples.
    fn near_copy(&self, kind: EntryKind, text: &str) -> Option<(&Entry, f64)> {
        let words = words(text);
        if words.len() < MIN_WORDS {
            return None;
        }
        let own = triples(&words);
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for t in &own {
            match self.by_triple.get(t) {
                Some(hits) if hits.len() <= COMMON => {
                    for &e in hits {
                        *shared.entry(e).or_default() += 1;
                    }
                }
                _ => {}
            }
        }
        let raw = normalize(text);
        let mut candidates: Vec<(usize, usize)> = shared.into_iter().filter(|&(_, n)| 2 * n >= own.len()).collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates
            .into_iter()
            .take(4)
            .map(|(e, _)| &self.entries[e])
            .filter(|e| e.kind == kind && e.raw != raw)
            .map(|e| (e, overlap(&words, &e.words)))
            .filter(|&(_, share)| share >= NEAR)
            .max_by(|a, b| a.1.total_cmp(&b.1))
    }
}

/// Reports each routine use and justification written out in a source that nearly copies a
/// library entry.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let index = Index::build(cx);
    if index.entries.is_empty() {
        return;
    }
    for doc in cx.documents {
        let own_len = cx.files.get(doc.file).text.len();
        let mut texts: Vec<(EntryKind, &Prose)> = Vec::new();
        match &doc.document {
            Document::Sorn(s) => {
                for system in s.all_systems() {
                    texts.extend(system.all_routine_uses().map(|ru| (EntryKind::RoutineUse, &ru.text)));
                }
            }
            Document::ExemptionRule(r) => {
                texts.extend(r.justifications.iter().map(|j| (EntryKind::Justification, &j.text)));
                for s in &r.systems {
                    texts.extend(s.justifications.iter().map(|j| (EntryKind::Justification, &j.text)));
                }
            }
        }
        for (kind, prose) in texts {
            // Text taken by reference is the entry itself.
            if prose.span.start > own_len || prose.span.is_empty() {
                continue;
            }
            let Some((entry, share)) = index.near_copy(kind, &prose.value) else { continue };
            let library = &cx.files.get(entry.file).path;
            let link = relative_path(&cx.files.get(doc.file).path, library);
            out.push(
                Finding::new(
                    format!(
                        "this {} is a near-copy of the library's `{}` ({:.0} % of its words) but not the same text",
                        kind.noun(),
                        entry.name,
                        (share * 100.0).floor()
                    ),
                    cx.label(doc.file, prose.span.clone(), "written out here"),
                )
                .with_label(cx.label(entry.file, entry.span.clone(), "the library's wording"))
                .with_help(format!(
                    "take the entry by reference: replace `text = ...` with from = \"{link}#{}\"; if the difference is meant, keep the text and suppress this finding here",
                    entry.name
                )),
            );
        }
    }
}

/// Whether a file's top-level `kind` says it is a library.
fn declares_library(text: &str) -> bool {
    text.lines().map(str::trim).take_while(|l| !l.starts_with('[')).any(|l| {
        l.strip_prefix("kind")
            .map(|rest| rest.trim_start().trim_start_matches('=').trim().trim_matches(['"', '\'']) == LIBRARY_KIND)
            .unwrap_or(false)
    })
}

/// The text's words, in lower case.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// The text with its runs of white space made single spaces: what "the same text" compares.
fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn triples(words: &[String]) -> Vec<u64> {
    words
        .windows(3)
        .map(|w| {
            let mut h = DefaultHasher::new();
            w.hash(&mut h);
            h.finish()
        })
        .collect()
}

/// The words two texts share (each word as often as both have it), as a share of the longer's.
fn overlap(a: &[String], b: &[String]) -> f64 {
    let mut counts: HashMap<&str, isize> = HashMap::new();
    for w in a {
        *counts.entry(w).or_default() += 1;
    }
    let mut common = 0usize;
    for w in b {
        if let Some(n) = counts.get_mut(w.as_str())
            && *n > 0
        {
            *n -= 1;
            common += 1;
        }
    }
    common as f64 / a.len().max(b.len()).max(1) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(text: &str) -> Vec<String> {
        words(text)
    }

    #[test]
    fn overlap_counts_each_shared_word_once_against_the_longer_text() {
        assert_eq!(overlap(&w("a b c d"), &w("a b c d")), 1.0);
        assert_eq!(overlap(&w("a b c d"), &w("a b c e")), 0.75);
        assert_eq!(overlap(&w("a a a a"), &w("a")), 0.25);
    }

    #[test]
    fn a_library_is_told_by_its_kind_line() {
        assert!(declares_library("#:schema x\nkind = \"library\"\n[agency]\n"));
        assert!(!declares_library("kind = \"sorn\"\n"));
        assert!(!declares_library("[agency]\nkind = \"library\"\n"));
    }

    fn index(texts: &[&str]) -> Index {
        let mut index = Index::default();
        for (k, t) in texts.iter().enumerate() {
            index.add(Entry {
                file: FileId(0),
                kind: EntryKind::RoutineUse,
                name: format!("e{k}"),
                span: 0..0,
                words: words(t),
                raw: normalize(t),
            });
        }
        index
    }

    const BREACH: &str = "To another Federal agency or Federal entity, when the agency determines that information from this system of records is reasonably necessary to assist the recipient agency or entity in responding to a suspected or confirmed breach.";

    #[test]
    fn a_drifted_copy_is_found_and_the_same_text_or_another_text_is_not() {
        let index =
            index(&[BREACH, "To a congressional office from the record of an individual in response to an inquiry."]);
        let drifted = BREACH.replace("Federal entity", "other entity");
        let (entry, share) = index.near_copy(EntryKind::RoutineUse, &drifted).expect("a near-copy");
        assert_eq!(entry.name, "e0");
        assert!((NEAR..1.0).contains(&share), "{share}");
        assert!(index.near_copy(EntryKind::RoutineUse, BREACH).is_none(), "the same text is no drift");
        let spaced = BREACH.replace(' ', "  ");
        assert!(index.near_copy(EntryKind::RoutineUse, &spaced).is_none(), "white space is not wording");
        let rewritten = "To the Department of Justice when the agency or any employee is a party to litigation and the records are relevant.";
        assert!(index.near_copy(EntryKind::RoutineUse, rewritten).is_none());
        assert!(index.near_copy(EntryKind::Justification, &drifted).is_none(), "only entries of the same kind");
    }
}
