//! The environment, decided once: terminal or not, widths, colour, the
//! character set, where files live, which content to use, the clock and
//! the shuffle seed. `run` builds one [`Context`] and passes it down;
//! nothing below asks the environment again, reads the system clock or
//! draws a random number itself, or switches colour in the middle of a run.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::SystemTime;

use anyhow::{Result, anyhow};

use crate::edges::output::OutputArgs;
use crate::export::TextStyle;
use crate::terminal::{self, ColorChoice};

/// One output stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stream {
    /// Whether it is a terminal.
    pub terminal: bool,
    /// Columns to lay text out for.
    pub width: usize,
}

/// Where the time that results and sessions record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The system clock, read each time: a result made at the end of a
    /// long assessment records when it ended, its session when it began.
    System,
    /// One instant, every time.
    Fixed(SystemTime),
}

impl Clock {
    /// The time now.
    pub fn now(self) -> SystemTime {
        match self {
            Clock::System => SystemTime::now(),
            Clock::Fixed(when) => when,
        }
    }

    /// The time now as results and sessions record it: RFC 3339 in UTC, to
    /// the second (`2026-11-26T13:20:05Z`).
    pub fn stamp(self) -> String {
        humantime::format_rfc3339_seconds(self.now()).to_string()
    }
}

/// Everything decided about the environment.
#[derive(Debug, Clone)]
pub struct Context {
    /// `--color`.
    pub colour: ColorChoice,
    /// `NO_COLOR` is set to something.
    pub no_color: bool,
    /// `CLICOLOR_FORCE` is set to something other than `0`.
    pub force_color: bool,
    /// `TERM=dumb`.
    pub dumb: bool,
    /// The locale lacks UTF-8.
    pub ascii: bool,
    /// Standard input.
    pub stdin_terminal: bool,
    /// Standard output.
    pub stdout: Stream,
    /// Standard error, where prompts and messages go.
    pub stderr: Stream,
    /// `--content` or `ITLEAD_CONTENT`.
    pub content: Option<PathBuf>,
    /// Where saved results live.
    pub data_dir: Option<PathBuf>,
    /// Where the unfinished session lives.
    pub state_dir: Option<PathBuf>,
    /// How the user runs itlead, as shell words (`itlead`, `cargo run --`,
    /// a path), for the commands that messages name: worked out the first
    /// time a message needs it ([`Context::program`]), since finding it
    /// looks at every directory on `PATH`.
    program: crate::shell::Program,
    /// `SOURCE_DATE_EPOCH`: the date man pages carry, for reproducible builds.
    pub source_date_epoch: Option<u64>,
    /// Where the time comes from.
    pub clock: Clock,
    /// The shuffle seed of a new assessment: `assess --seed`, else drawn
    /// the first time it is asked for ([`Context::seed`]).
    seed: OnceLock<u64>,
}

