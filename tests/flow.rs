//! The assessment flow driven through the `Prompter` trait, no terminal.

use std::collections::VecDeque;

use itlead::assess::{self, Outcome, Selection};
use itlead::content::model::Content;
use itlead::library::built_in;
use itlead::prompt::{Prompter, Question, Reply};
use itlead::score::SKIP;
use itlead::session::Session;

/// Replays replies and records the questions it was asked.
struct Scripted {
    replies: VecDeque<Reply>,
    asked: Vec<Question>,
}

impl Scripted {
    fn new(replies: impl IntoIterator<Item = Reply>) -> Self {
        Self { replies: replies.into_iter().collect(), asked: Vec::new() }
    }
}

impl Prompter for Scripted {
    fn show(&mut self, _text: &str) -> anyhow::Result<()> {
        Ok(())
    }

    fn confirm(&mut self, _question: &str, default: bool) -> anyhow::Result<Option<bool>> {
        Ok(Some(default))
    }

    fn ask(&mut self, question: &Question) -> anyhow::Result<Reply> {
        self.asked.push(question.clone());
        Ok(self.replies.pop_front().unwrap_or(Reply::Quit))
    }
}

fn session(content: &Content, selection: &Selection, seed: u64) -> Session {
    let asked = assess::select(content, selection);
    let order = assess::order(&asked, seed);
    Session::new(content, selection.mode(), seed, order, "2026-01-01T00:00:00Z".into())
}

fn run(content: &Content, session: &mut Session, prompter: &mut Scripted) -> (Outcome, usize) {
    let mut saves = 0;
    let outcome = assess::run(content, session, prompter, &mut |_| {
        saves += 1;
        Ok(())
    })
    .unwrap();
    (outcome, saves)
}

#[test]
fn a_full_run_records_every_answer_by_scenario_id_and_option_key() {
    let content = built_in();
    let mut session = session(&content, &Selection::Full, 42);
    let total = content.scenarios.len();
    let mut prompter = Scripted::new(std::iter::repeat_n(Reply::Choose(0), total));
    let (outcome, saves) = run(&content, &mut session, &mut prompter);
    let Outcome::Finished(answers) = outcome else { panic!("not finished") };
    assert_eq!(answers.len(), total);
    assert_eq!(saves, total, "saved after every answer");
    // Whatever was shown first is what was recorded, by key.
    for question in &prompter.asked {
        let scenario = content.scenarios.iter().find(|s| s.title == question.title).unwrap();
        let recorded = scenario.option(&answers[&scenario.id]).unwrap();
        assert_eq!(recorded.text.trim(), question.options[0]);
    }
    assert_eq!(prompter.asked[0].number, 1);
    assert_eq!(prompter.asked[0].total, total);
    assert!(!prompter.asked[0].can_go_back && prompter.asked[1].can_go_back);
    assert!(prompter.asked.iter().all(|q| q.options.len() >= 3));
}

#[test]
fn option_and_scenario_order_are_shuffled_but_reproducible_by_seed() {
    let content = built_in();
    let first = session(&content, &Selection::Full, 1).order;
    assert_eq!(first, session(&content, &Selection::Full, 1).order);
    assert_ne!(first, session(&content, &Selection::Full, 2).order);
    let shuffled = content
        .scenarios
        .iter()
        .filter(|s| assess::option_order(s, 1) != (0..s.options.len()).collect::<Vec<_>>())
        .count();
    assert!(shuffled > content.scenarios.len() / 2, "most option orders differ from the file");
    let scenario = &content.scenarios[0];
    assert_eq!(assess::option_order(scenario, 9), assess::option_order(scenario, 9));
}

#[test]
fn back_changes_the_previous_answer_and_skip_is_recorded() {
    let content = built_in();
    let mut session = session(&content, &Selection::Quick, 5);
    let count = session.order.len();
    let mut replies = vec![Reply::Choose(0), Reply::Back, Reply::Choose(1), Reply::Skip];
    replies.extend(std::iter::repeat_n(Reply::Choose(2), count - 2));
    let mut prompter = Scripted::new(replies);
    let (outcome, _) = run(&content, &mut session, &mut prompter);
    let Outcome::Finished(answers) = outcome else { panic!("not finished") };
    let first = content.scenario(&session.order[0]).unwrap();
    let shown_second = &prompter.asked[2];
    assert_eq!(shown_second.number, 1, "back returns to the first scenario");
    assert_eq!(shown_second.current, Some(0), "the earlier answer is marked");
    let order = assess::option_order(first, 5);
    assert_eq!(answers[&first.id], first.options[order[1]].key, "the new answer replaced the old");
    assert_eq!(answers[&session.order[1]], SKIP);
}

