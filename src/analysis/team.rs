//! The team view, as pure functions: results go in one at a time, a
//! [`TeamDocument`] comes out. The command shell reads the files
//! (`commands/team.rs`); the view is built in `documents/team.rs`.
//!
//! A [`TeamBuilder`] folds each result into per-contrast accumulators that keep
//! only what the statistics need (the whole-number scores, for the median,
//! and three lean counters), so a cohort of thousands of files costs a few
//! bytes per person and axis, never a parsed document. Two builders fed
//! from consecutive runs of files [`merge`](TeamBuilder::merge) into one,
//! which is how the command reads in parallel.
//!
//! Results are grouped by the questionnaire they were made with (title and
//! major version, as `compare` does): the group with most members is the
//! team, and members of any other group are set aside and named, since an
//! axis id of another questionnaire need not mean the same thing.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::content::model::Side;
use crate::number::round;
use crate::result::{ResultDocument, major_version};
use crate::score::Band;

/// The `schema` value of team documents.
pub const TEAM_SCHEMA: &str = "itlead.team/1";

/// The team view: per-contrast distribution and coverage of both sides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamDocument {
    /// Always [`TEAM_SCHEMA`].
    pub schema: String,
    /// The itlead version that made it.
    pub itlead_version: String,
    /// The questionnaire the members' results come from.
    pub content: TeamContent,
    /// How many files were given, used and skipped.
    pub files: FileCounts,
    /// One entry per axis, in the order the results list them.
    pub axes: Vec<TeamAxis>,
    /// Axes where people lean to one side and nobody to the other.
    pub one_sided: Vec<String>,
    /// Axes with scores where nobody leans either way.
    pub no_leaning: Vec<String>,
}

/// Which questionnaire a team's results come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamContent {
    /// Content title.
    pub title: String,
    /// Every content version among the members' results, sorted.
    pub versions: Vec<String>,
}

/// File counts of a team view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileCounts {
    /// Files named on the command line.
    pub given: usize,
    /// Files whose result is part of the team view.
    pub used: usize,
    /// Files left out: unreadable, invalid, or from another questionnaire.
    pub skipped: usize,
}

/// One axis across the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamAxis {
    /// Axis id.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Manager pole name.
    pub manager: String,
    /// Leader pole name.
    pub leader: String,
    /// Members with a score on this axis.
    pub count: usize,
    /// Mean score, one decimal; null without scores.
    pub mean: Option<f64>,
    /// Median score (the mean of the middle two for an even count).
    pub median: Option<f64>,
    /// Lowest score.
    pub min: Option<i32>,
    /// Highest score.
    pub max: Option<i32>,
    /// Population standard deviation of the scores, one decimal.
    pub spread: Option<f64>,
    /// How many lean to each side, by band.
    pub lean: LeanCounts,
    /// Whether the team covers both sides.
    pub coverage: Coverage,
    /// Who leans where, by file stem; only with `--names`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<Members>,
}

/// Counts of members by the side their band leans to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeanCounts {
    /// Leaning or strong manager.
    pub manager: usize,
    /// Balanced or mixed.
    pub balanced: usize,
    /// Leaning or strong leader.
    pub leader: usize,
    /// Too few responses for a band.
    pub uncertain: usize,
}

/// Names of members by the side they lean to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Members {
    /// Leaning or strong manager.
    pub manager: Vec<String>,
    /// Balanced or mixed.
    pub balanced: Vec<String>,
    /// Leaning or strong leader.
    pub leader: Vec<String>,
    /// Too few responses for a band.
    pub uncertain: Vec<String>,
}

/// How a team covers the two sides of an axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Coverage {
    /// Someone leans to each side.
    Both,
    /// Some lean manager, nobody leans leader.
    ManagerOnly,
    /// Some lean leader, nobody leans manager.
    LeaderOnly,
    /// Everyone with a band is balanced.
    NoLeaning,
    /// Scores rest on too few responses for a band.
    Uncertain,
    /// Nobody has a score.
    Unscored,
}

