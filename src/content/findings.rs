//! What the design analysis ([`super::design`]) and the modelled
//! respondents (`respondents`) find: each [`Finding`] is a kind with its
//! figures and where it is, and is put in words here, once, by its
//! `Display`. `itlead check` shows those words, JSON and YAML carry them as
//! each finding's `message`, and `build.rs` prints them when the built-in
//! questionnaire misses a target. It lives in `content/` because the build
//! compiles it.

use std::fmt;

use serde::{Serialize, Serializer};

use super::timing::Estimate;
use super::wording::plural;

/// The full or the quick form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Every scenario.
    Full,
    /// The quick form.
    Quick,
}

impl Form {
    /// `full` or `quick`, as the findings say it.
    pub fn name(self) -> &'static str {
        match self {
            Form::Full => "full",
            Form::Quick => "quick",
        }
    }
}

/// A warning or a note: its kind, its figures, and the contrasts and
/// scenarios involved. Each carries the limit it is measured against.
#[derive(Debug, Clone, PartialEq)]
pub enum Finding {
    /// Random answering lands away from the middle of a contrast.
    RandomMean {
        /// Axis id.
        axis: String,
        /// The random respondent's mean score, in points.
        mean: f64,
        /// The largest mean allowed either way.
        limit: f64,
        /// Options pulling toward the leader pole.
        leader_options: usize,
        /// The leader pole's name.
        leader: String,
        /// Options pulling toward the manager pole.
        manager_options: usize,
        /// The manager pole's name.
        manager: String,
    },
    /// Many more options pull toward one pole than toward the other.
    UnevenOptions {
        /// Axis id.
        axis: String,
        /// The pole more options pull toward.
        more: String,
        /// How many pull toward it.
        most: usize,
        /// The other pole.
        fewer: String,
        /// How many pull toward it.
        least: usize,
        /// The largest ratio allowed, to 1.
        limit: f64,
    },
    /// Too few scored responses on a contrast in the full form.
    FewResponses {
        /// Axis id.
        axis: String,
        /// Scored responses.
        responses: usize,
        /// Fewest needed.
        needed: usize,
    },
    /// Too few scored responses on a contrast in the quick form.
    FewQuickResponses {
        /// Axis id.
        axis: String,
        /// Scored responses.
        responses: usize,
        /// Fewest needed for a leaning.
        needed: usize,
    },
    /// Two contrasts move together under random answering.
    Correlation {
        /// One axis id.
        a: String,
        /// The other.
        b: String,
        /// Pearson's r.
        r: f64,
        /// The largest correlation allowed either way.
        limit: f64,
        /// The scenarios that load on both.
        shared: Vec<String>,
    },
    /// A form takes too long.
    LongForm {
        /// Which form.
        form: Form,
        /// Its estimate.
        estimate: Estimate,
        /// The longest it may take, in minutes.
        limit: f64,
    },
    /// A scenario's options reach further toward one pole of a contrast
    /// than toward the other.
    LopsidedRange {
        /// Scenario id.
        scenario: String,
        /// Axis id.
        axis: String,
        /// The lowest weight of its options on the axis.
        low: i32,
        /// The highest.
        high: i32,
        /// Options without a weight on the axis.
        unweighted: usize,
    },
    /// More than half the scenarios need line-management authority.
    ManagersOnly {
        /// Those scenarios' ids.
        scenarios: Vec<String>,
        /// Scenarios in the content.
        total: usize,
    },
    /// Some scenarios say which role they assume, others do not.
    MissingRoles {
        /// The ids of those that do not.
        unspecified: Vec<String>,
        /// Scenarios in the content.
        total: usize,
    },
    /// Scenarios without an observer form.
    NoObserverForm {
        /// Their ids.
        scenarios: Vec<String>,
        /// Scenarios in the content.
        total: usize,
    },
    /// Scenarios with an option in the first or second person.
    PersonalOption {
        /// Their ids.
        scenarios: Vec<String>,
    },
    /// Contrasts without next steps.
    NoNextSteps {
        /// Their ids.
        axes: Vec<String>,
        /// Contrasts in the content.
        total: usize,
    },
    /// Modelled respondents: a contrast's retest correlation in the full
    /// form is too low.
    ModelledRetest {
        /// Axis id.
        axis: String,
        /// The retest correlation.
        retest: f64,
        /// The least allowed.
        limit: f64,
        /// The model's strength.
        beta: f64,
    },
    /// Modelled respondents: the median retest correlation of the full
    /// form is too low.
    ModelledMedianRetest {
        /// The median.
        median: f64,
        /// The least allowed.
        limit: f64,
        /// The model's strength.
        beta: f64,
    },
    /// Modelled respondents: the same side comes back too rarely in the
    /// full form.
    ModelledSameSide {
        /// Axis id.
        axis: String,
        /// The share shown the same side.
        share: f64,
        /// The least allowed.
        limit: f64,
    },
    /// Modelled respondents: too few clear positions are shown a leaning
    /// in the full form.
    ModelledSensitivity {
        /// Axis id.
        axis: String,
        /// The share shown a leaning their way.
        share: f64,
        /// The least allowed.
        limit: f64,
    },
    /// Modelled respondents: too many are shown the other side.
    ModelledWrongSide {
        /// Axis id.
        axis: String,
        /// Which form.
        form: Form,
        /// The share shown a band of the other side.
        share: f64,
        /// The most allowed.
        limit: f64,
    },
    /// Modelled respondents: too many answering twice are told they moved.
    ModelledMoved {
        /// Axis id.
        axis: String,
        /// Which form.
        form: Form,
        /// The share told they moved beyond noise.
        share: f64,
        /// The most allowed.
        limit: f64,
    },
    /// Modelled respondents: too many consistent ones are shown mixed.
    ModelledMixed {
        /// Axis id.
        axis: String,
        /// Which form.
        form: Form,
        /// The share shown mixed.
        share: f64,
        /// The most allowed.
        limit: f64,
    },
    /// Modelled respondents: two contrasts' scores correlate in the quick
    /// form, though their positions do not.
    ModelledCorrelation {
        /// One axis id.
        a: String,
        /// The other.
        b: String,
        /// Pearson's r.
        r: f64,
        /// The largest correlation allowed either way.
        limit: f64,
    },
}

