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
    format!("# {}\n\n{} ({})\n\n{}", meta.name, meta.summary, configurable, check::explanation(meta))
}

/// Every rule, one line each: name, level, summary.
pub fn list() -> String {
    let rules = check::all_rules();
    let width = rules.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for category in [Category::Exemptions, Category::Consistency, Category::Structure, Category::Load] {
        let title = match category {
            Category::Exemptions => "Exemptions (5 U.S.C. 552a(j), (k))",
            Category::Consistency => "SORN and exemption rule",
            Category::Structure => "Structure and Federal Register conventions",
            Category::Load => "Loading sources (always errors)",
        };
        out.push_str(title);
        out.push('\n');
        for r in rules.iter().filter(|r| r.category == category) {
            out.push_str(&format!("  {:width$}  {:7}  {}\n", r.name, r.default_level.as_str(), r.summary));
        }
        out.push('\n');
    }
    out.trim_end().to_string() + "\n"
}
