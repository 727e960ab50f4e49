use crate::check::Context;
use crate::check::Finding;
use crate::model::{Element, Sorn, Template};

crate::declare_rule! {
    /// ## What it checks
    /// That the entries of a partial notice's "Changes:" list (`[[system.changes]]`) follow the
    /// order of the captions in the notice's template: a change to "System location" comes before
    /// one to "Categories of records in the system", as the captions are printed in a full
    /// notice. Entries whose caption sorn does not recognize are not judged.
    ///
    /// ## Why
    /// A notice of revision prints only what changes, each entry under the caption it changes;
    /// a reader checks it against the full notice caption by caption. An entry out of order is
    /// easily missed, and often means an entry was added late without the list being reread.
    ///
    /// ## Example
    /// ```toml
    /// [[system.changes]]
    /// caption = "Categories of records in the system"
    ///
    /// [[system.changes]]
    /// caption = "System location"
    /// ```
    /// Use instead: "System location" first.
    ///
    /// ## Fix
    /// Where every entry's caption is recognized and no entry marks omitted entries (`stars`,
    /// whose place among the entries is what it says), `sorn check --fix` moves the
    /// `[[system.changes]]` entries into the captions' order (entries under one caption keep
    /// their order), each entry whole: its text, its routine uses, its comments.
    pub const META = ("change-order", Structure, Warning, "The entries of a partial notice's changes are out of the captions' order.");
    basis = [
        (Convention, "notices of revision (e.g. DoD alteration notices before 2017)", "the changed entries are listed under their captions in the order of the full notice; no rule prescribes the order, so the rule warns"),
    ];
}

/// A caption as compared: lower case, letters only, "(s)" removed, single spaces.
fn comparable(caption: &str) -> String {
    let without = caption.to_lowercase().replace("(s)", "");
    let kept: String = without.chars().map(|c| if c.is_alphabetic() { c } else { ' ' }).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The element a change's caption names: the caption as the source spells it, else the
/// template's caption that it equals or begins (the longest such).
fn element_of(sorn: &Sorn, caption: &str) -> Option<Element> {
    let wanted = comparable(caption);
    if wanted.is_empty() {
        return None;
    }
    if let Some((element, _)) = sorn.captions.iter().find(|(_, c)| comparable(&c.value) == wanted) {
        return Some(*element);
    }
    [Template::Legacy, Template::A108]
        .iter()
        .flat_map(|t| t.captions())
        .filter(|spec| {
            let known = comparable(spec.caption);
            known == wanted || known.starts_with(&format!("{wanted} ")) || wanted.starts_with(&format!("{known} "))
        })
        .max_by_key(|spec| spec.caption.len())
        .map(|spec| spec.element)
}

/// The fix that puts the changes in the captions' order, if every change's place is known and
/// none marks omitted entries.
fn reorder_fix(
    cx: &Context<'_>,
    file: crate::diagnostic::FileId,
    sorn: &Sorn,
    place: impl Fn(&str) -> Option<usize>,
) -> Option<crate::diagnostic::Edit> {
    let changes = &sorn.system.changes;
    let mut keyed: Vec<(usize, usize, usize)> = Vec::with_capacity(changes.len());
    for (k, change) in changes.iter().enumerate() {
        let caption = change.caption.as_ref().filter(|_| !change.stars)?;
        keyed.push((place(&caption.value)?, k, caption.span.start));
    }
    let anchors: Vec<usize> = keyed.iter().map(|&(_, _, anchor)| anchor).collect();
    keyed.sort_by_key(|&(at, k, _)| (at, k));
    let order: Vec<usize> = keyed.iter().map(|&(_, k, _)| k).collect();
    crate::check::reorder::reorder(cx.text(file), &anchors, &order)
}

/// Reports each change whose caption comes before the previous change's.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        let order = sorn.template.value.captions();
        let position = |e: Element| order.iter().position(|spec| spec.element == e);
        let place = |caption: &str| element_of(sorn, caption).and_then(position);
        let mut fixed = false;
        let mut previous: Option<(usize, &str)> = None;
        for change in &sorn.system.changes {
            let Some(caption) = &change.caption else { continue };
            let Some(at) = place(&caption.value) else { continue };
            if let Some((_, name)) = previous.filter(|(before, _)| at < *before) {
                let finding = Finding::new(
                    format!("the change to \"{}\" is listed after the change to \"{name}\"", caption.value.trim()),
                    cx.label(doc.file, caption.span.clone(), "out of the captions' order"),
                )
                .with_help(format!(
                    "list \"{}\" before \"{name}\", in the order of the notice's captions",
                    caption.value.trim()
                ));
                // One fix answers every entry out of order; the first finding carries it.
                let fix = if fixed { None } else { reorder_fix(cx, doc.file, sorn, place) };
                fixed = true;
                out.push(match fix {
                    Some(edit) => finding.with_edits(
                        doc.file,
                        vec![edit],
                        "puts the changes in the captions' order, each with all its keys and comments",
                    ),
                    None => finding,
                });
                continue;
            }
            previous = Some((at, caption.value.trim()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::comparable;

    #[test]
    fn captions_compare_without_case_or_plural_marks() {
        assert_eq!(comparable("System manager(s) and address:"), "system manager and address");
        assert_eq!(comparable("SYSTEM LOCATION"), comparable("System location"));
    }
}
