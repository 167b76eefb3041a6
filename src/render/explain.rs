//! `itlead explain`: one contrast in full, as text, Markdown or JSON.

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{BETWEEN, Layout, between, bullet, dim, heading, leader, manager, separator, wrap};
use crate::content::model::{Axis, Content, Pole, Side, Sides, Source};

/// An axis as `itlead explain --format json` prints it.
#[derive(Debug, Serialize)]
pub struct Explained<'a> {
    /// Axis id.
    pub id: &'a str,
    /// Theme id.
    pub theme: &'a str,
    /// Theme display name.
    pub theme_name: &'a str,
    /// Manager pole.
    pub manager: &'a Pole,
    /// Leader pole.
    pub leader: &'a Pole,
    /// Other names.
    pub aliases: &'a [String],
    /// What it is about.
    pub explanation: &'a str,
    /// An example from IT work.
    pub in_it: &'a str,
    /// Strengths per side.
    pub strengths: &'a Sides<Vec<String>>,
    /// Watch-outs per side.
    pub watch_outs: &'a Sides<Vec<String>>,
    /// Related axis ids.
    pub related: &'a [String],
    /// The source article.
    pub source: Option<&'a Source>,
    /// The point of the article.
    pub source_point: &'a str,
}

/// The JSON-ready form of `axis`.
pub fn explained<'a>(content: &'a Content, axis: &'a Axis) -> Explained<'a> {
    Explained {
        id: &axis.id,
        theme: &axis.theme,
        theme_name: content
            .theme(&axis.theme)
            .map_or(axis.theme.as_str(), |theme| theme.name.as_str()),
        manager: &axis.poles.manager,
        leader: &axis.poles.leader,
        aliases: &axis.aliases,
        explanation: &axis.explanation,
        in_it: &axis.in_it,
        strengths: &axis.strengths,
        watch_outs: &axis.watch_outs,
        related: &axis.related,
        source: content.source(&axis.source),
        source_point: &axis.source_point,
    }
}

/// One line naming a source.
pub fn cite(source: &Source) -> String {
    let mut line = format!("\"{}\", {}", source.title, source.publisher);
    if let Some(author) = &source.author {
        line.push_str(&format!(" ({author})"));
    }
    if let Some(after) = &source.after {
        line.push_str(&format!(", after {after}"));
    }
    line
}

fn colour(side: Side, text: &str) -> String {
    match side {
        Side::Manager => manager(text),
        Side::Leader => leader(text),
    }
}

/// The axis as text for a terminal `width` columns wide.
pub fn text(content: &Content, axis: &Axis, layout: Layout) -> String {
    let width = layout.width;
    let arrow = between(layout.ascii);
    let view = explained(content, axis);
    let mut out = String::new();
    let title = format!(
        "{} {arrow} {}",
        colour(Side::Manager, &axis.poles.manager.name),
        colour(Side::Leader, &axis.poles.leader.name)
    );
    let label = format!("{}{} {}", axis.id, separator(layout.ascii), view.theme_name);
    let plain_title = format!("{} {arrow} {}", axis.poles.manager.name, axis.poles.leader.name);
    let separator = if plain_title.width() + 2 + label.width() <= width { "  " } else { "\n" };
    out.push_str(&format!("{}{separator}{}\n", heading(&title), dim(&label)));
    if !axis.aliases.is_empty() {
        out.push_str(&wrap(&format!("also: {}", axis.aliases.join(", ")), width, ""));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&wrap(&axis.explanation, width, ""));
    out.push_str("\n\n");
    out.push_str(&heading("In IT"));
    out.push('\n');
    out.push_str(&wrap(&axis.in_it, width, "  "));
    out.push('\n');
    for side in [Side::Manager, Side::Leader] {
        let pole = axis.pole(side);
        out.push('\n');
        out.push_str(&heading(&format!("{} ({} side)", colour(side, &pole.name), side.as_str())));
        out.push('\n');
        out.push_str(&wrap(&pole.summary, width, "  "));
        out.push('\n');
        out.push_str("  Strengths:\n");
        for item in axis.strengths.get(side) {
            out.push_str(&bullet(item, width, "    "));
            out.push('\n');
        }
        out.push_str("  Watch out for:\n");
        for item in axis.watch_outs.get(side) {
            out.push_str(&bullet(item, width, "    "));
            out.push('\n');
        }
    }
    out.push('\n');
    if !axis.related.is_empty() {
        out.push_str(&wrap(&format!("Related: {}", axis.related.join(", ")), width, ""));
        out.push('\n');
    }
    if let Some(source) = view.source {
        out.push_str(&dim(&wrap(
            &format!("Source: {}; {}", cite(source), axis.source_point),
            width,
            "",
        )));
        out.push('\n');
    }
    out
}

/// The axis as Markdown.
pub fn markdown(content: &Content, axis: &Axis) -> String {
    let view = explained(content, axis);
    let mut out = format!(
        "## {} {BETWEEN} {}\n\n`{}` · {}",
        axis.poles.manager.name, axis.poles.leader.name, axis.id, view.theme_name
    );
    if !axis.aliases.is_empty() {
        out.push_str(&format!(" · also: {}", axis.aliases.join(", ")));
    }
    out.push_str(&format!("\n\n{}\n\n**In IT:** {}\n", axis.explanation, axis.in_it));
    for side in [Side::Manager, Side::Leader] {
        let pole = axis.pole(side);
        out.push_str(&format!(
            "\n### {} ({} side)\n\n{}\n\n**Strengths**\n\n",
            pole.name,
            side.as_str(),
            pole.summary
        ));
        for item in axis.strengths.get(side) {
            out.push_str(&format!("- {item}\n"));
        }
        out.push_str("\n**Watch out for**\n\n");
        for item in axis.watch_outs.get(side) {
            out.push_str(&format!("- {item}\n"));
        }
    }
    if !axis.related.is_empty() {
        let links: Vec<String> = axis.related.iter().map(|id| format!("`{id}`")).collect();
        out.push_str(&format!("\nRelated: {}\n", links.join(", ")));
    }
    if let Some(source) = view.source {
        out.push_str(&format!("\nSource: {} — {}\n", cite(source), axis.source_point));
    }
    out
}
