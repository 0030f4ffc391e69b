import { chromium } from "@playwright/test";
import { serve } from "./serve.mjs";
const { server, origin } = await serve(process.argv[2]);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new","--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(origin + "/");
await page.locator("input[type=file]").first().setInputFiles("/tmp/large-plan.json");
await page.getByRole("link", { name: /large/i }).first().click();
await page.getByRole("navigation", { name: "Plan" }).waitFor();
const cdp = await page.context().newCDPSession(page);
await cdp.send("Performance.enable");
const screen = process.argv[3] || "Measure";
for (let i = 0; i < 3; i++) {
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Overview", exact: true }).click();
  await page.waitForTimeout(500);
  const m0 = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map(x => [x.name, x.value]));
  const t0 = Date.now();
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: screen, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: screen, exact: true }).waitFor();
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
  const t1 = Date.now();
  const m1 = Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map(x => [x.name, x.value]));
  const d = k => ((m1[k] - m0[k]) * 1000).toFixed(0);
  console.log(`${screen}: wall ${t1 - t0} ms script ${d("ScriptDuration")} layout ${d("LayoutDuration")} style ${d("RecalcStyleDuration")} task ${d("TaskDuration")}`);
}
if (process.argv[4] === "trace") {
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: "Overview", exact: true }).click();
  await page.waitForTimeout(500);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 100 });
  await cdp.send("Profiler.start");
  await page.getByRole("navigation", { name: "Plan" }).getByRole("link", { name: screen, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: screen, exact: true }).waitFor();
  await page.waitForTimeout(300);
  const { profile } = await cdp.send("Profiler.stop");
  const self = new Map();
  const dt = profile.timeDeltas; const counts = new Map();
  profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) || 0) + (dt[i] || 0)));
  for (const n of profile.nodes) { const k = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}`; self.set(k, (self.get(k) || 0) + (counts.get(n.id) || 0)); }
  [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), k));
}
await browser.close(); server.close();
