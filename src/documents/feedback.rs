//! The self-versus-others view: where colleagues see a person differently
//! from how the person sees themselves, largest gaps first, then where the
//! views agree, with each contrast explained at hand.

use serde::Serialize;

use crate::analysis::feedback::{
    ContrastFeedback, FeedbackDocument, GroupFeedback, MIN_RATERS, REST, RelationView, Shown,
    Verdict, rest_needed,
};
use crate::content::Content;
use crate::content::model::Side;
use crate::content::wording::first_name;
use crate::export::{Document, Format, Formats};
use crate::number::{decimal, score_with_error, signed};
use crate::result::Relation;
use crate::score::RELIABLE_CHANGE_Z;
use crate::view::{
    Block, Cell, Chart, ChartGroup, ChartRow, Column, Mark, Table, Text, Tone, View, plural, poles,
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

/// What a gap must pass to count, in words, said once.
fn rule(name: &str) -> String {
    format!(
        "Each score has a margin (±, one standard error): {name}'s from how consistent {name}'s \
         own answers were, the colleagues' from how far apart they were and how consistent each \
         was. A gap counts only when it is larger than {RELIABLE_CHANGE_Z} times the square root \
         of the two squared margins added; a smaller one is agreement, since answering again \
         could close it."
    )
}

/// A relation's count for people: "1 manager", "3 peers".
fn relation_count(relation: Relation, count: usize) -> String {
    if count == 1 {
        format!("1 {}", relation.id().replace('-', " "))
    } else {
        format!("{count} {}", relation.plural())
    }
}

/// The plural of a relation alone: "managers", "direct reports".
fn relation_plural(relation: Relation) -> &'static str {
    relation.plural()
}

/// A group's name in a table header: "peers (3)", "rest (3)".
fn group_header(group: &GroupFeedback) -> String {
    if group.relation == REST {
        format!("rest ({})", group.raters)
    } else {
        let relation = group.relation.replace('-', " ");
        format!("{relation}s ({})", group.raters)
    }
}

/// A list in words: "a", "a and b", "a, b and c".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [head @ .., last] => format!("{} and {last}", head.join(", ")),
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
            .map(|(relation, count)| relation_count(*relation, *count))
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
        view.push(Block::Paragraph(Text::new(Tone::Dim, rule(&name))));
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
                "On every contrast, the gap between how colleagues see {name} and how {name} sees \
                 themselves is within the margins."
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
                        score_with_error(contrast.own, contrast.self_margin),
                        others_with_margin(contrast)
                    ),
                )
            })
            .collect();
        if !agree.is_empty() {
            view.push(Block::Heading(2, Text::plain("Where views agree")));
            view.push(Block::Bullets(agree));
        }
        who_answered(&mut view, document);
        if !document.groups.is_empty() {
            view.push(Block::Heading(2, Text::plain("By relation")));
            view.push(Block::Table(groups(document)));
            let withheld =
                document.contrasts.iter().filter(|contrast| contrast.breakdown_withheld).count();
            if withheld > 0 {
                view.push(Block::Note(Text::plain(format!(
                    "On {} the view by relation is withheld (–): some colleagues gave no answers \
                     there, which leaves fewer than {} outside the groups, and the overall mean \
                     minus the groups' means would show their scores.",
                    plural(withheld, "contrast", "contrasts"),
                    document.min_raters
                ))));
            }
        }
        view.push(Block::Table(table(document)));
        view.push(Block::Paragraph(Text::new(Tone::Quiet, FEEDBACK_CLOSING)));
        view
    }
}

/// The others' mean as people read it, with its margin: `+14 ±8`.
fn others_with_margin(contrast: &ContrastFeedback) -> String {
    let Some(mean) = contrast.others.mean else {
        return String::new();
    };
    let mean = decimal(mean, 0, true);
    match contrast.others.margin {
        Some(margin) => format!("{mean} ±{margin}"),
        None => mean,
    }
}

/// The gap a contrast needs before it counts, in whole points.
fn threshold(contrast: &ContrastFeedback) -> Option<f64> {
    let (own, others) = (contrast.self_margin?, contrast.others.margin?);
    Some(RELIABLE_CHANGE_Z * f64::from(own * own + others * others).sqrt())
}

