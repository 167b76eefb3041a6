//! The one place that decides where rendered bytes go, and how files are
//! written so that nothing is lost or replaced by accident.
//!
//! - stdout: a closed pipe is not an error (the reader has what it wanted).
//! - `--output FILE`: written through a temporary file in the same
//!   directory, then linked into place without replacing anything; an
//!   existing file is replaced only with `--force`, keeping its mode. A
//!   new file gets the mode the umask gives (it is a document the user asked
//!   for). A target that is not a regular file (a device, a pipe,
//!   `/dev/stdout`) is written in place, never renamed over.
//! - Private files (results, sessions): mode 0600 in directories created
//!   0700; after the rename the directory is synced, so the file survives a
//!   crash.

use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;

use crate::error::usage;

/// `--output` and `--force`.
#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// Write to FILE instead of stdout; the format follows its extension when --format is not given.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

impl OutputArgs {
    /// Whether output goes to stdout.
    pub fn is_stdout(&self) -> bool {
        self.file().is_none()
    }

    /// The file, unless output goes to stdout (`-` means stdout).
    pub fn file(&self) -> Option<&Path> {
        self.output.as_deref().filter(|path| *path != Path::new("-"))
    }
}

/// Writes `bytes` where `target` says.
pub fn emit(target: &OutputArgs, bytes: &[u8]) -> Result<()> {
    match target.file() {
        Some(path) => write_document(path, bytes, target.force),
        None => write_stdout(bytes),
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

/// Writes to stdout what `write` writes, through a buffer, as it is made;
/// a closed pipe ends the write quietly, and any other failure to write is
/// reported as such, whatever `write` made of it.
pub fn write_stdout_with(write: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<()> {
    /// Stdout, keeping the first error a write met (other than an interruption).
    struct Stdout<W> {
        inner: W,
        failed: Option<io::Error>,
    }
    impl<W: Write> Write for Stdout<W> {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.inner.write(bytes).inspect_err(|error| self.keep(error))
        }
        fn flush(&mut self) -> io::Result<()> {
            self.inner.flush().inspect_err(|error| self.keep(error))
        }
    }
    impl<W> Stdout<W> {
        /// An interrupted write is retried by `write_all`, so it is no failure.
        fn keep(&mut self, error: &io::Error) {
            if self.failed.is_none() && error.kind() != io::ErrorKind::Interrupted {
                self.failed = Some(io::Error::new(error.kind(), error.to_string()));
            }
        }
    }
    let mut stdout =
        Stdout { inner: io::BufWriter::with_capacity(1 << 16, io::stdout().lock()), failed: None };
    let written = write(&mut stdout).and_then(|()| Ok(stdout.flush()?));
    match stdout.failed {
        Some(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Some(error) => Err(error).context("cannot write to standard output"),
        None => written,
    }
}

/// Writes a message to stderr, its text made safe for a terminal; a closed
/// stderr is ignored.
pub fn warn(message: &str) {
    let safe = crate::content::text::visible(message, true);
    let _ = writeln!(io::stderr().lock(), "{safe}");
}

/// What a target path is.
enum Target {
    /// Nothing there yet.
    New,
    /// A regular file (not a symlink).
    File(fs::Permissions),
    /// Something to write in place: a device, a pipe, a terminal, a symlink
    /// to one, or one of this process's own streams (`/dev/stdout`).
    InPlace,
    /// A symlink to a regular file elsewhere: written in place with --force.
    Link,
}

fn target(path: &Path) -> Result<Target> {
    let own = match fs::symlink_metadata(path) {
        Ok(metadata) => metadata,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Target::New),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot look at {}", path.display()));
        }
    };
    if own.is_dir() {
        return Err(usage(format!("{} is a directory, not a file", path.display())));
    }
    if own.is_file() {
        return Ok(Target::File(own.permissions()));
    }
    if !own.file_type().is_symlink() {
        return Ok(Target::InPlace);
    }
    let followed = fs::metadata(path).ok();
    if followed.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(usage(format!("{} is a directory, not a file", path.display())));
    }
    match followed {
        Some(metadata) if metadata.is_file() && !is_own_stream(path) => Ok(Target::Link),
        Some(_) => Ok(Target::InPlace),
        // A dangling link: writing through it would create a file elsewhere.
        None => Err(usage(format!("{} is a link to nothing", path.display()))),
    }
}

