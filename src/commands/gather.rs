//! Reading many result files, for `team`, `stats` and `feedback`: on two
//! threads, each parsed result folded into a builder and dropped at once,
//! so memory stays flat however many files there are.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::saved::{load, one_line};
use crate::result::ResultDocument;

/// Threads that read files.
const WORKERS: usize = 2;

/// Why a file was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeftOut {
    /// It could not be read as a result.
    Unusable(String),
    /// It holds the same result as a file read earlier.
    Duplicate,
    /// It was answered about someone else.
    Observer,
    /// The command refused it, for this reason.
    Refused(String),
}

/// What one result is, so that copies of a file count once.
pub fn signature(result: &ResultDocument) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(result.created.as_bytes());
    hash.update(result.content.hash.as_bytes());
    hash.update(serde_json::to_vec(&result.name).unwrap_or_default());
    hash.update(serde_json::to_vec(&result.about).unwrap_or_default());
    hash.update(serde_json::to_vec(&result.answers).unwrap_or_default());
    hash.finalize().into()
}

/// Reads `files`, folding each result `keep` accepts into a builder made
/// by `new` with `add` (given the file's index), and merges the workers'
/// builders in file order with `merge`. Observer results are left out
/// unless `observers`. Returns the builder and, by file index, what was
/// left out.
pub fn gather<B: Send>(
    files: &[PathBuf],
    observers: bool,
    new: impl Fn() -> B + Sync,
    keep: impl Fn(&ResultDocument) -> Result<(), String> + Sync,
    add: impl Fn(&mut B, usize, &ResultDocument) + Sync,
    merge: impl Fn(&mut B, B),
) -> (B, Vec<(usize, LeftOut)>) {
    let seen: Mutex<HashSet<[u8; 32]>> = Mutex::new(HashSet::new());
    let chunk = files.len().div_ceil(WORKERS).max(1);
    let fold = |paths: &[PathBuf], first: usize| {
        let mut builder = new();
        let mut left_out = Vec::new();
        for (offset, path) in paths.iter().enumerate() {
            let index = first + offset;
            let result = match load(path) {
                Ok(result) => result,
                Err(error) => {
                    left_out.push((index, LeftOut::Unusable(one_line(&error))));
                    continue;
                }
            };
            if result.is_observer() && !observers {
                left_out.push((index, LeftOut::Observer));
                continue;
            }
            if let Err(reason) = keep(&result) {
                left_out.push((index, LeftOut::Refused(reason)));
                continue;
            }
            let fresh = seen.lock().map_or(true, |mut seen| seen.insert(signature(&result)));
            if !fresh {
                left_out.push((index, LeftOut::Duplicate));
                continue;
            }
            add(&mut builder, index, &result);
        }
        (builder, left_out)
    };
    std::thread::scope(|scope| {
        let workers: Vec<_> = files
            .chunks(chunk)
            .enumerate()
            .map(|(part, paths)| {
                let fold = &fold;
                scope.spawn(move || fold(paths, part * chunk))
            })
            .collect();
        let mut merged: Option<B> = None;
        let mut left_out = Vec::new();
        for worker in workers {
            let (part, part_left_out) = match worker.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            };
            match &mut merged {
                None => merged = Some(part),
                Some(builder) => merge(builder, part),
            }
            left_out.extend(part_left_out);
        }
        left_out.sort_by_key(|(index, _)| *index);
        (merged.unwrap_or_else(&new), left_out)
    })
}

/// Warnings for what was left out: one per unusable, duplicate or refused
/// file, one in all for observer results.
pub fn warnings(files: &[PathBuf], left_out: &[(usize, LeftOut)]) -> Vec<String> {
    let mut messages = Vec::new();
    let mut observers = 0;
    for (index, reason) in left_out {
        let file = files[*index].display();
        match reason {
            LeftOut::Unusable(why) => messages.push(format!("{why}; skipped")),
            LeftOut::Duplicate => {
                messages
                    .push(format!("{file} holds the same result as another file; it counts once"));
            }
            LeftOut::Refused(why) => messages.push(format!("{file}: {why}; skipped")),
            LeftOut::Observer => observers += 1,
        }
    }
    if observers > 0 {
        messages.push(format!(
            "{} answered about someone else left out (--include-observers counts {})",
            if observers == 1 { String::from("1 result") } else { format!("{observers} results") },
            if observers == 1 { "it" } else { "them" }
        ));
    }
    messages
}
