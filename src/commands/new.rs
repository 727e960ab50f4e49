//! `sorn new`: starts a document. A SORN skeleton from a caption set, with a `{todo: ...}` in
//! every field the author must write; an NPRM from its SORN; a final rule from its NPRM.
//!
//! Every skeleton loads as written (a test holds it to that), so `sorn check` lists what is
//! still to write (`todo`) from the first minute and `sorn build --draft` shows it as it will
//! print. The next document of a sequence takes the agency, system, contacts, claims and signer of
//! the one before it, and links to it (`sorn = "..."`), so `system-mismatch` and `pair-mismatch`
//! compare the two from then on.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::SornError;
use crate::import::emit::string;
use crate::model::{Document, Element, ExemptionRule, Kind, Loc, Sorn, Stage, System, Template};

/// What `sorn new sorn` writes.
#[derive(Clone, Debug)]
pub struct NewSorn {
    /// The caption set.
    pub template: Template,
    /// The system's name.
    pub name: String,
    /// The system identifier, if known.
    pub id: Option<String>,
    /// The agency's name, if known.
    pub agency: Option<String>,
    /// The `#:schema` folder as the skeleton names it, relative to where it is written (set by
    /// [`run`]; `../schemas` by default).
    pub schema_dir: String,
}

/// The two routine uses OMB Memorandum M-17-12 (Jan. 3, 2017) asks every notice to include, in
/// its wording with the agency's name as a placeholder.
const BREACH_ROUTINE_USES: &str = r#"
# The two breach routine uses of OMB Memorandum M-17-12 (January 3, 2017); compare them with the
# memorandum before publication.
[[system.routine_uses]]
id = "B"
text = "To appropriate agencies, entities, and persons when (1) {agency} suspects or has confirmed that there has been a breach of the system of records; (2) {agency} has determined that as a result of the suspected or confirmed breach there is a risk of harm to individuals, {agency} (including its information systems, programs, and operations), the Federal Government, or national security; and (3) the disclosure made to such agencies, entities, and persons is reasonably necessary to assist in connection with {agency}'s efforts to respond to the suspected or confirmed breach or to prevent, minimize, or remedy such harm."

[[system.routine_uses]]
id = "C"
text = "To another Federal agency or Federal entity, when {agency} determines that information from this system of records is reasonably necessary to assist the recipient agency or entity in (1) responding to a suspected or confirmed breach or (2) preventing, minimizing, or remedying the risk of harm to individuals, the recipient agency or entity (including its information systems, programs, and operations), the Federal Government, or national security, resulting from a suspected or confirmed breach."
"#;

/// The `{todo}` placeholder asking for `what`.
fn todo(what: &str) -> String {
    format!("{{todo: {what}}}")
}

