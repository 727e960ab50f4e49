use crate::check::Context;
use crate::check::Finding;
use crate::model::RoutineUseChange;
use crate::model::placeholders::ValueOrigin;

crate::declare_rule! {
    /// ## What it checks
    /// That a number the prose states for the routine uses matches the list:
    ///
    /// - "the following three routine uses" (or "3 routine uses") in the routine uses' lead-in
    ///   against the routine uses printed;
    /// - "two new routine uses" and "one modified (changed, revised) routine use" anywhere in
    ///   the notice against the routine uses marked `change = "new"` and `change = "changed"`,
    ///   when the notice marks any.
    ///
    /// ## Why
    /// The count is typed once and the list is edited many times. A notice that announces three
    /// new routine uses and prints two has lost one, or announces one that is not there; the
    /// public comments on what the notice says it adds.
    ///
    /// ## Example
    /// ```toml
    /// routine_uses_intro = "... the following three routine uses:"
    /// ```
    /// with four routine uses. Use instead: "the following four routine uses", or drop the count.
    pub const META = ("stated-count", Structure, Warning, "Prose states a number of routine uses that the list does not have.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(11)", "the notice is of \"any new use or intended use\": what it says it adds is what the public comments on"),
        (Convention, "published SORNs", "a count stated in prose matches the list it introduces"),
    ];
}

const NUMBERS: &[(&str, usize)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
];

fn number(word: &str) -> Option<usize> {
    let w = word.to_ascii_lowercase();
    NUMBERS.iter().find(|(n, _)| *n == w).map(|(_, v)| *v).or_else(|| w.parse().ok().filter(|n| *n > 0 && *n < 1000))
}

/// What a stated count counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Counted {
    All,
    New,
    Changed,
}

/// Every "<number> [new|modified|...] routine use(s)" in `text`: its byte range, the number and
/// what it counts. Only "the following <number> routine uses" counts all of them.
///
/// Words are runs of ASCII letters, digits and hyphens, read a byte at a time (no other byte
/// belongs to one) and compared ignoring ASCII case, so the text is not copied to lower case.
fn counts(text: &str) -> Vec<(std::ops::Range<usize>, usize, Counted)> {
    let bytes = text.as_bytes();
    let mut words: Vec<(usize, &str)> = Vec::new();
    let mut start = None;
    for i in 0..=bytes.len() {
        if bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'-') {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            words.push((s, &text[s..i]));
        }
    }
    let is = |j: usize, word: &str| words[j].1.eq_ignore_ascii_case(word);
    let mut out = Vec::new();
    for (k, &(at, word)) in words.iter().enumerate() {
        if !word.eq_ignore_ascii_case("routine") || !(k + 1 < words.len() && (is(k + 1, "uses") || is(k + 1, "use"))) {
            continue;
        }
        let end = words[k + 1].0 + words[k + 1].1.len();
        let before = k.checked_sub(1).map(|j| words[j].1.to_ascii_lowercase());
        let (qualifier, n_at) = match before.as_deref() {
            Some("new" | "additional") => (Counted::New, k.checked_sub(2)),
            Some("modified" | "changed" | "revised" | "updated") => (Counted::Changed, k.checked_sub(2)),
            _ => (Counted::All, k.checked_sub(1)),
        };
        let Some(n_at) = n_at else { continue };
        let Some(n) = number(words[n_at].1) else { continue };
        if qualifier == Counted::All && !(n_at >= 1 && is(n_at - 1, "following")) {
            continue;
        }
        out.push((words[n_at].0..end.max(at), n, qualifier));
    }
    out
}

/// Reports stated counts of routine uses the list does not have.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        let uses = &sorn.system.routine_uses;
        let marked =
            |c: RoutineUseChange| uses.iter().filter(|u| u.change.as_ref().is_some_and(|m| m.value == c)).count();
        let any_marked = uses.iter().any(|u| u.change.is_some());
        let source = cx.text(doc.file);
        for (key, prose) in doc.document.prose() {
            let origin = ValueOrigin::new(source, prose.span.clone(), &prose.value);
            for (range, stated, counted) in counts(&prose.value) {
                let (actual, what) = match counted {
                    Counted::All if key == "system.routine_uses_intro" => (uses.len(), "routine uses are printed"),
                    Counted::New if any_marked => {
                        (marked(RoutineUseChange::New), "routine uses are marked `change = \"new\"`")
                    }
                    Counted::Changed if any_marked => {
                        (marked(RoutineUseChange::Changed), "routine uses are marked `change = \"changed\"`")
                    }
                    _ => continue,
                };
                if actual == stated {
                    continue;
                }
                let phrase = prose.value.get(range.clone()).unwrap_or("").to_string();
                let span = origin.range(range);
                out.push(
                    Finding::new(
                        format!("the text says \"{phrase}\", but {actual} {what}"),
                        cx.label(doc.file, span, format!("in `{key}`")),
                    )
                    .with_help("correct the number, or the list"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Counted, counts};

    #[test]
    fn stated_counts() {
        let found = counts("adds two new routine uses and one modified routine use; the following 3 routine uses");
        let got: Vec<(usize, Counted)> = found.into_iter().map(|(_, n, c)| (n, c)).collect();
        assert_eq!(got, [(2, Counted::New), (1, Counted::Changed), (3, Counted::All)]);
        assert!(counts("two of the routine uses").is_empty());
        assert!(counts("routine uses A and B").is_empty());
        // Any case, and any character that is not an ASCII letter, digit or hyphen between words.
        let text = "The Following\u{00A0}TWO Routine\u{2014}Uses; Three NEW routine use";
        let found: Vec<(&str, usize, Counted)> = counts(text).into_iter().map(|(r, n, c)| (&text[r], n, c)).collect();
        assert_eq!(found, [("TWO Routine\u{2014}Uses", 2, Counted::All), ("Three NEW routine use", 3, Counted::New)]);
    }
}
