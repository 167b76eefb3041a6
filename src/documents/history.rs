//! The results saved on this machine, oldest first, each with the number
//! `itlead report` takes.

use serde::Serialize;

use crate::analysis::history::HistoryEntry;
use crate::export::{Document, Format};
use crate::view::{Block, Cell, Column, Table, Text, View, plural};

/// The saved results and where they live.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct History {
    entries: Vec<HistoryEntry>,
    #[serde(skip)]
    directory: String,
}

impl History {
    /// The listing of `entries`, found in `directory`.
    pub fn new(entries: Vec<HistoryEntry>, directory: String) -> Self {
        Self { entries, directory }
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
        let mut table = Table::new(vec![
            Column::number("#", "number"),
            Column::text("date (UTC)", "date").people().short("date"),
            Column::text("created", "created").machines(),
            Column::text("who", "who").cuttable().dropped(1),
            Column::text("version", "content_version").dropped(2),
            Column::text("mode", "mode").dropped(3),
            Column::text("leans manager", "clearest_manager_pole").cuttable().short("manager"),
            Column::text("leans leader", "clearest_leader_pole").cuttable().short("leader"),
            Column::text("file", "file").cuttable().dropped(4),
        ]);
        for entry in &self.entries {
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
            table.row(vec![
                Cell::Count(entry.number),
                Cell::text(super::when_short(&entry.created)),
                Cell::text(&entry.created),
                Cell::text(who),
                Cell::text(&entry.content_version),
                Cell::text(&entry.mode),
                entry.clearest_manager_pole.as_ref().map_or(Cell::Empty, Cell::text),
                entry.clearest_leader_pole.as_ref().map_or(Cell::Empty, Cell::text),
                Cell::text(file),
            ]);
        }
        view.push(Block::Table(table));
        view.push(Block::Note(Text::plain(
            "The manager and leader columns name the clearest leaning on each side. \
             `itlead report NUMBER` (or `itlead report latest`) shows one again; \
             `itlead compare OLD NEW` shows what moved.",
        )));
        view
    }
}
