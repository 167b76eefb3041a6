//! Property tests: the parsers of every file itlead reads (content, answers,
//! results, and the byte check in front of them) return `Ok` or `Err` on any
//! input, never panic. Inputs are arbitrary bytes, arbitrary text,
//! arbitrary YAML and JSON trees whose keys and values are drawn from the
//! real formats, and valid documents with random edits (YAML punctuation,
//! anchors, aliases, tags, tabs, deletions).
//!
//! The case count stays modest so the suite is fast; `fuzz/` runs the same
//! parsers for as long as one likes.

use std::sync::LazyLock;

use itlead::answer::{Answer, Answers};
use itlead::content::Content;
use itlead::content::model::Scenario;
use itlead::content::selection::Selection;
use itlead::edges::input;
use itlead::questionnaire::built_in;
use itlead::result::{Respondent, ResultDocument};
use itlead::score::score;
use itlead::{answer_file as answers, content};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};

const CASES: u32 = 256;

static CONTENT: LazyLock<Content> = LazyLock::new(built_in);

/// The built-in content as YAML text: a valid content document to mutate.
static CONTENT_TEXT: LazyLock<String> = LazyLock::new(|| {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/content/contrasts.yaml"))
        .expect("the default content")
});

/// A valid answers file for the built-in content.
static ANSWERS_TEXT: LazyLock<String> = LazyLock::new(|| {
    let mut text = String::from("schema: itlead.answers/2\nname: Prop\nanswers:\n");
    for (index, scenario) in CONTENT.scenarios.iter().enumerate() {
        let count = scenario.options.len();
        let value = if index % 5 == 4 {
            String::from("skip")
        } else if scenario.is_pair() {
            scenario.options[index % count].key.clone()
        } else {
            format!(
                "{{most: {}, least: {}}}",
                scenario.options[index % count].key,
                scenario.options[(index + 1) % count].key
            )
        };
        text.push_str(&format!("  {}: {value}  # {}\n", scenario.id, scenario.title));
    }
    text
});

/// A valid result, as JSON and as YAML.
static RESULT_TEXTS: LazyLock<[String; 2]> = LazyLock::new(|| {
    let answers: Answers = CONTENT
        .scenarios
        .iter()
        .map(|scenario| {
            (
                scenario.id.as_str().into(),
                if scenario.is_pair() {
                    Answer::most(&scenario.options[0].key)
                } else {
                    Answer::ranked(&scenario.options[0].key, &scenario.options[1].key)
                },
            )
        })
        .collect();
    let profile = score(&CONTENT, &answers);
    let result = ResultDocument::new(
        &CONTENT,
        answers,
        profile,
        Selection::Full,
        Respondent { name: Some("Prop".into()), about: None },
        "2026-01-01T00:00:00Z".to_owned(),
    );
    [
        serde_json::to_string_pretty(&result).expect("JSON"),
        serde_yaml::to_string(&result).expect("YAML"),
    ]
});

/// Every parser, on one text. Only panics fail.
fn parse_everything(text: &str, partial: bool) {
    let asked: Vec<&Scenario> = CONTENT.scenarios.iter().collect();
    let _ = content::parse("prop.yaml", text);
    let _ = answers::parse("prop.yaml", text, &CONTENT, &asked, partial);
    let _ = answers::parse("prop.yaml", text, &CONTENT, &asked[..asked.len() / 2], partial);
    let _ = answers::parse("prop.yaml", text, &CONTENT, &[], partial);
    let _ = ResultDocument::parse("prop.yaml", text);
    // Error messages are rendered too: locating and quoting must not panic.
    if let Err(error) = content::parse("prop.yaml", text) {
        let _ = error.to_string();
    }
    if let Err(error) = answers::parse("prop.yaml", text, &CONTENT, &asked, partial) {
        let _ = error.to_string();
    }
    if let Err(error) = ResultDocument::parse("prop.yaml", text) {
        let _ = error.to_string();
    }
}

/// What `itlead` does with a file: check the bytes, then parse.
fn decode_and_parse(bytes: &[u8], partial: bool) {
    match input::decode("prop.bin", bytes) {
        Ok(decoded) => parse_everything(&decoded.text, partial),
        Err(error) => {
            let _ = format!("{error:#}");
        }
    }
}

