// Scenarios and Odds on a plan whose figures are known by hand (tests/fixtures/odds-e2e.json,
// described in tests/domain_odds.rs): 20,000 sessions a month, 5 % of them leads, 20 % of
// leads customers, AOV 100, for 12 months: 200 new customers a month, 2,400 and revenue
// 240,000 over the horizon; one goal of 220 new customers a month by June 2027.
//
// Scenarios: two are created and compared side by side, one is made the base (the base's
// customers change), Undo takes that back, and a deletion asks first and is undone.
// Odds: ranges on three inputs give p10 / p50 / p90 and the goal's odds from the
// simulation worker, which is requested only once the screen is opened; widening a
// range raises the odds; the tornado's first bar is the lead → customer rate (10–40 %:
// half to twice the plan's 20 %, a swing of 1.5 × 240,000 = 360,000 against 96,000 for
// sessions and the lead rate at ±20 %).
import { test, expect, openApp, go, expectNoSeriousViolations } from "./fixtures.mjs";
import { fileURLToPath } from "node:url";

const FIXTURE = fileURLToPath(new URL("../fixtures/odds-e2e.json", import.meta.url));

async function importPlan(page) {
  await openApp(page);
  await page.getByLabel("Import a plan or backup file…").setInputFiles(FIXTURE);
  await expect(page.getByRole("status").filter({ hasText: "1 plan imported." })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "Odds check", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Plan" })).toBeVisible();
}

const workerRequested = (page) =>
  page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.includes("sim_worker.js")));

/** Opens the report (its heading is the plan's name). */
async function openReport(page) {
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Report", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Odds check report" })).toBeVisible();
}

/** A comparison cell's text: the base's column is 1, then each scenario's. */
const cell = (page, figure, column) =>
  page.locator(`table.comparison tr[data-figure="${figure}"] td`).nth(column - 1);

async function addScenario(page, name, percent) {
  await page.locator("#scenario-new-name").fill(name);
  await page.getByRole("button", { name: "Add scenario" }).click();
  const card = page.getByRole("region", { name, exact: true });
  await expect(card).toBeVisible();
  await card.getByLabel("Input to change").selectOption("funnel:convert_rate");
  await card.getByRole("button", { name: "Change it in this scenario" }).click();
  const field = card.getByLabel("Lead → customer rate (Convert)", { exact: true });
  await expect(field).toBeFocused();
  await field.fill(String(percent));
  return card;
}

