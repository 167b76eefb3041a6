//! Ctrl-C, SIGTERM, SIGHUP, SIGQUIT and Ctrl-Z during an assessment.
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
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::error::EXIT_INTERRUPTED;

/// True from a stop until the terminal is the menu's again after the
/// continue.
static STOPPING: AtomicBool = AtomicBool::new(false);

/// Lets the signal thread hand the terminal back and stop the process,
/// then waits until it has taken the menu's settings up again.
fn wait_while_stopping() {
    std::thread::sleep(std::time::Duration::from_millis(50));
    while STOPPING.load(Ordering::SeqCst) {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Ctrl-Z in the menu, which reads keys raw so the terminal sends no
/// signal itself: stops the process as the key would elsewhere, and
/// returns once it is continued and the terminal is the menu's again.
pub fn suspend() {
    let _ = signal_hook::low_level::raise(SIGTSTP);
    wait_while_stopping();
}

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

/// Shows the cursor again (the menu hides it while it is open).
const SHOW_CURSOR: &str = "\x1b[?25h";

/// Installs the handler: remembers the terminal's settings now, and on a
/// terminating signal restores them and exits with 130. On Ctrl-Z
/// (SIGTSTP) it gives the terminal back as it was before the first question,
/// cursor shown, and when the shell continues it (`fg`) it takes the
/// menu's settings up again, so the shell is usable meanwhile and the menu
/// works afterwards. `resume` continues the assessment, and the message
/// is wrapped to `width` ([`crate::flow::messages::stopped_message`]).
/// Call once, before the first question.
pub fn install(saved: SavedCount, resume: String, width: usize) -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let original = rustix::termios::tcgetattr(&stdin).ok();
    let mut signals = Signals::new([SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        let restore = |settings: &rustix::termios::Termios| {
            let _ = rustix::termios::tcsetattr(
                std::io::stdin(),
                rustix::termios::OptionalActions::Now,
                settings,
            );
        };
        for signal in signals.forever() {
            match signal {
                // Continuing after a stop is handled where the stop is.
                SIGCONT => {}
                SIGTSTP => {
                    STOPPING.store(true, Ordering::SeqCst);
                    let menu = rustix::termios::tcgetattr(std::io::stdin()).ok();
                    if let Some(original) = &original {
                        restore(original);
                    }
                    let _ = write!(std::io::stderr(), "{SHOW_CURSOR}");
                    let _ = std::io::stderr().flush();
                    // Stops the whole process here; returns once continued.
                    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                    // The cursor stays visible: `--plain` never hides it,
                    // and a menu shows its marker either way.
                    if let Some(menu) = &menu {
                        restore(menu);
                    }
                    STOPPING.store(false, Ordering::SeqCst);
                }
                _ => {
                    if let Some(original) = &original {
                        restore(original);
                    }
                    let mut stderr = std::io::stderr().lock();
                    let _ = write!(
                        stderr,
                        "{SHOW_CURSOR}\n{}\n",
                        crate::flow::messages::stopped_message(saved.get(), &resume, width)
                    );
                    let _ = stderr.flush();
                    // The only exit outside `main`: the main thread may be
                    // blocked reading keys, and everything worth keeping is
                    // on disk.
                    #[allow(clippy::exit)]
                    std::process::exit(i32::from(EXIT_INTERRUPTED));
                }
            }
        }
    });
    Ok(())
}
