//! Units: the blocks every reader turns its input into (paragraphs, headings, list items,
//! identifying lines, signatures, tables), each with its rich text and its input line.

use super::rich::Rich;
use super::signature::Sig;

/// The marker of a list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    /// A bullet ("-", "*", "+", "•").
    Bullet,
    /// A number and its delimiter: "1." or "1)".
    Ordered(u64, char),
}

impl Marker {
    /// The marker as Markdown writes it.
    pub fn markdown(&self) -> String {
        match self {
            Marker::Bullet => "-".into(),
            Marker::Ordered(n, d) => format!("{n}{d}"),
        }
    }
}

/// An identifying line of the document's heading, when the input says which it is (FR XML).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineRole {
    /// AGENCY.
    Agency,
    /// SUBAGY.
    SubAgency,
    /// CFR.
    Cfr,
    /// DEPDOC.
    Docket,
    /// RIN.
    Rin,
    /// SUBJECT.
    Subject,
}

/// What a unit is.
#[derive(Clone, Debug, PartialEq)]
pub enum UnitKind {
    /// A paragraph.
    Para,
    /// A heading of this level (1-6). FR XML captions (`HD SOURCE="HED"`) are level 1.
    Heading(u8),
    /// A list item.
    Item(Marker),
    /// A block kept as written (a table), in Markdown.
    Verbatim(String),
    /// An identifying line whose role the input states.
    Line(LineRole),
    /// A signature block the input states (FR XML `SIG`).
    Signature(Sig),
}

/// One block of the input.
#[derive(Clone, Debug, PartialEq)]
pub struct Unit {
    /// What it is.
    pub kind: UnitKind,
    /// Its inline text.
    pub rich: Rich,
    /// Its line in the input (1-based).
    pub line: u32,
    /// List nesting: for an item, the number of lists around it less one; for a paragraph, the
    /// number of lists around it.
    pub depth: u16,
}

impl Unit {
    /// A unit of plain text.
    pub fn new(kind: UnitKind, rich: Rich, line: u32) -> Unit {
        Unit { kind, rich, line, depth: 0 }
    }

    /// The plain text.
    pub fn text(&self) -> &str {
        &self.rich.text
    }

    /// The text as recognizers read it: an ordered item's number is part of it ("75. The ..."),
    /// as it is in running text.
    pub fn reading(&self) -> String {
        match &self.kind {
            UnitKind::Item(Marker::Ordered(n, d)) => format!("{n}{d} {}", self.rich.text),
            _ => self.rich.text.clone(),
        }
    }

    /// The rich text as recognizers read it (see [`Unit::reading`]).
    pub fn reading_rich(&self) -> Rich {
        match &self.kind {
            UnitKind::Item(Marker::Ordered(n, d)) => {
                let mut r = Rich::plain(format!("{n}{d}"));
                r.append(&self.rich, " ");
                r
            }
            _ => self.rich.clone(),
        }
    }

    /// Whether this is a heading.
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, UnitKind::Heading(_))
    }
}
