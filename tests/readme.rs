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
    assert!(team.contains("# Team view") && team.contains("Today ⟷ Tomorrow"), "{team}");

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

/// The fenced blocks of `language` in the README, in order.
fn blocks(language: &str) -> Vec<String> {
    let text = readme();
    let fence = format!("```{language}\n");
    text.split(&fence).skip(1).map(|rest| rest.split("```").next().unwrap().to_owned()).collect()
}

/// Whether `actual` matches `expected`, where a line `...` in `expected`
/// stands for any number of lines.
fn matches_with_elision(expected: &[&str], actual: &[&str]) -> bool {
    match expected.split_first() {
        None => actual.is_empty(),
        Some((&"...", rest)) => {
            (0..=actual.len()).any(|skip| matches_with_elision(rest, &actual[skip..]))
        }
        Some((line, rest)) => actual
            .split_first()
            .is_some_and(|(first, others)| first == line && matches_with_elision(rest, others)),
    }
}

#[test]
fn elision_matches_what_it_should() {
    assert!(matches_with_elision(&["a", "...", "d"], &["a", "b", "c", "d"]));
    assert!(matches_with_elision(&["a", "...", "d"], &["a", "d"]));
    assert!(!matches_with_elision(&["a", "...", "d"], &["a", "b", "c"]));
    assert!(!matches_with_elision(&["a", "b"], &["a", "c"]));
}

/// `text` blocks that start with `$ itlead …` show a command and what it
/// prints (standard output, then standard error); they run here, whatever
/// their exit code. Interactive `itlead assess` screens are left out.
#[test]
fn readme_text_examples_show_real_output() {
    let mut checked = 0;
    for block in blocks("text") {
        let mut lines = block.lines();
        let Some(command) = lines.next().and_then(|line| line.strip_prefix("$ itlead ")) else {
            continue;
        };
        if command == "assess" || command.starts_with("assess ") && !command.contains("--answers") {
            continue;
        }
        let args = shell_words(command);
        let run = Itlead::new()
            .args(&args)
            .env("COLUMNS", "80")
            .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")))
            .run();
        let output = format!("{}{}", run.stdout, run.stderr);
        let actual: Vec<&str> = output.lines().collect();
        let expected: Vec<&str> = lines.collect();
        assert!(
            matches_with_elision(&expected, &actual),
            "README example `itlead {command}` differs:\n--- README\n{}\n--- itlead (exit {})\n{output}",
            expected.join("\n"),
            run.code
        );
        checked += 1;
    }
    assert!(checked >= 2, "only {checked} text examples found");
}

/// Splits a command line on spaces, keeping "double-quoted" words whole.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// The time the README promises is the one `check` computes (and the
/// assessment's introduction states): whole minutes, rounded up.
#[test]
fn the_readme_states_the_times_check_computes() {
    let run = Itlead::new().args(["check", "--format", "json"]).ok();
    let checked: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let minutes =
        |form: &str| (checked["design"][form]["seconds"].as_f64().unwrap() / 60.0).ceil() as u64;
    let quick_scenarios = checked["design"]["quick"]["scenarios"].as_u64().unwrap();
    let text = readme();
    assert!(
        text.contains(&format!(
            "cargo run --release -- assess     # take the assessment (about {} minutes)",
            minutes("full")
        )),
        "the quick start's time is not {} minutes",
        minutes("full")
    );
    assert!(
        text.contains(&format!(
            "`--quick` asks {quick_scenarios} scenarios (about {} minutes)",
            minutes("quick")
        )),
        "the --quick line does not say {quick_scenarios} scenarios and {} minutes",
        minutes("quick")
    );
}

/// The README's two install blocks, as a script: `cargo install` stands
/// for copying the test binary into `~/.cargo/bin`.
fn install_script() -> String {
    let text = readme();
    let install = text.split("## Install").nth(1).unwrap().split("\n## ").next().unwrap();
    let blocks: Vec<&str> =
        install.split("```sh\n").skip(1).map(|block| block.split("```").next().unwrap()).collect();
    assert_eq!(blocks.len(), 2, "the bash block, then zsh and fish: {install}");
    assert!(blocks[0].starts_with("cargo install --path .\n"), "{}", blocks[0]);
    let copy = format!(
        "mkdir -p \"${{CARGO_HOME:-$HOME/.cargo}}/bin\"\ncp '{}' \"${{CARGO_HOME:-$HOME/.cargo}}/bin/\"\n",
        binary().display()
    );
    format!("{copy}{}{}", &blocks[0]["cargo install --path .\n".len()..], blocks[1])
}

