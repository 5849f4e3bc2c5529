import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { localDateOf, minimumCell, uuidv7 } from "@lantern/domain";
import Fastify from "fastify";
import { sql } from "kysely";
import { generatedEmails, generatedPassword } from "../cli/generate.js";
import type { Config } from "../config.js";
import { openDatabase } from "../db/dialect.js";
import { prepareBenchDatabase } from "./database.js";
import { signInClient, signInNewStaff } from "./http.js";
import { drive, type Measurement, type NextRequest } from "./load.js";
import { renderSummary, type ScenarioResult, writeResults } from "./report.js";
import { type BenchClient, checkInAnswers, measureStorage, storageWork } from "./storage.js";

const help = `Usage: npm run bench -- [options]

Starts the built server on a generated database (SQLite in a temp folder by default; PostgreSQL when
DATABASE_URL is set: the bench creates databases named lantern_bench_* on that server) and drives it
over loopback with autocannon. Measures, for each scenario, requests/s, p50/p95/p99 latency, errors and
the server's memory; then the framework ceiling (an empty Fastify route in its own process) and the
storage ceiling (the same use cases called in-process, no HTTP). Writes bench/results/<date>.json.

Options:
  --clients N       generated clients (default 1000; the issue's target size is 10000)
  --days D          days of history per client (default 365)
  --duration S      seconds per scenario (default 10)
  --connections C   concurrent connections (default 10)
  --seed S          generator seed (default 1)
  --fresh           generate again even when a database for these options exists
`;

