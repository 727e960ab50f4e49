//! Reading Markdown manuscripts and plain Federal Register text into units.
//!
//! Markdown goes through pulldown-cmark's events (so emphasis, links and lists are read the way
//! every renderer reads them); plain text (the Federal Register's text edition, or a manuscript
//! saved as text) is split into paragraphs by blank lines and indentation. Both then have the
//! page breaks of the manuscript mended: a paragraph that stops mid-sentence is joined to the one
//! that continues it.

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

use super::rich::{MarkKind, Rich};
use super::unit::{Marker, Unit, UnitKind};

/// The parser options sorn's HTML backend uses, so a source reads back the way it renders.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Byte offsets of line starts, for line numbers.
pub struct Lines(Vec<usize>);

impl Lines {
    /// Indexes the lines of a text.
    pub fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        let idx = self.0.partition_point(|&s| s <= offset);
        u32::try_from(idx.max(1)).unwrap_or(u32::MAX)
    }
}

struct Building {
    kind: UnitKind,
    rich: Rich,
    line: u32,
    depth: u16,
    open: Vec<(usize, MarkKind)>,
}

struct ListState {
    next: Option<u64>,
}

/// Reads Markdown into units.
pub fn read_markdown(src: &str) -> Vec<Unit> {
    read_markdown_at(src, 0)
}

