//! The arrow-key menu, the yes-or-no question and the name prompt of the
//! interactive assessment: itlead's own key loop, drawn by a dialoguer
//! [`Theme`].
//!
//! dialoguer draws every prompt here (the question, its options, the
//! highlight, a confirmation and its answer, the name prompt), but its
//! `interact` loops do not read the keys: its `Select` takes Space for
//! Enter and letters for movement, so pasted text answers questions, and
//! every dialoguer prompt waits for keys inside `console`, which reports a
//! wait broken by any signal (a stop, a continue, a window resize) as
//! Ctrl-C. Here only the arrow keys (and Tab, Home, End, Page Up and Down)
//! and the digits 1 to 9 move, Enter chooses, Esc and Ctrl-C stop, Ctrl-Z
//! suspends as in any terminal program; every other key is ignored. A
//! window resize lays the whole question out again at the new size
//! ([`super::layout`]). An Enter
//! that arrives inside a burst of keys (a paste delivers all its bytes at
//! once, faster than anyone types) is ignored too, and the rest of the
//! burst is discarded. So is an Enter that repeats another within
//! [`REPEAT_GAP`]: a held Enter key repeats every few dozen milliseconds,
//! from one question into the next, and must not answer them all.

use std::cell::Cell;
use std::io;
use std::time::{Duration, Instant};

use console::{Key, Term};
use dialoguer::theme::Theme;

use super::layout::{MenuText, Size, layout, rows_of, usable};
use super::tty::{Raw, Ready, discard_typed_ahead, input_waiting, wait_for_input};

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

/// What `key` does with the cursor at `current` of `count` items, the
/// first `numbered` of which a digit reaches; `burst` says that the key
/// came within [`PASTE_GAP`] of the one before it or with more input
/// already waiting. A pure function, so every rule is tested.
pub fn action(key: &Key, current: usize, count: usize, numbered: usize, burst: bool) -> Action {
    let last = count.saturating_sub(1);
    match key {
        Key::ArrowUp | Key::BackTab => {
            Action::MoveTo(if current == 0 { last } else { current - 1 })
        }
        Key::ArrowDown | Key::Tab => Action::MoveTo(if current >= last { 0 } else { current + 1 }),
        Key::Home | Key::PageUp => Action::MoveTo(0),
        Key::End | Key::PageDown => Action::MoveTo(last),
        Key::Char(digit @ '1'..='9') if !burst => {
            let index = (*digit as usize) - ('1' as usize);
            if index < numbered.min(count) {
                Action::MoveTo(index)
            } else {
                Action::Ignore { discard: false }
            }
        }
        Key::Enter if burst => Action::Ignore { discard: true },
        Key::Enter => Action::Choose,
        Key::Escape | Key::CtrlC => Action::Stop,
        Key::Char('\u{1a}') if !burst => Action::Suspend,
        _ => Action::Ignore { discard: burst },
    }
}

/// The keys, shown under each question: `numbered` options reachable by
/// their digit.
pub fn hint(numbered: usize, ascii: bool) -> String {
    let digits = match numbered.min(9) {
        0 => String::new(),
        1 => String::from(" or 1"),
        many if ascii => format!(" or 1-{many}"),
        many => format!(" or 1–{many}"),
    };
    if ascii {
        format!("Up/Down{digits} move, Enter choose, Esc stop")
    } else {
        format!("↑↓{digits} move · Enter choose · Esc stop")
    }
}

/// A whole question on the screen: what goes above the menu, and the menu.
pub struct Screen<'a> {
    /// The text above the menu (the scenario), laid out for a width.
    pub header: &'a dyn Fn(usize) -> String,
    /// The menu.
    pub menu: MenuText<'a>,
    /// The item highlighted first.
    pub default: usize,
}

