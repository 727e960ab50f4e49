use std::collections::BTreeMap;

use crate::check::Context;
use crate::check::Finding;

crate::declare_rule! {
    /// ## What it checks
    /// That no routine use is printed twice: two routine uses whose text is the same, once case,
    /// spacing and punctuation are set aside, under two letters.
    ///
    /// ## Why
    /// A routine use pasted twice usually means one was meant to be replaced and was not: the
    /// notice then publishes one use too few and one twice, and every later reference by letter
    /// is ambiguous about which one it means.
    ///
    /// ## Example
    /// Routine uses `C` and `F` both read "To the Department of Justice ... when the records are
    /// relevant to litigation."
    ///
    /// Use instead: delete one and reletter, or write the routine use that was meant.
    pub const META = ("duplicate-routine-use", Structure, Warning, "The same routine use twice, under two letters.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(4)(D)", "a SORN publishes \"each routine use of the records contained in the system, including the categories of users and the purpose of such use\"; the statute does not forbid printing one twice, so a repeat is a warning"),
        (Convention, "published SORNs", "routine uses are cited by letter, so each letter stands for one use"),
    ];
}

/// The text of a routine use as compared: lower case, letters and digits only, single spaces.
fn comparable(text: &str) -> String {
    let kept: String = text.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Reports each routine use whose text repeats an earlier one.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        // The routine uses caption's and those an alteration's replacement text prints.
        let uses: Vec<_> = sorn.system.all_routine_uses().collect();
        for (i, use_) in uses.iter().enumerate() {
            let text = comparable(&use_.text.value);
            if text.is_empty() {
                continue;
            }
            let Some(&first) = seen.get(&text) else {
                seen.insert(text, i);
                continue;
            };
            let earlier = uses[first];
            out.push(
                Finding::new(
                    format!(
                        "routine use {} repeats routine use {} word for word",
                        use_.id.value.trim(),
                        earlier.id.value.trim()
                    ),
                    cx.label(doc.file, use_.text.span.clone(), "the same text"),
                )
                .with_label(cx.label(doc.file, earlier.text.span.clone(), "first printed here"))
                .with_help("delete the repeated routine use and reletter, or write the one that was meant"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::comparable;

    #[test]
    fn case_spacing_and_punctuation_do_not_count() {
        assert_eq!(comparable("To the DOJ,  when\nrelevant."), comparable("to the DOJ when relevant"));
        assert_ne!(comparable("To the DOJ."), comparable("To the OPM."));
    }
}
