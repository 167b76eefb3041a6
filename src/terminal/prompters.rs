//! The two prompters a terminal gets.
//!
//! [`TerminalPrompter`] draws an arrow-key menu, asks yes-or-no questions
//! and asks for a name on stderr ([`super::menu`]), drawn by a dialoguer
//! theme ([`theme_for`]).
//! [`PlainPrompter`] prints numbered options and reads a typed number per
//! line: no cursor movement, no colour, good for screen readers and
//! `TERM=dumb`. Both show every text through [`paint`], so nothing from a
//! content file reaches the terminal as a control sequence, and both
//! discard keys typed ahead before each question; the menu ignores letters,
//! spaces and an Enter inside a paste, so a paste answers nothing.

use std::io::{BufRead, Write};

use anyhow::{Context, Result};

use dialoguer::theme::{ColorfulTheme, SimpleTheme, Theme};

use super::layout::MenuText;
use super::menu::Screen;
use super::tty::discard_typed_ahead;
use crate::export::style::{TextStyle, paint, wrap};
use crate::flow::{BACK_LABEL, Prompter, Question, Reply, SKIP_LABEL};
use crate::view::Tone;

/// The scenario's header: position, title, situation, and the note.
fn header(question: &Question, style: TextStyle) -> String {
    let mut out = format!(
        "{} {}\n\n{}\n",
        paint(&format!("[{}/{}]", question.number, question.total), Tone::Dim, style),
        paint(&question.title, Tone::Strong, style),
        wrap(&paint(&question.situation, Tone::Plain, style), style.width, "")
    );
    if let Some(note) = &question.note {
        out.push('\n');
        out.push_str(&wrap(&paint(note, Tone::Dim, style), style.width, ""));
        out.push('\n');
    }
    out
}

/// Arrow keys and Enter, drawn on stderr by a dialoguer theme.
pub struct TerminalPrompter {
    term: console::Term,
    style: TextStyle,
    theme: Box<dyn Theme>,
    /// When keys came, across every menu of the run.
    pace: super::menu::Pace,
}

/// The theme prompts are drawn with: dialoguer's colourful one when
/// `style` has colour (with ASCII marks where the locale lacks UTF-8),
/// its plain one otherwise.
pub fn theme_for(style: TextStyle) -> Box<dyn Theme> {
    if !style.colour {
        return Box::new(PlainTheme);
    }
    let mut theme = ColorfulTheme::default();
    if style.ascii {
        let mark = |text: &str| console::style(text.to_owned()).for_stderr();
        theme.prompt_suffix = mark(">").black().bright();
        theme.success_prefix = mark("+").green();
        theme.success_suffix = mark("-").black().bright();
        theme.error_prefix = mark("x").red();
        theme.active_item_prefix = mark(">").green();
    }
    Box::new(theme)
}

/// dialoguer's [`SimpleTheme`], except that a question keeps its own mark:
/// "What would you most likely do?", not "… do?:".
struct PlainTheme;

impl Theme for PlainTheme {
    fn format_prompt(&self, f: &mut dyn std::fmt::Write, prompt: &str) -> std::fmt::Result {
        if prompt.trim_end().ends_with('?') {
            write!(f, "{prompt}")
        } else {
            SimpleTheme.format_prompt(f, prompt)
        }
    }
}

impl TerminalPrompter {
    /// A prompter on stderr.
    pub fn new(style: TextStyle) -> Self {
        Self {
            term: console::Term::stderr(),
            style,
            theme: theme_for(style),
            pace: super::menu::Pace::default(),
        }
    }

    /// Text from a file, safe to show and without colour: the theme colours it.
    fn safe(&self, text: &str) -> String {
        paint(text, Tone::Plain, TextStyle { colour: false, ..self.style })
    }

    fn select(
        &self,
        header: &dyn Fn(usize) -> String,
        prompt: &str,
        items: &[String],
        numbered: usize,
        default: usize,
    ) -> Result<Option<usize>> {
        discard_typed_ahead();
        let hint = super::menu::hint(numbered, self.style.ascii);
        let prompt = self.safe(prompt);
        let screen = Screen {
            header,
            menu: MenuText {
                prompt: &prompt,
                hint: &hint,
                items,
                numbered,
                ascii: self.style.ascii,
            },
            default,
        };
        super::menu::select(&self.term, &self.pace, self.theme.as_ref(), &screen, self.style.width)
            .context("cannot read from the terminal")
    }
}

/// The longest name the name prompt takes.
const NAME_LIMIT: usize = crate::result::MAX_NAME;

