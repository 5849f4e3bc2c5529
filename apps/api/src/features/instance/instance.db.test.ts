import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import { buildUser, headerActorLoader, testActorHeader } from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";
import { startSmtpServer, type TestSmtpServer } from "../../../test/smtp.js";

describeEachDialect("self sign-up for self-directed clients", ({ get }) => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let ownerId: string;
  const body = {
    name: "Alex Self",
    email: "alex.self@example.org",
    password: "walking by the river at dawn",
    timeZone: "America/Chicago",
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const db = get().db;
    ({ app } = await bootApp(
      db,
      { SMTP_HOST: "127.0.0.1", SMTP_PORT: String(smtp.port) },
      { actorLoader: headerActorLoader(db) },
    ));
    ownerId = (await buildUser(db, "instance_owner", null)).id;
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it("is off until the instance owner turns it on", async () => {
    expect((await app.inject({ method: "GET", url: "/api/instance/settings" })).json()).toEqual({
      selfSignUp: false,
    });
    expect((await app.inject({ method: "POST", url: "/api/sign-up", payload: body })).statusCode).toBe(404);
    const on = await app.inject({
      method: "PUT",
      url: "/api/instance/settings",
      headers: { [testActorHeader]: ownerId },
      payload: { selfSignUp: true },
    });
    expect(on.json()).toEqual({ selfSignUp: true });
  });

  it("creates a self-directed client who belongs to no programme", async () => {
    const res = await app.inject({ method: "POST", url: "/api/sign-up", payload: body });
    expect(res.statusCode).toBe(202);
    const user = await get()
      .db.kysely.selectFrom("users")
      .select("id")
      .where("email", "=", body.email)
      .executeTakeFirstOrThrow();
    const clients = await app.inject({
      method: "GET",
      url: "/api/clients",
      headers: { [testActorHeader]: user.id },
    });
    expect(clients.json()).toEqual([
      expect.objectContaining({ name: "Alex Self", organisationId: null, careTeam: [] }),
    ]);
    const row = await get()
      .db.kysely.selectFrom("clients")
      .select("time_zone")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(row.time_zone).toBe("America/Chicago");
  });

  it("answers the same for a known email, creates nothing, and tells the account's owner by a quiet email", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/sign-up",
      payload: { ...body, name: "Someone Else", password: "a different long passphrase" },
    });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: "accepted" });
    const users = await get()
      .db.kysely.selectFrom("users")
      .select("id")
      .where("email", "=", body.email)
      .execute();
    expect(users).toHaveLength(1);
    const mail = await smtp.nextMessage();
    expect(mail.to).toEqual([body.email]);
    expect(mail.headers.subject).toBe("Your Lantern sign-in");
    expect(mail.text).toMatch(/already has one/);
    expect(mail.text).not.toMatch(/treatment|addiction|recovery|programme|clinic/i);
  });

  it("checks the password rules and names the field", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/sign-up",
      payload: { ...body, email: "new.person@example.org", password: "short" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe("password");
  });
});
