//! The output formats by name ([`Format`]) and sets of them ([`Formats`]).
//!
//! Which formats a document offers is its
//! [`Document::FORMATS`](crate::export::Document::FORMATS), the one list
//! `--format` and the commands take; which of them draw a table or a chart
//! of its view is the [`Formats`] of that block. The formats themselves and
//! the `--format` parser are in [`crate::export`]. This module depends on
//! nothing else in itlead, so that the view model can name formats without
//! depending on the formats that draw it.

use std::path::Path;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Text for a terminal.
    Text,
    /// The document as JSON.
    Json,
    /// The document as YAML.
    Yaml,
    /// A report for a wiki or a pull request.
    Markdown,
    /// Rows for a spreadsheet.
    Csv,
    /// A self-contained page.
    Html,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 6] =
        [Format::Text, Format::Json, Format::Yaml, Format::Markdown, Format::Csv, Format::Html];

    /// The name `--format` takes.
    pub fn id(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Html => "html",
        }
    }

    /// What it is, for `--help`.
    pub fn help(self) -> &'static str {
        match self {
            Format::Text => "text for a terminal",
            Format::Json => "JSON",
            Format::Yaml => "YAML",
            Format::Markdown => "Markdown, for a wiki page or a pull request",
            Format::Csv => "CSV, for a spreadsheet",
            Format::Html => "a self-contained, printable HTML page",
        }
    }

    /// The format a file name's extension names: `.json`, `.yaml`/`.yml`,
    /// `.md`/`.markdown`, `.csv`, `.html`/`.htm`, `.txt`.
    pub fn from_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match extension.as_str() {
            "json" => Format::Json,
            "yaml" | "yml" => Format::Yaml,
            "md" | "markdown" => Format::Markdown,
            "csv" => Format::Csv,
            "html" | "htm" => Format::Html,
            "txt" | "text" => Format::Text,
            _ => return None,
        })
    }

    /// Its bit in a [`Formats`].
    const fn bit(self) -> u8 {
        1 << self as u8
    }
}

/// A set of formats: those that draw a table or a chart, say.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Formats(u8);

impl Formats {
    /// The formats that draw a view: text, Markdown, HTML and CSV (JSON and
    /// YAML serialise the document instead).
    pub const VIEWS: Formats =
        Formats::of(&[Format::Text, Format::Markdown, Format::Html, Format::Csv]);

    /// The set of `formats`.
    pub const fn of(formats: &[Format]) -> Self {
        let mut bits = 0;
        let mut at = 0;
        while at < formats.len() {
            bits |= formats[at].bit();
            at += 1;
        }
        Formats(bits)
    }

    /// Whether `format` is in the set.
    pub const fn contains(self, format: Format) -> bool {
        self.0 & format.bit() != 0
    }

    /// The same set without `format`.
    #[must_use]
    pub const fn without(self, format: Format) -> Self {
        Formats(self.0 & !format.bit())
    }

    /// The formats in the set, in the order of [`Format::ALL`].
    pub fn iter(self) -> impl Iterator<Item = Format> {
        Format::ALL.into_iter().filter(move |format| self.contains(*format))
    }
}

impl std::fmt::Debug for Formats {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_set().entries(self.iter().map(Format::id)).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_the_formats_it_was_made_of_and_no_other() {
        let some = Formats::of(&[Format::Text, Format::Html]);
        assert_eq!(some.iter().collect::<Vec<_>>(), [Format::Text, Format::Html]);
        assert!(some.contains(Format::Html) && !some.contains(Format::Csv));
        assert_eq!(some.without(Format::Html), Formats::of(&[Format::Text]));
        assert_eq!(some.without(Format::Csv), some);
        assert_eq!(Formats::of(&Format::ALL).iter().collect::<Vec<_>>(), Format::ALL);
        assert_eq!(Formats::of(&[]).iter().count(), 0);
        assert_eq!(format!("{:?}", Formats::VIEWS), r#"{"text", "markdown", "csv", "html"}"#);
    }

    #[test]
    fn every_format_has_its_own_name_and_bit() {
        for (at, format) in Format::ALL.into_iter().enumerate() {
            for other in &Format::ALL[at + 1..] {
                assert_ne!(format.id(), other.id());
                assert_eq!(format.bit() & other.bit(), 0);
            }
        }
    }
}
