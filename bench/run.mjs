// The browser half of `make bench` (scripts/bench.sh builds everything first):
// serves the builds with gzip, measures them in headless Chromium with Playwright and
// Lighthouse next to two baselines (a blank page, a bare Leptos page), reads the engine
// benchmarks' output, writes bench/results.json and regenerates the figures table in
// docs/performance.md. Slowness never fails it: only a broken setup does.
//
//   node bench/run.mjs --work DIR
//   node bench/run.mjs --docs-only    (the summary and the docs table again from bench/results.json)
//
// DIR holds app/ (the app's release build), bare/ (bench/bare-leptos built the same
// way), blank/ (bench/blank), large-plan.json (cargo run --example large-plan),
// wasm-engine.txt (the output of tests/wasm_engine.rs), criterion-started (a stamp).
// BENCH_LH_RUNS (3), BENCH_LOADS (5), BENCH_NAV_ROUNDS (5), BENCH_KEYS (200) change
// how many times each figure is taken.
import { chromium } from "@playwright/test";
import { spawn, execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync, statSync, mkdtempSync, cpSync, rmSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { tmpdir, cpus, totalmem, release, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";
import { csvImportFigures } from "./csv-import.mjs";
import { simWorkerFigures } from "./sim-worker.mjs";
import { measureBuild, GOAL_BYTES } from "../scripts/size.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const WORK = resolve(args[args.indexOf("--work") + 1] || "");
const IS_MAIN = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const DOCS_ONLY = args.includes("--docs-only");
if (IS_MAIN && !DOCS_ONLY && (!args.includes("--work") || !existsSync(WORK))) throw new Error("usage: node bench/run.mjs --work DIR | --docs-only");

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const LH_RUNS = Number(process.env.BENCH_LH_RUNS || 3);
const LOADS = Number(process.env.BENCH_LOADS || 5);
const NAV_ROUNDS = Number(process.env.BENCH_NAV_ROUNDS || 5);
const KEYS = Number(process.env.BENCH_KEYS || 200);
const KEY_GAP_MS = 50;
// Slowness never fails the benchmark: waits give up only after minutes, when something is broken.
const WAIT_MS = 300_000;
const VIEWPORT = { width: 1280, height: 900 };
// The plan's screens, by the names of their navigation links.
const SCREENS = ["Overview", "Opportunity", "Reach", "Act", "Convert", "Engage", "Strategy", "90-day plan", "Measure", "Report"];

const log = (...m) => console.log("[bench]", ...m);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return null;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function run(cmd, argv, opts = {}) {
  return new Promise((ok, fail) => {
    const child = spawn(cmd, argv, { stdio: ["ignore", "pipe", "pipe"], ...opts });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok(out) : fail(new Error(`${cmd} exited with ${code}: ${err.slice(-2000)}`))));
  });
}

// ---------------------------------------------------------------------------------
// The machine.

function machine() {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  const model = (cpuinfo.match(/^model name\s*:\s*(.+)$/m) || [])[1] || "unknown";
  const version = (cmd, argv) => {
    try {
      return execFileSync(cmd, argv, { encoding: "utf8" }).trim();
    } catch {
      return null;
    }
  };
  return {
    date: new Date().toISOString(),
    cores: cpus().length,
    cpu: model.trim(),
    memory_gb: round(totalmem() / 2 ** 30, 1),
    load_average_at_start: loadavg().map((x) => round(x, 2)),
    os: `Linux ${release()}`,
    chromium: version(CHROMIUM, ["--version"]),
    node: process.version,
    rustc: version("rustc", ["--version"]),
    trunk: version("trunk", ["--version"]),
    lighthouse: version(join(ROOT, "node_modules/.bin/lighthouse"), ["--version"]),
  };
}

// ---------------------------------------------------------------------------------
// In-page helpers, installed before any page script runs.

/** After the element matching `sel` (and `text`, if given) is first seen in a frame:
 *  `seen` (that frame), `painted` (the task after that frame was painted) and
 *  `idle` (a timer after that: the main thread was free to respond), in ms since
 *  navigation start. */
function watchReady({ sel, text }) {
  const found = () => [...document.querySelectorAll(sel)].some((el) => !text || el.textContent.trim() === text);
  const tick = () => {
    if (!found()) return requestAnimationFrame(tick);
    const seen = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      const painted = performance.now();
      setTimeout(() => (window.__ready = { seen, painted, idle: performance.now() }), 0);
    };
    ch.port2.postMessage(0);
  };
  requestAnimationFrame(tick);
}

