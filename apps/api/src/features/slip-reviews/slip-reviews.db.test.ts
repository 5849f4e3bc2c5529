import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
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
import { insertLedgerEvent } from "../ledger/ledger.repository.js";

describeEachDialect("slip reviews", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let outsiderId: string;
  let today: string;
  const ids = { act: uuidv7(), voidedAct: uuidv7(), start: uuidv7(), theirAct: uuidv7() };
  const call = (method: "GET" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const put = (id: string, body: object, who = client) =>
    call("PUT", `/api/clients/${who.id}/slip-reviews/${id}`, who.userId, body);
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const review = (over: object = {}) => ({
    date: addDays(today, -2),
    trigger: "A long day and an empty flat",
    feelings: "Lonely, tired",
    lessons: ["Text a friend before 9pm", "Phone charges in the kitchen"],
    sharedWithCareTeam: false,
    ...over,
  });
  const lessonRows = (reviewId: string) =>
    get()
      .db.kysely.selectFrom("prevention_lessons")
      .select("text")
      .where("slip_review_id", "=", reviewId)
      .execute();

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
    today = localDateOf(new Date(), "Europe/London");
    const event = (
      id: string,
      clientId: string,
      userId: string,
      kind: string,
      date: string | null,
      target?: string,
    ) =>
      insertLedgerEvent(db.kysely, {
        id,
        client_id: clientId,
        kind,
        date,
        target_id: target ?? null,
        note: null,
        source: "manual",
        source_id: null,
        recorded_by_user_id: userId,
        recorded_at: new Date(),
      });
    await event(ids.start, client.id, client.userId, "sobriety_start", addDays(today, -20));
    await event(ids.act, client.id, client.userId, "inner_circle_act", addDays(today, -2));
    await event(ids.voidedAct, client.id, client.userId, "inner_circle_act", addDays(today, -5));
    await event(uuidv7(), client.id, client.userId, "void", null, ids.voidedAct);
    await event(ids.theirAct, other.id, other.userId, "inner_circle_act", addDays(today, -2));
  });
  afterAll(async () => {
    await app.close();
  });

  const privateId = uuidv7();
  const sharedId = uuidv7();

  it("saves a review and adds its lessons to the prevention plan once", async () => {
    const first = await put(privateId, review({ ledgerEventId: ids.act }));
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      id: privateId,
      ledgerEventId: ids.act,
      lessons: ["Text a friend before 9pm", "Phone charges in the kitchen"],
      sharedWithCareTeam: false,
      vulnerabilities: null,
    });
    const again = await put(privateId, review({ ledgerEventId: ids.act }));
    expect(again.statusCode).toBe(200);
    expect((await lessonRows(privateId)).map((l) => l.text).sort()).toEqual([
      "Phone charges in the kitchen",
      "Text a friend before 9pm",
    ]);
    // A new line on a later save joins the plan; the old ones are not repeated.
    const more = await put(
      privateId,
      review({ lessons: ["Text a friend before 9pm", "Go to the Tuesday meeting"] }),
    );
    expect(more.statusCode).toBe(200);
    expect((await lessonRows(privateId)).map((l) => l.text).sort()).toEqual([
      "Go to the Tuesday meeting",
      "Phone charges in the kitchen",
      "Text a friend before 9pm",
    ]);
  });

  it("refuses a future date, an unknown, voided or other client's act, naming the field", async () => {
    const future = await put(uuidv7(), review({ date: addDays(today, 1) }));
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future)).toEqual(["date"]);
    for (const ledgerEventId of [uuidv7(), ids.voidedAct, ids.theirAct, ids.start]) {
      const res = await put(uuidv7(), review({ ledgerEventId }));
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(["ledgerEventId"]);
    }
    const badDate = await put(uuidv7(), review({ date: "2026-02-30" }));
    expect(fieldsOf(badDate)).toEqual(["date"]);
    const blankLesson = await put(uuidv7(), review({ lessons: ["ok", " "] }));
    expect(fieldsOf(blankLesson)).toEqual(["lessons.1"]);
    // Nothing half-written from the refused saves.
    const count = await get()
      .db.kysely.selectFrom("slip_reviews")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("answers 404 for another client's review id", async () => {
    expect((await put(privateId, review(), other)).statusCode).toBe(404);
    const row = await get()
      .db.kysely.selectFrom("slip_reviews")
      .select("client_id")
      .where("id", "=", privateId)
      .executeTakeFirstOrThrow();
    expect(row.client_id).toBe(client.id);
  });

  it("shows the client everything and the care team only what was shared", async () => {
    expect(
      (await put(sharedId, review({ lessons: ["Ask for help sooner"], sharedWithCareTeam: true })))
        .statusCode,
    ).toBe(201);
    // A lesson written on its own, outside any review.
    await get()
      .db.kysely.insertInto("prevention_lessons")
      .values({
        id: uuidv7(),
        client_id: client.id,
        text: "Keep the evenings busy",
        slip_review_id: null,
        created_at: new Date(),
      })
      .execute();

    const mine = (await call("GET", `/api/clients/${client.id}/slip-reviews`, client.userId)).json();
    expect(mine.reviews.map((r: { id: string }) => r.id).sort()).toEqual([privateId, sharedId].sort());
    expect(mine.lessons).toHaveLength(5);

    const staff = await call("GET", `/api/clients/${client.id}/slip-reviews`, careTeamId);
    expect(staff.statusCode).toBe(200);
    expect(staff.json().reviews.map((r: { id: string }) => r.id)).toEqual([sharedId]);
    expect(
      staff
        .json()
        .lessons.map((l: { text: string }) => l.text)
        .sort(),
    ).toEqual(["Ask for help sooner", "Keep the evenings busy"]);
    expect((await call("GET", `/api/clients/${client.id}/slip-reviews`, outsiderId)).statusCode).toBe(404);
    expect((await put(uuidv7(), review(), { ...client, userId: careTeamId })).statusCode).toBe(404);
  });
});
