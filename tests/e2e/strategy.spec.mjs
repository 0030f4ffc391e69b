// The Strategy screen: ICE scoring with both variants, sorting, the not-doing list,
// the budget fit, RICE inputs, and no serious accessibility violations.
import { test, expect, openApp, createPlan, expectNoSeriousViolations, importLargePlan } from "./fixtures.mjs";

async function openStrategy(page, template = "blank") {
  await openApp(page);
  await createPlan(page, "Strategy test", template);
  await page.getByRole("link", { name: "Strategy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Strategy" })).toBeVisible();
}

const rows = (page) => page.locator("table.backlog tbody tr.initiative-row");

/** Opens the editor of a compact row (unless it is open) and returns the editor. */
async function openEditor(page, row) {
  const edit = row.getByRole("button", { name: /^Edit / });
  if ((await edit.getAttribute("aria-expanded")) !== "true") await edit.click();
  await expect(edit).toHaveAttribute("aria-expanded", "true");
  const editor = page.getByRole("region", { name: /^Edit initiative / });
  await expect(editor).toBeVisible();
  return editor;
}

async function score(editor, impact, confidence, ease) {
  await editor.getByLabel("Impact", { exact: true }).fill(String(impact));
  await editor.getByLabel("Confidence", { exact: true }).fill(String(confidence));
  await editor.getByLabel("Ease", { exact: true }).fill(String(ease));
}

test("initiatives are scored with ICE, sorted, rejected with a reason and chosen within the budget", async ({ page }) => {
  await openStrategy(page);
  await page.getByRole("button", { name: "Add an initiative" }).click();
  await page.getByRole("button", { name: "Add an initiative" }).click();
  await page.getByRole("button", { name: "Add an initiative" }).click();
  await expect(rows(page)).toHaveCount(3);
  // A new initiative opens its editor, ready to be named and scored.
  await expect(page.getByRole("region", { name: /^Edit initiative / })).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Edit initiative Initiative 3", exact: true })).toBeVisible();

  const titles = ["Checkout trust badges", "Retargeting ads", "Loyalty emails"];
  const scores = [[5, 8, 9], [9, 9, 9], [2, 3, 4]];
  for (let i = 0; i < 3; i++) {
    const editor = await openEditor(page, rows(page).nth(i));
    await editor.getByLabel("Title", { exact: true }).fill(titles[i]);
    await score(editor, ...scores[i]);
  }
  await expect(rows(page).nth(0).locator(".score-value")).toHaveText("7.33");
  await expect(rows(page).nth(1).locator(".score-value")).toHaveText("9");
  await expect(rows(page).nth(2).locator(".score-value")).toHaveText("3");

  // The ⓘ names the variant and the inputs.
  await rows(page).nth(0).getByLabel("How the score of Checkout trust badges is computed", { exact: true }).click();
  await expect(rows(page).nth(0).locator(".col-score .info-body")).toContainText("average variant");
  await expect(rows(page).nth(0).locator(".col-score .info-body")).toContainText("(5 + 8 + 9) ÷ 3");

  // A bad score shows a message and keeps the last good one.
  const first = await openEditor(page, rows(page).nth(0));
  await first.getByLabel("Ease", { exact: true }).fill("11");
  await expect(first.locator(".field-error")).toHaveText("Enter a score from 1 to 10");
  await expect(rows(page).nth(0).locator(".score-value")).toHaveText("7.33");
  await first.getByLabel("Ease", { exact: true }).fill("9");

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
  await expect(rows(page).nth(1).locator("th")).toHaveText("Loyalty emails");
  const loyalty = await openEditor(page, rows(page).nth(1));
  await expect(loyalty.getByLabel("Title", { exact: true })).toHaveValue("Loyalty emails");
  await loyalty.getByLabel("Decision", { exact: true }).selectOption("not_doing");
  await expect(loyalty.getByLabel("Why not", { exact: true })).toHaveAttribute("aria-invalid", "true");
  const notDoing = page.locator(".not-doing-list");
  await expect(notDoing).toHaveCount(0);
  await loyalty.getByLabel("Why not", { exact: true }).fill("Too few repeat buyers yet");
  await expect(notDoing).toContainText("Loyalty emails — Too few repeat buyers yet");
  await expect(rows(page).nth(1).locator(".col-decision")).toHaveText("Not doing");

  // Chosen initiatives against the budget.
  await page.getByLabel("Money set aside for initiatives", { exact: true }).fill("5000");
  const retarget = await openEditor(page, rows(page).nth(2));
  await expect(retarget.getByLabel("Title", { exact: true })).toHaveValue("Retargeting ads");
  await retarget.getByLabel("Cost", { exact: true }).fill("6000");
  await expect(page.getByTestId("budget-chosen")).toHaveText("$0.00");
  await expect(page.locator(".budget-status")).toContainText("Within budget: $5,000 left");
  await retarget.getByLabel("Decision", { exact: true }).selectOption("chosen");
  await expect(rows(page).nth(2).locator(".col-cost")).toHaveText("$6,000");
  await expect(rows(page).nth(2).locator(".col-decision")).toHaveText("Chosen");
  await expect(page.getByTestId("budget-chosen")).toHaveText("$6,000");
  await expect(page.getByTestId("budget-remaining")).toHaveText("-$1,000");
  await expect(page.locator(".budget-status")).toContainText("Over budget by $1,000");
  await page.getByLabel("Money set aside for initiatives", { exact: true }).fill("8000");
  await expect(page.locator(".budget-status")).toContainText("Within budget: $2,000 left");

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
  const row = await openEditor(page, rows(page).first());
  await row.getByLabel("Reach", { exact: true }).fill("1000");
  await row.getByLabel("Impact", { exact: true }).selectOption("2");
  await row.getByLabel("Confidence", { exact: true }).selectOption("0.5");
  await row.getByLabel("Effort", { exact: true }).fill("2");
  await expect(rows(page).first().locator(".score-value")).toHaveText("500");
  await row.getByLabel("Effort", { exact: true }).fill("0");
  await expect(row.locator(".field-error")).toContainText("more than 0");
  await expect(rows(page).first().locator(".score-value")).toHaveText("500");
});

