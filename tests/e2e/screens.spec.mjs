// Every screen, filled from a template, at 1280 px and 360 px wide in light and dark
// themes: axe-core finds no serious or critical violation, nothing is cut off (text
// fields, menus, clipped text, sideways scrolling without a cue) and the page is no
// wider than the screen; screenshots of each go to screenshots/ (ignored by git) so
// anyone can look at them.
import { mkdirSync } from "node:fs";
import { test, expect, openApp, createPlan, seriousViolations, overflowProblems } from "./fixtures.mjs";

const SCREENS = [
  ["overview", "Overview"],
  ["opportunity", "Opportunity"],
  ["reach", "Reach"],
  ["act", "Act"],
  ["convert", "Convert"],
  ["engage", "Engage"],
  ["strategy", "Strategy"],
  ["split", "Budget split"],
  ["90-day-plan", "90-day plan"],
  ["measure", "Measure"],
  ["scenarios", "Scenarios"],
  ["odds", "Odds"],
  ["report", null],
];

// At 360 px these screens were 23,167 px (Opportunity, goals as full forms) and
// 10,900 px (90-day plan, every action shown three times) tall: at most half now.
const MAX_HEIGHT_360 = { opportunity: 23_167 / 2, "90-day-plan": 10_900 / 2 };

const VARIANTS = [
  { name: "light", width: 1280, scheme: "light" },
  { name: "dark", width: 1280, scheme: "dark" },
  { name: "360px", width: 360, scheme: "light" },
  { name: "360px-dark", width: 360, scheme: "dark" },
];

for (const variant of VARIANTS) {
  test(`every screen passes axe and is captured (${variant.name})`, async ({ page }) => {
    test.setTimeout(180_000);
    mkdirSync("screenshots", { recursive: true });
    await page.setViewportSize({ width: variant.width, height: 900 });
    await page.emulateMedia({ colorScheme: variant.scheme });
    await openApp(page);
    await createPlan(page, "Screens tour", "ecommerce_b2c");
    const id = new URL(page.url()).hash.split("/")[2];
    const problems = [];
    const visit = async (fragment, file, heading) => {
      await page.goto(`./${fragment}`);
      if (heading) await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
      else await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      for (const v of await seriousViolations(page)) problems.push(`${file}: ${v}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 1) problems.push(`${file}: the page is ${overflow}px wider than the screen`);
      for (const p of await overflowProblems(page)) problems.push(`${file}: ${p}`);
      const most = variant.width <= 360 && MAX_HEIGHT_360[file];
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      if (most && height > most) problems.push(`${file}: ${height}px tall at 360 px, more than ${most}px`);
      // Sections away from the window are not drawn (content-visibility: auto) and would
      // be blank in a capture of the whole page: draw them for it, as scrolling would.
      await page.evaluate(() => {
        for (const el of document.querySelectorAll("*"))
          if (getComputedStyle(el).contentVisibility === "auto") el.style.contentVisibility = "visible";
      });
      await page.screenshot({ path: `screenshots/${file}-${variant.name}.png`, fullPage: true });
      await page.evaluate(() => {
        for (const el of document.querySelectorAll("*")) if (el.style.contentVisibility) el.style.contentVisibility = "";
      });
    };
    for (const [slug, heading] of SCREENS) await visit(`#/plan/${id}/${slug}`, slug, heading);
    await visit("#/", "home", "Your plans");
    await visit("#/trash", "trash", "Trash");
    expect(problems).toEqual([]);
  });
}
