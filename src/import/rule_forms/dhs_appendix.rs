//! DHS 6 CFR part 5, appendix C: a rule adds or revises numbered paragraphs of the appendix, one per
//! system ("Add paragraph 75 to appendix C to part 5", "Add paragraphs 76 and 77 ..."), or adds the
//! whole appendix with its introduction ("Add Appendix C to part 5 to read as follows:").

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Amendment;

/// An appendix instruction that names the paragraphs first: "Add paragraph 75 to appendix C to
/// part 5", "Add paragraphs 76 and 77 to appendix C to part 5", "Revise paragraph 64 of appendix C
/// to part 5".
static ADD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?P<verb>add|revise|amend)?\w*\s*paragraphs? (?P<paras>\d+(?:(?:,\s*|,?\s+and\s+|\s+through\s+)\d+)*)\b.*?appendix (?P<app>[A-Z])\b.*?part (?P<part>\d+[A-Za-z]?)")
        .expect("valid pattern")
});
/// An appendix instruction that names the appendix first: "In appendix C to part 5, revise
/// paragraph 64", "Amend appendix C to part 5 by adding paragraphs 76 and 77".
static IN_APPENDIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)appendix (?P<app>[A-Z]) to part (?P<part>\d+[A-Za-z]?)\b.*?\b(?P<verb>add|revis|amend)\w*\s+(?:new\s+)?paragraphs? (?P<paras>\d+(?:(?:,\s*|,?\s+and\s+|\s+through\s+)\d+)*)")
        .expect("valid pattern")
});

/// An instruction that adds the whole appendix, its introduction and all its paragraphs: "Add
/// appendix C to part 5 to read as follows:" (DHS's first exemption rules, 2006, wrote "Add
/// Appendix C").
static WHOLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d{1,2}\.\s+)?add\s+(?:an?\s+|new\s+)?appendix (?P<app>[A-Z]) to part (?P<part>\d+[A-Za-z]?),?\s+to read as follows:?$")
        .expect("valid pattern")
});

/// An amendment of appendix paragraphs as its instruction states it.
pub(crate) struct AppendixAmendment {
    pub(crate) appendix: String,
    pub(crate) part: String,
    /// The paragraphs it adds or revises, in order (none named when it adds the whole appendix).
    pub(crate) paragraphs: Vec<u32>,
    pub(crate) amendment: Amendment,
}

impl AppendixAmendment {
    pub(crate) fn read(instruction: &str) -> Option<Self> {
        if let Some(c) = WHOLE.captures(instruction.trim()) {
            // The paragraphs are numbered from 1 in the text that follows.
            return Some(Self {
                appendix: c["app"].to_string(),
                part: c["part"].to_string(),
                paragraphs: Vec::new(),
                amendment: Amendment::AddAppendix,
            });
        }
        let c = IN_APPENDIX.captures(instruction).or_else(|| ADD.captures(instruction))?;
        let verb = c.name("verb").map_or("add", |m| m.as_str()).to_ascii_lowercase();
        let amendment = if verb.starts_with("revis") || instruction.to_ascii_lowercase().contains("revis") {
            Amendment::Revise
        } else if instruction
            .trim_start_matches(|ch: char| ch.is_ascii_digit() || ch == '.' || ch == ' ')
            .starts_with("Amend")
        {
            Amendment::AmendByAdding
        } else {
            Amendment::Add
        };
        let listed = &c["paras"];
        let numbers: Vec<u32> = listed.split(|ch: char| !ch.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
        let paragraphs = match (listed.contains("through"), numbers.as_slice()) {
            (true, [from, to]) if from <= to && to - from < 100 => (*from..=*to).collect(),
            _ => numbers,
        };
        Some(Self { appendix: c["app"].to_string(), part: c["part"].to_string(), paragraphs, amendment })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn appendix_instructions_name_their_paragraphs() {
        let read = |t: &str| AppendixAmendment::read(t).map(|a| (a.appendix, a.part, a.paragraphs, a.amendment));
        assert_eq!(
            read("2. Add paragraph 75 to appendix C to part 5 to read as follows:"),
            Some(("C".into(), "5".into(), vec![75], Amendment::Add))
        );
        assert_eq!(
            read("2. Add paragraphs 76 and 77 to appendix C to part 5 to read as follows:"),
            Some(("C".into(), "5".into(), vec![76, 77], Amendment::Add))
        );
        assert_eq!(
            read("2. In appendix C to part 5, revise paragraph 64 to read as follows:"),
            Some(("C".into(), "5".into(), vec![64], Amendment::Revise))
        );
        assert_eq!(
            read("3. Amend appendix C to part 5 by adding paragraphs 80 through 82 to read as follows:"),
            Some(("C".into(), "5".into(), vec![80, 81, 82], Amendment::AmendByAdding))
        );
        assert_eq!(
            read("2. Add Appendix C to part 5 to read as follows:"),
            Some(("C".into(), "5".into(), vec![], Amendment::AddAppendix))
        );
        assert_eq!(read("2. Amend § 16.96 by adding paragraphs (w) and (x) to read as follows:").map(|r| r.2), None);
        // An appendix named in passing is not an instruction to add it.
        assert_eq!(read("2. Add appendix C to part 5 after subpart B.").map(|r| r.3), None);
    }
}
