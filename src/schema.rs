//! JSON Schemas for the sources, derived from the model types.
//!
//! Editors with a TOML language server (Taplo, "Even Better TOML") read the `#:schema` line at the
//! top of a source and complete and validate keys from these schemas. sorn also uses them itself
//! to find every unknown key of a source in one pass (see [`crate::source::keys`]).

use std::sync::OnceLock;

use schemars::generate::SchemaSettings;
use serde_json::Value;

use crate::model::{ExemptionRule, Kind, Sorn};

/// The JSON Schema (draft-07, which every TOML language server reads) of a kind of source.
pub fn schema(kind: Kind) -> &'static Value {
    static SORN: OnceLock<Value> = OnceLock::new();
    static RULE: OnceLock<Value> = OnceLock::new();
    match kind {
        Kind::Sorn => SORN.get_or_init(|| generate::<Sorn>(kind)),
        Kind::ExemptionRule => RULE.get_or_init(|| generate::<ExemptionRule>(kind)),
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

/// The schema as it is written to `schemas/`: pretty JSON with a final newline.
pub fn schema_text(kind: Kind) -> String {
    let mut text = serde_json::to_string_pretty(schema(kind)).unwrap_or_default();
    text.push('\n');
    text
}
