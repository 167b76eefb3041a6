//! How long a questionnaire takes, counted from what is on screen: every
//! word a respondent is shown at a careful adult reading rate, plus a fixed
//! time per decision.
//!
//! Counted: the title, the situation, the note on a scenario that assumes
//! line authority, and for each question its wording and every option it
//! shows. The least likely question shows the options again (the one
//! chosen as most likely above them, the others to choose from), so they
//! are counted twice. Not counted: the menu's fixed labels (Skip this one,
//! Back, the key legend), which read the same every time.
//!
//! This is the one estimate itlead states anywhere: the introduction of
//! `itlead assess`, `itlead check`, and the README all come from here.

use serde::{Deserialize, Serialize};

use super::model::{Content, Pick, Role, Scenario};
use super::wording::{MOST_LIKELY_LABEL, Plan, intro, manager_note, question, words};

/// Words a minute of careful silent reading (the usual figure for adults).
pub const WORDS_PER_MINUTE: f64 = 238.0;
/// Seconds per decision among three or more options.
pub const SECONDS_PER_DECISION: f64 = 10.0;
/// Seconds per decision between two options.
pub const SECONDS_PER_PAIR_DECISION: f64 = 4.0;

/// The estimated time of a set of scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Scenarios asked.
    pub scenarios: usize,
    /// Words read: the introduction, and every scenario's title, situation,
    /// questions and the options each question shows.
    pub words: usize,
    /// Choices made.
    pub decisions: usize,
    /// Reading plus deciding, in seconds.
    pub seconds: f64,
}

impl Estimate {
    /// Whole minutes, rounded up: what the introduction promises.
    pub fn minutes(&self) -> u32 {
        (self.seconds / 60.0).ceil().max(1.0) as u32
    }

    /// Minutes to a tenth, for `check`.
    pub fn minutes_tenths(&self) -> f64 {
        (self.seconds / 6.0).round() / 10.0
    }
}

/// Words of one scenario as the respondent is shown them, answering with
/// `picks`.
pub fn scenario_words(scenario: &Scenario, picks: &[Pick]) -> usize {
    let options: usize = scenario.options.iter().map(|option| words(&option.text)).sum();
    let note = if scenario.role == Some(Role::Manager) { words(&manager_note(None)) } else { 0 };
    let questions: usize = picks
        .iter()
        .map(|&pick| {
            let label = if pick == Pick::Least { words(MOST_LIKELY_LABEL) } else { 0 };
            words(&question(pick, scenario.is_pair(), None)) + label + options
        })
        .sum();
    words(&scenario.title) + words(&scenario.situation) + note + questions
}

/// Seconds of deciding in one scenario: each pick chooses among the options
/// still offered (all of them, then all but the most likely).
pub fn decision_seconds(scenario: &Scenario, picks: &[Pick]) -> f64 {
    picks
        .iter()
        .enumerate()
        .map(|(made, _)| {
            if scenario.options.len().saturating_sub(made) >= 3 {
                SECONDS_PER_DECISION
            } else {
                SECONDS_PER_PAIR_DECISION
            }
        })
        .sum()
}

/// Seconds one scenario takes: reading it and making its decisions.
pub fn scenario_seconds(scenario: &Scenario, picks: &[Pick]) -> f64 {
    scenario_words(scenario, picks) as f64 / WORDS_PER_MINUTE * 60.0
        + decision_seconds(scenario, picks)
}

/// The estimate for `scenarios` of `content`, introduction included (with
/// what the quick form says of itself when `quick`).
pub fn estimate(content: &Content, scenarios: &[&Scenario], quick: bool) -> Estimate {
    // The introduction states the minutes it is part of; two passes settle
    // the figure (one more minute in the text changes no word count).
    let body_words: usize =
        scenarios.iter().map(|scenario| scenario_words(scenario, content.picks(scenario))).sum();
    let deciding: f64 =
        scenarios.iter().map(|scenario| decision_seconds(scenario, content.picks(scenario))).sum();
    let decisions = scenarios.iter().map(|scenario| content.picks(scenario).len()).sum();
    let intro_words = words(&intro(Plan::of(content, scenarios, 10, quick), None));
    let words = intro_words + body_words;
    let seconds = words as f64 / WORDS_PER_MINUTE * 60.0 + deciding;
    Estimate { scenarios: scenarios.len(), words, decisions, seconds }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_round_up() {
        let estimate = Estimate { scenarios: 1, words: 0, decisions: 0, seconds: 61.0 };
        assert_eq!(estimate.minutes(), 2);
        assert!((estimate.minutes_tenths() - 1.0).abs() < 1e-9);
        let short = Estimate { seconds: 5.0, ..estimate };
        assert_eq!(short.minutes(), 1);
    }
}
