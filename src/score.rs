//! Scoring: a pure function from content and answers to a profile.
//!
//! On each axis only the scenarios that load on it count. Every pick is
//! placed within its scenario's range on the axis with
//! [`Scenario::offset`](crate::content::model::Scenario::offset): the most
//! manager-side option is at −span, the most leader-side at +span. The most
//! likely pick counts its offset; the least likely pick counts the negative
//! of its offset (rejecting the leader-side option is a pull toward the
//! manager side). The axis score is 100 × the sum of counted offsets over
//! the sum of spans of the responses, so someone who always picks the most
//! leader-side option as most likely (and the most manager-side one as
//! least likely) scores +100. Skips count for nothing.
//!
//! Every score carries its number of responses and a standard error from
//! the spread of its scenarios, moderated toward an assumed spread so that
//! a few agreeing scenarios are not taken as certainty. With fewer than
//! [`MIN_BANDED_RESPONSES`] responses the band is `uncertain`. A balanced
//! score is *mixed* when it comes from clear answers at both ends rather
//! than from answers in the middle. Themes and the overall summary are
//! built from the axis scores alone ([`summarize`]), so a saved result's
//! summary can be rebuilt without the content.

use serde::{Deserialize, Deserializer, Serialize};

use crate::answer::{Answer, Answers};
use crate::content::model::{Content, Pick, Side};
pub use crate::content::selection::MIN_BANDED_RESPONSES;

/// Scores with a magnitude below this are balanced.
pub const LEANING_FROM: i32 = 20;
/// Scores with a magnitude at or above this are strong.
pub const STRONG_FROM: i32 = 60;

/// Where a score falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Too few responses to say.
    Uncertain,
    /// A theme or summary whose contrasts lean to both sides.
    Split,
    /// No answers to score.
    Unscored,
}

impl Band {
    /// The band of an axis score given its number of responses.
    pub fn of(score: Option<i32>, responses: usize) -> Band {
        match score {
            None => Band::Unscored,
            Some(_) if responses < MIN_BANDED_RESPONSES => Band::Uncertain,
            Some(score) => Band::of_score(score),
        }
    }

    /// The band a score falls in, however many responses it rests on.
    pub fn of_score(score: i32) -> Band {
        match score {
            score if score <= -STRONG_FROM => Band::StrongManager,
            score if score <= -LEANING_FROM => Band::LeaningManager,
            score if score >= STRONG_FROM => Band::StrongLeader,
            score if score >= LEANING_FROM => Band::LeaningLeader,
            _ => Band::Balanced,
        }
    }

    /// The side the band leans to, if any.
    pub fn side(self) -> Option<Side> {
        match self {
            Band::LeaningManager | Band::StrongManager => Some(Side::Manager),
            Band::LeaningLeader | Band::StrongLeader => Some(Side::Leader),
            _ => None,
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
            Band::Uncertain => "uncertain",
            Band::Split => "split",
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
            Band::Uncertain => "uncertain",
            Band::Split => "split",
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
    /// Scored responses (each scenario gives one, or two when the least
    /// likely option is asked too).
    pub responses: usize,
    /// Scenarios on this axis answered.
    pub answered: usize,
    /// Scenarios on this axis skipped.
    pub skipped: usize,
    /// Scenarios in the content that load on this axis.
    pub total: usize,
    /// Standard error of the score, in points, from the spread of the
    /// answered scenarios; `None` with fewer than two.
    pub standard_error: Option<i32>,
    /// The score is balanced, but because clear answers at both ends
    /// cancelled out, not because the answers sat in the middle.
    pub mixed: bool,
}

impl AxisScore {
    /// The band as people read it: `mixed` replaces a mixed `balanced`.
    pub fn shown(&self) -> Shown {
        Shown::of(self.band, self.mixed)
    }
}

/// The band as a report shows it: a band, or "mixed".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// A band.
    Band(Band),
    /// A balanced score from answers at both ends.
    Mixed,
}

impl Shown {
    /// From a band and the mixed flag.
    pub fn of(band: Band, mixed: bool) -> Shown {
        if mixed && band == Band::Balanced { Shown::Mixed } else { Shown::Band(band) }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Shown::Band(band) => band.label(),
            Shown::Mixed => "mixed",
        }
    }

