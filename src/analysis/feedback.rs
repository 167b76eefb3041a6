//! Self against others, as pure functions: a person's own result and
//! colleagues' results about them become a [`FeedbackDocument`], per
//! contrast the self score and its margin, the others' mean and its
//! margin, the gap and a verdict.
//!
//! Anonymity is part of the computation, not of the display: no rater's
//! answers or scores are kept, and every figure is a figure of a group of
//! at least the floor of raters, chosen so that no combination of them
//! gives one rater's score:
//!
//! - the others' mean and its margin need `floor` scores on the contrast;
//! - the lowest and highest score need `floor + 2`, so that what they leave
//!   (with the mean and its margin) is itself a group of at least `floor`;
//! - relations are shown apart only where each group shown has `floor`
//!   raters, and, per contrast, only where the raters outside the groups
//!   shown there number none or at least `floor`: otherwise the overall
//!   mean minus the groups' means would give the rest by subtraction.
//!
//! The verdict follows the reliable-change rule of [`reliable_change`]: a
//! gap within the two margins is agreement.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::number::round;
use crate::result::{Relation, ResultDocument, same_person};
use crate::score::reliable_change;

/// The `schema` value of feedback documents.
pub const FEEDBACK_SCHEMA: &str = "itlead.feedback/1";
/// Fewest raters, by default, for any view of others' answers.
pub const MIN_RATERS: usize = 3;
/// The id of the group that merges the relations too small to be shown
/// apart.
pub const REST: &str = "rest";

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
    /// Per relation: whether it is shown apart, in the rest, or hidden,
    /// and how many more raters would show it apart.
    pub relations: Vec<RelationView>,
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
    /// The margin of the person's own score (its standard error), in
    /// points.
    pub self_margin: Option<i32>,
    /// The others' scores.
    pub others: Others,
    /// Others' mean minus the self score, one decimal.
    pub gap: Option<f64>,
    /// What the gap means.
    pub verdict: Verdict,
    /// Whether the view by relation is withheld on this contrast, because
    /// the raters outside the groups would number fewer than the floor.
    pub breakdown_withheld: bool,
}

/// Summary of the others' scores on a contrast.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Others {
    /// Raters with a score.
    pub n: usize,
    /// Mean, one decimal; shown from `min_raters` scores.
    pub mean: Option<f64>,
    /// The margin of the mean (its standard error), in whole points.
    pub margin: Option<i32>,
    /// Lowest; shown from `min_raters + 2` scores.
    pub min: Option<i32>,
    /// Highest; shown from `min_raters + 2` scores.
    pub max: Option<i32>,
}

/// The others' view from one relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFeedback {
    /// `peer`, `direct-report`, `manager`, `other`, or [`REST`] for the
    /// smaller relations merged.
    pub relation: String,
    /// Raters in the group.
    pub raters: usize,
    /// Per contrast: the group's mean, one decimal, or `None` where it is
    /// withheld.
    pub means: Vec<Option<f64>>,
}

/// How one relation appears in the view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationView {
    /// The relation.
    pub relation: Relation,
    /// Its raters.
    pub raters: usize,
    /// Whether it is shown apart, in the rest, or only in the overall view.
    pub shown: Shown,
    /// How many more raters of this relation would show it apart; `None`
    /// when it is shown apart, has a group's worth already, or more of it
    /// alone would not do.
    pub needed: Option<usize>,
}

/// Where a relation's raters count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shown {
    /// A group of its own.
    Apart,
    /// Merged with the other small relations into [`REST`].
    InRest,
    /// Only in the view of everyone together.
    Overall,
}

