//! `itlead explain`: contrasts in full, and `itlead list`'s one line each.

use serde::Serialize;

use crate::content::model::{Axis, Content, NextSteps, Pole, Side, Sides, Source};
use crate::export::{Document, Format};
use crate::view::{Block, Cell, Column, Table, Text, Tone, View, poles};

/// One contrast as `explain --format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Explained<'a> {
    /// Axis id.
    pub id: &'a str,
    /// Theme id.
    pub theme: &'a str,
    /// Theme display name.
    pub theme_name: &'a str,
    /// Manager pole.
    pub manager: &'a Pole,
    /// Leader pole.
    pub leader: &'a Pole,
    /// Other names.
    pub aliases: &'a [String],
    /// What it is about.
    pub explanation: &'a str,
    /// An example from IT work.
    pub in_it: &'a str,
    /// Strengths per side.
    pub strengths: &'a Sides<Vec<String>>,
    /// Watch-outs per side.
    pub watch_outs: &'a Sides<Vec<String>>,
    /// Practices for growing each side, when the content has them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_steps: Option<&'a Sides<NextSteps>>,
    /// Related axis ids.
    pub related: &'a [String],
    /// The source article.
    pub source: Option<&'a Source>,
    /// The point of the article.
    pub source_point: &'a str,
}

/// The contrasts `explain` shows: one (JSON: an object) or all (an array).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum Explanation<'a> {
    /// One contrast.
    One(Explained<'a>),
    /// Every contrast.
    All(Vec<Explained<'a>>),
}

/// `axis` of `content`, ready to show.
pub fn explained<'a>(content: &'a Content, axis: &'a Axis) -> Explained<'a> {
    Explained {
        id: &axis.id,
        theme: &axis.theme,
        theme_name: content
            .theme(&axis.theme)
            .map_or(axis.theme.as_str(), |theme| theme.name.as_str()),
        manager: &axis.poles.manager,
        leader: &axis.poles.leader,
        aliases: &axis.aliases,
        explanation: &axis.explanation,
        in_it: &axis.in_it,
        strengths: &axis.strengths,
        watch_outs: &axis.watch_outs,
        next_steps: axis.next_steps.as_ref(),
        related: &axis.related,
        source: content.source(&axis.source),
        source_point: &axis.source_point,
    }
}

/// One line naming a source.
pub fn cite(source: &Source) -> String {
    let mut line = format!("\"{}\", {}", source.title, source.publisher);
    if let Some(author) = &source.author {
        line.push_str(&format!(" ({author})"));
    }
    if let Some(after) = &source.after {
        line.push_str(&format!(", after {after}"));
    }
    line
}

fn tone(side: Side) -> Tone {
    match side {
        Side::Manager => Tone::Manager,
        Side::Leader => Tone::Leader,
    }
}

fn label(axis: &Explained<'_>) -> String {
    let mut label = format!("{} · {}", axis.id, axis.theme_name);
    if !axis.aliases.is_empty() {
        label.push_str(&format!(" · also: {}", axis.aliases.join(", ")));
    }
    label
}

/// The blocks that explain one contrast, headings at `level` and below.
fn blocks(axis: &Explained<'_>, level: u8, view: &mut View) {
    view.push(Block::Paragraph(Text::plain(axis.explanation)));
    view.push(Block::Heading(level, Text::plain("In IT")));
    view.push(Block::Paragraph(Text::plain(axis.in_it)));
    for (side, pole) in [(Side::Manager, axis.manager), (Side::Leader, axis.leader)] {
        view.push(Block::Heading(
            level,
            Text::new(tone(side), &pole.name).and(Tone::Dim, format!(" ({} side)", side.as_str())),
        ));
        view.push(Block::Paragraph(Text::plain(&pole.summary)));
        view.push(Block::Heading(4, Text::plain("Strengths")));
        view.push(Block::Bullets(
            axis.strengths.get(side).iter().map(|item| Text::plain(item.as_str())).collect(),
        ));
        view.push(Block::Heading(4, Text::plain("Watch out for")));
        view.push(Block::Bullets(
            axis.watch_outs.get(side).iter().map(|item| Text::plain(item.as_str())).collect(),
        ));
        if let Some(steps) = axis.next_steps.map(|steps| steps.get(side)) {
            view.push(Block::Heading(4, Text::plain(format!("To grow the {} side", pole.name))));
            view.push(Block::Bullets(
                steps.practices.iter().map(|item| Text::plain(item.as_str())).collect(),
            ));
        }
    }
    if !axis.related.is_empty() {
        view.push(Block::Paragraph(Text::plain(format!("Related: {}", axis.related.join(", ")))));
    }
    if let Some(source) = axis.source {
        view.push(Block::Note(Text::plain(format!(
            "Source: {}; {}",
            cite(source),
            axis.source_point
        ))));
    }
}

impl Document for Explanation<'_> {
    const FORMATS: &'static [Format] =
        &[Format::Text, Format::Json, Format::Yaml, Format::Markdown, Format::Html];

    fn view(&self) -> View {
        match self {
            Explanation::One(axis) => {
                let mut view = View::new(poles(&axis.manager.name, &axis.leader.name));
                view.meta.push(label(axis));
                blocks(axis, 2, &mut view);
                view
            }
            Explanation::All(axes) => {
                let mut view = View::new("The contrasts");
                view.meta.push(String::from(
                    "Each contrast has a manager side and a leader side; neither is the better one.",
                ));
                for axis in axes {
                    view.push(Block::Heading(
                        2,
                        Text::new(Tone::Manager, &axis.manager.name)
                            .and(Tone::Plain, format!(" {} ", crate::view::BETWEEN))
                            .and(Tone::Leader, &axis.leader.name),
                    ));
                    view.push(Block::Note(Text::plain(label(axis))));
                    blocks(axis, 3, &mut view);
                }
                view
            }
        }
    }
}

