//! `itlead stats`: how each scenario and each contrast behaved in a pilot.
//!
//! The analysis gives its flags as kinds and figures ([`Flag`]); this
//! document puts them in words ([`describe`]), in its view and in the
//! `message` of each flag in JSON and YAML ([`StatsRecord`]).

use serde::{Deserialize, Serialize};

use crate::analysis::stats::{
    DEAD_OPTION, Flag, FlagKind, LOW_ALPHA, LOW_ITEM_REST, MIN_JUDGED, OBVIOUS_OPTION,
    StatsDocument,
};
use crate::export::{Document, Format};
use crate::view::{Block, Cell, Column, MISSING, Table, Text, Tone, View, plural};

/// `flag` in words.
pub fn describe(flag: &Flag) -> String {
    match flag {
        Flag::FewAnswers { scenarios } => format!(
            "{} answered fewer than {MIN_JUDGED} times, too few to judge {} options: {}",
            match scenarios.len() {
                1 => String::from("1 scenario was"),
                count => format!("{count} scenarios were"),
            },
            if scenarios.len() == 1 { "its" } else { "their" },
            scenarios.join(", ")
        ),
        Flag::FewComplete { axis, complete } => format!(
            "{axis}: {} too few to judge (at least {MIN_JUDGED} needed)",
            if *complete == 1 {
                String::from("1 complete result is")
            } else {
                format!("{complete} complete results are")
            }
        ),
        Flag::DeadOption { scenario, option, share } => format!(
            "{scenario}: option {option} was chosen as most likely by {:.0}% (under {:.0}%): is it a straw man?",
            share * 100.0,
            DEAD_OPTION * 100.0
        ),
        Flag::ObviousAnswer { scenario, option, share } => format!(
            "{scenario}: option {option} was chosen as most likely by {:.0}% (over {:.0}%): is it the obvious answer?",
            share * 100.0,
            OBVIOUS_OPTION * 100.0
        ),
        Flag::LowAlpha { axis, alpha } => format!(
            "{axis}: alpha {alpha:.2} is under {LOW_ALPHA}: its scenarios do not hang together"
        ),
        Flag::LowItemRest { axis, scenario, item_rest } => format!(
            "{scenario} in {axis}: item-rest correlation {item_rest:.2} is under {LOW_ITEM_REST}"
        ),
    }
}

/// The stats document as JSON and YAML carry it, each flag with its kind,
/// its words and where it is; it parses back.
pub type StatsRecord = StatsDocument<FlagRecord>;

/// One flag as JSON and YAML carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagRecord {
    /// What kind.
    pub kind: FlagKind,
    /// In words: [`describe`].
    pub message: String,
    /// The contrast, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub axis: Option<String>,
    /// The scenario, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
}

impl From<&Flag> for FlagRecord {
    fn from(flag: &Flag) -> Self {
        Self {
            kind: flag.kind(),
            message: describe(flag),
            axis: flag.axis().map(str::to_owned),
            scenario: flag.scenario().map(str::to_owned),
        }
    }
}

/// A flag serialises as its record: kind, words and where it is.
impl Serialize for Flag {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        FlagRecord::from(self).serialize(serializer)
    }
}

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
                self.flags
                    .iter()
                    .any(|flag| flag.scenario() == Some(&scenario.id) && flag.option() == Some(key))
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
                            if flag.kind() == FlagKind::TooFew { Tone::Dim } else { Tone::Alert };
                        Text::new(tone, describe(flag))
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
                    Cell::text(flag.kind().id()),
                    flag.axis().map_or(Cell::Empty, Cell::text),
                    flag.scenario().map_or(Cell::Empty, Cell::text),
                    Cell::text(describe(flag)),
                ]);
            }
            view.push(Block::Table(table));
        }
        view
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flag(flag: &Flag) -> (FlagKind, String, Option<String>, Option<String>) {
        let record = FlagRecord::from(flag);
        (record.kind, record.message, record.axis, record.scenario)
    }

    #[test]
    fn each_flag_is_worded_with_its_figures_and_placed() {
        let few = |ids: &[&str]| Flag::FewAnswers {
            scenarios: ids.iter().map(|&id| id.to_owned()).collect(),
        };
        assert_eq!(
            flag(&few(&["outage"])),
            (
                FlagKind::TooFew,
                String::from(
                    "1 scenario was answered fewer than 30 times, too few to judge its options: outage"
                ),
                None,
                Some(String::from("outage"))
            )
        );
        assert_eq!(
            flag(&few(&["outage", "budget"])).1,
            "2 scenarios were answered fewer than 30 times, too few to judge their options: \
             outage, budget"
        );
        assert_eq!(flag(&few(&["outage", "budget"])).3, None, "no one scenario");
        let complete = |complete| Flag::FewComplete { axis: "goals-vision".into(), complete };
        assert_eq!(
            flag(&complete(1)),
            (
                FlagKind::TooFew,
                String::from(
                    "goals-vision: 1 complete result is too few to judge (at least 30 needed)"
                ),
                Some(String::from("goals-vision")),
                None
            )
        );
        assert_eq!(
            describe(&complete(0)),
            "goals-vision: 0 complete results are too few to judge (at least 30 needed)"
        );
        let option = |share| (String::from("outage"), String::from("c"), share);
        let (scenario, key, share) = option(0.02);
        assert_eq!(
            flag(&Flag::DeadOption { scenario, option: key, share }),
            (
                FlagKind::DeadOption,
                String::from(
                    "outage: option c was chosen as most likely by 2% (under 5%): is it a straw man?"
                ),
                None,
                Some(String::from("outage"))
            )
        );
        let (scenario, key, share) = option(0.88);
        assert_eq!(
            flag(&Flag::ObviousAnswer { scenario, option: key, share }),
            (
                FlagKind::ObviousAnswer,
                String::from(
                    "outage: option c was chosen as most likely by 88% (over 70%): is it the \
                     obvious answer?"
                ),
                None,
                Some(String::from("outage"))
            )
        );
        assert_eq!(
            flag(&Flag::LowAlpha { axis: "goals-vision".into(), alpha: 0.314 }),
            (
                FlagKind::LowAlpha,
                String::from(
                    "goals-vision: alpha 0.31 is under 0.6: its scenarios do not hang together"
                ),
                Some(String::from("goals-vision")),
                None
            )
        );
        assert_eq!(
            flag(&Flag::LowItemRest {
                axis: "goals-vision".into(),
                scenario: "budget".into(),
                item_rest: -0.046
            }),
            (
                FlagKind::LowItemRest,
                String::from("budget in goals-vision: item-rest correlation -0.05 is under 0.2"),
                Some(String::from("goals-vision")),
                Some(String::from("budget"))
            )
        );
    }
}
