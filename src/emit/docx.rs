//! The Word backend: the manuscript an agency submits to the Office of the Federal Register (OFR),
//! whose portal accepts only digitally signed `.docx` files.
//!
//! The layout is the manuscript the OFR's Document Drafting Handbook asks for: every line
//! double-spaced, the billing code at the top of the first page, the heading lines, captions and
//! signature in their places; where the handbook's text gives no figure, letter paper, one-inch
//! margins, 12-point Times New Roman and page numbers at the foot (user guide, "The Word
//! manuscript"). Every paragraph carries a named style (headings, captions, body, signature, ...)
//! and lists are Word lists, so an agency editor can keep working in the file.
//!
//! The parts every manuscript shares (styles, lists, settings, fonts, the page) are made by
//! `docx-rs` once per process, rewritten so that they carry no hidden data (no author, company,
//! revision count, dates, comments or template) and compressed once. A document's own parts, its
//! body above all, are written directly ([`super::wordml`]) and packed with them
//! ([`super::package`]), so that the same document is the same bytes on every build and a whole
//! inventory builds in about a millisecond per manuscript. The core properties hold only the
//! title.
//!
//! Prose is Markdown, read with pulldown-cmark: raw HTML becomes text, script-capable links keep
//! only their text, as in the HTML backend.

use std::fmt::Write as _;

use docx_rs::{
    AbstractNumbering, AlignmentType, Footer, Level, LevelJc, LevelText, LineSpacing, LineSpacingType, NumberFormat,
    PageMargin, PageNum, Paragraph as DocxParagraph, RunFonts, SpecialIndentType, Start, Style, StyleType,
};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::package::{self, Entry};
use super::wordml::{Hyperlink, Paragraph, link_relationship, xml_chars};

use crate::frdoc::{Block, Designated, FrDocument, LineRole, SignatureBlock};

/// The Word backend.
pub struct Docx;

impl super::Backend for Docx {
    fn extension(&self) -> &'static str {
        "docx"
    }

    fn render(&self, document: &FrDocument) -> Vec<u8> {
        render(document)
    }
}

/// Renders a document as a `.docx` package.
pub fn render(doc: &FrDocument) -> Vec<u8> {
    let mut writer = Writer::default();
    for block in &doc.blocks {
        writer.block(block);
    }
    writer.package(&doc.title)
}

// ---------------------------------------------------------------------------------------------
// Page and styles

/// Twentieths of a point per inch.
const INCH: i32 = 1440;
/// Half-points: 12-point type.
const TYPE_SIZE: usize = 24;
/// Line spacing in 240ths of a line: double.
const DOUBLE: i32 = 480;

/// Paragraph styles: (id, name, what sets it apart from the body).
const PARAGRAPH_STYLES: &[(&str, &str, Look)] = &[
    ("BodyText", "Body Text", Look::Indented),
    ("BillingCode", "Billing Code", Look::Plain),
    ("Agency", "Agency", Look::Bold),
    ("SubAgency", "Sub-agency", Look::Plain),
    ("HeadingLine", "Heading Line", Look::Plain),
    ("Subject", "Subject", Look::Bold),
    ("PreambleCaption", "Preamble Caption", Look::Plain),
    ("SystemCaption", "System Caption", Look::Bold),
    ("Heading2", "heading 2", Look::Heading(1)),
    ("Heading3", "heading 3", Look::Heading(2)),
    ("Heading4", "heading 4", Look::Heading(3)),
    ("ListParagraph", "List Paragraph", Look::Plain),
    ("RoutineUse", "Routine Use", Look::Plain),
    ("AmendatoryInstruction", "Amendatory Instruction", Look::Plain),
    ("Stars", "Stars", Look::Centered),
    ("SignatureDate", "Signature Date", Look::Plain),
    ("Signature", "Signature", Look::Plain),
    ("FrDocLine", "FR Doc Line", Look::Plain),
    ("Footer", "footer", Look::Centered),
];

/// Character styles: (id, name, bold, italic).
const CHARACTER_STYLES: &[(&str, &str, bool, bool)] = &[
    ("CaptionLabel", "Caption Label", true, false),
    ("Placeholder", "Placeholder", true, false),
    ("Strong", "Strong", true, false),
    ("Emphasis", "Emphasis", false, true),
    ("Hyperlink", "Hyperlink", false, false),
];

/// How a paragraph style differs from plain flush-left text.
#[derive(Clone, Copy)]
enum Look {
    Plain,
    Indented,
    Bold,
    Centered,
    /// A heading, with its outline level.
    Heading(usize),
}

fn styles(mut docx: docx_rs::Docx) -> docx_rs::Docx {
    // docx-rs defines Normal itself; every style here is based on it.
    for &(id, name, look) in PARAGRAPH_STYLES {
        let mut style = Style::new(id, StyleType::Paragraph).name(name).based_on("Normal").q_format(true);
        style = match look {
            Look::Plain => style,
            Look::Indented => style.indent(None, Some(SpecialIndentType::FirstLine(INCH / 2)), None, None),
            Look::Bold => style.bold(),
            Look::Centered => style.align(AlignmentType::Center),
            Look::Heading(level) => style.bold().outline_lvl(level).next("BodyText"),
        };
        docx = docx.add_style(style);
    }
    for &(id, name, bold, italic) in CHARACTER_STYLES {
        let mut style = Style::new(id, StyleType::Character).name(name);
        if bold {
            style = style.bold();
        }
        if italic {
            style = style.italic();
        }
        if id == "Hyperlink" {
            style = style.color("0563C1").underline("single");
        }
        docx = docx.add_style(style);
    }
    docx
}

