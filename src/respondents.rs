//! Modelled respondents: how well a questionnaire tells people apart.
//!
//! The design analysis (`content::design`) describes answering at random;
//! this module describes people. The *consistent-respondent model* gives
//! every modelled person a position θ on every contrast, independent and
//! standard normal. In a scenario, an option's utility is
//! `β · Σ θ · position + ε`: the sum runs over the contrasts the scenario
//! moves, `position` is where the option sits on each, −1 … +1, exactly as
//! the scoring places it ([`Scenario::offset`] over the span), and ε is
//! independent standard Gumbel noise, so that choices follow the
//! multinomial logit model. The most likely pick is the option of highest
//! utility; the least likely, asked in scenarios of three or more options,
//! the lowest among the rest. A choice between two options is the same
//! model with one pick. At β = 0.5 two scenarios on the same contrast
//! correlate about 0.2, as situational judgement items do.
//!
//! Each person answers the form twice, independently, and both answer sets
//! are scored by [`Scorer`], the code an assessment uses. From that come,
//! per contrast and form: the retest correlation, recovery (θ against the
//! score), how often the same side comes back on the retest, how often
//! someone clearly on one side (|θ| > 0.5) is shown the other side's band,
//! how often someone further out (|θ| > 1) is shown a leaning their way,
//! how often a consistent respondent is shown *mixed*, and how often
//! `compare` would call the difference between a person's two answer sets
//! a move beyond noise; and the largest
//! correlation between two contrasts' scores, whose θ are independent. The
//! random numbers come from a fixed seed, so every run prints the same
//! figures.
//!
//! `itlead check` prints them and `--strict` fails on a missed target; the
//! build enforces the targets on the built-in questionnaire.

use serde::{Deserialize, Serialize};

use crate::content::Content;
use crate::content::findings::{Finding, Form};
use crate::content::model::{Pick, Scenario, Side};
use crate::content::selection::quick_set;
use crate::number::round;
use crate::score::{Answered, AxisScore, Measure, Scorer, beyond_noise};

/// The default strength of a person's positions against the noise.
pub const DEFAULT_BETA: f64 = 0.5;
/// Modelled people per form: enough for figures to about ±0.01.
pub const PEOPLE: usize = 4000;
/// The seed every run starts from.
pub const SEED: u64 = 0x6974_6c65_6164_0003;

/// Fewest retest correlation of any contrast, in the full form.
pub const RETEST_LIMIT: f64 = 0.65;
/// Fewest median retest correlation over the contrasts, in the full form.
pub const MEDIAN_RETEST_LIMIT: f64 = 0.70;
/// Smallest share shown the same side (manager, neither, leader) on a
/// retest, in the full form.
pub const SAME_SIDE_LIMIT: f64 = 0.60;
/// Largest share of people beyond ±0.5 shown the other side's band.
pub const WRONG_SIDE_LIMIT: f64 = 0.05;
/// Smallest share of people beyond ±1 shown a leaning their way, in the
/// full form.
pub const SENSITIVITY_LIMIT: f64 = 0.50;
/// Largest share of consistent respondents shown mixed.
pub const MIXED_LIMIT: f64 = 0.05;
/// Largest correlation between two contrasts' scores in the quick form.
pub const QUICK_CORRELATION_LIMIT: f64 = 0.25;
/// Largest share of people whose two answer sets `compare` calls a move
/// beyond noise.
pub const MOVED_LIMIT: f64 = 0.05;

/// Positions beyond this (in standard deviations) count as one side when
/// looking for the wrong side.
const SIDE_FROM: f64 = 0.5;
/// Positions beyond this count as clearly one side when looking for a
/// leaning.
const CLEAR_FROM: f64 = 1.0;

/// What the model found for a questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Modelled {
    /// The strength of positions against the noise.
    pub beta: f64,
    /// Modelled people per form.
    pub people: usize,
    /// The seed of the random numbers.
    pub seed: u64,
    /// The full form.
    pub full: FormModel,
    /// The quick form.
    pub quick: FormModel,
    /// Missed targets; `check --strict` fails on any.
    pub warnings: Vec<Finding>,
}

