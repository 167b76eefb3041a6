//! Smoke tests of the command line through the built binary: help, version,
//! completions, the man page, usage errors.

mod common;

use common::Itlead;

#[test]
fn list_prints_every_axis() {
    let run = Itlead::new().arg("list").ok();
    assert_eq!(run.stdout.lines().count(), 14, "a header and 13 contrasts: {}", run.stdout);
    assert!(run.stdout.lines().next().unwrap().contains("manager"), "{}", run.stdout);
}

#[test]
fn the_top_level_help_lists_the_exit_codes_and_subcommands_show_examples() {
    let run = Itlead::new().arg("--help").ok();
    for code in ["0 ", "1 ", "2 ", "3 ", "130"] {
        assert!(run.stdout.contains(&format!("\n  {code}")), "--help lacks exit code {code}");
    }
    for command in [
        "assess",
        "explain",
        "list",
        "questions",
        "check",
        "report",
        "compare",
        "history",
        "team",
        "stats",
        "completions",
    ] {
        let run = Itlead::new().args([command, "--help"]).ok();
        assert!(!run.stdout.contains("Exit codes"), "{command} --help repeats the exit codes");
        let examples = run
            .stdout
            .split("Examples:")
            .nth(1)
            .unwrap_or_else(|| panic!("{command} --help has no examples"));
        let count =
            examples.lines().filter(|line| line.trim_start().starts_with("itlead ")).count();
        assert!((1..=3).contains(&count), "{command}: {count} examples");
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
fn completions_for_every_shell_and_contrast_names_where_the_shell_allows() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = Itlead::new().args(["completions", shell]).ok();
        assert!(run.stdout.contains("explain"), "{shell}");
        // clap_complete's elvish and powershell scripts have no positional values.
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(run.stdout.contains("goals-vision"), "{shell}: no contrast names");
            assert!(run.stdout.contains("risk-taking"), "{shell}: no aliases");
            assert!(run.stdout.contains("change-agent"), "{shell}: no pole names");
        }
    }
}

#[test]
fn bash_completion_offers_contrast_names_after_explain() {
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

/// What the bash completion script offers for `line` (its last word).
fn bash_offers(line: &str) -> Vec<String> {
    let script = Itlead::new().args(["completions", "bash"]).ok().stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("itlead.bash");
    std::fs::write(&path, script).unwrap();
    let words: Vec<&str> = line.split(' ').collect();
    let probe = format!(
        "source {}; COMP_WORDS=({line}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; \
         _itlead itlead '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        path.display(),
        words.len() - 1,
        words[words.len() - 1],
        words[words.len() - 2],
    );
    let output = std::process::Command::new("bash").args(["-c", &probe]).output().unwrap();
    String::from_utf8_lossy(&output.stdout).lines().map(str::to_owned).collect()
}

#[test]
fn axes_complete_contrast_ids_after_each_comma() {
    assert_eq!(bash_offers("itlead assess --axes go"), ["goals-vision"]);
    assert_eq!(
        bash_offers("itlead assess --axes goals-vision,to"),
        ["goals-vision,today-tomorrow"]
    );
    assert_eq!(
        bash_offers("itlead assess --contrasts goals-vision,to"),
        ["goals-vision,today-tomorrow"],
        "the alias completes as --axes does"
    );
    let mut offered = bash_offers("itlead assess --axes goals-vision,s");
    offered.sort();
    assert_eq!(
        offered,
        [
            "goals-vision,short-term-long-haul",
            "goals-vision,status-quo-change",
            "goals-vision,systems-relationships"
        ]
    );
    // fish, where it is installed.
    let fish = std::process::Command::new("fish").arg("--version").output();
    if fish.is_ok_and(|output| output.status.success()) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("itlead.fish");
        std::fs::write(&path, Itlead::new().args(["completions", "fish"]).ok().stdout).unwrap();
        let probe = format!(
            "source {}; complete -C 'itlead assess --axes goals-vision,to'; complete -C 'itlead explain take'; \
             complete -C 'itlead assess --contrasts goals-vision,sh'",
            path.display()
        );
        let output = std::process::Command::new("fish").args(["-c", &probe]).output().unwrap();
        let offered = String::from_utf8_lossy(&output.stdout);
        assert!(output.stderr.is_empty(), "{}", String::from_utf8_lossy(&output.stderr));
        assert!(
            offered.lines().any(|line| line.starts_with("goals-vision,today-tomorrow")),
            "{offered}"
        );
        assert!(offered.lines().any(|line| line == "take-risks"), "{offered}");
        assert!(
            offered.lines().any(|line| line.starts_with("goals-vision,short-term-long-haul")),
            "{offered}"
        );
    }
    // zsh: the list is completed by _sequence.
    let zsh = Itlead::new().args(["completions", "zsh"]).ok().stdout;
    assert!(zsh.contains(":ID,ID:_sequence compadd - today-tomorrow goals-vision"), "{zsh}");
    for name in ["'*--axes=", "'*--contrasts="] {
        let line = zsh.lines().find(|line| line.starts_with(name)).expect(name);
        assert!(line.contains(":ID,ID:_sequence compadd - "), "{line}");
    }
}

