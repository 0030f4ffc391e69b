// The 90-day plan: actions from chosen initiatives, a timeline whose bars move by
// keyboard and by pointer, a board by status and a list of compact rows (three tabs),
// each action's editor on demand, and reviews every 30 days.
import { test, expect, openApp, createPlan, expectNoSeriousViolations, importLargePlan } from "./fixtures.mjs";

async function openActions(page, name = "Action plan test") {
  await openApp(page);
  await createPlan(page, name, "saas_subscription");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "90-day plan", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "90-day plan" })).toBeVisible();
}

/** Selects one of the three views of the actions by its tab. */
async function view(page, name) {
  await page.getByRole("tab", { name, exact: true }).click();
  await expect(page.getByRole("tabpanel", { name, exact: true })).toBeVisible();
}

/** The compact rows of the List view. */
const actionRows = (page) => page.locator("table.action-rows tbody tr.action-row");

/** Opens the editor of a compact row (unless it is open) and returns the editor. */
async function openEditor(page, row) {
  const edit = row.getByRole("button", { name: /^Edit / });
  if ((await edit.getAttribute("aria-expanded")) !== "true") await edit.click();
  await expect(edit).toHaveAttribute("aria-expanded", "true");
  const editor = page.getByRole("region", { name: /^Edit action / });
  await expect(editor).toBeVisible();
  return editor;
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
  await view(page, "List");
  while ((await actionRows(page).count()) > 0) {
    const before = await actionRows(page).count();
    const editor = await openEditor(page, actionRows(page).first());
    await editor.getByRole("button", { name: /^Delete action / }).click();
    if (before > 1) await expect(actionRows(page)).toHaveCount(before - 1);
    else break;
  }
  await expect(page.getByText("No actions yet.")).toBeVisible();
  await expect(create).toBeEnabled();
  const wanted = Number((await create.textContent()).match(/\((\d+)\)/)[1]);
  expect(wanted).toBeGreaterThan(0);
  await create.click();
  await expect(create).toBeDisabled();
  await view(page, "Timeline");
  await expect(page.locator(".gantt-bar")).toHaveCount(wanted);
  await expect(page.getByRole("button", { name: /^Move .+: weeks 1–4$/ })).toHaveCount(wanted);
  await view(page, "Board");
  await expect(page.getByRole("region", { name: /^To do/ }).getByRole("listitem")).toHaveCount(wanted);
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
  // The action's own fields follow (the first bar and the first row are the first action).
  await view(page, "List");
  await expect(actionRows(page).first().locator("th")).toHaveText(title);
  await expect(actionRows(page).first()).toContainText(length === 0 ? "Week 2" : `Weeks 2–${2 + length}`);
  const editor = await openEditor(page, actionRows(page).first());
  await expect(editor.getByLabel("First week")).toHaveValue("2");
  await expect(editor.getByLabel("Last week")).toHaveValue(String(2 + length));
  await view(page, "Timeline");

  // Drag it two weeks to the right with the pointer.
  await expect(bar).toHaveAttribute("aria-label", label(title, [2, 2 + length]));
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
  await view(page, "Board");
  const todo = page.getByRole("region", { name: /^To do/ });
  const doing = page.getByRole("region", { name: /^Doing/ });
  const done = page.getByRole("region", { name: /^Done/ });
  const card = todo.getByRole("listitem").first();
  const title = (await card.locator(".board-title").textContent()).trim().replace(/^Edit /, "");
  // A card is compact: its title opens the editor below the board, with focus in it.
  const open = card.getByRole("button", { name: `Edit ${title}`, exact: true });
  await expect(card.locator("input, select, textarea")).toHaveCount(0);
  await open.click();
  const editor = page.getByRole("region", { name: `Edit action ${title}`, exact: true });
  await expect(editor).toBeFocused();
  await editor.getByLabel("Status").selectOption("doing");
  await expect(doing.getByText(title, { exact: true })).toBeVisible();
  await expect(todo.getByText(title, { exact: true })).toHaveCount(0);
  // Escape closes the editor and puts focus back on the card, now in Doing.
  await editor.getByLabel("Status").press("Escape");
  await expect(editor).toBeHidden();
  await expect(doing.getByRole("button", { name: `Edit ${title}`, exact: true })).toBeFocused();
  // The → button moves it on to Done, by keyboard too.
  const toDone = doing.getByRole("button", { name: `Move ${title} to Done` });
  await toDone.focus();
  await page.keyboard.press("Enter");
  await expect(done.getByText(title, { exact: true })).toBeVisible();
  await view(page, "Timeline");
  await expect(page.locator(".gantt-row", { hasText: title }).locator(".gantt-status")).toContainText("Done");
});

