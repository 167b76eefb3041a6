//! A small builder around the built `itlead` binary, in the spirit of
//! just's and ripgrep's test harnesses: every run gets its own temporary
//! data and state directories, so tests never touch the real home.

#![allow(dead_code)]

#[cfg(unix)]
pub mod pty;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Path of the built binary.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_itlead"))
}

/// `PATH` with the built binary's directory first, as if itlead were
/// installed: messages then name it `itlead`, as they do for a user who
/// installed it (see `itlead::shell::program`).
pub fn installed_path() -> std::ffi::OsString {
    let directory = binary().parent().expect("the binary's directory").to_owned();
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(directory).chain(std::env::split_paths(&rest)))
        .expect("a PATH")
}

/// Path of a fixture under `tests/fixtures`.
pub fn fixture(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

/// Every subcommand with a man page of its own, written out here rather
/// than read from itlead, so that a command lost from the CLI shows.
pub const SUBCOMMANDS: [&str; 13] = [
    "assess",
    "check",
    "compare",
    "completions",
    "explain",
    "feedback",
    "history",
    "list",
    "man",
    "questions",
    "report",
    "stats",
    "team",
];

/// One invocation of itlead.
pub struct Itlead {
    home: tempfile::TempDir,
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    env: Vec<(String, String)>,
    current_dir: Option<PathBuf>,
}

/// What a run produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Itlead {
    /// A run with fresh, empty data and state directories.
    pub fn new() -> Self {
        Self {
            home: tempfile::tempdir().expect("temp dir"),
            args: Vec::new(),
            stdin: None,
            env: Vec::new(),
            current_dir: None,
        }
    }

    /// The temporary home of this run (data in `data/`, state in `state/`).
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    /// Where saved results go.
    pub fn results_dir(&self) -> PathBuf {
        self.home.path().join("data/results")
    }

    /// Where the unfinished session lives.
    pub fn session_file(&self) -> PathBuf {
        self.home.path().join("state/session.json")
    }

    /// Adds arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.args.extend(args.into_iter().map(|arg| arg.as_ref().to_owned()));
        self
    }

    /// Adds one argument.
    pub fn arg(self, arg: impl AsRef<str>) -> Self {
        self.args([arg])
    }

    /// Feeds bytes on stdin.
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = Some(bytes.into());
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, name: &str, value: &str) -> Self {
        self.env.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Runs in `dir`.
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.current_dir = Some(dir.to_owned());
        self
    }

    /// The command, with the environment cleaned of anything that changes output.
    pub fn command(&self) -> Command {
        self.command_with(&self.args)
    }

    /// The same home and environment with other arguments: a second run
    /// by the same person.
    pub fn command_with<S: AsRef<std::ffi::OsStr>>(&self, args: &[S]) -> Command {
        let mut command = Command::new(binary());
        command
            .args(args)
            .env_remove("ITLEAD_CONTENT")
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("CLICOLOR")
            .env_remove("COLUMNS")
            .env("HOME", self.home.path())
            .env("XDG_DATA_HOME", self.home.path().join("xdg-data"))
            .env("XDG_STATE_HOME", self.home.path().join("xdg-state"))
            .env("ITLEAD_DATA_DIR", self.home.path().join("data"))
            .env("ITLEAD_STATE_DIR", self.home.path().join("state"))
            .env("LANG", "C.UTF-8")
            .env("TERM", "xterm-256color")
            .env("PATH", installed_path());
        for (name, value) in &self.env {
            command.env(name, value);
        }
        if let Some(dir) = &self.current_dir {
            command.current_dir(dir);
        }
        command
    }

    /// Runs to completion.
    pub fn run(&self) -> Run {
        let mut command = self.command();
        command.stdin(if self.stdin.is_some() { Stdio::piped() } else { Stdio::null() });
        command.stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = command.spawn().expect("itlead starts");
        if let Some(bytes) = &self.stdin {
            let mut stdin = child.stdin.take().expect("stdin piped");
            let _ = stdin.write_all(bytes);
        }
        let Output { status, stdout, stderr } = child.wait_with_output().expect("itlead runs");
        Run {
            code: status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&stdout).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
        }
    }

    /// Runs and asserts the exit code.
    pub fn expect_code(&self, code: i32) -> Run {
        let run = self.run();
        assert_eq!(
            run.code, code,
            "itlead {:?} exited {} (expected {code})\nstdout:\n{}\nstderr:\n{}",
            self.args, run.code, run.stdout, run.stderr
        );
        run
    }

    /// Runs and asserts success.
    pub fn ok(&self) -> Run {
        self.expect_code(0)
    }
}

/// A small file system of its own, unmounted when dropped.
pub struct Mount {
    dir: tempfile::TempDir,
}

