//! The Markdown backend: laid out like the agency manuscripts the Office of the Federal Register
//! receives (bold captions run in, one paragraph per block, hard line breaks in the signature).

use crate::frdoc::{Block, FrDocument, LineRole, escape};

/// The Markdown backend.
pub struct Markdown;

impl super::Backend for Markdown {
    fn extension(&self) -> &'static str {
        "md"
    }

    fn render(&self, document: &FrDocument) -> Vec<u8> {
        render(document).into_bytes()
    }
}

/// Renders a document as Markdown (ends with one newline).
pub fn render(doc: &FrDocument) -> String {
    let mut parts: Vec<String> = Vec::with_capacity(doc.blocks.len());
    for block in &doc.blocks {
        parts.push(match block {
            Block::Line(LineRole::Agency, text) => format!("**{}**", escape(text)),
            Block::Line(_, text) => escape_line(text),
            Block::Caption { label, body } if body.trim().is_empty() => format!("**{}:**", escape(label)),
            Block::Caption { label, body } if super::starts_with_block(body) => {
                format!("**{}:**\n\n{}", escape(label), body.trim_end())
            }
            Block::Caption { label, body } => format!("**{}:** {}", escape(label), body.trim_end()),
            Block::SectionCaption(text) => format!("**{}**", escape(text)),
            Block::Heading(level, text) => {
                format!("{} {}", "#".repeat(usize::from((*level).clamp(1, 6))), escape(text))
            }
            Block::Markdown(text) => text.trim_end().to_string(),
            Block::Designated(items) => {
                items.iter().map(|item| item.markdown().trim_end().to_string()).collect::<Vec<_>>().join("\n\n")
            }
            Block::Instruction(n, text) => format!("{n}\\. {}", text.trim_end()),
            Block::Stars => "\\* \\* \\* \\* \\*".to_string(),
            Block::Signature(sig) => {
                let mut lines = Vec::new();
                if let Some(d) = &sig.dated {
                    lines.push(format!("{}\n", escape(d)));
                }
                let mut body: Vec<String> = sig.before.iter().map(|b| escape(b)).collect();
                body.push(escape(&sig.name));
                body.extend(sig.title.iter().map(|t| escape(t)));
                lines.push(body.join("  \n"));
                lines.join("\n")
            }
            Block::FrDoc(text) => escape_line(text),
        });
    }
    let mut out = parts.join("\n\n");
    out.push('\n');
    out
}

/// Identifying lines and the FR Doc line keep their brackets ("[Docket No. ...]"): they are never
/// followed by a link destination, so they cannot become links.
fn escape_line(text: &str) -> String {
    escape(text).replace("\\[", "[").replace("\\]", "]")
}
