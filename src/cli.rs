//! The command line: flags, subcommands and their help. Parsing only: the
//! commands themselves live in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

use crate::analysis::compare::CompareDocument;
use crate::analysis::stats::StatsDocument;
use crate::analysis::team::TeamDocument;
use crate::answer_file::TEMPLATE_FORMATS;
use crate::documents::check::Checked;
use crate::documents::explain::{Explanation, Listing};
use crate::documents::feedback::Feedback;
use crate::documents::history::History;
use crate::documents::report::Report;
use crate::edges::output::OutputArgs;
use crate::error::exit_codes_help;
use crate::export::{Document, Format, FormatParser};
use crate::result::Relation;
use crate::terminal::ColorChoice;

/// Where do you stand between the manager and the leader side of IT work?
#[derive(Debug, Parser)]
#[command(
    name = "itlead",
    version,
    about = "A self-assessment for people in IT: where you land between the manager and the leader side of thirteen contrasts",
    long_about = "A self-assessment for people in IT. Answer realistic IT scenarios and see where you land, \
contrast by contrast, between the manager and the leader side of thirteen contrasts (today/tomorrow, \
goals/vision, control risk/take risks, ...). Neither side is better: teams need both.",
    after_help = exit_codes_help(),
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// When to use colour.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
    /// Use this content file instead of the built-in questionnaire.
    #[arg(long, value_name = "FILE", env = "ITLEAD_CONTENT", global = true)]
    pub content: Option<PathBuf>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The shuffle seed the command line fixes: `assess --seed`.
    pub fn seed(&self) -> Option<u64> {
        match &self.command {
            Command::Assess(args) => args.seed,
            _ => None,
        }
    }
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the scenarios and see where you land (interactive, or from --answers).
    #[command(
        long_about = "Answer the scenarios and see where you land. In a terminal, each scenario asks \
which option you would most likely choose and which least likely (arrow keys and Enter; Back and \
Skip are in the list). Answers are saved after each one, so a stopped run can be resumed. With \
--answers the answers come from a file made with `itlead questions`, for scripts. The result is \
saved and shown as a report; `itlead report latest` shows it again.",
        after_help = "Examples:\n  itlead assess\n  itlead assess --quick\n  \
itlead assess --answers me.yaml --format json --output results/me.json"
    )]
    Assess(AssessArgs),
    /// Explain a contrast, by id, pole name or alias; no argument explains them all.
    #[command(
        long_about = "Explain a contrast: what each side means, how it shows in IT work, what each side \
brings and what to watch for. The contrast may be named by its id, either side's name, an alias, or \
a word from them; near misses get a suggestion. Without an argument, every contrast is explained.",
        after_help = "Examples:\n  itlead explain vision\n  itlead explain \"take risks\" --format json"
    )]
    Explain(ExplainArgs),
    /// List the contrasts: id, manager pole, leader pole, theme.
    #[command(after_help = "Examples:\n  itlead list\n  itlead list --format json")]
    List(ListArgs),
    /// Print a fill-in answers template for `assess --answers`, or a browser form.
    #[command(
        long_about = "Print a template listing every scenario and its options, to fill in with a text \
editor and score with `itlead assess --answers FILE`; with --format html, one self-contained page \
that asks them in any browser, offline, and saves the answers file. With --about and --relation the \
questions are about a colleague instead, for a 360-degree round (see `itlead feedback`); \
--invitation DIR writes the round's three files for one relation: the form, the YAML template and \
a message to send with them.",
        after_help = "Examples:\n  itlead questions > me.yaml\n  \
itlead questions --about \"Sam Lee\" --relation peer -o sam-peer.html\n  \
itlead questions --about \"Sam Lee\" --relation peer --invitation invite/"
    )]
    Questions(QuestionsArgs),
    /// Validate a content file and analyse its design (default: the built-in content).
    #[command(
        long_about = "Validate a content file, reporting every problem at its line and column, and \
analyse its design: how far random answering lands from the middle, how many responses each \
contrast gets, how contrasts correlate, and how long the full and quick forms take. Then it models \
respondents with known positions (the consistent-respondent model) and shows, per contrast, how \
well a score comes back on a retest, how often the same side comes back, and how often someone \
is shown the wrong side or mixed. With --strict, any design warning or missed target exits 3. \
An answers or result file is recognised and named as such.",
        after_help = "Examples:\n  itlead check\n  itlead check my.yaml --strict\n  \
itlead check --beta 0.8 --format json"
    )]
    Check(CheckArgs),
    /// Show a saved result again, in any format.
    #[command(
        long_about = "Show a result again: a file, or a saved result by its number in `itlead history` \
or `latest`. The report shows every contrast with its score and margin, the themes, the clearest \
leanings with what they bring and what the other side adds, and practices to try. --contrast adds \
the answers behind one score.",
        after_help = "Examples:\n  itlead report latest\n  itlead report 3 --contrast vision\n  \
itlead report result.json --output report.html"
    )]
    Report(ReportArgs),
    /// Show per-contrast movement between two saved results.
    #[command(
        long_about = "Compare two results of the same questionnaire: each contrast's earlier and later \
score, the change, and band changes. Contrasts only one result scores are listed as left out.",
        after_help = "Examples:\n  itlead compare 1 latest\n  itlead compare old.json new.json --format markdown"
    )]
    Compare(CompareArgs),
    /// List the results saved on this machine.
    #[command(after_help = "Examples:\n  itlead history\n  itlead history --format json")]
    History(HistoryArgs),
    /// A team's distribution on each contrast, from result files or directories.
    #[command(
        long_about = "Aggregate a team's results (files, or directories read recursively): per contrast \
the count, mean, median, range and spread, how many lean to each side, and where a team has only \
one side covered. Results answered about someone else are left out unless --include-observers.",
        after_help = "Examples:\n  itlead team results/\n  itlead team results/*.json --names --output team.html"
    )]
    Team(TeamArgs),
    /// Item analysis of a pilot: option shares, Cronbach's alpha, item-rest correlations.
    #[command(
        long_about = "Analyse a pilot's results for content authors: how often each option was chosen \
most and least likely, Cronbach's alpha per contrast, item-rest correlations, and flags for options \
nobody or everybody picks.",
        after_help = "Examples:\n  itlead stats pilot/\n  itlead stats pilot/ --content my.yaml --format csv"
    )]
    Stats(StatsArgs),
    /// How colleagues see you: your own result against their answers about you.
    #[command(
        long_about = "Compare your own result with colleagues' answers about you (made with `itlead \
assess --about` or a template from `itlead questions --about`): per contrast your score, their mean \
and range, the gap and whether views agree. Anonymous by default: fewer than three colleagues' \
results are refused, and no format lists anyone's individual answers.",
        after_help = "Examples:\n  itlead feedback latest feedback/\n  \
itlead feedback me.json peers/*.json --format html --output feedback.html"
    )]
    Feedback(FeedbackArgs),
    /// Print shell completions.
    #[command(
        after_help = "Examples:\n  itlead completions bash > ~/.local/share/bash-completion/completions/itlead"
    )]
    Completions(CompletionsArgs),
    /// Print a man page, or write them all to a directory.
    #[command(
        after_help = "Examples:\n  itlead man | man -l -\n  itlead man assess | man -l -\n  \
itlead man --dir ~/.local/share/man/man1 --force"
    )]
    Man(ManArgs),
}

