//! The Word manuscript (`sorn build --format docx`), read back as its consumers read it: the
//! package by an OOXML reader (the ZIP and its XML parts, here), and the document by LibreOffice,
//! which converts each ICE-015 manuscript to PDF and to text. The text must read as the published
//! document; the PDF must have the page, type and spacing of the Document Drafting Handbook's
//! manuscript. LibreOffice (`soffice`, Debian `libreoffice-writer-nogui`) and poppler-utils
//! (`pdfinfo`, `pdffonts`, `pdftotext`) are installed by `.ci/run`; without them the conversion
//! test says so and does nothing, except in CI (`CI` set), where it fails.

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The ICE-015 pair: (published text in the fixtures, output stem).
const PAIR: [(&str, &str); 2] =
    [("dhs-ice-015-sorn.md", "dhs-ice-015"), ("dhs-ice-015-final-rule.md", "dhs-ice-015-final-rule")];

/// Builds the ICE-015 sources as Word files into a new folder.
fn build() -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let run =
        common::sorn().args(["build", "sorns", "--format", "docx", "--out-dir"]).arg(out.path()).output().unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", common::stderr(&run));
    out
}

/// Every file of a package, by name, in archive order.
fn parts(docx: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a ZIP package");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_string(), bytes)
        })
        .collect()
}

fn part(parts: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = parts.iter().find(|(n, _)| n == name).unwrap_or_else(|| panic!("no part {name}"));
    String::from_utf8(bytes.clone()).unwrap()
}

fn w<'a>(node: Node<'a, 'a>, attribute: &str) -> Option<&'a str> {
    node.attribute((W, attribute))
}

/// A paragraph as read from `word/document.xml`.
#[derive(Debug)]
struct Para {
    style: String,
    text: String,
    numbering: Option<String>,
}

fn child<'a, 'i>(parent: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    parent.children().find(|c| c.has_tag_name((W, name)))
}

fn paragraphs(document: &Document<'_>) -> Vec<Para> {
    document
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let properties = child(p, "pPr");
            let style = properties.and_then(|pr| child(pr, "pStyle")).and_then(|s| w(s, "val")).unwrap_or("");
            let numbering = properties
                .and_then(|pr| child(pr, "numPr"))
                .and_then(|n| child(n, "numId"))
                .and_then(|n| w(n, "val"))
                .map(str::to_string);
            let text: String = p.descendants().filter(|n| n.has_tag_name((W, "t"))).filter_map(|t| t.text()).collect();
            Para { style: style.to_string(), text, numbering }
        })
        .collect()
}

/// Style id → style name, for the styles the package defines.
fn style_names(styles: &Document<'_>) -> BTreeMap<String, String> {
    styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|s| {
            let name = s.children().find(|c| c.has_tag_name((W, "name"))).and_then(|n| w(n, "val"))?;
            Some((w(s, "styleId")?.to_string(), name.to_string()))
        })
        .collect()
}

/// List instance id → number format of its first level.
fn list_formats(numbering: &Document<'_>) -> BTreeMap<String, String> {
    let abstracts: BTreeMap<&str, &str> = numbering
        .descendants()
        .filter(|n| n.has_tag_name((W, "abstractNum")))
        .filter_map(|a| {
            let format = a.descendants().find(|n| n.has_tag_name((W, "numFmt"))).and_then(|f| w(f, "val"))?;
            Some((w(a, "abstractNumId")?, format))
        })
        .collect();
    numbering
        .descendants()
        .filter(|n| n.has_tag_name((W, "num")))
        .filter_map(|num| {
            let abstract_id =
                num.children().find(|c| c.has_tag_name((W, "abstractNumId"))).and_then(|a| w(a, "val"))?;
            Some((w(num, "numId")?.to_string(), abstracts.get(abstract_id)?.to_string()))
        })
        .collect()
}