#[test]
fn man_prints_the_main_page_or_one_subcommand_page() {
    let run = Itlead::new().arg("man").ok();
    assert!(run.stdout.contains(".TH ITLEAD 1"), "{}", &run.stdout[..200]);
    assert!(run.stdout.contains("\\fBitlead\\-assess\\fR(1)"), "the commands refer to their pages");
    for section in ["ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
        assert!(
            run.stdout.contains(&format!(".SH \"{section}\""))
                || run.stdout.contains(&format!(".SH {section}")),
            "{section}"
        );
    }
    let assess = Itlead::new().args(["man", "assess"]).ok();
    assert!(
        assess.stdout.contains(".TH ITLEAD-ASSESS 1 20") && assess.stdout.contains(" \"itlead "),
        "{}",
        &assess.stdout[..200]
    );
    assert!(assess.stdout.contains("\\fB\\-\\-answers\\fR"), "its options are listed");
    assert!(
        assess.stdout.contains("\\fB\\-\\-axes\\fR, \\fB\\-\\-contrasts\\fR \\fIID,ID\\fR"),
        "with their aliases"
    );
    let unknown = Itlead::new().args(["man", "asess"]).expect_code(2);
    assert!(unknown.stderr.contains("no man page for `asess`"), "{}", unknown.stderr);

    // --dir writes every page once; again only with --force.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().to_str().unwrap();
    Itlead::new().args(["man", "--dir", target]).ok();
    std::fs::write(dir.path().join("itlead-team.1"), "old").unwrap();
    let again = Itlead::new().args(["man", "--dir", target]).expect_code(2);
    assert!(
        again.stderr.contains("already exists; --force replaces the pages"),
        "{}",
        again.stderr
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("itlead-team.1")).unwrap(), "old");
    Itlead::new().args(["man", "--dir", target, "--force"]).ok();
    let team = std::fs::read_to_string(dir.path().join("itlead-team.1")).unwrap();
    assert!(team.contains(".TH ITLEAD-TEAM 1"), "{team}");
}

