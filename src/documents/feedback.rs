//! The self-versus-others view: where colleagues see a person differently
//! from how the person sees themselves, largest gaps first, then where the
//! views agree, with each contrast explained at hand.

use serde::Serialize;

use crate::content::Content;
use crate::content::model::Side;
use crate::content::wording::first_name;
use crate::export::text::decimal;
use crate::export::{Document, Format};
use crate::feedback::{ContrastFeedback, FeedbackDocument, MIN_RATERS, Verdict};
use crate::view::{
    Block, Cell, Chart, ChartGroup, ChartRow, Column, Mark, Places, Table, Text, Tone, View,
    plural, poles, signed,
};

/// The closing thought of the feedback view.
pub const FEEDBACK_CLOSING: &str = "A gap is not an error on either side. Colleagues see what you do \
in front of them; you know what you meant and what they did not see. The largest gaps are the best \
starting points for a conversation, not verdicts, and neither side of any contrast is the better one.";

/// A feedback document and what its view needs beside it.
#[derive(Debug, Clone, Serialize)]
#[serde(transparent)]
pub struct Feedback<'a> {
    document: &'a FeedbackDocument,
    /// The content, for the explanation of each contrast.
    #[serde(skip)]
    content: Option<&'a Content>,
}

impl<'a> Feedback<'a> {
    /// The view of `document`; `content` adds what each side means.
    pub fn new(document: &'a FeedbackDocument, content: Option<&'a Content>) -> Self {
        Self { document, content }
    }
}

fn verdict_label(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Agree => "views agree",
        Verdict::OthersSeeMoreLeader => "others see more leader",
        Verdict::OthersSeeMoreManager => "others see more manager",
        Verdict::Unknown => "not enough answers",
    }
}

fn verdict_tone(verdict: Verdict) -> Tone {
    match verdict {
        Verdict::OthersSeeMoreLeader => Tone::Leader,
        Verdict::OthersSeeMoreManager => Tone::Manager,
        Verdict::Agree | Verdict::Unknown => Tone::Plain,
    }
}

impl Document for Feedback<'_> {
    const FORMATS: &'static [Format] = &Format::ALL;

    fn view(&self) -> View {
        let document = self.document;
        let name = first_name(&document.subject).to_owned();
        let mut view = View::new(format!("How others see {}", document.subject));
        let total: usize = document.raters.values().sum();
        let by_relation: Vec<String> = document
            .raters
            .iter()
            .map(|(relation, count)| {
                format!(
                    "{count} {}",
                    if *count == 1 {
                        relation.id().replace('-', " ")
                    } else {
                        relation.plural().to_owned()
                    }
                )
            })
            .collect();
        view.meta.push(format!("{} {}", document.content.title, document.content.version));
        view.meta.push(format!(
            "{} ({}) compared with {name}'s own answers",
            plural(total, "colleague", "colleagues"),
            by_relation.join(", ")
        ));
        if document.min_raters < MIN_RATERS {
            view.push(Block::Paragraph(Text::new(
                Tone::Alert,
                format!(
                    "Fewer than {MIN_RATERS} raters were allowed (--min-raters {}): answers may be recognisable.",
                    document.min_raters
                ),
            )));
        }
        view.push(Block::Chart(chart(document, &name)));
        let mut differ: Vec<&ContrastFeedback> = document
            .contrasts
            .iter()
            .filter(|contrast| {
                matches!(
                    contrast.verdict,
                    Verdict::OthersSeeMoreLeader | Verdict::OthersSeeMoreManager
                )
            })
            .collect();
        differ.sort_by(|a, b| {
            b.gap
                .unwrap_or(0.0)
                .abs()
                .total_cmp(&a.gap.unwrap_or(0.0).abs())
                .then_with(|| a.id.cmp(&b.id))
        });
        view.push(Block::Heading(2, Text::plain("Where views differ most")));
        if differ.is_empty() {
            view.push(Block::Paragraph(Text::plain(format!(
                "On every contrast, colleagues see {name} within 20 points of how {name} sees themselves."
            ))));
        }
        for contrast in differ {
            self.differs(&mut view, contrast, &name);
        }
        let agree: Vec<Text> = document
            .contrasts
            .iter()
            .filter(|contrast| contrast.verdict == Verdict::Agree)
            .map(|contrast| {
                Text::new(Tone::Strong, poles(&contrast.manager, &contrast.leader)).and(
                    Tone::Dim,
                    format!(
                        ": {name} {}, others {}",
                        signed(contrast.own).unwrap_or_default(),
                        contrast.others.mean.map(|mean| decimal(mean, 0, true)).unwrap_or_default()
                    ),
                )
            })
            .collect();
        if !agree.is_empty() {
            view.push(Block::Heading(2, Text::plain("Where views agree")));
            view.push(Block::Bullets(agree));
        }
        if !document.groups.is_empty() {
            view.push(Block::Heading(2, Text::plain("By relation")));
            view.push(Block::Table(groups(document)));
        }
        view.push(Block::Table(table(document)));
        view.push(Block::Paragraph(Text::new(Tone::Quiet, FEEDBACK_CLOSING)));
        view
    }
}

