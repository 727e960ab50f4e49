use crate::check::{Context, Finding};
use crate::model::Document;

crate::declare_rule! {
    /// ## What it checks
    /// That the `[revises]` links of the loaded SORNs form chains, oldest to newest, and never a
    /// cycle (a notice that revises, directly or through others, itself). A cycle is reported
    /// once, at the `source` of its first member, with the others labelled.
    ///
    /// ## Why
    /// A system's versions are ordered by publication: each revision comes after the notice it
    /// revises. In a cycle no version is the current one, so sorn cannot pair a rule with it or
    /// compare a revision with its predecessor.
    ///
    /// ## Example
    /// `a.toml` with `[revises] source = "b.toml"`, and `b.toml` with `[revises] source = "a.toml"`.
    ///
    /// Use instead: the earlier notice without `[revises]` (or naming the one before it).
    pub const META = ("revises-cycle", Consistency, Warning, "SORNs whose `[revises]` links form a cycle.");
    basis = [
        (Convention, "sorn's `[revises]` table", "a revision names the notice it revises, which was published before it; the links of a system's versions form a chain"),
    ];
}

/// Walks each chain once (a document is on the current walk, finished, or not yet seen), so the
/// check is linear in the number of documents.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    const UNSEEN: u8 = 0;
    const ON_WALK: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![UNSEEN; cx.documents.len()];
    for (start, _, _) in cx.sorns() {
        let mut walk = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at.filter(|&i| state[i] == UNSEEN) {
            state[i] = ON_WALK;
            walk.push(i);
            at = cx.predecessor(i).map(|p| p.0);
        }
        if let Some(i) = at.filter(|&i| state[i] == ON_WALK) {
            let from = walk.iter().position(|&w| w == i).unwrap_or(0);
            let mut members = walk[from..].to_vec();
            members.sort_unstable();
            report(cx, &members, out);
        }
        for i in walk {
            state[i] = DONE;
        }
    }
}

fn report(cx: &Context<'_>, members: &[usize], out: &mut Vec<Finding>) {
    let source = |i: usize| match &cx.documents[i].document {
        Document::Sorn(s) => s.revises.as_ref().and_then(|r| r.source.clone()),
        Document::ExemptionRule(_) => None,
    };
    let Some((&first, rest)) = members.split_first() else { return };
    let Some(link) = source(first) else { return };
    let names: Vec<&str> = members.iter().map(|&i| cx.name(cx.documents[i].file)).collect();
    let mut finding = Finding::new(
        format!("the `[revises]` links of {} form a cycle: no version is the current one", names.join(", ")),
        cx.label(cx.documents[first].file, link.span.clone(), "revises"),
    )
    .with_help("remove `[revises]` from the earliest notice, or point it at the notice before it");
    for &i in rest {
        if let Some(link) = source(i) {
            finding = finding.with_label(cx.label(cx.documents[i].file, link.span.clone(), "which revises"));
        }
    }
    out.push(finding);
}
