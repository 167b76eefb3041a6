//! The answer form: one self-contained HTML page that asks a
//! questionnaire's scenarios in a browser and saves an answers file that
//! `itlead assess --answers` and `itlead feedback` read, for people who
//! have no itlead of their own (a colleague in a 360° round) or prefer a
//! browser.
//!
//! The page needs nothing from outside: no network, fonts or libraries. It
//! is written here as HTML, with every text from the content escaped
//! ([`escape::html`](crate::export::escape::html)); a small inline script (the same for every
//! questionnaire, so a Content-Security-Policy allows it alone, by hash)
//! keeps the answers in the browser's local storage as they are given,
//! shows progress, and on "Save my answers" downloads the answers file and
//! shows its text for copying into an email. Every sentence the respondent
//! reads about the scenarios comes from [`crate::content::wording`], as in
//! the terminal: the questions, the note on scenarios for managers, the
//! introduction, and the "Most likely:" line above the least likely
//! question.

use std::fmt::Write as _;

use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::answer_file::ANSWERS_SCHEMA;
use crate::content::model::{Content, Pick, Role, Scenario};
use crate::content::timing::estimate;
use crate::content::wording::{MOST_LIKELY_LABEL, Plan, first_name, intro, manager_note, question};
use crate::export::escape::html;
use crate::result::{Relation, Subject};

/// The name of the answers file the form saves: `answers-about-sam-lee-peer.json`
/// for a colleague's answers about Sam Lee, `answers.json` for one's own.
pub fn answers_file_name(about: Option<&Subject>) -> String {
    match about {
        Some(about) => format!("answers-about-{}-{}.json", slug(&about.name), about.relation.id()),
        None => String::from("answers.json"),
    }
}

/// `name` for a file name: lowercase letters and digits, words joined by
/// `-`; `someone` when nothing is left.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for character in name.chars().flat_map(char::to_lowercase) {
        if character.is_alphanumeric() {
            out.push(character);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { String::from("someone") } else { out }
}

/// How the rater works with the person rated, said to the rater.
fn relation_words(relation: Relation, name: &str) -> String {
    match relation {
        Relation::Peer => format!("You answer as {name}'s peer."),
        Relation::DirectReport => format!("You answer as someone who reports to {name}."),
        Relation::Manager => format!("You answer as {name}'s manager."),
        Relation::Other => format!("You answer as someone who works with {name}."),
    }
}

/// The seed of the options' order: fixed per questionnaire, so that every
/// copy of a form shows the same page, and shuffled as the terminal
/// shuffles, so that no side always comes first.
fn seed(content: &Content) -> u64 {
    let digest = Sha256::digest(content.hash.as_bytes());
    u64::from_le_bytes(digest[..8].try_into().unwrap_or_default())
}

/// A CSP source for an inline element's text: `'sha256-…'`.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(text)))
}