/// The page: US letter, one-inch margins, 12-point Times New Roman double-spaced, the page
/// number centered at the foot of every page.
fn page() -> docx_rs::Docx {
    let font = "Times New Roman";
    let footer = Footer::new().add_paragraph(DocxParagraph::new().style("Footer").add_page_num(PageNum::new()));
    docx_rs::Docx::new()
        .page_size((17 * INCH / 2) as u32, (11 * INCH) as u32)
        .page_margin(
            PageMargin::new().top(INCH).bottom(INCH).left(INCH).right(INCH).header(INCH / 2).footer(INCH / 2).gutter(0),
        )
        .default_fonts(RunFonts::new().ascii(font).hi_ansi(font).cs(font).east_asia(font))
        .default_size(TYPE_SIZE)
        .default_line_spacing(LineSpacing::new().line(DOUBLE).line_rule(LineSpacingType::Auto).before(0).after(0))
        .footer(footer)
}

// ---------------------------------------------------------------------------------------------
// Lists

// Abstract list ids start at 10: `docx-rs` always writes an abstract list of its own as id 1.

/// The abstract list of bulleted lists (the ADDRESSES methods).
const BULLETS: usize = 10;
/// The abstract list of numbered lists written in prose ("1. DHS or any component thereof;").
const NUMBERED: usize = 11;
/// The first abstract list of designated paragraphs; one per [`DESIGNATIONS`] entry.
const DESIGNATED: usize = 12;

/// The designation forms Word can number: (number format, level text).
const DESIGNATIONS: &[(&str, &str)] = &[
    ("upperLetter", "%1."),
    ("lowerLetter", "%1."),
    ("decimal", "%1."),
    ("upperLetter", "%1)"),
    ("lowerLetter", "%1)"),
    ("decimal", "%1)"),
    ("upperLetter", "(%1)"),
    ("lowerLetter", "(%1)"),
    ("decimal", "(%1)"),
];

fn abstract_lists(mut docx: docx_rs::Docx) -> docx_rs::Docx {
    let level = |n: usize, format: &str, text: &str| {
        let left = INCH / 2 * (n as i32 + 1);
        Level::new(n, Start::new(1), NumberFormat::new(format), LevelText::new(text), LevelJc::new("left")).indent(
            Some(left),
            Some(SpecialIndentType::Hanging(INCH / 4)),
            None,
            None,
        )
    };
    let mut bullets = AbstractNumbering::new(BULLETS);
    let mut numbered = AbstractNumbering::new(NUMBERED);
    for (n, (format, text)) in [("decimal", "%1."), ("lowerLetter", "%2."), ("lowerRoman", "%3.")].iter().enumerate() {
        bullets = bullets.add_level(level(n, "bullet", ["\u{2022}", "\u{2013}", "\u{2022}"][n]));
        numbered = numbered.add_level(level(n, format, text));
    }
    docx = docx.add_abstract_numbering(bullets).add_abstract_numbering(numbered);
    for (i, (format, text)) in DESIGNATIONS.iter().enumerate() {
        let level =
            Level::new(0, Start::new(1), NumberFormat::new(*format), LevelText::new(*text), LevelJc::new("left"))
                .indent(Some(0), Some(SpecialIndentType::FirstLine(INCH / 2)), None, None)
                .suffix(docx_rs::LevelSuffixType::Space);
        docx = docx.add_abstract_numbering(AbstractNumbering::new(DESIGNATED + i).add_level(level));
    }
    docx
}

/// How a list of designated paragraphs is numbered in Word: the abstract list and the first
/// value, when every designation is of one form and they count up by one ("A", "B", "C"). Any
/// other sequence keeps its designations as text.
fn designation_numbering(items: &[Designated]) -> Option<(usize, usize)> {
    let parsed: Vec<(usize, usize)> = items.iter().map(|i| parse_designation(&i.id)).collect::<Option<_>>()?;
    let (form, first) = *parsed.first()?;
    let counts_up = parsed.iter().enumerate().all(|(n, &(f, v))| f == form && v == first + n);
    counts_up.then_some((DESIGNATED + form, first))
}

/// A designation's form (index into [`DESIGNATIONS`]) and value: "B" is (0, 2), "(3)" is (8, 3).
/// Letters count as Word does: "AA" follows "Z".
fn parse_designation(id: &str) -> Option<(usize, usize)> {
    let (core, punctuation) = if let Some(inner) = id.strip_prefix('(').and_then(|i| i.strip_suffix(')')) {
        (inner, 2)
    } else if let Some(core) = id.strip_suffix(')') {
        (core, 1)
    } else {
        (id.strip_suffix('.').unwrap_or(id), 0)
    };
    let first = core.chars().next()?;
    let (kind, value) = if core.len() <= 4 && core.bytes().all(|b| b.is_ascii_digit()) {
        (2, core.parse().ok()?)
    } else if first.is_ascii_alphabetic() && core.len() <= 3 && core.chars().all(|c| c == first) {
        let kind = if first.is_ascii_uppercase() { 0 } else { 1 };
        (kind, 26 * (core.len() - 1) + (first.to_ascii_lowercase() as usize - 'a' as usize) + 1)
    } else {
        return None;
    };
    (value > 0).then_some((punctuation * 3 + kind, value))
}

