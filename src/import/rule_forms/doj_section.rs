//! DOJ 28 CFR part 16 subpart E: the section paragraph names the system after the provisions.

use std::sync::LazyLock;

use regex::Regex;

/// The system a section paragraph exempts: "... is exempted from 5 U.S.C. 552a(c)(3) ...: FBI Data
/// Warehouse System (JUSTICE/FBI-022).".
static SECTION_SYSTEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bsystems? of records (?:is|are) (?:hereby )?exempt(?:ed)? from [^:]*:\s*(.+?\))\.?(?:\s|$)")
        .expect("valid pattern")
});

/// The system a section paragraph names after the provisions: "The following system of records is
/// exempted from 5 U.S.C. 552a(c)(3) …: FBI Data Warehouse System (JUSTICE/FBI-022)." gives "FBI
/// Data Warehouse System (JUSTICE/FBI-022)".
pub(crate) fn system(paragraph: &str) -> Option<String> {
    SECTION_SYSTEM.captures(paragraph).map(|c| c[1].trim().to_string())
}
