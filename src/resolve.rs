//! Finds an axis from what a user types: an id, a pole name or an alias,
//! in any case, or a prefix of one of them that only one axis matches.

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
    /// A prefix that more than one axis matches; their ids.
    Ambiguous(Vec<&'a str>),
    /// Nothing matches; close names, if any.
    Unknown(Vec<&'a str>),
}

/// Looks `query` up among the axes of `content`.
pub fn lookup<'a>(content: &'a Content, query: &str) -> Lookup<'a> {
    let folded = fold(query);
    if folded.is_empty() {
        return Lookup::Unknown(Vec::new());
    }
    if let Some(axis) =
        content.axes.iter().find(|axis| names(axis).any(|name| fold(name) == folded))
    {
        return Lookup::Found(axis);
    }
    let matching: Vec<&Axis> = content
        .axes
        .iter()
        .filter(|axis| names(axis).any(|name| fold(name).starts_with(&folded)))
        .collect();
    match matching.as_slice() {
        [axis] => Lookup::Found(axis),
        [] => Lookup::Unknown(similar(query, content.axes.iter().flat_map(names))),
        several => Lookup::Ambiguous(several.iter().map(|axis| axis.id.as_str()).collect()),
    }
}

/// Looks `query` up, turning a miss into a usage error that helps.
pub fn resolve<'a>(content: &'a Content, query: &str) -> anyhow::Result<&'a Axis> {
    match lookup(content, query) {
        Lookup::Found(axis) => Ok(axis),
        Lookup::Ambiguous(ids) => Err(usage(format!(
            "`{query}` matches several contrasts: {}; type more of the name",
            ids.join(", ")
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
