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
//! Every score carries its number of responses and a margin: the standard
//! error from the spread of its scenarios, moderated toward an assumed
//! spread so that a few agreeing scenarios are not taken as certainty. A
//! band toward a side is shown only when the score is beyond the margin
//! ([`MARGIN_Z`] standard errors from the middle); otherwise a score past
//! ±[`LEANING_FROM`] shows as *no clear leaning*. With fewer than
//! [`MIN_BANDED_RESPONSES`] responses the band is `uncertain`. A score
//! without a leaning is *mixed* when its scenarios disagree more than a
//! consistent respondent's would: a test at the 5 % level of their spread
//! against the spread of answering at random (`mixed`).
//!
//! [`Scorer`] holds what scoring needs of a content, worked out once, so
//! that the respondent model (`crate::respondents`) scores thousands of
//! answer sets with the very code an assessment uses. Themes and the
//! overall summary are built from the axis scores alone ([`summarize`]), so
//! a saved result's summary can be rebuilt without the content.

use serde::{Deserialize, Deserializer, Serialize};

use crate::answer::{Answer, Answers};
use crate::content::model::{Content, Pick, Scenario, Side};
pub use crate::content::selection::MIN_BANDED_RESPONSES;

/// Scores with a magnitude below this are balanced.
pub const LEANING_FROM: i32 = 20;
/// Scores with a magnitude at or above this are strong.
pub const STRONG_FROM: i32 = 60;
/// The one-sided 95 % point of the standard normal distribution.
const ONE_SIDED_95: f64 = 1.644_853_6;
/// How many standard errors from the middle a score must be for its band
/// to lean: the one-sided 95 % level, so that the answers show which side
/// it is. Below that, the answers do not tell the sides apart.
pub const MARGIN_Z: f64 = ONE_SIDED_95;

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
    /// Past the balanced range, but within its margin of the middle: the
    /// answers do not show a side.
    NoClearLeaning,
    /// Too few responses to say.
    Uncertain,
    /// A theme or summary whose contrasts lean to both sides.
    Split,
    /// No answers to score.
    Unscored,
}

impl Band {
    /// The band of a score given its number of responses and its standard
    /// error: a leaning only where the margin supports it.
    pub fn of(score: Option<i32>, responses: usize, standard_error: Option<i32>) -> Band {
        match score {
            None => Band::Unscored,
            Some(_) if responses < MIN_BANDED_RESPONSES => Band::Uncertain,
            Some(score) => Band::supported(score, standard_error),
        }
    }

    /// The band of `score` when its margin supports a side, else balanced
    /// or no clear leaning.
    pub fn supported(score: i32, standard_error: Option<i32>) -> Band {
        let band = Band::of_score(score);
        let clear =
            standard_error.is_none_or(|error| f64::from(score.abs()) > MARGIN_Z * f64::from(error));
        if band.side().is_some() && !clear { Band::NoClearLeaning } else { band }
    }

    /// The band a score falls in, however many responses it rests on and
    /// however wide its margin.
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

    /// Whether the band shows no side although the contrast was scored:
    /// balanced, or no clear leaning. Only such a score can be mixed.
    pub fn is_unsided(self) -> bool {
        matches!(self, Band::Balanced | Band::NoClearLeaning)
    }

    /// The machine form, as in JSON: `leaning-leader`, `balanced`, …
    pub fn id(self) -> &'static str {
        match self {
            Band::Balanced => "balanced",
            Band::LeaningManager => "leaning-manager",
            Band::StrongManager => "strong-manager",
            Band::LeaningLeader => "leaning-leader",
            Band::StrongLeader => "strong-leader",
            Band::NoClearLeaning => "no-clear-leaning",
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
            Band::NoClearLeaning => "no clear leaning",
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
    /// answered scenarios (moderated); `None` when nothing was answered.
    pub standard_error: Option<i32>,
    /// The score shows no side, and its scenarios disagree more than a
    /// consistent respondent's would: it depends on the situation.
    pub mixed: bool,
}

impl AxisScore {
    /// The band as people read it: `mixed` replaces a mixed score without a
    /// side.
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
        if mixed && band.is_unsided() { Shown::Mixed } else { Shown::Band(band) }
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
    /// The margin of that mean: the root of the sum of its contrasts'
    /// squared standard errors, over their number.
    pub standard_error: Option<i32>,
    /// `split` when its contrasts lean to both sides; else the band of the
    /// mean where its margin supports one, `uncertain` when no contrast has
    /// enough responses.
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
    /// Axes without a side whose scenarios disagree more than chance.
    pub mixed_axes: usize,
    /// Axes past the balanced range whose margin shows no side.
    #[serde(default)]
    pub unclear_axes: usize,
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
    let scorer = Scorer::new(content);
    scorer.profile(&scorer.index(answers))
}

/// One scenario's answer as scoring reads it: options by their index in
/// the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answered {
    /// Skipped: counts for nothing, but is counted as skipped.
    Skipped,
    /// The options picked.
    Chosen {
        /// Index of the most likely option.
        most: usize,
        /// Index of the least likely option, when it was asked.
        least: Option<usize>,
    },
}

