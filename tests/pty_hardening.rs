//! The interactive side of hardening, in real pseudo-terminals: the end of
//! an assessment cannot lose answers, two runs cannot share a session, a
//! paste answers nothing, every terminating signal gives the
//! terminal back, and prompts never vanish into a redirected stderr.

#![cfg(unix)]

mod common;

use std::path::Path;
use std::time::Duration;

use common::pty::{
    Asked, ENTER, asked_count, exit_code, expect_question, press, seen, spawn, spawn_command, start,
};
use common::{Itlead, Mount};
use expectrl::Expect;
use expectrl::session::OsSession;
use itlead::content::selection::Selection;

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

fn answer(session: &mut OsSession, asked: &Asked) {
    common::pty::answer(session, asked, 0);
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
    let first = expect_question(&mut session, 1);
    let total = first.total;
    for number in 1..=total {
        let asked = if number == 1 { first } else { expect_question(&mut session, number) };
        answer(&mut session, &asked);
    }
    session.expect("See the result").expect("closing question");
    // The target goes away while the respondent reads the closing question.
    std::fs::remove_dir(&target).unwrap();
    common::pty::press(&mut session, ENTER);
    session.expect("Your profile").expect("the report reaches the terminal anyway");
    session.expect(expectrl::Regex(r"Your \d+ answers are kept in the unfinished\s+assessment\.\s+To write the\s+report, run:")).expect("and says the answers are kept");
    session.expect("\n  itlead assess --resume\r\n").expect("and how to go on");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 1);
    assert_eq!(saved_answers(&itlead), total, "every answer is still on disk");
    let results =
        |itlead: &Itlead| std::fs::read_dir(itlead.results_dir()).map_or(0, Iterator::count);
    assert_eq!(results(&itlead), 1, "the result itself was saved");

    // Resuming goes straight to the closing question, writes the report,
    // and does not save the result a second time.
    std::fs::create_dir(&target).unwrap();
    let mut resumed =
        itlead.command_with(&["assess", "--resume", "--output", out.to_str().unwrap()]);
    resumed.env("COLUMNS", "80");
    let mut session = common::pty::spawn_command(resumed);
    session.expect(format!("{total} of {total} answered")).expect("nothing left to ask");
    // Keys pressed before a menu is drawn are discarded: wait for it.
    session.expect("See the result").expect("menu shown");
    common::pty::press(&mut session, ENTER);
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
    assert!(std::fs::read_to_string(&out).unwrap().contains("Your profile"));
    assert_eq!(results(&itlead), 1, "saved once, not twice");
    assert!(!itlead.session_file().exists(), "the session goes once the result is out");
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
            let asked = expect_question(&mut session, 1);
            answer(&mut session, &asked);
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
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked);
    expect_question(&mut session, 2);
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&itlead.session_file()), 0o600);
    assert_eq!(mode(&itlead.session_file().with_extension("lock")), 0o600, "the lock too");
    assert_eq!(mode(itlead.session_file().parent().unwrap()), 0o700);
    session.send("\x1b").unwrap();
    session.expect("Stopped.").unwrap();
    assert_eq!(exit_code(&session), 130);
}

