//! VA 38 CFR 1.582: the section paragraph names the system in its heading.

use std::sync::LazyLock;

use regex::Regex;

/// A paragraph heading that names a system with its identifier, before the paragraph's first
/// numbered subparagraph: "Police and Security Records—VA (103VA07B). (1) ".
static HEADED_SYSTEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\*?([^()*]{3,200}? \([A-Za-z0-9][A-Za-z0-9/.-]{1,23}\))\.?\*?\s+\(1\)\s").expect("valid pattern")
});

/// The system a section paragraph names in its heading, as VA prints 38 CFR 1.582: "(e) *Police
/// and Security Records—VA (103VA07B).* (1) Pursuant to 5 U.S.C. 552a(j)(2), ...": "Police and
/// Security Records—VA (103VA07B)".
pub(crate) fn system(paragraph: &str) -> Option<String> {
    HEADED_SYSTEM.captures(paragraph).map(|c| c[1].trim().to_string())
}
