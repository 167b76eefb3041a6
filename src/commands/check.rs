//! `itlead check [FILE]`: validation and design analysis.

use anyhow::Result;

use super::emit_document;
use crate::cli::CheckArgs;
use crate::content::diagnostic::Diagnostic;
use crate::context::Context;
use crate::documents::check::{Checked, Problems};
use crate::edges::input::read_text;
use crate::edges::output::OutputArgs;
use crate::error::DataError;
use crate::export::Format;
use crate::{content, questionnaire};

/// `itlead check`.
pub fn run(context: &Context, args: &CheckArgs) -> Result<()> {
    let path = args.file.as_deref().or(context.content_path());
    let (name, parsed) = match path {
        None => (questionnaire::BUILT_IN.to_owned(), Ok(questionnaire::built_in())),
        Some(path) => {
            let input = read_text(path)?;
            let parsed = content::parse(&input.name, &input.text)
                .map_err(|error| recognise(&input.name, &input.text, error));
            (input.name, parsed)
        }
    };
    let stdout = OutputArgs::default();
    match parsed {
        Ok(content) => {
            let checked = Checked::new(&name, &content, args.beta);
            emit_document(context, &checked, args.format, &stdout)?;
            let warnings = checked.design.warnings.len() + checked.modelled.warnings.len();
            if args.strict && warnings > 0 {
                let message = if warnings == 1 {
                    String::from("1 design warning; --strict fails on any")
                } else {
                    format!("{warnings} design warnings; --strict fails on any")
                };
                return Err(DataError::one(Diagnostic::whole_file(&name, message)).into());
            }
            Ok(())
        }
        Err(error) if matches!(args.format, Format::Json | Format::Yaml) => {
            emit_document(
                context,
                &Problems::new(&name, &error.diagnostics),
                args.format,
                &stdout,
            )?;
            // The problems are on stdout; stderr only says that there are some.
            let count = error.diagnostics.len();
            let problems =
                if count == 1 { String::from("1 problem") } else { format!("{count} problems") };
            Err(DataError::one(Diagnostic::whole_file(
                &name,
                format!("{problems}, listed on standard output"),
            ))
            .into())
        }
        Err(error) => Err(error.into()),
    }
}

/// A file that is not content but an answers file or a result gets a
/// message saying what it is instead of a field error.
fn recognise(name: &str, text: &str, error: DataError) -> DataError {
    let schema = text
        .lines()
        .map(str::trim)
        .find_map(|line| line.strip_prefix("schema:").or_else(|| line.strip_prefix("\"schema\":")))
        .map(|value| value.trim().trim_matches(|c| c == '"' || c == ',' || c == '\'').to_owned());
    let what = match schema.as_deref() {
        Some(schema) if schema.starts_with("itlead.answers/") => {
            format!(
                "this is an answers file (`{schema}`), not content; score it with `itlead assess --answers {name}`"
            )
        }
        Some(schema) if schema.starts_with("itlead.result/") => {
            format!(
                "this is a result (`{schema}`), not content; show it with `itlead report {name}`"
            )
        }
        Some(schema) if schema.starts_with("itlead.") => {
            format!("this is an itlead `{schema}` document, not content")
        }
        _ => match crate::content::text::rendered_kind(text) {
            Some(kind) if crate::content::diagnostic::read_as_one_string(&error) => {
                format!("this looks like a report in {kind}, not content")
            }
            _ => return error,
        },
    };
    DataError::one(Diagnostic::whole_file(name, what))
}
