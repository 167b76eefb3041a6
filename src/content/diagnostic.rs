//! Problems found in a file, located and printable.
//!
//! A [`Diagnostic`] names the file, the line and column when the format has
//! them, says what is wrong, and quotes the offending line with a caret, in
//! the spirit of a compiler message:
//!
//! ```text
//! my.yaml:42:9: unknown contrast `vison` (did you mean `goals-vision`?)
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
    /// The quoted part of the offending line, when known: at most
    /// [`EXCERPT_CHARS`] characters, tabs and control characters replaced.
    pub line_text: Option<String>,
    /// How many characters of the line precede `line_text` (long lines are
    /// quoted around the column).
    pub excerpt_start: usize,
}

/// Longest part of a line that a diagnostic quotes, in characters.
pub const EXCERPT_CHARS: usize = 200;

/// Most problems reported for one file; the rest are counted, not listed.
pub const MAX_PROBLEMS: usize = 100;

/// The part of `line` to quote for a problem at 1-based `column`, and how
/// many characters precede it. Control characters are shown as `�` so that
/// a binary file cannot write escape sequences to the terminal.
fn excerpt(line: &str, column: usize) -> (String, usize) {
    let line = line.trim_end_matches('\r');
    let before = column.saturating_sub(1);
    let start = if before < EXCERPT_CHARS * 3 / 4 { 0 } else { before - EXCERPT_CHARS / 2 };
    let text = line
        .chars()
        .skip(start)
        .take(EXCERPT_CHARS)
        .map(|character| match character {
            '\t' => ' ',
            other if other.is_control() => '\u{fffd}',
            other => other,
        })
        .collect();
    (text, start)
}

impl Diagnostic {
    /// A problem with no position (an unreadable file, say).
    pub fn whole_file(file: &str, message: impl Into<String>) -> Self {
        Self {
            file: file.to_owned(),
            position: None,
            message: message.into(),
            line_text: None,
            excerpt_start: 0,
        }
    }

    /// A problem at `position` in `source`.
    pub fn at(
        file: &str,
        source: &str,
        position: Option<Position>,
        message: impl Into<String>,
    ) -> Self {
        let line =
            position.and_then(|position| source.lines().nth(position.line.saturating_sub(1)));
        Self::quoting(file, position, message.into(), line)
    }

