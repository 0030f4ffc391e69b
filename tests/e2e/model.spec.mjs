// A plan that adds up, played as a marketer would: one goal shown the same on every
// screen, a budget that buys traffic, repeat purchases that earn revenue, a funnel whose
// steps add up, and tiles whose status agrees with the figure they show.
import { test, expect, openApp, createPlan, go } from "./fixtures.mjs";

/** The numbers of a text: "$1,234.50" → 1234.5. */
function amount(text) {
  return Number(text.replace(/[^0-9.-]/g, ""));
}

test("one goal, one place: the Revenue goal is the same on every screen", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "One goal", "ecommerce_b2c");
  await go(page, "Convert");
  const field = page.getByRole("textbox", { name: /^Revenue: goal per month/ });
  await field.fill("150000");
  await field.blur();
  // Overview: the Revenue tile reads that goal.
  await go(page, "Overview");
  const tile = page.locator('.kpi-tile[data-kpi="revenue"]');
  await expect(tile.locator(".kpi-meta")).toContainText("Goal $150,000");
  // Opportunity: the goal record itself.
  await go(page, "Opportunity");
  // One row per goal: Revenue's opens its form.
  await expect(page.locator("tr.goal-row").filter({ hasText: "Revenue" })).toHaveCount(1);
  await page.getByRole("button", { name: /^Edit Revenue/ }).click();
  const goals = page.locator("article.objective").filter({ has: page.locator('select[id$="-kpi"] option:checked', { hasText: "Revenue" }) });
  await expect(goals).toHaveCount(1);
  await expect(goals.getByRole("textbox", { name: "Target", exact: true })).toHaveValue(/150,?000/);
  // Editing it there changes the stage screen's KPI target.
  await goals.getByRole("textbox", { name: "Target", exact: true }).fill("120000");
  await go(page, "Convert");
  await expect(page.getByRole("textbox", { name: /^Revenue: goal per month/ })).toHaveValue(/120,?000/);
  // And the Convert screen no longer claims to track nothing.
  await expect(page.getByText("No KPI tracked at Convert yet")).toHaveCount(0);
});

test("budget buys volume: doubling a spend-planned budget doubles its clicks and sessions", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Spend");
  await go(page, "Reach");
  await page.getByRole("button", { name: "Add a touchpoint" }).click();
  await page.getByLabel("Volume planned").selectOption("cpc");
  await page.getByRole("textbox", { name: "Budget per month", exact: true }).fill("18000");
  await page.getByRole("textbox", { name: "Cost per click (CPC)", exact: true }).fill("0.60");
  const delivers = page.locator(".tp-delivers");
  // 18,000 ÷ 0.60 = 30,000 clicks, at 100 % landing = 30,000 sessions.
  await expect(delivers).toContainText("30,000 clicks → 30,000 sessions");
  await expect(page.locator('tr[data-kpi="sessions"] td')).toHaveText("30,000");
  await page.getByRole("textbox", { name: "Budget per month", exact: true }).fill("36000");
  await expect(delivers).toContainText("60,000 clicks → 60,000 sessions");
  await expect(page.locator('tr[data-kpi="sessions"] td')).toHaveText("60,000");
  await expect(page.locator('tr[data-kpi="cpc"] td')).toHaveText("$0.60");
});

test("repeat purchases earn revenue: a higher repeat rate raises revenue", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Repeat", "ecommerce_b2c");
  await go(page, "Convert");
  const revenueCell = page.locator('tr[data-kpi="revenue"] td');
  const before = amount(await revenueCell.innerText());
  await go(page, "Engage");
  const repeat = page.getByRole("textbox", { name: "Repeat purchase rate (customers who order again)", exact: true });
  await repeat.fill("50");
  await repeat.blur();
  const clv = amount(await page.locator('tr[data-kpi="clv"] td').innerText());
  await repeat.fill("28");
  await repeat.blur();
  const clvBefore = amount(await page.locator('tr[data-kpi="clv"] td').innerText());
  expect(clv).toBeGreaterThan(clvBefore);
  await repeat.fill("50");
  await repeat.blur();
  await go(page, "Convert");
  await expect(async () => {
    expect(amount(await revenueCell.innerText())).toBeGreaterThan(before);
  }).toPass();
});

