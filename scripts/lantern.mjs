// `npm run lantern -- <command>`: builds the server if stale, then runs the CLI.
import { buildStale } from "./build.mjs";

await buildStale({ quiet: true, only: "server" });
const { runCli } = await import("../apps/api/dist/cli.js");
process.exitCode = await runCli(process.argv.slice(2));
