//! The unfinished session: saved after every answer so that nothing is
//! lost, found again by the next `itlead assess`.
//!
//! The file is written atomically (temporary file, then rename), so a signal
//! or a full disk leaves either the previous state or the new one. A file
//! that does not parse is set aside under a new name and reported, never
//! silently deleted.

use std::collections::BTreeMap;
use std::path::PathBuf;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::assess::{Selection, select};
use crate::content::Content;
use crate::output::write_atomically;
use crate::score::Answers;

/// The `schema` value of session files.
pub const SESSION_SCHEMA: &str = "itlead.session/1";

/// An assessment in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Always [`SESSION_SCHEMA`].
    pub schema: String,
    /// When it started, RFC 3339.
    pub started: String,
    /// `full`, `quick` or `axes`.
    pub mode: String,
    /// With mode `axes`: the axis ids asked about.
    #[serde(default)]
    pub axes: Vec<String>,
    /// Shuffle seed, so a resumed session keeps its order.
    pub seed: u64,
    /// Scenario ids in the order they are asked.
    pub order: Vec<String>,
    /// Scenario id → fingerprint when started, to spot changed scenarios.
    pub fingerprints: BTreeMap<String, String>,
    /// Answers so far.
    pub answers: Answers,
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
        mode: &str,
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
            mode: mode.to_owned(),
            axes: Vec::new(),
            seed,
            order,
            fingerprints,
            answers: Answers::new(),
        }
    }

    /// The scenarios this session asks, as a selection.
    pub fn selection(&self) -> Selection {
        match self.mode.as_str() {
            "quick" => Selection::Quick,
            "axes" => Selection::Axes(self.axes.clone()),
            _ => Selection::Full,
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
        for scenario in select(content, &self.selection()) {
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

/// Where sessions are stored.
#[derive(Debug, Clone)]
pub struct SessionStore {
    path: PathBuf,
}

/// What was found at start.
#[derive(Debug)]
pub enum Found {
    /// No unfinished session.
    Nothing,
    /// An unfinished session.
    Session(Box<Session>),
    /// A damaged file, moved to the given path.
    SetAside(PathBuf, String),
}

impl SessionStore {
    /// A store at `path`.
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// Loads the unfinished session, setting a damaged file aside.
    pub fn load(&self) -> Result<Found> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Found::Nothing);
            }
            Err(error) => {
                return Err(error).with_context(|| format!("cannot read {}", self.path.display()));
            }
        };
        match serde_json::from_slice::<Session>(&bytes) {
            Ok(session) if session.schema == SESSION_SCHEMA => {
                Ok(Found::Session(Box::new(session)))
            }
            Ok(session) => self.set_aside(&format!("unknown session schema `{}`", session.schema)),
            Err(error) => self.set_aside(&error.to_string()),
        }
    }

    fn set_aside(&self, reason: &str) -> Result<Found> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |duration| duration.as_secs());
        // Never replace a file set aside earlier (two damaged files in one second).
        let mut aside = self.path.with_extension(format!("damaged-{stamp}.json"));
        let mut counter = 1;
        while aside.exists() {
            counter += 1;
            aside = self.path.with_extension(format!("damaged-{stamp}-{counter}.json"));
        }
        std::fs::rename(&self.path, &aside).with_context(|| {
            format!("cannot move the damaged session {} aside", self.path.display())
        })?;
        Ok(Found::SetAside(aside, reason.to_owned()))
    }

    /// Saves `session` atomically, creating the directory when needed.
    pub fn save(&self, session: &Session) -> Result<()> {
        if let Some(parent) = self.path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let bytes = serde_json::to_vec_pretty(session).context("cannot serialise the session")?;
        write_atomically(&self.path, &bytes)
    }

    /// Removes the session file, if any.
    pub fn clear(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(error).with_context(|| format!("cannot remove {}", self.path.display()))
            }
            _ => Ok(()),
        }
    }
}