/// The figures of one form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FormModel {
    /// Scenarios asked.
    pub scenarios: usize,
    /// One entry per contrast, in content order.
    pub axes: Vec<AxisModel>,
    /// The median retest correlation over the contrasts.
    pub median_retest: f64,
    /// The two contrasts whose scores correlate most strongly, either way.
    pub largest_correlation: Option<ModelledCorrelation>,
}

/// The figures of one contrast in one form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisModel {
    /// Axis id.
    pub id: String,
    /// Correlation of two answer sets by the same people.
    pub retest: f64,
    /// Correlation of the score with the position it measures.
    pub recovery: f64,
    /// Share shown the same side (manager, neither, leader) both times.
    pub same_side: f64,
    /// Share of people beyond ±0.5 shown a band of the other side.
    pub wrong_side: f64,
    /// Share of people beyond ±1 shown a leaning their way.
    pub sensitivity: f64,
    /// Share of answer sets shown mixed.
    pub mixed: f64,
    /// Share of people whose two answer sets differ beyond noise, as
    /// `compare` would call it.
    pub moved: f64,
}

/// Two contrasts whose scores correlate, though their positions do not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelledCorrelation {
    /// One axis id.
    pub a: String,
    /// The other axis id.
    pub b: String,
    /// Pearson's r, to three decimals.
    pub r: f64,
}

/// Models respondents answering `content` with strength `beta`.
pub fn model(content: &Content, beta: f64) -> Modelled {
    let scorer = Scorer::new(content);
    let full: Vec<usize> = (0..content.scenarios.len()).collect();
    let quick_ids: Vec<&str> = quick_set(content).iter().map(|s| s.id.as_str()).collect();
    let quick: Vec<usize> = content
        .scenarios
        .iter()
        .enumerate()
        .filter(|(_, scenario)| quick_ids.contains(&scenario.id.as_str()))
        .map(|(index, _)| index)
        .collect();
    let full = form(&scorer, &full, beta, SEED);
    let quick = form(&scorer, &quick, beta, SEED ^ 0x5155_4943_4b00);
    let mut modelled =
        Modelled { beta, people: PEOPLE, seed: SEED, full, quick, warnings: Vec::new() };
    modelled.warnings = warnings(&modelled);
    modelled
}

/// A scenario as the model answers it: the contrasts it moves and each
/// option's position on them.
struct Posed {
    scenario: usize,
    /// Indices of the axes it moves.
    axes: Vec<usize>,
    /// Per option, its position on each of `axes`.
    positions: Vec<Vec<f64>>,
    /// Whether the least likely option is asked too.
    least: bool,
}

impl Posed {
    fn new(content: &Content, index: usize, scenario: &Scenario) -> Self {
        let axes: Vec<usize> = content
            .axes
            .iter()
            .enumerate()
            .filter(|(_, axis)| scenario.loads_on(&axis.id))
            .map(|(at, _)| at)
            .collect();
        let positions = scenario
            .options
            .iter()
            .map(|option| {
                axes.iter()
                    .map(|&at| {
                        let id = &content.axes[at].id;
                        f64::from(scenario.offset(option, id)) / f64::from(scenario.span(id))
                    })
                    .collect()
            })
            .collect();
        let least = content.picks(scenario).contains(&Pick::Least);
        Self { scenario: index, axes, positions, least }
    }

    /// One modelled answer of a person at `theta`.
    fn answer(&self, theta: &[f64], beta: f64, random: &mut Random) -> Answered {
        let utilities: Vec<f64> = self
            .positions
            .iter()
            .map(|positions| {
                let pull: f64 = self
                    .axes
                    .iter()
                    .zip(positions)
                    .map(|(&at, position)| theta[at] * position)
                    .sum();
                beta * pull + random.gumbel()
            })
            .collect();
        let most = arg(&utilities, None, |a, b| a > b);
        let least = self.least.then(|| arg(&utilities, Some(most), |a, b| a < b));
        Answered::Chosen { most, least }
    }
}

