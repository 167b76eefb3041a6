//! The report after an assessment: a bar per axis, grouped by theme, then
//! the clearest leaning on each side with what it brings and what the other
//! side would add, and a closing line on complementarity.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

pub use super::Layout;
use super::{between, bullet, dim, heading, leader, manager, pad, signed, wrap};
use crate::content::Content;
use crate::content::model::Side;
use crate::result::{AxisResult, ResultDocument};

struct Glyphs {
    line: char,
    middle: char,
    marker: char,
    left: char,
    right: char,
}

const UNICODE: Glyphs =
    Glyphs { line: '─', middle: '┼', marker: '●', left: '├', right: '┤' };

const ASCII: Glyphs = Glyphs { line: '-', middle: '+', marker: 'O', left: '|', right: '|' };

/// Narrowest bar drawn.
const MIN_BAR: usize = 11;
/// Narrowest bar worth putting on one line with the pole names; below it,
/// the names and the bar take a line each.
const MIN_INLINE_BAR: usize = 17;
/// Widest bar drawn.
const MAX_BAR: usize = 41;

/// A bar `width` characters wide with a marker where `score` (−100..100) lands.
pub fn bar(score: Option<i32>, width: usize, ascii: bool) -> String {
    let glyphs = if ascii { &ASCII } else { &UNICODE };
    let width = width.max(5) | 1;
    let middle = width / 2;
    let marker = score.map(|score| {
        let fraction = (f64::from(score.clamp(-100, 100)) + 100.0) / 200.0;
        (fraction * (width - 3) as f64).round() as usize + 1
    });
    (0..width)
        .map(|index| match index {
            _ if Some(index) == marker => glyphs.marker,
            0 => glyphs.left,
            _ if index == width - 1 => glyphs.right,
            _ if index == middle => glyphs.middle,
            _ => glyphs.line,
        })
        .collect()
}

fn score_text(axis: &AxisResult) -> String {
    signed(axis.score)
}

/// The band in words, without colour.
fn plain_band(axis: &AxisResult) -> &'static str {
    if axis.mixed { "mixed" } else { axis.band.label() }
}

/// The band in words; a balanced axis whose answers pulled both ways reads "mixed".
fn band_text(axis: &AxisResult) -> String {
    match axis.band.side().filter(|_| !axis.mixed) {
        Some(Side::Manager) => manager(axis.band.label()),
        Some(Side::Leader) => leader(axis.band.label()),
        None => plain_band(axis).to_owned(),
    }
}

fn flags(axis: &AxisResult) -> String {
    let mut flags = Vec::new();
    if axis.mixed {
        flags.push(String::from("answers pulled hard both ways"));
    }
    if axis.few_answers && axis.score.is_some() {
        let answers = if axis.answered == 1 { "answer" } else { "answers" };
        flags.push(format!("based on {} {answers} only", axis.answered));
    }
    flags.join("; ")
}

/// The lines for one axis.
fn axis_lines(axis: &AxisResult, layout: Layout, name_widths: (usize, usize)) -> String {
    let (manager_width, leader_width) = name_widths;
    let tail = format!("{:>4}  {}", score_text(axis), band_text(axis));
    let tail_width = 4 + 2 + "leaning manager".len();
    let fixed = 2 + manager_width + 1 + 1 + leader_width + 2 + tail_width;
    let mut out = String::new();
    if layout.width >= fixed + MIN_INLINE_BAR {
        let bar_width = (layout.width - fixed).min(MAX_BAR);
        let _ = writeln!(
            out,
            "  {} {} {} {}",
            manager(&format!("{:>manager_width$}", axis.manager)),
            bar(axis.score, bar_width, layout.ascii),
            leader(&pad(&axis.leader, leader_width)),
            tail
        );
    } else {
        let bar_width = layout.width.saturating_sub(4).clamp(MIN_BAR, MAX_BAR);
        let between = between(layout.ascii);
        let poles = format!("{} {between} {}", axis.manager, axis.leader);
        // Scores line up in one column where the widest poles allow it.
        let widest_poles = manager_width + 3 + leader_width;
        let column = widest_poles.min(layout.width.saturating_sub(2 + 2 + tail_width));
        let gap = column.saturating_sub(poles.width()) + 2;
        let _ = writeln!(
            out,
            "  {} {between} {}{}{tail}",
            manager(&axis.manager),
            leader(&axis.leader),
            " ".repeat(gap)
        );
        let _ = writeln!(out, "  {}", bar(axis.score, bar_width, layout.ascii));
    }
    let flags = flags(axis);
    if !flags.is_empty() {
        out.push_str(&dim(&wrap(&format!("({flags})"), layout.width, "    ")));
        out.push('\n');
    }
    out
}

