// The Opportunity screen: SMART objective builder, capability radar, SWOT lists,
// baseline rates, and no serious accessibility violations.
import { test, expect, openApp, createPlan, expectNoSeriousViolations } from "./fixtures.mjs";

async function openOpportunity(page, template = "blank") {
  await openApp(page);
  await createPlan(page, "Opportunity test", template);
  await page.getByRole("link", { name: "Opportunity", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Opportunity" })).toBeVisible();
}

test("an objective shows which SMART parts it lacks until they are filled", async ({ page }) => {
  await openOpportunity(page);
  await page.getByRole("button", { name: "Add an objective" }).click();
  const card = page.locator("article.objective").first();
  const badges = card.getByRole("list", { name: "SMART check of objective 1" });
  await expect(card.locator(".smart-summary")).toHaveText("0 of 5 SMART parts met");
  await expect(badges.locator(".smart-gap")).toHaveCount(5);
  await expect(badges).toContainText("Measurable");
  await expect(badges).toContainText("Pick a KPI from the catalogue and a target number.");

  await card.getByLabel("Description").fill("Grow organic sessions from retailers");
  await expect(badges.locator(".smart-met")).toContainText("Specific");
  await card.getByLabel("KPI").selectOption("sessions");
  await card.getByLabel("Target").fill("12000");
  await expect(badges.locator(".smart-met")).toContainText(["Specific", "Measurable"]);

  // A bad target shows a message at the field and does not count as measurable.
  await card.getByLabel("Target").fill("lots");
  await expect(card.locator(".field-error")).toContainText("Enter a number");
  await expect(card.getByLabel("Target")).toHaveAttribute("aria-invalid", "true");
  await card.getByLabel("Target").fill("12000");

  await card.getByLabel("Deadline").fill("2027-06-30");
  await card.getByLabel("Why it is achievable").fill("SEO work last year added 20 % more sessions.");
  await card.getByLabel("Why it is relevant").fill("Sessions feed the lead target.");
  await expect(card.locator(".smart-summary")).toHaveText("✓ SMART: all five parts met");
  await expect(badges.locator(".smart-met")).toHaveCount(5);
  await expect(badges.locator(".smart-gap")).toHaveCount(0);
});

test("capability scores change the radar's values", async ({ page }) => {
  await openOpportunity(page);
  const radar = page.locator("svg.radar-chart");
  const reachValue = radar.locator("text.stage-reach .radar-value");
  await expect(reachValue).toHaveText("—");
  await page.getByLabel("Search marketing").selectOption("2");
  await expect(reachValue).toHaveText("2");
  await page.getByLabel("Paid media").selectOption("5");
  await expect(reachValue).toHaveText("3.5");
  await expect(radar).toHaveAttribute("aria-label", /Reach 3\.5/);
  await page.getByLabel("Email marketing").selectOption("4");
  await expect(radar.locator("text.stage-engage .radar-value")).toHaveText("4");
  await page.getByLabel("Search marketing").selectOption("");
  await expect(reachValue).toHaveText("5");
});

test("SWOT items are added and removed", async ({ page }) => {
  await openOpportunity(page);
  const strengths = page.locator(".swot-list").filter({ has: page.getByRole("heading", { name: "Strengths" }) });
  await strengths.getByRole("button", { name: "Add strength" }).click();
  await expect(strengths.locator(".field-error")).toHaveText("Enter a strength to add");
  await strengths.getByLabel("New strength").fill("Loyal niche audience");
  await strengths.getByRole("button", { name: "Add strength" }).click();
  await strengths.getByLabel("New strength").fill("Fast delivery");
  await strengths.getByLabel("New strength").press("Enter");
  await expect(strengths.getByRole("listitem")).toHaveText(["Loyal niche audience✕", "Fast delivery✕"]);
  await strengths.getByRole("button", { name: "Remove strength “Loyal niche audience”" }).click();
  await expect(strengths.getByRole("listitem")).toHaveText(["Fast delivery✕"]);
  const threats = page.locator(".swot-list").filter({ has: page.getByRole("heading", { name: "Threats" }) });
  await threats.getByLabel("New threat").fill("New entrant with VC money");
  await threats.getByRole("button", { name: "Add threat" }).click();
  await expect(threats.getByRole("listitem")).toHaveCount(1);

  // A blank plan's empty states and an error at a field pass axe too.
  await strengths.getByRole("button", { name: "Add strength" }).click();
  await expectNoSeriousViolations(page);
});

test("baseline rates follow the numbers typed, with — when unknown", async ({ page }) => {
  await openOpportunity(page);
  const leadRate = page.locator(".derived").filter({ hasText: "Lead rate" }).locator(".derived-value");
  await expect(leadRate).toHaveText("—");
  await page.getByLabel("Sessions per month").fill("10000");
  await page.getByLabel("Leads per month").fill("250");
  await expect(leadRate).toHaveText("2.5%");
  await page.getByLabel("Sessions per month").fill("-5");
  await expect(page.getByLabel("Sessions per month")).toHaveAttribute("aria-invalid", "true");
  await expect(leadRate).toHaveText("2.5%");
  await page.getByLabel("Sessions per month").fill("");
  await expect(leadRate).toHaveText("—");
});

test("the Opportunity screen has no serious accessibility violations (template plan)", async ({ page }) => {
  await openOpportunity(page, "b2b_lead_generation");
  // The template's three SMART objectives and a goal for each other KPI it tracks.
  await expect(page.locator("tr.goal-row")).toHaveCount(10);
  await page.getByRole("button", { name: "Add a competitor" }).click();
  await page.locator("tr.goal-row").first().getByRole("button", { name: /^Edit / }).click();
  await expect(page.locator("article.objective")).toHaveCount(1);
  await expectNoSeriousViolations(page);
});

test("goals are compact rows: one opens its form, a change shows in its row, delete returns focus to Add", async ({ page }) => {
  await openOpportunity(page, "ecommerce_b2c");
  const rows = page.locator("tr.goal-row");
  const count = await rows.count();
  expect(count).toBeGreaterThan(3);
  await expect(page.locator("article.objective")).toHaveCount(0);
  const revenue = rows.filter({ hasText: "Revenue" });
  await revenue.getByRole("button", { name: /^Edit Revenue/ }).click();
  const form = page.locator("article.objective");
  await expect(form).toHaveCount(1);
  await form.getByRole("textbox", { name: "Target", exact: true }).fill("250000");
  await form.getByLabel("Deadline").fill("2027-09-30");
  await page.keyboard.press("Escape");
  await expect(form).toHaveCount(0);
  await expect(revenue.getByRole("button", { name: /^Edit Revenue/ })).toBeFocused();
  await expect(revenue).toContainText("$250,000");
  await expect(revenue).toContainText("2027-09-30");
  await page.reload();
  await expect(page.locator("tr.goal-row").filter({ hasText: "Revenue" })).toContainText("$250,000");
  // Deleting a goal from its form removes its row and puts focus on "Add an objective".
  await page.locator("tr.goal-row").last().getByRole("button", { name: /^Edit / }).click();
  await page.locator("article.objective").getByRole("button", { name: /^Delete objective/ }).click();
  await expect(page.locator("tr.goal-row")).toHaveCount(count - 1);
  await expect(page.getByRole("button", { name: "Add an objective" })).toBeFocused();
});
