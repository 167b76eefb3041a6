//! Every document in every format it offers, as insta snapshots, so that a
//! change in what any format shows is seen in review. Inputs are fixed: a
//! result made from the answers fixture at a fixed time, the team and
//! compare fixtures, a history of them, the built-in content, a pilot of
//! simulated answers, and a small feedback round.

mod common;

use std::path::{Path, PathBuf};

use common::{Itlead, fixture};

/// Every format of a document, by `--format` name.
const ALL: [&str; 6] = ["text", "json", "yaml", "markdown", "csv", "html"];

/// Runs `args` with each of `formats` and snapshots the output as
/// `NAME-FORMAT`. JSON and YAML carry the itlead version, which is masked.
fn snapshot_formats(name: &str, itlead: &dyn Fn() -> Itlead, args: &[&str], formats: &[&str]) {
    for format in formats {
        let run = itlead().args(args).args(["--format", format]).env("COLUMNS", "80").ok();
        let output = run.stdout.replace(env!("CARGO_PKG_VERSION"), "[version]");
        insta::assert_snapshot!(format!("{name}-{format}"), output);
    }
}

fn fresh() -> Itlead {
    Itlead::new()
}

/// The answers fixture scored at a fixed time.
fn fixed_result(dir: &Path, name: &str) -> PathBuf {
    let run = Itlead::new()
        .args([
            "assess",
            "--answers",
            fixture("answers/full.yaml").to_str().unwrap(),
            "--format",
            "json",
            "--no-save",
        ])
        .ok();
    let mut result: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    result["created"] = "2026-03-04T05:06:07Z".into();
    result["itlead_version"] = "0.0.0".into();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&result).unwrap()).unwrap();
    path
}

#[test]
fn the_report_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixed_result(dir.path(), "result.json");
    snapshot_formats("report", &fresh, &["report", path.to_str().unwrap()], &ALL);
    let run = Itlead::new()
        .args(["report", path.to_str().unwrap(), "--contrast", "coach"])
        .env("COLUMNS", "80")
        .ok();
    insta::assert_snapshot!("report-why-coach", run.stdout);
}

#[test]
fn a_result_of_itlead_0_1_still_renders() {
    let path = fixture("results/v1/alice.json");
    snapshot_formats(
        "report-v1",
        &fresh,
        &["report", path.to_str().unwrap()],
        &["text", "markdown"],
    );
}

fn team_files() -> Vec<String> {
    ["alice", "bob", "carol", "dave", "erin"]
        .iter()
        .map(|name| fixture(&format!("results/team/{name}.json")).display().to_string())
        .collect()
}

#[test]
fn the_team_view_in_every_format() {
    let mut args = vec!["team".to_owned(), "--names".to_owned()];
    args.extend(team_files());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    snapshot_formats("team", &fresh, &args, &ALL);
}

