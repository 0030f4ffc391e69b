// CSV import speed for `make bench`: a 100,000-row GA4-like export read, mapped and
// summed into periods by the app's import worker, next to Papa Parse (npm `papaparse`)
// parsing the same text, both in one page of headless Chromium. Papa Parse only splits
// the text into rows and cells; the worker also decodes the bytes, recognises the
// source, reads every number and date and sums them into months.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "./serve.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const CSV_ROWS = 100_000;
const RUNS = Number(process.env.BENCH_CSV_RUNS || 5);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

/** A GA4 report download with one row per day and traffic source: `#` preamble, YYYYMMDD
 *  dates, long floats, quoted cells with commas, CRLF; about 20 MB for 100,000 rows. */
export function ga4Csv(rows = CSV_ROWS) {
  const sources = ["google / organic", "(direct) / (none)", "newsletter / email", "facebook.com / referral", "google / cpc", "bing / organic", "linkedin.com / social", "partner-site.example / referral"];
  const lines = [
    "# ----------------------------------------",
    "# Traffic acquisition: Session source / medium",
    "# Account: Example outdoor shop",
    "# Property: Example outdoor shop - GA4",
    "# ----------------------------------------",
    "#",
    "# Start date: 20240101",
    "# End date: 20271231",
    "Date,Session source / medium,Landing page + query string,Sessions,Engaged sessions,Engagement rate,Average engagement time per session,Total users,New users,Key events,Session key event rate,Total revenue,Ecommerce purchases",
  ];
  const start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const day = new Date(start + Math.floor(i / 100) * 86_400_000);
    const ymd = `${day.getUTCFullYear()}${String(day.getUTCMonth() + 1).padStart(2, "0")}${String(day.getUTCDate()).padStart(2, "0")}`;
    const sessions = 50 + ((i * 7919) % 900);
    const engaged = Math.floor(sessions * 0.64);
    const page = `"/collections/outdoor-gear/products/item-${i % 5000}?utm_source=${sources[i % sources.length].split(" ")[0]}&utm_campaign=spring,sale&ref=${(i * 31) % 977}"`;
    lines.push(
      [ymd, sources[i % sources.length], page, sessions, engaged, (engaged / sessions).toString(), (37.5 + (i % 97) / 3).toString(), sessions - 7, Math.floor(sessions / 3), i % 11, ((i % 11) / sessions).toString(), ((i % 13) * 17.35).toFixed(2), i % 5].join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** Measures the app's worker (read + map + sum into months) and Papa Parse on the same
 *  100,000-row text, `RUNS` times each, in one page; `appDir` is the release build. */
export async function csvImportFigures(browser, work) {
  const dir = join(work, "csv");
  mkdirSync(dir, { recursive: true });
  const text = ga4Csv();
  writeFileSync(join(dir, "ga4-100k.csv"), text);
  copyFileSync(join(ROOT, "node_modules/papaparse/papaparse.min.js"), join(dir, "papaparse.min.js"));
  writeFileSync(join(dir, "index.html"), '<!doctype html><meta charset="utf-8"><title>CSV import bench</title><script src="papaparse.min.js"></script><p>CSV import bench</p>');
  // One origin for the page and the app's worker files (the worker is same-origin only).
  const { server, origin } = await serve(work);
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/csv/index.html`);
    const r = await page.evaluate(async ({ runs }) => {
      const bytes = new Uint8Array(await (await fetch("ga4-100k.csv")).arrayBuffer());
      const text = new TextDecoder().decode(bytes);
      const papa = [];
      let papaRows = 0;
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const parsed = window.Papa.parse(text, { skipEmptyLines: true });
        papa.push(performance.now() - t0);
        papaRows = parsed.data.length;
      }
      const worker = new Worker("/app/import_worker.js", { type: "module" });
      const next = (kind) =>
        new Promise((resolve, reject) => {
          const listen = (ev) => {
            const [k, value] = ev.data;
            if (k === kind || k === "error") {
              worker.removeEventListener("message", listen);
              k === "error" ? reject(new Error(value)) : resolve(value);
            }
          };
          worker.addEventListener("message", listen);
        });
      await next("ready");
      const app = [];
      let summary = null;
      for (let i = 0; i < runs; i++) {
        const buffer = bytes.slice().buffer;
        const t0 = performance.now();
        worker.postMessage(["read", "ga4-100k.csv", buffer], [buffer]);
        const preview = JSON.parse(await next("preview"));
        worker.postMessage(["bucket", JSON.stringify(preview.mapping)]);
        const bucketed = JSON.parse(await next("bucketed"));
        app.push(performance.now() - t0);
        summary = { source: preview.source, rows_read: bucketed.rows_read, values: bucketed.values.length, problems: bucketed.problem_count, mapping: preview.mapping.columns };
      }
      worker.terminate();
      return { papa, papaRows, app, summary, bytes: bytes.length };
    }, { runs: RUNS });
    const papaMs = median(r.papa);
    const appMs = median(r.app);
    if (r.summary.rows_read !== CSV_ROWS) throw new Error(`the import worker read ${r.summary.rows_read} of ${CSV_ROWS} rows`);
    return {
      rows: CSV_ROWS,
      bytes: r.bytes,
      runs: RUNS,
      source: r.summary.source,
      values: r.summary.values,
      problems: r.summary.problems,
      app_ms: Math.round(appMs),
      app_runs_ms: r.app.map(Math.round),
      app_rows_per_s: Math.round(CSV_ROWS / (appMs / 1000)),
      papaparse_ms: Math.round(papaMs),
      papaparse_runs_ms: r.papa.map(Math.round),
      papaparse_rows: r.papaRows,
      papaparse_rows_per_s: Math.round(CSV_ROWS / (papaMs / 1000)),
      ratio: Math.round((papaMs / appMs) * 100) / 100,
    };
  } finally {
    await page.close();
    server.close();
  }
}
