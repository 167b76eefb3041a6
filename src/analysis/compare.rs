//! Movement between two results, as a pure function: [`compare`] takes two
//! parsed results and returns a [`CompareDocument`], or says why the two
//! cannot be compared.
//!
//! Two results are comparable when they come from the same questionnaire
//! (content title) within one major version (the first dot-separated part
//! of the content version): a minor version may reword or add scenarios,
//! a major one may change what an axis measures. Only axes that both
//! results scored are compared; the others are listed with the reason.
//!
//! A movement counts as real only beyond noise: larger than both results'
//! margins together explain ([`crate::score::reliable_change`]). The same
//! person answering twice moves a little on most contrasts by chance.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::result::ResultDocument;
use crate::result::major_version;
use crate::score::{Band, Measure, beyond_noise};

/// The `schema` value of compare documents.
pub const COMPARE_SCHEMA: &str = "itlead.compare/1";

/// Per-axis movement between an earlier and a later result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareDocument {
    /// Always [`COMPARE_SCHEMA`].
    pub schema: String,
    /// The itlead version that made it.
    pub itlead_version: String,
    /// The earlier result.
    pub old: Snapshot,
    /// The later result.
    pub new: Snapshot,
    /// Axes both results scored, in the later result's order.
    pub axes: Vec<Movement>,
    /// Axes not compared, and why.
    pub left_out: Vec<LeftOut>,
    /// Counts over the compared axes.
    pub summary: MovementSummary,
}

/// Which result, from when and which questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    /// The file as named on the command line.
    pub file: String,
    /// When the result was made.
    pub created: String,
    /// Content title.
    pub content_title: String,
    /// Content version.
    pub content_version: String,
    /// Who answered, when the result names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `full`, `quick` or `axes`.
    pub mode: String,
}

/// One axis's movement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Movement {
    /// Axis id.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Manager pole name.
    pub manager: String,
    /// Leader pole name.
    pub leader: String,
    /// Score in the earlier result.
    pub old_score: i32,
    /// Score in the later result.
    pub new_score: i32,
    /// `new_score − old_score`: positive toward the leader side.
    pub delta: i32,
    /// The earlier score's margin (standard error), in points.
    pub old_margin: Option<i32>,
    /// The later score's margin (standard error), in points.
    pub new_margin: Option<i32>,
    /// Whether the change is larger than both margins explain: a reliable
    /// change, beyond 1.96 × the root of the sum of the squared margins,
    /// with at least 6 responses behind each score.
    pub beyond_noise: bool,
    /// Band in the earlier result.
    pub old_band: Band,
    /// Band in the later result.
    pub new_band: Band,
    /// Whether the band differs.
    pub band_changed: bool,
    /// Whether the earlier balanced score came from answers at both ends.
    pub old_mixed: bool,
    /// Whether the later balanced score came from answers at both ends.
    pub new_mixed: bool,
}

/// An axis that was not compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeftOut {
    /// Axis id.
    pub id: String,
    /// Why.
    pub reason: LeftOutReason,
}

/// Why an axis was not compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeftOutReason {
    /// The later result has no such axis.
    OnlyInOld,
    /// The earlier result has no such axis.
    OnlyInNew,
    /// Both have it; the earlier one has no score.
    NotScoredInOld,
    /// Both have it; the later one has no score.
    NotScoredInNew,
    /// Both have it; neither has a score.
    NotScoredInEither,
}

impl LeftOutReason {
    /// Words for people, naming the files `old` and `new`.
    pub fn describe(self, old: &str, new: &str) -> String {
        match self {
            LeftOutReason::OnlyInOld => format!("only in {old}"),
            LeftOutReason::OnlyInNew => format!("only in {new}"),
            LeftOutReason::NotScoredInOld => format!("no score in {old}"),
            LeftOutReason::NotScoredInNew => format!("no score in {new}"),
            LeftOutReason::NotScoredInEither => String::from("no score in either"),
        }
    }
}

/// Counts over the compared axes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MovementSummary {
    /// Axes compared.
    pub compared: usize,
    /// Axes that moved toward the leader side.
    pub toward_leader: usize,
    /// Axes that moved toward the manager side.
    pub toward_manager: usize,
    /// Axes with the same score.
    pub unchanged: usize,
    /// Axes whose band changed.
    pub band_changes: usize,
    /// Axes whose change is beyond noise.
    pub beyond_noise: usize,
}

/// Two results that cannot be compared, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incompatible(pub String);

