//! JSON Schemas for the sources, derived from the model types.
//!
//! Editors with a TOML language server (Taplo, "Even Better TOML") read the `#:schema` line at the
//! top of a source and complete and validate keys from these schemas. sorn also uses them itself
//! to find every unknown key of a source in one pass (see [`crate::source::keys`]).
//!
//! The schemas are written flat ([`flatten`]): every `$ref` replaced by the definition it names,
//! and no `allOf` or `null` alternative left. Taplo's language server (the one Even Better TOML
//! runs) walks a schema anew for every completion and hover, and on the shape schemars writes (a
//! described reference as `allOf: [{"$ref": ...}]`, `Option<T>` as `anyOf: [T, null]`) it never
//! answers: it merges an `allOf` back into itself and recurses until its stack overflows. A TOML
//! value is never null, so those alternatives say nothing; with no reference to follow, each
//! lookup is a walk down the document's own keys.

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
    let mut value = flatten(&schema.to_value());
    if let Value::Object(map) = &mut value {
        map.insert("$id".into(), Value::String(format!("https://sorn.dev/schemas/{}", kind.schema_file())));
    }
    value
}

/// How deep definitions may nest when they are inlined: the model's types nest a few levels; a
/// recursive type (none today) would be cut here rather than inlined forever.
const MAX_INLINE_DEPTH: usize = 32;

/// The schema with every reference inlined, single-branch `allOf`s merged into their schema,
/// and `null` removed from `anyOf`/`oneOf` alternatives and `type` lists (see the module doc).
/// Validation is unchanged for TOML values: none is null.
pub fn flatten(root: &Value) -> Value {
    let empty = serde_json::Map::new();
    let definitions = root.get("definitions").and_then(Value::as_object).unwrap_or(&empty);
    let mut flat = flatten_schema(root, definitions, 0);
    if let Value::Object(map) = &mut flat {
        map.remove("definitions");
    }
    flat
}

/// One schema, flattened. Only the keywords that hold schemas are walked into: `default`,
/// `const`, `enum` and `examples` are data and are kept as written.
fn flatten_schema(schema: &Value, definitions: &serde_json::Map<String, Value>, depth: usize) -> Value {
    let Value::Object(map) = schema else { return schema.clone() };
    if depth > MAX_INLINE_DEPTH {
        return Value::Object(serde_json::Map::new());
    }
    let mut map = map.clone();
    // A reference, or a described reference (`allOf` of one schema): the target, with the
    // siblings (description, default) written over it.
    let target = match (map.remove("$ref"), map.get("allOf").and_then(Value::as_array)) {
        (Some(Value::String(reference)), _) => {
            let name = reference.rsplit('/').next().unwrap_or_default();
            definitions.get(name).cloned()
        }
        (_, Some(all)) if all.len() == 1 => {
            let only = all[0].clone();
            map.remove("allOf");
            Some(only)
        }
        _ => None,
    };
    if let Some(target) = target {
        let mut merged = match flatten_schema(&target, definitions, depth + 1) {
            Value::Object(inner) => inner,
            _ => serde_json::Map::new(),
        };
        for (key, value) in flatten_keywords(map, definitions, depth) {
            merged.insert(key, value);
        }
        return Value::Object(merged);
    }
    Value::Object(flatten_keywords(map, definitions, depth))
}

/// The keywords of one schema object, each subschema flattened.
fn flatten_keywords(
    map: serde_json::Map<String, Value>,
    definitions: &serde_json::Map<String, Value>,
    depth: usize,
) -> serde_json::Map<String, Value> {
    let sub = |value: &Value| flatten_schema(value, definitions, depth + 1);
    let mut out = serde_json::Map::new();
    let mut pending_description: Option<String> = None;
    for (key, value) in map {
        let value = match (key.as_str(), &value) {
            ("properties" | "patternProperties", Value::Object(props)) => {
                Value::Object(props.iter().map(|(name, schema)| (name.clone(), sub(schema))).collect())
            }
            ("items" | "additionalProperties" | "not" | "if" | "then" | "else", Value::Object(_)) => sub(&value),
            ("items", Value::Array(list)) => Value::Array(list.iter().map(sub).collect()),
            ("allOf", Value::Array(list)) => Value::Array(list.iter().map(sub).collect()),
            ("anyOf" | "oneOf", Value::Array(list)) => {
                let branches: Vec<Value> = list.iter().filter(|b| !is_null_type(b)).map(sub).collect();
                if let [only] = branches.as_slice() {
                    // One alternative left: it is the schema.
                    if let Value::Object(inner) = only {
                        for (k, v) in inner {
                            out.entry(k.clone()).or_insert_with(|| v.clone());
                        }
                    }
                    continue;
                }
                if let Some((values, described)) = constants(&branches) {
                    // A choice of strings: one `enum`, so that an editor offers the key once and
                    // completes its values; each value's description joins the schema's.
                    out.insert("type".into(), Value::String("string".into()));
                    out.insert("enum".into(), Value::Array(values));
                    if !described.is_empty() {
                        pending_description = Some(described);
                    }
                    continue;
                }
                Value::Array(branches)
            }
            ("type", Value::Array(types)) => {
                let types: Vec<Value> = types.iter().filter(|t| t.as_str() != Some("null")).cloned().collect();
                match types.as_slice() {
                    [only] => only.clone(),
                    _ => Value::Array(types),
                }
            }
            ("default", Value::Null) => continue,
            _ => value,
        };
        out.insert(key, value);
    }
    if let Some(values) = pending_description {
        let text = match out.get("description").and_then(Value::as_str) {
            Some(own) => format!("{own}\n\n{values}"),
            None => values,
        };
        out.insert("description".into(), Value::String(text));
    }
    out
}