/// The index of the best value by `better`, leaving out `except`.
fn arg(values: &[f64], except: Option<usize>, better: impl Fn(f64, f64) -> bool) -> usize {
    let mut best: Option<usize> = None;
    for (index, &value) in values.iter().enumerate() {
        if Some(index) == except {
            continue;
        }
        if best.is_none_or(|at| better(value, values[at])) {
            best = Some(index);
        }
    }
    best.unwrap_or(0)
}

/// What one answer set showed on one contrast.
#[derive(Debug, Clone, Copy)]
struct Shown {
    score: f64,
    /// The score's standard error.
    error: Option<f64>,
    /// The responses it rests on.
    responses: usize,
    /// −1 manager, 0 neither, +1 leader.
    side: i8,
    mixed: bool,
}

impl Shown {
    fn of(axis: &AxisScore) -> Option<Shown> {
        let score = f64::from(axis.score?);
        let side = match axis.band.side() {
            Some(Side::Manager) => -1,
            Some(Side::Leader) => 1,
            None => 0,
        };
        Some(Shown {
            score,
            error: axis.standard_error.map(f64::from),
            responses: axis.responses,
            side,
            mixed: axis.shown() == crate::score::Shown::Mixed,
        })
    }
}

fn form(scorer: &Scorer, asked: &[usize], beta: f64, seed: u64) -> FormModel {
    let content = scorer.content();
    let size = content.axes.len();
    let posed: Vec<Posed> =
        asked.iter().map(|&index| Posed::new(content, index, &content.scenarios[index])).collect();
    let mut random = Random::new(seed);
    // Per person: θ, then each answer set's view of every contrast.
    let mut thetas: Vec<Vec<f64>> = Vec::with_capacity(PEOPLE);
    let mut sets: [Vec<Vec<Option<Shown>>>; 2] =
        [Vec::with_capacity(PEOPLE), Vec::with_capacity(PEOPLE)];
    let mut answered: Vec<Option<Answered>> = vec![None; content.scenarios.len()];
    for _ in 0..PEOPLE {
        let theta: Vec<f64> = (0..size).map(|_| random.normal()).collect();
        for set in &mut sets {
            for item in &posed {
                answered[item.scenario] = Some(item.answer(&theta, beta, &mut random));
            }
            set.push(scorer.axes(&answered).iter().map(Shown::of).collect());
        }
        thetas.push(theta);
    }
    let axes: Vec<AxisModel> = content
        .axes
        .iter()
        .enumerate()
        .map(|(at, axis)| axis_model(&axis.id, at, &thetas, &sets))
        .collect();
    let mut retests: Vec<f64> = axes.iter().map(|axis| axis.retest).collect();
    retests.sort_by(f64::total_cmp);
    let median_retest = match retests.len() {
        0 => 0.0,
        count if count % 2 == 1 => retests[count / 2],
        count => f64::midpoint(retests[count / 2 - 1], retests[count / 2]),
    };
    let mut largest: Option<ModelledCorrelation> = None;
    for a in 0..size {
        for b in a + 1..size {
            let pairs: Vec<(f64, f64)> = sets[0]
                .iter()
                .filter_map(|person| Some((person[a]?.score, person[b]?.score)))
                .collect();
            let r = correlation(&pairs);
            if largest.as_ref().is_none_or(|best| r.abs() > best.r.abs()) {
                largest = Some(ModelledCorrelation {
                    a: content.axes[a].id.clone(),
                    b: content.axes[b].id.clone(),
                    r,
                });
            }
        }
    }
    FormModel {
        scenarios: asked.len(),
        axes,
        median_retest: round(median_retest, 3),
        largest_correlation: largest
            .map(|pair| ModelledCorrelation { r: round(pair.r, 3), ..pair }),
    }
}

