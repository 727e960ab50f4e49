//! The Word backend: the manuscript an agency submits to the Office of the Federal Register (OFR),
//! whose portal accepts only digitally signed `.docx` files.
//!
//! The layout is the manuscript the OFR's Document Drafting Handbook asks for: every line
//! double-spaced, the billing code at the top of the first page, the heading lines, captions and
//! signature in their places; where the handbook's text gives no figure, letter paper, one-inch
//! margins, 12-point Times New Roman and page numbers at the foot (user guide, "The Word manuscript"). Every paragraph carries a named style (headings,
//! captions, body, signature, ...) and lists are Word lists, so an agency editor can keep
//! working in the file. The parts are made by `docx-rs` (those every manuscript shares once per
//! process), then rewritten so that the package is the same bytes on every build and carries no
//! hidden data: no author, company, revision count, dates, comments or template; the core
//! properties hold only the title.
//!
//! Prose is Markdown, read with pulldown-cmark: raw HTML becomes text, script-capable links keep
//! only their text, as in the HTML backend.

use std::io::{Cursor, Write};

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Footer, Hyperlink, HyperlinkType, IndentLevel, Level, LevelJc,
    LevelText, LineSpacing, LineSpacingType, NumberFormat, NumberingId, PageMargin, PageNum, Paragraph, Run, RunFonts,
    SpecialIndentType, Start, Style, StyleType,
};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

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
    let numbering = numbering(&writer.lists);
    package(writer.finish().build(), numbering, &doc.title)
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
    let footer = Footer::new().add_paragraph(Paragraph::new().style("Footer").add_page_num(PageNum::new()));
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

