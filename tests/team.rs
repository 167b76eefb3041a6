//! `itlead team`, `compare` and `history` through the built binary, on the
//! hand-written results in `tests/fixtures/results/`.
//!
//! The team fixtures are five people with these scores (null: unscored):
//!
//! | member | today-tomorrow | goals-vision | status-quo-change | command-cooperate |
//! | --- | ---: | ---: | ---: | ---: |
//! | alice | -80 | 20 | -100 | 0 |
//! | bob | -40 | 45 | -60 | 19 |
//! | carol | 0 | 10 | -20 | -19 |
//! | dave | 30 | 65 | -19 | 5 |
//! | erin | 70 | null | -35 | -5 |
//!
//! Worked by hand (population standard deviation; bands: |score| < 20
//! balanced, 20..59 leaning, 60+ strong):
//!
//! - today-tomorrow: sum -20, mean -4.0; sorted -80 -40 0 30 70, median 0;
//!   deviations -76 -36 4 34 74, squares sum 13720, /5 = 2744, sd 52.38 →
//!   52.4; lean 2 manager (alice, bob), 1 balanced (carol), 2 leader (dave,
//!   erin): both sides.
//! - goals-vision: 4 scores, sum 140, mean 35.0; sorted 10 20 45 65,
//!   median 32.5; squares 225 100 625 900 = 1850, /4 = 462.5, sd 21.51 →
//!   21.5; lean 0 / 1 (carol) / 3: leader side only.
//! - status-quo-change: sum -234, mean -46.8; sorted -100 -60 -35 -20 -19,
//!   median -35; squares 2830.24 174.24 718.24 772.84 139.24 = 4634.8, /5 =
//!   926.96, sd 30.45 → 30.4; -20 leans, -19 is balanced: lean 4 / 1 (dave)
//!   / 0: manager side only.
//! - command-cooperate: sum 0, mean 0.0, median 0; squares 0 361 361 25 25
//!   = 772, /5 = 154.4, sd 12.43 → 12.4; everyone balanced: nobody leans.
//!
//! The compare fixtures: old (1.0.0) → new (1.2.0):
//! today-tomorrow -40 → -10 (+30, leaning manager → balanced), goals-vision
//! 10 → 10 (0, balanced both), status-quo-change 65 → 45 (-20, strong
//! leader → leaning leader); command-cooperate -70 → unscored, copy-unique
//! only in old, direct-coach only in new.

mod common;

use std::path::PathBuf;

use common::{Itlead, fixture};
use itlead::analysis::compare::{CompareDocument, LeftOutReason};
use itlead::analysis::history::HistoryEntry;
use itlead::analysis::team::{Coverage, LeanCounts, TeamAxis, TeamDocument};
use itlead::score::Band;

const MEMBERS: [&str; 5] = ["alice", "bob", "carol", "dave", "erin"];

fn member(name: &str) -> String {
    fixture(&format!("results/team/{name}.json")).display().to_string()
}

fn team_args(extra: &[&str]) -> Vec<String> {
    let mut args = vec!["team".to_owned()];
    args.extend(extra.iter().map(|arg| (*arg).to_owned()));
    args.extend(MEMBERS.iter().map(|name| member(name)));
    args
}

fn team_json(extra: &[&str]) -> TeamDocument {
    let mut args = vec!["--format", "json"];
    args.extend(extra);
    let run = Itlead::new().args(team_args(&args)).ok();
    serde_json::from_str(&run.stdout).expect("team JSON")
}

fn axis<'a>(document: &'a TeamDocument, id: &str) -> &'a TeamAxis {
    document.axes.iter().find(|axis| axis.id == id).unwrap_or_else(|| panic!("no axis {id}"))
}

fn lean(manager: usize, balanced: usize, leader: usize) -> LeanCounts {
    lean_all(manager, balanced, leader, 0)
}

fn lean_all(manager: usize, balanced: usize, leader: usize, uncertain: usize) -> LeanCounts {
    LeanCounts { manager, balanced, leader, uncertain }
}

