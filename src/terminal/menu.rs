//! The arrow-key menu and the yes-or-no question of the interactive
//! assessment.
//!
//! A small replacement for dialoguer's `Select`, which takes Space for
//! Enter and letters for movement, so that pasted text answers questions.
//! Here only the arrow keys (and Tab, Home, End, Page Up and Down) move,
//! Enter chooses, Esc and Ctrl-C stop, Ctrl-Z suspends as in any terminal
//! program; every other key is ignored. An Enter
//! that arrives inside a burst of keys (a paste delivers all its bytes at
//! once, faster than anyone types) is ignored too, and the rest of the
//! burst is discarded. So is an Enter that repeats another within
//! [`REPEAT_GAP`]: a held Enter key repeats every few dozen milliseconds,
//! from one question into the next, and must not answer them all.

use std::cell::Cell;
use std::io;
use std::time::{Duration, Instant};

use console::{Key, Term};

use super::prompters::discard_typed_ahead;
use crate::export::TextStyle;
use crate::export::text::paint;
use crate::view::Tone;

/// Keys closer together than this are a paste, not typing.
pub const PASTE_GAP: Duration = Duration::from_millis(25);

/// An Enter this soon after the one before is a held key repeating (key
/// repeat runs at 10 to 40 a second), not a choice. Nobody reads a
/// question in less.
pub const REPEAT_GAP: Duration = Duration::from_millis(200);

/// When the last key and the last Enter came, kept across menus: a paste
/// or a held key runs on from one question into the next.
#[derive(Debug, Default)]
pub struct Pace {
    key: Cell<Option<Instant>>,
    enter: Cell<Option<Instant>>,
}

impl Pace {
    /// Records `key` arriving `now`; true when it belongs to a burst (within
    /// [`PASTE_GAP`] of the key before, or with more input waiting) or is an
    /// Enter repeating within [`REPEAT_GAP`].
    pub fn burst(&self, key: &Key, now: Instant, waiting: bool) -> bool {
        let within = |at: Option<Instant>, gap: Duration| {
            at.is_some_and(|at| now.saturating_duration_since(at) < gap)
        };
        let mut burst = waiting || within(self.key.get(), PASTE_GAP);
        self.key.set(Some(now));
        if *key == Key::Enter {
            burst |= within(self.enter.get(), REPEAT_GAP);
            self.enter.set(Some(now));
        }
        burst
    }
}

/// What a key does to the menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Move the cursor to this item.
    MoveTo(usize),
    /// Choose the item under the cursor.
    Choose,
    /// Stop: no choice.
    Stop,
    /// Ctrl-Z: hand the terminal back to the shell until `fg`.
    Suspend,
    /// Ignore the key (and discard a paste's remaining input).
    Ignore {
        /// The key came in a burst: throw away what is still typed ahead.
        discard: bool,
    },
}

/// What `key` does with the cursor at `current` of `count` items; `burst`
/// says that the key came within [`PASTE_GAP`] of the one before it or with
/// more input already waiting. A pure function, so every rule is tested.
pub fn action(key: &Key, current: usize, count: usize, burst: bool) -> Action {
    let last = count.saturating_sub(1);
    match key {
        Key::ArrowUp | Key::BackTab => {
            Action::MoveTo(if current == 0 { last } else { current - 1 })
        }
        Key::ArrowDown | Key::Tab => Action::MoveTo(if current >= last { 0 } else { current + 1 }),
        Key::Home | Key::PageUp => Action::MoveTo(0),
        Key::End | Key::PageDown => Action::MoveTo(last),
        Key::Enter if burst => Action::Ignore { discard: true },
        Key::Enter => Action::Choose,
        Key::Escape | Key::CtrlC => Action::Stop,
        Key::Char('\u{1a}') if !burst => Action::Suspend,
        _ => Action::Ignore { discard: burst },
    }
}

/// Shows `prompt` and `items` on `term`, and returns the chosen index, or
/// `None` when the person stops. The menu is cleared afterwards.
pub fn select(
    term: &Term,
    pace: &Pace,
    style: TextStyle,
    prompt: &str,
    items: &[String],
    default: usize,
) -> io::Result<Option<usize>> {
    if items.is_empty() {
        return Ok(None);
    }
    let mut current = default.min(items.len() - 1);
    let _raw = Raw::enter();
    let keys = Keys { term, pace };
    term.hide_cursor()?;
    let mut drawn = draw(term, style, prompt, items, current)?;
    let chosen = loop {
        let (key, burst) = keys.next()?;
        match action(&key, current, items.len(), burst) {
            Action::MoveTo(index) => {
                current = index;
                term.clear_last_lines(drawn)?;
                drawn = draw(term, style, prompt, items, current)?;
            }
            Action::Choose => break Some(current),
            Action::Stop => break None,
            Action::Suspend => {
                super::signals::suspend();
                // The shell wrote below the menu meanwhile: draw it afresh
                // there, leaving what is above alone.
                term.hide_cursor()?;
                drawn = draw(term, style, prompt, items, current)?;
            }
            Action::Ignore { discard } => {
                if discard {
                    discard_typed_ahead();
                }
            }
        }
    };
    term.clear_last_lines(drawn)?;
    term.show_cursor()?;
    Ok(chosen)
}