/// Whether `path` names one of this process's own streams (`/dev/stdout`,
/// `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`): a link that leads to a
/// regular file only because the shell redirected the stream there, to be
/// written in place. Any other link to a regular file (one planted under
/// `/dev/shm`, say) is a link, replaced only with `--force`.
fn is_own_stream(path: &Path) -> bool {
    path == Path::new("/dev/stdout")
        || path == Path::new("/dev/stderr")
        || ["/dev/fd", "/proc/self/fd", "/proc/thread-self/fd"].iter().any(|directory| {
            path.parent() == Some(Path::new(directory))
                && path.file_name().is_some_and(|name| {
                    name.to_str().is_some_and(|name| name.bytes().all(|byte| byte.is_ascii_digit()))
                })
        })
}

/// The directory a file at `path` lives in.
fn parent(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Checks, before any work, that `target` can be written: its directory
/// exists and takes new files, it is not a directory, and an existing file
/// is replaced only with `--force`.
pub fn check_target(target: &OutputArgs) -> Result<()> {
    let Some(path) = target.file() else { return Ok(()) };
    match self::target(path)? {
        Target::File(_) | Target::Link if !target.force => Err(exists(path)),
        Target::InPlace | Target::Link => Ok(()),
        Target::New | Target::File(_) => {
            let directory = parent(path);
            if !directory.is_dir() {
                return Err(usage(format!(
                    "cannot write {}: the directory {} does not exist",
                    path.display(),
                    directory.display()
                )));
            }
            tempfile::Builder::new()
                .prefix(".itlead-")
                .suffix(".tmp")
                .tempfile_in(&directory)
                .map(drop)
                .map_err(|error| usage(format!("cannot write {}: {error}", path.display())))
        }
    }
}

fn exists(path: &Path) -> anyhow::Error {
    usage(format!("{} already exists; pass --force to replace it", path.display()))
}

/// Writes a document the user asked for to `path`: never replacing a file
/// without `force`, with the umask's mode for a new file and the old mode
/// for a replaced one.
pub fn write_document(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    match target(path)? {
        Target::InPlace => write_in_place(path, bytes, Replace::No),
        Target::Link if force => write_in_place(path, bytes, Replace::Yes),
        Target::File(_) | Target::Link if !force => Err(exists(path)),
        Target::File(permissions) => {
            remove_stale_temporaries(&parent(path));
            persist_replacing(temporary(path, Some(permissions), bytes)?, path)
        }
        Target::New | Target::Link => {
            remove_stale_temporaries(&parent(path));
            let temporary = temporary(path, None, bytes)?;
            persist_new(temporary, path)?;
            sync_directory(path);
            Ok(())
        }
    }
}

/// Whether writing in place replaces what the file held.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Replace {
    /// A linked regular file, replaced with `--force`.
    Yes,
    /// A stream (`/dev/stdout`, a pipe, a device): appended to, so that what
    /// the shell wrote before (`>>`, a group's earlier output) stays.
    No,
}

