use crate::check::Finding;
use crate::check::{Context, has_untyped_justification, justified_citations, letter};
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
    ///
    /// ## Fix
    /// `sorn check --fix` moves the `[[justifications]]` entries into the statute's order by their
    /// first provisions (ties keep their order), each entry whole: its keys, its sub-tables and
    /// the comments directly above it. The letters (a), (b) ... are generated, so they follow the
    /// new order. No fix is offered for reasons printed as written (`leadin = "written"`, whose
    /// text carries its own designation), for a justification citing no provision, or for entries
    /// written inline or interleaved with other tables.
    pub const META = ("justification-order", Structure, Warning, "Justifications are out of the statute's order.");
    basis = [
        (Convention, "published exemption rules (e.g. 6 CFR part 5, appendix C; 28 CFR 16.70-16.139)", "the reasons usually follow the order of the statute, as the claim list does; no statute or regulation requires an order"),
    ];
}

/// The order that puts the justifications in the statute's order by their first provisions,
/// keeping the order of those that tie: `order[k]` is the justification written `k`th.
fn statute_order(firsts: &[(usize, Subsection, std::ops::Range<usize>)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..firsts.len()).collect();
    order.sort_by_key(|&k| firsts[k].1);
    order.into_iter().map(|k| firsts[k].0).collect()
}

/// The fix that moves the justifications into the statute's order, each `[[justifications]]`
/// entry whole (its `change`, heading, lead-in, comments). Offered only where the letters are
/// generated, so that they follow the new order: a reason printed as written carries its own
/// designation ("(2) Subsection (d) ..."), which moving it would leave out of sequence.
fn reorder_fix(
    cx: &Context<'_>,
    doc: &crate::source::LoadedDocument,
    rule: &crate::model::ExemptionRule,
    firsts: &[(usize, Subsection, std::ops::Range<usize>)],
) -> Option<(Vec<crate::diagnostic::Edit>, String)> {
    let every_one = firsts.len() == rule.justifications.len() && !has_untyped_justification(rule);
    if rule.cfr.leadin() == crate::model::Leadin::Written || !every_one {
        return None;
    }
    let anchors: Vec<usize> = rule.justifications.iter().map(|j| j.text.span.start).collect();
    let edit = crate::check::reorder::reorder(cx.text(doc.file), &anchors, &statute_order(firsts))?;
    Some((vec![edit], "puts the justifications in the statute's order, each with all its keys and comments".into()))
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
        // One fix answers every pair out of order; the first finding carries it.
        let mut fix = None;
        for pair in firsts.windows(2) {
            let (prev, next) = (&pair[0], &pair[1]);
            if next.1 < prev.1 {
                let finding = Finding::new(
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
                .with_help(format!("move the justification for {} before the one for {}", next.1, prev.1));
                let first = fix.is_none();
                let fix = fix.get_or_insert_with(|| reorder_fix(cx, doc, rule, &firsts));
                out.push(match (first, fix.clone()) {
                    (true, Some((edits, description))) => finding.with_edits(doc.file, edits, description),
                    _ => finding,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_keep_their_order() {
        let s = |t: &str| Subsection::parse(t).unwrap();
        let firsts = vec![(0, s("(d)"), 0..0), (1, s("(c)(3)"), 0..0), (2, s("(d)"), 0..0), (3, s("(c)(4)"), 0..0)];
        assert_eq!(statute_order(&firsts), [1, 3, 0, 2]);
    }
}
