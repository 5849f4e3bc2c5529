import {
  type AlumniContactRequest,
  type AlumniVolunteeringRequest,
  type AlumniVolunteeringView,
  uuidv7,
} from "@lantern/domain";
import type { ClientAccess } from "../../access/hook.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { insertNotifications } from "../notifications/notifications.repository.js";
import { toBool } from "../recovery/client-context.js";
import {
  clientEpisodes,
  findRequest,
  findVolunteer,
  insertRequest,
  requestsFor,
  upsertVolunteer,
  volunteerUsers,
} from "./alumni.repository.js";

/** The programme a client is a former client of: discharged there and not in care now; else null. */
async function alumnusOf(db: Executor, clientId: string): Promise<string | null> {
  const episodes = await clientEpisodes(db, clientId);
  if (episodes.length === 0 || episodes.some((e) => e.discharged_on === null)) return null;
  return episodes.at(-1)?.organisation_id ?? null;
}

/** The client's own choice, and the requests passed on to them (the route is the client's own). */
export async function volunteering(
  db: Db,
  access: ClientAccess,
  userId: string,
): Promise<AlumniVolunteeringView> {
  const [programme, row] = await Promise.all([
    alumnusOf(db.kysely, access.clientId),
    findVolunteer(db.kysely, access.clientId),
  ]);
  const requests = await requestsFor(db.kysely, userId);
  return {
    eligible: programme !== null,
    volunteering: programme !== null && row !== undefined && toBool(row.volunteering),
    requests: requests.map((r) => ({ id: r.id, note: r.note, at: toIso(r.created_at) })),
  };
}

/** Opts in or out, at once. Only a former client can opt in; opting out always works. */
export async function setVolunteering(
  db: Db,
  access: ClientAccess,
  userId: string,
  body: AlumniVolunteeringRequest,
  now = new Date(),
) {
  const programme = await alumnusOf(db.kysely, access.clientId);
  const existing = await findVolunteer(db.kysely, access.clientId);
  if (body.volunteering && programme === null)
    throw new HttpProblem(409, "conflict", "Volunteering opens after discharge.", undefined, [
      {
        field: "volunteering",
        message: "You can offer to talk with people considering the programme once your stay has ended.",
      },
    ]);
  const organisationId = programme ?? existing?.organisation_id;
  if (organisationId)
    await upsertVolunteer(db.kysely, {
      client_id: access.clientId,
      organisation_id: organisationId,
      volunteering: body.volunteering,
      updated_at: now,
    });
  return volunteering(db, access, userId);
}

export async function alumniSummary(db: Db, organisationId: string) {
  return { volunteers: (await volunteerUsers(db.kysely, organisationId)).length };
}

/** The number of volunteering alumni, for the quality dashboard. */
export async function volunteerCount(db: Executor, organisationId: string) {
  return (await volunteerUsers(db, organisationId)).length;
}

/**
 * Passes a request on to every volunteering alumnus as a notification: staff never learn who they
 * are, and the alumnus answers through the programme if they choose. Same id again: nothing new.
 */
export async function forwardRequest(
  db: Db,
  organisationId: string,
  actorUserId: string,
  body: AlumniContactRequest,
  now = new Date(),
) {
  const existing = await findRequest(db.kysely, body.id);
  if (existing) {
    if (existing.organisation_id !== organisationId || existing.note !== body.note.trim())
      throw new HttpProblem(
        409,
        "conflict",
        "Something with this id was already recorded with other details.",
        undefined,
        [{ field: "id", message: "This id is already used; make a new one." }],
      );
    return { created: false, result: { forwarded: existing.forwarded } };
  }
  try {
    return await db.kysely.transaction().execute(async (tx) => {
      const users = await volunteerUsers(tx, organisationId);
      await insertRequest(tx, {
        id: body.id,
        organisation_id: organisationId,
        note: body.note.trim(),
        forwarded: users.length,
        created_by_user_id: actorUserId,
        created_at: now,
      });
      await insertNotifications(
        tx,
        users.map((u) => ({
          id: uuidv7(),
          user_id: u.user_id,
          kind: "alumni_request",
          client_id: null,
          subject_id: body.id,
          created_at: now,
        })),
      );
      return { created: true, result: { forwarded: users.length } };
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const stored = await findRequest(db.kysely, body.id);
    if (!stored) throw error;
    return { created: false, result: { forwarded: stored.forwarded } };
  }
}
