//! The result document: what `assess` saves and prints as JSON or YAML, and
//! what `report`, `compare`, `history` and `team` read back.
//!
//! It is self-contained: pole names and theme names travel with the scores,
//! so a saved result renders without the content it was made from.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::Content;
use crate::content::DataError;
use crate::content::diagnostic::{Diagnostic, Problem, from_json_error, locate_all};
use crate::content::locate::YamlPath;
use crate::score::{Answers, AxisScore, Band, Overall, Profile, ThemeScore};

/// The `schema` value of result documents this itlead writes and reads.
pub const RESULT_SCHEMA: &str = "itlead.result/1";

/// A finished assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultDocument {
    /// Always [`RESULT_SCHEMA`].
    pub schema: String,
    /// The itlead version that made it.
    pub itlead_version: String,
    /// When it was made, RFC 3339 in UTC.
    pub created: String,
    /// Which questionnaire.
    pub content: ContentStamp,
    /// Which scenarios were asked: `full`, `quick` or `axes`.
    pub mode: String,
    /// Scenario id → option key or `skip`.
    pub answers: Answers,
    /// Per-axis outcome, in content order.
    pub axes: Vec<AxisResult>,
    /// Per-theme outcome, in content order.
    pub themes: Vec<ThemeResult>,
    /// The summary.
    pub overall: Overall,
}

/// Identifies the content a result was scored against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContentStamp {
    /// Content title.
    pub title: String,
    /// Content version.
    pub version: String,
    /// `sha256:` digest of the content file.
    pub hash: String,
}

/// One axis in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxisResult {
    /// Axis id.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Manager pole name.
    pub manager: String,
    /// Leader pole name.
    pub leader: String,
    /// −100..100, or null when unanswered.
    pub score: Option<i32>,
    /// Band of the score.
    pub band: Band,
    /// Scenarios answered with an option.
    pub answered: usize,
    /// Scenarios skipped.
    pub skipped: usize,
    /// Scenarios on this axis in the content.
    pub total: usize,
    /// Answers pulled hard both ways.
    pub mixed: bool,
    /// Too few answers to be confident.
    pub few_answers: bool,
}

/// One theme in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeResult {
    /// Theme id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Mean of its axis scores.
    pub score: Option<i32>,
    /// Band of the mean.
    pub band: Band,
    /// Axes in the theme that have a score.
    pub scored_axes: usize,
}

impl ResultDocument {
    /// Builds the document for `profile`.
    pub fn new(
        content: &Content,
        answers: Answers,
        profile: Profile,
        mode: &str,
        created: String,
    ) -> Self {
        let axes = content
            .axes
            .iter()
            .zip(profile.axes)
            .map(|(axis, score)| axis_result(axis, score))
            .collect();
        let themes = content
            .themes
            .iter()
            .zip(profile.themes)
            .map(|(theme, score)| theme_result(&theme.name, score))
            .collect();
        Self {
            schema: RESULT_SCHEMA.to_owned(),
            itlead_version: env!("CARGO_PKG_VERSION").to_owned(),
            created,
            content: ContentStamp {
                title: content.title.clone(),
                version: content.version.clone(),
                hash: content.hash.clone(),
            },
            mode: mode.to_owned(),
            answers,
            axes,
            themes,
            overall: profile.overall,
        }
    }

    /// The axis with `id`.
    pub fn axis(&self, id: &str) -> Option<&AxisResult> {
        self.axes.iter().find(|axis| axis.id == id)
    }

    /// Parses a result from JSON or YAML text, checking its schema.
    pub fn parse(file: &str, text: &str) -> Result<Self, DataError> {
        let looks_like_json = text.trim_start().starts_with('{');
        if text.trim().is_empty() {
            return Err(DataError::one(Diagnostic::whole_file(
                file,
                "the file is empty; expected an itlead result",
            )));
        }
        // The whole document first: that is one parse for a good file. Only
        // when it fails, or has another schema, is the schema looked at on
        // its own, so a result from a newer itlead gets a message about
        // versions rather than about a field.
        let parsed: Result<Self, DataError> = if looks_like_json {
            serde_json::from_str(text)
                .map_err(|error| DataError::one(from_json_error(file, text, &error)))
        } else {
            crate::content::from_yaml(file, text, text)
        };
        match parsed {
            Ok(result) if result.schema == RESULT_SCHEMA => {
                check_ranges(file, text, &result)?;
                Ok(result)
            }
            Ok(other) => Err(schema_error(file, Some(&other.schema))),
            Err(error) => {
                check_schema(file, text, looks_like_json)?;
                Err(error)
            }
        }
    }
}

