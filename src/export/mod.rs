//! Formats: one file per format, each drawing a [`View`].
//!
//! A document (a result, a team, …) implements [`Document`]: it serialises
//! itself for JSON and YAML, and builds a view for text, Markdown, HTML and
//! CSV. [`render`] turns a document into the bytes of one format; nothing
//! here writes anywhere ([`crate::edges::output`] does).

pub mod csv;
pub mod escape;
pub mod html;
pub mod markdown;
pub mod style;
pub mod text;

use std::io::{self, Write as _};

use anyhow::{Context, Result};
use clap::builder::{PossibleValue, TypedValueParser};
use serde::Serialize;

pub use self::style::TextStyle;
pub use crate::format::{Format, Formats};
use crate::view::View;

/// Something itlead can print in several formats.
pub trait Document: Serialize {
    /// The formats that make sense for it.
    const FORMATS: &'static [Format];

    /// The view that text, Markdown, HTML and CSV draw.
    fn view(&self) -> View;
}

/// `document` in `format`. `style` lays out text.
pub fn render<D: Document>(document: &D, format: Format, style: TextStyle) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write(document, format, style, false, &mut out)?;
    Ok(out)
}

/// `document` in `format`, written to `out`; made safe to show on a
/// terminal when `terminal` says `out` is one, as [`for_terminal`] does.
/// JSON and YAML are serialised straight into `out`, so a long document (a
/// history of 100,000 results) is never held whole; the other formats are
/// drawn first, then written.
pub fn write<D: Document>(
    document: &D,
    format: Format,
    style: TextStyle,
    terminal: bool,
    out: &mut dyn io::Write,
) -> Result<()> {
    let drawn = match format {
        Format::Json | Format::Yaml => None,
        // Safe for a terminal as it is drawn, and written line by line.
        Format::Text => return write_text(&document.view(), style, out),
        Format::Markdown => Some(markdown::render(&document.view())),
        Format::Csv => Some(csv::render(&document.view())),
        Format::Html => Some(html::render(&document.view())),
    };
    if let Some(drawn) = drawn {
        return write_drawn(drawn, format, terminal, out);
    }
    let mut shown;
    let out: &mut dyn io::Write = if terminal {
        shown = Escaping::new(out, shown_on_terminal);
        &mut shown
    } else {
        out
    };
    match format {
        Format::Json => json_to(document, out)?,
        _ => serde_yaml::to_writer(&mut *out, document).context("cannot write YAML")?,
    }
    out.flush().context("cannot write the document")
}

/// `view` as text, written to `out` as it is drawn.
fn write_text(view: &View, style: TextStyle, out: &mut dyn io::Write) -> Result<()> {
    /// Text to `inner`, keeping the error a write met.
    struct Lines<'a> {
        inner: &'a mut dyn io::Write,
        failed: Option<io::Error>,
    }
    impl std::fmt::Write for Lines<'_> {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            self.inner.write_all(text.as_bytes()).map_err(|error| {
                self.failed = Some(error);
                std::fmt::Error
            })
        }
    }
    let mut lines = Lines { inner: out, failed: None };
    match (text::draw(view, style, &mut lines), lines.failed) {
        (_, Some(error)) => Err(error).context("cannot write the document"),
        (result, None) => result.context("cannot draw the document"),
    }
}

/// A document drawn in `format` (text, Markdown, CSV or HTML), written to
/// `out` as [`write`] does.
fn write_drawn(
    drawn: String,
    format: Format,
    terminal: bool,
    out: &mut dyn io::Write,
) -> Result<()> {
    let mut bytes = drawn.into_bytes();
    if terminal {
        bytes = for_terminal(bytes, format);
    }
    out.write_all(&bytes).context("cannot write the document")
}

/// Pretty JSON with a final line break. Control and direction characters
/// that `serde_json` writes as they are (DEL, C1, the bidirectional
/// controls) are written as `\uXXXX` escapes: the same JSON, harmless on a
/// terminal. Outside strings JSON is ASCII, so only strings change.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    json_to(value, &mut out)?;
    Ok(out)
}

/// [`json`], written to `out` as it is made.
pub fn json_to<T: Serialize + ?Sized>(value: &T, out: &mut dyn io::Write) -> Result<()> {
    let mut escaped = Escaping::new(out, json_escape);
    serde_json::to_writer_pretty(&mut escaped, value).context("cannot write JSON")?;
    escaped.write_all(b"\n").context("cannot write JSON")?;
    escaped.flush().context("cannot write JSON")
}

/// A character's `\uXXXX` escape in JSON, for those [`json`] escapes. Line
/// breaks are the pretty layout's own; anything else unsafe is in a string.
fn json_escape(character: char) -> Option<String> {
    (crate::content::text::is_unsafe(character) && character != '\n')
        .then(|| format!("\\u{:04x}", u32::from(character)))
}

