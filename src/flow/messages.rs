//! The messages at the end of an assessment (stopped, saved, kept), worded
//! once. Prose is wrapped to the terminal's width; every command stands on
//! a line of its own, indented and never broken, so that it can be copied
//! whole, and it names itlead as the user can run it (see
//! [`crate::shell::program`]).

use crate::result::Subject;
use crate::shell::quote;

/// The command that continues the unfinished assessment: your own, or the
/// one about `about`. `program` is how the user runs itlead; the name is
/// quoted for the shell, so pasting the command runs nothing hidden in it.
pub fn resume_command(program: &str, about: Option<&Subject>) -> String {
    match about {
        None => format!("{program} assess --resume"),
        // A name starting with `-` would read as a flag after a space.
        Some(about) if about.name.starts_with('-') => format!(
            "{program} assess --resume --about={} --relation {}",
            quote(&about.name),
            about.relation.id()
        ),
        Some(about) => format!(
            "{program} assess --resume --about {} --relation {}",
            quote(&about.name),
            about.relation.id()
        ),
    }
}

/// `prose` wrapped to `width` columns, then each of `commands` on its own
/// line, indented by two spaces. A command quoted in the prose
/// (`` `itlead report latest` ``) is kept on one line.
pub fn with_commands(prose: &str, commands: &[&str], width: usize) -> String {
    const KEEP: char = '\u{e000}';
    let options = textwrap::Options::new(width.max(20))
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    // Spaces inside backquotes stand in as a private character meanwhile.
    let mut quoted = false;
    let kept: String = prose
        .trim()
        .chars()
        .map(|character| {
            if character == '`' {
                quoted = !quoted;
            }
            if quoted && character == ' ' { KEEP } else { character }
        })
        .collect();
    let mut text = textwrap::fill(&kept, options).replace(KEEP, " ");
    for command in commands {
        text.push_str("\n  ");
        text.push_str(command);
    }
    text
}

/// Why `error` happened, in a few words for a message: the system's own
/// words for the first operating-system error in its chain ("No space
/// left on device"), else the whole chain.
pub fn reason(error: &anyhow::Error) -> String {
    let system = error.chain().find_map(|cause| {
        let io = cause.downcast_ref::<std::io::Error>()?;
        // An error that wraps one of the system's (a temporary file's, with
        // its path) starts with the system's words too.
        let text = io.raw_os_error().map_or_else(
            || io.to_string(),
            |code| std::io::Error::from_raw_os_error(code).to_string(),
        );
        let (words, _) = text.split_once(" (os error")?;
        Some(words.to_owned())
    });
    system.unwrap_or_else(|| format!("{error:#}"))
}

/// "1 answer" or "N answers".
pub fn answers(count: usize) -> String {
    if count == 1 { String::from("1 answer") } else { format!("{count} answers") }
}

/// What is said when an assessment stops early with `saved` answers on
/// disk; `resume` is the command that continues it.
pub fn stopped_message(saved: usize, resume: &str, width: usize) -> String {
    match saved {
        0 => with_commands("Stopped. No answers were saved yet.", &[], width),
        1 => with_commands("Stopped. 1 answer is saved. To continue, run:", &[resume], width),
        count => with_commands(
            &format!("Stopped. {count} answers are saved. To continue, run:"),
            &[resume],
            width,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::result::Relation;

    #[test]
    fn names_in_the_resume_command_are_quoted_for_the_shell() {
        let about = |name: &str| Subject { name: name.to_owned(), relation: Relation::Peer };
        assert_eq!(resume_command("itlead", None), "itlead assess --resume");
        assert_eq!(
            resume_command("itlead", Some(&about("Bob $(id>/tmp/x)"))),
            "itlead assess --resume --about 'Bob $(id>/tmp/x)' --relation peer"
        );
        assert_eq!(
            resume_command("cargo run --", Some(&about("Sam"))),
            "cargo run -- assess --resume --about Sam --relation peer"
        );
        assert_eq!(
            resume_command("itlead", Some(&about("-rf"))),
            "itlead assess --resume --about=-rf --relation peer"
        );
    }

    #[test]
    fn a_reason_is_the_system_s_own_words() {
        let full = anyhow::Error::from(std::io::Error::from_raw_os_error(28))
            .context("cannot write /x/session.json");
        assert_eq!(reason(&full), "No space left on device");
        let wrapped = std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "No space left on device (os error 28) at path \"/x/.itlead-1.tmp\"",
        );
        assert_eq!(reason(&anyhow::Error::from(wrapped)), "No space left on device");
        assert_eq!(reason(&anyhow::anyhow!("odd")), "odd");
    }

    #[test]
    fn prose_wraps_and_commands_stand_alone() {
        let command = "itlead assess --resume --about 'A very long name indeed' --relation peer";
        let message = stopped_message(12, command, 30);
        let lines: Vec<&str> = message.lines().collect();
        assert!(lines.len() >= 3, "{message}");
        assert!(
            lines[..lines.len() - 1].iter().all(|line| line.chars().count() <= 30),
            "{message}"
        );
        assert_eq!(lines[lines.len() - 1], format!("  {command}"), "the command is never broken");
        assert_eq!(stopped_message(0, command, 80), "Stopped. No answers were saved yet.");
        let quoted = with_commands("Saved. `itlead report latest` shows it again.", &[], 20);
        assert!(quoted.lines().any(|line| line.contains("`itlead report latest`")), "{quoted}");
    }
}
