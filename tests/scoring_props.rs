//! Property tests of scoring, on the built-in content and on random content
//! answered with the most likely option only or with the most and the least
//! likely: bounds, exact extremes, monotonicity, mirror symmetry, the
//! uncertain band, and what separates *balanced* from *mixed*.

use std::collections::BTreeMap;

use itlead::answer::{Answer, Answers};
use itlead::content::model::{Axis, Choice, Content, Pole, ResponseFormat, Scenario, Sides};
use itlead::library::built_in;
use itlead::score::{AxisScore, Band, MIN_BANDED_RESPONSES, Shown, score};
use proptest::prelude::*;

/// For each scenario, option indices (most, least) or a skip (`None`).
fn answers_for(content: &Content, picks: &[Option<(usize, usize)>]) -> Answers {
    content
        .scenarios
        .iter()
        .zip(picks.iter().cycle())
        .map(|(scenario, pick)| {
            let count = scenario.options.len();
            let answer = match pick {
                None => Answer::Skipped,
                Some((most, least)) => {
                    let most = most % count;
                    let mut least = least % count;
                    if least == most {
                        least = (least + 1) % count;
                    }
                    match content.response {
                        ResponseFormat::Most => Answer::most(&scenario.options[most].key),
                        ResponseFormat::MostAndLeast => Answer::ranked(
                            &scenario.options[most].key,
                            &scenario.options[least].key,
                        ),
                    }
                }
            };
            (scenario.id.clone(), answer)
        })
        .collect()
}

/// The respondent who always takes the option furthest toward one side of
/// `axis` as most likely, and the one furthest toward the other as least.
fn extreme(content: &Content, axis: &str, leader: bool) -> Answers {
    content
        .scenarios
        .iter()
        .map(|scenario| {
            let (most, least) = ends(scenario, axis, leader);
            let answer = match content.response {
                ResponseFormat::Most => Answer::most(most),
                ResponseFormat::MostAndLeast => Answer::ranked(most, least),
            };
            (scenario.id.clone(), answer)
        })
        .collect()
}

/// The keys of the option furthest toward one side of `axis` (the leader
/// side when `leader`), and of the furthest toward the other among the rest.
fn ends<'a>(scenario: &'a Scenario, axis: &str, leader: bool) -> (&'a str, &'a str) {
    let toward = |option: &&Choice| if leader { option.weight(axis) } else { -option.weight(axis) };
    let most = scenario.options.iter().max_by_key(toward).unwrap();
    let least =
        scenario.options.iter().filter(|option| option.key != most.key).min_by_key(toward).unwrap();
    (&most.key, &least.key)
}

fn axis_entry(content: &Content, answers: &Answers, axis: &str) -> AxisScore {
    score(content, answers).axes.into_iter().find(|entry| entry.id == axis).unwrap()
}

fn axis_score(content: &Content, answers: &Answers, axis: &str) -> Option<i32> {
    axis_entry(content, answers, axis).score
}

fn pole(name: &str) -> Pole {
    Pole { name: name.to_owned(), summary: String::new() }
}

