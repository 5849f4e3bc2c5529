import type { ExerciseStatus } from "@lantern/domain";

/** How each state of an exercise reads, to the client and to staff. */
export const exerciseStatusWords: Record<ExerciseStatus, string> = {
  assigned: "To start",
  in_progress: "Draft saved",
  submitted: "Submitted",
  reviewed: "Reviewed",
  returned: "Returned for more work",
};
