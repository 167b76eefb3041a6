//! Asking questions: the small trait the assessment flow talks to, and its
//! two terminal implementations.
//!
//! [`TerminalPrompter`] draws an arrow-key menu with dialoguer.
//! [`PlainPrompter`] prints numbered options and reads a typed number per
//! line: no cursor movement, no colour, good for screen readers and
//! `TERM=dumb`. Tests drive the flow with a scripted prompter instead.

use std::io::{self, BufRead, Write};

use anyhow::{Context, Result};
use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use crate::render::{dim, heading, wrap};

/// One question as shown to the respondent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// 1-based position.
    pub number: usize,
    /// How many questions in all.
    pub total: usize,
    /// Scenario title.
    pub title: String,
    /// The situation and the question.
    pub situation: String,
    /// Option texts, in display order.
    pub options: Vec<String>,
    /// Display index of the current answer, when the question was answered
    /// before; the number of options (one past the last) for a skip.
    pub current: Option<usize>,
    /// Whether "Back" is offered.
    pub can_go_back: bool,
}

/// What the respondent did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply {
    /// Picked the option at this display index.
    Choose(usize),
    /// Skipped the scenario.
    Skip,
    /// Went back to the previous scenario.
    Back,
    /// Stopped (Esc, q, Ctrl-C, end of input).
    Quit,
}

/// Something that can ask questions.
pub trait Prompter {
    /// Shows a block of text (the intro, a notice), wrapped to the
    /// prompter's width.
    fn show(&mut self, text: &str) -> Result<()>;
    /// Asks yes or no; `None` when the respondent quits.
    fn confirm(&mut self, question: &str, default: bool) -> Result<Option<bool>>;
    /// Asks one scenario.
    fn ask(&mut self, question: &Question) -> Result<Reply>;
}

/// The label of the skip entry.
pub const SKIP_LABEL: &str = "Skip this one";
/// The label of the back entry.
pub const BACK_LABEL: &str = "Back to the previous scenario";

fn header(question: &Question, width: usize) -> String {
    format!(
        "{} {}\n\n{}\n",
        dim(&format!("[{}/{}]", question.number, question.total)),
        heading(&question.title),
        wrap(&question.situation, width, "")
    )
}

/// Arrow keys and Enter, drawn with dialoguer on stderr.
pub struct TerminalPrompter {
    term: console::Term,
    width: usize,
    theme: Box<dyn Theme>,
    hint: &'static str,
}

/// The keys, shown above each menu.
const HINT: &str = "↑↓ move · Enter choose · Esc stop";
/// The keys, for terminals without UTF-8.
const ASCII_HINT: &str = "Up/Down move, Enter choose, Esc stop";

impl TerminalPrompter {
    /// A prompter on stderr, `width` columns wide.
    /// With `ascii`, the menu and its hint use no characters beyond ASCII.
    pub fn new(width: usize, colour: bool, ascii: bool) -> Self {
        let theme: Box<dyn Theme> = if colour && !ascii {
            Box::new(ColorfulTheme::default())
        } else {
            Box::new(SimpleTheme)
        };
        let hint = if ascii { ASCII_HINT } else { HINT };
        Self { term: console::Term::stderr(), width, theme, hint }
    }

    /// Options wrapped to the width, continuation lines indented, so that
    /// dialoguer redraws a known number of lines.
    fn items(&self, question: &Question) -> Vec<String> {
        let text_width = self.width.saturating_sub(4).max(16);
        let mut items: Vec<String> = question
            .options
            .iter()
            .map(|option| textwrap::wrap(option, text_width).join("\n    "))
            .collect();
        items.push(dim(SKIP_LABEL));
        if question.can_go_back {
            items.push(dim(BACK_LABEL));
        }
        items
    }
}

/// Whether a dialoguer error means the user pressed Ctrl-C.
fn interrupted(error: &dialoguer::Error) -> bool {
    let dialoguer::Error::IO(io_error) = error;
    io_error.kind() == io::ErrorKind::Interrupted
}

