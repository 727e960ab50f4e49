//! End matter: the signature block ("Dated:" line, name, title lines), the FR Doc line in both
//! styles, and the BILLING CODE line.

use std::sync::LazyLock;

use jiff::civil::{Date, DateTime};
use regex::Regex;

use crate::model::{FrDocStyle, Loc, Signature, SignaturePlacement, SourceDate};

/// A signature block as read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sig {
    /// The date signed.
    pub dated: Option<Date>,
    /// Lines before the name ("By order of the Board.").
    pub before: Vec<String>,
    /// The signer's name, without its comma.
    pub name: String,
    /// Title lines, without their final comma or period.
    pub title: Vec<String>,
}

impl Sig {
    /// The signature as the model types it.
    pub fn into_model(self, placement: SignaturePlacement) -> Signature {
        Signature {
            dated: self.dated.map(|d| Loc::synthetic(SourceDate(d))),
            name: Loc::synthetic(self.name),
            title: self.title.into_iter().map(Loc::synthetic).collect(),
            before: self.before.into_iter().map(Loc::synthetic).collect(),
            placement,
        }
    }
}

/// An FR Doc line as read.
#[derive(Clone, Debug, PartialEq)]
pub struct FrDocLine {
    /// "2016-18810".
    pub number: String,
    /// When filed.
    pub filed: DateTime,
    /// The publication date (public-inspection style).
    pub publication: Option<Date>,
    /// Print or public-inspection style.
    pub style: FrDocStyle,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

static LONG_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+(\d{1,2}),\s+(\d{4})\b")
        .expect("valid pattern")
});

/// Every date written "Month D, YYYY" in a text, with its byte range.
pub fn long_dates(text: &str) -> Vec<(std::ops::Range<usize>, Date)> {
    LONG_DATE
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let month = month_number(c.get(1)?.as_str())?;
            let day: i8 = c.get(2)?.as_str().parse().ok()?;
            let year: i16 = c.get(3)?.as_str().parse().ok()?;
            Date::new(year, month, day).ok().map(|d| (whole.range(), d))
        })
        .collect()
}

fn month_number(name: &str) -> Option<i8> {
    let lower = name.trim_end_matches('.').to_lowercase();
    let idx = MONTHS.iter().position(|m| m.starts_with(&lower) && lower.len() >= 3)?;
    i8::try_from(idx + 1).ok()
}

/// A date written "August 3, 2016" or "8/3/2016".
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim().trim_end_matches('.');
    if let Some((range, date)) = long_dates(t).into_iter().next()
        && range.start == 0
        && range.end == t.len()
    {
        return Some(date);
    }
    let parts: Vec<&str> = t.split('/').collect();
    if let [m, d, y] = parts.as_slice() {
        let year: i16 = y.parse().ok()?;
        let year = if year < 100 { 2000 + year } else { year };
        return Date::new(year, m.parse().ok()?, d.parse().ok()?).ok();
    }
    None
}

/// "Dated: August 3, 2016." → the date.
pub fn parse_dated(text: &str) -> Option<Date> {
    let t = text.trim();
    let rest = t.strip_prefix("Dated:").or_else(|| t.strip_prefix("Date:")).or_else(|| t.strip_prefix("Dated"))?;
    parse_date(rest)
}

