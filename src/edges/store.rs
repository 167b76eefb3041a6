//! What itlead keeps on disk: the unfinished session, the lock that keeps
//! two interactive runs apart, and saved results.
//!
//! The session is written atomically after every answer (temporary file,
//! then rename), so a signal or a full disk leaves either the previous
//! state or the new one. A session file that does not parse or validate is
//! set aside under a new name and reported, never silently deleted or used.
//! Results are saved under names that are never reused, so concurrent runs
//! never replace one another's.
//!
//! Nothing here follows a link at a file's name: the session and the lock
//! are opened with `O_NOFOLLOW`, new files are created exclusively and
//! linked or renamed into place (which replaces a link, never what it
//! points to), and the lock is never truncated or written to. The
//! directories must be the user's alone
//! ([`crate::edges::output::check_private_directory`]).

use std::fs::{self, File};
use std::io::ErrorKind;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::content::DataError;
use crate::edges::output::{
    check_private_directory, private_directory, remove_stale_temporaries, write_private,
    write_private_new,
};
use crate::flow::session::Session;
use crate::result::ResultDocument;

/// Where the unfinished session is stored.
#[derive(Debug, Clone)]
pub struct SessionStore {
    path: PathBuf,
}

/// What was found at start.
#[derive(Debug)]
pub enum Found {
    /// No unfinished session.
    Nothing,
    /// An unfinished session.
    Session(Box<Session>),
    /// A damaged file, moved to the given path, and why it was unusable.
    SetAside(PathBuf, String),
}

/// Opens `path` for reading without following a link at its name and
/// without blocking on a pipe. `Ok(None)` when nothing is there.
fn open_own(path: &Path, write: bool) -> std::io::Result<Option<File>> {
    let flags = rustix::fs::OFlags::NOFOLLOW | rustix::fs::OFlags::NONBLOCK;
    let mut options = fs::OpenOptions::new();
    options.read(true).custom_flags(flags.bits() as i32);
    if write {
        options.write(true).create(true).mode(0o600);
    }
    match options.open(path) {
        Ok(file) => Ok(Some(file)),
        Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// Whether `error` is the refusal to open a link with `O_NOFOLLOW`.
fn is_link_refused(error: &std::io::Error) -> bool {
    error.raw_os_error() == Some(rustix::io::Errno::LOOP.raw_os_error())
}

impl SessionStore {
    /// A store at `path`.
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    fn directory(&self) -> &Path {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    }

    /// Loads the unfinished session, setting aside a file that is not a
    /// regular file, not UTF-8, or that `parse` refuses (it gets the name
    /// and the text).
    pub fn load(
        &self,
        parse: impl FnOnce(&str, &str) -> Result<Session, DataError>,
    ) -> Result<Found> {
        check_private_directory(self.directory())?;
        remove_stale_temporaries(self.directory());
        let name = self.path.display().to_string();
        let file = match open_own(&self.path, false) {
            Ok(None) => return Ok(Found::Nothing),
            Ok(Some(file)) => file,
            Err(error) if is_link_refused(&error) => {
                return self
                    .set_aside("it is a link, and itlead follows no links to its own files");
            }
            Err(error) => return Err(error).with_context(|| format!("cannot read {name}")),
        };
        let regular = file.metadata().is_ok_and(|metadata| metadata.is_file());
        if !regular {
            return self.set_aside("it is not a regular file");
        }
        let text = match crate::edges::input::read_limited(file, &name)
            .and_then(|bytes| crate::edges::input::decode(&name, &bytes))
        {
            Ok(input) => input.text,
            Err(error) => return self.set_aside(&format!("{error:#}")),
        };
        match parse(&name, &text) {
            Ok(session) => Ok(Found::Session(Box::new(session))),
            Err(error) => self.set_aside(&error.to_string()),
        }
    }

    fn set_aside(&self, reason: &str) -> Result<Found> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |duration| duration.as_secs());
        // Never replace a file set aside earlier: a hard link (of the file,
        // or of a link itself: link(2) follows none) claims a free name
        // atomically, then the original goes.
        for counter in 1..1000 {
            let stem = self.path.file_stem().map_or_else(
                || String::from("session"),
                |stem| stem.to_string_lossy().into_owned(),
            );
            let name = if counter == 1 {
                format!("{stem}.damaged-{stamp}.json")
            } else {
                format!("{stem}.damaged-{stamp}-{counter}.json")
            };
            let aside = self.directory().join(name);
            match fs::hard_link(&self.path, &aside) {
                Err(error) if error.kind() == ErrorKind::AlreadyExists => {}
                Err(error) => {
                    return Err(error).with_context(|| {
                        format!("cannot move the damaged session {} aside", self.path.display())
                    });
                }
                Ok(()) => {
                    fs::remove_file(&self.path).with_context(|| {
                        format!("cannot move the damaged session {} aside", self.path.display())
                    })?;
                    return Ok(Found::SetAside(aside, reason.to_owned()));
                }
            }
        }
        anyhow::bail!("cannot find a free name to set {} aside", self.path.display())
    }

    /// Saves `session` atomically (mode 0600, directory 0700).
    pub fn save(&self, session: &Session) -> Result<()> {
        let bytes = serde_json::to_vec_pretty(session).context("cannot write the session")?;
        write_private(&self.path, &bytes)
    }

    /// Removes the session file, if any.
    pub fn clear(&self) -> Result<()> {
        match fs::remove_file(&self.path) {
            Err(error) if error.kind() != ErrorKind::NotFound => {
                Err(error).with_context(|| format!("cannot remove {}", self.path.display()))
            }
            _ => Ok(()),
        }
    }

    /// Takes the lock that keeps a second interactive run from using the
    /// same session. The kernel releases it when the process ends, however
    /// it ends. `Ok(None)` when another run holds it.
    ///
    /// The lock file is opened without following a link, created 0600
    /// (and made 0600 if an older itlead left it otherwise), and never
    /// truncated or written: it only carries the `flock`. Anything but a
    /// regular file of the user's with one name is refused.
    pub fn lock(&self) -> Result<Option<SessionLock>> {
        private_directory(self.directory())?;
        // One lock per session file: session.json has session.lock.
        let path = self.path.with_extension("lock");
        let shown = path.display();
        let file = match open_own(&path, true) {
            Ok(Some(file)) => file,
            Ok(None) => anyhow::bail!("cannot create {shown}"),
            Err(error) if is_link_refused(&error) => anyhow::bail!(
                "{shown} is a link; itlead follows no links to its own files, so that nobody \
                 can make it write where they choose. Remove the link and run itlead again"
            ),
            Err(error) => return Err(error).with_context(|| format!("cannot open {shown}")),
        };
        let metadata = file.metadata().with_context(|| format!("cannot open {shown}"))?;
        let user = rustix::process::geteuid().as_raw();
        if !metadata.is_file() || metadata.uid() != user || metadata.nlink() != 1 {
            anyhow::bail!(
                "{shown} is not a lock file of yours (a regular file with one name); remove it \
                 and run itlead again"
            );
        }
        if metadata.mode() & 0o777 != 0o600 {
            file.set_permissions(fs::Permissions::from_mode(0o600))
                .with_context(|| format!("cannot make {shown} private"))?;
        }
        match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => Ok(Some(SessionLock { _file: file })),
            Err(rustix::io::Errno::WOULDBLOCK) => Ok(None),
            Err(error) => {
                Err(std::io::Error::from(error)).with_context(|| format!("cannot lock {shown}"))
            }
        }
    }
}

