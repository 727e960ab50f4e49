//! Federal Register XML (the GPO/FR.gov bulk rendition) into units: a single NOTICE, RULE or
//! PRORULE, or every document of a daily issue (FEDREG).
//!
//! Heading elements (AGENCY, SUBAGY, SUBJECT, ...) become identifying lines; HD become headings
//! (captions are recognized from their text, as in any other input); P and FP paragraphs, with
//! `E T="03"` kept as italics, PRTPAGE page markers dropped without splitting words, and "•"
//! bullets as list items; SIG a signature; GPOTABLE a Markdown table. Unknown elements keep their
//! text: nothing is dropped.

use roxmltree::{Document, Node, ParsingOptions};

use super::rich::{MarkKind, Rich};
use super::signature::{self, Sig};
use super::unit::{LineRole, Marker, Unit, UnitKind};
use super::{ImportError, RawDoc};

const DOCUMENTS: &[&str] = &["NOTICE", "RULE", "PRORULE"];

/// Reads the Federal Register documents in an XML input, with notes about anything skipped.
///
/// # Errors
///
/// Broken XML (with its position), or XML that is not Federal Register XML.
pub fn read(name: &str, text: &str) -> Result<(Vec<RawDoc>, Vec<String>), Box<ImportError>> {
    // Federal Register XML declares no DTD, and a DTD's entities are how a small file expands to
    // gigabytes: refuse it. The node limit bounds the tree of the largest issue.
    let options = ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..ParsingOptions::default() };
    let doc = Document::parse_with_options(text, options).map_err(|e| {
        if let Some(refused) = refused(name, text, &e) {
            return refused;
        }
        let pos = e.pos();
        let offset = offset_of(text, pos.row, pos.col);
        ImportError::at(
            format!("{name} is not well-formed XML: {e}"),
            Some("Federal Register XML must be well-formed; check the file was downloaded whole"),
            name,
            text,
            offset,
        )
    })?;
    let root = doc.root_element();
    let issue_date = root
        .children()
        .find(|n| n.has_tag_name("DATE"))
        .and_then(|n| signature::long_dates(&all_text(n)).first().map(|(_, d)| *d));
    let elements: Vec<Node> = if DOCUMENTS.contains(&root.tag_name().name()) {
        vec![root]
    } else {
        root.descendants().filter(|n| n.is_element() && DOCUMENTS.contains(&n.tag_name().name())).collect()
    };
    if elements.is_empty() {
        return Err(ImportError::at(
            format!(
                "{name} is XML but not Federal Register XML: it has no NOTICE, RULE or PRORULE document (root element <{}>)",
                root.tag_name().name()
            ),
            Some(
                "sorn import reads FR XML documents and daily issues (FEDREG) as published on govinfo and FederalRegister.gov",
            ),
            name,
            text,
            root.range().start,
        ));
    }
    let lines = LineIndex::new(text);
    let mut docs = Vec::new();
    for element in elements {
        let mut units = Vec::new();
        walk(&lines, element, &mut units, 0);
        docs.push(RawDoc {
            units,
            element: Some(element.tag_name().name().to_string()),
            issue_date,
            has_priact: element.descendants().any(|n| n.has_tag_name("PRIACT")),
        });
    }
    Ok((docs, Vec::new()))
}

/// XML nodes (elements, text, attributes' owners) accepted in one input: a daily issue of the
/// Federal Register has a few hundred thousand.
pub const MAX_NODES: u32 = 8_000_000;

/// The error for an input refused by a limit rather than broken.
fn refused(name: &str, text: &str, e: &roxmltree::Error) -> Option<Box<ImportError>> {
    let (message, help) = match e {
        roxmltree::Error::DtdDetected => (
            format!(
                "{name} declares a DTD (<!DOCTYPE ...>); sorn does not read DTDs or expand the entities they declare"
            ),
            "Federal Register XML has no DTD: remove the <!DOCTYPE> declaration, or download the document again from govinfo",
        ),
        roxmltree::Error::NodesLimitReached => (
            format!("{name} has more than {MAX_NODES} XML nodes, more than any Federal Register issue"),
            "import the documents one at a time (each has its own XML on govinfo and FederalRegister.gov)",
        ),
        _ => return None,
    };
    let at = text.find("<!DOCTYPE").unwrap_or(0);
    Some(ImportError::at(message, Some(help), name, text, at))
}

