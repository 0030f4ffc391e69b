// The four RACE stage screens: the WPCalc funnel typed in live (10,000 sessions →
// 1,200 leads at 12 % → 300 customers at 25 % × $75 = $22,500), percent parsing and
// field errors, the ⓘ formula, the reverse funnel and accessibility.
import { test, expect, openApp, createPlan, expectNoSeriousViolations, go, importLargePlan } from "./fixtures.mjs";

/** Types the WPCalc example into a blank plan. */
async function wpcalc(page) {
  await openApp(page);
  await createPlan(page, "WPCalc");
  await go(page, "Reach");
  await page.getByRole("button", { name: "Add a touchpoint" }).click();
  await page.getByRole("textbox", { name: "Sessions per month", exact: true }).fill("10,000");
  await go(page, "Act");
  await page.getByRole("textbox", { name: "Session → lead rate", exact: true }).fill("12");
  await go(page, "Convert");
  await page.getByRole("textbox", { name: "Lead → customer rate", exact: true }).fill("25");
  await page.getByRole("textbox", { name: "Average order value (AOV)", exact: true }).fill("75");
}

test("each stage opens with its purpose and the funnel strip", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Stage headings");
  for (const name of ["Reach", "Act", "Convert", "Engage"]) {
    await go(page, name);
    await expect(page.locator(".lead")).toBeVisible();
    const strip = page.getByRole("navigation", { name: /The funnel/ });
    await expect(strip.locator('[aria-current="step"]')).toContainText(name);
  }
  await go(page, "Convert");
  await expect(page.getByRole("heading", { level: 1, name: "Convert" })).toBeVisible();
});

test("the Convert strip names the new customers that offline contacts bring", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Shop and street", "local_business");
  await go(page, "Convert");
  const step = page.locator(".strip-current");
  const offline = step.locator(".strip-offline");
  // Beside "12 % lead → customer rate", more new customers than 12 % of the leads: the
  // strip says where the others come from.
  await expect(offline).toHaveText(/^incl\. [\d,]+ from offline contacts$/);
  await page.getByRole("textbox", { name: "Offline contact → customer rate", exact: true }).fill("0");
  await expect(offline).toHaveCount(0);
  await page.getByRole("textbox", { name: "Offline contact → customer rate", exact: true }).fill("10");
  await expect(offline).toHaveText(/^incl\. [\d,]+ from offline contacts$/);
  // The other stages count no offline part; each screen's strip shows Convert's.
  for (const name of ["Reach", "Act", "Engage"]) {
    await go(page, name);
    await expect(page.locator(".strip-current .strip-offline")).toHaveCount(0);
    await expect(page.locator(".strip-offline")).toHaveCount(1);
    await expect(page.locator(".stage-convert .strip-offline")).toHaveText(/from offline contacts$/);
  }
});

test("the WPCalc funnel updates as the user types, up to revenue on the overview", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "WPCalc");
  await go(page, "Reach");
  await expect(page.getByText("No touchpoint at Reach yet")).toBeVisible();
  await page.getByRole("button", { name: "Add a touchpoint" }).click();
  await page.getByRole("textbox", { name: "Sessions per month", exact: true }).fill("10000");
  await expect(page.locator('tr[data-kpi="sessions"] td')).toHaveText("10,000");
  await expect(page.getByRole("button", { name: "Remove touchpoint New touchpoint" })).toBeVisible();

  await go(page, "Act");
  await page.getByRole("textbox", { name: "Session → lead rate", exact: true }).fill("12");
  await expect(page.locator('tr[data-kpi="leads"] td')).toHaveText("1,200");
  await expect(page.locator(".strip-current")).toContainText("1,200");

  await go(page, "Convert");
  await page.getByRole("textbox", { name: "Lead → customer rate", exact: true }).fill("25%");
  await page.getByRole("textbox", { name: "Average order value (AOV)", exact: true }).fill("75");
  await expect(page.locator('tr[data-kpi="customers"] td')).toHaveText("300");
  await expect(page.locator('tr[data-kpi="revenue"] td')).toHaveText("$22,500");

  await go(page, "Overview");
  const revenue = page.locator(".kpi-tile").filter({ hasText: "Revenue" }).first();
  await expect(revenue.locator(".kpi-value")).toHaveText("$22,500");
});

