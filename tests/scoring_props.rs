//! Property tests of scoring, on the built-in content and on random content.

use std::collections::BTreeMap;

use itlead::content::model::{Axis, Choice, Content, Pole, Scenario, Sides};
use itlead::library::built_in;
use itlead::score::{Answers, Band, SKIP, score};
use proptest::prelude::*;

/// For each scenario, an index into its options or a skip (`None`).
fn answers_for(content: &Content, picks: &[Option<usize>]) -> Answers {
    content
        .scenarios
        .iter()
        .zip(picks.iter().cycle())
        .map(|(scenario, pick)| {
            let key = match pick {
                Some(index) => scenario.options[index % scenario.options.len()].key.clone(),
                None => SKIP.to_owned(),
            };
            (scenario.id.clone(), key)
        })
        .collect()
}

/// The respondent who always takes the option furthest toward one side of `axis`.
fn extreme(content: &Content, axis: &str, leader: bool) -> Answers {
    content
        .scenarios
        .iter()
        .map(|scenario| {
            let pick = scenario.options.iter().max_by_key(|option| {
                let weight = option.weight(axis);
                if leader { weight } else { -weight }
            });
            (scenario.id.clone(), pick.unwrap().key.clone())
        })
        .collect()
}

fn axis_score(content: &Content, answers: &Answers, axis: &str) -> Option<i32> {
    let profile = score(content, answers);
    profile.axes.iter().find(|entry| entry.id == axis).unwrap().score
}

fn pole(name: &str) -> Pole {
    Pole { name: name.to_owned(), summary: String::new() }
}

