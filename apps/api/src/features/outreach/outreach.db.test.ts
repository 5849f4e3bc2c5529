import { uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
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
import { mondayOf } from "./outreach.service.js";

describeEachDialect("outreach log", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let supporterId: string;
  const contactId = uuidv7();
  const callId = uuidv7();
  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const post = (body: object, who = client) =>
    call("POST", `/api/clients/${who.id}/outreach`, who.userId, body);
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    supporterId = (await buildGrantee(db, client, "supporter", ["sos_alerts", "sobriety_summary"])).id;
    await call("PUT", `/api/clients/${client.id}/contacts/${contactId}`, client.userId, {
      name: "Jo Sponsor",
      role: "sponsor",
      phone: "07700 900001",
    });
  });
  afterAll(async () => {
    await app.close();
  });

  it("logs a call with a contact (201) once however often it is sent (200)", async () => {
    const body = { id: callId, contactId, direction: "made", at: hoursAgo(1), note: "Talked it through" };
    const first = await post(body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: callId, contactId, name: "Jo Sponsor", direction: "made" });
    expect((await post(body)).statusCode).toBe(200);
    expect((await post({ ...body }, other)).statusCode).toBe(404);
    expect(
      (await post({ id: uuidv7(), name: "Sam from group", direction: "received", at: hoursAgo(30) }))
        .statusCode,
    ).toBe(201);
    expect(await get().db.kysely.selectFrom("outreach_calls").select("id").execute()).toHaveLength(2);
  });

  it("refuses a future time, someone else's contact and a call with nobody, naming the field", async () => {
    expect(
      fieldsOf(await post({ id: uuidv7(), name: "A", direction: "made", at: "2999-01-01T10:00:00Z" })),
    ).toEqual(["at"]);
    const foreign = uuidv7();
    await call("PUT", `/api/clients/${other.id}/contacts/${foreign}`, other.userId, {
      name: "Theirs",
      role: "family",
      phone: "07700 900002",
    });
    expect(
      fieldsOf(await post({ id: uuidv7(), contactId: foreign, direction: "made", at: hoursAgo(2) })),
    ).toEqual(["contactId"]);
    expect(fieldsOf(await post({ id: uuidv7(), direction: "made", at: hoursAgo(2) }))).toEqual(["name"]);
    expect(fieldsOf(await post({ id: uuidv7(), name: "  ", direction: "made", at: hoursAgo(2) }))).toEqual([
      "name",
    ]);
    expect(fieldsOf(await post({ id: uuidv7(), name: "A", direction: "sideways", at: hoursAgo(2) }))).toEqual(
      ["direction"],
    );
    expect(await get().db.kysely.selectFrom("outreach_calls").select("id").execute()).toHaveLength(2);
  });

  it("counts calls per Monday-first week in the client's zone, for the client and the care team", async () => {
    const res = await call("GET", `/api/clients/${client.id}/outreach`, careTeamId);
    expect(res.statusCode).toBe(200);
    const log = res.json();
    expect(log.calls.map((c: { id: string }) => c.id)[0]).toBe(callId);
    expect(log.weeks).toHaveLength(12);
    for (const w of log.weeks) expect(new Date(`${w.weekStart}T00:00:00Z`).getUTCDay()).toBe(1);
    const total = log.weeks.reduce(
      (n: number, w: { made: number; received: number }) => n + w.made + w.received,
      0,
    );
    expect(total).toBe(2);
    const byWeek = new Map(log.weeks.map((w: { weekStart: string }) => [w.weekStart, w]));
    for (const c of log.calls) expect(byWeek.get(mondayOf(c.date))).toBeDefined();
    expect((await call("GET", `/api/clients/${client.id}/outreach`, supporterId)).statusCode).toBe(404);
  });

  it("finds the Monday of any day", () => {
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
    expect(mondayOf("2026-12-06")).toBe("2026-11-30");
    expect(mondayOf("2026-12-01")).toBe("2026-11-30");
    expect(mondayOf("2027-01-01")).toBe("2026-12-28");
  });
});
