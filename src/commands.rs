//! One function per subcommand: the IO shell around the pure core.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Context, Result};

use crate::assess::{self, Outcome, Selection};
use crate::cli::{
    AssessArgs, CheckArgs, Cli, Command, CompletionsArgs, ExplainArgs, ExplainFormat, ListArgs,
    ListFormat, QuestionsArgs, ReportArgs, TemplateFormat,
};
use crate::content::{self, Content};
use crate::error::{DataError, Interrupted, usage};
use crate::export::{RenderContext, exporter};
use crate::input::read_text;
use crate::interrupt::{self, SavedCount};
use crate::output::{OutputArgs, emit, warn, write_stdout};
use crate::prompt::{PlainPrompter, Prompter, TerminalPrompter};
use crate::render::Layout;
use crate::render::{check as check_render, explain as explain_render, list as list_render};
use crate::result::ResultDocument;
use crate::score::{self, Answers};
use crate::session::{Found, Session, SessionStore};
use crate::{answers, library, paths, resolve, terminal};

/// Runs the subcommand of `cli`.
pub fn dispatch(cli: Cli) -> Result<()> {
    let content_path = cli.content.as_deref();
    match cli.command {
        Command::Assess(args) => assess_command(content_path, &args, cli.color),
        Command::Explain(args) => explain(content_path, &args),
        Command::List(args) => list(content_path, &args),
        Command::Questions(args) => questions(content_path, &args),
        Command::Check(args) => check(content_path, &args),
        Command::Report(args) => report(content_path, &args),
        Command::Compare(args) => crate::team::compare_command(&args, layout()),
        Command::History(args) => crate::team::history_command(&args, layout()),
        Command::Team(args) => crate::team::team_command(&args, layout()),
        Command::Completions(args) => completions(content_path, &args),
        Command::Man => man(),
    }
}

/// The layout for text on stdout.
pub fn layout() -> Layout {
    Layout { width: terminal::width(), ascii: terminal::ascii_only() }
}

fn json_bytes<T: serde::Serialize>(value: &T) -> Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value).context("cannot serialise to JSON")?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn explain(content_path: Option<&Path>, args: &ExplainArgs) -> Result<()> {
    let content = library::load_for(content_path, library::Need::Axes)?;
    let axes: Vec<&content::model::Axis> = match &args.query {
        Some(query) => vec![resolve::resolve(&content, query)?],
        None => content.axes.iter().collect(),
    };
    let layout = layout();
    let bytes = match args.format {
        ExplainFormat::Json => {
            let explained: Vec<_> =
                axes.iter().map(|axis| explain_render::explained(&content, axis)).collect();
            if args.query.is_some() { json_bytes(&explained[0])? } else { json_bytes(&explained)? }
        }
        ExplainFormat::Markdown => axes
            .iter()
            .map(|axis| explain_render::markdown(&content, axis))
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
        ExplainFormat::Text => {
            let rule = if layout.ascii { "-" } else { "─" };
            let separator = format!("\n{}\n\n", rule.repeat(layout.width.min(60)));
            axes.iter()
                .map(|axis| explain_render::text(&content, axis, layout))
                .collect::<Vec<_>>()
                .join(&separator)
                .into_bytes()
        }
    };
    write_stdout(&bytes)
}

fn list(content_path: Option<&Path>, args: &ListArgs) -> Result<()> {
    let content = library::load_for(content_path, library::Need::Axes)?;
    let bytes = match args.format {
        ListFormat::Json => json_bytes(&list_render::rows(&content))?,
        ListFormat::Text => list_render::text(&content, layout()).into_bytes(),
    };
    write_stdout(&bytes)
}

fn questions(content_path: Option<&Path>, args: &QuestionsArgs) -> Result<()> {
    let content = library::load(content_path)?;
    let text = match args.format {
        TemplateFormat::Yaml => answers::template_yaml(&content),
        TemplateFormat::Json => answers::template_json(&content),
    };
    emit(&args.output, text.as_bytes())
}

