// Measure: CSV exports of Google Analytics 4 and Search Console imported through the
// page: the file is read in a worker, its mapping is shown and corrected, the rows are
// checked, the values land in the plan's actuals (grid, chart and status), a second
// import of the same periods asks replace or keep, and one Undo takes an import back.
import { test, expect, openApp, createPlan, expectNoSeriousViolations } from "./fixtures.mjs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ga4Csv } from "../../bench/csv-import.mjs";

const pad = (n) => String(n).padStart(2, "0");
/** The days of the current month up to today (the plan starts today). */
function daysSoFar() {
  const now = new Date();
  const out = [];
  for (let d = 1; d <= now.getDate(); d++) out.push(new Date(now.getFullYear(), now.getMonth(), d));
  return out;
}
const ymd = (d) => `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const month = () => {
  const now = new Date();
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}`;
};

/** A GA4 report download: `#` preamble, a daily table (dates as YYYYMMDD, newest rows
 *  not first), CRLF line ends; 30,000 sessions and 1,234.50 of revenue a day. */
function ga4File(days) {
  const lines = [
    "# ----------------------------------------",
    "# Traffic acquisition: Session default channel group",
    "# Account: Example shop",
    "# Property: Example shop - GA4",
    "# ----------------------------------------",
    "#",
    `# Start date: ${ymd(days[0])}`,
    `# End date: ${ymd(days[days.length - 1])}`,
    "Date,Sessions,Engaged sessions,Total users,Total revenue",
    ...days.map((d) => `${ymd(d)},30000,21000,25000,1234.50`).reverse(),
  ];
  const file = join(tmpdir(), `ga4-e2e-${process.pid}.csv`);
  writeFileSync(file, lines.join("\r\n"));
  return file;
}

/** A Search Console "Dates" export: ISO dates, newest first, CTR as a percent. */
function searchConsoleFile(days) {
  const lines = [
    "Date,Clicks,Impressions,CTR,Position",
    ...days.map((d) => `${iso(d)},120,"4,000",3%,12.4`).reverse(),
  ];
  const file = join(tmpdir(), `gsc-e2e-${process.pid}.csv`);
  writeFileSync(file, lines.join("\n"));
  return file;
}

async function openMeasure(page) {
  await openApp(page);
  await createPlan(page, "Import test", "ecommerce_b2c");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Measure", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Measure" })).toBeVisible();
}

test("a GA4 export is previewed, one mapping corrected, imported into the actuals, and undone in one step", async ({ page }) => {
  const days = daysSoFar();
  await openMeasure(page);
  const importer = page.getByRole("region", { name: "Import a CSV export" });
  const sessions = page.locator(`#actual-sessions-${month()}`);
  const revenue = page.locator(`#actual-revenue-${month()}`);
  const status = page.getByRole("region", { name: /Sessions$/ }).locator(".kpi-figures .status");
  await expect(status).toHaveText(/No data/);
  await expect(sessions).toHaveValue("");

  await page.locator("#csv-file").setInputFiles(ga4File(days));
  await expect(importer).toContainText("Google Analytics 4");
  await expect(importer.getByLabel("Dates from")).toHaveValue("0");
  await expect(importer.getByLabel("Sessions becomes", { exact: true })).toHaveValue("sessions");
  await expect(importer.getByLabel("Total users becomes", { exact: true })).toHaveValue("");
  await expect(importer.getByLabel("Total revenue becomes", { exact: true })).toHaveValue("revenue");
  // Correct one mapping: the revenue is not wanted from this file.
  await importer.getByLabel("Total revenue becomes", { exact: true }).selectOption("");
  await importer.getByRole("button", { name: "Check the rows" }).click();
  await expect(importer).toContainText(days.length === 1 ? "from 1 row." : `from ${days.length} rows.`);
  await importer.getByRole("button", { name: /^Import [\d,]+ values?$/ }).click();
  await expect(importer.getByRole("status")).toContainText("Imported");

  const total = (30000 * days.length).toLocaleString("en-US");
  await expect(sessions).toHaveValue(total);
  await expect(page.locator(`#actual-engaged_sessions-${month()}`)).toHaveValue((21000 * days.length).toLocaleString("en-US"));
  await expect(revenue).toHaveValue("");
  await expect(status).not.toHaveText(/No data/);
  await expect(page.getByRole("region", { name: /Sessions$/ }).locator("circle.actual-mark")).toHaveCount(1);

  // One Undo takes the whole import back.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(sessions).toHaveValue("");
  await expect(status).toHaveText(/No data/);
});