/// `itlead assess`.
#[derive(Debug, Args, Default)]
pub struct AssessArgs {
    /// Read answers from FILE (YAML or JSON; `-` for stdin) instead of asking.
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
    /// With --answers: accept a file that leaves some scenarios out.
    #[arg(long, requires = "answers")]
    pub partial: bool,
    /// Ask a shorter set, a rough first look at every contrast.
    #[arg(long)]
    pub quick: bool,
    /// Ask only the scenarios on these contrasts (comma-separated ids).
    #[arg(long, visible_alias = "contrasts", value_name = "ID,ID", value_delimiter = ',')]
    pub axes: Vec<String>,
    /// Shuffle with this seed, for a reproducible order.
    #[arg(long, value_name = "N", conflicts_with = "answers")]
    pub seed: Option<u64>,
    /// Numbered options typed as numbers: for screen readers and simple terminals.
    #[arg(long, conflicts_with = "answers")]
    pub plain: bool,
    /// Continue the unfinished assessment without asking.
    #[arg(long, conflicts_with_all = ["restart", "answers"])]
    pub resume: bool,
    /// Discard the unfinished assessment and start again.
    #[arg(long, conflicts_with = "answers")]
    pub restart: bool,
    /// Do not save the result.
    #[arg(long)]
    pub no_save: bool,
    /// Your name, recorded in the result and shown in team views.
    #[arg(long, value_name = "NAME", conflicts_with = "about")]
    pub name: Option<String>,
    /// Answer about someone else: the name of the person you rate.
    #[arg(long, value_name = "NAME", requires = "relation")]
    pub about: Option<String>,
    /// With --about: how you work with them.
    #[arg(long, value_enum, value_name = "RELATION", requires = "about")]
    pub relation: Option<Relation>,
    /// Output format of the report (default: from --output's extension, else text).
    #[arg(long, value_parser = FormatParser(Report::FORMATS))]
    pub format: Option<Format>,
    /// Where to write the report.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A contrast: its id, a pole name, an alias, or a word from them.
    #[arg(value_name = "CONTRAST")]
    pub query: Option<String>,
    /// Explain every contrast.
    #[arg(long, conflicts_with = "query")]
    pub all: bool,
    /// Output format.
    #[arg(long, default_value = "text", value_parser = FormatParser(Explanation::FORMATS))]
    pub format: Format,
}

