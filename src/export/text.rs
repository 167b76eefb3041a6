//! Views as text for a terminal: wrapped to a width, coloured only when
//! asked, ASCII-only when the terminal lacks UTF-8.
//!
//! Every piece of text goes through [`paint`], which first shows control
//! characters and escape sequences as visible escapes, then adds itlead's
//! own colours: text from a file can never drive the terminal. The styling
//! itself, which the prompts share, is in [`super::style`].

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use super::Format;
use super::style::{TextStyle, ascii, paint, wrap};
use crate::content::text::visible;
use crate::view::{
    Align, Block, Cell, Chart, ChartRow, Column, Mark, Reading, Table, Text, Tone, View,
};

fn spans(text: &Text, style: TextStyle) -> String {
    text.0.iter().map(|span| paint(&span.text, span.tone, style)).collect()
}

/// A bullet item: `- ` then the text, continuation lines aligned.
fn bullet(text: &str, width: usize, indent: &str) -> String {
    let first = format!("{indent}- ");
    let rest = format!("{indent}  ");
    let options = textwrap::Options::new(width.max(rest.width() + 10))
        .initial_indent(&first)
        .subsequent_indent(&rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    textwrap::fill(text.trim(), options)
}

/// Display width of painted text (escape sequences do not count).
fn width_of(text: &str) -> usize {
    textwrap::core::display_width(text)
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(width_of(text))))
}

/// `text` (plain, unpainted) cut to at most `width` columns, with `…`.
fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for character in text.chars() {
        let character_width = unicode_width::UnicodeWidthChar::width(character).unwrap_or(0);
        if used + character_width + 1 > width {
            break;
        }
        out.push(character);
        used += character_width;
    }
    out.push('…');
    out
}

/// Draws `view` for a terminal: the title and its small print, then the
/// blocks, an empty line between them.
pub fn render(view: &View, style: TextStyle) -> String {
    let mut out = String::new();
    // Writing to a string does not fail.
    let _ = draw(view, style, &mut out);
    out
}

/// [`render`], written to `out` as it is drawn: a table's lines go out one
/// by one, so a table of many thousand rows is never held as text.
pub fn draw(view: &View, style: TextStyle, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
    let width = style.width;
    let mut head = String::new();
    if !view.title.is_empty() {
        let _ = writeln!(head, "{}", paint(&view.title, Tone::Strong, style));
    }
    for line in &view.meta {
        let _ = writeln!(head, "{}", wrap(&paint(line, Tone::Dim, style), width, ""));
    }
    // Something is drawn already: the next block is set off by an empty line.
    let mut drawn = !head.is_empty();
    out.write_str(&head)?;
    // The block drawn before this one, if any.
    let mut previous: Option<&Block> = None;
    for block in view.blocks.iter().filter(|block| block.formats().contains(Format::Text)) {
        // A heading sits right above what it heads.
        if drawn && !matches!(previous, Some(Block::Heading(..))) {
            out.write_char('\n')?;
        }
        drawn = true;
        previous = Some(block);
        let part = match block {
            Block::Heading(_, text) => {
                let painted: String =
                    text.0.iter().map(|span| paint(&span.text, strong(span.tone), style)).collect();
                format!("{}\n", wrap(&painted, width, ""))
            }
            Block::Paragraph(text) => format!("{}\n", wrap(&spans(text, style), width, "")),
            Block::Note(text) => {
                let dimmed: String =
                    text.0.iter().map(|span| paint(&span.text, Tone::Dim, style)).collect();
                format!("{}\n", wrap(&dimmed, width, ""))
            }
            Block::Bullets(items) => items.iter().fold(String::new(), |mut out, item| {
                let _ = writeln!(out, "{}", bullet(&spans(item, style), width, "  "));
                out
            }),
            Block::Table(table) => {
                table_into(table, style, out)?;
                continue;
            }
            Block::Chart(chart) => chart_text(chart, style),
        };
        out.write_str(&part)?;
    }
    Ok(())
}

/// Headings are strong, keeping their side's colour.
fn strong(tone: Tone) -> Tone {
    match tone {
        Tone::Plain | Tone::Dim | Tone::Quiet => Tone::Strong,
        other => other,
    }
}

// ------------------------------------------------------------------ tables