fn read_markdown_at(src: &str, first_line: u32) -> Vec<Unit> {
    let lines = Lines::new(src);
    let mut units: Vec<Unit> = Vec::new();
    let mut lists: Vec<ListState> = Vec::new();
    let mut pending_item: Option<(Marker, u32)> = None;
    let mut cur: Option<Building> = None;
    let mut skip_until_table_end = false;
    let mut code: Option<(bool, String, u32)> = None;
    let line_of = |off: usize| lines.line(off) + first_line;

    let finish = |cur: &mut Option<Building>, units: &mut Vec<Unit>| {
        if let Some(b) = cur.take() {
            let mut rich = b.rich;
            rich.tidy_marks();
            let rich = rich.collapse_spaces();
            units.push(Unit { kind: b.kind, rich, line: b.line, depth: b.depth });
        }
    };

    for (event, range) in Parser::new_ext(src, options()).into_offset_iter() {
        if skip_until_table_end {
            if matches!(event, Event::End(TagEnd::Table)) {
                skip_until_table_end = false;
            }
            continue;
        }
        if let Some((_, text, _)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (indented, text, line) = code.take().unwrap_or_default();
                    if indented {
                        // An indented manuscript paragraph, not code: read it as plain text.
                        units.extend(read_plain_at(&text, line.saturating_sub(1)));
                    } else {
                        let fenced = format!("```\n{}```", text);
                        units.push(Unit::new(UnitKind::Verbatim(fenced), Rich::plain(text.trim()), line));
                    }
                }
                _ => {}
            }
            continue;
        }
        let depth = u16::try_from(lists.len()).unwrap_or(u16::MAX);
        match event {
            Event::Start(Tag::Paragraph) => {
                finish(&mut cur, &mut units);
                let (kind, d) = match pending_item.take() {
                    Some((m, _)) => (UnitKind::Item(m), depth.saturating_sub(1)),
                    None => (UnitKind::Para, depth),
                };
                cur =
                    Some(Building { kind, rich: Rich::default(), line: line_of(range.start), depth: d, open: vec![] });
            }
            Event::Start(Tag::Heading { level, .. }) => {
                finish(&mut cur, &mut units);
                cur = Some(Building {
                    kind: UnitKind::Heading(level as u8),
                    rich: Rich::default(),
                    line: line_of(range.start),
                    depth: 0,
                    open: vec![],
                });
            }
            Event::Start(Tag::List(start)) => {
                if let Some((m, line)) = pending_item.take() {
                    units.push(Unit {
                        kind: UnitKind::Item(m),
                        rich: Rich::default(),
                        line,
                        depth: depth.saturating_sub(1),
                    });
                }
                finish(&mut cur, &mut units);
                lists.push(ListState { next: start });
            }
            Event::End(TagEnd::List(_)) => {
                finish(&mut cur, &mut units);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                finish(&mut cur, &mut units);
                let marker = match lists.last_mut().and_then(|l| l.next.as_mut()) {
                    Some(n) => {
                        let number = *n;
                        *n += 1;
                        let raw = src.get(range.clone()).unwrap_or("");
                        let delim = raw.trim_start().trim_start_matches(|c: char| c.is_ascii_digit()).chars().next();
                        Marker::Ordered(number, if delim == Some(')') { ')' } else { '.' })
                    }
                    None => Marker::Bullet,
                };
                pending_item = Some((marker, line_of(range.start)));
            }
            Event::End(TagEnd::Item) => {
                if let Some((m, line)) = pending_item.take() {
                    units.push(Unit {
                        kind: UnitKind::Item(m),
                        rich: Rich::default(),
                        line,
                        depth: depth.saturating_sub(1),
                    });
                }
                finish(&mut cur, &mut units);
            }
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => finish(&mut cur, &mut units),
            Event::Start(Tag::Table(_)) => {
                finish(&mut cur, &mut units);
                let raw = src.get(range.clone()).unwrap_or("").trim_end().to_string();
                let plain = raw.replace('|', " ");
                units.push(Unit::new(
                    UnitKind::Verbatim(raw),
                    Rich::plain(plain).collapse_spaces(),
                    line_of(range.start),
                ));
                skip_until_table_end = true;
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                finish(&mut cur, &mut units);
                code = Some((matches!(kind, CodeBlockKind::Indented), String::new(), line_of(range.start)));
            }
            Event::Rule => {
                finish(&mut cur, &mut units);
                units.push(Unit::new(UnitKind::Para, Rich::plain("* * * * *"), line_of(range.start)));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                let text = strip_tags(&html);
                if html.trim_start().to_ascii_lowercase().starts_with("<br") {
                    if let Some(b) = &mut cur {
                        b.rich.push_str("\n");
                    }
                } else if !text.trim().is_empty() {
                    let b = cur.get_or_insert_with(|| Building {
                        kind: UnitKind::Para,
                        rich: Rich::default(),
                        line: line_of(range.start),
                        depth,
                        open: vec![],
                    });
                    b.rich.push_str(&text);
                }
            }
            Event::Text(t) => {
                let b = ensure(&mut cur, &mut pending_item, depth, line_of(range.start));
                b.rich.push_str(&t);
            }
            Event::Code(t) => {
                let b = ensure(&mut cur, &mut pending_item, depth, line_of(range.start));
                let start = b.rich.text.len();
                b.rich.push_str(&t);
                let end = b.rich.text.len();
                b.rich.add_mark(start..end, MarkKind::Code);
            }
            Event::SoftBreak => {
                if let Some(b) = &mut cur {
                    b.rich.push_str(" ");
                }
            }
            Event::HardBreak => {
                if let Some(b) = &mut cur {
                    b.rich.push_str("\n");
                }
            }
            Event::Start(tag @ (Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })) => {
                let b = ensure(&mut cur, &mut pending_item, depth, line_of(range.start));
                let strike = matches!(tag, Tag::Strikethrough);
                let kind = match tag {
                    Tag::Emphasis => MarkKind::Emphasis,
                    Tag::Strong => MarkKind::Strong,
                    Tag::Link { link_type: LinkType::Autolink | LinkType::Email, .. } => MarkKind::AutoLink,
                    Tag::Link { dest_url, .. } => MarkKind::Link(dest_url.to_string()),
                    _ => MarkKind::Emphasis,
                };
                if !strike {
                    b.open.push((b.rich.text.len(), kind));
                }
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link) => {
                if let Some(b) = &mut cur
                    && let Some((start, kind)) = b.open.pop()
                {
                    let end = b.rich.text.len();
                    b.rich.add_mark(start..end, kind);
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            _ => {}
        }
    }
    finish(&mut cur, &mut units);
    merge_marker_items(units)
}

