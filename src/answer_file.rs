//! Answers files: the fill-in template `itlead questions` prints, and the
//! parser `itlead assess --answers` reads (YAML or JSON, detected).
//!
//! ```yaml
//! schema: itlead.answers/2
//! name: Ada                        # optional
//! answers:
//!   midnight-outage: { most: b, least: d }
//!   cloud-migration-budget: skip
//! ```
//!
//! An empty value means "not answered yet"; `skip` skips on purpose. A
//! template for rating someone else carries `about` and `relation` too.
//! Files of itlead 0.1 (`itlead.answers/1`, one key per scenario) are read
//! for questionnaires that ask only the most likely option.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Answers};
use crate::content::DataError;
use crate::content::diagnostic::{Diagnostic, MAX_PROBLEMS, Problem, from_json_error, locate_all};
use crate::content::locate::YamlPath;
use crate::content::model::{Content, Pick, ResponseFormat, Scenario};
use crate::content::suggest::did_you_mean;
use crate::content::unique_map::UniqueMap;
use crate::content::wording::{first_name, manager_note, question};
use crate::format::Format;
use crate::result::{Relation, Subject};

/// The `schema` value of answers files.
pub const ANSWERS_SCHEMA: &str = "itlead.answers/2";
/// The `schema` of itlead 0.1's answers files.
pub const ANSWERS_SCHEMA_V1: &str = "itlead.answers/1";

/// A value as written: `skip`, a key, `b d`, or `{most, least}`.
#[derive(Debug)]
enum RawValue {
    Text(String),
    Picks(RawPicks),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPicks {
    #[serde(default)]
    most: Option<String>,
    #[serde(default)]
    least: Option<String>,
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> serde::de::Visitor<'de> for ValueVisitor {
            type Value = RawValue;

            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("an option key, `skip`, or `{most: KEY, least: KEY}`")
            }

            fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<RawValue, E> {
                Ok(RawValue::Text(value.to_owned()))
            }

            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawValue, A::Error> {
                RawPicks::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawValue::Picks)
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

/// An answers file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAnswers {
    #[serde(default)]
    schema: Option<String>,
    /// Informational: the content the template was made from.
    #[serde(default)]
    #[allow(dead_code)]
    content: Option<serde_json::Value>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    about: Option<String>,
    #[serde(default)]
    relation: Option<String>,
    answers: Option<UniqueMap<Option<RawValue>>>,
    /// Informational: the scenarios, in JSON templates.
    #[serde(default)]
    #[allow(dead_code)]
    scenarios: Option<serde_json::Value>,
}

/// What an answers file holds.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswersFile {
    /// Answers to the scenarios asked.
    pub answers: Answers,
    /// The respondent's name, when given.
    pub name: Option<String>,
    /// The person rated, for an observer's answers.
    pub about: Option<Subject>,
    /// Scenarios answered in the file but not asked (outside `--quick` or
    /// `--axes`), left out.
    pub outside: Vec<String>,
}

fn text_or_none(value: Option<String>) -> Option<String> {
    value.map(|value| value.trim().to_owned()).filter(|value| !value.is_empty())
}

