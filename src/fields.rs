//! The text fields of files itlead reads back (results, answers files,
//! sessions), checked as content validation checks content: no control
//! characters, no direction controls, and no line break in a field that
//! is one line. A problem is located like any other ([`Problem`] and
//! `locate_all`), so the message names the file, line and column; a file
//! that fails is refused whole, so no format written from it, anywhere,
//! can carry such a character.

use crate::content::diagnostic::Problem;
use crate::content::locate::YamlPath;
use crate::content::text::{escape, first_unsafe};

/// Why `text` cannot stand in a one-line field, if it cannot.
pub fn line_problem(text: &str) -> Option<String> {
    let (position, character) = first_unsafe(text, false)?;
    Some(if matches!(character, '\n' | '\r') {
        format!("must be a single line, but has a line break at character {position}")
    } else {
        format!(
            "holds the control character `{}` at character {position}; text may not hold \
             control characters or direction overrides",
            escape(character)
        )
    })
}

/// What is wrong with the first character of `text` a one-line field may
/// not hold, and where: "has a line break at character 4".
fn first_bad_character(text: &str) -> Option<String> {
    let (position, character) = first_unsafe(text, false)?;
    Some(if matches!(character, '\n' | '\r') {
        format!("has a line break at character {position}")
    } else {
        format!("holds the control character `{}` at character {position}", escape(character))
    })
}

/// Collects the problems of one file's text fields. Each field's place
/// is given as a function that builds it, called only when the field has a
/// problem: a good file (almost every file) builds no path at all.
#[derive(Debug, Default)]
pub struct Lines {
    /// What was found, in the order checked.
    pub problems: Vec<Problem>,
}

impl Lines {
    /// Checks one one-line field at `path`.
    pub fn check(&mut self, path: impl FnOnce() -> YamlPath, text: &str) {
        if let Some(message) = line_problem(text) {
            self.problems.push(Problem::new(path(), message));
        }
    }

    /// Checks an optional one-line field.
    pub fn check_some(&mut self, path: impl FnOnce() -> YamlPath, text: Option<&str>) {
        if let Some(text) = text {
            self.check(path, text);
        }
    }

    /// Checks a person's name: one line and not too long
    /// ([`crate::result::name_problem`]).
    pub fn name(&mut self, path: impl FnOnce() -> YamlPath, name: Option<&str>) {
        let Some(name) = name else { return };
        if let Some(rule) = crate::result::name_problem(name) {
            let message = match first_bad_character(name) {
                Some(found) => format!("{rule}; this one {found}"),
                None => rule,
            };
            self.problems.push(Problem::new(path(), message));
        }
    }

    /// Checks the contrast ids of a selection.
    pub fn selection(
        &mut self,
        path: impl Fn() -> YamlPath,
        selection: &crate::content::selection::Selection,
    ) {
        if let crate::content::selection::Selection::Axes { axes } = selection {
            for (index, axis) in axes.iter().enumerate() {
                self.check(|| path().key("axes").index(index), axis);
            }
        }
    }

    /// Checks a map of answers: scenario ids and the option keys picked.
    pub fn answers(&mut self, path: impl Fn() -> YamlPath, answers: &crate::answer::Answers) {
        use crate::answer::Answer;
        for (id, answer) in answers {
            let at = || path().key(id);
            self.check(at, id);
            match answer {
                Answer::Skipped => {}
                // Written as one key: `outage: b`.
                Answer::Chosen { most, least: None } => self.check(at, most),
                Answer::Chosen { most, least: Some(least) } => {
                    self.check(|| at().key("most"), most);
                    self.check(|| at().key("least"), least);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_controls_and_overrides_are_named_with_their_place() {
        assert_eq!(line_problem("Ada Lovelace"), None);
        assert_eq!(line_problem("José ⟷ Núñez"), None);
        let broken = line_problem("Ada\nForged line").unwrap();
        assert!(broken.contains("line break at character 4"), "{broken}");
        let osc = line_problem("Eve\u{1b}]52;c;x\u{7}").unwrap();
        assert!(osc.contains("`\\e` at character 4"), "{osc}");
        let bidi = line_problem("ab\u{202e}").unwrap();
        assert!(bidi.contains("`\\u{202e}` at character 3"), "{bidi}");
        assert!(line_problem("tab\there").is_some());
    }
}
