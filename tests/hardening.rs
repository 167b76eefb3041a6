//! A hostile colleague's files and an unlucky user's machine: text that
//! tries to drive the terminal or a page, concurrent runs, odd targets and
//! sources, permissions, hand-edited results, and files too big to handle.
//! The interactive cases (paste, lock, signals, a redirected stderr) are in
//! `tests/pty_hardening.rs`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Itlead, answer_all, answers_file, binary, fixture, ranked};

/// Escape sequences that set the window title, write the clipboard (OSC
/// 52), clear the screen, and a direction override.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{1b}[2J\u{202e}\u{9b}31m";

/// A result whose every name carries `text`.
fn hostile_result(dir: &Path, name: &str, text: &str, created: &str) -> PathBuf {
    let source = std::fs::read_to_string(fixture("results/team/alice.json")).unwrap();
    let mut result: serde_json::Value = serde_json::from_str(&source).unwrap();
    result["created"] = created.into();
    result["name"] = format!("Eve{text}").into();
    result["content"]["title"] = format!("IT manager and leader contrasts{text}").into();
    for axis in result["axes"].as_array_mut().unwrap() {
        axis["manager"] = format!("M{text}").into();
        axis["leader"] = format!("L{text}").into();
    }
    for theme in result["themes"].as_array_mut().unwrap() {
        theme["name"] = format!("T{text}").into();
    }
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string_pretty(&result).unwrap()).unwrap();
    path
}

fn assert_inert(what: &str, text: &str) {
    for control in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}'] {
        assert!(!text.contains(control), "{what} passes {control:?} through:\n{text:?}");
    }
}

#[test]
fn text_in_a_result_is_refused_with_its_place_before_any_format_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let evil = hostile_result(dir.path(), "evil.json", HOSTILE, "2025-01-01T00:00:00Z");
    let good = dir.path().join("good.json");
    std::fs::copy(fixture("results/team/alice.json"), &good).unwrap();
    let (evil, good) = (evil.to_str().unwrap(), good.to_str().unwrap());
    for args in [
        vec!["report", evil],
        vec!["report", evil, "--format", "csv"],
        vec!["report", evil, "--format", "json"],
        vec!["report", evil, "--format", "markdown"],
        vec!["team", evil, "--names", "--format", "csv"],
        vec!["compare", evil, good],
    ] {
        let run = Itlead::new().args(&args).env("COLUMNS", "100").expect_code(3);
        assert_inert(&format!("{args:?} stdout"), &run.stdout);
        assert_inert(&format!("{args:?} stderr"), &run.stderr);
        assert!(run.stdout.is_empty(), "{args:?} wrote from a hostile result:\n{}", run.stdout);
        // Every field is named with its line and column, the escape shown as text.
        for field in ["content.title", "axes[0].manager", "axes[0].leader", "themes[0].name"] {
            let shown = run.stderr.lines().any(|line| {
                line.starts_with(&format!("{evil}:"))
                    && line.contains(&format!(": {field}: holds the control character `\\e`"))
            });
            assert!(shown || args[0] == "team", "{args:?}: {field} not located:\n{}", run.stderr);
        }
    }
    // `team` over a directory leaves the hostile result out and says so;
    // the CSV a spreadsheet opens holds not one escape.
    let out = tempfile::tempdir().unwrap();
    let csv = out.path().join("team.csv");
    let run =
        Itlead::new().args(["team", evil, good, "--names", "--output", csv.to_str().unwrap()]).ok();
    assert!(run.stderr.contains("evil.json"), "{}", run.stderr);
    assert_inert("team stderr", &run.stderr);
    let written = std::fs::read_to_string(&csv).unwrap();
    assert_inert("team.csv", &written);
    assert!(!written.contains("Eve"), "{written}");
    // A line break in a name would forge report lines: refused too.
    let forged =
        hostile_result(dir.path(), "forged.json", "\nLeader: everyone", "2025-03-01T00:00:00Z");
    let run = Itlead::new().args(["report", forged.to_str().unwrap()]).expect_code(3);
    assert!(
        run.stderr.contains("name: a name is up to 100 characters on one line"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("must be a single line, but has a line break"), "{}", run.stderr);
    // And `history` skips such a file in the results directory with a warning.
    let itlead = Itlead::new().arg("history");
    std::fs::create_dir_all(itlead.results_dir()).unwrap();
    std::fs::copy(evil, itlead.results_dir().join("evil.json")).unwrap();
    let run = itlead.ok();
    assert_inert("history", &run.stdout);
    assert_inert("history", &run.stderr);
    assert!(run.stderr.contains("evil.json:74:3: name: a name is up to"), "{}", run.stderr);
}