test("typing a rate on the large plan changes its figures in place: the field and the columns stay put and no element is rebuilt", async ({ page }) => {
  test.setTimeout(120_000);
  await importLargePlan(page);
  for (const [screen, id] of [["Act", "#f-funnel-act_rate"], ["Convert", "#f-funnel-convert_rate"]]) {
    await go(page, screen);
    const field = page.locator(id);
    await field.fill("5");
    const volume = page.locator(".strip-current .strip-volume");
    const before = await volume.textContent();
    const top = await field.evaluate((e) => e.getBoundingClientRect().top);
    // The columns of "What do I need?" stay where they are while its figures change.
    const columns = () => page.locator("table.gaps thead th").evaluateAll((ths) => ths.map((th) => Math.round(th.getBoundingClientRect().left)));
    const columnsBefore = await columns();
    expect(columnsBefore).toHaveLength(6);
    // Everything in the screen that is not a text change: an element added or removed,
    // an attribute set (even to the same value).
    await page.evaluate(() => {
      window.__rebuilt = [];
      window.__watch = new MutationObserver((records) => {
        for (const r of records)
          if (r.type !== "characterData") window.__rebuilt.push(`${r.type} ${r.attributeName || ""} on ${r.target.nodeName}.${r.target.className || ""}`);
      });
      window.__watch.observe(document.querySelector("main"), { subtree: true, childList: true, attributes: true, characterData: true });
    });
    for (const key of ["3", "Backspace", "7", "Backspace", "1"]) {
      await page.keyboard.press(key);
      expect(await field.evaluate((e) => e.getBoundingClientRect().top), `${screen}: the field moved after ${key}`).toBeCloseTo(top, 0);
      expect(await columns(), `${screen}: the needs table's columns moved after ${key}`).toEqual(columnsBefore);
    }
    await expect(field).toHaveValue("51");
    await expect(volume).not.toHaveText(before);
    expect(await page.evaluate(() => (window.__watch.disconnect(), window.__rebuilt)), `${screen}: elements rebuilt while typing`).toEqual([]);
  }
});

test("Enter in a field keeps the page and what was typed", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Enter");
  await go(page, "Act");
  const url = page.url();
  const rate = page.getByRole("textbox", { name: "Session → lead rate", exact: true });
  await rate.fill("12");
  await rate.press("Enter");
  await expect(rate).toHaveValue("12");
  await expect(rate).toBeFocused();
  expect(page.url()).toBe(url);
});

test("percent fields accept 2.5 and 2.5 %, and refuse abc and 150 without changing the KPIs", async ({ page }) => {
  await wpcalc(page);
  await go(page, "Act");
  const rate = page.getByRole("textbox", { name: "Session → lead rate", exact: true });
  const leads = page.locator('tr[data-kpi="leads"] td');
  await expect(page.getByText("Type 2.5 for 2.5 %")).toBeVisible();
  await rate.fill("2.5%");
  await expect(leads).toHaveText("250");
  await expect(rate).toHaveAttribute("aria-invalid", "false");
  await rate.fill("12");
  await expect(leads).toHaveText("1,200");

  await rate.fill("abc");
  await expect(rate).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-funnel-act_rate-error")).toBeVisible();
  await expect(leads).toHaveText("1,200");

  await rate.fill("150");
  await expect(rate).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-funnel-act_rate-error")).toContainText("%");
  await expect(leads).toHaveText("1,200");
});

test("a plan in a decimal-comma locale reads and writes its fields as its people write numbers", async ({ page }) => {
  await wpcalc(page);
  const aov = page.getByRole("textbox", { name: "Average order value (AOV)", exact: true });
  const rate = page.getByRole("textbox", { name: "Lead → customer rate", exact: true });
  const revenue = page.locator('tr[data-kpi="revenue"] td');
  await page.locator("details.plan-settings summary").click();
  await page.getByLabel("Number and date format").selectOption({ label: "Deutsch (Deutschland)" });
  // The fields write the plan's values as the tables beside them do.
  await expect(revenue).toHaveText(/^22\.500\s\$$/);
  await expect(aov).toHaveValue("75,00");
  await expect(page.locator("#f-funnel-convert_rate-hint")).toHaveText("Type 2,5 for 2,5 %");
  // "1.500" is fifteen hundred here, not one and a half.
  await aov.fill("1.500");
  await expect(revenue).toHaveText(/^450\.000\s\$$/);
  await aov.press("Tab");
  await expect(aov).toHaveValue("1.500,00");
  await aov.focus();
  await expect(aov).toHaveValue("1500,00");
  await rate.fill("12,5");
  await expect(rate).toHaveAttribute("aria-invalid", "false");
  await expect(revenue).toHaveText(/^225\.000\s\$$/);
  await rate.blur();
  // Back in en-US, the same values in its own notation.
  await page.getByLabel("Number and date format").selectOption({ label: "English (United States)" });
  await expect(aov).toHaveValue("1,500.00");
  await expect(rate).toHaveValue("12.5");
});

