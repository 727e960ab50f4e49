//! Failures of the tool itself (as opposed to findings in the sources).

use std::path::PathBuf;

/// Why a command could not run. Every variant maps to exit status 2.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SornError {
    /// A path given on the command line cannot be read.
    #[error("cannot read {}: {source}", path.display())]
    #[diagnostic(code(sorn::path), help("check that the path exists and is readable"))]
    Path {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// No source was found under the given paths.
    #[error("no sorn sources found in {paths}")]
    #[diagnostic(
        code(sorn::no_sources),
        help(
            "sources are .toml files whose first key is kind = \"sorn\" or kind = \"exemption-rule\"; \
             start a notice with `sorn new sorn \"System Name\"`, or set up a repository with `sorn init`"
        )
    )]
    NoSources {
        /// The paths searched, joined for display.
        paths: String,
    },
    /// An output could not be written.
    #[error("cannot write {}: {source}", path.display())]
    #[diagnostic(code(sorn::write))]
    Write {
        /// The output path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// Standard output or standard error could not be written (a closed pipe, a full disk): the
    /// command's result is lost, so it fails.
    #[error("cannot write to {stream}: {source}")]
    #[diagnostic(code(sorn::output), help("the output was not delivered whole; check the pipe or the disk it goes to"))]
    Output {
        /// "standard output" or "standard error".
        stream: &'static str,
        /// Why.
        source: std::io::Error,
    },
    /// A path that sorn will not open: not a regular file, or a symbolic link.
    #[error("refusing to read {}: {reason}", path.display())]
    #[diagnostic(code(sorn::not_regular), help("{help}"))]
    NotRegular {
        /// The path.
        path: PathBuf,
        /// What it is.
        reason: String,
        /// What to do.
        help: String,
    },
    /// An output would overwrite a source file.
    #[error("refusing to write {}: it is a source file", path.display())]
    #[diagnostic(code(sorn::overwrite), help("choose another --out-dir"))]
    WouldOverwriteSource {
        /// The output path.
        path: PathBuf,
    },
    /// Anything else that stops a command, with its explanation.
    #[error("{message}")]
    #[diagnostic(code(sorn::usage))]
    Usage {
        /// What went wrong.
        message: String,
        /// How to fix it.
        #[help]
        help: Option<String>,
    },
    /// An input a stage of the pipeline could not read; the stage's diagnostic says why and where.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Input(InputError),
}

/// A stage's diagnostic about its input (a document that is not a Privacy Act document, broken
/// XML ...), carried as it is: this type knows no stage, each stage converts its own error.
#[derive(Debug)]
pub struct InputError(Box<dyn miette::Diagnostic + Send + Sync + 'static>);

impl InputError {
    /// Wraps a stage's diagnostic.
    pub fn new(diagnostic: Box<dyn miette::Diagnostic + Send + Sync + 'static>) -> InputError {
        InputError(diagnostic)
    }
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for InputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}

impl miette::Diagnostic for InputError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.code()
    }

    fn severity(&self) -> Option<miette::Severity> {
        self.0.severity()
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.help()
    }

    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.url()
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }

    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        self.0.related()
    }

    fn diagnostic_source(&self) -> Option<&dyn miette::Diagnostic> {
        self.0.diagnostic_source()
    }
}
