//! The HTML backend: one standalone, well-formed HTML5 page with embedded CSS that reads like a
//! Federal Register document on screen and prints cleanly.
//!
//! Everything the source supplies is escaped: prose is Markdown, rendered by pulldown-cmark with
//! raw HTML turned into text and script-capable link schemes dropped.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use crate::frdoc::{Block, FrDocument, LineRole, SignatureBlock};

const STYLE: &str = include_str!("fr.css");

/// The HTML backend.
pub struct Html;

impl super::Backend for Html {
    fn extension(&self) -> &'static str {
        "html"
    }

    fn render(&self, document: &FrDocument) -> Vec<u8> {
        render(document).into_bytes()
    }
}

/// Renders a document as a standalone HTML page (ends with one newline).
pub fn render(doc: &FrDocument) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", text(&doc.title)));
    out.push_str("<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    out.push_str(&format!("<article class=\"fr-document\" data-section=\"{}\">\n", text(doc.section)));

    let mut in_header = true;
    out.push_str("<header class=\"heading-lines\">\n");
    for block in &doc.blocks {
        let is_line = matches!(block, Block::Line(..));
        if in_header && !is_line {
            out.push_str("</header>\n<div class=\"body\">\n");
            in_header = false;
        }
        match block {
            Block::Line(LineRole::Subject, t) => out.push_str(&format!("<h1 class=\"subject\">{}</h1>\n", text(t))),
            Block::Line(role, t) => out.push_str(&format!("<p class=\"{}\">{}</p>\n", line_class(*role), text(t))),
            Block::Caption { label, body } => {
                let class = if label.chars().any(char::is_lowercase) { "run-in" } else { "caption" };
                out.push_str(&format!("<section class=\"{class}\">\n"));
                let label = format!("<strong class=\"caption-label\">{}:</strong>", text(label));
                if body.trim().is_empty() {
                    out.push_str(&format!("<p>{label}</p>\n"));
                } else {
                    out.push_str(&markdown(body, Some(&label)));
                }
                out.push_str("</section>\n");
            }
            Block::SectionCaption(t) => out.push_str(&format!("<h3 class=\"system-caption\">{}</h3>\n", text(t))),
            Block::Heading(level, t) => {
                let level = (*level).clamp(2, 6);
                out.push_str(&format!("<h{level}>{}</h{level}>\n", text(t)));
            }
            Block::Markdown(md) => out.push_str(&markdown(md, None)),
            Block::Designated(items) => items.iter().for_each(|item| out.push_str(&markdown(&item.markdown(), None))),
            Block::Instruction(n, md) => {
                out.push_str("<div class=\"amendment\">\n");
                out.push_str(&markdown(md, Some(&format!("<span class=\"instruction-number\">{n}.</span>"))));
                out.push_str("</div>\n");
            }
            Block::Stars => out.push_str("<p class=\"stars\" aria-label=\"text omitted\">* * * * *</p>\n"),
            Block::Signature(sig) => out.push_str(&signature(sig)),
            Block::FrDoc(t) => out.push_str(&format!("<p class=\"frdoc\">{}</p>\n", text(t))),
        }
    }
    if in_header {
        out.push_str("</header>\n<div class=\"body\">\n");
    }
    out.push_str("</div>\n</article>\n</body>\n</html>\n");
    out
}

fn line_class(role: LineRole) -> &'static str {
    match role {
        LineRole::BillingCode => "billing-code",
        LineRole::Agency => "agency",
        LineRole::SubAgency => "subagency",
        LineRole::Cfr => "cfr",
        LineRole::Docket => "docket",
        LineRole::Rin => "rin",
        LineRole::Subject => "subject",
    }
}

fn signature(sig: &SignatureBlock) -> String {
    let mut out = String::from("<div class=\"signature\">\n");
    if let Some(d) = &sig.dated {
        out.push_str(&format!("<p class=\"dated\">{}</p>\n", text(d)));
    }
    let mut lines: Vec<String> = sig.before.iter().map(|b| text(b)).collect();
    lines.push(format!("<span class=\"signer\">{}</span>", text(&sig.name)));
    lines.extend(sig.title.iter().map(|t| text(t)));
    out.push_str(&format!("<p class=\"signer-block\">{}</p>\n", lines.join("<br>\n")));
    out.push_str("</div>\n");
    out
}

/// Escapes text for HTML content and attribute values.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// Link schemes that are safe to keep in an href.
pub(crate) fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
        _ => true,
    }
}

/// Renders Markdown prose to HTML. Raw HTML becomes text; unsafe links keep only their text;
/// images become their description. With `run_in`, the given (already escaped) HTML is placed at
/// the start of the first paragraph, or in a paragraph of its own when the text opens with a list.
pub fn markdown(md: &str, run_in: Option<&str>) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut skip_link_end = Vec::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Html(raw) | Event::InlineHtml(raw) => events.push(Event::Text(raw)),
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let unsafe_link = !safe_url(&dest_url);
                skip_link_end.push(unsafe_link);
                if !unsafe_link {
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
            }
            Event::End(TagEnd::Link) => {
                if !skip_link_end.pop().unwrap_or(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            other => events.push(other),
        }
    }
    if let Some(label) = run_in {
        let label_event = Event::Html(CowStr::from(format!("{label} ")));
        match events.first() {
            Some(Event::Start(Tag::Paragraph)) => events.insert(1, label_event),
            _ => {
                events.insert(0, Event::End(TagEnd::Paragraph));
                events.insert(0, Event::Html(CowStr::from(label.to_string())));
                events.insert(0, Event::Start(Tag::Paragraph));
            }
        }
    }
    let mut out = String::with_capacity(md.len() + md.len() / 4);
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_is_shown_as_text() {
        let out = markdown("Hello <script>alert(1)</script> and <b>bold</b>", None);
        assert!(!out.contains("<script>"), "{out}");
        assert!(out.contains("&lt;script&gt;"), "{out}");
        assert!(!out.contains("<b>"), "{out}");
    }

    #[test]
    fn html_blocks_are_text_too() {
        let out = markdown("<div onclick=\"x()\">\nhi\n</div>\n", None);
        assert!(!out.contains("<div"), "{out}");
    }

    #[test]
    fn javascript_links_lose_their_href() {
        let out = markdown("[click](javascript:alert(1)) [ok](https://www.regulations.gov)", None);
        assert!(!out.contains("javascript"), "{out}");
        assert!(out.contains("href=\"https://www.regulations.gov\""), "{out}");
    }

    #[test]
    fn run_in_label_goes_into_the_first_paragraph() {
        let out = markdown("Final rule.", Some("<strong>ACTION:</strong>"));
        assert_eq!(out, "<p><strong>ACTION:</strong> Final rule.</p>\n");
        let out = markdown("- a\n- b", Some("<strong>X:</strong>"));
        assert!(out.starts_with("<p><strong>X:</strong></p>\n<ul>"), "{out}");
    }
}