/// Parses an answers file and checks it against the scenarios being asked.
/// Missing answers are an error unless `partial`.
pub fn parse(
    file: &str,
    text: &str,
    content: &Content,
    asked: &[&Scenario],
    partial: bool,
) -> Result<AnswersFile, DataError> {
    if text.trim().is_empty() {
        return Err(DataError::one(Diagnostic::whole_file(
            file,
            "the file is empty; `itlead questions > answers.yaml` writes a template to fill in",
        )));
    }
    let raw: RawAnswers = if text.trim_start().starts_with('{') {
        serde_json::from_str(text)
            .map_err(|error| DataError::one(from_json_error(file, text, &error)))?
    } else {
        crate::content::from_yaml(file, &blank_comment_lines(text), text)?
    };
    let mut problems = Vec::new();
    let root = YamlPath::root();
    match raw.schema.as_deref() {
        None | Some(ANSWERS_SCHEMA | ANSWERS_SCHEMA_V1) => {}
        Some(schema) if schema.starts_with("itlead.result/") => {
            return Err(DataError::one(Diagnostic::whole_file(
                file,
                format!("this is a result (`{schema}`), not an answers file; show it with `itlead report {file}`"),
            )));
        }
        Some(schema) => problems.push(Problem::new(
            root.key("schema"),
            format!("schema `{schema}` is not an answers file this itlead reads (expected `{ANSWERS_SCHEMA}`)"),
        )),
    }
    let about = subject(&raw, &mut problems);
    for (key, name) in [("name", &raw.name), ("about", &raw.about)] {
        if let Some(message) = name.as_deref().and_then(crate::result::name_problem) {
            problems.push(Problem::new(YamlPath::root().key(key), message));
        }
    }
    let Some(entries) = raw.answers else {
        return Err(DataError::one(Diagnostic::whole_file(
            file,
            "no `answers` map; expected `answers:` with one `scenario-id: …` line per scenario",
        )));
    };
    let asked_ids: BTreeSet<&str> = asked.iter().map(|scenario| scenario.id.as_str()).collect();
    let mut answers = Answers::new();
    let mut outside = Vec::new();
    for (id, value) in entries.entries() {
        let path = root.key("answers").key(id);
        let Some(scenario) = content.scenario(id) else {
            let hint = if problems.len() < MAX_PROBLEMS {
                did_you_mean(id, content.scenarios.iter().map(|scenario| scenario.id.as_str()))
            } else {
                String::new()
            };
            problems.push(Problem::new(path, format!("unknown scenario `{id}`{hint}")));
            continue;
        };
        let answer = match answer(scenario, value.as_ref(), content.response) {
            Ok(Some(answer)) => answer,
            Ok(None) => continue,
            Err(message) => {
                problems.push(Problem::new(path, message));
                continue;
            }
        };
        if asked_ids.contains(id.as_str()) {
            answers.insert(id.as_str().into(), answer);
        } else {
            outside.push(id.clone());
        }
    }
    if !problems.is_empty() {
        return Err(DataError { diagnostics: locate_all(file, text, problems) });
    }
    let missing: Vec<&str> =
        asked_ids.iter().copied().filter(|id| !answers.contains_key(*id)).collect();
    if !missing.is_empty() && !partial {
        let count = if missing.len() == 1 {
            String::from("1 scenario has")
        } else {
            format!("{} scenarios have", missing.len())
        };
        return Err(DataError::one(Diagnostic::whole_file(
            file,
            format!(
                "{count} no answer: {}; answer them, write `skip`, or pass --partial",
                missing.join(", ")
            ),
        )));
    }
    Ok(AnswersFile { answers, name: text_or_none(raw.name), about, outside })
}

/// Whether `text` reads as an answers file rather than a result: its
/// `schema` names an answers file, or it has none (results always do) and
/// holds `answers` but no `axes`. Text that does not parse at all is not
/// one (the result parser then says what is wrong).
pub fn is_answers_file(text: &str) -> bool {
    #[derive(Deserialize)]
    struct Peek {
        #[serde(default)]
        schema: Option<String>,
        #[serde(default)]
        answers: Option<serde::de::IgnoredAny>,
        #[serde(default)]
        axes: Option<serde::de::IgnoredAny>,
    }
    let peek: Result<Peek, _> = if text.trim_start().starts_with('{') {
        serde_json::from_str(text).map_err(drop)
    } else {
        crate::content::from_yaml("", &blank_comment_lines(text), text).map_err(drop)
    };
    match peek {
        Ok(Peek { schema: Some(schema), .. }) => schema.starts_with("itlead.answers/"),
        Ok(Peek { schema: None, answers, axes }) => answers.is_some() && axes.is_none(),
        Err(()) => false,
    }
}

/// The respondent's name to record from an answers file named `file`:
/// `--name` (`flag`) or the file's `name:` (`in_file`) for one's own
/// answers. Answers `about` someone else never record the rater's name:
/// `--name` with them is refused (the message says why), and a `name:` in
/// the file is dropped with a warning, returned beside the name.
pub fn recorded_name(
    file: &str,
    flag: Option<String>,
    in_file: Option<String>,
    about: Option<&Subject>,
) -> Result<(Option<String>, Option<String>), String> {
    let Some(about) = about else {
        return Ok((flag.or(in_file), None));
    };
    if flag.is_some() {
        return Err(format!(
            "--name records your own name, but {file} holds answers about {} (as a {}), and a \
             rater's name is never recorded; leave out --name",
            about.name,
            about.relation.id()
        ));
    }
    let dropped = in_file.map(|_| {
        format!(
            "{file} gives a `name` beside `about`: it is not recorded, since a rater's own name \
             never is"
        )
    });
    Ok((None, dropped))
}

