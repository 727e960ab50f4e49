use std::collections::HashMap;

use crate::check::Context;
use crate::check::Finding;

crate::declare_rule! {
    /// ## What it checks
    /// That routine uses are lettered (or numbered) in sequence, A, B, C ... (after Z: AA, BB ...)
    /// or 1, 2, 3 ..., with no letter used twice and none skipped. A notice of revision that
    /// prints only the routine uses it changes (`partial`) is checked from its first use on: "12.",
    /// then "13.".
    ///
    /// ## Why
    /// Routine uses are cited by letter ("routine use G"), in later notices, in information
    /// sharing agreements and in accountings of disclosures. A skipped or repeated letter makes
    /// every such reference ambiguous, and usually means a routine use was deleted or pasted in
    /// without relettering. The statute requires each routine use to be published; lettering them
    /// in sequence is a drafting convention, so the rule warns.
    ///
    /// ## Example
    /// Routine uses lettered `A`, `B`, `D`.
    ///
    /// Use instead: `A`, `B`, `C`.
    ///
    /// ## Fix
    /// Where the designations are exactly those the sequence expects, each once, only written in
    /// another order (`C`, `A`, `B`), `sorn check --fix` moves the `[[system.routine_uses]]`
    /// entries into the order of their designations, each entry whole (its `change`, its
    /// comments). Every routine use keeps its letter, so references to it stay right. A letter
    /// skipped or used twice is not fixed: relettering changes what other documents cite.
    pub const META = ("routine-use-order", Structure, Warning, "Routine uses are not lettered in sequence, or a letter is used twice.");
    basis = [
        (Convention, "published SORNs; OMB Circular A-108, Appendix II", "routine uses are lettered or numbered in sequence so that later notices can cite them; 5 U.S.C. 552a(e)(4)(D) requires each routine use to be published, not lettered"),
    ];
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Scheme {
    Upper,
    Lower,
    Number,
}

fn scheme_of(id: &str) -> Option<Scheme> {
    if !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()) {
        Some(Scheme::Number)
    } else if !id.is_empty() && id.chars().all(|c| c.is_ascii_uppercase()) {
        Some(Scheme::Upper)
    } else if !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase()) {
        Some(Scheme::Lower)
    } else {
        None
    }
}

fn expected(scheme: Scheme, index: usize) -> String {
    match scheme {
        Scheme::Number => (index + 1).to_string(),
        Scheme::Upper | Scheme::Lower => {
            let base = if scheme == Scheme::Upper { b'A' } else { b'a' };
            let ch = (base + (index % 26) as u8) as char;
            std::iter::repeat_n(ch, index / 26 + 1).collect()
        }
    }
}

/// The position of a designation in its scheme: "1" and "A" are 0, "AA" is 26.
fn position(scheme: Scheme, id: &str) -> Option<usize> {
    match scheme {
        Scheme::Number => id.parse::<usize>().ok()?.checked_sub(1),
        Scheme::Upper | Scheme::Lower => {
            let first = id.chars().next()?;
            let base = if scheme == Scheme::Upper { 'A' } else { 'a' };
            let same = id.chars().all(|c| c == first);
            same.then(|| 26 * (id.chars().count() - 1) + (first as usize - base as usize))
        }
    }
}

fn clean(id: &str) -> &str {
    id.trim().trim_end_matches(['.', ')']).trim_start_matches('(').trim()
}

/// The order that puts routine uses in sequence when their letters are exactly the letters the
/// sequence expects, each once, only written in another order (`C`, `A`, `B`): moving the entries
/// keeps every letter, so every reference to a routine use by its letter stays right. A letter
/// skipped or used twice asks for relettering, and which use takes which letter is the agency's
/// call: no order is given.
fn sequence_order(scheme: Scheme, ids: &[&str], offset: usize) -> Option<Vec<usize>> {
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(ids.len());
    for (k, id) in ids.iter().enumerate() {
        // Only the designations `expected` writes: "A" and "AA", not "a" in an upper-case list.
        let place = position(scheme, id).filter(|&p| expected(scheme, p) == *id)?;
        order.push((place, k));
    }
    order.sort_unstable();
    let in_sequence = order.iter().enumerate().all(|(i, &(place, _))| place == i + offset);
    in_sequence.then(|| order.into_iter().map(|(_, k)| k).collect())
}