/// Space before every table line.
const INDENT: &str = "  ";
/// Space between columns.
const GAP: usize = 2;
/// Narrowest a cuttable column is cut to before columns are dropped.
const MIN_CUT: usize = 8;

/// A cell as people read it: its text (unpainted), its tone, and its
/// spans when it has several tones.
#[derive(Clone)]
struct Shown {
    plain: String,
    tone: Tone,
    spans: Option<Text>,
}

impl From<(String, Tone)> for Shown {
    fn from((plain, tone): (String, Tone)) -> Self {
        Self { plain, tone, spans: None }
    }
}

impl Shown {
    /// Painted, cut to `width` columns.
    fn paint(&self, width: usize, style: TextStyle) -> String {
        let cut = truncate(&self.plain, width);
        match &self.spans {
            Some(text) if cut == self.plain => spans(text, style),
            _ => paint(&cut, self.tone, style),
        }
    }
}

/// A cell as people read it; painting turns `–` into `-` for ASCII.
fn cell_text(cell: &Cell) -> Shown {
    match cell.for_people() {
        Reading::Text(text) => {
            let tone = text.0.first().map_or(Tone::Plain, |span| span.tone);
            let spans = (text.0.len() > 1).then(|| text.clone());
            Shown { plain: text.plain_text(), tone, spans }
        }
        Reading::Code(code) => Shown::from((code.to_owned(), Tone::Plain)),
        Reading::Words(words, tone) => Shown::from((words, tone)),
    }
}

#[cfg(test)]
fn table_text(table: &Table, style: TextStyle) -> String {
    let mut out = String::new();
    let _ = table_into(table, style, &mut out);
    out
}

/// Draws `table` to `out`: as columns that fit `style.width` (short
/// headers, columns dropped, cells cut as needed), or else as records.
fn table_into(table: &Table, style: TextStyle, out: &mut dyn std::fmt::Write) -> std::fmt::Result {
    let columns: Vec<(usize, &Column)> =
        table.people_columns().into_iter().map(|index| (index, &table.columns[index])).collect();
    // Each row is shown when it is measured and again when it is drawn,
    // never held: a table may have many thousand rows.
    let cells = || {
        table
            .rows()
            .map(|row| columns.iter().map(|(index, _)| cell_text(&row[*index])).collect::<Vec<_>>())
    };
    let shown =
        |text: &str| if style.ascii { ascii(text) } else { visible(text, false).into_owned() };
    let mut widest = vec![0; columns.len()];
    for row in cells() {
        for (width, cell) in widest.iter_mut().zip(&row) {
            *width = (*width).max(shown(&cell.plain).width());
        }
    }
    let content_width = |at: usize| widest[at];
    let total = |widths: &[Option<usize>]| {
        let kept: Vec<usize> = widths.iter().flatten().copied().collect();
        INDENT.len() + kept.iter().sum::<usize>() + GAP * kept.len().saturating_sub(1)
    };
    // In turn: full headers; short headers; then columns dropped one by
    // one in their drop order; then cuttable columns cut; then records.
    let full = |column: &Column| column.header.clone();
    let short = |column: &Column| column.short.clone().unwrap_or_else(|| column.header.clone());
    let widths_for = |header: &dyn Fn(&Column) -> String, kept: &[bool]| -> Vec<Option<usize>> {
        columns
            .iter()
            .enumerate()
            .map(|(at, (_, column))| {
                kept[at].then(|| content_width(at).max(shown(&header(column)).width()))
            })
            .collect()
    };
    let mut kept = vec![true; columns.len()];
    let widths = widths_for(&full, &kept);
    if total(&widths) <= style.width {
        return table_lines(out, &columns, cells(), &widths, style, &full);
    }
    let mut widths = widths_for(&short, &kept);
    loop {
        if total(&widths) <= style.width {
            return table_lines(out, &columns, cells(), &widths, style, &short);
        }
        // Columns that share a drop order (a minimum and its maximum) go
        // together: half of a pair would mislead.
        let dropped = columns
            .iter()
            .enumerate()
            .filter(|(at, (_, column))| kept[*at] && column.drop_order > 0)
            .map(|(_, (_, column))| column.drop_order)
            .max();
        match dropped {
            Some(order) => {
                for (at, (_, column)) in columns.iter().enumerate() {
                    if column.drop_order == order {
                        kept[at] = false;
                    }
                }
                widths = widths_for(&short, &kept);
            }
            None => break,
        }
    }
    loop {
        if total(&widths) <= style.width {
            return table_lines(out, &columns, cells(), &widths, style, &short);
        }
        let cut = columns
            .iter()
            .enumerate()
            .filter(|(at, (_, column))| {
                column.cuttable
                    && widths[*at]
                        .is_some_and(|width| width > MIN_CUT.max(shown(&short(column)).width()))
            })
            .max_by_key(|(at, _)| (widths[*at], std::cmp::Reverse(*at)))
            .map(|(at, _)| at);
        match cut {
            Some(at) => widths[at] = widths[at].map(|width| width - 1),
            None => return records(out, &columns, cells(), style),
        }
    }
}

