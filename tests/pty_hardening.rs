//! The interactive side of hardening, in real pseudo-terminals: the end of
//! an assessment cannot lose answers, two runs cannot share a session, a
//! paste answers nothing, every terminating signal gives the
//! terminal back, and prompts never vanish into a redirected stderr.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::Itlead;
use common::pty::{ENTER, exit_code, expect_question, spawn, spawn_command, start};
use expectrl::Expect;
use expectrl::session::OsSession;

/// The same itlead run through `sh -c PREFIX; exec itlead ARGS SUFFIX`.
fn spawn_shell(itlead: &Itlead, prefix: &str, suffix: &str) -> OsSession {
    let command = itlead.command();
    let args: Vec<String> =
        command.get_args().map(|arg| format!("'{}'", arg.to_string_lossy())).collect();
    let mut shell = std::process::Command::new("sh");
    shell.arg("-c").arg(format!(
        "{prefix} exec '{}' {} {suffix}",
        command.get_program().to_string_lossy(),
        args.join(" ")
    ));
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => shell.env(key, value),
            None => shell.env_remove(key),
        };
    }
    shell.env("COLUMNS", "80");
    spawn_command(shell)
}

fn answer(session: &mut OsSession) {
    common::pty::answer(session, 0);
}

fn saved_answers(itlead: &Itlead) -> usize {
    let text = std::fs::read_to_string(itlead.session_file()).unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|session| session["answers"].as_object().map(serde_json::Map::len))
        .unwrap_or(0)
}

#[test]
fn a_bad_output_target_is_refused_before_the_first_question() {
    let itlead = Itlead::new().args(["assess", "--output", "/no/such/dir/r.json"]);
    let mut session = spawn(&itlead);
    session.expect("does not exist").expect("refused at once");
    assert_eq!(exit_code(&session), 2);
    assert!(!itlead.session_file().exists(), "nothing was asked, nothing kept");
}

#[test]
fn a_failed_last_write_keeps_the_answers_and_still_shows_the_report() {
    let out_dir = tempfile::tempdir().unwrap();
    let target = out_dir.path().join("sub");
    std::fs::create_dir(&target).unwrap();
    let out = target.join("report.md");
    let itlead =
        Itlead::new().args(["assess", "--quick", "--seed", "5", "--output", out.to_str().unwrap()]);
    let mut session = spawn(&itlead);
    start(&mut session);
    let total = expect_question(&mut session, 1);
    for number in 1..=total {
        if number > 1 {
            expect_question(&mut session, number);
        }
        answer(&mut session);
    }
    session.expect("See the result").expect("closing question");
    // The target goes away while the respondent reads the closing question.
    std::fs::remove_dir(&target).unwrap();
    common::pty::press(&mut session, ENTER);
    session.expect("Your profile").expect("the report reaches the terminal anyway");
    session
        .expect("your answers are kept: run `itlead assess --resume` to write the report again")
        .expect("and says the answers are kept");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 1);
    assert_eq!(saved_answers(&itlead), total, "every answer is still on disk");
    let results =
        |itlead: &Itlead| std::fs::read_dir(itlead.results_dir()).map_or(0, Iterator::count);
    assert_eq!(results(&itlead), 1, "the result itself was saved");

    // Resuming goes straight to the closing question, writes the report,
    // and does not save the result a second time.
    std::fs::create_dir(&target).unwrap();
    let resumed = Itlead::new().args(["assess", "--resume", "--output", out.to_str().unwrap()]);
    std::fs::create_dir_all(resumed.session_file().parent().unwrap()).unwrap();
    std::fs::copy(itlead.session_file(), resumed.session_file()).unwrap();
    let mut session = spawn(&resumed);
    session.expect(format!("{total} of {total} answered")).expect("nothing left to ask");
    // Keys pressed before a menu is drawn are discarded: wait for it.
    session.expect("See the result").expect("menu shown");
    common::pty::press(&mut session, ENTER);
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Your profile"));
    assert_eq!(results(&itlead) + results(&resumed), 1, "saved once, not twice");
    assert!(!resumed.session_file().exists(), "the session goes once the result is out");
}

