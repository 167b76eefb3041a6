//! The terminal as a person has it: a window resized mid-question, a
//! small pane, digits, the name prompt, every signal that would end the
//! process, and a file size limit. What the terminal shows is read back
//! through a terminal emulator (`vt100`), screen and scrollback, so stale
//! lines and copies left behind are seen as a person would see them.

#![cfg(unix)]

mod common;

use std::time::Duration;

use common::Itlead;
use common::pty::{DOWN, ENTER, NAME_PROMPT, exit_code, press, spawn_command, start};
use expectrl::session::OsSession;
use expectrl::{Expect, Regex};
use itlead::content::selection::Selection;

/// An itlead run in a pseudo-terminal of a given size, with everything it
/// wrote fed to an emulated terminal of the same size.
struct Shown {
    session: OsSession,
    terminal: vt100::Parser,
}

impl Shown {
    fn spawn(command: std::process::Command, columns: u16, rows: u16) -> Self {
        let mut session = spawn_command(command);
        session.get_process_mut().set_window_size(columns, rows).expect("window size");
        Self { session, terminal: vt100::Parser::new(rows, columns, 1000) }
    }

    fn of(itlead: &Itlead, columns: u16, rows: u16) -> Self {
        Self::spawn(itlead.command(), columns, rows)
    }

    /// Waits for `pattern` (a regular expression) in what itlead writes.
    fn until(&mut self, pattern: &str) {
        let found = self
            .session
            .expect(Regex(pattern))
            .unwrap_or_else(|error| panic!("waiting for {pattern:?}: {error}\n{}", self.screen()));
        self.terminal.process(found.as_bytes());
    }

    /// Waits until the screen shows `text` (with the colours and moves in
    /// between taken out, as a person sees it).
    fn shows(&mut self, text: &str) {
        let started = std::time::Instant::now();
        while !self.screen().contains(text) {
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "waiting for {text:?} on screen:\n{}",
                self.screen()
            );
            let mut buffer = [0_u8; 8192];
            match self.session.try_read(&mut buffer) {
                Ok(count) if count > 0 => self.terminal.process(&buffer[..count]),
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }

    /// Waits until itlead has written nothing for a moment.
    fn settle(&mut self) {
        let mut quiet = 0;
        while quiet < 3 {
            let mut buffer = [0_u8; 8192];
            match self.session.try_read(&mut buffer) {
                Ok(count) if count > 0 => {
                    self.terminal.process(&buffer[..count]);
                    quiet = 0;
                }
                _ => {
                    quiet += 1;
                    std::thread::sleep(Duration::from_millis(60));
                }
            }
        }
    }

    fn press(&mut self, key: &str) {
        press(&mut self.session, key);
    }

    /// Resizes the window, as dragging its corner would (SIGWINCH).
    fn resize(&mut self, columns: u16, rows: u16) {
        self.session.get_process_mut().set_window_size(columns, rows).expect("resize");
        self.terminal.screen_mut().set_size(rows, columns);
    }

    /// The screen now, one string per row, trailing spaces trimmed.
    fn rows(&self) -> Vec<String> {
        let (_, columns) = self.terminal.screen().size();
        self.terminal.screen().rows(0, columns).map(|row| row.trim_end().to_owned()).collect()
    }

    fn screen(&self) -> String {
        self.rows().join("\n")
    }

    /// Whether the scenario on screen is a choice between two, asked once.
    fn asks_pair(&self) -> bool {
        common::pty::asks_pair(&common::pty::readable(self.screen().as_bytes()))
    }

    /// Answers the scenario on screen as [`common::pty::answer`] does.
    fn answer(&mut self) {
        let pair = self.asks_pair();
        common::pty::answer_scenario(&mut self.session, pair, 0);
    }

    /// Every line ever shown: the scrollback, then the screen.
    fn history(&mut self) -> Vec<String> {
        let (rows, _) = self.terminal.screen().size();
        self.terminal.screen_mut().set_scrollback(usize::MAX);
        let back = self.terminal.screen().scrollback();
        let mut lines = Vec::new();
        for offset in (1..=back).rev() {
            self.terminal.screen_mut().set_scrollback(offset);
            lines.push(self.rows()[0].clone());
        }
        self.terminal.screen_mut().set_scrollback(0);
        lines.extend(self.rows());
        let _ = rows;
        lines
    }

    /// How often `text` occurs in everything shown.
    fn times_shown(&mut self, text: &str) -> usize {
        self.history().iter().filter(|line| line.contains(text)).count()
    }
}

/// Starts an assessment of `args` and waits for its first question.
fn first_question(args: &[&str], columns: u16, rows: u16) -> (Itlead, Shown) {
    let itlead = Itlead::new().args(args);
    let mut shown = Shown::of(&itlead, columns, rows);
    shown.until("Ready to start");
    shown.press(ENTER);
    shown.until(r"Your name \(optional, Enter skips\)");
    shown.press(ENTER);
    shown.until(r"\[1/\d+\]");
    shown.shows("❯");
    shown.settle();
    (itlead, shown)
}

/// A seed whose full run opens with a scenario of four options: most
/// likely, then least likely, in a menu of four options and Skip.
fn opening_with_four_options() -> String {
    let seed = common::pty::seed_opening_with(&Selection::Full, false, 3);
    let first = &common::pty::asked_in_order(&Selection::Full, seed)[0];
    assert_eq!(first.options.len(), 4, "{}", first.id);
    seed.to_string()
}

fn saved_answers(itlead: &Itlead) -> usize {
    let text = std::fs::read_to_string(itlead.session_file()).unwrap_or_default();
    serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|session| session["answers"].as_object().map(serde_json::Map::len))
        .unwrap_or(0)
}

