//! Scoring: a pure function from content and answers to a profile.
//!
//! On each axis only the scenarios that load on it count. For an answered
//! scenario the chosen option's weight is placed within that scenario's
//! range on the axis: the most manager-side option is −1, the most
//! leader-side +1, the middle of the range 0. The axis score is the sum of
//! those offsets over the sum of the half-ranges, times 100, so a respondent
//! who always picks the most manager-side option scores exactly −100 and one
//! who always picks the most leader-side option +100. Skips count for
//! nothing.
//!
//! An axis whose answers pulled hard both ways (at least half of a
//! scenario's range toward each side) and cancelled out into the balanced
//! band is flagged *mixed*: that is not the same as answering in the middle.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::model::{Content, Side};

/// Scores with a magnitude below this are balanced.
pub const LEANING_FROM: i32 = 20;
/// Scores with a magnitude at or above this are strong.
pub const STRONG_FROM: i32 = 60;
/// An axis with fewer answers than this is flagged.
pub const MIN_CONFIDENT_ANSWERS: usize = 2;
/// An answer this far (of its range) to one side counts as a hard pull.
const HARD_PULL: f64 = 0.5;

/// The word that marks a skipped scenario in answers and results.
pub const SKIP: &str = "skip";

/// Answers by scenario id: an option key, or [`SKIP`].
pub type Answers = BTreeMap<String, String>;

/// Where an axis score falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    /// Near the middle.
    Balanced,
    /// Toward the manager side.
    LeaningManager,
    /// Far toward the manager side.
    StrongManager,
    /// Toward the leader side.
    LeaningLeader,
    /// Far toward the leader side.
    StrongLeader,
    /// No answers to score.
    Unscored,
}

impl Band {
    /// The band a score falls in.
    pub fn of(score: Option<i32>) -> Band {
        match score {
            None => Band::Unscored,
            Some(score) if score <= -STRONG_FROM => Band::StrongManager,
            Some(score) if score <= -LEANING_FROM => Band::LeaningManager,
            Some(score) if score >= STRONG_FROM => Band::StrongLeader,
            Some(score) if score >= LEANING_FROM => Band::LeaningLeader,
            Some(_) => Band::Balanced,
        }
    }

    /// The side the band leans to, if any.
    pub fn side(self) -> Option<Side> {
        match self {
            Band::LeaningManager | Band::StrongManager => Some(Side::Manager),
            Band::LeaningLeader | Band::StrongLeader => Some(Side::Leader),
            Band::Balanced | Band::Unscored => None,
        }
    }

    /// The machine form, as in JSON: `leaning-leader`, `balanced`, …
    pub fn id(self) -> &'static str {
        match self {
            Band::Balanced => "balanced",
            Band::LeaningManager => "leaning-manager",
            Band::StrongManager => "strong-manager",
            Band::LeaningLeader => "leaning-leader",
            Band::StrongLeader => "strong-leader",
            Band::Unscored => "unscored",
        }
    }

    /// Words for people: "leaning leader", "balanced", …
    pub fn label(self) -> &'static str {
        match self {
            Band::Balanced => "balanced",
            Band::LeaningManager => "leaning manager",
            Band::StrongManager => "strong manager",
            Band::LeaningLeader => "leaning leader",
            Band::StrongLeader => "strong leader",
            Band::Unscored => "no answers",
        }
    }
}

/// The outcome on one axis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AxisScore {
    /// Axis id.
    pub id: String,
    /// −100 (manager) to +100 (leader); `None` when nothing was answered.
    pub score: Option<i32>,
    /// Where the score falls.
    pub band: Band,
    /// Scenarios on this axis answered with an option.
    pub answered: usize,
    /// Scenarios on this axis skipped.
    pub skipped: usize,
    /// Scenarios in the content that load on this axis.
    pub total: usize,
    /// The answers pulled hard both ways and cancelled out: the score is in
    /// the balanced band, but not because the answers sat in the middle.
    pub mixed: bool,
    /// Fewer than [`MIN_CONFIDENT_ANSWERS`] answers.
    pub few_answers: bool,
}

/// The outcome on one theme: the mean of its scored axes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeScore {
    /// Theme id.
    pub id: String,
    /// Mean of the theme's axis scores.
    pub score: Option<i32>,
    /// Where the mean falls.
    pub band: Band,
    /// Axes in the theme that have a score.
    pub scored_axes: usize,
}

/// The whole picture.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overall {
    /// Mean of all axis scores.
    pub score: Option<i32>,
    /// Where the mean falls.
    pub band: Band,
    /// Axes leaning or strong toward the manager side.
    pub manager_axes: usize,
    /// Axes in the balanced band.
    pub balanced_axes: usize,
    /// Axes leaning or strong toward the leader side.
    pub leader_axes: usize,
    /// The axis with the lowest negative score.
    pub clearest_manager: Option<String>,
    /// The axis with the highest positive score.
    pub clearest_leader: Option<String>,
}

/// Axis, theme and overall scores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// One entry per axis, in content order.
    pub axes: Vec<AxisScore>,
    /// One entry per theme, in content order.
    pub themes: Vec<ThemeScore>,
    /// The summary.
    pub overall: Overall,
}

/// Scores `answers` against `content`. Answers to unknown scenarios or with
/// unknown keys count as skips; the answers parser rejects them earlier.
pub fn score(content: &Content, answers: &Answers) -> Profile {
    let axes: Vec<AxisScore> =
        content.axes.iter().map(|axis| score_axis(content, &axis.id, answers)).collect();
    let themes = content
        .themes
        .iter()
        .map(|theme| {
            let scores = content
                .axes
                .iter()
                .zip(&axes)
                .filter(|(axis, _)| axis.theme == theme.id)
                .filter_map(|(_, axis_score)| axis_score.score);
            let (score, scored_axes) = mean(scores);
            ThemeScore { id: theme.id.clone(), score, band: Band::of(score), scored_axes }
        })
        .collect();
    let overall = overall(&axes);
    Profile { axes, themes, overall }
}