#[test]
fn a_second_interactive_run_is_refused_while_the_first_lives_and_works_after_it_dies() {
    let first = Itlead::new().args(["assess", "--seed", "2"]);
    let mut running = spawn(&first);
    start(&mut running);
    expect_question(&mut running, 1);
    // Same home, so the same session file.
    let mut second_command = first.command();
    second_command.env("COLUMNS", "80");
    let mut second = spawn_command(second_command);
    second.expect("another `itlead assess` is running").expect("refused");
    assert_eq!(exit_code(&second), 2);
    running.get_process_mut().kill(ptyprocess::Signal::SIGKILL).unwrap();
    let _ = running.get_process().wait();
    let mut third_command = first.command();
    third_command.env("COLUMNS", "80");
    let mut third = spawn_command(third_command);
    third.expect("Continue your unfinished assessment").expect("the lock died with its holder");
    common::pty::press(&mut third, "n");
    third.expect("Ready to start?").unwrap();
    common::pty::press(&mut third, "n");
    third.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&third), 0);
}

#[test]
fn a_paste_answers_nothing() {
    let itlead = Itlead::new().args(["assess", "--seed", "8"]);
    let mut session = spawn(&itlead);
    start(&mut session);
    expect_question(&mut session, 1);
    // Prose with spaces (dialoguer's Enter), letters (its movement), a `q`
    // and line breaks: none of it may choose, move or stop.
    let prose = "The quick brown fox jumps over the lazy dog,\nthen keeps on running \
                 through every scenario without reading any of them at all.\r\n "
        .repeat(9);
    assert!(prose.len() > 1000);
    session.send(&prose).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    session.send(&prose).unwrap();
    std::thread::sleep(Duration::from_millis(700));
    assert_eq!(saved_answers(&itlead), 0, "a paste answered a question");
    // Still the first question, still asking the most likely option: Esc
    // stops with nothing chosen.
    std::thread::sleep(Duration::from_millis(100));
    session.send("\x1b").unwrap();
    session.expect("Stopped. No answers were saved yet.").unwrap();
    assert_eq!(exit_code(&session), 130);
}

#[test]
fn a_held_enter_answers_at_most_one_scenario() {
    for attempt in 0..3 {
        let itlead = Itlead::new().args(["assess", "--seed", "8"]);
        let mut session = spawn(&itlead);
        start(&mut session);
        expect_question(&mut session, 1);
        // Key repeat at 25 a second for two and a half seconds, longer
        // than anyone holds Enter by accident.
        std::thread::sleep(Duration::from_millis(300));
        for _ in 0..60 {
            session.send(ENTER).unwrap();
            std::thread::sleep(Duration::from_millis(40));
        }
        std::thread::sleep(Duration::from_millis(500));
        assert!(saved_answers(&itlead) <= 1, "attempt {attempt}: a held Enter answered more");
        std::thread::sleep(Duration::from_millis(300));
        session.send("\x1b").unwrap();
        session.expect("Stopped.").unwrap();
        assert_eq!(exit_code(&session), 130, "attempt {attempt}: still asking, not finished");
    }
}

fn termios_is_restored(session: &OsSession) -> (bool, bool) {
    let master = session.get_process().get_raw_handle().expect("pty master");
    let termios = rustix::termios::tcgetattr(&master).expect("termios of the pty");
    let local = termios.local_modes;
    (
        local.contains(rustix::termios::LocalModes::ECHO),
        local.contains(rustix::termios::LocalModes::ICANON),
    )
}

#[test]
fn every_terminating_signal_gives_the_terminal_back() {
    for signal in
        [ptyprocess::Signal::SIGTERM, ptyprocess::Signal::SIGHUP, ptyprocess::Signal::SIGQUIT]
    {
        for attempt in 0..4 {
            let itlead = Itlead::new().args(["assess", "--seed", "3"]);
            // A terminal as a shell leaves it: echo and line editing on.
            let mut session = spawn_shell(&itlead, "stty echo icanon;", "");
            start(&mut session);
            expect_question(&mut session, 1);
            answer(&mut session);
            expect_question(&mut session, 2);
            // The menu is reading keys in raw mode now.
            std::thread::sleep(Duration::from_millis(50 * attempt));
            session.get_process_mut().signal(signal).unwrap();
            session.expect("\x1b[?25h").unwrap_or_else(|_| panic!("{signal:?}: cursor shown"));
            session.expect("1 answer is saved").unwrap_or_else(|_| panic!("{signal:?}: message"));
            assert_eq!(exit_code(&session), 128 + signal as i32, "{signal:?}: 128 + its number");
            assert_eq!(
                termios_is_restored(&session),
                (true, true),
                "{signal:?} attempt {attempt}: echo and canonical mode"
            );
            assert_eq!(saved_answers(&itlead), 1, "{signal:?}");
        }
    }
}

