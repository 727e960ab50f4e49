//! Metadata of the load rules: problems found while reading a source. They are always errors,
//! because a source that does not load cannot be checked or rendered.

use super::meta::{Category, Level, RuleMeta};
use crate::source::rules;

const fn load(name: &'static str, summary: &'static str, explanation: &'static str) -> RuleMeta {
    RuleMeta { name, category: Category::Load, default_level: Level::Error, summary, explanation }
}

/// Every load rule.
pub const LOAD_RULES: &[RuleMeta] = &[
    load(
        rules::SYNTAX_ERROR,
        "The source is not valid TOML.",
        "## What it checks\nThat the source parses as TOML 1.1. Every syntax error in the file is reported, not only the first.\n\n## Why\nA source that does not parse cannot be checked or rendered.\n\n## Example\n```toml\n[agency\nname = \"Example Agency\"\n```\nUse instead:\n```toml\n[agency]\nname = \"Example Agency\"\n```\n",
    ),
    load(
        rules::UNREADABLE,
        "The source cannot be read: not UTF-8, too large, or unreadable.",
        "## What it checks\nThat the file can be read, is UTF-8 (as TOML requires), and is no larger than 16 MiB.\n\n## Why\nsorn reads sources exactly; it does not guess encodings. Save the file as UTF-8.\n",
    ),
    load(
        rules::UNKNOWN_KIND,
        "`kind` is missing or is not \"sorn\" or \"exemption-rule\".",
        "## What it checks\nThat the source declares what it is with a top-level `kind`.\n\n## Example\n```toml\nkind = \"sorne\"\n```\nUse instead:\n```toml\nkind = \"sorn\"\n```\n",
    ),
    load(
        rules::UNKNOWN_KEY,
        "A key the source format does not have.",
        "## What it checks\nEvery key against the source format (the JSON Schemas in `schemas/`). Misspelt keys are reported with the closest known key.\n\n## Why\nA misspelt key is silently ignored by most tools; the text it holds would never be printed.\n\n## Example\n```toml\n[notice]\nsumary = \"...\"\n```\nUse instead:\n```toml\n[notice]\nsummary = \"...\"\n```\n",
    ),
    load(
        rules::MISSING_KEY,
        "A required key is missing.",
        "## What it checks\nThat the keys every document of its kind needs are present (for a SORN: `template`, `action`, `[agency] name`, `[system] id` and `name`).\n",
    ),
    load(
        rules::INVALID_VALUE,
        "A value has the wrong type or is not one of the allowed values.",
        "## What it checks\nThat each value has its type: prose and names are strings, day counts whole numbers, dates TOML dates (`2016-08-09`), and enumerations one of their values.\n\n## Example\n```toml\ncomment_days = \"thirty\"\n```\nUse instead:\n```toml\ncomment_days = 30\n```\n",
    ),
    load(
        rules::UNKNOWN_SUBSECTION,
        "A citation that does not exist in 5 U.S.C. 552a, or is malformed.",
        "## What it checks\nEvery cited provision against the structure of 5 U.S.C. 552a: subsections (a) through (w), and the paragraphs, subparagraphs and clauses each one has.\n\n## Why\nA claim or justification citing a provision that does not exist exempts nothing and cannot be reviewed.\n\n## Legal basis\n5 U.S.C. 552a; (e) has paragraphs (1) through (12), (e)(4) has subparagraphs (A) through (I).\n\n## Example\n```toml\nsubsections = [\"(e)(13)\", \"(e)(4)(J)\"]\n```\nUse instead:\n```toml\nsubsections = [\"(e)(12)\", \"(e)(4)(I)\"]\n```\n",
    ),
    load(
        rules::UNKNOWN_AUTHORITY,
        "An exemption authority other than (j)(1), (j)(2), (k)(1) ... (k)(7).",
        "## What it checks\nThat each claim names an exemption authority the Privacy Act grants.\n\n## Legal basis\n5 U.S.C. 552a(j) (general exemptions, paragraphs (1) and (2)) and (k) (specific exemptions, paragraphs (1) through (7)).\n\n## Example\n```toml\nauthority = \"(k)(8)\"\n```\nUse instead:\n```toml\nauthority = \"(k)(2)\"\n```\n",
    ),
    load(
        rules::UNKNOWN_PLACEHOLDER,
        "A placeholder in prose that sorn does not know, or an unbalanced brace.",
        "## What it checks\nThat every `{name}` in prose is a placeholder sorn fills in (`{system}`, `{docket}`, `{effective}` ...). Write `{{` and `}}` for literal braces.\n\n## Example\n```toml\nsummary = \"... the {sytem} ...\"\n```\nUse instead:\n```toml\nsummary = \"... the {system} ...\"\n```\n",
    ),
];
