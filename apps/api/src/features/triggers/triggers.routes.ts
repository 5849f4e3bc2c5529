import {
  CopingView,
  SaveCopingRequest,
  SaveTriggerRequest,
  TriggersView,
  TriggerView,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { archive, getTriggers, saveCoping, saveTrigger } from "./triggers.service.js";

const TriggerParams = z.strictObject({
  clientId: z.uuid(),
  triggerId: z.uuid("Use an id made by the app (a UUID)."),
});
const CopingParams = z.strictObject({
  clientId: z.uuid(),
  copingId: z.uuid("Use an id made by the app (a UUID)."),
});
const write = clientRecord("triggers", "write", ["self"]);

/** The client's triggers and coping strategies, and the patterns before urges and acts. */
export const triggerRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/triggers",
      {
        config: { access: clientRecord("triggers", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["recovery"],
          summary: "Live triggers and coping strategies, with patterns by trigger, hour and weekday",
          params: ClientParams,
          response: { 200: TriggersView },
        },
      },
      async (request) => getTriggers(db, clientAccessOf(request).clientId),
    );

    app.put(
      "/api/clients/:clientId/triggers/:triggerId",
      {
        config: { access: write },
        schema: {
          tags: ["recovery"],
          summary: "Add or change a trigger (201 new, 200 changed)",
          params: TriggerParams,
          body: SaveTriggerRequest,
          response: { 200: TriggerView, 201: TriggerView },
        },
      },
      async (request, reply) => {
        const { created, trigger } = await saveTrigger(
          db,
          clientAccessOf(request).clientId,
          request.params.triggerId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(trigger);
      },
    );

    app.delete(
      "/api/clients/:clientId/triggers/:triggerId",
      {
        config: { access: write },
        schema: {
          tags: ["recovery"],
          summary: "Archive a trigger",
          params: TriggerParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await archive(db, "triggers", clientAccessOf(request).clientId, request.params.triggerId);
        return reply.code(204).send(null);
      },
    );

    app.put(
      "/api/clients/:clientId/coping/:copingId",
      {
        config: { access: write },
        schema: {
          tags: ["recovery"],
          summary: "Add or reword a coping strategy (201 new, 200 changed)",
          params: CopingParams,
          body: SaveCopingRequest,
          response: { 200: CopingView, 201: CopingView },
        },
      },
      async (request, reply) => {
        const { created, coping } = await saveCoping(
          db,
          clientAccessOf(request).clientId,
          request.params.copingId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(coping);
      },
    );

    app.delete(
      "/api/clients/:clientId/coping/:copingId",
      {
        config: { access: write },
        schema: {
          tags: ["recovery"],
          summary: "Archive a coping strategy",
          params: CopingParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await archive(db, "coping_strategies", clientAccessOf(request).clientId, request.params.copingId);
        return reply.code(204).send(null);
      },
    );
  };
