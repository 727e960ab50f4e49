//! What changed between two versions of a system, caption by caption, in the terms a privacy
//! officer uses: the identifier and name, each prose caption (with its word-level differences),
//! categories added and removed, routine uses added, removed and changed (matched by what they
//! say, so that relettering is not a change), and exemptions per authority.
//!
//! A [`SystemDiff`] is plain data: deterministic, and serialized with the field names that
//! `sorn diff --format json` documents.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::items::added_and_removed;
use super::matching::{Matched, match_texts};
use super::words::{WordRun, diff_words, same_words};
use crate::model::{Element, Prose, RoutineUse, Sorn, System, Template};
use crate::statute::{Authority, Subsection};

/// The changes between an old and a new version of a system.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SystemDiff {
    /// The system identifier in each version.
    pub identifier: Both,
    /// The system's name in each version.
    pub name: Both,
    /// Each prose caption either version has, in the new version's caption order.
    pub captions: Vec<CaptionDiff>,
    /// The routine uses.
    pub routine_uses: RoutineUsesDiff,
    /// The exemptions.
    pub exemptions: ExemptionsDiff,
}

/// A value in the old and in the new version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Both {
    /// In the old version.
    pub old: String,
    /// In the new version.
    pub new: String,
}

impl Both {
    /// Whether the two differ (whitespace aside).
    pub fn changed(&self) -> bool {
        !same_words(&self.old, &self.new)
    }
}

/// What happened to a caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The same words in both versions.
    Unchanged,
    /// Different words.
    Changed,
    /// Only the new version has it.
    Added,
    /// Only the old version has it.
    Removed,
    /// The new version is a partial notice that does not print it: left as it was.
    NotPrinted,
}

impl Status {
    /// Whether the caption changed (added, removed or reworded).
    pub fn is_change(self) -> bool {
        matches!(self, Status::Changed | Status::Added | Status::Removed)
    }
}

/// One prose caption.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CaptionDiff {
    /// The element, as the source's key names it ("location", "records").
    pub element: Element,
    /// The caption as the new version's caption set prints it.
    pub caption: String,
    /// What happened to it.
    pub status: Status,
    /// The word-level differences when it changed; empty otherwise.
    pub words: Vec<WordRun>,
    /// For the categories of individuals and of records: the items the new version lists that
    /// the old one does not.
    pub items_added: Vec<String>,
    /// The items the old version lists that the new one does not.
    pub items_removed: Vec<String>,
}

/// A routine use, as one version prints it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UseEntry {
    /// Its index among the version's routine uses (0 is the first).
    pub index: usize,
    /// Its letter or number.
    pub id: String,
    /// Its text.
    pub text: String,
}

/// A routine use both versions have, matched by content.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MatchedUse {
    /// The use in the old version.
    pub old: UseEntry,
    /// The use in the new version.
    pub new: UseEntry,
    /// The share of word shingles the two have in common (1 for the same words).
    pub similarity: f64,
    /// The word-level differences; empty when the words are the same.
    pub words: Vec<WordRun>,
}

/// The routine uses.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoutineUsesDiff {
    /// Whether the new version prints the routine uses (a partial notice may leave them out).
    pub printed: bool,
    /// Uses of the new version that the old one does not have.
    pub added: Vec<UseEntry>,
    /// Uses of the old version that the new one does not have.
    pub removed: Vec<UseEntry>,
    /// Uses in both whose text changed.
    pub changed: Vec<MatchedUse>,
    /// Uses in both with the same words under another letter.
    pub relettered: Vec<MatchedUse>,
    /// How many uses are the same, letter and words.
    pub unchanged: usize,
    /// The word-level differences of the lead-in, when it changed.
    pub intro: Vec<WordRun>,
    /// The word-level differences of the text after the uses, when it changed.
    pub note: Vec<WordRun>,
}

impl RoutineUsesDiff {
    /// Whether any use was added, removed or changed, or the text around them changed.
    pub fn has_changes(&self) -> bool {
        !(self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.intro.is_empty()
            && self.note.is_empty())
    }
}

