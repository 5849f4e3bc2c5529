import { z } from "zod";
import { LocalDateText } from "../recovery/contracts.js";

/**
 * Discharge with an aftercare plan (issue 8): the plan per episode, the reviews of the circles and
 * plans, the signed discharge summary, attendance the client logs and weekly adherence. Requests are
 * strict objects, so an unknown field is refused with its name.
 */

const AppId = z.uuid("Use an id made by the app (a UUID).");
const words = (what: string, max = 120) =>
  z.string().trim().min(1, `Write the ${what}.`).max(max, `Use at most ${max} characters for the ${what}.`);

export const Weekday = z.enum(
  ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
  {
    error: "Pick a day of the week.",
  },
);
export type Weekday = z.infer<typeof Weekday>;
export const weekdays = Weekday.options;

/** A local wall-clock time, 24-hour "HH:MM", in the client's time zone. */
export const TimeOfDay = z
  .string({ error: "Give a time like 19:30." })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Give a time like 19:30.");

export const AftercareTherapist = z.strictObject({
  name: words("therapist's name"),
  contact: words("therapist's phone or email", 200),
  firstAppointmentOn: LocalDateText,
});
export type AftercareTherapist = z.infer<typeof AftercareTherapist>;

/** A weekly group or meeting the client goes to after discharge. */
export const AftercareWeekly = z.strictObject({
  id: AppId,
  name: words("name"),
  weekday: Weekday,
  time: TimeOfDay,
  place: z.string().trim().max(200, "Use at most 200 characters for the place.").default(""),
});
export type AftercareWeekly = z.infer<typeof AftercareWeekly>;

export const AftercareSponsor = z.strictObject({
  name: z.string().trim().max(120, "Use at most 120 characters for the name.").default(""),
  contact: z.string().trim().max(200, "Use at most 200 characters for the contact.").default(""),
  /** A contact from the client's support network instead of typing one. */
  supportContactId: z.uuid("Pick one of the client's support contacts.").nullable().default(null),
});
export type AftercareSponsor = z.infer<typeof AftercareSponsor>;

export const SaveAftercareRequest = z.strictObject({
  therapist: AftercareTherapist.nullable(),
  groups: z.array(AftercareWeekly).max(20, "List at most 20 groups."),
  meetings: z.array(AftercareWeekly).max(30, "List at most 30 meetings."),
  sponsor: AftercareSponsor.nullable(),
});
export type SaveAftercareRequest = z.input<typeof SaveAftercareRequest>;

/** What the care team confirms having gone over with the client; the version reviewed is kept. */
export const AftercareReviewItem = z.enum(["circles", "prevention_plan", "safety_plan"]);
export type AftercareReviewItem = z.infer<typeof AftercareReviewItem>;

export const ReviewAftercareRequest = z.strictObject({ item: AftercareReviewItem });
export type ReviewAftercareRequest = z.infer<typeof ReviewAftercareRequest>;

export const AftercareReviewView = z.object({
  version: z.number().int(),
  /** The version the client has now; a newer one than reviewed needs a fresh review. */
  currentVersion: z.number().int(),
  reviewedAt: z.string(),
  reviewedBy: z.string(),
});
export type AftercareReviewView = z.infer<typeof AftercareReviewView>;

export const MissingAftercareItem = z.object({
  item: z.enum(["therapist", "groups", "meetings", "sponsor", "circles", "prevention_plan", "safety_plan"]),
  /** The form field, for problem+json errors and the live list. */
  field: z.string(),
  message: z.string(),
});
export type MissingAftercareItem = z.infer<typeof MissingAftercareItem>;

