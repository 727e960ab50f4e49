//! Snapshots of the rendered ICE-015 documents, in both formats, and the properties every
//! rendering must have (deterministic, escaped, complete).

use std::path::Path;

use sorn::emit::Format;
use sorn::lower::{LowerOptions, lower};
use sorn::source;

/// A text format's rendering as a string.
fn rendered(format: Format, doc: &sorn::frdoc::FrDocument) -> String {
    String::from_utf8(format.render(doc)).expect("text formats are UTF-8")
}

fn render(path: &str, format: Format) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ws = source::load_paths(&[root.join(path)]).expect("the fixture is readable");
    assert!(ws.diagnostics.is_empty(), "{path} should load cleanly: {:#?}", ws.diagnostics);
    let doc = &ws.documents[0].document;
    rendered(format, &lower(doc, &LowerOptions::default()))
}

#[test]
fn sorn_markdown() {
    insta::assert_snapshot!("dhs-ice-015.md", render("sorns/dhs-ice-015.toml", Format::Markdown));
}

#[test]
fn sorn_html() {
    insta::assert_snapshot!("dhs-ice-015.html", render("sorns/dhs-ice-015.toml", Format::Html));
}

#[test]
fn rule_markdown() {
    insta::assert_snapshot!("dhs-ice-015-final-rule.md", render("sorns/dhs-ice-015-final-rule.toml", Format::Markdown));
}

#[test]
fn rule_html() {
    insta::assert_snapshot!("dhs-ice-015-final-rule.html", render("sorns/dhs-ice-015-final-rule.toml", Format::Html));
}

#[test]
fn rendering_is_deterministic() {
    for path in ["sorns/dhs-ice-015.toml", "sorns/dhs-ice-015-final-rule.toml"] {
        for format in [Format::Markdown, Format::Html] {
            assert_eq!(render(path, format), render(path, format), "{path} {format:?}");
        }
    }
}

#[test]
fn generated_text_reads_as_the_federal_register_prints_it() {
    let rule = render("sorns/dhs-ice-015-final-rule.toml", Format::Markdown);
    for expected in [
        "5 U.S.C. 552a(c)(3), (c)(4); (d); (e)(1), (e)(2), (e)(3), (e)(4)(G), (e)(4)(H), (e)(4)(I), (e)(5), (e)(8); (f); and (g).",
        "(a) From subsection (c)(3) and (4) (Accounting for Disclosures) because release",
        "(f) From subsections (e)(4)(G), (e)(4)(H), and (e)(4)(I) (Agency Requirements) and (f) (Agency Rules) because",
        "(i) From subsection (g)(1) (Civil Remedies) to the extent",
        "This final rule is effective **\\[INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER\\]**.",
        "2\\. Add paragraph 75 to appendix C to part 5 to read as follows:",
        "[FR Doc. 2016-28289 Filed: 11/23/2016 8:45 am; Publication Date: 11/25/2016]",
    ] {
        assert!(rule.contains(expected), "missing {expected:?} in\n{rule}");
    }
    let notice = render("sorns/dhs-ice-015.toml", Format::Markdown);
    assert!(notice.contains(
        "Submit comments on or before **\\[INSERT DATE 30 DAYS AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER\\]**."
    ));
    assert!(notice.contains("titled, \"DHS/ICE-015 LeadTrac System of Records.\""));
}

#[test]
fn a_publication_date_turns_placeholders_into_dates_certain() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("sorns/dhs-ice-015.toml")).unwrap();
    let text = text.replacen("action = \"new\"", "action = \"new\"\npublished = 2016-08-09", 1);
    let ws = source::load_str("published.toml", &text);
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    let md = rendered(Format::Markdown, &lower(&ws.documents[0].document, &LowerOptions::default()));
    assert!(md.contains("Submit comments on or before September 8, 2016."), "{md}");
    assert!(md.contains("This new system will be effective September 8, 2016."), "{md}");
}