/** Keystroke, click and frame instrumentation of a page. */
function instrument() {
  const b = (window.__bench = { keys: [], events: [], nav: null, frames: 0, raf: false });
  document.addEventListener("keydown", (e) => b.keys.push(e.timeStamp), true);
  b.startRaf = () => {
    if (b.raf) return;
    b.raf = true;
    const loop = () => {
      b.frames++;
      if (b.raf) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
  b.stopRaf = () => (b.raf = false);
  b.observe = () => {
    b.events = [];
    b.keys = [];
    b.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        b.events.push({ name: e.name, startTime: e.startTime, duration: e.duration, interactionId: e.interactionId || 0 });
    });
    b.observer.observe({ type: "event", durationThreshold: 16, buffered: false });
  };
  // A click on a link: from the click to the paint of the frame that first shows a new
  // level-1 heading (another element or another text) with the link's fragment in the
  // address bar.
  document.addEventListener(
    "click",
    (e) => {
      const a = e.target.closest && e.target.closest("a[href^='#']");
      if (!a) return;
      const start = e.timeStamp;
      const before = document.querySelector("h1");
      const beforeText = before && before.textContent;
      const want = a.getAttribute("href");
      const tick = () => {
        // Screens of one kind (the four stages) may keep their heading element and only
        // change its text: either tells that the new screen is in the page.
        const h1 = document.querySelector("h1");
        if (location.hash === want && h1 && (h1 !== before || h1.textContent !== beforeText)) {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => (b.nav = { ms: performance.now() - start, heading: h1.textContent.trim() });
          ch.port2.postMessage(0);
        } else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    true,
  );
  // An import: from the file input's change event to the paint of the frame that first
  // shows the result (a status saying what was imported, or an alert).
  document.addEventListener(
    "change",
    (e) => {
      if (!(e.target instanceof HTMLInputElement) || e.target.type !== "file") return;
      const start = e.timeStamp;
      b.imported = null;
      const tick = () => {
        const alert = document.querySelector("[role=alert]");
        const status = [...document.querySelectorAll("[role=status]")].find((s) => /imported/i.test(s.textContent));
        if (status || alert) {
          const ch = new MessageChannel();
          ch.port1.onmessage = () =>
            (b.imported = { ms: performance.now() - start, ok: !!status, text: (status || alert).textContent.trim() });
          ch.port2.postMessage(0);
        } else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    true,
  );
}

// ---------------------------------------------------------------------------------
// Browser measurements.

async function newContext(browser) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(WAIT_MS);
  await context.addInitScript(instrument);
  return context;
}

/** Loads `url` `times` times, each time in a new browser context (a cold HTTP cache,
 *  as on a first visit; `storageState` gives it stored plans): the readiness of each load. */
async function loads(browser, url, ready, times, storageState) {
  const runs = [];
  for (let i = 0; i < times; i++) {
    const context = await browser.newContext({ viewport: VIEWPORT, storageState });
    context.setDefaultTimeout(WAIT_MS);
    const page = await context.newPage();
    await page.addInitScript(watchReady, ready);
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__ready, null, { timeout: WAIT_MS });
    // The paint timing entry may be queued a little after the paint itself.
    await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length, null, { timeout: 2000 }).catch(() => {});
    const r = await page.evaluate(() => ({
      ...window.__ready,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    }));
    runs.push(r);
    await context.close();
    await sleep(300);
  }
  return {
    runs: runs.map((r) => ({ interactive_ms: round(r.idle), painted_ms: round(r.painted), fcp_ms: round(r.fcp) })),
    interactive_ms: round(median(runs.map((r) => r.idle))),
    fcp_ms: round(median(runs.map((r) => r.fcp).filter((x) => x != null))),
  };
}

/** Loads `url` once, waits until its service worker keeps the build, then loads it
 *  `times` more times in the same browser context (a repeat visit: the HTTP cache and
 *  the offline copy warm), each in a new page. */
async function repeatLoads(browser, url, ready, times) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  context.setDefaultTimeout(WAIT_MS);
  const first = await context.newPage();
  await first.goto(url);
  await first.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: WAIT_MS });
  await first.close();
  const runs = [];
  for (let i = 0; i < times; i++) {
    const page = await context.newPage();
    await page.addInitScript(watchReady, ready);
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(() => window.__ready, null, { timeout: WAIT_MS });
    await page.waitForFunction(() => performance.getEntriesByName("first-contentful-paint").length, null, { timeout: 2000 }).catch(() => {});
    runs.push(await page.evaluate(() => ({ ...window.__ready, fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null })));
    await page.close();
    await sleep(300);
  }
  await context.close();
  return {
    runs: runs.map((r) => ({ interactive_ms: round(r.idle), painted_ms: round(r.painted), fcp_ms: round(r.fcp) })),
    interactive_ms: round(median(runs.map((r) => r.idle))),
    fcp_ms: round(median(runs.map((r) => r.fcp).filter((x) => x != null))),
  };
}

async function planLink(page, name) {
  const nav = page.getByRole("navigation", { name: "Plan" });
  const inNav = nav.getByRole("link", { name, exact: true });
  if (await inNav.count()) return inNav.first();
  return page.getByRole("link", { name, exact: true }).first();
}