#[test]
fn a_hostile_result_is_refused_on_a_terminal_without_a_raw_control_character() {
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
        assert_eq!(exit_code(&session), 3, "{format}: {shown}");
        assert!(shown.contains("holds the control character `\\e`"), "{format}: {shown}");
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
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked);
    expect_question(&mut session, 2);
    common::pty::press(&mut session, "\x1b");
    session.expect("To continue, run:").unwrap();
    session.expect("\n  itlead assess --resume\r\n").unwrap();
    assert_eq!(exit_code(&session), 130);

    // Then one about Sam starts afresh instead of being refused, and says
    // how to continue it.
    let about = ["assess", "--seed", "3", "--about", "Sam Lee", "--relation", "peer"];
    let mut command = own.command_with(&about);
    command.env("COLUMNS", "80");
    let mut session = common::pty::spawn_command(command);
    start(&mut session);
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked);
    expect_question(&mut session, 2);
    common::pty::press(&mut session, "\x1b");
    session.expect("To continue, run:").unwrap();
    session.expect("\n  itlead assess --resume --about 'Sam Lee' --relation peer\r\n").unwrap();
    assert_eq!(exit_code(&session), 130);
    let state = own.session_file().parent().unwrap().to_owned();
    assert!(state.join("session-about-sam-lee.json").exists());

    // Your own is still there to continue, one answer in.
    let mut command = own.command_with(&["assess"]);
    command.env("COLUMNS", "80");
    let mut session = common::pty::spawn_command(command);
    let total = asked_count(&Selection::Full);
    session.expect(format!("Continue your unfinished assessment (1 of {total} answered")).unwrap();
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

// ---------------------------------------------------------------------------
// A shared state directory, hand-edited sessions, a restart declined.

#[test]
fn a_state_directory_others_can_write_is_refused_before_the_first_question() {
    use std::os::unix::fs::PermissionsExt;
    let itlead = Itlead::new().args(["assess", "--seed", "2"]);
    let state = itlead.session_file().parent().unwrap().to_owned();
    std::fs::create_dir_all(&state).unwrap();
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o777)).unwrap();
    // What another user would plant there.
    let precious = itlead.home().join("precious.txt");
    std::fs::write(&precious, "years of notes\n").unwrap();
    std::os::unix::fs::symlink(&precious, state.join("session.lock")).unwrap();
    let mut session = spawn(&itlead);
    session.expect(format!("{} is writable by others (mode 0777)", state.display())).unwrap();
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 1);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "years of notes\n");

    // Made private, the planted link is still refused, never followed.
    std::fs::set_permissions(&state, std::fs::Permissions::from_mode(0o700)).unwrap();
    let mut session = spawn(&itlead);
    session.expect("session.lock is a link").unwrap();
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 1);
    assert_eq!(std::fs::read_to_string(&precious).unwrap(), "years of notes\n");
    assert!(!itlead.session_file().exists(), "nothing was asked, nothing kept");
}

/// Answers the first `count` scenarios and stops with Esc; the session
/// file's text.
fn answer_and_stop(itlead: &Itlead, count: usize) -> String {
    let mut session = spawn(itlead);
    start(&mut session);
    for number in 1..=count {
        let asked = expect_question(&mut session, number);
        answer(&mut session, &asked);
    }
    expect_question(&mut session, count + 1);
    press(&mut session, "\x1b");
    session.expect("Stopped.").unwrap();
    assert_eq!(exit_code(&session), 130);
    std::fs::read_to_string(itlead.session_file()).unwrap()
}

fn damaged_sessions(itlead: &Itlead) -> Vec<String> {
    std::fs::read_dir(itlead.session_file().parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("session.damaged-"))
        .collect()
}

#[test]
fn restart_then_no_keeps_the_unfinished_assessment() {
    let itlead = Itlead::new().args(["assess", "--seed", "6"]);
    let before = answer_and_stop(&itlead, 2);
    let mut command = itlead.command_with(&["assess", "--restart"]);
    command.env("COLUMNS", "80");
    let mut session = spawn_command(command);
    let total = asked_count(&Selection::Full);
    session
        .expect(format!("the unfinished one (2 of {total} answered) is replaced once you"))
        .unwrap();
    session.expect("Ready to start?").unwrap();
    press(&mut session, "n");
    session.expect(expectrl::Eof).ok();
    assert_eq!(exit_code(&session), 0);
    assert_eq!(std::fs::read_to_string(itlead.session_file()).unwrap(), before, "kept as it was");

    // Said yes, the new one replaces it.
    let mut command = itlead.command_with(&["assess", "--restart", "--seed", "7"]);
    command.env("COLUMNS", "80");
    let mut session = spawn_command(command);
    start(&mut session);
    expect_question(&mut session, 1);
    assert_eq!(saved_answers(&itlead), 0, "a new assessment from the first question");
    press(&mut session, "\x1b");
    session.expect("Stopped. No answers were saved yet.").unwrap();
    assert_eq!(exit_code(&session), 130);
}

