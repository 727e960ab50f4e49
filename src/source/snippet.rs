//! TOML a help message can show for a key: valid TOML for that key in its table, derived from
//! the source format's JSON Schema, so a hint never shows syntax the loader would refuse.
//!
//! `snippet("system", "retention")` gives
//! ```toml
//! [system]
//! retention = """..."""
//! ```
//! and `snippet("system", "routine_uses")` the array-of-tables form with the entry's required
//! keys. The `...` inside strings is a value for the author to write; sorn's `leftover-placeholder`
//! rule reports it if it reaches a build.

use serde_json::Value;

use super::keys::{array_items, object_schema, resolve};
use crate::model::Kind;

/// Valid TOML that writes `key` in the table at dotted `table` ("" for the top level) of a source
/// of `kind`, with `keys` as the entry's keys when the value is a table or a list of tables (the
/// schema's required keys when `keys` is empty). `None` when the schema has no such key.
pub fn snippet(kind: Kind, table: &str, key: &str, keys: &[&str]) -> Option<String> {
    let root = crate::schema::schema(kind);
    let mut schema = root;
    for part in table.split('.').filter(|p| !p.is_empty()) {
        schema = property(root, schema, part)?;
    }
    let value = property(root, schema, key)?;
    let path = if table.is_empty() { key.to_string() } else { format!("{table}.{key}") };
    let header = if table.is_empty() { String::new() } else { format!("[{table}]\n") };
    if let Some(item) = array_items(root, value).and_then(|i| object_schema(root, i)) {
        return Some(format!("[[{path}]]\n{}", entry_lines(root, item, keys)));
    }
    if let Some(object) = object_schema(root, value)
        && object.get("properties").is_some()
    {
        return Some(format!("[{path}]\n{}", entry_lines(root, object, keys)));
    }
    Some(format!("{header}{key} = {}", example(root, value)))
}

/// The schema of the property `name` of the table `schema` describes.
fn property<'a>(root: &'a Value, schema: &'a Value, name: &str) -> Option<&'a Value> {
    let schema = match array_items(root, schema) {
        Some(items) => items,
        None => schema,
    };
    object_schema(root, schema)?.get("properties")?.get(name)
}

/// One line per key of an entry.
fn entry_lines(root: &Value, object: &Value, keys: &[&str]) -> String {
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let names: Vec<&str> = if keys.is_empty() { required } else { keys.to_vec() };
    let properties = object.get("properties").and_then(Value::as_object);
    names
        .iter()
        .map(|name| {
            let value =
                properties.and_then(|p| p.get(*name)).map_or_else(|| "\"...\"".to_string(), |v| example(root, v));
            format!("{name} = {value}\n")
        })
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// A value of the schema's type for the author to replace.
fn example(root: &Value, schema: &Value) -> String {
    let resolved = resolve(root, schema);
    if let Some(first) = first_allowed(root, resolved) {
        return format!("\"{first}\"");
    }
    // `Option<T>` is `anyOf [T, null]`: the example is T's.
    for key in ["anyOf", "oneOf"] {
        if let Some(branch) = resolved
            .get(key)
            .and_then(Value::as_array)
            .and_then(|b| b.iter().find(|b| resolve(root, b).get("type").and_then(Value::as_str) != Some("null")))
        {
            return example(root, branch);
        }
    }
    let types: Vec<&str> = match resolved.get("type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"string") {
        return match resolved.get("format").and_then(Value::as_str) {
            Some("date") => "2026-01-01  # the date".into(),
            _ => "\"\"\"...\"\"\"".into(),
        };
    }
    if types.contains(&"integer") {
        return "0  # a whole number".into();
    }
    if types.contains(&"boolean") {
        return "false".into();
    }
    if types.contains(&"array") {
        return match resolved.get("items").map(|items| example(root, items)) {
            Some(item) if !item.starts_with('[') && !item.contains('#') => format!("[{item}]"),
            _ => "[]".into(),
        };
    }
    "\"...\"".into()
}

/// The first of the string values a schema lists, if it lists them.
fn first_allowed(root: &Value, schema: &Value) -> Option<String> {
    if let Some(c) = schema.get("const").and_then(Value::as_str) {
        return Some(c.to_string());
    }
    if let Some(list) = schema.get("enum").and_then(Value::as_array) {
        return list.first().and_then(Value::as_str).map(str::to_string);
    }
    for key in ["anyOf", "oneOf"] {
        for branch in schema.get(key).and_then(Value::as_array).into_iter().flatten() {
            let branch = resolve(root, branch);
            if let Some(found) = first_allowed(root, branch) {
                return Some(found);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every snippet must load as TOML.
    fn parses(s: &str) {
        let parsed: Result<toml::Table, _> = toml::from_str(s);
        assert!(parsed.is_ok(), "not TOML:\n{s}\n{parsed:?}");
    }

    #[test]
    fn a_caption_is_a_string_in_its_table() {
        let s = snippet(Kind::Sorn, "system", "retention", &[]).expect("known key");
        assert_eq!(s, "[system]\nretention = \"\"\"...\"\"\"");
        parses(&s);
    }

    #[test]
    fn a_list_of_tables_is_an_array_of_tables_with_its_keys() {
        let s = snippet(Kind::Sorn, "notice", "contacts", &["name", "phone"]).expect("known key");
        assert_eq!(s, "[[notice.contacts]]\nname = \"\"\"...\"\"\"\nphone = \"\"\"...\"\"\"");
        parses(&s);
        let uses = snippet(Kind::Sorn, "system", "routine_uses", &[]).expect("known key");
        assert!(uses.starts_with("[[system.routine_uses]]\n"), "{uses}");
        assert!(uses.contains("id = ") && uses.contains("text = "), "{uses}");
        parses(&uses);
    }

    #[test]
    fn a_table_is_a_table_header_and_enumerations_take_an_allowed_value() {
        let s = snippet(Kind::Sorn, "", "template", &[]).expect("known key");
        assert_eq!(s, "template = \"legacy\"");
        parses(&s);
        let e = snippet(Kind::Sorn, "system", "exemptions", &["text"]).expect("known key");
        assert_eq!(e, "[system.exemptions]\ntext = \"\"\"...\"\"\"");
        parses(&e);
        let days = snippet(Kind::Sorn, "notice", "comment_days", &[]).expect("known key");
        parses(&days);
        let signed = snippet(Kind::ExemptionRule, "", "signature", &["name", "title", "dated"]).expect("known key");
        assert_eq!(
            signed,
            "[signature]\nname = \"\"\"...\"\"\"\ntitle = [\"\"\"...\"\"\"]\ndated = 2026-01-01  # the date"
        );
        parses(&signed);
    }

    #[test]
    fn an_unknown_key_has_no_snippet() {
        assert_eq!(snippet(Kind::Sorn, "system", "retentoin", &[]), None);
        assert_eq!(snippet(Kind::Sorn, "nosuch", "retention", &[]), None);
    }
}
