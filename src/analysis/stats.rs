//! Item analysis after a pilot, as pure functions: results go in one at a
//! time, a [`StatsDocument`] comes out.
//!
//! Per scenario: how often it was answered and skipped, and the share of
//! answers that chose each option. Per contrast: Cronbach's alpha over its
//! scenarios and each scenario's corrected item-total (item-rest)
//! correlation, from the results that answered every scenario on it. An
//! item score is where the answer sits on the contrast between −1 and +1,
//! placed with [`Scenario::offset`], the function the scoring uses.
//!
//! A [`StatsBuilder`] keeps only counts and the sums of item scores and of
//! their products, per contrast: memory stays flat however many results
//! are read, and two builders fed from different files [`merge`](StatsBuilder::merge).
//!
//! What is worth a second look comes out as [`Flag`]s, kinds with their
//! figures; the document (`documents::stats`) puts them in words.

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::content::Content;
use crate::content::model::{Pick, Scenario};
use crate::number::round;
use crate::result::ResultDocument;

/// The `schema` value of stats documents.
pub const STATS_SCHEMA: &str = "itlead.stats/1";
/// Below this many results, flags would be noise: "too small to judge".
pub const MIN_JUDGED: usize = 30;
/// An option chosen by fewer than this share of answers is dead.
pub const DEAD_OPTION: f64 = 0.05;
/// An option chosen by more than this share makes the answer obvious.
pub const OBVIOUS_OPTION: f64 = 0.70;
/// Alpha below this is flagged.
pub const LOW_ALPHA: f64 = 0.6;
/// Item-rest correlation below this is flagged.
pub const LOW_ITEM_REST: f64 = 0.2;

/// The item analysis of a set of results, its flags as kinds and figures
/// ([`Flag`]). Its document (`documents::stats`) serialises each flag with
/// its words, and reads the document back with `F` a
/// `documents::stats::FlagRecord`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatsDocument<F = Flag> {
    /// Always [`STATS_SCHEMA`].
    pub schema: String,
    /// The itlead version that made it.
    pub itlead_version: String,
    /// The content the results were made with.
    pub content: StatsContent,
    /// Results analysed.
    pub results: usize,
    /// Per contrast.
    pub axes: Vec<AxisStats>,
    /// Per scenario.
    pub scenarios: Vec<ScenarioStats>,
    /// Everything worth a second look.
    pub flags: Vec<F>,
}

/// Which content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatsContent {
    /// Title.
    pub title: String,
    /// Version.
    pub version: String,
    /// `sha256:` digest.
    pub hash: String,
}

/// One contrast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisStats {
    /// Axis id.
    pub id: String,
    /// Results that answered every scenario on it.
    pub n: usize,
    /// Cronbach's alpha; `null` when it cannot be computed (fewer than two
    /// items or results, or no variance).
    pub alpha: Option<f64>,
    /// Its scenarios.
    pub items: Vec<ItemStats>,
}

/// One scenario as an item of a contrast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemStats {
    /// Scenario id.
    pub scenario: String,
    /// Mean item score, −1 to +1.
    pub mean: Option<f64>,
    /// Correlation of the item with the sum of the other items.
    pub item_rest: Option<f64>,
}

/// One scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioStats {
    /// Scenario id.
    pub id: String,
    /// Results that answered it.
    pub answered: usize,
    /// Results that skipped it.
    pub skipped: usize,
    /// Its options.
    pub options: Vec<OptionStats>,
}

/// One option.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OptionStats {
    /// Option key.
    pub key: String,
    /// Share of answers that chose it as most likely.
    pub share: Option<f64>,
    /// Share of answers that chose it as least likely, when asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub least_share: Option<f64>,
}

