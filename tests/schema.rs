//! Every JSON document itlead prints is checked against the JSON Schema
//! shipped in `schemas/`, and read back into its typed struct: results from
//! `assess` (several modes and answer mixes), the hand-written result
//! fixtures, and the documents of `team`, `compare` and `history`. The
//! schemas themselves are checked against the draft 2020-12 meta-schema,
//! and shown to reject documents that are wrong, so a test passing means
//! something.

mod common;

use std::path::{Path, PathBuf};

use common::{Itlead, answer_all, answers_file, fixture, ranked};
use itlead::analysis::compare::CompareDocument;
use itlead::analysis::history::HistoryEntry;
use itlead::analysis::team::TeamDocument;
use itlead::documents::stats::StatsRecord;
use itlead::result::ResultDocument;
use serde_json::{Value, json};

fn schema(name: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(name);
    let text = std::fs::read_to_string(&path).expect("schema file");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema = schema(name);
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|error| panic!("{name} does not compile: {error}"))
}

/// Asserts `instance` is valid, listing every error when it is not.
fn assert_valid(schema_name: &str, instance: &Value) {
    let validator = validator(schema_name);
    let errors: Vec<String> = validator
        .iter_errors(instance)
        .map(|error| format!("{} at {}", error, error.instance_path))
        .collect();
    assert!(errors.is_empty(), "{schema_name}: {errors:#?}\n{instance:#}");
}

fn assert_invalid(schema_name: &str, instance: &Value) {
    assert!(!validator(schema_name).is_valid(instance), "{schema_name} accepted {instance:#}");
}

fn results(directory: &str) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixture(directory))
        .expect("fixture directory")
        .map(|entry| entry.expect("entry").path())
        .collect();
    paths.sort();
    paths
}

/// The answer of a scenario: options by position (most likely, least
/// likely), or a skip.
#[derive(Clone, Copy)]
enum Pick {
    Options(usize, usize),
    Skip,
}

/// Chooses the answer of the scenario at an index.
type Picker = Box<dyn Fn(usize) -> Pick>;

/// Runs `assess` on answers chosen by `pick` (scenario index → answer) and
/// returns stdout.
fn assess(pick: impl Fn(usize) -> Pick, extra: &[&str], format: &str) -> String {
    let answers = answer_all(|index, keys| match pick(index) {
        Pick::Options(most, least) => ranked(keys, most, least),
        Pick::Skip => Value::from("skip"),
    });
    let (_dir, path) = answers_file(answers);
    let mut args = vec![
        "assess".to_owned(),
        "--answers".to_owned(),
        path.display().to_string(),
        "--format".to_owned(),
        format.to_owned(),
        "--no-save".to_owned(),
    ];
    args.extend(extra.iter().map(|arg| (*arg).to_owned()));
    Itlead::new().args(args).ok().stdout
}

#[test]
fn the_schemas_are_valid_draft_2020_12() {
    for name in [
        "result.schema.json",
        "result-v1.schema.json",
        "team.schema.json",
        "compare.schema.json",
        "history.schema.json",
        "check.schema.json",
        "stats.schema.json",
    ] {
        let schema = schema(name);
        assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
        if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
            panic!("{name} is not a valid 2020-12 schema: {error}");
        }
    }
}

#[test]
fn assess_results_match_the_schema_and_parse_back() {
    let cases: [(&str, Picker, &[&str]); 5] = [
        ("all first options", Box::new(|_| Pick::Options(0, 1)), &[]),
        ("all last options", Box::new(|_| Pick::Options(3, 0)), &[]),
        (
            "a mix with skips",
            Box::new(|index| {
                [Pick::Options(0, 3), Pick::Options(1, 2), Pick::Options(2, 0), Pick::Skip]
                    [index % 4]
            }),
            &[],
        ),
        (
            "nearly everything skipped",
            Box::new(|index| if index == 0 { Pick::Options(0, 1) } else { Pick::Skip }),
            &[],
        ),
        ("quick mode", Box::new(|_| Pick::Options(1, 2)), &["--quick"]),
    ];
    for (label, pick, extra) in cases {
        let stdout = assess(pick, extra, "json");
        let value: Value = serde_json::from_str(&stdout).unwrap_or_else(|error| {
            panic!("{label}: not JSON: {error}\n{stdout}");
        });
        assert_valid("result.schema.json", &value);
        let typed: ResultDocument = serde_json::from_value(value).expect(label);
        assert_eq!(typed.schema, "itlead.result/2", "{label}");
        assert_eq!(typed.axes.len(), 13, "{label}");
        let parsed = ResultDocument::parse("stdout", &stdout).expect(label);
        assert_eq!(parsed, typed, "{label}");
    }
}

