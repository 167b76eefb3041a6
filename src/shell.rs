//! Commands as the user can type them: words quoted for a POSIX shell, and
//! the words that run this very itlead.
//!
//! Messages that tell the user what to run next (`itlead assess --resume
//! --about 'Sam Lee' …`) are meant to be pasted. A name in them is quoted
//! with single quotes, inside which a POSIX shell (sh, bash, zsh) expands
//! nothing: `$VAR`, `$(…)`, backquotes, `!`, globs and braces stay text.
//! Quoting is written out here rather than taken from a crate because the
//! crates at hand leave `!`, `{…}` or a leading `=` bare, and each of those
//! means something to an interactive shell.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// `word` as one shell word: as it is when it holds only characters no
/// shell treats specially, else in single quotes (a `'` inside written as
/// `'\''`).
pub fn quote(word: &str) -> Cow<'_, str> {
    let plain = |character: char| {
        character.is_ascii_alphanumeric()
            || matches!(character, '_' | '-' | '.' | '/' | ',' | ':' | '@' | '+')
    };
    if !word.is_empty() && word.chars().all(plain) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(format!("'{}'", word.replace('\'', "'\\''")))
}

/// `words` quoted and joined by spaces.
pub fn join<S: AsRef<str>>(words: &[S]) -> String {
    words.iter().map(|word| quote(word.as_ref()).into_owned()).collect::<Vec<_>>().join(" ")
}

/// How the user runs this itlead ([`program`]), worked out the first time
/// it is asked for: finding it looks at every directory on `PATH`, which a
/// run that names no command in its messages never needs.
#[derive(Debug, Clone, Default)]
pub struct Program(OnceLock<String>);

impl Program {
    /// The shell words, found at the first call.
    pub fn words(&self) -> &str {
        self.0.get_or_init(program)
    }
}

impl PartialEq for Program {
    /// The same words (found, if not yet known).
    fn eq(&self, other: &Self) -> bool {
        self.words() == other.words()
    }
}

impl Eq for Program {}

impl From<&str> for Program {
    /// Words already known (tests, and callers that know better).
    fn from(words: &str) -> Self {
        Self(OnceLock::from(words.to_owned()))
    }
}

/// How the user runs this itlead, as shell words ready to print in front
/// of a subcommand: `itlead` when that name on `PATH` is this very binary;
/// under `cargo run` in its own source tree, `cargo run --` (with
/// `--release` or `--profile NAME` as the binary's directory says); else
/// the binary's path, relative to the working directory when it is below
/// it.
pub fn program() -> String {
    let Ok(exe) = std::env::current_exe() else { return String::from("itlead") };
    let path = std::env::var_os("PATH").unwrap_or_default();
    if let Ok(this) = std::fs::metadata(&exe)
        && std::env::split_paths(&path).any(|directory| same_file(&directory.join("itlead"), &this))
    {
        return String::from("itlead");
    }
    let cwd = std::env::current_dir().ok();
    if let Some(cargo) = cargo_run(&exe, cwd.as_deref()) {
        return cargo;
    }
    let shown = match cwd.as_deref().and_then(|cwd| exe.strip_prefix(cwd).ok()) {
        Some(relative) if relative.components().count() == 1 => PathBuf::from(".").join(relative),
        Some(relative) => relative.to_path_buf(),
        None => exe.clone(),
    };
    quote(&shown.to_string_lossy()).into_owned()
}

/// `cargo run …--` when `exe` is this package's build under
/// `target/PROFILE/` of the source tree `cargo run` named, and the user
/// stands in that tree.
fn cargo_run(exe: &Path, cwd: Option<&Path>) -> Option<String> {
    if std::env::var_os("CARGO").is_none()
        || std::env::var_os("CARGO_PKG_NAME").is_none_or(|name| name != "itlead")
    {
        return None;
    }
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| manifest.join("target"), PathBuf::from);
    let profile = exe.parent()?;
    if profile.parent()? != target || !cwd.is_some_and(|cwd| cwd.starts_with(&manifest)) {
        return None;
    }
    Some(match profile.file_name()?.to_str()? {
        "debug" => String::from("cargo run --"),
        "release" => String::from("cargo run --release --"),
        other => format!("cargo run --profile {} --", quote(other)),
    })
}

/// Whether `path` is the file `this` describes.
fn same_file(path: &Path, this: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).is_ok_and(|found| {
        found.is_file() && found.dev() == this.dev() && found.ino() == this.ino()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_words_stay_and_the_rest_is_single_quoted() {
        assert_eq!(quote("peer"), "peer");
        assert_eq!(quote("target/debug/itlead"), "target/debug/itlead");
        assert_eq!(quote("Sam Lee"), "'Sam Lee'");
        assert_eq!(quote("Bob $(id>/tmp/x)"), "'Bob $(id>/tmp/x)'");
        assert_eq!(quote("$HOME"), "'$HOME'");
        assert_eq!(quote("O'Brien"), "'O'\\''Brien'");
        assert_eq!(quote("Hi!"), "'Hi!'");
        assert_eq!(quote("{a,b}"), "'{a,b}'");
        assert_eq!(quote("=x"), "'=x'");
        assert_eq!(quote("~"), "'~'");
        assert_eq!(quote(""), "''");
        assert_eq!(quote("José"), "'José'");
        assert_eq!(join(&["a b", "c"]), "'a b' c");
    }
}
