//! The shape of a source, checked against its kind's JSON Schema before deserializing: every
//! unknown key (with a did-you-mean), every value of the wrong type, every value outside a list
//! of allowed values, and every missing required key, all in one run.
//!
//! serde stops at the first problem. A privacy officer fixing a source wants every problem of the
//! file in one run (as Taplo shows them), so sorn walks the parsed TOML against the schema the
//! model itself generates. Where the schema says nothing certain (a branch it cannot resolve),
//! the walk accepts the value and leaves the verdict to serde, so it never reports a problem that
//! deserializing would not.

use std::ops::Range;

use serde_json::Value;
use toml::de::{DeTable, DeValue};

/// One problem of shape, with the span it concerns.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A key the schema does not know.
    Unknown(UnknownKey),
    /// A value of a type the key does not take.
    WrongType {
        /// Span of the value.
        span: Range<usize>,
        /// Dotted path of the key, e.g. "system.routine_uses.text".
        path: String,
        /// What the key takes, in words: "a string".
        expected: String,
        /// What was written, in words: "a whole number".
        found: &'static str,
    },
    /// A string outside the values the key allows.
    NotAllowed {
        /// Span of the value.
        span: Range<usize>,
        /// Dotted path of the key.
        path: String,
        /// The value as written.
        value: String,
        /// The values allowed.
        allowed: Vec<String>,
    },
    /// A required key that is absent.
    Missing {
        /// Span of the table that lacks it (its key in the parent; the file start for the root).
        span: Range<usize>,
        /// Dotted path of that table ("" for the root).
        table: String,
        /// The missing key.
        key: String,
    },
}

impl Problem {
    /// The span the problem concerns.
    pub fn span(&self) -> &Range<usize> {
        match self {
            Problem::Unknown(u) => &u.span,
            Problem::WrongType { span, .. } | Problem::NotAllowed { span, .. } | Problem::Missing { span, .. } => span,
        }
    }
}

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

/// Walks `table` against `schema` and returns every problem of shape, in source order within
/// each table.
pub fn problems(root: &Value, table: &DeTable<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    walk_table(root, root, table, "", 0..0, &mut out);
    out
}

/// Walks `table` against `schema` and returns every unknown key.
pub fn unknown_keys(root: &Value, table: &DeTable<'_>) -> Vec<UnknownKey> {
    problems(root, table)
        .into_iter()
        .filter_map(|p| match p {
            Problem::Unknown(u) => Some(u),
            _ => None,
        })
        .collect()
}

pub(crate) fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(reference) = schema.get("$ref").and_then(Value::as_str) else {
            // `allOf` with a single `$ref` is how schemars writes a described reference.
            if let Some([only]) = schema.get("allOf").and_then(Value::as_array).map(Vec::as_slice) {
                schema = only;
                continue;
            }
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
pub(crate) fn object_schema<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
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

pub(crate) fn array_items<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
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

/// The JSON types a schema allows, or `None` when it does not constrain the type for certain
/// (no `type`, or a branch that does not).
fn allowed_types(root: &Value, schema: &Value, depth: usize) -> Option<Vec<String>> {
    if depth > 16 {
        return None;
    }
    let schema = resolve(root, schema);
    if let Some(t) = schema.get("type") {
        return match t {
            Value::String(s) => Some(vec![s.clone()]),
            Value::Array(list) => Some(list.iter().filter_map(Value::as_str).map(str::to_string).collect()),
            _ => None,
        };
    }
    if let Some(c) = schema.get("const") {
        return json_type(c).map(|t| vec![t.to_string()]);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            let mut all = Vec::new();
            for branch in branches {
                all.extend(allowed_types(root, branch, depth + 1)?);
            }
            return Some(all);
        }
    }
    None
}

fn json_type(value: &Value) -> Option<&'static str> {
    Some(match value {
        Value::String(_) => "string",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::Bool(_) => "boolean",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    })
}

/// The string values a schema allows (`enum`, or `oneOf`/`anyOf` of `const`s), if it lists them.
fn allowed_strings(root: &Value, schema: &Value) -> Option<Vec<String>> {
    let schema = resolve(root, schema);
    if let Some(list) = schema.get("enum").and_then(Value::as_array) {
        return list.iter().map(|v| v.as_str().map(str::to_string)).collect();
    }
    if let Some(c) = schema.get("const") {
        return c.as_str().map(|s| vec![s.to_string()]);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(branches) = schema.get(key).and_then(Value::as_array) {
            let mut all = Vec::new();
            for branch in branches {
                let branch = resolve(root, branch);
                if branch.get("type").and_then(Value::as_str) == Some("null") {
                    continue;
                }
                all.extend(allowed_strings(root, branch)?);
            }
            return (!all.is_empty()).then_some(all);
        }
    }
    None
}

