//! Why an input could not be imported: the import stage's own diagnostic, which the command turns
//! into the tool's error ([`crate::error::InputError`]) without that type knowing the stage.

/// Why an input could not be imported.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(sorn::import))]
pub struct ImportError {
    /// What is wrong.
    pub message: String,
    /// What to do.
    #[help]
    pub help: Option<String>,
    /// The input, when a position in it is known.
    #[source_code]
    pub src: Option<miette::NamedSource<String>>,
    /// Where.
    #[label("here")]
    pub span: Option<miette::SourceSpan>,
}

impl ImportError {
    /// An error without a position.
    pub fn new(message: impl Into<String>, help: Option<&str>) -> Box<ImportError> {
        Box::new(ImportError { message: message.into(), help: help.map(str::to_string), src: None, span: None })
    }

    /// An error at a byte offset of the input.
    pub fn at(
        message: impl Into<String>,
        help: Option<&str>,
        name: &str,
        text: &str,
        offset: usize,
    ) -> Box<ImportError> {
        let offset = offset.min(text.len());
        let len = text[offset..].chars().next().map_or(0, char::len_utf8);
        Box::new(ImportError {
            message: message.into(),
            help: help.map(str::to_string),
            src: Some(miette::NamedSource::new(name, text.to_string())),
            span: Some((offset, len).into()),
        })
    }
}

impl From<Box<ImportError>> for crate::error::SornError {
    fn from(error: Box<ImportError>) -> Self {
        crate::error::SornError::Input(crate::error::InputError::new(error))
    }
}
