//! The team and compare documents in every report format: text for a
//! terminal, JSON and YAML documents, a Markdown report, CSV with a header
//! and a self-contained HTML page with an SVG chart. Renderers take a
//! document and return bytes; nothing here does IO.

use std::fmt::Write as _;

use anyhow::{Context, Result};

use super::aggregate::{Coverage, TeamAxis, TeamDocument};
use super::compare::{CompareDocument, Movement};
use super::format::{Column, Table, arrow, missing, signed, signed_tenths};
use crate::cli::ReportFormat;
use crate::export::markup::{HTML_END, chart, csv_line, html_escape, html_start, md_cell};
use crate::render::report::Layout;
use crate::render::{between, bullet, dim, heading, wrap};

/// The closing point of the team view: both sides are needed.
pub const TEAM_CLOSING: &str = "Managing and leading are complementary, and a team needs both: \
people who keep today's work reliable and people who move it toward what comes next. Where a \
contrast has only one side covered, look for the other in hiring, pairing, or in who takes the \
lead on what.";

/// What the sign of a change means.
pub const MOVEMENT_NOTE: &str = "A positive change is a move toward the leader side, a negative \
one toward the manager side. Neither side is the better one.";

fn json(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).context("cannot serialise to JSON")?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn yaml(value: &impl serde::Serialize) -> Result<Vec<u8>> {
    Ok(serde_yaml::to_string(value).context("cannot serialise to YAML")?.into_bytes())
}

fn optional<T>(value: Option<T>, show: impl Fn(T) -> String, ascii: bool) -> String {
    value.map_or_else(|| missing(ascii).to_owned(), show)
}

fn plain<T: ToString>(value: Option<T>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// `Today ⟷ Tomorrow`.
fn poles(manager: &str, leader: &str, ascii: bool) -> String {
    format!("{manager} {} {leader}", between(ascii))
}

// ---------------------------------------------------------------- team --

/// Renders a team document in `format`.
pub fn team(document: &TeamDocument, format: ReportFormat, layout: Layout) -> Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Text => team_text(document, layout).into_bytes(),
        ReportFormat::Json => json(document)?,
        ReportFormat::Yaml => yaml(document)?,
        ReportFormat::Markdown => team_markdown(document).into_bytes(),
        ReportFormat::Csv => team_csv(document).into_bytes(),
        ReportFormat::Html => team_html(document).into_bytes(),
    })
}

fn team_meta(document: &TeamDocument) -> String {
    let mut meta = format!(
        "{} {} · {}",
        document.content.title,
        document.content.versions.join(", "),
        plural(document.files.used, "member", "members")
    );
    if document.files.skipped > 0 {
        let _ =
            write!(meta, " · {} of {} files skipped", document.files.skipped, document.files.given);
    }
    meta
}

/// What one axis's coverage means, in a sentence.
fn coverage_sentence(axis: &TeamAxis) -> String {
    let lean = axis.lean;
    match axis.coverage {
        Coverage::ManagerOnly => format!(
            "{} toward {}, nobody toward {}.",
            plural(lean.manager, "leans", "lean"),
            axis.manager,
            axis.leader
        ),
        Coverage::LeaderOnly => format!(
            "{} toward {}, nobody toward {}.",
            plural(lean.leader, "leans", "lean"),
            axis.leader,
            axis.manager
        ),
        Coverage::NoLeaning => {
            if axis.count == 1 {
                String::from("the one score is balanced.")
            } else {
                format!("all {} are balanced.", axis.count)
            }
        }
        Coverage::Unscored => String::from("nobody has a score here."),
        Coverage::Both => format!(
            "{} toward {}, {} toward {}.",
            lean.manager, axis.manager, lean.leader, axis.leader
        ),
    }
}

fn axes_with(document: &TeamDocument, wanted: impl Fn(Coverage) -> bool) -> Vec<&TeamAxis> {
    document.axes.iter().filter(|axis| wanted(axis.coverage)).collect()
}

/// The statistics of one axis as table cells: count, mean, median, min,
/// max, spread, and how many lean manager, are balanced, lean leader.
fn stat_cells(axis: &TeamAxis, ascii: bool) -> Vec<String> {
    vec![
        axis.count.to_string(),
        optional(axis.mean, signed_tenths, ascii),
        optional(axis.median, signed_tenths, ascii),
        optional(axis.min, signed, ascii),
        optional(axis.max, signed, ascii),
        optional(axis.spread, |spread| format!("{spread:.1}"), ascii),
        axis.lean.manager.to_string(),
        axis.lean.balanced.to_string(),
        axis.lean.leader.to_string(),
    ]
}

