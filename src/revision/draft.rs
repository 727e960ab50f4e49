//! Drafts from a diff: the summary of changes for the SUPPLEMENTARY INFORMATION, the HISTORY
//! line for the predecessor, and the ACTION and DATES captions of the revision. The author edits
//! them; they are never written into a source by themselves.

use super::diff::{Status, SystemDiff};
use crate::frdoc::Block;
use crate::lower::{LowerOptions, lower};
use crate::model::{Action, Document, Element, Sorn, Template};

/// Every draft for a revision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Drafts {
    /// The summary of changes for the SUPPLEMENTARY INFORMATION.
    pub summary: String,
    /// The HISTORY caption: the predecessor's history, then the predecessor itself.
    pub history: String,
    /// The ACTION caption of the revision kind.
    pub action: String,
    /// The DATES caption, when the source gives what it is computed from.
    pub dates: Option<String>,
}

/// The drafts for `new`, a revision of `old` whose changes `diff` holds.
pub fn drafts(old: &Sorn, new: &Sorn, diff: &SystemDiff, options: &LowerOptions) -> Drafts {
    let (action, dates) = action_and_dates(new, options);
    Drafts { summary: summary(new, diff), history: history(old, new), action, dates }
}

/// "DHS is modifying this system of records to (1) add routine use K; (2) update the system
/// location; and (3) ...", in the agency's voice, one item per change, in caption order.
pub fn summary(new: &Sorn, diff: &SystemDiff) -> String {
    let who = match &new.agency.abbreviation {
        Some(a) if !a.value.trim().is_empty() => a.value.trim().to_string(),
        _ => format!("The {}", new.agency.name.value.trim().trim_start_matches("The ")),
    };
    let items = changes(diff);
    let list = match items.as_slice() {
        [] => return format!("{who} is republishing this system of records without changes to its captions."),
        [one] => one.clone(),
        [rest @ .., last] => {
            let numbered: Vec<String> = rest.iter().enumerate().map(|(k, s)| format!("({}) {s}", k + 1)).collect();
            format!("{}; and ({}) {last}", numbered.join("; "), rest.len() + 1)
        }
    };
    format!("{who} is modifying this system of records to {list}.")
}

/// The noun phrase for a caption in the summary: its A-108 caption in lower case (the legacy
/// caption for the captions only that set has).
fn subject(element: Element) -> String {
    let spec = Template::A108.caption(element).or_else(|| Template::Legacy.caption(element));
    spec.map_or_else(|| crate::model::System::key(element).replace('_', " "), |s| s.caption.to_lowercase())
}

/// One phrase per change, in the order the notice prints the captions.
fn changes(diff: &SystemDiff) -> Vec<String> {
    let mut out = Vec::new();
    if diff.identifier.changed() {
        out.push(format!("change the system number from {} to {}", diff.identifier.old, diff.identifier.new));
    }
    if diff.name.changed() {
        out.push(format!(
            "change the system name from \u{201c}{}\u{201d} to \u{201c}{}\u{201d}",
            diff.name.old, diff.name.new
        ));
    }
    let before_uses = |e: Element| {
        matches!(
            e,
            Element::SecurityClassification
                | Element::Location
                | Element::Managers
                | Element::Authority
                | Element::Purposes
                | Element::Individuals
                | Element::Records
                | Element::RecordSources
        )
    };
    for c in diff.changed_captions().filter(|c| before_uses(c.element)) {
        out.push(caption_phrase(c));
    }
    out.extend(routine_use_phrases(diff));
    for c in diff.changed_captions().filter(|c| !before_uses(c.element)) {
        out.push(caption_phrase(c));
    }
    for a in &diff.exemptions.authorities {
        out.push(match a.status {
            Status::Removed => format!("remove the exemptions claimed under 5 U.S.C. 552a{}", a.authority),
            _ if a.removed.is_empty() => {
                format!("claim exemptions under 5 U.S.C. 552a{} from subsections {}", a.authority, a.added.join(", "))
            }
            _ => format!("change the exemptions claimed under 5 U.S.C. 552a{}", a.authority),
        });
    }
    out
}

fn caption_phrase(c: &super::diff::CaptionDiff) -> String {
    let subject = subject(c.element);
    match c.status {
        Status::Added => format!("add the {subject}"),
        Status::Removed => format!("remove the {subject}"),
        _ if !c.items_added.is_empty() && c.items_removed.is_empty() => {
            format!("add {} to the {subject}", join_and(&c.items_added))
        }
        _ if c.items_added.is_empty() && !c.items_removed.is_empty() => {
            format!("remove {} from the {subject}", join_and(&c.items_removed))
        }
        _ => format!("update the {subject}"),
    }
}