fn subject(raw: &RawAnswers, problems: &mut Vec<Problem>) -> Option<Subject> {
    let root = YamlPath::root();
    let about = text_or_none(raw.about.clone());
    let relation = text_or_none(raw.relation.clone());
    match (about, relation) {
        (None, None) => None,
        (Some(name), Some(relation)) => {
            let parsed =
                [Relation::Peer, Relation::DirectReport, Relation::Manager, Relation::Other]
                    .into_iter()
                    .find(|candidate| candidate.id() == relation);
            if let Some(relation) = parsed {
                Some(Subject { name, relation })
            } else {
                problems.push(Problem::new(
                    root.key("relation"),
                    format!("unknown relation `{relation}` (expected peer, direct-report, manager or other)"),
                ));
                None
            }
        }
        (Some(_), None) => {
            problems.push(Problem::new(
                root.key("about"),
                "`about` needs a `relation` too: peer, direct-report, manager or other",
            ));
            None
        }
        (None, Some(_)) => {
            problems.push(Problem::new(
                root.key("relation"),
                "`relation` needs `about`: the person rated",
            ));
            None
        }
    }
}

/// One value: `Ok(None)` when left empty.
fn answer(
    scenario: &Scenario,
    value: Option<&RawValue>,
    response: ResponseFormat,
) -> Result<Option<Answer>, String> {
    let (most, least) = match value {
        None => return Ok(None),
        Some(RawValue::Text(text)) => {
            let text = text.trim().to_lowercase();
            if text.is_empty() {
                return Ok(None);
            }
            if text == "skip" {
                return Ok(Some(Answer::Skipped));
            }
            let keys: Vec<&str> = text
                .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
                .filter(|key| !key.is_empty())
                .collect();
            match keys.as_slice() {
                [most] => ((*most).to_owned(), None),
                [most, least] => ((*most).to_owned(), Some((*least).to_owned())),
                _ => {
                    return Err(format!(
                        "`{text}` is not an answer; write a key, `skip`, or `{{most: KEY, least: KEY}}`"
                    ));
                }
            }
        }
        Some(RawValue::Picks(picks)) => {
            let most = text_or_none(picks.most.clone()).map(|key| key.to_lowercase());
            let least = text_or_none(picks.least.clone()).map(|key| key.to_lowercase());
            match (most, least) {
                (None, None) => return Ok(None),
                (Some(most), least) => (most, least),
                (None, Some(_)) => {
                    return Err(String::from("`least` is filled in but `most` is not"));
                }
            }
        }
    };
    let keys: Vec<&str> = scenario.options.iter().map(|option| option.key.as_str()).collect();
    let expected = || format!("expected one of {}", keys.join(", "));
    for key in std::iter::once(&most).chain(least.as_ref()) {
        if scenario.option(key).is_none() {
            return Err(format!(
                "`{key}` is not an option of `{}` ({}, or `skip`)",
                scenario.id,
                expected()
            ));
        }
    }
    let asks_least = scenario.picks(response).contains(&Pick::Least);
    match (asks_least, least) {
        (false, None) => Ok(Some(Answer::most(most))),
        (false, Some(_)) if scenario.is_pair() => Err(String::from(
            "a choice between two options is asked once; give the key of the more likely one",
        )),
        (false, Some(_)) => Err(String::from(
            "this questionnaire asks only for the most likely option; give one key",
        )),
        (true, None) => {
            Err(format!("the least likely option is missing; write `{{most: {most}, least: KEY}}`"))
        }
        (true, Some(least)) if least == most => {
            Err(format!("`{most}` cannot be both the most and the least likely option"))
        }
        (true, Some(least)) => Ok(Some(Answer::ranked(most, least))),
    }
}

