import { createHash } from "node:crypto";
import { addDays, localDateOf, noteSigningText, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildGrantee,
  buildOrganisation,
  buildTreatmentPlan,
  buildUser,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";

const objectiveA = "019a0000-0000-7000-8000-00000000aa01";
const objectiveB = "019a0000-0000-7000-8000-00000000aa02";

describeEachDialect("progress notes", ({ get }) => {
  let app: FastifyInstance;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let organisationId: string;
  let authorId: string;
  let colleagueId: string;
  let outsiderId: string;
  let adminId: string;
  let granteeId: string;
  let otherClientId: string;
  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const base = () => `/api/clients/${client.id}/progress-notes`;
  const today = () => localDateOf(new Date(), "Europe/London");
  const dap = (over: object = {}) => ({
    id: uuidv7(),
    template: "dap",
    sessionDate: today(),
    durationMinutes: 50,
    serviceKind: "individual",
    sections: { data: "Talked through the week.", assessment: "More settled.", plan: "Meet next week." },
    objectiveIds: [objectiveA, objectiveB],
    ...over,
  });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    organisationId = org.id;
    client = await buildClient(db, org.id);
    const other = await buildClient(db, org.id);
    authorId = (await buildClinician(db, org.id, [client.id])).id;
    colleagueId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
    adminId = (await buildUser(db, "programme_admin", org.id)).id;
    granteeId = (await buildGrantee(db, client, "partner", ["profile", "journal", "recovery_plan"])).id;
    await buildTreatmentPlan(db, client.id, authorId, [
      { id: objectiveA, description: "Check in five days a week" },
      { id: objectiveB, description: "Surf three urges a week" },
    ]);
    otherClientId = other.id;
  });
  afterAll(async () => {
    await app.close();
  });

  it("writes a draft with linked objectives once per id, and refuses bad input naming the field", async () => {
    const body = dap();
    const first = await call("POST", base(), authorId, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      id: body.id,
      status: "draft",
      contentHash: null,
      signedAt: null,
      addenda: [],
      serviceKind: "individual",
    });
    expect([...first.json().objectiveIds].sort()).toEqual([objectiveA, objectiveB]);
    // The note names the objectives by their description in the client's plan.
    expect(
      [...first.json().objectives].sort((a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id)),
    ).toEqual([
      { id: objectiveA, description: "Check in five days a week" },
      { id: objectiveB, description: "Surf three urges a week" },
    ]);
    expect((await call("POST", base(), authorId, body)).statusCode).toBe(200);
    expect((await call("POST", base(), authorId, { ...body, template: "soap" })).statusCode).toBe(409);

    const wrongSection = await call(
      "POST",
      base(),
      authorId,
      dap({ sections: { data: "x", behaviour: "y" } }),
    );
    expect(wrongSection.statusCode).toBe(400);
    expect(fieldsOf(wrongSection)).toEqual(["sections.behaviour"]);
    const future = await call("POST", base(), authorId, dap({ sessionDate: addDays(today(), 2) }));
    expect(fieldsOf(future)).toEqual(["sessionDate"]);
    const badObjective = await call("POST", base(), authorId, dap({ objectiveIds: ["goal one"] }));
    expect(badObjective.statusCode).toBe(400);
    expect(fieldsOf(badObjective)).toEqual(["objectiveIds.0"]);
    // A well-formed id that is not an objective of this client's plan (here: another client's plan's).
    const elsewhere = uuidv7();
    await buildTreatmentPlan(get().db, otherClientId, outsiderId, [
      { id: elsewhere, description: "Not theirs" },
    ]);
    const notInPlan = await call("POST", base(), authorId, dap({ objectiveIds: [objectiveA, elsewhere] }));
    expect(notInPlan.statusCode).toBe(400);
    expect(fieldsOf(notInPlan)).toEqual(["objectiveIds.1"]);
    const draft = first.json();
    const editedToUnknown = await call("PUT", `${base()}/${body.id}`, authorId, {
      template: draft.template,
      sessionDate: draft.sessionDate,
      durationMinutes: draft.durationMinutes,
      serviceKind: draft.serviceKind,
      sections: draft.sections,
      objectiveIds: [uuidv7()],
    });
    expect(editedToUnknown.statusCode).toBe(400);
    expect(fieldsOf(editedToUnknown)).toEqual(["objectiveIds.0"]);
    const stored = (await call("GET", base(), authorId)).json().find((n: { id: string }) => n.id === body.id);
    expect([...stored.objectiveIds].sort()).toEqual([objectiveA, objectiveB]);
    const unknownTemplate = await call("POST", base(), authorId, dap({ template: "girp" }));
    expect(fieldsOf(unknownTemplate)).toEqual(["template"]);
  });

  it("lets only the author edit and sign; signing needs every section and records who, when and the hash", async () => {
    const body = dap({ template: "birp", sections: { behaviour: "Calm." }, objectiveIds: [objectiveA] });
    const id = (await call("POST", base(), authorId, body)).json().id as string;
    const { id: _, ...fields } = body;

    expect((await call("PUT", `${base()}/${id}`, colleagueId, fields)).statusCode).toBe(403);
    expect((await call("POST", `${base()}/${id}/sign`, colleagueId)).statusCode).toBe(403);

    const early = await call("POST", `${base()}/${id}/sign`, authorId);
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early)).toEqual(["sections.intervention", "sections.response", "sections.plan"]);

    const sections = {
      behaviour: "Calm.",
      intervention: "Chain analysis.",
      response: "Engaged.",
      plan: "Next week.",
    };
    const edited = await call("PUT", `${base()}/${id}`, authorId, {
      ...fields,
      sections,
      serviceKind: "family",
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ sections, serviceKind: "family", status: "draft" });

    const signed = await call("POST", `${base()}/${id}/sign`, authorId);
    expect(signed.statusCode).toBe(200);
    const note = signed.json();
    expect(note).toMatchObject({ status: "signed", signedBy: note.author });
    const expected = createHash("sha256")
      .update(
        noteSigningText({
          noteId: id,
          clientId: client.id,
          template: "birp",
          sessionDate: body.sessionDate,
          durationMinutes: 50,
          serviceKind: "family",
          sections,
          objectiveIds: [objectiveA],
          signedByUserId: authorId,
          signedAt: note.signedAt,
        }),
      )
      .digest("hex");
    expect(note.contentHash).toBe(expected);

    // Locked: no edit, no second signature, whoever asks.
    const edit = await call("PUT", `${base()}/${id}`, authorId, { ...fields, sections });
    expect(edit.statusCode).toBe(409);
    expect((await call("POST", `${base()}/${id}/sign`, authorId)).statusCode).toBe(409);
    const after = (await call("GET", base(), authorId)).json().find((n: { id: string }) => n.id === id);
    expect(after).toMatchObject({ contentHash: expected, sections, serviceKind: "family" });
  });

  it("appends signed addenda to a signed note only, in order and once per id", async () => {
    const draftId = (await call("POST", base(), authorId, dap())).json().id as string;
    const onDraft = await call("POST", `${base()}/${draftId}/addenda`, authorId, { id: uuidv7(), body: "x" });
    expect(onDraft.statusCode).toBe(409);

    await call("POST", `${base()}/${draftId}/sign`, authorId);
    const first = { id: uuidv7(), body: "Client phoned after the session; plan unchanged." };
    const added = await call("POST", `${base()}/${draftId}/addenda`, colleagueId, first);
    expect(added.statusCode).toBe(201);
    expect((await call("POST", `${base()}/${draftId}/addenda`, colleagueId, first)).statusCode).toBe(200);
    expect(
      (await call("POST", `${base()}/${draftId}/addenda`, colleagueId, { ...first, body: "other" }))
        .statusCode,
    ).toBe(409);
    const second = await call("POST", `${base()}/${draftId}/addenda`, authorId, {
      id: uuidv7(),
      body: "Later.",
    });
    const addenda = second.json().addenda as { body: string; contentHash: string; signedAt: string }[];
    expect(addenda.map((a) => a.body)).toEqual([first.body, "Later."]);
    for (const a of addenda) expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const empty = await call("POST", `${base()}/${draftId}/addenda`, authorId, { id: uuidv7(), body: " " });
    expect(fieldsOf(empty)).toEqual(["body"]);
  });

  describe("who reads", () => {
    it("is staff-only: the care team reads; the client, a grant and other clinicians get 404", async () => {
      expect((await call("GET", base(), colleagueId)).statusCode).toBe(200);
      expect((await call("GET", base(), client.userId)).statusCode).toBe(404);
      expect((await call("GET", base(), granteeId)).statusCode).toBe(404);
      expect((await call("GET", base(), outsiderId)).statusCode).toBe(404);
      expect((await call("POST", base(), outsiderId, dap())).statusCode).toBe(404);
      expect((await call("GET", base(), adminId)).statusCode).toBe(404);
    });

    it("lets a clinician with emergency access read notes but not write them", async () => {
      const glass = await call("POST", `/api/clients/${client.id}/break-glass`, outsiderId, {
        reason: "On call tonight; the client asked for help.",
      });
      expect(glass.statusCode).toBe(201);
      const read = await call("GET", base(), outsiderId);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual((await call("GET", base(), authorId)).json());
      expect((await call("POST", base(), outsiderId, dap())).statusCode).toBe(404);
    });

    it("shares signed notes with the client only when the programme turns it on", async () => {
      const shared = `/api/clients/${client.id}/shared-notes`;
      const settings = `/api/organisations/${organisationId}/note-settings`;
      expect((await call("GET", settings, authorId)).json()).toEqual({ shareSignedNotesWithClients: false });
      const off = await call("GET", shared, client.userId);
      expect(off.statusCode).toBe(200);
      expect(off.json()).toEqual({ shared: false, notes: [] });
      expect((await call("PUT", settings, authorId, { shareSignedNotesWithClients: true })).statusCode).toBe(
        404,
      );
      const on = await call("PUT", settings, adminId, { shareSignedNotesWithClients: true });
      expect(on.json()).toEqual({ shareSignedNotesWithClients: true });

      const notes = await call("GET", shared, client.userId);
      expect(notes.statusCode).toBe(200);
      const all = (await call("GET", base(), authorId)).json() as { id: string; status: string }[];
      expect(all.some((n) => n.status === "draft")).toBe(true);
      expect(notes.json().shared).toBe(true);
      expect((notes.json().notes as { id: string }[]).map((n) => n.id)).toEqual(
        all.filter((n) => n.status === "signed").map((n) => n.id),
      );
      // A grant never reads notes, even when shared with the client.
      expect((await call("GET", shared, granteeId)).statusCode).toBe(404);
      await call("PUT", settings, adminId, { shareSignedNotesWithClients: false });
      expect((await call("GET", shared, client.userId)).json()).toEqual({ shared: false, notes: [] });
    });
  });
});