export const AftercarePlanView = z.object({
  episodeId: z.string(),
  therapist: AftercareTherapist.nullable(),
  groups: z.array(AftercareWeekly),
  meetings: z.array(AftercareWeekly),
  sponsor: z
    .object({ name: z.string(), contact: z.string(), supportContactId: z.string().nullable() })
    .nullable(),
  reviews: z.object({
    circles: AftercareReviewView.nullable(),
    preventionPlan: AftercareReviewView.nullable(),
    safetyPlan: AftercareReviewView.nullable(),
  }),
  /** The client's versions now (0: not written yet). */
  currentVersions: z.object({
    circles: z.number().int(),
    preventionPlan: z.number().int(),
    safetyPlan: z.number().int(),
  }),
  /** The follow-up questionnaire schedule made when the discharge was finalised. */
  followUpScheduleId: z.string().nullable(),
  /**
   * Whether the admission recorded the client's agreement to be contacted for follow-up after
   * discharge; without it, finalising the discharge schedules no follow-ups.
   */
  followUpConsent: z.boolean(),
  missing: z.array(MissingAftercareItem),
  updatedAt: z.string().nullable(),
});
export type AftercarePlanView = z.infer<typeof AftercarePlanView>;

// ---------------------------------------------------------------------------------------------
// Discharge summary

export const DischargeSummaryView = z.object({
  episodeId: z.string(),
  content: z.string(),
  revision: z.number().int(),
  signedAt: z.string().nullable(),
  signedBy: z.string().nullable(),
  /** SHA-256 (hex) of the signed content. */
  contentHash: z.string().nullable(),
});
export type DischargeSummaryView = z.infer<typeof DischargeSummaryView>;

export const EditDischargeSummaryRequest = z.strictObject({
  revision: z.number().int().min(0),
  content: words("summary", 20000),
});
export type EditDischargeSummaryRequest = z.infer<typeof EditDischargeSummaryRequest>;

export const SignDischargeSummaryRequest = z.strictObject({ revision: z.number().int().min(0) });
export type SignDischargeSummaryRequest = z.infer<typeof SignDischargeSummaryRequest>;

// ---------------------------------------------------------------------------------------------
// Aftercare in the app

export const AttendanceKind = z.enum(["therapy", "group", "meeting"]);
export type AttendanceKind = z.infer<typeof AttendanceKind>;

export const LogAttendanceRequest = z.strictObject({
  id: AppId,
  on: LocalDateText,
  kind: AttendanceKind,
  /** The group or meeting from the plan; null for therapy. */
  itemId: z.uuid("Pick one of your groups or meetings.").nullable(),
  attended: z.boolean({ error: "Say whether you went." }),
});
export type LogAttendanceRequest = z.infer<typeof LogAttendanceRequest>;

export const AttendanceView = z.object({
  id: z.string(),
  on: z.string(),
  kind: AttendanceKind,
  itemId: z.string().nullable(),
  /** The group's or meeting's name from the plan, or "Therapy". */
  name: z.string(),
  attended: z.boolean(),
});
export type AttendanceView = z.infer<typeof AttendanceView>;

export const AdherenceWeek = z.object({
  /** The Monday the week starts on. */
  weekOf: z.string(),
  planned: z.number().int(),
  attended: z.number().int(),
  therapyAttended: z.number().int(),
});
export type AdherenceWeek = z.infer<typeof AdherenceWeek>;

export const MyPlanView = z.object({
  /** Null while the client has no discharged episode with an aftercare plan. */
  plan: z
    .object({
      dischargedOn: z.string(),
      therapist: AftercareTherapist.nullable(),
      /** The first appointment when it is today or later, else null. */
      nextAppointmentOn: z.string().nullable(),
      groups: z.array(AftercareWeekly),
      meetings: z.array(AftercareWeekly),
      /** Groups and meetings in the current week (Monday to Sunday) with their days. */
      thisWeek: z.array(
        z.object({
          id: z.string(),
          kind: AttendanceKind,
          name: z.string(),
          on: z.string(),
          time: z.string(),
        }),
      ),
      sponsor: z.object({ name: z.string(), contact: z.string() }).nullable(),
    })
    .nullable(),
  today: z.string(),
  attendance: z.array(AttendanceView),
  hasFeed: z.boolean(),
});
export type MyPlanView = z.infer<typeof MyPlanView>;

export const CalendarFeedView = z.object({ path: z.string() });
export type CalendarFeedView = z.infer<typeof CalendarFeedView>;
