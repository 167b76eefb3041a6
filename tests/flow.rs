//! The assessment flow driven through the `Prompter` trait, no terminal:
//! most and least likely, Back and Skip, the closing question, and the
//! decisions around a session (resume, reconcile, refuse).

use std::collections::VecDeque;

use itlead::answer::Answer;
use itlead::content::model::Content;
use itlead::content::selection::{Selection, select};
use itlead::error::{EXIT_USAGE, exit_code};
use itlead::flow::resume::{Opened, Request, open};
use itlead::flow::session::Session;
use itlead::flow::{self, Outcome, Prompter, Question, Reply};
use itlead::questionnaire::built_in;
use itlead::result::{Relation, Subject};

/// Replays replies and records what it was asked.
struct Scripted {
    replies: VecDeque<Reply>,
    choices: VecDeque<Option<usize>>,
    confirms: VecDeque<Option<bool>>,
    asked: Vec<Question>,
    shown: Vec<String>,
    offered: Vec<(String, Vec<String>)>,
    questions: Vec<String>,
    /// What to type at the name prompt; skipped when none is left.
    typed: VecDeque<Option<String>>,
    /// The questions the name prompt asked.
    inputs: Vec<String>,
}

impl Scripted {
    fn new(replies: impl IntoIterator<Item = Reply>) -> Self {
        Self {
            replies: replies.into_iter().collect(),
            choices: VecDeque::new(),
            confirms: VecDeque::new(),
            asked: Vec::new(),
            shown: Vec::new(),
            offered: Vec::new(),
            questions: Vec::new(),
            typed: VecDeque::new(),
            inputs: Vec::new(),
        }
    }

    /// What to answer at the closing question (and any other menu).
    fn choosing(mut self, choices: impl IntoIterator<Item = Option<usize>>) -> Self {
        self.choices = choices.into_iter().collect();
        self
    }

    fn confirming(mut self, answers: impl IntoIterator<Item = Option<bool>>) -> Self {
        self.confirms = answers.into_iter().collect();
        self
    }
}

impl Prompter for Scripted {
    fn show(&mut self, text: &str) -> anyhow::Result<()> {
        self.shown.push(text.to_owned());
        Ok(())
    }

    fn confirm(&mut self, question: &str, default: bool) -> anyhow::Result<Option<bool>> {
        self.questions.push(question.to_owned());
        Ok(self.confirms.pop_front().unwrap_or(Some(default)))
    }

    fn input(&mut self, question: &str) -> anyhow::Result<Option<String>> {
        self.inputs.push(question.to_owned());
        Ok(self.typed.pop_front().unwrap_or_else(|| Some(String::new())))
    }

    fn ask(&mut self, question: &Question) -> anyhow::Result<Reply> {
        self.asked.push(question.clone());
        Ok(self.replies.pop_front().unwrap_or(Reply::Quit))
    }

    fn choose(
        &mut self,
        text: &str,
        choices: &[String],
        _default: usize,
    ) -> anyhow::Result<Option<usize>> {
        self.offered.push((text.to_owned(), choices.to_vec()));
        // "See the result" unless told otherwise.
        Ok(self.choices.pop_front().unwrap_or(Some(0)))
    }
}

fn session(content: &Content, selection: &Selection, seed: u64) -> Session {
    let asked = select(content, selection);
    let order = flow::order(&asked, seed);
    Session::new(content, selection.clone(), seed, order, "2026-01-01T00:00:00Z".into())
}

fn run(content: &Content, session: &mut Session, prompter: &mut Scripted) -> (Outcome, usize) {
    let mut saves = 0;
    let outcome = flow::run(content, session, prompter, &mut |_| {
        saves += 1;
        Ok(None)
    })
    .unwrap();
    (outcome, saves)
}

/// Replies that answer the scenarios `ids` in turn: the first shown option
/// as most likely and, where a least likely is asked (not in a choice
/// between two), the first remaining one.
fn answer(content: &Content, ids: &[String]) -> Vec<Reply> {
    ids.iter()
        .flat_map(|id| {
            let picks = content.picks(content.scenario(id).expect("a scenario of the content"));
            vec![Reply::Choose(0); picks.len()]
        })
        .collect()
}

