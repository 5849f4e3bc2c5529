import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresUrl } from "../apps/api/test/databases.js";
import {
  dayCounter,
  putCheckIn,
  type SeededClient,
  type ServerProcess,
  seedClient,
  signIn,
  spawnServer,
} from "./durability.js";

describe("scale-out: two API processes on one PostgreSQL", () => {
  let database: { url: string; dispose(): Promise<void> };
  let client: SeededClient;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    database = await createPostgresUrl();
    client = await seedClient({ kind: "postgres", url: database.url });
    [a, b] = await Promise.all([
      spawnServer({ kind: "postgres", url: database.url }),
      spawnServer({ kind: "postgres", url: database.url }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([a?.kill("SIGTERM"), b?.kill("SIGTERM")]);
    await database?.dispose();
  });

  const session = (server: ServerProcess, cookie: string) =>
    fetch(`${server.url}/api/auth/session`, { headers: { cookie } });

  it("accepts on one process a session made on the other, and ends it on both", async () => {
    const cookie = await signIn(a.url, client);
    const onB = await session(b, cookie);
    expect(onB.status).toBe(200);
    expect(((await onB.json()) as { user: { email: string } }).user.email).toBe(client.email);

    const out = await fetch(`${b.url}/api/auth/sign-out`, { method: "POST", headers: { cookie } });
    expect(out.status).toBe(204);
    expect((await session(a, cookie)).status).toBe(401);
    expect((await session(b, cookie)).status).toBe(401);
  });

  it("stores concurrent check-ins sent to both processes exactly once, the same id sent to both included", async () => {
    const cookie = await signIn(b.url, client);
    const nextDay = dayCounter();
    const distinct = Array.from({ length: 40 }, (_, i) => ({
      id: randomUUID(),
      date: nextDay(),
      to: i % 2 ? a : b,
    }));
    const twins = Array.from({ length: 12 }, () => ({ id: randomUUID(), date: nextDay() }));
    const [singles, pairs] = await Promise.all([
      Promise.all(distinct.map((w) => putCheckIn(w.to.url, cookie, client.clientId, w.date, w.id))),
      Promise.all(
        twins.map((w) =>
          Promise.all([a, b].map((s) => putCheckIn(s.url, cookie, client.clientId, w.date, w.id))),
        ),
      ),
    ]);
    expect(singles.every((s) => s === 201)).toBe(true);
    // One copy creates the check-in; the other, on the other process, answers like a retry.
    for (const statuses of pairs) expect([...statuses].sort()).toEqual([200, 201]);

    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ id: string; date: string; n: number }>(
        "select id, date, count(*)::int as n from check_ins where client_id = $1 group by id, date",
        [client.clientId],
      );
      const expected = [...distinct, ...twins].map((w) => `${w.id} ${w.date} 1`).sort();
      expect(rows.map((r) => `${r.id} ${r.date} ${r.n}`).sort()).toEqual(expected);
    } finally {
      await db.end();
    }
  });
});
