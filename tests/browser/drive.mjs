// Drives itlead's HTML answer form in headless Chromium for tests/browser.rs.
//
//   node drive.mjs fill FORM.html OUT_DIR SEED   answer as a person would, save
//   node drive.mjs layout FORM.html OUT_DIR      overflow at 390 px and 1280 px
//   node drive.mjs axe FORM.html                 axe-core's violations
//   node drive.mjs hostile FORM.html             whether content ran as script
//
// Prints one JSON object on stdout; the Rust test judges it.

import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const [mode, form, out, seedText] = process.argv.slice(2);
const url = "file://" + path.resolve(form);
const executablePath = process.env.ITLEAD_CHROMIUM || "/usr/bin/chromium";

async function launch(options = {}) {
  const profile = fs.mkdtempSync(path.join(process.env.TMPDIR || "/tmp", "itlead-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const page = context.pages()[0] || (await context.newPage());
  const problems = [];
  page.on("pageerror", (error) => problems.push("page error: " + error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push("console: " + message.text());
  });
  // Nothing may leave the machine: any request other than the page itself fails the test.
  const requests = [];
  page.on("request", (request) => {
    if (request.url() !== url && !request.url().startsWith("blob:")) requests.push(request.url());
  });
  return { context, page, problems, requests, profile };
}

async function close(session) {
  await session.context.close();
  fs.rmSync(session.profile, { recursive: true, force: true });
}

/** The scenarios as the page shows them: id, whether least is asked, option values in order. */
async function scenarios(page) {
  return page.$$eval("section.scenario", (sections) =>
    sections.map((section) => ({
      id: section.dataset.id,
      least: section.dataset.least === "true",
      title: section.querySelector(".title").textContent,
      most: Array.from(section.querySelectorAll('input[data-pick="most"]')).map((input) => input.value),
    })),
  );
}

/** Presses Tab until `predicate` holds for the focused element (at most 400 times). */
async function tabTo(page, predicate, argument) {
  for (let step = 0; step < 400; step += 1) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate, argument)) return step + 1;
  }
  throw new Error("Tab never reached the element wanted");
}

const focusedIs = (wanted) => {
  const element = document.activeElement;
  if (!element) return false;
  if (wanted.skip) return element.id === wanted.id + ".skip";
  return element.name === wanted.id + "." + wanted.pick;
};

