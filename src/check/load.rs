//! The load rules: problems found while reading a source or the configuration. They are always
//! errors, because a source that does not load cannot be checked or rendered.

use crate::source::rules;

crate::declare_rule! {
    /// ## What it checks
    /// That the source parses as TOML 1.1. Every syntax error in the file is reported, not only the first.
    ///
    /// ## Why
    /// A source that does not parse cannot be checked or rendered.
    ///
    /// ## Example
    /// ```toml
    /// [agency
    /// name = "Example Agency"
    /// ```
    /// Use instead:
    /// ```toml
    /// [agency]
    /// name = "Example Agency"
    /// ```
    pub const SYNTAX_ERROR = (rules::SYNTAX_ERROR, Load, Error, "The source is not valid TOML.");
}

crate::declare_rule! {
    /// ## What it checks
    /// That the file can be read, is UTF-8 (as TOML requires), and is no larger than 16 MiB.
    ///
    /// ## Why
    /// sorn reads sources exactly; it does not guess encodings. Save the file as UTF-8.
    pub const UNREADABLE = (rules::UNREADABLE, Load, Error, "The source cannot be read: not UTF-8, too large, or unreadable.");
}

crate::declare_rule! {
    /// ## What it checks
    /// That the source declares what it is with a top-level `kind`.
    ///
    /// ## Example
    /// ```toml
    /// kind = "sorne"
    /// ```
    /// Use instead:
    /// ```toml
    /// kind = "sorn"
    /// ```
    pub const UNKNOWN_KIND = (rules::UNKNOWN_KIND, Load, Error, "`kind` is missing or is not \"sorn\", \"exemption-rule\" or \"library\".");
}

crate::declare_rule! {
    /// ## What it checks
    /// Every key against the source format (the JSON Schemas in `schemas/`). Misspelt keys are reported with the closest known key.
    ///
    /// ## Why
    /// A misspelt key is silently ignored by most tools; the text it holds would never be printed.
    ///
    /// ## Example
    /// ```toml
    /// [notice]
    /// sumary = "..."
    /// ```
    /// Use instead:
    /// ```toml
    /// [notice]
    /// summary = "..."
    /// ```
    pub const UNKNOWN_KEY = (rules::UNKNOWN_KEY, Load, Error, "A key the source format does not have.");
}

crate::declare_rule! {
    /// ## What it checks
    /// That the keys every document of its kind needs are present (for a SORN: `template`, `action`, `[agency] name`, `[system] id` and `name`).
    pub const MISSING_KEY = (rules::MISSING_KEY, Load, Error, "A required key is missing.");
}

crate::declare_rule! {
    /// ## What it checks
    /// That each value has its type: prose and names are strings, day counts whole numbers, dates TOML dates (`2016-08-09`), and enumerations one of their values.
    ///
    /// ## Example
    /// ```toml
    /// comment_days = "thirty"
    /// ```
    /// Use instead:
    /// ```toml
    /// comment_days = 30
    /// ```
    pub const INVALID_VALUE = (rules::INVALID_VALUE, Load, Error, "A value has the wrong type or is not one of the allowed values.");
}

crate::declare_rule! {
    /// ## What it checks
    /// Every cited provision against the structure of 5 U.S.C. 552a: subsections (a) through (w), and the paragraphs, subparagraphs and clauses each one has.
    ///
    /// ## Why
    /// A claim or justification citing a provision that does not exist exempts nothing and cannot be reviewed.
    ///
    /// ## Legal basis
    /// 5 U.S.C. 552a; (e) has paragraphs (1) through (12), (e)(4) has subparagraphs (A) through (I).
    ///
    /// ## Example
    /// ```toml
    /// subsections = ["(e)(13)", "(e)(4)(J)"]
    /// ```
    /// Use instead:
    /// ```toml
    /// subsections = ["(e)(12)", "(e)(4)(I)"]
    /// ```
    pub const UNKNOWN_SUBSECTION = (rules::UNKNOWN_SUBSECTION, Load, Error, "A citation that does not exist in 5 U.S.C. 552a, or is malformed.");
}

crate::declare_rule! {
    /// ## What it checks
    /// That each claim names an exemption authority the Privacy Act grants.
    ///
    /// ## Legal basis
    /// 5 U.S.C. 552a(j) (general exemptions, paragraphs (1) and (2)) and (k) (specific exemptions, paragraphs (1) through (7)).
    ///
    /// ## Example
    /// ```toml
    /// authority = "(k)(8)"
    /// ```
    /// Use instead:
    /// ```toml
    /// authority = "(k)(2)"
    /// ```
    pub const UNKNOWN_AUTHORITY = (rules::UNKNOWN_AUTHORITY, Load, Error, "An exemption authority other than (j)(1), (j)(2), (k)(1) ... (k)(7).");
}

crate::declare_rule! {
    /// ## What it checks
    /// That every `{name}` in prose is a placeholder sorn fills in (`{system}`, `{docket}`, `{effective}` ...). Write `{{` and `}}` for literal braces.
    ///
    /// ## Example
    /// ```toml
    /// summary = "... the {sytem} ..."
    /// ```
    /// Use instead:
    /// ```toml
    /// summary = "... the {system} ..."
    /// ```
    pub const UNKNOWN_PLACEHOLDER = (rules::UNKNOWN_PLACEHOLDER, Load, Error, "A placeholder in prose that sorn does not know, or an unbalanced brace.");
}

