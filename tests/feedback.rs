//! `itlead feedback`: a self-assessment and colleagues' answers about the
//! person, end to end through answers files, in every format; the
//! anonymity rules and the refusals.

mod common;

use std::path::{Path, PathBuf};

use common::{Itlead, fixture};
use itlead::feedback::{FeedbackDocument, Verdict};

/// Runs `questions`, fills every scenario with options chosen by `seed`
/// (each seed answers another way), and scores it into `dir/name.json`.
fn answered(dir: &Path, name: &str, about: Option<(&str, &str)>, seed: usize) -> PathBuf {
    let mut questions = Itlead::new().args(["questions", "--format", "json"]);
    if let Some((person, relation)) = about {
        questions = questions.args(["--about", person, "--relation", relation]);
    }
    let mut template: serde_json::Value = serde_json::from_str(&questions.ok().stdout).unwrap();
    let scenarios = template["scenarios"].as_array().unwrap().clone();
    for (position, scenario) in scenarios.into_iter().enumerate() {
        let (most, least) = (seed + position, seed * 3 + position * 2 + 1);
        let keys: Vec<String> = scenario["options"]
            .as_array()
            .unwrap()
            .iter()
            .map(|option| option["key"].as_str().unwrap().to_owned())
            .collect();
        let id = scenario["id"].as_str().unwrap();
        template["answers"][id] = common::ranked(&keys, most, least);
    }
    if about.is_none() {
        template["name"] = "Sam Lee".into();
    }
    let answers = dir.parent().unwrap().join(format!("{name}-{}.answers.json", fastrand::u64(..)));
    std::fs::write(&answers, template.to_string()).unwrap();
    let out = dir.join(format!("{name}.json"));
    Itlead::new()
        .args([
            "assess",
            "--answers",
            answers.to_str().unwrap(),
            "--no-save",
            "-o",
            out.to_str().unwrap(),
        ])
        .ok();
    out
}

struct Round {
    _dir: tempfile::TempDir,
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
        answered(&raters, &format!("r{index}"), Some(("Sam Lee", relation)), index + 1);
    }
    Round { _dir: dir, own, raters }
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

#[test]
fn three_colleagues_give_the_view_in_every_format() {
    let round = round(&["peer", "peer", "direct-report"]);
    let document = feedback_json(&round, &[]);
    assert_eq!(document.subject, "Sam Lee");
    assert_eq!(document.raters.values().sum::<usize>(), 3);
    assert_eq!(document.contrasts.len(), 13);
    for contrast in &document.contrasts {
        assert_eq!(contrast.others.n, 3);
        let (mean, own) = (contrast.others.mean.unwrap(), f64::from(contrast.own.unwrap()));
        let gap = contrast.gap.unwrap();
        assert!((gap - (mean - own)).abs() < 0.051, "{contrast:?}");
        let expected = if gap.abs() < 20.0 {
            Verdict::Agree
        } else if gap > 0.0 {
            Verdict::OthersSeeMoreLeader
        } else {
            Verdict::OthersSeeMoreManager
        };
        assert_eq!(contrast.verdict, expected);
        assert!(contrast.others.min.unwrap() <= contrast.others.max.unwrap());
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
    let differs = document.contrasts.iter().any(|contrast| contrast.verdict != Verdict::Agree);
    assert_eq!(text.contains("others see more of the"), differs, "{text}");
    let markdown = run("markdown");
    assert!(
        markdown.contains("## Where views differ most") && markdown.contains("| contrast | self |"),
        "{markdown}"
    );
    let html = run("html");
    assert!(
        html.contains("class=\"mark score\"")
            && html.contains("class=\"mark mean\"")
            && html.contains("class=\"range\""),
        "self against the others' range: {html}"
    );
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
            "others_n",
            "others_mean",
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
        run.stderr.contains("at least 3 colleagues' results") && run.stderr.contains("it has 2"),
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
    assert!(!both.recognisable, "six colleagues under the default floor");
    // Three peers and one manager: the manager's scores would follow from
    // the overall mean and the peers' mean, so no breakdown at all.
    let one_left = feedback_json(&round(&["peer", "peer", "peer", "manager"]), &[]);
    assert!(one_left.groups.is_empty());
    // Three peers, two managers and one other: the rest merge into "others".
    let merged =
        feedback_json(&round(&["peer", "peer", "peer", "manager", "manager", "other"]), &[]);
    let groups: Vec<(&str, usize)> =
        merged.groups.iter().map(|group| (group.relation.as_str(), group.raters)).collect();
    assert_eq!(groups, [("peer", 3), ("others", 3)]);
}

#[test]
fn mismatched_results_are_refused_saying_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let own = answered(dir.path(), "self", None, 0);
    let raters = dir.path().join("raters");
    std::fs::create_dir(&raters).unwrap();
    for index in 0..2 {
        answered(&raters, &format!("r{index}"), Some(("Sam Lee", "peer")), index + 1);
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
    let someone_else = answered(dir.path(), "alex", Some(("Alex Kim", "peer")), 7);
    refused(&someone_else, "about different people: Sam Lee and Alex Kim");
    let another_self = answered(dir.path(), "self-again", None, 8);
    refused(&another_self, "is a self-assessment, not answers about someone else");
    let old_content = fixture("results/team/alice.json");
    let mut old: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(old_content).unwrap()).unwrap();
    old["about"] = serde_json::json!({"name": "Sam Lee", "relation": "peer"});
    let old_path = dir.path().join("old.json");
    std::fs::write(&old_path, old.to_string()).unwrap();
    refused(&old_path, "feedback needs one questionnaire");
    // The same title and version over different questions: an edit
    // without a new version, said as such.
    let edited_path = dir.path().join("edited.json");
    let mut edited: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(raters.join("r0.json")).unwrap()).unwrap();
    edited["content"]["hash"] = format!("sha256:{}", "ab".repeat(32)).into();
    std::fs::write(&edited_path, edited.to_string()).unwrap();
    refused(
        &edited_path,
        "both name \"IT manager and leader contrasts\" version 2.0.0, but the questionnaires differ (content abababababab against ",
    );
    // An observer's result as SELF.
    let third = answered(&raters, "r2", Some(("Sam Lee", "manager")), 9);
    let run = Itlead::new()
        .args(["feedback", third.to_str().unwrap(), raters.to_str().unwrap()])
        .expect_code(3);
    assert!(run.stderr.contains("not a self-assessment"), "{}", run.stderr);
}