    /// The machine form.
    pub fn id(self) -> &'static str {
        match self {
            Shown::Band(band) => band.id(),
            Shown::Mixed => "mixed",
        }
    }
}

/// The outcome on one theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeScore {
    /// Theme id.
    pub id: String,
    /// Mean of the theme's axis scores.
    pub score: Option<i32>,
    /// `split` when its contrasts lean to both sides; else the band of the
    /// mean, `uncertain` when no contrast has enough responses.
    pub band: Band,
    /// Lowest axis score in the theme.
    pub min: Option<i32>,
    /// Highest axis score in the theme.
    pub max: Option<i32>,
    /// Axes in the theme that have a score.
    pub scored_axes: usize,
}

/// Reads an optional whole number that JSON may spell as a float: `-0`
/// arrives as `-0.0`, and `40.0` is 40. Anything with a fraction, or out
/// of range, is refused.
pub fn whole_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<i32>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Number {
        Integer(i64),
        Float(f64),
    }
    let Some(number) = Option::<Number>::deserialize(deserializer)? else {
        return Ok(None);
    };
    let whole = match number {
        Number::Integer(value) => Some(value),
        Number::Float(value) if value.fract() == 0.0 && value.abs() < 1e9 => Some(value as i64),
        Number::Float(_) => None,
    };
    whole
        .and_then(|value| i32::try_from(value).ok())
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("expected a whole number"))
}

/// The whole picture, counted the way the bars show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overall {
    /// Mean of all axis scores.
    #[serde(deserialize_with = "whole_number")]
    pub score: Option<i32>,
    /// `split` when contrasts lean to both sides; else the band of the mean.
    pub band: Band,
    /// Axes leaning or strong toward the leader side.
    pub leader_axes: usize,
    /// Axes leaning or strong toward the manager side.
    pub manager_axes: usize,
    /// Axes balanced with answers in the middle.
    pub balanced_axes: usize,
    /// Axes balanced from answers at both ends.
    pub mixed_axes: usize,
    /// Axes with too few responses for a band.
    pub uncertain_axes: usize,
    /// Axes with no answers.
    pub unscored_axes: usize,
    /// The axis leaning furthest toward the manager side.
    pub clearest_manager: Option<String>,
    /// The axis leaning furthest toward the leader side.
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
/// unknown keys count for nothing; the answers parser rejects them earlier.
pub fn score(content: &Content, answers: &Answers) -> Profile {
    let axes: Vec<AxisScore> =
        content.axes.iter().map(|axis| score_axis(content, &axis.id, answers)).collect();
    let membership: Vec<(&str, &str)> =
        content.axes.iter().map(|axis| (axis.id.as_str(), axis.theme.as_str())).collect();
    let theme_ids: Vec<&str> = content.themes.iter().map(|theme| theme.id.as_str()).collect();
    let (themes, overall) = summarize(&axes, &membership, &theme_ids);
    Profile { axes, themes, overall }
}

/// One answered scenario on one axis.
struct Scored {
    /// Sum of the counted offsets.
    offset: i64,
    /// Responses times span: what `offset` is out of.
    weight: i64,
    /// Where the most likely pick sits: −1 at the manager end, +1 at the
    /// leader end, 0 elsewhere.
    end: i8,
    responses: usize,
}

fn score_axis(content: &Content, axis: &str, answers: &Answers) -> AxisScore {
    let (mut skipped, mut total) = (0, 0);
    let mut scored: Vec<Scored> = Vec::new();
    for scenario in content.scenarios_on(axis) {
        total += 1;
        let span = i64::from(scenario.span(axis));
        match answers.get(&scenario.id) {
            None => {}
            Some(Answer::Skipped) => skipped += 1,
            Some(answer @ Answer::Chosen { .. }) => {
                let mut item = Scored { offset: 0, weight: 0, end: 0, responses: 0 };
                for (pick, option) in answer.picks(scenario) {
                    let offset = i64::from(scenario.offset(option, axis));
                    item.offset += i64::from(pick.sign()) * offset;
                    item.weight += span;
                    item.responses += 1;
                    if pick == Pick::Most && span > 0 && offset.abs() == span {
                        item.end = offset.signum() as i8;
                    }
                }
                if item.responses > 0 {
                    scored.push(item);
                }
            }
        }
    }
    let responses: usize = scored.iter().map(|item| item.responses).sum();
    let (offsets, weights) = scored.iter().fold((0_i64, 0_i64), |(offset, weight), item| {
        (offset + item.offset, weight + item.weight)
    });
    let score = (weights > 0).then(|| (100.0 * offsets as f64 / weights as f64).round() as i32);
    let band = Band::of(score, responses);
    AxisScore {
        id: axis.to_owned(),
        score,
        band,
        responses,
        answered: scored.len(),
        skipped,
        total,
        standard_error: standard_error(&scored),
        mixed: band == Band::Balanced && mixed(&scored),
    }
}