#[test]
fn team_statistics_match_the_hand_worked_numbers() {
    let team = team_json(&[]);
    assert_eq!(team.content.title, "IT manager and leader contrasts");
    assert_eq!(team.content.versions, ["1.0.0"]);
    assert_eq!((team.files.given, team.files.used, team.files.skipped), (5, 5, 0));
    let ids: Vec<&str> = team.axes.iter().map(|axis| axis.id.as_str()).collect();
    assert_eq!(ids, ["today-tomorrow", "goals-vision", "status-quo-change", "command-cooperate"]);
    // (id, count, mean, median, min, max, spread, lean, coverage)
    let expected = [
        ("today-tomorrow", 5, -4.0, 0.0, -80, 70, 52.4, lean(2, 1, 2), Coverage::Both),
        ("goals-vision", 4, 35.0, 32.5, 10, 65, 21.5, lean(0, 1, 3), Coverage::LeaderOnly),
        (
            "status-quo-change",
            5,
            -46.8,
            -35.0,
            -100,
            -19,
            30.4,
            lean(4, 1, 0),
            Coverage::ManagerOnly,
        ),
        ("command-cooperate", 5, 0.0, 0.0, -19, 19, 12.4, lean(0, 5, 0), Coverage::NoLeaning),
    ];
    for (id, count, mean, median, min, max, spread, lean, coverage) in expected {
        let axis = axis(&team, id);
        assert_eq!(axis.count, count, "{id} count");
        assert_eq!(axis.mean, Some(mean), "{id} mean");
        assert_eq!(axis.median, Some(median), "{id} median");
        assert_eq!(axis.min, Some(min), "{id} min");
        assert_eq!(axis.max, Some(max), "{id} max");
        assert_eq!(axis.spread, Some(spread), "{id} spread");
        assert_eq!(axis.lean, lean, "{id} lean");
        assert_eq!(axis.coverage, coverage, "{id} coverage");
    }
}

#[test]
fn one_sided_axes_are_pointed_out() {
    let team = team_json(&[]);
    assert_eq!(team.one_sided, ["goals-vision", "status-quo-change"]);
    assert_eq!(team.no_leaning, ["command-cooperate"]);
    let text = Itlead::new().args(team_args(&[])).ok().stdout;
    let section = text
        .split("Only one side covered")
        .nth(1)
        .expect("a one-sided section")
        .split("\n\n")
        .next()
        .unwrap();
    assert!(
        section.contains("(goals-vision): 3 lean toward Vision, nobody toward Goals"),
        "{text}"
    );
    assert!(section.contains("(status-quo-change): 4 lean toward Status quo"), "{text}");
    assert!(!section.contains("today-tomorrow"), "{text}");
    assert!(text.contains("Nobody leans either way"), "{text}");
    assert!(text.contains("(command-cooperate): all 5 are balanced"), "{text}");
    assert!(text.contains("a team needs both"), "{text}");
}

#[test]
fn a_team_that_covers_both_sides_is_told_so() {
    let run = Itlead::new().args(["team", &member("alice"), &member("erin")]).ok();
    // alice -80 and erin +70 on today-tomorrow: both sides; but alice +20
    // alone on goals-vision is one-sided, so the section is there.
    assert!(run.stdout.contains("Only one side covered"), "{}", run.stdout);
    let today = run.stdout.lines().find(|line| line.contains("Today ⟷ Tomorrow")).unwrap();
    // n 2, mean (-80 + 70) / 2 = -5.0, median -5.0, sd 75.0
    let cells: Vec<&str> = today.split_whitespace().skip(3).collect();
    assert!(
        cells.starts_with(&["2", "-5.0", "-5.0", "-80", "+70", "75.0", "1", "0", "1", "0"]),
        "{today}"
    );
}

#[test]
fn the_text_table_shows_the_numbers() {
    let text = Itlead::new().args(team_args(&[])).ok().stdout;
    let row = |label: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|line| line.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("no row {label}:\n{text}"));
        line[line.find(label).unwrap() + label.len()..]
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(
        row("Status quo ⟷ Change agent"),
        ["5", "-46.8", "-35.0", "-100", "-19", "30.4", "4", "1", "0", "0"]
    );
    assert_eq!(
        row("Goals ⟷ Vision"),
        ["4", "+35.0", "+32.5", "+10", "+65", "21.5", "0", "1", "3", "0"]
    );
    for line in text.lines() {
        assert!(unicode_width(line) <= 80, "line wider than 80 columns: {line:?}");
    }
}

fn unicode_width(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}

#[test]
fn narrow_terminals_get_lines_that_fit() {
    for columns in ["40", "60"] {
        let text = Itlead::new().env("COLUMNS", columns).args(team_args(&[])).ok().stdout;
        let limit: usize = columns.parse().unwrap();
        for line in text.lines() {
            assert!(unicode_width(line) <= limit, "{columns}: {line:?}");
        }
        assert!(text.contains("-46.8"), "{text}");
    }
}

#[test]
fn no_names_without_the_flag() {
    for format in ["text", "json", "yaml", "markdown", "csv", "html"] {
        let run = Itlead::new().args(team_args(&["--format", format])).ok();
        for name in MEMBERS {
            assert!(!run.stdout.contains(name), "{format} output names {name}:\n{}", run.stdout);
        }
    }
}

