//! The team view: per contrast the distribution of scores, how many lean
//! each way, and whether the team covers both sides.

use crate::analysis::team::{Coverage, TeamAxis, TeamDocument};
use crate::export::{Document, Format, Formats};
use crate::view::{
    Block, Cell, Chart, ChartGroup, ChartRow, Column, Mark, Table, Text, Tone, View, plural, poles,
};

/// The closing point of the team view: both sides are needed.
pub const TEAM_CLOSING: &str = "Managing and leading are complementary, and a team needs both: \
people who keep today's work reliable and people who move it toward what comes next. Where a \
contrast has only one side covered, look for the other in hiring, pairing, or in who takes the \
lead on what.";

impl Document for TeamDocument {
    const FORMATS: &'static [Format] = &Format::ALL;

    fn view(&self) -> View {
        let mut view = View::new("Team view");
        view.meta.push(meta(self));
        let alone = self.files.used <= 1;
        if alone {
            view.push(Block::Paragraph(Text::new(Tone::Alert, TEAM_OF_ONE)));
        }
        view.push(Block::Chart(chart(self)));
        view.push(Block::Table(table(self)));
        view.push(Block::Note(Text::plain(
            "M, =, L: how many lean toward the manager side, are balanced (or mixed), lean toward \
             the leader side; ?: too few responses for a leaning. sd (where the width allows): the standard \
             deviation of the scores.",
        )));
        if alone {
            view.push(Block::Paragraph(Text::new(Tone::Quiet, TEAM_CLOSING)));
            return view;
        }
        for (title, wanted) in [
            ("Only one side covered (a team needs both)", one_sided as fn(Coverage) -> bool),
            ("Nobody leans either way", |coverage| coverage == Coverage::NoLeaning),
            ("Too few responses to say", |coverage| coverage == Coverage::Uncertain),
            ("No scores", |coverage| coverage == Coverage::Unscored),
        ] {
            let axes: Vec<&TeamAxis> =
                self.axes.iter().filter(|axis| wanted(axis.coverage)).collect();
            if axes.is_empty() {
                continue;
            }
            view.push(Block::Heading(2, Text::plain(title)));
            view.push(Block::Bullets(
                axes.iter()
                    .map(|axis| {
                        Text::new(Tone::Strong, poles(&axis.manager, &axis.leader))
                            .and(Tone::Dim, format!(" ({})", axis.id))
                            .and(Tone::Plain, format!(": {}", coverage_sentence(axis)))
                    })
                    .collect(),
            ));
        }
        if !self.axes.iter().any(|axis| one_sided(axis.coverage)) {
            view.push(Block::Paragraph(Text::plain(
                "Every contrast where people lean has someone on each side.",
            )));
        }
        if self.axes.iter().any(|axis| axis.members.is_some()) {
            view.push(Block::Heading(2, Text::plain("Who leans where")));
            view.push(Block::Table(members(self)));
        }
        view.push(Block::Paragraph(Text::new(Tone::Quiet, TEAM_CLOSING)));
        view
    }
}

/// Said instead of spreads and coverage when a team has one member.
pub const TEAM_OF_ONE: &str = "A team of one: these are one person's scores, so there is no \
spread to show and no way to tell whether the team covers both sides. Add the results of \
colleagues (`itlead team results/*.json`) to see that.";

fn one_sided(coverage: Coverage) -> bool {
    coverage.missing_side().is_some()
}

fn meta(document: &TeamDocument) -> String {
    let mut meta = format!(
        "{} {} · {}",
        document.content.title,
        document.content.versions.join(", "),
        plural(document.files.used, "member", "members")
    );
    if document.files.skipped > 0 {
        meta.push_str(&format!(
            " · {} of {} files skipped",
            document.files.skipped, document.files.given
        ));
    }
    meta
}

/// What one axis's coverage means, in a sentence.
pub fn coverage_sentence(axis: &TeamAxis) -> String {
    let lean = axis.lean;
    let leans = |count: usize| plural(count, "leans", "lean");
    match axis.coverage {
        Coverage::ManagerOnly => {
            format!(
                "{} toward {}, nobody toward {}.",
                leans(lean.manager),
                axis.manager,
                axis.leader
            )
        }
        Coverage::LeaderOnly => {
            format!(
                "{} toward {}, nobody toward {}.",
                leans(lean.leader),
                axis.leader,
                axis.manager
            )
        }
        Coverage::NoLeaning if lean.balanced == 1 => String::from("the one score is balanced."),
        Coverage::NoLeaning => format!("all {} are balanced.", lean.balanced),
        Coverage::Uncertain => format!(
            "{} rest on too few responses for a leaning.",
            plural(lean.uncertain, "score", "scores")
        ),
        Coverage::Unscored => String::from("nobody has a score here."),
        Coverage::Both => format!(
            "{} toward {}, {} toward {}.",
            lean.manager, axis.manager, lean.leader, axis.leader
        ),
    }
}

