//! Small formatting helpers shared by the team, compare and history views:
//! a text table that fits a width, numbers with signs, and the escaping
//! rules of CSV, Markdown and HTML.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::render::{dim, heading, pad, truncate, wrap};

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Text columns.
    Left,
    /// Number columns.
    Right,
}

/// One column of a [`Table`].
#[derive(Debug, Clone)]
pub struct Column {
    /// Header text.
    pub header: &'static str,
    /// Alignment of header and cells.
    pub align: Align,
    /// Whether the column may be cut (with `…`) to fit the width.
    pub flexible: bool,
}

impl Column {
    /// A left-aligned text column that may be cut (with `…`) to fit; for
    /// text that stays useful when cut, such as file names.
    pub const fn cuttable(header: &'static str) -> Self {
        Self { header, align: Align::Left, flexible: true }
    }

    /// A left-aligned text column, never cut: when the table is too wide,
    /// rows become blocks instead.
    pub const fn text(header: &'static str) -> Self {
        Self { header, align: Align::Left, flexible: false }
    }

    /// A right-aligned number column, never cut.
    pub const fn number(header: &'static str) -> Self {
        Self { header, align: Align::Right, flexible: false }
    }
}

/// A plain-text table laid out to a width.
#[derive(Debug, Clone, Default)]
pub struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

/// Space before every table line.
const INDENT: &str = "  ";
/// Space between columns.
const GAP: usize = 2;
/// Narrowest a cuttable column is cut to (nor narrower than its header)
/// before the table gives up on columns and lists each row as a block.
const MIN_FLEXIBLE: usize = 8;

impl Table {
    /// A table with these columns and no rows.
    pub fn new(columns: Vec<Column>) -> Self {
        Self { columns, rows: Vec::new() }
    }

    /// Adds a row; it must have one cell per column.
    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.columns.len());
        self.rows.push(cells);
    }

    /// The table as lines no wider than `width` columns. Cuttable columns
    /// are cut, widest first; when even that is not enough each row becomes
    /// a short block (first cell, then `header value` pairs, wrapped).
    pub fn render(&self, width: usize) -> String {
        let mut widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(index, column)| {
                self.rows
                    .iter()
                    .map(|row| row[index].width())
                    .chain([column.header.width()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let total = |widths: &[usize]| {
            INDENT.len() + widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
        };
        while total(&widths) > width {
            let widest = self
                .columns
                .iter()
                .enumerate()
                .filter(|(index, column)| {
                    column.flexible && widths[*index] > MIN_FLEXIBLE.max(column.header.width())
                })
                .max_by_key(|(index, _)| (widths[*index], std::cmp::Reverse(*index)))
                .map(|(index, _)| index);
            match widest {
                Some(index) => widths[index] -= 1,
                None => return self.blocks(width),
            }
        }
        let mut out = String::new();
        let header: Vec<&str> = self.columns.iter().map(|column| column.header).collect();
        let _ = writeln!(out, "{}", heading(&self.line(&header, &widths)));
        for row in &self.rows {
            let cells: Vec<&str> = row.iter().map(String::as_str).collect();
            let _ = writeln!(out, "{}", self.line(&cells, &widths));
        }
        out
    }

    fn line(&self, cells: &[&str], widths: &[usize]) -> String {
        let mut parts = Vec::with_capacity(cells.len());
        for ((cell, column), &width) in cells.iter().zip(&self.columns).zip(widths) {
            let cell = truncate(cell, width);
            parts.push(match column.align {
                Align::Left => pad(&cell, width),
                Align::Right => format!("{}{cell}", " ".repeat(width - cell.width().min(width))),
            });
        }
        format!("{INDENT}{}", parts.join(&" ".repeat(GAP))).trim_end().to_owned()
    }

    fn blocks(&self, width: usize) -> String {
        let mut out = String::new();
        for row in &self.rows {
            let _ = writeln!(out, "{}", wrap(&row[0], width, INDENT));
            let details: Vec<String> = self
                .columns
                .iter()
                .zip(row)
                .skip(1)
                .filter(|(_, cell)| !cell.is_empty())
                .map(|(column, cell)| format!("{} {cell}", column.header))
                .collect();
            let _ = writeln!(out, "{}", dim(&wrap(&details.join(", "), width, "    ")));
        }
        out
    }
}

/// A whole number with its sign (`+40`, `-15`, `0`).
pub fn signed(value: i32) -> String {
    crate::render::signed(Some(value))
}

/// A number with one decimal and its sign (`+12.5`, `-3.0`, `0.0`).
pub fn signed_tenths(value: f64) -> String {
    if value == 0.0 { String::from("0.0") } else { format!("{value:+.1}") }
}

/// `value` rounded to one decimal, never `-0.0`.
pub fn tenths(value: f64) -> f64 {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// The placeholder for a missing number.
pub fn missing(ascii: bool) -> &'static str {
    if ascii { "-" } else { "–" }
}

/// The arrow between an old and a new value.
pub fn arrow(ascii: bool) -> &'static str {
    if ascii { "->" } else { "→" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::markup::{csv_field, html_escape, md_cell};

    fn table() -> Table {
        let mut table = Table::new(vec![
            Column::text("contrast"),
            Column::number("old"),
            Column::number("new"),
            Column::text("band"),
        ]);
        table.row(vec![
            "Systems & processes ⟷ Relationships".into(),
            "-40".into(),
            "+10".into(),
            "leaning manager → balanced".into(),
        ]);
        table.row(vec!["Today ⟷ Tomorrow".into(), "0".into(), "+5".into(), "balanced".into()]);
        table
    }

    #[test]
    fn table_lines_fit_every_width() {
        for width in [20, 40, 50, 60, 80, 120] {
            let text = table().render(width);
            for line in text.lines() {
                assert!(line.width() <= width, "width {width}: {line:?}");
            }
        }
    }

    #[test]
    fn wide_tables_are_not_cut() {
        let text = table().render(120);
        assert!(text.contains("Systems & processes ⟷ Relationships"), "{text}");
        assert!(text.contains("leaning manager → balanced"), "{text}");
    }

    #[test]
    fn cuttable_columns_are_cut_before_blocks() {
        let mut table = Table::new(vec![Column::text("date"), Column::cuttable("file")]);
        table.row(vec!["2025-01-10".into(), "a-rather-long-file-name.json".into()]);
        let text = table.render(30);
        assert!(text.contains("2025-01-10  a-rather-long-f…"), "{text}");
    }

    #[test]
    fn narrow_tables_become_blocks() {
        let text = table().render(20);
        assert!(text.contains("old -40"), "{text}");
    }

    #[test]
    fn numbers_keep_signs_and_tenths() {
        assert_eq!(signed(0), "0");
        assert_eq!(signed(-15), "-15");
        assert_eq!(signed(40), "+40");
        assert_eq!(signed_tenths(0.0), "0.0");
        assert_eq!(signed_tenths(-4.0), "-4.0");
        assert!((tenths(52.383) - 52.4).abs() < 1e-9);
        assert!(tenths(-0.04).is_sign_positive());
    }

    #[test]
    fn escaping() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(md_cell("a|b"), "a\\|b");
        assert_eq!(html_escape("<a & 'b'>"), "&lt;a &amp; &#39;b&#39;&gt;");
    }
}
