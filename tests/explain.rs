//! `itlead explain` and `itlead list`: lookup rules, suggestions, output
//! formats read back into typed structs, and snapshots of the text.

mod common;

use common::Itlead;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Pole {
    name: String,
    summary: String,
}

#[derive(Debug, Deserialize)]
struct Sides {
    manager: Vec<String>,
    leader: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Explained {
    id: String,
    theme: String,
    theme_name: String,
    manager: Pole,
    leader: Pole,
    aliases: Vec<String>,
    explanation: String,
    in_it: String,
    strengths: Sides,
    watch_outs: Sides,
    next_steps: Option<serde_json::Value>,
    related: Vec<String>,
    source: Option<serde_json::Value>,
    source_point: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Listed {
    id: String,
    manager: String,
    leader: String,
    theme: String,
}

fn explain_json(query: &str) -> Explained {
    let run = Itlead::new().args(["explain", query, "--format", "json"]).ok();
    serde_json::from_str(&run.stdout).expect("explain JSON parses")
}

#[test]
fn resolves_ids_pole_names_aliases_prefixes_and_case() {
    for (query, id) in [
        ("goals-vision", "goals-vision"),
        ("vision", "goals-vision"),
        ("Goals", "goals-vision"),
        ("OBJECTIVES", "goals-vision"),
        ("status quo", "status-quo-change"),
        ("Status-Quo", "status-quo-change"),
        ("change agent", "status-quo-change"),
        ("Take risks", "control-take-risks"),
        ("systems & processes", "systems-relationships"),
        ("long haul", "short-term-long-haul"),
        ("tomor", "today-tomorrow"),
        ("fan", "employees-fans"),
        ("longhaul", "short-term-long-haul"),
        ("growth", "proven-skills-growth"),
        ("growing", "proven-skills-growth"),
        ("coaching", "direct-coach"),
        ("visions", "goals-vision"),
        ("relationship", "systems-relationships"),
        ("processes", "systems-relationships"),
        ("risk taking", "control-take-risks"),
    ] {
        assert_eq!(explain_json(query).id, id, "query {query:?}");
    }
}

#[test]
fn unknown_contrasts_exit_2_with_suggestions() {
    let run = Itlead::new().args(["explain", "visoin"]).expect_code(2);
    assert!(run.stderr.contains("did you mean `Vision`?"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
    let run = Itlead::new().args(["explain", "quantum"]).expect_code(2);
    assert!(run.stderr.contains("no contrast is called `quantum`"), "{}", run.stderr);
    assert!(run.stderr.contains("itlead list"), "{}", run.stderr);
    assert!(!run.stderr.contains("did you mean"), "no far-fetched suggestion: {}", run.stderr);
    for side in ["leader", "Managers", "leadership", "management", "leading", "managing"] {
        let run = Itlead::new().args(["explain", side]).expect_code(2);
        assert!(run.stderr.contains("is a side, not a contrast"), "{}", run.stderr);
        assert!(!run.stderr.contains("learning"), "{}", run.stderr);
    }
}

#[test]
fn ambiguous_prefixes_exit_2_and_list_candidates() {
    let run = Itlead::new().args(["explain", "co"]).expect_code(2);
    for id in ["command-cooperate", "direct-coach", "copy-unique", "control-take-risks"] {
        assert!(run.stderr.contains(id), "missing {id} in {}", run.stderr);
    }
}

#[test]
fn explain_json_carries_the_whole_axis() {
    let axis = explain_json("today-tomorrow");
    assert_eq!(axis.manager.name, "Today");
    assert_eq!(axis.leader.name, "Tomorrow");
    assert_eq!(axis.theme, "direction");
    assert_eq!(axis.theme_name, "Direction");
    assert!(!axis.manager.summary.is_empty() && !axis.leader.summary.is_empty());
    assert!(!axis.explanation.is_empty() && !axis.in_it.is_empty());
    assert!(!axis.strengths.manager.is_empty() && !axis.strengths.leader.is_empty());
    assert!(!axis.watch_outs.manager.is_empty() && !axis.watch_outs.leader.is_empty());
    assert!(!axis.aliases.is_empty() && !axis.related.is_empty());
    assert!(axis.source.is_some(), "source resolved");
    assert!(!axis.source_point.is_empty());
    assert!(axis.next_steps.is_some(), "the built-in content has next steps");
}

#[test]
fn explain_without_argument_lists_every_contrast() {
    let run = Itlead::new().args(["explain", "--format", "json"]).ok();
    let all: Vec<Explained> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(all.len(), 13);
    let text = Itlead::new().args(["explain", "--all"]).ok().stdout;
    for axis in &all {
        assert!(text.contains(&axis.manager.name) && text.contains(&axis.leader.name));
    }
}

#[test]
fn explain_markdown_has_headings_for_both_sides() {
    let run = Itlead::new().args(["explain", "coach", "--format", "markdown"]).ok();
    assert!(run.stdout.starts_with("# Direct ⟷ Coach"), "{}", run.stdout);
    assert!(run.stdout.contains("## Direct (manager side)"));
    assert!(run.stdout.contains("## Coach (leader side)"));
}

#[test]
fn list_json_reads_back() {
    let run = Itlead::new().args(["list", "--format", "json"]).ok();
    let rows: Vec<Listed> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(rows.len(), 13);
    let ids: Vec<&str> = rows.iter().map(|row| row.id.as_str()).collect();
    assert!(ids.contains(&"command-cooperate") && ids.contains(&"employees-fans"));
    assert!(
        rows.iter()
            .all(|row| !row.manager.is_empty() && !row.leader.is_empty() && !row.theme.is_empty())
    );
}

#[test]
fn text_fits_narrow_terminals() {
    for width in [40, 60, 80] {
        let run = Itlead::new().args(["explain", "--all"]).env("COLUMNS", &width.to_string()).ok();
        for line in run.stdout.lines() {
            let columns = unicode_width::UnicodeWidthStr::width(line);
            assert!(columns <= width, "{columns} > {width}: {line:?}");
        }
        for command in ["list", "check"] {
            let run = Itlead::new().arg(command).env("COLUMNS", &width.to_string()).ok();
            for line in run.stdout.lines() {
                let columns = unicode_width::UnicodeWidthStr::width(line);
                assert!(columns <= width, "{command} at {width}: {line:?}");
            }
        }
    }
}

#[test]
fn no_colour_into_a_pipe_unless_always() {
    let plain = Itlead::new().args(["explain", "vision"]).ok();
    assert!(!plain.stdout.contains('\u{1b}'), "escape codes in piped output");
    let coloured = Itlead::new().args(["--color", "always", "explain", "vision"]).ok();
    assert!(coloured.stdout.contains('\u{1b}'), "no colour with --color always");
}

#[test]
fn explain_text_snapshot() {
    let run = Itlead::new().args(["explain", "risk"]).env("COLUMNS", "72").ok();
    insta::assert_snapshot!("explain_risk_72", run.stdout);
}

#[test]
fn list_text_snapshot() {
    let run = Itlead::new().arg("list").env("COLUMNS", "60").ok();
    insta::assert_snapshot!("list_60", run.stdout);
}

#[test]
fn help_snapshots() {
    let run = Itlead::new().arg("--help").env("COLUMNS", "100").ok();
    insta::assert_snapshot!("help", run.stdout);
    let run = Itlead::new().args(["explain", "--help"]).env("COLUMNS", "100").ok();
    insta::assert_snapshot!("explain_help", run.stdout);
}

#[test]
fn non_utf8_locales_get_ascii_glyphs() {
    for command in [vec!["list"], vec!["explain", "coach"], vec!["check"]] {
        let run = Itlead::new().args(&command).env("LANG", "C").ok();
        assert!(run.stdout.is_ascii(), "{command:?}: {}", run.stdout);
        assert!(!run.stdout.is_empty());
    }
}
