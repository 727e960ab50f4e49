//! Claim sentences: "The Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(j)(2), has
//! exempted this system from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3),
//! (c)(4); (d); … and (g). Additionally, …" back into typed claims, one per authority.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Claim, Loc};
use crate::statute::{Authority, Subsection, parse_citation_list};

/// Claim sentences found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimsFound {
    /// Byte range of the sentences in the text.
    pub range: Range<usize>,
    /// Who exempts, as the sentences name them, in lower case: "the Secretary of Homeland Security".
    pub official: String,
    /// (authority, provisions), in order.
    pub claims: Vec<(Authority, Vec<Subsection>)>,
}

impl ClaimsFound {
    /// The claims as the model types them.
    pub fn to_model(&self) -> Vec<Claim> {
        self.claims
            .iter()
            .map(|(a, subs)| Claim {
                authority: Loc::synthetic(a.to_string()),
                subsections: subs.iter().map(|s| Loc::synthetic(s.to_string())).collect(),
            })
            .collect()
    }

    /// The sentences sorn prints for these claims, when they differ from `written` (more than in
    /// spacing).
    pub fn normalized(&self, written: &str) -> Option<String> {
        let generated = crate::lower::claim_sentences(&self.official, &self.to_model());
        (super::preamble::squash(&generated) != super::preamble::squash(written)).then_some(generated)
    }
}

static CORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i),?\s+pursuant to\s+5\s+U\.\s?S\.\s?C\.\s*552a\s*(\(\s*[jk]\s*\)\s*\(\s*\d\s*\)),?\s+(?:has|have|is|are)\s+(?:been\s+)?exempted\s+this system\s+from the following provisions of the Privacy Act(?: of 1974)?,?:?\s*(?:5\s+U\.\s?S\.\s?C\.\s*552a\s*)?",
    )
    .expect("valid pattern")
});

/// Finds the first run of claim sentences in a text.
pub fn find(text: &str) -> Option<ClaimsFound> {
    let mut claims = Vec::new();
    let mut official: Option<String> = None;
    let mut range: Option<Range<usize>> = None;
    let mut from = 0;
    while let Some(caps) = CORE.captures_at(text, from) {
        let whole = caps.get(0)?;
        let sentence_start = sentence_start(text, whole.start());
        if let Some(r) = &range
            && !text[r.end..sentence_start].trim().is_empty()
        {
            break;
        }
        let who = text[sentence_start..whole.start()].trim();
        let who = who.strip_prefix("Additionally,").map(str::trim).unwrap_or(who);
        let who = lower_first(who);
        if who.is_empty() || who.split_whitespace().count() > 16 {
            break;
        }
        match &official {
            Some(o) if *o != who => break,
            _ => official = Some(who),
        }
        let authority: Authority = caps.get(1)?.as_str().replace(' ', "").parse().ok()?;
        let list_start = whole.end();
        let list_end = list_end(text, list_start);
        let list = &text[list_start..list_end];
        let Ok(subsections) = parse_citation_list(list.trim_end_matches('.')) else { break };
        claims.push((authority, subsections));
        let end = if text[list_end..].starts_with('.') { list_end + 1 } else { list_end };
        range = Some(range.map_or(sentence_start..end, |r| r.start..end));
        from = end;
    }
    Some(ClaimsFound { range: range?, official: official?, claims })
}

/// Where the sentence containing `at` begins.
fn sentence_start(text: &str, at: usize) -> usize {
    let before = &text[..at];
    let mut idx = before.len();
    while let Some(i) = before[..idx].rfind(". ") {
        // "U.S.C. 552a" or an initial does not end a sentence.
        let word = before[..i].rsplit(' ').next().unwrap_or("");
        if word.len() <= 2 || word.contains('.') {
            idx = i;
            continue;
        }
        return i + 2;
    }
    0
}

/// The end of a citation list: the first period that is followed by a space or the end.
fn list_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let mut i = 0;
    while let Some(p) = rest[i..].find('.') {
        let at = i + p;
        let next = rest[at + 1..].chars().next();
        if next.is_none_or(char::is_whitespace) {
            return from + at;
        }
        i = at + 1;
    }
    text.len()
}

fn lower_first(s: &str) -> String {
    let mut words = s.splitn(2, ' ');
    match (words.next(), words.next()) {
        (Some(first), Some(rest)) if matches!(first, "The" | "This" | "That") => {
            format!("{} {rest}", first.to_lowercase())
        }
        _ => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DHS: &str = "The Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(j)(2), has exempted this system from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3), (c)(4); (d); (e)(1), (e)(2), (e)(3), (e)(4)(G), (e)(4)(H), (e)(4)(I), (e)(5), (e)(8); (f); and (g). Additionally, the Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(k)(2) has exempted this system from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3), (c)(4); (d); (e)(1), (e)(4)(G), (e)(4)(H), (e)(4)(I); and (f). When a record received from another system has been exempted, DHS will claim the same exemptions.";

    #[test]
    fn reads_both_sentences() {
        let found = find(DHS).unwrap();
        assert_eq!(found.official, "the Secretary of Homeland Security");
        assert_eq!(found.claims.len(), 2);
        assert_eq!(found.claims[0].0.to_string(), "(j)(2)");
        assert_eq!(found.claims[0].1.len(), 13);
        assert_eq!(found.claims[1].0.to_string(), "(k)(2)");
        assert_eq!(found.claims[1].1.len(), 8);
        assert!(DHS[found.range.end..].trim_start().starts_with("When a record"));
        assert_eq!(found.range.start, 0);
    }

    #[test]
    fn text_before_the_claims() {
        let text = "75. The system holds records. The Attorney General, pursuant to 5 U.S.C. 552a(k)(2), has exempted this system from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3) and (d).";
        let found = find(text).unwrap();
        assert!(text[..found.range.start].ends_with("records. "));
        assert_eq!(found.official, "the Attorney General");
        assert_eq!(found.claims[0].1.len(), 2);
    }

    #[test]
    fn other_wording_is_not_a_claim() {
        assert!(find("None.").is_none());
        assert!(find("This system is exempt under 5 U.S.C. 552a(k)(2) from subsections (c)(3) and (d).").is_none());
    }
}
