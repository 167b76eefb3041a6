//! `itlead compare OLD NEW`.

use std::path::Path;

use anyhow::Result;

use super::{emit_document, format_for};
use crate::analysis::compare::CompareDocument;
use crate::cli::CompareArgs;
use crate::content::diagnostic::Diagnostic;
use crate::context::Context;
use crate::error::DataError;
use crate::export::{Document, Format};

/// `itlead compare`.
pub fn run(context: &Context, args: &CompareArgs) -> Result<()> {
    let format = format_for(args.format, &args.output, CompareDocument::FORMATS, Format::Text)?;
    let old_path = super::saved::locate(context, &args.old)?;
    let new_path = super::saved::locate(context, &args.new)?;
    let old_name = label(&args.old, &old_path);
    let new_name = label(&args.new, &new_path);
    let old = super::saved::load(&old_path)?;
    let new = super::saved::load(&new_path)?;
    if let Some(warning) = crate::analysis::compare::different_people(&old, &new)
        .or_else(|| crate::result::one_unnamed(&old_name, &old, &new_name, &new))
    {
        crate::edges::output::warn(&format!("warning: {warning}"));
    }
    let document = crate::analysis::compare::compare(&old_name, &old, &new_name, &new)
        .map_err(|error| DataError::one(Diagnostic::whole_file(&new_name, error.0)))?;
    emit_document(context, &document, format, &args.output)
}

/// How a result is named where it has no name: the path as given, or the
/// file name of a saved result picked by `latest` or a number.
fn label(given: &Path, found: &Path) -> String {
    if given == found {
        return given.display().to_string();
    }
    found
        .file_name()
        .map_or_else(|| found.display().to_string(), |name| name.to_string_lossy().into_owned())
}
