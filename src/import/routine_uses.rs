//! Routine uses: the lead-in citing 5 U.S.C. 552a(b)(3), then each use lettered ("A.", "a.",
//! "(a)"), numbered ("1.", "(1)", "1)") or bulleted, with whatever lists and paragraphs belong
//! to it.

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

/// The routine uses among the units of the caption: the first use and every use after it.
pub fn find(units: &[Unit]) -> (Vec<Start>, Option<Style>) {
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
            None => first_of_sequence(&token) && st != Style::Bullet,
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
            Style::Bullet => token,
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
        let (starts, style) = find(&units);
        assert_eq!(style, Some(Style::Period));
        assert_eq!(starts.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["A", "B", "C"]);
    }

    #[test]
    fn numbered_and_bulleted() {
        let items: Vec<Unit> = (1..=3)
            .map(|n| Unit::new(UnitKind::Item(Marker::Ordered(n, '.')), Rich::plain("To someone."), 1))
            .collect();
        let (starts, _) = find(&items);
        assert_eq!(starts.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["1", "2", "3"]);
        let mut bullets = vec![para("Lead-in:")];
        bullets.extend((0..2).map(|_| Unit::new(UnitKind::Item(Marker::Bullet), Rich::plain("To someone."), 1)));
        let (starts, style) = find(&bullets);
        assert_eq!(style, Some(Style::Bullet));
        assert_eq!(starts.len(), 2);
        let parens = vec![para("(1) To one."), para("(2) To two.")];
        assert_eq!(find(&parens).0.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["(1)", "(2)"]);
    }
}
