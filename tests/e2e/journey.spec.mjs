// A new user's whole journey, from a blank plan to the report, then a reload that
// finds everything. The funnel typed in is WPCalc's worked example (10,000 visitors →
// 1,200 leads at 12 % → 300 customers at 25 % × $75 = $22,500), the same inputs and
// results as the domain's native tests.
import { test, expect, openApp, createPlan, go } from "./fixtures.mjs";

async function addTouchpoint(page, name, volumeLabel, volume, budget) {
  await page.getByRole("button", { name: "Add a touchpoint" }).click();
  const names = page.getByRole("textbox", { name: "Name", exact: true });
  await names.last().fill(name);
  if (volumeLabel) await page.getByRole("textbox", { name: volumeLabel, exact: true }).last().fill(volume);
  await page.getByRole("textbox", { name: "Budget per month", exact: true }).last().fill(budget);
}

test("a new user plans from a blank page to the report, and a reload keeps it all", async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page);
  await createPlan(page, "Journey plan");

  // Opportunity: a SMART revenue objective.
  await go(page, "Opportunity");
  await page.getByRole("button", { name: "Add an objective" }).click();
  const objective = page.locator("article.objective").first();
  await objective.getByLabel("Stage").selectOption("convert");
  await objective.getByLabel("KPI").selectOption("revenue");
  await objective.getByLabel("Description").fill("Grow online revenue from first-time buyers");
  await objective.getByLabel("Target").fill("22500");
  await objective.getByLabel("Deadline").fill("2027-03-31");
  await objective.getByLabel("Why it is achievable").fill("Matches last quarter's best month.");
  await objective.getByLabel("Why it is relevant").fill("Revenue pays for the next hires.");
  await expect(objective.locator(".smart-summary")).toContainText("all five parts met");

  // The four stages: touchpoints and rates.
  await go(page, "Reach");
  await addTouchpoint(page, "Google Search ads", "Sessions per month", "10,000", "2000");
  await page.getByLabel("KPI to track").selectOption("sessions");
  await page.getByRole("button", { name: "Add KPI" }).click();
  await page.getByRole("textbox", { name: /: goal per month/ }).first().fill("10000");
  await go(page, "Act");
  await page.getByRole("textbox", { name: "Session → lead rate", exact: true }).fill("12");
  await addTouchpoint(page, "Newsletter sign-up", null, null, "150");
  await expect(page.locator('tr[data-kpi="leads"] td')).toHaveText("1,200");
  await go(page, "Convert");
  await page.getByRole("textbox", { name: "Lead → customer rate", exact: true }).fill("25%");
  await page.getByRole("textbox", { name: "Average order value (AOV)", exact: true }).fill("75");
  await addTouchpoint(page, "Checkout reminders", null, null, "100");
  await expect(page.locator('tr[data-kpi="customers"] td')).toHaveText("300");
  await expect(page.locator('tr[data-kpi="revenue"] td')).toHaveText("$22,500");
  await go(page, "Engage");
  await page.getByRole("textbox", { name: "Repeat purchase rate (customers who order again)", exact: true }).fill("20");
  await addTouchpoint(page, "Loyalty emails", null, null, "80");

  // Strategy: three initiatives scored with ICE, one not doing, two chosen.
  await go(page, "Strategy");
  const rows = page.locator("table.backlog tbody tr.initiative-row");
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: "Add an initiative" }).click();
  const initiatives = [
    ["Checkout trust badges", 5, 8, 9, "chosen"],
    ["Retargeting ads", 8, 6, 6, "chosen"],
    ["Podcast sponsorship", 9, 7, 3, "not_doing"],
  ];
  // Each row's editor opens under it, one at a time.
  const editRow = async (i) => {
    const edit = rows.nth(i).getByRole("button", { name: /^Edit / });
    if ((await edit.getAttribute("aria-expanded")) !== "true") await edit.click();
    const editor = page.getByRole("region", { name: /^Edit initiative / });
    await expect(editor).toBeVisible();
    return editor;
  };
  for (let i = 0; i < 3; i++) {
    const [title, impact, confidence, ease] = initiatives[i];
    const editor = await editRow(i);
    await editor.getByLabel("Title", { exact: true }).fill(title);
    await editor.getByLabel("Impact", { exact: true }).fill(String(impact));
    await editor.getByLabel("Confidence", { exact: true }).fill(String(confidence));
    await editor.getByLabel("Ease", { exact: true }).fill(String(ease));
  }
  await expect(rows.nth(0).locator(".score-value")).toHaveText("7.33");
  await expect(rows.nth(1).locator(".score-value")).toHaveText("6.67");
  await expect(rows.nth(2).locator(".score-value")).toHaveText("6.33");
  for (let i = 0; i < 3; i++) {
    const editor = await editRow(i);
    await expect(editor.getByLabel("Title", { exact: true })).toHaveValue(initiatives[i][0]);
    await editor.getByLabel("Decision", { exact: true }).selectOption(initiatives[i][4]);
    if (initiatives[i][4] === "not_doing") await editor.getByLabel("Why not", { exact: true }).fill("No budget for audio this year");
  }
  await expect(page.getByText("No budget for audio this year").last()).toBeVisible();

  // 90-day plan from the chosen initiatives.
  await go(page, "90-day plan");
  await page.getByRole("button", { name: /^Create actions from chosen initiatives/ }).click();
  await expect(page.locator(".gantt-bar")).toHaveCount(2);

  // Measure: actual sessions for the first month.
  await go(page, "Measure");
  const cell = page.locator('input[id^="actual-sessions-"]').first();
  await cell.fill("9500");
  await expect(cell).toHaveAttribute("aria-invalid", "false");

  // Report.
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Report", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Journey plan/ })).toBeVisible();
  await expect(page.locator("main")).toContainText("$22,500");
  await expect(page.locator("main")).toContainText("Podcast sponsorship");
  await expect(page.locator("main")).toContainText("No budget for audio this year");

  // A reload finds everything.
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: /Journey plan/ })).toBeVisible();
  await go(page, "Overview");
  // Revenue counts repeat purchases: $22,500 of first orders (300 × $75) + 20 % of the
  // 300 customers ordering once more (60 × 1 × $75 = $4,500) = $27,000.
  await expect(page.locator(".kpi-tile").filter({ hasText: "Revenue" }).first().locator(".kpi-value")).toHaveText("$27,000");
  await go(page, "Convert");
  await expect(page.locator('tr[data-kpi="customers"] td')).toHaveText("300");
  await go(page, "Opportunity");
  const goal = page.locator("tr.goal-row").first();
  await expect(goal).toContainText("✓ All five");
  await goal.getByRole("button", { name: /^Edit / }).click();
  await expect(page.locator("article.objective").first().locator(".smart-summary")).toContainText("all five parts met");
  await go(page, "Strategy");
  await expect(page.locator("table.backlog tbody tr.initiative-row")).toHaveCount(3);
  await go(page, "90-day plan");
  await expect(page.locator(".gantt-bar")).toHaveCount(2);
  await go(page, "Measure");
  await expect(cell).toHaveValue(/^9,?500$/);
});