/// One axis as `itlead list --format json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Listed<'a> {
    /// Axis id.
    pub id: &'a str,
    /// Manager pole name.
    pub manager: &'a str,
    /// Leader pole name.
    pub leader: &'a str,
    /// Theme id.
    pub theme: &'a str,
}

/// `itlead list`: every contrast, one row each.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Listing<'a> {
    rows: Vec<Listed<'a>>,
    #[serde(skip)]
    theme_names: Vec<&'a str>,
}

impl<'a> Listing<'a> {
    /// The contrasts of `content`.
    pub fn new(content: &'a Content) -> Self {
        let rows = content
            .axes
            .iter()
            .map(|axis| Listed {
                id: &axis.id,
                manager: &axis.poles.manager.name,
                leader: &axis.poles.leader.name,
                theme: &axis.theme,
            })
            .collect();
        let theme_names = content
            .axes
            .iter()
            .map(|axis| {
                content.theme(&axis.theme).map_or(axis.theme.as_str(), |theme| theme.name.as_str())
            })
            .collect();
        Self { rows, theme_names }
    }
}

impl Document for Listing<'_> {
    const FORMATS: &'static [Format] =
        &[Format::Text, Format::Json, Format::Yaml, Format::Markdown, Format::Csv];

    fn view(&self) -> View {
        let mut table = Table::new(vec![
            Column::text("id", "id"),
            Column::text("manager ⟷ leader", "poles").people().cuttable(),
            Column::text("manager", "manager").machines(),
            Column::text("leader", "leader").machines(),
            Column::text("theme", "theme_name").people().dropped(1),
            Column::text("theme", "theme").machines(),
        ]);
        for (row, theme_name) in self.rows.iter().zip(&self.theme_names) {
            table.row(vec![
                Cell::Code(row.id.to_owned()),
                Cell::Text(
                    Text::new(Tone::Manager, row.manager)
                        .and(Tone::Plain, format!(" {} ", crate::view::BETWEEN))
                        .and(Tone::Leader, row.leader),
                ),
                Cell::text(row.manager),
                Cell::text(row.leader),
                Cell::Text(Text::new(Tone::Dim, *theme_name)),
                Cell::text(row.theme),
            ]);
        }
        let mut view = View::new("");
        view.push(Block::Table(table));
        view
    }
}
