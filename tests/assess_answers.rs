//! `itlead assess --answers`: scripted use, saved results, exit codes, and
//! the report text as snapshots at two widths.

mod common;

use common::{Itlead, answer_all, answers_file, fixture, ranked};
use itlead::answer::Answer;
use itlead::content::selection::Selection;
use itlead::result::ResultDocument;

fn full_answers() -> String {
    fixture("answers/full.yaml").to_str().unwrap().to_owned()
}

fn result_json(run: &common::Run) -> ResultDocument {
    ResultDocument::parse("stdout", &run.stdout).expect("assess JSON is a result document")
}

#[test]
fn answers_file_gives_a_result_and_saves_it_privately() {
    let itlead = Itlead::new().args(["assess", "--answers", &full_answers(), "--format", "json"]);
    let run = itlead.ok();
    let result = result_json(&run);
    assert_eq!(result.schema, "itlead.result/2");
    assert_eq!(result.axes.len(), 13);
    let count = common::scenarios().len();
    assert_eq!(result.answers.len(), count);
    assert_eq!(result.asked, count);
    assert_eq!(result.answers["phishing-test"], Answer::Skipped);
    assert_eq!(result.answers["monday-vpn"], Answer::ranked("c", "a"));
    assert_eq!(result.answers["free-afternoon"], Answer::most("b"));
    assert_eq!(result.name.as_deref(), Some("Robin Example"));
    assert!(run.stderr.contains("Result saved to"), "{}", run.stderr);
    let flat = run.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("`itlead report latest` shows it again")
            && flat.contains("--output report.html")
            && flat.contains("`itlead explain CONTRAST`"),
        "how to see it again: {}",
        run.stderr
    );
    let saved: Vec<_> =
        std::fs::read_dir(itlead.results_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(saved.len(), 1);
    let saved_result =
        ResultDocument::parse("saved", &std::fs::read_to_string(&saved[0]).unwrap()).unwrap();
    assert_eq!(saved_result, result);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&saved[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn no_save_writes_nothing() {
    let itlead = Itlead::new().args(["assess", "--answers", &full_answers(), "--no-save"]);
    itlead.ok();
    assert!(!itlead.results_dir().exists());
    assert!(!itlead.home().join("state").exists(), "no state written for --answers");
}

#[test]
fn answers_from_stdin_in_json() {
    let template = Itlead::new().args(["questions", "--format", "json"]).ok().stdout;
    let mut doc: serde_json::Value = serde_json::from_str(&template).unwrap();
    let ids: Vec<String> = doc["answers"].as_object().unwrap().keys().cloned().collect();
    let pairs: Vec<String> = doc["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|scenario| scenario["options"].as_array().unwrap().len() == 2)
        .map(|scenario| scenario["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!pairs.is_empty() && pairs.len() < ids.len(), "both kinds of scenario");
    for id in &ids {
        doc["answers"][id] = if pairs.contains(id) {
            serde_json::json!("b")
        } else {
            serde_json::json!({"most": "b", "least": "c"})
        };
    }
    let run = Itlead::new()
        .args(["assess", "--answers", "-", "--format", "json", "--no-save"])
        .stdin(serde_json::to_vec(&doc).unwrap())
        .ok();
    let result = result_json(&run);
    for (id, answer) in &result.answers {
        let expected = if pairs.iter().any(|pair| pair.as_str() == id.as_str()) {
            Answer::most("b")
        } else {
            Answer::ranked("b", "c")
        };
        assert_eq!(*answer, expected, "{id}");
    }
}

#[test]
fn missing_answers_exit_3_and_list_the_ids_unless_partial() {
    let text = std::fs::read_to_string(fixture("answers/full.yaml")).unwrap();
    let partial = text
        .replace("  monday-vpn: {", "  monday-vpn: { most: \"\", least: \"\" } # {")
        .replace("  free-afternoon: ", "  # free-afternoon: ");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("partial.yaml");
    std::fs::write(&path, partial).unwrap();
    let path = path.to_str().unwrap();
    let run = Itlead::new().args(["assess", "--answers", path, "--no-save"]).expect_code(3);
    assert!(
        run.stderr.contains("2 scenarios have no answer: free-afternoon, monday-vpn"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--partial"), "{}", run.stderr);
    let run = Itlead::new()
        .args(["assess", "--answers", path, "--partial", "--no-save", "--format", "json"])
        .ok();
    let result = result_json(&run);
    let count = common::scenarios().len();
    assert_eq!(result.answers.len(), count - 2);
    assert_eq!(result.asked, count, "N of M counts the questionnaire's scenarios");
}

#[test]
fn unknown_ids_and_keys_exit_3_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yaml");
    std::fs::write(
        &path,
        "schema: itlead.answers/2\nanswers:\n  phishing-test: {most: z, least: a}\n  phishing-tset: skip\n",
    )
    .unwrap();
    let run = Itlead::new()
        .args(["assess", "--answers", path.to_str().unwrap(), "--partial"])
        .expect_code(3);
    let name = path.display().to_string();
    assert!(
        run.stderr.contains(&format!("{name}:3:3: answers.phishing-test: `z` is not an option")),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains(&format!("{name}:4:3: answers.phishing-tset: unknown scenario `phishing-tset` (did you mean `phishing-test`?)")), "{}", run.stderr);
}

#[test]
fn quick_and_axes_score_only_what_they_ask() {
    let run = Itlead::new()
        .args(["assess", "--answers", &full_answers(), "--quick", "--format", "json", "--no-save"])
        .ok();
    let quick = result_json(&run);
    assert_eq!(quick.selection, Selection::Quick);
    assert!(quick.answers.len() < 13);
    assert!(run.stderr.contains("not among the quick form and left out"), "{}", run.stderr);
    let run = Itlead::new()
        .args([
            "assess",
            "--answers",
            &full_answers(),
            "--axes",
            "coach,vision",
            "--format",
            "json",
            "--no-save",
        ])
        .ok();
    let axes = result_json(&run);
    assert_eq!(
        axes.selection,
        Selection::Axes { axes: vec!["direct-coach".into(), "goals-vision".into()] }
    );
    assert!(
        axes.axis("direct-coach").unwrap().answered + axes.axis("direct-coach").unwrap().skipped
            > 0
    );
    let run = Itlead::new()
        .args(["assess", "--answers", &full_answers(), "--axes", "nonsense"])
        .expect_code(2);
    assert!(run.stderr.contains("no contrast is called `nonsense`"), "{}", run.stderr);
}

#[test]
fn contrasts_is_another_name_for_axes() {
    let with = |flag: &str| {
        let run = Itlead::new()
            .args(["assess", "--answers", &full_answers(), flag, "coach,vision"])
            .args(["--format", "json", "--no-save"])
            .ok();
        (result_json(&run), run.stderr)
    };
    let (contrasts, said) = with("--contrasts");
    let (axes, said_with_axes) = with("--axes");
    assert_eq!(
        contrasts.selection,
        Selection::Axes { axes: vec!["direct-coach".into(), "goals-vision".into()] }
    );
    assert_eq!(contrasts.answers, axes.answers);
    assert_eq!(contrasts.axes, axes.axes);
    assert_eq!(said, said_with_axes);
    // One flag, two names: both at once add up, and --quick refuses either.
    let run = Itlead::new()
        .args(["assess", "--answers", &full_answers(), "--axes", "coach", "--contrasts", "vision"])
        .args(["--format", "json", "--no-save"])
        .ok();
    assert_eq!(result_json(&run).selection, contrasts.selection);
    let run = Itlead::new()
        .args(["assess", "--answers", &full_answers(), "--quick", "--contrasts", "vision"])
        .expect_code(2);
    assert!(
        run.stderr.contains("--quick and --axes choose scenarios differently"),
        "{}",
        run.stderr
    );
    let help = Itlead::new().args(["assess", "--help"]).ok().stdout;
    assert!(help.contains("[alias: --contrasts]"), "{help}");
}

#[test]
fn interactive_without_a_terminal_refuses_at_once() {
    let started = std::time::Instant::now();
    let run = Itlead::new().arg("assess").stdin("").expect_code(2);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    assert!(run.stderr.contains("needs a terminal"), "{}", run.stderr);
    assert!(
        run.stderr.contains("itlead questions") && run.stderr.contains("--answers"),
        "{}",
        run.stderr
    );
}

#[test]
fn output_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("me.json");
    let out_str = out.to_str().unwrap();
    let base = [
        "assess",
        "--answers",
        &full_answers(),
        "--format",
        "json",
        "--no-save",
        "--output",
        out_str,
    ];
    Itlead::new().args(base).ok();
    let first = std::fs::read_to_string(&out).unwrap();
    let run = Itlead::new().args(base).expect_code(2);
    assert!(
        run.stderr.contains("already exists") && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), first);
    Itlead::new().args(base).arg("--force").ok();
}

/// The saved result with a fixed creation time, so snapshots are stable.
fn fixed_result_file(dir: &std::path::Path) -> std::path::PathBuf {
    let run = Itlead::new()
        .args(["assess", "--answers", &full_answers(), "--format", "json", "--no-save"])
        .ok();
    let mut result = result_json(&run);
    result.created = "2026-01-02T03:04:05Z".into();
    let path = dir.join("result.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&result).unwrap()).unwrap();
    path
}

#[test]
fn report_snapshots_at_two_widths() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixed_result_file(dir.path());
    for width in [60, 100] {
        let run = Itlead::new()
            .args(["report", path.to_str().unwrap()])
            .env("COLUMNS", &width.to_string())
            .ok();
        assert!(!run.stdout.contains('\u{1b}'));
        for line in run.stdout.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= width, "{width}: {line:?}");
        }
        insta::assert_snapshot!(format!("report_{width}"), run.stdout);
    }
}

#[test]
fn report_in_ascii_for_non_utf8_locales() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixed_result_file(dir.path());
    let run = Itlead::new()
        .args(["report", path.to_str().unwrap()])
        .env("LANG", "C")
        .env("COLUMNS", "80")
        .ok();
    let is_ascii_bar = |line: &&str| {
        let Some(start) = line.find('|') else { return false };
        let Some(length) = line[start + 1..].find('|') else { return false };
        let inside = &line[start + 1..start + 1 + length];
        inside.len() >= 9 && inside.chars().all(|c| matches!(c, '-' | '+' | 'O'))
    };
    let result = ResultDocument::parse("r", &std::fs::read_to_string(&path).unwrap()).unwrap();
    let scored = result.axes.iter().filter(|axis| axis.score.is_some()).count();
    assert_eq!(run.stdout.lines().filter(is_ascii_bar).count(), scored, "{}", run.stdout);
    assert!(run.stdout.is_ascii(), "{}", run.stdout);
}

#[test]
fn a_half_answered_scenario_is_an_error_even_with_partial() {
    let mut answers = answer_all(|_, keys| ranked(keys, 0, 1));
    answers.insert("phishing-test".into(), serde_json::json!({"most": "a", "least": ""}));
    let (_dir, path) = answers_file(answers);
    let run = Itlead::new()
        .args(["assess", "--answers", path.to_str().unwrap(), "--partial", "--no-save"])
        .expect_code(3);
    assert!(run.stderr.contains("the least likely option is missing"), "{}", run.stderr);
    let mut same = answer_all(|_, keys| ranked(keys, 0, 1));
    same.insert("phishing-test".into(), serde_json::json!({"most": "a", "least": "a"}));
    let (_dir, path) = answers_file(same);
    let run = Itlead::new()
        .args(["assess", "--answers", path.to_str().unwrap(), "--no-save"])
        .expect_code(3);
    assert!(run.stderr.contains("cannot be both the most and the least likely"), "{}", run.stderr);
}

#[test]
fn nothing_answered_is_exit_1_and_saves_nothing() {
    let template = Itlead::new().arg("questions").ok().stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.yaml");
    std::fs::write(&path, template).unwrap();
    let itlead = Itlead::new().args(["assess", "--answers", path.to_str().unwrap(), "--partial"]);
    let run = itlead.expect_code(1);
    assert!(run.stderr.contains("nothing is answered"), "{}", run.stderr);
    assert!(!itlead.results_dir().exists(), "no empty result is saved");
    let (_dir, skipped) = answers_file(answer_all(|_, _| serde_json::Value::from("skip")));
    Itlead::new().args(["assess", "--answers", skipped.to_str().unwrap()]).expect_code(1);
}

#[test]
fn seed_and_plain_are_refused_with_answers() {
    for flag in [["--seed", "3"].as_slice(), ["--plain"].as_slice()] {
        let run =
            Itlead::new().args(["assess", "--answers", &full_answers()]).args(flag).expect_code(2);
        assert!(run.stderr.contains("cannot be used with"), "{}", run.stderr);
    }
}

#[test]
fn the_format_follows_the_output_extension() {
    let dir = tempfile::tempdir().unwrap();
    for (name, starts) in [
        ("r.json", "{"),
        ("r.yaml", "schema: itlead.result/2"),
        ("r.md", "# "),
        ("r.html", "<!DOCTYPE html>"),
        ("r.csv", "id,"),
        ("r.txt", "Profile of"),
    ] {
        let out = dir.path().join(name);
        Itlead::new()
            .args([
                "assess",
                "--answers",
                &full_answers(),
                "--no-save",
                "-o",
                out.to_str().unwrap(),
            ])
            .ok();
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.starts_with(starts), "{name}: {text}");
    }
    let out = dir.path().join("clash.json");
    let run = Itlead::new()
        .args([
            "assess",
            "--answers",
            &full_answers(),
            "--no-save",
            "--format",
            "markdown",
            "-o",
            out.to_str().unwrap(),
        ])
        .expect_code(2);
    assert!(run.stderr.contains("does not match the file name"), "{}", run.stderr);
    let saved = dir.path().join("r.json");
    Itlead::new().args(["report", saved.to_str().unwrap()]).ok();
}