async function fill() {
  const seed = Number(seedText || "1");
  const session = await launch();
  const { page } = session;
  await page.goto(url);
  const shown = await scenarios(page);
  const expected = {};
  const pickFor = (index, item) => {
    const count = item.most.length;
    const most = item.most[(seed + index) % count];
    let leastAt = (seed * 3 + index * 2 + 1) % count;
    if (item.most[leastAt] === most) leastAt = (leastAt + 1) % count;
    return { most, least: item.most[leastAt] };
  };
  const steps = [];
  // One's own form asks for an optional name first: typed after a Tab or two.
  let name = null;
  if (await page.$("#respondent-name")) {
    await tabTo(page, () => document.activeElement.id === "respondent-name");
    name = "Ana Diaz";
    await page.keyboard.type(name);
    steps.push("named");
  }
  // Scenario 1, by keyboard alone: Tab into each group, arrows to the option, Space to check.
  {
    const item = shown[0];
    const { most, least } = pickFor(0, item);
    await tabTo(page, focusedIs, { id: item.id, pick: "most" });
    await page.keyboard.press("Space");
    const target = item.most.indexOf(most);
    for (let moved = 0; moved < target; moved += 1) await page.keyboard.press("ArrowDown");
    if (item.least) {
      await tabTo(page, focusedIs, { id: item.id, pick: "least" });
      // The least group skips the option chosen as most likely (it is disabled).
      await page.keyboard.press("Space");
      for (let guard = 0; guard < 8; guard += 1) {
        const value = await page.evaluate(() => document.activeElement.value);
        if (value === least) break;
        await page.keyboard.press("ArrowDown");
      }
      await page.keyboard.press("Space");
      expected[item.id] = { most, least };
    } else {
      expected[item.id] = most;
    }
    steps.push("keyboard");
  }
  // Scenario 2 skipped with the keyboard: Tab to "Skip this one", Space.
  {
    const item = shown[1];
    await tabTo(page, focusedIs, { id: item.id, skip: true });
    await page.keyboard.press("Space");
    expected[item.id] = "skip";
    steps.push("skipped");
  }
  // The rest with clicks on the option texts; the last one is left for later.
  const half = Math.floor(shown.length / 2);
  for (let index = 2; index < shown.length - 1; index += 1) {
    const item = shown[index];
    const { most, least } = pickFor(index, item);
    await page.click(`label[for="${item.id}.most.${most}"]`);
    if (item.least) {
      await page.click(`label[for="${item.id}.least.${least}"]`);
      expected[item.id] = { most, least };
    } else {
      expected[item.id] = most;
    }
    if (index === half) {
      // A reload halfway: nothing given so far may be lost.
      const before = await page.$$eval("input:checked", (inputs) => inputs.map((input) => input.id));
      await page.reload();
      const after = await page.$$eval("input:checked", (inputs) => inputs.map((input) => input.id));
      steps.push(JSON.stringify(before) === JSON.stringify(after) ? "restored" : "lost on reload");
    }
  }
  const progressBefore = await page.textContent("#progress-text");
  // Leaving now would lose unsaved answers: the page asks first.
  let asked = false;
  page.once("dialog", async (dialog) => {
    asked = dialog.type() === "beforeunload";
    await dialog.dismiss();
  });
  // As before a reload: local storage is handed on a moment after a write.
  await page.waitForTimeout(300);
  await page.close({ runBeforeUnload: true });
  await new Promise((resolve) => setTimeout(resolve, 500));
  steps.push(asked ? "asked before leaving" : "left without asking");
  // Staying keeps the page; had it closed, a new one reopens the form from storage.
  let page2 = page;
  if (page.isClosed()) {
    page2 = await session.context.newPage();
    await page2.goto(url);
  }
  // Save with one scenario unanswered: the page lists it and saves nothing yet.
  await page2.click("#save");
  const warning = await page2.textContent("#save-status");
  const last = shown[shown.length - 1];
  await page2.click(`#save-status a[href="#h-${last.id}"]`);
  const focusedHeading = await page2.evaluate(() => document.activeElement.id);
  {
    const { most, least } = pickFor(shown.length - 1, last);
    await page2.click(`label[for="${last.id}.most.${most}"]`);
    if (last.least) {
      await page2.click(`label[for="${last.id}.least.${least}"]`);
      expected[last.id] = { most, least };
    } else {
      expected[last.id] = most;
    }
  }
  const progressAfter = await page2.textContent("#progress-text");
  // Save by keyboard: focus the button, Enter.
  await page2.focus("#save");
  const [download] = await Promise.all([
    page2.waitForEvent("download", { timeout: 10000 }).catch(async () => {
      // No download: say what the page showed instead.
      const shown = await page2.textContent("#save-status");
      throw new Error(`saving by keyboard downloaded nothing; the page showed: ${shown}`);
    }),
    page2.keyboard.press("Enter"),
  ]);
  const saved = path.join(out, download.suggestedFilename());
  await download.saveAs(saved);
  const shownText = await page2.inputValue("#answers-text");
  const status = await page2.textContent("#save-status");
  // Kept answers survive a reload until removed; removed, a reload shows none.
  // Chromium hands local storage to its browser process a moment after a
  // write, and a reload within milliseconds of saving (the download just
  // begun) has been seen to read it from before; a person is not that fast.
  await page2.waitForTimeout(300);
  const storedBefore = await page2.evaluate(() =>
    Object.keys(localStorage).map((key) => `${key}: ${localStorage.getItem(key).length} characters`).join(", "));
  await page2.reload();
  const storedAfter = await page2.evaluate(() =>
    Object.keys(localStorage).map((key) => `${key}: ${localStorage.getItem(key).length} characters`).join(", "));
  const keptAfterSave = await page2.$$eval("input:checked", (inputs) => inputs.length);
  await page2.click("#save");
  if (!(await page2.isVisible("#forget"))) {
    // Saving after the reload did not save: say what it showed instead
    // of waiting for a button that will not come.
    const shown = await page2.textContent("#save-status");
    throw new Error(`after a reload, ${keptAfterSave} answers were restored (stored before the reload: ${storedBefore || "nothing"}; after: ${storedAfter || "nothing"}) and saving showed: ${shown}`);
  }
  await page2.click("#forget");
  await page2.reload();
  const keptAfterForget = await page2.$$eval("input:checked", (inputs) => inputs.length);
  // Saved: leaving no longer asks.
  let askedAfterSave = false;
  page2.once("dialog", async (dialog) => {
    askedAfterSave = true;
    await dialog.dismiss();
  });
  await page2.close({ runBeforeUnload: true });
  await new Promise((resolve) => setTimeout(resolve, 300));
  const result = {
    saved,
    file_name: download.suggestedFilename(),
    same_text: fs.readFileSync(saved, "utf8") === shownText,
    expected,
    name,
    steps,
    progress_before: progressBefore,
    progress_after: progressAfter,
    warning,
    focused_heading: focusedHeading,
    status,
    asked_after_save: askedAfterSave,
    kept_after_save: keptAfterSave,
    kept_after_forget: keptAfterForget,
    problems: session.problems,
    requests: session.requests,
  };
  await close(session);
  return result;
}

