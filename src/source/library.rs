//! Library files (`kind = "library"`): content written once and taken by reference.
//!
//! A library is not a document: it is checked for its own shape when it is loaded (every entry
//! against the schema of what it stands for), the content of its entries is checked where sources
//! take it (and reported once, at the entry), and it is never rendered.

use std::sync::OnceLock;

use serde_json::{Map, Value, json};
use toml::de::DeTable;

use crate::diagnostic::{Diagnostic, FileId};
use crate::model::Kind;

use super::reference::{EntryKind, LIBRARY_KIND};

/// The file name of the library schema in `schemas/`.
pub const SCHEMA_FILE: &str = "library.schema.json";

/// The JSON Schema of a library: its sections, each a table of named entries shaped as the value
/// they stand for (a routine use without its `id`, which each notice gives).
pub fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(build_schema)
}

fn build_schema() -> Value {
    // The definitions of the sources' schemas, before they are inlined: the entries are shaped
    // as the values they stand for.
    let generator = || schemars::generate::SchemaSettings::draft07().for_deserialize().into_generator();
    let roots = [
        generator().into_root_schema_for::<crate::model::Sorn>().to_value(),
        generator().into_root_schema_for::<crate::model::ExemptionRule>().to_value(),
    ];
    let mut definitions = Map::new();
    for root in &roots {
        if let Some(Value::Object(defs)) = root.get("definitions") {
            for (name, def) in defs {
                definitions.entry(name.clone()).or_insert_with(|| def.clone());
            }
        }
    }
    let mut entry = definitions.get("RoutineUse").cloned().unwrap_or_else(|| json!({ "type": "object" }));
    if let Some(object) = entry.as_object_mut() {
        if let Some(Value::Object(properties)) = object.get_mut("properties") {
            properties.remove("id");
        }
        if let Some(Value::Array(required)) = object.get_mut("required") {
            required.retain(|k| k != "id");
        }
        object.insert(
            "description".into(),
            json!("A routine use's text; each notice that takes it gives its `id` beside `from`."),
        );
    }
    definitions.insert("RoutineUseEntry".into(), entry);
    let named = |definition: &str, description: &str| {
        json!({
            "type": "object",
            "description": description,
            "additionalProperties": { "$ref": format!("#/definitions/{definition}") },
        })
    };
    let schema = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": format!("https://sorn.dev/schemas/{SCHEMA_FILE}"),
        "title": "sorn library",
        "description": "Content several sources take by reference: `from = \"FILE#NAME\"`.",
        "type": "object",
        "additionalProperties": false,
        "required": ["kind"],
        "properties": {
            "kind": { "const": LIBRARY_KIND, "description": "The kind of source." },
            "agency": { "$ref": "#/definitions/Agency" },
            "contacts": named("Contact", "FOR FURTHER INFORMATION CONTACT entries, by name."),
            "signers": named("Signature", "Signature blocks, by name; each document gives its own `dated`."),
            "routine_uses": named("RoutineUseEntry", "Routine uses, by name; each notice gives the `id`."),
            "justifications": named("Justification", "Reasons for exemptions, by name."),
        },
        "definitions": Value::Object(definitions),
    });
    // Written flat, as the sources' schemas are, for the editors that do not follow references.
    crate::schema::flatten(&schema)
}

/// The schema as written to `schemas/`.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// Checks a library's shape: its sections and every entry's keys and types.
pub fn check(file: FileId, table: &DeTable<'_>) -> Vec<Diagnostic> {
    debug_assert!(EntryKind::of_section("routine_uses").is_some());
    let references = references_in(table);
    let mut out: Vec<Diagnostic> = references
        .iter()
        .map(|(path, span)| {
            Diagnostic::error(
                super::reference::RULE,
                format!(
                    "the library entry `{path}` takes its content by reference; a library holds its content itself"
                ),
                crate::diagnostic::Label::new(file, span.clone(), "a reference in a library"),
            )
            .with_help("write the entry's content here, or have the sources take it from where it is written")
        })
        .collect();
    // One cause, one diagnostic: the shape of an entry that is a reference is not checked too
    // (its `from` would be an unknown key and its content missing).
    let inside = |path: &str| {
        references.iter().any(|(entry, _)| {
            path == entry || path.strip_prefix(entry.as_str()).is_some_and(|rest| rest.starts_with('.'))
        })
    };
    out.extend(
        super::keys::problems(schema(), table)
            .into_iter()
            .filter(|problem| {
                let path = match problem {
                    super::keys::Problem::Unknown(u) => u.table.as_str(),
                    super::keys::Problem::Missing { table, .. } => table.as_str(),
                    super::keys::Problem::WrongType { path, .. } | super::keys::Problem::NotAllowed { path, .. } => {
                        path.as_str()
                    }
                };
                !inside(path)
            })
            .map(|problem| super::shape_diagnostic(file, Kind::Sorn, problem)),
    );
    out
}

/// The entries of a library that are references (`from = ...`), by dotted path ("agency",
/// "routine_uses.breach"), with the span of their `from` value.
fn references_in(table: &DeTable<'_>) -> Vec<(String, std::ops::Range<usize>)> {
    let from_of = |entry: &DeTable<'_>| entry.get("from").map(|value| value.span());
    let mut out = Vec::new();
    for (section, value) in table {
        let Some(section_table) = value.get_ref().as_table() else { continue };
        if section.get_ref() == "agency" {
            if let Some(span) = from_of(section_table) {
                out.push(("agency".to_string(), span));
            }
            continue;
        }
        for (name, entry) in section_table {
            if let Some(span) = entry.get_ref().as_table().and_then(from_of) {
                out.push((format!("{}.{}", section.get_ref(), name.get_ref()), span));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        let table = DeTable::parse(text).expect("valid TOML").into_inner();
        check(FileId(0), &table).into_iter().map(|d| d.message).collect()
    }

    #[test]
    fn a_library_of_every_section_has_no_problem() {
        let text = r#"
kind = "library"
[agency]
name = "Federal Works Agency"
[contacts.privacy]
name = "A. Person"
[signers.cpo]
name = "A. Person"
title = ["Chief Privacy Officer"]
[routine_uses.breach-own]
text = "To appropriate agencies."
[justifications.c3]
subsections = ["(c)(3)"]
text = "because ..."
"#;
        assert_eq!(problems(text), Vec::<String>::new());
    }

    #[test]
    fn a_reference_in_a_library_is_one_error() {
        let text = "kind = \"library\"\n[agency]\nfrom = \"other.toml\"\n[routine_uses.ok]\ntext = \"a\"\n\
                    [routine_uses.loop]\nfrom = \"lib.toml#loop\"\n[routine_uses.bad]\ntxt = \"b\"\n";
        let found = problems(text);
        // The misspelt key is one problem too: it stands for the missing `text`.
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("`agency` takes its content by reference"), "{found:?}");
        assert!(found[1].contains("`routine_uses.loop` takes its content by reference"), "{found:?}");
        assert!(found.iter().any(|m| m.contains("unknown key `txt`")), "{found:?}");
    }

    #[test]
    fn misspelt_sections_and_entry_keys_are_reported() {
        let text = "kind = \"library\"\n[routine_use.x]\ntext = \"a\"\n[routine_uses.y]\ntxt = \"b\"\nid = \"A\"\n";
        let found = problems(text);
        assert!(found.iter().any(|m| m.contains("unknown key `routine_use`")), "{found:?}");
        assert!(found.iter().any(|m| m.contains("unknown key `txt`")), "{found:?}");
        assert!(found.iter().any(|m| m.contains("unknown key `id`")), "{found:?}");
    }
}
