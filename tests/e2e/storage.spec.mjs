// Plans that live in the browser and are never lost: autosave, reloads, other tabs,
// conflicts, files, faults of the storage itself, trash, undo.
import { test, expect, openApp, createPlan } from "./fixtures.mjs";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const planId = (page) => new URL(page.url()).hash.split("/")[2];

async function openSettings(page) {
  const settings = page.locator("details.plan-settings");
  if (!(await settings.evaluate((d) => d.open))) await settings.locator("summary").click();
  // On a first load, the click hands over to the whole app, which opens them.
  await expect(page.getByLabel("Sector")).toBeVisible();
}

async function setSector(page, text) {
  await openSettings(page);
  await page.getByLabel("Sector").fill(text);
}

async function saved(page) {
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();
}

/** A save of another tab that crossed this tab's last one: the plan as this tab saved
 *  it, at the same revision, with `from` replaced by `to`, written by a bare page of the
 *  same site (what the other tab's save would have written). Returns that page. */
async function crossedSave(page, context, from, to) {
  const key = `race-planner:plan:${planId(page)}`;
  const other = await context.newPage();
  await other.goto(new URL("icon.svg", page.url()).href);
  const text = await page.evaluate((key) => localStorage.getItem(key), key);
  await other.evaluate(([key, text, from, to]) => localStorage.setItem(key, text.replace(from, to)), [key, text, from, to]);
  return { other, key, text };
}

async function exportPlanFile(page, name) {
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: `Export ${name}` }).click();
  const file = await (await download).path();
  return JSON.parse(readFileSync(file, "utf8"));
}

function tempFile(name, content) {
  const path = join(mkdtempSync(join(tmpdir(), "race-")), name);
  writeFileSync(path, content);
  return path;
}

test("a reload keeps every edit", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Kept plan");
  await setSector(page, "Outdoor gear");
  await page.getByLabel("Horizon (months)").fill("18");
  await saved(page);
  await page.reload();
  await openSettings(page);
  await expect(page.getByLabel("Sector")).toHaveValue("Outdoor gear");
  await expect(page.getByLabel("Horizon (months)")).toHaveValue("18");
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await page.getByRole("button", { name: "Rename Kept plan" }).click();
  await page.getByLabel("New name").fill("Renamed plan");
  await page.getByRole("button", { name: "Save name" }).click();
  await saved(page);
  await page.reload();
  await expect(page.getByRole("link", { name: "Renamed plan" })).toBeVisible();
});

test("edits are saved when the tab is hidden, before the pause ends", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Hidden tab plan");
  await setSector(page, "Flushed on hide");
  await page.evaluate(() => window.dispatchEvent(new Event("pagehide")));
  const stored = await page.evaluate((id) => localStorage.getItem(`race-planner:plan:${id}`), planId(page));
  expect(JSON.parse(stored).profile.sector).toBe("Flushed on hide");
});

test("typing is saved once it pauses for 400 ms, not while the keys keep coming", async ({ page, context }) => {
  await openApp(page);
  await createPlan(page, "Typed in bursts");
  const id = planId(page);
  await context.clock.install();
  await page.reload();
  await openSettings(page);
  await page.clock.pauseAt(Date.now() + 60_000);
  const stored = () => page.evaluate((id) => JSON.parse(localStorage.getItem(`race-planner:plan:${id}`)).profile.sector, id);
  const before = await stored();
  const sector = page.getByLabel("Sector");
  await sector.fill("");
  // Four keys 300 ms apart: over a second of typing, never a pause of 400 ms.
  for (const key of "Gear") {
    await sector.press(key);
    await page.clock.runFor(300);
    expect(await stored()).toBe(before);
  }
  await expect(page.getByRole("status").filter({ hasText: "Saving…" }).first()).toBeVisible();
  await page.clock.runFor(90);
  expect(await stored()).toBe(before);
  // 400 ms after the last key.
  await page.clock.runFor(20);
  await expect.poll(stored).toBe("Gear");
  await saved(page);

  // The computer's clock set back an hour while typing (a time zone fix, a manual
  // change): the save still comes after the pause, not an hour later.
  await sector.press("s");
  await page.clock.setSystemTime(Date.now() - 3_600_000);
  await page.clock.runFor(410);
  await expect.poll(stored).toBe("Gears");
});