impl Prompter for TerminalPrompter {
    fn show(&mut self, text: &str) -> Result<()> {
        self.term
            .write_line(&wrap(&paint(text, Tone::Plain, self.style), self.style.width, ""))
            .context("cannot write to the terminal")
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<Option<bool>> {
        discard_typed_ahead();
        super::menu::confirm(
            &self.term,
            &self.pace,
            self.theme.as_ref(),
            &self.safe(question),
            default,
            self.style.width,
        )
        .context("cannot read from the terminal")
    }

    fn input(&mut self, question: &str) -> Result<Option<String>> {
        discard_typed_ahead();
        super::menu::input(
            &self.term,
            &self.pace,
            self.theme.as_ref(),
            &self.safe(question),
            NAME_LIMIT,
            self.style.width,
        )
        .context("cannot read from the terminal")
    }

    fn ask(&mut self, question: &Question) -> Result<Reply> {
        let style = self.style;
        let header = |width: usize| {
            let mut text = header(question, TextStyle { width, ..style });
            text.push('\n');
            text
        };
        let mut items: Vec<String> =
            question.options.iter().map(|option| self.safe(option)).collect();
        items.push(String::from(SKIP_LABEL));
        if question.can_go_back {
            items.push(String::from(BACK_LABEL));
        }
        let count = question.options.len();
        let reply = match self.select(
            &header,
            &question.prompt,
            &items,
            count,
            question.current.unwrap_or(0),
        )? {
            Some(index) if index < count => Reply::Choose(index),
            Some(index) if index == count => Reply::Skip,
            Some(_) => Reply::Back,
            None => Reply::Quit,
        };
        Ok(reply)
    }

    fn choose(&mut self, text: &str, choices: &[String], default: usize) -> Result<Option<usize>> {
        let style = self.style;
        let header = |width: usize| {
            let mut shown = wrap(&paint(text, Tone::Plain, style), width, "");
            shown.push_str("\n\n");
            shown
        };
        let items: Vec<String> = choices.iter().map(|choice| self.safe(choice)).collect();
        self.select(&header, "What next?", &items, items.len(), default)
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
    style: TextStyle,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// A prompter reading `input` and writing `output`, without colour.
    pub fn new(input: R, output: W, style: TextStyle) -> Self {
        Self { input, output, style: TextStyle { colour: false, ..style } }
    }

    /// The next trimmed line; `None` at end of input.
    fn line(&mut self) -> Result<Option<String>> {
        self.output.flush().ok();
        let mut line = String::new();
        let read = self.input.read_line(&mut line).context("cannot read the answer")?;
        Ok((read > 0).then(|| line.trim().to_lowercase()))
    }

    fn write(&mut self, text: &str) -> Result<()> {
        writeln!(self.output, "{text}").context("cannot write the prompt")
    }

    fn numbered(&self, items: &[String], marked: Option<usize>) -> String {
        let mut text = String::new();
        for (index, item) in items.iter().enumerate() {
            let marker = if marked == Some(index) { " (your answer)" } else { "" };
            let options = textwrap::Options::new(self.style.width).subsequent_indent("   ");
            let line = format!("{}. {}{marker}", index + 1, paint(item, Tone::Plain, self.style));
            text.push_str(&textwrap::fill(&line, options));
            text.push('\n');
        }
        text
    }
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn show(&mut self, text: &str) -> Result<()> {
        let wrapped = wrap(&paint(text, Tone::Plain, self.style), self.style.width, "");
        self.write(&wrapped)
    }

    fn confirm(&mut self, question: &str, default: bool) -> Result<Option<bool>> {
        loop {
            discard_typed_ahead();
            let hint = if default { "Y/n" } else { "y/N" };
            write!(self.output, "{} [{hint}] ", paint(question, Tone::Plain, self.style))
                .context("cannot write the prompt")?;
            let Some(line) = self.line()? else {
                return Ok(None);
            };
            match line.as_str() {
                "" => return Ok(Some(default)),
                "y" | "yes" => return Ok(Some(true)),
                "n" | "no" => return Ok(Some(false)),
                "q" | "quit" => return Ok(None),
                _ => self.write("Please type y or n.")?,
            }
        }
    }

    fn input(&mut self, question: &str) -> Result<Option<String>> {
        discard_typed_ahead();
        write!(self.output, "{}: ", paint(question, Tone::Plain, self.style))
            .context("cannot write the prompt")?;
        self.output.flush().ok();
        let mut line = String::new();
        let read = self.input.read_line(&mut line).context("cannot read the answer")?;
        Ok((read > 0).then(|| line.trim().to_owned()))
    }

    fn ask(&mut self, question: &Question) -> Result<Reply> {
        let mut text = format!("\n{}\n{}\n", header(question, self.style), question.prompt);
        text.push_str(&self.numbered(&question.options, question.current));
        if question.current == Some(question.options.len()) {
            text.push_str("(You skipped this one before.)\n");
        }
        let back = if question.can_go_back { ", b to go back" } else { "" };
        text.push_str(&format!("Type a number, s to skip{back}, q to stop."));
        self.write(&text)?;
        loop {
            discard_typed_ahead();
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
                    _ => {
                        let count = question.options.len();
                        self.write(&format!("Please type a number from 1 to {count}, s, or q."))?;
                    }
                },
            }
        }
    }