/// Kinds of findings, as JSON names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// Random answering lands away from the middle.
    RandomMean,
    /// Two axes move together.
    Correlation,
    /// Many more options pull toward one pole than toward the other.
    UnevenOptions,
    /// Too few responses in the full form.
    FewResponses,
    /// Too few responses in the quick form.
    FewQuickResponses,
    /// The full form takes too long.
    LongFullForm,
    /// The quick form takes too long.
    LongQuickForm,
    /// Fewer than half the scenarios fit someone without line authority.
    ManagersOnly,
    /// A scenario's options reach further toward one pole of an axis than
    /// toward the other, so an option that does not weigh the axis still
    /// counts as pulling one way.
    LopsidedRange,
    /// Some scenarios say which role they assume, others do not.
    MissingRoles,
    /// No observer form: `assess --about` cannot use this content.
    NoObserverForm,
    /// An option speaks in the first or second person, which reads oddly
    /// about someone else.
    PersonalOption,
    /// No next steps for some axes.
    NoNextSteps,
    /// Modelled respondents: a contrast's retest correlation is too low.
    ModelledRetest,
    /// Modelled respondents: the median retest correlation is too low.
    ModelledMedianRetest,
    /// Modelled respondents: the same side comes back too rarely.
    ModelledSameSide,
    /// Modelled respondents: too few clear positions are shown a leaning.
    ModelledSensitivity,
    /// Modelled respondents: too many are shown the other side.
    ModelledWrongSide,
    /// Modelled respondents: too many consistent ones are shown mixed.
    ModelledMixed,
    /// Modelled respondents: too many answering twice are told they moved.
    ModelledMoved,
    /// Modelled respondents: two contrasts' scores correlate.
    ModelledCorrelation,
}

