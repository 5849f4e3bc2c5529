import type { Role } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp, sessionCookie, setupBody } from "../../../test/app.js";
import { mergeCookies, nextAddress, signInAndEnrolStaff, signInWithCode } from "../../../test/auth.js";
import { describeEachDialect, type TestDatabase } from "../../../test/databases.js";
import { startSmtpServer, type TestSmtpServer } from "../../../test/smtp.js";
import { secretOf, totpCode } from "../../../test/totp.js";
import type { Db } from "../../db/dialect.js";
import { prepareAccount, storeAccount } from "../accounts/accounts.service.js";

const password = "a quiet lantern by the harbour";
const admin = setupBody().admin;

async function addPerson(db: Db, organisationId: string, role: Role, email: string, name = "Sam Person") {
  const account = await prepareAccount({ name, email, password });
  await db.kysely
    .transaction()
    .execute((trx) => storeAccount(trx, account, role, organisationId, new Date()));
  return account.id;
}

async function setUp(app: FastifyInstance): Promise<string> {
  const res = await app.inject({ method: "POST", url: "/api/setup", payload: setupBody() });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().organisation.id;
}

const signIn = (app: FastifyInstance, email: string, pw = password, cookie?: string) =>
  app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password: pw },
    remoteAddress: nextAddress(),
    ...(cookie ? { headers: { cookie } } : {}),
  });

const session = (app: FastifyInstance, cookie: string) =>
  app.inject({ method: "GET", url: "/api/auth/session", headers: { cookie } });