fn check(content_path: Option<&Path>, args: &CheckArgs) -> Result<()> {
    let path = args.file.as_deref().or(content_path);
    let (name, parsed) = match path {
        None => (library::BUILT_IN.to_owned(), Ok(library::built_in())),
        Some(path) => {
            let input = read_text(path)?;
            let parsed = content::parse(&input.name, &input.text);
            (input.name, parsed)
        }
    };
    match (parsed, args.format) {
        (Ok(content), ListFormat::Text) => write_stdout(
            check_render::text(&check_render::summary(&name, &content), layout()).as_bytes(),
        ),
        (Ok(content), ListFormat::Json) => {
            write_stdout(&json_bytes(&check_render::summary(&name, &content))?)
        }
        (Err(error), ListFormat::Text) => Err(error.into()),
        (Err(error), ListFormat::Json) => {
            write_stdout(&json_bytes(&check_render::Problems::new(&name, &error.diagnostics))?)?;
            // The problems are on stdout; stderr only says that there are some.
            let count = error.diagnostics.len();
            Err(DataError::one(crate::content::diagnostic::Diagnostic::whole_file(
                &name,
                format!("{count} problem(s), listed in the JSON on standard output"),
            ))
            .into())
        }
    }
}

fn report(content_path: Option<&Path>, args: &ReportArgs) -> Result<()> {
    let input = read_text(&args.file)?;
    let result = ResultDocument::parse(&input.name, &input.text)?;
    let content = library::load_for(content_path, library::Need::Axes)?;
    render_result(&result, Some(&content), args.format, &args.output)
}

/// Renders `result` in `format` to `output`. `content` adds strengths and
/// watch-outs when it knows every axis of the result.
pub fn render_result(
    result: &ResultDocument,
    content: Option<&Content>,
    format: crate::cli::ReportFormat,
    output: &OutputArgs,
) -> Result<()> {
    let matching =
        content.filter(|content| result.axes.iter().all(|axis| content.axis(&axis.id).is_some()));
    let context = RenderContext { content: matching, layout: layout() };
    let bytes = exporter(format).export(result, &context)?;
    emit(output, &bytes)
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
        let id = resolve::resolve(content, query)?.id.clone();
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(usage("--axes needs at least one contrast id; `itlead list` shows them"));
    }
    Ok(Selection::Axes(ids))
}

fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}

fn assess_command(
    content_path: Option<&Path>,
    args: &AssessArgs,
    colour: terminal::ColorChoice,
) -> Result<()> {
    let content = library::load(content_path)?;
    let selection = selection(&content, args)?;
    // Refuse a bad --output before asking anything, not after ten minutes of answers.
    crate::output::check_target(&args.output)?;
    let answers = match &args.answers {
        Some(path) => {
            let asked = assess::select(&content, &selection);
            let input = read_text(path)?;
            answers::parse(&input.name, &input.text, &content, &asked, args.partial)?
        }
        None => match interactive(&content, &selection, args, colour)? {
            Some(answers) => answers,
            None => return Ok(()),
        },
    };
    finish(&content, answers, selection.mode(), args)
}

fn finish(content: &Content, answers: Answers, mode: &str, args: &AssessArgs) -> Result<()> {
    let profile = score::score(content, &answers);
    let result = ResultDocument::new(content, answers, profile, mode, now());
    let saved = (!args.no_save).then(|| save_result(&result));
    render_result(&result, Some(content), args.format, &args.output)?;
    if let Some(message) = saved {
        warn(&message);
    }
    Ok(())
}

