//! Modelled respondents, computed a second time, independently of itlead's
//! own model: people with known positions answer the questionnaire in this
//! test (its own random numbers, its own choice rule, weights read from the
//! YAML file).
//!
//! - Scored here too, from the rules the README states (positions in each
//!   scenario's range, the moderated standard error, a side from 1.645
//!   margins, the χ² test of mixed), 4,000 people give figures that must
//!   match what `itlead check` reports within ±0.05.
//! - Scored by the binary (`assess --answers`, then `compare` of each
//!   person's two answer sets), a few hundred people show that the built-in
//!   questionnaire meets the targets for the wrong side, mixed and
//!   movements called beyond noise.

mod common;

use std::path::{Path, PathBuf};

use common::{Itlead, fixture};
use itlead::result::ResultDocument;
use serde_json::Value;

/// People modelled per content.
const PEOPLE: usize = 360;
/// The strength of positions against the noise, as `check` defaults to.
const BETA: f64 = 0.5;

/// A scenario as the test reads it from the YAML: option keys, and each
/// option's weights on every contrast.
struct Item {
    id: String,
    keys: Vec<String>,
    /// Per option, per contrast (in file order), the weight.
    weights: Vec<Vec<f64>>,
}

/// The contrasts and scenarios of a content file, straight from its YAML.
fn read(path: &Path) -> (Vec<String>, Vec<Item>) {
    let text = std::fs::read_to_string(path).expect("content");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    let axes: Vec<String> = yaml["axes"]
        .as_sequence()
        .expect("axes")
        .iter()
        .map(|axis| axis["id"].as_str().expect("id").to_owned())
        .collect();
    let items = yaml["scenarios"]
        .as_sequence()
        .expect("scenarios")
        .iter()
        .map(|scenario| {
            let options = scenario["options"].as_sequence().expect("options");
            Item {
                id: scenario["id"].as_str().expect("id").to_owned(),
                keys: options.iter().map(|o| o["key"].as_str().expect("key").to_owned()).collect(),
                weights: options
                    .iter()
                    .map(|option| {
                        axes.iter()
                            .map(|axis| option["weights"][axis.as_str()].as_f64().unwrap_or(0.0))
                            .collect()
                    })
                    .collect(),
            }
        })
        .collect();
    (axes, items)
}

/// xorshift64*: the test's own random numbers.
struct Random(u64);

