//! The HTML answer form in a real browser (headless Chromium, driven by
//! `tests/browser/drive.mjs` through playwright-core): a colleague answers
//! with the keyboard and the mouse, reloads, is asked before leaving with
//! unsaved answers, saves, and the saved file scores with `itlead assess
//! --answers` and counts in `itlead feedback`; the page fits 390 px and
//! 1280 px; axe-core finds no violation; a hostile questionnaire runs no
//! script.
//!
//! Needs Chromium (`apt-get install chromium`), node, and `npm ci` in
//! `tests/browser`. Without them each test says so and passes, unless
//! `ITLEAD_REQUIRE_BROWSER` is set (as CI sets it): then it fails.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Itlead, fixture};
use itlead::analysis::feedback::FeedbackDocument;
use itlead::result::{Relation, ResultDocument};

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

fn chromium() -> PathBuf {
    std::env::var_os("ITLEAD_CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from)
}

/// Whether the browser tests can run here; when not, says why, and fails
/// when `ITLEAD_REQUIRE_BROWSER` asks for them.
fn available() -> bool {
    let mut missing = Vec::new();
    if !chromium().exists() {
        missing.push(format!("Chromium ({}; apt-get install chromium)", chromium().display()));
    }
    if Command::new("node").arg("--version").output().is_err() {
        missing.push(String::from("node"));
    }
    for package in ["playwright-core", "axe-core"] {
        if !browser_dir().join("node_modules").join(package).exists() {
            missing.push(format!("{package} (npm ci in tests/browser)"));
        }
    }
    if missing.is_empty() {
        return true;
    }
    let message = format!("browser tests skipped: missing {}", missing.join(", "));
    assert!(std::env::var_os("ITLEAD_REQUIRE_BROWSER").is_none(), "{message}");
    eprintln!("{message}");
    false
}

/// Runs the driver in `mode` on `form` and reads its JSON report.
fn drive(mode: &str, form: &Path, extra: &[&str]) -> serde_json::Value {
    let output = Command::new("node")
        .arg(browser_dir().join("drive.mjs"))
        .arg(mode)
        .arg(form)
        .args(extra)
        .current_dir(browser_dir())
        .env("ITLEAD_CHROMIUM", chromium())
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "drive.mjs {mode} failed:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the driver prints JSON")
}

/// Writes the form `questions` makes with `args` into `dir`.
fn form(dir: &Path, name: &str, args: &[&str]) -> PathBuf {
    let path = dir.join(name);
    Itlead::new()
        .arg("questions")
        .args(args)
        .args(["--format", "html", "-o", path.to_str().unwrap()])
        .ok();
    path
}

/// The driver's report had no script error and asked for nothing from the
/// network.
fn quiet(report: &serde_json::Value) {
    assert_eq!(report["problems"], serde_json::json!([]), "{report:#}");
    assert_eq!(report["requests"], serde_json::json!([]), "nothing leaves the machine: {report:#}");
}

/// Where screenshots go, for a person to look at: kept out of the tree.
fn shots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-shots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_colleague_with_only_a_browser_takes_part_and_counts_in_feedback() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = form(dir.path(), "sam-peer.html", &["--about", "Sam Lee", "--relation", "peer"]);
    let downloads = dir.path().join("downloads");
    std::fs::create_dir(&downloads).unwrap();
    let report = drive("fill", &page, &[downloads.to_str().unwrap(), "1"]);
    quiet(&report);
    assert_eq!(report["file_name"], "answers-about-sam-lee-peer.json");
    assert_eq!(report["same_text"], true, "the text shown is the file saved: {report:#}");
    assert_eq!(
        report["steps"],
        serde_json::json!(["keyboard", "skipped", "restored", "asked before leaving"]),
        "{report:#}"
    );
    assert_eq!(report["asked_after_save"], false, "saved answers leave without a question");
    assert!(report["kept_after_save"].as_u64().unwrap() > 0, "{report:#}");
    assert_eq!(report["kept_after_forget"], 0, "removed from the browser: {report:#}");
    let total = common::scenarios().len();
    assert_eq!(report["progress_before"], format!("{} of {total} answered", total - 1));
    assert_eq!(report["progress_after"], format!("{total} of {total} answered"));
    let warning = report["warning"].as_str().unwrap();
    assert!(warning.starts_with("1 scenario has no answer yet"), "{warning}");
    assert!(report["focused_heading"].as_str().unwrap().starts_with("h-"), "{report:#}");

    // The saved file holds what was chosen, and nobody's name.
    let saved = PathBuf::from(report["saved"].as_str().unwrap());
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(file["answers"], report["expected"]);
    assert_eq!(
        (file["about"].as_str(), file["relation"].as_str()),
        (Some("Sam Lee"), Some("peer"))
    );
    assert!(file.get("name").is_none(), "{file:#}");

    // It scores as any answers file does.
    let run = Itlead::new()
        .args(["assess", "--answers", saved.to_str().unwrap(), "--no-save", "--format", "json"])
        .ok();
    let result = ResultDocument::parse("result", &run.stdout).unwrap();
    let about = result.about.as_ref().unwrap();
    assert_eq!((about.name.as_str(), about.relation), ("Sam Lee", Relation::Peer));
    assert!(result.name.is_none());
    assert_eq!(result.answers.len(), total);

    // And it counts in feedback beside two colleagues who used the YAML
    // template, read straight from the folder of what came back.
    let back = dir.path().join("back");
    std::fs::create_dir(&back).unwrap();
    std::fs::copy(&saved, back.join("answers-about-sam-lee-peer.json")).unwrap();
    for (index, relation) in ["peer", "direct-report"].iter().enumerate() {
        let template = Itlead::new()
            .args(["questions", "--about", "Sam Lee", "--relation", relation])
            .ok()
            .stdout;
        std::fs::write(
            back.join(format!("yaml-{index}.yaml")),
            common::fill_template(&template, index + 2),
        )
        .unwrap();
    }
    let own = dir.path().join("sam.json");
    Itlead::new()
        .args(["assess", "--answers", fixture("answers/full.yaml").to_str().unwrap()])
        .args(["--name", "Sam Lee", "--no-save", "-o", own.to_str().unwrap()])
        .ok();
    let run = Itlead::new()
        .args(["feedback", own.to_str().unwrap(), back.to_str().unwrap(), "--format", "json"])
        .ok();
    let document: FeedbackDocument = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(document.raters.get(&Relation::Peer), Some(&2), "{}", run.stdout);
    assert_eq!(document.raters.get(&Relation::DirectReport), Some(&1));
}

