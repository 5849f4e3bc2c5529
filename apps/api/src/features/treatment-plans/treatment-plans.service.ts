import { createHash } from "node:crypto";
import {
  addDays,
  assignableInstrument,
  type CaseloadFlag,
  canonicalSignedContent,
  checkPlanQuality,
  defaultTreatmentPlanSettings,
  emptyPlanContent,
  type ImportLibraryRequest,
  type IntakeProblemForPlan,
  individualTexts,
  type LibraryGoal,
  LibraryGoalInput,
  lanternGoalLibrary,
  localDateOf,
  normaliseForComparison,
  type ObjectiveProgress,
  PlanContent,
  type PlanVersionView,
  planStructureErrors,
  type RecordPlanReviewRequest,
  requiredSignerRoles,
  reviewState,
  type SavePlanDraftRequest,
  type SignerRole,
  type TreatmentPlanSettings,
  type TreatmentPlanView,
  targetMet,
  uuidv7,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { ClientAccess } from "../../access/hook.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { type TreatmentPlanVersionsTable, toIso } from "../../db/schema.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import type { PdfLine } from "../../pdf/pdf.js";
import { reviewedCountsByObjective } from "../exercises/exercises.repository.js";
import { problemsOfClient } from "../intake/intake.repository.js";
import { loadClientContext, toBool } from "../recovery/client-context.js";
import {
  careTeamOf,
  clientName,
  deleteImported,
  findLibraryGoal,
  findReview,
  findSettings,
  findVersion,
  insertLibraryGoals,
  insertReview,
  insertSignature,
  insertVersion,
  latestReview,
  latestScores,
  libraryGoalsOf,
  lockVersion,
  replaceTexts,
  reviewBasisOfClients,
  signaturesOf,
  takeForSigning,
  textsOfOtherClients,
  updateDraft,
  updateLibraryGoal,
  upsertSettings,
  versionsOf,
  weekCounts,
} from "./treatment-plans.repository.js";

type VersionRow = Selectable<TreatmentPlanVersionsTable>;

const notFound = () => new HttpProblem(404, "notFound", "Not found.");
const invalid = (title: string, errors: FieldError[]) =>
  new HttpProblem(400, "validation", title, undefined, errors);
const locked = () =>
  new HttpProblem(
    409,
    "conflict",
    "This version has been signed and cannot change.",
    "Start a new version: it begins as a copy of this one.",
  );

// --- settings --------------------------------------------------------------------------------------

/** The programme's review cadence and whether a supervisor signs; defaults when it has not chosen. */
export async function getPlanSettings(
  db: Executor,
  organisationId: string | null,
): Promise<TreatmentPlanSettings> {
  const row = organisationId ? await findSettings(db, organisationId) : undefined;
  if (!row) return defaultTreatmentPlanSettings;
  return { reviewDays: row.review_days, supervisorRequired: toBool(row.supervisor_required) };
}

export async function savePlanSettings(
  db: Executor,
  organisationId: string,
  userId: string,
  settings: TreatmentPlanSettings,
): Promise<TreatmentPlanSettings> {
  await upsertSettings(db, {
    organisation_id: organisationId,
    review_days: settings.reviewDays,
    supervisor_required: settings.supervisorRequired,
    updated_by_user_id: userId,
    updated_at: new Date(),
  });
  return getPlanSettings(db, organisationId);
}

// --- the library -----------------------------------------------------------------------------------

/** Lantern's library, then the programme's own entries, then imported ones. */
export async function libraryFor(db: Executor, organisationId: string): Promise<LibraryGoal[]> {
  const rows = await libraryGoalsOf(db, organisationId);
  const stored: LibraryGoal[] = [];
  for (const row of rows) {
    const parsed = LibraryGoalInput.safeParse(JSON.parse(row.goal));
    // An entry that no longer reads as a goal is left out rather than failing the library.
    if (parsed.success)
      stored.push({
        ...parsed.data,
        id: row.id,
        source: row.source,
        sourceLabel: row.source_label,
        seedGoal: null,
      });
  }
  return [
    ...lanternGoalLibrary,
    ...stored.filter((g) => g.source === "programme"),
    ...stored.filter((g) => g.source === "imported"),
  ];
}

/** Adds or edits one of the programme's own entries under an id made by the app. */
export async function saveLibraryGoal(
  db: Db,
  organisationId: string,
  goalId: string,
  userId: string,
  input: LibraryGoalInput,
): Promise<{ created: boolean; goal: LibraryGoal }> {
  const now = new Date();
  const existing = await findLibraryGoal(db.kysely, goalId);
  const goal: LibraryGoal = { ...input, id: goalId, source: "programme", sourceLabel: null, seedGoal: null };
  if (existing) {
    // Lantern's and imported entries are not edited here; another programme's id is not found.
    if (existing.organisation_id !== organisationId) throw notFound();
    if (existing.source !== "programme")
      throw new HttpProblem(409, "conflict", "Imported entries change only by importing the library again.");
    await updateLibraryGoal(db.kysely, goalId, JSON.stringify(input), now);
    return { created: false, goal };
  }
  try {
    await insertLibraryGoals(db.kysely, [
      {
        id: goalId,
        organisation_id: organisationId,
        source: "programme",
        source_label: null,
        goal: JSON.stringify(input),
        created_by_user_id: userId,
        created_at: now,
        updated_at: now,
      },
    ]);
  } catch (error) {
    if (isUniqueViolation(error)) return saveLibraryGoal(db, organisationId, goalId, userId, input);
    throw error;
  }
  return { created: true, goal };
}

/**
 * Imports a licensed library the programme holds, as data: every entry is validated first (the
 * request schema), then the library's earlier import is replaced in one transaction.
 */
export async function importLibrary(
  db: Db,
  organisationId: string,
  userId: string,
  body: ImportLibraryRequest,
): Promise<{ imported: number }> {
  const label = `${body.source} (${body.licence})`;
  const now = new Date();
  await db.kysely.transaction().execute(async (trx) => {
    await deleteImported(trx, organisationId, label);
    await insertLibraryGoals(
      trx,
      body.goals.map((goal) => ({
        id: uuidv7(),
        organisation_id: organisationId,
        source: "imported" as const,
        source_label: label,
        goal: JSON.stringify(goal),
        created_by_user_id: userId,
        created_at: now,
        updated_at: now,
      })),
    );
  });
  return { imported: body.goals.length };
}

// --- the plan --------------------------------------------------------------------------------------

function parseContent(stored: string) {
  const parsed = PlanContent.safeParse(JSON.parse(stored));
  return parsed.success ? parsed.data : emptyPlanContent();
}

type SignatureRow = Awaited<ReturnType<typeof signaturesOf>>[number];

function toVersionView(row: VersionRow, signatures: SignatureRow[], required: SignerRole[]): PlanVersionView {
  const mine = signatures.filter((s) => s.version_id === row.id);
  const signed = new Set(mine.map((s) => s.role));
  return {
    id: row.id,
    version: row.version,
    status: row.signed_at ? "signed" : mine.length > 0 ? "awaiting_signatures" : "draft",
    revision: row.revision,
    content: parseContent(row.content),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    signedAt: row.signed_at ? toIso(row.signed_at) : null,
    signatures: mine.map((s) => ({
      id: s.id,
      role: s.role as SignerRole,
      signerUserId: s.signer_user_id,
      signerName: s.signer_name,
      signedAt: toIso(s.signed_at),
      contentHash: s.content_hash,
    })),
    awaitingRoles: row.signed_at ? [] : required.filter((role) => !signed.has(role)),
  };
}

/** Fields of the plan whose text another client's plan in the programme already holds. */
async function copiedFields(
  db: Executor,
  clientId: string,
  organisationId: string | null,
  content: PlanContent,
): Promise<string[]> {
  if (!organisationId) return [];
  const texts = individualTexts(content).map((t) => ({ ...t, norm: normaliseForComparison(t.text) }));
  const found = await textsOfOtherClients(
    db,
    clientId,
    organisationId,
    texts.map((t) => t.norm),
  );
  return texts.filter((t) => found.has(t.norm)).map((t) => t.field);
}

/** The client's intake problem list, most severe first (the intake feature's own order). */
async function intakeProblemsOf(db: Executor, clientId: string): Promise<IntakeProblemForPlan[]> {
  return (await problemsOfClient(db, clientId)).map((row) => ({
    id: row.id,
    area: row.area,
    title: row.title,
    detail: row.detail,
    severity: row.severity,
  }));
}

const severeOnly = (problems: IntakeProblemForPlan[]) =>
  problems.filter((p) => p.severity === "severe").map((p) => ({ id: p.id, title: p.title }));

/**
 * Every objective of any version of the client's plan, id → description (the newest version's
 * wording). Objectives keep their ids from version to version, so a note or an exercise linked to an
 * objective of an earlier version still names it. Progress notes and exercises validate links here.
 */
export async function planObjectivesOf(db: Executor, clientId: string): Promise<Map<string, string>> {
  const objectives = new Map<string, string>();
  for (const row of await versionsOf(db, clientId))
    for (const objective of parseContent(row.content).objectives)
      if (!objectives.has(objective.id)) objectives.set(objective.id, objective.description);
  return objectives;
}

/** Progress of linked objectives, computed from the record (never typed). */
async function progressOf(
  db: Executor,
  clientId: string,
  content: PlanContent,
  today: string,
): Promise<ObjectiveProgress[]> {
  const linked = content.objectives.filter((o) => o.link);
  if (linked.length === 0) return [];
  const instrumentIds = [
    ...new Set(
      linked.flatMap((o) =>
        o.link?.kind === "instrument_score" && o.link.instrumentId ? [o.link.instrumentId] : [],
      ),
    ),
  ];
  const since = addDays(today, -6);
  const [scores, week, reviewed] = await Promise.all([
    latestScores(db, clientId, instrumentIds),
    weekCounts(db, clientId, since),
    reviewedCountsByObjective(
      db,
      clientId,
      linked.filter((o) => o.link?.kind === "exercises_completed").map((o) => o.id),
    ),
  ]);
  return linked.map((objective) => {
    const link = objective.link!;
    const result = (current: number | null, label: string): ObjectiveProgress => ({
      objectiveId: objective.id,
      current,
      label,
      met: current === null ? null : targetMet(current, link.direction, link.value),
    });
    switch (link.kind) {
      case "instrument_score": {
        const latest = scores.find((s) => s.instrument_id === link.instrumentId && s.result);
        const title = assignableInstrument(link.instrumentId ?? "")?.id.toUpperCase() ?? link.instrumentId;
        if (!latest?.result || !latest.completed_at) return result(null, `No completed ${title} yet`);
        const total = (JSON.parse(latest.result) as { total: number }).total;
        return result(total, `Latest ${title} total, ${toIso(latest.completed_at).slice(0, 10)}`);
      }
      case "check_ins_per_week":
        return result(week.checkIns, `Check-ins in the last 7 days (since ${since})`);
      case "urges_logged_per_week":
        return result(week.urgesLogged, `Urges logged in the last 7 days (since ${since})`);
      case "urges_surfed_per_week":
        return result(week.urgesSurfed, `Urges that passed in the last 7 days (since ${since})`);
      case "exercises_completed":
        // Only exercises assigned against this objective count, once the clinician has reviewed them:
        // a submitted exercise is not yet complete, and work for another objective is not this one's.
        return result(
          reviewed.get(objective.id) ?? 0,
          "Exercises for this objective, completed and reviewed",
        );
    }
  });
}

/** The client's plan: newest version, the last signed one, quality, progress, review and signers. */
export async function getTreatmentPlan(
  db: Executor,
  access: ClientAccess,
  now = new Date(),
): Promise<TreatmentPlanView> {
  const { clientId, organisationId } = access;
  const [context, settings, rows, signatures, review, staff, intakeProblems] = await Promise.all([
    loadClientContext(db, clientId, now),
    getPlanSettings(db, organisationId),
    versionsOf(db, clientId),
    signaturesOf(db, clientId),
    latestReview(db, clientId),
    careTeamOf(db, clientId),
    intakeProblemsOf(db, clientId),
  ]);
  const required = requiredSignerRoles(settings);
  const current = rows[0] ? toVersionView(rows[0], signatures, required) : null;
  const signedRow = rows.find((r) => r.signed_at);
  const lastSigned =
    signedRow && signedRow.id !== rows[0]?.id ? toVersionView(signedRow, signatures, required) : null;

  const content = current?.content ?? emptyPlanContent();
  const [copied, progress] = await Promise.all([
    current ? copiedFields(db, clientId, organisationId, content) : Promise.resolve([]),
    progressOf(db, clientId, content, context.today),
  ]);
  const signedDay = signedRow?.signed_at ? localDateOf(signedRow.signed_at, context.timeZone) : null;
  const reviewed =
    [signedDay, review?.reviewed_on ?? null]
      .filter((d): d is string => d !== null)
      .sort()
      .at(-1) ?? null;
  return {
    current,
    lastSigned,
    versions: rows.map((r) => ({
      id: r.id,
      version: r.version,
      status: toVersionView(r, signatures, required).status,
    })),
    quality: current ? checkPlanQuality(content, copied, severeOnly(intakeProblems)) : [],
    progress,
    review: reviewState(reviewed, context.today, settings),
    requiredRoles: required,
    staff,
    intakeProblems,
  };
}

/**
 * Starts a draft version: the first is empty, a later one copies the newest version. Only one draft
 * at a time; the same id again returns the plan as it is.
 */
export async function startVersion(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  versionId: string,
): Promise<{ created: boolean; plan: TreatmentPlanView }> {
  const { clientId } = access;
  const existing = await findVersion(db.kysely, versionId);
  if (existing) {
    if (existing.client_id !== clientId)
      throw new HttpProblem(409, "conflict", "A version with this id already exists with other details.");
    return { created: false, plan: await getTreatmentPlan(db.kysely, access) };
  }
  const now = new Date();
  try {
    await db.kysely.transaction().execute(async (trx) => {
      const [latest] = await versionsOf(trx, clientId);
      if (latest && !latest.signed_at) {
        const signatures = (await signaturesOf(trx, clientId)).filter((s) => s.version_id === latest.id);
        if (signatures.length === 0)
          throw new HttpProblem(
            409,
            "conflict",
            "There is already a draft of this plan.",
            "Edit that draft instead.",
          );
      }
      const content = latest ? parseContent(latest.content) : emptyPlanContent();
      await insertVersion(trx, {
        id: versionId,
        client_id: clientId,
        version: (latest?.version ?? 0) + 1,
        revision: 0,
        content: JSON.stringify(content),
        created_by_user_id: actor.userId,
        created_at: now,
        updated_at: now,
        signed_at: null,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      const again = await findVersion(db.kysely, versionId);
      if (again?.client_id === clientId)
        return { created: false, plan: await getTreatmentPlan(db.kysely, access) };
      throw new HttpProblem(
        409,
        "conflict",
        "Someone started a new version at the same time.",
        "Load the plan again.",
      );
    }
    throw error;
  }
  return { created: true, plan: await getTreatmentPlan(db.kysely, access) };
}

async function ownVersion(db: Executor, clientId: string, versionId: string) {
  const row = await findVersion(db, versionId);
  if (!row || row.client_id !== clientId) throw notFound();
  return row;
}

/** Saves the whole draft (when it is at `revision`, unsigned and the newest version). */
export async function saveDraft(
  db: Db,
  access: ClientAccess,
  versionId: string,
  body: SavePlanDraftRequest,
): Promise<TreatmentPlanView> {
  const { clientId, organisationId } = access;
  const row = await ownVersion(db.kysely, clientId, versionId);
  if (row.signed_at) throw locked();
  const [latest] = await versionsOf(db.kysely, clientId);
  if (latest?.id !== row.id)
    throw new HttpProblem(
      409,
      "conflict",
      "A newer version of this plan exists.",
      "Open the newest version.",
    );

  const errors = planStructureErrors(body.content);
  const staff = new Set((await careTeamOf(db.kysely, clientId)).map((s) => s.userId));
  // A plan problem names a problem of this client's intake (or one the stored draft already named,
  // so a problem later removed from the intake does not stop the draft from saving).
  const intakeIds = new Set([
    ...(await intakeProblemsOf(db.kysely, clientId)).map((p) => p.id),
    ...parseContent(row.content).problems.map((p) => p.intakeProblemId),
  ]);
  for (const problem of body.content.problems)
    if (problem.intakeProblemId !== null && !intakeIds.has(problem.intakeProblemId))
      errors.push({
        field: `problems.${problem.id}.intakeProblemId`,
        message: "Pick a problem from this client's intake.",
      });
  for (const intervention of body.content.interventions)
    if (intervention.responsibleUserId !== null && !staff.has(intervention.responsibleUserId))
      errors.push({
        field: `interventions.${intervention.id}.responsibleUserId`,
        message: "Pick someone on the client's care team.",
      });
  if (errors.length > 0) throw invalid("Parts of the plan do not fit together.", errors);

  await db.kysely.transaction().execute(async (trx) => {
    const saved = await updateDraft(trx, versionId, body.revision, {
      content: JSON.stringify(body.content),
      revision: body.revision + 1,
      updated_at: new Date(),
    });
    if (!saved) {
      const now = await ownVersion(trx, clientId, versionId);
      if (now.signed_at) throw locked();
      if ((await signaturesOf(trx, clientId)).some((s) => s.version_id === versionId))
        throw new HttpProblem(
          409,
          "conflict",
          "Someone has already signed this version, so it cannot change.",
          "Start a new version to make changes; it will need signing again.",
        );
      throw new HttpProblem(
        409,
        "conflict",
        "The plan changed since you opened it.",
        "Load it again, then make your change.",
      );
    }
    await replaceTexts(
      trx,
      clientId,
      organisationId,
      individualTexts(body.content).map((t) => ({ field: t.field, text: normaliseForComparison(t.text) })),
    );
  });
  return getTreatmentPlan(db.kysely, access);
}

/** SHA-256 (hex) of the canonical text a signature covers. */
export function contentHash(clientId: string, row: VersionRow): string {
  const text = canonicalSignedContent(
    { clientId, versionId: row.id, version: row.version },
    parseContent(row.content),
  );
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Signs the newest version in a role. The client signs as themself; staff on the care team (or with
 * emergency access) sign as clinician or supervisor, and a supervisor is someone other than the
 * clinician who signed. Blocking quality issues refuse the signature with each reason named. Once every
 * required role has signed, the version locks.
 */
export async function signVersion(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  versionId: string,
  role: SignerRole,
): Promise<TreatmentPlanView> {
  const { clientId, organisationId, via } = access;
  const roleError = (message: string) =>
    invalid("You cannot sign in that role.", [{ field: "role", message }]);
  if (role === "client" && via !== "self") throw roleError("Only the client signs as the client.");
  if (role !== "client" && via === "self") throw roleError("Sign as the client.");

  const settings = await getPlanSettings(db.kysely, organisationId);
  const required = requiredSignerRoles(settings);
  if (!required.includes(role)) throw roleError("This programme does not ask for a supervisor's signature.");

  const first = await ownVersion(db.kysely, clientId, versionId);
  if (first.signed_at) throw locked();
  const now = new Date();
  try {
    await db.kysely.transaction().execute(async (trx) => {
      if (!(await takeForSigning(trx, versionId, now))) throw locked();
      // Read again under the lock: the content signed is the content stored now.
      const row = await ownVersion(trx, clientId, versionId);
      const [latest] = await versionsOf(trx, clientId);
      if (latest?.id !== row.id)
        throw new HttpProblem(
          409,
          "conflict",
          "A newer version of this plan exists.",
          "Open the newest version.",
        );
      const severe = severeOnly(await intakeProblemsOf(trx, clientId));
      const issues = checkPlanQuality(parseContent(row.content), [], severe).filter(
        (issue) => issue.level === "blocking",
      );
      if (issues.length > 0)
        throw invalid(
          "The plan is not ready to sign.",
          issues.map((issue) => ({ field: issue.field, message: issue.message })),
        );
      const signatures = (await signaturesOf(trx, clientId)).filter((s) => s.version_id === versionId);
      if (signatures.some((s) => s.role === role))
        throw new HttpProblem(409, "conflict", `This version already has a ${role}'s signature.`);
      if (
        role !== "client" &&
        signatures.some((s) => s.role !== "client" && s.signer_user_id === actor.userId)
      )
        throw new HttpProblem(
          409,
          "conflict",
          "You have already signed this version.",
          "A supervisor's signature comes from someone other than the clinician.",
        );
      await insertSignature(trx, {
        id: uuidv7(),
        version_id: versionId,
        client_id: clientId,
        role,
        signer_user_id: actor.userId,
        content_hash: contentHash(clientId, row),
        signed_at: now,
      });
      const roles = new Set([...signatures.map((s) => s.role), role]);
      if (required.every((r) => roles.has(r))) await lockVersion(trx, versionId, now);
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new HttpProblem(409, "conflict", `This version already has a ${role}'s signature.`);
    throw error;
  }
  return getTreatmentPlan(db.kysely, access);
}

/** Records a review of the signed plan (the next one is due a cadence after it). */
export async function recordReview(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  body: RecordPlanReviewRequest,
): Promise<{ created: boolean; plan: TreatmentPlanView }> {
  const { clientId } = access;
  const existing = await findReview(db.kysely, body.id);
  if (existing) {
    if (existing.client_id !== clientId || existing.note !== body.note)
      throw new HttpProblem(
        409,
        "conflict",
        "A review with this id was already recorded with other details.",
      );
    return { created: false, plan: await getTreatmentPlan(db.kysely, access) };
  }
  const signed = (await versionsOf(db.kysely, clientId)).find((r) => r.signed_at);
  if (!signed)
    throw new HttpProblem(409, "conflict", "There is no signed plan to review yet.", "Sign the plan first.");
  const { today } = await loadClientContext(db.kysely, clientId);
  try {
    await insertReview(db.kysely, {
      id: body.id,
      client_id: clientId,
      version_id: signed.id,
      reviewed_by_user_id: actor.userId,
      note: body.note,
      reviewed_on: today,
      created_at: new Date(),
    });
  } catch (error) {
    if (isUniqueViolation(error)) return recordReview(db, access, actor, body);
    throw error;
  }
  return { created: true, plan: await getTreatmentPlan(db.kysely, access) };
}

// --- the caseload --------------------------------------------------------------------------------

/**
 * Caseload flags for plans whose review is due within two weeks or overdue, for a whole list of
 * clients of one programme (a few queries, whatever the length of the list).
 */
export async function planReviewFlags(
  db: Executor,
  organisationId: string,
  clients: readonly { id: string; timeZone: string; today: string }[],
): Promise<Map<string, CaseloadFlag>> {
  const ids = clients.map((c) => c.id);
  const [settings, basis] = await Promise.all([
    getPlanSettings(db, organisationId),
    reviewBasisOfClients(db, ids),
  ]);
  const signedBy = new Map(basis.signed.map((r) => [r.client_id, r.signed_at]));
  const reviewedBy = new Map(basis.reviewed.map((r) => [r.client_id, r.reviewed_on]));
  const flags = new Map<string, CaseloadFlag>();
  for (const client of clients) {
    const signedAt = signedBy.get(client.id);
    if (!signedAt) continue;
    const days = [localDateOf(signedAt, client.timeZone), reviewedBy.get(client.id) ?? null]
      .filter((d): d is string => d !== null)
      .sort();
    const state = reviewState(days.at(-1) ?? null, client.today, settings);
    if (state.status === "overdue")
      flags.set(client.id, {
        kind: "plan_review",
        detail: `Treatment plan review overdue since ${state.dueDate}`,
      });
    else if (state.status === "due_soon")
      flags.set(client.id, { kind: "plan_review", detail: `Treatment plan review due by ${state.dueDate}` });
  }
  return flags;
}

// --- PDF -------------------------------------------------------------------------------------------

const roleNames: Record<SignerRole, string> = {
  client: "Client",
  clinician: "Clinician",
  supervisor: "Supervisor",
};
const severityNames = { mild: "mild", moderate: "moderate", severe: "severe" } as const;

/** The newest signed version as lines for the PDF, with each signature (who, role, time, hash). */
export async function signedPlanLines(db: Executor, access: ClientAccess): Promise<PdfLine[]> {
  const plan = await getTreatmentPlan(db, access);
  const version = plan.current?.status === "signed" ? plan.current : plan.lastSigned;
  if (!version) throw new HttpProblem(409, "conflict", "There is no signed plan yet.");
  const client = await clientName(db, access.clientId);
  const staffNames = new Map(plan.staff.map((s) => [s.userId, s.name]));
  const { content } = version;
  const out: PdfLine[] = [
    { text: "Treatment plan", heading: true },
    { text: `Client: ${client?.name ?? ""}` },
    {
      text: `Version ${version.version}, signed and locked ${version.signedAt?.slice(0, 16).replace("T", " ")} UTC`,
    },
    { text: "" },
  ];
  content.problems.forEach((problem, p) => {
    out.push({
      text: `Problem ${p + 1}: ${problem.title} (${severityNames[problem.severity]})`,
      heading: true,
    });
    for (const goal of content.goals.filter((g) => g.problemId === problem.id)) {
      out.push({ text: `Goal, in the client's words: "${goal.clientWords}"` });
      out.push({ text: `Clinical statement: ${goal.statement}` });
      for (const objective of content.objectives.filter((o) => o.goalId === goal.id)) {
        out.push({ text: `- Objective: ${objective.description}` });
        out.push({
          text: `  Measure: ${objective.metric || "linked record"}; baseline: ${objective.baseline || "not recorded"}; target: ${objective.target || (objective.link ? `${objective.link.direction === "below" ? "at or below" : "at or above"} ${objective.link.value}` : "")}; by ${objective.targetDate ?? ""}`,
        });
      }
      for (const intervention of content.interventions.filter((i) => i.goalId === goal.id))
        out.push({
          text: `- Intervention: ${intervention.modality}, ${intervention.frequency}${intervention.responsibleUserId ? `; responsible: ${staffNames.get(intervention.responsibleUserId) ?? "care team"}` : ""}`,
        });
    }
    out.push({ text: "" });
  });
  out.push({ text: "Signatures", heading: true });
  for (const signature of version.signatures) {
    out.push({
      text: `${roleNames[signature.role]}: ${signature.signerName}, ${signature.signedAt.slice(0, 19).replace("T", " ")} UTC`,
    });
    // The hash on a line of its own, so it is never broken across lines.
    out.push({ text: "SHA-256 of the signed content:" });
    out.push({ text: signature.contentHash });
  }
  return out;
}
