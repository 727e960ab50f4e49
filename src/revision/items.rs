//! The items a category caption lists, so that a revision's added and removed categories can be
//! named one by one.
//!
//! Notices list categories of individuals and of records in three ways: as bullets or numbered
//! lines ("- Name;", "1. Date of birth", "(a) Case files"), as one sentence of items separated
//! by semicolons, or as paragraphs. Items are read in that order of preference; a lead-in that
//! ends with a colon ("Categories of records include:") is not an item.

use super::matching::normalize;

/// The items of a caption's text, each trimmed of its bullet, its trailing punctuation and a
/// leading "and" or "or".
pub fn items(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let bulleted: Vec<&str> = lines.iter().filter_map(|l| strip_bullet(l)).collect();
    let raw: Vec<&str> = if bulleted.len() >= 2 {
        bulleted
    } else if text.matches(';').count() >= 2 {
        text.split(';').collect()
    } else {
        text.split("\n\n").collect()
    };
    raw.into_iter().map(clean).filter(|item| !item.is_empty() && !item.ends_with(':')).collect()
}

/// The items of `new` not in `old` and those of `old` not in `new`, compared normalized, each in
/// its own text's order.
pub fn added_and_removed(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let old_items = items(old);
    let new_items = items(new);
    let old_keys: std::collections::HashSet<String> = old_items.iter().map(|i| normalize(i)).collect();
    let new_keys: std::collections::HashSet<String> = new_items.iter().map(|i| normalize(i)).collect();
    let added = new_items.iter().filter(|i| !old_keys.contains(&normalize(i))).cloned().collect();
    let removed = old_items.iter().filter(|i| !new_keys.contains(&normalize(i))).cloned().collect();
    (added, removed)
}

/// The line without its bullet, if it has one: "-", "*", "•", "1.", "1)", "(1)", "(a)", "a.".
fn strip_bullet(line: &str) -> Option<&str> {
    for bullet in ["- ", "* ", "• ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return Some(rest);
        }
    }
    let (mark, rest) = line.split_once(' ')?;
    let inner = mark
        .strip_prefix('(')
        .and_then(|m| m.strip_suffix(')'))
        .or_else(|| mark.strip_suffix('.').or_else(|| mark.strip_suffix(')')))?;
    let designation = inner.len() <= 3
        && (inner.bytes().all(|b| b.is_ascii_digit())
            || (inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase())));
    designation.then_some(rest)
}

fn clean(item: &str) -> String {
    let item = item.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut item = item.trim_end_matches(['.', ',', ';']).trim();
    for tail in [" and", " or"] {
        item = item.strip_suffix(tail).map_or(item, |rest| rest.trim_end_matches([',', ';']).trim());
    }
    let item = item.strip_prefix("and ").or_else(|| item.strip_prefix("or ")).unwrap_or(item);
    item.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_bullets_semicolons_and_paragraphs() {
        assert_eq!(
            items("Records include:\n\n- Name;\n- Date of birth; and\n- Address."),
            ["Name", "Date of birth", "Address"]
        );
        assert_eq!(
            items("Name; date of birth; and Social Security number."),
            ["Name", "date of birth", "Social Security number"]
        );
        assert_eq!(items("Employees.\n\nContractors."), ["Employees", "Contractors"]);
        assert_eq!(items("(1) Case files\n(2) Notes"), ["Case files", "Notes"]);
    }

    #[test]
    fn names_what_was_added_and_removed() {
        let (added, removed) =
            added_and_removed("Name; address; and phone number.", "Name; phone number; and email address.");
        assert_eq!(added, ["email address"]);
        assert_eq!(removed, ["address"]);
    }
}
