//! Saved results for the commands that read them: one read from its file
//! ([`load`]), all of them numbered as `itlead history` lists them
//! ([`entries`]), and the file a RESULT argument names ([`locate`]; `latest`
//! from the file names alone).

use std::path::{Path, PathBuf};

use anyhow::Result;

use crate::analysis::history::{self, Entries};
use crate::context::Context;
use crate::edges::input::Reader;
use crate::edges::output::warn;
use crate::edges::store::result_files;
use crate::error::usage;
use crate::result::ResultDocument;

/// Reads and parses one result file.
pub fn load(path: &Path) -> Result<ResultDocument> {
    let input = crate::edges::input::read_text(path)?;
    Ok(ResultDocument::parse(&input.name, &input.text)?)
}

/// [`load`] for one of many files, read into `reader`'s buffer.
pub fn load_with(reader: &mut Reader, path: &Path) -> Result<ResultDocument> {
    let name = path.display().to_string();
    let text = reader.text(path, &name)?;
    Ok(ResultDocument::parse(&name, text)?)
}

/// The first line of an error with its causes, for a one-line warning.
pub fn one_line(error: &anyhow::Error) -> String {
    let text = format!("{error:#}");
    text.lines().next().unwrap_or_default().to_owned()
}

/// The saved results, numbered oldest first; unreadable files are skipped
/// with a warning. The first half of the files and the rest are read and
/// parsed on two threads (rayon's), each result kept only as its entry;
/// the warnings come in the order of the files.
pub fn entries(context: &Context) -> Result<(Entries, PathBuf)> {
    let directory = context.results_dir()?;
    let mut files = result_files(&directory)?;
    // Each half by value, so that a file's path is gone once it is read.
    let tail = files.split_off(files.len().div_ceil(2));
    // Every path starts with the directory: kept once.
    let shared = directory.display().to_string();
    let read = |paths: Vec<PathBuf>| {
        let mut entries = Entries::in_directory(&shared);
        let mut warnings = Vec::new();
        let mut reader = Reader::default();
        for path in paths {
            match load_with(&mut reader, &path) {
                Ok(result) => entries.push(history::entry(&path, &result)),
                Err(error) => warnings.push(format!("warning: {}; skipped", one_line(&error))),
            }
        }
        (entries, warnings)
    };
    let ((mut entries, warnings), (later, later_warnings)) =
        rayon::join(|| read(files), || read(tail));
    for warning in warnings.iter().chain(&later_warnings) {
        warn(warning);
    }
    entries.append(later);
    entries.sort();
    Ok((entries, directory))
}

/// The file a RESULT argument names: a file that exists, else a handle
/// from `itlead history` (`latest`, a number, a file name).
pub fn locate(context: &Context, argument: &Path) -> Result<PathBuf> {
    if argument.exists() || argument.components().count() > 1 {
        return Ok(argument.to_path_buf());
    }
    let handle = argument.to_string_lossy();
    if handle == "latest"
        && let Some(path) = latest(context)?
    {
        return Ok(path);
    }
    let (entries, directory) = entries(context)?;
    match entries.find(&handle) {
        Some(entry) => Ok(PathBuf::from(&entry.file)),
        None if entries.is_empty() => Err(usage(format!(
            "{handle}: no such file, and no results are saved in {} yet; \
             `itlead assess` saves one when it finishes",
            directory.display()
        ))),
        None => Err(usage(format!(
            "{handle}: no such file or saved result; `itlead history` lists {} \
             (use a number from it, or `latest`)",
            match entries.len() {
                1 => String::from("the one saved result"),
                count => format!("the {count} saved results"),
            }
        ))),
    }
}

/// The newest saved result, found from the file names: itlead names each
/// result by the time it was made (`STAMP.json`, `STAMP-2.json` for a
/// second one in the same second), so files are read from the newest name
/// back until one is a usable result; unusable ones are skipped with a
/// warning, as `history` skips them. `None` when no file is usable.
fn latest(context: &Context) -> Result<Option<PathBuf>> {
    let directory = context.results_dir()?;
    let mut files = result_files(&directory)?;
    files.sort_by_cached_key(|path| {
        let name = path.file_name().map(|name| name.to_string_lossy().into_owned());
        let name = name.unwrap_or_default();
        let (stamp, order) = history::same_second_order(&name);
        (stamp.to_owned(), order, name)
    });
    for path in files.into_iter().rev() {
        match load(&path) {
            Ok(_) => return Ok(Some(path)),
            Err(error) => warn(&format!("warning: {}; skipped", one_line(&error))),
        }
    }
    Ok(None)
}
