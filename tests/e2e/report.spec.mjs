// The report: a printable document of the whole plan, CSV downloads of KPIs,
// initiatives and actions, and the 90-day plan as an .ics calendar.
import { readFile } from "node:fs/promises";
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
  expect(await page.locator(".page-break").count()).toBeGreaterThanOrEqual(4);
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
