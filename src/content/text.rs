//! Which characters a text may hold, and how to show the ones it may not.
//!
//! Text from files reaches terminals, Markdown and HTML. Control characters
//! (C0, DEL and C1) can carry escape sequences that set a window title or
//! write to the clipboard, and the bidirectional overrides can make text
//! read differently from what it holds. Content validation refuses them;
//! the terminal sanitizer ([`visible`]) shows them as harmless escapes.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `character` is a bidirectional embedding, override or isolate
/// (U+202A–U+202E, U+2066–U+2069).
pub fn is_direction_control(character: char) -> bool {
    matches!(character, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Whether `character` must never reach a terminal as it is: a C0 or C1
/// control character, DEL, or a direction control.
pub fn is_unsafe(character: char) -> bool {
    character.is_control() || is_direction_control(character)
}

/// The first unsafe character of `text` and its 1-based position, counting
/// characters. Line breaks are allowed when `multiline`; so are tabs, which
/// YAML block scalars may hold.
pub fn first_unsafe(text: &str, multiline: bool) -> Option<(usize, char)> {
    // Printable ASCII, nearly every text, is safe without decoding a
    // character.
    if text.bytes().all(|byte| matches!(byte, b' '..=b'~')) {
        return None;
    }
    text.chars().enumerate().find_map(|(index, character)| {
        let allowed = multiline && matches!(character, '\n' | '\t');
        (is_unsafe(character) && !allowed).then_some((index + 1, character))
    })
}

/// How an unsafe character is shown: `\e` for ESC, `\t`, `\r`, `\n`, and
/// `\u{…}` for the rest.
pub fn escape(character: char) -> String {
    match character {
        '\u{1b}' => String::from("\\e"),
        '\t' => String::from("\\t"),
        '\r' => String::from("\\r"),
        '\n' => String::from("\\n"),
        other => format!("\\u{{{:04x}}}", u32::from(other)),
    }
}

/// `text` with every unsafe character shown as a visible escape; with
/// `keep_layout`, newlines and tabs stay as they are. Borrowed when there
/// was nothing to change, which is almost always.
pub fn visible(text: &str, keep_layout: bool) -> Cow<'_, str> {
    let unsafe_here = |character: char| {
        is_unsafe(character) && !(keep_layout && matches!(character, '\n' | '\t'))
    };
    if !text.chars().any(unsafe_here) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        if unsafe_here(character) {
            let _ = write!(out, "{}", escape(character));
        } else {
            out.push(character);
        }
    }
    Cow::Owned(out)
}

/// The format of the rendered document `text` looks like (`HTML`, `CSV`,
/// `Markdown`, `text`), for a file that did not parse as data: itlead's own reports in HTML, CSV, Markdown or text
/// are easy to give where a result or content was meant.
pub fn rendered_kind(text: &str) -> Option<&'static str> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let mut lines = text.lines().map(str::trim).filter(|line| !line.is_empty());
    let first = lines.next()?;
    let looks_like_key = |line: &str| line.ends_with(':') || line.contains(": ");
    if first.starts_with('<') {
        Some("HTML")
    } else if first.contains(',') && !looks_like_key(first) && !first.starts_with(['{', '[', '-']) {
        Some("CSV")
    } else if first.starts_with("# ")
        && lines.next().is_none_or(|line| !looks_like_key(line) && !line.starts_with('#'))
    {
        Some("Markdown")
    } else if !looks_like_key(first) && !first.starts_with(['{', '[', '-', '#', '"', '\'']) {
        Some("text")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rendered_documents_are_recognised_and_data_is_not() {
        assert_eq!(rendered_kind("<!DOCTYPE html>\n<html>"), Some("HTML"));
        assert_eq!(rendered_kind("id,theme,manager,leader,score\n"), Some("CSV"));
        assert_eq!(
            rendered_kind("# Your profile\n\nIT manager and leader contrasts 2.0.0 · x"),
            Some("Markdown")
        );
        assert_eq!(rendered_kind("Your profile\nIT manager and leader"), Some("text"));
        assert_eq!(rendered_kind("schema: itlead.result/2\n"), None);
        assert_eq!(rendered_kind("# a comment\nschema: 2\n"), None);
        assert_eq!(rendered_kind("{\"schema\": 1}"), None);
        assert_eq!(rendered_kind("- a\n- b"), None);
        assert_eq!(rendered_kind("\"just a string\""), None);
    }

    #[test]
    fn escapes_are_shown_not_kept() {
        assert_eq!(visible("a\u{1b}]0;pwned\u{7}b", true), "a\\e]0;pwned\\u{0007}b");
        assert_eq!(visible("x\u{9b}31m", false), "x\\u{009b}31m");
        assert_eq!(visible("abc\u{202e}def", false), "abc\\u{202e}def");
        assert_eq!(visible("line\nnext\ttab", true), "line\nnext\ttab");
        assert_eq!(visible("line\nnext", false), "line\\nnext");
        assert!(matches!(visible("plain ⟷ text", false), Cow::Borrowed(_)));
    }

    #[test]
    fn first_unsafe_counts_characters() {
        assert_eq!(first_unsafe("ok", false), None);
        assert_eq!(first_unsafe("é\u{1b}", false), Some((2, '\u{1b}')));
        assert_eq!(first_unsafe("a\nb", true), None);
        assert_eq!(first_unsafe("a\nb", false), Some((2, '\n')));
        assert_eq!(first_unsafe("a\u{2067}", true), Some((2, '\u{2067}')));
    }
}
