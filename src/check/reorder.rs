//! Putting the entries of an array of tables (`[[justifications]]`, `[[system.routine_uses]]`)
//! in another order by editing the source's text, so that each entry travels whole: its header,
//! its keys, its sub-tables, and the comments directly above it. The blank lines between entries
//! stay where they were, so the layout reads as before.
//!
//! The entries are found with `toml_edit` on the text itself (never re-serialized), and the
//! result is accepted only if it parses to the same document with the entries permuted: an
//! array whose entries are interleaved with other tables, or held inline (`uses = [{ ... }]`),
//! gets no edit at all.

use std::ops::Range;

use toml_edit::{Item, Table};

use crate::diagnostic::Edit;

/// One step from the document's root to an array: a key, or an entry of an array of tables.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
}

/// A table header in the text: where its line's header starts, and where the whitespace and
/// comments before it (its decor) start.
#[derive(Clone, Copy, Debug)]
struct Header {
    start: usize,
    prefix_start: usize,
}

/// An array of tables as written: its path, and each entry's header with the headers of the
/// tables nested in that entry.
struct Array {
    path: Vec<Step>,
    entries: Vec<(Header, Vec<usize>)>,
}

fn header(table: &Table) -> Option<Header> {
    let span = table.span()?;
    let prefix_start = table.decor().prefix().and_then(|p| p.span()).map_or(span.start, |p| p.start);
    Some(Header { start: span.start, prefix_start })
}

/// Every explicit table header under `table` (into `all`), and every array of tables.
fn walk(table: &Table, path: &[Step], all: &mut Vec<usize>, arrays: &mut Vec<Array>) {
    for (key, item) in table.iter() {
        let mut here = path.to_vec();
        here.push(Step::Key(key.to_string()));
        match item {
            Item::Table(t) if !t.is_dotted() => {
                all.extend(header(t).map(|h| h.start));
                walk(t, &here, all, arrays);
            }
            Item::ArrayOfTables(array) => {
                let mut entries = Vec::with_capacity(array.len());
                for (i, entry) in array.iter().enumerate() {
                    let Some(h) = header(entry) else { continue };
                    all.push(h.start);
                    let mut inner = Vec::new();
                    let mut entry_path = here.clone();
                    entry_path.push(Step::Index(i));
                    walk(entry, &entry_path, &mut inner, arrays);
                    inner.sort_unstable();
                    all.extend(&inner);
                    entries.push((h, inner));
                }
                if entries.len() == array.len() {
                    arrays.push(Array { path: here, entries });
                }
            }
            _ => {}
        }
    }
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |i| i + 1)
}

/// Where the text of the header at `start` begins: its line, or the comment lines directly
/// above it (no blank line between), not before `floor`.
fn comments_above(text: &str, start: usize, floor: usize) -> usize {
    let mut at = line_start(text, start);
    while at > floor {
        let previous = line_start(text, at - 1);
        if previous < floor || !text[previous..at].trim_start().starts_with('#') {
            break;
        }
        at = previous;
    }
    at
}

/// Where an entry's text begins: within its header's decor, so that nothing of the value
/// before it is taken.
fn attached_start(text: &str, h: Header) -> usize {
    comments_above(text, h.start, h.prefix_start)
}

/// The end of a block's content: after the line break that ends its last line that is not blank.
fn content_end(text: &str, block: Range<usize>) -> usize {
    let body = &text[block.clone()];
    let Some(last) = body.rfind(|c: char| !c.is_whitespace()) else { return block.start };
    match body[last..].find('\n') {
        Some(i) => block.start + last + i + 1,
        None => block.end,
    }
}