// ---------------------------------------------------------------------------------------------
// Blocks

/// What opens the first paragraph of a piece of prose.
#[derive(Clone)]
enum Lead {
    /// A caption run in before the text ("AGENCY:"), in the caption label style.
    Caption(String),
    /// Text run in before the text ("1." of an amendatory instruction).
    Text(String),
    /// A list number: the list instance.
    Number(usize),
}

/// The document as it is laid out: paragraphs in order, the list instances they use, and the
/// targets of its hyperlinks, numbered in document order.
#[derive(Default)]
struct Writer {
    paragraphs: Vec<Paragraph>,
    lists: Vec<ListInstance>,
    links: Vec<String>,
}

/// A list instance (`w:num`): its id, the abstract list it numbers by, and its first value.
struct ListInstance {
    id: usize,
    abstract_list: usize,
    start: usize,
}

impl Writer {
    fn block(&mut self, block: &Block) {
        match block {
            Block::Line(role, text) => self.line(line_style(*role), text),
            Block::Caption { label, body } => {
                let style = if label.chars().any(char::is_lowercase) { "BodyText" } else { "PreambleCaption" };
                let lead = Lead::Caption(format!("{label}:"));
                if body.trim().is_empty() {
                    self.paragraphs.push(lead_paragraph(style, &lead));
                } else {
                    self.prose(body, style, Some(lead));
                }
            }
            Block::SectionCaption(text) => self.line("SystemCaption", text),
            Block::Heading(level, text) => self.line(HEADINGS[heading_index(*level)], text),
            Block::Markdown(md) => self.prose(md, "BodyText", None),
            Block::Designated(items) => self.designated(items),
            Block::Instruction(n, md) => self.prose(md, "AmendatoryInstruction", Some(Lead::Text(format!("{n}.")))),
            Block::Stars => self.line("Stars", "* * * * *"),
            Block::Signature(sig) => self.signature(sig),
            Block::FrDoc(text) => self.line("FrDocLine", text),
        }
    }

    /// A line of plain text (identifying lines, captions, headings): text, never markup.
    fn line(&mut self, style: &'static str, text: &str) {
        let mut paragraph = Paragraph::new(style);
        runs(text, None, |text, style| paragraph.run(text, style));
        self.paragraphs.push(paragraph);
    }

    /// Adds a hyperlink to a paragraph, numbered after the links before it: paragraphs and their
    /// content are laid out in document order.
    fn link(&mut self, paragraph: &mut Paragraph, link: Hyperlink) {
        self.links.push(link.url.clone());
        paragraph.hyperlink(self.links.len(), &link);
    }

    fn designated(&mut self, items: &[Designated]) {
        match designation_numbering(items) {
            Some((abstract_list, first)) => {
                let list = self.new_list(abstract_list, first);
                for item in items {
                    self.prose(&item.body, "RoutineUse", Some(Lead::Number(list)));
                }
            }
            None => {
                for item in items {
                    let label = item.label();
                    let lead = (!label.is_empty()).then_some(Lead::Text(label));
                    self.prose(&item.body, "RoutineUse", lead);
                }
            }
        }
    }

    fn signature(&mut self, sig: &SignatureBlock) {
        if let Some(dated) = &sig.dated {
            self.line("SignatureDate", dated);
        }
        for line in sig.before.iter().chain(std::iter::once(&sig.name)).chain(&sig.title) {
            self.line("Signature", line);
        }
    }

    /// A new instance of an abstract list, counting from `start`; returns its id (from 10 on:
    /// `docx-rs` writes a list instance of its own as id 1).
    fn new_list(&mut self, abstract_list: usize, start: usize) -> usize {
        let id = self.lists.len() + 10;
        self.lists.push(ListInstance { id, abstract_list, start });
        id
    }

    fn prose(&mut self, md: &str, style: &'static str, lead: Option<Lead>) {
        let mut prose = Prose {
            writer: self,
            style,
            lead,
            current: None,
            link: None,
            strong: 0,
            emphasis: 0,
            lists: vec![],
            heading: None,
        };
        prose.run(md);
    }

