use crate::check::Context;
use crate::check::Finding;
use crate::model::{Document, Unplaced};

crate::declare_rule! {
    /// ## What it checks
    /// That no `[[unplaced]]` text is left in a source. `sorn import` puts there whatever text of a
    /// published document it could not place in a field, with the line it came from, so that
    /// nothing is lost; sorn never prints it.
    ///
    /// ## Why
    /// Unplaced text is part of the published document that the rendered one would omit. Until it
    /// is moved into the field it belongs to (or deleted on purpose), the source does not say what
    /// the notice says.
    ///
    /// ## Example
    /// ```toml
    /// [[unplaced]]
    /// after = "system.location"
    /// line = 123
    /// text = "Records are also kept at the regional offices listed in the appendix."
    /// ```
    /// Use instead: move the sentence into `location`, and delete the `[[unplaced]]` entry.
    pub const META = ("unplaced-text", Structure, Warning, "Imported text that was not placed in any field, and would not be printed.");
}

/// One warning per unplaced entry.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        let unplaced: &[Unplaced] = match &doc.document {
            Document::Sorn(s) => &s.unplaced,
            Document::ExemptionRule(r) => &r.unplaced,
        };
        for u in unplaced {
            let line =
                u.line.as_ref().map_or(String::new(), |l| format!(" (line {} of the imported document)", l.value));
            let words = u.text.value.split_whitespace().count();
            out.push(
                Finding::new(
                    format!("{words} words of imported text after `{}` are not printed{line}", u.after.value.trim()),
                    cx.label(doc.file, u.text.span.clone(), "not in any field"),
                )
                .with_help("move the text into the field it belongs to, then delete this [[unplaced]] entry"),
            );
        }
    }
}
