//! `itlead stats`: how each scenario and each contrast behaved in a pilot.

use crate::analysis::stats::{FlagKind, MIN_JUDGED, StatsDocument};
use crate::export::{Document, Format};
use crate::view::{Block, Cell, Column, MISSING, Table, Text, Tone, View, plural};

impl Document for StatsDocument {
    const FORMATS: &'static [Format] =
        &[Format::Text, Format::Json, Format::Yaml, Format::Markdown, Format::Csv];

    fn view(&self) -> View {
        let mut view = View::new("Item analysis");
        view.meta.push(format!(
            "{} {} · {}",
            self.content.title,
            self.content.version,
            plural(self.results, "result", "results")
        ));
        view.push(Block::Heading(2, Text::plain("Contrasts")));
        let mut items = Table::new(vec![
            Column::text("contrast", "axis"),
            Column::number("n", "n"),
            Column::number("alpha", "alpha"),
            Column::text("scenario", "scenario"),
            Column::number("mean", "mean").dropped(1),
            Column::number("item-rest", "item_rest").short("r"),
        ]);
        for axis in &self.axes {
            for (index, item) in axis.items.iter().enumerate() {
                let first = index == 0;
                let low = axis.n >= MIN_JUDGED
                    && item
                        .item_rest
                        .is_some_and(|rest| rest < crate::analysis::stats::LOW_ITEM_REST);
                items.row(vec![
                    if first { Cell::Code(axis.id.clone()) } else { Cell::Empty },
                    if first { Cell::Count(axis.n) } else { Cell::Empty },
                    if first { Cell::decimal(axis.alpha, 2) } else { Cell::Empty },
                    Cell::Code(item.scenario.clone()),
                    Cell::signed(item.mean, 2),
                    Cell::Text(Text::new(
                        if low { Tone::Alert } else { Tone::Plain },
                        item.item_rest.map_or_else(
                            || MISSING.to_owned(),
                            |rest| crate::number::decimal(rest, 2, false),
                        ),
                    )),
                ]);
            }
        }
        view.push(Block::Table(items));
        view.push(Block::Note(Text::plain(format!(
            "n: results that answered every scenario on the contrast; alpha: Cronbach's alpha of its \
             scenarios; mean: the average answer from -1 (manager end) to +1 (leader end); item-rest: \
             how well the scenario goes with the others of the contrast. Flags need n of {MIN_JUDGED} or more."
        ))));
        let widest =
            self.scenarios.iter().map(|scenario| scenario.options.len()).max().unwrap_or(0);
        let least = self
            .scenarios
            .iter()
            .any(|scenario| scenario.options.iter().any(|option| option.least_share.is_some()));
        view.push(Block::Heading(2, Text::plain("Scenarios")));
        let mut columns = vec![
            Column::text("scenario", "scenario"),
            Column::number("answered", "answered").short("n"),
            Column::number("skipped", "skipped").short("skip"),
        ];
        let keys: Vec<String> =
            (0..widest).map(|index| char::from(b'a' + index as u8).to_string()).collect();
        for key in &keys {
            columns.push(Column::number(key, &format!("most_{key}")));
        }
        if least {
            for key in &keys {
                columns
                    .push(Column::number(&format!("{key}−"), &format!("least_{key}")).dropped(1));
            }
        }
        let mut shares = Table::new(columns);
        for scenario in &self.scenarios {
            let mut row = vec![
                Cell::Code(scenario.id.clone()),
                Cell::Count(scenario.answered),
                Cell::Count(scenario.skipped),
            ];
            let flagged = |key: &str| {
                self.flags.iter().any(|flag| {
                    flag.scenario.as_deref() == Some(&scenario.id)
                        && matches!(flag.kind, FlagKind::DeadOption | FlagKind::ObviousAnswer)
                        && flag.message.contains(&format!("option {key} "))
                })
            };
            for index in 0..widest {
                row.push(scenario.options.get(index).map_or(Cell::Empty, |option| {
                    let text = option
                        .share
                        .map_or_else(String::new, |share| format!("{:.0}%", share * 100.0));
                    Cell::Text(Text::new(
                        if flagged(&option.key) { Tone::Alert } else { Tone::Plain },
                        text,
                    ))
                }));
            }
            if least {
                for index in 0..widest {
                    row.push(scenario.options.get(index).map_or(Cell::Empty, |option| {
                        Cell::text(
                            option
                                .least_share
                                .map_or_else(String::new, |share| format!("{:.0}%", share * 100.0)),
                        )
                    }));
                }
            }
            shares.row(row);
        }
        view.push(Block::Table(shares));
        view.push(Block::Note(Text::plain(if least {
            "a, b, …: share of answers choosing each option as most likely; a−, b−, …: as least likely."
        } else {
            "a, b, …: share of answers choosing each option."
        })));
        if self.flags.is_empty() {
            view.push(Block::Paragraph(Text::plain("Nothing flagged.")));
        } else {
            view.push(Block::Heading(2, Text::plain(format!("Flags ({})", self.flags.len()))));
            view.push(Block::Bullets(
                self.flags
                    .iter()
                    .map(|flag| {
                        let tone =
                            if flag.kind == FlagKind::TooFew { Tone::Dim } else { Tone::Alert };
                        Text::new(tone, &flag.message)
                    })
                    .collect(),
            ));
            // CSV holds tables only: the flags as one, for spreadsheets.
            let mut table = Table::new(vec![
                Column::text("kind", "kind"),
                Column::text("contrast", "axis"),
                Column::text("scenario", "scenario"),
                Column::text("message", "message"),
            ])
            .only(&[Format::Csv]);
            for flag in &self.flags {
                table.row(vec![
                    Cell::text(flag.kind.id()),
                    flag.axis.as_ref().map_or(Cell::Empty, Cell::text),
                    flag.scenario.as_ref().map_or(Cell::Empty, Cell::text),
                    Cell::text(&flag.message),
                ]);
            }
            view.push(Block::Table(table));
        }
        view
    }
}