/// What happened to the claims under one exemption authority.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthorityChange {
    /// The authority, e.g. "(k)(2)".
    pub authority: String,
    /// Whether the authority is claimed only in the new version (added), only in the old one
    /// (removed), or in both with other provisions (changed).
    pub status: Status,
    /// Provisions exempted under it only in the new version, each as cited ("(e)(1)").
    pub added: Vec<String>,
    /// Provisions exempted under it only in the old version.
    pub removed: Vec<String>,
}

/// The exemptions.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExemptionsDiff {
    /// Whether the new version prints the exemptions caption.
    pub printed: bool,
    /// The authorities whose claims changed, in statute order.
    pub authorities: Vec<AuthorityChange>,
}

impl SystemDiff {
    /// Whether nothing changed but HISTORY (which every revision extends).
    pub fn is_empty(&self) -> bool {
        !self.identifier.changed()
            && !self.name.changed()
            && self.captions.iter().all(|c| c.element == Element::History || !c.status.is_change())
            && !self.routine_uses.has_changes()
            && self.exemptions.authorities.is_empty()
    }

    /// The changed prose captions, HISTORY aside.
    pub fn changed_captions(&self) -> impl Iterator<Item = &CaptionDiff> {
        self.captions.iter().filter(|c| c.element != Element::History && c.status.is_change())
    }
}

/// The changes between the first system of `old` and the first system of `new`.
pub fn diff(old: &Sorn, new: &Sorn) -> SystemDiff {
    let (o, n) = (&old.system, &new.system);
    SystemDiff {
        identifier: Both { old: o.id.value.trim().to_string(), new: n.id.value.trim().to_string() },
        name: Both { old: o.name.value.trim().to_string(), new: n.name.value.trim().to_string() },
        captions: caption_order(old.template.value, new.template.value)
            .into_iter()
            .filter_map(|element| caption_diff(element, new, o, n))
            .collect(),
        routine_uses: routine_uses(o, n, new.partial),
        exemptions: exemptions(o, n, new.partial),
    }
}

/// The prose elements of the new caption set in its order, then those only the old set has.
fn caption_order(old: Template, new: Template) -> Vec<Element> {
    let mut out: Vec<Element> = Vec::new();
    for spec in new.captions().iter().chain(old.captions()) {
        let prose = !matches!(spec.element, Element::SystemName | Element::RoutineUses | Element::Exemptions);
        if prose && !out.contains(&spec.element) {
            out.push(spec.element);
        }
    }
    out
}

/// The caption as the new version prints it: its own spelling, else its caption set's.
pub fn caption_name(sorn: &Sorn, element: Element) -> String {
    if let Some(own) = sorn.captions.get(&element) {
        return own.value.trim().trim_end_matches(':').to_string();
    }
    let spec = sorn.template.value.caption(element).or_else(|| {
        let other = if sorn.template.value == Template::A108 { Template::Legacy } else { Template::A108 };
        other.caption(element)
    });
    spec.map_or_else(|| System::key(element).to_string(), |s| s.caption.to_string())
}

fn caption_diff(element: Element, new: &Sorn, o: &System, n: &System) -> Option<CaptionDiff> {
    let (old_text, new_text) = (present(o.prose(element)), present(n.prose(element)));
    let status = match (old_text, new_text) {
        (None, None) => return None,
        (Some(_), None) if new.partial => Status::NotPrinted,
        (Some(_), None) => Status::Removed,
        (None, Some(_)) => Status::Added,
        (Some(a), Some(b)) if same_words(a, b) => Status::Unchanged,
        (Some(_), Some(_)) => Status::Changed,
    };
    let (a, b) = (old_text.unwrap_or(""), new_text.unwrap_or(""));
    let words = if status.is_change() { diff_words(a, b) } else { Vec::new() };
    let (items_added, items_removed) =
        if status.is_change() && matches!(element, Element::Individuals | Element::Records) {
            added_and_removed(a, b)
        } else {
            (Vec::new(), Vec::new())
        };
    Some(CaptionDiff { element, caption: caption_name(new, element), status, words, items_added, items_removed })
}

