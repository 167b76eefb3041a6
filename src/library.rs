//! Which questionnaire a command uses: the built-in one or `--content FILE`.
//!
//! The built-in content was parsed and validated when itlead was built and
//! is embedded in postcard form, so loading it costs a few microseconds and
//! cannot fail on a correct build.

use std::path::Path;

use anyhow::Result;

use crate::content::{self, Content};
use crate::input::read_text;

/// The default content, validated and serialised by `build.rs`.
static EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/content.bin"));

/// The text of the default content, to check the embedded form against.
#[cfg(test)]
pub const DEFAULT_SOURCE: &str = include_str!("../content/contrasts.yaml");

/// The name messages use for the built-in content.
pub const BUILT_IN: &str = "<built-in>";

/// The built-in content.
pub fn built_in() -> Content {
    postcard::from_bytes(EMBEDDED).expect("build.rs embeds valid content")
}

/// The content at `path`, or the built-in content when there is none.
pub fn load(path: Option<&Path>) -> Result<Content> {
    match path {
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
}
