//! Claim statements: the sentences of a SORN or an exemption rule that say under which authority a
//! system is exempted from which provisions, in any agency's wording.
//!
//! Agencies word the same claim many ways. DHS prints "The Secretary of Homeland Security, pursuant
//! to 5 U.S.C. 552a(j)(2), has exempted this system from the following provisions of the Privacy
//! Act: 5 U.S.C. 552a(c)(3), (c)(4); (d); … and (g)." DOJ puts the authority last: "The Attorney
//! General has exempted this system from subsections (c)(3) and (4); (d); … and (g) of the Privacy
//! Act pursuant to 5 U.S.C. 552a(j)(2)." OMB Circular A-108 notices open with it: "Pursuant to 5
//! U.S.C. 552a(k)(2), the Department has exempted this system from the following provisions of the
//! Privacy Act: subsections (c)(3), (d)(1), …". Others write "This system is exempt from 5 U.S.C.
//! 552a(c)(3), (d) … under 5 U.S.C. 552a(k)(2)", "have been designated exempt from", or propose the
//! exemption ("is proposing to exempt").
//!
//! What they share is what [`claim_statements`] reads: a sentence that speaks of exempting (and
//! does not deny it), with a list of exemption authorities ((j)(1), (j)(2), (k)(1)–(k)(7)) and a
//! list of provisions of 5 U.S.C. 552a. A list counts only where a citation of 552a can stand:
//! after "552a", "subsection(s)", "section(s)", "from", "under", "to", "exemption(s)" (DHS's older
//! "Pursuant to exemptions (j)(2), (k)(1), (k)(2) and (k)(5) of the Privacy Act") or a colon, so "5 U.S.C. 553(b),
//! (c), and (e)" or "28 CFR 16.96(w)" in the same sentence are left alone.

use std::ops::Range;

use super::citation_list::{eat_range_operator, parse_citation_list};
use super::lex::Cursor;
use super::{Authority, Subsection};

/// One claim read out of prose: the authorities a sentence names and the provisions it exempts
/// under each of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimStatement {
    /// Byte range of the sentence, its final period included.
    pub sentence: Range<usize>,
    /// The authorities, in the order written: "pursuant to 5 U.S.C. 552a(k)(1), (k)(2), and
    /// (k)(5)" claims the same provisions under each.
    pub authorities: Vec<Authority>,
    /// Byte range of the authorities' citation list (from the first to the last, when the sentence
    /// names them in several places).
    pub authorities_span: Range<usize>,
    /// The exempted provisions, in the order written.
    pub provisions: Vec<Subsection>,
    /// Byte range of the provisions' citation list.
    pub provisions_span: Range<usize>,
    /// Byte ranges of the items of the provisions' list that name no provision of 552a, such as
    /// "(e)(13)": the statement is read without them, and they are kept as written so that the
    /// claim keeps them and the check reports each at its place.
    pub unread: Vec<Range<usize>>,
}

/// The claim a run of statements makes under one authority.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedClaim {
    /// The authority.
    pub authority: Authority,
    /// The provisions, in the order written (a provision a later statement repeats counts once).
    pub provisions: Vec<Subsection>,
    /// The items that name no provision, as written.
    pub unread: Vec<String>,
}