const here = path.dirname(fileURLToPath(import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** Starts a child Node process and waits until it prints `ready` on stdout. */
function startChild(args: string[], env: NodeJS.ProcessEnv, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (ready.test(output)) resolve(child);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before it was ready:\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** The framework ceiling: a Fastify app (the version Lantern uses) with one empty route. */
async function noopServer(port: number): Promise<void> {
  const app = Fastify({ logger: false });
  app.get("/noop", async () => ({ ok: true }));
  await app.listen({ port, host: "127.0.0.1" });
  process.stdout.write("noop ready\n");
}

interface Options {
  clients: number;
  days: number;
  duration: number;
  connections: number;
  seed: number;
  fresh: boolean;
}

function parseOptions(args: string[]): Options | null {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      clients: { type: "string", default: "1000" },
      days: { type: "string", default: "365" },
      duration: { type: "string", default: "10" },
      connections: { type: "string", default: "10" },
      seed: { type: "string", default: "1" },
      fresh: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) return null;
  const whole = (name: string, text: string, min: number, max: number) => {
    const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!(value >= min && value <= max))
      throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
    return value;
  };
  return {
    clients: whole("clients", values.clients, 1, 200_000),
    days: whole("days", values.days, 1, 3650),
    duration: whole("duration", values.duration, 1, 600),
    connections: whole("connections", values.connections, 1, 1000),
    seed: whole("seed", values.seed, 0, 2_147_483_647),
    fresh: values.fresh,
  };
}

/** The people the scenarios act as, read from the generated rows. */
async function participants(database: Config["database"], caseload: number) {
  const db = await openDatabase(database);
  try {
    const organisationId = (
      await db.kysely.selectFrom("organisations").select("id").executeTakeFirstOrThrow()
    ).id;
    const clinician = await db.kysely
      .selectFrom("users")
      .select(["id", "email"])
      .where("email", "=", generatedEmails.clinician(1))
      .executeTakeFirstOrThrow();
    const admin = await db.kysely
      .selectFrom("users")
      .select(["id", "email"])
      .where("email", "=", generatedEmails.admin)
      .executeTakeFirstOrThrow();
    // The outcome report's cohort: the quarter with the most discharges (ties: the later quarter).
    const perQuarter = new Map<string, number>();
    for (const { discharged_on: day } of await db.kysely
      .selectFrom("episodes")
      .select("discharged_on")
      .where("organisation_id", "=", organisationId)
      .where("discharged_on", "is not", null)
      .execute()) {
      if (!day) continue;
      const quarter = `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
      perQuarter.set(quarter, (perQuarter.get(quarter) ?? 0) + 1);
    }
    const [reportQuarter, cohortSize] = [...perQuarter].sort(
      (a, b) => b[1] - a[1] || b[0].localeCompare(a[0]),
    )[0] ?? ["", 0];
    const load = async (from: number, to: number): Promise<BenchClient[]> => {
      const emails = Array.from({ length: to - from + 1 }, (_, i) => generatedEmails.client(from + i));
      const rows = await db.kysely
        .selectFrom("clients")
        .innerJoin("users", "users.id", "clients.user_id")
        .select(["clients.id", "clients.user_id", "clients.time_zone", "users.email"])
        .where("users.email", "in", emails)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        userId: r.user_id,
        email: r.email,
        today: localDateOf(new Date(), r.time_zone),
        checkInId: uuidv7(),
      }));
    };
    const clientCount = Number(
      (
        await db.kysely
          .selectFrom("clients")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
    // Clinician 1's caseload acts over HTTP; the storage ceiling writes for the next caseload.
    const clients = await load(1, Math.min(caseload, clientCount));
    const writers =
      clientCount > caseload ? await load(caseload + 1, Math.min(2 * caseload, clientCount)) : clients;
    const version =
      db.dialect === "postgres"
        ? String((await sql<{ v: string }>`select version() as v`.execute(db.kysely)).rows[0]?.v ?? "")
        : `SQLite ${String((await sql<{ v: string }>`select sqlite_version() as v`.execute(db.kysely)).rows[0]?.v ?? "")}`;
    return {
      organisationId,
      clinician: { userId: clinician.id, email: clinician.email },
      admin: { userId: admin.id, email: admin.email },
      report: { basis: "discharge" as const, quarter: reportQuarter, cohortSize },
      clients,
      writers,
      version,
    };
  } finally {
    await db.close();
  }
}

/** `npm run bench`: see the help text. Resolves to the exit code. */
export async function runBench(args: string[]): Promise<number> {
  const say = (text: string) => process.stdout.write(`${text}\n`);
  let options: Options | null;
  try {
    options = parseOptions(args);
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  if (!options) return (say(help), 0);
  const caseload = 40;
  const startedAt = new Date();
  const loadBefore = os.loadavg();
  const databaseUrl = process.env.DATABASE_URL;
  const dialect = databaseUrl ? "postgres" : "sqlite";
  const prepared = await prepareBenchDatabase(
    { clients: options.clients, days: options.days, caseload, seed: options.seed },
    databaseUrl,
    options.fresh,
    say,
  );
  const who = await participants(prepared.database, caseload);
  // The report refuses a cohort under 11 clients (400): with too few clients there is none to measure.
  const notMeasured =
    who.report.cohortSize >= minimumCell
      ? []
      : [
          {
            name: "outcomeReport",
            why: `No quarter has ${minimumCell} discharges (at most ${who.report.cohortSize}), and the report refuses smaller cohorts; use more --clients.`,
          },
        ];

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    // The global per-address limit (600 a minute) would answer most benchmark requests with 429.
    RATE_LIMIT_PER_MINUTE: "1000000000",
  };
  if (prepared.database.kind === "sqlite") {
    serverEnv.DATA_DIR = path.dirname(prepared.database.file);
    delete serverEnv.DATABASE_URL;
  } else serverEnv.DATABASE_URL = prepared.database.url;
  say(`Starting the built server on ${base} (${who.version.split(" on ")[0]})…`);
  const server = await startChild([path.join(here, "main.js")], serverEnv, /Lantern is serving/);
  const serverPid = server.pid ?? null;
  const results: ScenarioResult[] = [];
  try {
    say(`Signing in ${who.clients.length} clients, one clinician and the admin (with two-step enrolment)…`);
    const cookies = new Map<string, string>();
    for (const c of who.clients) cookies.set(c.id, await signInClient(base, c.email, generatedPassword));
    const clinicianCookie = await signInNewStaff(base, who.clinician.email, generatedPassword);
    const adminCookie = await signInNewStaff(base, who.admin.email, generatedPassword);

    let n = 0;
    const nextClient = () => {
      n += 1;
      return who.clients[n % who.clients.length] as BenchClient;
    };
    const cookieOf = (c: BenchClient) => cookies.get(c.id) ?? "";
    const scenarios: { name: string; label: string; next: () => NextRequest }[] = [
      {
        name: "checkIn",
        label: "submit a check-in (PUT, today's, a year of history)",
        next: () => {
          const c = nextClient();
          return {
            method: "PUT",
            path: `/api/clients/${c.id}/check-ins/${c.today}`,
            headers: { cookie: cookieOf(c), "content-type": "application/json" },
            body: JSON.stringify(checkInAnswers(c.checkInId, n)),
          };
        },
      },
      {
        name: "home",
        label: "client's home screen (GET recovery/today)",
        next: () => {
          const c = nextClient();
          return {
            method: "GET",
            path: `/api/clients/${c.id}/recovery/today`,
            headers: { cookie: cookieOf(c) },
          };
        },
      },
      {
        name: "caseload",
        label: `clinician's caseload of ${who.clients.length}`,
        next: () => ({
          method: "GET",
          path: `/api/organisations/${who.organisationId}/caseload`,
          headers: { cookie: clinicianCookie },
        }),
      },
      {
        name: "timeline",
        label: "a client's timeline for a year (clinician)",
        next: () => {
          const c = nextClient();
          return {
            method: "GET",
            path: `/api/clients/${c.id}/recovery/timeline?days=365`,
            headers: { cookie: clinicianCookie },
          };
        },
      },
      {
        name: "qualityDashboard",
        label: `programme quality dashboard, six criteria (admin, ${options.clients} episodes)`,
        next: () => ({
          method: "GET",
          path: `/api/organisations/${who.organisationId}/quality`,
          headers: { cookie: adminCookie },
        }),
      },
      {
        name: "outcomeReport",
        label: `outcome report of the ${who.report.quarter} discharge cohort (admin, ${who.report.cohortSize} clients)`,
        next: () => ({
          method: "GET",
          path: `/api/organisations/${who.organisationId}/outcome-report?basis=discharge&quarter=${who.report.quarter}`,
          headers: { cookie: adminCookie },
        }),
      },
    ];

    for (const skipped of notMeasured)
      scenarios.splice(
        scenarios.findIndex((s) => s.name === skipped.name),
        1,
      );
    const measured = new Map<string, Measurement>();
    for (const s of scenarios) {
      say(`  ${s.label}: warming up, then ${options.duration} s…`);
      await drive({ url: base, seconds: 2, connections: options.connections, serverPid, next: s.next });
      measured.set(
        s.name,
        await drive({
          url: base,
          seconds: options.duration,
          connections: options.connections,
          serverPid,
          next: s.next,
        }),
      );
    }
    await stopChild(server);

    say("  storage ceiling: the same use cases in-process, no HTTP…");
    const db = await openDatabase(prepared.database, { poolSize: 10 });
    const storage = new Map<string, Awaited<ReturnType<typeof measureStorage>>>();
    try {
      const work = await storageWork(db, who, who.writers);
      for (const s of scenarios) {
        const op = work[s.name as keyof typeof work];
        await measureStorage(op, 1, options.connections);
        storage.set(s.name, await measureStorage(op, options.duration, options.connections));
      }
    } finally {
      await db.close();
    }

    say("  framework ceiling: an empty Fastify route in its own process…");
    const noopPort = await freePort();
    const noop = await startChild(
      [fileURLToPath(import.meta.url), "noop-server", String(noopPort)],
      process.env,
      /noop ready/,
    );
    let framework: Measurement;
    try {
      const next = () => ({ method: "GET" as const, path: "/noop", headers: {} });
      const url = `http://127.0.0.1:${noopPort}`;
      await drive({ url, seconds: 2, connections: options.connections, serverPid: noop.pid ?? null, next });
      framework = await drive({
        url,
        seconds: options.duration,
        connections: options.connections,
        serverPid: noop.pid ?? null,
        next,
      });
    } finally {
      await stopChild(noop);
    }

    for (const s of scenarios) {
      const http = measured.get(s.name);
      const store = storage.get(s.name);
      if (http && store) results.push({ name: s.name, label: s.label, http, storage: store });
    }
    const report = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      dialect,
      database: who.version,
      options: { ...options, caseload },
      generatedAt: prepared.generatedAt,
      generateSeconds: prepared.generateSeconds,
      machine: {
        cpu: os.cpus()[0]?.model ?? "unknown",
        cpus: os.cpus().length,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
        loadAverageBefore: loadBefore,
        loadAverageAfter: os.loadavg(),
      },
      framework,
      scenarios: results,
      notMeasured,
    };
    const file = writeResults(report);
    say("");
    say(renderSummary(report));
    say(`Results written to ${path.relative(process.cwd(), file)}`);
    const failed = results.some((r) => r.http.errors > 0) || framework.errors > 0;
    if (failed)
      process.stderr.write("bench: some requests failed (errors above); the figures are not valid.\n");
    return failed ? 1 : 0;
  } finally {
    await stopChild(server);
  }
}

const isEntry = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isEntry && process.argv[2] === "noop-server") {
  noopServer(Number(process.argv[3])).catch((error) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
}