/// Reports repeated identifiers and identifiers out of sequence.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        let uses = &sorn.system.routine_uses;
        let Some(first) = uses.first() else { continue };
        let Some(scheme) = scheme_of(clean(&first.id.value)) else {
            out.push(
                Finding::new(
                    format!("routine use \"{}\" is neither lettered nor numbered", first.id.value.trim()),
                    cx.label(doc.file, first.id.span.clone(), "expected A, a or 1"),
                )
                .with_help("letter routine uses A, B, C ... or number them 1, 2, 3 ..."),
            );
            continue;
        };
        // A notice that prints only the uses it changes (`partial`) starts where its first use
        // stands in the whole list ("* * * * * 12. To ..."); a full list starts at A or 1.
        let offset = if sorn.partial { position(scheme, clean(&first.id.value)).unwrap_or(0) } else { 0 };
        // The first routine use under each identifier: one lookup per use, not a scan of those before.
        let mut first_with: HashMap<&str, usize> = HashMap::with_capacity(uses.len());
        for (k, ru) in uses.iter().enumerate() {
            let i = k + offset;
            let id = clean(&ru.id.value);
            let earliest = *first_with.entry(id).or_insert(k);
            if earliest < k {
                let prev = &uses[earliest];
                out.push(
                    Finding::new(
                        format!("routine use {id} is lettered twice"),
                        cx.label(doc.file, ru.id.span.clone(), "again here"),
                    )
                    .with_label(cx.label(doc.file, prev.id.span.clone(), "first here"))
                    .with_help(format!(
                        "this is routine use number {}: letter it {}",
                        i + 1,
                        expected(scheme, i)
                    )),
                );
                continue;
            }
            let want = expected(scheme, i);
            if id != want {
                let finding = Finding::new(
                    format!("routine use {} is lettered {id}; the sequence expects {want}", i + 1),
                    cx.label(doc.file, ru.id.span.clone(), format!("expected {want}")),
                );
                let ids: Vec<&str> = uses.iter().map(|u| clean(&u.id.value)).collect();
                let anchors: Vec<usize> = uses.iter().map(|u| u.id.span.start).collect();
                let fix = sequence_order(scheme, &ids, offset)
                    .and_then(|order| crate::check::reorder::reorder(cx.text(doc.file), &anchors, &order));
                out.push(match fix {
                    Some(edit) => finding.with_help("put the routine uses in the order of their letters").with_edits(
                        doc.file,
                        vec![edit],
                        "puts the routine uses in the order of their letters, each with all its keys and comments",
                    ),
                    None => finding.with_help("reletter the routine uses in sequence (and update references to them)"),
                });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_permutation_of_the_sequence_is_put_in_order() {
        assert_eq!(sequence_order(Scheme::Upper, &["A", "C", "B"], 0), Some(vec![0, 2, 1]));
        assert_eq!(sequence_order(Scheme::Number, &["13", "12"], 11), Some(vec![1, 0]));
        assert_eq!(sequence_order(Scheme::Upper, &["AA", "Z"], 25), Some(vec![1, 0]));
        assert_eq!(sequence_order(Scheme::Upper, &["A", "B", "D"], 0), None, "a letter skipped");
        assert_eq!(sequence_order(Scheme::Upper, &["A", "B", "B"], 0), None, "a letter twice");
        assert_eq!(sequence_order(Scheme::Upper, &["B", "a"], 0), None, "two schemes");
        assert_eq!(sequence_order(Scheme::Upper, &["B", "AB"], 0), None, "no designation of the scheme");
    }
}
