//! The result document as YAML.

use anyhow::{Context, Result};

use super::{Exporter, RenderContext};
use crate::result::ResultDocument;

/// YAML, same fields as the JSON document.
pub struct YamlExporter;

impl Exporter for YamlExporter {
    fn export(&self, result: &ResultDocument, _context: &RenderContext<'_>) -> Result<Vec<u8>> {
        Ok(serde_yaml::to_string(result).context("cannot serialise the result")?.into_bytes())
    }
}
