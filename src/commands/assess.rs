//! `itlead assess`: from an answers file, or interactively.
//!
//! The end of an assessment is where answers could be lost, so the order
//! matters: the `--output` target is checked before the first question;
//! the session stays on disk until the result is saved and the report
//! written; if either fails, the report still reaches stdout and the
//! answers stay resumable.

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
use crate::error::{Interrupted, usage};
use crate::export::Format;
use crate::flow::resume::{Opened, Request, resume_command};
use crate::flow::session::Session;
use crate::flow::{self, Outcome, Prompter};
use crate::input::read_text;
use crate::library;
use crate::output::{OutputArgs, check_target, warn};
use crate::result::{Respondent, ResultDocument, Subject};
use crate::score;
use crate::store::{Found, SessionStore, save_result};
use crate::terminal::prompters::{PlainPrompter, TerminalPrompter};
use crate::terminal::signals::{self, SavedCount};

/// `itlead assess`.
pub fn run(context: &Context, args: &AssessArgs) -> Result<()> {
    let content = library::load(context.content_path())?;
    let selection = selection(&content, args)?;
    let format = format_for(args.format, &args.output, &Format::ALL, Format::Text)?;
    // Refuse a bad --output before asking anything, not after ten minutes of answers.
    check_target(&args.output)?;
    let name = args.name.as_deref().map(|name| checked_name(name, "--name")).transpose()?;
    let about = match (&args.about, args.relation) {
        (Some(about), Some(relation)) => {
            Some(Subject { name: checked_name(about, "--about")?, relation })
        }
        _ => None,
    };
    let request = Request {
        explicit_selection: args.quick || !args.axes.is_empty(),
        selection,
        resume: args.resume,
        name,
        about,
        seed: args.seed.unwrap_or_else(|| fastrand::u64(..)),
        now: now(),
    };
    match &args.answers {
        Some(path) => from_file(context, &content, args, &request, path, format),
        None => interactive(context, &content, args, &request, format),
    }
}

/// A name as given on the command line: trimmed, one line, not too long.
pub fn checked_name(name: &str, flag: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(usage(format!("{flag} needs a name")));
    }
    if crate::result::name_problem(name).is_some() {
        return Err(usage(format!(
            "{flag} takes a name of up to {} characters on one line, without control characters",
            crate::result::MAX_NAME
        )));
    }
    Ok(name.to_owned())
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
        let id = crate::resolve::resolve(content, query)?.id.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(usage("--axes needs at least one contrast id; `itlead list` shows them"));
    }
    Ok(Selection::Axes { axes: ids })
}

fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

fn from_file(
    context: &Context,
    content: &Content,
    args: &AssessArgs,
    request: &Request,
    path: &std::path::Path,
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
    let result = result(content, file.answers, &request.selection, respondent);
    let saved = if args.no_save { None } else { Some(save(context, &result)) };
    emit_document(
        context,
        &Report::new(&result, Some(content), Why::unasked(format)),
        format,
        &args.output,
    )?;
    match saved {
        Some(Ok(path)) => saved_hint(&path, &args.output),
        Some(Err(error)) => warn(&format!("warning: the result was not saved: {error:#}")),
        None => {}
    }
    Ok(())
}

fn result(
    content: &Content,
    answers: Answers,
    selection: &Selection,
    respondent: Respondent,
) -> ResultDocument {
    let profile = score::score(content, &answers);
    ResultDocument::new(content, answers, profile, selection.clone(), respondent, now())
}

fn save(context: &Context, result: &ResultDocument) -> Result<std::path::PathBuf> {
    save_result(&context.results_dir()?, result)
}