/// Random content: up to 4 axes, scenarios with 2–5 options and random weights.
fn random_content() -> impl Strategy<Value = Content> {
    let option_weights = proptest::collection::vec(-2_i8..=2, 4);
    let scenario = proptest::collection::vec(option_weights, 2..=5);
    proptest::collection::vec(scenario, 1..12).prop_map(|scenarios| {
        let axis_ids = ["a", "b", "c", "d"];
        let axes = axis_ids
            .iter()
            .map(|id| Axis {
                id: (*id).to_owned(),
                theme: "t".to_owned(),
                poles: Sides {
                    manager: pole(&format!("{id}-m")),
                    leader: pole(&format!("{id}-l")),
                },
                aliases: Vec::new(),
                explanation: String::new(),
                in_it: String::new(),
                strengths: Sides { manager: Vec::new(), leader: Vec::new() },
                watch_outs: Sides { manager: Vec::new(), leader: Vec::new() },
                related: Vec::new(),
                source: String::new(),
                source_point: String::new(),
            })
            .collect();
        let scenarios = scenarios
            .into_iter()
            .enumerate()
            .map(|(index, options)| Scenario {
                id: format!("s{index}"),
                title: String::new(),
                situation: String::new(),
                options: options
                    .into_iter()
                    .enumerate()
                    .map(|(key, weights)| Choice {
                        key: char::from(b'a' + key as u8).to_string(),
                        text: String::new(),
                        weights: axis_ids
                            .iter()
                            .zip(weights)
                            .filter(|(_, weight)| *weight != 0)
                            .map(|(id, weight)| ((*id).to_owned(), weight))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        Content {
            title: "random".into(),
            version: "0".into(),
            hash: String::new(),
            sources: Vec::new(),
            themes: Vec::new(),
            axes,
            scenarios,
        }
    })
}

fn mirrored(content: &Content) -> Content {
    let mut mirror = content.clone();
    for scenario in &mut mirror.scenarios {
        for option in &mut scenario.options {
            for (_, weight) in &mut option.weights {
                *weight = -*weight;
            }
        }
    }
    mirror
}

#[test]
fn extreme_respondents_hit_exactly_minus_and_plus_100_on_every_axis() {
    let content = built_in();
    for axis in &content.axes {
        assert_eq!(
            axis_score(&content, &extreme(&content, &axis.id, false), &axis.id),
            Some(-100),
            "{}",
            axis.id
        );
        assert_eq!(
            axis_score(&content, &extreme(&content, &axis.id, true), &axis.id),
            Some(100),
            "{}",
            axis.id
        );
    }
}

#[test]
fn skipping_everything_scores_nothing() {
    let content = built_in();
    let answers: Answers =
        content.scenarios.iter().map(|s| (s.id.clone(), SKIP.to_owned())).collect();
    let profile = score(&content, &answers);
    assert!(profile.axes.iter().all(|axis| axis.score.is_none() && axis.band == Band::Unscored));
    assert!(profile.axes.iter().all(|axis| axis.few_answers && axis.skipped == axis.total));
    assert_eq!(profile.overall.score, None);
}

#[test]
fn a_known_answer_set_scores_as_computed_by_hand() {
    // mini.yaml, axis goals-vision: ranges outage [-1, 1], budget [-2, 2], roadmap [-1, 2].
    // Answers: outage c (0), budget c (+1), roadmap c (+1).
    // Offsets 2w-lo-hi: 0, 2, 1; half-range sums (hi-lo): 2, 4, 3 → 100·3/9 = 33.
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/content/mini.yaml"
    ))
    .unwrap();
    let content = itlead::content::parse("mini.yaml", &text).unwrap();
    let answers: Answers = [("outage", "c"), ("budget", "c"), ("roadmap", "c")]
        .into_iter()
        .map(|(id, key)| (id.to_owned(), key.to_owned()))
        .collect();
    let profile = score(&content, &answers);
    let goals = profile.axes.iter().find(|axis| axis.id == "goals-vision").unwrap();
    assert_eq!(goals.score, Some(33));
    assert_eq!(goals.band, Band::LeaningLeader);
    // today-tomorrow: ranges outage [-2, 2], budget [-1, 1], roadmap [-2, 2]; answers -1, -1, 0.
    // Offsets: -2, -2, 0 over 4+2+4 = 10 → -40.
    let today = profile.axes.iter().find(|axis| axis.id == "today-tomorrow").unwrap();
    assert_eq!(today.score, Some(-40));
    assert_eq!(today.band, Band::LeaningManager);
    assert!(!today.mixed, "answers at -0.5, -1 and 0 do not pull both ways hard");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scores_stay_within_bounds(picks in proptest::collection::vec(proptest::option::weighted(0.9, 0_usize..5), 1..30)) {
        let content = built_in();
        let profile = score(&content, &answers_for(&content, &picks));
        for axis in &profile.axes {
            if let Some(value) = axis.score {
                prop_assert!((-100..=100).contains(&value));
            }
            prop_assert!(axis.answered + axis.skipped <= axis.total);
        }
        for theme in &profile.themes {
            if let Some(value) = theme.score {
                prop_assert!((-100..=100).contains(&value));
            }
        }
    }

    #[test]
    fn random_content_scores_stay_within_bounds_and_extremes_are_exact(
        content in random_content(),
        picks in proptest::collection::vec(proptest::option::weighted(0.8, 0_usize..5), 1..12),
    ) {
        let profile = score(&content, &answers_for(&content, &picks));
        for axis in &profile.axes {
            if let Some(value) = axis.score {
                prop_assert!((-100..=100).contains(&value));
            }
        }
        for axis in &content.axes {
            let movable = content.scenarios.iter().any(|s| { let (lo, hi) = s.range(&axis.id); lo < hi });
            let low = axis_score(&content, &extreme(&content, &axis.id, false), &axis.id);
            let high = axis_score(&content, &extreme(&content, &axis.id, true), &axis.id);
            if movable {
                prop_assert_eq!(low, Some(-100));
                prop_assert_eq!(high, Some(100));
            }
        }
    }

    #[test]
    fn moving_one_answer_toward_the_leader_never_lowers_that_axis(
        content in random_content(),
        picks in proptest::collection::vec(proptest::option::of(0_usize..5), 1..12),
        scenario_pick in 0_usize..100,
        axis_pick in 0_usize..4,
    ) {
        let mut answers = answers_for(&content, &picks);
        let scenario = &content.scenarios[scenario_pick % content.scenarios.len()];
        let axis = &content.axes[axis_pick].id;
        let before = axis_score(&content, &answers, axis);
        let current = answers.get(&scenario.id).and_then(|key| scenario.option(key)).map(|option| option.weight(axis));
        let better = scenario
            .options
            .iter()
            .filter(|option| current.is_none_or(|weight| option.weight(axis) >= weight))
            .max_by_key(|option| option.weight(axis))
            .unwrap();
        if current.is_some() {
            answers.insert(scenario.id.clone(), better.key.clone());
            let after = axis_score(&content, &answers, axis);
            prop_assert!(after >= before, "{before:?} -> {after:?}");
        }
    }

    #[test]
    fn mirrored_content_gives_mirrored_scores(
        content in random_content(),
        picks in proptest::collection::vec(proptest::option::of(0_usize..5), 1..12),
    ) {
        let answers = answers_for(&content, &picks);
        let original = score(&content, &answers);
        let mirror = score(&mirrored(&content), &answers);
        for (a, b) in original.axes.iter().zip(&mirror.axes) {
            prop_assert_eq!(a.score, b.score.map(|value| -value));
            prop_assert_eq!(a.mixed, b.mixed);
            prop_assert_eq!(a.band.side().map(itlead::content::model::Side::opposite), b.band.side());
        }
    }
}

#[test]
fn mixed_is_flagged_when_answers_pull_hard_both_ways() {
    let content = built_in();
    let axis = &content.axes[0].id;
    let mut answers: Answers = BTreeMap::new();
    let on_axis: Vec<&Scenario> = content.scenarios_on(axis).collect();
    // Half the scenarios at the manager extreme, the rest at the leader extreme.
    for (index, scenario) in on_axis.iter().enumerate() {
        let leader = index % 2 == 0;
        let pick = scenario
            .options
            .iter()
            .max_by_key(|option| if leader { option.weight(axis) } else { -option.weight(axis) })
            .unwrap();
        answers.insert(scenario.id.clone(), pick.key.clone());
    }
    let profile = score(&content, &answers);
    let entry = profile.axes.iter().find(|entry| &entry.id == axis).unwrap();
    assert!(entry.mixed, "{entry:?}");
    assert!(entry.score.unwrap().abs() < 60, "{entry:?}");
}
