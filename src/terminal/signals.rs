//! Signals during an assessment: every one that would end the process,
//! Ctrl-Z, and a resized window; and a file size limit for every command.
//!
//! The menu reads keys in raw mode with the cursor hidden, and a signal can
//! arrive at any moment: inside a key read, between questions, in
//! `--plain` mode, or from `kill`. For every signal whose default action
//! ends the process ([`TERMINATING`]) the handler installed here, on its
//! own thread, puts the terminal back as it was before the first question
//! (echo, canonical mode and the cursor), says how many answers are on disk
//! and how to go on, and ends the process with the conventional status,
//! 128 + the signal's number (130 for Ctrl-C, 143 for SIGTERM). Answers are
//! saved after each one, atomically, so ending here loses nothing.
//!
//! SIGSEGV, SIGILL and SIGFPE cannot have a handler that returns (a real
//! fault would repeat at once), so they are blocked and waited for instead:
//! one sent with `kill` is taken here like the others, while a real fault
//! still ends the process at once, as the kernel delivers it regardless.

use std::io::Write as _;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use nix::libc::{
    SIGABRT, SIGALRM, SIGBUS, SIGCONT, SIGHUP, SIGINT, SIGIO, SIGPROF, SIGPWR, SIGQUIT, SIGSTKFLT,
    SIGSYS, SIGTERM, SIGTRAP, SIGTSTP, SIGUSR1, SIGUSR2, SIGVTALRM, SIGWINCH, SIGXCPU, SIGXFSZ,
};
use signal_hook::iterator::Signals;

/// Signals whose default action ends the process and that may have a
/// handler, besides the real-time ones; SIGXFSZ is not among them (see
/// [`keep_running_past_file_size_limit`]), nor SIGPIPE, which Rust ignores.
pub const TERMINATING: [i32; 16] = [
    SIGHUP, SIGINT, SIGQUIT, SIGTRAP, SIGABRT, SIGBUS, SIGUSR1, SIGUSR2, SIGALRM, SIGTERM,
    SIGSTKFLT, SIGXCPU, SIGVTALRM, SIGPROF, SIGIO, SIGPWR,
];

/// SIGSYS as well: its default dumps core.
const ALSO_TERMINATING: [i32; 1] = [SIGSYS];

/// The faults, blocked and waited for ([`install`]).
const FAULTS: [nix::sys::signal::Signal; 3] = [
    nix::sys::signal::Signal::SIGSEGV,
    nix::sys::signal::Signal::SIGILL,
    nix::sys::signal::Signal::SIGFPE,
];

/// The exit status after `signal` ended an assessment: 128 + its number,
/// as a shell reports a process the signal ended.
pub fn exit_status(signal: i32) -> i32 {
    128 + signal
}

/// Makes a write past the file size limit (`ulimit -f`) fail with "File
/// too large" instead of ending the process with SIGXFSZ, so the error is
/// reported and the temporary file removed like any other failed write.
/// Call once, at start.
pub fn keep_running_past_file_size_limit() {
    // A handler (which does nothing) rather than ignoring the signal: the
    // write fails just the same, and a program itlead runs gets the
    // default back.
    let _ = signal_hook::flag::register(SIGXFSZ, Arc::new(AtomicBool::new(false)));
}

/// The read end of a socket that gets a byte at each window resize
/// (SIGWINCH), watched for from the first call on; `None` when it cannot
/// be set up (the menu then lays out again at the next key).
pub fn resizes() -> Option<&'static UnixStream> {
    static RESIZES: OnceLock<Option<UnixStream>> = OnceLock::new();
    RESIZES
        .get_or_init(|| {
            let (read, write) = UnixStream::pair().ok()?;
            read.set_nonblocking(true).ok()?;
            write.set_nonblocking(true).ok()?;
            signal_hook::low_level::pipe::register(SIGWINCH, write).ok()?;
            Some(read)
        })
        .as_ref()
}

/// Reads away what [`resizes`] got; true when the window was resized.
pub fn take_resizes(mut stream: &UnixStream) -> bool {
    use std::io::Read as _;
    let mut any = false;
    let mut buffer = [0_u8; 64];
    while let Ok(count) = stream.read(&mut buffer) {
        if count == 0 {
            break;
        }
        any = true;
    }
    any
}

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
/// terminating signal restores them and exits with [`exit_status`]. On Ctrl-Z
/// (SIGTSTP) it gives the terminal back as it was before the first question,
/// cursor shown, and when the shell continues it (`fg`) it takes the
/// menu's settings up again, so the shell is usable meanwhile and the menu
/// works afterwards. `resume` continues the assessment, and the message
/// is wrapped to the width standard error's terminal has then
/// ([`crate::flow::messages::stopped_message`]).
/// Call once, before the first question.
pub fn install(saved: SavedCount, resume: String) -> std::io::Result<()> {
    let original = super::tty::settings();
    let realtime = nix::libc::SIGRTMIN()..=nix::libc::SIGRTMAX();
    let mut signals = Signals::new(
        TERMINATING
            .iter()
            .chain(&ALSO_TERMINATING)
            .copied()
            .chain(realtime)
            .chain([SIGTSTP, SIGCONT]),
    )?;
    let end = {
        let original = original.clone();
        move |signal: i32| -> ! {
            if let Some(original) = &original {
                super::tty::restore(original);
            }
            // The window may have been resized since the start.
            let width = super::width_now(std::io::stderr());
            let mut stderr = std::io::stderr().lock();
            let _ = write!(
                stderr,
                "{SHOW_CURSOR}\n{}\n",
                crate::flow::messages::stopped_message(saved.get(), &resume, width)
            );
            let _ = stderr.flush();
            // The only exit outside `main`: the main thread may be blocked
            // reading keys, and everything worth keeping is on disk.
            #[allow(clippy::exit)]
            std::process::exit(exit_status(signal))
        }
    };
    // The faults: blocked here, before the threads below start (they
    // inherit the mask), and waited for on a thread of their own.
    let mut faults = nix::sys::signal::SigSet::empty();
    for fault in FAULTS {
        faults.add(fault);
    }
    if faults.thread_block().is_ok() {
        let end = end.clone();
        std::thread::spawn(move || {
            if let Ok(signal) = faults.wait() {
                end(signal as i32);
            }
        });
    }
    std::thread::spawn(move || {
        for signal in signals.forever() {
            match signal {
                // Continuing after a stop is handled where the stop is.
                SIGCONT => {}
                SIGTSTP => {
                    STOPPING.store(true, Ordering::SeqCst);
                    let menu = super::tty::settings();
                    if let Some(original) = &original {
                        super::tty::restore(original);
                    }
                    let _ = write!(std::io::stderr(), "{SHOW_CURSOR}");
                    let _ = std::io::stderr().flush();
                    // Stops the whole process here; returns once continued.
                    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                    // The cursor stays visible: `--plain` never hides it,
                    // and a menu shows its marker either way.
                    if let Some(menu) = &menu {
                        super::tty::restore(menu);
                    }
                    STOPPING.store(false, Ordering::SeqCst);
                }
                signal => end(signal),
            }
        }
    });
    Ok(())
}
