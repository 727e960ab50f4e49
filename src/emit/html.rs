//! The HTML backend: one standalone, well-formed HTML5 page with embedded CSS that reads like a
//! Federal Register document on screen and prints cleanly.
//!
//! Everything the source supplies is escaped: prose is Markdown, rendered by pulldown-cmark with
//! raw HTML turned into text and script-capable link schemes dropped.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::PageOptions;
use super::typography::typographic;
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

    fn render_with(&self, document: &FrDocument, options: &PageOptions) -> Vec<u8> {
        render_page(document, options).into_bytes()
    }
}

/// Renders a document as a standalone HTML page (ends with one newline).
pub fn render(doc: &FrDocument) -> String {
    render_page(doc, &PageOptions::default())
}

/// Renders a document as a standalone HTML page with the given options (a review copy carries a
/// DRAFT mark).
pub fn render_page(doc: &FrDocument, options: &PageOptions) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let title = if options.draft { format!("DRAFT: {}", doc.title) } else { doc.title.clone() };
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!("<title>{}</title>\n", plain_text(&title)));
    out.push_str("<style>\n");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n");
    if options.draft {
        out.push_str("<main class=\"draft\">\n");
        out.push_str("<p class=\"draft-mark\">DRAFT \u{2014} for review, not for publication</p>\n");
    } else {
        out.push_str("<main>\n");
    }
    out.push_str(&format!("<article class=\"fr-document\" data-section=\"{}\">\n", text(doc.section)));
    out.push_str("<header class=\"heading-lines\">\n");
    let mut in_header = true;
    let mut outline = Outline::default();
    for block in &doc.blocks {
        if in_header && !matches!(block, Block::Line(..)) {
            out.push_str("</header>\n<div class=\"body\">\n");
            in_header = false;
        }
        push_block(&mut out, block, &mut outline);
    }
    if in_header {
        out.push_str("</header>\n<div class=\"body\">\n");
    }
    out.push_str("</div>\n</article>\n</main>\n</body>\n</html>\n");
    out
}

/// One block of the document tree as HTML.
fn push_block(out: &mut String, block: &Block, outline: &mut Outline) {
    match block {
        Block::Line(LineRole::Subject, t) => out.push_str(&format!("<h1 class=\"subject\">{}</h1>\n", plain_text(t))),
        Block::Line(role, t) => out.push_str(&format!("<p class=\"{}\">{}</p>\n", line_class(*role), plain_text(t))),
        Block::Caption { label, body } => {
            // A caption runs in before its text, bold at body size, as the Federal Register sets it.
            let class = if label.chars().any(char::is_lowercase) { "run-in" } else { "caption" };
            out.push_str(&format!("<div class=\"{class}\">\n"));
            let label = format!("<strong class=\"caption-label\">{}:</strong>", plain_text(label));
            if body.trim().is_empty() {
                out.push_str(&format!("<p>{label}</p>\n"));
            } else {
                out.push_str(&markdown_in(body, Some(&label), outline));
            }
            out.push_str("</div>\n");
        }
        Block::SectionCaption(t) => {
            out.push_str(&format!("<p class=\"system-caption\"><strong>{}</strong></p>\n", plain_text(t)));
        }
        Block::Heading(level, t) => {
            let level = outline.level(*level);
            out.push_str(&format!("<h{level}>{}</h{level}>\n", plain_text(t)));
        }
        Block::Markdown(md) => out.push_str(&markdown_in(md, None, outline)),
        Block::Designated(items) => {
            items.iter().for_each(|item| out.push_str(&markdown_in(&item.markdown(), None, outline)));
        }
        Block::Instruction(n, md) => {
            out.push_str("<div class=\"amendment\">\n");
            let number = format!("<span class=\"instruction-number\">{n}.</span>");
            out.push_str(&markdown_in(md, Some(&number), outline));
            out.push_str("</div>\n");
        }
        Block::Stars => out.push_str("<p class=\"stars\">* * * * *</p>\n"),
        Block::Signature(sig) => out.push_str(&signature(sig)),
        Block::FrDoc(t) => out.push_str(&format!("<p class=\"frdoc\">{}</p>\n", plain_text(t))),
    }
}

