//! `itlead feedback SELF OTHER...`.

use anyhow::Result;

use super::{emit_document, format_for, warn_all};
use crate::cli::FeedbackArgs;
use crate::content::diagnostic::Diagnostic;
use crate::context::Context;
use crate::documents::feedback::Feedback;
use crate::error::{DataError, usage};
use crate::export::Format;
use crate::feedback::{MIN_RATERS, Refusal, feedback};
use crate::library::{self, Need};
use crate::store::expand;

/// `itlead feedback`.
pub fn run(context: &Context, args: &FeedbackArgs) -> Result<()> {
    let format = format_for(args.format, &args.output, &Format::ALL, Format::Text)?;
    crate::output::check_target(&args.output)?;
    let own_path = super::history::locate(context, &args.own)?;
    let own_name = own_path.display().to_string();
    let own = super::history::load(&own_path)?;
    let (files, mut messages) = expand(&args.others)?;
    let mut others = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for path in &files {
        if std::fs::canonicalize(path).ok() == std::fs::canonicalize(&own_path).ok() {
            messages.push(format!("{} is the self-assessment itself; left out", path.display()));
            continue;
        }
        let result = match super::history::load(path) {
            Ok(result) => result,
            Err(error) => {
                messages.push(format!("{}; skipped", super::history::one_line(&error)));
                continue;
            }
        };
        if !seen.insert(super::gather::signature(&result)) {
            messages.push(format!(
                "{} holds the same result as another file; it counts once",
                path.display()
            ));
            continue;
        }
        others.push((path.display().to_string(), result));
    }
    warn_all(&messages);
    let document = match feedback(&own_name, &own, &others, usize::from(args.min_raters)) {
        Ok(document) => document,
        Err(Refusal::Mismatch(what)) => {
            return Err(DataError::one(Diagnostic::whole_file("itlead feedback", what)).into());
        }
        Err(Refusal::TooFew { have, need }) => {
            return Err(usage(format!(
                "feedback needs at least {need} colleagues' results, so that no one's answers can be \
                 recognised; it has {have}{}",
                if need == MIN_RATERS { " (--min-raters lowers the floor)" } else { "" }
            )));
        }
    };
    let content = library::load_for(context.content_path(), Need::Axes)?;
    emit_document(context, &Feedback::new(&document, Some(&content)), format, &args.output)
}
