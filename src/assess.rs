//! The assessment flow: which scenarios to ask, in what order, and the loop
//! that asks them through a [`Prompter`], saving after every answer.
//!
//! Nothing here knows about terminals or files: the prompter asks, and a
//! `save` callback stores progress. That keeps the flow testable with a
//! scripted prompter.

use std::collections::BTreeSet;

use anyhow::Result;

use crate::content::model::{Content, Scenario};
use crate::prompt::{Prompter, Question, Reply};
use crate::score::{Answers, SKIP};
use crate::session::Session;

/// Which scenarios to ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// Every scenario.
    Full,
    /// A short set that still touches every axis.
    Quick,
    /// Scenarios that load on these axis ids.
    Axes(Vec<String>),
}

impl Selection {
    /// `full`, `quick` or `axes`, as recorded in results.
    pub fn mode(&self) -> &'static str {
        match self {
            Selection::Full => "full",
            Selection::Quick => "quick",
            Selection::Axes(_) => "axes",
        }
    }
}

/// The scenarios `selection` asks, in content order.
pub fn select<'a>(content: &'a Content, selection: &Selection) -> Vec<&'a Scenario> {
    match selection {
        Selection::Full => content.scenarios.iter().collect(),
        Selection::Axes(ids) => content
            .scenarios
            .iter()
            .filter(|scenario| ids.iter().any(|id| scenario.loads_on(id)))
            .collect(),
        Selection::Quick => quick_cover(content),
    }
}

/// Greedy cover: keep taking the scenario that touches the most axes not yet
/// touched (the earliest on ties) until every axis is touched.
fn quick_cover(content: &Content) -> Vec<&Scenario> {
    let mut uncovered: BTreeSet<&str> = content.axes.iter().map(|axis| axis.id.as_str()).collect();
    let mut chosen: BTreeSet<usize> = BTreeSet::new();
    while !uncovered.is_empty() {
        let best = content
            .scenarios
            .iter()
            .enumerate()
            .filter(|(index, _)| !chosen.contains(index))
            .map(|(index, scenario)| {
                let gain = scenario.axes().iter().filter(|axis| uncovered.contains(*axis)).count();
                (gain, std::cmp::Reverse(index))
            })
            .max();
        match best {
            Some((gain, std::cmp::Reverse(index))) if gain > 0 => {
                for axis in content.scenarios[index].axes() {
                    uncovered.remove(axis);
                }
                chosen.insert(index);
            }
            _ => break,
        }
    }
    chosen.into_iter().map(|index| &content.scenarios[index]).collect()
}

/// The scenario ids of `scenarios`, shuffled by `seed`.
pub fn order(scenarios: &[&Scenario], seed: u64) -> Vec<String> {
    let mut ids: Vec<String> = scenarios.iter().map(|scenario| scenario.id.clone()).collect();
    fastrand::Rng::with_seed(seed).shuffle(&mut ids);
    ids
}

/// Display order of a scenario's options: a permutation of its indices,
/// fixed by the session seed and the scenario id.
pub fn option_order(scenario: &Scenario, seed: u64) -> Vec<usize> {
    let mut indices: Vec<usize> = (0..scenario.options.len()).collect();
    let salt = scenario.id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    fastrand::Rng::with_seed(seed ^ salt).shuffle(&mut indices);
    indices
}

/// How the loop ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every scenario answered or skipped.
    Finished(Answers),
    /// The respondent stopped; the answers so far are saved.
    Stopped(usize),
}

/// Asks the session's scenarios from the first unanswered one, saving after
/// every answer through `save`.
pub fn run(
    content: &Content,
    session: &mut Session,
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Session) -> Result<()>,
) -> Result<Outcome> {
    let scenarios: Vec<&Scenario> =
        session.order.iter().filter_map(|id| content.scenario(id)).collect();
    let total = scenarios.len();
    let mut position = scenarios
        .iter()
        .position(|scenario| !session.answers.contains_key(&scenario.id))
        .unwrap_or(total);
    while position < total {
        let scenario = scenarios[position];
        let permutation = option_order(scenario, session.seed);
        let current = session.answers.get(&scenario.id).and_then(|key| {
            if key == SKIP {
                return Some(permutation.len());
            }
            permutation.iter().position(|&index| scenario.options[index].key == *key)
        });
        let question = Question {
            number: position + 1,
            total,
            title: scenario.title.clone(),
            situation: scenario.situation.trim().to_owned(),
            options: permutation
                .iter()
                .map(|&index| scenario.options[index].text.trim().to_owned())
                .collect(),
            current,
            can_go_back: position > 0,
        };
        match prompter.ask(&question)? {
            Reply::Choose(shown) => {
                let key = scenario.options[permutation[shown]].key.clone();
                session.answers.insert(scenario.id.clone(), key);
                save(session)?;
                position += 1;
            }
            Reply::Skip => {
                session.answers.insert(scenario.id.clone(), SKIP.to_owned());
                save(session)?;
                position += 1;
            }
            Reply::Back => position = position.saturating_sub(1),
            Reply::Quit => return Ok(Outcome::Stopped(session.progress())),
        }
    }
    Ok(Outcome::Finished(session.answers.clone()))
}

/// The text shown before the first scenario.
pub fn intro(count: usize) -> String {
    let minutes = (count * 25).div_ceil(60).max(1);
    format!(
        "itlead: where do you stand between managing and leading?\n\n\
         You will read {count} short IT scenarios (about {minutes} minutes) and pick what you would most \
         likely do. Every option is something a good professional might do; there are no wrong answers, \
         and neither side is better: teams need both managers and leaders.\n\n\
         Answer as you would really act, not as you think you should. You can skip a scenario, go back, \
         or stop at any time: every answer is saved as you go."
    )
}