test("an action edited from its compact row: open, change, close, the row shows it after a reload", async ({ page }) => {
  await openActions(page, "Row edit test");
  await view(page, "List");
  const row = actionRows(page).first();
  const title = (await row.locator("th").textContent()).trim();
  // Rows are text: no field of any kind until an editor is opened.
  await expect(page.locator("table.action-rows").locator("input, select, textarea")).toHaveCount(0);
  const edit = row.getByRole("button", { name: `Edit ${title}`, exact: true });
  await expect(edit).toHaveAttribute("aria-expanded", "false");
  const editor = await openEditor(page, row);
  await expect(edit).toHaveAttribute("aria-controls", await editor.getAttribute("id"));
  await editor.getByLabel("Owner").fill("Dana Scully");
  await editor.getByLabel("Budget").fill("1234");
  await editor.getByLabel("Title").fill(`${title} (edited)`);
  await editor.getByRole("button", { name: "Close", exact: true }).click();
  await expect(editor).toBeHidden();
  const renamed = page.getByRole("button", { name: `Edit ${title} (edited)`, exact: true });
  await expect(renamed).toBeFocused();
  await expect(renamed).toHaveAttribute("aria-expanded", "false");
  await expect(row.locator("th")).toHaveText(`${title} (edited)`);
  await expect(row).toContainText("Dana Scully");
  await expect(row).toContainText("$1,234");
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "90-day plan" })).toBeVisible();
  await view(page, "List");
  const again = actionRows(page).first();
  await expect(again.locator("th")).toHaveText(`${title} (edited)`);
  await expect(again).toContainText("Dana Scully");
  await expect(again).toContainText("$1,234");
});

test("a new action opens in the list, its editor ready", async ({ page }) => {
  await openActions(page, "Add test");
  await view(page, "List");
  const count = await actionRows(page).count();
  await view(page, "Timeline");
  await page.getByRole("button", { name: "Add an action", exact: true }).click();
  await expect(page.getByRole("tab", { name: "List", exact: true })).toHaveAttribute("aria-selected", "true");
  await expect(actionRows(page)).toHaveCount(count + 1);
  const editor = page.getByRole("region", { name: "Edit action New action", exact: true });
  await expect(editor).toBeVisible();
  await expect(actionRows(page).last().getByRole("button", { name: "Edit New action" })).toHaveAttribute("aria-expanded", "true");
  await editor.getByLabel("Title").fill("Launch the referral scheme");
  await expect(actionRows(page).last().locator("th")).toHaveText("Launch the referral scheme");
});

test("the 90-day plan shows each action once, in the selected view only", async ({ page }) => {
  await openActions(page, "Once test");
  await view(page, "List");
  const titles = (await actionRows(page).locator("th").allTextContents()).map((t) => t.trim());
  expect(titles.length).toBeGreaterThan(1);
  expect(new Set(titles).size).toBe(titles.length);
  await expect(page.getByRole("tabpanel")).toHaveCount(1);
  const main = page.locator("main");
  const once = async () => {
    for (const title of titles) await expect(main.getByText(title, { exact: true })).toHaveCount(1);
  };
  await once();
  await view(page, "Board");
  await expect(page.getByRole("tabpanel")).toHaveCount(1);
  await expect(page.locator(".gantt-bar")).toHaveCount(0);
  await expect(page.locator(".board-card")).toHaveCount(titles.length);
  await once();
  await view(page, "Timeline");
  await expect(page.getByRole("tabpanel")).toHaveCount(1);
  await expect(page.locator(".board-card")).toHaveCount(0);
  await expect(page.locator(".gantt-bar")).toHaveCount(titles.length);
  await once();
});

