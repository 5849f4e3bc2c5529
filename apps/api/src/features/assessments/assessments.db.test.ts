import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildOrganisation,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";

const phqItems = Array.from({ length: 9 }, (_, i) => `phq-9-${i + 1}`);
const gadItems = Array.from({ length: 7 }, (_, i) => `gad-7-${i + 1}`);
const all = (items: string[], value: number) => Object.fromEntries(items.map((id) => [id, value]));

describeEachDialect("assessments", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let organisationId: string;
  let careTeamId: string;
  let outsiderId: string;
  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const base = () => `/api/clients/${client.id}/assessments`;
  const assign = (instrumentId: string, over: object = {}) =>
    call("POST", base(), careTeamId, { id: uuidv7(), instrumentId, ...over });
  const save = (id: string, answers: object, submit = false) =>
    call("PUT", `${base()}/${id}`, client.userId, { answers, submit });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    organisationId = org.id;
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it("serves the text of PHQ-9 and GAD-7 only", async () => {
    const phq = await call("GET", "/api/instruments/phq-9", client.userId);
    expect(phq.statusCode).toBe(200);
    expect(phq.json().items).toHaveLength(10);
    expect(phq.json().items[0].options[1]).toEqual({ value: 1, label: "Several days" });
    expect((await call("GET", "/api/instruments/audit-c", client.userId)).statusCode).toBe(404);
    expect((await call("GET", "/api/instruments/nothing", client.userId)).statusCode).toBe(404);
  });

  it("assigns once per id, and refuses other instruments and past due dates", async () => {
    const id = uuidv7();
    const first = await assign("phq-9", { id });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id, instrumentId: "phq-9", status: "due", result: null });
    expect((await assign("phq-9", { id })).statusCode).toBe(200);
    expect((await assign("gad-7", { id })).statusCode).toBe(409);

    const rses = await assign("rses");
    expect(rses.statusCode).toBe(400);
    expect(fieldsOf(rses)).toEqual(["instrumentId"]);
    const today = localDateOf(new Date(), "Europe/London");
    const past = await assign("gad-7", { dueDate: addDays(today, -2) });
    expect(past.statusCode).toBe(400);
    expect(fieldsOf(past)).toEqual(["dueDate"]);
    expect((await assign("gad-7", { dueDate: addDays(today, 7) })).json().dueDate).toBe(addDays(today, 7));
    // Only the care team assigns; the client cannot assign to themself.
    expect(
      (await call("POST", base(), client.userId, { id: uuidv7(), instrumentId: "phq-9" })).statusCode,
    ).toBe(404);
  });

  it("saves drafts, names bad and missing answers, scores on submit and then refuses changes", async () => {
    const id = (await assign("phq-9")).json().id as string;
    const draft = await save(id, { "phq-9-1": 2 });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({ status: "draft", answers: { "phq-9-1": 2 }, result: null });

    const bad = await save(id, { "phq-9-1": 4, "phq-9-99": 1 });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(["answers.phq-9-1", "answers.phq-9-99"]);

    const incomplete = await save(id, { "phq-9-1": 2, "phq-9-2": 1 }, true);
    expect(incomplete.statusCode).toBe(400);
    expect(fieldsOf(incomplete)).toEqual(phqItems.slice(2).map((item) => `answers.${item}`));

    const done = await save(id, { ...all(phqItems, 1), "phq-9-9": 0 }, true);
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: "completed",
      result: { total: 8, band: "Mild", flags: [] },
      safetyFlag: false,
    });
    expect(done.json().completedAt).toEqual(expect.any(String));
    expect((await save(id, all(phqItems, 0))).statusCode).toBe(409);
  });

  it("raises the safety flag on PHQ-9 item 9 above 0 and shows it on the caseload", async () => {
    const before = await call("GET", `/api/organisations/${organisationId}/caseload`, careTeamId);
    const mine = () =>
      (before.json() as { clientId: string; flags: { kind: string }[] }[]).find(
        (e) => e.clientId === client.id,
      );
    expect(mine()?.flags.map((f) => f.kind)).not.toContain("phq9_safety");

    const id = (await assign("phq-9")).json().id as string;
    const done = await save(id, { ...all(phqItems, 0), "phq-9-9": 1 }, true);
    expect(done.json()).toMatchObject({ safetyFlag: true, result: { total: 1, band: "Minimal" } });
    expect(done.json().result.flags).toEqual([
      expect.objectContaining({ flag: "safety", itemId: "phq-9-9" }),
    ]);

    const after = await call("GET", `/api/organisations/${organisationId}/caseload`, careTeamId);
    const entry = (after.json() as { clientId: string; flags: { kind: string; detail: string }[] }[]).find(
      (e) => e.clientId === client.id,
    );
    expect(entry?.flags[0]).toMatchObject({ kind: "phq9_safety" });
    expect(entry?.flags[0]?.detail).toMatch(/^PHQ-9 item 9 answered above 0 on \d{4}-\d{2}-\d{2}: check in/);
  });

  it("scores GAD-7 and exports a completed response as FHIR", async () => {
    const id = (await assign("gad-7")).json().id as string;
    expect((await call("GET", `${base()}/${id}/fhir`, careTeamId)).statusCode).toBe(409);
    const done = await save(id, all(gadItems, 2), true);
    expect(done.json().result).toEqual({ total: 14, band: "Moderate", flags: [] });
    const fhir = await call("GET", `${base()}/${id}/fhir`, careTeamId);
    expect(fhir.statusCode).toBe(200);
    const body = fhir.json();
    expect(body.questionnaireResponse).toMatchObject({
      resourceType: "QuestionnaireResponse",
      id,
      status: "completed",
      subject: { reference: `Patient/${client.id}` },
    });
    expect(body.questionnaireResponse.item).toHaveLength(7);
    expect(body.observations[0]).toMatchObject({
      resourceType: "Observation",
      valueQuantity: { value: 14 },
      derivedFrom: [{ reference: `QuestionnaireResponse/${id}` }],
    });
  });

  describe("reading", () => {
    it("lists newest first for the client and the care team; others get 404", async () => {
      const mine = await call("GET", base(), client.userId);
      expect(mine.statusCode).toBe(200);
      const created = (mine.json() as { createdAt: string }[]).map((a) => a.createdAt);
      expect(created).toEqual([...created].sort().reverse());
      expect((await call("GET", base(), careTeamId)).json()).toEqual(mine.json());
      expect((await call("GET", base(), outsiderId)).statusCode).toBe(404);
      expect((await call("GET", base(), other.userId)).statusCode).toBe(404);
      // An assessment of another client is not found through this client's path.
      const theirs = uuidv7();
      const unknown = await save(theirs, {});
      expect(unknown.statusCode).toBe(404);
    });
  });
});