/// Whether a line reads like a person's name: two to six capitalized words or initials.
pub fn is_name(text: &str) -> bool {
    let t = text.trim().trim_end_matches(',');
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() < 2 || words.len() > 6 || t.len() > 60 || t.contains(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let particles = ["de", "del", "la", "van", "von", "der", "da", "di", "le", "bin", "al"];
    words.iter().all(|w| {
        let w = w.trim_end_matches(',');
        w.starts_with(|c: char| c.is_uppercase()) || particles.contains(&w)
    }) && !words.iter().any(|w| {
        matches!(
            w.trim_end_matches(','),
            "Department" | "Office" | "Agency" | "Administration" | "Officer" | "Director" | "Secretary" | "Chief"
        )
    })
}

/// Reads a name and title block: "Jonathan R. Cantor,\nActing Chief Privacy Officer,\nDepartment
/// of Homeland Security." (one line each) or the same on one line, separated by commas.
pub fn parse_name_block(text: &str) -> Option<(String, Vec<String>)> {
    let lines: Vec<&str> = if text.contains('\n') {
        text.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
    } else {
        let t = text.trim();
        let comma = t.find(", ")?;
        let mut v = vec![&t[..comma + 1]];
        v.extend(t[comma + 2..].split(", "));
        v
    };
    let (first, rest) = lines.split_first()?;
    if !first.trim_end().ends_with(',') || !is_name(first) || rest.is_empty() {
        return None;
    }
    let last = rest.last()?.trim_end();
    if !last.ends_with('.') || rest.iter().any(|l| l.len() > 200) {
        return None;
    }
    let name = first.trim().trim_end_matches(',').to_string();
    // Titles are one per line, or run on in a line and separated by commas. A line that runs titles
    // on with commas but ends with none was wrapped, as the text edition wraps long lines ("...
    // Officer, United States" / "Department of Justice."), and goes on in the next.
    let mut joined: Vec<String> = Vec::new();
    let mut open = false;
    for line in rest {
        let line = line.trim();
        match joined.last_mut() {
            Some(prev) if open => {
                prev.push(' ');
                prev.push_str(line);
            }
            _ => joined.push(line.to_string()),
        }
        open = !line.ends_with([',', '.', ';']) && line.contains(", ");
    }
    let title = joined.iter().map(|l| l.trim_end_matches([',', '.']).trim().to_string()).collect();
    Some((name, title))
}

static PRINT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[FR Doc\.?\s+([A-Z]?\d[\d-]*\d)\s+Filed:?\s+(\d{1,2})[-/](\d{1,2})[-/](\d{2,4});?\s+(\d{1,2}):(\d{2})\s*([ap])\.?m\.?\]$")
        .expect("valid pattern")
});
static PUBLIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\[FR Doc\.?\s+([A-Z]?\d[\d-]*\d)\s+Filed:?\s+(\d{1,2})/(\d{1,2})/(\d{4})\s+(\d{1,2}):(\d{2})\s*([ap])\.?m\.?;\s*Publication Date:\s*(\d{1,2})/(\d{1,2})/(\d{4})\]$")
        .expect("valid pattern")
});

/// Reads an FR Doc line in either style.
pub fn fr_doc(text: &str) -> Option<FrDocLine> {
    let folded = super::typography::fold(text);
    let t = folded.trim();
    let (caps, style) = match PUBLIC.captures(t) {
        Some(c) => (c, FrDocStyle::PublicInspection),
        None => (PRINT.captures(t)?, FrDocStyle::Print),
    };
    let n = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
    let year = n(4)?;
    let year = if year < 100 { 2000 + year } else { year };
    let mut hour = n(5)?;
    let pm = caps.get(7).is_some_and(|m| m.as_str() == "p");
    if pm && hour < 12 {
        hour += 12;
    } else if !pm && hour == 12 {
        hour = 0;
    }
    let date = Date::new(year, i8::try_from(n(2)?).ok()?, i8::try_from(n(3)?).ok()?).ok()?;
    let time = jiff::civil::Time::new(i8::try_from(hour).ok()?, i8::try_from(n(6)?).ok()?, 0, 0).ok()?;
    let publication = match style {
        FrDocStyle::PublicInspection => {
            Some(Date::new(n(10)?, i8::try_from(n(8)?).ok()?, i8::try_from(n(9)?).ok()?).ok()?)
        }
        FrDocStyle::Print => None,
    };
    Some(FrDocLine { number: caps.get(1)?.as_str().to_string(), filed: date.to_datetime(time), publication, style })
}

