import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildGrantee,
  buildOrganisation,
  buildTreatmentPlan,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";

describeEachDialect("recovery exercises", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let careTeamId: string;
  let outsiderId: string;
  let granteeId: string;
  const objectiveId = "019a0000-0000-7000-8000-00000000bb01";
  const countedId = "019a0000-0000-7000-8000-00000000bb02";
  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const base = (clientId = client.id) => `/api/clients/${clientId}/exercises`;
  const due = (days = 7) => addDays(localDateOf(new Date(), "Europe/London"), days);
  const assign = (templateId: string, over: object = {}) =>
    call("POST", base(), careTeamId, { id: uuidv7(), templateId, dueDate: due(), ...over });
  const save = (id: string, answers: object, submit = false) =>
    call("PUT", `${base()}/${id}`, client.userId, { answers, submit });
  const review = (id: string, decision: string, comment = "Thank you for this.", reviewId = uuidv7()) =>
    call("POST", `${base()}/${id}/review`, careTeamId, { id: reviewId, decision, comment });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
    granteeId = (await buildGrantee(db, client, "supporter", ["profile", "journal", "recovery_plan"])).id;
    await buildTreatmentPlan(db, client.id, careTeamId, [
      { id: objectiveId, description: "Name three core beliefs" },
      {
        id: countedId,
        description: "Complete the consequences inventory",
        link: { kind: "exercises_completed", instrumentId: null, direction: "above", value: 1 },
      },
    ]);
  });
  afterAll(async () => {
    await app.close();
  });

  it("assigns once per id with a due date and an optional objective, refusing bad input by field", async () => {
    const id = uuidv7();
    const first = await assign("core-beliefs", { id, objectiveId });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      id,
      templateId: "core-beliefs",
      title: "Core beliefs",
      status: "assigned",
      dueDate: due(),
      objectiveId,
      answers: {},
      reviews: [],
    });
    expect((await assign("core-beliefs", { id, objectiveId })).statusCode).toBe(200);
    expect((await assign("shame-and-guilt", { id, objectiveId })).statusCode).toBe(409);
    expect((await assign("core-beliefs", { id, objectiveId: countedId })).statusCode).toBe(409);

    const unknown = await assign("thirty-tasks");
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(["templateId"]);
    const past = await assign("core-beliefs", { dueDate: due(-1) });
    expect(past.statusCode).toBe(400);
    expect(fieldsOf(past)).toEqual(["dueDate"]);
    expect(fieldsOf(await assign("core-beliefs", { objectiveId: "objective 3" }))).toEqual(["objectiveId"]);
    // A well-formed id that is not an objective of this client's plan: 400, nothing assigned.
    const strayId = uuidv7();
    const stray = await assign("core-beliefs", { id: strayId, objectiveId: uuidv7() });
    expect(stray.statusCode).toBe(400);
    expect(fieldsOf(stray)).toEqual(["objectiveId"]);
    const listed = (await call("GET", base(), careTeamId)).json() as { id: string }[];
    expect(listed.some((e) => e.id === strayId)).toBe(false);
    expect((await assign("core-beliefs", { dueDate: due(0) })).statusCode).toBe(201);
  });

  it("returns 404 when assigning outside the care team, and to the client themself", async () => {
    const payload = { id: uuidv7(), templateId: "core-beliefs", dueDate: due() };
    expect((await call("POST", base(), outsiderId, payload)).statusCode).toBe(404);
    expect((await call("POST", base(other.id), careTeamId, payload)).statusCode).toBe(404);
    expect((await call("POST", base(), client.userId, payload)).statusCode).toBe(404);
  });

  it("keeps drafts, names unknown prompts and empty required ones, then goes submitted → returned → reviewed", async () => {
    const id = (await assign("consequences-inventory")).json().id as string;
    const draft = await save(id, { grid: { money: { past: "Debt on two cards." } } });
    expect(draft.statusCode).toBe(200);
    expect(draft.json()).toMatchObject({
      status: "in_progress",
      answers: { grid: { money: { past: "Debt on two cards." } } },
    });

    const bad = await save(id, { nothing: "x", grid: { pets: { past: "x" } }, heaviest: ["list"] });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad).sort()).toEqual(["answers.grid.pets", "answers.heaviest", "answers.nothing"]);

    const early = await save(id, { grid: { money: { past: "Debt on two cards." } } }, true);
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early)).toEqual(["answers.heaviest"]);
    expect((early.json() as { errors: { message: string }[] }).errors[0]?.message).toContain(
      "Which consequence weighs on me most",
    );
    expect((await review(id, "reviewed")).statusCode).toBe(409);

    const answers = { grid: { money: { past: "Debt on two cards." } }, heaviest: "The debt." };
    const submitted = await save(id, answers, true);
    expect(submitted.json()).toMatchObject({ status: "submitted", submittedAt: expect.any(String) });
    expect((await save(id, answers)).statusCode).toBe(409);

    const returned = await review(id, "returned", "Could you add the future column?");
    expect(returned.json()).toMatchObject({
      status: "returned",
      reviews: [{ decision: "returned", comment: "Could you add the future column?" }],
    });
    const more = { ...answers, grid: { money: { past: "Debt on two cards.", future: "Savings gone." } } };
    expect((await save(id, more, true)).json().status).toBe("submitted");
    const reviewId = uuidv7();
    const reviewed = await review(id, "reviewed", "Thank you, this is honest work.", reviewId);
    expect(reviewed.json().status).toBe("reviewed");
    // The same review again (a retry) changes nothing; the same id with other words is refused.
    const retry = await review(id, "reviewed", "Thank you, this is honest work.", reviewId);
    expect(retry.statusCode).toBe(200);
    expect(retry.json().reviews).toHaveLength(2);
    expect((await review(id, "reviewed", "Other words.", reviewId)).statusCode).toBe(409);
    expect(reviewed.json().reviews.map((r: { decision: string }) => r.decision)).toEqual([
      "returned",
      "reviewed",
    ]);

    // Reviewed is final.
    expect((await save(id, more)).statusCode).toBe(409);
    expect((await review(id, "returned")).statusCode).toBe(409);
    const mine = (await call("GET", base(), client.userId)).json().find((e: { id: string }) => e.id === id);
    expect(mine.reviews[1]).toMatchObject({ comment: "Thank you, this is honest work." });
    expect(fieldsOf(await review(uuidv7(), "reviewed", ""))).toEqual(["comment"]);
  });

  it("counts reviewed exercises assigned against an objective linked to exercises completed", async () => {
    const progressOf = async () =>
      (
        (await call("GET", `/api/clients/${client.id}/treatment-plan`, careTeamId)).json() as {
          progress: { objectiveId: string; current: number | null; met: boolean | null }[];
        }
      ).progress.find((p) => p.objectiveId === countedId);
    const before = (await progressOf())?.current ?? 0;
    const counted = (await assign("consequences-inventory", { objectiveId: countedId })).json().id as string;
    // Another objective's exercise and an unlinked one never count here, even once reviewed.
    const elsewhere = (await assign("consequences-inventory", { objectiveId })).json().id as string;
    const unlinked = (await assign("consequences-inventory")).json().id as string;
    const answers = { grid: { money: { past: "Debt on two cards." } }, heaviest: "The debt." };
    for (const id of [counted, elsewhere, unlinked]) await save(id, answers, true);
    // Submitted is not yet complete.
    expect(await progressOf()).toMatchObject({ current: before });
    for (const id of [elsewhere, unlinked]) await review(id, "reviewed");
    expect(await progressOf()).toMatchObject({ current: before });
    await review(counted, "reviewed");
    expect(await progressOf()).toMatchObject({ current: before + 1, met: true });
  });

  it("offers the healthy-sexuality lists as circle items once submitted, without writing the circles", async () => {
    const id = (await assign("healthy-sexuality")).json().id as string;
    const answers = {
      definition: "Honest, kind and within my relationship.",
      outer: ["Walks with my partner", ""],
      inner: ["Paid chat sites"],
      middle: ["Scrolling in bed after midnight"],
    };
    expect((await save(id, answers)).json().circleProposal).toEqual([]);
    const submitted = await save(id, answers, true);
    expect(submitted.json().circleProposal).toEqual([
      { circle: "outer", text: "Walks with my partner" },
      { circle: "inner", text: "Paid chat sites" },
      { circle: "middle", text: "Scrolling in bed after midnight" },
    ]);
    const circles = await call("GET", `/api/clients/${client.id}/circles`, client.userId);
    expect(circles.json().items).toEqual([]);
  });

  describe("reading", () => {
    it("lets the client and the care team read; a grant and other clinicians get 404", async () => {
      const mine = await call("GET", base(), client.userId);
      expect(mine.statusCode).toBe(200);
      expect((await call("GET", base(), careTeamId)).json()).toEqual(mine.json());
      expect((await call("GET", base(), granteeId)).statusCode).toBe(404);
      expect((await call("GET", base(), outsiderId)).statusCode).toBe(404);
      expect((await save(uuidv7(), {})).statusCode).toBe(404);
    });
  });
});