/// The values of a choice whose every branch is one string constant, and their descriptions as
/// a Markdown list (empty when none is described).
fn constants(branches: &[Value]) -> Option<(Vec<Value>, String)> {
    let mut values = Vec::new();
    let mut described = Vec::new();
    for branch in branches {
        let map = branch.as_object()?;
        let value = map.get("const").filter(|c| c.is_string())?;
        if map.keys().any(|k| !matches!(k.as_str(), "const" | "description" | "type")) {
            return None;
        }
        if let Some(text) = map.get("description").and_then(Value::as_str) {
            described.push(format!("- `{}`: {text}", value.as_str().unwrap_or_default()));
        }
        values.push(value.clone());
    }
    (!values.is_empty()).then(|| (values, described.join("\n")))
}

fn is_null_type(schema: &Value) -> bool {
    schema.get("type").and_then(Value::as_str) == Some("null") && schema.as_object().is_some_and(|m| m.len() <= 2)
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
    use serde_json::json;

    /// Every keyword that makes a language server follow a reference or merge a composition.
    fn composed(value: &Value, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, inner) in map {
                    if key == "$ref" || key == "allOf" || key == "definitions" {
                        found.push(key.clone());
                    }
                    if inner.get("type").and_then(Value::as_str) == Some("null") {
                        found.push(format!("null under {key}"));
                    }
                    composed(inner, found);
                }
            }
            Value::Array(items) => items.iter().for_each(|i| composed(i, found)),
            _ => {}
        }
    }

    #[test]
    fn the_schemas_have_no_reference_composition_or_null_left() {
        for kind in Kind::ALL {
            let mut found = Vec::new();
            composed(schema(kind), &mut found);
            assert!(found.is_empty(), "{}: {found:?}", kind.schema_file());
        }
    }

    #[test]
    fn a_described_reference_becomes_its_definition_with_the_description() {
        let generated = json!({
            "properties": {
                "a": {"allOf": [{"$ref": "#/definitions/A"}], "description": "Field a."},
                "b": {"anyOf": [{"$ref": "#/definitions/A"}, {"type": "null"}], "default": null},
                "c": {"type": ["string", "null"], "default": "x"},
                "d": {"oneOf": [{"const": "x"}, {"const": "y"}]},
                "e": {"description": "E.", "oneOf": [{"const": "x", "description": "Ex."}, {"type": "integer"}]}
            },
            "definitions": {"A": {"type": "object", "description": "An A.", "properties": {"n": {"type": "integer"}}}}
        });
        let flat = flatten(&generated);
        let a = json!({"type": "object", "description": "Field a.", "properties": {"n": {"type": "integer"}}});
        assert_eq!(flat["properties"]["a"], a);
        let b = json!({"type": "object", "description": "An A.", "properties": {"n": {"type": "integer"}}});
        assert_eq!(flat["properties"]["b"], b);
        assert_eq!(flat["properties"]["c"], json!({"type": "string", "default": "x"}));
        let d = json!({"type": "string", "enum": ["x", "y"]});
        assert_eq!(flat["properties"]["d"], d);
        assert_eq!(flat["properties"]["e"], generated["properties"]["e"]);
        let choice = json!({"description": "A.", "oneOf": [{"const": "x", "description": "Ex."}, {"const": "y"}]});
        let described = json!({"description": "A.\n\n- `x`: Ex.", "type": "string", "enum": ["x", "y"]});
        assert_eq!(flatten(&choice), described);
        assert!(flat.get("definitions").is_none());
    }

    /// The schema a run reads is the one the model gives (when `schemas/` is up to date, which
    /// `tests/schema.rs` checks).
    #[test]
    fn the_compiled_in_schema_is_the_derived_one() {
        for kind in [Kind::Sorn, Kind::ExemptionRule] {
            assert_eq!(schema(kind), &generate_for(kind), "{}: run `sorn schema`", kind.schema_file());
        }
    }
}
