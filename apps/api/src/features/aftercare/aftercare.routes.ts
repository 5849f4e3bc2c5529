import {
  AdherenceWeek,
  AftercarePlanView,
  CalendarFeedView,
  DischargeSummaryView,
  EditDischargeSummaryRequest,
  LogAttendanceRequest,
  MyPlanView,
  ReviewAftercareRequest,
  SaveAftercareRequest,
  SignDischargeSummaryRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord, publicRoute } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { renderPdf } from "../../pdf/pdf.js";
import {
  adherence,
  calendarAt,
  editSummary,
  getAftercare,
  getSummary,
  logAttendance,
  myPlan,
  resetFeed,
  reviewAftercare,
  saveAftercare,
  signSummary,
  summaryPdfLines,
} from "./aftercare.service.js";

const EpisodeParams = ClientParams.extend({ episodeId: z.uuid("Use an episode id.") });
const TokenParams = z.strictObject({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, "Use the address as given."),
});
const careTeam = ["care-team", "programme-admin"] as const;

/**
 * Discharge with an aftercare plan, and aftercare in the app (issue 8): the plan per episode and its
 * reviews (care team), the discharge summary (care team drafts at discharge, edits, signs), the
 * client's "My plan", attendance and secret calendar address, and adherence for the care team.
 */
