//! The validated content model the rest of itlead trusts.
//!
//! Every value here has passed [`super::validate`]: ids are unique and
//! well-formed, weights are in range, every reference resolves and every
//! axis can move both ways. The model is also what the build script
//! serialises into the binary, hence the serde derives.

use serde::{Deserialize, Serialize};

/// Weights lie in `-MAX_WEIGHT..=MAX_WEIGHT`.
pub const MAX_WEIGHT: i8 = 2;

/// A whole questionnaire: axes, themes, scenarios and their sources.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    /// Human title.
    pub title: String,
    /// Author-chosen version.
    pub version: String,
    /// `sha256:` digest of the file the content came from.
    pub hash: String,
    /// How each scenario is answered.
    pub response: ResponseFormat,
    /// Cited articles.
    pub sources: Vec<Source>,
    /// Groups of axes, in file order.
    pub themes: Vec<Theme>,
    /// The contrasts, in file order.
    pub axes: Vec<Axis>,
    /// The questions, in file order.
    pub scenarios: Vec<Scenario>,
}

/// How a scenario is answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResponseFormat {
    /// The option the respondent would most likely choose.
    Most,
    /// The most likely option, then the least likely among the others.
    MostAndLeast,
}

impl ResponseFormat {
    /// The machine form, as in files: `most`, `most-and-least`.
    pub fn id(self) -> &'static str {
        match self {
            ResponseFormat::Most => "most",
            ResponseFormat::MostAndLeast => "most-and-least",
        }
    }

    /// The form with this machine name.
    pub fn from_id(id: &str) -> Option<Self> {
        [ResponseFormat::Most, ResponseFormat::MostAndLeast]
            .into_iter()
            .find(|format| format.id() == id)
    }

    /// The picks a respondent makes in each scenario.
    pub fn picks(self) -> &'static [Pick] {
        match self {
            ResponseFormat::Most => &[Pick::Most],
            ResponseFormat::MostAndLeast => &[Pick::Most, Pick::Least],
        }
    }
}

/// One of the choices made in a scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pick {
    /// The option the respondent would most likely choose.
    Most,
    /// The option the respondent would least likely choose.
    Least,
}

impl Pick {
    /// +1 for the most likely option, −1 for the least likely: rejecting an
    /// option counts as a pull away from its side.
    pub fn sign(self) -> i32 {
        match self {
            Pick::Most => 1,
            Pick::Least => -1,
        }
    }

    /// `most` or `least`, as in answers files.
    pub fn as_str(self) -> &'static str {
        match self {
            Pick::Most => "most",
            Pick::Least => "least",
        }
    }
}

/// Who a scenario assumes the respondent is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Anyone in IT: no authority over others is needed.
    Anyone,
    /// A tech or project lead, who coordinates people without line authority.
    Lead,
    /// A line manager (hiring, budget, appraisals).
    Manager,
}

impl Role {
    /// Every role, in order.
    pub const ALL: [Role; 3] = [Role::Anyone, Role::Lead, Role::Manager];

    /// The machine form, as in files.
    pub fn id(self) -> &'static str {
        match self {
            Role::Anyone => "anyone",
            Role::Lead => "lead",
            Role::Manager => "manager",
        }
    }

    /// The role with this machine name.
    pub fn from_id(id: &str) -> Option<Self> {
        Role::ALL.into_iter().find(|role| role.id() == id)
    }

    /// Whether someone without line authority can answer as themselves.
    pub fn needs_authority(self) -> bool {
        self == Role::Manager
    }
}

/// A cited article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// Key axes use.
    pub key: String,
    /// Title.
    pub title: String,
    /// Publisher.
    pub publisher: String,
    /// Author, if named.
    pub author: Option<String>,
    /// Earlier work it follows.
    pub after: Option<String>,
}

/// A group of axes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    /// Kebab-case id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it covers.
    pub summary: String,
}

