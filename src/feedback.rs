//! Self against others, as pure functions: a person's own result and
//! colleagues' results about them become a [`FeedbackDocument`], per
//! contrast the self score, the others' mean and range, the gap and a
//! verdict.
//!
//! Anonymity is part of the computation, not of the display: no rater's
//! answers or scores are kept, a view by relation is given only where every
//! group shown (and what remains) has at least the floor of raters, so that
//! no one's scores can be worked out by subtraction.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::result::{Relation, ResultDocument, same_person};

/// The `schema` value of feedback documents.
pub const FEEDBACK_SCHEMA: &str = "itlead.feedback/1";
/// Fewest raters, by default, for any view of others' answers.
pub const MIN_RATERS: usize = 3;
/// Gaps smaller than this, in points, count as agreement.
pub const AGREE_WITHIN: f64 = 20.0;

/// The self-versus-others view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackDocument {
    /// Always [`FEEDBACK_SCHEMA`].
    pub schema: String,
    /// The itlead version that made it.
    pub itlead_version: String,
    /// The person the feedback is about.
    pub subject: String,
    /// The questionnaire.
    pub content: FeedbackContent,
    /// How many raters, by relation.
    pub raters: BTreeMap<Relation, usize>,
    /// The floor of raters used for every view; below 3 the answers may be
    /// recognisable.
    pub min_raters: usize,
    /// Whether a colleague's answers may be recognisable: the floor is
    /// below [`MIN_RATERS`].
    pub recognisable: bool,
    /// Per contrast, in content order.
    pub contrasts: Vec<ContrastFeedback>,
    /// The others' view by relation, where groups are large enough.
    pub groups: Vec<GroupFeedback>,
}

/// Which questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackContent {
    /// Title.
    pub title: String,
    /// Version.
    pub version: String,
}

/// One contrast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContrastFeedback {
    /// Axis id.
    pub id: String,
    /// Theme id.
    pub theme: String,
    /// Manager pole name.
    pub manager: String,
    /// Leader pole name.
    pub leader: String,
    /// The person's own score.
    #[serde(rename = "self")]
    pub own: Option<i32>,
    /// The others' scores.
    pub others: Others,
    /// Others' mean minus the self score, one decimal.
    pub gap: Option<f64>,
    /// What the gap means.
    pub verdict: Verdict,
}

/// Summary of the others' scores on a contrast.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Others {
    /// Raters with a score.
    pub n: usize,
    /// Mean, one decimal.
    pub mean: Option<f64>,
    /// Lowest.
    pub min: Option<i32>,
    /// Highest.
    pub max: Option<i32>,
}

/// The others' view from one relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFeedback {
    /// `peer`, `direct-report`, `manager`, `other`, or `others` for the
    /// smaller relations merged.
    pub relation: String,
    /// Raters in the group.
    pub raters: usize,
    /// Per contrast: the group's mean, one decimal.
    pub means: Vec<Option<f64>>,
}

/// What a gap means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Within [`AGREE_WITHIN`] points.
    Agree,
    /// Others place the person further toward the leader side.
    OthersSeeMoreLeader,
    /// Others place the person further toward the manager side.
    OthersSeeMoreManager,
    /// No self score or no others' scores.
    Unknown,
}

impl Verdict {
    /// The machine form.
    pub fn id(self) -> &'static str {
        match self {
            Verdict::Agree => "agree",
            Verdict::OthersSeeMoreLeader => "others-see-more-leader",
            Verdict::OthersSeeMoreManager => "others-see-more-manager",
            Verdict::Unknown => "unknown",
        }
    }

    /// The verdict of a gap.
    pub fn of(gap: Option<f64>) -> Verdict {
        match gap {
            None => Verdict::Unknown,
            Some(gap) if gap.abs() < AGREE_WITHIN => Verdict::Agree,
            Some(gap) if gap > 0.0 => Verdict::OthersSeeMoreLeader,
            Some(_) => Verdict::OthersSeeMoreManager,
        }
    }
}

/// Why a set of results cannot make one feedback view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The results do not belong together: what differs, in words.
    Mismatch(String),
    /// Fewer raters than the floor.
    TooFew {
        /// Raters given.
        have: usize,
        /// The floor.
        need: usize,
    },
}

/// The first 12 hex digits of a `sha256:` content hash.
fn short_hash(hash: &str) -> &str {
    let digits = hash.strip_prefix("sha256:").unwrap_or(hash);
    digits.get(..12).unwrap_or(digits)
}

