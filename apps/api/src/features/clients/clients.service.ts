import { type SharingScope, uuidv7 } from "@lantern/domain";
import type { Actor } from "../../access/actor.js";
import { parseScopes } from "../../access/relationships.js";
import { appendAudit } from "../../audit/audit.js";
import type { Db } from "../../db/dialect.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { activeGrantsOf, revokeGrant, updateGrantScopes } from "../grants/grants.repository.js";
import {
  addCareTeamMember,
  breakGlassExpiry,
  careTeamsOf,
  clientsGrantingTo,
  clientsOfClinician,
  clientsOfOrganisation,
  clientsOfUser,
  findClient,
  insertBreakGlass,
  isClinicianOf,
  removeCareTeamMember,
  searchClientDirectory,
} from "./clients.repository.js";

/** How long a break-the-glass access lasts. */
export const breakGlassHours = 4;

type ClientRow = { id: string; organisation_id: string | null; user_id: string; name: string };

async function withCareTeams(db: Db, rows: ClientRow[], actorUserId: string) {
  const teams = await careTeamsOf(
    db.kysely,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organisationId: r.organisation_id,
    careTeam: teams.filter((t) => t.client_id === r.id).map((t) => ({ userId: t.user_id, name: t.name })),
    isSelf: r.user_id === actorUserId,
  }));
}

/**
 * Exactly the clients this actor may see: an admin's programme roster, a clinician's care-team and
 * break-the-glass clients, a client's own record, and clients who share their profile with them.
 */
export async function listPermittedClients(db: Db, actor: Actor, requestId?: string, now = new Date()) {
  const found = new Map<string, ClientRow>();
  const add = (rows: ClientRow[]) => {
    for (const r of rows) found.set(r.id, r);
  };
  for (const m of actor.memberships) {
    if (m.role === "programme_admin" && m.organisationId)
      add(await clientsOfOrganisation(db.kysely, m.organisationId));
    if (m.role === "clinician" && m.organisationId) {
      add(await clientsOfClinician(db.kysely, m.organisationId, actor.userId, now));
    }
  }
  add(await clientsOfUser(db.kysely, actor.userId));
  add(
    (await clientsGrantingTo(db.kysely, actor.userId)).filter((r) =>
      parseScopes(r.scopes).includes("profile"),
    ),
  );
  const rows = [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
  // A list of clients is a read of client data: one event names the list, not each client.
  await appendAudit(db, {
    actorUserId: actor.userId,
    actorRole: null,
    organisationId: null,
    clientId: null,
    recordType: "client_list",
    recordId: null,
    action: "read",
    outcome: "allowed",
    requestId: requestId ?? null,
    ip: null,
  });
  return withCareTeams(db, rows, actor.userId);
}

/**
 * One client's summary, with how the caller may see it; the access hook has already decided that
 * they may. Emergency access says when it ends.
 */
export async function getClientSummary(
  db: Db,
  clientId: string,
  actor: Actor,
  via: string,
  now = new Date(),
) {
  const row = await findClient(db.kysely, clientId);
  if (!row) throw new HttpProblem(404, "notFound", "Not found.");
  const [summary] = await withCareTeams(db, [row], actor.userId);
  if (!summary) throw new HttpProblem(404, "notFound", "Not found.");
  const expires =
    via === "break-glass" ? await breakGlassExpiry(db.kysely, clientId, actor.userId, now) : null;
  return { ...summary, access: { via, expiresAt: expires ? toIso(expires) : null } };
}

/** Puts a clinician of the client's programme on the care team. */
export async function assignClinician(
  db: Db,
  organisationId: string | null,
  clientId: string,
  clinicianUserId: string,
  actor: Actor,
) {
  if (!organisationId || !(await isClinicianOf(db.kysely, clinicianUserId, organisationId))) {
    throw new HttpProblem(
      400,
      "validation",
      "Only a clinician of this programme can join the care team.",
      undefined,
      [{ field: "clinicianUserId", message: "Choose a clinician of this programme." }],
    );
  }
  await addCareTeamMember(db.kysely, {
    clientId,
    clinicianUserId,
    assignedBy: actor.userId,
    now: new Date(),
  });
}

/** Takes a clinician off the care team; their access ends with it. */
export async function unassignClinician(db: Db, clientId: string, clinicianUserId: string) {
  if (!(await removeCareTeamMember(db.kysely, clientId, clinicianUserId))) {
    throw new HttpProblem(404, "notFound", "That clinician is not on this care team.");
  }
}

/** Opens a reasoned, time-limited access for a clinician outside the care team. */
export async function breakTheGlass(
  db: Db,
  clientId: string,
  actor: Actor,
  reason: string,
  now = new Date(),
) {
  const expiresAt = new Date(now.getTime() + breakGlassHours * 60 * 60 * 1000);
  const id = uuidv7(now.getTime());
  await insertBreakGlass(db.kysely, { id, clinicianUserId: actor.userId, clientId, reason, now, expiresAt });
  return { id, expiresAt: expiresAt.toISOString() };
}

/** A client's grants in force. */
export async function listGrants(db: Db, clientId: string) {
  const rows = await activeGrantsOf(db.kysely, clientId);
  return rows.map((g) => ({
    id: g.id,
    granteeName: g.name,
    relationship: g.relationship as "partner" | "family_member" | "supporter",
    scopes: parseScopes(g.scopes),
    createdAt: toIso(g.created_at),
  }));
}

/** Changes what a linked person may see. */
export async function changeGrant(db: Db, clientId: string, grantId: string, scopes: SharingScope[]) {
  if (!(await updateGrantScopes(db.kysely, clientId, grantId, [...new Set(scopes)]))) {
    throw new HttpProblem(404, "notFound", "Not found.");
  }
}

/** Ends a grant at once. */
export async function endGrant(db: Db, clientId: string, grantId: string) {
  if (!(await revokeGrant(db.kysely, clientId, grantId, new Date())))
    throw new HttpProblem(404, "notFound", "Not found.");
}

/** A directory lookup by name; recorded in the audit log because it reveals who is a client. */
export async function searchDirectory(
  db: Db,
  actor: Actor,
  organisationId: string,
  text: string,
  requestId: string,
) {
  await appendAudit(db, {
    actorUserId: actor.userId,
    actorRole: null,
    organisationId,
    clientId: null,
    recordType: "client_directory",
    recordId: null,
    action: "search",
    outcome: "allowed",
    requestId,
    ip: null,
  });
  return searchClientDirectory(db.kysely, organisationId, text, 20);
}
