//! The paragraphs of a Word document body, written as WordprocessingML (ECMA-376 Part 1, §17.3)
//! directly: a paragraph's properties in the schema's order, then its runs and hyperlinks. The
//! manuscript uses a small part of the vocabulary (a named style on every paragraph, list
//! numbering, a left indent, character styles, line breaks and external hyperlinks), and writing
//! it as text is what keeps a build of a whole inventory fast.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A paragraph being laid out: its properties, and its content as XML.
#[derive(Debug)]
pub struct Paragraph {
    style: &'static str,
    /// The list instance (`w:numId`) and level (`w:ilvl`) that number it.
    numbering: Option<(usize, usize)>,
    /// The left indent, in twentieths of a point.
    indent: Option<i32>,
    /// Runs and hyperlinks, as XML.
    content: String,
}

impl Paragraph {
    /// An empty paragraph in a paragraph style.
    pub fn new(style: &'static str) -> Self {
        Paragraph { style, numbering: None, indent: None, content: String::new() }
    }

    /// Numbered as item of list instance `list` at `level` (0 is the outermost).
    pub fn numbered(mut self, list: usize, level: usize) -> Self {
        self.numbering = Some((list, level));
        self
    }

    /// Indented `left` twentieths of a point from the margin.
    pub fn indented(mut self, left: i32) -> Self {
        self.indent = Some(left);
        self
    }

    /// Whether a list numbers the paragraph (the document then names the numbering part).
    pub fn has_numbering(&self) -> bool {
        self.numbering.is_some()
    }

    /// Adds a run of text, in a character style or none.
    pub fn run(&mut self, text: &str, style: Option<&str>) {
        write_run(&mut self.content, text, style);
    }

    /// Adds a line break (Markdown's hard break): `w:br` of type text wrapping.
    pub fn line_break(&mut self) {
        self.content.push_str("<w:r><w:br w:type=\"textWrapping\" /></w:r>");
    }

    /// Adds a hyperlink whose target is the relationship `rIdLink<number>`.
    pub fn hyperlink(&mut self, number: usize, link: &Hyperlink) {
        let _ = write!(self.content, "<w:hyperlink r:id=\"{}\" w:history=\"1\"", link_id(number));
        if link.content.is_empty() {
            self.content.push_str(" />");
        } else {
            self.content.push('>');
            self.content.push_str(&link.content);
            self.content.push_str("</w:hyperlink>");
        }
    }

    /// Writes the paragraph, `w14:paraId` its place in the package (Word's paragraph ids are
    /// eight hexadecimal digits).
    pub fn write(&self, para_id: usize, out: &mut String) {
        let _ = write!(out, "<w:p w14:paraId=\"{para_id:08x}\"><w:pPr><w:pStyle w:val=\"{}\" />", self.style);
        // CT_PPrBase orders numPr before ind; CT_NumPr orders ilvl before numId (§17.3.1.19).
        if let Some((list, level)) = self.numbering {
            let _ = write!(out, "<w:numPr><w:ilvl w:val=\"{level}\" /><w:numId w:val=\"{list}\" /></w:numPr>");
        }
        if let Some(left) = self.indent {
            let _ = write!(out, "<w:ind w:left=\"{left}\" w:right=\"0\" />");
        }
        out.push_str("</w:pPr>");
        out.push_str(&self.content);
        out.push_str("</w:p>");
    }

    /// The paragraph's text, run after run (for tests).
    #[cfg(test)]
    pub fn text(&self) -> String {
        let xml = format!("<p xmlns:w=\"urn:w\" xmlns:r=\"urn:r\">{}</p>", self.content);
        let document = roxmltree::Document::parse(&xml).expect("a paragraph's content is well-formed");
        document.descendants().filter(|n| n.tag_name().name() == "t").filter_map(|n| n.text()).collect()
    }
}

/// An external hyperlink being laid out: its target and its runs.
#[derive(Debug)]
pub struct Hyperlink {
    /// The target, as written (escaped when the relationship is written).
    pub url: String,
    content: String,
}

impl Hyperlink {
    /// A hyperlink to `url`, without text yet.
    pub fn new(url: String) -> Self {
        Hyperlink { url, content: String::new() }
    }

    /// Adds a run of text, in a character style or none.
    pub fn run(&mut self, text: &str, style: Option<&str>) {
        write_run(&mut self.content, text, style);
    }
}

/// The relationship id of the hyperlink numbered `number` in document order.
fn link_id(number: usize) -> String {
    format!("rIdLink{number}")
}

/// The relationship of the hyperlink numbered `number`, to `url`.
pub fn link_relationship(number: usize, url: &str, out: &mut String) {
    let _ = write!(
        out,
        "<Relationship Id=\"{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" \
         Target=\"{}\" TargetMode=\"External\" />",
        link_id(number),
        attribute(url)
    );
}

