// The report: a printable document of the whole plan, CSV downloads of KPIs,
// initiatives and actions, and the 90-day plan as an .ics calendar.
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { test, expect, openApp, createPlan, expectNoSeriousViolations } from "./fixtures.mjs";

async function openReport(page) {
  await openApp(page);
  await createPlan(page, "Report test", "saas_subscription");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Report", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Report test report" })).toBeVisible();
}

async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name }).click(),
  ]);
  const text = await readFile(await file.path(), "utf8");
  return { name: file.suggestedFilename(), text: text.replace(/^\uFEFF/, "") };
}

test("the report shows the whole plan", async ({ page }) => {
  await openReport(page);
  for (const heading of ["Business profile", "Objectives", "Funnel forecast", "Budget", "Reach", "Act", "Convert", "Engage", "Initiatives", "90-day plan", "Reviews"]) {
    await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "Initiatives" }).getByText("Not doing").first()).toBeVisible();
});

// A4 at 96 dpi is 794 × 1123 px; print.css sets margins of 12 mm (top and bottom) and
// 14 mm (left and right), so a page holds 688 × 1032 px of the report.
const A4_CONTENT = { width: 688, height: 1032 };
const GOAL = "Reduce monthly churn of small-team subscribers to 2.5 %";

test("the report starts with a summary: goals and their status, the funnel and budget charts, initiatives and actions", async ({ page }) => {
  await openReport(page);
  const first = page.locator(".report > section").first();
  await expect(first.locator(":scope > h2")).toHaveText("Summary");
  await expect(first).toHaveAttribute("aria-labelledby", "report-summary");
  const goal = first.locator("li").filter({ hasText: GOAL });
  await expect(goal).toBeVisible();
  await expect(goal.locator(".status")).toHaveText(/On track|At risk|Off track|No data/);
  await expect(goal).toContainText("Goal");
  await expect(first.locator(".funnel-chart svg.chart")).toBeVisible();
  await expect(first.locator(".funnel-chart .funnel-bar")).not.toHaveCount(0);
  await expect(first.locator(".split svg.share-bar").first()).toBeVisible();
  await expect(first.getByRole("heading", { level: 2, name: /^Goals, / })).toBeVisible();
  await expect(first.getByRole("heading", { level: 2, name: "The funnel" })).toBeVisible();
  await expect(first.getByRole("heading", { level: 2, name: "Where the budget goes" })).toBeVisible();
  await expect(first.getByRole("heading", { level: 2, name: "Top initiatives" })).toBeVisible();
  await expect(first.getByText("Chosen").first()).toBeVisible();
  await expect(first.getByRole("heading", { level: 2, name: "Next actions due" })).toBeVisible();
  await expect(first).not.toContainText(/NaN|∞|Infinity/);
  // The detail follows the summary.
  await expect(page.locator(".report > section").nth(1).locator(":scope > h2")).toHaveText("Business profile");
});

test("print hides the on-screen instructions", async ({ page }) => {
  await openReport(page);
  const lead = page.getByText("The whole plan as one document");
  await expect(lead).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(lead).toBeHidden();
  await expect(page.locator(".report-summary")).toBeVisible();
  await expect(page.locator(".report-summary .chart-data")).toBeHidden();
  await expect(page.locator(".report-summary .funnel-chart svg.chart")).toBeVisible();
});