fn tenths(value: f64) -> f64 {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

fn mean(values: &[i32]) -> Option<f64> {
    (!values.is_empty()).then(|| {
        tenths(values.iter().map(|&value| f64::from(value)).sum::<f64>() / values.len() as f64)
    })
}

/// The feedback view of `own` (the person's self-assessment, named
/// `own_name` in messages) against `others` (name and result of each
/// colleague's file). `floor` is the fewest raters any view may show.
pub fn feedback(
    own_name: &str,
    own: &ResultDocument,
    others: &[(String, ResultDocument)],
    floor: usize,
) -> Result<FeedbackDocument, Refusal> {
    if let Some(about) = &own.about {
        return Err(Refusal::Mismatch(format!(
            "{own_name} is answers about {} (as a {}), not a self-assessment; give your own result first",
            about.name,
            about.relation.id()
        )));
    }
    let mut subject: Option<&str> = None;
    for (name, other) in others {
        let Some(about) = &other.about else {
            return Err(Refusal::Mismatch(format!(
                "{name} is a self-assessment, not answers about someone else; feedback compares one \
                 self-assessment with colleagues' answers about that person"
            )));
        };
        match subject {
            None => subject = Some(&about.name),
            Some(first) if !same_person(first, &about.name) => {
                return Err(Refusal::Mismatch(format!(
                    "the results are about different people: {first} and {} ({name})",
                    about.name
                )));
            }
            Some(_) => {}
        }
        if other.content.hash != own.content.hash {
            let same_label = other.content.title == own.content.title
                && other.content.version == own.content.version;
            return Err(Refusal::Mismatch(if same_label {
                format!(
                    "{name} and {own_name} both name \"{}\" version {}, but the questionnaires \
                     differ (content {} against {}): one was edited without a new version; \
                     feedback needs one questionnaire",
                    own.content.title,
                    own.content.version,
                    short_hash(&other.content.hash),
                    short_hash(&own.content.hash)
                )
            } else {
                format!(
                    "{name} was made with \"{}\" version {}, but {own_name} with \"{}\" version {}; \
                     feedback needs one questionnaire",
                    other.content.title,
                    other.content.version,
                    own.content.title,
                    own.content.version
                )
            }));
        }
    }
    let subject = subject.unwrap_or("you").to_owned();
    if let Some(name) = &own.name
        && !others.is_empty()
        && !same_person(name, &subject)
    {
        return Err(Refusal::Mismatch(format!(
            "{own_name} is {name}'s self-assessment, but the colleagues' answers are about {subject}"
        )));
    }
    if others.len() < floor {
        return Err(Refusal::TooFew { have: others.len(), need: floor });
    }
    let mut raters: BTreeMap<Relation, usize> = BTreeMap::new();
    for (_, other) in others {
        if let Some(about) = &other.about {
            *raters.entry(about.relation).or_default() += 1;
        }
    }
    let contrasts = own
        .axes
        .iter()
        .map(|axis| {
            let scores: Vec<i32> = others
                .iter()
                .filter_map(|(_, other)| other.axis(&axis.id).and_then(|theirs| theirs.score))
                .collect();
            // Fewer scores than the floor on one contrast (some raters
            // skipped it) show nothing there, or they could be recognised.
            let count = scores.len();
            let scores = if count >= floor.max(1) { scores } else { Vec::new() };
            let others_mean = mean(&scores);
            let gap = others_mean.zip(axis.score).map(|(mean, own)| tenths(mean - f64::from(own)));
            ContrastFeedback {
                id: axis.id.clone(),
                theme: axis.theme.clone(),
                manager: axis.manager.clone(),
                leader: axis.leader.clone(),
                own: axis.score,
                others: Others {
                    n: count,
                    mean: others_mean,
                    min: scores.iter().copied().min(),
                    max: scores.iter().copied().max(),
                },
                gap,
                verdict: Verdict::of(gap),
            }
        })
        .collect();
    let groups = groups(own, others, &raters, floor);
    Ok(FeedbackDocument {
        schema: FEEDBACK_SCHEMA.to_owned(),
        itlead_version: env!("CARGO_PKG_VERSION").to_owned(),
        subject,
        content: FeedbackContent {
            title: own.content.title.clone(),
            version: own.content.version.clone(),
        },
        raters,
        min_raters: floor,
        recognisable: floor < MIN_RATERS,
        contrasts,
        groups,
    })
}

/// The view by relation: relations with at least `floor` raters each, and
/// the rest merged as `others` when they too reach the floor. When the rest
/// is non-empty but below the floor, no breakdown is given at all: the
/// overall mean minus the groups would reveal it.
fn groups(
    own: &ResultDocument,
    others: &[(String, ResultDocument)],
    raters: &BTreeMap<Relation, usize>,
    floor: usize,
) -> Vec<GroupFeedback> {
    let floor = floor.max(1);
    let large: Vec<Relation> = raters
        .iter()
        .filter(|(_, count)| **count >= floor)
        .map(|(relation, _)| *relation)
        .collect();
    let rest: usize = raters
        .iter()
        .filter(|(relation, _)| !large.contains(relation))
        .map(|(_, count)| count)
        .sum();
    if (rest > 0 && rest < floor) || large.len() + usize::from(rest > 0) < 2 {
        // One group would only repeat the overall view.
        return Vec::new();
    }
    let members = |wanted: &dyn Fn(Relation) -> bool| -> Vec<&ResultDocument> {
        others
            .iter()
            .filter(|(_, other)| other.about.as_ref().is_some_and(|about| wanted(about.relation)))
            .map(|(_, other)| other)
            .collect()
    };
    let means = |group: &[&ResultDocument]| -> Vec<Option<f64>> {
        own.axes
            .iter()
            .map(|axis| {
                let scores: Vec<i32> = group
                    .iter()
                    .filter_map(|other| other.axis(&axis.id).and_then(|theirs| theirs.score))
                    .collect();
                if scores.len() >= floor { mean(&scores) } else { None }
            })
            .collect()
    };
    let mut groups: Vec<GroupFeedback> = large
        .iter()
        .map(|relation| {
            let group = members(&|candidate| candidate == *relation);
            GroupFeedback {
                relation: relation.id().to_owned(),
                raters: group.len(),
                means: means(&group),
            }
        })
        .collect();
    if rest > 0 {
        let group = members(&|candidate| !large.contains(&candidate));
        groups.push(GroupFeedback {
            relation: String::from("others"),
            raters: group.len(),
            means: means(&group),
        });
    }
    groups
}
