//! The terminal: what it is (width, character set, `TERM`), and the two
//! prompters that ask questions on it, with their key loop, layout and
//! signals. [`crate::context`] reads these once
//! at start.

pub mod layout;
pub mod menu;
pub mod prompters;
pub mod signals;
mod tty;

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

/// Whether `TERM` is `dumb`.
pub fn is_dumb_terminal() -> bool {
    std::env::var("TERM").is_ok_and(|term| term == "dumb")
}

/// The width to lay text out for on `stream` now ([`width_of`] its size):
/// it changes when the window is resized.
pub fn width_now(stream: impl std::os::fd::AsFd) -> usize {
    width_of(terminal_size::terminal_size_of(stream))
}

/// The width to lay text out for: the terminal's, else `COLUMNS`, else 80,
/// kept within [`MIN_WIDTH`]..=[`MAX_WIDTH`].
pub fn width_of(size: Option<(terminal_size::Width, terminal_size::Height)>) -> usize {
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
    fn widths_are_clamped() {
        assert_eq!(clamp_width(5), MIN_WIDTH);
        assert_eq!(clamp_width(60), 60);
        assert_eq!(clamp_width(400), MAX_WIDTH);
    }
}