fn table_lines(
    out: &mut dyn std::fmt::Write,
    columns: &[(usize, &Column)],
    cells: impl Iterator<Item = Vec<Shown>>,
    widths: &[Option<usize>],
    style: TextStyle,
    header: &dyn Fn(&Column) -> String,
) -> std::fmt::Result {
    let line = |row: Vec<Shown>| {
        let mut parts = Vec::new();
        for (cell, ((_, column), width)) in row.into_iter().zip(columns.iter().zip(widths)) {
            let Some(width) = *width else { continue };
            let painted = cell.paint(width, style);
            let room = width.saturating_sub(width_of(&painted));
            parts.push(match column.align {
                Align::Left => format!("{painted}{}", " ".repeat(room)),
                Align::Right => format!("{}{painted}", " ".repeat(room)),
            });
        }
        format!("{INDENT}{}", parts.join(&" ".repeat(GAP))).trim_end().to_owned()
    };
    let headers: Vec<Shown> =
        columns.iter().map(|(_, column)| Shown::from((header(column), Tone::Strong))).collect();
    writeln!(out, "{}", line(headers))?;
    for row in cells {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

/// Each row as a block: its first cell, then `header: value` pairs (the
/// value alone under an empty header).
fn records(
    out: &mut dyn std::fmt::Write,
    columns: &[(usize, &Column)],
    cells: impl Iterator<Item = Vec<Shown>>,
    style: TextStyle,
) -> std::fmt::Result {
    for row in cells {
        let Some(first) = row.first() else { continue };
        writeln!(
            out,
            "{}",
            wrap(&paint(&first.plain, strong(first.tone), style), style.width, INDENT)
        )?;
        let details: Vec<String> = columns
            .iter()
            .zip(row)
            .skip(1)
            .filter(|(_, cell)| !cell.plain.is_empty())
            .map(|((_, column), cell)| {
                let value = cell.paint(usize::MAX, style);
                if column.header.is_empty() {
                    value
                } else {
                    format!("{} {value}", paint(&format!("{}:", column.header), Tone::Dim, style))
                }
            })
            .collect();
        let separator = if style.ascii { "; " } else { " · " };
        writeln!(out, "{}", wrap(&details.join(separator), style.width, "    "))?;
    }
    Ok(())
}

// ------------------------------------------------------------------ charts

/// Narrowest bar drawn.
const MIN_BAR: usize = 11;
/// Narrowest bar worth putting on one line with the pole names.
const MIN_INLINE_BAR: usize = 17;
/// Widest bar drawn.
const MAX_BAR: usize = 41;

/// `width`, or one less when even: bars are drawn an odd number wide, so
/// that the middle is a column.
fn odd_down(width: usize) -> usize {
    if width.is_multiple_of(2) { width.saturating_sub(1) } else { width }
}

/// The column a score falls on in a bar `width` wide.
fn column_of(score: i32, width: usize) -> usize {
    let fraction = (f64::from(score.clamp(-100, 100)) + 100.0) / 200.0;
    (fraction * (width - 3) as f64).round() as usize + 1
}

/// A bar `width` characters wide (made odd) with `marks` and a `range`.
pub fn bar(marks: &[(Mark, i32)], range: Option<(i32, i32)>, width: usize, ascii: bool) -> String {
    let width = width.max(5) | 1;
    let middle = width / 2;
    let (line, centre, left, right, span) =
        if ascii { ('-', '+', '|', '|', '=') } else { ('─', '┼', '├', '┤', '━') };
    let range = range.map(|(low, high)| (column_of(low, width), column_of(high, width)));
    (0..width)
        .map(|index| {
            if let Some((mark, _)) =
                marks.iter().rev().find(|(_, score)| column_of(*score, width) == index)
            {
                return match (mark, ascii) {
                    (Mark::Score, false) => '●',
                    (Mark::Score, true) => 'O',
                    (Mark::Before, false) => '○',
                    (Mark::Before, true) => 'o',
                    (Mark::Mean, false) => '◆',
                    (Mark::Mean, true) => '#',
                };
            }
            match index {
                0 => left,
                _ if index == width - 1 => right,
                _ if range.is_some_and(|(low, high)| (low..=high).contains(&index)) => span,
                _ if index == middle => centre,
                _ => line,
            }
        })
        .collect()
}

fn chart_text(chart: &Chart, style: TextStyle) -> String {
    let rows: Vec<&ChartRow> = chart.groups.iter().flat_map(|group| &group.rows).collect();
    let widest = |name: fn(&ChartRow) -> &str| {
        rows.iter().map(|row| visible(name(row), false).width()).max().unwrap_or(0)
    };
    let manager_width = widest(|row| &row.manager);
    let leader_width = widest(|row| &row.leader);
    let value_width = widest(|row| &row.value);
    let label_width = rows.iter().map(|row| row.label.plain_text().width()).max().unwrap_or(0);
    let mut layout = Widths {
        manager: manager_width,
        leader: leader_width,
        value: value_width,
        label: label_width,
        bar: Bar::Inline,
    };
    layout.bar = bar_layout(layout, style);
    let mut out = String::new();
    for (index, group) in chart.groups.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        if let Some(heading) = &group.heading {
            let painted: String =
                heading.0.iter().map(|span| paint(&span.text, span.tone, style)).collect();
            let _ = writeln!(out, "{}", wrap(&painted, style.width, ""));
        }
        for row in &group.rows {
            out.push_str(&chart_row(row, layout, style));
        }
    }
    let mut legend: Vec<String> = chart
        .legend
        .iter()
        .map(|(mark, meaning)| format!("{} {meaning}", bar_glyph(*mark, style.ascii)))
        .collect();
    if let Some(range) = &chart.range_legend {
        legend.push(format!("{} {range}", if style.ascii { "===" } else { "━━━" }));
    }
    if !legend.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            wrap(&paint(&legend.join("   "), Tone::Dim, style), style.width, INDENT)
        );
    }
    out
}

