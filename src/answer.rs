//! What a respondent answered: per scenario, the options picked, or a skip.
//!
//! In files an answer is written the way people write it: `skip`, an option
//! key (`b`, when only the most likely option is asked), or
//! `{most: b, least: d}`. This module is the one place that reads and
//! writes that form; everywhere else an answer is an [`Answer`].

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::content::model::{Choice, Pick, Scenario};

/// The word for a skipped scenario in answers files and results.
const SKIP_WORD: &str = "skip";

/// One scenario's answer.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Answer {
    /// Skipped on purpose: counts for nothing.
    Skipped,
    /// The options picked, by key.
    Chosen {
        /// The option the respondent would most likely choose.
        most: OptionKey,
        /// The option they would least likely choose, when it was asked.
        least: Option<OptionKey>,
    },
}

/// An option's key as an answer holds it: a short text kept in place, not
/// allocated (an option key is one letter; a key in a file may be longer,
/// and is then allocated as a `String` would be). Reading thousands of
/// results for `team` and `stats` makes two of these per answer.
pub type OptionKey = compact_str::CompactString;

/// Answers by scenario id.
pub type Answers = BTreeMap<OptionKey, Answer>;

impl Answer {
    /// The most likely option only.
    pub fn most(key: impl Into<OptionKey>) -> Self {
        Answer::Chosen { most: key.into(), least: None }
    }

    /// The most and the least likely option.
    pub fn ranked(most: impl Into<OptionKey>, least: impl Into<OptionKey>) -> Self {
        Answer::Chosen { most: most.into(), least: Some(least.into()) }
    }

    /// Whether it was skipped.
    pub fn is_skipped(&self) -> bool {
        matches!(self, Answer::Skipped)
    }

    /// The key picked for `pick`, if any.
    pub fn key(&self, pick: Pick) -> Option<&str> {
        match (self, pick) {
            (Answer::Skipped, _) => None,
            (Answer::Chosen { most, .. }, Pick::Most) => Some(most),
            (Answer::Chosen { least, .. }, Pick::Least) => least.as_deref(),
        }
    }

    /// The options of `scenario` this answer picked, with which pick each
    /// was; keys the scenario does not have are left out.
    pub fn picks<'a>(
        &'a self,
        scenario: &'a Scenario,
    ) -> impl Iterator<Item = (Pick, &'a Choice)> + 'a {
        [Pick::Most, Pick::Least].into_iter().filter_map(move |pick| {
            self.key(pick).and_then(|key| scenario.option(key)).map(|option| (pick, option))
        })
    }
}

/// How many answers picked options (skips not counted).
pub fn chosen_count(answers: &Answers) -> usize {
    answers.values().filter(|answer| !answer.is_skipped()).count()
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Skipped => serializer.serialize_str(SKIP_WORD),
            Answer::Chosen { most, least: None } => serializer.serialize_str(most),
            Answer::Chosen { most, least: Some(least) } => {
                let mut map = serializer.serialize_map(Some(2))?;
                map.serialize_entry("most", most)?;
                map.serialize_entry("least", least)?;
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an option key, `skip`, or `{most: KEY, least: KEY}`")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Answer, E> {
        Ok(if value == SKIP_WORD { Answer::Skipped } else { Answer::most(value) })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Answer, A::Error> {
        /// The keys of a ranked answer, told apart without allocating.
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "lowercase")]
        enum Field {
            Most,
            Least,
        }
        let (mut most, mut least) = (None::<OptionKey>, None::<OptionKey>);
        while let Some(field) = access.next_key::<Field>()? {
            let (slot, key) = match field {
                Field::Most => (&mut most, "most"),
                Field::Least => (&mut least, "least"),
            };
            if slot.is_some() {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            *slot = Some(access.next_value()?);
        }
        let most = most.ok_or_else(|| de::Error::missing_field("most"))?;
        Ok(Answer::Chosen { most, least })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_round_trips() {
        let answers: Answers = [
            ("a".into(), Answer::Skipped),
            ("b".into(), Answer::most("c")),
            ("d".into(), Answer::ranked("a", "b")),
        ]
        .into_iter()
        .collect();
        let json = serde_json::to_string(&answers).unwrap();
        assert_eq!(json, r#"{"a":"skip","b":"c","d":{"most":"a","least":"b"}}"#);
        assert_eq!(serde_json::from_str::<Answers>(&json).unwrap(), answers);
        let yaml = serde_yaml::to_string(&answers).unwrap();
        assert_eq!(serde_yaml::from_str::<Answers>(&yaml).unwrap(), answers);
    }

    #[test]
    fn unknown_fields_are_refused() {
        let error = serde_json::from_str::<Answer>(r#"{"most":"a","worst":"b"}"#).unwrap_err();
        assert!(error.to_string().contains("unknown field `worst`"), "{error}");
    }
}