test("an initiative edited from its compact row: open, change, close, the row shows it after a reload", async ({ page }) => {
  await openStrategy(page, "b2b_lead_generation");
  const row = rows(page).first();
  const title = (await row.locator("th").textContent()).trim();
  // Rows are text: no field of any kind until an editor is opened.
  await expect(page.locator("table.backlog").locator("input, select, textarea")).toHaveCount(0);
  const edit = row.getByRole("button", { name: `Edit ${title}`, exact: true });
  await expect(edit).toHaveAttribute("aria-expanded", "false");
  await edit.click();
  const editor = page.getByRole("region", { name: `Edit initiative ${title}`, exact: true });
  await expect(editor).toBeVisible();
  await expect(edit).toHaveAttribute("aria-expanded", "true");
  await expect(edit).toHaveAttribute("aria-controls", await editor.getAttribute("id"));
  await editor.getByLabel("Cost", { exact: true }).fill("4321");
  await editor.getByLabel("Stage", { exact: true }).selectOption("engage");
  await editor.getByLabel("Title", { exact: true }).fill("Renamed initiative");
  // One editor at a time: opening another row's closes this one.
  await rows(page).nth(1).getByRole("button", { name: /^Edit / }).click();
  await expect(page.getByRole("region", { name: /^Edit initiative / })).toHaveCount(1);
  await expect(page.getByRole("region", { name: "Edit initiative Renamed initiative", exact: true })).toHaveCount(0);
  await rows(page).nth(1).getByRole("button", { name: /^Edit / }).click();
  await expect(page.getByRole("region", { name: /^Edit initiative / })).toHaveCount(0);
  // Escape closes the editor and focus goes back to the row's button.
  const renamedButton = page.getByRole("button", { name: "Edit Renamed initiative", exact: true });
  await renamedButton.click();
  await page.getByRole("region", { name: "Edit initiative Renamed initiative" }).getByLabel("Title", { exact: true }).press("Escape");
  await expect(page.getByRole("region", { name: /^Edit initiative / })).toHaveCount(0);
  await expect(renamedButton).toBeFocused();
  await expect(renamedButton).toHaveAttribute("aria-expanded", "false");
  const renamed = rows(page).filter({ hasText: "Renamed initiative" });
  await expect(renamed.locator(".col-cost")).toHaveText(/^[^0-9]4,321$/);
  await expect(renamed.locator(".col-stage")).toContainText("Engage");
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Strategy" })).toBeVisible();
  const after = rows(page).filter({ hasText: "Renamed initiative" });
  await expect(after.locator(".col-cost")).toHaveText(/^[^0-9]4,321$/);
  await expect(after.locator(".col-stage")).toContainText("Engage");
  // The Close button puts focus back on the row's button as well.
  await after.getByRole("button", { name: "Edit Renamed initiative" }).click();
  await page.getByRole("region", { name: "Edit initiative Renamed initiative" }).getByRole("button", { name: "Close", exact: true }).click();
  await expect(after.getByRole("button", { name: "Edit Renamed initiative" })).toBeFocused();
});

