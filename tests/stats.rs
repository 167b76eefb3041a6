//! `itlead stats`: item analysis checked against an independent, textbook
//! computation on thousands of simulated respondents, and the rules around
//! it (flags, small samples, other content, observers, directories).

mod common;

use std::path::Path;

use common::{Itlead, fixture};
use itlead::analysis::stats::FlagKind;
use itlead::answer::{Answer, Answers};
use itlead::content::model::{Content, Scenario};
use itlead::content::selection::Selection;
use itlead::documents::stats::StatsRecord;
use itlead::questionnaire::built_in;
use itlead::result::{Relation, Respondent, ResultDocument, Subject};

/// A respondent with a leaning on every axis, who picks options by how well
/// they fit it: the most likely with weight `exp(fit)`, the least likely
/// among the rest with weight `exp(-fit)`.
fn simulated(content: &Content, rng: &mut fastrand::Rng, strength: f64) -> Answers {
    let leaning: Vec<f64> = content.axes.iter().map(|_| normal(rng) * strength).collect();
    content
        .scenarios
        .iter()
        .map(|scenario| {
            let fit: Vec<f64> = scenario
                .options
                .iter()
                .map(|option| {
                    content
                        .axes
                        .iter()
                        .zip(&leaning)
                        .map(|(axis, lean)| f64::from(option.weight(&axis.id)) * lean)
                        .sum()
                })
                .collect();
            let most = draw(rng, &fit.iter().map(|value| value.exp()).collect::<Vec<_>>());
            let rest: Vec<f64> = fit
                .iter()
                .enumerate()
                .map(|(index, value)| if index == most { 0.0 } else { (-value).exp() })
                .collect();
            let least = draw(rng, &rest);
            (
                scenario.id.as_str().into(),
                Answer::ranked(&scenario.options[most].key, &scenario.options[least].key),
            )
        })
        .collect()
}

fn normal(rng: &mut fastrand::Rng) -> f64 {
    // Box-Muller.
    let (u, v) = (rng.f64().max(1e-12), rng.f64());
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

fn draw(rng: &mut fastrand::Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut target = rng.f64() * total;
    for (index, weight) in weights.iter().enumerate() {
        if target < *weight {
            return index;
        }
        target -= weight;
    }
    weights.len() - 1
}

fn write_results(dir: &Path, content: &Content, answers: &[Answers], about: Option<&Subject>) {
    for (index, answers) in answers.iter().enumerate() {
        let profile = itlead::score::score(content, answers);
        let respondent = Respondent { name: None, about: about.cloned() };
        let result = ResultDocument::new(
            content,
            answers.clone(),
            profile,
            Selection::Full,
            respondent,
            format!("2026-01-01T{:02}:{:02}:{:02}Z", index / 3600, index / 60 % 60, index % 60),
        );
        std::fs::write(dir.join(format!("r{index:05}.json")), serde_json::to_vec(&result).unwrap())
            .unwrap();
    }
}

fn stats(args: &[&str]) -> StatsRecord {
    let run = Itlead::new().arg("stats").args(args).args(["--format", "json"]).ok();
    serde_json::from_str(&run.stdout).expect("stats JSON")
}

/// The item score as the textbook defines it here, computed without
/// itlead's code: where the answer sits in the scenario's range on the
/// axis, most likely counted up and least likely counted down, −1 to +1.
fn item(scenario: &Scenario, answer: &Answer, axis: &str) -> f64 {
    let weight = |key: &str| {
        let option = scenario.options.iter().find(|option| option.key == key).unwrap();
        option
            .weights
            .iter()
            .find(|(id, _)| id == axis)
            .map_or(0.0, |(_, weight)| f64::from(*weight))
    };
    let all: Vec<f64> = scenario.options.iter().map(|option| weight(&option.key)).collect();
    let (low, high) = all
        .iter()
        .fold((f64::MAX, f64::MIN), |(low, high), value| (low.min(*value), high.max(*value)));
    let middle = f64::midpoint(low, high);
    let half = (high - low) / 2.0;
    let Answer::Chosen { most, least: Some(least) } = answer else { panic!("ranked answers") };
    ((weight(most) - middle) / half - (weight(least) - middle) / half) / 2.0
}

fn variance(values: &[f64]) -> f64 {
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    values.iter().map(|value| (value - mean).powi(2)).sum::<f64>() / (values.len() - 1) as f64
}

fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let (mx, my) = (x.iter().sum::<f64>() / x.len() as f64, y.iter().sum::<f64>() / y.len() as f64);
    let cov: f64 = x.iter().zip(y).map(|(a, b)| (a - mx) * (b - my)).sum();
    let sx: f64 = x.iter().map(|a| (a - mx).powi(2)).sum::<f64>().sqrt();
    let sy: f64 = y.iter().map(|b| (b - my).powi(2)).sum::<f64>().sqrt();
    cov / (sx * sy)
}

