//! The command line: flags, subcommands and their help. Parsing only: the
//! commands themselves live in `commands/`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use clap_complete::Shell;

use crate::documents::check::Checked;
use crate::documents::explain::{Explanation, Listing};
use crate::documents::history::History;
use crate::error::exit_codes_help;
use crate::export::{Document, Format, FormatParser};
use crate::output::OutputArgs;
use crate::result::Relation;
use crate::stats::StatsDocument;
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

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Answer the scenarios and see where you land (interactive, or from --answers).
    #[command(after_help = "Examples:\n  itlead assess\n  itlead assess --quick\n  \
itlead assess --answers me.yaml --format json --output results/me.json")]
    Assess(AssessArgs),
    /// Explain a contrast, by id, pole name or alias; no argument explains them all.
    #[command(
        after_help = "Examples:\n  itlead explain vision\n  itlead explain \"take risks\" --format json"
    )]
    Explain(ExplainArgs),
    /// List the contrasts: id, manager pole, leader pole, theme.
    #[command(after_help = "Examples:\n  itlead list\n  itlead list --format json")]
    List(ListArgs),
    /// Print a fill-in answers template for `assess --answers`.
    #[command(after_help = "Examples:\n  itlead questions > me.yaml\n  \
itlead questions --about \"Sam Lee\" --relation peer > sam.yaml")]
    Questions(QuestionsArgs),
    /// Validate a content file and analyse its design (default: the built-in content).
    #[command(after_help = "Examples:\n  itlead check\n  itlead check my.yaml --strict")]
    Check(CheckArgs),
    /// Show a saved result again, in any format.
    #[command(
        after_help = "Examples:\n  itlead report latest\n  itlead report 3 --contrast vision\n  \
itlead report result.json --output report.html"
    )]
    Report(ReportArgs),
    /// Show per-contrast movement between two saved results.
    #[command(
        after_help = "Examples:\n  itlead compare 1 latest\n  itlead compare old.json new.json --format markdown"
    )]
    Compare(CompareArgs),
    /// List the results saved on this machine.
    #[command(after_help = "Examples:\n  itlead history\n  itlead history --format json")]
    History(HistoryArgs),
    /// A team's distribution on each contrast, from result files or directories.
    #[command(
        after_help = "Examples:\n  itlead team results/\n  itlead team results/*.json --names --output team.html"
    )]
    Team(TeamArgs),
    /// Item analysis of a pilot: option shares, Cronbach's alpha, item-rest correlations.
    #[command(
        after_help = "Examples:\n  itlead stats pilot/\n  itlead stats pilot/ --content my.yaml --format csv"
    )]
    Stats(StatsArgs),
    /// How colleagues see you: your own result against their answers about you.
    #[command(after_help = "Examples:\n  itlead feedback latest feedback/\n  \
itlead feedback me.json peers/*.json --format html --output feedback.html")]
    Feedback(FeedbackArgs),
    /// Print shell completions.
    #[command(
        after_help = "Examples:\n  itlead completions bash > ~/.local/share/bash-completion/completions/itlead"
    )]
    Completions(CompletionsArgs),
    /// Print the man page.
    Man,
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
    #[arg(long, value_name = "ID,ID", value_delimiter = ',')]
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
    #[arg(long, value_parser = FormatParser(&Format::ALL))]
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

/// Formats of an answers template.
pub const TEMPLATE_FORMATS: &[Format] = &[Format::Yaml, Format::Json];

/// `itlead questions`.
#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Template format (default: from --output's extension, else yaml).
    #[arg(long, value_parser = FormatParser(TEMPLATE_FORMATS))]
    pub format: Option<Format>,
    /// A template for rating someone else: the name of the person rated.
    #[arg(long, value_name = "NAME", requires = "relation")]
    pub about: Option<String>,
    /// With --about: how the rater works with them.
    #[arg(long, value_enum, value_name = "RELATION", requires = "about")]
    pub relation: Option<Relation>,
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
    /// Output format.
    #[arg(long, default_value = "text", value_parser = FormatParser(Checked::FORMATS))]
    pub format: Format,
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
    #[arg(long, value_parser = FormatParser(&Format::ALL))]
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
    #[arg(long, value_parser = FormatParser(&Format::ALL))]
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
    #[arg(long, value_parser = FormatParser(&Format::ALL))]
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
    #[arg(long, value_name = "N", default_value_t = crate::feedback::MIN_RATERS, value_parser = clap::value_parser!(usize))]
    pub min_raters: usize,
    /// Output format (default: from --output's extension, else text).
    #[arg(long, value_parser = FormatParser(&Format::ALL))]
    pub format: Option<Format>,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}