#[test]
fn html_shows_raw_html_from_prose_as_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/good/minimal-sorn.toml")).unwrap();
    let text = text.replace(
        "The Example Agency proposes",
        "<script>alert('x')</script> <img src=x onerror=y> The Example Agency proposes",
    );
    let ws = source::load_str("x.toml", &text);
    let html = rendered(Format::Html, &lower(&ws.documents[0].document, &LowerOptions::default()));
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;alert"), "{html}");
}

/// Every element the HTML opens is closed, in order (void elements aside): the page is
/// well-formed HTML5 that any browser or converter reads the same way.
#[test]
fn html_is_well_formed() {
    const VOID: &[&str] = &["meta", "br", "hr", "img", "link", "input"];
    for path in ["sorns/dhs-ice-015.toml", "sorns/dhs-ice-015-final-rule.toml"] {
        let html = render(path, Format::Html);
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        let body = &html[html.find("<html").unwrap()..];
        let mut stack: Vec<String> = Vec::new();
        let mut rest = body;
        while let Some(open) = rest.find('<') {
            let close = rest[open..].find('>').expect("unclosed tag") + open;
            let tag = &rest[open + 1..close];
            rest = &rest[close + 1..];
            if let Some(name) = tag.strip_prefix('/') {
                let top = stack.pop().unwrap_or_default();
                assert_eq!(top, name, "{path}: </{name}> closes <{top}>");
            } else {
                let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                assert!(!name.is_empty(), "{path}: stray '<' in {tag:?}");
                if name == "style" {
                    let end = rest.find("</style>").unwrap();
                    rest = &rest[end + "</style>".len()..];
                } else if !VOID.contains(&name.as_str()) {
                    stack.push(name);
                }
            }
        }
        assert!(stack.is_empty(), "{path}: unclosed {stack:?}");
        assert_eq!(html.matches("<h1").count(), 1, "one subject heading");
    }
}

#[test]
fn a108_notice_markdown() {
    insta::assert_snapshot!("minimal-sorn.md", render("examples/minimal-sorn.toml", Format::Markdown));
}

fn render_str(text: &str) -> String {
    let ws = source::load_str("notice.toml", text);
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    rendered(Format::Markdown, &lower(&ws.documents[0].document, &LowerOptions::default()))
}

#[test]
fn legacy_identifier_lines_name_forms_and_alteration_changes() {
    let source = r#"kind = "sorn"
template = "legacy"
action = "modified"
partial = true
capital_captions = true

[agency]
name = "Department of Defense"

[system]
id = "DMDC 04"
name = "Emergency Evacuation Tracking and Repatriation"
form = "{name} (April 14, 2009, 74 FR 17173)."
id_line = "short"

[[system.changes]]
stars = true
caption = "System location"
text = "Delete entry and replace with “Seaside, CA 93955.”"

[[system.changes]]
stars = true
"#;
    let md = render_str(source);
    let at = |needle: &str| md.find(needle).unwrap_or_else(|| panic!("{needle:?} missing from\n{md}"));
    assert!(!md.contains("System of Records\n"), "a short identifier line has no heading:\n{md}");
    assert!(at("### DMDC 04") < at("**SYSTEM NAME:**"));
    assert!(md.contains("Emergency Evacuation Tracking and Repatriation (April 14, 2009, 74 FR 17173)."));
    assert!(at("**SYSTEM NAME:**") < at("**Changes:**"));
    assert!(at("**Changes:**") < at("\\* \\* \\* \\* \\*"));
    assert!(at("\\* \\* \\* \\* \\*") < at("**System location:**"));
    assert!(md.trim_end().ends_with("\\* \\* \\* \\* \\*"), "the trailing stars close the changes:\n{md}");
    assert!(!md.contains("SECURITY CLASSIFICATION"), "a partial notice prints only what it has");

    let named = render_str(
        &source
            .replace("id_line = \"short\"", "id_line = \"none\"")
            .replace("form = \"{name} (April 14, 2009, 74 FR 17173).\"", "form = \"{name} ({id})\""),
    );
    assert!(!named.contains("### DMDC 04"), "{named}");
    assert!(named.contains("Emergency Evacuation Tracking and Repatriation (DMDC 04)"), "{named}");
}