#[test]
fn a_hand_edited_session_is_reported_and_set_aside_never_used() {
    let itlead = Itlead::new().args(["assess", "--seed", "5"]);
    let genuine = answer_and_stop(&itlead, 2);
    let parsed: serde_json::Value = serde_json::from_str(&genuine).unwrap();
    let (first, answered) = parsed["answers"].as_object().unwrap().iter().next().unwrap();
    let first = first.clone();
    // In the form of the genuine answer: one key for a choice between two,
    // the most and the least likely otherwise.
    let lacking = if answered.is_string() {
        serde_json::json!("z")
    } else {
        serde_json::json!({"most": "z", "least": "y"})
    };
    for (what, change, said) in [
        (
            "an option the scenario lacks",
            Box::new(move |session: &mut serde_json::Value| {
                session["answers"][&first] = lacking.clone();
            }) as Box<dyn Fn(&mut serde_json::Value)>,
            "`z` is not an option of",
        ),
        (
            "a result saved somewhere else",
            Box::new(|session: &mut serde_json::Value| session["saved"] = "/etc/passwd".into()),
            "`/etc/passwd` is not a result in",
        ),
        (
            "an escape sequence in a name",
            Box::new(|session: &mut serde_json::Value| {
                session["name"] = "Eve\u{1b}]0;x\u{7}".into();
            }),
            "a name is up to 100 characters on one line",
        ),
    ] {
        let mut session_json: serde_json::Value = serde_json::from_str(&genuine).unwrap();
        change(&mut session_json);
        std::fs::write(itlead.session_file(), serde_json::to_string_pretty(&session_json).unwrap())
            .unwrap();
        let before = damaged_sessions(&itlead).len();
        let mut session = spawn(&itlead);
        session.expect("could not be used, so it was moved to").unwrap();
        let located = session.expect(expectrl::Regex(r"session\.json:\d+:\d+: [^\r\n]*")).unwrap();
        let located = String::from_utf8_lossy(located.get(0).unwrap()).into_owned();
        assert!(located.contains(said), "{what}: {located}");
        session.expect("Ready to start?").expect("a new assessment, not the edited one");
        press(&mut session, "n");
        let rest = session.expect(expectrl::Eof).unwrap();
        let rest = String::from_utf8_lossy(rest.as_bytes()).into_owned();
        assert!(!rest.contains("Result saved to /etc/passwd"), "{what}: {rest}");
        assert_eq!(exit_code(&session), 0, "{what}");
        assert_eq!(damaged_sessions(&itlead).len(), before + 1, "{what}: kept aside");
        assert!(!itlead.session_file().exists(), "{what}: no longer in the way");
    }
}

// ---------------------------------------------------------------------------
// A result saved just before a crash is not saved again.

fn result_count(itlead: &Itlead) -> usize {
    std::fs::read_dir(itlead.results_dir()).map_or(0, Iterator::count)
}

