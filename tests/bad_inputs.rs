//! The catalog of bad inputs (issue 5): every file under
//! `tests/fixtures/bad/` is fed to the built binary, which must refuse it
//! with the right exit code and one clear message that names the file (and
//! the line and column where the format has them), without a panic, a
//! backtrace or a hang. Inputs under `tests/fixtures/good/` (a byte-order
//! mark, CRLF, tabs, non-ASCII text, comments) must work.
//!
//! The rest covers the terminal around the program: a closed pipe on
//! stdout, narrow widths, `TERM=dumb` and a C locale.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Itlead, Run, fixture};
use unicode_width::UnicodeWidthStr;

/// Usage problems: a missing file, a directory.
const USAGE: i32 = 2;
/// Bad data: a file that does not parse or validate.
const DATA: i32 = 3;

/// Any bad input is refused well within this; a hang fails the test.
const PATIENCE: Duration = Duration::from_secs(20);

/// The content file the answers fixtures are written for.
const GOOD_CONTENT: &str = "../good/content/unicode-bom-crlf.yaml";

/// One bad file and what itlead must say about it.
struct Case {
    /// Path under `tests/fixtures/bad/`.
    file: &'static str,
    /// `Some((line, column))` when the message must carry them.
    at: Option<(usize, usize)>,
    /// A phrase the message must contain.
    says: &'static str,
}

const fn case(file: &'static str, at: Option<(usize, usize)>, says: &'static str) -> Case {
    Case { file, at, says }
}

const CONTENT: &[Case] = &[
    case("content/empty.yaml", None, "the file is empty"),
    case("content/comments-only.yaml", Some((3, 1)), "missing field `schema`"),
    case("content/binary.bin", Some((1, 11)), "not valid UTF-8"),
    case("content/latin1.yaml", Some((5, 6)), "not valid UTF-8"),
    case("content/bad-indentation.yaml", Some((3, 3)), "did not find expected key"),
    case("content/unclosed-quote.yaml", Some((3, 11)), "did not find expected key"),
    case("content/syntax.json", Some((5, 12)), "did not find expected node content"),
    case("content/top-level-list.yaml", Some((1, 1)), "invalid type: sequence, expected a mapping"),
    case("content/top-level-scalar.yaml", Some((1, 1)), "expected a mapping"),
    case("content/wrong-types.yaml", Some((3, 9)), "schema: invalid type: string \"one\""),
    case("content/wrong-weight-type.yaml", Some((77, 34)), "invalid type: string \"very\""),
    case("content/unknown-field.yaml", Some((6, 1)), "unknown field `colour`"),
    case("content/duplicate-key.yaml", Some((6, 1)), "duplicate field `title`"),
    case("content/duplicate-weight.yaml", Some((77, 18)), "duplicate key `goals-vision`"),
    case("content/unknown-axis.yaml", Some((77, 20)), "unknown contrast `vison`"),
    case("content/alias-bomb.yaml", Some((5, 9)), "a YAML alias (`*name`) is not accepted"),
    case("content/deep-flow.yaml", Some((4, 267)), "nested more than 64 levels deep"),
];

const ANSWERS: &[Case] = &[
    case("answers/empty.yaml", None, "the file is empty"),
    case("answers/garbage.bin", Some((1, 1)), "not valid UTF-8"),
    case("answers/latin1.yaml", Some((3, 4)), "not valid UTF-8"),
    case("answers/syntax.yaml", Some((3, 11)), "invalid type: sequence, expected an option key"),
    case("answers/syntax.json", Some((3, 29)), "trailing comma"),
    case("answers/top-level-list.json", Some((1, 1)), "expected a mapping"),
    case("answers/wrong-types.yaml", Some((2, 10)), "invalid type: sequence"),
    case(
        "answers/wrong-value-type.yaml",
        Some((3, 12)),
        "unknown field `b`, expected `most` or `least`",
    ),
    case("answers/unknown-field.yaml", Some((3, 1)), "unknown field `notes`"),
    case("answers/unknown-id.yaml", Some((3, 3)), "unknown scenario `no-such-scenario`"),
    case("answers/unknown-option.yaml", Some((3, 3)), "`z` is not an option of `outage`"),
    case("answers/duplicate-key.yaml", Some((5, 3)), "duplicate key `outage`"),
    case("answers/duplicate-key.json", Some((1, 66)), "duplicate key `outage`"),
    case("answers/wrong-schema.yaml", Some((1, 1)), "schema `itlead.answers/9`"),
    case("answers/no-answers.yaml", None, "no `answers` map"),
    case("answers/alias-bomb.yaml", Some((4, 10)), "a YAML alias (`*name`) is not accepted"),
    case("answers/deep-nesting.yaml", Some((2, 265)), "nested more than 64 levels deep"),
    // JSON goes to serde_json, whose own recursion limit is linear and located.
    case("answers/deep-nesting.json", Some((1, 799)), "nested too deeply"),
];