export const aftercareRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/episodes/:episodeId/aftercare",
      {
        config: { access: clientRecord("aftercare", "read", [...careTeam, "break-glass"]) },
        schema: {
          tags: ["aftercare"],
          summary: "The episode's aftercare plan and what is still missing before discharge",
          params: EpisodeParams,
          response: { 200: AftercarePlanView },
        },
      },
      async (request) => getAftercare(db, clientAccessOf(request), request.params.episodeId),
    );

    app.put(
      "/api/clients/:clientId/episodes/:episodeId/aftercare",
      {
        config: { access: clientRecord("aftercare", "write", careTeam) },
        schema: {
          tags: ["aftercare"],
          summary: "Save the whole aftercare plan: therapist, groups, meetings, sponsor",
          params: EpisodeParams,
          body: SaveAftercareRequest,
          response: { 200: AftercarePlanView },
        },
      },
      async (request) =>
        saveAftercare(db, clientAccessOf(request), request.actor!, request.params.episodeId, request.body),
    );

    app.post(
      "/api/clients/:clientId/episodes/:episodeId/aftercare/reviews",
      {
        config: { access: clientRecord("aftercare", "write", careTeam) },
        schema: {
          tags: ["aftercare"],
          summary:
            "Confirm the current circles, relapse-prevention or safety plan was reviewed (its version is kept)",
          params: EpisodeParams,
          body: ReviewAftercareRequest,
          response: { 200: AftercarePlanView },
        },
      },
      async (request) =>
        reviewAftercare(
          db,
          clientAccessOf(request),
          request.actor!,
          request.params.episodeId,
          request.body.item,
        ),
    );

    app.get(
      "/api/clients/:clientId/episodes/:episodeId/discharge-summary",
      {
        config: { access: clientRecord("discharge_summary", "read", [...careTeam, "break-glass"]) },
        schema: {
          tags: ["aftercare"],
          summary: "The discharge summary drafted at discharge",
          params: EpisodeParams,
          response: { 200: DischargeSummaryView },
        },
      },
      async (request) => getSummary(db, clientAccessOf(request), request.params.episodeId),
    );

    app.put(
      "/api/clients/:clientId/episodes/:episodeId/discharge-summary",
      {
        config: { access: clientRecord("discharge_summary", "write", ["care-team"]) },
        schema: {
          tags: ["aftercare"],
          summary: "Edit the summary before it is signed (409 once signed or when stale)",
          params: EpisodeParams,
          body: EditDischargeSummaryRequest,
          response: { 200: DischargeSummaryView },
        },
      },
      async (request) => editSummary(db, clientAccessOf(request), request.params.episodeId, request.body),
    );

    app.post(
      "/api/clients/:clientId/episodes/:episodeId/discharge-summary/signature",
      {
        config: { access: clientRecord("discharge_summary", "write", ["care-team"]) },
        schema: {
          tags: ["aftercare"],
          summary: "Sign the summary: who, when and the SHA-256 of its content; it is locked after",
          params: EpisodeParams,
          body: SignDischargeSummaryRequest,
          response: { 200: DischargeSummaryView },
        },
      },
      async (request) =>
        signSummary(db, clientAccessOf(request), request.actor!, request.params.episodeId, request.body),
    );

    app.get(
      "/api/clients/:clientId/episodes/:episodeId/discharge-summary.pdf",
      {
        config: { access: clientRecord("discharge_summary", "read", careTeam) },
        schema: { tags: ["aftercare"], summary: "The signed summary as a PDF", params: EpisodeParams },
      },
      async (request, reply) => {
        const lines = await summaryPdfLines(db, clientAccessOf(request), request.params.episodeId);
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", 'attachment; filename="discharge-summary.pdf"')
          .header("cache-control", "no-store")
          .send(renderPdf("Discharge summary", lines));
      },
    );

    app.get(
      "/api/clients/:clientId/aftercare",
      {
        config: { access: clientRecord("aftercare", "read", ["self", ...careTeam]) },
        schema: {
          tags: ["aftercare"],
          summary: "My plan: the aftercare plan of the latest discharge, this week, attendance",
          params: ClientParams,
          response: { 200: MyPlanView },
        },
      },
      async (request) => myPlan(db, clientAccessOf(request)),
    );

    app.post(
      "/api/clients/:clientId/aftercare/attendance",
      {
        config: { access: clientRecord("aftercare_attendance", "write", ["self"]) },
        schema: {
          tags: ["aftercare"],
          summary: "Log whether I went to therapy, a group or a meeting (the same id again changes nothing)",
          params: ClientParams,
          body: LogAttendanceRequest,
          response: { 200: MyPlanView, 201: MyPlanView },
        },
      },
      async (request, reply) => {
        const { created, plan } = await logAttendance(db, clientAccessOf(request), request.body);
        return reply.code(created ? 201 : 200).send(plan);
      },
    );

    app.get(
      "/api/clients/:clientId/aftercare/adherence",
      {
        config: { access: clientRecord("aftercare_attendance", "read", [...careTeam, "break-glass"]) },
        schema: {
          tags: ["aftercare"],
          summary: "Attended against planned groups and meetings per week, last eight weeks",
          params: ClientParams,
          response: { 200: z.object({ dischargedOn: z.string().nullable(), weeks: z.array(AdherenceWeek) }) },
        },
      },
      async (request) => adherence(db, clientAccessOf(request)),
    );

    app.post(
      "/api/clients/:clientId/aftercare/calendar-feed",
      {
        config: { access: clientRecord("calendar_feed", "write", ["self"]) },
        schema: {
          tags: ["aftercare"],
          summary: "Make or reset my secret calendar address (the old one stops working)",
          params: ClientParams,
          response: { 201: CalendarFeedView },
        },
      },
      async (request, reply) => reply.code(201).send(await resetFeed(db, clientAccessOf(request))),
    );

    app.get(
      "/api/calendar/:token",
      {
        config: {
          access: publicRoute("calendar apps fetch the client's secret address without signing in"),
          rateLimit: { max: 60, timeWindow: "1 minute" },
        },
        schema: {
          tags: ["aftercare"],
          summary: "A client's weekly groups and meetings as iCalendar",
          params: TokenParams,
        },
      },
      async (request, reply) => {
        const calendar = await calendarAt(db, request.params.token);
        if (calendar === null) throw new HttpProblem(404, "notFound", "Not found.");
        return reply
          .header("content-type", "text/calendar; charset=utf-8")
          .header("cache-control", "no-store")
          .header("referrer-policy", "no-referrer")
          .send(calendar);
      },
    );
  };
