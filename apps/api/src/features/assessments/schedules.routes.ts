import {
  CreateScheduleRequest,
  InstrumentSettingView,
  InstrumentTrend,
  SaveReliableChangeRequest,
  ScheduleView,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { getInstrumentSettings, getTrends, saveInstrumentSetting } from "./results.service.js";
import { createSchedule, listSchedules, type Reminders, stopSchedule } from "./schedules.service.js";

const ScheduleParams = ClientParams.extend({ scheduleId: z.uuid("Use a schedule id.") });
const OrganisationParams = z.strictObject({ organisationId: z.uuid() });
const SettingParams = OrganisationParams.extend({ instrumentId: z.string().min(1).max(100) });

/** Assessment schedules, trends with reliable change, and the programme's thresholds. */
export const scheduleRoutes =
  (db: Db, reminders: Reminders): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/clients/:clientId/assessment-schedules",
      {
        config: { access: clientRecord("assessments", "write", ["care-team", "break-glass"]) },
        schema: {
          tags: ["assessments"],
          summary: "Schedule a battery at admission, weekly, at discharge or as follow-ups",
          params: ClientParams,
          body: CreateScheduleRequest,
          response: { 200: ScheduleView, 201: ScheduleView },
        },
      },
      async (request, reply) => {
        const { created, schedule } = await createSchedule(
          db,
          clientAccessOf(request).clientId,
          request.actor!,
          request.body,
          reminders,
        );
        return reply.code(created ? 201 : 200).send(schedule);
      },
    );

    app.get(
      "/api/clients/:clientId/assessment-schedules",
      {
        config: { access: clientRecord("assessments", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["assessments"],
          summary: "The client's assessment schedules, newest first",
          params: ClientParams,
          response: { 200: z.array(ScheduleView) },
        },
      },
      async (request) => listSchedules(db, clientAccessOf(request).clientId),
    );

    app.post(
      "/api/clients/:clientId/assessment-schedules/:scheduleId/stop",
      {
        config: { access: clientRecord("assessments", "write", ["care-team", "break-glass"]) },
        schema: {
          tags: ["assessments"],
          summary: "Stop a schedule: nothing more is given from today on",
          params: ScheduleParams,
          response: { 200: ScheduleView },
        },
      },
      async (request) =>
        stopSchedule(db, clientAccessOf(request).clientId, request.params.scheduleId, request.actor!),
    );

    app.get(
      "/api/clients/:clientId/assessment-trends",
      {
        config: { access: clientRecord("assessments", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["assessments"],
          summary: "Totals over time per questionnaire, on its bands, with reliable change when set",
          params: ClientParams,
          response: { 200: z.array(InstrumentTrend) },
        },
      },
      async (request) => getTrends(db.kysely, clientAccessOf(request).clientId),
    );

    app.get(
      "/api/organisations/:organisationId/instrument-settings",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["assessments"],
          summary: "The programme's reliable-change thresholds per questionnaire",
          params: OrganisationParams,
          response: { 200: z.array(InstrumentSettingView) },
        },
      },
      async (request) => getInstrumentSettings(db.kysely, request.params.organisationId),
    );

    app.put(
      "/api/organisations/:organisationId/instrument-settings/:instrumentId",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["assessments"],
          summary:
            "Set (or, with null points, remove) a questionnaire's reliable-change threshold and source",
          params: SettingParams,
          body: SaveReliableChangeRequest,
          response: { 200: z.array(InstrumentSettingView) },
        },
      },
      async (request) =>
        saveInstrumentSetting(
          db.kysely,
          request.params.organisationId,
          request.params.instrumentId,
          request.actor!.userId,
          request.body,
        ),
    );
  };