    /// The package: the document's own parts (its body, relationships, footer, list instances
    /// and title) with the parts every manuscript shares ([`SHARED`], compressed once).
    fn package(self, title: &str) -> Vec<u8> {
        let shared = &*SHARED;
        let mut document = String::with_capacity(
            shared.document_head.len() + shared.document_tail.len() + 1024 * self.paragraphs.len(),
        );
        document.push_str(&shared.document_head);
        for (i, paragraph) in self.paragraphs.iter().enumerate() {
            paragraph.write(i + 1, &mut document);
        }
        document.push_str(&shared.document_tail);
        let numbered = self.paragraphs.iter().any(Paragraph::has_numbering);
        let mut rels = String::from(if numbered { &shared.rels_numbered } else { &shared.rels_plain });
        for (i, url) in self.links.iter().enumerate() {
            link_relationship(i + 1, url, &mut rels);
        }
        rels.push_str(RELATIONSHIPS_END);
        // The footer's paragraph is numbered after the document's.
        let footer = format!("{}{:08x}{}", shared.footer.0, self.paragraphs.len() + 1, shared.footer.1);
        let own = [
            Entry::deflate("docProps/core.xml", core_properties(title).as_bytes()),
            Entry::deflate("word/document.xml", document.as_bytes()),
            Entry::deflate("word/_rels/document.xml.rels", rels.as_bytes()),
            Entry::deflate("word/footer1.xml", footer.as_bytes()),
            Entry::deflate("word/numbering.xml", numbering(&self.lists).as_bytes()),
        ];
        let mut entries: Vec<&Entry> = shared.entries.iter().chain(&own).collect();
        entries.sort_by_key(|e| (part_rank(e.name()), e.name()));
        package::write(&entries)
    }
}

fn line_style(role: LineRole) -> &'static str {
    match role {
        LineRole::BillingCode => "BillingCode",
        LineRole::Agency => "Agency",
        LineRole::SubAgency => "SubAgency",
        LineRole::Cfr | LineRole::Docket | LineRole::Rin => "HeadingLine",
        LineRole::Subject => "Subject",
    }
}

/// The heading styles, for levels 2 to 4 (level 1 is the subject line; deeper levels print as 4).
const HEADINGS: [&str; 3] = ["Heading2", "Heading3", "Heading4"];

fn heading_index(level: u8) -> usize {
    usize::from(level.clamp(2, 4) - 2)
}

/// A paragraph holding only its lead (a caption with no text after it).
fn lead_paragraph(style: &'static str, lead: &Lead) -> Paragraph {
    match lead {
        Lead::Caption(label) => {
            let mut paragraph = Paragraph::new(style);
            paragraph.run(label, Some("CaptionLabel"));
            paragraph
        }
        Lead::Text(text) => {
            let mut paragraph = Paragraph::new(style);
            paragraph.run(text, None);
            paragraph
        }
        Lead::Number(list) => Paragraph::new(style).numbered(*list, 0),
    }
}

// ---------------------------------------------------------------------------------------------
// Prose

/// One open list while reading prose: its instance, and whether its current item still waits
/// for its first paragraph (which carries the number).
struct OpenList {
    id: usize,
    item_waiting: bool,
}

/// Reads Markdown prose into paragraphs.
struct Prose<'w> {
    writer: &'w mut Writer,
    /// The style of the prose's next paragraph outside lists: the given one for the first,
    /// Body Text after it.
    style: &'static str,
    /// What opens the first paragraph, until it is used.
    lead: Option<Lead>,
    current: Option<Paragraph>,
    link: Option<Hyperlink>,
    strong: usize,
    emphasis: usize,
    lists: Vec<OpenList>,
    /// The heading style while inside a heading written in the prose.
    heading: Option<&'static str>,
}