fn offset_of(text: &str, row: u32, col: u32) -> usize {
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i + 1 == row as usize {
            return offset + line.char_indices().nth(col.saturating_sub(1) as usize).map_or(line.len(), |(j, _)| j);
        }
        offset += line.len();
    }
    text.len()
}

/// Where each line of the input starts: a node's line by binary search, as `text_pos_at` finds it
/// by scanning the text from its start (quadratic over a daily issue's thousands of nodes).
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex(std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect())
    }

    fn line_of(&self, offset: usize) -> u32 {
        u32::try_from(self.0.partition_point(|&start| start <= offset)).unwrap_or(u32::MAX)
    }
}

fn line(lines: &LineIndex, node: Node) -> u32 {
    lines.line_of(node.range().start)
}

fn all_text(node: Node) -> String {
    node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect::<Vec<_>>().join("")
}

fn push(units: &mut Vec<Unit>, kind: UnitKind, rich: Rich, line: u32) {
    if !rich.is_empty() || matches!(kind, UnitKind::Verbatim(_) | UnitKind::Signature(_)) {
        units.push(Unit::new(kind, rich, line));
    }
}

/// Nesting deeper than this is read as text: FR XML nests a handful of levels.
const MAX_DEPTH: usize = 64;

fn walk(lines: &LineIndex, node: Node, units: &mut Vec<Unit>, depth: usize) {
    for child in node.children().filter(Node::is_element) {
        let tag = child.tag_name().name();
        let at = line(lines, child);
        match tag {
            "PRTPAGE" | "FTREF" | "CNTNTS" | "UNITNAME" | "VOL" | "NO" | "DATE" | "EAR" | "FRDOCBP" => {}
            "AGENCY" if node.has_tag_name("PREAMB") => push(units, UnitKind::Line(LineRole::Agency), inline(child), at),
            "SUBAGY" => push(units, UnitKind::Line(LineRole::SubAgency), inline(child), at),
            "RIN" => push(units, UnitKind::Line(LineRole::Rin), inline(child), at),
            "SUBJECT" if node.has_tag_name("PREAMB") => {
                push(units, UnitKind::Line(LineRole::Subject), inline(child), at)
            }
            "SUBJECT" | "SECTNO" | "PTITLE" => push(units, UnitKind::Heading(4), inline(child), at),
            "CFR" | "DEPDOC" | "FRDOC" | "BILCOD" | "AMDPAR" | "FP" | "P" | "PSPACE" | "TITLE3" => {
                paragraph(child, units, at);
            }
            "HD" => {
                let level = match child.attribute("SOURCE") {
                    Some("HED") => 2,
                    Some("HD1") => 3,
                    Some("HD2") => 4,
                    Some("HD3") => 5,
                    _ => 6,
                };
                push(units, UnitKind::Heading(level), inline(child), at);
            }
            "STARS" => push(units, UnitKind::Para, Rich::plain("* * * * *"), at),
            "SIG" => {
                // The text stays on the unit, so a signature that is not taken as one is kept.
                let s = sig(child);
                let mut lines: Vec<String> = s.before.clone();
                lines.push(format!("{},", s.name));
                lines.extend(s.title.iter().cloned());
                push(units, UnitKind::Signature(s), Rich::plain(lines.join("\n")), at);
            }
            "GPOTABLE" => {
                let (md, plain) = table(child);
                push(units, UnitKind::Verbatim(md), Rich::plain(plain), at);
            }
            "GPH" => {
                let id = all_text(child);
                push(units, UnitKind::Para, Rich::plain(format!("[Graphic {}]", id.trim())), at);
            }
            _ => {
                let has_blocks = child
                    .children()
                    .any(|c| c.is_element() && !matches!(c.tag_name().name(), "E" | "SU" | "PRTPAGE" | "FTREF"));
                if has_blocks && depth < MAX_DEPTH {
                    walk(lines, child, units, depth + 1);
                } else {
                    paragraph(child, units, at);
                }
            }
        }
    }
}