#[test]
fn ones_own_form_and_a_questionnaire_of_pairs() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pairs = fixture("content/pairs.yaml");
    let page = dir.path().join("mine.html");
    Itlead::new()
        .args(["--content", pairs.to_str().unwrap(), "questions", "--format", "html"])
        .args(["-o", page.to_str().unwrap()])
        .ok();
    let downloads = dir.path().join("downloads");
    std::fs::create_dir(&downloads).unwrap();
    let report = drive("fill", &page, &[downloads.to_str().unwrap(), "2"]);
    quiet(&report);
    assert_eq!(report["file_name"], "answers.json");
    assert_eq!(report["name"], "Ana Diaz");
    let saved = PathBuf::from(report["saved"].as_str().unwrap());
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    assert_eq!(file["name"], "Ana Diaz");
    // The pair is answered once, with one key; the others most and least.
    assert!(file["answers"]["outage"].is_string(), "{file:#}");
    assert_eq!(file["answers"], report["expected"]);
    let run = Itlead::new()
        .args([
            "--content",
            pairs.to_str().unwrap(),
            "assess",
            "--answers",
            saved.to_str().unwrap(),
        ])
        .args(["--no-save", "--format", "json"])
        .ok();
    let result = ResultDocument::parse("result", &run.stdout).unwrap();
    assert_eq!(result.name.as_deref(), Some("Ana Diaz"));
    assert!(result.about.is_none());
}

#[test]
fn the_form_fits_a_phone_and_a_desktop() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let page = form(dir.path(), "sam.html", &["--about", "Sam Lee", "--relation", "direct-report"]);
    let report = drive("layout", &page, &[shots().to_str().unwrap()]);
    quiet(&report);
    for width in report["widths"].as_array().unwrap() {
        assert_eq!(width["scroll"], width["viewport"], "no horizontal scrolling: {width:#}");
        assert_eq!(
            width["wide"],
            serde_json::json!([]),
            "nothing wider than the screen: {width:#}"
        );
        assert!(Path::new(width["shot"].as_str().unwrap()).exists());
    }
}

#[test]
fn axe_finds_no_violation() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pairs = fixture("content/pairs.yaml");
    let observer = form(dir.path(), "sam.html", &["--about", "Sam Lee", "--relation", "manager"]);
    let own = dir.path().join("pairs.html");
    Itlead::new()
        .args(["--content", pairs.to_str().unwrap(), "questions", "--format", "html"])
        .args(["-o", own.to_str().unwrap()])
        .ok();
    for page in [observer, own] {
        let report = drive("axe", &page, &[]);
        for result in report["results"].as_array().unwrap() {
            assert_eq!(
                result["violations"],
                serde_json::json!([]),
                "{}: {result:#}",
                page.display()
            );
            assert_eq!(result["problems"], serde_json::json!([]), "{result:#}");
        }
    }
}

#[test]
fn a_hostile_questionnaire_shows_its_markup_as_text_and_runs_none_of_it() {
    if !available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let hostile = fixture("content/hostile-form.yaml");
    let page = dir.path().join("hostile.html");
    Itlead::new()
        .args(["--content", hostile.to_str().unwrap(), "questions", "--format", "html"])
        .args(["--about", "Sam <b>Lee</b>", "--relation", "peer", "-o", page.to_str().unwrap()])
        .ok();
    let report = drive("hostile", &page, &[]);
    quiet(&report);
    assert_eq!(report["pwned"], false, "{report:#}");
    assert_eq!(report["scripts"], 1, "only the form's own script: {report:#}");
    assert_eq!((report["images"].as_u64(), report["handlers"].as_u64()), (Some(0), Some(0)));
    assert_eq!(report["title"], "Questions about Sam <b>Lee</b>");
    assert_eq!(report["headings"][0], "The outage</h2><script>window.pwned=true</script>");
    let options: Vec<&str> =
        report["options"].as_array().unwrap().iter().filter_map(|option| option.as_str()).collect();
    assert!(
        options.contains(
            &"Restore service</label><script>window.pwned=true</script> with the known workaround."
        ),
        "{options:?}"
    );
    assert_eq!(report["progress"], "0 of 3 answered", "the script still runs: {report:#}");
}
