// The 90-day plan: actions from chosen initiatives, a timeline whose bars move by
// keyboard and by pointer, a board by status, and reviews every 30 days.
import { test, expect, openApp, createPlan, expectNoSeriousViolations } from "./fixtures.mjs";

async function openActions(page, name = "Action plan test") {
  await openApp(page);
  await createPlan(page, name, "saas_subscription");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "90-day plan", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "90-day plan" })).toBeVisible();
}

/** The weeks a bar's accessible name states: "Move X: weeks 3–5" → [3, 5]. */
async function weeksOf(bar) {
  const label = await bar.getAttribute("aria-label");
  const range = label.match(/weeks (\d+)–(\d+)$/);
  if (range) return [Number(range[1]), Number(range[2])];
  const single = label.match(/week (\d+)$/);
  return [Number(single[1]), Number(single[1])];
}

function label(title, [start, end]) {
  return start === end ? `Move ${title}: week ${start}` : `Move ${title}: weeks ${start}–${end}`;
}

test("creates one action per chosen initiative that has none", async ({ page }) => {
  await openActions(page);
  const create = page.getByRole("button", { name: /^Create actions from chosen initiatives/ });
  // Start from an empty plan of actions: every chosen initiative then needs one.
  const deletes = page.getByRole("button", { name: /^Delete action / });
  while ((await deletes.count()) > 0) {
    await deletes.first().click();
  }
  await expect(page.getByText("No actions yet.")).toBeVisible();
  await expect(create).toBeEnabled();
  const wanted = Number((await create.textContent()).match(/\((\d+)\)/)[1]);
  expect(wanted).toBeGreaterThan(0);
  await create.click();
  await expect(create).toBeDisabled();
  await expect(page.locator(".gantt-bar")).toHaveCount(wanted);
  await expect(page.getByRole("button", { name: /^Move .+: weeks 1–4$/ })).toHaveCount(wanted);
  await expect(page.getByRole("region", { name: /^Todo/ }).getByRole("listitem")).toHaveCount(wanted);
  await expect(page.getByText("Actions created")).toBeVisible();
});

test("moves an action on the timeline with the keyboard and by dragging", async ({ page }) => {
  await openActions(page);
  const bar = page.locator(".gantt-bar").first();
  const title = (await page.locator(".gantt-row:not(.gantt-head) .gantt-title").first().textContent()).trim();
  let [start, end] = await weeksOf(bar);
  const length = end - start;
  // Make room on the right, then move right by one week with the keyboard.
  await bar.focus();
  for (let i = 0; i < 13; i++) await page.keyboard.press("ArrowLeft");
  await expect(bar).toHaveAttribute("aria-label", label(title, [1, 1 + length]));
  await page.keyboard.press("ArrowRight");
  await expect(bar).toHaveAttribute("aria-label", label(title, [2, 2 + length]));
  await expect(bar).toBeFocused();
  // Shift+→ makes it one week longer, Shift+← shorter again.
  await page.keyboard.press("Shift+ArrowRight");
  await expect(bar).toHaveAttribute("aria-label", label(title, [2, 3 + length]));
  await page.keyboard.press("Shift+ArrowLeft");
  await expect(bar).toHaveAttribute("aria-label", label(title, [2, 2 + length]));
  // The action's own fields follow.
  await expect(page.locator(".action-card").first().getByLabel("First week")).toHaveValue("2");

  // Drag it two weeks to the right with the pointer.
  const box = await bar.boundingBox();
  const track = await page.locator(".gantt-row:not(.gantt-head) .gantt-track").first().boundingBox();
  const week = track.width / 13;
  const y = box.y + box.height / 2;
  const x = box.x + Math.min(box.width / 2, week / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + week, y, { steps: 4 });
  await page.mouse.move(x + 2 * week, y, { steps: 4 });
  await page.mouse.up();
  await expect(bar).toHaveAttribute("aria-label", label(title, [4, 4 + length]));
});

test("changes an action's status on the board", async ({ page }) => {
  await openActions(page);
  const todo = page.getByRole("region", { name: /^Todo/ });
  const doing = page.getByRole("region", { name: /^Doing/ });
  const done = page.getByRole("region", { name: /^Done/ });
  const card = todo.getByRole("listitem").first();
  const title = (await card.locator(".board-title").textContent()).trim();
  await card.getByLabel("Status").selectOption("doing");
  await expect(doing.getByText(title, { exact: true })).toBeVisible();
  await expect(todo.getByText(title, { exact: true })).toHaveCount(0);
  // The → button moves it on to Done, by keyboard too.
  const toDone = doing.getByRole("button", { name: `Move ${title} to Done` });
  await toDone.focus();
  await page.keyboard.press("Enter");
  await expect(done.getByText(title, { exact: true })).toBeVisible();
  await expect(page.locator(".gantt-row", { hasText: title }).locator(".gantt-status")).toContainText("Done");
});

test("records a review with a snapshot of the KPIs and notes", async ({ page }) => {
  await openActions(page);
  await expect(page.getByText("No review recorded yet.")).toBeVisible();
  await expect(page.getByText(/^Day 30:/)).toBeVisible();
  await expect(page.getByText(/^Next review due: day 30, /)).toBeVisible();
  await page.getByRole("button", { name: "Record review" }).click();
  const review = page.getByRole("region", { name: /^Review of / });
  await expect(review).toBeVisible();
  await expect(review.getByRole("rowheader").first()).toBeVisible();
  expect(await review.getByRole("row").count()).toBeGreaterThan(2);
  await review.getByLabel("Notes: what we learnt and what changes").fill("Trials are up; keep the checklist.");
  await expect(review.getByLabel("Notes: what we learnt and what changes")).toHaveValue("Trials are up; keep the checklist.");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Report", exact: true }).click();
  await expect(page.getByText("Trials are up; keep the checklist.")).toBeVisible();
});

test("the 90-day plan has no serious accessibility problems", async ({ page }) => {
  await openActions(page);
  await page.getByRole("button", { name: "Record review" }).click();
  await expectNoSeriousViolations(page);
});
