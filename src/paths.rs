//! Where itlead keeps saved results and unfinished sessions.
//!
//! Results go to the data directory, the unfinished session to the state
//! directory, both following the XDG base-directory rules (through
//! `etcetera`). `ITLEAD_DATA_DIR` and `ITLEAD_STATE_DIR` override them, which
//! is also how the tests keep away from the real home directory. Nothing
//! here creates a directory: callers create one only when they write.

use std::path::PathBuf;

use anyhow::{Context, Result};
use etcetera::BaseStrategy;

/// The directory saved results live in.
pub fn data_dir() -> Result<PathBuf> {
    if let Some(dir) = env_dir("ITLEAD_DATA_DIR") {
        return Ok(dir);
    }
    let strategy = etcetera::choose_base_strategy().context("cannot find the home directory")?;
    Ok(strategy.data_dir().join("itlead"))
}

/// The directory the unfinished session lives in.
pub fn state_dir() -> Result<PathBuf> {
    if let Some(dir) = env_dir("ITLEAD_STATE_DIR") {
        return Ok(dir);
    }
    let strategy = etcetera::choose_base_strategy().context("cannot find the home directory")?;
    Ok(strategy.state_dir().unwrap_or_else(|| strategy.data_dir()).join("itlead"))
}

/// The results directory.
pub fn results_dir() -> Result<PathBuf> {
    Ok(data_dir()?.join("results"))
}

/// The file holding the unfinished session.
pub fn session_file() -> Result<PathBuf> {
    Ok(state_dir()?.join("session.json"))
}

fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|value| !value.is_empty()).map(PathBuf::from)
}
