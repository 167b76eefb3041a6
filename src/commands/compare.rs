//! `itlead compare OLD NEW`.

use anyhow::Result;

use super::{emit_document, format_for};
use crate::cli::CompareArgs;
use crate::content::diagnostic::Diagnostic;
use crate::context::Context;
use crate::error::DataError;
use crate::export::Format;

/// `itlead compare`.
pub fn run(context: &Context, args: &CompareArgs) -> Result<()> {
    let format = format_for(args.format, &args.output, &Format::ALL, Format::Text)?;
    let old_path = super::history::locate(context, &args.old)?;
    let new_path = super::history::locate(context, &args.new)?;
    let old_name = old_path.display().to_string();
    let new_name = new_path.display().to_string();
    let old = super::history::load(&old_path)?;
    let new = super::history::load(&new_path)?;
    let document = crate::compare::compare(&old_name, &old, &new_name, &new)
        .map_err(|error| DataError::one(Diagnostic::whole_file(&new_name, error.0)))?;
    emit_document(context, &document, format, &args.output)
}
