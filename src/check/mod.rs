//! The linter: rules over the document model.

mod load;
pub mod meta;

pub use load::LOAD_RULES;
pub use meta::{Category, Level, RuleMeta};

/// Every rule sorn knows, load rules first, in a stable order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    LOAD_RULES.iter().collect()
}

/// The rule with this name.
pub fn find_rule(name: &str) -> Option<&'static RuleMeta> {
    all_rules().into_iter().find(|r| r.name == name)
}
