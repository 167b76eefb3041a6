//! One row per axis, with a header, for spreadsheets.

use anyhow::Result;

use super::{Exporter, RenderContext};
use crate::result::ResultDocument;

/// Comma-separated values (RFC 4180 quoting).
pub struct CsvExporter;

/// Quotes a field when it holds a comma, a quote or a line break.
pub fn field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

impl Exporter for CsvExporter {
    fn export(&self, result: &ResultDocument, _context: &RenderContext<'_>) -> Result<Vec<u8>> {
        let mut out = String::from(
            "id,theme,manager,leader,score,band,answered,skipped,total,mixed,few_answers\n",
        );
        for axis in &result.axes {
            let row = [
                field(&axis.id),
                field(&axis.theme),
                field(&axis.manager),
                field(&axis.leader),
                axis.score.map(|score| score.to_string()).unwrap_or_default(),
                field(axis.band.id()),
                axis.answered.to_string(),
                axis.skipped.to_string(),
                axis.total.to_string(),
                axis.mixed.to_string(),
                axis.few_answers.to_string(),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
        Ok(out.into_bytes())
    }
}
