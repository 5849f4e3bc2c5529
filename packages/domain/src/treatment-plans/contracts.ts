import { z } from "zod";
import { problemSeverities } from "../intake/rules.js";
import { LocalDateText } from "../recovery/contracts.js";

/**
 * Contracts for individualised treatment plans: problem → goal (the client's own words and a clinical
 * statement) → measurable objectives → interventions, held as versions that the client and the
 * clinician (and a supervisor where the programme asks) sign. Requests are strict: unknown fields are
 * refused with the field named.
 */

const Id = z.uuid("Use an id made by the app (a UUID).");
const text = (max: number, message = "Write a little here.") => z.string().trim().min(1, message).max(max);
const optionalText = (max: number) => z.string().trim().max(max);

/** The same three severities as the intake's problem list, so its problems carry over as they are. */
export const ProblemSeverity = z.enum(problemSeverities);
export type ProblemSeverity = z.infer<typeof ProblemSeverity>;

export const PlanProblem = z.strictObject({
  id: Id,
  title: text(300, "Name the problem."),
  severity: ProblemSeverity,
  /** The intake problem this came from, when it came from the intake's problem list. */
  intakeProblemId: z.string().max(100).nullable(),
  /** The intake's evidence for the problem (its area summary or notes), when imported from it. */
  evidence: optionalText(4000).optional(),
});
export type PlanProblem = z.infer<typeof PlanProblem>;

export const PlanGoal = z.strictObject({
  id: Id,
  /** The problem this goal addresses. */
  problemId: Id,
  /** What the client wants, in their own words (may be empty while drafting; the check asks for it). */
  clientWords: optionalText(1000),
  /** The same goal restated clinically. */
  statement: optionalText(1000),
  /** The library goal it started from, if any (built-in key or a programme entry's id). */
  libraryGoalId: z.string().max(120).nullable(),
});
export type PlanGoal = z.infer<typeof PlanGoal>;

/** Data Lantern already holds that can measure an objective: progress is computed, never typed. */
export const ObjectiveLinkKind = z.enum([
  "instrument_score",
  "check_ins_per_week",
  "urges_logged_per_week",
  "urges_surfed_per_week",
  /** Recovery exercises assigned against this objective that the clinician has reviewed (counted). */
  "exercises_completed",
]);
export type ObjectiveLinkKind = z.infer<typeof ObjectiveLinkKind>;

/** "below": met when the measure is at or below the value; "above": at or above it. */
export const TargetDirection = z.enum(["below", "above"]);
export type TargetDirection = z.infer<typeof TargetDirection>;

export const ObjectiveLink = z.strictObject({
  kind: ObjectiveLinkKind,
  /** For an instrument score: which instrument (e.g. "phq-9"). */
  instrumentId: z.string().max(100).nullable(),
  direction: TargetDirection,
  value: z.number().min(0).max(10_000),
});
export type ObjectiveLink = z.infer<typeof ObjectiveLink>;

export const PlanObjective = z.strictObject({
  id: Id,
  goalId: Id,
  description: text(1000, "Describe the objective."),
  /** How it is measured, e.g. "PHQ-9 total" or "check-ins a week". */
  metric: optionalText(300),
  baseline: optionalText(300),
  /** The measurable target, e.g. "5 a week" (the check wants a number or a linked measure). */
  target: optionalText(300),
  targetDate: LocalDateText.nullable(),
  link: ObjectiveLink.nullable(),
});
export type PlanObjective = z.infer<typeof PlanObjective>;

export const PlanIntervention = z.strictObject({
  id: Id,
  goalId: Id,
  modality: text(300, "Name the intervention."),
  frequency: text(200, "Say how often."),
  /** The staff member responsible (a clinician of the programme), or null while drafting. */
  responsibleUserId: z.string().max(100).nullable(),
});
export type PlanIntervention = z.infer<typeof PlanIntervention>;

export const PlanContent = z.strictObject({
  problems: z.array(PlanProblem).max(30),
  goals: z.array(PlanGoal).max(60),
  objectives: z.array(PlanObjective).max(200),
  interventions: z.array(PlanIntervention).max(200),
});
export type PlanContent = z.infer<typeof PlanContent>;

export const emptyPlanContent = (): PlanContent => ({
  problems: [],
  goals: [],
  objectives: [],
  interventions: [],
});

/** Start a new draft version (the first is empty; later ones copy the latest version). */
export const StartPlanVersionRequest = z.strictObject({ id: Id });
export type StartPlanVersionRequest = z.infer<typeof StartPlanVersionRequest>;

export const SavePlanDraftRequest = z.strictObject({
  /** The draft's revision you edited; anything else is stale (409). */
  revision: z.number().int().min(0),
  content: PlanContent,
});
export type SavePlanDraftRequest = z.infer<typeof SavePlanDraftRequest>;

export const SignerRole = z.enum(["client", "clinician", "supervisor"]);
export type SignerRole = z.infer<typeof SignerRole>;

export const SignPlanRequest = z.strictObject({ role: SignerRole });
export type SignPlanRequest = z.infer<typeof SignPlanRequest>;

export const RecordPlanReviewRequest = z.strictObject({
  id: Id,
  note: text(2000, "Say what the review found."),
});
export type RecordPlanReviewRequest = z.infer<typeof RecordPlanReviewRequest>;

