import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import { buildOrganisation, buildUser, headerActorLoader, testActorHeader } from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";
import { verifyAuditChain } from "../../audit/audit.js";

const password = "a long and quiet passphrase";

describeEachDialect("invitations, care teams, sharing and the access log", ({ get }) => {
  let app: FastifyInstance;
  let organisationId: string;
  let adminId: string;
  const as = (userId: string | undefined) => (userId ? { [testActorHeader]: userId } : {});
  const call = (
    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
    url: string,
    userId?: string,
    payload?: object,
  ) => app.inject({ method, url, headers: as(userId), ...(payload ? { payload } : {}) });
  const userIdOf = async (email: string) =>
    (
      await get()
        .db.kysely.selectFrom("users")
        .select("id")
        .where("email", "=", email)
        .executeTakeFirstOrThrow()
    ).id;

  const state: Record<string, string> = {};

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    organisationId = (await buildOrganisation(db, "Harbour House")).id;
    adminId = (await buildUser(db, "programme_admin", organisationId, "Robin Admin")).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it("lets an admin invite a clinician, who accepts with a new account", async () => {
    const invite = await call("POST", `/api/organisations/${organisationId}/invitations/staff`, adminId, {
      role: "clinician",
      email: "dana.clinician@example.org",
    });
    expect(invite.statusCode).toBe(201);
    const { link, code, emailed } = invite.json();
    expect(code).toBeNull();
    expect(emailed).toBe(false);
    const token = new URL(link).searchParams.get("token") ?? "";

    const preview = await call("GET", `/api/invitations/preview?token=${token}`);
    expect(preview.json()).toMatchObject({
      role: "clinician",
      organisationName: "Harbour House",
      invitedBy: "Robin Admin",
    });

    const weak = await call("POST", "/api/invitations/accept", undefined, {
      token,
      account: { name: "Dana", email: "dana.clinician@example.org", password: "short" },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0].field).toBe("account.password");

    const accepted = await call("POST", "/api/invitations/accept", undefined, {
      token,
      account: { name: "Dana Clinician", email: "dana.clinician@example.org", password },
    });
    expect(accepted.statusCode).toBe(201);
    state.clinician = await userIdOf("dana.clinician@example.org");

    const again = await call("POST", "/api/invitations/accept", undefined, {
      token,
      account: { name: "Someone", email: "someone.else@example.org", password },
    });
    expect(again.statusCode).toBe(404);
    const session = await call("GET", "/api/auth/session", state.clinician);
    expect(session.json().memberships).toEqual([
      { organisationId, organisationName: "Harbour House", role: "clinician" },
    ]);
  });

  it("lets the clinician onboard a client in person with a code; the client joins their care team", async () => {
    const invite = await call(
      "POST",
      `/api/organisations/${organisationId}/invitations/client`,
      state.clinician,
      {
        delivery: "code",
      },
    );
    expect(invite.statusCode).toBe(201);
    const code: string = invite.json().code;
    expect(code).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
    // Typed in lower case without the dash: still accepted.
    const accepted = await call("POST", "/api/invitations/accept", undefined, {
      token: code.replace("-", "").toLowerCase(),
      account: { name: "Sam Client", email: "sam.client@example.org", password },
    });
    expect(accepted.statusCode).toBe(201);
    state.clientUser = await userIdOf("sam.client@example.org");

    const mine = await call("GET", "/api/clients", state.clientUser);
    expect(mine.json()).toHaveLength(1);
    expect(mine.json()[0].isSelf).toBe(true);
    state.clientId = mine.json()[0].id;
    expect(mine.json()[0].careTeam).toEqual([{ userId: state.clinician, name: "Dana Clinician" }]);

    const caseload = await call("GET", "/api/clients", state.clinician);
    const listed = await get()
      .db.kysely.selectFrom("audit_events")
      .select("action")
      .where("actor_user_id", "=", state.clinician as string)
      .where("record_type", "=", "client_list")
      .execute();
    expect(listed.map((e) => e.action)).toContain("read");
    expect(caseload.json().map((c: { id: string }) => c.id)).toEqual([state.clientId]);
  });

  it("keeps a clinician outside the care team out until they break the glass, and tells the admin", async () => {
    const outsider = await buildUser(get().db, "clinician", organisationId, "Ola Outside");
    expect((await call("GET", "/api/clients", outsider.id)).json()).toEqual([]);
    expect((await call("GET", `/api/clients/${state.clientId}`, outsider.id)).statusCode).toBe(404);

    const tooShort = await call("POST", `/api/clients/${state.clientId}/break-glass`, outsider.id, {
      reason: "need",
    });
    expect(tooShort.statusCode).toBe(400);
    const glass = await call("POST", `/api/clients/${state.clientId}/break-glass`, outsider.id, {
      reason: "On call tonight and the client asked for help.",
    });
    expect(glass.statusCode).toBe(201);
    const hoursOpen = (Date.parse(glass.json().expiresAt) - Date.now()) / 3_600_000;
    expect(hoursOpen).toBeGreaterThan(3.9);
    expect(hoursOpen).toBeLessThanOrEqual(4);
    const opened = await call("GET", `/api/clients/${state.clientId}`, outsider.id);
    expect(opened.statusCode).toBe(200);
    expect(opened.json().access).toEqual({ via: "break-glass", expiresAt: glass.json().expiresAt });
    expect(opened.json().isSelf).toBe(false);

    const notices = await call("GET", `/api/organisations/${organisationId}/break-glass`, adminId);
    expect(notices.json()[0]).toMatchObject({ clinicianName: "Ola Outside", clientName: "Sam Client" });

    // The admin manages the care team: on it, then off it again.
    expect(
      (await call("PUT", `/api/clients/${state.clientId}/care-team/${outsider.id}`, adminId)).statusCode,
    ).toBe(204);
    const team = (await call("GET", `/api/clients/${state.clientId}`, adminId)).json().careTeam;
    expect(team.map((m: { name: string }) => m.name)).toEqual(["Dana Clinician", "Ola Outside"]);
    expect(
      (await call("DELETE", `/api/clients/${state.clientId}/care-team/${outsider.id}`, adminId)).statusCode,
    ).toBe(204);
  });

  it("lets the client see who opened their record", async () => {
    const log = await call("GET", `/api/clients/${state.clientId}/access-log`, state.clientUser);
    expect(log.statusCode).toBe(200);
    const entries = log.json() as {
      actorName: string;
      actorRole: string;
      outcome: string;
      recordType: string;
    }[];
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorName: "Ola Outside", actorRole: "break-glass", outcome: "allowed" }),
        expect.objectContaining({ actorName: "Ola Outside", actorRole: "none", outcome: "denied" }),
      ]),
    );
    // The client's own reads are not listed as "other people".
    expect(entries.every((e) => e.actorRole !== "self")).toBe(true);
  });

  it("lets the client invite a supporter with chosen scopes, and revoke them at once", async () => {
    const invite = await call("POST", `/api/clients/${state.clientId}/invitations`, state.clientUser, {
      relationship: "supporter",
      scopes: ["profile", "sos_alerts"],
      delivery: "code",
    });
    expect(invite.statusCode).toBe(201);
    await call("POST", "/api/invitations/accept", undefined, {
      token: invite.json().code,
      account: { name: "Chris Sponsor", email: "chris.sponsor@example.org", password },
    });
    const supporter = await userIdOf("chris.sponsor@example.org");
    // The client's own invitation is not listed as someone else's doing; the supporter joining is.
    const log = (await call("GET", `/api/clients/${state.clientId}/access-log`, state.clientUser)).json();
    const invitationEvents = log.filter((e: { recordType: string }) => e.recordType === "invitation");
    expect(
      invitationEvents.map((e: { action: string; actorName: string }) => `${e.action} ${e.actorName}`),
    ).toEqual(["accept Chris Sponsor"]);
    expect((await call("GET", `/api/clients/${state.clientId}`, supporter)).statusCode).toBe(200);

    const grants = (await call("GET", `/api/clients/${state.clientId}/grants`, state.clientUser)).json();
    expect(grants).toEqual([
      expect.objectContaining({ granteeName: "Chris Sponsor", scopes: ["profile", "sos_alerts"] }),
    ]);

    // Narrowing the scopes takes effect on the next request.
    const narrowed = await call(
      "PATCH",
      `/api/clients/${state.clientId}/grants/${grants[0].id}`,
      state.clientUser,
      {
        scopes: ["sos_alerts"],
      },
    );
    expect(narrowed.statusCode).toBe(204);
    expect((await call("GET", `/api/clients/${state.clientId}`, supporter)).statusCode).toBe(404);

    await call("PATCH", `/api/clients/${state.clientId}/grants/${grants[0].id}`, state.clientUser, {
      scopes: ["profile"],
    });
    expect((await call("GET", `/api/clients/${state.clientId}`, supporter)).statusCode).toBe(200);
    expect(
      (await call("DELETE", `/api/clients/${state.clientId}/grants/${grants[0].id}`, state.clientUser))
        .statusCode,
    ).toBe(204);
    expect((await call("GET", `/api/clients/${state.clientId}`, supporter)).statusCode).toBe(404);
    expect((await call("GET", "/api/clients", supporter)).json()).toEqual([]);
  });

  it("withdraws, expires and refuses invitations as it should", async () => {
    const invite = await call(
      "POST",
      `/api/organisations/${organisationId}/invitations/client`,
      state.clinician,
      {
        delivery: "email",
        email: "late.client@example.org",
      },
    );
    const { id, link } = invite.json();
    const token = new URL(link).searchParams.get("token") ?? "";
    // Another clinician may not withdraw it; the admin may.
    const other = await buildUser(get().db, "clinician", organisationId);
    expect((await call("DELETE", `/api/invitations/${id}`, other.id)).statusCode).toBe(404);
    expect((await call("DELETE", `/api/invitations/${id}`, adminId)).statusCode).toBe(204);
    expect((await call("GET", `/api/invitations/preview?token=${token}`)).statusCode).toBe(404);

    const listed = (await call("GET", `/api/organisations/${organisationId}/invitations`, adminId)).json();
    expect(listed.find((i: { id: string }) => i.id === id).status).toBe("revoked");
    // The clinician sees only the invitations they sent.
    const own = (
      await call("GET", `/api/organisations/${organisationId}/invitations`, state.clinician)
    ).json();
    expect(own.length).toBeGreaterThan(0);
    expect((await call("GET", `/api/organisations/${organisationId}/invitations`, other.id)).json()).toEqual(
      [],
    );

    const expiring = await call(
      "POST",
      `/api/organisations/${organisationId}/invitations/client`,
      state.clinician,
      {
        delivery: "code",
      },
    );
    await get()
      .db.kysely.updateTable("invitations")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("id", "=", expiring.json().id)
      .execute();
    const late = await call("POST", "/api/invitations/accept", undefined, {
      token: expiring.json().code,
      account: { name: "Too Late", email: "too.late@example.org", password },
    });
    expect(late.statusCode).toBe(404);
    expect(
      await get()
        .db.kysely.selectFrom("users")
        .select("id")
        .where("email", "=", "too.late@example.org")
        .execute(),
    ).toEqual([]);
  });

  it("kept the audit chain intact through all of it", async () => {
    const result = await verifyAuditChain(get().db);
    expect(result.ok).toBe(true);
    expect(result.count).toBeGreaterThan(20);
  });
});