/// The terminal's size now (it changes when the window is resized), at
/// most [`super::MAX_WIDTH`] columns wide for readable lines; `fallback`
/// columns when it cannot be read.
pub fn size_now(fallback: usize) -> Size {
    match terminal_size::terminal_size_of(io::stderr()) {
        Some((terminal_size::Width(columns), terminal_size::Height(rows))) if columns > 0 => Size {
            columns: usize::from(columns).min(super::MAX_WIDTH),
            rows: usize::from(rows).max(1),
        },
        _ => Size { columns: fallback, rows: 24 },
    }
}

/// Clears the screen and draws `screen` from the top with `current`
/// highlighted; returns the rows the menu took (the cursor is left at the
/// end of its last row).
fn draw_screen(
    term: &Term,
    theme: &dyn Theme,
    screen: &Screen<'_>,
    current: usize,
    size: Size,
) -> io::Result<usize> {
    let mut text = String::from("\x1b[H\x1b[2J");
    for line in (screen.header)(usable(size.columns)).lines() {
        text.push_str(line);
        text.push('\n');
    }
    let rows = layout(theme, &screen.menu, current, size);
    text.push_str(&rows.join("\n"));
    text.push_str(reset());
    term.write_str(&text)?;
    term.flush()?;
    Ok(rows.len())
}

/// Draws the menu again over the `drawn` rows it took.
fn redraw_menu(
    term: &Term,
    theme: &dyn Theme,
    screen: &Screen<'_>,
    current: usize,
    size: Size,
    drawn: usize,
) -> io::Result<usize> {
    let rows = layout(theme, &screen.menu, current, size);
    let mut text = overwrite(drawn, &rows);
    text.push_str(reset());
    term.write_str(&text)?;
    term.flush()?;
    Ok(rows.len())
}

/// Moves the cursor from the last of `rows` rows to the start of the first.
fn up_to_first(rows: usize) -> String {
    let mut text = String::from("\r");
    if rows > 1 {
        text.push_str(&format!("\x1b[{}A", rows - 1));
    }
    text
}

/// Writes `rows` over the `drawn` rows that end at the cursor, each row
/// cleared to its end, and what is left of the old ones cleared below.
/// Never "clear to the end of the screen" from its top left corner, which
/// tmux takes for clearing the screen and keeps a copy of in its history.
fn overwrite(drawn: usize, rows: &[String]) -> String {
    let mut text = up_to_first(drawn);
    for (index, row) in rows.iter().enumerate() {
        if index > 0 {
            text.push_str("\r\n");
        }
        text.push_str(row);
        text.push_str("\x1b[K");
    }
    if rows.len() < drawn {
        // The cursor is past the first row now, so this clears below only.
        text.push_str("\r\n\x1b[J\x1b[1A");
        if let Some(last) = rows.last() {
            let column = super::layout::width_of(last);
            if column > 0 {
                text.push_str(&format!("\x1b[{column}C"));
            }
        }
    }
    text
}

/// Clears the `drawn` rows that end at the cursor, leaving it at the start
/// of the first.
fn clear_rows(drawn: usize) -> String {
    let mut text = up_to_first(drawn);
    for row in 0..drawn {
        if row > 0 {
            text.push_str("\x1b[1B");
        }
        text.push_str("\x1b[2K");
    }
    text.push_str(&up_to_first(drawn));
    text
}

/// Ends any colour a theme left open at the end of a truncated line.
fn reset() -> &'static str {
    if console::colors_enabled_stderr() { "\x1b[0m" } else { "" }
}

