//! Values that remember where they were written.
//!
//! Every diagnostic sorn prints points at the exact key or value in the TOML source, so the fields
//! a rule may point at are wrapped in [`Loc`]: the value plus its byte range in the file.

use std::ops::{Deref, Range};

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value with the byte range it occupies in its source file.
///
/// Deserializes through [`toml::Spanned`] (so it must not be used inside `#[serde(flatten)]` or
/// `#[serde(untagged)]`), and describes itself to JSON Schema exactly as `T` does.
#[derive(Clone, Debug)]
pub struct Loc<T> {
    /// Byte range of the value in the source text; `0..0` for values built in code.
    pub span: Range<usize>,
    /// The value itself.
    pub value: T,
}

impl<T> Loc<T> {
    /// A value with a known span.
    pub fn new(span: Range<usize>, value: T) -> Self {
        Self { span, value }
    }

    /// A value that has no place in any source (built by the importer or by tests).
    pub fn synthetic(value: T) -> Self {
        Self { span: 0..0, value }
    }

    /// The value.
    pub fn get(&self) -> &T {
        &self.value
    }
}

impl Loc<&str> {
    /// The text as an owned string, in the same place.
    pub fn map_str(&self) -> Loc<String> {
        Loc::new(self.span.clone(), self.value.to_string())
    }
}

impl<T> Deref for Loc<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

impl<T: PartialEq> PartialEq for Loc<T> {
    /// Equality ignores spans: two documents say the same thing wherever they say it.
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Loc<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
        let span = spanned.span();
        Ok(Self { span, value: spanned.into_inner() })
    }
}

impl<T: Serialize> Serialize for Loc<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: JsonSchema> JsonSchema for Loc<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}