fn ensure<'a>(
    cur: &'a mut Option<Building>,
    pending: &mut Option<(Marker, u32)>,
    depth: u16,
    line: u32,
) -> &'a mut Building {
    cur.get_or_insert_with(|| match pending.take() {
        Some((m, l)) => Building {
            kind: UnitKind::Item(m),
            rich: Rich::default(),
            line: l,
            depth: depth.saturating_sub(1),
            open: vec![],
        },
        None => Building { kind: UnitKind::Para, rich: Rich::default(), line, depth, open: vec![] },
    })
}

/// "- 1) Biographic ..." is a bullet whose text starts "1)": CommonMark reads it as a list inside
/// the bullet, the manuscript means one item. Puts the inner marker back into the text.
fn merge_marker_items(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for unit in units {
        if let (Some(prev), UnitKind::Item(inner)) = (out.last_mut(), &unit.kind)
            && matches!(prev.kind, UnitKind::Item(_))
            && prev.rich.is_empty()
            && unit.depth == prev.depth + 1
        {
            let mut rich = Rich::plain(inner.markdown());
            rich.append(&unit.rich, " ");
            prev.rich = rich;
            continue;
        }
        out.push(unit);
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
}

/// Whether a line is boilerplate of the Federal Register's text edition (page markers, running
/// heads, rules), which is layout, not text.
fn boilerplate(line: &str) -> bool {
    let t = line.trim();
    (t.starts_with("[[Page ") && t.ends_with("]]"))
        || t.starts_with("[Federal Register Volume")
        || t.starts_with("[Federal Register:")
        || t.starts_with("From the Federal Register Online")
        || (t.starts_with("[FR Doc No:") && t.ends_with(']'))
        || (t.starts_with("[DOCID:") && t.ends_with(']'))
        || (t.starts_with("[Pages ") && t.ends_with(']'))
        || (t.starts_with("[Page ") && t.ends_with(']'))
        || matches!(t, "[Notices]" | "[Rules and Regulations]" | "[Proposed Rules]")
        || (t.len() >= 10 && t.chars().all(|c| c == '-' || c == '_' || c == '='))
        || (t.starts_with("Federal Register / Vol.") && t.matches(" / ").count() >= 3)
}

/// Reads plain text into units: blank lines and indented first lines start paragraphs.
pub fn read_plain(src: &str) -> Vec<Unit> {
    read_plain_at(src, 0)
}

fn read_plain_at(src: &str, first_line: u32) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut para: Option<(String, u32)> = None;
    let mut hard = false;
    let flush = |para: &mut Option<(String, u32)>, units: &mut Vec<Unit>| {
        if let Some((text, line)) = para.take() {
            let text = typographic_quotes(&text);
            let rich = Rich::plain(text).collapse_spaces();
            if !rich.is_empty() {
                units.push(Unit::new(UnitKind::Para, rich, line));
            }
        }
    };
    for (i, raw) in src.lines().enumerate() {
        let line_no = first_line + u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = raw.trim_end();
        if line.trim().is_empty() || boilerplate(line) {
            flush(&mut para, &mut units);
            hard = false;
            continue;
        }
        let indented = line.starts_with("  ") || line.starts_with('\t');
        let t = line.trim();
        // A caption on a line of its own ends with a colon; what follows is its text.
        if let Some((text, _)) = &para
            && !hard
            && text.ends_with(':')
            && caption_line(text)
        {
            flush(&mut para, &mut units);
        }
        let own_line = t.starts_with("[FR Doc") || t.starts_with("BILLING CODE") || t == "* * * * *";
        let dated = t.starts_with("Dated:") || t.starts_with("Signed");
        if own_line || dated || (indented && para.is_some()) || (hard && para.is_none()) {
            flush(&mut para, &mut units);
        }
        match &mut para {
            Some((text, _)) if hard => {
                text.push('\n');
                text.push_str(t);
                if t.ends_with('.') {
                    // The last title line of a signature ends with a period.
                    flush(&mut para, &mut units);
                    hard = false;
                    continue;
                }
            }
            Some((text, _)) => {
                if text.ends_with('-') && text[..text.len() - 1].ends_with(char::is_alphabetic) {
                    text.push_str(t);
                } else {
                    text.push(' ');
                    text.push_str(t);
                }
            }
            None => para = Some((t.to_string(), line_no)),
        }
        if own_line {
            flush(&mut para, &mut units);
            hard = false;
        }
        if dated {
            // The lines under "Dated:" are the signer's name and titles, one per line.
            flush(&mut para, &mut units);
            hard = true;
        }
    }
    flush(&mut para, &mut units);
    units
}