/// Saves `result` under the data directory and returns the line to show
/// after the report; a failure is a warning, since the report is still printed.
fn save_result(result: &ResultDocument) -> String {
    let saved = paths::results_dir().and_then(|directory| {
        std::fs::create_dir_all(&directory)
            .with_context(|| format!("cannot create {}", directory.display()))?;
        let stem = result.created.replace(':', "-");
        let mut path = directory.join(format!("{stem}.json"));
        let mut counter = 1;
        while path.exists() {
            counter += 1;
            path = directory.join(format!("{stem}-{counter}.json"));
        }
        let bytes = serde_json::to_vec_pretty(result).context("cannot serialise the result")?;
        crate::output::write_atomically(&path, &bytes)?;
        Ok(path)
    });
    match saved {
        Ok(path) => format!("Result saved to {}", path.display()),
        Err(error) => format!("warning: the result was not saved: {error:#}"),
    }
}

/// Runs the interactive flow; `None` when the user declined to start.
fn interactive(
    content: &Content,
    selection: &Selection,
    args: &AssessArgs,
    colour: terminal::ColorChoice,
) -> Result<Option<Answers>> {
    if !std::io::stdin().is_terminal() {
        return Err(usage(
            "itlead assess asks questions and needs a terminal, but standard input is not one.\n\
             To answer from a file: itlead questions > answers.yaml, fill it in, then\n\
             itlead assess --answers answers.yaml",
        ));
    }
    let width = terminal::prompt_width();
    let plain = args.plain || terminal::is_dumb_terminal() || !std::io::stderr().is_terminal();
    // Prompts go to stderr: their colour follows stderr, the report's stdout.
    let report_colour = colored::control::SHOULD_COLORIZE.should_colorize() && !plain;
    let prompt_colour =
        !plain && terminal::use_color(colour, &terminal::Environment::detect_for_stderr());
    terminal::apply_color(prompt_colour);
    let mut prompter: Box<dyn Prompter> = if plain {
        Box::new(PlainPrompter::new(std::io::stdin().lock(), std::io::stderr(), width))
    } else {
        Box::new(TerminalPrompter::new(width, prompt_colour, terminal::ascii_only()))
    };
    let outcome = ask_all(content, selection, args, prompter.as_mut(), plain);
    drop(prompter);
    terminal::apply_color(report_colour);
    outcome
}

/// Opens or starts the session and asks its scenarios.
fn ask_all(
    content: &Content,
    selection: &Selection,
    args: &AssessArgs,
    prompter: &mut dyn Prompter,
    plain: bool,
) -> Result<Option<Answers>> {
    let store = SessionStore::new(paths::session_file()?);
    // Installed before the first question, so that Ctrl-C at "Continue?" or
    // "Ready to start?" also restores the terminal and says what is kept.
    let saved = SavedCount::default();
    interrupt::install(saved.clone());
    let Some(mut session) = open_session(content, selection, args, &store, prompter, &saved)?
    else {
        return Ok(None);
    };
    saved.set(session.progress());
    let mut save_failed = false;
    let mut save = |session: &Session| -> Result<()> {
        saved.set(session.progress());
        match store.save(session) {
            Err(error) if !save_failed => {
                warn(&format!("warning: progress cannot be saved ({error:#}); finish in one go"));
                save_failed = true;
            }
            _ => {}
        }
        Ok(())
    };
    save(&session)?;
    match assess::run(content, &mut session, prompter, &mut save)? {
        Outcome::Stopped(count) => Err(Interrupted(interrupt::stopped_message(count)).into()),
        Outcome::Finished(answers) => {
            if let Err(error) = store.clear() {
                warn(&format!("warning: {error:#}"));
            }
            if std::io::stdout().is_terminal() && !plain {
                let _ = console::Term::stderr().clear_screen();
            }
            Ok(Some(answers))
        }
    }
}

