//! Claim sentences back into typed claims, one per authority, in any agency's wording (read by
//! [`crate::statute::claim_statements`]): "The Secretary of Homeland Security, pursuant to 5 U.S.C.
//! 552a(j)(2), has exempted this system from the following provisions of the Privacy Act: 5 U.S.C.
//! 552a(c)(3), (c)(4); (d); … and (g).", "The Attorney General has exempted this system from
//! subsections (c)(3) and (4); … of the Privacy Act pursuant to 5 U.S.C. 552a(j)(2).", "Pursuant to
//! 5 U.S.C. 552a(k)(2), the Department has exempted this system from the following provisions …".
//!
//! Sentences that sorn's generated claim sentences reproduce word for word (DHS's wording) give an
//! `official` and are generated again; any other wording is kept as the source's `wording`.

use std::ops::Range;

use crate::model::{Claim, Loc, Provisions};
use crate::statute::{Authority, ClaimStatement, StatedClaim, Subsection, claim_statements, stated_claims};

/// Claim sentences found in a text.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimsFound {
    /// Byte range of the sentences in the text, from the first claim sentence to the end of the
    /// last.
    pub range: Range<usize>,
    /// Who exempts, when sorn's generated sentences say word for word what the text says: "the
    /// Secretary of Homeland Security". `None`: the text's wording is the agency's own.
    pub official: Option<String>,
    /// The statements read.
    pub statements: Vec<ClaimStatement>,
    /// The claims they make, one per authority.
    pub stated: Vec<StatedClaim>,
}

impl ClaimsFound {
    /// (authority, provisions), one per authority in order of first mention.
    pub fn claims(&self) -> Vec<(Authority, Vec<Subsection>)> {
        self.stated.iter().map(|c| (c.authority, c.provisions.clone())).collect()
    }

    /// The claims as the model types them.
    pub fn to_model(&self) -> Vec<Claim> {
        to_model(&self.stated)
    }

    /// Whether an item of a claim list names no provision (kept as written in the claim).
    pub fn has_unread(&self) -> bool {
        self.stated.iter().any(|c| !c.unread.is_empty())
    }

    /// The sentences sorn prints for these claims, when sorn generates them and they differ from
    /// `written` (in punctuation; the words are the same).
    pub fn normalized(&self, written: &str) -> Option<String> {
        let official = self.official.as_ref()?;
        let generated = crate::lower::claim_sentences(official, &self.to_model());
        (super::preamble::squash(&generated) != super::preamble::squash(written)).then_some(generated)
    }
}

/// Claims as the model types them; an item that names no provision is kept as written, after the
/// provisions, for the check to report at its place.
pub fn to_model(claims: &[StatedClaim]) -> Vec<Claim> {
    claims
        .iter()
        .map(|c| {
            let mut claim = Claim::of(c.authority, &c.provisions);
            if !c.unread.is_empty() {
                let mut elements: Vec<Loc<String>> = claim.subsections.elements().map(|e| e.map_str()).collect();
                elements.extend(c.unread.iter().map(|u| Loc::synthetic(u.clone())));
                claim.subsections = Provisions::read(elements);
            }
            claim
        })
        .collect()
}

/// The claims of several runs of statements together, one per authority in order of first
/// mention.
pub fn merged(runs: &[&ClaimsFound]) -> Vec<StatedClaim> {
    let mut out: Vec<StatedClaim> = Vec::new();
    for claim in runs.iter().flat_map(|r| &r.stated) {
        match out.iter_mut().find(|c| c.authority == claim.authority) {
            Some(same) => {
                for p in &claim.provisions {
                    if !same.provisions.contains(p) {
                        same.provisions.push(*p);
                    }
                }
                for u in &claim.unread {
                    if !same.unread.contains(u) {
                        same.unread.push(u.clone());
                    }
                }
            }
            None => out.push(claim.clone()),
        }
    }
    out
}

/// Finds the claim sentences of a text: every claim statement in it, from the first to the last.
pub fn find(text: &str) -> Option<ClaimsFound> {
    let statements = claim_statements(text);
    let range = statements.first()?.sentence.start..statements.last()?.sentence.end;
    let written = &text[range.clone()];
    let stated = stated_claims(text, &statements);
    let official = generated_official(written, &to_model(&stated));
    Some(ClaimsFound { range, official, statements, stated })
}

/// Who exempts, if the sentences sorn generates for `claims` say word for word what `written`
/// says (punctuation aside): the words before "pursuant to" in the first sentence.
fn generated_official(written: &str, claims: &[Claim]) -> Option<String> {
    let who = written.split(" pursuant to ").next()?.trim().trim_end_matches(',').trim();
    if who.is_empty() || who == written.trim() || who.split_whitespace().count() > 16 {
        return None;
    }
    let who = lower_first(who);
    let generated = crate::lower::claim_sentences(&who, claims);
    (words(&generated) == words(written)).then_some(who)
}

