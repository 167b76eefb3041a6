//! `itlead history`, as pure functions: a saved result becomes one
//! [`HistoryEntry`], held compactly among [`Entries`] and numbered oldest first, with a handle `itlead report`
//! takes (`itlead report 3`, `itlead report latest`).

use std::borrow::Cow;
use std::collections::HashMap;
use std::num::NonZeroU32;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::result::{AxisResult, ResultDocument};

/// One saved result, as `history` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Position, oldest first, from 1: `itlead report NUMBER` shows it.
    pub number: usize,
    /// Path of the result file.
    pub file: String,
    /// When the result was made (RFC 3339).
    pub created: String,
    /// Who answered, when the result names them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The person rated, for an observer's result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
    /// Content title.
    pub content_title: String,
    /// Content version.
    pub content_version: String,
    /// `full`, `quick` or `axes`.
    pub mode: String,
    /// The axis leaning furthest toward the manager side.
    pub clearest_manager: Option<String>,
    /// The manager pole of that axis (`Status quo`).
    pub clearest_manager_pole: Option<String>,
    /// The axis leaning furthest toward the leader side.
    pub clearest_leader: Option<String>,
    /// The leader pole of that axis (`Vision`).
    pub clearest_leader_pole: Option<String>,
}

/// The entry for `result`, saved at `file`; its number is set when it is listed ([`Entries::get`]).
pub fn entry(file: &Path, result: &ResultDocument) -> HistoryEntry {
    HistoryEntry {
        number: 0,
        file: file.display().to_string(),
        created: result.created.clone(),
        name: result.name.clone(),
        about: result.about.as_ref().map(|about| about.name.clone()),
        content_title: result.content.title.clone(),
        content_version: result.content.version.clone(),
        mode: result.selection.mode().to_owned(),
        clearest_manager: result.overall.clearest_manager.clone(),
        clearest_manager_pole: pole(result, result.overall.clearest_manager.as_deref(), |axis| {
            &axis.manager
        }),
        clearest_leader: result.overall.clearest_leader.clone(),
        clearest_leader_pole: pole(result, result.overall.clearest_leader.as_deref(), |axis| {
            &axis.leader
        }),
    }
}

fn pole(
    result: &ResultDocument,
    id: Option<&str>,
    name: impl Fn(&AxisResult) -> &crate::result::Label,
) -> Option<String> {
    id.and_then(|id| result.axis(id)).map(|axis| name(axis).to_string())
}

/// The saved results as `history` lists them, oldest first once
/// [`Entries::sort`] has run. Each is held in a few words: the strings that
/// repeat from result to result (names, content titles and versions,
/// modes, contrasts and their poles) are kept once, so a listing of
/// 100,000 results takes a few megabytes. An entry is made whole again, as
/// a [`HistoryEntry`], only while it is shown.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    words: Words,
    /// The start most files' paths share, kept once ([`Entries::in_directory`]).
    directory: Box<str>,
    rows: Vec<Compact>,
}

/// One entry: its own strings, and the repeating ones as words.
#[derive(Debug, Clone)]
struct Compact {
    /// When it was made, then its file: the path after
    /// [`Entries::directory`] when `in_directory`, else the whole path.
    /// One allocation for both.
    created_and_file: Box<str>,
    /// Where the file starts in `created_and_file`.
    file_at: u32,
    in_directory: bool,
    name: Option<Word>,
    about: Option<Word>,
    content_title: Word,
    content_version: Word,
    mode: Word,
    clearest_manager: Option<Word>,
    clearest_manager_pole: Option<Word>,
    clearest_leader: Option<Word>,
    clearest_leader_pole: Option<Word>,
}

/// A string kept once in [`Words`]: its position, from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Word(NonZeroU32);

/// Each string once, found by its text.
#[derive(Debug, Clone, Default)]
struct Words {
    list: Vec<Box<str>>,
    index: HashMap<Box<str>, Word>,
}

