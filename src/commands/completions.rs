//! `itlead completions` and `itlead man`.

use anyhow::{Context as _, Result};
use clap::CommandFactory;

use std::io::Write as _;

use crate::axis_lookup;
use crate::cli::{Cli, CompletionsArgs, ManArgs};
use crate::context::Context;
use crate::edges::output::write_stdout;
use crate::error::usage;
use crate::manpage;
use crate::questionnaire::{self, Need};

/// `itlead completions SHELL`: with every contrast name for `explain` and
/// every contrast id for `--axes` (and its alias `--contrasts`).
pub fn completions(context: &Context, args: &CompletionsArgs) -> Result<()> {
    let content = questionnaire::load_for(context.content_path(), Need::Axes)?;
    // Every name `explain` accepts, written with dashes for spaces (which it
    // accepts too), leaving out names with characters a shell would mangle.
    let mut names: Vec<String> = Vec::new();
    for name in content.axes.iter().flat_map(axis_lookup::names) {
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
    let script = String::from_utf8(bytes).context("completion script is not UTF-8")?;
    let longs: Vec<String> = command
        .find_subcommand("assess")
        .and_then(|assess| assess.get_arguments().find(|arg| arg.get_id() == "axes"))
        .and_then(clap::Arg::get_long_and_visible_aliases)
        .unwrap_or_default()
        .into_iter()
        .map(|long| format!("--{long}"))
        .collect();
    let script = match args.shell {
        clap_complete::Shell::Bash => comma_separated_bash(&script, &ids, &longs),
        clap_complete::Shell::Zsh => comma_separated_zsh(&script, &ids),
        clap_complete::Shell::Fish => {
            // clap_complete's fish script leaves positional values out, and
            // completes one id where a list is allowed.
            let mut script = comma_separated_fish(&script, &ids);
            script.push_str(&format!(
                "complete -c itlead -n \"__fish_itlead_using_subcommand explain\" -f -a \"{}\"\n",
                names.join(" ")
            ));
            script
        }
        _ => script,
    };
    write_stdout(script.as_bytes())
}

/// `--axes` (under each of its names, `longs`) completes every id after a
/// comma too: bash keeps the comma in the word, so the ids before it
/// become a prefix.
fn comma_separated_bash(script: &str, ids: &[String], longs: &[String]) -> String {
    let generated = format!("COMPREPLY=($(compgen -W \"{}\" -- \"${{cur}}\"))", ids.join(" "));
    let comma_aware = format!(
        "local itlead_prefix=\"\" itlead_word=\"${{cur}}\"\n\
         \x20                   if [[ ${{cur}} == *,* ]]; then itlead_prefix=\"${{cur%,*}},\"; itlead_word=\"${{cur##*,}}\"; fi\n\
         \x20                   COMPREPLY=($(compgen -P \"${{itlead_prefix}}\" -W \"{}\" -- \"${{itlead_word}}\"))",
        ids.join(" ")
    );
    longs.iter().fold(script.to_owned(), |script, long| {
        replace_after(&script, &format!("{long})"), &generated, &comma_aware)
    })
}

/// zsh: `_sequence` completes a comma-separated list.
fn comma_separated_zsh(script: &str, ids: &[String]) -> String {
    let generated = format!(":ID,ID:({})", ids.join(" "));
    let comma_aware = format!(":ID,ID:_sequence compadd - {}", ids.join(" "));
    script.replace(&generated, &comma_aware)
}

/// fish: `__fish_complete_list` completes a comma-separated list.
fn comma_separated_fish(script: &str, ids: &[String]) -> String {
    let mut out = String::new();
    // The generated `-a "…"` list spans one line per id; skip to its end.
    let mut skipping = false;
    for line in script.lines() {
        if skipping {
            skipping = !line.ends_with('"');
            continue;
        }
        if line.contains("__fish_itlead_using_subcommand assess") && line.contains(" -l axes ") {
            skipping = !line.ends_with('"');
            // Up to the description: the condition and every name (`-l axes
            // -l contrasts`).
            let (names, rest) = line.split_once(" -d '").unwrap_or((line, ""));
            let description = rest.split_once('\'').map_or("", |(description, _)| description);
            out.push_str(&format!(
                "function __itlead_contrast_ids\n    printf '%s\\n' {}\nend\n\
                 {names} -d '{description}' -r -f -a \"(__fish_complete_list , __itlead_contrast_ids)\"\n",
                ids.join(" ")
            ));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Replaces the first `from` after `marker` with `to`.
fn replace_after(script: &str, marker: &str, from: &str, to: &str) -> String {
    let Some(start) = script.find(marker) else { return script.to_owned() };
    match script[start..].find(from) {
        Some(offset) => {
            let at = start + offset;
            format!("{}{to}{}", &script[..at], &script[at + from.len()..])
        }
        None => script.to_owned(),
    }
}

/// `itlead man`: the main page, one subcommand's page, or every page
/// written into a directory (over existing pages only with `--force`).
pub fn man(context: &Context, args: &ManArgs) -> Result<()> {
    let date = manpage::page_date(context.source_date_epoch);
    if let Some(dir) = &args.dir {
        if !dir.is_dir() {
            return Err(usage(format!("{}: no such directory", dir.display())));
        }
        let pages = manpage::pages(&date);
        // Refuse before writing anything, so a refusal leaves no half set.
        if !args.force
            && let Some(existing) =
                pages.iter().map(|page| dir.join(&page.file_name)).find(|path| path.exists())
        {
            return Err(usage(format!(
                "{} already exists; --force replaces the pages",
                existing.display()
            )));
        }
        for page in pages {
            let path = dir.join(&page.file_name);
            let mut options = std::fs::OpenOptions::new();
            options.write(true);
            if args.force {
                options.create(true).truncate(true);
            } else {
                options.create_new(true);
            }
            let mut file = options.open(&path).map_err(|error| match error.kind() {
                std::io::ErrorKind::AlreadyExists => {
                    usage(format!("{} already exists; --force replaces the pages", path.display()))
                }
                _ => anyhow::Error::new(error).context(format!("cannot write {}", path.display())),
            })?;
            file.write_all(page.roff.as_bytes())
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        return Ok(());
    }
    let name = args.command.as_deref().unwrap_or("itlead");
    let Some(page) = manpage::page(name, &date) else {
        return Err(usage(format!("no man page for `{name}`; `itlead --help` lists the commands")));
    };
    write_stdout(page.roff.as_bytes())
}
