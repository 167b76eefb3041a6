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
