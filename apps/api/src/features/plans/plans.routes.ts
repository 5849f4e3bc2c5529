import {
  PreventionPlanView,
  SafetyPlanResponse,
  SafetyPlanView,
  SavePreventionPlanRequest,
  SaveSafetyPlanRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { renderPdf } from "../../pdf/pdf.js";
import {
  getPreventionPlan,
  getSafetyPlan,
  preventionPlanLines,
  savePreventionPlan,
  saveSafetyPlan,
} from "./plans.service.js";

const staff = ["self", "care-team", "break-glass"] as const;

/** The safety plan and the relapse-prevention plan: versioned, built with the clinician. */
export const planRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/safety-plan",
      {
        config: { access: clientRecord("safety_plan", "read", staff) },
        schema: {
          tags: ["support"],
          summary: "The safety plan now (plan is null before the first save)",
          params: ClientParams,
          response: { 200: SafetyPlanResponse },
        },
      },
      async (request) => ({ plan: await getSafetyPlan(db.kysely, clientAccessOf(request).clientId) }),
    );

    app.put(
      "/api/clients/:clientId/safety-plan",
      {
        config: { access: clientRecord("safety_plan", "write", staff) },
        schema: {
          tags: ["support"],
          summary: "Save a new version of the safety plan (409 when baseVersion is stale)",
          params: ClientParams,
          body: SaveSafetyPlanRequest,
          response: { 200: SafetyPlanView },
        },
      },
      async (request) => {
        const { clientId, via } = clientAccessOf(request);
        return saveSafetyPlan(db, clientId, { userId: request.actor!.userId, via }, request.body);
      },
    );

    app.get(
      "/api/clients/:clientId/prevention-plan",
      {
        config: {
          access: clientRecord("prevention_plan", "read", [...staff, "grant"], "recovery_plan"),
        },
        schema: {
          tags: ["support"],
          summary: "The relapse-prevention plan with the lessons from slip reviews",
          params: ClientParams,
          response: { 200: PreventionPlanView },
        },
      },
      async (request) => {
        const { clientId, via } = clientAccessOf(request);
        return getPreventionPlan(db.kysely, clientId, via);
      },
    );

    app.put(
      "/api/clients/:clientId/prevention-plan",
      {
        config: { access: clientRecord("prevention_plan", "write", staff) },
        schema: {
          tags: ["support"],
          summary: "Save a new version of the relapse-prevention plan (409 when baseVersion is stale)",
          params: ClientParams,
          body: SavePreventionPlanRequest,
          response: { 200: PreventionPlanView },
        },
      },
      async (request) => {
        const { clientId, via } = clientAccessOf(request);
        return savePreventionPlan(db, clientId, { userId: request.actor!.userId, via }, request.body);
      },
    );

    app.get(
      "/api/clients/:clientId/prevention-plan.pdf",
      {
        config: {
          access: clientRecord("prevention_plan", "read", [...staff, "grant"], "recovery_plan"),
        },
        schema: {
          tags: ["support"],
          summary: "The relapse-prevention plan as a PDF to print",
          params: ClientParams,
        },
      },
      async (request, reply) => {
        const { clientId, via } = clientAccessOf(request);
        const plan = await getPreventionPlan(db.kysely, clientId, via);
        return reply
          .header("content-type", "application/pdf")
          .header("content-disposition", 'attachment; filename="prevention-plan.pdf"')
          .header("cache-control", "no-store")
          .send(renderPdf("Relapse-prevention plan", preventionPlanLines(plan)));
      },
    );
  };