/// The form for `scenarios` of `content`.
/// With `about`, a colleague's form about that person.
pub fn form(content: &Content, scenarios: &[&Scenario], about: Option<&Subject>) -> String {
    let subject = about.map(|about| first_name(&about.name));
    let minutes = estimate(content, scenarios, false).minutes();
    let title = match about {
        Some(about) => format!("Questions about {}", about.name),
        None => content.title.clone(),
    };
    let storage = format!(
        "itlead-answers:{}:{}",
        content.hash,
        about.map_or_else(
            || String::from("self"),
            |about| format!("{}:{}", slug(&about.name), about.relation.id())
        )
    );
    let policy = format!(
        "default-src 'none'; script-src {}; style-src {}; img-src data:; base-uri 'none'; \
         form-action 'none'",
        csp_hash(SCRIPT),
        csp_hash(STYLE)
    );
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
         <a class=\"skip-link\" href=\"#h-{}\">Skip to the first question</a>\n\
         <main>\n<header>\n<h1>{}</h1>\n<p class=\"meta\">{} {}</p>\n",
        html(&title),
        scenarios.first().map(|scenario| html(&scenario.id)).unwrap_or_default(),
        html(&title),
        html(&content.title),
        html(&content.version),
    );
    if let Some(about) = about {
        let _ = writeln!(
            out,
            "<p class=\"meta\">{}</p>",
            html(&relation_words(about.relation, first_name(&about.name)))
        );
    }
    out.push_str("</header>\n<section class=\"intro\" aria-label=\"Before you start\">\n");
    for paragraph in intro(Plan::of(content, scenarios, minutes, false), subject).split("\n\n") {
        let _ = writeln!(out, "<p>{}</p>", html(paragraph.trim()));
    }
    let keep = match about {
        Some(about) => format!(
            "Your answers stay in this browser until you save them; nothing is sent anywhere. \
             “Save my answers” at the end gives you a file to send to whoever asked you to answer. \
             {} sees only what colleagues answered together, never one person's answers.",
            first_name(&about.name)
        ),
        None => String::from(
            "Your answers stay in this browser until you save them; nothing is sent anywhere. \
             “Save my answers” at the end gives you a file for `itlead assess --answers`.",
        ),
    };
    let _ = writeln!(out, "<p>{}</p>", html(&keep));
    out.push_str(
        "<noscript><p class=\"alert\">This form needs JavaScript to keep and save your \
         answers. Without it, ask for the YAML version of the questions, which any text \
         editor can fill in.</p></noscript>\n</section>\n",
    );
    if about.is_none() {
        let _ = writeln!(
            out,
            "<div class=\"name\"><label for=\"respondent-name\">Your name (optional; shown in team \
             views)</label><input type=\"text\" id=\"respondent-name\" maxlength=\"{}\" \
             autocomplete=\"name\"></div>",
            crate::result::MAX_NAME
        );
    }
    let _ = writeln!(
        out,
        "<form id=\"answers\" novalidate data-schema=\"{}\" data-title=\"{}\" data-version=\"{}\" \
         data-about=\"{}\" data-relation=\"{}\" data-storage=\"{}\" data-filename=\"{}\" \
         data-most-label=\"{}\">",
        html(ANSWERS_SCHEMA),
        html(&content.title),
        html(&content.version),
        html(about.map_or("", |about| about.name.as_str())),
        html(about.map_or("", |about| about.relation.id())),
        html(&storage),
        html(&answers_file_name(about)),
        html(MOST_LIKELY_LABEL),
    );
    let seed = seed(content);
    let total = scenarios.len();
    for (index, scenario) in scenarios.iter().enumerate() {
        scenario_html(&mut out, content, scenario, index, total, subject, seed);
    }
    out.push_str("</form>\n");
    let _ = write!(
        out,
        "<section id=\"finish\" aria-labelledby=\"finish-heading\">\n\
         <h2 id=\"finish-heading\">Save your answers</h2>\n\
         <p>When you are done, save your answers: your browser downloads them as <code>{}</code>; \
         {}.</p>\n\
         <div id=\"save-status\" class=\"status\" tabindex=\"-1\" hidden></div>\n\
         <div id=\"saved\" hidden>\n\
         <label for=\"answers-text\">The same answers as text, to paste into an email if \
         attaching the file is hard:</label>\n\
         <textarea id=\"answers-text\" readonly rows=\"8\" spellcheck=\"false\"></textarea>\n\
         <p><button type=\"button\" id=\"copy\">Copy the text</button> \
         <button type=\"button\" id=\"forget\">Remove my answers from this browser</button></p>\n\
         </div>\n</section>\n",
        html(&answers_file_name(about)),
        if about.is_some() {
            "send that file to whoever asked you to answer"
        } else {
            "score it with <code>itlead assess --answers FILE</code>"
        }
    );
    let _ = write!(
        out,
        "<div class=\"bar\">\n<p class=\"progress\"><progress id=\"progress-bar\" max=\"{total}\" \
         value=\"0\" aria-label=\"Answered\"></progress> <span id=\"progress-text\" \
         aria-live=\"polite\">0 of {total} answered</span></p>\n\
         <button type=\"button\" id=\"save\">Save my answers</button>\n</div>\n\
         </main>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
    );
    out
}

