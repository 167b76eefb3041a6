//! The report of one result: a chart per theme, the overall count, the
//! clearest leanings with what they bring, what the other side adds and
//! what to watch, why each score came out as it did, next steps, and the
//! closing point that both sides are needed.

use serde::Serialize;

use super::{CLOSING, OBSERVER_CLOSING, when};
use crate::answer::{Answer, chosen_count};
use crate::content::Content;
use crate::content::model::{Axis, Pick, Side};
use crate::content::wording::first_name;
use crate::export::{Document, Format, Formats};
use crate::number::{score_with_error, signed};
use crate::result::{AxisResult, ResultDocument};
use crate::score::{Band, Shown};
use crate::view::{
    Block, Cell, Chart, ChartGroup, ChartRow, Column, Mark, Table, Text, Tone, View, band_tone,
    plural, poles,
};

/// Which contrasts get a "why this score" section.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Why {
    /// None.
    #[default]
    None,
    /// Every scored contrast.
    All,
    /// One contrast, by id.
    Contrast(String),
}

impl Why {
    /// What a report shows unasked: every contrast in the documents
    /// people share (Markdown and HTML), none in the terminal's text,
    /// where `report --contrast` asks for one.
    pub fn unasked(format: Format) -> Self {
        if matches!(format, Format::Markdown | Format::Html) { Self::All } else { Self::None }
    }
}

/// A result and what the report needs beside it.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Report<'a> {
    result: &'a ResultDocument,
    /// The content, when it matches the result's contrasts.
    #[serde(skip)]
    content: Option<&'a Content>,
    #[serde(skip)]
    why: Why,
}

impl<'a> Report<'a> {
    /// The report of `result`. `content` adds strengths, watch-outs and
    /// next steps when it defines the result's contrasts, and the answers
    /// behind each score when it is the very content the result was made
    /// with.
    pub fn new(result: &'a ResultDocument, content: Option<&'a Content>, why: Why) -> Self {
        let content = content
            .filter(|content| result.axes.iter().all(|axis| content.axis(&axis.id).is_some()));
        Self { result, content, why }
    }
}

/// How the report speaks of the person.
struct Voice {
    /// "You", "Sam".
    subject: String,
    /// "Your", "Sam's".
    possessive: String,
}

fn voice(result: &ResultDocument) -> Voice {
    match &result.about {
        Some(about) => {
            let name = first_name(&about.name).to_owned();
            Voice { possessive: format!("{name}'s"), subject: name }
        }
        None => Voice { subject: String::from("you"), possessive: String::from("Your") },
    }
}

impl Document for Report<'_> {
    const FORMATS: &'static [Format] = &Format::ALL;

    fn view(&self) -> View {
        let result = self.result;
        let voice = voice(result);
        let title = match (&result.about, &result.name) {
            (Some(about), _) => {
                format!("{}, as {} sees them", about.name, relation_phrase(about.relation))
            }
            (None, Some(name)) => format!("Profile of {name}"),
            (None, None) => String::from("Your profile"),
        };
        let mut view = View::new(title);
        view.meta.push(format!("{} {}", result.content.title, result.content.version));
        let asked = result.asked.max(result.answers.len());
        view.meta.push(format!(
            "{} of {} answered · {}",
            chosen_count(&result.answers),
            plural(asked, "scenario", "scenarios"),
            when(&result.created)
        ));
        if result.selection == crate::content::selection::Selection::Quick {
            view.meta.push(String::from(crate::content::wording::QUICK_NOTE));
        }
        if let Some(content) = self.content.filter(|content| content.hash != result.content.hash) {
            view.meta.push(format!(
                "The scores are those of {} {}; the words around them (strengths, watch-outs, \
                 next steps) come from {} {}.",
                result.content.title, result.content.version, content.title, content.version
            ));
        }
        let lands = if result.about.is_some() {
            format!("Where {} lands", voice.subject)
        } else {
            String::from("Where you land")
        };
        view.push(Block::Heading(2, Text::plain(lands)));
        view.push(Block::Chart(chart(result, &voice)));
        let whose = if result.about.is_some() { "the" } else { "your" };
        if result.axes.iter().any(|axis| axis.score().shown() == Shown::Band(Band::NoClearLeaning))
        {
            view.push(Block::Note(Text::plain(super::no_clear_leaning_meaning(whose))));
        }
        if result.axes.iter().any(|axis| axis.score().shown() == Shown::Mixed) {
            view.push(Block::Note(Text::plain(super::mixed_meaning(whose))));
        }
        view.push(Block::Paragraph(Text::plain(overall_sentence(result))));
        let unscored: Vec<&str> = result
            .axes
            .iter()
            .filter(|axis| axis.score.is_none())
            .map(|axis| axis.id.as_str())
            .collect();
        if !unscored.is_empty() {
            view.push(Block::Note(Text::plain(format!(
                "{} no answers and {} not scored: {}.",
                plural(unscored.len(), "contrast had", "contrasts had"),
                if unscored.len() == 1 { "is" } else { "are" },
                unscored.join(", ")
            ))));
        }
        leanings(&mut view, result, self.content, &voice);
        self.why_section(&mut view);
        // Practices speak to the person who answered; a colleague's answers
        // about someone else leave them to that person's own report.
        if result.about.is_none() {
            next_steps(&mut view, result, self.content);
        }
        let closing = if result.about.is_some() { OBSERVER_CLOSING } else { CLOSING };
        view.push(Block::Paragraph(Text::new(Tone::Quiet, closing)));
        view.push(Block::Table(details(result)));
        view
    }
}

