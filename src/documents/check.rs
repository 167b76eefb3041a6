//! `itlead check`: a content file's design analysis, or its problems.

use serde::Serialize;

use crate::content::Content;
use crate::content::design::{CORRELATION_LIMIT, Design};
use crate::content::diagnostic::Diagnostic;
use crate::content::findings::Finding;
use crate::content::model::ResponseFormat;
use crate::export::{Document, Format};
use crate::respondents::{self, Modelled};
use crate::view::{Block, Cell, Column, Table, Text, Tone, View, plural};

/// Correlations at least this strong are listed in text.
const SHOWN_CORRELATION: f64 = 0.15;

/// What `check` reports on valid content.
#[derive(Debug, Clone, Serialize)]
pub struct Checked {
    /// Always true.
    pub valid: bool,
    /// The file checked.
    pub file: String,
    /// Content title.
    pub title: String,
    /// Content version.
    pub version: String,
    /// How scenarios are answered.
    pub response: ResponseFormat,
    /// Number of themes.
    pub themes: usize,
    /// Number of contrasts.
    pub axes: usize,
    /// Number of scenarios.
    pub scenarios: usize,
    /// The design analysis.
    pub design: Design,
    /// What modelled respondents show.
    pub modelled: Modelled,
}

impl Checked {
    /// The report on `content`, read from `file`, with respondents modelled
    /// at strength `beta`.
    pub fn new(file: &str, content: &Content, beta: f64) -> Self {
        Self {
            valid: true,
            file: file.to_owned(),
            title: content.title.clone(),
            version: content.version.clone(),
            response: content.response,
            themes: content.themes.len(),
            axes: content.axes.len(),
            scenarios: content.scenarios.len(),
            design: crate::content::design::analyse(content),
            modelled: respondents::model(content, beta),
        }
    }

    /// Every warning: the design's, then the modelled respondents'.
    pub fn warnings(&self) -> Vec<&Finding> {
        self.design.warnings.iter().chain(&self.modelled.warnings).collect()
    }
}

/// The modelled figures of both forms, and what they mean.
fn modelled(view: &mut View, modelled: &Modelled) {
    view.push(Block::Heading(2, Text::plain("Modelled respondents")));
    view.push(Block::Paragraph(Text::plain(format!(
        "{} people with known positions on every contrast (the consistent-respondent model, \
         beta {}) answer each form twice.",
        thousands(modelled.people),
        modelled.beta
    ))));
    for (name, form) in [("Full form", &modelled.full), ("Quick form", &modelled.quick)] {
        view.push(Block::Heading(
            3,
            Text::plain(format!("{name} ({})", plural(form.scenarios, "scenario", "scenarios"))),
        ));
        let mut table = Table::new(vec![
            Column::text("contrast", "id"),
            Column::number("retest", "retest"),
            Column::number("recovery", "recovery").dropped(1),
            Column::number("same", "same_side"),
            Column::number("wrong", "wrong_side"),
            Column::number("leaning", "sensitivity").dropped(2),
            Column::number("mixed", "mixed").dropped(3),
            Column::number("moved", "moved").dropped(4),
        ]);
        let percent = |share: f64| Cell::text(format!("{:.1}%", share * 100.0));
        for axis in &form.axes {
            table.row(vec![
                Cell::Code(axis.id.clone()),
                Cell::decimal(Some(axis.retest), 2),
                Cell::decimal(Some(axis.recovery), 2),
                percent(axis.same_side),
                percent(axis.wrong_side),
                percent(axis.sensitivity),
                percent(axis.mixed),
                percent(axis.moved),
            ]);
        }
        view.push(Block::Table(table));
        view.push(Block::Paragraph(Text::plain(format!(
            "Median retest {:.2}; {}.",
            form.median_retest,
            largest(form.largest_correlation.as_ref())
        ))));
    }
    view.push(Block::Note(Text::plain(
        "retest: the correlation of the scores of two answer sets by the same people; recovery: of \
         the score with the position it measures; same: shown the same side (manager, neither, \
         leader) both times; wrong: people beyond ±0.5 SD shown a band of the other side; leaning: \
         people beyond ±1 SD shown a leaning their way; mixed: answer sets shown mixed; moved: people \
         whose two answer sets `compare` would call a move beyond noise.",
    )));
}

fn largest(pair: Option<&respondents::ModelledCorrelation>) -> String {
    pair.map_or_else(
        || String::from("no two contrasts share a scenario"),
        |pair| {
            format!(
                "largest correlation between two contrasts {:+.2} ({} ~ {})",
                pair.r, pair.a, pair.b
            )
        },
    )
}
/// `4000` as `4,000`.
fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

fn findings(view: &mut View, title: &str, findings: &[&Finding], tone: Tone) {
    view.push(Block::Heading(2, Text::plain(format!("{title} ({})", findings.len()))));
    view.push(Block::Bullets(
        findings.iter().map(|finding| Text::new(tone, finding.to_string())).collect(),
    ));
}

impl Document for Checked {
    const FORMATS: &'static [Format] =
        &[Format::Text, Format::Json, Format::Yaml, Format::Markdown];

