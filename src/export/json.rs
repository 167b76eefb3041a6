//! The result document as JSON (`schemas/result.schema.json` describes it).

use anyhow::{Context, Result};

use super::{Exporter, RenderContext};
use crate::result::ResultDocument;

/// Pretty-printed JSON.
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn export(&self, result: &ResultDocument, _context: &RenderContext<'_>) -> Result<Vec<u8>> {
        let mut bytes = serde_json::to_vec_pretty(result).context("cannot serialise the result")?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}
