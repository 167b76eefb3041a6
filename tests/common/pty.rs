//! Driving `itlead assess` in a real pseudo-terminal: spawning it, pressing
//! keys as a person would, and waiting for what it shows.

use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::{Expect, Regex, Session};
use itlead::content::model::{Pick, Scenario};
use itlead::content::selection::{Selection, select};
use itlead::content::wording::question;
use itlead::flow::order;
use ptyprocess::WaitStatus;

use super::Itlead;

pub const DOWN: &str = "\x1b[B";
pub const UP: &str = "\x1b[A";
pub const ENTER: &str = "\r";
pub const CTRL_C: &str = "\x03";

/// Presses one key as a person would: not within the burst of a paste,
/// and an Enter not so soon after another that it looks like a held key,
/// both of which the menu ignores (`itlead::terminal::menu::PASTE_GAP`
/// and `REPEAT_GAP`).
pub fn press(session: &mut OsSession, key: &str) {
    use itlead::terminal::menu::{PASTE_GAP, REPEAT_GAP};
    let pause = if key == ENTER { REPEAT_GAP + PASTE_GAP * 2 } else { PASTE_GAP * 3 };
    std::thread::sleep(pause);
    session.send(key).unwrap();
}

/// `command` in an 80 × 40 pseudo-terminal.
pub fn spawn_command(command: std::process::Command) -> OsSession {
    let mut session = Session::spawn(command).expect("spawn in a pty");
    session.get_process_mut().set_window_size(80, 40).expect("window size");
    session.set_expect_timeout(Some(Duration::from_secs(15)));
    session
}

/// `itlead` in an 80-column pseudo-terminal.
pub fn spawn(itlead: &Itlead) -> OsSession {
    let mut command = itlead.command();
    command.env("COLUMNS", "80");
    spawn_command(command)
}

/// How the session's process exited; panics on a signal.
pub fn exit_code(session: &OsSession) -> i32 {
    match session.get_process().wait().expect("wait") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("itlead did not exit normally: {other:?}"),
    }
}

/// Accepts the introduction, and skips the name prompt when there is one
/// (there is none with `--name` or `--about`).
pub fn start(session: &mut OsSession) {
    session.expect("Ready to start?").expect("intro shown");
    press(session, ENTER);
    let waited = std::time::Instant::now();
    while waited.elapsed() < Duration::from_secs(15) {
        if session.is_matched(NAME_PROMPT).unwrap_or(false) {
            session.expect(NAME_PROMPT).expect("name prompt");
            press(session, ENTER);
            return;
        }
        if session.is_matched(Regex(r"\[1/\d+\]")).unwrap_or(false) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("neither the name prompt nor the first question came");
}

/// The name prompt.
pub const NAME_PROMPT: &str = "Your name (optional, Enter skips)";

/// A scenario on screen, as [`expect_question`] saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Asked {
    /// Its place in the run, from 1.
    pub number: usize,
    /// Scenarios in the run.
    pub total: usize,
    /// Whether it is a choice between two options, asked once
    /// ([`itlead::content::model::Scenario::is_pair`]): no least likely
    /// question follows the first pick.
    pub pair: bool,
}

/// The end of the question itlead asks for `pick`, after whoever it is
/// about ("more likely do?"), as `itlead::content::wording` words it.
pub fn question_tail(pick: Pick, pair: bool) -> String {
    let marked = question(pick, pair, Some("\u{1}"));
    let (_, tail) = marked.split_once('\u{1}').expect("the question names who it is about");
    tail.trim().to_owned()
}

/// `output` as text with its escape sequences (`ESC [ … final`) gone.
fn without_escapes(output: &[u8]) -> String {
    let text = String::from_utf8_lossy(output);
    let mut out = String::new();
    let mut characters = text.chars();
    while let Some(character) = characters.next() {
        if character == '\u{1b}' {
            if characters.next() == Some('[') {
                for next in characters.by_ref() {
                    if ('@'..='~').contains(&next) {
                        break;
                    }
                }
            }
        } else {
            out.push(character);
        }
    }
    out
}