/// The spread assumed for a scenario's position before any answers are
/// seen: the variance of positions spread evenly over −1 … +1.
const PRIOR_VARIANCE: f64 = 1.0 / 3.0;
/// How many scenarios' worth of evidence that assumption counts for.
const PRIOR_SCENARIOS: f64 = 2.0;

/// The standard error of the weighted mean of the scenarios' positions, in
/// points; `None` when nothing is scored.
///
/// The spread between scenarios is estimated from the answers and, as
/// moderated variance estimates do, pulled toward [`PRIOR_VARIANCE`] with
/// the weight of [`PRIOR_SCENARIOS`] scenarios. Two scenarios that happen
/// to agree are weak evidence that every other scenario would agree too:
/// a plain sample standard error would call them certain (±0).
fn standard_error(scored: &[Scored]) -> Option<i32> {
    let count = scored.len() as f64;
    let total: f64 = scored.iter().map(|item| item.weight as f64).sum();
    if scored.is_empty() || total <= 0.0 {
        return None;
    }
    let mean = scored.iter().map(|item| item.offset as f64).sum::<f64>() / total;
    let (squares, weights_squared) =
        scored.iter().fold((0.0_f64, 0.0_f64), |(squares, weights), item| {
            let weight = item.weight as f64;
            let position = item.offset as f64 / weight;
            (squares + weight * weight * (position - mean).powi(2), weights + weight * weight)
        });
    // (count − 1) × the sample variance of the positions, weighted.
    let observed = count * squares / weights_squared;
    let variance = (PRIOR_SCENARIOS * PRIOR_VARIANCE + observed) / (PRIOR_SCENARIOS + count - 1.0);
    Some((100.0 * (variance * weights_squared).sqrt() / total).round() as i32)
}

/// Whether the most likely picks sat at the ends both ways: at least one at
/// each end, and ends for at least half of the scenarios.
fn mixed(scored: &[Scored]) -> bool {
    let manager_ends = scored.iter().filter(|item| item.end < 0).count();
    let leader_ends = scored.iter().filter(|item| item.end > 0).count();
    manager_ends > 0 && leader_ends > 0 && 2 * (manager_ends + leader_ends) >= scored.len()
}

/// How many margins apart two scores must be before a difference counts:
/// the two-sided 95 % point of the normal distribution.
pub const RELIABLE_CHANGE_Z: f64 = 1.96;

/// Whether the difference between two scores is larger than their margins
/// explain: beyond [`RELIABLE_CHANGE_Z`] times the square root of the sum of
/// both squared standard errors (a reliable change, after Jacobson and
/// Truax). `compare` asks it of two results, `feedback` of a self-rating
/// and the colleagues' mean. A difference without a margin on either side
/// is never called real.
pub fn reliable_change(difference: f64, margin_a: Option<f64>, margin_b: Option<f64>) -> bool {
    match (margin_a, margin_b) {
        (Some(a), Some(b)) => difference.abs() > RELIABLE_CHANGE_Z * (a * a + b * b).sqrt(),
        _ => false,
    }
}