/// What scoring needs of a content, worked out once: for every axis, the
/// scenarios on it, each option's offset and the spread of answering at
/// random.
#[derive(Debug, Clone)]
pub struct Scorer<'a> {
    content: &'a Content,
    axes: Vec<AxisItems>,
}

#[derive(Debug, Clone)]
struct AxisItems {
    id: String,
    items: Vec<Item>,
}

/// One scenario on one axis.
#[derive(Debug, Clone)]
struct Item {
    /// Index of the scenario in the content.
    scenario: usize,
    /// `high − low` of its weights on the axis.
    span: i64,
    /// Each option's offset, from −span to +span.
    offsets: Vec<i64>,
    /// The variance of the counted position (−1 … +1) of someone answering
    /// at random: with the most likely option only, and with both picks.
    random_variance: [f64; 2],
}

impl<'a> Scorer<'a> {
    /// Prepares scoring for `content`.
    pub fn new(content: &'a Content) -> Self {
        let mut axes: Vec<AxisItems> = content
            .axes
            .iter()
            .map(|axis| AxisItems { id: axis.id.clone(), items: Vec::new() })
            .collect();
        // Each scenario once, onto the axes it moves: its items come in
        // content order on every axis.
        for (index, scenario) in content.scenarios.iter().enumerate() {
            for id in scenario.axes() {
                let Some(axis) = axes.iter_mut().find(|axis| axis.id == id) else { continue };
                if scenario.loads_on(id) {
                    axis.items.push(Item::new(index, scenario, id));
                }
            }
        }
        Self { content, axes }
    }

    /// The content being scored.
    pub fn content(&self) -> &'a Content {
        self.content
    }

    /// `answers` by scenario, in content order; `None` where a scenario
    /// has no answer (or one whose keys the scenario does not have).
    pub fn index(&self, answers: &Answers) -> Vec<Option<Answered>> {
        self.content
            .scenarios
            .iter()
            .map(|scenario| match answers.get(scenario.id.as_str())? {
                Answer::Skipped => Some(Answered::Skipped),
                answer @ Answer::Chosen { .. } => {
                    let at = |pick| {
                        answer
                            .key(pick)
                            .and_then(|key| scenario.options.iter().position(|o| o.key == key))
                    };
                    let most = at(Pick::Most)?;
                    Some(Answered::Chosen { most, least: at(Pick::Least) })
                }
            })
            .collect()
    }

    /// The axis scores of `answered` (one entry per scenario, in content
    /// order), in content order.
    pub fn axes(&self, answered: &[Option<Answered>]) -> Vec<AxisScore> {
        self.axes.iter().map(|axis| axis.score(answered)).collect()
    }

    /// Axis, theme and overall scores of `answered`.
    pub fn profile(&self, answered: &[Option<Answered>]) -> Profile {
        let axes = self.axes(answered);
        let membership: Vec<(&str, &str)> =
            self.content.axes.iter().map(|axis| (axis.id.as_str(), axis.theme.as_str())).collect();
        let theme_ids: Vec<&str> =
            self.content.themes.iter().map(|theme| theme.id.as_str()).collect();
        let (themes, overall) = summarize(&axes, &membership, &theme_ids);
        Profile { axes, themes, overall }
    }
}

