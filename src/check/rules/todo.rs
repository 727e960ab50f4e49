use crate::check::Context;
use crate::check::Finding;
use crate::model::placeholders::todos;

crate::declare_rule! {
    /// ## What it checks
    /// That no `{todo}` placeholder is left in a source: `sorn new` writes `{todo: what to
    /// write}` in every field of a skeleton, and each one is listed, with its place, until the
    /// author replaces it.
    ///
    /// ## Why
    /// A skeleton loads and renders from the first minute, so an unfinished field must be told
    /// apart from a finished one. `sorn build` refuses a source that still has one (a review
    /// copy is `sorn build --draft`, which prints "[TODO: ...]" and marks the copy DRAFT).
    ///
    /// ## Example
    /// ```toml
    /// [system]
    /// retention = "{todo: the NARA schedule and what happens to the records}"
    /// ```
    /// Use instead: the text itself.
    pub const META = ("todo", Structure, Warning, "A `{todo}` placeholder that the author has still to replace.");
    basis = [
        (Convention, "sorn's `{todo}` placeholder", "sorn marks the text an author has still to write; it is not part of any published document"),
    ];
}

/// Reports every `{todo}` left in a source.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        for todo in todos(cx.text(doc.file)) {
            let message = match todo.what {
                "" => "text still to be written".to_string(),
                what => format!("still to be written: {what}"),
            };
            out.push(
                Finding::new(message, cx.label(doc.file, todo.range, "todo"))
                    .with_help("replace the placeholder with the text; `sorn build` refuses the source until then (`--draft` renders a review copy)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::placeholders::{Todo, todos};

    #[test]
    fn finds_every_todo_once_and_skips_literals() {
        let text = "a = \"{todo: the name}\"\nb = \"{{todo}} and {todo}\"\nc = \"{todolist}\" d = \"{todo\"\n";
        let found: Vec<(&str, &str)> =
            todos(text).iter().map(|Todo { range, what }| (&text[range.clone()], *what)).collect();
        assert_eq!(found, [("{todo: the name}", "the name"), ("{todo}", "")]);
    }
}
