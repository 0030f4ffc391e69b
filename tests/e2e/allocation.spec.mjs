// The budget split: a plan file with three paid touchpoints and six months of spend and
// sessions each gets fitted curves; the proposed split brings more new customers than
// today's, applies to the Reach budgets as one edit and undoes; two points set by hand
// give a touchpoint without actuals its curve; a stage KPI shows a cited benchmark
// beside the user's number. No serious accessibility violation, no sideways scrolling
// on a phone.
import { fileURLToPath } from "node:url";
import { test, expect, openApp, go, expectNoSeriousViolations, overflowProblems } from "./fixtures.mjs";

const PLAN_FILE = fileURLToPath(new URL("../fixtures/plan-split.json", import.meta.url));
const FITTED = ["Google Search ads", "Meta ads", "Display ads"];
const ALL = [...FITTED, "Newsletter sponsorship"];

async function openSplitPlan(page) {
  await openApp(page);
  await page.getByLabel("Import a plan or backup file…").setInputFiles(PLAN_FILE);
  await expect(page.getByRole("status").filter({ hasText: "1 plan imported." })).toBeVisible();
  await page.getByRole("link", { name: "Split test shop", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Plan" })).toBeVisible();
}

const card = (page, name) => page.locator("article.alloc-card").filter({ has: page.getByRole("heading", { level: 3, name, exact: true }) });
const number = async (locator) => Number((await locator.textContent()).replace(/[^\d.\-−]/g, "").replace("−", "-"));

/** The monthly budget each touchpoint's row shows on the Reach screen. */
async function reachBudgets(page) {
  await go(page, "Reach");
  const budgets = {};
  for (const name of ALL) {
    const row = page.locator("tr").filter({ has: page.locator("th.row-title", { hasText: name }) });
    budgets[name] = (await row.locator("td").nth(2).textContent()).trim();
  }
  return budgets;
}

test("fitted curves, a better split applied as one edit and undone", async ({ page }) => {
  await openSplitPlan(page);
  const before = await reachBudgets(page);
  expect(before).toEqual({
    "Google Search ads": "$3,000",
    "Meta ads": "$3,000",
    "Display ads": "$2,000",
    "Newsletter sponsorship": "$1,000",
  });

  await go(page, "Budget split");
  await expect(page.locator("article.alloc-card")).toHaveCount(4);
  for (const name of FITTED) {
    await expect(card(page, name).locator(".alloc-source")).toContainText("Fitted from 6 months of actuals");
    await expect(card(page, name).locator(".alloc-sentence")).toHaveText(
      new RegExp(`^Half of the most ${name} can bring, [\\d,]+ sessions, is reached at \\$[\\d,.]+ a month; it cannot bring more than [\\d,]+ sessions a month\\.$`),
    );
  }
  // The touchpoint without actuals has the default, its assumption stated and why the
  // fit was passed over.
  const newsletter = card(page, "Newsletter sponsorship");
  await expect(newsletter.locator(".alloc-source")).toContainText("A default, from today's $1,000 a month and 600 sessions, assuming today's volume is 33.3% of the most it can bring");
  await expect(newsletter.locator(".alloc-passed")).toContainText("Not fitted");

  // The proposal brings more new customers than today, for the same money.
  const today = await number(page.getByTestId("alloc-today"));
  const proposed = await number(page.getByTestId("alloc-proposed"));
  expect(proposed).toBeGreaterThan(today);
  await expect(page.getByTestId("alloc-difference")).toHaveText(/^\+[\d.,]+$/);
  const table = page.locator("table.alloc-table");
  await expect(table.locator("tbody tr")).toHaveCount(4);
  await expect(table.locator("tfoot tr")).toContainText("$9,000");
  const searchRow = table.locator("tbody tr[data-touchpoint=tp-1]");
  const proposedSearch = (await searchRow.locator("td").nth(1).textContent()).trim();
  expect(proposedSearch).not.toBe("$3,000");
  // The charts are images with their numbers in words; the marks are told apart by shape.
  const chart = card(page, "Google Search ads").locator("svg[role=img]");
  await expect(chart).toHaveAttribute("aria-label", /^Google Search ads: monthly sessions against monthly spend\. Today \$3,000 brings [\d,]+ sessions; the proposed \$[\d,]+ would bring [\d,]+ sessions\.$/);
  await expect(chart.locator(".alloc-mark-today circle")).toHaveCount(1);
  await expect(chart.locator(".alloc-mark-proposed rect")).toHaveCount(1);
  await expect(page.locator("body")).not.toContainText(/NaN|∞|Infinity/);
  await expectNoSeriousViolations(page);

  // Apply: one edit, the Reach budgets follow.
  await page.getByRole("button", { name: "Apply this split" }).click();
  await expect(page.locator(".alloc-status")).toContainText("The split is applied");
  const after = await reachBudgets(page);
  expect(after["Google Search ads"]).toBe(proposedSearch);
  expect(after).not.toEqual(before);

  // One undo brings every budget back.
  await page.getByRole("navigation", { name: "Plan" }).getByRole("button", { name: "Undo" }).click();
  await expect.poll(() => reachBudgets(page)).toEqual(before);

  // The status line's Undo does the same.
  await go(page, "Budget split");
  await page.getByRole("button", { name: "Apply this split" }).click();
  const status = page.getByRole("status").filter({ hasText: "The split is applied" });
  await expect(status).toBeVisible();
  await status.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The split is undone" })).toBeVisible();
  await expect(searchRow.locator("td").nth(0)).toHaveText("$3,000");
  expect(await reachBudgets(page)).toEqual(before);
});

test("two points set by hand give a touchpoint without actuals its curve", async ({ page }) => {
  await openSplitPlan(page);
  await go(page, "Budget split");
  const newsletter = card(page, "Newsletter sponsorship");
  const sentence = newsletter.locator(".alloc-sentence");
  const defaultSentence = await sentence.textContent();
  // The default: half of the most (3 × 600 ÷ 2 = 900) at twice today's budget.
  expect(defaultSentence).toBe("Half of the most Newsletter sponsorship can bring, 900 sessions, is reached at $2,000 a month; it cannot bring more than 1,800 sessions a month.");

  await newsletter.getByLabel("First point: spend a month").fill("1000");
  // Half a point is not a curve yet: the message says what is missing, nothing is lost.
  await expect(newsletter.locator(".alloc-points .field-error").last()).toHaveText("Enter both points: a monthly spend and what it brought, for each.");
  await newsletter.getByLabel("First point: sessions that month").fill("600");
  await newsletter.getByLabel("Second point: spend a month").fill("3000");
  // A second point that brings as much per dollar is no diminishing return.
  await newsletter.getByLabel("Second point: sessions that month").fill("1800");
  await expect(newsletter.locator(".alloc-points > .field-error")).not.toBeEmpty();
  await expect(newsletter.locator(".alloc-source")).toContainText("A default");
  await expect(newsletter.locator(".alloc-passed")).toContainText("Hand-set points not used");
  await newsletter.getByLabel("Second point: sessions that month").fill("1200");
  await expect(newsletter.locator(".alloc-points > .field-error")).toBeEmpty();
  await expect(newsletter.locator(".alloc-source")).toHaveText("Set from two points: $1,000 a month brought 600 sessions, $3,000 a month brought 1,200 sessions.");
  await expect(sentence).not.toHaveText(defaultSentence);
  // 1 ÷ v = 1 ÷ max + (half ÷ max) ÷ spend through both points: max 2,400, half $3,000.
  await expect(sentence).toHaveText("Half of the most Newsletter sponsorship can bring, 1,200 sessions, is reached at $3,000 a month; it cannot bring more than 2,400 sessions a month.");

  // Bounds: a minimum above the maximum is refused at the field, the last good value kept.
  await newsletter.getByLabel("Most budget a month").fill("1500");
  await newsletter.getByLabel("Least budget a month").fill("2000");
  await expect(newsletter.getByLabel("Least budget a month")).toHaveAttribute("aria-invalid", "true");
  await expect(newsletter.locator(".alloc-bounds .field-error")).toHaveText("Enter a minimum no higher than the maximum ($1,500)");
  await newsletter.getByLabel("Least budget a month").fill("500");
  await expect(newsletter.getByLabel("Least budget a month")).toHaveAttribute("aria-invalid", "false");
  const line = page.locator("table.alloc-table tbody tr[data-touchpoint=tp-6] td").nth(1);
  const proposed = await number(line);
  expect(proposed).toBeGreaterThanOrEqual(500);
  expect(proposed).toBeLessThanOrEqual(1500);

  // A total whose minimums cannot fit is explained, not split.
  await page.getByLabel("Total budget per month").fill("100");
  await expect(page.locator(".alloc-error")).toHaveText("The minimum budgets add up to $500.00, more than the total of $100.00: lower a minimum or raise the total.");
  await expect(page.getByRole("button", { name: "Apply this split" })).toBeDisabled();
  await page.getByLabel("Total budget per month").fill("");
  await expect(page.locator(".alloc-error")).toHaveCount(0);
  // The outcome to maximise.
  await page.getByLabel("Bring the most").selectOption("revenue");
  await expect(page.locator(".alloc-figures")).toContainText("Revenue a month, today");
  await expectNoSeriousViolations(page);
});

test("a conversion rate benchmark shows beside the user's number, with its source", async ({ page }) => {
  await openSplitPlan(page);
  await go(page, "Convert");
  const kpi = page.locator("div.card[data-kpi=conversion_rate]");
  const bench = kpi.locator(".bench");
  await expect(bench).toContainText("Your 1.9% session → customer rate (today).");
  await expect(bench).toContainText("Shopify stores, all sectors: average 1.4%, top 20% above 3.2%");
  await expect(bench).toContainText("2023, about 2,800 Shopify stores)");
  await expect(bench).toContainText("Yours is between the average and the top 20%.");
  const link = bench.getByRole("link", { name: "Littledata, Shopify conversion rate benchmarks" });
  await expect(link).toHaveAttribute("rel", "noopener");
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toHaveAttribute("href", /^https:\/\//);
  await expectNoSeriousViolations(page);
});

test("the budget split fits a 360 px phone", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await openSplitPlan(page);
  const id = new URL(page.url()).hash.split("/")[2];
  await page.goto(`./#/plan/${id}/split`);
  await expect(page.getByRole("heading", { level: 1, name: "Budget split" })).toBeVisible();
  await expect(page.locator("article.alloc-card")).toHaveCount(4);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  expect(await overflowProblems(page)).toEqual([]);
  await expectNoSeriousViolations(page);
});
