//! Property tests of scoring, on the built-in content and on random content
//! answered with the most likely option only or with the most and the least
//! likely: bounds, exact extremes, monotonicity, mirror symmetry, the
//! uncertain band, bands that lean only beyond their margin, and the test
//! that separates *balanced* from *mixed*.

use itlead::answer::{Answer, Answers};
use itlead::content::model::{Axis, Choice, Content, Pick, Pole, ResponseFormat, Scenario, Sides};
use itlead::questionnaire::built_in;
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
                    if content.picks(scenario).contains(&Pick::Least) {
                        Answer::ranked(&scenario.options[most].key, &scenario.options[least].key)
                    } else {
                        Answer::most(&scenario.options[most].key)
                    }
                }
            };
            (scenario.id.as_str().into(), answer)
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
            let answer = if content.picks(scenario).contains(&Pick::Least) {
                Answer::ranked(most, least)
            } else {
                Answer::most(most)
            };
            (scenario.id.as_str().into(), answer)
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
                quick: false,
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
        content.scenarios.iter().map(|s| (s.id.as_str().into(), Answer::Skipped)).collect();
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
        .map(|(id, most, least)| (id.into(), Answer::ranked(most, least)))
        .collect();
    let goals = axis_entry(&content, &answers, "goals-vision");
    assert_eq!(goals.score, Some(33));
    assert_eq!(goals.responses, 6);
    // Scenario positions 2/4 = 0.5, 6/8 = 0.75, -2/6 = -1/3 with weights 4, 8, 6:
    // mean 6/18 = 1/3; squares 16·(1/6)² + 64·(5/12)² + 36·(2/3)² = 0.444 + 11.111 + 16 = 27.556;
    // weights squared 16 + 64 + 36 = 116; observed 3 · 27.556 / 116 = 0.7126.
    // Answering at random, the six ordered (most, least) pairs place the
    // scenarios with variances 0.5, 0.5417 and 0.5185; weighted by the
    // squared weights, the assumed spread is (8 + 34.667 + 18.667) / 116 =
    // 0.5287, moderated with 2 scenarios' worth: (1.0575 + 0.7126) / 4 =
    // 0.4425; se = 100 · sqrt(0.4425 · 116) / 18 = 40.
    assert_eq!(goals.standard_error, Some(40));
    // +33 is past the balanced range, but not 1.645 margins (65.8) from
    // the middle: three scenarios do not show the side.
    assert_eq!(goals.band, Band::NoClearLeaning);
    // today-tomorrow: options a, b, c weigh outage -2, +2, -1; budget 0, +1, -1;
    // roadmap -2, +2, 0. Offsets: outage -4, +4, -2 (span 4); budget 0, +2, -2
    // (span 2); roadmap -4, +4, 0 (span 4).
    // Counted: (-2 + 4) + (-2 - 0) + (0 - 4) = -4 over 2·(4 + 2 + 4) = 20 → -20.
    let today = axis_entry(&content, &answers, "today-tomorrow");
    assert_eq!(today.score, Some(-20));
    // Positions 2/8, -2/4, -4/8 with weights 8, 4, 8: mean -0.2; squares
    // 64·0.45² + 16·0.3² + 64·0.3² = 20.16 over weights squared 144;
    // observed 3 · 20.16 / 144 = 0.42. At random the scenarios vary by
    // 0.5417, 0.5 and 0.5: assumed (64 · 0.5417 + 16 · 0.5 + 64 · 0.5) / 144
    // = 0.5185, moderated (1.037 + 0.42) / 4 = 0.3643;
    // se = 100 · sqrt(0.3643 · 144) / 20 = 36.
    assert_eq!(today.standard_error, Some(36));
    assert_eq!(today.band, Band::NoClearLeaning);
    assert!(!today.mixed, "three scenarios spread no more than answering at random");
    // The same answers with every most and least pick swapped into its
    // extreme on goals-vision lean clearly.
    let clear = extreme(&content, "goals-vision", true);
    assert_eq!(axis_entry(&content, &clear, "goals-vision").band, Band::StrongLeader);
}

