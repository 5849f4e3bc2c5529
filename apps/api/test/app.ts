import type { FastifyInstance } from "fastify";
import { type AppDeps, buildApp } from "../src/app.js";
import { createAuth } from "../src/auth/auth.js";
import { type Config, loadConfig } from "../src/config.js";
import type { Db } from "../src/db/dialect.js";
import { loadAuthSecret } from "../src/features/instance/instance.service.js";

/** Boots the API in-process on a test database (no listening socket; use app.inject). */
export async function bootApp(
  db: Db,
  env: Record<string, string> = {},
  deps: Pick<AppDeps, "actorLoader" | "sendInvitation"> = {},
): Promise<{ app: FastifyInstance; config: Config }> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...env });
  const auth = createAuth(config, db, await loadAuthSecret(db, config.secret));
  // Tests read the choke point's decision from a header; production never sends it.
  const app = await buildApp({ config, db, auth, exposeAccessDecision: true, ...deps });
  await app.ready();
  return { app, config };
}

/** A valid first-run setup body; override parts per test. */
export function setupBody(overrides: { email?: string; password?: string; name?: string } = {}) {
  return {
    organisation: { name: "Harbour House (test)", timeZone: "Europe/London", kind: "residential" },
    admin: {
      name: overrides.name ?? "Robin Admin",
      email: overrides.email ?? "robin.admin@example.org",
      password: overrides.password ?? "a quiet lantern by the harbour",
    },
  };
}

/** The session cookie from a response's Set-Cookie header, ready for a Cookie header. */
export function sessionCookie(setCookie: string | string[] | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = all.find((c) => c.startsWith("lantern.session_token="));
  if (!found) throw new Error("no session cookie was set");
  return found.split(";")[0] ?? "";
}
