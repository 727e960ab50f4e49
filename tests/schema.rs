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
