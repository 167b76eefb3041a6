//! Views as GitHub-flavoured Markdown, for a wiki page or a pull request.
//! Every text is escaped ([`escape::markdown`]): nothing from a file can
//! become HTML, a link or a broken table.

use std::fmt::Write as _;

use super::{Format, escape};
use crate::view::{Align, Block, Cell, Chart, Reading, Table, Text, Tone, View, poles};

/// Draws `view` as Markdown.
pub fn render(view: &View) -> String {
    let mut out = String::new();
    if !view.title.is_empty() {
        let _ = writeln!(out, "# {}\n", escape::markdown(&view.title));
    }
    if !view.meta.is_empty() {
        let meta: Vec<String> = view
            .meta
            .iter()
            .enumerate()
            .map(
                |(at, line)| {
                    if at == 0 { escape::markdown_block(line) } else { escape::markdown(line) }
                },
            )
            .collect();
        let _ = writeln!(out, "{}\n", meta.join(" · "));
    }
    for block in view.blocks.iter().filter(|block| block.formats().contains(Format::Markdown)) {
        match block {
            Block::Heading(level, text) => {
                let plain = escape::markdown(&text.plain_text());
                let _ = writeln!(out, "{} {plain}\n", "#".repeat(usize::from(*level)));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", block_text(text));
            }
            Block::Note(text) => {
                let _ = writeln!(out, "_{}_\n", inline(text));
            }
            Block::Bullets(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", block_text(item));
                }
                out.push('\n');
            }
            Block::Table(table) => {
                out.push_str(&table_markdown(table));
                out.push('\n');
            }
            Block::Chart(chart) => out.push_str(&chart_markdown(chart)),
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Text that starts a block: its first span escaped as a block start.
fn block_text(text: &Text) -> String {
    inline_with(text, true)
}

/// Spans as inline Markdown: strong ones in bold, quiet ones in italics.
fn inline(text: &Text) -> String {
    inline_with(text, false)
}

fn inline_with(text: &Text, starts_block: bool) -> String {
    let mut out = String::new();
    for (index, span) in text.0.iter().enumerate() {
        let escaped = if starts_block && index == 0 {
            escape::markdown_block(&span.text)
        } else {
            escape::markdown(&span.text)
        };
        let marker = match span.tone {
            _ if escaped.trim().is_empty() => "",
            Tone::Strong | Tone::Alert => "**",
            Tone::Quiet => "_",
            _ => "",
        };
        if marker.is_empty() {
            out.push_str(&escaped);
            continue;
        }
        // CommonMark closes emphasis only right after a non-space: spaces
        // at either end stay outside the markers.
        let start = escaped.len() - escaped.trim_start().len();
        let end = escaped.trim_end().len();
        let _ = write!(
            out,
            "{}{marker}{}{marker}{}",
            &escaped[..start],
            &escaped[start..end],
            &escaped[end..]
        );
    }
    out
}

/// A cell as Markdown.
fn cell(cell: &Cell) -> String {
    match cell.for_people() {
        Reading::Text(text) => inline(text),
        Reading::Code(code) => escape::markdown_code(code),
        Reading::Words(words, _) => escape::markdown(&words),
    }
}

fn table_markdown(table: &Table) -> String {
    let columns = table.people_columns();
    let mut out = String::new();
    let headers: Vec<String> =
        columns.iter().map(|&index| escape::markdown(&table.columns[index].header)).collect();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    let rules: Vec<&str> = columns
        .iter()
        .map(|&index| match table.columns[index].align {
            Align::Left => "---",
            Align::Right => "---:",
        })
        .collect();
    let _ = writeln!(out, "| {} |", rules.join(" | "));
    for row in table.rows() {
        let cells: Vec<String> = columns.iter().map(|&index| cell(&row[index])).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// A chart as one table per group: contrast, figure, band.
fn chart_markdown(chart: &Chart) -> String {
    let mut out = String::new();
    for group in &chart.groups {
        if let Some(heading) = &group.heading {
            let _ = writeln!(out, "### {}\n", escape::markdown(&heading.plain_text()));
        }
        out.push_str("| contrast | score | band |\n| --- | ---: | --- |\n");
        for row in &group.rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                escape::markdown(&poles(&row.manager, &row.leader)),
                escape::markdown(&row.value),
                inline(&row.label)
            );
        }
        out.push('\n');
        let notes: Vec<String> = group
            .rows
            .iter()
            .filter_map(|row| {
                row.note.as_ref().map(|note| {
                    format!(
                        "- {}: {}",
                        escape::markdown(&poles(&row.manager, &row.leader)),
                        escape::markdown(note)
                    )
                })
            })
            .collect();
        if !notes.is_empty() {
            let _ = writeln!(out, "{}\n", notes.join("\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::inline;
    use crate::view::{Text, Tone};

    #[test]
    fn emphasis_keeps_spaces_outside_its_markers() {
        let text = Text::new(Tone::Strong, "The 2 a.m. page: ").and(Tone::Plain, "most likely");
        assert_eq!(inline(&text), "**The 2 a.m. page:** most likely");
        let quiet = Text::plain("see").and(Tone::Quiet, " why ").and(Tone::Plain, "here");
        assert_eq!(inline(&quiet), "see _why_ here");
    }
}
