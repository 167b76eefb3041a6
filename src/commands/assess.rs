//! `itlead assess`: from an answers file, or interactively.
//!
//! The end of an assessment is where answers could be lost, so the order
//! matters: the `--output` target is checked before the first question;
//! the session stays on disk until the result is saved and the report
//! written, and records the saved result before it goes, so that a run
//! killed in between never saves it twice; if either fails, the report
//! still reaches stdout and the answers stay resumable. Nothing claims
//! more than is on disk: when saving fails the messages say what is kept,
//! and answers that cannot be kept at all are printed as an answers file.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::{emit_document, format_for};
use crate::answer::{Answers, chosen_count};
use crate::answer_file;
use crate::cli::AssessArgs;
use crate::content::Content;
use crate::content::model::Scenario;
use crate::content::selection::{Selection, select};
use crate::context::Context;
use crate::documents::report::{Report, Why};
use crate::edges::input::read_text;
use crate::edges::output::{OutputArgs, check_target, warn, write_stdout};
use crate::edges::store::{Found, SessionStore, find_result, save_result};
use crate::error::{Interrupted, usage};
use crate::export::{Document, Format};
use crate::flow::messages::{
    answers as counted, reason, resume_command, stopped_message, with_commands,
};
use crate::flow::resume::{Opened, Request};
use crate::flow::session::Session;
use crate::flow::{self, Outcome, Prompter};
use crate::questionnaire;
use crate::result::{Respondent, ResultDocument, Subject, checked_name};
use crate::score;
use crate::terminal::prompters::{PlainPrompter, TerminalPrompter};
use crate::terminal::signals::{self, SavedCount};

/// `itlead assess`.
pub fn run(context: &Context, args: &AssessArgs) -> Result<()> {
    let content = questionnaire::load(context.content_path())?;
    let selection = selection(&content, args)?;
    let format = format_for(args.format, &args.output, Report::FORMATS, Format::Text)?;
    // Refuse a bad --output before asking anything, not after ten minutes of answers.
    check_target(&args.output)?;
    let request = request(context, args, selection)?;
    match &args.answers {
        Some(path) => from_file(context, &content, args, &request, path, format),
        None => interactive(context, &content, args, &request, format),
    }
}

/// What the run asks for: the command line's choices, with the seed and
/// the time from `context`.
fn request(context: &Context, args: &AssessArgs, selection: Selection) -> Result<Request> {
    let name = args.name.as_deref().map(|name| checked_name(name, "--name")).transpose()?;
    let about = match (&args.about, args.relation) {
        (Some(about), Some(relation)) => {
            Some(Subject { name: checked_name(about, "--about")?, relation })
        }
        _ => None,
    };
    Ok(Request {
        explicit_selection: args.quick || !args.axes.is_empty(),
        selection,
        resume: args.resume,
        name,
        about,
        seed: context.seed(),
        now: context.clock.stamp(),
        restart: args.restart,
        program: context.program_words(),
    })
}

/// Refuses content without an observer form for every scenario asked.
pub fn require_observer_form(content: &Content, scenarios: &[&Scenario]) -> Result<()> {
    let missing: Vec<&str> = scenarios
        .iter()
        .filter(|scenario| scenario.about.is_none())
        .map(|scenario| scenario.id.as_str())
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(usage(format!(
        "this questionnaire (\"{}\" {}) has no observer form for {} of its scenarios ({}), \
         so it cannot be answered about someone else",
        content.title,
        content.version,
        missing.len(),
        missing.iter().take(5).copied().collect::<Vec<_>>().join(", ")
    )))
}

fn selection(content: &Content, args: &AssessArgs) -> Result<Selection> {
    if args.quick && !args.axes.is_empty() {
        return Err(usage("--quick and --axes choose scenarios differently; use one of them"));
    }
    if args.quick {
        return Ok(Selection::Quick);
    }
    if args.axes.is_empty() {
        return Ok(Selection::Full);
    }
    let mut ids = Vec::new();
    for query in args.axes.iter().filter(|query| !query.trim().is_empty()) {
        let id = crate::axis_lookup::resolve(content, query)?.id.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(usage("--axes needs at least one contrast id; `itlead list` shows them"));
    }
    Ok(Selection::Axes { axes: ids })
}

