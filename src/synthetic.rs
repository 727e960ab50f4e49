//! Synthetic corpora for benchmarks and scaling tests: a seed SORN and its exemption rule varied
//! into any number of distinct pairs, a daily issue of any size, and the pathological sources
//! (thousands of routine uses, megabytes of prose) whose cost must stay proportional to size.
//!
//! Everything here is a pure function of its arguments: the same seed and count give the same
//! bytes on every machine, so that a benchmark measures the same work from run to run and a test
//! can compare a run on one thread with a run on many.

use std::fmt::Write as _;

/// A seed pair: a SORN source and the exemption rule that exempts it, linked to each other by
/// file name (`exemption_rule = "..."` and `sorn = "..."`), as `sorns/dhs-ice-015*.toml` are.
#[derive(Clone, Debug)]
pub struct Seed<'a> {
    /// The SORN source.
    pub sorn: &'a str,
    /// The exemption rule source.
    pub rule: &'a str,
    /// The system identifier both give (`[system] id`), e.g. "DHS/ICE-015".
    pub id: &'a str,
    /// The system's proper name as it appears in their prose, e.g. "LeadTrac".
    pub name: &'a str,
    /// The SORN's file name, e.g. "dhs-ice-015.toml".
    pub sorn_file: &'a str,
    /// The rule's file name, e.g. "dhs-ice-015-final-rule.toml".
    pub rule_file: &'a str,
}

/// One generated source: its file name and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The file name (no folder).
    pub name: String,
    /// The TOML text.
    pub text: String,
}

/// First halves of generated system names.
const NAME_HEADS: [&str; 40] = [
    "Case", "Lead", "Data", "Track", "Link", "Watch", "Field", "Port", "Star", "Core", "Grant", "Claim", "Trust",
    "Civic", "Border", "Harbor", "Ledger", "Signal", "Summit", "Vector", "Anchor", "Beacon", "Canyon", "Delta",
    "Ember", "Falcon", "Garnet", "Helix", "Indigo", "Juniper", "Kestrel", "Lumen", "Meridian", "Nimbus", "Orchard",
    "Pioneer", "Quarry", "Raven", "Sierra", "Tundra",
];

/// Second halves of generated system names.
const NAME_TAILS: [&str; 40] = [
    "Trac", "Net", "Base", "View", "Scan", "Point", "Line", "Desk", "Flow", "Hub", "Gate", "Works", "Link", "Vault",
    "Map", "Log", "Stream", "Sight", "Path", "Bridge", "Board", "Cast", "Check", "Dock", "File", "Guard", "Index",
    "Keep", "Lens", "Mark", "Nest", "Post", "Rack", "Reach", "Scope", "Shelf", "Span", "Sync", "Tally", "Ward",
];

/// The distinct system name of pair `index` ("CaseTrac", "LeadNet", ...): 1,600 two-part names,
/// then the same names followed by a generation number.
pub fn system_name(index: usize) -> String {
    let per_round = NAME_HEADS.len() * NAME_TAILS.len();
    let head = NAME_HEADS[index % NAME_HEADS.len()];
    let tail = NAME_TAILS[(index / NAME_HEADS.len()) % NAME_TAILS.len()];
    match index / per_round {
        0 => format!("{head}{tail}"),
        round => format!("{head}{tail} {}", round + 1),
    }
}

/// The system number of pair `index`: four digits from 1000, never the seed's own.
fn system_number(index: usize) -> String {
    format!("{:04}", 1000 + index)
}

/// Replaces the seed's identifier (in every dash and spacing the seed writes it with), name and
/// file names in `text` with those of pair `index`.
fn vary(seed: &Seed, text: &str, index: usize) -> String {
    let (prefix, number) = seed.id.rsplit_once('-').unwrap_or((seed.id, ""));
    let new_number = system_number(index);
    let mut out =
        text.replace(seed.sorn_file, &sorn_file(seed, index)).replace(seed.rule_file, &rule_file(seed, index));
    if !number.is_empty() {
        let agency_part = prefix.rsplit('/').next().unwrap_or(prefix);
        for dash in ["-", "\u{2014}", "\u{2013}", " - ", " "] {
            out = out.replace(&format!("{agency_part}{dash}{number}"), &format!("{agency_part}{dash}{new_number}"));
        }
    }
    out.replace(seed.name, &system_name(index))
}

fn stem(file: &str) -> &str {
    file.strip_suffix(".toml").unwrap_or(file)
}

/// The SORN file name of pair `index`: the seed's, with the system number in place of its own.
fn sorn_file(seed: &Seed, index: usize) -> String {
    format!("{}-{}.toml", stem(seed.sorn_file), system_number(index))
}

