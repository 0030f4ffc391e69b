// Offline use and sharing: once loaded, the app works with the network off; a new
// build is announced and reloaded into; a plan shared by link opens read-only in an
// empty browser and can be saved; a damaged link says so and changes nothing.
import { test, expect, openApp, createPlan } from "./fixtures.mjs";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";

/** Waits until the service worker controls the page (every file of the build kept). */
async function offlineReady(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
}

test("after one visit the app loads and works with the network off", async ({ page, context }) => {
  await openApp(page);
  await offlineReady(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Your plans" })).toBeVisible();
  await createPlan(page, "Written on a train", "local_business");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Reach", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Reach" })).toBeVisible();
  await page.getByText("Plan settings").click();
  await page.getByLabel("Plan name").fill("Written offline");
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Written offline");
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Written offline");
  await context.setOffline(false);
});

test("a new build is announced and the page reloads into it", async ({ page }, testInfo) => {
  // A copy of the site on its own server, so that this test can change it.
  const site = mkdtempSync(join(tmpdir(), "race-planner-update-"));
  cpSync(join(process.cwd(), "e2e-site"), site, { recursive: true, filter: (src) => !src.endsWith("/race-planner") });
  const port = 4300 + (testInfo.workerIndex % 50);
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], { stdio: "ignore" });
  try {
    const url = `http://127.0.0.1:${port}/`;
    await expect(async () => {
      await page.goto(url);
    }).toPass({ timeout: 10_000 });
    await expect(page.getByRole("heading", { level: 1, name: "Your plans" })).toBeVisible();
    await offlineReady(page);
    await expect(page.getByText("A new version of RACE Planner is ready")).toHaveCount(0);
    // "Deploy" a new build: its service worker differs.
    const sw = join(site, "sw.js");
    writeFileSync(sw, readFileSync(sw, "utf8").replace(/const VERSION = "[^"]*"/, 'const VERSION = "a-newer-build"'));
    await page.reload();
    await expect(page.getByText("A new version of RACE Planner is ready")).toBeVisible({ timeout: 20_000 });
    await page.getByRole("button", { name: "Reload to update" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Your plans" })).toBeVisible();
    await expect(page.getByText("A new version of RACE Planner is ready")).toHaveCount(0);
    const version = await page.evaluate(async () => (await caches.keys()).join(","));
    expect(version).toContain("race-planner-a-newer-build");
  } finally {
    server.kill();
    rmSync(site, { recursive: true, force: true });
  }
});

test("a plan shared by link opens read-only in an empty browser, and a copy can be saved and edited", async ({ page, browser }) => {
  await openApp(page);
  await createPlan(page, "Shared growth plan", "saas_subscription");
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.getByRole("button", { name: "Share link" }).click();
  const link = await page.getByLabel("Share link").inputValue();
  expect(link).toMatch(/#\/share\/[A-Za-z0-9_-]{1000,}$/);
  await expect(page.getByText(/Link copied/)).toBeVisible();

  const other = await browser.newContext();
  const fresh = await other.newPage();
  const problems = [];
  fresh.on("console", (m) => m.type() === "error" && problems.push(m.text()));
  fresh.on("pageerror", (e) => problems.push(e.message));
  await fresh.goto(link);
  await expect(fresh.getByRole("heading", { name: /A shared plan: “Shared growth plan”/ })).toBeVisible();
  await expect(fresh.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  // Nothing is stored until the copy is saved.
  expect(await fresh.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("plan:")).length)).toBe(0);
  await fresh.getByRole("button", { name: "Save a copy to my plans" }).click();
  await expect(fresh.getByRole("navigation", { name: "Plan" })).toContainText("Shared growth plan");
  await fresh.getByText("Plan settings").click();
  await fresh.getByLabel("Plan name").fill("My copy of the shared plan");
  await fresh.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await expect(fresh.getByRole("link", { name: "My copy of the shared plan" })).toBeVisible();

  // A link cut short when it was copied: a clear message, and the stored plans untouched.
  await fresh.goto(link.slice(0, link.length - 400));
  await expect(fresh.getByRole("alert")).toContainText(/damaged or cut short|cannot open|can open/);
  await expect(fresh.getByText("Nothing was changed in your plans.")).toBeVisible();
  await fresh.getByRole("link", { name: "Go to your plans" }).click();
  await expect(fresh.getByRole("link", { name: "My copy of the shared plan" })).toBeVisible();
  expect(problems).toEqual([]);
  await other.close();
});