#[test]
fn a_run_killed_after_saving_its_result_never_saves_it_twice() {
    use std::os::unix::fs::OpenOptionsExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("report.html");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    // A reader that takes one page and never reads: writing the report
    // blocks right after the result is saved.
    let reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(&fifo)
        .unwrap();
    rustix::pipe::fcntl_setpipe_size(&reader, 4096).unwrap();
    let itlead = Itlead::new()
        .args(["assess", "--quick", "--seed", "3", "--output"])
        .arg(fifo.to_str().unwrap());
    let mut session = spawn(&itlead);
    start(&mut session);
    let first = expect_question(&mut session, 1);
    let total = first.total;
    for number in 1..=total {
        let asked = if number == 1 { first } else { expect_question(&mut session, number) };
        answer(&mut session, &asked);
    }
    common::pty::see_result(&mut session);
    let mut recorded = String::new();
    for _ in 0..200 {
        recorded = std::fs::read_to_string(itlead.session_file()).unwrap_or_default();
        if recorded.contains("\"saved\"") {
            break;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    assert!(recorded.contains("\"saved\""), "the session records the result first: {recorded}");
    assert_eq!(result_count(&itlead), 1);
    // Killed while the report is being written.
    session.get_process_mut().kill(ptyprocess::Signal::SIGKILL).unwrap();
    let _ = session.get_process().wait();
    drop(reader);

    let resume = |itlead: &Itlead| {
        let mut command = itlead.command_with(&["assess", "--resume"]);
        command.env("COLUMNS", "80");
        let mut session = spawn_command(command);
        session.expect(format!("{total} of {total} answered")).unwrap();
        session.expect("See the result").unwrap();
        press(&mut session, ENTER);
        session.expect("Result saved to").unwrap();
        session.expect(expectrl::Eof).ok();
        assert_eq!(exit_code(&session), 0);
    };
    resume(&itlead);
    assert_eq!(result_count(&itlead), 1, "the same result, not a second one");
    assert!(!itlead.session_file().exists());

    // Killed a moment earlier, before the session said so: the same
    // answers are recognised as the result already saved.
    let mut unrecorded: serde_json::Value = serde_json::from_str(&recorded).unwrap();
    unrecorded.as_object_mut().unwrap().remove("saved");
    std::fs::write(itlead.session_file(), unrecorded.to_string()).unwrap();
    resume(&itlead);
    assert_eq!(result_count(&itlead), 1, "recognised by its answers");
}

// ---------------------------------------------------------------------------
// Messages at the end: safe to paste, wrapped, and runnable as printed.

#[test]
fn the_printed_resume_command_is_safe_to_paste_and_continues() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("ran");
    let name = format!("Bob $(touch {}) $HOME", marker.display());
    let itlead =
        Itlead::new().args(["assess", "--seed", "2", "--about", &name, "--relation", "peer"]);
    let mut session = spawn(&itlead);
    start(&mut session);
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked);
    expect_question(&mut session, 2);
    press(&mut session, "\x1b");
    session.expect("To continue, run:").unwrap();
    let line =
        session.expect(expectrl::Regex(r"\n  (itlead assess --resume [^\r\n]*)\r\n")).unwrap();
    let command = String::from_utf8_lossy(line.get(1).unwrap()).into_owned();
    assert_eq!(exit_code(&session), 130);
    assert!(command.contains("--about 'Bob $(touch"), "single quotes: {command}");

    // What a shell makes of it: the very arguments, nothing run.
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("itlead() {{ for a in \"$@\"; do printf '%s\\n' \"$a\"; done; }}; {command}"))
        .output()
        .unwrap();
    let words: Vec<String> =
        String::from_utf8_lossy(&output.stdout).lines().map(String::from).collect();
    assert_eq!(words, ["assess", "--resume", "--about", &name, "--relation", "peer"]);
    assert!(!marker.exists(), "the hidden command never ran");

    // Pasted into a shell, it continues the assessment about Bob.
    let pasted = itlead.command();
    let mut shell = std::process::Command::new("sh");
    shell.arg("-c").arg(&command);
    for (key, value) in pasted.get_envs() {
        match value {
            Some(value) => shell.env(key, value),
            None => shell.env_remove(key),
        };
    }
    shell.env("COLUMNS", "80");
    let mut session = spawn_command(shell);
    expect_question(&mut session, 2);
    press(&mut session, "\x1b");
    session.expect("1 answer is saved").unwrap_or_else(|_| panic!("{command}"));
    assert_eq!(exit_code(&session), 130);
    assert!(!marker.exists());
}