const RESULTS: &[Case] = &[
    case("results/future-schema.json", None, "`itlead.result/9` is not one this itlead reads"),
    case("results/future-schema.yaml", None, "is it from a newer itlead?"),
    case("results/not-a-result.yaml", None, "this is an answers file"),
    case("results/empty.json", None, "the file is empty"),
    case("results/garbage.bin", Some((1, 13)), "not valid UTF-8"),
    case("results/truncated.json", Some((4, 19)), "EOF while parsing"),
    case("results/top-level-list.yaml", Some((1, 1)), "expected a mapping"),
    case("results/no-schema.json", None, "no `schema` field"),
    case("results/wrong-types.json", Some((3, 21)), "invalid type: integer `7`"),
    case("results/unknown-field.json", Some((3, 10)), "unknown field `colour`"),
    case("results/duplicate-key.json", Some((3, 10)), "duplicate field `schema`"),
    case("results/deep-nesting.json", Some((1, 41)), "invalid type: sequence, expected a map"),
    case("results/alias-bomb.yaml", Some((3, 8)), "a YAML alias (`*name`) is not accepted"),
    case("results/score-out-of-range.json", Some((35, 7)), "score 2147483647 is outside -100..100"),
    case("results/counts-do-not-fit.json", Some((26, 7)), "do not fit in 3 scenarios"),
];

/// The catalog directory; commands run there so messages name short paths.
fn bad_dir() -> PathBuf {
    fixture("bad")
}

/// Runs `itlead` in `dir` with `args`, failing if it takes too long.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let started = Instant::now();
    let run = Itlead::new().current_dir(dir).args(args).run();
    assert!(started.elapsed() < PATIENCE, "itlead {args:?} took {:?}", started.elapsed());
    run
}

/// The promises every refusal keeps.
fn assert_refused(run: &Run, what: &str, code: i32) {
    assert_ne!(run.code, 101, "{what}: itlead panicked\n{}", run.stderr);
    assert_eq!(
        run.code, code,
        "{what}: exit code\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    for stream in [&run.stdout, &run.stderr] {
        assert!(!stream.contains("panicked"), "{what}: {stream}");
        assert!(!stream.contains("RUST_BACKTRACE"), "{what}: {stream}");
        assert!(!stream.contains("stack backtrace"), "{what}: {stream}");
    }
    assert!(run.stderr.contains("error: "), "{what}: an error message\n{}", run.stderr);
}

/// Asserts stderr holds one message, and nothing before it.
fn assert_one_message(run: &Run, what: &str) {
    assert!(run.stderr.starts_with("error: "), "{what}: one message on stderr\n{}", run.stderr);
    assert_eq!(run.stderr.matches("error: ").count(), 1, "{what}: one message\n{}", run.stderr);
}

/// Asserts the message names `file`, the place and the problem.
fn assert_names(run: &Run, what: &str, file: &str, case: &Case) {
    let place = match case.at {
        Some((line, column)) => format!("{file}:{line}:{column}: "),
        None => format!("{file}: "),
    };
    assert_one_message(run, what);
    assert!(run.stderr.contains(&place), "{what}: expected `{place}` in\n{}", run.stderr);
    assert!(run.stderr.contains(case.says), "{what}: expected `{}` in\n{}", case.says, run.stderr);
}

#[test]
fn bad_content_files_are_refused_by_check_and_by_content() {
    for case in CONTENT {
        let what = format!("check {}", case.file);
        let run = run_in(&bad_dir(), &["check", case.file]);
        assert_refused(&run, &what, DATA);
        assert_names(&run, &what, case.file, case);

        let what = format!("--content {} list", case.file);
        let run = run_in(&bad_dir(), &["--content", case.file, "list"]);
        assert_refused(&run, &what, DATA);
        assert_names(&run, &what, case.file, case);
        assert!(run.stdout.is_empty(), "{what}: nothing on stdout\n{}", run.stdout);
    }
}

