//! Checks that make a deserialized source a valid document: every citation exists in
//! 5 U.S.C. 552a, every authority is one the statute grants, every placeholder is known, and each
//! justification names what it covers in exactly one way. All problems are reported, not just
//! the first.

use crate::diagnostic::{Diagnostic, FileId, Label};
use crate::model::{
    Cfr, Claim, Document, ExemptionRule, Loc, Paragraph, Provisions, SectionForm, is_designation, placeholders,
};

use super::rules;

/// `[revises]` names its predecessor by a source, a citation or both, and a citation is
/// "<volume> FR <page>" (1 CFR 5.8).
fn check_revises(file: FileId, text: &str, revises: &crate::model::Revises, out: &mut Vec<Diagnostic>) {
    if let Some(citation) = &revises.citation
        && crate::model::parse_fr_citation(&citation.value).is_none()
    {
        out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                format!("`revises.citation` is not a Federal Register citation: {:?}", citation.value),
                Label::new(file, citation.span.clone(), "expected \"<volume> FR <page>\""),
            )
            .with_help("cite the predecessor by volume and first page, e.g. \"81 FR 52700\" (1 CFR 5.8)"),
        );
    }
    if revises.source.is_none() && revises.citation.is_none() {
        let span = text.find("[revises]").map_or(0..0, |at| at..at + "[revises]".len());
        out.push(
            Diagnostic::error(
                rules::MISSING_KEY,
                "`[revises]` names no predecessor",
                Label::new(file, span, "neither `source` nor `citation`"),
            )
            .with_help("add `source = \"<the published notice's source>.toml\"` and `citation = \"81 FR 52700\"`"),
        );
    }
}

