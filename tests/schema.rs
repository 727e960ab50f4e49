//! The committed JSON Schemas must match the model: run `sorn schema` after changing it.

use sorn::model::Kind;

#[test]
fn committed_schemas_are_up_to_date() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    for kind in Kind::ALL {
        let path = dir.join(kind.schema_file());
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == sorn::schema::schema_text(kind),
            "{} is out of date: run `cargo run -- schema`",
            path.display()
        );
    }
}

#[test]
fn sources_point_editors_at_the_schemas() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sorns");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("#:schema ../schemas/"), "{} lacks a #:schema line", path.display());
    }
}

/// A TOML value as the JSON an editor's schema validator sees: dates are strings.
fn to_json(value: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => J::from(*f),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.iter().map(to_json).collect()),
        toml::Value::Table(table) => J::Object(table.iter().map(|(k, v)| (k.clone(), to_json(v))).collect()),
    }
}

fn toml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// Every source of the repository that sorn loads without a load error is valid under its
/// committed schema, as an editor validates it: the schemas, flat as they are written, accept
/// what sorn accepts.
#[test]
fn every_source_that_loads_is_valid_under_its_schema() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["sorns", "examples", "tests/fixtures"] {
        toml_files(&root.join(dir), &mut files);
    }
    let validators: Vec<(Kind, jsonschema::Validator)> = Kind::ALL
        .iter()
        .map(|&kind| {
            let text = std::fs::read_to_string(root.join("schemas").join(kind.schema_file())).unwrap();
            (kind, jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap())
        })
        .collect();
    let mut checked = 0;
    for path in files {
        // Fixtures that are not UTF-8 do not load.
        let Ok(text) = std::fs::read_to_string(&path) else { continue };
        let workspace = sorn::source::load_str(&path.display().to_string(), &text);
        let loaded = workspace.documents.first().is_some_and(|d| d.clean)
            && !workspace.diagnostics.iter().any(|d| d.severity == sorn::Severity::Error);
        if !loaded {
            continue;
        }
        let value: toml::Value = toml::from_str(&text).unwrap();
        let kind = Kind::from_name(value["kind"].as_str().unwrap()).unwrap();
        let (_, validator) = validators.iter().find(|(k, _)| *k == kind).unwrap();
        let errors: Vec<String> = validator.iter_errors(&to_json(&value)).map(|e| format!("{e}")).collect();
        assert!(errors.is_empty(), "{}: {}", path.display(), errors.join("\n"));
        checked += 1;
    }
    assert!(checked >= 50, "only {checked} sources checked");
}

#[test]
fn the_committed_library_schema_is_up_to_date_and_describes_the_libraries() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("schemas").join(sorn::source::library::SCHEMA_FILE);
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == sorn::source::library::schema_text(),
        "{} is out of date: run `cargo run -- schema`",
        path.display()
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    for library in ["tests/fixtures/shared/lib/fwa.toml", "examples/library/omb-m-17-12.toml"] {
        let text = std::fs::read_to_string(root.join(library)).unwrap();
        let instance: serde_json::Value = toml::from_str(&text).unwrap();
        let errors: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{library}: {errors:?}");
    }
    let misspelt: serde_json::Value = toml::from_str("kind = \"library\"\n[routine_use.x]\ntext = \"a\"\n").unwrap();
    assert!(!validator.is_valid(&misspelt));
}
