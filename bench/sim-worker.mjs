// The simulation worker's speed in the browser: starts `sim_worker.js` of a release
// build in headless Chromium (as the Odds screen does), sends it the large plan's request
// (10,000 draws, ten ranges: `cargo run --example sim-request`) once to warm up and then
// RUNS times, and prints the draws' time as the worker measured it (performance.now()
// around `simulate`), the median and best, the draws a second, and the whole round trip
// (JSON out, draws, tornado, JSON back) as the page sees it.
//
//   cargo run --example sim-request > sim-request.json
//   node bench/sim-worker.mjs DIST_DIR [sim-request.json] [runs]
//
// It never fails because something is slow; only when the setup is broken.
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The worker of the build served at `origin`, sent `request` (JSON text) once to warm
 *  up and then `runs` times: the draws' time as the worker measured it and the round trip
 *  as the page saw it. */
export async function simWorkerFigures(browser, origin, request, runs = 9) {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/`);
    const results = await page.evaluate(
      async ({ json, runs }) => {
        const worker = new Worker("sim_worker.js", { type: "module" });
        const next = () =>
          new Promise((ok, fail) => {
            worker.onmessage = (e) => ok(e.data);
            worker.onerror = (e) => fail(new Error(e.message || "the worker failed"));
          });
        const ready = await next();
        if (ready[0] !== "ready") throw new Error(`unexpected first message ${ready[0]}`);
        const out = [];
        for (let i = 0; i <= runs; i++) {
          const start = performance.now();
          worker.postMessage(["run", json]);
          const [kind, text] = await next();
          const roundTrip = performance.now() - start;
          if (kind !== "done") throw new Error(text);
          const answer = JSON.parse(text);
          if (i > 0) out.push({ draws: answer.simulation.draws, ms: answer.elapsed_ms, roundTrip });
        }
        worker.terminate();
        return out;
      },
      { json: request, runs },
    );
    const ms = results.map((r) => r.ms);
    const draws = results[0].draws;
    const med = median(ms);
    const round = (x) => Math.round(x * 10) / 10;
    return {
      draws,
      runs,
      runs_ms: ms.map(round),
      median_ms: round(med),
      best_ms: round(Math.min(...ms)),
      draws_per_s: Math.round((draws * 1000) / med),
      round_trip_median_ms: round(median(results.map((r) => r.roundTrip))),
    };
  } finally {
    await page.close();
  }
}

// Run on its own: node bench/sim-worker.mjs DIST_DIR [sim-request.json] [runs]
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dist, requestFile = "sim-request.json", runsArg = "9"] = process.argv.slice(2);
  if (!dist) throw new Error("usage: node bench/sim-worker.mjs DIST_DIR [sim-request.json] [runs]");
  const { server, origin } = await serve(resolve(dist));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  try {
    const f = await simWorkerFigures(browser, origin, readFileSync(requestFile, "utf8"), Number(runsArg));
    console.log(`${f.draws.toLocaleString("en-US")} draws of the large plan, ${f.runs} runs after one warm-up, in the worker:`);
    console.log(`  draws: median ${f.median_ms} ms, best ${f.best_ms} ms`);
    console.log(`  ${f.draws_per_s.toLocaleString("en-US")} draws a second (median)`);
    console.log(`  round trip as the page sees it (JSON, draws, tornado, JSON back): median ${f.round_trip_median_ms} ms`);
  } finally {
    await browser.close();
    server.close();
  }
}
