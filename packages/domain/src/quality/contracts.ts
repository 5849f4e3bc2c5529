import { z } from "zod";
import { LocalDateText } from "../recovery/contracts.js";

/**
 * Programme quality (issue 9): staff credentials, the six quality criteria computed from the record,
 * and the de-identified outcome report. Requests are strict objects, so an unknown field is refused
 * with its name.
 */

const AppId = z.uuid("Use an id made by the app (a UUID).");
const text = (what: string, max = 120) =>
  z.string().trim().min(1, `Write the ${what}.`).max(max, `Use at most ${max} characters for the ${what}.`);

/**
 * Kinds of staff credential. `sex_addiction_specialist` is a certification such as CSAT; a
 * `sex_addiction_candidate` is on the way to it and does not count as certified.
 */
export const CredentialKind = z.enum([
  "sex_addiction_specialist",
  "sex_addiction_candidate",
  "partner_specialist",
  "licensed_mental_health",
  "addiction_counsellor",
]);
export type CredentialKind = z.infer<typeof CredentialKind>;

/** Kinds that make someone a certified sexual-addiction specialist for the 75 % criterion. */
export const certifiedSpecialistKinds: readonly CredentialKind[] = ["sex_addiction_specialist"];
/** Kinds that count as an addiction specialist. */
export const addictionSpecialistKinds: readonly CredentialKind[] = [
  "sex_addiction_specialist",
  "addiction_counsellor",
];
/** Kinds that count as a mental-health specialist. */
export const mentalHealthSpecialistKinds: readonly CredentialKind[] = ["licensed_mental_health"];

export const credentialKindLabels: Record<CredentialKind, string> = {
  sex_addiction_specialist: "Certified sexual-addiction specialist (e.g. CSAT)",
  sex_addiction_candidate: "Sexual-addiction specialist candidate",
  partner_specialist: "Partner specialist",
  licensed_mental_health: "Licensed mental-health professional",
  addiction_counsellor: "Addiction counsellor",
};

const CredentialFields = z.strictObject({
  userId: z.uuid("Choose a staff member."),
  kind: CredentialKind,
  /** Required for a licensed mental-health professional: e.g. LPC, LCSW, psychologist. */
  licenceType: z.string().trim().max(60, "Use at most 60 characters for the licence type.").nullable(),
  issuer: text("issuer"),
  number: text("credential number", 60),
  issuedOn: LocalDateText,
  expiresOn: LocalDateText.nullable(),
});

function checkCredential(value: z.infer<typeof CredentialFields>, ctx: z.RefinementCtx) {
  if (value.expiresOn !== null && value.expiresOn < value.issuedOn)
    ctx.addIssue({
      code: "custom",
      path: ["expiresOn"],
      message: "The expiry date comes before the issue date; check both dates.",
    });
  if (value.kind === "licensed_mental_health" && !value.licenceType)
    ctx.addIssue({
      code: "custom",
      path: ["licenceType"],
      message: "Name the licence type (for example LPC, LCSW or psychologist).",
    });
}

export const CredentialRequest = CredentialFields.extend({ id: AppId }).superRefine(checkCredential);
/** A change to a recorded credential: the same fields without the id. */
export const CredentialUpdateRequest = CredentialFields.superRefine(checkCredential);
export type CredentialUpdateRequest = z.input<typeof CredentialUpdateRequest>;
export type CredentialRequest = z.input<typeof CredentialRequest>;

export const CredentialStatus = z.enum(["current", "expiring_soon", "expired", "not_yet_valid"]);
export type CredentialStatus = z.infer<typeof CredentialStatus>;

export const CredentialView = z.object({
  id: z.string(),
  userId: z.string(),
  kind: CredentialKind,
  licenceType: z.string().nullable(),
  issuer: z.string(),
  number: z.string(),
  issuedOn: z.string(),
  expiresOn: z.string().nullable(),
  status: CredentialStatus,
  /** Days left before expiry (negative once expired), or null when it does not expire. */
  daysLeft: z.number().nullable(),
});
export type CredentialView = z.infer<typeof CredentialView>;

export const StaffCredentialsView = z.object({
  today: z.string(),
  staff: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      roles: z.array(z.string()),
      credentials: z.array(CredentialView),
    }),
  ),
  /** Credentials that expire within the warning window (60 days), soonest first. */
  expiringSoon: z.array(CredentialView.extend({ name: z.string() })),
});
export type StaffCredentialsView = z.infer<typeof StaffCredentialsView>;

// ---------------------------------------------------------------------------------------------
// The six criteria

export const CriterionId = z.enum([
  "dedicated_programme",
  "certified_staff",
  "track_record",
  "specialists_present",
  "gender_separation",
  "family_component",
]);
export type CriterionId = z.infer<typeof CriterionId>;

/** `no_data`: the record does not hold what the criterion needs yet; the evidence says what is missing. */
export const CriterionStatus = z.enum(["met", "not_met", "no_data"]);
export type CriterionStatus = z.infer<typeof CriterionStatus>;

export const DrillDownRow = z.object({ label: z.string(), detail: z.string(), ok: z.boolean().nullable() });
export type DrillDownRow = z.infer<typeof DrillDownRow>;

