//! Reading the files people hand to itlead, safely.
//!
//! A file is opened without blocking, so a named pipe with no writer
//! cannot hang itlead, and its type is checked before anything is read:
//! regular files and pipes (`<(…)`, `-` for stdin) are read, up to
//! [`MAX_INPUT_BYTES`]; devices, sockets and directories are refused. The
//! bytes must be UTF-8 (a byte-order mark is dropped). Problems with the
//! path are usage errors (exit 2); problems with the bytes are data errors
//! (exit 3) that name the line and column. How deep a file may nest is
//! checked where YAML is parsed ([`crate::content::from_yaml`]).

use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

use anyhow::{Context, Result};

use crate::content::diagnostic::Diagnostic;
use crate::content::locate::Position;
use crate::content::{DataError, strip_bom};
use crate::error::usage;

/// Largest input file accepted: far above any real content, answers or
/// result file, small enough that nothing hangs on a huge one.
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// A file's text and the name to use for it in messages.
#[derive(Debug, Clone)]
pub struct InputText {
    /// The path as the user wrote it, or `<stdin>`.
    pub name: String,
    /// The text, without a byte-order mark.
    pub text: String,
}

/// Reads `path` (`-` is stdin) as UTF-8 text within the size limit.
pub fn read_text(path: &Path) -> Result<InputText> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return decode("<stdin>", &bytes);
    }
    let name = path.display().to_string();
    let bytes = read_bytes(path, &name)?;
    decode_owned(name, bytes)
}

/// Reads a file's bytes within the size limit, refusing what is not a
/// regular file or a pipe. `name` names it in messages.
pub fn read_bytes(path: &Path, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_bytes_into(path, name, &mut bytes)?;
    Ok(bytes)
}

/// Reads many files one after another into one buffer, so that reading a
/// thousand results allocates it once; each [`Reader::text`] is checked as
/// [`read_text`] checks a file.
#[derive(Debug, Default)]
pub struct Reader {
    bytes: Vec<u8>,
}

impl Reader {
    /// The text of the file at `path`, named `name` in messages, valid
    /// until the next call.
    pub fn text(&mut self, path: &Path, name: &str) -> Result<&str> {
        self.bytes.clear();
        read_bytes_into(path, name, &mut self.bytes)?;
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => Ok(strip_bom(text)),
            Err(error) => Err(not_utf8(name, &self.bytes, &error)),
        }
    }
}

/// [`read_bytes`] into `bytes`, which is empty.
fn read_bytes_into(path: &Path, name: &str, bytes: &mut Vec<u8>) -> Result<()> {
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => usage(format!("{name}: no such file")),
            std::io::ErrorKind::IsADirectory => {
                usage(format!("{name}: is a directory, not a file"))
            }
            _ => anyhow::Error::from(error).context(format!("cannot read {name}")),
        })?;
    let metadata = file.metadata().with_context(|| format!("cannot read {name}"))?;
    let kind = metadata.file_type();
    if kind.is_dir() {
        return Err(usage(format!("{name}: is a directory, not a file")));
    }
    if !(kind.is_file() || kind.is_fifo()) {
        let what = if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else {
            "not a regular file"
        };
        return Err(usage(format!("{name}: is {what}, not a file itlead can read")));
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(too_large(name));
    }
    // Reads block from here on: a pipe with no writer ends at once, and a
    // pipe whose writer is still at work (`<(…)`) is waited for. A regular
    // file never blocks, so it is read as it was opened.
    if kind.is_fifo() {
        set_blocking(&file);
    }
    read_sized_into(file, name, metadata.len(), bytes)
}

/// Reads an open file to its end within the size limit.
pub fn read_limited(file: File, name: &str) -> Result<Vec<u8>> {
    let length = file.metadata().map_or(0, |metadata| metadata.len());
    read_sized(file, name, length)
}