fn relation_phrase(relation: crate::result::Relation) -> &'static str {
    match relation {
        crate::result::Relation::Peer => "a peer",
        crate::result::Relation::DirectReport => "a direct report",
        crate::result::Relation::Manager => "their manager",
        crate::result::Relation::Other => "a colleague",
    }
}

/// The small print under a contrast's bar.
fn row_note(axis: &AxisResult) -> Option<String> {
    match axis.score().shown() {
        Shown::Band(Band::Uncertain) => Some(format!(
            "{}: too few for a leaning",
            plural(axis.responses, "response", "responses")
        )),
        // What mixed means is said once, under the chart.
        Shown::Mixed | Shown::Band(_) => None,
    }
}

fn chart(result: &ResultDocument, voice: &Voice) -> Chart {
    let mut groups = Vec::new();
    for theme in &result.themes {
        let rows: Vec<ChartRow> = result
            .axes
            .iter()
            .filter(|axis| axis.theme == theme.id && axis.score.is_some())
            .map(|axis| {
                let shown = axis.score().shown();
                ChartRow {
                    manager: axis.manager.to_string(),
                    leader: axis.leader.to_string(),
                    marks: axis.score.map(|score| (Mark::Score, score)).into_iter().collect(),
                    range: None,
                    value: score_with_error(axis.score, axis.standard_error),
                    label: Text::new(band_tone(shown), shown.label()),
                    note: row_note(axis),
                }
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        let summary = match theme.band {
            Band::Split => format!(
                "split: {} to {}",
                signed(theme.min).unwrap_or_default(),
                signed(theme.max).unwrap_or_default()
            ),
            band => format!("{} {}", signed(theme.score).unwrap_or_default(), band.label()),
        };
        groups.push(ChartGroup {
            heading: Some(
                Text::new(Tone::Strong, theme.name.as_str()).and(Tone::Dim, format!("  {summary}")),
            ),
            rows,
        });
    }
    let whose =
        if voice.subject == "you" { String::from("your") } else { voice.possessive.clone() };
    Chart {
        formats: Formats::VIEWS,
        caption: format!(
            "Where {} land{} on each contrast: the manager side on the left, the leader side on the right.",
            voice.subject,
            if voice.subject == "you" { "" } else { "s" }
        ),
        legend: vec![(Mark::Score, format!("{whose} score"))],
        range_legend: None,
        groups,
    }
}

/// "Overall: 4 of 13 contrasts lean toward the leader side, …".
pub fn overall_sentence(result: &ResultDocument) -> String {
    let overall = &result.overall;
    let mut parts = vec![
        format!("{} toward the leader side", plural(overall.leader_axes, "leans", "lean")),
        format!("{} toward the manager side", plural(overall.manager_axes, "leans", "lean")),
        format!("{} balanced", plural(overall.balanced_axes, "is", "are")),
    ];
    if overall.unclear_axes > 0 {
        parts.push(format!("{} no clear leaning", plural(overall.unclear_axes, "shows", "show")));
    }
    if overall.mixed_axes > 0 {
        parts.push(format!("{} mixed", plural(overall.mixed_axes, "is", "are")));
    }
    if overall.uncertain_axes > 0 {
        parts.push(format!("{} uncertain", plural(overall.uncertain_axes, "is", "are")));
    }
    let last = parts.pop().unwrap_or_default();
    format!(
        "Overall, of {}: {} and {last}.",
        plural(result.axes.len(), "contrast", "contrasts"),
        parts.join(", ")
    )
}

/// The clearest leaning on each side, with what it brings, what the other
/// side adds and what to watch.
fn leanings(view: &mut View, result: &ResultDocument, content: Option<&Content>, voice: &Voice) {
    view.push(Block::Heading(2, Text::plain(format!("{} clearest leanings", voice.possessive))));
    for (side, id) in [
        (Side::Leader, &result.overall.clearest_leader),
        (Side::Manager, &result.overall.clearest_manager),
    ] {
        let Some(axis) = id.as_deref().and_then(|id| result.axis(id)) else {
            view.push(Block::Paragraph(Text::plain(format!(
                "No contrast leans clearly toward the {} side.",
                side.as_str()
            ))));
            continue;
        };
        let tone = side_tone(side);
        view.push(Block::Heading(
            3,
            Text::plain(format!("Toward the {} side: ", side.as_str()))
                .and(tone, poles(&axis.manager, &axis.leader))
                .and(Tone::Dim, format!(" ({})", signed(axis.score).unwrap_or_default())),
        ));
        let Some(content_axis) = content.and_then(|content| content.axis(&axis.id)) else {
            continue;
        };
        let own = content_axis.pole(side);
        let other = content_axis.pole(side.opposite());
        view.push(Block::Paragraph(
            Text::new(tone, format!("{}: ", own.name)).and(Tone::Plain, &own.summary),
        ));
        list(view, "What it brings", content_axis.strengths.get(side).iter().take(3));
        list(
            view,
            &format!("What the {} side would add", other.name),
            content_axis.strengths.get(side.opposite()).iter().take(2),
        );
        list(view, "Watch out for", content_axis.watch_outs.get(side).iter().take(2));
    }
}

fn list<'a>(view: &mut View, label: &str, items: impl Iterator<Item = &'a String>) {
    let items: Vec<Text> = items.map(|item| Text::plain(item.as_str())).collect();
    if items.is_empty() {
        return;
    }
    view.push(Block::Heading(4, Text::plain(label)));
    view.push(Block::Bullets(items));
}

fn side_tone(side: Side) -> Tone {
    match side {
        Side::Manager => Tone::Manager,
        Side::Leader => Tone::Leader,
    }
}

impl Report<'_> {
    /// The answers behind each score: scenario, option, and which way it pulled.
    fn why_section(&self, view: &mut View) {
        let result = self.result;
        let axes: Vec<&AxisResult> = match &self.why {
            Why::None => return,
            Why::All => result.axes.iter().filter(|axis| axis.score.is_some()).collect(),
            Why::Contrast(id) => result.axis(id).into_iter().collect(),
        };
        view.push(Block::Heading(
            2,
            Text::plain(if axes.len() == 1 { "Why this score" } else { "Why these scores" }),
        ));
        let Some(content) = self.content.filter(|content| content.hash == result.content.hash)
        else {
            view.push(Block::Note(Text::plain(
                "The scenarios behind the scores are not available: this result was made with \
                 other content than the one loaded (use --content with the file it was made from).",
            )));
            return;
        };
        let mut neither = false;
        for axis in axes {
            view.push(Block::Heading(
                3,
                Text::new(Tone::Manager, axis.manager.as_str())
                    .and(Tone::Plain, format!(" {} ", crate::view::BETWEEN))
                    .and(Tone::Leader, axis.leader.as_str())
                    .and(
                        Tone::Dim,
                        format!("  {}", score_with_error(axis.score, axis.standard_error)),
                    ),
            ));
            let Some(content_axis) = content.axis(&axis.id) else { continue };
            let items = moves(content, content_axis, result, &mut neither);
            if items.is_empty() {
                view.push(Block::Paragraph(Text::plain("No answer moved this contrast.")));
            } else {
                view.push(Block::Bullets(items));
            }
        }
        if neither {
            view.push(Block::Note(Text::plain(NEITHER_WAY)));
        }
    }
}

