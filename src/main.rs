//! The `sorn` command line: parses arguments, calls the library, reports, exits.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;
use sorn::commands::{apply, build, check, diff, explain, fix, import, init, new, rescind, schema, serve};
use sorn::emit::Format;
use sorn::report::{Style, human};
use sorn::{ExitStatus, SornError};

/// Compile and lint Privacy Act System of Records Notices and exemption rules.
#[derive(Parser, Debug)]
#[command(name = "sorn", version, about, long_about = None, arg_required_else_help = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour reports: on a terminal without NO_COLOR (auto), always, or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Threads to use (default: every core, or SORN_JOBS); output is the same for any number.
    #[arg(long, short = 'j', global = true, value_name = "N")]
    jobs: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

/// The colour choice of this run, set once from `--color`.
static COLOR: std::sync::OnceLock<ColorArg> = std::sync::OnceLock::new();

#[derive(Subcommand, Debug)]
enum Command {
    /// Render sources as Federal Register Markdown, HTML and Word manuscripts.
    Build {
        /// Source files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = BuildFormat::Markdown)]
        format: BuildFormat,
        /// Folder for the outputs.
        #[arg(long, default_value = "build")]
        out_dir: PathBuf,
        /// Write the single result to standard output.
        #[arg(long)]
        stdout: bool,
        /// Run the rules first; do not render a source with error-level findings.
        #[arg(long)]
        check: bool,
        /// A review copy: render sources that still have `{todo}` placeholders, and mark the HTML
        /// page DRAFT on screen and on every printed page.
        #[arg(long)]
        draft: bool,
        /// Configuration file (default: sorn.toml in this folder or the nearest parent).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Check sources against the Privacy Act and Federal Register conventions.
    Check {
        /// Source files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
        format: CheckFormat,
        /// Treat warnings as errors (`--deny warnings`).
        #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
        deny: Option<String>,
        /// Configuration file (default: sorn.toml in this folder or the nearest parent).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Report only these lint rules (comma-separated; load problems are always reported).
        #[arg(long, value_name = "RULE", value_delimiter = ',')]
        select: Vec<String>,
        /// Do not report these lint rules (comma-separated).
        #[arg(long, value_name = "RULE", value_delimiter = ',')]
        ignore: Vec<String>,
        /// Print how many findings each rule has, instead of the findings.
        #[arg(long)]
        statistics: bool,
        /// Print the findings only, without the summary line.
        #[arg(long)]
        quiet: bool,
        /// Apply the safe, mechanical fixes in place, then report what remains.
        #[arg(long)]
        fix: bool,
        /// With --fix: print the changes as a diff instead of writing them.
        #[arg(long, requires = "fix")]
        dry_run: bool,
    },
    /// Show what changed between two versions of a system, caption by caption.
    #[command(arg_required_else_help = true)]
    Diff {
        /// OLD and NEW; or NEW alone, compared with the source its `[revises] source` names.
        #[arg(required = true, num_args = 1..=2, value_name = "SOURCE")]
        sources: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
        format: DiffFormat,
        /// Print drafts of the revision's ACTION, DATES, summary of changes and HISTORY.
        #[arg(long, conflicts_with = "format")]
        draft: bool,
        /// Configuration file (default: sorn.toml in this folder or the nearest parent).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Explain a rule: what it checks, why, its legal basis, examples.
    #[command(arg_required_else_help = true)]
    Explain {
        /// The rule's name, e.g. unauthorized-exemption.
        rule: Option<String>,
        /// List every rule with its default level.
        #[arg(long, conflicts_with = "rule")]
        list: bool,
    },
    /// Turn published Federal Register documents (Markdown, text or FR XML) into sources.
    Import {
        /// The documents to import; `-` reads standard input.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Write the source to this file (default: standard output).
        #[arg(long, conflicts_with = "out_dir")]
        out: Option<PathBuf>,
        /// Write one source per document found into this folder, named from the system identifier.
        #[arg(long)]
        out_dir: Option<PathBuf>,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
    },
    /// Apply alteration notices (partial notices) to the full notice they alter: the system text
    /// as it stands, as a source to revise.
    Apply {
        /// The source of the last notice that printed the whole system text.
        full: PathBuf,
        /// The sources of the alteration notices that followed it, in the order published.
        #[arg(required = true)]
        alterations: Vec<PathBuf>,
        /// Write the source to this new file (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Start the notice rescinding a system of records from the notice that describes it.
    Rescind {
        /// The source of the notice to rescind.
        source: PathBuf,
        /// The new file to write (default: beside the source, <stem>-rescindment.toml).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Why the system is rescinded, as a sentence (default: a `{todo}` to write).
        #[arg(long, value_name = "TEXT")]
        reason: Option<String>,
    },
    /// Set up a documentation repository: sorn.toml, sorns/, the schemas, a CI workflow, a
    /// pre-commit hook and editor settings. Files that exist are kept.
    Init {
        /// The repository's folder (default: the current folder).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Replace the files that exist with sorn's.
        #[arg(long)]
        force: bool,
    },
    /// Write the JSON Schemas of the sources.
    Schema {
        /// Folder for the schemas.
        #[arg(long, default_value = "schemas")]
        out_dir: PathBuf,
    },
    /// Show each document as it will print, with its diagnostics, updated on every save.
    Serve {
        /// Source files or folders (default: the current folder).
        paths: Vec<PathBuf>,
        /// The address to listen on; only this machine can reach the default.
        #[arg(long, default_value = "127.0.0.1")]
        address: std::net::IpAddr,
        /// The port (0: any free port).
        #[arg(long, default_value_t = 8470)]
        port: u16,
        /// Configuration file (default: sorn.toml in this folder or the nearest parent).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print a shell's completion script for sorn.
    #[command(arg_required_else_help = true)]
    Completions {
        /// The shell: bash, elvish, fish, powershell or zsh.
        shell: Shell,
    },
    /// Print the manual page sorn(1) in roff, or write one page per command into a folder.
    Man {
        /// Write sorn.1, sorn-check.1, ... into this folder instead.
        #[arg(long)]
        out_dir: Option<PathBuf>,
    },
    /// Start a document: a SORN skeleton, the proposed rule of a SORN, the final rule of a
    /// proposed rule.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
}

#[derive(Subcommand, Debug)]
enum NewCommand {
    /// A SORN with every caption of its caption set, each a `{todo}` to write.
    Sorn {
        /// The system's name, e.g. "Grant Help Requests".
        name: String,
        /// The caption set.
        #[arg(long, value_enum, default_value_t = TemplateArg::A108)]
        template: TemplateArg,
        /// The agency's name.
        #[arg(long)]
        agency: Option<String>,
        /// The system identifier, e.g. "FWA/GHR-1".
        #[arg(long)]
        id: Option<String>,
        /// The file to write (default: sorns/<id or name>.toml).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// A proposed exemption rule for a SORN, linked to it, with its agency, system, contacts,
    /// claims and signer.
    Nprm {
        /// The SORN the rule exempts.
        #[arg(long = "for", value_name = "SORN")]
        sorn: PathBuf,
        /// The file to write (default: beside the SORN, <stem>-proposed-rule.toml).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// The final rule that follows a proposed rule.
    FinalRule {
        /// The proposed rule.
        #[arg(long, value_name = "NPRM")]
        from: PathBuf,
        /// The file to write (default: beside the proposed rule, "proposed" replaced by "final").
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum TemplateArg {
    /// OMB Circular A-108 (2016) captions.
    A108,
    /// The pre-2017 caption set.
    Legacy,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum CheckFormat {
    Human,
    Json,
    Sarif,
    Github,
}

impl From<CheckFormat> for check::OutputFormat {
    fn from(f: CheckFormat) -> Self {
        match f {
            CheckFormat::Human => check::OutputFormat::Human,
            CheckFormat::Json => check::OutputFormat::Json,
            CheckFormat::Sarif => check::OutputFormat::Sarif,
            CheckFormat::Github => check::OutputFormat::Github,
        }
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum DiffFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum BuildFormat {
    Markdown,
    Html,
    Docx,
    All,
}

impl BuildFormat {
    fn formats(self) -> Vec<Format> {
        match self {
            BuildFormat::Markdown => vec![Format::Markdown],
            BuildFormat::Html => vec![Format::Html],
            BuildFormat::Docx => vec![Format::Docx],
            BuildFormat::All => vec![Format::Markdown, Format::Html, Format::Docx],
        }
    }
}

fn main() -> ExitCode {
    let streams = Streams;
    let cli = Cli::parse();
    let status = match run(cli, &streams) {
        Ok(status) => status,
        Err(error) => {
            let report = miette::Report::new(error);
            // Nothing more can be said if standard error fails too; the status says it.
            let _ = streams.err(format!("{report:?}\n").as_bytes());
            ExitStatus::Error
        }
    };
    ExitCode::from(status.code())
}

/// The standard streams, checked: every write is whole or an error, so that no result is lost
/// with exit status 0. (A stream closed at startup is reopened on `/dev/null` by the Rust
/// runtime, which is a request to discard it.)
struct Streams;

impl Streams {
    /// Writes the command's result to standard output, flushed.
    fn out(&self, bytes: &[u8]) -> Result<(), SornError> {
        let mut out = std::io::stdout().lock();
        out.write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|source| SornError::Output { stream: "standard output", source })
    }

    /// Writes messages or a report to standard error, flushed.
    fn err(&self, bytes: &[u8]) -> Result<(), SornError> {
        let mut err = std::io::stderr().lock();
        err.write_all(bytes)
            .and_then(|()| err.flush())
            .map_err(|source| SornError::Output { stream: "standard error", source })
    }
}

fn stderr_style() -> Style {
    match COLOR.get().copied().unwrap_or(ColorArg::Auto) {
        ColorArg::Auto => Style::detect(std::io::stderr().is_terminal()),
        ColorArg::Always => Style::Color,
        ColorArg::Never => Style::Plain,
    }
}

fn stdout_style() -> Style {
    match COLOR.get().copied().unwrap_or(ColorArg::Auto) {
        ColorArg::Auto => Style::detect(std::io::stdout().is_terminal()),
        ColorArg::Always => Style::Color,
        ColorArg::Never => Style::Plain,
    }
}

fn run(cli: Cli, streams: &Streams) -> Result<ExitStatus, SornError> {
    let _ = COLOR.set(cli.color);
    sorn::parallel::configure(sorn::parallel::requested(cli.jobs)?);
    match cli.command {
        Command::Build { paths, format, out_dir, stdout, check, config, draft } => {
            let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
            let options =
                build::BuildOptions { paths, formats: format.formats(), out_dir, stdout, check, config, draft };
            let result = build::prepare(&options)?;
            if !result.diagnostics.is_empty() {
                let report = human::render_human(&result.diagnostics, &result.workspace.files, stderr_style());
                streams.err(report.as_bytes())?;
            }
            if options.stdout {
                match result.output_count() {
                    0 => {}
                    1 => streams.out(&result.render()[0].contents)?,
                    many => {
                        return Err(SornError::Usage {
                            message: format!("--stdout takes one result, but this build renders {many}"),
                            help: Some("name one source and one --format".into()),
                        });
                    }
                }
            } else {
                result.write()?;
                let message = match result.output_count() {
                    0 => "nothing written\n".to_string(),
                    n => format!(
                        "wrote {n} file{} to {}\n",
                        if n == 1 { "" } else { "s" },
                        sorn::diagnostic::display_path(&options.out_dir)
                    ),
                };
                streams.err(message.as_bytes())?;
            }
            if !result.diagnostics.is_empty() {
                streams.err(format!("{}\n", human::summary(&result.diagnostics, result.source_files)).as_bytes())?;
            }
            let status = build::status(&result);
            // As for `check`: the process ends here, and the operating system reclaims the loaded
            // sources faster than freeing them one allocation at a time.
            std::mem::forget(result);
            Ok(status)
        }
        Command::Check { paths, format, deny, config, select, ignore, statistics, quiet, fix: fixing, dry_run } => {
            let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
            if fixing && !dry_run {
                fix::writable(&paths)?;
            }
            let options = check::CheckOptions { paths, deny_warnings: deny.is_some(), config, select, ignore };
            let mut result = check::run(&options)?;
            if fixing {
                let (changed, refused) = fix::plan(&options, &result)?;
                let applied: usize = changed.iter().map(|f| f.applied).sum();
                let mut message: String = refused.iter().map(|r| format!("{r}\n")).collect();
                if dry_run {
                    streams.out(fix::diff(&changed).as_bytes())?;
                    message.push_str(&format!("{applied} fix(es) in {} file(s) would be applied\n", changed.len()));
                } else {
                    fix::write(&changed)?;
                    message.push_str(&format!("applied {applied} fix(es) in {} file(s)\n", changed.len()));
                    result = check::run(&options)?;
                }
                streams.err(message.as_bytes())?;
            }
            let (out, err) = if statistics {
                (String::new(), check::statistics(&result))
            } else {
                check::render(&result, format.into(), stderr_style())
            };
            let err = if quiet { check::without_summary(&result, err) } else { err };
            streams.err(err.as_bytes())?;
            if !out.is_empty() {
                streams.out(out.as_bytes())?;
            }
            let status = check::status(&result.diagnostics, options.deny_warnings);
            // The process ends with this command: the loaded workspace and the diagnostics are
            // millions of small allocations for a large inventory, and freeing them one by one
            // costs time the operating system spends anyway reclaiming the whole process.
            std::mem::forget(result);
            Ok(status)
        }
        Command::Diff { sources, format, draft, config } => {
            let (old, new) = match sources.as_slice() {
                [new] => (None, new.clone()),
                [old, new, ..] => (Some(old.clone()), new.clone()),
                [] => unreachable!("clap requires one source"),
            };
            let result = diff::run(&diff::DiffOptions { old, new, config })?;
            if !result.diagnostics.is_empty() {
                let report = human::render_human(&result.diagnostics, &result.workspace.files, stderr_style());
                streams.err(report.as_bytes())?;
            }
            if let Some(compared) = &result.compared {
                let text = match (draft, format) {
                    (true, _) => diff::render_draft(compared),
                    (false, DiffFormat::Json) => diff::render_json(compared),
                    (false, DiffFormat::Human) => diff::render_human(compared, stdout_style()),
                };
                streams.out(text.as_bytes())?;
            }
            Ok(diff::status(&result))
        }
        Command::Explain { rule, list } => {
            let text = match (rule, list) {
                (_, true) => explain::list(),
                (Some(name), false) => explain::explain(&name)?,
                (None, false) => explain::list(),
            };
            streams.out(text.as_bytes())?;
            Ok(ExitStatus::Success)
        }
        Command::Import { files, out, out_dir, force } => {
            let (status, report) = import::run(&import::ImportArgs { inputs: files, out, out_dir, force })?;
            let messages: String = report.messages.iter().map(|m| format!("{m}\n")).collect();
            streams.err(messages.as_bytes())?;
            if !report.stdout.is_empty() {
                streams.out(report.stdout.as_bytes())?;
            }
            Ok(status)
        }
        Command::Serve { paths, address, port, config } => {
            let paths = if paths.is_empty() { vec![PathBuf::from(".")] } else { paths };
            let options = serve::ServeOptions { paths, address, port, config };
            let mut announce = Ok(());
            serve::run(&options, |at| {
                announce = streams.err(format!("serving http://{at}/ (stop with Ctrl-C)\n").as_bytes());
                if !at.ip().is_loopback() {
                    let _ = streams.err(
                        b"warning: listening on a non-loopback address: others on the network can read the documents\n",
                    );
                }
            })?;
            announce?;
            Ok(ExitStatus::Success)
        }
        Command::New { what } => {
            let args = match what {
                NewCommand::Sorn { name, template, agency, id, out } => {
                    let template = match template {
                        TemplateArg::A108 => sorn::model::Template::A108,
                        TemplateArg::Legacy => sorn::model::Template::Legacy,
                    };
                    new::NewArgs::Sorn {
                        new: new::NewSorn { template, name, id, agency, schema_dir: "../schemas".into() },
                        out,
                    }
                }
                NewCommand::Nprm { sorn, out } => new::NewArgs::Nprm { sorn, out },
                NewCommand::FinalRule { from, out } => new::NewArgs::FinalRule { nprm: from, out },
            };
            let result = new::run(&args)?;
            if !result.diagnostics.is_empty() {
                let report = human::render_human(&result.diagnostics, &result.files, stderr_style());
                streams.err(report.as_bytes())?;
            }
            match result.written {
                Some(path) => {
                    let shown = sorn::diagnostic::display_path(&path);
                    streams.err(
                        format!("wrote {shown}\n`sorn check {shown}` lists what is still to write\n").as_bytes(),
                    )?;
                    Ok(ExitStatus::Success)
                }
                None => Ok(ExitStatus::Failure),
            }
        }
        Command::Apply { full, alterations, out } => {
            let result = apply::run(&apply::ApplyArgs { full, alterations, out })?;
            report_written(streams, &result.diagnostics, &result.files, result.written.as_deref())?;
            if let (Some(text), None) = (&result.text, &result.written) {
                streams.out(text.as_bytes())?;
            }
            Ok(if result.text.is_some() { ExitStatus::Success } else { ExitStatus::Failure })
        }
        Command::Rescind { source, out, reason } => {
            let result = rescind::run(&rescind::RescindArgs { source, out, reason })?;
            report_written(streams, &result.diagnostics, &result.files, result.written.as_deref())?;
            if let Some(path) = &result.written {
                let shown = sorn::diagnostic::display_path(path);
                streams.err(format!("`sorn check {shown}` lists what is still to write\n").as_bytes())?;
            }
            Ok(if result.written.is_some() { ExitStatus::Success } else { ExitStatus::Failure })
        }
        Command::Init { dir, force } => {
            let (status, report) = init::run(&init::InitOptions { dir, force })?;
            let mut messages: String =
                report.written.iter().map(|path| format!("wrote {}\n", sorn::diagnostic::display_path(path))).collect();
            for (path, why) in &report.kept {
                let shown = sorn::diagnostic::display_path(path);
                messages.push_str(&match why {
                    init::Kept::Exists => format!("kept {shown}: it exists (`sorn init --force` replaces it)\n"),
                    init::Kept::NotAFile => {
                        format!(
                            "kept {shown}: a link or a folder stands there, and sorn init never writes through one\n"
                        )
                    }
                });
            }
            messages.push_str("next: `sorn new sorn \"System Name\"` starts a notice in sorns/\n");
            streams.err(messages.as_bytes())?;
            Ok(status)
        }
        Command::Schema { out_dir } => {
            let (status, written) = schema::run(&schema::SchemaOptions { out_dir })?;
            let messages: String =
                written.iter().map(|path| format!("wrote {}\n", sorn::diagnostic::display_path(path))).collect();
            streams.err(messages.as_bytes())?;
            Ok(status)
        }
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "sorn", &mut script);
            streams.out(&script)?;
            Ok(ExitStatus::Success)
        }
        Command::Man { out_dir: None } => {
            streams.out(&manual_page(Cli::command())?)?;
            Ok(ExitStatus::Success)
        }
        Command::Man { out_dir: Some(dir) } => {
            let mut messages = String::new();
            for (name, page) in manual_pages(Cli::command())? {
                let path = dir.join(name);
                sorn::commands::output::write_atomic(&path, &page)?;
                messages.push_str(&format!("wrote {}\n", sorn::diagnostic::display_path(&path)));
            }
            streams.err(messages.as_bytes())?;
            Ok(ExitStatus::Success)
        }
    }
}

/// Prints a command's diagnostics, then the file it wrote.
fn report_written(
    streams: &Streams,
    diagnostics: &[sorn::Diagnostic],
    files: &sorn::diagnostic::SourceMap,
    written: Option<&std::path::Path>,
) -> Result<(), SornError> {
    if !diagnostics.is_empty() {
        streams.err(human::render_human(diagnostics, files, stderr_style()).as_bytes())?;
    }
    if let Some(path) = written {
        streams.err(format!("wrote {}\n", sorn::diagnostic::display_path(path)).as_bytes())?;
    }
    Ok(())
}

/// One command's manual page in roff.
fn manual_page(command: clap::Command) -> Result<Vec<u8>, SornError> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command)
        .render(&mut page)
        .map_err(|source| SornError::Output { stream: "the manual page", source })?;
    Ok(page)
}

/// The page of `sorn` and of each of its commands, as (file name, roff): sorn.1, sorn-build.1, ...
/// (the names clap_mangen gives them, so that the pages' SEE ALSO entries resolve).
fn manual_pages(command: clap::Command) -> Result<Vec<(String, Vec<u8>)>, SornError> {
    let mut command = command.disable_help_subcommand(true);
    command.build();
    let mut pages = Vec::new();
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let sub = sub.clone().version(env!("CARGO_PKG_VERSION"));
        let man = clap_mangen::Man::new(sub.clone());
        pages.push((man.get_filename(), manual_page(sub)?));
    }
    let man = clap_mangen::Man::new(command.clone());
    pages.insert(0, (man.get_filename(), manual_page(command)?));
    Ok(pages)
}
