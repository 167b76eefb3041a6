//! Where a menu's lines go on a terminal of a given size: the question, the
//! keys, and as many options as fit, a page at a time.
//!
//! The menu redraws itself in place by moving the cursor up over what it
//! drew, which works only when every line it wrote is one row of the
//! screen and all of them are still on the screen. So [`layout`] wraps
//! every line to the width (one column spare, so no terminal wraps it
//! again), and, when the options do not fit under the question, shows the
//! page of options that holds the highlighted one, with a line saying how
//! many are above and below. Drawing is the theme's ([`dialoguer::theme`]);
//! this is pure arithmetic over its output, tested without a terminal.

use dialoguer::theme::Theme;

/// A terminal's size in character cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Columns.
    pub columns: usize,
    /// Rows.
    pub rows: usize,
}

/// What a menu shows, before it is laid out.
#[derive(Debug, Clone, Copy)]
pub struct MenuText<'a> {
    /// The question: "What would you most likely do?".
    pub prompt: &'a str,
    /// The keys, shown under the question when there is room.
    pub hint: &'a str,
    /// The entries, plain and safe to show; the first `numbered` are
    /// options that a digit reaches, shown with their number.
    pub items: &'a [String],
    /// How many of the first items are numbered.
    pub numbered: usize,
    /// The "more above and below" line, for terminals without UTF-8.
    pub ascii: bool,
}

/// The columns text may use on a terminal `columns` wide: one spare, so
/// that a full line never wraps on terminals that wrap at the last column.
pub fn usable(columns: usize) -> usize {
    columns.saturating_sub(1).max(1)
}

/// `text` wrapped to `width` columns, long words broken; at least one line.
pub fn wrap_plain(text: &str, width: usize, indent: &str) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .subsequent_indent(indent)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let lines: Vec<String> = textwrap::wrap(text.trim(), options)
        .into_iter()
        .map(std::borrow::Cow::into_owned)
        .collect();
    if lines.is_empty() { vec![String::new()] } else { lines }
}

/// Display width of `text`, escape sequences not counted.
pub fn width_of(text: &str) -> usize {
    console::measure_text_width(text)
}

/// The rows of one option as the theme draws it, active or not.
fn item_rows(
    theme: &dyn Theme,
    text: &MenuText<'_>,
    index: usize,
    active: bool,
    width: usize,
) -> Vec<String> {
    let mut probe = String::new();
    let _ = theme.format_select_prompt_item(&mut probe, "", false);
    let prefix = width_of(&probe).max(1);
    let label = if index < text.numbered {
        format!("{}. {}", index + 1, text.items[index])
    } else {
        text.items[index].clone()
    };
    let hang = if index < text.numbered { "   " } else { "" };
    let lines = wrap_plain(&label, width.saturating_sub(prefix).max(1), hang);
    let joined = lines.join(&format!("\n{}", " ".repeat(prefix)));
    let mut drawn = String::new();
    let _ = theme.format_select_prompt_item(&mut drawn, &joined, active);
    drawn.lines().map(str::to_owned).collect()
}

/// The rows of the question as the theme draws it.
fn prompt_rows(theme: &dyn Theme, prompt: &str, width: usize) -> Vec<String> {
    // The theme puts a mark on either side (`? … ›`): leave room for them.
    let mut probe = String::new();
    let _ = theme.format_select_prompt(&mut probe, "x");
    let marks = width_of(&probe).saturating_sub(1);
    let lines = wrap_plain(prompt, width.saturating_sub(marks).max(1), "");
    let joined = lines.join("\n  ");
    let mut drawn = String::new();
    let _ = theme.format_select_prompt(&mut drawn, &joined);
    drawn.lines().map(str::to_owned).collect()
}

/// The line that says how many options are off the page.
fn more_line(above: usize, below: usize, ascii: bool, width: usize) -> String {
    let (up, down, between) = if ascii { ("^", "v", ", ") } else { ("↑", "↓", " · ") };
    let mut parts = Vec::new();
    if above > 0 {
        parts.push(format!("{up} {above} more above"));
    }
    if below > 0 {
        parts.push(format!("{down} {below} more below"));
    }
    let line = format!("  {}", parts.join(between));
    if width_of(&line) <= width {
        return line;
    }
    let mut medium = Vec::new();
    let mut short = Vec::new();
    if above > 0 {
        medium.push(format!("{up} {above} above"));
        short.push(format!("{up}{above}"));
    }
    if below > 0 {
        medium.push(format!("{down} {below} below"));
        short.push(format!("{down}{below}"));
    }
    let line = format!("  {}", medium.join(between));
    if width_of(&line) <= width {
        return line;
    }
    cut(&format!("  {}", short.join(" ")), width)
}

