//! `sorn apply FULL ALTERATION... [--out FILE]`: the full notice's source with the partial
//! notices that followed it applied, as the source of the next notice of the system.
//!
//! Every change of every alteration is applied or refused; one refusal and nothing is written,
//! and every refusal of the run is reported with its place. The output never replaces a file:
//! not one of the inputs (compared by canonical path, so another spelling of the same file is
//! caught), nor any other.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, FileId, Label, Severity, SourceMap};
use crate::error::SornError;
use crate::model::{Document, Sorn};
use crate::revision::apply::{Alteration, applied};
use crate::source::{self, Workspace};

/// The rule name of a change that does not apply, in reports.
pub const REFUSED: &str = "apply-refused";

/// Options of `sorn apply`.
#[derive(Clone, Debug)]
pub struct ApplyArgs {
    /// The full notice's source.
    pub full: PathBuf,
    /// The alteration notices' sources, in the order published.
    pub alterations: Vec<PathBuf>,
    /// Where to write the result (default: standard output).
    pub out: Option<PathBuf>,
}

/// What `sorn apply` did.
#[derive(Debug, Default)]
pub struct ApplyResult {
    /// The source written or to print; `None` when a source did not load or a change was refused.
    pub text: Option<String>,
    /// The file written, if `--out` named one.
    pub written: Option<PathBuf>,
    /// Load problems of the inputs and refused changes.
    pub diagnostics: Vec<Diagnostic>,
    /// The files the diagnostics point into.
    pub files: SourceMap,
}

/// Loads each source, in the order given, into one workspace: file `i` is `paths[i]`.
pub(crate) fn load_each(paths: &[PathBuf]) -> Result<Workspace, SornError> {
    let mut workspace = Workspace::default();
    for path in paths {
        let bytes = source::read_regular(path, source::MAX_SOURCE_BYTES)?;
        source::load_into(&mut workspace, path.clone(), bytes);
    }
    Ok(workspace)
}

/// The SORN of file `file`, when it loaded without an error.
pub(crate) fn clean_sorn(workspace: &Workspace, file: FileId, path: &Path) -> Result<Option<Sorn>, SornError> {
    let Some(loaded) = workspace.documents.iter().find(|d| d.file == file) else { return Ok(None) };
    match &loaded.document {
        Document::Sorn(sorn) => Ok(loaded.clean.then(|| (**sorn).clone())),
        Document::ExemptionRule(_) => Err(SornError::Usage {
            message: format!("{} is an exemption rule, not a SORN", crate::diagnostic::display_path(path)),
            help: Some("name the sources of system of records notices".into()),
        }),
    }
}

/// Refuses an output that is one of the inputs or that exists.
pub(crate) fn check_output(out: &Path, inputs: &[PathBuf]) -> Result<(), SornError> {
    let shown = crate::diagnostic::display_path(out);
    if let Ok(target) = std::fs::canonicalize(out) {
        if inputs.iter().any(|input| std::fs::canonicalize(input).is_ok_and(|p| p == target)) {
            return Err(SornError::Usage {
                message: format!("{shown} is one of the sources read; sorn never overwrites a source"),
                help: Some("name a new file with --out".into()),
            });
        }
        return Err(SornError::Usage {
            message: format!("{shown} exists; sorn never replaces a file"),
            help: Some("name a new file with --out, or remove the file first".into()),
        });
    }
    Ok(())
}

/// Runs `sorn apply`.
///
/// # Errors
///
/// An unreadable input, an input that is not a SORN, a full notice that is itself partial or an
/// alteration that is not, an output that exists or cannot be written.
pub fn run(args: &ApplyArgs) -> Result<ApplyResult, SornError> {
    if args.alterations.is_empty() {
        return Err(SornError::Usage {
            message: "no alteration notice given".into(),
            help: Some("sorn apply FULL ALTERATION... [--out FILE]".into()),
        });
    }
    if let Some(out) = &args.out {
        check_output(out, &inputs(args))?;
    }
    let paths = inputs(args);
    let workspace = load_each(&paths)?;
    let mut result = ApplyResult { diagnostics: workspace.diagnostics.clone(), ..ApplyResult::default() };
    let mut sorns = Vec::new();
    for (i, path) in paths.iter().enumerate() {
        sorns.push(clean_sorn(&workspace, FileId(i), path)?);
    }
    let failed = result.diagnostics.iter().any(|d| d.severity == Severity::Error);
    let loaded: Option<Vec<Sorn>> = sorns.into_iter().collect();
    let (Some(loaded), false) = (loaded, failed) else {
        result.files = workspace.files;
        return Ok(result);
    };
    check_partial(&loaded, &paths)?;
    let alterations: Vec<Alteration<'_>> =
        loaded[1..].iter().enumerate().map(|(i, sorn)| Alteration { sorn, file: FileId(i + 1) }).collect();
    let target = args.out.clone().unwrap_or_else(|| PathBuf::from("applied.toml"));
    let link = super::new::relative_link(&target, paths.last().unwrap_or(&args.full));
    match applied(&loaded[0], &alterations, &link) {
        Ok(sorn) => {
            let dir = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            let schema = super::import::schema_dir(dir);
            let text = crate::import::emit::emit(&Document::Sorn(Box::new(sorn)), Some(&schema)) + "\n";
            if let Some(out) = &args.out {
                super::output::write_atomic(out, text.as_bytes())?;
                result.written = Some(out.clone());
            }
            result.text = Some(text);
        }
        Err(refusals) => {
            for refusal in refusals {
                let label = Label::new(refusal.file, refusal.span, "does not apply");
                result.diagnostics.push(
                    Diagnostic::error(REFUSED, format!("this change does not apply: {}", refusal.reason), label)
                        .with_help("correct the change or the full notice it applies to; nothing was written"),
                );
            }
        }
    }
    result.files = workspace.files;
    Ok(result)
}

fn inputs(args: &ApplyArgs) -> Vec<PathBuf> {
    std::iter::once(args.full.clone()).chain(args.alterations.iter().cloned()).collect()
}

/// The full notice prints every caption; each alteration prints only what changes.
fn check_partial(loaded: &[Sorn], paths: &[PathBuf]) -> Result<(), SornError> {
    let shown = |i: usize| crate::diagnostic::display_path(&paths[i]);
    if loaded[0].partial {
        return Err(SornError::Usage {
            message: format!("{} is a partial notice (`partial = true`), not a full one", shown(0)),
            help: Some("name first the last notice that printed the whole system text".into()),
        });
    }
    for (i, sorn) in loaded.iter().enumerate().skip(1) {
        if !sorn.partial || sorn.system.changes.is_empty() {
            return Err(SornError::Usage {
                message: format!(
                    "{} is not an alteration notice (`partial = true` with `[[system.changes]]`)",
                    shown(i)
                ),
                help: Some("a notice that prints the whole system text replaces the full notice: start from it".into()),
            });
        }
        if !sorn.systems.is_empty() || !loaded[0].systems.is_empty() {
            return Err(SornError::Usage {
                message: format!("{} publishes several systems; sorn apply takes notices of one system", shown(i)),
                help: None,
            });
        }
    }
    Ok(())
}
