import {
  type AssessmentResult,
  type AssessmentView,
  type AssignAssessmentRequest,
  answerCodes,
  assignableInstrument,
  givenInstrument,
  type InstrumentDefinition,
  isUnscoredCheck,
  type SaveAnswersRequest,
  scoreResponse,
  toFhirResponse,
  unansweredItems,
} from "@lantern/domain";
import type { Selectable } from "kysely";
import type { Actor } from "../../access/actor.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { AssessmentsTable } from "../../db/schema.js";
import { toIso } from "../../db/schema.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import { loadClientContext, toBool } from "../recovery/client-context.js";
import {
  assessmentsOf,
  findAssessment,
  insertAssessment,
  updateOpenAssessment,
} from "./assessments.repository.js";

type AssessmentRow = Selectable<AssessmentsTable>;

const invalid = (errors: FieldError[], title = "Some answers need attention.") =>
  new HttpProblem(400, "validation", title, undefined, errors);

const notFound = () => new HttpProblem(404, "notFound", "Not found.");

function parseAnswers(stored: string): Record<string, number> {
  const parsed: unknown = JSON.parse(stored);
  return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, number>) : {};
}

/** The view of a stored assessment. */
export function toAssessmentView(row: AssessmentRow): AssessmentView {
  const definition = givenInstrument(row.instrument_id);
  return {
    id: row.id,
    instrumentId: row.instrument_id,
    title: definition?.title ?? row.instrument_id,
    status: row.status,
    dueDate: row.due_date,
    answers: parseAnswers(row.answers),
    result: row.result ? (JSON.parse(row.result) as AssessmentResult) : null,
    safetyFlag: toBool(row.safety_flag),
    createdAt: toIso(row.created_at),
    completedAt: row.completed_at ? toIso(row.completed_at) : null,
  };
}

/**
 * A clinician assigns a questionnaire. Only instruments that ship with their text and can be scored
 * (PHQ-9, GAD-7); the due date, if any, is the client's local day and not before their today. The
 * same id again for the same client and instrument changes nothing (200).
 */
export async function assignAssessment(
  db: Db,
  clientId: string,
  actor: Actor,
  body: AssignAssessmentRequest,
  now = new Date(),
): Promise<{ created: boolean; assessment: AssessmentView }> {
  const existing = await findAssessment(db.kysely, body.id);
  if (existing) {
    if (existing.client_id !== clientId || existing.instrument_id !== body.instrumentId)
      throw new HttpProblem(
        409,
        "conflict",
        "An assessment with this id was already assigned with other details.",
      );
    return { created: false, assessment: toAssessmentView(existing) };
  }
  const definition = assignableInstrument(body.instrumentId);
  if (!definition)
    throw invalid(
      [
        {
          field: "instrumentId",
          message: "Pick PHQ-9 or GAD-7; other questionnaires cannot be assigned yet.",
        },
      ],
      "That questionnaire cannot be assigned.",
    );
  const dueDate = body.dueDate ?? null;
  if (dueDate !== null) {
    const { today } = await loadClientContext(db.kysely, clientId, now);
    if (dueDate < today)
      throw invalid([{ field: "dueDate", message: "Pick today or a later day." }], "That day has passed.");
  }
  const row: AssessmentRow = {
    id: body.id,
    client_id: clientId,
    instrument_id: definition.id,
    assigned_by_user_id: actor.userId,
    due_date: dueDate,
    status: "due",
    answers: "{}",
    result: null,
    safety_flag: false,
    created_at: now,
    updated_at: now,
    completed_at: null,
    schedule_id: null,
    occurrence_day: null,
  };
  try {
    await insertAssessment(db.kysely, row);
  } catch (error) {
    // The same request arrived twice at once: the other one stored it; answer as for a retry.
    if (isUniqueViolation(error)) return assignAssessment(db, clientId, actor, body, now);
    throw error;
  }
  return { created: true, assessment: toAssessmentView(row) };
}

/** The client's assessments, newest first. */
export async function listAssessments(db: Db, clientId: string): Promise<AssessmentView[]> {
  return (await assessmentsOf(db.kysely, clientId)).map(toAssessmentView);
}