#[test]
fn section_rule_markdown() {
    let md = render("examples/doj-crt-section-rule.toml", Format::Markdown);
    for line in [
        "2\\. Amend § 16.135 by adding paragraphs (g) and (h) to read as follows:",
        "#### § 16.135 Exemption of Civil Rights Division Systems—limited access.",
        "(h) Exemptions from the particular subsections are justified for the following reasons:",
        "(10) From subsection (g) because",
    ] {
        assert!(md.contains(line), "missing {line:?}");
    }
    assert!(
        md.contains("\n\n(g) The following system of records is exempted from 5 U.S.C. 552a(c)(3) and (4);"),
        "the claims paragraph opens with its designation"
    );
    insta::assert_snapshot!("doj-crt-section-rule.md", md);
}

#[test]
fn section_rule_html() {
    insta::assert_snapshot!("doj-crt-section-rule.html", render("examples/doj-crt-section-rule.toml", Format::Html));
}

const SECTION_RULE: &str = r#"kind = "exemption-rule"
stage = "proposed"

[agency]
name = "Department of Justice"
abbreviation = "DOJ"

[system]
id = "JUSTICE/CRT-023"
name = "Civil Rights Investigative Records"

[cfr]
title = 28
part = "16"
section = "16.135"
section_heading = "Exemption of Civil Rights Division Systems—limited access."
AMENDMENT

[exemptions]
official = "the Attorney General"

[[exemptions.claims]]
authority = "(k)(2)"
subsections = ["(c)(3)", "(d)"]

[[justifications]]
subsections = ["(c)(3)"]
text = "because it would reveal the investigation."

[[justifications]]
subsections = ["(d)"]
text = "because access would reveal the investigation."
"#;

#[test]
fn section_instructions_follow_the_amendment() {
    let revise = render_str(
        &SECTION_RULE.replace("AMENDMENT", "amendment = \"revise\"\nparagraph = \"(a)\"\nreasons_paragraph = \"(b)\""),
    );
    assert!(revise.contains("1\\. Revise § 16.135 to read as follows:"), "{revise}");
    assert!(
        revise.contains("#### § 16.135 Exemption of Civil Rights Division Systems—limited access.\n"),
        "one period"
    );
    assert!(!revise.contains("\\* \\* \\*"), "a revised section prints whole, without stars");
    assert!(revise.contains("\n(b)\n") || revise.contains("\n\n(b)\n\n"), "{revise}");
    assert!(
        revise.contains("(1) From subsection (c)(3) because") && revise.contains("(2) From subsection (d) because")
    );

    let added = render_str(&SECTION_RULE.replace("AMENDMENT", "amendment = \"add\""));
    assert!(added.contains("1\\. Add § 16.135 to read as follows:"), "{added}");
    assert!(added.contains("(a) From subsection (c)(3) because"), "undesignated reasons are lettered by default");
    assert!(added.contains("\n\nThe Attorney General, pursuant to 5 U.S.C. 552a(k)(2)"), "an undesignated paragraph");

    let one = render_str(&SECTION_RULE.replace("AMENDMENT", "paragraph = \"(g)\"\nreasons = \"numbers\""));
    assert!(one.contains("1\\. Amend § 16.135 by adding paragraph (g) to read as follows:"), "{one}");
    assert!(one.contains("\\* \\* \\* \\* \\*"));
    assert!(one.contains("(1) From subsection (c)(3) because"));
}

#[test]
fn a_rule_names_an_appendix_or_a_section() {
    let both = SECTION_RULE.replace("AMENDMENT", "appendix = \"C\"\nparagraph = 75");
    let ws = source::load_str("rule.toml", &both);
    assert!(
        ws.diagnostics.iter().any(|d| d.message.contains("either an appendix or a section")),
        "{:#?}",
        ws.diagnostics
    );
    let designation = SECTION_RULE.replace("AMENDMENT", "paragraph = 7");
    let ws = source::load_str("rule.toml", &designation);
    assert!(ws.diagnostics.iter().any(|d| d.message.contains("designated in parentheses")), "{:#?}", ws.diagnostics);
    let neither = SECTION_RULE.replace("section = \"16.135\"\n", "").replace("AMENDMENT", "");
    let ws = source::load_str("rule.toml", &neither);
    assert!(ws.diagnostics.iter().any(|d| d.message.contains("does not say what it amends")), "{:#?}", ws.diagnostics);
}