#[test]
fn a_resize_lays_the_question_out_again_with_no_stale_lines() {
    let seed = opening_with_four_options();
    let (_itlead, mut shown) = first_question(&["assess", "--seed", &seed], 100, 40);
    assert!(
        shown.rows().iter().any(|row| row.len() > 70),
        "laid out wide first:\n{}",
        shown.screen()
    );
    shown.resize(60, 40);
    shown.until("Enter choose");
    shown.settle();
    shown.press(DOWN);
    shown.shows("❯ 2");
    shown.settle();
    let rows = shown.rows();
    let screen = shown.screen();
    assert!(rows.iter().all(|row| row.chars().count() < 60), "laid out for 60 columns:\n{screen}");
    assert_eq!(rows.iter().filter(|row| row.contains("Enter choose")).count(), 1, "{screen}");
    assert_eq!(rows.iter().filter(|row| row.contains("[1/")).count(), 1, "{screen}");
    assert_eq!(rows.iter().filter(|row| row.contains('❯')).count(), 1, "{screen}");
    // Narrower and shorter again, then a few keys: still one clean copy.
    shown.resize(34, 16);
    shown.shows("❯");
    shown.settle();
    for _ in 0..3 {
        shown.press(DOWN);
    }
    shown.shows("❯ Skip");
    shown.settle();
    let rows = shown.rows();
    let screen = shown.screen();
    assert!(rows.iter().all(|row| row.chars().count() < 34), "{screen}");
    assert_eq!(rows.iter().filter(|row| row.contains('❯')).count(), 1, "{screen}");
    assert_eq!(shown.times_shown("What would you most"), 1, "{:#?}", shown.history());
    shown.session.send("\x1b").unwrap();
    shown.session.expect("Stopped.").unwrap();
}