/// Something worth a second look: its kind, where, and the figures.
#[derive(Debug, Clone, PartialEq)]
pub enum Flag {
    /// Scenarios answered fewer than [`MIN_JUDGED`] times: their options
    /// are not judged.
    FewAnswers {
        /// Their ids, in content order.
        scenarios: Vec<String>,
    },
    /// A contrast with fewer than [`MIN_JUDGED`] complete results: too few
    /// to judge it.
    FewComplete {
        /// Axis id.
        axis: String,
        /// Results that answered every scenario on it.
        complete: usize,
    },
    /// An option chosen as most likely by fewer than [`DEAD_OPTION`] of
    /// the answers.
    DeadOption {
        /// Scenario id.
        scenario: String,
        /// Option key.
        option: String,
        /// Its share of the answers, as in [`OptionStats::share`].
        share: f64,
    },
    /// An option chosen as most likely by more than [`OBVIOUS_OPTION`] of
    /// the answers.
    ObviousAnswer {
        /// Scenario id.
        scenario: String,
        /// Option key.
        option: String,
        /// Its share of the answers, as in [`OptionStats::share`].
        share: f64,
    },
    /// A contrast whose alpha is under [`LOW_ALPHA`].
    LowAlpha {
        /// Axis id.
        axis: String,
        /// Its alpha, as in [`AxisStats::alpha`].
        alpha: f64,
    },
    /// A scenario whose item-rest correlation is under [`LOW_ITEM_REST`].
    LowItemRest {
        /// Axis id.
        axis: String,
        /// Scenario id.
        scenario: String,
        /// Its item-rest correlation, as in [`ItemStats::item_rest`].
        item_rest: f64,
    },
}

impl Flag {
    /// What kind.
    pub fn kind(&self) -> FlagKind {
        match self {
            Flag::FewAnswers { .. } | Flag::FewComplete { .. } => FlagKind::TooFew,
            Flag::DeadOption { .. } => FlagKind::DeadOption,
            Flag::ObviousAnswer { .. } => FlagKind::ObviousAnswer,
            Flag::LowAlpha { .. } => FlagKind::LowAlpha,
            Flag::LowItemRest { .. } => FlagKind::LowItemRest,
        }
    }

    /// The contrast it is about, if one.
    pub fn axis(&self) -> Option<&str> {
        match self {
            Flag::FewComplete { axis, .. }
            | Flag::LowAlpha { axis, .. }
            | Flag::LowItemRest { axis, .. } => Some(axis),
            Flag::FewAnswers { .. } | Flag::DeadOption { .. } | Flag::ObviousAnswer { .. } => None,
        }
    }

    /// The scenario it is about, if one.
    pub fn scenario(&self) -> Option<&str> {
        match self {
            Flag::FewAnswers { scenarios } if scenarios.len() == 1 => Some(&scenarios[0]),
            Flag::DeadOption { scenario, .. }
            | Flag::ObviousAnswer { scenario, .. }
            | Flag::LowItemRest { scenario, .. } => Some(scenario),
            Flag::FewAnswers { .. } | Flag::FewComplete { .. } | Flag::LowAlpha { .. } => None,
        }
    }

    /// The option it is about, if one.
    pub fn option(&self) -> Option<&str> {
        match self {
            Flag::DeadOption { option, .. } | Flag::ObviousAnswer { option, .. } => Some(option),
            _ => None,
        }
    }
}

/// Kinds of flags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// Too few results to judge a contrast or a scenario.
    TooFew,
    /// An option almost nobody chooses.
    DeadOption,
    /// An option almost everybody chooses.
    ObviousAnswer,
    /// A contrast whose items do not hang together.
    LowAlpha,
    /// An item that does not go with the others of its contrast.
    LowItemRest,
}

impl FlagKind {
    /// The machine form, as in JSON.
    pub fn id(self) -> &'static str {
        match self {
            FlagKind::TooFew => "too-few",
            FlagKind::DeadOption => "dead-option",
            FlagKind::ObviousAnswer => "obvious-answer",
            FlagKind::LowAlpha => "low-alpha",
            FlagKind::LowItemRest => "low-item-rest",
        }
    }
}

#[derive(Debug, Clone)]
struct Tally {
    answered: usize,
    skipped: usize,
    most: Vec<usize>,
    least: Vec<usize>,
}

#[derive(Debug, Clone)]
struct Moments {
    /// Scenario indices of the items.
    items: Vec<usize>,
    /// Per item, what one response can move (`Scenario::span`).
    spans: Vec<i32>,
    /// Per item, each option's offset (`Scenario::offset`), by option index.
    offsets: Vec<Vec<i32>>,
    n: usize,
    sums: Vec<f64>,
    /// Row-major products, `items.len()` squared; only those at or right
    /// of the diagonal are summed (the matrix is symmetric).
    products: Vec<f64>,
}

/// Folds results into counts and sums.
#[derive(Debug, Clone)]
pub struct StatsBuilder<'c> {
    content: &'c Content,
    results: usize,
    tallies: Vec<Tally>,
    axes: Vec<Moments>,
    /// Scenario indices in the order of their ids, the order of a
    /// result's answers: both are walked side by side.
    by_id: Vec<usize>,
    /// Room for one result's answers, by scenario index: the option
    /// indices picked most and least likely (`None` when unanswered or
    /// skipped). Kept between results so that adding one allocates nothing.
    picked: Vec<Option<[Option<usize>; 2]>>,
    /// Room for one result's item scores on one contrast.
    scores: Vec<f64>,
}

