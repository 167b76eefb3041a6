//! Answers files: the fill-in template `itlead questions` prints, and the
//! parser `itlead assess --answers` reads (YAML or JSON, detected).
//!
//! ```yaml
//! schema: itlead.answers/1
//! answers:
//!   midnight-outage: b
//!   cloud-migration-budget: skip
//! ```
//!
//! An empty value means "not answered yet"; `skip` skips on purpose.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::content::DataError;
use crate::content::diagnostic::{Diagnostic, MAX_PROBLEMS, Problem, from_json_error, locate_all};
use crate::content::locate::YamlPath;
use crate::content::model::{Content, Scenario};
use crate::content::suggest::did_you_mean;
use crate::content::unique_map::UniqueMap;
use crate::score::{Answers, SKIP};

/// The `schema` value of answers files.
pub const ANSWERS_SCHEMA: &str = "itlead.answers/1";

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
    answers: Option<UniqueMap<Option<String>>>,
    /// Informational: the scenarios, in JSON templates.
    #[serde(default)]
    #[allow(dead_code)]
    scenarios: Option<serde_json::Value>,
}

/// Parses an answers file and checks it against the scenarios being asked.
/// Missing answers are an error unless `partial`.
pub fn parse(
    file: &str,
    text: &str,
    content: &Content,
    asked: &[&Scenario],
    partial: bool,
) -> Result<Answers, DataError> {
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
    if let Some(schema) = raw.schema.as_ref().filter(|schema| *schema != ANSWERS_SCHEMA) {
        problems.push(Problem::new(
            YamlPath::root().key("schema"),
            format!("schema `{schema}` is not an answers file this itlead reads (expected `{ANSWERS_SCHEMA}`)"),
        ));
    }
    let Some(entries) = raw.answers else {
        return Err(DataError::one(Diagnostic::whole_file(
            file,
            "no `answers` map; expected `answers:` with one `scenario-id: option-key` line per scenario",
        )));
    };
    let asked_ids: BTreeSet<&str> = asked.iter().map(|scenario| scenario.id.as_str()).collect();
    let mut answers = Answers::new();
    for (id, value) in entries.entries() {
        let path = YamlPath::root().key("answers").key(id);
        let Some(scenario) = content.scenario(id) else {
            let hint = if problems.len() < MAX_PROBLEMS {
                did_you_mean(id, content.scenarios.iter().map(|scenario| scenario.id.as_str()))
            } else {
                String::new()
            };
            problems.push(Problem::new(path, format!("unknown scenario `{id}`{hint}")));
            continue;
        };
        let Some(value) = value.as_deref().map(str::trim).filter(|value| !value.is_empty()) else {
            continue;
        };
        let key = value.to_lowercase();
        if key != SKIP && scenario.option(&key).is_none() {
            let keys: Vec<&str> =
                scenario.options.iter().map(|option| option.key.as_str()).collect();
            problems.push(Problem::new(
                path,
                format!(
                    "`{value}` is not an option of `{id}` (expected one of {}, or `skip`)",
                    keys.join(", ")
                ),
            ));
            continue;
        }
        if asked_ids.contains(id.as_str()) {
            answers.insert(id.clone(), key);
        }
    }
    if !problems.is_empty() {
        return Err(DataError { diagnostics: locate_all(file, text, problems) });
    }
    let missing: Vec<&str> =
        asked_ids.iter().copied().filter(|id| !answers.contains_key(*id)).collect();
    if !missing.is_empty() && !partial {
        return Err(DataError::one(Diagnostic::whole_file(
            file,
            format!(
                "{} scenario(s) have no answer: {}; answer them, write `skip`, or pass --partial",
                missing.len(),
                missing.join(", ")
            ),
        )));
    }
    Ok(answers)
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

/// The fill-in template as YAML: each scenario as comments above its line.
pub fn template_yaml(content: &Content) -> String {
    let mut out = format!(
        "# itlead answers for \"{}\" version {}\n\
         # For each scenario, write the key of the option you would most likely\n\
         # choose (a, b, c …), or `skip`. Then: itlead assess --answers THIS-FILE\n\
         schema: {ANSWERS_SCHEMA}\nanswers:\n",
        content.title, content.version
    );
    for scenario in &content.scenarios {
        let _ = writeln!(out, "\n  # {}", scenario.title);
        for line in textwrap::wrap(scenario.situation.trim(), 74) {
            let _ = writeln!(out, "  # {line}");
        }
        for option in &scenario.options {
            let text = format!("{}) {}", option.key, option.text.trim());
            for (index, line) in textwrap::wrap(&text, 72).iter().enumerate() {
                let indent = if index == 0 { "  #   " } else { "  #      " };
                let _ = writeln!(out, "{indent}{line}");
            }
        }
        let _ = writeln!(out, "  {}: \"\"", scenario.id);
    }
    out
}

/// The template as JSON: answers to fill in, and the scenarios to read.
pub fn template_json(content: &Content) -> String {
    #[derive(Serialize)]
    struct Template<'a> {
        schema: &'a str,
        content: Stamp<'a>,
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
        situation: &'a str,
        options: Vec<TemplateOption<'a>>,
    }
    #[derive(Serialize)]
    struct TemplateOption<'a> {
        key: &'a str,
        text: &'a str,
    }
    let template = Template {
        schema: ANSWERS_SCHEMA,
        content: Stamp { title: &content.title, version: &content.version },
        answers: content
            .scenarios
            .iter()
            .map(|scenario| (scenario.id.clone(), serde_json::Value::String(String::new())))
            .collect(),
        scenarios: content
            .scenarios
            .iter()
            .map(|scenario| TemplateScenario {
                id: &scenario.id,
                title: &scenario.title,
                situation: scenario.situation.trim(),
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
    fn comment_lines_are_emptied_but_keep_their_breaks() {
        let text = "# head\nanswers:\n  # about a\r\n  a: b # trailing\n    # deep";
        assert_eq!(blank_comment_lines(text), "\nanswers:\n\r\n  a: b # trailing\n");
    }

    #[test]
    fn the_filled_template_parses_with_positions_intact() {
        let content = crate::library::built_in();
        let asked: Vec<&Scenario> = content.scenarios.iter().collect();
        let template = template_yaml(&content);
        let filled = template.replacen(": \"\"", ": z", 1).replace(": \"\"", ": a");
        let error = parse("t.yaml", &filled, &content, &asked, false).unwrap_err();
        let line = filled.lines().position(|line| line.ends_with(": z")).unwrap() + 1;
        assert_eq!(error.diagnostics[0].position.map(|p| p.line), Some(line));
    }
}