fn from_file(
    context: &Context,
    content: &Content,
    args: &AssessArgs,
    request: &Request,
    path: &Path,
    format: Format,
) -> Result<()> {
    let asked = select(content, &request.selection);
    let input = read_text(path)?;
    let file = answer_file::parse(&input.name, &input.text, content, &asked, args.partial)?;
    let about = match (&request.about, file.about) {
        (Some(flag), Some(file_about)) if *flag != file_about => {
            return Err(usage(format!(
                "--about says {} ({}), but {} is about {} ({}); use one of them",
                flag.name,
                flag.relation.id(),
                input.name,
                file_about.name,
                file_about.relation.id()
            )));
        }
        (flag, file_about) => flag.clone().or(file_about),
    };
    if !file.outside.is_empty() {
        warn(&format!(
            "warning: {} answered in {} {} not among {} and left out: {}",
            if file.outside.len() == 1 {
                String::from("1 scenario")
            } else {
                format!("{} scenarios", file.outside.len())
            },
            input.name,
            if file.outside.len() == 1 { "is" } else { "are" },
            request.selection.describe(),
            file.outside.join(", ")
        ));
    }
    if chosen_count(&file.answers) == 0 {
        anyhow::bail!(
            "nothing is answered in {}: fill in at least one scenario (`itlead questions` shows them)",
            input.name
        );
    }
    let (name, dropped) =
        answer_file::recorded_name(&input.name, request.name.clone(), file.name, about.as_ref())
            .map_err(usage)?;
    if let Some(dropped) = dropped {
        warn(&format!("warning: {dropped}"));
    }
    let respondent = Respondent { name, about };
    let result = result(context, content, file.answers, &request.selection, respondent);
    let saved = if args.no_save { None } else { Some(save(context, &result)) };
    let written = emit_document(
        context,
        &Report::new(&result, Some(content), Why::unasked(format)),
        format,
        &args.output,
    );
    // Said even when the report could not be written: the result is saved.
    if let Some(Ok(path)) = &saved {
        saved_hint(context, path, &args.output);
    }
    match (written, saved) {
        (Err(error), Some(Err(unsaved))) => {
            warn(&format!("error: the result was not saved either: {unsaved:#}"));
            Err(error)
        }
        (Err(error), _) => Err(error),
        (Ok(()), Some(Err(unsaved))) => {
            let kept = if path == Path::new("-") {
                String::from("the answers came from standard input, so keep them to run again")
            } else {
                format!("your answers are still in {}", input.name)
            };
            Err(unsaved.context(format!(
                "the result was not saved, so `{} report latest` will not show it; the report is \
                 complete, and {kept}: run this again once the result can be saved, or add \
                 --no-save",
                context.program()
            )))
        }
        (Ok(()), _) => Ok(()),
    }
}

/// The result of `answers`, made now by `context`'s clock.
fn result(
    context: &Context,
    content: &Content,
    answers: Answers,
    selection: &Selection,
    respondent: Respondent,
) -> ResultDocument {
    let profile = score::score(content, &answers);
    let created = context.clock.stamp();
    ResultDocument::new(content, answers, profile, selection.clone(), respondent, created)
}

fn save(context: &Context, result: &ResultDocument) -> Result<PathBuf> {
    save_result(&context.results_dir()?, result)
}

/// After "Result saved to …": how to see it again.
fn saved_hint(context: &Context, path: &Path, output: &OutputArgs) {
    let program = context.program();
    let again = if output.is_stdout() {
        format!(
            "`{program} report latest` shows it again (add --output report.html for a page to \
             share), and `{program} explain CONTRAST` says more about any contrast."
        )
    } else {
        format!(
            "`{program} report latest` shows it again, and `{program} explain CONTRAST` says \
             more about any contrast."
        )
    };
    // The path on a line of its own, whole, for a script or a copy.
    warn(&format!("Result saved to {}", path.display()));
    say(context, &again);
}

/// Writes `message` to stderr, wrapped to its width.
fn say(context: &Context, message: &str) {
    warn(&with_commands(message, &[], context.stderr.width));
}

