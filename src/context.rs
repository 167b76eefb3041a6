//! The environment, decided once: terminal or not, widths, colour, the
//! character set, where files live, which content to use. `run` builds one
//! [`Context`] and passes it down; nothing below asks the environment again
//! or switches colour in the middle of a run.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    /// a path), for the commands that messages name.
    pub program: String,
    /// `SOURCE_DATE_EPOCH`: the date man pages carry, for reproducible builds.
    pub source_date_epoch: Option<u64>,
}

impl Context {
    /// Reads the real environment.
    pub fn detect(colour: ColorChoice, content: Option<PathBuf>) -> Self {
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
            stdout: Stream {
                terminal: stdout.is_terminal(),
                width: terminal::width_of(terminal_size::terminal_size_of(&stdout)),
            },
            stderr: Stream {
                terminal: stderr.is_terminal(),
                width: terminal::width_of(terminal_size::terminal_size_of(&stderr)),
            },
            content,
            data_dir: crate::edges::paths::data_dir().ok(),
            state_dir: crate::edges::paths::state_dir().ok(),
            program: crate::shell::program(),
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|value| value.trim().parse().ok()),
        }
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
