//! The small trait the assessment flow asks questions through.
//!
//! The terminal implementations (an arrow-key menu and a numbered plain
//! mode) live with the terminal code; tests drive the flow with a scripted
//! prompter.

use anyhow::Result;

/// One question as shown to the respondent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// 1-based position of the scenario.
    pub number: usize,
    /// How many scenarios in all.
    pub total: usize,
    /// Scenario title.
    pub title: String,
    /// The situation.
    pub situation: String,
    /// What is asked: "What would you most likely do?".
    pub prompt: String,
    /// A line shown between the situation and the prompt: the option
    /// already picked as most likely, when asking for the least likely.
    pub note: Option<String>,
    /// Option texts, in display order.
    pub options: Vec<String>,
    /// Display index of the earlier answer, when the question was answered
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
    /// Went back: to the previous scenario, or from the least likely
    /// question to the most likely one.
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
    /// Asks for a line of text (the respondent's name): what was typed,
    /// trimmed and possibly empty, or `None` when the respondent quits.
    fn input(&mut self, question: &str) -> Result<Option<String>>;
    /// Asks one scenario.
    fn ask(&mut self, question: &Question) -> Result<Reply>;
    /// Offers `choices` after `text`; the index chosen, or `None` when the
    /// respondent quits.
    fn choose(&mut self, text: &str, choices: &[String], default: usize) -> Result<Option<usize>>;
}

/// The label of the skip entry.
pub const SKIP_LABEL: &str = "Skip this one";
/// The label of the back entry.
pub const BACK_LABEL: &str = "Back";
