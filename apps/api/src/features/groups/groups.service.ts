import {
  type AddGroupMemberRequest,
  type CreateGroupRequest,
  type CreateGroupSessionRequest,
  type GroupSessionSummary,
  type GroupSessionView,
  type GroupsView,
  type GroupView,
  localDateOf,
  type MemberNoteRequest,
  nearCopies,
  PlanContent,
  type RecordAttendanceRequest,
} from "@lantern/domain";
import type { Actor } from "../../access/actor.js";
import { type AuditEntry, appendAuditEvents } from "../../audit/audit.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import { findTrack, organisationZone } from "../episodes/episodes.repository.js";
import { toBool } from "../recovery/client-context.js";
import {
  attendanceOf,
  clientForGroup,
  clientsOf,
  currentPlanContents,
  facilitatorsOf,
  findGroup,
  findMember,
  findSession,
  groupsOf,
  insertGroup,
  insertMember,
  insertSession,
  latestEpisode,
  membersOf,
  notesOf,
  sessionsOf,
  staffOf,
  upsertAttendance,
  upsertNote,
} from "./groups.repository.js";

const invalid = (title: string, errors: FieldError[]) =>
  new HttpProblem(400, "validation", title, undefined, errors);
const conflict = (title: string, errors?: FieldError[]) =>
  new HttpProblem(409, "conflict", title, undefined, errors);
const notFound = () => new HttpProblem(404, "notFound", "Not found.");
const sameIdOtherDetails = () =>
  conflict("Something with this id was already recorded with other details.", [
    { field: "id", message: "This id is already used; make a new one." },
  ]);

const isAdminOf = (actor: Actor, organisationId: string) =>
  actor.memberships.some((m) => m.organisationId === organisationId && m.role === "programme_admin");

async function zoneOf(db: Executor, organisationId: string) {
  const zone = await organisationZone(db, organisationId);
  if (!zone) throw notFound();
  return zone;
}

/** The programme's groups with facilitators and members; staff and clients to pick from (admin). */
export async function listGroups(
  db: Db,
  actor: Actor,
  organisationId: string,
  now = new Date(),
): Promise<GroupsView> {
  const zone = await zoneOf(db.kysely, organisationId);
  const admin = isAdminOf(actor, organisationId);
  const rows = await groupsOf(db.kysely, organisationId);
  const ids = rows.map((row) => row.id);
  const [facilitators, members, staff, clients] = await Promise.all([
    facilitatorsOf(db.kysely, ids),
    membersOf(db.kysely, ids),
    staffOf(db.kysely, organisationId),
    admin ? clientsOf(db.kysely, organisationId) : Promise.resolve([]),
  ]);
  const groups = rows.map((row): GroupView => {
    const leads = facilitators.filter((f) => f.group_id === row.id);
    return {
      id: row.id,
      name: row.name,
      trackId: row.track_id,
      trackName: row.track_name,
      levelOfCare: row.track_kind,
      csbDedicated: toBool(row.csb_dedicated),
      genderDesignation: row.gender_designation,
      schedule: { weekday: row.weekday, startTime: row.start_time, durationMinutes: row.duration_minutes },
      timeZone: zone,
      facilitators: leads.map((f) => ({ userId: f.user_id, name: f.name })),
      members: members
        .filter((m) => m.group_id === row.id)
        .map((m) => ({ clientId: m.client_id, name: m.name, addedOn: m.added_on })),
      canRunSessions: admin || leads.some((f) => f.user_id === actor.userId),
    };
  });
  return {
    groups,
    staff: staff.map((s) => ({ userId: s.user_id, name: s.name })),
    clients: clients.map((c) => ({ clientId: c.client_id, name: c.name })),
    today: localDateOf(now, zone),
  };
}

async function oneGroup(db: Db, actor: Actor, organisationId: string, groupId: string) {
  const view = (await listGroups(db, actor, organisationId)).groups.find((g) => g.id === groupId);
  if (!view) throw notFound();
  return view;
}

