//! `itlead team`, `compare` and `history`: looking across saved results.
//!
//! This module is the IO shell: it reads files, prints warnings and hands
//! bytes to [`crate::output`]. The work is in pure functions:
//! [`aggregate`] folds results into a team view, [`compare`] computes the
//! movement between two results, [`history`] summarises saved results, and
//! [`render`] turns the documents into every report format.
//!
//! `team` streams: each file is parsed, folded into per-axis accumulators
//! and dropped, on two worker threads that each take one half of the file
//! list, so memory stays flat however large the cohort.

pub mod aggregate;
pub mod compare;
pub mod format;
pub mod history;
pub mod render;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use aggregate::{TEAM_SCHEMA, Team, TeamBuilder, TeamDocument, summarize};
pub use compare::{COMPARE_SCHEMA, CompareDocument};
pub use history::HistoryEntry;

use crate::cli::{CompareArgs, HistoryArgs, ListFormat, TeamArgs};
use crate::content::diagnostic::Diagnostic;
use crate::error::DataError;
use crate::input::read_text;
use crate::output::{emit, warn, write_stdout};
use crate::paths;
use crate::render::report::Layout;
use crate::result::ResultDocument;

/// Threads that read team files.
const WORKERS: usize = 2;

/// Reads and parses one result file.
pub fn load(path: &Path) -> Result<ResultDocument> {
    let input = read_text(path)?;
    Ok(ResultDocument::parse(&input.name, &input.text)?)
}

/// The first line of an error with its causes, for a one-line warning.
fn one_line(error: &anyhow::Error) -> String {
    let text = format!("{error:#}");
    text.lines().next().unwrap_or_default().to_owned()
}

/// `itlead compare OLD NEW`.
pub fn compare_command(args: &CompareArgs, layout: Layout) -> Result<()> {
    let old_name = args.old.display().to_string();
    let new_name = args.new.display().to_string();
    let old = load(&args.old)?;
    let new = load(&args.new)?;
    let document = compare::compare(&old_name, &old, &new_name, &new)
        .map_err(|error| DataError::one(Diagnostic::whole_file(&new_name, error.0)))?;
    emit(&args.output, &render::compare(&document, args.format, layout)?)
}

/// `itlead history`.
pub fn history_command(args: &HistoryArgs, layout: Layout) -> Result<()> {
    let directory = paths::results_dir()?;
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&directory) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| is_result_file(path))
            .collect(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(error) => {
            return Err(
                anyhow::Error::from(error).context(format!("cannot read {}", directory.display()))
            );
        }
    };
    files.sort();
    let mut entries = Vec::new();
    for path in &files {
        match load(path) {
            Ok(result) => entries.push(history::entry(path, &result)),
            Err(error) => warn(&format!("warning: {}; skipped", one_line(&error))),
        }
    }
    history::sort(&mut entries);
    let bytes = match args.format {
        ListFormat::Json => {
            let mut bytes =
                serde_json::to_vec_pretty(&entries).context("cannot serialise to JSON")?;
            bytes.push(b'\n');
            bytes
        }
        ListFormat::Text if entries.is_empty() => {
            history::empty_text(&directory, layout).into_bytes()
        }
        ListFormat::Text => history::text(&entries, &directory, layout).into_bytes(),
    };
    write_stdout(&bytes)
}

/// A file in the results directory that may hold a result: JSON or YAML,
/// not hidden (which also leaves out half-written temporary files).
fn is_result_file(path: &Path) -> bool {
    let hidden = path.file_name().is_some_and(|name| name.to_string_lossy().starts_with('.'));
    let extension =
        path.extension().map(|extension| extension.to_string_lossy().to_ascii_lowercase());
    !hidden && matches!(extension.as_deref(), Some("json" | "yaml" | "yml")) && path.is_file()
}

/// `itlead team FILE...`.
pub fn team_command(args: &TeamArgs, layout: Layout) -> Result<()> {
    let files = &args.files;
    let given = files.len();
    let (builder, failures) = read_team(files, args.names);
    let team = builder.finish(given, failures.len(), |member| stem(&files[member]));
    let mut warnings = failures;
    if let Some(team) = &team {
        warnings.extend(team.set_aside.iter().map(|entry| {
            (entry.member, format!("{}: {}", files[entry.member].display(), entry.reason))
        }));
    }
    warnings.sort_by_key(|(member, _)| *member);
    for (_, message) in &warnings {
        warn(&format!("warning: {message}; skipped"));
    }
    let Some(team) = team else {
        let (file, what) = match files.as_slice() {
            [only] => (only.display().to_string(), String::from("it is not")),
            _ => (String::from("itlead team"), format!("none of the {given} files is")),
        };
        return Err(DataError::one(Diagnostic::whole_file(
            &file,
            format!("{what} a usable itlead result, so there is no team to show"),
        ))
        .into());
    };
    let skipped = team.document.files.skipped;
    if skipped > 0 {
        warn(&format!("warning: {skipped} of {given} files skipped"));
    }
    emit(&args.output, &render::team(&team.document, args.format, layout)?)
}

/// The name `--names` shows for a file: its stem.
fn stem(path: &Path) -> String {
    path.file_stem()
        .map_or_else(|| path.display().to_string(), |stem| stem.to_string_lossy().into_owned())
}

/// Reads `files` on [`WORKERS`] threads, each folding one consecutive part
/// of the list, and merges the parts in order. Returns the builder and,
/// by file index, why each unusable file was unusable.
fn read_team(files: &[PathBuf], names: bool) -> (TeamBuilder, Vec<(usize, String)>) {
    let chunk = files.len().div_ceil(WORKERS).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .enumerate()
            .map(|(part, paths)| scope.spawn(move || fold(paths, part * chunk, names)))
            .collect();
        let mut builder = TeamBuilder::new(names);
        let mut failures = Vec::new();
        for worker in workers {
            let (part, part_failures) = match worker.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            builder.merge(part);
            failures.extend(part_failures);
        }
        (builder, failures)
    })
}

/// Folds `paths` (whose first file has index `first`) into a builder; each
/// parsed document is dropped as soon as it is added.
fn fold(paths: &[PathBuf], first: usize, names: bool) -> (TeamBuilder, Vec<(usize, String)>) {
    let mut builder = TeamBuilder::new(names);
    let mut failures = Vec::new();
    for (offset, path) in paths.iter().enumerate() {
        match load(path) {
            Ok(result) => builder.add(first + offset, &result),
            Err(error) => failures.push((first + offset, one_line(&error))),
        }
    }
    (builder, failures)
}
