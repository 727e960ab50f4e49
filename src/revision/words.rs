//! Word-level differences between two texts, bounded so that no input makes them quadratic.
//!
//! Texts are split into words (whitespace-separated). The common head and tail are set aside;
//! what is left is compared word by word with Myers' algorithm when it is at most
//! [`WORD_LIMIT`] words long. Longer middles are compared paragraph by paragraph: paragraphs
//! found once in each text anchor the comparison (as in patience diff), the stretches between
//! anchors are compared paragraph by paragraph when short, and only the replaced paragraph runs
//! that are short enough are compared word by word; the rest stay whole deletions and
//! insertions. Every step is deterministic (no timeouts), and no run of Myers' algorithm sees
//! more than `WORD_LIMIT` tokens, so the work grows with the input times `WORD_LIMIT`.

use serde::Serialize;
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// The most words (both sides together) compared word by word in one run of Myers' algorithm,
/// whose cost is at most the square of this.
pub const WORD_LIMIT: usize = 6_000;

/// What one run of words does between the old and the new text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WordOp {
    /// In both texts.
    Equal,
    /// Only in the old text.
    Delete,
    /// Only in the new text.
    Insert,
}

/// A run of words with what happened to it; `text` is the words joined by single spaces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WordRun {
    /// What happened.
    pub op: WordOp,
    /// The words.
    pub text: String,
}

/// The words of a text, whitespace collapsed.
pub fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// Whether two texts say the same words (whitespace and line breaks aside).
pub fn same_words(old: &str, new: &str) -> bool {
    old.split_whitespace().eq(new.split_whitespace())
}

/// The differences between two texts as runs of equal, deleted and inserted words, in order.
pub fn diff_words(old: &str, new: &str) -> Vec<WordRun> {
    let old_paragraphs = paragraphs(old);
    let new_paragraphs = paragraphs(new);
    let mut out = Runs::default();
    let old_words: Vec<&str> = old_paragraphs.iter().flatten().copied().collect();
    let new_words: Vec<&str> = new_paragraphs.iter().flatten().copied().collect();
    let head = common_prefix(&old_words, &new_words);
    let tail = common_prefix_rev(&old_words[head..], &new_words[head..]);
    if (old_words.len() - head - tail) + (new_words.len() - head - tail) <= WORD_LIMIT {
        out.push_all(WordOp::Equal, &old_words[..head]);
        by_words(&old_words[head..old_words.len() - tail], &new_words[head..new_words.len() - tail], &mut out);
        out.push_all(WordOp::Equal, &old_words[old_words.len() - tail..]);
    } else {
        by_paragraphs(&old_paragraphs, &new_paragraphs, &mut out);
    }
    out.runs
}

/// Word-by-word comparison of two short slices.
fn by_words(old: &[&str], new: &[&str], out: &mut Runs) {
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        match op {
            DiffOp::Equal { old_index, len, .. } => out.push_all(WordOp::Equal, &old[old_index..old_index + len]),
            DiffOp::Delete { old_index, old_len, .. } => {
                out.push_all(WordOp::Delete, &old[old_index..old_index + old_len])
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                out.push_all(WordOp::Insert, &new[new_index..new_index + new_len])
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                out.push_all(WordOp::Delete, &old[old_index..old_index + old_len]);
                out.push_all(WordOp::Insert, &new[new_index..new_index + new_len]);
            }
        }
    }
}

/// Paragraph-by-paragraph comparison of long texts. The paragraphs found exactly once in each
/// text, in the same order (the longest such sequence, found in n log n as patience diff does),
/// anchor the comparison; between anchors, runs of at most [`WORD_LIMIT`] paragraphs are compared
/// paragraph by paragraph, and longer ones are replaced whole. Each replaced run of paragraphs
/// short enough is then compared word by word.
fn by_paragraphs(old: &[Vec<&str>], new: &[Vec<&str>], out: &mut Runs) {
    let head = common_prefix(old, new);
    let tail = common_prefix_rev(&old[head..], &new[head..]);
    for p in &old[..head] {
        out.push_all(WordOp::Equal, p);
    }
    let (old_mid, new_mid) = (&old[head..old.len() - tail], &new[head..new.len() - tail]);
    let (mut at_old, mut at_new) = (0, 0);
    for (i, j) in unique_anchors(old_mid, new_mid) {
        between_anchors(&old_mid[at_old..i], &new_mid[at_new..j], out);
        out.push_all(WordOp::Equal, &old_mid[i]);
        (at_old, at_new) = (i + 1, j + 1);
    }
    between_anchors(&old_mid[at_old..], &new_mid[at_new..], out);
    for p in &old[old.len() - tail..] {
        out.push_all(WordOp::Equal, p);
    }
}

