// The overview: KPI cards, the funnel chart, gaps, budget split, initiatives and
// actions; an explanation with a link where the plan is still empty; accessibility.
import { test, expect, openApp, createPlan, expectNoSeriousViolations } from "./fixtures.mjs";

test("a blank plan's overview explains what to fill and where", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Blank overview");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("link", { name: "the Reach screen" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "the Convert screen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "the Strategy screen" })).toBeVisible();
  await expect(page.getByRole("link", { name: "the 90-day plan screen" })).toBeVisible();
  // Empty inputs show "—" with what is missing, never a zero result.
  await expect(page.locator(".kpi-tile").filter({ hasText: "Revenue" }).first().locator(".kpi-value")).toHaveText("—");
  await expect(page.locator(".kpi-tile").filter({ hasText: "Revenue" }).first().locator(".kpi-missing")).toContainText("Needs");
  await expect(page.locator(".kpi-tile").filter({ hasText: "Customer acquisition cost" }).locator(".kpi-value")).toHaveText("—");
  await expectNoSeriousViolations(page);
  await page.getByRole("link", { name: "the Reach screen" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Reach" })).toBeVisible();
});

test("the B2C e-commerce template fills every section", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Shop", "ecommerce_b2c");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.locator(".kpi-tile")).toHaveCount(9);
  const chart = page.locator(".funnel-chart svg[role=img]");
  await expect(chart).toHaveAttribute("aria-label", /Sessions .*Leads .*New customers/);
  await expect(page.locator(".funnel-chart table")).toHaveCount(1);
  await expect(page.getByRole("heading", { name: "Where the budget goes" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Paid" })).toBeVisible();
  await expect(page.getByRole("rowheader", { name: "Online" })).toBeVisible();
  await expect(page.locator(".top-list").first().locator("li").first()).toContainText("Score");
  // The ⓘ of a card shows the formula.
  await page.getByLabel("How Revenue is computed").click();
  await expect(page.locator(".kpi-tile").filter({ hasText: "Revenue" }).first().locator(".info-body")).toContainText("first-order revenue + repeat revenue");
  await expectNoSeriousViolations(page);
});

test("the overview reads in dark mode and at 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await page.emulateMedia({ colorScheme: "dark" });
  await openApp(page);
  await createPlan(page, "Dark shop", "ecommerce_b2c");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expectNoSeriousViolations(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});
