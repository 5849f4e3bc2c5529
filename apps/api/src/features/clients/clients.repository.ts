import type { Executor } from "../../db/executor.js";

/** Creates a client record for a user in a programme (or none, for a self-directed client). */
export async function insertClient(
  db: Executor,
  c: { id: string; userId: string; organisationId: string | null; timeZone: string; now: Date },
): Promise<void> {
  await db
    .insertInto("clients")
    .values({
      id: c.id,
      user_id: c.userId,
      organisation_id: c.organisationId,
      time_zone: c.timeZone,
      created_at: c.now,
    })
    .execute();
}

const clientColumns = ["clients.id", "clients.organisation_id", "clients.user_id", "users.name"] as const;

/** One client with their name. */
export async function findClient(db: Executor, clientId: string) {
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(clientColumns)
    .where("clients.id", "=", clientId)
    .executeTakeFirst();
}

/** Every client of a programme (the admin's roster). */
export async function clientsOfOrganisation(db: Executor, organisationId: string) {
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(clientColumns)
    .where("clients.organisation_id", "=", organisationId)
    .orderBy("users.name")
    .execute();
}

/**
 * Clients a clinician may open: on their care team, or with an unexpired break-the-glass. The two are
 * IN lists from the clinician's own rows (both indexed by clinician), not EXISTS per client, which
 * read every client of the programme to find the forty on one caseload.
 */
export async function clientsOfClinician(
  db: Executor,
  organisationId: string,
  clinicianUserId: string,
  now: Date,
) {
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(clientColumns)
    .where("clients.organisation_id", "=", organisationId)
    .where((eb) =>
      eb.or([
        eb(
          "clients.id",
          "in",
          eb
            .selectFrom("care_team_members")
            .select("care_team_members.client_id")
            .where("care_team_members.clinician_user_id", "=", clinicianUserId),
        ),
        eb(
          "clients.id",
          "in",
          eb
            .selectFrom("break_glass")
            .select("break_glass.client_id")
            .where("break_glass.clinician_user_id", "=", clinicianUserId)
            .where("break_glass.expires_at", ">", now),
        ),
      ]),
    )
    .orderBy("users.name")
    .execute();
}

/** The client records that belong to a user themself. */
export async function clientsOfUser(db: Executor, userId: string) {
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(clientColumns)
    .where("clients.user_id", "=", userId)
    .execute();
}

/** Clients who granted this person a scope (linked people see only those). */
export async function clientsGrantingTo(db: Executor, granteeUserId: string) {
  return db
    .selectFrom("grants")
    .innerJoin("clients", "clients.id", "grants.client_id")
    .innerJoin("users", "users.id", "clients.user_id")
    .select([...clientColumns, "grants.scopes"])
    .where("grants.grantee_user_id", "=", granteeUserId)
    .where("grants.revoked_at", "is", null)
    .execute();
}

/** The clinicians on the care teams of these clients. */
export async function careTeamsOf(db: Executor, clientIds: string[]) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom("care_team_members")
    .innerJoin("users", "users.id", "care_team_members.clinician_user_id")
    .select(["care_team_members.client_id", "users.id as user_id", "users.name"])
    .where("care_team_members.client_id", "in", clientIds)
    .orderBy("users.name")
    .execute();
}

/** Adds a clinician to a care team; adding someone already on it changes nothing. */
export async function addCareTeamMember(
  db: Executor,
  m: { clientId: string; clinicianUserId: string; assignedBy: string; now: Date },
): Promise<void> {
  await db
    .insertInto("care_team_members")
    .values({
      client_id: m.clientId,
      clinician_user_id: m.clinicianUserId,
      assigned_by_user_id: m.assignedBy,
      created_at: m.now,
    })
    .onConflict((oc) => oc.columns(["client_id", "clinician_user_id"]).doNothing())
    .execute();
}

/** Removes a clinician from a care team; returns whether they were on it. */
export async function removeCareTeamMember(db: Executor, clientId: string, clinicianUserId: string) {
  const result = await db
    .deleteFrom("care_team_members")
    .where("client_id", "=", clientId)
    .where("clinician_user_id", "=", clinicianUserId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** True when the user is a clinician of the programme. */
export async function isClinicianOf(db: Executor, userId: string, organisationId: string): Promise<boolean> {
  const row = await db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", userId)
    .where("organisation_id", "=", organisationId)
    .where("role", "=", "clinician")
    .executeTakeFirst();
  return row !== undefined;
}

/** Opens a time-limited break-the-glass access. */
export async function insertBreakGlass(
  db: Executor,
  b: { id: string; clinicianUserId: string; clientId: string; reason: string; now: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto("break_glass")
    .values({
      id: b.id,
      clinician_user_id: b.clinicianUserId,
      client_id: b.clientId,
      reason: b.reason,
      created_at: b.now,
      expires_at: b.expiresAt,
    })
    .execute();
}

/** Break-the-glass events in a programme, newest first, for the admin. */
export async function breakGlassOfOrganisation(db: Executor, organisationId: string, limit: number) {
  return db
    .selectFrom("break_glass")
    .innerJoin("clients", "clients.id", "break_glass.client_id")
    .innerJoin("users as clinician", "clinician.id", "break_glass.clinician_user_id")
    .innerJoin("users as client_user", "client_user.id", "clients.user_id")
    .select([
      "break_glass.id",
      "break_glass.client_id",
      "clinician.name as clinician_name",
      "client_user.name as client_name",
      "break_glass.reason",
      "break_glass.created_at",
      "break_glass.expires_at",
    ])
    .where("clients.organisation_id", "=", organisationId)
    .orderBy("break_glass.created_at", "desc")
    .limit(limit)
    .execute();
}

/** Clients of a programme whose name contains the text (for break-the-glass lookups): ids and names only. */
export async function searchClientDirectory(
  db: Executor,
  organisationId: string,
  text: string,
  limit: number,
) {
  // Wildcards typed by the user are dropped: LIKE escaping differs between the dialects.
  const pattern = `%${text.toLowerCase().replace(/[%_\\]/g, "")}%`;
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(["clients.id", "users.name"])
    .where("clients.organisation_id", "=", organisationId)
    .where((eb) => eb(eb.fn("lower", ["users.name"]), "like", pattern))
    .orderBy("users.name")
    .limit(limit)
    .execute();
}

/** When the actor's latest unexpired break-the-glass on this client ends, if there is one. */
export async function breakGlassExpiry(db: Executor, clientId: string, clinicianUserId: string, now: Date) {
  const row = await db
    .selectFrom("break_glass")
    .select("expires_at")
    .where("client_id", "=", clientId)
    .where("clinician_user_id", "=", clinicianUserId)
    .where("expires_at", ">", now)
    .orderBy("expires_at", "desc")
    .executeTakeFirst();
  return row?.expires_at ?? null;
}