/// Plain `text` cut to `width` columns.
fn cut(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for character in text.chars() {
        let wide = unicode_width::UnicodeWidthChar::width(character).unwrap_or(0);
        if used + wide > width {
            break;
        }
        used += wide;
        out.push(character);
    }
    out
}

/// A row cut short to say that more follows: plain, ending in `…`.
fn ellipsis(row: &str, width: usize) -> String {
    let mut ended = cut(&console::strip_ansi_codes(row), width.saturating_sub(1));
    ended.push('…');
    ended
}

/// Pages of items: consecutive ranges whose rows fit in `room` rows each
/// (an item taller than that has a page to itself).
fn pages(heights: &[usize], room: usize) -> Vec<std::ops::Range<usize>> {
    let mut pages = Vec::new();
    let mut start = 0;
    let mut used = 0;
    for (index, &height) in heights.iter().enumerate() {
        if index > start && used + height > room {
            pages.push(start..index);
            start = index;
            used = 0;
        }
        used += height;
    }
    if start < heights.len() {
        pages.push(start..heights.len());
    }
    pages
}

/// The rows of a menu with `current` highlighted, on a terminal of `size`:
/// at most `size.rows` rows, none wider than [`usable`] columns, the
/// highlighted option always among them (cut short with `…` only when it
/// alone is taller than the screen).
pub fn layout(theme: &dyn Theme, text: &MenuText<'_>, current: usize, size: Size) -> Vec<String> {
    let width = usable(size.columns);
    let rows = size.rows.max(1);
    let current = current.min(text.items.len().saturating_sub(1));
    let mut head = prompt_rows(theme, text.prompt, width);
    // The question takes at most half the screen, and leaves two rows for
    // the highlighted option and the "more" line.
    head.truncate((rows / 2).min(rows.saturating_sub(2)));
    let hint: Vec<String> = wrap_plain(text.hint, width.saturating_sub(2).max(1), "")
        .into_iter()
        .map(|line| format!("  {line}"))
        .collect();
    let items: Vec<Vec<String>> = (0..text.items.len())
        .map(|index| item_rows(theme, text, index, index == current, width))
        .collect();
    let heights: Vec<usize> = items.iter().map(Vec::len).collect();
    let all: usize = heights.iter().sum();
    // The keys go when the options would not get at least four rows.
    if rows >= head.len() + hint.len() + all.min(4) {
        head.extend(hint);
    }
    if all <= rows.saturating_sub(head.len()) {
        let mut out = head;
        for item in items {
            out.extend(item);
        }
        return out;
    }
    // Paged: one row for the "more" line, the rest for the page. The
    // question gives up rows (down to one) before the highlighted option
    // is cut short.
    let need = heights.get(current).copied().unwrap_or(1);
    if head.len() + 1 + need > rows {
        let keep = rows.saturating_sub(1 + need).max(1).min(head.len());
        if keep < head.len() {
            head.truncate(keep);
            if let Some(last) = head.last_mut() {
                *last = ellipsis(last, width);
            }
        }
    }
    let room = rows.saturating_sub(head.len());
    let mut out = head;
    let page_room = room.saturating_sub(1).max(1);
    let pages = pages(&heights, page_room);
    let page = pages.iter().find(|page| page.contains(&current)).cloned().unwrap_or(0..0);
    let mut shown = Vec::new();
    for (index, item) in items.into_iter().enumerate() {
        if page.contains(&index) {
            shown.extend(item);
        }
    }
    if shown.len() > page_room {
        shown.truncate(page_room);
        if let Some(last) = shown.last_mut() {
            *last = ellipsis(last, width);
        }
    }
    out.extend(shown);
    out.push(more_line(page.start, text.items.len() - page.end, text.ascii, width));
    out.truncate(rows);
    out
}