test("a refused value stays in its field with its message while another field is edited; undo shows the plan's value again", async ({ page }) => {
  await wpcalc(page);
  const rate = page.getByRole("textbox", { name: "Lead → customer rate", exact: true });
  const aov = page.getByRole("textbox", { name: "Average order value (AOV)", exact: true });
  const revenue = page.locator('tr[data-kpi="revenue"] td');
  await rate.fill("20");
  await expect(revenue).toHaveText("$18,000");
  await rate.fill("abc");
  await expect(rate).toHaveAttribute("aria-invalid", "true");

  // Another field takes an edit, and the KPIs follow it; the refused text is not lost.
  await aov.fill("80");
  await expect(revenue).toHaveText("$19,200");
  await expect(rate).toHaveValue("abc");
  await expect(rate).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#f-funnel-convert_rate-error")).toBeVisible();

  // Undo takes the AOV back; every field shows the plan's values, and the message goes.
  await page.getByRole("navigation", { name: "Plan" }).getByRole("button", { name: "Undo" }).click();
  await expect(revenue).toHaveText("$18,000");
  await expect(aov).toHaveValue("75.00");
  await expect(rate).toHaveValue("20");
  await expect(rate).toHaveAttribute("aria-invalid", "false");
  await expect(page.locator("#f-funnel-convert_rate-error")).toHaveCount(0);
});

test("the ⓘ of a derived KPI shows its formula and the inputs it used", async ({ page }) => {
  await wpcalc(page);
  await go(page, "Act");
  await page.getByRole("row").filter({ hasText: "Leads / interactions" }).getByLabel("How Leads / interactions is computed").click();
  const body = page.locator('tr[data-kpi="leads"] .info-body');
  await expect(body).toBeVisible();
  await expect(body).toContainText("sessions × session → lead rate");
  // The figures it used, written as every figure on screen: in the plan's locale.
  await expect(body).toContainText("This plan: sessions 10,000 × session → lead rate 12%");
  await page.keyboard.press("Escape");
  await expect(body).toBeHidden();
  // Closed, it is not kept up to date; opened again, it shows the figures as they are.
  await page.getByRole("textbox", { name: "Session → lead rate", exact: true }).fill("15");
  await page.getByRole("row").filter({ hasText: "Leads / interactions" }).getByLabel("How Leads / interactions is computed").click();
  await expect(body).toContainText("This plan: sessions 10,000 × session → lead rate 15%");
  await page.keyboard.press("Escape");
  await page.locator("details.plan-settings summary").click();
  await page.getByLabel("Number and date format").selectOption({ label: "Deutsch (Deutschland)" });
  await page.getByRole("row").filter({ hasText: "Leads / interactions" }).getByLabel("How Leads / interactions is computed").click();
  await expect(body).toContainText("This plan: sessions 10.000 × session → lead rate 15\u00a0%");
});

/** Opens every ⓘ named `label` in turn (the first `most`) and checks that its explanation
 *  shows whole: nothing it sits in (a card, a section drawn only when in view, a table
 *  that scrolls sideways) cuts off any corner of it. */
async function expectWholeExplanations(page, label, most) {
  const toggles = page.getByLabel(label);
  const n = Math.min(await toggles.count(), most);
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const toggle = toggles.nth(i);
    await toggle.scrollIntoViewIfNeeded();
    await toggle.click();
    const body = toggle.locator("xpath=following-sibling::*[contains(@class, 'info-body')]");
    await expect(body).toBeVisible();
    const cut = await body.evaluate((el) => {
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
      const r = el.getBoundingClientRect();
      const corners = [[r.left + 3, r.top + 3], [r.right - 3, r.top + 3], [r.left + 3, r.bottom - 3], [r.right - 3, r.bottom - 3]];
      return corners.filter(([x, y]) => !el.contains(document.elementFromPoint(x, y))).map((p) => p.map(Math.round));
    });
    expect(cut, `corners of "${await toggle.getAttribute("aria-label")}" hidden`).toEqual([]);
    await page.keyboard.press("Escape");
    if (await body.isVisible()) await toggle.click();
    await expect(body).toBeHidden();
  }
}

