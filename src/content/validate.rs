//! Turns a [`RawContent`] into a trusted [`Content`], reporting every
//! problem at once rather than stopping at the first.
//!
//! Every lookup goes through a hash map built once, so validation stays
//! linear in the size of the file however many axes or scenarios it holds.

use std::collections::{HashMap, HashSet};

use super::diagnostic::{MAX_PROBLEMS, Problem};
use super::locate::YamlPath;
use super::model::{
    Axis, Choice, Content, MAX_WEIGHT, NAME_PLACEHOLDER, NextSteps, Pole, ResponseFormat, Role,
    Scenario, Sides, Source, Theme,
};
use super::raw::{
    RawAxis, RawContent, RawNextStepSides, RawNextSteps, RawOption, RawPole, RawScenario, RawSides,
};
use super::suggest::{did_you_mean, fold};
use super::text::{escape, first_unsafe};
use super::{SCHEMA_3, SCHEMA_VERSION, SCHEMA_VERSIONS};

/// Fewest scenarios an axis may load on.
pub const MIN_SCENARIOS_PER_AXIS: usize = 3;
/// Fewest options a scenario may offer when only the most likely is asked.
pub const MIN_OPTIONS: usize = 2;
/// Fewest options a scenario may offer when the least likely is asked too:
/// after the most likely, at least two must remain to choose from. From
/// schema 3 a scenario may offer two instead, and is then asked once.
pub const MIN_OPTIONS_MOST_AND_LEAST: usize = 3;
/// Most options a scenario may offer.
pub const MAX_OPTIONS: usize = 5;
/// Most axes one option may weigh.
pub const MAX_WEIGHTS_PER_OPTION: usize = 3;
/// Most practices per pole in next steps.
pub const MAX_PRACTICES: usize = 3;
/// Most axes a content file may define: far above any real questionnaire,
/// low enough that every result itlead writes stays readable by itlead.
pub const MAX_AXES: usize = 100;
/// Most scenarios a content file may hold.
pub const MAX_SCENARIOS: usize = 1000;
/// Most themes or sources a content file may define.
pub const MAX_GROUPS: usize = 100;

/// Validates `raw`; `hash` identifies the text it came from.
pub fn validate(raw: RawContent, hash: String) -> Result<Content, Vec<Problem>> {
    let mut checker = Checker::default();
    let root = YamlPath::root();
    if !SCHEMA_VERSIONS.contains(&raw.schema) {
        checker.problem(
            root.key("schema"),
            format!(
                "unknown schema version {}; this itlead reads versions 1 to {SCHEMA_VERSION}",
                raw.schema
            ),
        );
    }
    checker.line(&root.key("title"), &raw.title);
    checker.line(&root.key("version"), &raw.version);
    let response = checker.response(&raw);
    // A file over the limits is refused for that alone: checking thousands
    // of items would only bury the one problem that matters under noise.
    if checker.limits(&raw) {
        return Err(checker.problems);
    }
    let sources = checker.sources(&raw);
    let themes = checker.themes(&raw);
    let axes = checker.axes(&raw);
    checker.schema_3 = raw.schema >= SCHEMA_3;
    let scenarios = checker.scenarios(&raw, &axes, response);
    checker.axis_coverage(&axes, &scenarios);
    if checker.problems.is_empty() {
        Ok(Content {
            title: raw.title,
            version: raw.version,
            hash,
            response,
            sources,
            themes,
            axes,
            scenarios,
        })
    } else {
        Err(checker.problems)
    }
}

