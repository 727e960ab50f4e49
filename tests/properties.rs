//! Property tests: the citation parser and the claim-list printer agree (what one prints, the
//! other reads back), neither panics on any text, and the 1 CFR 18.17 date calculator always
//! lands on a business day after publication.

use proptest::prelude::*;
use sorn::dates::{Calendar, Date};
use sorn::statute::{Subsection, format_claim_list, parse_citation_list};

fn every_subsection() -> Vec<Subsection> {
    Subsection::all_subsections().collect()
}

fn subsection() -> impl Strategy<Value = Subsection> {
    let all = every_subsection();
    (0..all.len()).prop_map(move |i| all[i])
}

/// Text around citations: what prose brings (curly quotes, dashes, marks, other scripts).
fn noise() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("(".to_string()),
            Just(")".to_string()),
            Just(", ".to_string()),
            Just("; and ".to_string()),
            Just("\u{2013}".to_string()),
            Just("\u{201c}".to_string()),
            Just("\u{301}".to_string()),
            Just("through".to_string()),
            "[a-z0-9A-Z ]{0,4}",
            any::<char>().prop_map(String::from),
        ],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

/// A publication date from 1995 through 2060, a Federal business day.
fn publication() -> impl Strategy<Value = Date> {
    (0i64..24_000).prop_map(|offset| {
        let day = Date::new(1995, 1, 1).unwrap().checked_add(jiff::Span::new().days(offset)).unwrap();
        Calendar::federal().next_business_day_on_or_after(day)
    })
}

proptest! {
    #[test]
    fn a_subsection_prints_and_parses_back(s in subsection()) {
        prop_assert_eq!(s.to_string().parse::<Subsection>().unwrap(), s);
        prop_assert_eq!(parse_citation_list(&s.to_string()).unwrap(), vec![s]);
    }

    #[test]
    fn a_printed_claim_list_parses_back_to_the_same_provisions(
        list in proptest::collection::btree_set(subsection(), 1..12)
    ) {
        let list: Vec<Subsection> = list.into_iter().collect();
        let printed = format_claim_list(&list);
        let parsed = parse_citation_list(&printed).unwrap();
        let mut sorted = parsed.clone();
        sorted.sort();
        sorted.dedup();
        prop_assert_eq!(sorted, list, "{}", printed);
        // Printing what was read back gives the same text.
        prop_assert_eq!(format_claim_list(&parsed), printed);
    }

    #[test]
    fn the_citation_parser_never_panics(text in noise(), s in subsection(), at in 0usize..32) {
        let mut t = text;
        let at = (0..=at.min(t.len())).rev().find(|i| t.is_char_boundary(*i)).unwrap_or(0);
        t.insert_str(at, &s.to_string());
        let _ = parse_citation_list(&t);
        let _ = sorn::statute::claim_statements(&t);
    }

    #[test]
    fn a_date_certain_is_a_business_day_after_publication(published in publication(), days in 1u32..=120) {
        let calendar = Calendar::federal();
        let certain = calendar.date_certain(published, days).unwrap();
        prop_assert!(certain.date > published);
        prop_assert!(certain.date >= certain.nominal);
        prop_assert!(calendar.is_business_day(certain.date), "{}", certain.date);
        // Every day passed over on the way was not a business day.
        let mut day = certain.nominal;
        while day < certain.date {
            prop_assert!(!calendar.is_business_day(day), "{} was skipped", day);
            day = day.tomorrow().unwrap();
        }
    }

    #[test]
    fn business_days_after_counts_only_business_days(start in publication(), n in 0u32..40) {
        let calendar = Calendar::federal();
        let end = calendar.business_days_after(start, n).unwrap();
        let mut counted = 0;
        let mut day = start;
        while day < end {
            day = day.tomorrow().unwrap();
            if calendar.is_business_day(day) {
                counted += 1;
            }
        }
        prop_assert_eq!(counted, n);
        prop_assert!(n == 0 || calendar.is_business_day(end));
    }
}
