//! The unfinished session: which scenarios, in what order, and the answers
//! so far. [`crate::edges::store`] saves it after every answer and finds it again
//! at the next `itlead assess`; [`Session::parse`] reads it back as
//! carefully as an answers file, and [`Session::reconcile`] brings it up to
//! date when the questionnaire changed in between.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Answers};
use crate::content::diagnostic::{Diagnostic, Problem, from_json_error, locate_all};
use crate::content::locate::YamlPath;
use crate::content::model::{ResponseFormat, Scenario};
use crate::content::selection::{Selection, select};
use crate::content::{Content, DataError};
use crate::result::Subject;

/// The `schema` value of session files.
pub const SESSION_SCHEMA: &str = "itlead.session/2";

/// An assessment in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Always [`SESSION_SCHEMA`].
    pub schema: String,
    /// When it started, RFC 3339.
    pub started: String,
    /// Which scenarios it asks.
    pub selection: Selection,
    /// The respondent's name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The person rated, when answering about someone else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<Subject>,
    /// Shuffle seed, so a resumed session keeps its order.
    pub seed: u64,
    /// Scenario ids in the order they are asked.
    pub order: Vec<String>,
    /// Scenario id → fingerprint when started, to spot changed scenarios.
    pub fingerprints: BTreeMap<String, String>,
    /// Answers so far.
    pub answers: Answers,
    /// Where the result of these answers was saved, when it was but the
    /// report could not be written: a resumed run writes the report
    /// without saving the result twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<String>,
}

/// What resuming against the current content kept, dropped and added.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reconciled {
    /// Scenario ids whose answers were dropped because the scenario changed or went away.
    pub dropped: Vec<String>,
    /// Scenario ids the current content adds to the session's selection.
    pub added: Vec<String>,
}

impl Reconciled {
    /// Whether anything changed.
    pub fn changed(&self) -> bool {
        !self.dropped.is_empty() || !self.added.is_empty()
    }
}

impl Session {
    /// A new session over `order`.
    pub fn new(
        content: &Content,
        selection: Selection,
        seed: u64,
        order: Vec<String>,
        started: String,
    ) -> Self {
        let fingerprints = order
            .iter()
            .filter_map(|id| {
                content.scenario(id).map(|scenario| (id.clone(), scenario.fingerprint()))
            })
            .collect();
        Self {
            schema: SESSION_SCHEMA.to_owned(),
            started,
            selection,
            name: None,
            about: None,
            seed,
            order,
            fingerprints,
            answers: Answers::new(),
            saved: None,
        }
    }

    /// Brings a session saved against other content up to date: answers to
    /// scenarios that changed or vanished are dropped, vanished scenarios
    /// leave the order, and scenarios the content now adds to the session's
    /// selection are appended.
    pub fn reconcile(&mut self, content: &Content) -> Reconciled {
        let mut dropped = Vec::new();
        self.order.retain(|id| content.scenario(id).is_some());
        let current: BTreeMap<String, String> = self
            .order
            .iter()
            .filter_map(|id| {
                content.scenario(id).map(|scenario| (id.clone(), scenario.fingerprint()))
            })
            .collect();
        self.answers.retain(|id, _| {
            let unchanged = current
                .get(id.as_str())
                .is_some_and(|now| self.fingerprints.get(id.as_str()) == Some(now));
            if !unchanged {
                dropped.push(id.to_string());
            }
            unchanged
        });
        let mut added = Vec::new();
        for scenario in select(content, &self.selection) {
            if !self.order.contains(&scenario.id) {
                self.order.push(scenario.id.clone());
                added.push(scenario.id.clone());
            }
        }
        self.fingerprints = self
            .order
            .iter()
            .filter_map(|id| {
                content.scenario(id).map(|scenario| (id.clone(), scenario.fingerprint()))
            })
            .collect();
        Reconciled { dropped, added }
    }

    /// Number of scenarios answered or skipped.
    pub fn progress(&self) -> usize {
        self.answers.len()
    }

    /// Reads a session file and checks it as an answers file is checked:
    /// its schema, every text field, the order (each scenario once), and
    /// every answer to a scenario that has not changed since (an option
    /// `content` has, both picks when both are asked, two different ones).
    /// `saved` may only name a result file directly in `results`. A file
    /// that fails is refused whole, with every problem located.
    pub fn parse(
        file: &str,
        text: &str,
        content: &Content,
        results: Option<&Path>,
    ) -> Result<Self, DataError> {
        #[derive(Deserialize)]
        struct SchemaOnly {
            schema: Option<String>,
        }
        let whole = |message: String| DataError::one(Diagnostic::whole_file(file, message));
        let json_error =
            |error: serde_json::Error| DataError::one(from_json_error(file, text, &error));
        match serde_json::from_str::<SchemaOnly>(text).map_err(json_error)?.schema {
            Some(schema) if schema == SESSION_SCHEMA => {}
            Some(schema) if schema.starts_with("itlead.session/") => {
                return Err(whole(format!("it was made by another itlead (`{schema}`)")));
            }
            _ => return Err(whole(String::from("it is not an itlead session"))),
        }
        let session: Session = serde_json::from_str(text).map_err(json_error)?;
        let problems = session.problems(content, results);
        if problems.is_empty() {
            Ok(session)
        } else {
            Err(DataError { diagnostics: locate_all(file, text, problems) })
        }
    }

