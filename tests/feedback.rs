//! `itlead feedback`: a self-assessment and colleagues' answers about the
//! person, end to end through answers files and results, in every format;
//! the reliable-change verdicts; the anonymity rules, tried as attacks in
//! every format; the refusals and warnings; the invitation.

mod common;

use std::path::{Path, PathBuf};

use common::{Itlead, fixture};
use itlead::analysis::feedback::{FeedbackDocument, Shown, Verdict};
use itlead::result::Relation;

/// Every format feedback offers.
const FORMATS: [&str; 6] = ["text", "json", "yaml", "markdown", "html", "csv"];

/// An answers file for every built-in scenario, picks chosen by `seed`
/// (each seed answers another way), about Sam Lee as `relation` or, with
/// `None`, Sam's own with a name.
fn answers(about: Option<&str>, seed: usize) -> serde_json::Value {
    let mut questions = Itlead::new().args(["questions", "--format", "json"]);
    if let Some(relation) = about {
        questions = questions.args(["--about", "Sam Lee", "--relation", relation]);
    }
    let mut template: serde_json::Value = serde_json::from_str(&questions.ok().stdout).unwrap();
    let scenarios = template["scenarios"].as_array().unwrap().clone();
    for (position, scenario) in scenarios.into_iter().enumerate() {
        let keys: Vec<String> = scenario["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|option| option["key"].as_str().unwrap().to_owned())
            .collect();
        let id = scenario["id"].as_str().unwrap();
        let most = seed + position * (seed % 3 + 1);
        template["answers"][id] = if keys.len() == 2 {
            keys[most % 2].clone().into()
        } else {
            common::ranked(&keys, most, seed * 3 + position * 2 + 1)
        };
    }
    if about.is_none() {
        template["name"] = "Sam Lee".into();
    }
    template.as_object_mut().unwrap().remove("scenarios");
    template
}

/// `answers` scored into `dir/name.json`.
fn answered(dir: &Path, name: &str, about: Option<&str>, seed: usize) -> PathBuf {
    let file = dir.parent().unwrap().join(format!("{name}-{seed}.answers.json"));
    std::fs::write(&file, answers(about, seed).to_string()).unwrap();
    let out = dir.join(format!("{name}.json"));
    Itlead::new()
        .args(["assess", "--answers", file.to_str().unwrap(), "--no-save", "-o"])
        .arg(out.to_str().unwrap())
        .ok();
    out
}

struct Round {
    dir: tempfile::TempDir,
    own: PathBuf,
    raters: PathBuf,
}

/// Sam's own answers and `relations.len()` colleagues' answers about Sam,
/// each colleague answering another way.
fn round(relations: &[&str]) -> Round {
    let dir = tempfile::tempdir().unwrap();
    let own = answered(dir.path(), "self", None, 0);
    let raters = dir.path().join("raters");
    std::fs::create_dir(&raters).unwrap();
    for (index, relation) in relations.iter().enumerate() {
        answered(&raters, &format!("r{index}"), Some(relation), index + 1);
    }
    Round { dir, own, raters }
}

/// `itlead feedback` on the round, with `extra` arguments, at 80 columns.
fn feedback(round: &Round, extra: &[&str]) -> Itlead {
    Itlead::new()
        .args(["feedback", round.own.to_str().unwrap(), round.raters.to_str().unwrap()])
        .args(extra)
        .env("COLUMNS", "80")
}

fn feedback_json(round: &Round, extra: &[&str]) -> FeedbackDocument {
    let run = feedback(round, &[&["--format", "json"], extra].concat()).ok();
    serde_json::from_str(&run.stdout).expect("feedback JSON")
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The margin of a mean, computed here from the raters' own figures:
/// sqrt(max(sample variance, mean squared margin) / n), whole points.
fn margin_of(scores: &[f64], margins: &[f64]) -> i64 {
    let n = scores.len() as f64;
    let mean = scores.iter().sum::<f64>() / n;
    let variance = scores.iter().map(|score| (score - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let squared = margins.iter().map(|margin| margin * margin).sum::<f64>() / margins.len() as f64;
    (variance.max(squared) / n).sqrt().round() as i64
}

#[test]
fn three_colleagues_give_the_view_in_every_format() {
    let round = round(&["peer", "peer", "direct-report"]);
    let document = feedback_json(&round, &[]);
    assert_eq!(document.subject, "Sam Lee");
    assert_eq!(document.raters.values().sum::<usize>(), 3);
    assert_eq!(document.contrasts.len(), 13);
    let raters: Vec<serde_json::Value> =
        (0..3).map(|index| read_json(&round.raters.join(format!("r{index}.json")))).collect();
    let own = read_json(&round.own);
    for (index, contrast) in document.contrasts.iter().enumerate() {
        assert_eq!(contrast.others.n, 3);
        let scores: Vec<f64> =
            raters.iter().map(|rater| rater["axes"][index]["score"].as_f64().unwrap()).collect();
        let margins: Vec<f64> = raters
            .iter()
            .map(|rater| rater["axes"][index]["standard_error"].as_f64().unwrap())
            .collect();
        let mean = scores.iter().sum::<f64>() / 3.0;
        assert!((contrast.others.mean.unwrap() - mean).abs() < 0.051, "{contrast:?}");
        let others_margin = margin_of(&scores, &margins);
        assert_eq!(contrast.others.margin, Some(others_margin as i32), "{contrast:?}");
        let self_margin = own["axes"][index]["standard_error"].as_f64().unwrap();
        assert_eq!(contrast.self_margin, Some(self_margin as i32));
        let gap = contrast.gap.unwrap();
        assert!(
            (gap - (contrast.others.mean.unwrap() - f64::from(contrast.own.unwrap()))).abs()
                < 0.051
        );
        // The reliable-change rule, worked out here: beyond 1.96 times the
        // square root of both squared margins, or agreement.
        let needed = 1.96 * (self_margin.powi(2) + (others_margin as f64).powi(2)).sqrt();
        let expected = if gap.abs() <= needed {
            Verdict::Agree
        } else if gap > 0.0 {
            Verdict::OthersSeeMoreLeader
        } else {
            Verdict::OthersSeeMoreManager
        };
        assert_eq!(contrast.verdict, expected, "{contrast:?}");
        // Three scores: the lowest and highest with the mean would give all
        // three, so neither is shown.
        assert_eq!((contrast.others.min, contrast.others.max), (None, None));
    }
    assert!(document.groups.is_empty(), "no relation has three raters");

    let json = feedback(&round, &["--format", "json"]).ok().stdout;
    assert!(
        !json.contains("\"answers\"") && !json.contains("r0.json"),
        "no rater's answers or files: {json}"
    );
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/feedback.schema.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::options().build(&schema).unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        validator.is_valid(&value),
        "{:?}",
        validator.iter_errors(&value).map(|e| e.to_string()).collect::<Vec<_>>()
    );

    let run = |format: &str| feedback(&round, &["--format", format]).ok().stdout;
    let text = run("text");
    assert!(text.starts_with("How others see Sam Lee"), "{text}");
    assert!(text.contains("3 colleagues (2 peers, 1 direct report)"), "{text}");
    assert!(text.contains("A gap counts only when it is larger than 1.96 times"), "{text}");
    assert!(text.contains("Who answered") && text.contains("1 direct report: not apart"), "{text}");
    let differs = document.contrasts.iter().any(|contrast| contrast.verdict != Verdict::Agree);
    assert_eq!(text.contains("others see more of the"), differs, "{text}");
    let markdown = run("markdown");
    assert!(
        markdown.contains("## Where views differ most")
            && markdown.contains("| contrast | self | ± |"),
        "{markdown}"
    );
    let html = run("html");
    assert!(
        html.contains("class=\"mark score\"") && html.contains("class=\"mark mean\""),
        "self against the others' mean: {html}"
    );
    assert!(!html.contains("class=\"range\""), "no range from three raters");
    let csv_text = run("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        headers,
        [
            "id",
            "theme",
            "manager",
            "leader",
            "self",
            "self_margin",
            "others_n",
            "others_mean",
            "others_margin",
            "others_min",
            "others_max",
            "gap",
            "verdict"
        ]
    );
    assert_eq!(reader.records().count(), 13);
    let yaml = run("yaml");
    let from_yaml: FeedbackDocument = serde_yaml::from_str(&yaml).unwrap();
    assert_eq!(from_yaml, document);
}

#[test]
fn fewer_than_three_colleagues_is_refused_unless_the_floor_is_lowered() {
    let round = round(&["peer", "manager"]);
    let run = Itlead::new()
        .args(["feedback", round.own.to_str().unwrap(), round.raters.to_str().unwrap()])
        .expect_code(2);
    assert!(
        run.stderr.contains("at least 3 colleagues' answers") && run.stderr.contains("it has 2"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--min-raters"), "{}", run.stderr);
    let document = feedback_json(&round, &["--min-raters", "2"]);
    assert_eq!(document.min_raters, 2);
    assert!(document.recognisable, "machine formats say so too");
    let text = feedback(&round, &["--min-raters", "2"]).ok().stdout;
    assert!(text.contains("answers may be recognisable"), "{text}");
    let run = feedback(&round, &["--min-raters", "0"]).expect_code(2);
    assert!(run.stderr.contains("--min-raters"), "{}", run.stderr);
}

#[test]
fn relations_are_shown_apart_only_when_nobody_can_be_singled_out() {
    // Three peers and three direct reports: both groups.
    let both = feedback_json(
        &round(&["peer", "peer", "peer", "direct-report", "direct-report", "direct-report"]),
        &[],
    );
    let relations: Vec<&str> = both.groups.iter().map(|group| group.relation.as_str()).collect();
    assert_eq!(relations, ["peer", "direct-report"]);
    assert!(both.relations.iter().all(|view| view.shown == Shown::Apart));
    assert!(!both.recognisable, "six colleagues under the default floor");
    // Three peers and one manager: the manager's scores would follow from
    // the overall mean and the peers' mean, so no breakdown at all; two
    // more managers would show both.
    let one_left = round(&["peer", "peer", "peer", "manager"]);
    let document = feedback_json(&one_left, &[]);
    assert!(document.groups.is_empty());
    let manager = document.relations.iter().find(|view| view.relation == Relation::Manager);
    assert_eq!(manager.map(|view| (view.shown, view.needed)), Some((Shown::Overall, Some(2))));
    let text =
        feedback(&one_left, &[]).ok().stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("No view by relation: the one colleague outside the peers would follow")
            && text.contains("2 more colleagues who are not peers would show it")
            && text.contains("1 manager: not apart; 2 more would show them apart"),
        "{text}"
    );
    // Three peers, two managers and one other: the rest merge.
    let merged =
        feedback_json(&round(&["peer", "peer", "peer", "manager", "manager", "other"]), &[]);
    let groups: Vec<(&str, usize)> =
        merged.groups.iter().map(|group| (group.relation.as_str(), group.raters)).collect();
    assert_eq!(groups, [("peer", 3), ("rest", 3)]);
}

/// A colleague's result about Sam Lee as `relation`, from the answers of
/// `seed`, with its scores and margins replaced by `scores` (one per
/// contrast; `None` where the colleague skipped every scenario of it).
fn crafted(dir: &Path, name: &str, relation: &str, seed: usize, scores: &[Option<i32>]) -> PathBuf {
    let base = dir.join(format!(".base-{seed}.json"));
    std::fs::create_dir_all(dir).unwrap();
    if !base.exists() {
        let scored = answered(dir, &format!(".scored-{seed}"), Some("peer"), seed);
        std::fs::rename(scored, &base).unwrap();
    }
    let mut result = read_json(&base);
    result["about"]["relation"] = relation.into();
    for (axis, score) in result["axes"].as_array_mut().unwrap().iter_mut().zip(scores) {
        axis["score"] = (*score).into();
        axis["standard_error"] = if score.is_some() { 30.into() } else { serde_json::Value::Null };
        if score.is_none() {
            // Every scenario of the contrast skipped.
            let total = axis["total"].clone();
            axis["skipped"] = total;
            axis["answered"] = 0.into();
            axis["responses"] = 0.into();
        }
    }
    let path = dir.join("raters").join(format!("{name}.json"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, result.to_string()).unwrap();
    path
}

/// Runs feedback on `own` and `raters` in every format.
fn every_format(own: &Path, raters: &Path, extra: &[&str]) -> Vec<(String, String)> {
    FORMATS
        .iter()
        .map(|format| {
            let run = Itlead::new()
                .args(["feedback", own.to_str().unwrap(), raters.to_str().unwrap()])
                .args(["--format", format])
                .args(extra)
                .env("COLUMNS", "100")
                .ok();
            ((*format).to_owned(), run.stdout)
        })
        .collect()
}

/// Scores per contrast: `rater` (0, 1, 2, …) on contrast `axis`.
fn score(rater: i32, axis: usize) -> i32 {
    (rater * 37 + axis as i32 * 23) % 140 - 70
}

#[test]
fn the_subtraction_attack_reveals_no_rater_in_any_format() {
    // Three peers, one manager and two "other" raters who answered none of
    // the scenarios of the first four contrasts. There, the overall mean
    // (n = 4) and a peers' mean (n = 3) would give the manager's exact
    // score: 4 × mean − 3 × peers' mean. Two rounds tell the attack apart
    // from the view: in the second, the first peer and the manager swap
    // places. Where they differ (the four contrasts) a view that reveals
    // the manager's score must differ; everywhere else they answered alike.
    // So the two rounds print the same in a format exactly when that
    // format reveals nothing of the manager's score.
    let dir = tempfile::tempdir().unwrap();
    let own = answered(dir.path(), "self", None, 0);
    let attacked = 0..4;
    let contrasts = 13;
    let peer_one: Vec<Option<i32>> = (0..contrasts).map(|axis| Some(score(1, axis))).collect();
    let manager: Vec<Option<i32>> = (0..contrasts)
        .map(|axis| {
            Some(if attacked.contains(&axis) { 90 - 9 * axis as i32 } else { score(1, axis) })
        })
        .collect();
    let other = |rater: i32| -> Vec<Option<i32>> {
        (0..contrasts).map(|axis| (!attacked.contains(&axis)).then(|| score(rater, axis))).collect()
    };
    let build = |name: &str, swapped: bool| -> PathBuf {
        let root = dir.path().join(name);
        let (first, second) = if swapped { ("manager", "peer") } else { ("peer", "manager") };
        crafted(&root, "p1", first, 1, &peer_one);
        for rater in [2, 3] {
            let scores: Vec<Option<i32>> =
                (0..contrasts).map(|axis| Some(score(rater, axis))).collect();
            crafted(&root, &format!("p{rater}"), "peer", rater as usize, &scores);
        }
        crafted(&root, "m", second, 4, &manager);
        crafted(&root, "o1", "other", 5, &other(5));
        crafted(&root, "o2", "other", 6, &other(6));
        root.join("raters")
    };
    let first = build("a", false);
    let second = build("b", true);
    let document: FeedbackDocument =
        serde_json::from_str(&every_format(&own, &first, &[])[1].1).unwrap();
    let groups: Vec<&str> = document.groups.iter().map(|group| group.relation.as_str()).collect();
    assert_eq!(groups, ["peer", "rest"], "the view by relation is there elsewhere");
    for (index, contrast) in document.contrasts.iter().enumerate() {
        let withheld = attacked.contains(&index);
        assert_eq!(contrast.breakdown_withheld, withheld, "{contrast:?}");
        assert_eq!(contrast.others.n, if withheld { 4 } else { 6 });
        if withheld {
            assert!(document.groups.iter().all(|group| group.means[index].is_none()));
        } else {
            assert!(document.groups.iter().all(|group| group.means[index].is_some()));
        }
    }
    for ((format, a), (_, b)) in
        every_format(&own, &first, &[]).iter().zip(every_format(&own, &second, &[]))
    {
        assert_eq!(*a, b, "{format}: the view differs with who gave which scores");
    }
    // The same two rounds with the floor at 1 show each relation apart: the
    // manager's score is then in the output, and the rounds differ in every
    // format that shows groups, so the comparison above can see a leak.
    for ((format, a), (_, b)) in every_format(&own, &first, &["--min-raters", "1"])
        .iter()
        .zip(every_format(&own, &second, &["--min-raters", "1"]))
    {
        if format != "csv" {
            assert_ne!(*a, b, "{format}: a floor of 1 shows the manager apart");
        }
    }
}

#[test]
fn three_raters_show_no_lowest_or_highest_that_would_give_the_third() {
    // With three scores, the mean, the lowest and the highest give the
    // third. Two rounds with the same mean and margin but other scores
    // (0, 10, 20 against 5, 5, 20 on the first contrast) must print the
    // same; with five raters, the lowest and highest are shown, and differ.
    let dir = tempfile::tempdir().unwrap();
    let own = answered(dir.path(), "self", None, 0);
    let build = |name: &str, first: &[i32]| -> PathBuf {
        let root = dir.path().join(name);
        for (index, value) in first.iter().enumerate() {
            let scores: Vec<Option<i32>> = (0..13)
                .map(|axis| Some(if axis == 0 { *value } else { score(index as i32, axis) }))
                .collect();
            crafted(&root, &format!("p{index}"), "peer", index + 1, &scores);
        }
        root.join("raters")
    };
    let (three_a, three_b) = (build("a", &[0, 10, 20]), build("b", &[5, 5, 20]));
    for ((format, a), (_, b)) in
        every_format(&own, &three_a, &[]).iter().zip(every_format(&own, &three_b, &[]))
    {
        assert_eq!(*a, b, "{format}: three raters' scores can be told apart");
    }
    let document: FeedbackDocument =
        serde_json::from_str(&every_format(&own, &three_a, &[])[1].1).unwrap();
    assert_eq!(document.contrasts[0].others.margin, Some(17), "sqrt(30² / 3)");
    let (five_a, five_b) = (build("c", &[0, 10, 20, 10, 10]), build("d", &[5, 5, 20, 10, 10]));
    let document: FeedbackDocument =
        serde_json::from_str(&every_format(&own, &five_a, &[])[1].1).unwrap();
    assert_eq!(
        (document.contrasts[0].others.min, document.contrasts[0].others.max),
        (Some(0), Some(20))
    );
    for ((format, a), (_, b)) in
        every_format(&own, &five_a, &[]).iter().zip(every_format(&own, &five_b, &[]))
    {
        // Text draws the range on a line of characters, too coarse to tell
        // these two apart; every other format shows the figures.
        if format != "text" {
            assert_ne!(*a, b, "{format}: five raters show their lowest and highest");
        }
    }
}

#[test]
fn answers_files_count_as_results_do_and_a_copy_counts_once() {
    let dir = tempfile::tempdir().unwrap();
    let back = dir.path().join("back");
    std::fs::create_dir(&back).unwrap();
    // Sam's own answers file as SELF; three colleagues' answers files, one
    // of them also scored into a result; a copy; one half filled in.
    let own = dir.path().join("sam.yaml");
    std::fs::write(&own, serde_yaml::to_string(&answers(None, 0)).unwrap()).unwrap();
    for (index, relation) in ["peer", "peer", "manager"].iter().enumerate() {
        let file = back.join(format!("answers-{index}.json"));
        std::fs::write(&file, answers(Some(relation), index + 1).to_string()).unwrap();
    }
    std::fs::copy(back.join("answers-0.json"), back.join("copy.json")).unwrap();
    Itlead::new()
        .args(["assess", "--answers", back.join("answers-1.json").to_str().unwrap()])
        .args(["--no-save", "-o", back.join("scored-1.json").to_str().unwrap()])
        .ok();
    let mut half = answers(Some("peer"), 9);
    let first = half["answers"].as_object().unwrap().keys().next().unwrap().clone();
    half["answers"][&first] = serde_json::json!({ "most": "", "least": "" });
    std::fs::write(back.join("half.json"), half.to_string()).unwrap();
    let run = Itlead::new()
        .args(["feedback", own.to_str().unwrap(), back.to_str().unwrap(), "--format", "json"])
        .ok();
    let document: FeedbackDocument = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document.raters.get(&Relation::Peer), Some(&2), "{}", run.stderr);
    assert_eq!(document.raters.get(&Relation::Manager), Some(&1));
    assert!(run.stderr.contains("copy.json holds the same answers as"), "{}", run.stderr);
    assert!(run.stderr.contains("scored-1.json holds the same answers as"), "{}", run.stderr);
    assert!(run.stderr.contains("half.json: 1 scenario has no answer"), "{}", run.stderr);
    assert!(!run.stderr.contains("has no name"), "SELF names Sam: {}", run.stderr);
}

#[test]
fn a_raters_name_is_never_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let mut named = answers(Some("peer"), 11);
    named["name"] = "Ana Diaz".into();
    let file = dir.path().join("named.json");
    std::fs::write(&file, named.to_string()).unwrap();
    // Scored alone: the name is dropped, with a warning.
    let run = Itlead::new()
        .args(["assess", "--answers", file.to_str().unwrap(), "--no-save", "--format", "json"])
        .ok();
    assert!(!run.stdout.contains("Ana Diaz"), "{}", run.stdout);
    assert!(
        run.stderr.contains("it is not recorded, since a rater's own name never is"),
        "{}",
        run.stderr
    );
    // --name beside answers about someone else is refused.
    let run = Itlead::new()
        .args(["assess", "--answers", file.to_str().unwrap(), "--no-save", "--name", "Ana"])
        .expect_code(2);
    assert!(
        run.stderr.contains("a rater's name is never recorded; leave out --name"),
        "{}",
        run.stderr
    );
    // In feedback, the same.
    let round = round(&["peer", "peer"]);
    std::fs::copy(&file, round.raters.join("named.json")).unwrap();
    let run = feedback(&round, &["--format", "json"]).ok();
    assert!(!run.stdout.contains("Ana"), "{}", run.stdout);
    assert!(run.stderr.contains("named.json gives a `name` beside `about`"), "{}", run.stderr);
}

#[test]
fn a_self_assessment_without_a_name_is_taken_for_the_person_with_a_warning() {
    let round = round(&["peer", "peer", "peer"]);
    let mut own = read_json(&round.own);
    own.as_object_mut().unwrap().remove("name");
    let unnamed = round.dir.path().join("unnamed.json");
    std::fs::write(&unnamed, own.to_string()).unwrap();
    let run = Itlead::new()
        .args(["feedback", unnamed.to_str().unwrap(), round.raters.to_str().unwrap()])
        .ok();
    assert!(
        run.stderr.contains("unnamed.json has no name, so nothing says it is Sam Lee's own"),
        "{}",
        run.stderr
    );
    let run = feedback(&round, &[]).ok();
    assert!(!run.stderr.contains("has no name"), "{}", run.stderr);
    // compare, too: one named result against one without a name.
    let run = Itlead::new()
        .args(["compare", unnamed.to_str().unwrap(), round.own.to_str().unwrap()])
        .ok();
    assert!(
        run.stderr.contains("unnamed.json has no name, so nothing says it is Sam Lee's"),
        "{}",
        run.stderr
    );
}

#[test]
fn mismatched_results_are_refused_saying_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let own = answered(dir.path(), "self", None, 0);
    let raters = dir.path().join("raters");
    std::fs::create_dir(&raters).unwrap();
    for index in 0..2 {
        answered(&raters, &format!("r{index}"), Some("peer"), index + 1);
    }
    let refused = |extra: &Path, says: &str| {
        let run = Itlead::new()
            .args([
                "feedback",
                own.to_str().unwrap(),
                raters.to_str().unwrap(),
                extra.to_str().unwrap(),
            ])
            .expect_code(3);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    };
    let mut alex = read_json(&answered(dir.path(), "alex", Some("peer"), 7));
    alex["about"]["name"] = "Alex Kim".into();
    let someone_else = dir.path().join("alex-kim.json");
    std::fs::write(&someone_else, alex.to_string()).unwrap();
    refused(&someone_else, "about different people: Sam Lee and Alex Kim");
    let another_self = answered(dir.path(), "self-again", None, 8);
    refused(&another_self, "is a self-assessment, not answers about someone else");
    let old_content = fixture("results/team/alice.json");
    let mut old = read_json(&old_content);
    old["about"] = serde_json::json!({"name": "Sam Lee", "relation": "peer"});
    let old_path = dir.path().join("old.json");
    std::fs::write(&old_path, old.to_string()).unwrap();
    refused(&old_path, "feedback needs one questionnaire");
    // The same title and version over different questions: an edit
    // without a new version, said as such.
    let edited_path = dir.path().join("edited.json");
    let mut edited = read_json(&raters.join("r0.json"));
    edited["content"]["hash"] = format!("sha256:{}", "ab".repeat(32)).into();
    std::fs::write(&edited_path, edited.to_string()).unwrap();
    refused(&edited_path, "but the questionnaires differ (content abababababab against ");
    // An observer's result as SELF.
    let third = answered(&raters, "r2", Some("manager"), 9);
    let run = Itlead::new()
        .args(["feedback", third.to_str().unwrap(), raters.to_str().unwrap()])
        .expect_code(3);
    assert!(run.stderr.contains("not a self-assessment"), "{}", run.stderr);
}

#[test]
fn an_invitation_holds_the_form_the_template_and_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let invite = dir.path().join("invite");
    let run = Itlead::new()
        .args(["questions", "--about", "Sam Lee", "--relation", "direct-report", "--invitation"])
        .arg(invite.to_str().unwrap())
        .ok();
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("Wrote the invitation"), "{}", run.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&invite)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "answers-about-sam-lee-direct-report.yaml",
            "message-about-sam-lee-direct-report.txt",
            "questions-about-sam-lee-direct-report.html"
        ]
    );
    let message =
        std::fs::read_to_string(invite.join("message-about-sam-lee-direct-report.txt")).unwrap();
    for says in [
        " minutes: ",
        "no wrong answers",
        "not to Sam",
        "as someone who reports to Sam",
        "never one person's answers",
    ] {
        assert!(message.contains(says), "{says}: {message}");
    }
    // The form is the one `questions --format html` writes, and the
    // template fills in and scores.
    let form =
        std::fs::read_to_string(invite.join("questions-about-sam-lee-direct-report.html")).unwrap();
    let alone = Itlead::new()
        .args([
            "questions",
            "--about",
            "Sam Lee",
            "--relation",
            "direct-report",
            "--format",
            "html",
        ])
        .ok()
        .stdout;
    assert_eq!(form, alone);
    let template =
        std::fs::read_to_string(invite.join("answers-about-sam-lee-direct-report.yaml")).unwrap();
    assert!(template.contains("send it back to whoever asked you, not to Sam"), "{template}");
    let filled = dir.path().join("filled.yaml");
    std::fs::write(&filled, common::fill_template(&template, 3)).unwrap();
    Itlead::new().args(["assess", "--answers", filled.to_str().unwrap(), "--no-save"]).ok();
    // Again into the same folder: nothing is replaced.
    let run = Itlead::new()
        .args(["questions", "--about", "Sam Lee", "--relation", "direct-report", "--invitation"])
        .arg(invite.to_str().unwrap())
        .expect_code(2);
    assert!(run.stderr.contains("--invitation would replace"), "{}", run.stderr);
    // It is for a round: without --about, clap refuses.
    Itlead::new().args(["questions", "--invitation"]).arg(invite.to_str().unwrap()).expect_code(2);
}
