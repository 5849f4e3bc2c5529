import {
  type CredentialRequest,
  type CredentialUpdateRequest,
  type CredentialView,
  credentialStatus,
  daysBetween,
  localDateOf,
  type StaffCredentialsView,
} from "@lantern/domain";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { HttpProblem } from "../../http/problem.js";
import { organisationZone } from "../episodes/episodes.repository.js";
import {
  type CredentialRow,
  credentialsOf,
  findCredential,
  insertCredential,
  staffMembershipsOf,
  updateCredential,
} from "./credentials.repository.js";

const notFound = () => new HttpProblem(404, "notFound", "Not found.");

/** The programme's local day now. */
export async function programmeToday(db: Executor, organisationId: string, now = new Date()) {
  const zone = await organisationZone(db, organisationId);
  if (!zone) throw notFound();
  return localDateOf(now, zone);
}

export function toCredentialView(row: CredentialRow, today: string): CredentialView {
  const dates = { kind: row.kind, issuedOn: row.issued_on, expiresOn: row.expires_on };
  return {
    id: row.id,
    userId: row.user_id,
    kind: row.kind,
    licenceType: row.licence_type,
    issuer: row.issuer,
    number: row.number,
    issuedOn: row.issued_on,
    expiresOn: row.expires_on,
    status: credentialStatus(dates, today),
    daysLeft: row.expires_on === null ? null : daysBetween(today, row.expires_on),
  };
}

/** The staff with their credentials, and the credentials expiring within 60 days (soonest first). */
export async function staffCredentials(
  db: Db,
  organisationId: string,
  now = new Date(),
): Promise<StaffCredentialsView> {
  const today = await programmeToday(db.kysely, organisationId, now);
  const [members, rows] = await Promise.all([
    staffMembershipsOf(db.kysely, organisationId),
    credentialsOf(db.kysely, organisationId),
  ]);
  const staff = new Map<string, StaffCredentialsView["staff"][number]>();
  for (const m of members) {
    const entry = staff.get(m.id) ?? { userId: m.id, name: m.name, roles: [], credentials: [] };
    entry.roles.push(m.role);
    staff.set(m.id, entry);
  }
  const views = rows.map((row) => toCredentialView(row, today));
  for (const view of views) staff.get(view.userId)?.credentials.push(view);
  const expiringSoon = views
    .filter((v) => v.status === "expiring_soon" && staff.has(v.userId))
    .sort((a, b) => (a.daysLeft ?? 0) - (b.daysLeft ?? 0))
    .map((v) => ({ ...v, name: staff.get(v.userId)?.name ?? "" }));
  return { today, staff: [...staff.values()], expiringSoon };
}

async function requireStaff(db: Executor, organisationId: string, userId: string) {
  const members = await staffMembershipsOf(db, organisationId);
  if (!members.some((m) => m.id === userId))
    throw new HttpProblem(400, "validation", "Choose someone on the programme's staff.", undefined, [
      { field: "userId", message: "This person is not on the programme's staff." },
    ]);
}

const sameDetails = (row: CredentialRow, body: CredentialUpdateRequest) =>
  row.user_id === body.userId &&
  row.kind === body.kind &&
  row.licence_type === (body.licenceType ?? null) &&
  row.issuer === body.issuer.trim() &&
  row.number === body.number.trim() &&
  row.issued_on === body.issuedOn &&
  row.expires_on === body.expiresOn;

const sameIdOtherDetails = () =>
  new HttpProblem(
    409,
    "conflict",
    "Something with this id was already recorded with other details.",
    undefined,
    [{ field: "id", message: "This id is already used; make a new one." }],
  );

/** Records a credential once per id: the same id again answers with the stored one (created false). */
export async function addCredential(
  db: Db,
  organisationId: string,
  actorUserId: string,
  body: CredentialRequest,
  now = new Date(),
) {
  const today = await programmeToday(db.kysely, organisationId, now);
  const existing = await findCredential(db.kysely, body.id);
  if (existing) {
    if (existing.organisation_id !== organisationId || !sameDetails(existing, body))
      throw sameIdOtherDetails();
    return { created: false, credential: toCredentialView(existing, today) };
  }
  await requireStaff(db.kysely, organisationId, body.userId);
  const row: CredentialRow = {
    id: body.id,
    organisation_id: organisationId,
    user_id: body.userId,
    kind: body.kind,
    licence_type: body.licenceType?.trim() || null,
    issuer: body.issuer.trim(),
    number: body.number.trim(),
    issued_on: body.issuedOn,
    expires_on: body.expiresOn,
    recorded_by_user_id: actorUserId,
    created_at: now,
    updated_at: now,
    removed_at: null,
  };
  try {
    await insertCredential(db.kysely, row);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const stored = await findCredential(db.kysely, body.id);
    if (!stored || !sameDetails(stored, body)) throw sameIdOtherDetails();
    return { created: false, credential: toCredentialView(stored, today) };
  }
  return { created: true, credential: toCredentialView(row, today) };
}

async function heldCredential(db: Executor, organisationId: string, id: string) {
  const row = await findCredential(db, id);
  if (!row || row.organisation_id !== organisationId || row.removed_at !== null) throw notFound();
  return row;
}

export async function changeCredential(
  db: Db,
  organisationId: string,
  id: string,
  body: CredentialUpdateRequest,
  now = new Date(),
) {
  const today = await programmeToday(db.kysely, organisationId, now);
  const row = await heldCredential(db.kysely, organisationId, id);
  await requireStaff(db.kysely, organisationId, body.userId);
  const change = {
    user_id: body.userId,
    kind: body.kind,
    licence_type: body.licenceType?.trim() || null,
    issuer: body.issuer.trim(),
    number: body.number.trim(),
    issued_on: body.issuedOn,
    expires_on: body.expiresOn,
    updated_at: now,
  };
  await updateCredential(db.kysely, id, change);
  return toCredentialView({ ...row, ...change }, today);
}

export async function removeCredential(db: Db, organisationId: string, id: string, now = new Date()) {
  await heldCredential(db.kysely, organisationId, id);
  await updateCredential(db.kysely, id, { removed_at: now, updated_at: now });
}