#[test]
fn a_choice_between_two_options_takes_one_key() {
    let content = fixture("content/pairs.yaml");
    let content = content.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.yaml");
    std::fs::write(
        &good,
        "answers:\n  outage: b\n  budget: { most: b, least: a }\n  roadmap: { most: b, least: a }\n",
    )
    .unwrap();
    let run = Itlead::new()
        .args(["assess", "--content", content, "--answers", good.to_str().unwrap()])
        .args(["--format", "json", "--no-save"])
        .ok();
    let result = result_json(&run);
    assert_eq!(result.answers["outage"], Answer::most("b"));
    let today = result.axis("today-tomorrow").unwrap();
    // The pair gives one response, the two other scenarios two each.
    assert_eq!(today.responses, 5);
    let bad = dir.path().join("bad.yaml");
    std::fs::write(
        &bad,
        "answers:\n  outage: { most: b, least: a }\n  budget: { most: b, least: a }\n  roadmap: skip\n",
    )
    .unwrap();
    let run = Itlead::new()
        .args(["assess", "--content", content, "--answers", bad.to_str().unwrap(), "--no-save"])
        .expect_code(3);
    assert!(
        run.stderr.contains("bad.yaml:2:")
            && run.stderr.contains("a choice between two options is asked once"),
        "{}",
        run.stderr
    );
}

