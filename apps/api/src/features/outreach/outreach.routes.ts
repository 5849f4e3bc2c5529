import { OutreachLog, OutreachView, SaveOutreachRequest } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { getOutreachLog, saveOutreach } from "./outreach.service.js";

/** The outreach log: calls made and received with support people, counted per week. */
export const outreachRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/outreach",
      {
        config: { access: clientRecord("outreach", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["support"],
          summary: "Recent calls and the weekly summary",
          params: ClientParams,
          response: { 200: OutreachLog },
        },
      },
      async (request) => getOutreachLog(db.kysely, clientAccessOf(request).clientId),
    );

    app.post(
      "/api/clients/:clientId/outreach",
      {
        config: { access: clientRecord("outreach", "write", ["self"]) },
        schema: {
          tags: ["support"],
          summary: "Log a call made or received (201; the same id again answers 200)",
          params: ClientParams,
          body: SaveOutreachRequest,
          response: { 200: OutreachView, 201: OutreachView },
        },
      },
      async (request, reply) => {
        const { created, call } = await saveOutreach(db, clientAccessOf(request).clientId, request.body);
        return reply.code(created ? 201 : 200).send(call);
      },
    );
  };
