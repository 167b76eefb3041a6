//! `itlead completions` and `itlead man`.

use anyhow::{Context as _, Result};
use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::context::Context;
use crate::library::{self, Need};
use crate::output::write_stdout;
use crate::resolve;

/// `itlead completions SHELL`: with every contrast name for `explain` and
/// every contrast id for `--axes`.
pub fn completions(context: &Context, args: &CompletionsArgs) -> Result<()> {
    let content = library::load_for(context.content_path(), Need::Axes)?;
    // Every name `explain` accepts, written with dashes for spaces (which it
    // accepts too), leaving out names with characters a shell would mangle.
    let mut names: Vec<String> = Vec::new();
    for name in content.axes.iter().flat_map(resolve::names) {
        let dashed = name.trim().to_lowercase().replace(' ', "-");
        let shell_safe = dashed.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if shell_safe && !names.contains(&dashed) {
            names.push(dashed);
        }
    }
    let ids: Vec<String> = content.axes.iter().map(|axis| axis.id.clone()).collect();
    let mut command = Cli::command()
        .mut_subcommand("explain", |explain| {
            explain.mut_arg("query", |arg| {
                arg.value_parser(clap::builder::PossibleValuesParser::new(names.clone()))
            })
        })
        .mut_subcommand("assess", |assess| {
            assess.mut_arg("axes", |arg| {
                arg.value_parser(clap::builder::PossibleValuesParser::new(ids.clone()))
            })
        });
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command, "itlead", &mut bytes);
    if args.shell == clap_complete::Shell::Fish {
        // clap_complete's fish script leaves positional values out.
        bytes.extend_from_slice(
            format!(
                "complete -c itlead -n \"__fish_itlead_using_subcommand explain\" -f -a \"{}\"\n",
                names.join(" ")
            )
            .as_bytes(),
        );
    }
    write_stdout(&bytes)
}

/// `itlead man`: the main page.
pub fn man() -> Result<()> {
    let bytes = crate::manpage::render().context("cannot render the man page")?;
    write_stdout(&bytes)
}
