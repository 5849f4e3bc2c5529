import { AuditEventView } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import { appendAudit } from "../../audit/audit.js";
import { searchEvents } from "../../audit/audit.repository.js";
import type { Db } from "../../db/dialect.js";
import { toIso } from "../../db/schema.js";
import { breakGlassOfOrganisation } from "../clients/clients.repository.js";

const Page = z.strictObject({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const Search = Page.extend({
  clientId: z.uuid().optional(),
  actorUserId: z.uuid().optional(),
  action: z.string().max(40).optional(),
  outcome: z.enum(["allowed", "denied"]).optional(),
});

type EventRow = Awaited<ReturnType<typeof searchEvents>>[number];
const view = (e: EventRow) => ({
  seq: Number(e.seq),
  at: toIso(e.at),
  actorName: e.actor_name,
  actorRole: e.actor_role,
  clientId: e.client_id,
  recordType: e.record_type,
  recordId: e.record_id,
  action: e.action,
  outcome: e.outcome as "allowed" | "denied",
});

/** The client's "who viewed my record" and the programme admin's searchable log. */
export const auditLogRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/access-log",
      {
        config: { access: clientRecord("access_log", "read", ["self"]) },
        schema: {
          tags: ["audit"],
          summary: "Who opened or changed this client's record (other people only)",
          params: z.strictObject({ clientId: z.uuid() }),
          querystring: Page,
          response: { 200: z.array(AuditEventView) },
        },
      },
      async (request) => {
        const rows = await searchEvents(db.kysely, {
          clientId: request.params.clientId,
          limit: request.query.limit + 50,
          ...(request.query.before ? { beforeSeq: request.query.before } : {}),
        });
        return rows
          .filter((r) => r.actor_role !== "self")
          .slice(0, request.query.limit)
          .map(view);
      },
    );

    app.get(
      "/api/organisations/:organisationId/audit",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["audit"],
          summary: "Search the programme's audit log (newest first)",
          params: z.strictObject({ organisationId: z.uuid() }),
          querystring: Search,
          response: { 200: z.array(AuditEventView) },
        },
      },
      async (request) => {
        const q = request.query;
        const organisationId = request.params.organisationId;
        // Reading the log is itself recorded.
        await appendAudit(db, {
          actorUserId: request.actor!.userId,
          actorRole: "programme_admin",
          organisationId,
          clientId: q.clientId ?? null,
          recordType: "audit_log",
          recordId: null,
          action: "search",
          outcome: "allowed",
          requestId: request.id,
          ip: request.ip,
        });
        const rows = await searchEvents(db.kysely, {
          organisationId,
          limit: q.limit,
          ...(q.before ? { beforeSeq: q.before } : {}),
          ...(q.clientId ? { clientId: q.clientId } : {}),
          ...(q.actorUserId ? { actorUserId: q.actorUserId } : {}),
          ...(q.action ? { action: q.action } : {}),
          ...(q.outcome ? { outcome: q.outcome } : {}),
        });
        return rows.map(view);
      },
    );

    app.get(
      "/api/organisations/:organisationId/break-glass",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["audit"],
          summary: "Every break-the-glass access in the programme, newest first",
          params: z.strictObject({ organisationId: z.uuid() }),
          response: {
            200: z.array(
              z.object({
                id: z.string(),
                clientId: z.string(),
                clientName: z.string(),
                clinicianName: z.string(),
                reason: z.string(),
                createdAt: z.string(),
                expiresAt: z.string(),
              }),
            ),
          },
        },
      },
      async (request) => {
        const rows = await breakGlassOfOrganisation(db.kysely, request.params.organisationId, 200);
        return rows.map((r) => ({
          id: r.id,
          clientId: r.client_id,
          clientName: r.client_name,
          clinicianName: r.clinician_name,
          reason: r.reason,
          createdAt: toIso(r.created_at),
          expiresAt: toIso(r.expires_at),
        }));
      },
    );
  };