impl Feedback<'_> {
    /// One contrast where views differ: the figures, and what the side
    /// others see more of means.
    fn differs(&self, view: &mut View, contrast: &ContrastFeedback, name: &str) {
        let (side, pole) = match contrast.verdict {
            Verdict::OthersSeeMoreLeader => (Side::Leader, &contrast.leader),
            _ => (Side::Manager, &contrast.manager),
        };
        view.push(Block::Heading(
            3,
            Text::new(Tone::Manager, &contrast.manager)
                .and(Tone::Plain, format!(" {} ", crate::view::BETWEEN))
                .and(Tone::Leader, &contrast.leader),
        ));
        view.push(Block::Paragraph(
            Text::plain(format!(
                "{name} {}, others {} (from {} to {}): ",
                signed(contrast.own).unwrap_or_default(),
                contrast.others.mean.map(|mean| decimal(mean, 0, true)).unwrap_or_default(),
                signed(contrast.others.min).unwrap_or_default(),
                signed(contrast.others.max).unwrap_or_default(),
            ))
            .and(verdict_tone(contrast.verdict), format!("others see more of the {pole} side")),
        ));
        if let Some(axis) = self.content.and_then(|content| content.axis(&contrast.id)) {
            let own = axis.pole(side);
            view.push(Block::Note(Text::plain(format!("{}: {}", own.name, own.summary))));
        }
    }
}

fn chart(document: &FeedbackDocument, name: &str) -> Chart {
    let rows = document
        .contrasts
        .iter()
        .map(|contrast| {
            let mut marks = Vec::new();
            if let Some(mean) = contrast.others.mean {
                marks.push((Mark::Mean, mean.round() as i32));
            }
            if let Some(own) = contrast.own {
                marks.push((Mark::Score, own));
            }
            ChartRow {
                manager: contrast.manager.clone(),
                leader: contrast.leader.clone(),
                marks,
                range: contrast.others.min.zip(contrast.others.max),
                value: contrast
                    .gap
                    .map(|gap| format!("{} gap", decimal(gap, 0, true)))
                    .unwrap_or_default(),
                label: Text::new(verdict_tone(contrast.verdict), verdict_label(contrast.verdict)),
                note: None,
            }
        })
        .collect();
    Chart {
        places: Places { text: true, markdown: false, html: true, csv: false },
        caption: format!(
            "Per contrast: {name}'s own score, the colleagues' mean and their range; the manager side on the left, the leader side on the right."
        ),
        legend: vec![
            (Mark::Score, format!("{name}'s own answers")),
            (Mark::Mean, String::from("colleagues' mean")),
        ],
        range_legend: Some(String::from("colleagues' lowest to highest")),
        groups: vec![ChartGroup { heading: None, rows }],
    }
}

fn table(document: &FeedbackDocument) -> Table {
    let mut table = Table::new(super::contrast_columns(vec![
        Column::number("self", "self"),
        Column::number("n", "others_n").dropped(2),
        Column::number("others", "others_mean"),
        Column::number("min", "others_min").dropped(3),
        Column::number("max", "others_max").dropped(3),
        Column::number("gap", "gap"),
        Column::text("verdict", "verdict_shown").people().dropped(1),
        Column::text("verdict", "verdict").machines(),
    ]))
    .only(Places { text: false, markdown: true, html: true, csv: true });
    for contrast in &document.contrasts {
        table.row(super::contrast_row(
            &contrast.id,
            &contrast.theme,
            &contrast.manager,
            &contrast.leader,
            vec![
                Cell::Score(contrast.own),
                Cell::Count(contrast.others.n),
                Cell::signed(contrast.others.mean, 1),
                Cell::Score(contrast.others.min),
                Cell::Score(contrast.others.max),
                Cell::signed(contrast.gap, 1),
                Cell::Text(Text::new(
                    verdict_tone(contrast.verdict),
                    verdict_label(contrast.verdict),
                )),
                Cell::text(contrast.verdict.id()),
            ],
        ));
    }
    table
}

fn groups(document: &FeedbackDocument) -> Table {
    let mut columns = vec![Column::text("contrast", "contrast").cuttable()];
    for group in &document.groups {
        let header = if group.relation == "others" {
            format!("others ({})", group.raters)
        } else {
            let relation = group.relation.replace('-', " ");
            format!("{relation}s ({})", group.raters)
        };
        columns
            .push(Column::number(&header, &format!("{}_mean", group.relation.replace('-', "_"))));
    }
    let mut table = Table::new(columns).not_csv();
    for (index, contrast) in document.contrasts.iter().enumerate() {
        let mut row = vec![Cell::text(poles(&contrast.manager, &contrast.leader))];
        for group in &document.groups {
            row.push(Cell::signed(group.means.get(index).copied().flatten(), 0));
        }
        table.row(row);
    }
    table
}