test("an edit made just before leaving the plan is saved and listed", async ({ page, context }) => {
  await openApp(page);
  await createPlan(page, "Left at once");
  const id = planId(page);
  // The clock is held, so the pause after typing never ends: only leaving saves.
  await context.clock.install();
  await page.reload();
  await openSettings(page);
  await page.clock.pauseAt(Date.now() + 60_000);
  await setSector(page, "Typed, then left");
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("heading", { name: "Your plans" })).toBeVisible();
  const stored = await page.evaluate((id) => localStorage.getItem(`race-planner:plan:${id}`), id);
  expect(JSON.parse(stored).profile.sector).toBe("Typed, then left");
  await page.getByRole("link", { name: "Left at once" }).click();
  await openSettings(page);
  await expect(page.getByLabel("Sector")).toHaveValue("Typed, then left");
});

test("a second tab sees the first tab's edits", async ({ page, context }) => {
  await openApp(page);
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole("heading", { name: "Your plans" })).toBeVisible();
  await createPlan(page, "Shared plan");
  await expect(other.getByRole("link", { name: "Shared plan" })).toBeVisible();
  await other.getByRole("link", { name: "Shared plan" }).click();
  await openSettings(other);
  await setSector(page, "Seen elsewhere");
  await saved(page);
  await expect(other.getByLabel("Sector")).toHaveValue("Seen elsewhere");
});

