//! Reading many result files, for `team` and `stats`: in consecutive
//! parts on a thread each, each parsed result folded into a builder and
//! dropped at once, so memory stays flat however many files there are.
//! What counts (the first of two copies, the order of warnings, the order
//! of sums) never depends on which thread was faster.

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

/// How many parts the files are read in: up to four, so that a thread
/// waiting for the disk leaves its core to another on two cores, and one
/// for a handful of files. It depends on the number of files alone, so
/// sums are made in the same order on every machine.
fn parts(files: usize) -> usize {
    (files / FILES_PER_PART).clamp(1, MOST_PARTS)
}

/// Fewer files than this are not worth a thread of their own.
const FILES_PER_PART: usize = 64;

/// The most parts the files are read in.
const MOST_PARTS: usize = 4;

/// Reads `files`, folding each result `keep` accepts into a builder made
/// by `new` with `add` (given the file's index). Observer results are left
/// out unless `observers`; of two files with the same result the first in
/// `files` counts. The files are cut into consecutive parts, read, parsed
/// and folded on a thread each (each result is dropped by the thread that
/// made it), and the builders are merged into the first with `merge` in
/// the order of the files, so sums are made in the same order however the
/// threads ran. Returns the builder and, by file index, what was left out.
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
    let size = files.len().div_ceil(parts(files.len())).max(1);
    let chunks: Vec<(usize, &[PathBuf])> =
        files.chunks(size).enumerate().map(|(n, chunk)| (n * size, chunk)).collect();
    let mut folded = match chunks.split_first() {
        None => vec![fold(0, &[], None)],
        Some((&(first, head), rest)) => std::thread::scope(|scope| {
            let fold = &fold;
            let others: Vec<_> = rest
                .iter()
                .map(|&(start, chunk)| scope.spawn(move || fold(start, chunk, None)))
                .collect();
            let mut folded = vec![fold(first, head, None)];
            folded.extend(others.into_iter().map(|thread| match thread.join() {
                Ok(part) => part,
                Err(panic) => std::panic::resume_unwind(panic),
            }));
            folded
        }),
    }
    .into_iter();
    let (mut builder, mut left_out, mut earlier) = folded.next().expect("one part at least");
    for ((start, chunk), (mut later, mut later_left_out, mut later_seen)) in
        chunks.iter().skip(1).zip(folded)
    {
        if !earlier.is_disjoint(&later_seen) {
            // A result here and in an earlier part: the copy here was
            // counted before the earlier parts were known. Rare; this part
            // is read again knowing them.
            (later, later_left_out, later_seen) = fold(*start, chunk, Some(&earlier));
        }
        merge(&mut builder, later);
        left_out.append(&mut later_left_out);
        earlier.extend(later_seen);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` results, each made at its own time, written to `dir`; the
    /// results of `copies` (index of the copy, index of the original) are
    /// the original's.
    fn results(dir: &std::path::Path, count: usize, copies: &[(usize, usize)]) -> Vec<PathBuf> {
        let fixture =
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/results/team/alice.json");
        let text = std::fs::read_to_string(fixture).unwrap();
        let stamp =
            |n: usize| format!("2025-01-01T{:02}:{:02}:{:02}Z", n / 3600, n / 60 % 60, n % 60);
        let original = serde_json::from_str::<serde_json::Value>(&text).unwrap();
        (0..count)
            .map(|n| {
                let made = copies.iter().find(|(copy, _)| *copy == n).map_or(n, |(_, of)| *of);
                let mut result = original.clone();
                result["created"] = stamp(made).into();
                let path = dir.join(format!("{n:04}.json"));
                std::fs::write(&path, result.to_string()).unwrap();
                path
            })
            .collect()
    }

    fn indices(files: &[PathBuf]) -> (Vec<usize>, Vec<(usize, LeftOut)>) {
        gather(
            files,
            false,
            Vec::new,
            |_| Ok(()),
            |added: &mut Vec<usize>, index, _| added.push(index),
            Extend::extend,
        )
    }

    #[test]
    fn files_are_read_in_parts_by_their_number() {
        assert_eq!(parts(0), 1);
        assert_eq!(parts(FILES_PER_PART * 2 - 1), 1);
        assert_eq!(parts(FILES_PER_PART * 2), 2);
        assert_eq!(parts(100_000), MOST_PARTS);
    }

    #[test]
    fn the_first_of_two_copies_counts_in_whichever_parts_they_are() {
        let dir = tempfile::tempdir().unwrap();
        // 300 files: four parts of 75. Copies within the first part, from
        // the first into the last, from the second into the third, and two
        // copies of one result in the last two parts.
        let copies = [(10, 3), (290, 5), (160, 80), (230, 100), (299, 100)];
        let files = results(dir.path(), 300, &copies);
        assert_eq!(parts(files.len()), 4);
        let (added, left_out) = indices(&files);
        let mut copy_indices: Vec<usize> = copies.iter().map(|(copy, _)| *copy).collect();
        copy_indices.sort_unstable();
        let expected: Vec<usize> = (0..300).filter(|n| !copy_indices.contains(n)).collect();
        assert_eq!(added, expected, "every original once, in the order of the files");
        let duplicates: Vec<usize> = left_out
            .iter()
            .map(|(index, why)| {
                assert_eq!(*why, LeftOut::Duplicate);
                *index
            })
            .collect();
        assert_eq!(duplicates, copy_indices, "each copy left out, in the order of the files");
        // Read in one part, the outcome is the same.
        let (one_added, one_left_out) = indices(&files[..FILES_PER_PART]);
        assert_eq!(one_added.len() + one_left_out.len(), FILES_PER_PART);
        assert_eq!(one_left_out, vec![(10, LeftOut::Duplicate)]);
    }

    #[test]
    fn no_files_make_one_empty_builder() {
        let (added, left_out) = indices(&[]);
        assert!(added.is_empty() && left_out.is_empty());
    }
}