/// Random content: 4 axes, scenarios with 3–5 options and random weights,
/// answered either way.
fn random_content() -> impl Strategy<Value = Content> {
    let option_weights = proptest::collection::vec(-2_i8..=2, 4);
    let scenario = proptest::collection::vec(option_weights, 3..=5);
    (proptest::collection::vec(scenario, 1..12), any::<bool>()).prop_map(|(scenarios, least)| {
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
                next_steps: None,
            })
            .collect();
        let scenarios = scenarios
            .into_iter()
            .enumerate()
            .map(|(index, options)| Scenario {
                id: format!("s{index}"),
                title: String::new(),
                role: None,
                situation: String::new(),
                about: None,
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
            response: if least { ResponseFormat::MostAndLeast } else { ResponseFormat::Most },
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

fn pick() -> impl Strategy<Value = Option<(usize, usize)>> {
    proptest::option::weighted(0.85, (0_usize..5, 0_usize..5))
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
        content.scenarios.iter().map(|s| (s.id.clone(), Answer::Skipped)).collect();
    let profile = score(&content, &answers);
    assert!(profile.axes.iter().all(|axis| axis.score.is_none() && axis.band == Band::Unscored));
    assert!(profile.axes.iter().all(|axis| axis.responses == 0 && axis.skipped == axis.total));
    assert_eq!(profile.overall.score, None);
    assert_eq!(profile.overall.unscored_axes, content.axes.len());
}

fn mini() -> Content {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/content/mini.yaml"
    ))
    .unwrap();
    itlead::content::parse("mini.yaml", &text).unwrap()
}

#[test]
fn a_known_answer_set_scores_as_computed_by_hand() {
    // mini.yaml, goals-vision: ranges outage [-1, 1], budget [-2, 2], roadmap [-1, 2].
    // Offsets 2w - lo - hi of options a, b, c:
    //   outage  -2, +2,  0   (span 2)
    //   budget  -4, +4, +2   (span 4)
    //   roadmap -3, +3, +1   (span 3)
    // Answers (most, least): outage (c, a), budget (c, a), roadmap (c, b).
    // Counted: 0 + 2, 2 + 4, 1 - 3 = 6; spans 2·2 + 4·2 + 3·2 = 18 → 100·6/18 = 33.
    let content = mini();
    let answers: Answers = [("outage", "c", "a"), ("budget", "c", "a"), ("roadmap", "c", "b")]
        .into_iter()
        .map(|(id, most, least)| (id.to_owned(), Answer::ranked(most, least)))
        .collect();
    let goals = axis_entry(&content, &answers, "goals-vision");
    assert_eq!(goals.score, Some(33));
    assert_eq!(goals.responses, 6);
    assert_eq!(goals.band, Band::LeaningLeader);
    // Scenario positions 2/4 = 0.5, 6/8 = 0.75, -2/6 = -1/3 with weights 4, 8, 6:
    // mean 6/18 = 1/3; squares 16·(1/6)² + 64·(5/12)² + 36·(2/3)² = 0.444 + 11.111 + 16 = 27.556;
    // weights squared 16 + 64 + 36 = 116; observed 3 · 27.556 / 116 = 0.7126, moderated
    // with 2 scenarios' worth of 1/3: (2/3 + 0.7126) / (2 + 2) = 0.3448;
    // se = 100 · sqrt(0.3448 · 116) / 18 = 35.
    assert_eq!(goals.standard_error, Some(35));
    // today-tomorrow: options a, b, c weigh outage -2, +2, -1; budget 0, +1, -1;
    // roadmap -2, +2, 0. Offsets: outage -4, +4, -2 (span 4); budget 0, +2, -2
    // (span 2); roadmap -4, +4, 0 (span 4).
    // Counted: (-2 + 4) + (-2 - 0) + (0 - 4) = -4 over 2·(4 + 2 + 4) = 20 → -20.
    let today = axis_entry(&content, &answers, "today-tomorrow");
    assert_eq!(today.score, Some(-20));
    assert_eq!(today.band, Band::LeaningManager);
    assert!(!today.mixed, "no most likely pick sits at an end");
}

#[test]
fn fewer_than_three_responses_is_uncertain_in_the_band() {
    let content = mini();
    // One scenario answered: two responses on each axis it moves.
    let answers: Answers = [("outage".to_owned(), Answer::ranked("b", "a"))].into_iter().collect();
    let profile = score(&content, &answers);
    for axis in &profile.axes {
        assert_eq!(axis.responses, 2);
        assert_eq!(axis.score, Some(100), "{axis:?}");
        assert_eq!(axis.band, Band::Uncertain, "+100 from one scenario is not a strong leaning");
        // One scenario says little about the next: the assumed spread, sqrt(1/3).
        assert_eq!(axis.standard_error, Some(58));
    }
    assert_eq!(profile.overall.clearest_leader, None, "an uncertain axis is no headline");
    assert_eq!(profile.overall.uncertain_axes, 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scores_stay_within_bounds(picks in proptest::collection::vec(pick(), 1..30)) {
        let content = built_in();
        let profile = score(&content, &answers_for(&content, &picks));
        for axis in &profile.axes {
            if let Some(value) = axis.score {
                prop_assert!((-100..=100).contains(&value));
            }
            prop_assert!(axis.answered + axis.skipped <= axis.total);
            prop_assert_eq!(axis.responses, 2 * axis.answered);
            prop_assert!(axis.standard_error.is_none_or(|error| (0..=100).contains(&error)));
            prop_assert!(!axis.mixed || axis.band == Band::Balanced, "mixed implies balanced");
            prop_assert_eq!(axis.band == Band::Uncertain, axis.score.is_some() && axis.responses < MIN_BANDED_RESPONSES);
        }
        for theme in &profile.themes {
            if let Some(value) = theme.score {
                prop_assert!((-100..=100).contains(&value));
            }
        }
        let overall = &profile.overall;
        prop_assert_eq!(
            overall.leader_axes + overall.manager_axes + overall.balanced_axes + overall.mixed_axes
                + overall.uncertain_axes + overall.unscored_axes,
            content.axes.len(),
            "the overall line counts every bar once"
        );
    }

    #[test]
    fn random_content_scores_stay_within_bounds_and_extremes_are_exact(
        content in random_content(),
        picks in proptest::collection::vec(pick(), 1..12),
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
    fn moving_the_most_likely_pick_toward_the_leader_never_lowers_that_axis(
        content in random_content(),
        picks in proptest::collection::vec(proptest::option::of((0_usize..5, 0_usize..5)), 1..12),
        scenario_pick in 0_usize..100,
        axis_pick in 0_usize..4,
    ) {
        let mut answers = answers_for(&content, &picks);
        let scenario = &content.scenarios[scenario_pick % content.scenarios.len()];
        let axis = &content.axes[axis_pick].id;
        let before = axis_score(&content, &answers, axis);
        if let Some(Answer::Chosen { most, least }) = answers.get(&scenario.id).cloned() {
            let current = scenario.option(&most).unwrap().weight(axis);
            let better = scenario
                .options
                .iter()
                .filter(|option| Some(&option.key) != least.as_ref() && option.weight(axis) >= current)
                .max_by_key(|option| option.weight(axis))
                .unwrap();
            answers.insert(scenario.id.clone(), Answer::Chosen { most: better.key.clone(), least });
            let after = axis_score(&content, &answers, axis);
            prop_assert!(after >= before, "{before:?} -> {after:?}");
        }
    }

    #[test]
    fn mirrored_content_gives_mirrored_scores(
        content in random_content(),
        picks in proptest::collection::vec(proptest::option::of((0_usize..5, 0_usize..5)), 1..12),
    ) {
        let answers = answers_for(&content, &picks);
        let original = score(&content, &answers);
        let mirror = score(&mirrored(&content), &answers);
        for (a, b) in original.axes.iter().zip(&mirror.axes) {
            prop_assert_eq!(a.score, b.score.map(|value| -value));
            prop_assert_eq!(a.mixed, b.mixed);
            prop_assert_eq!(a.standard_error, b.standard_error);
            prop_assert_eq!(a.band.side().map(itlead::content::model::Side::opposite), b.band.side());
        }
    }

    #[test]
    fn answers_away_from_the_ends_are_never_mixed(
        picks in proptest::collection::vec((0_usize..5, 0_usize..5), 1..30),
    ) {
        // On each axis, a respondent whose most likely picks never sit at an
        // end of the range (mild answers either way) is balanced or leaning,
        // never mixed, whatever they reject.
        let content = built_in();
        for axis in &content.axes {
            let mut answers: Answers = BTreeMap::new();
            for (scenario, (most, least)) in content.scenarios_on(&axis.id).zip(picks.iter().cycle()) {
                let span = scenario.span(&axis.id);
                let mild: Vec<&Choice> = scenario.options.iter().filter(|option| scenario.offset(option, &axis.id).abs() < span).collect();
                let Some(chosen) = mild.get(most % mild.len().max(1)) else { continue };
                let others: Vec<&Choice> = scenario.options.iter().filter(|option| option.key != chosen.key).collect();
                let rejected = others[least % others.len()];
                answers.insert(scenario.id.clone(), Answer::ranked(&chosen.key, &rejected.key));
            }
            let entry = axis_entry(&content, &answers, &axis.id);
            prop_assert!(!entry.mixed, "{}: {entry:?}", axis.id);
        }
    }
}

#[test]
fn mixed_is_flagged_when_most_likely_picks_sit_at_both_ends() {
    let content = built_in();
    for axis in &content.axes {
        let on_axis: Vec<&Scenario> = content.scenarios_on(&axis.id).collect();
        let mut answers: Answers = BTreeMap::new();
        // Alternate: the leader end as most likely and the manager end as
        // least, then the other way round.
        for (index, scenario) in on_axis.iter().enumerate() {
            let (most, least) = ends(scenario, &axis.id, index % 2 == 0);
            answers.insert(scenario.id.clone(), Answer::ranked(most, least));
        }
        let entry = axis_entry(&content, &answers, &axis.id);
        if entry.band == Band::Balanced {
            assert!(entry.mixed, "{}: {entry:?}", axis.id);
            assert_eq!(entry.shown(), Shown::Mixed);
        } else {
            // An odd number of scenarios can leave one side ahead.
            assert!(
                on_axis.len() % 2 == 1 || entry.band.side().is_some(),
                "{}: {entry:?}",
                axis.id
            );
        }
    }
}

#[test]
fn a_theme_leaning_both_ways_is_split_and_the_overall_line_counts_the_bars() {
    let content = built_in();
    let mut answers = extreme(&content, "command-cooperate", true);
    let direct = extreme(&content, "direct-coach", false);
    for scenario in content.scenarios_on("direct-coach") {
        if !scenario.loads_on("command-cooperate") {
            answers.insert(scenario.id.clone(), direct[&scenario.id].clone());
        }
    }
    let profile = score(&content, &answers);
    let cooperate = profile.axes.iter().find(|axis| axis.id == "command-cooperate").unwrap();
    let coach = profile.axes.iter().find(|axis| axis.id == "direct-coach").unwrap();
    if cooperate.band.side().is_some()
        && coach.band.side().is_some()
        && cooperate.band.side() != coach.band.side()
    {
        let people = profile.themes.iter().find(|theme| theme.id == "people").unwrap();
        assert_eq!(people.band, Band::Split, "{people:?}");
        assert!(people.min.unwrap() < 0 && people.max.unwrap() > 0);
    } else {
        panic!("the answers should lean both ways in People: {cooperate:?} {coach:?}");
    }
}
