import {
  AssessmentView,
  AssignAssessmentRequest,
  givenInstrument,
  InstrumentView,
  SaveAnswersRequest,
  toInstrumentView,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord, signedIn } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { assessmentAsFhir, assignAssessment, listAssessments, saveAnswers } from "./assessments.service.js";
import { materialiseDue, type Reminders } from "./schedules.service.js";

const AssessmentParams = ClientParams.extend({ assessmentId: z.uuid("Use an assessment id.") });

const FhirExport = z.object({
  questionnaireResponse: z.looseObject({ resourceType: z.literal("QuestionnaireResponse") }),
  observations: z.array(z.looseObject({ resourceType: z.literal("Observation") })),
});

/** Assigned questionnaires: assign, answer (drafts and submit), read, export as FHIR. */
export const assessmentRoutes =
  (db: Db, reminders: Reminders): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/instruments/:instrumentId",
      {
        config: { access: signedIn },
        schema: {
          tags: ["assessments"],
          summary: "A questionnaire's text and answer options, for rendering",
          params: z.strictObject({ instrumentId: z.string().min(1).max(100) }),
          response: { 200: InstrumentView },
        },
      },
      async (request) => {
        const definition = givenInstrument(request.params.instrumentId);
        if (!definition) throw new HttpProblem(404, "notFound", "Not found.");
        return toInstrumentView(definition);
      },
    );

    app.post(
      "/api/clients/:clientId/assessments",
      {
        config: { access: clientRecord("assessments", "write", ["care-team", "break-glass"]) },
        schema: {
          tags: ["assessments"],
          summary: "Assign PHQ-9 or GAD-7 to the client (the same id again changes nothing)",
          params: ClientParams,
          body: AssignAssessmentRequest,
          response: { 200: AssessmentView, 201: AssessmentView },
        },
      },
      async (request, reply) => {
        const { created, assessment } = await assignAssessment(
          db,
          clientAccessOf(request).clientId,
          request.actor!,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(assessment);
      },
    );

    app.get(
      "/api/clients/:clientId/assessments",
      {
        config: { access: clientRecord("assessments", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["assessments"],
          summary: "The client's questionnaires, newest first",
          params: ClientParams,
          response: { 200: z.array(AssessmentView) },
        },
      },
      async (request) => {
        const { clientId } = clientAccessOf(request);
        // Scheduled occurrences due by the client's today become assessments first (idempotent).
        await materialiseDue(db, reminders, [clientId]);
        return listAssessments(db, clientId);
      },
    );

    app.put(
      "/api/clients/:clientId/assessments/:assessmentId",
      {
        config: { access: clientRecord("assessments", "write", ["self"]) },
        schema: {
          tags: ["assessments"],
          summary: "Save answers as a draft, or submit to score (a completed one cannot change)",
          params: AssessmentParams,
          body: SaveAnswersRequest,
          response: { 200: AssessmentView },
        },
      },
      async (request) =>
        saveAnswers(db, clientAccessOf(request).clientId, request.params.assessmentId, request.body),
    );

    app.get(
      "/api/clients/:clientId/assessments/:assessmentId/fhir",
      {
        config: { access: clientRecord("assessments", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["assessments"],
          summary: "A completed questionnaire as a FHIR R4 QuestionnaireResponse and Observation",
          params: AssessmentParams,
          response: { 200: FhirExport },
        },
      },
      async (request) => assessmentAsFhir(db, clientAccessOf(request).clientId, request.params.assessmentId),
    );
  };