test("the large plan's backlog shows 50 rows, more on demand, and sorts all of them", async ({ page }) => {
  test.setTimeout(120_000);
  await importLargePlan(page);
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Strategy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Strategy" })).toBeVisible();
  await expect(rows(page)).toHaveCount(50);
  const more = page.getByRole("button", { name: "Show 50 more (of 200)", exact: true });
  await more.click();
  await expect(rows(page)).toHaveCount(100);
  // Sorting by score orders all 200, not only those shown: the first row is ranked 1.
  const scoreHeader = page.locator("table.backlog").getByRole("columnheader", { name: "Score" });
  await scoreHeader.getByRole("button").click();
  await expect(scoreHeader).toHaveAttribute("aria-sort", "descending");
  await expect(rows(page).first().locator(".rank")).toHaveText("1");
  await expect(rows(page).nth(99).locator(".rank")).toHaveText("100");
  await page.getByRole("button", { name: "Show 50 more (of 200)", exact: true }).click();
  await page.getByRole("button", { name: "Show 50 more (of 200)", exact: true }).click();
  await expect(rows(page)).toHaveCount(200);
  await expect(page.getByRole("button", { name: /^Show \d+ more/ })).toHaveCount(0);
  await expect(page.getByText("All 200 shown.")).toBeFocused();
  await expect(rows(page).nth(199).locator(".rank")).toHaveText("200");
});

test("the Strategy screen has no serious accessibility violations (template plan)", async ({ page }) => {
  await openStrategy(page, "b2b_lead_generation");
  await expect(rows(page).first()).toBeVisible();
  await expectNoSeriousViolations(page);
  await openEditor(page, rows(page).first());
  await expectNoSeriousViolations(page);
});