/// After "Result saved to …": how to see it again.
fn saved_hint(path: &std::path::Path, output: &OutputArgs) {
    let again = if output.is_stdout() {
        "; `itlead report latest` shows it again (add --output report.html for a page to share), \
         and `itlead explain CONTRAST` says more about any contrast"
    } else {
        "; `itlead report latest` shows it again, and `itlead explain CONTRAST` says more about \
         any contrast"
    };
    warn(&format!("Result saved to {}{again}.", path.display()));
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
    signals::install(saved.clone(), resume_command(request.about.as_ref()))
        .context("cannot watch for Ctrl-C")?;
    let prompt_style = context.stderr_style();
    let plain = args.plain || context.dumb;
    let mut prompter: Box<dyn Prompter> = if plain {
        Box::new(PlainPrompter::new(std::io::stdin().lock(), std::io::stderr(), prompt_style))
    } else {
        Box::new(TerminalPrompter::new(prompt_style))
    };
    let outcome = ask(content, args, request, &store, prompter.as_mut(), &saved);
    drop(prompter);
    let Some((session, answers)) = outcome? else { return Ok(()) };
    if context.stdout.terminal && !plain {
        let _ = console::Term::stderr().clear_screen();
    }
    let respondent = Respondent { name: session.name.clone(), about: session.about.clone() };
    // A resumed session keeps the scenarios it was started with.
    let result = result(content, answers, &session.selection, respondent);
    finish(context, content, args, &store, &session, &result, format)
}

/// Opens or starts the session and asks its scenarios; `None` when the
/// respondent declined to start.
fn ask(
    content: &Content,
    args: &AssessArgs,
    request: &Request,
    store: &SessionStore,
    prompter: &mut dyn Prompter,
    saved: &SavedCount,
) -> Result<Option<(Session, Answers)>> {
    let found = if args.restart {
        store.clear()?;
        Found::Nothing
    } else {
        store.load()?
    };
    let existing = match found {
        Found::Nothing => None,
        Found::SetAside(path, reason) => {
            warn(&format!(
                "warning: the unfinished assessment could not be read ({reason}); it was moved to {}",
                path.display()
            ));
            None
        }
        Found::Session(session) => {
            saved.set(session.progress());
            Some(*session)
        }
    };
    let mut session = match flow::resume::open(content, existing, request, prompter)? {
        Opened::Declined => return Ok(None),
        Opened::Session(session) => *session,
    };
    let mut save_failed = false;
    let mut save = |session: &Session| -> Result<()> {
        match store.save(session) {
            Ok(()) => saved.set(session.progress()),
            Err(error) if !save_failed => {
                warn(&format!("warning: progress cannot be saved ({error:#}); finish in one go"));
                save_failed = true;
            }
            Err(_) => {}
        }
        Ok(())
    };
    save(&session)?;
    match flow::run(content, &mut session, prompter, &mut save)? {
        Outcome::Stopped(_) => Err(Interrupted(signals::stopped_message(
            saved.get(),
            &resume_command(request.about.as_ref()),
        ))
        .into()),
        Outcome::Finished(answers) => Ok(Some((session, answers))),
    }
}

/// Saves the result, writes the report, and only then lets the session go.
fn finish(
    context: &Context,
    content: &Content,
    args: &AssessArgs,
    store: &SessionStore,
    session: &Session,
    result: &ResultDocument,
    format: Format,
) -> Result<()> {
    // Saved by an earlier run whose report could not be written: not again.
    let saved_before =
        session.saved.as_ref().map(std::path::PathBuf::from).filter(|path| path.is_file());
    let saved = match saved_before {
        _ if args.no_save => None,
        Some(path) => Some(Ok(path)),
        None => Some(save(context, result)),
    };
    let report = Report::new(result, Some(content), Why::unasked(format));
    let written = emit_document(context, &report, format, &args.output);
    if let (Err(error), false) = (&written, args.output.is_stdout()) {
        // The file could not be written: the report goes to stdout instead.
        emit_document(context, &report, format, &OutputArgs::default())?;
        warn(&format!("error: {error:#}"));
    }
    let saved_ok = match &saved {
        Some(Ok(path)) => {
            saved_hint(path, &args.output);
            true
        }
        Some(Err(error)) => {
            warn(&format!("warning: the result could not be saved: {error:#}"));
            false
        }
        None => true,
    };
    if written.is_ok() && saved_ok {
        if let Err(error) = store.clear() {
            warn(&format!("warning: {error:#}"));
        }
        Ok(())
    } else {
        if let Some(Ok(path)) = &saved {
            let mut kept = session.clone();
            kept.saved = Some(path.display().to_string());
            if let Err(error) = store.save(&kept) {
                warn(&format!("warning: {error:#}"));
            }
        }
        anyhow::bail!(
            "your answers are kept: run `{}` to {} again",
            resume_command(session.about.as_ref()),
            match (written.is_ok(), saved_ok) {
                (true, _) => "save the result",
                (false, true) => "write the report",
                (false, false) => "save the result and write the report",
            }
        )
    }
}