test("printed on A4 the summary fills page 1 alone and the detail follows without forced breaks", async ({ page }, testInfo) => {
  await openReport(page);
  await page.emulateMedia({ media: "print" });

  // The only forced break is the one after the summary; headings stay with what follows.
  const breaks = await page.locator(".report, .report *").evaluateAll((els) =>
    els.flatMap((e) => {
      const s = getComputedStyle(e);
      return [s.breakBefore, s.breakAfter].includes("page") ? [e.className] : [];
    }));
  expect(breaks).toEqual(["report-summary"]);
  for (const h of await page.locator(".report h2, .report h3").all()) {
    expect(await h.evaluate((e) => getComputedStyle(e).breakAfter)).toBe("avoid");
  }
  expect(await page.locator(".report tr").first().evaluate((e) => getComputedStyle(e).breakInside)).toBe("avoid");
  // Charts keep their colours on paper.
  expect(await page.locator(".report-summary svg.chart").first().evaluate((e) => getComputedStyle(e).printColorAdjust)).toBe("exact");
  await expect(page.locator(".report-summary .funnel-steps")).toBeHidden();

  // Laid out at the width of an A4 page, everything up to the end of the summary fits on one.
  await page.setViewportSize({ width: A4_CONTENT.width, height: A4_CONTENT.height });
  const bottom = await page.locator(".report-summary").evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY);
  expect(bottom).toBeLessThanOrEqual(A4_CONTENT.height);

  const pdf = await page.pdf({ format: "A4" });
  const file = testInfo.outputPath("report.pdf");
  await writeFile(file, pdf);
  const pages = pdf.toString("latin1").match(/\/Type\s*\/Page\b/g) ?? [];
  expect(pages.length).toBeGreaterThanOrEqual(2);
  expect(pages.length).toBeLessThanOrEqual(6);

  let pdftotext = "";
  try {
    pdftotext = execFileSync("which", ["pdftotext"], { encoding: "utf8" }).trim();
  } catch {
    // poppler-utils is not installed: the layout check above stands in for it.
  }
  if (pdftotext) {
    const page1 = execFileSync(pdftotext, ["-f", "1", "-l", "1", "-layout", file, "-"], { encoding: "utf8" });
    expect(page1).toContain("Summary");
    expect(page1.replace(/\s+/g, " ")).toContain(GOAL);
    expect(page1).not.toContain("Business profile");
  }
});

test("downloads KPIs, initiatives and actions as CSV and the plan as .ics", async ({ page }) => {
  await openReport(page);
  const kpis = await download(page, "Download KPIs (CSV)");
  expect(kpis.name).toBe("report-test-kpis.csv");
  const kpiLines = kpis.text.split("\r\n");
  expect(kpiLines[0]).toBe("Stage,KPI,KPI id,Unit,Target,Baseline,Forecast,Actual,Status");
  expect(kpiLines.some((l) => l.startsWith("Reach,Sessions,sessions,count,"))).toBe(true);

  const initiatives = await download(page, "Download initiatives (CSV)");
  expect(initiatives.name).toBe("report-test-initiatives.csv");
  const iniLines = initiatives.text.split("\r\n");
  expect(iniLines[0]).toMatch(/^Initiative,Stage,Touchpoint,Cost,Currency,Impact,Confidence,Ease,Score,Decision,Reason,Rationale$/);
  expect(iniLines.some((l) => l.includes(",Chosen,"))).toBe(true);

  const actions = await download(page, "Download actions (CSV)");
  const actionLines = actions.text.split("\r\n").filter((l) => l !== "");
  expect(actionLines[0]).toBe("Action,Owner,Stage,Start week,End week,Start date,End date,Status,Budget,Currency,Initiative");
  const actionCount = actionLines.length - 1;
  expect(actionCount).toBeGreaterThan(0);
  await expect(page.getByRole("region", { name: "90-day plan" }).locator("tbody tr")).toHaveCount(actionCount);

  const ics = await download(page, "Download 90-day plan (.ics)");
  expect(ics.name).toBe("report-test-90-day-plan.ics");
  expect(ics.text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
  expect(ics.text.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
  expect(ics.text.match(/^BEGIN:VEVENT\r$/gm)).toHaveLength(actionCount);
  expect(ics.text).toMatch(/DTSTART;VALUE=DATE:\d{8}\r\n/);
  expect(ics.text.split("\r\n").every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
});

test("print hides the navigation and the buttons", async ({ page }) => {
  await openReport(page);
  await expect(page.getByRole("navigation", { name: "Plan" })).toBeVisible();
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Plan" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Download KPIs (CSV)" })).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Report test report" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "90-day plan" })).toBeVisible();
});

test("the report has no serious accessibility problems", async ({ page }) => {
  await openReport(page);
  await expectNoSeriousViolations(page);
});