/// A character's visible escape on a terminal, for those
/// [`crate::content::text::visible`] escapes keeping the layout.
fn shown_on_terminal(character: char) -> Option<String> {
    (crate::content::text::is_unsafe(character) && !matches!(character, '\n' | '\t'))
        .then(|| crate::content::text::escape(character))
}

/// A writer that passes UTF-8 on to `inner`, each character `escape` names
/// replaced by what it returns. What is written is gathered and passed on
/// in pieces of [`Escaping::PIECE`] bytes (a write is only a copy, which
/// keeps the serialisers' code small and fast); a character split between
/// two pieces waits until it is whole, and bytes that are not UTF-8 pass as
/// they are. [`io::Write::flush`] passes on the rest.
struct Escaping<'a> {
    inner: &'a mut dyn io::Write,
    escape: fn(char) -> Option<String>,
    gathered: Vec<u8>,
}

impl<'a> Escaping<'a> {
    /// How much is gathered before it is passed on.
    const PIECE: usize = 1 << 16;

    fn new(inner: &'a mut dyn io::Write, escape: fn(char) -> Option<String>) -> Self {
        Self { inner, escape, gathered: Vec::new() }
    }

    /// Passes on what was gathered: all of it when `all`, else all but the
    /// start of a character that the next write ends, which stays.
    fn pass_on(&mut self, all: bool) -> io::Result<()> {
        let mut gathered = std::mem::take(&mut self.gathered);
        let waiting = self.pass(&gathered, all)?;
        // The same buffer again, holding what waits.
        gathered.drain(..gathered.len() - waiting);
        self.gathered = gathered;
        Ok(())
    }

    /// Passes `bytes` on, escaped; returns how many at the end wait for
    /// the rest of their character (none when `all`).
    fn pass(&mut self, mut bytes: &[u8], all: bool) -> io::Result<usize> {
        // Printable ASCII and line breaks, nearly everything, pass at once.
        if bytes.iter().all(|&byte| byte == b'\n' || (b' '..=b'~').contains(&byte)) {
            self.inner.write_all(bytes)?;
            return Ok(0);
        }
        loop {
            let error = match std::str::from_utf8(bytes) {
                Ok(text) => return self.text(text).map(|()| 0),
                Err(error) => error,
            };
            let (valid, after) = bytes.split_at(error.valid_up_to());
            // Checked by `from_utf8` up to here.
            self.text(std::str::from_utf8(valid).unwrap_or_default())?;
            match error.error_len() {
                // Not UTF-8: passed as it is.
                Some(length) => {
                    self.inner.write_all(&after[..length])?;
                    bytes = &after[length..];
                }
                // A character never ended is not UTF-8: passed as it is.
                None if all => return self.inner.write_all(after).map(|()| 0),
                None => return Ok(after.len()),
            }
        }
    }

    /// Writes the UTF-8 text `text` with its characters escaped.
    fn text(&mut self, text: &str) -> io::Result<()> {
        let mut start = 0;
        for (at, character) in text.char_indices() {
            if let Some(escaped) = (self.escape)(character) {
                self.inner.write_all(&text.as_bytes()[start..at])?;
                self.inner.write_all(escaped.as_bytes())?;
                start = at + character.len_utf8();
            }
        }
        self.inner.write_all(&text.as_bytes()[start..])
    }
}

impl io::Write for Escaping<'_> {
    #[inline]
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.gathered.extend_from_slice(bytes);
        if self.gathered.len() >= Self::PIECE {
            self.pass_on(false)?;
        }
        Ok(bytes.len())
    }

    #[inline]
    fn write_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.write(bytes).map(drop)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.pass_on(true)?;
        self.inner.flush()
    }
}

/// `bytes` rendered in `format`, made safe to show on a terminal: text is
/// already safe (its colours are added after sanitizing); every other
/// format shows control and direction characters as visible escapes.
pub fn for_terminal(bytes: Vec<u8>, format: Format) -> Vec<u8> {
    if format == Format::Text {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(text) => match crate::content::text::visible(&text, true) {
            std::borrow::Cow::Borrowed(_) => text.into_bytes(),
            std::borrow::Cow::Owned(safe) => safe.into_bytes(),
        },
        Err(error) => error.into_bytes(),
    }
}

