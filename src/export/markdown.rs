//! A readable report with a table, for a wiki page or a pull request.

use std::fmt::Write as _;

use anyhow::Result;

use super::markup::md_cell;
use super::{Exporter, RenderContext};
use crate::render::report::CLOSING;
use crate::result::ResultDocument;

/// GitHub-flavoured Markdown.
pub struct MarkdownExporter;

impl Exporter for MarkdownExporter {
    fn export(&self, result: &ResultDocument, context: &RenderContext<'_>) -> Result<Vec<u8>> {
        let mut out = String::new();
        let _ = writeln!(out, "# itlead profile\n");
        let _ = writeln!(
            out,
            "{} {} · {} · {} scenarios answered\n",
            md_cell(&result.content.title),
            md_cell(&result.content.version),
            result.created,
            crate::result::answered_count(&result.answers)
        );
        for theme in &result.themes {
            let _ = writeln!(out, "## {}\n", md_cell(&theme.name));
            let _ =
                writeln!(out, "| contrast | manager | score | leader | band | answered | notes |");
            let _ = writeln!(out, "| --- | --- | ---: | --- | --- | ---: | --- |");
            for axis in result.axes.iter().filter(|axis| axis.theme == theme.id) {
                let mut notes = Vec::new();
                if axis.mixed {
                    notes.push("mixed");
                }
                if axis.few_answers {
                    notes.push("few answers");
                }
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} | {}/{} | {} |",
                    axis.id,
                    md_cell(&axis.manager),
                    crate::render::signed(axis.score),
                    md_cell(&axis.leader),
                    axis.band.label(),
                    axis.answered,
                    axis.total,
                    notes.join(", ")
                );
            }
            out.push('\n');
        }
        let overall = &result.overall;
        let _ = writeln!(
            out,
            "**Overall:** {} contrasts lean leader, {} lean manager, {} are balanced.\n",
            overall.leader_axes, overall.manager_axes, overall.balanced_axes
        );
        for (label, id, side) in [
            ("leader", &overall.clearest_leader, crate::content::model::Side::Leader),
            ("manager", &overall.clearest_manager, crate::content::model::Side::Manager),
        ] {
            let Some(axis) = id.as_deref().and_then(|id| result.axis(id)) else {
                continue;
            };
            let _ = writeln!(out, "### Clearest {label} side: `{}`\n", axis.id);
            if let Some(content_axis) = context.content.and_then(|content| content.axis(&axis.id)) {
                for item in content_axis.strengths.get(side).iter().take(3) {
                    let _ = writeln!(out, "- brings: {}", md_cell(item));
                }
                for item in content_axis.strengths.get(side.opposite()).iter().take(2) {
                    let _ = writeln!(out, "- the other side would add: {}", md_cell(item));
                }
                out.push('\n');
            }
        }
        let _ = writeln!(out, "_{CLOSING}_");
        Ok(out.into_bytes())
    }
}