#[test]
fn check_in_json_still_exits_with_the_data_code() {
    let run = run_in(&bad_dir(), &["check", "--format", "json", "content/unknown-axis.yaml"]);
    assert_refused(&run, "check --format json", DATA);
    let problems: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert!(problems.to_string().contains("vison"), "{problems}");
}

#[test]
fn bad_answers_files_are_refused() {
    for case in ANSWERS {
        let what = format!("assess --answers {}", case.file);
        let run = run_in(
            &bad_dir(),
            &["--content", GOOD_CONTENT, "assess", "--answers", case.file, "--no-save"],
        );
        assert_refused(&run, &what, DATA);
        assert_names(&run, &what, case.file, case);
        assert!(run.stdout.is_empty(), "{what}: no report\n{}", run.stdout);
    }
}

#[test]
fn answers_with_unknown_ids_are_refused_against_the_built_in_content() {
    let case = case("answers/unknown-id.yaml", Some((3, 3)), "unknown scenario `no-such-scenario`");
    let run = run_in(&bad_dir(), &["assess", "--answers", case.file, "--no-save"]);
    assert_refused(&run, "built-in content", DATA);
    assert_names(&run, "built-in content", case.file, &case);
}

#[test]
fn bad_result_files_are_refused_by_report() {
    for case in RESULTS {
        let what = format!("report {}", case.file);
        let run = run_in(&bad_dir(), &["report", case.file]);
        assert_refused(&run, &what, DATA);
        assert_names(&run, &what, case.file, case);
        assert!(run.stdout.is_empty(), "{what}: no report\n{}", run.stdout);
    }
}

