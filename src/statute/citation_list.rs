//! Lists of 552a citations: printed the way the Federal Register prints them, and read back out of
//! published prose.

use super::lex::{Cursor, Part};
use super::subsection::{check_levels, not_in_statute};
use super::{CitationError, Level, Subsection};

/// Formats the provisions a rule exempts a system from, as printed after "5 U.S.C. 552a".
///
/// Items are sorted into statute order (stably, so duplicates stay) and grouped by subsection
/// letter; items in a group are joined by ", ", groups by "; ", with "; and " before the last of
/// three or more groups. Two groups read "X and Y" when each is a single item, else "X; and Y".
/// This is how DHS prints the lists in 6 CFR part 5, appendix C:
///
/// ```
/// # use sorn::statute::{Subsection, format_claim_list};
/// let list: Vec<Subsection> = ["(c)(3)", "(c)(4)", "(d)", "(e)(1)", "(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(f)"]
///     .iter().map(|s| s.parse().unwrap()).collect();
/// assert_eq!(
///     format_claim_list(&list),
///     "(c)(3), (c)(4); (d); (e)(1), (e)(4)(G), (e)(4)(H), (e)(4)(I); and (f)"
/// );
/// ```
pub fn format_claim_list(citations: &[Subsection]) -> String {
    let mut sorted = citations.to_vec();
    sorted.sort();
    let groups: Vec<&[Subsection]> = sorted.chunk_by(|a, b| a.letter() == b.letter()).collect();
    let text = |group: &[Subsection]| group.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    match groups.as_slice() {
        [] => String::new(),
        [only] => text(only),
        [first, second] if first.len() == 1 && second.len() == 1 => {
            format!("{} and {}", text(first), text(second))
        }
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(|g| text(g)).collect();
            format!("{}; and {}", init.join("; "), text(last))
        }
    }
}

/// The citation part of an exemption justification's lead-in, "(a) From subsection **(c)(3) and
/// (4)** (Accounting for Disclosures) because …", and how many items it names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct LeadIn {
    /// The citations as printed: "(c)(3) and (4)", "(e)(4)(G), (e)(4)(H), and (e)(4)(I)".
    pub text: String,
    /// How many items the text names; collapsed paragraphs such as "(c)(3) and (4)" count as one.
    pub items: usize,
}

impl LeadIn {
    /// "subsection" for one item, "subsections" for more: DHS writes "From subsection (c)(3) and
    /// (4)" but "From subsections (e)(4)(G), (e)(4)(H), and (e)(4)(I)".
    pub fn noun(&self) -> &'static str {
        if self.items > 1 { "subsections" } else { "subsection" }
    }
}

/// Formats citations for a justification's lead-in, in the given order.
///
/// Follows the published DHS rules: paragraphs of the same subsection that are next to each other
/// collapse, `(c)(3), (c)(4)` → "(c)(3) and (4)" (three: "(e)(1), (2), and (3)"), and count as
/// one item; citations of subparagraphs and below are spelled out in full, "(e)(4)(G),
/// (e)(4)(H), and (e)(4)(I)". Items are joined with a serial comma.
pub fn format_leadin(citations: &[Subsection]) -> LeadIn {
    let texts = collapsed(citations, |c| c.depth() == 2);
    LeadIn { text: join_serial(&texts), items: texts.len() }
}

/// The citations in order, each run of siblings that `collapses` one item ("(d)(1), (2), and
/// (3)"), every other citation an item of its own.
fn collapsed(citations: &[Subsection], collapses: impl Fn(&Subsection) -> bool) -> Vec<String> {
    let mut items: Vec<Vec<Subsection>> = Vec::new();
    for citation in citations {
        if let Some(item) = items.last_mut()
            && let Some(last) = item.last()
            && collapses(citation)
            && citation.is_sibling_of(last)
        {
            item.push(*citation);
        } else {
            items.push(vec![*citation]);
        }
    }
    items
        .iter()
        .map(|item| {
            let parts: Vec<String> = item
                .iter()
                .enumerate()
                .map(|(i, c)| if i == 0 { c.to_string() } else { format!("({})", c.label()) })
                .collect();
            join_serial(&parts)
        })
        .collect()
}