/// What a TOML value is, as the schema's types name it, and in words.
fn toml_type(value: &DeValue<'_>) -> (&'static [&'static str], &'static str) {
    match value {
        DeValue::String(_) => (&["string"], "a string"),
        DeValue::Integer(_) => (&["integer", "number"], "a whole number"),
        DeValue::Float(_) => (&["number"], "a number"),
        DeValue::Boolean(_) => (&["boolean"], "true or false"),
        // Dates are strings with a `format` in the schema.
        DeValue::Datetime(_) => (&["string"], "a date"),
        DeValue::Array(_) => (&["array"], "a list"),
        DeValue::Table(_) => (&["object"], "a table"),
    }
}

/// A type list in words: ["string", "null"] -> "a string".
fn in_words(types: &[String]) -> String {
    let words: Vec<&str> = types
        .iter()
        .filter_map(|t| match t.as_str() {
            "string" => Some("a string"),
            "integer" => Some("a whole number"),
            "number" => Some("a number"),
            "boolean" => Some("true or false"),
            "array" => Some("a list"),
            "object" => Some("a table"),
            _ => None,
        })
        .collect();
    match words.as_slice() {
        [] => "a value".into(),
        [one] => (*one).into(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

fn walk_table(
    root: &Value,
    schema: &Value,
    table: &DeTable<'_>,
    path: &str,
    span: Range<usize>,
    out: &mut Vec<Problem>,
) {
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
    let first_problem = out.len();
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
            walk_value(root, s, value.get_ref(), &child_path, (key.span(), value.span()), out);
        }
    }
    if let Some(required) = object.get("required").and_then(Value::as_array) {
        // A misspelt required key is one problem, not two: its unknown-key diagnostic suggests it.
        let suggested: Vec<String> = out[first_problem..]
            .iter()
            .filter_map(|p| match p {
                Problem::Unknown(u) if u.table == path => u.suggestion.clone(),
                _ => None,
            })
            .collect();
        for key in required.iter().filter_map(Value::as_str) {
            if table.get(key).is_none() && !suggested.iter().any(|s| s == key) {
                out.push(Problem::Missing { span: span.clone(), table: path.to_string(), key: key.to_string() });
            }
        }
    }
}

/// Checks one value: its type, its allowed values, and what it holds. `spans` are the key's and
/// the value's.
fn walk_value(
    root: &Value,
    schema: &Value,
    value: &DeValue<'_>,
    path: &str,
    spans: (Range<usize>, Range<usize>),
    out: &mut Vec<Problem>,
) {
    let (key_span, value_span) = spans;
    let (is, found) = toml_type(value);
    if let Some(types) = allowed_types(root, schema, 0)
        && !types.is_empty()
        && !types.iter().any(|t| is.contains(&t.as_str()))
    {
        out.push(Problem::WrongType { span: value_span, path: path.to_string(), expected: in_words(&types), found });
        return;
    }
    match value {
        DeValue::String(s) => {
            if let Some(allowed) = allowed_strings(root, schema)
                && !allowed.iter().any(|a| a == s.as_ref())
            {
                out.push(Problem::NotAllowed {
                    span: value_span,
                    path: path.to_string(),
                    value: s.to_string(),
                    allowed,
                });
            }
        }
        DeValue::Table(t) => walk_table(root, schema, t, path, key_span, out),
        DeValue::Array(items) => {
            if let Some(item_schema) = array_items(root, schema) {
                for item in items.iter() {
                    let span = item.span();
                    walk_value(root, item_schema, item.get_ref(), path, (span.clone(), span), out);
                }
            }
        }
        _ => {}
    }
}

fn unknown(span: Range<usize>, key: &str, table: &str, expected: Vec<String>) -> Problem {
    let suggestion = closest(key, &expected);
    Problem::Unknown(UnknownKey { span, key: key.to_string(), table: table.to_string(), suggestion, expected })
}

/// The candidate closest to `word`, if one is close.
pub(crate) fn closest(word: &str, candidates: &[String]) -> Option<String> {
    candidates
        .iter()
        .map(|candidate| (strsim::jaro_winkler(candidate, word), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;

    fn shape(text: &str) -> Vec<Problem> {
        let table = DeTable::parse(text).expect("TOML");
        problems(crate::schema::schema(Kind::Sorn), table.get_ref())
    }

    const HEAD: &str = "kind = \"sorn\"\ntemplate = \"a108\"\naction = \"new\"\n";
    const AGENCY: &str = "[agency]\nname = \"A\"\n";

    #[test]
    fn a_valid_source_has_no_problem() {
        assert_eq!(shape(&format!("{HEAD}{AGENCY}[system]\nid = \"A-1\"\nname = \"B\"\n")), vec![]);
    }

    #[test]
    fn every_problem_of_a_file_is_found_at_once() {
        let text = format!(
            "{HEAD}partial = \"yes\"\n{AGENCY}[notice]\ncomment_days = \"thirty\"\n[system]\nid = 7\nname = \"B\"\nhistroy = \"x\"\n[[system.routine_uses]]\ntext = \"t\"\n"
        );
        let found = shape(&text);
        let mut summary: Vec<String> = found
            .iter()
            .map(|p| match p {
                Problem::Unknown(u) => format!("unknown {}", u.key),
                Problem::WrongType { path, found, .. } => format!("type {path} {found}"),
                Problem::NotAllowed { path, .. } => format!("value {path}"),
                Problem::Missing { table, key, .. } => format!("missing {table}.{key}"),
            })
            .collect();
        summary.sort();
        assert_eq!(
            summary,
            [
                "missing system.routine_uses.id",
                "type notice.comment_days a string",
                "type partial a string",
                "type system.id a whole number",
                "unknown histroy",
            ]
        );
    }

    #[test]
    fn values_outside_a_list_and_misspelt_required_keys_are_one_problem_each() {
        let text = "kind = \"sorn\"\ntemplate = \"a109\"\naction = \"new\"\n[agency]\nname = \"A\"\n[system]\nid = \"A-1\"\nnmae = \"B\"\n";
        let found = shape(text);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().any(|p| matches!(p, Problem::NotAllowed { value, .. } if value == "a109")));
        assert!(found.iter().any(|p| matches!(p, Problem::Unknown(u) if u.suggestion.as_deref() == Some("name"))));
    }

    #[test]
    fn dates_are_accepted_where_the_schema_takes_a_date_string() {
        assert_eq!(
            shape(&format!("{HEAD}published = 2016-08-09\n{AGENCY}[system]\nid = \"A-1\"\nname = \"B\"\n")),
            vec![]
        );
    }
}