impl Coverage {
    /// The coverage that lean counts show.
    pub fn of(lean: LeanCounts) -> Coverage {
        match (lean.manager > 0, lean.leader > 0, lean.balanced > 0) {
            (true, true, _) => Coverage::Both,
            (true, false, _) => Coverage::ManagerOnly,
            (false, true, _) => Coverage::LeaderOnly,
            (false, false, true) => Coverage::NoLeaning,
            (false, false, false) if lean.uncertain > 0 => Coverage::Uncertain,
            (false, false, false) => Coverage::Unscored,
        }
    }

    /// The machine form, as in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Coverage::Both => "both",
            Coverage::ManagerOnly => "manager-only",
            Coverage::LeaderOnly => "leader-only",
            Coverage::NoLeaning => "no-leaning",
            Coverage::Uncertain => "uncertain",
            Coverage::Unscored => "unscored",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Coverage::Both => "both sides",
            Coverage::ManagerOnly => "manager side only",
            Coverage::LeaderOnly => "leader side only",
            Coverage::NoLeaning => "nobody leans",
            Coverage::Uncertain => "too few responses",
            Coverage::Unscored => "no scores",
        }
    }

    /// The side nobody covers, when only one side is.
    pub fn missing_side(self) -> Option<Side> {
        match self {
            Coverage::ManagerOnly => Some(Side::Leader),
            Coverage::LeaderOnly => Some(Side::Manager),
            _ => None,
        }
    }
}

/// A result that was read but left out of the team: it comes from another
/// questionnaire than most of the team's results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetAside {
    /// The member index given to [`TeamBuilder::add`].
    pub member: usize,
    /// Why, in words.
    pub reason: String,
}

/// A finished team view and the results set aside on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Team {
    /// The team document.
    pub document: TeamDocument,
    /// Results left out for coming from another questionnaire, by member index.
    pub set_aside: Vec<SetAside>,
}

/// What identifies comparable results: content title and major version.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ContentKey {
    title: String,
    major: String,
}

#[derive(Debug, Clone)]
struct AxisAccumulator {
    id: String,
    theme: String,
    manager: String,
    leader: String,
    scores: Vec<i32>,
    lean: LeanCounts,
    /// Member indices by side (manager, balanced, leader, uncertain); kept
    /// only for `--names`.
    members: [Vec<usize>; 4],
}

#[derive(Debug, Clone)]
struct Group {
    key: ContentKey,
    versions: BTreeSet<String>,
    members: Vec<usize>,
    axes: Vec<AxisAccumulator>,
}

/// Folds results into per-contrast accumulators, one result at a time.
#[derive(Debug, Clone, Default)]
pub struct TeamBuilder {
    names: bool,
    groups: Vec<Group>,
    /// Member index → the name in their result, kept only for `--names`.
    named: Vec<(usize, String)>,
}

impl TeamBuilder {
    /// An empty builder; with `names`, it remembers who leans where.
    pub fn new(names: bool) -> Self {
        Self { names, groups: Vec::new(), named: Vec::new() }
    }

    /// Adds the result of member `member` (an index the caller can turn
    /// into a name later, such as the position of its file).
    pub fn add(&mut self, member: usize, result: &ResultDocument) {
        if let (true, Some(name)) = (self.names, &result.name) {
            self.named.push((member, name.clone()));
        }
        let key = ContentKey {
            title: result.content.title.clone(),
            major: major_version(&result.content.version).to_owned(),
        };
        let index = self.groups.iter().position(|group| group.key == key).unwrap_or_else(|| {
            self.groups.push(Group {
                key,
                versions: BTreeSet::new(),
                members: Vec::new(),
                axes: Vec::new(),
            });
            self.groups.len() - 1
        });
        let group = &mut self.groups[index];
        group.members.push(member);
        group.versions.insert(result.content.version.clone());
        for axis in &result.axes {
            let index =
                group.axes.iter().position(|known| known.id == axis.id).unwrap_or_else(|| {
                    group.axes.push(AxisAccumulator {
                        id: axis.id.to_string(),
                        theme: axis.theme.to_string(),
                        manager: axis.manager.to_string(),
                        leader: axis.leader.to_string(),
                        scores: Vec::new(),
                        lean: LeanCounts::default(),
                        members: [Vec::new(), Vec::new(), Vec::new(), Vec::new()],
                    });
                    group.axes.len() - 1
                });
            let accumulator = &mut group.axes[index];
            let Some(score) = axis.score else { continue };
            accumulator.scores.push(score);
            let slot = match (axis.band, axis.band.side()) {
                (_, Some(Side::Manager)) => {
                    accumulator.lean.manager += 1;
                    0
                }
                (Band::Uncertain, _) => {
                    accumulator.lean.uncertain += 1;
                    3
                }
                (_, None) => {
                    accumulator.lean.balanced += 1;
                    1
                }
                (_, Some(Side::Leader)) => {
                    accumulator.lean.leader += 1;
                    2
                }
            };
            if self.names {
                accumulator.members[slot].push(member);
            }
        }
    }

