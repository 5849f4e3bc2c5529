import { createPostgresUrl } from "../apps/api/test/databases.js";
import { type RunningServer, startServer } from "./harness.js";
import type { Person } from "./staff.js";

/**
 * Starts the built server on a fresh database of one dialect and completes first-run setup for a
 * programme and its admin, as the setup page would. `close` stops the server and drops the database.
 */
export async function startProgramme(
  dialect: "sqlite" | "postgres",
  programme: string,
  admin: Person,
  env: Record<string, string> = {},
): Promise<{ server: RunningServer; close(): Promise<void> }> {
  let dropDatabase = async () => {};
  const serverEnv = { ...env };
  if (dialect === "postgres") {
    const pg = await createPostgresUrl();
    serverEnv.DATABASE_URL = pg.url;
    dropDatabase = pg.dispose;
  }
  const server = await startServer(serverEnv);
  const setup = await fetch(`${server.url}/api/setup`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      organisation: { name: programme, timeZone: "Europe/London", kind: "both" },
      admin: { name: admin.name, email: admin.email, password: admin.password },
    }),
  });
  if (setup.status !== 201) {
    await server.stop();
    await dropDatabase();
    throw new Error(`first-run setup answered ${setup.status}`);
  }
  return {
    server,
    async close() {
      await server.stop();
      await dropDatabase();
    },
  };
}