fn write_run(out: &mut String, text: &str, style: Option<&str>) {
    out.push_str("<w:r>");
    if let Some(style) = style {
        let _ = write!(out, "<w:rPr><w:rStyle w:val=\"{style}\" /></w:rPr>");
    }
    let text = xml_chars(text);
    if text.is_empty() {
        out.push_str("<w:t xml:space=\"preserve\" />");
    } else {
        out.push_str("<w:t xml:space=\"preserve\">");
        escape_text(&text, out);
        out.push_str("</w:t>");
    }
    out.push_str("</w:r>");
}

/// Text with the characters XML 1.0 cannot hold (control characters other than tab and line
/// breaks) shown as U+FFFD, so that the part stays well-formed and the place stays visible, and
/// without carriage returns (a reader would turn them into line feeds; Word shows neither).
pub fn xml_chars(text: &str) -> Cow<'_, str> {
    let bad =
        |c: char| matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    // Looked for byte by byte: the control characters are single bytes below 0x20 (tab and line
    // feed are kept), and U+FFFE and U+FFFF the only characters whose encoding starts EF BF BE
    // or EF BF BF.
    let suspect = |(i, &b): (usize, &u8)| {
        (b < 0x20 && b != b'\t' && b != b'\n')
            || (b == 0xEF && text.as_bytes().get(i + 1..i + 3).is_some_and(|r| r[0] == 0xBF && r[1] >= 0xBE))
    };
    if !text.as_bytes().iter().enumerate().any(suspect) {
        return text.into();
    }
    text.chars().filter(|&c| c != '\r').map(|c| if bad(c) { '\u{fffd}' } else { c }).collect::<String>().into()
}

/// Writes text escaped for XML content: `&`, `<` and `>`.
pub fn escape_text(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(at) = rest.find(['&', '<', '>']) {
        out.push_str(&rest[..at]);
        out.push_str(match rest.as_bytes()[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            _ => "&gt;",
        });
        rest = &rest[at + 1..];
    }
    out.push_str(rest);
}

/// Text escaped for an attribute value: the characters XML cannot hold replaced ([`xml_chars`]),
/// then the five XML entities and the line feed. A bare web address in prose can carry a control
/// character, and the relationship that targets it must stay well-formed.
fn attribute(text: &str) -> Cow<'_, str> {
    let text = xml_chars(text);
    if !text.contains(['&', '<', '>', '"', '\'', '\n']) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#xA;"),
            c => out.push(c),
        }
    }
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paragraph_writes_its_properties_in_schema_order() {
        let mut p = Paragraph::new("ListParagraph").numbered(10, 1);
        p.run("a & <b>", Some("Strong"));
        p.line_break();
        let mut out = String::new();
        p.write(0x2a, &mut out);
        assert_eq!(
            out,
            concat!(
                r#"<w:p w14:paraId="0000002a"><w:pPr><w:pStyle w:val="ListParagraph" /><w:numPr><w:ilvl w:val="1" />"#,
                r#"<w:numId w:val="10" /></w:numPr></w:pPr><w:r><w:rPr><w:rStyle w:val="Strong" /></w:rPr>"#,
                r#"<w:t xml:space="preserve">a &amp; &lt;b&gt;</w:t></w:r><w:r><w:br w:type="textWrapping" /></w:r></w:p>"#
            )
        );
        let mut out = String::new();
        Paragraph::new("BodyText").indented(720).write(1, &mut out);
        assert_eq!(
            out,
            r#"<w:p w14:paraId="00000001"><w:pPr><w:pStyle w:val="BodyText" /><w:ind w:left="720" w:right="0" /></w:pPr></w:p>"#
        );
    }

    #[test]
    fn text_that_xml_cannot_hold_is_replaced() {
        assert_eq!(xml_chars("a\u{1}b\r\nc\u{ffff}"), "a\u{fffd}b\nc\u{fffd}");
        assert!(matches!(xml_chars("plain\ttext\n"), Cow::Borrowed(_)));
        let mut link = Hyperlink::new("https://a.gov/?a=1&b=\"2\"'".into());
        link.run("", None);
        let mut out = String::new();
        link_relationship(3, &link.url, &mut out);
        assert!(out.contains(r#"Id="rIdLink3""#), "{out}");
        assert!(out.contains(r#"Target="https://a.gov/?a=1&amp;b=&quot;2&quot;&apos;""#), "{out}");
        let mut out = String::new();
        link_relationship(1, "https://a.gov/\u{1}x\r", &mut out);
        assert!(out.contains("Target=\"https://a.gov/\u{fffd}x\""), "{out}");
        let mut p = Paragraph::new("BodyText");
        p.hyperlink(3, &link);
        assert!(p.content.contains(r#"<w:t xml:space="preserve" />"#), "{}", p.content);
    }
}
