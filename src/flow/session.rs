//! The unfinished session: which scenarios, in what order, and the answers
//! so far. [`crate::store`] saves it after every answer and finds it again
//! at the next `itlead assess`; [`Session::reconcile`] brings it up to date
//! when the questionnaire changed in between.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::answer::Answers;
use crate::content::Content;
use crate::content::selection::{Selection, select};
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
            let unchanged =
                current.get(id).is_some_and(|now| self.fingerprints.get(id) == Some(now));
            if !unchanged {
                dropped.push(id.clone());
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
}
