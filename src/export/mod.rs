//! Formats: one file per format, each drawing a [`View`](crate::view::View).
//!
//! A document (a result, a team, …) implements [`Document`]: it serialises
//! itself for JSON and YAML, and builds a view for text, Markdown, HTML and
//! CSV. [`render`] turns a document into the bytes of one format; nothing
//! here writes anywhere ([`crate::output`] does).

pub mod csv;
pub mod escape;
pub mod html;
pub mod markdown;
pub mod text;

use std::path::Path;

use anyhow::{Context, Result};
use clap::builder::{PossibleValue, TypedValueParser};
use serde::Serialize;

pub use self::text::TextStyle;
use crate::view::View;

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
}

/// Something itlead can print in several formats.
pub trait Document: Serialize {
    /// The formats that make sense for it.
    const FORMATS: &'static [Format];

    /// The view that text, Markdown, HTML and CSV draw.
    fn view(&self) -> View;
}

/// `document` in `format`. `style` lays out text.
pub fn render<D: Document>(document: &D, format: Format, style: TextStyle) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Json => json(document)?,
        Format::Yaml => serde_yaml::to_string(document).context("cannot write YAML")?.into_bytes(),
        Format::Text => text::render(&document.view(), style).into_bytes(),
        Format::Markdown => markdown::render(&document.view()).into_bytes(),
        Format::Csv => csv::render(&document.view()).into_bytes(),
        Format::Html => html::render(&document.view()).into_bytes(),
    })
}

/// Pretty JSON with a final line break.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).context("cannot write JSON")?;
    bytes.push(b'\n');
    Ok(bytes)
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