impl Finding {
    /// What kind.
    pub fn kind(&self) -> FindingKind {
        match self {
            Finding::RandomMean { .. } => FindingKind::RandomMean,
            Finding::UnevenOptions { .. } => FindingKind::UnevenOptions,
            Finding::FewResponses { .. } => FindingKind::FewResponses,
            Finding::FewQuickResponses { .. } => FindingKind::FewQuickResponses,
            Finding::Correlation { .. } => FindingKind::Correlation,
            Finding::LongForm { form: Form::Full, .. } => FindingKind::LongFullForm,
            Finding::LongForm { form: Form::Quick, .. } => FindingKind::LongQuickForm,
            Finding::LopsidedRange { .. } => FindingKind::LopsidedRange,
            Finding::ManagersOnly { .. } => FindingKind::ManagersOnly,
            Finding::MissingRoles { .. } => FindingKind::MissingRoles,
            Finding::NoObserverForm { .. } => FindingKind::NoObserverForm,
            Finding::PersonalOption { .. } => FindingKind::PersonalOption,
            Finding::NoNextSteps { .. } => FindingKind::NoNextSteps,
            Finding::ModelledRetest { .. } => FindingKind::ModelledRetest,
            Finding::ModelledMedianRetest { .. } => FindingKind::ModelledMedianRetest,
            Finding::ModelledSameSide { .. } => FindingKind::ModelledSameSide,
            Finding::ModelledSensitivity { .. } => FindingKind::ModelledSensitivity,
            Finding::ModelledWrongSide { .. } => FindingKind::ModelledWrongSide,
            Finding::ModelledMoved { .. } => FindingKind::ModelledMoved,
            Finding::ModelledMixed { .. } => FindingKind::ModelledMixed,
            Finding::ModelledCorrelation { .. } => FindingKind::ModelledCorrelation,
        }
    }

    /// The contrasts involved.
    pub fn axes(&self) -> Vec<&str> {
        match self {
            Finding::RandomMean { axis, .. }
            | Finding::UnevenOptions { axis, .. }
            | Finding::FewResponses { axis, .. }
            | Finding::FewQuickResponses { axis, .. }
            | Finding::LopsidedRange { axis, .. }
            | Finding::ModelledRetest { axis, .. }
            | Finding::ModelledSameSide { axis, .. }
            | Finding::ModelledSensitivity { axis, .. }
            | Finding::ModelledWrongSide { axis, .. }
            | Finding::ModelledMoved { axis, .. }
            | Finding::ModelledMixed { axis, .. } => vec![axis],
            Finding::Correlation { a, b, .. } | Finding::ModelledCorrelation { a, b, .. } => {
                vec![a, b]
            }
            Finding::NoNextSteps { axes, .. } => axes.iter().map(String::as_str).collect(),
            Finding::LongForm { .. }
            | Finding::ManagersOnly { .. }
            | Finding::MissingRoles { .. }
            | Finding::NoObserverForm { .. }
            | Finding::PersonalOption { .. }
            | Finding::ModelledMedianRetest { .. } => Vec::new(),
        }
    }

    /// The scenarios involved.
    pub fn scenarios(&self) -> Vec<&str> {
        match self {
            Finding::Correlation { shared: scenarios, .. }
            | Finding::ManagersOnly { scenarios, .. }
            | Finding::MissingRoles { unspecified: scenarios, .. }
            | Finding::NoObserverForm { scenarios, .. }
            | Finding::PersonalOption { scenarios } => {
                scenarios.iter().map(String::as_str).collect()
            }
            Finding::LopsidedRange { scenario, .. } => vec![scenario],
            Finding::RandomMean { .. }
            | Finding::UnevenOptions { .. }
            | Finding::FewResponses { .. }
            | Finding::FewQuickResponses { .. }
            | Finding::LongForm { .. }
            | Finding::NoNextSteps { .. }
            | Finding::ModelledRetest { .. }
            | Finding::ModelledMedianRetest { .. }
            | Finding::ModelledSameSide { .. }
            | Finding::ModelledSensitivity { .. }
            | Finding::ModelledWrongSide { .. }
            | Finding::ModelledMoved { .. }
            | Finding::ModelledMixed { .. }
            | Finding::ModelledCorrelation { .. } => Vec::new(),
        }
    }
}

