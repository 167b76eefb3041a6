//! The README's examples are tested: its `console` blocks run through
//! trycmd, and the onboarding script it shows is the one in `examples/`,
//! run here end to end.

mod common;

use std::path::Path;

use common::{Itlead, binary, fixture};

#[test]
fn readme_console_examples() {
    let home = tempfile::tempdir().unwrap();
    trycmd::TestCases::new()
        .register_bin("itlead", binary())
        .env("ITLEAD_DATA_DIR", home.path().join("data").to_str().unwrap())
        .env("ITLEAD_STATE_DIR", home.path().join("state").to_str().unwrap())
        .env("COLUMNS", "80")
        .env("LANG", "C.UTF-8")
        .case("README.md");
}

fn readme() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap()
}

#[test]
fn the_readme_shows_the_onboarding_script_verbatim() {
    let script = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/onboarding.sh"),
    )
    .unwrap();
    assert!(
        readme().contains(&format!("```bash\n{script}```")),
        "README and examples/onboarding.sh differ"
    );
}

#[test]
fn the_onboarding_script_runs_without_a_terminal() {
    let itlead = Itlead::new();
    let work = itlead.home().join("work");
    std::fs::create_dir_all(&work).unwrap();
    let bin_dir = Path::new(&binary()).parent().unwrap().to_owned();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/onboarding.sh");
    for person in ["ana", "ben"] {
        let status = std::process::Command::new("bash")
            .arg(&script)
            .args([person, fixture("answers/full.yaml").to_str().unwrap()])
            .current_dir(&work)
            .env("PATH", &path)
            .env("ITLEAD_DATA_DIR", itlead.home().join("data"))
            .env("ITLEAD_STATE_DIR", itlead.home().join("state"))
            .stdin(std::process::Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "{person}: {status}");
    }
    assert!(work.join("results/ana.json").exists() && work.join("results/ben.json").exists());
    let team = std::fs::read_to_string(work.join("team.md")).unwrap();
    assert!(team.contains("today-tomorrow"), "{team}");

    // A broken answers file takes the exit-3 branch.
    let broken = work.join("broken.yaml");
    std::fs::write(&broken, "answers: [oops").unwrap();
    let output = std::process::Command::new("bash")
        .arg(&script)
        .args(["cy", broken.to_str().unwrap()])
        .current_dir(&work)
        .env("PATH", &path)
        .env("ITLEAD_DATA_DIR", itlead.home().join("data"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("needs fixing"));
}
