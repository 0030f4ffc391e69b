// Screen switches on the large plan, quickly, without the rest of `make bench`:
// imports the large plan file through the Home screen, then clicks the navigation
// links of the slow screens in turn and reports, per screen, click → paint of the new
// screen (median and worst), the number of DOM nodes, and the page's memory after a
// garbage collection before and after all the switches.
//
//   cargo run --example large-plan > large-plan.json
//   node bench/switch.mjs DIST_DIR [large-plan.json] [rounds]
//
// It never fails because something is slow; only when the setup is broken.
import { chromium } from "@playwright/test";
import { resolve } from "node:path";
import { serve } from "./serve.mjs";

const [dist, planFile = "large-plan.json", roundsArg = "5"] = process.argv.slice(2);
if (!dist) throw new Error("usage: node bench/switch.mjs DIST_DIR [large-plan.json] [rounds]");
const ROUNDS = Number(roundsArg);
const SCREENS = ["90-day plan", "Strategy", "Measure", "Overview"];
const WAIT_MS = 300_000;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Click on a link → the paint of the frame that first shows the new level-1 heading. */
function instrument() {
  const b = (window.__bench = { nav: null, imported: null });
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
        const h1 = document.querySelector("h1");
        if (location.hash === want && h1 && (h1 !== before || h1.textContent !== beforeText)) {
          const ch = new MessageChannel();
          ch.port1.onmessage = () => (b.nav = { ms: performance.now() - start, nodes: document.getElementsByTagName("*").length });
          ch.port2.postMessage(0);
        } else requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    },
    true,
  );
}

async function heapMb(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("Performance.enable");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  await cdp.detach();
  return { js_heap_mb: Math.round((m.JSHeapUsedSize / 2 ** 20) * 10) / 10, nodes: m.Nodes };
}

const { server, origin } = await serve(resolve(dist));
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run"],
});
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(WAIT_MS);
  await context.addInitScript(instrument);
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.locator("input[type=file]").first().setInputFiles(resolve(planFile));
  const link = page.getByRole("link", { name: /large/i }).first();
  await link.waitFor();
  await link.click();
  await page.getByRole("navigation", { name: "Plan" }).waitFor();
  await sleep(1000);
  const before = await heapMb(page);
  const times = Object.fromEntries(SCREENS.map((s) => [s, []]));
  const nodes = {};
  for (let r = 0; r < ROUNDS; r++) {
    for (const screen of SCREENS) {
      await page.evaluate(() => (window.__bench.nav = null));
      await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: screen, exact: true }).click();
      await page.waitForFunction(() => window.__bench.nav);
      const nav = await page.evaluate(() => window.__bench.nav);
      times[screen].push(nav.ms);
      nodes[screen] = nav.nodes;
      await sleep(400);
    }
  }
  await sleep(1000);
  const after = await heapMb(page);
  for (const s of SCREENS) {
    const t = times[s];
    console.log(`${s.padEnd(12)} median ${median(t).toFixed(0).padStart(6)} ms  worst ${Math.max(...t).toFixed(0).padStart(6)} ms  elements ${nodes[s]}`);
  }
  console.log(`memory after GC: before ${JSON.stringify(before)}, after ${ROUNDS * SCREENS.length} switches ${JSON.stringify(after)}`);
} finally {
  await browser.close();
  server.close();
}