#[test]
fn names_show_who_leans_where() {
    let team = team_json(&["--names"]);
    let members = |id: &str| axis(&team, id).members.clone().expect("members");
    let today = members("today-tomorrow");
    assert_eq!(today.manager, ["alice", "bob"]);
    assert_eq!(today.balanced, ["carol"]);
    assert_eq!(today.leader, ["dave", "erin"]);
    let goals = members("goals-vision");
    assert!(goals.manager.is_empty());
    assert_eq!(goals.balanced, ["carol"]);
    assert_eq!(goals.leader, ["alice", "bob", "dave"]);
    let status = members("status-quo-change");
    assert_eq!(status.manager, ["alice", "bob", "carol", "erin"]);
    assert_eq!(status.balanced, ["dave"]);

    let text = Itlead::new().args(team_args(&["--names"])).env("COLUMNS", "100").ok().stdout;
    assert!(text.contains("Who leans where"), "{text}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("manager side: alice, bob · balanced: carol · leader side: dave, erin"),
        "{text}"
    );
}

#[test]
fn broken_files_are_skipped_with_a_warning_and_a_count() {
    let mut args = team_args(&["--format", "json"]);
    args.push(fixture("results/broken/truncated.json").display().to_string());
    args.push(fixture("results/broken/answers-not-result.yaml").display().to_string());
    args.push("no-such-result.json".to_owned());
    let run = Itlead::new().args(&args).ok();
    let warnings: Vec<&str> =
        run.stderr.lines().filter(|line| line.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 4, "{}", run.stderr);
    assert!(warnings[0].contains("truncated.json:7:1"), "{}", run.stderr);
    assert!(warnings[0].ends_with("; skipped"), "{}", run.stderr);
    assert!(
        warnings[1].contains("answers-not-result.yaml")
            && warnings[1].contains("this is an answers file"),
        "{}",
        run.stderr
    );
    assert!(warnings[2].contains("no-such-result.json: no such file"), "{}", run.stderr);
    assert_eq!(warnings[3], "warning: 3 of 8 files skipped");
    let team: TeamDocument = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!((team.files.given, team.files.used, team.files.skipped), (8, 5, 3));
    assert_eq!(axis(&team, "status-quo-change").mean, Some(-46.8));

    let text = Itlead::new()
        .args(args.iter().filter(|arg| !matches!(arg.as_str(), "--format" | "json")))
        .ok()
        .stdout;
    assert!(text.contains("3 of 8 files skipped"), "{text}");
}

#[test]
fn only_broken_files_exit_3() {
    let run = Itlead::new()
        .args([
            "team".to_owned(),
            fixture("results/broken/truncated.json").display().to_string(),
            fixture("results/broken/answers-not-result.yaml").display().to_string(),
        ])
        .expect_code(3);
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(run.stderr.contains("none of the 2 files is a usable itlead result"), "{}", run.stderr);
    let missing = Itlead::new().args(["team", "nothing-here.json"]).expect_code(3);
    assert!(missing.stderr.contains("nothing-here.json: no such file"), "{}", missing.stderr);
}

