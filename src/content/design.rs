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
//! how long does the whole form take?

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::model::{Content, Pick, Role, Scenario};
use super::selection::{MIN_BANDED_RESPONSES, quick_set};
use super::timing::{Estimate, estimate};
use super::wording::plural;
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// A warning or a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// What kind.
    pub kind: FindingKind,
    /// What it says, in words.
    pub message: String,
    /// The axes involved.
    pub axes: Vec<String>,
    /// The scenarios involved.
    pub scenarios: Vec<String>,
}

/// Kinds of findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Random answering lands away from the middle.
    RandomMean,
    /// Two axes move together.
    Correlation,
    /// Many more options pull toward one pole than toward the other.
    UnevenOptions,
    /// Too few responses in the full form.
    FewResponses,
    /// Too few responses in the quick form.
    FewQuickResponses,
    /// The full form takes too long.
    LongFullForm,
    /// The quick form takes too long.
    LongQuickForm,
    /// Fewer than half the scenarios fit someone without line authority.
    ManagersOnly,
    /// A scenario's options reach further toward one pole of an axis than
    /// toward the other, so an option that does not weigh the axis still
    /// counts as pulling one way.
    LopsidedRange,
    /// Some scenarios say which role they assume, others do not.
    MissingRoles,
    /// No observer form: `assess --about` cannot use this content.
    NoObserverForm,
    /// An option speaks in the first or second person, which reads oddly
    /// about someone else.
    PersonalOption,
    /// No next steps for some axes.
    NoNextSteps,
    /// Modelled respondents: a contrast's retest correlation is too low.
    ModelledRetest,
    /// Modelled respondents: the median retest correlation is too low.
    ModelledMedianRetest,
    /// Modelled respondents: the same side comes back too rarely.
    ModelledSameSide,
    /// Modelled respondents: too few clear positions are shown a leaning.
    ModelledSensitivity,
    /// Modelled respondents: too many are shown the other side.
    ModelledWrongSide,
    /// Modelled respondents: too many consistent ones are shown mixed.
    ModelledMixed,
    /// Modelled respondents: too many answering twice are told they moved.
    ModelledMoved,
    /// Modelled respondents: two contrasts' scores correlate.
    ModelledCorrelation,
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
            let mut offsets: Vec<i32> =
                scenario.options.iter().map(|option| scenario.offset(option, id)).collect();
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

fn finding(kind: FindingKind, message: String, axes: &[&str], scenarios: Vec<String>) -> Finding {
    Finding { kind, message, axes: axes.iter().map(|&axis| axis.to_owned()).collect(), scenarios }
}