/// The whole report. `content`, when it matches the result's axes, adds
/// strengths and watch-outs to the closing section.
pub fn text(result: &ResultDocument, content: Option<&Content>, layout: Layout) -> String {
    let width = layout.width;
    let mut out = String::new();
    let _ = writeln!(out, "{}", heading("Your profile"));
    let stamp = format!("{} {}", result.content.title, result.content.version);
    let when = result.created.replacen('T', " ", 1).replace('Z', " UTC");
    let count = format!(
        "{} of {} scenarios answered{} {when}",
        crate::result::answered_count(&result.answers),
        result.answers.len(),
        if layout.ascii { "," } else { " ·" }
    );
    out.push_str(&dim(&wrap(&stamp, width, "")));
    out.push('\n');
    out.push_str(&dim(&wrap(&count, width, "")));
    out.push_str("\n\n");
    let name_widths = (
        result
            .axes
            .iter()
            .map(|axis| unicode_width::UnicodeWidthStr::width(axis.manager.as_str()))
            .max()
            .unwrap_or(0),
        result
            .axes
            .iter()
            .map(|axis| unicode_width::UnicodeWidthStr::width(axis.leader.as_str()))
            .max()
            .unwrap_or(0),
    );
    for theme in &result.themes {
        // Unscored axes (not asked, or all skipped) are summed up below instead.
        let theme_axes: Vec<&AxisResult> = result
            .axes
            .iter()
            .filter(|axis| axis.theme == theme.id && axis.score.is_some())
            .collect();
        if theme_axes.is_empty() {
            continue;
        }
        let theme_score = signed(theme.score);
        let _ = writeln!(
            out,
            "{}  {}",
            heading(&theme.name),
            dim(&format!("{theme_score} {}", theme.band.label()))
        );
        for axis in theme_axes {
            out.push_str(&axis_lines(axis, layout, name_widths));
        }
        out.push('\n');
    }
    out.push_str(&overall_text(result, width));
    out.push_str(&leanings(result, content, width));
    out.push('\n');
    out.push_str(&wrap(CLOSING, width, ""));
    out.push('\n');
    out
}

/// The complementarity point both source articles end on.
pub const CLOSING: &str = "Neither side is the better one. Managing keeps today's work reliable; \
leading keeps the team moving toward what comes next. Teams need both, and so does a career: \
use your leanings as strengths, and lean on colleagues who stand on the other side.";

fn overall_text(result: &ResultDocument, width: usize) -> String {
    let overall = &result.overall;
    let text = format!(
        "Overall: {} of {} contrasts lean toward the leader side, {} toward the manager side, {} {} balanced.",
        overall.leader_axes,
        result.axes.len(),
        overall.manager_axes,
        overall.balanced_axes,
        if overall.balanced_axes == 1 { "is" } else { "are" }
    );
    let mut out = wrap(&text, width, "");
    out.push('\n');
    let unanswered = result.axes.iter().filter(|axis| axis.score.is_none()).count();
    if unanswered > 0 {
        out.push_str(&dim(&wrap(
            &format!("{unanswered} contrast(s) had no answers and are not scored."),
            width,
            "",
        )));
        out.push('\n');
    }
    out
}

fn leanings(result: &ResultDocument, content: Option<&Content>, width: usize) -> String {
    let mut out = String::new();
    for (side, id) in [
        (Side::Leader, &result.overall.clearest_leader),
        (Side::Manager, &result.overall.clearest_manager),
    ] {
        let Some(axis) = id.as_deref().and_then(|id| result.axis(id)) else {
            let _ = writeln!(
                out,
                "\n{}",
                wrap(&format!("No contrast leans toward the {} side.", side.as_str()), width, "")
            );
            continue;
        };
        let (own, other) = match side {
            Side::Manager => (&axis.manager, &axis.leader),
            Side::Leader => (&axis.leader, &axis.manager),
        };
        let title = format!(
            "Your clearest {} side: {own} ({}, {})",
            side.as_str(),
            axis.id,
            score_text(axis)
        );
        let _ = writeln!(out, "\n{}", heading(&wrap(&title, width, "")));
        let Some(content_axis) = content.and_then(|content| content.axis(&axis.id)) else {
            continue;
        };
        let _ = writeln!(out, "  What it brings:");
        for item in content_axis.strengths.get(side).iter().take(3) {
            let _ = writeln!(out, "{}", bullet(item, width, "    "));
        }
        let _ = writeln!(out, "  What the {other} side would add:");
        for item in content_axis.strengths.get(side.opposite()).iter().take(2) {
            let _ = writeln!(out, "{}", bullet(item, width, "    "));
        }
        let _ = writeln!(out, "  Watch out for:");
        for item in content_axis.watch_outs.get(side).iter().take(2) {
            let _ = writeln!(out, "{}", bullet(item, width, "    "));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_marks_the_ends_and_the_middle() {
        assert_eq!(bar(Some(-100), 11, true), "|O---+----|");
        assert_eq!(bar(Some(100), 11, true), "|----+---O|");
        assert_eq!(bar(Some(0), 11, true), "|----O----|");
        assert_eq!(bar(None, 11, true), "|----+----|");
    }
}
