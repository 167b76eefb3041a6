//! One self-contained HTML page (no external assets) with the profile drawn
//! as an SVG chart; prints cleanly.

use std::fmt::Write as _;

use anyhow::Result;

use super::{Exporter, RenderContext};
use crate::render::report::CLOSING;
use crate::result::ResultDocument;

/// A printable page.
pub struct HtmlExporter;

/// Escapes text for HTML and SVG.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const ROW: i32 = 34;
const LEFT: i32 = 190;
const BAR: i32 = 360;

/// The profile as an SVG: one row per axis, a marker at the score.
pub fn chart(result: &ResultDocument) -> String {
    let height = ROW * result.axes.len() as i32 + 40;
    let width = LEFT * 2 + BAR;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" width=\"100%\" \
         aria-label=\"Profile: one row per contrast, manager side left, leader side right\">\n"
    );
    let middle = LEFT + BAR / 2;
    let _ = writeln!(
        svg,
        "<line x1=\"{middle}\" y1=\"10\" x2=\"{middle}\" y2=\"{}\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>",
        height - 20
    );
    for (row, axis) in result.axes.iter().enumerate() {
        let y = 30 + ROW * row as i32;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"manager\">{}</text>",
            LEFT - 10,
            y + 5,
            escape(&axis.manager)
        );
        let _ = writeln!(
            svg,
            "<line x1=\"{LEFT}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"#bbb\" stroke-width=\"2\"/>",
            LEFT + BAR
        );
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" class=\"leader\">{}</text>",
            LEFT + BAR + 10,
            y + 5,
            escape(&axis.leader)
        );
        if let Some(score) = axis.score {
            let x = middle + score * BAR / 200;
            let _ = writeln!(
                svg,
                "<circle cx=\"{x}\" cy=\"{y}\" r=\"7\" class=\"marker\"><title>{}: {score:+} ({})</title></circle>",
                escape(&axis.id),
                axis.band.label()
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}\
td.score{text-align:right;font-variant-numeric:tabular-nums}.manager{fill:#1f5fa8;color:#1f5fa8}\
.leader{fill:#8a2f8a;color:#8a2f8a}.marker{fill:#222}svg text{font-size:14px}\
@media print{body{margin:0}a{color:inherit}}";

impl Exporter for HtmlExporter {
    fn export(&self, result: &ResultDocument, _context: &RenderContext<'_>) -> Result<Vec<u8>> {
        let mut out = String::new();
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>itlead profile</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>itlead profile</h1>\n\
             <p>{} {} · {}</p>\n",
            escape(&result.content.title),
            escape(&result.content.version),
            escape(&result.created)
        );
        out.push_str(&chart(result));
        out.push_str("<table>\n<tr><th>contrast</th><th>manager</th><th>score</th><th>leader</th><th>band</th><th>answered</th></tr>\n");
        for axis in &result.axes {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td class=\"manager\">{}</td><td class=\"score\">{}</td>\
                 <td class=\"leader\">{}</td><td>{}{}</td><td>{}/{}</td></tr>",
                escape(&axis.id),
                escape(&axis.manager),
                crate::render::signed(axis.score),
                escape(&axis.leader),
                axis.band.label(),
                if axis.mixed { " (mixed)" } else { "" },
                axis.answered,
                axis.total
            );
        }
        let _ = write!(out, "</table>\n<p><em>{}</em></p>\n</body>\n</html>\n", escape(CLOSING));
        Ok(out.into_bytes())
    }
}
