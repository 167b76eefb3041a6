//! Text for people: renderers take values and a width and return a string.
//!
//! Nothing here touches the terminal. Colour goes through `colored`, whose
//! on/off switch [`crate::terminal`] sets once, so every renderer reads well
//! with colour off.

pub mod check;
pub mod explain;
pub mod list;
pub mod report;

use colored::Colorize;
use unicode_width::UnicodeWidthStr;

/// The arrow between a manager pole and a leader pole.
pub const BETWEEN: &str = "⟷";

/// The arrow, or `<->` for terminals without UTF-8.
pub fn between(ascii: bool) -> &'static str {
    if ascii { "<->" } else { BETWEEN }
}

/// A middle dot separating labels, or a comma without UTF-8.
pub fn separator(ascii: bool) -> &'static str {
    if ascii { "," } else { " ·" }
}

/// How text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// Columns available.
    pub width: usize,
    /// Use only ASCII (for terminals without UTF-8).
    pub ascii: bool,
}

/// A score for people: `+38`, `-12`, `0`, or `–` when there is none.
pub fn signed(score: Option<i32>) -> String {
    match score {
        None => String::from("–"),
        Some(0) => String::from("0"),
        Some(score) => format!("{score:+}"),
    }
}

/// Wraps `text` to `width` columns with `indent` before every line.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let options = textwrap::Options::new(width.max(indent.width() + 10))
        .initial_indent(indent)
        .subsequent_indent(indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text.trim(), options)
}

/// Wraps a bullet list item: `- ` then the text, continuation lines aligned.
pub fn bullet(text: &str, width: usize, indent: &str) -> String {
    let first = format!("{indent}- ");
    let rest = format!("{indent}  ");
    let options = textwrap::Options::new(width.max(rest.width() + 10))
        .initial_indent(&first)
        .subsequent_indent(&rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text.trim(), options)
}

/// A heading line.
pub fn heading(text: &str) -> String {
    text.bold().to_string()
}

/// Text in the manager colour.
pub fn manager(text: &str) -> String {
    text.blue().to_string()
}

/// Text in the leader colour.
pub fn leader(text: &str) -> String {
    text.magenta().to_string()
}

/// Dimmed text for hints.
pub fn dim(text: &str) -> String {
    text.dimmed().to_string()
}

/// `text` padded with spaces to `width` display columns.
pub fn pad(text: &str, width: usize) -> String {
    let shown = text.width();
    format!("{text}{}", " ".repeat(width.saturating_sub(shown)))
}

/// `text` cut to at most `width` display columns, with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for character in text.chars() {
        let character_width = unicode_width::UnicodeWidthChar::width(character).unwrap_or(0);
        if used + character_width + 1 > width {
            break;
        }
        out.push(character);
        used += character_width;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_respects_display_width() {
        assert_eq!(truncate("Systems & processes", 8), "Systems…");
        assert_eq!(truncate("short", 8), "short");
        assert_eq!(pad("ab", 4), "ab  ");
    }

    #[test]
    fn wrapping_never_exceeds_width() {
        let text = "a fairly long sentence that has to wrap at a narrow width to stay readable";
        for line in wrap(text, 24, "  ").lines() {
            assert!(line.width() <= 24, "{line:?}");
        }
    }
}