impl Prose<'_> {
    fn run(&mut self, md: &str) {
        let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
        let mut events = Parser::new_ext(md, options).peekable();
        if !matches!(events.peek(), Some(Event::Start(Tag::Paragraph)))
            && let Some(lead) = self.lead.take()
        {
            self.writer.paragraphs.push(lead_paragraph(self.style, &lead));
        }
        for event in events {
            self.event(event);
        }
        self.close();
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(TagEnd::Strong) => self.strong = self.strong.saturating_sub(1),
            Event::End(TagEnd::Emphasis) => self.emphasis = self.emphasis.saturating_sub(1),
            Event::End(TagEnd::Link) => self.end_link(),
            Event::End(TagEnd::List(_)) => {
                self.close();
                self.lists.pop();
            }
            Event::End(TagEnd::TableCell) => self.text("\t"),
            Event::End(TagEnd::Heading(_)) => {
                self.close();
                self.heading = None;
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::TableHead
                | TagEnd::TableRow,
            ) => self.close(),
            Event::End(_) => {}
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                self.text(&t.replace('\n', " "));
            }
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => {
                self.open();
                if let Some(paragraph) = &mut self.current {
                    paragraph.line_break();
                }
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Strong => self.strong += 1,
            Tag::Emphasis => self.emphasis += 1,
            Tag::Link { dest_url, .. } if super::html::safe_url(&dest_url) => {
                self.link = Some(Hyperlink::new(xml_chars(&dest_url).into_owned()));
            }
            Tag::List(start) => {
                self.close();
                let (abstract_list, first) = match start {
                    Some(n) => (NUMBERED, usize::try_from(n).unwrap_or(1)),
                    None => (BULLETS, 1),
                };
                let id = self.writer.new_list(abstract_list, first);
                self.lists.push(OpenList { id, item_waiting: false });
            }
            Tag::Heading { level, .. } => {
                self.close();
                self.heading = Some(HEADINGS[heading_index(level as u8)]);
            }
            Tag::Item => {
                self.close();
                if let Some(list) = self.lists.last_mut() {
                    list.item_waiting = true;
                }
            }
            _ => {}
        }
    }

    /// Opens a paragraph unless one is open: the first takes the lead, a list item's first takes
    /// its number.
    fn open(&mut self) {
        if self.current.is_some() {
            return;
        }
        if let Some(style) = self.heading {
            self.current = Some(Paragraph::new(style));
            return;
        }
        let depth = self.lists.len();
        let paragraph = match self.lists.last_mut() {
            Some(list) if list.item_waiting => {
                list.item_waiting = false;
                // The lists define three levels; deeper ones print at the third.
                Paragraph::new("ListParagraph").numbered(list.id, (depth - 1).min(2))
            }
            Some(_) => Paragraph::new("ListParagraph").indented(INCH / 2 * depth as i32),
            None => {
                let paragraph = match self.lead.take() {
                    Some(Lead::Number(list)) => Paragraph::new(self.style).numbered(list, 0),
                    Some(lead) => {
                        let mut paragraph = lead_paragraph(self.style, &lead);
                        paragraph.run(" ", None);
                        paragraph
                    }
                    None => Paragraph::new(self.style),
                };
                // The paragraphs after the first (a caption's, a routine use's) are running text.
                self.style = "BodyText";
                paragraph
            }
        };
        self.current = Some(paragraph);
    }

    /// Ends the link being read, if any: it goes into the open paragraph.
    fn end_link(&mut self) {
        if let Some(link) = self.link.take() {
            self.open();
            if let Some(paragraph) = &mut self.current {
                self.writer.link(paragraph, link);
            }
        }
    }

    fn close(&mut self) {
        self.end_link();
        if let Some(paragraph) = self.current.take() {
            self.writer.paragraphs.push(paragraph);
        }
    }

    fn text(&mut self, text: &str) {
        self.open();
        let style = match (self.strong, self.emphasis) {
            (0, 0) => None,
            (0, _) => Some("Emphasis"),
            _ => Some("Strong"),
        };
        if let Some(link) = &mut self.link {
            runs(text, Some("Hyperlink"), |text, style| link.run(text, style));
            return;
        }
        let Some(paragraph) = &mut self.current else { return };
        for piece in pieces(text) {
            match piece {
                Piece::Link(url, text) => {
                    let mut link = Hyperlink::new(url);
                    link.run(text, Some("Hyperlink"));
                    self.writer.link(paragraph, link);
                }
                Piece::Text(text) => runs(text, style, |text, style| paragraph.run(text, style)),
            }
        }
    }
}

/// Lays plain text out as runs: placeholders in the placeholder style (bold), the rest in `style`.
fn runs(text: &str, style: Option<&'static str>, mut run: impl FnMut(&str, Option<&'static str>)) {
    let mut rest = text;
    while let Some(at) = rest.find("[INSERT") {
        let end = rest[at..].find(']').map_or(rest.len(), |e| at + e + 1);
        if at > 0 {
            run(&rest[..at], style);
        }
        run(&rest[at..end], Some("Placeholder"));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        run(rest, style);
    }
}

/// Text, or a bare e-mail address or web address to make a link of.
enum Piece<'a> {
    Text(&'a str),
    Link(String, &'a str),
}

/// Splits text at bare e-mail and web addresses, which become links.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    static ADDRESS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?:https?://[^\s<>()\[\]]*[^\s<>()\[\].,;:]|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
        )
        .expect("the address pattern is valid")
    });
    let mut out = Vec::new();
    // Every address has an `@` or a `://`: most text has neither, and is not searched.
    if !text.contains('@') && !text.contains("://") {
        if !text.is_empty() {
            out.push(Piece::Text(text));
        }
        return out;
    }
    let mut last = 0;
    for m in ADDRESS.find_iter(text) {
        if m.start() > last {
            out.push(Piece::Text(&text[last..m.start()]));
        }
        let found = m.as_str();
        let url = if found.contains("://") { found.to_string() } else { format!("mailto:{found}") };
        out.push(Piece::Link(url, found));
        last = m.end();
    }
    if last < text.len() {
        out.push(Piece::Text(&text[last..]));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Package

/// The core properties: the title and nothing else (no author, dates or revision count).
fn core_properties(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title></cp:coreProperties>",
        super::html::text(&xml_chars(title))
    )
}

/// Parts `docx-rs` always writes that this document never fills: comments, custom properties,
/// footnotes.
const EMPTY_PARTS: &[&str] =
    &["word/comments.xml", "word/commentsExtended.xml", "docProps/custom.xml", "word/footnotes.xml"];

/// What every manuscript shares, made once per process instead of once per document.
struct Shared {
    /// The parts that are the same in every manuscript (content types, package relationships,
    /// application properties, fonts, styles, settings, the footer's relationships), made by
    /// `docx-rs`, rewritten as [`shared`] describes and compressed: the writer adds no header,
    /// image or footnote, so nothing in a document changes them.
    entries: Vec<Entry>,
    /// The numbering part up to its list instances: the abstract lists, and the list instance
    /// `docx-rs` always writes.
    numbering_head: String,
    /// The document part up to its first paragraph: the root element, its namespaces and `w:body`.
    document_head: String,
    /// The document part after its last paragraph: the section properties (the page), and the
    /// end of the body and root.
    document_tail: String,
    /// The document's relationships (styles, fonts, settings, footer), up to its hyperlinks'; the
    /// numbering part is named when a paragraph is numbered.
    rels_numbered: String,
    rels_plain: String,
    /// The footer part, before and after its paragraph's id.
    footer: (String, String),
}