/// Every claim statement in `text`, in order.
///
/// A sentence that names authorities and provisions in pairs ("exempt under 5 U.S.C. 552a(j)(2)
/// from … and under 5 U.S.C. 552a(k)(2) from …") gives one statement per pair; one list of
/// provisions with several lists of authorities, or the reverse, gives one statement. A sentence
/// whose lists cannot be paired is not read.
///
/// ```
/// # use sorn::statute::claim_statements;
/// let text = "The Attorney General has exempted this system from subsections (c)(3) and (4); (d); \
///             and (g) of the Privacy Act pursuant to 5 U.S.C. 552a(j)(2). Rules have been \
///             promulgated in accordance with 5 U.S.C. 553(b), (c), and (e).";
/// let found = claim_statements(text);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].authorities[0].to_string(), "(j)(2)");
/// assert_eq!(found[0].provisions.len(), 4);
/// assert!(text[found[0].sentence.clone()].ends_with("552a(j)(2)."));
/// ```
pub fn claim_statements(text: &str) -> Vec<ClaimStatement> {
    let sentences = sentences(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < sentences.len() {
        let found = statements_in(text, sentences[i].clone());
        if found.is_empty() {
            let paired = sentences
                .get(i + 1)
                .map(|next| list_then_authority(text, sentences[i].clone(), next.clone()))
                .unwrap_or_default();
            if !paired.is_empty() {
                out.extend(paired);
                i += 2;
                continue;
            }
        }
        out.extend(found);
        i += 1;
    }
    out
}

/// The Department of Justice's section paragraphs give the list and the authority in two
/// sentences: "The following system of records is exempted from 5 U.S.C. 552a(c)(3) and (4); (d);
/// … : Name (JUSTICE/CRT-023). These exemptions apply only to the extent that information in this
/// system is subject to exemption pursuant to 5 U.S.C. 552a(j)(2) and (k)(2)."
///
/// "To the extent" claims the list under each authority named as far as it reaches ([`claimed`]),
/// so the sentences type as a (j)(2) claim and a (k)(2) claim.
fn list_then_authority(text: &str, first: Range<usize>, second: Range<usize>) -> Vec<ClaimStatement> {
    let body = &text[first.clone()];
    let Some(exempt_at) = exempt_word(body) else { return Vec::new() };
    if denied(&body[..exempt_at]) {
        return Vec::new();
    }
    let lists = coalesce(text, runs(text, first.clone()));
    if lists.is_empty() || lists.iter().any(|r| r.authorities) {
        return Vec::new();
    }
    let then = text[second.clone()].to_ascii_lowercase();
    // DoD's blocks give the authorities alone under their own caption: "(ii) Authority: 5 U.S.C.
    // 552a(j)(2) and (k)(1) ...".
    let bare = then.trim_start().starts_with("5 u.s.c. 552a(j)") || then.trim_start().starts_with("5 u.s.c. 552a(k)");
    if !(then.contains("extent") || then.contains("pursuant to") || bare) {
        return Vec::new();
    }
    let grounds = coalesce(text, runs(text, second.clone()));
    if grounds.is_empty() || grounds.iter().any(|r| !r.authorities) {
        return Vec::new();
    }
    let grounds: Vec<&Run> = grounds.iter().collect();
    let lists: Vec<&Run> = lists.iter().collect();
    claimed(first.start..second.end, &grounds, &lists)
}

/// The statements one list of provisions makes under the authorities named with it.
///
/// Several authorities named for one list claim it each as far as it reaches ("portions of this
/// system are exempt", "to the extent that"): a general authority every provision listed; beside
/// one, a specific authority the listed provisions 552a(k) lets it reach. Without a general
/// authority each specific one claims the whole list (and a provision (k) cannot reach is the
/// `unauthorized-exemption` it is). Authorities that claim the same provisions share a statement.
fn claimed(sentence: Range<usize>, grounds: &[&Run], lists: &[&Run]) -> Vec<ClaimStatement> {
    let (Some(g0), Some(gn), Some(l0), Some(ln)) = (grounds.first(), grounds.last(), lists.first(), lists.last())
    else {
        return Vec::new();
    };
    let mut named: Vec<Authority> = Vec::new();
    for a in grounds.iter().flat_map(|r| &r.citations).filter_map(authority_of) {
        if !named.contains(&a) {
            named.push(a);
        }
    }
    let provisions: Vec<Subsection> = lists.iter().flat_map(|r| r.citations.iter().copied()).collect();
    let unread: Vec<Range<usize>> = lists.iter().flat_map(|r| r.unread.iter().cloned()).collect();
    let general = named.iter().any(Authority::is_general);
    let mut out: Vec<ClaimStatement> = Vec::new();
    for authority in named {
        let reached: Vec<Subsection> = if general && authority.is_specific() {
            provisions.iter().copied().filter(|p| authority.may_exempt(p).is_allowed()).collect()
        } else {
            provisions.clone()
        };
        if reached.is_empty() && unread.is_empty() {
            continue;
        }
        // An item that names nothing stays with the general authority, which claims every item
        // listed; so it is reported once, not once per authority.
        let own_unread = if general && authority.is_specific() { Vec::new() } else { unread.clone() };
        match out.iter_mut().find(|s| s.provisions == reached && s.unread == own_unread) {
            Some(same) => same.authorities.push(authority),
            None => out.push(ClaimStatement {
                sentence: sentence.clone(),
                authorities: vec![authority],
                authorities_span: g0.span.start..gn.span.end,
                provisions: reached,
                provisions_span: l0.span.start..ln.span.end,
                unread: own_unread,
            }),
        }
    }
    out
}

/// The claims a run of statements makes, one per authority in order of first mention, each with
/// the provisions the statements give it in the order written (a provision that a later statement
/// repeats counts once) and the items that name nothing, as written in `text`.
pub fn stated_claims(text: &str, statements: &[ClaimStatement]) -> Vec<StatedClaim> {
    let mut claims: Vec<StatedClaim> = Vec::new();
    for statement in statements {
        let unread: Vec<String> =
            statement.unread.iter().filter_map(|r| text.get(r.clone())).map(|t| t.trim().to_string()).collect();
        for authority in &statement.authorities {
            let at = match claims.iter().position(|c| c.authority == *authority) {
                Some(at) => at,
                None => {
                    claims.push(StatedClaim { authority: *authority, provisions: Vec::new(), unread: Vec::new() });
                    claims.len() - 1
                }
            };
            let claim = &mut claims[at];
            for provision in &statement.provisions {
                if !claim.provisions.contains(provision) {
                    claim.provisions.push(*provision);
                }
            }
        }
        // An item that names nothing is one mistake however many authorities claim its list: it
        // stays with the first of them, where the check reports it once.
        if let Some(first) = statement.authorities.first()
            && let Some(claim) = claims.iter_mut().find(|c| c.authority == *first)
        {
            for item in &unread {
                if !claim.unread.contains(item) {
                    claim.unread.push(item.clone());
                }
            }
        }
    }
    claims
}

/// A citation list found in a sentence: of authorities, or of provisions.
struct Run {
    span: Range<usize>,
    citations: Vec<Subsection>,
    authorities: bool,
    /// Items of the list that name no provision.
    unread: Vec<Range<usize>>,
}

fn statements_in(text: &str, sentence: Range<usize>) -> Vec<ClaimStatement> {
    // "To the extent that the system is not exempt under 5 U.S.C. 552a(j)(2), it is exempt under
    // 5 U.S.C. 552a(k)(2) from ...": after a denied clause, the clause that follows may claim.
    let lower = text[sentence.clone()].to_ascii_lowercase();
    let mut start = 0;
    let mut from = 0;
    loop {
        let Some(exempt_at) = exempt_word_from(&lower, from) else { return Vec::new() };
        if !denied(&lower[start..exempt_at]) {
            break;
        }
        match lower[exempt_at..].find(", ") {
            Some(comma) => {
                start = exempt_at + comma + 2;
                from = start;
            }
            None => return Vec::new(),
        }
    }
    let sentence = sentence.start + start..sentence.end;
    let runs = coalesce(text, runs(text, sentence.clone()));
    let (grounds, lists): (Vec<&Run>, Vec<&Run>) = runs.iter().partition(|r| r.authorities);
    let groups: Vec<(Vec<&Run>, Vec<&Run>)> = match (grounds.len(), lists.len()) {
        (0, _) | (_, 0) => Vec::new(),
        (1, _) | (_, 1) => vec![(grounds, lists)],
        (g, l) if g == l => grounds.into_iter().zip(lists).map(|(a, p)| (vec![a], vec![p])).collect(),
        _ => Vec::new(),
    };
    groups.into_iter().flat_map(|(grounds, lists)| claimed(sentence.clone(), &grounds, &lists)).collect()
}

/// The exemption authority a citation is, if it is one.
fn authority_of(citation: &Subsection) -> Option<Authority> {
    Authority::ALL.into_iter().find(|a| a.citation() == *citation)
}

/// Joins runs of the same kind that only a repeated citation of the Act separates: "5 U.S.C.
/// 552a(k)(1) and 5 U.S.C. 552a(k)(2)", "552a(c)(3), 552a(d)".
fn coalesce(text: &str, runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for run in runs {
        if let Some(last) = out.last_mut()
            && last.authorities == run.authorities
            && text[last.span.end..run.span.start].split_whitespace().all(|w| {
                matches!(
                    w.trim_matches([',', ';']).to_ascii_lowercase().as_str(),
                    "" | "and" | "or" | "5" | "u.s.c." | "§" | "552a" | "subsection" | "subsections"
                )
            })
        {
            last.span.end = run.span.end;
            last.citations.extend(run.citations);
            last.unread.extend(run.unread);
            continue;
        }
        out.push(run);
    }
    out
}

/// Where the first word of the family "exempt" (exempt, exempted, exempts, exempting, exemption,
/// exemptions) begins.
fn exempt_word(sentence: &str) -> Option<usize> {
    exempt_word_from(&sentence.to_ascii_lowercase(), 0)
}

/// Where the first word of the family "exempt" begins at or after `from` in a lowercased text.
fn exempt_word_from(lower: &str, mut from: usize) -> Option<usize> {
    while let Some(found) = lower[from..].find("exempt") {
        let at = from + found;
        let before = lower[..at].chars().next_back();
        let rest = &lower[at + "exempt".len()..];
        let suffix_len = rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len());
        let suffix = &rest[..suffix_len];
        if !before.is_some_and(char::is_alphanumeric) && matches!(suffix, "" | "s" | "ed" | "ing" | "ion" | "ions") {
            return Some(at);
        }
        from = at + "exempt".len();
    }
    None
}

