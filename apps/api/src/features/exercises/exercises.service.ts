import {
  type AssignExerciseRequest,
  checkExerciseAnswers,
  circleProposalOf,
  type ExerciseAnswers,
  type ExerciseView,
  exerciseTemplate,
  isOpenForClient,
  missingRequired,
  type ReviewExerciseRequest,
  type SaveExerciseRequest,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import type { ExerciseAssignmentsTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import { namesOf } from "../progress-notes/progress-notes.repository.js";
import { loadClientContext } from "../recovery/client-context.js";
import { planObjectivesOf } from "../treatment-plans/treatment-plans.service.js";
import {
  exercisesOf,
  findExercise,
  findReview,
  insertExercise,
  insertReview,
  reviewsOf,
  updateExerciseIn,
} from "./exercises.repository.js";

type ExerciseRow = Selectable<ExerciseAssignmentsTable>;

const notFound = () => new HttpProblem(404, "notFound", "Not found.");
const invalid = (errors: FieldError[], title = "Some answers need attention.") =>
  new HttpProblem(400, "validation", title, undefined, errors);

const closedForClient = (status: ExerciseRow["status"]) =>
  status === "reviewed"
    ? new HttpProblem(409, "conflict", "This exercise has been reviewed and cannot change.")
    : new HttpProblem(
        409,
        "conflict",
        "This exercise is with your clinician now.",
        "It can change again if they hand it back.",
      );

function parseAnswers(stored: string): ExerciseAnswers {
  const parsed: unknown = JSON.parse(stored);
  return typeof parsed === "object" && parsed !== null ? (parsed as ExerciseAnswers) : {};
}

async function toViews(db: Executor, rows: ExerciseRow[]): Promise<ExerciseView[]> {
  const [reviews, names] = await Promise.all([
    reviewsOf(
      db,
      rows.map((row) => row.id),
    ),
    namesOf(
      db,
      rows.map((row) => row.assigned_by_user_id),
    ),
  ]);
  return rows.map((row) => {
    const template = exerciseTemplate(row.template_id);
    const answers = parseAnswers(row.answers);
    return {
      id: row.id,
      templateId: row.template_id,
      title: template?.title ?? row.template_id,
      status: row.status,
      dueDate: row.due_date,
      objectiveId: row.objective_id,
      answers,
      assignedBy: names.get(row.assigned_by_user_id) ?? "",
      createdAt: toIso(row.created_at),
      submittedAt: row.submitted_at ? toIso(row.submitted_at) : null,
      reviews: reviews
        .filter((review) => review.exercise_id === row.id)
        .map((review) => ({
          decision: review.decision,
          comment: review.comment,
          reviewer: review.reviewer,
          createdAt: toIso(review.created_at),
        })),
      circleProposal:
        template && (row.status === "submitted" || row.status === "reviewed")
          ? circleProposalOf(template, answers)
          : [],
    };
  });
}

async function oneView(db: Executor, id: string): Promise<ExerciseView> {
  const row = await findExercise(db, id);
  if (!row) throw notFound();
  const [view] = await toViews(db, [row]);
  if (!view) throw notFound();
  return view;
}

async function exerciseOf(db: Db, clientId: string, exerciseId: string): Promise<ExerciseRow> {
  const row = await findExercise(db.kysely, exerciseId);
  if (!row || row.client_id !== clientId) throw notFound();
  return row;
}

/**
 * The care team assigns one of Lantern's templates, due on a day of the client's (today or later),
 * optionally toward an objective of the client's treatment plan (any version; another id is 400). The
 * same id again changes nothing (200).
 */
export async function assignExercise(
  db: Db,
  clientId: string,
  actor: Actor,
  body: AssignExerciseRequest,
  now = new Date(),
): Promise<{ created: boolean; exercise: ExerciseView }> {
  const existing = await findExercise(db.kysely, body.id);
  if (existing) {
    if (
      existing.client_id !== clientId ||
      existing.template_id !== body.templateId ||
      existing.objective_id !== (body.objectiveId ?? null)
    )
      throw new HttpProblem(
        409,
        "conflict",
        "An exercise with this id was already assigned with other details.",
      );
    return { created: false, exercise: await oneView(db.kysely, existing.id) };
  }
  const template = exerciseTemplate(body.templateId);
  if (!template)
    throw invalid(
      [{ field: "templateId", message: "Pick one of Lantern's exercises." }],
      "That exercise does not exist.",
    );
  const { today } = await loadClientContext(db.kysely, clientId, now);
  if (body.dueDate < today)
    throw invalid([{ field: "dueDate", message: "Pick today or a later day." }], "That day has passed.");
  if (body.objectiveId && !(await planObjectivesOf(db.kysely, clientId)).has(body.objectiveId))
    throw invalid(
      [{ field: "objectiveId", message: "Pick an objective of this client's treatment plan." }],
      "That objective is not in this client's plan.",
    );
  try {
    await insertExercise(db.kysely, {
      id: body.id,
      client_id: clientId,
      template_id: template.id,
      objective_id: body.objectiveId ?? null,
      assigned_by_user_id: actor.userId,
      due_date: body.dueDate,
      status: "assigned",
      answers: "{}",
      created_at: now,
      updated_at: now,
      submitted_at: null,
    });
  } catch (error) {
    if (isUniqueViolation(error)) return assignExercise(db, clientId, actor, body, now);
    throw error;
  }
  return { created: true, exercise: await oneView(db.kysely, body.id) };
}

/** The client's exercises, newest first. */
export async function listExercises(db: Db, clientId: string): Promise<ExerciseView[]> {
  return toViews(db.kysely, await exercisesOf(db.kysely, clientId));
}

/**
 * The client saves a draft, or submits: then every required prompt must be answered (each empty one
 * is named). Once submitted it waits for review; a returned one opens again.
 */
export async function saveExercise(
  db: Db,
  clientId: string,
  exerciseId: string,
  body: SaveExerciseRequest,
  now = new Date(),
): Promise<ExerciseView> {
  const row = await exerciseOf(db, clientId, exerciseId);
  const template = exerciseTemplate(row.template_id);
  if (!template) throw notFound();
  if (!isOpenForClient(row.status)) throw closedForClient(row.status);
  const problems = checkExerciseAnswers(template, body.answers);
  if (problems.length > 0) throw invalid(problems);
  if (body.submit) {
    const missing = missingRequired(template, body.answers);
    if (missing.length > 0) throw invalid(missing, "A few prompts still need an answer.");
  }
  const changes = {
    answers: JSON.stringify(body.answers),
    updated_at: now,
    ...(body.submit
      ? { status: "submitted" as const, submitted_at: now }
      : { status: "in_progress" as const }),
  };
  if (
    !(await updateExerciseIn(
      db.kysely,
      exerciseId,
      clientId,
      ["assigned", "in_progress", "returned"],
      changes,
    ))
  )
    throw closedForClient("submitted");
  return oneView(db.kysely, exerciseId);
}

/**
 * A clinician of the care team reviews a submitted exercise with a comment: done (reviewed, then it
 * never changes), or returned for more work (the client can write in it again).
 */
export async function reviewExercise(
  db: Db,
  clientId: string,
  exerciseId: string,
  actor: Actor,
  body: ReviewExerciseRequest,
  now = new Date(),
): Promise<ExerciseView> {
  const row = await exerciseOf(db, clientId, exerciseId);
  const earlier = await findReview(db.kysely, body.id);
  if (earlier) {
    // A retry of the same review changes nothing; the same id for anything else is refused.
    if (
      earlier.exercise_id !== exerciseId ||
      earlier.decision !== body.decision ||
      earlier.comment !== body.comment
    )
      throw new HttpProblem(409, "conflict", "A review with this id was already given with other details.");
    return oneView(db.kysely, exerciseId);
  }
  if (row.status !== "submitted")
    throw new HttpProblem(
      409,
      "conflict",
      row.status === "reviewed"
        ? "This exercise is already reviewed."
        : "This exercise has not been submitted.",
    );
  const done = await db.kysely.transaction().execute(async (trx) => {
    const moved = await updateExerciseIn(trx, exerciseId, clientId, ["submitted"], {
      status: body.decision,
      updated_at: now,
    });
    if (!moved) return false;
    await insertReview(trx, {
      id: body.id,
      exercise_id: exerciseId,
      reviewer_user_id: actor.userId,
      decision: body.decision,
      comment: body.comment,
      created_at: now,
    });
    return true;
  });
  if (!done) throw new HttpProblem(409, "conflict", "This exercise was reviewed meanwhile.");
  return oneView(db.kysely, exerciseId);
}
