//! Design analysis: what a questionnaire can measure before anyone answers.
//!
//! Everything here is exact, not sampled. A respondent who answers
//! uniformly at random picks each possible answer of a scenario with equal
//! chance (each option; or, when the least likely option is asked too,
//! each ordered pair of different options). Scenarios are answered
//! independently, so the means, variances and covariances of the axis
//! scores are sums over scenarios. Answers are placed on an axis with
//! [`Scenario::offset`], the function the scoring uses.
//!
//! The analysis answers the questions a content author needs answered:
//! does random answering land in the middle of every axis (the design's
//! built-in bias)? Can two axes be told apart, or do the same options
//! always move them together? How much evidence does each axis get, and
//! how long does the whole form take? What it finds are [`Finding`]s,
//! kinds with their figures, put in words in [`super::findings`].

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::findings::{Finding, Form};
use super::model::{Content, Pick, Role, Scenario};
use super::selection::{MIN_BANDED_RESPONSES, quick_set};
use super::timing::{Estimate, estimate};
use crate::number::round;

/// Largest random-respondent mean, in points, before a warning.
pub const RANDOM_MEAN_LIMIT: f64 = 5.0;
/// Largest correlation between two axes under random answering.
pub const CORRELATION_LIMIT: f64 = 0.25;
/// Most options toward one pole of an axis for each option toward the
/// other. Answering most and least likely cancels any imbalance for a
/// random respondent, so the random mean alone cannot show it.
pub const OPTION_RATIO_LIMIT: f64 = 1.5;
/// Fewest scored responses an axis needs in the full form.
pub const MIN_FULL_RESPONSES: usize = 6;
/// Fewest scored responses an axis needs in the quick form: enough for a
/// leaning band rather than `uncertain`.
pub const MIN_QUICK_RESPONSES: usize = MIN_BANDED_RESPONSES;
/// Longest the full form may take, in minutes.
pub const FULL_MINUTES_LIMIT: f64 = 20.0;
/// Longest the quick form may take, in minutes.
pub const QUICK_MINUTES_LIMIT: f64 = 8.0;

/// The whole analysis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Design {
    /// Scenarios by the role they assume.
    pub roles: RoleCounts,
    /// The full form.
    pub full: Estimate,
    /// The quick form.
    pub quick: Estimate,
    /// One entry per axis, in content order.
    pub axes: Vec<AxisDesign>,
    /// Every pair of axes that share a scenario, strongest first; pairs
    /// that share none correlate exactly 0.
    pub correlations: Vec<Correlation>,
    /// Design faults; `check --strict` fails on any.
    pub warnings: Vec<Finding>,
    /// Things worth knowing that are not faults.
    pub notes: Vec<Finding>,
}

/// Scenarios by role.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleCounts {
    /// Anyone can answer as themselves.
    pub anyone: usize,
    /// Assumes a tech or project lead.
    pub lead: usize,
    /// Assumes a line manager.
    pub manager: usize,
    /// The content does not say.
    pub unspecified: usize,
}

/// One axis of the design.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisDesign {
    /// Axis id.
    pub id: String,
    /// Scenarios that load on it.
    pub scenarios: usize,
    /// Scored responses in the full form.
    pub responses: usize,
    /// Scored responses in the quick form.
    pub quick_responses: usize,
    /// Options whose weight pulls toward the manager pole.
    pub manager_options: usize,
    /// Options whose weight pulls toward the leader pole.
    pub leader_options: usize,
    /// Expected score of a respondent answering uniformly at random.
    pub random_mean: f64,
    /// Standard deviation of that respondent's score.
    pub random_sd: f64,
    /// Smallest change of the score one response can make.
    pub step: f64,
    /// Largest change of the score one response can make.
    pub swing: f64,
}

/// The correlation of two axes' scores under random answering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Correlation {
    /// One axis id.
    pub a: String,
    /// The other axis id.
    pub b: String,
    /// Pearson's r, to three decimals.
    pub r: f64,
    /// Scenarios that load on both.
    pub shared: Vec<String>,
}