/// A team whose members all left one contrast unanswered: its figures are
/// missing, and every format people read shows them as `–`.
#[test]
fn missing_figures_look_the_same_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let unasked = common::scenarios_on("today-tomorrow");
    let mut args = vec!["team".to_owned()];
    for member in 0..3 {
        let answers: serde_json::Map<String, serde_json::Value> = common::scenarios()
            .into_iter()
            .enumerate()
            .filter(|(_, (id, _))| !unasked.contains(id))
            .map(|(index, (id, keys))| {
                let answer = common::ranked(&keys, member + index, member * 3 + 1);
                (id, answer)
            })
            .collect();
        let (_answers_dir, path) = common::answers_file(answers);
        let run = Itlead::new()
            .args(["assess", "--answers", path.to_str().unwrap(), "--partial"])
            .args(["--name", &format!("Member {member}"), "--format", "json", "--no-save"])
            .ok();
        let mut result: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        result["created"] = format!("2026-03-04T05:06:{member:02}Z").into();
        let out = dir.path().join(format!("m{member}.json"));
        std::fs::write(&out, result.to_string()).unwrap();
        args.push(out.display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    snapshot_formats("team-missing", &fresh, &args, &["text", "markdown", "html"]);
}

#[test]
fn the_comparison_in_every_format() {
    // Relative paths, so that the text wraps the same in every checkout.
    let root = || Itlead::new().current_dir(Path::new(env!("CARGO_MANIFEST_DIR")));
    let old = "tests/fixtures/results/compare/old.json";
    let new = "tests/fixtures/results/compare/new.json";
    snapshot_formats("compare", &root, &["compare", old, new], &ALL);
}

#[test]
fn the_history_in_every_format() {
    let home = tempfile::tempdir().unwrap();
    let make = || {
        let itlead = Itlead::new().env("ITLEAD_DATA_DIR", home.path().to_str().unwrap());
        std::fs::create_dir_all(home.path().join("results")).unwrap();
        for path in team_files() {
            let path = PathBuf::from(path);
            std::fs::copy(&path, home.path().join("results").join(path.file_name().unwrap()))
                .unwrap();
        }
        itlead
    };
    for format in ["text", "json", "yaml", "markdown", "csv"] {
        let run = make().args(["history", "--format", format]).env("COLUMNS", "80").ok();
        let output = run.stdout.replace(&home.path().display().to_string(), "[data]");
        insta::assert_snapshot!(format!("history-{format}"), output);
    }
}

#[test]
fn explain_and_list_in_every_format() {
    snapshot_formats(
        "explain-coach",
        &fresh,
        &["explain", "coach"],
        &["text", "json", "yaml", "markdown", "html"],
    );
    snapshot_formats("list", &fresh, &["list"], &["text", "json", "yaml", "markdown", "csv"]);
}

#[test]
fn check_in_every_format() {
    snapshot_formats("check-builtin", &fresh, &["check"], &["text", "json", "yaml", "markdown"]);
    let old = fixture("content/contrasts-1.0.0.yaml");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("contrasts-1.0.0.yaml");
    std::fs::copy(&old, &copy).unwrap();
    let itlead = || Itlead::new().current_dir(dir.path());
    snapshot_formats(
        "check-1.0.0",
        &itlead,
        &["check", "contrasts-1.0.0.yaml"],
        &["text", "markdown"],
    );
}

#[test]
fn stats_in_every_format() {
    // Twelve respondents who answer the same way (the first and the second
    // option), shifted one option per respondent: a small, fixed pilot.
    let dir = tempfile::tempdir().unwrap();
    let scenarios = common::scenarios();
    for respondent in 0..12 {
        let answers: serde_json::Map<String, serde_json::Value> = scenarios
            .iter()
            .enumerate()
            .map(|(index, (id, keys))| {
                (id.clone(), common::ranked(keys, respondent + index, respondent * 3 + 1))
            })
            .collect();
        let (_answers_dir, path) = common::answers_file(answers);
        let run = Itlead::new()
            .args(["assess", "--answers", path.to_str().unwrap(), "--format", "json", "--no-save"])
            .ok();
        let mut result: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        result["created"] = format!("2026-03-04T05:06:{respondent:02}Z").into();
        std::fs::write(dir.path().join(format!("r{respondent:02}.json")), result.to_string())
            .unwrap();
    }
    snapshot_formats(
        "stats",
        &fresh,
        &["stats", dir.path().to_str().unwrap()],
        &["text", "json", "yaml", "markdown", "csv"],
    );
}

#[test]
fn feedback_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let scenarios = common::scenarios();
    let result = |name: &str, about: Option<&str>, seed: usize| {
        let answers: serde_json::Map<String, serde_json::Value> = scenarios
            .iter()
            .enumerate()
            .map(|(index, (id, keys))| {
                let most = seed + index * (seed % 3 + 1);
                (id.clone(), common::ranked(keys, most, seed * 7 + index * 2 + 1))
            })
            .collect();
        let (_answers_dir, path) = common::answers_file(answers);
        let mut args =
            vec!["assess".to_owned(), "--answers".to_owned(), path.display().to_string()];
        args.extend(["--format", "json", "--no-save"].map(str::to_owned));
        if let Some(relation) = about {
            args.extend(["--about", "Sam Lee", "--relation", relation].map(str::to_owned));
        } else {
            args.extend(["--name", "Sam Lee"].map(str::to_owned));
        }
        let run = Itlead::new().args(&args).ok();
        let mut value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        value["created"] = format!("2026-03-04T05:06:{seed:02}Z").into();
        let out = dir.path().join(name);
        std::fs::write(&out, value.to_string()).unwrap();
        out
    };
    let own = result("self.json", None, 0);
    let raters = dir.path().join("raters");
    std::fs::create_dir(&raters).unwrap();
    // Seeds that are no multiple of 3, 4 or 5 (the option counts), so that
    // no colleague answers exactly as Sam does, and apart modulo 12, so that
    // no two colleagues give the very same answers (they would count once).
    for (seed, relation) in [
        (1, "peer"),
        (2, "peer"),
        (7, "peer"),
        (11, "direct-report"),
        (17, "direct-report"),
        (22, "direct-report"),
    ] {
        let path = result(&format!("r{seed}.json"), Some(relation), seed);
        std::fs::rename(&path, raters.join(path.file_name().unwrap())).unwrap();
    }
    snapshot_formats(
        "feedback",
        &fresh,
        &["feedback", own.to_str().unwrap(), raters.to_str().unwrap()],
        &ALL,
    );
}

#[test]
fn the_answers_template_in_every_format() {
    for format in ["yaml", "json"] {
        let run = Itlead::new().args(["questions", "--format", format]).ok();
        insta::assert_snapshot!(format!("questions-{format}"), run.stdout);
    }
    let run = Itlead::new().args(["questions", "--about", "Sam Lee", "--relation", "peer"]).ok();
    insta::assert_snapshot!("questions-about", run.stdout);
    // The answer form, over the small questionnaire with a pair.
    let run = Itlead::new()
        .args(["--content", fixture("content/pairs.yaml").to_str().unwrap()])
        .args(["questions", "--about", "Sam Lee", "--relation", "peer", "--format", "html"])
        .ok();
    insta::assert_snapshot!("questions-form-pairs", run.stdout);
}