/// What a person sees in `output`: escape sequences and carriage returns
/// gone, lines kept.
pub fn seen(output: &[u8]) -> String {
    without_escapes(output).replace('\r', "")
}

/// What a person reads in `output`: escape sequences gone, every run of
/// whitespace (carriage returns too) a single space, so a wrapped line
/// reads as one.
pub fn readable(output: &[u8]) -> String {
    without_escapes(output).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `shown`, the text of a scenario up to its menu, asks the most
/// likely question of a choice between two (`true`) or of more options
/// (`false`); panics when it asks neither.
pub fn asks_pair(shown: &str) -> bool {
    let pair = question_tail(Pick::Most, true);
    let most = question_tail(Pick::Most, false);
    match (shown.rfind(&pair), shown.rfind(&most)) {
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (Some(at_pair), Some(at_most)) => at_pair > at_most,
        (None, None) => panic!("neither {pair:?} nor {most:?} is asked in:\n{shown}"),
    }
}

/// Waits for question `number` and its menu; what it asks.
pub fn expect_question(session: &mut OsSession, number: usize) -> Asked {
    let captures = session.expect(Regex(&format!(r"\[{number}/(\d+)\]"))).expect("question shown");
    let total = String::from_utf8_lossy(captures.get(1).unwrap()).parse().unwrap();
    Asked { number, total, pair: expect_menu(session) }
}

/// Waits for the menu of the scenario whose number was just shown (it is
/// drawn after the situation; keys pressed before it are discarded) and
/// says whether it is a choice between two.
pub fn expect_menu(session: &mut OsSession) -> bool {
    let menu = session.expect("Enter choose").expect("menu shown");
    asks_pair(&readable(menu.before()))
}

/// Answers the scenario on screen: the first option as most likely (after
/// `down` presses), then, unless it is a choice between two, the first
/// remaining one as least likely.
pub fn answer(session: &mut OsSession, asked: &Asked, down: usize) {
    answer_scenario(session, asked.pair, down);
}

/// [`answer`] for a scenario known to be a choice between two (`pair`) or not.
pub fn answer_scenario(session: &mut OsSession, pair: bool, down: usize) {
    for _ in 0..down {
        press(session, DOWN);
    }
    press(session, ENTER);
    if pair {
        return;
    }
    session.expect(question_tail(Pick::Least, false)).expect("the least likely question");
    session.expect("Enter choose").expect("menu shown");
    press(session, ENTER);
}

/// The scenarios itlead asks for `selection` of the built-in content when
/// started with `--seed seed`, in the order asked.
pub fn asked_in_order(selection: &Selection, seed: u64) -> Vec<Scenario> {
    let content = itlead::questionnaire::built_in();
    let asked = select(&content, selection);
    order(&asked, seed)
        .iter()
        .map(|id| content.scenario(id).expect("an asked scenario").clone())
        .collect()
}

/// How many scenarios a run of `selection` asks.
pub fn asked_count(selection: &Selection) -> usize {
    select(&itlead::questionnaire::built_in(), selection).len()
}

/// The first seed from `from` on whose run of `selection` opens with a
/// scenario of more than two options (`pair` false: the menu asks the
/// most likely and then the least likely option) or with a choice between
/// two (`pair` true).
pub fn seed_opening_with(selection: &Selection, pair: bool, from: u64) -> u64 {
    (from..from + 10_000)
        .find(|&seed| asked_in_order(selection, seed)[0].is_pair() == pair)
        .expect("a seed that opens so")
}

/// At the closing question, asks for the result.
pub fn see_result(session: &mut OsSession) {
    session.expect("That was the last scenario").expect("closing question");
    session.expect("See the result").expect("menu shown");
    press(session, ENTER);
}
