import type { Insertable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type {
  TreatmentPlanLibraryGoalsTable,
  TreatmentPlanReviewsTable,
  TreatmentPlanSignaturesTable,
  TreatmentPlanVersionsTable,
} from "../../db/schema.js";

// --- settings and library -------------------------------------------------------------------------

export async function findSettings(db: Executor, organisationId: string) {
  return db
    .selectFrom("treatment_plan_settings")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
}

export async function upsertSettings(
  db: Executor,
  row: {
    organisation_id: string;
    review_days: number;
    supervisor_required: boolean;
    updated_by_user_id: string;
    updated_at: Date;
  },
): Promise<void> {
  await db
    .insertInto("treatment_plan_settings")
    .values(row)
    .onConflict((oc) =>
      oc.column("organisation_id").doUpdateSet({
        review_days: row.review_days,
        supervisor_required: row.supervisor_required,
        updated_by_user_id: row.updated_by_user_id,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}

export async function libraryGoalsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("treatment_plan_library_goals")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("created_at")
    .orderBy("id")
    .execute();
}

export async function findLibraryGoal(db: Executor, id: string) {
  return db.selectFrom("treatment_plan_library_goals").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertLibraryGoals(
  db: Executor,
  rows: Insertable<TreatmentPlanLibraryGoalsTable>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto("treatment_plan_library_goals").values(rows).execute();
}

export async function updateLibraryGoal(db: Executor, id: string, goal: string, at: Date): Promise<void> {
  await db
    .updateTable("treatment_plan_library_goals")
    .set({ goal, updated_at: at })
    .where("id", "=", id)
    .execute();
}

/** Removes the entries an earlier import of the same library brought in (a re-import replaces them). */
export async function deleteImported(
  db: Executor,
  organisationId: string,
  sourceLabel: string,
): Promise<void> {
  await db
    .deleteFrom("treatment_plan_library_goals")
    .where("organisation_id", "=", organisationId)
    .where("source", "=", "imported")
    .where("source_label", "=", sourceLabel)
    .execute();
}

// --- versions and signatures ----------------------------------------------------------------------

export async function versionsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("treatment_plan_versions")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("version", "desc")
    .execute();
}

export async function findVersion(db: Executor, id: string) {
  return db.selectFrom("treatment_plan_versions").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertVersion(
  db: Executor,
  row: Insertable<TreatmentPlanVersionsTable>,
): Promise<void> {
  await db.insertInto("treatment_plan_versions").values(row).execute();
}

/**
 * Saves a draft's content when it is still at `revision` and nobody has signed it. Returns false
 * when nothing changed (stale, signed, or another save won the race).
 */
export async function updateDraft(
  db: Executor,
  id: string,
  revision: number,
  changes: Updateable<TreatmentPlanVersionsTable>,
): Promise<boolean> {
  const result = await db
    .updateTable("treatment_plan_versions")
    .set(changes)
    .where("id", "=", id)
    .where("revision", "=", revision)
    .where("signed_at", "is", null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("treatment_plan_signatures")
            .select("treatment_plan_signatures.id")
            .whereRef("treatment_plan_signatures.version_id", "=", "treatment_plan_versions.id"),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Takes the version for signing: bumps its revision (so a draft save racing the signature is stale)
 * and holds the row until the transaction ends, so two signers are counted one after the other.
 * False when the version is already locked.
 */
export async function takeForSigning(db: Executor, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable("treatment_plan_versions")
    .set((eb) => ({ revision: eb("revision", "+", 1), updated_at: at }))
    .where("id", "=", id)
    .where("signed_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function lockVersion(db: Executor, id: string, at: Date): Promise<void> {
  await db.updateTable("treatment_plan_versions").set({ signed_at: at }).where("id", "=", id).execute();
}

/** Signatures of a client's versions with the signer's name, oldest first. */
export async function signaturesOf(db: Executor, clientId: string) {
  return db
    .selectFrom("treatment_plan_signatures")
    .innerJoin("users", "users.id", "treatment_plan_signatures.signer_user_id")
    .selectAll("treatment_plan_signatures")
    .select("users.name as signer_name")
    .where("treatment_plan_signatures.client_id", "=", clientId)
    .orderBy("treatment_plan_signatures.signed_at")
    .execute();
}

export async function insertSignature(
  db: Executor,
  row: Insertable<TreatmentPlanSignaturesTable>,
): Promise<void> {
  await db.insertInto("treatment_plan_signatures").values(row).execute();
}

// --- reviews ---------------------------------------------------------------------------------------

export async function latestReview(db: Executor, clientId: string) {
  return db
    .selectFrom("treatment_plan_reviews")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("reviewed_on", "desc")
    .executeTakeFirst();
}

export async function findReview(db: Executor, id: string) {
  return db.selectFrom("treatment_plan_reviews").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertReview(db: Executor, row: Insertable<TreatmentPlanReviewsTable>): Promise<void> {
  await db.insertInto("treatment_plan_reviews").values(row).execute();
}

// --- copied text -----------------------------------------------------------------------------------

/** Replaces the client's stored individual texts with those of their newest version. */
export async function replaceTexts(
  db: Executor,
  clientId: string,
  organisationId: string | null,
  texts: { field: string; text: string }[],
): Promise<void> {
  await db.deleteFrom("treatment_plan_texts").where("client_id", "=", clientId).execute();
  const unique = new Map(texts.map((t) => [t.field, t.text]));
  if (unique.size > 0)
    await db
      .insertInto("treatment_plan_texts")
      .values(
        [...unique].map(([field, text]) => ({
          client_id: clientId,
          organisation_id: organisationId,
          field,
          text,
        })),
      )
      .execute();
}

/** Which of these normalised texts another client of the programme's plans already holds. */
export async function textsOfOtherClients(
  db: Executor,
  clientId: string,
  organisationId: string,
  texts: readonly string[],
): Promise<Set<string>> {
  if (texts.length === 0) return new Set();
  const rows = await db
    .selectFrom("treatment_plan_texts")
    .select("text")
    .distinct()
    .where("organisation_id", "=", organisationId)
    .where("client_id", "!=", clientId)
    .where("text", "in", [...new Set(texts)])
    .execute();
  return new Set(rows.map((r) => r.text));
}

// --- people and progress ---------------------------------------------------------------------------

/** The clinicians on the client's care team, for "responsible staff". */
export async function careTeamOf(db: Executor, clientId: string) {
  return db
    .selectFrom("care_team_members")
    .innerJoin("users", "users.id", "care_team_members.clinician_user_id")
    .select(["users.id as userId", "users.name"])
    .where("care_team_members.client_id", "=", clientId)
    .orderBy("users.name")
    .execute();
}

export async function clientName(db: Executor, clientId: string) {
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select(["users.name", "clients.user_id"])
    .where("clients.id", "=", clientId)
    .executeTakeFirst();
}

/** The newest completed total of each named instrument, in one query. */
export async function latestScores(db: Executor, clientId: string, instrumentIds: readonly string[]) {
  if (instrumentIds.length === 0) return [];
  return db
    .selectFrom("assessments")
    .select(["instrument_id", "result", "completed_at"])
    .where("client_id", "=", clientId)
    .where("status", "=", "completed")
    .where("instrument_id", "in", [...instrumentIds])
    .orderBy("completed_at", "desc")
    .execute();
}

/** Check-ins and urges (by outcome) on the client's local days from `since`, in one query. */
export async function weekCounts(db: Executor, clientId: string, since: string) {
  const [checkIns, urges] = await Promise.all([
    db
      .selectFrom("check_ins")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("client_id", "=", clientId)
      .where("date", ">=", since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("urges")
      .select(["outcome", (eb) => eb.fn.countAll<number>().as("n")])
      .where("client_id", "=", clientId)
      .where("date", ">=", since)
      .groupBy("outcome")
      .execute(),
  ]);
  return {
    checkIns: Number(checkIns.n),
    urgesLogged: urges.reduce((sum, row) => sum + Number(row.n), 0),
    urgesSurfed: Number(urges.find((row) => row.outcome === "passed")?.n ?? 0),
  };
}

/** For a caseload: each client's newest signing instant and newest review day, in two queries. */
export async function reviewBasisOfClients(db: Executor, clientIds: readonly string[]) {
  if (clientIds.length === 0) return { signed: [], reviewed: [] };
  const [signed, reviewed] = await Promise.all([
    db
      .selectFrom("treatment_plan_versions")
      .select(["client_id", (eb) => eb.fn.max("signed_at").as("signed_at")])
      .where("client_id", "in", [...clientIds])
      .where("signed_at", "is not", null)
      .groupBy("client_id")
      .execute(),
    db
      .selectFrom("treatment_plan_reviews")
      .select(["client_id", (eb) => eb.fn.max("reviewed_on").as("reviewed_on")])
      .where("client_id", "in", [...clientIds])
      .groupBy("client_id")
      .execute(),
  ]);
  return { signed, reviewed };
}
