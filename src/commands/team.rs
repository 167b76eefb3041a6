//! `itlead team RESULT...`.

use std::path::Path;

use anyhow::Result;

use super::gather::{LeftOut, gather, warnings};
use super::{emit_document, format_for, warn_all};
use crate::analysis::team::TeamBuilder;
use crate::analysis::team::TeamDocument;
use crate::cli::TeamArgs;
use crate::content::diagnostic::Diagnostic;
use crate::context::Context;
use crate::edges::store::expand;
use crate::error::DataError;
use crate::export::{Document, Format};

/// `itlead team`.
pub fn run(context: &Context, args: &TeamArgs) -> Result<()> {
    let format = format_for(args.format, &args.output, TeamDocument::FORMATS, Format::Text)?;
    crate::edges::output::check_target(&args.output)?;
    let (files, mut messages) = expand(&args.files)?;
    let given = files.len();
    let (builder, left_out) = gather(
        &files,
        args.include_observers,
        || TeamBuilder::new(args.names),
        |_| Ok(()),
        crate::analysis::team::TeamBuilder::add,
        TeamBuilder::merge,
    );
    messages.extend(warnings(&files, &left_out));
    let unusable = left_out.len();
    let team = builder.finish(given, unusable, |member| stem(&files[member]));
    if let Some(team) = &team {
        messages.extend(
            team.set_aside.iter().map(|entry| {
                format!("{}: {}; skipped", files[entry.member].display(), entry.reason)
            }),
        );
    }
    warn_all(&messages);
    let Some(team) = team else {
        let observers =
            left_out.iter().filter(|(_, reason)| matches!(reason, LeftOut::Observer)).count();
        if observers > 0 && observers == given {
            return Err(DataError::one(Diagnostic::whole_file(
                "itlead team",
                format!(
                    "{} answers about someone else, not self-assessments; a team view is of \
                     people's own answers (--include-observers counts them anyway, \
                     `itlead feedback` compares them with the person's own)",
                    if given == 1 {
                        String::from("the one result holds")
                    } else {
                        format!("all {given} results hold")
                    }
                ),
            ))
            .into());
        }
        let (file, what) = match files.as_slice() {
            [only] => (only.display().to_string(), String::from("it is not")),
            [] => (String::from("itlead team"), String::from("no result file was found, so there")),
            _ => (String::from("itlead team"), format!("none of the {given} files is")),
        };
        let what = if files.is_empty() {
            format!("{what} is no team to show")
        } else {
            format!("{what} a usable itlead result, so there is no team to show")
        };
        return Err(DataError::one(Diagnostic::whole_file(&file, what)).into());
    };
    let skipped = team.document.files.skipped;
    if skipped > 0 {
        crate::edges::output::warn(&format!("warning: {skipped} of {given} files skipped"));
    }
    emit_document(context, &team.document, format, &args.output)
}

/// The name `--names` shows for a file whose result has no name: its stem.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| path.display().to_string(), |stem| stem.to_string_lossy().into_owned())
}
