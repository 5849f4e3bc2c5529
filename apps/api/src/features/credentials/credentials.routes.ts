import {
  CredentialRequest,
  CredentialUpdateRequest,
  CredentialView,
  StaffCredentialsView,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import {
  addCredential,
  changeCredential,
  removeCredential,
  staffCredentials,
} from "./credentials.service.js";

const OrgParams = z.strictObject({ organisationId: z.uuid() });
const CredentialParams = OrgParams.extend({ credentialId: z.uuid("Use a credential id.") });
const admin = inOrganisation("programme_admin");

/** Staff credentials (issue 9): the programme admin records, changes and removes them. */
export const credentialRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/organisations/:organisationId/staff-credentials",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "The staff with their credentials, and those expiring within 60 days",
          params: OrgParams,
          response: { 200: StaffCredentialsView },
        },
      },
      async (request) => staffCredentials(db, request.params.organisationId),
    );

    app.post(
      "/api/organisations/:organisationId/staff-credentials",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "Record a staff member's credential (the same id again changes nothing)",
          params: OrgParams,
          body: CredentialRequest,
          response: { 200: CredentialView, 201: CredentialView },
        },
      },
      async (request, reply) => {
        const { created, credential } = await addCredential(
          db,
          request.params.organisationId,
          request.actor!.userId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(credential);
      },
    );

    app.put(
      "/api/organisations/:organisationId/staff-credentials/:credentialId",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "Change a recorded credential",
          params: CredentialParams,
          body: CredentialUpdateRequest,
          response: { 200: CredentialView },
        },
      },
      async (request) =>
        changeCredential(db, request.params.organisationId, request.params.credentialId, request.body),
    );

    app.delete(
      "/api/organisations/:organisationId/staff-credentials/:credentialId",
      {
        config: { access: admin },
        schema: {
          tags: ["quality"],
          summary: "Remove a credential (kept in the record as removed)",
          params: CredentialParams,
        },
      },
      async (request, reply) => {
        await removeCredential(db, request.params.organisationId, request.params.credentialId);
        return reply.code(204).send();
      },
    );
  };