#[test]
fn results_of_another_major_version_are_set_aside() {
    let mut args = team_args(&["--format", "json"]);
    args.push(fixture("results/compare/major-2.json").display().to_string());
    let run = Itlead::new().args(&args).ok();
    assert!(
        run.stderr
            .contains("major-2.json: made with \"IT manager and leader contrasts\" version 2.0.0"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 of 6 files skipped"), "{}", run.stderr);
    let team: TeamDocument = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(team.files.used, 5);
    assert_eq!(axis(&team, "today-tomorrow").mean, Some(-4.0));
}

#[test]
fn a_directory_counts_every_result_under_it_once() {
    // team/alice.json, team/bob.json, team/more/{carol,dave,erin}.json, and
    // things that are no result: notes, a hidden file, an empty folder.
    let dir = tempfile::tempdir().unwrap();
    let team = dir.path().join("team");
    std::fs::create_dir_all(team.join("more")).unwrap();
    std::fs::create_dir_all(team.join("empty")).unwrap();
    for (index, name) in MEMBERS.iter().enumerate() {
        let folder = if index < 2 { team.clone() } else { team.join("more") };
        std::fs::copy(
            fixture(&format!("results/team/{name}.json")),
            folder.join(format!("{name}.json")),
        )
        .unwrap();
    }
    std::fs::write(team.join("notes.txt"), "not a result").unwrap();
    std::fs::write(team.join(".alice.json.tmp"), "{").unwrap();
    let by_files = team_json(&[]);
    let run = Itlead::new().args(["team", team.to_str().unwrap(), "--format", "json"]).ok();
    let by_dir: TeamDocument = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(by_dir.files.used, 5, "{}", run.stderr);
    assert_eq!(by_dir.files.skipped, 0, "{}", run.stderr);
    assert_eq!(by_dir.axes, by_files.axes);
    // A file named and also inside a named directory counts once.
    let alice = team.join("alice.json");
    let run = Itlead::new()
        .args(["team", team.to_str().unwrap(), alice.to_str().unwrap(), "--format", "json"])
        .ok();
    let twice: TeamDocument = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(twice.files.used, 5, "{}", run.stderr);
    // A directory without results is a mistake in the command line.
    for command in ["team", "stats"] {
        let run =
            Itlead::new().args([command, team.join("empty").to_str().unwrap()]).expect_code(2);
        assert!(run.stderr.contains("empty: no result files"), "{}", run.stderr);
    }
}

#[test]
fn many_files_stream_through_every_worker() {
    // 200 results like each member's, made at different times: every
    // statistic but the counts stays the same (the median of 1000 values is
    // the mean of two equal middles).
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["team".to_owned(), "--format".to_owned(), "json".to_owned()];
    for copy in 0..200 {
        for (index, name) in MEMBERS.iter().enumerate() {
            let path = dir.path().join(format!("{name}-{copy:03}.json"));
            let text =
                std::fs::read_to_string(fixture(&format!("results/team/{name}.json"))).unwrap();
            let mut result: serde_json::Value = serde_json::from_str(&text).unwrap();
            result["created"] =
                format!("2025-01-01T{:02}:{:02}:{index:02}Z", copy / 60, copy % 60).into();
            std::fs::write(&path, serde_json::to_string(&result).unwrap()).unwrap();
            args.push(path.display().to_string());
        }
    }
    let run = Itlead::new().args(&args).ok();
    let team: TeamDocument = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(team.files.used, 1000);
    let today = axis(&team, "today-tomorrow");
    assert_eq!(today.count, 1000);
    assert_eq!(
        (today.mean, today.median, today.min, today.max, today.spread),
        (Some(-4.0), Some(0.0), Some(-80), Some(70), Some(52.4))
    );
    assert_eq!(today.lean, lean(400, 200, 400));
    let copies = vec![member("alice"); 3];
    let run = Itlead::new().arg("team").args(&copies).args(["--format", "json"]).ok();
    let once: TeamDocument = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(once.files.used, 1, "the same file named three times counts once");
    assert!(run.stderr.contains("named more than once; it counts once"), "{}", run.stderr);
    let goals = axis(&team, "goals-vision");
    assert_eq!(goals.count, 800);
    assert_eq!((goals.median, goals.spread), (Some(32.5), Some(21.5)));
}

#[test]
fn team_csv_reads_back() {
    let run = Itlead::new().args(team_args(&["--format", "csv", "--names"])).ok();
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(
        headers,
        [
            "id",
            "theme",
            "manager",
            "leader",
            "count",
            "mean",
            "median",
            "min",
            "max",
            "spread",
            "lean_manager",
            "balanced",
            "lean_leader",
            "uncertain",
            "coverage",
            "manager_members",
            "balanced_members",
            "leader_members",
            "uncertain_members"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let status = &rows[2];
    assert_eq!(&status[0], "status-quo-change");
    assert_eq!(&status[3], "Change agent");
    assert_eq!(&status[5], "-46.8");
    assert_eq!(&status[6], "-35.0");
    assert_eq!(&status[7], "-100");
    assert_eq!(&status[9], "30.4");
    assert_eq!(&status[14], "manager-only");
    assert_eq!(&status[15], "alice;bob;carol;erin");
    let goals = &rows[1];
    assert_eq!(&goals[4], "4");
    assert_eq!(&goals[6], "32.5");
}

#[test]
fn team_markdown_and_html() {
    let markdown = Itlead::new().args(team_args(&["--format", "markdown"])).ok().stdout;
    assert!(
        markdown.contains(
            "| Status quo ⟷ Change agent | 5 | -46.8 | -35.0 | -100 | -19 | 30.4 | 4 | 1 | 0 | 0 | **manager side only** |"
        ),
        "{markdown}"
    );
    assert!(markdown.contains("## Only one side covered"), "{markdown}");
    let html = Itlead::new().args(team_args(&["--format", "html"])).ok().stdout;
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("class=\"mark mean\"") && html.contains("class=\"range\""),
        "mean against range: {html}"
    );
    assert!(html.contains("<style>"), "{html}");
    assert!(!html.contains("src=\"http") && !html.contains("<link"), "{html}");
    assert!(html.trim_end().ends_with("</html>"), "{html}");
}

#[test]
fn team_output_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("team.json");
    let out_text = out.display().to_string();
    let first = Itlead::new().args(team_args(&["--format", "json", "--output", &out_text])).ok();
    assert!(first.stdout.is_empty(), "{}", first.stdout);
    let written = std::fs::read_to_string(&out).unwrap();
    let team: TeamDocument = serde_json::from_str(&written).unwrap();
    assert_eq!(team.files.used, 5);

    let refused = Itlead::new().args(team_args(&["--output", &out_text])).expect_code(2);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);

    let csv = dir.path().join("team.csv");
    let csv_text = csv.display().to_string();
    Itlead::new().args(team_args(&["--output", &csv_text])).ok();
    Itlead::new().args(team_args(&["--output", &csv_text, "--force"])).ok();
    assert!(
        std::fs::read_to_string(&csv).unwrap().starts_with("id,theme,"),
        "the format follows the extension"
    );
}

// ------------------------------------------------------------- compare --

fn compare_fixture(name: &str) -> String {
    fixture(&format!("results/compare/{name}.json")).display().to_string()
}

fn compare_json() -> CompareDocument {
    let run = Itlead::new()
        .args(["compare", &compare_fixture("old"), &compare_fixture("new"), "--format", "json"])
        .ok();
    serde_json::from_str(&run.stdout).expect("compare JSON")
}

#[test]
fn compare_shows_hand_worked_movement_on_shared_axes() {
    let document = compare_json();
    assert_eq!(document.old.content_version, "1.0.0");
    assert_eq!(document.new.content_version, "1.2.0");
    let rows: Vec<(&str, i32, i32, i32, Band, Band, bool)> = document
        .axes
        .iter()
        .map(|movement| {
            (
                movement.id.as_str(),
                movement.old_score,
                movement.new_score,
                movement.delta,
                movement.old_band,
                movement.new_band,
                movement.band_changed,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("today-tomorrow", -40, -10, 30, Band::LeaningManager, Band::Balanced, true),
            ("goals-vision", 10, 10, 0, Band::Balanced, Band::Balanced, false),
            ("status-quo-change", 65, 45, -20, Band::StrongLeader, Band::LeaningLeader, true),
        ]
    );
    let left_out: Vec<(&str, LeftOutReason)> =
        document.left_out.iter().map(|left| (left.id.as_str(), left.reason)).collect();
    assert_eq!(
        left_out,
        [
            ("command-cooperate", LeftOutReason::NotScoredInNew),
            ("copy-unique", LeftOutReason::OnlyInOld),
            ("direct-coach", LeftOutReason::OnlyInNew),
        ]
    );
    let summary = document.summary;
    assert_eq!(
        (
            summary.compared,
            summary.toward_leader,
            summary.toward_manager,
            summary.unchanged,
            summary.band_changes
        ),
        (3, 1, 1, 1, 2)
    );
}

#[test]
fn compare_text_lists_movement_and_what_was_left_out() {
    let text = Itlead::new()
        .args(["compare", &compare_fixture("old"), &compare_fixture("new")])
        .ok()
        .stdout;
    let today = text
        .lines()
        .find(|line| line.trim_start().starts_with("Today ⟷ Tomorrow"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(today.ends_with("-40  -10  +30  no    leaning manager → balanced"), "{today}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Not compared: command-cooperate (no score in"), "{text}");
    assert!(flat.contains("copy-unique (only in"), "{text}");
    assert!(flat.contains("direct-coach (only in"), "{text}");
    assert!(
        flat.contains("No contrast moved beyond noise: every change is within its margins"),
        "margins without standard errors are unknown, so nothing is beyond noise: {text}"
    );
    assert!(text.contains("  real  band"), "{text}");
    for line in text.lines() {
        assert!(unicode_width(line) <= 80, "{line:?}");
    }
}

/// `compare/NAME.json` with `change` applied, written into `dir`.
fn edited_compare_fixture(
    dir: &std::path::Path,
    name: &str,
    change: impl Fn(&mut serde_json::Value),
) -> String {
    let mut result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(compare_fixture(name)).unwrap()).unwrap();
    change(&mut result);
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_string(&result).unwrap()).unwrap();
    path.display().to_string()
}

#[test]
fn compare_shows_mixed_as_the_report_does() {
    let dir = tempfile::tempdir().unwrap();
    // goals-vision was balanced at +10 both times; the earlier +10 came
    // from answers at both ends.
    let old = edited_compare_fixture(dir.path(), "old", |result| {
        result["axes"][1]["mixed"] = true.into();
    });
    let new = compare_fixture("new");
    let json = Itlead::new().args(["compare", &old, &new, "--format", "json"]).ok();
    let document: CompareDocument = serde_json::from_str(&json.stdout).unwrap();
    let goals = &document.axes[1];
    assert_eq!(goals.id, "goals-vision");
    assert!(goals.old_mixed && !goals.new_mixed, "{goals:?}");
    let text = Itlead::new().args(["compare", &old, &new]).env("COLUMNS", "100").ok().stdout;
    let row = text.lines().find(|line| line.trim_start().starts_with("Goals ⟷ Vision")).unwrap();
    assert!(row.ends_with("mixed → balanced"), "{row}");
    let markdown = Itlead::new().args(["compare", &old, &new, "--format", "markdown"]).ok();
    assert!(markdown.stdout.contains("mixed → balanced"), "{}", markdown.stdout);
}

#[test]
fn compare_warns_when_the_results_are_about_different_people() {
    let dir = tempfile::tempdir().unwrap();
    let named = |file: &str, who: &str| {
        let who = who.to_owned();
        edited_compare_fixture(dir.path(), file, move |result| result["name"] = who.clone().into())
    };
    let ada = named("old", "Ada Lovelace");
    let sam = named("new", "Sam Lee");
    let run = Itlead::new().args(["compare", &ada, &sam]).ok();
    assert!(
        run.stderr.contains(
            "warning: these results may be about different people: Ada Lovelace's own answers and Sam Lee's own answers"
        ),
        "{}",
        run.stderr
    );
    let same = named("old", "sam  LEE");
    let run = Itlead::new().args(["compare", &same, &sam]).ok();
    assert!(!run.stderr.contains("different people"), "{}", run.stderr);
}

#[test]
fn unnamed_saved_results_go_by_their_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let in_data = || Itlead::new().env("ITLEAD_DATA_DIR", data.to_str().unwrap());
    let unnamed = std::fs::read_to_string(fixture("answers/full.yaml"))
        .unwrap()
        .replace("name: \"Robin Example\"\n", "");
    assert!(!unnamed.contains("Robin"));
    let answers = dir.path().join("unnamed.yaml");
    std::fs::write(&answers, unnamed).unwrap();
    for _ in 0..2 {
        in_data().args(["assess", "--answers", answers.to_str().unwrap()]).ok();
    }
    let history: serde_json::Value =
        serde_json::from_str(&in_data().args(["history", "--format", "json"]).ok().stdout).unwrap();
    let stems: Vec<String> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            let file = std::path::Path::new(entry["file"].as_str().unwrap());
            file.file_stem().unwrap().to_string_lossy().into_owned()
        })
        .collect();
    assert_eq!(stems.len(), 2);
    // Compare labels them by file name, not by the path in the data directory.
    let compared = in_data().args(["compare", "1", "latest", "--format", "markdown"]).ok();
    assert!(!compared.stdout.contains(data.to_str().unwrap()), "{}", compared.stdout);
    for stem in &stems {
        assert!(compared.stdout.contains(&format!("{stem}.json")), "{}", compared.stdout);
    }
    // History's "who" column falls back to the file's name, which stays
    // when the file column gives way to a narrower table.
    let text = in_data().arg("history").env("COLUMNS", "100").ok().stdout;
    assert!(!text.contains(".json"), "the file column is dropped at 100 columns: {text}");
    for (number, stem) in stems.iter().enumerate() {
        let row = text
            .lines()
            .find(|line| line.starts_with(&format!("  {}  ", number + 1)))
            .unwrap_or_else(|| panic!("{text}"));
        assert!(row.contains(&format!(" {stem} ")), "who: {row}");
    }
}

