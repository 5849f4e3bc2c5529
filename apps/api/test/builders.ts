import { type PlanContent, type PlanObjective, type Role, uuidv7 } from "@lantern/domain";
import type { FastifyRequest } from "fastify";
import type { Actor } from "../src/access/actor.js";
import type { Db } from "../src/db/dialect.js";
import {
  findUserByEmail,
  insertMembership,
  insertPasswordUser,
} from "../src/features/accounts/accounts.repository.js";
import { membershipsOf } from "../src/features/accounts/accounts.service.js";
import { addCareTeamMember, insertClient } from "../src/features/clients/clients.repository.js";
import { insertGrant } from "../src/features/grants/grants.repository.js";
import { insertOrganisation } from "../src/features/organisations/organisations.repository.js";
import { insertVersion } from "../src/features/treatment-plans/treatment-plans.repository.js";

const now = () => new Date();
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;

/** A programme. */
export async function buildOrganisation(db: Db, name = unique("Programme")) {
  const id = uuidv7();
  await insertOrganisation(db.kysely, {
    id,
    name,
    time_zone: "Europe/London",
    kind: "both",
    created_at: now(),
  });
  return { id, name };
}

/** A user (no usable password: the matrix test names actors directly) with an optional role. */
export async function buildUser(
  db: Db,
  role?: Role,
  organisationId: string | null = null,
  name = unique("Person"),
) {
  const id = uuidv7();
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.org`;
  await insertPasswordUser(db.kysely, { id, name, email, passwordHash: "not-a-hash", now: now() }, uuidv7());
  if (role) await insertMembership(db.kysely, { id: uuidv7(), userId: id, organisationId, role, now: now() });
  return { id, name, email };
}

/** A client in a programme, with their own user and membership; creates the programme if missing. */
export async function buildClient(db: Db, organisationId?: string) {
  const org = organisationId ?? (await buildOrganisation(db)).id;
  const user = await buildUser(db, "client", org);
  const id = uuidv7();
  await insertClient(db.kysely, {
    id,
    userId: user.id,
    organisationId: org,
    timeZone: "Europe/London",
    now: now(),
  });
  return { id, userId: user.id, organisationId: org, name: user.name };
}

/** A clinician of the programme, optionally on some care teams. */
export async function buildClinician(db: Db, organisationId: string, careTeamOf: string[] = []) {
  const user = await buildUser(db, "clinician", organisationId);
  for (const clientId of careTeamOf) {
    await addCareTeamMember(db.kysely, {
      clientId,
      clinicianUserId: user.id,
      assignedBy: user.id,
      now: now(),
    });
  }
  return user;
}

/** A linked person holding a grant on a client's record. */
export async function buildGrantee(
  db: Db,
  client: { id: string; organisationId: string },
  relationship: "partner" | "family_member" | "supporter",
  scopes: string[],
  revoked = false,
) {
  const user = await buildUser(db, relationship, client.organisationId);
  const id = uuidv7();
  await insertGrant(db.kysely, {
    id,
    clientId: client.id,
    granteeUserId: user.id,
    relationship,
    scopes,
    now: now(),
  });
  if (revoked)
    await db.kysely.updateTable("grants").set({ revoked_at: now() }).where("id", "=", id).execute();
  return { ...user, grantId: id };
}

/** The header the test actor loader reads. */
export const testActorHeader = "x-test-actor";

/** An actor loader for tests: the user named in a header, with their real memberships. */
export function headerActorLoader(db: Db) {
  return async (request: FastifyRequest): Promise<Actor | null> => {
    const userId = request.headers[testActorHeader];
    if (typeof userId !== "string") return null;
    const user = await db.kysely
      .selectFrom("users")
      .select(["id", "name", "email"])
      .where("id", "=", userId)
      .executeTakeFirst();
    if (!user) return null;
    return {
      userId: user.id,
      name: user.name,
      email: user.email,
      sessionId: "test",
      memberships: await membershipsOf(db.kysely, user.id),
    };
  };
}

export { findUserByEmail };

/**
 * A draft treatment plan (version 1) for a client with one problem and goal and these objectives,
 * for features that link to plan objectives. An objective may carry a link (e.g. exercises completed).
 */
export async function buildTreatmentPlan(
  db: Db,
  clientId: string,
  authorUserId: string,
  objectives: { id: string; description: string; link?: PlanObjective["link"] }[],
) {
  const problemId = uuidv7();
  const goalId = uuidv7();
  const content: PlanContent = {
    problems: [{ id: problemId, title: "Evenings lost online", severity: "moderate", intakeProblemId: null }],
    goals: [
      { id: goalId, problemId, clientWords: "My evenings back", statement: "Abstain.", libraryGoalId: null },
    ],
    objectives: objectives.map((o) => ({
      id: o.id,
      goalId,
      description: o.description,
      metric: "Times a week",
      baseline: "",
      target: "3 a week",
      targetDate: "2027-06-01",
      link: o.link ?? null,
    })),
    interventions: [],
  };
  const versionId = uuidv7();
  await insertVersion(db.kysely, {
    id: versionId,
    client_id: clientId,
    version: 1,
    revision: 0,
    content: JSON.stringify(content),
    created_by_user_id: authorUserId,
    created_at: now(),
    updated_at: now(),
    signed_at: null,
  });
  return { versionId, problemId, goalId, content };
}
