//! Styling of text for a terminal, shared by the text format and the
//! prompts: the [`TextStyle`] a stream gets (its width, ASCII only or not,
//! colour or not), [`paint`], which makes text safe and colours it by its
//! [`Tone`], and [`wrap`].
//!
//! Every piece of text bound for a terminal goes through [`paint`], which
//! first shows control characters and escape sequences as visible escapes,
//! then adds itlead's own colours: text from a file can never drive the
//! terminal.

use colored::Colorize;
use unicode_width::UnicodeWidthStr;

use crate::content::text::visible;
use crate::view::Tone;

/// How text is laid out and drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextStyle {
    /// Columns available.
    pub width: usize,
    /// Only ASCII characters (terminals without UTF-8).
    pub ascii: bool,
    /// ANSI colours and bold.
    pub colour: bool,
}

impl TextStyle {
    /// Plain text at `width`: no colour, UTF-8.
    pub fn plain(width: usize) -> Self {
        Self { width, ascii: false, colour: false }
    }
}

/// itlead's own non-ASCII characters and their ASCII stand-ins.
const ASCII_FORMS: [(char, &str); 12] = [
    ('⟷', "<->"),
    ('±', "+/-"),
    ('–', "-"),
    ('—', "-"),
    ('→', "->"),
    ('·', ","),
    ('…', "..."),
    ('≈', "~"),
    ('●', "O"),
    ('○', "o"),
    ('◆', "#"),
    ('━', "="),
];

/// `text` made safe for a terminal and styled: unsafe characters shown as
/// escapes (newlines and tabs kept), itlead's glyphs in ASCII when asked,
/// then coloured by `tone`.
pub fn paint(text: &str, tone: Tone, style: TextStyle) -> String {
    let safe = visible(text, true);
    let shown = if style.ascii { ascii(&safe) } else { safe.into_owned() };
    if !style.colour || shown.is_empty() {
        return shown;
    }
    match tone {
        Tone::Plain => shown,
        Tone::Strong => shown.bold().to_string(),
        Tone::Dim => shown.dimmed().to_string(),
        Tone::Manager => shown.blue().to_string(),
        Tone::Leader => shown.magenta().to_string(),
        Tone::Quiet => shown.italic().to_string(),
        Tone::Alert => shown.yellow().to_string(),
    }
}

/// itlead's glyphs replaced by ASCII; other characters kept.
pub fn ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for character in text.chars() {
        match ASCII_FORMS.iter().find(|(glyph, _)| *glyph == character) {
            Some((_, stand_in)) => out.push_str(stand_in),
            None => out.push(character),
        }
    }
    out
}

/// Wraps `text` (already painted) to `width` columns with `indent` before
/// every line.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let options = textwrap::Options::new(width.max(indent.width() + 10))
        .initial_indent(indent)
        .subsequent_indent(indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text.trim(), options)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn painting_shows_escapes_and_keeps_layout() {
        let style = TextStyle::plain(80);
        assert_eq!(
            paint("a\u{1b}]52;c;eA==\u{7}b", Tone::Plain, style),
            "a\\e]52;c;eA==\\u{0007}b"
        );
        assert_eq!(paint("one\ntwo", Tone::Plain, style), "one\ntwo");
        let ascii_style = TextStyle { ascii: true, ..style };
        assert_eq!(
            paint("Today ⟷ Tomorrow ±3", Tone::Plain, ascii_style),
            "Today <-> Tomorrow +/-3"
        );
    }
}
