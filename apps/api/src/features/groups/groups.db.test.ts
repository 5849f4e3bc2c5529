import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { bootApp } from "../../../test/app.js";
import {
  buildClient,
  buildClinician,
  buildOrganisation,
  buildUser,
  headerActorLoader,
  testActorHeader,
} from "../../../test/builders.js";
import { describeEachDialect } from "../../../test/databases.js";

type Built = Awaited<ReturnType<typeof buildClient>>;

describeEachDialect("groups: members by the track's rules, sessions, attendance, member notes", ({ get }) => {
  let app: FastifyInstance;
  let org: string;
  let adminId: string;
  let facilitatorId: string;
  let otherClinicianId: string;
  let man: Built;
  let secondMan: Built;
  let woman: Built;
  let unset: Built;
  let discharged: Built;
  let elsewhereClient: Built;
  const today = () => localDateOf(new Date(), "Europe/London");
  const ids = {
    mensTrack: uuidv7(),
    mixedTrack: uuidv7(),
    unit: uuidv7(),
    room: uuidv7(),
    bed1: uuidv7(),
    bed2: uuidv7(),
    bed3: uuidv7(),
    group: uuidv7(),
    mixedGroup: uuidv7(),
    session: uuidv7(),
    objective: uuidv7(),
  };
  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const errorsOf = (res: { json(): unknown }) =>
    (res.json() as { errors?: { field: string; message: string }[] }).errors ?? [];
  const groups = () => `/api/organisations/${org}/groups`;
  const sessionUrl = () => `${groups()}/${ids.group}/sessions/${ids.session}`;
  const auditCount = async (clientId: string, recordType: string, action: string) =>
    Number(
      (
        await get()
          .db.kysely.selectFrom("audit_events")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("client_id", "=", clientId)
          .where("record_type", "=", recordType)
          .where("action", "=", action)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    org = (await buildOrganisation(db)).id;
    man = await buildClient(db, org);
    secondMan = await buildClient(db, org);
    woman = await buildClient(db, org);
    unset = await buildClient(db, org);
    discharged = await buildClient(db, org);
    elsewhereClient = await buildClient(db);
    adminId = (await buildUser(db, "programme_admin", org)).id;
    facilitatorId = (await buildClinician(db, org, [man.id, secondMan.id, woman.id, discharged.id])).id;
    otherClinicianId = (await buildClinician(db, org, [])).id;
    const ok = (res: { statusCode: number; body: string }) => {
      expect(res.statusCode, res.body).toBeLessThan(300);
    };
    ok(
      await call("POST", `/api/organisations/${org}/tracks`, adminId, {
        id: ids.mensTrack,
        name: "Men's residential",
        kind: "residential",
        csbDedicated: true,
        genderDesignation: "men",
      }),
    );
    ok(
      await call("POST", `/api/organisations/${org}/tracks`, adminId, {
        id: ids.mixedTrack,
        name: "Evening outpatient",
        kind: "outpatient",
        csbDedicated: false,
        genderDesignation: "mixed",
      }),
    );
    ok(
      await call("POST", `/api/organisations/${org}/units`, adminId, {
        id: ids.unit,
        name: "North",
        genderRestriction: "none",
      }),
    );
    ok(
      await call("POST", `/api/organisations/${org}/units/${ids.unit}/rooms`, adminId, {
        id: ids.room,
        name: "1",
      }),
    );
    for (const bed of [ids.bed1, ids.bed2, ids.bed3])
      ok(
        await call("POST", `/api/organisations/${org}/rooms/${ids.room}/beds`, adminId, {
          id: bed,
          label: bed.slice(-4),
        }),
      );
    for (const [client, gender] of [
      [man, "man"],
      [secondMan, "man"],
      [woman, "woman"],
      [discharged, "man"],
    ] as const)
      ok(await call("PUT", `/api/clients/${client.id}/placement`, adminId, { gender, alias: null }));
    const admit = (client: Built, bedId: string) =>
      call("POST", `/api/clients/${client.id}/episodes`, adminId, {
        id: uuidv7(),
        admittedOn: addDays(today(), -5),
        trackId: ids.mensTrack,
        bedId,
        referralSource: "",
        consents: [],
      });
    ok(await admit(man, ids.bed1));
    ok(await admit(secondMan, ids.bed2));
    const stay = await admit(discharged, ids.bed3);
    ok(stay);
    // Discharged straight in the table: the discharge route's aftercare gate is tested in aftercare.db.test.ts.
    await db.kysely
      .updateTable("episodes")
      .set({ discharged_on: addDays(today(), -1), discharge_type: "planned", discharged_by_user_id: adminId })
      .where("id", "=", stay.json().id)
      .execute();
    // The first man has a treatment plan with one objective.
    await db.kysely
      .insertInto("treatment_plan_versions")
      .values({
        id: uuidv7(),
        client_id: man.id,
        version: 1,
        revision: 1,
        content: JSON.stringify({
          problems: [],
          goals: [],
          objectives: [
            {
              id: ids.objective,
              goalId: uuidv7(),
              description: "Name one trigger in each group",
              metric: "",
              baseline: "",
              target: "",
              targetDate: null,
              link: null,
            },
          ],
          interventions: [],
        }),
        created_by_user_id: facilitatorId,
        created_at: new Date(),
        updated_at: new Date(),
        signed_at: null,
      })
      .execute();
  });
  afterAll(async () => {
    await app.close();
  });

  it("lets the admin create a group on a track; it inherits the track's dedicated flag; bad facilitators are named", async () => {
    const body = {
      id: ids.group,
      name: "Tuesday process group",
      trackId: ids.mensTrack,
      facilitatorUserIds: [facilitatorId],
      schedule: { weekday: "tuesday", startTime: "18:30", durationMinutes: 90 },
    };
    const created = await call("POST", groups(), adminId, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      csbDedicated: true,
      genderDesignation: "men",
      levelOfCare: "residential",
      timeZone: "Europe/London",
      facilitators: [{ userId: facilitatorId }],
    });
    expect((await call("POST", groups(), adminId, body)).statusCode).toBe(200);
    expect((await call("POST", groups(), adminId, { ...body, name: "Another" })).statusCode).toBe(409);

    const badLead = await call("POST", groups(), adminId, {
      ...body,
      id: uuidv7(),
      facilitatorUserIds: [man.userId],
    });
    expect(badLead.statusCode).toBe(400);
    expect(errorsOf(badLead).map((e) => e.field)).toEqual(["facilitatorUserIds.0"]);
    const badTime = await call("POST", groups(), adminId, {
      ...body,
      id: uuidv7(),
      schedule: { ...body.schedule, startTime: "25:00" },
    });
    expect(badTime.statusCode).toBe(400);
    expect(errorsOf(badTime)[0]?.field).toContain("startTime");
    // A clinician cannot create groups.
    expect((await call("POST", groups(), facilitatorId, { ...body, id: uuidv7() })).statusCode).toBe(404);
  });

  it("adds members by the track's rules, naming why a client is refused", async () => {
    const add = (clientId: string, groupId = ids.group) =>
      call("POST", `${groups()}/${groupId}/members`, adminId, { clientId });
    const added = await add(man.id);
    expect(added.statusCode, added.body).toBe(201);
    expect((await add(man.id)).statusCode).toBe(200);
    expect((await add(secondMan.id)).statusCode).toBe(201);

    const refusedWoman = await add(woman.id);
    expect(refusedWoman.statusCode).toBe(409);
    expect(errorsOf(refusedWoman)[0]?.message).toContain("recorded as a woman");
    const refusedUnset = await add(unset.id);
    expect(refusedUnset.statusCode).toBe(409);
    expect(errorsOf(refusedUnset)[0]?.message).toContain("not recorded yet");
    const refusedDischarged = await add(discharged.id);
    expect(refusedDischarged.statusCode).toBe(409);
    expect(errorsOf(refusedDischarged)[0]?.message).toContain("was discharged on");
    const refusedElsewhere = await add(elsewhereClient.id);
    expect(refusedElsewhere.statusCode).toBe(400);
    expect(errorsOf(refusedElsewhere)[0]?.field).toBe("clientId");

    const members = (await call("GET", groups(), adminId)).json().groups[0].members;
    expect(members.map((m: { clientId: string }) => m.clientId).sort()).toEqual(
      [man.id, secondMan.id].sort(),
    );

    // A mixed-by-design outpatient group takes anyone, with or without a stay.
    expect(
      (
        await call("POST", groups(), adminId, {
          id: ids.mixedGroup,
          name: "Open evening group",
          trackId: ids.mixedTrack,
          facilitatorUserIds: [facilitatorId],
          schedule: { weekday: "thursday", startTime: "19:00", durationMinutes: 60 },
        })
      ).statusCode,
    ).toBe(201);
    expect((await add(woman.id, ids.mixedGroup)).statusCode).toBe(201);
    expect((await add(unset.id, ids.mixedGroup)).statusCode).toBe(201);
    expect((await add(discharged.id, ids.mixedGroup)).statusCode).toBe(201);
  });

  it("runs a session: one-tap attendance, member notes linked to objectives, near copies flagged, every note audited", async () => {
    const created = await call("POST", `${groups()}/${ids.group}/sessions`, facilitatorId, {
      id: ids.session,
      heldOn: today(),
      topic: "Coming home",
      summary: "We talked about the first week back home.",
    });
    expect(created.statusCode, created.body).toBe(201);
    // Only facilitators and the admin run sessions.
    expect((await call("GET", sessionUrl(), otherClinicianId)).statusCode).toBe(404);
    expect((await call("GET", `${groups()}/${ids.group}/sessions`, otherClinicianId)).statusCode).toBe(404);

    const tap = await call("PUT", `${sessionUrl()}/attendance`, facilitatorId, {
      clientId: man.id,
      status: "late",
    });
    expect(tap.statusCode, tap.body).toBe(200);
    await call("PUT", `${sessionUrl()}/attendance`, facilitatorId, { clientId: man.id, status: "present" });
    const second = await call("PUT", `${sessionUrl()}/attendance`, facilitatorId, {
      clientId: secondMan.id,
      status: "excused",
    });
    expect(
      second
        .json()
        .members.map((m: { clientId: string; attendance: string }) => [m.clientId, m.attendance])
        .sort(),
    ).toEqual(
      [
        [man.id, "present"],
        [secondMan.id, "excused"],
      ].sort(),
    );
    const nonMember = await call("PUT", `${sessionUrl()}/attendance`, facilitatorId, {
      clientId: woman.id,
      status: "present",
    });
    expect(nonMember.statusCode).toBe(409);
    expect(errorsOf(nonMember)[0]?.field).toBe("clientId");

    const writesBefore = await auditCount(man.id, "group_note", "write");
    const note = "Spoke about the first weekend at home and named the late evenings as the hardest time.";
    const first = await call("PUT", `${sessionUrl()}/notes/${man.id}`, facilitatorId, {
      text: note,
      objectiveIds: [ids.objective],
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(await auditCount(man.id, "group_note", "write")).toBe(writesBefore + 1);
    const mine = first.json().members.find((m: { clientId: string }) => m.clientId === man.id);
    expect(mine.note.objectiveIds).toEqual([ids.objective]);
    expect(mine.objectives).toEqual([{ id: ids.objective, description: "Name one trigger in each group" }]);
    expect(first.json().nearCopies).toEqual([]);

    const unknown = await call("PUT", `${sessionUrl()}/notes/${man.id}`, facilitatorId, {
      text: note,
      objectiveIds: ["not-an-objective"],
    });
    expect(unknown.statusCode).toBe(400);
    expect(errorsOf(unknown)[0]).toMatchObject({ field: "objectiveIds.0" });
    expect(errorsOf(unknown)[0]?.message).toContain("not-an-objective");
    const noPlan = await call("PUT", `${sessionUrl()}/notes/${secondMan.id}`, facilitatorId, {
      text: note,
      objectiveIds: [ids.objective],
    });
    expect(noPlan.statusCode).toBe(400);
    expect(errorsOf(noPlan)[0]?.message).toContain("no treatment plan");
    expect(await auditCount(secondMan.id, "group_note", "write")).toBe(0);

    const copied = await call("PUT", `${sessionUrl()}/notes/${secondMan.id}`, facilitatorId, {
      text: note.replace("hardest", "hardest,"),
      objectiveIds: [],
    });
    expect(copied.statusCode).toBe(200);
    expect(copied.json().nearCopies).toEqual([
      expect.objectContaining({ a: expect.any(String), b: expect.any(String), similarity: 1 }),
    ]);
    const readsBefore = await auditCount(secondMan.id, "group_note", "read");
    const read = await call("GET", sessionUrl(), adminId);
    expect(read.statusCode).toBe(200);
    expect(await auditCount(secondMan.id, "group_note", "read")).toBe(readsBefore + 1);

    const rewritten = await call("PUT", `${sessionUrl()}/notes/${secondMan.id}`, facilitatorId, {
      text: "Quiet in group; asked for time next week to talk about his brother's visit.",
      objectiveIds: [],
    });
    expect(rewritten.json().nearCopies).toEqual([]);
    const notFor = await call("PUT", `${sessionUrl()}/notes/${woman.id}`, facilitatorId, {
      text: "x",
      objectiveIds: [],
    });
    expect(notFor.statusCode).toBe(409);
    const list = await call("GET", `${groups()}/${ids.group}/sessions`, facilitatorId);
    expect(list.json()).toEqual([{ id: ids.session, heldOn: today(), topic: "Coming home" }]);
  });

  it("refuses a session day after today, naming the field", async () => {
    const res = await call("POST", `${groups()}/${ids.group}/sessions`, adminId, {
      id: uuidv7(),
      heldOn: addDays(today(), 2),
      topic: "Later",
      summary: "",
    });
    expect(res.statusCode).toBe(400);
    expect(errorsOf(res)[0]?.field).toBe("heldOn");
  });
});