#[test]
fn the_agencys_wording_prints_instead_of_the_generated_claim_sentences() {
    let wording = "The Attorney General has exempted this system from subsections (c)(3) and (4); (d); and (g) of \
                   the Privacy Act pursuant to 5 U.S.C. 552a(j)(2).";
    let sorn = format!(
        r#"kind = "sorn"
template = "legacy"
action = "new"
partial = true

[agency]
name = "Department of Justice"

[system]
id = "JUSTICE/FBI-999"
name = "Example Case Files"

[system.exemptions]
official = "the Attorney General"
wording = "{wording}"
note = "Rules have been published in the Federal Register."

[[system.exemptions.claims]]
authority = "(j)(2)"
subsections = ["(c)(3)", "(c)(4)", "(d)", "(g)"]
"#
    );
    let md = render_str(&sorn);
    assert!(md.contains(&format!("{wording} Rules have been published")), "{md}");
    assert!(!md.contains("has exempted this system from the following provisions"), "{md}");

    let rule = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base/rule.toml"))
        .unwrap()
        .replace(
            "official = \"the Secretary of Example Affairs\"",
            "wording = \"Pursuant to 5 U.S.C. 552a(j)(2), the Secretary has exempted this system from 5 U.S.C. \
             552a(c)(3), (d), and (e)(1). Pursuant to 5 U.S.C. 552a(k)(2), the Secretary has exempted this system from \
             5 U.S.C. 552a(c)(3) and (d).\"",
        );
    let md = render_str(&rule);
    assert!(
        md.contains(
            "DEA/OIG-001 Investigations System of Records holds records of investigations. Pursuant to 5 U.S.C. \
             552a(j)(2), the Secretary has exempted this system from 5 U.S.C. 552a(c)(3), (d), and (e)(1). Pursuant to \
             5 U.S.C. 552a(k)(2), the Secretary has exempted this system from 5 U.S.C. 552a(c)(3) and (d)."
        ),
        "{md}"
    );
    assert!(!md.contains("Additionally"), "{md}");
}

#[test]
fn an_appendix_rule_of_two_systems_adds_two_paragraphs() {
    let md = render("examples/dhs-two-systems-rule.toml", Format::Markdown);
    assert!(md.contains("1\\. Add paragraphs 80 and 81 to appendix C to part 5 to read as follows:"), "{md}");
    let first = md.find("\n80\\. The DHS/EX-001 Border Case Analysis Records").expect("paragraph 80");
    let second = md.find("\n81\\. The DHS/EX-002 Port Inspection Referral Records").expect("paragraph 81");
    assert!(first < second);
    let (one, two) = (&md[first..second], &md[second..]);
    assert!(one.contains("pursuant to 5 U.S.C. 552a(j)(2)") && one.contains("(i) From subsection (g)"));
    assert!(two.contains("pursuant to 5 U.S.C. 552a(k)(2)") && !two.contains("552a(j)(2)"), "{two}");
    assert!(two.contains("(d) From subsection (f) (Agency Rules)"), "each system's reasons are lettered anew");
    insta::assert_snapshot!("dhs-two-systems-rule.md", md);
    insta::assert_snapshot!("dhs-two-systems-rule.html", render("examples/dhs-two-systems-rule.toml", Format::Html));
}