/// Each entry's block (from its attached start to the next header not nested in it), if the
/// entries follow one another with nothing else between them. After the last entry, the
/// comments directly above the next table stay with that table.
fn blocks(text: &str, array: &Array, all: &[usize]) -> Option<Vec<Range<usize>>> {
    let mut out = Vec::with_capacity(array.entries.len());
    for (k, (h, inner)) in array.entries.iter().enumerate() {
        let start = attached_start(text, *h);
        // The headers after this one, skipping its own sub-tables: each entry skips only its own,
        // so the walk is linear in the number of headers.
        let after = all.partition_point(|&s| s <= h.start);
        let next = all[after..].iter().copied().find(|s| inner.binary_search(s).is_err());
        let end = match (next, array.entries.get(k + 1)) {
            (Some(n), Some((following, _))) if n == following.start => attached_start(text, *following),
            (_, Some(_)) => return None,
            (Some(n), None) => comments_above(text, n, h.start),
            (None, None) => text.len(),
        };
        out.push(start..end);
    }
    Some(out)
}

/// The parsed document with the array at `path` permuted by `order`.
fn permuted(mut value: toml::Table, path: &[Step], order: &[usize]) -> Option<toml::Table> {
    let (last, parents) = path.split_last()?;
    let Step::Key(last) = last else { return None };
    let mut table = &mut value;
    let mut steps = parents.iter().peekable();
    while let Some(step) = steps.next() {
        let Step::Key(key) = step else { return None };
        let item = table.get_mut(key)?;
        table = match (item, steps.peek()) {
            (toml::Value::Array(a), Some(Step::Index(i))) => {
                steps.next();
                a.get_mut(*i)?.as_table_mut()?
            }
            (toml::Value::Table(t), _) => t,
            _ => return None,
        };
    }
    let toml::Value::Array(entries) = table.get_mut(last)? else { return None };
    let reordered: Vec<toml::Value> = order.iter().map(|&i| entries.get(i).cloned()).collect::<Option<_>>()?;
    *entries = reordered;
    Some(value)
}