/// Shows `screen` on `term`, and returns the chosen index, or `None` when
/// the person stops. The menu is cleared afterwards; the text above stays.
pub fn select(
    term: &Term,
    pace: &Pace,
    theme: &dyn Theme,
    screen: &Screen<'_>,
    fallback_width: usize,
) -> io::Result<Option<usize>> {
    let count = screen.menu.items.len();
    if count == 0 {
        return Ok(None);
    }
    let mut current = screen.default.min(count - 1);
    let _raw = Raw::enter();
    let keys = Keys::new(term, pace);
    term.hide_cursor()?;
    let mut size = size_now(fallback_width);
    let mut drawn = draw_screen(term, theme, screen, current, size)?;
    let chosen = loop {
        let (key, burst) = match keys.next()? {
            Event::Resized => {
                size = size_now(fallback_width);
                drawn = draw_screen(term, theme, screen, current, size)?;
                continue;
            }
            Event::Key(key, burst) => (key, burst),
        };
        match action(&key, current, count, screen.menu.numbered, burst) {
            Action::MoveTo(index) => {
                current = index;
                drawn = redraw_menu(term, theme, screen, current, size, drawn)?;
            }
            Action::Choose => break Some(current),
            Action::Stop => break None,
            Action::Suspend => {
                super::signals::suspend();
                // The shell wrote over the screen meanwhile, and the window
                // may have changed: draw the question afresh.
                term.hide_cursor()?;
                size = size_now(fallback_width);
                drawn = draw_screen(term, theme, screen, current, size)?;
            }
            Action::Ignore { discard } => {
                if discard {
                    discard_typed_ahead();
                }
            }
        }
    };
    term.write_str(&clear_rows(drawn))?;
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

/// Writes `text`, which ends at the cursor, and returns it with the rows
/// it takes; after a window resize the rows are counted again at the new
/// width (terminals lay a line that no longer fits over more rows).
struct Line<'a> {
    term: &'a Term,
    text: String,
}

impl Line<'_> {
    fn rows(&self, fallback_width: usize) -> usize {
        rows_of(&self.text, size_now(fallback_width).columns)
    }

    /// Replaces what was written by `text`.
    fn replace(&mut self, text: String, fallback_width: usize) -> io::Result<()> {
        let rows: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let out = overwrite(self.rows(fallback_width), &rows);
        self.term.write_str(&out)?;
        self.term.flush()?;
        self.text = text;
        Ok(())
    }
}

/// Asks `prompt` as a yes-or-no question on `term`: `y`, `n`, or Enter for
/// `default`; `None` when the person stops. Keys inside a paste answer
/// nothing. The question and its answer stay on screen.
pub fn confirm(
    term: &Term,
    pace: &Pace,
    theme: &dyn Theme,
    prompt: &str,
    default: bool,
    fallback_width: usize,
) -> io::Result<Option<bool>> {
    let mut asked = String::new();
    let _ = theme.format_confirm_prompt(&mut asked, prompt, Some(default));
    let mut line = Line { term, text: String::new() };
    line.replace(asked, fallback_width)?;
    let _raw = Raw::enter();
    let keys = Keys::new(term, pace);
    let answer = loop {
        let (key, burst) = match keys.next()? {
            Event::Resized => continue,
            Event::Key(key, burst) => (key, burst),
        };
        if key == Key::Char('\u{1a}') && !burst {
            super::signals::suspend();
            // The shell wrote below meanwhile: ask again on a line of its own.
            let asked = std::mem::take(&mut line.text);
            line.replace(asked, fallback_width)?;
            continue;
        }
        match confirm_action(&key, default, burst) {
            Some(answer) => break answer,
            None if burst => discard_typed_ahead(),
            None => {}
        }
    };
    let mut shown = String::new();
    let _ = theme.format_confirm_prompt_selection(&mut shown, prompt, answer);
    shown.push('\n');
    line.replace(shown, fallback_width)?;
    Ok(answer)
}

/// What a key does to a line of text being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Add this character.
    Insert(char),
    /// Remove the last character.
    Erase,
    /// Remove everything typed.
    Clear,
    /// The text is complete.
    Done,
    /// Stop: no text.
    Stop,
    /// Ctrl-Z.
    Suspend,
    /// Nothing.
    Ignore,
}