fn axis_model(
    id: &str,
    at: usize,
    thetas: &[Vec<f64>],
    sets: &[Vec<Vec<Option<Shown>>>; 2],
) -> AxisModel {
    let mut retest = Vec::new();
    let mut recovery = Vec::new();
    let (mut same, mut both) = (0_usize, 0_usize);
    let mut moved = 0_usize;
    let (mut wrong, mut sided) = (0_usize, 0_usize);
    let (mut leaning, mut clear) = (0_usize, 0_usize);
    let (mut mixed, mut shown) = (0_usize, 0_usize);
    for (person, theta) in thetas.iter().enumerate() {
        let theta = theta[at];
        let views = [sets[0][person][at], sets[1][person][at]];
        if let [Some(first), Some(second)] = views {
            retest.push((first.score, second.score));
            both += 1;
            same += usize::from(first.side == second.side);
            let measure = |view: Shown| Measure {
                score: view.score,
                margin: view.error,
                responses: view.responses,
            };
            moved += usize::from(beyond_noise(measure(first), measure(second)));
        }
        if let Some(first) = views[0] {
            recovery.push((theta, first.score));
        }
        let direction: i8 = if theta > 0.0 { 1 } else { -1 };
        for view in views.into_iter().flatten() {
            shown += 1;
            mixed += usize::from(view.mixed);
            if theta.abs() > SIDE_FROM {
                sided += 1;
                wrong += usize::from(view.side == -direction);
            }
            if theta.abs() > CLEAR_FROM {
                clear += 1;
                leaning += usize::from(view.side == direction);
            }
        }
    }
    let share =
        |count: usize, of: usize| if of == 0 { 0.0 } else { round(count as f64 / of as f64, 4) };
    AxisModel {
        id: id.to_owned(),
        retest: round(correlation(&retest), 3),
        recovery: round(correlation(&recovery), 3),
        same_side: share(same, both),
        wrong_side: share(wrong, sided),
        sensitivity: share(leaning, clear),
        mixed: share(mixed, shown),
        moved: share(moved, both),
    }
}

/// Pearson's r of `pairs`; 0 when either side does not vary.
fn correlation(pairs: &[(f64, f64)]) -> f64 {
    let count = pairs.len() as f64;
    if pairs.len() < 2 {
        return 0.0;
    }
    let (mean_x, mean_y) =
        pairs.iter().fold((0.0, 0.0), |(x, y), (a, b)| (x + a / count, y + b / count));
    let (mut xy, mut xx, mut yy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        xy += (x - mean_x) * (y - mean_y);
        xx += (x - mean_x).powi(2);
        yy += (y - mean_y).powi(2);
    }
    if xx <= 0.0 || yy <= 0.0 { 0.0 } else { xy / (xx * yy).sqrt() }
}

fn warnings(modelled: &Modelled) -> Vec<Finding> {
    let mut found = Vec::new();
    let beta = modelled.beta;
    for axis in &modelled.full.axes {
        let id = || axis.id.clone();
        if axis.retest < RETEST_LIMIT {
            found.push(Finding::ModelledRetest {
                axis: id(),
                retest: axis.retest,
                limit: RETEST_LIMIT,
                beta,
            });
        }
        if axis.same_side < SAME_SIDE_LIMIT {
            found.push(Finding::ModelledSameSide {
                axis: id(),
                share: axis.same_side,
                limit: SAME_SIDE_LIMIT,
            });
        }
        if axis.sensitivity < SENSITIVITY_LIMIT {
            found.push(Finding::ModelledSensitivity {
                axis: id(),
                share: axis.sensitivity,
                limit: SENSITIVITY_LIMIT,
            });
        }
    }
    if modelled.full.median_retest < MEDIAN_RETEST_LIMIT {
        found.push(Finding::ModelledMedianRetest {
            median: modelled.full.median_retest,
            limit: MEDIAN_RETEST_LIMIT,
            beta,
        });
    }
    for (form, model) in [(Form::Full, &modelled.full), (Form::Quick, &modelled.quick)] {
        for axis in &model.axes {
            let id = || axis.id.clone();
            if axis.wrong_side > WRONG_SIDE_LIMIT {
                found.push(Finding::ModelledWrongSide {
                    axis: id(),
                    form,
                    share: axis.wrong_side,
                    limit: WRONG_SIDE_LIMIT,
                });
            }
            if axis.moved > MOVED_LIMIT {
                found.push(Finding::ModelledMoved {
                    axis: id(),
                    form,
                    share: axis.moved,
                    limit: MOVED_LIMIT,
                });
            }
            if axis.mixed > MIXED_LIMIT {
                found.push(Finding::ModelledMixed {
                    axis: id(),
                    form,
                    share: axis.mixed,
                    limit: MIXED_LIMIT,
                });
            }
        }
    }
    if let Some(pair) = &modelled.quick.largest_correlation
        && pair.r.abs() > QUICK_CORRELATION_LIMIT
    {
        found.push(Finding::ModelledCorrelation {
            a: pair.a.clone(),
            b: pair.b.clone(),
            r: pair.r,
            limit: QUICK_CORRELATION_LIMIT,
        });
    }
    found
}