test("an ⓘ shows its whole explanation, over the card, section or table that holds it", async ({ page }) => {
  await importLargePlan(page);
  await go(page, "Act");
  // The KPI cards of the stage, three to a row, and the derived-KPI table.
  await expectWholeExplanations(page, /^How .* is computed$/, 12);
  await go(page, "Measure");
  await expectWholeExplanations(page, /^How .* is measured$/, 6);
  // On a phone, where an explanation is wider than the room on either side of its ⓘ.
  await page.setViewportSize({ width: 360, height: 740 });
  await expectWholeExplanations(page, /^How .* is measured$/, 2);
  await page.getByRole("button", { name: "Menu", exact: true }).click();
  await go(page, "Act");
  await expectWholeExplanations(page, /^How .* is computed$/, 12);
});

test("a focused field at the edge of its section shows its whole focus ring", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Focus ring");
  await go(page, "Act");
  const field = page.locator("#f-funnel-act_rate");
  await field.focus();
  const box = await field.boundingBox();
  const section = await field.evaluate((el) => el.closest("section").getBoundingClientRect().left);
  // The field starts where its section does, so the ring's left side lies outside it.
  expect(Math.abs(box.x - section)).toBeLessThan(1);
  const ring = await field.evaluate((el) => getComputedStyle(el).outlineColor);
  // The pixels just left of the field, where the ring's left side is drawn (3 px wide, 2 px off).
  const shot = await page.screenshot({ clip: { x: box.x - 5, y: box.y + box.height / 2 - 2, width: 3, height: 4 } });
  const pixels = await page.evaluate(async (png) => {
    const img = new Image();
    img.src = `data:image/png;base64,${png}`;
    await img.decode();
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [img.width, img.height];
    const g = canvas.getContext("2d");
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    const out = [];
    for (let i = 0; i < d.length; i += 4) out.push(`rgb(${d[i]}, ${d[i + 1]}, ${d[i + 2]})`);
    return out;
  }, shot.toString("base64"));
  expect(pixels.filter((p) => p === ring).length, `the ring's colour ${ring} left of the field, got ${pixels}`).toBeGreaterThan(pixels.length / 2);
});

test("what do I need? works back from the plan's revenue goal, rounding people up", async ({ page }) => {
  await wpcalc(page);
  await go(page, "Convert");
  // The goal lives in one place: the Revenue KPI's goal, which "What do I need?" starts from.
  await page.getByLabel("KPI to track").selectOption("revenue");
  await page.getByRole("button", { name: "Add KPI" }).click();
  await page.getByRole("textbox", { name: /^Revenue: goal per month/ }).fill("25000");
  const need = page.locator(".need-list");
  // $25,000 ÷ $75 = 333.3 customers → 1,333.3 leads → 11,111.1 sessions: 11,112 rounded up.
  await expect(need.locator(".need-item").filter({ has: page.getByText("Sessions", { exact: true }) }).locator("dd")).toHaveText("11,112");
  await expect(need.locator(".need-item").filter({ has: page.getByText("Leads", { exact: true }) }).locator("dd")).toHaveText("1,334");
  await expect(need.locator(".need-item").filter({ has: page.getByText("New customers", { exact: true }) }).locator("dd")).toHaveText("334");
  // The same goal on the Opportunity screen: editing it there changes the need here.
  await go(page, "Opportunity");
  await page.getByRole("button", { name: /^Edit Revenue/ }).click();
  const goal = page.getByRole("textbox", { name: "Target", exact: true }).first();
  await expect(goal).toHaveValue(/25,?000/);
  await goal.fill("22500");
  await go(page, "Reach");
  await expect(page.locator(".need-list .need-item").filter({ has: page.getByText("Sessions", { exact: true }) }).locator("dd")).toHaveText("10,000");
  // The strip names the one target it measures the gap against.
  await expect(page.locator(".strip-current")).toContainText("Needed for the Revenue goal: 10,000");
});

