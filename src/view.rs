//! The view model: what a document says, before any format draws it.
//!
//! Every document (a result, a team, a comparison, …) builds one [`View`]:
//! a title, a line of small print, and blocks (headings, paragraphs,
//! bullet lists, tables with typed cells, charts of scores). The formats in
//! [`crate::export`] draw views: text for a terminal of any width, Markdown,
//! HTML and CSV. So a table is described once, and every format shows the
//! same facts.
//!
//! Text here is raw: each format escapes it for where it goes (terminal
//! sanitising, Markdown, HTML, CSV).

use std::borrow::Cow;
use std::sync::Arc;

use crate::format::{Format, Formats};
use crate::number::{decimal, signed};
use crate::score::{Band, Shown};

/// How a piece of text is meant to look; formats decide how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Ordinary text.
    Plain,
    /// Emphasised: headings, key figures.
    Strong,
    /// Small print: hints, counts, legends.
    Dim,
    /// The manager side.
    Manager,
    /// The leader side.
    Leader,
    /// A quoted phrase or a closing thought.
    Quiet,
    /// Something to look at: a warning, a flag.
    Alert,
}

/// A run of text in one tone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text, unescaped.
    pub text: String,
    /// How it should look.
    pub tone: Tone,
}

/// Text made of spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text(pub Vec<Span>);

impl Text {
    /// Text in one tone.
    pub fn new(tone: Tone, text: impl Into<String>) -> Self {
        Self(vec![Span { text: text.into(), tone }])
    }

    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self::new(Tone::Plain, text)
    }

    /// Adds a span.
    #[must_use]
    pub fn and(mut self, tone: Tone, text: impl Into<String>) -> Self {
        self.0.push(Span { text: text.into(), tone });
        self
    }

    /// All spans' text, without tones.
    pub fn plain_text(&self) -> String {
        self.0.iter().map(|span| span.text.as_str()).collect()
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|span| span.text.is_empty())
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::plain(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text::plain(text)
    }
}

/// A whole document, ready to draw.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct View {
    /// The title: "Your profile", "Team view".
    pub title: String,
    /// Small print under the title: which questionnaire, when, how many.
    pub meta: Vec<String>,
    /// The body.
    pub blocks: Vec<Block>,
}

impl View {
    /// A view with a title and nothing else yet.
    pub fn new(title: impl Into<String>) -> Self {
        Self { title: title.into(), meta: Vec::new(), blocks: Vec::new() }
    }

    /// Adds a block.
    pub fn push(&mut self, block: Block) {
        self.blocks.push(block);
    }
}

/// One part of a view.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A section heading; level 2 for sections, 3 below them.
    Heading(u8, Text),
    /// A paragraph.
    Paragraph(Text),
    /// Small print.
    Note(Text),
    /// A bullet list.
    Bullets(Vec<Text>),
    /// A table.
    Table(Table),
    /// Scores drawn on the manager ⟷ leader line.
    Chart(Chart),
}

impl Block {
    /// Which formats draw it: tables and charts say; everything else goes
    /// into every format that draws a view.
    pub fn formats(&self) -> Formats {
        match self {
            Block::Table(table) => table.formats,
            Block::Chart(chart) => chart.formats,
            _ => Formats::VIEWS,
        }
    }
}

/// Who a column is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// People and machines: every format.
    Both,
    /// People only: text, Markdown, HTML.
    People,
    /// Machines only: CSV.
    Machines,
}

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// Header for people.
    pub header: String,
    /// A shorter header for narrow terminals.
    pub short: Option<String>,
    /// Header for machines (CSV): lowercase with underscores.
    pub key: String,
    /// Who sees it.
    pub audience: Audience,
    /// Alignment.
    pub align: Align,
    /// 0 for columns a narrow terminal keeps longest; higher numbers are
    /// dropped first when a table does not fit.
    pub drop_order: u8,
    /// Whether its cells may be cut with `…` to fit.
    pub cuttable: bool,
    /// What a short header means, in words: the label of each value where
    /// a table is shown as cards (HTML on a phone), and the header's
    /// explanation.
    pub meaning: Option<String>,
}

impl Column {
    /// A text column for everyone.
    pub fn text(header: &str, key: &str) -> Self {
        Self {
            header: header.to_owned(),
            short: None,
            key: key.to_owned(),
            audience: Audience::Both,
            align: Align::Left,
            drop_order: 0,
            cuttable: false,
            meaning: None,
        }
    }

    /// A number column for everyone.
    pub fn number(header: &str, key: &str) -> Self {
        Self { align: Align::Right, ..Self::text(header, key) }
    }

    /// The same column, for people only.
    #[must_use]
    pub fn people(mut self) -> Self {
        self.audience = Audience::People;
        self
    }