#[test]
fn fewer_than_three_responses_is_uncertain_in_the_band() {
    let content = mini();
    // One scenario answered: two responses on each axis it moves.
    let answers: Answers = [("outage".into(), Answer::ranked("b", "a"))].into_iter().collect();
    let profile = score(&content, &answers);
    for axis in &profile.axes {
        assert_eq!(axis.responses, 2);
        assert_eq!(axis.score, Some(100), "{axis:?}");
        assert_eq!(axis.band, Band::Uncertain, "+100 from one scenario is not a strong leaning");
    }
    // One scenario says little about the next: the margin is the spread of
    // answering it at random. today-tomorrow: offsets -4, 4, -2 over span 4,
    // variance 0.5417 of (most - least) / 8, se = sqrt(0.5417) = 0.74;
    // goals-vision: offsets -2, 2, 0 over span 2, variance 0.5, se = 0.71.
    let errors: Vec<Option<i32>> = profile.axes.iter().map(|axis| axis.standard_error).collect();
    assert_eq!(errors, [Some(74), Some(71)]);
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
            prop_assert!(axis.answered <= axis.responses && axis.responses <= 2 * axis.answered);
            prop_assert!(axis.standard_error.is_none_or(|error| (0..=100).contains(&error)));
            prop_assert!(!axis.mixed || axis.band.is_unsided(), "mixed implies no side shown");
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
                + overall.unclear_axes + overall.uncertain_axes + overall.unscored_axes,
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
        if let Some(Answer::Chosen { most, least }) = answers.get(scenario.id.as_str()).cloned() {
            let current = scenario.option(&most).unwrap().weight(axis);
            let better = scenario
                .options
                .iter()
                .filter(|option| least.as_deref() != Some(option.key.as_str()) && option.weight(axis) >= current)
                .max_by_key(|option| option.weight(axis))
                .unwrap();
            answers.insert(scenario.id.as_str().into(), Answer::Chosen { most: better.key.as_str().into(), least });
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
    fn answers_that_agree_are_never_mixed(content in random_content()) {
        // Answers at the same end of every scenario on an axis sit at one
        // position: no spread, never mixed.
        for axis in &content.axes {
            let answers = extreme(&content, &axis.id, true);
            let entry = axis_entry(&content, &answers, &axis.id);
            prop_assert!(!entry.mixed, "{}: {entry:?}", axis.id);
        }
    }
}

/// A content of one contrast and eight scenarios whose four options weigh
/// −2, −1, +1 and +2 on it.
fn eight_alike() -> Content {
    let mut text = String::from(
        "schema: 3\ntitle: T\nversion: \"1.0.0\"\nresponse: most-and-least\nsources: [{ key: s, \
         title: S, publisher: P }]\nthemes: [{ id: t, name: T, summary: S }]\naxes:\n  - { id: a, \
         theme: t, manager: { name: M, summary: S }, leader: { name: L, summary: S }, aliases: [], \
         explanation: E, in_it: I, strengths: { manager: [s], leader: [s] }, watch_outs: { \
         manager: [w], leader: [w] }, related: [], source: { key: s, point: P } }\nscenarios:\n",
    );
    for index in 0..8 {
        text.push_str(&format!(
            "  - {{ id: s{index}, title: T, situation: S, options: [{{ key: a, text: A, weights: \
             {{ a: -2 }} }}, {{ key: b, text: B, weights: {{ a: -1 }} }}, {{ key: c, text: C, \
             weights: {{ a: 1 }} }}, {{ key: d, text: D, weights: {{ a: 2 }} }}] }}\n"
        ));
    }
    itlead::content::parse("eight.yaml", &text).expect("valid content")
}

#[test]
fn mixed_is_a_test_of_the_spread_against_answering_at_random() {
    let content = eight_alike();
    let answer = |pattern: &dyn Fn(usize) -> (&'static str, &'static str)| -> Answers {
        (0..8)
            .map(|index| {
                let (most, least) = pattern(index);
                (format!("s{index}").into(), Answer::ranked(most, least))
            })
            .collect()
    };
    // Each scenario's counted position is (most − least) / 2 of offsets
    // −4, −2, 2, 4 over span 4. Answering at random, the twelve ordered
    // pairs give a variance of 5/12. Both ends, alternating: positions
    // ±1, Q = 8 · 1 / (5/12) = 19.2 > 14.07, the 95th percentile of χ²
    // with 7 degrees of freedom: mixed, and the score is 0.
    let alternating = answer(&|index| if index % 2 == 0 { ("d", "a") } else { ("a", "d") });
    let entry = axis_entry(&content, &alternating, "a");
    assert_eq!((entry.score, entry.mixed), (Some(0), true), "{entry:?}");
    assert_eq!(entry.shown(), Shown::Mixed);
    // Mild answers both ways: positions ±1/4 (c over b, b over c), Q = 8 ·
    // (1/16) / (5/12) = 1.2: balanced, not mixed.
    let mild = answer(&|index| if index % 2 == 0 { ("c", "b") } else { ("b", "c") });
    let entry = axis_entry(&content, &mild, "a");
    assert_eq!((entry.score, entry.mixed, entry.band), (Some(0), false, Band::Balanced));
    // Ends both ways in only half the scenarios, the middle in the rest:
    // positions ±1 four times and ±1/4 four times: Q = (4 + 4/16) / (5/12)
    // = 10.2, within chance.
    let half = answer(&|index| match index % 4 {
        0 => ("d", "a"),
        1 => ("a", "d"),
        2 => ("c", "b"),
        _ => ("b", "c"),
    });
    assert!(!axis_entry(&content, &half, "a").mixed);
}

#[test]
fn a_theme_leaning_both_ways_is_split_and_the_overall_line_counts_the_bars() {
    let content = built_in();
    let mut answers = extreme(&content, "command-cooperate", true);
    let direct = extreme(&content, "direct-coach", false);
    for scenario in content.scenarios_on("direct-coach") {
        if !scenario.loads_on("command-cooperate") {
            answers.insert(scenario.id.as_str().into(), direct[scenario.id.as_str()].clone());
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
