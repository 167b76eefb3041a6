//! The terminal report.

use anyhow::Result;

use super::{Exporter, RenderContext};
use crate::render::report;
use crate::result::ResultDocument;

/// Text for people at a terminal.
pub struct TextExporter;

impl Exporter for TextExporter {
    fn export(&self, result: &ResultDocument, context: &RenderContext<'_>) -> Result<Vec<u8>> {
        Ok(report::text(result, context.content, context.layout).into_bytes())
    }
}