    fn quoting(
        file: &str,
        position: Option<Position>,
        message: String,
        line: Option<&str>,
    ) -> Self {
        let (line_text, excerpt_start) = match (position, line) {
            (Some(position), Some(line)) => {
                let (text, start) = excerpt(line, position.column);
                (Some(text), start)
            }
            _ => (None, 0),
        };
        Self { file: file.to_owned(), position, message, line_text, excerpt_start }
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
            let ellipsis = if self.excerpt_start > 0 { "…" } else { "" };
            let shown = format!("{ellipsis}{text}");
            let caret_at = (position.column.saturating_sub(1) + ellipsis.chars().count())
                .saturating_sub(self.excerpt_start)
                .min(shown.chars().count());
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

/// Whether `error` says the whole file was read as one string where a
/// mapping was expected: the file is not data at all (prose, a page, a
/// table).
pub fn read_as_one_string(error: &DataError) -> bool {
    error.diagnostics.iter().any(|problem| {
        problem.message.contains("invalid type: string")
            && (problem.message.contains("expected struct")
                || problem.message.contains("expected a mapping"))
    })
}

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

/// Locates every problem in `source`, walking the text only once. Past
/// [`MAX_PROBLEMS`], problems are counted in a last diagnostic instead.
pub fn locate_all(file: &str, source: &str, mut problems: Vec<Problem>) -> Vec<Diagnostic> {
    let locator = Locator::new(source);
    // Split the lines once: looking each one up again per problem would make
    // a file with many problems quadratic.
    let lines: Vec<&str> = source.lines().collect();
    let hidden = problems.len().saturating_sub(MAX_PROBLEMS);
    problems.truncate(MAX_PROBLEMS);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|problem| {
            let position = locator.find(&problem.path);
            let message = if problem.path.0.is_empty() {
                problem.message
            } else {
                format!("{}: {}", problem.path, problem.message)
            };
            let line =
                position.and_then(|position| lines.get(position.line.saturating_sub(1)).copied());
            Diagnostic::quoting(file, position, message, line)
        })
        .collect();
    if hidden > 0 {
        diagnostics.push(Diagnostic::whole_file(
            file,
            format!(
                "{} not shown; fix the ones above first",
                super::wording::plural(hidden, "more problem", "more problems")
            ),
        ));
    }
    diagnostics
}

/// Turns a `serde_yaml` error into a located diagnostic.
pub fn from_yaml_error(file: &str, source: &str, error: &serde_yaml::Error) -> Diagnostic {
    let position = error
        .location()
        .map(|location| Position { line: location.line(), column: location.column() });
    let text = error.to_string();
    let message = readable(&strip_location(&text, position));
    let position = position.map(|position| relocate_duplicate(source, &message, position));
    Diagnostic::at(file, source, position, message)
}

/// Turns a `serde_json` error into a located diagnostic.
pub fn from_json_error(file: &str, source: &str, error: &serde_json::Error) -> Diagnostic {
    let position =
        (error.line() > 0).then(|| Position { line: error.line(), column: error.column().max(1) });
    let text = error.to_string();
    let message = readable(&strip_location(&text, position));
    Diagnostic::at(file, source, position, message)
}

/// Drops the " at line N column M" of `position` from a serde message, since
/// the diagnostic prints the place itself; other places in the message (where
/// an unclosed quote started, say) stay.
fn strip_location(message: &str, position: Option<Position>) -> String {
    if let Some(position) = position {
        let place = format!(" at line {} column {}", position.line, position.column);
        if message.contains(&place) {
            return message.replacen(&place, "", 1);
        }
    }
    strip_location_suffix(message)
}

/// Replaces the names of itlead's internal types in serde messages
/// (`expected struct RawScenario`) by what the file should hold, and says
/// what serde's limits mean.
fn readable(message: &str) -> String {
    const STRUCT: &str = "expected struct ";
    match message {
        "repetition limit exceeded" => {
            return "aliases (`*name`) expand to too much data; is this an alias bomb?".to_owned();
        }
        "recursion limit exceeded" => {
            return "nested too deeply (recursion limit exceeded)".to_owned();
        }
        _ => {}
    }
    match message.find(STRUCT) {
        Some(index) => {
            let name_start = index + STRUCT.len();
            let name_end = message[name_start..]
                .find(|character: char| !character.is_alphanumeric() && character != '_')
                .map_or(message.len(), |end| name_start + end);
            format!("{}expected a mapping{}", &message[..index], &message[name_end..])
        }
        None => message.to_owned(),
    }
}

/// serde reports a repeated key at the start of its mapping; in a block
/// mapping, point at the repeated key instead.
fn relocate_duplicate(source: &str, message: &str, position: Position) -> Position {
    let key = ["duplicate field `", "duplicate key `"].iter().find_map(|prefix| {
        let start = message.find(prefix)? + prefix.len();
        let length = message[start..].find('`')?;
        Some(&message[start..start + length])
    });
    let Some(key) = key else {
        return position;
    };
    let indent = position.column.saturating_sub(1);
    let mut seen = 0;
    for (index, line) in source.lines().enumerate().skip(position.line.saturating_sub(1)) {
        let is_first = index + 1 == position.line;
        let trimmed = line.trim_start_matches(' ');
        let leading = line.len() - trimmed.len();
        if !is_first {
            if trimmed.trim().is_empty() || trimmed.starts_with('#') || leading > indent {
                continue;
            }
            if leading < indent {
                break;
            }
        }
        let rest: String = line.chars().skip(indent).collect();
        let rest = rest.trim_start_matches(['"', '\'']);
        let at_key = rest.strip_prefix(key).is_some_and(|after| {
            after.trim_start_matches(['"', '\'']).trim_start_matches(' ').starts_with(':')
        });
        if at_key {
            seen += 1;
            if seen == 2 {
                return Position { line: index + 1, column: position.column };
            }
        }
    }
    position
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
    fn keeps_other_places_in_serde_messages() {
        let message = "found unexpected end of stream at line 4 column 1, while scanning a quoted scalar at line 2 column 8";
        assert_eq!(
            strip_location(message, Some(Position { line: 4, column: 1 })),
            "found unexpected end of stream, while scanning a quoted scalar at line 2 column 8"
        );
    }

    #[test]
    fn names_no_internal_types() {
        assert_eq!(
            readable("invalid type: sequence, expected struct RawScenario"),
            "invalid type: sequence, expected a mapping"
        );
    }

    #[test]
    fn points_at_the_repeated_key() {
        let source = "# c\nschema: 1\ntitle: a\nnested:\n  title: x\ntitle: b\n";
        let error = serde_yaml::from_str::<Document>(source).unwrap_err();
        let diagnostic = from_yaml_error("f", source, &error);
        assert_eq!(diagnostic.position, Some(Position { line: 6, column: 1 }), "{diagnostic}");
        let source = "items:\n  - id: a\n    id: b\n  - id: c\n";
        let error = serde_yaml::from_str::<Items>(source).unwrap_err();
        let diagnostic = from_yaml_error("f", source, &error);
        assert_eq!(diagnostic.position, Some(Position { line: 3, column: 5 }), "{diagnostic}");
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Document {
        schema: u32,
        title: String,
        nested: serde_yaml::Value,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Items {
        items: Vec<Item>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Item {
        id: String,
    }

    #[test]
    fn strips_serde_location_suffix() {
        assert_eq!(strip_location_suffix("invalid type at line 3 column 4"), "invalid type");
        assert_eq!(strip_location_suffix("plain"), "plain");
    }
}
