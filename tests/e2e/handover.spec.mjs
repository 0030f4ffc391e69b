// The first load shows Home and a plan's Overview on its own; the first action that
// needs more loads the whole app, which takes over the page without losing what was
// typed and carries out the action.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test, expect, openApp, createPlan, go, overviewKept } from "./fixtures.mjs";

const PLAN_FILE = fileURLToPath(new URL("../fixtures/plan-split.json", import.meta.url));

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
  await overviewKept(page);
  const urls = requests(page);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  // The figures the whole app drew, from the first load alone.
  await expect(page.locator(".kpi-tile[data-kpi=revenue] .kpi-value")).not.toHaveText("—");
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your plans" })).toBeVisible();
  await expect(page.getByText(/touchpoints · forecast/)).toBeVisible();
  await page.getByRole("link", { name: "First load plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Funnel" })).toBeVisible();
  // The theme needs nothing more either.
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  // Nor does a figure's ⓘ.
  await page.getByLabel("How Revenue is computed").click();
  await expect(page.locator(".kpi-tile[data-kpi=revenue] .info-body")).toBeVisible();
  await expect(page.locator(".kpi-tile[data-kpi=revenue] .info-body")).toContainText("first-order revenue + repeat revenue");
  await page.keyboard.press("Escape");
  await expect(page.locator(".kpi-tile[data-kpi=revenue] .info-body")).toBeHidden();
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

test("an Overview that no longer holds (the plan changed, or another month began) is drawn again by the whole app", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Changing plan", "ecommerce_b2c");
  const id = await overviewKept(page);
  const revenue = page.locator(".kpi-tile[data-kpi=revenue] .kpi-value");
  const before = await revenue.textContent();
  // An edit on another screen: the kept Overview shows an older version of the plan.
  await go(page, "Act");
  const rate = page.locator("#f-funnel-act_rate");
  await rate.fill("50");
  await rate.blur();
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();
  let urls = requests(page);
  // A new visit straight to the Overview (not the whole app moving to it).
  const overview = page.url().replace(/act$/, "overview");
  await page.goto("about:blank");
  await page.goto(overview);
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await expect(revenue).not.toHaveText(before);
  expect(wholeApp(urls).length).toBeGreaterThan(0);
  const after = await revenue.textContent();
  await overviewKept(page);
  // Drawn on a day its figures no longer hold for: the first load does not show it.
  await page.evaluate((id) => {
    const key = `race-planner:glance:${id}`;
    const glance = JSON.parse(localStorage.getItem(key));
    glance.overview.html = glance.overview.html.replace("Key numbers", "Old numbers");
    glance.overview.from = "2020-01-01";
    glance.overview.until = "2020-01-31";
    localStorage.setItem(key, JSON.stringify(glance));
  }, id);
  urls = requests(page);
  await page.reload();
  await expect(page.getByRole("heading", { name: /^Key numbers/ })).toBeVisible();
  await expect(page.getByText("Old numbers")).toHaveCount(0);
  await expect(revenue).toHaveText(after);
  expect(wholeApp(urls).length).toBeGreaterThan(0);
});

test("an Overview shown by the first load follows a change made in another tab", async ({ page, context }) => {
  await openApp(page);
  await createPlan(page, "Two tabs", "ecommerce_b2c");
  await overviewKept(page);
  const other = await context.newPage();
  await other.goto(page.url().replace(/overview$/, "act"));
  await expect(other.getByRole("heading", { level: 1, name: "Act" })).toBeVisible();
  const urls = requests(page);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const revenue = page.locator(".kpi-tile[data-kpi=revenue] .kpi-value");
  const before = await revenue.textContent();
  expect(wholeApp(urls)).toEqual([]);
  const rate = other.locator("#f-funnel-act_rate");
  await rate.fill("50");
  await rate.blur();
  await expect(other.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();
  await expect(revenue).not.toHaveText(before);
  expect(wholeApp(urls).length).toBeGreaterThan(0);
});

test("a plan's text that looks like markup stays text on the first load's Overview", async ({ page }) => {
  const hostile = "<b>Trust</b> badges & <script>alert(1)</script><img src=x>";
  const plan = JSON.parse(readFileSync(PLAN_FILE, "utf8"));
  plan.plan.strategy.initiatives[0].title = hostile;
  plan.plan.action.actions[0].title = hostile;
  await openApp(page);
  await page.getByLabel("Import a plan or backup file…").setInputFiles({
    name: "hostile.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(plan)),
  });
  await page.locator(".plan-list a").first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  await overviewKept(page);
  // Leptos's empty placeholder comments aside.
  const markup = async () => (await page.locator(".overview").innerHTML()).replaceAll("<!---->", "");
  const drawn = await markup();
  const urls = requests(page);
  await page.reload();
  await expect(page.getByRole("heading", { name: "Top initiatives" })).toBeVisible();
  // The same elements as the whole app drew: nothing was rearranged by reading it back.
  expect(await markup()).toBe(drawn);
  await expect(page.locator(".overview .top-title")).toHaveText([hostile, hostile]);
  await expect(page.locator(".overview b, .overview script, .overview img")).toHaveCount(0);
  expect(wholeApp(urls)).toEqual([]);
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

test.describe("on a phone", () => {
  test.use({ viewport: { width: 412, height: 823 } });

  test("the first load moves nothing on the page as the app replaces the loading message", async ({ page }) => {
    // Every layout shift from the start of the page, as the browser measures it.
    await page.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push(e.value);
      }).observe({ type: "layout-shift", buffered: true });
    });
    await openApp(page);
    await createPlan(page, "Steady plan", "ecommerce_b2c");
    await overviewKept(page);
    const overview = page.url();
    for (const [url, heading] of [[overview, "Overview"], [overview.replace(/#.*$/, "#/"), "Your plans"]]) {
      await page.goto("about:blank");
      await page.goto(url);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => window.__shifts)).toEqual([]);
    }
  });
});

test("a plan changed behind the app's back is opened by the whole app, not shown from its kept Overview", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Changed behind", "ecommerce_b2c");
  const id = await overviewKept(page);
  // The stored plan's text changes, but not the list of plans nor the kept Overview.
  await page.evaluate((id) => {
    const key = `race-planner:plan:${id}`;
    localStorage.setItem(key, localStorage.getItem(key).replace('"Changed behind"', '"Changed elsewhere"'));
  }, id);
  const urls = requests(page);
  await page.goto("about:blank");
  await page.goto(`./#/plan/${encodeURIComponent(id)}/overview`);
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Changed elsewhere");
  expect(wholeApp(urls).length).toBeGreaterThan(0);
});