fn chart(document: &TeamDocument) -> Chart {
    let rows = document
        .axes
        .iter()
        .map(|axis| ChartRow {
            manager: axis.manager.clone(),
            leader: axis.leader.clone(),
            marks: axis.mean.map(|mean| (Mark::Mean, mean.round() as i32)).into_iter().collect(),
            range: axis.min.zip(axis.max),
            value: axis.mean.map(|mean| crate::number::decimal(mean, 0, true)).unwrap_or_default(),
            label: Text::new(
                if one_sided(axis.coverage) { Tone::Alert } else { Tone::Plain },
                axis.coverage.label(),
            ),
            note: None,
        })
        .collect();
    Chart {
        formats: Formats::of(&[Format::Html]),
        caption: String::from(
            "Per contrast: the team's mean and the range from the lowest to the highest score; \
             the manager side on the left, the leader side on the right.",
        ),
        legend: vec![(Mark::Mean, String::from("team mean"))],
        range_legend: Some(String::from("lowest to highest score")),
        groups: vec![ChartGroup { heading: None, rows }],
    }
}

fn table(document: &TeamDocument) -> Table {
    let names = document.axes.iter().any(|axis| axis.members.is_some());
    let mut columns = super::contrast_columns(vec![
        Column::number("n", "count").meaning("members with a score"),
        Column::number("mean", "mean"),
        Column::number("median", "median").dropped(3),
        Column::number("min", "min").meaning("lowest score").dropped(2),
        Column::number("max", "max").meaning("highest score").dropped(2),
        Column::number("sd", "spread").meaning("standard deviation").dropped(4),
        Column::number("M", "lean_manager").meaning("lean toward the manager side"),
        Column::number("=", "balanced").meaning("balanced or mixed"),
        Column::number("L", "lean_leader").meaning("lean toward the leader side"),
        Column::number("?", "uncertain").meaning("too few responses").dropped(1),
        Column::text("coverage", "coverage_shown").people().dropped(5),
        Column::text("coverage", "coverage").machines(),
    ]);
    if names {
        for side in ["manager", "balanced", "leader", "uncertain"] {
            columns.push(Column::text(side, &format!("{side}_members")).machines());
        }
    }
    let mut table = Table::new(columns);
    for axis in &document.axes {
        let mut row = super::contrast_row(
            &axis.id,
            &axis.theme,
            &axis.manager,
            &axis.leader,
            vec![
                Cell::Count(axis.count),
                Cell::signed(axis.mean, 1),
                Cell::signed(axis.median, 1),
                Cell::Score(axis.min),
                Cell::Score(axis.max),
                // One score has no spread to speak of.
                if document.files.used <= 1 { Cell::Empty } else { Cell::decimal(axis.spread, 1) },
                Cell::Count(axis.lean.manager),
                Cell::Count(axis.lean.balanced),
                Cell::Count(axis.lean.leader),
                Cell::Count(axis.lean.uncertain),
                // One person covers one side, or none: nothing to say of a team.
                if document.files.used <= 1 {
                    Cell::Empty
                } else {
                    Cell::Text(Text::new(
                        if one_sided(axis.coverage) { Tone::Alert } else { Tone::Plain },
                        axis.coverage.label(),
                    ))
                },
                Cell::text(axis.coverage.id()),
            ],
        );
        if names {
            let members = axis.members.clone().unwrap_or_default();
            for side in [members.manager, members.balanced, members.leader, members.uncertain] {
                row.push(Cell::text(side.join(";")));
            }
        }
        table.row(row);
    }
    table
}

fn members(document: &TeamDocument) -> Table {
    let mut table = Table::new(vec![
        Column::text("contrast", "contrast").people(),
        Column::text("manager side", "manager_members"),
        Column::text("balanced", "balanced_members"),
        Column::text("leader side", "leader_members"),
        Column::text("too few responses", "uncertain_members").dropped(1),
    ])
    .not_csv();
    for axis in &document.axes {
        let Some(members) = &axis.members else { continue };
        table.row(vec![
            Cell::text(poles(&axis.manager, &axis.leader)),
            Cell::text(members.manager.join(", ")),
            Cell::text(members.balanced.join(", ")),
            Cell::text(members.leader.join(", ")),
            Cell::text(members.uncertain.join(", ")),
        ]);
    }
    table
}
