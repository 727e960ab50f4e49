//! Routine uses: the lead-in citing 5 U.S.C. 552a(b)(3), then each use lettered ("A.", "a.",
//! "(a)"), numbered ("1.", "(1)", "1)"), bulleted, or, as DoD prints them, each a paragraph of its
//! own with no designation, with whatever lists and paragraphs belong to it; then, where printed,
//! a note after the last use.

use super::unit::{Marker, Unit, UnitKind};

/// How the uses are marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// "A." / "a." / "1." ...
    Period,
    /// "A)" / "1)".
    Paren,
    /// "(A)" / "(1)".
    Parens,
    /// Bullets.
    Bullet,
    /// No designation: after a lead-in that ends with a colon, each paragraph is one use (DoD).
    Unmarked,
}

/// The routine uses of a caption's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// Where each use starts, in order.
    pub starts: Vec<Start>,
    /// How they are marked, if any were found.
    pub style: Option<Style>,
    /// The unit where the text after the last use begins: a line of stars (a notice that prints
    /// only the uses it changes), a note, the statement that blanket routine uses apply.
    pub note: Option<usize>,
}

/// A routine use found: its id as sorn writes it, the unit that starts it, and where its text
/// starts in that unit's reading.
#[derive(Clone, Debug, PartialEq)]
pub struct Start {
    /// The id: "A" (printed "A."), "(a)", "1)".
    pub id: String,
    /// Index of the unit.
    pub unit: usize,
    /// Byte offset of the text in the unit's reading.
    pub text_at: usize,
}

/// A marker at the start of a text: (token, style, length of marker and its space).
pub fn marker(text: &str) -> Option<(String, Style, usize)> {
    let (inner, parens) = match text.strip_prefix('(') {
        Some(r) => (r, true),
        None => (text, false),
    };
    let len = inner.chars().take_while(|c| c.is_ascii_alphanumeric()).count();
    if len == 0 || len > 3 {
        return None;
    }
    let token = &inner[..len];
    let valid = token.chars().all(|c| c.is_ascii_digit())
        || (token.chars().all(|c| c.is_ascii_alphabetic())
            && token.chars().all(|c| c == token.chars().next().unwrap_or(c)));
    if !valid {
        return None;
    }
    let rest = &inner[len..];
    let (style, punct) = if parens {
        (Style::Parens, rest.strip_prefix(')')?)
    } else if let Some(r) = rest.strip_prefix('.') {
        (Style::Period, r)
    } else {
        (Style::Paren, rest.strip_prefix(')')?)
    };
    if !punct.starts_with(' ') {
        return None;
    }
    let consumed = text.len() - punct.len() + 1;
    Some((token.to_string(), style, consumed))
}

/// The token after `token` in its sequence: B after A, 10 after 9, AA after Z, BB after AA.
pub fn successor(token: &str) -> String {
    if let Ok(n) = token.parse::<u64>() {
        return (n + 1).to_string();
    }
    let first = token.chars().next().unwrap_or('A');
    let len = token.chars().count();
    match first {
        'z' => "aa".repeat(len).chars().take(len + 1).collect(),
        'Z' => "AA".repeat(len).chars().take(len + 1).collect(),
        c => std::iter::repeat_n(char::from_u32(c as u32 + 1).unwrap_or(c), len).collect(),
    }
}

fn first_of_sequence(token: &str) -> bool {
    matches!(token, "A" | "a" | "1")
}

fn is_stars(unit: &Unit) -> bool {
    unit.kind == UnitKind::Para && unit.text().trim() == "* * * * *"
}

/// Reads a caption's routine uses in one way of marking them.
type Reader = fn(&[Unit]) -> Found;

/// The ways routine uses are marked, tried in order; the first that finds a use reads the caption:
/// lettered, numbered or bulleted, then DoD's paragraphs with no designation.
const READERS: &[Reader] = &[designated, unmarked];