#[test]
fn messages_at_the_end_wrap_to_a_narrow_terminal() {
    let itlead = Itlead::new().args(["assess", "--seed", "2"]).args([
        "--about",
        "Al Example-Longname of the Platform Team",
        "--relation",
        "direct-report",
    ]);
    // A 40-column terminal from the start: the shell waits for the resize.
    let mut shell = spawn_shell(&itlead, "sleep 0.3;", "");
    shell.get_process_mut().set_window_size(40, 30).unwrap();
    let mut session = shell;
    start(&mut session);
    let asked = expect_question(&mut session, 1);
    answer(&mut session, &asked);
    expect_question(&mut session, 2);
    press(&mut session, "\x1b");
    session.expect("Stopped.").unwrap();
    let rest = session.expect(expectrl::Eof).unwrap();
    let rest = format!("Stopped.{}", seen(rest.as_bytes()));
    assert_eq!(exit_code(&session), 130);
    let lines: Vec<&str> = rest.lines().filter(|line| !line.trim().is_empty()).collect();
    let (command, prose) = lines.split_last().unwrap();
    assert_eq!(
        *command,
        "  itlead assess --resume --about 'Al Example-Longname of the Platform Team' --relation \
         direct-report",
        "the command whole, on a line of its own:\n{rest}"
    );
    for line in prose {
        assert!(line.chars().count() <= 40, "wider than the terminal: {line:?}\n{rest}");
    }
    assert_eq!(prose.join(" "), "Stopped. 1 answer is saved. To continue, run:", "{rest}");
}

// ---------------------------------------------------------------------------
// A disk that fills during a run.

/// Answers the scenario on screen, then waits until the next one is
/// drawn, which is after the answer was saved (or failed to be).
fn answer_then_wait(session: &mut OsSession, asked: &Asked) -> Asked {
    answer(session, asked);
    expect_question(session, asked.number + 1)
}

/// Waits for question `number` with a note matching `note` (a regex)
/// above its menu.
fn expect_question_noting(session: &mut OsSession, number: usize, note: &str) -> Asked {
    let captures = session
        .expect(expectrl::Regex(&format!(r"(?s)\[{number}/(\d+)\].*?{note}")))
        .unwrap_or_else(|_| panic!("question {number} says {note}"));
    let total = String::from_utf8_lossy(captures.get(1).unwrap()).parse().unwrap();
    Asked { number, total, pair: common::pty::expect_menu(session) }
}

/// The answers file printed in `output`, and the message from `said` on,
/// its whitespace made single spaces.
fn kept_and_said(output: &[u8], said: &str) -> (String, String) {
    let shown = seen(output);
    let start = shown.find("# itlead answers, kept").expect("the answers are printed");
    let end = start + shown[start..].find(said).expect("and the message follows");
    let message = shown[end..].split_whitespace().collect::<Vec<_>>().join(" ");
    (shown[start..end].to_owned(), message)
}

/// Answers in the session file at `path`.
fn answers_in(path: &Path) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|session| session["answers"].as_object().map(serde_json::Map::len))
        .unwrap_or(0)
}

