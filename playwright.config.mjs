// End-to-end tests: the release build in e2e-site/ (built by scripts/build-site.sh),
// served by a static server on 127.0.0.1, driven in Debian's headless Chromium.
import { defineConfig } from "@playwright/test";

// E2E_SITE / E2E_PORT let a developer point the suite at another build (e.g. a debug one).
const PORT = Number(process.env.E2E_PORT || 4173);
const SITE = process.env.E2E_SITE || "e2e-site";
const origin = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    launchOptions: {
      executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
      ],
    },
    trace: "off",
  },
  webServer: {
    command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory ${SITE}`,
    url: `${origin}/`,
    reuseExistingServer: !process.env.CI,
    stdout: "ignore",
    stderr: "ignore",
  },
  projects: [
    { name: "root", use: { baseURL: `${origin}/` } },
    // GitHub Pages serves a project site under /<repository>/: the same suite's
    // foundation checks run there too.
    { name: "subpath", use: { baseURL: `${origin}/race-planner/` }, testMatch: /foundation\.spec\.mjs/ },
  ],
});
