import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createPostgresUrl } from "../apps/api/test/databases.js";
import {
  type AckedWrite,
  type CrashCheck,
  checkPostgres,
  checkSqlite,
  crashRound,
  dayCounter,
  type SeededClient,
  seedClient,
  signIn,
  spawnServer,
  sqliteFile,
  type Target,
} from "./durability.js";

// CRASH_ROUNDS / CRASH_PG_ROUNDS make a longer run (scripts/crash-test.mjs --rounds N).
const rounds = Number(process.env.CRASH_ROUNDS ?? 20);
const pgRounds = Number(process.env.CRASH_PG_ROUNDS ?? 3);
const killAfter = () => Math.floor(Math.random() * 400);
const folders: string[] = [];
const newDataDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lantern-crash-"));
  folders.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

function report(label: string, checks: CrashCheck[], lostOk = false) {
  const acked = checks.reduce((n, c) => n + c.acked, 0);
  const lost = checks.reduce((n, c) => n + c.lost.length, 0);
  process.stdout.write(`${label}: ${checks.length} rounds, ${acked} writes acknowledged, ${lost} lost\n`);
  if (!lostOk) expect(lost, "acknowledged writes lost").toBe(0);
  return { acked, lost };
}

/** Crash rounds one after another on one database; returns every check and what was acknowledged. */
async function lane(
  target: Target,
  count: number,
  check: (acked: AckedWrite[]) => Promise<CrashCheck> | CrashCheck,
): Promise<{ checks: CrashCheck[]; all: AckedWrite[]; client: SeededClient; cookie: string }> {
  const client = await seedClient(target);
  const nextDay = dayCounter();
  const all: AckedWrite[] = [];
  const checks: CrashCheck[] = [];
  let cookie: string | undefined;
  for (let round = 0; round < count; round++) {
    const result = await crashRound(target, client, cookie, nextDay, killAfter());
    cookie = result.cookie;
    expect(result.failures, `round ${round}: writes refused`).toEqual([]);
    all.push(...result.acked);
    // Everything acknowledged so far, not only this round: a crash must not undo earlier rounds.
    const found = await check(all);
    expect(found.integrity, `round ${round}: integrity check`).toBe("ok");
    expect(found.lost, `round ${round}: lost acknowledged writes`).toEqual([]);
    checks.push({ ...found, acked: result.acked.length });
  }
  return { checks, all, client, cookie: cookie ?? "" };
}

describe("crash safety: SIGKILL during concurrent writes", () => {
  it(`loses no acknowledged write in ${rounds} rounds on SQLite, and the database stays intact`, {
    timeout: 30_000 + rounds * 4_000,
  }, async () => {
    // Lanes run side by side, each on its own data folder, to keep the wall time down.
    const lanes = Math.max(1, Math.min(4, rounds, os.availableParallelism()));
    const results = await Promise.all(
      Array.from({ length: lanes }, async (_, i) => {
        const dataDir = newDataDir();
        const count = Math.floor(rounds / lanes) + (i < rounds % lanes ? 1 : 0);
        return {
          dataDir,
          ...(await lane({ kind: "sqlite", dataDir }, count, (all) => checkSqlite(dataDir, all))),
        };
      }),
    );
    const { acked } = report(
      "SQLite crash rounds",
      results.flatMap((r) => r.checks),
    );
    expect(acked).toBeGreaterThan(rounds * 3);

    // The server comes back after the last crash, and the session from before the crashes still works.
    const first = results[0] as (typeof results)[number];
    const server = await spawnServer({ kind: "sqlite", dataDir: first.dataDir });
    try {
      const days = first.all.flatMap((a) => (a.date ? [a.date] : [])).sort();
      const response = await fetch(
        `${server.url}/api/clients/${first.client.clientId}/check-ins?from=${days[0]}&to=${days.at(-1)}`,
        { headers: { cookie: first.cookie } },
      );
      expect(response.status).toBe(200);
      const ids = new Set(((await response.json()) as { id: string }[]).map((c) => c.id));
      expect(first.all.filter((a) => a.kind === "check-in" && !ids.has(a.id))).toEqual([]);
    } finally {
      await server.kill("SIGTERM");
    }
  });

  it("negative control: the same harness reports lost writes when the WAL never reached the disk", {
    timeout: 30_000,
  }, async () => {
    const dataDir = newDataDir();
    const target = { kind: "sqlite" as const, dataDir };
    const client = await seedClient(target);
    const result = await crashRound(target, client, undefined, dayCounter(), 300);
    expect(result.acked.length).toBeGreaterThan(0);
    // A disk that acknowledged the WAL's fsync without keeping it: the log is simply gone.
    fs.rmSync(`${sqliteFile(dataDir)}-wal`, { force: true });
    fs.rmSync(`${sqliteFile(dataDir)}-shm`, { force: true });
    const check = checkSqlite(dataDir, result.acked);
    const { lost } = report("Negative control (WAL deleted after the kill)", [check], true);
    expect(lost, "the harness must see the loss").toBeGreaterThan(0);
    expect(lost).toBe(result.acked.length);
  });

  it(`loses no acknowledged write in ${pgRounds} rounds on PostgreSQL (the API killed, not the database)`, {
    timeout: 30_000 + pgRounds * 5_000,
  }, async () => {
    const pg = await createPostgresUrl();
    try {
      const target = { kind: "postgres" as const, url: pg.url };
      const { checks, client } = await lane(target, pgRounds, (all) => checkPostgres(pg.url, all));
      report("PostgreSQL crash rounds", checks);
      // A fresh server after the last kill signs in and answers.
      const server = await spawnServer(target);
      try {
        expect((await signIn(server.url, client)).length).toBeGreaterThan(0);
      } finally {
        await server.kill("SIGTERM");
      }
    } finally {
      await pg.dispose();
    }
  });
});