/// Who answered, by relation; which views are shown; what a hidden view
/// would need.
fn who_answered(view: &mut View, document: &FeedbackDocument) {
    let floor = document.min_raters;
    let total: usize = document.raters.values().sum();
    let counts = |views: &[&RelationView]| -> Vec<String> {
        views.iter().map(|view| relation_count(view.relation, view.raters)).collect()
    };
    view.push(Block::Heading(2, Text::plain("Who answered")));
    let everyone: Vec<&RelationView> = document.relations.iter().collect();
    let mut lines = vec![Text::plain(format!(
        "{}: {}; no figure shown rests on fewer than {floor}",
        plural(total, "colleague", "colleagues"),
        and_list(&counts(&everyone)),
    ))];
    let apart: Vec<&RelationView> =
        document.relations.iter().filter(|view| view.shown == Shown::Apart).collect();
    let in_rest: Vec<&RelationView> =
        document.relations.iter().filter(|view| view.shown == Shown::InRest).collect();
    if !apart.is_empty() {
        let groups: Vec<String> = apart
            .iter()
            .map(|view| format!("{} ({})", relation_plural(view.relation), view.raters))
            .collect();
        let mut line = format!("Shown apart: {}", and_list(&groups));
        if !in_rest.is_empty() {
            let rest: usize = in_rest.iter().map(|view| view.raters).sum();
            line.push_str(&format!(
                "; together as the rest ({rest}): {}",
                and_list(&counts(&in_rest))
            ));
        }
        lines.push(Text::plain(line));
    }
    if let Some(needed) = rest_needed(document) {
        let small: Vec<&RelationView> =
            document.relations.iter().filter(|view| view.raters < floor).collect();
        let large: Vec<String> = document
            .relations
            .iter()
            .filter(|view| view.raters >= floor)
            .map(|view| relation_plural(view.relation).to_owned())
            .collect();
        let count: usize = small.iter().map(|view| view.raters).sum();
        lines.push(Text::plain(format!(
            "No view by relation: the {} outside the {} would follow from everyone's mean and \
             theirs; {} who {} not {} would show it",
            if count == 1 { String::from("one colleague") } else { format!("{count} colleagues") },
            and_list(&large),
            plural(needed, "more colleague", "more colleagues"),
            if needed == 1 { "is" } else { "are" },
            and_list(&large),
        )));
    } else if document.groups.is_empty() {
        lines.push(Text::plain(if document.relations.len() == 1 {
            String::from("No view by relation: everyone is of one relation")
        } else {
            format!("No view by relation: it needs two groups of at least {floor}")
        }));
    }
    let small: Vec<&RelationView> =
        document.relations.iter().filter(|view| view.raters < floor).collect();
    for relation in small.iter().filter(|view| view.needed.is_some()) {
        let needed = relation.needed.unwrap_or_default();
        lines.push(Text::plain(format!(
            "{}: not apart; {needed} more would show {} apart",
            relation_count(relation.relation, relation.raters),
            if relation.raters + needed == 1 { "it" } else { "them" }
        )));
    }
    let stuck: Vec<&RelationView> =
        small.iter().copied().filter(|view| view.needed.is_none()).collect();
    if !stuck.is_empty() {
        lines.push(Text::plain(format!(
            "{}: not apart; a relation is shown apart from {floor} colleagues on, where those \
             left besides number none or at least {floor}",
            and_list(&counts(&stuck))
        )));
    }
    view.push(Block::Bullets(lines));
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
        let range = match (contrast.others.min, contrast.others.max) {
            (Some(min), Some(max)) => format!(
                " (from {} to {})",
                signed(Some(min)).unwrap_or_default(),
                signed(Some(max)).unwrap_or_default()
            ),
            _ => String::new(),
        };
        let beyond = match (contrast.gap, threshold(contrast)) {
            (Some(gap), Some(needed)) => format!(
                "; a gap of {}, beyond the {} the margins allow: ",
                decimal(gap.abs(), 0, false),
                decimal(needed, 0, false)
            ),
            _ => String::from(": "),
        };
        view.push(Block::Paragraph(
            Text::plain(format!(
                "{name} {}, others {}{range}{beyond}",
                score_with_error(contrast.own, contrast.self_margin),
                others_with_margin(contrast),
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
            // Where the two meet, the page shows the dot inside the
            // others' hollow diamond; text, one character wide, the dot.
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
    let ranged = document.contrasts.iter().any(|contrast| contrast.others.min.is_some());
    Chart {
        formats: Formats::of(&[Format::Text, Format::Html]),
        caption: format!(
            "Per contrast: {name}'s own score and the colleagues' mean{}; the manager side on the left, the leader side on the right.",
            if ranged { " and range" } else { "" }
        ),
        legend: vec![
            (Mark::Score, format!("{name}'s own answers")),
            (Mark::Mean, String::from("colleagues' mean")),
        ],
        range_legend: ranged.then(|| {
            format!("colleagues' lowest to highest (from {} answers on)", document.min_raters + 2)
        }),
        groups: vec![ChartGroup { heading: None, rows }],
    }
}

fn table(document: &FeedbackDocument) -> Table {
    let mut table = Table::new(super::contrast_columns(vec![
        Column::number("self", "self"),
        Column::number("±", "self_margin").dropped(2),
        Column::number("n", "others_n").dropped(2),
        Column::number("others", "others_mean"),
        Column::number("±", "others_margin").dropped(2),
        Column::number("min", "others_min").dropped(3),
        Column::number("max", "others_max").dropped(3),
        Column::number("gap", "gap"),
        Column::text("verdict", "verdict_shown").people().dropped(1),
        Column::text("verdict", "verdict").machines(),
    ]))
    .only(&[Format::Markdown, Format::Html, Format::Csv]);
    for contrast in &document.contrasts {
        table.row(super::contrast_row(
            &contrast.id,
            &contrast.theme,
            &contrast.manager,
            &contrast.leader,
            vec![
                Cell::Score(contrast.own),
                Cell::decimal(contrast.self_margin.map(f64::from), 0),
                Cell::Count(contrast.others.n),
                Cell::signed(contrast.others.mean, 1),
                Cell::decimal(contrast.others.margin.map(f64::from), 0),
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
        let key = format!("{}_mean", group.relation.replace('-', "_"));
        columns.push(Column::number(&group_header(group), &key));
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
