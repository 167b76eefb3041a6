//! The questionnaire: its file format, validation and model.
//!
//! This module depends only on serde, the YAML and JSON crates and a few
//! small helpers, never on the rest of the crate, because the build script
//! compiles it too: `build.rs` validates `content/contrasts.yaml` with this
//! very code and embeds the result, so a broken default cannot ship.

pub mod design;
pub mod diagnostic;
pub mod findings;
pub mod locate;
pub mod model;
pub mod raw;
pub mod selection;
pub mod suggest;
pub mod text;
pub mod timing;
pub mod unique_map;
pub mod validate;
pub mod wording;

use sha2::{Digest, Sha256};

pub use diagnostic::DataError;
use diagnostic::{Diagnostic, from_yaml_error, locate_all};
pub use model::Content;

/// The content format version this itlead writes about in its docs.
pub const SCHEMA_VERSION: u32 = 3;
/// Every content format version this itlead reads: schema 1 files are
/// questionnaires of itlead 0.1, answered with the most likely option only;
/// schema 3 adds choices between two options to `most-and-least` content.
pub const SCHEMA_VERSIONS: [u32; 3] = [1, 2, 3];
/// The schema from which a `most-and-least` scenario may have two options
/// and a scenario may say whether the quick form asks it.
pub const SCHEMA_3: u32 = 3;

/// Strips a UTF-8 byte-order mark, which editors on some systems add.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// `sha256:` digest of a text, as recorded in results.
pub fn digest(text: &str) -> String {
    let hash = Sha256::digest(text.as_bytes());
    format!("sha256:{}", hex(&hash))
}

/// Lowercase hexadecimal of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
}

/// Deserialises YAML `parsed`, first refusing nesting deeper than
/// [`locate::MAX_NESTING`] (the YAML scanner slows down with the square of
/// the depth, so a hostile file could hang it) and any alias (a few
/// megabytes of aliases can expand to gigabytes). Messages name `file` and
/// quote `shown`, the text as the user wrote it (`parsed` may differ only
/// by emptied lines).
pub fn from_yaml<T: serde::de::DeserializeOwned>(
    file: &str,
    parsed: &str,
    shown: &str,
) -> Result<T, DataError> {
    if let Some(position) = locate::too_deep(parsed) {
        return Err(DataError::one(Diagnostic::at(
            file,
            shown,
            Some(position),
            format!(
                "nested more than {} levels deep; no itlead file needs that many",
                locate::MAX_NESTING
            ),
        )));
    }
    if let Some(position) = locate::first_alias(parsed) {
        return Err(DataError::one(Diagnostic::at(
            file,
            shown,
            Some(position),
            "a YAML alias (`*name`) is not accepted: write the value out in full",
        )));
    }
    serde_yaml::from_str(parsed)
        .map_err(|error| DataError::one(from_yaml_error(file, shown, &error)))
}

/// Parses and validates the content in `text`; `file` names it in messages.
pub fn parse(file: &str, text: &str) -> Result<Content, DataError> {
    let text = strip_bom(text);
    if text.trim().is_empty() {
        return Err(DataError {
            diagnostics: vec![Diagnostic::whole_file(
                file,
                "the file is empty; expected a content document with `schema`, `title`, `version`, `axes` and `scenarios`",
            )],
        });
    }
    let raw: raw::RawContent = from_yaml(file, text, text)?;
    validate::validate(raw, digest(text))
        .map_err(|problems| DataError { diagnostics: locate_all(file, text, problems) })
}
