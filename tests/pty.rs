//! Real keys in a real pseudo-terminal: `itlead assess` as a person uses it.

#![cfg(unix)]

mod common;

use common::Itlead;
use common::pty::{
    CTRL_C, ENTER, UP, answer, asks_pair, exit_code, expect_question, press, readable, see_result,
    spawn, start,
};
use expectrl::{Expect, Regex};
use itlead::content::selection::Selection;

#[test]
fn a_full_quick_run_with_arrow_keys_ends_in_a_saved_report() {
    let itlead = Itlead::new().args(["assess", "--quick", "--seed", "4"]);
    let mut session = spawn(&itlead);
    start(&mut session);
    let first = expect_question(&mut session, 1);
    let total = first.total;
    let mut pairs = 0;
    for number in 1..=total {
        let asked = if number == 1 { first } else { expect_question(&mut session, number) };
        pairs += usize::from(asked.pair);
        answer(&mut session, &asked, number % 2);
    }
    assert!(0 < pairs && pairs < total, "the quick form mixes pairs and larger menus");
    see_result(&mut session);
    session.expect("Your profile").expect("report shown");
    session.expect("Neither side is the better one").expect("closing shown");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
    let saved: Vec<_> = std::fs::read_dir(itlead.results_dir()).unwrap().collect();
    assert_eq!(saved.len(), 1, "result saved");
    assert!(!itlead.session_file().exists(), "finished session is cleared");
}

#[test]
fn back_returns_to_the_previous_scenario() {
    let itlead = Itlead::new().args(["assess", "--quick", "--seed", "4"]);
    let mut session = spawn(&itlead);
    start(&mut session);
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked, 0);
    expect_question(&mut session, 2);
    // The menu wraps: up from the first item is the last one, "Back".
    press(&mut session, UP);
    press(&mut session, ENTER);
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked, 1);
    expect_question(&mut session, 2);
    session.send(CTRL_C).unwrap();
    session.expect("1 answer is saved").expect("stop message");
    assert_eq!(exit_code(&session), 130);
}

#[test]
fn ctrl_c_saves_and_resume_continues_where_it_stopped() {
    let itlead = Itlead::new().args(["assess", "--seed", "9"]);
    let mut session = spawn(&itlead);
    start(&mut session);
    for number in 1..=2 {
        let asked = expect_question(&mut session, number);
        answer(&mut session, &asked, 0);
    }
    expect_question(&mut session, 3);
    session.send(CTRL_C).unwrap();
    session.expect("2 answers are saved. To continue, run:").expect("stop message");
    session.expect("\n  itlead assess --resume\r\n").expect("the command on a line of its own");
    assert_eq!(exit_code(&session), 130);
    let saved = std::fs::read_to_string(itlead.session_file()).expect("session saved");
    assert!(saved.contains("\"answers\""));

    let resumed = Itlead::new().args(["assess", "--resume"]);
    // Same home: copy the state over.
    std::fs::create_dir_all(resumed.home().join("state")).unwrap();
    std::fs::copy(itlead.session_file(), resumed.session_file()).unwrap();
    let mut session = spawn(&resumed);
    expect_question(&mut session, 3);
    session.send("\x1b").unwrap();
    session.expect("2 answers are saved").expect("esc stops too");
    assert_eq!(exit_code(&session), 130);
}

#[test]
fn plain_mode_reads_typed_numbers() {
    // A run that opens with a scenario of four options, so that the least
    // likely question is typed too.
    let selection = Selection::Axes { axes: vec![String::from("direct-coach")] };
    let seed = common::pty::seed_opening_with(&selection, false, 2).to_string();
    let itlead =
        Itlead::new().args(["assess", "--plain", "--axes", "direct-coach", "--seed", &seed]);
    let mut session = spawn(&itlead);
    session.expect("Ready to start? [Y/n]").unwrap();
    session.send_line("y").unwrap();
    session.expect("Your name (optional, Enter skips): ").unwrap();
    session.send_line("").unwrap();
    let captures = session.expect(Regex(r"\[1/(\d+)\]")).unwrap();
    let total: usize = String::from_utf8_lossy(captures.get(1).unwrap()).parse().unwrap();
    let shown = session.expect("Type a number").unwrap();
    assert!(!asks_pair(&readable(shown.before())), "the first scenario has four options");
    session.send_line("9").unwrap();
    session.expect("Please type a number").unwrap();
    session.send_line("1").unwrap();
    session.expect("least likely do?").unwrap();
    session.expect("> ").unwrap();
    session.send_line("3").unwrap();
    let mut pairs = 0;
    for number in 2..=total {
        session.expect(format!("[{number}/{total}]")).unwrap();
        let shown = session.expect("> ").unwrap();
        let pair = asks_pair(&readable(shown.before()));
        if number == 2 {
            session.send_line("s").unwrap();
        } else if pair {
            pairs += 1;
            session.send_line("2").unwrap();
        } else {
            session.send_line("2").unwrap();
            session.expect("least likely do?").unwrap();
            session.expect("> ").unwrap();
            session.send_line("1").unwrap();
        }
    }
    assert!(pairs > 0, "a choice between two is typed too");
    session.expect("1 skipped").unwrap();
    session.expect("> ").unwrap();
    session.send_line("").unwrap();
    session.expect("Your profile").unwrap();
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
}