/// Formats citations for a justification's lead-in as DOJ and DoD print them, in the given
/// order: siblings next to each other collapse at every level after the first, `(e)(4)(G),
/// (e)(4)(H), (e)(4)(I)` → "(e)(4)(G), (H), and (I)", `(d)(1)` … `(d)(4)` → "(d)(1), (2), (3),
/// and (4)"; `items` counts the provisions, so that the noun is "subsections" before more than
/// one.
pub fn format_leadin_compact(citations: &[Subsection]) -> LeadIn {
    let texts = collapsed(citations, |c| c.depth() >= 2);
    // Two items, the first itself joined by "and", keep the comma: "(e)(4)(G) and (H), and (f)".
    let text = match texts.as_slice() {
        [first, second] if first.contains(" and ") => format!("{first}, and {second}"),
        _ => join_serial(&texts),
    };
    LeadIn { text, items: citations.len() }
}

/// "A", "A and B", "A, B, and C".
pub(crate) fn join_serial(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [first, second] => format!("{first} and {second}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// Reads a list of citations out of published text, expanding the statute's shorthand.
///
/// Accepts an optional leading "5 U.S.C. 552a" (or "552a") and "subsection"/"subsections", items
/// separated by `,`, `;`, `and`, `or`, and a trailing period. Spaces may stray between and inside
/// parentheses, as in "(e) (4)(G)".
///
/// A bare part continues the citation before it at the level its style shows, as in the
/// statute's own lists: "(c)(3) and (4)" is (c)(3), (c)(4); "(e)(4)(G), (H), and (I)" is three
/// subparagraphs of (e)(4); "(e)(6), (7), (9), (10), and (11)" is five paragraphs of (e). A part
/// written like a subsection letter starts a new citation: after "(d)", "(e)(1)" is (e)(1). Where
/// a part could be read either way (the letter `i` is subsection (i) and clause (i)), the reading
/// that continues the previous citation wins if the statute has it.
///
/// Ranges expand to every part between the ends: "(e)(4)(G)–(I)", "(e)(4)(G)-(I)", "(e)(4)(A)
/// through (F)".
///
/// # Errors
///
/// The first citation that is malformed or not in the statute, with its byte span in `text`.
pub fn parse_citation_list(text: &str) -> Result<Vec<Subsection>, CitationError> {
    let mut cur = Cursor::new(text, 0);
    cur.skip_whitespace();
    if cur.at_end() {
        return Err(CitationError::empty(text));
    }
    eat_preamble(&mut cur);
    let mut out: Vec<Subsection> = Vec::new();
    loop {
        cur.skip_whitespace();
        let (first, first_span) = read_citation(text, &mut cur, out.last())?;
        let before_range = cur;
        cur.skip_whitespace();
        if eat_range_operator(&mut cur) {
            cur.skip_whitespace();
            let (last, last_span) = read_citation(text, &mut cur, Some(&first))?;
            if !(last == first || last.is_sibling_of(&first)) || last < first {
                return Err(CitationError::malformed(
                    text,
                    first_span.start..last_span.end,
                    "a range from one part to a later part at the same level, like (e)(4)(G)–(I)",
                ));
            }
            out.extend(siblings(&first).into_iter().filter(|c| first <= *c && *c <= last));
        } else {
            cur = before_range;
            out.push(first);
        }
        cur.skip_whitespace();
        if cur.at_end() {
            return Ok(out);
        }
        let before_period = cur;
        if cur.eat('.') {
            cur.skip_whitespace();
            if cur.at_end() {
                return Ok(out);
            }
            cur = before_period;
        }
        let mut separated = false;
        loop {
            cur.skip_whitespace();
            if cur.eat(',') || cur.eat(';') || cur.eat_word("and") || cur.eat_word("or") {
                separated = true;
            } else {
                break;
            }
        }
        if !separated && !juxtaposed_sibling(out.last(), cur) {
            let at = cur.pos();
            let next = cur.peek().map_or(0, char::len_utf8);
            return Err(CitationError::malformed(text, at..at + next, "`,`, `;`, `and`, `or`, or the end of the list"));
        }
    }
}

/// Skips "5 U.S.C. 552a" or "552a", then "subsection" or "subsections", where present.
fn eat_preamble(cur: &mut Cursor<'_>) {
    let start = *cur;
    let mut title_cited = false;
    if cur.eat_str("5") {
        cur.skip_whitespace();
        if cur.eat_str("U.S.C.") {
            cur.skip_whitespace();
            title_cited = true;
        }
    }
    if !title_cited {
        *cur = start;
    }
    if !cur.eat_str("552a") && title_cited {
        *cur = start;
    }
    cur.skip_whitespace();
    if !cur.eat_word("subsections") {
        cur.eat_word("subsection");
    }
}

/// Consumes a range operator: an en dash, an em dash, a hyphen, or "through".
pub(super) fn eat_range_operator(cur: &mut Cursor<'_>) -> bool {
    cur.eat('–') || cur.eat('—') || cur.eat('-') || cur.eat_word("through")
}

/// Reads one citation, full or elliptical, resolving a bare part against `previous`.
fn read_citation(
    text: &str,
    cur: &mut Cursor<'_>,
    previous: Option<&Subsection>,
) -> Result<(Subsection, std::ops::Range<usize>), CitationError> {
    // "(4)(G)(H)": two subparagraphs set side by side, as DoD prints "(e)(1), (2), (3), (4)(G)(H)
    // and (I)" in 32 CFR part 310; no level of 552a follows a subparagraph with another lettered
    // in capitals, so the second starts the next citation.
    let mut parts: Vec<Part<'_>> = Vec::new();
    loop {
        let before = *cur;
        let part = cur
            .part(true)
            .map_err(|unclosed| CitationError::malformed(text, unclosed.at..unclosed.at, "`)` to close the part"))?;
        match part {
            Some(p) if parts.last().is_some_and(|l| is_capital(l.label)) && is_capital(p.label) => {
                *cur = before;
                break;
            }
            Some(p) => parts.push(p),
            None => break,
        }
    }
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        let at = cur.pos();
        let next = cur.peek().map_or(0, char::len_utf8);
        return Err(CitationError::malformed(text, at..at + next, Level::Subsection.expected()));
    };
    let span = first.span.start..last.span.end;
    resolve(text, &parts, previous, span.clone()).map(|citation| (citation, span))
}

/// Whether a part's label is a subparagraph's: capital letters, "G".
fn is_capital(label: &str) -> bool {
    !label.is_empty() && label.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether the next part continues a subparagraph without a separator, as in "(4)(G)(H)".
fn juxtaposed_sibling(previous: Option<&Subsection>, cur: Cursor<'_>) -> bool {
    let mut look = cur;
    previous.is_some_and(|p| is_capital(p.label())) && matches!(look.part(false), Ok(Some(p)) if is_capital(p.label))
}

/// Decides what `parts` cite, given the citation before them.
///
/// A bare part may continue `previous` at any level from the paragraph down to the previous
/// citation's own depth (deepest first: "(e)(4)(G), (I)" is a subparagraph, not a subclause), or
/// start a new citation at the subsection level. The first reading whose parts are written in the
/// style of their levels and that the statute has is taken.
fn resolve(
    text: &str,
    parts: &[Part<'_>],
    previous: Option<&Subsection>,
    span: std::ops::Range<usize>,
) -> Result<Subsection, CitationError> {
    let inherited = previous.map_or_else(Vec::new, Subsection::components);
    let starts = (2..=inherited.len()).rev().chain(std::iter::once(1));
    let readings: Vec<Vec<&str>> = starts
        .filter(|&depth| check_levels(text, parts, depth).is_ok())
        .map(|depth| {
            let prefix = inherited.get(..depth - 1).unwrap_or(&[]);
            prefix.iter().copied().chain(parts.iter().map(|p| p.label)).collect()
        })
        .collect();
    if let Some(citation) = readings.iter().find_map(|labels| Subsection::from_labels(labels)) {
        return Ok(citation);
    }
    if let Some(labels) = readings.first() {
        return Err(not_in_statute(text, span, labels));
    }
    let err = match check_levels(text, parts, 1) {
        Err(err) => err,
        // Unreachable: a reading at depth 1 is always tried.
        Ok(()) => CitationError::malformed(text, span, Level::Subsection.expected()),
    };
    Err(match previous {
        Some(_) => err.with_hint(
            "a bare part such as (4) continues the citation before it only at a level that citation \
             has, as in (c)(3) and (4)",
        ),
        None => err,
    })
}

/// `citation` and its siblings, in order.
fn siblings(citation: &Subsection) -> Vec<Subsection> {
    match citation.parent() {
        Some(parent) => parent.children().collect(),
        None => Subsection::all_subsections().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Authority, CitationErrorKind};
    use super::*;

    /// The (j)(2) exemptions of DHS/ICE-015 (6 CFR part 5, appendix C, paragraph 75).
    const DHS_J2_CLAIMS: &[&str] = &[
        "(c)(3)",
        "(c)(4)",
        "(d)",
        "(e)(1)",
        "(e)(2)",
        "(e)(3)",
        "(e)(4)(G)",
        "(e)(4)(H)",
        "(e)(4)(I)",
        "(e)(5)",
        "(e)(8)",
        "(f)",
        "(g)",
    ];

    fn s(text: &str) -> Subsection {
        Subsection::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn many(texts: &[&str]) -> Vec<Subsection> {
        texts.iter().map(|t| s(t)).collect()
    }

    fn parsed(text: &str) -> Vec<String> {
        match parse_citation_list(text) {
            Ok(list) => list.iter().map(ToString::to_string).collect(),
            Err(e) => panic!("{text}: {e}"),
        }
    }

    fn parse_err(text: &str) -> CitationError {
        match parse_citation_list(text) {
            Ok(list) => panic!("{text} parsed as {list:?}"),
            Err(e) => e,
        }
    }

    #[test]
    fn compact_leadins_collapse_siblings_at_every_level() {
        let lead = format_leadin_compact(&many(&["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]));
        assert_eq!((lead.text.as_str(), lead.noun()), ("(e)(4)(G), (H), and (I)", "subsections"));
        let lead = format_leadin_compact(&many(&["(e)(2)", "(e)(3)"]));
        assert_eq!((lead.text.as_str(), lead.noun()), ("(e)(2) and (3)", "subsections"));
        let lead = format_leadin_compact(&many(&["(e)(4)(G)", "(e)(4)(H)", "(f)", "(g)"]));
        assert_eq!(lead.text, "(e)(4)(G) and (H), (f), and (g)");
        let lead = format_leadin_compact(&many(&["(e)(4)(G)", "(e)(4)(H)", "(f)"]));
        assert_eq!(lead.text, "(e)(4)(G) and (H), and (f)");
        assert_eq!(format_leadin_compact(&many(&["(c)(3)"])).noun(), "subsection");
        assert_eq!(format_leadin(&many(&["(e)(2)", "(e)(3)"])).noun(), "subsection");
    }

    #[test]
    fn subparagraphs_side_by_side_are_two_citations() {
        assert_eq!(
            parsed("(e)(1), (2), (3), (4)(G)(H) and (I), (5) and (8)"),
            ["(e)(1)", "(e)(2)", "(e)(3)", "(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(e)(5)", "(e)(8)"]
        );
        assert_eq!(parsed("(e)(4)(G)(H)(I)"), ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]);
        // Only subparagraphs: "(c)(3)(4)" is no list.
        parse_err("(c)(3)(4)");
    }

    #[test]
    fn claim_list_for_a_j2_rule() {
        let list = many(DHS_J2_CLAIMS);
        assert_eq!(
            format_claim_list(&list),
            "(c)(3), (c)(4); (d); (e)(1), (e)(2), (e)(3), (e)(4)(G), (e)(4)(H), (e)(4)(I), (e)(5), (e)(8); (f); and (g)"
        );
    }

    #[test]
    fn claim_list_for_a_k2_rule() {
        let list = many(&["(c)(3)", "(c)(4)", "(d)", "(e)(1)", "(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(f)"]);
        assert_eq!(format_claim_list(&list), "(c)(3), (c)(4); (d); (e)(1), (e)(4)(G), (e)(4)(H), (e)(4)(I); and (f)");
    }

    #[test]
    fn claim_list_sorts_stably_and_keeps_duplicates() {
        let list = many(&["(g)", "(e)(10)", "(d)", "(e)(9)", "(d)"]);
        assert_eq!(format_claim_list(&list), "(d), (d); (e)(9), (e)(10); and (g)");
    }

    #[test]
    fn claim_list_with_one_or_two_groups() {
        assert_eq!(format_claim_list(&[]), "");
        assert_eq!(format_claim_list(&many(&["(d)"])), "(d)");
        assert_eq!(format_claim_list(&many(&["(e)(1)", "(e)(2)"])), "(e)(1), (e)(2)");
        assert_eq!(format_claim_list(&many(&["(f)", "(d)"])), "(d) and (f)");
        assert_eq!(format_claim_list(&many(&["(c)(3)", "(d)"])), "(c)(3) and (d)");
        assert_eq!(format_claim_list(&many(&["(c)(3)", "(c)(4)", "(d)"])), "(c)(3), (c)(4); and (d)");
        assert_eq!(format_claim_list(&many(&["(d)", "(e)(1)", "(e)(2)"])), "(d); and (e)(1), (e)(2)");
        assert_eq!(format_claim_list(&many(&["(d)", "(f)", "(g)"])), "(d); (f); and (g)");
    }

    #[test]
    fn leadin_collapses_adjacent_paragraphs() {
        let lead = format_leadin(&many(&["(c)(3)", "(c)(4)"]));
        assert_eq!(lead, LeadIn { text: "(c)(3) and (4)".to_owned(), items: 1 });
        assert_eq!(lead.noun(), "subsection");
        let lead = format_leadin(&many(&["(e)(1)", "(e)(2)", "(e)(3)"]));
        assert_eq!(lead, LeadIn { text: "(e)(1), (2), and (3)".to_owned(), items: 1 });
        // Adjacent in the given order is what counts, not adjacent in the statute.
        let lead = format_leadin(&many(&["(e)(5)", "(e)(1)"]));
        assert_eq!(lead, LeadIn { text: "(e)(5) and (1)".to_owned(), items: 1 });
    }

    #[test]
    fn leadin_single_subsection() {
        let lead = format_leadin(&many(&["(d)"]));
        assert_eq!(lead, LeadIn { text: "(d)".to_owned(), items: 1 });
    }

    #[test]
    fn leadin_spells_out_subparagraphs() {
        let lead = format_leadin(&many(&["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]));
        assert_eq!(lead, LeadIn { text: "(e)(4)(G), (e)(4)(H), and (e)(4)(I)".to_owned(), items: 3 });
        assert_eq!(lead.noun(), "subsections");
    }

    #[test]
    fn leadin_keeps_order_and_separates_items() {
        let lead = format_leadin(&many(&["(f)", "(d)"]));
        assert_eq!(lead, LeadIn { text: "(f) and (d)".to_owned(), items: 2 });
        let lead = format_leadin(&many(&["(c)(3)", "(d)", "(c)(4)"]));
        assert_eq!(lead, LeadIn { text: "(c)(3), (d), and (c)(4)".to_owned(), items: 3 });
        let lead = format_leadin(&many(&["(e)(1)", "(e)(4)(G)", "(e)(5)"]));
        assert_eq!(lead.items, 3);
        // The same paragraph twice is two items, not "(c)(3) and (3)".
        let lead = format_leadin(&many(&["(c)(3)", "(c)(3)"]));
        assert_eq!(lead.text, "(c)(3) and (c)(3)");
        // Subsections do not collapse.
        assert_eq!(format_leadin(&many(&["(d)", "(e)"])).text, "(d) and (e)");
        assert_eq!(format_leadin(&[]), LeadIn { text: String::new(), items: 0 });
    }

    #[test]
    fn parses_the_claim_lists_it_prints() {
        let list = many(DHS_J2_CLAIMS);
        let printed = format!("5 U.S.C. 552a{}.", format_claim_list(&list));
        assert_eq!(parse_citation_list(&printed), Ok(list));
    }

    #[test]
    fn parses_leadins_back() {
        assert_eq!(parsed("(c)(3) and (4)"), ["(c)(3)", "(c)(4)"]);
        assert_eq!(parsed("(e)(1), (2), and (3)"), ["(e)(1)", "(e)(2)", "(e)(3)"]);
        assert_eq!(parsed("(e)(4)(G), (e)(4)(H), and (e)(4)(I)"), ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]);
    }

    #[test]
    fn elliptical_subparagraphs() {
        assert_eq!(parsed("(e)(4)(G), (H), and (I)"), ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"]);
        assert_eq!(parsed("(e)(4)(G), (H)"), ["(e)(4)(G)", "(e)(4)(H)"]);
    }

    #[test]
    fn elliptical_paragraphs() {
        assert_eq!(parsed("(c)(3), (4)"), ["(c)(3)", "(c)(4)"]);
        assert_eq!(parsed("(e)(6), (7), (9), (10), and (11)"), ["(e)(6)", "(e)(7)", "(e)(9)", "(e)(10)", "(e)(11)"]);
    }

    #[test]
    fn subsection_letter_starts_a_new_citation() {
        assert_eq!(parsed("(d), (e)(1)"), ["(d)", "(e)(1)"]);
        assert_eq!(parsed("(d); (e)(1)"), ["(d)", "(e)(1)"]);
        assert_eq!(parsed("(e)(4)(I) and (f)"), ["(e)(4)(I)", "(f)"]);
        // (i) after a paragraph is subsection (i): no clause level to continue.
        assert_eq!(parsed("(e)(11), and (i)"), ["(e)(11)", "(i)"]);
    }

    #[test]
    fn roman_letters_continue_clauses_when_they_can() {
        assert_eq!(parsed("(a)(8)(B)(iv), (v)"), ["(a)(8)(B)(iv)", "(a)(8)(B)(v)"]);
        assert_eq!(parsed("(a)(8)(B)(ix), (x)"), ["(a)(8)(B)(ix)", "(a)(8)(B)(x)"]);
        assert_eq!(parsed("(p)(1)(A)(ii)(I) and (II)"), ["(p)(1)(A)(ii)(I)", "(p)(1)(A)(ii)(II)"]);
        // (v) after a clause that has no sibling (v) falls back to subsection (v).
        assert_eq!(parsed("(d)(2)(B)(ii), (v)"), ["(d)(2)(B)(ii)", "(v)"]);
    }

    #[test]
    fn the_statutes_own_lists() {
        // 552a(j): what a general exemption may not reach.
        let j = parsed("(b), (c)(1) and (2), (e)(4)(A) through (F), (e)(6), (7), (9), (10), and (11), and (i)");
        let expected: Vec<String> = Authority::not_exemptable_under_j().iter().map(ToString::to_string).collect();
        assert_eq!(j, expected);
        // 552a(k): the closed list of what a specific exemption may reach.
        let k = parsed("subsections (c)(3), (d), (e)(1), (e)(4)(G), (H), and (I) and (f)");
        let expected: Vec<String> = Authority::exemptable_under_k().iter().map(ToString::to_string).collect();
        assert_eq!(k, expected);
    }

    #[test]
    fn ranges() {
        let g_to_i = ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)"];
        assert_eq!(parsed("(e)(4)(G)–(I)"), g_to_i);
        assert_eq!(parsed("(e)(4)(G)-(I)"), g_to_i);
        assert_eq!(parsed("(e)(4)(G) - (I)"), g_to_i);
        assert_eq!(parsed("(e)(4)(G)—(I)"), g_to_i);
        assert_eq!(parsed("(e)(4)(G) through (I)"), g_to_i);
        assert_eq!(parsed("(e)(4)(G) through (e)(4)(I)"), g_to_i);
        assert_eq!(
            parsed("(e)(4)(A) through (F)"),
            ["(e)(4)(A)", "(e)(4)(B)", "(e)(4)(C)", "(e)(4)(D)", "(e)(4)(E)", "(e)(4)(F)"]
        );
        assert_eq!(parsed("(d)(1)–(5)").len(), 5);
        assert_eq!(parsed("(c) through (e)"), ["(c)", "(d)", "(e)"]);
        assert_eq!(parsed("(e)(4)(G)-(G)"), ["(e)(4)(G)"]);
        // A range's end is the new previous citation.
        assert_eq!(parsed("(e)(4)(A)-(C), (E)"), ["(e)(4)(A)", "(e)(4)(B)", "(e)(4)(C)", "(e)(4)(E)"]);
    }

    #[test]
    fn bad_ranges() {
        let e = parse_err("(e)(4)(I)–(G)");
        assert!(e.to_string().contains("expected a range from one part to a later part"), "{e}");
        assert_eq!(e.span(), 0..15);
        let e = parse_err("(e)(4)(G)–(f)");
        assert!(e.to_string().contains("expected a range"), "{e}");
        let e = parse_err("(e)(4)(G)–(J)");
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(e)(4) has subparagraphs (A) through (I)"));
        let e = parse_err("(e)(4)(G) through");
        assert!(matches!(e.kind(), CitationErrorKind::Malformed { .. }), "{e:?}");
    }

    #[test]
    fn tolerates_stray_spaces_and_a_trailing_period() {
        assert_eq!(parsed("(e) (4)(G)"), ["(e)(4)(G)"]);
        assert_eq!(parsed("( e )( 4 )"), ["(e)(4)"]);
        assert_eq!(parsed("  (c)(3) ,(d) ;and (f) .  "), ["(c)(3)", "(d)", "(f)"]);
        assert_eq!(parsed("(f); and (g)."), ["(f)", "(g)"]);
        assert_eq!(parsed("(k)(2) or (k)(5)"), ["(k)(2)", "(k)(5)"]);
        assert_eq!(parsed("(c)(3)\u{a0}and\u{a0}(4)"), ["(c)(3)", "(c)(4)"]);
    }

    #[test]
    fn accepts_a_leading_statute_citation() {
        let expected = ["(c)(3)", "(c)(4)", "(d)"];
        assert_eq!(parsed("5 U.S.C. 552a(c)(3), (c)(4); and (d)"), expected);
        assert_eq!(parsed("5 U.S.C. 552a (c)(3), (c)(4); and (d)"), expected);
        assert_eq!(parsed("552a(c)(3), (c)(4); and (d)"), expected);
        assert_eq!(parsed("subsection (c)(3) and (4); and (d)"), expected);
        assert_eq!(parsed("5 U.S.C. 552a subsections (c)(3), (4), and (d)"), expected);
    }

    #[test]
    fn rejects_what_is_not_a_list() {
        assert_eq!(parse_err("").kind(), &CitationErrorKind::Empty);
        assert_eq!(parse_err("  ").kind(), &CitationErrorKind::Empty);
        for text in [
            "5 U.S.C. 552a",
            "(c)(3),",
            "(c)(3) and",
            "(c)(3) (d)",
            "(c)(3) / (d)",
            "(c)(3). (d)",
            "(c)(3",
            "c3",
            "(d), (2)",
            "(e)(4), (G)",
            "(c)(3) and (4)(x)",
            "5 U.S.C. 552(c)(3)",
            "(c)(3) andor (d)",
        ] {
            let e = parse_err(text);
            assert!(matches!(e.kind(), CitationErrorKind::Malformed { .. }), "{text}: {e:?}");
        }
    }

    #[test]
    fn malformed_list_errors_point_at_the_problem() {
        let e = parse_err("(c)(3) / (d)");
        assert_eq!(e.span(), 7..8);
        assert!(e.to_string().contains("expected `,`, `;`, `and`, `or`, or the end of the list, found \"/\""), "{e}");
        let e = parse_err("(c)(3), ");
        assert!(e.to_string().contains("found the end of the text"), "{e}");
        let e = parse_err("(d), (2)");
        assert_eq!(e.span(), 5..8);
        assert!(e.help().unwrap_or_default().contains("continues the citation before it"));
    }

    #[test]
    fn citations_not_in_the_statute() {
        let e = parse_err("(c)(3), (d); (e)(13)");
        assert_eq!(e.to_string(), "(e)(13) does not exist in 5 U.S.C. 552a");
        assert_eq!(e.span(), 13..20);
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(e) has paragraphs (1) through (12)"));
        let e = parse_err("(e)(4)(G), (H), and (J)");
        assert_eq!(e.to_string(), "(e)(4)(J) does not exist in 5 U.S.C. 552a");
        assert_eq!(e.span(), 20..23);
        let e = parse_err("(e)(11), (13)");
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(e) has paragraphs (1) through (12)"));
        let e = parse_err("(d); (h)(1)");
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a(h) has no numbered paragraphs"));
        let e = parse_err("(w), (x)");
        assert_eq!(e.help().as_deref(), Some("5 U.S.C. 552a has subsections (a) through (w)"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "–",
            "(",
            "(e)–",
            "(e)(4)(G)–(",
            "5",
            "5 U.S.C.",
            "and",
            ".",
            "(e).",
            "(e)..",
            "(é)",
            "(e)\u{2013}\u{2013}(f)",
        ] {
            let _ = parse_citation_list(text);
        }
        assert_eq!(parsed("(e)."), ["(e)"]);
    }
}
