//! A rule that adds a system to the list (or table) of exempt systems in a section paragraph, as
//! agencies do whose exemption section lists its systems by authority: HHS 45 CFR 5b.11 ("Amend
//! § 5b.11 by adding paragraphs (b)(2)(i)(D) and (b)(2)(ii)(L) to read as follows:", then "(b)
//! \* \* \*", "(2) \* \* \*", "(i) \* \* \*", "(D) Name, 09-90-0003."), SSA 20 CFR 401.85 ("Amend
//! § 401.85 by adding paragraph (b)(2)(ii)(D)"), Treasury 31 CFR 1.36 ("Section 1.36 is amended
//! by adding the following entry to the table in paragraph (g)(1)(i) in numerical order:", then
//! the table's new row between stars).
//!
//! The paragraph's own text, which names the authority and the provisions exempted, stays
//! unchanged and prints as stars: the claims and reasons are in the preamble.

use std::sync::LazyLock;

use regex::Regex;

/// The section an entry instruction amends and how it names the paragraphs: "Amend § 5b.11 by
/// adding paragraphs ...", "Section 1.36 is amended by adding ..." ("Sec." in the GPO text
/// edition).
const SECTION: &str = r"(?is)^\d{1,2}\.\s+(?:amend\s+(?:§|sec\.)\s*(?P<s1>\d+[a-z]?\.[\w.-]*\w)|(?:section|§|sec\.)\s*(?P<s2>\d+[a-z]?\.[\w.-]*\w),?\s+is\s+(?:hereby\s+)?(?:proposed\s+to\s+be\s+)?amended)\s+by\s+adding,?\s+";

/// "... by adding paragraphs (b)(2)(i)(D) and (b)(2)(ii)(L) to read as follows:".
static LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{SECTION}(?:new\s+)?paragraphs?\s+(?P<paras>.+?),?\s+to\s+read\s+as\s+follows:?$"))
        .expect("valid pattern")
});
/// "... by adding the following entry to the table in paragraph (g)(1)(i) in numerical order:",
/// "... by adding, in numerical order, an entry for FinCEN .003 to the table in paragraph
/// (g)(1)(i)", "... by adding an entry to table 2 to paragraph (c)(1)(ii)".
static TABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{SECTION}.{{0,200}}?\bentr(?:y|ies)\b.{{0,200}}?\b{TABLE_OF}(?P<para>{DESIGNATION})"))
        .expect("valid pattern")
});
/// "In § 1.36, the table in paragraph (c)(1)(ii) is amended by adding the following entry in
/// numerical order:", "In § 1.36, paragraph (c)(1)(ii) is amended by adding ... entry".
static IN_SECTION_TABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?is)^\d{{1,2}}\.\s+In\s+(?:§|sec\.)\s*(?P<s1>\d+[a-z]?\.[\w.-]*\w),\s+(?:{TABLE_OF})?(?:paragraph\s+)?(?P<para>{DESIGNATION})\s+(?:is\s+)?(?:proposed\s+to\s+be\s+)?amended\s+by\s+adding\b.{{0,200}}?\bentr(?:y|ies)\b"
    ))
    .expect("valid pattern")
});
/// "the table in paragraph ", "table 2 to paragraph ".
const TABLE_OF: &str = r"(?:the\s+)?table(?:\s+\d+)?\s+(?:in|of|at|to)\s+paragraph\s+";
/// A paragraph designation of one or more levels: "(g)(1)(i)".
const DESIGNATION: &str = r"(?:\((?:[a-z]{1,4}|\d{1,3})\))+";
/// A full designation down to an entry of a list: "(b)(2)(i)(D)" (the entry at the fourth level,
/// 1 CFR 21.11's (A), (B), ...).
static ENTRY_DESIGNATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<path>(?:\((?:[a-z]{1,4}|\d{1,3})\)){1,5})(?P<entry>\([A-Z]{1,2}\))").expect("valid pattern")
});
/// A designation whose text is left unchanged: "(b) \* \* \*" (or "(b)(2) \* \* \*").
static STARRED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<d>(?:\((?:[a-zA-Z]{1,4}|\d{1,3})\))+)\s*(?:\\?\*\s*){3}$").expect("valid pattern")
});