fn bar_glyph(mark: Mark, ascii: bool) -> &'static str {
    match (mark, ascii) {
        (Mark::Score, false) => "●",
        (Mark::Score, true) => "O",
        (Mark::Before, false) => "○",
        (Mark::Before, true) => "o",
        (Mark::Mean, false) => "◆",
        (Mark::Mean, true) => "#",
    }
}

#[derive(Clone, Copy)]
struct Widths {
    manager: usize,
    leader: usize,
    value: usize,
    label: usize,
    /// Where every bar of the chart goes, at one width for all of them.
    bar: Bar,
}

/// Where a chart's bars go; one choice for the whole chart, so that every
/// scale in it has the same width and dots can be compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bar {
    /// Between the poles, on the row's one line.
    Inline,
    /// Under the poles, this wide, on a line of its own.
    Alone(usize),
}

/// One bar layout for every row of a chart at `style.width`.
fn bar_layout(widths: Widths, style: TextStyle) -> Bar {
    let tail_width = widths.value + 2 + widths.label;
    let fixed = 2 + widths.manager + 1 + 1 + widths.leader + 2 + tail_width;
    if style.width >= fixed + MIN_INLINE_BAR {
        return Bar::Inline;
    }
    // Under the poles: the whole width, the figure after the poles where
    // it fits and under the bar where it does not.
    Bar::Alone(odd_down(style.width.saturating_sub(4)).clamp(MIN_BAR, MAX_BAR))
}