#[test]
fn every_text_field_of_a_result_is_checked() {
    type Change = fn(&mut serde_json::Value, &str);
    let fields: [(&str, Change); 9] = [
        ("itlead_version", |r, t| r["itlead_version"] = t.into()),
        ("created", |r, t| r["created"] = t.into()),
        ("name", |r, t| r["name"] = t.into()),
        ("content.version", |r, t| r["content"]["version"] = t.into()),
        ("content.hash", |r, t| r["content"]["hash"] = t.into()),
        ("axes[1].id", |r, t| r["axes"][1]["id"] = t.into()),
        ("axes[1].theme", |r, t| r["axes"][1]["theme"] = t.into()),
        ("themes[1].id", |r, t| r["themes"][1]["id"] = t.into()),
        ("answers.outage", |r, t| r["answers"]["outage"] = t.into()),
    ];
    for (field, change) in fields {
        for text in ["x\u{1b}]0;t\u{7}", "x\u{202e}", "x\u{9b}"] {
            let (_dir, path) = edited(|result| change(result, text));
            let run = Itlead::new().args(["report", path.to_str().unwrap()]).expect_code(3);
            assert!(run.stderr.contains(&format!(": {field}: ")), "{field}:\n{}", run.stderr);
            assert_inert(field, &run.stderr);
        }
    }
}

#[test]
fn text_from_results_never_starts_a_markdown_block() {
    let dir = tempfile::tempdir().unwrap();
    for (title, raw) in
        [("# Pwned heading", "# Pwned"), ("    indented", "    indented"), ("1) x", "1) x")]
    {
        let (_dir, path) = edited(|result| result["content"]["title"] = title.into());
        let copy = dir.path().join("titled.json");
        std::fs::copy(&path, &copy).unwrap();
        for args in [
            vec!["report", copy.to_str().unwrap(), "--format", "markdown"],
            vec!["team", copy.to_str().unwrap(), "--format", "markdown"],
            vec!["compare", copy.to_str().unwrap(), copy.to_str().unwrap(), "--format", "markdown"],
        ] {
            let run = Itlead::new().args(&args).ok();
            assert!(
                !run.stdout.lines().any(|line| line.starts_with(raw)),
                "{args:?} lets `{title}` start a block:\n{}",
                run.stdout
            );
        }
    }
}

#[test]
fn answers_files_cannot_drive_the_terminal_through_error_messages() {
    let mut answers = answer_all(|_, keys| ranked(keys, 0, 1));
    answers.insert("phishing-test".into(), serde_json::json!({"most": HOSTILE, "least": "a"}));
    answers.insert(format!("x{HOSTILE}"), serde_json::json!("a"));
    let (_dir, path) = answers_file(answers);
    let run = Itlead::new().args(["assess", "--answers", path.to_str().unwrap()]).expect_code(3);
    assert_inert("answers error", &run.stderr);
    assert!(run.stderr.contains("is not an option of `phishing-test`"), "{}", run.stderr);
    // So is a name in the file, with its place.
    let (dir, _) = answers_file(serde_json::Map::new());
    let path = dir.path().join("named.json");
    let document = serde_json::json!({
        "schema": "itlead.answers/2",
        "name": format!("Eve{HOSTILE}"),
        "answers": answer_all(|_, keys| ranked(keys, 0, 1)),
    });
    std::fs::write(&path, document.to_string()).unwrap();
    let run = Itlead::new().args(["assess", "--answers", path.to_str().unwrap()]).expect_code(3);
    assert_inert("name in an answers file", &run.stderr);
    assert!(run.stderr.contains("a name is up to 100 characters on one line"), "{}", run.stderr);
    // A name given on the command line is refused, not echoed raw.
    let run = Itlead::new()
        .args(["assess", "--answers", path.to_str().unwrap(), "--name", &format!("a{HOSTILE}")])
        .expect_code(2);
    assert_inert("--name error", &run.stderr);
}

