//! Views as one self-contained HTML page: no scripts, no network, readable
//! on a phone and printable on A4 or Letter.
//!
//! Charts are drawn with HTML and CSS rather than one scaled SVG, so their
//! labels keep a readable size on any screen: each contrast is a row with
//! its poles, a track shaded by band, marks at the scores, and the figure.
//! Every text is escaped ([`escape::html`]).

use std::fmt::Write as _;

use super::{Format, escape};
use crate::score::{LEANING_FROM, STRONG_FROM};
use crate::view::{Align, Block, Cell, Chart, ChartRow, Mark, Reading, Table, Text, Tone, View};

/// Draws `view` as a page.
pub fn render(view: &View) -> String {
    let title = if view.title.is_empty() { "itlead" } else { view.title.as_str() };
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n",
        escape::html(title),
        escape::html(title)
    );
    if !view.meta.is_empty() {
        let meta: Vec<String> = view.meta.iter().map(|line| escape::html(line)).collect();
        let _ = writeln!(out, "<p class=\"meta\">{}</p>", meta.join(" · "));
    }
    let blocks: Vec<&Block> =
        view.blocks.iter().filter(|block| block.formats().contains(Format::Html)).collect();
    let outline = Outline::of(&blocks);
    out.push_str(&outline.contents());
    let mut headings = outline.levels.iter();
    let mut next_heading = || headings.next().cloned().unwrap_or((2, None));
    for block in blocks {
        match block {
            Block::Heading(_, text) => {
                let (level, id) = next_heading();
                let _ = writeln!(out, "<h{level}{}>{}</h{level}>", anchor(id), inline(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", inline(text));
            }
            Block::Note(text) => {
                let _ = writeln!(out, "<p class=\"note\">{}</p>", inline(text));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", inline(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table(table) => out.push_str(&table_html(table)),
            Block::Chart(chart) => out.push_str(&chart_html(chart, &mut next_heading)),
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The page's headings in order, each at a level that never skips one
/// (h1, then h2, h3 …, whatever level a document asks for), with an id for
/// those the table of contents links to.
struct Outline {
    /// Level and id of each heading, in page order: headings of blocks and
    /// of chart groups alike.
    levels: Vec<(u8, Option<String>)>,
    /// The sections: id and text of each second-level heading (not those
    /// of chart groups, which sit under the page's first chart).
    sections: Vec<(String, String)>,
}

/// Fewer sections than this get no table of contents.
const CONTENTS_FROM: usize = 4;

impl Outline {
    fn of(blocks: &[&Block]) -> Self {
        let mut levels = Vec::new();
        let mut sections = Vec::new();
        let mut last = 1_u8;
        let mut place = |asked: u8, text: &Text, listed: bool| {
            let level = asked.clamp(2, 4).min(last + 1);
            last = level;
            let id = (level == 2 && listed).then(|| format!("section-{}", sections.len() + 1));
            if let Some(id) = &id {
                sections.push((id.clone(), text.plain_text()));
            }
            levels.push((level, id));
        };
        for block in blocks {
            match block {
                Block::Heading(level, text) => place(*level, text, true),
                Block::Chart(chart) => {
                    for heading in chart.groups.iter().filter_map(|group| group.heading.as_ref()) {
                        place(3, heading, false);
                    }
                }
                _ => {}
            }
        }
        Self { levels, sections }
    }

    /// A short table of contents, when the page has enough sections.
    fn contents(&self) -> String {
        if self.sections.len() < CONTENTS_FROM {
            return String::new();
        }
        let mut out = String::from("<nav class=\"contents\" aria-label=\"Contents\">\n<ol>\n");
        for (id, text) in &self.sections {
            let _ = writeln!(out, "<li><a href=\"#{id}\">{}</a></li>", escape::html(text.trim()));
        }
        out.push_str("</ol>\n</nav>\n");
        out
    }
}

fn anchor(id: Option<String>) -> String {
    id.map(|id| format!(" id=\"{id}\"")).unwrap_or_default()
}

fn class(tone: Tone) -> Option<&'static str> {
    match tone {
        Tone::Manager => Some("manager"),
        Tone::Leader => Some("leader"),
        Tone::Dim => Some("dim"),
        Tone::Alert => Some("alert"),
        Tone::Plain | Tone::Strong | Tone::Quiet => None,
    }
}

fn inline(text: &Text) -> String {
    text.0
        .iter()
        .map(|span| {
            let escaped = escape::html(&span.text);
            match (span.tone, class(span.tone)) {
                (Tone::Strong, _) => format!("<strong>{escaped}</strong>"),
                (Tone::Quiet, _) => format!("<em>{escaped}</em>"),
                (_, Some(class)) => format!("<span class=\"{class}\">{escaped}</span>"),
                (_, None) => escaped,
            }
        })
        .collect()
}

fn cell(cell: &Cell) -> String {
    match cell.for_people() {
        Reading::Text(text) => inline(text),
        Reading::Code(code) => format!("<code>{}</code>", escape::html(code)),
        Reading::Words(words, tone) => match class(tone) {
            Some(class) => format!("<span class=\"{class}\">{}</span>", escape::html(&words)),
            None => escape::html(&words),
        },
    }
}

fn table_html(table: &Table) -> String {
    let columns = table.people_columns();
    let mut out = String::from("<table>\n<thead><tr>");
    for &index in &columns {
        let column = &table.columns[index];
        let number = if column.align == Align::Right { " class=\"n\"" } else { "" };
        match &column.meaning {
            Some(meaning) => {
                let _ = write!(
                    out,
                    "<th{number}><abbr title=\"{}\">{}</abbr></th>",
                    escape::html(meaning),
                    escape::html(&column.header)
                );
            }
            None => {
                let _ = write!(out, "<th{number}>{}</th>", escape::html(&column.header));
            }
        }
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in table.rows() {
        out.push_str("<tr>");
        for &index in &columns {
            let column = &table.columns[index];
            let number = if column.align == Align::Right { " class=\"n\"" } else { "" };
            let label = column.meaning.as_deref().unwrap_or(&column.header);
            let _ = write!(
                out,
                "<td{number} data-label=\"{}\">{}</td>",
                escape::html(label),
                cell(&row[index])
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// Where a score sits on a track, in percent from the left.
fn percent(score: i32) -> f64 {
    crate::number::round(f64::midpoint(f64::from(score.clamp(-100, 100)), 100.0), 1)
}

fn mark_class(mark: Mark) -> &'static str {
    match mark {
        Mark::Score => "score",
        Mark::Before => "before",
        Mark::Mean => "mean",
    }
}

fn chart_html(chart: &Chart, next_heading: &mut dyn FnMut() -> (u8, Option<String>)) -> String {
    let mut out = format!(
        "<figure class=\"chart\">\n<figcaption>{}</figcaption>\n",
        escape::html(&chart.caption)
    );
    out.push_str(&scale());
    for group in &chart.groups {
        if let Some(heading) = &group.heading {
            let (level, id) = next_heading();
            let _ = writeln!(out, "<h{level}{}>{}</h{level}>", anchor(id), inline(heading));
        }
        for row in &group.rows {
            out.push_str(&row_html(row));
        }
    }
    out.push_str("<ul class=\"legend\">\n");
    for (mark, meaning) in &chart.legend {
        let _ = writeln!(
            out,
            "<li><span class=\"key mark {}\"></span>{}</li>",
            mark_class(*mark),
            escape::html(meaning)
        );
    }
    if let Some(range) = &chart.range_legend {
        let _ = writeln!(out, "<li><span class=\"key range\"></span>{}</li>", escape::html(range));
    }
    let _ = writeln!(
        out,
        "<li><span class=\"key zone-strong\"></span>strong (±{STRONG_FROM} and beyond)</li>\n\
         <li><span class=\"key zone-leaning\"></span>leaning (±{LEANING_FROM} to ±{})</li>\n\
         <li><span class=\"key zone-balanced\"></span>balanced (between ±{})</li>",
        STRONG_FROM - 1,
        LEANING_FROM - 1
    );
    out.push_str("</ul>\n</figure>\n");
    out
}

/// The tick labels above the tracks.
fn scale() -> String {
    let mut out = String::from(
        "<div class=\"row scale\" aria-hidden=\"true\"><span class=\"pole manager\">manager side</span><span class=\"track\">",
    );
    for tick in [-100, -STRONG_FROM, -LEANING_FROM, 0, LEANING_FROM, STRONG_FROM, 100] {
        let label = if tick > 0 { format!("+{tick}") } else { tick.to_string() };
        // The end labels sit inside the track, so they never run into the
        // side names or off a narrow screen.
        let class = match tick {
            -100 => "tick start",
            100 => "tick end",
            _ => "tick",
        };
        let _ =
            write!(out, "<span class=\"{class}\" style=\"left:{}%\">{label}</span>", percent(tick));
    }
    out.push_str("</span><span class=\"pole leader\">leader side</span></div>\n");
    out
}

fn row_html(row: &ChartRow) -> String {
    let mut track = String::new();
    if let Some((low, high)) = row.range {
        let left = percent(low);
        let width = (percent(high) - left).max(1.0);
        let _ =
            write!(track, "<span class=\"range\" style=\"left:{left}%;width:{width:.1}%\"></span>");
    }
    for (mark, score) in &row.marks {
        let _ = write!(
            track,
            "<span class=\"mark {}\" style=\"left:{}%\"></span>",
            mark_class(*mark),
            percent(*score)
        );
    }
    let note = row
        .note
        .as_ref()
        .map(|note| format!("<span class=\"rownote\">{}</span>", escape::html(note)))
        .unwrap_or_default();
    format!(
        "<div class=\"row\"><span class=\"pole manager\">{}</span><span class=\"track\">{track}</span>\
         <span class=\"pole leader\">{}</span><span class=\"value\">{}</span><span class=\"band\">{}</span>{note}</div>\n",
        escape::html(&row.manager),
        escape::html(&row.leader),
        escape::html(&row.value),
        inline(&row.label),
    )
}

// A mean is a hollow diamond drawn under a score's dot and larger than it,
// so that where a colleagues' mean and one's own score meet (feedback),
// the dot shows inside the diamond and neither hides the other.
const STYLE: &str = "\
:root{--manager:#1f5fa8;--leader:#8a2f8a;--ink:#222;--muted:#666;--line:#ddd}\
*{box-sizing:border-box}\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--ink);margin:0;line-height:1.45;font-size:16px}\
main{max-width:62rem;margin:0 auto;padding:1.5rem 1rem 3rem}p,li,.meta,figcaption{overflow-wrap:anywhere}td{overflow-wrap:break-word}\
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line);padding-bottom:.2rem}\
h3{font-size:1.05rem;margin:1.2rem 0 .4rem}\
.contents{font-size:.92rem;margin:.8rem 0 1.2rem}.contents ol{margin:.2rem 0;padding-left:1.4rem;columns:2 14rem}\
abbr[title]{text-decoration:none}\
.meta,.note,.dim,.rownote{color:var(--muted)}.note{font-size:.92rem}.alert{color:#8a5a00;font-weight:600}\
.manager{color:var(--manager)}.leader{color:var(--leader)}\
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em}\
table{border-collapse:collapse;width:100%;margin:.8rem 0}th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}\
th{font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\
.chart{margin:1rem 0}.chart figcaption{color:var(--muted);font-size:.92rem;margin-bottom:.4rem}\
.row{display:grid;grid-template-columns:minmax(6rem,11rem) minmax(8rem,1fr) minmax(6rem,11rem) 5.5rem 8.5rem;gap:.2rem .6rem;align-items:center;padding:.25rem 0;break-inside:avoid}\
.row .pole.manager{text-align:right}.value{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.band{white-space:nowrap}\
.rownote{grid-column:2/-1;font-size:.85rem}\
.track{position:relative;height:1.1rem;border-radius:.55rem;-webkit-print-color-adjust:exact;print-color-adjust:exact;\
background:linear-gradient(to right,#c9d9ee 0 20%,#e3ecf7 20% 40%,#f2f2f2 40% 60%,#f1e1f1 60% 80%,#e4c6e4 80% 100%)}\
.track::after{content:'';position:absolute;left:50%;top:-.15rem;bottom:-.15rem;border-left:1px dashed #888}\
.scale{font-size:.8rem;color:var(--muted)}.scale .track{background:none;height:1.2rem}.scale .track::after{display:none}\
.tick{position:absolute;transform:translateX(-50%);top:0;white-space:nowrap}.tick.start{transform:none}.tick.end{transform:translateX(-100%)}\
.mark{position:absolute;top:50%;width:.95rem;height:.95rem;transform:translate(-50%,-50%);border-radius:50%;z-index:2}\
.mark.score{background:var(--ink);border:2px solid #fff}.mark.before{background:#fff;border:2px solid var(--ink)}\
.mark.mean{background:var(--ink);border-radius:0;transform:translate(-50%,-50%) rotate(45deg);width:.8rem;height:.8rem}\
.range{position:absolute;top:25%;height:50%;background:#7a7a7a;opacity:.55;border-radius:.3rem;z-index:1}\
.legend{list-style:none;padding:0;margin:.6rem 0 0;display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;font-size:.88rem;color:var(--muted)}\
.key{display:inline-block;vertical-align:middle;margin-right:.35rem;width:1rem;height:.8rem;-webkit-print-color-adjust:exact;print-color-adjust:exact}\
.key.mark{position:static;transform:none;width:.8rem;height:.8rem}.key.mark.mean{transform:rotate(45deg);width:.65rem;height:.65rem}\
.key.range{position:static;height:.5rem;background:#7a7a7a;opacity:.55;border-radius:.2rem}.key.zone-strong{background:linear-gradient(to right,#c9d9ee 50%,#e4c6e4 50%)}\
.key.zone-leaning{background:linear-gradient(to right,#e3ecf7 50%,#f1e1f1 50%)}.key.zone-balanced{background:#f2f2f2}\
@media (max-width:40rem){main{padding:1rem .75rem 2rem}\
.row{grid-template-columns:1fr 1fr;grid-template-areas:'m l' 't t' 'v b'}\
.row .pole.manager{grid-area:m;text-align:left}.row .pole.leader{grid-area:l;text-align:right}\
.row .track{grid-area:t}.row .value{grid-area:v;text-align:left}.row .band{grid-area:b;text-align:right}.rownote{grid-column:1/-1}\
.scale .pole{font-size:.75rem}\
table,thead,tbody,tr,th,td{display:block}thead{display:none}tr{border-bottom:1px solid var(--line);padding:.3rem 0}\
td{border:0;padding:.1rem 0}td.n{text-align:left}td::before{content:attr(data-label) ': ';color:var(--muted)}}\
@media print{@page{margin:15mm}html{font-size:12px}body{font-size:10pt}main{max-width:none;padding:0}h2{break-after:avoid}\
.row{grid-template-columns:7.5rem 1fr 8.5rem 6rem 10rem}table,figure{break-inside:auto}tr{break-inside:avoid}}\
.mark.mean{background:transparent;border:.15rem solid var(--ink);box-shadow:0 0 0 .09rem #fff,inset 0 0 0 .09rem #fff;width:1.1rem;height:1.1rem;z-index:1}\
.key.mark.mean{background:transparent;border:.13rem solid var(--ink);width:.7rem;height:.7rem}";
