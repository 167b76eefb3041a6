//! One file per subcommand: each a thin shell that reads what it needs,
//! calls the pure core, builds a document and hands its bytes to
//! [`crate::edges::output`]; [`saved`] finds saved results for all of them.

mod assess;
mod check;
mod compare;
mod completions;
mod explain;
mod feedback;
mod gather;
mod history;
mod questions;
mod report;
mod saved;
mod stats;
mod team;

use std::path::Path;

use anyhow::Result;

use crate::cli::Command;
use crate::context::Context;
use crate::edges::output::{OutputArgs, emit, write_stdout_with};
use crate::error::usage;
use crate::export::{Document, Format, render, write};

/// Runs `command` in `context`.
pub fn dispatch(command: Command, context: &Context) -> Result<()> {
    match command {
        Command::Assess(args) => assess::run(context, &args),
        Command::Explain(args) => explain::explain(context, &args),
        Command::List(args) => explain::list(context, &args),
        Command::Questions(args) => questions::run(context, &args),
        Command::Check(args) => check::run(context, &args),
        Command::Report(args) => report::run(context, &args),
        Command::Compare(args) => compare::run(context, &args),
        Command::History(args) => history::run(context, &args),
        Command::Team(args) => team::run(context, &args),
        Command::Stats(args) => stats::run(context, &args),
        Command::Feedback(args) => feedback::run(context, &args),
        Command::Completions(args) => completions::completions(context, &args),
        Command::Man(args) => completions::man(context, &args),
    }
}

/// The format to write in: `--format` when given, else what the
/// `--output` file's extension names (among `formats`), else `default`.
/// An extension naming another format than `--format` is a usage error.
pub fn format_for(
    explicit: Option<Format>,
    output: &OutputArgs,
    formats: &[Format],
    default: Format,
) -> Result<Format> {
    let from_name =
        output.file().and_then(Format::from_path).filter(|format| formats.contains(format));
    match (explicit, from_name) {
        (Some(format), Some(named)) if format != named => Err(usage(format!(
            "--format {} does not match the file name {}, which says {}; change one of them",
            format.id(),
            output.file().map(Path::display).map(|path| path.to_string()).unwrap_or_default(),
            named.id()
        ))),
        (Some(format), _) => Ok(format),
        (None, Some(named)) => Ok(named),
        (None, None) => Ok(default),
    }
}

/// Renders `document` in `format`, one of its [`Document::FORMATS`], and
/// writes it where `output` says.
pub fn emit_document<D: Document>(
    context: &Context,
    document: &D,
    format: Format,
    output: &OutputArgs,
) -> Result<()> {
    debug_assert!(D::FORMATS.contains(&format), "{} is not a format of the document", format.id());
    let style = context.style_for(output);
    if output.is_stdout() {
        let terminal = context.stdout.terminal;
        return write_stdout_with(|out| write(document, format, style, terminal, out));
    }
    emit(output, &render(document, format, style)?)
}

/// Most warnings written one by one; the rest are counted.
const SHOWN_WARNINGS: usize = 20;

/// Writes `warning: …` for each message, up to [`SHOWN_WARNINGS`], then
/// how many more there were: a directory of thousands of copies should
/// not bury the output.
pub fn warn_all(messages: &[String]) {
    for message in messages.iter().take(SHOWN_WARNINGS) {
        crate::edges::output::warn(&format!("warning: {message}"));
    }
    if let Some(more) = messages.len().checked_sub(SHOWN_WARNINGS).filter(|&more| more > 0) {
        crate::edges::output::warn(&format!(
            "warning: … and {} more {}",
            more,
            if more == 1 { "warning" } else { "warnings" }
        ));
    }
}
