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

use std::fmt::Write as _;

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
    Ok(match format {
        Format::Json => json(document)?,
        Format::Yaml => serde_yaml::to_string(document).context("cannot write YAML")?.into_bytes(),
        Format::Text => text::render(&document.view(), style).into_bytes(),
        Format::Markdown => markdown::render(&document.view()).into_bytes(),
        Format::Csv => csv::render(&document.view()).into_bytes(),
        Format::Html => html::render(&document.view()).into_bytes(),
    })
}

/// Pretty JSON with a final line break. Control and direction characters
/// that `serde_json` writes as they are (DEL, C1, the bidirectional
/// controls) are written as `\uXXXX` escapes: the same JSON, harmless on a
/// terminal. Outside strings JSON is ASCII, so only strings change.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let pretty = serde_json::to_string_pretty(value).context("cannot write JSON")?;
    let mut out = String::with_capacity(pretty.len() + 1);
    // Line breaks are the pretty layout's own; anything else unsafe is in a string.
    if pretty
        .chars()
        .any(|character| crate::content::text::is_unsafe(character) && character != '\n')
    {
        for character in pretty.chars() {
            if crate::content::text::is_unsafe(character) && character != '\n' {
                let _ = write!(out, "\\u{:04x}", u32::from(character));
            } else {
                out.push(character);
            }
        }
    } else {
        out = pretty;
    }
    out.push('\n');
    Ok(out.into_bytes())
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
