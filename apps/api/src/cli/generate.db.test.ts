import { addDays, daysBetween, localDateOf } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp } from "../../test/app.js";
import { headerActorLoader, testActorHeader } from "../../test/builders.js";
import { describeEachDialect } from "../../test/databases.js";
import { fillOrder } from "./bulk-insert.js";
import {
  GenerateRefused,
  type GenerateSummary,
  generatedEmails,
  generatedPassword,
  generateInstallation,
} from "./generate.js";
import { clientHistory } from "./generate-history.js";
import { randomStream } from "./generate-random.js";
import { runCli } from "./index.js";

const options = { clients: 50, days: 30, caseload: 40, seed: 7 };

describeEachDialect("generate: a fictional programme for benchmarks", ({ get, dialect }) => {
  let summary: GenerateSummary;
  let app: FastifyInstance;
  const now = new Date();
  const db = () => get().db.kysely;
  const count = async (table: (typeof fillOrder)[number] | "organisations") =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const userIdOf = async (email: string) =>
    (await db().selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow()).id;

  beforeAll(async () => {
    summary = await generateInstallation(get().db, options, now);
    ({ app } = await bootApp(get().db, {}, { actorLoader: headerActorLoader(get().db) }));
  });
  afterAll(async () => {
    await app.close();
  });

  it("creates one programme, an admin, clinicians with caseloads of 40, and the clients", async () => {
    expect(await count("organisations")).toBe(1);
    expect(await count("users")).toBe(50 + 2 + 1);
    const roles = await db()
      .selectFrom("memberships")
      .select(["role", (eb) => eb.fn.countAll().as("n")])
      .groupBy("role")
      .orderBy("role")
      .execute();
    expect(roles.map((r) => [r.role, Number(r.n)])).toEqual([
      ["client", 50],
      ["clinician", 2],
      ["programme_admin", 1],
    ]);
    const caseloads = await db()
      .selectFrom("care_team_members")
      .innerJoin("users", "users.id", "care_team_members.clinician_user_id")
      .select(["users.email", (eb) => eb.fn.countAll().as("n")])
      .groupBy("users.email")
      .orderBy("users.email")
      .execute();
    expect(caseloads.map((c) => [c.email, Number(c.n)])).toEqual([
      [generatedEmails.clinician(1), 40],
      [generatedEmails.clinician(2), 10],
    ]);
    // The counts it reports are the rows it wrote.
    for (const table of fillOrder) expect(summary.rows[table] ?? 0, table).toBe(await count(table));
  });

  it("writes a month of history per client: circles, a start, check-ins with gaps, urges, journal", async () => {
    expect(await count("circle_versions")).toBe(50);
    const checkIns = await count("check_ins");
    // Realistic gaps: most days, not every day.
    expect(checkIns).toBeGreaterThan(50 * 30 * 0.5);
    expect(checkIns).toBeLessThan(50 * 30);
    expect(await count("urges")).toBeGreaterThan(50);
    expect(await count("journal_entries")).toBeGreaterThan(0);
    expect(await count("triggers")).toBeGreaterThanOrEqual(100);
    const clients = await db().selectFrom("clients").select(["id", "time_zone"]).execute();
    const starts = await db()
      .selectFrom("ledger_events")
      .select(["client_id", "date"])
      .where("kind", "=", "sobriety_start")
      .execute();
    expect(starts).toHaveLength(50);
    const zoneOf = new Map(clients.map((c) => [c.id, c.time_zone]));
    const todayOf = (clientId: string) => localDateOf(now, zoneOf.get(clientId) ?? "UTC");
    for (const s of starts) expect(s.date).toBe(addDays(todayOf(s.client_id), -30));
    // Every check-in lies between the start and yesterday: today is left for the client.
    const rows = await db().selectFrom("check_ins").select(["client_id", "date"]).execute();
    const outside = rows.filter(
      (r) => r.date >= todayOf(r.client_id) || r.date < addDays(todayOf(r.client_id), -30),
    );
    expect(outside).toEqual([]);
    // An urge's day is its start's local day, as the urge service computes it.
    const urges = await db().selectFrom("urges").select(["client_id", "date", "started_at"]).execute();
    const misdated = urges.filter(
      (u) => localDateOf(u.started_at, zoneOf.get(u.client_id) ?? "UTC") !== u.date,
    );
    expect(misdated).toEqual([]);
  });

  it("puts every inner-circle yes on the ledger once, as saving the check-in does", async () => {
    const yes = await db()
      .selectFrom("check_ins")
      .select(["id", "date"])
      .where("inner_circle", "=", true)
      .execute();
    const fromCheckIns = await db()
      .selectFrom("ledger_events")
      .select(["source_id", "date"])
      .where("source", "=", "check_in")
      .execute();
    expect(fromCheckIns.map((e) => `${e.source_id} ${e.date}`).sort()).toEqual(
      yes.map((c) => `${c.id} ${c.date}`).sort(),
    );
    const fromUrges = await db()
      .selectFrom("ledger_events")
      .innerJoin("urges", "urges.id", "ledger_events.source_id")
      .select(["urges.outcome", "urges.date", "ledger_events.date as act_date"])
      .where("ledger_events.source", "=", "urge")
      .execute();
    expect(fromUrges.filter((e) => e.outcome !== "inner_circle" || e.date !== e.act_date)).toEqual([]);
    if (dialect === "sqlite") {
      expect((await sql`pragma foreign_key_check`.execute(db())).rows).toEqual([]);
    }
  });

  it("gives each client a home screen consistent with their ledger", async () => {
    const clients = await db()
      .selectFrom("clients")
      .select(["id", "user_id", "time_zone"])
      .orderBy("id")
      .execute();
    const events = await db()
      .selectFrom("ledger_events")
      .select(["id", "client_id", "kind", "date", "target_id"])
      .execute();
    const reviewed = new Set(
      (await db().selectFrom("slip_reviews").select("ledger_event_id").execute()).map(
        (r) => r.ledger_event_id,
      ),
    );
    const checkIns = await db().selectFrom("check_ins").select(["client_id", "date"]).execute();
    let withActs = 0;
    const checked = clients.filter(
      (c, i) => i < 12 || events.some((e) => e.client_id === c.id && e.kind === "inner_circle_act"),
    );
    for (const client of checked) {
      const today = localDateOf(new Date(), client.time_zone);
      const own = events.filter((e) => e.client_id === client.id);
      const voided = new Set(own.filter((e) => e.kind === "void").map((e) => e.target_id));
      const acts = own
        .filter((e) => e.kind === "inner_circle_act" && !voided.has(e.id))
        .sort((a, b) => (a.date ?? "").localeCompare(b.date ?? "") || a.id.localeCompare(b.id));
      const start = own.find((e) => e.kind === "sobriety_start")?.date ?? "";
      const lastAct = acts.at(-1)?.date ?? null;
      const unreviewed = acts.filter((a) => !reviewed.has(a.id)).at(-1) ?? null;
      const done = new Set(checkIns.filter((c) => c.client_id === client.id).map((c) => c.date));
      const missed = [1, 2, 3, 4, 5, 6, 7].map((n) => addDays(today, -n)).filter((d) => !done.has(d));
      if (acts.length > 0) withActs++;

      const res = await app.inject({
        method: "GET",
        url: `/api/clients/${client.id}/recovery/today`,
        headers: { [testActorHeader]: client.user_id },
      });
      expect(res.statusCode).toBe(200);
      const home = res.json();
      expect(home.summary).toMatchObject({
        startDate: start,
        lastActDate: lastAct,
        currentStreak: daysBetween(lastAct ?? start, today),
      });
      expect(home.checkIn).toBeNull();
      expect(home.missedDays).toEqual(missed);
      expect(home.unreviewedActDate).toBe(unreviewed?.date ?? null);
      expect(home.circles.items.length).toBeGreaterThanOrEqual(8);
    }
    // Lapses are occasional, but fifty clients over a month have some.
    expect(withActs).toBeGreaterThan(0);
  });

  it("lets the printed sign-ins in: the client directly, the clinician after two-step set-up", async () => {
    const client = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: generatedEmails.client(1), password: generatedPassword },
    });
    expect(client.statusCode).toBe(200);
    expect(client.json().status).toBe("signed-in");
    const clinician = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: generatedEmails.clinician(1), password: generatedPassword },
    });
    expect(clinician.json().status).toBe("two-factor-enrolment-required");
    // Their caseload is the first forty clients.
    const orgId = (await db().selectFrom("organisations").select("id").executeTakeFirstOrThrow()).id;
    const caseload = await app.inject({
      method: "GET",
      url: `/api/organisations/${orgId}/caseload`,
      headers: { [testActorHeader]: await userIdOf(generatedEmails.clinician(1)) },
    });
    expect(caseload.statusCode).toBe(200);
    expect(caseload.json()).toHaveLength(40);
  });

  it("refuses a database that is not empty, changing nothing", async () => {
    const before = await count("users");
    await expect(generateInstallation(get().db, options, now)).rejects.toThrow(GenerateRefused);
    await expect(generateInstallation(get().db, options, now)).rejects.toThrow(/not empty/);
    expect(await count("users")).toBe(before);
  });
});

