//! itlead: a command-line self-assessment for people in IT.
//!
//! A user answers realistic IT scenarios and sees where they land, axis by
//! axis, between the manager and the leader side of thirteen contrasts.
//! The binary is a thin wrapper around [`main_with_args`]; [`run`] does the
//! work and returns errors whose type decides the exit code
//! ([`error::exit_code`]).

pub mod answers;
pub mod assess;
pub mod cli;
mod commands;
pub mod content;
pub mod error;
pub mod export;
pub mod input;
pub mod interrupt;
pub mod library;
mod manpage;
pub mod output;
pub mod paths;
pub mod prompt;
pub mod render;
pub mod resolve;
pub mod result;
pub mod score;
pub mod session;
pub mod team;
pub mod terminal;

use std::ffi::OsString;

use clap::Parser;

use crate::cli::Cli;
use crate::error::{EXIT_OK, EXIT_USAGE, exit_code};

/// Parses `args`, runs the command, prints any error, returns the exit code.
pub fn main_with_args<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { EXIT_USAGE } else { EXIT_OK };
            let _ = error.print();
            return code;
        }
    };
    match run(cli) {
        Ok(()) => EXIT_OK,
        Err(error) => {
            report_error(&error);
            exit_code(&error)
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let mut environment = terminal::Environment::detect();
    // Output written to a file is not shown on the terminal: no colour there.
    environment.stdout_is_terminal &=
        cli.command.output().is_none_or(output::OutputArgs::is_stdout);
    terminal::apply_color(terminal::use_color(cli.color, &environment));
    commands::dispatch(cli)
}

fn report_error(error: &anyhow::Error) {
    use colored::Colorize;
    if error.downcast_ref::<error::Interrupted>().is_some() {
        output::warn(&error.to_string());
        return;
    }
    let mut message = format!("{} {error}", "error:".red().bold());
    for cause in error.chain().skip(1) {
        message.push_str(&format!("\n  caused by: {cause}"));
    }
    output::warn(&message);
}