/// The text of a new SORN in `template`'s caption set: every caption present, each with a
/// `{todo}` naming what it asks for.
pub fn sorn_skeleton(new: &NewSorn) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "#:schema {}/sorn.schema.json", new.schema_dir);
    let _ = writeln!(out, "kind = \"sorn\"\ntemplate = \"{}\"\naction = \"new\"\n", new.template.name());
    let agency = new.agency.clone().unwrap_or_else(|| todo("the department or agency"));
    let _ = writeln!(out, "[agency]\nname = {}\n", string(&agency));
    let _ = writeln!(out, "[notice]");
    let _ = writeln!(out, "summary = {}", string(&todo("what the notice does and why, in a few sentences")));
    let _ = writeln!(out, "comment_days = 30");
    let _ = writeln!(
        out,
        "supplementary = {}\n",
        string(&todo("background: the system's purpose, the records and why they are kept"))
    );
    let _ = writeln!(out, "[[notice.contacts]]");
    let _ = writeln!(out, "name = {}", string(&todo("the person to contact")));
    let _ = writeln!(out, "phone = {}\n", string(&todo("their telephone number")));
    let _ = writeln!(out, "[system]");
    let id = new.id.clone().unwrap_or_else(|| todo("the system identifier"));
    let _ = writeln!(out, "id = {}\nname = {}", string(&id), string(&new.name));
    let mut tables = String::new();
    for spec in new.template.captions() {
        match spec.element {
            Element::SystemName => {}
            Element::RoutineUses => {
                let _ = writeln!(tables, "\n[[system.routine_uses]]\nid = \"A\"");
                let _ = writeln!(tables, "text = {}", string(&todo("to whom records are disclosed, and why")));
                if new.template == Template::A108 {
                    tables.push_str(BREACH_ROUTINE_USES);
                }
            }
            Element::Exemptions => {
                let _ = writeln!(tables, "\n[system.exemptions]");
                let _ = writeln!(
                    tables,
                    "text = {}",
                    string(&todo("None., or the exemptions claimed and who claims them"))
                );
            }
            element => {
                let caption = spec.caption.to_lowercase();
                let _ = writeln!(out, "{} = {}", System::key(element), string(&todo(&caption)));
            }
        }
    }
    out.push_str(&tables);
    let _ = writeln!(out, "\n[signature]\nname = {}", string(&todo("the signer")));
    let _ = writeln!(out, "title = [{}]", string(&todo("the signer's title")));
    out
}

/// The text of a proposed rule exempting the system of `sorn` (at `sorn_link`, relative to the
/// rule's folder): its agency, system, contacts and signer taken from the SORN, its claims those of
/// the SORN's exemptions caption, one reason to write for each exempted provision.
pub fn nprm_skeleton(sorn: &Sorn, sorn_link: &str, schema_dir: &str, settings: &crate::check::Settings) -> String {
    let mut out = format!("#:schema {schema_dir}/exemption-rule.schema.json\n");
    let _ = writeln!(out, "kind = \"exemption-rule\"\nstage = \"proposed\"\nsorn = {}", string(sorn_link));
    // What the rule says as its SORN says it is taken from the SORN, so the two cannot drift.
    let from = format!("{{ from = {} }}", string(sorn_link));
    let _ = writeln!(out, "agency = {from}\nsystem = {from}");
    let signed_by_reference = sorn.signature.as_ref().is_some_and(|s| s.dated.is_none());
    if signed_by_reference {
        let _ = writeln!(out, "signature = {from}");
    }
    let _ = writeln!(out, "\n[notice]");
    let _ = writeln!(out, "summary = {}", string(&todo("what the rule exempts and why")));
    let _ = writeln!(out, "comment_days = 30");
    let _ = writeln!(out, "supplementary = {}", string(&todo("background, and the regulatory analyses")));
    if !sorn.notice.contacts.is_empty() {
        let _ = writeln!(out, "contacts = {from}");
    }
    let facts = crate::check::agencies::find(
        &settings.agencies,
        &sorn.agency.name.value,
        sorn.agency.abbreviation.as_ref().map(|a| a.value.as_str()),
    );
    let _ = writeln!(out, "\n[cfr]");
    match facts.and_then(|f| f.privacy_part.clone()) {
        Some((title, part)) => {
            let _ = writeln!(out, "title = {title}\npart = {}", string(&part));
        }
        None => {
            let _ = writeln!(out, "title = 1  # {}", todo("the CFR title of the agency's Privacy Act rules"));
            let _ = writeln!(out, "part = {}", string(&todo("the CFR part of the agency's Privacy Act rules")));
        }
    }
    let _ = writeln!(
        out,
        "authority = {}",
        string(&todo("the part's authority citation, restated as the first amendment"))
    );
    let _ = writeln!(out, "section = {}", string(&todo("the section that lists the agency's exempt systems")));
    let _ = writeln!(out, "\n[exemptions]");
    let _ = writeln!(out, "description = {}", string(&todo("what the system holds and what it is used for")));
    let claims: &[crate::model::Claim] = sorn.system.exemptions.as_ref().map_or(&[], |e| e.claims.as_slice());
    let mut provisions: Vec<String> = Vec::new();
    for claim in claims {
        let _ = writeln!(out, "\n[[exemptions.claims]]\nauthority = {}", string(claim.authority.value.written()));
        let listed: Vec<String> = claim.subsections.elements().map(|e| e.value.to_string()).collect();
        let _ = writeln!(out, "subsections = [{}]", listed.iter().map(|s| string(s)).collect::<Vec<_>>().join(", "));
        for p in listed {
            if !provisions.contains(&p) {
                provisions.push(p);
            }
        }
    }
    if claims.is_empty() {
        let _ = writeln!(out, "\n[[exemptions.claims]]\nauthority = \"(k)(2)\"  # {}", todo("the authority claimed"));
        let _ = writeln!(out, "subsections = [\"(c)(3)\"]  # {}", todo("the provisions exempted"));
        provisions.push("(c)(3)".into());
    }
    for p in &provisions {
        let _ = writeln!(out, "\n[[justifications]]\nsubsections = [{}]", string(p));
        let _ = writeln!(out, "text = {}", string(&todo(&format!("why the system is exempt from {p}"))));
    }
    // A signature dated for the notice is not the rule's: its signer is copied, to be dated anew.
    if !signed_by_reference {
        signature_lines(&mut out, sorn.signature.as_ref());
    }
    out
}

