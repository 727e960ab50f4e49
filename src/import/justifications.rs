//! Lettered or numbered reasons: "(a) From subsection (c)(3) and (4) (Accounting for Disclosures)
//! because …", "(f) From subsections (e)(4)(G), (e)(4)(H), and (e)(4)(I) (Agency Requirements) and
//! (f) (Agency Rules), because …" (DHS), "(2) From subsections (c)(4), (d), (e)(4)(G) and (H), (f)
//! and (g) because …" (DOJ) back into typed justifications: provisions, heading (several groups
//! become `covers`), and the reason as written.

use crate::statute::{Subsection, parse_citation_list, parse_citation_list_leniently};

/// One group of provisions with its parenthetical heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The provisions.
    pub subsections: Vec<Subsection>,
    /// The heading, if any.
    pub heading: Option<String>,
    /// Items of the list that name no provision, as written ("(e)(13)"): kept for the check to
    /// report at their place.
    pub unread: Vec<String>,
}

/// A lettered or numbered reason as read.
#[derive(Clone, Debug, PartialEq)]
pub struct Reason {
    /// Its letter or number, "a" or "1".
    pub letter: String,
    /// What it justifies.
    pub groups: Vec<Group>,
    /// Byte offset in the text where the reason itself begins ("because ...").
    pub text_start: usize,
    /// How it opens: "From subsection ..." or "Subsection (c)(3).".
    pub leadin: crate::model::Leadin,
}

/// The letter or number of a reason paragraph, "(a) From ..." → "a", "(1) From ..." → "1", "(A)
/// From ..." → "A" (DoD's blocks), if it opens like one.
pub fn letter(text: &str) -> Option<&str> {
    let t = text.strip_prefix('(')?;
    let close = t.find(')')?;
    let letter = &t[..close];
    let rest = t[close + 1..].trim_start();
    let roman = letter.len() <= 5 && letter.chars().all(|c| "ivxl".contains(c));
    (!letter.is_empty()
        && (letter.len() <= 3 || roman)
        && (letter.chars().all(|c| c.is_ascii_lowercase())
            || letter.chars().all(|c| c.is_ascii_digit())
            || letter.chars().all(|c| c.is_ascii_uppercase()))
        && (rest.starts_with("From ") || rest.starts_with("Subsection ") || rest.starts_with("Subsections ")))
    .then_some(letter)
}

/// Reads a reason paragraph.
pub fn parse(text: &str) -> Option<Reason> {
    let letter = letter(text)?.to_string();
    if let Some(reason) = parse_captioned(text, &letter) {
        return Some(reason);
    }
    let mut pos = text.find("From ")? + "From ".len();
    let rest = &text[pos..];
    let noun = if rest.starts_with("subsections ") {
        "subsections "
    } else if rest.starts_with("subsection ") {
        "subsection "
    } else if rest.starts_with("paragraphs ") {
        "paragraphs "
    } else if rest.starts_with("paragraph ") {
        "paragraph "
    } else {
        ""
    };
    pos += noun.len();
    let mut groups = Vec::new();
    loop {
        let (end, list) = citation_run(text, pos)?;
        let (subsections, unread) =
            parse_citation_list_leniently(list.trim().trim_end_matches(',').trim_end_matches(" and").trim())?;
        pos = end;
        let mut heading = None;
        let after = &text[pos..];
        let ws = after.len() - after.trim_start().len();
        if after[ws..].starts_with('(')
            && let Some(close) = balanced(&after[ws..])
        {
            heading = Some(after[ws + 1..ws + close].trim().to_string());
            pos += ws + close + 1;
        }
        groups.push(Group { subsections, heading, unread });
        // Another group: " and (f) (Agency Rules)" or ", (g) (...)".
        let after = &text[pos..];
        let joined = after
            .strip_prefix(", and ")
            .or_else(|| after.strip_prefix(" and "))
            .or_else(|| after.strip_prefix(", "))
            .map(|r| (after.len() - r.len(), r));
        match joined {
            Some((skip, r)) if r.starts_with('(') && citation_run(r, 0).is_some() => pos += skip,
            _ => break,
        }
    }
    let after = &text[pos..];
    let after = after.strip_prefix(',').unwrap_or(after);
    let ws = after.len() - after.trim_start().len();
    let text_start = text.len() - after.len() + ws;
    Some(Reason { letter, groups, text_start, leadin: crate::model::Leadin::From })
}