/// The text of a caption, unless it is absent or blank.
fn present(prose: Option<&Prose>) -> Option<&str> {
    prose.map(|p| p.value.as_str()).filter(|t| !t.trim().is_empty())
}

fn entry(index: usize, u: &RoutineUse) -> UseEntry {
    UseEntry { index, id: u.id.value.trim().to_string(), text: u.text.value.clone() }
}

fn routine_uses(o: &System, n: &System, partial: bool) -> RoutineUsesDiff {
    let printed = !(partial && n.routine_uses.is_empty() && n.routine_uses_intro.is_none());
    let mut out = RoutineUsesDiff {
        printed,
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        relettered: Vec::new(),
        unchanged: 0,
        intro: Vec::new(),
        note: Vec::new(),
    };
    if !printed {
        return out;
    }
    let old_texts: Vec<&str> = o.routine_uses.iter().map(|u| u.text.value.as_str()).collect();
    let new_texts: Vec<&str> = n.routine_uses.iter().map(|u| u.text.value.as_str()).collect();
    let mut matched_old = vec![false; old_texts.len()];
    for (j, m) in match_texts(&old_texts, &new_texts).into_iter().enumerate() {
        let new_use = entry(j, &n.routine_uses[j]);
        let (i, similarity) = match m {
            Matched::Added => {
                out.added.push(new_use);
                continue;
            }
            Matched::Same(i) => (i, 1.0),
            Matched::Changed(i, s) => (i, s),
        };
        matched_old[i] = true;
        let old_use = entry(i, &o.routine_uses[i]);
        let reworded = !same_words(&old_use.text, &new_use.text);
        let words = if reworded { diff_words(&old_use.text, &new_use.text) } else { Vec::new() };
        let relettered = old_use.id != new_use.id;
        let pair = MatchedUse { old: old_use, new: new_use, similarity, words };
        match (reworded, relettered) {
            (true, _) => out.changed.push(pair),
            (false, true) => out.relettered.push(pair),
            (false, false) => out.unchanged += 1,
        }
    }
    out.removed =
        o.routine_uses.iter().enumerate().filter(|(i, _)| !matched_old[*i]).map(|(i, u)| entry(i, u)).collect();
    out.intro = prose_words(o.routine_uses_intro.as_ref(), n.routine_uses_intro.as_ref());
    out.note = prose_words(o.routine_uses_note.as_ref(), n.routine_uses_note.as_ref());
    out
}

/// The word differences of two optional texts; empty when they say the same.
fn prose_words(old: Option<&Prose>, new: Option<&Prose>) -> Vec<WordRun> {
    let (a, b) = (old.map_or("", |p| p.value.as_str()), new.map_or("", |p| p.value.as_str()));
    if same_words(a, b) { Vec::new() } else { diff_words(a, b) }
}

/// The provisions claimed under each authority.
fn claims(system: &System) -> BTreeMap<Authority, BTreeSet<Subsection>> {
    let mut map: BTreeMap<Authority, BTreeSet<Subsection>> = BTreeMap::new();
    for claim in system.exemptions.iter().flat_map(|e| &e.claims) {
        if let Some(authority) = claim.authority() {
            map.entry(authority).or_default().extend(claim.subsections.subsections());
        }
    }
    map
}