/** Adds a group to one of the programme's tracks, led by staff of the programme. */
export async function createGroup(
  db: Db,
  actor: Actor,
  organisationId: string,
  body: CreateGroupRequest,
  now = new Date(),
): Promise<{ created: boolean; group: GroupView }> {
  const facilitatorIds = [...new Set(body.facilitatorUserIds)];
  const existing = await findGroup(db.kysely, body.id);
  if (existing) {
    if (
      existing.organisation_id !== organisationId ||
      existing.name !== body.name ||
      existing.track_id !== body.trackId
    )
      throw sameIdOtherDetails();
    return { created: false, group: await oneGroup(db, actor, organisationId, body.id) };
  }
  const errors: FieldError[] = [];
  const track = await findTrack(db.kysely, body.trackId);
  if (!track || track.organisation_id !== organisationId)
    errors.push({ field: "trackId", message: "Pick one of this programme's tracks." });
  const staff = new Set((await staffOf(db.kysely, organisationId)).map((s) => s.user_id));
  facilitatorIds.forEach((id, i) => {
    if (!staff.has(id))
      errors.push({
        field: `facilitatorUserIds.${i}`,
        message: "Pick a clinician or admin of this programme to facilitate.",
      });
  });
  if (errors.length > 0) throw invalid("A few details need attention.", errors);
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await insertGroup(
        trx,
        {
          id: body.id,
          organisation_id: organisationId,
          track_id: body.trackId,
          name: body.name,
          weekday: body.schedule.weekday,
          start_time: body.schedule.startTime,
          duration_minutes: body.schedule.durationMinutes,
          created_by_user_id: actor.userId,
          created_at: now,
        },
        facilitatorIds,
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) return createGroup(db, actor, organisationId, body, now);
    throw error;
  }
  return { created: true, group: await oneGroup(db, actor, organisationId, body.id) };
}

const genderWords = { man: "a man", woman: "a woman", other_or_undisclosed: "another gender or not said" };

/**
 * Adds a client to a group. The client must be the programme's; a group of a track for men or women
 * takes only clients whose gender for placement is recorded as that (mixed-by-design takes everyone);
 * a residential group takes only a client with an open episode of care. Each refusal says why.
 */
export async function addMember(
  db: Db,
  actor: Actor,
  organisationId: string,
  groupId: string,
  body: AddGroupMemberRequest,
  requestId: string,
  now = new Date(),
): Promise<{ created: boolean; group: GroupView }> {
  const group = await findGroup(db.kysely, groupId);
  if (!group || group.organisation_id !== organisationId) throw notFound();
  const client = await clientForGroup(db.kysely, body.clientId);
  if (!client || client.organisation_id !== organisationId)
    throw invalid("That client is not in this programme.", [
      { field: "clientId", message: "Pick a client of this programme." },
    ]);
  if (await findMember(db.kysely, groupId, body.clientId))
    return { created: false, group: await oneGroup(db, actor, organisationId, groupId) };

  if (group.gender_designation !== "mixed") {
    const wanted = group.gender_designation === "men" ? "man" : "woman";
    const gender = client.placement_gender;
    if (gender !== wanted)
      throw conflict(`${group.name} is a group for ${group.gender_designation}.`, [
        {
          field: "clientId",
          message: `${group.track_name} is kept for ${group.gender_designation}, and ${client.name}'s gender for placement is ${
            gender ? `recorded as ${genderWords[gender]}` : "not recorded yet"
          }.`,
        },
      ]);
  }
  const zone = await zoneOf(db.kysely, organisationId);
  const today = localDateOf(now, zone);
  if (group.track_kind === "residential") {
    const episodes = await latestEpisode(db.kysely, body.clientId);
    const open = episodes.find((e) => e.discharged_on === null);
    if (!open) {
      const last = episodes[0];
      throw conflict(`${group.name} is a residential group.`, [
        {
          field: "clientId",
          message: last
            ? `${client.name} was discharged on ${last.discharged_on}; a residential group is for clients in an open stay.`
            : `${client.name} has not been admitted; a residential group is for clients in an open stay.`,
        },
      ]);
    }
  }
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await insertMember(trx, {
        group_id: groupId,
        client_id: body.clientId,
        added_on: today,
        added_by_user_id: actor.userId,
        created_at: now,
      });
      await appendAuditEvents(
        db,
        [
          {
            actorUserId: actor.userId,
            actorRole: "programme-admin",
            organisationId,
            clientId: body.clientId,
            recordType: "group_member",
            recordId: groupId,
            action: "write",
            outcome: "allowed",
            requestId,
            ip: null,
          },
        ],
        trx,
        now,
      );
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { created: false, group: await oneGroup(db, actor, organisationId, groupId) };
  }
  return { created: true, group: await oneGroup(db, actor, organisationId, groupId) };
}