/// The page's heading levels. The document tree's levels say which heading is under which; the
/// page numbers them from `h2` under the subject's `h1` without skipping a level, as assistive
/// technology expects (a rule's first heading may be a tree level 3 or 4).
#[derive(Default)]
struct Outline {
    open: Vec<u8>,
}

impl Outline {
    /// The HTML level of a heading at tree level `tree_level`: one below the nearest open
    /// heading of a higher tree level, at most `h6`.
    fn level(&mut self, tree_level: u8) -> usize {
        while self.open.last().is_some_and(|&open| open >= tree_level) {
            self.open.pop();
        }
        self.open.push(tree_level);
        (self.open.len() + 1).min(6)
    }
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
        out.push_str(&format!("<p class=\"dated\">{}</p>\n", plain_text(d)));
    }
    let mut lines: Vec<String> = sig.before.iter().map(|b| plain_text(b)).collect();
    lines.push(format!("<span class=\"signer\">{}</span>", plain_text(&sig.name)));
    lines.extend(sig.title.iter().map(|t| plain_text(t)));
    out.push_str(&format!("<p class=\"signer-block\">{}</p>\n", lines.join("<br>\n")));
    out.push_str("</div>\n");
    out
}

/// Plain text as the page prints it: typographic quotes and dashes, then escaped.
fn plain_text(s: &str) -> String {
    text(&typographic(s))
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
/// images become their description; quotes and dashes become typographic (code spans and link
/// targets keep their characters). A bulleted list whose items carry their own designations
/// ("1)", "(a)") prints without bullets, so that each item has one marker. With `run_in`, the
/// given (already escaped) HTML is placed at the start of the first paragraph, or in a paragraph
/// of its own when the text opens with a list.
pub fn markdown(md: &str, run_in: Option<&str>) -> String {
    markdown_in(md, run_in, &mut Outline::default())
}

/// [`markdown`], with the prose's own headings (`### Background`) numbered in the page's outline.
fn markdown_in(md: &str, run_in: Option<&str>, outline: &mut Outline) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_SMART_PUNCTUATION;
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut skip_link_end = Vec::new();
    let mut heading_levels = Vec::new();
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let level = heading_level(outline.level(level as u8));
                heading_levels.push(level);
                events.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::End(TagEnd::Heading(level)) => {
                events.push(Event::End(TagEnd::Heading(heading_levels.pop().unwrap_or(level))));
            }
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
    mark_designated_lists(&mut events);
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

fn heading_level(level: usize) -> HeadingLevel {
    match level {
        0..=1 => HeadingLevel::H1,
        2 => HeadingLevel::H2,
        3 => HeadingLevel::H3,
        4 => HeadingLevel::H4,
        5 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

/// Replaces the tags of each bulleted list whose every item opens with a designation by
/// `<ul class="designated">`, which the style sheet prints without bullets. One pass: an item's
/// opening is read from the few events after its start.
fn mark_designated_lists(events: &mut [Event<'_>]) {
    // Per open list: where it starts, whether it is bulleted, and whether every item so far opens
    // with a designation.
    let mut open: Vec<(usize, bool, bool)> = Vec::new();
    let mut marked = Vec::new();
    for i in 0..events.len() {
        match &events[i] {
            Event::Start(Tag::List(first)) => open.push((i, first.is_none(), true)),
            Event::Start(Tag::Item) => {
                let designated = is_designation(&item_opening(&events[i + 1..]));
                if let Some(list) = open.last_mut() {
                    list.2 &= designated;
                }
            }
            Event::End(TagEnd::List(_)) => {
                if let Some((start, true, true)) = open.pop() {
                    marked.push((start, i));
                }
            }
            _ => {}
        }
    }
    for (start, end) in marked {
        events[start] = Event::Html(CowStr::from("<ul class=\"designated\">\n"));
        events[end] = Event::Html(CowStr::from("</ul>\n"));
    }
}

/// The first characters of an item's text (a paragraph start skipped; an escaped `1\)` arrives
/// as several text events).
fn item_opening(events: &[Event<'_>]) -> String {
    let mut opening = String::new();
    for event in events.iter().take(6) {
        match event {
            Event::Start(Tag::Paragraph) => {}
            Event::Text(t) => {
                opening.push_str(t);
                if opening.len() >= 8 {
                    break;
                }
            }
            _ => break,
        }
    }
    opening
}

/// Whether text opens with a paragraph designation and a space: "1)", "(1)", "1.", "(a)", "a)",
/// "A.", "(iv)", or a bullet character.
fn is_designation(text: &str) -> bool {
    let Some((designation, _)) = text.split_once(' ') else { return false };
    if designation == "\u{2022}" || designation == "\u{25cf}" {
        return true;
    }
    let inner = designation.strip_prefix('(').and_then(|d| d.strip_suffix(')'));
    let inner = inner.or_else(|| designation.strip_suffix(')')).or_else(|| designation.strip_suffix('.'));
    let Some(inner) = inner else { return false };
    let numeric = !inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit());
    let letter = inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_alphabetic());
    let roman = !inner.is_empty() && inner.len() <= 5 && inner.bytes().all(|b| b"ivxlc".contains(&b));
    numeric || letter || roman
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
    fn a_bulleted_list_of_designated_items_keeps_one_marker() {
        let out = markdown("- 1\\) Biographic data;\n- 2\\) Travel data.\n", None);
        assert!(out.starts_with("<ul class=\"designated\">\n<li>1) Biographic"), "{out}");
        assert!(out.trim_end().ends_with("</ul>"), "{out}");
        let plain = markdown("- Explain why;\n- (a) and then\n", None);
        assert!(plain.starts_with("<ul>\n"), "not every item is designated: {plain}");
        let nested = markdown("- (a) one\n  - plain\n- (b) two\n", None);
        assert!(nested.starts_with("<ul class=\"designated\">") && nested.contains("<ul>\n<li>plain"), "{nested}");
        for designation in ["1)", "(12)", "3.", "(a)", "b)", "C.", "(iv)", "\u{2022}"] {
            assert!(is_designation(&format!("{designation} text")), "{designation}");
        }
        for opening in ["Federal e-Rulemaking Portal:", "DHS.", "(2016) text", "1)text"] {
            assert!(!is_designation(opening), "{opening}");
        }
    }

    #[test]
    fn prose_gets_typographic_quotes_and_dashes_but_code_and_links_do_not() {
        let out = markdown("The \"system of records\" -- DHS's `a \"b\"` [x](https://a.gov/?q=\"1\")", None);
        assert!(out.contains("\u{201c}system of records\u{201d} \u{2013} DHS\u{2019}s"), "{out}");
        assert!(out.contains("<code>a \"b\"</code>"), "{out}");
        assert!(out.contains("href=\"https://a.gov/?q=%221%22\""), "{out}");
    }

    #[test]
    fn heading_levels_descend_without_gaps() {
        let mut outline = Outline::default();
        let levels: Vec<usize> = [3, 3, 4, 2, 4, 4, 3].into_iter().map(|l| outline.level(l)).collect();
        assert_eq!(levels, [2, 2, 3, 2, 3, 3, 3]);
    }

    #[test]
    fn run_in_label_goes_into_the_first_paragraph() {
        let out = markdown("Final rule.", Some("<strong>ACTION:</strong>"));
        assert_eq!(out, "<p><strong>ACTION:</strong> Final rule.</p>\n");
        let out = markdown("- a\n- b", Some("<strong>X:</strong>"));
        assert!(out.starts_with("<p><strong>X:</strong></p>\n<ul>"), "{out}");
    }
}
