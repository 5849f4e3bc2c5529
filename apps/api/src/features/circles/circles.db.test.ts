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

type Method = "GET" | "PUT" | "POST";

describeEachDialect("three circles", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let clinician: { id: string; name: string };
  let outsider: { id: string };
  let supporter: { id: string };
  let partner: { id: string };

  const call = (actor: string, method: Method, path: string, payload?: object) =>
    app.inject({
      method,
      url: `/api/clients/${client.id}${path}`,
      headers: { [testActorHeader]: actor },
      ...(payload ? { payload } : {}),
    });
  const fields = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    const other = await buildClient(db, org.id);
    clinician = await buildClinician(db, org.id, [client.id]);
    outsider = await buildClinician(db, org.id, [other.id]);
    supporter = await buildGrantee(db, client, "supporter", ["three_circles"]);
    partner = await buildGrantee(db, client, "partner", ["sobriety_summary"]);
  });
  afterAll(async () => {
    await app.close();
  });

  it("shows version 0 with empty lists before the client writes their circles", async () => {
    const res = await call(client.userId, "GET", "/circles");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ version: 0, items: [], history: [], comments: [] });
  });

  it("saves the first version with ids made by the server, and names the author", async () => {
    const res = await call(client.userId, "PUT", "/circles", {
      baseVersion: 0,
      note: "First go",
      items: [
        { circle: "inner", text: "Paid sex" },
        { circle: "middle", text: "Browsing after midnight" },
        { circle: "middle", text: "Skipping meetings" },
        { circle: "outer", text: "Call   Sam" },
      ],
    });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.version).toBe(1);
    expect(view.items.map((i: { text: string }) => i.text)).toEqual([
      "Paid sex",
      "Browsing after midnight",
      "Skipping meetings",
      "Call   Sam",
    ]);
    for (const item of view.items) expect(item.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(view.history).toHaveLength(1);
    expect(view.history[0]).toMatchObject({
      version: 1,
      createdBy: client.name,
      createdByRole: "self",
      note: "First go",
      removed: [],
    });
    expect(view.history[0].added).toHaveLength(4);
  });

  it("makes no new version when nothing changed", async () => {
    const before = (await call(client.userId, "GET", "/circles")).json();
    const res = await call(client.userId, "PUT", "/circles", {
      baseVersion: 1,
      items: before.items.map((i: { id: string; circle: string; text: string }) => i),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(1);
    expect(res.json().history).toHaveLength(1);
  });

  it("keeps ids of unchanged and respaced items, gives a reworded one a new id, records what changed", async () => {
    const [inner, browsing, skipping, call_] = (await call(client.userId, "GET", "/circles")).json().items;
    const res = await call(clinician.id, "PUT", "/circles", {
      baseVersion: 1,
      note: "Reworded together in session",
      items: [
        inner,
        { id: browsing.id, circle: "middle", text: "Browsing after 11pm" },
        { id: call_.id, circle: "outer", text: "Call Sam" },
        { circle: "outer", text: "Morning walk" },
      ],
    });
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.version).toBe(2);
    const ids = view.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(inner.id);
    expect(ids).toContain(call_.id);
    expect(ids).not.toContain(browsing.id);
    expect(ids).not.toContain(skipping.id);
    const reworded = view.items.find((i: { text: string }) => i.text === "Browsing after 11pm");
    expect(reworded.id).not.toBe(browsing.id);
    expect(view.items.find((i: { id: string }) => i.id === call_.id).text).toBe("Call Sam");

    // History: newest first, with the clinician as author and what was added and removed.
    expect(view.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    const latest = view.history[0];
    expect(latest).toMatchObject({ createdBy: clinician.name, createdByRole: "care-team" });
    expect(latest.added.map((i: { text: string }) => i.text).sort()).toEqual([
      "Browsing after 11pm",
      "Morning walk",
    ]);
    expect(latest.removed.map((i: { text: string }) => i.text).sort()).toEqual([
      "Browsing after midnight",
      "Skipping meetings",
    ]);
  });

  it("refuses a save from a stale version with 409 and writes nothing", async () => {
    const res = await call(client.userId, "PUT", "/circles", {
      baseVersion: 1,
      items: [{ circle: "inner", text: "Something else" }],
    });
    expect(res.statusCode).toBe(409);
    expect((await call(client.userId, "GET", "/circles")).json().version).toBe(2);
  });

  it("refuses an unknown item id naming items.N.id, and writes nothing", async () => {
    const current = (await call(client.userId, "GET", "/circles")).json();
    const res = await call(client.userId, "PUT", "/circles", {
      baseVersion: 2,
      items: [
        { circle: "outer", text: "New thing" },
        { id: "019a0000-0000-7000-8000-00000000dead", circle: "middle", text: "Not mine" },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(["items.1.id"]);
    expect((await call(client.userId, "GET", "/circles")).json()).toEqual(current);
  });

  it("refuses an empty behaviour, an unknown circle and an unexpected field, naming them", async () => {
    const res = await call(client.userId, "PUT", "/circles", {
      baseVersion: 2,
      items: [
        { circle: "inner", text: "   " },
        { circle: "centre", text: "x" },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(["items.0.text", "items.1.circle"]));
    const extra = await call(client.userId, "PUT", "/circles", { baseVersion: 2, items: [], colour: "red" });
    expect(extra.statusCode).toBe(400);
    expect(fields(extra)).toContain("colour");
  });

  it("attaches comments to the current version, with the author", async () => {
    const res = await call(clinician.id, "POST", "/circles/comments", { body: "Good, clear wording." });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      version: 2,
      author: clinician.name,
      authorRole: "care-team",
      body: "Good, clear wording.",
    });
    const mine = await call(client.userId, "POST", "/circles/comments", { body: "Thanks" });
    expect(mine.json().authorRole).toBe("self");
    const view = (await call(client.userId, "GET", "/circles")).json();
    expect(view.comments.map((c: { body: string }) => c.body)).toEqual(["Good, clear wording.", "Thanks"]);
    const empty = await call(client.userId, "POST", "/circles/comments", { body: "" });
    expect(empty.statusCode).toBe(400);
    expect(fields(empty)).toEqual(["body"]);
  });

  it("lets the care team and a grant for the circles read; others on the programme get 404", async () => {
    expect((await call(clinician.id, "GET", "/circles")).statusCode).toBe(200);
    expect((await call(supporter.id, "GET", "/circles")).statusCode).toBe(200);
    expect((await call(outsider.id, "GET", "/circles")).statusCode).toBe(404);
    expect((await call(partner.id, "GET", "/circles")).statusCode).toBe(404);
    // Reading is not writing: the grant holder cannot change or comment.
    expect((await call(supporter.id, "PUT", "/circles", { baseVersion: 2, items: [] })).statusCode).toBe(404);
    expect((await call(supporter.id, "POST", "/circles/comments", { body: "hi" })).statusCode).toBe(404);
    expect((await call(outsider.id, "POST", "/circles/comments", { body: "hi" })).statusCode).toBe(404);
  });

  it("audits reads of the circles under the record type 'circles'", async () => {
    const rows = await get()
      .db.kysely.selectFrom("audit_events")
      .select(["actor_user_id", "outcome"])
      .where("record_type", "=", "circles")
      .where("record_id", "=", client.id)
      .execute();
    expect(rows.some((r) => r.actor_user_id === clinician.id && r.outcome === "allowed")).toBe(true);
    expect(rows.some((r) => r.actor_user_id === outsider.id && r.outcome === "denied")).toBe(true);
  });
});