/// Made on a thread of its own because `docx-rs` numbers paragraphs (`w14:paraId`) from a counter
/// per thread.
static SHARED: std::sync::LazyLock<Shared> =
    std::sync::LazyLock::new(|| std::thread::spawn(shared).join().expect("making the shared parts cannot fail"));

const RELATIONSHIPS_END: &str = "</Relationships>";
const BODY_START: &str = "<w:body>";
const SECTION_START: &str = "<w:sectPr>";
const PARA_ID: &str = "w14:paraId=\"";

/// The shared parts, made by `docx-rs` from the page, the styles and the lists, then rewritten so
/// that the package is the same bytes on every build and carries no hidden data: the empty
/// comment, footnote and custom-property parts and their references are dropped, and the
/// children of elements `docx-rs` writes out of the schema's order are put in order. The document
/// part is made without paragraphs and cut where a document's go.
fn shared() -> Shared {
    let mut docx = abstract_lists(styles(page()));
    docx.document_rels.has_numberings = true;
    let xml = docx.build();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    // Word then removes the author and the dates of later edits when the file is saved.
    let settings = text(&xml.settings)
        .replace("</w:settings>", "<w:removePersonalInformation /><w:removeDateAndTime /></w:settings>");
    let mut entries = vec![
        Entry::deflate("[Content_Types].xml", drop_references(&text(&xml.content_type)).as_bytes()),
        Entry::deflate("_rels/.rels", drop_references(&text(&xml.rels)).as_bytes()),
        Entry::deflate("docProps/app.xml", &xml.doc_props.app),
        Entry::deflate("word/fontTable.xml", &xml.font_table),
        Entry::deflate("word/styles.xml", schema_order(&text(&xml.styles)).as_bytes()),
        Entry::deflate("word/settings.xml", schema_order(&settings).as_bytes()),
    ];
    if let Some(rels) = xml.footer_rels.first() {
        entries.push(Entry::deflate("word/_rels/footer1.xml.rels", rels));
    }
    let mut numbering_head = schema_order(&text(&xml.numberings));
    numbering_head.truncate(numbering_head.rfind(NUMBERING_END).unwrap_or(numbering_head.len()));

    let document = schema_order(&text(&xml.document));
    let body = document.find(BODY_START).map_or(0, |at| at + BODY_START.len());
    let section = document.rfind(SECTION_START).unwrap_or(body);
    let rels = sort_relationships(&drop_references(&text(&xml.document_rels)));
    let rels_numbered = rels[..rels.rfind(RELATIONSHIPS_END).unwrap_or(rels.len())].to_string();
    let rels_plain = drop_numbering(&rels_numbered);
    let footer = xml.footers.first().map(|f| schema_order(&text(f))).unwrap_or_default();
    let footer = match footer.find(PARA_ID) {
        Some(at) => {
            let id = at + PARA_ID.len();
            (footer[..id].to_string(), footer[(id + 8).min(footer.len())..].to_string())
        }
        None => (footer, String::new()),
    };
    Shared {
        entries,
        numbering_head,
        document_head: document[..body].to_string(),
        document_tail: document[section..].to_string(),
        rels_numbered,
        rels_plain,
        footer,
    }
}

/// The relationships without the one that names the numbering part.
fn drop_numbering(rels: &str) -> String {
    rels.split_inclusive("/>").filter(|e| !e.contains("relationships/numbering\"")).collect()
}

const NUMBERING_END: &str = "</w:numbering>";

/// The numbering part: the shared abstract lists, then the document's list instances, each
/// written as `docx-rs` writes one with a start override.
fn numbering(lists: &[ListInstance]) -> String {
    let head = &SHARED.numbering_head;
    let mut out = String::with_capacity(head.len() + 128 * lists.len() + NUMBERING_END.len());
    out.push_str(head);
    for list in lists {
        let _ = write!(
            out,
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\" /><w:lvlOverride w:ilvl=\"0\">\
             <w:startOverride w:val=\"{}\" /></w:lvlOverride></w:num>",
            list.id, list.abstract_list, list.start
        );
    }
    out.push_str(NUMBERING_END);
    out
}

/// The order of parts: content types first (as OPC readers expect), then the relationships, the
/// properties and the document.
fn part_rank(name: &str) -> u8 {
    match name {
        "[Content_Types].xml" => 0,
        "_rels/.rels" => 1,
        "docProps/core.xml" => 2,
        "docProps/app.xml" => 3,
        "word/document.xml" => 4,
        "word/_rels/document.xml.rels" => 5,
        _ => 6,
    }
}

/// The order WordprocessingML's schema (ECMA-376 Part 1, §17) gives the children of the elements
/// `docx-rs` writes out of order. Word asks to repair a file whose elements are out of order.
const SCHEMA_ORDER: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "ins",
            "del",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
        ],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference",
            "footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        "settings",
        &[
            "writeProtection",
            "view",
            "zoom",
            "removePersonalInformation",
            "removeDateAndTime",
            "defaultTabStop",
            "evenAndOddHeaders",
            "characterSpacingControl",
            "compat",
            "docVars",
        ],
    ),
    (
        "lvl",
        &[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlPicBulletId",
            "legacy",
            "lvlJc",
            "pPr",
            "rPr",
        ],
    ),
];

