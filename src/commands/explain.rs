//! `itlead explain` and `itlead list`.

use anyhow::Result;

use super::emit_document;
use crate::axis_lookup;
use crate::cli::{ExplainArgs, ListArgs};
use crate::context::Context;
use crate::documents::explain::{Explanation, Listing, explained};
use crate::edges::output::OutputArgs;
use crate::questionnaire::{self, Need};

/// `itlead explain [CONTRAST]`.
pub fn explain(context: &Context, args: &ExplainArgs) -> Result<()> {
    let content = questionnaire::load_for(context.content_path(), Need::Axes)?;
    let document = match &args.query {
        Some(query) => {
            Explanation::One(explained(&content, axis_lookup::resolve(&content, query)?))
        }
        None => {
            Explanation::All(content.axes.iter().map(|axis| explained(&content, axis)).collect())
        }
    };
    emit_document(context, &document, args.format, &OutputArgs::default())
}

/// `itlead list`.
pub fn list(context: &Context, args: &ListArgs) -> Result<()> {
    let content = questionnaire::load_for(context.content_path(), Need::Axes)?;
    emit_document(context, &Listing::new(&content), args.format, &OutputArgs::default())
}