/// The words of a text without the punctuation around them.
fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().map(|w| w.trim_matches([',', ';', ':', '.'])).filter(|w| !w.is_empty()).collect()
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

    fn shown(found: &ClaimsFound) -> Vec<(String, usize)> {
        found.claims().iter().map(|(a, p)| (a.to_string(), p.len())).collect()
    }

    #[test]
    fn dhs_wording_is_generated() {
        let found = find(DHS).unwrap();
        assert_eq!(found.official.as_deref(), Some("the Secretary of Homeland Security"));
        assert_eq!(shown(&found), [("(j)(2)".to_string(), 13), ("(k)(2)".to_string(), 8)]);
        assert!(DHS[found.range.end..].trim_start().starts_with("When a record"));
        assert_eq!(found.range.start, 0);
        // The missing comma after "(k)(2)" is the only difference: normalized.
        let generated = found.normalized(&DHS[found.range.clone()]).unwrap();
        assert!(generated.contains("552a(k)(2), has exempted"), "{generated}");
    }

    #[test]
    fn text_before_the_claims() {
        let text = "75. The system holds records. The Attorney General, pursuant to 5 U.S.C. 552a(k)(2), has exempted this system from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3) and (d).";
        let found = find(text).unwrap();
        assert!(text[..found.range.start].ends_with("records. "));
        assert_eq!(found.official.as_deref(), Some("the Attorney General"));
        assert_eq!(shown(&found), [("(k)(2)".to_string(), 2)]);
        assert_eq!(found.normalized(&text[found.range.clone()]), None);
    }

    #[test]
    fn other_wordings_keep_their_words() {
        for (text, claims) in [
            (
                "The Attorney General has exempted this system from subsections (c)(3) and (4); (d); (e)(1), (2), and (3); (e)(4)(G) and (H); (e)(5); (e)(8); (f); and (g) of the Privacy Act pursuant to 5 U.S.C. 552a(j)(2). In addition, the Attorney General has exempted this system from subsections (c)(3), (d), (e)(1), (e)(4)(G) and (H), and (f) pursuant to 5 U.S.C. 552a(k)(1) and (k)(2).",
                vec![("(j)(2)", 12), ("(k)(1)", 6), ("(k)(2)", 6)],
            ),
            (
                "Pursuant to 5 U.S.C. 552a(k)(2), the Department of Example Affairs has exempted this system from the following provisions of the Privacy Act: subsections (c)(3), (d)(1), (d)(2), (d)(3), (d)(4), (e)(1), (e)(4)(G), (e)(4)(H), (e)(4)(I), and (f).",
                vec![("(k)(2)", 10)],
            ),
            (
                "This system is exempt from 5 U.S.C. 552a(c)(3), (d), and (f) under 5 U.S.C. 552a(k)(5).",
                vec![("(k)(5)", 3)],
            ),
            (
                "Records in this system have been designated exempt from 5 U.S.C. 552a(c)(3) and (d) pursuant to 5 U.S.C. 552a(k)(1), (k)(2), and (k)(5).",
                vec![("(k)(1)", 2), ("(k)(2)", 2), ("(k)(5)", 2)],
            ),
            (
                "DHS is proposing to exempt this system from the following provisions of the Privacy Act pursuant to 5 U.S.C. 552a(k)(2): 5 U.S.C. 552a(c)(3); (d); and (f).",
                vec![("(k)(2)", 3)],
            ),
            // DHS's own form with other words ("has been exempted"): kept as written.
            (
                "The Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(k)(2), has been exempted this system from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3) and (d).",
                vec![("(k)(2)", 2)],
            ),
        ] {
            let found = find(text).unwrap_or_else(|| panic!("no claims in {text}"));
            assert_eq!(found.official, None, "{text}");
            assert_eq!(found.range, 0..text.len(), "{text}");
            let expected: Vec<(String, usize)> = claims.iter().map(|(a, n)| (a.to_string(), *n)).collect();
            assert_eq!(shown(&found), expected, "{text}");
            assert_eq!(found.normalized(text), None);
        }
    }

    #[test]
    fn other_wording_is_not_a_claim() {
        assert!(find("None.").is_none());
        assert!(find("FHFA has claimed exemptions for this system under 5 U.S.C. 552a(k)(5).").is_none());
        assert!(
            find("Exemptions for this system are proposed in a notice of proposed rulemaking published elsewhere in this issue of the Federal Register.")
                .is_none()
        );
    }
}