fn exemptions(o: &System, n: &System, partial: bool) -> ExemptionsDiff {
    let printed = !(partial && n.exemptions.is_none());
    let mut authorities = Vec::new();
    if printed {
        let (old, new) = (claims(o), claims(n));
        let every: BTreeSet<Authority> = old.keys().chain(new.keys()).copied().collect();
        let empty = BTreeSet::new();
        for authority in every {
            let (a, b) = (old.get(&authority), new.get(&authority));
            let (a_set, b_set) = (a.unwrap_or(&empty), b.unwrap_or(&empty));
            if a_set == b_set && a.is_some() == b.is_some() {
                continue;
            }
            let status = match (a, b) {
                (None, _) => Status::Added,
                (_, None) => Status::Removed,
                _ => Status::Changed,
            };
            let list =
                |set: BTreeSet<&Subsection>| -> Vec<String> { set.into_iter().map(ToString::to_string).collect() };
            authorities.push(AuthorityChange {
                authority: authority.to_string(),
                status,
                added: list(b_set.difference(a_set).collect()),
                removed: list(a_set.difference(b_set).collect()),
            });
        }
    }
    ExemptionsDiff { printed, authorities }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Document;

    const PUBLISHED: &str = include_str!("../../tests/fixtures/revision/published.toml");

    fn sorn(text: &str) -> Sorn {
        let ws = crate::source::load_str("test.toml", text);
        match ws.documents.into_iter().next().map(|d| d.document) {
            Some(Document::Sorn(s)) => *s,
            _ => panic!("not a SORN: {:?}", ws.diagnostics),
        }
    }

    fn with_claims(text: &str, claims: &str) -> String {
        text.replace(
            "[system.exemptions]\ntext = \"None.\"\n",
            &format!("[system.exemptions]\nofficial = \"the Secretary\"\n{claims}"),
        )
    }

    #[test]
    fn the_same_notice_has_no_changes() {
        let s = sorn(PUBLISHED);
        let d = diff(&s, &s);
        assert!(d.is_empty());
        assert_eq!(d.routine_uses.unchanged, 4);
        assert!(d.captions.iter().all(|c| c.status == Status::Unchanged));
    }

    #[test]
    fn exemptions_compare_per_authority() {
        let old = with_claims(
            PUBLISHED,
            "\n[[system.exemptions.claims]]\nauthority = \"(k)(2)\"\nsubsections = [\"(c)(3)\", \"(d)\"]\n",
        );
        let new = with_claims(
            PUBLISHED,
            "\n[[system.exemptions.claims]]\nauthority = \"(k)(2)\"\nsubsections = [\"(c)(3)\", \"(e)(1)\"]\n\n[[system.exemptions.claims]]\nauthority = \"(k)(5)\"\nsubsections = [\"(d)\"]\n",
        );
        let d = diff(&sorn(&old), &sorn(&new));
        let got: Vec<(&str, Status, String, String)> = d
            .exemptions
            .authorities
            .iter()
            .map(|a| (a.authority.as_str(), a.status, a.added.join(" "), a.removed.join(" ")))
            .collect();
        assert_eq!(
            got,
            [
                ("(k)(2)", Status::Changed, "(e)(1)".to_string(), "(d)".to_string()),
                ("(k)(5)", Status::Added, "(d)".to_string(), String::new())
            ]
        );
    }

    #[test]
    fn a_partial_notice_leaves_what_it_does_not_print() {
        let mut new = sorn(PUBLISHED);
        new.partial = true;
        new.system.storage = None;
        new.system.routine_uses.clear();
        new.system.routine_uses_intro = None;
        let d = diff(&sorn(PUBLISHED), &new);
        let storage = d.captions.iter().find(|c| c.element == Element::Storage).unwrap();
        assert_eq!(storage.status, Status::NotPrinted);
        assert!(!d.routine_uses.printed && d.routine_uses.removed.is_empty());
        assert!(d.is_empty());
    }

    #[test]
    fn removed_captions_and_uses_are_removed_in_a_full_notice() {
        let mut new = sorn(PUBLISHED);
        new.system.storage = None;
        new.system.routine_uses.remove(1);
        let d = diff(&sorn(PUBLISHED), &new);
        assert_eq!(d.captions.iter().find(|c| c.element == Element::Storage).unwrap().status, Status::Removed);
        assert_eq!(d.routine_uses.removed.iter().map(|u| u.id.as_str()).collect::<Vec<_>>(), ["B"]);
        assert_eq!(d.routine_uses.unchanged, 3);
        assert_eq!(d.routine_uses.relettered.len(), 0, "C and D keep their letters");
    }
}