async function openRow(db: Db, clientId: string, assessmentId: string) {
  const row = await findAssessment(db.kysely, assessmentId);
  if (!row || row.client_id !== clientId) throw notFound();
  const definition = givenInstrument(row.instrument_id);
  if (!definition) throw notFound();
  return { row, definition };
}

/** Each answer must name an item of the instrument and one of its option values. */
function checkAnswers(definition: InstrumentDefinition, answers: Record<string, number>): void {
  const errors: FieldError[] = [];
  for (const [itemId, value] of Object.entries(answers)) {
    const item = definition.items.find((candidate) => candidate.id === itemId);
    if (!item) {
      errors.push({ field: `answers.${itemId}`, message: "This questionnaire has no such question." });
      continue;
    }
    if (!item.options.some((option) => option.value === value))
      errors.push({
        field: `answers.${itemId}`,
        message: `Pick one of the answers (${item.options.map((option) => option.value).join(", ")}).`,
      });
  }
  if (errors.length > 0) throw invalid(errors);
}

/**
 * The client saves answers as they go (a draft), or submits: then every scored item must be
 * answered; the total, band and flags are stored once and the assessment cannot change again.
 * Lantern's unscored checks (the follow-up check) need every question answered and store no result.
 */
export async function saveAnswers(
  db: Db,
  clientId: string,
  assessmentId: string,
  body: SaveAnswersRequest,
  now = new Date(),
): Promise<AssessmentView> {
  const { row, definition } = await openRow(db, clientId, assessmentId);
  if (row.status === "completed")
    throw new HttpProblem(409, "conflict", "This questionnaire is already complete and cannot change.");
  checkAnswers(definition, body.answers);

  let changes: Partial<AssessmentRow> = {
    answers: JSON.stringify(body.answers),
    status: "draft",
    updated_at: now,
  };
  if (body.submit && isUnscoredCheck(definition)) {
    const missing = unansweredItems(definition, body.answers);
    if (missing.length > 0)
      throw invalid(
        missing.map((itemId) => ({
          field: `answers.${itemId}`,
          message: "Answer this question before you finish.",
        })),
        "A few questions still need an answer.",
      );
    changes = { ...changes, status: "completed", result: null, safety_flag: false, completed_at: now };
  } else if (body.submit) {
    const score = scoreResponse(definition, answerCodes(definition, body.answers));
    if (!score.ok)
      throw invalid(
        score.problems.map((problem) => ({
          field: problem.itemId ? `answers.${problem.itemId}` : "answers",
          message:
            problem.kind === "missing_answer" ? "Answer this question before you finish." : problem.message,
        })),
        "A few questions still need an answer.",
      );
    const result: AssessmentResult = {
      total: score.total,
      band: score.band?.label ?? null,
      flags: score.flags,
    };
    changes = {
      ...changes,
      status: "completed",
      result: JSON.stringify(result),
      safety_flag: score.flags.some((flag) => flag.flag === "safety"),
      completed_at: now,
    };
  }
  if (!(await updateOpenAssessment(db.kysely, assessmentId, clientId, changes)))
    throw new HttpProblem(409, "conflict", "This questionnaire is already complete and cannot change.");
  return toAssessmentView({ ...row, ...changes } as AssessmentRow);
}

/** A completed assessment as FHIR R4: a QuestionnaireResponse and an Observation for the total. */
export async function assessmentAsFhir(db: Db, clientId: string, assessmentId: string) {
  const { row, definition } = await openRow(db, clientId, assessmentId);
  if (row.status !== "completed" || !row.completed_at)
    throw new HttpProblem(409, "conflict", "This questionnaire is not complete yet.");
  const exported = toFhirResponse(definition, answerCodes(definition, parseAnswers(row.answers)), {
    subject: `Patient/${clientId}`,
    authored: toIso(row.completed_at),
    responseId: row.id,
  });
  if (!exported.ok) throw new HttpProblem(409, "conflict", "This questionnaire cannot be exported.");
  return { questionnaireResponse: exported.questionnaireResponse, observations: exported.observations };
}
