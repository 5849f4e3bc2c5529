import { uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import { buildClient, buildGrantee, headerActorLoader, testActorHeader } from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";
import { newMessageEmail, newMessageSubject } from "./notification-message.js";

describeEachDialect("notification centre", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let supporter: Awaited<ReturnType<typeof buildGrantee>>;
  let narrowed: Awaited<ReturnType<typeof buildGrantee>>;
  const call = (method: "GET" | "POST" | "PATCH", url: string, userId?: string, payload?: object) =>
    app.inject({
      method,
      url,
      headers: userId ? { [testActorHeader]: userId } : {},
      ...(payload ? { payload } : {}),
    });

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    client = await buildClient(db);
    supporter = await buildGrantee(db, client, "supporter", ["sos_alerts"]);
    narrowed = await buildGrantee(db, client, "family_member", ["sos_alerts"]);
    const sosId = uuidv7();
    await call("POST", `/api/clients/${client.id}/sos`, client.userId, { id: sosId, harmThoughts: true });
    // Mail is not configured here: the alert is still recorded, and the answer says the email did not go.
    const res = await call("POST", `/api/clients/${client.id}/sos/${sosId}/alerts`, client.userId, {
      userIds: [supporter.id, narrowed.id],
    });
    expect(res.json().alerted.map((a: { emailed: boolean }) => a.emailed)).toEqual([false, false]);
  });
  afterAll(async () => {
    await app.close();
  });

  it("answers only a signed-in caller, with their own notifications, newest first", async () => {
    expect((await call("GET", "/api/notifications")).statusCode).toBe(401);
    expect((await call("GET", "/api/notifications", client.userId)).json()).toEqual([]);
    const mine = (await call("GET", "/api/notifications", supporter.id)).json();
    expect(mine).toHaveLength(1);
    expect(mine[0].title).toMatch(/ asked for support\.$/);
    // The notification says nothing about what the client is thinking.
    expect(JSON.stringify(mine)).not.toMatch(/harm/i);
  });

  it("hides SOS alerts once the client narrows the grant, on the next request", async () => {
    expect((await call("GET", "/api/notifications", narrowed.id)).json()).toHaveLength(1);
    const patch = await call("PATCH", `/api/clients/${client.id}/grants/${narrowed.grantId}`, client.userId, {
      scopes: ["profile"],
    });
    expect(patch.statusCode).toBe(204);
    expect((await call("GET", "/api/notifications", narrowed.id)).json()).toEqual([]);
  });

  it("refuses to mark someone else's notification, and an unknown one", async () => {
    const [note] = (await call("GET", "/api/notifications", supporter.id)).json();
    expect((await call("POST", `/api/notifications/${note.id}/read`, client.userId)).statusCode).toBe(404);
    expect((await call("POST", `/api/notifications/${uuidv7()}/read`, supporter.id)).statusCode).toBe(404);
    expect((await call("POST", `/api/notifications/${note.id}/read`, supporter.id)).statusCode).toBe(204);
    expect((await call("POST", `/api/notifications/${note.id}/read`, supporter.id)).statusCode).toBe(204);
  });

  it("writes emails that say only that there is a message", () => {
    const mail = newMessageEmail("x@example.org", "https://lantern.example.org");
    expect(mail.subject).toBe(newMessageSubject);
    expect(mail.text).not.toMatch(/recovery|treatment|SOS|support|urge|programme/i);
  });
});