#[test]
fn a_small_screen_pages_the_options_keeps_the_highlight_and_leaves_no_copies() {
    let seed = opening_with_four_options();
    let (_itlead, mut shown) = first_question(&["assess", "--seed", &seed], 30, 6);
    let mut highlighted = Vec::new();
    for step in 0..7 {
        let rows = shown.rows();
        let screen = shown.screen();
        assert!(rows.len() <= 6, "{screen}");
        assert!(rows.iter().all(|row| row.chars().count() < 30), "step {step}:\n{screen}");
        let marked: Vec<&String> = rows.iter().filter(|row| row.contains('❯')).collect();
        assert_eq!(marked.len(), 1, "step {step}: the highlight is on screen:\n{screen}");
        highlighted.push(marked[0].clone());
        assert!(
            rows.iter().any(|row| row.contains("above") || row.contains("below")),
            "step {step}: says what is off the page:\n{screen}"
        );
        shown.press(DOWN);
        shown.shows("❯");
        shown.settle();
    }
    // Down through every option and Skip, then round to the first again.
    assert!(highlighted[0].contains("❯ 1."), "{highlighted:#?}");
    assert!(highlighted[3].contains("❯ 4."), "{highlighted:#?}");
    assert!(highlighted[4].contains("❯ Skip"), "{highlighted:#?}");
    assert!(highlighted[5].contains("❯ 1."), "{highlighted:#?}");
    // Seven redraws, and the question is in the scrollback once.
    assert_eq!(shown.times_shown("? What would you"), 1, "{:#?}", shown.history());
    assert_eq!(shown.times_shown("❯"), 1, "{:#?}", shown.history());
}

#[test]
fn digits_move_the_highlight_and_only_enter_chooses() {
    let seed = opening_with_four_options();
    let (itlead, mut shown) = first_question(&["assess", "--seed", &seed], 80, 40);
    shown.press("3");
    shown.shows("❯ 3.");
    shown.settle();
    let chosen = shown
        .rows()
        .into_iter()
        .find_map(|row| row.strip_prefix("❯ 3. ").map(str::to_owned))
        .expect("option 3 highlighted");
    // A digit past the options, and a 0, move nothing.
    shown.press("9");
    shown.press("0");
    std::thread::sleep(Duration::from_millis(300));
    shown.settle();
    assert!(shown.screen().contains("❯ 3."), "{}", shown.screen());
    assert_eq!(saved_answers(&itlead), 0, "a digit chose");
    shown.press(ENTER);
    shown.until("least likely do");
    shown.shows("❯");
    shown.settle();
    let screen = shown.screen().replace('\n', " ");
    let start: String = chosen.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
    assert!(screen.contains(&format!("Most likely: {start}")), "{start}\n{}", shown.screen());
    // Three options are left, so the keys say 1–3.
    assert!(shown.screen().contains("1–3 move"), "{}", shown.screen());
    shown.press("2");
    shown.shows("❯ 2.");
    shown.press(ENTER);
    shown.until(r"\[2/\d+\]");
    assert_eq!(saved_answers(&itlead), 1);
}

#[test]
fn the_name_prompt_is_optional_survives_a_resize_and_a_stop_and_names_the_result() {
    let itlead = Itlead::new().args(["assess", "--seed", "3"]);
    let mut shown = Shown::of(&itlead, 80, 24);
    shown.until("Ready to start");
    shown.press(ENTER);
    shown.until(r"Your name \(optional, Enter skips\)");
    // A resize and a stop and continue while typing: the prompt goes on
    // (dialoguer's own Input takes either for Ctrl-C and ends the run).
    for key in ["S", "a", "m"] {
        shown.press(key);
    }
    shown.resize(50, 24);
    std::thread::sleep(Duration::from_millis(200));
    shown.session.get_process_mut().signal(ptyprocess::Signal::SIGTSTP).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    shown.session.get_process_mut().signal(ptyprocess::Signal::SIGCONT).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    for key in [" ", "L", "x", "\x7f", "e", "e"] {
        shown.press(key);
    }
    shown.press(ENTER);
    shown.until(r"\[1/\d+\]");
    shown.shows("❯");
    shown.answer();
    shown.until(r"\[2/\d+\]");
    shown.session.send("\x1b").unwrap();
    shown.session.expect("Stopped.").unwrap();
    assert_eq!(exit_code(&shown.session), 130);
    let session: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(itlead.session_file()).unwrap()).unwrap();
    assert_eq!(session["name"], "Sam Lee", "the name typed is kept for the result");
}