describeEachDialect("two-step sign-in for staff", ({ get }) => {
  let app: FastifyInstance;
  let organisationId: string;
  let secret: string;
  let recoveryCodes: string[];

  beforeAll(async () => {
    ({ app } = await bootApp(get().db));
    organisationId = await setUp(app);
    await addPerson(get().db, organisationId, "client", "sam.client@example.org");
  });
  afterAll(async () => {
    await app.close();
  });

  it("signs a client straight in: no second factor is asked of them", async () => {
    const res = await signIn(app, "sam.client@example.org");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: "signed-in", memberships: [{ role: "client" }] });
    expect((await session(app, sessionCookie(res.headers["set-cookie"]))).statusCode).toBe(200);
  });

  it("makes staff set up an authenticator first; until then the session reaches nothing else", async () => {
    const res = await signIn(app, admin.email);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe("two-factor-enrolment-required");
    expect(body.enrolment.totpUri).toMatch(/^otpauth:\/\/totp\/Lantern:robin\.admin%40example\.org\?/);
    expect(body.enrolment.secret).toBe(secretOf(body.enrolment.totpUri));
    expect(body).not.toHaveProperty("memberships");
    const pending = sessionCookie(res.headers["set-cookie"]);
    expect((await session(app, pending)).statusCode).toBe(401);
    const sessions = await app.inject({
      method: "GET",
      url: "/api/auth/sessions",
      headers: { cookie: pending },
    });
    expect(sessions.statusCode).toBe(401);

    // A reload loses the key: the password brings back the same one, since it may already be in the app.
    const wrongPassword = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/enrolment",
      remoteAddress: nextAddress(),
      headers: { cookie: pending },
      payload: { password: "not the password at all" },
    });
    expect(wrongPassword.statusCode).toBe(400);
    expect(wrongPassword.json().errors).toEqual([expect.objectContaining({ field: "password" })]);
    const again = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/enrolment",
      remoteAddress: nextAddress(),
      headers: { cookie: pending },
      payload: { password },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().secret).toBe(body.enrolment.secret);

    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/enrolment/verify",
      remoteAddress: nextAddress(),
      headers: { cookie: pending },
      payload: { code: totpCode(body.enrolment.secret, Date.now() - 10 * 60_000) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: "code" })]);

    const right = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/enrolment/verify",
      remoteAddress: nextAddress(),
      headers: { cookie: pending },
      payload: { code: totpCode(body.enrolment.secret) },
    });
    expect(right.statusCode).toBe(200);
    const done = right.json();
    expect(done).toMatchObject({ status: "signed-in", memberships: [{ role: "programme_admin" }] });
    expect(done.recoveryCodes).toHaveLength(10);
    for (const code of done.recoveryCodes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
    expect(new Set(done.recoveryCodes).size).toBe(10);
    secret = body.enrolment.secret;
    recoveryCodes = done.recoveryCodes;

    const full = mergeCookies(pending, right.headers["set-cookie"]);
    expect((await session(app, full)).statusCode).toBe(200);
    // better-auth replaced the session: the one from before the code is gone.
    expect((await session(app, pending)).statusCode).toBe(401);
    const user = await get()
      .db.kysely.selectFrom("users")
      .select("two_factor_enabled")
      .where("email", "=", admin.email)
      .executeTakeFirstOrThrow();
    expect(Boolean(user.two_factor_enabled)).toBe(true);

    // Enrolment happens once; the recovery codes are never shown again.
    const twice = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/enrolment/verify",
      remoteAddress: nextAddress(),
      headers: { cookie: full },
      payload: { code: totpCode(secret, Date.now(), -1) },
    });
    expect(twice.statusCode).toBe(409);
  });

  it("asks an enrolled staff member for a code before any session exists", async () => {
    const res = await signIn(app, admin.email);
    expect(res.json()).toEqual({ status: "two-factor-required" });
    const cookies = mergeCookies("", res.headers["set-cookie"]);
    expect(cookies).not.toContain("lantern.session_token=");
    expect(cookies).toContain("lantern.two_factor=");

    const wrong = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/verify",
      remoteAddress: nextAddress(),
      headers: { cookie: cookies },
      payload: { code: "000000" === totpCode(secret) ? "111111" : "000000" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ field: "code" })]);

    const code = totpCode(secret, Date.now(), 1);
    const right = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/verify",
      remoteAddress: nextAddress(),
      headers: { cookie: cookies },
      payload: { code: ` ${code.slice(0, 3)} ${code.slice(3)} ` },
    });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ status: "signed-in", user: { email: admin.email } });
    const full = mergeCookies(cookies, right.headers["set-cookie"]);
    expect((await session(app, full)).statusCode).toBe(200);

    // The same code does not work twice, even within its 30 seconds.
    const replay = await signIn(app, admin.email);
    const replayed = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/verify",
      remoteAddress: nextAddress(),
      headers: { cookie: mergeCookies("", replay.headers["set-cookie"]) },
      payload: { code },
    });
    expect(replayed.statusCode).toBe(401);
  });

  it("accepts each recovery code once", async () => {
    const first = await signIn(app, admin.email);
    const cookies = mergeCookies("", first.headers["set-cookie"]);
    const used = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/verify",
      remoteAddress: nextAddress(),
      headers: { cookie: cookies },
      // Typed from paper, in capitals: still accepted.
      payload: { code: recoveryCodes[0]?.toUpperCase() },
    });
    expect(used.statusCode).toBe(200);
    const second = await signIn(app, admin.email);
    const again = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/verify",
      remoteAddress: nextAddress(),
      headers: { cookie: mergeCookies("", second.headers["set-cookie"]) },
      payload: { code: recoveryCodes[0] },
    });
    expect(again.statusCode).toBe(401);
    expect(again.json().errors[0].message).toMatch(/works once/);
  });

  it("asks for a fresh sign-in when the code step has no challenge", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/verify",
      remoteAddress: nextAddress(),
      payload: { code: "123456" },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().title).toBe("Please sign in again.");
    const bad = await app.inject({
      method: "POST",
      url: "/api/auth/two-factor/verify",
      remoteAddress: nextAddress(),
      payload: { code: "" },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: "code" })]);
  });

  it("ends a staff session after 15 idle minutes or 12 hours, and keeps a client's", async () => {
    const db = get().db.kysely;
    await db.deleteFrom("sessions").execute();
    const staff = await signInWithCode(app, admin.email, password, secret);
    const client = sessionCookie((await signIn(app, "sam.client@example.org")).headers["set-cookie"]);
    const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);
    await db
      .updateTable("sessions")
      .set({ last_active_at: minutesAgo(16) })
      .execute();
    expect((await session(app, client)).statusCode).toBe(200);
    expect((await session(app, staff)).statusCode).toBe(401);
    // The idle session was deleted, not just refused.
    const left = await db
      .selectFrom("sessions")
      .innerJoin("users", "users.id", "sessions.user_id")
      .select("email")
      .execute();
    expect(left.map((r) => r.email)).not.toContain(admin.email);

    // As if half a minute had passed: the codes used so far may be used again.
    await db.deleteFrom("two_factor_used_codes").execute();
    const recent = await signInWithCode(app, admin.email, password, secret);
    expect((await session(app, recent)).statusCode).toBe(200);
    await db
      .updateTable("sessions")
      .set({ created_at: minutesAgo(12 * 60 + 1), last_active_at: minutesAgo(1) })
      .execute();
    expect((await session(app, recent)).statusCode).toBe(401);
    expect((await session(app, client)).statusCode).toBe(200);
  });

  it("records activity at most once a minute", async () => {
    const client = sessionCookie((await signIn(app, "sam.client@example.org")).headers["set-cookie"]);
    const db = get().db.kysely;
    const lastActive = async () =>
      (
        await db
          .selectFrom("sessions")
          .select("last_active_at")
          .orderBy("created_at", "desc")
          .executeTakeFirstOrThrow()
      ).last_active_at;
    // A session is touched once a minute has passed since it began or was last touched.
    await db
      .updateTable("sessions")
      .set({ created_at: new Date(Date.now() - 120_000) })
      .execute();
    await session(app, client);
    const first = await lastActive();
    expect(first).not.toBeNull();
    await session(app, client);
    expect(String(await lastActive())).toBe(String(first));
  });
});

