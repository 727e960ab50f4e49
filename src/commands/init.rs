//! `sorn init`: sets up a documentation repository: `sorn.toml`, a `sorns/` folder, the JSON
//! Schemas, a GitHub Actions workflow, a pre-commit configuration and the editor settings that
//! associate the schemas with the sources.
//!
//! It never replaces a file: one that exists is kept and reported, as `git init` keeps a
//! repository it finds, so that running it again completes a setup without undoing an edit.
//! `--force` writes every file anew.

use std::path::{Path, PathBuf};

use crate::ExitStatus;
use crate::error::SornError;
use crate::model::Kind;

/// Options of `sorn init`.
#[derive(Clone, Debug)]
pub struct InitOptions {
    /// The repository's folder (created if missing).
    pub dir: PathBuf,
    /// Replace the files that exist.
    pub force: bool,
}

/// What `sorn init` did with each file, in the order written.
#[derive(Clone, Debug, Default)]
pub struct InitReport {
    /// Files written.
    pub written: Vec<PathBuf>,
    /// Files that existed and were kept, each with why.
    pub kept: Vec<(PathBuf, Kept)>,
}

/// Why `sorn init` kept what stands at a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// A file exists there (`--force` replaces it).
    Exists,
    /// A link, a folder or a linked folder on the way is there: never written, even with `--force`.
    NotAFile,
}

/// The folder that holds the sources, relative to the repository.
pub const SOURCES_DIR: &str = "sorns";

/// The files `sorn init` writes, as (path relative to the repository, contents).
pub fn files() -> Vec<(PathBuf, String)> {
    let mut files = vec![(PathBuf::from(crate::config::CONFIG_FILE), CONFIG.to_string())];
    for kind in Kind::ALL {
        files.push((Path::new("schemas").join(kind.schema_file()), crate::schema::schema_text(kind)));
    }
    files.extend([
        (PathBuf::from(".github/workflows/sorn.yml"), WORKFLOW.to_string()),
        (PathBuf::from(".pre-commit-config.yaml"), PRE_COMMIT.to_string()),
        (PathBuf::from(".taplo.toml"), taplo_config()),
        (PathBuf::from(".vscode/settings.json"), VSCODE_SETTINGS.to_string()),
        (PathBuf::from(".vscode/extensions.json"), VSCODE_EXTENSIONS.to_string()),
    ]);
    files
}

/// Sets up the repository in `options.dir`. Exit status 0 when every file is in place, written
/// or kept; a file that cannot be written stops it with status 2.
pub fn run(options: &InitOptions) -> Result<(ExitStatus, InitReport), SornError> {
    let mut report = InitReport::default();
    let sources = options.dir.join(SOURCES_DIR);
    std::fs::create_dir_all(&sources).map_err(|source| SornError::Write { path: sources.clone(), source })?;
    for (relative, contents) in files() {
        let path = options.dir.join(&relative);
        // Even with --force, a link or a folder at the path is kept: init replaces only files,
        // and never writes through a linked folder (`.github` linked elsewhere).
        let existing = std::fs::symlink_metadata(&path).ok();
        if existing.as_ref().is_some_and(|meta| !meta.is_file()) || through_link(&options.dir, &relative) {
            report.kept.push((path, Kept::NotAFile));
            continue;
        }
        if existing.is_some() && !options.force {
            report.kept.push((path, Kept::Exists));
            continue;
        }
        super::output::write_atomic(&path, contents.as_bytes())?;
        report.written.push(path);
    }
    Ok((ExitStatus::Success, report))
}

/// Whether a folder on the way from `dir` to `relative` is a symbolic link.
fn through_link(dir: &Path, relative: &Path) -> bool {
    relative
        .ancestors()
        .skip(1)
        .filter(|folder| !folder.as_os_str().is_empty())
        .any(|folder| std::fs::symlink_metadata(dir.join(folder)).is_ok_and(|m| m.file_type().is_symlink()))
}

/// The configuration: every setting commented out, with what it does. Lines that begin with `# `
/// are settings to uncomment; `## ` lines explain them.
const CONFIG: &str = r##"## sorn's configuration: rule levels, Federal closures, agencies, and what folder walks leave out.
## Every setting below is commented out; remove the "# " before a line to use it.
## The guide's page "Checking" describes each (sorn explain RULE describes a rule).

## Files and folders that `sorn check`, `sorn build` and `sorn serve` skip when they walk a folder,
## in .gitignore syntax, relative to this file's folder (files ignored by .gitignore are skipped
## already; a file named on the command line is always read).
# exclude = ["drafts/", "*.old.toml"]

## Rule levels: "error", "warning", "note" or "allow" (`sorn explain --list` lists the rules).
# [lints]
# partial-justification = "error"
# nonstandard-heading = "allow"

## Days the President closes the executive departments by Executive order, beyond those sorn
## knows, each with its order: every date computed under 1 CFR 18.17 skips them.
# [calendar]
# closures = [
#   { date = 2026-12-24, reason = "Closing of Executive Departments (E.O. number)" },
# ]