test("two tabs editing one plan are asked to choose, and keep both loses nothing", async ({ page, context }) => {
  await openApp(page);
  await createPlan(page, "Contested plan");
  const other = await context.newPage();
  // The clock is held (in both tabs) so that tab two's edit is still waiting to be
  // saved when tab one's save arrives, however slow the machine; tab one saves by
  // being hidden.
  await context.clock.install();
  await other.goto(page.url());
  await openSettings(page);
  await openSettings(other);
  await other.clock.pauseAt(Date.now() + 60_000);
  await other.getByLabel("Sector").fill("Mine from tab two");
  await page.getByLabel("Sector").fill("Mine from tab one");
  await page.evaluate(() => window.dispatchEvent(new Event("pagehide")));
  await expect
    .poll(() => page.evaluate((id) => localStorage.getItem(`race-planner:plan:${id}`), planId(page)))
    .toContain("Mine from tab one");
  // A tab sees another tab's write only once the browser has passed it on, a few
  // milliseconds later: tab two's save waits until it can. (Before that, both saves
  // start from the same revision and cross, which the next test covers; which tab then
  // asks depends on which write the browser stores last.)
  await expect
    .poll(() => other.evaluate((id) => localStorage.getItem(`race-planner:plan:${id}`), planId(page)))
    .toContain("Mine from tab one");
  await other.clock.runFor(1_000);
  const dialog = other.getByRole("dialog", { name: "This plan was changed in another tab" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep both" }).click();
  await expect(dialog).toBeHidden();
  await expect(other.getByRole("navigation", { name: "Plan" })).toContainText("Contested plan (copy)");
  await openSettings(other);
  await expect(other.getByLabel("Sector")).toHaveValue("Mine from tab two");
  await other.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await expect(other.getByRole("link", { name: "Contested plan", exact: true })).toBeVisible();
  await expect(other.getByRole("link", { name: "Contested plan (copy)" })).toBeVisible();
  await other.getByRole("link", { name: "Contested plan", exact: true }).click();
  await openSettings(other);
  await expect(other.getByLabel("Sector")).toHaveValue("Mine from tab one");
});

test("saves of two tabs that cross are a conflict too, not one tab's edits silently gone", async ({ page, context }) => {
  await openApp(page);
  await createPlan(page, "Crossed plan");
  await setSector(page, "Mine from tab one");
  await saved(page);
  // Two tabs that save within a few milliseconds both start from the same revision:
  // neither sees the other's write before its own. Here the other tab's save lands
  // second, so what this tab wrote is gone from storage.
  const { other, key, text: mine } = await crossedSave(page, context, "Mine from tab one", "Mine from tab two");
  const dialog = page.getByRole("dialog", { name: "This plan was changed in another tab" });
  await expect(dialog).toBeVisible();
  await expect(page.getByLabel("Sector")).toHaveValue("Mine from tab one");
  await dialog.getByRole("button", { name: "Keep mine" }).click();
  await expect(dialog).toBeHidden();
  await saved(page);
  const stored = JSON.parse(await other.evaluate((key) => localStorage.getItem(key), key));
  expect(JSON.stringify(stored)).toContain("Mine from tab one");
  expect(JSON.stringify(stored)).not.toContain("Mine from tab two");
  expect(stored.plan?.revision ?? stored.revision).toBeGreaterThan(JSON.parse(mine).plan?.revision ?? JSON.parse(mine).revision);
});

test("a crossed save while an edit waits to be saved offers that edit as mine", async ({ page, context }) => {
  await openApp(page);
  await createPlan(page, "Crossed while typing");
  await setSector(page, "Saved in tab one");
  await saved(page);
  // The autosave is held: the edit below waits to be saved when the other tab's save
  // lands on the revision this tab saved last.
  await context.clock.install();
  await page.clock.pauseAt(Date.now() + 60_000);
  await page.getByLabel("Sector").fill("Typed in tab one, not saved yet");
  const { other, key } = await crossedSave(page, context, "Saved in tab one", "Saved in tab two");
  const dialog = page.getByRole("dialog", { name: "This plan was changed in another tab" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Keep mine" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Sector")).toHaveValue("Typed in tab one, not saved yet");
  // The held autosave finds nothing left to write, and asks nothing more.
  await page.clock.runFor(2_000);
  await expect(dialog).toBeHidden();
  await saved(page);
  const stored = await other.evaluate((key) => localStorage.getItem(key), key);
  expect(stored).toContain("Typed in tab one, not saved yet");
  expect(stored).not.toContain("Saved in tab two");
});

test("export then import reproduces the plan exactly", async ({ page, browser }) => {
  await openApp(page);
  await createPlan(page, "Round trip", "ecommerce_b2c");
  await saved(page);
  const exported = await exportPlanFile(page, "Round trip");
  expect(exported.format).toBe("race-planner/plan");
  const path = tempFile("round-trip.json", JSON.stringify(exported));

  const fresh = await browser.newContext();
  const page2 = await fresh.newPage();
  await openApp(page2);
  await page2.getByLabel("Import a plan or backup file…").setInputFiles(path);
  await expect(page2.getByRole("status").filter({ hasText: "1 plan imported." })).toBeVisible();
  const again = await exportPlanFile(page2, "Round trip");
  const { revision: r1, ...a } = exported.plan;
  const { revision: r2, ...b } = again.plan;
  expect(b).toEqual(a);
  await fresh.close();
});

test("malicious or broken files are refused with a clear message and change nothing", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", async (d) => { dialogs++; await d.dismiss(); });
  await openApp(page);
  await createPlan(page, "Template for files");
  await saved(page);
  const valid = await exportPlanFile(page, "Template for files");
  const input = page.getByLabel("Import a plan or backup file…");
  const plans = page.locator(".plan-list > li");
  await expect(plans).toHaveCount(1);
  const refused = async (path, message) => {
    await input.setInputFiles(path);
    await expect(page.getByRole("alert").filter({ hasText: message })).toBeVisible();
    await expect(plans).toHaveCount(1);
  };
  await refused(tempFile("huge.json", Buffer.alloc(50 * 1024 * 1024, 32)), "limit is 10 MB");
  await refused(tempFile("nested.json", "[".repeat(100000)), "was not imported");
  const wrongType = structuredClone(valid);
  wrongType.plan.name = 42;
  await refused(tempFile("wrong.json", JSON.stringify(wrongType)), "name");
  const nan = JSON.stringify(valid).replace(/"act_rate":\s*[0-9.e-]+/, '"act_rate": NaN');
  await refused(tempFile("nan.json", nan), "was not imported");
  const negative = structuredClone(valid);
  negative.plan.funnel.act_rate = 3;
  await refused(tempFile("range.json", JSON.stringify(negative)), "funnel.act_rate");

  const script = structuredClone(valid);
  script.plan.name = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  await input.setInputFiles(tempFile("script.json", JSON.stringify(script)));
  await expect(page.getByRole("link", { name: script.plan.name })).toBeVisible();
  await expect(page.locator(".plan-list img")).toHaveCount(0);
  expect(dialogs).toBe(0);
});

test("storage that is unavailable shows a banner, and work goes on in memory", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      configurable: true,
      get() { throw new DOMException("denied", "SecurityError"); },
    });
  });
  await openApp(page);
  await expect(page.getByRole("alert").filter({ hasText: "does not let RACE Planner save" })).toBeVisible();
  await createPlan(page, "In memory plan");
  await setSector(page, "Still editable");
  await expect(page.getByLabel("Sector")).toHaveValue("Still editable");
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await expect(page.getByRole("link", { name: "In memory plan" })).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export all plans (backup)" }).click();
  const backup = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  expect(backup.plans.map((p) => p.name)).toEqual(["In memory plan"]);
});