fn scenario_html(
    out: &mut String,
    content: &Content,
    scenario: &Scenario,
    index: usize,
    total: usize,
    subject: Option<&str>,
    seed: u64,
) {
    let id = html(&scenario.id);
    let asks_least = content.picks(scenario).contains(&Pick::Least);
    let situation = scenario.situation_for(subject).unwrap_or_else(|| scenario.situation.clone());
    let _ = writeln!(
        out,
        "<section class=\"scenario\" id=\"s-{id}\" data-id=\"{id}\" data-least=\"{asks_least}\" \
         aria-labelledby=\"h-{id}\">\n<h2 id=\"h-{id}\" tabindex=\"-1\"><span \
         class=\"number\">{} of {total}</span> <span class=\"title\">{}</span></h2>",
        index + 1,
        html(&scenario.title),
    );
    if scenario.role == Some(Role::Manager) {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", html(&manager_note(subject)));
    }
    for paragraph in situation.trim().split("\n\n") {
        let _ = writeln!(out, "<p class=\"situation\">{}</p>", html(paragraph.trim()));
    }
    let order = crate::flow::option_order(scenario, seed);
    for &pick in content.picks(scenario) {
        let name = format!("{id}.{}", pick.as_str());
        let _ = writeln!(
            out,
            "<fieldset class=\"pick {}\"><legend>{}</legend>",
            pick.as_str(),
            html(&question(pick, scenario.is_pair(), subject))
        );
        if pick == Pick::Least {
            out.push_str("<p class=\"chosen\" hidden></p>\n");
        }
        for &option_index in &order {
            let option = &scenario.options[option_index];
            let key = html(&option.key);
            let _ = writeln!(
                out,
                "<div class=\"option\"><input type=\"radio\" name=\"{name}\" id=\"{name}.{key}\" \
                 value=\"{key}\" data-pick=\"{}\"><label for=\"{name}.{key}\">{}</label></div>",
                pick.as_str(),
                html(option.text.trim())
            );
        }
        out.push_str("</fieldset>\n");
    }
    let _ = writeln!(
        out,
        "<div class=\"skip\"><input type=\"checkbox\" id=\"{id}.skip\" data-skip=\"\"><label \
         for=\"{id}.skip\">Skip this one</label></div>\n</section>"
    );
}

