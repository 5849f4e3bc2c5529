import { createHash } from "node:crypto";
import {
  addDays,
  addIntakeProblems,
  canonicalSignedContent,
  intakeAreaIds,
  lanternGoalLibrary,
  localDateOf,
  type PlanContent,
  uuidv7,
} from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildGrantee,
  buildOrganisation,
  buildUser,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";
import type { Db } from "../../db/dialect.js";

type Method = "GET" | "POST" | "PUT";
const fieldsOf = (res: { json(): unknown }) =>
  ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);

/** A plan built from the first library goal, for one problem; `vague` leaves the objective unmeasurable. */
function planFrom(staffId: string | null, over: { vague?: boolean; words?: string } = {}) {
  const goal = lanternGoalLibrary[0]!;
  const ids = {
    problem: uuidv7(),
    goal: uuidv7(),
    objective: uuidv7(),
    linked: uuidv7(),
    intervention: uuidv7(),
  };
  const content: PlanContent = {
    problems: [
      {
        id: ids.problem,
        title: "Acting out online late at night",
        severity: "severe",
        intakeProblemId: null,
      },
    ],
    goals: [
      {
        id: ids.goal,
        problemId: ids.problem,
        clientWords: over.words ?? `I want my evenings back ${uuidv7()}`,
        statement: goal.statement,
        libraryGoalId: goal.id,
      },
    ],
    objectives: [
      {
        id: ids.objective,
        goalId: ids.goal,
        description: "Feel more in control at night",
        metric: over.vague ? "" : "Nights without acting out a week",
        baseline: "2 a week",
        target: over.vague ? "feel better" : "6 a week",
        targetDate: over.vague ? null : "2027-03-01",
        link: null,
      },
      {
        id: ids.linked,
        goalId: ids.goal,
        description: "Lower PHQ-9 score",
        metric: "PHQ-9 total",
        baseline: "14",
        target: "",
        targetDate: "2027-03-01",
        link: { kind: "instrument_score", instrumentId: "phq-9", direction: "below", value: 9 },
      },
    ],
    interventions: [
      {
        id: ids.intervention,
        goalId: ids.goal,
        modality: "Individual therapy",
        frequency: "Weekly",
        responsibleUserId: staffId,
      },
    ],
  };
  return { content, ids };
}

async function completePhq9(db: Db, clientId: string, assignedBy: string, total: number, completedAt: Date) {
  await db.kysely
    .insertInto("assessments")
    .values({
      id: uuidv7(),
      client_id: clientId,
      instrument_id: "phq-9",
      assigned_by_user_id: assignedBy,
      due_date: null,
      status: "completed",
      answers: "{}",
      result: JSON.stringify({ total, band: null, flags: [] }),
      safety_flag: false,
      created_at: completedAt,
      updated_at: completedAt,
      completed_at: completedAt,
    })
    .execute();
}

