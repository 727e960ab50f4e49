//! The first stage of an import: what the input is (FR XML, Markdown, the text edition), its
//! documents cut into units, and each document's kind ([`kind`]).

pub mod kind;

use super::{ImportError, RawDoc, detect, signature, text, xml};

/// The documents an input holds, before their kind is decided.
#[derive(Clone, Debug, Default)]
pub struct Documents {
    /// The documents, in input order.
    pub docs: Vec<RawDoc>,
    /// Notes about anything the reader skipped.
    pub notes: Vec<String>,
    /// Whether the input is a daily issue (FR XML `FEDREG`): documents of other kinds in it are
    /// skipped with a note; a single document of another kind is refused.
    pub issue: bool,
}

/// Detects the input's format and cuts it into documents of units.
///
/// # Errors
///
/// The input is not text, not UTF-8, or broken XML.
pub fn read(name: &str, bytes: &[u8]) -> Result<Documents, Box<ImportError>> {
    let input = detect::detect(name, bytes)?;
    let issue = matches!(&input, detect::Input::Xml(t) if t.contains("<FEDREG"));
    let (docs, notes) = match &input {
        detect::Input::Xml(text) => xml::read(name, text)?,
        detect::Input::Markdown(t) => {
            (vec![RawDoc { units: text::mend_page_breaks(text::read_markdown(t)), ..RawDoc::default() }], vec![])
        }
        detect::Input::Plain(t) => {
            (vec![RawDoc { units: text::mend_page_breaks(text::read_plain(t)), ..RawDoc::default() }], vec![])
        }
    };
    Ok(Documents { docs, notes, issue })
}

/// How a skipped document is named in notes: its element, subject, FR Doc number and line.
pub fn describe(doc: &RawDoc) -> String {
    let subject = kind::subject_of(doc);
    let subject = if subject.is_empty() { "(no subject)".to_string() } else { subject };
    let number =
        doc.units.iter().rev().find_map(|u| signature::fr_doc(u.text())).map(|d| format!(", FR Doc. {}", d.number));
    let line = doc.units.first().map(|u| format!(" (line {})", u.line)).unwrap_or_default();
    format!("{} \"{subject}\"{}{line}", doc.element.as_deref().unwrap_or("document"), number.unwrap_or_default())
}