test("a full storage keeps edits in memory, says so, and saves once there is room", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Full storage plan");
  await saved(page);
  await page.evaluate(() => {
    const fill = (round) => {
      const chunk = "x".repeat(100_000);
      for (let i = 0; i < 200; i++) {
        try { localStorage.setItem(`junk-${round}-${i}`, chunk); } catch { break; }
      }
      for (let size = 50_000; size >= 1; size = Math.floor(size / 2)) {
        for (let i = 0; ; i++) {
          try { localStorage.setItem(`junk-small-${round}-${size}-${i}`, "x".repeat(size)); } catch { break; }
        }
      }
      // The last few characters: short keys with no value.
      for (let i = 0; ; i++) {
        try { localStorage.setItem(`junk-${round}${i}`, ""); } catch { break; }
      }
    };
    // Full even after the app gives up the room of its glances (copies it can drop).
    fill(0);
    for (const k of Object.keys(localStorage)) if (k.startsWith("race-planner:glance:")) localStorage.removeItem(k);
    fill(1);
  });
  await setSector(page, "Waiting for room");
  await expect(page.getByRole("alert").filter({ hasText: "full" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "Not saved" }).first()).toBeVisible();
  await expect(page.getByLabel("Sector")).toHaveValue("Waiting for room");
  const download = page.waitForEvent("download");
  await page.getByRole("alert").getByRole("button", { name: "Export all plans" }).click();
  const backup = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  expect(backup.plans[0].profile.sector).toBe("Waiting for room");
  await page.evaluate(() => {
    for (const k of Object.keys(localStorage)) if (k.startsWith("junk-")) localStorage.removeItem(k);
  });
  await page.getByLabel("Sector").fill("Waiting for room, saved");
  await saved(page);
  await page.reload();
  await openSettings(page);
  await expect(page.getByLabel("Sector")).toHaveValue("Waiting for room, saved");
});