impl fmt::Display for Incompatible {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Incompatible {}

/// Whether results from these two questionnaires can be compared.
pub fn check_compatible(
    old_name: &str,
    old: &ResultDocument,
    new_name: &str,
    new: &ResultDocument,
) -> Result<(), Incompatible> {
    let (old_content, new_content) = (&old.content, &new.content);
    if old_content.title != new_content.title {
        return Err(Incompatible(format!(
            "cannot compare results of different questionnaires: {old_name} was made with \"{}\" \
             and {new_name} with \"{}\"",
            old_content.title, new_content.title
        )));
    }
    let (old_major, new_major) =
        (major_version(&old_content.version), major_version(&new_content.version));
    if old_major != new_major {
        return Err(Incompatible(format!(
            "cannot compare results of different major versions of \"{}\": {old_name} was made with \
             version {} and {new_name} with version {}; the contrasts may not measure the same thing",
            new_content.title, old_content.version, new_content.version
        )));
    }
    Ok(())
}

/// The movement from `old` to `new`, which the files `old_name` and
/// `new_name` hold.
pub fn compare(
    old_name: &str,
    old: &ResultDocument,
    new_name: &str,
    new: &ResultDocument,
) -> Result<CompareDocument, Incompatible> {
    check_compatible(old_name, old, new_name, new)?;
    let mut axes = Vec::new();
    let mut left_out = Vec::new();
    for later in &new.axes {
        let Some(earlier) = old.axis(&later.id) else {
            continue;
        };
        match (earlier.score, later.score) {
            (Some(old_score), Some(new_score)) => axes.push(Movement {
                id: later.id.to_string(),
                theme: later.theme.to_string(),
                manager: later.manager.to_string(),
                leader: later.leader.to_string(),
                old_score,
                new_score,
                delta: new_score - old_score,
                old_margin: earlier.standard_error,
                new_margin: later.standard_error,
                beyond_noise: beyond_noise(
                    Measure {
                        score: f64::from(old_score),
                        margin: earlier.standard_error.map(f64::from),
                        responses: earlier.responses,
                    },
                    Measure {
                        score: f64::from(new_score),
                        margin: later.standard_error.map(f64::from),
                        responses: later.responses,
                    },
                ),
                old_band: earlier.band,
                new_band: later.band,
                band_changed: earlier.band != later.band,
                old_mixed: earlier.mixed,
                new_mixed: later.mixed,
            }),
            (None, Some(_)) => left_out.push((later.id.clone(), LeftOutReason::NotScoredInOld)),
            (Some(_), None) => left_out.push((later.id.clone(), LeftOutReason::NotScoredInNew)),
            (None, None) => left_out.push((later.id.clone(), LeftOutReason::NotScoredInEither)),
        }
    }
    for earlier in &old.axes {
        if new.axis(&earlier.id).is_none() {
            left_out.push((earlier.id.clone(), LeftOutReason::OnlyInOld));
        }
    }
    for later in &new.axes {
        if old.axis(&later.id).is_none() {
            left_out.push((later.id.clone(), LeftOutReason::OnlyInNew));
        }
    }
    let summary = MovementSummary {
        compared: axes.len(),
        toward_leader: axes.iter().filter(|axis| axis.delta > 0).count(),
        toward_manager: axes.iter().filter(|axis| axis.delta < 0).count(),
        unchanged: axes.iter().filter(|axis| axis.delta == 0).count(),
        band_changes: axes.iter().filter(|axis| axis.band_changed).count(),
        beyond_noise: axes.iter().filter(|axis| axis.beyond_noise).count(),
    };
    Ok(CompareDocument {
        schema: COMPARE_SCHEMA.to_owned(),
        itlead_version: env!("CARGO_PKG_VERSION").to_owned(),
        old: snapshot(old_name, old),
        new: snapshot(new_name, new),
        axes,
        left_out: left_out
            .into_iter()
            .map(|(id, reason)| LeftOut { id: id.to_string(), reason })
            .collect(),
        summary,
    })
}

fn snapshot(file: &str, result: &ResultDocument) -> Snapshot {
    Snapshot {
        file: file.to_owned(),
        created: result.created.clone(),
        content_title: result.content.title.clone(),
        content_version: result.content.version.clone(),
        name: result.name.clone(),
        mode: result.selection.mode().to_owned(),
    }
}

/// Why `old` and `new` look like results about different people, if they
/// do: compare is for one person's change over time.
pub fn different_people(old: &ResultDocument, new: &ResultDocument) -> Option<String> {
    let describe = |result: &ResultDocument| match (&result.about, &result.name) {
        (Some(about), _) => format!("answers about {}", about.name),
        (None, Some(name)) => format!("{name}'s own answers"),
        (None, None) => String::from("a self-assessment"),
    };
    let differ = match (&old.about, &new.about) {
        (Some(a), Some(b)) => !crate::result::same_person(&a.name, &b.name),
        (None, None) => match (&old.name, &new.name) {
            (Some(a), Some(b)) => !crate::result::same_person(a, b),
            _ => false,
        },
        _ => true,
    };
    differ.then(|| {
        format!(
            "these results may be about different people: {} and {}",
            describe(old),
            describe(new)
        )
    })
}