fn signature_lines(out: &mut String, signature: Option<&crate::model::Signature>) {
    let _ = writeln!(out, "\n[signature]");
    match signature {
        Some(s) => {
            let _ = writeln!(out, "name = {}", string(&s.name.value));
            let titles: Vec<String> = s.title.iter().map(|t| string(&t.value)).collect();
            let _ = writeln!(out, "title = [{}]", titles.join(", "));
        }
        None => {
            let _ = writeln!(
                out,
                "name = {}\ntitle = [{}]",
                string(&todo("the signer")),
                string(&todo("the signer's title"))
            );
        }
    }
}

/// The final rule that follows `nprm`: the same system, claims, reasons and signer, stage
/// "final", a day count for the effective date, and a `{todo}` for the response to comments.
pub fn final_rule(nprm: &ExemptionRule, nprm_link: &str, schema_dir: &str) -> String {
    let mut rule = nprm.clone();
    let sorn_link = |link: &Loc<String>| {
        // The SORN link is relative to the proposed rule; the final rule is written beside it
        // unless told otherwise, so the link is rebased on the proposed rule's folder.
        let folder = Path::new(nprm_link).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
        let joined = if folder.is_empty() { link.value.clone() } else { format!("{folder}/{}", link.value) };
        Loc::synthetic(joined)
    };
    rule.sorn = rule.sorn.as_ref().map(sorn_link);
    for system in &mut rule.systems {
        system.sorn = system.sorn.as_ref().map(sorn_link);
    }
    rule.stage = Loc::synthetic(Stage::Final);
    rule.published = None;
    rule.fr_doc = None;
    rule.unplaced.clear();
    rule.notice.comment_days = None;
    rule.notice.effective_days = Some(Loc::synthetic(30));
    rule.notice.summary = Some(Loc::synthetic(todo("what the final rule does")));
    rule.notice.supplementary =
        Some(Loc::synthetic(todo("the proposed rule's citation, the comments received and the agency's response")));
    let signed_by_reference = nprm.signature.as_ref().is_some_and(|s| s.dated.is_none());
    if let Some(s) = &mut rule.signature {
        s.dated = None;
    }
    let contacts = !rule.notice.contacts.is_empty();
    let text = crate::import::emit::emit(&Document::ExemptionRule(Box::new(rule)), Some(schema_dir));
    by_reference(&text, nprm_link, contacts, signed_by_reference)
}