/// Why a pick moves a contrast neither way, said once under the answers.
pub const NEITHER_WAY: &str = "A pick counts neither way when, on that contrast, it sits midway \
between the scenario's most manager-side and most leader-side options, so choosing it shows no \
leaning there.";

/// One line per answered scenario on `axis`: title, picks, which way each pulled.
/// `neither` is set when a pick counts neither way.
fn moves(content: &Content, axis: &Axis, result: &ResultDocument, neither: &mut bool) -> Vec<Text> {
    let mut items = Vec::new();
    for scenario in content.scenarios_on(&axis.id) {
        let Some(answer) = result.answers.get(scenario.id.as_str()) else { continue };
        if matches!(answer, Answer::Skipped) {
            items.push(Text::new(Tone::Strong, &scenario.title).and(Tone::Dim, ": skipped"));
            continue;
        }
        let mut text = Text::new(Tone::Strong, format!("{}: ", scenario.title));
        for (index, (pick, option)) in answer.picks(scenario).enumerate() {
            let pull = pick.sign() * scenario.offset(option, &axis.id);
            let (tone, toward) = match pull.signum() {
                1 => (Tone::Leader, format!("counts toward {}", axis.poles.leader.name)),
                -1 => (Tone::Manager, format!("counts toward {}", axis.poles.manager.name)),
                _ => {
                    *neither = true;
                    (Tone::Dim, String::from("counts neither way"))
                }
            };
            let label = match pick {
                Pick::Most if scenario.is_pair() => "more likely",
                Pick::Most => "most likely",
                Pick::Least => "least likely",
            };
            if index > 0 {
                text = text.and(Tone::Plain, "; ");
            }
            text = text
                .and(Tone::Plain, format!("{label} “{}” ", option.text.trim()))
                .and(tone, format!("({toward})"));
        }
        items.push(text);
    }
    items
}

