//! Finds where a value sits in a YAML (or JSON) text.
//!
//! serde does not keep source positions, so validation problems carry a
//! [`YamlPath`] instead (`scenarios[3].options[1].weights.vison`). When a
//! problem has to be shown, this module walks the text's parse events once
//! and maps every path to the line and column where its key or item starts.
//! A path that is not found falls back to its nearest located parent.

use std::collections::HashMap;
use std::fmt;

use saphyr_parser::{Event, Parser, Span};

/// Deepest nesting that is walked; anything deeper is reported at its parent.
const MAX_DEPTH: usize = 128;

/// One step into a document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A mapping key.
    Key(String),
    /// A sequence index.
    Index(usize),
}

/// A path from the document root to a value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct YamlPath(pub Vec<Segment>);

impl YamlPath {
    /// The root.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path with a key appended.
    #[must_use]
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        Self(segments)
    }

    /// This path with an index appended.
    #[must_use]
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Self(segments)
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if position == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

/// A 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// Deepest nesting of mappings and sequences an input may have; real files
/// need fewer than ten levels. YAML parsers slow down with the square of the
/// nesting depth, so deeper input is refused before it is parsed.
pub const MAX_NESTING: usize = 64;

/// Where `source` first nests deeper than [`MAX_NESTING`], if it does. The
/// walk stops there, so it stays linear however deep the text goes. Text that
/// does not parse is left for the real parser to report.
pub fn too_deep(source: &str) -> Option<Position> {
    if !may_nest_deeper_than(source, MAX_NESTING) {
        return None;
    }
    let mut depth = 0_usize;
    for item in Parser::new_from_str(source) {
        let (event, span) = match item {
            Ok(item) => item,
            // The scanner's own limit on flow nesting (`[[[[…`).
            Err(error) if error.info() == "recursion limit exceeded" => {
                let marker = error.marker();
                return Some(Position { line: marker.line(), column: marker.col() + 1 });
            }
            Err(_) => return None,
        };
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(Position {
                        line: span.start.line(),
                        column: span.start.col() + 1,
                    });
                }
            }
            Event::MappingEnd | Event::SequenceEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Where `source` first uses a YAML alias (`*name`), if it does. No itlead
/// file needs one, and an alias repeats whatever its anchor holds: a few
/// megabytes of aliases to a long text would expand to gigabytes. Text
/// without a `*` has none, and is not parsed here. Text that does not
/// parse is left for the real parser to report.
pub fn first_alias(source: &str) -> Option<Position> {
    if !source.contains('*') {
        return None;
    }
    for item in Parser::new_from_str(source) {
        let Ok((event, span)) = item else { return None };
        if let Event::Alias(_) = event {
            return Some(Position { line: span.start.line(), column: span.start.col() + 1 });
        }
    }
    None
}

/// A cheap, conservative bound: `false` means the text certainly nests no
/// deeper than `limit`, so the full parse in [`too_deep`] can be skipped
/// (it costs more than parsing an ordinary file). Flow nesting is bounded
/// by the bracket depth; block nesting on a line by its indentation plus
/// the `-`, `:` and `?` that could open a collection on it, outside comments.
pub fn may_nest_deeper_than(source: &str, limit: usize) -> bool {
    let mut brackets = 0_usize;
    let mut deepest_brackets = 0_usize;
    let mut deepest_line = 0_usize;
    for line in source.lines() {
        let indent = line.len() - line.trim_start().len();
        let mut openers = 0;
        // After ` #` nothing opens a block collection: it is a comment, or
        // text inside quotes. Brackets are counted regardless.
        let mut comment = false;
        let mut previous = b' ';
        for byte in line.bytes() {
            match byte {
                b'[' | b'{' => {
                    brackets += 1;
                    deepest_brackets = deepest_brackets.max(brackets);
                }
                b']' | b'}' => brackets = brackets.saturating_sub(1),
                b'#' if previous.is_ascii_whitespace() => comment = true,
                b'-' | b':' | b'?' if !comment => openers += 1,
                _ => {}
            }
            previous = byte;
        }
        deepest_line = deepest_line.max(indent + openers);
    }
    deepest_line + deepest_brackets > limit
}

/// Positions of every key and item in one document.
#[derive(Debug, Default)]
pub struct Locator {
    positions: HashMap<Vec<Segment>, Position>,
}

impl Locator {
    /// Walks `source`; a text that does not parse yields an empty locator.
    pub fn new(source: &str) -> Self {
        let mut walker = Walker {
            events: Parser::new_from_str(source),
            path: Vec::new(),
            positions: HashMap::new(),
        };
        walker.document();
        Self { positions: walker.positions }
    }

