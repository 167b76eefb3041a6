//! Man pages: `itlead.1` and one page per subcommand (`itlead-assess.1`, …),
//! the set packagers install.
//!
//! Every page is built from the clap definition in [`crate::cli`] (names,
//! help, the examples in each subcommand's `--help`) and the exit codes in
//! [`crate::error`], so pages and `--help` cannot drift apart. The `roff`
//! crate escapes the text; spans in backticks in help text become bold.
//! Each page has NAME, SYNOPSIS, DESCRIPTION, OPTIONS, EXAMPLES,
//! ENVIRONMENT, FILES, EXIT STATUS and SEE ALSO sections.

use clap::CommandFactory;
use roff::{Inline, Roff, bold, italic, roman};

use crate::cli::Cli;

/// One man page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `itlead.1`, `itlead-assess.1`, …
    pub file_name: String,
    /// The page in roff.
    pub roff: String,
}

/// The date of this version's release, on every page's `.TH` line unless
/// `SOURCE_DATE_EPOCH` gives another (a reproducible build sets it).
/// Changes with the version.
pub const RELEASE_DATE: &str = "2026-12-03";

/// The date a page carries: the day of `source_date_epoch` (seconds since
/// 1970, UTC) when given, else [`RELEASE_DATE`].
pub fn page_date(source_date_epoch: Option<u64>) -> String {
    match source_date_epoch {
        Some(seconds) => {
            let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(seconds);
            humantime::format_rfc3339_seconds(when).to_string()[..10].to_owned()
        }
        None => RELEASE_DATE.to_owned(),
    }
}

/// Subcommands that get no page of their own.
const WITHOUT_PAGE: [&str; 1] = ["help"];

/// Environment variables itlead reads.
const ENVIRONMENT: [(&str, &str); 10] = [
    (
        "ITLEAD_CONTENT",
        "A content file to use instead of the built-in questionnaire; `--content` overrides it.",
    ),
    (
        "ITLEAD_DATA_DIR",
        "Where results are saved, in its `results` subdirectory (default: `$XDG_DATA_HOME/itlead`, \
         that is `~/.local/share/itlead`).",
    ),
    (
        "ITLEAD_STATE_DIR",
        "Where the unfinished assessment is kept (default: `$XDG_STATE_HOME/itlead`, that is \
         `~/.local/state/itlead`).",
    ),
    ("XDG_DATA_HOME", "The base of the default data directory."),
    ("XDG_STATE_HOME", "The base of the default state directory."),
    ("NO_COLOR", "When set to anything but the empty string, no colour unless `--color always`."),
    (
        "CLICOLOR_FORCE",
        "When set to anything but the empty string or `0`, colour as with `--color always`, also \
         into a pipe or a file; `NO_COLOR` and `--color never` win over it.",
    ),
    ("TERM", "`dumb` turns colour and cursor movement off; `assess` then asks in plain mode."),
    ("COLUMNS", "The width of text output when standard output is not a terminal (default 80)."),
    (
        "LC_ALL, LC_CTYPE, LANG",
        "The first one set decides the glyphs: a locale without UTF-8 (such as `C`) gets ASCII \
         charts and arrows.",
    ),
];

/// Files itlead reads and writes.
const FILES: [(&str, &str); 4] = [
    (
        "$ITLEAD_DATA_DIR/results/*.json",
        "Saved results, one file per finished assessment, readable by the user only. \
         `itlead history` lists them; `itlead report latest` shows the newest.",
    ),
    (
        "$ITLEAD_STATE_DIR/session.json",
        "The unfinished assessment, saved after every answer; `itlead assess --resume` continues it.",
    ),
    (
        "$ITLEAD_STATE_DIR/session-about-NAME.json",
        "An unfinished assessment about a colleague (--about), one per person rated; \
         `itlead assess --resume --about NAME --relation RELATION` continues it.",
    ),
    (
        "$ITLEAD_STATE_DIR/session.lock",
        "Held while an assessment runs (session-about-NAME.lock for one about a colleague), \
         so two runs cannot mix their answers.",
    ),
];