#[test]
fn enter_skips_the_name_and_an_observer_is_never_asked_for_one() {
    let (itlead, mut shown) = first_question(&["assess", "--seed", "3"], 80, 24);
    shown.answer();
    shown.until(r"\[2/\d+\]");
    shown.session.send("\x1b").unwrap();
    shown.session.expect("Stopped.").unwrap();
    let session: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(itlead.session_file()).unwrap()).unwrap();
    assert!(session.get("name").is_none(), "{session}");

    let itlead =
        Itlead::new().args(["assess", "--seed", "3", "--about", "Sam Lee", "--relation", "peer"]);
    let mut shown = Shown::of(&itlead, 80, 24);
    shown.until("Ready to start");
    shown.press(ENTER);
    shown.until(r"\[1/\d+\]");
    shown.shows("❯");
    shown.settle();
    assert_eq!(shown.times_shown("Your name"), 0, "{:#?}", shown.history());
    assert!(shown.screen().contains("Which would Sam") || shown.screen().contains("Sam"));
    shown.session.send("\x1b").unwrap();
    shown.session.expect("Stopped.").unwrap();
}

#[test]
fn the_plain_prompter_asks_for_the_name_on_a_line_of_its_own() {
    let itlead = Itlead::new().args(["assess", "--plain", "--seed", "3"]);
    let mut session = spawn_command(itlead.command());
    session.expect("Ready to start? [Y/n]").unwrap();
    session.send_line("").unwrap();
    session.expect(format!("{NAME_PROMPT}: ")).unwrap();
    session.send_line("Robin").unwrap();
    session.expect("Type a number").unwrap();
    session.expect("> ").unwrap();
    session.send_line("q").unwrap();
    session.expect("Stopped.").unwrap();
    assert_eq!(exit_code(&session), 130);
}

/// The same itlead run through `sh -c 'stty echo icanon; exec itlead …'`:
/// a terminal as a shell leaves it.
fn spawn_from_a_shell(itlead: &Itlead) -> OsSession {
    let command = itlead.command();
    let args: Vec<String> =
        command.get_args().map(|arg| format!("'{}'", arg.to_string_lossy())).collect();
    let mut shell = std::process::Command::new("sh");
    shell.arg("-c").arg(format!(
        "stty echo icanon; exec '{}' {}",
        command.get_program().to_string_lossy(),
        args.join(" ")
    ));
    for (key, value) in command.get_envs() {
        match value {
            Some(value) => shell.env(key, value),
            None => shell.env_remove(key),
        };
    }
    spawn_command(shell)
}

fn terminal_modes(session: &OsSession) -> (bool, bool) {
    let master = session.get_process().get_raw_handle().expect("pty master");
    let termios = rustix::termios::tcgetattr(&master).expect("termios of the pty");
    let local = termios.local_modes;
    (
        local.contains(rustix::termios::LocalModes::ECHO),
        local.contains(rustix::termios::LocalModes::ICANON),
    )
}