/// What `key` does to a typed line. Printable characters are typed, also
/// in a paste (a pasted name is fine); an Enter in a burst (the end of a
/// paste, a held key) is not taken as the end of the line.
pub fn edit(key: &Key, burst: bool) -> Edit {
    match key {
        Key::Enter if burst => Edit::Ignore,
        Key::Enter => Edit::Done,
        Key::Backspace | Key::Del => Edit::Erase,
        Key::Char('\u{15}') => Edit::Clear,
        Key::Char('\u{1a}') if !burst => Edit::Suspend,
        Key::Escape | Key::CtrlC => Edit::Stop,
        Key::Char(character)
            if !character.is_control() && !crate::content::text::is_unsafe(*character) =>
        {
            Edit::Insert(*character)
        }
        _ => Edit::Ignore,
    }
}

/// Asks for a line of text on `term` (at most `limit` characters): what
/// was typed, possibly empty, or `None` when the person stops. The prompt
/// and the answer stay on screen.
pub fn input(
    term: &Term,
    pace: &Pace,
    theme: &dyn Theme,
    prompt: &str,
    limit: usize,
    fallback_width: usize,
) -> io::Result<Option<String>> {
    let asking = |typed: &str| {
        let mut text = String::new();
        let _ = theme.format_input_prompt(&mut text, prompt, None);
        text.push_str(typed);
        text
    };
    let mut typed = String::new();
    let mut line = Line { term, text: String::new() };
    line.replace(asking(&typed), fallback_width)?;
    let _raw = Raw::enter();
    let keys = Keys::new(term, pace);
    let answer = loop {
        let (key, burst) = match keys.next()? {
            Event::Resized => continue,
            Event::Key(key, burst) => (key, burst),
        };
        match edit(&key, burst) {
            Edit::Insert(character) if typed.chars().count() < limit => typed.push(character),
            Edit::Insert(_) | Edit::Ignore => continue,
            Edit::Erase => {
                typed.pop();
            }
            Edit::Clear => typed.clear(),
            Edit::Done => break Some(typed.trim().to_owned()),
            Edit::Stop => break None,
            Edit::Suspend => {
                super::signals::suspend();
                line.text.clear();
            }
        }
        line.replace(asking(&typed), fallback_width)?;
    };
    let mut shown = String::new();
    match &answer {
        Some(text) if !text.is_empty() => {
            let _ = theme.format_input_prompt_selection(&mut shown, prompt, text);
        }
        Some(_) => {
            let _ = theme.format_input_prompt_selection(&mut shown, prompt, "(skipped)");
        }
        None => shown = asking(&typed),
    }
    shown.push('\n');
    line.replace(shown, fallback_width)?;
    Ok(answer)
}

/// What the key loop waited for.
enum Event {
    /// A key, and whether it came in a burst ([`Pace`]).
    Key(Key, bool),
    /// The window changed size.
    Resized,
}

/// Keys from a terminal, and window resizes.
struct Keys<'a> {
    term: &'a Term,
    pace: &'a Pace,
    resizes: Option<&'static std::os::unix::net::UnixStream>,
}

impl<'a> Keys<'a> {
    fn new(term: &'a Term, pace: &'a Pace) -> Self {
        Self { term, pace, resizes: super::signals::resizes() }
    }