/// A share as the modelled findings give it: `4.2%`.
fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::RandomMean {
                axis,
                mean,
                limit,
                leader_options,
                leader,
                manager_options,
                manager,
            } => write!(
                f,
                "{axis}: a respondent answering at random averages {mean:+.1} (limit ±{limit}); \
                 {} pull toward {leader} and {manager_options} toward {manager}",
                plural(*leader_options, "option", "options"),
            ),
            Finding::UnevenOptions { axis, more, most, fewer, least, limit } => write!(
                f,
                "{axis}: {} pull toward {more} and {least} toward {fewer} (at most {limit} to 1); \
                 someone who picks what sounds right has more ways to land on {more}",
                plural(*most, "option", "options"),
            ),
            Finding::FewResponses { axis, responses, needed } => write!(
                f,
                "{axis}: {responses} scored responses in the full form (at least {needed} needed)"
            ),
            Finding::FewQuickResponses { axis, responses, needed } => write!(
                f,
                "{axis}: {responses} scored responses in the quick form (at least {needed} \
                 needed for a leaning)"
            ),
            Finding::Correlation { a, b, r, limit, shared } => write!(
                f,
                "{a} and {b} correlate at {r:+.2} under random answering (limit ±{limit}); they \
                 share {}: {}",
                plural(shared.len(), "scenario", "scenarios"),
                shared.join(", ")
            ),
            Finding::LongForm { form, estimate, limit } => write!(
                f,
                "the {} form takes about {:.1} minutes ({} scenarios, {} words, {} decisions); \
                 the limit is {limit}",
                form.name(),
                estimate.minutes_tenths(),
                estimate.scenarios,
                estimate.words,
                estimate.decisions
            ),
            Finding::LopsidedRange { scenario, axis, low, high, unweighted } => write!(
                f,
                "{scenario}: the options reach {low:+} and {high:+} on {axis}, so {} toward the {} \
                 side; make the weights reach as far each way",
                match unweighted {
                    0 => String::from("an option between the two counts as a pull"),
                    1 => String::from("the option without a weight on it counts as a pull"),
                    count => format!("the {count} options without a weight on it count as a pull"),
                },
                if low + high > 0 { "manager" } else { "leader" }
            ),
            Finding::ManagersOnly { scenarios, total } => write!(
                f,
                "{} of {total} scenarios need line-management authority; at least half should \
                 fit someone without it",
                scenarios.len()
            ),
            Finding::MissingRoles { unspecified, total } => write!(
                f,
                "{} and {} not",
                match total - unspecified.len() {
                    1 => "1 scenario says which role it assumes".to_owned(),
                    n => format!("{n} scenarios say which role they assume"),
                },
                if unspecified.len() == 1 {
                    "1 does".to_owned()
                } else {
                    format!("{} do", unspecified.len())
                }
            ),
            Finding::NoObserverForm { scenarios, total } if scenarios.len() == *total => f
                .write_str(
                    "no scenario has an observer form (`about`), so `assess --about` cannot use \
                     this content",
                ),
            Finding::NoObserverForm { scenarios, .. } => write!(
                f,
                "{} no observer form (`about`); `assess --about` needs one for every \
                 scenario asked",
                if scenarios.len() == 1 {
                    "1 scenario has".to_owned()
                } else {
                    format!("{} scenarios have", scenarios.len())
                }
            ),
            Finding::PersonalOption { scenarios } => write!(
                f,
                "options of {} say I, me, my, you or your, which reads oddly about someone else",
                plural(scenarios.len(), "scenario", "scenarios")
            ),
            Finding::NoNextSteps { axes, total } if axes.len() == *total => {
                f.write_str("no contrast has next steps; the report leaves them out")
            }
            Finding::NoNextSteps { axes, .. } => write!(
                f,
                "{} no next steps; the report leaves them out there",
                match axes.len() {
                    1 => String::from("1 contrast has"),
                    count => format!("{count} contrasts have"),
                }
            ),
            Finding::ModelledRetest { axis, retest, limit, beta } => write!(
                f,
                "{axis}: the full form's modelled retest is {retest:.2} (at least {limit:.2}; \
                 beta {beta})"
            ),
            Finding::ModelledMedianRetest { median, limit, beta } => write!(
                f,
                "the full form's median modelled retest is {median:.2} (at least {limit:.2}; \
                 beta {beta})"
            ),
            Finding::ModelledSameSide { axis, share, limit } => write!(
                f,
                "{axis}: the full form shows the same side on a retest for {} of modelled people \
                 (at least {})",
                percent(*share),
                percent(*limit)
            ),
            Finding::ModelledSensitivity { axis, share, limit } => write!(
                f,
                "{axis}: the full form shows {} of modelled people beyond ±1 SD a leaning their \
                 way (at least {})",
                percent(*share),
                percent(*limit)
            ),
            Finding::ModelledWrongSide { axis, form, share, limit } => write!(
                f,
                "{axis}: the {} form shows {} of modelled people beyond ±0.5 SD a band of the \
                 other side (at most {})",
                form.name(),
                percent(*share),
                percent(*limit)
            ),
            Finding::ModelledMoved { axis, form, share, limit } => write!(
                f,
                "{axis}: in the {} form, {} of modelled people answering twice would be told \
                 they moved beyond noise (at most {})",
                form.name(),
                percent(*share),
                percent(*limit)
            ),
            Finding::ModelledMixed { axis, form, share, limit } => write!(
                f,
                "{axis}: the {} form shows {} of consistent modelled respondents as mixed (at \
                 most {})",
                form.name(),
                percent(*share),
                percent(*limit)
            ),
            Finding::ModelledCorrelation { a, b, r, limit } => write!(
                f,
                "{a} and {b} correlate at {r:+.2} in the quick form for modelled people whose \
                 positions do not (limit ±{limit})"
            ),
        }
    }
}