impl Prompter for TerminalPrompter {
    fn show(&mut self, text: &str) -> Result<()> {
        self.term.write_line(&wrap(text, self.width, "")).context("cannot write to the terminal")
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<Option<bool>> {
        match dialoguer::Confirm::with_theme(self.theme.as_ref())
            .with_prompt(question)
            .default(default)
            .interact_on_opt(&self.term)
        {
            Ok(answer) => Ok(answer),
            Err(error) if interrupted(&error) => Ok(None),
            Err(error) => Err(error).context("cannot read from the terminal"),
        }
    }

    fn ask(&mut self, question: &Question) -> Result<Reply> {
        let _ = self.term.clear_screen();
        self.term
            .write_line(&header(question, self.width))
            .context("cannot write to the terminal")?;
        let items = self.items(question);
        let chosen = dialoguer::Select::with_theme(self.theme.as_ref())
            .with_prompt(dim(self.hint))
            .items(&items)
            .default(question.current.unwrap_or(0))
            .report(false)
            .interact_on_opt(&self.term);
        let reply = match chosen {
            Ok(Some(index)) if index < question.options.len() => Reply::Choose(index),
            Ok(Some(index)) if index == question.options.len() => Reply::Skip,
            Ok(Some(_)) => Reply::Back,
            Ok(None) => Reply::Quit,
            Err(error) if interrupted(&error) => Reply::Quit,
            Err(error) => return Err(error).context("cannot read from the terminal"),
        };
        Ok(reply)
    }
}

impl Drop for TerminalPrompter {
    fn drop(&mut self) {
        let _ = self.term.show_cursor();
    }
}

/// Numbered options, one typed answer per line.
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
    width: usize,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// A prompter reading `input` and writing `output`.
    pub fn new(input: R, output: W, width: usize) -> Self {
        Self { input, output, width }
    }

    /// The next trimmed line; `None` at end of input.
    fn line(&mut self) -> Result<Option<String>> {
        self.output.flush().ok();
        let mut line = String::new();
        let read = self.input.read_line(&mut line).context("cannot read the answer")?;
        Ok((read > 0).then(|| line.trim().to_lowercase()))
    }
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn show(&mut self, text: &str) -> Result<()> {
        writeln!(self.output, "{}", wrap(text, self.width, "")).context("cannot write the prompt")
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<Option<bool>> {
        loop {
            let hint = if default { "Y/n" } else { "y/N" };
            write!(self.output, "{question} [{hint}] ").context("cannot write the prompt")?;
            let Some(line) = self.line()? else {
                return Ok(None);
            };
            match line.as_str() {
                "" => return Ok(Some(default)),
                "y" | "yes" => return Ok(Some(true)),
                "n" | "no" => return Ok(Some(false)),
                "q" | "quit" => return Ok(None),
                _ => writeln!(self.output, "Please type y or n.")
                    .context("cannot write the prompt")?,
            }
        }
    }

    fn ask(&mut self, question: &Question) -> Result<Reply> {
        let mut text = format!("\n{}", header(question, self.width));
        for (index, option) in question.options.iter().enumerate() {
            let marker = if question.current == Some(index) { " (your answer)" } else { "" };
            let options = textwrap::Options::new(self.width).subsequent_indent("   ");
            text.push_str(&textwrap::fill(&format!("{}. {option}{marker}", index + 1), options));
            text.push('\n');
        }
        if question.current == Some(question.options.len()) {
            text.push_str("(You skipped this one before.)\n");
        }
        let back = if question.can_go_back { ", b to go back" } else { "" };
        text.push_str(&format!("Type a number, s to skip{back}, q to stop."));
        writeln!(self.output, "{text}").context("cannot write the prompt")?;
        loop {
            write!(self.output, "> ").context("cannot write the prompt")?;
            let Some(line) = self.line()? else {
                return Ok(Reply::Quit);
            };
            match line.as_str() {
                "s" | "skip" => return Ok(Reply::Skip),
                "b" | "back" if question.can_go_back => return Ok(Reply::Back),
                "q" | "quit" => return Ok(Reply::Quit),
                number => match number.parse::<usize>() {
                    Ok(choice) if (1..=question.options.len()).contains(&choice) => {
                        return Ok(Reply::Choose(choice - 1));
                    }
                    _ => writeln!(
                        self.output,
                        "Please type a number from 1 to {}, s, or q.",
                        question.options.len()
                    )
                    .context("cannot write the prompt")?,
                },
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question() -> Question {
        Question {
            number: 2,
            total: 5,
            title: String::from("The outage"),
            situation: String::from("Production is down. What would you most likely do?"),
            options: vec![String::from("Fix it"), String::from("Plan it")],
            current: None,
            can_go_back: true,
        }
    }

    #[test]
    fn plain_prompter_reads_numbers_and_words() {
        colored::control::set_override(false);
        let input = b"7\nx\n2\ns\nb\nq\n" as &[u8];
        let mut output = Vec::new();
        let mut prompter = PlainPrompter::new(input, &mut output, 60);
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Choose(1));
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Skip);
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Back);
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Quit);
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Quit, "end of input quits");
        let shown = String::from_utf8(output).unwrap();
        assert!(shown.contains("[2/5] The outage"), "{shown}");
        assert!(shown.contains("1. Fix it\n2. Plan it"), "{shown}");
        assert!(shown.contains("Please type a number from 1 to 2"), "{shown}");
    }
}