/// One entry an instruction adds: the paragraph of its list or table, and its own designation in
/// a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Added {
    /// "(b)(2)(i)".
    pub(crate) paragraph: String,
    /// "(D)"; none for a table row.
    pub(crate) designation: Option<String>,
}

/// An instruction that adds entries to a section's lists or tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ListAmendment {
    /// "5b.11".
    pub(crate) section: String,
    /// The entries, in the instruction's order.
    pub(crate) added: Vec<Added>,
}

impl ListAmendment {
    /// The list amendment an instruction states, if it is one: every paragraph it adds is an
    /// entry of a list (a designation ending in a capital letter), or it adds a table's entry.
    pub(crate) fn read(instruction: &str) -> Option<Self> {
        let section = |c: &regex::Captures<'_>| c.name("s1").or_else(|| c.name("s2")).map(|m| m.as_str().to_string());
        if let Some(c) = TABLE.captures(instruction).or_else(|| IN_SECTION_TABLE.captures(instruction)) {
            let added = vec![Added { paragraph: c["para"].to_string(), designation: None }];
            return Some(ListAmendment { section: section(&c)?, added });
        }
        let c = LIST.captures(instruction)?;
        let paras = &c["paras"];
        let added: Vec<Added> = ENTRY_DESIGNATION
            .captures_iter(paras)
            .map(|e| Added { paragraph: e["path"].to_string(), designation: Some(e["entry"].to_string()) })
            .collect();
        // Every designation named is an entry's: "(b)(2)(i)(D) and (b)(2)(ii)(L)", not "(w)".
        let named = paras.matches('(').count();
        let read: usize = added.iter().map(|a| a.paragraph.matches('(').count() + 1).sum();
        (!added.is_empty() && named == read).then(|| ListAmendment { section: section(&c).unwrap_or_default(), added })
    }
}

/// The heading of `section` as the regulatory text prints it, "§ 5b.11 Exempt systems." ("Sec."
/// in the GPO text edition): the heading without the number and final period, or "" for the
/// number alone (FR XML's SECTNO).
pub(crate) fn section_heading<'a>(text: &'a str, section: &str) -> Option<&'a str> {
    let rest = text.trim().strip_prefix('§').or_else(|| text.trim().strip_prefix("Sec."))?.trim_start();
    let rest = rest.strip_prefix(section)?;
    (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| rest.trim().trim_end_matches('.'))
}

/// The designation of a paragraph printed with stars for its unchanged text: "(b) \* \* \*" →
/// "(b)".
pub(crate) fn starred(text: &str) -> Option<String> {
    STARRED.captures(text.trim()).map(|c| c["d"].to_string())
}

/// The text of a list entry that opens with `designation`: "(D) Anti-Fraud Enterprise Solution
/// (AFES), 60-0388." → "Anti-Fraud Enterprise Solution (AFES), 60-0388.".
pub(crate) fn entry_text<'a>(text: &'a str, designation: &str) -> Option<&'a str> {
    let rest = text.trim().strip_prefix(designation)?;
    rest.starts_with(char::is_whitespace).then(|| rest.trim())
}

/// The name and identifier of a list entry, as HHS and SSA print them: "Name, ID." ("Criminal
/// Investigative Files of the Inspector General, HHS/OS/OIG, 09-90-0003." gives the name
/// "Criminal Investigative Files of the Inspector General, HHS/OS/OIG" and "09-90-0003").
pub(crate) fn name_and_id(entry: &str) -> Option<(String, String)> {
    // The GPO text edition breaks lines after a slash: "HHS/OS/\nOIG" reads "HHS/OS/ OIG".
    let entry = entry.replace("/ ", "/");
    let entry = entry.trim().trim_end_matches('.');
    let (name, id) = entry.rsplit_once(", ")?;
    let id = id.trim();
    let id_like = id.chars().any(|c| c.is_ascii_digit()) && !id.contains(' ') && id.len() <= 24;
    (id_like && !name.trim().is_empty()).then(|| (name.trim().to_string(), id.to_string()))
}