impl Words {
    fn word(&mut self, text: &str) -> Word {
        if let Some(&word) = self.index.get(text) {
            return word;
        }
        let position = u32::try_from(self.list.len() + 1).ok().and_then(NonZeroU32::new);
        let word = Word(position.expect("fewer than 2^32 distinct strings"));
        self.list.push(text.into());
        self.index.insert(text.into(), word);
        word
    }

    fn text(&self, word: Word) -> &str {
        &self.list[word.0.get() as usize - 1]
    }
}

impl Compact {
    fn created(&self) -> &str {
        &self.created_and_file[..self.file_at as usize]
    }
}

impl Entries {
    /// No entries.
    pub fn new() -> Self {
        Self::default()
    }

    /// No entries yet, of files most of which are in `directory`: the
    /// start of their paths is kept once. Whatever `directory` is, each
    /// entry keeps its path as given.
    pub fn in_directory(directory: &str) -> Self {
        Self { directory: directory.into(), ..Self::default() }
    }

    /// The path of `row`'s file.
    fn file<'a>(&'a self, row: &'a Compact) -> Cow<'a, str> {
        let file = &row.created_and_file[row.file_at as usize..];
        if row.in_directory { Cow::Owned(format!("{}{file}", self.directory)) } else { file.into() }
    }

    /// Adds `entry` (its number is given by position, not kept).
    pub fn push(&mut self, entry: HistoryEntry) {
        let (in_directory, file) = match entry.file.strip_prefix(&*self.directory) {
            Some(rest) if !self.directory.is_empty() => (true, rest),
            _ => (false, entry.file.as_str()),
        };
        let file_at = u32::try_from(entry.created.len()).expect("a stamp under 4 GiB");
        let mut created_and_file = entry.created;
        created_and_file.push_str(file);
        let words = &mut self.words;
        let mut word = |text: &str| words.word(text);
        self.rows.push(Compact {
            created_and_file: created_and_file.into_boxed_str(),
            file_at,
            in_directory,
            content_title: word(&entry.content_title),
            content_version: word(&entry.content_version),
            mode: word(&entry.mode),
            name: entry.name.as_deref().map(&mut word),
            about: entry.about.as_deref().map(&mut word),
            clearest_manager: entry.clearest_manager.as_deref().map(&mut word),
            clearest_manager_pole: entry.clearest_manager_pole.as_deref().map(&mut word),
            clearest_leader: entry.clearest_leader.as_deref().map(&mut word),
            clearest_leader_pole: entry.clearest_leader_pole.as_deref().map(&mut word),
        });
    }

    /// Adds every entry of `other`, after these; their own strings move
    /// over as they are when both keep the same directory.
    pub fn append(&mut self, other: Entries) {
        if other.directory != self.directory {
            for index in 0..other.len() {
                if let Some(entry) = other.get(index) {
                    self.push(entry);
                }
            }
            return;
        }
        let words: Vec<Word> = other.words.list.iter().map(|text| self.words.word(text)).collect();
        let word = |word: Word| words[word.0.get() as usize - 1];
        self.rows.reserve(other.rows.len());
        self.rows.extend(other.rows.into_iter().map(|row| Compact {
            name: row.name.map(word),
            about: row.about.map(word),
            content_title: word(row.content_title),
            content_version: word(row.content_version),
            mode: word(row.mode),
            clearest_manager: row.clearest_manager.map(word),
            clearest_manager_pole: row.clearest_manager_pole.map(word),
            clearest_leader: row.clearest_leader.map(word),
            clearest_leader_pole: row.clearest_leader_pole.map(word),
            ..row
        }));
    }

