//! How the schemas describe content taken by reference (see [`crate::source::reference`]).
//!
//! References are resolved before a source is typed, so the model holds only the content; the
//! schemas, which editors read, say that each place that may take content by reference takes
//! either the value or a reference table.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

/// A reference: the file (and for a library, the entry) the value is taken from.
#[derive(JsonSchema)]
#[allow(dead_code)] // Describes a table for the schemas; sources never deserialize into it.
pub(crate) struct Reference {
    /// The file the value is taken from, relative to this source: "../lib/agency.toml" for a
    /// library's agency block or another source's, "../lib/agency.toml#NAME" for a library entry.
    /// Keys written beside `from` (a routine use's `id`, a signature's `dated`) are added to it.
    from: String,
}

/// The value, or a reference to it.
pub(crate) fn or_reference<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let value = generator.subschema_for::<T>();
    let reference = reference(generator);
    json_schema!({ "anyOf": [value, reference] })
}

/// A list of values, each written inline or taken by reference.
pub(crate) fn items_or_reference<T: JsonSchema>(generator: &mut SchemaGenerator) -> Schema {
    let value = generator.subschema_for::<T>();
    let reference = reference(generator);
    json_schema!({ "type": "array", "items": { "anyOf": [value, reference] } })
}

/// The reference table.
fn reference(generator: &mut SchemaGenerator) -> Schema {
    generator.subschema_for::<Reference>()
}
