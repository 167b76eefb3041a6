//! Escaping and building blocks shared by the machine and page formats:
//! CSV fields, Markdown table cells, HTML text, the page frame and the SVG
//! chart geometry. Result, team and compare documents all use these.

/// Quotes a CSV field when it holds a comma, a quote or a line break
/// (RFC 4180).
pub fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// One CSV line (with its line break) from fields not yet quoted.
pub fn csv_line<I, S>(fields: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let fields: Vec<String> = fields.into_iter().map(|field| csv_field(field.as_ref())).collect();
    format!("{}\n", fields.join(","))
}

/// Escapes the characters that would break a Markdown table cell.
pub fn md_cell(text: &str) -> String {
    text.replace('\\', "\\\\").replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// Escapes text for HTML and SVG.
pub fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// The opening of a self-contained, printable HTML page.
pub fn html_start(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{title}</h1>\n",
        title = html_escape(title)
    )
}

/// The end of the page opened by [`html_start`].
pub const HTML_END: &str = "</body>\n</html>\n";

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
table{border-collapse:collapse;width:100%;margin:1rem 0}td,th{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left}\
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.manager{fill:#1f5fa8;color:#1f5fa8}\
.leader{fill:#8a2f8a;color:#8a2f8a}.marker{fill:#222}.range{fill:#ccc}.old{fill:#fff;stroke:#222;stroke-width:2}\
svg text{font-size:14px}@media print{body{margin:0}a{color:inherit}}";

/// Geometry of the SVG charts: one row per axis, pole names either side
/// of a −100..100 line.
pub mod chart {
    /// Height of one row.
    pub const ROW: i32 = 34;
    /// Room for the manager pole name.
    pub const LEFT: i32 = 190;
    /// Length of the −100..100 line.
    pub const BAR: i32 = 360;

    /// The x coordinate of `score`, to a tenth.
    pub fn x(score: f64) -> f64 {
        let x = f64::from(LEFT) + (score.clamp(-100.0, 100.0) + 100.0) / 200.0 * f64::from(BAR);
        // A tenth of a unit is finer than any screen or printer shows.
        (x * 10.0).round() / 10.0
    }

    /// The opening `<svg>` for `rows` rows, described by `label` for screen
    /// readers, with the dashed line at 0.
    pub fn open(rows: usize, label: &str) -> String {
        let height = ROW * rows as i32 + 40;
        let width = LEFT * 2 + BAR;
        let middle = x(0.0);
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 {width} {height}\" \
             width=\"100%\" aria-label=\"{label}\">\n\
             <line x1=\"{middle}\" y1=\"10\" x2=\"{middle}\" y2=\"{}\" stroke=\"#999\" \
             stroke-dasharray=\"4 3\"/>\n",
            height - 20
        )
    }

    /// Row `row`'s pole names either side of its −100..100 line; returns
    /// the row's y coordinate.
    pub fn pole_row(svg: &mut String, row: usize, manager: &str, leader: &str) -> i32 {
        use std::fmt::Write as _;
        let y = 30 + ROW * row as i32;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"manager\">{}</text>",
            LEFT - 10,
            y + 5,
            super::html_escape(manager)
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
            super::html_escape(leader)
        );
        y
    }
}