fn chart_row(row: &ChartRow, widths: Widths, style: TextStyle) -> String {
    let tail = format!(
        "{}  {}",
        paint(&format!("{:>width$}", row.value, width = widths.value), Tone::Plain, style),
        spans(&row.label, style)
    );
    let tail_width = widths.value + 2 + widths.label;
    let fixed = 2 + widths.manager + 1 + 1 + widths.leader + 2 + tail_width;
    let mut out = String::new();
    if widths.bar == Bar::Inline {
        let bar_width = odd_down((style.width - fixed).min(MAX_BAR));
        let manager = format!("{:>width$}", visible(&row.manager, false), width = widths.manager);
        let _ = writeln!(
            out,
            "  {} {} {}  {}",
            paint(&manager, Tone::Manager, style),
            bar(&row.marks, row.range, bar_width, style.ascii),
            paint(&pad(&visible(&row.leader, false), widths.leader), Tone::Leader, style),
            tail
        );
    } else {
        // Narrow: the poles on a line of their own, the bar under them
        // at the chart's one width, and the figure after the poles when it
        // fits there, else below the bar.
        let arrow = if style.ascii { "<->" } else { "⟷" };
        let poles = format!(
            "{} {arrow} {}",
            paint(&row.manager, Tone::Manager, style),
            paint(&row.leader, Tone::Leader, style)
        );
        let row_tail = width_of(&tail);
        match widths.bar {
            Bar::Alone(bar_width) => {
                if 2 + width_of(&poles) + 2 + row_tail <= style.width {
                    let widest_poles = widths.manager + 3 + widths.leader;
                    let column = widest_poles.min(style.width.saturating_sub(2 + 2 + tail_width));
                    let gap = column.saturating_sub(width_of(&poles)) + 2;
                    let gap = gap.min(style.width.saturating_sub(2 + width_of(&poles) + row_tail));
                    let _ = writeln!(out, "  {poles}{}{tail}", " ".repeat(gap.max(2)));
                    let _ =
                        writeln!(out, "  {}", bar(&row.marks, row.range, bar_width, style.ascii));
                } else {
                    let _ = writeln!(out, "{}", wrap(&poles, style.width, "  "));
                    let _ =
                        writeln!(out, "  {}", bar(&row.marks, row.range, bar_width, style.ascii));
                    let _ = writeln!(out, "    {tail}");
                }
            }
            Bar::Inline => unreachable!("drawn above"),
        }
    }
    if let Some(note) = &row.note {
        let _ = writeln!(
            out,
            "{}",
            wrap(&paint(&format!("({note})"), Tone::Dim, style), style.width, "    ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_marks_the_ends_and_the_middle() {
        assert_eq!(bar(&[(Mark::Score, -100)], None, 11, true), "|O---+----|");
        assert_eq!(bar(&[(Mark::Score, 100)], None, 11, true), "|----+---O|");
        assert_eq!(bar(&[(Mark::Score, 0)], None, 11, true), "|----O----|");
        assert_eq!(bar(&[], None, 11, true), "|----+----|");
        assert_eq!(bar(&[(Mark::Mean, 0)], Some((-50, 50)), 11, true), "|--==#==--|");
    }

    #[test]
    fn narrow_tables_drop_columns_then_become_records() {
        let mut table = Table::new(vec![
            Column::text("contrast", "id"),
            Column::number("score", "score"),
            Column::number("responses", "responses").short("n").dropped(1),
        ]);
        table.row(vec![
            Cell::text("Systems & processes ⟷ Relationships"),
            Cell::Score(Some(-40)),
            Cell::Count(8),
        ]);
        let wide = table_text(&table, TextStyle::plain(80));
        assert!(wide.contains("responses"), "{wide}");
        let narrower = table_text(&table, TextStyle::plain(46));
        assert!(!narrower.contains("responses") && narrower.contains("score"), "{narrower}");
        let narrowest = table_text(&table, TextStyle::plain(30));
        assert!(narrowest.contains("score: -40"), "{narrowest}");
        for line in narrowest.lines() {
            assert!(line.width() <= 30, "{line:?}");
        }
    }

    #[test]
    fn columns_sharing_a_drop_order_go_together() {
        let mut table = Table::new(vec![
            Column::text("contrast", "id"),
            Column::number("minimum", "min").dropped(1),
            Column::number("maximum", "max").dropped(1),
        ]);
        table.row(vec![
            Cell::text("today-tomorrow"),
            Cell::Score(Some(-40)),
            Cell::Score(Some(60)),
        ]);
        let wide = table_text(&table, TextStyle::plain(40));
        assert!(wide.contains("minimum") && wide.contains("maximum"), "{wide}");
        let narrow = table_text(&table, TextStyle::plain(28));
        assert!(!narrow.contains("minimum") && !narrow.contains("maximum"), "{narrow}");
        assert!(narrow.contains("today-tomorrow"), "{narrow}");
    }
}