test("a damaged plan is kept aside, named, downloadable, and the others load", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Healthy plan");
  await saved(page);
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await createPlan(page, "Broken plan");
  await saved(page);
  const id = planId(page);
  await page.evaluate((id) => localStorage.setItem(`race-planner:plan:${id}`, '{"schema_version": 1, "name": "Broken plan", "id": '), id);
  await page.goto("./#/");
  await page.reload();
  const alert = page.getByRole("alert").filter({ hasText: "could not be opened" });
  await expect(alert).toContainText("Broken plan");
  await expect(page.getByRole("link", { name: "Healthy plan" })).toBeVisible();
  const download = page.waitForEvent("download");
  await alert.getByRole("button", { name: "Download the damaged text" }).click();
  expect(readFileSync(await (await download).path(), "utf8")).toContain('"name": "Broken plan"');
});

test("a plan saved by a newer version opens read-only and is not overwritten", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Future plan");
  await saved(page);
  const id = planId(page);
  const raw = await page.evaluate((id) => {
    const key = `race-planner:plan:${id}`;
    const plan = JSON.parse(localStorage.getItem(key));
    plan.schema_version = 99;
    localStorage.setItem(key, JSON.stringify(plan));
    return localStorage.getItem(key);
  }, id);
  await page.reload();
  await expect(page.getByText("newer version of RACE Planner").first()).toBeVisible();
  await openSettings(page);
  await expect(page.getByLabel("Sector")).toHaveAttribute("readonly", "");
  const after = await page.evaluate((id) => localStorage.getItem(`race-planner:plan:${id}`), id);
  expect(after).toBe(raw);
});

test("deleted plans go to the trash and can be restored", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Deleted plan");
  await saved(page);
  await page.getByRole("navigation", { name: "App" }).getByRole("link", { name: "Plans" }).click();
  await page.getByRole("button", { name: "Delete Deleted plan" }).click();
  await expect(page.getByRole("link", { name: "Deleted plan" })).toHaveCount(0);
  await page.getByRole("link", { name: "Trash" }).click();
  await expect(page.getByText("removed for good in 30 days")).toBeVisible();
  await page.getByRole("button", { name: "Restore Deleted plan" }).click();
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Deleted plan");
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Plan" })).toContainText("Deleted plan");
});

test("undo and redo, by keyboard and by button", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Undo plan");
  await setSector(page, "First");
  await page.getByLabel("Horizon (months)").fill("24");
  await page.getByLabel("Horizon (months)").blur();
  await page.keyboard.press("Control+z");
  await expect(page.getByLabel("Horizon (months)")).toHaveValue("12");
  await expect(page.getByLabel("Sector")).toHaveValue("First");
  await page.keyboard.press("Control+Shift+z");
  await expect(page.getByLabel("Horizon (months)")).toHaveValue("24");
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByLabel("Horizon (months)")).toHaveValue("12");
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.getByLabel("Horizon (months)")).toHaveValue("24");
});

test("undo still works after moving to another screen of the plan", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Undo across screens");
  await setSector(page, "Before the move");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Strategy", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Strategy" })).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await openSettings(page);
  await expect(page.getByLabel("Sector")).toHaveValue("");
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(page.getByLabel("Sector")).toHaveValue("Before the move");
});

test("a backup reminder appears after 7 days of unexported changes and goes once exported", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Reminder plan");
  await saved(page);
  await page.evaluate(() => {
    const meta = JSON.parse(localStorage.getItem("race-planner:meta"));
    meta.backup.first_unexported_change_at = Date.now() - 8 * 86_400_000;
    localStorage.setItem("race-planner:meta", JSON.stringify(meta));
  });
  await page.goto("./#/");
  await page.reload();
  const reminder = page.getByRole("region", { name: "Time for a backup" });
  await expect(reminder).toBeVisible();
  const download = page.waitForEvent("download");
  await reminder.getByRole("button", { name: "Export all plans" }).click();
  const backup = JSON.parse(readFileSync(await (await download).path(), "utf8"));
  expect(backup.format).toBe("race-planner/backup");
  await expect(reminder).toBeHidden();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your plans" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Time for a backup" })).toBeHidden();
});
