import { z } from "zod";
import { LocalDateText } from "../recovery/contracts.js";
import { gad7, phq9 } from "./builtins.js";
import { type InstrumentDefinition, isScorable } from "./definition.js";
import { followUpCheck } from "./follow-up-check.js";

/**
 * Contracts for assigned questionnaires: a clinician assigns an instrument, the client answers it
 * (drafts saved as they go), the API scores it. Shared by the API (validation, OpenAPI) and the web
 * app (types). Requests are strict: unknown fields are refused with the field named.
 */

/**
 * The instruments a clinician can assign or schedule today: scorable and shipped with their text.
 * AUDIT-C stays out because its item 1 (drinking frequency) has no verified text; RSES because no
 * source for its item text is verified; the licensed ones until their text is imported.
 */
export const assignableInstruments: readonly InstrumentDefinition[] = [phq9, gad7].filter(
  (definition) => isScorable(definition) && !definition.needsLicensedText,
);

/** The assignable instrument with this id, or undefined. */
export function assignableInstrument(id: string): InstrumentDefinition | undefined {
  return assignableInstruments.find((definition) => definition.id === id);
}

/**
 * Lantern's own unscored checks, given only by the app itself (the follow-up check rides with every
 * follow-up after discharge); a clinician cannot assign or schedule them by hand.
 */
export const lanternChecks: readonly InstrumentDefinition[] = [followUpCheck];

/** An instrument a client can be given and answer: an assignable one or one of Lantern's checks. */
export function givenInstrument(id: string): InstrumentDefinition | undefined {
  return assignableInstrument(id) ?? lanternChecks.find((definition) => definition.id === id);
}

export const AssessmentStatus = z.enum(["due", "draft", "completed"]);
export type AssessmentStatus = z.infer<typeof AssessmentStatus>;

export const AssignAssessmentRequest = z.strictObject({
  id: z.uuid("Use an id made by the app (a UUID)."),
  instrumentId: z.string().min(1, "Pick a questionnaire."),
  /** The client's local day it is due; not before their today. */
  dueDate: LocalDateText.nullish(),
});
export type AssignAssessmentRequest = z.input<typeof AssignAssessmentRequest>;

/** Item id → the numeric value of the chosen answer option. */
export const AssessmentAnswers = z.record(z.string().min(1).max(100), z.number().int());
export type AssessmentAnswers = z.infer<typeof AssessmentAnswers>;

export const SaveAnswersRequest = z.strictObject({
  answers: AssessmentAnswers,
  /** True to score and complete it; false keeps it as a draft. */
  submit: z.boolean(),
});
export type SaveAnswersRequest = z.input<typeof SaveAnswersRequest>;

export const AssessmentResult = z.object({
  total: z.number(),
  /** The severity band's label, e.g. "Mild". */
  band: z.string().nullable(),
  flags: z.array(z.object({ flag: z.enum(["safety"]), itemId: z.string(), message: z.string() })),
});
export type AssessmentResult = z.infer<typeof AssessmentResult>;

export const AssessmentView = z.object({
  id: z.string(),
  instrumentId: z.string(),
  title: z.string(),
  status: AssessmentStatus,
  dueDate: z.string().nullable(),
  answers: AssessmentAnswers,
  result: AssessmentResult.nullable(),
  safetyFlag: z.boolean(),
  createdAt: z.string(),
  completedAt: z.string().nullable(),
});
export type AssessmentView = z.infer<typeof AssessmentView>;

export const InstrumentView = z.object({
  id: z.string(),
  title: z.string(),
  preamble: z.string().nullable(),
  items: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      /** False for a question that is asked but not counted (it may be left out). */
      scored: z.boolean(),
      options: z.array(z.object({ value: z.number(), label: z.string() })),
    }),
  ),
});
export type InstrumentView = z.infer<typeof InstrumentView>;

/** The definition as the screens render it (only for instruments that ship their text). */
export function toInstrumentView(definition: InstrumentDefinition): InstrumentView {
  return {
    id: definition.id,
    title: definition.title,
    preamble: definition.preamble,
    items: definition.items.map((item) => ({
      id: item.id,
      text: item.text ?? item.id,
      scored: item.scored,
      options: item.options.map((option) => ({ value: option.value, label: option.label ?? option.code })),
    })),
  };
}

/** Numeric answers as the option codes the scoring engine reads; values with no option are left out. */
export function answerCodes(
  definition: InstrumentDefinition,
  answers: Readonly<Record<string, number>>,
): Record<string, string> {
  const codes: Record<string, string> = {};
  for (const item of definition.items) {
    const value = answers[item.id];
    if (value === undefined) continue;
    const option = item.options.find((candidate) => candidate.value === value);
    if (option) codes[item.id] = option.code;
  }
  return codes;
}