impl Context {
    /// Reads the real environment; `seed` is the one the command line
    /// fixes, if any ([`Cli::seed`](crate::cli::Cli::seed)).
    pub fn detect(colour: ColorChoice, content: Option<PathBuf>, seed: Option<u64>) -> Self {
        let stdout = std::io::stdout();
        let stderr = std::io::stderr();
        Self {
            colour,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
            force_color: std::env::var_os("CLICOLOR_FORCE")
                .is_some_and(|value| !value.is_empty() && value != "0"),
            dumb: terminal::is_dumb_terminal(),
            ascii: terminal::ascii_only(),
            stdin_terminal: std::io::stdin().is_terminal(),
            stdout: Stream { terminal: stdout.is_terminal(), width: terminal::width_now(&stdout) },
            stderr: Stream { terminal: stderr.is_terminal(), width: terminal::width_now(&stderr) },
            content,
            data_dir: crate::edges::paths::data_dir().ok(),
            state_dir: crate::edges::paths::state_dir().ok(),
            program: crate::shell::Program::default(),
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|value| value.trim().parse().ok()),
            clock: Clock::System,
            seed: seed.map_or_else(OnceLock::new, OnceLock::from),
        }
    }

    /// How the user runs itlead, as shell words (`itlead`, `cargo run --`,
    /// a path), for the commands that messages name.
    pub fn program(&self) -> &str {
        self.program.words()
    }

    /// The same, for a request that names commands later.
    pub fn program_words(&self) -> crate::shell::Program {
        self.program.clone()
    }

    /// The shuffle seed of a new assessment: `assess --seed`, else one
    /// drawn at the first call and kept.
    pub fn seed(&self) -> u64 {
        *self.seed.get_or_init(|| fastrand::u64(..))
    }

    /// The same environment with the width of each terminal measured
    /// again: an interactive run lasts minutes, and its window may have
    /// been resized since the start. What follows the questions (the
    /// report, the last messages) is drawn at the width the window has now.
    pub fn measured_again(&self) -> Self {
        let mut now = self.clone();
        if now.stdout.terminal {
            now.stdout.width = terminal::width_now(std::io::stdout());
        }
        if now.stderr.terminal {
            now.stderr.width = terminal::width_now(std::io::stderr());
        }
        now
    }

    /// Whether text on `stream` is coloured: `--color always` or `never`
    /// decide; otherwise `NO_COLOR` removes colour, `CLICOLOR_FORCE` forces
    /// it (as `--color always` would), and else a terminal that is not
    /// `dumb` gets it.
    pub fn colour_on(&self, stream: Stream) -> bool {
        match self.colour {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if self.no_color => false,
            ColorChoice::Auto if self.force_color => true,
            ColorChoice::Auto => stream.terminal && !self.dumb,
        }
    }

    /// How a document is drawn where `output` sends it: the terminal's
    /// width and colour on stdout; no colour in a file under `--color auto`.
    pub fn style_for(&self, output: &OutputArgs) -> TextStyle {
        let to_file = !output.is_stdout();
        let stream = if to_file { Stream { terminal: false, ..self.stdout } } else { self.stdout };
        TextStyle { width: stream.width, ascii: self.ascii, colour: self.colour_on(stream) }
    }

    /// How messages on stderr are drawn.
    pub fn stderr_style(&self) -> TextStyle {
        TextStyle {
            width: self.stderr.width,
            ascii: self.ascii,
            colour: self.colour_on(self.stderr),
        }
    }

    /// The directory of saved results.
    pub fn results_dir(&self) -> Result<PathBuf> {
        self.data_dir
            .as_deref()
            .map(|dir| dir.join("results"))
            .ok_or_else(|| anyhow!("cannot find the home directory; set ITLEAD_DATA_DIR"))
    }

    /// The file of the unfinished session: your own, or one per person you
    /// answer about (`about`), so that rating a colleague never waits for
    /// your own assessment, nor the other way round.
    pub fn session_file(&self, about: Option<&str>) -> Result<PathBuf> {
        let name = about.map_or_else(
            || String::from("session.json"),
            |name| format!("session-about-{}.json", crate::edges::paths::slug(name)),
        );
        self.state_dir
            .as_deref()
            .map(|dir| dir.join(name))
            .ok_or_else(|| anyhow!("cannot find the home directory; set ITLEAD_STATE_DIR"))
    }

    /// The content file, if not the built-in content.
    pub fn content_path(&self) -> Option<&Path> {
        self.content.as_deref()
    }
}

#[cfg(test)]
impl Context {
    /// A context that reads nothing from the environment: no terminal, 80
    /// columns, no colour, no directories, the built-in content, and
    /// `clock` and `seed`.
    pub(crate) fn quiet(clock: Clock, seed: u64) -> Self {
        let stream = Stream { terminal: false, width: 80 };
        Self {
            colour: ColorChoice::Never,
            no_color: false,
            force_color: false,
            dumb: false,
            ascii: false,
            stdin_terminal: false,
            stdout: stream,
            stderr: stream,
            content: None,
            data_dir: None,
            state_dir: None,
            program: crate::shell::Program::from("itlead"),
            source_date_epoch: None,
            clock,
            seed: OnceLock::from(seed),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;

    #[test]
    fn a_fixed_clock_stamps_its_instant_to_the_second_in_utc() {
        let when = UNIX_EPOCH + Duration::from_millis(1_795_699_205_750);
        assert_eq!(Clock::Fixed(when).stamp(), "2026-11-26T13:20:05Z");
        assert_eq!(Clock::Fixed(when).now(), when);
    }

    #[test]
    fn the_system_clock_moves_on() {
        let before = SystemTime::now();
        let read = Clock::System.now();
        assert!(read >= before && read <= SystemTime::now());
    }

    #[test]
    fn a_seed_on_the_command_line_is_the_seed() {
        use clap::Parser as _;
        let cli = crate::cli::Cli::try_parse_from(["itlead", "assess", "--seed", "42"]).unwrap();
        let context = Context::detect(cli.color, None, cli.seed());
        assert_eq!(context.seed(), 42);
        assert_eq!(context.clock, Clock::System);
        let cli = crate::cli::Cli::try_parse_from(["itlead", "list"]).unwrap();
        assert_eq!(cli.seed(), None);
    }
}