/// The coverage findings worth a heading of their own, with their axes.
fn coverage_sections(document: &TeamDocument) -> [(&'static str, Vec<&TeamAxis>); 2] {
    [
        ("Only one side covered (a team needs both)", axes_with(document, one_sided)),
        (
            "Nobody leans either way",
            axes_with(document, |coverage| coverage == Coverage::NoLeaning),
        ),
    ]
}

fn one_sided(coverage: Coverage) -> bool {
    coverage.missing_side().is_some()
}

fn team_text(document: &TeamDocument, layout: Layout) -> String {
    let (width, ascii) = (layout.width, layout.ascii);
    let mut out = String::new();
    let _ = writeln!(out, "{}", heading("Team view"));
    out.push_str(&dim(&wrap(&team_meta(document), width, "")));
    out.push_str("\n\n");
    let mut table = Table::new(vec![
        Column::text("contrast"),
        Column::number("n"),
        Column::number("mean"),
        Column::number("median"),
        Column::number("min"),
        Column::number("max"),
        Column::number("spread"),
        Column::number("mgr"),
        Column::number("bal"),
        Column::number("ldr"),
    ]);
    for axis in &document.axes {
        let mut row = vec![poles(&axis.manager, &axis.leader, ascii)];
        row.extend(stat_cells(axis, ascii));
        table.row(row);
    }
    out.push_str(&table.render(width));
    out.push_str(&dim(&wrap(
        "mgr, bal, ldr: how many lean manager, are balanced, lean leader. \
         spread: standard deviation of the scores.",
        width,
        "  ",
    )));
    out.push_str("\n\n");
    let sections: [(&str, Vec<&TeamAxis>); 3] = [
        ("Only one side covered (a team needs both):", axes_with(document, one_sided)),
        (
            "Nobody leans either way:",
            axes_with(document, |coverage| coverage == Coverage::NoLeaning),
        ),
        ("No scores:", axes_with(document, |coverage| coverage == Coverage::Unscored)),
    ];
    for (title, axes) in &sections {
        if axes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}", heading(&wrap(title, width, "")));
        for axis in axes {
            let line = format!(
                "{} ({}): {}",
                poles(&axis.manager, &axis.leader, ascii),
                axis.id,
                coverage_sentence(axis)
            );
            let _ = writeln!(out, "{}", bullet(&line, width, "  "));
        }
        out.push('\n');
    }
    if sections[0].1.is_empty() {
        out.push_str(&wrap(
            "Every contrast where people lean has someone on each side.",
            width,
            "",
        ));
        out.push_str("\n\n");
    }
    if document.axes.iter().any(|axis| axis.members.is_some()) {
        let _ = writeln!(out, "{}", heading("Who leans where:"));
        for axis in &document.axes {
            let Some(members) = &axis.members else {
                continue;
            };
            let _ =
                writeln!(out, "{}", wrap(&poles(&axis.manager, &axis.leader, ascii), width, "  "));
            for (label, names) in [
                (axis.manager.as_str(), &members.manager),
                ("balanced", &members.balanced),
                (axis.leader.as_str(), &members.leader),
            ] {
                if !names.is_empty() {
                    out.push_str(&wrap(&format!("{label}: {}", names.join(", ")), width, "    "));
                    out.push('\n');
                }
            }
        }
        out.push('\n');
    }
    out.push_str(&wrap(TEAM_CLOSING, width, ""));
    out.push('\n');
    out
}

fn team_markdown(document: &TeamDocument) -> String {
    let mut out = String::from("# itlead team view\n\n");
    let _ = writeln!(out, "{}\n", md_cell(&team_meta(document)));
    out.push_str(
        "| contrast | manager | leader | n | mean | median | min | max | spread | lean manager | balanced | lean leader | coverage |\n\
         | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n",
    );
    for axis in &document.axes {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} |",
            axis.id,
            md_cell(&axis.manager),
            md_cell(&axis.leader),
            stat_cells(axis, false).join(" | "),
            coverage_label(axis.coverage)
        );
    }
    out.push('\n');
    for (title, axes) in coverage_sections(document) {
        if axes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        for axis in axes {
            let _ = writeln!(
                out,
                "- `{}` ({}): {}",
                axis.id,
                md_cell(&poles(&axis.manager, &axis.leader, false)),
                md_cell(&coverage_sentence(axis))
            );
        }
        out.push('\n');
    }
    if document.axes.iter().any(|axis| axis.members.is_some()) {
        out.push_str("## Who leans where\n\n| contrast | manager side | balanced | leader side |\n| --- | --- | --- | --- |\n");
        for axis in &document.axes {
            if let Some(members) = &axis.members {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} |",
                    axis.id,
                    md_cell(&members.manager.join(", ")),
                    md_cell(&members.balanced.join(", ")),
                    md_cell(&members.leader.join(", "))
                );
            }
        }
        out.push('\n');
    }
    let _ = writeln!(out, "_{TEAM_CLOSING}_");
    out
}