#[test]
fn messages_name_itlead_as_it_can_be_run() {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let binary = common::binary();
    let hint = |configure: &dyn Fn(&mut std::process::Command)| {
        let itlead = Itlead::new().args(["assess", "--answers", &full_answers()]);
        let mut command = itlead.command();
        command.env("PATH", "/usr/bin:/bin").env_remove("CARGO").env_remove("CARGO_PKG_NAME");
        configure(&mut command);
        let output = command.output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stderr).split_whitespace().collect::<Vec<_>>().join(" ")
    };
    // Installed: by name.
    let installed = hint(&|command| {
        command.env("PATH", common::installed_path());
    });
    assert!(installed.contains("`itlead report latest` shows it again"), "{installed}");
    // Not on PATH, run from elsewhere: the binary's own path.
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = hint(&|command| {
        command.current_dir(elsewhere.path());
    });
    assert!(outside.contains(&format!("`{} report latest`", binary.display())), "{outside}");
    // From within the source tree: the path from here.
    if let Ok(relative) = binary.strip_prefix(manifest) {
        let inside = hint(&|command| {
            command.current_dir(manifest);
        });
        assert!(inside.contains(&format!("`{} report latest`", relative.display())), "{inside}");
    }
    // Through `cargo run`: as it was run.
    let cargo = hint(&|command| {
        command
            .current_dir(manifest)
            .env("CARGO", "cargo")
            .env("CARGO_PKG_NAME", "itlead")
            .env("CARGO_MANIFEST_DIR", manifest)
            .env("CARGO_TARGET_DIR", binary.parent().unwrap().parent().unwrap());
    });
    let run = if binary.parent().unwrap().ends_with("release") {
        "cargo run --release --"
    } else {
        "cargo run --"
    };
    assert!(cargo.contains(&format!("`{run} report latest` shows it again")), "{cargo}");
}