/// `text` with every line that holds only a comment emptied. A template is
/// mostly such lines (the scenarios, for reading), and the YAML scanner
/// reads them a character at a time; emptied, they keep their line breaks,
/// so every line and column stays where it was. In an answers file a `#` at
/// the start of a line is always a comment: no value spans several lines.
fn blank_comment_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if line.trim_start().starts_with('#') {
            out.push_str(if line.ends_with("\r\n") {
                "\r\n"
            } else if line.ends_with('\n') {
                "\n"
            } else {
                ""
            });
        } else {
            out.push_str(line);
        }
    }
    out
}

/// `answers` as an answers file that [`parse`] reads back: for answers
/// that could not be kept on disk, printed for the respondent to keep.
pub fn answers_yaml(answers: &Answers, name: Option<&str>, about: Option<&Subject>) -> String {
    #[derive(Serialize)]
    struct Kept<'a> {
        schema: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        about: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        relation: Option<&'a str>,
        answers: &'a Answers,
    }
    let kept = Kept {
        schema: ANSWERS_SCHEMA,
        name,
        about: about.map(|about| about.name.as_str()),
        relation: about.map(|about| about.relation.id()),
        answers,
    };
    let yaml = serde_yaml::to_string(&kept).unwrap_or_default();
    format!("# itlead answers, kept from an assessment that could not save them\n{yaml}")
}

/// A string as a YAML double-quoted scalar.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The formats of an answers template, as `itlead questions` offers them:
/// YAML and JSON to fill in ([`template_yaml`], [`template_json`]), HTML to
/// answer in a browser ([`crate::answer_form`]).
pub const TEMPLATE_FORMATS: &[Format] = &[Format::Yaml, Format::Json, Format::Html];

/// The fill-in template as YAML: each scenario as comments above its line.
/// With `about`, the situations and questions speak of that person.
pub fn template_yaml(
    content: &Content,
    scenarios: &[&Scenario],
    about: Option<&Subject>,
) -> String {
    let least = content.asks_least(scenarios);
    let pairs = scenarios.iter().any(|scenario| scenario.is_pair());
    let subject = about.map(|about| first_name(&about.name));
    let how = match (least, pairs) {
        (true, false) => {
            "write the key (a, b, c …) of the option\n\
             # most likely chosen after `most:`, and of the one least likely chosen after\n\
             # `least:`; or replace the braces with `skip`."
        }
        (true, true) => {
            "write the key (a, b, c …) of the option\n\
             # most likely chosen after `most:`, and of the one least likely chosen after\n\
             # `least:`; for a choice between two options, the key of the more likely\n\
             # one between the quotes; or write `skip` instead."
        }
        (false, _) => "write the key (a, b, c …) of the option\n# most likely chosen, or `skip`.",
    };
    let then = match subject {
        Some(name) => format!(
            "# Then save this file and send it back to whoever asked you, not to {name}:\n\
             # {name} sees only what colleagues answered together, never one person's answers.\n"
        ),
        None => String::from("# Then: itlead assess --answers THIS-FILE\n"),
    };
    let mut out = format!(
        "# itlead answers for {} version {}\n# For each scenario, {how}\n{then}\
         schema: {ANSWERS_SCHEMA}\n",
        quoted(&content.title),
        crate::content::text::visible(&content.version, false)
    );
    match about {
        Some(about) => {
            let _ =
                writeln!(out, "about: {}\nrelation: {}", quoted(&about.name), about.relation.id());
            out.push_str("# Your own name is not asked for and not recorded.\n");
        }
        None => out.push_str("name: \"\"            # optional: your name, shown in team views\n"),
    }
    out.push_str("answers:\n");
    for scenario in scenarios {
        let _ = writeln!(out, "\n  # {}", scenario.title);
        let situation =
            scenario.situation_for(subject).unwrap_or_else(|| scenario.situation.clone());
        for line in textwrap::wrap(situation.trim(), 74) {
            let _ = writeln!(out, "  # {line}");
        }
        if scenario.role == Some(crate::content::model::Role::Manager) {
            for line in textwrap::wrap(&format!("({})", manager_note(subject)), 74) {
                let _ = writeln!(out, "  # {line}");
            }
        }
        // The first question only: the header says how to give the least
        // likely option.
        let _ = writeln!(out, "  # {}", question(Pick::Most, scenario.is_pair(), subject));
        for option in &scenario.options {
            let text = format!("{}) {}", option.key, option.text.trim());
            for (index, line) in textwrap::wrap(&text, 72).iter().enumerate() {
                let indent = if index == 0 { "  #   " } else { "  #      " };
                let _ = writeln!(out, "{indent}{line}");
            }
        }
        if content.picks(scenario).contains(&Pick::Least) {
            let _ = writeln!(out, "  {}: {{ most: \"\", least: \"\" }}", scenario.id);
        } else {
            let _ = writeln!(out, "  {}: \"\"", scenario.id);
        }
    }
    out
}

