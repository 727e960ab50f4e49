//! `sorn import`: published Federal Register documents into sources.
//!
//! `sorn import FILE [--out FILE]` writes the one source a document gives (to standard output by
//! default); `sorn import FILE... --out-dir DIR` writes one source per document found, named from
//! the system identifier, and links a SORN and its exemption rule imported in the same run.
//! Existing files are never overwritten without `--force`.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::ExitStatus;
use crate::error::SornError;
use crate::import::{self, ImportOptions, ImportedSource};

/// Options of `sorn import`.
#[derive(Clone, Debug, Default)]
pub struct ImportArgs {
    /// Inputs; `-` is standard input.
    pub inputs: Vec<PathBuf>,
    /// The single output file (`None`: standard output, unless `out_dir`).
    pub out: Option<PathBuf>,
    /// The output folder.
    pub out_dir: Option<PathBuf>,
    /// Overwrite existing files.
    pub force: bool,
}

/// What to print: sources to standard output, files written, warnings and notes for standard error.
#[derive(Debug, Default)]
pub struct ImportReport {
    /// Text for standard output.
    pub stdout: String,
    /// Lines for standard error (warnings, notes, files written).
    pub messages: Vec<String>,
}

fn read_input(path: &Path) -> Result<(String, Vec<u8>), SornError> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(import::detect::MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| SornError::Path { path: path.to_path_buf(), source: e })?;
        return Ok(("<stdin>".into(), bytes));
    }
    // An input is a downloaded document: a link to it is followed, but it must be a regular file
    // (a FIFO would block).
    let real = std::fs::canonicalize(path).map_err(|e| SornError::Path { path: path.to_path_buf(), source: e })?;
    crate::source::check_regular(&real)?;
    let fail = |e| SornError::Path { path: path.to_path_buf(), source: e };
    let mut bytes = Vec::new();
    // One byte past the limit is enough for detection to report the input as too large.
    std::fs::File::open(&real)
        .and_then(|f| f.take(import::detect::MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(fail)?;
    Ok((crate::diagnostic::display_path(path), bytes))
}

/// The `#:schema` folder relative to `dir`: the nearest `schemas/` folder holding the sorn schema
/// in `dir` or above, else `../schemas`.
pub(crate) fn schema_dir(dir: &Path) -> String {
    let absolute = crate::source::normalize(dir);
    let mut up = String::new();
    let mut cur = Some(absolute.as_path());
    while let Some(d) = cur {
        if d.join("schemas").join("sorn.schema.json").is_file() {
            return format!("{up}schemas");
        }
        up.push_str("../");
        cur = d.parent();
    }
    "../schemas".into()
}

/// Runs the import.
///
/// # Errors
///
/// Unreadable inputs, inputs that are not Privacy Act documents, outputs that exist (without
/// `--force`) or cannot be written.
pub fn run(args: &ImportArgs) -> Result<(ExitStatus, ImportReport), SornError> {
    let mut report = ImportReport::default();
    if args.inputs.is_empty() {
        return Err(SornError::Usage {
            message: "no input given".into(),
            help: Some("sorn import FILE [--out FILE]".into()),
        });
    }
    if args.out.is_some() && args.out_dir.is_some() {
        return Err(SornError::Usage {
            message: "--out and --out-dir cannot be used together".into(),
            help: Some("--out names one file; --out-dir a folder for one source per document".into()),
        });
    }
    let target_dir = match (&args.out, &args.out_dir) {
        (Some(out), _) => {
            out.parent().filter(|p| !p.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        }
        (None, Some(dir)) => dir.clone(),
        (None, None) => PathBuf::from("."),
    };
    let options = ImportOptions { schema_dir: Some(schema_dir(&target_dir)), ..ImportOptions::default() };
    let many_inputs = args.inputs.len() > 1;
    let mut sources: Vec<ImportedSource> = Vec::new();
    for input in &args.inputs {
        let (name, bytes) = read_input(input)?;
        let output = import::import(&name, &bytes, &options)?;
        for note in output.notes {
            report.messages.push(format!("note: {note}"));
        }
        for source in output.sources {
            for w in &source.warnings {
                let prefix = if many_inputs { format!("{name}: ") } else { String::new() };
                report.messages.push(format!("warning: {prefix}{w}"));
            }
            sources.push(source);
        }
    }
    import::uniquify(&mut sources);
    match (&args.out, &args.out_dir) {
        (_, Some(dir)) => {
            import::link(&mut sources, &options)?;
            let paths: Vec<PathBuf> = sources.iter().map(|s| dir.join(&s.file_name)).collect();
            if !args.force
                && let Some(existing) = paths.iter().find(|p| p.exists())
            {
                return Err(exists(existing));
            }
            for (source, path) in sources.iter().zip(&paths) {
                super::output::write_atomic(path, source.text.as_bytes())?;
                report.messages.push(format!("wrote {}", crate::diagnostic::display_path(path)));
            }
        }
        (out, None) => {
            if sources.len() > 1 {
                return Err(SornError::Usage {
                    message: format!("the input holds {} documents; --out and standard output take one", sources.len()),
                    help: Some("use --out-dir DIR to write one source per document".into()),
                });
            }
            let source = &sources[0];
            match out {
                Some(path) => {
                    if path.exists() && !args.force {
                        return Err(exists(path));
                    }
                    super::output::write_atomic(path, source.text.as_bytes())?;
                    report.messages.push(format!("wrote {}", crate::diagnostic::display_path(path)));
                }
                None => report.stdout = source.text.clone(),
            }
        }
    }
    Ok((ExitStatus::Success, report))
}

fn exists(path: &Path) -> SornError {
    SornError::Usage {
        message: format!("{} already exists", crate::diagnostic::display_path(path)),
        help: Some("pass --force to overwrite it, or choose another output".into()),
    }
}
