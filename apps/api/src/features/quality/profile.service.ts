import {
  defaultProfileMaxAgeDays,
  outcomeReport,
  type ProfileAdminView,
  type ProfileSettingsRequest,
  type ProgrammeProfileView,
  publishRefusal,
  quartersEndingAt,
} from "@lantern/domain";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import { programmeToday } from "../credentials/credentials.service.js";
import { toBool } from "../recovery/client-context.js";
import {
  findProfile,
  findProfileBySlug,
  insertProfile,
  organisationName,
  updateProfile,
} from "./profile.repository.js";
import { cohortOf, qualityDashboard } from "./quality.service.js";

const notFound = () => new HttpProblem(404, "notFound", "Not found.");
type Row = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

function toAdminView(row: Row | undefined): ProfileAdminView {
  if (!row)
    return {
      slug: null,
      maxAgeDays: defaultProfileMaxAgeDays,
      published: false,
      snapshotAt: null,
      publishedAt: null,
      snapshot: null,
    };
  return {
    slug: row.slug,
    maxAgeDays: row.max_age_days,
    published: toBool(row.published),
    snapshotAt: row.snapshot_at ? toIso(row.snapshot_at) : null,
    publishedAt: row.published_at ? toIso(row.published_at) : null,
    snapshot: row.snapshot ? (JSON.parse(row.snapshot) as ProgrammeProfileView) : null,
  };
}

export async function profileOf(db: Db, organisationId: string) {
  return toAdminView(await findProfile(db.kysely, organisationId));
}

/** Sets the address and allowed age; a slug another programme uses is refused naming `slug`. */
export async function saveProfileSettings(
  db: Db,
  organisationId: string,
  actorUserId: string,
  body: ProfileSettingsRequest,
  now = new Date(),
) {
  const taken = () =>
    new HttpProblem(409, "conflict", "That address is taken.", undefined, [
      { field: "slug", message: "Another programme uses this address; choose another." },
    ]);
  const other = await findProfileBySlug(db.kysely, body.slug);
  if (other && other.organisation_id !== organisationId) throw taken();
  try {
    const existing = await findProfile(db.kysely, organisationId);
    if (existing)
      await updateProfile(db.kysely, organisationId, {
        slug: body.slug,
        max_age_days: body.maxAgeDays,
        updated_by_user_id: actorUserId,
        updated_at: now,
      });
    else
      await insertProfile(db.kysely, {
        organisation_id: organisationId,
        slug: body.slug,
        max_age_days: body.maxAgeDays,
        published: false,
        snapshot: null,
        snapshot_at: null,
        published_at: null,
        updated_by_user_id: actorUserId,
        updated_at: now,
      });
  } catch (error) {
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
  return profileOf(db, organisationId);
}

async function requireProfile(db: Db, organisationId: string) {
  const row = await findProfile(db.kysely, organisationId);
  if (!row)
    throw new HttpProblem(409, "conflict", "Choose the profile's address first.", undefined, [
      { field: "slug", message: "Save an address for the public page first." },
    ]);
  return row;
}

/**
 * Works out what the public page would show: the six criteria without drill-downs (no names or
 * initials) and the discharge cohorts of the last four quarters, each shown only with 11 clients or more.
 */
export async function takeSnapshot(db: Db, organisationId: string, actorUserId: string, now = new Date()) {
  await requireProfile(db, organisationId);
  const [dashboard, name, today] = await Promise.all([
    qualityDashboard(db, organisationId, now),
    organisationName(db.kysely, organisationId),
    programmeToday(db.kysely, organisationId, now),
  ]);
  const cohorts = [];
  for (const quarter of quartersEndingAt(today, 4)) {
    const query = { basis: "discharge" as const, quarter };
    const result = outcomeReport("discharge", quarter, await cohortOf(db, organisationId, query, now));
    cohorts.push({
      quarter,
      basis: "discharge" as const,
      shown: result.ok,
      report: result.ok ? result.report : null,
    });
  }
  const snapshot: ProgrammeProfileView = {
    name: name ?? "",
    computedAt: dashboard.computedAt,
    criteria: dashboard.criteria.map(({ drillDown: _drillDown, ...c }) => c),
    cohorts,
  };
  await updateProfile(db.kysely, organisationId, {
    snapshot: JSON.stringify(snapshot),
    snapshot_at: now,
    updated_by_user_id: actorUserId,
    updated_at: now,
  });
  return profileOf(db, organisationId);
}

/** Publishes the stored snapshot; refuses, with the reason, one older than the allowed age. */
export async function publishProfile(db: Db, organisationId: string, actorUserId: string, now = new Date()) {
  const row = await requireProfile(db, organisationId);
  const reason = publishRefusal(row.snapshot_at ? toIso(row.snapshot_at) : null, row.max_age_days, now);
  if (reason)
    throw new HttpProblem(409, "conflict", "The profile was not published.", reason, [
      { field: "snapshot", message: reason },
    ]);
  await updateProfile(db.kysely, organisationId, {
    published: true,
    published_at: now,
    updated_by_user_id: actorUserId,
    updated_at: now,
  });
  return profileOf(db, organisationId);
}

export async function unpublishProfile(
  db: Db,
  organisationId: string,
  actorUserId: string,
  now = new Date(),
) {
  await requireProfile(db, organisationId);
  await updateProfile(db.kysely, organisationId, {
    published: false,
    updated_by_user_id: actorUserId,
    updated_at: now,
  });
  return profileOf(db, organisationId);
}

/** The published snapshot by address; an unpublished or unknown profile is 404. */
export async function publicProfile(db: Db, slug: string): Promise<ProgrammeProfileView> {
  const row = await findProfileBySlug(db.kysely, slug);
  if (!row || !toBool(row.published) || !row.snapshot) throw notFound();
  return JSON.parse(row.snapshot) as ProgrammeProfileView;
}