    /// The same column, for machines only.
    #[must_use]
    pub fn machines(mut self) -> Self {
        self.audience = Audience::Machines;
        self
    }

    /// The same column, with a shorter header for narrow terminals.
    #[must_use]
    pub fn short(mut self, header: &str) -> Self {
        self.short = Some(header.to_owned());
        self
    }

    /// The same column, dropped when a terminal is narrow: the highest
    /// order first, and columns sharing an order together.
    #[must_use]
    pub fn dropped(mut self, order: u8) -> Self {
        self.drop_order = order;
        self
    }

    /// The same column, with what its header means in words.
    #[must_use]
    pub fn meaning(mut self, words: &str) -> Self {
        self.meaning = Some(words.to_owned());
        self
    }

    /// The same column, cut with `…` when a terminal is narrow.
    #[must_use]
    pub fn cuttable(mut self) -> Self {
        self.cuttable = true;
        self
    }
}

/// A table cell: a typed value each format shows its own way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Text for people.
    Text(Text),
    /// An identifier: monospaced where the format can.
    Code(String),
    /// A count.
    Count(usize),
    /// A whole score with its sign (`+12`), or nothing.
    Score(Option<i32>),
    /// A number with `places` decimals, signed when `signed`, or nothing.
    Decimal {
        /// The value.
        value: Option<f64>,
        /// Decimals shown.
        places: u8,
        /// Whether a `+` is shown.
        signed: bool,
    },
    /// A band as people and machines name it.
    Band(Shown),
    /// Yes or no.
    Flag(bool),
    /// Nothing to show.
    Empty,
}

impl Cell {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Self {
        Cell::Text(Text::plain(text))
    }

    /// A band, not mixed.
    pub fn band(band: Band) -> Self {
        Cell::Band(Shown::Band(band))
    }

    /// A decimal with a sign.
    pub fn signed(value: Option<f64>, places: u8) -> Self {
        Cell::Decimal { value, places, signed: true }
    }

    /// A decimal without a sign.
    pub fn decimal(value: Option<f64>, places: u8) -> Self {
        Cell::Decimal { value, places, signed: false }
    }

    /// The cell as people read it, the same in text, Markdown and HTML:
    /// its text, or its figure, band or flag in words ([`MISSING`] for a
    /// figure that is not there). CSV writes the machine form instead.
    pub fn for_people(&self) -> Reading<'_> {
        let figure = |shown: Option<String>| {
            Reading::Words(shown.unwrap_or_else(|| MISSING.to_owned()), Tone::Plain)
        };
        match self {
            Cell::Text(text) => Reading::Text(text),
            Cell::Code(code) => Reading::Code(code),
            Cell::Count(count) => Reading::Words(count.to_string(), Tone::Plain),
            Cell::Score(score) => figure(signed(*score)),
            Cell::Decimal { value, places, signed } => {
                figure(value.map(|value| decimal(value, *places, *signed)))
            }
            Cell::Band(shown) => Reading::Words(shown.label().to_owned(), band_tone(*shown)),
            Cell::Flag(flag) => {
                Reading::Words((if *flag { "yes" } else { "no" }).to_owned(), Tone::Plain)
            }
            Cell::Empty => Reading::Words(String::new(), Tone::Plain),
        }
    }
}

/// What people read where a figure is missing, in every format.
pub const MISSING: &str = "–";

/// A cell as people read it ([`Cell::for_people`]), before a format marks
/// it up and escapes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading<'a> {
    /// Text, in spans of their own tones.
    Text(&'a Text),
    /// An identifier: monospaced where the format can.
    Code(&'a str),
    /// A figure, a band or a flag in words, in one tone.
    Words(String, Tone),
}

/// A table of typed cells.
#[derive(Clone)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows added one by one, one cell per column.
    held: Vec<Vec<Cell>>,
    /// Rows made when a format draws them, after the held ones.
    made: Option<MadeRows>,
    /// Which formats draw it.
    pub formats: Formats,
}

/// `count` rows, row `index` made by `make` each time a format reads it:
/// a listing of many thousand rows is never held as cells.
#[derive(Clone)]
struct MadeRows {
    count: usize,
    make: Arc<dyn Fn(usize) -> Vec<Cell> + Send + Sync>,
}

impl std::fmt::Debug for Table {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("Table")
            .field("columns", &self.columns)
            .field("rows", &self.rows().collect::<Vec<_>>())
            .field("formats", &self.formats)
            .finish_non_exhaustive()
    }
}

/// Tables are equal when they show the same: held and made rows alike.
impl PartialEq for Table {
    fn eq(&self, other: &Self) -> bool {
        self.columns == other.columns
            && self.formats == other.formats
            && self.rows().eq(other.rows())
    }
}