/// Mean and covariances of one scenario's contributions to the axes it
/// loads on, under random answering.
struct Moments {
    axes: Vec<String>,
    mean: Vec<f64>,
    /// Row-major, `axes.len()` squared.
    covariance: Vec<f64>,
}

/// Every answer a random respondent may give to `scenario`, as the
/// options picked (most likely first), each equally likely.
fn answers(scenario: &Scenario, picks: &[Pick]) -> Vec<Vec<usize>> {
    let count = scenario.options.len();
    match picks.len() {
        1 => (0..count).map(|most| vec![most]).collect(),
        _ => (0..count)
            .flat_map(|most| {
                (0..count).filter(move |&least| least != most).map(move |least| vec![most, least])
            })
            .collect(),
    }
}

fn moments(scenario: &Scenario, picks: &[Pick]) -> Moments {
    let axes: Vec<String> = scenario.axes().into_iter().map(str::to_owned).collect();
    let size = axes.len();
    let all = answers(scenario, picks);
    let contributions: Vec<Vec<f64>> = all
        .iter()
        .map(|chosen| {
            axes.iter()
                .map(|axis| {
                    chosen
                        .iter()
                        .zip(picks)
                        .map(|(&option, pick)| {
                            f64::from(
                                pick.sign() * scenario.offset(&scenario.options[option], axis),
                            )
                        })
                        .sum()
                })
                .collect()
        })
        .collect();
    let total = contributions.len().max(1) as f64;
    let mut mean = vec![0.0; size];
    for row in &contributions {
        for (sum, value) in mean.iter_mut().zip(row) {
            *sum += value;
        }
    }
    for value in &mut mean {
        *value /= total;
    }
    let mut covariance = vec![0.0; size * size];
    for row in &contributions {
        for i in 0..size {
            for j in 0..size {
                covariance[i * size + j] += (row[i] - mean[i]) * (row[j] - mean[j]);
            }
        }
    }
    for value in &mut covariance {
        *value /= total;
    }
    Moments { axes, mean, covariance }
}

