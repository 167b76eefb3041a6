//! How documents read at any width and in a browser's outline: one width
//! for every scale of a chart, what "mixed" and "counts neither way" mean
//! said once, a team of one, and HTML whose headings never skip a level,
//! with a table of contents and table cards that say what their short
//! headers mean.

mod common;

use std::collections::BTreeSet;

use common::{Itlead, fixture};

/// The report of the answers fixture, as text `columns` wide.
fn report_at(columns: usize, ascii: bool) -> String {
    let mut itlead = Itlead::new()
        .args(["assess", "--answers", fixture("answers/full.yaml").to_str().unwrap(), "--no-save"])
        .env("COLUMNS", &columns.to_string());
    if ascii {
        itlead = itlead.env("LANG", "C");
    }
    itlead.ok().stdout
}

/// The widths of the scales drawn in `text`, one per bar.
fn scale_widths(text: &str, ends: (char, char)) -> Vec<usize> {
    text.lines()
        .filter_map(|line| {
            let chars: Vec<char> = line.chars().collect();
            let start = chars.iter().position(|&c| c == ends.0)?;
            let end = chars.iter().rposition(|&c| c == ends.1)?;
            (end > start).then_some(end - start + 1)
        })
        .collect()
}

#[test]
fn every_scale_of_a_chart_has_one_width_at_any_terminal_width() {
    for columns in [20, 30, 36, 40, 44, 50, 60, 72, 80, 100] {
        let text = report_at(columns, false);
        let widths: BTreeSet<usize> = scale_widths(&text, ('├', '┤')).into_iter().collect();
        assert_eq!(widths.len(), 1, "{columns} columns: scales of {widths:?} cells\n{text}");
        // At 20 columns (the narrowest itlead lays out) a figure and its
        // band may run past the edge; from 30 on, nothing does.
        assert!(
            columns < 30 || text.lines().all(|line| unicode_width(line) <= columns),
            "{columns} columns: a line is wider\n{text}"
        );
        let scales = scale_widths(&text, ('├', '┤')).len();
        assert_eq!(scales, 13, "{columns} columns: every contrast has its scale\n{text}");
    }
    // The same in ASCII, where a scale is |----+----|.
    let text = report_at(40, true);
    let widths: BTreeSet<usize> = text
        .lines()
        .filter(|line| line.trim_start().starts_with('|') && line.contains('+'))
        .map(|line| {
            let bar = line.trim_start();
            bar[..=bar.rfind('|').unwrap()].len()
        })
        .collect();
    assert_eq!(widths.len(), 1, "{widths:?}\n{text}");
}

fn unicode_width(line: &str) -> usize {
    line.chars().count()
}

/// The report of answers to content 2.0.0 that spread one contrast across
/// both ends, as text 80 wide: content
/// whose contrasts rest on four or more scenarios of four options, where
/// mixed can show (the built-in questionnaire asks at most two such
/// scenarios per contrast, so it never shows mixed), and whose options do
/// not all weigh every contrast of their scenario.
fn content_2_report() -> String {
    Itlead::new()
        .args(["assess", "--answers", fixture("answers/mixed-2.0.0.yaml").to_str().unwrap()])
        .args(["--content", fixture("content/contrasts-2.0.0.yaml").to_str().unwrap()])
        .args(["--no-save"])
        .env("COLUMNS", "80")
        .ok()
        .stdout
}

#[test]
fn what_mixed_means_is_said_once_not_under_every_mixed_contrast() {
    let text = content_2_report();
    assert!(text.contains("mixed\n"), "the fixture has a mixed contrast:\n{text}");
    assert_eq!(text.matches("mixed: no side shows, and your answers leaned").count(), 1, "{text}");
    assert!(!text.contains("cancel out"), "{text}");
    // After the chart, before the overall sentence.
    let said = text.find("mixed: no side shows").unwrap();
    assert!(said > text.find("your score").unwrap() && said < text.find("Overall,").unwrap());
}

#[test]
fn report_contrast_says_why_a_pick_counts_neither_way() {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("me.json");
    Itlead::new()
        .args(["assess", "--answers", fixture("answers/full-2.0.0.yaml").to_str().unwrap()])
        .args(["--content", fixture("content/contrasts-2.0.0.yaml").to_str().unwrap()])
        .args(["--no-save", "--format", "json", "--output", result.to_str().unwrap()])
        .ok();
    let run = Itlead::new()
        .args(["report", result.to_str().unwrap(), "--contrast", "vision"])
        .args(["--content", fixture("content/contrasts-2.0.0.yaml").to_str().unwrap()])
        .ok();
    let text = run.stdout;
    assert!(text.contains("(counts neither way)"), "{text}");
    assert_eq!(
        text.matches("A pick counts neither way when").count(),
        1,
        "said once, under the answers:\n{text}"
    );
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        joined.contains("midway between the scenario's most manager-side and most leader-side"),
        "{text}"
    );
    // A contrast whose picks all count one way or the other needs no note.
    let mut quiet = None;
    for contrast in ["today", "coach", "fans", "unique", "growth", "change", "risk"] {
        let run = Itlead::new()
            .args(["report", result.to_str().unwrap(), "--contrast", contrast])
            .args(["--content", fixture("content/contrasts-2.0.0.yaml").to_str().unwrap()])
            .ok();
        if !run.stdout.contains("(counts neither way)") {
            quiet = Some(run.stdout);
            break;
        }
    }
    if let Some(text) = quiet {
        assert!(!text.contains("A pick counts neither way when"), "{text}");
    }
}

