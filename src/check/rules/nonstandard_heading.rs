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
    pub const META = ("nonstandard-heading", Exemptions, Warning, "A justification's heading differs from the conventional heading for its provisions.");
    basis = [
        (Convention, "headings of 5 U.S.C. 552a in the U.S. Code; 6 CFR part 5, appendix C", "DHS-style justifications head each reason with the provision's U.S. Code heading, e.g. \"(Accounting for Disclosures)\""),
    ];
}

fn normal(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ").trim_matches(|c| c == '(' || c == ')').to_lowercase()
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
                out.push(
                    Finding::new(
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
                    )),
                );
            }
        }
    }
}
