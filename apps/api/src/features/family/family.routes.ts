import {
  BoundariesConsentRequest,
  BoundariesPlanRequest,
  BoundariesPlanView,
  ClientBoundariesView,
  EnrolParticipantRequest,
  EnrolParticipantResponse,
  FamilySessionRequest,
  FamilyView,
  ParticipantHomeView,
  ParticipantView,
  SetConsentsRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord, signedIn } from "../../access/rules.js";
import type { InvitationDeps } from "../invitations/invitations.service.js";
import {
  enrolParticipant,
  getFamily,
  myBoundaries,
  participantHome,
  recordFamilySession,
  saveBoundaries,
  setBoundariesConsent,
  setConsents,
} from "./family.service.js";

const ParticipantParams = ClientParams.extend({ participantId: z.uuid("Use a participant id.") });
const staffWriters = ["care-team", "programme-admin"] as const;

/**
 * The family programme (issue 8): participants with their own accounts, consents and record, walled
 * from the client's; family sessions; the boundaries plan, seen by the client and participants only
 * once the client shares it.
 */
export const familyRoutes =
  (deps: InvitationDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const { db } = deps;
    app.get(
      "/api/clients/:clientId/family",
      {
        config: { access: clientRecord("family", "read", [...staffWriters, "break-glass"]) },
        schema: {
          tags: ["family"],
          summary:
            "Participants, family sessions and the boundaries plan (participant notes for the care team)",
          params: ClientParams,
          response: { 200: FamilyView },
        },
      },
      async (request) => getFamily(db, clientAccessOf(request)),
    );

    app.post(
      "/api/clients/:clientId/family/participants",
      {
        config: { access: clientRecord("family", "write", staffWriters) },
        schema: {
          tags: ["family"],
          summary: "Enrol a partner or family member, with an invitation to their own account",
          params: ClientParams,
          body: EnrolParticipantRequest,
          response: { 200: EnrolParticipantResponse, 201: EnrolParticipantResponse },
        },
      },
      async (request, reply) => {
        const { created, response } = await enrolParticipant(
          deps,
          clientAccessOf(request),
          request.actor!,
          request.body,
          request.id,
        );
        return reply.code(created ? 201 : 200).send(response);
      },
    );

    app.put(
      "/api/clients/:clientId/family/participants/:participantId/consents",
      {
        config: { access: clientRecord("family", "write", staffWriters) },
        schema: {
          tags: ["family"],
          summary: "The participant's named consents with their days",
          params: ParticipantParams,
          body: SetConsentsRequest,
          response: { 200: ParticipantView },
        },
      },
      async (request) => setConsents(db, clientAccessOf(request), request.params.participantId, request.body),
    );

    app.post(
      "/api/clients/:clientId/family/sessions",
      {
        config: { access: clientRecord("family", "write", ["care-team"]) },
        schema: {
          tags: ["family"],
          summary: "Record a family session with attendance (the same id again changes nothing)",
          params: ClientParams,
          body: FamilySessionRequest,
          response: { 200: FamilyView, 201: FamilyView },
        },
      },
      async (request, reply) => {
        const { created, family } = await recordFamilySession(
          db,
          clientAccessOf(request),
          request.actor!,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(family);
      },
    );

    app.put(
      "/api/clients/:clientId/family/boundaries",
      {
        config: { access: clientRecord("boundaries_plan", "write", ["care-team"]) },
        schema: {
          tags: ["family"],
          summary: "The boundaries plan for the return home (staff only until the client shares it)",
          params: ClientParams,
          body: BoundariesPlanRequest,
          response: { 200: BoundariesPlanView },
        },
      },
      async (request) => saveBoundaries(db, clientAccessOf(request), request.actor!, request.body),
    );

    app.get(
      "/api/clients/:clientId/family/boundaries/mine",
      {
        config: { access: clientRecord("boundaries_plan", "read", ["self"]) },
        schema: {
          tags: ["family"],
          summary: "The client's sharing switch and, once shared, the plan",
          params: ClientParams,
          response: { 200: ClientBoundariesView },
        },
      },
      async (request) => myBoundaries(db, clientAccessOf(request)),
    );

    app.put(
      "/api/clients/:clientId/family/boundaries/consent",
      {
        config: { access: clientRecord("boundaries_plan", "write", ["self"]) },
        schema: {
          tags: ["family"],
          summary: "The client shares the plan with themself and their family participants, or stops",
          params: ClientParams,
          body: BoundariesConsentRequest,
          response: { 200: ClientBoundariesView },
        },
      },
      async (request) => setBoundariesConsent(db, clientAccessOf(request), request.body),
    );

    app.get(
      "/api/family/participation",
      {
        config: { access: signedIn },
        schema: {
          tags: ["family"],
          summary: "A participant's enrolments: consents, attendance and the shared boundaries plan",
          response: { 200: ParticipantHomeView },
        },
      },
      async (request) => participantHome(db, request.actor!, request.id),
    );
  };