/// Reads an open file of about `length` bytes to its end within the size
/// limit.
fn read_sized(file: File, name: &str, length: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_sized_into(file, name, length, &mut bytes)?;
    Ok(bytes)
}

/// [`read_sized`] into `bytes`, which is empty.
fn read_sized_into(file: File, name: &str, length: u64, bytes: &mut Vec<u8>) -> Result<()> {
    bytes.reserve(length.min(MAX_INPUT_BYTES) as usize + 1);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(bytes)
        .with_context(|| format!("cannot read {name}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(name));
    }
    Ok(())
}

fn set_blocking(file: &File) {
    if let Ok(flags) = rustix::fs::fcntl_getfl(file) {
        let _ = rustix::fs::fcntl_setfl(file, flags - rustix::fs::OFlags::NONBLOCK);
    }
}

fn too_large(name: &str) -> anyhow::Error {
    DataError::one(Diagnostic::whole_file(
        name,
        format!(
            "the file is larger than the limit of {} MiB; is it the right file?",
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
    ))
    .into()
}

/// [`decode`] for bytes that are no longer needed: the text keeps their
/// buffer instead of a copy.
pub fn decode_owned(name: String, bytes: Vec<u8>) -> Result<InputText> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(&name));
    }
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            Ok(InputText { name, text })
        }
        Err(error) => decode(&name, error.as_bytes()),
    }
}

/// Checks size and encoding of bytes already read.
pub fn decode(name: &str, bytes: &[u8]) -> Result<InputText> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(name));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(InputText { name: name.to_owned(), text: strip_bom(text).to_owned() }),
        Err(error) => Err(not_utf8(name, bytes, &error)),
    }
}

/// The error for `bytes` that are not UTF-8, at the line and column of the
/// first bad byte.
fn not_utf8(name: &str, bytes: &[u8], error: &std::str::Utf8Error) -> anyhow::Error {
    let valid = &bytes[..error.valid_up_to()];
    let valid_text = std::str::from_utf8(valid).unwrap_or_default();
    let line = valid_text.matches('\n').count() + 1;
    let column = valid_text.rsplit('\n').next().map_or(0, |last| last.chars().count()) + 1;
    let position = Some(Position { line, column });
    DataError::one(Diagnostic::at(
        name,
        valid_text,
        position,
        "the file is not valid UTF-8 text (is it a binary file?)",
    ))
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_located() {
        let error = decode("f", b"ok: 1\nbad: \xff\n").unwrap_err();
        assert!(error.to_string().starts_with("f:2:6: the file is not valid UTF-8"), "{error}");
    }

    #[test]
    fn bom_is_dropped() {
        assert_eq!(decode("f", "\u{feff}a: 1".as_bytes()).unwrap().text, "a: 1");
    }

    #[test]
    fn a_reader_reads_each_file_as_read_text_does() {
        let directory = tempfile::tempdir().unwrap();
        let long = directory.path().join("long");
        let short = directory.path().join("short");
        let bad = directory.path().join("bad");
        std::fs::write(&long, "\u{feff}a much longer first file\n").unwrap();
        std::fs::write(&short, "b: 2\n").unwrap();
        std::fs::write(&bad, b"ok: 1\nbad: \xff\n").unwrap();
        let mut reader = Reader::default();
        assert_eq!(reader.text(&long, "long").unwrap(), "a much longer first file\n");
        // Nothing of the longer file before it is left over.
        assert_eq!(reader.text(&short, "short").unwrap(), "b: 2\n");
        let error = reader.text(&bad, "bad").unwrap_err();
        assert!(error.to_string().starts_with("bad:2:6: the file is not valid UTF-8"), "{error}");
        let error = reader.text(Path::new("/dev/zero"), "zero").unwrap_err();
        assert!(error.to_string().contains("is a device"), "{error}");
    }

    #[test]
    fn devices_are_refused_without_reading() {
        let error = read_text(Path::new("/dev/zero")).unwrap_err();
        assert!(error.to_string().contains("is a device"), "{error}");
    }
}