/// In `directory`, a temporary file a crash left two hours ago and one a
/// running itlead is writing now.
fn leftovers(directory: &Path, name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
    let stale = directory.join(format!(".itlead-{name}.tmp"));
    std::fs::write(&stale, "half").unwrap();
    let status = std::process::Command::new("touch")
        .args(["-d", "2 hours ago"])
        .arg(&stale)
        .status()
        .unwrap();
    assert!(status.success());
    let fresh = directory.join(".itlead-running.tmp");
    std::fs::write(&fresh, "in use").unwrap();
    (stale, fresh)
}

#[test]
fn temporary_files_of_a_crash_are_removed_at_a_later_start() {
    let itlead = Itlead::new().arg("assess");
    let state = itlead.session_file().parent().unwrap().to_owned();
    std::fs::create_dir_all(&state).unwrap();
    let (stale, fresh) = leftovers(&state, "crashed");
    let mut session = spawn(&itlead);
    session.expect("Ready to start?").unwrap();
    common::pty::press(&mut session, "n");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
    assert!(!stale.exists(), "a crash's leftover is removed");
    assert!(fresh.exists(), "a file another run may be writing is kept");

    // The same beside a document written with --output.
    let documents = itlead.home().join("documents");
    std::fs::create_dir_all(&documents).unwrap();
    let (stale, fresh) = leftovers(&documents, "AbC123");
    let answers = common::fixture("answers/full.yaml");
    Itlead::new()
        .args(["assess", "--answers", answers.to_str().unwrap(), "--no-save", "-o"])
        .arg(documents.join("report.md").to_str().unwrap())
        .ok();
    assert!(documents.join("report.md").exists());
    assert!(!stale.exists(), "a crash's leftover beside a document is removed");
    assert!(fresh.exists(), "a file another run may be writing is kept");
}

#[test]
fn prompts_never_vanish_into_a_redirected_stderr() {
    let itlead = Itlead::new().arg("assess");
    let log = itlead.home().join("log");
    let mut session = spawn_shell(&itlead, "", &format!("2>'{}'", log.display()));
    // The person at the terminal is told, not only the log.
    session.expect("standard error, which is not a").expect("said on the terminal");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 2, "refused at once, not a blank screen");
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.contains("standard error, which is not a terminal"), "{logged}");
}

#[test]
fn the_session_is_private_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let itlead = Itlead::new().args(["assess", "--seed", "4"]);
    let mut session = spawn_shell(&itlead, "umask 000;", "");
    start(&mut session);
    expect_question(&mut session, 1);
    answer(&mut session);
    expect_question(&mut session, 2);
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&itlead.session_file()), 0o600);
    assert_eq!(mode(itlead.session_file().parent().unwrap()), 0o700);
    session.send("\x1b").unwrap();
    session.expect("Stopped.").unwrap();
    assert_eq!(exit_code(&session), 130);
}

#[test]
fn every_format_shown_on_a_terminal_shows_control_characters_as_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(common::fixture("results/team/alice.json")).unwrap();
    let mut result: serde_json::Value = serde_json::from_str(&source).unwrap();
    let hostile = "\u{1b}]0;pwned\u{7}\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{202e}\u{9b}31m";
    result["name"] = format!("Eve{hostile}").into();
    result["axes"][0]["manager"] = format!("Eve{hostile}").into();
    let path = dir.path().join("evil.json");
    std::fs::write(&path, serde_json::to_string(&result).unwrap()).unwrap();
    for format in ["text", "csv", "json", "yaml", "markdown", "html"] {
        let itlead = Itlead::new().args(["report", path.to_str().unwrap(), "--format", format]);
        let mut session = spawn(&itlead);
        let shown = session.expect(expectrl::Eof).expect("the whole output");
        let shown = String::from_utf8_lossy(shown.as_bytes()).into_owned();
        assert_eq!(exit_code(&session), 0, "{format}: {shown}");
        assert!(shown.contains("Eve"), "{format}: {shown}");
        for control in ["\u{1b}]", "\u{7}", "\u{9b}", "\u{202e}"] {
            assert!(
                !shown.contains(control),
                "{format} passes {control:?} to the terminal: {shown:?}"
            );
        }
    }
}