/// An item score: where `answer` sits on `axis` in `scenario`, −1 to +1;
/// `None` when it picked nothing there.
pub fn item_score(scenario: &Scenario, answer: &Answer, axis: &str) -> Option<f64> {
    let span = scenario.span(axis);
    if span == 0 {
        return None;
    }
    let (mut offset, mut responses) = (0, 0);
    for (pick, option) in answer.picks(scenario) {
        offset += pick.sign() * scenario.offset(option, axis);
        responses += 1;
    }
    (responses > 0).then(|| f64::from(offset) / f64::from(responses * span))
}

impl<'c> StatsBuilder<'c> {
    /// An empty builder for results of `content`.
    pub fn new(content: &'c Content) -> Self {
        let tallies = content
            .scenarios
            .iter()
            .map(|scenario| Tally {
                answered: 0,
                skipped: 0,
                most: vec![0; scenario.options.len()],
                least: vec![0; scenario.options.len()],
            })
            .collect();
        let axes = content
            .axes
            .iter()
            .map(|axis| {
                let items: Vec<usize> = content
                    .scenarios
                    .iter()
                    .enumerate()
                    .filter(|(_, scenario)| scenario.loads_on(&axis.id))
                    .map(|(index, _)| index)
                    .collect();
                let size = items.len();
                let spans =
                    items.iter().map(|&index| content.scenarios[index].span(&axis.id)).collect();
                let offsets =
                    items.iter().map(|&index| content.scenarios[index].offsets(&axis.id)).collect();
                Moments {
                    items,
                    spans,
                    offsets,
                    n: 0,
                    sums: vec![0.0; size],
                    products: vec![0.0; size * size],
                }
            })
            .collect();
        let mut by_id: Vec<usize> = (0..content.scenarios.len()).collect();
        by_id.sort_by_key(|&index| content.scenarios[index].id.as_str());
        Self { content, results: 0, tallies, axes, by_id, picked: Vec::new(), scores: Vec::new() }
    }

    /// Adds one result, made with this builder's content.
    pub fn add(&mut self, result: &ResultDocument) {
        self.results += 1;
        let scenarios = &self.content.scenarios;
        // Each scenario's answer is found once, for the tallies and for
        // every contrast it places, walking the answers (in the order of
        // their ids) beside the scenarios in the same order.
        let mut picked = std::mem::take(&mut self.picked);
        picked.clear();
        picked.resize(scenarios.len(), None);
        let mut answers = result.answers.iter().peekable();
        for &index in &self.by_id {
            let (scenario, tally) = (&scenarios[index], &mut self.tallies[index]);
            let id = scenario.id.as_str();
            while answers.next_if(|(key, _)| key.as_str() < id).is_some() {}
            let indices = match answers.next_if(|(key, _)| key.as_str() == id) {
                None => None,
                Some((_, Answer::Skipped)) => {
                    tally.skipped += 1;
                    None
                }
                Some((_, answer)) => {
                    tally.answered += 1;
                    let mut indices = [None; 2];
                    for (slot, pick) in indices.iter_mut().zip([Pick::Most, Pick::Least]) {
                        *slot = answer.key(pick).and_then(|key| {
                            scenario.options.iter().position(|option| option.key == key)
                        });
                        match (pick, *slot) {
                            (Pick::Most, Some(index)) => tally.most[index] += 1,
                            (Pick::Least, Some(index)) => tally.least[index] += 1,
                            (_, None) => {}
                        }
                    }
                    Some(indices)
                }
            };
            picked[index] = indices;
        }
        let mut scores = std::mem::take(&mut self.scores);
        'axes: for moments in &mut self.axes {
            // `item_score` with the spans and offsets worked out once.
            scores.clear();
            for (&index, (&span, offsets)) in
                moments.items.iter().zip(moments.spans.iter().zip(&moments.offsets))
            {
                let Some(indices) = picked[index] else { continue 'axes };
                if span == 0 {
                    continue 'axes;
                }
                let (mut offset, mut responses) = (0, 0);
                for (pick, at) in [Pick::Most, Pick::Least].into_iter().zip(indices) {
                    let Some(at) = at else { continue };
                    offset += pick.sign() * offsets[at];
                    responses += 1;
                }
                if responses == 0 {
                    continue 'axes;
                }
                scores.push(f64::from(offset) / f64::from(responses * span));
            }
            let size = scores.len();
            moments.n += 1;
            if size == 0 {
                continue;
            }
            for (i, (sum, row)) in
                moments.sums.iter_mut().zip(moments.products.chunks_exact_mut(size)).enumerate()
            {
                let score = scores[i];
                *sum += score;
                for (product, other) in row[i..].iter_mut().zip(&scores[i..]) {
                    *product += score * other;
                }
            }
        }
        self.picked = picked;
        self.scores = scores;
    }