impl Item {
    fn new(index: usize, scenario: &Scenario, axis: &str) -> Self {
        let offsets: Vec<i64> = scenario.offsets(axis).into_iter().map(i64::from).collect();
        let span = i64::from(scenario.span(axis));
        let random_variance =
            [random_variance(&offsets, span, false), random_variance(&offsets, span, true)];
        Self { scenario: index, span, offsets, random_variance }
    }
}

/// The variance of the counted position, −1 … +1, of a respondent who picks
/// uniformly at random: each option as most likely, or, with `least`, each
/// ordered pair of different options.
fn random_variance(offsets: &[i64], span: i64, least: bool) -> f64 {
    if span <= 0 || offsets.len() < 2 {
        return 0.0;
    }
    let scale = span as f64;
    let positions: Vec<f64> = if least {
        let mut all = Vec::new();
        for (most, up) in offsets.iter().enumerate() {
            for (other, down) in offsets.iter().enumerate() {
                if other != most {
                    all.push((up - down) as f64 / (2.0 * scale));
                }
            }
        }
        all
    } else {
        offsets.iter().map(|&offset| offset as f64 / scale).collect()
    };
    let count = positions.len() as f64;
    let mean = positions.iter().sum::<f64>() / count;
    positions.iter().map(|position| (position - mean).powi(2)).sum::<f64>() / count
}

/// One answered scenario on one axis.
#[derive(Debug, Clone, Copy)]
struct Scored {
    /// Sum of the counted offsets.
    offset: i64,
    /// Responses times span: what `offset` is out of.
    weight: i64,
    /// The variance of `offset / weight` for someone answering at random.
    random_variance: f64,
    responses: usize,
    /// Options the scenario offers: a choice between two shows nothing
    /// about a spread, as every answer sits at an end.
    choices: usize,
}

impl AxisItems {
    fn score(&self, answered: &[Option<Answered>]) -> AxisScore {
        let (mut skipped, total) = (0, self.items.len());
        let mut scored: Vec<Scored> = Vec::new();
        for item in &self.items {
            match answered.get(item.scenario).copied().flatten() {
                None => {}
                Some(Answered::Skipped) => skipped += 1,
                Some(Answered::Chosen { most, least }) => {
                    let mut one = Scored {
                        offset: 0,
                        weight: 0,
                        random_variance: 0.0,
                        responses: 0,
                        choices: item.offsets.len(),
                    };
                    for (sign, option) in [(1, Some(most)), (-1, least)] {
                        if let Some(&offset) = option.and_then(|index| item.offsets.get(index)) {
                            one.offset += sign * offset;
                            one.weight += item.span;
                            one.responses += 1;
                        }
                    }
                    one.random_variance = item.random_variance[usize::from(one.responses > 1)];
                    if one.responses > 0 {
                        scored.push(one);
                    }
                }
            }
        }
        let responses: usize = scored.iter().map(|item| item.responses).sum();
        let (offsets, weights) = scored.iter().fold((0_i64, 0_i64), |(offset, weight), item| {
            (offset + item.offset, weight + item.weight)
        });
        let score = (weights > 0).then(|| (100.0 * offsets as f64 / weights as f64).round() as i32);
        let standard_error = standard_error(&scored);
        let band = Band::of(score, responses, standard_error);
        AxisScore {
            id: self.id.clone(),
            score,
            band,
            responses,
            answered: scored.len(),
            skipped,
            total,
            standard_error,
            mixed: band.is_unsided() && mixed(&scored),
        }
    }
}

/// How many scenarios' worth of evidence the assumed spread counts for.
const PRIOR_SCENARIOS: f64 = 2.0;