#[test]
fn axes_mode_results_match_the_schema() {
    let stdout = assess(
        |_| Pick::Options(2, 0),
        &["--axes", "goals-vision", "--axes", "direct-coach"],
        "json",
    );
    let value: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_valid("result.schema.json", &value);
    assert_eq!(
        value["selection"],
        json!({"mode": "axes", "axes": ["goals-vision", "direct-coach"]})
    );
}

#[test]
fn yaml_results_parse_into_the_same_document() {
    let pick = |index: usize| {
        [Pick::Options(3, 1), Pick::Options(0, 2), Pick::Skip, Pick::Options(1, 0)][index % 4]
    };
    let yaml = assess(pick, &[], "yaml");
    let from_yaml: ResultDocument = serde_yaml::from_str(&yaml).expect("YAML result");
    let as_json = serde_json::to_value(&from_yaml).unwrap();
    assert_valid("result.schema.json", &as_json);
    let json_text = assess(pick, &[], "json");
    let mut from_json: ResultDocument = serde_json::from_str(&json_text).unwrap();
    from_json.created.clone_from(&from_yaml.created);
    assert_eq!(from_yaml, from_json);
}

#[test]
fn result_fixtures_match_the_schema() {
    let mut checked = 0;
    for (directory, schema) in [
        ("results/team", "result.schema.json"),
        ("results/compare", "result.schema.json"),
        ("results/v1", "result-v1.schema.json"),
    ] {
        for path in results(directory) {
            let text = std::fs::read_to_string(&path).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            assert_valid(schema, &value);
            let parsed = ResultDocument::parse(&path.display().to_string(), &text)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            // Read back, every result is a current one, and matches the schema.
            assert_valid("result.schema.json", &serde_json::to_value(&parsed).unwrap());
            checked += 1;
        }
    }
    assert_eq!(checked, 11);
}

#[test]
fn the_result_schema_rejects_wrong_documents() {
    let text = std::fs::read_to_string(fixture("results/team/alice.json")).unwrap();
    let good: Value = serde_json::from_str(&text).unwrap();
    let broken = |change: &dyn Fn(&mut Value)| {
        let mut value = good.clone();
        change(&mut value);
        value
    };
    assert_invalid(
        "result.schema.json",
        &broken(&|value| value["schema"] = json!("itlead.result/3")),
    );
    assert_invalid(
        "result.schema.json",
        &broken(&|value| value["axes"][0]["band"] = json!("leaning-leaderish")),
    );
    assert_invalid("result.schema.json", &broken(&|value| value["axes"][0]["score"] = json!(101)));
    assert_invalid("result.schema.json", &broken(&|value| value["axes"][0]["score"] = json!(12.5)));
    assert_invalid(
        "result.schema.json",
        &broken(&|value| value["created"] = json!("last Tuesday")),
    );
    assert_invalid("result.schema.json", &broken(&|value| value["surprise"] = json!(true)));
    assert_invalid(
        "result.schema.json",
        &broken(&|value| {
            value["overall"].as_object_mut().unwrap().remove("clearest_leader");
        }),
    );
}

fn team_files() -> Vec<String> {
    results("results/team").iter().map(|path| path.display().to_string()).collect()
}