    /// Sorts oldest first; entry `index` then has the number `index + 1`.
    /// Results made in the same second are saved as `STAMP.json`,
    /// `STAMP-2.json`, `STAMP-3.json` …, so they follow that count rather
    /// than plain string order (which would put `-2` before `.json`). No
    /// two files have one path, so the order is total and sorting needs
    /// no room of its own.
    pub fn sort(&mut self) {
        let mut rows = std::mem::take(&mut self.rows);
        rows.sort_unstable_by(|a, b| {
            a.created().cmp(b.created()).then_with(|| {
                let (a, b) = (self.file(a), self.file(b));
                (same_second_order(&a), &a).cmp(&(same_second_order(&b), &b))
            })
        });
        rows.shrink_to_fit();
        self.rows = rows;
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Entry `index` (from 0), made whole, numbered `index + 1`.
    pub fn get(&self, index: usize) -> Option<HistoryEntry> {
        let row = self.rows.get(index)?;
        let text = |word: Word| self.words.text(word).to_owned();
        let optional = |word: Option<Word>| word.map(text);
        Some(HistoryEntry {
            number: index + 1,
            file: self.file(row).into_owned(),
            created: row.created().to_owned(),
            name: optional(row.name),
            about: optional(row.about),
            content_title: text(row.content_title),
            content_version: text(row.content_version),
            mode: text(row.mode),
            clearest_manager: optional(row.clearest_manager),
            clearest_manager_pole: optional(row.clearest_manager_pole),
            clearest_leader: optional(row.clearest_leader),
            clearest_leader_pole: optional(row.clearest_leader_pole),
        })
    }

    /// Every entry, in order, each made whole as it is reached.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = HistoryEntry> + '_ {
        (0..self.len()).map(|index| self.get(index).expect("an index below the length"))
    }

    /// The entry a handle names: `latest`, a number from `history`, or a
    /// file name with or without its extension.
    pub fn find(&self, handle: &str) -> Option<HistoryEntry> {
        if handle == "latest" {
            return self.len().checked_sub(1).and_then(|index| self.get(index));
        }
        if let Ok(number) = handle.trim_start_matches('#').parse::<usize>() {
            return number.checked_sub(1).and_then(|index| self.get(index));
        }
        let index = self.rows.iter().position(|row| {
            let file = self.file(row);
            let path = Path::new(&*file);
            path.file_name().is_some_and(|name| name == handle)
                || path.file_stem().is_some_and(|stem| stem == handle)
        })?;
        self.get(index)
    }
}