#[test]
fn every_text_field_of_an_answers_file_is_refused_with_its_place() {
    let (dir, _) = answers_file(serde_json::Map::new());
    for (field, value) in [
        ("name", serde_json::json!({"name": format!("Eve{HOSTILE}")})),
        ("name", serde_json::json!({"name": "Eve\nLeader: everyone"})),
        ("about", serde_json::json!({"about": "Sam\u{202e}", "relation": "peer"})),
        ("relation", serde_json::json!({"about": "Sam", "relation": format!("peer{HOSTILE}")})),
        ("schema", serde_json::json!({"schema": format!("itlead.answers/9{HOSTILE}")})),
    ] {
        let mut document = serde_json::json!({
            "schema": "itlead.answers/2",
            "answers": answer_all(|_, keys| ranked(keys, 0, 1)),
        });
        for (key, text) in value.as_object().unwrap() {
            document[key] = text.clone();
        }
        let path = dir.path().join("answers.yaml");
        std::fs::write(&path, serde_yaml::to_string(&document).unwrap()).unwrap();
        let run =
            Itlead::new().args(["assess", "--answers", path.to_str().unwrap()]).expect_code(3);
        assert_inert(field, &run.stderr);
        let place = format!("{}:", path.display());
        assert!(
            run.stderr
                .lines()
                .any(|line| line.contains(&place) && line.contains(&format!(": {field}"))),
            "{field} is located: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{field}: nothing scored");
    }
}

#[test]
fn content_with_control_characters_is_refused_before_anything_is_shown() {
    let text = std::fs::read_to_string(fixture("content/mini.yaml")).unwrap();
    let evil = text.replace("name: Today", "name: \"Today\\e]52;c;cm0gLXJmIH4=\\a\"");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.yaml");
    std::fs::write(&path, evil).unwrap();
    for args in [vec!["explain", "today"], vec!["list"], vec!["questions"]] {
        let run =
            Itlead::new().arg("--content").arg(path.to_str().unwrap()).args(&args).expect_code(3);
        assert_inert(&format!("{args:?}"), &run.stderr);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains("holds the control character `\\e`"), "{}", run.stderr);
    }
    let run = Itlead::new().args(["check", path.to_str().unwrap()]).expect_code(3);
    assert_inert("check", &run.stderr);
}

/// What a page may never contain when it shows `text` from a file: an
/// HTML tag or a link that is not escaped.
fn assert_no_live_markup(what: &str, page: &str, markdown: bool) {
    let lower = page.to_lowercase();
    let live_forms: &[&str] = if markdown {
        &["<script", "<img", "<iframe", "](javascript:"]
    } else {
        &["<script", "<img", "<iframe", "\"javascript:", "href="]
    };
    for live in live_forms {
        for (at, _) in lower.match_indices(live) {
            let escaped = markdown && lower[..at].ends_with('\\');
            // The table of contents links to the page's own sections.
            let contents = lower[at..].starts_with("href=\"#section-");
            assert!(escaped || contents, "{what} carries a live {live}:\n{page}");
        }
    }
}

#[test]
fn markdown_and_html_cannot_carry_live_markup_and_tables_keep_their_shape() {
    let payload = "<script>alert(1)</script><img src=x onerror=alert(1)><iframe src=x>[x](javascript:alert(1))`|` |";
    let dir = tempfile::tempdir().unwrap();
    let old = hostile_result(dir.path(), "old.json", payload, "2025-01-01T00:00:00Z");
    let named = dir.path().join("<img src=x onerror=alert(1)>.json");
    std::fs::copy(hostile_result(dir.path(), "b.json", payload, "2025-02-01T00:00:00Z"), &named)
        .unwrap();
    let (old, named) = (old.to_str().unwrap(), named.to_str().unwrap());
    for (args, format) in [
        (vec!["report", old], "markdown"),
        (vec!["team", old, named, "--names"], "markdown"),
        (vec!["compare", old, named], "markdown"),
        (vec!["report", old], "html"),
        (vec!["team", old, named, "--names"], "html"),
    ] {
        let run = Itlead::new().args(&args).args(["--format", format]).ok();
        assert_no_live_markup(&format!("{args:?} {format}"), &run.stdout, format == "markdown");
        if format == "markdown" {
            // Every row of a table has as many cells as its header.
            for block in run.stdout.split("\n\n").filter(|block| block.starts_with('|')) {
                let widths: Vec<usize> = block.lines().map(cells).collect();
                assert!(widths.windows(2).all(|pair| pair[0] == pair[1]), "{args:?}:\n{block}");
            }
        }
    }
}

