import {
  AddGroupMemberRequest,
  CreateGroupRequest,
  CreateGroupSessionRequest,
  GroupSessionSummary,
  GroupSessionView,
  GroupsView,
  GroupView,
  MemberNoteRequest,
  RecordAttendanceRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import {
  addMember,
  createGroup,
  createSession,
  getSession,
  listGroups,
  listSessions,
  recordAttendance,
  writeMemberNote,
} from "./groups.service.js";

const OrgParams = z.strictObject({ organisationId: z.uuid() });
const GroupParams = OrgParams.extend({ groupId: z.uuid("Use a group id.") });
const SessionParams = GroupParams.extend({ sessionId: z.uuid("Use a session id.") });
const NoteParams = SessionParams.extend({ clientId: z.uuid("Use a client id.") });

const admin = inOrganisation("programme_admin");
// Sessions: the programme's staff reach the route; the service lets facilitators and admins through.
const staff = inOrganisation("programme_admin", "clinician");

/** Groups (issue 8): the admin manages groups and members; facilitators and admins run sessions. */
export const groupRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/organisations/:organisationId/groups",
      {
        config: { access: staff },
        schema: {
          tags: ["groups"],
          summary: "The programme's groups with schedule, facilitators and members",
          params: OrgParams,
          response: { 200: GroupsView },
        },
      },
      async (request) => listGroups(db, request.actor!, request.params.organisationId),
    );

    app.post(
      "/api/organisations/:organisationId/groups",
      {
        config: { access: admin },
        schema: {
          tags: ["groups"],
          summary: "Add a group to a track (the same id again changes nothing)",
          params: OrgParams,
          body: CreateGroupRequest,
          response: { 200: GroupView, 201: GroupView },
        },
      },
      async (request, reply) => {
        const { created, group } = await createGroup(
          db,
          request.actor!,
          request.params.organisationId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(group);
      },
    );

    app.post(
      "/api/organisations/:organisationId/groups/:groupId/members",
      {
        config: { access: admin },
        schema: {
          tags: ["groups"],
          summary:
            "Add a member; the track's gender designation and, for residential groups, an open stay apply",
          params: GroupParams,
          body: AddGroupMemberRequest,
          response: { 200: GroupView, 201: GroupView },
        },
      },
      async (request, reply) => {
        const { organisationId, groupId } = request.params;
        const { created, group } = await addMember(
          db,
          request.actor!,
          organisationId,
          groupId,
          request.body,
          request.id,
        );
        return reply.code(created ? 201 : 200).send(group);
      },
    );

    app.get(
      "/api/organisations/:organisationId/groups/:groupId/sessions",
      {
        config: { access: staff },
        schema: {
          tags: ["groups"],
          summary: "The group's sessions, newest first (facilitators and admins)",
          params: GroupParams,
          response: { 200: z.array(GroupSessionSummary) },
        },
      },
      async (request) =>
        listSessions(db, request.actor!, request.params.organisationId, request.params.groupId),
    );

    app.post(
      "/api/organisations/:organisationId/groups/:groupId/sessions",
      {
        config: { access: staff },
        schema: {
          tags: ["groups"],
          summary: "Record a session's day and shared content (facilitators and admins)",
          params: GroupParams,
          body: CreateGroupSessionRequest,
          response: { 200: GroupSessionView, 201: GroupSessionView },
        },
      },
      async (request, reply) => {
        const { organisationId, groupId } = request.params;
        const { created, session } = await createSession(
          db,
          request.actor!,
          organisationId,
          groupId,
          request.body,
          request.id,
        );
        return reply.code(created ? 201 : 200).send(session);
      },
    );

    app.get(
      "/api/organisations/:organisationId/groups/:groupId/sessions/:sessionId",
      {
        config: { access: staff },
        schema: {
          tags: ["groups"],
          summary:
            "A session with attendance, member notes and near-copy flags; each member's note read is audited",
          params: SessionParams,
          response: { 200: GroupSessionView },
        },
      },
      async (request) => {
        const { organisationId, groupId, sessionId } = request.params;
        return getSession(db, request.actor!, organisationId, groupId, sessionId, request.id);
      },
    );

    app.put(
      "/api/organisations/:organisationId/groups/:groupId/sessions/:sessionId/attendance",
      {
        config: { access: staff },
        schema: {
          tags: ["groups"],
          summary: "One member's attendance: present, late, excused or absent",
          params: SessionParams,
          body: RecordAttendanceRequest,
          response: { 200: GroupSessionView },
        },
      },
      async (request) => {
        const { organisationId, groupId, sessionId } = request.params;
        return recordAttendance(
          db,
          request.actor!,
          organisationId,
          groupId,
          sessionId,
          request.body,
          request.id,
        );
      },
    );

    app.put(
      "/api/organisations/:organisationId/groups/:groupId/sessions/:sessionId/notes/:clientId",
      {
        config: { access: staff },
        schema: {
          tags: ["groups"],
          summary:
            "A member's note, optionally linked to their plan objectives; an audited write of their record",
          params: NoteParams,
          body: MemberNoteRequest,
          response: { 200: GroupSessionView },
        },
      },
      async (request) => {
        const { organisationId, groupId, sessionId, clientId } = request.params;
        return writeMemberNote(
          db,
          request.actor!,
          organisationId,
          groupId,
          sessionId,
          clientId,
          request.body,
          request.id,
        );
      },
    );
  };
