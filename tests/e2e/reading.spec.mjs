// Numbers a marketer reads at a glance, focus that follows the work, and a phone
// screen that starts with the numbers.
import { test, expect, openApp, createPlan, go } from "./fixtures.mjs";

test("number fields group thousands while not edited and show the plain number while typing", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Readable numbers", "ecommerce_b2c");
  await go(page, "Opportunity");
  const sessions = page.getByRole("textbox", { name: "Sessions per month", exact: true });
  await expect(sessions).toHaveValue("42,000");
  await sessions.focus();
  await expect(sessions).toHaveValue("42000");
  await sessions.fill("1234567");
  await sessions.press("Tab");
  await expect(sessions).toHaveValue("1,234,567");
  // A grouped value typed back is read as the same number.
  await sessions.fill("2,500,000");
  await sessions.press("Tab");
  await expect(sessions).toHaveValue("2,500,000");
  await page.reload();
  await expect(sessions).toHaveValue("2,500,000");

  await go(page, "Strategy");
  const budget = page.getByRole("textbox", { name: "Money set aside for initiatives" });
  await budget.fill("12500.5");
  await budget.press("Tab");
  await expect(budget).toHaveValue("12,500.50");
  await budget.focus();
  await expect(budget).toHaveValue("12500.50");
});

test("money reads in whole units from 1,000 up and with cents below; statuses read the same everywhere", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Whole units", "ecommerce_b2c");
  const revenue = page.locator(".kpi-card, .kpi-tile").filter({ hasText: "Revenue" }).first().locator(".kpi-value");
  await expect(revenue).toHaveText(/^\$\d{1,3}(,\d{3})+$/);
  await go(page, "Reach");
  await expect(page.locator('tr[data-kpi="cpc"] td')).toHaveText(/^\$\d+\.\d\d$/);
  await go(page, "90-day plan");
  await page.getByRole("tab", { name: "Board", exact: true }).click();
  await expect(page.getByRole("region", { name: /^To do/ })).toBeVisible();
  await expect(page.locator("main")).not.toContainText("Todo");
});

test("a new plan, and every screen opened after it, takes the focus to its heading", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Focus follows");
  await expect(page.getByRole("heading", { level: 1, name: "Overview", exact: true })).toBeFocused();
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Reach", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reach", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  // The next Tab goes on from the screen's top, not from the page's first link.
  await expect(page.getByRole("link", { name: "Skip to content" })).not.toBeFocused();
  expect(await page.evaluate(() => document.activeElement.closest("main") !== null)).toBe(true);
});

test("on a 360 px phone the Overview's first numbers show without scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await openApp(page);
  await createPlan(page, "Phone", "ecommerce_b2c");
  const first = page.locator(".kpi-value").first();
  await expect(first).toBeVisible();
  const box = await first.boundingBox();
  expect(box.y + box.height).toBeLessThanOrEqual(740);
  // The header is one line, and the plan's menu, undo and redo share one.
  const header = await page.locator(".app-header").boundingBox();
  expect(header.height).toBeLessThan(60);
  const nav = await page.getByRole("navigation", { name: "Plan" }).boundingBox();
  expect(nav.height).toBeLessThan(60);
});
