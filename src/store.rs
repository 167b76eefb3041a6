//! What itlead keeps on disk: the unfinished session, the lock that keeps
//! two interactive runs apart, and saved results.
//!
//! The session is written atomically after every answer (temporary file,
//! then rename), so a signal or a full disk leaves either the previous
//! state or the new one. A session file that does not parse is set aside
//! under a new name and reported, never silently deleted. Results are saved
//! under names that are never reused, so concurrent runs never replace one
//! another's.

use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::flow::session::{SESSION_SCHEMA, Session};
use crate::output::{
    private_directory, remove_stale_temporaries, write_private, write_private_new,
};
use crate::result::ResultDocument;

/// Just the `schema` of a session file, read before the rest.
#[derive(serde::Deserialize)]
struct SchemaOnly {
    schema: Option<String>,
}

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

impl SessionStore {
    /// A store at `path`.
    pub fn new(path: PathBuf) -> Self {
        Self { path }
    }

    /// Loads the unfinished session, setting a damaged file aside.
    pub fn load(&self) -> Result<Found> {
        if let Some(directory) = self.path.parent() {
            remove_stale_temporaries(directory);
        }
        let name = self.path.display().to_string();
        let bytes = match fs::symlink_metadata(&self.path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Found::Nothing);
            }
            Err(error) => return Err(error).with_context(|| format!("cannot read {name}")),
            Ok(metadata) if !metadata.is_file() => {
                return self.set_aside("it is not a regular file");
            }
            Ok(_) => crate::input::read_bytes(&self.path, &name),
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(error) => return self.set_aside(&format!("{error:#}")),
        };
        match serde_json::from_slice::<SchemaOnly>(&bytes).map(|only| only.schema) {
            Ok(Some(schema)) if schema == SESSION_SCHEMA => {}
            Ok(Some(schema)) if schema.starts_with("itlead.session/") => {
                return self.set_aside(&format!("it was made by another itlead (`{schema}`)"));
            }
            Ok(_) => return self.set_aside("it is not an itlead session"),
            Err(error) => return self.set_aside(&error.to_string()),
        }
        match serde_json::from_slice::<Session>(&bytes) {
            Ok(session) => Ok(Found::Session(Box::new(session))),
            Err(error) => self.set_aside(&error.to_string()),
        }
    }

    fn set_aside(&self, reason: &str) -> Result<Found> {
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |duration| duration.as_secs());
        let directory = self.path.parent().unwrap_or(Path::new("."));
        // Never replace a file set aside earlier: a hard link claims a free
        // name atomically, then the original goes.
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
            let aside = directory.join(name);
            match fs::hard_link(&self.path, &aside) {
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {}
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
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                Err(error).with_context(|| format!("cannot remove {}", self.path.display()))
            }
            _ => Ok(()),
        }
    }

    /// Takes the lock that keeps a second interactive run from using the
    /// same session. The kernel releases it when the process ends, however
    /// it ends. `Ok(None)` when another run holds it.
    pub fn lock(&self) -> Result<Option<SessionLock>> {
        let directory = self.path.parent().unwrap_or(Path::new("."));
        private_directory(directory)?;
        // One lock per session file: session.json has session.lock.
        let path = self.path.with_extension("lock");
        let mut file = fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open {}", path.display()))?;
        match rustix::fs::flock(&file, rustix::fs::FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => {
                let _ = file.set_len(0);
                let _ = writeln!(file, "{}", std::process::id());
                Ok(Some(SessionLock { _file: file }))
            }
            Err(rustix::io::Errno::WOULDBLOCK) => Ok(None),
            Err(error) => Err(std::io::Error::from(error))
                .with_context(|| format!("cannot lock {}", path.display())),
        }
    }
}

/// Held while an interactive run uses the session.
#[derive(Debug)]
pub struct SessionLock {
    _file: File,
}

/// Saves `result` under `directory` with a name from its time stamp that
/// no other result has; returns the path.
pub fn save_result(directory: &Path, result: &ResultDocument) -> Result<PathBuf> {
    remove_stale_temporaries(directory);
    let stem = result.created.replace(':', "-");
    let mut bytes = serde_json::to_vec_pretty(result).context("cannot write the result")?;
    bytes.push(b'\n');
    write_private_new(directory, &stem, &bytes)
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
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| is_result_file(path))
        .collect();
    files.sort();
    Ok(files)
}

/// JSON or YAML, not hidden, a regular file.
pub fn is_result_file(path: &Path) -> bool {
    let hidden = path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'));
    let extension =
        path.extension().map(|extension| extension.to_string_lossy().to_ascii_lowercase());
    !hidden && matches!(extension.as_deref(), Some("json" | "yaml" | "yml")) && path.is_file()
}

/// The result files named by `paths`: files as given, directories read
/// recursively for result files, in order and each file once. Returns the
/// files and a warning for each path named twice; a directory without any
/// result file is a usage error (most likely the wrong directory).
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<String>)> {
    let mut files = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut warnings = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, 0)?;
            if found.is_empty() {
                return Err(crate::error::usage(format!(
                    "{}: no result files (.json, .yaml) in this directory or below it",
                    path.display()
                )));
            }
            found.sort();
            for file in found {
                let key = fs::canonicalize(&file).unwrap_or_else(|_| file.clone());
                if seen.insert(key) {
                    files.push(file);
                } else {
                    warnings.push(format!(
                        "{} is the same file as one already read (a link, or a directory named \
                         twice); it counts once",
                        file.display()
                    ));
                }
            }
        } else {
            let key = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
            if seen.insert(key) {
                files.push(path.clone());
            } else {
                warnings
                    .push(format!("{} is named more than once; it counts once", path.display()));
            }
        }
    }
    Ok((files, warnings))
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
        } else if is_result_file(&path) {
            found.push(path);
        }
    }
    Ok(())
}