/// Whether the words just before "exempt" deny it: "is not exempt", "has not been exempted", "no
/// exemptions".
fn denied(before: &str) -> bool {
    before
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .any(|w| matches!(w.to_ascii_lowercase().as_str(), "not" | "no" | "never" | "neither" | "nor"))
}

/// The citation lists of 552a in a sentence, in order.
fn runs(text: &str, sentence: Range<usize>) -> Vec<Run> {
    let mut out = Vec::new();
    let mut at = sentence.start;
    while let Some(found) = text[at..sentence.end].find('(') {
        let start = at + found;
        match cites_552a(&text[sentence.start..start]).then(|| run_at(text, start, sentence.end)).flatten() {
            Some(run) => {
                at = run.span.end;
                out.push(run);
            }
            None => at = start + 1,
        }
    }
    out
}

/// Whether a citation list of 552a can begin right after `before`.
fn cites_552a(before: &str) -> bool {
    let head = before.trim_end();
    let tail = head.get(head.len().saturating_sub(4)..).unwrap_or("");
    if head.ends_with(':') || tail.eq_ignore_ascii_case("552a") {
        return true;
    }
    // "(w)" after "16.96" or "553" is another section's paragraph: the word is empty.
    let word = head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    matches!(
        word.to_ascii_lowercase().as_str(),
        "subsection" | "subsections" | "section" | "sections" | "from" | "under" | "to" | "exemption" | "exemptions"
    )
}