impl Mount {
    /// A tmpfs of `size` (`64k`) with `options`, or `None`, said on
    /// stderr, where this user may not mount one.
    pub fn tmpfs(size: &str, options: &str) -> Option<Self> {
        let dir = tempfile::tempdir().unwrap();
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o"])
            .arg(format!("size={size},mode=0700{options}"))
            .arg("tmpfs")
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status();
        if status.is_ok_and(|status| status.success()) {
            Some(Self { dir })
        } else {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            None
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system to the last byte.
    pub fn fill(&self) {
        use std::io::Write;
        let mut filler = std::fs::File::create(self.path().join("filler")).unwrap();
        let block = vec![0_u8; 4096];
        while filler.write_all(&block).is_ok() {}
        while filler.write_all(&[0]).is_ok() {}
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

/// The built-in questionnaire's scenarios, as `itlead questions --format
/// json` lists them: id and option keys, in content order.
pub fn scenarios() -> Vec<(String, Vec<String>)> {
    let run = Itlead::new().args(["questions", "--format", "json"]).ok();
    let template: serde_json::Value = serde_json::from_str(&run.stdout).expect("template is JSON");
    template["scenarios"]
        .as_array()
        .expect("scenarios array")
        .iter()
        .map(|scenario| {
            let keys = scenario["options"]
                .as_array()
                .expect("options")
                .iter()
                .map(|option| option["key"].as_str().expect("key").to_owned())
                .collect();
            (scenario["id"].as_str().expect("id").to_owned(), keys)
        })
        .collect()
}

/// An answer naming the options at positions `most` and `least` (taken
/// modulo the number of options; `least` moves on when it hits `most`). A
/// choice between two options is asked once: its answer is the key at
/// `most` alone.
pub fn ranked(keys: &[String], most: usize, least: usize) -> serde_json::Value {
    let most = most % keys.len();
    if keys.len() == 2 {
        return serde_json::json!(keys[most]);
    }
    let mut least = least % keys.len();
    if least == most {
        least = (least + 1) % keys.len();
    }
    serde_json::json!({ "most": keys[most], "least": keys[least] })
}

/// Writes an answers file holding `answers`; keep the directory alive
/// while the path is used.
#[allow(clippy::needless_pass_by_value)]
pub fn answers_file(
    answers: serde_json::Map<String, serde_json::Value>,
) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("answers.json");
    let document = serde_json::json!({ "schema": "itlead.answers/2", "answers": answers });
    std::fs::write(&path, serde_json::to_string_pretty(&document).expect("JSON")).expect("write");
    (dir, path)
}

/// Answers to every built-in scenario, from `pick(index, keys)`.
pub fn answer_all(
    pick: impl Fn(usize, &[String]) -> serde_json::Value,
) -> serde_json::Map<String, serde_json::Value> {
    scenarios()
        .into_iter()
        .enumerate()
        .map(|(index, (id, keys))| (id, pick(index, &keys)))
        .collect()
}

/// The ids of the built-in scenarios with an option weighted on `axis`,
/// read from `content/contrasts.yaml` itself rather than from itlead.
pub fn scenarios_on(axis: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("content/contrasts.yaml");
    let text = std::fs::read_to_string(path).expect("built-in content");
    let content: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
    content["scenarios"]
        .as_sequence()
        .expect("scenarios")
        .iter()
        .filter(|scenario| {
            scenario["options"]
                .as_sequence()
                .expect("options")
                .iter()
                .any(|option| option["weights"].as_mapping().expect("weights").contains_key(axis))
        })
        .map(|scenario| scenario["id"].as_str().expect("id").to_owned())
        .collect()
}

/// A YAML template from `itlead questions` with every scenario answered:
/// its options are read from the template's own comment lines (`#   b)
/// …`), and `seed` picks among them, differently per scenario; a choice
/// between two gets one key, the others `{ most, least }`.
pub fn fill_template(template: &str, seed: usize) -> String {
    let mut keys: Vec<String> = Vec::new();
    let mut scenario = 0;
    let mut out = String::new();
    for line in template.lines() {
        let comment = line.trim_start().strip_prefix('#').map(str::trim_start);
        if let Some(key) = comment.and_then(|text| text.split_once(") ")).map(|(key, _)| key)
            && key.len() == 1
            && key.chars().all(|character| character.is_ascii_lowercase())
            && line.starts_with("  #   ")
        {
            keys.push(key.to_owned());
        }
        let answer = line.starts_with("  ") && !line.trim_start().starts_with('#');
        if answer && (line.ends_with("{ most: \"\", least: \"\" }") || line.ends_with(": \"\"")) {
            let id = line.trim_start().split(':').next().unwrap_or_default();
            let most = (seed + scenario) % keys.len();
            let mut least = (seed * 3 + scenario * 2 + 1) % keys.len();
            if least == most {
                least = (least + 1) % keys.len();
            }
            let value = if line.ends_with(": \"\"") {
                keys[most].clone()
            } else {
                format!("{{ most: {}, least: {} }}", keys[most], keys[least])
            };
            out.push_str(&format!("  {id}: {value}\n"));
            keys.clear();
            scenario += 1;
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