/// Names and values that mean something in itlead's formats, so that random
/// trees get past the first field check now and then.
fn words() -> Vec<String> {
    let mut words: Vec<String> = [
        "schema",
        "title",
        "version",
        "sources",
        "themes",
        "axes",
        "scenarios",
        "id",
        "theme",
        "manager",
        "leader",
        "name",
        "summary",
        "aliases",
        "explanation",
        "in_it",
        "strengths",
        "watch_outs",
        "related",
        "source",
        "key",
        "point",
        "publisher",
        "author",
        "after",
        "situation",
        "options",
        "text",
        "weights",
        "answers",
        "content",
        "itlead_version",
        "created",
        "mode",
        "overall",
        "score",
        "band",
        "answered",
        "skipped",
        "total",
        "mixed",
        "few_answers",
        "responses",
        "standard_error",
        "selection",
        "asked",
        "response",
        "most",
        "least",
        "most-and-least",
        "role",
        "about",
        "relation",
        "peer",
        "anyone",
        "next_steps",
        "practices",
        "discuss",
        "{name}",
        "uncertain",
        "split",
        "min",
        "max",
        "scored_axes",
        "hash",
        "skip",
        "a",
        "b",
        "c",
        "d",
        "e",
        "itlead.answers/1",
        "itlead.result/1",
        "itlead.result/2",
        "itlead.answers/2",
        "itlead.session/2",
        "full",
        "quick",
        "balanced",
        "leaning-leader",
        "strong-manager",
        "",
        " ",
        "\t",
        "é",
        "🚀",
        "~",
        "null",
        "true",
        "1",
        "-2",
        "0x10",
        ".inf",
        "2026-01-01T00:00:00Z",
        "sha256:00",
    ]
    .iter()
    .map(|word| (*word).to_owned())
    .collect();
    for axis in &CONTENT.axes {
        words.push(axis.id.clone());
        words.push(axis.theme.clone());
    }
    for scenario in &CONTENT.scenarios {
        words.push(scenario.id.clone());
    }
    words
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![4 => prop::sample::select(words()), 1 => any::<String>()]
}

/// Arbitrary JSON-like trees, keys and strings mostly from the formats.
fn tree() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        (-4_i64..=4).prop_map(|number| Value::Number(number.into())),
        any::<i64>().prop_map(|number| Value::Number(number.into())),
        any::<u64>().prop_map(|number| Value::Number(number.into())),
        any::<f64>()
            .prop_filter_map("finite", |number| Number::from_f64(number).map(Value::Number)),
        word().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 96, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((word(), inner), 0..8).prop_map(|entries| Value::Object(
                entries.into_iter().collect::<Map<String, Value>>()
            )),
        ]
    })
}

/// A tree shaped like one of itlead's documents: its top-level keys, with
/// arbitrary values.
fn document() -> impl Strategy<Value = Value> {
    prop::collection::vec((word(), tree()), 0..10)
        .prop_map(|entries| Value::Object(entries.into_iter().collect::<Map<String, Value>>()))
}

/// Arbitrary YAML trees, which JSON cannot express: keys that are numbers,
/// booleans, sequences or mappings, and tagged values.
fn yaml_tree() -> impl Strategy<Value = serde_yaml::Value> {
    use serde_yaml::Value as Yaml;
    let leaf = prop_oneof![
        Just(Yaml::Null),
        any::<bool>().prop_map(Yaml::Bool),
        any::<i64>().prop_map(|number| Yaml::Number(number.into())),
        any::<f64>().prop_map(|number| Yaml::Number(number.into())),
        word().prop_map(Yaml::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Yaml::Sequence),
            prop::collection::vec((inner.clone(), inner.clone()), 0..6)
                .prop_map(|entries| Yaml::Mapping(entries.into_iter().collect())),
            ("[a-z!]{1,6}", inner).prop_map(|(tag, value)| {
                Yaml::Tagged(Box::new(serde_yaml::value::TaggedValue {
                    tag: serde_yaml::value::Tag::new(tag),
                    value,
                }))
            }),
        ]
    })
}

/// Pieces of YAML syntax that stress a parser.
const SNIPPETS: &[&str] = &[
    "&a ",
    "*a",
    "&b [*a, *a, *a]",
    "*b",
    "<<: *a",
    "!!binary ",
    "!!str ",
    "!custom ",
    "? ",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "#",
    "\n",
    "\r\n",
    "\t",
    "  ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "%TAG ! x\n",
    "|\n",
    ">-\n",
    "\u{feff}",
    "\u{0}",
    "\u{85}",
    "\u{2028}",
    "~",
    "null",
    "1e999",
    "-0",
    "0o17",
    "schema: 1\n",
    "schema: itlead.result/2\n",
    "answers:\n",
    "weights: {",
    "é",
    "🚀",
];

/// One random edit of a text.
#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, String),
    Delete(usize, usize),
    Duplicate(usize, usize),
    Truncate(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<usize>(), prop::sample::select(SNIPPETS).prop_map(str::to_owned)).prop_map(|(at, text)| Edit::Insert(at, text)),
        1 => (any::<usize>(), any::<String>()).prop_map(|(at, text)| Edit::Insert(at, text)),
        2 => (any::<usize>(), 0_usize..64).prop_map(|(at, length)| Edit::Delete(at, length)),
        1 => (any::<usize>(), 0_usize..256).prop_map(|(at, length)| Edit::Duplicate(at, length)),
        1 => any::<usize>().prop_map(Edit::Truncate),
    ]
}

