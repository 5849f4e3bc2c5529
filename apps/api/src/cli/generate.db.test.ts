import {
  addDays,
  answerCodes,
  daysBetween,
  gad7,
  localDateOf,
  occurrencesDueBy,
  phq9,
  scoreResponse,
} from "@lantern/domain";
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

// 170 clients: enough discharges in a quarter for the outcome report (it refuses cohorts under 11).
const options = { clients: 170, days: 30, caseload: 40, seed: 7 };

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
    expect(await count("users")).toBe(170 + 5 + 1);
    const roles = await db()
      .selectFrom("memberships")
      .select(["role", (eb) => eb.fn.countAll().as("n")])
      .groupBy("role")
      .orderBy("role")
      .execute();
    expect(roles.map((r) => [r.role, Number(r.n)])).toEqual([
      ["client", 170],
      ["clinician", 5],
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
      [generatedEmails.clinician(2), 40],
      [generatedEmails.clinician(3), 40],
      [generatedEmails.clinician(4), 40],
      [generatedEmails.clinician(5), 10],
    ]);
    // The counts it reports are the rows it wrote.
    for (const table of fillOrder) expect(summary.rows[table] ?? 0, table).toBe(await count(table));
  });

  it("writes a month of history per client: circles, a start, check-ins with gaps, urges, journal", async () => {
    expect(await count("circle_versions")).toBe(170);
    const checkIns = await count("check_ins");
    // Realistic gaps: most days, not every day.
    expect(checkIns).toBeGreaterThan(170 * 30 * 0.5);
    expect(checkIns).toBeLessThan(170 * 30);
    expect(await count("urges")).toBeGreaterThan(170);
    expect(await count("journal_entries")).toBeGreaterThan(0);
    expect(await count("triggers")).toBeGreaterThanOrEqual(100);
    const clients = await db().selectFrom("clients").select(["id", "time_zone"]).execute();
    const starts = await db()
      .selectFrom("ledger_events")
      .select(["client_id", "date"])
      .where("kind", "=", "sobriety_start")
      .execute();
    expect(starts).toHaveLength(170);
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
    // Lapses are occasional, but 170 clients over a month have some.
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

  it("gives every client an episode of care with its segment and the admission questionnaires", async () => {
    const episodes = await db()
      .selectFrom("episodes")
      .innerJoin("tracks", "tracks.id", "episodes.track_id")
      .innerJoin("clients", "clients.id", "episodes.client_id")
      .select([
        "episodes.id",
        "episodes.client_id",
        "episodes.admitted_on",
        "episodes.discharged_on",
        "tracks.kind",
        "clients.placement_gender",
      ])
      .execute();
    expect(episodes).toHaveLength(170);
    expect(new Set(episodes.map((e) => e.client_id)).size).toBe(170);
    const open = episodes.filter((e) => e.discharged_on === null).length;
    // About 15 % still in care.
    expect(open).toBeGreaterThan(5);
    expect(open).toBeLessThan(60);
    const today = localDateOf(now, "Europe/London");
    for (const e of episodes) {
      expect(e.admitted_on <= today).toBe(true);
      if (e.discharged_on) expect(e.discharged_on > e.admitted_on && e.discharged_on < today).toBe(true);
      if (e.kind === "residential") expect(e.placement_gender).toBe("man");
    }
    // Discharges spread over the last eight quarters.
    const discharges = episodes.flatMap((e) => (e.discharged_on ? [e.discharged_on] : [])).sort();
    expect((discharges[0] ?? "") >= addDays(today, -8 * 91)).toBe(true);
    expect(daysBetween(discharges[0] ?? today, discharges.at(-1) ?? today)).toBeGreaterThan(500);
    const segments = await db()
      .selectFrom("episode_segments")
      .innerJoin("episodes", "episodes.id", "episode_segments.episode_id")
      .select(["episodes.admitted_on", "episodes.discharged_on", "episode_segments.starts_on", "ends_on"])
      .execute();
    expect(segments).toHaveLength(170);
    for (const s of segments) expect([s.starts_on, s.ends_on]).toEqual([s.admitted_on, s.discharged_on]);

    const admission = await db()
      .selectFrom("assessments")
      .innerJoin("assessment_schedules", "assessment_schedules.id", "assessments.schedule_id")
      .innerJoin("episodes", "episodes.client_id", "assessments.client_id")
      .select([
        "assessments.instrument_id",
        "assessments.status",
        "assessments.answers",
        "assessments.result",
        "assessments.occurrence_day",
        "episodes.admitted_on",
      ])
      .where("assessment_schedules.kind", "=", "admission")
      .execute();
    // PHQ-9 and GAD-7 for every client (one admitted today in a zone still on yesterday may wait).
    expect(admission.length).toBeGreaterThanOrEqual(2 * 170 - 2);
    for (const a of admission) {
      expect(a.status).toBe("completed");
      expect(a.occurrence_day).toBe(a.admitted_on);
      // The stored result is the domain's score of the stored answers.
      const definition = a.instrument_id === "phq-9" ? phq9 : gad7;
      const score = scoreResponse(definition, answerCodes(definition, JSON.parse(a.answers)));
      expect(score.ok && score.total).toBe(JSON.parse(a.result ?? "null").total);
    }
  });

  it("gives each discharged client the follow-ups due by today, about two in three answered", async () => {
    const clients = new Map(
      (await db().selectFrom("clients").select(["id", "time_zone"]).execute()).map((c) => [
        c.id,
        c.time_zone,
      ]),
    );
    const schedules = await db()
      .selectFrom("assessment_schedules")
      .innerJoin("episodes", "episodes.client_id", "assessment_schedules.client_id")
      .select(["assessment_schedules.id", "assessment_schedules.client_id", "start_day", "discharged_on"])
      .where("kind", "=", "follow_up")
      .execute();
    const discharged = await db()
      .selectFrom("episodes")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("discharged_on", "is not", null)
      .executeTakeFirstOrThrow();
    expect(schedules).toHaveLength(Number(discharged.n));
    const followUps = await db()
      .selectFrom("assessments")
      .select(["schedule_id", "occurrence_day", "status", "completed_at"])
      .where(
        "schedule_id",
        "in",
        schedules.map((s) => s.id),
      )
      .execute();
    let expected = 0;
    for (const s of schedules) {
      expect(s.start_day).toBe(s.discharged_on);
      const due = occurrencesDueBy(
        { kind: "follow_up", startDay: s.start_day, stoppedOn: null },
        localDateOf(now, clients.get(s.client_id) ?? "UTC"),
      );
      expected += 2 * due.length;
      const given = followUps.filter((f) => f.schedule_id === s.id).map((f) => f.occurrence_day);
      expect([...new Set(given)].sort()).toEqual(due);
    }
    expect(followUps).toHaveLength(expected);
    const answered = followUps.filter((f) => f.status === "completed").length / followUps.length;
    expect(answered).toBeGreaterThan(0.45);
    expect(answered).toBeLessThan(0.85);
    expect(followUps.filter((f) => f.status === "due" && f.completed_at !== null)).toEqual([]);
    expect(await count("staff_credentials")).toBeGreaterThanOrEqual(6);
  });

  it("gives the admin a quality dashboard and a discharge cohort's outcome report", async () => {
    const orgId = (await db().selectFrom("organisations").select("id").executeTakeFirstOrThrow()).id;
    const admin = { [testActorHeader]: await userIdOf(generatedEmails.admin) };
    const quality = await app.inject({
      method: "GET",
      url: `/api/organisations/${orgId}/quality`,
      headers: admin,
    });
    expect(quality.statusCode).toBe(200);
    // The track record counts the follow-ups of discharged clients as the rows say.
    const followUps = await db()
      .selectFrom("assessments")
      .innerJoin("assessment_schedules", "assessment_schedules.id", "assessments.schedule_id")
      .innerJoin("episodes", "episodes.client_id", "assessments.client_id")
      .select(["assessments.client_id", "assessments.status"])
      .where("assessment_schedules.kind", "=", "follow_up")
      .where("episodes.discharged_on", "is not", null)
      .execute();
    const answered = followUps.filter((f) => f.status === "completed");
    const rate = Math.round((100 * answered.length) / followUps.length);
    const record = (quality.json().criteria as { id: string; evidence: string[] }[]).find(
      (c) => c.id === "track_record",
    );
    expect(record?.evidence[0]).toContain(
      `${answered.length} of ${followUps.length} follow-up questionnaires answered (${rate} %) by ` +
        `${new Set(answered.map((f) => f.client_id)).size} clients`,
    );
    // The quarter with the most discharges.
    const byQuarter = new Map<string, number>();
    for (const e of await db().selectFrom("episodes").select("discharged_on").execute()) {
      if (!e.discharged_on) continue;
      const q = `${e.discharged_on.slice(0, 4)}-Q${Math.ceil(Number(e.discharged_on.slice(5, 7)) / 3)}`;
      byQuarter.set(q, (byQuarter.get(q) ?? 0) + 1);
    }
    const [quarter, cohort] = [...byQuarter].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
    expect(cohort).toBeGreaterThanOrEqual(11);
    const report = await app.inject({
      method: "GET",
      url: `/api/organisations/${orgId}/outcome-report?basis=discharge&quarter=${quarter}`,
      headers: admin,
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json()).toMatchObject({ basis: "discharge", quarter, cohortSize: cohort });
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
