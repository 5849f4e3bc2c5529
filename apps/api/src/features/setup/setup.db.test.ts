import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp, sessionCookie, setupBody } from "../../../test/app.js";
import { describeEachDialect } from "../../../test/databases.js";
import { secretOf, totpCode } from "../../../test/totp.js";

describeEachDialect("first-run setup and sign-in", ({ get, dialect }) => {
  let app: FastifyInstance;
  const count = async (table: "organisations" | "users" | "memberships" | "accounts" | "sessions") =>
    Number(
      (
        await get()
          .db.kysely.selectFrom(table)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    ({ app } = await bootApp(get().db));
  });
  afterAll(async () => {
    await app.close();
  });

  it("reports the dialect it runs on and that setup is needed", async () => {
    const health = await app.inject({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: "ok", database: dialect });
    const status = await app.inject({ method: "GET", url: "/api/setup" });
    expect(status.json()).toEqual({ needed: true });
  });

  it("rejects bad setup input naming every field, and writes nothing", async () => {
    const body = setupBody({ email: "not-an-email", password: "too short" });
    const res = await app.inject({
      method: "POST",
      url: "/api/setup",
      payload: {
        ...body,
        organisation: { name: "", timeZone: "Mars/Olympus", kind: "inpatient" },
        surprise: true,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const fields = (res.json().errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual([
      "admin.email",
      "admin.password",
      "organisation.kind",
      "organisation.name",
      "organisation.timeZone",
      "surprise",
    ]);
    expect(await count("organisations")).toBe(0);
    expect(await count("users")).toBe(0);
  });

  it("answers malformed JSON, wrong types, wrong media type and oversized bodies with 4xx", async () => {
    const malformed = await app.inject({
      method: "POST",
      url: "/api/setup",
      headers: { "content-type": "application/json" },
      payload: "{ not json",
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe("body");

    const wrongType = await app.inject({
      method: "POST",
      url: "/api/setup",
      payload: { ...setupBody(), admin: { ...setupBody().admin, password: 123456789012345 } },
    });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().errors).toEqual([expect.objectContaining({ field: "admin.password" })]);

    const text = await app.inject({
      method: "POST",
      url: "/api/setup",
      headers: { "content-type": "text/plain" },
      payload: "hello",
    });
    expect(text.statusCode).toBe(415);

    const huge = await app.inject({
      method: "POST",
      url: "/api/setup",
      payload: { ...setupBody(), padding: "x".repeat(200 * 1024) },
    });
    expect(huge.statusCode).toBe(413);
    expect(await count("users")).toBe(0);
  });

  it("creates the programme and its admin once; a second attempt gets 409 and changes nothing", async () => {
    const first = await app.inject({ method: "POST", url: "/api/setup", payload: setupBody() });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      organisation: { name: "Harbour House (test)" },
      admin: { email: "robin.admin@example.org" },
    });
    const again = await app.inject({
      method: "POST",
      url: "/api/setup",
      payload: setupBody({ email: "someone.else@example.org" }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toMatch(/already set up/);
    expect((await app.inject({ method: "GET", url: "/api/setup" })).json()).toEqual({ needed: false });
    expect(await count("organisations")).toBe(1);
    expect(await count("users")).toBe(1);
    expect(await count("memberships")).toBe(1);
  });

  it("signs the admin in with an HttpOnly cookie through two-step enrolment, and signs them out", async () => {
    const signIn = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "Robin.Admin@Example.org", password: "a quiet lantern by the harbour" },
    });
    expect(signIn.statusCode).toBe(200);
    const setCookie = String(signIn.headers["set-cookie"]);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
    // An admin is staff: a second factor comes before anything else.
    expect(signIn.json().status).toBe("two-factor-enrolment-required");
    const pending = sessionCookie(signIn.headers["set-cookie"]);
    const verify = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/enrolment/verify",
      headers: { cookie: pending },
      payload: { code: totpCode(secretOf(signIn.json().enrolment.totpUri)) },
    });
    expect(verify.json()).toMatchObject({
      status: "signed-in",
      user: { name: "Robin Admin", email: "robin.admin@example.org" },
      memberships: [{ role: "programme_admin", organisationName: "Harbour House (test)" }],
    });
    const cookie = sessionCookie(verify.headers["set-cookie"]);

    const session = await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
    expect(session.statusCode).toBe(200);
    expect(session.json().user.email).toBe("robin.admin@example.org");

    const out = await app.inject({ method: "POST", url: "/api/auth/sign-out", headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });
    expect(after.statusCode).toBe(401);
    expect(await count("sessions")).toBe(0);
  });

  it("gives the same answer for a wrong password and an unknown account", async () => {
    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "robin.admin@example.org", password: "not the right passphrase" },
    });
    const unknown = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "nobody.here@example.org", password: "not the right passphrase" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.headers["set-cookie"]).toBeUndefined();
  });

  it("refuses a write whose Origin is another site", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      headers: { origin: "https://evil.example" },
      payload: { email: "robin.admin@example.org", password: "a quiet lantern by the harbour" },
    });
    expect(res.statusCode).toBe(403);
  });
});

describeEachDialect("concurrent first-run setup", ({ get }) => {
  it("lets exactly one of several simultaneous setups win", async () => {
    const { app } = await bootApp(get().db);
    const results = await Promise.all(
      [1, 2, 3, 4].map((i) =>
        app.inject({
          method: "POST",
          url: "/api/setup",
          payload: setupBody({ email: `admin${i}@example.org` }),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const users = await get().db.kysely.selectFrom("users").select("email").execute();
    expect(users).toHaveLength(1);
    await app.close();
  });
});