test("the reverse funnel says why when a rate is 0", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Zero rates");
  await go(page, "Convert");
  await expect(page.getByText(/No revenue or new-customers goal yet/)).toBeVisible();
  await page.getByLabel("KPI to track").selectOption("revenue");
  await page.getByRole("button", { name: "Add KPI" }).click();
  await page.getByRole("textbox", { name: /^Revenue: goal per month/ }).fill("10000");
  await go(page, "Reach");
  await expect(page.getByText(/cannot be reached/)).toBeVisible();
  await expect(page.locator(".need-list .need-item").filter({ has: page.getByText("Sessions", { exact: true }) }).locator("dd")).toHaveText("—");
});

test("touchpoints fill the paid / owned / earned × online / offline matrix", async ({ page }) => {
  await wpcalc(page);
  await go(page, "Reach");
  await page.getByRole("button", { name: "Edit New touchpoint", exact: true }).click();
  await page.getByLabel("Name", { exact: true }).fill("Google Search ads");
  await page.getByRole("textbox", { name: "Budget per month", exact: true }).fill("1500");
  await page.getByLabel("KPI it drives").selectOption("sessions");
  const matrix = page.locator("table.matrix");
  const paidRow = matrix.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Paid" }) });
  await expect(paidRow).toContainText("Google Search ads");
  await expect(paidRow).toContainText("$1,500 / month");
  await expect(paidRow).toContainText("Drives: Sessions");

  await page.getByLabel("Online or offline").selectOption("Offline");
  await expect(page.getByRole("textbox", { name: "Contacts per month (calls, visits, event leads)", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Remove touchpoint Google Search ads" }).click();
  await expect(page.getByText("No touchpoint at Reach yet")).toBeVisible();
});

test("a touchpoint edited from its compact row: open, change the budget, close, the row shows it after a reload", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Touchpoint rows");
  await go(page, "Reach");
  // "Add a touchpoint" opens the new touchpoint's editor, focus on its name.
  await page.getByRole("button", { name: "Add a touchpoint" }).click();
  const added = page.getByRole("region", { name: "Edit touchpoint New touchpoint", exact: true });
  await expect(added).toBeVisible();
  await expect(added.getByRole("textbox", { name: "Name", exact: true })).toBeFocused();
  await added.getByRole("textbox", { name: "Name", exact: true }).fill("Google Search ads");
  const editor = page.getByRole("region", { name: "Edit touchpoint Google Search ads", exact: true });
  await editor.getByRole("textbox", { name: "Channel", exact: true }).fill("search");
  await editor.getByLabel("Media").selectOption("Paid");
  await editor.getByLabel("KPI it drives").selectOption("sessions");
  await editor.getByLabel("Volume planned").selectOption("cpc");
  await editor.getByRole("textbox", { name: "Cost per click (CPC)", exact: true }).fill("0.60");
  await editor.getByRole("textbox", { name: "Budget per month", exact: true }).fill("600");
  await editor.getByRole("button", { name: "Close", exact: true }).click();

  // Rows are text: no field of any kind until an editor is opened.
  const table = page.locator("table.touchpoint-rows");
  await expect(table.locator("input, select, textarea")).toHaveCount(0);
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Google Search ads" }) });
  const edit = row.getByRole("button", { name: "Edit Google Search ads", exact: true });
  await expect(edit).toBeFocused();
  await expect(edit).toHaveAttribute("aria-expanded", "false");
  await expect(row).toContainText("search");
  await expect(row).toContainText("Paid · Online");
  await expect(row).toContainText("$600");
  await expect(row).toContainText("1,000 sessions");
  await expect(row).toContainText("Sessions");

  // Open, change the budget, close with Escape: focus goes back to the row's button.
  await edit.click();
  await expect(edit).toHaveAttribute("aria-expanded", "true");
  await expect(edit).toHaveAttribute("aria-controls", await editor.getAttribute("id"));
  const budget = editor.getByRole("textbox", { name: "Budget per month", exact: true });
  await budget.fill("1800");
  await expect(editor.locator(".tp-delivers")).toContainText("3,000 clicks → 3,000 sessions");
  await budget.press("Escape");
  await expect(editor).toHaveCount(0);
  await expect(edit).toBeFocused();
  await expect(row).toContainText("$1,800");
  await expect(row).toContainText("3,000 sessions");
  await expect(page.locator('tr[data-kpi="sessions"] td')).toHaveText("3,000");

  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Reach" })).toBeVisible();
  const after = page.locator("table.touchpoint-rows").getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Google Search ads" }) });
  await expect(after).toContainText("$1,800");
  await expect(after).toContainText("3,000 sessions");
  // The matrix is still there, from the same touchpoints.
  await expect(page.locator("table.matrix")).toContainText("$1,800 / month");
  await expectNoSeriousViolations(page);
});

test("a stage KPI is added from the catalogue with a target", async ({ page }) => {
  await wpcalc(page);
  await go(page, "Act");
  await page.getByLabel("KPI to track").selectOption("leads");
  await page.getByRole("button", { name: "Add KPI" }).click();
  await page.getByRole("textbox", { name: /^Leads \/ interactions: goal per month/ }).fill("1500");
  await expect(page.locator(".strip-current")).toContainText("Goal 1,500");
  await expect(page.locator(".strip-current")).toContainText("300 short");
  await page.getByRole("button", { name: "Remove KPI Leads / interactions" }).click();
  await expect(page.getByText("No KPI tracked at Act yet")).toBeVisible();
});

for (const scheme of ["light", "dark"]) {
  test(`the stage screens have no serious accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await openApp(page);
    await createPlan(page, `Axe ${scheme}`, "ecommerce_b2c");
    for (const name of ["Reach", "Act", "Convert", "Engage"]) {
      await go(page, name);
      await expectNoSeriousViolations(page);
    }
  });
}

test("a blank stage screen has no serious accessibility violations", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "Axe blank");
  await go(page, "Engage");
  await expectNoSeriousViolations(page);
});

test("growth can be negative, impressions and clicks give CTR, and a KPI target can be cleared", async ({ page }) => {
  await openApp(page);
  await createPlan(page, "More inputs");
  await go(page, "Reach");
  await page.getByRole("button", { name: "Add a touchpoint" }).click();
  await page.getByRole("textbox", { name: "Sessions per month", exact: true }).fill("10000");
  const growth = page.getByRole("textbox", { name: "Monthly traffic growth", exact: true });
  await growth.fill("-2");
  await expect(growth).toHaveAttribute("aria-invalid", "false");
  await growth.fill("-150");
  await expect(growth).toHaveAttribute("aria-invalid", "true");
  await growth.fill("-2");
  await expect(page.locator('tr[data-kpi="ctr"] td')).toHaveText("—");
  await page.getByRole("textbox", { name: "Impressions per month", exact: true }).fill("1,000");
  await page.getByRole("textbox", { name: "Clicks per month", exact: true }).fill("50");
  await expect(page.locator('tr[data-kpi="ctr"] td')).toHaveText("5%");
  await page.getByLabel("KPI to track").selectOption("sessions");
  await page.getByRole("button", { name: "Add KPI" }).click();
  const target = page.getByRole("textbox", { name: /^Sessions: goal per month/ });
  await target.fill("12000");
  await expect(page.locator(".strip-current")).toContainText("Goal 12,000");
  await target.fill("");
  await expect(page.locator(".strip-current")).not.toContainText("Goal 12,000");
});

test("more than 50 touchpoints at a stage: the first 50 rows, then Show more", async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page);
  await createPlan(page, "Many touchpoints");
  await go(page, "Engage");
  const add = page.getByRole("button", { name: "Add a touchpoint" });
  const rows = page.locator("table.touchpoint-rows tr.touchpoint-row");
  for (let i = 1; i <= 51; i++) {
    await add.click();
    await expect(rows).toHaveCount(i);
  }
  // The one just added is shown, its editor open: one editor at a time.
  await expect(page.getByRole("region", { name: /^Edit touchpoint / })).toHaveCount(1);
  await expect(rows.last().getByRole("button", { name: "Edit New touchpoint" })).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByRole("status").filter({ hasText: "Saved" }).first()).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Engage" })).toBeVisible();
  await expect(rows).toHaveCount(50);
  await page.getByRole("button", { name: "Show 1 more (of 51)" }).click();
  await expect(rows).toHaveCount(51);
  await expect(page.getByText("All 51 shown.")).toBeFocused();
});