/// Cells of a Markdown table row: `|` not escaped with a backslash.
fn cells(line: &str) -> usize {
    let mut count = 0;
    let mut escaped = false;
    for character in line.chars() {
        match character {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => count += 1,
            _ => escaped = false,
        }
    }
    count
}

#[test]
fn csv_cells_cannot_be_formulas_and_numbers_keep_their_sign() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(fixture("results/team/alice.json")).unwrap();
    let mut result: serde_json::Value = serde_json::from_str(&source).unwrap();
    let formulas = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"];
    for (axis, formula) in
        result["axes"].as_array_mut().unwrap().iter_mut().zip(formulas.iter().cycle())
    {
        axis["manager"] = (*formula).into();
        axis["theme"] = (*formula).into();
    }
    let path = dir.path().join("r.json");
    std::fs::write(&path, result.to_string()).unwrap();
    for command in ["report", "team"] {
        let run = Itlead::new().args([command, path.to_str().unwrap(), "--format", "csv"]).ok();
        let mut reader = csv::ReaderBuilder::new().from_reader(run.stdout.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let manager = headers.iter().position(|header| header == "manager").unwrap();
        for record in reader.records() {
            let record = record.unwrap();
            for field in record.iter().filter(|field| !field.is_empty()) {
                let numeric = field.parse::<f64>().is_ok();
                assert!(
                    numeric || !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "{command}: a live formula cell {field:?}"
                );
            }
            assert!(record[manager].starts_with('\''), "{command}: {record:?}");
        }
        assert!(
            run.stdout.contains(",-80,") || run.stdout.contains(",-80.0,"),
            "{command} keeps negative numbers:\n{}",
            run.stdout
        );
    }
}

// ---------------------------------------------------------------------------
// Concurrent runs never lose each other's work.

#[test]
fn twenty_concurrent_saves_keep_twenty_results() {
    let (_dir, answers) = answers_file(answer_all(|index, keys| ranked(keys, index, index + 1)));
    let itlead = Itlead::new();
    let children: Vec<_> = (0..20)
        .map(|_| {
            let mut command = itlead.command();
            command
                .args(["assess", "--answers", answers.to_str().unwrap(), "--format", "json"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped());
            command.spawn().unwrap()
        })
        .collect();
    for child in children {
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    }
    let saved = std::fs::read_dir(itlead.results_dir()).unwrap().count();
    assert_eq!(saved, 20, "every run keeps its own result");
}

#[test]
fn of_concurrent_writers_to_one_output_exactly_one_wins() {
    let (_dir, answers) = answers_file(answer_all(|index, keys| ranked(keys, index, index + 2)));
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("me.json");
    for _round in 0..3 {
        let _ = std::fs::remove_file(&out);
        let itlead = Itlead::new();
        let children: Vec<_> = (0..10)
            .map(|_| {
                let mut command = itlead.command();
                command
                    .args([
                        "assess",
                        "--answers",
                        answers.to_str().unwrap(),
                        "--no-save",
                        "-o",
                        out.to_str().unwrap(),
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped());
                command.spawn().unwrap()
            })
            .collect();
        let outcomes: Vec<_> =
            children.into_iter().map(|child| child.wait_with_output().unwrap()).collect();
        let won = outcomes.iter().filter(|output| output.status.success()).count();
        assert_eq!(won, 1, "exactly one writer succeeds");
        for output in outcomes.iter().filter(|output| !output.status.success()) {
            assert_eq!(output.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
        }
        serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&out).unwrap())
            .expect("one whole file");
        let names: Vec<_> = std::fs::read_dir(out_dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary files left");
    }
}

// ---------------------------------------------------------------------------
// Sources and targets that are not ordinary files.

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().unwrap();
    assert!(status.success());
}

#[test]
fn a_named_pipe_without_a_writer_never_hangs() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    let alice = fixture("results/team/alice.json");
    for args in [
        vec!["report", fifo],
        vec!["team", fifo],
        vec!["compare", fifo, alice.to_str().unwrap()],
        vec!["assess", "--answers", fifo],
        vec!["--content", fifo, "list"],
        vec!["check", fifo],
        vec!["stats", fifo],
    ] {
        let started = Instant::now();
        let run = Itlead::new().args(&args).run();
        assert!(started.elapsed() < Duration::from_secs(5), "{args:?} waited for a writer");
        assert_ne!(run.code, 0, "{args:?}");
        assert_ne!(run.code, 101, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains("empty") || run.stderr.contains("usable"),
            "{args:?}: {}",
            run.stderr
        );
    }
}