fn warnings(content: &Content, design: &Design) -> Vec<Finding> {
    let mut found = Vec::new();
    for (axis, row) in content.axes.iter().zip(&design.axes) {
        let id = axis.id.as_str();
        if row.random_mean.abs() > RANDOM_MEAN_LIMIT {
            found.push(finding(
                FindingKind::RandomMean,
                format!(
                    "{id}: a respondent answering at random averages {:+.1} (limit ±{RANDOM_MEAN_LIMIT}); \
                     {} pull toward {} and {} toward {}",
                    row.random_mean,
                    plural(row.leader_options, "option", "options"),
                    axis.poles.leader.name,
                    row.manager_options,
                    axis.poles.manager.name
                ),
                &[id],
                Vec::new(),
            ));
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
            found.push(finding(
                FindingKind::UnevenOptions,
                format!(
                    "{id}: {} pull toward {more} and {least} toward {fewer} (at most \
                     {OPTION_RATIO_LIMIT} to 1); someone who picks what sounds right has more ways \
                     to land on {more}",
                    plural(most, "option", "options"),
                ),
                &[id],
                Vec::new(),
            ));
        }
        if row.responses < MIN_FULL_RESPONSES {
            found.push(finding(
                FindingKind::FewResponses,
                format!(
                    "{id}: {} scored responses in the full form (at least {MIN_FULL_RESPONSES} needed)",
                    row.responses
                ),
                &[id],
                Vec::new(),
            ));
        }
        if row.quick_responses < MIN_QUICK_RESPONSES {
            found.push(finding(
                FindingKind::FewQuickResponses,
                format!(
                    "{id}: {} scored responses in the quick form (at least {MIN_QUICK_RESPONSES} \
                     needed for a leaning)",
                    row.quick_responses
                ),
                &[id],
                Vec::new(),
            ));
        }
    }
    for pair in &design.correlations {
        if pair.r.abs() > CORRELATION_LIMIT {
            found.push(finding(
                FindingKind::Correlation,
                format!(
                    "{} and {} correlate at {:+.2} under random answering (limit ±{CORRELATION_LIMIT}); \
                     they share {}: {}",
                    pair.a,
                    pair.b,
                    pair.r,
                    plural(pair.shared.len(), "scenario", "scenarios"),
                    pair.shared.join(", ")
                ),
                &[&pair.a, &pair.b],
                pair.shared.clone(),
            ));
        }
    }
    for (estimate, limit, kind, form) in [
        (design.full, FULL_MINUTES_LIMIT, FindingKind::LongFullForm, "full"),
        (design.quick, QUICK_MINUTES_LIMIT, FindingKind::LongQuickForm, "quick"),
    ] {
        if estimate.seconds / 60.0 > limit {
            found.push(finding(
                kind,
                format!(
                    "the {form} form takes about {:.1} minutes ({} scenarios, {} words, {} decisions); \
                     the limit is {limit}",
                    estimate.minutes_tenths(),
                    estimate.scenarios,
                    estimate.words,
                    estimate.decisions
                ),
                &[],
                Vec::new(),
            ));
        }
    }
    for scenario in &content.scenarios {
        for axis in scenario.axes() {
            let (low, high) = scenario.range(axis);
            if low != -high {
                let unweighted =
                    scenario.options.iter().filter(|option| option.weight(axis) == 0).count();
                let toward = if low + high > 0 { "manager" } else { "leader" };
                found.push(finding(
                    FindingKind::LopsidedRange,
                    format!(
                        "{}: the options reach {low:+} and {high:+} on {axis}, so {} toward the {toward} side; make the weights reach as far each way",
                        scenario.id,
                        match unweighted {
                            0 => String::from("an option between the two counts as a pull"),
                            1 => String::from("the option without a weight on it counts as a pull"),
                            count => format!("the {count} options without a weight on it count as a pull"),
                        }
                    ),
                    &[axis],
                    vec![scenario.id.clone()],
                ));
            }
        }
    }
    let roles = design.roles;
    if roles.unspecified == 0 && roles.manager * 2 > content.scenarios.len() {
        found.push(finding(
            FindingKind::ManagersOnly,
            format!(
                "{} of {} scenarios need line-management authority; at least half should fit \
                 someone without it",
                roles.manager,
                content.scenarios.len()
            ),
            &[],
            content
                .scenarios
                .iter()
                .filter(|scenario| scenario.role == Some(Role::Manager))
                .map(|scenario| scenario.id.clone())
                .collect(),
        ));
    }
    found
}

/// Words that make an option read oddly about someone else.
const PERSONAL_WORDS: [&str; 9] =
    ["i", "me", "my", "myself", "mine", "you", "your", "yours", "yourself"];

fn notes(content: &Content, design: &Design) -> Vec<Finding> {
    let mut found = Vec::new();
    let roles = design.roles;
    if roles.unspecified > 0 && roles.unspecified < content.scenarios.len() {
        found.push(finding(
            FindingKind::MissingRoles,
            format!(
                "{} say which role they assume and {} do not",
                plural(content.scenarios.len() - roles.unspecified, "scenario", "scenarios"),
                roles.unspecified
            ),
            &[],
            unspecified(content),
        ));
    }
    let without_about: Vec<String> = content
        .scenarios
        .iter()
        .filter(|scenario| scenario.about.is_none())
        .map(|scenario| scenario.id.clone())
        .collect();
    let some_have_about = without_about.len() < content.scenarios.len();
    if !without_about.is_empty() {
        let message = if without_about.len() == content.scenarios.len() {
            String::from(
                "no scenario has an observer form (`about`), so `assess --about` cannot use this content",
            )
        } else {
            format!(
                "{} have no observer form (`about`); `assess --about` needs one for every scenario asked",
                plural(without_about.len(), "scenario", "scenarios")
            )
        };
        found.push(finding(FindingKind::NoObserverForm, message, &[], without_about));
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
            found.push(finding(
                FindingKind::PersonalOption,
                format!(
                    "options of {} say I, me, my, you or your, which reads oddly about someone else",
                    plural(personal.len(), "scenario", "scenarios")
                ),
                &[],
                personal,
            ));
        }
    }
    let without_steps: Vec<&str> = content
        .axes
        .iter()
        .filter(|axis| axis.next_steps.is_none())
        .map(|axis| axis.id.as_str())
        .collect();
    if !without_steps.is_empty() {
        found.push(finding(
            FindingKind::NoNextSteps,
            if without_steps.len() == content.axes.len() {
                String::from("no contrast has next steps; the report leaves them out")
            } else {
                format!(
                    "{} no next steps; the report leaves them out there",
                    match without_steps.len() {
                        1 => String::from("1 contrast has"),
                        count => format!("{count} contrasts have"),
                    }
                )
            },
            &without_steps,
            Vec::new(),
        ));
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