/// `itlead list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, default_value = "text", value_parser = FormatParser(Listing::FORMATS))]
    pub format: Format,
}

/// `itlead questions`.
#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Template format: yaml or json to fill in, html for a form that saves an answers file
    /// (default: from --output's extension, else yaml).
    #[arg(long, value_parser = FormatParser(TEMPLATE_FORMATS))]
    pub format: Option<Format>,
    /// A template for rating someone else: the name of the person rated.
    #[arg(long, value_name = "NAME", requires = "relation")]
    pub about: Option<String>,
    /// With --about: how the rater works with them.
    #[arg(long, value_enum, value_name = "RELATION", requires = "about")]
    pub relation: Option<Relation>,
    /// With --about: write an invitation into DIR (the form, the YAML template and a message
    /// to send with them) instead of one template.
    #[arg(long, value_name = "DIR", requires = "about", conflicts_with_all = ["format", "output"])]
    pub invitation: Option<PathBuf>,
    /// Where to write the template.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The content file to check (default: --content, or the built-in content).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Exit 3 when the design analysis has any warning.
    #[arg(long)]
    pub strict: bool,
    /// How strongly modelled respondents' positions show in their answers
    /// against the noise: 0.5 makes two scenarios on one contrast
    /// correlate about 0.2, as situational judgement items do.
    #[arg(long, value_name = "BETA", default_value_t = crate::respondents::DEFAULT_BETA, value_parser = beta)]
    pub beta: f64,
    /// Output format.
    #[arg(long, default_value = "text", value_parser = FormatParser(Checked::FORMATS))]
    pub format: Format,
}

/// A β for the respondent model: a finite number from 0 to 10.
fn beta(text: &str) -> Result<f64, String> {
    let value: f64 = text.trim().parse().map_err(|_| format!("`{text}` is not a number"))?;
    if value.is_finite() && (0.0..=10.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{text} is out of range; β is a number from 0 to 10"))
    }
}

/// `itlead report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A result file, or a saved result: `latest`, or a number from `itlead history`.
    #[arg(value_name = "RESULT")]
    pub result: PathBuf,
    /// Show the answers behind one contrast's score.
    #[arg(long, value_name = "CONTRAST")]
    pub contrast: Option<String>,
    /// Output format (default: from --output's extension, else text).
    #[arg(long, value_parser = FormatParser(Report::FORMATS))]
    pub format: Option<Format>,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier result: a file, `latest`, or a number from `itlead history`.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later result.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format (default: from --output's extension, else text).
    #[arg(long, value_parser = FormatParser(CompareDocument::FORMATS))]
    pub format: Option<Format>,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Output format.
    #[arg(long, default_value = "text", value_parser = FormatParser(History::FORMATS))]
    pub format: Format,
}

