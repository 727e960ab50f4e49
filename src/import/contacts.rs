//! FOR FURTHER INFORMATION CONTACT: split into contacts at each "For …, please contact:", each
//! structured (topic, name, title, phone, address, e-mail) when sorn prints it back word for word,
//! else kept as text.

use std::sync::LazyLock;

use regex::Regex;

use super::rich::Rich;

/// A contact as read: structured fields, or the text as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContactFound {
    /// "general questions".
    pub topic: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Telephone.
    pub phone: Option<String>,
    /// Address.
    pub address: Option<String>,
    /// E-mail.
    pub email: Option<String>,
    /// The text, when the structured form would not print it back.
    pub text: Option<Rich>,
}

static FOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bFor ([^.:;]{1,80}?),? please contact:\s*").expect("valid pattern"));
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\(?(?:telephone|phone|tel\.?)?:?\s*)?\(?\d{3}\)?[\s.-]*\d{3,4}[\s.-]*\d{0,4}\)?(?:\s*(?:ext\.?|x)\s*\d+)?\)?$")
        .expect("valid pattern")
});

/// Splits the caption's text into contacts.
pub fn split(body: &Rich) -> Vec<ContactFound> {
    let text = body.text.as_str();
    let starts: Vec<usize> = FOR.find_iter(text).map(|m| m.start()).collect();
    let mut bounds: Vec<usize> = Vec::new();
    if starts.first().is_none_or(|&s| !text[..s].trim().is_empty()) {
        bounds.push(0);
    }
    bounds.extend(starts);
    let mut out = Vec::new();
    for (i, &start) in bounds.iter().enumerate() {
        let end = bounds.get(i + 1).copied().unwrap_or(text.len());
        let piece = body.slice(start..end).trim();
        if piece.is_empty() {
            continue;
        }
        out.push(structured(&piece).unwrap_or(ContactFound { text: Some(piece), ..ContactFound::default() }));
    }
    out
}

/// The structured form of one contact, if sorn prints it back exactly.
fn structured(piece: &Rich) -> Option<ContactFound> {
    if piece.marks.iter().any(|m| !matches!(m.kind, super::rich::MarkKind::AutoLink | super::rich::MarkKind::Link(_))) {
        return None;
    }
    let text = piece.text.as_str();
    let caps = FOR.captures(text)?;
    if caps.get(0)?.start() != 0 || text.contains('\n') {
        return None;
    }
    let topic = caps.get(1)?.as_str().trim().to_string();
    let rest = text[caps.get(0)?.end()..].trim();
    let body = rest.strip_suffix('.')?;
    let (body, email) = match body.rfind(", e-mail: ").or_else(|| body.rfind(", email: ")) {
        Some(i) => {
            let label = if body[i..].starts_with(", e-mail: ") { ", e-mail: " } else { ", email: " };
            (&body[..i], Some(body[i + label.len()..].trim().to_string()))
        }
        None => (body, None),
    };
    let parts: Vec<&str> = body.split(", ").collect();
    let name = parts.first()?.trim();
    if !super::signature::is_name(name) {
        return None;
    }
    // sorn prints name, title, telephone, address: a telephone right after the name is another
    // order, kept as text.
    let title = parts.get(1).map(|t| t.trim()).filter(|t| !PHONE.is_match(t))?.to_string();
    let title = Some(title);
    let mut phone = None;
    let mut rest_at = 2;
    if let Some(p) = parts.get(rest_at)
        && PHONE.is_match(p.trim())
    {
        phone = Some(p.trim().to_string());
        rest_at += 1;
    }
    let address = parts.get(rest_at..).filter(|r| !r.is_empty()).map(|r| r.join(", "));
    let found =
        ContactFound { topic: Some(topic), name: Some(name.to_string()), title, phone, address, email, text: None };
    (render(&found) == text).then_some(found)
}

/// How sorn prints a structured contact (plain text), as `lower::common::contact` does.
pub fn render(c: &ContactFound) -> String {
    let mut parts: Vec<String> = [&c.name, &c.title, &c.phone, &c.address].into_iter().flatten().cloned().collect();
    if let Some(email) = &c.email {
        parts.push(format!("e-mail: {email}"));
    }
    let mut body = parts.join(", ");
    if !body.ends_with('.') {
        body.push('.');
    }
    match &c.topic {
        Some(topic) => format!("For {topic}, please contact: {body}"),
        None => body,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structured_when_it_prints_back() {
        let text = "For general questions, please contact: Amber Smith, Privacy Officer, (202) 732-3300, U.S. Immigration and Customs Enforcement, 500 12th Street, SW, Washington, D.C. 20536, e-mail: ICEPrivacy@dhs.gov. For privacy questions, please contact: Jonathan R. Cantor, (202) 343-1717, Acting Chief Privacy Officer, Privacy Office, Washington, D.C. 20528.";
        let found = split(&Rich::plain(text));
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].name.as_deref(), Some("Amber Smith"));
        assert_eq!(found[0].title.as_deref(), Some("Privacy Officer"));
        assert_eq!(found[0].phone.as_deref(), Some("(202) 732-3300"));
        assert_eq!(found[0].email.as_deref(), Some("ICEPrivacy@dhs.gov"));
        assert_eq!(
            found[0].address.as_deref(),
            Some("U.S. Immigration and Customs Enforcement, 500 12th Street, SW, Washington, D.C. 20536")
        );
        // Telephone before title: sorn would print it after, so the text stays as written.
        assert!(found[1].text.is_some());
    }

    #[test]
    fn free_text_contacts() {
        let found = split(&Rich::plain("Call or email GSA's Chief Privacy Officer: telephone 202-322-8246."));
        assert_eq!(found.len(), 1);
        assert!(found[0].text.is_some());
    }
}
