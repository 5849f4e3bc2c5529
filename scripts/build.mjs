// Builds whatever is stale: the server bundle (esbuild) and the web app (vite).
// `--force` rebuilds both. Used by `npm start`, `npm run demo`, `npm test` and `npm run build`.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const at = (...p) => path.join(root, ...p);

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p))
        if (entry !== "node_modules" && entry !== "dist") visit(path.join(p, entry));
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs;
  };
  for (const p of paths) visit(p);
  return newest;
}

function isStale(output, inputs) {
  if (!fs.existsSync(output)) return true;
  return newestMtime(inputs) > fs.statSync(output).mtimeMs;
}

const shared = [at("packages/domain/src"), at("package-lock.json"), at("tsconfig.base.json")];

/** Bundles the API and CLI; dependencies stay in node_modules, the domain package is bundled in. */
export async function buildServer() {
  const { build } = await import("esbuild");
  const pkg = JSON.parse(fs.readFileSync(at("apps/api/package.json"), "utf8"));
  const external = Object.keys(pkg.dependencies).filter((d) => d !== "@lantern/domain");
  await build({
    entryPoints: { main: at("apps/api/src/main.ts"), cli: at("apps/api/src/cli/index.ts") },
    outdir: at("apps/api/dist"),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    external: [...external, ...external.map((d) => `${d}/*`)],
    logLevel: "warning",
  });
}

/** Builds the web app into apps/web/dist. */
export async function buildWeb() {
  const { build } = await import("vite");
  await build({ root: at("apps/web"), configFile: at("apps/web/vite.config.ts"), logLevel: "warn" });
}

/** Builds the stale parts (or all with force) and says what it did. */
export async function buildStale({ force = false, quiet = false, only = "all" } = {}) {
  const say = (text) => quiet || process.stdout.write(`${text}\n`);
  const serverOut = at("apps/api/dist/main.js");
  if (force || isStale(serverOut, [at("apps/api/src"), at("apps/api/package.json"), ...shared])) {
    say("Building the server…");
    await buildServer();
  }
  if (only === "server") return;
  const webOut = at("apps/web/dist/index.html");
  const webInputs = [
    at("apps/web/src"),
    at("apps/web/public"),
    at("apps/web/index.html"),
    at("apps/web/vite.config.ts"),
    ...shared,
  ];
  if (force || isStale(webOut, webInputs)) {
    say("Building the web app…");
    await buildWeb();
  }
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntry) {
  buildStale({ force: process.argv.includes("--force") }).catch((error) => {
    process.stderr.write(`build failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