fn paragraph(node: Node, units: &mut Vec<Unit>, at: u32) {
    let rich = inline(node);
    let text = rich.text.as_str();
    if let Some(rest) = text.strip_prefix('\u{2022}') {
        let skip = text.len() - rest.trim_start().len();
        push(units, UnitKind::Item(Marker::Bullet), rich.from(skip), at);
    } else {
        push(units, UnitKind::Para, rich, at);
    }
}

/// The inline text of an element: text, `E` emphasis (T="03" italics), page markers dropped.
pub fn inline(node: Node) -> Rich {
    let mut rich = Rich::default();
    collect(node, &mut rich);
    tidy_xml_space(&rich)
}

/// Collects text and italics in document order, without recursion (nesting can be deep).
fn collect(node: Node, rich: &mut Rich) {
    let mut open: Vec<(std::ops::Range<usize>, usize)> = Vec::new();
    let mut skip_until = 0;
    for n in node.descendants().skip(1) {
        let range = n.range();
        while open.last().is_some_and(|(r, _)| r.end <= range.start) {
            if let Some((_, start)) = open.pop() {
                let end = rich.text.len();
                rich.add_mark(start..end, MarkKind::Emphasis);
            }
        }
        if range.start < skip_until {
            continue;
        }
        if n.is_text() {
            rich.push_str(n.text().unwrap_or(""));
        } else if n.is_element() {
            match n.tag_name().name() {
                "PRTPAGE" | "FTREF" => skip_until = range.end,
                "SU" if let Some(sign) = mark_sign(n) => {
                    rich.push_str(sign);
                    skip_until = range.end;
                }
                "E" if n.attribute("T") == Some("03") => open.push((range, rich.text.len())),
                _ => {}
            }
        }
    }
    while let Some((_, start)) = open.pop() {
        let end = rich.text.len();
        rich.add_mark(start..end, MarkKind::Emphasis);
    }
}

/// The sign a superscript stands for when it is a trademark or service mark ("Postal
/// Service<SU>TM</SU>" prints "Postal Service™"); other superscripts (footnote numbers) are text.
fn mark_sign(node: Node) -> Option<&'static str> {
    match node.text()?.trim() {
        "TM" => Some("\u{2122}"),
        "SM" => Some("\u{2120}"),
        _ => None,
    }
}

/// XML layout puts line breaks around inline elements; "(\n<E>e.g.,</E>\n" is "(e.g.,".
fn tidy_xml_space(rich: &Rich) -> Rich {
    let mut r = rich.clone();
    r.tidy_marks();
    let tidy = r.rebuild(|text| {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut out = String::with_capacity(text.len());
        let mut map = vec![0; text.len() + 1];
        let mut k = 0;
        while k < chars.len() {
            let (i, c) = chars[k];
            if c.is_whitespace() {
                let mut j = k;
                let mut newline = false;
                while j < chars.len() && chars[j].1.is_whitespace() {
                    newline |= chars[j].1 == '\n';
                    j += 1;
                }
                let prev = out.chars().next_back();
                let next = chars.get(j).map(|(_, c)| *c);
                let drop = prev.is_none()
                    || next.is_none()
                    || (newline
                        && (matches!(prev, Some('(' | '[' | '\u{201c}'))
                            || matches!(next, Some(')' | ']' | ',' | '.' | ';' | ':' | '\u{201d}'))));
                let start_len = out.len();
                for (pos, ch) in &chars[k..j] {
                    for b in 0..ch.len_utf8() {
                        map[pos + b] = start_len;
                    }
                }
                if !drop {
                    out.push(' ');
                }
                k = j;
                continue;
            }
            for b in 0..c.len_utf8() {
                map[i + b] = out.len();
            }
            out.push(c);
            k += 1;
        }
        map[text.len()] = out.len();
        (out, map)
    });
    tidy.trim()
}