impl Table {
    /// A table with these columns and no rows, drawn by every format.
    pub fn new(columns: Vec<Column>) -> Self {
        Self { columns, held: Vec::new(), made: None, formats: Formats::VIEWS }
    }

    /// A table of `count` rows that `make` makes one at a time, by index
    /// from 0, whenever a format draws them; each must have one cell per
    /// column. For long listings: the rows are never all in memory.
    pub fn made(
        columns: Vec<Column>,
        count: usize,
        make: impl Fn(usize) -> Vec<Cell> + Send + Sync + 'static,
    ) -> Self {
        let made = MadeRows { count, make: Arc::new(make) };
        Self { columns, held: Vec::new(), made: Some(made), formats: Formats::VIEWS }
    }

    /// The rows in order, one cell per column: the held ones, then the
    /// made ones, each made as it is reached.
    pub fn rows(&self) -> impl Iterator<Item = Cow<'_, [Cell]>> + '_ {
        let held = self.held.iter().map(|row| Cow::Borrowed(row.as_slice()));
        let made = self.made.iter().flat_map(|made| {
            (0..made.count).map(|index| {
                let row = (made.make)(index);
                debug_assert_eq!(row.len(), self.columns.len(), "one cell per column");
                Cow::Owned(row)
            })
        });
        held.chain(made)
    }

    /// The indexes of the columns people read: text, Markdown, HTML.
    pub fn people_columns(&self) -> Vec<usize> {
        self.columns_except(Audience::Machines)
    }

    /// The indexes of the columns machines read: CSV.
    pub fn machine_columns(&self) -> Vec<usize> {
        self.columns_except(Audience::People)
    }

    fn columns_except(&self, audience: Audience) -> Vec<usize> {
        self.columns
            .iter()
            .enumerate()
            .filter(|(_, column)| column.audience != audience)
            .map(|(index, _)| index)
            .collect()
    }

    /// The same table, left out of CSV.
    #[must_use]
    pub fn not_csv(mut self) -> Self {
        self.formats = self.formats.without(Format::Csv);
        self
    }

    /// The same table, drawn only by `formats`.
    #[must_use]
    pub fn only(mut self, formats: &[Format]) -> Self {
        self.formats = Formats::of(formats);
        self
    }

    /// Adds a row, drawn before any made ones; it must have one cell per
    /// column.
    pub fn row(&mut self, cells: Vec<Cell>) {
        debug_assert_eq!(cells.len(), self.columns.len(), "one cell per column");
        self.held.push(cells);
    }
}

/// What a mark on a chart stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A person's score.
    Score,
    /// An earlier score (compare).
    Before,
    /// A team mean, or the others' mean (feedback).
    Mean,
}

/// A chart: rows of scores on the manager ⟷ leader line, in groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Which formats draw it (CSV never does).
    pub formats: Formats,
    /// What the chart shows, for screen readers and as a caption.
    pub caption: String,
    /// What each mark means, when the chart has more than one kind.
    pub legend: Vec<(Mark, String)>,
    /// Whether ranges are drawn, and what they mean.
    pub range_legend: Option<String>,
    /// Groups of rows, each with an optional heading.
    pub groups: Vec<ChartGroup>,
}

/// Rows under one heading.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ChartGroup {
    /// The heading: a theme and its summary, say.
    pub heading: Option<Text>,
    /// The rows.
    pub rows: Vec<ChartRow>,
}

/// One contrast on a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartRow {
    /// Manager pole name.
    pub manager: String,
    /// Leader pole name.
    pub leader: String,
    /// Marks at scores from −100 to +100.
    pub marks: Vec<(Mark, i32)>,
    /// A band from a low to a high score (a team's range).
    pub range: Option<(i32, i32)>,
    /// The figure shown after the line: `+63 ±12`.
    pub value: String,
    /// The band after the figure, toned by side.
    pub label: Text,
    /// Small print under the row.
    pub note: Option<String>,
}

/// The tone of a band: by the side it leans to.
pub fn band_tone(shown: Shown) -> Tone {
    match shown {
        Shown::Band(band) => match band.side() {
            Some(crate::content::model::Side::Manager) => Tone::Manager,
            Some(crate::content::model::Side::Leader) => Tone::Leader,
            None => Tone::Plain,
        },
        Shown::Mixed => Tone::Plain,
    }
}

/// The arrow between a manager pole and a leader pole.
pub const BETWEEN: &str = "⟷";

/// `Today ⟷ Tomorrow`.
pub fn poles(manager: &str, leader: &str) -> String {
    format!("{manager} {BETWEEN} {leader}")
}

pub use crate::content::wording::plural;
