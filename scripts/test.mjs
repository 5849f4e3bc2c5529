// `npm test`: lint, typecheck, build, then the three vitest tiers (unit, db on SQLite and PostgreSQL,
// e2e in Chromium). Runs every step, prints what each did, and ends with one summary line.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildStale } from "./build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const extra = process.argv.slice(2);
const steps = [];

function run(name, command, args) {
  process.stdout.write(`\n── ${name} ──\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  steps.push({ name, ok: result.status === 0, seconds: (Date.now() - started) / 1000 });
  return result.status === 0;
}

if (extra.length === 0) {
  run("lint (biome)", bin("biome"), ["check", "."]);
  run("typecheck (tsc)", process.execPath, [path.join(root, "scripts", "typecheck.mjs")]);
}

process.stdout.write("\n── build ──\n");
const buildStarted = Date.now();
let built = true;
try {
  await buildStale({ force: true });
} catch (error) {
  built = false;
  process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
}
steps.push({ name: "build (esbuild, vite)", ok: built, seconds: (Date.now() - buildStarted) / 1000 });

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lantern-test-")), "vitest.json");
run("tests (vitest: unit, db on SQLite and PostgreSQL, e2e in Chromium)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${report}`,
  ...extra,
]);

const tiers = { unit: [0, 0, 0], db: [0, 0, 0], e2e: [0, 0, 0] };
let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, "utf8"));
  for (const file of json.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const tier = rel.startsWith("e2e") ? "e2e" : rel.endsWith(".db.test.ts") ? "db" : "unit";
    for (const t of file.assertionResults ?? []) {
      const slot = t.status === "passed" ? 0 : t.status === "failed" ? 1 : 2;
      tiers[tier][slot] += 1;
    }
    // A file that failed to load has no assertions but must still count as a failure.
    if ((file.assertionResults ?? []).length === 0 && file.status === "failed") tiers[tier][1] += 1;
  }
} else {
  failed += 1;
}
for (const [p, f, s] of Object.values(tiers)) {
  passed += p;
  failed += f;
  skipped += s;
}
const failedSteps = steps.filter((s) => !s.ok).length;

process.stdout.write("\n── summary ──\n");
for (const s of steps)
  process.stdout.write(`${s.ok ? "ok  " : "FAIL"}  ${s.name} (${s.seconds.toFixed(1)} s)\n`);
for (const [tier, [p, f, s]] of Object.entries(tiers)) {
  process.stdout.write(`      ${tier.padEnd(4)} ${p} passed, ${f} failed${s ? `, ${s} skipped` : ""}\n`);
}
// Failed lint, typecheck or build steps count as failures too, so a red step can never look green.
const stepFailures = steps.filter((s) => !s.ok && !s.name.startsWith("tests")).length;
const total = failed + stepFailures;
process.stdout.write(`summary: ${passed} passed, ${total} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
process.exit(failedSteps > 0 || total > 0 ? 1 : 0);