static BILLING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:BILLING CODE[:\s]+([0-9A-Z][0-9A-Z-]*)|(\d{4}-[0-9A-Z]{2}(?:-[A-Z])?))\.?$")
        .expect("valid pattern")
});

/// Reads a billing code line: "BILLING CODE 9111-28" or a bare "9111-28".
pub fn billing_code(text: &str) -> Option<String> {
    let folded = super::typography::fold(text);
    let caps = BILLING.captures(folded.trim())?;
    caps.get(1).or_else(|| caps.get(2)).map(|m| m.as_str().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn fr_doc_lines_in_both_styles() {
        let p = fr_doc("[FR Doc. 2019-21885 Filed 10-7-19; 8:45 am]").unwrap();
        assert_eq!(p.number, "2019-21885");
        assert_eq!(p.filed, date(2019, 10, 7).at(8, 45, 0, 0));
        assert_eq!(p.style, FrDocStyle::Print);
        let q = fr_doc("[FR Doc. 2016-18810 Filed: 8/8/2016 8:45 am; Publication Date: 8/9/2016]").unwrap();
        assert_eq!(q.style, FrDocStyle::PublicInspection);
        assert_eq!(q.publication, Some(date(2016, 8, 9)));
        assert_eq!(fr_doc("[FR Doc. E9-12859 Filed 6-2-09; 8:45 am]").unwrap().number, "E9-12859");
        // GPO's en dashes and thin spaces since 2023.
        let gpo = fr_doc("[FR Doc. 2023\u{2013}21587 Filed 10\u{2013}2\u{2013}23; 8:45\u{2009}am]").unwrap();
        assert_eq!((gpo.number.as_str(), gpo.filed), ("2023-21587", date(2023, 10, 2).at(8, 45, 0, 0)));
        assert!(fr_doc("[Docket No. DHS-2016-0053]").is_none());
    }

    #[test]
    fn billing_codes() {
        assert_eq!(billing_code("BILLING CODE 6820-34-P").as_deref(), Some("6820-34-P"));
        assert_eq!(billing_code("9111-28").as_deref(), Some("9111-28"));
        assert_eq!(billing_code("BILLING CODE 4910\u{2013}9X\u{2013}P").as_deref(), Some("4910-9X-P"));
        assert_eq!(billing_code("7710\u{2013}12\u{2013}P").as_deref(), Some("7710-12-P"));
        assert_eq!(billing_code("2016-0053"), None);
    }

    #[test]
    fn signatures() {
        assert_eq!(parse_dated("Dated: August 3, 2016"), Some(date(2016, 8, 3)));
        assert_eq!(parse_dated("Dated: Nov. 17, 2016."), Some(date(2016, 11, 17)));
        let (name, title) =
            parse_name_block("Jonathan R. Cantor,\nActing Chief Privacy Officer,\nDepartment of Homeland Security.")
                .unwrap();
        assert_eq!(name, "Jonathan R. Cantor");
        assert_eq!(title, ["Acting Chief Privacy Officer", "Department of Homeland Security"]);
        let (name, title) =
            parse_name_block("Richard Speidel, Chief Privacy Officer, General Services Administration.").unwrap();
        assert_eq!(name, "Richard Speidel");
        assert_eq!(title.len(), 2);
        assert!(parse_name_block("In addition, you should do this, and that.").is_none());
        // A title the text edition wrapped goes on in the next line.
        let (_, title) = parse_name_block(
            "Peter A. Winn,\nActing Chief Privacy and Civil Liberties Officer, United States\nDepartment of Justice.",
        )
        .unwrap();
        assert_eq!(title, ["Acting Chief Privacy and Civil Liberties Officer, United States Department of Justice"]);
        // One title per line, without commas, as Markdown pages set them.
        let (_, title) =
            parse_name_block("Richard Speidel,\nChief Privacy Officer\nGeneral Services Administration.").unwrap();
        assert_eq!(title, ["Chief Privacy Officer", "General Services Administration"]);
    }
}
