//! One self-contained HTML page (no external assets) with the profile drawn
//! as an SVG chart; prints cleanly.

use std::fmt::Write as _;

use anyhow::Result;

use super::{Exporter, RenderContext};
use crate::export::markup::{HTML_END, chart, html_escape, html_start};
use crate::render::report::CLOSING;
use crate::result::ResultDocument;

/// A printable page.
pub struct HtmlExporter;

/// The profile as an SVG: one row per axis, a marker at the score.
pub fn chart(result: &ResultDocument) -> String {
    let mut svg = chart::open(
        result.axes.len(),
        "Profile: one row per contrast, manager side left, leader side right",
    );
    for (row, axis) in result.axes.iter().enumerate() {
        let y = chart::pole_row(&mut svg, row, &axis.manager, &axis.leader);
        if let Some(score) = axis.score {
            let _ = writeln!(
                svg,
                "<circle cx=\"{}\" cy=\"{y}\" r=\"7\" class=\"marker\"><title>{}: {} ({})</title></circle>",
                chart::x(f64::from(score)),
                html_escape(&axis.id),
                crate::render::signed(Some(score)),
                axis.band.label()
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

impl Exporter for HtmlExporter {
    fn export(&self, result: &ResultDocument, _context: &RenderContext<'_>) -> Result<Vec<u8>> {
        let mut out = html_start("itlead profile");
        let _ = writeln!(
            out,
            "<p>{} {} · {}</p>",
            html_escape(&result.content.title),
            html_escape(&result.content.version),
            html_escape(&result.created)
        );
        out.push_str(&chart(result));
        out.push_str("<table>\n<tr><th>contrast</th><th>manager</th><th class=\"n\">score</th><th>leader</th><th>band</th><th>answered</th></tr>\n");
        for axis in &result.axes {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td class=\"manager\">{}</td><td class=\"n\">{}</td>\
                 <td class=\"leader\">{}</td><td>{}{}</td><td>{}/{}</td></tr>",
                html_escape(&axis.id),
                html_escape(&axis.manager),
                crate::render::signed(axis.score),
                html_escape(&axis.leader),
                axis.band.label(),
                if axis.mixed { " (mixed)" } else { "" },
                axis.answered,
                axis.total
            );
        }
        let _ = writeln!(out, "</table>\n<p><em>{}</em></p>", html_escape(CLOSING));
        out.push_str(HTML_END);
        Ok(out.into_bytes())
    }
}
