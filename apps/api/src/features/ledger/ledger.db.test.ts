import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildGrantee,
  buildOrganisation,
  buildUser,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";

type Method = "GET" | "PUT" | "POST";

describeEachDialect("sobriety ledger", ({ get }) => {
  let app: FastifyInstance;
  let org: { id: string };
  let client: Awaited<ReturnType<typeof buildClient>>;
  let otherClient: Awaited<ReturnType<typeof buildClient>>;
  let clinician: { id: string };
  let outsider: { id: string };
  let admin: { id: string };
  let partner: { id: string };
  let today: string;

  const inject = (actor: string, method: Method, url: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: actor }, ...(payload ? { payload } : {}) });
  const call = (actor: string, method: Method, path: string, payload?: object) =>
    inject(actor, method, `/api/clients/${client.id}${path}`, payload);
  const post = (event: object, who = client.userId) => call(who, "POST", "/ledger/events", event);
  const fields = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const rowCount = async () =>
    (
      await get()
        .db.kysely.selectFrom("ledger_events")
        .select("id")
        .where("client_id", "=", client.id)
        .execute()
    ).length;

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    otherClient = await buildClient(db, org.id);
    clinician = await buildClinician(db, org.id, [client.id]);
    outsider = await buildClinician(db, org.id, [otherClient.id]);
    admin = await buildUser(db, "programme_admin", org.id);
    partner = await buildGrantee(db, client, "partner", ["sobriety_summary"]);
    today = localDateOf(new Date(), "Europe/London");
  });
  afterAll(async () => {
    await app.close();
  });

  const startId = uuidv7();
  const actId = uuidv7();

  it("starts empty, with the programme's default words", async () => {
    const res = await call(client.userId, "GET", "/ledger");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      timeZone: "Europe/London",
      settings: { actTerm: "lapse", streakLabel: "days" },
      summary: { startDate: null, currentStreak: 0 },
      events: [],
    });
  });

  it("records a start date once: the same event again is 200 with no new row; other content is 409", async () => {
    const start = { id: startId, kind: "sobriety_start", date: addDays(today, -20), note: "Day one" };
    const first = await post(start);
    expect(first.statusCode).toBe(201);
    expect(first.json().summary).toMatchObject({ startDate: addDays(today, -20), currentStreak: 20 });
    const again = await post(start);
    expect(again.statusCode).toBe(200);
    expect(await rowCount()).toBe(1);
    const changed = await post({ ...start, date: addDays(today, -19) });
    expect(changed.statusCode).toBe(409);
    expect(await rowCount()).toBe(1);
  });

  it("refuses a date after the client's today, naming date", async () => {
    const res = await post({ id: uuidv7(), kind: "inner_circle_act", date: addDays(today, 1) });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["date"]);
    const bad = await post({ id: uuidv7(), kind: "sobriety_start", date: "2026-02-30" });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(["date"]);
    expect(await rowCount()).toBe(1);
  });

  it("refuses an inner-circle act before the current start date, naming date", async () => {
    const res = await post({ id: uuidv7(), kind: "inner_circle_act", date: addDays(today, -21) });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["date"]);
    expect(await rowCount()).toBe(1);
  });

  it("counts an act, keeps the longest streak, lists events newest first with who recorded them", async () => {
    const res = await post({ id: actId, kind: "inner_circle_act", date: addDays(today, -5) });
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view.summary).toMatchObject({
      currentStreak: 5,
      longestStreak: 15,
      lastActDate: addDays(today, -5),
      actsInLast365: 1,
    });
    expect(view.events.map((e: { id: string }) => e.id)).toEqual([actId, startId]);
    expect(view.events[0]).toMatchObject({
      kind: "inner_circle_act",
      source: "manual",
      recordedBy: client.name,
      voided: false,
      targetId: null,
    });
  });

  it("refuses corrections of nothing, of another client's event, or of a correction, naming targetId", async () => {
    const otherEvent = uuidv7();
    await inject(otherClient.userId, "POST", `/api/clients/${otherClient.id}/ledger/events`, {
      id: otherEvent,
      kind: "sobriety_start",
      date: today,
    });
    for (const targetId of [uuidv7(), otherEvent]) {
      const res = await post({ id: uuidv7(), kind: "void", targetId });
      expect(res.statusCode).toBe(400);
      expect(fields(res)).toEqual(["targetId"]);
    }
    expect(await rowCount()).toBe(2);
  });

  it("voids an event with a correction, once; the count comes back", async () => {
    const voidId = uuidv7();
    const res = await post({ id: voidId, kind: "void", targetId: actId, note: "Logged by mistake" });
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view.summary).toMatchObject({ currentStreak: 20, lastActDate: null });
    expect(view.events.find((e: { id: string }) => e.id === actId).voided).toBe(true);
    expect(view.events[0]).toMatchObject({ id: voidId, kind: "void", targetId: actId, voided: false });
    // The same correction resent is a retry; a second, new correction of it is refused.
    expect(
      (await post({ id: voidId, kind: "void", targetId: actId, note: "Logged by mistake" })).statusCode,
    ).toBe(200);
    const twice = await post({ id: uuidv7(), kind: "void", targetId: actId });
    expect(twice.statusCode).toBe(400);
    expect(fields(twice)).toEqual(["targetId"]);
    const ofVoid = await post({ id: uuidv7(), kind: "void", targetId: voidId });
    expect(ofVoid.statusCode).toBe(400);
    expect(fields(ofVoid)).toEqual(["targetId"]);
  });

  it("refuses unknown fields and kinds, naming them", async () => {
    const res = await post({ id: uuidv7(), kind: "sobriety_start", date: today, mood: 3 });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toContain("mood");
    expect((await post({ id: "not-a-uuid", kind: "sobriety_start", date: today })).statusCode).toBe(400);
  });

  it("shows a grant holder the summary only; the care team sees the events; others get 404", async () => {
    const shared = await call(partner.id, "GET", "/ledger");
    expect(shared.statusCode).toBe(200);
    expect(shared.json().events).toEqual([]);
    expect(shared.json().summary.currentStreak).toBe(20);
    const team = await call(clinician.id, "GET", "/ledger");
    expect(team.json().events.length).toBe(3);
    expect((await call(outsider.id, "GET", "/ledger")).statusCode).toBe(404);
    // Only the client adds to their ledger.
    expect((await post({ id: uuidv7(), kind: "sobriety_start", date: today }, clinician.id)).statusCode).toBe(
      404,
    );
  });

  it("uses the programme's words once the admin chooses them", async () => {
    const settingsUrl = `/api/organisations/${org.id}/recovery-settings`;
    expect((await inject(clinician.id, "GET", settingsUrl)).json()).toEqual({
      actTerm: "lapse",
      streakLabel: "days",
    });
    const bad = await inject(admin.id, "PUT", settingsUrl, { actTerm: "failure", streakLabel: "" });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(expect.arrayContaining(["actTerm", "streakLabel"]));
    const saved = await inject(admin.id, "PUT", settingsUrl, {
      actTerm: "slip",
      streakLabel: "days of sobriety",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ actTerm: "slip", streakLabel: "days of sobriety" });
    expect(
      (await inject(admin.id, "PUT", settingsUrl, { actTerm: "relapse", streakLabel: "sober days" })).json(),
    ).toEqual({ actTerm: "relapse", streakLabel: "sober days" });
    expect((await call(client.userId, "GET", "/ledger")).json().settings).toEqual({
      actTerm: "relapse",
      streakLabel: "sober days",
    });
    expect(
      (await inject(clinician.id, "PUT", settingsUrl, { actTerm: "lapse", streakLabel: "days" })).statusCode,
    ).toBe(404);
  });
});
