//! The registry: every rule sorn knows, each listed once. The order here is the order of
//! `sorn explain --list`, of the user guide's rule pages and of SARIF `tool.driver.rules`.

use super::{Context, Finding, RuleMeta, load, rules};

/// A lint rule's check: reads the context, pushes findings.
pub type LintFn = fn(&Context<'_>, &mut Vec<Finding>);

/// A rule in the registry.
#[derive(Clone, Copy, Debug)]
pub enum Registered {
    /// A problem found while reading a source: always an error, never configured.
    Load(&'static RuleMeta),
    /// A lint rule: a check over the loaded documents, at a configurable level.
    Lint(&'static RuleMeta, LintFn),
    /// A rule the engine applies to the lint rules' findings (suppression comments), at a
    /// configurable level.
    Engine(&'static RuleMeta),
}

impl Registered {
    /// The rule's metadata.
    pub fn meta(&self) -> &'static RuleMeta {
        match self {
            Registered::Load(meta) | Registered::Lint(meta, _) | Registered::Engine(meta) => meta,
        }
    }

    /// The lint rule's metadata and check, if it is one.
    pub fn lint(&self) -> Option<(&'static RuleMeta, LintFn)> {
        match self {
            Registered::Lint(meta, check) => Some((meta, *check)),
            Registered::Load(_) | Registered::Engine(_) => None,
        }
    }
}

/// Every rule: load rules, then lint rules.
pub const REGISTRY: &[Registered] = &[
    Registered::Load(&load::SYNTAX_ERROR),
    Registered::Load(&load::UNREADABLE),
    Registered::Load(&load::UNKNOWN_KIND),
    Registered::Load(&load::UNKNOWN_KEY),
    Registered::Load(&load::MISSING_KEY),
    Registered::Load(&load::INVALID_VALUE),
    Registered::Load(&load::UNKNOWN_SUBSECTION),
    Registered::Load(&load::UNKNOWN_AUTHORITY),
    Registered::Load(&load::UNKNOWN_PLACEHOLDER),
    Registered::Load(&load::UNRESOLVED_REFERENCE),
    Registered::Load(&load::INVALID_CONFIG),
    Registered::Load(&load::MISSING_PREDECESSOR),
    Registered::Lint(&rules::unjustified_exemption::META, rules::unjustified_exemption::check),
    Registered::Lint(&rules::unclaimed_justification::META, rules::unclaimed_justification::check),
    Registered::Lint(&rules::partial_justification::META, rules::partial_justification::check),
    Registered::Lint(&rules::entry_authority::META, rules::entry_authority::check),
    Registered::Lint(&rules::unauthorized_exemption::META, rules::unauthorized_exemption::check),
    Registered::Lint(&rules::general_exemption_agency::META, rules::general_exemption_agency::check),
    Registered::Lint(&rules::general_exemption_purpose::META, rules::general_exemption_purpose::check),
    Registered::Lint(&rules::statute_citation::META, rules::statute_citation::check),
    Registered::Lint(&rules::claims_mismatch::META, rules::claims_mismatch::check),
    Registered::Lint(&rules::claims_wording::META, rules::claims_wording::check),
    Registered::Lint(&rules::system_mismatch::META, rules::system_mismatch::check),
    Registered::Lint(&rules::pair_mismatch::META, rules::pair_mismatch::check),
    Registered::Lint(&rules::duplicate_subsection::META, rules::duplicate_subsection::check),
    Registered::Lint(&rules::nonstandard_heading::META, rules::nonstandard_heading::check),
    Registered::Lint(&rules::justification_order::META, rules::justification_order::check),
    Registered::Lint(&rules::missing_section::META, rules::missing_section::check),
    Registered::Lint(&rules::missing_caption::META, rules::missing_caption::check),
    Registered::Lint(&rules::stage_wording::META, rules::stage_wording::check),
    Registered::Lint(&rules::section_paragraphs::META, rules::section_paragraphs::check),
    Registered::Lint(&rules::change_order::META, rules::change_order::check),
    Registered::Lint(&rules::routine_use_notice::META, rules::routine_use_notice::check),
    Registered::Lint(&rules::routine_use_marker::META, rules::routine_use_marker::check),
    Registered::Lint(&rules::unexplained_change::META, rules::unexplained_change::check),
    Registered::Lint(&rules::routine_use_comments::META, rules::routine_use_comments::check),
    Registered::Lint(&rules::written_dates::META, rules::written_dates::check),
    Registered::Lint(&rules::routine_use_order::META, rules::routine_use_order::check),
    Registered::Lint(&rules::duplicate_routine_use::META, rules::duplicate_routine_use::check),
    Registered::Lint(&rules::library_drift::META, rules::library_drift::check),
    Registered::Lint(&rules::stated_count::META, rules::stated_count::check),
    Registered::Lint(&rules::breach_routine_uses::META, rules::breach_routine_uses::check),
    Registered::Lint(&rules::fr_citation::META, rules::fr_citation::check),
    Registered::Lint(&rules::contact_format::META, rules::contact_format::check),
    Registered::Lint(&rules::document_dates::META, rules::document_dates::check),
    Registered::Lint(&rules::leftover_placeholder::META, rules::leftover_placeholder::check),
    Registered::Lint(&rules::todo::META, rules::todo::check),
    Registered::Lint(&rules::rescindment_statement::META, rules::rescindment_statement::check),
    Registered::Lint(&rules::identifier_format::META, rules::identifier_format::check),
    Registered::Lint(&rules::agency_fit::META, rules::agency_fit::check),
    Registered::Lint(&rules::name_variant::META, rules::name_variant::check),
    Registered::Lint(&rules::unplaced_text::META, rules::unplaced_text::check),
    Registered::Lint(&rules::exemptions_without_rule::META, rules::exemptions_without_rule::check),
    Registered::Lint(&rules::unpaired_document::META, rules::unpaired_document::check),
    Registered::Lint(&rules::ambiguous_pairing::META, rules::ambiguous_pairing::check),
    Registered::Lint(&rules::history_citations::META, rules::history_citations::check),
    Registered::Lint(&rules::exemption_change::META, rules::exemption_change::check),
    Registered::Lint(&rules::revision_link::META, rules::revision_link::check),
    Registered::Lint(&rules::revises_cycle::META, rules::revises_cycle::check),
    Registered::Engine(&super::suppress::META),
];
