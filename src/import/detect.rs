//! What an input is: FR XML, a Markdown manuscript, or plain text (the Federal Register's text
//! edition); or not text at all, which is an error with its position.

use super::ImportError;

/// An input, decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// Federal Register XML (a document or a daily issue).
    Xml(String),
    /// A Markdown manuscript.
    Markdown(String),
    /// Plain text.
    Plain(String),
}

/// Inputs larger than this are refused: a daily issue of the Federal Register is a few MiB.
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Decodes and classifies an input.
///
/// # Errors
///
/// Empty, too large, binary (NUL or other control bytes) or not UTF-8.
pub fn detect(name: &str, bytes: &[u8]) -> Result<Input, Box<ImportError>> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ImportError::new(
            format!("{name} is larger than {} MiB; that is not a Federal Register document", MAX_INPUT_BYTES >> 20),
            None,
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(at) = bytes.iter().position(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))) {
        let lossy = String::from_utf8_lossy(bytes).into_owned();
        let offset =
            lossy.char_indices().nth(String::from_utf8_lossy(&bytes[..at]).chars().count()).map_or(0, |(i, _)| i);
        return Err(ImportError::at(
            format!("{name} is binary data, not a Federal Register document (byte {at} is 0x{:02X})", bytes[at]),
            Some("sorn import reads Markdown, plain text or Federal Register XML"),
            name,
            &lossy,
            offset,
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.replace("\r\n", "\n").replace('\r', "\n"),
        Err(e) => {
            let at = e.valid_up_to();
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let offset = String::from_utf8_lossy(&bytes[..at]).len();
            return Err(ImportError::at(
                format!("{name} is not valid UTF-8 (byte {at})"),
                Some("convert it to UTF-8 first, e.g. iconv -f WINDOWS-1252 -t UTF-8"),
                name,
                &lossy,
                offset,
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(ImportError::new(format!("{name} is empty"), None));
    }
    let t = text.trim_start();
    if t.starts_with('<') {
        return Ok(Input::Xml(text));
    }
    if looks_plain(&text) { Ok(Input::Plain(text)) } else { Ok(Input::Markdown(text)) }
}

/// The text edition: page markers, or paragraphs marked by indentation with no Markdown in sight.
fn looks_plain(text: &str) -> bool {
    if text.contains("[[Page ") || text.trim_start().starts_with("[Federal Register") {
        return true;
    }
    let markdown =
        text.matches("**").count() + text.lines().filter(|l| l.starts_with('#') || l.starts_with("- ")).count();
    let indented = text
        .lines()
        .filter(|l| {
            let rest = l.trim_start_matches(' ');
            l.len() - rest.len() >= 3 && rest.starts_with(|c: char| c.is_alphabetic() || c == '(')
        })
        .count();
    markdown == 0 && indented >= 5
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert!(matches!(detect("x", b"<NOTICE></NOTICE>"), Ok(Input::Xml(_))));
        assert!(matches!(detect("x", b"**AGENCY:** x"), Ok(Input::Markdown(_))));
        assert!(matches!(detect("x", b"[[Page 1]]\nAGENCY: x"), Ok(Input::Plain(_))));
    }

    #[test]
    fn errors() {
        assert!(detect("x", b"").is_err());
        assert!(detect("x", b"\x00\x01binary").unwrap_err().message.contains("binary"));
        let e = detect("x", b"caf\xe9 au lait").unwrap_err();
        assert!(e.message.contains("UTF-8"), "{}", e.message);
        assert!(e.span.is_some());
    }
}
