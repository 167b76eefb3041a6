//! Serde structs that mirror a content file exactly as written.
//!
//! Nothing here is trusted: ids may collide, weights may be out of range and
//! references may dangle. [`super::validate`] turns a [`RawContent`] into the
//! model the rest of itlead relies on. Unknown fields are rejected so that a
//! typo in a hand-written file never passes silently.

use serde::Deserialize;

use super::unique_map::UniqueMap;

/// The whole content file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContent {
    /// Format version of the file; only [`super::SCHEMA_VERSION`] is understood.
    pub schema: u32,
    /// Human title of the questionnaire.
    pub title: String,
    /// Version of this content, chosen by its author.
    pub version: String,
    /// How scenarios are answered: `most` or `most-and-least`. Schema 2
    /// requires it; schema 1 files are answered `most`.
    #[serde(default)]
    pub response: Option<String>,
    /// The articles the axes point to.
    #[serde(default)]
    pub sources: Vec<RawSource>,
    /// Groups of axes.
    #[serde(default)]
    pub themes: Vec<RawTheme>,
    /// The contrasts.
    #[serde(default)]
    pub axes: Vec<RawAxis>,
    /// The questions.
    #[serde(default)]
    pub scenarios: Vec<RawScenario>,
}

/// An article that axes cite.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Short key axes use to refer to it.
    pub key: String,
    /// Title of the article.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Author, when known.
    #[serde(default)]
    pub author: Option<String>,
    /// The earlier work it follows, when it follows one.
    #[serde(default)]
    pub after: Option<String>,
}

/// A group of related axes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTheme {
    /// Kebab-case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One line on what the theme covers.
    pub summary: String,
}

/// One contrast between a manager pole and a leader pole.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAxis {
    /// Kebab-case id.
    pub id: String,
    /// Id of the theme it belongs to.
    pub theme: String,
    /// The manager pole.
    pub manager: RawPole,
    /// The leader pole.
    pub leader: RawPole,
    /// Other words that find this axis.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// What the contrast is about.
    pub explanation: String,
    /// An example from IT work.
    pub in_it: String,
    /// What each pole does well.
    pub strengths: RawSides,
    /// What each pole tends to miss.
    pub watch_outs: RawSides,
    /// Ids of related axes.
    #[serde(default)]
    pub related: Vec<String>,
    /// Where the idea comes from.
    pub source: RawSourceRef,
    /// Practices for growing each side.
    #[serde(default)]
    pub next_steps: Option<RawNextStepSides>,
}

/// Next steps for both poles.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNextStepSides {
    /// For growing the manager side.
    pub manager: RawNextSteps,
    /// For growing the leader side.
    pub leader: RawNextSteps,
}

/// Next steps for one pole.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNextSteps {
    /// Concrete practices to try.
    pub practices: Vec<String>,
    /// A question to discuss with a manager or mentor.
    pub discuss: String,
}

/// One end of an axis.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPole {
    /// Display name, unique across the file.
    pub name: String,
    /// One line describing the pole.
    pub summary: String,
}

/// A list of phrases for each pole.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSides {
    /// Phrases for the manager pole.
    pub manager: Vec<String>,
    /// Phrases for the leader pole.
    pub leader: Vec<String>,
}

/// A pointer into the `sources` list.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSourceRef {
    /// Key of a source.
    pub key: String,
    /// The point of the article the axis comes from.
    pub point: String,
}

/// One question.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Kebab-case id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// `anyone`, `lead` or `manager`: who the situation assumes.
    #[serde(default)]
    pub role: Option<String>,
    /// The situation, in the second person.
    pub situation: String,
    /// The situation about someone else, with `{name}` for them.
    #[serde(default)]
    pub about: Option<String>,
    /// Whether the quick form asks it (schema 3). When no scenario says,
    /// the quick form is chosen from the design.
    #[serde(default)]
    pub quick: Option<bool>,
    /// The possible answers.
    pub options: Vec<RawOption>,
}

/// One possible answer to a scenario.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOption {
    /// Single lowercase letter.
    pub key: String,
    /// What the respondent would do.
    pub text: String,
    /// Axis id to weight; negative is toward the manager pole.
    pub weights: UniqueMap<i64>,
}
