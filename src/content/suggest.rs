//! "Did you mean …" suggestions for mistyped names.

/// Candidates close to `input`, closest first, at most three.
pub fn similar<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let input = input.to_lowercase();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|candidate| (strsim::jaro_winkler(&input, &candidate.to_lowercase()), candidate))
        .filter(|(score, _)| *score >= 0.8)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let mut names: Vec<&str> = Vec::new();
    for (_, name) in scored {
        if !names.contains(&name) && names.len() < 3 {
            names.push(name);
        }
    }
    names
}

/// ` (did you mean `x`?)`, or nothing when no candidate is close.
pub fn did_you_mean<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    let names = similar(input, candidates);
    if names.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = names.iter().map(|name| format!("`{name}`")).collect();
        format!(" (did you mean {}?)", quoted.join(" or "))
    }
}

/// Case- and separator-insensitive form of a name: "Status quo",
/// "status-quo" and "`STATUS_QUO`" all fold to "status quo".
pub fn fold(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let names = ["goals-vision", "today-tomorrow", "direct-coach"];
        assert_eq!(similar("goals-visoin", names), vec!["goals-vision"]);
        assert!(similar("zzzz", names).is_empty());
        assert_eq!(did_you_mean("today-tomorow", names), " (did you mean `today-tomorrow`?)");
    }
}
