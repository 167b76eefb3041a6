//! Turns a [`RawContent`] into a trusted [`Content`], reporting every
//! problem at once rather than stopping at the first.

use std::collections::HashMap;

use super::SCHEMA_VERSION;
use super::diagnostic::{MAX_PROBLEMS, Problem};
use super::locate::YamlPath;
use super::model::{Axis, Choice, Content, MAX_WEIGHT, Pole, Scenario, Sides, Source, Theme};
use super::raw::{RawAxis, RawContent, RawOption, RawPole, RawScenario, RawSides};
use super::suggest::{did_you_mean, fold};

/// Fewest scenarios an axis may load on.
pub const MIN_SCENARIOS_PER_AXIS: usize = 3;
/// Fewest options a scenario may offer.
pub const MIN_OPTIONS: usize = 2;
/// Most options a scenario may offer.
pub const MAX_OPTIONS: usize = 5;

/// Validates `raw`; `hash` identifies the text it came from.
pub fn validate(raw: RawContent, hash: String) -> Result<Content, Vec<Problem>> {
    let mut checker = Checker::default();
    let root = YamlPath::root();
    if raw.schema != SCHEMA_VERSION {
        checker.problem(
            root.key("schema"),
            format!(
                "unknown schema version {}; this itlead reads version {SCHEMA_VERSION}",
                raw.schema
            ),
        );
    }
    checker.text(&root.key("title"), &raw.title);
    checker.text(&root.key("version"), &raw.version);
    let sources = checker.sources(&raw);
    let themes = checker.themes(&raw);
    let axes = checker.axes(&raw);
    let scenarios = checker.scenarios(&raw, &axes);
    checker.axis_coverage(&axes, &scenarios);
    if checker.problems.is_empty() {
        Ok(Content {
            title: raw.title,
            version: raw.version,
            hash,
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

    fn text(&mut self, path: &YamlPath, text: &str) {
        if text.trim().is_empty() {
            self.problem(path.clone(), "must not be empty");
        }
    }

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
        if let Some(first) = seen.insert(id.to_owned(), index) {
            seen.insert(id.to_owned(), first);
            self.problem(
                path.clone(),
                format!("duplicate {what} id `{id}` (first used by {what} #{})", first + 1),
            );
        }
    }

    fn sources(&mut self, raw: &RawContent) -> Vec<Source> {
        let mut seen = HashMap::new();
        let mut sources = Vec::new();
        for (index, source) in raw.sources.iter().enumerate() {
            let path = YamlPath::root().key("sources").index(index);
            self.id(&path.key("key"), &source.key, &mut seen, "source", index);
            self.text(&path.key("title"), &source.title);
            self.text(&path.key("publisher"), &source.publisher);
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
            self.text(&path.key("name"), &theme.name);
            self.text(&path.key("summary"), &theme.summary);
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
            self.problem(YamlPath::root().key("axes"), "there must be at least one axis");
        }
        let mut seen = HashMap::new();
        let mut names: HashMap<String, (usize, String)> = HashMap::new();
        let axis_ids: Vec<&str> = raw.axes.iter().map(|axis| axis.id.as_str()).collect();
        let theme_ids: Vec<&str> = raw.themes.iter().map(|theme| theme.id.as_str()).collect();
        let source_keys: Vec<&str> = raw.sources.iter().map(|source| source.key.as_str()).collect();
        let mut axes = Vec::new();
        for (index, axis) in raw.axes.iter().enumerate() {
            let path = YamlPath::root().key("axes").index(index);
            self.id(&path.key("id"), &axis.id, &mut seen, "axis", index);
            if !theme_ids.contains(&axis.theme.as_str()) {
                let hint = self.hint(&axis.theme, theme_ids.iter().copied());
                self.problem(path.key("theme"), format!("unknown theme `{}`{hint}", axis.theme));
            }
            self.pole(&path.key("manager"), &axis.manager);
            self.pole(&path.key("leader"), &axis.leader);
            self.text(&path.key("explanation"), &axis.explanation);
            self.text(&path.key("in_it"), &axis.in_it);
            self.sides(&path.key("strengths"), &axis.strengths);
            self.sides(&path.key("watch_outs"), &axis.watch_outs);
            self.related(&path, axis, &axis_ids);
            if !source_keys.contains(&axis.source.key.as_str()) {
                let hint = self.hint(&axis.source.key, source_keys.iter().copied());
                self.problem(
                    path.key("source").key("key"),
                    format!("unknown source `{}`{hint}", axis.source.key),
                );
            }
            self.text(&path.key("source").key("point"), &axis.source.point);
            self.names(&path, index, axis, &mut names);
            axes.push(model_axis(axis));
        }
        axes
    }

    fn pole(&mut self, path: &YamlPath, pole: &RawPole) {
        self.text(&path.key("name"), &pole.name);
        self.text(&path.key("summary"), &pole.summary);
    }

    fn sides(&mut self, path: &YamlPath, sides: &RawSides) {
        for (side, items) in [("manager", &sides.manager), ("leader", &sides.leader)] {
            if items.is_empty() {
                self.problem(path.key(side), "needs at least one entry");
            }
            for (index, item) in items.iter().enumerate() {
                self.text(&path.key(side).index(index), item);
            }
        }
    }

    fn related(&mut self, path: &YamlPath, axis: &RawAxis, axis_ids: &[&str]) {
        for (index, related) in axis.related.iter().enumerate() {
            if related == &axis.id {
                self.problem(
                    path.key("related").index(index),
                    "an axis cannot be related to itself",
                );
            } else if !axis_ids.contains(&related.as_str()) {
                let hint = self.hint(related, axis_ids.iter().copied());
                self.problem(
                    path.key("related").index(index),
                    format!("unknown axis `{related}`{hint}"),
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
            self.text(&alias_path, alias);
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
                        format!("`{name}` already names axis `{other_id}`; names and aliases must find one axis"),
                    );
                }
                _ => {
                    names.insert(folded, (index, axis.id.clone()));
                }
            }
        }
    }

    fn scenarios(&mut self, raw: &RawContent, axes: &[Axis]) -> Vec<Scenario> {
        if raw.scenarios.is_empty() {
            self.problem(YamlPath::root().key("scenarios"), "there must be at least one scenario");
        }
        let axis_ids: Vec<&str> = axes.iter().map(|axis| axis.id.as_str()).collect();
        let mut seen = HashMap::new();
        let mut scenarios = Vec::new();
        for (index, raw_scenario) in raw.scenarios.iter().enumerate() {
            let path = YamlPath::root().key("scenarios").index(index);
            self.id(&path.key("id"), &raw_scenario.id, &mut seen, "scenario", index);
            self.text(&path.key("title"), &raw_scenario.title);
            self.text(&path.key("situation"), &raw_scenario.situation);
            let scenario = self.scenario(&path, raw_scenario, &axis_ids);
            self.scenario_spread(&path, &scenario);
            scenarios.push(scenario);
        }
        scenarios
    }

    fn scenario(&mut self, path: &YamlPath, raw: &RawScenario, axis_ids: &[&str]) -> Scenario {
        let count = raw.options.len();
        if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&count) {
            self.problem(
                path.key("options"),
                format!("has {count} options; a scenario needs {MIN_OPTIONS} to {MAX_OPTIONS}"),
            );
        }
        let mut keys: Vec<&str> = Vec::new();
        let mut options = Vec::new();
        for (index, option) in raw.options.iter().enumerate() {
            let option_path = path.key("options").index(index);
            if option.key.len() != 1 || !option.key.chars().all(|c| c.is_ascii_lowercase()) {
                self.problem(
                    option_path.key("key"),
                    format!("option key `{}` must be a single lowercase letter", option.key),
                );
            }
            if keys.contains(&option.key.as_str()) {
                self.problem(
                    option_path.key("key"),
                    format!("duplicate option key `{}`", option.key),
                );
            }
            keys.push(&option.key);
            self.text(&option_path.key("text"), &option.text);
            options.push(self.option(&option_path, option, axis_ids));
        }
        Scenario {
            id: raw.id.clone(),
            title: raw.title.clone(),
            situation: raw.situation.clone(),
            options,
        }
    }

    fn option(&mut self, path: &YamlPath, option: &RawOption, axis_ids: &[&str]) -> Choice {
        if option.weights.entries().is_empty() {
            self.problem(path.key("weights"), "an option must weigh at least one axis");
        }
        let mut weights = Vec::new();
        for (axis, weight) in option.weights.entries() {
            let weight_path = path.key("weights").key(axis);
            if !axis_ids.contains(&axis.as_str()) {
                let hint = self.hint(axis, axis_ids.iter().copied());
                self.problem(weight_path, format!("unknown axis `{axis}`{hint}"));
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
                "on no axis do the options pull both ways (some negative, some positive); one side would have no answer",
            );
        }
    }

    fn axis_coverage(&mut self, axes: &[Axis], scenarios: &[Scenario]) {
        for (index, axis) in axes.iter().enumerate() {
            let path = YamlPath::root().key("axes").index(index).key("id");
            let loading: Vec<&Scenario> =
                scenarios.iter().filter(|s| s.loads_on(&axis.id)).collect();
            if loading.len() < MIN_SCENARIOS_PER_AXIS {
                self.problem(
                    path.clone(),
                    format!(
                        "axis `{}` loads on {} scenario(s); it needs at least {MIN_SCENARIOS_PER_AXIS}",
                        axis.id,
                        loading.len()
                    ),
                );
            }
            let can_go_manager = loading.iter().any(|s| s.range(&axis.id).0 < 0);
            let can_go_leader = loading.iter().any(|s| s.range(&axis.id).1 > 0);
            if !(loading.is_empty() || can_go_manager && can_go_leader) {
                let missing =
                    if can_go_manager { "leader (positive)" } else { "manager (negative)" };
                self.problem(
                    path,
                    format!("axis `{}` cannot move toward the {missing} side: no option weighs it that way", axis.id),
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
    }
}

fn model_pole(pole: &RawPole) -> Pole {
    Pole { name: pole.name.trim().to_owned(), summary: pole.summary.trim().to_owned() }
}