/// The interactive walk-through.
fn interactive(
    context: &Context,
    content: &Content,
    args: &AssessArgs,
    request: &Request,
    format: Format,
) -> Result<()> {
    if !context.stdin_terminal {
        return Err(usage(
            "itlead assess asks questions and needs a terminal, but standard input is not one.\n\
             To answer from a file: itlead questions > answers.yaml, fill it in, then\n\
             itlead assess --answers answers.yaml",
        ));
    }
    if !context.stderr.terminal {
        let message = "itlead assess shows its questions on standard error, which is not a \
                       terminal (redirected with 2>?); run it with standard error on the \
                       terminal, or answer from a file with --answers";
        // The person at the keyboard sees it too, not only the log.
        if let Ok(mut tty) = std::fs::OpenOptions::new().write(true).open("/dev/tty") {
            use std::io::Write as _;
            let _ = writeln!(tty, "error: {message}");
        }
        return Err(usage(message));
    }
    if request.about.is_some() {
        require_observer_form(content, &select(content, &request.selection))?;
    }
    let about_name = request.about.as_ref().map(|about| about.name.as_str());
    let store = SessionStore::new(context.session_file(about_name)?);
    let Some(_lock) = store.lock()? else {
        return Err(usage(
            "another `itlead assess` is running and using the unfinished assessment; \
             finish or stop it first",
        ));
    };
    let saved = SavedCount::default();
    signals::install(saved.clone(), resume_command(context.program(), request.about.as_ref()))
        .context("cannot watch for Ctrl-C")?;
    let prompt_style = context.stderr_style();
    let plain = args.plain || context.dumb;
    let mut prompter: Box<dyn Prompter> = if plain {
        Box::new(PlainPrompter::new(std::io::stdin().lock(), std::io::stderr(), prompt_style))
    } else {
        Box::new(TerminalPrompter::new(prompt_style))
    };
    let mut progress = Progress { store: &store, saved, failing: None };
    let outcome = ask(context, content, request, &mut progress, prompter.as_mut());
    drop(prompter);
    let Some((session, answers)) = outcome? else { return Ok(()) };
    let context = &context.measured_again();
    if context.stdout.terminal && !plain {
        let _ = console::Term::stderr().clear_screen();
    }
    let respondent = Respondent { name: session.name.clone(), about: session.about.clone() };
    // A resumed session keeps the scenarios it was started with.
    let result = result(context, content, answers, &session.selection, respondent);
    finish(context, content, args, &mut progress, &session, &result, format)
}

/// Saves the session after every answer and keeps track of what is on
/// disk, so that every message can say exactly that.
struct Progress<'a> {
    store: &'a SessionStore,
    /// Answers on disk, shared with the signal handler.
    saved: SavedCount,
    /// Why the last save failed, while the session on disk is behind.
    failing: Option<String>,
}

impl Progress<'_> {
    /// Saves `session`; what the respondent should be told, if anything.
    fn save(&mut self, session: &Session) -> Option<String> {
        match self.store.save(session) {
            Ok(()) => {
                self.saved.set(session.progress());
                self.failing.take().map(|_| {
                    format!("Progress is saved again: {} on disk.", counted(session.progress()))
                })
            }
            Err(error) => {
                let first = self.failing.is_none();
                let why = reason(&error);
                let on_disk = counted(self.saved.get());
                let said = if first {
                    format!(
                        "Progress cannot be saved ({why}): {on_disk} on disk, the rest only \
                         here. Saving is tried again after every answer; if the answers cannot \
                         be kept at the end, they are printed for you to keep."
                    )
                } else {
                    format!("Progress is still not saved: {on_disk} on disk.")
                };
                self.failing = Some(why);
                Some(said)
            }
        }
    }

    /// Saves `session` once more if the last save failed (the disk may
    /// have room again); whether the session on disk is up to date.
    fn catch_up(&mut self, session: &Session) -> bool {
        if self.failing.is_some() {
            let _ = self.save(session);
        }
        self.failing.is_none()
    }
}

