//! `itlead completions` and `itlead man`.

use anyhow::{Context as _, Result};
use clap::CommandFactory;

use std::io::Write as _;

use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::context::Context;
use crate::error::usage;
use crate::library::{self, Need};
use crate::manpage;
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

/// `itlead man`: the main page, one subcommand's page, or every page
/// written into a directory (never over an existing file).
pub fn man(args: &ManArgs) -> Result<()> {
    if let Some(dir) = &args.dir {
        if !dir.is_dir() {
            return Err(usage(format!("{}: no such directory", dir.display())));
        }
        for page in manpage::pages() {
            let path = dir.join(&page.file_name);
            let mut file =
                std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(
                    |error| match error.kind() {
                        std::io::ErrorKind::AlreadyExists => {
                            usage(format!("{} already exists; not overwritten", path.display()))
                        }
                        _ => anyhow::Error::new(error)
                            .context(format!("cannot write {}", path.display())),
                    },
                )?;
            file.write_all(page.roff.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        return Ok(());
    }
    let name = args.command.as_deref().unwrap_or("itlead");
    let Some(page) = manpage::page(name) else {
        return Err(usage(format!("no man page for `{name}`; `itlead --help` lists the commands")));
    };
    write_stdout(page.roff.as_bytes())
}