/// The stretch between two anchors: paragraph by paragraph when short, replaced whole otherwise.
fn between_anchors(old: &[Vec<&str>], new: &[Vec<&str>], out: &mut Runs) {
    if old.len() + new.len() > WORD_LIMIT {
        replaced(old, new, out);
        return;
    }
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (o, n) = (op.old_range(), op.new_range());
        match op {
            DiffOp::Equal { .. } => old[o].iter().for_each(|p| out.push_all(WordOp::Equal, p)),
            _ => replaced(&old[o], &new[n], out),
        }
    }
}

/// Index pairs of the paragraphs that occur once in each text, the longest sequence of them in
/// the same order in both.
fn unique_anchors(old: &[Vec<&str>], new: &[Vec<&str>]) -> Vec<(usize, usize)> {
    use std::collections::HashMap;
    let mut counts: HashMap<&[&str], (usize, usize, usize)> = HashMap::new();
    for (i, p) in old.iter().enumerate() {
        let e = counts.entry(p.as_slice()).or_insert((0, 0, 0));
        e.0 += 1;
        e.2 = i;
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut seen_new: HashMap<&[&str], usize> = HashMap::new();
    for p in new {
        *seen_new.entry(p.as_slice()).or_default() += 1;
    }
    for (j, p) in new.iter().enumerate() {
        if let Some(&(1, _, i)) = counts.get(p.as_slice())
            && seen_new.get(p.as_slice()) == Some(&1)
        {
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    longest_increasing(&pairs)
}

/// The longest subsequence of pairs (sorted by the first index) increasing in the second index.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < j);
        previous[k] = at.checked_sub(1).map(|a| tails[a]);
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut out = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(k) = at {
        out.push(pairs[k]);
        at = previous[k];
    }
    out.reverse();
    out
}

/// A run of old paragraphs replaced by new ones: word by word when short, whole otherwise.
fn replaced(old: &[Vec<&str>], new: &[Vec<&str>], out: &mut Runs) {
    let old_words: Vec<&str> = old.iter().flatten().copied().collect();
    let new_words: Vec<&str> = new.iter().flatten().copied().collect();
    if old_words.len() + new_words.len() <= WORD_LIMIT {
        by_words(&old_words, &new_words, out);
    } else {
        out.push_all(WordOp::Delete, &old_words);
        out.push_all(WordOp::Insert, &new_words);
    }
}

/// The text's paragraphs (separated by blank lines), each as its words.
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else {
            current.extend(line.split_whitespace());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn common_prefix<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

fn common_prefix_rev<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count()
}

/// Runs being built: a word joins the last run when it has the same operation.
#[derive(Default)]
struct Runs {
    runs: Vec<WordRun>,
}

impl Runs {
    fn push_all(&mut self, op: WordOp, words: &[&str]) {
        if words.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.op == op => {
                for w in words {
                    last.text.push(' ');
                    last.text.push_str(w);
                }
            }
            _ => self.runs.push(WordRun { op, text: words.join(" ") }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(runs: &[WordRun]) -> String {
        runs.iter()
            .map(|r| match r.op {
                WordOp::Equal => r.text.clone(),
                WordOp::Delete => format!("[-{}-]", r.text),
                WordOp::Insert => format!("{{+{}+}}", r.text),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn marks_the_words_that_change() {
        let runs = diff_words("Records are kept in Washington, DC.", "Records are kept in\nDallas, TX.");
        assert_eq!(show(&runs), "Records are kept in [-Washington, DC.-] {+Dallas, TX.+}");
    }

    #[test]
    fn whitespace_is_not_a_change() {
        assert!(same_words("a  b\nc", "a b c"));
        assert_eq!(diff_words("a  b\nc", "a b c"), vec![WordRun { op: WordOp::Equal, text: "a b c".into() }]);
    }

    #[test]
    fn long_texts_fall_back_to_paragraphs_and_stay_fast() {
        let old: String = (0..20_000).map(|i| format!("w{i}\n\n")).collect();
        let new: String =
            (0..20_000).map(|i| if i % 1000 == 0 { format!("x{i}\n\n") } else { format!("w{i}\n\n") }).collect();
        let started = std::time::Instant::now();
        let runs = diff_words(&old, &new);
        assert!(started.elapsed().as_secs() < 10);
        assert_eq!(runs.iter().filter(|r| r.op == WordOp::Insert).count(), 20);
        // Nothing without a shared word: replaced whole, at once.
        let a: String = (0..20_000).map(|i| format!("a{i} ")).collect();
        let b: String = (0..20_000).map(|i| format!("b{i} ")).collect();
        let runs = diff_words(&a, &b);
        assert_eq!(runs.iter().map(|r| r.op).collect::<Vec<_>>(), [WordOp::Delete, WordOp::Insert]);
    }
}