/// Held while an interactive run uses the session.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
}

/// Saves `result` under `directory` (the results directory) with a name
/// from its time stamp that no other result has; returns the path. The
/// directory and the data directory holding it must be the user's alone.
pub fn save_result(directory: &Path, result: &ResultDocument) -> Result<PathBuf> {
    let data = directory.parent().filter(|parent| !parent.as_os_str().is_empty());
    // Before anything is created in it, and after (it may be new).
    data.map(check_private_directory).transpose()?;
    private_directory(directory)?;
    data.map(check_private_directory).transpose()?;
    remove_stale_temporaries(directory);
    let stem = result.created.replace(':', "-");
    let mut bytes = serde_json::to_vec_pretty(result).context("cannot write the result")?;
    bytes.push(b'\n');
    write_private_new(directory, &stem, &bytes)
}

/// The result in `directory` saved at or after `since` (RFC 3339) that
/// `same` recognises, if any: how a run finds the result an earlier run of
/// the same session saved before it was killed. Results are named by the
/// time they were made, so only names from `since` on are read, each
/// without following a link.
pub fn find_result(
    directory: &Path,
    since: &str,
    same: impl Fn(&ResultDocument) -> bool,
) -> Option<PathBuf> {
    let since = since.replace(':', "-");
    let mut names: Vec<String> = fs::read_dir(directory)
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| {
            let json = Path::new(name).extension().is_some_and(|extension| extension == "json");
            json && !name.starts_with('.') && *name >= since
        })
        .collect();
    names.sort();
    names.into_iter().map(|name| directory.join(name)).find(|path| {
        let Ok(Some(file)) = open_own(path, false) else { return false };
        if !file.metadata().is_ok_and(|metadata| metadata.is_file()) {
            return false;
        }
        let shown = path.display().to_string();
        crate::edges::input::read_limited(file, &shown)
            .and_then(|bytes| crate::edges::input::decode(&shown, &bytes))
            .ok()
            .and_then(|input| ResultDocument::parse(&shown, &input.text).ok())
            .is_some_and(|result| same(&result))
    })
}

