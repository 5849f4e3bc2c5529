import {
  CrisisLine,
  CrisisLineRequest,
  NotifySupportersRequest,
  SosAlertResult,
  SosEventView,
  SosKit,
  StartSosRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import {
  getCrisisLine,
  getSosKit,
  notifySupporters,
  type SendMail,
  saveCrisisLine,
  sosHistory,
  startSos,
} from "./sos.service.js";

const OrgParams = z.strictObject({ organisationId: z.uuid("Use a programme id.") });

export interface SosDeps {
  db: Db;
  publicUrl: string;
  /** Sends an email; false when it could not go. */
  sendMail: SendMail;
}

/** "I need help now": the SOS screen, each use, alerts to chosen supporters, the crisis line. */
export const sosRoutes =
  (deps: SosDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;

    app.get(
      "/api/organisations/:organisationId/crisis-line",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["support"],
          summary: "The crisis line the programme's clients see on the SOS screen",
          params: OrgParams,
          response: { 200: CrisisLine },
        },
      },
      async (request) => getCrisisLine(db.kysely, request.params.organisationId),
    );

    app.put(
      "/api/organisations/:organisationId/crisis-line",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["support"],
          summary: "Set the programme's crisis line",
          params: OrgParams,
          body: CrisisLineRequest,
          response: { 200: CrisisLine },
        },
      },
      async (request) =>
        saveCrisisLine(db.kysely, request.params.organisationId, request.actor!.userId, request.body),
    );

    app.get(
      "/api/clients/:clientId/sos",
      {
        config: { access: clientRecord("sos", "read", ["self"]) },
        schema: {
          tags: ["support"],
          summary: "Everything the SOS screen needs, in one request",
          params: ClientParams,
          response: { 200: SosKit },
        },
      },
      async (request) => {
        const { clientId, organisationId } = clientAccessOf(request);
        return getSosKit(db.kysely, clientId, organisationId);
      },
    );

    app.post(
      "/api/clients/:clientId/sos",
      {
        config: { access: clientRecord("sos", "write", ["self"]) },
        schema: {
          tags: ["support"],
          summary: "Record a press of SOS (201; the same id again answers 200)",
          params: ClientParams,
          body: StartSosRequest,
          response: { 200: SosEventView, 201: SosEventView },
        },
      },
      async (request, reply) => {
        const { created, event } = await startSos(db, clientAccessOf(request).clientId, request.body);
        return reply.code(created ? 201 : 200).send(event);
      },
    );

    app.post(
      "/api/clients/:clientId/sos/:sosId/alerts",
      {
        config: { access: clientRecord("sos", "write", ["self"]) },
        schema: {
          tags: ["support"],
          summary: "Alert chosen supporters in the app and by a content-free email",
          params: z.strictObject({ clientId: z.uuid(), sosId: z.uuid("Use the id of the SOS use.") }),
          body: NotifySupportersRequest,
          response: { 200: SosAlertResult },
        },
      },
      async (request) =>
        notifySupporters(
          db,
          clientAccessOf(request).clientId,
          request.params.sosId,
          request.body.userIds,
          deps,
        ),
    );

    app.get(
      "/api/clients/:clientId/sos/history",
      {
        config: { access: clientRecord("sos", "read", ["self", "care-team", "break-glass"]) },
        schema: {
          tags: ["support"],
          summary: "Each use of SOS, newest first",
          params: ClientParams,
          response: { 200: z.array(SosEventView) },
        },
      },
      async (request) => sosHistory(db.kysely, clientAccessOf(request).clientId),
    );
  };