    fn next(&self) -> io::Result<Event> {
        // Wait for a key here, not inside the terminal library: a signal
        // (a stop, a continue, a resize) breaks a wait, which the library
        // would report as Ctrl-C. Here a broken wait is simply waited again.
        loop {
            match wait_for_input(Duration::from_millis(200), self.resizes)? {
                Ready::Nothing => {}
                Ready::Resized => {
                    if self.resizes.is_some_and(super::signals::take_resizes) {
                        return Ok(Event::Resized);
                    }
                }
                Ready::Input => break,
            }
        }
        let key = self.term.read_key_raw()?;
        let burst = self.pace.burst(&key, Instant::now(), input_waiting());
        Ok(Event::Key(key, burst))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_move_and_wrap_around() {
        assert_eq!(action(&Key::ArrowDown, 0, 3, 2, false), Action::MoveTo(1));
        assert_eq!(action(&Key::ArrowDown, 2, 3, 2, false), Action::MoveTo(0));
        assert_eq!(action(&Key::ArrowUp, 0, 3, 2, false), Action::MoveTo(2));
        assert_eq!(action(&Key::End, 0, 3, 2, false), Action::MoveTo(2));
        assert_eq!(action(&Key::Home, 2, 3, 2, false), Action::MoveTo(0));
    }

    #[test]
    fn enter_chooses_unless_it_comes_in_a_burst() {
        assert_eq!(action(&Key::Enter, 1, 3, 2, false), Action::Choose);
        assert_eq!(action(&Key::Enter, 1, 3, 2, true), Action::Ignore { discard: true });
    }

    #[test]
    fn letters_and_spaces_never_move_or_choose() {
        for key in [Key::Char(' '), Key::Char('j'), Key::Char('k'), Key::Char('q'), Key::Char('0')]
        {
            assert_eq!(action(&key, 1, 3, 2, false), Action::Ignore { discard: false });
        }
    }

    #[test]
    fn digits_move_to_their_option_and_never_choose() {
        assert_eq!(action(&Key::Char('1'), 2, 4, 2, false), Action::MoveTo(0));
        assert_eq!(action(&Key::Char('2'), 0, 4, 2, false), Action::MoveTo(1));
        // Skip and Back have no number, and a digit past the options is nothing.
        assert_eq!(action(&Key::Char('3'), 0, 4, 2, false), Action::Ignore { discard: false });
        assert_eq!(action(&Key::Char('9'), 0, 12, 12, false), Action::MoveTo(8));
        // In a paste, a digit moves nothing.
        assert_eq!(action(&Key::Char('1'), 2, 4, 2, true), Action::Ignore { discard: true });
    }

    #[test]
    fn the_hint_names_the_digits_there_are() {
        assert_eq!(hint(2, false), "↑↓ or 1–2 move · Enter choose · Esc stop");
        assert_eq!(hint(4, true), "Up/Down or 1-4 move, Enter choose, Esc stop");
        assert_eq!(hint(12, false), "↑↓ or 1–9 move · Enter choose · Esc stop");
        assert_eq!(hint(0, false), "↑↓ move · Enter choose · Esc stop");
    }

    #[test]
    fn typing_a_line_takes_text_but_no_enter_from_a_paste() {
        assert_eq!(edit(&Key::Char('S'), false), Edit::Insert('S'));
        assert_eq!(edit(&Key::Char('a'), true), Edit::Insert('a'));
        assert_eq!(edit(&Key::Enter, false), Edit::Done);
        assert_eq!(edit(&Key::Enter, true), Edit::Ignore);
        assert_eq!(edit(&Key::Backspace, false), Edit::Erase);
        assert_eq!(edit(&Key::Char('\u{15}'), false), Edit::Clear);
        assert_eq!(edit(&Key::Char('\u{1a}'), false), Edit::Suspend);
        assert_eq!(edit(&Key::Char('\u{1b}'), false), Edit::Ignore);
        assert_eq!(edit(&Key::Char('\u{202e}'), false), Edit::Ignore);
        assert_eq!(edit(&Key::Escape, false), Edit::Stop);
        assert_eq!(edit(&Key::CtrlC, true), Edit::Stop);
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
        assert_eq!(action(&Key::Escape, 1, 3, 2, false), Action::Stop);
        assert_eq!(action(&Key::CtrlC, 1, 3, 2, true), Action::Stop);
        assert_eq!(action(&Key::Char('\u{1a}'), 1, 3, 2, false), Action::Suspend);
        assert_eq!(action(&Key::Char('\u{1a}'), 1, 3, 2, true), Action::Ignore { discard: true });
    }
}