/// Every load-time problem in a deserialized document.
pub fn validate(file: FileId, text: &str, document: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Document::Sorn(sorn) = document {
        for claim in document.claims() {
            check_claim(file, claim, &mut out);
        }
        if let Some(revises) = &sorn.revises {
            check_revises(file, text, revises, &mut out);
        }
    }
    if let Document::ExemptionRule(rule) = document {
        check_cfr(file, &rule.cfr, &mut out);
        check_shared_paragraphs(file, rule, &mut out);
        let claims = std::iter::once(&rule.exemptions).chain(rule.systems.iter().map(|s| &s.exemptions));
        for claim in claims.flat_map(|e| &e.claims) {
            check_claim(file, claim, &mut out);
        }
        let justifications = rule.justifications.iter().chain(rule.systems.iter().flat_map(|s| &s.justifications));
        for j in justifications {
            match (&j.subsections, &j.covers) {
                (Some(_), Some(covers)) => {
                    let span =
                        covers.first().and_then(|c| c.subsections.first_span()).unwrap_or_else(|| j.text.span.clone());
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
                check_provisions(file, cover.subsections, &mut out);
            }
            check_leadin(file, j, &mut out);
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
            let origin = placeholders::ValueOrigin::new(text, prose.span.clone(), &prose.value);
            let total = errors.len();
            for e in errors.into_iter().take(MAX_PLACEHOLDER_ERRORS) {
                let span = origin.range(e.range.clone());
                out.push(
                    Diagnostic::error(
                        rules::UNKNOWN_PLACEHOLDER,
                        format!("{} in `{key}`", e.message),
                        Label::new(file, span, "here"),
                    )
                    .with_help(e.help),
                );
            }
            if total > MAX_PLACEHOLDER_ERRORS
                && let Some(last) = out.last_mut()
            {
                last.notes.push(format!(
                    "{} more placeholder errors in `{key}` are not shown",
                    total - MAX_PLACEHOLDER_ERRORS
                ));
            }
        }
    }
    out
}

/// Placeholder errors reported per prose value: past these, the rest are the same mistake
/// repeated, and a value of thousands would bury every other finding.
const MAX_PLACEHOLDER_ERRORS: usize = 20;

/// The start of the message for a rule whose CFR title or part is not known: generated text such
/// as "6 CFR Part 5" and "amends 6 CFR part 5" would print an empty value.
pub const NO_CFR_PLACE: &str = "the rule does not say which CFR";

/// The rule amends an appendix paragraph or a section, and names its paragraphs as that form does.
fn check_cfr(file: FileId, cfr: &Cfr, out: &mut Vec<Diagnostic>) {
    check_amendment_parts(file, cfr, out);
    if cfr.title.value == 0 {
        out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                format!("{NO_CFR_PLACE} title it amends: `cfr.title` is 0"),
                Label::new(file, cfr.title.span.clone(), "no CFR title"),
            )
            .with_help("write the title of the Code of Federal Regulations the rule amends, e.g. `title = 6`"),
        );
    }
    if cfr.part.value.trim().is_empty() {
        out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                format!("{NO_CFR_PLACE} part it amends: `cfr.part` is empty"),
                Label::new(file, cfr.part.span.clone(), "no CFR part"),
            )
            .with_help("write the part the rule amends, e.g. `part = \"5\"`"),
        );
    }
    match (&cfr.appendix, &cfr.section) {
        (Some(_), Some(section)) => out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                "a rule amends either an appendix or a section, not both",
                Label::new(file, section.span.clone(), "second target"),
            )
            .with_help("keep `appendix` (DHS: \"Add paragraph 75 to appendix C\") or `section` (\"Amend § 16.135\")"),
        ),
        (None, None) => out.push(
            Diagnostic::error(
                rules::MISSING_KEY,
                "the rule does not say what it amends: `cfr.appendix` or `cfr.section`",
                Label::new(file, cfr.part.span.clone(), "in this part"),
            )
            .with_help("add `appendix = \"C\"` and `paragraph = 75`, or `section = \"16.135\"`"),
        ),
        (Some(appendix), None) => match &cfr.paragraph {
            Some(Loc { value: Paragraph::Number(_), .. }) => {}
            Some(p) => out.push(
                Diagnostic::error(
                    rules::INVALID_VALUE,
                    "an appendix paragraph is numbered: `paragraph` must be a number",
                    Label::new(file, p.span.clone(), "a designation"),
                )
                .with_help("write `paragraph = 75`; designations such as \"(g)\" go with `section`"),
            ),
            None => out.push(
                Diagnostic::error(
                    rules::MISSING_KEY,
                    "the rule adds to an appendix but does not say which paragraph",
                    Label::new(file, appendix.span.clone(), "this appendix"),
                )
                .with_help("add `paragraph = 75`, the number of the system's paragraph"),
            ),
        },
        (None, Some(_)) => {
            if let Some(p) = &cfr.paragraph
                && !matches!(&p.value, Paragraph::Designation(d) if is_designation(d))
            {
                out.push(
                    Diagnostic::error(
                        rules::INVALID_VALUE,
                        "a section paragraph is designated in parentheses: \"(g)\"",
                        Label::new(file, p.span.clone(), "not a paragraph designation"),
                    )
                    .with_help("write `paragraph = \"(g)\"` (1 CFR 21.11: (a), (1), (i), ...)"),
                );
            }
        }
    }
    if let Some(r) = &cfr.reasons_paragraph
        && !is_designation(&r.value)
    {
        out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                "`reasons_paragraph` is not a paragraph designation",
                Label::new(file, r.span.clone(), "here"),
            )
            .with_help("write it as the CFR does: `reasons_paragraph = \"(h)\"`"),
        );
    }
}

/// A system listed in the paragraph before it (`shares_paragraph`) has no paragraph, claims or
/// reasons of its own, which would print nowhere and be checked for no system; and a DoD block
/// names one system.
fn check_shared_paragraphs(file: FileId, rule: &ExemptionRule, out: &mut Vec<Diagnostic>) {
    for system in rule.systems.iter().filter(|s| s.shares_paragraph) {
        let e = &system.exemptions;
        let own = !e.claims.is_empty()
            || !system.justifications.is_empty()
            || system.paragraph.is_some()
            || system.reasons_paragraph.is_some()
            || [&e.description, &e.wording, &e.note, &e.reasons_intro, &e.authority, &e.other_systems]
                .iter()
                .any(|p| p.is_some())
            || e.official.is_some();
        if own {
            out.push(
                Diagnostic::error(
                    rules::INVALID_VALUE,
                    "a system that shares the paragraph before it has no paragraph, claims or reasons of its own",
                    Label::new(file, system.id.span.clone(), "listed in the paragraph before it"),
                )
                .with_help(
                    "remove `shares_paragraph`, or move its claims and reasons to the system whose paragraph lists it",
                ),
            );
        }
        if rule.cfr.form() == SectionForm::DodBlock {
            out.push(
                Diagnostic::error(
                    rules::INVALID_VALUE,
                    "a DoD block names one system: no system can share it",
                    Label::new(file, system.id.span.clone(), "shares a block"),
                )
                .with_help(
                    "give the system a block of its own (`paragraph`, claims and reasons), without `shares_paragraph`",
                ),
            );
        }
    }
}