#[test]
fn the_package_carries_only_the_title() {
    let out = build();
    for (_, stem) in PAIR {
        let parts = parts(&std::fs::read(out.path().join(format!("{stem}.docx"))).unwrap());
        let core = part(&parts, "docProps/core.xml");
        let core = Document::parse(&core).unwrap();
        let children: Vec<_> = core.root_element().children().filter(Node::is_element).collect();
        assert_eq!(children.len(), 1, "{stem}: core properties other than the title: {children:?}");
        assert_eq!(children[0].tag_name().name(), "title");
        assert!(children[0].text().unwrap_or("").starts_with("Privacy Act of 1974"), "{stem}");
        // Word is told to keep it so: it removes personal information when the file is saved.
        let settings = part(&parts, "word/settings.xml");
        let settings = Document::parse(&settings).unwrap();
        let settings: Vec<&str> =
            settings.root_element().children().filter(Node::is_element).map(|c| c.tag_name().name()).collect();
        assert!(settings.contains(&"removePersonalInformation"), "{stem}: {settings:?}");
        let at = |name: &str| settings.iter().position(|s| *s == name);
        assert!(at("zoom") < at("removePersonalInformation") && at("removeDateAndTime") < at("defaultTabStop"));
        let app = part(&parts, "docProps/app.xml");
        let app = Document::parse(&app).unwrap();
        let app_children: Vec<_> = app.root_element().children().filter(Node::is_element).collect();
        assert!(app_children.is_empty(), "{stem}: extended properties {app_children:?}");
        for (name, bytes) in &parts {
            assert!(
                !["comments", "people", "customXml", "custom.xml", "glossary", "vbaProject"]
                    .iter()
                    .any(|p| name.contains(p)),
                "{stem}: hidden-data part {name}"
            );
            let xml = String::from_utf8_lossy(bytes);
            for marker in ["w:ins ", "w:del ", "w:commentRangeStart", "w:rsid", "attachedTemplate", "trackRevisions"] {
                assert!(!xml.contains(marker), "{stem}: {name} has {marker}");
            }
        }
    }
}

