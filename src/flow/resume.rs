//! Whether to continue an unfinished session or start a new one, and what
//! to tell the respondent either way. Pure decisions over a [`Prompter`]:
//! the command shell loads and clears the session file around them.

use anyhow::Result;

pub use super::messages::resume_command;
use super::session::{Reconciled, Session};
use super::{Prompter, order};
use crate::content::Content;
use crate::content::selection::{Selection, select};
use crate::content::timing::estimate;
use crate::content::wording::{Plan, intro};
use crate::error::usage;
use crate::result::Subject;

/// What the respondent asked for on the command line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The scenarios to ask.
    pub selection: Selection,
    /// Whether the selection was given explicitly (`--quick`, `--axes`).
    pub explicit_selection: bool,
    /// `--resume`: continue without asking.
    pub resume: bool,
    /// The respondent's name (`--name`).
    pub name: Option<String>,
    /// The person rated (`--about`, `--relation`).
    pub about: Option<Subject>,
    /// Shuffle seed for a new session.
    pub seed: u64,
    /// When a new session starts, RFC 3339.
    pub now: String,
    /// `--restart`: start afresh, replacing the unfinished assessment
    /// once the new one starts (not before).
    pub restart: bool,
    /// How the user runs itlead, for the commands messages name
    /// ([`crate::shell::program`]), found when a message first needs it.
    pub program: crate::shell::Program,
}

/// What to do.
#[derive(Debug)]
pub enum Opened {
    /// Ask this session's scenarios.
    Session(Box<Session>),
    /// The respondent declined to start or to continue.
    Declined,
}

/// Continues `existing` or starts a new session, asking the respondent
/// where a choice is theirs. Refuses (a usage error) to continue a session
/// that asks other scenarios or is about someone else than requested.
pub fn open(
    content: &Content,
    existing: Option<Session>,
    request: &Request,
    prompter: &mut dyn Prompter,
) -> Result<Opened> {
    if let Some(session) = existing.as_ref().filter(|_| request.restart) {
        prompter.show(&format!(
            "A new assessment: the unfinished one ({} of {} answered) is replaced once you \
             start (answer no below to keep it).",
            session.progress(),
            session.order.len()
        ))?;
    } else if let Some(mut session) = existing {
        if request.explicit_selection && session.selection != request.selection {
            return Err(usage(format!(
                "an unfinished assessment asks {}; continue it with `{}`, \
                 or add --restart to discard it",
                session.selection.describe(),
                resume_command(request.program.words(), None)
            )));
        }
        if session.about != request.about {
            let whose = match &session.about {
                Some(about) => format!("about {}", about.name),
                None => String::from("about yourself"),
            };
            return Err(usage(format!(
                "an unfinished assessment {whose} is open; continue it with `{}`, or add \
                 --restart to discard it",
                resume_command(request.program.words(), session.about.as_ref())
            )));
        }
        let resume = if request.resume {
            true
        } else {
            let skipped = session.answers.values().filter(|answer| answer.is_skipped()).count();
            let question = format!(
                "Continue your unfinished assessment ({} of {} answered{}, started {})?",
                session.progress() - skipped,
                session.order.len(),
                if skipped > 0 { format!(", {skipped} skipped") } else { String::new() },
                session.started.get(..10).unwrap_or(&session.started)
            );
            match prompter.confirm(&question, true)? {
                Some(answer) => answer,
                None => return Ok(Opened::Declined),
            }
        };
        if resume {
            let reconciled = session.reconcile(content);
            if reconciled.changed() {
                prompter.show(&changed_notice(&reconciled))?;
                if prompter.confirm("Continue?", true)? != Some(true) {
                    return Ok(Opened::Declined);
                }
            }
            return Ok(Opened::Session(Box::new(session)));
        }
        prompter.show(
            "A new assessment then: the unfinished one is replaced once you start \
             (answer no below to keep it).",
        )?;
    } else if request.resume {
        prompter.show("There is no unfinished assessment to resume, so a new one starts.")?;
    }
    let asked = select(content, &request.selection);
    let ids = order(&asked, request.seed);
    let quick = request.selection == Selection::Quick;
    let minutes = estimate(content, &asked, quick).minutes();
    let subject =
        request.about.as_ref().map(|about| crate::content::wording::first_name(&about.name));
    let text = intro(Plan::of(content, &asked, minutes, quick), subject);
    prompter.show(&text)?;
    prompter.show("")?;
    if prompter.confirm("Ready to start?", true)? != Some(true) {
        return Ok(Opened::Declined);
    }
    let mut name = request.name.clone();
    // A rater's own name is never asked for, nor stored.
    if name.is_none() && request.about.is_none() {
        match ask_name(prompter)? {
            Named::Name(typed) => name = Some(typed),
            Named::Skipped => {}
            Named::Stopped => return Ok(Opened::Declined),
        }
    }
    let mut session =
        Session::new(content, request.selection.clone(), request.seed, ids, request.now.clone());
    session.name = name;
    session.about.clone_from(&request.about);
    Ok(Opened::Session(Box::new(session)))
}

/// The question that asks for the respondent's name.
pub const NAME_QUESTION: &str = "Your name (optional, Enter skips)";

/// What the name prompt came to.
enum Named {
    /// A name that can be recorded.
    Name(String),
    /// Enter alone.
    Skipped,
    /// Esc, Ctrl-C, end of input.
    Stopped,
}

/// Asks for the respondent's name until it is one that can be recorded.
fn ask_name(prompter: &mut dyn Prompter) -> Result<Named> {
    loop {
        let Some(typed) = prompter.input(NAME_QUESTION)? else {
            return Ok(Named::Stopped);
        };
        let typed = typed.trim();
        if typed.is_empty() {
            return Ok(Named::Skipped);
        }
        match crate::result::name_problem(typed) {
            None => return Ok(Named::Name(typed.to_owned())),
            Some(problem) => prompter.show(&format!("Not recorded: {problem}."))?,
        }
    }
}

/// What resuming under a changed questionnaire means for the respondent.
pub fn changed_notice(reconciled: &Reconciled) -> String {
    let mut notice = String::from("The questionnaire changed since this assessment started.");
    match reconciled.dropped.len() {
        0 => {}
        1 => notice.push_str(&format!(
            " 1 answer no longer matches and will be asked again: {}.",
            reconciled.dropped[0]
        )),
        count => notice.push_str(&format!(
            " {count} answers no longer match and will be asked again: {}.",
            reconciled.dropped.join(", ")
        )),
    }
    match reconciled.added.len() {
        0 => {}
        1 => notice.push_str(" 1 new scenario will be asked."),
        count => notice.push_str(&format!(" {count} new scenarios will be asked.")),
    }
    notice
}
