//! itlead: a command-line self-assessment for people in IT.
//!
//! A user answers realistic IT scenarios and sees where they land, contrast
//! by contrast, between the manager and the leader side of thirteen
//! contrasts. The binary is a thin wrapper around [`main_with_args`];
//! [`run`] does the work and returns errors whose type decides the exit
//! code ([`error::exit_code`]). `ARCHITECTURE.md` describes the pipeline.

pub mod analysis;
pub mod answer;
pub mod answer_file;
pub mod answer_form;
pub mod axis_lookup;
pub mod cli;
mod commands;
pub mod content;
pub mod context;
pub mod documents;
pub mod edges;
pub mod error;
pub mod export;
pub mod fields;
pub mod flow;
pub mod format;
pub mod invitation;
mod manpage;
pub mod number;
pub mod questionnaire;
pub mod respondents;
pub mod result;
pub mod score;
pub mod shell;
pub mod terminal;
pub mod view;

use std::ffi::OsString;

use crate::cli::Cli;
use crate::context::Context;
use crate::error::{EXIT_OK, EXIT_USAGE, exit_code};

/// Parses `args`, runs the command, prints any error, returns the exit code.
pub fn main_with_args<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let parsed = without_empty_variables(<Cli as clap::CommandFactory>::command())
        .try_get_matches_from(&args)
        .and_then(|matches| <Cli as clap::FromArgMatches>::from_arg_matches(&matches));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            // clap quotes what was typed: when that holds control or
            // direction characters, the message goes out without colour
            // (clap's plain rendering drops escape sequences) and through
            // the sanitizer, so that none is obeyed.
            let hostile =
                args.iter().any(|arg| arg.to_string_lossy().chars().any(content::text::is_unsafe));
            if hostile && error.use_stderr() {
                edges::output::warn(error.render().to_string().trim_end());
            } else {
                let _ = error.print();
            }
            return code;
        }
    };
    let context = Context::detect(cli.color, cli.content.clone(), cli.seed());
    match run(cli, &context) {
        Ok(()) => EXIT_OK,
        Err(error) => {
            report_error(&error, &context);
            exit_code(&error)
        }
    }
}

/// `command` with every argument read from an environment variable that is
/// set but empty treated as if the variable were unset: `ITLEAD_CONTENT=`
/// means the built-in content, as an empty `ITLEAD_DATA_DIR` means the
/// default directory ([`paths`]).
fn without_empty_variables(command: clap::Command) -> clap::Command {
    command
        .mut_args(|arg| {
            let empty = arg
                .get_env()
                .is_some_and(|name| std::env::var_os(name).is_some_and(|value| value.is_empty()));
            if empty { arg.env(None) } else { arg }
        })
        .mut_subcommands(without_empty_variables)
}

/// Runs a parsed command line in `context`.
pub fn run(cli: Cli, context: &Context) -> anyhow::Result<()> {
    // A write past `ulimit -f` fails with a message, not a silent death.
    terminal::signals::keep_running_past_file_size_limit();
    // Colour is decided per stream in `context` and applied by the
    // renderers themselves; `colored` only draws what it is asked to.
    colored::control::set_override(true);
    console::set_colors_enabled(context.colour_on(context.stdout));
    console::set_colors_enabled_stderr(context.colour_on(context.stderr));
    commands::dispatch(cli.command, context)
}

fn report_error(error: &anyhow::Error, context: &Context) {
    use colored::Colorize;

    use crate::export::style::paint;
    use crate::view::Tone;
    if error.downcast_ref::<error::Interrupted>().is_some() {
        edges::output::warn(&error.to_string());
        return;
    }
    let style = context.stderr_style();
    let prefix =
        if style.colour { "error:".red().bold().to_string() } else { String::from("error:") };
    let mut message = format!("{prefix} {}", paint(&error.to_string(), Tone::Plain, style));
    for cause in error.chain().skip(1) {
        message
            .push_str(&format!("\n  caused by: {}", paint(&cause.to_string(), Tone::Plain, style)));
    }
    let _ =
        std::io::Write::write_all(&mut std::io::stderr().lock(), format!("{message}\n").as_bytes());
}
