//! The results saved on this machine, oldest first, each with the number
//! `itlead report` takes.

use std::sync::Arc;

use serde::Serialize;

use crate::analysis::history::{Entries, HistoryEntry};
use crate::export::{Document, Format};
use crate::view::{Block, Cell, Column, Table, Text, View, plural};

/// The saved results and where they live.
#[derive(Debug, Clone)]
pub struct History {
    entries: Arc<Entries>,
    directory: String,
}

impl History {
    /// The listing of `entries`, found in `directory`.
    pub fn new(entries: Entries, directory: String) -> Self {
        Self { entries: Arc::new(entries), directory }
    }
}

/// The entries, as a list.
impl Serialize for History {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.entries.serialize(serializer)
    }
}

impl Document for History {
    const FORMATS: &'static [Format] =
        &[Format::Text, Format::Json, Format::Yaml, Format::Markdown, Format::Csv];

    fn view(&self) -> View {
        if self.entries.is_empty() {
            let mut view = View::new("No saved results yet");
            view.meta.push(format!("in {}", self.directory));
            view.push(Block::Paragraph(Text::plain(
                "`itlead assess` saves one each time it finishes.",
            )));
            return view;
        }
        let mut view = View::new(plural(self.entries.len(), "saved result", "saved results"));
        view.meta.push(format!("in {}", self.directory));
        let columns = vec![
            Column::number("#", "number"),
            Column::text("date (UTC)", "date").people().short("date"),
            Column::text("created", "created").machines(),
            Column::text("who", "who").cuttable().dropped(1),
            Column::text("version", "content_version").dropped(2),
            Column::text("mode", "mode").dropped(3),
            Column::text("leans manager", "clearest_manager_pole").cuttable().short("manager"),
            Column::text("leans leader", "clearest_leader_pole").cuttable().short("leader"),
            Column::text("file", "file").cuttable().dropped(4),
        ];
        // One row per saved result, made as it is drawn: a history of many
        // thousand results is never held as cells.
        let entries = Arc::clone(&self.entries);
        let table = Table::made(columns, entries.len(), move |index| {
            entries.get(index).map_or_else(Vec::new, |entry| row(&entry))
        });
        view.push(Block::Table(table));
        view.push(Block::Note(Text::plain(
            "The manager and leader columns name the clearest leaning on each side. \
             `itlead report NUMBER` (or `itlead report latest`) shows one again; \
             `itlead compare OLD NEW` shows what moved.",
        )));
        view
    }
}

/// The cells of one entry's row.
fn row(entry: &HistoryEntry) -> Vec<Cell> {
    let path = std::path::Path::new(&entry.file);
    let file = path
        .file_name()
        .map_or_else(|| entry.file.clone(), |name| name.to_string_lossy().into_owned());
    // Names where given, the file's name otherwise.
    let who = match (&entry.about, &entry.name) {
        (Some(about), _) => format!("about {about}"),
        (None, Some(name)) => name.clone(),
        (None, None) => path
            .file_stem()
            .map_or_else(|| file.clone(), |stem| stem.to_string_lossy().into_owned()),
    };
    vec![
        Cell::Count(entry.number),
        Cell::text(super::when_short(&entry.created)),
        Cell::text(&entry.created),
        Cell::text(who),
        Cell::text(&entry.content_version),
        Cell::text(&entry.mode),
        entry.clearest_manager_pole.as_ref().map_or(Cell::Empty, Cell::text),
        entry.clearest_leader_pole.as_ref().map_or(Cell::Empty, Cell::text),
        Cell::text(file),
    ]
}