/// The citation list that begins at `start`, read as far as parts and separators continue, if the
/// whole of it is a list of citations of 552a.
fn run_at(text: &str, start: usize, end: usize) -> Option<Run> {
    let bounded = &text[..end];
    let mut cur = Cursor::new(bounded, start);
    let mut list_end = start;
    loop {
        let mut item = false;
        loop {
            // A part that does not close, as in "(Agency Rules)", is no part: read it on a copy.
            let mut probe = cur;
            let Ok(Some(_)) = probe.part(true) else { break };
            cur = probe;
            item = true;
        }
        if !item {
            break;
        }
        list_end = cur.pos();
        let mut next = cur;
        let mut separated = false;
        loop {
            next.skip_whitespace();
            if next.eat(',')
                || next.eat(';')
                || next.eat_word("and")
                || next.eat_word("or")
                || eat_range_operator(&mut next)
            {
                separated = true;
            } else {
                break;
            }
        }
        next.skip_whitespace();
        if !separated || next.peek() != Some('(') {
            break;
        }
        cur = next;
    }
    let (citations, unread) = read_leniently(text, start..list_end)?;
    let authorities = citations.iter().all(|c| authority_of(c).is_some());
    if authorities && !unread.is_empty() {
        // An authority list with an item that is no authority is not read as one.
        return None;
    }
    Some(Run { span: start..list_end, citations, authorities, unread })
}

/// Reads a citation list of published text, setting aside each item that names no provision:
/// "(c)(3), (e)(13), and (f)" gives (c)(3), (f) and "(e)(13)" as written. `None` when the text is
/// not written as a list of citations.
pub fn parse_citation_list_leniently(text: &str) -> Option<(Vec<Subsection>, Vec<String>)> {
    let (cited, unread) = read_leniently(text, 0..text.len())?;
    Some((cited, unread.into_iter().map(|r| text[r].trim().to_string()).collect()))
}

/// Reads a citation list, setting aside each item that names no provision ("(e)(13)") and reading
/// the rest: the good citations, and the byte ranges of the items set aside. `None` when the text
/// is not written as a list of citations.
fn read_leniently(text: &str, list: Range<usize>) -> Option<(Vec<Subsection>, Vec<Range<usize>>)> {
    // The items still read, as ranges of `text`.
    let mut kept: Vec<Range<usize>> = vec![list.clone()];
    let mut unread: Vec<Range<usize>> = Vec::new();
    // Each round sets one item aside, so there are at most as many rounds as items.
    for _ in 0..64 {
        let joined: String = kept.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>().join(", ");
        let error = match parse_citation_list(&joined) {
            Ok(citations) if !citations.is_empty() => return Some((citations, unread)),
            Ok(_) => return None,
            Err(e) => e,
        };
        // Map the error back to the text, and widen it to the item that holds it.
        let mut offset = 0;
        let mut at = None;
        for (k, r) in kept.iter().enumerate() {
            let len = r.end - r.start;
            if error.span().start <= offset + len {
                at = Some((k, r.start + error.span().start.saturating_sub(offset)));
                break;
            }
            offset += len + 2;
        }
        let (k, pos) = at?;
        let range = kept[k].clone();
        let item = item_around(text, range.clone(), pos.min(range.end));
        if item.is_empty() {
            return None;
        }
        unread.push(item.clone());
        kept.remove(k);
        for piece in [range.start..item.start, item.end..range.end] {
            let trimmed = trim_separators(text, piece);
            if !trimmed.is_empty() {
                kept.insert(k, trimmed);
            }
        }
        kept.sort_by_key(|r| r.start);
        if kept.is_empty() {
            // Every item was set aside: what was written is still a list of citations.
            return Some((Vec::new(), unread));
        }
    }
    None
}

/// The item of a list around `pos`: from the separator before it to the separator after it.
fn item_around(text: &str, within: Range<usize>, pos: usize) -> Range<usize> {
    let is_separator = |s: &str| s.starts_with([',', ';']) || s.starts_with(" and ") || s.starts_with(" or ");
    let mut start = pos;
    while start > within.start && !is_separator(&text[start..]) {
        start -= 1;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
    }
    let mut end = pos;
    while end < within.end && !is_separator(&text[end..]) {
        end += text[end..].chars().next().map_or(1, char::len_utf8);
    }
    trim_separators(text, start..end)
}

/// A range without the separators and spaces at its ends.
fn trim_separators(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let lead_trimmed = piece.trim_start_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    let lead_trimmed =
        lead_trimmed.strip_prefix("and ").or_else(|| lead_trimmed.strip_prefix("or ")).unwrap_or(lead_trimmed);
    let start = range.start + (piece.len() - lead_trimmed.len());
    let tail = lead_trimmed.trim_end_matches(|c: char| c.is_whitespace() || c == ',' || c == ';');
    let tail = tail.strip_suffix(" and").or_else(|| tail.strip_suffix(" or")).unwrap_or(tail);
    start..start + tail.len()
}

