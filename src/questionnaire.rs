//! Which questionnaire a command uses: the built-in one or `--content FILE`.
//!
//! The built-in content was parsed and validated when itlead was built and
//! is embedded in postcard form, so loading it costs a few microseconds and
//! cannot fail on a correct build.

use std::path::Path;

use anyhow::Result;

use crate::content::{self, Content};
use crate::edges::input::read_text;

/// The default content without its scenarios, validated and serialised by `build.rs`.
static EMBEDDED_AXES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/axes.bin"));

/// The default content's scenarios.
static EMBEDDED_SCENARIOS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/scenarios.bin"));

/// The text of the default content, to check the embedded form against.
#[cfg(test)]
pub const DEFAULT_SOURCE: &str = include_str!("../content/contrasts.yaml");

/// The name messages use for the built-in content.
pub const BUILT_IN: &str = "<built-in>";

/// The built-in content.
pub fn built_in() -> Content {
    let mut content = built_in_axes();
    content.scenarios =
        postcard::from_bytes(EMBEDDED_SCENARIOS).expect("build.rs embeds valid scenarios");
    content
}

/// The built-in content without its scenarios: all that `explain`, `list`
/// and `completions` need, at half the cost.
fn built_in_axes() -> Content {
    postcard::from_bytes(EMBEDDED_AXES).expect("build.rs embeds valid content")
}

/// What a command needs of the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Axes, themes and sources.
    Axes,
    /// Everything, scenarios included.
    Everything,
}

/// The content at `path`, or the built-in content when there is none.
pub fn load(path: Option<&Path>) -> Result<Content> {
    load_for(path, Need::Everything)
}

/// Like [`load`]; with [`Need::Axes`] the built-in scenarios may be left out.
/// A file is always parsed and validated whole.
pub fn load_for(path: Option<&Path>, need: Need) -> Result<Content> {
    match path {
        None if need == Need::Axes => Ok(built_in_axes()),
        None => Ok(built_in()),
        Some(path) => {
            let input = read_text(path)?;
            Ok(content::parse(&input.name, &input.text)?)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_content_matches_the_source_file() {
        let parsed = content::parse(BUILT_IN, DEFAULT_SOURCE).expect("default content validates");
        assert_eq!(parsed, built_in());
    }

    #[test]
    fn the_axes_only_form_differs_only_by_the_scenarios() {
        let mut full = built_in();
        assert!(!full.scenarios.is_empty());
        full.scenarios.clear();
        assert_eq!(load_for(None, Need::Axes).unwrap(), full);
    }
}
