//! Reading many result files, for `team` and `stats`: read and parsed in
//! parallel (rayon, a thread per core), a batch at a time, and folded into
//! builders in file order, so that what counts (the first of two copies,
//! the order of warnings) never depends on which thread was faster, and
//! memory stays flat however many files there are: each parsed result is
//! folded and dropped with its batch.

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::history::{load, one_line};
use crate::result::ResultDocument;

/// Files read and parsed together before they are folded in: enough to
/// keep every core busy, few enough that memory stays small.
const BATCH: usize = 256;

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
    /// Feeds serialised bytes straight into the hash.
    struct Feed<'a>(&'a mut Sha256);
    impl std::io::Write for Feed<'_> {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.update(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut hash = Sha256::new();
    hash.update(result.created.as_bytes());
    hash.update(result.content.hash.as_bytes());
    // The same bytes as serialising each to a buffer first.
    let _ = serde_json::to_writer(Feed(&mut hash), &result.name);
    let _ = serde_json::to_writer(Feed(&mut hash), &result.about);
    let _ = serde_json::to_writer(Feed(&mut hash), &result.answers);
    hash.finalize().into()
}

/// One file, read: a result to fold in, with its signature, or why not.
enum Read {
    Kept(Box<ResultDocument>, [u8; 32]),
    Left(LeftOut),
}

/// Reads `files`, folding each result `keep` accepts into a builder made
/// by `new` with `add` (given the file's index). Observer results are left
/// out unless `observers`; of two files with the same result the first in
/// `files` counts. Files are read and parsed in parallel and folded in
/// their order: the first half into one builder and the rest into
/// another, merged with `merge` (the order sums have always been made in,
/// so figures do not move by a rounding). Returns the builder and, by file
/// index, what was left out.
pub fn gather<B: Send>(
    files: &[PathBuf],
    observers: bool,
    new: impl Fn() -> B + Sync,
    keep: impl Fn(&ResultDocument) -> Result<(), String> + Sync,
    add: impl Fn(&mut B, usize, &ResultDocument) + Sync,
    merge: impl Fn(&mut B, B),
) -> (B, Vec<(usize, LeftOut)>) {
    let read = |path: &PathBuf| -> Read {
        let result = match load(path) {
            Ok(result) => result,
            Err(error) => return Read::Left(LeftOut::Unusable(one_line(&error))),
        };
        if result.is_observer() && !observers {
            return Read::Left(LeftOut::Observer);
        }
        if let Err(reason) = keep(&result) {
            return Read::Left(LeftOut::Refused(reason));
        }
        let signature = signature(&result);
        Read::Kept(Box::new(result), signature)
    };
    let parse = |start: usize| -> Vec<Read> {
        let end = (start + BATCH).min(files.len());
        files[start..end].par_iter().map(read).collect()
    };
    let half = files.len().div_ceil(2);
    let (mut first, mut second) = (new(), new());
    let mut seen: HashSet<[u8; 32]> = HashSet::new();
    let mut left_out = Vec::new();
    let mut fold = |start: usize, batch: Vec<Read>| {
        for (offset, read) in batch.into_iter().enumerate() {
            let index = start + offset;
            match read {
                Read::Left(reason) => left_out.push((index, reason)),
                Read::Kept(_, signature) if !seen.insert(signature) => {
                    left_out.push((index, LeftOut::Duplicate));
                }
                Read::Kept(result, _) => {
                    let builder = if index < half { &mut first } else { &mut second };
                    add(builder, index, &result);
                }
            }
        }
    };
    // Batch k is folded while batch k + 1 is read; a thread that is done
    // with its part helps with the other.
    let mut start = 0;
    let mut pending = (!files.is_empty()).then(|| parse(0));
    while let Some(batch) = pending.take() {
        let next = start + BATCH;
        let ((), following) =
            rayon::join(|| fold(start, batch), || (next < files.len()).then(|| parse(next)));
        pending = following;
        start = next;
    }
    if files.len() > half {
        merge(&mut first, second);
    }
    (first, left_out)
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
