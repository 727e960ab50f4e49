use crate::check::Context;
use crate::check::Finding;
use crate::model::{Amendment, ExemptionRule, Numbering, Paragraph, justification_letter};

crate::declare_rule! {
    /// ## What it checks
    /// The regulatory text of an exemption rule that amends a CFR section (`[cfr] section`):
    ///
    /// - paragraph designations do not collide: reasons lettered (a), (b), ... (`reasons =
    ///   "letters"`) sit at the section's first paragraph level, so a system paragraph "(b)" or a
    ///   reasons paragraph "(c)" among them prints the same designation twice;
    /// - an instruction that amends the section by adding paragraphs adds only new ones: adding
    ///   "(g)" means (a) through (f) are there, so lettered reasons (a), (b), ... would add
    ///   paragraphs the section already has, and adding "(a)" itself adds one it has;
    /// - the rule restates the part's authority citation (`[cfr] authority`) as its first
    ///   amendment, as a document that amends only some sections of a part must.
    ///
    /// Rules that add a paragraph to an appendix (DHS practice) are not checked here, though 1 CFR
    /// 21.43(a) asks them, too, to set out the part's authority citation.
    ///
    /// ## Why
    /// The Office of the Federal Register codifies the amendment as written: two paragraphs
    /// designated "(b)" in one section, or an instruction to add a paragraph that exists, cannot
    /// be codified and comes back to the agency, or worse, is codified wrong.
    ///
    /// ## Example
    /// ```toml
    /// [cfr]
    /// section = "310.52"
    /// paragraph = "(b)"
    /// reasons = "letters"
    /// ```
    /// with four reasons, printed (a) to (d). Use instead: `reasons = "numbers"`, or a reasons
    /// paragraph ("(c)") whose reasons are numbered (1), (2), ...
    pub const META = ("section-paragraphs", Structure, Error, "A section-form rule prints a paragraph designation twice, adds paragraphs the section has, or omits the authority citation.");
    basis = [
        (Regulation, "1 CFR 21.11(h), 21.10(b)", "\"Paragraphs, which are designated as follows: level 1 (a), (b), (c), etc. level 2 (1), (2), (3), etc.\"; a section \"may be divided into paragraphs\" lettered as 21.11 indicates, so a designation printed twice at one level names no one paragraph"),
        (Regulation, "1 CFR 21.20(a)", "\"Each amendatory document shall identify in specific terms the unit amended, and the extent of the changes made\""),
        (Regulation, "1 CFR 21.43(a), (a)(2)", "\"The agency shall set out the full text of the authority citation for each part affected by the document.\" \"If a document amends only certain sections within a CFR part, the agency shall present the complete authority citation to this part as the first item in the list of amendments\""),
        (Regulation, "1 CFR 22.7", "\"Any part of a proposed rule document that contains the full text of a proposed regulation shall also conform to the pertinent provisions of part 21 of this chapter\": the same for a proposed rule's amendments"),
    ];
}

/// The letter of a first-level designation such as "(g)", if it is one.
fn first_level(designation: &str) -> Option<String> {
    let inner = designation.trim().strip_prefix('(')?.strip_suffix(')')?;
    (!inner.is_empty() && inner.chars().all(|c| c.is_ascii_lowercase())).then(|| inner.to_string())
}

/// The position of a first-level letter in the CFR sequence a ... z, aa, bb ...
fn position(letter: &str) -> Option<usize> {
    let c = letter.chars().next()?;
    letter.chars().all(|x| x == c).then(|| (letter.len() - 1) * 26 + usize::from(c as u8 - b'a'))
}

fn check_rule(cx: &Context<'_>, file: crate::diagnostic::FileId, rule: &ExemptionRule, out: &mut Vec<Finding>) {
    let cfr = &rule.cfr;
    let Some(section) = &cfr.section else { return };
    let system = cfr.paragraph.as_ref().and_then(|p| match &p.value {
        Paragraph::Designation(d) => Some((d.trim().to_string(), p.span.clone())),
        Paragraph::Number(_) => None,
    });
    let reasons_paragraph = cfr.reasons_paragraph.as_ref().map(|p| (p.value.trim().to_string(), p.span.clone()));
    let designations: Vec<(String, std::ops::Range<usize>)> =
        system.iter().chain(reasons_paragraph.iter()).cloned().collect();
    let lettered = cfr.numbering() == Numbering::Letters;
    let before = out.len();
    if lettered {
        for (d, span) in &designations {
            let Some(letter) = first_level(d) else { continue };
            let Some(index) = position(&letter).filter(|i| *i < rule.justifications.len()) else { continue };
            out.push(
                Finding::new(
                    format!(
                        "§ {} prints paragraph {d} twice: the section's own, and the reason lettered {d}",
                        section.value.trim()
                    ),
                    cx.label(file, span.clone(), "a first-level paragraph"),
                )
                .with_label(cx.label(
                    file,
                    rule.justifications[index].text.span.clone(),
                    format!("also printed ({})", justification_letter(index)),
                ))
                .with_help("number the reasons (`reasons = \"numbers\"`) under their own paragraph, as DOJ does"),
            );
        }
    }
    if cfr.amendment() == Amendment::AmendByAdding {
        if let Some((d, span)) = system.as_ref().filter(|(d, _)| first_level(d).as_deref() == Some("a")) {
            out.push(
                Finding::new(
                    format!("the instruction adds paragraph {d} to § {}, which an existing section already has", section.value.trim()),
                    cx.label(file, span.clone(), "added paragraph"),
                )
                .with_help("designate the system's paragraph after the section's last one, or revise the section (`amendment = \"revise\"`)"),
            );
        } else if let Some((d, span)) =
            system.as_ref().filter(|_| lettered && !rule.justifications.is_empty() && out.len() == before)
        {
            let existing = first_level(d).and_then(|l| position(&l)).unwrap_or(0);
            if existing > 0 {
                out.push(
                    Finding::new(
                        format!(
                            "adding {d} to § {} means (a) is there, but the reasons are lettered (a) onward and would add it again",
                            section.value.trim()
                        ),
                        cx.label(file, span.clone(), "added after existing paragraphs"),
                    )
                    .with_help("number the reasons (`reasons = \"numbers\"`) under a reasons paragraph that follows the system's"),
                );
            }
        }
    }
    if cfr.authority.is_none() {
        out.push(
            Finding::new(
                format!(
                    "the rule amends § {} but does not restate the authority citation for part {}",
                    section.value.trim(),
                    cfr.part.value.trim()
                ),
                cx.label(file, section.span.clone(), "amended section"),
            )
            .with_help("set [cfr] authority to the part's authority citation, printed as the first amendment"),
        );
    }
}

/// Reports section-form rules whose regulatory text cannot be codified as written.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, rule) in cx.exemption_rules() {
        check_rule(cx, doc.file, rule, out);
    }
}

#[cfg(test)]
mod tests {
    use super::{first_level, position};

    #[test]
    fn designations() {
        assert_eq!(first_level("(g)").as_deref(), Some("g"));
        assert_eq!(first_level("(1)"), None);
        assert_eq!(position("a"), Some(0));
        assert_eq!(position("d"), Some(3));
        assert_eq!(position("bb"), Some(27));
        assert_eq!(position("ab"), None);
    }
}
