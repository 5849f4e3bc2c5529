import { z } from "zod";
import { Circle, LocalDateText } from "../recovery/contracts.js";

/**
 * Recovery exercises: the care team assigns one of Lantern's templates, the client fills it on their
 * phone (drafts saved), submits, and the clinician reviews it with a comment or returns it for more
 * work. Requests are strict: unknown fields are refused with the field named.
 */

export const ExerciseStatus = z.enum(["assigned", "in_progress", "submitted", "reviewed", "returned"]);
export type ExerciseStatus = z.infer<typeof ExerciseStatus>;

/** One answer: text, a list of items, or table cells (row id → column id → text). */
export const ExerciseAnswer = z.union([
  z.string().max(5000, "Use at most 5,000 characters."),
  z.array(z.string().max(500, "Use at most 500 characters per item.")).max(40, "Keep to 40 items."),
  z.record(
    z.string().min(1).max(40),
    z.record(z.string().min(1).max(40), z.string().max(2000, "Use at most 2,000 characters per cell.")),
  ),
]);
export type ExerciseAnswer = z.infer<typeof ExerciseAnswer>;

/** Prompt id → answer. */
export const ExerciseAnswers = z.record(z.string().min(1).max(40), ExerciseAnswer);
export type ExerciseAnswers = z.infer<typeof ExerciseAnswers>;

export const AssignExerciseRequest = z.strictObject({
  id: z.uuid("Use an id made by the app (a UUID)."),
  templateId: z.string().min(1, "Pick an exercise.").max(100),
  /** The client's local day it is due; not before their today. */
  dueDate: LocalDateText,
  /**
   * A plan objective this exercise works toward: an objective of any version of the client's treatment
   * plan (the API refuses any other id). Once reviewed, it counts toward an objective linked to
   * "exercises completed".
   */
  objectiveId: z.uuid("Use the id of a plan objective.").nullish(),
});
export type AssignExerciseRequest = z.input<typeof AssignExerciseRequest>;

export const SaveExerciseRequest = z.strictObject({
  answers: ExerciseAnswers,
  /** True to hand it in; false keeps a draft. */
  submit: z.boolean(),
});
export type SaveExerciseRequest = z.input<typeof SaveExerciseRequest>;

export const ReviewExerciseRequest = z.strictObject({
  /** Made by the app, so a retried review changes nothing. */
  id: z.uuid("Use an id made by the app (a UUID)."),
  /** reviewed: done; returned: the client is asked to work on it more. */
  decision: z.enum(["reviewed", "returned"], "Choose reviewed or returned."),
  comment: z
    .string()
    .trim()
    .min(1, "Write a comment for the client.")
    .max(3000, "Use at most 3,000 characters for the comment."),
});
export type ReviewExerciseRequest = z.input<typeof ReviewExerciseRequest>;

export const ExerciseReviewView = z.object({
  decision: z.enum(["reviewed", "returned"]),
  comment: z.string(),
  reviewer: z.string(),
  createdAt: z.string(),
});
export type ExerciseReviewView = z.infer<typeof ExerciseReviewView>;

/** Items the healthy-sexuality exercise offers to add to the circles; the client confirms. */
export const CircleProposal = z.array(z.object({ circle: Circle, text: z.string() }));
export type CircleProposal = z.infer<typeof CircleProposal>;

export const ExerciseView = z.object({
  id: z.string(),
  templateId: z.string(),
  title: z.string(),
  status: ExerciseStatus,
  dueDate: z.string(),
  objectiveId: z.string().nullable(),
  answers: ExerciseAnswers,
  assignedBy: z.string(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  reviews: z.array(ExerciseReviewView),
  /** Present once submitted, for templates that feed the circles. */
  circleProposal: CircleProposal,
});
export type ExerciseView = z.infer<typeof ExerciseView>;