    fn problems(&self, content: &Content, results: Option<&Path>) -> Vec<Problem> {
        let root = YamlPath::root;
        let mut lines = crate::fields::Lines::default();
        lines.check(|| root().key("started"), &self.started);
        lines.selection(|| root().key("selection"), &self.selection);
        lines.name(|| root().key("name"), self.name.as_deref());
        if let Some(about) = &self.about {
            lines.name(|| root().key("about").key("name"), Some(&about.name));
        }
        for (index, id) in self.order.iter().enumerate() {
            lines.check(|| root().key("order").index(index), id);
        }
        for (id, fingerprint) in &self.fingerprints {
            lines.check(|| root().key("fingerprints").key(id), id);
            lines.check(|| root().key("fingerprints").key(id), fingerprint);
        }
        lines.answers(|| root().key("answers"), &self.answers);
        lines.check_some(|| root().key("saved"), self.saved.as_deref());
        let mut problems = lines.problems;
        if !problems.is_empty() {
            return problems;
        }
        if humantime::parse_rfc3339_weak(&self.started).is_err() {
            problems.push(Problem::new(
                root().key("started"),
                format!("`{}` is not a time (RFC 3339)", self.started),
            ));
        }
        let mut seen = HashSet::new();
        for (index, id) in self.order.iter().enumerate() {
            if !seen.insert(id.as_str()) {
                problems.push(Problem::new(
                    root().key("order").index(index),
                    format!("scenario `{id}` is in the order twice"),
                ));
            }
        }
        for (id, answer) in &self.answers {
            let path = root().key("answers").key(id);
            if !seen.contains(id.as_str()) {
                problems.push(Problem::new(
                    path,
                    format!("scenario `{id}` is answered but not among the scenarios asked"),
                ));
                continue;
            }
            // Answers to a scenario that changed or went away are dropped
            // when the session is resumed; the others must fit it.
            let unchanged = content.scenario(id).filter(|scenario| {
                self.fingerprints
                    .get(id.as_str())
                    .is_some_and(|saved| *saved == scenario.fingerprint())
            });
            if let Some(message) =
                unchanged.and_then(|scenario| answer_problem(scenario, answer, content.response))
            {
                problems.push(Problem::new(path, message));
            }
        }
        if let Some(message) =
            self.saved.as_ref().and_then(|saved| saved_problem(Path::new(saved), results))
        {
            problems.push(Problem::new(root().key("saved"), message));
        }
        problems
    }
}

/// Why `answer` cannot be an answer to `scenario`, if it cannot.
fn answer_problem(
    scenario: &Scenario,
    answer: &Answer,
    response: ResponseFormat,
) -> Option<String> {
    let Answer::Chosen { most, least } = answer else { return None };
    let keys: Vec<&str> = scenario.options.iter().map(|option| option.key.as_str()).collect();
    for key in std::iter::once(most).chain(least) {
        if scenario.option(key).is_none() {
            return Some(format!(
                "`{key}` is not an option of `{}` (expected one of {})",
                scenario.id,
                keys.join(", ")
            ));
        }
    }
    if scenario.is_pair() {
        // A choice between two options is asked once, whatever the
        // questionnaire asks of the others.
        return least.is_some().then(|| {
            String::from("a choice between two options is asked once: only the more likely")
        });
    }
    match (response, least) {
        (ResponseFormat::Most, Some(_)) => {
            Some(String::from("this questionnaire asks only for the most likely option"))
        }
        (ResponseFormat::MostAndLeast, None) => {
            Some(String::from("the least likely option is missing"))
        }
        (ResponseFormat::MostAndLeast, Some(least)) if least == most => {
            Some(format!("`{most}` cannot be both the most and the least likely option"))
        }
        _ => None,
    }
}

/// Why `saved` cannot be where this session's result was saved: it must
/// be a visible `.json` file directly in the results directory.
fn saved_problem(saved: &Path, results: Option<&Path>) -> Option<String> {
    let visible = saved.file_name().is_some_and(|name| !name.to_string_lossy().starts_with('.'));
    let fits = results.is_some_and(|results| saved.parent() == Some(results))
        && visible
        && saved.extension().is_some_and(|extension| extension == "json");
    (!fits).then(|| {
        format!(
            "`{}` is not a result in {}",
            saved.display(),
            results.map_or_else(
                || String::from("the results directory"),
                |dir| dir.display().to_string()
            )
        )
    })
}