fn routine_use_phrases(diff: &SystemDiff) -> Vec<String> {
    let r = &diff.routine_uses;
    let ids = |ids: Vec<&str>| -> String {
        let named: Vec<String> = ids.iter().filter(|i| !i.is_empty()).map(|i| i.to_string()).collect();
        join_and(&named)
    };
    let plural = |n: usize| if n == 1 { "routine use" } else { "routine uses" };
    let mut out = Vec::new();
    if !r.added.is_empty() {
        let named = ids(r.added.iter().map(|u| u.id.as_str()).collect());
        let which = if named.is_empty() { String::new() } else { format!(" ({named})") };
        let count = if r.added.len() == 1 {
            "a new routine use".to_string()
        } else {
            format!("{} new routine uses", r.added.len())
        };
        out.push(format!("add {count}{which}"));
    }
    if !r.changed.is_empty() {
        out.push(
            format!(
                "modify {} {}",
                plural(r.changed.len()),
                ids(r.changed.iter().map(|m| m.new.id.as_str()).collect())
            )
            .trim_end()
            .to_string(),
        );
    }
    if !r.removed.is_empty() {
        out.push(
            format!("remove {} {}", plural(r.removed.len()), ids(r.removed.iter().map(|u| u.id.as_str()).collect()))
                .trim_end()
                .to_string(),
        );
    }
    if !r.relettered.is_empty() {
        out.push("reletter the routine uses that follow".to_string());
    }
    if !r.intro.is_empty() || !r.note.is_empty() {
        out.push("update the text introducing and following the routine uses".to_string());
    }
    out
}

fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The HISTORY caption of the revision: the predecessor's own HISTORY, then the predecessor,
/// "DHS/ICE-015, 81 FR 52700 (August 9, 2016)"; a citation or date the sources do not give is a
/// bracketed blank to fill in.
pub fn history(old: &Sorn, new: &Sorn) -> String {
    let revises = new.revises.as_ref();
    let citation = revises
        .and_then(|r| r.citation.as_ref())
        .map(|c| c.value.trim().to_string())
        .unwrap_or_else(|| "[volume] FR [page]".to_string());
    let date = revises
        .and_then(|r| r.published.as_ref())
        .or(old.published.as_ref())
        .map(|d| crate::dates::fr_date(d.value.0))
        .unwrap_or_else(|| "[publication date]".to_string());
    let line = format!("{}, {citation} ({date})", old.system.id.value.trim());
    let earlier = old.system.history.as_ref().map(|h| h.value.trim().trim_end_matches('.').to_string());
    match earlier {
        Some(h) if revises.and_then(|r| r.citation.as_ref()).is_some_and(|c| h.contains(c.value.trim())) => {
            format!("{h}.")
        }
        Some(h) if !h.is_empty() && !h.eq_ignore_ascii_case("none") => format!("{h}; {line}."),
        _ => format!("{line}."),
    }
}

/// The ACTION and DATES captions as `sorn build` prints them for the revision (a source that
/// still says `action = "new"` is drafted as a modified system: it has a predecessor).
fn action_and_dates(new: &Sorn, options: &LowerOptions) -> (String, Option<String>) {
    let mut revision = new.clone();
    if revision.action.value == Action::New {
        revision.action.value = Action::Modified;
    }
    let document = lower(&Document::Sorn(Box::new(revision)), options);
    let caption = |wanted: &str| {
        document.blocks.iter().find_map(|b| match b {
            Block::Caption { label, body } if label == wanted => Some(body.clone()),
            _ => None,
        })
    };
    let plain = |markdown: String| markdown.replace("**", "").replace("\\[", "[").replace("\\]", "]");
    (caption("ACTION").map(plain).unwrap_or_default(), caption("DATES").map(plain))
}

/// The drafts as `sorn diff --draft` prints them, each under a heading, marked as drafts.
pub fn render(drafts: &Drafts) -> String {
    let dates = drafts.dates.clone().unwrap_or_else(|| {
        "(set notice.comment_days and notice.effective_days, or write notice.dates, to draft this caption)".to_string()
    });
    format!(
        "DRAFT: edit before use; sorn wrote this from the differences between the two versions.\n\n\
         ACTION: {}\n\nDATES: {dates}\n\nSUPPLEMENTARY INFORMATION (summary of changes): {}\n\nHISTORY: {}\n",
        drafts.action, drafts.summary, drafts.history
    )
}