#[test]
fn every_signal_that_would_end_itlead_gives_the_terminal_back_first() {
    // By name for `kill -s`, with its number on Linux.
    let signals: [(&str, i32); 20] = [
        ("HUP", 1),
        ("INT", 2),
        ("QUIT", 3),
        ("ILL", 4),
        ("TRAP", 5),
        ("ABRT", 6),
        ("BUS", 7),
        ("FPE", 8),
        ("USR1", 10),
        ("SEGV", 11),
        ("USR2", 12),
        ("ALRM", 14),
        ("TERM", 15),
        ("STKFLT", 16),
        ("XCPU", 24),
        ("VTALRM", 26),
        ("PROF", 27),
        ("IO", 29),
        ("PWR", 30),
        ("SYS", 31),
    ];
    for (name, number) in signals {
        let itlead = Itlead::new().args(["assess", "--seed", "3", "--name", "Sam"]);
        let mut session = spawn_from_a_shell(&itlead);
        start(&mut session);
        common::pty::expect_question(&mut session, 1);
        std::thread::sleep(Duration::from_millis(50));
        assert_eq!(terminal_modes(&session), (false, false), "SIG{name}: the menu is raw");
        let pid = session.get_process().pid().to_string();
        let sent = std::process::Command::new("kill").args(["-s", name, &pid]).status().unwrap();
        assert!(sent.success(), "kill -s {name}");
        session.expect("\x1b[?25h").unwrap_or_else(|_| panic!("SIG{name}: cursor shown"));
        session.expect("Stopped.").unwrap_or_else(|_| panic!("SIG{name}: message"));
        assert_eq!(exit_code(&session), 128 + number, "SIG{name}: 128 + its number");
        assert_eq!(terminal_modes(&session), (true, true), "SIG{name}: echo and lines back");
    }
    // A real-time signal too, by its number relative to SIGRTMIN.
    let itlead = Itlead::new().args(["assess", "--seed", "3", "--name", "Sam"]);
    let mut session = spawn_from_a_shell(&itlead);
    start(&mut session);
    common::pty::expect_question(&mut session, 1);
    let pid = session.get_process().pid().to_string();
    let sent = std::process::Command::new("kill").args(["-s", "RTMIN+3", &pid]).status().unwrap();
    assert!(sent.success());
    session.expect("\x1b[?25h").expect("SIGRTMIN+3: cursor shown");
    let code = exit_code(&session);
    assert!((128 + 34..=128 + 64).contains(&code), "SIGRTMIN+3 ended with {code}");
    assert_eq!(terminal_modes(&session), (true, true));
}

#[test]
fn a_file_size_limit_fails_the_write_with_a_message_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let result = common::fixture("results/team/alice.json");
    let itlead = Itlead::new();
    let command = itlead.command_with(&[
        "report",
        result.to_str().unwrap(),
        "--format",
        "html",
        "--output",
        out.to_str().unwrap(),
    ]);
    let args: Vec<String> =
        command.get_args().map(|arg| format!("'{}'", arg.to_string_lossy())).collect();
    // Two blocks of file size, far less than the page.
    let mut shell = std::process::Command::new("sh");
    shell.arg("-c").arg(format!(
        "ulimit -f 2 && exec '{}' {}",
        command.get_program().to_string_lossy(),
        args.join(" ")
    ));
    for (key, value) in command.get_envs() {
        if let Some(value) = value {
            shell.env(key, value);
        }
    }
    let run = shell.output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(1),
        "a failed write, not SIGXFSZ: {:?} {stderr}",
        run.status
    );
    assert!(stderr.contains("File too large"), "{stderr}");
    let left: Vec<_> =
        std::fs::read_dir(dir.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert!(left.is_empty(), "nothing is left behind: {left:?}");
}