/// Whether `id` is lowercase kebab-case: `a-z`, `0-9` and single inner dashes.
pub fn is_kebab_case(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[derive(Default)]
struct Checker {
    problems: Vec<Problem>,
    /// Whether the file is schema 3 or later: a `most-and-least` scenario
    /// may offer two options, and scenarios may say `quick`.
    schema_3: bool,
}

impl Checker {
    fn problem(&mut self, path: YamlPath, message: impl Into<String>) {
        self.problems.push(Problem::new(path, message));
    }

    /// A "did you mean" hint, while there are few problems: past the number
    /// of problems that will be shown, hints are not worth their cost.
    fn hint<'a>(&self, input: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
        if self.problems.len() < MAX_PROBLEMS {
            did_you_mean(input, candidates)
        } else {
            String::new()
        }
    }

    /// A text that may span lines: not empty, no control characters.
    fn text(&mut self, path: &YamlPath, text: &str) {
        self.characters(path, text, true);
    }

    /// A text that must stay on one line: titles, names, keys, list items.
    fn line(&mut self, path: &YamlPath, text: &str) {
        self.characters(path, text, false);
    }

    fn characters(&mut self, path: &YamlPath, text: &str, multiline: bool) {
        if text.trim().is_empty() {
            self.problem(path.clone(), "must not be empty");
            return;
        }
        if let Some((position, character)) = first_unsafe(text, multiline) {
            let message = if matches!(character, '\n' | '\r') {
                format!(
                    "must be a single line, but has a line break at character {position}; \
                     use a folded block (`>-`) or one line"
                )
            } else {
                format!(
                    "holds the control character `{}` at character {position}; \
                     text may not hold control characters or direction overrides",
                    escape(character)
                )
            };
            self.problem(path.clone(), message);
        }
    }

    fn response(&mut self, raw: &RawContent) -> ResponseFormat {
        let path = YamlPath::root().key("response");
        match (&raw.response, raw.schema) {
            (None, 1) => ResponseFormat::Most,
            (None, _) => {
                self.problem(
                    YamlPath::root(),
                    "missing `response`: write `response: most-and-least` (or `most`)",
                );
                ResponseFormat::Most
            }
            (Some(text), _) => ResponseFormat::from_id(text).unwrap_or_else(|| {
                self.problem(
                    path,
                    format!(
                        "unknown response format `{text}` (expected `most` or `most-and-least`)"
                    ),
                );
                ResponseFormat::Most
            }),
        }
    }

    /// Reports every count over its limit; whether there was one.
    fn limits(&mut self, raw: &RawContent) -> bool {
        let mut over = false;
        for (key, count, limit) in [
            ("axes", raw.axes.len(), MAX_AXES),
            ("scenarios", raw.scenarios.len(), MAX_SCENARIOS),
            ("themes", raw.themes.len(), MAX_GROUPS),
            ("sources", raw.sources.len(), MAX_GROUPS),
        ] {
            if count > limit {
                over = true;
                self.problem(
                    YamlPath::root().key(key),
                    format!("{count} {key}; a questionnaire may have at most {limit}"),
                );
            }
        }
        over
    }

    /// Checks a kebab-case id and records it in `seen`; a repeat is reported
    /// with the position of its first use.
    fn id(
        &mut self,
        path: &YamlPath,
        id: &str,
        seen: &mut HashMap<String, usize>,
        what: &str,
        index: usize,
    ) {
        if !is_kebab_case(id) {
            self.problem(
                path.clone(),
                format!("{what} id `{id}` is not kebab-case (expected lowercase letters, digits and single dashes)"),
            );
        }
        if let Some(first) = seen.get(id) {
            let first = *first;
            self.problem(
                path.clone(),
                format!("duplicate {what} id `{id}` (first used by {what} #{})", first + 1),
            );
        } else {
            seen.insert(id.to_owned(), index);
        }
    }

    fn sources(&mut self, raw: &RawContent) -> Vec<Source> {
        let mut seen = HashMap::new();
        let mut sources = Vec::new();
        for (index, source) in raw.sources.iter().enumerate() {
            let path = YamlPath::root().key("sources").index(index);
            self.id(&path.key("key"), &source.key, &mut seen, "source", index);
            self.line(&path.key("title"), &source.title);
            self.line(&path.key("publisher"), &source.publisher);
            if let Some(author) = &source.author {
                self.line(&path.key("author"), author);
            }
            if let Some(after) = &source.after {
                self.line(&path.key("after"), after);
            }
            sources.push(Source {
                key: source.key.clone(),
                title: source.title.clone(),
                publisher: source.publisher.clone(),
                author: source.author.clone(),
                after: source.after.clone(),
            });
        }
        sources
    }

    fn themes(&mut self, raw: &RawContent) -> Vec<Theme> {
        let mut seen = HashMap::new();
        let mut themes = Vec::new();
        for (index, theme) in raw.themes.iter().enumerate() {
            let path = YamlPath::root().key("themes").index(index);
            self.id(&path.key("id"), &theme.id, &mut seen, "theme", index);
            self.line(&path.key("name"), &theme.name);
            self.line(&path.key("summary"), &theme.summary);
            themes.push(Theme {
                id: theme.id.clone(),
                name: theme.name.clone(),
                summary: theme.summary.clone(),
            });
        }
        themes
    }

    fn axes(&mut self, raw: &RawContent) -> Vec<Axis> {
        if raw.axes.is_empty() {
            self.problem(
                YamlPath::root().key("axes"),
                "there must be at least one contrast under `axes`",
            );
        }
        let mut seen = HashMap::new();
        let mut names: HashMap<String, (usize, String)> = HashMap::new();
        let axis_ids: HashSet<&str> = raw.axes.iter().map(|axis| axis.id.as_str()).collect();
        let theme_ids: HashSet<&str> = raw.themes.iter().map(|theme| theme.id.as_str()).collect();
        let source_keys: HashSet<&str> =
            raw.sources.iter().map(|source| source.key.as_str()).collect();
        let mut axes = Vec::new();
        for (index, axis) in raw.axes.iter().enumerate() {
            let path = YamlPath::root().key("axes").index(index);
            self.id(&path.key("id"), &axis.id, &mut seen, "contrast", index);
            if !theme_ids.contains(axis.theme.as_str()) {
                let hint = self.hint(&axis.theme, raw.themes.iter().map(|theme| theme.id.as_str()));
                self.problem(path.key("theme"), format!("unknown theme `{}`{hint}", axis.theme));
            }
            self.pole(&path.key("manager"), &axis.manager);
            self.pole(&path.key("leader"), &axis.leader);
            self.text(&path.key("explanation"), &axis.explanation);
            self.text(&path.key("in_it"), &axis.in_it);
            self.sides(&path.key("strengths"), &axis.strengths);
            self.sides(&path.key("watch_outs"), &axis.watch_outs);
            self.related(&path, axis, &axis_ids, raw);
            if !source_keys.contains(axis.source.key.as_str()) {
                let hint = self
                    .hint(&axis.source.key, raw.sources.iter().map(|source| source.key.as_str()));
                self.problem(
                    path.key("source").key("key"),
                    format!("unknown source `{}`{hint}", axis.source.key),
                );
            }
            self.line(&path.key("source").key("point"), &axis.source.point);
            if let Some(steps) = &axis.next_steps {
                self.next_steps(&path.key("next_steps"), steps);
            }
            self.names(&path, index, axis, &mut names);
            axes.push(model_axis(axis));
        }
        axes
    }

    fn pole(&mut self, path: &YamlPath, pole: &RawPole) {
        self.line(&path.key("name"), &pole.name);
        self.line(&path.key("summary"), &pole.summary);
    }

    fn sides(&mut self, path: &YamlPath, sides: &RawSides) {
        for (side, items) in [("manager", &sides.manager), ("leader", &sides.leader)] {
            if items.is_empty() {
                self.problem(path.key(side), "needs at least one entry");
            }
            for (index, item) in items.iter().enumerate() {
                self.line(&path.key(side).index(index), item);
            }
        }
    }

    fn next_steps(&mut self, path: &YamlPath, steps: &RawNextStepSides) {
        for (side, steps) in [("manager", &steps.manager), ("leader", &steps.leader)] {
            let path = path.key(side);
            let count = steps.practices.len();
            if !(1..=MAX_PRACTICES).contains(&count) {
                self.problem(
                    path.key("practices"),
                    format!("has {count} practices; give 1 to {MAX_PRACTICES}"),
                );
            }
            for (index, practice) in steps.practices.iter().enumerate() {
                self.line(&path.key("practices").index(index), practice);
            }
            self.line(&path.key("discuss"), &steps.discuss);
        }
    }

    fn related(
        &mut self,
        path: &YamlPath,
        axis: &RawAxis,
        axis_ids: &HashSet<&str>,
        raw: &RawContent,
    ) {
        for (index, related) in axis.related.iter().enumerate() {
            if related == &axis.id {
                self.problem(
                    path.key("related").index(index),
                    "a contrast cannot be related to itself",
                );
            } else if !axis_ids.contains(related.as_str()) {
                let hint = self.hint(related, raw.axes.iter().map(|axis| axis.id.as_str()));
                self.problem(
                    path.key("related").index(index),
                    format!("unknown contrast `{related}`{hint}"),
                );
            }
        }
    }

    /// Ids, pole names and aliases must find exactly one axis.
    fn names(
        &mut self,
        path: &YamlPath,
        index: usize,
        axis: &RawAxis,
        names: &mut HashMap<String, (usize, String)>,
    ) {
        let mut own: Vec<(YamlPath, &str)> = vec![
            (path.key("manager").key("name"), axis.manager.name.as_str()),
            (path.key("leader").key("name"), axis.leader.name.as_str()),
        ];
        for (alias_index, alias) in axis.aliases.iter().enumerate() {
            let alias_path = path.key("aliases").index(alias_index);
            self.line(&alias_path, alias);
            own.push((alias_path, alias.as_str()));
        }
        names.entry(fold(&axis.id)).or_insert((index, axis.id.clone()));
        for (name_path, name) in own {
            let folded = fold(name);
            if folded.is_empty() {
                continue;
            }
            match names.get(&folded) {
                Some((other, other_id)) if *other != index => {
                    self.problem(
                        name_path,
                        format!("`{name}` already names contrast `{other_id}`; names and aliases must find one contrast"),
                    );
                }
                _ => {
                    names.insert(folded, (index, axis.id.clone()));
                }
            }
        }
    }

    fn scenarios(
        &mut self,
        raw: &RawContent,
        axes: &[Axis],
        response: ResponseFormat,
    ) -> Vec<Scenario> {
        if raw.scenarios.is_empty() {
            self.problem(YamlPath::root().key("scenarios"), "there must be at least one scenario");
        }
        let axis_ids: HashSet<&str> = axes.iter().map(|axis| axis.id.as_str()).collect();
        let mut seen = HashMap::new();
        let mut scenarios = Vec::new();
        for (index, raw_scenario) in raw.scenarios.iter().enumerate() {
            let path = YamlPath::root().key("scenarios").index(index);
            self.id(&path.key("id"), &raw_scenario.id, &mut seen, "scenario", index);
            self.line(&path.key("title"), &raw_scenario.title);
            self.text(&path.key("situation"), &raw_scenario.situation);
            let scenario = self.scenario(&path, raw_scenario, &axis_ids, axes, response);
            self.scenario_spread(&path, &scenario);
            scenarios.push(scenario);
        }
        scenarios
    }

    fn role(&mut self, path: &YamlPath, role: Option<&str>) -> Option<Role> {
        let role = role?;
        let parsed = Role::from_id(role);
        if parsed.is_none() {
            let ids = Role::ALL.map(Role::id);
            let hint = self.hint(role, ids);
            self.problem(
                path.clone(),
                format!("unknown role `{role}`{hint} (expected anyone, lead or manager)"),
            );
        }
        parsed
    }

    fn about(&mut self, path: &YamlPath, about: &str) {
        self.text(path, about);
        if !about.contains(NAME_PLACEHOLDER) {
            self.problem(
                path.clone(),
                format!("the observer form must name the person rated as `{NAME_PLACEHOLDER}`"),
            );
        }
        let mut rest = about;
        while let Some(start) = rest.find('{') {
            let after = &rest[start..];
            if !after.starts_with(NAME_PLACEHOLDER) {
                self.problem(
                    path.clone(),
                    format!(
                        "`{{` starts no known placeholder; the only one is `{NAME_PLACEHOLDER}`"
                    ),
                );
                break;
            }
            rest = &after[NAME_PLACEHOLDER.len()..];
        }
    }

    fn scenario(
        &mut self,
        path: &YamlPath,
        raw: &RawScenario,
        axis_ids: &HashSet<&str>,
        axes: &[Axis],
        response: ResponseFormat,
    ) -> Scenario {
        let role = self.role(&path.key("role"), raw.role.as_deref());
        if let Some(about) = &raw.about {
            self.about(&path.key("about"), about);
        }
        let count = raw.options.len();
        let least = match response {
            ResponseFormat::MostAndLeast if !self.schema_3 => MIN_OPTIONS_MOST_AND_LEAST,
            _ => MIN_OPTIONS,
        };
        if !(least..=MAX_OPTIONS).contains(&count) {
            let why = match response {
                ResponseFormat::MostAndLeast if !self.schema_3 => {
                    " (after the most likely, two must remain for the least likely; from \
                     `schema: 3` a choice between two options is allowed, and asked once)"
                }
                _ => "",
            };
            self.problem(
                path.key("options"),
                format!(
                    "has {}; a scenario needs {least} to {MAX_OPTIONS}{why}",
                    super::wording::plural(count, "option", "options")
                ),
            );
        }
        let mut keys: HashSet<&str> = HashSet::new();
        let mut options = Vec::new();
        for (index, option) in raw.options.iter().enumerate() {
            let option_path = path.key("options").index(index);
            if option.key.len() != 1 || !option.key.chars().all(|c| c.is_ascii_lowercase()) {
                self.problem(
                    option_path.key("key"),
                    format!("option key `{}` must be a single lowercase letter", option.key),
                );
            }
            if !keys.insert(&option.key) {
                self.problem(
                    option_path.key("key"),
                    format!("duplicate option key `{}`", option.key),
                );
            }
            self.line(&option_path.key("text"), &option.text);
            options.push(self.option(&option_path, option, axis_ids, axes));
        }
        if raw.quick.is_some() && !self.schema_3 {
            self.problem(
                path.key("quick"),
                "`quick` needs `schema: 3`; before it, the quick form is chosen from the design",
            );
        }
        Scenario {
            id: raw.id.clone(),
            title: raw.title.clone(),
            role,
            situation: raw.situation.clone(),
            about: raw.about.clone(),
            quick: raw.quick.unwrap_or(false),
            options,
        }
    }

    fn option(
        &mut self,
        path: &YamlPath,
        option: &RawOption,
        axis_ids: &HashSet<&str>,
        axes: &[Axis],
    ) -> Choice {
        let entries = option.weights.entries();
        if entries.is_empty() {
            self.problem(path.key("weights"), "an option must weigh at least one contrast");
        }
        if entries.len() > MAX_WEIGHTS_PER_OPTION {
            self.problem(
                path.key("weights"),
                format!(
                    "weighs {} axes; an option may weigh at most {MAX_WEIGHTS_PER_OPTION}",
                    entries.len()
                ),
            );
        }
        let mut weights = Vec::new();
        for (axis, weight) in entries {
            let weight_path = path.key("weights").key(axis);
            if !axis_ids.contains(axis.as_str()) {
                let hint = self.hint(axis, axes.iter().map(|axis| axis.id.as_str()));
                self.problem(weight_path, format!("unknown contrast `{axis}`{hint}"));
                continue;
            }
            let limit = i64::from(MAX_WEIGHT);
            if !(-limit..=limit).contains(weight) {
                self.problem(
                    weight_path,
                    format!("weight {weight} is out of range (expected an integer from -{limit} to {limit})"),
                );
                continue;
            }
            if *weight != 0 {
                weights.push((axis.clone(), *weight as i8));
            }
        }
        Choice { key: option.key.clone(), text: option.text.clone(), weights }
    }

    /// Every axis a scenario moves must tell its options apart, and on at
    /// least one axis the options must pull both ways.
    fn scenario_spread(&mut self, path: &YamlPath, scenario: &Scenario) {
        let axes = scenario.axes();
        let mut pulls_both_ways = false;
        for axis in &axes {
            let (low, high) = scenario.range(axis);
            if low == high {
                self.problem(
                    path.key("options"),
                    format!("every option weighs `{axis}` the same ({low}); the scenario cannot tell answers apart on it"),
                );
            }
            pulls_both_ways |= low < 0 && high > 0;
        }
        if !axes.is_empty() && !pulls_both_ways {
            self.problem(
                path.key("options"),
                "on no contrast do the options pull both ways (some negative, some positive); one side would have no answer",
            );
        }
    }

    /// Every axis loads on enough scenarios, and can move both ways. One
    /// pass over the options, whatever the number of axes.
    fn axis_coverage(&mut self, axes: &[Axis], scenarios: &[Scenario]) {
        #[derive(Default, Clone, Copy)]
        struct Reach {
            scenarios: usize,
            manager: bool,
            leader: bool,
        }
        let mut reach: HashMap<&str, Reach> = HashMap::new();
        for scenario in scenarios {
            for axis in scenario.axes() {
                let (low, high) = scenario.range(axis);
                let entry = reach.entry(axis).or_default();
                entry.scenarios += 1;
                entry.manager |= low < 0;
                entry.leader |= high > 0;
            }
        }
        for (index, axis) in axes.iter().enumerate() {
            let path = YamlPath::root().key("axes").index(index).key("id");
            let found = reach.get(axis.id.as_str()).copied().unwrap_or_default();
            if found.scenarios < MIN_SCENARIOS_PER_AXIS {
                let scenarios = if found.scenarios == 1 { "scenario" } else { "scenarios" };
                self.problem(
                    path.clone(),
                    format!(
                        "contrast `{}` is moved by {} {scenarios}; it needs at least {MIN_SCENARIOS_PER_AXIS}",
                        axis.id, found.scenarios
                    ),
                );
            }
            if found.scenarios > 0 && !(found.manager && found.leader) {
                let missing =
                    if found.manager { "leader (positive)" } else { "manager (negative)" };
                self.problem(
                    path,
                    format!("contrast `{}` cannot move toward the {missing} side: no option weighs it that way", axis.id),
                );
            }
        }
    }
}

