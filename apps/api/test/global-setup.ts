import type { TestProject } from "vitest/node";
import { findPostgresBin, type PostgresServer, startPostgres } from "./postgres-server.js";

let server: PostgresServer | undefined;

/**
 * Starts one real PostgreSQL server for the database tier. Outside CI, a machine without the
 * binaries falls back to PGlite so `npm test` still covers the PostgreSQL dialect; under CI the
 * real server is required.
 */
export async function setup(project: TestProject): Promise<void> {
  const bin = findPostgresBin();
  if (!bin) {
    if (process.env.CI)
      throw new Error("CI needs PostgreSQL's initdb and pg_ctl (apt-get install postgresql)");
    process.stdout.write("PostgreSQL binaries not found: the PostgreSQL dialect runs on PGlite instead.\n");
    project.provide("postgresUrl", "pglite");
    return;
  }
  server = await startPostgres(bin);
  process.stdout.write(`PostgreSQL dialect: ${server.version} on ${server.url}\n`);
  project.provide("postgresUrl", server.url);
}

export function teardown(): void {
  server?.stop();
}