/// Checks what renderers and comparisons rely on: scores within −100..100,
/// and no more answered and skipped scenarios than an axis has. A saved
/// result only breaks these when it was edited by hand.
fn check_ranges(file: &str, text: &str, result: &ResultDocument) -> Result<(), DataError> {
    fn score_problem(path: &YamlPath, score: Option<i32>, problems: &mut Vec<Problem>) {
        if let Some(score) = score.filter(|score| !(-100..=100).contains(score)) {
            problems.push(Problem::new(
                path.key("score"),
                format!("score {score} is outside -100..100"),
            ));
        }
    }
    let mut problems = Vec::new();
    for (index, axis) in result.axes.iter().enumerate() {
        let path = YamlPath::root().key("axes").index(index);
        score_problem(&path, axis.score, &mut problems);
        if axis.answered.checked_add(axis.skipped).is_none_or(|counted| counted > axis.total) {
            problems.push(Problem::new(
                path.key("total"),
                format!(
                    "{} answered and {} skipped do not fit in {} scenarios",
                    axis.answered, axis.skipped, axis.total
                ),
            ));
        }
    }
    for (index, theme) in result.themes.iter().enumerate() {
        score_problem(&YamlPath::root().key("themes").index(index), theme.score, &mut problems);
    }
    score_problem(&YamlPath::root().key("overall"), result.overall.score, &mut problems);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DataError { diagnostics: locate_all(file, text, problems) })
    }
}

/// Reads just the `schema` field first, so that a result from a newer
/// itlead is refused with a clear message rather than a field error.
fn check_schema(file: &str, text: &str, json: bool) -> Result<(), DataError> {
    #[derive(Deserialize)]
    struct SchemaOnly {
        schema: Option<String>,
    }
    let parsed: Result<SchemaOnly, DataError> = if json {
        serde_json::from_str::<SchemaOnly>(text)
            .map_err(|error| DataError::one(from_json_error(file, text, &error)))
    } else {
        crate::content::from_yaml::<SchemaOnly>(file, text, text)
    };
    match parsed?.schema {
        Some(schema) if schema == RESULT_SCHEMA => Ok(()),
        other => Err(schema_error(file, other.as_deref())),
    }
}

/// Why a document with `schema` (or none) is not a result this itlead reads.
fn schema_error(file: &str, schema: Option<&str>) -> DataError {
    let message = match schema {
        Some(schema) if schema.starts_with("itlead.result/") => format!(
            "result schema `{schema}` is not one this itlead reads (it reads `{RESULT_SCHEMA}`); is it from a newer itlead?"
        ),
        Some(schema) => {
            format!("schema `{schema}` is not an itlead result (expected `{RESULT_SCHEMA}`)")
        }
        None => {
            format!("no `schema` field; an itlead result starts with `schema: {RESULT_SCHEMA}`")
        }
    };
    DataError::one(Diagnostic::whole_file(file, message))
}

fn axis_result(axis: &crate::content::model::Axis, score: AxisScore) -> AxisResult {
    AxisResult {
        id: score.id,
        theme: axis.theme.clone(),
        manager: axis.poles.manager.name.clone(),
        leader: axis.poles.leader.name.clone(),
        score: score.score,
        band: score.band,
        answered: score.answered,
        skipped: score.skipped,
        total: score.total,
        mixed: score.mixed,
        few_answers: score.few_answers,
    }
}

fn theme_result(name: &str, score: ThemeScore) -> ThemeResult {
    ThemeResult {
        id: score.id,
        name: name.to_owned(),
        score: score.score,
        band: score.band,
        scored_axes: score.scored_axes,
    }
}

/// How many answers chose an option (skips not counted).
pub fn answered_count(answers: &BTreeMap<String, String>) -> usize {
    answers.values().filter(|key| key.as_str() != crate::score::SKIP).count()
}
