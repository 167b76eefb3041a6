//! Movement between two results: per contrast the earlier and the later
//! score, the change, whether it is beyond noise, and whether the band
//! changed.

use crate::analysis::compare::{CompareDocument, Snapshot};
use crate::export::{Document, Format, Formats};
use crate::number::signed;
use crate::score::Shown;
use crate::view::{
    Block, Cell, Chart, ChartGroup, ChartRow, Column, Mark, Table, Text, Tone, View, band_tone,
    plural,
};

/// What the sign of a change means, and when a change is more than noise.
pub const MOVEMENT_NOTE: &str = "A positive change is a move toward the leader side, a negative \
one toward the manager side. Neither side is the better one. A change is beyond noise when it is \
larger than 1.96 times the root of the sum of both squared margins (a reliable change) and both \
scores rest on at least 6 responses: the same person answering twice moves that far on fewer than \
1 contrast in 20.";

impl Document for CompareDocument {
    const FORMATS: &'static [Format] = &Format::ALL;

    fn view(&self) -> View {
        let mut view = View::new(format!(
            "Movement on {}",
            plural(self.summary.compared, "contrast", "contrasts")
        ));
        view.meta.push(format!(
            "{}: from {} to {}",
            self.new.content_title,
            label(&self.old),
            label(&self.new)
        ));
        if self.axes.is_empty() {
            view.push(Block::Paragraph(Text::plain(
                "The two results share no scored contrast, so nothing can be compared.",
            )));
        } else {
            view.push(Block::Chart(chart(self)));
            view.push(Block::Table(table(self)));
            view.push(Block::Paragraph(Text::plain(beyond_noise(self))));
        }
        if !self.left_out.is_empty() {
            let items: Vec<String> = self
                .left_out
                .iter()
                .map(|left| {
                    format!(
                        "{} ({})",
                        left.id,
                        left.reason.describe(&name(&self.old), &name(&self.new))
                    )
                })
                .collect();
            view.push(Block::Paragraph(Text::plain(format!(
                "Not compared: {}.",
                items.join(", ")
            ))));
        }
        view.push(Block::Note(Text::plain(MOVEMENT_NOTE)));
        view
    }
}

/// Which contrasts moved beyond noise, and how many did not.
fn beyond_noise(document: &CompareDocument) -> String {
    let moved: Vec<String> = document
        .axes
        .iter()
        .filter(|movement| movement.beyond_noise)
        .map(|movement| {
            format!("{} ({})", movement.id, signed(Some(movement.delta)).unwrap_or_default())
        })
        .collect();
    let within = document.summary.compared - moved.len();
    let within = match within {
        0 => String::new(),
        count => format!(
            "{} moved within {} margins, as the same answers given twice might",
            plural(count, "contrast", "contrasts"),
            if count == 1 { "its" } else { "their" }
        ),
    };
    match (moved.as_slice(), within.is_empty()) {
        ([], _) => String::from(
            "No contrast moved beyond noise: every change is within its margins, as the same \
             answers given twice might be.",
        ),
        (moved, true) => format!("Beyond noise (a reliable change): {}.", moved.join(", ")),
        (moved, false) => {
            format!("Beyond noise (a reliable change): {}. The other {within}.", moved.join(", "))
        }
    }
}

/// A result as people know it: the name in it, else its file.
fn name(snapshot: &Snapshot) -> String {
    snapshot.name.clone().unwrap_or_else(|| snapshot.file.clone())
}

fn label(snapshot: &Snapshot) -> String {
    format!(
        "{} ({}, version {})",
        name(snapshot),
        super::when(&snapshot.created),
        snapshot.content_version
    )
}

fn chart(document: &CompareDocument) -> Chart {
    let rows = document
        .axes
        .iter()
        .map(|movement| ChartRow {
            manager: movement.manager.clone(),
            leader: movement.leader.clone(),
            marks: vec![(Mark::Before, movement.old_score), (Mark::Score, movement.new_score)],
            range: None,
            value: format!(
                "{} → {}",
                signed(Some(movement.old_score)).unwrap_or_default(),
                signed(Some(movement.new_score)).unwrap_or_default()
            ),
            label: {
                let shown = Shown::of(movement.new_band, movement.new_mixed);
                Text::new(band_tone(shown), shown.label())
            },
            note: None,
        })
        .collect();
    Chart {
        formats: Formats::of(&[Format::Html]),
        caption: String::from(
            "Per contrast: the earlier and the later score; the manager side on the left, the leader side on the right.",
        ),
        legend: vec![(Mark::Before, String::from("before")), (Mark::Score, String::from("after"))],
        range_legend: None,
        groups: vec![ChartGroup { heading: None, rows }],
    }
}

fn table(document: &CompareDocument) -> Table {
    let mut table = Table::new(super::contrast_columns(vec![
        Column::number("before", "old_score").short("old"),
        Column::number("after", "new_score").short("new"),
        Column::number("change", "delta").short("+/-"),
        Column::text("beyond noise", "beyond_noise").short("real"),
        Column::number("old margin", "old_margin").machines(),
        Column::number("new margin", "new_margin").machines(),
        Column::text("band", "band_shown").people().dropped(1),
        Column::text("old band", "old_band").machines(),
        Column::text("new band", "new_band").machines(),
        Column::text("band changed", "band_changed").machines(),
        Column::text("old mixed", "old_mixed").machines(),
        Column::text("new mixed", "new_mixed").machines(),
    ]));
    for movement in &document.axes {
        let (before, after) = (
            Shown::of(movement.old_band, movement.old_mixed),
            Shown::of(movement.new_band, movement.new_mixed),
        );
        let band = if before == after {
            Text::new(Tone::Dim, after.label())
        } else {
            Text::plain(format!("{} → ", before.label())).and(band_tone(after), after.label())
        };
        table.row(super::contrast_row(
            &movement.id,
            &movement.theme,
            &movement.manager,
            &movement.leader,
            vec![
                Cell::Score(Some(movement.old_score)),
                Cell::Score(Some(movement.new_score)),
                Cell::Score(Some(movement.delta)),
                Cell::Flag(movement.beyond_noise),
                Cell::decimal(movement.old_margin.map(f64::from), 0),
                Cell::decimal(movement.new_margin.map(f64::from), 0),
                Cell::Text(band),
                Cell::band(movement.old_band),
                Cell::band(movement.new_band),
                Cell::Flag(movement.band_changed),
                Cell::Flag(movement.old_mixed),
                Cell::Flag(movement.new_mixed),
            ],
        ));
    }
    table
}