fn check_claim(file: FileId, claim: &Claim, out: &mut Vec<Diagnostic>) {
    if claim.authority().is_none() {
        out.push(
            Diagnostic::error(
                rules::UNKNOWN_AUTHORITY,
                format!("`{}` is not an exemption authority of 5 U.S.C. 552a", claim.authority.value.written().trim()),
                Label::new(file, claim.authority.span.clone(), "not (j)(1), (j)(2) or (k)(1)-(k)(7)"),
            )
            .with_help("the Privacy Act grants general exemptions (j)(1) and (j)(2) and specific exemptions (k)(1) through (k)(7)"),
        );
    }
    check_provisions(file, &claim.subsections, out);
}

/// Each element of a list that names no provision, at its place (the rest of the list was typed).
/// The keys that go with an amendment: the paragraphs a revise-and-add instruction revises, an
/// appendix for "add-appendix", a nested paragraph for `paragraph_heading`.
fn check_amendment_parts(file: FileId, cfr: &Cfr, out: &mut Vec<Diagnostic>) {
    use crate::model::Amendment;
    let amendment = cfr.amendment.as_ref();
    if let Some(a) = amendment.filter(|a| a.value == Amendment::ReviseAndAdd)
        && cfr.revised.is_empty()
    {
        out.push(
            Diagnostic::error(
                rules::MISSING_KEY,
                "the instruction revises and adds, but `cfr.revised` names no paragraph it revises",
                Label::new(file, a.span.clone(), "revise-and-add"),
            )
            .with_help("add `revised = [\"(c)(1)\"]`, the paragraphs revised; the rule's other paragraphs are added"),
        );
    }
    for r in cfr.revised.iter().filter(|r| !is_designation(&r.value)) {
        out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                "a revised paragraph is designated in parentheses: \"(c)(1)\"",
                Label::new(file, r.span.clone(), "not a paragraph designation"),
            )
            .with_help("write it as the CFR does (1 CFR 21.11)"),
        );
    }
    if let Some(a) = amendment.filter(|a| a.value == Amendment::AddAppendix)
        && cfr.section.is_some()
    {
        out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                "\"add-appendix\" adds an appendix, but the rule amends a section",
                Label::new(file, a.span.clone(), "adds an appendix"),
            )
            .with_help("use `appendix = \"C\"` for the appendix, or \"add\" for a new section"),
        );
    }
    let nested = matches!(cfr.paragraph.as_ref().map(|p| &p.value), Some(Paragraph::Designation(d)) if d.matches('(').count() > 1);
    if let Some(h) = cfr.paragraph_heading.as_ref().filter(|_| !nested) {
        out.push(
            Diagnostic::error(
                rules::INVALID_VALUE,
                "`paragraph_heading` is the heading of the paragraph a nested one stands in, but `paragraph` is not nested",
                Label::new(file, h.span.clone(), "not printed"),
            )
            .with_help("designate the system's paragraph with both levels, `paragraph = \"(c)(1)\"`, or delete the heading"),
        );
    }
}

/// A reason's printed lead-in must cite what the reason covers: the checks read the typed
/// provisions, the document prints the words.
fn check_leadin(file: FileId, j: &crate::model::Justification, out: &mut Vec<Diagnostic>) {
    let Some(leadin) = &j.leadin else { return };
    let covers = crate::model::covers_of(j);
    if covers.iter().any(|c| c.subsections.errors().next().is_some()) {
        return; // `unknown-subsection` reports the list first
    }
    let typed: Vec<crate::statute::Subsection> = covers.iter().flat_map(|c| c.subsections.subsections()).collect();
    let show =
        |list: &[crate::statute::Subsection]| list.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let message = match crate::model::leadin_citations(&leadin.value) {
        Some(cited) if cited == typed => return,
        Some(cited) => format!("the lead-in cites {} but the reason covers {}", show(&cited), show(&typed)),
        None => "the lead-in is not a list of citations of 5 U.S.C. 552a".to_string(),
    };
    out.push(
        Diagnostic::error(rules::INVALID_VALUE, message, Label::new(file, leadin.span.clone(), "printed lead-in"))
            .with_help("make `leadin` cite the reason's provisions, or delete it to print the generated lead-in"),
    );
}

