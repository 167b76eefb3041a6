//! Nothing the user answered is lost, and nothing is left half-written:
//! a damaged session file is set aside (renamed, never deleted), an
//! unwritable data directory costs neither the report nor an honest exit
//! code (1, with a message), a failed
//! `--output` leaves no temporary file, and a signal while itlead waits for
//! its input leaves no partial output behind.
//!
//! The interactive side (Ctrl-C between questions, `--resume`) needs a
//! terminal and is tested through a PTY in `tests/pty.rs`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::{Itlead, fixture};
use itlead::answer::Answer;
use itlead::content::selection::Selection;
use itlead::edges::store::{Found, SessionStore};
use itlead::flow::session::Session;
use itlead::questionnaire;

/// Files in `dir`, sorted, as strings.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|entry| entry.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Whether `name` is what a damaged session is renamed to.
fn is_set_aside_name(name: &str) -> bool {
    let Some(stamp) =
        name.strip_prefix("session.damaged-").and_then(|rest| rest.strip_suffix(".json"))
    else {
        return false;
    };
    let mut parts = stamp.splitn(2, '-');
    let seconds = parts.next().unwrap_or_default();
    !seconds.is_empty()
        && seconds.chars().all(|character| character.is_ascii_digit())
        && parts
            .next()
            .is_none_or(|counter| counter.chars().all(|character| character.is_ascii_digit()))
}

/// Loads what `store` holds, checked against the built-in content.
fn load(store: &SessionStore) -> anyhow::Result<Found> {
    let content = questionnaire::built_in();
    store.load(|name, text| Session::parse(name, text, &content, None))
}

fn a_session() -> Session {
    let content = questionnaire::built_in();
    let order: Vec<String> = content.scenarios.iter().map(|scenario| scenario.id.clone()).collect();
    let mut session =
        Session::new(&content, Selection::Full, 7, order, "2026-01-01T00:00:00Z".to_owned());
    let first = &content.scenarios[0];
    session.answers.insert(
        first.id.as_str().into(),
        Answer::ranked(&first.options[0].key, &first.options[1].key),
    );
    session
}

#[test]
fn a_damaged_session_file_is_set_aside_not_deleted() {
    let valid = serde_json::to_vec_pretty(&a_session()).expect("serialise");
    let truncated = valid[..valid.len() / 2].to_vec();
    let damaged: [(&str, Vec<u8>); 7] = [
        ("truncated", truncated),
        ("empty", Vec::new()),
        ("binary garbage", vec![0, 159, 146, 150, 255, 0, 1]),
        ("a list", b"[1, 2, 3]".to_vec()),
        ("wrong field types", br#"{"schema": "itlead.session/1", "seed": "seven"}"#.to_vec()),
        (
            "a future schema",
            String::from_utf8(valid.clone())
                .expect("UTF-8")
                .replace("itlead.session/2", "itlead.session/9")
                .into_bytes(),
        ),
        ("nested deep", format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes()),
    ];
    for (what, bytes) in damaged {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("session.json");
        std::fs::write(&path, &bytes).expect("write");
        let found = load(&SessionStore::new(path.clone()))
            .unwrap_or_else(|error| panic!("{what}: load failed: {error:#}"));
        let Found::SetAside(aside, reason) = found else {
            panic!("{what}: expected the file to be set aside, got {found:?}");
        };
        assert!(!reason.trim().is_empty(), "{what}: a reason is given");
        assert!(!path.exists(), "{what}: the damaged file no longer blocks a new session");
        assert_eq!(aside.parent(), Some(dir.path()), "{what}: set aside next to where it was");
        let name = aside.file_name().expect("name").to_string_lossy().into_owned();
        assert!(is_set_aside_name(&name), "{what}: set aside as {name}");
        assert_eq!(
            std::fs::read(&aside).expect("still there"),
            bytes,
            "{what}: kept byte for byte"
        );
        assert_eq!(names_in(dir.path()), vec![name], "{what}: nothing else appears");
    }
}

#[test]
fn two_damaged_sessions_in_a_row_are_both_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("session.json");
    let store = SessionStore::new(path.clone());
    let mut kept = Vec::new();
    for attempt in 0..3 {
        let bytes = format!("{{\"schema\": \"itlead.session/1\", \"broken\": {attempt}");
        std::fs::write(&path, &bytes).expect("write");
        match load(&store).expect("load") {
            Found::SetAside(aside, _) => kept.push((aside, bytes)),
            other => panic!("expected a set-aside file, got {other:?}"),
        }
    }
    for (aside, bytes) in &kept {
        assert_eq!(&std::fs::read_to_string(aside).expect("kept"), bytes, "{}", aside.display());
    }
    assert_eq!(names_in(dir.path()).len(), 3, "{:?}", names_in(dir.path()));
}

