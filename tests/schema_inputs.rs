//! The JSON Schemas of what people write and what `explain` and `list`
//! print: answers files (so that editors can complete and check them), and
//! the two lists of contrasts. Each schema is a valid draft 2020-12 schema,
//! accepts what itlead writes and reads, and rejects what itlead refuses.

mod common;

use std::path::Path;

use common::{Itlead, fixture};
use serde_json::{Value, json};

fn validator(name: &str) -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas").join(name);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema", "{name}");
    if let Err(error) = jsonschema::draft202012::meta::validate(&schema) {
        panic!("{name} is not a valid 2020-12 schema: {error}");
    }
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|error| panic!("{name} does not compile: {error}"))
}

fn assert_valid(name: &str, instance: &Value) {
    let errors: Vec<String> = validator(name)
        .iter_errors(instance)
        .map(|error| format!("{error} at {}", error.instance_path))
        .collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}\n{instance:#}");
}

fn json_of(args: &[&str]) -> Value {
    serde_json::from_str(&Itlead::new().args(args).ok().stdout).unwrap()
}

fn yaml_file(path: &Path) -> Value {
    let value: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    serde_json::to_value(value).unwrap()
}

#[test]
fn answers_files_itlead_writes_and_reads_match_the_schema() {
    // The templates, for yourself and about a colleague, in both formats.
    for about in [&[][..], &["--about", "Sam Lee", "--relation", "peer"][..]] {
        let mut args = vec!["questions", "--format", "json"];
        args.extend(about);
        assert_valid("answers.schema.json", &json_of(&args));
        let mut args = vec!["questions"];
        args.extend(about);
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&Itlead::new().args(&args).ok().stdout).unwrap();
        assert_valid("answers.schema.json", &serde_json::to_value(yaml).unwrap());
    }
    // Filled-in files, of this version and of itlead 0.1.
    for file in ["answers/full.yaml", "answers/full-1.0.0.yaml"] {
        assert_valid("answers.schema.json", &yaml_file(&fixture(file)));
    }
    // Every spelling the parser takes, including a scenario asked once.
    assert_valid(
        "answers.schema.json",
        &json!({
            "schema": "itlead.answers/2",
            "name": "Robin",
            "answers": {
                "phishing-test": "skip",
                "monday-vpn": "b d",
                "free-afternoon": "a",
                "churn-dashboard": {"most": "c", "least": "a"},
                "two-way": {"most": "a"},
                "not-yet": {"most": "", "least": ""},
                "later": null
            }
        }),
    );
}

#[test]
fn the_answers_schema_rejects_what_the_parser_refuses() {
    let validator = validator("answers.schema.json");
    for wrong in [
        json!({"answers": {"phishing-test": {"most": "b", "lest": "d"}}}),
        json!({"answers": {"phishing-test": {"most": "B"}}}),
        json!({"answers": {"phishing-test": "b, d"}}),
        json!({"answers": {"Phishing Test": "b"}}),
        json!({"answers": {"phishing-test": 2}}),
        json!({"schema": "itlead.answers/9", "answers": {}}),
        json!({"relation": "friend", "answers": {}}),
        json!({"answers": {}, "colour": "blue"}),
        json!({"name": "Robin"}),
    ] {
        assert!(!validator.is_valid(&wrong), "accepted {wrong}");
        // And itlead refuses them too (except what only the schema knows:
        // an unknown scenario id is refused by itlead for another reason).
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("answers.json");
        std::fs::write(&path, wrong.to_string()).unwrap();
        let run =
            Itlead::new().args(["assess", "--answers", path.to_str().unwrap(), "--no-save"]).run();
        assert_ne!(run.code, 0, "itlead accepted {wrong}");
    }
}

#[test]
fn explain_and_list_match_their_schemas() {
    assert_valid("explain.schema.json", &json_of(&["explain", "--format", "json"]));
    for contrast in ["coach", "vision", "risk"] {
        assert_valid("explain.schema.json", &json_of(&["explain", contrast, "--format", "json"]));
    }
    assert_valid("list.schema.json", &json_of(&["list", "--format", "json"]));
    // The YAML forms are the same documents.
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&Itlead::new().args(["list", "--format", "yaml"]).ok().stdout)
            .unwrap();
    assert_valid("list.schema.json", &serde_json::to_value(yaml).unwrap());

    let list = validator("list.schema.json");
    assert!(!list.is_valid(&json!([{"id": "x", "manager": "A", "leader": "B"}])));
    assert!(
        !list.is_valid(&json!([{"id": "Not Kebab", "manager": "A", "leader": "B", "theme": "t"}]))
    );
    let explain = validator("explain.schema.json");
    let mut one = json_of(&["explain", "coach", "--format", "json"]);
    one.as_object_mut().unwrap().remove("explanation");
    assert!(!explain.is_valid(&one), "an explanation is required");
}