/// The page's style: readable from 320 px up, large targets, visible focus.
const STYLE: &str = "\
:root{--ink:#1d1d1f;--muted:#555;--line:#c8c8cc;--accent:#1f5fa8;--done:#2e6b34;--bg:#fff;--soft:#f4f5f7}\
*{box-sizing:border-box}html{scroll-padding-top:1rem;scroll-padding-bottom:6rem}\
body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:var(--ink);background:var(--bg);margin:0;line-height:1.5;font-size:1.0625rem}\
main{max-width:46rem;margin:0 auto;padding:1rem 1rem 7rem}\
p,label,legend,h1,h2{overflow-wrap:anywhere}\
h1{font-size:1.6rem;margin:.5rem 0 .3rem}h2{font-size:1.2rem;margin:0 0 .6rem}\
.meta{color:var(--muted);margin:.1rem 0}.note{color:var(--muted);font-style:italic}.alert{color:#8a4b00;font-weight:600}\
.skip-link{position:absolute;left:.5rem;top:-3rem;background:var(--bg);color:var(--accent);padding:.5rem .8rem;border:2px solid var(--accent);z-index:10}\
.skip-link:focus{top:.5rem}\
.intro{border-bottom:1px solid var(--line);margin-bottom:1rem}\
.name{margin:0 0 1.5rem}.name label{display:block;font-weight:600;margin-bottom:.3rem}\
input[type=text]{font:inherit;width:100%;max-width:24rem;padding:.45rem .6rem;border:1px solid #767676;border-radius:.3rem}\
.scenario{border:1px solid var(--line);border-left:.35rem solid var(--line);border-radius:.4rem;padding:1rem;margin:0 0 1.25rem;background:var(--bg)}\
.scenario.done{border-left-color:var(--done)}.scenario.skipped{border-left-color:var(--muted)}\
.number{display:block;font-size:.85rem;font-weight:600;color:var(--muted)}\
fieldset{border:0;margin:.8rem 0 0;padding:0;min-width:0}legend{font-weight:600;padding:0;margin-bottom:.4rem}\
.option{display:flex;align-items:flex-start;gap:.6rem;padding:.45rem .6rem;margin:.25rem 0;border:1px solid var(--line);border-radius:.35rem;background:var(--soft)}\
.option input{flex:none;margin:.3rem 0 0;width:1.15rem;height:1.15rem}.option label{flex:1;cursor:pointer}\
.option:has(input:checked){border-color:var(--accent);background:#e8f0fa}\
.option.taken{opacity:.6}.option.taken label{cursor:default}\
.chosen{margin:.2rem 0 .4rem;color:var(--muted)}\
.skip{display:flex;align-items:center;gap:.5rem;margin-top:.8rem;color:var(--muted)}.skip input{width:1.1rem;height:1.1rem;margin:0}\
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}\
button{font:inherit;font-weight:600;padding:.55rem 1rem;border-radius:.35rem;border:2px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer}\
button:hover{background:#174a85}#forget,#copy{background:var(--bg);color:var(--accent)}\
#finish{border-top:1px solid var(--line);padding-top:1rem}\
.status{border-left:.35rem solid var(--accent);background:var(--soft);padding:.6rem .8rem;margin:.8rem 0}.status ul{margin:.3rem 0;padding-left:1.2rem}\
textarea{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.85rem;width:100%;margin:.4rem 0;padding:.5rem;border:1px solid #767676;border-radius:.3rem}\
code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9em;overflow-wrap:anywhere}\
.bar{position:fixed;left:0;right:0;bottom:0;background:var(--bg);border-top:1px solid var(--line);display:flex;flex-wrap:wrap;align-items:center;justify-content:center;gap:.4rem 1rem;padding:.5rem 1rem;z-index:5}\
.progress{margin:0;display:flex;align-items:center;gap:.5rem}progress{width:8rem;height:.8rem}\
@media (max-width:30rem){body{font-size:1rem}main{padding:.75rem .75rem 6rem}.scenario{padding:.75rem}progress{display:none}.bar{padding:.4rem .75rem}}\
@media print{.bar,.skip-link,#finish{display:none}.scenario{break-inside:avoid}}";