/// A final rule's text with the agency, system, contacts (and the signer, unless the proposed
/// rule's signature is dated) taken from the proposed rule by reference instead of copied: the
/// tables the emitter wrote for them are replaced by `{ from = ... }`.
fn by_reference(text: &str, link: &str, contacts: bool, signature: bool) -> String {
    let from = format!("{{ from = {} }}", string(link));
    let mut replaced = vec!["[agency]", "[system]", "[[notice.contacts]]"];
    if signature {
        replaced.push("[signature]");
    }
    let mut out = String::with_capacity(text.len());
    let (mut skipping, mut in_string, mut inserted) = (false, false, false);
    for line in text.split_inclusive('\n') {
        let header = !in_string && line.starts_with('[');
        if line.matches("\"\"\"").count() % 2 == 1 {
            in_string = !in_string;
        }
        if header {
            if !inserted {
                inserted = true;
                if out.ends_with("\n\n") {
                    out.pop();
                }
                let _ = writeln!(out, "agency = {from}\nsystem = {from}");
                if signature {
                    let _ = writeln!(out, "signature = {from}");
                }
                out.push('\n');
            }
            skipping = replaced.contains(&line.trim_end());
            if line.trim_end() == "[notice]" && contacts {
                out.push_str(line);
                let _ = writeln!(out, "contacts = {from}");
                continue;
            }
        }
        if !skipping {
            out.push_str(line);
        }
    }
    out
}

/// Writes a new source, refusing to replace a file that exists.
pub fn write_new(path: &Path, text: &str) -> Result<(), SornError> {
    if path.exists() {
        return Err(SornError::Usage {
            message: format!("{} exists; sorn new never replaces a file", path.display()),
            help: Some("choose another name with --out, or remove the file first".into()),
        });
    }
    super::output::write_atomic(path, text.as_bytes())
}

/// A file name for a system: its identifier (or name) in lower case, words joined by hyphens.
pub fn file_name(id_or_name: &str) -> PathBuf {
    let mut slug = String::new();
    for c in id_or_name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    PathBuf::from(format!("{}.toml", if slug.is_empty() { "new-sorn" } else { slug }))
}

/// A kind of source in words, with its article: "a SORN", "an exemption rule".
fn described(kind: Kind) -> &'static str {
    match kind {
        Kind::Sorn => "a SORN",
        Kind::ExemptionRule => "an exemption rule",
    }
}

/// The kind of a loaded source, for the error when `--for`/`--from` names the wrong one.
pub fn expect_kind(document: &Document, want: Kind, path: &Path) -> Result<(), SornError> {
    if document.kind() == want {
        return Ok(());
    }
    Err(SornError::Usage {
        message: format!("{} is {}, not {}", path.display(), described(document.kind()), described(want)),
        help: Some("`sorn new nprm --for` takes a SORN; `sorn new final-rule --from` takes a proposed rule".into()),
    })
}

/// What `sorn new` is asked to start.
#[derive(Clone, Debug)]
pub enum NewArgs {
    /// A SORN skeleton.
    Sorn {
        /// Its content.
        new: NewSorn,
        /// Where to write it (default: `sorns/<id or name>.toml`, or the current folder when
        /// there is no `sorns/`).
        out: Option<PathBuf>,
    },
    /// A proposed exemption rule for a SORN.
    Nprm {
        /// The SORN.
        sorn: PathBuf,
        /// Where to write it (default: beside the SORN, `<stem>-proposed-rule.toml`).
        out: Option<PathBuf>,
    },
    /// The final rule that follows a proposed rule.
    FinalRule {
        /// The proposed rule.
        nprm: PathBuf,
        /// Where to write it (default: beside it, "proposed" replaced by "final").
        out: Option<PathBuf>,
    },
}

/// What `sorn new` did: the file written, or the diagnostics of a source it could not read.
#[derive(Debug)]
pub struct NewResult {
    /// The file written, if any.
    pub written: Option<PathBuf>,
    /// Load diagnostics of the source a document was started from.
    pub diagnostics: Vec<crate::diagnostic::Diagnostic>,
    /// The files those diagnostics point into.
    pub files: crate::diagnostic::SourceMap,
}

