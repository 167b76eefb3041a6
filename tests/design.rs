//! `itlead check`'s design analysis: exact numbers (checked against a brute
//! force over every possible set of answers), the faults of content 1.0.0,
//! and the built-in content meeting every target.

mod common;

use common::{Itlead, fixture};
use serde_json::Value;

fn check_json(file: Option<&str>) -> Value {
    let mut itlead = Itlead::new().arg("check");
    if let Some(file) = file {
        itlead = itlead.arg(file);
    }
    let run = itlead.args(["--format", "json"]).ok();
    serde_json::from_str(&run.stdout).expect("check JSON")
}

#[test]
fn content_1_0_0_shows_the_faults_the_review_found_and_fails_strict() {
    let old = fixture("content/contrasts-1.0.0.yaml");
    let old = old.to_str().unwrap();
    let run = Itlead::new().args(["check", old]).env("COLUMNS", "80").ok();
    let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("status-quo-change: a respondent answering at random averages +13.5 (limit ±5); 9 options pull toward Change agent and 5 toward Status quo"),
        "{}",
        run.stdout
    );
    assert!(
        flat.contains(
            "systems-relationships and employees-fans correlate at +0.37 under random answering"
        ),
        "{}",
        run.stdout
    );
    assert!(
        flat.contains("4 scored responses in the full form (at least 6 needed)"),
        "{}",
        run.stdout
    );
    assert!(flat.contains("the full form takes about 19.1 minutes"), "{}", run.stdout);
    for line in run.stdout.lines() {
        assert!(unicode_width::UnicodeWidthStr::width(line) <= 80, "{line:?}");
    }
    let strict = Itlead::new().args(["check", old, "--strict"]).expect_code(3);
    assert!(strict.stderr.contains("design warnings; --strict fails on any"), "{}", strict.stderr);
    let json = check_json(Some(old));
    let kinds: Vec<&str> = json["design"]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["kind"].as_str().unwrap())
        .collect();
    for kind in ["random-mean", "uneven-options", "correlation", "few-responses", "long-quick-form"]
    {
        assert!(kinds.contains(&kind), "{kind} missing from {kinds:?}");
    }
    let swing = json["design"]["axes"][0]["swing"].as_f64().unwrap();
    assert!(
        (swing - 50.0).abs() < 1e-9,
        "one answer moves a four-scenario axis 50 points: {swing}"
    );
}

#[test]
fn the_built_in_content_meets_every_target() {
    Itlead::new().args(["check", "--strict"]).ok();
    let json = check_json(None);
    let design = &json["design"];
    assert_eq!(design["warnings"], Value::Array(Vec::new()), "{design:#}");
    // Notes too: an option that says "you" reads oddly in the observer form.
    assert_eq!(design["notes"], Value::Array(Vec::new()), "{design:#}");
    assert!(design["full"]["seconds"].as_f64().unwrap() <= 20.0 * 60.0);
    assert!(design["quick"]["seconds"].as_f64().unwrap() <= 8.0 * 60.0);
    for axis in design["axes"].as_array().unwrap() {
        assert!(axis["responses"].as_u64().unwrap() >= 6, "{axis}");
        assert!(axis["quick_responses"].as_u64().unwrap() >= 3, "{axis}");
        assert!(axis["random_mean"].as_f64().unwrap().abs() <= 5.0, "{axis}");
    }
    for pair in design["correlations"].as_array().unwrap() {
        assert!(pair["r"].as_f64().unwrap().abs() <= 0.25, "{pair}");
    }
    let roles = &design["roles"];
    let without_authority = roles["anyone"].as_u64().unwrap() + roles["lead"].as_u64().unwrap();
    assert!(2 * without_authority >= json["scenarios"].as_u64().unwrap(), "{roles}");
}

/// Weights of mini.yaml by scenario, option (a, b, c) and axis
/// (today-tomorrow, goals-vision), read from the fixture by hand.
const MINI: [[[i32; 2]; 3]; 3] = [
    [[-2, -1], [2, 1], [-1, 0]], // outage
    [[0, -2], [1, 2], [-1, 1]],  // budget
    [[-2, -1], [2, 2], [0, 1]],  // roadmap
];