/// Practices for the other side of each clearest leaning.
fn next_steps(view: &mut View, result: &ResultDocument, content: Option<&Content>) {
    let Some(content) = content else { return };
    let mut sections = Vec::new();
    for (side, id) in [
        (Side::Leader, &result.overall.clearest_leader),
        (Side::Manager, &result.overall.clearest_manager),
    ] {
        let Some(axis) = id.as_deref().and_then(|id| content.axis(id)) else { continue };
        let Some(steps) = &axis.next_steps else { continue };
        let other = side.opposite();
        sections.push((axis, other, steps.get(other)));
    }
    if sections.is_empty() {
        return;
    }
    view.push(Block::Heading(2, Text::plain("Next steps")));
    view.push(Block::Paragraph(Text::plain(
        "Strengths grow further when the other side of a contrast is in reach too. Some things to try:",
    )));
    for (axis, side, steps) in sections {
        let pole = axis.pole(side);
        view.push(Block::Heading(
            3,
            Text::plain("To add more of ").and(side_tone(side), &pole.name).and(
                Tone::Dim,
                format!(" ({})", poles(&axis.poles.manager.name, &axis.poles.leader.name)),
            ),
        ));
        view.push(Block::Bullets(
            steps.practices.iter().map(|practice| Text::plain(practice.as_str())).collect(),
        ));
        view.push(Block::Paragraph(
            Text::new(Tone::Strong, "To discuss with a manager or mentor: ")
                .and(Tone::Plain, &steps.discuss),
        ));
    }
}

/// One row per contrast, for CSV; the other formats draw the chart instead.
fn details(result: &ResultDocument) -> Table {
    let mut table = Table::new(super::contrast_columns(vec![
        Column::number("score", "score"),
        Column::number("±", "standard_error"),
        Column::number("responses", "responses"),
        Column::number("answered", "answered"),
        Column::number("skipped", "skipped"),
        Column::number("total", "total"),
        Column::text("band", "band"),
        Column::text("mixed", "mixed"),
    ]))
    .only(&[Format::Csv]);
    for axis in &result.axes {
        table.row(super::contrast_row(
            &axis.id,
            &axis.theme,
            &axis.manager,
            &axis.leader,
            vec![
                Cell::Score(axis.score),
                axis.standard_error.map_or(Cell::Empty, |error| Cell::Count(error as usize)),
                Cell::Count(axis.responses),
                Cell::Count(axis.answered),
                Cell::Count(axis.skipped),
                Cell::Count(axis.total),
                Cell::band(axis.band),
                Cell::Flag(axis.mixed),
            ],
        ));
    }
    table
}