/// `itlead team`.
#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Result files or directories (read recursively).
    #[arg(value_name = "RESULT", required = true)]
    pub files: Vec<PathBuf>,
    /// Show who leans where, by the names in the results (file names otherwise).
    #[arg(long)]
    pub names: bool,
    /// Count results answered about someone else too.
    #[arg(long)]
    pub include_observers: bool,
    /// Output format (default: from --output's extension, else text).
    #[arg(long, value_parser = FormatParser(TeamDocument::FORMATS))]
    pub format: Option<Format>,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Result files or directories (read recursively).
    #[arg(value_name = "RESULT", required = true)]
    pub files: Vec<PathBuf>,
    /// Count results answered about someone else too.
    #[arg(long)]
    pub include_observers: bool,
    /// Output format (default: from --output's extension, else text).
    #[arg(long, value_parser = FormatParser(StatsDocument::FORMATS))]
    pub format: Option<Format>,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutputArgs,
}

// `--min-raters` defaults to the floor the anonymity rules set.
const _: () = assert!(crate::analysis::feedback::MIN_RATERS == 3);

/// `itlead feedback`.
#[derive(Debug, Args)]
pub struct FeedbackArgs {
    /// Your own result: a file, `latest`, or a number from `itlead history`.
    #[arg(value_name = "SELF")]
    pub own: PathBuf,
    /// Colleagues' results about you: files or directories (read recursively).
    #[arg(value_name = "OTHER", required = true)]
    pub others: Vec<PathBuf>,
    /// Fewest colleagues' results any view may show; below 3, answers may be recognisable.
    #[arg(long, value_name = "N", default_value_t = 3 /* MIN_RATERS */, value_parser = clap::value_parser!(u16).range(1..))]
    pub min_raters: u16,
    /// Output format (default: from --output's extension, else text).
    #[arg(long, value_parser = FormatParser(Feedback::FORMATS))]
    pub format: Option<Format>,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The subcommand whose page to print (default: the main page).
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
    /// Write every page (itlead.1, itlead-assess.1, …) into DIR instead.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
    /// With --dir: replace pages that are already there (after an upgrade).
    #[arg(long, requires = "dir")]
    pub force: bool,
}

/// `itlead completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Every `--format` offers the formats of the document its command
    /// writes, in their order, and no subcommand with `--format` is left out.
    #[test]
    fn each_format_flag_offers_the_formats_of_its_document() {
        let expected: [(&str, &[Format]); 11] = [
            ("assess", Report::FORMATS),
            ("explain", Explanation::FORMATS),
            ("list", Listing::FORMATS),
            ("questions", TEMPLATE_FORMATS),
            ("check", Checked::FORMATS),
            ("report", Report::FORMATS),
            ("compare", CompareDocument::FORMATS),
            ("history", History::FORMATS),
            ("team", TeamDocument::FORMATS),
            ("stats", StatsDocument::FORMATS),
            ("feedback", Feedback::FORMATS),
        ];
        let command = Cli::command();
        let with_format: Vec<&str> = command
            .get_subcommands()
            .filter(|sub| sub.get_arguments().any(|argument| argument.get_id() == "format"))
            .map(clap::Command::get_name)
            .collect();
        assert_eq!(with_format, expected.map(|(name, _)| name));
        for (name, formats) in expected {
            let sub = command.find_subcommand(name).unwrap();
            let argument = sub.get_arguments().find(|argument| argument.get_id() == "format");
            let offered: Vec<String> = argument
                .unwrap()
                .get_possible_values()
                .iter()
                .map(|value| value.get_name().to_owned())
                .collect();
            let ids: Vec<&str> = formats.iter().map(|format| format.id()).collect();
            assert_eq!(offered, ids, "itlead {name} --format");
        }
    }
}