#[test]
fn team_documents_match_the_schema_and_parse_back() {
    for names in [false, true] {
        let mut args = vec!["team".to_owned(), "--format".to_owned(), "json".to_owned()];
        if names {
            args.push("--names".to_owned());
        }
        args.extend(team_files());
        let run = Itlead::new().args(&args).ok();
        let value: Value = serde_json::from_str(&run.stdout).expect("team JSON");
        assert_valid("team.schema.json", &value);
        let typed: TeamDocument = serde_json::from_value(value).unwrap();
        assert_eq!(typed.schema, "itlead.team/1");
        assert_eq!(
            typed.axes.iter().all(|axis| axis.members.is_some()),
            names,
            "members only with --names"
        );
        let yaml_args: Vec<String> = args
            .iter()
            .map(|arg| if arg == "json" { "yaml".into() } else { arg.clone() })
            .collect();
        let yaml = Itlead::new().args(&yaml_args).ok().stdout;
        let from_yaml: TeamDocument = serde_yaml::from_str(&yaml).expect("team YAML");
        assert_eq!(from_yaml, typed);
    }
}

#[test]
fn the_team_schema_rejects_wrong_documents() {
    let mut args =
        vec!["team", "--format", "json"].into_iter().map(str::to_owned).collect::<Vec<_>>();
    args.extend(team_files());
    let good: Value = serde_json::from_str(&Itlead::new().args(&args).ok().stdout).unwrap();
    let mut wrong = good.clone();
    wrong["axes"][0]["coverage"] = json!("half");
    assert_invalid("team.schema.json", &wrong);
    let mut wrong = good.clone();
    wrong["axes"][0]["spread"] = json!(-1.0);
    assert_invalid("team.schema.json", &wrong);
    let mut wrong = good;
    wrong["files"]["used"] = json!(0);
    assert_invalid("team.schema.json", &wrong);
}

#[test]
fn compare_documents_match_the_schema_and_parse_back() {
    let old = fixture("results/compare/old.json").display().to_string();
    let new = fixture("results/compare/new.json").display().to_string();
    let run = Itlead::new().args(["compare", &old, &new, "--format", "json"]).ok();
    let value: Value = serde_json::from_str(&run.stdout).expect("compare JSON");
    assert_valid("compare.schema.json", &value);
    let typed: CompareDocument = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(typed.schema, "itlead.compare/1");
    let yaml = Itlead::new().args(["compare", &old, &new, "--format", "yaml"]).ok().stdout;
    let from_yaml: CompareDocument = serde_yaml::from_str(&yaml).expect("compare YAML");
    assert_eq!(from_yaml, typed);
    let mut wrong = value;
    wrong["left_out"][0]["reason"] = json!("forgot");
    assert_invalid("compare.schema.json", &wrong);
}

#[test]
fn history_documents_match_the_schema_and_parse_back() {
    let itlead = Itlead::new();
    let empty: Value =
        serde_json::from_str(&itlead.args(["history", "--format", "json"]).ok().stdout).unwrap();
    assert_eq!(empty, json!([]));
    assert_valid("history.schema.json", &empty);

    let itlead = Itlead::new().args(["history", "--format", "json"]);
    std::fs::create_dir_all(itlead.results_dir()).unwrap();
    for path in results("results/team").into_iter().chain(results("results/compare")) {
        std::fs::copy(&path, itlead.results_dir().join(path.file_name().unwrap())).unwrap();
    }
    let value: Value = serde_json::from_str(&itlead.ok().stdout).expect("history JSON");
    assert_valid("history.schema.json", &value);
    let typed: Vec<HistoryEntry> = serde_json::from_value(value).unwrap();
    assert_eq!(typed.len(), 9);
    assert_eq!(
        typed.iter().map(|entry| entry.number).collect::<Vec<_>>(),
        (1..=9).collect::<Vec<_>>()
    );
    let mut wrong = serde_json::to_value(&typed).unwrap();
    wrong[0]["mode"] = json!("sometimes");
    assert_invalid("history.schema.json", &wrong);
}

