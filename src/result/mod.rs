//! The result document: what `assess` saves and prints as JSON or YAML, and
//! what `report`, `compare`, `history`, `team`, `stats` and `feedback` read
//! back.
//!
//! It is self-contained: pole names and theme names travel with the scores,
//! so a saved result renders without the content it was made from. What can
//! be derived is derived again when a result is read (bands, themes, the
//! overall summary), so a hand-edited file cannot make a report contradict
//! its own scores. Results of itlead 0.1 (`itlead.result/1`) are read too (`upgrade`).

mod upgrade;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Answers};
use crate::content::DataError;
use crate::content::diagnostic::{Diagnostic, Problem, from_json_error, locate_all};
use crate::content::locate::YamlPath;
use crate::content::model::ResponseFormat;
use crate::content::selection::Selection;
use crate::content::{Content, validate};
use crate::score::{AxisScore, Band, Overall, Profile, ThemeScore, summarize, whole_number};

/// The `schema` value of result documents this itlead writes.
pub const RESULT_SCHEMA: &str = "itlead.result/2";
/// The `schema` of results from itlead 0.1, which this itlead still reads.
pub const RESULT_SCHEMA_V1: &str = "itlead.result/1";

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
    /// Who answered, when they gave a name (`assess --name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// When the answers are about someone else: who, and how the rater
    /// knows them. The rater is never recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<Subject>,
    /// Which questionnaire.
    pub content: ContentStamp,
    /// Which scenarios were asked.
    pub selection: Selection,
    /// How many scenarios were asked.
    pub asked: usize,
    /// Answers by scenario id; scenarios left unanswered have none.
    pub answers: Answers,
    /// Per-axis outcome, in content order.
    pub axes: Vec<AxisResult>,
    /// Per-theme outcome, in content order.
    pub themes: Vec<ThemeResult>,
    /// The summary.
    pub overall: Overall,
}

/// The person an observer's answers are about.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Subject {
    /// Their name, as the rater gave it.
    pub name: String,
    /// How the rater works with them.
    pub relation: Relation,
}

/// How a rater works with the person they rate.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// A colleague at the same level.
    Peer,
    /// Someone who reports to them.
    DirectReport,
    /// Their manager.
    Manager,
    /// Anyone else who works with them.
    Other,
}

impl Relation {
    /// The machine form, as in files: `peer`, `direct-report`, …
    pub fn id(self) -> &'static str {
        match self {
            Relation::Peer => "peer",
            Relation::DirectReport => "direct-report",
            Relation::Manager => "manager",
            Relation::Other => "other",
        }
    }

    /// Plural words for people: "peers", "direct reports", …
    pub fn plural(self) -> &'static str {
        match self {
            Relation::Peer => "peers",
            Relation::DirectReport => "direct reports",
            Relation::Manager => "managers",
            Relation::Other => "others",
        }
    }
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
    /// How its scenarios were answered.
    pub response: ResponseFormat,
}

/// A short text of a result that repeats from result to result (a
/// contrast's or theme's id and names): kept inline when it is short (up
/// to 24 bytes, as every built-in one is), so reading a result allocates
/// nothing for it.
pub type Label = compact_str::CompactString;

/// One axis in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AxisResult {
    /// Axis id.
    pub id: Label,
    /// Theme id.
    pub theme: Label,
    /// Manager pole name.
    pub manager: Label,
    /// Leader pole name.
    pub leader: Label,
    /// −100..100, or null when unanswered.
    #[serde(deserialize_with = "whole_number")]
    pub score: Option<i32>,
    /// Band of the score.
    pub band: Band,
    /// Scored responses.
    pub responses: usize,
    /// Scenarios answered.
    pub answered: usize,
    /// Scenarios skipped.
    pub skipped: usize,
    /// Scenarios on this axis in the content.
    pub total: usize,
    /// Standard error of the score, in points.
    #[serde(deserialize_with = "whole_number")]
    pub standard_error: Option<i32>,
    /// Balanced from answers at both ends.
    pub mixed: bool,
}

impl AxisResult {
    /// The axis as scoring describes it.
    pub fn score(&self) -> AxisScore {
        AxisScore {
            id: self.id.to_string(),
            score: self.score,
            band: self.band,
            responses: self.responses,
            answered: self.answered,
            skipped: self.skipped,
            total: self.total,
            standard_error: self.standard_error,
            mixed: self.mixed,
        }
    }
}