test("a Search Console export imports clicks and impressions, and importing the same periods again asks replace or keep", async ({ page }) => {
  const days = daysSoFar();
  await openMeasure(page);
  const importer = page.getByRole("region", { name: "Import a CSV export" });
  const clicks = page.locator(`#actual-clicks-${month()}`);
  const impressions = page.locator(`#actual-impressions-${month()}`);
  const file = searchConsoleFile(days);

  await page.locator("#csv-file").setInputFiles(file);
  await expect(importer).toContainText("Search Console");
  await expect(importer.getByLabel("CTR becomes", { exact: true })).toHaveValue("");
  await expect(importer.getByLabel("Position becomes", { exact: true })).toHaveValue("");
  await importer.getByRole("button", { name: "Check the rows" }).click();
  await importer.getByRole("button", { name: /^Import [\d,]+ values?$/ }).click();
  await expect(clicks).toHaveValue((120 * days.length).toLocaleString("en-US"));
  await expect(impressions).toHaveValue((4000 * days.length).toLocaleString("en-US"));

  // Typed over, then the same file again: keep what is there, or replace it.
  await clicks.fill("7");
  await clicks.blur();
  await page.locator("#csv-file").setInputFiles(file);
  await importer.getByRole("button", { name: "Check the rows" }).click();
  await expect(importer).toContainText("already have a value");
  await importer.getByRole("button", { name: "Import, keeping the existing values" }).click();
  await expect(clicks).toHaveValue("7");
  await page.locator("#csv-file").setInputFiles(file);
  await importer.getByRole("button", { name: "Check the rows" }).click();
  await importer.getByRole("button", { name: /Import, replacing the \d+ existing values/ }).click();
  await expect(clicks).toHaveValue((120 * days.length).toLocaleString("en-US"));
  await expectNoSeriousViolations(page);
});

test("a file that is not a CSV export is refused with a clear message, and a preview can be cancelled", async ({ page }) => {
  await openMeasure(page);
  const importer = page.getByRole("region", { name: "Import a CSV export" });
  await page.locator("#csv-file").setInputFiles(searchConsoleFile(daysSoFar()));
  await expect(importer).toContainText("Search Console");
  await importer.getByRole("button", { name: "Cancel" }).click();
  await expect(importer.getByRole("status")).toHaveText("Import cancelled: nothing changed.");
  await expect(page.locator(`#actual-clicks-${month()}`)).toHaveValue("");
  const binary = join(tmpdir(), `not-csv-${process.pid}.csv`);
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]));
  await page.locator("#csv-file").setInputFiles(binary);
  await expect(importer.getByRole("alert")).toContainText(/not|no table/i);
  await expect(page.locator(`#actual-sessions-${month()}`)).toHaveValue("");
});

test("a 100,000-row export is read by the import worker, off the page's thread, and can be cancelled or completed", async ({ page }) => {
  test.setTimeout(120_000);
  await openMeasure(page);
  const importer = page.getByRole("region", { name: "Import a CSV export" });
  const file = join(tmpdir(), `ga4-100k-e2e-${process.pid}.csv`);
  writeFileSync(file, ga4Csv(100_000));
  await page.locator("#csv-file").setInputFiles(file);
  await importer.getByRole("button", { name: "Cancel" }).click();
  await expect(importer.getByRole("status")).toHaveText("Import cancelled: nothing changed.");

  // The page's own long tasks from here on (the file is handed to the worker whole).
  await page.evaluate(() => {
    window.__longest = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: "longtask" });
  });
  await page.locator("#csv-file").setInputFiles(file);
  await expect(importer).toContainText("Google Analytics 4", { timeout: 60_000 });
  await expect(importer).toContainText("100,000 rows");
  await importer.getByRole("button", { name: "Check the rows" }).click();
  await expect(importer).toContainText("from 100,000 rows", { timeout: 60_000 });
  const worker = await page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.includes("import_worker.js")));
  expect(worker).toBe(true);
  // Reading 17 MB on the page's thread would hold it for seconds on this machine.
  expect(await page.evaluate(() => window.__longest)).toBeLessThan(1000);
});