describeEachDialect("sign-in throttling", ({ get }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await bootApp(get().db));
    const organisationId = await setUp(app);
    await addPerson(get().db, organisationId, "client", "sam.client@example.org");
  });
  afterAll(async () => {
    await app.close();
  });

  const unblock = () => get().db.kysely.updateTable("auth_throttle").set({ blocked_until: null }).execute();

  it("slows an account down after five failures, the same for known and unknown accounts", async () => {
    for (const email of ["sam.client@example.org", "nobody.here@example.org"]) {
      for (let i = 0; i < 5; i++)
        expect((await signIn(app, email, "wrong password here")).statusCode).toBe(401);
      const throttled = await signIn(app, email, "wrong password here");
      expect(throttled.statusCode).toBe(429);
      expect(Number(throttled.headers["retry-after"])).toBeGreaterThanOrEqual(1);
      expect(Number(throttled.headers["retry-after"])).toBeLessThanOrEqual(60);
    }
    // Even the right password waits while the delay runs: the check comes first.
    expect((await signIn(app, "sam.client@example.org")).statusCode).toBe(429);
    const rows = await get().db.kysely.selectFrom("auth_throttle").select("key").execute();
    // Stored as hashes: no email or address in the table.
    expect(rows.map((r) => r.key).join(" ")).not.toMatch(/example\.org|127\.0\.0\.1/);
  });

  it("grows the delay with each failure, up to a minute, and never locks the account", async () => {
    const delays: number[] = [];
    for (let i = 0; i < 8; i++) {
      await unblock();
      expect((await signIn(app, "sam.client@example.org", "wrong password here")).statusCode).toBe(401);
      delays.push(Number((await signIn(app, "sam.client@example.org")).headers["retry-after"]));
    }
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(Math.max(...delays)).toBe(60);
    await unblock();
    const ok = await signIn(app, "sam.client@example.org");
    expect(ok.statusCode).toBe(200);
    // Success forgets the account's failures.
    expect((await signIn(app, "sam.client@example.org", "wrong password here")).statusCode).toBe(401);
    expect((await signIn(app, "sam.client@example.org")).statusCode).toBe(200);
  });

  it("lets a browser that signed in before past failures made elsewhere", async () => {
    const ok = await signIn(app, "sam.client@example.org");
    const device = mergeCookies("", ok.headers["set-cookie"])
      .split("; ")
      .find((c) => c.startsWith("lantern.device="));
    expect(device).toBeDefined();
    for (let i = 0; i < 6; i++) await signIn(app, "sam.client@example.org", "someone else guessing");
    expect((await signIn(app, "sam.client@example.org")).statusCode).toBe(429);
    expect((await signIn(app, "sam.client@example.org", password, device)).statusCode).toBe(200);
    await unblock();
  });
});

