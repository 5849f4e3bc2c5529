import {
  AlumniContactRequest,
  AlumniContactResult,
  AlumniSummaryView,
  AlumniVolunteeringRequest,
  AlumniVolunteeringView,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import { alumniSummary, forwardRequest, setVolunteering, volunteering } from "./alumni.service.js";

const OrgParams = z.strictObject({ organisationId: z.uuid() });

/** Alumni volunteers: the former client's own choice; the programme sees a count and relays requests. */
export const alumniRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/clients/:clientId/alumni-volunteering",
      {
        config: { access: clientRecord("alumni_volunteering", "read", ["self"]) },
        schema: {
          tags: ["quality"],
          summary:
            "Whether I offer to talk with people considering my programme, and requests passed on to me",
          params: ClientParams,
          response: { 200: AlumniVolunteeringView },
        },
      },
      async (request) => volunteering(db, clientAccessOf(request), request.actor!.userId),
    );

    app.put(
      "/api/clients/:clientId/alumni-volunteering",
      {
        config: { access: clientRecord("alumni_volunteering", "write", ["self"]) },
        schema: {
          tags: ["quality"],
          summary: "Opt in or out (at once); opting in opens after discharge",
          params: ClientParams,
          body: AlumniVolunteeringRequest,
          response: { 200: AlumniVolunteeringView },
        },
      },
      async (request) => setVolunteering(db, clientAccessOf(request), request.actor!.userId, request.body),
    );

    app.get(
      "/api/organisations/:organisationId/alumni",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["quality"],
          summary: "How many former clients volunteer (never who)",
          params: OrgParams,
          response: { 200: AlumniSummaryView },
        },
      },
      async (request) => alumniSummary(db, request.params.organisationId),
    );

    app.post(
      "/api/organisations/:organisationId/alumni/requests",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["quality"],
          summary: "Pass a request to talk on to every volunteering alumnus (same id again: nothing new)",
          params: OrgParams,
          body: AlumniContactRequest,
          response: { 200: AlumniContactResult, 201: AlumniContactResult },
        },
      },
      async (request, reply) => {
        const { created, result } = await forwardRequest(
          db,
          request.params.organisationId,
          request.actor!.userId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(result);
      },
    );
  };