    /// Adds everything `other` holds.
    pub fn merge(&mut self, other: StatsBuilder<'_>) {
        self.results += other.results;
        for (mine, theirs) in self.tallies.iter_mut().zip(other.tallies) {
            mine.answered += theirs.answered;
            mine.skipped += theirs.skipped;
            for (count, more) in mine.most.iter_mut().zip(theirs.most) {
                *count += more;
            }
            for (count, more) in mine.least.iter_mut().zip(theirs.least) {
                *count += more;
            }
        }
        for (mine, theirs) in self.axes.iter_mut().zip(other.axes) {
            mine.n += theirs.n;
            for (sum, more) in mine.sums.iter_mut().zip(theirs.sums) {
                *sum += more;
            }
            for (product, more) in mine.products.iter_mut().zip(theirs.products) {
                *product += more;
            }
        }
    }

    /// The analysis.
    pub fn finish(self) -> StatsDocument {
        let content = self.content;
        let mut flags = Vec::new();
        let unjudged: Vec<String> = content
            .scenarios
            .iter()
            .zip(&self.tallies)
            .filter(|(_, tally)| tally.answered < MIN_JUDGED)
            .map(|(scenario, _)| scenario.id.clone())
            .collect();
        if !unjudged.is_empty() {
            flags.push(Flag::FewAnswers { scenarios: unjudged });
        }
        let scenarios: Vec<ScenarioStats> = content
            .scenarios
            .iter()
            .zip(&self.tallies)
            .map(|(scenario, tally)| {
                let least = content.picks(scenario).contains(&Pick::Least);
                let share = |count: usize| {
                    (tally.answered > 0).then(|| round(count as f64 / tally.answered as f64, 3))
                };
                let options: Vec<OptionStats> = scenario
                    .options
                    .iter()
                    .enumerate()
                    .map(|(index, option)| OptionStats {
                        key: option.key.clone(),
                        share: share(tally.most[index]),
                        least_share: if least { share(tally.least[index]) } else { None },
                    })
                    .collect();
                scenario_flags(scenario, tally, &options, &mut flags);
                ScenarioStats {
                    id: scenario.id.clone(),
                    answered: tally.answered,
                    skipped: tally.skipped,
                    options,
                }
            })
            .collect();
        let axes: Vec<AxisStats> = content
            .axes
            .iter()
            .zip(&self.axes)
            .map(|(axis, moments)| {
                let stats = axis_stats(&axis.id, moments, content);
                axis_flags(&stats, &mut flags);
                stats
            })
            .collect();
        StatsDocument {
            schema: STATS_SCHEMA.to_owned(),
            itlead_version: env!("CARGO_PKG_VERSION").to_owned(),
            content: StatsContent {
                title: content.title.clone(),
                version: content.version.clone(),
                hash: content.hash.clone(),
            },
            results: self.results,
            axes,
            scenarios,
            flags,
        }
    }
}

/// The sample covariance matrix of the items from their sums.
fn covariance(moments: &Moments) -> Option<Vec<f64>> {
    let n = moments.n as f64;
    if moments.n < 2 {
        return None;
    }
    let size = moments.items.len();
    let mut matrix = vec![0.0; size * size];
    for i in 0..size {
        for j in 0..size {
            let product = moments.products[i.min(j) * size + i.max(j)];
            let centred = product - moments.sums[i] * moments.sums[j] / n;
            matrix[i * size + j] = centred / (n - 1.0);
        }
    }
    Some(matrix)
}

/// Cronbach's alpha of a covariance matrix: k/(k−1) · (1 − Σ var / var of the sum).
pub fn alpha(matrix: &[f64], size: usize) -> Option<f64> {
    if size < 2 {
        return None;
    }
    let total: f64 = matrix.iter().sum();
    let variances: f64 = (0..size).map(|i| matrix[i * size + i]).sum();
    if total <= f64::EPSILON {
        return None;
    }
    let k = size as f64;
    Some(k / (k - 1.0) * (1.0 - variances / total))
}

