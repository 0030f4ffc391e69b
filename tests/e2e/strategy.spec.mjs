// The Strategy screen: ICE scoring with both variants, sorting, the not-doing list,
// the budget fit, RICE inputs, and no serious accessibility violations.
import { test, expect, openApp, createPlan, expectNoSeriousViolations } from "./fixtures.mjs";

async function openStrategy(page, template = "blank") {
  await openApp(page);
  await createPlan(page, "Strategy test", template);
  await page.getByRole("link", { name: "Strategy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Strategy" })).toBeVisible();
}

const rows = (page) => page.locator("table.backlog tbody tr");

async function score(row, impact, confidence, ease) {
  await row.getByLabel("Impact", { exact: true }).fill(String(impact));
  await row.getByLabel("Confidence", { exact: true }).fill(String(confidence));
  await row.getByLabel("Ease", { exact: true }).fill(String(ease));
}

test("initiatives are scored with ICE, sorted, rejected with a reason and chosen within the budget", async ({ page }) => {
  await openStrategy(page);
  await page.getByRole("button", { name: "Add an initiative" }).click();
  await page.getByRole("button", { name: "Add an initiative" }).click();
  await page.getByRole("button", { name: "Add an initiative" }).click();
  await expect(rows(page)).toHaveCount(3);

  const titles = ["Checkout trust badges", "Retargeting ads", "Loyalty emails"];
  for (let i = 0; i < 3; i++) {
    await rows(page).nth(i).getByLabel("Title", { exact: true }).fill(titles[i]);
  }
  await score(rows(page).nth(0), 5, 8, 9);
  await score(rows(page).nth(1), 9, 9, 9);
  await score(rows(page).nth(2), 2, 3, 4);
  await expect(rows(page).nth(0).locator(".score-value")).toHaveText("7.33");
  await expect(rows(page).nth(1).locator(".score-value")).toHaveText("9");
  await expect(rows(page).nth(2).locator(".score-value")).toHaveText("3");

  // The ⓘ names the variant and the inputs.
  await rows(page).nth(0).getByLabel("How the score of Checkout trust badges is computed", { exact: true }).click();
  await expect(rows(page).nth(0).locator(".col-score .info-body")).toContainText("average variant");
  await expect(rows(page).nth(0).locator(".col-score .info-body")).toContainText("(5 + 8 + 9) ÷ 3");

  // A bad score shows a message and keeps the last good one.
  await rows(page).nth(0).getByLabel("Ease", { exact: true }).fill("11");
  await expect(rows(page).nth(0).locator(".field-error")).toHaveText("Enter a score from 1 to 10");
  await expect(rows(page).nth(0).locator(".score-value")).toHaveText("7.33");
  await rows(page).nth(0).getByLabel("Ease", { exact: true }).fill("9");

  await page.getByRole("radio", { name: /Product/ }).check();
  await expect(rows(page).nth(0).locator(".score-value")).toHaveText("360");
  await expect(rows(page).nth(0).locator(".col-score .info-body")).toContainText("product variant");

  // Sort by score: best first, then reversed.
  const scoreHeader = page.getByRole("columnheader", { name: "Score" });
  await scoreHeader.getByRole("button").click();
  await expect(scoreHeader).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).locator(".score-value")).toHaveText(["729", "360", "24"]);
  await scoreHeader.getByRole("button").click();
  await expect(scoreHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(rows(page).locator(".score-value")).toHaveText(["24", "360", "729"]);
  const titleHeader = page.getByRole("columnheader", { name: "Initiative" });
  await titleHeader.getByRole("button").click();
  await expect(titleHeader).toHaveAttribute("aria-sort", "ascending");
  await expect(scoreHeader).toHaveAttribute("aria-sort", "none");
  await expect(rows(page).locator(".score-value")).toHaveText(["360", "24", "729"]);

  // Not doing needs a reason before it is saved.
  // Sorted by title: Checkout trust badges, Loyalty emails, Retargeting ads.
  await expect(rows(page).nth(1).getByLabel("Title", { exact: true })).toHaveValue("Loyalty emails");
  const loyalty = rows(page).nth(1);
  await loyalty.getByLabel("Decision", { exact: true }).selectOption("not_doing");
  await expect(loyalty.getByLabel("Why not", { exact: true })).toHaveAttribute("aria-invalid", "true");
  const notDoing = page.locator(".not-doing-list");
  await expect(notDoing).toHaveCount(0);
  await loyalty.getByLabel("Why not", { exact: true }).fill("Too few repeat buyers yet");
  await expect(notDoing).toContainText("Loyalty emails — Too few repeat buyers yet");

  // Chosen initiatives against the budget.
  await page.getByLabel("Money set aside for initiatives", { exact: true }).fill("5000");
  const retarget = rows(page).nth(2);
  await expect(retarget.getByLabel("Title", { exact: true })).toHaveValue("Retargeting ads");
  await retarget.getByLabel("Cost", { exact: true }).fill("6000");
  await expect(page.getByTestId("budget-chosen")).toHaveText("$0.00");
  await expect(page.locator(".budget-status")).toContainText("Within budget: $5,000.00 left");
  await retarget.getByLabel("Decision", { exact: true }).selectOption("chosen");
  await expect(page.getByTestId("budget-chosen")).toHaveText("$6,000.00");
  await expect(page.getByTestId("budget-remaining")).toHaveText("-$1,000.00");
  await expect(page.locator(".budget-status")).toContainText("Over budget by $1,000.00");
  await page.getByLabel("Money set aside for initiatives", { exact: true }).fill("8000");
  await expect(page.locator(".budget-status")).toContainText("Within budget: $2,000.00 left");

  // The chart places all three with quadrant labels and a table of numbers.
  const chart = page.locator("svg.scatter-chart");
  await expect(chart).toHaveAttribute("aria-label", /Quick wins: Retargeting ads/);
  await expect(chart.locator("text.quadrant-label")).toHaveText(["Quick wins", "Big bets", "Money pits", "Fill-ins"]);

  // The ICE layout, with a reason field and errors on screen, passes axe too.
  await expectNoSeriousViolations(page);
});

test("RICE inputs score initiatives and refuse an effort of 0", async ({ page }) => {
  await openStrategy(page);
  await page.getByRole("button", { name: "Add an initiative" }).click();
  await page.getByRole("radio", { name: /RICE/ }).check();
  const row = rows(page).first();
  await row.getByLabel("Reach", { exact: true }).fill("1000");
  await row.getByLabel("Impact", { exact: true }).selectOption("2");
  await row.getByLabel("Confidence", { exact: true }).selectOption("0.5");
  await row.getByLabel("Effort", { exact: true }).fill("2");
  await expect(row.locator(".score-value")).toHaveText("500");
  await row.getByLabel("Effort", { exact: true }).fill("0");
  await expect(row.locator(".field-error")).toContainText("more than 0");
  await expect(row.locator(".score-value")).toHaveText("500");
});

test("the Strategy screen has no serious accessibility violations (template plan)", async ({ page }) => {
  await openStrategy(page, "b2b_lead_generation");
  await expect(rows(page).first()).toBeVisible();
  await expectNoSeriousViolations(page);
});
