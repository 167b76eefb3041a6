//! `examples/org-analysis.sql` run by `DuckDB` (its Python package) on
//! results made by the built binary, checked against `itlead team` on the
//! same files: per team folder and for the whole organisation, every figure
//! `team` shows (count, mean, median, lowest, highest, spread, lean counts
//! and coverage) must come out the same.
//!
//! Without Python's `duckdb` package the test is skipped with a message,
//! unless `ITLEAD_REQUIRE_DUCKDB` is set (as CI sets it): then it fails.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Itlead, ranked, scenarios};
use serde::Deserialize;

/// Runs the example script in `root` and prints its two views as JSON.
const DRIVER: &str = r#"
import json, sys
import duckdb
con = duckdb.connect()
for statement in duckdb.extract_statements(open(sys.argv[1]).read()):
    con.execute(statement).fetchall()
out = {}
for view in ("team_contrasts", "organisation_contrasts", "teams"):
    relation = con.sql(f"SELECT * FROM {view}")
    out[view] = [dict(zip(relation.columns, row)) for row in relation.fetchall()]
print(json.dumps(out))
"#;

/// One row of `team_contrasts` or `organisation_contrasts`.
#[derive(Debug, Deserialize)]
struct SqlRow {
    #[serde(default)]
    team: Option<String>,
    contrast: String,
    count: usize,
    mean: f64,
    median: f64,
    min: i32,
    max: i32,
    spread: f64,
    lean_manager: usize,
    lean_balanced: usize,
    lean_leader: usize,
    lean_uncertain: usize,
    coverage: String,
}

/// One row of `teams`.
#[derive(Debug, Deserialize)]
struct SqlTeam {
    team: Option<String>,
    people: usize,
}

#[derive(Debug, Deserialize)]
struct SqlOutput {
    team_contrasts: Vec<SqlRow>,
    organisation_contrasts: Vec<SqlRow>,
    teams: Vec<SqlTeam>,
}

/// The parts of `itlead team --format json` compared.
#[derive(Debug, Deserialize)]
struct TeamView {
    files: Files,
    axes: Vec<TeamAxis>,
}

#[derive(Debug, Deserialize)]
struct Files {
    used: usize,
}

#[derive(Debug, Deserialize)]
struct TeamAxis {
    id: String,
    count: usize,
    mean: Option<f64>,
    median: Option<f64>,
    min: Option<i32>,
    max: Option<i32>,
    spread: Option<f64>,
    lean: Lean,
    coverage: String,
}

#[derive(Debug, Deserialize)]
struct Lean {
    manager: usize,
    balanced: usize,
    leader: usize,
    uncertain: usize,
}

/// Whether Python's duckdb package can be imported; skips (or fails, when
/// CI requires it) otherwise.
fn duckdb_available() -> bool {
    let found = Command::new("python3")
        .args(["-c", "import duckdb"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !found {
        let message = "org-analysis test skipped: Python's duckdb package is missing \
                       (python3 -m pip install duckdb)";
        assert!(std::env::var_os("ITLEAD_REQUIRE_DUCKDB").is_none(), "{message}");
        eprintln!("{message}");
    }
    found
}

/// A small deterministic generator, so the people differ but every run
/// makes the same ones.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 =
            self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from(self.0 >> 33).expect("fits")
    }
}

