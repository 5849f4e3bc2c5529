// Typechecks each workspace with its own tsconfig (the api and web have different libs).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsc = path.join(root, "node_modules", ".bin", "tsc");
let ok = true;
for (const project of ["packages/domain", "apps/api", "apps/web", "e2e"]) {
  const result = spawnSync(tsc, ["-p", project], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) ok = false;
}
process.exit(ok ? 0 : 1);