    /// Adds everything `later` holds. Axes keep first-seen order when
    /// `later` was fed members that come after this builder's.
    pub fn merge(&mut self, later: TeamBuilder) {
        self.named.extend(later.named);
        for group in later.groups {
            match self.groups.iter_mut().find(|known| known.key == group.key) {
                None => self.groups.push(group),
                Some(known) => {
                    known.versions.extend(group.versions);
                    known.members.extend(group.members);
                    for axis in group.axes {
                        match known.axes.iter_mut().find(|mine| mine.id == axis.id) {
                            None => known.axes.push(axis),
                            Some(mine) => {
                                mine.scores.extend(axis.scores);
                                mine.lean.manager += axis.lean.manager;
                                mine.lean.balanced += axis.lean.balanced;
                                mine.lean.leader += axis.lean.leader;
                                mine.lean.uncertain += axis.lean.uncertain;
                                for (slot, members) in mine.members.iter_mut().zip(axis.members) {
                                    slot.extend(members);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// How many results were added.
    pub fn added(&self) -> usize {
        self.groups.iter().map(|group| group.members.len()).sum()
    }

    /// The team view. `given` is the number of files named and `unusable`
    /// how many of them could not be read as results; `name_of` turns a
    /// member index into a name when their result gives none (used only
    /// with `--names`). `None` when no
    /// result was added.
    pub fn finish(
        self,
        given: usize,
        unusable: usize,
        name_of: impl Fn(usize) -> String,
    ) -> Option<Team> {
        let names = self.names;
        let named: std::collections::HashMap<usize, String> = self.named.iter().cloned().collect();
        let name_of =
            |member: usize| named.get(&member).cloned().unwrap_or_else(|| name_of(member));
        let chosen = self
            .groups
            .iter()
            .enumerate()
            .max_by_key(|(_, group)| {
                (group.members.len(), std::cmp::Reverse(group.members.iter().min().copied()))
            })
            .map(|(index, _)| index)?;
        let mut groups = self.groups;
        let team = groups.swap_remove(chosen);
        let team_versions = versions_text(&team.versions);
        let mut set_aside: Vec<SetAside> = groups
            .iter()
            .flat_map(|group| {
                let reason = format!(
                    "made with \"{}\" version {}, but the team view is of \"{}\" version {}",
                    group.key.title,
                    versions_text(&group.versions),
                    team.key.title,
                    team_versions
                );
                group.members.iter().map(move |&member| SetAside { member, reason: reason.clone() })
            })
            .collect();
        set_aside.sort_by_key(|entry| entry.member);
        let axes: Vec<TeamAxis> =
            team.axes.into_iter().map(|axis| team_axis(axis, names.then_some(&name_of))).collect();
        let ids_where = |wanted: &dyn Fn(Coverage) -> bool| {
            axes.iter()
                .filter(|axis| wanted(axis.coverage))
                .map(|axis| axis.id.clone())
                .collect::<Vec<_>>()
        };
        let one_sided = ids_where(&|coverage| coverage.missing_side().is_some());
        let no_leaning = ids_where(&|coverage| coverage == Coverage::NoLeaning);
        let used = team.members.len();
        let document = TeamDocument {
            schema: TEAM_SCHEMA.to_owned(),
            itlead_version: env!("CARGO_PKG_VERSION").to_owned(),
            content: TeamContent {
                title: team.key.title,
                versions: team.versions.into_iter().collect(),
            },
            files: FileCounts { given, used, skipped: unusable + set_aside.len() },
            axes,
            one_sided,
            no_leaning,
        };
        Some(Team { document, set_aside })
    }
}

fn versions_text(versions: &BTreeSet<String>) -> String {
    versions.iter().cloned().collect::<Vec<_>>().join(", ")
}

/// The statistics of one axis.
fn team_axis(axis: AxisAccumulator, name_of: Option<&dyn Fn(usize) -> String>) -> TeamAxis {
    let AxisAccumulator { id, theme, manager, leader, mut scores, lean, members } = axis;
    let stats = Stats::of(&mut scores);
    let members = name_of.map(|name_of| {
        let [manager, balanced, leader, uncertain] =
            members.map(|indices| indices.into_iter().map(name_of).collect::<Vec<_>>());
        Members { manager, balanced, leader, uncertain }
    });
    TeamAxis {
        id,
        theme,
        manager,
        leader,
        count: scores.len(),
        mean: stats.map(|stats| stats.mean),
        median: stats.map(|stats| stats.median),
        min: stats.map(|stats| stats.min),
        max: stats.map(|stats| stats.max),
        spread: stats.map(|stats| stats.spread),
        lean,
        coverage: Coverage::of(lean),
        members,
    }
}

/// Summary statistics of whole-number scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Arithmetic mean, one decimal.
    pub mean: f64,
    /// Middle value, or the mean of the middle two, one decimal.
    pub median: f64,
    /// Lowest.
    pub min: i32,
    /// Highest.
    pub max: i32,
    /// Population standard deviation, one decimal.
    pub spread: f64,
}

impl Stats {
    /// The statistics of `scores` (sorted in place); `None` when empty.
    pub fn of(scores: &mut [i32]) -> Option<Stats> {
        let count = scores.len();
        if count == 0 {
            return None;
        }
        scores.sort_unstable();
        let sum: i64 = scores.iter().map(|&score| i64::from(score)).sum();
        let mean = sum as f64 / count as f64;
        let median = if count % 2 == 1 {
            f64::from(scores[count / 2])
        } else {
            f64::midpoint(f64::from(scores[count / 2 - 1]), f64::from(scores[count / 2]))
        };
        let variance = scores.iter().map(|&score| (f64::from(score) - mean).powi(2)).sum::<f64>()
            / count as f64;
        Some(Stats {
            mean: round(mean, 1),
            median: round(median, 1),
            min: scores[0],
            max: scores[count - 1],
            spread: round(variance.sqrt(), 1),
        })
    }
}

/// The team view of `results`, with nothing skipped: a convenience over
/// [`TeamBuilder`] for callers that already hold the documents.
pub fn summarize<'a, I>(results: I, names: Option<&[String]>) -> Option<Team>
where
    I: IntoIterator<Item = &'a ResultDocument>,
{
    let mut builder = TeamBuilder::new(names.is_some());
    for (member, result) in results.into_iter().enumerate() {
        builder.add(member, result);
    }
    let given = builder.added();
    builder.finish(given, 0, |member| {
        names
            .and_then(|names| names.get(member))
            .cloned()
            .unwrap_or_else(|| format!("#{}", member + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::{AxisResult, ContentStamp};

    fn result(version: &str, scores: &[(&str, Option<i32>)]) -> ResultDocument {
        ResultDocument {
            schema: crate::result::RESULT_SCHEMA.to_owned(),
            itlead_version: "0.1.0".to_owned(),
            created: "2025-01-01T00:00:00Z".to_owned(),
            name: None,
            about: None,
            content: ContentStamp {
                title: "T".to_owned(),
                version: version.to_owned(),
                hash: "sha256:00".to_owned(),
                response: crate::content::model::ResponseFormat::MostAndLeast,
            },
            selection: crate::content::selection::Selection::Full,
            asked: 0,
            answers: std::collections::BTreeMap::new(),
            axes: scores
                .iter()
                .map(|(id, score)| AxisResult {
                    id: (*id).into(),
                    theme: "t".into(),
                    manager: "M".into(),
                    leader: "L".into(),
                    score: *score,
                    band: Band::of(*score, 4, None),
                    responses: 4,
                    answered: 2,
                    skipped: 0,
                    total: 2,
                    standard_error: None,
                    mixed: false,
                })
                .collect(),
            themes: Vec::new(),
            overall: crate::score::summarize(&[], &[], &[]).1,
        }
    }

    #[test]
    fn statistics_of_known_scores() {
        // Worked by hand: mean 35, sorted 10 20 45 65, median 32.5,
        // squared deviations 625 225 100 900 → variance 462.5 → sd 21.51.
        let stats = Stats::of(&mut [20, 45, 10, 65]).unwrap();
        assert_eq!(stats, Stats { mean: 35.0, median: 32.5, min: 10, max: 65, spread: 21.5 });
        assert_eq!(Stats::of(&mut []), None);
        let single = Stats::of(&mut [-7]).unwrap();
        assert_eq!((single.mean, single.median, single.spread), (-7.0, -7.0, 0.0));
    }

    #[test]
    fn merging_equals_one_pass() {
        let results = [
            result("1.0.0", &[("a", Some(-30)), ("b", Some(10))]),
            result("1.1.0", &[("a", Some(50)), ("b", None), ("c", Some(70))]),
            result("1.0.0", &[("a", Some(0)), ("c", Some(-90))]),
        ];
        let mut first = TeamBuilder::new(true);
        first.add(0, &results[0]);
        let mut second = TeamBuilder::new(true);
        second.add(1, &results[1]);
        second.add(2, &results[2]);
        first.merge(second);
        let merged = first.finish(3, 0, |member| format!("m{member}")).unwrap();
        let names = ["m0".to_owned(), "m1".to_owned(), "m2".to_owned()];
        let direct = summarize(&results, Some(&names)).unwrap();
        assert_eq!(merged, direct);
        let ids: Vec<&str> = direct.document.axes.iter().map(|axis| axis.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(direct.document.content.versions, ["1.0.0", "1.1.0"]);
    }

    #[test]
    fn the_larger_questionnaire_group_is_the_team() {
        let results = [
            result("2.0.0", &[("a", Some(-30))]),
            result("1.0.0", &[("a", Some(40))]),
            result("1.2.0", &[("a", Some(50))]),
        ];
        let team = summarize(&results, None).unwrap();
        assert_eq!(team.document.files.used, 2);
        assert_eq!(team.document.files.skipped, 1);
        assert_eq!(team.set_aside.len(), 1);
        assert_eq!(team.set_aside[0].member, 0);
        assert!(team.set_aside[0].reason.contains("version 2.0.0"));
        assert_eq!(team.document.axes[0].coverage, Coverage::LeaderOnly);
        assert_eq!(team.document.one_sided, ["a"]);
    }

    #[test]
    fn a_tie_goes_to_the_earliest_file() {
        let results = [result("2.0.0", &[("a", Some(-30))]), result("1.0.0", &[("a", Some(40))])];
        let team = summarize(&results, None).unwrap();
        assert_eq!(team.document.content.versions, ["2.0.0"]);
    }

    #[test]
    fn coverage_from_counts() {
        let lean =
            |manager, balanced, leader| LeanCounts { manager, balanced, leader, uncertain: 0 };
        assert_eq!(Coverage::of(lean(1, 0, 1)), Coverage::Both);
        assert_eq!(Coverage::of(lean(2, 3, 0)), Coverage::ManagerOnly);
        assert_eq!(Coverage::of(lean(0, 0, 1)), Coverage::LeaderOnly);
        assert_eq!(Coverage::of(lean(0, 4, 0)), Coverage::NoLeaning);
        assert_eq!(Coverage::of(lean(0, 0, 0)), Coverage::Unscored);
        let uncertain = LeanCounts { uncertain: 2, ..lean(0, 0, 0) };
        assert_eq!(Coverage::of(uncertain), Coverage::Uncertain);
    }

    #[test]
    fn nothing_added_is_no_team() {
        assert!(TeamBuilder::new(false).finish(3, 3, |_| String::new()).is_none());
    }
}
