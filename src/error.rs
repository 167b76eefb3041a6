//! The errors a caller branches on, and the exit code each one means.
//!
//! Everything else travels as an [`anyhow::Error`] with context and exits 1.
//!
//! | code | meaning |
//! | --- | --- |
//! | 0 | success |
//! | 1 | a failure, with a message: a result or file not written, an unsafe data or state directory |
//! | 2 | usage: bad flags, an unknown contrast, a missing file, interactive mode without a terminal |
//! | 3 | bad data: a content, answers or result file that does not parse or validate |
//! | 130 | interrupted; answers so far are saved |

use std::fmt;

pub use crate::content::DataError;

/// Success.
pub const EXIT_OK: u8 = 0;
/// A failure outside the input: something could not be written or saved.
pub const EXIT_FAILURE: u8 = 1;
/// Bad usage.
pub const EXIT_USAGE: u8 = 2;
/// Bad data.
pub const EXIT_DATA: u8 = 3;
/// Interrupted by the user or a signal.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Every exit code and what it means, for `--help` and the man page.
pub const EXIT_CODES: [(u8, &str); 5] = [
    (EXIT_OK, "success"),
    (
        EXIT_FAILURE,
        "a failure, with a message: a result or file not written, an unsafe data or state directory",
    ),
    (
        EXIT_USAGE,
        "usage: bad flags, an unknown contrast, a missing file, interactive mode without a terminal",
    ),
    (EXIT_DATA, "bad data: a content, answers or result file that does not parse or validate"),
    (
        EXIT_INTERRUPTED,
        "interrupted; answers so far are saved (resume with `itlead assess --resume`)",
    ),
];

/// The exit status of an assessment a signal ended, and what it means
/// (`crate::terminal::signals::exit_status`).
pub const SIGNAL_EXIT: (&str, &str) =
    ("128+N", "ended by signal N during an assessment (143: SIGTERM); answers so far are saved");

/// The exit-code table as `--help` shows it.
pub fn exit_codes_help() -> String {
    let mut help = String::from("Exit codes:");
    for (code, meaning) in EXIT_CODES {
        help.push_str(&format!("\n  {code:<4} {meaning}"));
    }
    help.push_str(&format!("\n  {} {}", SIGNAL_EXIT.0, SIGNAL_EXIT.1));
    help
}

/// The command was used wrongly; the message says how to use it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// The user stopped an assessment; the message says what was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interrupted(pub String);

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Interrupted {}

/// Shorthand for a usage error.
pub fn usage(message: impl Into<String>) -> anyhow::Error {
    UsageError(message.into()).into()
}

/// The exit code for `error`, found anywhere in its chain.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    for cause in error.chain() {
        if cause.is::<UsageError>() {
            return EXIT_USAGE;
        }
        if cause.is::<DataError>() {
            return EXIT_DATA;
        }
        if cause.is::<Interrupted>() {
            return EXIT_INTERRUPTED;
        }
    }
    EXIT_FAILURE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::diagnostic::Diagnostic;

    #[test]
    fn maps_typed_errors_through_context() {
        let data = anyhow::Error::from(DataError::one(Diagnostic::whole_file("f", "bad")));
        assert_eq!(exit_code(&data.context("while loading")), EXIT_DATA);
        assert_eq!(exit_code(&usage("nope")), EXIT_USAGE);
        assert_eq!(exit_code(&Interrupted("stop".into()).into()), EXIT_INTERRUPTED);
        assert_eq!(exit_code(&anyhow::anyhow!("disk")), EXIT_FAILURE);
    }
}
