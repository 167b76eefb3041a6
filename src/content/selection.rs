//! Which scenarios an assessment asks: all of them, a quick set, or those
//! on chosen axes. A pure function of the content, so a session or a
//! result that records its [`Selection`] can be asked or checked again.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::model::{Content, Scenario};
use super::timing::scenario_seconds;

/// Fewest scored responses that give an axis a leaning band; below it the
/// band is `uncertain`. The quick form aims for this on every axis.
pub const MIN_BANDED_RESPONSES: usize = 3;

/// Which scenarios to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "lowercase", deny_unknown_fields)]
pub enum Selection {
    /// Every scenario.
    Full,
    /// A short set with enough responses on every axis for a first look.
    Quick,
    /// The scenarios that load on these axis ids.
    Axes {
        /// The axis ids asked about.
        axes: Vec<String>,
    },
}

impl Selection {
    /// `full`, `quick` or `axes`.
    pub fn mode(&self) -> &'static str {
        match self {
            Selection::Full => "full",
            Selection::Quick => "quick",
            Selection::Axes { .. } => "axes",
        }
    }

    /// Words for people: "all scenarios", "the quick form", "the scenarios on vision, coach".
    pub fn describe(&self) -> String {
        match self {
            Selection::Full => String::from("all scenarios"),
            Selection::Quick => String::from("the quick form"),
            Selection::Axes { axes } => format!("the scenarios on {}", axes.join(", ")),
        }
    }
}

/// The scenarios `selection` asks, in content order.
pub fn select<'a>(content: &'a Content, selection: &Selection) -> Vec<&'a Scenario> {
    match selection {
        Selection::Full => content.scenarios.iter().collect(),
        Selection::Axes { axes } => content
            .scenarios
            .iter()
            .filter(|scenario| axes.iter().any(|id| scenario.loads_on(id)))
            .collect(),
        Selection::Quick => quick_set(content),
    }
}

/// The quick set: the scenarios the content marks `quick`, when it marks
/// any. Otherwise keep taking the scenario that adds the most still-needed
/// responses per second of answering (the earliest on ties), until every
/// axis has [`MIN_BANDED_RESPONSES`] or no scenario adds any.
pub fn quick_set(content: &Content) -> Vec<&Scenario> {
    if content.scenarios.iter().any(|scenario| scenario.quick) {
        return content.scenarios.iter().filter(|scenario| scenario.quick).collect();
    }
    let mut needed: HashMap<&str, usize> =
        content.axes.iter().map(|axis| (axis.id.as_str(), MIN_BANDED_RESPONSES)).collect();
    let axes: Vec<Vec<&str>> = content.scenarios.iter().map(Scenario::axes).collect();
    let seconds: Vec<f64> = content
        .scenarios
        .iter()
        .map(|scenario| scenario_seconds(scenario, content.picks(scenario)).max(1.0))
        .collect();
    let mut chosen = vec![false; content.scenarios.len()];
    loop {
        let mut best: Option<(usize, usize)> = None;
        for (index, scenario_axes) in axes.iter().enumerate() {
            if chosen[index] {
                continue;
            }
            let per_scenario = content.picks(&content.scenarios[index]).len();
            let gain: usize = scenario_axes
                .iter()
                .map(|axis| needed.get(axis).copied().unwrap_or(0).min(per_scenario))
                .sum();
            if gain == 0 {
                continue;
            }
            // gain / seconds, compared by cross-multiplying; strict, so the
            // earliest wins a tie.
            let better = best.is_none_or(|(best_index, best_gain)| {
                gain as f64 * seconds[best_index] > best_gain as f64 * seconds[index]
            });
            if better {
                best = Some((index, gain));
            }
        }
        let Some((index, _)) = best else { break };
        chosen[index] = true;
        let per_scenario = content.picks(&content.scenarios[index]).len();
        for axis in &axes[index] {
            if let Some(need) = needed.get_mut(axis) {
                *need = need.saturating_sub(per_scenario);
            }
        }
    }
    content
        .scenarios
        .iter()
        .zip(chosen)
        .filter_map(|(scenario, chosen)| chosen.then_some(scenario))
        .collect()
}
