use crate::check::Context;
use crate::check::Finding;
use crate::model::{ExemptionRule, Stage};

crate::declare_rule! {
    /// ## What it checks
    /// That an exemption rule's wording fits its stage (`stage`):
    ///
    /// - a final rule does not say it "proposes", invite comments ("Submit comments", a
    ///   `comment_days` count) or print an ADDRESSES caption for comments;
    /// - a proposed rule gives a comment period (`comment_days`, or DATES text about comments);
    /// - an ACTION line written out (`notice.action`) names the stage: "Final rule" for a final
    ///   rule, "Proposed rule" or "Notice of proposed rulemaking" for a proposed one.
    ///
    /// ## Why
    /// A final rule is often made from the proposed rule's file, and leftover proposal wording
    /// tells the public it may still comment when it may not. A proposed rule without a comment
    /// period does not give the notice and opportunity to comment that an exemption requires.
    ///
    /// ## Example
    /// ```toml
    /// stage = "final"
    ///
    /// [notice]
    /// comment_days = 30
    /// summary = "The Department proposes to exempt ..."
    /// ```
    /// Use instead: `effective_days = 0` (or 30) and "The Department is issuing a final rule to
    /// exempt ...".
    pub const META = ("stage-wording", Structure, Warning, "A final rule worded as a proposal (or inviting comments), a proposed rule with no comment period, or an ACTION line of the other stage.");
    basis = [
        (Statute, "5 U.S.C. 552a(j), (k); 5 U.S.C. 553(b), (c)", "exemptions are made by rules under 553, whose notice of proposed rulemaking gives \"interested persons an opportunity to participate in the rule making through submission of written data, views, or arguments\""),
        (Regulation, "1 CFR 18.12(b)", "the preamble of a proposed or final rule document has \"ACTION: ... (Proposed Rule), (Final Rule)\" and \"DATES: (Comments must be received on or before: ___.) ... (Effective date: ___.)\""),
    ];
}

/// Whether `text` has `word` as a whole word, in any case.
fn has_word(text: &str, word: &str) -> bool {
    let lower = text.to_lowercase();
    lower.match_indices(word).any(|(i, _)| {
        let before = lower[..i].chars().next_back();
        let after = lower[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

fn final_rule(cx: &Context<'_>, file: crate::diagnostic::FileId, rule: &ExemptionRule, out: &mut Vec<Finding>) {
    let n = &rule.notice;
    for (key, prose) in
        [("notice.summary", &n.summary), ("notice.dates", &n.dates), ("notice.supplementary", &n.supplementary)]
    {
        let Some(p) = prose else { continue };
        for phrase in ["proposes", "submit comments", "comments must be received"] {
            if has_word(&p.value, phrase) {
                out.push(
                    Finding::new(format!("a final rule says \"{phrase}\" in `{key}`"), cx.label(file, p.span.clone(), "wording of a proposed rule"))
                        .with_help("a final rule adopts: \"is issuing a final rule\", \"is exempting\"; it does not invite comments"),
                );
                break;
            }
        }
    }
    if let Some(days) = &n.comment_days {
        out.push(
            Finding::new(
                "a final rule has a comment period (`comment_days`)",
                cx.label(file, days.span.clone(), "comments on a final rule"),
            )
            .with_help("remove `comment_days`, or set `stage = \"proposed\"` if the document proposes the exemption"),
        );
    }
    if let Some(addresses) = n.addresses.as_ref().filter(|a| has_word(&a.value, "comments")) {
        out.push(
            Finding::new(
                "a final rule tells readers where to send comments (ADDRESSES)",
                cx.label(file, addresses.span.clone(), "ADDRESSES of a proposed rule"),
            )
            .with_help("remove `addresses` from the final rule"),
        );
    }
}

fn proposed_rule(cx: &Context<'_>, file: crate::diagnostic::FileId, rule: &ExemptionRule, out: &mut Vec<Finding>) {
    let n = &rule.notice;
    let dated_comments = n.dates.as_ref().is_some_and(|d| has_word(&d.value, "comments"));
    if n.comment_days.is_none() && !dated_comments {
        out.push(
            Finding::new(
                "a proposed rule gives no comment period",
                cx.label(file, rule.stage.span.clone(), "proposed"),
            )
            .with_help("set `comment_days` (usually 30) and say in ADDRESSES where comments go"),
        );
    }
}

/// Reports wording that belongs to the other stage.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, rule) in cx.exemption_rules() {
        let stage = rule.stage.value;
        match stage {
            Stage::Final => final_rule(cx, doc.file, rule, out),
            Stage::Proposed => proposed_rule(cx, doc.file, rule, out),
        }
        if let Some(action) = &rule.notice.action {
            let names_final = has_word(&action.value, "final rule") || has_word(&action.value, "interim final rule");
            let names_proposed =
                has_word(&action.value, "proposed rule") || has_word(&action.value, "proposed rulemaking");
            let (fits, want) = match stage {
                Stage::Final => (names_final && !names_proposed, "Final rule."),
                Stage::Proposed => (names_proposed, "Notice of proposed rulemaking."),
            };
            if !fits && (names_final || names_proposed) {
                out.push(
                    Finding::new(
                        format!("the ACTION line \"{}\" does not name the document's stage", action.value.trim()),
                        cx.label(doc.file, action.span.clone(), "ACTION of the other stage"),
                    )
                    .with_label(cx.label(doc.file, rule.stage.span.clone(), "the stage"))
                    .with_help(format!("write \"{want}\", or correct `stage`")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::has_word;

    #[test]
    fn whole_words_only() {
        assert!(has_word("The Department proposes to exempt", "proposes"));
        assert!(!has_word("as the Department proposed", "proposes"));
        assert!(has_word("Submit comments on or before", "submit comments"));
        assert!(!has_word("no comments were received", "submit comments"));
    }
}
