import { LedgerEventRequest, LedgerView, RecoverySettings, RecoverySettingsRequest } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import {
  getLedgerView,
  getRecoverySettings,
  recordLedgerEvent,
  saveRecoverySettings,
} from "./ledger.service.js";

const OrganisationParams = z.strictObject({ organisationId: z.uuid() });

/** The sobriety ledger and each programme's words for it. */
export const ledgerRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/organisations/:organisationId/recovery-settings",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["recovery"],
          summary: "The programme's words for the sobriety ledger",
          params: OrganisationParams,
          response: { 200: RecoverySettings },
        },
      },
      async (request) => getRecoverySettings(db.kysely, request.params.organisationId),
    );

    app.put(
      "/api/organisations/:organisationId/recovery-settings",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["recovery"],
          summary: "Choose the programme's words for the sobriety ledger",
          params: OrganisationParams,
          body: RecoverySettingsRequest,
          response: { 200: RecoverySettings },
        },
      },
      async (request) =>
        saveRecoverySettings(db.kysely, request.params.organisationId, request.actor!.userId, request.body),
    );

    app.get(
      "/api/clients/:clientId/ledger",
      {
        config: {
          access: clientRecord(
            "ledger",
            "read",
            ["self", "care-team", "break-glass", "grant"],
            "sobriety_summary",
          ),
        },
        schema: {
          tags: ["recovery"],
          summary: "The sobriety ledger: summary and events (a sharing grant sees the summary only)",
          params: ClientParams,
          response: { 200: LedgerView },
        },
      },
      async (request) => {
        const { clientId, via } = clientAccessOf(request);
        return getLedgerView(db.kysely, clientId, via);
      },
    );

    app.post(
      "/api/clients/:clientId/ledger/events",
      {
        config: { access: clientRecord("ledger", "write", ["self"]) },
        schema: {
          tags: ["recovery"],
          summary: "Add a start date, an inner-circle act or a correction (same id again changes nothing)",
          params: ClientParams,
          body: LedgerEventRequest,
          response: { 200: LedgerView, 201: LedgerView },
        },
      },
      async (request, reply) => {
        const { clientId, via } = clientAccessOf(request);
        const { created } = await recordLedgerEvent(db, clientId, request.actor!.userId, request.body);
        return reply.code(created ? 201 : 200).send(await getLedgerView(db.kysely, clientId, via));
      },
    );
  };