fn model_axis(axis: &RawAxis) -> Axis {
    Axis {
        id: axis.id.clone(),
        theme: axis.theme.clone(),
        poles: Sides { manager: model_pole(&axis.manager), leader: model_pole(&axis.leader) },
        aliases: axis.aliases.clone(),
        explanation: axis.explanation.trim().to_owned(),
        in_it: axis.in_it.trim().to_owned(),
        strengths: Sides {
            manager: axis.strengths.manager.clone(),
            leader: axis.strengths.leader.clone(),
        },
        watch_outs: Sides {
            manager: axis.watch_outs.manager.clone(),
            leader: axis.watch_outs.leader.clone(),
        },
        related: axis.related.clone(),
        source: axis.source.key.clone(),
        source_point: axis.source.point.clone(),
        next_steps: axis.next_steps.as_ref().map(|steps| Sides {
            manager: model_steps(&steps.manager),
            leader: model_steps(&steps.leader),
        }),
    }
}

fn model_steps(steps: &RawNextSteps) -> NextSteps {
    NextSteps {
        practices: steps.practices.iter().map(|practice| practice.trim().to_owned()).collect(),
        discuss: steps.discuss.trim().to_owned(),
    }
}

fn model_pole(pole: &RawPole) -> Pole {
    Pole { name: pole.name.trim().to_owned(), summary: pole.summary.trim().to_owned() }
}
