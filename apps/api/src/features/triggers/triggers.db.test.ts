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

describeEachDialect("triggers and coping", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let outsiderId: string;
  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const base = () => `/api/clients/${client.id}`;
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const coping = { walk: uuidv7(), call: uuidv7(), gone: uuidv7() };
  const lonely = uuidv7();
  const phone = uuidv7();

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

  it("adds and rewords coping strategies under the app's ids", async () => {
    const walk = await call("PUT", `${base()}/coping/${coping.walk}`, client.userId, {
      text: "Go for a walk",
    });
    expect(walk.statusCode).toBe(201);
    expect(walk.json()).toEqual({ id: coping.walk, text: "Go for a walk" });
    const again = await call("PUT", `${base()}/coping/${coping.walk}`, client.userId, {
      text: "Walk round the block",
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().text).toBe("Walk round the block");
    await call("PUT", `${base()}/coping/${coping.call}`, client.userId, { text: "Call my sponsor" });
    await call("PUT", `${base()}/coping/${coping.gone}`, client.userId, { text: "Old idea" });
    expect((await call("DELETE", `${base()}/coping/${coping.gone}`, client.userId)).statusCode).toBe(204);
    const empty = await call("PUT", `${base()}/coping/${uuidv7()}`, client.userId, { text: "  " });
    expect(fieldsOf(empty)).toEqual(["text"]);
  });

  it("adds a trigger with its kind taken from the category, and links live coping only", async () => {
    const res = await call("PUT", `${base()}/triggers/${lonely}`, client.userId, {
      category: "feeling",
      label: "Lonely evenings",
      copingIds: [coping.walk, coping.call],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({
      id: lonely,
      kind: "internal",
      category: "feeling",
      label: "Lonely evenings",
      copingIds: [coping.walk, coping.call],
    });
    const changed = await call("PUT", `${base()}/triggers/${lonely}`, client.userId, {
      category: "feeling",
      label: "Lonely weekend evenings",
      copingIds: [coping.call],
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().label).toBe("Lonely weekend evenings");
    const ext = await call("PUT", `${base()}/triggers/${phone}`, client.userId, {
      category: "device",
      label: "Phone in bed",
      copingIds: [],
    });
    expect(ext.json().kind).toBe("external");

    const archived = await call("PUT", `${base()}/triggers/${uuidv7()}`, client.userId, {
      category: "place",
      label: "x",
      copingIds: [coping.walk, coping.gone],
    });
    expect(archived.statusCode).toBe(400);
    expect(fieldsOf(archived)).toEqual(["copingIds.1"]);
    const unknown = await call("PUT", `${base()}/triggers/${uuidv7()}`, client.userId, {
      category: "place",
      label: "x",
      copingIds: [uuidv7()],
    });
    expect(fieldsOf(unknown)).toEqual(["copingIds.0"]);
  });

  it("refuses bad ids, unknown categories and other clients' rows", async () => {
    const notUuid = await call("PUT", `${base()}/triggers/not-a-uuid`, client.userId, {
      category: "place",
      label: "x",
      copingIds: [],
    });
    expect(notUuid.statusCode).toBe(400);
    expect(fieldsOf(notUuid)).toEqual(["params.triggerId"]);
    const category = await call("PUT", `${base()}/triggers/${uuidv7()}`, client.userId, {
      category: "weather",
      label: "x",
      copingIds: [],
    });
    expect(fieldsOf(category)).toEqual(["category"]);

    // The other client may not touch this client's rows through their own record.
    const theirs = `/api/clients/${other.id}`;
    const hijack = await call("PUT", `${theirs}/triggers/${lonely}`, other.userId, {
      category: "place",
      label: "mine now",
      copingIds: [],
    });
    expect(hijack.statusCode).toBe(404);
    expect(
      (await call("PUT", `${theirs}/coping/${coping.walk}`, other.userId, { text: "mine" })).statusCode,
    ).toBe(404);
    expect((await call("DELETE", `${theirs}/triggers/${lonely}`, other.userId)).statusCode).toBe(404);
    expect((await call("DELETE", `${theirs}/coping/${coping.walk}`, other.userId)).statusCode).toBe(404);
    // Nor can they link this client's coping strategy to a trigger of theirs.
    const link = await call("PUT", `${theirs}/triggers/${uuidv7()}`, other.userId, {
      category: "place",
      label: "x",
      copingIds: [coping.walk],
    });
    expect(fieldsOf(link)).toEqual(["copingIds.0"]);
    const row = await get()
      .db.kysely.selectFrom("triggers")
      .select(["label", "archived_at"])
      .where("id", "=", lonely)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ label: "Lonely weekend evenings", archived_at: null });
    expect((await call("DELETE", `${base()}/triggers/${uuidv7()}`, client.userId)).statusCode).toBe(404);
  });

  it("shows live triggers, live coping and patterns in the client's zone", async () => {
    const urge = (startedAt: string, triggerId: string | null, outcome = "passed") =>
      call("POST", `${base()}/urges`, client.userId, {
        id: uuidv7(),
        startedAt,
        endedAt: new Date(Date.parse(startedAt) + 600_000).toISOString(),
        intensities: [5, 7, 3],
        outcome,
        ...(triggerId ? { triggerId } : {}),
      });
    // Mondays 21:00 UTC = 22:00 London summer time.
    expect((await urge("2025-06-02T21:00:00Z", lonely)).statusCode).toBe(201);
    expect((await urge("2025-06-09T21:00:00Z", lonely, "inner_circle")).statusCode).toBe(201);
    expect((await urge("2025-06-11T07:00:00Z", phone)).statusCode).toBe(201);
    // Archive the phone trigger: its urges keep their label in the patterns.
    expect((await call("DELETE", `${base()}/triggers/${phone}`, client.userId)).statusCode).toBe(204);
    expect((await call("DELETE", `${base()}/triggers/${phone}`, client.userId)).statusCode).toBe(204);

    const res = await call("GET", `${base()}/triggers`, client.userId);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.triggers.map((t: { id: string }) => t.id)).toEqual([lonely]);
    expect(view.coping.map((c: { id: string }) => c.id)).toEqual([coping.walk, coping.call]);
    expect(view.patterns.byTrigger).toEqual([
      { triggerId: lonely, label: "Lonely weekend evenings", urges: 2, acts: 1 },
      { triggerId: phone, label: "Phone in bed", urges: 1, acts: 0 },
    ]);
    expect(view.patterns.byHour[22]).toEqual({ hour: 22, urges: 2, acts: 1 });
    expect(view.patterns.byHour[8]).toEqual({ hour: 8, urges: 1, acts: 0 });
    expect(view.patterns.byWeekday[0]).toEqual({ weekday: 1, urges: 2, acts: 1 });
    expect(view.patterns.byWeekday[2]).toEqual({ weekday: 3, urges: 1, acts: 0 });

    const staff = await call("GET", `${base()}/triggers`, careTeamId);
    expect(staff.json()).toEqual(view);
    expect((await call("GET", `${base()}/triggers`, outsiderId)).statusCode).toBe(404);
    expect((await call("PUT", `${base()}/coping/${uuidv7()}`, careTeamId, { text: "x" })).statusCode).toBe(
      404,
    );
  });
});