/// The page's script: the same for every questionnaire (everything it
/// needs is in the page's `data-` attributes), so its hash is fixed.
const SCRIPT: &str = r##"
(function () {
  "use strict";
  var form = document.getElementById("answers");
  var config = form.dataset;
  var sections = Array.prototype.slice.call(form.querySelectorAll("section.scenario"));
  var total = sections.length;
  var bar = document.getElementById("progress-bar");
  var progress = document.getElementById("progress-text");
  var status = document.getElementById("save-status");
  var saved = document.getElementById("saved");
  var text = document.getElementById("answers-text");
  var nameInput = document.getElementById("respondent-name");
  var unsaved = false;
  var warned = false;

  function store() {
    try { return window.localStorage; } catch (error) { return null; }
  }
  function inputs(section, pick) {
    return Array.prototype.slice.call(section.querySelectorAll('input[data-pick="' + pick + '"]'));
  }
  function picked(section, pick) {
    var input = section.querySelector('input[data-pick="' + pick + '"]:checked');
    return input ? input.value : "";
  }
  function skipBox(section) { return section.querySelector("input[data-skip]"); }
  function asksLeast(section) { return section.dataset.least === "true"; }
  function answer(section) {
    return { most: picked(section, "most"), least: picked(section, "least"), skip: skipBox(section).checked };
  }
  function complete(section) {
    var given = answer(section);
    return given.skip || (given.most !== "" && (!asksLeast(section) || given.least !== ""));
  }
  function titleOf(section) { return section.querySelector(".title").textContent; }

  function syncLeast(section) {
    if (!asksLeast(section)) { return; }
    var most = section.querySelector('input[data-pick="most"]:checked');
    inputs(section, "least").forEach(function (input) {
      var same = most !== null && input.value === most.value;
      if (same) { input.checked = false; }
      input.disabled = same;
      input.parentNode.classList.toggle("taken", same);
    });
    var chosen = section.querySelector(".chosen");
    if (most) {
      var label = section.querySelector('label[for="' + most.id + '"]');
      chosen.textContent = config.mostLabel + " " + (label ? label.textContent : most.value);
      chosen.hidden = false;
    } else {
      chosen.textContent = "";
      chosen.hidden = true;
    }
  }
  function show() {
    var done = 0;
    sections.forEach(function (section) {
      var finished = complete(section);
      if (finished) { done += 1; }
      section.classList.toggle("done", finished && !skipBox(section).checked);
      section.classList.toggle("skipped", skipBox(section).checked);
    });
    bar.value = done;
    progress.textContent = done + " of " + total + " answered";
  }
  function state() {
    var answers = {};
    sections.forEach(function (section) { answers[section.dataset.id] = answer(section); });
    return { answers: answers, name: nameInput ? nameInput.value : "", unsaved: unsaved };
  }
  function keep() {
    var storage = store();
    if (!storage) { return; }
    try { storage.setItem(config.storage, JSON.stringify(state())); } catch (error) { /* full or refused */ }
  }
  function restore() {
    var storage = store();
    var kept = null;
    try { kept = storage ? JSON.parse(storage.getItem(config.storage) || "null") : null; } catch (error) { kept = null; }
    if (!kept || typeof kept !== "object" || !kept.answers) { return; }
    sections.forEach(function (section) {
      var given = kept.answers[section.dataset.id];
      if (!given) { return; }
      ["most", "least"].forEach(function (pick) {
        inputs(section, pick).forEach(function (input) { input.checked = input.value === given[pick]; });
      });
      skipBox(section).checked = given.skip === true;
    });
    if (nameInput && typeof kept.name === "string") { nameInput.value = kept.name; }
    unsaved = kept.unsaved === true;
  }
  function changed(event) {
    var section = event.target.closest ? event.target.closest("section.scenario") : null;
    if (section) {
      if (event.target.hasAttribute("data-skip")) {
        if (event.target.checked) {
          section.querySelectorAll("input[data-pick]").forEach(function (input) { input.checked = false; });
        }
      } else if (event.target.checked) {
        skipBox(section).checked = false;
      }
      syncLeast(section);
    }
    unsaved = true;
    warned = false;
    show();
    keep();
  }
  function document_() {
    var doc = { schema: config.schema, content: { title: config.title, version: config.version } };
    if (config.about) {
      doc.about = config.about;
      doc.relation = config.relation;
    } else if (nameInput && nameInput.value.trim() !== "") {
      doc.name = nameInput.value.trim();
    }
    doc.answers = {};
    sections.forEach(function (section) {
      var given = answer(section);
      var value = "skip";
      if (!given.skip && complete(section)) {
        value = asksLeast(section) ? { most: given.most, least: given.least } : given.most;
      }
      doc.answers[section.dataset.id] = value;
    });
    return JSON.stringify(doc, null, 2) + "\n";
  }
  function say(nodes) {
    while (status.firstChild) { status.removeChild(status.firstChild); }
    nodes.forEach(function (node) { status.appendChild(node); });
    status.hidden = false;
    status.focus();
  }
  function paragraph(words) {
    var p = document.createElement("p");
    p.textContent = words;
    return p;
  }
  function download(contents) {
    var blob = new Blob([contents], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = config.filename;
    document.body.appendChild(link);
    link.click();
    link.parentNode.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  function save() {
    var missing = sections.filter(function (section) { return !complete(section); });
    if (missing.length > 0 && !warned) {
      warned = true;
      var list = document.createElement("ul");
      missing.forEach(function (section) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#h-" + section.dataset.id;
        link.textContent = titleOf(section);
        item.appendChild(link);
        list.appendChild(item);
      });
      say([
        paragraph((missing.length === 1 ? "1 scenario has" : missing.length + " scenarios have") + " no answer yet:"),
        list,
        paragraph("Answer them, or press \u201cSave my answers\u201d again to save them as skipped.")
      ]);
      return;
    }
    var contents = document_();
    download(contents);
    text.value = contents;
    saved.hidden = false;
    unsaved = false;
    warned = false;
    keep();
    var where = config.about ? "Send it to whoever asked you to answer." : "Score it with itlead assess --answers.";
    say([paragraph("Saved: your browser downloads " + config.filename + ". " + where +
      " If you change an answer, save again.")]);
  }

  form.addEventListener("change", changed);
  if (nameInput) { nameInput.addEventListener("input", changed); }
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  status.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#h-']") : null;
    if (!link) { return; }
    var heading = document.getElementById(link.getAttribute("href").slice(1));
    if (heading) { event.preventDefault(); heading.scrollIntoView(); heading.focus(); }
  });
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("copy").addEventListener("click", function () {
    text.focus();
    text.select();
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text.value).catch(function () { document.execCommand("copy"); });
    } else {
      document.execCommand("copy");
    }
  });
  document.getElementById("forget").addEventListener("click", function () {
    var storage = store();
    if (storage) { storage.removeItem(config.storage); }
    say([paragraph("Removed from this browser. This page still shows your answers until you close it.")]);
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved) { event.preventDefault(); event.returnValue = ""; }
  });
  restore();
  sections.forEach(syncLeast);
  show();
})();
"##;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_of_words() {
        assert_eq!(slug("Sam Lee"), "sam-lee");
        assert_eq!(slug("  José  Núñez-García "), "josé-núñez-garcía");
        assert_eq!(slug("../etc/passwd"), "etc-passwd");
        assert_eq!(slug("<>"), "someone");
        let about = Subject { name: String::from("Sam Lee"), relation: Relation::DirectReport };
        assert_eq!(answers_file_name(Some(&about)), "answers-about-sam-lee-direct-report.json");
        assert_eq!(answers_file_name(None), "answers.json");
    }

    #[test]
    fn the_form_says_what_the_terminal_says() {
        let content = crate::questionnaire::built_in();
        let scenarios: Vec<&Scenario> = content.scenarios.iter().collect();
        let about = Subject { name: String::from("Sam Lee"), relation: Relation::Peer };
        let page = form(&content, &scenarios, Some(&about));
        let minutes = estimate(&content, &scenarios, false).minutes();
        for paragraph in
            intro(Plan::of(&content, &scenarios, minutes, false), Some("Sam")).split("\n\n")
        {
            assert!(page.contains(&html(paragraph.trim())), "{paragraph}");
        }
        for scenario in &scenarios {
            let legends = page
                .split(&format!("data-id=\"{}\"", scenario.id))
                .nth(1)
                .and_then(|rest| rest.split("</section>").next())
                .unwrap_or_default();
            let asked: Vec<String> =
                crate::content::wording::questions(&content, scenario, Some("Sam"))
                    .iter()
                    .map(|question| format!("<legend>{}</legend>", html(question)))
                    .collect();
            assert_eq!(legends.matches("<legend>").count(), asked.len(), "{}", scenario.id);
            for legend in &asked {
                assert!(legends.contains(legend.as_str()), "{}: {legend}", scenario.id);
            }
            if scenario.role == Some(Role::Manager) {
                assert!(legends.contains(&html(&manager_note(Some("Sam")))));
            }
        }
        assert!(page.contains(&format!("data-most-label=\"{MOST_LIKELY_LABEL}\"")));
        assert!(!page.contains("id=\"respondent-name\""), "a colleague's form asks no name");
    }

    #[test]
    fn the_policy_names_the_script_and_style_by_hash() {
        let content = crate::questionnaire::built_in();
        let scenarios: Vec<&Scenario> = content.scenarios.iter().collect();
        let page = form(&content, &scenarios, None);
        assert!(page.contains(&csp_hash(SCRIPT)) && page.contains(&csp_hash(STYLE)));
        assert!(page.contains(&format!("<script>{SCRIPT}</script>")));
        assert_eq!(page.matches("<script").count(), 1, "one script, ours");
    }
}