/// What a gap means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Within the margins: not a reliable difference.
    Agree,
    /// Others place the person further toward the leader side, beyond the
    /// margins.
    OthersSeeMoreLeader,
    /// Others place the person further toward the manager side, beyond the
    /// margins.
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

    /// The verdict of a gap between the others' mean and the self score,
    /// with the margin of each: a side only for a reliable change.
    pub fn of(gap: Option<f64>, self_margin: Option<i32>, others_margin: Option<i32>) -> Verdict {
        let Some(gap) = gap else {
            return Verdict::Unknown;
        };
        if !reliable_change(gap, self_margin.map(f64::from), others_margin.map(f64::from)) {
            Verdict::Agree
        } else if gap > 0.0 {
            Verdict::OthersSeeMoreLeader
        } else {
            Verdict::OthersSeeMoreManager
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

fn mean(values: &[i32]) -> Option<f64> {
    (!values.is_empty()).then(|| {
        round(values.iter().map(|&value| f64::from(value)).sum::<f64>() / values.len() as f64, 1)
    })
}

/// The margin of the mean of `scores`, whose raters' own margins are
/// `margins`: the square root of the larger of the scores' sample variance
/// and the mean of the squared margins, over the number of scores, in
/// whole points. The larger of the two, because a few raters who happen to
/// agree must not make a mean look more certain than each of them is.
pub fn mean_margin(scores: &[i32], margins: &[i32]) -> Option<i32> {
    let count = scores.len();
    if count == 0 {
        return None;
    }
    let variance = (count >= 2).then(|| {
        let mean = scores.iter().map(|&score| f64::from(score)).sum::<f64>() / count as f64;
        scores.iter().map(|&score| (f64::from(score) - mean).powi(2)).sum::<f64>()
            / (count - 1) as f64
    });
    let squared = (!margins.is_empty()).then(|| {
        margins.iter().map(|&margin| f64::from(margin).powi(2)).sum::<f64>() / margins.len() as f64
    });
    let spread = match (variance, squared) {
        (Some(a), Some(b)) => a.max(b),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    Some((spread / count as f64).sqrt().round() as i32)
}

/// A warning when `own` names nobody while the colleagues' answers are
/// about `subject`: it is taken as their self-assessment, but nothing in
/// the file says so.
pub fn unnamed_self(own_name: &str, own: &ResultDocument, subject: &str) -> Option<String> {
    own.name.is_none().then(|| {
        format!(
            "{own_name} has no name, so nothing says it is {subject}'s own self-assessment; it is \
             taken as such (`itlead assess --name \"{subject}\"` records the name)"
        )
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
    let floor = floor.max(1);
    let subject = check(own_name, own, others)?;
    if others.len() < floor {
        return Err(Refusal::TooFew { have: others.len(), need: floor });
    }
    let mut raters: BTreeMap<Relation, usize> = BTreeMap::new();
    for (_, other) in others {
        if let Some(about) = &other.about {
            *raters.entry(about.relation).or_default() += 1;
        }
    }
    let plan = plan(&raters, floor);
    let mut contrasts = Vec::new();
    let mut columns: Vec<Vec<Option<f64>>> = Vec::new();
    for axis in &own.axes {
        let scored: Vec<(Relation, i32, Option<i32>)> = others
            .iter()
            .filter_map(|(_, other)| {
                let theirs = other.axis(&axis.id)?;
                Some((other.about.as_ref()?.relation, theirs.score?, theirs.standard_error))
            })
            .collect();
        let count = scored.len();
        // Fewer scores than the floor on one contrast (some raters
        // skipped it) show nothing there, or they could be recognised.
        let shown = count >= floor;
        let scores: Vec<i32> = scored.iter().map(|(_, score, _)| *score).collect();
        let margins: Vec<i32> = scored.iter().filter_map(|(_, _, margin)| *margin).collect();
        let others_mean = if shown { mean(&scores) } else { None };
        let others_margin = if shown { mean_margin(&scores, &margins) } else { None };
        let range = count >= floor + 2;
        let gap = others_mean.zip(axis.score).map(|(mean, own)| round(mean - f64::from(own), 1));
        let (means, withheld) = match &plan {
            Some(plan) if shown => group_means(plan, &scored, floor),
            _ => (Vec::new(), false),
        };
        columns.push(means);
        contrasts.push(ContrastFeedback {
            id: axis.id.to_string(),
            theme: axis.theme.to_string(),
            manager: axis.manager.to_string(),
            leader: axis.leader.to_string(),
            own: axis.score,
            self_margin: axis.standard_error,
            others: Others {
                n: count,
                mean: others_mean,
                margin: others_margin,
                min: if range { scores.iter().copied().min() } else { None },
                max: if range { scores.iter().copied().max() } else { None },
            },
            gap,
            verdict: Verdict::of(gap, axis.standard_error, others_margin),
            breakdown_withheld: withheld,
        });
    }
    let groups = match &plan {
        Some(plan) => plan
            .groups
            .iter()
            .enumerate()
            .map(|(index, group)| GroupFeedback {
                relation: group.id(),
                raters: group.members.iter().map(|relation| raters[relation]).sum(),
                means: columns.iter().map(|means| means.get(index).copied().flatten()).collect(),
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(FeedbackDocument {
        schema: FEEDBACK_SCHEMA.to_owned(),
        itlead_version: env!("CARGO_PKG_VERSION").to_owned(),
        subject,
        content: FeedbackContent {
            title: own.content.title.clone(),
            version: own.content.version.clone(),
        },
        relations: relation_views(&raters, plan.as_ref(), floor),
        raters,
        min_raters: floor,
        recognisable: floor < MIN_RATERS,
        contrasts,
        groups,
    })
}

/// Checks that `own` is a self-assessment and `others` are answers about
/// one person, with the same questionnaire; returns that person.
fn check(
    own_name: &str,
    own: &ResultDocument,
    others: &[(String, ResultDocument)],
) -> Result<String, Refusal> {
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
    Ok(subject)
}

/// One group of the view by relation.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Group {
    /// The relations in it: one, or the small ones merged.
    members: Vec<Relation>,
    /// Whether it is the merged rest.
    rest: bool,
}

impl Group {
    fn id(&self) -> String {
        if self.rest { REST.to_owned() } else { self.members[0].id().to_owned() }
    }
}

/// The groups of the view by relation, when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Plan {
    groups: Vec<Group>,
}

/// The view by relation that the counts allow: relations with at least
/// `floor` raters each apart, and the rest merged when it too reaches the
/// floor. `None` when the rest is non-empty but below the floor (the
/// overall mean minus the groups would reveal it), or when there would be
/// one group only (it would repeat the overall view).
fn plan(raters: &BTreeMap<Relation, usize>, floor: usize) -> Option<Plan> {
    let apart: Vec<Relation> = raters
        .iter()
        .filter(|(_, count)| **count >= floor)
        .map(|(relation, _)| *relation)
        .collect();
    let rest: Vec<Relation> = raters
        .iter()
        .filter(|(relation, count)| **count > 0 && !apart.contains(relation))
        .map(|(relation, _)| *relation)
        .collect();
    let rest_count: usize = rest.iter().map(|relation| raters[relation]).sum();
    if (rest_count > 0 && rest_count < floor) || apart.len() + usize::from(rest_count > 0) < 2 {
        return None;
    }
    let mut groups: Vec<Group> =
        apart.iter().map(|relation| Group { members: vec![*relation], rest: false }).collect();
    if rest_count > 0 {
        groups.push(Group { members: rest, rest: true });
    }
    Some(Plan { groups })
}

/// Per group of `plan`, its mean on one contrast from `scored` (relation,
/// score, margin of each rater with a score), and whether the breakdown is
/// withheld there. A group with fewer than `floor` scores shows none; and
/// when the scores outside the groups shown number from 1 to `floor − 1`,
/// no group is shown: the overall mean minus the groups' means would give
/// those few by subtraction.
fn group_means(
    plan: &Plan,
    scored: &[(Relation, i32, Option<i32>)],
    floor: usize,
) -> (Vec<Option<f64>>, bool) {
    let members: Vec<Vec<i32>> = plan
        .groups
        .iter()
        .map(|group| {
            scored
                .iter()
                .filter(|(relation, _, _)| group.members.contains(relation))
                .map(|(_, score, _)| *score)
                .collect()
        })
        .collect();
    let outside = scored.len()
        - members.iter().filter(|scores| scores.len() >= floor).map(Vec::len).sum::<usize>();
    if outside > 0 && outside < floor {
        return (vec![None; plan.groups.len()], true);
    }
    let means: Vec<Option<f64>> = members
        .iter()
        .map(|scores| if scores.len() >= floor { mean(scores) } else { None })
        .collect();
    // One group alone would repeat the overall view: no breakdown there.
    let shown = means.iter().filter(|mean| mean.is_some()).count();
    if shown == 1 && outside == 0 {
        return (vec![None; plan.groups.len()], false);
    }
    (means, false)
}

/// How each relation appears, and how many more of its raters would show
/// it apart: found by trying up to `floor` more, since whether a group may
/// be shown depends on every relation's count; `None` when more of this
/// relation alone would not do (the other small ones would be left too
/// few).
fn relation_views(
    raters: &BTreeMap<Relation, usize>,
    plan: Option<&Plan>,
    floor: usize,
) -> Vec<RelationView> {
    let apart_in = |plan: Option<&Plan>, relation: Relation| {
        plan.is_some_and(|plan| {
            plan.groups.iter().any(|group| !group.rest && group.members == [relation])
        })
    };
    raters
        .iter()
        .map(|(&relation, &count)| {
            let group = plan.and_then(|plan| {
                plan.groups.iter().find(|group| group.members.contains(&relation))
            });
            let shown = match group {
                Some(group) if !group.rest => Shown::Apart,
                Some(_) => Shown::InRest,
                None => Shown::Overall,
            };
            let needed = if shown == Shown::Apart || count >= floor {
                None
            } else {
                (1..=floor).find(|more| {
                    let mut more_raters = raters.clone();
                    *more_raters.entry(relation).or_default() += more;
                    apart_in(self::plan(&more_raters, floor).as_ref(), relation)
                })
            };
            RelationView { relation, raters: count, shown, needed }
        })
        .collect()
}

/// When the view by relation is not shown because the raters outside the
/// relations large enough to stand apart are too few: how many more of
/// them it takes.
pub fn rest_needed(document: &FeedbackDocument) -> Option<usize> {
    let floor = document.min_raters;
    let rest: usize = document.raters.values().filter(|count| **count < floor).sum();
    (document.groups.is_empty() && rest > 0 && rest < floor).then(|| floor - rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(Relation, usize)]) -> BTreeMap<Relation, usize> {
        pairs.iter().copied().collect()
    }

    #[test]
    fn the_margin_of_a_mean_is_never_below_the_raters_own() {
        // Three raters who agree exactly: the spread is 0, so the raters'
        // own margins decide: sqrt(mean(12², 12², 12²) / 3) = 6.9.
        assert_eq!(mean_margin(&[20, 20, 20], &[12, 12, 12]), Some(7));
        // Raters far apart: the spread decides. Sample variance of
        // -60, 0, 60 is 3600; sqrt(3600 / 3) = 34.6.
        assert_eq!(mean_margin(&[-60, 0, 60], &[10, 10, 10]), Some(35));
        // One rater: only their own margin.
        assert_eq!(mean_margin(&[40], &[15]), Some(15));
        assert_eq!(mean_margin(&[40], &[]), None);
        assert_eq!(mean_margin(&[], &[]), None);
    }

    #[test]
    fn a_gap_within_the_margins_is_agreement() {
        // 1.96 × sqrt(10² + 10²) = 27.7
        assert_eq!(Verdict::of(Some(27.0), Some(10), Some(10)), Verdict::Agree);
        assert_eq!(Verdict::of(Some(28.0), Some(10), Some(10)), Verdict::OthersSeeMoreLeader);
        assert_eq!(Verdict::of(Some(-28.0), Some(10), Some(10)), Verdict::OthersSeeMoreManager);
        assert_eq!(Verdict::of(Some(90.0), None, Some(10)), Verdict::Agree, "no margin");
        assert_eq!(Verdict::of(None, Some(10), Some(10)), Verdict::Unknown);
    }

    #[test]
    fn relations_are_apart_only_with_a_large_enough_rest() {
        use Relation::*;
        let three_and_one = counts(&[(Peer, 3), (Manager, 1)]);
        assert_eq!(plan(&three_and_one, 3), None);
        let views = relation_views(&three_and_one, None, 3);
        assert_eq!(
            (views[0].relation, views[0].shown, views[0].needed),
            (Peer, Shown::Overall, None)
        );
        assert_eq!((views[1].relation, views[1].needed), (Manager, Some(2)));
        let merged = counts(&[(Peer, 3), (Manager, 1), (Other, 2)]);
        let plan = plan(&merged, 3).unwrap();
        assert_eq!(plan.groups.len(), 2);
        assert_eq!(plan.groups[1].members, [Manager, Other]);
        let views = relation_views(&merged, Some(&plan), 3);
        // Two more managers would leave the two others as a rest of two; a
        // third other would leave the manager alone: neither relation alone
        // can be shown apart with more of its own.
        assert_eq!(
            views.iter().map(|view| (view.shown, view.needed)).collect::<Vec<_>>(),
            [(Shown::Apart, None), (Shown::InRest, None), (Shown::InRest, None)]
        );
        let views = relation_views(&counts(&[(Peer, 3), (Manager, 2), (Other, 4)]), None, 3);
        assert_eq!(views[1].needed, Some(1), "three managers beside three peers and four others");
        // One relation alone would only repeat the overall view.
        assert_eq!(super::plan(&counts(&[(Peer, 5)]), 3), None);
    }

    #[test]
    fn a_rest_of_one_withholds_the_breakdown_on_that_contrast() {
        use Relation::*;
        let plan = plan(&counts(&[(Peer, 3), (Manager, 1), (Other, 2)]), 3).unwrap();
        // Everyone scored: both groups.
        let all = [
            (Peer, 10, None),
            (Peer, 20, None),
            (Peer, 30, None),
            (Manager, 90, None),
            (Other, 0, None),
            (Other, 0, None),
        ];
        let (means, withheld) = group_means(&plan, &all, 3);
        assert_eq!(means, [Some(20.0), Some(30.0)]);
        assert!(!withheld);
        // The two others skipped: the manager alone would be outside the
        // peers, so nothing by relation.
        let (means, withheld) = group_means(&plan, &all[..4], 3);
        assert_eq!(means, [None, None]);
        assert!(withheld);
    }
}
