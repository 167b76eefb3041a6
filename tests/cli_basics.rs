//! Smoke tests of the command line through the built binary: help, version,
//! completions, the man page, usage errors.

mod common;

use common::Itlead;

#[test]
fn list_prints_every_axis() {
    let run = Itlead::new().arg("list").ok();
    assert_eq!(run.stdout.lines().count(), 13, "{}", run.stdout);
}

#[test]
fn help_lists_the_exit_codes() {
    for args in [vec!["--help"], vec!["assess", "--help"], vec!["explain", "--help"]] {
        let run = Itlead::new().args(&args).ok();
        for code in ["0 ", "1 ", "2 ", "3 ", "130"] {
            assert!(run.stdout.contains(&format!("\n  {code}")), "{args:?} lacks exit code {code}");
        }
    }
}

#[test]
fn bad_flags_exit_2() {
    let run = Itlead::new().args(["explain", "--format", "pdf"]).expect_code(2);
    assert!(run.stderr.contains("invalid value 'pdf'"), "{}", run.stderr);
    Itlead::new().arg("frobnicate").expect_code(2);
    Itlead::new().args(["assess", "--quick", "--axes", "vision", "--answers", "x"]).expect_code(2);
}

#[test]
fn version_prints_the_crate_version() {
    let run = Itlead::new().arg("--version").ok();
    assert_eq!(run.stdout.trim(), format!("itlead {}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn completions_for_every_shell_and_trait_names_where_the_shell_allows() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = Itlead::new().args(["completions", shell]).ok();
        assert!(run.stdout.contains("explain"), "{shell}");
        // clap_complete's elvish and powershell scripts have no positional values.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(run.stdout.contains("goals-vision"), "{shell}: no trait names");
            assert!(run.stdout.contains("risk-taking"), "{shell}: no aliases");
            assert!(run.stdout.contains("change-agent"), "{shell}: no pole names");
        }
    }
}

#[test]
fn bash_completion_offers_trait_names_after_explain() {
    let script = Itlead::new().args(["completions", "bash"]).ok().stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("itlead.bash");
    std::fs::write(&path, script).unwrap();
    let probe = format!(
        "source {}; COMP_WORDS=(itlead explain ta); COMP_CWORD=2; COMP_LINE='itlead explain ta'; \
         COMP_POINT=${{#COMP_LINE}}; _itlead itlead ta explain; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display()
    );
    let output = std::process::Command::new("bash").args(["-c", &probe]).output().unwrap();
    let offered = String::from_utf8_lossy(&output.stdout);
    assert!(
        offered.lines().any(|line| line == "take-risks"),
        "offered: {offered:?} {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn man_page_renders_with_commands() {
    let run = Itlead::new().arg("man").ok();
    assert!(
        run.stdout.starts_with(".ie") || run.stdout.contains(".TH itlead"),
        "{}",
        &run.stdout[..200]
    );
    assert!(run.stdout.contains(".SS \"itlead assess\""), "a section per command");
    assert!(run.stdout.contains("\\-\\-answers"), "subcommand options are listed");
    assert!(run.stdout.contains(".SS \"itlead team FILE...\""));
    assert!(run.stdout.contains(".SH \"EXIT STATUS\""));
    assert!(run.stdout.contains("\\fB130\\fR"));
}

#[test]
fn no_color_is_honoured_and_colour_never_leaks_into_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("explain.txt");
    Itlead::new().args(["--color", "always", "questions", "--output", out.to_str().unwrap()]).ok();
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(!text.contains('\u{1b}'), "the template never carries colour");
    let run = Itlead::new().args(["explain", "vision"]).env("NO_COLOR", "1").ok();
    assert!(!run.stdout.contains('\u{1b}'));
}