/// The provisions a reason opens with in a preamble's own words, with or without a number:
/// "(1) Subsections (c)(3) and (c)(4), accounting of disclosures. ...", "\*Subsections (d)(1)
/// through (d)(4).\* Granting ...", "(1) From 5 U.S.C. 552a(c)(3), because ...". None when the
/// paragraph does not open with "From" or "Subsection(s)" (after its number) and citations.
pub fn written_provisions(text: &str) -> Option<Vec<Subsection>> {
    let mut t = text.trim_start();
    if let Some(rest) = t.strip_prefix('(')
        && let Some(close) = rest.find(')')
        && close <= 5
        && rest[..close].chars().all(|c| c.is_ascii_alphanumeric())
    {
        t = rest[close + 1..].trim_start();
    }
    t = t.trim_start_matches(['*', '_']);
    let mut opened = false;
    for word in ["From ", "Subsections ", "Subsection ", "subsections ", "subsection "] {
        if let Some(rest) = t.strip_prefix(word) {
            t = rest;
            opened = true;
        }
    }
    t = t.strip_prefix("5 U.S.C. 552a").unwrap_or(t);
    if !opened {
        return None;
    }
    let (_, list) = citation_run(text, text.len() - t.len())?;
    let (subsections, _) =
        parse_citation_list_leniently(list.trim().trim_end_matches(',').trim_end_matches(" and").trim())?;
    (!subsections.is_empty()).then_some(subsections)
}

/// Reads a reason that opens with its provisions as a sentence of their own, as DOJ words some:
/// "(1) Subsection (c)(3). To provide the subject ...", "(5) Subsections (e)(2) and (3). To
/// collect ...".
fn parse_captioned(text: &str, letter: &str) -> Option<Reason> {
    let close = text.find(')')?;
    let rest = text[close + 1..].trim_start();
    let offset = text.len() - rest.len();
    let noun = ["Subsections ", "Subsection "].into_iter().find(|n| rest.starts_with(n))?;
    let pos = offset + noun.len();
    let (end, list) = citation_run(text, pos)?;
    let after = &text[end..];
    let sentence = after.strip_prefix('.')?;
    if !(sentence.is_empty() || sentence.starts_with(char::is_whitespace)) {
        return None;
    }
    let subsections = parse_citation_list(list.trim().trim_end_matches(',').trim()).ok()?;
    let ws = sentence.len() - sentence.trim_start().len();
    Some(Reason {
        letter: letter.to_string(),
        groups: vec![Group { subsections, heading: None, unread: Vec::new() }],
        text_start: end + 1 + ws,
        leadin: crate::model::Leadin::Subsection,
    })
}

/// The citations starting at `pos`: "(c)(3) and (4)", "(e)(4)(G), (e)(4)(H), and (e)(4)(I)".
/// Stops before a parenthetical that is not a citation part.
fn citation_run(text: &str, pos: usize) -> Option<(usize, &str)> {
    let mut i = pos;
    let mut end = pos;
    loop {
        let rest = &text[i..];
        if rest.starts_with('(') {
            let close = rest.find(')')?;
            let inner = rest[1..close].trim();
            if inner.is_empty() || inner.len() > 4 || !inner.chars().all(|c| c.is_ascii_alphanumeric()) {
                break;
            }
            i += close + 1;
            end = i;
            continue;
        }
        let mut advanced = false;
        for sep in [", and ", ", or ", " and ", " or ", ", ", " through ", "\u{2013}", "\u{2014}", "-", " "] {
            if rest.starts_with(sep) && text[i + sep.len()..].starts_with('(') {
                // Only a part of a citation list if what follows is a citation part.
                let next = &text[i + sep.len()..];
                let close = next.find(')').unwrap_or(0);
                let inner = next.get(1..close).unwrap_or("").trim();
                if !inner.is_empty() && inner.len() <= 4 && inner.chars().all(|c| c.is_ascii_alphanumeric()) {
                    i += sep.len();
                    advanced = true;
                }
                break;
            }
        }
        if !advanced {
            break;
        }
    }
    (end > pos).then(|| (end, &text[pos..end]))
}

