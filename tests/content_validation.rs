//! Every validation rule has a failing fixture: a small valid content file
//! with one mistake, checked through `itlead check`. Each message must name
//! the file and the line of the mistake.

mod common;

use common::{Itlead, fixture};

const MINI: &str = "content/mini.yaml";

/// A broken variant of the mini content: `from` is replaced by `to` (the
/// `nth` occurrence, 0-based), and the problem must be reported on the line
/// where `to` now starts, with a message containing `expected`.
struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
    nth: usize,
    expected: &'static str,
}

#[rustfmt::skip]
const CASES: &[Case] = &[
    Case { name: "unknown schema", from: "schema: 2", to: "schema: 7", nth: 0, expected: "unknown schema version 7" },
    Case { name: "unknown response format", from: "response: most-and-least", to: "response: best", nth: 0, expected: "unknown response format `best`" },
    Case { name: "unknown role", from: "role: lead", to: "role: boss", nth: 0, expected: "unknown role `boss`" },
    Case { name: "observer form without the name", from: "about: \"The team asks {name} what comes next.\"", to: "about: \"The team asks them what comes next.\"", nth: 0, expected: "must name the person rated as `{name}`" },
    Case { name: "observer form with another placeholder", from: "about: \"The team asks {name} what comes next.\"", to: "about: \"The team asks {name} what {what} comes next.\"", nth: 0, expected: "starts no known placeholder" },
    Case { name: "escape sequence in a title", from: "title: \"The outage\"", to: "title: \"The outage\\e]0;pwned\\a\"", nth: 0, expected: "holds the control character `\\e`" },
    Case { name: "direction override in an option", from: "text: \"Share the next sprint's goals.\"", to: "text: \"Share the \\u202Enext sprint's goals.\"", nth: 0, expected: "holds the control character `\\u{202e}`" },
    Case { name: "line break in a title", from: "title: \"The budget\"", to: "title: \"The budget\\n# answers: injected\"", nth: 0, expected: "must be a single line" },
    Case { name: "line break in a pole name", from: "name: Vision", to: "name: \"Vi\\nsion\"", nth: 0, expected: "must be a single line" },
    Case { name: "too many practices", from: "practices: [\"Turn one task into a target.\"]", to: "practices: [\"a\", \"b\", \"c\", \"d\"]", nth: 0, expected: "has 4 practices; give 1 to 3" },
    Case { name: "empty question to discuss", from: "discuss: \"Where are we heading?\"", to: "discuss: \"\"", nth: 0, expected: "discuss: must not be empty" },
    Case { name: "an option weighing four axes", from: "weights: { goals-vision: 1 }", to: "weights: { goals-vision: 1, today-tomorrow: 1, a: 1, b: 1 }", nth: 0, expected: "weighs 4 axes; an option may weigh at most 3" },
    Case { name: "duplicate contrast id", from: "- id: goals-vision", to: "- id: today-tomorrow", nth: 0, expected: "duplicate contrast id `today-tomorrow`" },
    Case { name: "duplicate scenario id", from: "- id: budget", to: "- id: outage", nth: 0, expected: "duplicate scenario id `outage`" },
    Case { name: "malformed id", from: "- id: roadmap", to: "- id: Road_Map", nth: 0, expected: "not kebab-case" },
    Case { name: "unknown axis in weights", from: "weights: { goals-vision: -2 }", to: "weights: { goals-visoin: -2 }", nth: 0, expected: "unknown contrast `goals-visoin` (did you mean `goals-vision`?)" },
    Case { name: "weight out of range", from: "weights: { goals-vision: -2 }", to: "weights: { goals-vision: -5 }", nth: 0, expected: "weight -5 is out of range" },
    Case { name: "duplicate option key", from: "      - key: c\n        text: \"Run a session", to: "      - key: b\n        text: \"Run a session", nth: 0, expected: "duplicate option key `b`" },
    Case { name: "malformed option key", from: "      - key: c\n        text: \"Split", to: "      - key: C3\n        text: \"Split", nth: 0, expected: "must be a single lowercase letter" },
    Case { name: "alias collides with a pole name", from: "aliases: [objectives]", to: "aliases: [objectives, tomorrow]", nth: 0, expected: "`tomorrow` already names contrast `today-tomorrow`" },
    Case { name: "pole name collides", from: "name: Vision", to: "name: Today", nth: 0, expected: "`Today` already names contrast `today-tomorrow`" },
    Case { name: "unknown source", from: "key: notes\n      point: \"Vision", to: "key: nots\n      point: \"Vision", nth: 0, expected: "unknown source `nots` (did you mean `notes`?)" },
    Case { name: "unknown theme", from: "theme: direction", to: "theme: directoin", nth: 1, expected: "unknown theme `directoin`" },
    Case { name: "unknown related axis", from: "related: [today-tomorrow]", to: "related: [tomorow]", nth: 0, expected: "unknown contrast `tomorow`" },
    Case { name: "empty text", from: "explanation: \"How far ahead you look when you decide.\"", to: "explanation: \"\"", nth: 0, expected: "axes[0].explanation: must not be empty" },
    Case { name: "empty summary", from: "summary: \"Sets and measures targets.\"", to: "summary: \"  \"", nth: 0, expected: "axes[1].manager.summary: must not be empty" },
    Case { name: "unknown field", from: "in_it: \"Quarterly", to: "in_itt: \"Quarterly", nth: 0, expected: "unknown field `in_itt`" },
    Case { name: "wrong field type", from: "aliases: [present, future]", to: "aliases: 12", nth: 0, expected: "invalid type" },
    Case { name: "duplicate weight key", from: "weights: { goals-vision: 1 }", to: "weights: { goals-vision: 1, goals-vision: 2 }", nth: 0, expected: "duplicate" },
];