/// The entries, as a list of [`HistoryEntry`].
impl Serialize for Entries {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// A file's stem without its `-N` count, and the count (1 without one).
pub fn same_second_order(file: &str) -> (&str, u64) {
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    match stem.rsplit_once('-') {
        Some((base, count))
            if !count.is_empty() && count.bytes().all(|byte| byte.is_ascii_digit()) =>
        {
            (base, count.parse().unwrap_or(u64::MAX))
        }
        _ => (stem, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(file: &str, created: &str) -> HistoryEntry {
        HistoryEntry {
            number: 0,
            file: file.to_owned(),
            created: created.to_owned(),
            name: None,
            about: None,
            content_title: String::from("T"),
            content_version: String::from("2.0.0"),
            mode: String::from("full"),
            clearest_manager: None,
            clearest_manager_pole: None,
            clearest_leader: None,
            clearest_leader_pole: None,
        }
    }

    fn entries(list: &[HistoryEntry]) -> Entries {
        let mut entries = Entries::new();
        for entry in list {
            entries.push(entry.clone());
        }
        entries.sort();
        entries
    }

    #[test]
    fn handles_find_entries() {
        let entries = entries(&[
            entry("/r/b.json", "2026-02-01T00:00:00Z"),
            entry("/r/a.json", "2026-01-01T00:00:00Z"),
        ]);
        assert_eq!(entries.get(0).map(|e| e.file), Some(String::from("/r/a.json")));
        assert_eq!(entries.find("latest").map(|e| e.number), Some(2));
        assert_eq!(entries.find("1").map(|e| e.file), Some(String::from("/r/a.json")));
        assert_eq!(entries.find("#2").map(|e| e.file), Some(String::from("/r/b.json")));
        assert_eq!(entries.find("b").map(|e| e.number), Some(2));
        assert_eq!(entries.find("a.json").map(|e| e.number), Some(1));
        assert!(entries.find("3").is_none());
        assert!(entries.find("0").is_none());
        assert!(Entries::new().find("latest").is_none());
    }

    #[test]
    fn results_of_one_second_follow_their_count() {
        let second = "2026-01-01T00:00:00Z";
        let entries = entries(&[
            entry("/r/2026-01-01T00-00-00Z-10.json", second),
            entry("/r/2026-01-01T00-00-00Z-2.json", second),
            entry("/r/2026-01-01T00-00-00Z.json", second),
            entry("/r/2026-01-01T00-00-00Z-3.json", second),
        ]);
        let files: Vec<String> = entries.iter().map(|entry| entry.file).collect();
        assert_eq!(
            files,
            [
                "/r/2026-01-01T00-00-00Z.json",
                "/r/2026-01-01T00-00-00Z-2.json",
                "/r/2026-01-01T00-00-00Z-3.json",
                "/r/2026-01-01T00-00-00Z-10.json",
            ]
        );
    }

    #[test]
    fn entries_come_back_whole_and_numbered() {
        let mut first = entry("/r/a.json", "2026-01-01T00:00:00Z");
        first.name = Some(String::from("Ada"));
        first.clearest_manager = Some(String::from("vision"));
        first.clearest_manager_pole = Some(String::from("Status quo"));
        let mut second = entry("/r/b.json", "2026-01-02T00:00:00Z");
        second.about = Some(String::from("Ada"));
        second.content_version = String::from("3.0.0");
        second.mode = String::from("quick");
        second.clearest_leader = Some(String::from("vision"));
        second.clearest_leader_pole = Some(String::from("Vision"));
        let entries = entries(&[second.clone(), first.clone()]);
        first.number = 1;
        second.number = 2;
        assert_eq!(entries.iter().collect::<Vec<_>>(), [first.clone(), second.clone()]);
        // Appended entries keep their strings, whatever words they used.
        let mut joined = Entries::new();
        joined.push(second.clone());
        let mut more = Entries::new();
        more.push(entry("/r/c.json", "2026-01-03T00:00:00Z"));
        more.push(first.clone());
        joined.append(more);
        joined.sort();
        let mut third = entry("/r/c.json", "2026-01-03T00:00:00Z");
        third.number = 3;
        let all = [first, second, third];
        assert_eq!(joined.iter().collect::<Vec<_>>(), all);
        assert_eq!(serde_json::to_value(&joined).unwrap(), serde_json::to_value(all).unwrap());
    }

    #[test]
    fn paths_in_and_out_of_the_directory_come_back_as_given() {
        let second = "2026-01-01T00:00:00Z";
        let files = ["/r/x-2.json", "/elsewhere/x.json", "/r/x.json", "/r", "/rx.json", "x.json"];
        let mut kept = Entries::in_directory("/r");
        let mut plain = Entries::new();
        let mut other = Entries::in_directory("/elsewhere");
        for (index, file) in files.iter().enumerate() {
            let entry = entry(file, second);
            if index % 2 == 0 {
                kept.push(entry.clone());
            } else {
                other.push(entry.clone());
            }
            plain.push(entry);
        }
        kept.append(other);
        kept.sort();
        plain.sort();
        let listed: Vec<String> = kept.iter().map(|entry| entry.file).collect();
        assert_eq!(listed, plain.iter().map(|entry| entry.file).collect::<Vec<_>>());
        assert_eq!(
            listed,
            ["/elsewhere/x.json", "/r", "/r/x.json", "/r/x-2.json", "/rx.json", "x.json"]
        );
        assert_eq!(kept.find("x-2").map(|entry| entry.file), Some(String::from("/r/x-2.json")));
        assert_eq!(kept.find("2").map(|entry| entry.created), Some(String::from(second)));
    }
}