/** Imports the large plan file on the home screen of `page`; the time and the plan's id. */
async function importPlan(page, file, name) {
  const input = page.locator("input[type=file]").first();
  await page.evaluate(() => (window.__bench.imported = null));
  await input.setInputFiles(file);
  await page.waitForFunction(() => window.__bench.imported, null, { timeout: WAIT_MS });
  const result = await page.evaluate(() => window.__bench.imported);
  if (!result.ok) throw new Error(`the large plan was not imported: ${result.text}`);
  const link = page.getByRole("link", { name, exact: true }).first();
  await link.waitFor({ timeout: WAIT_MS });
  const href = await link.getAttribute("href");
  const id = decodeURIComponent((href.match(/#\/plan\/([^/]+)/) || [])[1] || "");
  if (!id) throw new Error(`no plan id in the link ${href}`);
  // The import is kept in storage before the app reports it; wait for the key anyway.
  await page.waitForFunction((id) => Object.keys(localStorage).some((k) => k.includes(id)), id, { timeout: WAIT_MS });
  // Open its Overview once, as a visitor would after an import: the drawing is kept for
  // the next first load (the plan's glance), which then shows it without the whole app.
  await link.click();
  await page.getByRole("heading", { level: 1, name: "Overview", exact: true }).waitFor({ timeout: WAIT_MS });
  await page.waitForFunction(
    (id) => (JSON.parse(localStorage.getItem(`race-planner:glance:${id}`) || "null") || {}).overview,
    id,
    { timeout: WAIT_MS },
  );
  return { ms: result.ms, id };
}

/** The page's memory after a full garbage collection, MB: the JavaScript heap and
 *  Blink's own objects (DOM nodes and the like). */
async function heap(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  const h = await cdp.send("Runtime.getHeapUsage");
  const elements = await page.evaluate(() => document.getElementsByTagName("*").length);
  await cdp.detach();
  return { js_heap_mb: round(h.usedSize / 2 ** 20, 1), blink_mb: round((h.embedderHeapUsedSize ?? 0) / 2 ** 20, 1), elements };
}

async function cdpMetrics(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** Types KEYS keystrokes into `input` (a digit, then Backspace, so every keystroke
 *  leaves a valid value and triggers a full update), one every KEY_GAP_MS, with a
 *  requestAnimationFrame loop running. Keystroke → next paint from Event Timing. */
async function typing(page, input, base) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await input.click();
  await input.fill(base);
  // The field in the middle of the window, where one looks while typing. (A click
  // scrolls it only just into view, at the window's bottom edge, where headless
  // Chromium may leave the field's own change unpainted.)
  await input.evaluate((e) => e.scrollIntoView({ block: "center" }));
  await sleep(1000);
  await page.evaluate(() => window.__bench.startRaf());
  // Script time with nothing typed, over the same rAF loop: subtracted below.
  const idle0 = await cdpMetrics(cdp);
  await sleep(2000);
  const idle1 = await cdpMetrics(cdp);
  const idleSpan = idle1.Timestamp - idle0.Timestamp;
  const idleScript = (idle1.ScriptDuration - idle0.ScriptDuration) / idleSpan;
  const idleTask = (idle1.TaskDuration - idle0.TaskDuration) / idleSpan;

  await page.evaluate(() => window.__bench.observe());
  const m0 = await cdpMetrics(cdp);
  for (let i = 0; i < KEYS; i++) {
    if (i % 2 === 0) await page.keyboard.type(String((i / 2 + 1) % 10));
    else await page.keyboard.press("Backspace");
    await sleep(KEY_GAP_MS);
  }
  // Long enough for the debounced autosave (400 ms) after the last keystroke to run.
  await sleep(1500);
  const m1 = await cdpMetrics(cdp);
  await sleep(500);
  const data = await page.evaluate(() => {
    const b = window.__bench;
    b.observer.takeRecords().forEach((e) => b.events.push({ name: e.name, startTime: e.startTime, duration: e.duration, interactionId: e.interactionId || 0 }));
    b.observer.disconnect();
    b.stopRaf();
    return { keys: b.keys, events: b.events };
  });
  await cdp.detach();
  if (data.keys.length !== KEYS) throw new Error(`${data.keys.length} keystrokes reached the page instead of ${KEYS}`);
  // Each keystroke's latency: the longest Event Timing entry (keydown, keypress, input,
  // keyup…) that started during it; none reported means under the 16 ms floor.
  const worst = new Array(KEYS).fill(null);
  for (const e of data.events) {
    if (!/^(key|input|beforeinput|textInput)/.test(e.name)) continue;
    let k = -1;
    for (let i = 0; i < data.keys.length; i++) if (data.keys[i] <= e.startTime + 0.5) k = i;
    if (k >= 0) worst[k] = Math.max(worst[k] ?? 0, e.duration);
  }
  const reported = worst.filter((d) => d != null).length;
  // A keystroke that waited more than a second for its paint was not painted at all
  // (nothing the compositor drew changed): the figures would not mean what they say.
  const unpainted = worst.filter((d) => d != null && d > 1000).length;
  if (unpainted) log(`warning: ${unpainted} of ${KEYS} keystrokes were not painted within a second`);
  // Unreported keystrokes count as 0 (below 16 ms) in the ranking; a percentile that
  // lands on one is reported as "< 16".
  const ranked = worst.map((d) => d ?? 0);
  const pct = (p) => {
    const v = percentile(ranked, p);
    return v < 16 ? "<16" : round(v, 0);
  };
  const elapsed = m1.Timestamp - m0.Timestamp;
  const script = (m1.ScriptDuration - m0.ScriptDuration - idleScript * elapsed) * 1000;
  const task = (m1.TaskDuration - m0.TaskDuration - idleTask * elapsed) * 1000;
  return {
    keystrokes: KEYS,
    p50_ms: pct(50),
    p95_ms: pct(95),
    max_ms: reported ? round(Math.max(...ranked), 0) : "<16",
    reported_at_or_over_16ms: reported,
    // Reported as 24 ms or more: painted 20 ms or more after the key (Event Timing
    // rounds to 8 ms), past the p95 line when more than 5 % are.
    reported_at_or_over_24ms: ranked.filter((d) => d >= 24).length,
    unpainted_over_1s: unpainted,
    script_ms_per_keystroke: round(script / KEYS, 2),
    main_thread_task_ms_per_keystroke: round(task / KEYS, 2),
  };
}

async function browserFigures(browser, site, largePlan, planName) {
  const out = {};
  // Loads: time to interactive of each page, as defined in watchReady.
  log("loads: blank page, bare Leptos, app home");
  out.load = {
    blank: await loads(browser, `${site.blank}/`, { sel: "h1" }, LOADS),
    bare_leptos: await loads(browser, `${site.bare}/`, { sel: "button" }, LOADS),
    app_home: await loads(browser, `${site.app}/`, { sel: "h1" }, LOADS),
  };

  log("loads: app home, repeat visits");
  out.load.app_home_repeat = await repeatLoads(browser, `${site.app}/`, { sel: "h1" }, LOADS);

  // Import of the large plan file through the home screen, each time in a fresh browser profile.
  log("import of the large plan file");
  const imports = [];
  let context;
  let id;
  for (let i = 0; i < LOADS; i++) {
    if (context) await context.close();
    context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${site.app}/`);
    await page.getByRole("heading", { level: 1 }).first().waitFor();
    await sleep(500);
    const r = await importPlan(page, largePlan, planName);
    imports.push(r.ms);
    id = r.id;
    await page.close();
  }
  out.import = { runs_ms: imports.map((x) => round(x)), median_ms: round(median(imports)), file_bytes: statSync(largePlan).size };

  // The large plan's Overview, loaded with the plan in storage.
  log("loads: the large plan's Overview");
  const overviewUrl = `${site.app}/#/plan/${encodeURIComponent(id)}/overview`;
  const stored = await context.storageState();
  out.load.app_overview_large_plan = await loads(browser, overviewUrl, { sel: "h1", text: "Overview" }, LOADS, stored);

  // A page of the large plan, opened at its Overview, on screen `screen` (by its link).
  const openAt = async (screen) => {
    const page = await context.newPage();
    await page.goto(overviewUrl);
    await page.getByRole("heading", { level: 1, name: "Overview", exact: true }).waitFor();
    if (screen !== "Overview") {
      await (await planLink(page, screen)).click();
      await page.getByRole("heading", { level: 1, name: screen, exact: true }).waitFor();
    }
    await sleep(1000);
    return page;
  };
  const field = async (page, id, label) => {
    const byId = page.locator(`#${id}`);
    return (await byId.count()) ? byId : page.getByRole("textbox", { name: label }).first();
  };
  const ACT = ["f-funnel-act_rate", /act rate/i];
  const CONVERT = ["f-funnel-convert_rate", /online conversion/i];

  // Typing: 200 keystrokes into a rate field of the Act and of the Convert screen, each
  // on a page just opened on the plan.
  out.typing = {};
  for (const [key, screen, what, sel] of [["act_rate", "Act", "act rate (%)", ACT], ["convert_rate", "Convert", "online conversion rate (%)", CONVERT]]) {
    log(`typing on the ${screen} screen`);
    const page = await openAt(screen);
    out.typing[key] = { screen, field: what, ...(await typing(page, await field(page, ...sel), "5")) };
    await page.close();
  }
  // The same screen's own cost: a plain input with no handler, put where the act rate
  // field is, so that a keystroke changes nothing but its text. What the act rate
  // measures above it is the app's work per keystroke (parsing, the plan's evaluation,
  // the figures it repaints).
  log("typing into a plain input on the Act screen");
  {
    const page = await openAt("Act");
    const act = await field(page, ...ACT);
    await act.evaluate((e) => {
      const plain = document.createElement("input");
      plain.id = "bench-plain-input";
      plain.className = e.className;
      plain.setAttribute("aria-label", "plain input");
      e.closest(".field").after(plain);
    });
    out.typing.act_screen_plain_input = {
      screen: "Act",
      field: "a plain input with no handler, next to the act rate field",
      ...(await typing(page, page.locator("#bench-plain-input"), "5")),
    };
    await page.close();
  }

  // Each screen: from the click on its navigation link to the next paint; the page's
  // memory before and after, and typing again after all those switches.
  log("screen switches on the large plan");
  const page = await openAt("Overview");
  const before = await heap(page);
  await page.evaluate(() => window.__bench.startRaf());
  const nav = Object.fromEntries(SCREENS.map((s) => [s, []]));
  const headings = {};
  for (let round_ = 0; round_ < NAV_ROUNDS; round_++) {
    for (const screen of [...SCREENS.slice(1), SCREENS[0]]) {
      await page.evaluate(() => (window.__bench.nav = null));
      await (await planLink(page, screen)).click();
      await page.waitForFunction(() => window.__bench.nav);
      const r = await page.evaluate(() => window.__bench.nav);
      nav[screen].push(r.ms);
      headings[screen] = r.heading;
      await sleep(400);
    }
  }
  await page.evaluate(() => window.__bench.stopRaf());
  await sleep(1000);
  const after = await heap(page);
  out.screens = Object.fromEntries(
    SCREENS.map((s) => [s, { median_ms: round(median(nav[s])), max_ms: round(Math.max(...nav[s])), runs_ms: nav[s].map((x) => round(x)), heading: headings[s] }]),
  );
  out.memory_over_screen_switches = { switches: NAV_ROUNDS * SCREENS.length, before, after };
  log("typing on the Act screen after the screen switches");
  await (await planLink(page, "Act")).click();
  await page.getByRole("heading", { level: 1, name: "Act", exact: true }).waitFor();
  await sleep(1000);
  out.typing.act_rate_after_screen_switches = {
    screen: "Act",
    field: `act rate (%), after ${NAV_ROUNDS * SCREENS.length} screen switches on the same page`,
    ...(await typing(page, await field(page, ...ACT), "5")),
  };
  await page.close();
  await context.close();

  log("typing on the bare Leptos page");
  const bare = await newContext(browser);
  const bp = await bare.newPage();
  await bp.goto(`${site.bare}/`);
  await bp.locator("#text").waitFor();
  out.typing.bare_leptos = { screen: "bare Leptos page", field: "text input", ...(await typing(bp, bp.locator("#text"), "5")) };
  await bare.close();
  return { ...out, planId: id };
}

// ---------------------------------------------------------------------------------
// Lighthouse.

/** A browser profile with the large plan in the app's storage, imported through the UI. */
async function prepareProfile(site, largePlan, planName) {
  const dir = mkdtempSync(join(tmpdir(), "race-bench-profile-"));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, args: FLAGS, viewport: VIEWPORT });
  context.setDefaultTimeout(WAIT_MS);
  await context.addInitScript(instrument);
  const page = context.pages()[0] || (await context.newPage());
  await page.goto(`${site.app}/`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  const { id } = await importPlan(page, largePlan, planName);
  await sleep(1000);
  await context.close();
  return { dir, id };
}

/** A copy of the prepared profile without its HTTP and code caches (a cold load). */
function freshProfile(template) {
  const dir = mkdtempSync(join(tmpdir(), "race-bench-lh-"));
  cpSync(template, dir, { recursive: true });
  for (const cache of ["Default/Cache", "Default/Code Cache", "Default/GPUCache", "Default/Service Worker", "SingletonLock", "SingletonSocket", "SingletonCookie"])
    rmSync(join(dir, cache), { recursive: true, force: true });
  return dir;
}

async function lighthouse(url, { profile } = {}) {
  const out = join(WORK, `lh-${Date.now()}.json`);
  const flags = [...FLAGS];
  let dir;
  if (profile) {
    dir = freshProfile(profile);
    flags.push(`--user-data-dir=${dir}`);
  }
  const argv = [
    url,
    "--output=json",
    `--output-path=${out}`,
    "--quiet",
    "--only-categories=performance,accessibility,best-practices,seo",
    `--chrome-flags=${flags.join(" ")}`,
  ];
  if (profile) argv.push("--disable-storage-reset");
  try {
    await run(join(ROOT, "node_modules/.bin/lighthouse"), argv, { env: { ...process.env, CHROME_PATH: CHROMIUM } });
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
  const lhr = JSON.parse(readFileSync(out, "utf8"));
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
  const ms = (a) => (lhr.audits[a]?.numericValue == null ? null : Math.round(lhr.audits[a].numericValue));
  const elements = lhr.audits["dom-size"]?.numericValue ?? lhr.audits["dom-size-insight"]?.numericValue ?? null;
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    best_practices: score("best-practices"),
    seo: score("seo"),
    fcp_ms: ms("first-contentful-paint"),
    lcp_ms: ms("largest-contentful-paint"),
    tbt_ms: ms("total-blocking-time"),
    speed_index_ms: ms("speed-index"),
    cls: lhr.audits["cumulative-layout-shift"]?.numericValue ?? null,
    dom_elements: elements,
    final_url: lhr.finalDisplayedUrl,
    failed_audits: Object.values(lhr.audits)
      .filter((a) => a.score != null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable")
      .map((a) => a.id),
  };
}

/** LH_RUNS Lighthouse runs of a page; the median of every figure, and the runs. */
async function lighthouseRuns(name, url, opts) {
  const runs = [];
  for (let i = 0; i < LH_RUNS; i++) {
    log(`lighthouse ${name} (${i + 1}/${LH_RUNS})`);
    runs.push(await lighthouse(url, opts));
  }
  const med = {};
  for (const k of ["performance", "accessibility", "best_practices", "seo", "fcp_ms", "lcp_ms", "tbt_ms", "speed_index_ms", "cls", "dom_elements"])
    med[k] = median(runs.map((r) => r[k]).filter((x) => x != null));
  return { url, median: med, runs };
}

// ---------------------------------------------------------------------------------
// The engine benchmarks (already run by scripts/bench.sh).

function engineFigures() {
  const target = process.env.CARGO_TARGET_DIR || join(ROOT, "target");
  const started = statSync(join(WORK, "criterion-started")).mtimeMs;
  // Every benchmark of the criterion group "engine" that this run wrote.
  const native = {};
  const group = join(target, "criterion/engine");
  for (const name of existsSync(group) ? readdirSync(group).sort() : []) {
    const file = join(group, name, "new/estimates.json");
    if (!existsSync(file) || statSync(file).mtimeMs < started) continue;
    const e = JSON.parse(readFileSync(file, "utf8"));
    native[name] = {
      median_ms: round(e.median.point_estimate / 1e6, 4),
      ci95_ms: [round(e.median.confidence_interval.lower_bound / 1e6, 4), round(e.median.confidence_interval.upper_bound / 1e6, 4)],
    };
  }
  if (!native.recompute_all_large_plan) log("warning: no criterion result for engine/recompute_all_large_plan");
  // One line per run of the test: the median of its runs' medians.
  const text = readFileSync(join(WORK, "wasm-engine.txt"), "utf8");
  const found = [...text.matchAll(/large plan ([\d.]+) ms \(median of (\d+)\); blank plan ([\d.]+) ms/g)];
  const wasm = found.length
    ? {
        large_plan_median_ms: median(found.map((m) => Number(m[1]))),
        blank_plan_median_ms: median(found.map((m) => Number(m[3]))),
        runs: Number(found[0][2]),
        test_runs: found.length,
        large_plan_per_test_run_ms: found.map((m) => Number(m[1])),
        blank_plan_per_test_run_ms: found.map((m) => Number(m[3])),
      }
    : null;
  if (!found.length) log("warning: no engine figure found in the output of tests/wasm_engine.rs");
  return { native, wasm };
}

// ---------------------------------------------------------------------------------
// Results and the docs table.

const fmt = (x) => (x == null ? "n/a" : typeof x === "number" ? x.toLocaleString("en-US") : String(x));
const ratio = (a, b) => {
  if (a == null || b == null || !b) return null;
  const x = a / b;
  return x < 1 ? Number(x.toPrecision(2)) : round(x, 1);
};
/** Milliseconds for a table: whole numbers, one decimal under 10 ms. */
const ms = (x) => (x == null ? "n/a" : typeof x === "string" ? `${x} ms` : `${fmt(x < 10 ? round(x, 1) : Math.round(x))} ms`);

function docsTable(r) {
  const { lighthouse_runs: LH_RUNS, loads: LOADS, nav_rounds: NAV_ROUNDS, keystrokes: KEYS, key_gap_ms: KEY_GAP_MS } = r.settings;
  const m = r.machine;
  const s = r.sizes;
  const L = [];
  const pages = [
    ["blank", "blank page"],
    ["bare_leptos", "bare Leptos page"],
    ["app_home", "RACE Planner, Home"],
    ["app_overview_large_plan", "RACE Planner, Overview of the large plan"],
  ];
  L.push(
    `Measured by \`make bench\` on ${m.date.slice(0, 10)}: ${m.cores} cores (${m.cpu}), ${m.memory_gb} GB of memory, ` +
      `${m.chromium}, Lighthouse ${m.lighthouse}, Node.js ${m.node}. Every figure and every single run is in ` +
      `[bench/results.json](../bench/results.json).`,
  );
  L.push("");
  L.push("**Download** (bytes; gzip level 9, as served; first load = index.html and everything it loads):");
  L.push("");
  L.push("| build | first load files | first load raw | first load gzip | on demand gzip | gzip × bare Leptos |");
  L.push("|---|---:|---:|---:|---:|---:|");
  for (const [k, label] of [["blank", "blank page"], ["bare_leptos", "bare Leptos page"], ["app", "**RACE Planner**"]])
    L.push(
      `| ${label} | ${s[k].firstLoad.count} | ${fmt(s[k].firstLoad.raw)} | ${fmt(s[k].firstLoad.gzip)} | ${fmt(s[k].onDemand.gzip)} | ` +
        `${fmt(ratio(s[k].firstLoad.gzip, s.bare_leptos.firstLoad.gzip))} |`,
    );
  L.push("");
  L.push(`RACE Planner, file by file (first-load budget ${fmt(r.budget.bytes)} B in \`size-budget.txt\`, goal ${fmt(GOAL_BYTES)} B):`);
  L.push("");
  L.push("| file | raw | gzip | loaded |");
  L.push("|---|---:|---:|---|");
  for (const f of s.app.files) L.push(`| ${f.file.replace(/-[0-9a-f]{8,16}(?=[._])/, "-…")} | ${fmt(f.raw)} | ${fmt(f.gzip)} | ${f.firstLoad ? "first load" : "on demand"} |`);
  L.push("");
  L.push(`**Lighthouse** (mobile preset with its simulated throttling; median of ${LH_RUNS} runs each):`);
  L.push("");
  L.push("| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT |");
  L.push("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const [k, label] of pages) {
    const x = r.lighthouse[k].median;
    L.push(`| ${label} | ${fmt(x.performance)} | ${fmt(x.accessibility)} | ${fmt(x.best_practices)} | ${fmt(x.seo)} | ${ms(x.fcp_ms)} | ${ms(x.lcp_ms)} | ${ms(x.tbt_ms)} |`);
  }
  L.push("");
  L.push(
    `**Loading** in headless Chromium on this machine, no throttling, a cold cache (median of ${LOADS}; interactive = the page's ` +
      "heading, or the bare page's button, painted and the main thread free to run a task):",
  );
  L.push("");
  L.push("| page | first contentful paint | interactive | interactive × bare Leptos |");
  L.push("|---|---:|---:|---:|");
  const loaded = r.load.app_home_repeat ? [...pages, ["app_home_repeat", "RACE Planner, Home, a repeat visit (from the offline copy)"]] : pages;
  for (const [k, label] of loaded) {
    const x = r.load[k];
    L.push(`| ${label} | ${ms(x.fcp_ms)} | ${ms(x.interactive_ms)} | ${fmt(ratio(x.interactive_ms, r.load.bare_leptos.interactive_ms))} |`);
  }
  L.push("");
  L.push(
    `Importing the large plan file (${fmt(round(r.import.file_bytes / 1e6, 1))} MB) through the Home screen, from choosing ` +
      `the file to the result painted: ${ms(r.import.median_ms)} (median of ${r.import.runs_ms.length}).`,
  );
  L.push("");
  if (r.csv_import) {
    const c = r.csv_import;
    L.push(
      `**CSV import**: a ${fmt(c.rows)}-row GA4-like export (${fmt(round(c.bytes / 1e6, 1))} MB, \`bench/csv-import.mjs\`) in one page, median of ${c.runs} runs each:`,
    );
    L.push("");
    L.push("| what | time | rows per second | × Papa Parse |");
    L.push("|---|---:|---:|---:|");
    L.push(`| Papa Parse 5 (\`papaparse\`), parse the text into rows and cells, on the page's thread | ${ms(c.papaparse_ms)} | ${fmt(c.papaparse_rows_per_s)} | 1 |`);
    L.push(`| RACE Planner's import worker: decode the bytes, recognise the source, read every number and date, sum into ${fmt(c.values)} monthly values | ${ms(c.app_ms)} | ${fmt(c.app_rows_per_s)} | ${fmt(c.ratio)} |`);
    L.push("");
  }
  if (r.simulation) {
    const m = r.simulation;
    L.push(
      `**Simulation** (the Odds screen): ${fmt(m.draws)} draws of the large plan with ten ranges in the simulation worker (\`bench/sim-worker.mjs\`), ` +
        `${m.runs} runs after one warm-up: median ${ms(m.median_ms)} (best ${ms(m.best_ms)}), ${fmt(m.draws_per_s)} draws a second; ` +
        `the round trip as the page sees it (the request out, the draws and the tornado, the answer back): ${ms(m.round_trip_median_ms)}. ` +
        "Natively: `simulate_10k_draws_large_plan` among the engine's benchmarks below.",
    );
    L.push("");
  }
  L.push(`**Switching screens** on the large plan, from the click on the screen's link to the paint of the new screen (${NAV_ROUNDS} rounds):`);
  L.push("");
  L.push("| screen | median | worst |");
  L.push("|---|---:|---:|");
  for (const sc of SCREENS) L.push(`| ${sc} | ${ms(r.screens[sc].median_ms)} | ${ms(r.screens[sc].max_ms)} |`);
  L.push("");
  const mem = r.memory_over_screen_switches;
  L.push(
    `Memory of that page after a full garbage collection, before and after its ${mem.switches} screen switches: JavaScript heap ` +
      `${mem.before.js_heap_mb} → ${mem.after.js_heap_mb} MB, Blink's objects ${mem.before.blink_mb} → ${mem.after.blink_mb} MB, ` +
      `elements in the page ${fmt(mem.before.elements)} → ${fmt(mem.after.elements)} (both on the Overview).`,
  );
  L.push("");
  L.push(
    `**Typing**: ${KEYS} keystrokes (a digit, then Backspace) into a field in the middle of the window, one every ${KEY_GAP_MS} ms, with a requestAnimationFrame loop ` +
      "running. Keystroke → next paint is from Event Timing, which reports only events of 16 ms or more, in steps of 8 ms " +
      '("<16": the percentile fell on a keystroke it did not report). Script and main-thread time per keystroke are ' +
      "Chromium's own counters less the same page idling, the debounced autosave after the last keystroke included:",
  );
  L.push("");
  L.push("| field | p50 | p95 | worst | keystrokes ≥ 16 ms | keystrokes ≥ 24 ms | script per keystroke | main thread per keystroke |");
  L.push("|---|---:|---:|---:|---:|---:|---:|---:|");
  for (const [k, label] of [
    ["bare_leptos", "bare Leptos page, text input"],
    ["act_screen_plain_input", "large plan, Act: a plain input with no handler (the screen's own cost)"],
    ["act_rate", "large plan, Act: act rate"],
    ["convert_rate", "large plan, Convert: online conversion"],
    ["act_rate_after_screen_switches", `large plan, Act: act rate, after the ${r.memory_over_screen_switches.switches} screen switches`],
  ]) {
    const x = r.typing[k];
    L.push(
      `| ${label} | ${ms(x.p50_ms)} | ${ms(x.p95_ms)} | ${ms(x.max_ms)} | ${x.reported_at_or_over_16ms} of ${x.keystrokes} | ` +
        `${x.reported_at_or_over_24ms} of ${x.keystrokes} | ` +
        `${ms(x.script_ms_per_keystroke)} | ${ms(x.main_thread_task_ms_per_keystroke)} |`,
    );
  }
  L.push("");
  const e = r.engine;
  const engineMs = (x) => (x == null ? "n/a" : `${Number(x.toPrecision(3))} ms`);
  L.push("**The KPI engine**, a full recompute:");
  L.push("");
  L.push("| where | large plan | blank plan |");
  L.push("|---|---:|---:|");
  L.push(`| native (criterion median, \`benches/engine.rs\`) | ${engineMs(e.native.recompute_all_large_plan?.median_ms)} | |`);
  L.push(
    `| WebAssembly in headless Chromium (\`tests/wasm_engine.rs\`: median of ${fmt(e.wasm?.test_runs)} runs of its median of ${fmt(e.wasm?.runs)}; ` +
      `each run ${e.wasm ? e.wasm.large_plan_per_test_run_ms.join(", ") : "n/a"} ms) | ${engineMs(e.wasm?.large_plan_median_ms)} | ` +
      `${engineMs(e.wasm?.blank_plan_median_ms)} |`,
  );
  const others = Object.entries(e.native).filter(([k]) => k !== "recompute_all_large_plan");
  if (others.length) {
    L.push("");
    L.push(`The other native benchmarks of \`benches/engine.rs\` (criterion medians): ${others.map(([k, v]) => `\`${k}\` ${engineMs(v.median_ms)}`).join(", ")}.`);
  }
  L.push("");
  L.push("**Against the baselines** measured in the same run:");
  L.push("");
  for (const line of r.summary) L.push(`- ${line}`);
  return L.join("\n");
}

function summary(r) {
  const s = r.sizes;
  const lh = r.lighthouse;
  const L = r.load;
  const t = r.typing;
  const x = (a, b) => `${fmt(ratio(a, b))} ×`;
  const out = [];
  out.push(
    `first load ${fmt(s.app.firstLoad.gzip)} B gzip = ${x(s.app.firstLoad.gzip, s.bare_leptos.firstLoad.gzip)} the bare Leptos page ` +
      `(${fmt(s.bare_leptos.firstLoad.gzip)} B) and ${x(s.app.firstLoad.gzip, GOAL_BYTES)} the 250 KB goal`,
  );
  out.push(
    `Lighthouse performance ${fmt(lh.app_home.median.performance)} (Home) and ${fmt(lh.app_overview_large_plan.median.performance)} ` +
      `(Overview of the large plan) against ${fmt(lh.bare_leptos.median.performance)} for the bare Leptos page and ` +
      `${fmt(lh.blank.median.performance)} for a blank page; LCP ${x(lh.app_home.median.lcp_ms, lh.bare_leptos.median.lcp_ms)} ` +
      `(Home) and ${x(lh.app_overview_large_plan.median.lcp_ms, lh.bare_leptos.median.lcp_ms)} (Overview) the bare page's`,
  );
  out.push(
    `interactive after ${ms(L.app_home.interactive_ms)} (Home, ${x(L.app_home.interactive_ms, L.bare_leptos.interactive_ms)} the bare ` +
      `Leptos page) and ${ms(L.app_overview_large_plan.interactive_ms)} (Overview of the large plan, ` +
      `${x(L.app_overview_large_plan.interactive_ms, L.bare_leptos.interactive_ms)})`,
  );
  if (L.app_home_repeat)
    out.push(
      `a repeat visit to Home (from the offline copy) is interactive after ${ms(L.app_home_repeat.interactive_ms)}, ` +
        `${x(L.app_home_repeat.interactive_ms, L.blank.interactive_ms)} the blank page's first visit`,
    );
  out.push(
    `typing on the large plan: script ${ms(t.act_rate.script_ms_per_keystroke)} (Act) and ${ms(t.convert_rate.script_ms_per_keystroke)} ` +
      `(Convert) per keystroke against ${ms(t.bare_leptos.script_ms_per_keystroke)} on the bare Leptos page; keystroke → paint ` +
      `p95 ${ms(t.act_rate.p95_ms)} and ${ms(t.convert_rate.p95_ms)} against ${ms(t.bare_leptos.p95_ms)} on the bare page ` +
      `and ${ms(t.act_screen_plain_input.p95_ms)} for a plain input on the Act screen; keystrokes reported at 24 ms or more ` +
      `after the key: ${t.act_rate.reported_at_or_over_24ms} (Act), ${t.act_screen_plain_input.reported_at_or_over_24ms} ` +
      `(plain input on Act), ${t.bare_leptos.reported_at_or_over_24ms} (bare Leptos page) of ${t.act_rate.keystrokes}`,
  );
  const mem = r.memory_over_screen_switches;
  out.push(
    `after ${mem.switches} screen switches on one page, its JavaScript heap grew ${x(mem.after.js_heap_mb, mem.before.js_heap_mb)} ` +
      `(${mem.before.js_heap_mb} → ${mem.after.js_heap_mb} MB) and typing on the Act screen took ` +
      `${x(t.act_rate_after_screen_switches.script_ms_per_keystroke, t.act_rate.script_ms_per_keystroke)} the script per keystroke ` +
      `of a page just opened (${ms(t.act_rate_after_screen_switches.script_ms_per_keystroke)})`,
  );
  const slow = Object.entries(r.screens).sort((a, b) => b[1].median_ms - a[1].median_ms);
  out.push(`slowest screen switches: ${slow.slice(0, 3).map(([k, v]) => `${k} ${ms(v.median_ms)}`).join(", ")} (medians)`);
  if (r.csv_import)
    out.push(
      `CSV import of ${fmt(r.csv_import.rows)} rows: ${fmt(r.csv_import.app_rows_per_s)} rows per second read, mapped and summed ` +
        `by the import worker against ${fmt(r.csv_import.papaparse_rows_per_s)} parsed by Papa Parse in the same page (${fmt(r.csv_import.ratio)} ×)`,
    );
  if (r.simulation)
    out.push(
      `${fmt(r.simulation.draws)} draws of the large plan's funnel take ${ms(r.simulation.median_ms)} in the simulation worker ` +
        `(${fmt(r.simulation.draws_per_s)} draws a second)`,
    );
  const wasm = r.engine.wasm;
  const native = r.engine.native.recompute_all_large_plan;
  if (wasm && native)
    out.push(
      `the engine's full recompute of the large plan takes ${x(wasm.large_plan_median_ms, native.median_ms)} as long in WebAssembly ` +
        `as natively, ${fmt(Math.round((wasm.large_plan_median_ms / 16) * 100))} % of a 16 ms frame`,
    );
  return out;
}

function updateDocs(table) {
  const file = join(ROOT, "docs/performance.md");
  const text = readFileSync(file, "utf8");
  const begin = "<!-- bench:begin (generated by make bench: do not edit by hand) -->";
  const end = "<!-- bench:end -->";
  const a = text.indexOf("<!-- bench:begin");
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error("docs/performance.md has no <!-- bench:begin --> … <!-- bench:end --> markers");
  writeFileSync(file, `${text.slice(0, a)}${begin}\n${table}\n${text.slice(b)}`);
}

// ---------------------------------------------------------------------------------

async function main() {
  const largePlan = join(WORK, "large-plan.json");
  const planName = JSON.parse(readFileSync(largePlan, "utf8")).plan.name;
  const results = { schema: 1, machine: machine() };
  results.settings = { lighthouse_runs: LH_RUNS, loads: LOADS, nav_rounds: NAV_ROUNDS, keystrokes: KEYS, key_gap_ms: KEY_GAP_MS, viewport: VIEWPORT };
  results.budget = {
    file: "size-budget.txt",
    bytes: Number(readFileSync(join(ROOT, "size-budget.txt"), "utf8").split("\n").map((l) => l.trim()).find((l) => l && !l.startsWith("#")).replace(/[_,\s]/g, "")),
    goal_bytes: GOAL_BYTES,
  };
  results.sizes = { blank: measureBuild(join(WORK, "blank")), bare_leptos: measureBuild(join(WORK, "bare")), app: measureBuild(join(WORK, "app")) };

  const servers = {};
  const site = {};
  for (const [k, dir] of [["blank", "blank"], ["bare", "bare"], ["app", "app"]]) {
    servers[k] = await serve(join(WORK, dir));
    site[k] = servers[k].origin;
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const b = await browserFigures(browser, site, largePlan, planName);
    Object.assign(results, { load: b.load, import: b.import, screens: b.screens, memory_over_screen_switches: b.memory_over_screen_switches, typing: b.typing });
    log("CSV import: the import worker and Papa Parse on a 100,000-row file");
    results.csv_import = await csvImportFigures(browser, WORK);
    log("simulation: 10,000 draws of the large plan in the simulation worker");
    results.simulation = await simWorkerFigures(browser, site.app, readFileSync(join(WORK, "sim-request.json"), "utf8"));
  } finally {
    await browser.close();
  }

  log("preparing a browser profile with the large plan for Lighthouse");
  const profile = await prepareProfile(site, largePlan, planName);
  try {
    results.lighthouse = {
      blank: await lighthouseRuns("blank page", `${site.blank}/`),
      bare_leptos: await lighthouseRuns("bare Leptos page", `${site.bare}/`),
      app_home: await lighthouseRuns("app Home", `${site.app}/`),
      app_overview_large_plan: await lighthouseRuns("app Overview of the large plan", `${site.app}/#/plan/${encodeURIComponent(profile.id)}/overview`, {
        profile: profile.dir,
      }),
    };
  } finally {
    rmSync(profile.dir, { recursive: true, force: true });
  }
  const ov = results.lighthouse.app_overview_large_plan.median.dom_elements;
  const home = results.lighthouse.app_home.median.dom_elements;
  if (ov != null && home != null && ov <= home)
    throw new Error(`Lighthouse did not see the large plan (the Overview has ${ov} elements, Home ${home}): the prepared profile was not used`);
  for (const s of Object.values(servers)) s.server.close();

  results.engine = engineFigures();
  results.summary = summary(results);
  results.method = {
    server: "bench/serve.mjs: gzip level 9 for html, js, css, svg, json and wasm, Cache-Control max-age=600 (like GitHub Pages)",
    browser: `Playwright, ${CHROMIUM}, flags ${FLAGS.join(" ")}, viewport ${VIEWPORT.width}×${VIEWPORT.height}, no throttling`,
    lighthouse: "mobile preset (default), simulated throttling; the Overview run uses a copy (caches removed) of a profile where the large plan was imported through the app, with --disable-storage-reset",
    interactive: "navigation start → the first frame showing the page's heading (or the bare page's button) painted → a setTimeout(0) after that ran",
    screen_switch: "the click event's timestamp → the task after the frame that first shows the new screen's h1 with the link's fragment",
    typing: `${KEYS} keystrokes alternating a digit (keyboard.type) and Backspace (keyboard.press), ${KEY_GAP_MS} ms apart, the field scrolled to the middle of the window; Event Timing durationThreshold 16 ms; the longest entry per keystroke; CDP Performance.getMetrics ScriptDuration less the idle rate`,
    import: "the file input's change event → the task after the frame that first shows the import result",
    csv_import: "bench/csv-import.mjs: one page; Papa Parse 5 parse(text, { skipEmptyLines: true }) on the page's thread; the app's import worker from posting the bytes (transferred) to receiving the preview and then the monthly values for the suggested mapping",
  };
  writeResults(results);
  updateDocs(docsTable(results));
  log("wrote bench/results.json and the figures in docs/performance.md");
  for (const line of results.summary) log(line);
}

function writeResults(results) {
  mkdirSync(join(ROOT, "bench"), { recursive: true });
  writeFileSync(join(ROOT, "bench/results.json"), `${JSON.stringify(results, null, 2)}\n`);
}

if (IS_MAIN && DOCS_ONLY) {
  const results = JSON.parse(readFileSync(join(ROOT, "bench/results.json"), "utf8"));
  // The summary's wording may have changed since the run: written again from its figures.
  results.summary = summary(results);
  writeResults(results);
  updateDocs(docsTable(results));
  log("regenerated the summary and the figures in docs/performance.md from bench/results.json");
} else if (IS_MAIN) await main();
export { instrument, watchReady, engineFigures };