/// The main page and one page per subcommand, main page first.
pub fn pages(date: &str) -> Vec<Page> {
    let command = Cli::command();
    let mut pages =
        vec![Page { file_name: String::from("itlead.1"), roff: main_page(&command, date) }];
    for sub in subcommands(&command) {
        pages.push(Page {
            file_name: format!("itlead-{}.1", sub.get_name()),
            roff: subcommand_page(&command, sub, date),
        });
    }
    pages
}

/// The page of `name` (`itlead` or a subcommand), if there is one.
pub fn page(name: &str, date: &str) -> Option<Page> {
    let command = Cli::command();
    if name == "itlead" {
        return Some(Page { file_name: String::from("itlead.1"), roff: main_page(&command, date) });
    }
    let sub = subcommands(&command).find(|sub| sub.get_name() == name)?;
    Some(Page { file_name: format!("itlead-{name}.1"), roff: subcommand_page(&command, sub, date) })
}

fn subcommands(command: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    command.get_subcommands().filter(|sub| !WITHOUT_PAGE.contains(&sub.get_name()))
}

fn version() -> String {
    format!("itlead {}", env!("CARGO_PKG_VERSION"))
}

fn main_page(command: &clap::Command, date: &str) -> String {
    let mut page = Roff::new();
    page.control("TH", ["ITLEAD", "1", date, &version(), "User Commands"]);
    page.control("SH", ["NAME"]);
    page.text(inline(&format!("itlead - {}", text_of(command.get_about()))));
    page.control("SH", ["SYNOPSIS"]);
    page.text([bold("itlead"), roman(" ["), italic("OPTIONS"), roman("] "), italic("COMMAND")]);
    page.control("SH", ["DESCRIPTION"]);
    page.text(inline(&text_of(command.get_long_about().or(command.get_about()))));
    page.control("PP", []);
    page.text(inline(
        "Each command has its own page, listed below, and its own `--help`. \
         `itlead assess` asks the questions; `itlead explain` defines a contrast.",
    ));
    page.control("SH", ["COMMANDS"]);
    for sub in subcommands(command) {
        page.control("TP", []);
        page.text([bold(format!("itlead-{}", sub.get_name())), roman("(1)")]);
        page.text(inline(&text_of(sub.get_about())));
    }
    page.control("SH", ["OPTIONS"]);
    options(&mut page, command, true);
    page.control("SH", ["EXAMPLES"]);
    let mut examples = Vec::new();
    for name in ["assess", "explain", "report", "team"] {
        if let Some(sub) = command.find_subcommand(name) {
            examples.extend(examples_of(sub).into_iter().take(1));
        }
    }
    example_lines(&mut page, &examples);
    common_sections(&mut page);
    see_also(&mut page, command, None);
    fold(&page.render())
}

fn subcommand_page(command: &clap::Command, sub: &clap::Command, date: &str) -> String {
    let name = sub.get_name();
    let mut page = Roff::new();
    page.control(
        "TH",
        [&format!("ITLEAD-{}", name.to_uppercase()), "1", date, &version(), "User Commands"],
    );
    page.control("SH", ["NAME"]);
    page.text(inline(&format!("itlead-{name} - {}", text_of(sub.get_about()))));
    page.control("SH", ["SYNOPSIS"]);
    let mut synopsis =
        vec![bold(format!("itlead {name}")), roman(" ["), italic("OPTIONS"), roman("]")];
    for positional in sub.get_positionals() {
        let value = value_name(positional);
        let many = positional.get_num_args().is_some_and(|range| range.max_values() > 1)
            || matches!(positional.get_action(), clap::ArgAction::Append);
        let value = if many { format!("{value}...") } else { value };
        if positional.is_required_set() {
            synopsis.extend([roman(" "), italic(value)]);
        } else {
            synopsis.extend([roman(" ["), italic(value), roman("]")]);
        }
    }
    page.text(synopsis);
    page.control("SH", ["DESCRIPTION"]);
    page.text(inline(&text_of(sub.get_long_about().or(sub.get_about()))));
    let positionals: Vec<&clap::Arg> = sub.get_positionals().collect();
    if !positionals.is_empty() {
        page.control("SH", ["ARGUMENTS"]);
        for positional in positionals {
            page.control("TP", []);
            page.text([italic(value_name(positional))]);
            page.text(inline(&sentence(&text_of(positional.get_help()))));
            possible_values(&mut page, positional);
        }
    }
    page.control("SH", ["OPTIONS"]);
    options(&mut page, sub, false);
    page.control("SS", ["Global options"]);
    options(&mut page, command, true);
    let examples = examples_of(sub);
    if !examples.is_empty() {
        page.control("SH", ["EXAMPLES"]);
        example_lines(&mut page, &examples);
    }
    common_sections(&mut page);
    see_also(&mut page, command, Some(name));
    fold(&page.render())
}