#[test]
fn a_disk_that_fills_mid_run_is_said_and_the_answers_are_never_lost() {
    let Some(disk) = Mount::tmpfs("64k", "") else { return };
    let state = disk.path().join("state");
    let itlead = Itlead::new()
        .args(["assess", "--quick", "--seed", "3"])
        .env("ITLEAD_STATE_DIR", &state.display().to_string());
    let mut session = spawn(&itlead);
    start(&mut session);
    let asked = expect_question(&mut session, 1);
    let asked = answer_then_wait(&mut session, &asked);
    let asked = answer_then_wait(&mut session, &asked);
    disk.fill();
    answer(&mut session, &asked);
    let asked = expect_question_noting(
        &mut session,
        4,
        r"Progress cannot be saved \(No space left on device\): 2\s+answers on disk",
    );
    answer(&mut session, &asked);
    expect_question_noting(&mut session, 5, r"Progress is still not saved: 2 answers on disk\.");
    press(&mut session, "\x1b");
    // The four answers reach stdout as an answers file, and the message
    // says what is on disk: two.
    let rest = session.expect(expectrl::Eof).unwrap();
    let (printed, tail) = kept_and_said(rest.as_bytes(), "Stopped.");
    assert_eq!(exit_code(&session), 130);
    assert!(
        tail.starts_with("Stopped. Only 2 of your 4 answers are saved (No space left on device)"),
        "{tail}"
    );
    assert!(tail.contains("itlead assess --answers FILE --quick --partial"), "{tail}");
    assert!(tail.contains("To continue with the 2 on disk, run: itlead assess --resume"), "{tail}");
    assert_eq!(answers_in(&state.join("session.json")), 2, "what is said is what is on disk");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kept.yaml");
    std::fs::write(&file, printed).unwrap();
    let scored = Itlead::new()
        .args(["assess", "--answers", file.to_str().unwrap(), "--quick", "--partial"])
        .args(["--format", "json", "--no-save"])
        .ok();
    let result: serde_json::Value = serde_json::from_str(&scored.stdout).unwrap();
    assert_eq!(result["answers"].as_object().unwrap().len(), 4, "all four kept");
}

#[test]
fn room_again_mid_run_is_said_and_a_full_disk_at_the_end_prints_the_answers() {
    let Some(disk) = Mount::tmpfs("64k", "") else { return };
    let state = disk.path().join("state");
    let itlead = Itlead::new()
        .args(["assess", "--quick", "--seed", "4"])
        .env("ITLEAD_STATE_DIR", &state.display().to_string())
        .env("ITLEAD_DATA_DIR", &disk.path().join("data").display().to_string());
    let mut session = spawn(&itlead);
    start(&mut session);
    let asked = expect_question(&mut session, 1);
    let total = asked.total;
    let asked = answer_then_wait(&mut session, &asked);
    disk.fill();
    let asked = answer_then_wait(&mut session, &asked);
    assert_eq!(answers_in(&state.join("session.json")), 1);
    std::fs::remove_file(disk.path().join("filler")).unwrap();
    answer(&mut session, &asked);
    let mut asked =
        expect_question_noting(&mut session, 4, r"Progress is saved again: 3 answers on disk\.");
    assert_eq!(answers_in(&state.join("session.json")), 3);
    while asked.number < total {
        asked = answer_then_wait(&mut session, &asked);
    }
    disk.fill();
    answer(&mut session, &asked);
    session.expect("That was the last scenario").unwrap();
    session.expect("See the result").unwrap();
    press(&mut session, ENTER);
    session.expect("the result could not be saved (No space left on device)").unwrap();
    let rest = session.expect(expectrl::Eof).unwrap();
    let (printed, tail) = kept_and_said(rest.as_bytes(), &format!("error: Your {total} answers"));
    assert_eq!(exit_code(&session), 1);
    assert!(
        tail.starts_with(&format!(
            "error: Your {total} answers could not be kept on disk (No space left on device)"
        )),
        "{tail}"
    );
    assert!(tail.ends_with("itlead assess --answers FILE --quick"), "{tail}");
    assert!(!tail.contains("are kept in the unfinished"), "never claimed: {tail}");
    std::fs::remove_file(disk.path().join("filler")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("kept.yaml");
    std::fs::write(&file, printed).unwrap();
    let scored = itlead
        .command_with(&["assess", "--answers", file.to_str().unwrap(), "--quick"])
        .output()
        .unwrap();
    assert!(scored.status.success(), "{}", String::from_utf8_lossy(&scored.stderr));
    assert_eq!(std::fs::read_dir(disk.path().join("data/results")).unwrap().count(), 1);
}
