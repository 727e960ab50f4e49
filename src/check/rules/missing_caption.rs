use crate::check::Context;
use crate::check::Finding;

crate::declare_rule! {
    /// ## What it checks
    /// The captions a SORN's caption set has that no statute or regulation requires, present and
    /// not empty: for `a108` the captions of OMB Circular A-108 Appendix II that 5 U.S.C.
    /// 552a(e)(4) does not list (security classification, authority for maintenance, purposes,
    /// exemptions promulgated, history), for `legacy` those of the A-130 Appendix I set; and a
    /// notice's preamble captions (SUMMARY, DATES, FOR FURTHER INFORMATION CONTACT with a name and
    /// a telephone number). Not in a notice of revision (`partial = true`), which prints only what
    /// changes, nor in a rescindment, which prints only the system name and HISTORY.
    ///
    /// The captions the statute lists, a rule document's preamble (1 CFR 18.12) and the signature
    /// (1 CFR 18.7) are `missing-section`'s errors.
    ///
    /// ## Why
    /// A reader looks for each caption of the template in its place; one left empty in a draft is
    /// easy to miss on paper and cannot be supplied after publication without a new notice. The
    /// requirement is OMB's template or OFR practice, so the rule warns.
    ///
    /// ## Example
    /// ```toml
    /// [system]
    /// security_classification = ""
    /// ```
    /// Use instead: `security_classification = "Unclassified."`
    pub const META = ("missing-caption", Structure, Warning, "A caption that OMB's SORN template or OFR practice asks for is missing or empty.");
    basis = [
        (OmbPolicy, "OMB Circular A-108 (Dec. 2016; notice of availability, 81 FR 94424), Appendix II, \"Office of the Federal Register SORN Template - Full Notice\"", "the template's captions beyond 5 U.S.C. 552a(e)(4)(A)-(I): security classification, authority for maintenance of the system, purposes, exemptions promulgated for the system, history"),
        (OfrPractice, "Document Drafting Handbook (Oct. 1998 rev.), section 3.6", "\"Must I use the preamble format in my notice document?\": AGENCY, ACTION, SUMMARY, DATES, ADDRESSES, FOR FURTHER INFORMATION CONTACT and SUPPLEMENTARY INFORMATION captions for notices"),
    ];
}

/// Reports missing or empty captions that only OMB policy or OFR practice requires.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    super::missing_section::captions(cx, out, true);
}
