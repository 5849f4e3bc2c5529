import { uuidv7 } from "@lantern/domain";
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

describeEachDialect("support network", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let supporter: Awaited<ReturnType<typeof buildGrantee>>;
  let strangerId: string;
  const call = (method: "GET" | "PUT" | "DELETE", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const put = (id: string, body: object, who = client) =>
    call("PUT", `/api/clients/${who.id}/contacts/${id}`, who.userId, body);
  const fieldsOf = (res: { json(): unknown }) => [
    ...new Set(((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field)),
  ];
  const sponsorId = uuidv7();
  const therapistId = uuidv7();
  const linkedId = uuidv7();

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    supporter = await buildGrantee(db, client, "supporter", ["sos_alerts"]);
    strangerId = (await buildUser(db, "supporter", org.id)).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it("adds contacts (201), changes them (200) and lists them first to call first", async () => {
    const first = await put(sponsorId, {
      name: "Jo Sponsor",
      role: "sponsor",
      phone: "+44 (0)20 7946-0001",
      availability: "evenings",
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: sponsorId, position: 1, phone: "+44 (0)20 7946-0001" });
    expect(
      (await put(therapistId, { name: "Dr Lee", role: "therapist", email: "lee@example.org" })).statusCode,
    ).toBe(201);
    const changed = await put(sponsorId, { name: "Jo", role: "sponsor", phone: "07700 900001" });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ name: "Jo", availability: null, position: 1 });
    const list = await call("GET", `/api/clients/${client.id}/contacts`, client.userId);
    expect(list.json().map((c: { id: string; position: number }) => [c.id, c.position])).toEqual([
      [sponsorId, 1],
      [therapistId, 2],
    ]);
    // The care team sees the network; a supporter and another client do not.
    expect((await call("GET", `/api/clients/${client.id}/contacts`, careTeamId)).statusCode).toBe(200);
    expect((await call("GET", `/api/clients/${client.id}/contacts`, supporter.id)).statusCode).toBe(404);
    expect((await call("GET", `/api/clients/${client.id}/contacts`, other.userId)).statusCode).toBe(404);
  });

  it("validates phone numbers, emails and that there is a way to reach them", async () => {
    expect(fieldsOf(await put(uuidv7(), { name: "A", role: "family", phone: "call me" }))).toEqual(["phone"]);
    expect(fieldsOf(await put(uuidv7(), { name: "A", role: "family", phone: "12" }))).toEqual(["phone"]);
    expect(fieldsOf(await put(uuidv7(), { name: "A", role: "family", email: "not-an-email" }))).toEqual([
      "email",
    ]);
    expect(fieldsOf(await put(uuidv7(), { name: "A", role: "family" }))).toEqual(["phone"]);
    expect(fieldsOf(await put(uuidv7(), { name: "A", role: "boss", phone: "911" }))).toEqual(["role"]);
    const count = await get().db.kysely.selectFrom("support_contacts").select("id").execute();
    expect(count).toHaveLength(2);
  });

  it("links an account only when that person holds a live grant on this client", async () => {
    const stranger = await put(linkedId, { name: "Someone", role: "other", linkedUserId: strangerId });
    expect(stranger.statusCode).toBe(400);
    expect(fieldsOf(stranger)).toEqual(["linkedUserId"]);
    const linked = await put(linkedId, {
      name: "Chris",
      role: "accountability_partner",
      linkedUserId: supporter.id,
    });
    expect(linked.statusCode).toBe(201);
    expect(linked.json()).toMatchObject({ linkedUserId: supporter.id, position: 3 });
  });

  it("reorders with exactly the live contacts, and refuses anything else naming order", async () => {
    const url = `/api/clients/${client.id}/contacts-order`;
    const missing = await call("PUT", url, client.userId, { order: [therapistId, sponsorId] });
    expect(missing.statusCode).toBe(400);
    expect(fieldsOf(missing)).toEqual(["order"]);
    const twice = await call("PUT", url, client.userId, { order: [therapistId, sponsorId, sponsorId] });
    expect(fieldsOf(twice)).toEqual(["order"]);
    const ok = await call("PUT", url, client.userId, { order: [linkedId, therapistId, sponsorId] });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().map((c: { id: string }) => c.id)).toEqual([linkedId, therapistId, sponsorId]);
  });

  it("archives a contact (204), keeps another client's contacts out of reach (404)", async () => {
    expect(
      (await put(therapistId, { name: "Mine now", role: "other", phone: "999" }, other)).statusCode,
    ).toBe(404);
    expect(
      (await call("DELETE", `/api/clients/${other.id}/contacts/${therapistId}`, other.userId)).statusCode,
    ).toBe(404);
    expect(
      (await call("DELETE", `/api/clients/${client.id}/contacts/${therapistId}`, client.userId)).statusCode,
    ).toBe(204);
    const list = await call("GET", `/api/clients/${client.id}/contacts`, client.userId);
    expect(list.json().map((c: { id: string; position: number }) => [c.id, c.position])).toEqual([
      [linkedId, 1],
      [sponsorId, 2],
    ]);
    // The order now lists the two live contacts only.
    const order = await call("PUT", `/api/clients/${client.id}/contacts-order`, client.userId, {
      order: [sponsorId, linkedId],
    });
    expect(order.statusCode).toBe(200);
  });
});