    fn choose(&mut self, text: &str, choices: &[String], default: usize) -> Result<Option<usize>> {
        let mut shown =
            format!("\n{}\n", wrap(&paint(text, Tone::Plain, self.style), self.style.width, ""));
        shown.push_str(&self.numbered(choices, None));
        shown.push_str(&format!("Type a number (Enter for {}), q to stop.", default + 1));
        self.write(&shown)?;
        loop {
            discard_typed_ahead();
            write!(self.output, "> ").context("cannot write the prompt")?;
            let Some(line) = self.line()? else {
                return Ok(None);
            };
            match line.as_str() {
                "" => return Ok(Some(default)),
                "q" | "quit" => return Ok(None),
                number => match number.parse::<usize>() {
                    Ok(choice) if (1..=choices.len()).contains(&choice) => {
                        return Ok(Some(choice - 1));
                    }
                    _ => self.write(&format!(
                        "Please type a number from 1 to {}, or q.",
                        choices.len()
                    ))?,
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
            situation: String::from("Production is down."),
            prompt: String::from("What would you most likely do?"),
            note: None,
            options: vec![String::from("Fix it"), String::from("Plan it")],
            current: None,
            can_go_back: true,
        }
    }

    #[test]
    fn plain_prompter_reads_numbers_and_words() {
        let input = b"7\nx\n2\ns\nb\nq\n" as &[u8];
        let mut output = Vec::new();
        let mut prompter = PlainPrompter::new(input, &mut output, TextStyle::plain(60));
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Choose(1));
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Skip);
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Back);
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Quit);
        assert_eq!(prompter.ask(&question()).unwrap(), Reply::Quit, "end of input quits");
        let shown = String::from_utf8(output).unwrap();
        assert!(shown.contains("[2/5] The outage"), "{shown}");
        assert!(shown.contains("What would you most likely do?\n1. Fix it\n2. Plan it"), "{shown}");
        assert!(shown.contains("Please type a number from 1 to 2"), "{shown}");
    }

    #[test]
    fn the_plain_theme_keeps_a_question_mark_and_the_colourful_one_its_marks() {
        let plain = theme_for(TextStyle::plain(80));
        let mut drawn = String::new();
        plain.format_select_prompt(&mut drawn, "What would you most likely do?").unwrap();
        assert_eq!(drawn, "What would you most likely do?");
        let mut drawn = String::new();
        plain.format_select_prompt(&mut drawn, "Choose").unwrap();
        assert_eq!(drawn, "Choose:");
        let mut drawn = String::new();
        plain.format_confirm_prompt(&mut drawn, "Ready to start?", Some(true)).unwrap();
        assert_eq!(drawn, "Ready to start? [Y/n] ");
        let ascii = theme_for(TextStyle { width: 80, ascii: true, colour: true });
        let mut drawn = String::new();
        ascii.format_select_prompt_item(&mut drawn, "Fix it", true).unwrap();
        assert_eq!(console::strip_ansi_codes(&drawn), "> Fix it", "no UTF-8 marks without UTF-8");
    }

    #[test]
    fn plain_prompter_shows_escape_sequences_as_text() {
        let mut hostile = question();
        hostile.title = String::from("Title\u{1b}]0;pwned\u{7}");
        hostile.options[0] = String::from("\u{1b}[2J wipe");
        let mut output = Vec::new();
        let mut prompter = PlainPrompter::new(b"1\n" as &[u8], &mut output, TextStyle::plain(60));
        prompter.ask(&hostile).unwrap();
        let shown = String::from_utf8(output).unwrap();
        assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}'), "{shown:?}");
        assert!(shown.contains("Title\\e]0;pwned\\u{0007}"), "{shown}");
        assert!(shown.contains("\\e[2J wipe"), "{shown}");
    }
}
