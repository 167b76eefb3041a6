//! How long a questionnaire takes: the words a respondent reads at a
//! careful adult reading rate, plus a fixed time per decision.
//!
//! This is the one estimate itlead states anywhere: the introduction of
//! `itlead assess`, `itlead check`, and the README all come from here.

use serde::{Deserialize, Serialize};

use super::model::{Content, Pick, ResponseFormat, Scenario};
use super::wording::{intro, question, words};

/// Words a minute of careful silent reading (the usual figure for adults).
pub const WORDS_PER_MINUTE: f64 = 238.0;
/// Seconds per decision: choosing the most likely option, or the least.
pub const SECONDS_PER_DECISION: f64 = 10.0;

/// The estimated time of a set of scenarios.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    /// Scenarios asked.
    pub scenarios: usize,
    /// Words read: the introduction, and every scenario's title, situation,
    /// options and questions.
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

/// Words of one scenario as the respondent reads it.
pub fn scenario_words(scenario: &Scenario, response: ResponseFormat) -> usize {
    let options: usize = scenario.options.iter().map(|option| words(&option.text)).sum();
    let questions: usize = response.picks().iter().map(|&pick| words(&question(pick, None))).sum();
    words(&scenario.title) + words(&scenario.situation) + options + questions
}

/// Seconds one scenario takes: reading it and making its decisions.
pub fn scenario_seconds(scenario: &Scenario, response: ResponseFormat) -> f64 {
    let reading = scenario_words(scenario, response) as f64 / WORDS_PER_MINUTE * 60.0;
    reading + response.picks().len() as f64 * SECONDS_PER_DECISION
}

/// The estimate for `scenarios` of `content`, introduction included.
pub fn estimate(content: &Content, scenarios: &[&Scenario]) -> Estimate {
    let response = content.response;
    let least = response.picks().contains(&Pick::Least);
    let intro_words = words(&intro(scenarios.len(), 10, least, None));
    let words = intro_words
        + scenarios.iter().map(|scenario| scenario_words(scenario, response)).sum::<usize>();
    let decisions = scenarios.len() * response.picks().len();
    let seconds = words as f64 / WORDS_PER_MINUTE * 60.0 + decisions as f64 * SECONDS_PER_DECISION;
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