/// Runs `script` with bash in `home`, `~/.cargo/bin` first on `PATH`, and
/// `extra` variables.
fn in_home(home: &Path, script: &str, extra: &[(&str, &Path)]) -> std::process::Output {
    // bash-completion itself does not run under `set -u`.
    let flags = if script.contains("bash_completion") { "-c" } else { "-euc" };
    let mut command = std::process::Command::new("bash");
    command
        .args([flags, script])
        .env_clear()
        .env("HOME", home)
        .env("PATH", format!("{}:/usr/bin:/bin", home.join(".cargo/bin").display()))
        .env("LANG", "C.UTF-8");
    for (name, value) in extra {
        command.env(name, value);
    }
    command.output().unwrap()
}

/// The install lines run in an empty home directory, with and without XDG
/// variables; then `man -w itlead` finds the page with no `MANPATH` set,
/// and bash completes `itlead ex` to `explain` through bash-completion.
#[test]
fn the_install_lines_work_in_an_empty_home_with_and_without_xdg_variables() {
    let script = install_script();
    let man_db = std::process::Command::new("man").arg("-w").arg("man").output().is_ok();
    let completion_loader = Path::new("/usr/share/bash-completion/bash_completion");
    for xdg in [false, true] {
        let home = tempfile::tempdir().unwrap();
        let home = home.path();
        let data = home.join("xdg/data");
        let config = home.join("xdg/config");
        let extra: Vec<(&str, &Path)> = if xdg {
            vec![("XDG_DATA_HOME", &data), ("XDG_CONFIG_HOME", &config)]
        } else {
            Vec::new()
        };
        let output = in_home(home, &script, &extra);
        assert!(output.status.success(), "xdg {xdg}: {}", String::from_utf8_lossy(&output.stderr));
        // Again, as after an upgrade.
        let again = in_home(home, &script, &extra);
        assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));

        let (data_home, config_home) = if xdg {
            (data.clone(), config.clone())
        } else {
            (home.join(".local/share"), home.join(".config"))
        };
        let bash = data_home.join("bash-completion/completions/itlead");
        assert!(std::fs::read_to_string(&bash).unwrap().contains("_itlead"), "{}", bash.display());
        let fish = config_home.join("fish/completions/itlead.fish");
        assert!(std::fs::read_to_string(&fish).unwrap().contains("complete -c itlead"));
        let zsh = std::fs::read_to_string(home.join(".zfunc/_itlead")).unwrap();
        assert!(zsh.starts_with("#compdef itlead"), "{zsh}");
        let page = home.join(".cargo/share/man/man1/itlead-assess.1");
        assert!(std::fs::read_to_string(&page).unwrap().contains(".TH ITLEAD-ASSESS"));

        if man_db {
            let found = in_home(home, "man -w itlead; man -w itlead-assess", &extra);
            let found = String::from_utf8_lossy(&found.stdout);
            let expected = home.join(".cargo/share/man/man1/itlead.1");
            assert!(found.contains(&expected.display().to_string()), "xdg {xdg}: man -w: {found}");
        } else {
            eprintln!("man-db is not installed: `man -w itlead` not tried");
        }
        if completion_loader.exists() {
            let completes = in_home(
                home,
                "source /usr/share/bash-completion/bash_completion\n\
                 _completion_loader itlead\n\
                 COMP_WORDS=(itlead ex); COMP_CWORD=1; COMP_LINE='itlead ex'; COMP_POINT=9\n\
                 $(complete -p itlead | sed -E 's/.* -F ([^ ]+) .*/\\1/') itlead ex itlead\n\
                 printf '%s\\n' \"${COMPREPLY[@]}\"",
                &extra,
            );
            let replies = String::from_utf8_lossy(&completes.stdout);
            assert!(
                replies.lines().any(|line| line.trim() == "explain"),
                "xdg {xdg}: bash completes `itlead ex` to {replies:?}: {}",
                String::from_utf8_lossy(&completes.stderr)
            );
        } else {
            eprintln!("bash-completion is not installed: completion not tried");
        }
    }
}