/// The edit that puts the entries of the array of tables in `text` whose entry `k` holds the
/// byte `anchors[k]` (one anchor per entry, e.g. the start of a value it defines) in `order`:
/// `order[k]` is the entry written `k`th. `None` if no such array is written as headers, its
/// entries are interleaved with other tables, `order` is no permutation, or the result would
/// not parse to the same document with the entries permuted.
pub fn reorder(text: &str, anchors: &[usize], order: &[usize]) -> Option<Edit> {
    let mut sorted = order.to_vec();
    sorted.sort_unstable();
    if anchors.len() < 2 || order.len() != anchors.len() || sorted.iter().enumerate().any(|(i, &k)| i != k) {
        return None;
    }
    let doc = toml_edit::Document::parse(text).ok()?;
    let mut all = Vec::new();
    let mut arrays = Vec::new();
    walk(doc.as_table(), &[], &mut all, &mut arrays);
    all.sort_unstable();
    let array = arrays.into_iter().find(|a| {
        a.entries.len() == anchors.len()
            && a.entries.iter().zip(anchors).enumerate().all(|(k, ((h, _), &anchor))| {
                let next = a.entries.get(k + 1).map_or(usize::MAX, |(n, _)| n.start);
                h.start <= anchor && anchor < next
            })
    })?;
    let blocks = blocks(text, &array, &all)?;
    let contents: Vec<Range<usize>> = blocks.iter().map(|b| b.start..content_end(text, b.clone())).collect();
    // Only the entries from the first that moves to the last that moves are rewritten, so that
    // the edit overlaps as few other fixes as it can.
    let moved: Vec<usize> = (0..order.len()).filter(|&k| order[k] != k).collect();
    let (&first, &last) = (moved.first()?, moved.last()?);
    let region = contents[first].start..contents[last].end;
    let mut replacement = String::with_capacity(region.len() + 1);
    for k in first..=last {
        replacement.push_str(&text[contents[order[k]].clone()]);
        if !replacement.ends_with('\n') {
            replacement.push('\n');
        }
        if k < last {
            replacement.push_str(&text[contents[k].end..blocks[k].end]);
        }
    }
    if !text[region.clone()].ends_with('\n') {
        replacement.pop();
    }
    let before: toml::Table = text.parse().ok()?;
    let after: toml::Table = format!("{}{replacement}{}", &text[..region.start], &text[region.end..]).parse().ok()?;
    (permuted(before, &array.path, order)? == after).then(|| Edit {
        span: region.clone(),
        expected: text[region].to_string(),
        replacement,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, edit: &Edit) -> String {
        format!("{}{}{}", &text[..edit.span.start], edit.replacement, &text[edit.span.end..])
    }

    fn anchors(text: &str, marker: &str) -> Vec<usize> {
        text.match_indices(marker).map(|(i, _)| i).collect()
    }

    const RULE: &str = "kind = \"x\"\n\n# the reasons\n[[j]]\nid = \"d\" # inline\n\n[j.sub]\ny = 1\n\n\
                        # about c\n# more\n[[j]]\nid = \"c\"\n[[j.covers]]\nz = 1\n\n[signature]\nname = \"n\"\n";

    #[test]
    fn entries_move_with_their_comments_and_sub_tables() {
        let edit = reorder(RULE, &anchors(RULE, "id = "), &[1, 0]).unwrap();
        let after = apply(RULE, &edit);
        assert_eq!(
            after,
            "kind = \"x\"\n\n# about c\n# more\n[[j]]\nid = \"c\"\n[[j.covers]]\nz = 1\n\n# the reasons\n[[j]]\n\
             id = \"d\" # inline\n\n[j.sub]\ny = 1\n\n[signature]\nname = \"n\"\n"
        );
        // Back again: the original, byte for byte.
        let back = reorder(&after, &anchors(&after, "id = "), &[1, 0]).unwrap();
        assert_eq!(apply(&after, &back), RULE);
    }

    #[test]
    fn only_the_entries_that_move_are_rewritten() {
        let text = "[[u]]\nid = \"A\"\n\n[[u]]\nid = \"C\"\n\n[[u]]\nid = \"B\"\n\n[[u]]\nid = \"D\"\n";
        let edit = reorder(text, &anchors(text, "id = "), &[0, 2, 1, 3]).unwrap();
        assert_eq!(edit.expected, "[[u]]\nid = \"C\"\n\n[[u]]\nid = \"B\"\n");
        assert_eq!(
            apply(text, &edit),
            text.replace("\"C\"", "\"X\"").replace("\"B\"", "\"C\"").replace("\"X\"", "\"B\"")
        );
    }

    #[test]
    fn the_last_entry_at_the_end_of_the_file_keeps_the_missing_line_break() {
        let text = "[[u]]\nid = \"B\"\n\n[[u]]\nid = \"A\"";
        let edit = reorder(text, &anchors(text, "id = "), &[1, 0]).unwrap();
        assert_eq!(apply(text, &edit), "[[u]]\nid = \"A\"\n\n[[u]]\nid = \"B\"");
    }

    #[test]
    fn nested_arrays_are_found_by_their_anchors() {
        let text = "[[systems]]\nname = \"one\"\n[[systems.uses]]\nid = \"B\"\n[[systems.uses]]\nid = \"A\"\n\
                    [[systems]]\nname = \"two\"\n[[systems.uses]]\nid = \"B\"\n[[systems.uses]]\nid = \"A\"\n";
        let second: Vec<usize> = anchors(text, "id = ").into_iter().skip(2).collect();
        let edit = reorder(text, &second, &[1, 0]).unwrap();
        let after = apply(text, &edit);
        assert!(after.starts_with("[[systems]]\nname = \"one\"\n[[systems.uses]]\nid = \"B\""), "{after}");
        assert!(after.ends_with("[[systems.uses]]\nid = \"A\"\n[[systems.uses]]\nid = \"B\"\n"), "{after}");
    }

    #[test]
    fn interleaved_inline_or_unmatched_arrays_get_no_edit() {
        let interleaved = "[[u]]\nid = \"B\"\n[other]\nx = 1\n[[u]]\nid = \"A\"\n";
        assert_eq!(reorder(interleaved, &anchors(interleaved, "id = "), &[1, 0]), None);
        let inline = "u = [{ id = \"B\" }, { id = \"A\" }]\n";
        assert_eq!(reorder(inline, &anchors(inline, "id = "), &[1, 0]), None);
        assert_eq!(reorder(RULE, &anchors(RULE, "id = "), &[0, 0]), None, "no permutation");
        assert_eq!(reorder(RULE, &anchors(RULE, "id = ")[..1], &[0]), None, "nothing to order");
        assert_eq!(reorder(RULE, &anchors(RULE, "id = "), &[0, 1]), None, "nothing moves");
        let hidden = "s = \"\"\"\n[[u]]\nid = 1\n\"\"\"\n[[u]]\nid = \"B\"\n[[u]]\nid = \"A\"\n";
        let real: Vec<usize> = anchors(hidden, "id = ").into_iter().skip(1).collect();
        let edit = reorder(hidden, &real, &[1, 0]).unwrap();
        assert!(apply(hidden, &edit).starts_with("s = \"\"\"\n[[u]]\nid = 1\n\"\"\"\n[[u]]\nid = \"A\"\n"));
    }

    /// One entry of a generated array: comments above it, a trailing comment, a sub-table, a
    /// multi-line string holding a header-like line, blank lines after it.
    fn entry(k: usize, shape: (bool, bool, bool, bool, usize)) -> String {
        let (comment, trailing, sub, multiline, blanks) = shape;
        let mut out = String::new();
        if comment {
            out.push_str(&format!("# entry {k}\n"));
        }
        out.push_str(&format!("[[u]]\nid = \"{k}\"{}\n", if trailing { " # the id" } else { "" }));
        if multiline {
            out.push_str("text = \"\"\"\n[[u]]\n# not a comment\n\"\"\"\n");
        }
        if sub {
            out.push_str(&format!("[u.sub]\nn = {k}\n"));
        }
        out.push_str(&"\n".repeat(blanks));
        out
    }

    proptest::proptest! {
        /// Any permutation of any such array is an edit whose result parses as the permuted
        /// array, and the inverse permutation gives back the original text byte for byte.
        #[test]
        fn a_reordering_and_its_inverse_give_back_the_text(
            shapes in proptest::collection::vec((proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY, proptest::bool::ANY, 0usize..3), 2..8),
            keys in proptest::collection::vec(0u32..1000, 8),
            tail in proptest::bool::ANY,
        ) {
            let mut text = String::from("kind = \"x\"\n\n");
            for (k, shape) in shapes.iter().enumerate() {
                text.push_str(&entry(k, *shape));
            }
            if tail {
                text.push_str("# the signature\n[signature]\nname = \"n\"\n");
            }
            let n = shapes.len();
            let mut order: Vec<usize> = (0..n).collect();
            order.sort_by_key(|&k| (keys[k], k));
            proptest::prop_assume!(order.iter().enumerate().any(|(i, &k)| i != k));
            let anchors: Vec<usize> = (0..n).map(|k| text.find(&format!("id = \"{k}\"")).unwrap()).collect();
            let edit = reorder(&text, &anchors, &order).expect("a contiguous array reorders");
            let after = apply(&text, &edit);
            let ids: Vec<i64> = after.parse::<toml::Table>().unwrap()["u"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["id"].as_str().unwrap().parse().unwrap())
                .collect();
            proptest::prop_assert_eq!(ids, order.iter().map(|&k| k as i64).collect::<Vec<_>>());
            let mut inverse = vec![0; n];
            for (i, &k) in order.iter().enumerate() {
                inverse[k] = i;
            }
            let anchors: Vec<usize> = order.iter().map(|k| after.find(&format!("id = \"{k}\"")).unwrap()).collect();
            let back = reorder(&after, &anchors, &inverse).expect("the inverse reorders");
            proptest::prop_assert_eq!(apply(&after, &back), text);
        }
    }
}