/// The standard error of the weighted mean of the scenarios' positions, in
/// points; `None` when nothing is scored.
///
/// The spread between scenarios is estimated from the answers and, as
/// moderated variance estimates do, pulled toward an assumed spread with
/// the weight of [`PRIOR_SCENARIOS`] scenarios. The assumed spread is that
/// of answering these very scenarios at random: the most a consistent
/// respondent's answers vary. Two scenarios that happen to agree are weak
/// evidence that every other scenario would agree too: a plain sample
/// standard error would call them certain (±0).
fn standard_error(scored: &[Scored]) -> Option<i32> {
    let count = scored.len() as f64;
    let total: f64 = scored.iter().map(|item| item.weight as f64).sum();
    if scored.is_empty() || total <= 0.0 {
        return None;
    }
    let mean = scored.iter().map(|item| item.offset as f64).sum::<f64>() / total;
    let (squares, weights_squared, assumed) =
        scored.iter().fold((0.0_f64, 0.0_f64, 0.0_f64), |(squares, weights, assumed), item| {
            let weight = item.weight as f64;
            let position = item.offset as f64 / weight;
            (
                squares + weight * weight * (position - mean).powi(2),
                weights + weight * weight,
                assumed + weight * weight * item.random_variance,
            )
        });
    // (count − 1) × the sample variance of the positions, weighted.
    let observed = count * squares / weights_squared;
    let prior = assumed / weights_squared;
    let variance = (PRIOR_SCENARIOS * prior + observed) / (PRIOR_SCENARIOS + count - 1.0);
    Some((100.0 * (variance * weights_squared).sqrt() / total).round() as i32)
}

/// Whether the scenarios' positions spread more than a consistent
/// respondent's would, at the 5 % level.
///
/// A consistent respondent whose position on the axis is near the middle
/// answers it as if at random; further from the middle, the answers gather
/// at one end and spread less. So the spread of answering at random is the
/// most a consistent respondent shows, and the test compares with it:
/// `Q = Σ (yᵢ − ȳ)² / vᵢ`, where yᵢ is a scenario's counted position, vᵢ
/// its variance under random answering and ȳ the precision-weighted mean,
/// is about χ² with n − 1 degrees of freedom for such a respondent. Mixed
/// when Q exceeds that distribution's 95th percentile (Wilson and
/// Hilferty's approximation), with at least three scenarios. Choices
/// between two options are left out: every answer to one sits at an end,
/// so its spread says nothing a consistent respondent's would not.
fn mixed(scored: &[Scored]) -> bool {
    let items: Vec<(f64, f64)> = scored
        .iter()
        .filter(|item| item.choices > 2 && item.weight > 0 && item.random_variance > 0.0)
        .map(|item| (item.offset as f64 / item.weight as f64, item.random_variance))
        .collect();
    if items.len() < 3 {
        return false;
    }
    let precision: f64 = items.iter().map(|(_, variance)| 1.0 / variance).sum();
    let mean =
        items.iter().map(|(position, variance)| position / variance).sum::<f64>() / precision;
    let q: f64 =
        items.iter().map(|(position, variance)| (position - mean).powi(2) / variance).sum();
    q > chi_square_95(items.len() - 1)
}

/// The 95th percentile of the χ² distribution with `freedom` degrees of
/// freedom, by Wilson and Hilferty's cube-root approximation (within 1 % of
/// the exact value from 2 degrees of freedom on).
fn chi_square_95(freedom: usize) -> f64 {
    let k = freedom.max(1) as f64;
    let a = 2.0 / (9.0 * k);
    k * (1.0 - a + ONE_SIDED_95 * a.sqrt()).powi(3)
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

/// Fewest responses behind each of two scores before their difference can
/// be called beyond noise. With fewer (a quick run gives three or four per
/// contrast) a score takes only a few coarse values, and the normal
/// approximation the margins rest on does not hold.
pub const MIN_CHANGE_RESPONSES: usize = 6;

/// One score as a difference needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    /// The score, in points.
    pub score: f64,
    /// Its margin (standard error), in points.
    pub margin: Option<f64>,
    /// The responses it rests on.
    pub responses: usize,
}

