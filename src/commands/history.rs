//! `itlead history`.

use anyhow::Result;

use super::emit_document;
use super::saved::entries;
use crate::cli::HistoryArgs;
use crate::context::Context;
use crate::documents::history::History;
use crate::edges::output::OutputArgs;

/// `itlead history`.
pub fn run(context: &Context, args: &HistoryArgs) -> Result<()> {
    let (entries, directory) = entries(context)?;
    let document = History::new(entries, directory.display().to_string());
    emit_document(context, &document, args.format, &OutputArgs::default())
}
