// Shared test setup: every page is watched for console errors, uncaught exceptions
// and Content-Security-Policy violations, and a test fails if any happened.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const problems = [];
    page.on("console", (msg) => {
      if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
    });
    page.on("pageerror", (err) => problems.push(`uncaught: ${err.message}`));
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await use(page);
    const allowed = testInfo.annotations.filter((a) => a.type === "allow-console").map((a) => a.description);
    const unexpected = problems.filter((p) => !allowed.some((a) => p.includes(a)));
    expect(unexpected, "no console errors, exceptions or CSP violations").toEqual([]);
  },
});

export { expect };

/** Opens the app (at the project's base URL) and waits until it is interactive. */
export async function openApp(page, fragment = "") {
  await page.goto(`./${fragment}`);
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
}

/** Creates a plan from the home screen and waits for its workspace. */
export async function createPlan(page, name, template = "blank") {
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Start from").selectOption(template);
  await page.getByRole("button", { name: "Create plan" }).click();
  await expect(page.getByRole("navigation", { name: "Plan" })).toBeVisible();
}