/// A table as the reader keeps it (Markdown): its column heads and its rows of cells, stars rows
/// left out.
pub(crate) fn table(markdown: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = markdown.lines().map(str::trim).filter(|l| l.starts_with('|'));
    let cells = |line: &str| -> Vec<String> {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        inner.split(" | ").map(|c| c.trim().replace("\\|", "|")).collect()
    };
    let heads = lines.next().map(cells).unwrap_or_default();
    let rows = lines
        .filter(|l| !l.replace(['|', '-', ' ', ':'], "").is_empty())
        .map(cells)
        .filter(|row| row.iter().any(|c| !c.replace(['*', '\\', ' '], "").is_empty()))
        .collect();
    (heads, rows)
}

/// The identifier and name of a table row, by its column heads: the name under a head that says
/// "name" or "title", the identifier under the other ("Number", "No.").
pub(crate) fn row_system(heads: &[String], row: &[String]) -> Option<(String, String)> {
    let is_name = |h: &str| {
        let h = h.to_lowercase();
        h.contains("name") || h.contains("title")
    };
    let name = heads.iter().zip(row).find(|(h, _)| is_name(h)).map(|(_, c)| c.trim().trim_end_matches('.'))?;
    let id = heads.iter().zip(row).find(|(h, _)| !is_name(h)).map(|(_, c)| c.trim())?;
    (!name.is_empty() && !id.is_empty()).then(|| (name.to_string(), id.to_string()))
}