/// Words that end with a period without ending the sentence.
const ABBREVIATIONS: &[&str] = &[
    "no", "nos", "pub", "stat", "sec", "secs", "mr", "mrs", "ms", "dr", "jr", "sr", "st", "inc", "co", "corp", "ltd",
    "gen", "gov", "hon", "rep", "sen", "dept", "vol", "pt", "pp", "supp", "app", "seq", "cf", "vs", "v", "ave", "blvd",
    "rd", "ste", "fed", "reg", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

/// The sentences of a text, as byte ranges that keep their final period. A period ends a sentence
/// when a space (or the end) follows and the next word does not begin in lower case, unless it
/// closes an abbreviation: "U.S.C.", "No.", an initial.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c != '.' {
            continue;
        }
        let after = &text[i + 1..];
        let closers = after.len() - after.trim_start_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']']).len();
        let tail = &after[closers..];
        if !(tail.is_empty() || tail.starts_with(char::is_whitespace)) {
            continue;
        }
        if tail.trim_start().starts_with(char::is_lowercase) || abbreviation(&text[start..i]) {
            continue;
        }
        let end = i + 1 + closers;
        if !text[start..end].trim().is_empty() {
            out.push(start..end);
        }
        start = end;
    }
    if !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out.into_iter()
        .map(|r| {
            let s = &text[r.clone()];
            let lead = s.len() - s.trim_start().len();
            r.start + lead..r.end
        })
        .collect()
}

