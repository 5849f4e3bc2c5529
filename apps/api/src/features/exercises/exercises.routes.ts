import {
  AssignExerciseRequest,
  ExerciseView,
  ReviewExerciseRequest,
  SaveExerciseRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { assignExercise, listExercises, reviewExercise, saveExercise } from "./exercises.service.js";

const ExerciseParams = ClientParams.extend({ exerciseId: z.uuid("Use an exercise id.") });

/**
 * Recovery exercises: the care team assigns and reviews, the client fills and submits. No sharing
 * grant reads them. The templates themselves ship in @lantern/domain, so no route serves them.
 */
export const exerciseRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/clients/:clientId/exercises",
      {
        config: { access: clientRecord("exercises", "write", ["care-team"]) },
        schema: {
          tags: ["exercises"],
          summary: "Assign a recovery exercise with a due date (the same id again changes nothing)",
          params: ClientParams,
          body: AssignExerciseRequest,
          response: { 200: ExerciseView, 201: ExerciseView },
        },
      },
      async (request, reply) => {
        const { created, exercise } = await assignExercise(
          db,
          clientAccessOf(request).clientId,
          request.actor!,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(exercise);
      },
    );

    app.get(
      "/api/clients/:clientId/exercises",
      {
        config: { access: clientRecord("exercises", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["exercises"],
          summary: "The client's exercises with answers and reviews, newest first",
          params: ClientParams,
          response: { 200: z.array(ExerciseView) },
        },
      },
      async (request) => listExercises(db, clientAccessOf(request).clientId),
    );

    app.put(
      "/api/clients/:clientId/exercises/:exerciseId",
      {
        config: { access: clientRecord("exercises", "write", ["self"]) },
        schema: {
          tags: ["exercises"],
          summary: "Save a draft of the answers, or submit them for review",
          params: ExerciseParams,
          body: SaveExerciseRequest,
          response: { 200: ExerciseView },
        },
      },
      async (request) =>
        saveExercise(db, clientAccessOf(request).clientId, request.params.exerciseId, request.body),
    );

    app.post(
      "/api/clients/:clientId/exercises/:exerciseId/review",
      {
        config: { access: clientRecord("exercises", "write", ["care-team"]) },
        schema: {
          tags: ["exercises"],
          summary: "Review a submitted exercise with a comment, or return it for more work",
          params: ExerciseParams,
          body: ReviewExerciseRequest,
          response: { 200: ExerciseView },
        },
      },
      async (request) =>
        reviewExercise(
          db,
          clientAccessOf(request).clientId,
          request.params.exerciseId,
          request.actor!,
          request.body,
        ),
    );
  };