fn caption_line(text: &str) -> bool {
    let t = text.trim_end_matches(':');
    t.len() <= 200
        && (super::captions::system_caption(t).is_some()
            || super::captions::preamble_caption(t).is_some()
            || (t.len() >= 3 && !t.chars().any(char::is_lowercase)))
}

/// The text edition writes quotation marks as `` and ''.
fn typographic_quotes(text: &str) -> String {
    text.replace("``", "\u{201c}").replace("''", "\u{201d}")
}

/// Joins paragraphs that a page break split in mid-sentence: the first stops without closing
/// punctuation and the second continues it.
pub fn mend_page_breaks(units: Vec<Unit>) -> Vec<Unit> {
    let mut out: Vec<Unit> = Vec::with_capacity(units.len());
    for unit in units {
        if let Some(prev) = out.last_mut()
            && continues(prev, &unit)
        {
            let sep = if prev.rich.text.ends_with('-') && !prev.rich.text.ends_with(" -") { "" } else { " " };
            let mut rich = prev.rich.clone();
            rich.append(&unit.rich, sep);
            prev.rich = rich;
            continue;
        }
        out.push(unit);
    }
    out
}

fn continues(prev: &Unit, next: &Unit) -> bool {
    if !matches!(prev.kind, UnitKind::Para | UnitKind::Item(_)) || next.kind != UnitKind::Para {
        return false;
    }
    let p = prev.rich.text.trim_end();
    let n = next.rich.text.trim_start();
    let (Some(last), Some(first)) = (p.chars().next_back(), n.chars().next()) else {
        return false;
    };
    if prev.rich.all(&MarkKind::Strong) || next.rich.all(&MarkKind::Strong) || p.contains('\n') {
        return false;
    }
    if super::captions::looks_like_caption(n) || starts_with_marker(n) || cfr_heading(p) {
        return false;
    }
    if matches!(last, ',' | '-' | '\u{2013}' | '\u{2014}' | '(' | '/') {
        return true;
    }
    if first.is_lowercase() && (last.is_alphanumeric() || matches!(last, ';' | ')' | '"' | '\u{201d}')) {
        return true;
    }
    if matches!(last, ';') && n.starts_with('(') && n[1..].find(")(").is_some_and(|i| i < 4) {
        return true;
    }
    last.is_alphanumeric() && !last.is_uppercase() && p.split_whitespace().count() >= 8 && !p.ends_with(':')
}

/// Whether a paragraph is the heading of a CFR part, subpart or appendix ("Appendix C to Part
/// 5--DHS Systems of Records Exempt From the Privacy Act"), which stops without punctuation and
/// is never continued by the text after it.
fn cfr_heading(text: &str) -> bool {
    let t = text.trim();
    ["PART ", "Subpart ", "Appendix "].iter().any(|p| t.starts_with(p))
        && ["--", "\u{2014}", " - "].iter().any(|d| t.contains(d))
        && t.len() <= 200
}