#[test]
fn the_readme_shows_the_feedback_script_verbatim_and_it_runs() {
    let script_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/feedback-round.sh");
    let script = std::fs::read_to_string(&script_path).unwrap();
    assert!(
        readme().contains(&format!("```bash\n{script}```")),
        "README and examples/feedback-round.sh differ"
    );

    let itlead = Itlead::new();
    let work = itlead.home().join("round");
    std::fs::create_dir_all(work.join("answers")).unwrap();
    // Sam's own result, and what three colleagues sent back: two YAML
    // templates and the JSON of a form (an answers file like the form's).
    let own = Itlead::new()
        .args([
            "assess",
            "--answers",
            fixture("answers/full.yaml").to_str().unwrap(),
            "--name",
            "Sam Lee",
        ])
        .args(["--format", "json", "--no-save"])
        .ok();
    std::fs::write(work.join("sam-self.json"), own.stdout).unwrap();
    for (index, relation) in ["peer", "peer", "direct-report"].iter().enumerate() {
        let template = Itlead::new()
            .args(["questions", "--about", "Sam Lee", "--relation", relation])
            .ok()
            .stdout;
        let filled = common::fill_template(&template, index + 1);
        if index == 2 {
            let value: serde_json::Value = serde_yaml::from_str(&filled).unwrap();
            std::fs::write(
                work.join("answers/answers-about-sam-lee-direct-report.json"),
                value.to_string(),
            )
            .unwrap();
        } else {
            std::fs::write(work.join(format!("answers/colleague-{index}.yaml")), filled).unwrap();
        }
    }
    run_example(&script_path, &work, &itlead);
    let page = std::fs::read_to_string(work.join("sam-feedback.html")).unwrap();
    assert!(page.contains("How others see Sam Lee") && page.contains("3 colleagues"), "{page}");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(work.join("sam-feedback.json")).unwrap())
            .unwrap();
    assert_eq!(json["raters"], serde_json::json!({ "peer": 2, "direct-report": 1 }));
}

#[test]
fn the_readme_shows_the_pilot_script_verbatim_and_it_runs() {
    let script_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/pilot-stats.sh");
    let script = std::fs::read_to_string(&script_path).unwrap();
    assert!(
        readme().contains(&format!("```bash\n{script}```")),
        "README and examples/pilot-stats.sh differ"
    );
    let itlead = Itlead::new();
    let work = itlead.home().join("pilot-round");
    std::fs::create_dir_all(work.join("answers")).unwrap();
    let template = Itlead::new().arg("questions").ok().stdout;
    for person in 0..32_u64 {
        // A small linear congruential generator: distinct answers per person.
        let mut state = person.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        let filled = fill(&template, |_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let pick = (state >> 33) as usize;
            (pick, pick / 4 % 3 + 1 + pick)
        });
        std::fs::write(work.join(format!("answers/person-{person:02}.yaml")), filled).unwrap();
    }
    let output = run_example(&script_path, &work, &itlead);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.starts_with("Item analysis"), "{text}");
    assert!(text.contains("32 results"), "{text}");
    let csv = std::fs::read_to_string(work.join("pilot-stats.csv")).unwrap();
    assert!(csv.starts_with("axis,n,alpha,"), "{csv}");
}

/// `template` with every `{ most: "", least: "" }` answered: `pick` gives
/// two numbers per scenario, taken modulo 4 as the most and least likely
/// keys (the least moved on when both land on one key).
fn fill(template: &str, mut pick: impl FnMut(usize) -> (usize, usize)) -> String {
    const EMPTY: &str = "{ most: \"\", least: \"\" }";
    let keys = ["a", "b", "c", "d"];
    let mut scenario = 0;
    template
        .lines()
        .map(|line| {
            if line.starts_with("  ") && line.ends_with(": \"\"") {
                // A choice between two options: one key.
                let (most, _) = pick(scenario);
                scenario += 1;
                let key = keys[most % 2];
                return format!("{}\"{key}\"", line.strip_suffix("\"\"").unwrap());
            }
            if !line.ends_with(EMPTY) {
                return line.to_owned();
            }
            let (most, least) = pick(scenario);
            scenario += 1;
            let (most, mut least) = (most % 4, least % 4);
            if least == most {
                least = (least + 1) % 4;
            }
            line.replace(EMPTY, &format!("{{ most: {}, least: {} }}", keys[most], keys[least]))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs an example script in `work` with the test binary first on PATH
/// and `itlead`'s own data and state directories; asserts it succeeds.
fn run_example(script: &Path, work: &Path, itlead: &Itlead) -> std::process::Output {
    let bin_dir = Path::new(&binary()).parent().unwrap().to_owned();
    let output = std::process::Command::new("bash")
        .arg(script)
        .current_dir(work)
        .env("PATH", format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default()))
        .env("ITLEAD_DATA_DIR", itlead.home().join("data"))
        .env("ITLEAD_STATE_DIR", itlead.home().join("state"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    output
}