#[test]
fn alpha_and_item_rest_match_an_independent_computation() {
    let content = built_in();
    let mut rng = fastrand::Rng::with_seed(20_261_126);
    let answers: Vec<Answers> = (0..3000).map(|_| simulated(&content, &mut rng, 1.2)).collect();
    let dir = tempfile::tempdir().unwrap();
    write_results(dir.path(), &content, &answers, None);
    let document = stats(&[dir.path().to_str().unwrap()]);
    assert_eq!(document.results, 3000);
    for axis in &content.axes {
        let scenarios: Vec<&Scenario> = content.scenarios_on(&axis.id).collect();
        // Items by scenario, one value per respondent.
        let items: Vec<Vec<f64>> = scenarios
            .iter()
            .map(|scenario| {
                answers
                    .iter()
                    .map(|answers| item(scenario, &answers[scenario.id.as_str()], &axis.id))
                    .collect()
            })
            .collect();
        let totals: Vec<f64> =
            (0..answers.len()).map(|person| items.iter().map(|item| item[person]).sum()).collect();
        let k = items.len() as f64;
        let alpha = k / (k - 1.0)
            * (1.0 - items.iter().map(|item| variance(item)).sum::<f64>() / variance(&totals));
        let got = document.axes.iter().find(|entry| entry.id == axis.id).unwrap();
        assert_eq!(got.n, 3000);
        let reported = got.alpha.expect("alpha");
        assert!((reported - alpha).abs() < 0.005, "{}: alpha {reported} vs {alpha:.4}", axis.id);
        for (index, scenario) in scenarios.iter().enumerate() {
            let rest: Vec<f64> =
                totals.iter().zip(&items[index]).map(|(total, own)| total - own).collect();
            let expected = pearson(&items[index], &rest);
            let entry = got.items.iter().find(|entry| entry.scenario == scenario.id).unwrap();
            let reported = entry.item_rest.expect("item-rest");
            assert!(
                (reported - expected).abs() < 0.005,
                "{} {}: {reported} vs {expected:.4}",
                axis.id,
                scenario.id
            );
            let mean = items[index].iter().sum::<f64>() / 3000.0;
            assert!((entry.mean.unwrap() - mean).abs() <= 0.0006, "rounded to three decimals");
        }
        // Respondents who lean consistently make items that hang together.
        assert!(alpha > 0.3, "{}: alpha {alpha:.2} from consistent respondents", axis.id);
    }
}

#[test]
fn independent_random_answers_give_an_alpha_near_zero_and_are_flagged() {
    let content = built_in();
    let mut rng = fastrand::Rng::with_seed(7);
    let answers: Vec<Answers> = (0..1500).map(|_| simulated(&content, &mut rng, 0.0)).collect();
    let dir = tempfile::tempdir().unwrap();
    write_results(dir.path(), &content, &answers, None);
    let document = stats(&[dir.path().to_str().unwrap()]);
    for axis in &document.axes {
        let alpha = axis.alpha.unwrap();
        assert!(alpha.abs() < 0.15, "{}: alpha {alpha}", axis.id);
    }
    assert!(document.flags.iter().any(|flag| flag.kind == FlagKind::LowAlpha));
    assert!(
        !document
            .flags
            .iter()
            .any(|flag| matches!(flag.kind, FlagKind::DeadOption | FlagKind::ObviousAnswer))
    );
}

