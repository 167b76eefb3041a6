//! The one place that decides where rendered bytes go.
//!
//! Renderers return bytes; this module writes them to stdout or, with
//! `--output FILE`, to a file. Files are written atomically (a temporary
//! file in the same directory, then a rename) with owner-only permissions,
//! and an existing file is never replaced without `--force`. A closed pipe
//! on stdout is not an error: the reader has what it wanted.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::error::usage;

/// `--output` and `--force`.
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// Write to FILE instead of stdout (atomically; refuses to replace a file without --force).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

impl OutputArgs {
    /// Whether output goes to stdout.
    pub fn is_stdout(&self) -> bool {
        self.output.as_deref().is_none_or(|path| path == Path::new("-"))
    }
}

/// Writes `bytes` where `target` says.
pub fn emit(target: &OutputArgs, bytes: &[u8]) -> Result<()> {
    match &target.output {
        Some(path) if path != Path::new("-") => write_file(path, bytes, target.force),
        _ => write_stdout(bytes),
    }
}

/// Writes to stdout; a closed pipe ends the write quietly.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// Writes a line to stderr, ignoring a closed stderr.
pub fn warn(message: &str) {
    let _ = writeln!(io::stderr().lock(), "{message}");
}

/// Checks, before any work, that `target` can be written: a directory is
/// never a target, and an existing file only with `--force`.
pub fn check_target(target: &OutputArgs) -> Result<()> {
    match &target.output {
        Some(path) if path != Path::new("-") => check_path(path, target.force),
        _ => Ok(()),
    }
}

/// Whether `path` exists and is neither a regular file nor a directory: a
/// named pipe, `/dev/stdout`, `/dev/null`. Such a target is written to as it
/// is; replacing it with a regular file would break whoever reads it.
fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| !metadata.is_file() && !metadata.is_dir())
}

fn check_path(path: &Path, force: bool) -> Result<()> {
    if is_special(path) {
        return Ok(());
    }
    if path.is_dir() {
        return Err(usage(format!("{} is a directory, not a file", path.display())));
    }
    if !force && path.exists() {
        return Err(usage(format!(
            "{} already exists; pass --force to replace it",
            path.display()
        )));
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically; refuses to replace a file unless `force`.
pub fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    check_path(path, force)?;
    if is_special(path) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut file| file.write_all(bytes))
            .or_else(
                |error| if error.kind() == io::ErrorKind::BrokenPipe { Ok(()) } else { Err(error) },
            )
            .with_context(|| format!("cannot write {}", path.display()));
    }
    write_atomically(path, bytes)
}

/// Writes `bytes` to `path` through a temporary file and a rename, so that
/// `path` holds either its old content or the whole new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut temporary = tempfile::Builder::new()
        .prefix(".itlead-")
        .suffix(".tmp")
        .tempfile_in(&directory)
        .with_context(|| format!("cannot create a file in {}", directory.display()))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    temporary
        .persist(path)
        .map_err(|error| error.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_file(&path, b"one", false).unwrap();
        let error = write_file(&path, b"two", false).unwrap_err();
        assert!(error.to_string().contains("--force"), "{error}");
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_file(&path, b"two", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[test]
    fn special_files_are_written_in_place_without_force() {
        write_file(Path::new("/dev/null"), b"discarded", false).unwrap();
        assert!(Path::new("/dev/null").exists());
    }

    #[cfg(unix)]
    #[test]
    fn files_are_private_to_the_owner() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("result.json");
        write_atomically(&path, b"{}").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    #[test]
    fn leaves_no_temporary_files_behind() {
        let dir = tempfile::tempdir().unwrap();
        write_atomically(&dir.path().join("a"), b"x").unwrap();
        let names: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a")]);
    }
}
