import {
  type AssessmentView,
  assignableInstrument,
  followUpCheck,
  givenInstrument,
  isUnscoredCheck,
} from "@lantern/domain";

/** Short names for the questionnaires, as people say them. */
export function shortTitle(instrumentId: string): string {
  if (instrumentId === "phq-9") return "PHQ-9 (mood)";
  if (instrumentId === "gad-7") return "GAD-7 (worry and anxiety)";
  if (instrumentId === followUpCheck.id) return "Follow-up check";
  return givenInstrument(instrumentId)?.title ?? instrumentId;
}

/** True for Lantern's own checks: no score, every question answered. */
export function isCheck(instrumentId: string): boolean {
  const definition = givenInstrument(instrumentId);
  return definition !== undefined && isUnscoredCheck(definition);
}

/** A completed check's answers in words ("Therapist: Yes; …"), or null before it is complete. */
export function checkAnswerWords(assessment: AssessmentView): string | null {
  const definition = givenInstrument(assessment.instrumentId);
  if (!definition || assessment.status !== "completed") return null;
  const short: Record<string, string> = {
    relationship: "Relationship",
    therapist: "Therapist",
    groups: "Group",
    meetings: "Meetings",
  };
  return definition.items
    .map((item) => {
      const label = item.options.find((o) => o.value === assessment.answers[item.id])?.label ?? "—";
      return `${short[item.id] ?? item.id}: ${label}`;
    })
    .join("; ");
}

/** "8 out of 27, in the mild range", or null before it is complete. */
export function scoreWords(assessment: AssessmentView): string | null {
  const result = assessment.result;
  if (!result) return null;
  const max = assignableInstrument(assessment.instrumentId)?.total?.max;
  const score = max === undefined ? `${result.total}` : `${result.total} out of ${max}`;
  return result.band ? `${score}, in the ${result.band.toLowerCase()} range` : score;
}

/** Where a questionnaire stands, in plain words. */
export function statusWords(assessment: AssessmentView): string {
  if (assessment.status === "completed") return "Done";
  if (assessment.status === "draft") return "Started";
  return "Ready for you";
}