/// Analyses `content`.
pub fn analyse(content: &Content) -> Design {
    let index: HashMap<&str, usize> =
        content.axes.iter().enumerate().map(|(at, axis)| (axis.id.as_str(), at)).collect();
    let size = content.axes.len();
    let mut mean = vec![0.0; size];
    let mut variance = vec![0.0; size];
    let mut scenarios = vec![0_usize; size];
    let mut responses = vec![0_usize; size];
    // Spans times responses: what the counted offsets are out of.
    let mut spans = vec![0_i64; size];
    let mut steps = vec![f64::INFINITY; size];
    let mut swings = vec![0_i64; size];
    let mut manager_options = vec![0_usize; size];
    let mut leader_options = vec![0_usize; size];
    // Pairs that share a scenario: (i, j) with i < j → covariance, shared ids.
    let mut pairs: HashMap<(usize, usize), (f64, Vec<String>)> = HashMap::new();
    for scenario in &content.scenarios {
        let picks = content.picks(scenario);
        let moments = moments(scenario, picks);
        let at: Vec<usize> = moments.axes.iter().map(|axis| index[axis.as_str()]).collect();
        let local = at.len();
        for (position, &axis) in at.iter().enumerate() {
            let id = moments.axes[position].as_str();
            mean[axis] += moments.mean[position];
            variance[axis] += moments.covariance[position * local + position];
            scenarios[axis] += 1;
            responses[axis] += picks.len();
            let span = scenario.span(id);
            spans[axis] += i64::from(span) * picks.len() as i64;
            swings[axis] = swings[axis].max(2 * i64::from(span));
            let mut offsets = scenario.offsets(id);
            offsets.sort_unstable();
            offsets.dedup();
            let gap = offsets.windows(2).map(|pair| pair[1] - pair[0]).min().unwrap_or(0);
            if gap > 0 {
                steps[axis] = steps[axis].min(f64::from(gap));
            }
            for option in &scenario.options {
                match option.weight(id) {
                    weight if weight < 0 => manager_options[axis] += 1,
                    weight if weight > 0 => leader_options[axis] += 1,
                    _ => {}
                }
            }
            for (other_position, &other) in at.iter().enumerate().skip(position + 1) {
                let key = if axis < other { (axis, other) } else { (other, axis) };
                let entry = pairs.entry(key).or_insert_with(|| (0.0, Vec::new()));
                entry.0 += moments.covariance[position * local + other_position];
                entry.1.push(scenario.id.clone());
            }
        }
    }
    let full = estimate(content, &content.scenarios.iter().collect::<Vec<_>>(), false);
    let quick_scenarios = quick_set(content);
    let quick = estimate(content, &quick_scenarios, true);
    let mut quick_counts = vec![0_usize; size];
    for scenario in &quick_scenarios {
        for axis in scenario.axes() {
            quick_counts[index[axis]] += content.picks(scenario).len();
        }
    }
    // Score = 100 · offsets / (the sum of spans, each times its responses).
    let scale: Vec<f64> =
        spans.iter().map(|&range| if range > 0 { 100.0 / range as f64 } else { 0.0 }).collect();
    let axes: Vec<AxisDesign> = content
        .axes
        .iter()
        .enumerate()
        .map(|(at, axis)| AxisDesign {
            id: axis.id.clone(),
            scenarios: scenarios[at],
            responses: responses[at],
            quick_responses: quick_counts[at],
            manager_options: manager_options[at],
            leader_options: leader_options[at],
            random_mean: round(mean[at] * scale[at], 1),
            random_sd: round(variance[at].sqrt() * scale[at], 1),
            step: if steps[at].is_finite() { round(steps[at] * scale[at], 1) } else { 0.0 },
            swing: round(swings[at] as f64 * scale[at], 1),
        })
        .collect();
    let mut correlations: Vec<Correlation> = pairs
        .into_iter()
        .map(|((a, b), (covariance, shared))| {
            let spread = (variance[a] * variance[b]).sqrt();
            let r = if spread > 0.0 { covariance / spread } else { 0.0 };
            Correlation {
                a: content.axes[a].id.clone(),
                b: content.axes[b].id.clone(),
                r: round(r, 3),
                shared,
            }
        })
        .collect();
    correlations.sort_by(|x, y| {
        y.r.abs().total_cmp(&x.r.abs()).then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    let roles = role_counts(content);
    let mut design =
        Design { roles, full, quick, axes, correlations, warnings: Vec::new(), notes: Vec::new() };
    design.warnings = warnings(content, &design);
    design.notes = notes(content, &design);
    design
}

fn role_counts(content: &Content) -> RoleCounts {
    let mut counts = RoleCounts::default();
    for scenario in &content.scenarios {
        match scenario.role {
            Some(Role::Anyone) => counts.anyone += 1,
            Some(Role::Lead) => counts.lead += 1,
            Some(Role::Manager) => counts.manager += 1,
            None => counts.unspecified += 1,
        }
    }
    counts
}

fn warnings(content: &Content, design: &Design) -> Vec<Finding> {
    let mut found = Vec::new();
    for (axis, row) in content.axes.iter().zip(&design.axes) {
        let id = axis.id.as_str();
        if row.random_mean.abs() > RANDOM_MEAN_LIMIT {
            found.push(Finding::RandomMean {
                axis: id.to_owned(),
                mean: row.random_mean,
                limit: RANDOM_MEAN_LIMIT,
                leader_options: row.leader_options,
                leader: axis.poles.leader.name.clone(),
                manager_options: row.manager_options,
                manager: axis.poles.manager.name.clone(),
            });
        }
        let (more, fewer) = if row.leader_options >= row.manager_options {
            (&axis.poles.leader.name, &axis.poles.manager.name)
        } else {
            (&axis.poles.manager.name, &axis.poles.leader.name)
        };
        let (most, least) = (
            row.leader_options.max(row.manager_options),
            row.leader_options.min(row.manager_options),
        );
        if most as f64 > OPTION_RATIO_LIMIT * least as f64 {
            found.push(Finding::UnevenOptions {
                axis: id.to_owned(),
                more: more.clone(),
                most,
                fewer: fewer.clone(),
                least,
                limit: OPTION_RATIO_LIMIT,
            });
        }
        if row.responses < MIN_FULL_RESPONSES {
            found.push(Finding::FewResponses {
                axis: id.to_owned(),
                responses: row.responses,
                needed: MIN_FULL_RESPONSES,
            });
        }
        if row.quick_responses < MIN_QUICK_RESPONSES {
            found.push(Finding::FewQuickResponses {
                axis: id.to_owned(),
                responses: row.quick_responses,
                needed: MIN_QUICK_RESPONSES,
            });
        }
    }
    for pair in &design.correlations {
        if pair.r.abs() > CORRELATION_LIMIT {
            found.push(Finding::Correlation {
                a: pair.a.clone(),
                b: pair.b.clone(),
                r: pair.r,
                limit: CORRELATION_LIMIT,
                shared: pair.shared.clone(),
            });
        }
    }
    for (estimate, limit, form) in [
        (design.full, FULL_MINUTES_LIMIT, Form::Full),
        (design.quick, QUICK_MINUTES_LIMIT, Form::Quick),
    ] {
        if estimate.seconds / 60.0 > limit {
            found.push(Finding::LongForm { form, estimate, limit });
        }
    }
    for scenario in &content.scenarios {
        for axis in scenario.axes() {
            let (low, high) = scenario.range(axis);
            if low != -high {
                let unweighted =
                    scenario.options.iter().filter(|option| option.weight(axis) == 0).count();
                found.push(Finding::LopsidedRange {
                    scenario: scenario.id.clone(),
                    axis: axis.to_owned(),
                    low: low.into(),
                    high: high.into(),
                    unweighted,
                });
            }
        }
    }
    let roles = design.roles;
    if roles.unspecified == 0 && roles.manager * 2 > content.scenarios.len() {
        found.push(Finding::ManagersOnly {
            scenarios: content
                .scenarios
                .iter()
                .filter(|scenario| scenario.role == Some(Role::Manager))
                .map(|scenario| scenario.id.clone())
                .collect(),
            total: content.scenarios.len(),
        });
    }
    found
}

/// Words that make an option read oddly about someone else.
const PERSONAL_WORDS: [&str; 9] =
    ["i", "me", "my", "myself", "mine", "you", "your", "yours", "yourself"];

fn notes(content: &Content, design: &Design) -> Vec<Finding> {
    let mut found = Vec::new();
    let roles = design.roles;
    let total = content.scenarios.len();
    if roles.unspecified > 0 && roles.unspecified < total {
        found.push(Finding::MissingRoles { unspecified: unspecified(content), total });
    }
    let without_about: Vec<String> = content
        .scenarios
        .iter()
        .filter(|scenario| scenario.about.is_none())
        .map(|scenario| scenario.id.clone())
        .collect();
    let some_have_about = without_about.len() < total;
    if !without_about.is_empty() {
        found.push(Finding::NoObserverForm { scenarios: without_about, total });
    }
    if some_have_about {
        let personal: Vec<String> = content
            .scenarios
            .iter()
            .filter(|scenario| {
                scenario.options.iter().any(|option| {
                    option
                        .text
                        .split(|c: char| !c.is_alphanumeric() && c != '\'')
                        .any(|word| PERSONAL_WORDS.contains(&word.to_lowercase().as_str()))
                })
            })
            .map(|scenario| scenario.id.clone())
            .collect();
        if !personal.is_empty() {
            found.push(Finding::PersonalOption { scenarios: personal });
        }
    }
    let without_steps: Vec<String> = content
        .axes
        .iter()
        .filter(|axis| axis.next_steps.is_none())
        .map(|axis| axis.id.clone())
        .collect();
    if !without_steps.is_empty() {
        found.push(Finding::NoNextSteps { axes: without_steps, total: content.axes.len() });
    }
    found
}

fn unspecified(content: &Content) -> Vec<String> {
    content
        .scenarios
        .iter()
        .filter(|scenario| scenario.role.is_none())
        .map(|scenario| scenario.id.clone())
        .collect()
}
