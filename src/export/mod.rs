//! Result formats: one file per format, all behind [`Exporter`].
//!
//! Exporters return bytes; [`crate::output::emit`] decides whether they go
//! to stdout or a file.

mod csv;
mod html;
mod json;
mod markdown;
pub mod markup;
mod text;
mod yaml;

use anyhow::Result;

use crate::cli::ReportFormat;
use crate::content::Content;
use crate::render::report::Layout;
use crate::result::ResultDocument;

/// What a renderer may use besides the result.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// The content, when it matches the result (adds strengths and watch-outs).
    pub content: Option<&'a Content>,
    /// Width and character set for text.
    pub layout: Layout,
}

/// Turns a result into bytes of one format.
pub trait Exporter {
    /// Renders `result`.
    fn export(&self, result: &ResultDocument, context: &RenderContext<'_>) -> Result<Vec<u8>>;
}

/// The exporter for `format`.
pub fn exporter(format: ReportFormat) -> Box<dyn Exporter> {
    match format {
        ReportFormat::Text => Box::new(text::TextExporter),
        ReportFormat::Json => Box::new(json::JsonExporter),
        ReportFormat::Yaml => Box::new(yaml::YamlExporter),
        ReportFormat::Markdown => Box::new(markdown::MarkdownExporter),
        ReportFormat::Csv => Box::new(csv::CsvExporter),
        ReportFormat::Html => Box::new(html::HtmlExporter),
    }
}
