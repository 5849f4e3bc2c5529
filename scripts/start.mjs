// `npm start` and `npm run demo`: build what is stale, migrate, serve API and web app in one process.
import { buildStale } from "./build.mjs";

const demo = process.argv.includes("--demo");
if (demo && !process.env.DATA_DIR && !process.env.DATABASE_URL) {
  // Fictional people stay out of the real ./data.
  process.env.DATA_DIR = "demo-data";
}

try {
  await buildStale();
} catch (error) {
  process.stderr.write(
    `lantern: the build failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}

if (demo) {
  const { runCli } = await import("../apps/api/dist/cli.js");
  const code = await runCli(["demo"]);
  if (code !== 0) process.exit(code);
}
const { main, failStartup } = await import("../apps/api/dist/main.js");
await main().catch(failStartup);
