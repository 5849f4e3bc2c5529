// `npm run bench`: builds the server if stale, bundles the benchmark next to it, then runs it.
// The benchmark lives in apps/api/src/bench/ (TypeScript, type-checked with the API).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildStale } from "./build.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
await buildStale({ only: "server" });

const { build } = await import("esbuild");
const pkg = JSON.parse(fs.readFileSync(path.join(root, "apps/api/package.json"), "utf8"));
const external = [...Object.keys(pkg.dependencies).filter((d) => d !== "@lantern/domain"), "autocannon"];
await build({
  entryPoints: { bench: path.join(root, "apps/api/src/bench/main.ts") },
  outdir: path.join(root, "apps/api/dist"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  external: [...external, ...external.map((d) => `${d}/*`)],
  logLevel: "warning",
});
const { runBench } = await import("../apps/api/dist/bench.js");
process.exitCode = await runBench(process.argv.slice(2));