#[test]
fn a_saved_result_is_listed_by_history() {
    let (_answers_dir, path) = answers_file(answer_all(|_, keys| ranked(keys, 0, 1)));
    let itlead = Itlead::new().args([
        "assess",
        "--answers",
        &path.display().to_string(),
        "--format",
        "json",
    ]);
    let saved = itlead.ok();
    let result: ResultDocument = serde_json::from_str(&saved.stdout).unwrap();
    let history = Itlead::new();
    std::fs::create_dir_all(history.results_dir()).unwrap();
    for entry in std::fs::read_dir(itlead.results_dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), history.results_dir().join(entry.file_name())).unwrap();
    }
    let listed: Value =
        serde_json::from_str(&history.args(["history", "--format", "json"]).ok().stdout).unwrap();
    assert_valid("history.schema.json", &listed);
    let entries: Vec<HistoryEntry> = serde_json::from_value(listed).unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].created, result.created);
    assert_eq!(entries[0].clearest_manager, result.overall.clearest_manager);
    assert_eq!(entries[0].clearest_leader, result.overall.clearest_leader);
}

#[test]
fn result_csv_reads_back_and_html_draws_self_contained_charts() {
    let csv_text = assess(|index| Pick::Options(index % 2 * 3, 1), &[], "csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|header| header == "score"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 13);
    let json_text = assess(|index| Pick::Options(index % 2 * 3, 1), &[], "json");
    let result: ResultDocument = serde_json::from_str(&json_text).unwrap();
    let score_column = headers.iter().position(|header| header == "score").unwrap();
    for (row, axis) in rows.iter().zip(&result.axes) {
        assert_eq!(&row[0], axis.id);
        assert_eq!(
            row[score_column].to_owned(),
            axis.score.map(|score| score.to_string()).unwrap_or_default()
        );
    }
    let html = assess(|_| Pick::Options(1, 2), &[], "html");
    assert!(html.contains("class=\"chart\"") && html.contains("class=\"mark score\""), "{html}");
    assert!(
        !html.contains("src=")
            && !html.contains("<script")
            && html.matches("href=").count() == html.matches("href=\"#section-").count(),
        "external assets in {html}"
    );
}

#[test]
fn check_documents_match_the_schema() {
    let valid: Value =
        serde_json::from_str(&Itlead::new().args(["check", "--format", "json"]).ok().stdout)
            .unwrap();
    assert_valid("check.schema.json", &valid);
    assert_eq!(valid["valid"], true);
    let old = fixture("content/contrasts-1.0.0.yaml").display().to_string();
    let analysed: Value =
        serde_json::from_str(&Itlead::new().args(["check", &old, "--format", "json"]).ok().stdout)
            .unwrap();
    assert_valid("check.schema.json", &analysed);
    let bad = fixture("bad/content/unknown-axis.yaml").display().to_string();
    let run = Itlead::new().args(["check", &bad, "--format", "json"]).expect_code(3);
    let invalid: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_valid("check.schema.json", &invalid);
    assert_eq!(invalid["valid"], false);
    let mut wrong = valid;
    wrong["design"]["axes"][0]["random_mean"] = json!("none");
    assert_invalid("check.schema.json", &wrong);
}

#[test]
fn stats_documents_match_the_schema_and_parse_back() {
    let dir = tempfile::tempdir().unwrap();
    // Four different answer patterns (positions repeat every four).
    for seed in 0..4 {
        let stdout =
            assess(move |index| Pick::Options(index * 7 + seed, index + seed * 3), &[], "json");
        std::fs::write(dir.path().join(format!("r{seed}.json")), stdout).unwrap();
    }
    let target = dir.path().display().to_string();
    let run = Itlead::new().args(["stats", &target, "--format", "json"]).ok();
    let value: Value = serde_json::from_str(&run.stdout).expect("stats JSON");
    assert_valid("stats.schema.json", &value);
    let typed: StatsRecord = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(typed.results, 4);
    let mut wrong = value;
    wrong["scenarios"][0]["options"][0]["share"] = json!(1.5);
    assert_invalid("stats.schema.json", &wrong);
}
