//! The agency conventions an exemption rule is written in, one file each, registered here.
//!
//! A convention gives the amendatory instruction that says where the rule's text goes (a CFR
//! section, an appendix's numbered paragraphs, the list or table of a section paragraph) and, for
//! a section, how its paragraph names the system. Adding a convention is its file, its fixture and a line in [`INSTRUCTIONS`] or
//! [`SECTION_SYSTEMS`].

pub(crate) mod dhs_appendix;
pub(crate) mod dod_310;
pub(crate) mod doj_section;
pub(crate) mod ed_5b;
pub(crate) mod list_entry;
pub(crate) mod revise_and_add;
pub(crate) mod section;
pub(crate) mod va_1582;

pub(crate) use dhs_appendix::AppendixAmendment;
pub(crate) use list_entry::ListAmendment;
pub(crate) use section::{SECTION_HEADING, SectionAmendment, nested_opening};

/// Where an amendatory instruction puts the rule's text.
pub(crate) enum Instruction {
    /// A CFR section, or paragraphs added to one.
    Section(SectionAmendment),
    /// Numbered paragraphs of an appendix.
    Appendix(AppendixAmendment),
    /// Entries of the lists or tables of a section's paragraphs (HHS 45 CFR 5b.11, SSA 20 CFR
    /// 401.85, Treasury 31 CFR 1.36).
    Entries(ListAmendment),
}

/// Reads one convention's amendatory instruction ("2. Amend § 16.135 by adding ...").
type InstructionReader = fn(&str) -> Option<Instruction>;

/// The instruction readers, tried in order; the first that reads an instruction gives its form.
const INSTRUCTIONS: &[InstructionReader] = &[
    |t| ListAmendment::read(t).map(Instruction::Entries),
    |t| SectionAmendment::read(t).map(Instruction::Section),
    |t| revise_and_add::read(t).map(Instruction::Section),
    |t| AppendixAmendment::read(t).map(Instruction::Appendix),
];

/// Finds the system a section paragraph names ("Name (ID)", as printed).
type SectionSystemReader = fn(&str) -> Option<String>;

/// The ways a section paragraph names its system, tried in order: after the provisions (DOJ),
/// in the paragraph's heading (VA), in the claim sentence after the authority (Education).
const SECTION_SYSTEMS: &[SectionSystemReader] = &[doj_section::system, va_1582::system, ed_5b::system];

/// The form of an amendatory instruction, if a registered convention reads it.
pub(crate) fn instruction(reading: &str) -> Option<Instruction> {
    INSTRUCTIONS.iter().find_map(|read| read(reading))
}

/// The system a section paragraph names, as printed, if a registered convention finds it.
pub(crate) fn section_system(paragraph: &str) -> Option<String> {
    SECTION_SYSTEMS.iter().find_map(|read| read(paragraph))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_convention_reads_its_own_instruction() {
        let form = |t: &str| match instruction(t) {
            Some(Instruction::Section(s)) => format!("section {}", s.number),
            Some(Instruction::Appendix(a)) => format!("appendix {} {:?}", a.appendix, a.paragraphs),
            Some(Instruction::Entries(l)) => format!("entries of {} {}", l.section, l.added.len()),
            None => "none".into(),
        };
        assert_eq!(form("2. Amend § 16.96 by adding paragraphs (w) and (x) to read as follows:"), "section 16.96");
        assert_eq!(
            form("2. Add paragraphs 76 and 77 to appendix C to part 5 to read as follows:"),
            "appendix C [76, 77]"
        );
        assert_eq!(
            form("2. Amend § 401.85 by adding paragraph (b)(2)(ii)(D) to read as follows:"),
            "entries of 401.85 1"
        );
        assert_eq!(form("2. The authority citation for part 5 continues to read as follows:"), "none");
    }

    #[test]
    fn section_paragraphs_name_their_system_by_convention() {
        assert_eq!(
            section_system("The following system of records is exempted from 5 U.S.C. 552a(c)(3) and (4); (d); and (g): FBI Data Warehouse System (JUSTICE/FBI-022). These exemptions apply only to the extent ...").as_deref(),
            Some("FBI Data Warehouse System (JUSTICE/FBI-022)")
        );
        assert_eq!(
            section_system(
                "Police and Security Records—VA (103VA07B). (1) Pursuant to 5 U.S.C. 552a(j)(2), the Secretary"
            )
            .as_deref(),
            Some("Police and Security Records—VA (103VA07B)")
        );
        assert_eq!(section_system("The following system of records is exempted from 5 U.S.C. 552a(c)(3)."), None);
    }
}
