use crate::check::Finding;
use crate::check::{Context, letter};
use crate::model::covers_of;
use crate::statute::{Subsection, conventional_headings};

crate::declare_rule! {
    /// ## What it checks
    /// That the parenthetical heading after a justification's citations is the conventional
    /// heading for those provisions: `(c)(3) (Accounting for Disclosures)`, `(d) (Access to
    /// Records)`, `(e)(1) (Relevancy and Necessity of Information)`, `(e)(4)(G), (H), (I) (Agency
    /// Requirements)`, `(f) (Agency Rules)`, `(g)(1) (Civil Remedies)` ..., or the US Code heading of
    /// the subsection.
    ///
    /// ## Why
    /// The heading tells the reader which duty is being set aside. A heading that belongs to a
    /// different provision (`(e)(2) (Notice to Subjects)`) usually means the citation or the
    /// reason was pasted from the wrong paragraph.
    ///
    /// ## Example
    /// ```toml
    /// subsections = ["(e)(3)"]
    /// heading = "Notice to Subject"
    /// ```
    /// Use instead:
    /// ```toml
    /// subsections = ["(e)(3)"]
    /// heading = "Notice to Subjects"
    /// ```
    ///
    /// ## Fix
    /// Where the heading misspells, by at most two letters, exactly one heading that every
    /// provision of its group conventionally takes (`Notice to Subject` for `(e)(3)`), `sorn check
    /// --fix` writes that heading. A heading that belongs to another provision is not changed: the
    /// citation may be what is wrong.
    pub const META = ("nonstandard-heading", Exemptions, Warning, "A justification's heading differs from the conventional heading for its provisions.");
    basis = [
        (Convention, "headings of 5 U.S.C. 552a in the U.S. Code; 6 CFR part 5, appendix C", "DHS-style justifications head each reason with the provision's U.S. Code heading, e.g. \"(Accounting for Disclosures)\""),
    ];
}

fn normal(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").trim_matches(|c| c == '(' || c == ')').to_lowercase()
}

/// The conventional heading a heading misspells, when it is determined: the one heading that
/// every provision of the group takes and that the written heading misses by at most two
/// letters once case and spacing are set aside ("Notice to Subject" for "Notice to Subjects").
/// A heading that is another provision's, or near several, names no single remedy (the citation
/// may be what is wrong): no heading is given.
fn misspelt_heading(written: &str, subsections: &[Subsection]) -> Option<&'static str> {
    let written = normal(written);
    let (first, rest) = subsections.split_first()?;
    let mut near = conventional_headings(first).iter().copied().filter(|h| {
        let h_normal = normal(h);
        strsim::levenshtein(&written, &h_normal) <= 2
            && rest.iter().all(|s| conventional_headings(s).iter().any(|other| normal(other) == h_normal))
    });
    let only = near.next()?;
    near.next().is_none().then_some(only)
}

/// Reports each heading that no provision of its group conventionally takes.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, rule) in cx.exemption_rules() {
        for (j, justification) in rule.justifications.iter().enumerate() {
            for cover in covers_of(justification) {
                let Some(heading) = &cover.heading else { continue };
                let subsections = cover.subsections.subsections();
                let wrong: Vec<&Subsection> = subsections
                    .iter()
                    .filter(|s| !conventional_headings(s).iter().any(|h| normal(h) == normal(&heading.value)))
                    .collect();
                let Some(first) = wrong.first() else { continue };
                let expected = conventional_headings(first).first().copied().unwrap_or("");
                let finding = Finding::new(
                    format!(
                        "justification {}: \"{}\" is not the conventional heading for {first}",
                        letter(rule, j),
                        heading.value.trim()
                    ),
                    cx.label(doc.file, heading.span.clone(), format!("expected \"{expected}\"")),
                )
                .with_help(format!(
                    "write heading = \"{expected}\"{}",
                    if conventional_headings(first).len() > 1 {
                        format!(" (also accepted: {})", conventional_headings(first)[1..].join(", "))
                    } else {
                        String::new()
                    }
                ));
                let fix = misspelt_heading(&heading.value, &subsections)
                    .and_then(|right| super::verbatim_span(cx, doc.file, heading).map(|span| (span, right)));
                out.push(match fix {
                    Some((span, right)) => finding.with_fix(doc.file, span, &heading.value, right),
                    None => finding,
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Subsection {
        Subsection::parse(text).unwrap()
    }

    #[test]
    fn a_misspelt_heading_has_one_remedy() {
        assert_eq!(misspelt_heading("Notice to Subject", &[s("(e)(3)")]), Some("Notice to Subjects"));
        assert_eq!(misspelt_heading("Acces to Record", &[s("(d)")]), Some("Access to Records"));
        let group = [s("(e)(4)(G)"), s("(e)(4)(H)"), s("(e)(4)(I)")];
        assert_eq!(misspelt_heading("Agency Requirement", &group), Some("Agency Requirements"));
    }

    #[test]
    fn another_provisions_heading_is_not_changed() {
        assert_eq!(misspelt_heading("Notice to Subjects", &[s("(e)(2)")]), None);
        assert_eq!(misspelt_heading("Civil Remedies", &[s("(f)")]), None);
        assert_eq!(misspelt_heading("Notice to Subject", &[s("(e)(3)"), s("(d)")]), None, "the group disagrees");
    }
}
