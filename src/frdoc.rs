//! The Federal Register document tree: what every backend renders.
//!
//! Lowering ([`crate::lower`]) resolves everything a document generates (claim sentences,
//! justification lead-ins, dates, the system's name) into this tree once; the Markdown and HTML
//! backends ([`crate::emit`]) only lay it out. Running text is carried as Markdown: prose from the
//! source as written, generated text escaped ([`escape`]), so a backend never has to know which
//! is which.

/// A rendered Federal Register document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrDocument {
    /// The subject line, used as the HTML page title.
    pub title: String,
    /// Where the document goes in the Federal Register ("Notices", "Rules and Regulations", ...).
    pub section: &'static str,
    /// The content, in order.
    pub blocks: Vec<Block>,
}

/// The identifying lines above the preamble (1 CFR 21.16, 22.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineRole {
    /// "BILLING CODE 9111-28".
    BillingCode,
    /// The agency, in capitals.
    Agency,
    /// The issuing bureau or office.
    SubAgency,
    /// "6 CFR Part 5".
    Cfr,
    /// "[Docket No. DHS-2016-0053]".
    Docket,
    /// "RIN 1601-AA00".
    Rin,
    /// The subject line.
    Subject,
}

/// One block of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// An identifying line (plain text).
    Line(LineRole, String),
    /// A preamble caption run in before its text: "AGENCY: Department of ...". The body is Markdown;
    /// an empty body prints the caption alone (SUPPLEMENTARY INFORMATION:).
    Caption {
        /// The caption without colon, e.g. "AGENCY".
        label: String,
        /// Markdown.
        body: String,
    },
    /// A caption of the system text on its own line ("System name:", "SYSTEM LOCATION:").
    SectionCaption(String),
    /// A heading (plain text), level 2 to 4.
    Heading(u8, String),
    /// Running text: one or more Markdown blocks.
    Markdown(String),
    /// Paragraphs that carry the designations the source gives them, in order (the routine uses
    /// "A.", "B.", ...): a list in a backend that has real lists.
    Designated(Vec<Designated>),
    /// An amendatory instruction ("1. The authority citation ..."), with its number.
    Instruction(u32, String),
    /// Five stars: unchanged text omitted.
    Stars,
    /// The signature block.
    Signature(SignatureBlock),
    /// The FR Doc line (plain text).
    FrDoc(String),
}

/// One designated paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Designated {
    /// The designation as the source writes it: "A", "(a)", "1)".
    pub id: String,
    /// The text after the designation, Markdown.
    pub body: String,
}

impl Designated {
    /// The designation as printed: "A" prints "A."; one written with its own punctuation, "(a)"
    /// or "1)", as is; none (DoD prints routine uses undesignated) prints nothing.
    pub fn label(&self) -> String {
        if self.id.is_empty() || self.id.ends_with(['.', ')']) { self.id.clone() } else { format!("{}.", self.id) }
    }

    /// The paragraph as Markdown, designation first.
    pub fn markdown(&self) -> String {
        if self.id.is_empty() {
            return self.body.clone();
        }
        let marker = if self.id.ends_with(['.', ')']) { escape(&self.id) } else { format!("{}.", escape(&self.id)) };
        format!("{marker} {}", self.body)
    }
}

/// A signature, resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignatureBlock {
    /// "Dated: August 3, 2016."
    pub dated: Option<String>,
    /// Lines before the name.
    pub before: Vec<String>,
    /// "Jonathan R. Cantor,"
    pub name: String,
    /// Title lines, each ending in "," except the last, which ends in ".".
    pub title: Vec<String>,
}

/// Escapes plain text for inclusion in Markdown, so generated text and structured values can never
/// turn into markup (a system name with `*` stays a system name).
///
/// One pass: what the current line holds so far is tracked as it is written, never looked back
/// at, so the work is linear in the text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_line_start = true;
    let mut line = LineSoFar::default();
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        match ch {
            '\\' | '`' | '*' | '_' | '<' | '>' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(ch);
            }
            // Only an ampersand that could open an entity or character reference ("&amp;",
            // "&#38;") needs escaping; "Medicare & Medicaid" prints as written.
            '&' if chars.peek().is_some_and(|c| c.is_ascii_alphanumeric() || *c == '#') => out.push_str("&amp;"),
            '#' | '+' | '-' | '=' if at_line_start => {
                out.push('\\');
                out.push(ch);
            }
            '.' | ')' if line.is_list_number() => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
        line.push(ch);
        // A block marker ("- ", "# ", "+ ", a setext "=") opens only after white space at the
        // start of a line; after "09" a hyphen is a hyphen ("09-70-0588"). Numbers that would
        // start an ordered list ("75.") are `LineSoFar`'s.
        if ch == '\n' {
            at_line_start = true;
        } else if ch != ' ' {
            // Only a mark at the very start of a line makes a heading, list or rule there ("18-10-01"
            // is no list item); the ordered-list number ("75.") is `line`'s to see.
            at_line_start = false;
        }
    }
    out
}

/// What the current line holds so far, for the ordered-list check: only digits after leading
/// white space (so that "75." would start an ordered list), and how many.
#[derive(Default)]
struct LineSoFar {
    started: bool,
    not_digits: bool,
    digits: usize,
}

impl LineSoFar {
    fn push(&mut self, ch: char) {
        if ch == '\n' {
            *self = LineSoFar::default();
        } else if !self.started && ch.is_whitespace() {
        } else if ch.is_ascii_digit() && !self.not_digits {
            self.started = true;
            self.digits += 1;
        } else {
            self.started = true;
            self.not_digits = true;
        }
    }

    /// CommonMark list numbers have at most nine digits.
    fn is_list_number(&self) -> bool {
        !self.not_digits && (1..=9).contains(&self.digits)
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_but_not_words() {
        assert_eq!(escape("DHS/ICE-015 LeadTrac"), "DHS/ICE-015 LeadTrac");
        assert_eq!(escape("a *b* [c](d) <e>"), "a \\*b\\* \\[c\\](d) \\<e\\>");
        assert_eq!(escape("75. The system"), "75\\. The system");
        assert_eq!(escape("- item"), "\\- item");
        assert_eq!(escape("x - y"), "x - y");
        assert_eq!(escape("AT&T"), "AT&amp;T");
        assert_eq!(escape("&#38; &amp;"), "&amp;#38; &amp;amp;");
        assert_eq!(escape("Medicare & Medicaid, R&"), "Medicare & Medicaid, R&");
        assert_eq!(escape("09-70-0588"), "09-70-0588");
        assert_eq!(escape("  12) x\n3.4. y\n1234567890. z"), "  12\\) x\n3\\.4. y\n1234567890. z");
    }

    #[test]
    fn many_dots_on_one_line_are_linear() {
        let name = ".".repeat(400_000);
        let start = std::time::Instant::now();
        assert_eq!(escape(&name), name);
        assert!(start.elapsed() < std::time::Duration::from_millis(500));
    }
}
