//! `itlead list`: one line per axis.

use serde::Serialize;

use super::{Layout, between, dim, leader, manager, pad, truncate};
use unicode_width::UnicodeWidthStr;

use crate::content::Content;
use crate::content::model::Axis;

/// One axis as `itlead list --format json` prints it.
#[derive(Debug, Serialize)]
pub struct ListedAxis<'a> {
    /// Axis id.
    pub id: &'a str,
    /// Manager pole name.
    pub manager: &'a str,
    /// Leader pole name.
    pub leader: &'a str,
    /// Theme id.
    pub theme: &'a str,
}

/// The axes as JSON-ready rows.
pub fn rows(content: &Content) -> Vec<ListedAxis<'_>> {
    content
        .axes
        .iter()
        .map(|axis| ListedAxis {
            id: &axis.id,
            manager: &axis.poles.manager.name,
            leader: &axis.poles.leader.name,
            theme: &axis.theme,
        })
        .collect()
}

/// The axes as aligned text lines fitting `width`: one line each when
/// there is room, else the id on one line and the poles below it.
pub fn text(content: &Content, layout: Layout) -> String {
    let width = layout.width;
    let arrow = between(layout.ascii);
    let widest = |name: fn(&Axis) -> &str| {
        content.axes.iter().map(|axis| UnicodeWidthStr::width(name(axis))).max().unwrap_or(0)
    };
    let id_width = widest(|axis| &axis.id);
    let manager_width = widest(|axis| &axis.poles.manager.name);
    let leader_width = widest(|axis| &axis.poles.leader.name);
    let theme_name = |axis: &Axis| {
        content.theme(&axis.theme).map_or(axis.theme.clone(), |theme| theme.name.clone())
    };
    let theme_width = content.axes.iter().map(|axis| theme_name(axis).width()).max().unwrap_or(0);
    let one_line = id_width + 2 + manager_width + 3 + leader_width + 2 + theme_width <= width;
    let mut out = String::new();
    for axis in &content.axes {
        let theme = theme_name(axis);
        if one_line {
            out.push_str(&format!(
                "{}  {} {arrow} {}  {}\n",
                pad(&axis.id, id_width),
                manager(&pad(&axis.poles.manager.name, manager_width)),
                leader(&pad(&axis.poles.leader.name, leader_width)),
                dim(&theme)
            ));
        } else {
            let id_line = if axis.id.width() + 2 + theme.width() <= width {
                format!("{}  {}", axis.id, dim(&theme))
            } else {
                truncate(&axis.id, width)
            };
            out.push_str(&id_line);
            out.push('\n');
            let poles = format!("{} {arrow} {}", axis.poles.manager.name, axis.poles.leader.name);
            out.push_str(&format!("  {}\n", truncate(&poles, width.saturating_sub(2))));
        }
    }
    out
}
