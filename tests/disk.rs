//! itlead's own files against someone who can write where they live, and
//! a machine out of room: planted links, shared directories, full and
//! read-only file systems, `/dev/full`, and the exit codes a script sees.
//! Everything runs against real files: links in temporary directories,
//! small tmpfs mounts where the user may mount them (skipped with a message
//! otherwise). The interactive side is in `tests/pty_hardening.rs`.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use common::{Itlead, Mount, fixture};
use itlead::edges::store::SessionStore;

fn full_answers() -> String {
    fixture("answers/full.yaml").display().to_string()
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries.map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned()).collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap().permissions().mode() & 0o7777
}

// ---------------------------------------------------------------------------
// Planted links and shared directories.

#[test]
fn a_planted_lock_link_truncates_nothing_and_creates_nothing() {
    let home = tempfile::tempdir().unwrap();
    let precious = home.path().join("precious.txt");
    std::fs::write(&precious, "years of notes\n").unwrap();
    let state = home.path().join("state");
    std::fs::create_dir(&state).unwrap();
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o700)).unwrap();
    let store = SessionStore::new(state.join("session.json"));

    // A link to a file of the user's.
    std::os::unix::fs::symlink(&precious, state.join("session.lock")).unwrap();
    let error = store.lock().unwrap_err();
    assert!(format!("{error:#}").contains("session.lock is a link"), "{error:#}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "years of notes\n", "untouched");
    assert_eq!(mode(&precious), 0o644, "its mode too");

    // A dangling link: nothing is created where it points.
    std::fs::remove_file(state.join("session.lock")).unwrap();
    let chosen = home.path().join("chosen-by-attacker");
    std::os::unix::fs::symlink(&chosen, state.join("session.lock")).unwrap();
    assert!(store.lock().is_err());
    assert!(std::fs::symlink_metadata(&chosen).is_err(), "no file appears at the target");

    // A hard link to the file: a lock has one name, or it is not one.
    std::fs::remove_file(state.join("session.lock")).unwrap();
    std::fs::hard_link(&precious, state.join("session.lock")).unwrap();
    let error = store.lock().unwrap_err();
    assert!(format!("{error:#}").contains("not a lock file of yours"), "{error:#}");
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "years of notes\n");

    // A lock an older itlead left (with its PID, 0644) is neither truncated
    // nor written, and becomes private.
    std::fs::remove_file(state.join("session.lock")).unwrap();
    std::fs::write(state.join("session.lock"), "4242\n").unwrap();
    std::fs::set_permissions(state.join("session.lock"), std::fs::Permissions::from_mode(0o644))
        .unwrap();
    let lock = store.lock().unwrap().expect("the lock is free");
    assert_eq!(std::fs::read_to_string(state.join("session.lock")).unwrap(), "4242\n");
    assert_eq!(mode(&state.join("session.lock")), 0o600);
    assert!(store.lock().unwrap().is_none(), "held while the first is alive");
    drop(lock);
    assert!(store.lock().unwrap().is_some(), "free once it goes");
}

#[test]
fn a_planted_session_link_is_set_aside_never_followed() {
    let home = tempfile::tempdir().unwrap();
    let precious = home.path().join("precious.json");
    std::fs::write(&precious, "{\"schema\": \"itlead.session/2\"}").unwrap();
    let state = home.path().join("state");
    std::fs::create_dir(&state).unwrap();
    std::os::unix::fs::symlink(&precious, state.join("session.json")).unwrap();
    let content = itlead::questionnaire::built_in();
    let found = SessionStore::new(state.join("session.json"))
        .load(|name, text| itlead::flow::session::Session::parse(name, text, &content, None))
        .unwrap();
    let itlead::edges::store::Found::SetAside(aside, reason) = found else { panic!("{found:?}") };
    assert!(reason.contains("it is a link"), "{reason}");
    assert!(std::fs::symlink_metadata(&aside).unwrap().file_type().is_symlink(), "the link moved");
    assert!(precious.exists(), "what it pointed to stays");
}