#[test]
fn design_numbers_are_exact() {
    // Every respondent who answers at random, enumerated: 6 (most, least)
    // pairs per scenario, 216 answer sets, each equally likely. Scores are
    // computed here from the weights alone.
    let offset = |scenario: usize, option: usize, axis: usize| {
        let weights: Vec<i32> = MINI[scenario].iter().map(|option| option[axis]).collect();
        let (low, high) = (*weights.iter().min().unwrap(), *weights.iter().max().unwrap());
        (2 * weights[option] - low - high, high - low)
    };
    let pairs: Vec<(usize, usize)> = (0..3)
        .flat_map(|most| (0..3).filter(move |&least| least != most).map(move |least| (most, least)))
        .collect();
    let mut scores: Vec<[f64; 2]> = Vec::new();
    for first in &pairs {
        for second in &pairs {
            for third in &pairs {
                let mut score = [0.0; 2];
                for (axis, slot) in score.iter_mut().enumerate() {
                    let (mut sum, mut range) = (0, 0);
                    for (scenario, (most, least)) in [first, second, third].into_iter().enumerate()
                    {
                        let (up, span) = offset(scenario, *most, axis);
                        let (down, _) = offset(scenario, *least, axis);
                        sum += up - down;
                        range += 2 * span;
                    }
                    *slot = 100.0 * f64::from(sum) / f64::from(range);
                }
                scores.push(score);
            }
        }
    }
    let count = scores.len() as f64;
    let mean = |axis: usize| scores.iter().map(|score| score[axis]).sum::<f64>() / count;
    let sd = |axis: usize| {
        let m = mean(axis);
        (scores.iter().map(|score| (score[axis] - m).powi(2)).sum::<f64>() / count).sqrt()
    };
    let (m0, m1) = (mean(0), mean(1));
    let covariance =
        scores.iter().map(|score| (score[0] - m0) * (score[1] - m1)).sum::<f64>() / count;
    let r = covariance / (sd(0) * sd(1));

    let json = check_json(Some(fixture("content/mini.yaml").to_str().unwrap()));
    let design = &json["design"];
    let axes = design["axes"].as_array().unwrap();
    for (axis, entry) in axes.iter().enumerate() {
        assert!((entry["random_mean"].as_f64().unwrap() - mean(axis)).abs() < 0.051, "{entry}");
        assert!(
            (entry["random_sd"].as_f64().unwrap() - sd(axis)).abs() < 0.051,
            "{entry} vs {}",
            sd(axis)
        );
        assert_eq!(entry["responses"], 6);
    }
    let reported = design["correlations"][0]["r"].as_f64().unwrap();
    assert!((reported - r).abs() < 0.0006, "r {reported} vs {r:.4}");
    // Most-and-least answering cancels any imbalance of the options for a
    // random respondent, so the imbalance is a warning of its own:
    // goals-vision has 5 options toward Vision (budget b, c; roadmap b, c;
    // outage b) and 3 toward Goals; today-tomorrow 3 and 4.
    assert!(m0.abs() < 1e-9 && m1.abs() < 1e-9);
    let uneven: Vec<&Value> = design["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|warning| warning["kind"] == "uneven-options")
        .collect();
    assert_eq!(uneven.len(), 1, "{uneven:?}");
    assert_eq!(uneven[0]["axes"], serde_json::json!(["goals-vision"]));
    assert!(
        uneven[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("goals-vision: 5 options pull toward Vision and 3 toward Goals"),
        "{}",
        uneven[0]
    );
    // Step: the smallest gap between two options' offsets, over the spans:
    // goals-vision offsets differ by 2 at least (weights 1 apart), spans
    // 2 + 4 + 3 = 9, two responses each: 100 · 2 / 18 = 11.1.
    assert!((axes[1]["step"].as_f64().unwrap() - 11.1).abs() < 1e-9, "{}", axes[1]);
}

#[test]
fn the_time_estimate_counts_words_and_decisions() {
    let json = check_json(Some(fixture("content/mini.yaml").to_str().unwrap()));
    let full = &json["design"]["full"];
    let words = full["words"].as_f64().unwrap();
    assert_eq!(full["decisions"], 6, "two decisions in each of three scenarios");
    // Each scenario has three options: the most likely is chosen among
    // three (10 s), the least likely between the two left (4 s).
    let expected = words / 238.0 * 60.0 + 3.0 * 10.0 + 3.0 * 4.0;
    assert!((full["seconds"].as_f64().unwrap() - expected).abs() < 1e-6);
}