#[test]
fn process_substitution_keeps_working() {
    let script = format!(
        "{} report <(cat {}) --format json",
        binary().display(),
        fixture("results/team/alice.json").display()
    );
    let output = Itlead::new().command().arg("--version").output().unwrap();
    assert!(output.status.success());
    let output = Command::new("bash")
        .args(["-c", &script])
        .env("ITLEAD_DATA_DIR", tempfile::tempdir().unwrap().path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(String::from_utf8_lossy(&output.stdout).contains("itlead.result/2"));
}

#[test]
fn a_session_that_links_to_a_device_is_set_aside_at_once() {
    use itlead::edges::store::{Found, SessionStore};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.json");
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let started = Instant::now();
    let content = itlead::questionnaire::built_in();
    let found = SessionStore::new(path.clone())
        .load(|name, text| itlead::flow::session::Session::parse(name, text, &content, None))
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(matches!(found, Found::SetAside(_, _)), "{found:?}");
    assert!(std::fs::symlink_metadata(&path).is_err(), "the link no longer blocks a session");
}

#[test]
fn output_to_a_named_pipe_waits_for_no_one_and_reaches_a_reader() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let alice = fixture("results/team/alice.json");
    // Nobody reading: refused at once, not a hang.
    let started = Instant::now();
    let run = Itlead::new()
        .args(["report", alice.to_str().unwrap(), "-o", fifo.to_str().unwrap()])
        .expect_code(2);
    assert!(started.elapsed() < Duration::from_secs(5));
    assert!(run.stderr.contains("nothing is reading from it"), "{}", run.stderr);
    // A reader gets the whole report.
    let reader = Command::new("cat").arg(&fifo).stdout(Stdio::piped()).spawn().unwrap();
    // Let the reader open its end first.
    let mut written = None;
    for _ in 0..50 {
        std::thread::sleep(Duration::from_millis(50));
        let run = Itlead::new()
            .args(["report", alice.to_str().unwrap(), "-o", fifo.to_str().unwrap()])
            .run();
        if run.code == 0 {
            written = Some(run);
            break;
        }
    }
    assert!(written.is_some(), "never written to the reader");
    let read = reader.wait_with_output().unwrap();
    assert!(String::from_utf8_lossy(&read.stdout).contains("Your profile"));
}