/// Longest text line a page's source keeps (`mandoc -Tlint` asks for 80).
const SOURCE_WIDTH: usize = 80;

/// Breaks text lines longer than [`SOURCE_WIDTH`] bytes at spaces, which
/// roff reads as spaces, so the source is tidy without changing the page.
/// A broken-off line that would start with a control character is kept
/// as text with `\&`.
fn fold(roff: &str) -> String {
    let mut out = String::with_capacity(roff.len() + roff.len() / 40);
    for line in roff.lines() {
        if line.len() <= SOURCE_WIDTH || line.starts_with('.') || line.starts_with('\'') {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let mut current = String::new();
        let mut words = line.split(' ').peekable();
        while let Some(word) = words.next() {
            // An escaped space (`\ `) is not a place to break.
            let mut word = word.to_owned();
            while word.ends_with('\\') && words.peek().is_some() {
                word.push(' ');
                word.push_str(words.next().unwrap_or_default());
            }
            if !current.is_empty() && current.len() + 1 + word.len() > SOURCE_WIDTH {
                out.push_str(&current);
                out.push('\n');
                current.clear();
            }
            if current.is_empty() {
                if word.starts_with('.') || word.starts_with('\'') {
                    current.push_str("\\&");
                }
            } else {
                current.push(' ');
            }
            current.push_str(&word);
        }
        out.push_str(&current);
        out.push('\n');
    }
    out
}

/// The options of `command`: its own (`global` false) or the global ones.
fn options(page: &mut Roff, command: &clap::Command, global: bool) {
    for arg in command.get_arguments() {
        if arg.is_positional() || arg.is_hide_set() || arg.is_global_set() != global {
            continue;
        }
        let Some(long) = arg.get_long() else { continue };
        let mut flag = Vec::new();
        if let Some(short) = arg.get_short() {
            flag.extend([bold(format!("-{short}")), roman(", ")]);
        }
        flag.push(bold(format!("--{long}")));
        for alias in arg.get_visible_aliases().unwrap_or_default() {
            flag.extend([roman(", "), bold(format!("--{alias}"))]);
        }
        if arg.get_action().takes_values() {
            flag.extend([roman(" "), italic(value_name(arg))]);
        }
        page.control("TP", []);
        page.text(flag);
        let mut help = sentence(&text_of(arg.get_help()));
        if let Some(default) = arg.get_default_values().first() {
            help.push_str(&format!(" Default: {}.", default.to_string_lossy()));
        }
        if let Some(variable) = arg.get_env() {
            help.push_str(&format!(" Also read from `{}`.", variable.to_string_lossy()));
        }
        page.text(inline(&help));
        possible_values(page, arg);
    }
    if !global {
        page.control("TP", []);
        page.text([bold("-h"), roman(", "), bold("--help")]);
        page.text([roman("Print help (a summary with -h).")]);
    } else if command.get_name() == "itlead" {
        page.control("TP", []);
        page.text([bold("-V"), roman(", "), bold("--version")]);
        page.text([roman("Print the version.")]);
    }
}

fn possible_values(page: &mut Roff, arg: &clap::Arg) {
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| value.get_name().to_owned())
        .collect();
    if arg.get_action().takes_values() && !values.is_empty() {
        page.control("RS", []);
        page.text([roman("One of: "), bold(values.join(", ")), roman(".")]);
        page.control("RE", []);
    }
}

