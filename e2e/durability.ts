import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import SqliteDatabase from "better-sqlite3";
import pg from "pg";
import { openDatabase } from "../apps/api/src/db/dialect.js";
import { migrateToLatest } from "../apps/api/src/db/migrate.js";
import { prepareAccount, storeAccount } from "../apps/api/src/features/accounts/accounts.service.js";
import { insertClient } from "../apps/api/src/features/clients/clients.repository.js";
import { insertSetting } from "../apps/api/src/features/instance/instance.repository.js";
import { settingKeys } from "../apps/api/src/features/instance/instance.service.js";
import { insertOrganisation } from "../apps/api/src/features/organisations/organisations.repository.js";
import { freePort } from "../apps/api/test/postgres-server.js";
import { serverEntry } from "./harness.js";

/** Where a test's database lives: a data folder (SQLite) or a PostgreSQL URL. */
export type Target = { kind: "sqlite"; dataDir: string } | { kind: "postgres"; url: string };

export const sqliteFile = (dataDir: string) => `${dataDir}/lantern.sqlite`;

const databaseOf = (t: Target) =>
  t.kind === "sqlite" ? { kind: "sqlite" as const, file: sqliteFile(t.dataDir) } : t;

/** A client who can sign in, made directly in the database before any server starts. */
export interface SeededClient {
  clientId: string;
  email: string;
  password: string;
}

/** Migrates the database and adds a programme with one client (setup counts as done). */
export async function seedClient(target: Target): Promise<SeededClient> {
  const db = await openDatabase(databaseOf(target));
  try {
    await migrateToLatest(db);
    const now = new Date();
    const email = `crash-${randomUUID().slice(0, 8)}@example.org`;
    const password = "a long durable passphrase for tests";
    const account = await prepareAccount({ name: "Crash Test Client", email, password });
    const organisationId = randomUUID();
    const clientId = randomUUID();
    await db.kysely.transaction().execute(async (trx) => {
      await insertSetting(trx, settingKeys.setupCompletedAt, now.toISOString(), now).catch(() => {});
      await insertOrganisation(trx, {
        id: organisationId,
        name: "Crash Test Programme",
        time_zone: "Europe/London",
        kind: "both",
        created_at: now,
      });
      await storeAccount(trx, account, "client", organisationId, now);
      await insertClient(trx, {
        id: clientId,
        userId: account.id,
        organisationId,
        timeZone: "Europe/London",
        now,
      });
    });
    return { clientId, email, password };
  } finally {
    await db.close();
  }
}

