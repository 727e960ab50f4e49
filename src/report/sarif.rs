//! `--format sarif`: SARIF 2.1.0 that GitHub code scanning accepts.
//!
//! Beyond the OASIS schema, GitHub requires `$schema`, a `shortDescription`, `fullDescription` and
//! `help` for every rule, and `message`, `locations` and `partialFingerprints` for every result; it
//! rejects empty strings there. The log written here has one run whose `tool.driver.rules` lists
//! every rule sorn knows (so alerts keep their documentation when a rule stops firing) and whose
//! `results` point at the rules by `ruleId` and `ruleIndex`.
//!
//! Paths are relative to the repository root ([`ReportRoot`]), `/`-separated, with the
//! `uriBaseId` `SRCROOT`, which `originalUriBaseIds` maps to the root's absolute `file://` URI;
//! `invocations[0].workingDirectory` records the folder sorn ran in. GitHub thus finds the files
//! whatever folder the job ran `sorn check` in.

use std::collections::BTreeMap;

use serde::Serialize;

use super::location::{file, line_text, region};
use super::root::{ReportRoot, folder_uri};
use crate::check::{Category, Level, RuleMeta};
use crate::diagnostic::{Diagnostic, Label, Severity, SourceMap};

/// The `$schema` GitHub asks for.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where users learn about sorn (`tool.driver.informationUri`).
pub const INFORMATION_URI: &str = "https://sorn.dev/";

/// GitHub's limit on `shortDescription` and `fullDescription`.
const DESCRIPTION_LIMIT: usize = 1024;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    invocations: [Invocation; 1],
    original_uri_base_ids: BTreeMap<&'static str, FolderLocation>,
    artifacts: Vec<Artifact>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    working_directory: FolderLocation,
}

#[derive(Serialize)]
struct FolderLocation {
    uri: String,
}

/// The `uriBaseId` of every relative artifact location: the repository root.
pub const SRCROOT: &str = "SRCROOT";

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: String,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    precision: &'static str,
    #[serde(rename = "problem.severity")]
    problem_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Artifact {
    location: ArtifactLocation,
    source_language: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    /// What `sorn check --fix` would do (SARIF 2.1.0 §3.27.30, §3.55).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

/// A fix (§3.55): its description and its one artifact change.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
}

/// The edits of one file (§3.56).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

/// One edit (§3.57): the region it deletes and the text it inserts there.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
    index: usize,
}