/// `man` renders every page without warnings and without stray markup.
/// Skipped where `man` is missing, unless `ITLEAD_REQUIRE_MAN` is set
/// (`.ci/run` sets it and installs man-db).
#[test]
fn every_man_page_renders_cleanly() {
    let have_man = std::process::Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if !have_man {
        assert!(std::env::var_os("ITLEAD_REQUIRE_MAN").is_none(), "man is required but missing");
        eprintln!("man is not installed; skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    Itlead::new().args(["man", "--dir", dir.path().to_str().unwrap()]).ok();
    let mut pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    pages.sort();
    let mut expected: Vec<String> =
        common::SUBCOMMANDS.iter().map(|name| format!("itlead-{name}.1")).collect();
    expected.push(String::from("itlead.1"));
    expected.sort();
    assert_eq!(pages, expected);
    for page in &pages {
        let output = std::process::Command::new("man")
            .args(["--warnings=all", "-l", "-Tutf8"])
            .arg(dir.path().join(page))
            .env("MANWIDTH", "80")
            .env("LC_ALL", "C.UTF-8")
            .env("MANPAGER", "cat")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&output.stdout);
        let warnings = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success() && warnings.trim().is_empty(), "{page}: {warnings}");
        // Plain text with backspace overstriking removed.
        let plain: String = text
            .split('\u{8}')
            .enumerate()
            .map(|(index, part)| {
                if index == 0 {
                    part
                } else {
                    &part[part.char_indices().nth(1).map_or(part.len(), |(at, _)| at)..]
                }
            })
            .collect();
        for stray in ["`", "\\f", "\\-", ".TP", ".SH", "**"] {
            assert!(!plain.contains(stray), "{page} shows {stray:?}:\n{plain}");
        }
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "ENVIRONMENT",
            "FILES",
            "EXIT STATUS",
            "SEE ALSO",
        ] {
            assert!(plain.lines().any(|line| line == section), "{page} has no {section}:\n{plain}");
        }
        assert!(
            plain.contains("ITLEAD_DATA_DIR")
                && plain.contains("NO_COLOR")
                && plain.contains("XDG_STATE_HOME"),
            "{page}"
        );
        assert!(plain.contains("130"), "{page} lists the exit codes");
    }
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

#[test]
fn clicolor_force_forces_colour_as_no_color_removes_it() {
    let coloured = |run: &common::Run| run.stdout.contains("\u{1b}[");
    // Into a pipe: no colour, unless forced.
    assert!(!coloured(&Itlead::new().args(["explain", "vision"]).ok()));
    let forced = Itlead::new().args(["explain", "vision"]).env("CLICOLOR_FORCE", "1").ok();
    assert!(coloured(&forced), "{}", forced.stdout);
    for (name, value) in [("CLICOLOR_FORCE", "0"), ("CLICOLOR_FORCE", "")] {
        let run = Itlead::new().args(["explain", "vision"]).env(name, value).ok();
        assert!(!coloured(&run), "{name}={value:?}");
    }
    // NO_COLOR and --color never win over it.
    let both = Itlead::new()
        .args(["explain", "vision"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .ok();
    assert!(!coloured(&both));
    let never = Itlead::new()
        .args(["--color", "never", "explain", "vision"])
        .env("CLICOLOR_FORCE", "1")
        .ok();
    assert!(!coloured(&never));
    // The man page says so.
    let page = Itlead::new().args(["man"]).ok();
    assert!(page.stdout.contains("CLICOLOR_FORCE"), "{}", page.stdout);
}

#[test]
fn man_pages_carry_a_date_and_pass_mandoc_lint() {
    let dir = tempfile::tempdir().unwrap();
    Itlead::new().args(["man", "--dir", dir.path().to_str().unwrap()]).ok();
    let lint = std::process::Command::new("mandoc").arg("-V").output().is_ok();
    let mut pages = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let roff = std::fs::read_to_string(&path).unwrap();
        let th = roff.lines().find(|line| line.starts_with(".TH ")).expect(".TH");
        let date = th.split(' ').nth(3).unwrap();
        assert!(
            date.len() == 10 && date.chars().filter(|c| *c == '-').count() == 2,
            "{}: .TH has no date: {th}",
            path.display()
        );
        if lint {
            let checked = std::process::Command::new("mandoc")
                .args(["-Tlint", "-W", "all"])
                .arg(&path)
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&checked.stdout).into_owned()
                + &String::from_utf8_lossy(&checked.stderr);
            assert!(said.trim().is_empty(), "{}: mandoc -Tlint says\n{said}", path.display());
        }
        pages += 1;
    }
    assert!(pages >= 14, "{pages} pages");
    if !lint {
        eprintln!("mandoc is not installed: the pages were not linted");
    }
    // SOURCE_DATE_EPOCH decides the date, for a reproducible build.
    let page = Itlead::new().args(["man", "report"]).env("SOURCE_DATE_EPOCH", "86400").ok().stdout;
    assert!(page.contains(".TH ITLEAD-REPORT 1 1970-01-02 "), "{page}");
}
