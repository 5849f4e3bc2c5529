import { CircleComment, CircleCommentRequest, CirclesView, SaveCirclesRequest } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { addCircleComment, getCircles, saveCircles } from "./circles.service.js";

/** The client's three circles: versions, items and comments. */
export const circleRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/circles",
      {
        config: {
          access: clientRecord(
            "circles",
            "read",
            ["self", "care-team", "break-glass", "grant"],
            "three_circles",
          ),
        },
        schema: {
          tags: ["recovery"],
          summary: "The three circles now, their history and the comments",
          params: ClientParams,
          response: { 200: CirclesView },
        },
      },
      async (request) => getCircles(db.kysely, clientAccessOf(request).clientId),
    );

    app.put(
      "/api/clients/:clientId/circles",
      {
        config: { access: clientRecord("circles", "write", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["recovery"],
          summary: "Save the whole list of circles (a new version when something changed)",
          params: ClientParams,
          body: SaveCirclesRequest,
          response: { 200: CirclesView },
        },
      },
      async (request) => {
        const { clientId, via } = clientAccessOf(request);
        return saveCircles(db, clientId, { userId: request.actor!.userId, via }, request.body);
      },
    );

    app.post(
      "/api/clients/:clientId/circles/comments",
      {
        config: { access: clientRecord("circles", "write", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["recovery"],
          summary: "Comment on the current version of the circles",
          params: ClientParams,
          body: CircleCommentRequest,
          response: { 201: CircleComment },
        },
      },
      async (request, reply) => {
        const { clientId, via } = clientAccessOf(request);
        const { userId, name } = request.actor!;
        return reply
          .code(201)
          .send(await addCircleComment(db.kysely, clientId, { userId, name, via }, request.body.body));
      },
    );
  };