/// The kebab-case word for a coverage, as in JSON.
pub fn coverage_label(coverage: Coverage) -> &'static str {
    match coverage {
        Coverage::Both => "both",
        Coverage::ManagerOnly => "manager-only",
        Coverage::LeaderOnly => "leader-only",
        Coverage::NoLeaning => "no-leaning",
        Coverage::Unscored => "unscored",
    }
}

fn team_csv(document: &TeamDocument) -> String {
    let names = document.axes.iter().any(|axis| axis.members.is_some());
    let mut header = vec![
        "id",
        "theme",
        "manager",
        "leader",
        "count",
        "mean",
        "median",
        "min",
        "max",
        "spread",
        "lean_manager",
        "balanced",
        "lean_leader",
        "coverage",
    ];
    if names {
        header.extend(["manager_members", "balanced_members", "leader_members"]);
    }
    let mut out = csv_line(header);
    for axis in &document.axes {
        let mut row = vec![
            axis.id.clone(),
            axis.theme.clone(),
            axis.manager.clone(),
            axis.leader.clone(),
            axis.count.to_string(),
            plain(axis.mean),
            plain(axis.median),
            plain(axis.min),
            plain(axis.max),
            plain(axis.spread),
            axis.lean.manager.to_string(),
            axis.lean.balanced.to_string(),
            axis.lean.leader.to_string(),
            coverage_label(axis.coverage).to_owned(),
        ];
        if names {
            let members = axis.members.clone().unwrap_or_default();
            row.extend([
                members.manager.join(";"),
                members.balanced.join(";"),
                members.leader.join(";"),
            ]);
        }
        out.push_str(&csv_line(row));
    }
    out
}