    fn view(&self) -> View {
        let design = &self.design;
        let mut view = View::new(format!("{}: valid", self.file));
        view.meta.push(format!(
            "\"{}\" version {} · {} in {} · {} · {}",
            self.title,
            self.version,
            plural(self.axes, "contrast", "contrasts"),
            plural(self.themes, "theme", "themes"),
            plural(self.scenarios, "scenario", "scenarios"),
            match self.response {
                ResponseFormat::Most => "answered with the most likely option",
                ResponseFormat::MostAndLeast =>
                    "answered with the most and the least likely option",
            }
        ));
        view.push(Block::Paragraph(Text::plain(format!(
            "Time: the full form takes about {:.1} minutes ({}, {} words, {} decisions); \
             the quick form about {:.1} minutes ({}).",
            design.full.minutes_tenths(),
            plural(design.full.scenarios, "scenario", "scenarios"),
            design.full.words,
            design.full.decisions,
            design.quick.minutes_tenths(),
            plural(design.quick.scenarios, "scenario", "scenarios"),
        ))));
        let roles = design.roles;
        if roles.unspecified < self.scenarios {
            view.push(Block::Paragraph(Text::plain(format!(
                "Roles: {} for anyone, {} for a lead, {} for a line manager{}; {} of {} need no line authority.",
                roles.anyone,
                roles.lead,
                roles.manager,
                if roles.unspecified > 0 { format!(", {} unspecified", roles.unspecified) } else { String::new() },
                roles.anyone + roles.lead,
                self.scenarios
            ))));
        }
        let mut table = Table::new(vec![
            Column::text("contrast", "id"),
            Column::number("scen", "scenarios").dropped(3),
            Column::number("resp", "responses"),
            Column::number("quick", "quick_responses"),
            Column::number("M", "manager_options").dropped(2),
            Column::number("L", "leader_options").dropped(2),
            Column::number("mean", "random_mean"),
            Column::number("sd", "random_sd").dropped(4),
            Column::number("step", "step").dropped(1),
            Column::number("swing", "swing").dropped(1),
        ]);
        for axis in &design.axes {
            table.row(vec![
                Cell::Code(axis.id.clone()),
                Cell::Count(axis.scenarios),
                Cell::Count(axis.responses),
                Cell::Count(axis.quick_responses),
                Cell::Count(axis.manager_options),
                Cell::Count(axis.leader_options),
                Cell::signed(Some(axis.random_mean), 1),
                Cell::decimal(Some(axis.random_sd), 1),
                Cell::decimal(Some(axis.step), 1),
                Cell::decimal(Some(axis.swing), 1),
            ]);
        }
        view.push(Block::Table(table));
        view.push(Block::Note(Text::plain(
            "scen: scenarios that move the contrast; resp and quick: scored responses in the full and \
             the quick form; M and L: options pulling toward the manager and the leader pole; mean and \
             sd: the score of someone answering at random (the design's built-in bias, and its \
             spread); step and swing: the smallest and the largest change one response can make.",
        )));
        let strong: Vec<_> =
            design.correlations.iter().filter(|pair| pair.r.abs() >= SHOWN_CORRELATION).collect();
        if strong.is_empty() {
            let largest = design.correlations.first().map_or_else(String::new, |pair| {
                format!(" (largest: {} and {}, {:+.2})", pair.a, pair.b, pair.r)
            });
            view.push(Block::Paragraph(Text::plain(format!(
                "No two contrasts correlate beyond ±{SHOWN_CORRELATION} under random answering{largest}."
            ))));
        } else {
            view.push(Block::Heading(2, Text::plain("Correlations under random answering")));
            let mut pairs = Table::new(vec![
                Column::text("contrasts", "pair"),
                Column::number("r", "r"),
                Column::text("shared scenarios", "shared").cuttable(),
            ]);
            for pair in strong {
                let tone = if pair.r.abs() > CORRELATION_LIMIT { Tone::Alert } else { Tone::Plain };
                pairs.row(vec![
                    Cell::text(format!("{} ~ {}", pair.a, pair.b)),
                    Cell::Text(Text::new(tone, crate::number::decimal(pair.r, 2, true))),
                    Cell::text(pair.shared.join(", ")),
                ]);
            }
            view.push(Block::Table(pairs));
        }
        modelled(&mut view, &self.modelled);
        let warnings = self.warnings();
        if warnings.is_empty() {
            view.push(Block::Paragraph(Text::plain("No warnings: the design meets every target.")));
        } else {
            findings(&mut view, "Warnings", &warnings, Tone::Alert);
        }
        if !design.notes.is_empty() {
            findings(&mut view, "Notes", &design.notes.iter().collect::<Vec<_>>(), Tone::Plain);
        }
        view
    }
}

/// What `check --format json` prints for invalid content.
#[derive(Debug, Clone, Serialize)]
pub struct Problems {
    /// Always false.
    pub valid: bool,
    /// The file checked.
    pub file: String,
    /// Every problem.
    pub problems: Vec<ProblemEntry>,
}

/// One problem.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemEntry {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Problems {
    /// The problems of `file`.
    pub fn new(file: &str, diagnostics: &[Diagnostic]) -> Self {
        Self {
            valid: false,
            file: file.to_owned(),
            problems: diagnostics
                .iter()
                .map(|diagnostic| ProblemEntry {
                    line: diagnostic.position.map(|position| position.line),
                    column: diagnostic.position.map(|position| position.column),
                    message: diagnostic.message.clone(),
                })
                .collect(),
        }
    }
}

impl Document for Problems {
    const FORMATS: &'static [Format] = &[Format::Json, Format::Yaml];

    fn view(&self) -> View {
        View::new(format!("{}: not valid", self.file))
    }
}