## An agency that `agency-fit` does not know, with where its facts were read.
# [[agencies]]
# name = "Environmental Protection Agency"
# abbreviation = "EPA"
# cfr_title = 40
# cfr_part = "16"
# billing_prefixes = ["6560"]
# docket_prefix = "EPA-"
# source = "40 CFR part 16; EPA notices"
"##;

/// The workflow of docs/src/ci.md: sorn checked out at the commit held in two repository
/// variables, used as a local action, then the documents built and kept as an artifact.
const WORKFLOW: &str = r#"# Checks the sources on every push and pull request, and builds the Federal Register documents.
# Set two repository variables (Settings, Secrets and variables, Actions, Variables):
#   SORN_REPOSITORY  the sorn repository on GitHub, as owner/name
#   SORN_COMMIT      the full 40-character SHA of the sorn commit to use
name: sorn
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write # for the SARIF upload to code scanning
    steps:
      - uses: actions/checkout@v4
      - uses: actions/checkout@v4
        with:
          repository: ${{ vars.SORN_REPOSITORY }}
          ref: ${{ vars.SORN_COMMIT }}
          path: .sorn
      - uses: ./.sorn
        with:
          paths: sorns
          # Without GitHub Code Security (private repositories), upload nothing: the annotations stay.
          upload-sarif: "true"
      - run: sorn build sorns --check --format all --out-dir build # the action put sorn on PATH
      - uses: actions/upload-artifact@v4
        with:
          name: federal-register-documents
          path: build/
"#;

/// A local pre-commit hook that runs the installed `sorn`.
const PRE_COMMIT: &str = r#"# pre-commit (https://pre-commit.com): `pre-commit install`, then every commit runs sorn check.
repos:
  - repo: local
    hooks:
      - id: sorn-check
        name: sorn check
        entry: sorn check
        language: system
        files: \.toml$
        pass_filenames: false
"#;

/// Taplo's configuration (the Taplo CLI and language server, and Even Better TOML in VS Code):
/// the schema of each kind for the files `sorn new` names, for sources that lack a `#:schema`
/// line (a source's own line takes precedence).
fn taplo_config() -> String {
    let sorn = Kind::Sorn.schema_file();
    let rule = Kind::ExemptionRule.schema_file();
    format!(
        r#"# Taplo (and Even Better TOML): the schemas of sorn's sources, for completion, hover and
# validation. A source's own `#:schema` line takes precedence over these.

[[rule]]
include = ["{SOURCES_DIR}/**/*-proposed-rule.toml", "{SOURCES_DIR}/**/*-final-rule.toml"]
schema = {{ path = "./schemas/{rule}" }}

[[rule]]
include = ["{SOURCES_DIR}/**/*.toml"]
exclude = ["{SOURCES_DIR}/**/*-proposed-rule.toml", "{SOURCES_DIR}/**/*-final-rule.toml"]
schema = {{ path = "./schemas/{sorn}" }}
"#
    )
}

/// VS Code: Even Better TOML reads `.taplo.toml` and the `#:schema` lines.
const VSCODE_SETTINGS: &str = r#"{
  "evenBetterToml.schema.enabled": true,
  "evenBetterToml.taplo.configFile.enabled": true,
  "evenBetterToml.taplo.configFile.path": ".taplo.toml"
}
"#;

const VSCODE_EXTENSIONS: &str = r#"{
  "recommendations": ["tamasfe.even-better-toml"]
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configuration_loads_clean_as_written_and_with_every_setting_uncommented() {
        let mut files = crate::diagnostic::SourceMap::default();
        let (config, diagnostics) = crate::config::Config::load_text("sorn.toml".into(), CONFIG.into(), &mut files);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.exclude.len(), 0);
        let uncommented: String =
            CONFIG.lines().filter_map(|line| line.strip_prefix("# ")).map(|line| format!("{line}\n")).collect();
        let (config, diagnostics) = crate::config::Config::load_text("sorn.toml".into(), uncommented, &mut files);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.exclude, ["drafts/", "*.old.toml"]);
        assert_eq!(config.levels.len(), 2);
        assert_eq!(config.closures.len(), 1);
        assert_eq!(config.agencies.len(), 1);
    }

    #[test]
    fn taplo_config_is_toml_and_names_the_schemas_written() {
        let table: toml::Table = toml::from_str(&taplo_config()).unwrap();
        let written: Vec<PathBuf> = files().into_iter().map(|(path, _)| path).collect();
        let rules = table["rule"].as_array().unwrap();
        assert_eq!(rules.len(), 2);
        for rule in rules {
            let path = rule["schema"]["path"].as_str().unwrap();
            assert!(written.contains(&PathBuf::from(path.trim_start_matches("./"))), "{path}");
        }
    }

    #[test]
    fn the_editor_settings_are_json() {
        for text in [VSCODE_SETTINGS, VSCODE_EXTENSIONS] {
            let _: serde_json::Value = serde_json::from_str(text).unwrap();
        }
    }
}
