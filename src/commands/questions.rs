//! `itlead questions`: a fill-in answers template, an answer form for a
//! browser, or an invitation to a 360° round (both, and a message).

use std::path::Path;

use anyhow::Result;

use super::format_for;
use crate::answer_file::{TEMPLATE_FORMATS, template_json, template_yaml};
use crate::cli::QuestionsArgs;
use crate::content::selection::{Selection, select};
use crate::context::Context;
use crate::edges::output::{OutputArgs, check_target, emit, warn, write_document};
use crate::error::usage;
use crate::export::Format;
use crate::invitation::invitation;
use crate::questionnaire;
use crate::result::Subject;

/// `itlead questions`.
pub fn run(context: &Context, args: &QuestionsArgs) -> Result<()> {
    let content = questionnaire::load(context.content_path())?;
    let format = format_for(args.format, &args.output, TEMPLATE_FORMATS, Format::Yaml)?;
    let about = match (&args.about, args.relation) {
        (Some(name), Some(relation)) => {
            Some(Subject { name: crate::result::checked_name(name, "--about")?, relation })
        }
        _ => None,
    };
    let scenarios = select(&content, &Selection::Full);
    if about.is_some() {
        super::assess::require_observer_form(&content, &scenarios)?;
    }
    if let (Some(directory), Some(about)) = (&args.invitation, &about) {
        return write_invitation(directory, &invitation(&content, &scenarios, about));
    }
    let text = match format {
        Format::Json => template_json(&content, &scenarios, about.as_ref()),
        Format::Html => crate::answer_form::form(&content, &scenarios, about.as_ref()),
        _ => template_yaml(&content, &scenarios, about.as_ref()),
    };
    emit(&args.output, text.as_bytes())
}

/// Writes the invitation's files into `directory` (made if missing),
/// none of them over an existing file, and says what to do with them.
fn write_invitation(directory: &Path, files: &[crate::invitation::InvitationFile]) -> Result<()> {
    if directory.exists() && !directory.is_dir() {
        return Err(usage(format!(
            "--invitation {}: not a directory; name a directory for the invitation's files",
            directory.display()
        )));
    }
    std::fs::create_dir_all(directory).map_err(|error| {
        usage(format!("--invitation {}: cannot make the directory: {error}", directory.display()))
    })?;
    let targets: Vec<OutputArgs> = files
        .iter()
        .map(|file| OutputArgs { output: Some(directory.join(&file.name)), force: false })
        .collect();
    // Every file checked before any is written: all three or none.
    let existing: Vec<String> = targets
        .iter()
        .filter_map(|target| target.file())
        .filter(|path| path.exists())
        .map(|path| path.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(usage(format!(
            "--invitation would replace {}; remove {} or choose another directory",
            existing.join(", "),
            if existing.len() == 1 { "it" } else { "them" }
        )));
    }
    for target in &targets {
        check_target(target)?;
    }
    for (file, target) in files.iter().zip(&targets) {
        if let Some(path) = target.file() {
            write_document(path, file.text.as_bytes(), false)?;
        }
    }
    let shown: Vec<String> = targets
        .iter()
        .filter_map(|target| target.file())
        .map(|path| format!("  {}", path.display()))
        .collect();
    warn(&format!(
        "Wrote the invitation:\n{}\nSend the message with the form and the template attached; \
         collect the answers files that come back in one directory, and run `itlead feedback` \
         on them once everyone has answered.",
        shown.join("\n")
    ));
    Ok(())
}