/// Runs `sorn new`.
pub fn run(args: &NewArgs) -> Result<NewResult, SornError> {
    match args {
        NewArgs::Sorn { new, out } => {
            let path = match out {
                Some(p) => p.clone(),
                None => {
                    let dir = if Path::new("sorns").is_dir() { PathBuf::from("sorns") } else { PathBuf::new() };
                    dir.join(file_name(new.id.as_deref().unwrap_or(&new.name)))
                }
            };
            let new = NewSorn { schema_dir: schema_dir_for(&path), ..new.clone() };
            write_new(&path, &sorn_skeleton(&new))?;
            Ok(NewResult { written: Some(path), diagnostics: Vec::new(), files: Default::default() })
        }
        NewArgs::Nprm { sorn, out } => {
            let target =
                out.clone().unwrap_or_else(|| sorn.with_file_name(format!("{}-proposed-rule.toml", stem(sorn))));
            from_source(sorn, Kind::Sorn, &target, |doc, config| match doc {
                Document::Sorn(s) => {
                    Some(nprm_skeleton(s, &relative_link(&target, sorn), &schema_dir_for(&target), &config.settings()))
                }
                Document::ExemptionRule(_) => None,
            })
        }
        NewArgs::FinalRule { nprm, out } => {
            let name = stem(nprm);
            let name =
                if name.contains("proposed") { name.replace("proposed", "final") } else { format!("{name}-final") };
            let target = out.clone().unwrap_or_else(|| nprm.with_file_name(format!("{name}.toml")));
            from_source(nprm, Kind::ExemptionRule, &target, |doc, _| match doc {
                Document::ExemptionRule(r) => {
                    Some(final_rule(r, &relative_link(&target, nprm), &schema_dir_for(&target)))
                }
                Document::Sorn(_) => None,
            })
        }
    }
}

/// The `#:schema` folder for a file written at `path`: the nearest `schemas/` above it, as
/// `sorn import` names it.
fn schema_dir_for(path: &Path) -> String {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    super::import::schema_dir(dir)
}

fn stem(path: &Path) -> String {
    path.file_stem().map_or_else(|| "document".into(), |s| s.to_string_lossy().into_owned())
}

/// How a document at `from` names the file `to` in a link: relative to `from`'s folder.
pub(crate) fn relative_link(from: &Path, to: &Path) -> String {
    let absolute = |p: &Path| crate::source::normalize(&std::env::current_dir().unwrap_or_default().join(p));
    let (from, to) = (absolute(from), absolute(to));
    let base: Vec<_> = from.parent().map(|p| p.components().collect()).unwrap_or_default();
    let target: Vec<_> = to.components().collect();
    let shared = base.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); base.len() - shared];
    parts.extend(target[shared..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

/// Loads `path`, and when it loads cleanly as a `want`, writes what `make` derives from it to
/// `target`.
fn from_source(
    path: &Path,
    want: Kind,
    target: &Path,
    make: impl Fn(&Document, &crate::config::Config) -> Option<String>,
) -> Result<NewResult, SornError> {
    let (workspace, config, mut diagnostics) = super::check::load(&[path.to_path_buf()], None)?;
    diagnostics.extend(workspace.diagnostics.iter().cloned());
    let errors = diagnostics.iter().any(|d| d.severity == crate::diagnostic::Severity::Error);
    let loaded = workspace.documents.first().filter(|d| d.clean && !errors);
    let Some(loaded) = loaded else {
        return Ok(NewResult { written: None, diagnostics, files: workspace.files });
    };
    expect_kind(&loaded.document, want, path)?;
    let text = make(&loaded.document, &config).unwrap_or_default();
    write_new(target, &text)?;
    Ok(NewResult { written: Some(target.to_path_buf()), diagnostics, files: workspace.files })
}