/// The document as it is laid out: paragraphs in order, and the list instances they use.
#[derive(Default)]
struct Writer {
    paragraphs: Vec<Paragraph>,
    lists: Vec<ListInstance>,
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
    fn line(&mut self, style: &str, text: &str) {
        let mut paragraph = Paragraph::new().style(style);
        for run in runs(text, None) {
            paragraph = paragraph.add_run(run);
        }
        self.paragraphs.push(paragraph);
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

    /// The document's own parts: the page (which the document's section properties name) and
    /// the paragraphs. The styles and the abstract lists are in [`SHARED`], the list instances
    /// are written by [`numbering`].
    fn finish(self) -> docx_rs::Docx {
        let mut docx = page();
        // What `Docx::add_paragraph` does, without moving the whole package once per paragraph.
        if self.paragraphs.iter().any(|p| p.has_numbering) {
            docx.document_rels.has_numberings = true;
            docx.document.has_numbering = true;
        }
        let children = self.paragraphs.into_iter().map(|p| docx_rs::DocumentChild::Paragraph(Box::new(p)));
        docx.document.children.extend(children);
        docx
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
fn lead_paragraph(style: &str, lead: &Lead) -> Paragraph {
    match lead {
        Lead::Caption(label) => Paragraph::new().style(style).add_run(styled(label, Some("CaptionLabel"))),
        Lead::Text(text) => Paragraph::new().style(style).add_run(styled(text, None)),
        Lead::Number(list) => Paragraph::new().style(style).numbering(NumberingId::new(*list), IndentLevel::new(0)),
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
            Event::End(TagEnd::Link) => {
                if let Some(link) = self.link.take() {
                    self.open();
                    self.current = self.current.take().map(|p| p.add_hyperlink(link));
                }
            }
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
                self.push(Run::new().add_break(BreakType::TextWrapping));
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Strong => self.strong += 1,
            Tag::Emphasis => self.emphasis += 1,
            Tag::Link { dest_url, .. } if super::html::safe_url(&dest_url) => {
                self.link = Some(Hyperlink::new(xml_chars(&dest_url).into_owned(), HyperlinkType::External));
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
            self.current = Some(Paragraph::new().style(style));
            return;
        }
        let depth = self.lists.len();
        let paragraph = match self.lists.last_mut() {
            Some(list) if list.item_waiting => {
                list.item_waiting = false;
                // The lists define three levels; deeper ones print at the third.
                let level = IndentLevel::new((depth - 1).min(2));
                Paragraph::new().style("ListParagraph").numbering(NumberingId::new(list.id), level)
            }
            Some(_) => Paragraph::new().style("ListParagraph").indent(Some(INCH / 2 * depth as i32), None, None, None),
            None => {
                let paragraph = match self.lead.take() {
                    Some(Lead::Number(list)) => {
                        Paragraph::new().style(self.style).numbering(NumberingId::new(list), IndentLevel::new(0))
                    }
                    Some(lead) => lead_paragraph(self.style, &lead).add_run(Run::new().add_text(" ")),
                    None => Paragraph::new().style(self.style),
                };
                // The paragraphs after the first (a caption's, a routine use's) are running text.
                self.style = "BodyText";
                paragraph
            }
        };
        self.current = Some(paragraph);
    }

    fn close(&mut self) {
        if let Some(link) = self.link.take() {
            self.open();
            self.current = self.current.take().map(|p| p.add_hyperlink(link));
        }
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
        if self.link.is_some() {
            let runs = runs(text, Some("Hyperlink"));
            self.link = self.link.take().map(|l| runs.into_iter().fold(l, Hyperlink::add_run));
            return;
        }
        for piece in pieces(text) {
            match piece {
                Piece::Link(url, text) => {
                    let link = Hyperlink::new(url, HyperlinkType::External).add_run(styled(text, Some("Hyperlink")));
                    self.current = self.current.take().map(|p| p.add_hyperlink(link));
                }
                Piece::Text(text) => runs(text, style).into_iter().for_each(|r| self.push(r)),
            }
        }
    }

    fn push(&mut self, run: Run) {
        // What `Paragraph::add_run` does, in place.
        if let Some(paragraph) = &mut self.current {
            paragraph.children.push(docx_rs::ParagraphChild::Run(Box::new(run)));
        }
    }
}

/// Runs for plain text: placeholders in the placeholder style (bold), the rest in `style`.
fn runs(text: &str, style: Option<&str>) -> Vec<Run> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("[INSERT") {
        let end = rest[at..].find(']').map_or(rest.len(), |e| at + e + 1);
        if at > 0 {
            out.push(styled(&rest[..at], style));
        }
        out.push(styled(&rest[at..end], Some("Placeholder")));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(styled(rest, style));
    }
    out
}

fn styled(text: &str, style: Option<&str>) -> Run {
    let run = Run::new().add_text(xml_chars(text));
    match style {
        Some(style) => run.style(style),
        None => run,
    }
}

/// Text with the characters XML 1.0 cannot hold (control characters other than tab and line
/// breaks) shown as U+FFFD, so that the part stays well-formed and the place stays visible.
fn xml_chars(text: &str) -> std::borrow::Cow<'_, str> {
    let bad =
        |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    if text.contains(bad) { text.replace(bad, "\u{fffd}").into() } else { text.into() }
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

/// A part of the package: its name and bytes.
type Part = (std::borrow::Cow<'static, str>, std::borrow::Cow<'static, [u8]>);

/// What every manuscript shares, made once per process instead of once per document.
struct Shared {
    /// The parts that are the same in every manuscript (content types, package relationships,
    /// application properties, fonts, styles, settings), made by `docx-rs` and rewritten as
    /// [`package`] describes: the writer adds no header, image or footnote, so nothing in a
    /// document changes them.
    parts: Vec<Part>,
    /// The numbering part up to its list instances: the abstract lists, and the list instance
    /// `docx-rs` always writes.
    numbering_head: String,
}

/// Made on a thread of its own because `docx-rs` numbers paragraphs (`w14:paraId`) from a counter
/// per thread: the page's footer made here must not move the numbers of a document rendered on
/// this thread.
static SHARED: std::sync::LazyLock<Shared> =
    std::sync::LazyLock::new(|| std::thread::spawn(shared).join().expect("making the shared parts cannot fail"));

fn shared() -> Shared {
    let xml = abstract_lists(styles(page())).build();
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    // Word then removes the author and the dates of later edits when the file is saved.
    let settings = text(&xml.settings)
        .replace("</w:settings>", "<w:removePersonalInformation /><w:removeDateAndTime /></w:settings>");
    let parts: [(&'static str, Vec<u8>); 6] = [
        ("[Content_Types].xml", drop_references(&text(&xml.content_type)).into_bytes()),
        ("_rels/.rels", drop_references(&text(&xml.rels)).into_bytes()),
        ("docProps/app.xml", xml.doc_props.app),
        ("word/fontTable.xml", xml.font_table),
        ("word/styles.xml", schema_order(&text(&xml.styles)).into_bytes()),
        ("word/settings.xml", schema_order(&settings).into_bytes()),
    ];
    let mut numbering_head = schema_order(&text(&xml.numberings));
    numbering_head.truncate(numbering_head.rfind(NUMBERING_END).unwrap_or(numbering_head.len()));
    Shared { parts: parts.into_iter().map(|(name, bytes)| (name.into(), bytes.into())).collect(), numbering_head }
}

const NUMBERING_END: &str = "</w:numbering>";

/// The numbering part: the shared abstract lists, then the document's list instances, each
/// written as `docx-rs` writes one with a start override.
fn numbering(lists: &[ListInstance]) -> String {
    let head = &SHARED.numbering_head;
    let mut out = String::with_capacity(head.len() + 128 * lists.len() + NUMBERING_END.len());
    out.push_str(head);
    for list in lists {
        out.push_str(&format!(
            "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"{}\" /><w:lvlOverride w:ilvl=\"0\">\
             <w:startOverride w:val=\"{}\" /></w:lvlOverride></w:num>",
            list.id, list.abstract_list, list.start
        ));
    }
    out.push_str(NUMBERING_END);
    out
}

/// Packs a document's parts with the [`Shared`] ones, rewritten so that the package is the same
/// bytes on every build and carries no hidden data: the core properties hold the title alone,
/// the empty comment, footnote and custom-property parts and their references are dropped, the
/// hyperlinks' relationship ids (which `docx-rs` draws from a process-wide counter) are
/// renumbered in document order and the relationships sorted, and the entries are written in a
/// fixed order with a fixed time stamp, so that the same document is the same bytes however and
/// with whatever else it is built.
fn package(xml: docx_rs::XMLDocx, numbering: String, title: &str) -> Vec<u8> {
    let document = String::from_utf8_lossy(&xml.document);
    let links = link_ids(&document);
    let document = schema_order(&renumber_links(&document, &links));
    let rels = renumber_links(&drop_references(&String::from_utf8_lossy(&xml.document_rels)), &links);
    let own: [Part; 4] = [
        ("docProps/core.xml".into(), core_properties(title).into_bytes().into()),
        ("word/document.xml".into(), document.into_bytes().into()),
        ("word/_rels/document.xml.rels".into(), sort_relationships(&rels).into_bytes().into()),
        ("word/numbering.xml".into(), numbering.into_bytes().into()),
    ];
    // The footer is the document's own: its paragraph's number follows the document's.
    let mut footers: Vec<Part> = Vec::new();
    for (i, footer) in xml.footers.iter().enumerate() {
        let footer = schema_order(&String::from_utf8_lossy(footer)).into_bytes();
        footers.push((format!("word/footer{}.xml", i + 1).into(), footer.into()));
        if let Some(rels) = xml.footer_rels.get(i) {
            footers.push((format!("word/_rels/footer{}.xml.rels", i + 1).into(), rels.clone().into()));
        }
    }
    let mut parts: Vec<&Part> = SHARED.parts.iter().chain(&own).chain(&footers).collect();
    parts.sort_by_key(|(name, _)| (part_rank(name), name.clone()));
    let size = parts.iter().map(|(_, bytes)| bytes.len()).sum::<usize>();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(size / 3)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        // The fastest level: the parts are small, and level 6 took most of a document's time for
        // a few hundred bytes less.
        .compression_level(Some(1))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in parts {
        out.start_file(name.as_ref(), options).expect("writing into memory cannot fail");
        out.write_all(bytes).expect("writing into memory cannot fail");
    }
    out.finish().expect("writing into memory cannot fail").into_inner()
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

/// The hyperlink relationship ids of a document, each with its place in order of first use
/// (counting from 1).
fn link_ids(document: &str) -> std::collections::HashMap<String, usize> {
    let mut ids = std::collections::HashMap::new();
    for m in link_id_pattern().find_iter(document) {
        let next = ids.len() + 1;
        ids.entry(m.as_str().to_string()).or_insert(next);
    }
    ids
}

fn link_id_pattern() -> &'static regex::Regex {
    static PATTERN: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"rIdHyperlink[0-9]+").expect("the id pattern is valid"));
    &PATTERN
}

/// Renames every hyperlink id to `rIdLink<n>`, `n` its place in the document.
fn renumber_links(xml: &str, ids: &std::collections::HashMap<String, usize>) -> String {
    link_id_pattern()
        .replace_all(xml, |c: &regex::Captures<'_>| match ids.get(&c[0]) {
            Some(n) => format!("rIdLink{n}"),
            None => c[0].to_string(),
        })
        .into_owned()
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
        // docx-rs keeps text XML-escaped.
        let unescape = |t: String| t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        writer.paragraphs.iter().map(|p| unescape(p.raw_text())).collect()
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
        let runs = runs("before [INSERT DATE] after", None);
        assert_eq!(runs.len(), 3);
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
    fn hyperlink_ids_are_renumbered_in_document_order_and_sorted() {
        let document = r#"<a r:id="rIdHyperlink9"/><a r:id="rIdHyperlink4"/><a r:id="rIdHyperlink9"/>"#;
        let ids = link_ids(document);
        assert_eq!((ids["rIdHyperlink9"], ids["rIdHyperlink4"], ids.len()), (1, 2, 2));
        assert_eq!(renumber_links(document, &ids), r#"<a r:id="rIdLink1"/><a r:id="rIdLink2"/><a r:id="rIdLink1"/>"#);
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
                "[a](https://a.gov/?a=1&b=\"2\") <https://b.gov/x?y=<z>> x@y.gov\u{0}\u{b} [INSERT ] ok [c](<https://c.gov/\u{1}>)".into(),
            )],
        };
        let bytes = render(&doc);
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            assert!(roxmltree::Document::parse(&text).is_ok(), "{}: {text}", entry.name());
        }
    }
}