test("the views are tabs that work by keyboard", async ({ page }) => {
  await openActions(page, "Tabs test");
  const tabs = page.getByRole("tablist", { name: "Show the actions as" }).getByRole("tab");
  await expect(tabs).toHaveText(["Timeline", "Board", "List"]);
  const tab = (name) => page.getByRole("tab", { name, exact: true });
  await expect(tab("Timeline")).toHaveAttribute("aria-selected", "true");
  await expect(tab("Board")).toHaveAttribute("tabindex", "-1");
  await tab("Timeline").focus();
  await page.keyboard.press("ArrowRight");
  await expect(tab("Board")).toBeFocused();
  await expect(tab("Board")).toHaveAttribute("aria-selected", "true");
  await expect(tab("Timeline")).toHaveAttribute("aria-selected", "false");
  await expect(page.getByRole("tabpanel", { name: "Board" })).toBeVisible();
  await expect(page.locator(".gantt")).toHaveCount(0);
  await page.keyboard.press("End");
  await expect(tab("List")).toBeFocused();
  await expect(page.getByRole("tabpanel", { name: "List" }).locator("table.action-rows")).toBeVisible();
  await page.keyboard.press("ArrowRight");
  await expect(tab("Timeline")).toBeFocused();
  await expect(page.getByRole("tabpanel", { name: "Timeline" }).locator(".gantt")).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(tab("List")).toBeFocused();
  await page.keyboard.press("Home");
  await expect(tab("Timeline")).toBeFocused();
  // Tab leaves the tab list for the panel.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("tabpanel", { name: "Timeline" })).toBeFocused();
});

test("long lists of the large plan show 50 rows and more on demand", async ({ page }) => {
  test.setTimeout(120_000);
  await importLargePlan(page);
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "90-day plan", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "90-day plan" })).toBeVisible();
  await expect(page.locator(".gantt-bar")).toHaveCount(50);
  await view(page, "List");
  await expect(actionRows(page)).toHaveCount(50);
  const more = page.getByRole("button", { name: "Show 50 more (of 500)", exact: true });
  await more.click();
  await expect(actionRows(page)).toHaveCount(100);
  await expect(more).toBeFocused();
  // A row beyond the first 50 opens its editor like any other.
  const row = actionRows(page).nth(75);
  const title = (await row.locator("th").textContent()).trim();
  const editor = await openEditor(page, row);
  await expect(editor.getByLabel("Title")).toHaveValue(title);
  await editor.getByRole("button", { name: "Close", exact: true }).click();
  await expect(row.getByRole("button", { name: /^Edit / })).toBeFocused();
  await view(page, "Board");
  const todo = page.getByRole("region", { name: /^To do/ });
  const count = Number((await todo.getByRole("heading").textContent()).match(/\((\d+)\)/)[1]);
  await expect(todo.getByRole("listitem")).toHaveCount(Math.min(50, count));
  if (count > 50) {
    await todo.getByRole("button", { name: /^Show \d+ more \(of \d+\)$/ }).click();
    await expect(todo.getByRole("listitem")).toHaveCount(Math.min(100, count));
  }
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
  // Each view, with an editor open.
  await view(page, "Board");
  await page.locator(".board-card").first().getByRole("button").first().click();
  await expectNoSeriousViolations(page);
  await view(page, "List");
  await openEditor(page, actionRows(page).first());
  await expectNoSeriousViolations(page);
});
