//! An invitation to a 360° round, as pure data: the three files whoever
//! runs the round sends to the colleagues of one relation, named after the
//! person rated and the relation so that invitations for several relations
//! can share a folder:
//!
//! - `questions-about-sam-lee-peer.html`: the answer form, for a browser;
//! - `answers-about-sam-lee-peer.yaml`: the same questions as a template,
//!   for a text editor;
//! - `message-about-sam-lee-peer.txt`: a short message to send with them.

use crate::analysis::feedback::MIN_RATERS;
use crate::answer_file::template_yaml;
use crate::answer_form::{answers_file_name, form, slug};
use crate::content::model::{Content, Scenario};
use crate::content::timing::estimate;
use crate::content::wording::{Plan, first_name, plural};
use crate::result::{Relation, Subject};

/// One file of an invitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationFile {
    /// Its name, without a directory.
    pub name: String,
    /// What it holds.
    pub text: String,
}

/// The three files inviting colleagues of `about.relation` to answer
/// `scenarios` of `content` about `about.name`.
pub fn invitation(
    content: &Content,
    scenarios: &[&Scenario],
    about: &Subject,
) -> Vec<InvitationFile> {
    let stem = format!("about-{}-{}", slug(&about.name), about.relation.id());
    let form_name = format!("questions-{stem}.html");
    let template_name = format!("answers-{stem}.yaml");
    vec![
        InvitationFile { name: form_name.clone(), text: form(content, scenarios, Some(about)) },
        InvitationFile {
            name: template_name.clone(),
            text: template_yaml(content, scenarios, Some(about)),
        },
        InvitationFile {
            name: format!("message-{stem}.txt"),
            text: message(content, scenarios, about, &form_name, &template_name),
        },
    ]
}

/// How the message names the rater's place: "as Sam's peer".
fn as_relation(relation: Relation, name: &str) -> String {
    match relation {
        Relation::Peer => format!("as {name}'s peer"),
        Relation::DirectReport => format!("as someone who reports to {name}"),
        Relation::Manager => format!("as {name}'s manager"),
        Relation::Other => format!("as someone who works with {name}"),
    }
}

/// The message to send with the form and the template, in the voice of
/// whoever runs the round.
pub fn message(
    content: &Content,
    scenarios: &[&Scenario],
    about: &Subject,
    form_name: &str,
    template_name: &str,
) -> String {
    let name = first_name(&about.name);
    let minutes = estimate(content, scenarios, false).minutes();
    let plan = Plan::of(content, scenarios, minutes, false);
    let items = match (plan.scenarios, plan.pairs) {
        (_, 0) => plural(plan.scenarios, "short IT scenario", "short IT scenarios"),
        (0, _) => plural(plan.pairs, "quick choice", "quick choices"),
        _ => format!(
            "{} and {}",
            plural(plan.scenarios, "short IT scenario", "short IT scenarios"),
            plural(plan.pairs, "quick choice", "quick choices")
        ),
    };
    let saved = answers_file_name(Some(about));
    format!(
        "Subject: How does {name} work? A few questions, about {minutes} minutes\n\
         \n\
         Hello,\n\
         \n\
         I am collecting colleagues' views of how {full} works, to set beside {name}'s own \
         answers to the same questions (itlead: where someone stands between the manager and \
         the leader side of a few contrasts in IT work). I am asking you {relation}.\n\
         \n\
         It takes about {minutes} minutes: {items}, and for each you pick what you think {name} \
         would {likely} do. There are no wrong answers: every option is something a good \
         professional might do, and neither side is the better one. Answer from what you have \
         seen {name} do.\n\
         \n\
         Answer in one of two ways:\n\
         - open the attached {form_name} in any browser (it works offline and sends nothing \
         anywhere), answer, and press \"Save my answers\": it saves {saved};\n\
         - or fill in the attached {template_name} with a text editor.\n\
         \n\
         Then send the saved file back to me, not to {name}: reply to this message and attach \
         it (or paste the text the form shows). Your name is not recorded in it.\n\
         \n\
         {name} will see only what colleagues answered together: everyone's average, and a \
         relation's average only where at least {MIN_RATERS} colleagues of that relation \
         answered; never one person's answers. I will put the answers together once, after \
         everyone has answered.\n\
         \n\
         Thank you!\n",
        full = about.name,
        relation = as_relation(about.relation, name),
        likely = if plan.least { "most likely and least likely" } else { "most likely" },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invitation_is_three_files_named_for_the_person_and_relation() {
        let content = crate::questionnaire::built_in();
        let scenarios = crate::content::selection::select(
            &content,
            &crate::content::selection::Selection::Full,
        );
        let about = Subject { name: String::from("Sam Lee"), relation: Relation::Manager };
        let files = invitation(&content, &scenarios, &about);
        let names: Vec<&str> = files.iter().map(|file| file.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "questions-about-sam-lee-manager.html",
                "answers-about-sam-lee-manager.yaml",
                "message-about-sam-lee-manager.txt"
            ]
        );
        let message = &files[2].text;
        for says in [
            "as Sam's manager",
            "not to Sam",
            "questions-about-sam-lee-manager.html",
            "answers-about-sam-lee-manager.yaml",
            "answers-about-sam-lee-manager.json",
            "no wrong answers",
            "at least 3 colleagues",
        ] {
            assert!(message.contains(says), "{says}: {message}");
        }
    }
}
