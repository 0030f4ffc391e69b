// The release build loads, runs under its Content-Security-Policy, and a user can
// create a plan and find it listed: at / and under a GitHub Pages sub-path.
import { test, expect, openApp, createPlan } from "./fixtures.mjs";

test("the app shell loads with its name, navigation and privacy note", async ({ page }) => {
  await openApp(page);
  await expect(page).toHaveTitle(/RACE Planner/);
  await expect(page.getByRole("link", { name: "RACE Planner" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "App" })).toBeVisible();
  await expect(page.getByRole("contentinfo")).toContainText("stay in this browser");
  await expect(page.getByRole("heading", { name: "Your plans" })).toBeVisible();
});

test("the page carries a strict Content-Security-Policy", async ({ page }) => {
  await openApp(page);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain("unsafe-inline");
  expect(csp).not.toMatch(/https?:/);
});

test("a new plan is created, opened and listed", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Spring growth plan");
  await expect(page).toHaveURL(/#\/plan\/[^/]+\/overview$/);
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Spring growth plan");
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("link", { name: "Spring growth plan" })).toBeVisible();
});

test("a deep link to a screen survives a reload", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Deep link plan");
  await page.getByRole("link", { name: "Convert", exact: true }).click();
  await expect(page).toHaveURL(/\/convert$/);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Convert" })).toBeVisible();
});

test("an unknown address shows a way back", async ({ page }) => {
  await openApp(page, "#/nowhere");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to your plans" }).click();
  await expect(page.getByRole("heading", { name: "Your plans" })).toBeVisible();
});

test("the build is ready for GitHub Pages: .nojekyll, an icon, relative to its base", async ({ page, baseURL }) => {
  await openApp(page);
  const nojekyll = await page.request.get(new URL(".nojekyll", baseURL).href);
  expect(nojekyll.status()).toBe(200);
  const icon = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(icon.startsWith(new URL(baseURL).pathname)).toBe(true);
  expect((await page.request.get(new URL(icon, baseURL).href)).status()).toBe(200);
});

test("? lists the shortcuts, Escape closes them, and the remembered theme toggle overrides the system", async ({ page }) => {
  await openApp(page);
  await page.keyboard.press("?");
  const dialog = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Undo the last edit");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  const theme = page.getByRole("button", { name: /^Theme:/ });
  await expect(theme).toHaveText("Theme: system");
  await theme.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await theme.click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(theme).toHaveText("Theme: dark");
  await theme.click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
});

test("installable: a manifest with its icons, and an offline copy kept by a service worker for this base", async ({ page, baseURL }) => {
  await openApp(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifestUrl = new URL(href, page.url()).href;
  expect(manifestUrl.startsWith(baseURL)).toBe(true);
  const manifest = await (await page.request.get(manifestUrl)).json();
  expect(manifest.name).toBe("RACE Planner");
  expect(new URL(manifest.start_url, manifestUrl).href).toBe(baseURL);
  expect(new URL(manifest.scope, manifestUrl).href).toBe(baseURL);
  expect(manifest.display).toBe("standalone");
  const sizes = manifest.icons.map((i) => i.sizes);
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512", "any"]));
  expect(manifest.icons.some((i) => i.purpose === "maskable")).toBe(true);
  for (const icon of manifest.icons) expect((await page.request.get(new URL(icon.src, manifestUrl).href)).status()).toBe(200);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).scope);
  expect(scope).toBe(baseURL);
  const kept = await page.evaluate(async () => {
    const cache = await caches.open((await caches.keys()).find((k) => k.startsWith("race-planner-")));
    return (await cache.keys()).map((r) => r.url);
  });
  expect(kept).toContain(baseURL);
  expect(kept.some((u) => u.endsWith("race-planner-full_bg.wasm"))).toBe(true);
  // Chromium's own installability checks (a test browser's context is incognito, where
  // nothing installs: that one is not about the app).
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== "in-incognito")).toEqual([]);
});
