//! `itlead questions`: a fill-in answers template.

use anyhow::Result;

use super::format_for;
use crate::answer_file::{template_json, template_yaml};
use crate::cli::{QuestionsArgs, TEMPLATE_FORMATS};
use crate::content::selection::{Selection, select};
use crate::context::Context;
use crate::export::Format;
use crate::library;
use crate::output::emit;
use crate::result::Subject;

/// `itlead questions`.
pub fn run(context: &Context, args: &QuestionsArgs) -> Result<()> {
    let content = library::load(context.content_path())?;
    let format = format_for(args.format, &args.output, TEMPLATE_FORMATS, Format::Yaml)?;
    let about = match (&args.about, args.relation) {
        (Some(name), Some(relation)) => {
            Some(Subject { name: super::assess::checked_name(name, "--about")?, relation })
        }
        _ => None,
    };
    let scenarios = select(&content, &Selection::Full);
    if about.is_some() {
        super::assess::require_observer_form(&content, &scenarios)?;
    }
    let text = match format {
        Format::Json => template_json(&content, &scenarios, about.as_ref()),
        _ => template_yaml(&content, &scenarios, about.as_ref()),
    };
    emit(&args.output, text.as_bytes())
}
