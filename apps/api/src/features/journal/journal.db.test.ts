import { uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildOrganisation,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";

describeEachDialect("journal", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let outsiderId: string;
  const call = (method: "GET" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const put = (id: string, body: object, who = client) =>
    call("PUT", `/api/clients/${who.id}/journal/${id}`, who.userId, body);
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const privateId = uuidv7();
  const sharedId = uuidv7();

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it("saves an entry (201), and saving it again updates it (200)", async () => {
    const first = await put(privateId, {
      prompt: "feelings",
      body: "Anxious about work.",
      sharedWithCareTeam: false,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: privateId, prompt: "feelings", sharedWithCareTeam: false });
    const again = await put(privateId, {
      prompt: "feelings",
      body: "Anxious about work; better after a walk.",
      sharedWithCareTeam: false,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().body).toBe("Anxious about work; better after a walk.");
    expect(again.json().createdAt).toBe(first.json().createdAt);
    const rows = await get().db.kysely.selectFrom("journal_entries").select("id").execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses bad input naming the field, and another client's id", async () => {
    expect(fieldsOf(await put(uuidv7(), { prompt: "dreams", body: "x", sharedWithCareTeam: false }))).toEqual(
      ["prompt"],
    );
    expect(fieldsOf(await put(uuidv7(), { prompt: "free", body: "  ", sharedWithCareTeam: false }))).toEqual([
      "body",
    ]);
    expect(fieldsOf(await put("nope", { prompt: "free", body: "x", sharedWithCareTeam: false }))).toEqual([
      "params.entryId",
    ]);
    const hijack = await put(privateId, { prompt: "free", body: "mine", sharedWithCareTeam: true }, other);
    expect(hijack.statusCode).toBe(404);
    const row = await get()
      .db.kysely.selectFrom("journal_entries")
      .select(["client_id", "body"])
      .where("id", "=", privateId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ client_id: client.id, body: "Anxious about work; better after a walk." });
  });

  it("is private unless shared: the care team sees only shared entries, newest first for the client", async () => {
    await new Promise((r) => setTimeout(r, 5));
    expect(
      (await put(sharedId, { prompt: "gratitude", body: "Grateful for my group.", sharedWithCareTeam: true }))
        .statusCode,
    ).toBe(201);
    const mine = await call("GET", `/api/clients/${client.id}/journal`, client.userId);
    expect(mine.json().map((e: { id: string }) => e.id)).toEqual([sharedId, privateId]);
    const staff = await call("GET", `/api/clients/${client.id}/journal`, careTeamId);
    expect(staff.statusCode).toBe(200);
    expect(staff.json().map((e: { id: string }) => e.id)).toEqual([sharedId]);
    expect((await call("GET", `/api/clients/${client.id}/journal`, outsiderId)).statusCode).toBe(404);
    expect((await call("GET", `/api/clients/${client.id}/journal`, other.userId)).statusCode).toBe(404);
    expect(
      (
        await put(
          uuidv7(),
          { prompt: "free", body: "x", sharedWithCareTeam: true },
          { ...client, userId: careTeamId },
        )
      ).statusCode,
    ).toBe(404);
  });
});
