import {
  type Attendance,
  type BoundariesConsentRequest,
  type BoundariesPlanRequest,
  type BoundariesPlanView,
  type BoundaryItem,
  type ClientBoundariesView,
  type EnrolParticipantRequest,
  type EnrolParticipantResponse,
  type FamilySessionRequest,
  type FamilySessionView,
  type FamilyView,
  localDateOf,
  type ParticipantConsent,
  type ParticipantHomeView,
  type ParticipantView,
  type SetConsentsRequest,
} from "@lantern/domain";
import type { Actor } from "../../access/actor.js";
import type { ClientAccess } from "../../access/hook.js";
import { appendAuditEvents } from "../../audit/audit.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import { organisationZone } from "../episodes/episodes.repository.js";
import { type InvitationDeps, inviteFamilyParticipant } from "../invitations/invitations.service.js";
import { toBool } from "../recovery/client-context.js";
import {
  enrolmentsOfUser,
  familySessionsOf,
  findBoundaries,
  findFamilySession,
  findParticipant,
  insertFamilySession,
  insertParticipant,
  participantsOf,
  sessionParticipantsOf,
  setBoundariesShared,
  updateConsents,
  upsertBoundaries,
} from "./family.repository.js";

const invalid = (title: string, errors: FieldError[]) =>
  new HttpProblem(400, "validation", title, undefined, errors);
const conflict = (title: string, errors?: FieldError[]) =>
  new HttpProblem(409, "conflict", title, undefined, errors);
const notFound = () => new HttpProblem(404, "notFound", "Not found.");
const sameIdOtherDetails = () =>
  conflict("Something with this id was already recorded with other details.", [
    { field: "id", message: "This id is already used; make a new one." },
  ]);

/** Participant notes are for the client's care team: the family clinicians. */
const seesNotes = (access: ClientAccess) => access.via === "care-team";

async function todayOf(db: Executor, organisationId: string | null, now: Date) {
  const zone = organisationId ? await organisationZone(db, organisationId) : undefined;
  return localDateOf(now, zone ?? "UTC");
}

function checkConsents(consents: readonly ParticipantConsent[], today: string, errors: FieldError[]) {
  const names = new Set<string>();
  consents.forEach((consent, i) => {
    if (consent.givenOn > today)
      errors.push({ field: `consents.${i}.givenOn`, message: `Use today (${today}) or an earlier day.` });
    const key = consent.name.toLowerCase();
    if (names.has(key))
      errors.push({ field: `consents.${i}.name`, message: "This consent is already on the list." });
    names.add(key);
  });
}

const attendedStatuses: readonly Attendance[] = ["present", "late"];

function boundariesView(row: Awaited<ReturnType<typeof findBoundaries>>): BoundariesPlanView {
  return {
    items: row ? (JSON.parse(row.items) as BoundaryItem[]) : [],
    sharedByClient: row ? toBool(row.shared_by_client) : false,
    updatedAt: row ? toIso(row.updated_at) : null,
  };
}

/**
 * The client's family section for staff: participants (existence, consents, attendance), family
 * sessions and the boundaries plan. Participant notes only for the care team.
 */
export async function getFamily(db: Db, access: ClientAccess, now = new Date()): Promise<FamilyView> {
  const [participants, sessions, boundaries, today] = await Promise.all([
    participantsOf(db.kysely, access.clientId),
    familySessionsOf(db.kysely, access.clientId),
    findBoundaries(db.kysely, access.clientId),
    todayOf(db.kysely, access.organisationId, now),
  ]);
  const attendance = await sessionParticipantsOf(
    db.kysely,
    sessions.map((s) => s.id),
  );
  const notes = seesNotes(access);
  const nameOf = new Map(participants.map((p) => [p.id, p.name]));
  return {
    participants: participants.map(
      (p): ParticipantView => ({
        id: p.id,
        name: p.name,
        relationship: p.relationship,
        consents: JSON.parse(p.consents) as ParticipantConsent[],
        hasAccount: p.accepted_by_user_id !== null,
        attended: attendance.filter(
          (a) => a.participant_id === p.id && attendedStatuses.includes(a.attendance),
        ).length,
      }),
    ),
    sessions: sessions.map(
      (s): FamilySessionView => ({
        id: s.id,
        heldOn: s.held_on,
        topic: s.topic,
        clientAttendance: s.client_attendance,
        participants: attendance
          .filter((a) => a.session_id === s.id)
          .map((a) => ({
            participantId: a.participant_id,
            name: nameOf.get(a.participant_id) ?? "",
            attendance: a.attendance,
            note: notes ? a.note : null,
          })),
      }),
    ),
    boundaries: boundariesView(boundaries),
    seesNotes: notes,
    today,
  };
}

