//! `itlead man`: one page with every subcommand's options and the exit codes.
//!
//! `clap_mangen` renders the top-level page; the subcommands' own options and
//! an EXIT STATUS section are added here, so that `man itlead` is complete
//! without a page per subcommand.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;

/// The page, as roff.
pub fn render() -> std::io::Result<Vec<u8>> {
    let command = Cli::command();
    let man = clap_mangen::Man::new(command.clone());
    let mut out = Vec::new();
    man.render_title(&mut out)?;
    man.render_name_section(&mut out)?;
    man.render_synopsis_section(&mut out)?;
    man.render_description_section(&mut out)?;
    man.render_options_section(&mut out)?;
    writeln!(out, ".SH COMMANDS")?;
    for sub in command.get_subcommands().filter(|sub| sub.get_name() != "help") {
        subcommand(&mut out, sub)?;
    }
    exit_status(&mut out)?;
    man.render_version_section(&mut out)?;
    Ok(out)
}

/// Escapes text for roff: backslashes, and a leading dot or quote.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with('.') || escaped.starts_with('\'') {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

fn subcommand(out: &mut Vec<u8>, sub: &clap::Command) -> std::io::Result<()> {
    let mut usage = format!("itlead {}", sub.get_name());
    for positional in sub.get_positionals() {
        let name = positional.get_value_names().and_then(|names| names.first().cloned());
        let name = name.map_or_else(|| positional.get_id().to_string(), |name| name.to_string());
        let name = if positional.get_num_args().is_some_and(|range| range.max_values() > 1) {
            format!("{name}...")
        } else {
            name
        };
        if positional.is_required_set() {
            usage.push_str(&format!(" {name}"));
        } else {
            usage.push_str(&format!(" [{name}]"));
        }
    }
    writeln!(out, ".SS \"{}\"", roff(&usage))?;
    if let Some(about) = sub.get_about() {
        writeln!(out, "{}", roff(&about.to_string()))?;
    }
    for arg in sub.get_arguments().filter(|arg| !arg.is_global_set() && !arg.is_positional()) {
        let Some(long) = arg.get_long() else { continue };
        let mut flag = format!("\\fB\\-\\-{}\\fR", roff(long));
        if let Some(short) = arg.get_short() {
            flag = format!("\\fB\\-{short}\\fR, {flag}");
        }
        if arg.get_action().takes_values() {
            let possible: Vec<String> =
                arg.get_possible_values().iter().map(|value| value.get_name().to_owned()).collect();
            let value = match arg.get_value_names().and_then(|names| names.first()) {
                _ if !possible.is_empty() => possible.join("|"),
                Some(name) => name.to_string(),
                None => arg.get_id().to_string().to_uppercase(),
            };
            flag.push_str(&format!(" \\fI{}\\fR", roff(&value)));
        }
        writeln!(out, ".TP\n{flag}")?;
        if let Some(help) = arg.get_help() {
            writeln!(out, "{}", roff(&help.to_string()))?;
        }
    }
    Ok(())
}

fn exit_status(out: &mut Vec<u8>) -> std::io::Result<()> {
    writeln!(out, ".SH \"EXIT STATUS\"")?;
    for (code, meaning) in crate::error::EXIT_CODES {
        writeln!(out, ".TP\n\\fB{code}\\fR\n{}", roff(meaning))?;
    }
    Ok(())
}
