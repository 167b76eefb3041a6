//! Ctrl-C and SIGTERM during an assessment.
//!
//! dialoguer reads keys in raw mode and reports Ctrl-C itself, but a signal
//! can also arrive while no menu is open (between questions, in `--plain`
//! mode, or from `kill`). The handler installed here restores the cursor,
//! says how many answers are saved and how to go on, and ends the process
//! with exit code 130. Answers are saved after each one, atomically, so
//! ending here loses nothing.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::error::EXIT_INTERRUPTED;

/// Answers saved so far, shared with the signal handler.
#[derive(Debug, Clone, Default)]
pub struct SavedCount(Arc<AtomicUsize>);

impl SavedCount {
    /// Records how many answers are saved.
    pub fn set(&self, count: usize) {
        self.0.store(count, Ordering::SeqCst);
    }

    /// How many answers are saved.
    pub fn get(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }
}

/// The line printed when an assessment stops early.
pub fn stopped_message(saved: usize) -> String {
    format!(
        "Stopped. {saved} answer{} saved; run `itlead assess --resume` to continue.",
        if saved == 1 { " is" } else { "s are" }
    )
}

/// Installs the handler; a second installation attempt is ignored.
pub fn install(saved: SavedCount) {
    let _ = ctrlc::set_handler(move || {
        let term = console::Term::stderr();
        let _ = term.show_cursor();
        let _ = term.write_line("");
        let _ = term.write_line(&stopped_message(saved.get()));
        // The only exit outside `main`: the main thread is blocked reading
        // keys, and everything worth keeping is already on disk.
        #[allow(clippy::exit)]
        std::process::exit(i32::from(EXIT_INTERRUPTED));
    });
}