/**
 * Enrols a partner or family member: their own record, linked to the client, and an invitation to
 * their own account (sharing nothing of the client's record), written together.
 */
export async function enrolParticipant(
  deps: InvitationDeps,
  access: ClientAccess,
  actor: Actor,
  body: EnrolParticipantRequest,
  requestId: string,
  now = new Date(),
): Promise<{ created: boolean; response: EnrolParticipantResponse }> {
  const { db } = deps;
  const existing = await findParticipant(db.kysely, body.id);
  if (existing) {
    if (
      existing.client_id !== access.clientId ||
      existing.name !== body.name ||
      existing.relationship !== body.relationship
    )
      throw sameIdOtherDetails();
    const view = (await getFamily(db, access, now)).participants.find((p) => p.id === body.id);
    if (!view) throw notFound();
    return { created: false, response: { participant: view, invitation: null } };
  }
  if (!access.organisationId) throw conflict("This client is not in a programme.");
  const errors: FieldError[] = [];
  const today = await todayOf(db.kysely, access.organisationId, now);
  checkConsents(body.consents, today, errors);
  if (body.delivery === "email" && !body.email)
    errors.push({ field: "email", message: "Enter the participant's email, or give them a code instead." });
  if (errors.length > 0) throw invalid("A few details need attention.", errors);

  let invitation: Awaited<ReturnType<typeof inviteFamilyParticipant>>;
  try {
    invitation = await inviteFamilyParticipant(
      deps,
      actor,
      { clientId: access.clientId, organisationId: access.organisationId },
      { relationship: body.relationship, delivery: body.delivery, email: body.email },
      access.via,
      async (trx, invitationId) => {
        await insertParticipant(trx, {
          id: body.id,
          client_id: access.clientId,
          name: body.name,
          relationship: body.relationship,
          invitation_id: invitationId,
          consents: JSON.stringify(body.consents),
          created_by_user_id: actor.userId,
          created_at: now,
          updated_at: now,
        });
      },
      requestId,
    );
  } catch (error) {
    if (isUniqueViolation(error)) return enrolParticipant(deps, access, actor, body, requestId, now);
    throw error;
  }
  const view = (await getFamily(db, access, now)).participants.find((p) => p.id === body.id);
  if (!view) throw notFound();
  return {
    created: true,
    response: {
      participant: view,
      invitation: { link: invitation.link, code: invitation.code, emailed: invitation.emailed },
    },
  };
}

export async function setConsents(
  db: Db,
  access: ClientAccess,
  participantId: string,
  body: SetConsentsRequest,
  now = new Date(),
): Promise<ParticipantView> {
  const participant = await findParticipant(db.kysely, participantId);
  if (!participant || participant.client_id !== access.clientId) throw notFound();
  const errors: FieldError[] = [];
  checkConsents(body.consents, await todayOf(db.kysely, access.organisationId, now), errors);
  if (errors.length > 0) throw invalid("A few details need attention.", errors);
  await updateConsents(db.kysely, participantId, JSON.stringify(body.consents), now);
  const view = (await getFamily(db, access, now)).participants.find((p) => p.id === participantId);
  if (!view) throw notFound();
  return view;
}

/** A family session with the client's and each participant's attendance (notes for the care team). */
export async function recordFamilySession(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  body: FamilySessionRequest,
  now = new Date(),
): Promise<{ created: boolean; family: FamilyView }> {
  const existing = await findFamilySession(db.kysely, body.id);
  if (existing) {
    if (
      existing.client_id !== access.clientId ||
      existing.held_on !== body.heldOn ||
      existing.topic !== body.topic
    )
      throw sameIdOtherDetails();
    return { created: false, family: await getFamily(db, access, now) };
  }
  const today = await todayOf(db.kysely, access.organisationId, now);
  const errors: FieldError[] = [];
  if (body.heldOn > today)
    errors.push({ field: "heldOn", message: `Use today (${today}) or an earlier day.` });
  const mine = new Set((await participantsOf(db.kysely, access.clientId)).map((p) => p.id));
  const seen = new Set<string>();
  body.participants.forEach((p, i) => {
    if (!mine.has(p.participantId))
      errors.push({
        field: `participants.${i}.participantId`,
        message: "This person is not enrolled in this client's family programme.",
      });
    if (seen.has(p.participantId))
      errors.push({
        field: `participants.${i}.participantId`,
        message: "This participant is already on the list.",
      });
    seen.add(p.participantId);
  });
  if (errors.length > 0) throw invalid("A few details need attention.", errors);
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await insertFamilySession(
        trx,
        {
          id: body.id,
          client_id: access.clientId,
          held_on: body.heldOn,
          topic: body.topic,
          client_attendance: body.clientAttendance,
          created_by_user_id: actor.userId,
          created_at: now,
        },
        body.participants.map((p) => ({
          session_id: body.id,
          participant_id: p.participantId,
          attendance: p.attendance,
          note: p.note,
        })),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) return recordFamilySession(db, access, actor, body, now);
    throw error;
  }
  return { created: true, family: await getFamily(db, access, now) };
}

