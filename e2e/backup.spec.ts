import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Kysely, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { canonicalValue } from "../apps/api/src/backup/canonical.js";
import { openDatabase } from "../apps/api/src/db/dialect.js";
import { createPostgresUrl } from "../apps/api/test/databases.js";
import { dayCounter, seedClient, signIn, spawnServer, startWriters, type Target } from "./durability.js";

const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../apps/api/dist/cli.js");
const run = promisify(execFile);
const folders: string[] = [];
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});
const newDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-backup-e2e-"));
  folders.push(dir);
  return dir;
};

async function newTarget(kind: "sqlite" | "postgres"): Promise<Target> {
  if (kind === "sqlite") return { kind, dataDir: newDir() };
  const pg = await createPostgresUrl();
  cleanups.push(() => pg.dispose());
  return { kind, url: pg.url };
}

/** Runs the built CLI on a target; resolves to its exit code and output. */
async function lantern(target: Target, ...args: string[]) {
  const env = {
    PATH: process.env.PATH,
    ...(target.kind === "sqlite" ? { DATA_DIR: target.dataDir } : { DATABASE_URL: target.url }),
  };
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Rows of a table by id, canonical, from a target. */
async function rowsById(target: Target, table: string): Promise<Map<string, string>> {
  const db = await openDatabase(
    target.kind === "sqlite" ? { kind: "sqlite", file: path.join(target.dataDir, "lantern.sqlite") } : target,
  );
  try {
    const kysely = db.kysely as unknown as Kysely<any>;
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.id(table)}`.execute(kysely);
    return new Map(
      rows.map((r) => [
        String(r.id),
        JSON.stringify(
          Object.keys(r)
            .sort()
            .map((k) => canonicalValue(r[k], k)),
        ),
      ]),
    );
  } finally {
    await db.close();
  }
}

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`backup under write load [${dialect}]`, () => {
    it("restores to the rows the server had acknowledged, identical, and verifies", {
      timeout: 90_000,
    }, async () => {
      const source = await newTarget(dialect);
      const client = await seedClient(source);
      const server = await spawnServer(source);
      const file = path.join(newDir(), "lantern.backup.gz");
      let writers: ReturnType<typeof startWriters> | undefined;
      try {
        const cookie = await signIn(server.url, client);
        writers = startWriters(server.url, cookie, client.clientId, dayCounter(), 6);
        while (writers.acked.length < 20) await new Promise((r) => setTimeout(r, 10));
        const ackedBefore = writers.acked.map((a) => a.id);
        const started = Date.now();
        const backup = await lantern(source, "backup", file);
        const millis = Date.now() - started;
        expect(backup.stderr).toBe("");
        expect(backup.code).toBe(0);
        expect(backup.stdout).toMatch(/written to .*: \d+ tables, \d+ rows/);
        await new Promise((r) => setTimeout(r, 200));
        await writers.stop();
        expect(writers.failures).toEqual([]);
        const during = writers.acked.length - ackedBefore.length;
        process.stdout.write(
          `[${dialect}] backup under load: ${fs.statSync(file).size} bytes in ${millis} ms (CLI start included); ${ackedBefore.length} writes acknowledged before it, ${during} during and after it\n`,
        );
      } finally {
        await writers?.stop();
        await server.kill("SIGTERM");
      }

      const restored = await newTarget(dialect);
      const restore = await lantern(restored, "restore", file);
      expect(restore.stderr).toBe("");
      expect(restore.code).toBe(0);
      expect(restore.stdout).toMatch(/Restored .* audit log intact/);
      const verify = await lantern(restored, "verify", file);
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/matches .* rows identical; audit log intact/);

      // Every write acknowledged before the backup began is in it; nothing in it was invented; each
      // restored row is identical to the same row in the source.
      const acked = new Set(writers.acked.map((a) => a.id));
      const ackedBefore = writers.acked.slice(0, 20).map((a) => a.id);
      for (const table of ["check_ins", "urges"]) {
        const [inSource, inRestore] = await Promise.all([rowsById(source, table), rowsById(restored, table)]);
        expect([...inRestore.keys()].filter((id) => !acked.has(id))).toEqual([]);
        for (const [id, row] of inRestore) expect(row, `${table} ${id}`).toBe(inSource.get(id));
      }
      const restoredIds = new Set([
        ...(await rowsById(restored, "check_ins")).keys(),
        ...(await rowsById(restored, "urges")).keys(),
      ]);
      expect(ackedBefore.filter((id) => !restoredIds.has(id))).toEqual([]);

      // A second restore over the now non-empty database is refused in one line, and changes nothing.
      const again = await lantern(restored, "restore", file);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(
        /^lantern: the target database .* is not empty \(.*--force to replace everything in it\n$/,
      );
      expect((await lantern(restored, "verify", file)).code).toBe(0);

      if (dialect === "sqlite") {
        // The same file moves the installation to PostgreSQL.
        const moved = await newTarget("postgres");
        expect((await lantern(moved, "restore", file)).code).toBe(0);
        const check = await lantern(moved, "verify", file);
        expect(check.stdout).toMatch(/rows identical/);
        expect(check.code).toBe(0);
      }
    });
  });
}