#[test]
fn compare_refuses_another_major_version() {
    let run = Itlead::new()
        .args(["compare", &compare_fixture("old"), &compare_fixture("major-2")])
        .expect_code(3);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("different major versions")
            && run.stderr.contains("version 1.0.0")
            && run.stderr.contains("version 2.0.0"),
        "{}",
        run.stderr
    );
}

#[test]
fn compare_refuses_another_questionnaire() {
    let run = Itlead::new()
        .args([
            "compare",
            &compare_fixture("old"),
            &compare_fixture("other-questionnaire"),
            "--format",
            "json",
        ])
        .expect_code(3);
    assert!(run.stdout.is_empty());
    assert!(
        run.stderr.contains("different questionnaires")
            && run.stderr.contains("\"Acme engineering leadership check\""),
        "{}",
        run.stderr
    );
}

#[test]
fn compare_with_bad_input_uses_the_exit_codes() {
    Itlead::new().args(["compare", &compare_fixture("old"), "missing.json"]).expect_code(2);
    let broken = Itlead::new()
        .args([
            "compare",
            &compare_fixture("old"),
            &fixture("results/broken/truncated.json").display().to_string(),
        ])
        .expect_code(3);
    assert!(broken.stderr.contains("truncated.json:7:1"), "{}", broken.stderr);
}

