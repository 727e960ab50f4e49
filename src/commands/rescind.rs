//! `sorn rescind SOURCE [--out FILE] [--reason TEXT]`: the source of a notice rescinding the
//! system of records SOURCE describes, to finish and publish.
//!
//! The rescindment takes the rescinded notice's agency, contacts, system name and number,
//! HISTORY and signer, names it in `[revises]`, and leaves a `{todo}` for the reason (unless
//! `--reason` gives it) and for what becomes of the records, which `sorn check` lists until they
//! are written. The output never replaces a file.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, FileId, SourceMap};
use crate::error::SornError;
use crate::model::Document;
use crate::revision::rescind::rescindment;

/// Options of `sorn rescind`.
#[derive(Clone, Debug)]
pub struct RescindArgs {
    /// The source of the notice to rescind.
    pub source: PathBuf,
    /// Where to write the rescindment (default: beside the source, `<stem>-rescindment.toml`).
    pub out: Option<PathBuf>,
    /// The reason for rescinding, as a sentence of SUPPLEMENTARY INFORMATION.
    pub reason: Option<String>,
}

/// What `sorn rescind` did.
#[derive(Debug, Default)]
pub struct RescindResult {
    /// The file written; `None` when the source did not load.
    pub written: Option<PathBuf>,
    /// Load problems of the source.
    pub diagnostics: Vec<Diagnostic>,
    /// The files the diagnostics point into.
    pub files: SourceMap,
}

/// The default output: `<stem>-rescindment.toml` beside the source.
fn default_out(source: &Path) -> PathBuf {
    let stem = source.file_stem().map_or_else(|| "sorn".into(), |s| s.to_string_lossy().into_owned());
    source.with_file_name(format!("{stem}-rescindment.toml"))
}

/// Runs `sorn rescind`.
///
/// # Errors
///
/// An unreadable source, a source that is not a SORN or is itself a rescindment, an output that
/// exists or cannot be written.
pub fn run(args: &RescindArgs) -> Result<RescindResult, SornError> {
    let out = args.out.clone().unwrap_or_else(|| default_out(&args.source));
    super::apply::check_output(&out, std::slice::from_ref(&args.source))?;
    let workspace = super::apply::load_each(std::slice::from_ref(&args.source))?;
    let mut result = RescindResult { diagnostics: workspace.diagnostics.clone(), ..RescindResult::default() };
    let failed = result.diagnostics.iter().any(|d| d.severity == crate::Severity::Error);
    let sorn = super::apply::clean_sorn(&workspace, FileId(0), &args.source)?;
    let (Some(sorn), false) = (sorn, failed) else {
        result.files = workspace.files;
        return Ok(result);
    };
    if sorn.action.value == crate::model::Action::Rescinded {
        return Err(SornError::Usage {
            message: format!("{} already rescinds its system", crate::diagnostic::display_path(&args.source)),
            help: Some("name the notice of the system to rescind".into()),
        });
    }
    if !sorn.systems.is_empty() {
        return Err(SornError::Usage {
            message: format!(
                "{} publishes {} systems; a rescindment is started from the notice of one",
                crate::diagnostic::display_path(&args.source),
                sorn.systems.len() + 1
            ),
            help: Some("rescind each system from a source of its own".into()),
        });
    }
    let link = super::new::relative_link(&out, &args.source);
    let rescinding = rescindment(&sorn, &link, args.reason.as_deref());
    let dir = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let schema = super::import::schema_dir(dir);
    let text = crate::import::emit::emit(&Document::Sorn(Box::new(rescinding)), Some(&schema)) + "\n";
    super::output::write_atomic(&out, text.as_bytes())?;
    result.written = Some(out);
    result.files = workspace.files;
    Ok(result)
}
