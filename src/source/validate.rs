//! Checks that make a deserialized source a valid document: every citation exists in
//! 5 U.S.C. 552a, every authority is one the statute grants, every placeholder is known, and each
//! justification names what it covers in exactly one way. All problems are reported, not just
//! the first.

use crate::diagnostic::{Diagnostic, FileId, Label};
use crate::model::{Claim, Document, Loc, placeholders};
use crate::statute::{Authority, Subsection};

use super::rules;

/// Every load-time problem in a deserialized document.
pub fn validate(file: FileId, text: &str, document: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for claim in document.claims() {
        check_claim(file, claim, &mut out);
    }
    if let Document::ExemptionRule(rule) = document {
        for j in &rule.justifications {
            match (&j.subsections, &j.covers) {
                (Some(_), Some(covers)) => {
                    let span = covers
                        .first()
                        .and_then(|c| c.subsections.first())
                        .map_or(j.text.span.clone(), |s| s.span.clone());
                    out.push(
                        Diagnostic::error(
                            rules::INVALID_VALUE,
                            "a justification names its provisions twice: both `subsections` and `covers`",
                            Label::new(file, span, "second list"),
                        )
                        .with_help("use `subsections` (with `heading`) for one group, or `covers` for several"),
                    );
                }
                (None, None) => out.push(
                    Diagnostic::error(
                        rules::MISSING_KEY,
                        "a justification does not say which provisions it justifies",
                        Label::new(file, j.text.span.clone(), "this reason justifies nothing"),
                    )
                    .with_help("add `subsections = [\"(c)(3)\"]` (and `heading`), or `covers = [...]`"),
                ),
                (None, Some(_)) if j.heading.is_some() => {
                    let span = j.heading.as_ref().map_or(0..0, |h| h.span.clone());
                    out.push(
                        Diagnostic::error(
                            rules::INVALID_VALUE,
                            "`heading` goes with `subsections`; with `covers`, each group has its own heading",
                            Label::new(file, span, "heading without subsections"),
                        )
                        .with_help("move the heading into the `covers` entry it belongs to"),
                    );
                }
                _ => {}
            }
            for cover in crate::model::covers_of(j) {
                for s in &cover.subsections {
                    check_subsection(file, s, &mut out);
                }
            }
        }
    }
    if let Some(form) = &document.system_name().form
        && let Some(problem) = crate::model::form_error(&form.value)
    {
        out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                format!("invalid `system.form`: {problem}"),
                Label::new(file, form.span.clone(), "here"),
            )
            .with_help(
                "write the form with `{name}` and, if the identifier is printed with it, `{id}`: \"{name} ({id})\"",
            ),
        );
    }
    for (key, prose) in document.prose() {
        if let Err(errors) = placeholders::parse(&prose.value) {
            for e in errors {
                let span = placeholders::source_range(text, prose.span.clone(), &prose.value, e.range.clone());
                out.push(
                    Diagnostic::error(
                        rules::UNKNOWN_PLACEHOLDER,
                        format!("{} in `{key}`", e.message),
                        Label::new(file, span, "here"),
                    )
                    .with_help(e.help),
                );
            }
        }
    }
    out
}

fn check_claim(file: FileId, claim: &Claim, out: &mut Vec<Diagnostic>) {
    if claim.authority.value.parse::<Authority>().is_err() {
        out.push(
            Diagnostic::error(
                rules::UNKNOWN_AUTHORITY,
                format!("`{}` is not an exemption authority of 5 U.S.C. 552a", claim.authority.value.trim()),
                Label::new(file, claim.authority.span.clone(), "not (j)(1), (j)(2) or (k)(1)-(k)(7)"),
            )
            .with_help("the Privacy Act grants general exemptions (j)(1) and (j)(2) and specific exemptions (k)(1) through (k)(7)"),
        );
    }
    for s in &claim.subsections {
        check_subsection(file, s, out);
    }
}

fn check_subsection(file: FileId, s: &Loc<String>, out: &mut Vec<Diagnostic>) {
    if let Err(e) = Subsection::parse(&s.value) {
        let mut d = Diagnostic::error(
            rules::UNKNOWN_SUBSECTION,
            e.to_string(),
            Label::new(file, s.span.clone(), "no such provision"),
        );
        if let Some(help) = e.help() {
            d = d.with_help(help);
        }
        out.push(d);
    }
}
