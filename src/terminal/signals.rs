//! Ctrl-C, SIGTERM, SIGHUP and SIGQUIT during an assessment.
//!
//! The menu reads keys in raw mode, and a signal can arrive at any moment:
//! inside a key read, between questions, in `--plain` mode, or from `kill`.
//! The handler installed here runs on its own thread: it puts the terminal
//! back as it was before the first question (echo, canonical mode and the
//! cursor), says how many answers are on disk and how to go on, and ends
//! the process with exit code 130. Answers are saved after each one,
//! atomically, so ending here loses nothing.

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::error::EXIT_INTERRUPTED;

/// Answers saved on disk so far, shared with the signal handler.
#[derive(Debug, Clone, Default)]
pub struct SavedCount(Arc<AtomicUsize>);

impl SavedCount {
    /// Records how many answers are on disk.
    pub fn set(&self, count: usize) {
        self.0.store(count, Ordering::SeqCst);
    }

    /// How many answers are on disk.
    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// The line printed when an assessment stops early; `resume` is the
/// command that continues it.
pub fn stopped_message(saved: usize, resume: &str) -> String {
    match saved {
        0 => String::from("Stopped. No answers were saved yet."),
        1 => format!("Stopped. 1 answer is saved; run `{resume}` to continue."),
        count => format!("Stopped. {count} answers are saved; run `{resume}` to continue."),
    }
}

/// Shows the cursor again (the menu hides it while it is open).
const SHOW_CURSOR: &str = "\x1b[?25h";

/// Installs the handler: remembers the terminal's settings now, and on a
/// terminating signal restores them and exits with 130. Call once, before
/// the first question.
pub fn install(saved: SavedCount, resume: String) -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let original = rustix::termios::tcgetattr(&stdin).ok();
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            if let Some(original) = &original {
                let _ = rustix::termios::tcsetattr(
                    std::io::stdin(),
                    rustix::termios::OptionalActions::Now,
                    original,
                );
            }
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "{SHOW_CURSOR}\n{}\n", stopped_message(saved.get(), &resume));
            let _ = stderr.flush();
            // The only exit outside `main`: the main thread may be blocked
            // reading keys, and everything worth keeping is on disk.
            #[allow(clippy::exit)]
            std::process::exit(i32::from(EXIT_INTERRUPTED));
        }
    });
    Ok(())
}
