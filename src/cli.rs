//! The command line: flags, subcommands and their help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::error::exit_codes_help;
use crate::output::OutputArgs;
use crate::terminal::ColorChoice;

/// Where do you stand between the manager and the leader side of IT work?
#[derive(Debug, Parser)]
#[command(
    name = "itlead",
    version,
    about = "A self-assessment for people in IT: where you land between the manager and the leader side of thirteen contrasts",
    long_about = "A self-assessment for people in IT. Answer realistic IT scenarios and see where you land, \
axis by axis, between the manager and the leader side of thirteen contrasts (today/tomorrow, goals/vision, \
control risk/take risks, ...). Neither side is better: teams need both.",
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
    #[command(after_help = exit_codes_help())]
    Assess(AssessArgs),
    /// Explain a contrast, by id, pole name or alias; no argument lists them all.
    #[command(after_help = exit_codes_help())]
    Explain(ExplainArgs),
    /// List the contrasts: id, manager pole, leader pole, theme.
    List(ListArgs),
    /// Print a fill-in answers template for `assess --answers`.
    Questions(QuestionsArgs),
    /// Validate a content file (default: the built-in content).
    #[command(after_help = exit_codes_help())]
    Check(CheckArgs),
    /// Render a saved result again, in any format.
    Report(ReportArgs),
    /// Show per-axis movement between two saved results.
    Compare(CompareArgs),
    /// List saved results.
    History(HistoryArgs),
    /// Aggregate result files of a team: per-axis distribution and coverage.
    Team(TeamArgs),
    /// Print shell completions.
    Completions(CompletionsArgs),
    /// Print the man page.
    Man,
}

impl Command {
    /// Where the command writes its main output, for commands with `--output`.
    pub fn output(&self) -> Option<&OutputArgs> {
        match self {
            Command::Assess(args) => Some(&args.output),
            Command::Questions(args) => Some(&args.output),
            Command::Report(args) => Some(&args.output),
            Command::Compare(args) => Some(&args.output),
            Command::Team(args) => Some(&args.output),
            _ => None,
        }
    }
}

/// Output formats for a result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ReportFormat {
    /// Text for a terminal.
    #[default]
    Text,
    /// The result document as JSON.
    Json,
    /// The result document as YAML.
    Yaml,
    /// A report for a wiki or a pull request.
    Markdown,
    /// One row per axis.
    Csv,
    /// A self-contained page with an SVG chart.
    Html,
}

/// Output formats for `explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ExplainFormat {
    /// Text for a terminal.
    #[default]
    Text,
    /// JSON.
    Json,
    /// Markdown.
    Markdown,
}

/// Output formats for listings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ListFormat {
    /// Text for a terminal.
    #[default]
    Text,
    /// JSON.
    Json,
}

/// Formats of an answers template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum TemplateFormat {
    /// YAML, with the scenarios as comments.
    #[default]
    Yaml,
    /// JSON, with the scenarios as fields.
    Json,
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
    /// Ask a shorter set that still touches every contrast.
    #[arg(long)]
    pub quick: bool,
    /// Ask only the scenarios that load on these contrasts (comma-separated).
    #[arg(long, value_name = "ID,ID", value_delimiter = ',')]
    pub axes: Vec<String>,
    /// Shuffle with this seed, for a reproducible order.
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Numbered options typed as numbers: for screen readers and simple terminals.
    #[arg(long)]
    pub plain: bool,
    /// Continue the unfinished session without asking.
    #[arg(long, conflicts_with_all = ["restart", "answers"])]
    pub resume: bool,
    /// Discard the unfinished session and start again.
    #[arg(long, conflicts_with = "answers")]
    pub restart: bool,
    /// Do not save the result.
    #[arg(long)]
    pub no_save: bool,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// Where to write the report.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// An axis id, a pole name or an alias (a unique prefix will do).
    #[arg(value_name = "TRAIT")]
    pub query: Option<String>,
    /// Explain every contrast.
    #[arg(long, conflicts_with = "query")]
    pub all: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ExplainFormat,
}

/// `itlead list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// `itlead questions`.
#[derive(Debug, Args)]
pub struct QuestionsArgs {
    /// Template format.
    #[arg(long, value_enum, default_value_t)]
    pub format: TemplateFormat,
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
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// `itlead report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// A saved result (JSON or YAML).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The earlier result.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later result.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
    /// Where to write it.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `itlead history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

/// `itlead team`.
#[derive(Debug, Args)]
pub struct TeamArgs {
    /// Result files (a shell glob such as results/*.json).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Name people by their file names.
    #[arg(long)]
    pub names: bool,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
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
