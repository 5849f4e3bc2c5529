import {
  type AreaAnswers,
  type Author,
  checkIntakeUpdate,
  draftProblemList,
  type IntakeAreaView,
  type IntakeView,
  intakeAreas,
  type ProblemView,
  type SaveIntakeRequest,
  type SaveProblemRequest,
  unratedAreas,
  uuidv7,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { ClientAccess } from "../../access/hook.js";
import type { Db } from "../../db/dialect.js";
import type { Executor } from "../../db/executor.js";
import type { IntakeAreasTable, IntakeProblemsTable, IntakesTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import {
  areasOfIntake,
  deleteProblem,
  ensureIntake,
  findIntake,
  findProblem,
  insertProblems,
  problemsOfClient,
  updateIntake,
  updateProblem,
  upsertArea,
  userName,
} from "./intake.repository.js";

/**
 * The intake's rule for changes after sign-off: a finalised intake is locked. Nobody changes its
 * areas or ratings (409) until a clinician on the care team reopens it with a reason; the reopening
 * is audited and kept on the intake. The problem list stays editable before and after sign-off,
 * because it is the working list the treatment plan starts from.
 */

type IntakeRow = Selectable<IntakesTable>;
type AreaRow = Selectable<IntakeAreasTable>;
type ProblemRow = Selectable<IntakeProblemsTable>;

const notFound = () => new HttpProblem(404, "notFound", "Not found.");
const locked = () =>
  new HttpProblem(
    409,
    "conflict",
    "This intake is signed off.",
    "A clinician on the care team reopens it before anything changes.",
  );

/** Who writes: the client themself, or the care team (including emergency access). */
export const authorOf = (access: ClientAccess): Author => (access.via === "self" ? "client" : "clinician");

function parseAnswers(stored: string): AreaAnswers {
  const parsed: unknown = JSON.parse(stored);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as AreaAnswers)
    : {};
}

function toView(
  clientId: string,
  viewer: Author,
  intake: IntakeRow | undefined,
  rows: AreaRow[],
  finalisedBy: string | null,
): IntakeView {
  const areas: IntakeAreaView[] = intakeAreas
    .filter((spec) => viewer === "clinician" || spec.clientMayFill)
    .map((spec) => {
      const row = rows.find((candidate) => candidate.area === spec.id);
      return {
        area: spec.id,
        clientAnswers: row ? parseAnswers(row.client_answers) : {},
        clinicianAnswers: viewer === "clinician" ? (row ? parseAnswers(row.clinician_answers) : {}) : null,
        severity: viewer === "clinician" ? (row?.severity ?? null) : null,
        summary: viewer === "clinician" ? (row?.summary ?? null) : null,
        updatedAt: row ? toIso(row.updated_at) : null,
      };
    });
  return {
    clientId,
    status: intake?.status ?? "open",
    viewer: viewer === "client" ? "client" : "clinician",
    clientReadyAt: intake?.client_ready_at ? toIso(intake.client_ready_at) : null,
    finalisedAt: intake?.finalised_at ? toIso(intake.finalised_at) : null,
    finalisedBy,
    reopenedAt: intake?.reopened_at ? toIso(intake.reopened_at) : null,
    reopenReason: viewer === "clinician" ? (intake?.reopen_reason ?? null) : null,
    updatedAt: intake ? toIso(intake.updated_at) : null,
    areas,
  };
}

async function loadView(db: Executor, clientId: string, viewer: Author): Promise<IntakeView> {
  const intake = await findIntake(db, clientId);
  const rows = intake ? await areasOfIntake(db, clientId) : [];
  const finalisedBy = intake?.finalised_by_user_id
    ? ((await userName(db, intake.finalised_by_user_id)) ?? null)
    : null;
  return toView(clientId, viewer, intake, rows, finalisedBy);
}

/** The intake as this viewer may see it: the client sees only their own words in their areas. */
export async function readIntake(db: Db, access: ClientAccess): Promise<IntakeView> {
  return loadView(db.kysely, access.clientId, authorOf(access));
}

/**
 * Saves some areas. The client writes their own words in the areas they may pre-fill and can mark
 * their part ready; the clinician writes their record, the rating and the summary of any area.
 * Anything the author may not write is refused with 403 naming it; bad values with 400; a signed-off
 * intake with 409. All areas are written together or not at all.
 */
export async function saveIntake(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  body: SaveIntakeRequest,
  now = new Date(),
): Promise<IntakeView> {
  const author = authorOf(access);
  const { areas, errors } = checkIntakeUpdate(body.areas ?? {}, author);
  if (author === "clinician" && body.clientReady !== undefined)
    errors.push({
      field: "clientReady",
      message: "Only the client marks their part ready.",
      kind: "forbidden",
    });
  const forbidden = errors.filter((error) => error.kind === "forbidden");
  if (forbidden.length > 0)
    throw new HttpProblem(
      403,
      "forbidden",
      "Some of this is written by the clinician only.",
      undefined,
      forbidden.map(({ field, message }) => ({ field, message })),
    );
  if (errors.length > 0)
    throw new HttpProblem(
      400,
      "validation",
      "Some fields need attention.",
      undefined,
      errors.map(({ field, message }) => ({ field, message })),
    );

  const clientId = access.clientId;
  return db.kysely.transaction().execute(async (trx) => {
    await ensureIntake(trx, {
      client_id: clientId,
      status: "open",
      created_at: now,
      updated_at: now,
      updated_by_user_id: actor.userId,
    });
    const intakeChanges: Parameters<typeof updateIntake>[2] = {
      updated_at: now,
      updated_by_user_id: actor.userId,
    };
    if (body.clientReady !== undefined) intakeChanges.client_ready_at = body.clientReady ? now : null;
    // Changing the row while it is still open also holds it against a sign-off at the same moment.
    if (!(await updateIntake(trx, clientId, intakeChanges, "open"))) throw locked();

    for (const [area, update] of Object.entries(areas)) {
      const changes: Parameters<typeof upsertArea>[2] = { updated_at: now, updated_by_user_id: actor.userId };
      if (update.answers !== undefined)
        changes[author === "client" ? "client_answers" : "clinician_answers"] = JSON.stringify(
          update.answers,
        );
      if (update.severity !== undefined) changes.severity = update.severity;
      if (update.summary !== undefined) changes.summary = update.summary;
      await upsertArea(
        trx,
        {
          client_id: clientId,
          area,
          client_answers: "{}",
          clinician_answers: "{}",
          severity: null,
          summary: null,
          updated_at: now,
          updated_by_user_id: actor.userId,
          ...changes,
        },
        changes,
      );
    }
    return loadView(trx, clientId, author);
  });
}

function ratedAreas(rows: AreaRow[]) {
  return rows.map((row) => ({
    area: row.area,
    severity: row.severity,
    summary: row.summary,
    clinicianAnswers: parseAnswers(row.clinician_answers),
    clientAnswers: parseAnswers(row.client_answers),
  }));
}

/** Adds a drafted problem for each moderate or severe area that has none yet. */
async function addDraftedProblems(trx: Executor, clientId: string, actor: Actor, rows: AreaRow[], now: Date) {
  const existing = await problemsOfClient(trx, clientId);
  const drafted = draftProblemList(ratedAreas(rows), existing);
  await insertProblems(
    trx,
    drafted.map((problem) => ({
      id: uuidv7(),
      client_id: clientId,
      ...problem,
      origin: "drafted" as const,
      created_by_user_id: actor.userId,
      updated_by_user_id: actor.userId,
      created_at: now,
      updated_at: now,
    })),
  );
}

/**
 * Signs the intake off: every area must be rated (400 listing the unrated ones); the problem list
 * gets a problem for each moderate or severe area that has none yet.
 */
export async function finaliseIntake(db: Db, access: ClientAccess, actor: Actor, now = new Date()) {
  const clientId = access.clientId;
  return db.kysely.transaction().execute(async (trx) => {
    const intake = await findIntake(trx, clientId);
    if (intake?.status === "finalised")
      throw new HttpProblem(409, "conflict", "This intake is already signed off.");
    const rows = intake ? await areasOfIntake(trx, clientId) : [];
    const unrated = unratedAreas(Object.fromEntries(rows.map((row) => [row.area, row.severity])));
    if (unrated.length > 0)
      throw new HttpProblem(
        400,
        "validation",
        "Rate every area before signing off.",
        `Still unrated: ${unrated.join(", ")}.`,
        unrated.map((area) => ({
          field: `areas.${area}.severity`,
          message: "Rate this area (none, mild, moderate or severe).",
        })),
      );
    const signed = await updateIntake(
      trx,
      clientId,
      {
        status: "finalised",
        finalised_at: now,
        finalised_by_user_id: actor.userId,
        updated_at: now,
        updated_by_user_id: actor.userId,
      },
      "open",
    );
    if (!signed) throw new HttpProblem(409, "conflict", "This intake is already signed off.");
    await addDraftedProblems(trx, clientId, actor, rows, now);
    return loadView(trx, clientId, "clinician");
  });
}

/** Reopens a signed-off intake so it can change again; the reason stays on the intake. */
export async function reopenIntake(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  reason: string,
  now = new Date(),
) {
  const clientId = access.clientId;
  return db.kysely.transaction().execute(async (trx) => {
    const reopened = await updateIntake(
      trx,
      clientId,
      {
        status: "open",
        reopened_at: now,
        reopened_by_user_id: actor.userId,
        reopen_reason: reason.trim(),
        updated_at: now,
        updated_by_user_id: actor.userId,
      },
      "finalised",
    );
    if (!reopened)
      throw new HttpProblem(409, "conflict", "This intake is not signed off, so there is nothing to reopen.");
    return loadView(trx, clientId, "clinician");
  });
}

export function toProblemView(row: ProblemRow): ProblemView {
  return {
    id: row.id,
    area: row.area,
    title: row.title,
    detail: row.detail,
    severity: row.severity,
    origin: row.origin,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

/** The problem list, most severe first. */
export async function listProblems(db: Db, clientId: string): Promise<ProblemView[]> {
  return (await problemsOfClient(db.kysely, clientId)).map(toProblemView);
}

/** Drafts problems from the areas rated so far (before or after sign-off); returns the whole list. */
export async function draftProblems(db: Db, access: ClientAccess, actor: Actor, now = new Date()) {
  const clientId = access.clientId;
  return db.kysely.transaction().execute(async (trx) => {
    await addDraftedProblems(trx, clientId, actor, await areasOfIntake(trx, clientId), now);
    return (await problemsOfClient(trx, clientId)).map(toProblemView);
  });
}

/** Adds a problem under an id made by the app, or edits the one with this id (the same again: 200). */
export async function saveProblem(
  db: Db,
  clientId: string,
  actor: Actor,
  problemId: string,
  body: SaveProblemRequest,
  now = new Date(),
): Promise<{ created: boolean; problem: ProblemView }> {
  const fields = {
    area: body.area,
    title: body.title.trim(),
    detail: body.detail.trim(),
    severity: body.severity,
  };
  const existing = await findProblem(db.kysely, problemId);
  if (existing && existing.client_id !== clientId)
    throw new HttpProblem(409, "conflict", "A problem with this id already exists elsewhere.");
  if (existing) {
    const same =
      existing.area === fields.area &&
      existing.title === fields.title &&
      existing.detail === fields.detail &&
      existing.severity === fields.severity;
    if (same) return { created: false, problem: toProblemView(existing) };
    const changes = { ...fields, updated_at: now, updated_by_user_id: actor.userId };
    await updateProblem(db.kysely, problemId, clientId, changes);
    return { created: false, problem: toProblemView({ ...existing, ...changes }) };
  }
  const row: ProblemRow = {
    id: problemId,
    client_id: clientId,
    ...fields,
    origin: "added",
    created_by_user_id: actor.userId,
    updated_by_user_id: actor.userId,
    created_at: now,
    updated_at: now,
  };
  try {
    await insertProblems(db.kysely, [row]);
  } catch (error) {
    // The same request twice at once: the other one stored it; answer as for a retry.
    const again = await findProblem(db.kysely, problemId);
    if (again) return saveProblem(db, clientId, actor, problemId, body, now);
    throw error;
  }
  return { created: true, problem: toProblemView(row) };
}

/** Removes a problem from the list. */
export async function removeProblem(db: Db, clientId: string, problemId: string): Promise<void> {
  if (!(await deleteProblem(db.kysely, problemId, clientId))) throw notFound();
}