#[test]
fn quitting_stops_with_the_count_and_resuming_continues_at_the_first_unanswered() {
    let content = built_in();
    let mut session = session(&content, &Selection::Full, 3);
    let mut prompter = Scripted::new([Reply::Choose(0), Reply::Choose(1), Reply::Quit]);
    let (outcome, saves) = run(&content, &mut session, &mut prompter);
    assert_eq!(outcome, Outcome::Stopped(2));
    assert_eq!(saves, 2);
    let mut resumed = Scripted::new([Reply::Quit]);
    run(&content, &mut session, &mut resumed);
    assert_eq!(resumed.asked[0].number, 3, "resumes at the third scenario");
}

#[test]
fn quick_touches_every_axis_and_is_shorter() {
    let content = built_in();
    let quick = assess::select(&content, &Selection::Quick);
    assert!(quick.len() < content.scenarios.len() / 2, "{} scenarios", quick.len());
    for axis in &content.axes {
        assert!(quick.iter().any(|s| s.loads_on(&axis.id)), "{} not touched", axis.id);
    }
}

#[test]
fn axes_selection_asks_only_scenarios_on_those_axes() {
    let content = built_in();
    let selection = Selection::Axes(vec!["direct-coach".into()]);
    let chosen = assess::select(&content, &selection);
    assert!(chosen.len() >= 3);
    assert!(chosen.iter().all(|s| s.loads_on("direct-coach")));
    assert_eq!(chosen.len(), content.scenarios_on("direct-coach").count());
}

#[test]
fn resuming_after_the_content_changed_drops_only_changed_answers() {
    let content = built_in();
    let mut session = session(&content, &Selection::Full, 8);
    let mut prompter = Scripted::new([Reply::Choose(0), Reply::Choose(0), Reply::Quit]);
    run(&content, &mut session, &mut prompter);
    let changed_id = session.order[0].clone();
    let kept_id = session.order[1].clone();
    let mut changed = content.clone();
    let scenario = changed.scenarios.iter_mut().find(|s| s.id == changed_id).unwrap();
    scenario.options[0].text.push_str(" (reworded)");
    let reconciled = session.reconcile(&changed);
    assert_eq!(reconciled.dropped, vec![changed_id.clone()]);
    assert!(session.answers.contains_key(&kept_id));
    assert!(!session.answers.contains_key(&changed_id));
}

#[test]
fn resuming_asks_scenarios_the_content_added_and_forgets_removed_ones() {
    let content = built_in();
    let mut session = session(&content, &Selection::Full, 8);
    let mut prompter = Scripted::new([Reply::Choose(0), Reply::Quit]);
    run(&content, &mut session, &mut prompter);
    let mut changed = content.clone();
    let removed = changed.scenarios.remove(5).id;
    let mut extra = changed.scenarios[0].clone();
    extra.id = "a-new-scenario".into();
    changed.scenarios.push(extra);
    let reconciled = session.reconcile(&changed);
    assert_eq!(reconciled.added, vec!["a-new-scenario".to_owned()]);
    assert!(!session.order.contains(&removed));
    assert_eq!(session.order.len(), content.scenarios.len());
    assert_eq!(session.answers.len(), 1, "the unchanged answer is kept");
}

#[test]
fn an_axes_session_remembers_its_selection() {
    let content = built_in();
    let selection = Selection::Axes(vec!["direct-coach".into()]);
    let mut session = session(&content, &selection, 1);
    session.axes = vec!["direct-coach".into()];
    assert_eq!(session.selection(), selection);
    assert!(!session.reconcile(&content).changed(), "same content, nothing to reconcile");
}

#[test]
fn going_back_to_a_skipped_scenario_puts_the_cursor_on_skip() {
    let content = built_in();
    let mut session = session(&content, &Selection::Quick, 6);
    let mut prompter = Scripted::new([Reply::Skip, Reply::Back, Reply::Quit]);
    run(&content, &mut session, &mut prompter);
    let again = &prompter.asked[2];
    assert_eq!(again.number, 1);
    assert_eq!(again.current, Some(again.options.len()), "the skip entry is current");
}
