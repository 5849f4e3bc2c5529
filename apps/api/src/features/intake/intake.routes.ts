import {
  IntakeView,
  ProblemView,
  ReopenIntakeRequest,
  SaveIntakeRequest,
  SaveProblemRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import {
  draftProblems,
  finaliseIntake,
  listProblems,
  readIntake,
  removeProblem,
  reopenIntake,
  saveIntake,
  saveProblem,
} from "./intake.service.js";

const ProblemParams = ClientParams.extend({ problemId: z.uuid("Use a problem id.") });
const team = ["care-team", "break-glass"] as const;
const everyoneOnRecord = ["self", "care-team", "break-glass"] as const;

/**
 * The biopsychosocial intake: the client pre-fills some areas, the clinician completes and rates
 * every area and signs it off; the problem list it yields. Each record name below is what the
 * audit shows for the request ("intake", "intake_sign_off", "intake_problems").
 */
export const intakeRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/intake",
      {
        config: { access: clientRecord("intake", "read", everyoneOnRecord) },
        schema: {
          tags: ["intake"],
          summary: "The intake (a client sees only the areas they fill, in their own words)",
          params: ClientParams,
          response: { 200: IntakeView },
        },
      },
      async (request) => readIntake(db, clientAccessOf(request)),
    );

    app.put(
      "/api/clients/:clientId/intake",
      {
        config: { access: clientRecord("intake", "write", everyoneOnRecord) },
        schema: {
          tags: ["intake"],
          summary: "Save some areas (drafts), ratings and summaries; the client can mark their part ready",
          params: ClientParams,
          body: SaveIntakeRequest,
          response: { 200: IntakeView },
        },
      },
      async (request) => saveIntake(db, clientAccessOf(request), request.actor!, request.body),
    );

    app.post(
      "/api/clients/:clientId/intake/finalise",
      {
        config: { access: clientRecord("intake_sign_off", "write", team) },
        schema: {
          tags: ["intake"],
          summary: "Sign the intake off (every area rated) and draft the problem list",
          params: ClientParams,
          response: { 200: IntakeView },
        },
      },
      async (request) => finaliseIntake(db, clientAccessOf(request), request.actor!),
    );

    app.post(
      "/api/clients/:clientId/intake/reopen",
      {
        config: { access: clientRecord("intake_sign_off", "write", team) },
        schema: {
          tags: ["intake"],
          summary: "Reopen a signed-off intake so it can change, with a reason",
          params: ClientParams,
          body: ReopenIntakeRequest,
          response: { 200: IntakeView },
        },
      },
      async (request) => reopenIntake(db, clientAccessOf(request), request.actor!, request.body.reason),
    );

    app.get(
      "/api/clients/:clientId/intake/problems",
      {
        config: { access: clientRecord("intake_problems", "read", everyoneOnRecord) },
        schema: {
          tags: ["intake"],
          summary: "The problem list, most severe first",
          params: ClientParams,
          response: { 200: z.array(ProblemView) },
        },
      },
      async (request) => listProblems(db, clientAccessOf(request).clientId),
    );

    app.post(
      "/api/clients/:clientId/intake/problems/draft",
      {
        config: { access: clientRecord("intake_problems", "write", team) },
        schema: {
          tags: ["intake"],
          summary: "Draft a problem for each moderate or severe area that has none yet",
          params: ClientParams,
          response: { 200: z.array(ProblemView) },
        },
      },
      async (request) => draftProblems(db, clientAccessOf(request), request.actor!),
    );

    app.put(
      "/api/clients/:clientId/intake/problems/:problemId",
      {
        config: { access: clientRecord("intake_problems", "write", team) },
        schema: {
          tags: ["intake"],
          summary: "Add a problem under an id made by the app, or edit it",
          params: ProblemParams,
          body: SaveProblemRequest,
          response: { 200: ProblemView, 201: ProblemView },
        },
      },
      async (request, reply) => {
        const { created, problem } = await saveProblem(
          db,
          clientAccessOf(request).clientId,
          request.actor!,
          request.params.problemId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(problem);
      },
    );

    app.delete(
      "/api/clients/:clientId/intake/problems/:problemId",
      {
        config: { access: clientRecord("intake_problems", "write", team) },
        schema: {
          tags: ["intake"],
          summary: "Remove a problem from the list",
          params: ProblemParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await removeProblem(db, clientAccessOf(request).clientId, request.params.problemId);
        return reply.code(204).send(null);
      },
    );
  };
