import { PreventionLessonView, SaveSlipReviewRequest, SlipReviewView } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { listSlipReviews, saveSlipReview } from "./slip-reviews.service.js";

const ReviewParams = z.strictObject({
  clientId: z.uuid(),
  reviewId: z.uuid("Use an id made by the app (a UUID)."),
});

/** Kind reviews after a slip, and the lessons they add to the prevention plan. */
export const slipReviewRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.put(
      "/api/clients/:clientId/slip-reviews/:reviewId",
      {
        config: { access: clientRecord("slip_reviews", "write", ["self"]) },
        schema: {
          tags: ["recovery"],
          summary: "Save a review after a slip (201 new, 200 changed); new lessons join the prevention plan",
          params: ReviewParams,
          body: SaveSlipReviewRequest,
          response: { 200: SlipReviewView, 201: SlipReviewView },
        },
      },
      async (request, reply) => {
        const { created, review } = await saveSlipReview(
          db,
          clientAccessOf(request).clientId,
          request.params.reviewId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(review);
      },
    );

    app.get(
      "/api/clients/:clientId/slip-reviews",
      {
        config: { access: clientRecord("slip_reviews", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["recovery"],
          summary: "Reviews and prevention lessons (the care team sees only what the client shared)",
          params: ClientParams,
          response: {
            200: z.object({ reviews: z.array(SlipReviewView), lessons: z.array(PreventionLessonView) }),
          },
        },
      },
      async (request) => {
        const { clientId, via } = clientAccessOf(request);
        return listSlipReviews(db, clientId, via);
      },
    );
  };
