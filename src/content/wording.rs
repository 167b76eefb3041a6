//! The fixed sentences a respondent reads besides the scenarios: the
//! questions asked of every scenario and the introduction. They live with
//! the content because the time estimate counts their words too.

use super::model::{Content, Pick, Scenario};

/// The question for `pick`, about the respondent or, with `subject`, about
/// the person they rate. A choice between two options (`pair`) is asked
/// once, as which of the two is more likely.
pub fn question(pick: Pick, pair: bool, subject: Option<&str>) -> String {
    let who = subject.unwrap_or("you");
    match pick {
        Pick::Most if pair => format!("Which would {who} more likely do?"),
        Pick::Most => format!("What would {who} most likely do?"),
        Pick::Least => format!("And which would {who} least likely do?"),
    }
}

/// The questions `scenario` of `content` asks, in order.
pub fn questions(content: &Content, scenario: &Scenario, subject: Option<&str>) -> Vec<String> {
    content
        .picks(scenario)
        .iter()
        .map(|&pick| question(pick, scenario.is_pair(), subject))
        .collect()
}

/// What the least likely question shows above its options: the option
/// already chosen as most likely.
pub const MOST_LIKELY_LABEL: &str = "Most likely:";

/// The note above a scenario that assumes line-management authority, about
/// the respondent or, with `subject`, about the person they rate.
pub fn manager_note(subject: Option<&str>) -> String {
    match subject {
        None => String::from(
            "This one assumes you manage the team. If you never have, answer as you think you \
             would, or skip it.",
        ),
        Some(name) => format!(
            "This one assumes {name} manages the team. If {name} never has, answer as you think \
             {name} would, or skip it."
        ),
    }
}

/// What a run asks, as the introduction describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Scenarios with three or more options.
    pub scenarios: usize,
    /// Choices between two options.
    pub pairs: usize,
    /// Whether the scenarios ask for the least likely option too.
    pub least: bool,
    /// The estimated time, in whole minutes.
    pub minutes: u32,
    /// Whether it is the quick form, which says what it can tell.
    pub quick: bool,
}

impl Plan {
    /// The plan for asking `scenarios` of `content`, taking `minutes`, as
    /// the quick form or not.
    pub fn of(content: &Content, scenarios: &[&Scenario], minutes: u32, quick: bool) -> Plan {
        let pairs = scenarios.iter().filter(|scenario| scenario.is_pair()).count();
        Plan {
            scenarios: scenarios.len() - pairs,
            pairs,
            least: content.asks_least(scenarios),
            minutes,
            quick,
        }
    }
}

/// What a quick run can and cannot tell: said before it starts and on its
/// report.
pub const QUICK_NOTE: &str = "This is the quick form, a first look. It gives the themes and rough \
figures for each contrast: a contrast shows a side only where even these few answers show one, and \
a change between two quick runs is never called more than noise. For figures that hold on a \
retest, take the full questionnaire.";

/// The introduction before the first scenario: how many there are, how
/// long they take, and that neither side is the better one, and for the
/// quick form what it can tell. `subject` is the first name of the person
/// rated, when answering about someone else.
pub fn intro(plan: Plan, subject: Option<&str>) -> String {
    let Plan { scenarios, pairs, least, minutes, quick } = plan;
    let who = subject.unwrap_or("you");
    let what = match (scenarios, pairs) {
        (0, _) => plural(
            pairs,
            "short IT choice between two options",
            "short IT choices between two options",
        ),
        (_, 0) => format!(
            "{} {}",
            scenarios,
            if scenarios == 1 { "short IT scenario" } else { "short IT scenarios" }
        ),
        _ => format!(
            "{} and {}",
            plural(scenarios, "short IT scenario", "short IT scenarios"),
            plural(pairs, "quick choice between two options", "quick choices between two options")
        ),
    };
    let most = format!("pick the option {who} would most likely choose");
    let scenario_pick =
        if least { format!("{most}, then the one {who} would least likely choose") } else { most };
    let how = match (scenarios, pairs) {
        (0, _) => format!("For each, pick the one {who} would more likely do."),
        (_, 0) => format!("For each, {scenario_pick}."),
        _ => format!(
            "For each scenario, {scenario_pick}; for each quick choice, the one {who} would more \
             likely do."
        ),
    };
    let about = subject.map_or(String::new(), |name| format!(" about {name}"));
    let opening = format!("You will read {what} (about {minutes} minutes){about}. {how}");
    let text = match subject {
        None => format!(
            "{opening} Every option is something a good professional might do; there are no wrong \
             answers, and neither side is better: teams need both managers and leaders.\n\n\
             Answer as you would really act, not as you think you should. You can skip a scenario, go \
             back, or stop at any time: every answer is saved as you go."
        ),
        Some(name) => format!(
            "{opening} Every option is something a good professional might do; there are no wrong \
             answers, and neither side is better.\n\n\
             Answer from what you have seen {name} do, not from what you would do. Your name is not \
             recorded. You can skip a scenario, go back, or stop at any time."
        ),
    };
    if quick { format!("{text}\n\n{QUICK_NOTE}") } else { text }
}

/// Words in `text`, as the time estimate counts them.
pub fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The first word of a name: how the questions speak about the person
/// rated ("What would Sam most likely do?").
pub fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

/// `count` and the singular or plural noun: "1 scenario", "3 scenarios".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_name_the_person() {
        assert_eq!(question(Pick::Most, false, None), "What would you most likely do?");
        assert_eq!(
            question(Pick::Least, false, Some("Sam")),
            "And which would Sam least likely do?"
        );
        assert_eq!(question(Pick::Most, true, Some("Sam")), "Which would Sam more likely do?");
    }

    #[test]
    fn the_observer_intro_speaks_about_them() {
        let plan = Plan { scenarios: 12, pairs: 0, least: true, minutes: 9, quick: false };
        let text = intro(plan, Some("Sam"));
        assert!(text.contains("about Sam"), "{text}");
        assert!(text.contains("Sam would most likely choose"), "{text}");
        assert!(!text.contains("option you would"), "{text}");
        let manager = manager_note(Some("Sam"));
        assert!(manager.contains("as you think Sam would"), "{manager}");
    }

    #[test]
    fn the_intro_names_both_kinds_of_item() {
        let plan = Plan { scenarios: 10, pairs: 30, least: true, minutes: 19, quick: false };
        let text = intro(plan, None);
        assert!(
            text.starts_with(
                "You will read 10 short IT scenarios and 30 quick choices between two options \
                 (about 19 minutes). For each scenario, pick the option you would most likely \
                 choose, then the one you would least likely choose; for each quick choice, the \
                 one you would more likely do."
            ),
            "{text}"
        );
        let pairs_only =
            intro(Plan { scenarios: 0, pairs: 1, least: false, minutes: 1, quick: true }, None);
        assert!(pairs_only.starts_with("You will read 1 short IT choice between two options"));
        assert!(pairs_only.ends_with(QUICK_NOTE), "the quick form says what it can tell");
    }
}