/// Whether `later` differs from `earlier` beyond noise: both rest on at
/// least [`MIN_CHANGE_RESPONSES`] responses, and the difference is a
/// [`reliable_change`].
pub fn beyond_noise(earlier: Measure, later: Measure) -> bool {
    earlier.responses >= MIN_CHANGE_RESPONSES
        && later.responses >= MIN_CHANGE_RESPONSES
        && reliable_change(later.score - earlier.score, earlier.margin, later.margin)
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
                standard_error: group.standard_error,
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
        unclear_axes: count(|axis| axis.shown() == Shown::Band(Band::NoClearLeaning)),
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
    standard_error: Option<i32>,
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
    let errors: Vec<f64> = axes
        .iter()
        .filter(|axis| axis.score.is_some())
        .filter_map(|axis| axis.standard_error.map(f64::from))
        .collect();
    let standard_error = (!errors.is_empty() && errors.len() == scored).then(|| {
        (errors.iter().map(|error| error * error).sum::<f64>().sqrt() / scored as f64).round()
            as i32
    });
    let leans = |side| axes.iter().any(|axis| axis.band.side() == Some(side));
    let banded = axes.iter().any(|axis| !matches!(axis.band, Band::Uncertain | Band::Unscored));
    let band = match score {
        None => Band::Unscored,
        Some(_) if leans(Side::Manager) && leans(Side::Leader) => Band::Split,
        Some(_) if !banded => Band::Uncertain,
        Some(score) => Band::supported(score, standard_error),
    };
    Group {
        score,
        standard_error,
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

    const BANDS: [Band; 9] = [
        Band::Balanced,
        Band::NoClearLeaning,
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
            band: Band::of(Some(score), responses, None),
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
        let narrow = Some(5);
        assert_eq!(Band::of(Some(-19), 3, narrow), Band::Balanced);
        assert_eq!(Band::of(Some(-20), 3, narrow), Band::LeaningManager);
        assert_eq!(Band::of(Some(59), 3, narrow), Band::LeaningLeader);
        assert_eq!(Band::of(Some(60), 3, narrow), Band::StrongLeader);
        assert_eq!(Band::of(Some(-60), 3, narrow), Band::StrongManager);
        assert_eq!(Band::of(Some(100), 2, narrow), Band::Uncertain);
        assert_eq!(Band::of(None, 0, None), Band::Unscored);
    }

    #[test]
    fn a_side_is_shown_only_beyond_the_margin() {
        // MARGIN_Z = 1.645 standard errors from the middle: 30 > 1.645 · 18.
        assert_eq!(Band::of(Some(30), 6, Some(18)), Band::LeaningLeader);
        assert_eq!(Band::of(Some(30), 6, Some(19)), Band::NoClearLeaning);
        assert_eq!(Band::of(Some(-65), 6, Some(70)), Band::NoClearLeaning);
        assert_eq!(Band::of(Some(10), 6, Some(40)), Band::Balanced, "inside ±20 stays balanced");
        assert!(Band::NoClearLeaning.side().is_none() && Band::NoClearLeaning.is_unsided());
    }

    #[test]
    fn a_theme_without_a_clear_mean_shows_no_leaning() {
        // Two contrasts at +25 ±20 each: the mean's margin is
        // sqrt(20² + 20²) / 2 = 14, and 25 > 14 leans.
        let mut a = scored("a", 25, 6);
        a.standard_error = Some(20);
        let mut b = a.clone();
        b.id = "b".to_owned();
        let membership = [("a", "t"), ("b", "t")];
        let (themes, _) = summarize(&[a.clone(), b.clone()], &membership, &["t"]);
        assert_eq!((themes[0].score, themes[0].standard_error), (Some(25), Some(14)));
        assert_eq!(themes[0].band, Band::LeaningLeader);
        a.standard_error = Some(40);
        b.standard_error = Some(40);
        let (themes, _) = summarize(&[a, b], &membership, &["t"]);
        assert_eq!(themes[0].band, Band::NoClearLeaning, "{:?}", themes[0]);
    }

    fn positions(items: &[(i64, i64, f64)]) -> Vec<Scored> {
        items
            .iter()
            .map(|&(offset, weight, random_variance)| Scored {
                offset,
                weight,
                random_variance,
                responses: 2,
                choices: 4,
            })
            .collect()
    }

    #[test]
    fn mixed_needs_more_spread_than_random_answering() {
        // Positions +1, −1, +1, −1, +1, −1 where random answering varies by
        // 1/3: Q = 6 · 1 / (1/3) = 18 > 11.07, the 95th percentile of χ²
        // with 5 degrees of freedom.
        let ends = positions(&[(4, 4, 1.0 / 3.0), (-4, 4, 1.0 / 3.0)].repeat(3));
        assert!(mixed(&ends));
        // The same answers where random answering varies by 1: Q = 6, not
        // more than chance.
        let wide = positions(&[(4, 4, 1.0), (-4, 4, 1.0)].repeat(3));
        assert!(!mixed(&wide));
        // Choices between two options never count toward the test.
        let pairs: Vec<Scored> =
            ends.iter().map(|item| Scored { choices: 2, responses: 1, ..*item }).collect();
        assert!(!mixed(&pairs));
        // Consistent answers at one end never spread.
        assert!(!mixed(&positions(&[(4, 4, 1.0 / 3.0); 6])));
        assert!(!mixed(&ends[..2]), "two scenarios are too few to test");
    }

    #[test]
    fn the_chi_square_point_is_close_to_the_table() {
        for (freedom, table) in [(2, 5.991), (5, 11.070), (10, 18.307), (20, 31.410)] {
            let approximate = chi_square_95(freedom);
            assert!((approximate - table).abs() / table < 0.01, "{freedom}: {approximate}");
        }
    }

    #[test]
    fn random_variance_is_exact_for_a_small_scenario() {
        // Offsets −2, 0, +2 over span 2 (weights −1, 0, 1). Most alone:
        // positions −1, 0, 1, variance 2/3. Most and least: the six
        // ordered pairs give (up − down) / 4 = ±1/2, ±1, ±1/2: variance
        // (4 · 1/4 + 2 · 1) / 6 = 1/2.
        let offsets = [-2, 0, 2];
        assert!((random_variance(&offsets, 2, false) - 2.0 / 3.0).abs() < 1e-12);
        assert!((random_variance(&offsets, 2, true) - 0.5).abs() < 1e-12);
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
        // is moderated with 2 scenarios' worth of the spread of answering
        // them at random, 1/3 here:
        // (2/3 + 7/6) / (2 + 2) = 0.4583; se = sqrt(0.4583 / 3) = 0.391.
        let items = [
            Scored { offset: 4, weight: 4, random_variance: 1.0 / 3.0, responses: 1, choices: 4 },
            Scored { offset: 0, weight: 4, random_variance: 1.0 / 3.0, responses: 1, choices: 4 },
            Scored { offset: -2, weight: 4, random_variance: 1.0 / 3.0, responses: 1, choices: 4 },
        ];
        assert_eq!(standard_error(&items), Some(39));
        // One scenario: the assumed spread alone, sqrt(1/3) = 0.577.
        assert_eq!(standard_error(&items[..1]), Some(58));
        assert_eq!(standard_error(&[]), None);
        // A wider spread at random widens the margin: with 1/2 instead,
        // (1 + 7/6) / 4 = 0.5417, se = sqrt(0.5417 / 3) = 0.425.
        let wider: Vec<Scored> =
            items.iter().map(|item| Scored { random_variance: 0.5, ..*item }).collect();
        assert_eq!(standard_error(&wider), Some(42));
    }

    #[test]
    fn scenarios_that_agree_are_not_certain() {
        // Two scenarios at the leader end: a plain sample standard error
        // would be 0. Moderated: (2/3 + 0) / (2 + 1) = 2/9; se = sqrt(2/9 / 2) = 0.333.
        let agreeing = [
            Scored { offset: 8, weight: 8, random_variance: 1.0 / 3.0, responses: 2, choices: 4 },
            Scored { offset: 8, weight: 8, random_variance: 1.0 / 3.0, responses: 2, choices: 4 },
        ];
        assert_eq!(standard_error(&agreeing), Some(33));
        // More agreeing scenarios, a smaller error.
        let five = [
            Scored { offset: 8, weight: 8, random_variance: 1.0 / 3.0, responses: 2, choices: 4 },
            Scored { offset: 8, weight: 8, random_variance: 1.0 / 3.0, responses: 2, choices: 4 },
            Scored { offset: 8, weight: 8, random_variance: 1.0 / 3.0, responses: 2, choices: 4 },
            Scored { offset: 8, weight: 8, random_variance: 1.0 / 3.0, responses: 2, choices: 4 },
            Scored { offset: 8, weight: 8, random_variance: 1.0 / 3.0, responses: 2, choices: 4 },
        ];
        assert_eq!(standard_error(&five), Some(15));
    }
}
