//! itlead's own files and settings against someone who can write where
//! they live, and a machine out of room.

mod common;

use std::path::Path;

use common::{Itlead, fixture};

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