#[test]
fn a_link_planted_among_saved_results_is_not_followed() {
    let itlead = Itlead::new();
    itlead
        .command_with(&["assess", "--answers", &full_answers(), "--name", "Robin"])
        .output()
        .unwrap();
    let results = itlead.results_dir();
    let saved = names_in(&results);
    assert_eq!(saved.len(), 1, "{saved:?}");
    // A valid result elsewhere, with a newer name, linked into the results.
    let outside = itlead.home().join("outside.json");
    let text = std::fs::read_to_string(results.join(&saved[0])).unwrap();
    std::fs::write(&outside, text.replace("\"Robin\"", "\"Mallory\"")).unwrap();
    std::os::unix::fs::symlink(&outside, results.join("2099-01-01T00-00-00Z.json")).unwrap();
    let history = itlead.command_with(&["history", "--format", "json"]).output().unwrap();
    let history = String::from_utf8(history.stdout).unwrap();
    assert!(history.contains("Robin") && !history.contains("Mallory"), "{history}");
    let report = itlead.command_with(&["report", "latest"]).output().unwrap();
    let report = String::from_utf8(report.stdout).unwrap();
    assert!(report.contains("Robin") && !report.contains("Mallory"), "{report}");
}

/// `dir` made writable by everyone, as a shared directory is.
fn shared(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).unwrap();
}

#[test]
fn a_data_directory_others_can_write_is_refused_with_exit_1() {
    for (what, prepare) in [
        ("others", (|dir: &Path| shared(dir)) as fn(&Path)),
        ("its group", |dir: &Path| {
            std::fs::create_dir_all(dir).unwrap();
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o770)).unwrap();
        }),
    ] {
        let itlead = Itlead::new().args(["assess", "--answers", &full_answers()]);
        let data = itlead.home().join("data");
        prepare(&data);
        let run = itlead.expect_code(1);
        let flat = run.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(&format!("{} is writable by {what}", data.display())),
            "{what}: {}",
            run.stderr
        );
        assert!(flat.contains("ITLEAD_DATA_DIR"), "says what to do: {}", run.stderr);
        assert!(run.stdout.contains("Profile of Robin Example"), "the report is still shown");
        assert!(names_in(&data).is_empty(), "{what}: nothing written: {:?}", names_in(&data));
    }
    // The results directory inside is checked too.
    let itlead = Itlead::new().args(["assess", "--answers", &full_answers()]);
    shared(&itlead.results_dir());
    let run = itlead.expect_code(1);
    assert!(run.stderr.contains("is writable by others"), "{}", run.stderr);
    assert!(names_in(&itlead.results_dir()).is_empty());
}