/// The template as JSON: answers to fill in, and the scenarios to read.
pub fn template_json(
    content: &Content,
    scenarios: &[&Scenario],
    about: Option<&Subject>,
) -> String {
    #[derive(Serialize)]
    struct Template<'a> {
        schema: &'a str,
        content: Stamp<'a>,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        about: Option<&'a str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        relation: Option<&'a str>,
        answers: serde_json::Map<String, serde_json::Value>,
        scenarios: Vec<TemplateScenario<'a>>,
    }
    #[derive(Serialize)]
    struct Stamp<'a> {
        title: &'a str,
        version: &'a str,
    }
    #[derive(Serialize)]
    struct TemplateScenario<'a> {
        id: &'a str,
        title: &'a str,
        situation: String,
        options: Vec<TemplateOption<'a>>,
    }
    #[derive(Serialize)]
    struct TemplateOption<'a> {
        key: &'a str,
        text: &'a str,
    }
    let subject = about.map(|about| first_name(&about.name));
    let empty = |scenario: &Scenario| {
        if content.picks(scenario).contains(&Pick::Least) {
            serde_json::json!({ "most": "", "least": "" })
        } else {
            serde_json::Value::String(String::new())
        }
    };
    let template = Template {
        schema: ANSWERS_SCHEMA,
        content: Stamp { title: &content.title, version: &content.version },
        name: about.is_none().then_some(""),
        about: about.map(|about| about.name.as_str()),
        relation: about.map(|about| about.relation.id()),
        answers: scenarios.iter().map(|scenario| (scenario.id.clone(), empty(scenario))).collect(),
        scenarios: scenarios
            .iter()
            .map(|scenario| TemplateScenario {
                id: &scenario.id,
                title: &scenario.title,
                situation: scenario
                    .situation_for(subject)
                    .unwrap_or_else(|| scenario.situation.clone())
                    .trim()
                    .to_owned(),
                options: scenario
                    .options
                    .iter()
                    .map(|option| TemplateOption { key: &option.key, text: option.text.trim() })
                    .collect(),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&template).unwrap_or_default();
    json.push('\n');
    json
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_files_are_told_from_results() {
        assert!(is_answers_file("schema: itlead.answers/2\nanswers: {}\n"));
        assert!(is_answers_file("# a template\nanswers:\n  a: b\n"));
        assert!(is_answers_file("{\"answers\": {}}"));
        assert!(!is_answers_file("{\"schema\": \"itlead.result/2\", \"answers\": {}}"));
        assert!(!is_answers_file("answers: {}\naxes: []\n"), "a result of itlead 0.1");
        assert!(!is_answers_file("[unclosed"));
    }

    #[test]
    fn a_raters_name_is_never_kept() {
        let about = Subject { name: String::from("Sam"), relation: Relation::Peer };
        let own = recorded_name("f", None, Some(String::from("Ana")), None);
        assert_eq!(own, Ok((Some(String::from("Ana")), None)));
        let (name, dropped) =
            recorded_name("f", None, Some(String::from("Ana")), Some(&about)).unwrap();
        assert_eq!(name, None);
        assert!(dropped.unwrap().contains("not recorded"));
        assert!(recorded_name("f", Some(String::from("Ana")), None, Some(&about)).is_err());
    }

    #[test]
    fn comment_lines_are_emptied_but_keep_their_breaks() {
        let text = "# head\nanswers:\n  # about a\r\n  a: b # trailing\n    # deep";
        assert_eq!(blank_comment_lines(text), "\nanswers:\n\r\n  a: b # trailing\n");
    }
}