/// Themes and the overall summary from axis scores alone. `membership`
/// pairs each axis id with its theme id; `themes` lists the theme ids in
/// order. Used when scoring, and when a saved result is read back, so that
/// a summary always agrees with its bars.
pub fn summarize(
    axes: &[AxisScore],
    membership: &[(&str, &str)],
    themes: &[&str],
) -> (Vec<ThemeScore>, Overall) {
    let theme_of = |axis: &AxisScore| {
        membership.iter().find(|(id, _)| *id == axis.id).map(|(_, theme)| *theme)
    };
    let themes = themes
        .iter()
        .map(|&theme| {
            let members: Vec<&AxisScore> =
                axes.iter().filter(|axis| theme_of(axis) == Some(theme)).collect();
            let group = group(&members);
            ThemeScore {
                id: theme.to_owned(),
                score: group.score,
                band: group.band,
                min: group.min,
                max: group.max,
                scored_axes: group.scored,
            }
        })
        .collect();
    let all: Vec<&AxisScore> = axes.iter().collect();
    let summary = group(&all);
    let count = |wanted: fn(&AxisScore) -> bool| axes.iter().filter(|axis| wanted(axis)).count();
    let overall = Overall {
        score: summary.score,
        band: summary.band,
        leader_axes: count(|axis| axis.band.side() == Some(Side::Leader)),
        manager_axes: count(|axis| axis.band.side() == Some(Side::Manager)),
        balanced_axes: count(|axis| axis.shown() == Shown::Band(Band::Balanced)),
        mixed_axes: count(|axis| axis.shown() == Shown::Mixed),
        uncertain_axes: count(|axis| axis.band == Band::Uncertain),
        unscored_axes: count(|axis| axis.band == Band::Unscored),
        clearest_manager: clearest(axes, Side::Manager),
        clearest_leader: clearest(axes, Side::Leader),
    };
    (themes, overall)
}

/// What a group of axes adds up to.
struct Group {
    score: Option<i32>,
    band: Band,
    min: Option<i32>,
    max: Option<i32>,
    scored: usize,
}

fn group(axes: &[&AxisScore]) -> Group {
    let scores: Vec<i32> = axes.iter().filter_map(|axis| axis.score).collect();
    let scored = scores.len();
    let score = (scored > 0).then(|| {
        let sum: i64 = scores.iter().map(|&score| i64::from(score)).sum();
        (sum as f64 / scored as f64).round() as i32
    });
    let leans = |side| axes.iter().any(|axis| axis.band.side() == Some(side));
    let banded = axes.iter().any(|axis| !matches!(axis.band, Band::Uncertain | Band::Unscored));
    let band = match score {
        None => Band::Unscored,
        Some(_) if leans(Side::Manager) && leans(Side::Leader) => Band::Split,
        Some(_) if !banded => Band::Uncertain,
        Some(score) => Band::of_score(score),
    };
    Group {
        score,
        band,
        min: scores.iter().copied().min(),
        max: scores.iter().copied().max(),
        scored,
    }
}

