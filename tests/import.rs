//! `sorn import` as users run it: every input kind, the round trip back to the published text,
//! linking a SORN and its rule, and every kind of bad input (exit status 2, never a panic).

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{root, sorn, stderr, stdout, word_fidelity, xml_text};
use sorn::import::{ImportOptions, import};
use sorn::lower::{LowerOptions, lower};
use sorn::model::Document;

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(name)
}

/// Loads a source with the real loader: it must have no diagnostics at all.
fn load(text: &str) -> Document {
    let ws = sorn::source::load_str("imported.toml", text);
    assert!(ws.diagnostics.is_empty(), "{:#?}\n{text}", ws.diagnostics);
    ws.documents.into_iter().next().expect("a document").document
}

fn import_cli(input: &Path) -> Output {
    sorn().arg("import").arg(input).output().unwrap()
}

#[test]
fn markdown_sorn_imports_and_renders_back() {
    let out = import_cli(&fixture("dhs-ice-015-sorn.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let Document::Sorn(s) = load(&text) else { panic!("not a SORN") };
    assert_eq!(s.system.id.value, "DHS/ICE-015");
    assert_eq!(s.system.name.value, "LeadTrac System of Records");
    assert_eq!(s.system.routine_uses.len(), 14);
    assert_eq!(s.system.exemptions.as_ref().map(|e| e.claims.len()), Some(2));
    assert_eq!(s.notice.comment_days.as_ref().map(|d| d.value), Some(30));
    assert!(s.unplaced.is_empty());
    insta::assert_snapshot!("import-dhs-ice-015-sorn", text);
    let rendered = sorn::emit::markdown::render(&lower(&Document::Sorn(s), &LowerOptions::default()));
    let ratio = fidelity_to("dhs-ice-015-sorn.md", &rendered);
    assert!(ratio >= 0.97, "fidelity {ratio}");
}

#[test]
fn markdown_rule_imports_and_renders_back() {
    let out = import_cli(&fixture("dhs-ice-015-final-rule.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let doc = load(&text);
    let Document::ExemptionRule(r) = &doc else { panic!("not a rule") };
    assert_eq!(r.system.id.value, "DHS/ICE-015");
    assert_eq!(r.cfr.paragraph.as_ref().map(|p| p.value.clone()), Some(sorn::model::Paragraph::Number(75)));
    assert_eq!(r.justifications.len(), 9);
    assert_eq!(r.justifications[5].covers.as_ref().map(Vec::len), Some(2), "(f) has two headings");
    assert!(stderr(&out).contains("warning: line"), "normalizations are reported with their lines");
    insta::assert_snapshot!("import-dhs-ice-015-final-rule", text);
    let rendered = sorn::emit::markdown::render(&lower(&doc, &LowerOptions::default()));
    let ratio = fidelity_to("dhs-ice-015-final-rule.md", &rendered);
    assert!(ratio >= 0.97, "fidelity {ratio}");
}

#[test]
fn fr_xml_notice_imports() {
    let out = import_cli(&fixture("gsa-ogp-1-2019.xml"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let doc = load(&text);
    let Document::Sorn(s) = &doc else { panic!("not a SORN") };
    assert_eq!(s.system.id.value, "GSA/OGP-1");
    assert_eq!(s.system.separator.as_ref().map(|x| x.value.as_str()), Some(", "));
    assert_eq!(
        s.notice.bracket_line.as_ref().map(|x| x.value.as_str()),
        Some("Notice-ID-2019-01; Docket No. 2019-0002; Sequence No. 27")
    );
    assert_eq!(s.system.routine_uses.len(), 11);
    assert!(s.notice.dates.as_ref().is_some_and(|d| d.value.contains("{comments_due}")));
    insta::assert_snapshot!("import-gsa-ogp-1", text);
    let rendered = sorn::emit::markdown::render(&lower(&doc, &LowerOptions::default()));
    let xml = std::fs::read_to_string(fixture("gsa-ogp-1-2019.xml")).unwrap();
    let reference = xml_text(&xml);
    let ratio = word_fidelity(&reference, &rendered);
    assert!(ratio >= 0.97, "fidelity {ratio}");
}

#[test]
fn plain_text_edition_imports() {
    let out = import_cli(&fixture("fhfa-14-legacy.txt"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let Document::Sorn(s) = load(&text) else { panic!("not a SORN") };
    assert_eq!(s.system.id.value, "FHFA-14");
    assert_eq!(s.system.name.value, "Personnel Security Records");
    assert_eq!(s.system.routine_uses.iter().map(|r| r.id.value.as_str()).collect::<Vec<_>>(), ["(1)", "(2)"]);
    assert_eq!(s.signature.as_ref().map(|g| g.placement), Some(sorn::model::SignaturePlacement::BeforeSystem));
    assert!(s.system.storage.is_some() && s.system.policies.is_none());
    insta::assert_snapshot!("import-fhfa-14-text", text);
}

#[test]
fn a108_manuscript_with_run_in_captions() {
    let out = import_cli(&fixture("dot-all-8-a108.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("caption \"DISCLOSURE TO CONSUMER REPORTING AGENCIES\" is not part of the a108 caption set"),
        "{err}"
    );
    let text = stdout(&out);
    let Document::Sorn(s) = load(&text) else { panic!("not a SORN") };
    assert_eq!(s.template.value, sorn::model::Template::A108);
    assert_eq!(s.action.value, sorn::model::Action::Modified);
    assert_eq!(s.system.id.value, "DOT/ALL 8");
    assert_eq!(s.system.routine_uses.iter().map(|r| r.id.value.as_str()).collect::<Vec<_>>(), ["1", "2"]);
    assert_eq!(s.notice.contacts.first().and_then(|c| c.name.as_ref()).map(|n| n.value.as_str()), Some("Karyn Gorman"));
    assert_eq!(s.signature.as_ref().map(|g| g.before.len()), Some(1));
    assert!(s.notice.dates.is_none() && s.notice.comment_days.is_some());
    insta::assert_snapshot!("import-dot-all-8-a108", text);
}

#[test]
fn a_rule_that_amends_a_section_imports_its_paragraphs() {
    // No section heading, no stars: the instruction alone says where the paragraphs go.
    let out = import_cli(&fixture("doj-section-rule.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("[[unplaced]]"), "{}", stderr(&out));
    let Document::ExemptionRule(r) = load(&stdout(&out)) else { panic!("not a rule") };
    assert!(r.unplaced.is_empty());
    assert_eq!(r.cfr.title.value, 28);
    assert_eq!(r.cfr.section.as_ref().map(|s| s.value.as_str()), Some("16.96"));
    assert!(r.cfr.appendix.is_none());
    assert_eq!(
        r.cfr.paragraph.as_ref().map(|p| p.value.clone()),
        Some(sorn::model::Paragraph::Designation("(w)".into()))
    );
    assert_eq!(r.cfr.reasons_paragraph.as_ref().map(|p| p.value.as_str()), Some("(x)"));
    assert_eq!(r.cfr.numbering(), sorn::model::Numbering::Numbers);
    assert_eq!(r.system.id.value, "JUSTICE/FBI-022");
    assert_eq!(r.system.name.value, "FBI Data Warehouse System");
    assert_eq!(r.justifications.len(), 1);
    assert!(r.signature.is_some());
}

#[test]
fn a_doj_section_rule_imports_into_typed_numbered_justifications() {
    let out = import_cli(&fixture("doj-crt-final-rule.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains("[[unplaced]]"), "{err}");
    // "(e)(4)(G) and (H), (f) and (g)" is read, and the lead-in kept in its own words.
    assert!(!err.contains("the lead-in prints as"), "{err}");
    let text = stdout(&out);
    let Document::ExemptionRule(r) = load(&text) else { panic!("not a rule") };
    assert!(r.unplaced.is_empty());
    let value = |l: &Option<sorn::model::Loc<String>>| l.as_ref().map(|v| v.value.clone());
    assert_eq!(value(&r.cfr.section).as_deref(), Some("16.135"));
    assert_eq!(
        value(&r.cfr.section_heading).as_deref(),
        Some("Exemption of Civil Rights Division Systems—limited access")
    );
    assert_eq!(value(&r.cfr.subpart).as_deref(), Some("E"));
    assert_eq!(
        r.cfr.paragraph.as_ref().map(|p| p.value.clone()),
        Some(sorn::model::Paragraph::Designation("(g)".into()))
    );
    assert_eq!(value(&r.cfr.reasons_paragraph).as_deref(), Some("(h)"));
    assert_eq!(r.cfr.amendment(), sorn::model::Amendment::AmendByAdding);
    assert_eq!(r.cfr.numbering(), sorn::model::Numbering::Numbers);
    assert_eq!(
        r.cfr.authority.as_ref().map(|a| a.value.trim()),
        Some("5 U.S.C. 301, 552, 552a, 553; 28 U.S.C. 509, 510, 534; 31 U.S.C. 3717.")
    );
    assert_eq!(r.system.id.value, "JUSTICE/CRT-023");
    assert_eq!(r.system.name.value, "Civil Rights Pattern-or-Practice Investigative Records System");
    assert_eq!(
        r.exemptions.reasons_intro.as_ref().map(|p| p.value.trim()),
        Some("Exemptions from the particular subsections are justified for the following reasons:")
    );
    let subs = |i: usize| -> Vec<String> {
        r.justifications[i].subsections.iter().flat_map(|p| p.subsections()).map(|s| s.to_string()).collect()
    };
    assert_eq!(r.justifications.len(), 7);
    assert_eq!(subs(0), ["(c)(3)"]);
    assert_eq!(subs(1), ["(c)(4)", "(d)(1)", "(d)(2)", "(d)(3)", "(d)(4)", "(e)(4)(G)", "(e)(4)(H)", "(f)", "(g)"]);
    assert_eq!(subs(3), ["(e)(2)", "(e)(3)"]);
    assert_eq!(
        r.justifications[1].leadin.as_ref().map(|l| l.value.as_str()),
        Some("From subsections (c)(4), (d)(1), (2), (3), and (4), (e)(4)(G) and (H), (f) and (g)")
    );
    assert!(
        r.justifications[2].text.value.contains("(ii) Information that appears irrelevant"),
        "sub-paragraphs join the reason"
    );
    assert!(r.justifications.iter().all(|j| j.heading.is_none() && j.covers.is_none()));
    // It builds, with the section as the Federal Register prints it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rule.toml"), &text).unwrap();
    let build = sorn().arg("build").arg(dir.path().join("rule.toml")).arg("--stdout").output().unwrap();
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    let md = stdout(&build);
    for line in [
        "#### Subpart E—Exemption of Records Systems Under the Privacy Act",
        "2\\. Amend § 16.135 by adding paragraphs (g) and (h) to read as follows:",
        "#### § 16.135 Exemption of Civil Rights Division Systems—limited access.",
        "(g) The following system of records is exempted from 5 U.S.C. 552a(c)(3) and (4);",
        "(h) Exemptions from the particular subsections are justified for the following reasons:",
        "(7) From subsection (e)(8) because serving notice",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
    // The claim paragraph names its authority in the next sentence; the claims are typed, and the
    // rule checks clean (no reason is left without its claim).
    assert!(text.contains("[[exemptions.claims]]\nauthority = \"(j)(2)\""), "{text}");
    let check = sorn().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(!stderr(&check).contains("unclaimed-justification"), "{}", stderr(&check));
    insta::assert_snapshot!("import-doj-crt-final-rule", text);
}

#[test]
fn daily_issue_gives_each_privacy_act_document_and_notes_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn().arg("import").arg(fixture("fedreg-issue.xml")).arg("--out-dir").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("note: skipped NOTICE \"Notice of Resource Advisory Committee Meeting\""), "{err}");
    assert!(
        err.contains(
            "note: skipped RULE \"Polymeric Polyhydroxy Acid; Exemption From the Requirement of a Tolerance\""
        ) && err.contains("it is a final rule amending 40 CFR part 180, with no Privacy Act evidence"),
        "{err}"
    );
    let mut names: Vec<String> =
        std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["dhs-usss-004-final-rule.toml", "gsa-ogp-1.toml"]);
    for name in &names {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        load(&text);
        insta::assert_snapshot!(format!("import-issue-{name}"), text);
    }
}

#[test]
fn documents_are_told_apart_by_privacy_act_evidence() {
    // A rule that says "Exemption" but is no Privacy Act document is refused, with what it is.
    let out = import_cli(&fixture("kinds/epa-tolerance-rule.xml"));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(err.contains("it is a final rule amending 40 CFR part 180, with no Privacy Act evidence"), "{err}");
    // A SORN whose subject says "Implementation of the Privacy Act" and whose text cites the
    // agency's Privacy Act part is a SORN: no CFR line is invented.
    let out = import_cli(&fixture("kinds/hud-sorn-amendment.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(matches!(load(&text), Document::Sorn(_)), "{text}");
    assert!(!text.contains("0 CFR") && !stderr(&out).contains("[[unplaced]]"), "{text}\n{}", stderr(&out));
    // "Privacy Act; Exempt Record System" on 45 CFR part 5b is an exemption rule.
    let out = import_cli(&fixture("kinds/hhs-exempt-record-system.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(matches!(load(&stdout(&out)), Document::ExemptionRule(_)));
}

#[test]
fn a_sorn_signed_before_its_system_text_with_gpo_typography() {
    // VA's "Signing Authority" block, the signature in paragraphs of its own before the system
    // text, "EXEMPTION(S) PROMULGATED FROM THIS SYSTEM: None.", a HISTORY of two citations, and
    // GPO's en dashes in the FR Doc and billing lines.
    let out = import_cli(&fixture("kinds/va-sorn-signing-authority.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
    let text = stdout(&out);
    let Document::Sorn(s) = load(&text) else { panic!("not a SORN") };
    let signature = s.signature.as_ref().expect("the signature is found");
    assert_eq!(signature.name.value, "Amy L. Rose");
    assert_eq!(signature.placement, sorn::model::SignaturePlacement::BeforeSystem);
    assert_eq!(s.fr_doc.as_ref().map(|d| d.number.value.as_str()), Some("2023-14672"));
    assert_eq!(s.notice.billing_code.as_ref().map(|b| b.value.as_str()), Some("8320-01-P"));
    let history = s.system.history.as_ref().unwrap().value.trim();
    assert_eq!(history, "85 FR 1234 (January 9, 2020); 86 FR 5678 (February 1, 2021).");
    assert_eq!(s.system.exemptions.as_ref().and_then(|e| e.text.as_ref()).map(|t| t.value.trim()), Some("None."));
    assert_eq!(
        (s.system.id.value.as_str(), s.system.name.value.as_str()),
        ("211VA0474", "Veterans Legacy Memorial (VLM)–VA")
    );
    let supplementary = s.notice.supplementary.as_ref().unwrap().value.as_str();
    assert!(supplementary.contains("Signing Authority"), "{supplementary}");
    // Checked, the notice lacks nothing: the signature is there.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("va.toml"), &text).unwrap();
    let check = sorn().arg("check").arg(dir.path()).output().unwrap();
    assert!(!stderr(&check).contains("missing-section"), "{}", stderr(&check));
}

#[test]
fn a_sorn_and_its_rule_imported_together_are_linked() {
    let dir = tempfile::tempdir().unwrap();
    let out = sorn()
        .arg("import")
        .arg(fixture("dhs-ice-015-sorn.md"))
        .arg(fixture("dhs-ice-015-final-rule.md"))
        .arg("--out-dir")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let sorn_doc = load(&std::fs::read_to_string(dir.path().join("dhs-ice-015.toml")).unwrap());
    let rule_doc = load(&std::fs::read_to_string(dir.path().join("dhs-ice-015-final-rule.toml")).unwrap());
    assert_eq!(sorn_doc.system_name().id.value, rule_doc.system_name().id.value);
    assert_eq!(sorn_doc.link().map(|l| l.value.as_str()), Some("dhs-ice-015-final-rule.toml"));
    assert_eq!(rule_doc.link().map(|l| l.value.as_str()), Some("dhs-ice-015.toml"));
    // Both build together, the links resolving.
    let build = sorn().arg("build").arg(dir.path()).arg("--out-dir").arg(dir.path().join("build")).output().unwrap();
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
}

#[test]
fn standard_input_and_out_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.toml");
    let bytes = std::fs::read(fixture("dhs-ice-015-final-rule.md")).unwrap();
    let out = sorn().args(["import", "-", "--out"]).arg(&path).write_stdin(bytes.clone()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    load(&std::fs::read_to_string(&path).unwrap());
    let again = sorn().args(["import", "-", "--out"]).arg(&path).write_stdin(bytes.clone()).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let forced = sorn().args(["import", "-", "--force", "--out"]).arg(&path).write_stdin(bytes).output().unwrap();
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
}

#[test]
fn existing_files_in_out_dir_need_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gsa-ogp-1.toml"), "keep me").unwrap();
    let out =
        sorn().arg("import").arg(fixture("gsa-ogp-1-2019.xml")).arg("--out-dir").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"));
    assert_eq!(std::fs::read_to_string(dir.path().join("gsa-ogp-1.toml")).unwrap(), "keep me");
}

fn bad(name: &str, bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let out = import_cli(&path);
    assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
    assert!(out.stdout.is_empty());
    stderr(&out).replace('│', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn bad_inputs_exit_2_with_a_clear_message() {
    let err = bad("hello.md", b"# Hello\n\nA note about lunch.\n");
    assert!(err.contains("is not a System of Records Notice or a Privacy Act exemption rule"), "{err}");
    let err = bad("broken.xml", b"<NOTICE>\n<PREAMB>\n<P>text</PREAMB>\n</NOTICE>\n");
    assert!(err.contains("not well-formed XML"), "{err}");
    assert!(err.contains("broken.xml:"), "the position is shown: {err}");
    let err = bad("other.xml", b"<html><body>hi</body></html>");
    assert!(err.contains("not Federal Register XML"), "{err}");
    let err = bad("binary.pdf", b"%PDF-1.7\n\x00\x01\x02\x03binary");
    assert!(err.contains("binary data"), "{err}");
    let err = bad("latin1.txt", b"AGENCY: Caf\xe9 Bureau\n");
    assert!(err.contains("not valid UTF-8"), "{err}");
    let err = bad("empty.md", b"   \n");
    assert!(err.contains("is empty"), "{err}");
}

/// A small deterministic generator for the robustness test.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn no_input_makes_it_panic() {
    let options = ImportOptions::default();
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut inputs: Vec<Vec<u8>> = Vec::new();
    for name in [
        "dhs-ice-015-sorn.md",
        "dhs-ice-015-final-rule.md",
        "doj-legacy-sorn.md",
        "dot-oig-900-a108.md",
        "gsa-ogp-1-2019.xml",
        "fedreg-issue.xml",
        "real/ferc-22-2024-02813.xml",
        "real/dod-dha-20-2016-08707.xml",
        "real/dod-dmdc-04-2016-08636.xml",
    ] {
        let bytes = std::fs::read(fixture(name)).unwrap();
        // Truncations anywhere, even inside a character.
        let step = bytes.len() / 25 + 1;
        for cut in (0..bytes.len()).step_by(step) {
            inputs.push(bytes[..cut].to_vec());
        }
        // Random bytes overwritten.
        for _ in 0..10 {
            let mut b = bytes.clone();
            for _ in 0..8 {
                let at = (rng.next() as usize) % b.len();
                b[at] = (rng.next() % 256) as u8;
            }
            inputs.push(b);
        }
        // Random spans removed and duplicated, which shuffles captions and structure.
        for _ in 0..10 {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let a = (rng.next() as usize) % text.len();
            let b = (rng.next() as usize) % text.len();
            let (a, b) = (a.min(b), a.max(b));
            if text.is_char_boundary(a) && text.is_char_boundary(b) {
                inputs.push(format!("{}{}{}", &text[..a], &text[b..], &text[a..b]).into_bytes());
            }
        }
    }
    for _ in 0..30 {
        let len = (rng.next() % 2000) as usize;
        inputs.push((0..len).map(|_| (rng.next() % 256) as u8).collect());
        inputs.push(
            (0..len)
                .map(|_| b" <>[]()*_#-:.\n\tAGENCY:SUMMARY:System name:(a)From1."[(rng.next() % 42) as usize])
                .collect(),
        );
    }
    // Deep nesting: read without recursing into the stack.
    inputs.push(
        format!("<NOTICE>{}<P>x</P>{}</NOTICE>", "<EXTRACT>".repeat(3000), "</EXTRACT>".repeat(3000)).into_bytes(),
    );
    inputs
        .push(format!("<NOTICE><P>{}x{}</P></NOTICE>", "<E T=\"03\">".repeat(3000), "</E>".repeat(3000)).into_bytes());
    inputs.push(format!("{}x", "> ".repeat(3000)).into_bytes());
    inputs.push((0..300).map(|i| format!("{}- x\n", "  ".repeat(i))).collect::<String>().into_bytes());
    inputs.push(b"[\n\n[]\n\n**AGENCY:**\n\n**SUPPLEMENTARY INFORMATION:**\n\n**System name:**\n\n(a) From\n".to_vec());
    for input in inputs {
        if let Ok(out) = import("fuzz", &input, &options) {
            for source in out.sources {
                load(&source.text);
            }
        }
    }
}

#[test]
fn text_edition_alteration_notice() {
    let text = "[Federal Register Volume 81, Number 73 (Friday, April 15, 2016)]\n[Notices]\n\nDEPARTMENT OF DEFENSE\n\nOffice of the Secretary\n\n[Docket ID DOD-2016-OS-0041]\n\nPrivacy Act of 1974; System of Records\n\nAGENCY: Office of the Secretary of Defense, DoD.\n\nACTION: Notice to alter a system of records.\n\nSUMMARY: The Office of the Secretary of Defense proposes to alter a system\nof records, DMDC 04.\n\nDATES: Comments will be accepted on or before May 16, 2016.\n\nFOR FURTHER INFORMATION CONTACT: Ms. Cindy Allard, (571) 372-0461.\n\nSUPPLEMENTARY INFORMATION: The report was submitted on April 1, 2016.\n\n    Dated: April 11, 2016.\nAaron Siegel,\nAlternate OSD Federal Register Liaison Officer, Department of Defense.\n\n                              DMDC 04\n\nSystem name:\n\n    Emergency Evacuation Tracking and Repatriation (April 14, 2009, 74\nFR 17173).\n\nChanges:\n\n* * * * *\n\nSystem location:\n\n    Delete entry and replace with ``Seaside, CA 93955-6771.''\n\n* * * * *\n\n[FR Doc. 2016-08636 Filed 4-14-16; 8:45 am]\nBILLING CODE 5001-06-P\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dmdc-04.txt");
    std::fs::write(&path, text).unwrap();
    let out = import_cli(&path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let Document::Sorn(s) = load(&stdout(&out)) else { panic!("not a SORN") };
    assert_eq!(s.system.id.value, "DMDC 04");
    assert_eq!(s.system.name.value, "Emergency Evacuation Tracking and Repatriation");
    assert_eq!(s.system.form.as_ref().map(|f| f.value.as_str()), Some("{name} (April 14, 2009, 74 FR 17173)."));
    assert!(s.partial);
    assert_eq!(s.system.changes.len(), 2);
    assert_eq!(s.system.changes[0].caption.as_ref().map(|c| c.value.as_str()), Some("System location"));
    assert!(s.system.changes[1].stars && s.system.changes[1].caption.is_none());
    assert_eq!(s.signature.as_ref().map(|g| g.placement), Some(sorn::model::SignaturePlacement::BeforeSystem));
}

/// The claims of a document as (authority, provisions) text.
fn claims_of(doc: &Document) -> Vec<(String, Vec<String>)> {
    doc.claims()
        .iter()
        .map(|c| {
            let provisions = c.subsections.elements().map(|s| s.value.to_string()).collect();
            (c.authority.value.written().to_string(), provisions)
        })
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// `sorn check` on one source: (rule, message) of every finding.
fn check_findings(source: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("imported.toml"), source).unwrap();
    let out = sorn().args(["check", "--format", "json"]).arg(dir.path()).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_string(), d["message"].as_str().unwrap().to_string()))
        .collect()
}

/// Imports a fixture with no warning; returns the source.
fn import_quietly(name: &str) -> String {
    let out = import_cli(&fixture(name));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn doj_claims_in_the_attorney_generals_words() {
    let text = import_quietly("doj-legacy-sorn.md");
    let doc = load(&text);
    let Document::Sorn(s) = &doc else { panic!("not a SORN") };
    let e = s.system.exemptions.as_ref().expect("exemptions");
    let wording = e.wording.as_ref().expect("the wording is kept").value.trim();
    assert!(wording.starts_with("The Attorney General has exempted this system from subsections (c)(3) and (4); (d);"));
    assert!(wording.ends_with("pursuant to 5 U.S.C. 552a(k)(1) and (k)(2)."), "{wording}");
    assert!(e.official.is_none());
    assert!(e.note.as_ref().unwrap().value.trim().starts_with("Rules have been promulgated"));
    let k = strings(&["(c)(3)", "(d)", "(e)(1)", "(e)(2)", "(e)(4)(G)", "(e)(4)(H)", "(f)"]);
    assert_eq!(
        claims_of(&doc),
        [
            (
                "(j)(2)".to_string(),
                strings(&[
                    "(c)(3)",
                    "(c)(4)",
                    "(d)",
                    "(e)(1)",
                    "(e)(2)",
                    "(e)(3)",
                    "(e)(4)(G)",
                    "(e)(4)(H)",
                    "(e)(5)",
                    "(e)(8)",
                    "(f)",
                    "(g)"
                ])
            ),
            ("(k)(1)".to_string(), k.clone()),
            ("(k)(2)".to_string(), k),
        ]
    );

    // The typed claims are what the checks read: (e)(2) is beyond both specific exemptions.
    let findings = check_findings(&text);
    let unauthorized: Vec<&str> =
        findings.iter().filter(|(r, _)| r == "unauthorized-exemption").map(|(_, m)| m.as_str()).collect();
    assert_eq!(unauthorized.len(), 2, "{findings:#?}");
    assert!(unauthorized[0].contains("(k)(1) cannot reach (e)(2)"), "{unauthorized:?}");
    assert!(unauthorized[1].contains("(k)(2) cannot reach (e)(2)"), "{unauthorized:?}");
    assert!(!findings.iter().any(|(r, _)| r == "claims-wording"), "{findings:#?}");

    // And the notice prints the Attorney General's sentences, not DHS's.
    let rendered = sorn::emit::markdown::render(&lower(&doc, &LowerOptions::default()));
    let published = std::fs::read_to_string(fixture("doj-legacy-sorn.md")).unwrap();
    let caption = published.lines().find(|l| l.starts_with("The Attorney General")).unwrap();
    assert!(rendered.contains(caption), "{rendered}");
}

#[test]
fn a108_claims_with_the_authority_first() {
    let text = import_quietly("dot-oig-900-a108.md");
    let doc = load(&text);
    let Document::Sorn(s) = &doc else { panic!("not a SORN") };
    let e = s.system.exemptions.as_ref().expect("exemptions");
    assert!(e.wording.as_ref().unwrap().value.trim().starts_with(
        "Pursuant to 5 U.S.C. 552a(k)(2), the Department of Transportation has exempted this system from the \
             following provisions of the Privacy Act: subsections (c)(3), (c)(4),"
    ));
    assert!(e.note.as_ref().unwrap().value.trim().starts_with("In addition, when exempt records received"));
    assert_eq!(
        claims_of(&doc),
        [(
            "(k)(2)".to_string(),
            strings(&[
                "(c)(3)",
                "(c)(4)",
                "(d)(1)",
                "(d)(2)",
                "(d)(3)",
                "(d)(4)",
                "(e)(1)",
                "(e)(4)(G)",
                "(e)(4)(H)",
                "(e)(4)(I)",
                "(f)"
            ])
        )]
    );
    let findings = check_findings(&text);
    let unauthorized: Vec<&str> =
        findings.iter().filter(|(r, _)| r == "unauthorized-exemption").map(|(_, m)| m.as_str()).collect();
    assert_eq!(unauthorized.len(), 1, "{findings:#?}");
    assert!(unauthorized[0].contains("(k)(2) cannot reach (c)(4)"), "{unauthorized:?}");
    assert!(!findings.iter().any(|(r, _)| r == "claims-wording"), "{findings:#?}");
}

#[test]
fn a_rule_paragraph_in_other_words_keeps_them_and_the_same_claims() {
    let published = std::fs::read_to_string(fixture("dhs-ice-015-final-rule.md")).unwrap();
    let start = published.find("The Secretary of Homeland Security, pursuant").unwrap();
    let end = published[start..].find("When a record received").unwrap() + start;
    let wording = "The Secretary of Homeland Security has exempted this system from subsections (c)(3) and (4); (d); \
                   (e)(1), (2), and (3); (e)(4)(G), (H), and (I); (e)(5); (e)(8); (f); and (g) of the Privacy Act \
                   pursuant to 5 U.S.C. 552a(j)(2). Additionally, the Secretary of Homeland Security has exempted \
                   this system from subsections (c)(3) and (4); (d); (e)(1); (e)(4)(G), (H), and (I); and (f) of the \
                   Privacy Act pursuant to 5 U.S.C. 552a(k)(2).";
    let reworded = format!("{}{wording} {}", &published[..start], &published[end..]);
    let out = sorn().args(["import", "-"]).write_stdin(reworded).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("claim sentences"), "nothing is normalized: {}", stderr(&out));
    let text = stdout(&out);
    let doc = load(&text);
    let Document::ExemptionRule(r) = &doc else { panic!("not a rule") };
    assert_eq!(r.exemptions.wording.as_ref().map(|w| w.value.trim()), Some(wording));
    assert!(r.exemptions.description.as_ref().unwrap().value.trim().ends_with("analytical project."));
    assert!(r.exemptions.note.as_ref().unwrap().value.trim().starts_with("When a record received"));
    // The same claims as the published DHS sentences give.
    let dhs = load(&stdout(&import_cli(&fixture("dhs-ice-015-final-rule.md"))));
    assert_eq!(claims_of(&doc), claims_of(&dhs));
    assert!(!check_findings(&text).iter().any(|(r, _)| r == "claims-wording"));
}

#[test]
fn every_imported_claim_list_states_what_its_wording_says() {
    let mut names: Vec<String> = ["md", "txt", "xml"]
        .iter()
        .flat_map(|ext| {
            std::fs::read_dir(root().join("tests/fixtures/import"))
                .unwrap()
                .chain(std::fs::read_dir(root().join("tests/fixtures/import/real")).unwrap())
                .map(|e| e.unwrap().path())
                .filter(move |p| p.extension().is_some_and(|e| e == *ext))
                .collect::<Vec<_>>()
        })
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let bytes = std::fs::read(&name).unwrap();
        let Ok(out) = import(&name, &bytes, &ImportOptions::default()) else { continue };
        for source in out.sources {
            let findings = check_findings(&source.text);
            assert!(!findings.iter().any(|(r, _)| r == "claims-wording"), "{name}: {findings:#?}");
        }
    }
}

/// Imports the ICE-015 SORN and `rule` (Markdown) into a folder and checks it: (rule, line) of
/// every diagnostic.
fn import_and_check(rule: &str) -> Vec<(String, u64)> {
    let dir = tempfile::tempdir().unwrap();
    let rule_md = dir.path().join("rule.md");
    std::fs::write(&rule_md, rule).unwrap();
    let out_dir = dir.path().join("out");
    let out = sorn()
        .arg("import")
        .arg(fixture("dhs-ice-015-sorn.md"))
        .arg(&rule_md)
        .arg("--out-dir")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let out = sorn().arg("check").arg(&out_dir).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<(String, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["rule"].as_str().unwrap().to_string(), d["line"].as_u64().unwrap_or(0)))
        .collect();
    found.sort();
    found
}

#[test]
fn a_wrong_citation_in_a_published_claim_is_kept_and_reported_once() {
    let published = std::fs::read_to_string(fixture("dhs-ice-015-final-rule.md")).unwrap();
    let base = import_and_check(&published);
    for (from, to) in
        [("(e)(8); (f); and (g).", "(e)(8), (e)(13); (f); and (g)."), ("(e)(4)(I), (e)(5)", "(e)(4)(J), (e)(5)")]
    {
        let planted = published.replacen(from, to, 1);
        assert_ne!(planted, published);
        // Lines move (the claim sentences are kept as written), so compare the rules reported.
        let rules = |found: Vec<(String, u64)>| found.into_iter().map(|(r, _)| r).collect::<Vec<_>>();
        let mut expected = rules(base.clone());
        expected.push("unknown-subsection".into());
        expected.sort();
        assert_eq!(rules(import_and_check(&planted)), expected, "one new diagnostic for {to}");
    }
}

/// Claims of a rule's systems as (authority, number of provisions), system by system.
fn claims_per_system(r: &sorn::model::ExemptionRule) -> Vec<(String, Vec<(String, usize)>)> {
    r.per_system()
        .iter()
        .map(|v| {
            let claims = v
                .exemptions
                .claims
                .iter()
                .map(|c| (c.authority.value.written().to_string(), c.subsections.subsections().len()))
                .collect();
            (v.system.id.value.clone(), claims)
        })
        .collect()
}

/// `dhs-two-paragraphs-rule.md` is the ICE-015 final rule with a second appendix paragraph (76,
/// for DHS/ICE-016) added in the same form, as DHS rules that exempt two systems print it.
#[test]
fn an_appendix_rule_that_adds_two_paragraphs_imports_as_two_systems() {
    let out = import_cli(&fixture("dhs-two-paragraphs-rule.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let doc = load(&text);
    let Document::ExemptionRule(r) = &doc else { panic!("not a rule") };
    let per_authority = vec![("(j)(2)".to_string(), 13), ("(k)(2)".to_string(), 8)];
    assert_eq!(
        claims_per_system(r),
        [("DHS/ICE-015".to_string(), per_authority.clone()), ("DHS/ICE-016".to_string(), per_authority)]
    );
    assert_eq!(r.systems.len(), 1);
    assert_eq!(r.systems[0].name.value, "FALCON Search and Analysis System of Records");
    assert_eq!(r.systems[0].paragraph.as_ref().map(|p| p.value.clone()), Some(sorn::model::Paragraph::Number(76)));
    assert_eq!((r.justifications.len(), r.systems[0].justifications.len()), (9, 9));
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
    let rendered = sorn::emit::markdown::render(&lower(&doc, &LowerOptions::default()));
    assert!(rendered.contains("Add paragraphs 75 and 76 to appendix C to part 5 to read as follows:"));
    let ratio = fidelity_to("dhs-two-paragraphs-rule.md", &rendered);
    assert!(ratio >= 0.97, "fidelity {ratio}");
}

/// `doj-fbi-022-text-edition-rule.txt` is written in DOJ's 28 CFR part 16 subpart E section form
/// as the GPO text edition prints it ("0 2. Amend Sec. 16.96 by adding paragraphs (w) and (x)",
/// the claim list in (w), its authorities in the first sentence of (x)); it is not a published
/// document.
#[test]
fn a_doj_section_rule_in_the_text_edition_types_its_claims_per_authority() {
    let out = import_cli(&fixture("doj-fbi-022-text-edition-rule.txt"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = load(&stdout(&out));
    let Document::ExemptionRule(r) = &doc else { panic!("not a rule") };
    assert_eq!(
        (r.system.id.value.as_str(), r.system.name.value.as_str()),
        ("JUSTICE/FBI-022", "FBI Data Warehouse System")
    );
    assert_eq!(r.cfr.section.as_ref().map(|s| s.value.as_str()), Some("16.96"));
    assert_eq!(r.cfr.paragraph.as_ref().map(|p| p.value.to_string()), Some("(w)".to_string()));
    assert_eq!(
        claims_per_system(r),
        [(
            "JUSTICE/FBI-022".to_string(),
            vec![("(j)(2)".to_string(), 16), ("(k)(1)".to_string(), 10), ("(k)(2)".to_string(), 10)]
        )],
        "the list under (j)(2), and under each (k) ground the provisions (k) reaches"
    );
    assert_eq!(r.justifications.len(), 8);
    assert!(r.unplaced.is_empty(), "{:?}", r.unplaced);
    assert!(r.cfr.issuance.as_ref().is_some_and(|w| w.value.contains("28 CFR part 16 is amended as follows:")));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rule.toml"), stdout(&out)).unwrap();
    let out = sorn().arg("check").arg(dir.path()).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(errors.is_empty(), "the claims paragraph and the reasons paragraph state the typed claims: {errors:?}");
}

#[test]
fn an_authority_without_its_paragraph_is_one_warning_and_one_finding() {
    let text = std::fs::read_to_string(fixture("doj-fbi-022-text-edition-rule.txt")).unwrap();
    let bare = text.replacen("552a(j)(2),\n(k)(1), or (k)(2).", "552a(j) and\n(k).", 1);
    assert_ne!(bare, text);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rule.txt");
    std::fs::write(&input, bare).unwrap();
    let out = import_cli(&input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let warned: Vec<String> = stderr(&out).lines().filter(|l| l.contains("claim")).map(str::to_string).collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(warned[0].contains("line 101") && warned[0].contains("(j) and (k) without its paragraph"), "{warned:?}");
    std::fs::write(dir.path().join("rule.toml"), stdout(&out)).unwrap();
    let out = sorn().arg("check").arg(dir.path().join("rule.toml")).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(errors, ["missing-section"], "once, not one unclaimed-justification per reason");
}

/// `va-103va07b-section-rule.md` is written in VA's 38 CFR 1.582 form (the system named in the
/// paragraph's heading, "(1)" the claims, "(2)" the reasons numbered (i), (ii), ...); it is not a
/// published document.
#[test]
fn a_va_section_rule_names_its_system_in_the_heading_and_numbers_reasons_in_roman() {
    let out = import_cli(&fixture("va-103va07b-section-rule.md"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let doc = load(&text);
    let Document::ExemptionRule(r) = &doc else { panic!("not a rule") };
    assert_eq!(
        (r.system.id.value.as_str(), r.system.name.value.as_str()),
        ("103VA07B", "Police and Security Records—VA")
    );
    assert_eq!(
        claims_per_system(r),
        [("103VA07B".to_string(), vec![("(j)(2)".to_string(), 13), ("(k)(2)".to_string(), 7)])]
    );
    assert_eq!(r.cfr.numbering(), sorn::model::Numbering::Roman);
    assert_eq!(r.justifications.len(), 9);
    let rendered = sorn::emit::markdown::render(&lower(&doc, &LowerOptions::default()));
    assert!(rendered.contains("Amend § 1.582 by adding paragraph (e) to read as follows:"), "{rendered}");
    assert!(rendered.contains("\n(ix) From subsection (g) because"), "{rendered}");
    let ratio = fidelity_to("va-103va07b-section-rule.md", &rendered);
    assert!(ratio >= 0.95, "fidelity {ratio}");
}

/// The DOJ example with its reasons in the form "(1) Subsection (c)(3). To ...", rendered and
/// imported back: the form and every reason's provisions survive the round trip.
#[test]
fn reasons_that_open_with_subsection_round_trip() {
    let example = std::fs::read_to_string(root().join("examples/doj-crt-section-rule.toml")).unwrap();
    let source = example
        .replace("reasons_paragraph = \"(h)\"\n", "reasons_paragraph = \"(h)\"\nleadin = \"subsection\"\n")
        .replace("text = \"because ", "text = \"Because ");
    let ws = sorn::source::load_str("rule.toml", &source);
    assert!(ws.diagnostics.is_empty(), "{:#?}", ws.diagnostics);
    let rendered = sorn::emit::markdown::render(&lower(&ws.documents[0].document, &LowerOptions::default()));
    assert!(rendered.contains("\n(1) Subsection (c)(3). Because making available"), "{rendered}");
    assert!(rendered.contains("\n(3) Subsection (d)(1), (2), (3), and (4). Because"), "{rendered}");
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("rule.md");
    std::fs::write(&md, &rendered).unwrap();
    let out = import_cli(&md);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let Document::ExemptionRule(r) = load(&stdout(&out)) else { panic!("not a rule") };
    let Document::ExemptionRule(original) = &ws.documents[0].document else { panic!("not a rule") };
    assert_eq!(r.cfr.leadin(), sorn::model::Leadin::Subsection);
    let provisions = |r: &sorn::model::ExemptionRule| -> Vec<Vec<String>> {
        r.justifications
            .iter()
            .map(|j| j.subsections.iter().flat_map(|p| p.subsections()).map(|s| s.to_string()).collect())
            .collect()
    };
    assert_eq!(provisions(&r), provisions(original));
}

/// (rule, severity) of every diagnostic `sorn check` gives on the import of one document alone.
fn check_import_of(name: &str, text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join(name);
    std::fs::write(&input, text).unwrap();
    let out = import_cli(&input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    std::fs::write(dir.path().join("rule.toml"), stdout(&out)).unwrap();
    let out = sorn().arg("check").arg(dir.path().join("rule.toml")).args(["--format", "json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut rules: Vec<String> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {}", d["rule"].as_str().unwrap(), d["severity"].as_str().unwrap()))
        .collect();
    rules.sort();
    rules
}

#[test]
fn a_wrong_citation_planted_in_any_rule_form_is_one_new_error() {
    for (name, from, to) in [
        ("dhs-two-paragraphs-rule.md", "(e)(8); (f); and (g).", "(e)(8); (e)(13); (f); and (g)."),
        ("doj-fbi-022-text-edition-rule.txt", "(f); and (g): FBI Data", "(f); (e)(13); and (g): FBI Data"),
        ("va-103va07b-section-rule.md", "(e)(8), (f), and (g).", "(e)(8), (e)(4)(J), (f), and (g)."),
        // In a reason, not a claim; alone in its reason, too.
        ("dhs-two-paragraphs-rule.md", "(c) From subsection (e)(1) (", "(c) From subsections (e)(1) and (e)(13) ("),
        ("dhs-two-paragraphs-rule.md", "(d) From subsection (e)(2) (", "(d) From subsection (x)(2) ("),
    ] {
        let published = std::fs::read_to_string(fixture(name)).unwrap();
        let planted = published.replacen(from, to, 1);
        assert_ne!(planted, published, "{name}");
        let mut expected = check_import_of(name, &published);
        expected.push("unknown-subsection error".into());
        expected.sort();
        assert_eq!(check_import_of(name, &planted), expected, "{name}: one new diagnostic");
    }
}

#[test]
fn a_reason_that_cannot_be_read_is_one_warning_at_its_line_and_kept() {
    let published = std::fs::read_to_string(fixture("dhs-ice-015-final-rule.md")).unwrap();
    let garbled =
        published.replacen("- (d) From subsection (e)(2) (Collection", "- (d) From subsection e-2 (Collection", 1);
    assert_ne!(garbled, published);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rule.md");
    std::fs::write(&input, &garbled).unwrap();
    let out = import_cli(&input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let warnings: Vec<String> = stderr(&out)
        .lines()
        .filter(|l| l.contains("reason") && !l.contains("words of issuance"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        warnings,
        ["warning: line 81: a reason whose provisions could not be read: kept in the text of the reason before it"]
    );
    assert!(stdout(&out).contains("(d) From subsection e-2 (Collection of Information from Individuals)"), "kept");
}

/// How closely a rendering reads as the published fixture it was imported from.
fn fidelity_to(published: &str, rendered: &str) -> f64 {
    word_fidelity(&std::fs::read_to_string(fixture(published)).unwrap(), rendered)
}

/// Imports a document of the corpus and renders it back as Markdown.
fn corpus_round_trip(name: &str) -> (Document, String) {
    let out = import_cli(&root().join("tests/corpus/documents").join(name));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("[[unplaced]]"), "{}", stderr(&out));
    let text = stdout(&out);
    let doc = load(&text);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("rule.toml"), &text).unwrap();
    let build = sorn().arg("build").arg(dir.path().join("rule.toml")).arg("--stdout").output().unwrap();
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    (doc, stdout(&build))
}

#[test]
fn a_rule_that_adds_the_whole_appendix_keeps_its_introduction_and_numbers_its_paragraphs() {
    let (doc, md) = corpus_round_trip("dhs-all-001-crcl-001-final-rule-06-3791.txt");
    let Document::ExemptionRule(r) = doc else { panic!("not a rule") };
    assert_eq!(r.cfr.amendment(), sorn::model::Amendment::AddAppendix);
    let intro = r.cfr.appendix_intro.as_ref().map(|p| p.value.clone()).unwrap_or_default();
    assert!(intro.starts_with("This Appendix implements provisions"), "{intro}");
    assert!(intro.contains("Portions of the following DHS systems of records"), "{intro}");
    assert_eq!(r.system.id.value, "DHS/ALL 001");
    assert_eq!(r.systems.len(), 1);
    assert_eq!(r.systems[0].id.value, "DHS/CRCL 001");
    let authorities: Vec<String> =
        r.exemptions.claims.iter().map(|c| c.authority.value.written().to_string()).collect();
    assert_eq!(authorities, ["(j)(2)", "(k)(1)", "(k)(2)", "(k)(5)"]);
    // The whole appendix prints: no stars after its heading, the introduction before paragraph 1.
    let heading = "#### Appendix C to Part 5—DHS Systems of Records Exempt From the Privacy Act";
    let after = &md[md.find(heading).expect("appendix heading") + heading.len()..];
    assert!(after.trim_start().starts_with("This Appendix implements"), "{after}");
    assert!(md.contains("Add appendix C to part 5 to read as follows:"), "{md}");
    assert!(md.contains("\n1\\. DHS/ALL 001, Department of Homeland Security"), "{md}");
    assert!(md.contains("\n2\\. DHS/CRCL 001, Civil Rights"), "{md}");
}

#[test]
fn a_rule_that_revises_one_nested_paragraph_and_adds_another_prints_both_designations() {
    let (doc, md) = corpus_round_trip("ed-oig-18-10-01-final-rule-2018-11235.md");
    let Document::ExemptionRule(r) = doc else { panic!("not a rule") };
    assert_eq!(r.cfr.amendment(), sorn::model::Amendment::ReviseAndAdd);
    assert_eq!(r.cfr.section.as_ref().map(|s| s.value.as_str()), Some("5b.11"));
    assert_eq!(r.cfr.paragraph.as_ref().map(|p| p.value.to_string()).as_deref(), Some("(c)(1)"));
    assert_eq!(r.cfr.paragraph_heading.as_ref().map(|h| h.value.as_str()), Some("Specific exemptions."));
    assert_eq!(r.cfr.reasons_paragraph.as_ref().map(|p| p.value.as_str()), Some("(3)"));
    assert_eq!(r.system.id.value, "18-10-01");
    let authorities: Vec<String> =
        r.exemptions.claims.iter().map(|c| c.authority.value.written().to_string()).collect();
    assert_eq!(authorities, ["(j)(2)", "(k)(2)"]);
    assert_eq!(r.signature.as_ref().map(|s| s.placement), Some(sorn::model::SignaturePlacement::BeforeSystem));
    for line in [
        "2\\. Amend § 5b.11 by revising paragraph (c)(1) and adding paragraph (c)(3) to read as follows:",
        "(c) *Specific exemptions.* (1) Pursuant to 5 U.S.C. 552a(j)(2), the Investigative Files",
        "\\* \\* \\* \\* \\*\n\n(3) The reasons for these exemptions are as follows:",
        "(ii) From subsections (d)(1) through (4), because",
        "For the reasons discussed in the preamble, the Secretary amends part 5b",
    ] {
        assert!(md.contains(line), "missing {line:?} in\n{md}");
    }
}

/// The words of a text from `from` to `to` (inclusive), with Markdown's escapes and emphasis set
/// aside.
fn words_between(text: &str, from: &str, to: &str) -> Vec<String> {
    let start = text.find(from).unwrap_or_else(|| panic!("{from:?} not in\n{text}"));
    let end = start + text[start..].find(to).unwrap_or_else(|| panic!("{to:?} not in\n{text}")) + to.len();
    text[start..end].replace(['\\', '*'], " ").split_whitespace().map(str::to_string).collect()
}

/// `dod-310-13-two-blocks-rule.md` is written in DoD's 32 CFR 310.13 form since 2019 (captions
/// ending in a period, the authorities under their own caption, reasons introduced and lettered
/// in capitals, "Exempt records from other systems"), two blocks under one parent; it is not a
/// published document.
#[test]
fn a_dod_rule_of_two_blocks_imports_and_prints_each_block_as_written() {
    let path = fixture("dod-310-13-two-blocks-rule.md");
    let out = import_cli(&path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    let text = stdout(&out);
    let doc = load(&text);
    let Document::ExemptionRule(r) = &doc else { panic!("not a rule") };
    let reach = 7;
    assert_eq!(
        claims_per_system(r),
        [
            ("DoD-0020".to_string(), vec![("(k)(2)".to_string(), reach), ("(k)(5)".to_string(), reach)]),
            ("DoD-0021".to_string(), vec![("(k)(2)".to_string(), 2)])
        ]
    );
    assert_eq!(r.cfr.form.as_ref().map(|f| f.value), Some(sorn::model::SectionForm::DodBlock));
    let captions = r.cfr.block_captions.as_ref().expect("the 2019 captions");
    assert_eq!(captions.exemption.as_ref().map(|c| c.value.as_str()), Some("Exemptions."));
    assert_eq!((r.justifications.len(), r.systems[0].justifications.len()), (4, 2));
    assert!(r.exemptions.other_systems.is_some() && r.systems[0].exemptions.other_systems.is_none());
    // Only the note, once per system, that its SORN is not loaded.
    let rules: Vec<String> = check_findings(&text).into_iter().map(|(rule, _)| rule).collect();
    assert_eq!(rules, ["unpaired-document", "unpaired-document"]);
    let rendered = sorn::emit::markdown::render(&lower(&doc, &LowerOptions::default()));
    let published = std::fs::read_to_string(&path).unwrap();
    let (from, to) = ("(e) \\* \\* \\*", "referral and its sources.");
    assert_eq!(words_between(&rendered, from, to), words_between(&published, from, to));
    assert!(rendered.contains("Amend § 310.13 by adding paragraphs (e)(20) and (e)(21) to read as follows:"));
}

/// The DoD block of `dod-dmdc-24-final-rule-2016-29127.txt` (the corpus, in the GPO text edition)
/// renders back word for word, from its parent paragraph to its last reason.
#[test]
fn a_dod_block_in_the_text_edition_renders_back_as_printed() {
    let path = root().join("tests/corpus/documents/dod-dmdc-24-final-rule-2016-29127.txt");
    let out = import_cli(&path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let doc = load(&stdout(&out));
    let rendered = sorn::emit::markdown::render(&lower(&doc, &LowerOptions::default()));
    let published = std::fs::read_to_string(&path).unwrap();
    let (from, to) = ("(d) ", "corrections of the information in the system.");
    assert_eq!(words_between(&rendered, from, to), words_between(&published, from, to));
}

/// The shared paragraph of `doj-usm-systems-proposed-rule-2021-20117.txt` (the corpus) lists
/// three systems that share its claims and reasons; the paragraph and its list render back word
/// for word.
#[test]
fn a_doj_paragraph_shared_by_three_systems_renders_back_as_printed() {
    let path = root().join("tests/corpus/documents/doj-usm-systems-proposed-rule-2021-20117.txt");
    let out = import_cli(&path);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let doc = load(&text);
    let Document::ExemptionRule(r) = &doc else { panic!("not a rule") };
    let shared: Vec<bool> = r.systems.iter().map(|s| s.shares_paragraph).collect();
    assert_eq!(shared, [true, true, false]);
    let views = r.per_system();
    assert_eq!(views[2].exemptions.claims, views[0].exemptions.claims);
    assert_eq!(views[2].justifications.len(), 8);
    // Only the note, once per system, that its SORN is not loaded.
    let rules: Vec<String> = check_findings(&text).into_iter().map(|(rule, _)| rule).collect();
    assert_eq!(rules, ["unpaired-document"; 4]);
    let rendered = sorn::emit::markdown::render(&lower(&doc, &LowerOptions::default()));
    let published = std::fs::read_to_string(&path).unwrap();
    let (from, to) = ("(a) The following systems", "no access procedures or rules are required.");
    assert_eq!(words_between(&rendered, from, to), words_between(&published, from, to));
}

/// The rules that only add the system to a section's list (HHS 45 CFR 5b.11, SSA 20 CFR 401.85)
/// or table (Treasury 31 CFR 1.36) and state the claims and reasons in the preamble: the entries
/// render as the FR prints them, the statement stays where the preamble had it, and the rendering
/// imports back to the same source.
#[test]
fn list_entry_rules_render_as_printed_and_round_trip() {
    let corpus = root().join("tests/corpus/documents");
    let cases: [(&str, &[&str]); 3] = [
        (
            "hhs-oig-09-90-0003-final-rule-2015-14732.txt",
            &[
                "Amend § 5b.11 by adding paragraphs (b)(2)(i)(D) and (b)(2)(ii)(L) to read as follows:",
                "\n(b) \\* \\* \\*\n\n(2) \\* \\* \\*\n\n(i) \\* \\* \\*\n\n(D) Criminal Investigative Files of the Inspector General, HHS/OS/OIG, 09-90-0003.\n\n(ii) \\* \\* \\*\n\n(L) Criminal",
            ],
        ),
        (
            "ssa-60-0388-proposed-rule-2019-20410.md",
            &["\n(ii) \\* \\* \\*\n\n(D) Anti-Fraud Enterprise Solution (AFES), 60-0388.\n\n\\* \\* \\* \\* \\*"],
        ),
        (
            "treasury-fincen-003-final-rule-2014-12870.xml",
            &[
                "Amend § 1.36 by adding the following entry to the table in paragraph (g)(1)(i) in numerical order:",
                "| Number | System name |\n| --- | --- |\n| \\* \\* \\* |  |\n| FinCEN .003 | Bank Secrecy Act Reports System. |",
            ],
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, printed) in cases {
        let out = import_cli(&corpus.join(name));
        assert_eq!(out.status.code(), Some(0), "{name}: {}", stderr(&out));
        let source = stdout(&out);
        let document = load(&source);
        let Document::ExemptionRule(r) = &document else { panic!("{name}: not a rule") };
        assert_eq!(r.exemptions.place(), sorn::model::StatementPlace::Preamble, "{name}");
        assert!(!r.cfr.entries.is_empty() && !r.justifications.is_empty(), "{name}");
        let rendered = sorn::emit::markdown::render(&lower(&document, &LowerOptions::default()));
        for text in printed {
            assert!(rendered.contains(text), "{name}: no {text:?} in\n{rendered}");
        }
        // The claims and reasons print in SUPPLEMENTARY INFORMATION, before the regulatory text.
        let claims_at = rendered.find("552a(k)(2)").unwrap();
        assert!(claims_at > rendered.find("SUPPLEMENTARY INFORMATION").unwrap(), "{name}");
        assert!(claims_at < rendered.find("List of Subjects").unwrap(), "{name}");
        let md = dir.path().join(format!("{name}.md"));
        std::fs::write(&md, &rendered).unwrap();
        let again = import_cli(&md);
        assert_eq!(again.status.code(), Some(0), "{name}: {}", stderr(&again));
        let strip = |t: &str| t.lines().filter(|l| !l.starts_with("published")).collect::<Vec<_>>().join("\n");
        assert_eq!(strip(&stdout(&again)), strip(&source), "{name}: the rendering imports back differently");
    }
}

/// A list entry that names another system than the rule's first entry is not printed as the
/// rule's system: it is kept in `[[unplaced]]`, with a warning that the instruction's entry did
/// not follow.
#[test]
fn a_list_entry_of_another_system_is_kept_unplaced() {
    let original =
        std::fs::read_to_string(root().join("tests/corpus/documents/hhs-oig-09-90-0003-final-rule-2015-14732.txt"))
            .unwrap();
    let changed = original.replace("    (L) Criminal Investigative", "    (L) Civil Investigative");
    assert_ne!(changed, original);
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("rule.txt");
    std::fs::write(&input, changed).unwrap();
    let out = import_cli(&input);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let Document::ExemptionRule(r) = load_unchecked(&stdout(&out)) else { panic!("not a rule") };
    assert_eq!(r.cfr.entries.len(), 1);
    assert_eq!(r.unplaced.len(), 1);
    assert!(r.unplaced[0].text.value.contains("(L) Civil Investigative Files"));
    assert!(stderr(&out).contains("the instruction adds paragraph (b)(2)(ii)(L), but no entry"), "{}", stderr(&out));
}

/// Loads a source that may carry findings (unplaced text is one).
fn load_unchecked(text: &str) -> Document {
    sorn::source::load_str("imported.toml", text).documents.into_iter().next().expect("a document").document
}