/// A char boundary of `text` picked by `at`.
fn boundary(text: &str, at: usize) -> usize {
    floor(text, at % (text.len() + 1))
}

/// The char boundary at or before `at`, within `text`.
fn floor(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_owned();
    for edit in edits {
        match edit {
            Edit::Insert(at, snippet) => {
                let at = boundary(&text, *at);
                text.insert_str(at, snippet);
            }
            Edit::Delete(at, length) => {
                let start = boundary(&text, *at);
                let end = floor(&text, start + length);
                text.replace_range(start..end, "");
            }
            Edit::Duplicate(at, length) => {
                let start = boundary(&text, *at);
                let end = floor(&text, start + length);
                let piece = text[start..end].to_owned();
                text.insert_str(end, &piece);
            }
            Edit::Truncate(at) => {
                let at = boundary(&text, *at);
                text.truncate(at);
            }
        }
    }
    text
}

fn config() -> ProptestConfig {
    // `PROPTEST_CASES=100000 cargo test --test parser_props` searches longer.
    let cases =
        std::env::var("PROPTEST_CASES").ok().and_then(|cases| cases.parse().ok()).unwrap_or(CASES);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), partial in any::<bool>()) {
        decode_and_parse(&bytes, partial);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>(), partial in any::<bool>()) {
        decode_and_parse(text.as_bytes(), partial);
        parse_everything(&text, partial);
    }

    #[test]
    fn text_made_of_yaml_punctuation_never_panics(
        pieces in prop::collection::vec(prop::sample::select(SNIPPETS), 0..64),
        partial in any::<bool>(),
    ) {
        let text: String = pieces.concat();
        decode_and_parse(text.as_bytes(), partial);
    }

    #[test]
    fn arbitrary_yaml_trees_never_panic(value in document(), partial in any::<bool>()) {
        let yaml = serde_yaml::to_string(&value).expect("a tree serialises to YAML");
        decode_and_parse(yaml.as_bytes(), partial);
    }

    #[test]
    fn yaml_only_trees_never_panic(
        entries in prop::collection::vec((prop_oneof![3 => word().prop_map(serde_yaml::Value::String), 1 => yaml_tree()], yaml_tree()), 0..10),
        partial in any::<bool>(),
    ) {
        let value = serde_yaml::Value::Mapping(entries.into_iter().collect());
        if let Ok(yaml) = serde_yaml::to_string(&value) {
            decode_and_parse(yaml.as_bytes(), partial);
        }
    }

    #[test]
    fn arbitrary_json_trees_never_panic(value in document(), partial in any::<bool>(), pretty in any::<bool>()) {
        let json = if pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        }
        .expect("a tree serialises to JSON");
        decode_and_parse(json.as_bytes(), partial);
    }

    #[test]
    fn edited_content_never_panics(edits in prop::collection::vec(edit(), 1..6)) {
        let text = apply(&CONTENT_TEXT, &edits);
        decode_and_parse(text.as_bytes(), false);
    }

    #[test]
    fn edited_answers_never_panic(edits in prop::collection::vec(edit(), 1..6), partial in any::<bool>()) {
        let text = apply(&ANSWERS_TEXT, &edits);
        decode_and_parse(text.as_bytes(), partial);
    }

    #[test]
    fn edited_results_never_panic(edits in prop::collection::vec(edit(), 1..6), json in any::<bool>()) {
        let text = apply(&RESULT_TEXTS[usize::from(!json)], &edits);
        decode_and_parse(text.as_bytes(), false);
    }

    #[test]
    fn decode_keeps_shallow_utf8_text_and_drops_one_bom(text in "[^\u{feff}\\[{:?-]{0,200}") {
        let decoded = input::decode("prop", text.as_bytes()).expect("shallow UTF-8 text is accepted");
        prop_assert_eq!(&decoded.text, &text);
        let with_bom = format!("\u{feff}{text}");
        let decoded = input::decode("prop", with_bom.as_bytes()).expect("a BOM is fine");
        prop_assert_eq!(&decoded.text, &text);
    }
}

#[test]
fn the_unedited_documents_parse() {
    let asked: Vec<&Scenario> = CONTENT.scenarios.iter().collect();
    content::parse("contrasts.yaml", &CONTENT_TEXT).expect("content");
    answers::parse("answers.yaml", &ANSWERS_TEXT, &CONTENT, &asked, false).expect("answers");
    for text in RESULT_TEXTS.iter() {
        ResultDocument::parse("result", text).expect("result");
    }
}
