//! The only module that touches the terminal device itself: its termios
//! settings (raw mode for a menu, the settings to restore after a signal),
//! flushing what was typed ahead, and waiting for a key with `poll`. The
//! key loop ([`super::menu`]), the prompters ([`super::prompters`]) and the
//! signal handler ([`super::signals`]) go through it.

use std::io;
use std::time::Duration;

/// Discards input typed ahead on standard input when it is a terminal: a
/// pasted paragraph must not answer the questions still to come.
pub fn discard_typed_ahead() {
    let stdin = io::stdin();
    if rustix::termios::isatty(&stdin) {
        let _ = rustix::termios::tcflush(&stdin, rustix::termios::QueueSelector::IFlush);
    }
}

/// What a wait ended with.
pub enum Ready {
    Nothing,
    Input,
    Resized,
}

/// Waits up to `limit` for input on standard input or a byte on `resizes`.
pub fn wait_for_input(
    limit: Duration,
    resizes: Option<&std::os::unix::net::UnixStream>,
) -> io::Result<Ready> {
    use rustix::event::{PollFd, PollFlags};
    let stdin = io::stdin();
    let mut fds = vec![PollFd::new(&stdin, PollFlags::IN)];
    if let Some(resizes) = resizes {
        fds.push(PollFd::new(resizes, PollFlags::IN));
    }
    let timeout = rustix::event::Timespec { tv_sec: 0, tv_nsec: i64::from(limit.subsec_nanos()) };
    match rustix::event::poll(&mut fds, Some(&timeout)) {
        Ok(0) | Err(rustix::io::Errno::INTR) => Ok(Ready::Nothing),
        Ok(_) if fds.get(1).is_some_and(|fd| !fd.revents().is_empty()) => Ok(Ready::Resized),
        Ok(_) => Ok(Ready::Input),
        Err(error) => Err(error.into()),
    }
}

/// The terminal in raw mode for as long as a menu is open, and as it was
/// afterwards (also on an error). Keys are read one by one without echo;
/// a stop and continue keeps these settings, whoever is reading.
pub struct Raw {
    original: Option<rustix::termios::Termios>,
}

impl Raw {
    pub fn enter() -> Self {
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

/// Whether more input is already waiting on standard input.
pub fn input_waiting() -> bool {
    matches!(wait_for_input(Duration::ZERO, None), Ok(Ready::Input))
}

/// The terminal's settings now, if standard input is a terminal.
pub fn settings() -> Option<rustix::termios::Termios> {
    rustix::termios::tcgetattr(io::stdin()).ok()
}

/// Puts the terminal's settings back to `settings`.
pub fn restore(settings: &rustix::termios::Termios) {
    let _ =
        rustix::termios::tcsetattr(io::stdin(), rustix::termios::OptionalActions::Now, settings);
}
