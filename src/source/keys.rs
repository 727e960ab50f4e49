//! Unknown keys, all at once, with a did-you-mean.
//!
//! serde stops at the first unknown key. A privacy officer fixing a source wants every misspelt
//! key in one run, so before deserializing sorn walks the parsed TOML against the kind's JSON
//! Schema and reports each key the schema does not know, suggesting the closest known one.

use std::ops::Range;

use serde_json::Value;
use toml::de::{DeTable, DeValue};

/// An unknown key: where it is, its name, the table it is in, and the closest known key.
#[derive(Clone, Debug, PartialEq)]
pub struct UnknownKey {
    /// Span of the key.
    pub span: Range<usize>,
    /// The key as written.
    pub key: String,
    /// Dotted path of the enclosing table, e.g. "system" ("" for the root).
    pub table: String,
    /// The closest known key, if any is close.
    pub suggestion: Option<String>,
    /// Every key allowed there.
    pub expected: Vec<String>,
}

/// Walks `table` against `schema` and returns every unknown key.
pub fn unknown_keys(root: &Value, table: &DeTable<'_>) -> Vec<UnknownKey> {
    let mut out = Vec::new();
    walk_table(root, root, table, "", &mut out);
    out
}

fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            return schema;
        };
        let Some(path) = reference.strip_prefix("#/") else {
            return schema;
        };
        let mut target = root;
        for part in path.split('/') {
            match target.get(part) {
                Some(next) => target = next,
                None => return schema,
            }
        }
        schema = target;
    }
    schema
}

/// The object schema to use for a table value: follows `$ref` and picks the object branch of
/// `anyOf`/`oneOf` (how `Option<Struct>` is written).
fn object_schema<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    let schema = resolve(root, schema);
    if schema.get("properties").is_some() || schema.get("additionalProperties").is_some() {
        return Some(schema);
    }
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            for branch in branches {
                if let Some(found) = object_schema(root, branch) {
                    return Some(found);
                }
            }
        }
    }
    None
}

fn array_items<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    let schema = resolve(root, schema);
    if let Some(items) = schema.get("items") {
        return Some(items);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            for branch in branches {
                if let Some(found) = array_items(root, branch) {
                    return Some(found);
                }
            }
        }
    }
    None
}

fn walk_table(root: &Value, schema: &Value, table: &DeTable<'_>, path: &str, out: &mut Vec<UnknownKey>) {
    let Some(object) = object_schema(root, schema) else {
        return;
    };
    let properties = object.get("properties").and_then(Value::as_object);
    let additional = object.get("additionalProperties");
    let allowed_names: Option<Vec<&str>> = object
        .get("propertyNames")
        .map(|p| resolve(root, p))
        .and_then(|p| p.get("enum"))
        .and_then(Value::as_array)
        .map(|names| names.iter().filter_map(Value::as_str).collect());
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let child_path = if path.is_empty() { name.to_string() } else { format!("{path}.{name}") };
        let child_schema = properties.and_then(|p| p.get(name));
        let schema_for_value = match (child_schema, additional) {
            (Some(s), _) => Some(s),
            (None, Some(Value::Object(_))) => {
                if let Some(names) = &allowed_names
                    && !names.contains(&name)
                {
                    out.push(unknown(key.span(), name, path, names.iter().map(|s| s.to_string()).collect()));
                    continue;
                }
                additional
            }
            (None, _) => {
                let expected: Vec<String> = properties.map(|p| p.keys().cloned().collect()).unwrap_or_default();
                out.push(unknown(key.span(), name, path, expected));
                continue;
            }
        };
        if let Some(s) = schema_for_value {
            walk_value(root, s, value.get_ref(), &child_path, out);
        }
    }
}

fn walk_value(root: &Value, schema: &Value, value: &DeValue<'_>, path: &str, out: &mut Vec<UnknownKey>) {
    match value {
        DeValue::Table(t) => walk_table(root, schema, t, path, out),
        DeValue::Array(items) => {
            if let Some(item_schema) = array_items(root, schema) {
                for item in items.iter() {
                    walk_value(root, item_schema, item.get_ref(), path, out);
                }
            }
        }
        _ => {}
    }
}

fn unknown(span: Range<usize>, key: &str, table: &str, expected: Vec<String>) -> UnknownKey {
    let suggestion = expected
        .iter()
        .map(|candidate| (strsim::jaro_winkler(candidate, key), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone());
    UnknownKey { span, key: key.to_string(), table: table.to_string(), suggestion, expected }
}
