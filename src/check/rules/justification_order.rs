use crate::check::Finding;
use crate::check::{Context, justified_citations, letter};
use crate::statute::Subsection;

crate::declare_rule! {
    /// ## What it checks
    /// That the lettered justifications follow the order of the statute: (c) before (d) before
    /// (e)(1) before (e)(2) ..., judged by the first provision each one covers.
    ///
    /// ## Why
    /// Readers and reviewers find a provision's reason by its place. Published exemption rules
    /// usually give the reasons in the order of the statute, as the claim list is printed. This
    /// is a drafting convention, not a requirement of the statute or of 1 CFR: the rule warns.
    ///
    /// ## Example
    /// Justifications for `(d)`, then `(c)(3)`.
    ///
    /// Use instead: `(c)(3)`, then `(d)`.
    pub const META = ("justification-order", Structure, Warning, "Justifications are out of the statute's order.");
    basis = [
        (Convention, "published exemption rules (e.g. 6 CFR part 5, appendix C; 28 CFR 16.70-16.139)", "the reasons usually follow the order of the statute, as the claim list does; no statute or regulation requires an order"),
    ];
}

/// Reports each justification whose first provision comes before the previous one's.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, rule) in cx.exemption_rules() {
        let cited = justified_citations(rule);
        let mut firsts: Vec<(usize, Subsection, std::ops::Range<usize>)> = Vec::new();
        for c in &cited {
            match firsts.iter_mut().find(|(j, _, _)| *j == c.justification) {
                Some(entry) if c.subsection < entry.1 => {
                    entry.1 = c.subsection;
                    entry.2 = c.span.clone();
                }
                Some(_) => {}
                None => firsts.push((c.justification, c.subsection, c.span.clone())),
            }
        }
        for pair in firsts.windows(2) {
            let (prev, next) = (&pair[0], &pair[1]);
            if next.1 < prev.1 {
                out.push(
                    Finding::new(
                        format!(
                            "justification {} ({}) comes after {} ({}), out of the statute's order",
                            letter(rule, next.0),
                            next.1,
                            letter(rule, prev.0),
                            prev.1
                        ),
                        cx.label(doc.file, next.2.clone(), "out of order"),
                    )
                    .with_label(cx.label(doc.file, prev.2.clone(), "comes later in the statute"))
                    .with_help(format!("move the justification for {} before the one for {}", next.1, prev.1)),
                );
            }
        }
    }
}
