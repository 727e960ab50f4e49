//! `sorn schema`: writes the JSON Schemas of the sources.

use std::path::PathBuf;

use crate::ExitStatus;
use crate::error::SornError;
use crate::model::Kind;

/// Options of `sorn schema`.
#[derive(Clone, Debug)]
pub struct SchemaOptions {
    /// Folder to write into (default `schemas/`).
    pub out_dir: PathBuf,
}

/// Writes one schema file per kind; returns the paths written.
pub fn run(options: &SchemaOptions) -> Result<(ExitStatus, Vec<PathBuf>), SornError> {
    let mut written = Vec::new();
    for kind in Kind::ALL {
        let path = options.out_dir.join(kind.schema_file());
        super::output::write_atomic(&path, crate::schema::schema_text(kind).as_bytes())?;
        written.push(path);
    }
    let path = options.out_dir.join(crate::source::library::SCHEMA_FILE);
    super::output::write_atomic(&path, crate::source::library::schema_text().as_bytes())?;
    written.push(path);
    Ok((ExitStatus::Success, written))
}
