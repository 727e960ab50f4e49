use crate::check::Context;
use crate::check::Finding;
use crate::model::Document;
use crate::model::placeholders::ValueOrigin;

crate::declare_rule! {
    /// ## What it checks
    /// That a document whose publication date is set (`published`, or the FR Doc line's
    /// `publication_date`) has no Office of the Federal
    /// Register placeholder left in its prose: no "[INSERT DATE 30 DAYS AFTER DATE OF PUBLICATION
    /// IN THE FEDERAL REGISTER]", "[INSERT FEDERAL REGISTER CITATION]" or any other bracketed
    /// "[INSERT ...]".
    ///
    /// ## Why
    /// Agencies write those placeholders in the manuscript and the Office of the Federal Register
    /// replaces them when it assigns the publication date. A source that records the published
    /// document, or that sorn renders with dates certain, prints them literally. sorn's own
    /// `{effective}`-style placeholders are not reported: they print as dates once `published` is
    /// set.
    ///
    /// ## Example
    /// ```toml
    /// published = 2016-08-09
    ///
    /// [notice]
    /// dates = "Submit comments on or before [INSERT DATE 30 DAYS AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]."
    /// ```
    /// Use instead: `comment_days = 30` (printed as the date certain), or the date itself.
    pub const META = ("leftover-placeholder", Structure, Warning, "An OFR \"[INSERT ...]\" placeholder in a document whose publication date is set.");
    basis = [
        (OfrPractice, "Document Drafting Handbook (bracketed insert instructions)", "the agency writes \"[INSERT ...]\" where the Office of the Federal Register supplies a date or citation at publication; the published text has none"),
        (Regulation, "1 CFR 18.17(b)", "the Office computes the dates certain from the publication date, counting the day after publication as day 1"),
    ];
}

/// Byte ranges of every "[INSERT ...]" in `text` (case-insensitive), through the closing bracket
/// or, when there is none, to the end of the line.
///
/// Each "[" is found with a byte search and the word after it compared ignoring ASCII case, so
/// the text is not copied to lower case.
fn placeholders(text: &str) -> Vec<std::ops::Range<usize>> {
    const OPENING: &[u8] = b"[insert";
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|t| t.find('[')) {
        let start = from + found;
        if !bytes[start..].get(..OPENING.len()).is_some_and(|head| head.eq_ignore_ascii_case(OPENING)) {
            from = start + 1;
            continue;
        }
        let rest = &text[start..];
        let end = start + rest.find(']').map_or_else(|| rest.find('\n').unwrap_or(rest.len()), |i| i + 1);
        out.push(start..end);
        from = end.max(start + 1);
    }
    out
}

/// Reports placeholders left in published documents.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    cx.per_document(out, |doc, out| {
        let published = match &doc.document {
            Document::Sorn(s) => {
                s.published.is_some() || s.fr_doc.as_ref().is_some_and(|f| f.publication_date.is_some())
            }
            Document::ExemptionRule(r) => {
                r.published.is_some() || r.fr_doc.as_ref().is_some_and(|f| f.publication_date.is_some())
            }
        };
        if !published {
            return;
        }
        let source = cx.text(doc.file);
        for (key, prose) in doc.document.prose() {
            let origin = ValueOrigin::new(source, prose.span.clone(), &prose.value);
            for range in placeholders(&prose.value) {
                let shown = prose.value.get(range.clone()).unwrap_or("").to_string();
                let span = origin.range(range);
                out.push(
                    Finding::new(
                        format!("{shown} is left in a document whose publication date is set"),
                        cx.label(doc.file, span, format!("in `{key}`")),
                    )
                    .with_help("write the date or citation itself, or use a day count (`comment_days`, `effective_days`) that sorn prints as the date certain"),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn finds_insert_instructions() {
        let text = "Comments by [INSERT DATE 30 DAYS AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]; see [Insert FR citation] and [insert";
        let found: Vec<&str> = placeholders(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "[INSERT DATE 30 DAYS AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]",
                "[Insert FR citation]",
                "[insert"
            ]
        );
        assert!(placeholders("a [bracket] and {effective}").is_empty());
    }
}
