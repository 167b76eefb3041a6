//! Results of itlead 0.1 (`itlead.result/1`), read and upgraded to the
//! current document; the only place that knows their spellings.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{AxisResult, ContentStamp, ResultDocument, ThemeResult};
use crate::answer::Answer;
use crate::content::model::ResponseFormat;
use crate::content::selection::Selection;
use crate::score::Band;
use crate::score::whole_number;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultV1 {
    #[allow(dead_code)]
    schema: String,
    itlead_version: String,
    created: String,
    content: StampV1,
    mode: ModeV1,
    answers: BTreeMap<String, String>,
    axes: Vec<AxisV1>,
    themes: Vec<ThemeV1>,
    #[allow(dead_code)]
    overall: serde_json::Value,
}

/// Which scenarios were asked; any other word is refused.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
enum ModeV1 {
    Full,
    Quick,
    Axes,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StampV1 {
    title: String,
    version: String,
    hash: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AxisV1 {
    id: String,
    theme: String,
    manager: String,
    leader: String,
    #[serde(deserialize_with = "whole_number")]
    score: Option<i32>,
    #[allow(dead_code)]
    band: String,
    answered: usize,
    skipped: usize,
    total: usize,
    mixed: bool,
    #[allow(dead_code)]
    few_answers: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeV1 {
    id: String,
    name: String,
    #[allow(dead_code)]
    #[serde(deserialize_with = "whole_number")]
    score: Option<i32>,
    #[allow(dead_code)]
    band: String,
    #[allow(dead_code)]
    scored_axes: usize,
}

impl ResultV1 {
    /// The same result as a current document; bands, themes and the
    /// summary are derived again by the caller.
    pub fn upgrade(self) -> ResultDocument {
        let selection = match self.mode {
            ModeV1::Full => Selection::Full,
            ModeV1::Quick => Selection::Quick,
            // itlead 0.1 did not record which: the contrasts answered.
            ModeV1::Axes => Selection::Axes {
                axes: self
                    .axes
                    .iter()
                    .filter(|axis| axis.answered + axis.skipped > 0)
                    .map(|axis| axis.id.clone())
                    .collect(),
            },
        };
        ResultDocument {
            schema: super::RESULT_SCHEMA.to_owned(),
            itlead_version: self.itlead_version,
            created: self.created,
            name: None,
            about: None,
            content: ContentStamp {
                title: self.content.title,
                version: self.content.version,
                hash: self.content.hash,
                response: ResponseFormat::Most,
            },
            selection,
            asked: self.answers.len(),
            answers: self
                .answers
                .into_iter()
                .map(|(id, key)| {
                    let answer = if key == "skip" { Answer::Skipped } else { Answer::most(key) };
                    (id.into(), answer)
                })
                .collect(),
            axes: self
                .axes
                .into_iter()
                .map(|axis| AxisResult {
                    id: axis.id.into(),
                    theme: axis.theme.into(),
                    manager: axis.manager.into(),
                    leader: axis.leader.into(),
                    score: axis.score,
                    band: Band::Unscored,
                    responses: axis.answered,
                    answered: axis.answered,
                    skipped: axis.skipped,
                    total: axis.total,
                    standard_error: None,
                    mixed: axis.mixed,
                })
                .collect(),
            themes: self
                .themes
                .into_iter()
                .map(|theme| ThemeResult {
                    id: theme.id.into(),
                    name: theme.name.into(),
                    score: None,
                    standard_error: None,
                    band: Band::Unscored,
                    min: None,
                    max: None,
                    scored_axes: 0,
                })
                .collect(),
            overall: super::empty_overall(),
        }
    }
}
