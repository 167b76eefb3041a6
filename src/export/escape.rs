//! Escaping for each format, in one place: text from files and results must
//! show up as text, never as markup, formulas or terminal commands.

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line
/// break. A text field that a spreadsheet would take for a formula (it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading `'`, as OWASP recommends; numbers are written with
/// [`csv_number`] and keep their sign.
pub fn csv_text(value: &str) -> String {
    let neutral = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    csv_quote(&neutral)
}

/// A number for CSV: written as it is, so negative numbers stay numbers.
pub fn csv_number(value: &str) -> String {
    csv_quote(value)
}

fn csv_quote(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

/// Text for Markdown: characters that would start inline markup (HTML
/// tags, links, emphasis, code, table cells) are escaped with a backslash,
/// and line breaks become spaces, so text from a file can never become live
/// HTML, a link or a broken table. For text that starts a block, see
/// [`markdown_block`].
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        match character {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '<' | '>' => {
                out.push('\\');
                out.push(character);
            }
            other => out.push(other),
        }
    }
    crate::content::text::visible(&out, false).into_owned()
}

/// Like [`markdown`], for text that starts a paragraph or a list item:
/// leading spaces (four make a code block) are dropped, and a leading `#`,
/// `-`, `+`, `=`, `1.` or `1)` is escaped, which would make it a heading or
/// a list.
pub fn markdown_block(text: &str) -> String {
    let escaped = markdown(text.trim_start());
    let numbered = escaped.find(['.', ')']).is_some_and(|at| {
        let head = &escaped[..at];
        !head.is_empty() && head.len() < 10 && head.chars().all(|c| c.is_ascii_digit())
    });
    if escaped.starts_with(['#', '-', '+', '=']) {
        format!("\\{escaped}")
    } else if numbered {
        let at = escaped.find(['.', ')']).unwrap_or(0);
        format!("{}\\{}", &escaped[..at], &escaped[at..])
    } else {
        escaped
    }
}

/// An identifier as a Markdown code span: fenced with more backticks than
/// it holds, and with `|` escaped, which GitHub tables need even in code.
pub fn markdown_code(text: &str) -> String {
    let text = crate::content::text::visible(text, false).replace(['\n', '\r'], " ");
    let longest_run = text.split(|character: char| character != '`').map(str::len).max();
    let fence = "`".repeat(longest_run.unwrap_or(0) + 1);
    let padded = if text.starts_with('`') || text.ends_with('`') || text.is_empty() {
        format!(" {text} ")
    } else {
        text
    };
    format!("{fence}{}{fence}", padded.replace('|', "\\|"))
}

/// Text for HTML and SVG.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other if crate::content::text::is_unsafe(other) && other != '\n' => {
                out.push_str(&crate::content::text::escape(other));
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("-2+3"), "'-2+3");
        assert_eq!(csv_text("\tcmd"), "'\tcmd");
        assert_eq!(csv_text("plain, text"), "\"plain, text\"");
        assert_eq!(csv_number("-40"), "-40");
    }

    #[test]
    fn markdown_cannot_carry_html_or_links() {
        assert_eq!(markdown("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(markdown("[x](javascript:alert(1))"), "\\[x\\](javascript:alert(1))");
        assert_eq!(markdown("a|b"), "a\\|b");
        assert_eq!(markdown("Systems & processes"), "Systems & processes");
        assert_eq!(markdown_block("# title"), "\\# title");
        assert_eq!(markdown_block("- item"), "\\- item");
        assert_eq!(markdown_block("12. item"), "12\\. item");
        assert_eq!(markdown_block("1) item"), "1\\) item");
        assert_eq!(markdown_block("    indented code"), "indented code");
        assert_eq!(markdown_block("  # heading"), "\\# heading");
        assert_eq!(markdown_block("2.0.0 release"), "2\\.0.0 release");
        assert_eq!(markdown_block("IT contrasts 2.0.0"), "IT contrasts 2.0.0");
        assert_eq!(markdown("-45"), "-45");
    }

    #[test]
    fn markdown_code_spans_hold_any_text() {
        assert_eq!(markdown_code("today-tomorrow"), "`today-tomorrow`");
        assert_eq!(markdown_code("a`b"), "``a`b``");
        assert_eq!(markdown_code("`x"), "`` `x ``");
        assert_eq!(markdown_code("a|b"), "`a\\|b`");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(html("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
        assert_eq!(html("a\u{1b}[31m"), "a\\e[31m");
    }
}
