//! The Markdown backend: laid out like the agency manuscripts the Office of the Federal Register
//! receives (bold captions run in, one paragraph per block, hard line breaks in the signature).

use crate::frdoc::{Block, FrDocument, LineRole, escape};

/// The Markdown backend.
pub struct Markdown;

impl super::Backend for Markdown {
    fn extension(&self) -> &'static str {
        "md"
    }

    fn render(&self, document: &FrDocument) -> Vec<u8> {
        render(document).into_bytes()
    }
}

/// Renders a document as Markdown (ends with one newline).
pub fn render(doc: &FrDocument) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        parts.push(match block {
            Block::Line(LineRole::Agency, text) => format!("**{}**", escape(text)),
            Block::Line(_, text) => escape_line(text),
            Block::Caption { label, body } if body.trim().is_empty() => format!("**{}:**", escape(label)),
            Block::Caption { label, body } if super::starts_with_block(body) => {
                format!("**{}:**\n\n{}", escape(label), html_as_text(body.trim_end()))
            }
            Block::Caption { label, body } => format!("**{}:** {}", escape(label), html_as_text(body.trim_end())),
            Block::SectionCaption(text) => format!("**{}**", escape(text)),
            Block::Heading(level, text) => {
                format!("{} {}", "#".repeat(usize::from((*level).clamp(1, 6))), escape(text))
            }
            Block::Markdown(text) => html_as_text(text.trim_end()),
            Block::Designated(items) => {
                items.iter().map(|item| html_as_text(item.markdown().trim_end())).collect::<Vec<_>>().join("\n\n")
            }
            Block::Instruction(n, text) => format!("{n}\\. {}", html_as_text(text.trim_end())),
            Block::Stars => "\\* \\* \\* \\* \\*".to_string(),
            Block::Signature(sig) => {
                let mut lines = Vec::new();
                if let Some(d) = &sig.dated {
                    lines.push(format!("{}\n", escape(d)));
                }
                let mut body: Vec<String> = sig.before.iter().map(|b| escape(b)).collect();
                body.push(escape(&sig.name));
                body.extend(sig.title.iter().map(|t| escape(t)));
                lines.push(body.join("  \n"));
                lines.join("\n")
            }
            Block::FrDoc(text) => escape_line(text),
        });
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// Prose with its raw HTML escaped, so that it reads as text, as the HTML backend shows it: a
/// `<b>` in a source is the characters "<b>" in both outputs, never markup in one of them. One
/// parse finds the HTML (CommonMark's rules, the HTML backend's options); each `<` in it gets a
/// backslash.
fn html_as_text(markdown: &str) -> String {
    // Raw HTML, in a block or inline, begins with `<`: prose without one has none, and is not
    // parsed.
    if !markdown.contains('<') {
        return markdown.to_string();
    }
    let options = pulldown_cmark::Options::ENABLE_TABLES | pulldown_cmark::Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(markdown.len());
    let mut copied = 0;
    for (event, range) in pulldown_cmark::Parser::new_ext(markdown, options).into_offset_iter() {
        if !matches!(event, pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_))
            || range.start < copied
        {
            continue;
        }
        out.push_str(&markdown[copied..range.start]);
        for ch in markdown[range.clone()].chars() {
            if ch == '<' {
                out.push('\\');
            }
            out.push(ch);
        }
        copied = range.end;
    }
    out.push_str(&markdown[copied..]);
    out
}

/// Identifying lines and the FR Doc line keep their brackets ("[Docket No. ...]"): they are never
/// followed by a link destination, so they cannot become links.
fn escape_line(text: &str) -> String {
    escape(text).replace("\\[", "[").replace("\\]", "]")
}

#[cfg(test)]
mod tests {
    use super::html_as_text;

    #[test]
    fn raw_html_in_prose_is_shown_as_text() {
        assert_eq!(
            html_as_text("Hello <b>bold</b> and <script>x</script>"),
            "Hello \\<b>bold\\</b> and \\<script>x\\</script>"
        );
        assert_eq!(html_as_text("<div onclick=\"x()\">\nhi\n</div>"), "\\<div onclick=\"x()\">\nhi\n\\</div>");
        assert_eq!(html_as_text("a < b and `<code>` stay"), "a < b and `<code>` stay");
        let html = crate::emit::html::markdown(&html_as_text("x <b>y</b>"), None);
        assert_eq!(html, crate::emit::html::markdown("x <b>y</b>", None));
    }
}
