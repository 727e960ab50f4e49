//! Backends: a [`FrDocument`](crate::frdoc::FrDocument) laid out as Markdown or as a standalone HTML page.

pub mod html;
pub mod markdown;

/// An output format of `sorn build`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// Markdown laid out like an agency manuscript.
    Markdown,
    /// A standalone HTML5 page with embedded screen and print styles.
    Html,
}

impl Format {
    /// File extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Html => "html",
        }
    }

    /// Renders a document in this format.
    pub fn render(self, document: &crate::frdoc::FrDocument) -> String {
        match self {
            Format::Markdown => markdown::render(document),
            Format::Html => html::render(document),
        }
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
