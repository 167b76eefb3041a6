//! Driving `itlead assess` in a real pseudo-terminal: spawning it, pressing
//! keys as a person would, and waiting for what it shows.

use std::time::Duration;

use expectrl::session::OsSession;
use expectrl::{Expect, Regex, Session};
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

/// Waits for question `number` of `total` and returns `total`.
pub fn expect_question(session: &mut OsSession, number: usize) -> usize {
    let captures = session.expect(Regex(&format!(r"\[{number}/(\d+)\]"))).expect("question shown");
    let total = String::from_utf8_lossy(captures.get(1).unwrap()).parse().unwrap();
    // The menu is drawn after the situation; wait for it before pressing keys.
    session.expect("Enter choose").expect("menu shown");
    total
}

/// Answers the scenario on screen: the first option as most likely (after
/// `down` presses), then the first remaining one as least likely.
pub fn answer(session: &mut OsSession, down: usize) {
    for _ in 0..down {
        press(session, DOWN);
    }
    press(session, ENTER);
    session.expect("least likely do?").expect("the least likely question");
    session.expect("Enter choose").expect("menu shown");
    press(session, ENTER);
}

/// At the closing question, asks for the result.
pub fn see_result(session: &mut OsSession) {
    session.expect("That was the last scenario").expect("closing question");
    session.expect("See the result").expect("menu shown");
    press(session, ENTER);
}