test("two scenarios side by side; one made the base and undone; a deletion asks and is undone", async ({ page }) => {
  await importPlan(page);
  await go(page, "Scenarios");
  await expect(page.getByText("No scenario yet.")).toBeVisible();
  await expectNoSeriousViolations(page);

  // An empty name is refused at the field.
  await page.getByRole("button", { name: "Add scenario" }).click();
  await expect(page.locator("#scenario-new-error")).toHaveText("Name the scenario");

  await addScenario(page, "Stretch", 25);
  await addScenario(page, "Conservative", 15);
  // A bad value stays at the field and the last good one stays in the scenario.
  const stretch = page.getByRole("region", { name: "Stretch", exact: true });
  await stretch.getByLabel("Lead → customer rate (Convert)", { exact: true }).fill("140");
  await expect(stretch.locator(".field-error")).toBeVisible();
  await stretch.getByLabel("Lead → customer rate (Convert)", { exact: true }).fill("25");
  await expect(stretch.locator(".field-error")).toHaveCount(0);

  const head = page.locator("table.comparison thead th");
  await expect(head).toHaveText(["Figure", "Base", "Stretch", "Conservative"]);
  await expect(cell(page, "customers", 1)).toHaveText("2,400");
  // Different from the base: an arrow, bold, and words for screen readers.
  await expect(cell(page, "customers", 2)).toHaveText("▲ 3,000 (higher than the base)");
  await expect(cell(page, "customers", 3)).toHaveText("▼ 1,800 (lower than the base)");
  await expect(cell(page, "customers", 2).locator("strong")).toBeVisible();
  await expect(cell(page, "sessions", 2)).toHaveText("240,000");
  await expect(cell(page, "revenue", 2)).toContainText("$300,000");
  await expectNoSeriousViolations(page);

  // Make Stretch the base: the base's customers become Stretch's.
  await page.getByRole("button", { name: "Make this the base: Stretch" }).click();
  await expect(cell(page, "customers", 1)).toHaveText("3,000");
  await expect(head).toHaveText(["Figure", "Base", "Base before Stretch", "Conservative"]);
  await expect(cell(page, "customers", 2)).toHaveText("▼ 2,400 (lower than the base)");
  await expect(page.getByRole("status").filter({ hasText: "is now the base" })).toBeVisible();
  // One Undo takes it back.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(cell(page, "customers", 1)).toHaveText("2,400");
  await expect(page.getByRole("status").filter({ hasText: "is now the base" })).toHaveCount(0);
  await expect(head).toHaveText(["Figure", "Base", "Stretch", "Conservative"]);

  // Deleting asks first; "Keep it" keeps it, and a deletion is undone.
  await page.getByRole("button", { name: "Delete scenario Conservative" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the scenario “Conservative”?" });
  await expect(dialog).toBeVisible();
  await expectNoSeriousViolations(page);
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await expect(dialog).toBeHidden();
  await expect(head).toHaveText(["Figure", "Base", "Stretch", "Conservative"]);
  await page.getByRole("button", { name: "Delete scenario Conservative" }).click();
  await dialog.getByRole("button", { name: "Delete scenario" }).click();
  await expect(head).toHaveText(["Figure", "Base", "Stretch"]);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(head).toHaveText(["Figure", "Base", "Stretch", "Conservative"]);

  // The report has the scenarios, and their CSV is offered.
  await openReport(page);
  await expect(page.getByRole("heading", { level: 2, name: "Scenarios" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download scenarios (CSV)" }).click();
  expect((await download).suggestedFilename()).toBe("odds-check-scenarios.csv");
});

/** Adds a range to an input and types its low and high. */
async function addRange(page, input, low, high) {
  await page.getByLabel("Input to give a range").selectOption(input);
  await page.getByRole("button", { name: "Add range" }).click();
  const row = page.locator(`.range-row[data-input="${input}"]`);
  await expect(row.getByLabel("Low", { exact: true })).toBeFocused();
  await row.getByLabel("Low", { exact: true }).fill(String(low));
  await row.getByLabel("High", { exact: true }).fill(String(high));
  return row;
}

const number = (text) => Number(text.replace(/[^0-9.]/g, ""));

test("ranges give p10/p50/p90 and the goal's odds from the worker; a wider range raises them; the tornado leads with the input that moves revenue most", async ({ page }) => {
  await importPlan(page);
  await go(page, "Convert");
  // Not on the first load, nor on another screen: only with the Odds screen.
  expect(await workerRequested(page)).toBe(false);
  await go(page, "Odds");
  await expect(page.getByText("No range yet.")).toBeVisible();
  await expect(page.locator("#range-hint")).toContainText(
    "low and high: the 10th and 90th percentile, a 1-in-10 chance of being below low or above high",
  );

  await addRange(page, "touchpoint:website:monthly_volume", 16000, 24000);
  await addRange(page, "funnel:act_rate", 4, 6);
  const convert = await addRange(page, "funnel:convert_rate", 10, 40);

  // A low above the plan's value is refused at the field; the last good value stays.
  await convert.getByLabel("Low", { exact: true }).fill("25");
  await expect(convert.locator(".field-error")).toContainText("The low value must not be above the plan's value");
  await expect(convert.getByLabel("Low", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await convert.getByLabel("Low", { exact: true }).fill("10");
  await expect(convert.locator(".field-error")).toHaveCount(0);

  const status = page.locator(".run-status");
  await expect(status).toContainText("10,000 draws with seed 1", { timeout: 30_000 });
  expect(await workerRequested(page)).toBe(true);
  const revenue = page.locator("table.odds-bands tr", { hasText: "Revenue" }).locator("td");
  await expect(revenue).toHaveCount(3);
  const [p10, p50, p90] = (await revenue.allTextContents()).map(number);
  expect(p10).toBeLessThan(p50);
  expect(p50).toBeLessThan(p90);
  // The median of a product of medians: about the plan's 240,000.
  expect(p50).toBeGreaterThan(200_000);
  expect(p50).toBeLessThan(280_000);
  const customers = page.locator("table.odds-bands tr", { hasText: "New customers" }).locator("td");
  await expect(customers).toHaveCount(3);

  const odds = page.locator(".odds-sentence").first();
  await expect(odds).toContainText("chance of reaching 220 new customers a month by June 2027");
  const before = number((await odds.textContent()).split("%")[0]);
  expect(before).toBeGreaterThan(0);
  expect(before).toBeLessThan(100);

  // The tornado of revenue: the conversion rate first, linked to its stage screen.
  const first = page.locator("table.tornado-table tbody tr").first();
  await expect(first).toHaveAttribute("data-input", "funnel:convert_rate");
  await expect(first.locator("td").nth(3)).toHaveText("$360,000");
  await expect(page.locator("table.tornado-table tbody tr").nth(1).locator("td").nth(3)).toHaveText("$96,000");
  await expect(first.getByRole("link", { name: "Lead → customer rate (Convert)" })).toHaveAttribute("href", /\/convert$/);
  await expect(page.getByRole("img", { name: /^Tornado of Revenue over the horizon: Lead → customer rate/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^Revenue over the horizon across 10,000 draws/ })).toBeVisible();
  await expectNoSeriousViolations(page);

  // A wider range above the plan's value raises the odds of a goal above it.
  await convert.getByLabel("High", { exact: true }).fill("60");
  await expect(odds).not.toContainText(`${before}%`, { timeout: 30_000 });
  await expect(status).toContainText("10,000 draws with seed 1");
  const after = number((await odds.textContent()).split("%")[0]);
  expect(after).toBeGreaterThan(before);

  // The tornado can follow the goal instead of revenue.
  await page.getByLabel("Outcome", { exact: true }).selectOption({ label: "Objective: New customers (Win 220 new customers a month by June)" });
  await expect(page.locator("table.tornado-table caption")).toContainText("New customers");

  // The stage screen shows the range quietly, linked to the Odds screen.
  await go(page, "Convert");
  const note = page.locator(".range-notes");
  await expect(note).toContainText("Lead → customer rate (Convert): range 10%–60%");
  await expect(note.getByRole("link")).toHaveAttribute("href", /\/odds$/);

  // The report has the ranges and what moves revenue most; their CSV is offered.
  await openReport(page);
  await expect(page.getByRole("heading", { level: 2, name: "Odds" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download ranges (CSV)" }).click();
  expect((await download).suggestedFilename()).toBe("odds-check-ranges.csv");

  // Undo removes the last change of a range, then the ranges one by one.
  await go(page, "Odds");
  await page.getByRole("button", { name: "Remove the range of Lead → customer rate (Convert)" }).click();
  await expect(page.locator(".range-row")).toHaveCount(2);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.locator(".range-row")).toHaveCount(3);
});
