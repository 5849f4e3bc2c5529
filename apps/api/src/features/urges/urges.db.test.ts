import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildOrganisation,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";
import { insertLedgerEvent } from "../ledger/ledger.repository.js";

describeEachDialect("urges", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let outsiderId: string;
  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const post = (payload: object, who = client) =>
    call("POST", `/api/clients/${who.id}/urges`, who.userId, payload);
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
  const urge = (over: object = {}) => ({
    id: uuidv7(),
    startedAt: minutesAgo(30),
    endedAt: minutesAgo(18),
    intensities: [3, 6, 8, 5, 2],
    outcome: "passed",
    ...over,
  });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const ledgerFrom = (sourceId: string) =>
    get().db.kysely.selectFrom("ledger_events").selectAll().where("source_id", "=", sourceId).execute();

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
    // Sober since 30 days ago.
    const today = localDateOf(new Date(), "Europe/London");
    await insertLedgerEvent(db.kysely, {
      id: uuidv7(),
      client_id: client.id,
      kind: "sobriety_start",
      date: addDays(today, -30),
      target_id: null,
      note: null,
      source: "manual",
      source_id: null,
      recorded_by_user_id: client.userId,
      recorded_at: new Date(),
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it("logs an urge, and a retry of the same submit changes nothing", async () => {
    const body = urge({ note: "Came and went" });
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      id: body.id,
      minutes: 12,
      peak: 8,
      outcome: "passed",
      triggerId: null,
    });
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const rows = await get().db.kysely.selectFrom("urges").select("id").where("id", "=", body.id).execute();
    expect(rows).toHaveLength(1);
    const changed = await post({ ...body, outcome: "middle_circle" });
    expect(changed.statusCode).toBe(409);
  });

  it("answers a double submit sent at once with one 201 and one 200", async () => {
    const body = urge({ outcome: "inner_circle" });
    const statuses = (await Promise.all([post(body), post(body)])).map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, 201]);
    expect(await ledgerFrom(body.id)).toHaveLength(1);
  });

  it("refuses an end before the start or in the future, naming endedAt", async () => {
    const backwards = await post(urge({ startedAt: minutesAgo(10), endedAt: minutesAgo(20) }));
    expect(backwards.statusCode).toBe(400);
    expect(fieldsOf(backwards)).toEqual(["endedAt"]);
    const future = await post(urge({ startedAt: minutesAgo(10), endedAt: minutesAgo(-10) }));
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future)).toEqual(["endedAt"]);
    // A phone clock a minute fast is fine.
    const skewed = await post(urge({ startedAt: minutesAgo(10), endedAt: minutesAgo(-1) }));
    expect(skewed.statusCode).toBe(201);
  });

  it("refuses intensities outside 0 to 10 and malformed times", async () => {
    const high = await post(urge({ intensities: [3, 11] }));
    expect(high.statusCode).toBe(400);
    expect(fieldsOf(high)).toEqual(["intensities.1"]);
    const empty = await post(urge({ intensities: [] }));
    expect(fieldsOf(empty)).toEqual(["intensities"]);
    const bad = await post(urge({ startedAt: "yesterday" }));
    expect(fieldsOf(bad)).toEqual(["startedAt"]);
  });

  it("accepts only a live trigger of this client", async () => {
    const db = get().db;
    const triggerId = uuidv7();
    const put = await call("PUT", `/api/clients/${client.id}/triggers/${triggerId}`, client.userId, {
      category: "feeling",
      label: "Lonely evenings",
      copingIds: [],
    });
    expect(put.statusCode).toBe(201);
    const ok = await post(urge({ triggerId }));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ triggerId, triggerLabel: "Lonely evenings" });

    const unknown = await post(urge({ triggerId: uuidv7() }));
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(["triggerId"]);

    const theirs = uuidv7();
    await call("PUT", `/api/clients/${other.id}/triggers/${theirs}`, other.userId, {
      category: "place",
      label: "Their trigger",
      copingIds: [],
    });
    expect(fieldsOf(await post(urge({ triggerId: theirs })))).toEqual(["triggerId"]);

    await call("DELETE", `/api/clients/${client.id}/triggers/${triggerId}`, client.userId);
    expect(fieldsOf(await post(urge({ triggerId })))).toEqual(["triggerId"]);
    expect(
      await db.kysely.selectFrom("urges").select("id").where("trigger_id", "=", theirs).execute(),
    ).toEqual([]);
  });

  it("dates the urge by the client's local day", async () => {
    // 23:30 UTC on 1 July is 00:30 on 2 July in London (summer time).
    const res = await post(urge({ startedAt: "2025-07-01T23:30:00Z", endedAt: "2025-07-01T23:45:00Z" }));
    expect(res.statusCode).toBe(201);
    expect(res.json().date).toBe("2025-07-02");
  });

  it("records one act in the ledger for an urge acted on, once, from the urge", async () => {
    const body = urge({ outcome: "inner_circle" });
    expect((await post(body)).statusCode).toBe(201);
    expect((await post(body)).statusCode).toBe(200);
    const events = await ledgerFrom(body.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: "inner_circle_act",
      source: "urge",
      client_id: client.id,
      date: localDateOf(body.startedAt, "Europe/London"),
    });
  });

  it("keeps an acted-on urge from before the sobriety start, without a ledger act", async () => {
    const body = urge({
      outcome: "inner_circle",
      startedAt: new Date(Date.now() - 40 * 86_400_000).toISOString(),
      endedAt: new Date(Date.now() - 40 * 86_400_000 + 600_000).toISOString(),
    });
    expect((await post(body)).statusCode).toBe(201);
    expect(await ledgerFrom(body.id)).toEqual([]);
  });

  describe("reading", () => {
    it("shows the client and the care team the urges with their figures; others get 404", async () => {
      const mine = await call("GET", `/api/clients/${client.id}/urges`, client.userId);
      expect(mine.statusCode).toBe(200);
      const view = mine.json();
      expect(view.urges.length).toBeGreaterThan(3);
      expect(view.stats.count).toBe(view.urges.length);
      expect(view.stats.passedShare).toBeGreaterThan(0);
      expect(view.stats.medianMinutes).toBeGreaterThan(0);
      // Newest first.
      const starts = view.urges.map((u: { startedAt: string }) => u.startedAt);
      expect(starts).toEqual([...starts].sort().reverse());

      const staff = await call("GET", `/api/clients/${client.id}/urges`, careTeamId);
      expect(staff.json()).toEqual(view);
      expect((await call("GET", `/api/clients/${client.id}/urges`, outsiderId)).statusCode).toBe(404);
      expect((await call("GET", `/api/clients/${client.id}/urges`, other.userId)).statusCode).toBe(404);
      expect((await post(urge(), { ...client, userId: careTeamId })).statusCode).toBe(404);
    });

    it("filters by local days and refuses a range that ends before it starts", async () => {
      const day = await call(
        "GET",
        `/api/clients/${client.id}/urges?from=2025-07-02&to=2025-07-02`,
        client.userId,
      );
      expect(day.json().urges.map((u: { date: string }) => u.date)).toEqual(["2025-07-02"]);
      const none = await call(
        "GET",
        `/api/clients/${client.id}/urges?from=2020-01-01&to=2020-01-02`,
        client.userId,
      );
      expect(none.json().stats).toEqual({
        count: 0,
        medianMinutes: null,
        passedShare: null,
        medianPeak: null,
      });
      const backwards = await call(
        "GET",
        `/api/clients/${client.id}/urges?from=2025-07-03&to=2025-07-02`,
        client.userId,
      );
      expect(backwards.statusCode).toBe(400);
      expect(fieldsOf(backwards)).toEqual(["querystring.from"]);
    });
  });
});
