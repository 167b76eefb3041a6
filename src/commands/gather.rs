//! Reading many result files, for `team` and `stats`: on two threads
//! (rayon's), each parsed result folded into a builder and dropped at once,
//! so memory stays flat however many files there are. What counts (the
//! first of two copies, the order of warnings) never depends on which
//! thread was faster.

use std::collections::HashSet;
use std::path::PathBuf;

use sha2::{Digest, Sha256};

use super::saved::{load_with, one_line};
use crate::answer::Answer;
use crate::edges::input::Reader;
use crate::result::ResultDocument;

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

/// What one result is, so that copies of a file count once: a digest of
/// when it was made, its questionnaire, who answered about whom, and every
/// answer. Each text goes in with its length in front, so that no two
/// different results feed the same bytes.
pub fn signature(result: &ResultDocument) -> [u8; 32] {
    fn text(hash: &mut Sha256, text: &str) {
        hash.update((text.len() as u64).to_le_bytes());
        hash.update(text.as_bytes());
    }
    /// A tag byte, then the text when there is one.
    fn maybe(hash: &mut Sha256, value: Option<&str>) {
        match value {
            None => hash.update([0]),
            Some(value) => {
                hash.update([1]);
                text(hash, value);
            }
        }
    }
    let mut hash = Sha256::new();
    text(&mut hash, &result.created);
    text(&mut hash, &result.content.hash);
    maybe(&mut hash, result.name.as_deref());
    maybe(&mut hash, result.about.as_ref().map(|about| about.name.as_str()));
    maybe(&mut hash, result.about.as_ref().map(|about| about.relation.id()));
    hash.update((result.answers.len() as u64).to_le_bytes());
    for (id, answer) in &result.answers {
        text(&mut hash, id);
        match answer {
            Answer::Skipped => hash.update([0]),
            Answer::Chosen { most, least } => {
                hash.update([1]);
                text(&mut hash, most);
                maybe(&mut hash, least.as_deref());
            }
        }
    }
    hash.finalize().into()
}

/// Reads `files`, folding each result `keep` accepts into a builder made
/// by `new` with `add` (given the file's index). Observer results are left
/// out unless `observers`; of two files with the same result the first in
/// `files` counts. The first half of the files and the rest are read,
/// parsed and folded on two threads (each result is dropped by the thread
/// that made it), and the second builder is merged into the first with
/// `merge`, the order sums have always been made in. Returns the builder
/// and, by file index, what was left out.
pub fn gather<B: Send>(
    files: &[PathBuf],
    observers: bool,
    new: impl Fn() -> B + Sync,
    keep: impl Fn(&ResultDocument) -> Result<(), String> + Sync,
    add: impl Fn(&mut B, usize, &ResultDocument) + Sync,
    merge: impl Fn(&mut B, B),
) -> (B, Vec<(usize, LeftOut)>) {
    // `earlier`: the signatures of every file before this part, when
    // known; a result among them is a copy.
    let fold = |first: usize, paths: &[PathBuf], earlier: Option<&HashSet<[u8; 32]>>| {
        let mut builder = new();
        let mut left_out = Vec::new();
        let mut seen = HashSet::new();
        let mut reader = Reader::default();
        for (offset, path) in paths.iter().enumerate() {
            let index = first + offset;
            let result = match load_with(&mut reader, path) {
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
            let signature = signature(&result);
            if earlier.is_some_and(|earlier| earlier.contains(&signature))
                || !seen.insert(signature)
            {
                left_out.push((index, LeftOut::Duplicate));
                continue;
            }
            add(&mut builder, index, &result);
        }
        (builder, left_out, seen)
    };
    let half = files.len().div_ceil(2);
    let (head, tail) = files.split_at(half);
    let ((mut builder, mut left_out, seen), (mut later, mut later_left_out, later_seen)) =
        rayon::join(|| fold(0, head, None), || fold(half, tail, None));
    if !seen.is_disjoint(&later_seen) {
        // A result in both halves: the copy in the second half was counted
        // before the first half was known. Rare; the second half is read
        // again knowing it.
        (later, later_left_out, _) = fold(half, tail, Some(&seen));
    }
    if !tail.is_empty() {
        merge(&mut builder, later);
    }
    left_out.append(&mut later_left_out);
    (builder, left_out)
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