fn write_in_place(path: &Path, bytes: &[u8], replace: Replace) -> Result<()> {
    use std::os::unix::fs::OpenOptionsExt;
    let mut options = OpenOptions::new();
    match replace {
        Replace::Yes => options.write(true).truncate(true),
        // Without blocking: a named pipe nobody reads fails at once
        // instead of waiting forever.
        Replace::No => {
            options.append(true).custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        }
    };
    let file = options.open(path).map_err(|error| {
        if error.raw_os_error() == Some(rustix::io::Errno::NXIO.raw_os_error()) {
            usage(format!("cannot write {}: nothing is reading from it", path.display()))
        } else {
            anyhow::Error::from(error).context(format!("cannot write {}", path.display()))
        }
    })?;
    if replace == Replace::No {
        // Opened: from here on, wait for a slow reader as usual.
        if let Ok(flags) = rustix::fs::fcntl_getfl(&file) {
            let _ = rustix::fs::fcntl_setfl(&file, flags - rustix::fs::OFlags::NONBLOCK);
        }
    }
    let mut file = file;
    file.write_all(bytes)
        .and_then(|()| file.flush())
        .or_else(
            |error| if error.kind() == io::ErrorKind::BrokenPipe { Ok(()) } else { Err(error) },
        )
        .with_context(|| format!("cannot write {}", path.display()))
}

/// A temporary file beside `path` holding `bytes`, synced. `mode` is the
/// permissions to give it; `None` is the umask's default for a new file.
fn temporary(
    path: &Path,
    mode: Option<fs::Permissions>,
    bytes: &[u8],
) -> Result<tempfile::NamedTempFile> {
    let directory = parent(path);
    let permissions = mode.unwrap_or_else(|| fs::Permissions::from_mode(0o666));
    let mut temporary = tempfile::Builder::new()
        .prefix(".itlead-")
        .suffix(".tmp")
        .permissions(permissions.clone())
        .tempfile_in(&directory)
        .with_context(|| format!("cannot create a file in {}", directory.display()))?;
    temporary
        .write_all(bytes)
        .and_then(|()| temporary.as_file().sync_all())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(temporary)
}

/// Renames `temporary` over `path`, and syncs the directory.
fn persist_replacing(temporary: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    temporary
        .persist(path)
        .map_err(|error| error.error)
        .with_context(|| format!("cannot write {}", path.display()))?;
    sync_directory(path);
    Ok(())
}

/// Links `temporary` into place at `path`, failing if anything is there.
fn persist_new(temporary: tempfile::NamedTempFile, path: &Path) -> Result<()> {
    match temporary.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => Err(exists(path)),
        Err(error) => Err(error.error).with_context(|| format!("cannot write {}", path.display())),
    }
}

/// Syncs the directory holding `path`, so a rename in it survives a crash.
fn sync_directory(path: &Path) {
    if let Ok(directory) = fs::File::open(parent(path)) {
        let _ = directory.sync_all();
    }
}

/// Creates `directory` and its missing parents with mode 0700, and
/// refuses it when it is not the user's alone
/// ([`check_private_directory`]).
pub fn private_directory(directory: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(directory)
        .with_context(|| format!("cannot create {}", directory.display()))?;
    check_private_directory(directory)
}

/// Refuses a directory that someone else could plant a file or a link in:
/// it must belong to the user running itlead and not be writable by its
/// group or by others, and when its path is a link, the link must be the
/// user's or root's. A directory that does not exist yet passes: itlead
/// creates it, 0700.
pub fn check_private_directory(directory: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let user = rustix::process::geteuid().as_raw();
    let shown = directory.display();
    let link = match fs::symlink_metadata(directory) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error).with_context(|| format!("cannot look at {shown}")),
        Ok(metadata) => metadata,
    };
    let advice = "itlead keeps results and sessions only in a directory that is yours alone; \
                  set ITLEAD_DATA_DIR or ITLEAD_STATE_DIR to one, or fix this one";
    if link.file_type().is_symlink() && link.uid() != user && link.uid() != 0 {
        anyhow::bail!(
            "{shown} is a link that belongs to another user (uid {}); {advice}",
            link.uid()
        );
    }
    let metadata = fs::metadata(directory).with_context(|| format!("cannot look at {shown}"))?;
    if !metadata.is_dir() {
        anyhow::bail!("{shown} is not a directory; {advice}");
    }
    if metadata.uid() != user {
        anyhow::bail!(
            "{shown} belongs to another user (uid {}), who could plant links in it; {advice}",
            metadata.uid()
        );
    }
    let mode = metadata.mode() & 0o7777;
    if mode & 0o022 != 0 {
        anyhow::bail!(
            "{shown} is writable by {} (mode {mode:04o}), who could plant links in it; {advice} \
             (`chmod go-w {}`)",
            if mode & 0o002 != 0 { "others" } else { "its group" },
            crate::shell::quote(&directory.to_string_lossy())
        );
    }
    Ok(())
}