crate::declare_rule! {
    /// ## What it checks
    /// That the project configuration `sorn.toml` is valid TOML with only the tables and keys sorn reads: rule levels under `[lints]`, extra Federal closures under `[calendar]` and extra agencies under `[[agencies]]`. Misspelt rule names and keys are reported with the closest known name.
    ///
    /// ## Why
    /// A misspelt rule name or level would otherwise be ignored, and the rule would run at a level nobody chose. A closure that is not a date would silently leave a business-day computation wrong.
    ///
    /// ## Where sorn finds it
    /// `sorn check --config FILE` reads FILE. Otherwise sorn looks for `sorn.toml` in the working directory and then in each parent folder, stopping at the repository root (the folder that contains `.git`).
    ///
    /// ## Format
    /// - `[lints]`: one key per rule, with the level `"error"`, `"warning"` or `"allow"` (also written `"deny"`, `"warn"` and `"off"`). `sorn explain --list` lists the rules. Load rules (`syntax-error`, `unknown-key` ...) cannot be configured: a source that does not load cannot be checked.
    /// - `[[agencies]]`: agencies added to the table `agency-fit` reads, each with a `name`, a `source` (where its facts were read) and any of `abbreviation`, `cfr_title` and `cfr_part` (where it keeps its Privacy Act rules), `billing_prefixes` (four-digit strings) and `docket_prefix` (e.g. "EPA-").
    /// - `[calendar]`: `closures`, a list of days on which executive departments are closed beyond the legal public holidays of 5 U.S.C. 6103(a) (for example by executive order), each with a TOML `date` (no quotes, no time) and a `reason`. Dates certain skip them like holidays.
    ///
    /// ## Example
    /// ```toml
    /// [lints]
    /// partial-justificaton = "warn"
    ///
    /// [calendar]
    /// closures = [ { date = "2026-12-24", reason = "Christmas Eve" } ]
    /// ```
    /// Use instead:
    /// ```toml
    /// [lints]
    /// partial-justification = "warning"
    ///
    /// [calendar]
    /// closures = [ { date = 2026-12-24, reason = "Christmas Eve (E.O. 14xxx)" } ]
    /// ```
    pub const INVALID_CONFIG = ("invalid-config", Load, Error, "The project configuration `sorn.toml` is not valid.");
}

crate::declare_rule! {
    /// ## What it checks
    /// That the predecessor a revision names (`[revises] source`) can be read when it is not among
    /// the sources being checked: `sorn check sorns/new.toml` loads the notice it revises (and the
    /// notices before that) so that the rules comparing versions have them. The predecessor must
    /// exist inside the project (the folder of `sorn.toml`, or the working directory), be a
    /// regular file reached without a symbolic link, and load without errors. Findings in a
    /// predecessor loaded only for this are not reported: check it by naming it.
    ///
    /// ## Example
    /// ```toml
    /// [revises]
    /// source = "dea-oig-001-2019.toml"   # no such file beside this one
    /// ```
    /// Use instead: the path of the predecessor's source, relative to this file.
    pub const MISSING_PREDECESSOR = (crate::revision::history::MISSING_PREDECESSOR, Load, Error, "The predecessor a revision names in `[revises] source` is missing, outside the project, or does not load.");
}

crate::declare_rule! {
    /// ## What it checks
    /// That every reference (`from = "FILE"` or `from = "LIBRARY#NAME"`) names content that exists: the file is there, inside the project (the folder holding `sorn.toml` or `.git`; a link out of it is not followed) and valid TOML; the library has the entry, and the entry is of the kind the place takes (a signer for `signature`, a routine use for `[[system.routine_uses]]` ...); keys written beside `from` are not also in the entry; and references that lead to further references end without returning to a file already on the way.
    ///
    /// ## Why
    /// A value that does not come cannot be checked or printed. Each broken reference is one error at the reference, and the source is not checked further until it resolves.
    ///
    /// ## Example
    /// ```toml
    /// [[system.routine_uses]]
    /// id = "J"
    /// from = "../lib/agency.toml#breach-onw"
    /// ```
    /// Use instead:
    /// ```toml
    /// [[system.routine_uses]]
    /// id = "J"
    /// from = "../lib/agency.toml#breach-own"
    /// ```
    pub const UNRESOLVED_REFERENCE = (crate::source::reference::RULE, Load, Error, "A reference names a file or library entry that is not there, or not of the kind its place takes.");
}

/// Every load rule, in registry order.
pub const LOAD_RULES: &[&crate::check::RuleMeta] = &[
    &SYNTAX_ERROR,
    &UNREADABLE,
    &UNKNOWN_KIND,
    &UNKNOWN_KEY,
    &MISSING_KEY,
    &INVALID_VALUE,
    &UNKNOWN_SUBSECTION,
    &UNKNOWN_AUTHORITY,
    &UNKNOWN_PLACEHOLDER,
    &UNRESOLVED_REFERENCE,
    &INVALID_CONFIG,
    &MISSING_PREDECESSOR,
];