#[test]
fn a_saved_session_loads_back_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("state/session.json");
    let store = SessionStore::new(path.clone());
    assert!(matches!(load(&store).expect("load"), Found::Nothing));
    let session = a_session();
    store.save(&session).expect("save");
    store.save(&session).expect("save again");
    match load(&store).expect("load") {
        Found::Session(loaded) => assert_eq!(*loaded, session),
        other => panic!("expected the session, got {other:?}"),
    }
    assert_eq!(names_in(&dir.path().join("state")), vec!["session.json".to_owned()]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the session is the user's only");
    }
    store.clear().expect("clear");
    store.clear().expect("clearing twice is fine");
    assert!(matches!(load(&store).expect("load"), Found::Nothing));
}

#[test]
fn saving_into_a_path_that_cannot_exist_fails_cleanly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("file");
    std::fs::write(&file, "").expect("write");
    let store = SessionStore::new(file.join("sub/session.json"));
    let error = store.save(&a_session()).expect_err("cannot save under a file");
    assert!(format!("{error:#}").contains("file"), "{error:#}");
    assert!(matches!(load(&store), Ok(Found::Nothing) | Err(_)));
    assert_eq!(std::fs::read(&file).expect("untouched"), b"");
}

// ---------------------------------------------------------------------------
// The report is never lost to a data directory that cannot be written.

/// Content and answers that score without the built-in questionnaire.
fn good_args() -> Vec<String> {
    let content = fixture("good/content/unicode-bom-crlf.yaml");
    let answers = fixture("good/answers/commented.yaml");
    vec![
        "--content".to_owned(),
        content.display().to_string(),
        "assess".to_owned(),
        "--answers".to_owned(),
        answers.display().to_string(),
    ]
}

/// A data directory below a regular file: every write into it fails.
fn unwritable_data_dir(root: &Path) -> (PathBuf, PathBuf) {
    let file = root.join("file");
    std::fs::write(&file, "").expect("write");
    (file.clone(), file.join("sub"))
}

#[test]
fn an_unwritable_data_dir_keeps_the_report_and_exits_1() {
    let root = tempfile::tempdir().expect("temp dir");
    let (file, data) = unwritable_data_dir(root.path());
    let run = Itlead::new()
        .args(good_args())
        .args(["--format", "json"])
        .env("ITLEAD_DATA_DIR", &data.display().to_string())
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("the whole report");
    assert_eq!(report["schema"], "itlead.result/2");
    assert!(run.stderr.contains("error: the result was not saved"), "{}", run.stderr);
    assert!(!run.stderr.contains("Result saved"), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(std::fs::read(&file).expect("untouched"), b"");
    assert_eq!(names_in(root.path()), vec!["file".to_owned()]);
}

#[test]
fn an_unwritable_data_dir_still_writes_the_output_file_whole() {
    let root = tempfile::tempdir().expect("temp dir");
    let (file, data) = unwritable_data_dir(root.path());
    let out_dir = tempfile::tempdir().expect("temp dir");
    let out = out_dir.path().join("me.json");
    let run = Itlead::new()
        .args(good_args())
        .args(["--format", "json", "--output", &out.display().to_string()])
        .env("ITLEAD_DATA_DIR", &data.display().to_string())
        .run();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "the report went to the file: {}", run.stdout);
    assert!(run.stderr.contains("error: the result was not saved"), "{}", run.stderr);
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("whole JSON");
    assert_eq!(written["answers"]["outage"], "b");
    assert_eq!(names_in(out_dir.path()), vec!["me.json".to_owned()], "no temporary file");
    assert_eq!(std::fs::read(&file).expect("untouched"), b"");
}