export const CriterionView = z.object({
  id: CriterionId,
  title: z.string(),
  status: CriterionStatus,
  /** The headline figure, e.g. "4 of 5 (80 %)", or null. */
  figure: z.string().nullable(),
  /** Sentences saying what the status rests on, including data Lantern does not hold yet. */
  evidence: z.array(z.string()),
  drillDown: z.array(DrillDownRow),
});
export type CriterionView = z.infer<typeof CriterionView>;

export const QualityDashboardView = z.object({
  computedAt: z.string(),
  today: z.string(),
  criteria: z.array(CriterionView),
});
export type QualityDashboardView = z.infer<typeof QualityDashboardView>;

// ---------------------------------------------------------------------------------------------
// Outcome report

export const CohortBasis = z.enum(["admission", "discharge"]);
export type CohortBasis = z.infer<typeof CohortBasis>;

export const QuarterText = z
  .string()
  .regex(/^\d{4}-Q[1-4]$/, "Use a calendar quarter written as YYYY-Qn, for example 2026-Q3.");

export const OutcomeReportQuery = z.strictObject({ basis: CohortBasis, quarter: QuarterText });
export type OutcomeReportQuery = z.input<typeof OutcomeReportQuery>;

/** The smallest number of clients a published figure may rest on. */
export const minimumCell = 11;

export const OutcomeFigure = z.object({
  key: z.string(),
  label: z.string(),
  /** Null when suppressed (fewer than 11 clients behind it) or when nobody answered. */
  value: z.number().nullable(),
  /** Clients the figure rests on, or null when suppressed. */
  clients: z.number().nullable(),
  /** Share of the cohort behind the figure (0–100, rounded), shown next to it; null when suppressed. */
  responseRate: z.number().nullable(),
  suppressed: z.boolean(),
});
export type OutcomeFigure = z.infer<typeof OutcomeFigure>;

export const OutcomeReportView = z.object({
  basis: CohortBasis,
  quarter: z.string(),
  from: z.string(),
  to: z.string(),
  cohortSize: z.number(),
  followUpResponseRate: z.number(),
  figures: z.array(OutcomeFigure),
});
export type OutcomeReportView = z.infer<typeof OutcomeReportView>;

// ---------------------------------------------------------------------------------------------
// Public programme profile

export const ProfileSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/, "Use 3 to 48 lower-case letters, digits and hyphens.");

export const ProfileSettingsRequest = z.strictObject({
  slug: ProfileSlug,
  /** A snapshot older than this many days cannot be published. */
  maxAgeDays: z.number().int("Use whole days.").min(1, "Use at least 1 day.").max(90, "Use at most 90 days."),
});
export type ProfileSettingsRequest = z.input<typeof ProfileSettingsRequest>;

/** One cohort on the public page: figures only when it has at least 11 clients. */
export const PublicCohort = z.object({
  quarter: z.string(),
  basis: CohortBasis,
  /** False when the cohort has fewer than 11 clients: nothing about it is shown, not even its size. */
  shown: z.boolean(),
  report: OutcomeReportView.nullable(),
});
export type PublicCohort = z.infer<typeof PublicCohort>;

/** What the public page shows: the six criteria (no drill-down) and aggregate outcomes. */
export const ProgrammeProfileView = z.object({
  name: z.string(),
  computedAt: z.string(),
  criteria: z.array(CriterionView.omit({ drillDown: true })),
  cohorts: z.array(PublicCohort),
});
export type ProgrammeProfileView = z.infer<typeof ProgrammeProfileView>;

/** The admin's view of the profile's settings and state. */
export const ProfileAdminView = z.object({
  slug: z.string().nullable(),
  maxAgeDays: z.number(),
  published: z.boolean(),
  snapshotAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  snapshot: ProgrammeProfileView.nullable(),
});
export type ProfileAdminView = z.infer<typeof ProfileAdminView>;

// ---------------------------------------------------------------------------------------------
// Alumni volunteers

export const AlumniVolunteeringRequest = z.strictObject({ volunteering: z.boolean() });
export type AlumniVolunteeringRequest = z.input<typeof AlumniVolunteeringRequest>;

export const AlumniVolunteeringView = z.object({
  /** True once the client has been discharged and is not in care again. */
  eligible: z.boolean(),
  volunteering: z.boolean(),
  /** Requests the programme passed on to this alumnus, newest first. */
  requests: z.array(z.object({ id: z.string(), note: z.string(), at: z.string() })),
});
export type AlumniVolunteeringView = z.infer<typeof AlumniVolunteeringView>;

export const AlumniSummaryView = z.object({ volunteers: z.number() });
export type AlumniSummaryView = z.infer<typeof AlumniSummaryView>;

/** A request passed on to every volunteering alumnus; neither side's identity goes with it. */
export const AlumniContactRequest = z.strictObject({
  id: AppId,
  note: text("note", 300),
});
export type AlumniContactRequest = z.input<typeof AlumniContactRequest>;

export const AlumniContactResult = z.object({ forwarded: z.number() });
export type AlumniContactResult = z.infer<typeof AlumniContactResult>;
