import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildOrganisation,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";
import { insertBreakGlass } from "../clients/clients.repository.js";
import { insertLedgerEvent } from "../ledger/ledger.repository.js";

type Client = Awaited<ReturnType<typeof buildClient>>;

describeEachDialect("recovery timeline and caseload", ({ get }) => {
  let app: FastifyInstance;
  let orgId: string;
  let today: string;
  const c = {} as Record<"rising" | "quiet" | "glass" | "expired" | "others" | "elsewhere", Client>;
  let clinicianId: string;
  let outsiderId: string;
  const acts = { live: uuidv7(), voided: uuidv7() };
  const reviews = { shared: uuidv7(), private: uuidv7() };
  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

  const checkIn = (client: Client, date: string, middle: number) =>
    get()
      .db.kysely.insertInto("check_ins")
      .values({
        id: uuidv7(),
        client_id: client.id,
        date,
        mood: 3,
        feelings: "[]",
        halt: JSON.stringify({ hungry: false, angry: false, lonely: true, tired: false }),
        stress: 4,
        sleep_hours: 7,
        sleep_quality: 3,
        urge_strength: 5,
        middle_item_ids: JSON.stringify(Array.from({ length: middle }, () => uuidv7())),
        outer_item_ids: "[]",
        inner_circle: false,
        note: null,
        late: false,
        saved_on: date,
        created_at: new Date(),
        updated_at: new Date(),
      })
      .execute();
  const ledger = (
    client: Client,
    kind: string,
    date: string | null,
    id = uuidv7(),
    target: string | null = null,
  ) =>
    insertLedgerEvent(get().db.kysely, {
      id,
      client_id: client.id,
      kind,
      date,
      target_id: target,
      note: null,
      source: "manual",
      source_id: null,
      recorded_by_user_id: client.userId,
      recorded_at: new Date(),
    });

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    orgId = (await buildOrganisation(db)).id;
    const elsewhereOrg = (await buildOrganisation(db)).id;
    today = localDateOf(new Date(), "Europe/London");
    for (const key of ["rising", "quiet", "glass", "expired", "others"] as const)
      c[key] = await buildClient(db, orgId);
    c.elsewhere = await buildClient(db, elsewhereOrg);
    clinicianId = (await buildClinician(db, orgId, [c.rising.id, c.quiet.id, c.elsewhere.id])).id;
    outsiderId = (await buildClinician(db, orgId, [c.others.id])).id;
    const now = new Date();
    const glass = (client: Client, expiresAt: Date) =>
      insertBreakGlass(db.kysely, {
        id: uuidv7(),
        clinicianUserId: clinicianId,
        clientId: client.id,
        reason: "Covering a colleague's caseload",
        now,
        expiresAt,
      });
    await glass(c.glass, new Date(now.getTime() + 3_600_000));
    await glass(c.expired, new Date(now.getTime() - 60_000));

    // Rising: checks in daily-ish with more middle-circle behaviours this week, and a lapse two days ago.
    await checkIn(c.rising, addDays(today, -10), 1);
    await checkIn(c.rising, addDays(today, -3), 2);
    await checkIn(c.rising, addDays(today, -1), 2);
    await checkIn(c.rising, today, 1);
    await ledger(c.rising, "sobriety_start", addDays(today, -30));
    await ledger(c.rising, "inner_circle_act", addDays(today, -2), acts.live);
    await ledger(c.rising, "inner_circle_act", addDays(today, -1), acts.voided);
    await ledger(c.rising, "void", null, uuidv7(), acts.voided);
    // Quiet: last checked in four days ago, ten days sober.
    await checkIn(c.quiet, addDays(today, -40), 0);
    await checkIn(c.quiet, addDays(today, -4), 0);
    await ledger(c.quiet, "sobriety_start", addDays(today, -10));
    await checkIn(c.others, today, 0);

    const urge = (startedAt: Date, outcome: string) =>
      call("POST", `/api/clients/${c.rising.id}/urges`, c.rising.userId, {
        id: uuidv7(),
        startedAt: startedAt.toISOString(),
        endedAt: new Date(startedAt.getTime() + 15 * 60_000).toISOString(),
        intensities: [4, 7, 2],
        outcome,
      });
    const noonYesterday = new Date(`${addDays(today, -1)}T12:00:00Z`);
    expect((await urge(noonYesterday, "passed")).statusCode).toBe(201);
    expect((await urge(new Date(noonYesterday.getTime() + 3_600_000), "middle_circle")).statusCode).toBe(201);

    const review = (id: string, shared: boolean) =>
      call("PUT", `/api/clients/${c.rising.id}/slip-reviews/${id}`, c.rising.userId, {
        ledgerEventId: acts.live,
        date: addDays(today, -2),
        lessons: [],
        sharedWithCareTeam: shared,
      });
    expect((await review(reviews.shared, true)).statusCode).toBe(201);
    expect((await review(reviews.private, false)).statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  const timelineUrl = (days?: number | string) =>
    `/api/clients/${c.rising.id}/recovery/timeline${days === undefined ? "" : `?days=${days}`}`;

  it("gives the care team a row per local day with check-ins, acts and urges", async () => {
    const res = await call("GET", timelineUrl(14), clinicianId);
    expect(res.statusCode).toBe(200);
    const t = res.json();
    expect(t.from).toBe(addDays(today, -13));
    expect(t.to).toBe(today);
    expect(t.days).toHaveLength(14);
    const day = (n: number) => t.days.find((d: { date: string }) => d.date === addDays(today, -n));
    expect(day(3)).toEqual({
      date: addDays(today, -3),
      mood: 3,
      stress: 4,
      urgeStrength: 5,
      middleCount: 2,
      innerCircle: false,
      urges: 0,
      urgesPassed: 0,
    });
    expect(day(2)).toMatchObject({ mood: null, middleCount: null, innerCircle: true });
    // A voided act is not shown as one.
    expect(day(1)).toMatchObject({ innerCircle: false, urges: 2, urgesPassed: 1, middleCount: 2 });
    expect(t.checkIns.map((x: { date: string }) => x.date)).toEqual([
      today,
      addDays(today, -1),
      addDays(today, -3),
      addDays(today, -10),
    ]);
    expect(t.urges).toHaveLength(2);
    expect(t.summary).toMatchObject({ currentStreak: 2, lastActDate: addDays(today, -2) });
    expect(t.settings).toEqual({ actTerm: "lapse", streakLabel: "days" });
    expect(t.events).toHaveLength(4);
    expect(t.events.find((e: { id: string }) => e.id === acts.voided).voided).toBe(true);
    expect(t.slipReviews.map((r: { id: string }) => r.id)).toEqual([reviews.shared]);
    expect(t.flags.map((f: { kind: string }) => f.kind).sort()).toEqual([
      "inner_circle_event",
      "rising_middle_circle",
    ]);
  });

  it("shows the client their private reviews too, and defaults to 90 days", async () => {
    const res = await call("GET", timelineUrl(), c.rising.userId);
    expect(res.statusCode).toBe(200);
    expect(res.json().days).toHaveLength(90);
    expect(
      res
        .json()
        .slipReviews.map((r: { id: string }) => r.id)
        .sort(),
    ).toEqual([reviews.shared, reviews.private].sort());
  });

  it("refuses days outside 7 to 366, naming days", async () => {
    for (const days of [6, 367, "many", 7.5]) {
      const res = await call("GET", timelineUrl(days), clinicianId);
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(["querystring.days"]);
    }
    expect((await call("GET", timelineUrl(366), clinicianId)).json().days).toHaveLength(366);
  });

  it("answers 404 to a clinician not on the care team, and to another client", async () => {
    expect((await call("GET", timelineUrl(30), outsiderId)).statusCode).toBe(404);
    expect((await call("GET", timelineUrl(30), c.others.userId)).statusCode).toBe(404);
  });

  it("lists exactly the caller's clients in the programme, with flags, and audits each", async () => {
    const before = await get()
      .db.kysely.selectFrom("audit_events")
      .select(["client_id", "actor_user_id"])
      .where("record_type", "=", "caseload")
      .execute();
    expect(before).toEqual([]);

    const res = await call("GET", `/api/organisations/${orgId}/caseload`, clinicianId);
    expect(res.statusCode).toBe(200);
    const list = res.json() as { clientId: string; flags: { kind: string; detail: string }[] }[];
    expect(list.map((e) => e.clientId).sort()).toEqual([c.rising.id, c.quiet.id, c.glass.id].sort());
    const entry = (client: Client) => list.find((e) => e.clientId === client.id);

    expect(entry(c.quiet)).toEqual({
      clientId: c.quiet.id,
      name: c.quiet.name,
      lastCheckIn: addDays(today, -4),
      currentStreak: 10,
      flags: [{ kind: "no_check_in", detail: "No check-in for 4 days" }],
      latestScores: [],
      assessmentsDue: null,
    });
    expect(entry(c.rising)).toMatchObject({ lastCheckIn: today, currentStreak: 2 });
    expect(entry(c.rising)?.flags).toEqual([
      {
        kind: "rising_middle_circle",
        detail: "Middle-circle behaviours up: 5 in the last 7 days, 1 in the 7 before",
      },
      { kind: "inner_circle_event", detail: `A lapse logged on ${addDays(today, -2)}` },
    ]);
    expect(entry(c.glass)).toMatchObject({
      lastCheckIn: null,
      currentStreak: 0,
      flags: [{ kind: "no_check_in", detail: "No check-ins yet" }],
    });

    const audited = await get()
      .db.kysely.selectFrom("audit_events")
      .select(["client_id", "actor_user_id", "action", "outcome"])
      .where("record_type", "=", "caseload")
      .execute();
    expect(audited.map((a) => a.client_id).sort()).toEqual([c.rising.id, c.quiet.id, c.glass.id].sort());
    expect(audited.every((a) => a.actor_user_id === clinicianId && a.action === "read")).toBe(true);

    const theirs = await call("GET", `/api/organisations/${orgId}/caseload`, outsiderId);
    expect(theirs.json().map((e: { clientId: string }) => e.clientId)).toEqual([c.others.id]);
    const elsewhere = await call(
      "GET",
      `/api/organisations/${c.elsewhere.organisationId}/caseload`,
      clinicianId,
    );
    expect(elsewhere.statusCode).toBe(404);
    expect((await call("GET", `/api/organisations/${orgId}/caseload`, c.rising.userId)).statusCode).toBe(404);
  });
});
