//! The assessment flow: in what order scenarios are asked, the loop that
//! asks them through a [`Prompter`] and saves after every answer, and the
//! decisions taken around it (resume or not, what to keep of a session
//! made against other content, how to finish).
//!
//! Nothing here knows about terminals or files: the prompter asks, and a
//! `save` callback stores progress. That keeps the whole flow testable with
//! a scripted prompter.

pub mod messages;
pub mod prompter;
pub mod resume;
pub mod session;

use anyhow::Result;

pub use self::prompter::{BACK_LABEL, Prompter, Question, Reply, SKIP_LABEL};
use self::session::Session;
use crate::answer::{Answer, Answers};
use crate::content::model::{Content, Pick, Role, Scenario};
use crate::content::wording::{MOST_LIKELY_LABEL, first_name, manager_note, question};

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
    /// Every scenario answered or skipped, and the respondent asked for
    /// the result.
    Finished(Answers),
    /// The respondent stopped; the answers so far are saved.
    Stopped(usize),
}

/// What one scenario's questions came to.
enum Step {
    Answered(Answer),
    Back,
    Quit,
}

/// Asks the session's scenarios from the first unanswered one, saving
/// through `save` before the first question and after every answer, then
/// offers to answer skipped scenarios before finishing. What `save` has to
/// say (that progress cannot be saved, or is saved again) is shown above
/// the next question, or above the closing one.
pub fn run(
    content: &Content,
    session: &mut Session,
    prompter: &mut dyn Prompter,
    save: &mut dyn FnMut(&Session) -> Result<Option<String>>,
) -> Result<Outcome> {
    let scenarios: Vec<&Scenario> =
        session.order.iter().filter_map(|id| content.scenario(id)).collect();
    let total = scenarios.len();
    let mut position = scenarios
        .iter()
        .position(|scenario| !session.answers.contains_key(scenario.id.as_str()))
        .unwrap_or(total);
    // Positions still to ask: first everything from `position` on, then,
    // if the respondent wants, the skipped ones.
    let mut revisit: Option<Vec<usize>> = None;
    // Said above the next question after a skip, so a skip is seen, and
    // whatever saving had to say.
    let mut notice: Option<String> = save(session)?;
    loop {
        let current = match &mut revisit {
            None if position < total => Some(position),
            None => None,
            Some(list) => list.first().copied(),
        };
        let Some(at) = current else {
            let skipped: Vec<usize> = (0..total)
                .filter(|&at| {
                    session.answers.get(scenarios[at].id.as_str()).is_some_and(Answer::is_skipped)
                })
                .collect();
            match finish(prompter, notice.take(), total, &skipped, &scenarios)? {
                Finish::Result => return Ok(Outcome::Finished(session.answers.clone())),
                Finish::Stop => return Ok(Outcome::Stopped(session.progress())),
                Finish::AnswerSkipped => {
                    revisit = Some(skipped);
                    continue;
                }
                Finish::Back => {
                    revisit = None;
                    position = total.saturating_sub(1);
                    continue;
                }
            }
        };
        let scenario = scenarios[at];
        let asking = Asking {
            at,
            total,
            can_go_back: revisit.is_none() && at > 0,
            revisiting: revisit.is_some(),
            notice: notice.take(),
        };
        match ask_scenario(content, scenario, session, prompter, asking)? {
            Step::Answered(answer) => {
                if answer.is_skipped() && revisit.is_none() {
                    notice = Some(format!(
                        "Skipped “{}”: you can answer it at the end.",
                        scenario.title.trim()
                    ));
                }
                session.answers.insert(scenario.id.as_str().into(), answer);
                if let Some(said) = save(session)? {
                    notice = Some(match notice.take() {
                        Some(before) => format!("{before}\n{said}"),
                        None => said,
                    });
                }
                match &mut revisit {
                    Some(list) => {
                        list.remove(0);
                    }
                    None => position += 1,
                }
            }
            Step::Back => position = position.saturating_sub(1),
            Step::Quit => return Ok(Outcome::Stopped(session.progress())),
        }
    }
}

/// Where a scenario is asked, and what to say above it.
struct Asking {
    /// Its position in the run, from 0.
    at: usize,
    /// Scenarios in the run.
    total: usize,
    /// Whether Back is offered.
    can_go_back: bool,
    /// Whether it is a skipped one asked again at the end: the cursor
    /// starts on the first option, not on Skip.
    revisiting: bool,
    /// A line about the step before (a skip).
    notice: Option<String>,
}