#[test]
fn a_team_of_one_gets_a_caution_instead_of_spreads_and_one_sided_lines() {
    let alice = fixture("results/team/alice.json");
    let run = Itlead::new().args(["team", alice.to_str().unwrap()]).env("COLUMNS", "100").ok();
    let text = run.stdout;
    assert!(text.contains("A team of one"), "{text}");
    assert!(!text.contains("Only one side covered"), "{text}");
    // The sd column is empty, and no row says one side only.
    let header = text.lines().find(|line| line.contains(" sd ")).expect("a table");
    let at = header.chars().collect::<Vec<_>>().windows(4).position(|w| w == [' ', 's', 'd', ' ']);
    let at = at.unwrap() + 1;
    for line in text.lines().filter(|line| line.contains('⟷')) {
        let cells: String = line.chars().skip(at.saturating_sub(2)).take(4).collect();
        assert!(cells.trim().is_empty(), "a spread of one score: {line:?}");
        assert!(!line.contains("side only"), "{line}");
    }
    // Two members: spreads and coverage again.
    let bob = fixture("results/team/bob.json");
    let two = Itlead::new()
        .args(["team", alice.to_str().unwrap(), bob.to_str().unwrap()])
        .env("COLUMNS", "100")
        .ok()
        .stdout;
    assert!(!two.contains("A team of one"), "{two}");
}

/// Every heading of an HTML page, as (level, text).
fn headings(html: &str) -> Vec<(u8, String)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<h") {
        let after = &rest[start + 2..];
        let Some(level) = after.chars().next().and_then(|c| c.to_digit(10)) else {
            rest = after;
            continue;
        };
        let close = format!("</h{level}>");
        let end = after.find(&close).unwrap_or(after.len());
        found.push((level as u8, after[..end].to_owned()));
        rest = &after[end..];
    }
    found
}

/// The HTML of every document that has one.
fn pages() -> Vec<(String, String)> {
    let html = |args: &[&str]| {
        let run = Itlead::new().args(args).args(["--format", "html"]).ok();
        run.stdout
    };
    let answers = fixture("answers/full.yaml");
    let team: Vec<String> = ["alice", "bob", "carol", "dave", "erin"]
        .iter()
        .map(|name| fixture(&format!("results/team/{name}.json")).display().to_string())
        .collect();
    let mut team_args = vec!["team"];
    team_args.extend(team.iter().map(String::as_str));
    let old = fixture("results/compare/old.json");
    let new = fixture("results/compare/new.json");
    vec![
        ("report".into(), html(&["assess", "--answers", answers.to_str().unwrap(), "--no-save"])),
        ("team".into(), html(&team_args)),
        ("compare".into(), html(&["compare", old.to_str().unwrap(), new.to_str().unwrap()])),
        ("explain".into(), html(&["explain", "coach"])),
        ("explain all".into(), html(&["explain"])),
    ]
}

#[test]
fn html_headings_never_skip_a_level_and_long_pages_have_contents() {
    for (name, page) in pages() {
        let outline = headings(&page);
        assert_eq!(outline.first().map(|heading| heading.0), Some(1), "{name}: h1 first");
        for pair in outline.windows(2) {
            assert!(
                pair[1].0 <= pair[0].0 + 1,
                "{name}: h{} after h{} ({:?} after {:?})",
                pair[1].0,
                pair[0].0,
                pair[1].1,
                pair[0].1
            );
        }
        // Every link of the contents leads to a heading of the page.
        for link in page.split("href=\"#").skip(1) {
            let id = &link[..link.find('"').unwrap()];
            assert!(page.contains(&format!("id=\"{id}\"")), "{name}: #{id} leads nowhere");
        }
    }
    let report = &pages()[0].1;
    assert!(report.contains("<nav class=\"contents\" aria-label=\"Contents\">"), "{report}");
    for section in ["Where you land", "Your clearest leanings", "Why these scores", "Next steps"] {
        assert!(report.contains(&format!("\">{section}</a></li>")), "contents lists {section}");
    }
}

#[test]
fn team_cards_say_in_words_what_the_short_headers_mean() {
    let team = &pages()[1].1;
    for (short, words) in [
        ("M", "lean toward the manager side"),
        ("=", "balanced or mixed"),
        ("L", "lean toward the leader side"),
        ("?", "too few responses"),
        ("sd", "standard deviation"),
    ] {
        assert!(
            team.contains(&format!("<abbr title=\"{words}\">{short}</abbr>")),
            "{short}: {words}"
        );
        assert!(team.contains(&format!("data-label=\"{words}\"")), "the card says {words}");
        assert!(!team.contains(&format!("data-label=\"{short}\"")), "no bare {short}: on a card");
    }
}