/// Writes the result of person `person` to `path`: most people answer
/// at random; every third keeps to the same positions, so that some lean
/// clearly and coverage differs between teams.
fn make_result(
    itlead: &Itlead,
    keyed: &[(String, Vec<String>)],
    person: u64,
    path: &Path,
    about: bool,
) {
    let mut random = Lcg(person * 7919 + 17);
    let steady = person.is_multiple_of(3);
    let answers: serde_json::Map<String, serde_json::Value> = keyed
        .iter()
        .map(|(id, keys)| {
            let (most, least) = if steady {
                (usize::try_from(person).expect("small") % 2, 3)
            } else {
                (random.next(), random.next())
            };
            (id.clone(), ranked(keys, most, least))
        })
        .collect();
    let document = serde_json::json!({ "schema": "itlead.answers/2", "answers": answers });
    let answers_path = path.with_extension("answers.json");
    std::fs::write(&answers_path, document.to_string()).expect("answers file");
    let mut args: Vec<String> = vec![
        "assess".into(),
        "--answers".into(),
        answers_path.display().to_string(),
        "--format".into(),
        "json".into(),
        "--no-save".into(),
    ];
    if about {
        args.extend(["--about".into(), "Sam Lee".into(), "--relation".into(), "peer".into()]);
    } else {
        args.extend(["--name".into(), format!("Person {person}")]);
    }
    let run = itlead.command_with(&args).output().expect("itlead runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    std::fs::write(path, &run.stdout).expect("result file");
    std::fs::remove_file(answers_path).expect("answers file removed");
}

fn team_of(itlead: &Itlead, files: &[PathBuf]) -> TeamView {
    let mut args = vec![String::from("team"), String::from("--format"), String::from("json")];
    args.extend(files.iter().map(|file| file.display().to_string()));
    let run = itlead.command_with(&args).output().expect("itlead runs");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    serde_json::from_slice(&run.stdout).expect("team JSON")
}

fn assert_same(where_: &str, sql: &[&SqlRow], team: &TeamView) {
    let scored: Vec<&TeamAxis> = team.axes.iter().filter(|axis| axis.count > 0).collect();
    assert_eq!(sql.len(), scored.len(), "{where_}: contrasts with scores");
    for (row, axis) in sql.iter().zip(&scored) {
        let at = format!("{where_}, {}", axis.id);
        assert_eq!(row.contrast, axis.id, "{at}: order");
        assert_eq!(row.count, axis.count, "{at}: count");
        assert_eq!(Some(row.mean), axis.mean, "{at}: mean");
        assert_eq!(Some(row.median), axis.median, "{at}: median");
        assert_eq!(Some(row.min), axis.min, "{at}: min");
        assert_eq!(Some(row.max), axis.max, "{at}: max");
        assert_eq!(Some(row.spread), axis.spread, "{at}: spread");
        assert_eq!(
            (row.lean_manager, row.lean_balanced, row.lean_leader, row.lean_uncertain),
            (axis.lean.manager, axis.lean.balanced, axis.lean.leader, axis.lean.uncertain),
            "{at}: lean counts"
        );
        assert_eq!(row.coverage, axis.coverage, "{at}: coverage");
    }
}

#[test]
fn the_organisation_script_computes_what_team_computes() {
    if !duckdb_available() {
        return;
    }
    let itlead = Itlead::new();
    let keyed = scenarios();
    let root = tempfile::tempdir().expect("temp dir");
    let sizes = [("data", 3_u64), ("platform", 7), ("support", 5)];
    let mut folders: BTreeMap<&str, Vec<PathBuf>> = BTreeMap::new();
    let mut person = 0;
    for (team, size) in sizes {
        let folder = root.path().join("results").join(team);
        std::fs::create_dir_all(&folder).expect("team folder");
        for _ in 0..size {
            let path = folder.join(format!("person-{person:02}.json"));
            make_result(&itlead, &keyed, person, &path, false);
            folders.entry(team).or_default().push(path);
            person += 1;
        }
    }
    // Someone in two teams: the same result in a second folder counts in
    // both teams and once in the organisation.
    let shared = root.path().join("results/support/z-shared.json");
    std::fs::copy(&folders["data"][0], &shared).expect("copy");
    folders.get_mut("support").expect("support").push(shared);
    // An answer about someone else is left out, as team leaves it out.
    let observer = root.path().join("results/platform/z-about-sam.json");
    make_result(&itlead, &keyed, 99, &observer, true);
    folders.get_mut("platform").expect("platform").push(observer);

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/org-analysis.sql");
    let output = Command::new("python3")
        .args(["-c", DRIVER])
        .arg(&script)
        .current_dir(root.path())
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let sql: SqlOutput = serde_json::from_slice(&output.stdout).expect("driver JSON");

    let mut all_files = Vec::new();
    for (team, files) in &folders {
        let view = team_of(&itlead, files);
        let rows: Vec<&SqlRow> =
            sql.team_contrasts.iter().filter(|row| row.team.as_deref() == Some(*team)).collect();
        assert_same(team, &rows, &view);
        let people = sql.teams.iter().find(|row| row.team.as_deref() == Some(*team));
        assert_eq!(people.map(|row| row.people), Some(view.files.used), "{team}: people");
        all_files.extend(files.iter().cloned());
    }
    let organisation = team_of(&itlead, &all_files);
    assert_eq!(organisation.files.used, 15, "15 people: the copy once, the observer left out");
    let rows: Vec<&SqlRow> = sql.organisation_contrasts.iter().collect();
    assert_same("organisation", &rows, &organisation);
    let everyone = sql.teams.iter().find(|row| row.team.is_none()).map(|row| row.people);
    assert_eq!(everyone, Some(15));
    // The figures differ between teams, so the comparison above is not of
    // one repeated row.
    let means: std::collections::BTreeSet<String> =
        sql.team_contrasts.iter().map(|row| format!("{}", row.mean)).collect();
    assert!(means.len() > 10, "{means:?}");
    let coverages: std::collections::BTreeSet<&str> =
        sql.team_contrasts.iter().map(|row| row.coverage.as_str()).collect();
    assert!(coverages.len() >= 2, "{coverages:?}");
}
