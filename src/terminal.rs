//! The one place that decides about colour and width.
//!
//! Colour is on when `--color always`, or when `--color auto` (the default)
//! and stdout is a terminal, `NO_COLOR` is unset or empty and `TERM` is not
//! `dumb`. The decision is made once and handed to `colored`. Width comes
//! from the terminal, then `COLUMNS`, then 80.

use std::io::IsTerminal;

use clap::ValueEnum;

/// Narrowest width text is laid out for; narrower requests are raised to it.
pub const MIN_WIDTH: usize = 20;
/// Widest width text is laid out for, so lines stay readable.
pub const MAX_WIDTH: usize = 100;
/// Width used when nothing says otherwise.
pub const DEFAULT_WIDTH: usize = 80;

/// The `--color` flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    #[default]
    Auto,
    /// Always colour, even into a pipe.
    Always,
    /// Never colour.
    Never,
}

/// What the environment says, gathered once so the decision is testable.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    /// `NO_COLOR` is set to a non-empty value.
    pub no_color: bool,
    /// `TERM` is `dumb`.
    pub dumb_terminal: bool,
    /// stdout is a terminal.
    pub stdout_is_terminal: bool,
}

impl Environment {
    /// Reads the real environment, for output on stdout.
    pub fn detect() -> Self {
        Self {
            no_color: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
            dumb_terminal: is_dumb_terminal(),
            stdout_is_terminal: std::io::stdout().is_terminal(),
        }
    }

    /// The same for output on stderr, where prompts go.
    pub fn detect_for_stderr() -> Self {
        Self { stdout_is_terminal: std::io::stderr().is_terminal(), ..Self::detect() }
    }
}

/// Whether `TERM` is `dumb`.
pub fn is_dumb_terminal() -> bool {
    std::env::var("TERM").is_ok_and(|term| term == "dumb")
}

/// Whether output should be coloured.
pub fn use_color(choice: ColorChoice, environment: &Environment) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            environment.stdout_is_terminal && !environment.no_color && !environment.dumb_terminal
        }
    }
}

/// Applies the colour decision to `colored` and `console` (used by prompts).
pub fn apply_color(enabled: bool) {
    colored::control::set_override(enabled);
    console::set_colors_enabled(enabled);
    console::set_colors_enabled_stderr(enabled);
}

/// The width to lay out text on stdout for.
pub fn width() -> usize {
    width_for(terminal_size::terminal_size_of(std::io::stdout()))
}

/// The width to lay out prompts for: they go to stderr, which stays a
/// terminal when stdout is redirected (`itlead assess > report.txt`).
pub fn prompt_width() -> usize {
    width_for(terminal_size::terminal_size_of(std::io::stderr()))
}

fn width_for(size: Option<(terminal_size::Width, terminal_size::Height)>) -> usize {
    let from_terminal = size.map(|(terminal_size::Width(columns), _)| usize::from(columns));
    let from_env = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|value| value.trim().parse::<usize>().ok())
            .filter(|columns| *columns > 0)
    };
    clamp_width(from_terminal.or_else(from_env).unwrap_or(DEFAULT_WIDTH))
}

/// Keeps a width within what the renderers lay out well.
pub fn clamp_width(columns: usize) -> usize {
    columns.clamp(MIN_WIDTH, MAX_WIDTH)
}

/// Whether the locale asks for plain ASCII: `LC_ALL`, `LC_CTYPE` or `LANG`
/// (the first one set) names a locale without UTF-8, such as `C` or
/// `POSIX`. With none set, UTF-8 is assumed.
pub fn ascii_only() -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|value| !value.is_empty()))
        .is_some_and(|locale| {
            let locale = locale.to_lowercase();
            !(locale.contains("utf-8") || locale.contains("utf8"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colours_only_a_plain_terminal() {
        let terminal = Environment { stdout_is_terminal: true, ..Environment::default() };
        assert!(use_color(ColorChoice::Auto, &terminal));
        assert!(!use_color(ColorChoice::Auto, &Environment::default()));
        let no_color = Environment { no_color: true, ..terminal.clone() };
        assert!(!use_color(ColorChoice::Auto, &no_color));
        assert!(use_color(ColorChoice::Always, &no_color));
        let dumb = Environment { dumb_terminal: true, ..terminal };
        assert!(!use_color(ColorChoice::Auto, &dumb));
        assert!(!use_color(ColorChoice::Never, &dumb));
    }

    #[test]
    fn widths_are_clamped() {
        assert_eq!(clamp_width(5), MIN_WIDTH);
        assert_eq!(clamp_width(60), 60);
        assert_eq!(clamp_width(400), MAX_WIDTH);
    }
}