#[test]
fn compare_in_csv_markdown_and_html() {
    let run = |format: &str| {
        Itlead::new()
            .args(["compare", &compare_fixture("old"), &compare_fixture("new"), "--format", format])
            .ok()
            .stdout
    };
    let csv_text = run("csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id",
            "theme",
            "manager",
            "leader",
            "old_score",
            "new_score",
            "delta",
            "beyond_noise",
            "old_margin",
            "new_margin",
            "old_band",
            "new_band",
            "band_changed",
            "old_mixed",
            "new_mixed"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        rows[2].iter().collect::<Vec<_>>(),
        [
            "status-quo-change",
            "change",
            "Status quo",
            "Change agent",
            "65",
            "45",
            "-20",
            "false",
            "",
            "",
            "strong-leader",
            "leaning-leader",
            "true",
            "false",
            "false"
        ]
    );
    let markdown = run("markdown");
    assert!(
        markdown
            .contains("| Today ⟷ Tomorrow | -40 | -10 | +30 | no | leaning manager → balanced |"),
        "{markdown}"
    );
    let html = run("html");
    assert!(
        html.contains("class=\"mark before\"") && html.contains(">before</li>"),
        "before and after are told apart: {html}"
    );
    assert!(!html.contains("src=") && !html.contains("<script"), "{html}");
}