/// Each item's correlation with the sum of the other items.
pub fn item_rest(matrix: &[f64], size: usize) -> Vec<Option<f64>> {
    (0..size)
        .map(|i| {
            let variance = matrix[i * size + i];
            let with_rest: f64 = (0..size).filter(|&j| j != i).map(|j| matrix[i * size + j]).sum();
            let rest: f64 = (0..size)
                .filter(|&j| j != i)
                .flat_map(|j| (0..size).filter(move |&l| l != i).map(move |l| (j, l)))
                .map(|(j, l)| matrix[j * size + l])
                .sum();
            let spread = (variance * rest).sqrt();
            (size >= 2 && spread > f64::EPSILON).then(|| with_rest / spread)
        })
        .collect()
}

fn axis_stats(id: &str, moments: &Moments, content: &Content) -> AxisStats {
    let size = moments.items.len();
    let matrix = covariance(moments);
    let rests =
        matrix.as_deref().map_or_else(|| vec![None; size], |matrix| item_rest(matrix, size));
    let items = moments
        .items
        .iter()
        .zip(rests)
        .enumerate()
        .map(|(at, (&index, rest))| ItemStats {
            scenario: content.scenarios[index].id.clone(),
            mean: (moments.n > 0).then(|| round(moments.sums[at] / moments.n as f64, 3)),
            item_rest: rest.map(|value| round(value, 3)),
        })
        .collect();
    AxisStats {
        id: id.to_owned(),
        n: moments.n,
        alpha: matrix
            .as_deref()
            .and_then(|matrix| alpha(matrix, size))
            .map(|value| round(value, 3)),
        items,
    }
}

fn scenario_flags(
    scenario: &Scenario,
    tally: &Tally,
    options: &[OptionStats],
    flags: &mut Vec<Flag>,
) {
    if tally.answered < MIN_JUDGED {
        return;
    }
    for option in options {
        let Some(share) = option.share else { continue };
        let (id, key) = (&scenario.id, &option.key);
        if share < DEAD_OPTION {
            flags.push(Flag::DeadOption { scenario: id.clone(), option: key.clone(), share });
        } else if share > OBVIOUS_OPTION {
            flags.push(Flag::ObviousAnswer { scenario: id.clone(), option: key.clone(), share });
        }
    }
}