/// Writes a private file (0600) at `path` atomically, replacing what is
/// there: the previous content or the whole new one, never a part.
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<()> {
    private_directory(&parent(path))?;
    persist_replacing(temporary(path, Some(fs::Permissions::from_mode(0o600)), bytes)?, path)
}

/// Writes a private file (0600) under `directory` named `stem.json`, or
/// `stem-2.json`, `stem-3.json` … when taken: never replacing a file, even
/// when several itlead processes save at once. Returns the path.
pub fn write_private_new(directory: &Path, stem: &str, bytes: &[u8]) -> Result<PathBuf> {
    private_directory(directory)?;
    let probe = directory.join(format!("{stem}.json"));
    let mut temporary = temporary(&probe, Some(fs::Permissions::from_mode(0o600)), bytes)?;
    for counter in 1..10_000 {
        let name =
            if counter == 1 { format!("{stem}.json") } else { format!("{stem}-{counter}.json") };
        let path = directory.join(name);
        match temporary.persist_noclobber(&path) {
            Ok(_) => {
                sync_directory(&path);
                return Ok(path);
            }
            Err(error) if error.error.kind() == io::ErrorKind::AlreadyExists => {
                temporary = error.file;
            }
            Err(error) => {
                return Err(error.error)
                    .with_context(|| format!("cannot write {}", path.display()));
            }
        }
    }
    anyhow::bail!("cannot find a free name for {stem}.json in {}", directory.display())
}

/// Removes temporary files a crashed itlead left in `directory`: hidden
/// `.itlead-*.tmp` files older than a minute (a running itlead keeps its
/// own for milliseconds).
pub fn remove_stale_temporaries(directory: &Path) {
    let Ok(entries) = fs::read_dir(directory) else { return };
    let minute_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(".itlead-") && name.ends_with(".tmp")) {
            continue;
        }
        let old = entry
            .metadata()
            .and_then(|metadata| metadata.modified())
            .is_ok_and(|modified| modified < minute_ago);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_without_force_and_keeps_the_mode() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        write_document(&path, b"one", false).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        let error = write_document(&path, b"two", false).unwrap_err();
        assert!(error.to_string().contains("--force"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"one");
        write_document(&path, b"two", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    }

    #[test]
    fn special_files_are_written_in_place_without_force() {
        use std::os::unix::fs::FileTypeExt;
        write_document(Path::new("/dev/null"), b"discarded", false).unwrap();
        assert!(fs::metadata("/dev/null").unwrap().file_type().is_char_device());
    }

    #[test]
    fn private_files_are_private_and_new_names_never_replace() {
        let dir = tempfile::tempdir().unwrap();
        let results = dir.path().join("a/b");
        let first = write_private_new(&results, "stem", b"1").unwrap();
        let second = write_private_new(&results, "stem", b"2").unwrap();
        assert_eq!(first.file_name().unwrap(), "stem.json");
        assert_eq!(second.file_name().unwrap(), "stem-2.json");
        assert_eq!(fs::read(&first).unwrap(), b"1");
        assert_eq!(fs::metadata(&first).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(fs::metadata(&results).unwrap().permissions().mode() & 0o777, 0o700);
        let names: Vec<_> =
            fs::read_dir(&results).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names.len(), 2, "no temporary files left: {names:?}");
    }
}