describeEachDialect("password reset by email", ({ get }) => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ({ app } = await bootApp(get().db, {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: "Lantern <lantern@example.org>",
      PUBLIC_URL: "https://lantern.example.org",
    }));
    const organisationId = await setUp(app);
    await addPerson(get().db, organisationId, "client", "sam.client@example.org", "Sam Client");
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  const request = (email: string) =>
    app.inject({
      method: "POST",
      url: "/api/auth/password-reset/request",
      remoteAddress: nextAddress(),
      payload: { email },
    });
  const complete = (token: string, pw: string) =>
    app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      remoteAddress: nextAddress(),
      payload: { token, password: pw },
    });

  it("answers every request alike, and emails a quiet link only to a real account", async () => {
    const unknown = await request("nobody.here@example.org");
    const known = await request("Sam.Client@Example.org");
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    const mail = await smtp.nextMessage();
    expect(mail.to).toEqual(["sam.client@example.org"]);
    expect(mail.headers.subject).toBe("Your Lantern sign-in");
    expect(mail.text).not.toMatch(/Sam|Client|Harbour|recovery|treatment|programme/i);
    expect(mail.text).toMatch(/https:\/\/lantern\.example\.org\/reset-password\?token=[\w-]+/);
    await new Promise((r) => setTimeout(r, 200));
    expect(smtp.messages).toHaveLength(1);
    // The token is stored hashed: the database alone does not give a working link.
    const token = /token=([\w-]+)/.exec(mail.text)?.[1] ?? "";
    const rows = await get().db.kysely.selectFrom("verifications").select("identifier").execute();
    expect(rows.map((r) => r.identifier).join(" ")).not.toContain(token);
  });

  it("sets a new password from the link, ends every session, and spends the link", async () => {
    const first = await signIn(app, "sam.client@example.org");
    expect(first.statusCode, first.body).toBe(200);
    // PUBLIC_URL is https here, so the cookie carries the __Secure- prefix.
    const before = mergeCookies("", first.headers["set-cookie"]);
    expect(before).toMatch(/^__Secure-lantern\.session_token=/);
    await request("sam.client@example.org");
    const mail = await smtp.nextMessage();
    const token = /token=([\w-]+)/.exec(mail.text)?.[1] ?? "";

    const bad = await complete("not-a-real-token", "a brand new evening passphrase");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ field: "token" })]);
    const common = await complete(token, "passwordpassword");
    expect(common.statusCode).toBe(400);
    expect(common.json().errors).toEqual([expect.objectContaining({ field: "password" })]);
    const withEmail = await complete(token, "sam.client is my name here");
    expect(withEmail.json().errors[0].message).toMatch(/email address/);
    const short = await complete(token, "short one");
    expect(short.json().errors[0].message).toMatch(/at least 15/);

    const done = await complete(token, "a brand new evening passphrase");
    expect(done.statusCode).toBe(204);
    expect((await session(app, before)).statusCode).toBe(401);
    expect((await signIn(app, "sam.client@example.org")).statusCode).toBe(401);
    expect((await signIn(app, "sam.client@example.org", "a brand new evening passphrase")).statusCode).toBe(
      200,
    );
    const spent = await complete(token, "yet another evening passphrase");
    expect(spent.statusCode).toBe(400);
    expect(spent.json().errors[0].field).toBe("token");
  });

  it("sends at most three emails to one address in a quarter of an hour", async () => {
    for (let i = 0; i < 5; i++) expect((await request("sam.client@example.org")).statusCode).toBe(202);
    await new Promise((r) => setTimeout(r, 500));
    // Counting the two sent by the tests above: three in all, the rest quietly dropped.
    expect(smtp.messages.filter((m) => m.to[0] === "sam.client@example.org")).toHaveLength(3);
  });
});