/// Whether a paragraph starts with a list-like marker: "A. ", "(a) ", "1. ", "iv) ", or an
/// amendatory instruction's number after the bullet the GPO text edition prints as "0" ("0 2.
/// Amend § 16.96 ...").
pub fn starts_with_marker(text: &str) -> bool {
    let t = text.trim_start();
    let t = match t.strip_prefix('0') {
        Some(rest)
            if rest.starts_with(char::is_whitespace) && rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) =>
        {
            rest.trim_start()
        }
        _ => t,
    };
    let inner = t.strip_prefix('(').unwrap_or(t);
    let len = inner.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
    if len == 0 || len > 4 {
        return false;
    }
    let rest = &inner[len..];
    let closed =
        if t.starts_with('(') { rest.starts_with(") ") } else { rest.starts_with(". ") || rest.starts_with(") ") };
    let token = &inner[..len];
    closed && (token.chars().all(|c| c.is_ascii_digit()) || len <= 2 || token.chars().all(|c| "ivxlIVXL".contains(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_units_keep_markup_and_lines() {
        let units = read_markdown("**AGENCY:** Homeland *Security*.\n\n- 1) Bio\n- 2) Travel\n\n75. The system\n");
        assert_eq!(units.len(), 4);
        assert_eq!(units[0].text(), "AGENCY: Homeland Security.");
        assert_eq!(units[0].line, 1);
        assert_eq!(units[1].kind, UnitKind::Item(Marker::Bullet));
        assert_eq!(units[1].text(), "1) Bio");
        assert_eq!(units[3].kind, UnitKind::Item(Marker::Ordered(75, '.')));
        assert_eq!(units[3].reading(), "75. The system");
        assert_eq!(units[3].line, 6);
    }

    #[test]
    fn page_breaks_are_mended() {
        let units = read_markdown(
            "This SORN also allows DHS to collect information about exchange visitor\n\nprograms being investigated.\n\nNext paragraph.\n\n(c)(4); (d);\n\n(e)(1), and (f).",
        );
        let units = mend_page_breaks(units);
        assert_eq!(units.len(), 3, "{units:#?}");
        assert!(units[0].text().ends_with("exchange visitor programs being investigated."));
        assert_eq!(units[2].text(), "(c)(4); (d); (e)(1), and (f).");
        // A CFR heading stops without punctuation and is not continued by the text after it.
        let units = mend_page_breaks(read_plain(
            "Appendix C to Part 5--DHS Systems of Records Exempt From the Privacy\nAct\n\n    This Appendix implements provisions of the Act.\n[DOCID:fr21ap06-1]\n",
        ));
        let texts: Vec<&str> = units.iter().map(Unit::text).collect();
        assert_eq!(
            texts,
            [
                "Appendix C to Part 5--DHS Systems of Records Exempt From the Privacy Act",
                "This Appendix implements provisions of the Act."
            ]
        );
    }

    #[test]
    fn plain_text_paragraphs() {
        let src = "[[Page 52700]]\nAGENCY: Department of Homeland\nSecurity.\n    SUMMARY: In accordance with ``the\nAct.''\n    Dated: August 3, 2016.\nJonathan R. Cantor,\nActing Chief Privacy Officer.\n[FR Doc. 2016-18810 Filed 8-8-16; 8:45 am]\n";
        let units = read_plain(src);
        let texts: Vec<&str> = units.iter().map(Unit::text).collect();
        assert_eq!(
            texts,
            [
                "AGENCY: Department of Homeland Security.",
                "SUMMARY: In accordance with \u{201c}the Act.\u{201d}",
                "Dated: August 3, 2016.",
                "Jonathan R. Cantor,\nActing Chief Privacy Officer.",
                "[FR Doc. 2016-18810 Filed 8-8-16; 8:45 am]"
            ]
        );
    }
}