describeEachDialect("treatment plans", ({ get }) => {
  let app: FastifyInstance;
  let organisationId: string;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let clinicianId: string;
  let supervisorId: string;
  let outsiderId: string;
  let adminId: string;
  let supporterId: string;
  const call = (method: Method, url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const planUrl = () => `/api/clients/${client.id}/treatment-plan`;

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    const org = await buildOrganisation(db);
    organisationId = org.id;
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    clinicianId = (await buildClinician(db, org.id, [client.id, other.id])).id;
    supervisorId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
    adminId = (await buildUser(db, "programme_admin", org.id)).id;
    supporterId = (
      await buildGrantee(db, client, "supporter", [
        "sobriety_summary",
        "recovery_plan",
        "check_ins",
        "journal",
      ])
    ).id;
  });
  afterAll(async () => {
    await app.close();
  });

  it("serves Lantern's library to staff and lets the admin add, edit and import entries", async () => {
    const libraryUrl = `/api/organisations/${organisationId}/treatment-plan-library`;
    const library = await call("GET", libraryUrl, clinicianId);
    expect(library.statusCode).toBe(200);
    expect(library.json()).toHaveLength(lanternGoalLibrary.length);
    expect(library.json()[0]).toMatchObject({ source: "lantern", seedGoal: expect.any(String) });

    const own = { ...lanternGoalLibrary[1]! } as Record<string, unknown>;
    for (const key of ["id", "source", "sourceLabel", "seedGoal"]) delete own[key];
    const goalId = uuidv7();
    const created = await call("PUT", `${libraryUrl}/${goalId}`, adminId, {
      ...own,
      title: "Our own urge goal",
    });
    expect(created.statusCode).toBe(201);
    const edited = await call("PUT", `${libraryUrl}/${goalId}`, adminId, {
      ...own,
      title: "Our urge goal, edited",
    });
    expect(edited.statusCode).toBe(200);
    expect((await call("PUT", `${libraryUrl}/${uuidv7()}`, clinicianId, own)).statusCode).toBe(404);
    const unknownField = await call("PUT", `${libraryUrl}/${uuidv7()}`, adminId, { ...own, secret: 1 });
    expect(unknownField.statusCode).toBe(400);

    const bad = await call("POST", `${libraryUrl}/import`, adminId, {
      source: "A licensed planner",
      licence: "Held by the programme",
      goals: [own, { ...own, interventions: [] }],
    });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(["goals.1.interventions"]);
    const payload = { source: "A licensed planner", licence: "Held by the programme", goals: [own, own] };
    expect((await call("POST", `${libraryUrl}/import`, adminId, payload)).json()).toEqual({ imported: 2 });
    // Importing the same library again replaces it rather than doubling it.
    expect((await call("POST", `${libraryUrl}/import`, adminId, payload)).statusCode).toBe(200);
    const after = (await call("GET", libraryUrl, clinicianId)).json() as { source: string; title: string }[];
    expect(after.filter((g) => g.source === "programme").map((g) => g.title)).toEqual([
      "Our urge goal, edited",
    ]);
    expect(after.filter((g) => g.source === "imported")).toHaveLength(2);
  });

  it("keeps the programme's review cadence and supervisor setting", async () => {
    const url = `/api/organisations/${organisationId}/treatment-plan-settings`;
    expect((await call("GET", url, clinicianId)).json()).toEqual({
      reviewDays: 90,
      supervisorRequired: false,
    });
    expect(
      (await call("PUT", url, clinicianId, { reviewDays: 30, supervisorRequired: true })).statusCode,
    ).toBe(404);
    const bad = await call("PUT", url, adminId, { reviewDays: 2, supervisorRequired: false });
    expect(fieldsOf(bad)).toEqual(["reviewDays"]);
  });

  it("builds a plan, refuses to sign a vague objective, then signs, locks and hashes it", async () => {
    const empty = await call("GET", planUrl(), clinicianId);
    expect(empty.json()).toMatchObject({ current: null, review: { status: "not_started" } });

    const versionId = uuidv7();
    const started = await call("POST", `${planUrl()}/versions`, clinicianId, { id: versionId });
    expect(started.statusCode).toBe(201);
    expect((await call("POST", `${planUrl()}/versions`, clinicianId, { id: versionId })).statusCode).toBe(
      200,
    );
    expect((await call("POST", `${planUrl()}/versions`, clinicianId, { id: uuidv7() })).statusCode).toBe(409);
    expect(started.json().current).toMatchObject({ version: 1, status: "draft", revision: 0 });

    const { content, ids } = planFrom(clinicianId, { vague: true });
    const saved = await call("PUT", `${planUrl()}/versions/${versionId}`, clinicianId, {
      revision: 0,
      content,
    });
    expect(saved.statusCode).toBe(200);
    expect(
      (saved.json().quality as { rule: string; itemId: string }[]).map((q) => [q.rule, q.itemId]),
    ).toEqual([
      ["objective_not_measurable", ids.objective],
      ["objective_no_date", ids.objective],
    ]);
    // A stale revision is refused.
    expect(
      (await call("PUT", `${planUrl()}/versions/${versionId}`, clinicianId, { revision: 0, content }))
        .statusCode,
    ).toBe(409);

    const refused = await call("POST", `${planUrl()}/versions/${versionId}/signatures`, clinicianId, {
      role: "clinician",
    });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused)).toEqual([
      `objectives.${ids.objective}.target`,
      `objectives.${ids.objective}.targetDate`,
    ]);
    expect(refused.json().errors[0].message).toContain("Feel more in control at night");

    const fixed = planFrom(clinicianId).content;
    fixed.problems = content.problems;
    fixed.goals = content.goals;
    fixed.objectives = fixed.objectives.map((o, i) => ({
      ...o,
      id: content.objectives[i]!.id,
      goalId: content.goals[0]!.id,
    }));
    fixed.interventions = content.interventions;
    const good = await call("PUT", `${planUrl()}/versions/${versionId}`, clinicianId, {
      revision: 1,
      content: fixed,
    });
    expect(good.json().quality).toEqual([]);

    // Roles are checked: the clinician cannot sign for the client, nor the client as clinician.
    expect(
      fieldsOf(
        await call("POST", `${planUrl()}/versions/${versionId}/signatures`, clinicianId, { role: "client" }),
      ),
    ).toEqual(["role"]);
    expect(
      fieldsOf(
        await call("POST", `${planUrl()}/versions/${versionId}/signatures`, client.userId, {
          role: "clinician",
        }),
      ),
    ).toEqual(["role"]);

    const byClinician = await call("POST", `${planUrl()}/versions/${versionId}/signatures`, clinicianId, {
      role: "clinician",
    });
    expect(byClinician.statusCode).toBe(200);
    expect(byClinician.json().current).toMatchObject({
      status: "awaiting_signatures",
      awaitingRoles: ["client"],
    });
    // Once someone has signed, the content is frozen for this version.
    expect(
      (await call("PUT", `${planUrl()}/versions/${versionId}`, clinicianId, { revision: 2, content: fixed }))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await call("POST", `${planUrl()}/versions/${versionId}/signatures`, supervisorId, {
          role: "clinician",
        })
      ).statusCode,
    ).toBe(409);

    const byClient = await call("POST", `${planUrl()}/versions/${versionId}/signatures`, client.userId, {
      role: "client",
    });
    expect(byClient.statusCode).toBe(200);
    const signed = byClient.json().current;
    expect(signed).toMatchObject({ status: "signed", awaitingRoles: [] });
    expect(signed.signedAt).toEqual(expect.any(String));
    const expected = createHash("sha256")
      .update(canonicalSignedContent({ clientId: client.id, versionId, version: 1 }, fixed))
      .digest("hex");
    expect(
      signed.signatures.map((s: { role: string; contentHash: string }) => [s.role, s.contentHash]),
    ).toEqual([
      ["clinician", expected],
      ["client", expected],
    ]);
    expect(byClient.json().review).toMatchObject({
      status: "ok",
      lastReviewedAt: localDateOf(new Date(), "Europe/London"),
    });

    // Locked: edits and more signatures are 409; a new version is a copy to edit.
    expect(
      (await call("PUT", `${planUrl()}/versions/${versionId}`, clinicianId, { revision: 2, content: fixed }))
        .statusCode,
    ).toBe(409);
    const next = await call("POST", `${planUrl()}/versions`, clinicianId, { id: uuidv7() });
    expect(next.statusCode).toBe(201);
    expect(next.json().current).toMatchObject({ version: 2, status: "draft", content: fixed });
    expect(next.json().lastSigned).toMatchObject({ id: versionId, status: "signed" });
    // The older version cannot be signed or edited now.
    expect(
      (
        await call("POST", `${planUrl()}/versions/${versionId}/signatures`, supervisorId, {
          role: "clinician",
        })
      ).statusCode,
    ).toBe(409);
  });

  it("computes progress of linked objectives from the record", async () => {
    const plan = (await call("GET", planUrl(), client.userId)).json();
    const linked = plan.current.content.objectives[1].id as string;
    expect(plan.progress).toEqual([
      { objectiveId: linked, current: null, label: "No completed PHQ-9 yet", met: null },
    ]);
    const db = get().db;
    await completePhq9(db, client.id, clinicianId, 14, new Date(Date.now() - 20 * 86_400_000));
    await completePhq9(db, client.id, clinicianId, 8, new Date(Date.now() - 86_400_000));
    const after = (await call("GET", planUrl(), clinicianId)).json();
    expect(after.progress[0]).toMatchObject({ objectiveId: linked, current: 8, met: true });
    expect(after.progress[0].label).toMatch(/^Latest PHQ-9 total, \d{4}-\d{2}-\d{2}$/);
  });

  it("counts check-ins and urges surfed in the last week, and only reviewed exercises for the objective", async () => {
    const db = get().db;
    const today = localDateOf(new Date(), "Europe/London");
    const versionId = uuidv7();
    await call("POST", `/api/clients/${other.id}/treatment-plan/versions`, clinicianId, { id: versionId });
    const { content } = planFrom(null);
    const [first] = content.objectives;
    content.objectives = [
      {
        ...first!,
        id: uuidv7(),
        link: { kind: "check_ins_per_week", instrumentId: null, direction: "above", value: 1 },
      },
      {
        ...first!,
        id: uuidv7(),
        link: { kind: "urges_surfed_per_week", instrumentId: null, direction: "above", value: 2 },
      },
      {
        ...first!,
        id: uuidv7(),
        link: { kind: "urges_logged_per_week", instrumentId: null, direction: "below", value: 5 },
      },
      {
        ...first!,
        id: uuidv7(),
        link: { kind: "exercises_completed", instrumentId: null, direction: "above", value: 3 },
      },
    ];
    const now = new Date();
    await db.kysely
      .insertInto("check_ins")
      .values({
        id: uuidv7(),
        client_id: other.id,
        date: today,
        mood: 3,
        feelings: "[]",
        halt: "{}",
        stress: 2,
        sleep_hours: 7,
        sleep_quality: 3,
        urge_strength: 2,
        middle_item_ids: "[]",
        outer_item_ids: "[]",
        inner_circle: false,
        note: null,
        late: false,
        saved_on: today,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const outcome of ["passed", "middle_circle"])
      await db.kysely
        .insertInto("urges")
        .values({
          id: uuidv7(),
          client_id: other.id,
          date: today,
          started_at: now,
          ended_at: now,
          intensities: "[3]",
          peak: 3,
          outcome,
          trigger_id: null,
          note: null,
          created_at: now,
        })
        .execute();
    const res = await call(
      "PUT",
      `/api/clients/${other.id}/treatment-plan/versions/${versionId}`,
      clinicianId,
      {
        revision: 0,
        content,
      },
    );
    expect(res.statusCode).toBe(200);
    expect(
      res.json().progress.map((p: { current: number | null; met: boolean | null }) => [p.current, p.met]),
    ).toEqual([
      [1, true],
      [1, false],
      [2, true],
      [0, false],
    ]);
  });

  it("imports the intake's problems and will not sign until every severe one has a goal", async () => {
    const db = get().db;
    const org = await buildOrganisation(db);
    const person = await buildClient(db, org.id);
    const staffId = (await buildClinician(db, org.id, [person.id])).id;
    const url = `/api/clients/${person.id}/treatment-plan`;
    const severeId = uuidv7();
    const mildId = uuidv7();
    const addProblem = (id: string, title: string, severity: string) =>
      call("PUT", `/api/clients/${person.id}/intake/problems/${id}`, staffId, {
        area: intakeAreaIds[1],
        title,
        detail: `Evidence for ${title.toLowerCase()}.`,
        severity,
      });
    expect((await addProblem(mildId, "Money spent", "mild")).statusCode).toBe(201);
    expect((await addProblem(severeId, "Hours lost at night", "severe")).statusCode).toBe(201);

    const versionId = uuidv7();
    const started = await call("POST", `${url}/versions`, staffId, { id: versionId });
    // The plan view carries the intake's problem list, most severe first, and the check names the
    // severe one before any plan problem exists.
    expect(
      started.json().intakeProblems.map((p: { id: string; severity: string }) => [p.id, p.severity]),
    ).toEqual([
      [severeId, "severe"],
      [mildId, "mild"],
    ]);
    expect(started.json().quality.map((q: { rule: string; itemId: string }) => [q.rule, q.itemId])).toEqual([
      ["empty_plan", null],
      ["severe_intake_problem_missing", severeId],
    ]);

    // A full plan for a problem of its own, without the intake's severe problem, is refused at signing.
    const { content } = planFrom(staffId);
    const saved = await call("PUT", `${url}/versions/${versionId}`, staffId, { revision: 0, content });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().quality.map((q: { rule: string }) => q.rule)).toEqual([
      "severe_intake_problem_missing",
    ]);
    const refused = await call("POST", `${url}/versions/${versionId}/signatures`, staffId, {
      role: "clinician",
    });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused)).toEqual([`intakeProblems.${severeId}`]);

    // Imported (as the builder does) but without a goal: still refused, now naming the plan problem.
    const intake = saved.json().intakeProblems;
    const imported = addIntakeProblems(content, intake, uuidv7);
    expect(addIntakeProblems(imported, intake, uuidv7)).toBe(imported);
    const severeProblem = imported.problems.find((p) => p.intakeProblemId === severeId)!;
    const mildProblem = imported.problems.find((p) => p.intakeProblemId === mildId)!;
    expect(severeProblem).toMatchObject({
      title: "Hours lost at night",
      severity: "severe",
      evidence: "Evidence for hours lost at night.",
    });
    const second = await call("PUT", `${url}/versions/${versionId}`, staffId, {
      revision: 1,
      content: imported,
    });
    expect(second.statusCode).toBe(200);
    expect(second.json().current.content.problems).toHaveLength(3);
    const noGoal = await call("POST", `${url}/versions/${versionId}/signatures`, staffId, {
      role: "clinician",
    });
    expect(fieldsOf(noGoal)).toEqual([`problems.${severeProblem.id}`, `problems.${mildProblem.id}`]);

    // An intake problem id of another client, or the same intake problem twice, is refused by field.
    const strayProblem = {
      id: uuidv7(),
      title: "Stray",
      severity: "mild" as const,
      intakeProblemId: uuidv7(),
    };
    const stray = await call("PUT", `${url}/versions/${versionId}`, staffId, {
      revision: 2,
      content: { ...imported, problems: [...imported.problems, strayProblem] },
    });
    expect(stray.statusCode).toBe(400);
    expect(fieldsOf(stray)).toEqual([`problems.${strayProblem.id}.intakeProblemId`]);
    const twice = { ...strayProblem, intakeProblemId: severeId };
    const dup = await call("PUT", `${url}/versions/${versionId}`, staffId, {
      revision: 2,
      content: { ...imported, problems: [...imported.problems, twice] },
    });
    expect(fieldsOf(dup)).toEqual([`problems.${twice.id}.intakeProblemId`]);

    // Goals for both imported problems (the severe one with an objective): the clinician signs.
    const [goal] = content.goals;
    const [objective] = content.objectives;
    const addressed: PlanContent = {
      ...imported,
      goals: [
        ...imported.goals,
        ...[severeProblem, mildProblem].map((p, i) => ({
          ...goal!,
          id: uuidv7(),
          problemId: p.id,
          clientWords: `My own words ${i} ${uuidv7()}`,
        })),
      ],
    };
    addressed.objectives = [
      ...imported.objectives,
      ...addressed.goals.slice(1).map((g) => ({ ...objective!, id: uuidv7(), goalId: g.id })),
    ];
    const third = await call("PUT", `${url}/versions/${versionId}`, staffId, {
      revision: 2,
      content: addressed,
    });
    expect(third.statusCode).toBe(200);
    expect(third.json().quality).toEqual([]);
    const signed = await call("POST", `${url}/versions/${versionId}/signatures`, staffId, {
      role: "clinician",
    });
    expect(signed.statusCode).toBe(200);
  });

  it("flags goal text copied word for word from another client's plan", async () => {
    const words = "I want to be honest with my family";
    const otherPlan = (await call("GET", `/api/clients/${other.id}/treatment-plan`, clinicianId)).json();
    const otherContent = otherPlan.current.content as PlanContent;
    otherContent.goals[0]!.clientWords = words;
    await call(
      "PUT",
      `/api/clients/${other.id}/treatment-plan/versions/${otherPlan.current.id}`,
      clinicianId,
      {
        revision: otherPlan.current.revision,
        content: otherContent,
      },
    );

    const mine = (await call("GET", planUrl(), clinicianId)).json();
    const content = mine.current.content as PlanContent;
    content.goals[0]!.clientWords = "  i want to be HONEST with my family! ";
    const saved = await call("PUT", `${planUrl()}/versions/${mine.current.id}`, clinicianId, {
      revision: mine.current.revision,
      content,
    });
    const copied = (saved.json().quality as { rule: string; level: string; field: string }[]).filter(
      (q) => q.rule === "text_used_for_another_client",
    );
    // The library statement and an objective's text are the same in both plans too: flagged, as
    // warnings; the client's words only once the other plan holds them.
    expect(copied.map((q) => q.field).sort()).toEqual(
      [
        `goals.${content.goals[0]!.id}.clientWords`,
        `goals.${content.goals[0]!.id}.statement`,
        // Only "Feel more in control at night": the other plan has no "Lower PHQ-9 score".
        `objectives.${content.objectives[0]!.id}.description`,
      ].sort(),
    );
    expect(mine.quality.map((q: { field: string }) => q.field)).not.toContain(
      `goals.${content.goals[0]!.id}.clientWords`,
    );
    expect(copied.every((q) => q.level === "warning")).toBe(true);
  });

  it("refuses structure that does not hang together, and staff outside the care team", async () => {
    const mine = (await call("GET", planUrl(), clinicianId)).json();
    const content = mine.current.content as PlanContent;
    content.goals[0]!.problemId = uuidv7();
    content.interventions[0]!.responsibleUserId = outsiderId;
    const res = await call("PUT", `${planUrl()}/versions/${mine.current.id}`, clinicianId, {
      revision: mine.current.revision,
      content,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual([
      `goals.${content.goals[0]!.id}.problemId`,
      `interventions.${content.interventions[0]!.id}.responsibleUserId`,
    ]);
  });

  it("requires a supervisor where the programme asks, someone other than the clinician", async () => {
    const org = await buildOrganisation(get().db);
    const admin = (await buildUser(get().db, "programme_admin", org.id)).id;
    const someone = await buildClient(get().db, org.id);
    const lead = (await buildClinician(get().db, org.id, [someone.id])).id;
    const senior = (await buildClinician(get().db, org.id, [someone.id])).id;
    await call("PUT", `/api/organisations/${org.id}/treatment-plan-settings`, admin, {
      reviewDays: 30,
      supervisorRequired: true,
    });
    const url = `/api/clients/${someone.id}/treatment-plan`;
    const versionId = uuidv7();
    await call("POST", `${url}/versions`, lead, { id: versionId });
    await call("PUT", `${url}/versions/${versionId}`, lead, { revision: 0, content: planFrom(lead).content });
    const sign = (user: string, role: string) =>
      call("POST", `${url}/versions/${versionId}/signatures`, user, { role });
    expect((await sign(lead, "clinician")).statusCode).toBe(200);
    expect((await sign(lead, "supervisor")).statusCode).toBe(409);
    const afterClient = await sign(someone.userId, "client");
    expect(afterClient.json().current).toMatchObject({
      status: "awaiting_signatures",
      awaitingRoles: ["supervisor"],
    });
    const done = await sign(senior, "supervisor");
    expect(done.json().current.status).toBe("signed");
    expect(done.json().review).toMatchObject({ cadenceDays: 30, status: "ok" });

    const review = { id: uuidv7(), note: "Reviewed with the client; objectives still fit." };
    expect((await call("POST", `${url}/reviews`, lead, review)).statusCode).toBe(201);
    expect((await call("POST", `${url}/reviews`, lead, review)).statusCode).toBe(200);
    expect((await call("POST", `${url}/reviews`, lead, { ...review, note: "Other" })).statusCode).toBe(409);
  });

  it("locks the version when the client and the clinician sign at the same moment", async () => {
    const someone = await buildClient(get().db, organisationId);
    const lead = (await buildClinician(get().db, organisationId, [someone.id])).id;
    const url = `/api/clients/${someone.id}/treatment-plan`;
    const versionId = uuidv7();
    await call("POST", `${url}/versions`, lead, { id: versionId });
    await call("PUT", `${url}/versions/${versionId}`, lead, { revision: 0, content: planFrom(lead).content });
    const [a, b] = await Promise.all([
      call("POST", `${url}/versions/${versionId}/signatures`, lead, { role: "clinician" }),
      call("POST", `${url}/versions/${versionId}/signatures`, someone.userId, { role: "client" }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const plan = (await call("GET", url, lead)).json();
    expect(plan.current).toMatchObject({ status: "signed", awaitingRoles: [] });
    expect(plan.current.signatures).toHaveLength(2);

    // The caseload flags the plan once its review falls due (90 days by default), until a review.
    const caseload = async () =>
      (
        (await call("GET", `/api/organisations/${organisationId}/caseload`, lead)).json() as {
          clientId: string;
          flags: { kind: string; detail: string }[];
        }[]
      )
        .find((e) => e.clientId === someone.id)
        ?.flags.filter((f) => f.kind === "plan_review");
    expect(await caseload()).toEqual([]);
    const longAgo = new Date(Date.now() - 100 * 86_400_000);
    await get()
      .db.kysely.updateTable("treatment_plan_versions")
      .set({ signed_at: longAgo })
      .where("id", "=", versionId)
      .execute();
    const due = addDays(localDateOf(longAgo, "Europe/London"), 90);
    expect(await caseload()).toEqual([
      { kind: "plan_review", detail: `Treatment plan review overdue since ${due}` },
    ]);
    expect((await call("GET", url, lead)).json().review).toMatchObject({ status: "overdue", dueDate: due });
    await call("POST", `${url}/reviews`, lead, { id: uuidv7(), note: "Reviewed: still fits." });
    expect(await caseload()).toEqual([]);
  });

  describe("the PDF and who may see the plan", () => {
    it("prints the signed version with every signature", async () => {
      const res = await call("GET", `${planUrl()}.pdf`, client.userId);
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      const text = res.rawPayload.toString("latin1");
      expect(text.startsWith("%PDF-1.4")).toBe(true);
      const plan = (await call("GET", planUrl(), clinicianId)).json();
      for (const signature of plan.lastSigned.signatures)
        expect(text).toContain(`(${signature.contentHash})`);
      expect(text).toMatch(/\(Clinician: [^)]+, \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)/);
      expect(text).toMatch(/\(Client: [^)]+, \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC\)/);
      expect(text).toContain("Acting out online late at night");
      // Before any signature there is nothing to print.
      const fresh = await buildClient(get().db, organisationId);
      await buildClinician(get().db, organisationId, [fresh.id]);
      expect(
        (await call("GET", `/api/clients/${fresh.id}/treatment-plan.pdf`, fresh.userId)).statusCode,
      ).toBe(409);
    });

    it("hides the plan from clinicians outside the team, the admin and supporters (404)", async () => {
      for (const user of [outsiderId, adminId, supporterId, other.userId]) {
        expect((await call("GET", planUrl(), user)).statusCode).toBe(404);
        expect((await call("GET", `${planUrl()}.pdf`, user)).statusCode).toBe(404);
        expect((await call("POST", `${planUrl()}/versions`, user, { id: uuidv7() })).statusCode).toBe(404);
      }
      // The client reads and signs but does not write the plan.
      expect((await call("POST", `${planUrl()}/versions`, client.userId, { id: uuidv7() })).statusCode).toBe(
        404,
      );
    });
  });

  // Last: it opens the record to the outsider.
  it("lets a clinician with emergency access read and write the plan", async () => {
    const glass = await call("POST", `/api/clients/${client.id}/break-glass`, outsiderId, {
      reason: "Covering the shift while the clinician is away.",
    });
    expect(glass.statusCode).toBe(201);
    expect((await call("GET", planUrl(), outsiderId)).statusCode).toBe(200);
    const plan = (await call("GET", planUrl(), outsiderId)).json();
    const saved = await call("PUT", `${planUrl()}/versions/${plan.current.id}`, outsiderId, {
      revision: plan.current.revision,
      content: plan.current.content,
    });
    expect(saved.statusCode).toBe(200);
  });
});
