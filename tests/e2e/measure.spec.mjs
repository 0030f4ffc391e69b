// Measure: typing an actual for one month changes the KPI's status, per KPI, per
// stage and for the plan; bad values are refused at the field.
import { test, expect, openApp, createPlan, expectNoSeriousViolations } from "./fixtures.mjs";

async function openMeasure(page) {
  await openApp(page);
  await createPlan(page, "Measure test", "saas_subscription");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Measure", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Measure" })).toBeVisible();
}

test("typing an actual for one month changes the status", async ({ page }) => {
  await openMeasure(page);
  const card = page.getByRole("region", { name: /Sessions$/ });
  const status = card.locator(".kpi-figures .status");
  const reach = page.locator(".status-table tbody tr", { hasText: "Reach" });
  await expect(status).toHaveText(/No data/);
  // The first month is the one being checked (the plan starts today).
  const cell = page.locator('input[id^="actual-sessions-"]').first();
  await cell.fill("abc");
  await expect(cell).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Enter a number, like 1200")).toBeVisible();
  await cell.fill("900000");
  await expect(cell).toHaveAttribute("aria-invalid", "false");
  await expect(status).toHaveText(/On track/);
  await expect(reach.getByText("On track")).toBeVisible();
  await cell.fill("10");
  await expect(status).toHaveText(/Off track/);
  await expect(reach.getByText("Off track")).toBeVisible();
  await expect(page.locator(".status-table tfoot").getByText("Off track")).toBeVisible();
  // The chart shows the actual as a mark, and its numbers as text.
  await expect(card.locator("circle.actual-mark")).toHaveCount(1);
  await cell.blur();
  await expect(cell).toHaveValue("10");
  // Clearing the cell removes the actual.
  await cell.fill("");
  await expect(status).toHaveText(/No data/);
});

test("actuals of a plan in a decimal-comma locale are read as its people write numbers", async ({ page }) => {
  await openMeasure(page);
  await page.locator("details.plan-settings summary").click();
  await page.getByLabel("Number and date format").selectOption({ label: "Deutsch (Deutschland)" });
  const sessions = page.locator('input[id^="actual-sessions-"]').first();
  const customers = page.locator('input[id^="actual-customers-"]').first();
  // "2.000" is two thousand sessions here: 50 customers of them are 2.5 %.
  await sessions.fill("2.000");
  await customers.fill("50");
  await sessions.blur();
  await customers.blur();
  await expect(sessions).toHaveValue("2.000");
  const card = page.getByRole("region", { name: /Session → customer rate$/ });
  await expect(card.locator(".kpi-figures")).toContainText("2,5\u00a0%");
});

test("actuals that cannot all be right are listed under the grid with their figures", async ({ page }) => {
  await openMeasure(page);
  const impressions = page.locator('input[id^="actual-impressions-"]').first();
  const clicks = page.locator('input[id^="actual-clicks-"]').first();
  const period = (await clicks.getAttribute("id")).slice("actual-clicks-".length);
  const warning = page.locator(".banner-warn", { hasText: "cannot all be right" });
  await impressions.fill("1000");
  await clicks.fill("1440");
  await expect(warning).toContainText(`${period}: Click-through rate (CTR) 144%: Clicks 1,440, more than impressions 1,000`);
  // Put right, the warning goes.
  await clicks.fill("144");
  await expect(clicks).toHaveAttribute("aria-invalid", "false");
  await expect(warning).toHaveCount(0);
});

test("ratio KPIs are derived from the raw numbers typed, and weeks can be chosen", async ({ page }) => {
  await openMeasure(page);
  // No input for a ratio: the conversion rate follows from customers ÷ sessions.
  await expect(page.locator('input[id^="actual-conversion_rate-"]')).toHaveCount(0);
  const customers = page.locator('input[id^="actual-customers-"]').first();
  await customers.fill("-5");
  await expect(customers).toHaveAttribute("aria-invalid", "true");
  await page.locator('input[id^="actual-sessions-"]').first().fill("2000");
  await customers.fill("100");
  // 100 ÷ 2,000 = 5 %.
  const card = page.getByRole("region", { name: /Session → customer rate$/ });
  await expect(card.locator(".kpi-figures")).toContainText("5%");
  await page.getByLabel("Periods", { exact: true }).selectOption("week");
  await expect(page.getByLabel("Check status for", { exact: true })).toHaveValue(/W\d\d$/);
  await expect(page.locator('input[id^="actual-sessions-"]').first()).toHaveAttribute("id", /W\d\d$/);
});

test("the measure screen has no serious accessibility problems", async ({ page }) => {
  await openMeasure(page);
  await page.locator('input[id^="actual-sessions-"]').first().fill("1000");
  // With the list of actuals that cannot all be right shown too.
  await page.locator('input[id^="actual-leads-"]').first().fill("1200");
  await expect(page.locator(".banner-warn", { hasText: "cannot all be right" })).toBeVisible();
  await expectNoSeriousViolations(page);
});

/** Pastes `text` into `cell` as a spreadsheet would (a paste event with the text). */
async function paste(cell, text) {
  await cell.focus();
  await cell.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

test("a block pasted from a spreadsheet fills the measures down from the cell, reports what it could not read, and undoes in one step", async ({ page }) => {
  await openMeasure(page);
  const sessions = page.locator('input[id^="actual-sessions-"]').first();
  const engaged = page.locator('input[id^="actual-engaged_sessions-"]').first();
  const leads = page.locator('input[id^="actual-leads-"]').first();
  const status = page.getByRole("region", { name: /Sessions$/ }).locator(".kpi-figures .status");
  await expect(status).toHaveText(/No data/);
  // Sessions, engaged sessions and leads of one month, as copied from a column of a
  // sheet with its header; the third value cannot be read.
  await paste(sessions, "Actual\n900,000\n450000\nlots\n");
  await expect(sessions).toHaveValue(/^900,?000$/);
  await expect(engaged).toHaveValue("450,000");
  await expect(leads).toHaveValue("");
  const note = page.locator(".paste-note");
  await expect(note).toContainText("Pasted 2 cells from Sessions");
  await expect(note).toContainText("1 could not be read");
  await expect(note).toContainText("“lots”");
  await expect(status).toHaveText(/On track/);
  // One undo takes the whole paste back.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(sessions).toHaveValue("");
  await expect(engaged).toHaveValue("");
  await expect(status).toHaveText(/No data/);
});
