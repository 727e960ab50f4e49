//! The Privacy Act, 5 U.S.C. 552a, as code.
//!
//! Every SORN and exemption rule cites the Act by subsection: a rule exempts a system "from 5
//! U.S.C. 552a(c)(3), (c)(4); (d); … and (g)", each justification paragraph opens "From subsection
//! (e)(1) (Relevancy and Necessity of Information) because …". This module holds what those
//! citations mean:
//!
//! - the structure map of 552a ([`Level`], and through it [`Subsection`]): which parts exist, down
//!   to subclauses, with the US Code heading of each subsection;
//! - [`Subsection`], a citation that is known to exist, with statute ordering and containment;
//! - [`Authority`], the exemption grounds (j)(1), (j)(2) and (k)(1)–(k)(7), and what each may
//!   exempt from ([`Authority::may_exempt`]);
//! - citation lists as the Federal Register prints them ([`format_claim_list`],
//!   [`format_leadin`]) and as they are read back out of published prose
//!   ([`parse_citation_list`]);
//! - claim statements in any agency's wording, "The Attorney General has exempted this system from
//!   subsections (c)(3) and (4); … pursuant to 5 U.S.C. 552a(j)(2)" ([`claim_statements`]);
//! - the parenthetical headings agencies put after a citation ([`conventional_headings`],
//!   [`short_label`]).

mod authority;
mod citation_list;
mod error;
mod headings;
mod lex;
mod statement;
mod subsection;
mod table;

pub use authority::{Authority, Exemptability, Forbidden};
pub use citation_list::{LeadIn, format_claim_list, format_leadin, format_leadin_compact, parse_citation_list};
pub use error::{CitationError, CitationErrorKind};
pub use headings::{conventional_headings, short_label};
pub use statement::{ClaimStatement, StatedClaim, claim_statements, parse_citation_list_leniently, stated_claims};
pub use subsection::Subsection;
pub use table::Level;

pub(crate) use subsection::cite;