/// One theme in a result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThemeResult {
    /// Theme id.
    pub id: Label,
    /// Display name.
    pub name: Label,
    /// Mean of its axis scores.
    #[serde(deserialize_with = "whole_number")]
    pub score: Option<i32>,
    /// Margin of that mean, in points (results before itlead 0.2 have none).
    #[serde(default, deserialize_with = "whole_number")]
    pub standard_error: Option<i32>,
    /// Band of the theme: `split` when its contrasts lean both ways.
    pub band: Band,
    /// Lowest axis score.
    #[serde(deserialize_with = "whole_number")]
    pub min: Option<i32>,
    /// Highest axis score.
    #[serde(deserialize_with = "whole_number")]
    pub max: Option<i32>,
    /// Axes in the theme that have a score.
    pub scored_axes: usize,
}

/// Who answered and about whom, as `assess` records it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Respondent {
    /// The respondent's name, if given.
    pub name: Option<String>,
    /// The person rated, for an observer's answers.
    pub about: Option<Subject>,
}

impl ResultDocument {
    /// Builds the document for `profile`.
    pub fn new(
        content: &Content,
        answers: Answers,
        profile: Profile,
        selection: Selection,
        respondent: Respondent,
        created: String,
    ) -> Self {
        let asked = crate::content::selection::select(content, &selection).len();
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
            name: respondent.name,
            about: respondent.about,
            content: ContentStamp {
                title: content.title.clone(),
                version: content.version.clone(),
                hash: content.hash.clone(),
                response: content.response,
            },
            selection,
            asked,
            answers,
            axes,
            themes,
            overall: profile.overall,
        }
    }

    /// When `content` is the very questionnaire the result was made with,
    /// the contrasts whose saved score does not follow from the saved
    /// answers: a hand edit. Empty for other content, which cannot tell.
    pub fn scores_not_from_answers(&self, content: &Content) -> Vec<String> {
        if content.hash != self.content.hash {
            return Vec::new();
        }
        let profile = crate::score::score(content, &self.answers);
        profile
            .axes
            .iter()
            .filter(|score| self.axis(&score.id).is_some_and(|saved| saved.score != score.score))
            .map(|score| score.id.clone())
            .collect()
    }

    /// The axis with `id`.
    pub fn axis(&self, id: &str) -> Option<&AxisResult> {
        self.axes.iter().find(|axis| axis.id == id)
    }

    /// Whether these are an observer's answers about someone else.
    pub fn is_observer(&self) -> bool {
        self.about.is_some()
    }

    /// Parses a result from JSON or YAML text, checking its schema and its
    /// numbers, and derives bands, themes and the summary again.
    pub fn parse(file: &str, text: &str) -> Result<Self, DataError> {
        if text.trim().is_empty() {
            return Err(DataError::one(Diagnostic::whole_file(
                file,
                "the file is empty; expected an itlead result",
            )));
        }
        let json = text.trim_start().starts_with('{');
        // The whole document first: one parse for a good file. Only when it
        // fails is the schema looked at on its own, so that a result from
        // another itlead gets a message about versions, not about a field.
        let mut result = match deserialize::<Self>(file, text, json) {
            Ok(result) if result.schema == RESULT_SCHEMA => result,
            Ok(other) => return Err(schema_error(file, Some(&other.schema))),
            Err(error) => match schema_of(file, text, json).map_err(|error| {
                // The whole file read as one string: not data at all.
                let scalar = crate::content::diagnostic::read_as_one_string(&error);
                let kind = crate::content::text::rendered_kind(text).filter(|_| scalar);
                kind.map_or(error, |kind| {
                    DataError::one(Diagnostic::whole_file(
                        file,
                        format!(
                            "this looks like a report in {kind}, not a result; itlead reads the \
                             results it saves (`itlead history` lists them) and results written \
                             with --format json or yaml"
                        ),
                    ))
                })
            })? {
                Some(schema) if schema == RESULT_SCHEMA => return Err(error),
                Some(schema) if schema == RESULT_SCHEMA_V1 => {
                    deserialize::<upgrade::ResultV1>(file, text, json)?.upgrade()
                }
                other => return Err(schema_error(file, other.as_deref())),
            },
        };
        check(file, text, &result)?;
        result.derive();
        Ok(result)
    }

    /// Recomputes what follows from the axis scores: each band from its
    /// score and responses, the themes and the overall summary.
    fn derive(&mut self) {
        for axis in &mut self.axes {
            axis.band = Band::of(axis.score, axis.responses, axis.standard_error);
            axis.mixed &= axis.band.is_unsided();
        }
        let scores: Vec<AxisScore> = self.axes.iter().map(AxisResult::score).collect();
        let membership: Vec<(&str, &str)> =
            self.axes.iter().map(|axis| (axis.id.as_str(), axis.theme.as_str())).collect();
        let theme_ids: Vec<&str> = self.themes.iter().map(|theme| theme.id.as_str()).collect();
        let (themes, overall) = summarize(&scores, &membership, &theme_ids);
        for (theme, derived) in self.themes.iter_mut().zip(themes) {
            let name = std::mem::take(&mut theme.name);
            *theme = theme_result(&name, derived);
        }
        self.overall = overall;
    }
}