/** One run of the built server on a target; `kill` sends a signal and waits for the exit. */
export interface ServerProcess {
  url: string;
  output: () => string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `apps/api/dist/main.js` on the target and a free port, and waits for /api/health. A start
 * that fails is tried again twice (a parallel `npm run build` can briefly remove the web app).
 */
export async function spawnServer(target: Target): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnOnce(target);
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

async function spawnOnce(target: Target): Promise<ServerProcess> {
  if (!fs.existsSync(serverEntry)) throw new Error("the server is not built; run `npm run build` first");
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [serverEntry], {
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      ...(target.kind === "sqlite" ? { DATA_DIR: target.dataDir } : { DATABASE_URL: target.url }),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${output}`);
    // Only our own child's line proves it holds the port: another test's server may have taken the
    // same free port between the probe and the bind, and would answer /api/health just as well.
    try {
      if (output.includes("Lantern is serving") && (await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer in 30 s: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Signs the client in and returns the cookie header for later requests. */
export async function signIn(url: string, client: SeededClient): Promise<string> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: client.email, password: client.password }),
  });
  if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
}

/** A write the server answered with a 2xx. */
export interface AckedWrite {
  kind: "check-in" | "urge";
  id: string;
  date?: string;
}

/** Hands out distinct past days, newest first, so every check-in is a new row. */
export function dayCounter(startDaysAgo = 2): () => string {
  let n = startDaysAgo;
  return () => new Date(Date.now() - n++ * 86_400_000).toISOString().slice(0, 10);
}

const checkInBody = (id: string) => ({
  id,
  mood: 3,
  feelings: ["anxious"],
  halt: { hungry: false, angry: false, lonely: true, tired: true },
  stress: 4,
  sleepHours: 7.5,
  sleepQuality: 3,
  urgeStrength: 2,
  middleItemIds: [],
  outerItemIds: [],
  innerCircle: false,
  note: "crash test",
});

/** Sends one check-in; resolves to its HTTP status. */
export async function putCheckIn(
  url: string,
  cookie: string,
  clientId: string,
  date: string,
  id: string,
): Promise<number> {
  const response = await fetch(`${url}/api/clients/${clientId}/check-ins/${date}`, {
    method: "PUT",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify(checkInBody(id)),
  });
  await response.arrayBuffer();
  return response.status;
}

async function postUrge(url: string, cookie: string, clientId: string, id: string): Promise<number> {
  const end = Date.now() - 60_000;
  const response = await fetch(`${url}/api/clients/${clientId}/urges`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({
      id,
      startedAt: new Date(end - 180_000).toISOString(),
      endedAt: new Date(end).toISOString(),
      intensities: [6, 4, 2],
      outcome: "passed",
    }),
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * Concurrent writers, each with its own client-made ids, alternating check-ins and urges until
 * `stop()` or until the server stops answering. Only 2xx answers are recorded as acknowledged.
 */
export function startWriters(
  url: string,
  cookie: string,
  clientId: string,
  nextDay: () => string,
  concurrency = 8,
) {
  const acked: AckedWrite[] = [];
  const failures: string[] = [];
  let stopped = false;
  const worker = async (w: number) => {
    for (let i = 0; !stopped; i++) {
      const id = randomUUID();
      try {
        if ((i + w) % 2 === 0) {
          const date = nextDay();
          const status = await putCheckIn(url, cookie, clientId, date, id);
          if (status >= 200 && status < 300) acked.push({ kind: "check-in", id, date });
          else failures.push(`check-in ${status}`);
        } else {
          const status = await postUrge(url, cookie, clientId, id);
          if (status >= 200 && status < 300) acked.push({ kind: "urge", id });
          else failures.push(`urge ${status}`);
        }
      } catch {
        return; // the server is gone: an unanswered write was never acknowledged
      }
    }
  };
  const done = Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  return {
    acked,
    failures,
    async stop() {
      stopped = true;
      await done;
    },
    done,
  };
}

/** What the database holds of the acknowledged writes after a crash. */
export interface CrashCheck {
  acked: number;
  lost: AckedWrite[];
  integrity: string;
}

function split(acked: AckedWrite[]) {
  return {
    checkIns: acked.filter((a) => a.kind === "check-in").map((a) => a.id),
    urges: acked.filter((a) => a.kind === "urge").map((a) => a.id),
  };
}

/** Opens the SQLite file as the crash left it (recovering its WAL) and looks for every acked write. */
export function checkSqlite(dataDir: string, acked: AckedWrite[]): CrashCheck {
  const raw = new SqliteDatabase(sqliteFile(dataDir));
  try {
    const integrity = (raw.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    const present = new Set<string>();
    const { checkIns, urges } = split(acked);
    for (const [table, ids] of [
      ["check_ins", checkIns],
      ["urges", urges],
    ] as const) {
      const find = raw.prepare(`select id from ${table} where id = ?`);
      for (const id of ids) if (find.get(id)) present.add(id);
    }
    return { acked: acked.length, lost: acked.filter((a) => !present.has(a.id)), integrity };
  } finally {
    raw.close();
  }
}

/** Looks for every acked write in PostgreSQL, and that no id is stored twice. */
export async function checkPostgres(url: string, acked: AckedWrite[]): Promise<CrashCheck> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { checkIns, urges } = split(acked);
    const present = new Set<string>();
    for (const [table, ids] of [
      ["check_ins", checkIns],
      ["urges", urges],
    ] as const) {
      const { rows } = await client.query<{ id: string }>(`select id from ${table} where id = any($1)`, [
        ids,
      ]);
      for (const r of rows) present.add(r.id);
    }
    return { acked: acked.length, lost: acked.filter((a) => !present.has(a.id)), integrity: "ok" };
  } finally {
    await client.end();
  }
}

/**
 * One crash round: start the server, send concurrent writes, SIGKILL it `killAfterMs` after the
 * first acknowledgement, and return what was acknowledged. The caller checks the database.
 */
export async function crashRound(
  target: Target,
  client: SeededClient,
  cookie: string | undefined,
  nextDay: () => string,
  killAfterMs: number,
): Promise<{ acked: AckedWrite[]; failures: string[]; cookie: string }> {
  const server = await spawnServer(target);
  try {
    const session = cookie ?? (await signIn(server.url, client));
    const writers = startWriters(server.url, session, client.clientId, nextDay);
    // The random moment is counted from the first acknowledged write, so every kill lands mid-load.
    const deadline = Date.now() + 15_000;
    while (writers.acked.length === 0 && writers.failures.length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, killAfterMs));
    await server.kill("SIGKILL");
    await writers.done;
    return { acked: writers.acked, failures: writers.failures, cookie: session };
  } catch (error) {
    await server.kill("SIGKILL");
    throw error;
  }
}