/// The rule file name of pair `index`.
fn rule_file(seed: &Seed, index: usize) -> String {
    let rule_stem = stem(seed.rule_file);
    match rule_stem.strip_prefix(stem(seed.sorn_file)) {
        Some(rest) => format!("{}-{}{rest}.toml", stem(seed.sorn_file), system_number(index)),
        None => format!("{rule_stem}-{}.toml", system_number(index)),
    }
}

/// Rotates the texts of the SORN's routine uses by `index` places (the letters stay in order),
/// so that no two neighbouring pairs list their disclosures alike.
fn rotate_routine_uses(text: &str, index: usize) -> String {
    const HEADER: &str = "[[system.routine_uses]]\n";
    let Some(first) = text.find(HEADER) else { return text.to_string() };
    let rest = &text[first..];
    let end = rest[HEADER.len()..]
        .match_indices("\n[")
        .map(|(i, _)| i + HEADER.len() + 1)
        .find(|&i| !rest[i..].starts_with(HEADER))
        .unwrap_or(rest.len());
    let block = &rest[..end];
    let entries: Vec<&str> = block.split(HEADER).skip(1).collect();
    let parsed: Vec<(&str, &str)> = entries.iter().filter_map(|e| e.split_once('\n')).collect();
    if parsed.len() != entries.len() || parsed.is_empty() {
        return text.to_string();
    }
    let shift = index % parsed.len();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    for (k, (id_line, _)) in parsed.iter().enumerate() {
        out.push_str(HEADER);
        out.push_str(id_line);
        out.push('\n');
        out.push_str(parsed[(k + shift) % parsed.len()].1);
    }
    out.push_str(&rest[end..]);
    out
}

/// Pair `index` varied from the seed: the SORN, then its rule.
pub fn pair(seed: &Seed, index: usize) -> [GeneratedFile; 2] {
    let sorn = rotate_routine_uses(&vary(seed, seed.sorn, index), index);
    [
        GeneratedFile { name: sorn_file(seed, index), text: sorn },
        GeneratedFile { name: rule_file(seed, index), text: vary(seed, seed.rule, index) },
    ]
}

/// `count` distinct pairs, SORN then rule, in index order.
pub fn pairs<'a>(seed: &'a Seed<'a>, count: usize) -> impl Iterator<Item = GeneratedFile> + 'a {
    (0..count).flat_map(move |i| pair(seed, i))
}

/// Writes `count` pairs into `dir` (created if missing) and returns the bytes written.
///
/// # Errors
///
/// A file that cannot be written.
pub fn write_pairs(seed: &Seed, count: usize, dir: &std::path::Path) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0;
    for file in pairs(seed, count) {
        std::fs::write(dir.join(&file.name), &file.text)?;
        bytes += file.text.len() as u64;
    }
    Ok(bytes)
}

/// A daily issue of at least `min_bytes`: the seed issue's front matter and contents, then its
/// documents (everything after the contents) repeated until the size is reached, then the end of
/// the issue. Each repetition is the same well-formed sequence of NOTICE, RULE and PRORULE
/// elements, so the result is well-formed FR XML whenever the seed is.
pub fn daily_issue(seed_issue: &str, min_bytes: usize) -> String {
    const CLOSE: &str = "</FEDREG>";
    let Some(end) = seed_issue.rfind(CLOSE) else { return seed_issue.to_string() };
    let body_start = seed_issue.find("</CNTNTS>").map_or_else(
        || seed_issue.find("<FEDREG").and_then(|i| seed_issue[i..].find('>').map(|j| i + j + 1)).unwrap_or(0),
        |i| i + "</CNTNTS>".len(),
    );
    let (head, body) = (&seed_issue[..body_start], &seed_issue[body_start..end]);
    let mut out = String::with_capacity(min_bytes + seed_issue.len());
    out.push_str(head);
    loop {
        out.push_str(body);
        if out.len() + CLOSE.len() >= min_bytes || body.trim().is_empty() {
            break;
        }
    }
    out.push_str(&seed_issue[end..]);
    out
}

/// The seed SORN with `count` routine uses in place of its own, lettered "1", "2", ... in order
/// and each worded differently.
pub fn many_routine_uses(seed_sorn: &str, count: usize) -> String {
    const HEADER: &str = "[[system.routine_uses]]\n";
    let Some(first) = seed_sorn.find(HEADER) else { return seed_sorn.to_string() };
    let rest = &seed_sorn[first..];
    let end = rest.find("\n[system.").map_or(rest.len(), |i| i + 1);
    let mut uses = String::with_capacity(count * 200);
    for k in 1..=count {
        let name = system_name(k);
        let _ = write!(
            uses,
            "{HEADER}id = \"{k}\"\ntext = \"To the {name} program office of another Federal agency, when the \
             disclosure is necessary for its review number {k} of a matter the record concerns.\"\n\n"
        );
    }
    format!("{}{uses}{}", &seed_sorn[..first], &rest[end..])
}