async function layout() {
  const result = { widths: [], problems: [], requests: [] };
  for (const width of [390, 1280]) {
    const session = await launch({ viewport: { width, height: 900 } });
    const { page } = session;
    await page.goto(url);
    // A few answers, so that the "Most likely:" line and the state borders show too.
    const shown = await scenarios(page);
    for (const item of shown.slice(0, 2)) {
      await page.click(`label[for="${item.id}.most.${item.most[0]}"]`);
    }
    await page.click("#save");
    const measured = await page.evaluate(() => {
      const viewport = document.documentElement.clientWidth;
      const wide = Array.from(document.querySelectorAll("body *"))
        .filter((element) => {
          const box = element.getBoundingClientRect();
          return box.width > 0 && (box.right > viewport + 0.5 || box.left < -0.5) && !element.classList.contains("skip-link");
        })
        .map((element) => element.tagName.toLowerCase() + (element.className ? "." + element.className : ""));
      return { viewport, scroll: document.documentElement.scrollWidth, wide: wide.slice(0, 10) };
    });
    const shot = path.join(out, `form-${width}.png`);
    await page.screenshot({ path: shot });
    await page.screenshot({ path: path.join(out, `form-${width}-full.png`), fullPage: true });
    result.widths.push({ width, ...measured, shot });
    result.problems.push(...session.problems);
    result.requests.push(...session.requests);
    await close(session);
  }
  return result;
}

async function axe() {
  // axe-core is injected through the automation channel: the page's own
  // Content-Security-Policy allows its script alone, and stays on.
  const source = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
  const results = [];
  for (const width of [390, 1280]) {
    const session = await launch({ viewport: { width, height: 900 } });
    const { page } = session;
    await page.goto(url);
    const shown = await scenarios(page);
    await page.click(`label[for="${shown[0].id}.most.${shown[0].most[0]}"]`);
    await page.click("#save");
    await page.evaluate(source);
    const found = await page.evaluate(async () => {
      const report = await window.axe.run(document, { resultTypes: ["violations"] });
      return report.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        nodes: violation.nodes.slice(0, 3).map((node) => node.target.join(" ")),
      }));
    });
    results.push({ width, violations: found, problems: session.problems });
    await close(session);
  }
  return { results };
}

async function hostile() {
  const session = await launch();
  const { page } = session;
  const violations = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.goto(url);
  await page.waitForTimeout(300);
  const state = await page.evaluate(() => ({
    pwned: window.pwned === true,
    scripts: document.querySelectorAll("script").length,
    images: document.querySelectorAll("img").length,
    handlers: Array.from(document.querySelectorAll("*")).filter((element) =>
      Array.from(element.attributes).some((attribute) => attribute.name.startsWith("on")),
    ).length,
    title: document.title,
    headings: Array.from(document.querySelectorAll("h2 .title")).map((heading) => heading.textContent),
    options: Array.from(document.querySelectorAll(".option label")).map((label) => label.textContent),
    progress: document.getElementById("progress-text").textContent,
  }));
  const result = { ...state, problems: session.problems, requests: session.requests };
  await close(session);
  return result;
}

const modes = { fill, layout, axe, hostile };
if (!modes[mode]) {
  console.error("usage: node drive.mjs fill|layout|axe|hostile FORM.html [OUT_DIR] [SEED]");
  process.exit(2);
}
const result = await modes[mode]();
process.stdout.write(JSON.stringify(result) + "\n");