/// Opens or starts the session and asks its scenarios; `None` when the
/// respondent declined to start.
fn ask(
    context: &Context,
    content: &Content,
    request: &Request,
    progress: &mut Progress,
    prompter: &mut dyn Prompter,
) -> Result<Option<(Session, Answers)>> {
    let results = context.results_dir().ok();
    let found = progress
        .store
        .load(|name, text| Session::parse(name, text, content, results.as_deref()))?;
    let existing = match found {
        Found::Nothing => None,
        Found::SetAside(path, reason) => {
            say(
                context,
                &format!(
                    "warning: the unfinished assessment could not be used, so it was moved to {}:",
                    path.display()
                ),
            );
            warn(&reason);
            None
        }
        Found::Session(session) => {
            progress.saved.set(session.progress());
            Some(*session)
        }
    };
    let mut session = match flow::resume::open(content, existing, request, prompter)? {
        Opened::Declined => return Ok(None),
        Opened::Session(session) => *session,
    };
    let outcome = flow::run(content, &mut session, prompter, &mut |session: &Session| {
        Ok(progress.save(session))
    })?;
    match outcome {
        Outcome::Finished(answers) => Ok(Some((session, answers))),
        Outcome::Stopped(_) => {
            let resume = resume_command(context.program(), request.about.as_ref());
            let width = context.measured_again().stderr.width;
            if progress.catch_up(&session) {
                return Err(
                    Interrupted(stopped_message(progress.saved.get(), &resume, width)).into()
                );
            }
            let on_disk = progress.saved.get();
            let mut prose = format!(
                "Stopped. Only {on_disk} of your {} are saved ({}). ",
                counted(session.progress()),
                progress.failing.as_deref().unwrap_or_default(),
            );
            if print_answers(&session) {
                prose.push_str(&format!(
                    "All {} are printed {} as an answers file: keep it in a file, and `{}` \
                     scores them.",
                    session.progress(),
                    printed_where(context),
                    answers_command(context.program(), &session)
                ));
            } else {
                prose.push_str("They could not be printed either.");
            }
            let mut commands = Vec::new();
            if on_disk > 0 {
                prose.push_str(&format!(" To continue with the {on_disk} on disk, run:"));
                commands.push(resume.as_str());
            }
            Err(Interrupted(with_commands(&prose, &commands, width)).into())
        }
    }
}

/// Writes `session`'s answers to stdout as an answers file, for answers
/// that could not be kept on disk; whether that worked.
fn print_answers(session: &Session) -> bool {
    let text = answer_file::answers_yaml(
        &session.answers,
        session.name.as_deref(),
        session.about.as_ref(),
    );
    write_stdout(format!("\n{text}").as_bytes()).is_ok()
}

/// Where [`print_answers`] put them, as the user sees it.
fn printed_where(context: &Context) -> &'static str {
    if context.stdout.terminal { "above" } else { "on standard output" }
}

/// The command that scores answers printed by [`print_answers`], with the
/// session's selection, and `--partial` when some are missing.
fn answers_command(program: &str, session: &Session) -> String {
    let partial = session.order.iter().any(|id| !session.answers.contains_key(id.as_str()));
    let mut command = format!("{program} assess --answers FILE");
    match &session.selection {
        Selection::Full => {}
        Selection::Quick => command.push_str(" --quick"),
        Selection::Axes { axes } => {
            command.push_str(" --axes ");
            command.push_str(&crate::shell::quote(&axes.join(",")));
        }
    }
    if partial {
        command.push_str(" --partial");
    }
    command
}

/// Whether `saved` is the result of these answers: the same answers to the
/// same scenarios by the same respondent, scored against the same content.
fn same_result(saved: &ResultDocument, result: &ResultDocument) -> bool {
    saved.answers == result.answers
        && saved.selection == result.selection
        && saved.name == result.name
        && saved.about == result.about
        && saved.content.hash == result.content.hash
}