#[test]
fn a_read_only_data_dir_keeps_the_report_and_exits_1() {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().expect("temp dir");
        let data = root.path().join("data");
        std::fs::create_dir(&data).expect("mkdir");
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o500)).expect("chmod");
        if std::fs::create_dir(data.join("probe")).is_ok() {
            // Running with privileges that ignore permissions: a read-only
            // mount in tests/disk.rs stands in for this.
            eprintln!("skipped: permissions do not stop this user from writing");
            return;
        }
        let run = Itlead::new()
            .args(good_args())
            .env("ITLEAD_DATA_DIR", &data.display().to_string())
            .run();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700))
            .expect("chmod back");
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(!run.stdout.is_empty(), "the report is printed");
        assert!(run.stderr.contains("error: the result was not saved"), "{}", run.stderr);
        assert!(names_in(&data).is_empty(), "{:?}", names_in(&data));
    }
}

#[test]
fn output_into_a_missing_directory_fails_and_leaves_nothing() {
    let root = tempfile::tempdir().expect("temp dir");
    let out = root.path().join("missing/me.json");
    let run = Itlead::new()
        .args(good_args())
        .args(["--no-save", "--format", "json", "--output", &out.display().to_string()])
        .run();
    assert_ne!(run.code, 0, "{}", run.stdout);
    assert_ne!(run.code, 101, "{}", run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(
        run.stderr.contains(&root.path().join("missing").display().to_string()),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(names_in(root.path()).is_empty(), "{:?}", names_in(root.path()));
    assert!(run.stdout.is_empty(), "{}", run.stdout);
}

#[test]
fn output_never_replaces_a_file_or_a_directory_unasked() {
    let root = tempfile::tempdir().expect("temp dir");
    let existing = root.path().join("me.json");
    std::fs::write(&existing, "precious").expect("write");
    for (target, says) in [(&existing, "already exists"), (&root.path().to_path_buf(), "directory")]
    {
        let run = Itlead::new()
            .args(good_args())
            .args(["--no-save", "--output", &target.display().to_string()])
            .run();
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(run.stderr.contains(says), "{}", run.stderr);
    }
    assert_eq!(std::fs::read_to_string(&existing).expect("kept"), "precious");
    assert_eq!(names_in(root.path()), vec!["me.json".to_owned()]);
}

// ---------------------------------------------------------------------------
// Signals while itlead waits for its input.

fn send(signal: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success(), "kill -{signal} {pid}");
}

#[cfg(unix)]
#[test]
fn a_signal_while_reading_answers_leaves_no_partial_file() {
    use std::os::unix::process::ExitStatusExt;
    for signal in ["INT", "TERM"] {
        let out_dir = tempfile::tempdir().expect("temp dir");
        let out = out_dir.path().join("me.json");
        let itlead = Itlead::new();
        let mut child = itlead
            .command()
            .args([
                "assess",
                "--answers",
                "-",
                "--format",
                "json",
                "--output",
                &out.display().to_string(),
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("itlead starts");
        // Half an answers file, and then nothing: itlead is waiting for the rest.
        {
            use std::io::Write;
            let stdin = child.stdin.as_mut().expect("stdin");
            stdin.write_all(b"schema: itlead.answers/1\nanswers:\n").expect("write");
            stdin.flush().expect("flush");
        }
        std::thread::sleep(Duration::from_millis(300));
        assert!(child.try_wait().expect("wait").is_none(), "itlead waits for the rest of stdin");
        send(signal, child.id());
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait") {
                break status;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "SIG{signal} ended itlead");
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(
            status.signal().is_some() || status.code() == Some(130),
            "SIG{signal}: ended by the signal or with 130, not {status:?}"
        );
        assert_ne!(status.code(), Some(0), "SIG{signal}");
        assert!(names_in(out_dir.path()).is_empty(), "SIG{signal}: {:?}", names_in(out_dir.path()));
        assert!(!itlead.results_dir().exists(), "SIG{signal}: nothing saved");
    }
}

/// A change made to a session by hand.
type Change<'a> = Box<dyn Fn(&mut serde_json::Value) + 'a>;

#[test]
fn a_session_is_checked_like_an_answers_file() {
    let content = questionnaire::built_in();
    let results = Path::new("/home/someone/.local/share/itlead/results");
    let genuine = serde_json::to_value(a_session()).expect("JSON");
    let first = content.scenarios[0].id.clone();
    let second = content.scenarios[1].id.clone();
    let cases: Vec<(&str, Change, &str)> = vec![
        (
            "an option the scenario lacks",
            Box::new(|session| {
                session["answers"][&first] = serde_json::json!({"most": "z", "least": "y"});
            }),
            "`z` is not an option of",
        ),
        (
            "the same option twice",
            Box::new(|session| {
                session["answers"][&first] = serde_json::json!({"most": "a", "least": "a"});
            }),
            "cannot be both the most and the least likely option",
        ),
        (
            "only one pick where two are asked",
            Box::new(|session| session["answers"][&first] = "a".into()),
            "the least likely option is missing",
        ),
        (
            "an answer to a scenario not asked",
            Box::new(|session| {
                session["order"].as_array_mut().unwrap().retain(|id| *id != second.as_str());
                session["answers"][&second] = "skip".into();
            }),
            "is answered but not among the scenarios asked",
        ),
        (
            "a scenario asked twice",
            Box::new(|session| {
                session["order"].as_array_mut().unwrap().push(second.clone().into());
            }),
            "is in the order twice",
        ),
        (
            "a start that is no time",
            Box::new(|session| session["started"] = "yesterday".into()),
            "is not a time",
        ),
        (
            "a result saved outside the results directory",
            Box::new(|session| session["saved"] = "/etc/passwd".into()),
            "`/etc/passwd` is not a result in /home/someone/.local/share/itlead/results",
        ),
        (
            "a hidden file as the result",
            Box::new(|session| {
                session["saved"] = "/home/someone/.local/share/itlead/results/.x.json".into();
            }),
            "is not a result in",
        ),
        (
            "a line break in a name",
            Box::new(|session| session["name"] = "Ada\nForged".into()),
            "name: a name is up to 100 characters on one line",
        ),
        (
            "a direction override in an id",
            Box::new(|session| session["order"][0] = "x\u{202e}".into()),
            "order[0]: holds the control character `\\u{202e}`",
        ),
    ];
    for (what, change, said) in cases {
        let mut session = genuine.clone();
        change(&mut session);
        let text = serde_json::to_string_pretty(&session).expect("JSON");
        let error = Session::parse("session.json", &text, &content, Some(results))
            .expect_err(&format!("{what}: accepted"));
        let shown = error.to_string();
        assert!(shown.contains(said), "{what}: {shown}");
        assert!(shown.starts_with("session.json:"), "{what}: located: {shown}");
        assert_eq!(itlead::error::exit_code(&error.into()), itlead::error::EXIT_DATA);
    }
    // The genuine one, and one whose result is where results go, pass.
    let text = serde_json::to_string(&genuine).expect("JSON");
    assert!(Session::parse("session.json", &text, &content, Some(results)).is_ok());
    let mut saved = genuine;
    saved["saved"] = results.join("2026-01-01T00-00-00Z.json").display().to_string().into();
    let text = serde_json::to_string(&saved).expect("JSON");
    assert!(Session::parse("session.json", &text, &content, Some(results)).is_ok());
}