/// The DOJ example with a second system in paragraphs (i) and (j) of the same section.
fn doj_two_systems() -> String {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/doj-crt-section-rule.toml"))
            .unwrap();
    let (head, signature) = text.split_at(text.find("[signature]").unwrap());
    format!(
        r#"{head}[[systems]]
id = "JUSTICE/CRT-024"
name = "Civil Rights Complaint Intake Records"
paragraph = "(i)"
reasons_paragraph = "(j)"

[systems.exemptions]
wording = "The following system of records is exempted from 5 U.S.C. 552a(c)(3), (d), and (e)(1): {{system.name}} ({{system.id}}). These exemptions apply only to the extent that information in this system is subject to exemption pursuant to 5 U.S.C. 552a(k)(2)."
reasons_intro = "Exemptions from the particular subsections are justified for the following reasons:"

[[systems.exemptions.claims]]
authority = "(k)(2)"
subsections = ["(c)(3)", "(d)", "(e)(1)"]

[[systems.justifications]]
subsections = ["(c)(3)", "(d)"]
text = "because disclosure could reveal the existence of an investigation opened on a complaint."

[[systems.justifications]]
subsections = ["(e)(1)"]
text = "because the relevance of information to a complaint is often not clear until it is investigated."

{signature}"#
    )
}

#[test]
fn a_section_rule_of_two_systems_designates_each_paragraph() {
    let md = render_str(&doj_two_systems());
    assert!(md.contains("Amend § 16.135 by adding paragraphs (g), (h), (i), and (j) to read as follows:"), "{md}");
    let i = md.find("\n(i) The following system of records is exempted from 5 U.S.C. 552a(c)(3), (d), and (e)(1): Civil Rights Complaint Intake Records (JUSTICE/CRT-024).").expect("paragraph (i)");
    let j = md.find("\n(j) Exemptions from the particular subsections").expect("paragraph (j)");
    assert!(md.find("\n(h) Exemptions").unwrap() < i && i < j);
    assert!(md[j..].contains("(2) From subsection (e)(1) because"), "numbered anew under (j)");
    insta::assert_snapshot!("doj-two-systems-rule.md", md);
}

#[test]
fn a_rule_signed_before_its_regulatory_text_prints_the_signature_before_the_words_of_issuance() {
    let signed = |placement: &str| {
        let signature = format!(
            "\n[signature]\nbefore = [\"Signing Authority\"]\nname = \"Consuela Benjamin\"\ntitle = [\"Regulations Development Coordinator\"]\n{placement}"
        );
        render_str(&format!(
            "{}{signature}",
            SECTION_RULE.replace("AMENDMENT", "paragraph = \"(g)\"\nreasons_paragraph = \"(h)\"")
        ))
    };
    let issuance = "For the reasons stated in the preamble, DOJ proposes to amend 28 CFR part 16 as follows:";
    let first = signed("placement = \"before-system\"\n");
    let (sig, words) = (first.find("Consuela Benjamin,").unwrap(), first.find(issuance).unwrap());
    assert!(sig < words, "the signature stands before the words of issuance:\n{first}");
    assert_eq!(first.matches("Consuela Benjamin,").count(), 1);
    let last = signed("");
    assert!(last.find("Consuela Benjamin,").unwrap() > last.find(issuance).unwrap());
    insta::assert_snapshot!("rule-signed-before-regulatory-text.md", first);
}

#[test]
fn one_caption_gives_the_notification_and_record_access_procedures() {
    let md = render("tests/fixtures/rules/missing-section/pass/combined-procedures.toml", Format::Markdown);
    assert!(md.contains("**NOTIFICATION AND RECORD ACCESS PROCEDURES:**"), "{md}");
    assert!(!md.contains("**RECORD ACCESS PROCEDURES:**"), "{md}");
    let html = render("tests/fixtures/rules/missing-section/pass/combined-procedures.toml", Format::Html);
    assert!(html.to_lowercase().contains("notification and record access procedures:"), "{html}");
}

#[test]
fn stars_after_the_system_name_print_after_its_caption() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/fixtures/good/minimal-sorn.toml")).unwrap();
    let revised = text.replacen("[system]\n", "[system]\nstars_after_name = true\n", 1);
    assert_ne!(revised, text);
    let md = render_str(&revised);
    let name = md.find("SYSTEM NAME AND NUMBER:").expect("the name caption");
    let stars = md.find("\\* \\* \\* \\* \\*").expect("stars");
    let next = md[name..].find("SECURITY CLASSIFICATION:").map(|i| name + i).expect("the next caption");
    assert!(name < stars && stars < next, "{md}");
    assert!(!render_str(&text).contains("\\* \\* \\* \\* \\*"));
}
