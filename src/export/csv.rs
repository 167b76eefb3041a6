//! Views as CSV (RFC 4180): the view's tables marked for CSV, with their
//! machine headers and values (band ids, numbers without a `+`). Several
//! tables are separated by an empty line. Text cells a spreadsheet would
//! take for a formula are neutralised ([`escape::csv_text`]).

use super::{Format, escape};
use crate::number::decimal;
use crate::view::{Block, Cell, Table, View};

/// Draws the CSV tables of `view`.
pub fn render(view: &View) -> String {
    let tables = view.blocks.iter().filter_map(|block| match block {
        Block::Table(table) if table.formats.contains(Format::Csv) => Some(table),
        _ => None,
    });
    // Written into one string: a table may have many thousand rows.
    let mut out = String::new();
    for (index, table) in tables.enumerate() {
        if index > 0 {
            out.push('\n');
        }
        table_csv(table, &mut out);
    }
    out
}

fn field(cell: &Cell) -> String {
    match cell {
        Cell::Text(text) => escape::csv_text(&text.plain_text()),
        Cell::Code(code) => escape::csv_text(code),
        Cell::Count(count) => count.to_string(),
        Cell::Score(score) => score.map(|score| score.to_string()).unwrap_or_default(),
        Cell::Decimal { value, places, .. } => value
            .map(|value| escape::csv_number(&decimal(value, *places, false)))
            .unwrap_or_default(),
        Cell::Band(shown) => shown.id().to_owned(),
        Cell::Flag(flag) => flag.to_string(),
        Cell::Empty => String::new(),
    }
}

fn table_csv(table: &Table, out: &mut String) {
    let columns = table.machine_columns();
    let header: Vec<String> =
        columns.iter().map(|&index| escape::csv_text(&table.columns[index].key)).collect();
    out.push_str(&header.join(","));
    out.push('\n');
    for row in table.rows() {
        let fields: Vec<String> = columns.iter().map(|&index| field(&row[index])).collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
}