/// The files in `directory` that may hold results: JSON or YAML, not
/// hidden (which also leaves out half-written temporary files).
pub fn result_files(directory: &Path) -> Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(directory) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read {}", directory.display()));
        }
    };
    // A saved result is a regular file itlead wrote: a link planted in the
    // directory is not followed (`file_type` does not follow links).
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .map(|entry| entry.path())
        .filter(|path| is_result_file(path))
        .collect();
    files.sort();
    Ok(files)
}

/// JSON or YAML, not hidden, a regular file.
pub fn is_result_file(path: &Path) -> bool {
    has_result_name(path) && path.is_file()
}

/// JSON or YAML by its name, and not hidden.
fn has_result_name(path: &Path) -> bool {
    let hidden = path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'));
    let extension =
        path.extension().map(|extension| extension.to_string_lossy().to_ascii_lowercase());
    !hidden && matches!(extension.as_deref(), Some("json" | "yaml" | "yml"))
}

/// The result files named by `paths`: files as given, directories read
/// recursively for result files, in order and each file once. Returns the
/// files and a warning for each path named twice; a directory without any
/// result file is a usage error (most likely the wrong directory).
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let mut files = Vec::new();
    let mut seen = Named::default();
    let mut warnings = Vec::new();
    // One look at each path, on every core: a cohort named file by file
    // (`xargs itlead team`) is as many system calls as files.
    let looks = look_at(paths);
    for (path, look) in paths.iter().zip(looks) {
        if look.as_ref().is_some_and(fs::Metadata::is_dir) {
            let mut found = Vec::new();
            walk(path, &mut found, 0)?;
            if found.is_empty() {
                return Err(crate::error::usage(format!(
                    "{}: no result files (.json, .yaml) in this directory or below it",
                    path.display()
                )));
            }
            found.sort();
            let looks = look_at(&found);
            for (file, look) in found.into_iter().zip(looks) {
                if seen.first_time(&file, look.as_ref()) {
                    files.push(file);
                } else {
                    warnings.push(format!(
                        "{} is the same file as one already read (a link, or a directory named \
                         twice); it counts once",
                        file.display()
                    ));
                }
            }
        } else if seen.first_time(path, look.as_ref()) {
            files.push(path.clone());
        } else {
            warnings.push(format!("{} is named more than once; it counts once", path.display()));
        }
    }
    Ok((files, warnings))
}

/// What each of `paths` names (following links), when it names anything.
fn look_at(paths: &[PathBuf]) -> Vec<Option<fs::Metadata>> {
    use rayon::prelude::*;
    paths.par_iter().map(|path| fs::metadata(path).ok()).collect()
}

/// A path named, and what it resolves to once that is known.
type Resolved = (PathBuf, Option<PathBuf>);

/// The paths named so far, to tell when one names a file already named:
/// two paths are one file when they resolve to the same path
/// (`canonicalize`). Resolving costs a system call per directory on the
/// way, so a path is resolved only when its file's device and inode are
/// those of a file named before.
#[derive(Default)]
struct Named {
    /// Paths by device and inode, each with its resolved form once known.
    files: std::collections::HashMap<(u64, u64), Vec<Resolved>>,
    /// Paths that name nothing that exists, as resolved as they can be.
    others: std::collections::HashSet<PathBuf>,
}

impl Named {
    /// Whether `path`, which `look` describes (`None`: it names
    /// nothing), names a file not named before; remembers it.
    fn first_time(&mut self, path: &Path, look: Option<&fs::Metadata>) -> bool {
        let resolved = |path: &Path| fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let Some(metadata) = look else {
            return self.others.insert(resolved(path));
        };
        let same = self.files.entry((metadata.dev(), metadata.ino())).or_default();
        if same.is_empty() {
            same.push((path.to_path_buf(), None));
            return true;
        }
        let key = resolved(path);
        for (earlier, known) in same.iter_mut() {
            if *known.get_or_insert_with(|| resolved(earlier)) == key {
                return false;
            }
        }
        same.push((path.to_path_buf(), Some(key)));
        true
    }
}

/// Deepest directory nesting `expand` follows.
const MAX_DEPTH: usize = 32;

fn walk(directory: &Path, found: &mut Vec<PathBuf>, depth: usize) -> Result<()> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let entries =
        fs::read_dir(directory).with_context(|| format!("cannot read {}", directory.display()))?;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            walk(&path, found, depth + 1)?;
        } else if has_result_name(&path)
            && (kind.is_file() || (kind.is_symlink() && path.is_file()))
        {
            // A regular file as the directory lists it, with no further
            // look; a link only when it leads to one.
            found.push(path);
        }
    }
    Ok(())
}
