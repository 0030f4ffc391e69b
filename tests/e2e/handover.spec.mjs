// The first load shows Home and a plan's Overview on its own; the first action that
// needs more loads the whole app, which takes over the page without losing what was
// typed and carries out the action.
import { test, expect, openApp, createPlan } from "./fixtures.mjs";

/** Every URL the page requests from now on. */
function requests(page) {
  const urls = [];
  page.on("request", (r) => urls.push(r.url()));
  return urls;
}
const wholeApp = (urls) => urls.filter((u) => u.includes("race-planner-full"));

test("Home and a plan's Overview are shown by the first load alone; the plan settings load the whole app", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "First load plan", "ecommerce_b2c");
  const urls = requests(page);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your plans" })).toBeVisible();
  await expect(page.getByText(/touchpoints · forecast/)).toBeVisible();
  await page.getByRole("link", { name: "First load plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Funnel" })).toBeVisible();
  // The theme needs nothing more either.
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  expect(urls.some((u) => /race-planner-[0-9a-f]+_bg\.wasm/.test(u))).toBe(true);
  expect(wholeApp(urls)).toEqual([]);

  await page.getByText("Plan settings").click();
  await expect(page.getByLabel("Plan name")).toHaveValue("First load plan");
  expect(wholeApp(urls).length).toBeGreaterThan(0);
  // One app on the page, with its handlers once: an edit is one undo step.
  await expect(page.locator("main")).toHaveCount(1);
  await page.getByLabel("Plan name").fill("Renamed plan");
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Renamed plan");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("First load plan");
  await expect(page.getByRole("button", { name: "Undo" })).toBeDisabled();
});

test("what was typed before the whole app arrived is kept, and Enter creates the plan", async ({ page }) => {
  await openApp(page);
  await page.getByLabel("Start from").selectOption("saas_subscription");
  await page.getByLabel("Name", { exact: true }).fill("Typed on the first load");
  await page.getByLabel("Name", { exact: true }).press("Enter");
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Typed on the first load");
  await expect(page.getByRole("heading", { name: "Funnel" })).toBeVisible();
  // The template's touchpoints came with it.
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Reach", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reach" })).toBeVisible();
  await expect(page.getByRole("table", { name: /touchpoints/i }).first()).toBeVisible();
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("link", { name: "Typed on the first load" })).toHaveCount(1);
});

test("a screen only the whole app has opens straight from a link", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Linked plan");
  const url = page.url().replace(/overview$/, "strategy");
  await page.goto(url);
  const urls = requests(page);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Strategy" })).toBeVisible();
  expect(wholeApp(urls).length).toBeGreaterThan(0);
  await page.goto(url.replace(/#.*$/, "#/trash"));
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Trash" })).toBeVisible();
});

test.describe("without the offline copy", () => {
  // A service worker answers from its cache before a page's routes see the request.
  test.use({ serviceWorkers: "block" });
test("when the whole app cannot be loaded the page says so, keeps what was typed, and the next try works", async ({ page }) => {
  test.info().annotations.push({ type: "allow-console", description: "Failed to load resource" });
  await openApp(page);
  await page.route(/race-planner-full/, (route) => route.abort());
  await page.getByLabel("Name", { exact: true }).fill("Offline at first");
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("alert")).toContainText("The editor could not be loaded");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Offline at first");
  await expect(page.getByRole("heading", { level: 1, name: "Your plans" })).toBeVisible();

  await page.unroute(/race-planner-full/);
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Offline at first");
  await expect(page.getByRole("alert")).toHaveCount(0);
});
});
