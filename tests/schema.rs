//! Every JSON document itlead prints is checked against the JSON Schema
//! shipped in `schemas/`, and read back into its typed struct: results from
//! `assess` (several modes and answer mixes), the hand-written result
//! fixtures, and the documents of `team`, `compare` and `history`. The
//! schemas themselves are checked against the draft 2020-12 meta-schema,
//! and shown to reject documents that are wrong, so a test passing means
//! something.

mod common;

use std::path::{Path, PathBuf};

use common::{Itlead, fixture};
use itlead::result::ResultDocument;
use itlead::team::{CompareDocument, HistoryEntry, TeamDocument};
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

/// Scenario ids and their option keys, from the answers template.
fn scenarios() -> Vec<(String, Vec<String>)> {
    let run = Itlead::new().args(["questions", "--format", "json"]).ok();
    let template: Value = serde_json::from_str(&run.stdout).expect("template is JSON");
    template["scenarios"]
        .as_array()
        .expect("scenarios array")
        .iter()
        .map(|scenario| {
            let keys = scenario["options"]
                .as_array()
                .expect("options")
                .iter()
                .map(|option| option["key"].as_str().expect("key").to_owned())
                .collect();
            (scenario["id"].as_str().expect("id").to_owned(), keys)
        })
        .collect()
}

/// The answer of a scenario: an option by position (the last one when the
/// position is past the end), or a skip.
#[derive(Clone, Copy)]
enum Pick {
    Option(usize),
    Skip,
}

/// Chooses the answer of the scenario at an index.
type Picker = Box<dyn Fn(usize) -> Pick>;

/// Runs `assess` on answers chosen by `pick` (scenario index → answer) and
/// returns stdout.
fn assess(pick: impl Fn(usize) -> Pick, extra: &[&str], format: &str) -> String {
    let answers: serde_json::Map<String, Value> = scenarios()
        .into_iter()
        .enumerate()
        .map(|(index, (id, keys))| {
            let answer = match pick(index) {
                Pick::Option(position) => keys[position.min(keys.len() - 1)].clone(),
                Pick::Skip => String::from("skip"),
            };
            (id, Value::from(answer))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("answers.json");
    std::fs::write(
        &path,
        serde_json::to_string(&json!({"schema": "itlead.answers/1", "answers": answers})).unwrap(),
    )
    .unwrap();
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
    for name in
        ["result.schema.json", "team.schema.json", "compare.schema.json", "history.schema.json"]
    {
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
        ("all first options", Box::new(|_| Pick::Option(0)), &[]),
        ("all last options", Box::new(|_| Pick::Option(9)), &[]),
        (
            "a mix with skips",
            Box::new(|index| {
                [Pick::Option(0), Pick::Option(1), Pick::Option(2), Pick::Skip][index % 4]
            }),
            &[],
        ),
        ("everything skipped", Box::new(|_| Pick::Skip), &[]),
        ("quick mode", Box::new(|_| Pick::Option(1)), &["--quick", "--partial"]),
    ];
    for (label, pick, extra) in cases {
        let stdout = assess(pick, extra, "json");
        let value: Value = serde_json::from_str(&stdout).unwrap_or_else(|error| {
            panic!("{label}: not JSON: {error}\n{stdout}");
        });
        assert_valid("result.schema.json", &value);
        let typed: ResultDocument = serde_json::from_value(value).expect(label);
        assert_eq!(typed.schema, "itlead.result/1", "{label}");
        assert_eq!(typed.axes.len(), 13, "{label}");
        let parsed = ResultDocument::parse("stdout", &stdout).expect(label);
        assert_eq!(parsed, typed, "{label}");
    }
}

#[test]
fn axes_mode_results_match_the_schema() {
    let stdout = assess(
        |_| Pick::Option(2),
        &["--axes", "goals-vision", "--axes", "direct-coach", "--partial"],
        "json",
    );
    let value: Value = serde_json::from_str(&stdout).expect("JSON");
    assert_valid("result.schema.json", &value);
    assert_eq!(value["mode"], "axes");
}

#[test]
fn yaml_results_parse_into_the_same_document() {
    let pick =
        |index: usize| [Pick::Option(3), Pick::Option(0), Pick::Skip, Pick::Option(1)][index % 4];
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
    for directory in ["results/team", "results/compare"] {
        for path in results(directory) {
            let text = std::fs::read_to_string(&path).unwrap();
            let value: Value = serde_json::from_str(&text).unwrap();
            assert_valid("result.schema.json", &value);
            ResultDocument::parse(&path.display().to_string(), &text)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            checked += 1;
        }
    }
    assert_eq!(checked, 9);
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
        &broken(&|value| value["schema"] = json!("itlead.result/2")),
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
    let mut wrong = serde_json::to_value(&typed).unwrap();
    wrong[0]["mode"] = json!("sometimes");
    assert_invalid("history.schema.json", &wrong);
}

#[test]
fn a_saved_result_is_listed_by_history() {
    let answers: serde_json::Map<String, Value> =
        scenarios().into_iter().map(|(id, _)| (id, Value::from("a"))).collect();
    let answers_dir = tempfile::tempdir().unwrap();
    let path = answers_dir.path().join("answers.json");
    std::fs::write(
        &path,
        serde_json::to_string(&json!({"schema": "itlead.answers/1", "answers": answers})).unwrap(),
    )
    .unwrap();
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
fn result_csv_reads_back_and_html_draws_svg() {
    let csv_text = assess(|index| Pick::Option(index % 2 * 9), &[], "csv");
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|header| header == "score"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 13);
    let json_text = assess(|index| Pick::Option(index % 2 * 9), &[], "json");
    let result: ResultDocument = serde_json::from_str(&json_text).unwrap();
    let score_column = headers.iter().position(|header| header == "score").unwrap();
    for (row, axis) in rows.iter().zip(&result.axes) {
        assert_eq!(&row[0], axis.id);
        assert_eq!(
            row[score_column].to_owned(),
            axis.score.map(|score| score.to_string()).unwrap_or_default()
        );
    }
    let html = assess(|_| Pick::Option(1), &[], "html");
    assert!(html.contains("<svg"), "{html}");
    assert!(!html.contains("src=\"http"), "external assets in {html}");
}