#[test]
fn a_future_result_is_refused_by_every_command_that_reads_results() {
    let file = "results/future-schema.json";
    for args in [vec!["compare", file, file], vec!["team", file]] {
        let run = run_in(&bad_dir(), &args);
        assert_refused(&run, &format!("{args:?}"), DATA);
        assert!(run.stderr.contains(file), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("itlead.result/2"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn hand_edited_results_are_refused_before_any_rendering() {
    for file in ["results/score-out-of-range.json", "results/counts-do-not-fit.json"] {
        for format in ["text", "json", "yaml", "markdown", "csv", "html"] {
            let run = run_in(&bad_dir(), &["report", file, "--format", format]);
            assert_refused(&run, &format!("report {file} --format {format}"), DATA);
        }
        for args in [vec!["compare", file, file], vec!["team", file, file]] {
            let run = run_in(&bad_dir(), &args);
            assert_refused(&run, &format!("{args:?}"), DATA);
            assert!(run.stderr.contains(&format!("{file}:")), "{args:?}: {}", run.stderr);
        }
    }
}

#[test]
fn a_missing_file_is_a_usage_error() {
    for args in [
        vec!["check", "content/no-such-file.yaml"],
        vec!["--content", "content/no-such-file.yaml", "list"],
        vec!["assess", "--answers", "content/no-such-file.yaml", "--no-save"],
        vec!["report", "content/no-such-file.yaml"],
    ] {
        let run = run_in(&bad_dir(), &args);
        assert_refused(&run, &format!("{args:?}"), USAGE);
        assert!(
            run.stderr.contains("content/no-such-file.yaml: no such file"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn a_directory_is_a_usage_error() {
    for args in [
        vec!["check", "content"],
        vec!["--content", "content", "explain", "vision"],
        vec!["assess", "--answers", "answers", "--no-save"],
        vec!["report", "results"],
    ] {
        let run = run_in(&bad_dir(), &args);
        assert_refused(&run, &format!("{args:?}"), USAGE);
        assert!(run.stderr.contains("is a directory"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn a_file_over_the_limit_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let big = dir.path().join("big.yaml");
    let mut file = std::fs::File::create(&big).expect("create");
    let line = format!("# {}\n", "x".repeat(1021));
    for _ in 0..=(4 * 1024) {
        file.write_all(line.as_bytes()).expect("write");
    }
    drop(file);
    assert!(std::fs::metadata(&big).expect("size").len() > 4 * 1024 * 1024);
    for args in [
        vec!["check", "big.yaml"],
        vec!["assess", "--answers", "big.yaml", "--no-save"],
        vec!["report", "big.yaml"],
    ] {
        let run = run_in(dir.path(), &args);
        assert_refused(&run, &format!("{args:?}"), DATA);
        assert!(run.stderr.contains("big.yaml: "), "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("limit of 4 MiB"), "{args:?}: {}", run.stderr);
    }
}

#[test]
fn deep_block_nesting_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("schema: 1\ntitle: t\nversion: v\nsources:\n");
    for depth in 1..600 {
        text.push_str(&" ".repeat(depth));
        text.push_str(&format!("k{depth}:\n"));
    }
    text.push_str(&" ".repeat(600));
    text.push_str("leaf\n");
    std::fs::write(dir.path().join("deep.yaml"), &text).expect("write");
    let compact = format!("schema: itlead.answers/1\ncontent:\n{}1\n", "- ".repeat(100_000));
    std::fs::write(dir.path().join("compact.yaml"), compact).expect("write");
    let flow = format!("{}{}", "{\"a\": ".repeat(500_000), "}".repeat(500_000));
    std::fs::write(dir.path().join("flow.json"), flow).expect("write");

    let run = run_in(dir.path(), &["check", "deep.yaml"]);
    assert_refused(&run, "deep block", DATA);
    assert!(run.stderr.contains("deep.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("nested more than 64 levels deep"), "{}", run.stderr);
    let run = run_in(dir.path(), &["assess", "--answers", "compact.yaml", "--no-save"]);
    assert_refused(&run, "compact block sequences", DATA);
    assert!(run.stderr.contains("compact.yaml:"), "{}", run.stderr);
    let run = run_in(dir.path(), &["report", "flow.json"]);
    assert_refused(&run, "deep flow", DATA);
    assert!(run.stderr.contains("flow.json:1:"), "{}", run.stderr);
}

#[test]
fn yaml_aliases_are_refused_before_they_expand() {
    // A long anchored text repeated by thousands of aliases: a few
    // hundred kilobytes on disk, hundreds of megabytes once expanded.
    let dir = tempfile::tempdir().expect("temp dir");
    let long = "x".repeat(128 * 1024);
    let mut aliases = String::new();
    for index in 0..3000 {
        aliases.push_str(&format!("  k{index}: *s\n"));
    }
    let answers = format!("schema: itlead.answers/2\nname: &s \"{long}\"\nanswers:\n{aliases}");
    std::fs::write(dir.path().join("answers.yaml"), &answers).expect("write");
    let result = format!("schema: itlead.result/2\nname: &s \"{long}\"\nanswers:\n{aliases}");
    std::fs::write(dir.path().join("result.yaml"), &result).expect("write");
    let list: String = (0..3000).map(|_| "*s, ").collect();
    let content = format!("schema: 2\ntitle: &s \"{long}\"\nversion: v\nsources: [{list}]\n");
    std::fs::write(dir.path().join("content.yaml"), &content).expect("write");
    let cases: [(&[&str], &str); 4] = [
        (&["assess", "--answers", "answers.yaml", "--no-save"], "answers.yaml:4:7: "),
        (&["report", "result.yaml"], "result.yaml:4:7: "),
        (&["team", "result.yaml"], "result.yaml:4:7: "),
        (&["check", "content.yaml"], "content.yaml:4:11: "),
    ];
    for (args, located) in cases {
        let started = Instant::now();
        let run = run_in(dir.path(), args);
        assert_eq!(run.code, DATA, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("{located}a YAML alias (`*name`) is not accepted")),
            "{args:?}: {}",
            &run.stderr[..run.stderr.len().min(600)]
        );
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{args:?} took {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn many_problems_are_listed_up_to_a_limit_and_quickly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::from("schema: itlead.answers/1\nanswers:\n");
    for index in 0..100_000 {
        text.push_str(&format!("  unknown-{index}: a\n"));
    }
    std::fs::write(dir.path().join("many.yaml"), &text).expect("write");
    let run = run_in(dir.path(), &["assess", "--answers", "many.yaml", "--no-save"]);
    assert_refused(&run, "many problems", DATA);
    assert!(run.stderr.contains("many.yaml:3:3: "), "{}", &run.stderr[..400]);
    assert!(run.stderr.contains("99900 more problems not shown"), "{}", run.stderr.len());
    assert!(run.stderr.len() < 100_000, "a short message, not {} bytes", run.stderr.len());
}

#[test]
fn garbage_on_stdin_is_refused() {
    let cases: [(&[u8], &str); 4] = [
        (b"\x00\x01\x02\xff\xfe\xfd", "<stdin>:1:4: the file is not valid UTF-8"),
        (b"", "<stdin>: the file is empty"),
        (b"{\"schema\": \"itlead.answers/1\", \"answers\": {", "<stdin>:1:"),
        (b"- just\n- a list\n", "<stdin>:1:1: invalid type: sequence"),
    ];
    for (bytes, says) in cases {
        let run = Itlead::new().args(["assess", "--answers", "-", "--no-save"]).stdin(bytes).run();
        assert_refused(&run, says, DATA);
        assert!(run.stderr.contains(says), "expected `{says}` in\n{}", run.stderr);
    }
}

#[test]
fn too_much_on_stdin_is_refused_without_reading_it_all() {
    let bytes = vec![b'#'; 5 * 1024 * 1024];
    let run = Itlead::new().args(["assess", "--answers", "-", "--no-save"]).stdin(bytes).run();
    assert_refused(&run, "big stdin", DATA);
    assert!(run.stderr.contains("<stdin>: "), "{}", run.stderr);
    assert!(run.stderr.contains("limit of 4 MiB"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn devices_are_refused_without_reading_and_big_files_at_the_limit() {
    for device in ["/dev/zero", "/dev/urandom"] {
        let run = run_in(&bad_dir(), &["check", device]);
        assert_refused(&run, device, USAGE);
        assert!(run.stderr.contains(&format!("{device}: is a device")), "{}", run.stderr);
    }
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    let file = std::fs::File::create(&big).unwrap();
    file.set_len(5 * 1024 * 1024).unwrap();
    let run = run_in(&bad_dir(), &["check", big.to_str().unwrap()]);
    assert_refused(&run, "a 5 MiB file", DATA);
    assert!(run.stderr.contains("limit of 4 MiB"), "{}", run.stderr);
}

#[test]
fn control_characters_in_a_bad_file_are_not_echoed() {
    let run = run_in(&bad_dir(), &["check", "content/binary.bin"]);
    assert_refused(&run, "binary", DATA);
    let quoted: String = run.stderr.lines().skip(2).take(1).collect();
    assert!(
        !quoted.chars().any(char::is_control),
        "the quoted line holds control characters: {quoted:?}"
    );
}

// ---------------------------------------------------------------------------
// Inputs that must work.

fn good(relative: &str) -> PathBuf {
    fixture("good").join(relative)
}

#[test]
fn good_fixtures_really_hold_a_bom_and_crlf() {
    for file in ["content/unicode-bom-crlf.yaml", "answers/commented.yaml", "answers/partial.json"]
    {
        let bytes = std::fs::read(good(file)).expect("fixture");
        assert!(bytes.starts_with("\u{feff}".as_bytes()), "{file}: byte-order mark");
        assert!(bytes.windows(2).any(|pair| pair == b"\r\n"), "{file}: CRLF");
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert!(
            text.split('\n').all(|line| line.is_empty() || line.ends_with('\r')),
            "{file}: CRLF on every line"
        );
    }
    let content = std::fs::read_to_string(good("content/unicode-bom-crlf.yaml")).expect("fixture");
    assert!(content.contains('\t'), "tabs in text");
    assert!(content.contains("🚀") && content.contains("明日"), "emoji and non-ASCII names");
}

#[test]
fn content_with_bom_crlf_tabs_and_emoji_works() {
    let dir = fixture("good");
    let file = "content/unicode-bom-crlf.yaml";
    let run = run_in(&dir, &["check", file]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("valid"), "{}", run.stdout);
    assert!(run.stdout.contains("Équipe — ünïcödé ✨"), "{}", run.stdout);

    let run = run_in(&dir, &["--content", file, "list"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("明日 🚀"), "{}", run.stdout);
    assert!(run.stdout.contains("Aujourd’hui"), "{}", run.stdout);

    let run = run_in(&dir, &["--content", file, "explain", "today-tomorrow"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("Ünïcödé, émojis 🎯"), "{}", run.stdout);
    assert!(!run.stdout.contains('\r'), "no carriage returns leak into output");

    let run = run_in(&dir, &["--content", file, "explain", "明日"]);
    assert_ne!(run.code, 101, "{}", run.stderr);
}

#[test]
fn answers_with_comments_bom_and_crlf_work() {
    let dir = fixture("good");
    let run = run_in(
        &dir,
        &[
            "--content",
            "content/unicode-bom-crlf.yaml",
            "assess",
            "--answers",
            "answers/commented.yaml",
            "--no-save",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let result: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    assert_eq!(
        result["answers"],
        serde_json::json!({"outage": "b", "budget": "skip", "roadmap": "c"}),
        "{result}"
    );
}

#[test]
fn partial_answers_in_json_with_a_bom_work() {
    let dir = fixture("good");
    let args = [
        "--content",
        "content/unicode-bom-crlf.yaml",
        "assess",
        "--answers",
        "answers/partial.json",
        "--no-save",
        "--format",
        "json",
    ];
    let run = run_in(&dir, &args);
    assert_refused(&run, "partial without --partial", DATA);
    assert!(run.stderr.contains("have no answer"), "{}", run.stderr);

    let run = run_in(&dir, &[&args[..], &["--partial"]].concat());
    assert_eq!(run.code, 0, "{}", run.stderr);
    let result: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON report");
    assert_eq!(result["answers"], serde_json::json!({"outage": "a"}), "{result}");
}

#[test]
fn answers_with_a_bom_on_stdin_work() {
    let text = std::fs::read(good("answers/commented.yaml")).expect("fixture");
    let content = good("content/unicode-bom-crlf.yaml");
    let run = Itlead::new()
        .args(["--content", content.to_str().expect("UTF-8 path")])
        .args(["assess", "--answers", "-", "--no-save", "--format", "json"])
        .stdin(text)
        .run();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("\"outage\": \"b\""), "{}", run.stdout);
}

#[test]
fn saved_results_with_a_bom_and_crlf_are_read_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let content = good("content/unicode-bom-crlf.yaml");
    let answers = good("answers/commented.yaml");
    for format in ["json", "yaml"] {
        let output = dir.path().join(format!("result.{format}"));
        let run = Itlead::new()
            .args(["--content", content.to_str().expect("path")])
            .args(["assess", "--answers", answers.to_str().expect("path"), "--no-save"])
            .args(["--format", format, "--output", output.to_str().expect("path")])
            .run();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let text = std::fs::read_to_string(&output).expect("result written");
        let edited = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        let edited_path = dir.path().join(format!("edited.{format}"));
        std::fs::write(&edited_path, edited).expect("write");
        for path in [&output, &edited_path] {
            let run = Itlead::new()
                .args(["--content", content.to_str().expect("path")])
                .args(["report", path.to_str().expect("path")])
                .run();
            assert_eq!(run.code, 0, "report {}: {}", path.display(), run.stderr);
            assert!(run.stdout.contains("明日 🚀"), "{}", run.stdout);
        }
    }
}

// ---------------------------------------------------------------------------
// Pipes and terminals.

/// Spawns itlead with stdout and stderr piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Itlead::new()
        .command()
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("itlead starts")
}

fn stderr_of(child: std::process::Child) -> (i32, String) {
    let output = child.wait_with_output().expect("itlead runs");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn a_reader_that_stops_after_one_line_is_not_an_error() {
    for args in [&["explain", "--all"][..], &["man"], &["list"], &["completions", "bash"]] {
        let mut child = spawn(args);
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        reader.read_line(&mut line).expect("first line");
        assert!(!line.is_empty(), "{args:?}: a first line");
        drop(reader);
        let (code, stderr) = stderr_of(child);
        assert_eq!(code, 0, "{args:?} | head -1: exit code\n{stderr}");
        assert!(stderr.is_empty(), "{args:?} | head -1: stderr\n{stderr}");
    }
}

#[test]
fn a_pipe_closed_before_anything_is_written_is_not_an_error() {
    for args in [
        &["explain", "--all"][..],
        &["explain", "vision"],
        &["man"],
        &["list", "--format", "json"],
        &["questions"],
        &["check"],
        &["completions", "zsh"],
    ] {
        let mut child = spawn(args);
        drop(child.stdout.take());
        let (code, stderr) = stderr_of(child);
        assert_eq!(code, 0, "{args:?} into a closed pipe: exit code\n{stderr}");
        assert!(stderr.is_empty(), "{args:?} into a closed pipe: stderr\n{stderr}");
    }
}

#[test]
fn a_reader_that_stops_early_in_a_long_history_is_not_an_error() {
    // 1,500 saved results: each format's listing is longer than a pipe holds,
    // so itlead is still writing when the reader goes.
    let itlead = Itlead::new();
    std::fs::create_dir_all(itlead.results_dir()).expect("results directory");
    let saved = std::fs::read(fixture("results/team/alice.json")).expect("fixture");
    for n in 0..1500 {
        std::fs::write(itlead.results_dir().join(format!("{n:04}.json")), &saved).expect("copy");
    }
    for format in ["json", "yaml", "csv", "text"] {
        let mut child = itlead
            .command_with(&["history", "--format", format])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("itlead starts");
        let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
        let mut line = String::new();
        reader.read_line(&mut line).expect("first line");
        assert!(!line.is_empty(), "history --format {format}: a first line");
        drop(reader);
        let (code, stderr) = stderr_of(child);
        assert_eq!(code, 0, "history --format {format} | head -1: exit code\n{stderr}");
        assert!(stderr.is_empty(), "history --format {format} | head -1: stderr\n{stderr}");
    }
}

#[test]
fn a_closed_pipe_after_a_report_is_not_an_error() {
    let content = good("content/unicode-bom-crlf.yaml");
    let answers = good("answers/commented.yaml");
    let mut child = Itlead::new()
        .command()
        .args(["--content", content.to_str().expect("path")])
        .args(["assess", "--answers", answers.to_str().expect("path"), "--no-save"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("itlead starts");
    drop(child.stdout.take());
    let (code, stderr) = stderr_of(child);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

fn widest_line(text: &str) -> (usize, String) {
    text.lines()
        .map(|line| (UnicodeWidthStr::width(line), line.to_owned()))
        .max_by_key(|(width, _)| *width)
        .unwrap_or_default()
}

#[test]
fn forty_columns_are_respected() {
    for args in [&["explain", "vision"][..], &["explain", "--all"], &["explain"], &["list"]] {
        let run = Itlead::new().args(args).env("COLUMNS", "40").run();
        assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
        let (width, line) = widest_line(&run.stdout);
        assert!(width <= 40, "{args:?}: a line of {width} columns: {line:?}");
    }
}

#[test]
fn odd_column_counts_do_not_break_layout() {
    for columns in ["0", "1", "5", "-3", "abc", "", "18446744073709551616", "100000"] {
        for args in [&["explain", "vision"][..], &["list"], &["check"]] {
            let run = Itlead::new().args(args).env("COLUMNS", columns).run();
            assert_eq!(run.code, 0, "COLUMNS={columns:?} {args:?}: {}", run.stderr);
            assert!(!run.stdout.is_empty(), "COLUMNS={columns:?} {args:?}");
            let (width, line) = widest_line(&run.stdout);
            assert!(width <= 100, "COLUMNS={columns:?} {args:?}: {width} columns: {line:?}");
        }
    }
}

#[test]
fn dumb_terminals_and_plain_locales_still_work() {
    let settings: [&[(&str, &str)]; 5] = [
        &[("TERM", "dumb")],
        &[("TERM", "")],
        &[("LANG", "C")],
        &[("LANG", "C"), ("LC_ALL", "C"), ("TERM", "dumb")],
        &[("LANG", "POSIX"), ("LC_ALL", "en_US.ISO-8859-1")],
    ];
    for env in settings {
        for args in [&["explain", "vision"][..], &["list"], &["explain"]] {
            let mut itlead = Itlead::new().args(args);
            for (name, value) in env {
                itlead = itlead.env(name, value);
            }
            let run = itlead.run();
            assert_eq!(run.code, 0, "{env:?} {args:?}: {}", run.stderr);
            assert!(!run.stdout.is_empty(), "{env:?} {args:?}");
            assert!(!run.stdout.contains('\u{1b}'), "{env:?} {args:?}: no escapes into a pipe");
        }
    }
}

#[test]
fn no_term_at_all_still_works() {
    let mut command = Itlead::new().command();
    command.args(["explain", "vision"]).env_remove("TERM").env_remove("LANG");
    let output = command.stdin(Stdio::null()).output().expect("itlead runs");
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(!output.stdout.is_empty());
}

#[test]
fn interactive_assess_without_a_terminal_does_not_wait() {
    let mut child = Itlead::new()
        .command()
        .arg("assess")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("itlead starts");
    let started = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            break;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("itlead assess waited for a terminal");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let mut stderr = String::new();
    child.stderr.take().expect("stderr").read_to_string(&mut stderr).expect("read");
    assert_eq!(child.wait().expect("status").code(), Some(USAGE), "{stderr}");
    assert!(stderr.contains("needs a terminal"), "{stderr}");
}