/// Saves the result, writes the report, and only then lets the session go.
fn finish(
    context: &Context,
    content: &Content,
    args: &AssessArgs,
    progress: &mut Progress,
    session: &Session,
    result: &ResultDocument,
    format: Format,
) -> Result<()> {
    let results = context.results_dir().ok();
    // Saved by an earlier run of this session that could not write its
    // report, or that was killed before it could let the session go.
    let saved_before = session
        .saved
        .as_ref()
        .map(PathBuf::from)
        .filter(|path| std::fs::symlink_metadata(path).is_ok_and(|metadata| metadata.is_file()))
        .or_else(|| {
            let directory = results.as_deref()?;
            find_result(directory, &session.started, |saved| same_result(saved, result))
        });
    let saved = match saved_before {
        _ if args.no_save => None,
        Some(path) => Some(Ok(path)),
        None => Some(save(context, result)),
    };
    let mut kept = session.clone();
    if let Some(Ok(path)) = &saved {
        // Recorded before anything else can fail, or the process be killed.
        kept.saved = Some(path.display().to_string());
        if session.saved != kept.saved {
            let _ = progress.save(&kept);
        }
    }
    let report = Report::new(result, Some(content), Why::unasked(format));
    let written = emit_document(context, &report, format, &args.output);
    if let (Err(error), false) = (&written, args.output.is_stdout()) {
        // The file could not be written: the report goes to stdout instead.
        emit_document(context, &report, format, &OutputArgs::default())?;
        say(context, &format!("error: {error:#}"));
    }
    let saved_ok = match &saved {
        Some(Ok(path)) => {
            saved_hint(context, path, &args.output);
            true
        }
        Some(Err(error)) => {
            say(context, &format!("error: the result could not be saved ({})", reason(error)));
            false
        }
        None => true,
    };
    if written.is_ok() && saved_ok {
        if let Err(error) = progress.store.clear() {
            warn(&format!("warning: {error:#}"));
        }
        return Ok(());
    }
    let to_do = match (written.is_ok(), saved_ok) {
        (true, _) => "save the result",
        (false, true) => "write the report",
        (false, false) => "save the result and write the report",
    };
    let width = context.stderr.width.saturating_sub("error: ".len());
    let resume = resume_command(context.program(), session.about.as_ref());
    if progress.catch_up(&kept) {
        anyhow::bail!(with_commands(
            &format!(
                "Your {} are kept in the unfinished assessment. To {to_do}, run:",
                counted(kept.progress())
            ),
            &[&resume],
            width
        ));
    }
    let why = progress.failing.clone().unwrap_or_default();
    if let Some(Ok(path)) = &saved {
        let report = format!(
            "{} report {} --output FILE",
            context.program(),
            crate::shell::quote(&path.to_string_lossy())
        );
        anyhow::bail!(with_commands(
            &format!(
                "The unfinished assessment could not be kept ({why}), but the result is saved \
                 with your answers. To write the report, run:"
            ),
            &[&report],
            width
        ));
    }
    if !print_answers(&kept) {
        anyhow::bail!(
            "your {} could not be kept on disk ({why}), nor printed",
            counted(kept.progress())
        );
    }
    anyhow::bail!(with_commands(
        &format!(
            "Your {} could not be kept on disk ({why}). They are printed {} as an answers \
             file: keep it in a file, and once there is room, to {to_do}, run:",
            counted(kept.progress()),
            printed_where(context)
        ),
        &[&answers_command(context.program(), &kept)],
        width
    ))
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use clap::Parser as _;

    use super::*;
    use crate::cli::{Cli, Command};
    use crate::context::Clock;

    /// 2026-11-26T13:20:05Z.
    const WHEN: u64 = 1_795_699_205;

    fn assess_args(words: &[&str]) -> AssessArgs {
        let line = ["itlead", "assess"].into_iter().chain(words.iter().copied());
        match Cli::try_parse_from(line).unwrap().command {
            Command::Assess(args) => args,
            other => panic!("not assess: {other:?}"),
        }
    }

    #[test]
    fn a_new_session_takes_its_seed_and_start_from_the_context() {
        let context = Context::quiet(Clock::Fixed(UNIX_EPOCH + Duration::from_secs(WHEN)), 7);
        let first = request(&context, &assess_args(&["--quick"]), Selection::Quick).unwrap();
        assert_eq!(first.seed, 7);
        assert_eq!(first.now, "2026-11-26T13:20:05Z");
        let other = Context::quiet(Clock::Fixed(UNIX_EPOCH + Duration::from_secs(WHEN + 61)), 8);
        let second = request(&other, &assess_args(&["--quick"]), Selection::Quick).unwrap();
        assert_eq!((second.seed, second.now.as_str()), (8, "2026-11-26T13:21:06Z"));
    }

    #[test]
    fn a_result_from_an_answers_file_is_stamped_by_the_context_clock() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report.json");
        let answers = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/answers/full.yaml");
        let args =
            assess_args(&["--answers", answers, "--no-save", "--output", out.to_str().unwrap()]);
        let context = Context::quiet(Clock::Fixed(UNIX_EPOCH + Duration::from_secs(WHEN)), 7);
        run(&context, &args).unwrap();
        let report: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
        assert_eq!(report["created"], "2026-11-26T13:20:05Z");
    }
}