/// Asks one scenario: the most likely option, then, when the content asks
/// for it, the least likely among the others.
fn ask_scenario(
    content: &Content,
    scenario: &Scenario,
    session: &Session,
    prompter: &mut dyn Prompter,
    asking: Asking,
) -> Result<Step> {
    let Asking { at, total, can_go_back, revisiting, notice } = asking;
    let permutation = option_order(scenario, session.seed);
    let subject = session.about.as_ref().map(|about| first_name(&about.name));
    let situation = scenario
        .situation_for(subject)
        .unwrap_or_else(|| scenario.situation.clone())
        .trim()
        .to_owned();
    let earlier = session.answers.get(scenario.id.as_str());
    let shown_at = |key: Option<&str>, shown: &[usize]| {
        key.and_then(|key| shown.iter().position(|&index| scenario.options[index].key == key))
    };
    let asks_least = content.picks(scenario).contains(&Pick::Least);
    let role_note = (scenario.role == Some(Role::Manager)).then(|| manager_note(subject));
    let mut most: Option<usize> = None;
    loop {
        let base = Question {
            number: at + 1,
            total,
            title: scenario.title.clone(),
            situation: situation.clone(),
            prompt: question(Pick::Most, scenario.is_pair(), subject),
            note: None,
            options: Vec::new(),
            current: None,
            can_go_back,
        };
        let Some(chosen_most) = most else {
            let current = match earlier {
                Some(Answer::Skipped) if revisiting => None,
                Some(Answer::Skipped) => Some(permutation.len()),
                Some(answer) => shown_at(answer.key(Pick::Most), &permutation),
                None => None,
            };
            let note = match (&notice, &role_note) {
                (Some(notice), Some(role)) => Some(format!("{notice}\n{role}")),
                (Some(line), None) | (None, Some(line)) => Some(line.clone()),
                (None, None) => None,
            };
            let asked = Question { options: texts(scenario, &permutation), current, note, ..base };
            match prompter.ask(&asked)? {
                Reply::Choose(shown) => {
                    let index = permutation[shown.min(permutation.len() - 1)];
                    if !asks_least {
                        return Ok(Step::Answered(Answer::most(&scenario.options[index].key)));
                    }
                    most = Some(index);
                }
                Reply::Skip => return Ok(Step::Answered(Answer::Skipped)),
                Reply::Back => return Ok(Step::Back),
                Reply::Quit => return Ok(Step::Quit),
            }
            continue;
        };
        let rest: Vec<usize> =
            permutation.iter().copied().filter(|&index| index != chosen_most).collect();
        let current = earlier
            .filter(|answer| answer.key(Pick::Most) == Some(&scenario.options[chosen_most].key))
            .and_then(|answer| shown_at(answer.key(Pick::Least), &rest));
        let asked = Question {
            prompt: question(Pick::Least, false, subject),
            note: Some(format!(
                "{MOST_LIKELY_LABEL} {}",
                scenario.options[chosen_most].text.trim()
            )),
            options: texts(scenario, &rest),
            current,
            can_go_back: true,
            ..base
        };
        match prompter.ask(&asked)? {
            Reply::Choose(shown) => {
                let least = rest[shown.min(rest.len() - 1)];
                return Ok(Step::Answered(Answer::ranked(
                    &scenario.options[chosen_most].key,
                    &scenario.options[least].key,
                )));
            }
            Reply::Skip => return Ok(Step::Answered(Answer::Skipped)),
            Reply::Back => most = None,
            Reply::Quit => return Ok(Step::Quit),
        }
    }
}

fn texts(scenario: &Scenario, shown: &[usize]) -> Vec<String> {
    shown.iter().map(|&index| scenario.options[index].text.trim().to_owned()).collect()
}

/// What the respondent chose at the end.
enum Finish {
    Result,
    AnswerSkipped,
    Back,
    Stop,
}

/// The closing question: how many were answered and skipped, and whether
/// to see the result, answer the skipped scenarios, go back, or stop. It
/// also keeps a paste from running straight into a result. `notice` is
/// said first.
fn finish(
    prompter: &mut dyn Prompter,
    notice: Option<String>,
    total: usize,
    skipped: &[usize],
    scenarios: &[&Scenario],
) -> Result<Finish> {
    let answered = total - skipped.len();
    let mut text = notice.map(|notice| format!("{notice}\n\n")).unwrap_or_default();
    text.push_str(&format!(
        "That was the last scenario: {answered} of {total} answered{}.",
        match skipped.len() {
            0 => String::new(),
            1 => String::from(", 1 skipped"),
            count => format!(", {count} skipped"),
        }
    ));
    if !skipped.is_empty() {
        let titles: Vec<&str> = skipped.iter().map(|&at| scenarios[at].title.as_str()).collect();
        text.push_str(&format!(" Skipped: {}.", titles.join("; ")));
    }
    let mut choices = vec![(Finish::Result, String::from("See the result"))];
    if !skipped.is_empty() {
        let label = if skipped.len() == 1 {
            String::from("Answer the skipped scenario")
        } else {
            format!("Answer the {} skipped scenarios", skipped.len())
        };
        choices.push((Finish::AnswerSkipped, label));
    }
    choices.push((Finish::Back, String::from("Back to the last scenario")));
    choices.push((Finish::Stop, String::from("Stop here and finish later")));
    let labels: Vec<String> = choices.iter().map(|(_, label)| label.clone()).collect();
    match prompter.choose(&text, &labels, 0)? {
        Some(index) if index < choices.len() => Ok(choices.swap_remove(index).0),
        _ => Ok(Finish::Stop),
    }
}
