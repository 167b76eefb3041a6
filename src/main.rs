//! The `itlead` binary: parse the command line, run, turn the outcome into
//! an exit code. Everything else lives in the library.

use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(itlead::main_with_args(std::env::args_os()))
}
