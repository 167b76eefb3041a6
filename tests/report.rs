//! `itlead report`: the handles `history` hands out (a number, `latest`, a
//! file stem), the why-section of `--contrast`, and `check` telling an
//! answers or result file from content.

mod common;

use std::path::Path;

use common::{Itlead, fixture};

/// A run that keeps its results in `data`.
fn in_data(data: &Path) -> Itlead {
    Itlead::new().env("ITLEAD_DATA_DIR", data.to_str().unwrap())
}

/// Saves a result made from the answers fixture under `name`.
fn save(data: &Path, name: &str) -> String {
    let run = in_data(data)
        .args([
            "assess",
            "--answers",
            fixture("answers/full.yaml").to_str().unwrap(),
            "--name",
            name,
        ])
        .ok();
    let saved =
        run.stderr.lines().find(|line| line.starts_with("Result saved to ")).unwrap_or_else(|| {
            panic!("no saved line in {}", run.stderr);
        });
    let path = saved.trim_start_matches("Result saved to ").split(';').next().unwrap();
    assert!(Path::new(path).starts_with(data), "{path} is outside {}", data.display());
    path.to_owned()
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

#[test]
fn history_numbers_latest_and_stems_open_the_saved_results() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let first = save(&data, "Ada First");
    let second = save(&data, "Bo Second");
    assert_ne!(first, second);

    let history = in_data(&data).args(["history"]).env("COLUMNS", "100").ok().stdout;
    assert!(history.contains("itlead report latest"), "{history}");
    let listed: serde_json::Value =
        serde_json::from_str(&in_data(&data).args(["history", "--format", "json"]).ok().stdout)
            .unwrap();
    let names: Vec<(u64, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| (entry["number"].as_u64().unwrap(), entry["name"].as_str().unwrap()))
        .collect();
    // Saved in the same second, and still listed in the order they were made.
    assert_eq!(names, [(1, "Ada First"), (2, "Bo Second")]);

    let report = |handle: &str| in_data(&data).args(["report", handle]).ok().stdout;
    assert_eq!(first_line(&report("1")), "Profile of Ada First");
    assert_eq!(first_line(&report("2")), "Profile of Bo Second");
    assert_eq!(first_line(&report("latest")), "Profile of Bo Second");
    let stem = Path::new(&first).file_stem().unwrap().to_str().unwrap().to_owned();
    assert_eq!(first_line(&report(&stem)), "Profile of Ada First");
    assert_eq!(first_line(&report(&first)), "Profile of Ada First");

    let missing = in_data(&data).args(["report", "3"]).expect_code(2);
    assert!(
        missing.stderr.contains("`itlead history` lists the 2 saved results"),
        "{}",
        missing.stderr
    );
}

