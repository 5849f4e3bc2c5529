import { LocalDateText, SaveUrgeRequest, UrgesView, UrgeView } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { listUrges, saveUrge } from "./urges.service.js";

/** The urge log and the client's own urge figures. */
export const urgeRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      "/api/clients/:clientId/urges",
      {
        config: { access: clientRecord("urges", "write", ["self"]) },
        schema: {
          tags: ["recovery"],
          summary: "Log an urge when the surfing timer ends (the same id again changes nothing)",
          params: ClientParams,
          body: SaveUrgeRequest,
          response: { 200: UrgeView, 201: UrgeView },
        },
      },
      async (request, reply) => {
        const { created, urge } = await saveUrge(
          db,
          clientAccessOf(request).clientId,
          request.actor!,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(urge);
      },
    );

    app.get(
      "/api/clients/:clientId/urges",
      {
        config: { access: clientRecord("urges", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["recovery"],
          summary: "The client's urges between two days (default: the last 90) and their figures",
          params: ClientParams,
          querystring: z.strictObject({ from: LocalDateText.optional(), to: LocalDateText.optional() }),
          response: { 200: UrgesView },
        },
      },
      async (request) => listUrges(db, clientAccessOf(request).clientId, request.query),
    );
  };
