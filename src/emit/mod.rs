//! Backends: a [`FrDocument`](crate::frdoc::FrDocument) laid out as Markdown, as a standalone HTML
//! page, or as the Word manuscript the Office of the Federal Register accepts.

pub mod docx;
pub mod html;
pub mod markdown;
mod package;
mod typography;
mod wordml;

use crate::frdoc::FrDocument;

/// A backend lays a document out as the contents of one file. Contents are bytes, not text,
/// because a Word file is a ZIP package.
pub trait Backend {
    /// File extension of what the backend writes.
    fn extension(&self) -> &'static str;
    /// The file's contents.
    fn render(&self, document: &FrDocument) -> Vec<u8>;

    /// The file's contents with page options; a backend without pages ignores them.
    fn render_with(&self, document: &FrDocument, options: &PageOptions) -> Vec<u8> {
        let _ = options;
        self.render(document)
    }
}

/// Options of the printed page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// A review copy: the HTML page carries a DRAFT mark on screen and on every printed page.
    pub draft: bool,
}

/// An output format of `sorn build`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Markdown laid out like an agency manuscript.
    Markdown,
    /// A standalone HTML5 page with embedded screen and print styles.
    Html,
    /// A Word (.docx) manuscript for submission to the Office of the Federal Register.
    Docx,
}

impl Format {
    /// The backend that writes the format.
    pub fn backend(self) -> &'static dyn Backend {
        match self {
            Format::Markdown => &markdown::Markdown,
            Format::Html => &html::Html,
            Format::Docx => &docx::Docx,
        }
    }

    /// File extension of the format.
    pub fn extension(self) -> &'static str {
        self.backend().extension()
    }

    /// Renders a document in this format.
    pub fn render(self, document: &FrDocument) -> Vec<u8> {
        self.backend().render(document)
    }

    /// Renders a document in this format with page options.
    pub fn render_with(self, document: &FrDocument, options: &PageOptions) -> Vec<u8> {
        self.backend().render_with(document, options)
    }
}

/// Whether Markdown text begins with a block construct (list, heading, quote, code, table), in
/// which case a caption cannot be run in before it.
pub(crate) fn starts_with_block(markdown: &str) -> bool {
    let first = markdown.lines().next().unwrap_or("");
    if first.starts_with("    ") || first.starts_with('\t') {
        return true;
    }
    let t = first.trim_start();
    if t.starts_with(['#', '>', '|']) || t.starts_with("```") || t.starts_with("~~~") {
        return true;
    }
    if let Some(rest) = t.strip_prefix(['-', '*', '+']) {
        return rest.starts_with(' ') || rest.is_empty();
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && digits < 10 && t[digits..].starts_with(['.', ')']) && t[digits + 1..].starts_with(' ')
}
