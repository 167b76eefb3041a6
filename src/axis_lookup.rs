//! Finds a contrast from what a user types: its id, a pole name or an
//! alias, in any case and with or without spaces and dashes; a prefix only
//! one contrast matches; or a word inside those names, in any common form
//! (`growth`, `coaching`, `visions`). Suggestions are offered only when a
//! name is close to what was typed.

use crate::content::model::{Axis, Content};
use crate::content::suggest::{fold, similar};
use crate::error::usage;

/// Every name that finds `axis`: id, pole names and aliases.
pub fn names(axis: &Axis) -> impl Iterator<Item = &str> {
    [axis.id.as_str(), axis.poles.manager.name.as_str(), axis.poles.leader.name.as_str()]
        .into_iter()
        .chain(axis.aliases.iter().map(String::as_str))
}

/// The outcome of a lookup.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// Exactly one axis.
    Found(&'a Axis),
    /// A prefix or a word that more than one axis matches; their ids.
    Ambiguous(Vec<&'a str>),
    /// Nothing matches; close names, if any.
    Unknown(Vec<&'a str>),
}

/// `name` without spaces: "long haul" and "longhaul" are the same.
fn compact(name: &str) -> String {
    fold(name).replace(' ', "")
}

/// The common stem of an English word form: `coaching` → `coach`,
/// `visions` → `vision`, `processes` → `process`, `risks` → `risk`.
fn stem(word: &str) -> String {
    let word = word.to_lowercase();
    if word.len() > 5 && word.ends_with("ing") {
        return word[..word.len() - 3].to_owned();
    }
    // growth → grow, as growing → grow.
    if word.len() > 5 && word.ends_with("wth") {
        return word[..word.len() - 2].to_owned();
    }
    if word.len() > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..word.len() - 3]);
    }
    if ["sses", "xes", "ches", "shes"].iter().any(|ending| word.ends_with(ending)) {
        return word[..word.len() - 2].to_owned();
    }
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        return word[..word.len() - 1].to_owned();
    }
    word
}

/// The stems of the words of `name`.
fn stems(name: &str) -> Vec<String> {
    fold(name).split(' ').filter(|word| !word.is_empty()).map(stem).collect()
}

/// The axes matching `wanted`, in content order, each once.
fn matching(content: &Content, wanted: impl Fn(&str) -> bool) -> Vec<&Axis> {
    content.axes.iter().filter(|axis| names(axis).any(&wanted)).collect()
}

/// Looks `query` up among the axes of `content`.
pub fn lookup<'a>(content: &'a Content, query: &str) -> Lookup<'a> {
    let folded = fold(query);
    if folded.is_empty() {
        return Lookup::Unknown(Vec::new());
    }
    let squeezed = compact(query);
    let query_stems = stems(query);
    let tries: [&dyn Fn(&str) -> bool; 4] = [
        &|name| fold(name) == folded,
        &|name| compact(name) == squeezed,
        &|name| fold(name).starts_with(&folded) || compact(name).starts_with(&squeezed),
        // Every word typed is a word of the name, in some form.
        &|name| {
            let name_stems = stems(name);
            query_stems.iter().all(|word| name_stems.contains(word))
        },
    ];
    for wanted in tries {
        match matching(content, wanted).as_slice() {
            [] => {}
            [axis] => return Lookup::Found(axis),
            several => {
                return Lookup::Ambiguous(several.iter().map(|axis| axis.id.as_str()).collect());
            }
        }
    }
    Lookup::Unknown(similar(query, content.axes.iter().flat_map(names)))
}

/// The names of the two sides and their word forms (as stemmed), which are
/// not contrasts themselves.
const SIDES: [&str; 7] =
    ["manager", "leader", "manage", "manag", "lead", "management", "leadership"];

/// Looks `query` up, turning a miss into a usage error that helps.
pub fn resolve<'a>(content: &'a Content, query: &str) -> anyhow::Result<&'a Axis> {
    match lookup(content, query) {
        Lookup::Found(axis) => Ok(axis),
        Lookup::Ambiguous(ids) => Err(usage(format!(
            "`{query}` matches several contrasts: {}; type more of the name",
            ids.join(", ")
        ))),
        Lookup::Unknown(_) if SIDES.contains(&stem(&fold(query)).as_str()) => Err(usage(format!(
            "`{query}` is a side, not a contrast: every contrast has a manager side and a leader \
             side; `itlead list` shows the contrasts"
        ))),
        Lookup::Unknown(close) if close.is_empty() => {
            Err(usage(format!("no contrast is called `{query}`; `itlead list` shows them all")))
        }
        Lookup::Unknown(close) => Err(usage(format!(
            "no contrast is called `{query}`; did you mean {}? (`itlead list` shows them all)",
            close.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(" or ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_forms_share_a_stem() {
        assert_eq!(stem("coaching"), "coach");
        assert_eq!(stem("growing"), stem("growth"));
        assert_eq!(stem("visions"), "vision");
        assert_eq!(stem("processes"), "process");
        assert_eq!(stem("risks"), "risk");
        assert_eq!(stem("growth"), "grow");
        assert_eq!(stem("process"), "process");
        assert_eq!(stem("managers"), "manager");
        assert_eq!(stem("coaches"), "coach");
        assert_eq!(stem("fans"), "fan");
    }
}