#[test]
fn the_same_sources_give_the_same_bytes() {
    let (a, b) = (build(), build());
    for (_, stem) in PAIR {
        let name = format!("{stem}.docx");
        let bytes = std::fs::read(a.path().join(&name)).unwrap();
        assert_eq!(bytes, std::fs::read(b.path().join(&name)).unwrap(), "{name}");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        assert_eq!(archive.by_index(0).unwrap().name(), "[Content_Types].xml");
        for i in 0..archive.len() {
            let entry = archive.by_index(i).unwrap();
            let stamp = entry.last_modified().unwrap();
            assert_eq!((stamp.year(), stamp.month(), stamp.day()), (1980, 1, 1), "{name}: {}", entry.name());
        }
    }
    // A source built alone is the same bytes as when built with others.
    let alone = tempfile::tempdir().unwrap();
    let run = common::sorn()
        .args(["build", "sorns/dhs-ice-015.toml", "--format", "docx", "--out-dir"])
        .arg(alone.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(
        std::fs::read(alone.path().join("dhs-ice-015.docx")).unwrap(),
        std::fs::read(a.path().join("dhs-ice-015.docx")).unwrap()
    );
}

#[test]
fn paragraphs_carry_named_styles_in_the_order_of_the_document() {
    let out = build();
    for (_, stem) in PAIR {
        let parts = parts(&std::fs::read(out.path().join(format!("{stem}.docx"))).unwrap());
        let (document, styles) = (part(&parts, "word/document.xml"), part(&parts, "word/styles.xml"));
        let (document, styles) = (Document::parse(&document).unwrap(), Document::parse(&styles).unwrap());
        let names = style_names(&styles);
        let ids = styles.descendants().filter(|n| n.has_tag_name((W, "style"))).count();
        assert_eq!(ids, names.len(), "{stem}: a style id defined twice");
        // The schema's order (ECMA-376 Part 1, §17), which Word enforces: the style first in a
        // paragraph's properties, the footer reference first in the section's, a style's name first.
        for (parent, first) in [("pPr", "pStyle"), ("sectPr", "footerReference"), ("style", "name")] {
            for node in document.descendants().chain(styles.descendants()).filter(|n| n.has_tag_name((W, parent))) {
                let children: Vec<&str> =
                    node.children().filter(Node::is_element).map(|c| c.tag_name().name()).collect();
                if children.contains(&first) {
                    assert_eq!(children[0], first, "{stem}: {parent} children {children:?}");
                }
            }
        }
        let paragraphs = paragraphs(&document);
        for p in &paragraphs {
            assert!(names.contains_key(&p.style), "{stem}: paragraph without a named style: {p:?}");
        }
        // Bold and italics come from styles, never from direct formatting on runs.
        let direct = document.descendants().filter(|n| n.has_tag_name((W, "b")) || n.has_tag_name((W, "i"))).count();
        assert_eq!(direct, 0, "{stem}: direct formatting");
        let style_of = |text: &str| {
            let p = paragraphs.iter().find(|p| p.text.starts_with(text)).unwrap_or_else(|| panic!("{stem}: {text}"));
            names[&p.style].as_str()
        };
        if stem == "dhs-ice-015" {
            assert_eq!(style_of("BILLING CODE"), "Billing Code");
            assert_eq!(style_of("System name:"), "System Caption");
            assert_eq!(style_of("Additionally, DHS/ICE"), "Body Text", "a caption's second paragraph is running text");
        } else {
            assert_eq!(style_of("Background"), "heading 3", "a heading written in the prose");
            assert_eq!(style_of("1. The authority citation"), "Amendatory Instruction");
            assert_eq!(style_of("Appendix C to Part 5"), "heading 4");
            assert_eq!(style_of("* * * * *"), "Stars");
        }
        assert_eq!(style_of("DEPARTMENT OF HOMELAND SECURITY"), "Agency");
        assert_eq!(style_of("Privacy Act of 1974"), "Subject");
        assert_eq!(style_of("AGENCY:"), "Preamble Caption");
        assert_eq!(style_of("Dated:"), "Signature Date");
        assert_eq!(style_of("Acting Chief Privacy Officer"), "Signature");
        // The captions a document has come in the order 1 CFR 18.12 gives them, after the
        // heading lines and before the signature.
        let order = ["DEPARTMENT OF", "AGENCY:", "ACTION:", "SUMMARY:", "DATES:", "ADDRESSES:"];
        let order = order.iter().chain(&["FOR FURTHER INFORMATION CONTACT:", "SUPPLEMENTARY INFORMATION:", "Dated:"]);
        let at: Vec<(&str, usize)> =
            order.filter_map(|t| Some((*t, paragraphs.iter().position(|p| p.text.starts_with(t))?))).collect();
        assert!(at.len() >= 6, "{stem}: captions missing: {at:?}");
        assert!(at.windows(2).all(|w| w[0].1 < w[1].1), "{stem}: out of order {at:?}");
        // The paragraphs, in order, are the document's: they read as its Markdown rendering.
        let source = std::fs::read_to_string(common::root().join(format!("sorns/{stem}.toml"))).unwrap();
        let ws = sorn::source::load_str("source.toml", &source);
        let tree = sorn::lower::lower(&ws.documents[0].document, &sorn::lower::LowerOptions::default());
        let md = sorn::emit::markdown::render(&tree);
        let text: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        let ratio = common::word_fidelity(&md, &text.join("\n\n"));
        assert!(ratio >= 0.99, "{stem}: the paragraphs read at {ratio} against the Markdown rendering");
    }
}

#[test]
fn routine_uses_and_addresses_methods_are_word_lists() {
    let out = build();
    let parts = parts(&std::fs::read(out.path().join("dhs-ice-015.docx")).unwrap());
    let (document, numbering, styles) =
        (part(&parts, "word/document.xml"), part(&parts, "word/numbering.xml"), part(&parts, "word/styles.xml"));
    let (document, numbering) = (Document::parse(&document).unwrap(), Document::parse(&numbering).unwrap());
    let names = style_names(&Document::parse(&styles).unwrap());
    let formats = list_formats(&numbering);
    let paragraphs = paragraphs(&document);
    let uses: Vec<&Para> =
        paragraphs.iter().filter(|p| names[&p.style] == "Routine Use" && p.numbering.is_some()).collect();
    let source = std::fs::read_to_string(common::root().join("sorns/dhs-ice-015.toml")).unwrap();
    assert_eq!(uses.len(), source.matches("[[system.routine_uses]]").count());
    assert!(uses.iter().all(|p| p.numbering == uses[0].numbering), "one list");
    assert_eq!(formats[uses[0].numbering.as_ref().unwrap()], "upperLetter");
    assert!(uses[0].text.starts_with("To the DOJ"), "the letter is the list's, not the text's: {:?}", uses[0].text);
    let addresses = paragraphs.iter().position(|p| p.text.starts_with("ADDRESSES:")).unwrap();
    let methods: Vec<&Para> = paragraphs[addresses + 1..].iter().take_while(|p| p.numbering.is_some()).collect();
    assert_eq!(methods.len(), 3, "{:?}", &paragraphs[addresses + 1..addresses + 4]);
    assert!(methods.iter().all(|p| formats[p.numbering.as_ref().unwrap()] == "bullet"));
}

#[test]
fn links_are_hyperlinks_and_placeholders_are_bold() {
    let out = build();
    let parts = parts(&std::fs::read(out.path().join("dhs-ice-015.docx")).unwrap());
    let (document, rels) = (part(&parts, "word/document.xml"), part(&parts, "word/_rels/document.xml.rels"));
    let (document, rels) = (Document::parse(&document).unwrap(), Document::parse(&rels).unwrap());
    let targets: BTreeMap<&str, &str> = rels
        .descendants()
        .filter(|n| n.has_tag_name("Relationship") && n.attribute("TargetMode") == Some("External"))
        .filter_map(|n| Some((n.attribute("Id")?, n.attribute("Target")?)))
        .collect();
    let linked: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "hyperlink")))
        .map(|h| targets[h.attribute((R, "id")).expect("an external link")])
        .collect();
    assert!(linked.contains(&"http://www.regulations.gov"), "{linked:?}");
    assert!(linked.contains(&"mailto:ICEPrivacy@dhs.gov"), "{linked:?}");
    let placeholders: Vec<String> = document
        .descendants()
        .filter(|r| r.has_tag_name((W, "r")))
        .filter(|r| r.descendants().any(|s| s.has_tag_name((W, "rStyle")) && w(s, "val") == Some("Placeholder")))
        .map(|r| r.descendants().filter_map(|t| t.has_tag_name((W, "t")).then(|| t.text()).flatten()).collect())
        .collect();
    assert!(!placeholders.is_empty() && placeholders.iter().all(|p| p.starts_with("[INSERT")), "{placeholders:?}");
    let styles = part(&parts, "word/styles.xml");
    let styles = Document::parse(&styles).unwrap();
    let placeholder = styles.descendants().find(|s| w(*s, "styleId") == Some("Placeholder")).unwrap();
    assert!(placeholder.descendants().any(|n| n.has_tag_name((W, "b"))), "the placeholder style is bold");
}