fn value_name(arg: &clap::Arg) -> String {
    arg.get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().to_string().to_uppercase(), ToString::to_string)
}

/// The example commands listed under "Examples:" in a subcommand's help.
fn examples_of(sub: &clap::Command) -> Vec<String> {
    let help = text_of(sub.get_after_help());
    help.split_once("Examples:")
        .map(|(_, examples)| {
            examples
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

fn example_lines(page: &mut Roff, examples: &[String]) {
    page.control("RS", ["4"]);
    page.control("nf", []);
    for example in examples {
        page.text([roman(format!("$ {example}"))]);
    }
    page.control("fi", []);
    page.control("RE", []);
}

/// ENVIRONMENT, FILES and EXIT STATUS, the same on every page.
fn common_sections(page: &mut Roff) {
    page.control("SH", ["ENVIRONMENT"]);
    for (variable, meaning) in ENVIRONMENT {
        page.control("TP", []);
        page.text([bold(variable)]);
        page.text(inline(meaning));
    }
    page.control("SH", ["FILES"]);
    for (path, meaning) in FILES {
        page.control("TP", []);
        page.text([italic(path)]);
        page.text(inline(meaning));
    }
    page.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in crate::error::EXIT_CODES {
        page.control("TP", []);
        page.text([bold(code.to_string())]);
        page.text(inline(meaning));
    }
    page.control("TP", []);
    page.text([bold(crate::error::SIGNAL_EXIT.0)]);
    page.text(inline(crate::error::SIGNAL_EXIT.1));
}

fn see_also(page: &mut Roff, command: &clap::Command, this: Option<&str>) {
    page.control("SH", ["SEE ALSO"]);
    let mut names: Vec<String> = Vec::new();
    if this.is_some() {
        names.push(String::from("itlead"));
    }
    names.extend(
        subcommands(command)
            .map(clap::Command::get_name)
            .filter(|name| Some(*name) != this)
            .map(|name| format!("itlead-{name}")),
    );
    let mut line = Vec::new();
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            line.push(roman(", "));
        }
        line.extend([bold(name.clone()), roman("(1)")]);
    }
    page.text(line);
}

/// Help text ends with a full stop in a page (clap drops it in `--help`).
fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.is_empty() || text.ends_with('.') { text.to_owned() } else { format!("{text}.") }
}

fn text_of(text: Option<&clap::builder::StyledStr>) -> String {
    text.map(ToString::to_string).unwrap_or_default()
}

/// Text with `code spans` in bold, and no backticks left.
fn inline(text: &str) -> Vec<Inline> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(index, part)| if index % 2 == 1 { bold(part) } else { roman(part) })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_become_bold_and_lose_their_backticks() {
        let parts = inline("Use `itlead list` to see them.");
        assert_eq!(parts, vec![roman("Use "), bold("itlead list"), roman(" to see them.")]);
    }

    #[test]
    fn long_text_lines_are_folded_at_spaces_and_never_start_a_request() {
        let line = format!("{}.TH and 'quoted", "word ".repeat(20));
        let folded = fold(&format!(".SH NAME\n{line}\n"));
        assert!(folded.lines().all(|line| line.len() <= SOURCE_WIDTH + 3), "{folded}");
        assert!(folded.lines().skip(1).all(|line| !line.starts_with('.')), "{folded}");
        let words: Vec<&str> = folded.lines().skip(1).flat_map(str::split_whitespace).collect();
        assert_eq!(words.join(" ").replace("\\&", ""), line.trim());
        assert_eq!(fold("a\\ b"), "a\\ b\n");
    }

    #[test]
    fn every_subcommand_but_help_has_a_page() {
        let names: Vec<String> =
            pages(RELEASE_DATE).into_iter().map(|page| page.file_name).collect();
        assert_eq!(names[0], "itlead.1");
        assert!(names.contains(&String::from("itlead-assess.1")));
        assert!(!names.contains(&String::from("itlead-help.1")));
        let command = Cli::command();
        assert_eq!(names.len(), 1 + subcommands(&command).count());
        assert!(subcommands(&command).count() >= 13);
    }
}
