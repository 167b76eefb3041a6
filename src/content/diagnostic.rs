//! Problems found in a file, located and printable.
//!
//! A [`Diagnostic`] names the file, the line and column when the format has
//! them, says what is wrong, and quotes the offending line with a caret, in
//! the spirit of a compiler message:
//!
//! ```text
//! my.yaml:42:9: unknown axis `vison` (did you mean `goals-vision`?)
//!    |
//! 42 |         vison: 2
//!    |         ^
//! ```

use std::fmt;

use super::locate::{Locator, Position, YamlPath};

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or `<built-in>` / `<stdin>`).
    pub file: String,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong and what was expected.
    pub message: String,
    /// The text of the offending line, when known.
    pub line_text: Option<String>,
}

impl Diagnostic {
    /// A problem with no position (an unreadable file, say).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), position: None, message: message.into(), line_text: None }
    }

    /// A problem at `position` in `source`.
    pub fn at(
        file: &str,
        source: &str,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        let line_text = position.and_then(|position| {
            source
                .lines()
                .nth(position.line.saturating_sub(1))
                .map(|line| line.trim_end_matches('\r').to_owned())
        });
        Self { file: file.to_owned(), position, message: message.into(), line_text }
    }

    /// The position as `file:line:col`.
    pub fn place(&self) -> String {
        match self.position {
            Some(position) => format!("{}:{}:{}", self.file, position.line, position.column),
            None => self.file.clone(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place(), self.message)?;
        if let (Some(position), Some(text)) = (self.position, &self.line_text) {
            let number = position.line.to_string();
            let gutter = " ".repeat(number.len());
            let shown: String = text.chars().take(200).collect::<String>().replace('\t', " ");
            let caret_at = position.column.saturating_sub(1).min(shown.chars().count());
            write!(f, "\n{gutter} |\n{number} | {shown}\n{gutter} | {}^", " ".repeat(caret_at))?;
        }
        Ok(())
    }
}

/// Every problem found in one file: a content, answers or result file that
/// does not parse or validate (exit code 3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    /// The problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, diagnostic) in self.diagnostics.iter().enumerate() {
            if index > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

impl std::error::Error for DataError {}

impl DataError {
    /// A single problem.
    pub fn one(diagnostic: Diagnostic) -> Self {
        Self { diagnostics: vec![diagnostic] }
    }
}

/// A problem found by validation, before it is located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the document.
    pub path: YamlPath,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    /// A problem at `path`.
    pub fn new(path: YamlPath, message: impl Into<String>) -> Self {
        Self { path, message: message.into() }
    }
}

/// Locates every problem in `source`, walking the text only once.
pub fn locate_all(file: &str, source: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
    let locator = Locator::new(source);
    problems
        .into_iter()
        .map(|problem| {
            let position = locator.find(&problem.path);
            let message = if problem.path.0.is_empty() {
                problem.message
            } else {
                format!("{}: {}", problem.path, problem.message)
            };
            Diagnostic::at(file, source, position, message)
        })
        .collect()
}

/// Turns a `serde_yaml` error into a located diagnostic.
pub fn from_yaml_error(file: &str, source: &str, error: &serde_yaml::Error) -> Diagnostic {
    let position = error
        .location()
        .map(|location| Position { line: location.line(), column: location.column() });
    let text = error.to_string();
    let message = strip_location_suffix(&text);
    Diagnostic::at(file, source, position, message)
}

/// Turns a `serde_json` error into a located diagnostic.
pub fn from_json_error(file: &str, source: &str, error: &serde_json::Error) -> Diagnostic {
    let position =
        (error.line() > 0).then(|| Position { line: error.line(), column: error.column().max(1) });
    let text = error.to_string();
    let message = strip_location_suffix(&text);
    Diagnostic::at(file, source, position, message)
}

/// Drops the " at line N column M" that serde formats append, since the
/// diagnostic prints the place itself.
fn strip_location_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) if message[index..].contains(" column ") => message[..index].to_owned(),
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_place_line_and_caret() {
        let source = "a: 1\nbb: oops\n";
        let diagnostic =
            Diagnostic::at("f.yaml", source, Some(Position { line: 2, column: 5 }), "bad value");
        assert_eq!(diagnostic.to_string(), "f.yaml:2:5: bad value\n  |\n2 | bb: oops\n  |     ^");
    }

    #[test]
    fn strips_serde_location_suffix() {
        assert_eq!(strip_location_suffix("invalid type at line 3 column 4"), "invalid type");
        assert_eq!(strip_location_suffix("plain"), "plain");
    }
}