fn deserialize<T: serde::de::DeserializeOwned>(
    file: &str,
    text: &str,
    json: bool,
) -> Result<T, DataError> {
    if json {
        serde_json::from_str(text)
            .map_err(|error| DataError::one(from_json_error(file, text, &error)))
    } else {
        crate::content::from_yaml(file, text, text)
    }
}

/// Checks what renderers and comparisons rely on: at least one axis, axis
/// and theme ids unique, scores within −100..100, and counts that fit.
fn check(file: &str, text: &str, result: &ResultDocument) -> Result<(), DataError> {
    // Places are built only for a problem found: a good file builds none.
    fn score_problem(
        path: impl Fn() -> YamlPath,
        key: &str,
        score: Option<i32>,
        problems: &mut Vec<Problem>,
    ) {
        if let Some(score) = score.filter(|score| !(-100..=100).contains(score)) {
            problems
                .push(Problem::new(path().key(key), format!("{key} {score} is outside -100..100")));
        }
    }
    let mut problems = text_problems(result);
    if result.axes.is_empty() {
        problems.push(Problem::new(
            YamlPath::root().key("axes"),
            "a result needs at least one contrast",
        ));
    }
    if result.axes.len() > validate::MAX_AXES {
        problems.push(Problem::new(
            YamlPath::root().key("axes"),
            format!("{} contrasts; a result has at most {}", result.axes.len(), validate::MAX_AXES),
        ));
    }
    // The most responses an answered scenario gives (a choice between two
    // options gives one).
    let per_scenario = result.content.response.picks().len();
    let mut ids = HashSet::new();
    for (index, axis) in result.axes.iter().enumerate() {
        let path = || YamlPath::root().key("axes").index(index);
        if !ids.insert(axis.id.as_str()) {
            problems.push(Problem::new(
                path().key("id"),
                format!("contrast `{}` appears twice", axis.id),
            ));
        }
        score_problem(path, "score", axis.score, &mut problems);
        if axis.answered.checked_add(axis.skipped).is_none_or(|counted| counted > axis.total) {
            problems.push(Problem::new(
                path().key("total"),
                format!(
                    "{} answered and {} skipped do not fit in {} scenarios",
                    axis.answered, axis.skipped, axis.total
                ),
            ));
        }
        if axis.responses > axis.answered.saturating_mul(per_scenario)
            || (axis.responses == 0) != (axis.answered == 0)
        {
            problems.push(Problem::new(
                path().key("responses"),
                format!("responses ({}) does not fit answered ({})", axis.responses, axis.answered),
            ));
        }
        if axis.score.is_some() != (axis.answered > 0) {
            problems.push(Problem::new(
                path().key("score"),
                "a score needs answered scenarios, and answered scenarios need a score",
            ));
        }
    }
    let mut themes = HashSet::new();
    for (index, theme) in result.themes.iter().enumerate() {
        if !themes.insert(theme.id.as_str()) {
            problems.push(Problem::new(
                YamlPath::root().key("themes").index(index).key("id"),
                format!("theme `{}` appears twice", theme.id),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(DataError { diagnostics: locate_all(file, text, problems) })
    }
}

/// Every text field of `result` that is not one safe line: a result is
/// read back as carefully as content ([`crate::fields`]).
fn text_problems(result: &ResultDocument) -> Vec<Problem> {
    let root = YamlPath::root;
    let mut lines = crate::fields::Lines::default();
    lines.check(|| root().key("itlead_version"), &result.itlead_version);
    lines.check(|| root().key("created"), &result.created);
    lines.name(|| root().key("name"), result.name.as_deref());
    if let Some(about) = &result.about {
        lines.name(|| root().key("about").key("name"), Some(&about.name));
    }
    let stamp = || root().key("content");
    lines.check(|| stamp().key("title"), &result.content.title);
    lines.check(|| stamp().key("version"), &result.content.version);
    lines.check(|| stamp().key("hash"), &result.content.hash);
    lines.selection(|| root().key("selection"), &result.selection);
    lines.answers(|| root().key("answers"), &result.answers);
    for (index, axis) in result.axes.iter().enumerate() {
        for (key, text) in [
            ("id", &axis.id),
            ("theme", &axis.theme),
            ("manager", &axis.manager),
            ("leader", &axis.leader),
        ] {
            lines.check(|| root().key("axes").index(index).key(key), text);
        }
    }
    for (index, theme) in result.themes.iter().enumerate() {
        let path = || root().key("themes").index(index);
        lines.check(|| path().key("id"), &theme.id);
        lines.check(|| path().key("name"), &theme.name);
    }
    let overall = || root().key("overall");
    lines.check_some(
        || overall().key("clearest_manager"),
        result.overall.clearest_manager.as_deref(),
    );
    lines
        .check_some(|| overall().key("clearest_leader"), result.overall.clearest_leader.as_deref());
    lines.problems
}

/// Reads just the `schema` field, so that a document from another itlead
/// is refused with a clear message rather than a field error.
fn schema_of(file: &str, text: &str, json: bool) -> Result<Option<String>, DataError> {
    #[derive(Deserialize)]
    struct SchemaOnly {
        schema: Option<String>,
    }
    Ok(deserialize::<SchemaOnly>(file, text, json)?.schema)
}

/// Why a document with `schema` (or none) is not a result this itlead reads.
fn schema_error(file: &str, schema: Option<&str>) -> DataError {
    let message = match schema {
        Some(schema) if schema.starts_with("itlead.result/") => format!(
            "result schema `{schema}` is not one this itlead reads (it reads `{RESULT_SCHEMA}` \
             and `{RESULT_SCHEMA_V1}`); is it from a newer itlead?"
        ),
        Some(schema) if schema.starts_with("itlead.answers/") => format!(
            "this is an answers file (`{schema}`), not a result; score it with \
             `itlead assess --answers {file}`"
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
        id: score.id.into(),
        theme: axis.theme.as_str().into(),
        manager: axis.poles.manager.name.as_str().into(),
        leader: axis.poles.leader.name.as_str().into(),
        score: score.score,
        band: score.band,
        responses: score.responses,
        answered: score.answered,
        skipped: score.skipped,
        total: score.total,
        standard_error: score.standard_error,
        mixed: score.mixed,
    }
}

fn theme_result(name: &str, score: ThemeScore) -> ThemeResult {
    ThemeResult {
        id: score.id.into(),
        name: name.into(),
        score: score.score,
        standard_error: score.standard_error,
        band: score.band,
        min: score.min,
        max: score.max,
        scored_axes: score.scored_axes,
    }
}

fn empty_overall() -> Overall {
    summarize(&[], &[], &[]).1
}

/// The ids of the skipped scenarios, in id order.
pub fn skipped_ids(answers: &Answers) -> Vec<&str> {
    answers
        .iter()
        .filter(|(_, answer)| matches!(answer, Answer::Skipped))
        .map(|(id, _)| id.as_str())
        .collect()
}

/// Longest name a result records, in characters.
pub const MAX_NAME: usize = 100;

/// Why `name` cannot be recorded as a person's name, if it cannot: a name
/// is one line of at most [`MAX_NAME`] characters without control or
/// direction characters.
pub fn name_problem(name: &str) -> Option<String> {
    (crate::content::text::first_unsafe(name, false).is_some() || name.chars().count() > MAX_NAME)
        .then(|| {
            format!("a name is up to {MAX_NAME} characters on one line, without control characters")
        })
}

/// A name as given on the command line: trimmed, one line, not too long.
pub fn checked_name(name: &str, flag: &str) -> anyhow::Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::error::usage(format!("{flag} needs a name")));
    }
    if name_problem(name).is_some() {
        return Err(crate::error::usage(format!(
            "{flag} takes a name of up to {MAX_NAME} characters on one line, without control characters"
        )));
    }
    Ok(name.to_owned())
}

/// The major version: the first dot-separated component.
pub fn major_version(version: &str) -> &str {
    version.split('.').next().unwrap_or(version).trim()
}

/// A warning when one of two self-assessments names its person and the
/// other names nobody: nothing says they are one person's.
pub fn one_unnamed(
    old_file: &str,
    old: &ResultDocument,
    new_file: &str,
    new: &ResultDocument,
) -> Option<String> {
    if old.about.is_some() || new.about.is_some() {
        return None;
    }
    let (named, unnamed_file) = match (&old.name, &new.name) {
        (Some(name), None) => (name, new_file),
        (None, Some(name)) => (name, old_file),
        _ => return None,
    };
    Some(format!(
        "{unnamed_file} has no name, so nothing says it is {named}'s; they are compared as one \
         person's results"
    ))
}

/// Whether two names name the same person: trimmed, case and inner spaces
/// ignored.
pub fn same_person(a: &str, b: &str) -> bool {
    let norm = |name: &str| name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(a) == norm(b)
}