export const QualityIssue = z.object({
  rule: z.enum([
    "empty_plan",
    "objective_not_measurable",
    "objective_no_date",
    "goal_no_client_words",
    "goal_no_statement",
    "goal_no_objective",
    "problem_unaddressed",
    "severe_problem_unaddressed",
    "severe_intake_problem_missing",
    "text_used_for_another_client",
  ]),
  /** "blocking" issues stop signing; "warning" ones are shown but do not. */
  level: z.enum(["blocking", "warning"]),
  /** The plan item (problem, goal or objective id) the issue is about. */
  itemId: z.string().nullable(),
  /** A field name for forms and problem+json errors, e.g. "objectives.<id>.target". */
  field: z.string(),
  message: z.string(),
});
export type QualityIssue = z.infer<typeof QualityIssue>;

export const VersionStatus = z.enum(["draft", "awaiting_signatures", "signed"]);
export type VersionStatus = z.infer<typeof VersionStatus>;

export const SignatureView = z.object({
  id: z.string(),
  role: SignerRole,
  signerUserId: z.string(),
  signerName: z.string(),
  signedAt: z.string(),
  /** SHA-256 (hex) of the canonical signed content. */
  contentHash: z.string(),
});
export type SignatureView = z.infer<typeof SignatureView>;

export const ObjectiveProgress = z.object({
  objectiveId: z.string(),
  /** The measure now, or null when there is no data yet (or none can exist yet). */
  current: z.number().nullable(),
  /** What the figure is, in words, e.g. "latest PHQ-9 total, 2026-11-02". */
  label: z.string(),
  met: z.boolean().nullable(),
});
export type ObjectiveProgress = z.infer<typeof ObjectiveProgress>;

export const ReviewState = z.object({
  cadenceDays: z.number(),
  lastReviewedAt: z.string().nullable(),
  /** Local day the next review is due, or null before the first signed version. */
  dueDate: z.string().nullable(),
  status: z.enum(["not_started", "ok", "due_soon", "overdue"]),
});
export type ReviewState = z.infer<typeof ReviewState>;

export const PlanVersionView = z.object({
  id: z.string(),
  version: z.number(),
  status: VersionStatus,
  revision: z.number(),
  content: PlanContent,
  createdAt: z.string(),
  updatedAt: z.string(),
  signedAt: z.string().nullable(),
  signatures: z.array(SignatureView),
  /** The roles still to sign before the version locks. */
  awaitingRoles: z.array(SignerRole),
});
export type PlanVersionView = z.infer<typeof PlanVersionView>;

/** A problem on the client's intake problem list, as the plan builder imports it. */
export const IntakeProblemForPlan = z.object({
  id: z.string(),
  area: z.string(),
  title: z.string(),
  /** The evidence the intake recorded for it. */
  detail: z.string(),
  severity: ProblemSeverity,
});
export type IntakeProblemForPlan = z.infer<typeof IntakeProblemForPlan>;

export const TreatmentPlanView = z.object({
  /** The newest version (a draft or the signed one), or null before the first. */
  current: PlanVersionView.nullable(),
  /** The newest signed version, when the current one is a newer draft. */
  lastSigned: PlanVersionView.nullable(),
  versions: z.array(z.object({ id: z.string(), version: z.number(), status: VersionStatus })),
  quality: z.array(QualityIssue),
  progress: z.array(ObjectiveProgress),
  review: ReviewState,
  requiredRoles: z.array(SignerRole),
  /** Staff who can be responsible for an intervention (the care team). */
  staff: z.array(z.object({ userId: z.string(), name: z.string() })),
  /** The client's intake problem list (most severe first), for "Add the intake's problems". */
  intakeProblems: z.array(IntakeProblemForPlan),
});
export type TreatmentPlanView = z.infer<typeof TreatmentPlanView>;

export const TreatmentPlanSettings = z.strictObject({
  reviewDays: z.number().int().min(7).max(365),
  supervisorRequired: z.boolean(),
});
export type TreatmentPlanSettings = z.infer<typeof TreatmentPlanSettings>;

export const defaultTreatmentPlanSettings: TreatmentPlanSettings = {
  reviewDays: 90,
  supervisorRequired: false,
};

// ---------------------------------------------------------------------------------------------------
// The goal library

export const LibraryObjective = z.strictObject({
  description: text(1000),
  metric: text(300),
  suggestedTarget: text(300),
  link: ObjectiveLink.nullable().optional(),
});
export type LibraryObjective = z.infer<typeof LibraryObjective>;

export const LibraryIntervention = z.strictObject({
  modality: text(300),
  frequency: text(200),
});
export type LibraryIntervention = z.infer<typeof LibraryIntervention>;

/** A library goal as a programme writes or imports it. */
export const LibraryGoalInput = z.strictObject({
  title: text(200),
  area: text(120),
  /** A prompt to draw out the client's own words (never the words themselves). */
  clientWordsPrompt: text(500),
  statement: text(1000),
  objectives: z.array(LibraryObjective).min(1).max(12),
  interventions: z.array(LibraryIntervention).min(1).max(12),
});
export type LibraryGoalInput = z.infer<typeof LibraryGoalInput>;

export const LibraryGoal = LibraryGoalInput.extend({
  id: z.string(),
  /** "lantern": shipped with Lantern; "programme": written by the programme; "imported": licensed data. */
  source: z.enum(["lantern", "programme", "imported"]),
  /** For imported entries: the library's name and licence as the importer gave them. */
  sourceLabel: z.string().nullable(),
  /** The seed goal this entry traces to (Lantern's entries only). */
  seedGoal: z.string().nullable(),
});
export type LibraryGoal = z.infer<typeof LibraryGoal>;

export const ImportLibraryRequest = z.strictObject({
  /** The licensed library's name, e.g. "Our licensed planner, 2026 edition". */
  source: text(200),
  /** Who holds the licence and on what terms, as the programme states it. */
  licence: text(500),
  goals: z.array(LibraryGoalInput).min(1).max(500),
});
export type ImportLibraryRequest = z.infer<typeof ImportLibraryRequest>;
