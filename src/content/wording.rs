//! The fixed sentences a respondent reads besides the scenarios: the
//! questions asked of every scenario and the introduction. They live with
//! the content because the time estimate counts their words too.

use super::model::Pick;

/// The question for `pick`, about the respondent or, with `subject`, about
/// the person they rate.
pub fn question(pick: Pick, subject: Option<&str>) -> String {
    let who = subject.unwrap_or("you");
    match pick {
        Pick::Most => format!("What would {who} most likely do?"),
        Pick::Least => format!("And which would {who} least likely do?"),
    }
}

/// The introduction before the first scenario: how many there are, how
/// long they take, and that neither side is the better one. `subject` is
/// the first name of the person rated, when answering about someone else.
pub fn intro(count: usize, minutes: u32, least: bool, subject: Option<&str>) -> String {
    let scenarios = if count == 1 { "scenario" } else { "scenarios" };
    let pick = if least {
        "pick the option you would most likely choose, then the one you would least likely choose"
    } else {
        "pick the option you would most likely choose"
    };
    match subject {
        None => format!(
            "You will read {count} short IT {scenarios} (about {minutes} minutes). For each, {pick}. \
             Every option is something a good professional might do; there are no wrong answers, and \
             neither side is better: teams need both managers and leaders.\n\n\
             Answer as you would really act, not as you think you should. You can skip a scenario, go \
             back, or stop at any time: every answer is saved as you go."
        ),
        Some(name) => format!(
            "You will read {count} short IT {scenarios} (about {minutes} minutes) about {name}. For each, \
             {}. Every option is something a good professional might do; there are no wrong answers, \
             and neither side is better.\n\n\
             Answer from what you have seen {name} do, not from what you would do. Your name is not \
             recorded. You can skip a scenario, go back, or stop at any time.",
            pick.replace("you would", &format!("{name} would"))
        ),
    }
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
        assert_eq!(question(Pick::Most, None), "What would you most likely do?");
        assert_eq!(question(Pick::Least, Some("Sam")), "And which would Sam least likely do?");
    }

    #[test]
    fn the_observer_intro_speaks_about_them() {
        let text = intro(12, 9, true, Some("Sam"));
        assert!(text.contains("about Sam"), "{text}");
        assert!(text.contains("Sam would most likely choose"), "{text}");
        assert!(!text.contains("option you would"), "{text}");
    }
}
