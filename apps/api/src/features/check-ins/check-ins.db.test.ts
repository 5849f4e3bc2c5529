import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildGrantee,
  buildOrganisation,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";

type Method = "GET" | "PUT" | "POST";
type Client = Awaited<ReturnType<typeof buildClient>>;

const answers = (overrides: Record<string, unknown> = {}) => ({
  id: uuidv7(),
  mood: 3,
  feelings: ["calm", "hopeful"],
  halt: { hungry: false, angry: false, lonely: true, tired: false },
  stress: 4,
  sleepHours: 7.5,
  sleepQuality: 4,
  urgeStrength: 2,
  middleItemIds: [] as string[],
  outerItemIds: [] as string[],
  innerCircle: false,
  ...overrides,
});

describeEachDialect("daily check-ins and the home screen", ({ get }) => {
  let app: FastifyInstance;
  let client: Client;
  let clinician: { id: string };
  let outsider: { id: string };
  let supporter: { id: string };
  let today: string;
  let start: string;
  let middle: string[];
  let outer: string[];

  const inject = (actor: string, method: Method, url: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: actor }, ...(payload ? { payload } : {}) });
  const as = (c: Client, method: Method, path: string, payload?: object) =>
    inject(c.userId, method, `/api/clients/${c.id}${path}`, payload);
  const put = (date: string, body: object, c: Client = client) => as(c, "PUT", `/check-ins/${date}`, body);
  const fields = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const checkInRows = (clientId: string) =>
    get().db.kysely.selectFrom("check_ins").selectAll().where("client_id", "=", clientId).execute();
  const ledgerRows = (clientId: string) =>
    get()
      .db.kysely.selectFrom("ledger_events")
      .selectAll()
      .where("client_id", "=", clientId)
      .orderBy("recorded_at")
      .orderBy("id")
      .execute();

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    const other = await buildClient(db, org.id);
    clinician = await buildClinician(db, org.id, [client.id]);
    outsider = await buildClinician(db, org.id, [other.id]);
    supporter = await buildGrantee(db, client, "supporter", ["three_circles", "sobriety_summary", "profile"]);
    today = localDateOf(new Date(), "Europe/London");
    start = addDays(today, -10);
    const circles = await as(client, "PUT", "/circles", {
      baseVersion: 0,
      items: [
        { circle: "inner", text: "Paid sex" },
        { circle: "middle", text: "Browsing late" },
        { circle: "middle", text: "Isolating" },
        { circle: "outer", text: "Call Sam" },
      ],
    });
    const items = circles.json().items as { id: string; circle: string }[];
    middle = items.filter((i) => i.circle === "middle").map((i) => i.id);
    outer = items.filter((i) => i.circle === "outer").map((i) => i.id);
    await as(client, "POST", "/ledger/events", { id: uuidv7(), kind: "sobriety_start", date: start });
  });
  afterAll(async () => {
    await app.close();
  });

  const todaysId = uuidv7();

  it("saves today's check-in (201), not late and still editable", async () => {
    const body = answers({ id: todaysId, middleItemIds: [middle[0]], outerItemIds: outer, note: "Long day" });
    const res = await put(today, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: todaysId,
      date: today,
      late: false,
      editable: true,
      mood: 3,
      sleepHours: 7.5,
      feelings: ["calm", "hopeful"],
      halt: { hungry: false, angry: false, lonely: true, tired: false },
      middleItemIds: [middle[0]],
      outerItemIds: outer,
      innerCircle: false,
      note: "Long day",
    });
  });

  it("answers a retried submission with the same row and writes nothing new", async () => {
    const body = answers({ id: todaysId, middleItemIds: [middle[0]], outerItemIds: outer, note: "Long day" });
    const before = await checkInRows(client.id);
    const res = await put(today, body);
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(todaysId);
    expect(await checkInRows(client.id)).toEqual(before);
  });

  it("lets the client change it on the same day (200)", async () => {
    const res = await put(today, answers({ id: todaysId, mood: 4, middleItemIds: middle }));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ mood: 4, middleItemIds: middle, note: null, late: false });
    expect(await checkInRows(client.id)).toHaveLength(1);
  });

  it("refuses a second check-in with another id for the same day (409), pointing at the existing one", async () => {
    const res = await put(today, answers());
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/change it/);
    expect(await checkInRows(client.id)).toHaveLength(1);
  });

  it("refuses the same id on another day (409)", async () => {
    const res = await put(addDays(today, -1), answers({ id: todaysId }));
    expect(res.statusCode).toBe(409);
  });

  it("refuses a future day, naming date; an impossible day, naming the path's date", async () => {
    const future = await put(addDays(today, 1), answers());
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual(["date"]);
    const impossible = await put("2026-02-30", answers());
    expect(impossible.statusCode).toBe(400);
    expect(fields(impossible)).toEqual(["params.date"]);
  });

  it("refuses a day before the sobriety start date, naming date", async () => {
    const res = await put(addDays(start, -1), answers());
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["date"]);
  });

  it("refuses out-of-range scales, naming each field", async () => {
    const res = await put(
      addDays(today, -2),
      answers({
        mood: 6,
        stress: -1,
        urgeStrength: 11,
        sleepHours: 25,
        sleepQuality: 0,
        feelings: ["grumpy"],
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(
      expect.arrayContaining(["mood", "stress", "urgeStrength", "sleepHours", "sleepQuality", "feelings.0"]),
    );
    expect(fields(await put(addDays(today, -2), answers({ mood: 2.5 })))).toEqual(["mood"]);
  });

  it("refuses unknown circle items and items of the wrong circle, naming them", async () => {
    const unknown = await put(addDays(today, -2), answers({ middleItemIds: [middle[0], uuidv7()] }));
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual(["middleItemIds.1"]);
    const wrong = await put(addDays(today, -2), answers({ middleItemIds: outer, outerItemIds: [middle[1]] }));
    expect(wrong.statusCode).toBe(400);
    expect(fields(wrong)).toEqual(["middleItemIds.0", "outerItemIds.0"]);
    expect(await checkInRows(client.id)).toHaveLength(1);
  });

  it("marks a check-in for an earlier day late", async () => {
    const res = await put(addDays(today, -2), answers());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ late: true, editable: true, date: addDays(today, -2) });
  });

  it("refuses changes after the day it was saved (409), but still answers a plain retry", async () => {
    const id = uuidv7();
    const body = answers({ id });
    expect((await put(addDays(today, -3), body)).statusCode).toBe(201);
    // As if it had been saved yesterday.
    await get()
      .db.kysely.updateTable("check_ins")
      .set({ saved_on: addDays(today, -1) })
      .where("id", "=", id)
      .execute();
    const retry = await put(addDays(today, -3), body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().editable).toBe(false);
    const change = await put(addDays(today, -3), { ...body, mood: 1 });
    expect(change.statusCode).toBe(409);
    expect(change.json().title).toMatch(/can no longer be changed/);
    expect((await checkInRows(client.id)).find((r) => r.id === id)?.mood).toBe(3);
  });

  it("adds one ledger event for a yes to the inner circle, and voids it when changed back the same day", async () => {
    const id = uuidv7();
    const day = addDays(today, -4);
    expect((await put(day, answers({ id, innerCircle: true }))).statusCode).toBe(201);
    // A change that keeps the yes does not add a second event.
    expect((await put(day, answers({ id, innerCircle: true, mood: 2 }))).statusCode).toBe(200);
    let events = (await ledgerRows(client.id)).filter((e) => e.source_id === id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "inner_circle_act", date: day, source: "check_in" });
    let ledger = (await as(client, "GET", "/ledger")).json();
    expect(ledger.summary).toMatchObject({ lastActDate: day, currentStreak: 4 });

    expect((await put(day, answers({ id, innerCircle: false, mood: 2 }))).statusCode).toBe(200);
    events = (await ledgerRows(client.id)).filter((e) => e.source_id === id);
    expect(events.map((e) => e.kind)).toEqual(["inner_circle_act", "void"]);
    expect(events[1]?.target_id).toBe(events[0]?.id);
    ledger = (await as(client, "GET", "/ledger")).json();
    expect(ledger.summary).toMatchObject({ lastActDate: null, currentStreak: 10 });

    // Yes again: a fresh event, the voided one stays voided.
    expect((await put(day, answers({ id, innerCircle: true, mood: 2 }))).statusCode).toBe(200);
    events = (await ledgerRows(client.id)).filter((e) => e.source_id === id);
    expect(events.map((e) => e.kind)).toEqual(["inner_circle_act", "void", "inner_circle_act"]);
  });

  it("respects a correction made on the ledger page: no second void for an event already voided", async () => {
    const fresh = await buildClient(get().db);
    await as(fresh, "POST", "/ledger/events", {
      id: uuidv7(),
      kind: "sobriety_start",
      date: addDays(today, -3),
    });
    const id = uuidv7();
    expect((await put(today, answers({ id, innerCircle: true }), fresh)).statusCode).toBe(201);
    const act = (await ledgerRows(fresh.id)).find((e) => e.source_id === id);
    expect(
      (await as(fresh, "POST", "/ledger/events", { id: uuidv7(), kind: "void", targetId: act?.id }))
        .statusCode,
    ).toBe(201);
    expect((await put(today, answers({ id, innerCircle: false }), fresh)).statusCode).toBe(200);
    expect((await ledgerRows(fresh.id)).map((e) => e.kind)).toEqual([
      "sobriety_start",
      "inner_circle_act",
      "void",
    ]);
  });

  it("lists check-ins newest first for the client and the care team; others get 404", async () => {
    const mine = await as(client, "GET", "/check-ins");
    expect(mine.statusCode).toBe(200);
    const dates = mine.json().map((c: { date: string }) => c.date);
    expect(dates).toEqual([today, addDays(today, -2), addDays(today, -3), addDays(today, -4)]);
    const team = await inject(clinician.id, "GET", `/api/clients/${client.id}/check-ins`);
    expect(team.statusCode).toBe(200);
    expect(team.json()).toHaveLength(4);
    expect((await inject(outsider.id, "GET", `/api/clients/${client.id}/check-ins`)).statusCode).toBe(404);
    expect((await inject(supporter.id, "GET", `/api/clients/${client.id}/check-ins`)).statusCode).toBe(404);
    // Only the client writes their check-in.
    expect(
      (await inject(clinician.id, "PUT", `/api/clients/${client.id}/check-ins/${today}`, answers()))
        .statusCode,
    ).toBe(404);
  });

  it("filters by range and refuses a reversed range, naming from", async () => {
    const some = await as(client, "GET", `/check-ins?from=${addDays(today, -3)}&to=${addDays(today, -2)}`);
    expect(some.json().map((c: { date: string }) => c.date)).toEqual([
      addDays(today, -2),
      addDays(today, -3),
    ]);
    const reversed = await as(client, "GET", `/check-ins?from=${today}&to=${addDays(today, -1)}`);
    expect(reversed.statusCode).toBe(400);
    expect(fields(reversed)).toEqual(["from"]);
    expect((await as(client, "GET", "/check-ins?from=yesterday")).statusCode).toBe(400);
  });

  it("builds the home screen in one request", async () => {
    const db = get().db.kysely;
    const now = new Date();
    const urge = (minutes: number, peak: number, outcome: string) => ({
      id: uuidv7(),
      client_id: client.id,
      date: today,
      started_at: new Date(now.getTime() - minutes * 60_000),
      ended_at: now,
      intensities: JSON.stringify([peak - 1, peak, 1]),
      peak,
      outcome,
      trigger_id: null,
      note: null,
      created_at: now,
    });
    await db
      .insertInto("urges")
      .values([urge(10, 6, "passed"), urge(20, 8, "passed"), urge(30, 9, "middle_circle")])
      .execute();

    const res = await as(client, "GET", "/recovery/today");
    expect(res.statusCode).toBe(200);
    const home = res.json();
    expect(home).toMatchObject({
      today,
      timeZone: "Europe/London",
      settings: { actTerm: "lapse" },
      summary: { startDate: start, currentStreak: 4 },
      checkIn: { id: todaysId, date: today, editable: true },
      circles: { version: 1 },
      urgeStats: { count: 3, medianMinutes: 20, medianPeak: 8 },
    });
    expect(home.urgeStats.passedShare).toBeCloseTo(2 / 3, 2);
    expect(home.circles.items).toHaveLength(4);
    // Checked in on today-2, -3 and -4; the start date was 10 days ago, so all seven days count.
    expect(home.missedDays).toEqual([1, 5, 6, 7].map((n) => addDays(today, -n)));

    // The act from the check-in four days ago has no review yet; once reviewed, nothing is offered.
    const act = (await ledgerRows(client.id)).filter((e) => e.kind === "inner_circle_act").at(-1);
    expect(home).toMatchObject({ unreviewedActDate: addDays(today, -4), unreviewedActId: act?.id });
    await db
      .insertInto("slip_reviews")
      .values({
        id: uuidv7(),
        client_id: client.id,
        ledger_event_id: act?.id ?? null,
        date: addDays(today, -4),
        vulnerabilities: null,
        trigger: null,
        thoughts: null,
        feelings: null,
        actions: null,
        consequences: null,
        lessons: "[]",
        shared_with_care_team: false,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const after = (await as(client, "GET", "/recovery/today")).json();
    expect(after).toMatchObject({ unreviewedActDate: null, unreviewedActId: null });
  });

  it("does not offer missed days before the start date, and is for the client only", async () => {
    const fresh = await buildClient(get().db);
    await as(fresh, "POST", "/ledger/events", {
      id: uuidv7(),
      kind: "sobriety_start",
      date: addDays(today, -2),
    });
    const home = (await as(fresh, "GET", "/recovery/today")).json();
    expect(home).toMatchObject({
      checkIn: null,
      missedDays: [addDays(today, -1), addDays(today, -2)],
      circles: { version: 0, items: [] },
      urgeStats: { count: 0, medianMinutes: null, passedShare: null, medianPeak: null },
      unreviewedActDate: null,
    });
    expect((await inject(clinician.id, "GET", `/api/clients/${client.id}/recovery/today`)).statusCode).toBe(
      404,
    );
  });

  describe("time zones", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it("takes 'today' from the client's own zone: Auckland is a day ahead of Los Angeles", async () => {
      const db = get().db;
      const auckland = await buildClient(db);
      const losAngeles = await buildClient(db);
      await db.kysely
        .updateTable("clients")
        .set({ time_zone: "Pacific/Auckland" })
        .where("id", "=", auckland.id)
        .execute();
      await db.kysely
        .updateTable("clients")
        .set({ time_zone: "America/Los_Angeles" })
        .where("id", "=", losAngeles.id)
        .execute();
      // 12:00 UTC: 01:00 on 11 March in Auckland (NZDT), 05:00 on 10 March in Los Angeles (PDT).
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date("2026-03-10T12:00:00Z"));

      expect((await as(auckland, "GET", "/recovery/today")).json()).toMatchObject({
        today: "2026-03-11",
        timeZone: "Pacific/Auckland",
      });
      expect((await as(losAngeles, "GET", "/recovery/today")).json()).toMatchObject({
        today: "2026-03-10",
        timeZone: "America/Los_Angeles",
      });

      const ahead = await put("2026-03-11", answers(), losAngeles);
      expect(ahead.statusCode).toBe(400);
      expect(fields(ahead)).toEqual(["date"]);
      const onTime = await put("2026-03-11", answers(), auckland);
      expect(onTime.statusCode).toBe(201);
      expect(onTime.json().late).toBe(false);
      const yesterday = await put("2026-03-10", answers(), auckland);
      expect(yesterday.json().late).toBe(true);
      expect((await put("2026-03-10", answers(), losAngeles)).json().late).toBe(false);
    });
  });
});
