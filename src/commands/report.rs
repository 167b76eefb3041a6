//! `itlead report RESULT`.

use anyhow::Result;

use super::{emit_document, format_for};
use crate::axis_lookup;
use crate::cli::ReportArgs;
use crate::context::Context;
use crate::documents::report::{Report, Why};
use crate::export::{Document, Format};
use crate::questionnaire::{self, Need};

/// `itlead report`.
pub fn run(context: &Context, args: &ReportArgs) -> Result<()> {
    let format = format_for(args.format, &args.output, Report::FORMATS, Format::Text)?;
    let path = super::saved::locate(context, &args.result)?;
    let result = super::saved::load(&path)?;
    let content = questionnaire::load_for(context.content_path(), Need::Everything)?;
    let edited = result.scores_not_from_answers(&content);
    if !edited.is_empty() {
        return Err(crate::error::DataError::one(
            crate::content::diagnostic::Diagnostic::whole_file(
                &path.display().to_string(),
                format!(
                    "the {} of {} {} not follow from the result's answers (edited by hand?); \
                     `itlead assess --answers` scores answers afresh",
                    if edited.len() == 1 { "score" } else { "scores" },
                    edited.join(", "),
                    if edited.len() == 1 { "does" } else { "do" }
                ),
            ),
        )
        .into());
    }
    let why = match &args.contrast {
        Some(query) => {
            let axis = axis_lookup::resolve(&content, query)?;
            if result.axis(&axis.id).is_none() {
                return Err(crate::error::usage(format!(
                    "this result has no contrast `{}`",
                    axis.id
                )));
            }
            Why::Contrast(axis.id.clone())
        }
        None => Why::unasked(format),
    };
    emit_document(context, &Report::new(&result, Some(&content), why), format, &args.output)
}
