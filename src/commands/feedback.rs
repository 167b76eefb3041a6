//! `itlead feedback SELF PATH...`: SELF and each PATH are results or
//! answers files (a folder of whatever came back from the round); answers
//! files are scored as `itlead assess --answers` scores them.

use std::path::Path;

use anyhow::Result;
use sha2::{Digest, Sha256};

use super::{emit_document, format_for, warn_all};
use crate::analysis::feedback::{MIN_RATERS, Refusal, feedback, unnamed_self};
use crate::answer_file;
use crate::cli::FeedbackArgs;
use crate::content::Content;
use crate::content::diagnostic::Diagnostic;
use crate::content::selection::{Selection, select};
use crate::context::Context;
use crate::documents::feedback::Feedback;
use crate::edges::store::expand;
use crate::error::{DataError, usage};
use crate::export::{Document, Format};
use crate::questionnaire;
use crate::result::{Respondent, ResultDocument};

/// `itlead feedback`.
pub fn run(context: &Context, args: &FeedbackArgs) -> Result<()> {
    let format = format_for(args.format, &args.output, Feedback::FORMATS, Format::Text)?;
    crate::edges::output::check_target(&args.output)?;
    let content = questionnaire::load(context.content_path())?;
    let own_path = super::saved::locate(context, &args.own)?;
    let own_name = own_path.display().to_string();
    let mut messages = Vec::new();
    let own = load(context, &own_path, &content, &mut messages)?;
    let (files, expanded) = expand(&args.others)?;
    messages.extend(expanded);
    let mut others: Vec<(String, ResultDocument)> = Vec::new();
    let mut seen: Vec<([u8; 32], String)> = Vec::new();
    for path in &files {
        if std::fs::canonicalize(path).ok() == std::fs::canonicalize(&own_path).ok() {
            messages.push(format!("{} is the self-assessment itself; left out", path.display()));
            continue;
        }
        let result = match load(context, path, &content, &mut messages) {
            Ok(result) => result,
            Err(error) => {
                messages.push(format!("{}; skipped", super::saved::one_line(&error)));
                continue;
            }
        };
        // The same answers twice (a form's file and the result scored from
        // it, or a copy) would count one colleague as two.
        let key = same_answers(&result);
        if let Some((_, first)) = seen.iter().find(|(seen, _)| *seen == key) {
            messages.push(format!(
                "{} holds the same answers as {first}; they count once",
                path.display()
            ));
            continue;
        }
        seen.push((key, path.display().to_string()));
        others.push((path.display().to_string(), result));
    }
    let document = match feedback(&own_name, &own, &others, usize::from(args.min_raters)) {
        Ok(document) => document,
        Err(Refusal::Mismatch(what)) => {
            warn_all(&messages);
            return Err(DataError::one(Diagnostic::whole_file("itlead feedback", what)).into());
        }
        Err(Refusal::TooFew { have, need }) => {
            warn_all(&messages);
            return Err(usage(format!(
                "feedback needs at least {need} colleagues' answers, so that no one's answers can \
                 be recognised; it has {have}{}",
                if need == MIN_RATERS { " (--min-raters lowers the floor)" } else { "" }
            )));
        }
    };
    if let Some(warning) = unnamed_self(&own_name, &own, &document.subject) {
        messages.push(warning);
    }
    warn_all(&messages);
    emit_document(context, &Feedback::new(&document, Some(&content)), format, &args.output)
}

/// A result file as it is, or an answers file scored against `content`
/// with the checks of `itlead assess --answers` (every scenario answered or
/// skipped), made now by `context`'s clock; what it drops (a rater's name)
/// is said in `messages`.
fn load(
    context: &Context,
    path: &Path,
    content: &Content,
    messages: &mut Vec<String>,
) -> Result<ResultDocument> {
    let input = crate::edges::input::read_text(path)?;
    if !answer_file::is_answers_file(&input.text) {
        return Ok(ResultDocument::parse(&input.name, &input.text)?);
    }
    let asked = select(content, &Selection::Full);
    let file = answer_file::parse(&input.name, &input.text, content, &asked, false)?;
    let (name, dropped) =
        answer_file::recorded_name(&input.name, None, file.name, file.about.as_ref())
            .map_err(anyhow::Error::msg)?;
    messages.extend(dropped);
    if crate::answer::chosen_count(&file.answers) == 0 {
        anyhow::bail!("{}: nothing is answered", input.name);
    }
    let profile = crate::score::score(content, &file.answers);
    Ok(ResultDocument::new(
        content,
        file.answers,
        profile,
        Selection::Full,
        Respondent { name, about: file.about },
        context.clock.stamp(),
    ))
}

/// What makes two files one colleague's answers: whom they are about, the
/// questionnaire, and every answer.
fn same_answers(result: &ResultDocument) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(result.content.hash.as_bytes());
    hash.update(serde_json::to_vec(&result.about).unwrap_or_default());
    hash.update(serde_json::to_vec(&result.answers).unwrap_or_default());
    hash.finalize().into()
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::*;
    use crate::context::Clock;

    #[test]
    fn an_answers_file_is_scored_now_by_the_context_clock() {
        let context =
            Context::quiet(Clock::Fixed(UNIX_EPOCH + Duration::from_secs(1_795_699_205)), 1);
        let content = questionnaire::built_in();
        let answers =
            Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/answers/full.yaml"));
        let mut messages = Vec::new();
        let result = load(&context, answers, &content, &mut messages).unwrap();
        assert_eq!(result.created, "2026-11-26T13:20:05Z");
    }
}