/// Content 2.0.0, whose scenarios all have four options: for what the
/// least likely question does.
fn four_options() -> Content {
    let path = common_fixture("content/contrasts-2.0.0.yaml");
    itlead::content::parse("contrasts-2.0.0.yaml", &std::fs::read_to_string(&path).unwrap())
        .unwrap()
}

#[test]
fn a_full_run_records_most_and_least_by_scenario_id_and_option_key() {
    let content = built_in();
    let mut session = session(&content, &Selection::Full, 42);
    let total = content.scenarios.len();
    let order = session.order.clone();
    let mut prompter = Scripted::new(answer(&content, &order));
    let (outcome, saves) = run(&content, &mut session, &mut prompter);
    let Outcome::Finished(answers) = outcome else { panic!("not finished") };
    assert_eq!(answers.len(), total);
    assert_eq!(saves, total + 1, "saved before the first question and after every answer");
    let pairs = content.scenarios.iter().filter(|scenario| scenario.is_pair()).count();
    assert!(pairs > 0 && pairs < total, "the built-in content has both kinds");
    assert_eq!(
        prompter.asked.len(),
        2 * (total - pairs) + pairs,
        "two questions per scenario of four options, one per choice between two"
    );
    let mut asked = prompter.asked.iter();
    for id in &order {
        let scenario = content.scenario(id).unwrap();
        let most = asked.next().unwrap();
        assert_eq!(most.title, scenario.title);
        if scenario.is_pair() {
            assert_eq!(most.prompt, "Which would you more likely do?");
            let Answer::Chosen { most: key, least: None } = &answers[scenario.id.as_str()] else {
                panic!("a choice between two is asked once")
            };
            assert_eq!(scenario.option(key).unwrap().text.trim(), most.options[0]);
            continue;
        }
        let least = asked.next().unwrap();
        assert_eq!(most.prompt, "What would you most likely do?");
        assert_eq!(least.prompt, "And which would you least likely do?");
        assert_eq!(
            least.options.len(),
            most.options.len() - 1,
            "the most likely is not offered again"
        );
        assert!(!least.options.contains(&most.options[0]));
        assert_eq!(
            least.note.as_deref(),
            Some(format!("Most likely: {}", most.options[0]).as_str())
        );
        let Answer::Chosen { most: key, least: Some(other) } = &answers[scenario.id.as_str()]
        else {
            panic!("not ranked")
        };
        assert_eq!(scenario.option(key).unwrap().text.trim(), most.options[0]);
        assert_eq!(scenario.option(other).unwrap().text.trim(), least.options[0]);
    }
    assert!(!prompter.asked[0].can_go_back && prompter.asked.iter().skip(1).all(|q| q.can_go_back));
    assert!(
        content.scenario(&order[0]).unwrap().is_pair() || prompter.asked[1].can_go_back,
        "the least likely question can go back to the most likely"
    );
    let (closing, choices) = &prompter.offered[0];
    assert!(closing.contains(&format!("{total} of {total} answered")), "{closing}");
    assert_eq!(choices[0], "See the result");
}

