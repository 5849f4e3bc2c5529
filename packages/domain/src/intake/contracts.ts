import { z } from "zod";
import { intakeAreaIds, severities } from "./areas.js";
import { problemSeverities } from "./rules.js";

/**
 * Contracts for the biopsychosocial intake and its problem list. Requests are strict: unknown
 * fields are refused with the field named. Area answers arrive loose and are checked field by field
 * against the area's definition (rules.ts) so each bad field is named.
 */

export const SeverityRating = z.enum(severities);
export const ProblemSeverityRating = z.enum(problemSeverities);
export const IntakeStatus = z.enum(["open", "finalised"]);
export type IntakeStatus = z.infer<typeof IntakeStatus>;

const CellValue = z.union([z.string(), z.number()]);
export const AreaAnswersView = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.array(z.record(z.string(), CellValue))]),
);

export const AreaUpdateRequest = z.strictObject({
  /** Replaces this author's answers in the area (the client's words or the clinician's record). */
  answers: z.record(z.string().max(100), z.unknown()).optional(),
  /** Clinician only. */
  severity: SeverityRating.nullable().optional(),
  /** Clinician only: the evidence a drafted problem carries. */
  summary: z.string().max(2000, "Use at most 2000 characters for the summary.").nullable().optional(),
});

export const SaveIntakeRequest = z.strictObject({
  areas: z.record(z.string().max(100), AreaUpdateRequest).optional(),
  /** Client only: their part is ready for the clinician (false takes that back). */
  clientReady: z.boolean().optional(),
});
export type SaveIntakeRequest = z.input<typeof SaveIntakeRequest>;

export const ReopenIntakeRequest = z.strictObject({
  reason: z.string().trim().min(3, "Say in a few words why it is reopened.").max(1000),
});
export type ReopenIntakeRequest = z.input<typeof ReopenIntakeRequest>;

export const IntakeAreaView = z.object({
  area: z.string(),
  clientAnswers: AreaAnswersView,
  /** Null for the client: the clinician's record, ratings and summary are not shown to them. */
  clinicianAnswers: AreaAnswersView.nullable(),
  severity: SeverityRating.nullable(),
  summary: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type IntakeAreaView = z.infer<typeof IntakeAreaView>;

export const IntakeView = z.object({
  clientId: z.string(),
  status: IntakeStatus,
  /** Who is looking: the client sees only the areas they may fill, and only their own words. */
  viewer: z.enum(["client", "clinician"]),
  clientReadyAt: z.string().nullable(),
  finalisedAt: z.string().nullable(),
  finalisedBy: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenReason: z.string().nullable(),
  updatedAt: z.string().nullable(),
  areas: z.array(IntakeAreaView),
});
export type IntakeView = z.infer<typeof IntakeView>;

const problemText = (max: number, what: string) =>
  z.string().trim().max(max, `Use at most ${max} characters for the ${what}.`);

export const SaveProblemRequest = z.strictObject({
  area: z.enum(intakeAreaIds as [string, ...string[]]),
  title: problemText(200, "title").min(1, "Give the problem a short title."),
  detail: problemText(4000, "detail"),
  severity: ProblemSeverityRating,
});
export type SaveProblemRequest = z.input<typeof SaveProblemRequest>;

export const ProblemView = z.object({
  id: z.string(),
  area: z.string(),
  title: z.string(),
  detail: z.string(),
  severity: ProblemSeverityRating,
  /** "drafted" from a rating, or "added" by a clinician. */
  origin: z.enum(["drafted", "added"]),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProblemView = z.infer<typeof ProblemView>;