/// What a key answers to a yes-or-no question whose Enter means `default`.
/// `None` for keys that answer nothing; `Some(None)` to stop.
pub fn confirm_action(key: &Key, default: bool, burst: bool) -> Option<Option<bool>> {
    match key {
        _ if burst && !matches!(key, Key::CtrlC) => None,
        Key::Char('y' | 'Y') => Some(Some(true)),
        Key::Char('n' | 'N') => Some(Some(false)),
        Key::Enter => Some(Some(default)),
        Key::Escape | Key::CtrlC => Some(None),
        _ => None,
    }
}

/// Asks `prompt` as a yes-or-no question on `term`: `y`, `n`, or Enter for
/// `default`; `None` when the person stops. Keys inside a paste answer
/// nothing. The answer stays on screen.
pub fn confirm(
    term: &Term,
    pace: &Pace,
    style: TextStyle,
    prompt: &str,
    default: bool,
) -> io::Result<Option<bool>> {
    let hint = if default { "(Y/n)" } else { "(y/N)" };
    let arrow = if style.ascii { ">" } else { "›" };
    term.write_str(&format!(
        "{} {prompt} {} {} ",
        paint("?", Tone::Strong, style),
        paint(hint, Tone::Dim, style),
        paint(arrow, Tone::Dim, style)
    ))?;
    term.flush()?;
    let _raw = Raw::enter();
    let keys = Keys { term, pace };
    let answer = loop {
        let (key, burst) = keys.next()?;
        if key == Key::Char('\u{1a}') && !burst {
            super::signals::suspend();
            continue;
        }
        match confirm_action(&key, default, burst) {
            Some(answer) => break answer,
            None if burst => discard_typed_ahead(),
            None => {}
        }
    };
    let shown = match answer {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    };
    term.write_line(&paint(shown, Tone::Strong, style))?;
    Ok(answer)
}

/// Keys from a terminal, each with whether it came in a burst ([`Pace`]).
struct Keys<'a> {
    term: &'a Term,
    pace: &'a Pace,
}

impl Keys<'_> {
    fn next(&self) -> io::Result<(Key, bool)> {
        // Wait for a key here, not inside the terminal library: a signal
        // (a stop, a continue) breaks a wait, which the library would
        // report as Ctrl-C. Here a broken wait is simply waited again.
        while !wait_for_input(Duration::from_millis(200))? {}
        let key = self.term.read_key_raw()?;
        let burst = self.pace.burst(&key, Instant::now(), input_waiting());
        Ok((key, burst))
    }
}

/// Waits up to `limit` for input on standard input; false when none came
/// or a signal broke the wait.
fn wait_for_input(limit: Duration) -> io::Result<bool> {
    let stdin = io::stdin();
    let mut fds = [rustix::event::PollFd::new(&stdin, rustix::event::PollFlags::IN)];
    let timeout = rustix::event::Timespec { tv_sec: 0, tv_nsec: i64::from(limit.subsec_nanos()) };
    match rustix::event::poll(&mut fds, Some(&timeout)) {
        Ok(ready) => Ok(ready > 0),
        Err(rustix::io::Errno::INTR) => Ok(false),
        Err(error) => Err(error.into()),
    }
}

/// The terminal in raw mode for as long as a menu is open, and as it was
/// afterwards (also on an error). Keys are read one by one without echo;
/// a stop and continue keeps these settings, whoever is reading.
struct Raw {
    original: Option<rustix::termios::Termios>,
}

impl Raw {
    fn enter() -> Self {
        let stdin = io::stdin();
        let original = rustix::termios::tcgetattr(&stdin).ok();
        if let Some(original) = &original {
            let mut raw = original.clone();
            raw.make_raw();
            // Keep output as it was: line breaks still return the carriage.
            raw.output_modes = original.output_modes;
            let _ = rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &raw);
        }
        Self { original }
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        if let Some(original) = &self.original {
            let _ = rustix::termios::tcsetattr(
                io::stdin(),
                rustix::termios::OptionalActions::Now,
                original,
            );
        }
    }
}

