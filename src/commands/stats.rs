//! `itlead stats RESULT...`.

use anyhow::Result;

use super::gather::{LeftOut, gather, warnings};
use super::{emit_document, format_for, warn_all};
use crate::analysis::stats::{StatsBuilder, StatsDocument};
use crate::cli::StatsArgs;
use crate::content::diagnostic::Diagnostic;
use crate::context::Context;
use crate::edges::store::expand;
use crate::error::DataError;
use crate::export::{Document, Format};
use crate::questionnaire;

/// `itlead stats`.
pub fn run(context: &Context, args: &StatsArgs) -> Result<()> {
    let format = format_for(args.format, &args.output, StatsDocument::FORMATS, Format::Text)?;
    crate::edges::output::check_target(&args.output)?;
    let content = questionnaire::load(context.content_path())?;
    let (files, mut messages) = expand(&args.files)?;
    let (builder, left_out) = gather(
        &files,
        args.include_observers,
        || StatsBuilder::new(&content),
        |result| {
            if result.content.hash == content.hash {
                Ok(())
            } else {
                Err(format!(
                    "made with \"{}\" version {} ({}), not the content being analysed",
                    result.content.title,
                    result.content.version,
                    short(&result.content.hash)
                ))
            }
        },
        |builder, _, result| builder.add(result),
        StatsBuilder::merge,
    );
    let other_content =
        left_out.iter().filter(|(_, why)| matches!(why, LeftOut::Refused(_))).count();
    if other_content > 0 {
        let first = left_out
            .iter()
            .find_map(|(index, why)| match why {
                LeftOut::Refused(reason) => Some(format!("{}: {reason}", files[*index].display())),
                _ => None,
            })
            .unwrap_or_default();
        let which = match context.content_path() {
            Some(path) => format!("{}", path.display()),
            None => format!("the built-in content ({} {})", content.title, content.version),
        };
        return Err(DataError::one(Diagnostic::whole_file(
            "itlead stats",
            format!(
                "{} of {} results were made with other content than {which}, such as {first}; \
                 item statistics need one questionnaire: pass --content with the file they were made from",
                other_content,
                files.len()
            ),
        ))
        .into());
    }
    messages.extend(warnings(&files, &left_out));
    warn_all(&messages);
    let document = builder.finish();
    if document.results == 0 {
        return Err(DataError::one(Diagnostic::whole_file(
            "itlead stats",
            if files.is_empty() {
                "no result file was found"
            } else {
                "none of the files is a usable itlead result"
            },
        ))
        .into());
    }
    emit_document(context, &document, format, &args.output)
}

/// The first characters of a content hash, enough to tell two apart.
fn short(hash: &str) -> &str {
    hash.get(..15).unwrap_or(hash)
}
