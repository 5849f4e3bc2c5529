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

type Method = "GET" | "PUT" | "POST" | "PATCH" | "DELETE";

/** Each shared route and the scope that opens it. */
const views = [
  ["summary", "sobriety_summary"],
  ["check-ins", "check_in_summary"],
  ["slips", "slips"],
  ["journal", "journal"],
] as const;

describeEachDialect("what linked people see", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let holder: Awaited<ReturnType<typeof buildGrantee>>;
  let lacking: Awaited<ReturnType<typeof buildGrantee>>;
  const call = (method: Method, url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const asClient = (method: Method, path: string, payload?: object) =>
    call(method, `/api/clients/${client.id}${path}`, client.userId, payload);
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    holder = await buildGrantee(db, client, "supporter", [
      "sobriety_summary",
      "check_in_summary",
      "slips",
      "journal",
      "recovery_plan",
    ]);
    lacking = await buildGrantee(db, client, "partner", ["profile", "sos_alerts"]);
    // Some history: a start, a slip, a check-in with private details, two journal entries.
    await asClient("POST", "/ledger/events", { id: uuidv7(), kind: "sobriety_start", date: "2026-01-01" });
    await asClient("POST", "/ledger/events", { id: uuidv7(), kind: "inner_circle_act", date: "2026-03-04" });
    const today = (await asClient("GET", "/recovery/today")).json().today as string;
    const checkIn = await asClient("PUT", `/check-ins/${today}`, {
      id: uuidv7(),
      mood: 4,
      feelings: ["lonely"],
      halt: { hungry: false, angry: false, lonely: true, tired: false },
      stress: 3,
      sleepHours: 7,
      sleepQuality: 3,
      urgeStrength: 6,
      middleItemIds: [],
      outerItemIds: [],
      innerCircle: false,
      note: "A private note about the evening",
    });
    expect(checkIn.statusCode).toBe(201);
    const picked = await asClient("PUT", `/journal/${uuidv7()}`, {
      prompt: "gratitude",
      body: "Grateful for Chris",
      sharedWithCareTeam: false,
      sharedWithSupporters: true,
    });
    expect(picked.json().sharedWithSupporters).toBe(true);
    const kept = await asClient("PUT", `/journal/${uuidv7()}`, {
      prompt: "free",
      body: "Only for me",
      sharedWithCareTeam: true,
    });
    expect(kept.json().sharedWithSupporters).toBe(false);
  });
  afterAll(async () => {
    await app.close();
  });

  it("shows each view to the holder of its scope and the client; 404 to anyone else", async () => {
    for (const [path] of views) {
      const url = `/api/clients/${client.id}/shared/${path}`;
      expect((await call("GET", url, holder.id)).statusCode, path).toBe(200);
      expect((await call("GET", url, client.userId)).statusCode, path).toBe(200);
      expect((await call("GET", url, lacking.id)).statusCode, path).toBe(404);
      expect((await call("GET", url, careTeamId)).statusCode, path).toBe(404);
    }
  });

  it("tells a linked person who shares with them and what, by first name only", async () => {
    const first = client.name.split(/\s+/)[0];
    const mine = (await call("GET", "/api/sharing-with-me", holder.id)).json();
    expect(mine).toEqual([
      {
        clientId: client.id,
        firstName: first,
        scopes: expect.arrayContaining(["sobriety_summary", "journal", "recovery_plan"]),
      },
    ]);
    expect((await call("GET", "/api/sharing-with-me", careTeamId)).json()).toEqual([]);
    const events = await get()
      .db.kysely.selectFrom("audit_events")
      .select("actor_user_id")
      .where("record_type", "=", "shared_with_me")
      .execute();
    expect(events.map((e) => e.actor_user_id)).toContain(holder.id);
  });

  it("shares only what each scope promises", async () => {
    const get = async (path: string) =>
      (await call("GET", `/api/clients/${client.id}/shared/${path}`, holder.id)).json();
    const summary = await get("summary");
    expect(summary).toMatchObject({ streakLabel: "days", milestonesReached: expect.any(Array) });
    expect(summary.currentStreak).toBeGreaterThan(0);
    const checkIns = await get("check-ins");
    expect(checkIns).toHaveLength(1);
    expect(Object.keys(checkIns[0]).sort()).toEqual(["date", "mood", "urgeStrength"]);
    expect(checkIns[0]).toMatchObject({ mood: 4, urgeStrength: 6 });
    expect(await get("slips")).toEqual([{ date: "2026-03-04" }]);
    const journal = await get("journal");
    expect(journal.map((e: { body: string }) => e.body)).toEqual(["Grateful for Chris"]);
  });

  it("previews exactly what a grant's holder sees, built from the same functions", async () => {
    const preview = await asClient("GET", `/grants/${holder.grantId}/preview`);
    expect(preview.statusCode).toBe(200);
    const p = preview.json();
    expect(p).toMatchObject({
      grantId: holder.grantId,
      granteeName: holder.name,
      profile: null,
      sosAlerts: null,
    });
    for (const [path, key] of [
      ["summary", "summary"],
      ["check-ins", "checkIns"],
      ["slips", "slips"],
      ["journal", "journal"],
    ] as const) {
      const seen = (await call("GET", `/api/clients/${client.id}/shared/${path}`, holder.id)).json();
      expect(p[key], path).toEqual(seen);
    }
    const plan = (await call("GET", `/api/clients/${client.id}/prevention-plan`, holder.id)).json();
    expect(p.preventionPlan).toEqual(plan);
    const other = (await asClient("GET", `/grants/${lacking.grantId}/preview`)).json();
    expect(other).toMatchObject({ summary: null, checkIns: null, slips: null, journal: null, sosAlerts: [] });
    expect(other.profile).toEqual({ name: client.name });
    // Only the client previews, and only their own grants.
    expect(
      (await call("GET", `/api/clients/${client.id}/grants/${holder.grantId}/preview`, holder.id)).statusCode,
    ).toBe(404);
    expect((await asClient("GET", `/grants/${uuidv7()}/preview`)).statusCode).toBe(404);
  });

  it("refuses scopes that do not exist, grants that are not theirs, and sharing with oneself", async () => {
    const bad = await asClient("PATCH", `/grants/${holder.grantId}`, { scopes: ["everything"] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)[0]).toMatch(/^scopes/);
    expect((await asClient("PATCH", `/grants/${uuidv7()}`, { scopes: ["slips"] })).statusCode).toBe(404);
    const badInvite = await asClient("POST", "/invitations", {
      relationship: "supporter",
      scopes: ["diary"],
      delivery: "code",
    });
    expect(badInvite.statusCode).toBe(400);
    const self = await asClient("POST", "/invitations", {
      relationship: "supporter",
      scopes: ["slips"],
      delivery: "email",
      email: (
        await get()
          .db.kysely.selectFrom("users")
          .select("email")
          .where("id", "=", client.userId)
          .executeTakeFirstOrThrow()
      ).email.toUpperCase(),
    });
    expect(self.statusCode).toBe(400);
    expect(fieldsOf(self)).toEqual(["email"]);
    // A code accepted by the client's own account is refused, and no grant is made.
    const code = await asClient("POST", "/invitations", {
      relationship: "supporter",
      scopes: ["slips"],
      delivery: "code",
    });
    const grantsBefore = await get().db.kysely.selectFrom("grants").select("id").execute();
    const accepted = await call("POST", "/api/invitations/accept-signed-in", client.userId, {
      token: code.json().code,
    });
    expect(accepted.statusCode).toBe(400);
    expect(await get().db.kysely.selectFrom("grants").select("id").execute()).toHaveLength(
      grantsBefore.length,
    );
  });

  it("stops every shared view on the very next request after revocation", async () => {
    const revoke = await asClient("DELETE", `/grants/${holder.grantId}`);
    expect(revoke.statusCode).toBe(204);
    for (const [path] of views)
      expect(
        (await call("GET", `/api/clients/${client.id}/shared/${path}`, holder.id)).statusCode,
        path,
      ).toBe(404);
    expect((await call("GET", `/api/clients/${client.id}/prevention-plan`, holder.id)).statusCode).toBe(404);
    expect((await asClient("GET", `/grants/${holder.grantId}/preview`)).statusCode).toBe(404);
  });
});
