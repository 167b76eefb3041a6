//! Counts of one read as English: "1 problem", "1 member", never
//! "1 problems" or "problem(s)". Each run below makes a count of one.

mod common;

use common::{Itlead, fixture};

/// Nouns itlead counts.
const NOUNS: [&str; 18] = [
    "themes",
    "contrasts",
    "problems",
    "scenarios",
    "answers",
    "results",
    "files",
    "options",
    "members",
    "colleagues",
    "responses",
    "raters",
    "peers",
    "warnings",
    "decisions",
    "minutes",
    "axes",
    "reports",
];

fn assert_english(what: &str, text: &str) {
    assert!(!text.contains("(s)"), "{what}: {text}");
    // "1 problems", but not "--min-raters 1): answers".
    let words: Vec<&str> = text.split_whitespace().collect();
    for pair in words.windows(2) {
        let number = pair[0].trim_start_matches(|c: char| !c.is_alphanumeric());
        let noun = pair[1].trim_end_matches(|c: char| !c.is_alphanumeric());
        assert!(!(number == "1" && NOUNS.contains(&noun)), "{what}: \"1 {noun}\" in\n{text}");
    }
}

fn assert_run(what: &str, run: &common::Run) {
    assert_english(what, &run.stdout);
    assert_english(what, &run.stderr);
}

#[test]
fn counts_of_one_are_singular() {
    let answers = fixture("answers/full.yaml").display().to_string();
    let alice = fixture("results/team/alice.json").display().to_string();

    // One saved result, in history and in the hint after it.
    let itlead = Itlead::new();
    let data = itlead.home().join("data").display().to_string();
    let saved =
        Itlead::new().env("ITLEAD_DATA_DIR", &data).args(["assess", "--answers", &answers]).ok();
    assert_run("assess", &saved);
    let history = Itlead::new().env("ITLEAD_DATA_DIR", &data).args(["history"]).ok();
    assert!(history.stdout.contains("1 saved result\n"), "{}", history.stdout);
    assert_run("history", &history);
    assert_run(
        "report 2",
        &Itlead::new().env("ITLEAD_DATA_DIR", &data).args(["report", "2"]).run(),
    );

    // A team of one.
    let team = Itlead::new().args(["team", &alice]).ok();
    assert!(team.stdout.contains("1 member"), "{}", team.stdout);
    assert_run("team", &team);

    // One contrast asked: few scenarios, one of them left out of another.
    assert_run(
        "assess --axes",
        &Itlead::new()
            .args(["assess", "--answers", &answers, "--axes", "vision", "--no-save"])
            .ok(),
    );

    // Content with a single problem.
    let dir = tempfile::tempdir().unwrap();
    let content = std::fs::read_to_string(fixture("content/mini.yaml")).unwrap();
    let broken = dir.path().join("one-problem.yaml");
    std::fs::write(&broken, content.replacen("today-tomorrow: -1 }", "today-tomorrow: -9 }", 1))
        .unwrap();
    let check =
        Itlead::new().args(["check", broken.to_str().unwrap(), "--format", "json"]).expect_code(3);
    assert!(check.stderr.contains("1 problem,"), "{check:?}");
    assert_run("check", &check);

    // Feedback from one colleague, with the floor lowered.
    let own = dir.path().join("own.json");
    let run =
        Itlead::new().args(["assess", "--answers", &answers, "--format", "json", "--no-save"]).ok();
    std::fs::write(&own, &run.stdout).unwrap();
    let mut about = std::fs::read_to_string(fixture("answers/full.yaml")).unwrap();
    about = about.replace("name: \"Robin Example\"", "about: \"Robin Example\"\nrelation: peer");
    let about_file = dir.path().join("about.yaml");
    std::fs::write(&about_file, about).unwrap();
    let other = dir.path().join("other.json");
    let run = Itlead::new()
        .args([
            "assess",
            "--answers",
            about_file.to_str().unwrap(),
            "--format",
            "json",
            "--no-save",
        ])
        .ok();
    std::fs::write(&other, &run.stdout).unwrap();
    let few = Itlead::new()
        .args(["feedback", own.to_str().unwrap(), other.to_str().unwrap()])
        .expect_code(2);
    assert_run("feedback refused", &few);
    let one = Itlead::new()
        .args(["feedback", own.to_str().unwrap(), other.to_str().unwrap(), "--min-raters", "1"])
        .ok();
    assert!(one.stdout.contains("1 colleague"), "{}", one.stdout);
    assert_run("feedback", &one);
}

#[test]
fn every_snapshot_reads_as_english() {
    let snapshots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut seen = 0;
    for entry in std::fs::read_dir(snapshots).unwrap() {
        let path = entry.unwrap().path();
        // clap's own `help` subcommand says "subcommand(s)".
        let text = std::fs::read_to_string(&path).unwrap().replace("the given subcommand(s)", "");
        assert_english(&path.display().to_string(), &text);
        seen += 1;
    }
    assert!(seen > 50, "only {seen} snapshots");
}