#[test]
fn a_scenario_of_two_options_is_asked_once_in_the_menu_and_in_plain_mode() {
    let content = common::fixture("content/pairs.yaml");
    let content = content.to_str().unwrap();
    let itlead =
        Itlead::new().args(["--content", content, "assess", "--seed", "1", "--name", "Sam"]);
    let mut shown = Shown::of(&itlead, 80, 24);
    shown.until("Ready to start");
    shown.press(ENTER);
    let mut pairs = 0;
    for number in 1..=3 {
        shown.until(&format!(r"\[{number}/3\]"));
        shown.until("Enter choose");
        shown.settle();
        let screen = shown.screen();
        if screen.contains("more likely do?") {
            pairs += 1;
            // Two options, Skip, and Back after the first: nothing else.
            let items: Vec<String> = shown
                .rows()
                .into_iter()
                .filter(|row| {
                    row.starts_with("❯ ") || row.starts_with("  ") && !row.contains("move")
                })
                .collect();
            assert!(screen.contains("1–2 move"), "{screen}");
            assert!(items.iter().any(|row| row.contains("2. ")), "{screen}");
            assert!(!items.iter().any(|row| row.contains("3. ")), "{screen}");
            shown.press("2");
            shown.shows("❯ 2.");
            shown.press(ENTER);
        } else {
            common::pty::answer_scenario(&mut shown.session, false, 0);
        }
    }
    assert_eq!(pairs, 1, "the fixture has one scenario of two options");
    shown.until("That was the last scenario");
    shown.session.send("\x1b").unwrap();
    shown.session.expect("Stopped.").unwrap();
    let session: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(itlead.session_file()).unwrap()).unwrap();
    let outage = &session["answers"]["outage"];
    assert!(outage.is_string() || outage.get("least").is_none(), "asked once: {outage}");

    // --plain: the same scenario takes one typed number.
    let itlead = Itlead::new().args([
        "--content",
        content,
        "assess",
        "--plain",
        "--seed",
        "1",
        "--name",
        "Sam",
    ]);
    let mut session = spawn_command(itlead.command());
    session.expect("Ready to start? [Y/n]").unwrap();
    session.send_line("").unwrap();
    for number in 1..=3 {
        let shown = session.expect(Regex(&format!(r"\[{number}/3\][^>]*Type a number"))).unwrap();
        let text = String::from_utf8_lossy(shown.as_bytes()).into_owned();
        session.expect("> ").unwrap();
        session.send_line("2").unwrap();
        if text.contains("more likely do?") {
            assert!(
                text.contains("1. ") && text.contains("2. ") && !text.contains("3. "),
                "{text}"
            );
        } else {
            session.expect("least likely").unwrap();
            session.expect("> ").unwrap();
            session.send_line("1").unwrap();
        }
    }
    session.expect("That was the last scenario").unwrap();
    session.expect("> ").unwrap();
    session.send_line("q").unwrap();
    session.expect("Stopped.").unwrap();
}

#[test]
fn what_follows_the_questions_is_drawn_at_the_width_the_window_has_now() {
    // Started in a wide window, resized to 50 columns before the report:
    // the report and the last messages are wrapped at 50, not at 100.
    let selection = Selection::Axes { axes: vec![String::from("direct-coach")] };
    let total = common::pty::asked_count(&selection);
    let itlead = Itlead::new().args(["assess", "--axes", "direct-coach", "--seed", "5"]);
    let mut shown = Shown::of(&itlead, 100, 40);
    start(&mut shown.session);
    for number in 1..=total {
        let asked = common::pty::expect_question(&mut shown.session, number);
        common::pty::answer(&mut shown.session, &asked, 0);
    }
    shown.session.expect("That was the last scenario").expect("closing question");
    shown.session.expect("See the result").expect("menu shown");
    shown.resize(50, 40);
    std::thread::sleep(Duration::from_millis(300));
    shown.press(ENTER);
    let rest = shown.session.expect(expectrl::Eof).expect("the report, to the end");
    let text = common::pty::seen(rest.as_bytes());
    // What follows the closing menu's last line; the saved path is on a
    // line of its own, whole, however long.
    let after_menu = text.rfind("Stop here and finish later").expect("the closing menu");
    let report = &text[after_menu..];
    let widths: Vec<(usize, &str)> = report
        .lines()
        .skip(1)
        .filter(|line| line.trim().contains(' ') && !line.starts_with("Result saved to "))
        .map(|line| (unicode_width::UnicodeWidthStr::width(line), line))
        .collect();
    let widest = widths.iter().map(|(width, _)| *width).max().unwrap_or(0);
    assert!(
        widths.iter().all(|(width, _)| *width <= 50),
        "a line wider than the window:\n{}",
        widths.iter().filter(|(w, _)| *w > 50).map(|(_, l)| *l).collect::<Vec<_>>().join("\n")
    );
    assert!(widest > 40, "the report fills the window it has ({widest} columns at most)");
    assert!(report.contains("Result saved"), "{report}");
    assert_eq!(exit_code(&shown.session), 0);
}