/// Whether the word before a period is an abbreviation: one with periods inside ("U.S.C"), a
/// single letter, or one of [`ABBREVIATIONS`].
fn abbreviation(before: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let word = word.trim_start_matches(['(', '"', '\u{201c}']);
    if word.contains(['{', '}']) {
        // A placeholder such as "({system.id})." ends a sentence like the value it stands for.
        return false;
    }
    if word.contains('.') && word.chars().any(char::is_alphabetic) {
        return true;
    }
    let mut letters = word.chars();
    if letters.next().is_some_and(char::is_alphabetic) && letters.next().is_none() {
        return true;
    }
    ABBREVIATIONS.contains(&word.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_then_its_authorities_alone_as_a_dod_block_gives_them() {
        let text = "This system of records is exempted from subsections (c)(3) and (4); (d); and (e)(1) of the Privacy Act. 5 U.S.C. 552a(j)(2) and (k)(2).";
        let claims = stated_claims(text, &claim_statements(text));
        let shown: Vec<String> = claims.iter().map(|c| format!("{} {}", c.authority, c.provisions.len())).collect();
        assert_eq!(shown, ["(j)(2) 4", "(k)(2) 3"]);
        let not_authorities =
            "This system of records is exempted from subsections (c)(3) and (d). See 5 U.S.C. 552a(j)(2).";
        assert!(claim_statements(not_authorities).is_empty());
    }

    /// (authority, provisions) of every statement, as text.
    fn read(text: &str) -> Vec<(Vec<String>, Vec<String>)> {
        claim_statements(text)
            .iter()
            .map(|s| {
                (
                    s.authorities.iter().map(ToString::to_string).collect(),
                    s.provisions.iter().map(ToString::to_string).collect(),
                )
            })
            .collect()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    const J2_DOJ: &[&str] = &[
        "(c)(3)",
        "(c)(4)",
        "(d)",
        "(e)(1)",
        "(e)(2)",
        "(e)(3)",
        "(e)(4)(G)",
        "(e)(4)(H)",
        "(e)(5)",
        "(e)(8)",
        "(f)",
        "(g)",
    ];

    #[test]
    fn dhs_wording() {
        let text = "The Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(j)(2), has exempted this system from \
                    the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3), (c)(4); (d); (e)(1), (e)(2); \
                    (f); and (g). Additionally, the Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(k)(2), \
                    has exempted this system from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3); \
                    (d); and (f). When a record received from another system has been exempted in that source system \
                    under 5 U.S.C. 552a(j)(2) or (k)(2), DHS will claim the same exemptions for those records.";
        assert_eq!(
            read(text),
            [
                (strings(&["(j)(2)"]), strings(&["(c)(3)", "(c)(4)", "(d)", "(e)(1)", "(e)(2)", "(f)", "(g)"])),
                (strings(&["(k)(2)"]), strings(&["(c)(3)", "(d)", "(f)"])),
            ]
        );
        let found = claim_statements(text);
        assert_eq!(&text[found[0].authorities_span.clone()], "(j)(2)");
        assert!(text[found[0].provisions_span.clone()].starts_with("(c)(3), (c)(4); (d)"));
        assert!(text[found[1].sentence.clone()].starts_with("Additionally"));
    }

    #[test]
    fn doj_wording_authority_last() {
        let text = "The Attorney General has exempted this system from subsections (c)(3) and (4); (d); (e)(1), (2), \
                    and (3); (e)(4)(G) and (H); (e)(5); (e)(8); (f); and (g) of the Privacy Act pursuant to 5 U.S.C. \
                    552a(j)(2). In addition, the Attorney General has exempted this system from subsections (c)(3), \
                    (d), (e)(1), (e)(4)(G) and (H), and (f) pursuant to 5 U.S.C. 552a(k)(1) and (k)(2). Rules have \
                    been promulgated in accordance with the requirements of 5 U.S.C. 553(b), (c), and (e), and have \
                    been published in the Federal Register. See 28 CFR 16.96.";
        assert_eq!(
            read(text),
            [
                (strings(&["(j)(2)"]), strings(J2_DOJ)),
                (
                    strings(&["(k)(1)", "(k)(2)"]),
                    strings(&["(c)(3)", "(d)", "(e)(1)", "(e)(4)(G)", "(e)(4)(H)", "(f)"])
                ),
            ]
        );
    }

    #[test]
    fn a108_wording_authority_first() {
        let text = "Pursuant to 5 U.S.C. 552a(k)(2), the Department of Example Affairs has exempted this system from \
                    the following provisions of the Privacy Act: subsections (c)(3), (d)(1), (d)(2), (d)(3), (d)(4), \
                    (e)(1), (e)(4)(G), (e)(4)(H), (e)(4)(I), and (f).";
        assert_eq!(
            read(text),
            [(
                strings(&["(k)(2)"]),
                strings(&[
                    "(c)(3)",
                    "(d)(1)",
                    "(d)(2)",
                    "(d)(3)",
                    "(d)(4)",
                    "(e)(1)",
                    "(e)(4)(G)",
                    "(e)(4)(H)",
                    "(e)(4)(I)",
                    "(f)"
                ])
            )]
        );
    }

    #[test]
    fn dod_wording_provisions_of_552a() {
        let text = "Pursuant to 5 U.S.C. 552a(k)(2), the DoD has exempted records maintained in this system from the \
                    following provisions of 5 U.S.C. 552a: (c)(3); (d)(1), (2), (3), and (4); (e)(1); (e)(4)(G), (H), \
                    and (I); and (f). In addition, when exempt records received from other systems of records become \
                    part of this system, the DoD also claims the same exemptions for those records. An exemption \
                    rule for this system has been promulgated in accordance with 5 U.S.C. 553(b)(1), (2), and (3), \
                    and (c) and published in 32 CFR part 310.";
        let found = read(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].1.len(), 10);
    }

    #[test]
    fn is_exempt_under_and_designated_exempt() {
        assert_eq!(
            read(
                "This system is exempt from 5 U.S.C. 552a(c)(3), (d), (e)(1), (e)(4)(G)–(I), and (f) under 5 U.S.C. 552a(k)(2)."
            ),
            [(
                strings(&["(k)(2)"]),
                strings(&["(c)(3)", "(d)", "(e)(1)", "(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(f)"])
            )]
        );
        assert_eq!(
            read(
                "Records in this system have been designated exempt from 5 U.S.C. 552a(c)(3) and (d) pursuant to 5 U.S.C. 552a(k)(5)."
            ),
            [(strings(&["(k)(5)"]), strings(&["(c)(3)", "(d)"]))]
        );
        assert_eq!(
            read(
                "The Department is proposing to exempt this system from subsections (c)(3) and (d) of the Privacy Act under subsection (k)(2)."
            ),
            [(strings(&["(k)(2)"]), strings(&["(c)(3)", "(d)"]))]
        );
    }

    #[test]
    fn several_authorities_claim_the_same_provisions() {
        let found = read(
            "Pursuant to 5 U.S.C. 552a(k)(1), (k)(2), and (k)(5), the Agency has exempted this system from the \
             following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3); (d); and (f).",
        );
        assert_eq!(found, [(strings(&["(k)(1)", "(k)(2)", "(k)(5)"]), strings(&["(c)(3)", "(d)", "(f)"]))]);
        let found = read("Pursuant to 5 U.S.C. 552a(k)(1), (2), and (5), the system is exempt from 5 U.S.C. 552a(d).");
        assert_eq!(found, [(strings(&["(k)(1)", "(k)(2)", "(k)(5)"]), strings(&["(d)"]))]);
    }

    #[test]
    fn pairs_in_one_sentence() {
        let found = read(
            "This system is exempt under 5 U.S.C. 552a(j)(2) from subsections (c)(3), (c)(4), and (g), and under 5 \
             U.S.C. 552a(k)(2) from subsections (c)(3) and (d).",
        );
        assert_eq!(
            found,
            [
                (strings(&["(j)(2)"]), strings(&["(c)(3)", "(c)(4)", "(g)"])),
                (strings(&["(k)(2)"]), strings(&["(c)(3)", "(d)"])),
            ]
        );
    }

    #[test]
    fn more_agencies_wordings() {
        let k = strings(&[
            "(c)(3)",
            "(d)(1)",
            "(d)(2)",
            "(d)(3)",
            "(d)(4)",
            "(e)(1)",
            "(e)(4)(G)",
            "(e)(4)(H)",
            "(e)(4)(I)",
            "(f)",
        ]);
        // Authority last, the provisions cited as 5 U.S.C. 552a.
        assert_eq!(
            read(
                "The DoD has exempted records maintained in this system from 5 U.S.C. 552a(c)(3), (d)(1), (d)(2), \
                 (d)(3), (d)(4), (e)(1), (e)(4)(G), (e)(4)(H), (e)(4)(I), and (f) pursuant to 5 U.S.C. 552a(k)(2)."
            ),
            [(strings(&["(k)(2)"]), k.clone())]
        );
        // Ranges written with hyphens, "this system has been exempted".
        assert_eq!(
            read(
                "Pursuant to 5 U.S.C. 552a(k)(2), this system has been exempted from the following provisions of \
                 the Privacy Act: 5 U.S.C. 552a(c)(3), (d)(1)-(4), (e)(1), (e)(4)(G)-(I), and (f). See 31 CFR 1.36."
            ),
            [(strings(&["(k)(2)"]), k.clone())]
        );
        // "subject to the limitations set forth in", a colon after "this subsection".
        assert_eq!(
            read(
                "Pursuant to 5 U.S.C. 552a(k)(2), this system is exempt from the following provisions of the \
                 Privacy Act, subject to the limitations set forth in this subsection: 5 U.S.C. 552a(c)(3), (e)(1), \
                 (e)(4)(G), (e)(4)(H), (e)(4)(I), and (f)."
            ),
            [(strings(&["(k)(2)"]), strings(&["(c)(3)", "(e)(1)", "(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(f)"]))]
        );
        // Two claims in one sentence, each list followed by its authority.
        assert_eq!(
            read(
                "The Attorney General has exempted this system from subsections (c)(3) and (4); (d); and (g) of \
                 the Privacy Act pursuant to 5 U.S.C. 552a(j)(2); and from subsections (c)(3), (d), and (f), \
                 pursuant to 5 U.S.C. 552a(k)(1) and (k)(2)."
            ),
            [
                (strings(&["(j)(2)"]), strings(&["(c)(3)", "(c)(4)", "(d)", "(g)"])),
                (strings(&["(k)(1)", "(k)(2)"]), strings(&["(c)(3)", "(d)", "(f)"])),
            ]
        );
        // Every citation with its own "5 U.S.C. 552a", and a section sign.
        assert_eq!(
            read(
                "Records in this system are exempt from 5 U.S.C. 552a(c)(3), 5 U.S.C. 552a(d), and 5 U.S.C. \
                 552a(f) under 5 U.S.C. § 552a(k)(1) and 5 U.S.C. § 552a(k)(5)."
            ),
            [(strings(&["(k)(1)", "(k)(5)"]), strings(&["(c)(3)", "(d)", "(f)"]))]
        );
        // A clause that denies one exemption, then the claim of another (Education, 34 CFR 5b.11).
        assert_eq!(
            read(
                "To the extent that this system is not exempt under 5 U.S.C. 552a(j)(2), it is exempt pursuant \
                 to 5 U.S.C. 552a(k)(2) from 5 U.S.C. 552a(c)(3), (d)(1) through (4), and (f)."
            ),
            [(strings(&["(k)(2)"]), strings(&["(c)(3)", "(d)(1)", "(d)(2)", "(d)(3)", "(d)(4)", "(f)"]))]
        );
        // A parenthetical heading after the list is not part of it.
        assert_eq!(
            read("This system is exempt from subsection (d) (Access to Records) under 5 U.S.C. 552a(k)(2)."),
            [(strings(&["(k)(2)"]), strings(&["(d)"]))]
        );
        // The list may come before "of the Privacy Act, 5 U.S.C. 552a, pursuant to".
        assert_eq!(
            read(
                "The Bureau has exempted this system from subsections (c)(3), (d), (e)(1), (e)(4)(G), (H), and (I), \
                 and (f) of the Privacy Act, 5 U.S.C. 552a, pursuant to 5 U.S.C. 552a(k)(2)."
            ),
            [(
                strings(&["(k)(2)"]),
                strings(&["(c)(3)", "(d)", "(e)(1)", "(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(f)"])
            )]
        );
    }

    #[test]
    fn a_claim_after_a_denied_clause() {
        let text = "To the extent that the system is not exempt under 5 U.S.C. 552a(j)(2), it is exempt under 5 U.S.C. 552a(k)(2) from subsections (c)(3), (d)(1) through (4), and (f).";
        let found = claim_statements(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].authorities.iter().map(ToString::to_string).collect::<Vec<_>>(), ["(k)(2)"]);
        assert_eq!(found[0].provisions.len(), 6);
        // Denied clause after denied clause is read once, from left to right.
        let denied = "the system is not exempt under 5 U.S.C. 552a(j)(2), ".repeat(20_000);
        assert!(claim_statements(&denied).is_empty());
        let then = format!("{denied}it is exempt under 5 U.S.C. 552a(k)(2) from subsection (d).");
        assert_eq!(claim_statements(&then).len(), 1);
    }

    #[test]
    fn what_is_not_a_claim() {
        for text in [
            "None.",
            "FHFA has claimed exemptions for this system under 5 U.S.C. 552a(k)(5).",
            "This system is not exempt from 5 U.S.C. 552a(d) under 5 U.S.C. 552a(k)(2).",
            "No exemptions from subsections (c)(3) and (d) are claimed under 5 U.S.C. 552a(k)(2).",
            "Records may be disclosed pursuant to 5 U.S.C. 552a(b)(3) to the Department of Justice.",
            "Exemptions are proposed in a notice of proposed rulemaking published elsewhere in this issue.",
            "An exemption rule has been promulgated under 5 U.S.C. 553(b)(1), (2), and (3), (c) and (e).",
            "The exemption is described at 28 CFR 16.96(w) and (x) under 5 U.S.C. 552a(j)(2).",
            "These exemptions apply only to the extent that information in a record is subject to exemption \
             pursuant to 5 U.S.C. 552a(j)(2), (k)(1), or (k)(2).",
            "No exemption shall be asserted under 5 U.S.C. 552a(k)(2) from subsection (d) for travelers' records.",
            "Investigatory material compiled for law enforcement purposes may be exempt pursuant to 5 U.S.C. \
             552a(k)(2). An exemption rule for this system has been promulgated in accordance with requirements \
             of 5 U.S.C. 553(b)(1), (2), and (3), (c) and (e) and published in 32 CFR part 505.",
        ] {
            assert_eq!(read(text), [], "{text}");
        }
    }

    #[test]
    fn stated_claims_merge_by_authority() {
        let text = "Pursuant to 5 U.S.C. 552a(k)(2), the Agency has exempted this system from 5 U.S.C. 552a(c)(3) and \
                    (d). Pursuant to 5 U.S.C. 552a(k)(2) and (k)(5), the Agency has also exempted it from 5 U.S.C. \
                    552a(d) and (f).";
        let claims = stated_claims(text, &claim_statements(text));
        let shown: Vec<(String, Vec<String>)> = claims
            .iter()
            .map(|c| (c.authority.to_string(), c.provisions.iter().map(ToString::to_string).collect()))
            .collect();
        assert_eq!(
            shown,
            [
                ("(k)(2)".to_string(), strings(&["(c)(3)", "(d)", "(f)"])),
                ("(k)(5)".to_string(), strings(&["(d)", "(f)"])),
            ]
        );
    }

    #[test]
    fn sentences_end_at_periods_that_end_them() {
        let text = "Pursuant to 5 U.S.C. 552a(k)(2), DHS has exempted it. See Pub. L. 107-296, 116 Stat. 2135. U.S. \
                    Immigration and Customs Enforcement keeps it. Then (d). End";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "Pursuant to 5 U.S.C. 552a(k)(2), DHS has exempted it.",
                "See Pub. L. 107-296, 116 Stat. 2135.",
                "U.S. Immigration and Customs Enforcement keeps it.",
                "Then (d).",
                "End"
            ]
        );
    }

    #[test]
    fn a_list_then_its_authority_in_the_next_sentence() {
        let text = "(g) The following system of records is exempted from 5 U.S.C. 552a(c)(3) and (4); (d); \
                    (e)(1), (2), and (3); (e)(5); and (g): Civil Rights Investigative Records (JUSTICE/CRT-023). \
                    These exemptions apply only to the extent that information in this system is subject to \
                    exemption pursuant to 5 U.S.C. 552a(j)(2) and (k)(2).";
        let found = claim_statements(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].authorities, vec![Authority::J2]);
        assert_eq!(found[0].provisions.len(), 8);
        // To the extent of (k)(2): the provisions 552a(k) reaches, (c)(3), (d) and (e)(1).
        assert_eq!(found[1].authorities, vec![Authority::K2]);
        let k: Vec<String> = found[1].provisions.iter().map(ToString::to_string).collect();
        assert_eq!(k, ["(c)(3)", "(d)", "(e)(1)"]);
        let only_k = text.replace("552a(j)(2) and (k)(2)", "552a(k)(1) and (k)(2)");
        let found = claim_statements(&only_k);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].authorities, vec![Authority::K1, Authority::K2]);
        assert_eq!(found[0].provisions.len(), 8, "without (j), each ground claims the whole list");
        let unrelated = text.replace("These exemptions apply only to the extent that information in this system is subject to exemption pursuant to", "Rules appear at");
        assert!(claim_statements(&unrelated).is_empty(), "no authority, no claim");
    }

    #[test]
    fn a_wrong_citation_keeps_the_statement_and_is_set_aside() {
        let text = "The Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(j)(2), has exempted this system \
                    from the following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3), (c)(4); (d); (e)(1), \
                    (e)(13), (e)(4)(J); (f); and (g).";
        let found = claim_statements(text);
        assert_eq!(found.len(), 1, "{found:?}");
        let provisions: Vec<String> = found[0].provisions.iter().map(ToString::to_string).collect();
        assert_eq!(provisions, ["(c)(3)", "(c)(4)", "(d)", "(e)(1)", "(f)", "(g)"]);
        let unread: Vec<&str> = found[0].unread.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(unread, ["(e)(13)", "(e)(4)(J)"]);
        let claims = stated_claims(text, &found);
        assert_eq!(claims[0].unread, ["(e)(13)", "(e)(4)(J)"]);
    }

    #[test]
    fn older_dhs_wording_claims_each_authority_as_far_as_it_reaches() {
        let text = "Pursuant to exemptions (j)(2), (k)(1), (k)(2) and (k)(5) of the Privacy Act, portions of this \
                    system are exempt from 5 U.S.C. 552a(c)(3) and (4); (d); (e)(1), (e)(2), (e)(3), (e)(5), and \
                    (e)(8); (f); and (g).";
        assert_eq!(
            read(text),
            [
                (
                    strings(&["(j)(2)"]),
                    strings(&[
                        "(c)(3)", "(c)(4)", "(d)", "(e)(1)", "(e)(2)", "(e)(3)", "(e)(5)", "(e)(8)", "(f)", "(g)"
                    ])
                ),
                (strings(&["(k)(1)", "(k)(2)", "(k)(5)"]), strings(&["(c)(3)", "(d)", "(e)(1)", "(f)"])),
            ]
        );
    }
}
