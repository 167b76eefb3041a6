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

/// A person's name as part of a file name: its words in lower case,
/// letters and digits only, joined by dashes, at most 40 characters;
/// `someone` when nothing is left.
pub fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let joined: String = words.join("-").chars().take(40).collect();
    let joined = joined.trim_end_matches('-').to_owned();
    if joined.is_empty() { String::from("someone") } else { joined }
}

fn env_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os(name).filter(|value| !value.is_empty()).map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn names_become_file_name_parts() {
        assert_eq!(slug("Ada Lovelace"), "ada-lovelace");
        assert_eq!(slug("  sam  LEE "), "sam-lee");
        assert_eq!(slug("José Núñez"), "josé-núñez");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("***"), "someone");
        assert_eq!(slug(&"a".repeat(100)).len(), 40);
    }
}