impl ArtifactLocation {
    /// The location of a file by its reported name, relative to the root when it lies inside it.
    fn new(name: &str, index: usize, root: &ReportRoot) -> Self {
        let path = root.path(name);
        let uri = artifact_uri(&path);
        let uri_base_id = (!uri.starts_with("file:")).then_some(SRCROOT);
        ArtifactLocation { uri, uri_base_id, index }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fingerprints {
    primary_location_line_hash: String,
}

/// A rule the log describes: one sorn knows, or a name only a diagnostic carries.
enum Descriptor {
    Known(&'static RuleMeta),
    Unknown(String),
}

impl Descriptor {
    fn id(&self) -> &str {
        match self {
            Descriptor::Known(meta) => meta.name,
            Descriptor::Unknown(name) => name,
        }
    }

    fn to_rule(&self) -> Rule {
        match self {
            Descriptor::Known(meta) => known_rule(meta),
            Descriptor::Unknown(name) => Rule {
                id: name.clone(),
                name: pascal_case(name),
                short_description: Text { text: format!("The {name} rule.") },
                full_description: Text {
                    text: format!("The {name} rule; run `sorn explain {name}` for its documentation."),
                },
                help: Help {
                    text: format!("Run `sorn explain {name}` for this rule's documentation."),
                    markdown: format!("Run `sorn explain {name}` for this rule's documentation."),
                },
                default_configuration: Configuration { level: "warning" },
                properties: RuleProperties { tags: Vec::new(), precision: "high", problem_severity: "warning" },
            },
        }
    }
}

fn known_rule(meta: &RuleMeta) -> Rule {
    let (level, problem_severity) = match meta.default_level {
        Level::Error => ("error", "error"),
        Level::Warning => ("warning", "warning"),
        Level::Note => ("note", "recommendation"),
        Level::Allow => ("none", "recommendation"),
    };
    Rule {
        id: meta.name.to_string(),
        name: pascal_case(meta.name),
        short_description: Text { text: limit(meta.summary, DESCRIPTION_LIMIT) },
        full_description: Text { text: limit(&full_description(meta), DESCRIPTION_LIMIT) },
        help: Help { text: crate::check::explanation(meta), markdown: crate::check::explanation(meta) },
        default_configuration: Configuration { level },
        properties: RuleProperties {
            tags: vec![category(meta.category)],
            precision: precision(meta.category),
            problem_severity,
        },
    }
}

fn category(c: Category) -> &'static str {
    match c {
        Category::Load => "load",
        Category::Exemptions => "exemptions",
        Category::Consistency => "consistency",
        Category::Structure => "structure",
    }
}

/// Load rules read the source exactly; lint rules judge documents, so a rare false alarm is possible.
fn precision(c: Category) -> &'static str {
    match c {
        Category::Load => "very-high",
        _ => "high",
    }
}

/// A rule's `name`: its id in Pascal case (`unknown-key` is `UnknownKey`), since SARIF wants
/// `name` to differ from the opaque `id`.
fn pascal_case(id: &str) -> String {
    id.split(['-', '_'])
        .flat_map(|word| {
            let mut chars = word.chars();
            chars.next().map(|first| first.to_uppercase().chain(chars))
        })
        .flatten()
        .collect()
}

/// The summary followed by the first paragraph of prose in the explanation (its "What it checks"
/// section, whose "That ..." becomes "Checks that ...").
fn full_description(meta: &RuleMeta) -> String {
    let paragraph = meta
        .explanation
        .split("\n\n")
        .map(|p| p.lines().filter(|l| !l.starts_with('#')).collect::<Vec<_>>().join(" "))
        .map(|p| p.trim().to_string())
        .find(|p| !p.is_empty() && !p.starts_with("```"));
    match paragraph {
        Some(p) if p != meta.summary => match p.strip_prefix("That ") {
            Some(rest) => format!("{} Checks that {rest}", meta.summary),
            None => format!("{} {p}", meta.summary),
        },
        _ => meta.summary.to_string(),
    }
}

/// At most `max` characters, ending with an ellipsis when cut.
fn limit(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max - 1).collect();
    cut.push('…');
    cut
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A file's reported name as a URI reference: relative paths stay relative, absolute ones become
/// `file://` URIs; anything outside the unreserved characters is percent-encoded.
pub fn artifact_uri(name: &str) -> String {
    let bytes = name.as_bytes();
    let windows_drive = bytes.len() > 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'/';
    let (prefix, absolute) = if name.starts_with('/') {
        ("file://", true)
    } else if windows_drive {
        ("file:///", true)
    } else {
        ("", false)
    };
    let mut uri = String::from(prefix);
    for byte in name.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte) || (absolute && byte == b':');
        if keep {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

/// 64-bit FNV-1a: small, stable across platforms and releases, no randomness.
fn fnv1a(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash ^= 0xff;
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for byte in part.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Line hashes already computed, by rule, file and line: a line is hashed once per rule however
/// many results it holds, so that the work stays linear in the file.
type LineHashes = BTreeMap<(&'static str, usize, usize), u64>;

/// The hash of a result's rule, path and primary line (whitespace removed, so re-indenting a
/// file does not reopen alerts), as GitHub's `hash:occurrence` pair.
fn line_hash(
    d: &Diagnostic,
    files: &SourceMap,
    root: &ReportRoot,
    seen: &mut BTreeMap<u64, usize>,
    hashes: &mut LineHashes,
) -> String {
    let located = d.primary().and_then(|l| Some((l, region(l, files)?)));
    let hash = match located {
        Some((label, r)) => *hashes.entry((d.rule, label.file.0, r.line)).or_insert_with(|| {
            let source = file(files, label.file).expect("region() found the file");
            let line: String = line_text(source, r.line).chars().filter(|c| !c.is_whitespace()).collect();
            fnv1a(&[d.rule, &root.path(r.path), &line])
        }),
        None => fnv1a(&[d.rule, "", &d.message]),
    };
    let occurrence = seen.entry(hash).or_insert(0);
    *occurrence += 1;
    format!("{hash:016x}:{occurrence}")
}

fn location(
    label: &Label,
    files: &SourceMap,
    root: &ReportRoot,
    id: Option<usize>,
    with_message: bool,
) -> Option<Location> {
    let r = region(label, files)?;
    Some(Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation::new(r.path, r.file.0, root),
            region: Region {
                start_line: r.line,
                start_column: r.column,
                end_line: r.end_line,
                end_column: r.end_column,
            },
        },
        message: (with_message && !label.message.is_empty()).then(|| Text { text: label.message.clone() }),
    })
}

/// A diagnostic's fix as SARIF describes one, its regions exact (a line break included).
fn fix(d: &Diagnostic, files: &SourceMap, root: &ReportRoot) -> Option<SarifFix> {
    let f = d.fix.as_ref()?;
    let source = file(files, f.file)?;
    let replacements = f
        .edits
        .iter()
        .map(|e| {
            let (start_line, start_column) = source.line_col(e.span.start);
            let (end_line, end_column) = source.line_col(e.span.end);
            Replacement {
                deleted_region: Region { start_line, start_column, end_line, end_column },
                inserted_content: Text { text: e.replacement.clone() },
            }
        })
        .collect();
    Some(SarifFix {
        description: Text { text: format!("sorn check --fix {}", f.description) },
        artifact_changes: [ArtifactChange {
            artifact_location: ArtifactLocation::new(&source.name, f.file.0, root),
            replacements,
        }],
    })
}

/// The result's message: the diagnostic's, then its help and notes on lines of their own.
fn message(d: &Diagnostic) -> String {
    let mut text = d.message.clone();
    if let Some(help) = &d.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    for note in &d.notes {
        text.push_str("\nnote: ");
        text.push_str(note);
    }
    text
}

/// The rules a log describes: every rule sorn knows, in [`crate::check::all_rules`] order, then
/// `invalid-config`, then any other rule name a diagnostic carries (in order of appearance).
fn descriptors(diagnostics: &[Diagnostic]) -> Vec<Descriptor> {
    let mut list: Vec<Descriptor> = crate::check::all_rules().into_iter().map(Descriptor::Known).collect();
    if !list.iter().any(|r| r.id() == crate::config::INVALID_CONFIG.name) {
        list.push(Descriptor::Known(&crate::config::INVALID_CONFIG));
    }
    for d in diagnostics {
        if !list.iter().any(|r| r.id() == d.rule) {
            list.push(Descriptor::Unknown(d.rule.to_string()));
        }
    }
    list
}

/// Renders diagnostics as a SARIF 2.1.0 log, pretty-printed, with a trailing newline.
///
/// `artifacts` lists every file in `files`, and each location's `index` points into it; paths are
/// relative to `root`. Output depends only on the arguments: the same diagnostics give the same
/// bytes.
pub fn render_sarif(diagnostics: &[Diagnostic], files: &SourceMap, root: &ReportRoot) -> String {
    let descriptors = descriptors(diagnostics);
    let mut seen = BTreeMap::new();
    let mut hashes = LineHashes::new();
    let results = diagnostics
        .iter()
        .map(|d| {
            let rule_index = descriptors.iter().position(|r| r.id() == d.rule).expect("descriptors() lists every rule");
            let mut labels = d.labels.iter();
            let primary = labels.next().and_then(|l| location(l, files, root, None, false));
            let related_locations =
                labels.enumerate().filter_map(|(i, l)| location(l, files, root, Some(i + 1), true)).collect();
            SarifResult {
                rule_id: d.rule,
                rule_index,
                level: level(d.severity),
                message: Text { text: message(d) },
                locations: primary.into_iter().collect(),
                related_locations,
                partial_fingerprints: Fingerprints {
                    primary_location_line_hash: line_hash(d, files, root, &mut seen, &mut hashes),
                },
                fixes: fix(d, files, root).into_iter().collect(),
            }
        })
        .collect();
    let artifacts = files
        .iter()
        .map(|(id, f)| Artifact { location: ArtifactLocation::new(&f.name, id.0, root), source_language: "toml" })
        .collect();
    let log = Log {
        schema: SARIF_SCHEMA,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "sorn",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: INFORMATION_URI,
                    rules: descriptors.iter().map(Descriptor::to_rule).collect(),
                },
            },
            invocations: [Invocation {
                execution_successful: true,
                working_directory: FolderLocation { uri: folder_uri(root.working_directory()) },
            }],
            original_uri_base_ids: BTreeMap::from([(SRCROOT, FolderLocation { uri: folder_uri(root.root()) })]),
            artifacts,
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut out = serde_json::to_string_pretty(&log).expect("plain structs always serialize");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use serde_json::Value;

    use std::path::Path;

    use super::*;
    use crate::diagnostic::{FileId, SourceFile};

    fn files() -> SourceMap {
        let mut files = SourceMap::default();
        files.add(SourceFile::new(
            "sorns/dhs-ice-015.toml".into(),
            "kind = \"sorn\"\n[exemptions]\nnäme = \"x\"\n".into(),
        ));
        files.add(SourceFile::new("rules/dhs ice.toml".into(), "kind = \"exemption-rule\"\n".into()));
        files.add(SourceFile::new("sorns/clean.toml".into(), "kind = \"sorn\"\n".into()));
        files
    }

    fn diagnostics() -> Vec<Diagnostic> {
        let mut warning =
            Diagnostic::error("unknown-key", "unknown key `näme`", Label::new(FileId(0), 27..32, "unknown key"))
                .with_help("did you mean `name`?")
                .with_note("keys are ASCII");
        warning.severity = Severity::Warning;
        let edit = crate::diagnostic::Edit { span: 27..32, expected: "näme".into(), replacement: "name".into() };
        warning.fix =
            Some(crate::diagnostic::Fix { file: FileId(0), edits: vec![edit], description: "writes \"name\"".into() });
        let mut note = Diagnostic::error("some-future-rule", "a note", Label::new(FileId(1), 0..4, ""));
        note.severity = Severity::Note;
        vec![
            Diagnostic::error("syntax-error", "invalid TOML", Label::new(FileId(0), 14..26, "here"))
                .with_label(Label::new(FileId(1), 7..23, "the rule says otherwise"))
                .with_label(Label::new(FileId(9), 0..1, "a file that is not in the map")),
            warning,
            note,
            Diagnostic::error(INVALID_CONFIG_NAME, "bad level", Label::new(FileId(2), 0..4, "")),
        ]
    }

    /// A run at the root of a repository in `/srv/repo`.
    fn here() -> ReportRoot {
        ReportRoot::fixed(Path::new("/srv/repo"), Path::new("/srv/repo"))
    }

    const INVALID_CONFIG_NAME: &str = crate::config::INVALID_CONFIG.name;

    fn render() -> Value {
        serde_json::from_str(&render_sarif(&diagnostics(), &files(), &here())).unwrap()
    }

    fn non_empty_str<'v>(v: &'v Value, what: &str) -> &'v str {
        let s = v.as_str().unwrap_or_else(|| panic!("{what} is missing or not a string: {v}"));
        assert!(!s.trim().is_empty(), "{what} is empty");
        s
    }

    /// What GitHub code scanning requires beyond the OASIS schema (sarif-support.md).
    fn assert_github_accepts(log: &Value) {
        assert_eq!(non_empty_str(&log["$schema"], "$schema"), SARIF_SCHEMA);
        assert_eq!(log["version"], "2.1.0");
        let runs = log["runs"].as_array().expect("runs[]");
        assert!(!runs.is_empty());
        for run in runs {
            let driver = &run["tool"]["driver"];
            non_empty_str(&driver["name"], "tool.driver.name");
            let rules = driver["rules"].as_array().expect("rules[]");
            assert!(!rules.is_empty());
            let mut ids = std::collections::BTreeSet::new();
            for rule in rules {
                let id = non_empty_str(&rule["id"], "rule.id");
                assert!(ids.insert(id), "duplicate rule id {id}");
                for what in ["shortDescription", "fullDescription"] {
                    let text = non_empty_str(&rule[what]["text"], what);
                    assert!(text.chars().count() <= 1024, "{id}: {what} longer than 1024 characters");
                }
                non_empty_str(&rule["help"]["text"], "help.text");
                assert!(rule["name"].as_str().is_some_and(|n| n.chars().count() <= 255 && n != id), "{id}: name");
                let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
                assert!(["none", "note", "warning", "error"].contains(&level));
                let precision = rule["properties"]["precision"].as_str().unwrap();
                assert!(["very-high", "high", "medium", "low"].contains(&precision));
                assert!(rule["properties"]["tags"].as_array().is_some_and(|t| t.len() <= 20));
            }
            let artifacts = run["artifacts"].as_array().expect("artifacts[]");
            for result in run["results"].as_array().expect("results[]") {
                non_empty_str(&result["message"]["text"], "message.text");
                let id = non_empty_str(&result["ruleId"], "ruleId");
                let index = result["ruleIndex"].as_u64().expect("ruleIndex") as usize;
                assert_eq!(rules[index]["id"], id, "ruleIndex must point at the rule");
                assert!(["none", "note", "warning", "error"].contains(&result["level"].as_str().unwrap()));
                let locations = result["locations"].as_array().expect("locations[]");
                assert!(!locations.is_empty() && locations.len() <= 10);
                let related = result["relatedLocations"].as_array().map_or(&[][..], Vec::as_slice);
                for location in locations.iter().chain(related) {
                    let physical = &location["physicalLocation"];
                    let uri = non_empty_str(&physical["artifactLocation"]["uri"], "uri");
                    assert!(!uri.starts_with('/') && !uri.contains('\\'), "{uri}");
                    let index = physical["artifactLocation"]["index"].as_u64().unwrap() as usize;
                    assert_eq!(artifacts[index]["location"]["uri"], uri);
                    let region = &physical["region"];
                    let at = |k: &str| region[k].as_u64().unwrap_or_else(|| panic!("region.{k}"));
                    for k in ["startLine", "startColumn", "endLine", "endColumn"] {
                        assert!(at(k) >= 1, "region.{k} must be at least 1");
                    }
                    assert!((at("startLine"), at("startColumn")) <= (at("endLine"), at("endColumn")));
                }
                let hash = non_empty_str(&result["partialFingerprints"]["primaryLocationLineHash"], "hash");
                assert!(hash.split_once(':').is_some_and(|(h, n)| h.len() == 16 && n.parse::<u32>().is_ok()));
            }
        }
    }

    #[test]
    fn a_fix_is_described_with_its_exact_region() {
        let log = render();
        let results = log["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.iter().filter(|r| r.get("fixes").is_some()).count(), 1);
        let fix = &results[1]["fixes"][0];
        assert_eq!(fix["description"]["text"], "sorn check --fix writes \"name\"");
        let change = &fix["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "sorns/dhs-ice-015.toml");
        let replacement = &change["replacements"][0];
        let region = &replacement["deletedRegion"];
        assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(3), Some(1)));
        assert_eq!((region["endLine"].as_u64(), region["endColumn"].as_u64()), (Some(3), Some(5)));
        assert_eq!(replacement["insertedContent"]["text"], "name");
    }

    #[test]
    fn github_requirements_are_met() {
        assert_github_accepts(&render());
        assert_github_accepts(&serde_json::from_str(&render_sarif(&[], &files(), &here())).unwrap());
    }

    #[test]
    fn the_official_schema_accepts_the_log() {
        let schema: Value = serde_json::from_str(include_str!("../../tests/fixtures/sarif-2.1.0.json")).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        for log in [render(), serde_json::from_str(&render_sarif(&[], &SourceMap::default(), &here())).unwrap()] {
            let errors: Vec<String> =
                validator.iter_errors(&log).map(|e| format!("{e} at {}", e.instance_path())).collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
        // The validator does reject what the schema forbids.
        let mut bad = render();
        bad["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = Value::from(0);
        assert!(!validator.is_valid(&bad));
    }

    #[test]
    fn the_driver_lists_every_rule_and_results_point_at_theirs() {
        let log = render();
        let driver = &log["runs"][0]["tool"]["driver"];
        assert_eq!(driver["name"], "sorn");
        assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(driver["semanticVersion"], env!("CARGO_PKG_VERSION"));
        assert_eq!(driver["informationUri"], INFORMATION_URI);
        let rules = driver["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let known: Vec<&str> = crate::check::all_rules().iter().map(|r| r.name).collect();
        assert_eq!(&ids[..known.len()], &known[..]);
        assert!(ids.contains(&INVALID_CONFIG_NAME));
        assert_eq!(ids.last(), Some(&"some-future-rule"));
        let syntax = &rules[0];
        let meta = crate::check::all_rules()[0];
        assert_eq!(syntax["name"], "SyntaxError");
        assert_eq!(syntax["shortDescription"]["text"], meta.summary);
        assert!(syntax["fullDescription"]["text"].as_str().unwrap().starts_with(meta.summary));
        assert_eq!(syntax["help"]["text"], crate::check::explanation(meta));
        assert_eq!(syntax["help"]["markdown"], crate::check::explanation(meta));
        assert_eq!(syntax["defaultConfiguration"]["level"], "error");
        assert_eq!(syntax["properties"]["tags"][0], "load");
        assert_eq!(syntax["properties"]["precision"], "very-high");

        let results = log["runs"][0]["results"].as_array().unwrap();
        let levels: Vec<&str> = results.iter().map(|r| r["level"].as_str().unwrap()).collect();
        assert_eq!(levels, ["error", "warning", "note", "error"]);
        assert_eq!(log["runs"][0]["columnKind"], "unicodeCodePoints");
    }

    #[test]
    fn locations_are_1_based_with_character_columns() {
        let log = render();
        let results = &log["runs"][0]["results"];
        let warning = &results[1];
        assert_eq!(warning["message"]["text"], "unknown key `näme`\nhelp: did you mean `name`?\nnote: keys are ASCII");
        let location = &warning["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "sorns/dhs-ice-015.toml");
        assert_eq!(location["artifactLocation"]["index"], 0);
        let region = &location["region"];
        assert_eq!((region["startLine"].as_u64(), region["startColumn"].as_u64()), (Some(3), Some(1)));
        assert_eq!((region["endLine"].as_u64(), region["endColumn"].as_u64()), (Some(3), Some(5)));

        let related = results[0]["relatedLocations"].as_array().unwrap();
        assert_eq!(related.len(), 1, "labels in files outside the map are left out");
        assert_eq!(related[0]["id"], 1);
        assert_eq!(related[0]["message"]["text"], "the rule says otherwise");
        assert_eq!(related[0]["physicalLocation"]["artifactLocation"]["uri"], "rules/dhs%20ice.toml");
        assert_eq!(related[0]["physicalLocation"]["region"]["startColumn"], 8);
        assert!(results[1].get("relatedLocations").is_none());

        let artifacts: Vec<&str> = log["runs"][0]["artifacts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["location"]["uri"].as_str().unwrap())
            .collect();
        assert_eq!(artifacts, ["sorns/dhs-ice-015.toml", "rules/dhs%20ice.toml", "sorns/clean.toml"]);
    }

    #[test]
    fn output_is_deterministic_and_fingerprints_are_stable() {
        assert_eq!(render_sarif(&diagnostics(), &files(), &here()), render_sarif(&diagnostics(), &files(), &here()));
        // FNV-1a 64 reference values: the hash must never change between releases.
        assert_eq!(fnv1a(&[""]), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(&["a"]), 0xaf63_dc4c_8601_ec8c);
        let log = render();
        let hash = |i: usize| log["runs"][0]["results"][i]["partialFingerprints"]["primaryLocationLineHash"].clone();
        let expected = fnv1a(&["syntax-error", "sorns/dhs-ice-015.toml", "[exemptions]"]);
        assert_eq!(hash(0), format!("{expected:016x}:1"));
    }

    #[test]
    fn fingerprints_ignore_whitespace_and_count_repeats() {
        let mut files = SourceMap::default();
        files.add(SourceFile::new("a.toml".into(), "x = 1\n  x   =   1\ny = 2\n".into()));
        let at = |span: std::ops::Range<usize>| Diagnostic::error("r", "m", Label::new(FileId(0), span, ""));
        let log: Value =
            serde_json::from_str(&render_sarif(&[at(0..1), at(8..9), at(18..19), at(0..5)], &files, &here())).unwrap();
        let hashes: Vec<&str> = log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["partialFingerprints"]["primaryLocationLineHash"].as_str().unwrap())
            .collect();
        let (first, n1) = hashes[0].split_once(':').unwrap();
        assert_eq!(hashes[1], format!("{first}:2"), "the same line re-indented is the same line");
        assert_eq!(n1, "1");
        assert!(!hashes[2].starts_with(first));
        assert_eq!(hashes[3], format!("{first}:3"));
    }

    #[test]
    fn locations_are_relative_to_the_repository_root_named_srcroot() {
        let root = ReportRoot::fixed(Path::new("/srv/my repo"), Path::new("/srv/my repo/sorns"));
        let mut files = SourceMap::default();
        files.add(SourceFile::new("dhs-ice-015.toml".into(), "kind = \"sorn\"\n".into()));
        files.add(SourceFile::new("/etc/sorn.toml".into(), "x = 1\n".into()));
        let d = Diagnostic::error("syntax-error", "bad", Label::new(FileId(0), 0..4, "")).with_label(Label::new(
            FileId(1),
            0..1,
            "there",
        ));
        let log: Value = serde_json::from_str(&render_sarif(&[d], &files, &root)).unwrap();
        let run = &log["runs"][0];
        assert_eq!(run["originalUriBaseIds"]["SRCROOT"]["uri"], "file:///srv/my%20repo/");
        assert_eq!(run["invocations"][0]["workingDirectory"]["uri"], "file:///srv/my%20repo/sorns/");
        assert_eq!(run["invocations"][0]["executionSuccessful"], true);
        let primary = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(primary["uri"], "sorns/dhs-ice-015.toml");
        assert_eq!(primary["uriBaseId"], "SRCROOT");
        let outside = &run["results"][0]["relatedLocations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(outside["uri"], "file:///etc/sorn.toml");
        assert!(outside.get("uriBaseId").is_none(), "an absolute URI has no base");
        assert_eq!(run["artifacts"][0]["location"]["uriBaseId"], "SRCROOT");
    }

    #[test]
    fn fingerprints_do_not_depend_on_the_working_directory() {
        let at = |cwd: &str, name: &str| {
            let mut files = SourceMap::default();
            files.add(SourceFile::new(name.into(), "kind = 1\n".into()));
            let d = Diagnostic::error("syntax-error", "bad", Label::new(FileId(0), 0..4, ""));
            let root = ReportRoot::fixed(Path::new("/r"), Path::new(cwd));
            let log: Value = serde_json::from_str(&render_sarif(&[d], &files, &root)).unwrap();
            log["runs"][0]["results"][0]["partialFingerprints"].clone()
        };
        assert_eq!(at("/r", "sorns/a.toml"), at("/r/sorns", "a.toml"));
    }

    #[test]
    fn uris_are_relative_references_or_file_uris() {
        assert_eq!(artifact_uri("sorns/dhs-ice-015.toml"), "sorns/dhs-ice-015.toml");
        assert_eq!(artifact_uri("sorns/a b#1.toml"), "sorns/a%20b%231.toml");
        assert_eq!(artifact_uri("notices/é.toml"), "notices/%C3%A9.toml");
        assert_eq!(artifact_uri("a:b.toml"), "a%3Ab.toml");
        assert_eq!(artifact_uri("../up/x.toml"), "../up/x.toml");
        assert_eq!(artifact_uri("/srv/repo/x.toml"), "file:///srv/repo/x.toml");
        assert_eq!(artifact_uri("C:/repo/x y.toml"), "file:///C:/repo/x%20y.toml");
    }

    #[test]
    fn descriptions_respect_githubs_limits() {
        let long = RuleMeta {
            name: "long",
            category: Category::Structure,
            default_level: Level::Allow,
            summary: "Short.",
            explanation: Box::leak(format!("## What it checks\n{}\n", "word ".repeat(400)).into_boxed_str()),
            basis: &[],
        };
        let rule = known_rule(&long);
        assert_eq!(rule.full_description.text.chars().count(), 1024);
        assert!(rule.full_description.text.starts_with("Short. word word"));
        assert_eq!(rule.name, "Long");
        assert_eq!(pascal_case("partial-justification"), "PartialJustification");
        assert_eq!(pascal_case("a-b_c"), "ABC");
        let that = RuleMeta { explanation: "## What it checks\nThat it works.\n\n## Why\nBecause.", ..long };
        assert_eq!(full_description(&that), "Short. Checks that it works.");
        assert!(rule.full_description.text.ends_with('…'));
        assert_eq!(rule.default_configuration.level, "none");
        assert_eq!(rule.properties.problem_severity, "recommendation");
        assert_eq!(limit("abc", 3), "abc");
        assert_eq!(limit("abcd", 3), "ab…");
    }
}
