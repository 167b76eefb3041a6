//! `itlead explain` and `itlead list`.

use anyhow::Result;

use super::emit_document;
use crate::cli::{ExplainArgs, ListArgs};
use crate::context::Context;
use crate::documents::explain::{Explanation, Listing, explained};
use crate::library::{self, Need};
use crate::output::OutputArgs;
use crate::resolve;

/// `itlead explain [CONTRAST]`.
pub fn explain(context: &Context, args: &ExplainArgs) -> Result<()> {
    let content = library::load_for(context.content_path(), Need::Axes)?;
    let document = match &args.query {
        Some(query) => Explanation::One(explained(&content, resolve::resolve(&content, query)?)),
        None => {
            Explanation::All(content.axes.iter().map(|axis| explained(&content, axis)).collect())
        }
    };
    emit_document(context, &document, args.format, &OutputArgs::default())
}

/// `itlead list`.
pub fn list(context: &Context, args: &ListArgs) -> Result<()> {
    let content = library::load_for(context.content_path(), Need::Axes)?;
    emit_document(context, &Listing::new(&content), args.format, &OutputArgs::default())
}