/// JSON and YAML carry a finding as its kind, its words, and the contrasts
/// and scenarios involved.
impl Serialize for Finding {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Record<'a> {
            kind: FindingKind,
            message: String,
            axes: Vec<&'a str>,
            scenarios: Vec<&'a str>,
        }
        Record {
            kind: self.kind(),
            message: self.to_string(),
            axes: self.axes(),
            scenarios: self.scenarios(),
        }
        .serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|&id| id.to_owned()).collect()
    }

    /// Each finding as JSON carries it: kind, message, axes, scenarios.
    fn record(finding: &Finding) -> serde_json::Value {
        serde_json::to_value(finding).unwrap()
    }

    #[test]
    fn design_findings_are_worded_with_their_figures() {
        let estimate = Estimate { scenarios: 12, words: 2400, decisions: 24, seconds: 1203.0 };
        let cases = [
            (
                Finding::RandomMean {
                    axis: "status-quo-change".into(),
                    mean: 13.54,
                    limit: 5.0,
                    leader_options: 9,
                    leader: "Change agent".into(),
                    manager_options: 5,
                    manager: "Status quo".into(),
                },
                "random-mean",
                "status-quo-change: a respondent answering at random averages +13.5 (limit ±5); 9 \
                 options pull toward Change agent and 5 toward Status quo",
            ),
            (
                Finding::UnevenOptions {
                    axis: "goals-vision".into(),
                    more: "Vision".into(),
                    most: 5,
                    fewer: "Goals".into(),
                    least: 3,
                    limit: 1.5,
                },
                "uneven-options",
                "goals-vision: 5 options pull toward Vision and 3 toward Goals (at most 1.5 to 1); \
                 someone who picks what sounds right has more ways to land on Vision",
            ),
            (
                Finding::FewResponses { axis: "vision".into(), responses: 4, needed: 6 },
                "few-responses",
                "vision: 4 scored responses in the full form (at least 6 needed)",
            ),
            (
                Finding::FewQuickResponses { axis: "vision".into(), responses: 2, needed: 3 },
                "few-quick-responses",
                "vision: 2 scored responses in the quick form (at least 3 needed for a leaning)",
            ),
            (
                Finding::Correlation {
                    a: "a".into(),
                    b: "b".into(),
                    r: -0.374,
                    limit: 0.25,
                    shared: ids(&["outage"]),
                },
                "correlation",
                "a and b correlate at -0.37 under random answering (limit ±0.25); they share 1 \
                 scenario: outage",
            ),
            (
                Finding::LongForm { form: Form::Quick, estimate, limit: 8.0 },
                "long-quick-form",
                "the quick form takes about 20.1 minutes (12 scenarios, 2400 words, 24 decisions); \
                 the limit is 8",
            ),
            (
                Finding::LongForm { form: Form::Full, estimate, limit: 20.0 },
                "long-full-form",
                "the full form takes about 20.1 minutes (12 scenarios, 2400 words, 24 decisions); \
                 the limit is 20",
            ),
            (
                Finding::LopsidedRange {
                    scenario: "outage".into(),
                    axis: "vision".into(),
                    low: -1,
                    high: 2,
                    unweighted: 2,
                },
                "lopsided-range",
                "outage: the options reach -1 and +2 on vision, so the 2 options without a weight \
                 on it count as a pull toward the manager side; make the weights reach as far each \
                 way",
            ),
            (
                Finding::ManagersOnly { scenarios: ids(&["outage", "budget"]), total: 3 },
                "managers-only",
                "2 of 3 scenarios need line-management authority; at least half should fit someone \
                 without it",
            ),
        ];
        for (finding, kind, message) in cases {
            assert_eq!(finding.to_string(), message);
            assert_eq!(record(&finding)["kind"], kind);
            assert_eq!(record(&finding)["message"], message);
        }
        let lopsided = |low, high, unweighted| {
            Finding::LopsidedRange { scenario: "s".into(), axis: "x".into(), low, high, unweighted }
                .to_string()
        };
        assert!(
            lopsided(-2, 1, 0)
                .contains("so an option between the two counts as a pull toward the leader side")
        );
        assert!(
            lopsided(-2, 1, 1).contains("so the option without a weight on it counts as a pull")
        );
    }

    #[test]
    fn notes_say_all_or_how_many() {
        let total = 3;
        let cases = [
            (
                Finding::MissingRoles { unspecified: ids(&["budget"]), total },
                "2 scenarios say which role they assume and 1 does not",
            ),
            (
                Finding::MissingRoles { unspecified: ids(&["a", "b"]), total },
                "1 scenario says which role it assumes and 2 do not",
            ),
            (
                Finding::NoObserverForm { scenarios: ids(&["a", "b", "c"]), total },
                "no scenario has an observer form (`about`), so `assess --about` cannot use this \
                 content",
            ),
            (
                Finding::NoObserverForm { scenarios: ids(&["a"]), total },
                "1 scenario has no observer form (`about`); `assess --about` needs one for every \
                 scenario asked",
            ),
            (
                Finding::PersonalOption { scenarios: ids(&["a", "b"]) },
                "options of 2 scenarios say I, me, my, you or your, which reads oddly about someone \
                 else",
            ),
            (
                Finding::NoNextSteps { axes: ids(&["x", "y"]), total: 2 },
                "no contrast has next steps; the report leaves them out",
            ),
            (
                Finding::NoNextSteps { axes: ids(&["x"]), total: 2 },
                "1 contrast has no next steps; the report leaves them out there",
            ),
            (
                Finding::NoNextSteps { axes: ids(&["x", "y"]), total: 5 },
                "2 contrasts have no next steps; the report leaves them out there",
            ),
        ];
        for (finding, message) in cases {
            assert_eq!(finding.to_string(), message);
        }
    }

    #[test]
    fn modelled_findings_carry_their_limits() {
        let axis = || String::from("vision");
        let cases = [
            (
                Finding::ModelledRetest { axis: axis(), retest: 0.612, limit: 0.65, beta: 0.5 },
                "vision: the full form's modelled retest is 0.61 (at least 0.65; beta 0.5)",
            ),
            (
                Finding::ModelledMedianRetest { median: 0.6, limit: 0.7, beta: 0.25 },
                "the full form's median modelled retest is 0.60 (at least 0.70; beta 0.25)",
            ),
            (
                Finding::ModelledSameSide { axis: axis(), share: 0.5123, limit: 0.6 },
                "vision: the full form shows the same side on a retest for 51.2% of modelled \
                 people (at least 60.0%)",
            ),
            (
                Finding::ModelledSensitivity { axis: axis(), share: 0.41, limit: 0.5 },
                "vision: the full form shows 41.0% of modelled people beyond ±1 SD a leaning their \
                 way (at least 50.0%)",
            ),
            (
                Finding::ModelledWrongSide {
                    axis: axis(),
                    form: Form::Quick,
                    share: 0.07,
                    limit: 0.05,
                },
                "vision: the quick form shows 7.0% of modelled people beyond ±0.5 SD a band of the \
                 other side (at most 5.0%)",
            ),
            (
                Finding::ModelledMoved {
                    axis: axis(),
                    form: Form::Full,
                    share: 0.061,
                    limit: 0.05,
                },
                "vision: in the full form, 6.1% of modelled people answering twice would be told \
                 they moved beyond noise (at most 5.0%)",
            ),
            (
                Finding::ModelledMixed {
                    axis: axis(),
                    form: Form::Quick,
                    share: 0.083,
                    limit: 0.05,
                },
                "vision: the quick form shows 8.3% of consistent modelled respondents as mixed (at \
                 most 5.0%)",
            ),
            (
                Finding::ModelledCorrelation { a: "a".into(), b: "b".into(), r: 0.31, limit: 0.25 },
                "a and b correlate at +0.31 in the quick form for modelled people whose positions \
                 do not (limit ±0.25)",
            ),
        ];
        for (finding, message) in cases {
            assert_eq!(finding.to_string(), message);
        }
    }

    #[test]
    fn json_names_the_contrasts_and_scenarios_involved() {
        let correlation = Finding::Correlation {
            a: "a".into(),
            b: "b".into(),
            r: 0.3,
            limit: 0.25,
            shared: ids(&["outage", "budget"]),
        };
        assert_eq!(record(&correlation)["axes"], serde_json::json!(["a", "b"]));
        assert_eq!(record(&correlation)["scenarios"], serde_json::json!(["outage", "budget"]));
        let lopsided = Finding::LopsidedRange {
            scenario: "outage".into(),
            axis: "vision".into(),
            low: -1,
            high: 2,
            unweighted: 0,
        };
        assert_eq!(record(&lopsided)["axes"], serde_json::json!(["vision"]));
        assert_eq!(record(&lopsided)["scenarios"], serde_json::json!(["outage"]));
        let steps = Finding::NoNextSteps { axes: ids(&["x"]), total: 2 };
        assert_eq!(record(&steps)["axes"], serde_json::json!(["x"]));
        assert_eq!(record(&steps)["scenarios"], serde_json::json!([]));
        assert_eq!(
            serde_json::to_string(&steps).unwrap(),
            r#"{"kind":"no-next-steps","message":"1 contrast has no next steps; the report leaves them out there","axes":["x"],"scenarios":[]}"#,
            "the fields in this order"
        );
    }
}
