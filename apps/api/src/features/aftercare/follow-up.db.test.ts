import { addDays, addMonths, followUpCheck, localDateOf, uuidv7 } from "@lantern/domain";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { completeAftercareViaApi } from "../../../test/aftercare.js";
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
import { startSmtpServer, type TestSmtpServer } from "../../../test/smtp.js";
import type { Db } from "../../db/dialect.js";
import { up as resumeYearly } from "../../db/migrations/2026-12-01T0000-follow-up.js";
import { createMailer } from "../../mail/mailer.js";
import { materialiseDue, type Reminders } from "../assessments/schedules.service.js";

type Built = Awaited<ReturnType<typeof buildClient>>;
const day = 86_400_000;

describeEachDialect(
  "follow-up after discharge: consent, the yearly schedule and the follow-up check",
  ({ get }) => {
    let app: FastifyInstance;
    let smtp: TestSmtpServer;
    let reminders: Reminders;
    let db: Db;
    let clinicianId: string;
    let agreed: Built;
    let declined: Built;
    const episodes = new Map<string, string>();
    const trackId = uuidv7();
    const today = () => localDateOf(new Date(), "Europe/London");

    const call = (method: "GET" | "POST" | "PUT", url: string, userId: string, payload?: object) =>
      app.inject({ method, url, headers: { [testActorHeader]: userId }, ...(payload ? { payload } : {}) });
    const fieldsOf = (res: { json(): unknown }) =>
      ((res.json() as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
    const episodeUrl = (client: Built) => `/api/clients/${client.id}/episodes/${episodes.get(client.id)}`;
    const schedulesOf = (client: Built) =>
      db.kysely.selectFrom("assessment_schedules").selectAll().where("client_id", "=", client.id).execute();

    /** Admits the client 20 days ago (with or without the follow-up consent) and completes aftercare. */
    const admitAndPrepare = async (client: Built, consents: string[]) => {
      const episodeId = uuidv7();
      episodes.set(client.id, episodeId);
      const admittedOn = addDays(today(), -20);
      const admitted = await call("POST", `/api/clients/${client.id}/episodes`, clinicianId, {
        id: episodeId,
        admittedOn,
        trackId,
        bedId: null,
        referralSource: "Self",
        consents: consents.map((kind) => ({ kind, signedOn: admittedOn })),
      });
      expect(admitted.statusCode).toBe(201);
      await completeAftercareViaApi(call, client, episodeId, clinicianId);
    };

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
      const org = (await buildOrganisation(db, "Harbour Recovery House")).id;
      agreed = await buildClient(db, org);
      declined = await buildClient(db, org);
      clinicianId = (await buildClinician(db, org, [agreed.id, declined.id])).id;
      const adminId = (await buildUser(db, "programme_admin", org)).id;
      const track = {
        id: trackId,
        name: "Outpatient",
        kind: "outpatient",
        csbDedicated: true,
        genderDesignation: "mixed",
      };
      expect((await call("POST", `/api/organisations/${org}/tracks`, adminId, track)).statusCode).toBe(201);
      await admitAndPrepare(agreed, ["treatment", "outcome_follow_up"]);
      await admitAndPrepare(declined, ["treatment"]);
    });
    afterAll(async () => {
      await app.close();
      await smtp.close();
    });

    it("schedules follow-ups at discharge only when the admission holds the consent, and says so", async () => {
      for (const client of [agreed, declined])
        expect(
          (
            await call("POST", `${episodeUrl(client)}/discharge`, clinicianId, {
              dischargedOn: today(),
              type: "planned",
            })
          ).statusCode,
        ).toBe(200);

      const [made] = await schedulesOf(agreed);
      expect(made).toMatchObject({ kind: "follow_up", start_day: today(), next_day: addMonths(today(), 1) });
      expect(JSON.parse(made?.instrument_ids ?? "[]")).toEqual(["phq-9", "gad-7", followUpCheck.id]);
      expect(await schedulesOf(declined)).toEqual([]);

      const view = (client: Built) => call("GET", `${episodeUrl(client)}/aftercare`, clinicianId);
      expect((await view(agreed)).json()).toMatchObject({
        followUpConsent: true,
        followUpScheduleId: made?.id,
      });
      expect((await view(declined)).json()).toMatchObject({
        followUpConsent: false,
        followUpScheduleId: null,
      });
      const summary = async (client: Built) =>
        (await call("GET", `${episodeUrl(client)}/discharge-summary`, clinicianId)).json().content as string;
      expect(await summary(agreed)).toContain(
        "Follow-ups 1, 3, 6 and 12 months after discharge, then yearly",
      );
      expect(await summary(declined)).toContain(
        "No follow-up after discharge: the client did not agree to be contacted for follow-up",
      );
    });

    it("gives the follow-up check in the app with a quiet email that names nothing of treatment", async () => {
      const inFiveWeeks = new Date(Date.now() + 35 * day);
      expect(await materialiseDue(db, reminders, [agreed.id, declined.id], inFiveWeeks)).toBe(3);
      const mail = await smtp.nextMessage();
      expect(smtp.messages).toHaveLength(1);
      expect(mail.headers.subject).toBe("You have something to fill in in Lantern");
      expect(mail.raw).not.toMatch(
        /Harbour|recovery|treatment|therap|meeting|group|partner|relationship|aftercare|follow|discharge|PHQ|GAD|questionnaire|programme/i,
      );
      expect((await call("GET", "/api/notifications", agreed.userId)).json()).toEqual([
        expect.objectContaining({ kind: "assessment_due", title: "You have something to fill in." }),
      ]);
      expect((await call("GET", "/api/notifications", declined.userId)).json()).toEqual([]);

      const list = (await call("GET", `/api/clients/${agreed.id}/assessments`, agreed.userId)).json() as {
        id: string;
        instrumentId: string;
        title: string;
        dueDate: string;
      }[];
      expect(list.map((a) => a.instrumentId).sort()).toEqual(["gad-7", followUpCheck.id, "phq-9"]);
      const check = list.find((a) => a.instrumentId === followUpCheck.id);
      expect(check).toMatchObject({ dueDate: addMonths(today(), 1), title: followUpCheck.title });
      expect(check?.title).toContain("not validated");

      const instrument = await call("GET", `/api/instruments/${followUpCheck.id}`, agreed.userId);
      expect(instrument.statusCode).toBe(200);
      expect(instrument.json().items.map((i: { id: string }) => i.id)).toEqual([
        "relationship",
        "therapist",
        "groups",
        "meetings",
      ]);
      // A clinician cannot hand it out on its own.
      const assign = await call("POST", `/api/clients/${agreed.id}/assessments`, clinicianId, {
        id: uuidv7(),
        instrumentId: followUpCheck.id,
      });
      expect(assign.statusCode).toBe(400);
      expect(fieldsOf(assign)).toEqual(["instrumentId"]);

      const answer = (answers: object, submit: boolean) =>
        call("PUT", `/api/clients/${agreed.id}/assessments/${check?.id}`, agreed.userId, { answers, submit });
      expect((await answer({ relationship: 1 }, false)).json().status).toBe("draft");
      const early = await answer({ relationship: 1, therapist: 0 }, true);
      expect(early.statusCode).toBe(400);
      expect(fieldsOf(early)).toEqual(["answers.groups", "answers.meetings"]);
      const wrong = await answer({ relationship: 9 }, false);
      expect(fieldsOf(wrong)).toEqual(["answers.relationship"]);
      const done = await answer({ relationship: 1, therapist: 0, groups: 1, meetings: 0 }, true);
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: "completed", result: null, safetyFlag: false });
      // It has no score, so there is no FHIR total to export: a plain refusal, never a 5xx.
      expect(
        (await call("GET", `/api/clients/${agreed.id}/assessments/${check?.id}/fhir`, clinicianId))
          .statusCode,
      ).toBe(409);
      expect((await answer({ relationship: 2, therapist: 0, groups: 1, meetings: 0 }, true)).statusCode).toBe(
        409,
      );
    });

    it("keeps giving follow-ups yearly after the first year", async () => {
      const [made] = await schedulesOf(agreed);
      const inTwoYears = new Date(Date.now() + (2 * 366 + 3) * day);
      // 3, 6, 12 and 24 months: four more occurrences of three each.
      expect(await materialiseDue(db, reminders, [agreed.id], inTwoYears)).toBe(12);
      const days = await db.kysely
        .selectFrom("assessments")
        .select("occurrence_day")
        .distinct()
        .where("schedule_id", "=", made?.id ?? "")
        .orderBy("occurrence_day")
        .execute();
      expect(days.map((d) => d.occurrence_day)).toEqual([1, 3, 6, 12, 24].map((m) => addMonths(today(), m)));
      const [after] = await schedulesOf(agreed);
      expect(after?.next_day).toBe(addMonths(today(), 36));
      expect(await schedulesOf(declined)).toEqual([]);
    });

    it("resumes follow-up schedules that had finished their 12 months (the migration), not stopped ones", async () => {
      const row = (id: string, startDay: string, stoppedOn: string | null) => ({
        id,
        client_id: declined.id,
        kind: "follow_up" as const,
        instrument_ids: JSON.stringify(["phq-9", "gad-7"]),
        start_day: startDay,
        created_by_user_id: clinicianId,
        created_at: new Date(),
        next_day: null,
        stopped_on: stoppedOn,
        stopped_at: stoppedOn ? new Date() : null,
        stopped_by_user_id: stoppedOn ? clinicianId : null,
      });
      const [running, stopped] = [uuidv7(), uuidv7()];
      await db.kysely
        .insertInto("assessment_schedules")
        .values([row(running, "2024-02-29", null), row(stopped, "2024-03-31", "2025-06-01")])
        .execute();
      await resumeYearly(db.kysely as never);
      const after = new Map((await schedulesOf(declined)).map((r) => [r.id, r.next_day]));
      expect(after.get(running)).toBe("2026-02-28");
      expect(after.get(stopped)).toBeNull();
      await db.kysely.deleteFrom("assessment_schedules").where("id", "in", [running, stopped]).execute();
    });
  },
);