/// The seed SORN with its supplementary information grown to at least `min_bytes` of prose:
/// paragraphs of the seed's own supplementary text, repeated.
pub fn long_prose(seed_sorn: &str, min_bytes: usize) -> String {
    const KEY: &str = "supplementary = \"\"\"\n";
    let Some(start) = seed_sorn.find(KEY).map(|i| i + KEY.len()) else { return seed_sorn.to_string() };
    let Some(len) = seed_sorn[start..].find("\"\"\"") else { return seed_sorn.to_string() };
    let prose = &seed_sorn[start..start + len];
    let paragraph = prose.split("\n\n").find(|p| !p.starts_with('#') && p.len() > 200).unwrap_or(prose);
    let mut grown = String::with_capacity(min_bytes + prose.len());
    grown.push_str(prose);
    while grown.len() < min_bytes && !paragraph.is_empty() {
        grown.push('\n');
        grown.push_str(paragraph.trim_end());
        grown.push('\n');
    }
    format!("{}{grown}{}", &seed_sorn[..start], &seed_sorn[start + len..])
}

#[cfg(test)]
mod tests {
    use super::*;

    const SORN: &str = "kind = \"sorn\"\nexemption_rule = \"x-001-rule.toml\"\n\n[system]\nid = \"X/Y-001\"\n\
        name = \"Foo System\"\nsupplementary = \"\"\"\nThe Y—001 Foo holds records.\n\"\"\"\n\n\
        [[system.routine_uses]]\nid = \"A\"\ntext = \"first\"\n\n[[system.routine_uses]]\nid = \"B\"\n\
        text = \"second\"\n\n[system.exemptions]\nofficial = \"o\"\n";
    const RULE: &str = "kind = \"exemption-rule\"\nsorn = \"x-001.toml\"\n\n[system]\nid = \"X/Y-001\"\n";

    fn seed() -> Seed<'static> {
        Seed {
            sorn: SORN,
            rule: RULE,
            id: "X/Y-001",
            name: "Foo",
            sorn_file: "x-001.toml",
            rule_file: "x-001-rule.toml",
        }
    }

    #[test]
    fn pairs_are_distinct_linked_and_deterministic() {
        let seed = seed();
        let files: Vec<GeneratedFile> = pairs(&seed, 3).collect();
        assert_eq!(files.len(), 6);
        assert_eq!(files, pairs(&seed, 3).collect::<Vec<_>>());
        let names: std::collections::BTreeSet<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names.len(), 6);
        assert_eq!(files[0].name, "x-001-1000.toml");
        assert_eq!(files[1].name, "x-001-1000-rule.toml");
        assert!(files[0].text.contains("exemption_rule = \"x-001-1000-rule.toml\""));
        assert!(files[1].text.contains("sorn = \"x-001-1000.toml\""));
        assert!(files[0].text.contains("id = \"X/Y-1000\"") && files[0].text.contains("Y—1000 CaseTrac"));
        assert!(files[2].text.contains("LeadTrac System"));
        assert!(!files.iter().any(|f| f.text.contains("Foo") || f.text.contains("-001\"")));
    }

    #[test]
    fn routine_use_texts_rotate_under_their_letters() {
        let [second, _] = pair(&seed(), 1);
        let a = second.text.find("id = \"A\"\ntext = \"second\"").expect("A takes B's text");
        let b = second.text.find("id = \"B\"\ntext = \"first\"").expect("B takes A's text");
        assert!(a < b);
        assert!(second.text.ends_with("[system.exemptions]\nofficial = \"o\"\n"));
    }

    #[test]
    fn names_stay_distinct_past_one_round() {
        let names: std::collections::BTreeSet<String> = (0..4000).map(system_name).collect();
        assert_eq!(names.len(), 4000);
    }

    #[test]
    fn pathological_sources_reach_their_size() {
        let many = many_routine_uses(SORN, 50);
        assert_eq!(many.matches("[[system.routine_uses]]").count(), 50);
        assert!(many.contains("id = \"50\"") && many.contains("[system.exemptions]"));
        let long = long_prose(SORN, 10_000);
        assert!(long.len() >= 10_000 && long.contains("[[system.routine_uses]]"));
    }

    #[test]
    fn a_daily_issue_repeats_its_documents() {
        let seed = "<FEDREG><CNTNTS>c</CNTNTS><NOTICES><NOTICE>n</NOTICE></NOTICES></FEDREG>\n";
        let issue = daily_issue(seed, 200);
        assert!(issue.len() >= 200);
        assert!(issue.starts_with("<FEDREG><CNTNTS>c</CNTNTS><NOTICES>"));
        assert!(issue.ends_with("</NOTICES></FEDREG>\n"));
        assert_eq!(issue.matches("<CNTNTS>").count(), 1);
        assert!(issue.matches("<NOTICE>").count() >= 5);
    }
}
