//! One row per axis, with a header, for spreadsheets.

use anyhow::Result;

use super::markup::csv_line;
use super::{Exporter, RenderContext};
use crate::result::ResultDocument;

/// Comma-separated values (RFC 4180 quoting).
pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn export(&self, result: &ResultDocument, _context: &RenderContext<'_>) -> Result<Vec<u8>> {
        let mut out = String::from(
            "id,theme,manager,leader,score,band,answered,skipped,total,mixed,few_answers\n",
        );
        for axis in &result.axes {
            out.push_str(&csv_line([
                axis.id.clone(),
                axis.theme.clone(),
                axis.manager.clone(),
                axis.leader.clone(),
                axis.score.map(|score| score.to_string()).unwrap_or_default(),
                axis.band.id().to_owned(),
                axis.answered.to_string(),
                axis.skipped.to_string(),
                axis.total.to_string(),
                axis.mixed.to_string(),
                axis.few_answers.to_string(),
            ]));
        }
        Ok(out.into_bytes())
    }
}