test("“Use suggested” shows the change and asks before making it, and the change can be undone", async ({ page }) => {
  await openStrategy(page);
  await page.getByRole("button", { name: "Add an initiative" }).click();
  const editor = await openEditor(page, rows(page).first());
  await score(editor, 7, 6, 7);
  const impact = editor.getByLabel("Impact", { exact: true });
  const rowScore = rows(page).first().locator(".score-value");
  await expect(rowScore).toHaveText("6.67");
  // One plain sentence says what is suggested and why (a new plan has no funnel yet).
  await expect(editor.locator(".suggested").first()).toContainText(
    "Suggested impact 5 of 10: the middle of the scale, as the funnel shows no revenue effect at any stage yet.",
  );
  const use = editor.getByRole("button", { name: "Use suggested impact for Initiative 1", exact: true });
  const status = editor.getByRole("status");

  // Clicking proposes; nothing changes until Apply.
  await use.click();
  await expect(status).toContainText("Change impact from 7 to 5: score 6.67 → 6.");
  await expect(status.getByRole("button")).toHaveText(["Apply", "Keep 7"]);
  await expect(impact).toHaveValue("7");
  await expect(rowScore).toHaveText("6.67");
  await status.getByRole("button", { name: "Keep 7", exact: true }).click();
  await expect(status.getByRole("button")).toHaveCount(0);
  await expect(status).not.toContainText("Change impact");
  await expect(use).toBeFocused();
  await expect(impact).toHaveValue("7");
  await expect(rowScore).toHaveText("6.67");

  // Apply makes the change; Undo takes it back in one step.
  await use.click();
  await status.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(impact).toHaveValue("5");
  await expect(rowScore).toHaveText("6");
  await expect(status).toContainText("Impact set to 5.");
  await expect(status.getByRole("button")).toHaveText(["Undo"]);
  await expect(use).toBeDisabled();
  const undo = status.getByRole("button", { name: "Undo", exact: true });
  await expect(undo).toBeFocused();
  await undo.click();
  await expect(impact).toHaveValue("7");
  await expect(rowScore).toHaveText("6.67");
  await expect(status.getByRole("button")).toHaveCount(0);
  await expect(status).not.toContainText("Impact set");
  await expect(use).toBeEnabled();
  await expect(use).toBeFocused();

  // Ctrl+Z takes the applied change back as one step as well.
  await use.click();
  await status.getByRole("button", { name: "Apply", exact: true }).click();
  await expect(impact).toHaveValue("5");
  await page.keyboard.press("Control+z");
  await expect(impact).toHaveValue("7");
  await expect(rowScore).toHaveText("6.67");
  await expect(status.getByRole("button")).toHaveCount(0);
});

test("in a template plan the suggested impact names the stage, its revenue effect and the largest effect", async ({ page }) => {
  await openStrategy(page, "ecommerce_b2c");
  const row = rows(page).filter({ hasText: "One-page mobile checkout" });
  const editor = await openEditor(page, row);
  await expect(editor.locator(".suggested").first()).toContainText(
    /^Suggested impact \d+ of 10: at Convert, .+ brings about \$[\d,]+ more revenue a month, \d+ ?% of the \$[\d,]+ a point more brings at \w+, the stage with the largest effect\./,
  );
});

test("best scores that fit never list a parked or not-doing initiative", async ({ page }) => {
  await openStrategy(page, "ecommerce_b2c");
  const fits = page.locator("h3", { hasText: "Best scores that fit" }).locator("xpath=following-sibling::p[1]");
  await expect(fits).toContainText("One-page mobile checkout");
  // The parked loyalty programme would fit the money left and the TV show is not being done.
  await expect(fits).not.toContainText("Loyalty points programme");
  await expect(fits).not.toContainText("Sponsor a TV hiking show");
  // Taken off the shelf, it is proposed again.
  const points = await openEditor(page, rows(page).filter({ hasText: "Loyalty points programme" }));
  await points.getByLabel("Decision", { exact: true }).selectOption("undecided");
  await expect(fits).toContainText("Loyalty points programme");
  await points.getByLabel("Decision", { exact: true }).selectOption("parked");
  await expect(fits).not.toContainText("Loyalty points programme");
});

test("the budget check waits for money to be set aside", async ({ page }) => {
  await openStrategy(page);
  await page.getByRole("button", { name: "Add an initiative" }).click();
  const editor = await openEditor(page, rows(page).first());
  await editor.getByLabel("Cost", { exact: true }).fill("3000");
  await editor.getByLabel("Decision", { exact: true }).selectOption("chosen");
  await expect(page.getByTestId("budget-chosen")).toHaveText("$3,000");
  const status = page.locator(".budget-status");
  await expect(status).toHaveText("Enter “Money set aside for initiatives” above to check the chosen initiatives against a budget.");
  await expect(status).not.toContainText("Over budget");
  await page.getByLabel("Money set aside for initiatives", { exact: true }).fill("1000");
  await expect(status).toContainText("✕ Over budget by $2,000");
  await page.getByLabel("Money set aside for initiatives", { exact: true }).fill("5000");
  await expect(status).toContainText("✓ Within budget: $2,000 left");
});
