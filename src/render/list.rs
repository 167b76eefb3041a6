//! `itlead list`: one line per axis.

use serde::Serialize;

use super::{BETWEEN, dim, leader, manager, pad, truncate};
use crate::content::Content;

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

/// The axes as aligned text lines fitting `width`.
pub fn text(content: &Content, width: usize) -> String {
    let id_width = content.axes.iter().map(|axis| axis.id.len()).max().unwrap_or(0);
    let pole_width = content
        .axes
        .iter()
        .map(|axis| unicode_width::UnicodeWidthStr::width(axis.poles.manager.name.as_str()))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for axis in &content.axes {
        let theme =
            content.theme(&axis.theme).map_or(axis.theme.as_str(), |theme| theme.name.as_str());
        let wide = id_width + pole_width * 2 + theme.len() + 10;
        if wide <= width {
            out.push_str(&format!(
                "{}  {} {BETWEEN} {}  {}\n",
                pad(&axis.id, id_width),
                manager(&pad(&axis.poles.manager.name, pole_width)),
                leader(&pad(&axis.poles.leader.name, pole_width)),
                dim(theme)
            ));
        } else {
            out.push_str(&format!("{}\n", truncate(&axis.id, width)));
            let poles = format!("{} {BETWEEN} {}", axis.poles.manager.name, axis.poles.leader.name);
            out.push_str(&format!(
                "  {}  {}\n",
                truncate(&poles, width.saturating_sub(4)),
                dim(theme)
            ));
        }
    }
    out
}