/// The team as an SVG: per axis, a grey band from the lowest to the
/// highest score and a marker at the mean.
fn team_chart(document: &TeamDocument) -> String {
    let mut svg = chart::open(
        document.axes.len(),
        "Team: per contrast, the range of scores and the mean; manager side left, leader side right",
    );
    for (row, axis) in document.axes.iter().enumerate() {
        let y = chart::pole_row(&mut svg, row, &axis.manager, &axis.leader);
        if let (Some(min), Some(max), Some(mean)) = (axis.min, axis.max, axis.mean) {
            let (left, right) = (chart::x(f64::from(min)), chart::x(f64::from(max)));
            let _ = writeln!(
                svg,
                "<rect x=\"{left:.1}\" y=\"{}\" width=\"{:.1}\" height=\"12\" rx=\"6\" class=\"range\"/>",
                y - 6,
                (right - left).max(2.0)
            );
            let _ = writeln!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{y}\" r=\"7\" class=\"marker\"><title>{}: mean {mean:+.1}, {min:+} to {max:+}, n={}</title></circle>",
                chart::x(mean),
                html_escape(&axis.id),
                axis.count
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

fn team_html(document: &TeamDocument) -> String {
    let mut out = html_start("itlead team view");
    let _ = writeln!(out, "<p>{}</p>", html_escape(&team_meta(document)));
    out.push_str(&team_chart(document));
    out.push_str(
        "<table>\n<tr><th>contrast</th><th class=\"n\">n</th><th class=\"n\">mean</th><th class=\"n\">median</th>\
         <th class=\"n\">min</th><th class=\"n\">max</th><th class=\"n\">spread</th><th class=\"n\">lean manager</th>\
         <th class=\"n\">balanced</th><th class=\"n\">lean leader</th><th>coverage</th></tr>\n",
    );
    for axis in &document.axes {
        let _ = write!(
            out,
            "<tr><td><span class=\"manager\">{}</span> – <span class=\"leader\">{}</span> <code>{}</code></td>",
            html_escape(&axis.manager),
            html_escape(&axis.leader),
            html_escape(&axis.id),
        );
        for cell in stat_cells(axis, false) {
            let _ = write!(out, "<td class=\"n\">{}</td>", html_escape(&cell));
        }
        let _ = writeln!(out, "<td>{}</td></tr>", coverage_label(axis.coverage));
    }
    out.push_str("</table>\n");
    for (title, axes) in coverage_sections(document) {
        if axes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h2>{}</h2>\n<ul>", html_escape(title));
        for axis in axes {
            let _ = writeln!(
                out,
                "<li><code>{}</code>: {}</li>",
                html_escape(&axis.id),
                html_escape(&coverage_sentence(axis))
            );
        }
        out.push_str("</ul>\n");
    }
    if document.axes.iter().any(|axis| axis.members.is_some()) {
        out.push_str("<h2>Who leans where</h2>\n<table>\n<tr><th>contrast</th><th>manager side</th><th>balanced</th><th>leader side</th></tr>\n");
        for axis in &document.axes {
            if let Some(members) = &axis.members {
                let _ = writeln!(
                    out,
                    "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    html_escape(&axis.id),
                    html_escape(&members.manager.join(", ")),
                    html_escape(&members.balanced.join(", ")),
                    html_escape(&members.leader.join(", "))
                );
            }
        }
        out.push_str("</table>\n");
    }
    let _ = write!(out, "<p><em>{}</em></p>\n{HTML_END}", html_escape(TEAM_CLOSING));
    out
}

// ------------------------------------------------------------- compare --

/// Renders a compare document in `format`.
pub fn compare(
    document: &CompareDocument,
    format: ReportFormat,
    layout: Layout,
) -> Result<Vec<u8>> {
    Ok(match format {
        ReportFormat::Text => compare_text(document, layout).into_bytes(),
        ReportFormat::Json => json(document)?,
        ReportFormat::Yaml => yaml(document)?,
        ReportFormat::Markdown => compare_markdown(document).into_bytes(),
        ReportFormat::Csv => compare_csv(document).into_bytes(),
        ReportFormat::Html => compare_html(document).into_bytes(),
    })
}

fn band_change(movement: &Movement, ascii: bool) -> String {
    if movement.band_changed {
        format!("{} {} {}", movement.old_band.label(), arrow(ascii), movement.new_band.label())
    } else {
        movement.new_band.label().to_owned()
    }
}

fn compare_meta(document: &CompareDocument) -> String {
    let (old, new) = (&document.old, &document.new);
    format!(
        "{}: from {} ({}, version {}) to {} ({}, version {})",
        new.content_title,
        old.file,
        old.created,
        old.content_version,
        new.file,
        new.created,
        new.content_version
    )
}

fn summary_sentence(document: &CompareDocument) -> String {
    let summary = document.summary;
    format!(
        "{} moved toward the leader side, {} toward the manager side, {} unchanged; {}.",
        summary.toward_leader,
        summary.toward_manager,
        summary.unchanged,
        plural(summary.band_changes, "band change", "band changes")
    )
}

fn left_out_sentence(document: &CompareDocument) -> Option<String> {
    if document.left_out.is_empty() {
        return None;
    }
    let items: Vec<String> = document
        .left_out
        .iter()
        .map(|left| {
            format!(
                "{} ({})",
                left.id,
                left.reason.describe(&document.old.file, &document.new.file)
            )
        })
        .collect();
    Some(format!("Not compared: {}.", items.join(", ")))
}

fn compare_text(document: &CompareDocument, layout: Layout) -> String {
    let (width, ascii) = (layout.width, layout.ascii);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        heading(&wrap(
            &format!("Movement on {}", plural(document.summary.compared, "contrast", "contrasts")),
            width,
            ""
        ))
    );
    out.push_str(&dim(&wrap(&compare_meta(document), width, "")));
    out.push_str("\n\n");
    if document.axes.is_empty() {
        out.push_str(&wrap(
            "The two results share no scored contrast, so nothing can be compared.",
            width,
            "",
        ));
        out.push_str("\n\n");
    } else {
        let mut table = Table::new(vec![
            Column::text("contrast"),
            Column::number("old"),
            Column::number("new"),
            Column::number("change"),
            Column::text("band"),
        ]);
        for movement in &document.axes {
            table.row(vec![
                poles(&movement.manager, &movement.leader, ascii),
                signed(movement.old_score),
                signed(movement.new_score),
                signed(movement.delta),
                band_change(movement, ascii),
            ]);
        }
        out.push_str(&table.render(width));
        out.push('\n');
        out.push_str(&wrap(&summary_sentence(document), width, ""));
        out.push('\n');
    }
    if let Some(sentence) = left_out_sentence(document) {
        out.push_str(&wrap(&sentence, width, ""));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&dim(&wrap(MOVEMENT_NOTE, width, "")));
    out.push('\n');
    out
}

fn compare_markdown(document: &CompareDocument) -> String {
    let mut out = String::from("# itlead: movement between two results\n\n");
    let _ = writeln!(out, "{}\n", md_cell(&compare_meta(document)));
    out.push_str("| contrast | manager | leader | old | new | change | band |\n| --- | --- | --- | ---: | ---: | ---: | --- |\n");
    for movement in &document.axes {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} | {} | {} | {} |",
            movement.id,
            md_cell(&movement.manager),
            md_cell(&movement.leader),
            signed(movement.old_score),
            signed(movement.new_score),
            signed(movement.delta),
            band_change(movement, false)
        );
    }
    out.push('\n');
    let _ = writeln!(out, "{}\n", summary_sentence(document));
    if let Some(sentence) = left_out_sentence(document) {
        let _ = writeln!(out, "{}\n", md_cell(&sentence));
    }
    let _ = writeln!(out, "_{MOVEMENT_NOTE}_");
    out
}

