import {
  AcceptInvitationRequest,
  ClientInvitationRequest,
  InvitationCreated,
  InvitationPreview,
  InvitationSummary,
  InvitationToken,
  LinkedInvitationRequest,
  StaffInvitationRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { clientRecord, inOrganisation, publicRoute, signedIn } from "../../access/rules.js";
import { HttpProblem } from "../../http/problem.js";
import {
  acceptSignedIn,
  acceptWithNewAccount,
  type InvitationDeps,
  type InvitationMailer,
  inviteClient,
  inviteLinkedPerson,
  inviteStaff,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from "./invitations.service.js";

export type { InvitationMailer };

const OrgParams = z.strictObject({ organisationId: z.uuid("Use a programme id.") });
const Accepted = z.object({ userId: z.string(), role: z.string() });
// Codes are short; guessing them is throttled per address on top of their one-day life.
const acceptLimit = { max: 10, timeWindow: "1 minute" };

/** Creating, listing, withdrawing, previewing and accepting invitations. */
export const invitationRoutes =
  (deps: InvitationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;

    app.post(
      "/api/organisations/:organisationId/invitations/staff",
      {
        config: { access: inOrganisation("programme_admin") },
        schema: {
          tags: ["invitations"],
          summary: "Invite a clinician or admin to the programme by email",
          params: OrgParams,
          body: StaffInvitationRequest,
          response: { 201: InvitationCreated },
        },
      },
      async (request, reply) => {
        const { role, email } = request.body;
        const created = await inviteStaff(
          deps,
          request.actor!,
          request.params.organisationId,
          role,
          email,
          request.id,
        );
        return reply.code(201).send(created);
      },
    );

    app.post(
      "/api/organisations/:organisationId/invitations/client",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["invitations"],
          summary: "Invite a client by email, or get a one-time code for onboarding in person",
          params: OrgParams,
          body: ClientInvitationRequest,
          response: { 201: InvitationCreated },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await inviteClient(deps, request.actor!, request.params.organisationId, request.body, request.id),
          ),
    );

    app.post(
      "/api/clients/:clientId/invitations",
      {
        config: { access: clientRecord("invitation", "write", ["self"]) },
        schema: {
          tags: ["invitations"],
          summary: "A client invites a partner, family member or supporter, choosing what they may see",
          params: z.strictObject({ clientId: z.uuid() }),
          body: LinkedInvitationRequest,
          response: { 201: InvitationCreated },
        },
      },
      async (request, reply) => {
        const access = request.clientAccess;
        if (!access) throw new HttpProblem(404, "notFound", "Not found.");
        return reply
          .code(201)
          .send(await inviteLinkedPerson(deps, request.actor!, access, request.body, request.id));
      },
    );

    app.get(
      "/api/organisations/:organisationId/invitations",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["invitations"],
          summary: "The programme's invitations (a clinician sees their own)",
          params: OrgParams,
          response: { 200: z.array(InvitationSummary) },
        },
      },
      async (request) => listInvitations(db, request.actor!, request.params.organisationId),
    );

    app.delete(
      "/api/invitations/:invitationId",
      {
        config: { access: signedIn },
        schema: {
          tags: ["invitations"],
          summary: "Withdraw a pending invitation (its sender or the programme's admin)",
          params: z.strictObject({ invitationId: z.uuid("Use an invitation id.") }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await revokeInvitation(db, request.actor!, request.params.invitationId, request.id);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/invitations/preview",
      {
        config: {
          access: publicRoute("the token itself is the secret; shows only what it invites to"),
          rateLimit: acceptLimit,
        },
        schema: {
          tags: ["invitations"],
          summary: "What an invitation is for",
          querystring: z.strictObject({ token: InvitationToken }),
          response: { 200: InvitationPreview },
        },
      },
      async (request) => previewInvitation(db, request.query.token),
    );

    app.post(
      "/api/invitations/accept",
      {
        config: {
          access: publicRoute("accepting creates the account the invitation is for"),
          rateLimit: acceptLimit,
        },
        schema: {
          tags: ["invitations"],
          summary: "Accept an invitation with a new account",
          body: AcceptInvitationRequest,
          response: { 201: Accepted },
        },
      },
      async (request, reply) => {
        const { token, account } = request.body;
        if (!account) {
          throw new HttpProblem(400, "validation", "Some fields need attention.", undefined, [
            { field: "account", message: "Enter your name, email and a password, or sign in first." },
          ]);
        }
        return reply.code(201).send(await acceptWithNewAccount(db, token, account, request.id));
      },
    );

    app.post(
      "/api/invitations/accept-signed-in",
      {
        config: { access: signedIn, rateLimit: acceptLimit },
        schema: {
          tags: ["invitations"],
          summary: "Accept an invitation into the signed-in account",
          body: z.strictObject({ token: InvitationToken }),
          response: { 201: Accepted },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await acceptSignedIn(db, request.body.token, request.actor!, request.id)),
    );
  };
