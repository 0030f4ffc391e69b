// The bytes a release build makes a visitor download, raw and gzip, split into the
// first load and what is loaded only on demand; and the first-load budget check.
//
//   node scripts/size.mjs [DIR] [--budget FILE]   (scripts/size.sh runs it on dist/)
//
// First load = index.html, every file it names (the JS glue, the main wasm, CSS, the
// icon, the manifest), the modules those scripts import statically, and the service
// worker. Every other file of the build (the whole app, the import and simulation workers, the icons
// the service worker keeps for offline use) is listed as loaded on demand. gzip is
// level 9, as a static host would serve.
// With --budget, exits 1 when the first load's gzip total is over the budget.
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, resolve, posix } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

/** Every file under `dir` (relative paths, `/`-separated), dotfiles left out. */
function listFiles(dir, sub = "") {
  const out = [];
  for (const name of readdirSync(join(dir, sub))) {
    if (name.startsWith(".")) continue;
    const rel = sub ? `${sub}/${name}` : name;
    if (statSync(join(dir, rel)).isDirectory()) out.push(...listFiles(dir, rel));
    else out.push(rel);
  }
  return out.sort();
}

/** The file of the build that a URL found in `fromFile` points at, if any. */
function resolveRef(dir, fromFile, ref) {
  const clean = ref.split(/[?#]/)[0];
  if (!clean || /^[a-z]+:/i.test(clean) || clean.startsWith("//")) return null;
  let path = clean.startsWith("/")
    ? clean.slice(1)
    : posix.normalize(posix.join(posix.dirname(fromFile), clean));
  // Builds made for a sub-path (/race-planner/) name their files under that prefix.
  for (;;) {
    if (path && !path.startsWith("..") && existsSync(join(dir, path)) && statSync(join(dir, path)).isFile()) return path;
    const slash = path.indexOf("/");
    if (slash < 0) return null;
    path = path.slice(slash + 1);
  }
}

/** The files a first visit downloads: index.html, what it names, static imports, and
 *  the service worker (sw.js), which every first visit registers once the page has loaded. */
function firstLoadFiles(dir) {
  const seen = new Set(["index.html"]);
  if (existsSync(join(dir, "sw.js"))) seen.add("sw.js");
  const queue = ["index.html"];
  while (queue.length) {
    const file = queue.shift();
    const text = readFileSync(join(dir, file), "utf8");
    const refs = [];
    if (file.endsWith(".html")) {
      // Attributes (href, src) and the quoted URLs of inline loader scripts; a minified
      // page leaves attribute values without quotes (href=/a.css).
      for (const m of text.matchAll(/["']([^"'\s<>]+\.[a-z0-9]+(?:[?#][^"'\s<>]*)?)["']/gi)) refs.push(m[1]);
      for (const m of text.matchAll(/\b(?:href|src)=([^\s"'<>`=]+)/gi)) refs.push(m[1]);
    } else if (file.endsWith(".js") || file.endsWith(".mjs")) {
      // Static imports only: `import x from "./a.js"`, `import "./a.js"`, `export … from`.
      for (const m of text.matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+)["']/g)) refs.push(m[1]);
    }
    for (const ref of refs) {
      const target = resolveRef(dir, file, ref);
      if (target && !seen.has(target)) {
        seen.add(target);
        if (/\.(html|m?js)$/.test(target)) queue.push(target);
      }
    }
  }
  return seen;
}

/** Sizes of a build: `{ files: [{ file, raw, gzip, firstLoad }], firstLoad: {raw, gzip, count}, onDemand: {…} }`. */
export function measureBuild(dir) {
  if (!existsSync(join(dir, "index.html"))) throw new Error(`no index.html in ${dir}`);
  const first = firstLoadFiles(dir);
  const files = listFiles(dir).map((file) => {
    const bytes = readFileSync(join(dir, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, firstLoad: first.has(file) };
  });
  const total = (list) => ({
    count: list.length,
    raw: list.reduce((s, f) => s + f.raw, 0),
    gzip: list.reduce((s, f) => s + f.gzip, 0),
  });
  // index.html first, then by kind, as a reader expects the table.
  const order = (f) => [/\.html$/, /\.m?js$/, /\.wasm$/, /\.css$/].findIndex((r) => r.test(f.file));
  const rank = (f) => (f.file === "index.html" ? -1 : order(f) < 0 ? 9 : order(f));
  files.sort((a, b) => rank(a) - rank(b) || a.file.localeCompare(b.file));
  return {
    files,
    firstLoad: total(files.filter((f) => f.firstLoad)),
    onDemand: total(files.filter((f) => !f.firstLoad)),
  };
}

/** The budget in bytes: the first line of the file that is not empty or a `#` comment. */
export function readBudget(path) {
  const line = readFileSync(path, "utf8")
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith("#"));
  const bytes = Number((line || "").replace(/[_,\s]/g, ""));
  if (!Number.isInteger(bytes) || bytes <= 0) throw new Error(`${path}: no budget in bytes found (a line like 657000)`);
  return bytes;
}

const n = (x) => x.toLocaleString("en-US");

/** The per-file table as text lines. */
export function formatTable(sizes) {
  const width = Math.max(36, ...sizes.files.map((f) => f.file.length + 2));
  const row = (a, b, c) => `${a.padEnd(width)}${String(b).padStart(12)}${String(c).padStart(12)}`;
  const lines = [row("first load (index.html and what it loads)", "raw", "gzip")];
  for (const f of sizes.files.filter((f) => f.firstLoad)) lines.push(row(`  ${f.file}`, n(f.raw), n(f.gzip)));
  lines.push(row("first load total", n(sizes.firstLoad.raw), n(sizes.firstLoad.gzip)));
  lines.push("", row("loaded on demand (not on first load)", "raw", "gzip"));
  const rest = sizes.files.filter((f) => !f.firstLoad);
  if (rest.length === 0) lines.push("  (none)");
  for (const f of rest) lines.push(row(`  ${f.file}`, n(f.raw), n(f.gzip)));
  if (rest.length) lines.push(row("on demand total", n(sizes.onDemand.raw), n(sizes.onDemand.gzip)));
  return lines;
}

/** The goal every budget moves toward: 250 KB gzip for the first load. */
export const GOAL_BYTES = 256_000;

function main(argv) {
  const args = [...argv];
  let budgetFile = null;
  const at = args.indexOf("--budget");
  if (at >= 0) {
    budgetFile = args[at + 1];
    args.splice(at, 2);
  }
  const dir = args[0] || "dist";
  const sizes = measureBuild(dir);
  // The app's page loads its wasm, its JS glue and its CSS: a first load without one of
  // them means the references in index.html were not found, and the check would pass
  // on a figure too small.
  for (const ext of ["wasm", "js", "css"]) {
    if (!sizes.files.some((f) => f.firstLoad && f.file.endsWith(`.${ext}`)))
      throw new Error(`no .${ext} file found in the first load of ${dir}: index.html's references were not read`);
  }
  console.log(formatTable(sizes).join("\n"));
  console.log("");
  const used = sizes.firstLoad.gzip;
  if (!budgetFile) {
    console.log(`goal: ${n(GOAL_BYTES)} B (250 KB) gzip first load; used ${Math.round((used * 100) / GOAL_BYTES)} %`);
    return 0;
  }
  const budget = readBudget(budgetFile);
  const pct = ((used * 100) / budget).toFixed(1);
  console.log(`first load: ${n(used)} B gzip; budget: ${n(budget)} B (${budgetFile}); goal: ${n(GOAL_BYTES)} B (250 KB)`);
  if (used > budget) {
    console.log(
      `SIZE BUDGET EXCEEDED: the first load is ${n(used)} B gzip, ${n(used - budget)} B over the budget of ${n(budget)} B in ${budgetFile}.\n` +
        `The budget is a ratchet toward ${n(GOAL_BYTES)} B and only goes down: make the download smaller ` +
        `(or load the new code on demand) rather than raising it. See docs/performance.md.`,
    );
    return 1;
  }
  console.log(`within budget: ${pct} % of it used, ${n(budget - used)} B to spare.`);
  // Measured + 2 %, rounded up to a thousand bytes: the budget a shrunk first load allows.
  const tighter = Math.ceil((used * 1.02) / 1000) * 1000;
  if (tighter < budget) console.log(`the first load shrank: lower the budget in ${budgetFile} to ${tighter} (measured + 2 %) to keep the gain.`);
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(`size: ${e.message}`);
    process.exitCode = 2;
  }
}