#[test]
fn shares_flag_dead_options_and_obvious_answers() {
    let content = built_in();
    let first_then_second =
        |scenario: &Scenario| Answer::ranked(&scenario.options[0].key, &scenario.options[1].key);
    let answers: Vec<Answers> = (0..40)
        .map(|_| {
            content
                .scenarios
                .iter()
                .map(|scenario| (scenario.id.as_str().into(), first_then_second(scenario)))
                .collect()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    write_results(dir.path(), &content, &answers, None);
    let document = stats(&[dir.path().to_str().unwrap()]);
    let scenario = &document.scenarios[0];
    assert_eq!(scenario.answered, 40);
    assert_eq!(scenario.options[0].share, Some(1.0));
    assert_eq!(scenario.options[1].least_share, Some(1.0));
    assert_eq!(scenario.options[2].share, Some(0.0));
    let flagged = |kind: FlagKind| document.flags.iter().filter(|flag| flag.kind == kind).count();
    assert_eq!(flagged(FlagKind::ObviousAnswer), content.scenarios.len());
    assert_eq!(
        flagged(FlagKind::DeadOption),
        content.scenarios.iter().map(|s| s.options.len() - 1).sum::<usize>()
    );
    let text = Itlead::new().args(["stats", dir.path().to_str().unwrap()]).ok().stdout;
    assert!(text.contains("is it the obvious answer?"), "{text}");
}

#[test]
fn small_samples_are_too_small_to_judge() {
    let content = built_in();
    let mut rng = fastrand::Rng::with_seed(3);
    let answers: Vec<Answers> = (0..12).map(|_| simulated(&content, &mut rng, 1.0)).collect();
    let dir = tempfile::tempdir().unwrap();
    write_results(dir.path(), &content, &answers, None);
    let document = stats(&[dir.path().to_str().unwrap()]);
    assert!(
        document.flags.iter().all(|flag| flag.kind == FlagKind::TooFew),
        "{:?}",
        document.flags
    );
    // One flag for the scenarios, whose options are not judged (a strong
    // simulated leaning would otherwise look like obvious answers), and
    // one per contrast.
    assert_eq!(document.flags.len(), 1 + content.axes.len());
    assert_eq!(
        document.flags[0].message,
        format!(
            "{} scenarios were answered fewer than 30 times, too few to judge their options: {}",
            content.scenarios.len(),
            content.scenarios.iter().map(|s| s.id.as_str()).collect::<Vec<_>>().join(", ")
        )
    );
    assert_eq!(
        document.flags[1].message,
        "today-tomorrow: 12 complete results are too few to judge (at least 30 needed)"
    );
    // CSV carries the flags too, as a table of their own.
    let csv =
        Itlead::new().args(["stats", dir.path().to_str().unwrap(), "--format", "csv"]).ok().stdout;
    assert!(csv.contains("\nkind,axis,scenario,message\n"), "{csv}");
    assert!(
        csv.contains("too-few,today-tomorrow,,today-tomorrow: 12 complete results are too few"),
        "{csv}"
    );
}

#[test]
fn results_of_other_content_are_refused_unless_content_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("team/a");
    std::fs::create_dir_all(&nested).unwrap();
    let mini_path = fixture("content/mini.yaml");
    let mini =
        itlead::content::parse("mini", &std::fs::read_to_string(&mini_path).unwrap()).unwrap();
    let answers: Answers = mini
        .scenarios
        .iter()
        .map(|scenario| {
            (
                scenario.id.as_str().into(),
                Answer::ranked(&scenario.options[0].key, &scenario.options[2].key),
            )
        })
        .collect();
    write_results(&nested, &mini, &[answers], None);
    let target = dir.path().to_str().unwrap();
    let run = Itlead::new().args(["stats", target]).expect_code(3);
    assert!(run.stderr.contains("made with other content"), "{}", run.stderr);
    assert!(run.stderr.contains("--content"), "{}", run.stderr);
    let document: StatsRecord = serde_json::from_str(
        &Itlead::new()
            .args(["--content", mini_path.to_str().unwrap(), "stats", target, "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    assert_eq!(document.results, 1, "directories are read recursively");
    assert_eq!(document.content.title, "Mini");
}

#[test]
fn observer_results_count_only_when_asked() {
    let content = built_in();
    let mut rng = fastrand::Rng::with_seed(5);
    let dir = tempfile::tempdir().unwrap();
    let own: Vec<Answers> = (0..3).map(|_| simulated(&content, &mut rng, 1.0)).collect();
    write_results(dir.path(), &content, &own, None);
    let others = dir.path().join("about-sam");
    std::fs::create_dir(&others).unwrap();
    let theirs: Vec<Answers> = (0..2).map(|_| simulated(&content, &mut rng, 1.0)).collect();
    let sam = Subject { name: "Sam".into(), relation: Relation::Peer };
    write_results(&others, &content, &theirs, Some(&sam));
    let target = dir.path().to_str().unwrap();
    let run = Itlead::new().args(["stats", target, "--format", "json"]).ok();
    assert_eq!(serde_json::from_str::<StatsRecord>(&run.stdout).unwrap().results, 3);
    assert!(
        run.stderr.contains("2 results answered about someone else left out"),
        "{}",
        run.stderr
    );
    assert_eq!(stats(&[target, "--include-observers"]).results, 5);
    // A team of colleagues' answers only is named for what it is.
    let run = Itlead::new().args(["team", others.to_str().unwrap()]).expect_code(3);
    assert!(
        run.stderr.contains("all 2 results hold answers about someone else, not self-assessments"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--include-observers"), "{}", run.stderr);
    // The same directory twice, or a link to a file already read: once.
    std::os::unix::fs::symlink(
        dir.path().join(
            std::fs::read_dir(dir.path())
                .unwrap()
                .filter_map(Result::ok)
                .find(|entry| entry.path().extension().is_some_and(|ext| ext == "json"))
                .unwrap()
                .file_name(),
        ),
        others.join("link.json"),
    )
    .unwrap();
    let run = Itlead::new().args(["team", target, target]).ok();
    assert!(run.stderr.contains("is the same file as one already read"), "{}", run.stderr);
    assert!(run.stdout.contains("3 members"), "{}", run.stdout);
}