#[test]
fn raw_html_from_a_source_is_text() {
    let text = std::fs::read_to_string(common::root().join("tests/fixtures/good/minimal-sorn.toml")).unwrap();
    let text = text.replace(
        "The Example Agency proposes",
        "<script>alert('x')</script> [run](javascript:alert(1)) The Example Agency proposes",
    );
    assert!(text.contains("<script>"), "the fixture has the sentence the test rewrites");
    let ws = sorn::source::load_str("x.toml", &text);
    let tree = sorn::lower::lower(&ws.documents[0].document, &sorn::lower::LowerOptions::default());
    let parts = parts(&sorn::emit::Format::Docx.render(&tree));
    let document = part(&parts, "word/document.xml");
    let document = Document::parse(&document).unwrap();
    let text: String = paragraphs(&document).into_iter().map(|p| p.text).collect();
    assert!(text.contains("<script>alert('x')</script>"), "{text}");
    assert!(!part(&parts, "word/_rels/document.xml.rels").contains("javascript"));
}

// ---------------------------------------------------------------------------------------------
// LibreOffice

fn tool(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

/// Converts the files to `format` with headless LibreOffice, into their folder.
fn convert(soffice: &Path, dir: &Path, format: &str, files: &[PathBuf]) {
    let profile = dir.join("lo-profile");
    let run = Command::new(soffice)
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--norestore", "--convert-to", format, "--outdir"])
        .arg(dir)
        .args(files)
        .output()
        .unwrap();
    assert!(run.status.success(), "soffice: {}", String::from_utf8_lossy(&run.stderr));
}

fn stdout(program: &Path, args: &[&Path]) -> String {
    let run = Command::new(program).args(args).output().unwrap();
    assert!(run.status.success(), "{}: {}", program.display(), String::from_utf8_lossy(&run.stderr));
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// The distances between the tops of successive lines of text on a page, from `pdftotext -bbox`.
fn line_pitches(bbox: &str) -> Vec<f64> {
    let tops: Vec<f64> = bbox
        .lines()
        .filter(|l| l.trim_start().starts_with("<line "))
        .filter_map(|l| l.split("yMin=\"").nth(1)?.split('"').next()?.parse().ok())
        .collect();
    tops.windows(2).map(|w| w[1] - w[0]).filter(|d| *d > 0.0).collect()
}

#[test]
fn libreoffice_reads_the_manuscripts_as_the_published_documents() {
    let tools = ["soffice", "pdfinfo", "pdffonts", "pdftotext"].map(tool);
    let [Some(soffice), Some(pdfinfo), Some(pdffonts), Some(pdftotext)] = tools else {
        assert!(std::env::var_os("CI").is_none(), "CI must have LibreOffice and poppler-utils");
        skip("soffice, pdfinfo, pdffonts or pdftotext not installed: LibreOffice test skipped");
        return;
    };
    let out = build();
    let files: Vec<PathBuf> = PAIR.iter().map(|(_, stem)| out.path().join(format!("{stem}.docx"))).collect();
    convert(&soffice, out.path(), "pdf", &files);
    convert(&soffice, out.path(), "txt:Text", &files);
    for (published, stem) in PAIR {
        let reference = common::root().join("tests/fixtures/import").join(published);
        let score = common::file_fidelity(&reference, &out.path().join(format!("{stem}.txt")));
        assert!(score >= 0.98, "{stem}: LibreOffice's text reads at fidelity {score}");

        let pdf = out.path().join(format!("{stem}.pdf"));
        let info = stdout(&pdfinfo, &[&pdf]);
        assert!(info.contains("612 x 792 pts (letter)"), "{stem}: {info}");
        let fonts = stdout(&pdffonts, &[&pdf]);
        let faces: Vec<&str> = fonts.lines().skip(2).filter_map(|l| l.split_whitespace().next()).collect();
        assert!(!faces.is_empty());
        for face in &faces {
            // Times New Roman, or the metric-compatible face LibreOffice substitutes for it.
            let face = face.split('+').next_back().unwrap_or(face);
            assert!(face.starts_with("TimesNewRoman") || face.starts_with("LiberationSerif"), "{stem}: font {face}");
        }
        let bbox = out.path().join(format!("{stem}-p1.html"));
        let run = Command::new(&pdftotext).args(["-f", "1", "-l", "1", "-bbox-layout"]).arg(&pdf).arg(&bbox).status();
        assert!(run.unwrap().success());
        let bbox = std::fs::read_to_string(&bbox).unwrap();
        let mut pitches = line_pitches(&bbox);
        pitches.sort_by(f64::total_cmp);
        // Double spacing of 12-point type: twice the face's 13.8-point line, 27.6 points.
        let median = pitches[pitches.len() / 2];
        assert!((26.5..=28.5).contains(&median), "{stem}: line pitch {median} pt, not double-spaced 12-point");
        let left = bbox
            .lines()
            .filter_map(|l| l.split("<line xMin=\"").nth(1)?.split('"').next()?.parse::<f64>().ok())
            .fold(f64::MAX, f64::min);
        assert!((71.0..=73.0).contains(&left), "{stem}: left margin {left} pt, not one inch");
        let page_one = stdout(
            &pdftotext,
            &[Path::new("-f"), Path::new("1"), Path::new("-l"), Path::new("1"), &pdf, Path::new("-")],
        );
        assert_eq!(page_one.split_whitespace().last(), Some("1"), "{stem}: no page number at the foot of page 1");
        eprintln!("{stem}: fidelity {score:.4}, fonts {faces:?}, line pitch {median:.1} pt, left margin {left:.1} pt");
    }
}

/// Says that a test skipped, on the process's standard error itself: the test harness captures
/// what `eprintln!` writes from a passing test, and a skip must be seen.
fn skip(message: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{message}\n").as_bytes());
}
