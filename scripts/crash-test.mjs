// The long crash-safety run: `node scripts/crash-test.mjs --rounds 200 [--pg-rounds 50]`.
// Builds the server if stale, then runs e2e/crash.spec.ts with more rounds than CI's 20 (SQLite)
// and 3 (PostgreSQL). Each round SIGKILLs the server mid-write and checks every acknowledged write.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildStale } from "./build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "200" },
    "pg-rounds": { type: "string", default: "20" },
    help: { type: "boolean" },
  },
});
if (values.help) {
  process.stdout.write("Usage: node scripts/crash-test.mjs [--rounds N] [--pg-rounds M]\n");
  process.exit(0);
}
const count = (name) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`crash-test: --${name} must be a whole number of at least 1\n`);
    process.exit(1);
  }
  return n;
};
const rounds = count("rounds");
const pgRounds = count("pg-rounds");

await buildStale({ quiet: true });
const child = spawn(
  process.execPath,
  [path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--project", "e2e", "e2e/crash.spec.ts"],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, CRASH_ROUNDS: String(rounds), CRASH_PG_ROUNDS: String(pgRounds) },
  },
);
child.on("exit", (code) => process.exit(code ?? 1));