/// The routine uses among the units of the caption: the first use and every use after it, and
/// the note after the last.
pub fn find(units: &[Unit]) -> Found {
    READERS.iter().map(|read| read(units)).find(|found| !found.starts.is_empty()).unwrap_or_default()
}

/// A paragraph after the uses that is not one: a note ("NOTE 1: ...", "Note:") or the statement
/// that routine uses published elsewhere apply ("The DoD Blanket Routine Uses ... may apply to this
/// system").
fn is_note(unit: &Unit) -> bool {
    let text = unit.text().trim_start_matches(['“', '"', ' ']).to_lowercase();
    let noted = text.strip_prefix("note").is_some_and(|r| r.starts_with([' ', ':', '.']));
    noted || text.contains("blanket routine use") || text.contains("may apply to this system") || is_stars(unit)
}

/// Undesignated uses: a lead-in paragraph that cites 5 U.S.C. 552a(b)(3) or speaks of routine
/// uses and ends with a colon, then one use per top-level paragraph until a note. Lists and
/// nested paragraphs belong to the use before them.
fn unmarked(units: &[Unit]) -> Found {
    let lead_in = units.iter().position(|u| {
        let text = u.text().trim();
        let cites = text.contains("552a(b)(3)") || text.to_lowercase().contains("routine use");
        u.depth == 0 && u.kind == UnitKind::Para && cites && text.ends_with(':')
    });
    let Some(lead_in) = lead_in else { return Found::default() };
    let mut starts = Vec::new();
    let mut note = None;
    for (i, unit) in units.iter().enumerate().skip(lead_in + 1) {
        if unit.depth > 0 || unit.kind != UnitKind::Para {
            continue;
        }
        if is_note(unit) {
            note = Some(i);
            break;
        }
        starts.push(Start { id: String::new(), unit: i, text_at: 0 });
    }
    if starts.is_empty() {
        return Found::default();
    }
    Found { starts, style: Some(Style::Unmarked), note }
}

/// Designated uses: lettered, numbered or bulleted, and the stars after the last (uses left out
/// because they do not change).
fn designated(units: &[Unit]) -> Found {
    let (starts, style) = designations(units);
    let last = starts.last().map_or(units.len(), |s| s.unit + 1);
    let trailing = units[last.min(units.len())..].iter().rev().take_while(|u| is_stars(u)).count();
    let note = (trailing > 0).then(|| units.len() - trailing);
    Found { starts, style, note }
}

