//! Units back into sorn prose: Markdown paragraphs, lists and headings, with placeholders where
//! the text names the system or the docket, escaped just enough and checked by reading the result
//! back, so the source renders exactly the words it was imported from.

use super::names;
use super::rich::{Escape, Rich};
use super::text::read_markdown;
use super::unit::{Marker, Unit, UnitKind};

/// What prose is written with: the placeholder forms.
#[derive(Clone, Debug, Default)]
pub struct Writer {
    /// (text, placeholder), longest first.
    pub forms: Vec<(String, &'static str)>,
}

/// A failure to write prose that reads back the same: a bug in the importer.
#[derive(Clone, Debug)]
pub struct ProseError {
    /// The text that could not be written.
    pub text: String,
}

impl Writer {
    /// One paragraph of inline text, with placeholders.
    pub fn inline(&self, rich: &Rich) -> Result<String, ProseError> {
        let mut rich = rich.clone();
        names::apply(&mut rich, &self.forms);
        block(&rich, &UnitKind::Para)
    }

    /// Inline text without placeholders (for values that are not prose, such as a subject line).
    pub fn plain_inline(&self, rich: &Rich) -> Result<String, ProseError> {
        block(rich, &UnitKind::Para)
    }

    /// Several units as Markdown blocks.
    pub fn blocks(&self, units: &[Unit]) -> Result<String, ProseError> {
        let mut out = String::new();
        let mut widths: Vec<usize> = Vec::new();
        let mut prev: Option<&Unit> = None;
        for unit in units {
            let mut rich = unit.rich.clone();
            names::apply(&mut rich, &self.forms);
            let depth = usize::from(unit.depth);
            let indent = if depth == 0 { 0 } else { widths.get(depth - 1).copied().unwrap_or(depth * 4) };
            let pad = " ".repeat(indent);
            let (kind, md) = match &unit.kind {
                UnitKind::Verbatim(raw) => (None, raw.clone()),
                UnitKind::Item(m) => {
                    let md = block(&rich, &unit.kind)?;
                    let marker = m.markdown();
                    widths.truncate(depth);
                    widths.resize(depth, indent);
                    widths.push(indent + marker.len() + 1);
                    (Some(m), format!("{marker} {md}"))
                }
                UnitKind::Heading(level) => {
                    let rich = if rich.all(&super::rich::MarkKind::Strong) {
                        rich.without(&[super::rich::MarkKind::Strong])
                    } else {
                        rich
                    };
                    (
                        None,
                        format!("{} {}", "#".repeat(usize::from((*level).clamp(2, 6))), block(&rich, &UnitKind::Para)?),
                    )
                }
                _ => (None, block(&rich, &UnitKind::Para)?),
            };
            if !out.is_empty() {
                let same_list = match (kind, prev.map(|p| (&p.kind, p.depth))) {
                    (Some(m), Some((UnitKind::Item(pm), pd))) => {
                        pd != unit.depth
                            || matches!((m, pm), (Marker::Bullet, Marker::Bullet))
                            || matches!((m, pm), (Marker::Ordered(_, a), Marker::Ordered(_, b)) if a == b)
                    }
                    _ => false,
                };
                out.push_str(if same_list { "\n" } else { "\n\n" });
            }
            let continuation = format!("\n{}", " ".repeat(indent + kind.map_or(0, |m| m.markdown().len() + 1)));
            out.push_str(&pad);
            out.push_str(&md.replace('\n', &continuation));
            prev = Some(unit);
        }
        Ok(out)
    }
}

/// One block's Markdown, at the lowest escape level that reads back as the same text.
fn block(rich: &Rich, kind: &UnitKind) -> Result<String, ProseError> {
    let expected = rich.sorn_text();
    for level in [Escape::Minimal, Escape::Full, Escape::NoMarks] {
        let md = rich.to_markdown(level);
        let probe = match kind {
            UnitKind::Item(m) => format!("{} {md}", m.markdown()),
            _ => md.clone(),
        };
        let units = read_markdown(&probe);
        let ok = match units.as_slice() {
            [] => expected.trim().is_empty(),
            [one] => {
                let kind_ok = match (kind, &one.kind) {
                    (UnitKind::Item(Marker::Bullet), UnitKind::Item(Marker::Bullet)) => true,
                    (UnitKind::Item(Marker::Ordered(a, _)), UnitKind::Item(Marker::Ordered(b, _))) => a == b,
                    (UnitKind::Item(_), _) => false,
                    (_, UnitKind::Para) => true,
                    _ => false,
                };
                kind_ok && one.rich.text == Rich::plain(expected.clone()).collapse_spaces().text
            }
            _ => false,
        };
        if ok {
            return Ok(md);
        }
    }
    Err(ProseError { text: rich.text.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::read_markdown;

    #[test]
    fn lists_and_paragraphs_read_back() {
        let src = "In addition, you should:\n\n- Explain why;\n- Identify which component(s).\n\nA. To the DOJ:\n\n1. DHS or any component;\n2. Any employee.\n\n- 1\\) Biographic data;\n";
        let units = read_markdown(src);
        let md = Writer::default().blocks(&units).unwrap();
        assert_eq!(md, src.trim_end());
    }

    #[test]
    fn placeholders_in_prose() {
        let w = Writer { forms: vec![("DHS/ICE-015 LeadTrac System of Records".into(), "system")] };
        let md = w.inline(&Rich::plain("titled, \"DHS/ICE-015 LeadTrac System of Records.\" {x}")).unwrap();
        assert_eq!(md, "titled, \"{system}.\" {{x}}");
    }

    #[test]
    fn markup_is_escaped_when_needed() {
        let w = Writer::default();
        assert_eq!(w.inline(&Rich::plain("* * * * *")).unwrap(), "\\* \\* \\* \\* \\*");
        assert_eq!(w.inline(&Rich::plain("1) Biographic")).unwrap(), "1\\) Biographic");
        assert_eq!(w.inline(&Rich::plain("# not a heading")).unwrap(), "\\# not a heading");
        assert_eq!(w.inline(&Rich::plain("see <sup>th</sup>")).unwrap(), "see \\<sup>th\\</sup>");
    }
}