#[test]
fn latest_without_saved_results_says_how_to_make_one() {
    let dir = tempfile::tempdir().unwrap();
    let run = in_data(dir.path()).args(["report", "latest"]).expect_code(2);
    assert!(
        run.stderr.contains("no results are saved")
            && run.stderr.contains("`itlead assess` saves one"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
}

#[test]
fn contrast_explains_one_score_by_the_answers_behind_it() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    save(&data, "Ada First");
    let run = in_data(&data)
        .args(["report", "latest", "--contrast", "vision", "--format", "markdown"])
        .ok();
    let why = run.stdout.split("## Why this score").nth(1).expect("a why-section");
    let section: Vec<&str> = why.lines().take_while(|line| !line.starts_with("## ")).collect();
    assert!(
        section.iter().any(|line| line.starts_with("### ")
            && line.contains("Goals")
            && line.contains("Vision")),
        "{section:?}"
    );
    let items: Vec<&&str> = section.iter().filter(|line| line.starts_with("- ")).collect();
    // One line per scenario that has an option on goals-vision.
    assert_eq!(items.len(), common::scenarios_on("goals-vision").len(), "{section:?}");
    for item in &items {
        assert!(
            item.contains("skipped")
                || (item.contains("most likely")
                    && item.contains("least likely")
                    && item.contains("counts "))
                || (item.contains("more likely")
                    && !item.contains("least likely")
                    && item.contains("counts ")),
            "{item}"
        );
    }
    assert!(
        items.iter().any(|item| item.contains("more likely")),
        "a choice between two: {items:?}"
    );
    assert!(
        items
            .iter()
            .any(|item| item.contains("counts toward Vision")
                || item.contains("counts toward Goals")),
        "{items:?}"
    );
    // Only that contrast is explained.
    assert_eq!(section.iter().filter(|line| line.starts_with("### ")).count(), 1, "{section:?}");

    let text = in_data(&data).args(["report", "latest", "--contrast", "goals-vision"]).ok();
    assert!(text.stdout.contains("\nWhy this score\n"), "{}", text.stdout);
    let html =
        in_data(&data).args(["report", "latest", "--contrast", "goals", "--format", "html"]).ok();
    assert!(html.stdout.contains("Why this score</h2>"), "{}", html.stdout);

    let unknown = in_data(&data).args(["report", "latest", "--contrast", "visoin"]).expect_code(2);
    assert!(unknown.stderr.contains("did you mean `Vision`?"), "{}", unknown.stderr);
}

#[test]
fn assess_and_report_write_the_same_shared_documents() {
    // The documents people share explain every score, whichever command
    // wrote them; the terminal's text leaves that to `--contrast`.
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    save(&data, "Ada First");
    let answers = fixture("answers/full.yaml");
    for format in ["markdown", "html"] {
        let assessed = in_data(&data)
            .args(["assess", "--answers", answers.to_str().unwrap(), "--name", "Ada First"])
            .args(["--no-save", "--format", format])
            .ok();
        let reported = in_data(&data).args(["report", "latest", "--format", format]).ok();
        assert!(assessed.stdout.contains("Why these scores"), "{format}: {}", assessed.stdout);
        let body = |text: &str| {
            // The dates differ: compare from the first heading after the title on.
            text.split_once("Why these scores").map(|(_, rest)| rest.to_owned()).unwrap()
        };
        assert_eq!(body(&assessed.stdout), body(&reported.stdout), "{format}");
    }
    let text = in_data(&data).args(["report", "latest"]).ok();
    assert!(!text.stdout.contains("Why these scores"), "{}", text.stdout);
}

#[test]
fn a_rendered_report_given_as_a_result_is_named_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let answers = fixture("answers/full.yaml");
    for (format, kind) in
        [("text", "text"), ("markdown", "Markdown"), ("html", "HTML"), ("csv", "CSV")]
    {
        let path = dir.path().join(format!("report.{format}"));
        Itlead::new()
            .args(["assess", "--answers", answers.to_str().unwrap(), "--no-save"])
            .args(["--format", format, "-o", path.to_str().unwrap()])
            .ok();
        let file = path.to_str().unwrap();
        for args in [vec!["report", file], vec!["team", file]] {
            let run = Itlead::new().args(&args).expect_code(3);
            assert!(
                run.stderr.contains(&format!("this looks like a report in {kind}, not a result")),
                "{args:?}: {}",
                run.stderr
            );
            assert!(run.stderr.len() < 700, "{args:?} quotes the file: {}", run.stderr);
        }
        let run = Itlead::new().args(["check", file]).expect_code(3);
        assert!(
            run.stderr.contains(&format!("this looks like a report in {kind}, not content")),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn check_recognises_answers_and_results_and_says_what_to_do() {
    let answers = fixture("answers/full.yaml");
    let run = Itlead::new().args(["check", answers.to_str().unwrap()]).expect_code(3);
    assert!(run.stderr.contains("this is an answers file"), "{}", run.stderr);
    assert!(run.stderr.contains("itlead assess --answers"), "{}", run.stderr);
    assert!(!run.stderr.contains("expected u32"), "{}", run.stderr);

    let result = fixture("results/team/alice.json");
    let run = Itlead::new().args(["check", result.to_str().unwrap()]).expect_code(3);
    assert!(run.stderr.contains("this is a result"), "{}", run.stderr);
    assert!(run.stderr.contains("itlead report"), "{}", run.stderr);
}

#[test]
fn a_colleagues_answers_read_about_them_and_leave_next_steps_out() {
    let answers = fixture("answers/full.yaml");
    let own =
        Itlead::new().args(["assess", "--answers", answers.to_str().unwrap(), "--no-save"]).ok();
    assert!(own.stdout.contains("\nNext steps\n"), "{}", own.stdout);
    let text = std::fs::read_to_string(&answers)
        .unwrap()
        .replace("name: \"Robin Example\"", "about: \"Sam Lee\"\nrelation: direct-report");
    let dir = tempfile::tempdir().unwrap();
    let about = dir.path().join("about.yaml");
    std::fs::write(&about, text).unwrap();
    let run =
        Itlead::new().args(["assess", "--answers", about.to_str().unwrap(), "--no-save"]).ok();
    assert_eq!(first_line(&run.stdout), "Sam Lee, as a direct report sees them");
    assert!(run.stdout.contains("Sam's clearest leanings"), "{}", run.stdout);
    assert!(!run.stdout.contains("Next steps"), "{}", run.stdout);
    assert!(!run.stdout.contains("Your "), "{}", run.stdout);
    for format in ["text", "markdown", "html"] {
        let run = Itlead::new()
            .args(["assess", "--answers", about.to_str().unwrap(), "--no-save", "--format", format])
            .ok();
        let flat = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(!flat.contains("your leanings"), "{format}: the closing speaks to Sam's reader");
        assert!(flat.contains("Neither side is the better one"), "{format}");
    }
}

#[test]
fn a_result_of_content_2_still_opens_with_the_built_in_content() {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("before.json");
    Itlead::new()
        .args(["assess", "--answers", fixture("answers/full-2.0.0.yaml").to_str().unwrap()])
        .args(["--content", fixture("content/contrasts-2.0.0.yaml").to_str().unwrap()])
        .args(["--no-save", "--format", "json", "--output", result.to_str().unwrap()])
        .ok();
    let report = Itlead::new().args(["report", result.to_str().unwrap()]).ok().stdout;
    assert!(report.contains("IT manager and leader contrasts 2.0.0"), "{report}");
    assert!(report.contains("18 of 19 scenarios answered"), "{report}");
    let why = Itlead::new()
        .args(["report", result.to_str().unwrap(), "--contrast", "vision"])
        .ok()
        .stdout;
    let flat = why.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("made with other content than the one loaded"), "{why}");
    // With the content it was made from, the answers behind the score show.
    let why = Itlead::new()
        .args(["report", result.to_str().unwrap(), "--contrast", "vision"])
        .args(["--content", fixture("content/contrasts-2.0.0.yaml").to_str().unwrap()])
        .ok()
        .stdout;
    assert!(why.contains("most likely"), "{why}");
}

/// `latest` is found from the file names: the newest name that holds a
/// usable result, `STAMP-10` after `STAMP-2`, read without reading the
/// older files (a broken older file is not even warned about).
#[test]
fn latest_is_the_newest_file_name_and_reads_no_older_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let saved = save(&data, "Ada First");
    let results = Path::new(&saved).parent().unwrap().to_owned();
    let text = std::fs::read_to_string(&saved).unwrap();
    std::fs::remove_file(&saved).unwrap();
    let named = |name: &str| text.replace("Ada First", name);
    // Older names hold broken files; only the newest names are read.
    for n in 0..50 {
        std::fs::write(results.join(format!("2025-01-01T00-00-{n:02}Z.json")), "{ broken").unwrap();
    }
    std::fs::write(results.join("2030-01-01T00-00-00Z.json"), named("Same Second One")).unwrap();
    std::fs::write(results.join("2030-01-01T00-00-00Z-2.json"), named("Same Second Two")).unwrap();
    std::fs::write(results.join("2030-01-01T00-00-00Z-10.json"), named("Same Second Ten")).unwrap();
    let run = in_data(&data).args(["report", "latest"]).ok();
    assert_eq!(first_line(&run.stdout), "Profile of Same Second Ten");
    assert!(run.stderr.is_empty(), "older files were read: {}", run.stderr);
    // A broken newest file is skipped with the warning `history` gives.
    std::fs::write(results.join("2031-01-01T00-00-00Z.json"), "{ broken").unwrap();
    let run = in_data(&data).args(["report", "latest"]).ok();
    assert_eq!(first_line(&run.stdout), "Profile of Same Second Ten");
    assert!(run.stderr.contains("2031-01-01T00-00-00Z.json"), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
}