/// The designations that start uses. The first is "A", "a" or "1", unless only stars stand before
/// it (a notice that prints only the uses it adds, "12. To ...").
fn designations(units: &[Unit]) -> (Vec<Start>, Option<Style>) {
    let mut starts = Vec::new();
    let mut style: Option<Style> = None;
    let mut expected = String::new();
    for (i, unit) in units.iter().enumerate() {
        if unit.depth > 0 {
            continue;
        }
        if let UnitKind::Item(Marker::Bullet) = unit.kind
            && (style.is_none() || style == Some(Style::Bullet))
            && marker(unit.text()).is_none()
        {
            style = Some(Style::Bullet);
            starts.push(Start { id: (starts.len() + 1).to_string(), unit: i, text_at: 0 });
            continue;
        }
        let reading = unit.reading();
        let Some((token, st, consumed)) = marker(&reading) else { continue };
        let fits = match style {
            None => {
                let after_stars = i > 0 && units[..i].iter().all(is_stars);
                (first_of_sequence(&token) || after_stars) && st != Style::Bullet
            }
            Some(s) => s == st && token == expected,
        };
        if !fits {
            continue;
        }
        style = Some(st);
        expected = successor(&token);
        let id = match st {
            Style::Period => token,
            Style::Paren => format!("{token})"),
            Style::Parens => format!("({token})"),
            Style::Bullet | Style::Unmarked => token,
        };
        starts.push(Start { id, unit: i, text_at: consumed });
    }
    (starts, style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::rich::Rich;

    fn para(t: &str) -> Unit {
        Unit::new(UnitKind::Para, Rich::plain(t), 1)
    }

    #[test]
    fn markers() {
        assert_eq!(marker("A. To the DOJ"), Some(("A".into(), Style::Period, 3)));
        assert_eq!(marker("(a) To the DOJ"), Some(("a".into(), Style::Parens, 4)));
        assert_eq!(marker("12) To"), Some(("12".into(), Style::Paren, 4)));
        assert_eq!(marker("U.S. Code"), None);
        assert_eq!(successor("A"), "B");
        assert_eq!(successor("Z"), "AA");
        assert_eq!(successor("AA"), "BB");
        assert_eq!(successor("9"), "10");
    }

    #[test]
    fn lettered_with_nested_lists() {
        let mut nested = Unit::new(UnitKind::Item(Marker::Ordered(1, '.')), Rich::plain("DHS"), 1);
        nested.depth = 0;
        let units = vec![
            para("In addition ... as follows:"),
            para("A. To the DOJ when:"),
            nested,
            para("B. To a Congressional office."),
            para("C. To NARA."),
        ];
        let Found { starts, style, note } = find(&units);
        assert_eq!(style, Some(Style::Period));
        assert_eq!(note, None);
        assert_eq!(starts.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["A", "B", "C"]);
    }

    #[test]
    fn numbered_and_bulleted() {
        let items: Vec<Unit> = (1..=3)
            .map(|n| Unit::new(UnitKind::Item(Marker::Ordered(n, '.')), Rich::plain("To someone."), 1))
            .collect();
        let starts = find(&items).starts;
        assert_eq!(starts.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["1", "2", "3"]);
        let mut bullets = vec![para("Lead-in:")];
        bullets.extend((0..2).map(|_| Unit::new(UnitKind::Item(Marker::Bullet), Rich::plain("To someone."), 1)));
        let Found { starts, style, .. } = find(&bullets);
        assert_eq!(style, Some(Style::Bullet));
        assert_eq!(starts.len(), 2);
        let parens = vec![para("(1) To one."), para("(2) To two.")];
        assert_eq!(find(&parens).starts.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["(1)", "(2)"]);
    }

    #[test]
    fn only_the_uses_a_notice_adds_between_stars() {
        let units = vec![para("* * * * *"), para("12. To the Department of the Treasury."), para("* * * * *")];
        let found = find(&units);
        assert_eq!(found.starts.iter().map(|s| (s.id.as_str(), s.unit)).collect::<Vec<_>>(), [("12", 1)]);
        assert_eq!(found.note, Some(2));
        // Without the stars before it, a use numbered 12 does not start a list.
        assert!(find(&units[1..]).starts.is_empty());
    }

    #[test]
    fn undesignated_paragraphs_after_a_lead_in_until_the_note() {
        let mut nested = para("a paragraph inside the use");
        nested.depth = 1;
        let units = vec![
            para(
                "In addition, the records may be disclosed as a routine use pursuant to 5 U.S.C. 552a(b)(3) as follows:",
            ),
            para("To the Department of State to plan evacuations."),
            nested,
            para("Law Enforcement Routine Use: If a record indicates a violation of law ..."),
            para(
                "The DoD Blanket Routine Uses set forth at the beginning of the compilation may apply to this system.",
            ),
            para("NOTE 1: This system may contain health information."),
        ];
        let found = find(&units);
        assert_eq!(found.style, Some(Style::Unmarked));
        assert_eq!(found.starts.iter().map(|s| (s.id.as_str(), s.unit)).collect::<Vec<_>>(), [("", 1), ("", 3)]);
        assert_eq!(found.note, Some(4));
        // Paragraphs with no lead-in before them are not read as uses.
        assert_eq!(find(&units[1..]), Found::default());
        assert!(is_note(&para("Note: records are not disclosed.")) && !is_note(&para("Notebooks of staff.")));
    }
}