/// A small, seeded source of random numbers: `SplitMix64`, which is fast,
/// passes the usual statistical tests and gives the same stream on every
/// platform, so the figures never change from one run to the next.
struct Random {
    state: u64,
    /// The second of a pair of normal deviates, when one is waiting.
    spare: Option<f64>,
}

impl Random {
    fn new(seed: u64) -> Self {
        Self { state: seed, spare: None }
    }

    fn next(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform on (0, 1), never 0.
    fn uniform(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1_u64 << 53) as f64
    }

    /// Standard normal, by the Box–Muller transform.
    fn normal(&mut self) -> f64 {
        if let Some(spare) = self.spare.take() {
            return spare;
        }
        let radius = (-2.0 * self.uniform().ln()).sqrt();
        let angle = std::f64::consts::TAU * self.uniform();
        self.spare = Some(radius * angle.sin());
        radius * angle.cos()
    }

    /// Standard Gumbel (the noise of the logit model).
    fn gumbel(&mut self) -> f64 {
        -(-self.uniform().ln()).ln()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_random_numbers_have_the_right_moments() {
        let mut random = Random::new(1);
        let count = 200_000;
        let normals: Vec<f64> = (0..count).map(|_| random.normal()).collect();
        let mean = normals.iter().sum::<f64>() / f64::from(count);
        let variance = normals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(count);
        assert!(mean.abs() < 0.01 && (variance - 1.0).abs() < 0.02, "{mean} {variance}");
        // Gumbel: mean γ = 0.5772, variance π²/6 = 1.645.
        let gumbels: Vec<f64> = (0..count).map(|_| random.gumbel()).collect();
        let mean = gumbels.iter().sum::<f64>() / f64::from(count);
        let variance = gumbels.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / f64::from(count);
        assert!(
            (mean - 0.5772).abs() < 0.01 && (variance - 1.645).abs() < 0.03,
            "{mean} {variance}"
        );
    }

    #[test]
    fn a_pick_between_two_follows_the_logit_model() {
        // Two options at −1 and +1 on one contrast: the leader-side option
        // wins with probability 1 / (1 + e^(−2βθ)); at θ = 1, β = 0.5:
        // 0.731.
        let posed = Posed {
            scenario: 0,
            axes: vec![0],
            positions: vec![vec![-1.0], vec![1.0]],
            least: false,
        };
        let mut random = Random::new(9);
        let count = 100_000;
        let leader = (0..count)
            .filter(|_| {
                matches!(posed.answer(&[1.0], 0.5, &mut random), Answered::Chosen { most: 1, .. })
            })
            .count();
        let share = leader as f64 / f64::from(count);
        assert!((share - 0.731).abs() < 0.01, "{share}");
    }

    #[test]
    fn correlation_of_known_pairs() {
        assert!((correlation(&[(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]) - 1.0).abs() < 1e-12);
        assert!((correlation(&[(1.0, 1.0), (2.0, 3.0), (3.0, 2.0)]) - 0.5).abs() < 1e-12);
        assert!(correlation(&[(1.0, 1.0), (1.0, 3.0)]).abs() < f64::EPSILON);
    }
}