/** The group, when the actor may run its sessions (a facilitator or the programme's admin); else 404. */
async function groupToRun(db: Executor, actor: Actor, organisationId: string, groupId: string) {
  const group = await findGroup(db, groupId);
  if (!group || group.organisation_id !== organisationId) throw notFound();
  if (isAdminOf(actor, organisationId)) return group;
  const leads = await facilitatorsOf(db, [groupId]);
  if (!leads.some((f) => f.user_id === actor.userId)) throw notFound();
  return group;
}

async function sessionToRun(
  db: Executor,
  actor: Actor,
  organisationId: string,
  groupId: string,
  sessionId: string,
) {
  const group = await groupToRun(db, actor, organisationId, groupId);
  const session = await findSession(db, sessionId);
  if (!session || session.group_id !== groupId) throw notFound();
  return { group, session };
}

export async function listSessions(
  db: Db,
  actor: Actor,
  organisationId: string,
  groupId: string,
): Promise<GroupSessionSummary[]> {
  await groupToRun(db.kysely, actor, organisationId, groupId);
  const rows = await sessionsOf(db.kysely, groupId);
  return rows.map((row) => ({ id: row.id, heldOn: row.held_on, topic: row.topic }));
}

export async function createSession(
  db: Db,
  actor: Actor,
  organisationId: string,
  groupId: string,
  body: CreateGroupSessionRequest,
  requestId: string,
  now = new Date(),
): Promise<{ created: boolean; session: GroupSessionView }> {
  await groupToRun(db.kysely, actor, organisationId, groupId);
  const existing = await findSession(db.kysely, body.id);
  if (existing) {
    if (existing.group_id !== groupId || existing.held_on !== body.heldOn || existing.topic !== body.topic)
      throw sameIdOtherDetails();
  } else {
    const today = localDateOf(now, await zoneOf(db.kysely, organisationId));
    if (body.heldOn > today)
      throw invalid("The session's day is after today.", [
        { field: "heldOn", message: `Use today (${today}) or an earlier day.` },
      ]);
    try {
      await insertSession(db.kysely, {
        id: body.id,
        group_id: groupId,
        held_on: body.heldOn,
        topic: body.topic,
        summary: body.summary,
        created_by_user_id: actor.userId,
        created_at: now,
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return createSession(db, actor, organisationId, groupId, body, requestId, now);
    }
  }
  return {
    created: !existing,
    session: await getSession(db, actor, organisationId, groupId, body.id, requestId, now),
  };
}

function objectivesOf(content: string | undefined) {
  if (content === undefined) return null;
  const parsed = PlanContent.safeParse(JSON.parse(content));
  return parsed.success ? parsed.data.objectives : [];
}

const noteEntry = (
  actor: Actor,
  organisationId: string,
  clientId: string,
  sessionId: string,
  action: "read" | "write",
  requestId: string,
): AuditEntry => ({
  actorUserId: actor.userId,
  actorRole: isAdminOf(actor, organisationId) ? "programme-admin" : "group-facilitator",
  organisationId,
  clientId,
  recordType: "group_note",
  recordId: sessionId,
  action,
  outcome: "allowed",
  requestId,
  ip: null,
});

/**
 * A session: shared content, each member's attendance and note with their current plan objectives,
 * and near-copy flags. Each member's note and objectives shown is an audited read of that client.
 */
export async function getSession(
  db: Db,
  actor: Actor,
  organisationId: string,
  groupId: string,
  sessionId: string,
  requestId: string,
  now = new Date(),
): Promise<GroupSessionView> {
  return db.kysely.transaction().execute(async (trx) => {
    const { session } = await sessionToRun(trx, actor, organisationId, groupId, sessionId);
    const [members, attendance, notes] = await Promise.all([
      membersOf(trx, [groupId]),
      attendanceOf(trx, sessionId),
      notesOf(trx, sessionId),
    ]);
    const plans = await currentPlanContents(
      trx,
      members.map((m) => m.client_id),
    );
    await appendAuditEvents(
      db,
      members.map((m) => noteEntry(actor, organisationId, m.client_id, sessionId, "read", requestId)),
      trx,
      now,
    );
    const noteOf = new Map(notes.map((n) => [n.client_id, n]));
    const statusOf = new Map(attendance.map((a) => [a.client_id, a.status]));
    // Notes of people no longer members stay in the flags' basis too: they were written in this session.
    const flagged = nearCopies(notes.map((n) => ({ clientId: n.client_id, text: n.text })));
    return {
      id: session.id,
      groupId,
      heldOn: session.held_on,
      topic: session.topic,
      summary: session.summary,
      members: members.map((m) => {
        const note = noteOf.get(m.client_id);
        return {
          clientId: m.client_id,
          name: m.name,
          attendance: statusOf.get(m.client_id) ?? null,
          note: note ? { text: note.text, objectiveIds: JSON.parse(note.objective_ids) as string[] } : null,
          objectives: (objectivesOf(plans.get(m.client_id)) ?? []).map((o) => ({
            id: o.id,
            description: o.description,
          })),
        };
      }),
      nearCopies: flagged,
    };
  });
}

async function memberOfSession(trx: Executor, groupId: string, clientId: string) {
  const member = await findMember(trx, groupId, clientId);
  if (!member)
    throw conflict("That client is not a member of this group.", [
      { field: "clientId", message: "Add the client to the group first, or pick one of its members." },
    ]);
  return member;
}

/** One tap: a member's attendance in a session (changing it replaces the last tap). */
export async function recordAttendance(
  db: Db,
  actor: Actor,
  organisationId: string,
  groupId: string,
  sessionId: string,
  body: RecordAttendanceRequest,
  requestId: string,
  now = new Date(),
): Promise<GroupSessionView> {
  await db.kysely.transaction().execute(async (trx) => {
    await sessionToRun(trx, actor, organisationId, groupId, sessionId);
    await memberOfSession(trx, groupId, body.clientId);
    await upsertAttendance(trx, {
      session_id: sessionId,
      client_id: body.clientId,
      status: body.status,
      recorded_by_user_id: actor.userId,
      updated_at: now,
    });
  });
  return getSession(db, actor, organisationId, groupId, sessionId, requestId, now);
}

/**
 * A member's note in a session, optionally linked to objectives of their current treatment plan
 * (every id must be one of that plan's objectives; without a plan, none can be linked). Writing it
 * is an audited write of that client's record, in the same transaction.
 */
export async function writeMemberNote(
  db: Db,
  actor: Actor,
  organisationId: string,
  groupId: string,
  sessionId: string,
  clientId: string,
  body: MemberNoteRequest,
  requestId: string,
  now = new Date(),
): Promise<GroupSessionView> {
  await db.kysely.transaction().execute(async (trx) => {
    await sessionToRun(trx, actor, organisationId, groupId, sessionId);
    await memberOfSession(trx, groupId, clientId);
    const objectiveIds = [...new Set(body.objectiveIds)];
    if (objectiveIds.length > 0) {
      const plan = objectivesOf((await currentPlanContents(trx, [clientId])).get(clientId));
      const known = new Set((plan ?? []).map((o) => o.id));
      const errors = objectiveIds.flatMap((id, i) =>
        known.has(id)
          ? []
          : [
              {
                field: `objectiveIds.${i}`,
                message: plan
                  ? `${id} is not an objective of this member's current plan.`
                  : "This member has no treatment plan yet, so no objective can be linked.",
              },
            ],
      );
      if (errors.length > 0) throw invalid("Some linked objectives are not in the member's plan.", errors);
    }
    await upsertNote(trx, {
      session_id: sessionId,
      client_id: clientId,
      text: body.text,
      objective_ids: JSON.stringify(objectiveIds),
      written_by_user_id: actor.userId,
      updated_at: now,
    });
    await appendAuditEvents(
      db,
      [noteEntry(actor, organisationId, clientId, sessionId, "write", requestId)],
      trx,
      now,
    );
  });
  return getSession(db, actor, organisationId, groupId, sessionId, requestId, now);
}