fn compare_csv(document: &CompareDocument) -> String {
    let mut out = csv_line([
        "id",
        "theme",
        "manager",
        "leader",
        "old_score",
        "new_score",
        "delta",
        "old_band",
        "new_band",
        "band_changed",
    ]);
    for movement in &document.axes {
        out.push_str(&csv_line([
            movement.id.clone(),
            movement.theme.clone(),
            movement.manager.clone(),
            movement.leader.clone(),
            movement.old_score.to_string(),
            movement.new_score.to_string(),
            movement.delta.to_string(),
            movement.old_band.id().to_owned(),
            movement.new_band.id().to_owned(),
            movement.band_changed.to_string(),
        ]));
    }
    out
}

/// The movement as an SVG: per axis, a hollow marker at the old score, a
/// filled one at the new score and a line between them.
fn compare_chart(document: &CompareDocument) -> String {
    let mut svg = chart::open(
        document.axes.len(),
        "Movement: per contrast, the old score (hollow) and the new score (filled); manager side left, leader side right",
    );
    for (row, movement) in document.axes.iter().enumerate() {
        let y = chart::pole_row(&mut svg, row, &movement.manager, &movement.leader);
        let (old, new) =
            (chart::x(f64::from(movement.old_score)), chart::x(f64::from(movement.new_score)));
        let _ = writeln!(
            svg,
            "<line x1=\"{old:.1}\" y1=\"{y}\" x2=\"{new:.1}\" y2=\"{y}\" stroke=\"#222\" stroke-width=\"3\"/>"
        );
        let _ = writeln!(
            svg,
            "<circle cx=\"{old:.1}\" cy=\"{y}\" r=\"6\" class=\"old\"><title>{}: was {:+}</title></circle>",
            html_escape(&movement.id),
            movement.old_score
        );
        let _ = writeln!(
            svg,
            "<circle cx=\"{new:.1}\" cy=\"{y}\" r=\"7\" class=\"marker\"><title>{}: now {:+} ({:+})</title></circle>",
            html_escape(&movement.id),
            movement.new_score,
            movement.delta
        );
    }
    svg.push_str("</svg>\n");
    svg
}

fn compare_html(document: &CompareDocument) -> String {
    let mut out = html_start("itlead: movement between two results");
    let _ = writeln!(out, "<p>{}</p>", html_escape(&compare_meta(document)));
    out.push_str(&compare_chart(document));
    out.push_str(
        "<table>\n<tr><th>contrast</th><th class=\"n\">old</th><th class=\"n\">new</th>\
         <th class=\"n\">change</th><th>band</th></tr>\n",
    );
    for movement in &document.axes {
        let _ = writeln!(
            out,
            "<tr><td><span class=\"manager\">{}</span> – <span class=\"leader\">{}</span> <code>{}</code></td>\
             <td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            html_escape(&movement.manager),
            html_escape(&movement.leader),
            html_escape(&movement.id),
            signed(movement.old_score),
            signed(movement.new_score),
            signed(movement.delta),
            html_escape(&band_change(movement, false))
        );
    }
    out.push_str("</table>\n");
    let _ = writeln!(out, "<p>{}</p>", html_escape(&summary_sentence(document)));
    if let Some(sentence) = left_out_sentence(document) {
        let _ = writeln!(out, "<p>{}</p>", html_escape(&sentence));
    }
    let _ = write!(out, "<p><em>{}</em></p>\n{HTML_END}", html_escape(MOVEMENT_NOTE));
    out
}