/// The authority a section paragraph's list is exempt under, where the CFR says so in the
/// paragraph that the rule prints only as stars: 45 CFR 5b.11(b)(2)(i) lists the systems exempt
/// under 5 U.S.C. 552a(j)(2), (b)(2)(ii) those under (k)(2); 20 CFR 401.85(b)(2)(ii) those under
/// (k)(2); 31 CFR 1.36(c) ("General exemptions under 5 U.S.C. 552a(j)(2)") those under (j)(2),
/// (g) those under (k)(2).
pub(crate) fn list_authority(section: &str, paragraph: &str) -> Option<&'static str> {
    const LISTS: &[(&str, &str, &str)] = &[
        ("5b.11", "(b)(2)(i)", "(j)(2)"),
        ("5b.11", "(b)(2)(ii)", "(k)(2)"),
        ("401.85", "(b)(2)(ii)", "(k)(2)"),
        ("1.36", "(c)", "(j)(2)"),
        ("1.36", "(g)", "(k)(2)"),
    ];
    let within = |p: &str| paragraph == p || paragraph.starts_with(&format!("{p}("));
    LISTS.iter().find(|(s, p, _)| *s == section && within(p)).map(|(_, _, a)| *a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(p: &str, d: Option<&str>) -> Added {
        Added { paragraph: p.into(), designation: d.map(str::to_string) }
    }

    #[test]
    fn list_instructions_name_each_entry() {
        let a = ListAmendment::read(
            "2. Amend Sec. 5b.11 by adding paragraphs (b)(2)(i)(D) and (b)(2)(ii)(L) to read as follows:",
        )
        .unwrap();
        assert_eq!(a.section, "5b.11");
        assert_eq!(a.added, [added("(b)(2)(i)", Some("(D)")), added("(b)(2)(ii)", Some("(L)"))]);
        let a = ListAmendment::read("2. Amend § 401.85 by adding paragraph (b)(2)(ii)(D) to read as follows:").unwrap();
        assert_eq!((a.section.as_str(), a.added), ("401.85", vec![added("(b)(2)(ii)", Some("(D)"))]));
        // Paragraphs of the section's own levels are not list entries.
        assert_eq!(ListAmendment::read("2. Amend § 16.96 by adding paragraphs (w) and (x) to read as follows:"), None);
        assert_eq!(
            ListAmendment::read("2. Amend § 16.96 by adding paragraphs (b)(2)(i)(D) and (w) to read as follows:"),
            None
        );
    }

    #[test]
    fn table_instructions_name_the_table() {
        let a = ListAmendment::read(
            "2. Section 1.36 is amended by adding the following entry to the table in paragraph (g)(1)(i) in numerical order:",
        )
        .unwrap();
        assert_eq!((a.section.as_str(), a.added), ("1.36", vec![added("(g)(1)(i)", None)]));
        let a = ListAmendment::read(
            "3. Amend § 1.36 by adding an entry for \"DO .311\" in numerical order to the table in paragraph (c)(1)(ii):",
        )
        .unwrap();
        assert_eq!(a.added, [added("(c)(1)(ii)", None)]);
        let a = ListAmendment::read(
            "2. Amend § 1.36 by adding, in numerical order, an entry for FinCEN .004 to table 7 to paragraph (g)(1)(i):",
        )
        .unwrap();
        assert_eq!(a.added, [added("(g)(1)(i)", None)]);
        let a = ListAmendment::read(
            "2. In § 1.36, the table in paragraph (c)(1)(ii) is amended by adding the following entry in numerical order:",
        )
        .unwrap();
        assert_eq!((a.section.as_str(), a.added), ("1.36", vec![added("(c)(1)(ii)", None)]));
        assert_eq!(ListAmendment::read("2. Amend § 1.36 by revising paragraph (g) to read as follows:"), None);
        assert_eq!(ListAmendment::read("2. Amend § 1.36 by revising the table in paragraph (g)(1)(i):"), None);
    }

    #[test]
    fn section_headings() {
        assert_eq!(section_heading("Sec.  5b.11  Exempt systems.", "5b.11"), Some("Exempt systems"));
        assert_eq!(section_heading("§ 1.36", "1.36"), Some(""));
        assert_eq!(section_heading("§ 1.361 Other.", "1.36"), None);
    }

    #[test]
    fn entries_and_their_systems() {
        assert_eq!(starred("(b) * * *").as_deref(), Some("(b)"));
        assert_eq!(starred("(ii) \\* \\* \\*").as_deref(), Some("(ii)"));
        assert_eq!(starred("(b) The following systems"), None);
        assert_eq!(
            entry_text("(D) Anti-Fraud Enterprise Solution (AFES), 60-0388.", "(D)"),
            Some("Anti-Fraud Enterprise Solution (AFES), 60-0388.")
        );
        assert_eq!(entry_text("(DD) Other", "(D)"), None);
        assert_eq!(
            name_and_id("Criminal Investigative Files of the Inspector General, HHS/OS/OIG, 09-90-0003."),
            Some(("Criminal Investigative Files of the Inspector General, HHS/OS/OIG".into(), "09-90-0003".into()))
        );
        assert_eq!(
            name_and_id("Criminal Investigative Files, HHS/OS/ OIG, 09-90-0003."),
            Some(("Criminal Investigative Files, HHS/OS/OIG".into(), "09-90-0003".into()))
        );
        assert_eq!(name_and_id("Records of the Office, and more."), None);
        let (heads, rows) =
            table("| Number | System name |\n| --- | --- |\n| FinCEN .003 | Bank Secrecy Act Reports System. |");
        assert_eq!(heads, ["Number", "System name"]);
        assert_eq!(
            row_system(&heads, &rows[0]),
            Some(("Bank Secrecy Act Reports System".into(), "FinCEN .003".into()))
        );
    }

    #[test]
    fn list_authorities_by_section() {
        assert_eq!(list_authority("5b.11", "(b)(2)(i)"), Some("(j)(2)"));
        assert_eq!(list_authority("5b.11", "(b)(2)(ii)"), Some("(k)(2)"));
        assert_eq!(list_authority("1.36", "(g)(1)(i)"), Some("(k)(2)"));
        assert_eq!(list_authority("16.96", "(b)"), None);
    }
}
