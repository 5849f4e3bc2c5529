import { BreakGlassRequest, ClientSummary, GrantSummary, UpdateGrantRequest } from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import type { ClientAccess } from "../../access/hook.js";
import { clientRecord, inOrganisation, signedIn } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import {
  assignClinician,
  breakTheGlass,
  changeGrant,
  endGrant,
  getClientSummary,
  listGrants,
  listPermittedClients,
  searchDirectory,
  unassignClinician,
} from "./clients.service.js";

const CareTeamParams = z.strictObject({ clientId: z.uuid(), clinicianUserId: z.uuid("Use a user id.") });
const GrantParams = z.strictObject({ clientId: z.uuid(), grantId: z.uuid("Use a grant id.") });
const empty = { 204: z.null() };

/** Client records, care teams, break-the-glass and a client's sharing grants. */
export const clientRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients",
      {
        config: { access: signedIn },
        schema: {
          tags: ["clients"],
          summary: "Exactly the clients the caller may see",
          response: { 200: z.array(ClientSummary) },
        },
      },
      async (request) => listPermittedClients(db, request.actor!, request.id),
    );

    app.get(
      "/api/organisations/:organisationId/client-directory",
      {
        config: { access: inOrganisation("clinician", "programme_admin") },
        schema: {
          tags: ["clients"],
          summary: "Find a client of the programme by name (ids and names only), to break the glass",
          params: z.strictObject({ organisationId: z.uuid() }),
          querystring: z.strictObject({
            q: z.string().trim().min(2, "Type at least two letters of the name.").max(100),
          }),
          response: { 200: z.array(z.object({ id: z.string(), name: z.string() })) },
        },
      },
      async (request) =>
        searchDirectory(db, request.actor!, request.params.organisationId, request.query.q, request.id),
    );

    app.get(
      "/api/clients/:clientId",
      {
        config: {
          access: clientRecord(
            "client",
            "read",
            ["self", "care-team", "break-glass", "programme-admin", "grant"],
            "profile",
          ),
        },
        schema: {
          tags: ["clients"],
          summary: "One client",
          params: ClientParams,
          response: { 200: ClientSummary },
        },
      },
      async (request) =>
        getClientSummary(db, request.params.clientId, request.actor!, clientAccessOf(request).via),
    );

    app.put(
      "/api/clients/:clientId/care-team/:clinicianUserId",
      {
        config: { access: clientRecord("care_team", "write", ["programme-admin"]) },
        schema: {
          tags: ["clients"],
          summary: "Put a clinician on the care team",
          params: CareTeamParams,
          response: empty,
        },
      },
      async (request, reply) => {
        const { organisationId, clientId } = clientAccessOf(request);
        await assignClinician(db, organisationId, clientId, request.params.clinicianUserId, request.actor!);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      "/api/clients/:clientId/care-team/:clinicianUserId",
      {
        config: { access: clientRecord("care_team", "write", ["programme-admin"]) },
        schema: {
          tags: ["clients"],
          summary: "Take a clinician off the care team",
          params: CareTeamParams,
          response: empty,
        },
      },
      async (request, reply) => {
        await unassignClinician(db, clientAccessOf(request).clientId, request.params.clinicianUserId);
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/api/clients/:clientId/break-glass",
      {
        config: { access: clientRecord("break_glass", "write", ["programme-clinician"]) },
        schema: {
          tags: ["clients"],
          summary: "Open a reasoned, time-limited access to a client outside the caller's care team",
          params: ClientParams,
          body: BreakGlassRequest,
          response: { 201: z.object({ id: z.string(), expiresAt: z.string() }) },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await breakTheGlass(db, clientAccessOf(request).clientId, request.actor!, request.body.reason),
          ),
    );

    app.get(
      "/api/clients/:clientId/grants",
      {
        config: { access: clientRecord("grants", "read", ["self"]) },
        schema: {
          tags: ["sharing"],
          summary: "Who the client shares with",
          params: ClientParams,
          response: { 200: z.array(GrantSummary) },
        },
      },
      async (request) => listGrants(db, clientAccessOf(request).clientId),
    );

    app.patch(
      "/api/clients/:clientId/grants/:grantId",
      {
        config: { access: clientRecord("grants", "write", ["self"]) },
        schema: {
          tags: ["sharing"],
          summary: "Change what a linked person may see",
          params: GrantParams,
          body: UpdateGrantRequest,
          response: empty,
        },
      },
      async (request, reply) => {
        await changeGrant(db, clientAccessOf(request).clientId, request.params.grantId, request.body.scopes);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      "/api/clients/:clientId/grants/:grantId",
      {
        config: { access: clientRecord("grants", "write", ["self"]) },
        schema: {
          tags: ["sharing"],
          summary: "Stop sharing with a linked person, at once",
          params: GrantParams,
          response: empty,
        },
      },
      async (request, reply) => {
        await endGrant(db, clientAccessOf(request).clientId, request.params.grantId);
        return reply.code(204).send(null);
      },
    );
  };
