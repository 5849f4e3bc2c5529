import { createHash } from "node:crypto";
import { addDays, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import ICAL from "ical.js";
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

const emptySafety = {
  warningSigns: ["Staying up late alone"],
  internalCoping: [],
  distractions: [],
  helpers: [],
  professionals: [],
  safeEnvironment: [],
  reasonsForLiving: [],
};
const emptyPrevention = {
  triggers: ["Hotel rooms"],
  warningSigns: [],
  highRiskSituations: [],
  coping: [],
  boundariesDevices: [],
  boundariesPlaces: [],
  boundariesPeople: [],
  whoToCall: [],
  afterASlip: [],
};

describeEachDialect("discharge with an aftercare plan; aftercare in the app", ({ get }) => {
  let app: FastifyInstance;
  let org: string;
  let clinicianId: string;
  let outsiderId: string;
  let client: Built;
  let episodeId: string;
  const today = () => localDateOf(new Date(), "Europe/London");
  const trackId = uuidv7();
  const meetingId = uuidv7();
  const groupId = uuidv7();

  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string | null, payload?: object) =>
    app.inject({
      method,
      url,
      headers: userId ? { [testActorHeader]: userId } : {},
      ...(payload ? { payload } : {}),
    });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const base = () => `/api/clients/${client.id}/episodes/${episodeId}`;
  const plan = (over: object = {}) => ({
    therapist: { name: "Dr Rowan Ash", contact: "rowan@example.org", firstAppointmentOn: today() },
    groups: [
      { id: groupId, name: "Thursday group", weekday: "thursday", time: "18:00", place: "Clinic room 3" },
    ],
    meetings: [
      { id: meetingId, name: "Tuesday meeting", weekday: "tuesday", time: "19:30", place: "Library hall" },
    ],
    sponsor: { name: "Sam", contact: "07700 900123" },
    ...over,
  });
  const count = async (t: "discharge_summaries" | "assessment_schedules" | "aftercare_attendance") =>
    Number(
      (
        await get()
          .db.kysely.selectFrom(t)
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    const db = get().db;
    ({ app } = await bootApp(db, {}, { actorLoader: headerActorLoader(db) }));
    org = (await buildOrganisation(db)).id;
    client = await buildClient(db, org);
    const adminId = (await buildUser(db, "programme_admin", org)).id;
    clinicianId = (await buildClinician(db, org, [client.id])).id;
    outsiderId = (await buildClinician(db, org, [])).id;
    const track = {
      id: trackId,
      name: "Outpatient",
      kind: "outpatient",
      csbDedicated: true,
      genderDesignation: "mixed",
    };
    expect((await call("POST", `/api/organisations/${org}/tracks`, adminId, track)).statusCode).toBe(201);
    episodeId = uuidv7();
    const admitted = await call("POST", `/api/clients/${client.id}/episodes`, clinicianId, {
      id: episodeId,
      admittedOn: addDays(today(), -20),
      trackId,
      bedId: null,
      referralSource: "Self",
      consents: [
        { kind: "treatment", signedOn: addDays(today(), -20) },
        { kind: "outcome_follow_up", signedOn: addDays(today(), -20) },
      ],
    });
    expect(admitted.statusCode).toBe(201);
  });
  afterAll(async () => {
    await app.close();
  });

  it("refuses the discharge while the aftercare plan is incomplete, naming each missing item", async () => {
    const res = await call("POST", `${base()}/discharge`, clinicianId, {
      dischargedOn: today(),
      type: "planned",
    });
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual([
      "aftercare.therapist",
      "aftercare.groups",
      "aftercare.meetings",
      "aftercare.sponsor",
      "aftercare.reviews.circles",
      "aftercare.reviews.preventionPlan",
      "aftercare.reviews.safetyPlan",
    ]);
    expect(await count("discharge_summaries")).toBe(0);
    const episodes = await call("GET", `/api/clients/${client.id}/episodes`, clinicianId);
    expect(episodes.json().episodes[0].dischargedOn).toBeNull();
  });

  it("refuses a meeting without its weekday or time, and an unknown field, naming them", async () => {
    const res = await call("PUT", `${base()}/aftercare`, clinicianId, {
      ...plan(),
      meetings: [{ id: meetingId, name: "Tuesday meeting", place: "" }],
      extra: true,
    });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res)).toEqual(expect.arrayContaining(["meetings.0.weekday", "meetings.0.time"]));
    const early = await call("PUT", `${base()}/aftercare`, clinicianId, {
      ...plan({ therapist: { name: "A", contact: "B", firstAppointmentOn: addDays(today(), -30) } }),
    });
    expect(early.statusCode).toBe(400);
    expect(fieldsOf(early)).toEqual(["therapist.firstAppointmentOn"]);
    expect((await call("GET", `${base()}/aftercare`, outsiderId)).statusCode).toBe(404);
  });

  it("saves the plan, records the versions reviewed, and asks again when the circles change", async () => {
    expect((await call("PUT", `${base()}/aftercare`, clinicianId, plan())).statusCode).toBe(200);
    const nothing = await call("POST", `${base()}/aftercare/reviews`, clinicianId, { item: "circles" });
    expect(nothing.statusCode).toBe(409);
    expect(fieldsOf(nothing)).toEqual(["reviews.circles"]);
    const circles = (baseVersion: number, text: string) =>
      call("PUT", `/api/clients/${client.id}/circles`, client.userId, {
        baseVersion,
        items: [{ circle: "inner", text }],
      });
    expect((await circles(0, "Late-night browsing")).statusCode).toBe(200);
    for (const [path, sections] of [
      ["safety-plan", emptySafety],
      ["prevention-plan", emptyPrevention],
    ] as const)
      expect(
        (await call("PUT", `/api/clients/${client.id}/${path}`, client.userId, { baseVersion: 0, sections }))
          .statusCode,
      ).toBe(200);
    for (const item of ["circles", "prevention_plan", "safety_plan"])
      expect((await call("POST", `${base()}/aftercare/reviews`, clinicianId, { item })).statusCode).toBe(200);
    let view = (await call("GET", `${base()}/aftercare`, clinicianId)).json();
    expect(view.missing).toEqual([]);
    expect(view.reviews.circles).toMatchObject({ version: 1, currentVersion: 1 });

    expect((await circles(1, "Browsing after midnight")).statusCode).toBe(200);
    view = (await call("GET", `${base()}/aftercare`, clinicianId)).json();
    expect(view.missing.map((m: { field: string }) => m.field)).toEqual(["reviews.circles"]);
    expect(
      (await call("POST", `${base()}/aftercare/reviews`, clinicianId, { item: "circles" })).json().missing,
    ).toEqual([]);
  });

  it("refuses a first appointment before the discharge day at the gate", async () => {
    expect(
      (
        await call("PUT", `${base()}/aftercare`, clinicianId, {
          ...plan({
            therapist: { name: "Dr Rowan Ash", contact: "x", firstAppointmentOn: addDays(today(), -2) },
          }),
        })
      ).statusCode,
    ).toBe(200);
    const res = await call("POST", `${base()}/discharge`, clinicianId, {
      dischargedOn: today(),
      type: "planned",
    });
    expect(res.statusCode).toBe(409);
    expect(fieldsOf(res)).toEqual(["aftercare.therapist.firstAppointmentOn"]);
    expect((await call("PUT", `${base()}/aftercare`, clinicianId, plan())).statusCode).toBe(200);
  });

  it("finalises in one transaction: follow-ups at 1, 3, 6 and 12 months (then yearly) and a drafted summary", async () => {
    const schedulesBefore = await count("assessment_schedules");
    const res = await call("POST", `${base()}/discharge`, clinicianId, {
      dischargedOn: today(),
      type: "planned",
      reason: "Completed the residential phase",
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().dischargedOn).toBe(today());
    expect(await count("assessment_schedules")).toBe(schedulesBefore + 1);
    const schedules = (
      await call("GET", `/api/clients/${client.id}/assessment-schedules`, clinicianId)
    ).json();
    expect(schedules[0]).toMatchObject({
      kind: "follow_up",
      startDay: today(),
      instrumentIds: ["phq-9", "gad-7", "lantern-follow-up"],
    });
    const summary = (await call("GET", `${base()}/discharge-summary`, clinicianId)).json();
    expect(summary.content).toContain(
      `Admitted ${addDays(today(), -20)}; discharged ${today()}; length of stay 20 days.`,
    );
    expect(summary.content).toContain("Reason: Completed the residential phase");
    expect(summary.content).toContain("- Outpatient (outpatient)");
    expect(summary.content).toContain("- PHQ-9: none completed.");
    expect(summary.signedAt).toBeNull();
    // The retry answers with the discharge and drafts nothing more.
    expect(
      (await call("POST", `${base()}/discharge`, clinicianId, { dischargedOn: today(), type: "planned" }))
        .statusCode,
    ).toBe(200);
    expect(await count("discharge_summaries")).toBe(1);
  });

  it("edits, signs (who, when, SHA-256) and then locks the summary", async () => {
    const summary = (await call("GET", `${base()}/discharge-summary`, clinicianId)).json();
    const content = `${summary.content}\nThe client leaves with a clear plan.`;
    const edited = await call("PUT", `${base()}/discharge-summary`, clinicianId, { revision: 0, content });
    expect(edited.json().revision).toBe(1);
    const stale = await call("PUT", `${base()}/discharge-summary`, clinicianId, {
      revision: 0,
      content: "x",
    });
    expect(stale.statusCode).toBe(409);
    expect(fieldsOf(stale)).toEqual(["revision"]);
    const signed = await call("POST", `${base()}/discharge-summary/signature`, clinicianId, { revision: 1 });
    expect(signed.statusCode).toBe(200);
    expect(signed.json().contentHash).toBe(createHash("sha256").update(content, "utf8").digest("hex"));
    expect(signed.json().signedBy).toBeTruthy();
    const locked = await call("PUT", `${base()}/discharge-summary`, clinicianId, {
      revision: 1,
      content: "changed",
    });
    expect(locked.statusCode).toBe(409);
    expect(fieldsOf(locked)).toEqual(["content"]);
    expect(
      (await call("POST", `${base()}/discharge-summary/signature`, clinicianId, { revision: 1 })).statusCode,
    ).toBe(409);
    const pdf = await call("GET", `${base()}/discharge-summary.pdf`, clinicianId);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.body.startsWith("%PDF")).toBe(true);
  });

  it("shows the client My plan, logs attendance, refuses a future day, and shows adherence to the care team", async () => {
    const mine = (await call("GET", `/api/clients/${client.id}/aftercare`, client.userId)).json();
    expect(mine.plan.therapist.name).toBe("Dr Rowan Ash");
    expect(mine.plan.nextAppointmentOn).toBe(today());
    expect(mine.plan.sponsor).toEqual({ name: "Sam", contact: "07700 900123" });
    expect(mine.plan.thisWeek.map((w: { kind: string }) => w.kind).sort()).toEqual(["group", "meeting"]);

    const future = await call("POST", `/api/clients/${client.id}/aftercare/attendance`, client.userId, {
      id: uuidv7(),
      on: addDays(today(), 1),
      kind: "meeting",
      itemId: meetingId,
      attended: true,
    });
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future)).toEqual(["on"]);
    const wrongItem = await call("POST", `/api/clients/${client.id}/aftercare/attendance`, client.userId, {
      id: uuidv7(),
      on: today(),
      kind: "meeting",
      itemId: groupId,
      attended: true,
    });
    expect(fieldsOf(wrongItem)).toEqual(["itemId"]);
    expect(await count("aftercare_attendance")).toBe(0);

    const entry = { id: uuidv7(), on: today(), kind: "meeting", itemId: meetingId, attended: true };
    const logged = await call("POST", `/api/clients/${client.id}/aftercare/attendance`, client.userId, entry);
    expect(logged.statusCode).toBe(201);
    expect(logged.json().attendance[0]).toMatchObject({ name: "Tuesday meeting", attended: true });
    expect(
      (await call("POST", `/api/clients/${client.id}/aftercare/attendance`, client.userId, entry)).statusCode,
    ).toBe(200);
    expect(
      (
        await call("POST", `/api/clients/${client.id}/aftercare/attendance`, client.userId, {
          ...entry,
          attended: false,
        })
      ).statusCode,
    ).toBe(409);
    // The clinician cannot log for the client.
    expect(
      (
        await call("POST", `/api/clients/${client.id}/aftercare/attendance`, clinicianId, {
          ...entry,
          id: uuidv7(),
        })
      ).statusCode,
    ).toBe(404);

    const adherence = (
      await call("GET", `/api/clients/${client.id}/aftercare/adherence`, clinicianId)
    ).json();
    expect(adherence.weeks).toHaveLength(8);
    expect(adherence.weeks.at(-1).attended).toBe(1);
    expect(
      (await call("GET", `/api/clients/${client.id}/aftercare/adherence`, client.userId)).statusCode,
    ).toBe(404);
  });

  it("serves the meetings at a secret address the client can reset; ical.js reads it", async () => {
    const made = await call("POST", `/api/clients/${client.id}/aftercare/calendar-feed`, client.userId);
    expect(made.statusCode).toBe(201);
    const { path } = made.json();
    const feed = await call("GET", path, null);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("text/calendar");
    expect(feed.body).toContain("\r\n");
    expect(feed.body).not.toMatch(/Tuesday meeting|Thursday group|Rowan/);
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    for (const zone of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents("vevent").map((e) => new ICAL.Event(e));
    expect(events.map((e) => e.uid).sort()).toEqual([`${groupId}@lantern`, `${meetingId}@lantern`].sort());
    const meeting = events.find((e) => e.uid === `${meetingId}@lantern`);
    const next = meeting?.iterator().next();
    expect(next?.toString().slice(11)).toBe("19:30:00");
    expect(next?.dayOfWeek()).toBe(ICAL.Time.TUESDAY);

    const reset = (
      await call("POST", `/api/clients/${client.id}/aftercare/calendar-feed`, client.userId)
    ).json();
    expect(reset.path).not.toBe(path);
    expect((await call("GET", path, null)).statusCode).toBe(404);
    expect((await call("GET", reset.path, null)).statusCode).toBe(200);
  });
});