/** Staff write the boundaries plan; the client's sharing switch stays as the client set it. */
export async function saveBoundaries(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  body: BoundariesPlanRequest,
  now = new Date(),
): Promise<BoundariesPlanView> {
  const ids = new Set<string>();
  const errors: FieldError[] = [];
  body.items.forEach((item, i) => {
    if (ids.has(item.id)) errors.push({ field: `items.${i}.id`, message: "Each item needs its own id." });
    ids.add(item.id);
  });
  if (errors.length > 0) throw invalid("A few details need attention.", errors);
  await upsertBoundaries(db.kysely, {
    client_id: access.clientId,
    items: JSON.stringify(body.items),
    shared_by_client: false,
    shared_at: null,
    updated_by_user_id: actor.userId,
    updated_at: now,
  });
  return boundariesView(await findBoundaries(db.kysely, access.clientId));
}

function clientBoundaries(row: Awaited<ReturnType<typeof findBoundaries>>): ClientBoundariesView {
  const view = boundariesView(row);
  return {
    sharedByClient: view.sharedByClient,
    hasPlan: view.items.length > 0,
    items: view.sharedByClient ? view.items : null,
  };
}

/** The client's own view: their sharing switch and, once they share it, the plan. */
export async function myBoundaries(db: Db, access: ClientAccess): Promise<ClientBoundariesView> {
  return clientBoundaries(await findBoundaries(db.kysely, access.clientId));
}

/** The client, on their phone, lets themself and their family participants see the plan (or stops). */
export async function setBoundariesConsent(
  db: Db,
  access: ClientAccess,
  body: BoundariesConsentRequest,
  now = new Date(),
): Promise<ClientBoundariesView> {
  await setBoundariesShared(db.kysely, access.clientId, body.shared, now);
  return myBoundaries(db, access);
}

/**
 * What a participant sees of their enrolments: consents, their attendance, and the boundaries plan
 * only when the client has shared it (an audited read of the client's record). Nothing else of the
 * client's record.
 */
export async function participantHome(
  db: Db,
  actor: Actor,
  requestId: string,
  now = new Date(),
): Promise<ParticipantHomeView> {
  const enrolments = await enrolmentsOfUser(db.kysely, actor.userId);
  if (enrolments.length === 0) return { enrolments: [] };
  const clientIds = [...new Set(enrolments.map((e) => e.client_id))];
  const sessions = (await Promise.all(clientIds.map((id) => familySessionsOf(db.kysely, id)))).flat();
  const attendance = await sessionParticipantsOf(
    db.kysely,
    sessions.map((s) => s.id),
  );
  const plans = new Map(
    await Promise.all(clientIds.map(async (id) => [id, await findBoundaries(db.kysely, id)] as const)),
  );
  const shown = enrolments.filter((e) => {
    const plan = plans.get(e.client_id);
    return plan ? toBool(plan.shared_by_client) : false;
  });
  await appendAuditEvents(
    db,
    shown.map((e) => ({
      actorUserId: actor.userId,
      actorRole: "family-participant",
      organisationId: e.organisation_id,
      clientId: e.client_id,
      recordType: "boundaries_plan",
      recordId: e.client_id,
      action: "read",
      outcome: "allowed" as const,
      requestId,
      ip: null,
    })),
    undefined,
    now,
  );
  return {
    enrolments: enrolments.map((e) => {
      const plan = plans.get(e.client_id);
      const shared = plan ? toBool(plan.shared_by_client) : false;
      return {
        participantId: e.id,
        clientFirstName: e.client_name.split(/\s+/)[0] ?? e.client_name,
        relationship: e.relationship,
        consents: JSON.parse(e.consents) as ParticipantConsent[],
        sessions: sessions.flatMap((s) => {
          const mine = attendance.find((a) => a.session_id === s.id && a.participant_id === e.id);
          return mine ? [{ heldOn: s.held_on, topic: s.topic, attendance: mine.attendance }] : [];
        }),
        boundaries: shared && plan ? (JSON.parse(plan.items) as BoundaryItem[]) : null,
      };
    }),
  };
}
