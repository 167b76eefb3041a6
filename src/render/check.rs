//! `itlead check`: a content file's summary, or its problems.

use serde::Serialize;

use super::{Layout, dim, heading, pad, separator, signed, wrap};
use crate::content::Content;
use crate::content::diagnostic::Diagnostic;

/// How one axis is covered by the scenarios.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AxisCoverage {
    /// Axis id.
    pub id: String,
    /// Scenarios that load on it.
    pub scenarios: usize,
    /// Sum over those scenarios of the most manager-side weight (≤ 0).
    pub manager_reach: i32,
    /// Sum over those scenarios of the most leader-side weight (≥ 0).
    pub leader_reach: i32,
}

impl AxisCoverage {
    /// Leader reach over manager reach as a signed share: 0 is even,
    /// +100 all leader, −100 all manager.
    pub fn tilt(&self) -> i32 {
        let total = self.leader_reach - self.manager_reach;
        if total == 0 {
            0
        } else {
            (100.0 * f64::from(self.leader_reach + self.manager_reach) / f64::from(total)).round()
                as i32
        }
    }
}

/// The summary `check` prints for valid content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Always true in a summary.
    pub valid: bool,
    /// The file checked.
    pub file: String,
    /// Content title.
    pub title: String,
    /// Content version.
    pub version: String,
    /// Number of themes.
    pub themes: usize,
    /// Number of axes.
    pub axes: usize,
    /// Number of scenarios.
    pub scenarios: usize,
    /// Coverage per axis.
    pub coverage: Vec<AxisCoverage>,
}

/// The JSON `check` prints for invalid content.
#[derive(Debug, Serialize)]
pub struct Problems {
    /// Always false.
    pub valid: bool,
    /// The file checked.
    pub file: String,
    /// Every problem.
    pub problems: Vec<ProblemEntry>,
}

/// One problem in JSON.
#[derive(Debug, Serialize)]
pub struct ProblemEntry {
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl Problems {
    /// The problems of `file`.
    pub fn new(file: &str, diagnostics: &[Diagnostic]) -> Self {
        Self {
            valid: false,
            file: file.to_owned(),
            problems: diagnostics
                .iter()
                .map(|diagnostic| ProblemEntry {
                    line: diagnostic.position.map(|position| position.line),
                    column: diagnostic.position.map(|position| position.column),
                    message: diagnostic.message.clone(),
                })
                .collect(),
        }
    }
}

/// Summarises valid `content` read from `file`.
pub fn summary(file: &str, content: &Content) -> Summary {
    let coverage = content
        .axes
        .iter()
        .map(|axis| {
            let (mut scenarios, mut manager_reach, mut leader_reach) = (0, 0, 0);
            for scenario in content.scenarios_on(&axis.id) {
                let (low, high) = scenario.range(&axis.id);
                scenarios += 1;
                manager_reach += i32::from(low.min(0));
                leader_reach += i32::from(high.max(0));
            }
            AxisCoverage { id: axis.id.clone(), scenarios, manager_reach, leader_reach }
        })
        .collect();
    Summary {
        valid: true,
        file: file.to_owned(),
        title: content.title.clone(),
        version: content.version.clone(),
        themes: content.themes.len(),
        axes: content.axes.len(),
        scenarios: content.scenarios.len(),
        coverage,
    }
}

/// The summary as text, `width` columns wide.
pub fn text(summary: &Summary, layout: Layout) -> String {
    let width = layout.width;
    let mut out = wrap(
        &format!(
            "{}: valid{} \"{}\" version {}",
            summary.file,
            if layout.ascii { ":" } else { " —" },
            summary.title,
            summary.version
        ),
        width,
        "",
    );
    out.push_str(&format!(
        "\n{} themes, {} axes, {} scenarios\n\n",
        summary.themes, summary.axes, summary.scenarios
    ));
    let id_width = summary.coverage.iter().map(|axis| axis.id.len()).max().unwrap_or(4).max(4);
    let header = format!("{}  scenarios  reach (manager/leader)  tilt", pad("axis", id_width));
    if header.chars().count() <= width {
        out.push_str(&heading(&header));
        out.push('\n');
        for axis in &summary.coverage {
            out.push_str(&format!(
                "{}  {:>9}  {:>21}  {:>4}\n",
                pad(&axis.id, id_width),
                axis.scenarios,
                format!("{}/+{}", axis.manager_reach, axis.leader_reach),
                signed(Some(axis.tilt()))
            ));
        }
    } else {
        for axis in &summary.coverage {
            out.push_str(&heading(&axis.id));
            out.push('\n');
            let line = format!(
                "{} scenarios{dot} reach {}/+{}{dot} tilt {}",
                axis.scenarios,
                axis.manager_reach,
                axis.leader_reach,
                signed(Some(axis.tilt())),
                dot = separator(layout.ascii)
            );
            out.push_str(&wrap(&line, width, "  "));
            out.push('\n');
        }
    }
    out.push('\n');
    out.push_str(&dim(&wrap(
        "reach: the sum of each scenario's furthest weight toward that side; \
         tilt: 0 is even, 100 or -100 one-sided",
        width,
        "",
    )));
    out.push('\n');
    out
}
