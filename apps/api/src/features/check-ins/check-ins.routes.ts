import { CheckInView, LocalDateText, RecoveryToday, SaveCheckInRequest } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { listCheckIns, saveCheckIn } from "./check-ins.service.js";
import { getRecoveryToday } from "./today.service.js";

/** Daily check-ins, and the client's home screen (which is built around today's check-in). */
export const checkInRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.put(
      "/api/clients/:clientId/check-ins/:date",
      {
        config: { access: clientRecord("check_ins", "write", ["self"]) },
        schema: {
          tags: ["recovery"],
          summary: "Save the check-in for one day (new: 201; changed on its day: 200; same id again: 200)",
          params: z.strictObject({ clientId: z.uuid("Use a client id."), date: LocalDateText }),
          body: SaveCheckInRequest,
          response: { 200: CheckInView, 201: CheckInView },
        },
      },
      async (request, reply) => {
        const { clientId } = clientAccessOf(request);
        const { created, view } = await saveCheckIn(
          db,
          clientId,
          request.actor!.userId,
          request.params.date,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(view);
      },
    );

    app.get(
      "/api/clients/:clientId/check-ins",
      {
        config: { access: clientRecord("check_ins", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["recovery"],
          summary: "The client's check-ins between two days (the last 30 by default), newest first",
          params: ClientParams,
          querystring: z.strictObject({ from: LocalDateText.optional(), to: LocalDateText.optional() }),
          response: { 200: z.array(CheckInView) },
        },
      },
      async (request) => listCheckIns(db.kysely, clientAccessOf(request).clientId, request.query),
    );

    app.get(
      "/api/clients/:clientId/recovery/today",
      {
        config: { access: clientRecord("recovery_today", "read", ["self"]) },
        schema: {
          tags: ["recovery"],
          summary: "The client's home screen: ledger summary, today's check-in, missed days, circles, urges",
          params: ClientParams,
          response: { 200: RecoveryToday },
        },
      },
      async (request) => getRecoveryToday(db.kysely, clientAccessOf(request).clientId),
    );
  };