/// How many screen rows `text` takes on a terminal `columns` wide, each of
/// its lines wrapped by the terminal.
pub fn rows_of(text: &str, columns: usize) -> usize {
    let columns = columns.max(1);
    text.split('\n').map(|line| width_of(line).div_ceil(columns).max(1)).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use dialoguer::theme::{ColorfulTheme, SimpleTheme};

    fn items() -> Vec<String> {
        vec![
            String::from("Restore service first with the runbook, then write up what happened."),
            String::from("Gather the people who know the system and agree on a plan together."),
            String::from("Ask the on-call engineer what they need and stay out of their way."),
            String::from("Look for the change that caused it and roll it back."),
            String::from("Skip this one"),
            String::from("Back"),
        ]
    }

    fn text(items: &[String]) -> MenuText<'_> {
        MenuText {
            prompt: "What would you most likely do?",
            hint: "↑↓ or 1–4 move · Enter choose · Esc stop",
            items,
            numbered: 4,
            ascii: false,
        }
    }

    #[test]
    fn everything_fits_on_a_large_terminal() {
        let items = items();
        let rows = layout(&SimpleTheme, &text(&items), 1, Size { columns: 100, rows: 40 });
        assert_eq!(rows[0], "What would you most likely do?:", "dialoguer's own plain theme");
        assert!(rows[1].contains("Enter choose"));
        assert_eq!(
            rows[2],
            "  1. Restore service first with the runbook, then write up what happened."
        );
        assert_eq!(
            rows[3],
            "> 2. Gather the people who know the system and agree on a plan together."
        );
        assert_eq!(rows.last().unwrap(), "  Back");
        assert!(!rows.iter().any(|row| row.contains("more")));
    }

    #[test]
    fn long_options_wrap_under_their_text() {
        let items = items();
        let rows = layout(&SimpleTheme, &text(&items), 0, Size { columns: 40, rows: 40 });
        let first = rows.iter().position(|row| row.starts_with("> 1.")).unwrap();
        assert_eq!(rows[first], "> 1. Restore service first with the");
        assert_eq!(rows[first + 1], "     runbook, then write up what");
        assert!(rows.iter().all(|row| width_of(row) <= 39), "{rows:#?}");
    }

    #[test]
    fn a_small_screen_pages_the_options_and_keeps_the_highlight() {
        let items = items();
        for current in 0..items.len() {
            let rows = layout(&SimpleTheme, &text(&items), current, Size { columns: 30, rows: 6 });
            assert!(rows.len() <= 6, "{rows:#?}");
            assert!(rows.iter().all(|row| width_of(row) <= 29), "{rows:#?}");
            assert!(rows.iter().any(|row| row.starts_with("> ")), "{current}: {rows:#?}");
            let more = rows.last().unwrap();
            assert!(more.contains('↑') || more.contains('↓'), "{current}: {rows:#?}");
        }
    }

    #[test]
    fn two_options_and_skip_lay_out_like_four() {
        let items = vec![String::from("Fix it now"), String::from("Plan it"), String::from("Skip")];
        let menu = MenuText { numbered: 2, ..text(&items) };
        let rows = layout(&SimpleTheme, &menu, 2, Size { columns: 80, rows: 24 });
        assert_eq!(&rows[2..], ["  1. Fix it now", "  2. Plan it", "> Skip"]);
    }

    #[test]
    fn the_colourful_theme_is_measured_without_its_escapes() {
        console::set_colors_enabled_stderr(true);
        let items = items();
        let theme = ColorfulTheme::default();
        for columns in [12, 20, 30, 37, 60] {
            for screen in [3, 6, 10] {
                for current in 0..items.len() {
                    let size = Size { columns, rows: screen };
                    let rows = layout(&theme, &text(&items), current, size);
                    assert!(rows.len() <= screen, "{columns}x{screen}: {rows:#?}");
                    assert!(
                        rows.iter().all(|row| width_of(row) < columns),
                        "{columns}x{screen}: {rows:#?}"
                    );
                    assert!(
                        rows.iter().any(|row| row.contains('❯')),
                        "{columns}x{screen} item {current}: {rows:#?}"
                    );
                }
            }
        }
    }

    #[test]
    fn rows_count_what_the_terminal_wraps() {
        assert_eq!(rows_of("abc", 10), 1);
        assert_eq!(rows_of("0123456789", 10), 1);
        assert_eq!(rows_of("0123456789x", 10), 2);
        assert_eq!(rows_of("a\n\nb", 10), 3);
    }
}
