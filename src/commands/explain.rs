//! `sorn explain`: what a rule checks, why, its legal basis and examples.

use crate::check::{self, Category, RuleMeta};
use crate::error::SornError;

/// The documentation of one rule, as Markdown.
pub fn explain(name: &str) -> Result<String, SornError> {
    let Some(meta) = check::find_rule(name) else {
        let best = check::all_rules()
            .into_iter()
            .map(|r| (strsim::jaro_winkler(r.name, name), r.name))
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .filter(|(score, _)| *score > 0.8);
        return Err(SornError::Usage {
            message: format!("no rule is named `{name}`"),
            help: Some(match best {
                Some((_, n)) => format!("did you mean `{n}`? `sorn explain --list` lists every rule"),
                None => "`sorn explain --list` lists every rule".into(),
            }),
        });
    };
    Ok(render(meta))
}

fn render(meta: &RuleMeta) -> String {
    let configurable = if meta.category == Category::Load {
        "load rule: always an error".to_string()
    } else {
        format!("default level: {}", meta.default_level.as_str())
    };
    let configurable =
        if meta.can_fix() { format!("{configurable}; fixable by `sorn check --fix`") } else { configurable };
    format!("# {}\n\n{} ({})\n\n{}", meta.name, meta.summary, configurable, check::explanation(meta))
}

/// The rule families in the order they are listed, with their titles.
const FAMILIES: [(Category, &str); 4] = [
    (Category::Exemptions, "Exemptions (5 U.S.C. 552a(j), (k))"),
    (Category::Consistency, "SORN and exemption rule"),
    (Category::Structure, "Structure and Federal Register conventions"),
    (Category::Load, "Loading sources (always errors)"),
];

/// Every rule, one line each: name, level, summary.
pub fn list() -> String {
    let rules = check::all_rules();
    let width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (category, title) in FAMILIES {
        out.push_str(title);
        out.push('\n');
        for r in rules.iter().filter(|r| r.category == category) {
            let mark = if r.can_fix() { "fix" } else { "" };
            out.push_str(&format!("  {:width$}  {:7}  {mark:3}  {}\n", r.name, r.default_level.as_str(), r.summary));
        }
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}

/// The user guide's pages generated from the rule registry, as (path under the guide's `src/`,
/// Markdown): `rules/index.md`, the rules by family, then `rules/NAME.md` for each rule, which is
/// what `sorn explain NAME` prints. The guide is kept in step with the registry by a test that
/// compares these pages with the files.
pub fn guide_pages() -> Vec<(String, String)> {
    let rules = check::all_rules();
    let mut pages = vec![("rules/index.md".to_string(), guide_index(&rules))];
    pages.extend(rules.iter().map(|meta| (format!("rules/{}.md", meta.name), guide_page(meta))));
    pages
}

/// The entries of the guide's table of contents (SUMMARY.md) for the rule pages, one a line.
pub fn guide_summary_entries() -> String {
    let mut out = String::from("- [Rules](rules/index.md)\n");
    for meta in check::all_rules() {
        out.push_str(&format!("  - [{}](rules/{}.md)\n", meta.name, meta.name));
    }
    out
}

const GENERATED: &str =
    "<!-- Generated from the rule registry by `SORN_UPDATE_GUIDE=1 cargo test --test guide`; do not edit. -->";

fn guide_index(rules: &[&'static RuleMeta]) -> String {
    let mut out = format!(
        "{GENERATED}\n\n# Rules\n\n`sorn check` runs these rules; `sorn explain NAME` prints a rule's page and \
         `sorn explain --list` this list. A lint rule's level can be changed in `sorn.toml`; load rules \
         cannot be turned off. `sorn check --fix` fixes some findings of the rules marked *fix* \
         (each rule's page says which).\n"
    );
    for (category, title) in FAMILIES {
        out.push_str(&format!("\n## {title}\n\n| rule | level | fix | what it checks |\n|---|---|---|---|\n"));
        for r in rules.iter().filter(|r| r.category == category) {
            let summary = r.summary.replace('|', "\\|");
            let fix = if r.can_fix() { "fix" } else { "" };
            out.push_str(&format!("| [`{0}`]({0}.md) | {1} | {fix} | {summary} |\n", r.name, r.default_level.as_str()));
        }
    }
    out
}

fn guide_page(meta: &RuleMeta) -> String {
    format!("{GENERATED}\n\n{}", render(meta))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_guide_has_an_index_and_one_page_per_rule() {
        let pages = guide_pages();
        let rules = check::all_rules();
        assert_eq!(pages.len(), rules.len() + 1);
        let (path, index) = &pages[0];
        assert_eq!(path, "rules/index.md");
        for meta in &rules {
            assert!(index.contains(&format!("| [`{0}`]({0}.md) |", meta.name)), "{} is not in the index", meta.name);
            assert!(guide_summary_entries().contains(&format!("[{0}](rules/{0}.md)", meta.name)));
        }
        let (path, page) = &pages[1];
        assert_eq!(path, &format!("rules/{}.md", rules[0].name));
        assert!(page.ends_with(&explain(rules[0].name).unwrap()), "a page is what `sorn explain` prints");
    }
}