fn axis_flags(stats: &AxisStats, flags: &mut Vec<Flag>) {
    if stats.n < MIN_JUDGED {
        flags.push(Flag::FewComplete { axis: stats.id.clone(), complete: stats.n });
        return;
    }
    if let Some(alpha) = stats.alpha.filter(|alpha| *alpha < LOW_ALPHA) {
        flags.push(Flag::LowAlpha { axis: stats.id.clone(), alpha });
    }
    for item in &stats.items {
        if let Some(item_rest) = item.item_rest.filter(|rest| *rest < LOW_ITEM_REST) {
            flags.push(Flag::LowItemRest {
                axis: stats.id.clone(),
                scenario: item.scenario.clone(),
                item_rest,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Answers;

    #[test]
    fn flag_kind_ids_match_their_serde_form() {
        for kind in [
            FlagKind::TooFew,
            FlagKind::DeadOption,
            FlagKind::ObviousAnswer,
            FlagKind::LowAlpha,
            FlagKind::LowItemRest,
        ] {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.id());
        }
    }

    #[test]
    fn identical_items_have_an_alpha_of_one_and_independent_ones_zero() {
        // Three identical items of variance 0.5: every covariance is 0.5.
        let identical = vec![0.5; 9];
        assert!((alpha(&identical, 3).unwrap() - 1.0).abs() < 1e-12);
        for rest in item_rest(&identical, 3) {
            assert!((rest.unwrap() - 1.0).abs() < 1e-12);
        }
        // Uncorrelated items: a diagonal covariance matrix.
        let independent = vec![0.5, 0.0, 0.0, 0.0, 0.3, 0.0, 0.0, 0.0, 0.2];
        assert!(alpha(&independent, 3).unwrap().abs() < 1e-12);
        assert!(item_rest(&independent, 3).iter().all(|rest| rest.unwrap().abs() < 1e-12));
        // One item, or no variance: no alpha.
        assert_eq!(alpha(&[0.5], 1), None);
        assert_eq!(alpha(&[0.0; 4], 2), None);
    }

    #[test]
    fn a_worked_example() {
        // Two items with variances 1 and 4 and covariance 1: total variance
        // 1 + 4 + 2·1 = 7; alpha = 2 · (1 − 5/7) = 4/7; item-rest is the
        // correlation 1 / (1 · 2) = 0.5 for both.
        let matrix = [1.0, 1.0, 1.0, 4.0];
        assert!((alpha(&matrix, 2).unwrap() - 4.0 / 7.0).abs() < 1e-12);
        assert_eq!(item_rest(&matrix, 2), vec![Some(0.5), Some(0.5)]);
    }

    /// Results of the built-in content with answers drawn from `seed`
    /// (a few skipped, two-option scenarios answered with one key).
    fn random_results(content: &Content, count: usize, seed: u64) -> Vec<ResultDocument> {
        let mut state = seed;
        let mut next = move |below: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as usize % below
        };
        (0..count)
            .map(|n| {
                let mut answers = Answers::new();
                for scenario in &content.scenarios {
                    let keys: Vec<&str> = scenario.options.iter().map(|o| o.key.as_str()).collect();
                    let answer = if next(20) == 0 {
                        Answer::Skipped
                    } else if keys.len() == 2 {
                        Answer::Chosen { most: keys[next(2)].into(), least: None }
                    } else {
                        let most = next(keys.len());
                        let least = (most + 1 + next(keys.len() - 1)) % keys.len();
                        Answer::Chosen { most: keys[most].into(), least: Some(keys[least].into()) }
                    };
                    answers.insert(scenario.id.as_str().into(), answer);
                }
                let profile = crate::score::score(content, &answers);
                // Answers to scenarios the content does not have (a hand
                // edit) are passed over, wherever their ids sort.
                for id in ["a-gone", "m-gone", "m-gone-too", "zz-gone"] {
                    answers.insert(id.into(), Answer::Skipped);
                }
                ResultDocument::new(
                    content,
                    answers,
                    profile,
                    crate::content::selection::Selection::Full,
                    crate::result::Respondent::default(),
                    format!("2025-01-01T00:00:{n:02}Z"),
                )
            })
            .collect()
    }

    #[test]
    fn the_builder_agrees_with_item_scores_worked_out_one_by_one() {
        let content = crate::questionnaire::built_in();
        let results = random_results(&content, 60, 11);
        // Two builders merged, as `gather` makes them.
        let mut builder = StatsBuilder::new(&content);
        let mut later = StatsBuilder::new(&content);
        for (n, result) in results.iter().enumerate() {
            if n < 25 { builder.add(result) } else { later.add(result) }
        }
        builder.merge(later);
        let document = builder.finish();
        assert_eq!(document.results, 60);
        for (axis, stats) in content.axes.iter().zip(&document.axes) {
            assert_eq!(stats.id, axis.id);
            let items: Vec<&Scenario> =
                content.scenarios.iter().filter(|s| s.loads_on(&axis.id)).collect();
            // Each result that placed every item: its item scores.
            let rows: Vec<Vec<f64>> = results
                .iter()
                .filter_map(|result| {
                    items
                        .iter()
                        .map(|scenario| {
                            let answer = result.answers.get(scenario.id.as_str())?;
                            item_score(scenario, answer, &axis.id)
                        })
                        .collect()
                })
                .collect();
            assert_eq!(stats.n, rows.len(), "{}", axis.id);
            let size = items.len();
            let n = rows.len() as f64;
            let means: Vec<f64> =
                (0..size).map(|i| rows.iter().map(|row| row[i]).sum::<f64>() / n).collect();
            let mut matrix = vec![0.0; size * size];
            for i in 0..size {
                for j in 0..size {
                    let sum: f64 =
                        rows.iter().map(|row| (row[i] - means[i]) * (row[j] - means[j])).sum();
                    matrix[i * size + j] = sum / (n - 1.0);
                }
            }
            let (shown, expected) = (stats.alpha.unwrap(), alpha(&matrix, size).unwrap());
            assert!((shown - expected).abs() < 0.0006, "alpha of {}: {shown}, {expected}", axis.id);
            for ((item, scenario), mean) in stats.items.iter().zip(&items).zip(&means) {
                assert_eq!(item.scenario, scenario.id);
                let shown = item.mean.expect("a mean for every item");
                assert!((shown - mean).abs() < 0.0006, "{}: {shown} against {mean}", scenario.id);
            }
        }
    }
}