/// The two sides of an axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Negative scores.
    Manager,
    /// Positive scores.
    Leader,
}

impl Side {
    /// The other side.
    pub fn opposite(self) -> Side {
        match self {
            Side::Manager => Side::Leader,
            Side::Leader => Side::Manager,
        }
    }

    /// Lowercase name, as used in JSON and flags.
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Manager => "manager",
            Side::Leader => "leader",
        }
    }
}

/// A value for each side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sides<T> {
    /// Manager side.
    pub manager: T,
    /// Leader side.
    pub leader: T,
}

impl<T> Sides<T> {
    /// The value for `side`.
    pub fn get(&self, side: Side) -> &T {
        match side {
            Side::Manager => &self.manager,
            Side::Leader => &self.leader,
        }
    }
}

/// One end of an axis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pole {
    /// Display name.
    pub name: String,
    /// One line describing it.
    pub summary: String,
}

/// A manager ⟷ leader contrast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Axis {
    /// Kebab-case id.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Both poles.
    pub poles: Sides<Pole>,
    /// Other names.
    pub aliases: Vec<String>,
    /// What the contrast is about.
    pub explanation: String,
    /// An example from IT work.
    pub in_it: String,
    /// What each side does well.
    pub strengths: Sides<Vec<String>>,
    /// What each side tends to miss.
    pub watch_outs: Sides<Vec<String>>,
    /// Related axis ids.
    pub related: Vec<String>,
    /// Source key.
    pub source: String,
    /// The point of the source it comes from.
    pub source_point: String,
    /// Practices for growing each side, when the content has them.
    pub next_steps: Option<Sides<NextSteps>>,
}

/// What someone who wants more of one side could try.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextSteps {
    /// Two or three concrete practices.
    pub practices: Vec<String>,
    /// A question to discuss with a manager or mentor.
    pub discuss: String,
}

impl Axis {
    /// The pole on `side`.
    pub fn pole(&self, side: Side) -> &Pole {
        self.poles.get(side)
    }
}

/// A question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// Kebab-case id.
    pub id: String,
    /// Short title.
    pub title: String,
    /// Who the scenario assumes the respondent is, when the content says.
    pub role: Option<Role>,
    /// The situation, in the second person.
    pub situation: String,
    /// The same situation about someone else, with `{name}` where they are
    /// named; `None` when the content has no observer form.
    pub about: Option<String>,
    /// Whether the content puts it in the quick form.
    pub quick: bool,
    /// Possible answers, in file order.
    pub options: Vec<Choice>,
}

/// The placeholder for the person rated in observer situations.
pub const NAME_PLACEHOLDER: &str = "{name}";

impl Scenario {
    /// The option with `key`.
    pub fn option(&self, key: &str) -> Option<&Choice> {
        self.options.iter().find(|option| option.key == key)
    }

    /// Whether this is a choice between two options. Such a scenario is
    /// asked once, whatever the content's response format: after the most
    /// likely option, the least likely one would only repeat the answer.
    pub fn is_pair(&self) -> bool {
        self.options.len() == 2
    }