describe("generate: options and determinism", () => {
  const run = async (...args: string[]) => {
    let out = "";
    let err = "";
    const io = {
      out: { write: (t: string) => ((out += t), true) },
      err: { write: (t: string) => ((err += t), true) },
    } as unknown as Parameters<typeof runCli>[1];
    const code = await runCli(["generate", ...args], io);
    return { code, out, err };
  };

  it("refuses impossible parameters with exit code 2 and a line naming the flag", async () => {
    const cases: [string[], RegExp][] = [
      [["--clients", "0"], /--clients must be a whole number from 1/],
      [["--clients", "ten"], /--clients must be a whole number/],
      [["--clients", "-5"], /--clients/],
      [["--days", "0"], /--days must be a whole number from 1 to 3650/],
      [["--days", "3651"], /--days must be a whole number from 1 to 3650/],
      [["--days", "2.5"], /--days/],
      [["--caseload", "0"], /--caseload/],
      [["--colour", "blue"], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const { code, err } = await run(...args);
      expect(code, args.join(" ")).toBe(2);
      expect(err, args.join(" ")).toMatch(message);
      expect(err.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });

  it("explains itself with --help", async () => {
    const { code, out } = await run("--help");
    expect(code).toBe(0);
    expect(out).toMatch(/--clients N/);
    expect(out).toMatch(/--days D/);
  });

  it("writes the same history from the same seed", () => {
    const seat = {
      clientId: "c",
      clientUserId: "u",
      clinicianUserId: "k",
      timeZone: "Europe/London",
      today: "2026-11-30",
    };
    const once = clientHistory(seat, 60, randomStream(3, 5));
    expect(clientHistory(seat, 60, randomStream(3, 5))).toEqual(once);
    expect(clientHistory(seat, 60, randomStream(3, 6))).not.toEqual(once);
  });
});