fn check_provisions(file: FileId, list: &Provisions, out: &mut Vec<Diagnostic>) {
    for (span, _, e) in list.errors() {
        let mut d =
            Diagnostic::error(rules::UNKNOWN_SUBSECTION, e.to_string(), Label::new(file, span, "no such provision"));
        if let Some(help) = e.help() {
            d = d.with_help(help);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    /// The DOJ example rule with its first reason's printed lead-in set to `leadin`.
    fn with_leadin(leadin: &str) -> Vec<String> {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/doj-crt-section-rule.toml"))
            .unwrap()
            .replacen(
                "subsections = [\"(c)(3)\"]\n",
                &format!("subsections = [\"(c)(3)\"]\nleadin = \"{leadin}\"\n"),
                1,
            );
        crate::source::load_str("rule.toml", &text).diagnostics.iter().map(|d| d.message.clone()).collect()
    }

    /// The DOJ example rule with `cfr` keys added after its `section` line.
    fn with_cfr(keys: &str) -> Vec<String> {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/doj-crt-section-rule.toml"))
            .unwrap()
            .replacen("\nsection = ", &format!("\n{keys}\nsection = "), 1);
        crate::source::load_str("rule.toml", &text).diagnostics.iter().map(|d| d.message.clone()).collect()
    }

    /// The A-108 example SORN with a `[revises]` table holding `keys`.
    fn with_revises(keys: &str) -> Vec<String> {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/minimal-sorn.toml"))
            .unwrap()
            .replacen("\n[agency]", &format!("\n[revises]\n{keys}\n[agency]"), 1);
        crate::source::load_str("sorn.toml", &text).diagnostics.iter().map(|d| d.message.clone()).collect()
    }

    #[test]
    fn a_revision_names_its_predecessor_by_a_citation_that_parses() {
        assert!(with_revises("source = \"old.toml\"\ncitation = \"81 FR 52,700\"\npublished = 2016-08-09").is_empty());
        assert!(with_revises("citation = \"81 FR 52700\"").is_empty());
        assert_eq!(
            with_revises("citation = \"81 FR\""),
            ["`revises.citation` is not a Federal Register citation: \"81 FR\""]
        );
        assert_eq!(with_revises("published = 2016-08-09"), ["`[revises]` names no predecessor"]);
    }

    #[test]
    fn fr_citations_parse_to_volume_and_page() {
        use crate::model::parse_fr_citation;
        assert_eq!(parse_fr_citation("81 FR 52700"), Some((81, 52700)));
        assert_eq!(parse_fr_citation(" 73 FR 71,659 "), Some((73, 71659)));
        assert_eq!(parse_fr_citation("81FR52700"), Some((81, 52700)));
        for bad in ["81 FR", "FR 52700", "81 FR 0", "0 FR 5", "81 CFR 5", "81 FR 52700a", "81 FR -1"] {
            assert_eq!(parse_fr_citation(bad), None, "{bad}");
        }
    }

    #[test]
    fn amendments_have_the_keys_they_need() {
        assert_eq!(
            with_cfr("amendment = \"revise-and-add\""),
            ["the instruction revises and adds, but `cfr.revised` names no paragraph it revises"]
        );
        assert!(with_cfr("amendment = \"revise-and-add\"\nrevised = [\"(g)\"]").is_empty());
        assert_eq!(
            with_cfr("amendment = \"add-appendix\""),
            ["\"add-appendix\" adds an appendix, but the rule amends a section"]
        );
        assert_eq!(with_cfr("paragraph_heading = \"Specific exemptions.\"").len(), 1);
    }

    #[test]
    fn a_printed_leadin_cites_what_its_reason_covers() {
        assert!(with_leadin("From subsection (c)(3)").is_empty());
        assert_eq!(with_leadin("From subsection (c)(4)"), ["the lead-in cites (c)(4) but the reason covers (c)(3)"]);
        assert_eq!(with_leadin("From the accounting"), ["the lead-in is not a list of citations of 5 U.S.C. 552a"]);
    }
}