    /// The picks a respondent makes in this scenario when the content is
    /// answered with `response`: its picks, or the most likely option alone
    /// for a choice between two. Each pick is one scored response on every
    /// axis the scenario moves.
    pub fn picks(&self, response: ResponseFormat) -> &'static [Pick] {
        if self.is_pair() { ResponseFormat::Most.picks() } else { response.picks() }
    }

    /// Whether any option moves `axis`.
    pub fn loads_on(&self, axis: &str) -> bool {
        self.options.iter().any(|option| option.weight(axis) != 0)
    }

    /// Axis ids this scenario moves, in first-seen order.
    pub fn axes(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for option in &self.options {
            for (axis, _) in &option.weights {
                if !ids.contains(&axis.as_str()) {
                    ids.push(axis);
                }
            }
        }
        ids
    }

    /// Lowest and highest weight its options give `axis` (a missing weight is 0).
    pub fn range(&self, axis: &str) -> (i8, i8) {
        let weights = self.options.iter().map(|option| option.weight(axis));
        let low = weights.clone().min().unwrap_or(0);
        let high = weights.max().unwrap_or(0);
        (low, high)
    }

    /// Where `option` sits in this scenario's range on `axis`, doubled so it
    /// stays whole: `2·weight − low − high`, from `−span` (the most
    /// manager-side option) to `+span` (the most leader-side one), where
    /// `span = high − low`. Scoring and the design analysis both place
    /// answers with this one function.
    pub fn offset(&self, option: &Choice, axis: &str) -> i32 {
        let (low, high) = self.range(axis);
        place(option.weight(axis), low, high)
    }

    /// Every option's [`Scenario::offset`] on `axis`, in option order,
    /// with the range worked out once.
    pub fn offsets(&self, axis: &str) -> Vec<i32> {
        let (low, high) = self.range(axis);
        self.options.iter().map(|option| place(option.weight(axis), low, high)).collect()
    }

    /// `high − low` on `axis`: what one response can move, either way.
    pub fn span(&self, axis: &str) -> i32 {
        let (low, high) = self.range(axis);
        i32::from(high) - i32::from(low)
    }

    /// The situation as the respondent reads it: as it stands, or, about
    /// someone else, the observer form with their name filled in.
    pub fn situation_for(&self, subject: Option<&str>) -> Option<String> {
        match subject {
            None => Some(self.situation.clone()),
            Some(name) => self.about.as_ref().map(|about| about.replace(NAME_PLACEHOLDER, name)),
        }
    }

    /// A digest of everything a respondent sees or is scored on.
    pub fn fingerprint(&self) -> String {
        use sha2::{Digest, Sha256};
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let digest = Sha256::digest(&bytes);
        super::hex(&digest[..8])
    }
}

/// One possible answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Single lowercase letter.
    pub key: String,
    /// What the respondent would do.
    pub text: String,
    /// Axis id → weight, non-zero, in file order.
    pub weights: Vec<(String, i8)>,
}

impl Choice {
    /// Weight on `axis`, 0 when the option does not move it.
    pub fn weight(&self, axis: &str) -> i8 {
        self.weights.iter().find(|(id, _)| id == axis).map_or(0, |(_, weight)| *weight)
    }
}

/// `2·weight − low − high`: a weight's place in the range `low..=high`,
/// doubled ([`Scenario::offset`]).
fn place(weight: i8, low: i8, high: i8) -> i32 {
    2 * i32::from(weight) - i32::from(low) - i32::from(high)
}

impl Content {
    /// The axis with `id`.
    pub fn axis(&self, id: &str) -> Option<&Axis> {
        self.axes.iter().find(|axis| axis.id == id)
    }

    /// The scenario with `id`.
    pub fn scenario(&self, id: &str) -> Option<&Scenario> {
        self.scenarios.iter().find(|scenario| scenario.id == id)
    }

    /// The theme with `id`.
    pub fn theme(&self, id: &str) -> Option<&Theme> {
        self.themes.iter().find(|theme| theme.id == id)
    }

    /// The source with `key`.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|source| source.key == key)
    }

    /// The picks a respondent makes in `scenario` of this content.
    pub fn picks(&self, scenario: &Scenario) -> &'static [Pick] {
        scenario.picks(self.response)
    }

    /// Whether any scenario of `scenarios` asks for the least likely option.
    pub fn asks_least(&self, scenarios: &[&Scenario]) -> bool {
        scenarios.iter().any(|scenario| self.picks(scenario).contains(&Pick::Least))
    }

    /// Scenarios that move `axis`.
    pub fn scenarios_on<'a>(&'a self, axis: &'a str) -> impl Iterator<Item = &'a Scenario> + 'a {
        self.scenarios.iter().filter(move |scenario| scenario.loads_on(axis))
    }
}
