import type { Migration } from "kysely";
import * as foundation from "./2026-11-25T0900-foundation.js";
import * as identity from "./2026-11-25T1000-identity.js";
import * as twoFactor from "./2026-11-25T1100-two-factor.js";
import * as recovery from "./2026-11-30T0900-recovery.js";
import * as support from "./2026-11-30T1300-support.js";
import * as assessments from "./2026-11-30T1500-assessments.js";
import * as assessmentSchedules from "./2026-11-30T1600-assessment-schedules.js";
import * as intake from "./2026-11-30T1700-intake.js";
import * as treatmentPlans from "./2026-11-30T1800-treatment-plans.js";
import * as notesExercises from "./2026-11-30T1900-notes-exercises.js";
import * as programmeOperations from "./2026-11-30T2000-programme-operations.js";
import * as groupsFamily from "./2026-11-30T2100-groups-family.js";
import * as aftercare from "./2026-11-30T2200-aftercare.js";
import * as quality from "./2026-11-30T2300-quality.js";
import * as followUp from "./2026-12-01T0000-follow-up.js";

/**
 * Every migration, in order. Forward-only: a migration is never edited once it has landed; a change
 * is a new entry. Names sort by time so both dialects apply them in the same order.
 */
export const migrations: Record<string, Migration> = {
  "2026-11-25T0900-foundation": foundation,
  "2026-11-25T1000-identity": identity,
  "2026-11-25T1100-two-factor": twoFactor,
  "2026-11-30T0900-recovery": recovery,
  "2026-11-30T1300-support": support,
  "2026-11-30T1500-assessments": assessments,
  "2026-11-30T1600-assessment-schedules": assessmentSchedules,
  "2026-11-30T1700-intake": intake,
  "2026-11-30T1800-treatment-plans": treatmentPlans,
  "2026-11-30T1900-notes-exercises": notesExercises,
  "2026-11-30T2000-programme-operations": programmeOperations,
  "2026-11-30T2100-groups-family": groupsFamily,
  "2026-11-30T2200-aftercare": aftercare,
  "2026-11-30T2300-quality": quality,
  "2026-12-01T0000-follow-up": followUp,
};