const XML_NAMESPACE: &str = "http://www.w3.org/XML/1998/namespace";

/// Rewrites an XML part with the children of the elements in [`SCHEMA_ORDER`] in the schema's
/// order (children it does not list keep their order, after the listed ones) and without the
/// empty `<w:rPr/>` elements `docx-rs` writes everywhere. A part that does not parse is kept.
fn schema_order(xml: &str) -> String {
    let Ok(document) = roxmltree::Document::parse(xml) else {
        return xml.to_string();
    };
    let mut out = String::with_capacity(xml.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>");
    write_node(document.root_element(), true, &mut out);
    out
}

fn write_node(node: roxmltree::Node<'_, '_>, root: bool, out: &mut String) {
    if node.is_text() {
        escape_xml(node.text().unwrap_or(""), false, out);
        return;
    }
    if !node.is_element() {
        return;
    }
    out.push('<');
    let name_start = out.len();
    qualified(node, node.tag_name().namespace(), node.tag_name().name(), out);
    let name_end = out.len();
    if root {
        for ns in node.namespaces().filter(|ns| ns.uri() != XML_NAMESPACE) {
            out.push_str(" xmlns");
            if let Some(prefix) = ns.name() {
                out.push(':');
                out.push_str(prefix);
            }
            out.push_str("=\"");
            escape_xml(ns.uri(), true, out);
            out.push('"');
        }
    }
    for attribute in node.attributes() {
        out.push(' ');
        qualified(node, attribute.namespace(), attribute.name(), out);
        out.push_str("=\"");
        escape_xml(attribute.value(), true, out);
        out.push('"');
    }
    let mut children: Vec<roxmltree::Node<'_, '_>> = node.children().filter(|c| !is_empty_run_properties(*c)).collect();
    if let Some((_, order)) = SCHEMA_ORDER.iter().find(|(parent, _)| *parent == node.tag_name().name()) {
        let rank =
            |c: &roxmltree::Node<'_, '_>| order.iter().position(|n| *n == c.tag_name().name()).unwrap_or(order.len());
        children.sort_by_key(rank);
    }
    if children.is_empty() {
        out.push_str(" />");
        return;
    }
    out.push('>');
    for child in children {
        write_node(child, false, out);
    }
    out.push_str("</");
    out.extend_from_within(name_start..name_end);
    out.push('>');
}

/// Writes an element or attribute name with the prefix its namespace has where it is written.
fn qualified(node: roxmltree::Node<'_, '_>, namespace: Option<&str>, local: &str, out: &mut String) {
    if let Some(prefix) =
        namespace.and_then(|uri| if uri == XML_NAMESPACE { Some("xml") } else { node.lookup_prefix(uri) })
    {
        out.push_str(prefix);
        out.push(':');
    }
    out.push_str(local);
}

fn is_empty_run_properties(node: roxmltree::Node<'_, '_>) -> bool {
    node.is_element()
        && node.tag_name().name() == "rPr"
        && node.attributes().len() == 0
        && !node.children().any(|c| c.is_element())
}

/// Writes text escaped for XML content (or, with `attribute`, an attribute value).
fn escape_xml(text: &str, attribute: bool, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find(|c| matches!(c, '&' | '<' | '>') || (attribute && c == '"')) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            _ => "&quot;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Sorts the `Relationship` elements of a relationships part by id (numbers compared as numbers).
fn sort_relationships(xml: &str) -> String {
    let (Some(first), Some(close)) = (xml.find("<Relationship "), xml.rfind("</Relationships>")) else {
        return xml.to_string();
    };
    let mut elements: Vec<&str> = xml[first..close].split_inclusive("/>").filter(|e| !e.trim().is_empty()).collect();
    let key = |e: &str| {
        let id = e.split("Id=\"").nth(1).and_then(|r| r.split('"').next()).unwrap_or("");
        let digits = id.trim_start_matches(|c: char| !c.is_ascii_digit());
        (id[..id.len() - digits.len()].to_string(), digits.parse::<u64>().unwrap_or(0))
    };
    elements.sort_by_key(|e| key(e));
    format!("{}{}{}", &xml[..first], elements.concat(), &xml[close..])
}

/// Removes the `Override` and `Relationship` elements that name a dropped part.
fn drop_references(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let end = rest[start..].find('>').map_or(rest.len(), |e| start + e + 1);
        let element = &rest[start..end];
        let names_dropped = EMPTY_PARTS.iter().any(|part| {
            let file = part.rsplit('/').next().unwrap_or(part);
            element.contains(&format!("\"/{part}\""))
                || element.contains(&format!("\"{file}\""))
                || element.contains(&format!("\"{part}\""))
        });
        let is_reference = element.starts_with("<Override") || element.starts_with("<Relationship ");
        if !(is_reference && names_dropped) {
            out.push_str(element);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn designations_that_count_up_become_a_list() {
        let items = |ids: &[&str]| -> Vec<Designated> {
            ids.iter().map(|id| Designated { id: (*id).into(), body: "x".into() }).collect()
        };
        assert_eq!(designation_numbering(&items(&["A", "B", "C"])), Some((DESIGNATED, 1)));
        assert_eq!(designation_numbering(&items(&["(c)", "(d)"])), Some((DESIGNATED + 7, 3)));
        assert_eq!(designation_numbering(&items(&["1)", "2)"])), Some((DESIGNATED + 5, 1)));
        assert_eq!(designation_numbering(&items(&["Z", "AA"])), Some((DESIGNATED, 26)));
        assert_eq!(designation_numbering(&items(&["A", "C"])), None);
        assert_eq!(designation_numbering(&items(&["A", "2"])), None);
        assert_eq!(designation_numbering(&items(&["i", "ii"])), None);
    }

    /// The text of each paragraph a piece of prose becomes.
    fn prose_texts(md: &str) -> Vec<String> {
        let mut writer = Writer::default();
        writer.prose(md, "BodyText", Some(Lead::Caption("ADDRESSES:".into())));
        writer.paragraphs.iter().map(Paragraph::text).collect()
    }

    #[test]
    fn prose_keeps_every_word() {
        assert_eq!(
            prose_texts("You may submit:\n\n- Mail: here.\n- Fax: 1."),
            ["ADDRESSES: You may submit:", "Mail: here.", "Fax: 1."]
        );
        assert_eq!(prose_texts("- first\n- second"), ["ADDRESSES:", "first", "second"]);
        assert_eq!(
            prose_texts("| a | b |\n|---|---|\n| c | d |\n\n`code` and <b>raw</b>\n\n```\nblock\n```"),
            ["ADDRESSES:", "a\tb\t", "c\td\t", "code and <b>raw</b>", "block "]
        );
        assert_eq!(prose_texts("Text\n\n### Heading\n\nMore"), ["ADDRESSES: Text", "Heading", "More"]);
    }

    #[test]
    fn placeholders_get_their_own_style() {
        let mut laid_out = Vec::new();
        runs("before [INSERT DATE] after", None, |text, style| laid_out.push((text.to_string(), style)));
        assert_eq!(
            laid_out,
            [("before ".into(), None), ("[INSERT DATE]".into(), Some("Placeholder")), (" after".into(), None)]
        );
    }

    #[test]
    fn bare_addresses_become_links() {
        let found: Vec<String> = pieces("e-mail: ICEPrivacy@dhs.gov. See https://www.regulations.gov.")
            .into_iter()
            .filter_map(|p| match p {
                Piece::Link(url, _) => Some(url),
                Piece::Text(_) => None,
            })
            .collect();
        assert_eq!(found, ["mailto:ICEPrivacy@dhs.gov", "https://www.regulations.gov"]);
    }

    #[test]
    fn relationships_are_sorted_by_id() {
        let rels = r#"<Relationships><Relationship Id="rIdLink2" /><Relationship Id="rId10" /><Relationship Id="rId2" /><Relationship Id="rIdLink1" /></Relationships>"#;
        assert_eq!(
            sort_relationships(rels),
            r#"<Relationships><Relationship Id="rId2" /><Relationship Id="rId10" /><Relationship Id="rIdLink1" /><Relationship Id="rIdLink2" /></Relationships>"#
        );
    }

    #[test]
    fn children_are_put_in_schema_order() {
        let xml = r#"<w:document xmlns:w="urn:w"><w:p><w:pPr><w:rPr /><w:jc w:val="center" /><w:ind w:left="0" /><w:pStyle w:val="X" /></w:pPr><w:r><w:rPr /><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p></w:document>"#;
        assert_eq!(
            schema_order(xml),
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="urn:w"><w:p><w:pPr>"#,
                r#"<w:pStyle w:val="X" /><w:ind w:left="0" /><w:jc w:val="center" /></w:pPr><w:r>"#,
                r#"<w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p></w:document>"#
            )
        );
    }

    #[test]
    fn references_to_dropped_parts_are_removed() {
        let rels = r#"<Relationships><Relationship Id="rId1" Type="t" Target="styles.xml" /><Relationship Id="rId2" Type="c" Target="comments.xml" /></Relationships>"#;
        assert_eq!(
            drop_references(rels),
            r#"<Relationships><Relationship Id="rId1" Type="t" Target="styles.xml" /></Relationships>"#
        );
    }
}

#[cfg(test)]
mod package_tests {
    use std::io::Read;

    use super::*;

    /// Every XML part of a rendering parses, whatever the prose holds.
    #[test]
    fn awkward_prose_gives_well_formed_parts() {
        let doc = FrDocument {
            title: "A \"title\" & <more>".into(),
            section: "Notices",
            blocks: vec![Block::Markdown(
                "[a](https://a.gov/?a=1&b=\"2\") <https://b.gov/x?y=<z>> x@y.gov\u{0}\u{b} [INSERT ] ok [c](<https://c.gov/\u{1}>) https://d.gov/\u{1}e".into(),
            )],
        };
        let bytes = render(&doc);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            assert!(roxmltree::Document::parse(&text).is_ok(), "{}: {text}", entry.name());
        }
    }
}