    /// Where `path` (or its nearest located parent) starts.
    pub fn find(&self, path: &YamlPath) -> Option<Position> {
        (0..=path.0.len()).rev().find_map(|length| self.positions.get(&path.0[..length]).copied())
    }
}

struct Walker<'input> {
    events: Parser<'input, saphyr_parser::StrInput<'input>>,
    path: Vec<Segment>,
    positions: HashMap<Vec<Segment>, Position>,
}

impl<'input> Walker<'input> {
    fn next(&mut self) -> Option<(Event<'input>, Span)> {
        self.events.next()?.ok()
    }

    fn document(&mut self) {
        while let Some((event, span)) = self.next() {
            match event {
                Event::StreamEnd => return,
                Event::StreamStart | Event::DocumentStart(_) | Event::DocumentEnd => {}
                other => {
                    self.record(span);
                    let _ = self.node(&other);
                    return;
                }
            }
        }
    }

    fn record(&mut self, span: Span) {
        let position = Position { line: span.start.line(), column: span.start.col() + 1 };
        self.positions.entry(self.path.clone()).or_insert(position);
    }

    /// Walks the rest of the node that `first` opened; `None` stops the walk.
    fn node(&mut self, first: &Event<'input>) -> Option<()> {
        if self.path.len() > MAX_DEPTH {
            return None;
        }
        match first {
            Event::MappingStart(..) => self.mapping(),
            Event::SequenceStart(..) => self.sequence(),
            _ => Some(()),
        }
    }

    fn mapping(&mut self) -> Option<()> {
        loop {
            let (key_event, key_span) = self.next()?;
            let key = match &key_event {
                Event::MappingEnd => return Some(()),
                Event::Scalar(text, ..) => text.to_string(),
                complex => {
                    self.node(complex)?;
                    String::from("?")
                }
            };
            self.path.push(Segment::Key(key));
            self.record(key_span);
            let (value, _) = self.next()?;
            self.node(&value)?;
            self.path.pop();
        }
    }

    fn sequence(&mut self) -> Option<()> {
        let mut index = 0;
        loop {
            let (item, span) = self.next()?;
            if matches!(item, Event::SequenceEnd) {
                return Some(());
            }
            self.path.push(Segment::Index(index));
            self.record(span);
            self.node(&item)?;
            self.path.pop();
            index += 1;
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn ordinary_files_skip_the_depth_parse_and_deep_ones_do_not() {
        let content = include_str!("../../content/contrasts.yaml");
        assert!(!may_nest_deeper_than(content, MAX_NESTING));
        assert!(may_nest_deeper_than(&"[".repeat(65), MAX_NESTING));
        assert!(may_nest_deeper_than(&format!("a:\n{}", "- ".repeat(65)), MAX_NESTING));
        let block: String =
            (0..70).map(|depth| " ".repeat(depth) + &format!("k{depth}:\n")).collect();
        assert!(may_nest_deeper_than(&block, MAX_NESTING));
        assert!(too_deep(&block).is_some());
    }
    use super::*;

    const DOC: &str = "title: x\nscenarios:\n  - id: one\n    options:\n      - key: a\n        weights: {vision: 2, risk: -1}\n";

    #[test]
    fn finds_nested_keys_and_items() {
        let locator = Locator::new(DOC);
        let scenario = YamlPath::root().key("scenarios").index(0);
        assert_eq!(locator.find(&scenario.key("id")), Some(Position { line: 3, column: 5 }));
        let weight = scenario.key("options").index(0).key("weights").key("risk");
        assert_eq!(locator.find(&weight), Some(Position { line: 6, column: 30 }));
    }

    #[test]
    fn falls_back_to_the_nearest_parent() {
        let locator = Locator::new(DOC);
        let missing = YamlPath::root().key("scenarios").index(0).key("nope");
        assert_eq!(locator.find(&missing), Some(Position { line: 3, column: 5 }));
    }

    #[test]
    fn finds_where_nesting_goes_too_deep() {
        assert_eq!(too_deep(DOC), None);
        let deep = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(too_deep(&deep).is_some());
        let deep = format!("a: {}{}", "{b: ".repeat(MAX_NESTING + 1), "}".repeat(MAX_NESTING + 1));
        assert!(too_deep(&deep).is_some());
        let block = format!("a:\n{}1\n", "- ".repeat(MAX_NESTING + 1));
        assert!(too_deep(&block).is_some());
        assert_eq!(too_deep("a: [unclosed"), None);
    }

    #[test]
    fn paths_display_like_accessors() {
        let path = YamlPath::root().key("axes").index(2).key("id");
        assert_eq!(path.to_string(), "axes[2].id");
    }
}