/// The axis leaning furthest toward `side`: only axes whose band leans that
/// way; on a tie the one with more responses, then the earlier.
fn clearest(axes: &[AxisScore], side: Side) -> Option<String> {
    let toward = |axis: &AxisScore| match side {
        Side::Manager => -axis.score.unwrap_or(0),
        Side::Leader => axis.score.unwrap_or(0),
    };
    axes.iter()
        .filter(|axis| axis.band.side() == Some(side))
        .fold(None, |best: Option<&AxisScore>, axis| match best {
            Some(best) if (toward(best), best.responses) >= (toward(axis), axis.responses) => {
                Some(best)
            }
            _ => Some(axis),
        })
        .map(|axis| axis.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    const BANDS: [Band; 8] = [
        Band::Balanced,
        Band::LeaningManager,
        Band::StrongManager,
        Band::LeaningLeader,
        Band::StrongLeader,
        Band::Uncertain,
        Band::Split,
        Band::Unscored,
    ];

    #[test]
    fn band_ids_match_their_serde_form() {
        for band in BANDS {
            assert_eq!(serde_json::to_value(band).unwrap(), band.id());
        }
    }

    fn scored(id: &str, score: i32, responses: usize) -> AxisScore {
        AxisScore {
            id: id.to_owned(),
            score: Some(score),
            band: Band::of(Some(score), responses),
            responses,
            answered: responses,
            skipped: 0,
            total: 4,
            standard_error: None,
            mixed: false,
        }
    }

    #[test]
    fn clearest_takes_only_leaning_axes_then_more_responses_then_the_first() {
        let axes = [
            scored("a", -100, 2),
            scored("b", -63, 4),
            scored("c", -63, 6),
            scored("d", 63, 4),
            scored("e", 63, 4),
            scored("f", 15, 8),
        ];
        let (_, overall) = summarize(&axes, &[], &[]);
        assert_eq!(overall.clearest_manager.as_deref(), Some("c"), "uncertain a is not a leaning");
        assert_eq!(overall.clearest_leader.as_deref(), Some("d"));
        let (_, only_balanced) = summarize(&[scored("f", 15, 8)], &[], &[]);
        assert_eq!(only_balanced.clearest_leader, None);
    }

    #[test]
    fn a_change_is_reliable_only_beyond_both_margins() {
        // 1.96 · sqrt(10² + 10²) = 27.7.
        assert!(!reliable_change(27.0, Some(10.0), Some(10.0)));
        assert!(reliable_change(-28.0, Some(10.0), Some(10.0)));
        assert!(!reliable_change(90.0, None, Some(10.0)), "no margin, no verdict");
    }

    #[test]
    fn band_edges() {
        assert_eq!(Band::of(Some(-19), 3), Band::Balanced);
        assert_eq!(Band::of(Some(-20), 3), Band::LeaningManager);
        assert_eq!(Band::of(Some(59), 3), Band::LeaningLeader);
        assert_eq!(Band::of(Some(60), 3), Band::StrongLeader);
        assert_eq!(Band::of(Some(-60), 3), Band::StrongManager);
        assert_eq!(Band::of(Some(100), 2), Band::Uncertain);
        assert_eq!(Band::of(None, 0), Band::Unscored);
    }

    #[test]
    fn a_theme_leaning_both_ways_is_split_with_its_range() {
        let axes = [scored("a", 63, 4), scored("b", -63, 4), scored("c", 10, 4)];
        let membership = [("a", "t"), ("b", "t"), ("c", "u")];
        let (themes, overall) = summarize(&axes, &membership, &["t", "u"]);
        assert_eq!(themes[0].band, Band::Split);
        assert_eq!((themes[0].min, themes[0].max), (Some(-63), Some(63)));
        assert_eq!(themes[0].score, Some(0));
        assert_eq!(themes[1].band, Band::Balanced);
        assert_eq!(overall.band, Band::Split);
        assert_eq!((overall.leader_axes, overall.manager_axes, overall.balanced_axes), (1, 1, 1));
    }

    #[test]
    fn a_theme_of_uncertain_axes_is_uncertain() {
        let (themes, overall) = summarize(&[scored("a", 80, 2)], &[("a", "t")], &["t"]);
        assert_eq!(themes[0].band, Band::Uncertain);
        assert_eq!(overall.uncertain_axes, 1);
        assert_eq!(overall.leader_axes, 0);
    }

    #[test]
    fn standard_error_of_equal_weights_is_the_moderated_textbook_one() {
        // Positions 1, 0, -0.5 with equal weights: mean 1/6, sum of squares
        // (5/6)^2 + (1/6)^2 + (2/3)^2 = 7/6. The sample variance (7/6) / 2
        // is moderated with 2 scenarios' worth of 1/3:
        // (2/3 + 7/6) / (2 + 2) = 0.4583; se = sqrt(0.4583 / 3) = 0.391.
        let items = [
            Scored { offset: 4, weight: 4, end: 1, responses: 1 },
            Scored { offset: 0, weight: 4, end: 0, responses: 1 },
            Scored { offset: -2, weight: 4, end: 0, responses: 1 },
        ];
        assert_eq!(standard_error(&items), Some(39));
        // One scenario: the assumed spread alone, sqrt(1/3) = 0.577.
        assert_eq!(standard_error(&items[..1]), Some(58));
        assert_eq!(standard_error(&[]), None);
    }

    #[test]
    fn scenarios_that_agree_are_not_certain() {
        // Two scenarios at the leader end: a plain sample standard error
        // would be 0. Moderated: (2/3 + 0) / (2 + 1) = 2/9; se = sqrt(2/9 / 2) = 0.333.
        let agreeing = [
            Scored { offset: 8, weight: 8, end: 1, responses: 2 },
            Scored { offset: 8, weight: 8, end: 1, responses: 2 },
        ];
        assert_eq!(standard_error(&agreeing), Some(33));
        // More agreeing scenarios, a smaller error.
        let five = [
            Scored { offset: 8, weight: 8, end: 1, responses: 2 },
            Scored { offset: 8, weight: 8, end: 1, responses: 2 },
            Scored { offset: 8, weight: 8, end: 1, responses: 2 },
            Scored { offset: 8, weight: 8, end: 1, responses: 2 },
            Scored { offset: 8, weight: 8, end: 1, responses: 2 },
        ];
        assert_eq!(standard_error(&five), Some(15));
    }
}