impl Random {
    fn uniform(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let bits = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11;
        (bits as f64 + 0.5) / (1_u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        // Sum of twelve uniforms, less six: close enough to normal for
        // positions, and independent of itlead's Box–Muller.
        (0..12).map(|_| self.uniform()).sum::<f64>() - 6.0
    }

    fn gumbel(&mut self) -> f64 {
        -(-self.uniform().ln()).ln()
    }
}

/// One answer as the test makes it: option indices.
struct Picked {
    most: usize,
    least: Option<usize>,
}

/// What a person at `theta` picks in `item`: each option's utility is
/// β · Σ θ · position plus Gumbel noise; the most likely is the highest,
/// the least likely (with three options or more) the lowest of the rest.
fn choose(item: &Item, theta: &[f64], random: &mut Random) -> Picked {
    let utilities: Vec<f64> = item
        .weights
        .iter()
        .map(|weights| {
            // Position on a contrast: the weight placed in the scenario's
            // range, −1 at its manager end, +1 at its leader end.
            let pull: f64 = (0..theta.len())
                .map(|axis| {
                    let column: Vec<f64> = item.weights.iter().map(|w| w[axis]).collect();
                    let low = column.iter().copied().fold(f64::INFINITY, f64::min);
                    let high = column.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    if high > low {
                        theta[axis] * (2.0 * weights[axis] - low - high) / (high - low)
                    } else {
                        0.0
                    }
                })
                .sum();
            BETA * pull + random.gumbel()
        })
        .collect();
    let best = |except: Option<usize>, highest: bool| {
        (0..utilities.len())
            .filter(|&index| Some(index) != except)
            .max_by(|&a, &b| {
                let (x, y) = (utilities[a], utilities[b]);
                if highest { x.total_cmp(&y) } else { y.total_cmp(&x) }
            })
            .expect("options")
    };
    let most = best(None, true);
    let least = (item.keys.len() > 2).then(|| best(Some(most), false));
    Picked { most, least }
}

/// One person's answers to every scenario, in scenario order.
fn pick(items: &[Item], theta: &[f64], random: &mut Random) -> Vec<Picked> {
    items.iter().map(|item| choose(item, theta, random)).collect()
}

/// The same as an answers file's map.
fn answer(items: &[Item], theta: &[f64], random: &mut Random) -> serde_json::Map<String, Value> {
    items
        .iter()
        .zip(pick(items, theta, random))
        .map(|(item, picked)| {
            let value = match picked.least {
                None => Value::String(item.keys[picked.most].clone()),
                Some(least) => {
                    serde_json::json!({ "most": item.keys[picked.most], "least": item.keys[least] })
                }
            };
            (item.id.clone(), value)
        })
        .collect()
}

/// The score of one contrast from `picked`, as the README describes it:
/// score, side (−1, 0, +1) and mixed.
fn rescore(items: &[Item], picked: &[Picked], axis: usize) -> View {
    // Per scenario on the contrast: counted offset, weight (span times
    // responses) and the variance of its position under random answering.
    let mut scored: Vec<(f64, f64, f64, bool)> = Vec::new();
    for (item, picked) in items.iter().zip(picked) {
        let column: Vec<f64> = item.weights.iter().map(|w| w[axis]).collect();
        let low = column.iter().copied().fold(f64::INFINITY, f64::min);
        let high = column.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if high <= low {
            continue;
        }
        let span = high - low;
        let offset = |option: usize| 2.0 * column[option] - low - high;
        let mut counted = offset(picked.most);
        let mut responses = 1.0;
        let positions: Vec<f64> = if let Some(least) = picked.least {
            counted -= offset(least);
            responses = 2.0;
            let mut all = Vec::new();
            for a in 0..column.len() {
                for b in 0..column.len() {
                    if a != b {
                        all.push((offset(a) - offset(b)) / (2.0 * span));
                    }
                }
            }
            all
        } else {
            (0..column.len()).map(|a| offset(a) / span).collect()
        };
        let mean = positions.iter().sum::<f64>() / positions.len() as f64;
        let variance =
            positions.iter().map(|p| (p - mean).powi(2)).sum::<f64>() / positions.len() as f64;
        scored.push((counted, responses * span, variance, column.len() > 2));
    }
    let total: f64 = scored.iter().map(|s| s.1).sum();
    let mean = scored.iter().map(|s| s.0).sum::<f64>() / total;
    let score = (100.0 * mean).round();
    // The moderated standard error: the spread of the scenarios' positions,
    // pulled toward the spread of answering the same scenarios at random
    // (weighted as the positions are), with the weight of two scenarios.
    let n = scored.len() as f64;
    let squares: f64 = scored.iter().map(|s| s.1 * s.1 * (s.0 / s.1 - mean).powi(2)).sum();
    let weights_squared: f64 = scored.iter().map(|s| s.1 * s.1).sum();
    let assumed: f64 = scored.iter().map(|s| s.1 * s.1 * s.2).sum::<f64>() / weights_squared;
    let variance = (2.0 * assumed + n * squares / weights_squared) / (2.0 + n - 1.0);
    let error = (100.0 * (variance * weights_squared).sqrt() / total).round();
    let side = if score.abs() >= 20.0 && score.abs() > 1.644_853_6 * error {
        score.signum() as i8
    } else {
        0
    };
    // Mixed: no side, and Σ (y − ȳ)² / v beyond the 95th percentile of χ²
    // with n − 1 degrees of freedom (Wilson–Hilferty), from 3 scenarios of
    // three or more options (a choice between two leaves out).
    let spread: Vec<_> = scored.iter().filter(|s| s.3).collect();
    let precision: f64 = spread.iter().map(|s| 1.0 / s.2).sum();
    let centre = spread.iter().map(|s| s.0 / s.1 / s.2).sum::<f64>() / precision;
    let q: f64 = spread.iter().map(|s| (s.0 / s.1 - centre).powi(2) / s.2).sum();
    let k = spread.len() as f64 - 1.0;
    let limit = k * (1.0 - 2.0 / (9.0 * k) + 1.644_853_6 * (2.0 / (9.0 * k)).sqrt()).powi(3);
    let mixed = side == 0 && spread.len() >= 3 && q > limit;
    View { score, side, mixed }
}

/// The figures of every contrast for `PEOPLE_HERE` people scored in the
/// test itself.
fn computed(path: &Path, seed: u64) -> (Vec<String>, Vec<Measured>) {
    const PEOPLE_HERE: usize = 4000;
    let (axes, items) = read(path);
    let mut random = Random(seed);
    let mut rows: Vec<(Vec<f64>, [Vec<View>; 2])> = Vec::with_capacity(PEOPLE_HERE);
    for _ in 0..PEOPLE_HERE {
        let theta: Vec<f64> = axes.iter().map(|_| random.normal()).collect();
        let sets = [0, 1].map(|_| {
            let picked = pick(&items, &theta, &mut random);
            (0..axes.len()).map(|axis| rescore(&items, &picked, axis)).collect::<Vec<View>>()
        });
        rows.push((theta, sets));
    }
    let measured = (0..axes.len()).map(|axis| tally(axis, &rows)).collect();
    (axes, measured)
}

/// The six figures of one contrast from people's positions and two views.
fn tally(axis: usize, rows: &[(Vec<f64>, [Vec<View>; 2])]) -> Measured {
    let mut retest = Vec::new();
    let mut recovery = Vec::new();
    let mut c = [0_usize; 8];
    for (theta, [a, b]) in rows {
        let t = theta[axis];
        let (a, b) = (a[axis], b[axis]);
        retest.push((a.score, b.score));
        recovery.push((t, a.score));
        c[0] += 1;
        c[1] += usize::from(a.side == b.side);
        let direction = if t > 0.0 { 1 } else { -1 };
        for view in [a, b] {
            c[6] += 1;
            c[7] += usize::from(view.mixed);
            if t.abs() > 0.5 {
                c[2] += 1;
                c[3] += usize::from(view.side == -direction);
            }
            if t.abs() > 1.0 {
                c[4] += 1;
                c[5] += usize::from(view.side == direction);
            }
        }
    }
    let share = |n: usize, of: usize| n as f64 / of.max(1) as f64;
    Measured {
        retest: correlation(&retest),
        recovery: correlation(&recovery),
        same_side: share(c[1], c[0]),
        wrong_side: share(c[3], c[2]),
        sensitivity: share(c[5], c[4]),
        mixed: share(c[7], c[6]),
    }
}

/// Writes `answers` and scores them through the binary into a result file.
fn score(content: Option<&Path>, answers: &serde_json::Map<String, Value>, out: &Path) -> PathBuf {
    let input = out.with_extension("answers.json");
    let document = serde_json::json!({ "schema": "itlead.answers/2", "answers": answers });
    std::fs::write(&input, document.to_string()).expect("write answers");
    let mut run = Itlead::new().args(["assess", "--answers", input.to_str().unwrap()]);
    if let Some(content) = content {
        run = run.args(["--content", content.to_str().unwrap()]);
    }
    run.args(["--format", "json", "--no-save", "--output", out.to_str().unwrap()]).ok();
    out.to_owned()
}

/// What one scored answer set showed on one contrast.
#[derive(Debug, Clone, Copy)]
struct View {
    score: f64,
    side: i8,
    mixed: bool,
}

fn views(result: &ResultDocument) -> Vec<View> {
    result
        .axes
        .iter()
        .map(|axis| View {
            score: f64::from(axis.score.expect("every contrast answered")),
            side: match axis.band.side() {
                Some(itlead::content::model::Side::Manager) => -1,
                Some(itlead::content::model::Side::Leader) => 1,
                None => 0,
            },
            mixed: axis.mixed,
        })
        .collect()
}

fn correlation(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (mx, my) = pairs.iter().fold((0.0, 0.0), |(x, y), (a, b)| (x + a / n, y + b / n));
    let (mut xy, mut xx, mut yy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        xy += (x - mx) * (y - my);
        xx += (x - mx).powi(2);
        yy += (y - my).powi(2);
    }
    xy / (xx * yy).sqrt()
}

/// The figures of one contrast, as the test measured them.
#[derive(Debug, Default)]
struct Measured {
    retest: f64,
    recovery: f64,
    same_side: f64,
    wrong_side: f64,
    sensitivity: f64,
    mixed: f64,
}

/// Models `PEOPLE` respondents on `path` (the built-in content when
/// `content` is `None`), scores them through the binary, and returns per
/// contrast what was measured and the share of contrasts `compare` flags
/// as moved beyond noise between a person's two answer sets.
fn measure(path: &Path, content: Option<&Path>, seed: u64) -> (Vec<String>, Vec<Measured>, f64) {
    let (axes, items) = read(path);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut random = Random(seed);
    let people: Vec<(Vec<f64>, [PathBuf; 2])> = (0..PEOPLE)
        .map(|person| {
            let theta: Vec<f64> = axes.iter().map(|_| random.normal()).collect();
            let sets = [0, 1].map(|set| {
                let answers = answer(&items, &theta, &mut random);
                score(content, &answers, &dir.path().join(format!("{person}-{set}.json")))
            });
            (theta, sets)
        })
        .collect();
    let mut flagged = (0_usize, 0_usize);
    let mut rows: Vec<(Vec<f64>, [Vec<View>; 2])> = Vec::with_capacity(PEOPLE);
    for (theta, [first, second]) in &people {
        let read = |path: &Path| {
            ResultDocument::parse("result", &std::fs::read_to_string(path).unwrap()).unwrap()
        };
        rows.push((theta.clone(), [views(&read(first)), views(&read(second))]));
        let compared = Itlead::new()
            .args(["compare", first.to_str().unwrap(), second.to_str().unwrap()])
            .args(["--format", "json"])
            .ok();
        let document: Value = serde_json::from_str(&compared.stdout).expect("compare JSON");
        for movement in document["axes"].as_array().expect("axes") {
            flagged.0 += usize::from(movement["beyond_noise"] == Value::Bool(true));
            flagged.1 += 1;
        }
    }
    let measured = (0..axes.len()).map(|axis| tally(axis, &rows)).collect();
    (axes, measured, flagged.0 as f64 / flagged.1.max(1) as f64)
}

/// `itlead check --format json`'s full-form figures for each contrast.
fn checked(content: Option<&Path>) -> Value {
    let mut run = Itlead::new().args(["check", "--format", "json"]);
    if let Some(content) = content {
        run = run.arg(content.to_str().unwrap());
    }
    let run = run.ok();
    serde_json::from_str::<Value>(&run.stdout).expect("check JSON")["modelled"]["full"].clone()
}

fn assert_matches(axes: &[String], measured: &[Measured], reported: &Value) {
    for (id, mine) in axes.iter().zip(measured) {
        let theirs = reported["axes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|axis| axis["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{id} missing from check"));
        for (name, value) in [
            ("retest", mine.retest),
            ("recovery", mine.recovery),
            ("same_side", mine.same_side),
            ("wrong_side", mine.wrong_side),
            ("sensitivity", mine.sensitivity),
            ("mixed", mine.mixed),
        ] {
            let reported = theirs[name].as_f64().unwrap();
            assert!(
                (reported - value).abs() <= 0.05,
                "{id} {name}: check says {reported:.3}, an independent computation {value:.3}"
            );
        }
    }
}

#[test]
fn the_built_in_figures_match_an_independent_computation() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/contrasts.yaml");
    let (axes, measured) = computed(&path, 0x5eed_0001);
    assert_matches(&axes, &measured, &checked(None));
}

#[test]
fn content_2_figures_match_an_independent_computation() {
    let path = fixture("content/contrasts-2.0.0.yaml");
    let (axes, measured) = computed(&path, 0x5eed_0002);
    assert_matches(&axes, &measured, &checked(Some(&path)));
}

#[test]
fn people_scored_by_the_binary_are_rarely_shown_the_wrong_side_or_mixed_or_moved() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/contrasts.yaml");
    let (axes, measured, flagged) = measure(&path, None, 0x5eed_0003);
    for (id, mine) in axes.iter().zip(&measured) {
        assert!(mine.wrong_side <= 0.05, "{id}: {:.3} shown the other side", mine.wrong_side);
        assert!(mine.mixed <= 0.05, "{id}: {:.3} of consistent answer sets mixed", mine.mixed);
    }
    assert!(
        flagged <= 0.05,
        "compare calls {:.1}% of one person's retest movements beyond noise",
        flagged * 100.0
    );
}

#[test]
fn content_2_fails_strict_for_reliability() {
    let path = fixture("content/contrasts-2.0.0.yaml");
    let run = Itlead::new().args(["check", path.to_str().unwrap(), "--strict"]).expect_code(3);
    assert!(
        run.stdout.contains("goals-vision: the full form's modelled retest is 0.4"),
        "{}",
        run.stdout
    );
    assert!(run.stderr.contains("design warnings; --strict fails on any"), "{}", run.stderr);
    for line in run.stdout.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line:?}");
    }
    let json = checked(Some(&path));
    assert!(json["median_retest"].as_f64().unwrap() < 0.70, "{json}");
}