#[test]
fn a_data_directory_of_another_user_is_refused() {
    let itlead = Itlead::new().args(["assess", "--answers", &full_answers()]);
    let data = itlead.home().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let user = rustix::process::geteuid().as_raw();
    let other = if user == 0 { 65534 } else { 0 };
    if std::os::unix::fs::chown(&data, Some(other), None).is_err() {
        eprintln!("skipped: cannot give a directory to another user");
        return;
    }
    let run = itlead.expect_code(1);
    assert!(
        run.stderr.contains(&format!("belongs to another user (uid {other})")),
        "{}",
        run.stderr
    );
    assert!(names_in(&data).is_empty());
    // The same directory reached through a link of the user's is still
    // another user's.
    let linked = Itlead::new()
        .args(["assess", "--answers", &full_answers()])
        .env("ITLEAD_DATA_DIR", &itlead.home().join("link").display().to_string());
    std::os::unix::fs::symlink(&data, itlead.home().join("link")).unwrap();
    let run = linked.expect_code(1);
    assert!(run.stderr.contains("belongs to another user"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------
// `--output` through a link.

#[test]
fn a_link_under_dev_shm_is_no_stream_and_needs_force() {
    let shm = Path::new("/dev/shm");
    let dir = if shm.is_dir() {
        tempfile::tempdir_in(shm).unwrap()
    } else {
        tempfile::tempdir().unwrap()
    };
    let home = tempfile::tempdir().unwrap();
    let precious = home.path().join("precious.txt");
    std::fs::write(&precious, "keep me\n").unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&precious, &link).unwrap();
    let alice = fixture("results/team/alice.json");
    let run = Itlead::new()
        .args(["report", alice.to_str().unwrap(), "--output", link.to_str().unwrap()])
        .expect_code(2);
    assert!(run.stderr.contains("already exists; pass --force"), "{}", run.stderr);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me\n", "nothing appended");
    Itlead::new()
        .args(["report", alice.to_str().unwrap(), "--output", link.to_str().unwrap(), "--force"])
        .ok();
    assert!(std::fs::read_to_string(&precious).unwrap().starts_with("Your profile"));
    // A link to a device is a stream: written in place, as /dev/stdout is.
    let null = dir.path().join("null");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    Itlead::new()
        .args(["report", alice.to_str().unwrap(), "--output", null.to_str().unwrap()])
        .ok();
}

// ---------------------------------------------------------------------------
// Saving fails: exit 1 with a message, never a claim beyond what is on disk.

#[test]
fn assess_answers_exits_1_when_the_result_cannot_be_saved() {
    let long = format!("/tmp/{}", "d".repeat(300));
    let mut cases: Vec<(&str, Option<Mount>, PathBuf)> =
        vec![("a path too long", None, PathBuf::from(&long))];
    if let Some(full) = Mount::tmpfs("64k", "") {
        std::fs::create_dir(full.path().join("results")).unwrap();
        full.fill();
        let path = full.path().to_owned();
        cases.push(("a full disk", Some(full), path));
    }
    if let Some(read_only) = Mount::tmpfs("64k", ",ro") {
        let path = read_only.path().to_owned();
        cases.push(("a read-only directory", Some(read_only), path));
    }
    for (what, _mount, data) in &cases {
        for format in ["text", "json"] {
            let run = Itlead::new()
                .args(["assess", "--answers", &full_answers(), "--format", format])
                .env("ITLEAD_DATA_DIR", &data.display().to_string())
                .expect_code(1);
            let flat = run.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(flat.contains("error: the result was not saved"), "{what}: {}", run.stderr);
            assert!(
                flat.contains(&format!("your answers are still in {}", full_answers())),
                "{what}: says what is on disk: {}",
                run.stderr
            );
            assert!(!flat.contains("Result saved"), "{what}: {}", run.stderr);
            match format {
                "json" => assert!(run.stdout.contains("\"schema\": \"itlead.result/2\"")),
                _ => {
                    assert!(run.stdout.contains("Profile of Robin"), "{what}: the report is shown");
                }
            }
        }
        let results = data.join("results");
        let left: Vec<String> =
            names_in(&results).into_iter().filter(|name| name.starts_with(".itlead-")).collect();
        assert!(left.is_empty(), "{what}: temporary files left: {left:?}");
    }
    // From standard input, the answers are nowhere on disk, and it says so.
    let answers = std::fs::read_to_string(full_answers()).unwrap();
    let run = Itlead::new()
        .args(["assess", "--answers", "-"])
        .env("ITLEAD_DATA_DIR", &long)
        .stdin(answers)
        .expect_code(1);
    let flat = run.stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("the answers came from standard input, so keep them"), "{}", run.stderr);
}

#[test]
fn a_full_output_still_says_where_the_result_was_saved() {
    if !Path::new("/dev/full").exists() {
        eprintln!("skipped: no /dev/full");
        return;
    }
    let itlead =
        Itlead::new().args(["assess", "--answers", &full_answers(), "--output", "/dev/full"]);
    let run = itlead.expect_code(1);
    assert!(run.stderr.contains("Result saved to"), "{}", run.stderr);
    assert!(run.stderr.contains("cannot write /dev/full"), "{}", run.stderr);
    assert_eq!(names_in(&itlead.results_dir()).len(), 1, "and it was");
}

// ---------------------------------------------------------------------------
// Empty variables.

#[test]
fn every_empty_itlead_variable_counts_as_unset() {
    let run = Itlead::new().args(["list", "--format", "json"]).env("ITLEAD_CONTENT", "").ok();
    assert!(run.stdout.contains("today-tomorrow"), "the built-in content: {}", run.stdout);
    let run = Itlead::new().args(["explain", "vision"]).env("ITLEAD_CONTENT", "").ok();
    assert!(run.stdout.contains("Vision"));
    // --content still wins, and a set variable still counts.
    let mini = fixture("content/mini.yaml").display().to_string();
    let set = Itlead::new().args(["list", "--format", "json"]).env("ITLEAD_CONTENT", &mini).ok();
    assert_ne!(set.stdout, run.stdout);
    // Empty directories: the XDG defaults below HOME, as if unset.
    let itlead = Itlead::new()
        .args(["assess", "--answers", &full_answers()])
        .env("ITLEAD_DATA_DIR", "")
        .env("ITLEAD_STATE_DIR", "");
    itlead.ok();
    assert_eq!(names_in(&itlead.home().join("xdg-data/itlead/results")).len(), 1);
    assert!(!itlead.home().join("data").exists());
}