/// Draws the menu; returns the number of lines it took.
fn draw(
    term: &Term,
    style: TextStyle,
    prompt: &str,
    items: &[String],
    current: usize,
) -> io::Result<usize> {
    let (marker, arrow) = if style.ascii { (">", ">") } else { ("❯", "›") };
    let mut text = format!(
        "{} {prompt} {}\n",
        paint("?", Tone::Strong, style),
        paint(arrow, Tone::Dim, style)
    );
    for (index, item) in items.iter().enumerate() {
        if index == current {
            text.push_str(&format!("{} {item}\n", paint(marker, Tone::Strong, style)));
        } else {
            text.push_str(&format!("  {item}\n"));
        }
    }
    term.write_str(&text)?;
    term.flush()?;
    Ok(text.lines().count())
}

/// Whether more input is already waiting on standard input.
fn input_waiting() -> bool {
    wait_for_input(Duration::ZERO).unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_and_wrap_around() {
        assert_eq!(action(&Key::ArrowDown, 0, 3, false), Action::MoveTo(1));
        assert_eq!(action(&Key::ArrowDown, 2, 3, false), Action::MoveTo(0));
        assert_eq!(action(&Key::ArrowUp, 0, 3, false), Action::MoveTo(2));
        assert_eq!(action(&Key::End, 0, 3, false), Action::MoveTo(2));
        assert_eq!(action(&Key::Home, 2, 3, false), Action::MoveTo(0));
    }

    #[test]
    fn enter_chooses_unless_it_comes_in_a_burst() {
        assert_eq!(action(&Key::Enter, 1, 3, false), Action::Choose);
        assert_eq!(action(&Key::Enter, 1, 3, true), Action::Ignore { discard: true });
    }

    #[test]
    fn letters_and_spaces_never_move_or_choose() {
        for key in [Key::Char(' '), Key::Char('j'), Key::Char('k'), Key::Char('q'), Key::Char('1')]
        {
            assert_eq!(action(&key, 1, 3, false), Action::Ignore { discard: false });
        }
    }

    #[test]
    fn yes_no_and_enter_answer_unless_in_a_paste() {
        assert_eq!(confirm_action(&Key::Char('y'), false, false), Some(Some(true)));
        assert_eq!(confirm_action(&Key::Char('N'), true, false), Some(Some(false)));
        assert_eq!(confirm_action(&Key::Enter, true, false), Some(Some(true)));
        assert_eq!(confirm_action(&Key::Escape, true, false), Some(None));
        assert_eq!(confirm_action(&Key::Char('x'), true, false), None);
        assert_eq!(confirm_action(&Key::Char('y'), true, true), None);
        assert_eq!(confirm_action(&Key::Enter, true, true), None);
        assert_eq!(confirm_action(&Key::CtrlC, true, true), Some(None));
    }

    #[test]
    fn a_held_enter_counts_once_and_a_paste_not_at_all() {
        let pace = Pace::default();
        let start = Instant::now();
        let at = |millis: u64| start + Duration::from_millis(millis);
        assert!(!pace.burst(&Key::Enter, at(0), false), "the first press counts");
        // Key repeat starts after half a second (the usual delay), which
        // counts once more (the least likely pick of the same scenario)...
        assert!(!pace.burst(&Key::Enter, at(500), false));
        // ...then repeats every 33 ms, from one question into the next.
        for step in 1..30 {
            assert!(pace.burst(&Key::Enter, at(500 + step * 33), false), "repeat {step}");
        }
        // Released, then pressed again after reading the next question.
        assert!(!pace.burst(&Key::Enter, at(3000), false));
        // Moving, then choosing, at a person's pace.
        assert!(!pace.burst(&Key::ArrowDown, at(3100), false));
        assert!(!pace.burst(&Key::Enter, at(3250), false));
        // A paste: keys within the paste gap, or with more input waiting.
        assert!(pace.burst(&Key::Char('a'), at(3260), false));
        assert!(pace.burst(&Key::Char('b'), at(4000), true));
    }

    #[test]
    fn esc_and_ctrl_c_stop() {
        assert_eq!(action(&Key::Escape, 1, 3, false), Action::Stop);
        assert_eq!(action(&Key::CtrlC, 1, 3, true), Action::Stop);
        assert_eq!(action(&Key::Char('\u{1a}'), 1, 3, false), Action::Suspend);
        assert_eq!(action(&Key::Char('\u{1a}'), 1, 3, true), Action::Ignore { discard: true });
    }
}
