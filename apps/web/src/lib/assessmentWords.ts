import { type AssessmentView, assignableInstrument } from "@lantern/domain";

/** Short names for the questionnaires, as people say them. */
export function shortTitle(instrumentId: string): string {
  if (instrumentId === "phq-9") return "PHQ-9 (mood)";
  if (instrumentId === "gad-7") return "GAD-7 (worry and anxiety)";
  return assignableInstrument(instrumentId)?.title ?? instrumentId;
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