#[test]
fn a_choice_between_two_options_is_asked_once() {
    let path = common_fixture("content/pairs.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let content = itlead::content::parse("pairs.yaml", &text).unwrap();
    let mut session = session(&content, &Selection::Full, 3);
    // Three scenarios: the pair takes one reply, the others two each.
    let mut prompter = Scripted::new(vec![Reply::Choose(0); 5]);
    let (outcome, _) = run(&content, &mut session, &mut prompter);
    let Outcome::Finished(answers) = outcome else { panic!("{outcome:?}") };
    assert_eq!(prompter.asked.len(), 5);
    let pair = prompter.asked.iter().find(|question| question.title == "The outage").unwrap();
    assert_eq!(pair.prompt, "Which would you more likely do?");
    assert_eq!(pair.options.len(), 2);
    assert!(matches!(&answers["outage"], Answer::Chosen { least: None, .. }), "{answers:?}");
    assert!(matches!(&answers["budget"], Answer::Chosen { least: Some(_), .. }), "{answers:?}");
}

/// A fixture under `tests/fixtures`.
fn common_fixture(relative: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(relative)
}

#[test]
fn back_from_least_likely_asks_the_most_likely_again() {
    let content = four_options();
    let mut session = session(&content, &Selection::Full, 7);
    let mut replies = vec![Reply::Choose(2), Reply::Back, Reply::Choose(1), Reply::Choose(2)];
    replies.push(Reply::Quit);
    let mut prompter = Scripted::new(replies);
    let (outcome, saves) = run(&content, &mut session, &mut prompter);
    assert_eq!(outcome, Outcome::Stopped(1));
    assert_eq!(saves, 2);
    let again = &prompter.asked[2];
    assert_eq!((again.number, again.note.clone()), (1, None), "the most likely question again");
    let scenario = content.scenario(&session.order[0]).unwrap();
    let shown = flow::option_order(scenario, 7);
    let most = &scenario.options[shown[1]].key;
    assert!(
        matches!(&session.answers[scenario.id.as_str()], Answer::Chosen { most: key, .. } if key == most)
    );
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
        .filter(|s| flow::option_order(s, 1) != (0..s.options.len()).collect::<Vec<_>>())
        .count();
    assert!(shuffled > content.scenarios.len() / 2, "most option orders differ from the file");
    let scenario = &content.scenarios[0];
    assert_eq!(flow::option_order(scenario, 9), flow::option_order(scenario, 9));
}

#[test]
fn back_changes_the_previous_answer_and_skip_is_recorded() {
    let content = four_options();
    let mut session = session(&content, &Selection::Quick, 5);
    let count = session.order.len();
    let order = session.order.clone();
    let mut replies = answer(&content, &order[..1]);
    replies.extend([Reply::Back, Reply::Choose(1), Reply::Choose(1), Reply::Skip]);
    replies.extend(answer(&content, &order[2..]));
    assert_eq!(order.len(), count);
    let mut prompter = Scripted::new(replies).choosing([Some(0)]);
    let (outcome, _) = run(&content, &mut session, &mut prompter);
    let Outcome::Finished(answers) = outcome else { panic!("not finished") };
    let first = content.scenario(&session.order[0]).unwrap();
    let shown_again = &prompter.asked[3];
    assert_eq!(shown_again.number, 1, "back returns to the first scenario");
    assert_eq!(shown_again.current, Some(0), "the earlier answer is marked");
    let order = flow::option_order(first, 5);
    let Answer::Chosen { most, .. } = &answers[first.id.as_str()] else { panic!("not answered") };
    assert_eq!(*most, first.options[order[1]].key, "the new answer replaced the old");
    assert_eq!(answers[session.order[1].as_str()], Answer::Skipped);
    let (closing, choices) = &prompter.offered[0];
    assert!(closing.contains("1 skipped") && closing.contains("Skipped: "), "{closing}");
    assert!(choices.iter().any(|choice| choice == "Answer the skipped scenario"), "{choices:?}");
}

#[test]
fn skipped_scenarios_can_be_answered_at_the_end() {
    let content = built_in();
    let mut session = session(&content, &Selection::Quick, 9);
    let count = session.order.len();
    let order = session.order.clone();
    let mut replies = vec![Reply::Skip, Reply::Skip];
    replies.extend(answer(&content, &order[2..]));
    // At the end: answer the skipped ones, then see the result.
    replies.extend(answer(&content, &order[..2]));
    let mut prompter = Scripted::new(replies).choosing([Some(1), Some(0)]);
    let (outcome, saves) = run(&content, &mut session, &mut prompter);
    let Outcome::Finished(answers) = outcome else { panic!("not finished") };
    assert!(answers.values().all(|answer| !answer.is_skipped()), "{answers:?}");
    assert_eq!(saves, count + 3);
    assert_eq!(prompter.offered.len(), 2);
    assert!(
        prompter.offered[1].0.contains(&format!("{count} of {count} answered")),
        "{}",
        prompter.offered[1].0
    );
    let revisited = &prompter.asked[2 + answer(&content, &order[2..]).len()];
    assert_eq!(revisited.number, 1);
    assert!(!revisited.can_go_back, "revisiting a skipped scenario has no back step");
    assert_eq!(revisited.current, None, "asked again to be answered: the cursor is not on Skip");
    // Each skip is acknowledged above the next question.
    let first = content.scenario(&session.order[0]).unwrap();
    let after_skip = prompter.asked[1].note.as_deref().unwrap_or_default();
    assert!(
        after_skip
            .starts_with(&format!("Skipped “{}”: you can answer it at the end.", first.title)),
        "{after_skip}"
    );
    assert!(
        !prompter.asked[3].note.as_deref().unwrap_or_default().starts_with("Skipped"),
        "only right after a skip"
    );
    assert_eq!(prompter.asked[2].title, content.scenario(&order[2]).unwrap().title);
}

#[test]
fn stopping_at_the_closing_question_keeps_the_answers() {
    let content = built_in();
    let mut session = session(&content, &Selection::Quick, 4);
    let count = session.order.len();
    let order = session.order.clone();
    let mut prompter = Scripted::new(answer(&content, &order)).choosing([Some(2)]);
    let (outcome, _) = run(&content, &mut session, &mut prompter);
    assert_eq!(outcome, Outcome::Stopped(count));
    let mut prompter = Scripted::new(answer(&content, &order)).choosing([None]);
    let (outcome, _) = run(&content, &mut session, &mut prompter);
    assert_eq!(outcome, Outcome::Stopped(count), "quitting the closing question stops too");
}

#[test]
fn quitting_stops_with_the_count_and_resuming_continues_at_the_first_unanswered() {
    let content = four_options();
    let mut session = session(&content, &Selection::Full, 3);
    let mut replies = answer(&content, &session.order[..2]);
    replies.push(Reply::Choose(0));
    replies.push(Reply::Quit);
    let mut prompter = Scripted::new(replies);
    let (outcome, saves) = run(&content, &mut session, &mut prompter);
    assert_eq!(outcome, Outcome::Stopped(2), "a half-answered scenario is not saved");
    assert_eq!(saves, 3);
    let mut resumed = Scripted::new([Reply::Quit]);
    run(&content, &mut session, &mut resumed);
    assert_eq!(resumed.asked[0].number, 3, "resumes at the third scenario");
}

#[test]
fn quick_gives_every_axis_enough_responses_for_a_leaning_and_is_shorter() {
    let content = built_in();
    let quick = select(&content, &Selection::Quick);
    assert!(quick.len() < content.scenarios.len() / 2, "{} scenarios", quick.len());
    for axis in &content.axes {
        let responses = quick.iter().filter(|s| s.loads_on(&axis.id)).count() * 2;
        assert!(responses >= itlead::score::MIN_BANDED_RESPONSES, "{}: {responses}", axis.id);
    }
}

#[test]
fn axes_selection_asks_only_scenarios_on_those_axes() {
    let content = built_in();
    let selection = Selection::Axes { axes: vec!["direct-coach".into()] };
    let chosen = select(&content, &selection);
    assert!(chosen.len() >= 3);
    assert!(chosen.iter().all(|s| s.loads_on("direct-coach")));
    assert_eq!(chosen.len(), content.scenarios_on("direct-coach").count());
}

#[test]
fn resuming_after_the_content_changed_drops_only_changed_answers() {
    let content = built_in();
    let mut session = session(&content, &Selection::Full, 8);
    let mut prompter = Scripted::new(answer(&content, &session.order[..2]));
    run(&content, &mut session, &mut prompter);
    let changed_id = session.order[0].clone();
    let kept_id = session.order[1].clone();
    let mut changed = content.clone();
    let scenario = changed.scenarios.iter_mut().find(|s| s.id == changed_id).unwrap();
    scenario.options[0].text.push_str(" (reworded)");
    let reconciled = session.reconcile(&changed);
    assert_eq!(reconciled.dropped, vec![changed_id.clone()]);
    assert!(session.answers.contains_key(kept_id.as_str()));
    assert!(!session.answers.contains_key(changed_id.as_str()));
}

#[test]
fn resuming_asks_scenarios_the_content_added_and_forgets_removed_ones() {
    let content = built_in();
    let mut session = session(&content, &Selection::Full, 8);
    let mut prompter = Scripted::new(answer(&content, &session.order[..1]));
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
fn going_back_to_a_skipped_scenario_puts_the_cursor_on_skip() {
    let content = built_in();
    let mut session = session(&content, &Selection::Quick, 6);
    let mut prompter = Scripted::new([Reply::Skip, Reply::Back, Reply::Quit]);
    run(&content, &mut session, &mut prompter);
    let again = &prompter.asked[2];
    assert_eq!(again.number, 1);
    assert_eq!(again.current, Some(again.options.len()), "the skip entry is current");
}

fn request(selection: Selection, explicit: bool, resume: bool) -> Request {
    Request {
        selection,
        explicit_selection: explicit,
        resume,
        name: None,
        about: None,
        seed: 11,
        now: "2026-02-02T00:00:00Z".into(),
        restart: false,
        program: "itlead".into(),
    }
}

#[test]
fn opening_starts_a_session_after_the_intro() {
    let content = built_in();
    let mut prompter = Scripted::new([]);
    let Opened::Session(session) =
        open(&content, None, &request(Selection::Quick, true, false), &mut prompter).unwrap()
    else {
        panic!("declined")
    };
    assert_eq!(session.selection, Selection::Quick);
    assert_eq!(session.order.len(), select(&content, &Selection::Quick).len());
    let intro = &prompter.shown[0];
    // The time is the one `itlead check` reports for the quick form.
    let quick = itlead::content::design::analyse(&content).quick.minutes();
    assert!(intro.contains(&format!("about {quick} minutes")), "{intro}");
    assert!(intro.contains("least likely"), "{intro}");
    assert!(
        intro.contains(itlead::content::wording::QUICK_NOTE),
        "--quick says what it can tell: {intro}"
    );
    let mut declining = Scripted::new([]).confirming([Some(false)]);
    assert!(matches!(
        open(&content, None, &request(Selection::Full, false, false), &mut declining).unwrap(),
        Opened::Declined
    ));
}

#[test]
fn a_new_session_asks_for_a_name_that_enter_skips_and_an_observer_is_never_asked() {
    let content = built_in();
    let start =
        |prompter: &mut Scripted, request: &Request| match open(&content, None, request, prompter)
            .unwrap()
        {
            Opened::Session(session) => Some(*session),
            Opened::Declined => None,
        };
    // A name typed is the session's, and so the result's.
    let mut prompter = Scripted::new([]);
    prompter.typed = [Some(String::from("  Robin Example "))].into();
    let session = start(&mut prompter, &request(Selection::Quick, true, false)).unwrap();
    assert_eq!(session.name.as_deref(), Some("Robin Example"));
    assert_eq!(prompter.inputs, ["Your name (optional, Enter skips)"]);
    // Enter alone skips it.
    let mut prompter = Scripted::new([]);
    let session = start(&mut prompter, &request(Selection::Quick, true, false)).unwrap();
    assert_eq!(session.name, None);
    assert_eq!(prompter.inputs.len(), 1);
    // A name that cannot be recorded is said so, and asked again.
    let mut prompter = Scripted::new([]);
    prompter.typed = [Some("x".repeat(101)), Some(String::from("Sam"))].into();
    let session = start(&mut prompter, &request(Selection::Quick, true, false)).unwrap();
    assert_eq!(session.name.as_deref(), Some("Sam"));
    assert!(prompter.shown.iter().any(|line| line.contains("up to 100 characters")));
    // Stopping at the name starts nothing.
    let mut prompter = Scripted::new([]);
    prompter.typed = [None].into();
    assert!(start(&mut prompter, &request(Selection::Quick, true, false)).is_none());
    // --name given: not asked.
    let mut named = request(Selection::Quick, true, false);
    named.name = Some(String::from("Robin"));
    let mut prompter = Scripted::new([]);
    assert_eq!(start(&mut prompter, &named).unwrap().name.as_deref(), Some("Robin"));
    assert!(prompter.inputs.is_empty());
    // About someone else: never asked, never stored.
    let mut about = request(Selection::Quick, true, false);
    about.about = Some(Subject { name: "Sam Lee".into(), relation: Relation::Peer });
    let mut prompter = Scripted::new([]);
    assert_eq!(start(&mut prompter, &about).unwrap().name, None);
    assert!(prompter.inputs.is_empty(), "an observer is asked for no name");
    // Declining to start asks nothing more.
    let mut prompter = Scripted::new([]).confirming([Some(false)]);
    assert!(start(&mut prompter, &request(Selection::Quick, true, false)).is_none());
    assert!(prompter.inputs.is_empty());
}

#[test]
fn opening_resumes_or_refuses_an_unfinished_session() {
    let content = built_in();
    let existing = session(&content, &Selection::Quick, 2);
    // Without an explicit selection, the question is asked and yes resumes.
    let mut prompter = Scripted::new([]).confirming([Some(true)]);
    let Opened::Session(resumed) = open(
        &content,
        Some(existing.clone()),
        &request(Selection::Full, false, false),
        &mut prompter,
    )
    .unwrap() else {
        panic!("declined")
    };
    assert_eq!(resumed.selection, Selection::Quick, "a resumed session keeps its scenarios");
    // No starts a new session instead.
    let mut prompter = Scripted::new([]).confirming([Some(false), Some(true)]);
    let Opened::Session(fresh) = open(
        &content,
        Some(existing.clone()),
        &request(Selection::Full, false, false),
        &mut prompter,
    )
    .unwrap() else {
        panic!("declined")
    };
    assert_eq!(fresh.selection, Selection::Full);
    assert!(
        prompter.shown[0].contains("the unfinished one is replaced once you start"),
        "{:?}",
        prompter.shown
    );
    // An explicit other selection is refused with a usage error.
    let mut prompter = Scripted::new([]);
    let error = open(
        &content,
        Some(existing.clone()),
        &request(Selection::Full, true, false),
        &mut prompter,
    )
    .unwrap_err();
    assert_eq!(exit_code(&error), EXIT_USAGE);
    assert!(error.to_string().contains("asks the quick form"), "{error}");
    // So is a session about someone else.
    let mut about = request(Selection::Quick, false, true);
    about.about = Some(Subject { name: "Sam Lee".into(), relation: Relation::Peer });
    let error = open(&content, Some(existing.clone()), &about, &mut prompter).unwrap_err();
    assert!(error.to_string().contains("about yourself"), "{error}");
    assert!(error.to_string().contains("continue it with `itlead assess --resume`,"), "{error}");
    // And the other way round, saying how to continue the one about Sam.
    let mut theirs = existing;
    theirs.about = about.about.clone();
    let error =
        open(&content, Some(theirs), &request(Selection::Quick, false, true), &mut prompter)
            .unwrap_err();
    assert!(
        error.to_string().contains(
            "continue it with `itlead assess --resume --about 'Sam Lee' --relation peer`"
        ),
        "{error}"
    );
}

#[test]
fn the_resume_question_counts_answers_and_skips_apart() {
    let content = built_in();
    let mut existing = session(&content, &Selection::Quick, 2);
    let total = existing.order.len();
    let (first, second, third) =
        (existing.order[0].clone(), existing.order[1].clone(), existing.order[2].clone());
    let key = |id: &str| content.scenario(id).unwrap().options[0].key.clone();
    let other = |id: &str| content.scenario(id).unwrap().options[1].key.clone();
    existing.answers.insert(first.as_str().into(), Answer::ranked(key(&first), other(&first)));
    existing.answers.insert(second.as_str().into(), Answer::ranked(key(&second), other(&second)));
    existing.answers.insert(third.into(), Answer::Skipped);
    let mut prompter = Scripted::new([]).confirming([Some(true)]);
    open(&content, Some(existing), &request(Selection::Full, false, false), &mut prompter).unwrap();
    assert!(
        prompter.questions[0].starts_with(&format!(
            "Continue your unfinished assessment (2 of {total} answered, 1 skipped, started "
        )),
        "{:?}",
        prompter.questions
    );
}

#[test]
fn resuming_with_nothing_to_resume_says_so() {
    let content = built_in();
    let mut prompter = Scripted::new([]);
    open(&content, None, &request(Selection::Full, false, true), &mut prompter).unwrap();
    assert!(
        prompter.shown[0].contains("no unfinished assessment to resume"),
        "{:?}",
        prompter.shown
    );
}

#[test]
fn the_observer_form_speaks_about_the_person_rated() {
    let content = built_in();
    let mut observer = request(Selection::Quick, true, false);
    observer.about = Some(Subject { name: "Sam Lee".into(), relation: Relation::Peer });
    let mut prompter = Scripted::new([]);
    let Opened::Session(mut session) = open(&content, None, &observer, &mut prompter).unwrap()
    else {
        panic!("declined")
    };
    assert!(prompter.shown[0].contains("about Sam"), "{}", prompter.shown[0]);
    // The first four-option scenario of the order, the ones before it
    // answered: a choice between two asks "more likely", once.
    let first_of_four =
        session.order.iter().position(|id| !content.scenario(id).unwrap().is_pair()).unwrap();
    let mut replies = answer(&content, &session.order[..first_of_four]);
    let before = replies.len();
    replies.extend([Reply::Choose(0), Reply::Quit]);
    let mut asking = Scripted::new(replies);
    run(&content, &mut session, &mut asking);
    if first_of_four > 0 {
        assert_eq!(asking.asked[0].prompt, "Which would Sam more likely do?");
    }
    let most = &asking.asked[before];
    assert_eq!(most.prompt, "What would Sam most likely do?");
    assert!(
        most.situation.contains("Sam") && !most.situation.contains("{name}"),
        "{}",
        most.situation
    );
    assert_eq!(asking.asked[before + 1].prompt, "And which would Sam least likely do?");
}

#[test]
fn scenarios_that_assume_a_manager_say_so_and_allow_a_skip() {
    let content = four_options();
    let mut session = session(&content, &Selection::Full, 12);
    let order = session.order.clone();
    let mut prompter = Scripted::new(answer(&content, &order));
    run(&content, &mut session, &mut prompter);
    for pair in prompter.asked.chunks(2) {
        let scenario = content.scenarios.iter().find(|s| s.title == pair[0].title).unwrap();
        let manager = scenario.role == Some(itlead::content::model::Role::Manager);
        let note = pair[0].note.clone().unwrap_or_default();
        assert_eq!(
            note.contains("assumes you manage the team"),
            manager,
            "{}: {note:?}",
            scenario.id
        );
    }
}

#[test]
fn a_saved_session_with_a_choice_between_two_reads_back() {
    let content = built_in();
    let mut session = session(&content, &Selection::Full, 21);
    let pair = content.scenarios.iter().find(|scenario| scenario.is_pair()).unwrap();
    let four = content.scenarios.iter().find(|scenario| !scenario.is_pair()).unwrap();
    session.answers.insert(pair.id.as_str().into(), Answer::most(&pair.options[1].key));
    session.answers.insert(
        four.id.as_str().into(),
        Answer::ranked(&four.options[0].key, &four.options[2].key),
    );
    let text = serde_json::to_string_pretty(&session).unwrap();
    let read = Session::parse("session.json", &text, &content, None).expect("its own session");
    assert_eq!(read.answers, session.answers);
    // A least likely for a choice between two is refused, with its place.
    session.answers.insert(
        pair.id.as_str().into(),
        Answer::ranked(&pair.options[1].key, &pair.options[0].key),
    );
    let text = serde_json::to_string_pretty(&session).unwrap();
    let refused = Session::parse("session.json", &text, &content, None).unwrap_err().to_string();
    assert!(refused.contains("a choice between two options is asked once"), "{refused}");
    assert!(refused.contains(&pair.id), "{refused}");
}
