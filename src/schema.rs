//! JSON Schemas for the sources, derived from the model types.
//!
//! Editors with a TOML language server (Taplo, "Even Better TOML") read the `#:schema` line at the
//! top of a source and complete and validate keys from these schemas. sorn also uses them itself
//! to find every unknown key of a source in one pass (see [`crate::source::keys`]).

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::model::{ExemptionRule, Kind, Sorn};

/// The JSON Schema (draft-07, which every TOML language server reads) of a kind of source: the
/// committed schema in `schemas/`, compiled in, so that a run does not derive it from the model
/// again (deriving it took about a third of checking one small source). `tests/schema.rs`
/// keeps the committed schemas equal to the derived ones.
pub fn schema(kind: Kind) -> &'static Value {
    static SORN: OnceLock<Value> = OnceLock::new();
    static RULE: OnceLock<Value> = OnceLock::new();
    let committed = |text: &str| serde_json::from_str(text).unwrap_or_else(|_| generate_for(kind));
    match kind {
        Kind::Sorn => SORN.get_or_init(|| committed(include_str!("../schemas/sorn.schema.json"))),
        Kind::ExemptionRule => RULE.get_or_init(|| committed(include_str!("../schemas/exemption-rule.schema.json"))),
    }
}

/// The schema of a kind of source, derived from the model types.
fn generate_for(kind: Kind) -> Value {
    match kind {
        Kind::Sorn => generate::<Sorn>(kind),
        Kind::ExemptionRule => generate::<ExemptionRule>(kind),
    }
}

fn generate<T: schemars::JsonSchema>(kind: Kind) -> Value {
    let schema = SchemaSettings::draft07().for_deserialize().into_generator().into_root_schema_for::<T>();
    let mut value = schema.to_value();
    if let Value::Object(map) = &mut value {
        map.insert("$id".into(), Value::String(format!("https://sorn.dev/schemas/{}", kind.schema_file())));
    }
    value
}

/// The schema as it is written to `schemas/`, derived from the model: pretty JSON with a final
/// newline.
pub fn schema_text(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(&generate_for(kind)).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema a run reads is the one the model gives (when `schemas/` is up to date, which
    /// `tests/schema.rs` checks).
    #[test]
    fn the_compiled_in_schema_is_the_derived_one() {
        for kind in [Kind::Sorn, Kind::ExemptionRule] {
            assert_eq!(schema(kind), &generate_for(kind), "{}: run `sorn schema`", kind.schema_file());
        }
    }
}