/// Finds or starts the session to run; `None` when the user quits at the question.
fn open_session(
    content: &Content,
    selection: &Selection,
    args: &AssessArgs,
    store: &SessionStore,
    prompter: &mut dyn Prompter,
    saved: &SavedCount,
) -> Result<Option<Session>> {
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
                "warning: the unfinished session could not be read ({reason}); it was moved to {}",
                path.display()
            ));
            None
        }
        Found::Session(session) => {
            saved.set(session.progress());
            Some(*session)
        }
    };
    let explicit_selection = args.quick || !args.axes.is_empty();
    if let Some(mut session) = existing {
        if explicit_selection && session.selection() != *selection {
            return Err(usage(format!(
                "an unfinished assessment asks other scenarios ({}); continue it with \
                 `itlead assess --resume`, or add --restart to discard it",
                describe(&session.selection())
            )));
        }
        let resume = if args.resume {
            true
        } else {
            let question = format!(
                "Continue your unfinished assessment ({} of {} answered, started {})?",
                session.progress(),
                session.order.len(),
                session.started.get(..10).unwrap_or(&session.started)
            );
            match prompter.confirm(&question, true)? {
                Some(answer) => answer,
                None => return Ok(None),
            }
        };
        if resume {
            let reconciled = session.reconcile(content);
            if reconciled.changed() {
                prompter.show(&changed_notice(&reconciled))?;
                if prompter.confirm("Continue?", true)? != Some(true) {
                    return Ok(None);
                }
            }
            return Ok(Some(session));
        }
    } else if args.resume {
        prompter.show("There is no unfinished assessment to resume; starting a new one.")?;
    }
    let seed = args.seed.unwrap_or_else(|| fastrand::u64(..));
    let asked = assess::select(content, selection);
    let order = assess::order(&asked, seed);
    prompter.show(&assess::intro(order.len()))?;
    prompter.show("")?;
    if prompter.confirm("Ready to start?", true)? != Some(true) {
        return Ok(None);
    }
    let mut session = Session::new(content, selection.mode(), seed, order, now());
    if let Selection::Axes(ids) = selection {
        session.axes.clone_from(ids);
    }
    Ok(Some(session))
}

/// A selection in words, for messages.
fn describe(selection: &Selection) -> String {
    match selection {
        Selection::Full => String::from("every scenario"),
        Selection::Quick => String::from("--quick"),
        Selection::Axes(ids) => format!("--axes {}", ids.join(",")),
    }
}

/// What resuming under a changed questionnaire means for the respondent.
fn changed_notice(reconciled: &crate::session::Reconciled) -> String {
    let mut notice = String::from("The questionnaire changed since this assessment started.");
    if !reconciled.dropped.is_empty() {
        notice.push_str(&format!(
            " {} answer(s) no longer match and will be asked again: {}.",
            reconciled.dropped.len(),
            reconciled.dropped.join(", ")
        ));
    }
    if !reconciled.added.is_empty() {
        notice.push_str(&format!(" {} new scenario(s) will be asked.", reconciled.added.len()));
    }
    notice
}

fn completions(content_path: Option<&Path>, args: &CompletionsArgs) -> Result<()> {
    use clap::CommandFactory;
    let content = library::load_for(content_path, library::Need::Axes)?;
    // Every name `explain` accepts, written with dashes for spaces (which it
    // accepts too), leaving out names with characters a shell would mangle.
    let mut names: Vec<String> = Vec::new();
    for name in content.axes.iter().flat_map(resolve::names) {
        let dashed = name.trim().to_lowercase().replace(' ', "-");
        let shell_safe = dashed.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if shell_safe && !names.contains(&dashed) {
            names.push(dashed);
        }
    }
    let mut command = Cli::command().mut_subcommand("explain", |explain| {
        explain.mut_arg("query", |arg| {
            arg.value_parser(clap::builder::PossibleValuesParser::new(names.clone()))
        })
    });
    let mut bytes = Vec::new();
    clap_complete::generate(args.shell, &mut command, "itlead", &mut bytes);
    if args.shell == clap_complete::Shell::Fish {
        // clap_complete's fish script leaves positional values out.
        bytes.extend_from_slice(
            format!(
                "complete -c itlead -n \"__fish_itlead_using_subcommand explain\" -f -a \"{}\"\n",
                names.join(" ")
            )
            .as_bytes(),
        );
    }
    write_stdout(&bytes)
}

fn man() -> Result<()> {
    let bytes = crate::manpage::render().context("cannot render the man page")?;
    write_stdout(&bytes)
}