fn mini_text() -> String {
    std::fs::read_to_string(fixture(MINI)).expect("mini fixture")
}

/// Replaces the `nth` occurrence of `from`; returns the text and the 1-based
/// line where the replacement starts.
fn mutate(text: &str, from: &str, to: &str, nth: usize) -> (String, usize) {
    let (index, _) =
        text.match_indices(from).nth(nth).unwrap_or_else(|| panic!("`{from}` not in fixture"));
    let mutated = format!("{}{to}{}", &text[..index], &text[index + from.len()..]);
    let line = text[..index].matches('\n').count() + 1;
    (mutated, line)
}

fn check_file(text: &str) -> (common::Run, std::path::PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, text).unwrap();
    let run = Itlead::new().args(["check", path.to_str().unwrap()]).run();
    (run, path, dir)
}

#[test]
fn the_mini_fixture_is_valid() {
    let run = Itlead::new().args(["check", fixture(MINI).to_str().unwrap()]).ok();
    assert!(run.stdout.contains("valid"), "{}", run.stdout);
    assert!(run.stdout.contains("2 contrasts in 1 theme · 3 scenarios"), "{}", run.stdout);
}

#[test]
fn every_rule_reports_file_and_line() {
    let mut failures = Vec::new();
    for case in CASES {
        let (text, line) = mutate(&mini_text(), case.from, case.to, case.nth);
        let (run, path, _dir) = check_file(&text);
        let place = format!("{}:{line}:", path.display());
        let ok = run.code == 3
            && run.stderr.contains(&place)
            && run.stderr.contains(case.expected)
            && !run.stderr.contains("panicked");
        if !ok {
            failures.push(format!(
                "{}: exit {} (want 3), want `{place}` and `{}` in:\n{}",
                case.name, run.code, case.expected, run.stderr
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_offending_line_is_quoted_with_a_caret() {
    let (text, line) =
        mutate(&mini_text(), "weights: { goals-vision: -2 }", "weights: { goals-visoin: -2 }", 0);
    let (run, _, _dir) = check_file(&text);
    let expected = format!("{line} |         weights: {{ goals-visoin: -2 }}");
    assert!(run.stderr.contains(&expected), "{}", run.stderr);
    assert!(run.stderr.contains('^'), "{}", run.stderr);
}

#[test]
fn all_problems_are_reported_not_just_the_first() {
    let (text, _) = mutate(&mini_text(), "schema: 2", "schema: 9", 0);
    let (text, _) = mutate(&text, "weights: { goals-vision: -2 }", "weights: { nope: -2 }", 0);
    let (text, _) = mutate(&text, "- id: roadmap", "- id: outage", 0);
    let (run, _, _dir) = check_file(&text);
    assert_eq!(run.code, 3);
    for expected in
        ["unknown schema version 9", "unknown contrast `nope`", "duplicate scenario id `outage`"]
    {
        assert!(run.stderr.contains(expected), "missing `{expected}` in:\n{}", run.stderr);
    }
}

#[test]
fn too_few_options_and_too_many() {
    let text = mini_text();
    // The outage scenario keeps only option a.
    let start = text.find("      - key: b\n        text: \"Restore service, then").unwrap();
    let end = text.find("  - id: budget").unwrap();
    let (run, _, _dir) = check_file(&format!("{}{}", &text[..start], &text[end..]));
    assert!(
        run.stderr.contains(
            "has 1 option; a scenario needs 3 to 5 (after the most likely, two must remain"
        ),
        "{}",
        run.stderr
    );

    let extra = ["d", "e", "f"].iter().fold(String::new(), |mut extra, key| {
        extra.push_str(&format!("      - key: {key}\n        text: \"More.\"\n"));
        extra.push_str("        weights: { goals-vision: 1 }\n");
        extra
    });
    let (run, _, _dir) = check_file(&format!("{}{extra}{}", &text[..end], &text[end..]));
    assert!(run.stderr.contains("has 6 options; a scenario needs 3 to 5"), "{}", run.stderr);
}

/// The mini content with option c of the outage left out: a choice
/// between two options.
fn mini_with_a_pair(schema: u32) -> String {
    let text = mini_text().replace("schema: 2", &format!("schema: {schema}"));
    let start = text.find("      - key: c\n        text: \"Restore service and write").unwrap();
    let end = text.find("  - id: budget").unwrap();
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn a_choice_between_two_options_needs_schema_3() {
    let (run, _, _dir) = check_file(&mini_with_a_pair(2));
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("has 2 options; a scenario needs 3 to 5")
            && run.stderr.contains("from `schema: 3` a choice between two options is allowed"),
        "{}",
        run.stderr
    );
    let (run, _, _dir) = check_file(&mini_with_a_pair(3));
    assert_eq!(run.code, 0, "{}", run.stderr);
    // The pair is asked once: one decision between two (4 s), and the two
    // other scenarios two each.
    let (json, _, _dir) = {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pairs.yaml");
        std::fs::write(&path, mini_with_a_pair(3)).unwrap();
        let run = Itlead::new().args(["check", path.to_str().unwrap(), "--format", "json"]).ok();
        (serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap(), path, dir)
    };
    assert_eq!(json["design"]["full"]["decisions"], 5, "{json:#}");
    let today = &json["design"]["axes"][0];
    assert_eq!(today["responses"], 5, "one from the pair, two from each other: {today}");
    // One option less for the random respondent: most-and-least cancels
    // an imbalance; a single pick between two options at opposite ends
    // is balanced by itself.
    assert_eq!(today["random_mean"], 0.0, "{today}");
}

#[test]
fn an_axis_needs_three_scenarios_and_both_directions() {
    let text = mini_text();
    let spare = "  - id: spare-axis\n    theme: direction\n    manager: {name: Left, summary: \"l\"}\n    leader: {name: Right, summary: \"r\"}\n    explanation: \"e\"\n    in_it: \"i\"\n    strengths: {manager: [a], leader: [b]}\n    watch_outs: {manager: [c], leader: [d]}\n    source: {key: notes, point: \"p\"}\n";
    let at = text.find("scenarios:").unwrap();
    let with_spare = format!("{}{spare}{}", &text[..at], &text[at..]);
    // The spare axis gets one positive weight only.
    let (with_weight, _) = mutate(
        &with_spare,
        "weights: { goals-vision: 1 }",
        "weights: { goals-vision: 1, spare-axis: 1 }",
        0,
    );
    let (run, _, _dir) = check_file(&with_weight);
    assert_eq!(run.code, 3, "{}", run.stderr);
    assert!(
        run.stderr.contains("contrast `spare-axis` is moved by 1 scenario; it needs at least 3"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("contrast `spare-axis` cannot move toward the manager (negative) side"),
        "{}",
        run.stderr
    );
    let spare_line =
        with_weight[..with_weight.find("- id: spare-axis").unwrap()].matches('\n').count() + 1;
    assert!(run.stderr.contains(&format!("broken.yaml:{spare_line}:")), "{}", run.stderr);
}

#[test]
fn check_json_lists_problems_with_positions() {
    let (text, line) = mutate(&mini_text(), "schema: 2", "schema: 4", 0);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.yaml");
    std::fs::write(&path, text).unwrap();
    let run =
        Itlead::new().args(["check", "--format", "json", path.to_str().unwrap()]).expect_code(3);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(json["valid"], false);
    assert_eq!(json["problems"][0]["line"], line);
    assert_eq!(json["problems"][0]["column"], 1);
}

#[test]
fn scenario_options_must_differ_and_pull_both_ways() {
    let text = mini_text();
    let options_line = |text: &str, scenario: &str| {
        let at = text.find(&format!("- id: {scenario}")).unwrap();
        let options = at + text[at..].find("options:").unwrap();
        text[..options].matches('\n').count() + 1
    };
    // Every option of `budget` weighs today-tomorrow +1.
    let (same, _) = mutate(
        &text,
        "weights: { goals-vision: -2 }",
        "weights: { goals-vision: -2, today-tomorrow: 1 }",
        0,
    );
    let (same, _) = mutate(
        &same,
        "weights: { goals-vision: 1, today-tomorrow: -1 }",
        "weights: { goals-vision: 1, today-tomorrow: 1 }",
        0,
    );
    let (run, _, _dir) = check_file(&same);
    let place = format!("broken.yaml:{}:", options_line(&same, "budget"));
    assert!(run.stderr.contains(&place), "want {place} in {}", run.stderr);
    assert!(
        run.stderr.contains("every option weighs `today-tomorrow` the same (1)"),
        "{}",
        run.stderr
    );

    // No option of `roadmap` is negative on any axis.
    let (one_way, _) = mutate(
        &text,
        "weights: { goals-vision: -1, today-tomorrow: -2 }",
        "weights: { goals-vision: 1, today-tomorrow: 1 }",
        0,
    );
    let (run, _, _dir) = check_file(&one_way);
    let place = format!("broken.yaml:{}:", options_line(&one_way, "roadmap"));
    assert!(run.stderr.contains(&place), "want {place} in {}", run.stderr);
    assert!(run.stderr.contains("on no contrast do the options pull both ways"), "{}", run.stderr);
}