test("the funnel's steps add up on screen, offline branch included", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Steps", "ecommerce_b2c");
  await go(page, "Overview");
  const steps = page.locator(".funnel-steps .step-list li");
  await expect(steps.filter({ hasText: "Offline branch" })).toHaveCount(1);
  const sum = steps.filter({ hasText: "= " }).filter({ hasText: /online customers \+ .* offline customers = / });
  await expect(sum).toHaveCount(1);
  const text = await sum.innerText();
  const [online, offline, total] = text.match(/[\d,]+(?=\s)/g).map(amount);
  expect(Math.abs(online + offline - total)).toBeLessThanOrEqual(1);
});

test("a tile's status agrees with the figure it shows", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Status", "ecommerce_b2c");
  await go(page, "Convert");
  // A goal far above the forecast: the forecast is judged against it before any actuals.
  await page.getByRole("textbox", { name: /^Revenue: goal per month/ }).fill("50000000");
  await go(page, "Overview");
  const tile = page.locator('.kpi-tile[data-kpi="revenue"]');
  await expect(tile.locator(".kpi-basis")).toContainText("Forecast");
  await expect(tile.locator(".kpi-meta")).toContainText("below");
  await expect(tile.locator(".status")).toHaveText(/Off track/);
  // An empty plan shows "—" with what is missing, never a zero result.
  await openApp(page);
  await createPlan(page, "Empty");
  const clv = page.locator('.kpi-tile[data-kpi="clv"]');
  await expect(clv.locator(".kpi-value")).toHaveText("—");
  await expect(clv.locator(".kpi-missing")).toContainText("Needs");
  await expect(page.locator('.kpi-tile[data-kpi="ltv_cac"] .kpi-value')).toHaveText("—");
});

test("what a goal needs counts the offline touchpoints' customers apart from the online funnel", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Offline share", "ecommerce_b2c");
  await go(page, "Convert");
  const goal = page.getByRole("textbox", { name: /^Revenue: goal per month/ });
  await goal.fill("5000000");
  const item = (name) => page.locator(".need-list .need-item").filter({ has: page.getByText(name, { exact: true }) }).locator("dd");
  await expect(item("Revenue per month")).toHaveText("$5,000,000");
  // (textContent: the section may be out of view, where the browser skips its rendering.)
  // The customers a goal needs are the offline touchpoints' forecast plus the online rest.
  await expect(item("New customers from offline touchpoints")).toBeVisible();
  const total = amount(await item("New customers").textContent());
  const offline = amount(await item("New customers from offline touchpoints").textContent());
  const online = amount(await item("New customers needed online").textContent());
  expect(offline).toBeGreaterThan(0);
  expect(online).toBeGreaterThan(0);
  expect(Math.abs(offline + online - total)).toBeLessThanOrEqual(1);
  // The session → customer rate is the online funnel's, and says so.
  await expect(page.locator(".need-list dt", { hasText: "Session → customer rate (online)" })).toHaveCount(1);
  await expect(page.getByText(/needs no online leads or sessions/)).toHaveCount(0);
  // A goal the offline customers cover alone needs no leads or sessions, and says why.
  await goal.fill("1");
  await expect(item("Sessions")).toHaveText("0");
  await expect(item("Leads")).toHaveText("0");
  await expect(page.getByText(/offline touchpoints bring enough new customers for this goal on their own/)).toBeVisible();
});

test("a plan without offline touchpoints shows no offline lines in what a goal needs", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Online only");
  await go(page, "Convert");
  await page.getByLabel("KPI to track").selectOption("revenue");
  await page.getByRole("button", { name: "Add KPI" }).click();
  await page.getByRole("textbox", { name: /^Revenue: goal per month/ }).fill("10000");
  await expect(page.locator(".need-list .need-item").filter({ hasText: "Sessions" })).toBeVisible();
  await expect(page.locator(".need-list .need-item").filter({ hasText: "offline" })).toBeHidden();
  await expect(page.locator(".need-list .need-item").filter({ hasText: "needed online" })).toBeHidden();
});