#[test]
fn compare_output_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("movement.md");
    std::fs::write(&out, "keep me").unwrap();
    Itlead::new()
        .args([
            "compare",
            &compare_fixture("old"),
            &compare_fixture("new"),
            "--output",
            &out.display().to_string(),
        ])
        .expect_code(2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
}

// ------------------------------------------------------------- history --

fn copy_into(itlead: &Itlead, paths: &[PathBuf]) {
    std::fs::create_dir_all(itlead.results_dir()).unwrap();
    for path in paths {
        std::fs::copy(path, itlead.results_dir().join(path.file_name().unwrap())).unwrap();
    }
}

#[test]
fn history_without_results_says_so() {
    let run = Itlead::new().arg("history").ok();
    assert!(run.stdout.starts_with("No saved results yet"), "{}", run.stdout);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let itlead = Itlead::new().arg("history");
    std::fs::create_dir_all(itlead.results_dir()).unwrap();
    assert!(itlead.ok().stdout.starts_with("No saved results yet"));
}

/// created, content version, mode, clearest manager, clearest leader.
type HistoryRow<'a> = (&'a str, &'a str, &'a str, Option<&'a str>, Option<&'a str>);

#[test]
fn history_lists_results_oldest_first_and_skips_broken_ones() {
    let itlead = Itlead::new().args(["history", "--format", "json"]);
    copy_into(
        &itlead,
        &[
            fixture("results/team/bob.json"),
            fixture("results/compare/new.json"),
            fixture("results/team/alice.json"),
            fixture("results/compare/old.json"),
            fixture("results/broken/truncated.json"),
        ],
    );
    std::fs::write(itlead.results_dir().join("notes.txt"), "not a result").unwrap();
    let run = itlead.ok();
    assert_eq!(
        run.stderr.lines().filter(|line| line.starts_with("warning:")).count(),
        1,
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("truncated.json:7:1"), "{}", run.stderr);
    let entries: Vec<HistoryEntry> = serde_json::from_str(&run.stdout).unwrap();
    let summary: Vec<HistoryRow<'_>> = entries
        .iter()
        .map(|entry| {
            (
                entry.created.as_str(),
                entry.content_version.as_str(),
                entry.mode.as_str(),
                entry.clearest_manager.as_deref(),
                entry.clearest_leader.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "2025-01-10T09:30:00Z",
                "1.0.0",
                "full",
                Some("command-cooperate"),
                Some("status-quo-change")
            ),
            (
                "2025-03-01T09:00:00Z",
                "1.0.0",
                "full",
                Some("status-quo-change"),
                Some("goals-vision")
            ),
            (
                "2025-03-02T10:30:00Z",
                "1.0.0",
                "full",
                Some("status-quo-change"),
                Some("goals-vision")
            ),
            (
                "2025-06-10T15:00:00Z",
                "1.2.0",
                "quick",
                // today-tomorrow is at -10 there: balanced, not a leaning.
                None,
                Some("status-quo-change")
            ),
        ]
    );
    assert!(entries[0].file.ends_with("old.json"), "{}", entries[0].file);
    assert_eq!(entries[1].clearest_manager_pole.as_deref(), Some("Status quo"));
    assert_eq!(entries[1].clearest_leader_pole.as_deref(), Some("Vision"));
}