/// A `--format` value parser offering `formats` only.
#[derive(Debug, Clone, Copy)]
pub struct FormatParser(pub &'static [Format]);

impl TypedValueParser for FormatParser {
    type Value = Format;

    fn parse_ref(
        &self,
        command: &clap::Command,
        argument: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Format, clap::Error> {
        let names: Vec<&str> = self.0.iter().map(|format| format.id()).collect();
        clap::builder::PossibleValuesParser::new(names).parse_ref(command, argument, value).map(
            |name| self.0.iter().copied().find(|format| format.id() == name).unwrap_or(self.0[0]),
        )
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            self.0.iter().map(|format| PossibleValue::new(format.id()).help(format.help())),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{Block, Cell, Column, Table};

    fn columns() -> Vec<Column> {
        vec![
            Column::number("#", "number"),
            Column::text("who", "who").cuttable(),
            Column::text("mode", "mode").dropped(1),
        ]
    }

    fn cells(index: usize) -> Vec<Cell> {
        let who = ["Ada Lovelace", "=SUM(A1)", "Grace | Hopper <b>"][index % 3];
        vec![Cell::Count(index + 1), Cell::text(who), Cell::text("quick")]
    }

    fn view_of(table: Table) -> View {
        let mut view = View::new("Listing");
        view.push(Block::Table(table));
        view
    }

    #[test]
    fn made_rows_are_drawn_as_held_rows_are() {
        let mut held = Table::new(columns());
        for index in 0..7 {
            held.row(cells(index));
        }
        let made = Table::made(columns(), 7, cells);
        assert_eq!(made, held);
        assert_eq!(made.rows().count(), 7);
        let (held, made) = (view_of(held), view_of(made));
        // Wide, a column dropped, and rows as records.
        for width in [80, 24, 12] {
            let style = TextStyle::plain(width);
            assert_eq!(text::render(&made, style), text::render(&held, style), "at {width}");
        }
        assert!(text::render(&made, TextStyle::plain(24)).contains("who"));
        assert!(!text::render(&made, TextStyle::plain(24)).contains("mode"));
        assert!(text::render(&made, TextStyle::plain(12)).contains("who: Ada"));
        assert_eq!(csv::render(&made), csv::render(&held));
        assert_eq!(markdown::render(&made), markdown::render(&held));
        assert_eq!(html::render(&made), html::render(&held));
    }

    /// A document whose strings hold what a terminal must not get.
    #[derive(Serialize)]
    struct Unsafe {
        text: String,
        list: Vec<String>,
    }

    impl Document for Unsafe {
        const FORMATS: &'static [Format] = &[Format::Json, Format::Yaml];
        fn view(&self) -> View {
            View::new(self.text.clone())
        }
    }

    #[test]
    fn written_json_and_yaml_are_the_rendered_bytes() {
        let document = Unsafe {
            text: String::from("a\u{1b}[2Jb \u{202e}é\u{7f}\u{85}\ttab"),
            list: vec![String::from("ünïcödé ⟷"), String::new()],
        };
        let style = TextStyle::plain(80);
        for format in [Format::Json, Format::Yaml] {
            let rendered = render(&document, format, style).unwrap();
            let mut written = Vec::new();
            write(&document, format, style, false, &mut written).unwrap();
            assert_eq!(String::from_utf8_lossy(&written), String::from_utf8_lossy(&rendered));
            let mut shown = Vec::new();
            write(&document, format, style, true, &mut shown).unwrap();
            let expected = for_terminal(rendered.clone(), format);
            // YAML writes the direction control as it is: the terminal gets it escaped.
            assert_eq!(format == Format::Yaml, expected != rendered);
            assert_eq!(String::from_utf8_lossy(&shown), String::from_utf8_lossy(&expected));
        }
        let json = String::from_utf8(json(&document).unwrap()).unwrap();
        assert!(json.contains(r"\u001b[2Jb \u202eé\u007f\u0085\ttab"), "{json}");
        assert!(json.ends_with("}\n"), "{json}");
    }

    #[test]
    fn a_character_split_between_writes_is_escaped_whole() {
        let text = "x\u{202e}y é\u{85}z";
        let mut out = Vec::new();
        let mut escaping = Escaping::new(&mut out, json_escape);
        for byte in text.as_bytes() {
            escaping.write_all(std::slice::from_ref(byte)).unwrap();
        }
        escaping.flush().unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r"x\u202ey é\u0085z");
        // A character split where a piece is passed on waits for its end.
        let mut out = Vec::new();
        let mut escaping = Escaping::new(&mut out, json_escape);
        let control = "\u{202e}".as_bytes();
        escaping.write_all(&vec![b'a'; Escaping::PIECE - 1]).unwrap();
        escaping.write_all(&control[..1]).unwrap();
        assert_eq!(escaping.gathered, control[..1]);
        escaping.write_all(&control[1..]).unwrap();
        escaping.write_all(b"b").unwrap();
        escaping.flush().unwrap();
        let expected = format!("{}\\u202eb", "a".repeat(Escaping::PIECE - 1));
        assert_eq!(String::from_utf8(out).unwrap(), expected);
        // Bytes that are not UTF-8 pass as they are, an unended character too.
        let mut out = Vec::new();
        let mut escaping = Escaping::new(&mut out, json_escape);
        escaping.write_all(b"a\xff\xc2\x85b\xe2\x80").unwrap();
        escaping.flush().unwrap();
        assert_eq!(out, b"a\xff\\u0085b\xe2\x80");
    }
}
