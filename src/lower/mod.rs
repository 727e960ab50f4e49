//! Lowering: a loaded document becomes a [`FrDocument`], with everything the document generates
//! written out (claim sentences, justification lead-ins, the system's name in all its forms,
//! dates or their placeholders, the signature block and the FR Doc line).

mod common;
mod rule;
mod sorn;

use crate::dates::Calendar;
use crate::frdoc::FrDocument;
use crate::model::Document;

pub use common::{claim_sentences, justification_leadin, justification_leadin_cited};

/// Options that affect lowering.
#[derive(Clone, Debug, Default)]
pub struct LowerOptions {
    /// The calendar used for dates certain (1 CFR 18.17).
    pub calendar: Calendar,
}

/// Lowers a document. The document must have loaded cleanly (valid citations and placeholders);
/// anything invalid that slips through is printed as written rather than dropped.
pub fn lower(document: &Document, options: &LowerOptions) -> FrDocument {
    match document {
        Document::Sorn(s) => sorn::lower(s, options),
        Document::ExemptionRule(r) => rule::lower(r, options),
    }
}