#[test]
fn sigterm_restores_the_terminal_and_keeps_the_answers() {
    let itlead = Itlead::new().args(["assess", "--seed", "11"]);
    let mut session = spawn(&itlead);
    start(&mut session);
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked, 0);
    expect_question(&mut session, 2);
    session.get_process_mut().signal(ptyprocess::Signal::SIGTERM).unwrap();
    // The cursor is shown again (ESC [ ? 25 h) before the stop message.
    session.expect("\x1b[?25h").expect("cursor restored");
    session.expect("1 answer is saved").expect("stop message");
    assert_eq!(exit_code(&session), 143, "128 + SIGTERM, as a shell reports it");
    let saved = std::fs::read_to_string(itlead.session_file()).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&saved).expect("state file intact");
    assert_eq!(parsed["answers"].as_object().unwrap().len(), 1);
}

#[test]
fn declining_to_start_exits_cleanly_without_a_session() {
    let itlead = Itlead::new().arg("assess");
    let mut session = spawn(&itlead);
    session.expect("Ready to start?").unwrap();
    common::pty::press(&mut session, "n");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
    assert!(!itlead.session_file().exists());
}

#[test]
fn a_damaged_session_is_reported_and_set_aside_not_fatal() {
    let itlead = Itlead::new().arg("assess");
    std::fs::create_dir_all(itlead.session_file().parent().unwrap()).unwrap();
    std::fs::write(itlead.session_file(), "{\"schema\": \"itlead.session/2\", \"answers\": {")
        .unwrap();
    let mut session = spawn(&itlead);
    session.expect("could not be used").expect("warning shown");
    session.expect("moved to").unwrap();
    session.expect("Ready to start?").expect("a new session starts");
    common::pty::press(&mut session, "n");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
    let state_dir = itlead.session_file().parent().unwrap().to_owned();
    let aside: Vec<_> = std::fs::read_dir(state_dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("session.damaged-"))
        .collect();
    assert_eq!(aside.len(), 1, "the damaged file is kept under a new name");
}

#[test]
fn an_unfinished_session_with_another_selection_is_not_resumed_silently() {
    let first = Itlead::new().args(["assess", "--axes", "vision", "--seed", "3"]);
    let mut session = spawn(&first);
    start(&mut session);
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked, 0);
    expect_question(&mut session, 2);
    session.send(CTRL_C).unwrap();
    assert_eq!(exit_code(&session), 130);

    let other = Itlead::new().args(["assess", "--axes", "coach"]);
    std::fs::create_dir_all(other.session_file().parent().unwrap()).unwrap();
    std::fs::copy(first.session_file(), other.session_file()).unwrap();
    let mut session = spawn(&other);
    session.expect("asks the scenarios on goals-vision").expect("refused with a reason");
    session.expect("--restart").unwrap();
    assert_eq!(exit_code(&session), 2);
    assert!(other.session_file().exists(), "the unfinished session is kept");
}

#[test]
fn output_files_get_no_colour_even_from_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("explain.md");
    let answers = common::fixture("answers/full.yaml");
    let itlead = Itlead::new().args([
        "assess",
        "--answers",
        answers.to_str().unwrap(),
        "--no-save",
        "--output",
        out.to_str().unwrap(),
    ]);
    let mut session = spawn(&itlead);
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Profile of Robin Example"));
    assert!(!text.contains('\u{1b}'), "escape codes in a file written from a terminal");

    // On the terminal itself, the same report is coloured.
    let itlead =
        Itlead::new().args(["assess", "--answers", answers.to_str().unwrap(), "--no-save"]);
    let mut session = spawn(&itlead);
    session.expect("\x1b[").expect("colour on a terminal");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
}
