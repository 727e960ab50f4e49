//! Department of Education 34 CFR 5b.11 (and agencies that word their section paragraphs the same
//! way): the claim sentence names the system between the authority and the provisions,
//! "Pursuant to 5 U.S.C. 552a(j)(2), the Investigative Files of the Inspector General (18-10-01)
//! are exempt from 5 U.S.C. 552a(c)(3), ...".

use std::sync::LazyLock;

use regex::Regex;

/// "Pursuant to 5 U.S.C. 552a(j)(2), the Name (ID) is exempt from", "... are exempted from".
static CLAIM_NAMES_SYSTEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:pursuant to|under) 5 U\.S\.C\. 552a\([jk]\)(?:\(\d\))?[^,]{0,80},\s+the\s+(?P<system>[^()]{3,200}? \([A-Za-z0-9][A-Za-z0-9/. -]{1,23}\))\s+(?:system of records\s+)?(?:is|are)\s+(?:hereby\s+)?exempt(?:ed)?\s+from\b")
        .expect("valid pattern")
});

/// The system a section paragraph names in its claim sentence: "Pursuant to 5 U.S.C. 552a(j)(2),
/// the Investigative Files of the Inspector General (18-10-01) are exempt from ..." gives
/// "Investigative Files of the Inspector General (18-10-01)".
pub(crate) fn system(paragraph: &str) -> Option<String> {
    CLAIM_NAMES_SYSTEM.captures(paragraph.trim()).map(|c| c["system"].trim().to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_claim_sentence_names_the_system() {
        assert_eq!(
            super::system("Pursuant to 5 U.S.C. 552a(j)(2), the Investigative Files of the Inspector General (18-10-01) are exempt from 5 U.S.C. 552a(c)(3), (c)(4), and (g).").as_deref(),
            Some("Investigative Files of the Inspector General (18-10-01)")
        );
        assert_eq!(
            super::system("Pursuant to 5 U.S.C. 552a(k)(2), the Hotline Complaint Files (18-10-04) system of records is exempt from 5 U.S.C. 552a(c)(3).").as_deref(),
            Some("Hotline Complaint Files (18-10-04)")
        );
        // A claim that names no system by its identifier.
        assert_eq!(
            super::system("Pursuant to 5 U.S.C. 552a(k)(2), this system is exempt from 5 U.S.C. 552a(c)(3)."),
            None
        );
    }
}
