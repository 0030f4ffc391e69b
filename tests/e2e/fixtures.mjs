// Shared test setup: every page is watched for console errors, uncaught exceptions
// and Content-Security-Policy violations, and a test fails if any happened.
import { test as base, expect } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { execFileSync } from "node:child_process";
import { existsSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

/** Waits until the Overview of the plan open in the whole app is kept for the next first
 *  load (in the plan's glance, written once its sections are drawn); returns the plan's id. */
export async function overviewKept(page) {
  const id = decodeURIComponent((page.url().match(/#\/plan\/([^/]+)/) || [])[1] || "");
  await page.waitForFunction(
    (id) => (JSON.parse(localStorage.getItem(`race-planner:glance:${id}`) || "null") || {}).overview,
    id,
  );
  return id;
}

/** Opens a screen of the open plan from its navigation and waits for its heading. */
export async function go(page, name) {
  // The current screen's link is marked, so only follow links to other screens.
  if (await page.getByRole("heading", { level: 1, name, exact: true }).isVisible()) return;
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name, exact: true })).toBeVisible();
}

/** The serious and critical accessibility violations axe-core finds on the page. */
export async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", ")}`);
}

/** Fails the test when axe-core finds a serious or critical violation. */
export async function expectNoSeriousViolations(page) {
  expect(await seriousViolations(page)).toEqual([]);
}

/** The large benchmark plan file (500 actions, 200 initiatives, 60 touchpoints, 5 years
 *  of weekly actuals), written once by `cargo run --example large-plan`. */
export function largePlanFile() {
  const file = join(tmpdir(), "race-planner-e2e-large-plan.json");
  if (!existsSync(file) || statSync(file).size === 0) {
    const json = execFileSync("cargo", ["run", "--quiet", "--example", "large-plan"], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    writeFileSync(`${file}.${process.pid}.tmp`, json);
    renameSync(`${file}.${process.pid}.tmp`, file);
  }
  return file;
}

/** Imports the large plan through the Plans screen and opens it. */
export async function importLargePlan(page) {
  const file = largePlanFile();
  await openApp(page);
  await page.getByLabel("Import a plan or backup file…").setInputFiles(file);
  await expect(page.getByRole("status").filter({ hasText: "1 plan imported." })).toBeVisible({ timeout: 30_000 });
  await page.getByRole("link", { name: "Large benchmark plan", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Plan" })).toBeVisible({ timeout: 30_000 });
}

/** Classes of the containers that scroll sideways on purpose: they show a shadow at
 *  the edge that has more content (style/components.css). */
const SCROLLERS = ["table-wrap", "chart-scroll", "gantt-scroll"];

/** What is cut off on the page: text fields and menus too narrow for their text, text
 *  clipped by its box, and boxes that scroll sideways without a cue. */
export async function overflowProblems(page) {
  return page.evaluate((scrollers) => {
    const problems = [];
    const ctx = document.createElement("canvas").getContext("2d");
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const name = (el) =>
      el.getAttribute("aria-label") ||
      (el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim()) ||
      el.id ||
      el.className ||
      el.tagName.toLowerCase();
    for (const el of document.querySelectorAll("input:not([type]), input[type=text], input[type=search], textarea")) {
      if (!visible(el)) continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`text cut off in the field "${name(el)}": "${el.value}"`);
    }
    for (const el of document.querySelectorAll("select")) {
      if (!visible(el) || !el.selectedOptions[0]) continue;
      const style = getComputedStyle(el);
      ctx.font = style.font;
      const text = el.selectedOptions[0].text;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (ctx.measureText(text).width > room + 1) problems.push(`choice cut off in the menu "${name(el)}": "${text}"`);
    }
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest(".visually-hidden, svg") || !visible(el) || el.clientWidth <= 1) continue;
      if (el.scrollWidth <= el.clientWidth + 1) continue;
      const x = getComputedStyle(el).overflowX;
      if (x === "visible" || ["INPUT", "TEXTAREA", "SELECT", "HTML", "BODY"].includes(el.tagName)) continue;
      if (x === "auto" || x === "scroll") {
        if (!scrollers.some((c) => el.classList.contains(c)))
          problems.push(`"${name(el)}" scrolls sideways without a cue`);
      } else {
        problems.push(`text clipped in "${name(el)}": "${el.textContent.trim().slice(0, 40)}"`);
      }
    }
    return problems;
  }, SCROLLERS);
}