#[test]
fn output_to_dev_stdout_is_written_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    let alice = fixture("results/team/alice.json");
    for force in ["", "--force"] {
        let script = format!(
            "{} report {} -o /dev/stdout {force} > {}",
            binary().display(),
            alice.display(),
            out.display()
        );
        let output = Command::new("sh")
            .args(["-c", &script])
            .env("ITLEAD_DATA_DIR", dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{force}: {}", String::from_utf8_lossy(&output.stderr));
        assert!(std::fs::read_to_string(&out).unwrap().contains("Your profile"), "{force}");
        assert!(
            std::fs::symlink_metadata("/dev/stdout").unwrap().file_type().is_symlink(),
            "/dev/stdout is still a link"
        );
    }
    // A stream is appended to: what the shell wrote before stays.
    for (script, first) in [
        ("echo HEADER > {out}; {itlead} report {alice} -o /dev/stdout >> {out}", "HEADER"),
        ("(echo PREFIX; {itlead} report {alice} -o /dev/stdout) > {out}", "PREFIX"),
    ]
    .map(|(template, first)| {
        let script = template
            .replace("{out}", &out.display().to_string())
            .replace("{itlead}", &binary().display().to_string())
            .replace("{alice}", &alice.display().to_string());
        (script, first)
    }) {
        let output = Command::new("sh")
            .args(["-c", &script])
            .env("ITLEAD_DATA_DIR", dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{script}: {}", String::from_utf8_lossy(&output.stderr));
        let written = std::fs::read_to_string(&out).unwrap();
        assert!(written.starts_with(&format!("{first}\n")), "{script}: {written}");
        assert!(written.contains("Your profile"), "{script}: {written}");
    }
}

// ---------------------------------------------------------------------------
// Permissions.

#[cfg(unix)]
#[test]
fn private_files_in_private_directories_whatever_the_umask_and_documents_follow_it() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, answers) = answers_file(answer_all(|_, keys| ranked(keys, 1, 0)));
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("deep/data");
    let out = home.path().join("report.md");
    let script = format!(
        "umask {{umask}}; {} assess --answers {} -o {}",
        binary().display(),
        answers.display(),
        out.display()
    );
    for (umask, document_mode) in [("000", 0o666), ("022", 0o644), ("077", 0o600)] {
        let _ = std::fs::remove_dir_all(home.path().join("deep"));
        let _ = std::fs::remove_file(&out);
        let output = Command::new("sh")
            .args(["-c", &script.replace("{umask}", umask)])
            .env("ITLEAD_DATA_DIR", &data)
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&data), 0o700, "umask {umask}: data directory");
        let results = data.join("results");
        assert_eq!(mode(&results), 0o700, "umask {umask}: results directory");
        let saved = std::fs::read_dir(&results).unwrap().next().unwrap().unwrap().path();
        assert_eq!(mode(&saved), 0o600, "umask {umask}: saved result");
        assert_eq!(mode(&out), document_mode, "umask {umask}: the document follows the umask");
    }
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    Itlead::new()
        .args([
            "assess",
            "--answers",
            answers.to_str().unwrap(),
            "--no-save",
            "-o",
            out.to_str().unwrap(),
            "--force",
        ])
        .ok();
    assert_eq!(
        std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
        0o640,
        "--force keeps the mode"
    );
}

#[test]
fn a_saved_file_is_synced_and_so_is_its_directory() {
    let required = std::env::var_os("ITLEAD_REQUIRE_STRACE").is_some();
    if Command::new("strace").arg("-V").output().is_err() {
        assert!(!required, "strace is required here (ITLEAD_REQUIRE_STRACE) but missing");
        eprintln!("strace is not installed: the fsync order is checked in CI");
        return;
    }
    let (_dir, answers) = answers_file(answer_all(|_, keys| ranked(keys, 2, 0)));
    let itlead = Itlead::new();
    let log = itlead.home().join("strace.log");
    let command = itlead.command();
    let program = command.get_program().to_owned();
    let mut traced = Command::new("strace");
    traced
        .args(["-f", "-e", "trace=openat,fsync,linkat,renameat,renameat2,rename", "-o"])
        .arg(&log)
        .arg(program);
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => traced.env(key, value),
            None => traced.env_remove(key),
        };
    }
    let status = traced
        .args(["assess", "--answers", answers.to_str().unwrap()])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let trace = std::fs::read_to_string(&log).unwrap();
    let results = itlead.results_dir().display().to_string();
    // The result is linked into place, then the directory is opened and synced.
    let linked = trace
        .lines()
        .position(|line| {
            (line.contains("linkat") || line.contains("rename")) && line.contains(&results)
        })
        .unwrap_or_else(|| panic!("linked into place:\n{trace}"));
    let opened = trace
        .lines()
        .enumerate()
        .skip(linked)
        .find(|(_, line)| line.contains("openat") && line.contains(&format!("\"{results}\"")))
        .map(|(index, line)| (index, line.rsplit("= ").next().unwrap().trim().to_owned()))
        .expect("the directory is opened after the link");
    let synced =
        trace.lines().skip(opened.0).any(|line| line.contains(&format!("fsync({})", opened.1)));
    assert!(synced, "the directory is synced:\n{trace}");
}

// ---------------------------------------------------------------------------
// Hand-edited results.