fn sig(node: Node) -> Sig {
    let mut sig = Sig::default();
    for child in node.children().filter(Node::is_element) {
        let text = inline(child).text;
        match child.tag_name().name() {
            "DATED" => sig.dated = signature::parse_dated(&text),
            "NAME" => sig.name = text.trim().trim_end_matches(',').to_string(),
            "TITLE" => sig.title.push(text.trim().trim_end_matches([',', '.']).to_string()),
            _ if sig.name.is_empty() => sig.before.push(text.trim().to_string()),
            _ => sig.title.push(text.trim().trim_end_matches([',', '.']).to_string()),
        }
    }
    sig
}

/// A GPOTABLE as a Markdown table, and its plain text.
fn table(node: Node) -> (String, String) {
    let cell = |n: Node| inline(n).text.replace('|', "\\|").replace('\n', " ");
    let mut rows: Vec<Vec<String>> = Vec::new();
    let header: Vec<String> = node.descendants().filter(|n| n.has_tag_name("CHED")).map(cell).collect();
    for row in node.descendants().filter(|n| n.has_tag_name("ROW")) {
        rows.push(row.children().filter(|n| n.has_tag_name("ENT")).map(cell).collect());
    }
    let width = rows.iter().map(Vec::len).chain(std::iter::once(header.len())).max().unwrap_or(1).max(1);
    let pad = |mut v: Vec<String>| {
        v.resize(width, String::new());
        format!("| {} |", v.join(" | "))
    };
    let mut md = Vec::new();
    if let Some(title) = node.descendants().find(|n| n.has_tag_name("TTITLE")) {
        md.push(format!("**{}**\n", inline(title).text));
    }
    md.push(pad(header.clone()));
    md.push(format!("|{}", " --- |".repeat(width)));
    let mut plain = header.join(" ");
    for r in rows {
        plain.push(' ');
        plain.push_str(&r.join(" "));
        md.push(pad(r));
    }
    for note in node.descendants().filter(|n| n.has_tag_name("TNOTE")) {
        md.push(format!("\n{}", inline(note).text));
    }
    (md.join("\n"), plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_text_and_page_markers() {
        let doc =
            Document::parse("<P>records (\n<E T=\"03\">e.g.,</E>\ncomments) to\n<PRTPAGE P=\"53730\"/>\nestablish</P>")
                .unwrap();
        let rich = inline(doc.root_element());
        assert_eq!(rich.text, "records (e.g., comments) to establish");
        assert_eq!(rich.to_markdown(super::super::rich::Escape::Minimal), "records (*e.g.,* comments) to establish");
    }

    #[test]
    fn trademark_superscripts_are_signs_and_footnote_numbers_stay() {
        let doc = Document::parse("<P>Postal Service<SU>TM</SU>, Marks<SU>SM</SU> and note<SU>1</SU></P>").unwrap();
        assert_eq!(inline(doc.root_element()).text, "Postal Service\u{2122}, Marks\u{2120} and note1");
    }

    #[test]
    fn broken_xml_has_a_position() {
        let e = read("x.xml", "<NOTICE>\n<P>text</NOTICE>").unwrap_err();
        assert!(e.message.contains("not well-formed"), "{}", e.message);
        assert!(e.span.is_some());
    }

    #[test]
    fn tables_become_markdown() {
        let doc = Document::parse(
            "<GPOTABLE><BOXHD><CHED>A</CHED><CHED>B</CHED></BOXHD><ROW><ENT>1</ENT><ENT>2</ENT></ROW></GPOTABLE>",
        )
        .unwrap();
        let (md, plain) = table(doc.root_element());
        assert_eq!(md, "| A | B |\n| --- | --- |\n| 1 | 2 |");
        assert_eq!(plain, "A B 1 2");
    }
}