describe("password reset without SMTP", () => {
  let test: TestDatabase;
  it("still answers 202 and sends nothing", async () => {
    const { createTestDatabase } = await import("../../../test/databases.js");
    const { migrateToLatest } = await import("../../db/migrate.js");
    test = await createTestDatabase("sqlite");
    await migrateToLatest(test.db);
    const { app } = await bootApp(test.db);
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/password-reset/request",
      remoteAddress: nextAddress(),
      payload: { email: "robin.admin@example.org" },
    });
    expect(res.statusCode).toBe(202);
    await app.close();
    await test.dispose();
  });
});

describeEachDialect("the person's sessions", ({ get }) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await bootApp(get().db));
    const organisationId = await setUp(app);
    await addPerson(get().db, organisationId, "client", "sam.client@example.org");
    await addPerson(get().db, organisationId, "partner", "jo.partner@example.org");
  });
  afterAll(async () => {
    await app.close();
  });

  const list = (cookie: string) =>
    app.inject({ method: "GET", url: "/api/auth/sessions", headers: { cookie } });

  it("lists where the person is signed in, marks this one, and ends another", async () => {
    const phone = sessionCookie((await signIn(app, "sam.client@example.org")).headers["set-cookie"]);
    const laptop = sessionCookie(
      (
        await app.inject({
          method: "POST",
          url: "/api/auth/sign-in",
          headers: { "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" },
          payload: { email: "sam.client@example.org", password },
        })
      ).headers["set-cookie"],
    );
    const other = sessionCookie((await signIn(app, "jo.partner@example.org")).headers["set-cookie"]);
    const res = await list(laptop);
    expect(res.statusCode).toBe(200);
    const sessions = res.json().sessions as {
      id: string;
      current: boolean;
      userAgent: string;
      ipAddress: string;
    }[];
    expect(sessions).toHaveLength(2);
    const current = sessions.find((s) => s.current);
    expect(current?.userAgent).toContain("Firefox");
    expect(current?.ipAddress).toBe("127.0.0.1");
    const phoneSession = sessions.find((s) => !s.current);
    if (!phoneSession || !current) throw new Error("sessions missing");

    // Someone else's session is not found, just like one that does not exist.
    const theirs = (await list(other)).json().sessions[0].id;
    const notMine = await app.inject({
      method: "DELETE",
      url: `/api/auth/sessions/${theirs}`,
      headers: { cookie: laptop },
    });
    expect(notMine.statusCode).toBe(404);
    expect((await session(app, other)).statusCode).toBe(200);
    const missing = await app.inject({
      method: "DELETE",
      url: "/api/auth/sessions/nope",
      headers: { cookie: laptop },
    });
    expect(missing.statusCode).toBe(404);

    const ended = await app.inject({
      method: "DELETE",
      url: `/api/auth/sessions/${phoneSession.id}`,
      headers: { cookie: laptop },
    });
    expect(ended.statusCode).toBe(204);
    expect((await session(app, phone)).statusCode).toBe(401);
    expect((await session(app, laptop)).statusCode).toBe(200);

    // Ending this session signs this browser out and clears its cookie.
    const self = await app.inject({
      method: "DELETE",
      url: `/api/auth/sessions/${current.id}`,
      headers: { cookie: laptop },
    });
    expect(self.statusCode).toBe(204);
    expect(String(self.headers["set-cookie"])).toMatch(/lantern\.session_token=;/);
    expect((await session(app, laptop)).statusCode).toBe(401);
  });

  it("signs out everywhere at once", async () => {
    const a = sessionCookie((await signIn(app, "sam.client@example.org")).headers["set-cookie"]);
    const b = sessionCookie((await signIn(app, "sam.client@example.org")).headers["set-cookie"]);
    const other = sessionCookie((await signIn(app, "jo.partner@example.org")).headers["set-cookie"]);
    const res = await app.inject({
      method: "POST",
      url: "/api/auth/sign-out-everywhere",
      headers: { cookie: a },
    });
    expect(res.statusCode).toBe(204);
    expect((await session(app, a)).statusCode).toBe(401);
    expect((await session(app, b)).statusCode).toBe(401);
    expect((await session(app, other)).statusCode).toBe(200);
  });

  it("lets enrolled staff see their sessions", async () => {
    const staff = await signInAndEnrolStaff(app, admin.email, password);
    const res = await list(staff.cookie);
    expect(res.statusCode).toBe(200);
    expect(res.json().sessions.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
  });
});
