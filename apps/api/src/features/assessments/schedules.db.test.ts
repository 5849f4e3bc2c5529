import { addDays, addMonths, localDateOf, uuidv7 } from "@lantern/domain";
import type { ValidateFunction } from "ajv";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
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
import { fhirR4Validators } from "../../../test/fhir-schema.js";
import { startSmtpServer, type TestSmtpServer } from "../../../test/smtp.js";
import type { Db } from "../../db/dialect.js";
import { createMailer } from "../../mail/mailer.js";
import { materialiseDue, type Reminders, startAssessmentSweep } from "./schedules.service.js";

const phqItems = Array.from({ length: 9 }, (_, i) => `phq-9-${i + 1}`);
const all = (items: string[], value: number) => Object.fromEntries(items.map((id) => [id, value]));
const day = 86_400_000;

describeEachDialect("assessment schedules, reminders, trends and the caseload", ({ get }) => {
  let app: FastifyInstance;
  let smtp: TestSmtpServer;
  let reminders: Reminders;
  let db: Db;
  let client: Awaited<ReturnType<typeof buildClient>>;
  let other: Awaited<ReturnType<typeof buildClient>>;
  let organisationId: string;
  let careTeamId: string;
  let outsiderId: string;
  let adminId: string;
  const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
    app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
  const schedules = (clientId: string) => `/api/clients/${clientId}/assessment-schedules`;
  const schedule = (body: object, clientId = client.id, userId = careTeamId) =>
    call("POST", schedules(clientId), userId, { id: uuidv7(), ...body });
  const fieldsOf = (res: { json(): unknown }) =>
    ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const today = () => localDateOf(new Date(), "Europe/London");
  const occurrencesOf = (scheduleId: string) =>
    db.kysely
      .selectFrom("assessments")
      .select(["instrument_id", "occurrence_day"])
      .where("schedule_id", "=", scheduleId)
      .orderBy("occurrence_day")
      .orderBy("instrument_id")
      .execute();

  beforeAll(async () => {
    smtp = await startSmtpServer();
    db = get().db;
    const env = {
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: "Lantern <lantern@example.org>",
      PUBLIC_URL: "https://lantern.example.org",
    };
    let config: Awaited<ReturnType<typeof bootApp>>["config"];
    ({ app, config } = await bootApp(db, env, { actorLoader: headerActorLoader(db) }));
    const mailer = createMailer(config.smtp);
    reminders = {
      publicUrl: config.publicUrl,
      sendMail: async (message) => {
        await mailer.send(message);
        return true;
      },
    };
    const org = await buildOrganisation(db, "Harbour Recovery House");
    organisationId = org.id;
    client = await buildClient(db, org.id);
    other = await buildClient(db, org.id);
    careTeamId = (await buildClinician(db, org.id, [client.id])).id;
    outsiderId = (await buildClinician(db, org.id, [other.id])).id;
    adminId = (await buildUser(db, "programme_admin", org.id)).id;
  });
  afterAll(async () => {
    await app.close();
    await smtp.close();
  });

  it("schedules the intake battery today: both are due at once, with one quiet reminder, once", async () => {
    // No day: the client's today.
    const res = await schedule({ kind: "admission", instrumentIds: ["phq-9", "gad-7"] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      kind: "admission",
      startDay: today(),
      nextDay: null,
      stoppedOn: null,
    });

    const list = await call("GET", `/api/clients/${client.id}/assessments`, client.userId);
    const due = list.json().filter((a: { dueDate: string }) => a.dueDate === today());
    expect(due.map((a: { instrumentId: string }) => a.instrumentId).sort()).toEqual(["gad-7", "phq-9"]);
    expect(due.every((a: { status: string }) => a.status === "due")).toBe(true);

    const mail = await smtp.nextMessage();
    expect(mail.to).toEqual([expect.stringContaining("@")]);
    expect(mail.headers.subject).toBe("You have something to fill in in Lantern");
    expect(mail.text).toContain("https://lantern.example.org/sign-in");
    expect(mail.raw).not.toMatch(
      /Harbour|recovery|treatment|PHQ|GAD|questionnaire|depress|anxiety|programme/i,
    );

    const notes = (await call("GET", "/api/notifications", client.userId)).json();
    expect(notes).toEqual([
      expect.objectContaining({ kind: "assessment_due", title: "You have something to fill in." }),
    ]);

    // Listing again, from either side, and the sweep add nothing and remind no one again.
    await call("GET", `/api/clients/${client.id}/assessments`, careTeamId);
    expect(await materialiseDue(db, reminders)).toBe(0);
    expect((await occurrencesOf(res.json().id)).length).toBe(2);
    expect((await call("GET", "/api/notifications", client.userId)).json()).toHaveLength(1);
    expect(smtp.messages).toHaveLength(1);

    // The same id again is a retry; with other details a conflict.
    const again = await call("POST", schedules(client.id), careTeamId, {
      id: res.json().id,
      kind: "admission",
      instrumentIds: ["phq-9", "gad-7"],
      startDay: today(),
    });
    expect(again.statusCode).toBe(200);
    const changed = await call("POST", schedules(client.id), careTeamId, {
      id: res.json().id,
      kind: "weekly",
      instrumentIds: ["phq-9"],
      startDay: today(),
    });
    expect(changed.statusCode).toBe(409);
  });

  it("names each bad field, and hides another client's schedules", async () => {
    const unknown = await schedule({
      kind: "admission",
      instrumentIds: ["phq-9", "nothing"],
      startDay: today(),
    });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown)).toEqual(["instrumentIds.1"]);
    const rses = await schedule({ kind: "weekly", instrumentIds: ["rses", "audit-c"], startDay: today() });
    expect(fieldsOf(rses)).toEqual(["instrumentIds.0", "instrumentIds.1"]);
    const empty = await schedule({ kind: "weekly", instrumentIds: [], startDay: today() });
    expect(empty.statusCode).toBe(400);
    expect(fieldsOf(empty)).toEqual(["instrumentIds"]);
    const noDischarge = await schedule({ kind: "follow_up", instrumentIds: ["phq-9"] });
    expect(noDischarge.statusCode).toBe(400);
    expect(fieldsOf(noDischarge)).toEqual(["startDay"]);
    const past = await schedule({
      kind: "discharge",
      instrumentIds: ["phq-9"],
      startDay: addDays(today(), -3),
    });
    expect(past.statusCode).toBe(400);
    expect(fieldsOf(past)).toEqual(["startDay"]);
    const twice = await schedule({ kind: "weekly", instrumentIds: ["gad-7", "gad-7"], startDay: today() });
    expect(fieldsOf(twice)).toEqual(["instrumentIds.1"]);
    const unknownField = await schedule({
      kind: "weekly",
      instrumentIds: ["gad-7"],
      startDay: today(),
      every: 3,
    });
    expect(unknownField.statusCode).toBe(400);

    // Not on the care team: 404. The client cannot schedule for themself.
    const outsider = await schedule(
      { kind: "weekly", instrumentIds: ["gad-7"], startDay: today() },
      client.id,
      outsiderId,
    );
    expect(outsider.statusCode).toBe(404);
    expect((await call("GET", schedules(client.id), outsiderId)).statusCode).toBe(404);
    const self = await schedule(
      { kind: "weekly", instrumentIds: ["gad-7"], startDay: today() },
      client.id,
      client.userId,
    );
    expect(self.statusCode).toBe(404);

    // Stopping someone else's schedule through this client's record: 404, and it keeps running.
    const theirs = (
      await schedule(
        { kind: "weekly", instrumentIds: ["gad-7"], startDay: addDays(today(), 1) },
        other.id,
        outsiderId,
      )
    ).json();
    expect((await call("POST", `${schedules(client.id)}/${theirs.id}/stop`, careTeamId)).statusCode).toBe(
      404,
    );
    expect((await call("POST", `${schedules(other.id)}/${theirs.id}/stop`, careTeamId)).statusCode).toBe(404);
    expect((await call("GET", schedules(other.id), outsiderId)).json()[0].stoppedOn).toBeNull();
    expect(smtp.messages).toHaveLength(1);
  });

  it("gives weekly occurrences by the client's day until stopped, once each even when two processes race", async () => {
    const start = addDays(today(), 1);
    const weekly = (await schedule({ kind: "weekly", instrumentIds: ["phq-9"], startDay: start })).json();
    expect(weekly.nextDay).toBe(start);
    expect(await occurrencesOf(weekly.id)).toEqual([]);

    // Fifteen days on: three weekly days are due. Two sweeps at once store each once.
    const later = new Date(Date.now() + 16 * day);
    const before = smtp.messages.length;
    const [a, b] = await Promise.all([
      materialiseDue(db, reminders, [client.id], later),
      materialiseDue(db, reminders, [client.id], later),
    ]);
    expect(a + b).toBe(3);
    expect((await occurrencesOf(weekly.id)).map((o) => o.occurrence_day)).toEqual([
      start,
      addDays(start, 7),
      addDays(start, 14),
    ]);
    // One reminder per occurrence in the app; one email for the round.
    const notes = await db.kysely
      .selectFrom("notifications")
      .select("id")
      .where("subject_id", "=", weekly.id)
      .execute();
    expect(notes).toHaveLength(3);
    // One email per process that stored something (both may have stored part of the round).
    const sent = smtp.messages.length - before;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(2);
    expect(await materialiseDue(db, reminders, [client.id], later)).toBe(0);
    expect(smtp.messages.length - before).toBe(sent);

    const stop = await call("POST", `${schedules(client.id)}/${weekly.id}/stop`, careTeamId);
    expect(stop.statusCode).toBe(200);
    expect(stop.json()).toMatchObject({ stoppedOn: today(), nextDay: null });
    expect((await call("POST", `${schedules(client.id)}/${weekly.id}/stop`, careTeamId)).statusCode).toBe(
      200,
    );
    expect(await materialiseDue(db, reminders, [client.id], new Date(Date.now() + 60 * day))).toBe(0);
    expect(await occurrencesOf(weekly.id)).toHaveLength(3);
  });

  it("gives follow-ups 1, 3, 6 and 12 months after discharge", async () => {
    const discharge = today();
    const followUp = (
      await schedule({ kind: "follow_up", instrumentIds: ["gad-7", "phq-9"], startDay: discharge })
    ).json();
    expect(followUp.nextDay).toBe(addMonths(discharge, 1));
    const inFourMonths = new Date(Date.now() + 125 * day);
    const before = smtp.messages.length;
    expect(await materialiseDue(db, reminders, [client.id], inFourMonths)).toBe(4);
    expect(smtp.messages.length - before).toBe(1);
    expect([...new Set((await occurrencesOf(followUp.id)).map((o) => o.occurrence_day))]).toEqual([
      addMonths(discharge, 1),
      addMonths(discharge, 3),
    ]);
    expect((await call("GET", schedules(client.id), client.userId)).json()[0].id).toBe(followUp.id);
    await call("POST", `${schedules(client.id)}/${followUp.id}/stop`, careTeamId);
  });

  it("runs the sweep on an interval inside the process, and stops it", async () => {
    const start = addDays(today(), 1);
    const weekly = (await schedule({ kind: "weekly", instrumentIds: ["gad-7"], startDay: start })).json();
    // Move the start day back to today, as if the day had come.
    await db.kysely
      .updateTable("assessment_schedules")
      .set({ start_day: today(), next_day: today() })
      .where("id", "=", weekly.id)
      .execute();
    const before = smtp.messages.length;
    const sweep = startAssessmentSweep(db, reminders, {
      intervalMs: 20,
      onError: (error) => {
        throw error;
      },
    });
    await vi.waitFor(async () => expect(await occurrencesOf(weekly.id)).toHaveLength(1), { timeout: 5000 });
    await sweep.stop();
    expect(smtp.messages.length - before).toBe(1);
    await call("POST", `${schedules(client.id)}/${weekly.id}/stop`, careTeamId);
  });

  it("shows trends on the bands, with reliable change only when the programme set a threshold", async () => {
    const fresh = await buildClient(db, organisationId);
    const clinician = (await buildClinician(db, organisationId, [fresh.id])).id;
    const give = async (value: number) => {
      const id = (
        await call("POST", `/api/clients/${fresh.id}/assessments`, clinician, {
          id: uuidv7(),
          instrumentId: "phq-9",
        })
      ).json().id;
      const res = await call("PUT", `/api/clients/${fresh.id}/assessments/${id}`, fresh.userId, {
        answers: all(phqItems, value),
        submit: true,
      });
      expect(res.statusCode).toBe(200);
    };
    await give(2); // 18
    await give(1); // 9

    const trends = (await call("GET", `/api/clients/${fresh.id}/assessment-trends`, fresh.userId)).json();
    expect(trends).toHaveLength(1);
    expect(trends[0]).toMatchObject({
      instrumentId: "phq-9",
      min: 0,
      max: 27,
      threshold: null,
      overall: null,
    });
    expect(trends[0].points.map((p: { total: number }) => p.total)).toEqual([18, 9]);
    expect(trends[0].bands.length).toBeGreaterThan(0);

    const settings = `/api/organisations/${organisationId}/instrument-settings`;
    const noSource = await call("PUT", `${settings}/phq-9`, adminId, { points: 6, source: " " });
    expect(noSource.statusCode).toBe(400);
    expect(fieldsOf(noSource)).toEqual(["source"]);
    const unknown = await call("PUT", `${settings}/rses`, adminId, { points: 6, source: "A paper" });
    expect(fieldsOf(unknown)).toEqual(["instrumentId"]);
    expect(
      (await call("PUT", `${settings}/phq-9`, clinician, { points: 6, source: "A paper" })).statusCode,
    ).toBe(404);
    const saved = await call("PUT", `${settings}/phq-9`, adminId, {
      points: 6,
      source: "Our clinical lead, 2026",
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().find((s: { instrumentId: string }) => s.instrumentId === "phq-9")).toMatchObject({
      points: 6,
      source: "Our clinical lead, 2026",
    });

    const marked = (await call("GET", `/api/clients/${fresh.id}/assessment-trends`, clinician)).json()[0];
    expect(marked.threshold).toEqual({ points: 6, source: "Our clinical lead, 2026" });
    expect(marked.overall).toEqual({ change: -9, kind: "improvement" });
    expect(marked.points.map((p: { change: string | null }) => p.change)).toEqual([null, "improvement"]);

    const removed = await call("PUT", `${settings}/phq-9`, adminId, { points: null, source: "" });
    expect(
      removed.json().find((s: { instrumentId: string }) => s.instrumentId === "phq-9").points,
    ).toBeNull();
    expect(
      (await call("GET", `/api/clients/${fresh.id}/assessment-trends`, clinician)).json()[0].threshold,
    ).toBeNull();
  });

  it("shows each client's latest PHQ-9 and GAD-7 with band, and due or overdue, on the caseload", async () => {
    const org = await buildOrganisation(db);
    const [due, overdue, done] = [
      await buildClient(db, org.id),
      await buildClient(db, org.id),
      await buildClient(db, org.id),
    ];
    const clinician = (await buildClinician(db, org.id, [due.id, overdue.id, done.id])).id;
    const before = smtp.messages.length;
    await schedule(
      { kind: "admission", instrumentIds: ["phq-9", "gad-7"], startDay: today() },
      due.id,
      clinician,
    );
    expect(smtp.messages.length - before).toBe(1);
    // An assessment whose day has passed.
    const late = (
      await call("POST", `/api/clients/${overdue.id}/assessments`, clinician, {
        id: uuidv7(),
        instrumentId: "gad-7",
      })
    ).json().id;
    await db.kysely
      .updateTable("assessments")
      .set({ due_date: addDays(today(), -2) })
      .where("id", "=", late)
      .execute();
    for (const value of [3, 1]) {
      const id = (
        await call("POST", `/api/clients/${done.id}/assessments`, clinician, {
          id: uuidv7(),
          instrumentId: "phq-9",
        })
      ).json().id;
      await call("PUT", `/api/clients/${done.id}/assessments/${id}`, done.userId, {
        answers: all(phqItems, value),
        submit: true,
      });
    }
    const caseload = (await call("GET", `/api/organisations/${org.id}/caseload`, clinician)).json();
    const entry = (id: string) => caseload.find((c: { clientId: string }) => c.clientId === id);
    expect(entry(due.id).assessmentsDue).toBe("due");
    expect(entry(overdue.id).assessmentsDue).toBe("overdue");
    expect(entry(done.id).assessmentsDue).toBeNull();
    expect(entry(done.id).latestScores).toEqual([
      expect.objectContaining({ instrumentId: "phq-9", total: 9, band: "Mild" }),
    ]);
  });

  it("exports a completed PHQ-9 as FHIR that the official R4 JSON schema accepts", async () => {
    const [response, observation] = fhirR4Validators("QuestionnaireResponse", "Observation") as [
      ValidateFunction,
      ValidateFunction,
    ];
    const id = (
      await call("POST", `/api/clients/${client.id}/assessments`, careTeamId, {
        id: uuidv7(),
        instrumentId: "phq-9",
      })
    ).json().id;
    await call("PUT", `/api/clients/${client.id}/assessments/${id}`, client.userId, {
      answers: { ...all(phqItems, 1), "phq-9-difficulty": 1 },
      submit: true,
    });
    const fhir = await call("GET", `/api/clients/${client.id}/assessments/${id}/fhir`, careTeamId);
    expect(fhir.statusCode).toBe(200);
    const { questionnaireResponse, observations } = fhir.json();
    expect(response(questionnaireResponse), JSON.stringify(response.errors)).toBe(true);
    expect(observations).toHaveLength(1);
    expect(observation(observations[0]), JSON.stringify(observation.errors)).toBe(true);
    // The validator is not a rubber stamp: a broken copy is refused.
    expect(response({ ...questionnaireResponse, status: "finished" })).toBe(false);
    expect(observation({ ...observations[0], effectiveDateTime: "30/11/2026" })).toBe(false);
  }, 120_000);
});