#[test]
fn history_text_is_a_table_that_fits() {
    for columns in ["100", "80", "50"] {
        let itlead = Itlead::new().env("COLUMNS", columns).arg("history");
        copy_into(
            &itlead,
            &[fixture("results/team/alice.json"), fixture("results/compare/new.json")],
        );
        let text = itlead.ok().stdout;
        assert!(text.starts_with("2 saved results"), "{text}");
        let limit: usize = columns.parse().unwrap();
        for line in text.lines() {
            assert!(unicode_width(line) <= limit, "{columns}: {line:?}");
        }
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("2025-03-01 09:00"), "{text}");
        assert!(flat.contains("Status quo"), "{text}");
    }
}

#[test]
fn thousands_of_copies_give_a_few_warnings_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let alice = std::fs::read_to_string(fixture("results/team/alice.json")).unwrap();
    for index in 0..50 {
        std::fs::write(dir.path().join(format!("copy-{index:02}.json")), &alice).unwrap();
    }
    let run = Itlead::new().args(["team", dir.path().to_str().unwrap()]).ok();
    let warnings: Vec<&str> =
        run.stderr.lines().filter(|line| line.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 22, "{}", run.stderr);
    assert!(warnings[..20].iter().all(|line| line.contains("counts once")), "{}", run.stderr);
    assert_eq!(warnings[20], "warning: … and 29 more warnings");
    assert_eq!(warnings[21], "warning: 49 of 50 files skipped");
    assert!(run.stdout.contains("· 1 member ·"), "{}", run.stdout);
}

/// Copies in both halves of the files (which two threads read): the first
/// copy in file order counts and every later one is named, run after run;
/// with `--names`, who leans where is the same as for the files without
/// the copies.
#[test]
fn the_first_of_two_copies_counts_whichever_thread_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for copy in 0..40 {
        for (index, name) in MEMBERS.iter().enumerate() {
            let text =
                std::fs::read_to_string(fixture(&format!("results/team/{name}.json"))).unwrap();
            let mut result: serde_json::Value = serde_json::from_str(&text).unwrap();
            result["created"] = format!("2025-01-01T00:{copy:02}:{index:02}Z").into();
            result["name"] = format!("{name}-{copy:02}").into();
            let path = dir.path().join(format!("{name}-{copy:02}.json"));
            std::fs::write(&path, serde_json::to_string(&result).unwrap()).unwrap();
            files.push(path.display().to_string());
        }
    }
    let alone = Itlead::new().arg("team").args(&files).args(["--names", "--format", "json"]).ok();
    // Copies of the last files of the second half placed first in the
    // first half, and the reverse: each later copy is the one skipped.
    let mut with_copies = Vec::new();
    for (at, source) in [(0, files.len() - 1), (1, files.len() - 2), (2, 0)] {
        let copy = dir.path().join(format!("copy-{at}.json"));
        std::fs::copy(&files[source], &copy).unwrap();
        with_copies.push((at, copy.display().to_string()));
    }
    let mut arguments = vec![with_copies[0].1.clone(), with_copies[1].1.clone()];
    arguments.extend(files.iter().cloned());
    arguments.push(with_copies[2].1.clone());
    for _ in 0..3 {
        let run =
            Itlead::new().arg("team").args(&arguments).args(["--names", "--format", "json"]).ok();
        let copies: Vec<&str> =
            run.stderr.lines().filter(|line| line.contains("holds the same result")).collect();
        let last = files.len() - 1;
        assert_eq!(
            copies,
            [
                format!(
                    "warning: {} holds the same result as another file; it counts once",
                    files[last - 1]
                ),
                format!(
                    "warning: {} holds the same result as another file; it counts once",
                    files[last]
                ),
                format!(
                    "warning: {} holds the same result as another file; it counts once",
                    with_copies[2].1
                ),
            ],
            "{}",
            run.stderr
        );
        let mut team: TeamDocument = serde_json::from_str(&run.stdout).unwrap();
        let expected: TeamDocument = serde_json::from_str(&alone.stdout).unwrap();
        assert_eq!(team.files.used, expected.files.used);
        team.files = expected.files;
        // Members are listed in file order, and the copies come first.
        let sorted = |mut document: TeamDocument| {
            for axis in &mut document.axes {
                if let Some(members) = &mut axis.members {
                    for side in [
                        &mut members.manager,
                        &mut members.balanced,
                        &mut members.leader,
                        &mut members.uncertain,
                    ] {
                        side.sort();
                    }
                }
            }
            document
        };
        assert_eq!(sorted(team), sorted(expected), "the same team as without the copies");
    }
}