fn score_axis(content: &Content, axis: &str, answers: &Answers) -> AxisScore {
    let mut offset_sum = 0_i64;
    let mut range_sum = 0_i64;
    let (mut answered, mut skipped, mut total) = (0, 0, 0);
    let (mut pulled_manager, mut pulled_leader) = (false, false);
    for scenario in content.scenarios_on(axis) {
        total += 1;
        let Some(key) = answers.get(&scenario.id) else {
            continue;
        };
        let Some(option) = scenario.option(key) else {
            skipped += 1;
            continue;
        };
        let (low, high) = scenario.range(axis);
        let offset = 2 * i64::from(option.weight(axis)) - i64::from(low) - i64::from(high);
        let range = i64::from(high) - i64::from(low);
        let position = offset as f64 / range as f64;
        pulled_manager |= position <= -HARD_PULL;
        pulled_leader |= position >= HARD_PULL;
        offset_sum += offset;
        range_sum += range;
        answered += 1;
    }
    let score =
        (range_sum > 0).then(|| (100.0 * offset_sum as f64 / range_sum as f64).round() as i32);
    AxisScore {
        id: axis.to_owned(),
        score,
        band: Band::of(score),
        answered,
        skipped,
        total,
        mixed: pulled_manager && pulled_leader && Band::of(score) == Band::Balanced,
        few_answers: answered < MIN_CONFIDENT_ANSWERS,
    }
}

fn overall(axes: &[AxisScore]) -> Overall {
    let (score, _) = mean(axes.iter().filter_map(|axis| axis.score));
    let count = |side: Option<Side>| {
        axes.iter().filter(|axis| axis.score.is_some() && axis.band.side() == side).count()
    };
    let clearest_manager = clearest(axes, Side::Manager);
    let clearest_leader = clearest(axes, Side::Leader);
    Overall {
        score,
        band: Band::of(score),
        manager_axes: count(Some(Side::Manager)),
        balanced_axes: count(None),
        leader_axes: count(Some(Side::Leader)),
        clearest_manager,
        clearest_leader,
    }
}

/// The axis scored furthest toward `side`. Axes with enough answers come
/// first (one answer should not make the headline when others have several);
/// on a tie the earlier axis wins.
fn clearest(axes: &[AxisScore], side: Side) -> Option<String> {
    let toward = |axis: &AxisScore| match side {
        Side::Manager => -axis.score.unwrap_or(0),
        Side::Leader => axis.score.unwrap_or(0),
    };
    let leaning: Vec<&AxisScore> = axes.iter().filter(|axis| toward(axis) > 0).collect();
    let confident: Vec<&AxisScore> =
        leaning.iter().copied().filter(|axis| !axis.few_answers).collect();
    let pool = if confident.is_empty() { leaning } else { confident };
    pool.into_iter()
        .fold(None, |best: Option<&AxisScore>, axis| match best {
            Some(best) if toward(best) >= toward(axis) => Some(best),
            _ => Some(axis),
        })
        .map(|axis| axis.id.clone())
}

/// Rounded mean and count; `None` for no values.
fn mean(values: impl Iterator<Item = i32>) -> (Option<i32>, usize) {
    let (sum, count) =
        values.fold((0_i64, 0_usize), |(sum, count), value| (sum + i64::from(value), count + 1));
    let mean = (count > 0).then(|| (sum as f64 / count as f64).round() as i32);
    (mean, count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_ids_match_their_serde_form() {
        for band in [
            Band::Balanced,
            Band::LeaningManager,
            Band::StrongManager,
            Band::LeaningLeader,
            Band::StrongLeader,
            Band::Unscored,
        ] {
            assert_eq!(serde_json::to_value(band).unwrap(), band.id());
        }
    }

    fn scored(id: &str, score: i32, few_answers: bool) -> AxisScore {
        AxisScore {
            id: id.to_owned(),
            score: Some(score),
            band: Band::of(Some(score)),
            answered: if few_answers { 1 } else { 3 },
            skipped: 0,
            total: 4,
            mixed: false,
            few_answers,
        }
    }

    #[test]
    fn clearest_prefers_confident_axes_and_the_first_on_ties() {
        let axes = [
            scored("a", -100, true),
            scored("b", -63, false),
            scored("c", -63, false),
            scored("d", 63, false),
            scored("e", 63, false),
        ];
        let summary = overall(&axes);
        assert_eq!(summary.clearest_manager.as_deref(), Some("b"));
        assert_eq!(summary.clearest_leader.as_deref(), Some("d"));
        let only_few = [scored("a", -40, true), scored("b", -80, true)];
        assert_eq!(overall(&only_few).clearest_manager.as_deref(), Some("b"));
        assert_eq!(overall(&only_few).clearest_leader, None);
    }

    #[test]
    fn band_edges() {
        assert_eq!(Band::of(Some(-19)), Band::Balanced);
        assert_eq!(Band::of(Some(-20)), Band::LeaningManager);
        assert_eq!(Band::of(Some(59)), Band::LeaningLeader);
        assert_eq!(Band::of(Some(60)), Band::StrongLeader);
        assert_eq!(Band::of(Some(-60)), Band::StrongManager);
        assert_eq!(Band::of(None), Band::Unscored);
    }
}