fn edited(change: impl Fn(&mut serde_json::Value)) -> (tempfile::TempDir, PathBuf) {
    let source = std::fs::read_to_string(fixture("results/team/alice.json")).unwrap();
    let mut result: serde_json::Value = serde_json::from_str(&source).unwrap();
    change(&mut result);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("edited.json");
    std::fs::write(&path, serde_json::to_string_pretty(&result).unwrap()).unwrap();
    (dir, path)
}

#[test]
fn hand_edited_results_are_recomputed_or_refused() {
    // A band that contradicts its score: the band follows the score.
    let (_dir, path) = edited(|result| result["axes"][0]["band"] = "strong-leader".into());
    let run = Itlead::new().args(["report", path.to_str().unwrap(), "--format", "json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["axes"][0]["score"], -80);
    assert_eq!(value["axes"][0]["band"], "strong-manager");
    // A contrast listed twice is refused, with its place.
    let (_dir, path) = edited(|result| {
        let first = result["axes"][0].clone();
        result["axes"].as_array_mut().unwrap().push(first);
    });
    let run = Itlead::new().args(["team", path.to_str().unwrap()]).expect_code(3);
    assert!(run.stderr.contains("contrast `today-tomorrow` appears twice"), "{}", run.stderr);
    // No contrasts at all.
    let (_dir, path) = edited(|result| result["axes"] = serde_json::json!([]));
    let run = Itlead::new().args(["report", path.to_str().unwrap()]).expect_code(3);
    assert!(run.stderr.contains("a result needs at least one contrast"), "{}", run.stderr);
    // `-0` is zero, wherever a score stands.
    let (_dir, path) = edited(|result| {
        result["axes"][0]["score"] = serde_json::json!(-0.0);
        result["themes"][0]["score"] = serde_json::json!(-0.0);
        result["overall"]["score"] = serde_json::json!(-0.0);
    });
    let text = std::fs::read_to_string(&path).unwrap().replace("-0.0", "-0");
    std::fs::write(&path, text).unwrap();
    let run = Itlead::new().args(["report", path.to_str().unwrap(), "--format", "json"]).ok();
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["axes"][0]["score"], 0);
    assert_eq!(value["axes"][0]["band"], "balanced");
}

#[test]
fn a_score_that_does_not_follow_from_the_answers_is_refused() {
    let answers = fixture("answers/full.yaml");
    let made = Itlead::new()
        .args(["assess", "--answers", answers.to_str().unwrap(), "--no-save", "--format", "json"])
        .ok();
    let mut result: serde_json::Value = serde_json::from_str(&made.stdout).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let honest = dir.path().join("honest.json");
    std::fs::write(&honest, result.to_string()).unwrap();
    Itlead::new().args(["report", honest.to_str().unwrap()]).ok();
    let saved = result["axes"][0]["score"].as_i64().unwrap();
    result["axes"][0]["score"] = serde_json::json!(if saved > 0 { -90 } else { 90 });
    let edited = dir.path().join("edited.json");
    std::fs::write(&edited, result.to_string()).unwrap();
    let run = Itlead::new().args(["report", edited.to_str().unwrap()]).expect_code(3);
    let id = result["axes"][0]["id"].as_str().unwrap();
    assert!(
        run.stderr
            .contains(&format!("the score of {id} does not follow from the result's answers")),
        "{}",
        run.stderr
    );
}

#[test]
fn results_of_itlead_0_1_keep_their_selection_or_are_refused() {
    let source = std::fs::read_to_string(fixture("results/v1/old.json")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let with_mode = |mode: &str| {
        let mut result: serde_json::Value = serde_json::from_str(&source).unwrap();
        result["mode"] = mode.into();
        // Only the first two contrasts were asked.
        for axis in &mut result["axes"].as_array_mut().unwrap()[2..] {
            axis["answered"] = 0.into();
            axis["score"] = serde_json::Value::Null;
        }
        let path = dir.path().join(format!("{mode}.json"));
        std::fs::write(&path, result.to_string()).unwrap();
        path
    };
    // An unknown mode is refused, not read as the full questionnaire.
    let run = Itlead::new().args(["report", with_mode("bogus").to_str().unwrap()]).expect_code(3);
    assert!(run.stderr.contains("unknown variant `bogus`"), "{}", run.stderr);
    // `axes` names the contrasts that were answered.
    let run = Itlead::new()
        .args(["report", with_mode("axes").to_str().unwrap(), "--format", "json"])
        .ok();
    let upgraded: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(upgraded["selection"]["mode"], "axes");
    assert_eq!(
        upgraded["selection"]["axes"],
        serde_json::json!(["today-tomorrow", "goals-vision"])
    );
}

// ---------------------------------------------------------------------------
// Size.

/// Content with `axes` axes and `scenarios` scenarios of three options.
fn big_content(axes: usize, scenarios: usize) -> String {
    let mut text = String::from(
        "schema: 2\ntitle: Big\nversion: \"1\"\nresponse: most-and-least\nsources:\n  - {key: s, title: t, publisher: p}\nthemes:\n  - {id: t, name: T, summary: s}\naxes:\n",
    );
    for index in 0..axes {
        text.push_str(&format!(
            "  - {{id: a{index}, theme: t, manager: {{name: M{index}, summary: s}}, leader: {{name: L{index}, summary: s}}, explanation: e, in_it: i, strengths: {{manager: [x], leader: [y]}}, watch_outs: {{manager: [x], leader: [y]}}, source: {{key: s, point: p}}}}\n"
        ));
    }
    text.push_str("scenarios:\n");
    for index in 0..scenarios {
        let axis = index % axes;
        text.push_str(&format!(
            "  - {{id: s{index}, title: t, situation: s, options: [{{key: a, text: x, weights: {{a{axis}: -2}}}}, {{key: b, text: y, weights: {{a{axis}: 2}}}}, {{key: c, text: z, weights: {{a{axis}: 1}}}}]}}\n"
        ));
    }
    text
}

#[test]
fn huge_content_is_refused_for_its_size_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    std::fs::write(&path, big_content(6000, 6000)).unwrap();
    let started = Instant::now();
    let run = Itlead::new().args(["check", path.to_str().unwrap()]).expect_code(3);
    let took = started.elapsed();
    // Parsing 2.4 MB of YAML dominates (about 0.6 s in a release build, 2 s
    // in a debug one); the bound leaves room for a loaded machine.
    assert!(took < Duration::from_secs(8), "6,000 axes took {took:?}");
    assert!(
        run.stderr.contains("6000 axes; a questionnaire may have at most 100"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("6000 scenarios; a questionnaire may have at most 1000"),
        "{}",
        run.stderr
    );
    // Only the sizes: no flood of problems about the items themselves.
    assert!(!run.stderr.contains("is moved by"), "{}", run.stderr);
}

#[test]
fn validation_is_linear_at_the_limits() {
    // The largest content allowed, with a problem in every axis (each loads
    // on too few scenarios): every check runs over every item.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("limits.yaml");
    std::fs::write(&path, big_content(100, 150)).unwrap();
    let started = Instant::now();
    let run = Itlead::new().args(["check", path.to_str().unwrap()]).expect_code(3);
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "100 axes took {took:?}");
    assert!(run.stderr.contains("is moved by 1 scenario"), "{}", run.stderr);
}

#[test]
fn every_result_itlead_writes_it_can_read_back() {
    // The largest content allowed: its results still read back.
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("big.yaml");
    std::fs::write(&content, big_content(100, 1000)).unwrap();
    let content = content.to_str().unwrap();
    let template = Itlead::new().args(["--content", content, "questions"]).ok().stdout;
    let filled = template.replace("most: \"\", least: \"\"", "most: b, least: a");
    let answers = dir.path().join("answers.yaml");
    std::fs::write(&answers, filled).unwrap();
    let result = dir.path().join("result.json");
    let started = Instant::now();
    Itlead::new()
        .args([
            "--content",
            content,
            "assess",
            "--answers",
            answers.to_str().unwrap(),
            "--no-save",
            "-o",
            result.to_str().unwrap(),
        ])
        .ok();
    assert!(started.elapsed() < Duration::from_secs(10));
    let run = Itlead::new()
        .args(["--content", content, "report", result.to_str().unwrap(), "--format", "csv"])
        .ok();
    assert_eq!(run.stdout.lines().count(), 101, "a header and 100 contrasts");
}