/// The index of the parenthesis closing the one at 0.
fn balanced(text: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subs(g: &Group) -> Vec<String> {
        g.subsections.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn provisions_of_reasons_in_a_preamble() {
        let read = |t: &str| written_provisions(t).map(|s| s.iter().map(ToString::to_string).collect::<Vec<_>>());
        assert_eq!(
            read("(1) Subsections (c)(3) and (c)(4), accounting of disclosures. Release ...").unwrap(),
            ["(c)(3)", "(c)(4)"]
        );
        assert_eq!(
            read("(4) Subsections (e)(4)(G), (H) and (I), and (f). The system ...").unwrap(),
            ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(f)"]
        );
        assert_eq!(
            read("*Subsections (f)(2) through (f)(5).* Because ...").unwrap(),
            ["(f)(2)", "(f)(3)", "(f)(4)", "(f)(5)"]
        );
        assert_eq!(
            read("(2) From 5 U.S.C. 552a(d)(1), (2), (3), and (4), because ...").unwrap(),
            ["(d)(1)", "(d)(2)", "(d)(3)", "(d)(4)"]
        );
        assert_eq!(read("*Regulatory Flexibility Act.* We certify ..."), None);
        assert_eq!(read("(1) The system holds records (c)(3)."), None);
    }

    #[test]
    fn one_group_with_heading() {
        let t = "(a) From subsection (c)(3) and (4) (Accounting for Disclosures) because release of the accounting.";
        let r = parse(t).unwrap();
        assert_eq!(r.letter, "a");
        assert_eq!(r.groups.len(), 1);
        assert_eq!(subs(&r.groups[0]), ["(c)(3)", "(c)(4)"]);
        assert_eq!(r.groups[0].heading.as_deref(), Some("Accounting for Disclosures"));
        assert!(t[r.text_start..].starts_with("because release"));
    }

    #[test]
    fn several_headings_become_covers() {
        let t = "(f) From subsections (e)(4)(G), (e)(4)(H), and (e)(4)(I) (Agency Requirements) and (f) (Agency Rules), because portions of this system are exempt.";
        let r = parse(t).unwrap();
        assert_eq!(r.groups.len(), 2);
        assert_eq!(subs(&r.groups[0]), ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]);
        assert_eq!(r.groups[1].heading.as_deref(), Some("Agency Rules"));
        assert!(t[r.text_start..].starts_with("because portions"));
    }

    #[test]
    fn shorthand_and_no_heading() {
        let r = parse("(b) From subsections (e)(4)(G), (H), and (I) because they do not apply.").unwrap();
        assert_eq!(subs(&r.groups[0]), ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]);
        assert_eq!(r.groups[0].heading, None);
        let r = parse("(i) From subsection (g)(1) (Civil Remedies) to the extent that the system is exempt.").unwrap();
        assert_eq!(subs(&r.groups[0]), ["(g)(1)"]);
        assert_eq!(r.groups[0].heading.as_deref(), Some("Civil Remedies"));
    }

    #[test]
    fn numbered_with_several_provisions() {
        let t =
            "(2) From subsections (c)(4), (d), (e)(4)(G) and (H), (f) and (g) because these provisions concern access.";
        let r = parse(t).unwrap();
        assert_eq!(r.letter, "2");
        assert_eq!(r.groups.len(), 1);
        assert_eq!(subs(&r.groups[0]), ["(c)(4)", "(d)", "(e)(4)(G)", "(e)(4)(H)", "(f)", "(g)"]);
        assert_eq!(r.groups[0].heading, None);
        assert!(t[r.text_start..].starts_with("because these"));
        let r = parse("(1) From subsection (c)(3) because disclosure would reveal investigative interest.").unwrap();
        assert_eq!(r.letter, "1");
        assert_eq!(subs(&r.groups[0]), ["(c)(3)"]);
        let r = parse("(12) From subsection (e)(5) because accuracy cannot be determined in advance.").unwrap();
        assert_eq!(r.letter, "12");
    }

    #[test]
    fn not_a_reason() {
        assert!(parse("(1) Exemptions from the particular subsections are justified").is_none());
        assert!(parse("(1a) From subsection (c)(3) because").is_none());
        assert!(parse("(a) To the DOJ, including Offices of the United States Attorneys.").is_none());
        assert!(parse("Exemptions from these particular subsections are justified").is_none());
    }

    #[test]
    fn reasons_that_open_with_their_provisions_as_a_sentence() {
        let text = "(5) Subsections (e)(2) and (3). To collect information from the subject would alert the subject.";
        let r = parse(text).unwrap();
        assert_eq!(r.letter, "5");
        assert_eq!(r.leadin, crate::model::Leadin::Subsection);
        let subs: Vec<String> = r.groups[0].subsections.iter().map(ToString::to_string).collect();
        assert_eq!(subs, ["(e)(2)", "(e)(3)"]);
        assert!(text[r.text_start..].starts_with("To collect"));
        let one = parse("(1) Subsection (c)(3). To provide an accounting could alert the subject.").unwrap();
        assert_eq!(one.groups[0].subsections.len(), 1);
        assert!(parse("(1) Subsection (c)(3) is not a sentence").is_none());
    }
}
