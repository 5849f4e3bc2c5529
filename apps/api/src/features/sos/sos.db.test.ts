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
import { startSmtpServer, type TestSmtpServer } from "../../../test/smtp.js";

describeEachDialect("SOS, alerts and the crisis line", ({ get }) => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let organisationId: string;
  let careTeamId: string;
  let adminId: string;
  let sponsor: Awaited<ReturnType<typeof buildGrantee>>;
  let family: Awaited<ReturnType<typeof buildGrantee>>;
  let partner: Awaited<ReturnType<typeof buildGrantee>>;
  const call = (method: "GET" | "PUT" | "POST", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const sosId = uuidv7();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const db = get().db;
    ({ app } = await bootApp(
      db,
      {
        SMTP_HOST: "127.0.0.1",
        SMTP_PORT: String(smtp.port),
        SMTP_FROM: "Lantern <lantern@example.org>",
        PUBLIC_URL: "https://lantern.example.org",
      },
      { actorLoader: headerActorLoader(db) },
    ));
    const org = await buildOrganisation(db, "Harbour Recovery House");
    organisationId = org.id;
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    adminId = (await buildUser(db, "programme_admin", org.id)).id;
    sponsor = await buildGrantee(db, client, "supporter", ["sos_alerts"]);
    family = await buildGrantee(db, client, "family_member", ["sos_alerts", "profile"]);
    // A partner who may see the summary but not be alerted.
    partner = await buildGrantee(db, client, "partner", ["sobriety_summary"]);
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it("gives the SOS screen in one request, with the default crisis line", async () => {
    const res = await call("GET", `/api/clients/${client.id}/sos`, client.userId);
    expect(res.statusCode).toBe(200);
    const kit = res.json();
    expect(kit.crisisLine).toEqual({ name: "988 Suicide & Crisis Lifeline", phone: "988", text: "988" });
    expect(kit.alertable.map((p: { userId: string }) => p.userId).sort()).toEqual(
      [sponsor.id, family.id].sort(),
    );
    expect(kit).toMatchObject({ coping: [], triggers: [], reminders: [], contacts: [], safetyPlan: null });
    expect((await call("GET", `/api/clients/${client.id}/sos`, careTeamId)).statusCode).toBe(404);
    expect((await call("GET", `/api/clients/${client.id}/sos`, sponsor.id)).statusCode).toBe(404);
  });

  it("lets the admin set the programme's crisis line, which the client then sees", async () => {
    const url = `/api/organisations/${organisationId}/crisis-line`;
    const bad = await call("PUT", url, adminId, { name: "Samaritans", phone: "ring us" });
    expect(fieldsOf(bad)).toContain("phone");
    expect((await call("PUT", url, careTeamId, { name: "X", phone: "116 123" })).statusCode).toBe(404);
    const set = await call("PUT", url, adminId, { name: "Samaritans", phone: "116 123" });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toEqual({ name: "Samaritans", phone: "116 123", text: null });
    expect((await call("GET", url, careTeamId)).json()).toEqual(set.json());
    // The programme's words were created with the defaults and are untouched.
    const words = await call("GET", `/api/organisations/${organisationId}/recovery-settings`, adminId);
    expect(words.json()).toMatchObject({ actTerm: "lapse", streakLabel: "days" });
    const kit = (await call("GET", `/api/clients/${client.id}/sos`, client.userId)).json();
    expect(kit.crisisLine.name).toBe("Samaritans");
  });

  it("records a use once however often it is sent (201, then 200)", async () => {
    const url = `/api/clients/${client.id}/sos`;
    const first = await call("POST", url, client.userId, { id: sosId, harmThoughts: false });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: sosId, harmThoughts: false, notifiedNames: [] });
    expect((await call("POST", url, client.userId, { id: sosId, harmThoughts: false })).statusCode).toBe(200);
    const unknownTrigger = await call("POST", url, client.userId, {
      id: uuidv7(),
      harmThoughts: true,
      triggerId: uuidv7(),
    });
    expect(fieldsOf(unknownTrigger)).toEqual(["triggerId"]);
    // Another client cannot take over the id.
    const hijack = await call("POST", `/api/clients/${other.id}/sos`, other.userId, {
      id: sosId,
      harmThoughts: false,
    });
    expect(hijack.statusCode).toBe(404);
    const rows = await get().db.kysely.selectFrom("sos_events").select("id").execute();
    expect(rows).toHaveLength(1);
  });

  it("keeps one use when the client then says harm is on their mind, and never takes that back", async () => {
    const url = `/api/clients/${client.id}/sos`;
    const id = uuidv7();
    expect((await call("POST", url, client.userId, { id, harmThoughts: false })).statusCode).toBe(201);
    const harm = await call("POST", url, client.userId, { id, harmThoughts: true });
    expect(harm.statusCode).toBe(200);
    expect(harm.json()).toMatchObject({ id, harmThoughts: true });
    const again = await call("POST", url, client.userId, { id, harmThoughts: false });
    expect(again.json()).toMatchObject({ id, harmThoughts: true });
    const rows = await get().db.kysely.selectFrom("sos_events").select("id").where("id", "=", id).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses to alert anyone without a live sos_alerts grant, naming them, and writes nothing", async () => {
    const url = `/api/clients/${client.id}/sos/${sosId}/alerts`;
    const res = await call("POST", url, client.userId, { userIds: [sponsor.id, partner.id, careTeamId] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(["userIds.1", "userIds.2"]);
    expect(await get().db.kysely.selectFrom("sos_alerts").select("id").execute()).toHaveLength(0);
    expect(await get().db.kysely.selectFrom("notifications").select("id").execute()).toHaveLength(0);
    expect(
      (
        await call("POST", `/api/clients/${client.id}/sos/${uuidv7()}/alerts`, client.userId, {
          userIds: [sponsor.id],
        })
      ).statusCode,
    ).toBe(404);
  });

  it("alerts the sponsor in the app and by a quiet email that names no one and nothing", async () => {
    const res = await call("POST", `/api/clients/${client.id}/sos/${sosId}/alerts`, client.userId, {
      userIds: [sponsor.id],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sosId,
      alerted: [{ userId: sponsor.id, name: sponsor.name, emailed: true }],
    });
    const mail = await smtp.nextMessage();
    expect(mail.to).toEqual([sponsor.email]);
    expect(mail.headers.subject).toBe("You have a new message in Lantern");
    expect(mail.text).toContain("https://lantern.example.org/sign-in");
    const clientFirst = client.name.split(/\W/)[0] ?? client.name;
    expect(mail.raw).not.toContain(clientFirst);
    expect(mail.raw).not.toMatch(/Harbour|recovery|treatment|SOS|help|support|programme|urge/i);

    // Alerting the same person again for the same use sends nothing new.
    const again = await call("POST", `/api/clients/${client.id}/sos/${sosId}/alerts`, client.userId, {
      userIds: [sponsor.id],
    });
    expect(again.json().alerted).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages).toHaveLength(1);

    // The sponsor's notification centre says it in plain words; the family member has nothing.
    const inbox = await call("GET", "/api/notifications", sponsor.id);
    expect(inbox.json()).toEqual([
      expect.objectContaining({
        kind: "sos_alert",
        title: `${client.name.split(/\s+/)[0]} asked for support.`,
        clientId: client.id,
        readAt: null,
      }),
    ]);
    expect((await call("GET", "/api/notifications", family.id)).json()).toEqual([]);
    // And the alert in the supporter's view; never in someone else's.
    const alerts = await call("GET", `/api/clients/${client.id}/shared/sos-alerts`, sponsor.id);
    expect(alerts.json()).toHaveLength(1);
    expect((await call("GET", `/api/clients/${client.id}/shared/sos-alerts`, family.id)).json()).toEqual([]);
    expect((await call("GET", `/api/clients/${client.id}/shared/sos-alerts`, partner.id)).statusCode).toBe(
      404,
    );
  });

  it("marks a notification read for its owner only", async () => {
    const [note] = (await call("GET", "/api/notifications", sponsor.id)).json();
    expect((await call("POST", `/api/notifications/${note.id}/read`, family.id)).statusCode).toBe(404);
    expect((await call("POST", `/api/notifications/${note.id}/read`, sponsor.id)).statusCode).toBe(204);
    const [after] = (await call("GET", "/api/notifications", sponsor.id)).json();
    expect(after.readAt).not.toBeNull();
  });

  it("shows each use to the client and the care team, with who was alerted", async () => {
    for (const who of [client.userId, careTeamId]) {
      const res = await call("GET", `/api/clients/${client.id}/sos/history`, who);
      expect(res.json()).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: sosId, notifiedNames: [sponsor.name] })]),
      );
      expect(res.json()).toHaveLength(2);
    }
    expect((await call("GET", `/api/clients/${client.id}/sos/history`, sponsor.id)).statusCode).toBe(404);
  });

  it("stops the supporter's alerts on the very next request after the grant is revoked", async () => {
    const revoke = await app.inject({
      method: "DELETE",
      url: `/api/clients/${client.id}/grants/${sponsor.grantId}`,
      headers: { [testActorHeader]: client.userId },
    });
    expect(revoke.statusCode).toBe(204);
    expect((await call("GET", `/api/clients/${client.id}/shared/sos-alerts`, sponsor.id)).statusCode).toBe(
      404,
    );
    expect((await call("GET", "/api/notifications", sponsor.id)).json()).toEqual([]);
    const kit = (await call("GET", `/api/clients/${client.id}/sos`, client.userId)).json();
    expect(kit.alertable.map((p: { userId: string }) => p.userId)).toEqual([family.id]);
    const res = await call("POST", `/api/clients/${client.id}/sos/${sosId}/alerts`, client.userId, {
      userIds: [sponsor.id],
    });
    expect(fieldsOf(res)).toEqual(["userIds.0"]);
  });
});