#[test]
fn a_typed_escape_sequence_in_an_argument_is_not_echoed_raw() {
    for args in [
        ["--color", "z\u{1b}]0;pwned\u{7}\u{9b}31m\u{202e}", "list"],
        ["list", "--format", "j\u{1b}]52;c;cm0gLXJmIH4=\u{7}\u{202e}"],
    ] {
        let itlead = Itlead::new().args(args);
        let mut session = spawn(&itlead);
        let shown = session.expect(expectrl::Eof).expect("the whole output");
        let shown = String::from_utf8_lossy(shown.as_bytes()).into_owned();
        assert_eq!(exit_code(&session), 2, "{shown}");
        assert!(shown.contains("invalid value"), "{shown}");
        for control in ["\u{1b}]", "\u{7}", "\u{9b}", "\u{202e}"] {
            assert!(!shown.contains(control), "{args:?} echoes {control:?}: {shown:?}");
        }
    }
}

#[test]
fn your_own_unfinished_assessment_and_one_about_a_colleague_keep_apart() {
    // Your own, stopped after one scenario.
    let own = Itlead::new().args(["assess", "--seed", "2"]);
    let mut session = spawn(&own);
    start(&mut session);
    expect_question(&mut session, 1);
    answer(&mut session);
    expect_question(&mut session, 2);
    common::pty::press(&mut session, "\x1b");
    session.expect("run `itlead assess --resume` to continue").unwrap();
    assert_eq!(exit_code(&session), 130);

    // Then one about Sam starts afresh instead of being refused, and says
    // how to continue it.
    let about = ["assess", "--seed", "3", "--about", "Sam Lee", "--relation", "peer"];
    let mut command = own.command_with(&about);
    command.env("COLUMNS", "80");
    let mut session = common::pty::spawn_command(command);
    start(&mut session);
    expect_question(&mut session, 1);
    answer(&mut session);
    expect_question(&mut session, 2);
    common::pty::press(&mut session, "\x1b");
    session
        .expect("run `itlead assess --resume --about \"Sam Lee\" --relation peer` to continue")
        .unwrap();
    assert_eq!(exit_code(&session), 130);
    let state = own.session_file().parent().unwrap().to_owned();
    assert!(state.join("session-about-sam-lee.json").exists());

    // Your own is still there to continue, one answer in.
    let mut command = own.command_with(&["assess"]);
    command.env("COLUMNS", "80");
    let mut session = common::pty::spawn_command(command);
    session.expect("Continue your unfinished assessment (1 of 19 answered").unwrap();
    common::pty::press(&mut session, "\x1b");
    session.expect(expectrl::Eof).ok();
    let _ = exit_code(&session);
    assert_eq!(saved_answers(&own), 1);
}

/// The state letter of process `pid` (`T` when stopped).
fn process_state(pid: i32) -> char {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit_once(") ").and_then(|(_, rest)| rest.chars().next()).unwrap_or('?')
}

#[test]
fn a_stop_gives_the_terminal_back_and_a_continue_takes_the_menu_up_again() {
    for attempt in 0..4_u64 {
        let itlead = Itlead::new().args(["assess", "--seed", "4"]);
        // A terminal as a shell leaves it: echo and line editing on.
        let mut session = spawn_shell(&itlead, "stty echo icanon;", "");
        start(&mut session);
        expect_question(&mut session, 1);
        let pid = session.get_process().pid();
        let wait_for = |state: char| {
            for _ in 0..100 {
                if process_state(pid.as_raw()) == state {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            panic!("process never reached state {state}");
        };
        // At different moments of the wait for a key.
        std::thread::sleep(Duration::from_millis(40 * attempt));
        if attempt == 3 {
            // Ctrl-Z in the menu, which reads keys raw.
            common::pty::press(&mut session, "\x1a");
        } else {
            // As `kill -TSTP` or Ctrl-Z outside the menu would.
            session.get_process_mut().signal(ptyprocess::Signal::SIGTSTP).unwrap();
        }
        wait_for('T');
        assert_eq!(
            termios_is_restored(&session),
            (true, true),
            "echo and lines back while stopped"
        );
        session.get_process_mut().signal(ptyprocess::Signal::SIGCONT).unwrap();
        wait_for('S');
        std::thread::sleep(Duration::from_millis(200));
        assert_eq!(termios_is_restored(&session), (false, false), "the menu reads keys again");
        // The wait for a key was broken, not answered: the menu still works.
        common::pty::press(&mut session, common::pty::DOWN);
        session.expect("Enter choose").unwrap();
        common::pty::press(&mut session, "\x1b");
        session.expect("Stopped. No answers were saved yet.").unwrap();
        assert_eq!(exit_code(&session), 130);
        assert_eq!(termios_is_restored(&session), (true, true));
    }
}
