import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp, sendQuietly } from "./app.js";
import { createAuth } from "./auth/auth.js";
import { ConfigError, loadConfig } from "./config.js";
import { DatabaseOpenError, openDatabase } from "./db/dialect.js";
import { migrateToLatest } from "./db/migrate.js";
import { startAssessmentSweep } from "./features/assessments/schedules.service.js";
import { isSetupComplete, loadAuthSecret } from "./features/instance/instance.service.js";
import { createMailer } from "./mail/mailer.js";

/** How often the server turns due scheduled questionnaires into assessments (and reminds clients). */
const assessmentSweepMs = 60_000;

/** Starts Lantern: config, database, migrations, then the API and web app on one port. */
export async function main(): Promise<void> {
  const config = loadConfig();
  const here = path.dirname(fileURLToPath(import.meta.url));
  const webDist = path.resolve(here, "../../web/dist");
  config.webDist = fs.existsSync(path.join(webDist, "index.html")) ? webDist : null;

  const db = await openDatabase(config.database);
  await migrateToLatest(db);
  const auth = createAuth(config, db, await loadAuthSecret(db, config.secret));
  const mailer = createMailer(config.smtp);
  const app = await buildApp({ config, db, auth, mailer });
  // Safe with several processes: the unique index keeps each occurrence (and its reminder) single.
  const sweep = startAssessmentSweep(
    db,
    { publicUrl: config.publicUrl, sendMail: (message) => sendQuietly(mailer, message, app) },
    {
      intervalMs: assessmentSweepMs,
      onError: (error) =>
        app.log.warn(
          { err: { type: error instanceof Error ? error.name : "unknown" } },
          "the questionnaire sweep failed; it runs again shortly",
        ),
    },
  );

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, "shutting down");
    await sweep.stop();
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));

  await app.listen({ port: config.port, host: config.host });
  const where =
    config.database.kind === "sqlite" ? `SQLite at ${db.location}` : `PostgreSQL at ${db.location}`;
  const next = (await isSetupComplete(db)) ? "sign in" : "finish setup";
  process.stdout.write(`Lantern is serving ${config.publicUrl} (${where}). Open it to ${next}.\n`);
  if (!config.webDist) process.stdout.write("The web app is not built; only the API is served.\n");
}

/** Prints a start-up failure as one line and exits non-zero. */
export function failStartup(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DatabaseOpenError) {
    process.stderr.write(`lantern: ${error.message}\n`);
  } else if (error instanceof Error && "code" in error && error.code === "EADDRINUSE") {
    process.stderr.write(`lantern: port already in use (${error.message}); set PORT to another port.\n`);
  } else {
    process.stderr.write(
      `lantern: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  }
  process.exit(1);
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isEntry) main().catch(failStartup);
