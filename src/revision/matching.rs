//! Matching the routine uses of two versions of a system by what they say, not by their letters.
//!
//! A use whose normalized text (lower case, words of letters and digits only) is the same in
//! both versions is the same use, wherever it stands and whatever its letter: relettering is not
//! a change. The uses left over are paired by similarity: the share of word shingles (runs of
//! [`SHINGLE`] words) they have in common (Dice's coefficient), found through an index of
//! shingles rather than by comparing every pair, and accepted from [`THRESHOLD`] up, the best
//! pairs first. What is still left over was added or removed.

use std::collections::{BTreeMap, HashMap, HashSet};

/// Words per shingle.
pub const SHINGLE: usize = 3;
/// The least similarity at which two uses are one use changed rather than one removed and one added.
pub const THRESHOLD: f64 = 0.5;
/// A shingle found in more uses than this is boilerplate ("to the extent", "pursuant to 5 U.S.C."):
/// it says nothing about which use is which, and following it would make the search quadratic.
const COMMON: usize = 64;

/// How a use of the new version relates to the old version.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Matched {
    /// The old use at this index says the same.
    Same(usize),
    /// The old use at this index, changed; with the similarity.
    Changed(usize, f64),
    /// No old use: the use is new.
    Added,
}

/// A text reduced to what matching compares: lower-case words of letters and digits.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// For each new text, what it matches among the old texts; each old text is matched at most once.
pub fn match_texts(old: &[&str], new: &[&str]) -> Vec<Matched> {
    let old_norm: Vec<String> = old.iter().map(|t| normalize(t)).collect();
    let new_norm: Vec<String> = new.iter().map(|t| normalize(t)).collect();
    let mut by_text: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, t) in old_norm.iter().enumerate().rev() {
        by_text.entry(t.as_str()).or_default().push(i);
    }
    let mut used = vec![false; old.len()];
    let mut out = vec![Matched::Added; new.len()];
    for (j, t) in new_norm.iter().enumerate() {
        if let Some(i) = by_text.get_mut(t.as_str()).and_then(Vec::pop) {
            used[i] = true;
            out[j] = Matched::Same(i);
        }
    }
    let old_left: Vec<usize> = (0..old.len()).filter(|&i| !used[i]).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|&j| out[j] == Matched::Added).collect();
    for (j, i, score) in similar_pairs(&old_norm, &old_left, &new_norm, &new_left) {
        if !used[i] && out[j] == Matched::Added {
            used[i] = true;
            out[j] = Matched::Changed(i, score);
        }
    }
    out
}

/// The shingles of a normalized text, hashed; a text shorter than a shingle is one shingle.
fn shingles(text: &str) -> HashSet<u64> {
    use std::hash::{Hash, Hasher};
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    let hash = |ws: &[&str]| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        ws.hash(&mut h);
        h.finish()
    };
    if words.len() <= SHINGLE {
        return if words.is_empty() { HashSet::new() } else { HashSet::from([hash(&words)]) };
    }
    words.windows(SHINGLE).map(hash).collect()
}

/// Candidate pairs (new index, old index, similarity) at or above the threshold, best first;
/// ties go to the earlier new use, then the earlier old use.
fn similar_pairs(old: &[String], old_left: &[usize], new: &[String], new_left: &[usize]) -> Vec<(usize, usize, f64)> {
    let old_sets: BTreeMap<usize, HashSet<u64>> = old_left.iter().map(|&i| (i, shingles(&old[i]))).collect();
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (&i, set) in &old_sets {
        for &s in set {
            index.entry(s).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for &j in new_left {
        let set = shingles(&new[j]);
        let mut shared: BTreeMap<usize, usize> = BTreeMap::new();
        for s in &set {
            match index.get(s) {
                Some(olds) if olds.len() <= COMMON => olds.iter().for_each(|&i| *shared.entry(i).or_default() += 1),
                _ => {}
            }
        }
        for (i, n) in shared {
            let total = set.len() + old_sets[&i].len();
            let score = 2.0 * n as f64 / total as f64;
            if score >= THRESHOLD {
                pairs.push((j, i, score));
            }
        }
    }
    pairs.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)).then(a.1.cmp(&b.1)));
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relettered_uses_are_the_same_and_edited_ones_changed() {
        let old = [
            "To the Department of Justice when the records are relevant to litigation.",
            "To a Member of Congress at the request of the individual.",
            "To contractors performing work for the agency on this system of records.",
        ];
        let new = [
            "To a member of Congress at the request of the individual",
            "To the National Archives and Records Administration for records management inspections.",
            "To contractors, grantees and experts performing work for the agency on this system of records.",
            "To the Department of Justice when the records are relevant to litigation.",
        ];
        let m = match_texts(&old, &new);
        assert_eq!(m[0], Matched::Same(1));
        assert_eq!(m[1], Matched::Added);
        assert!(matches!(m[2], Matched::Changed(2, s) if s >= THRESHOLD));
        assert_eq!(m[3], Matched::Same(0));
    }

    #[test]
    fn four_thousand_uses_match_quickly() {
        let old: Vec<String> =
            (0..4000).map(|i| format!("To agency number {i} for purpose {} of the program", i * 7)).collect();
        let mut new = old.clone();
        new.reverse();
        new[10].push_str(" and its contractors");
        let (o, n): (Vec<&str>, Vec<&str>) =
            (old.iter().map(String::as_str).collect(), new.iter().map(String::as_str).collect());
        let started = std::time::Instant::now();
        let m = match_texts(&o, &n);
        assert!(started.elapsed().as_secs() < 5);
        assert_eq!(m.iter().filter(|x| matches!(x, Matched::Same(_))).count(), 3999);
        assert!(matches!(m[10], Matched::Changed(3989, _)));
    }
}
