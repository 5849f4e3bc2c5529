import { z } from "zod";
import { Email } from "../contracts.js";
import { SharingScope } from "../identity.js";
import { CirclesView } from "../recovery/contracts.js";

/**
 * Contracts for the client's support system: the support network, SOS, the safety plan, the
 * relapse-prevention plan, the outreach log, notifications and what linked people see.
 */

const text = (max: number, field: string) =>
  z.string().trim().max(max, `Use at most ${max} characters for the ${field}.`);
const required = (max: number, field: string) => text(max, field).min(1, `Write something for the ${field}.`);
/** A list of short lines (one idea each), as plans are written. */
const lines = (field: string, max = 20) =>
  z.array(required(300, field)).max(max, `Keep the ${field} to at most ${max} lines.`);

/**
 * A phone number as people write it: digits with spaces, dashes, dots, brackets, an optional leading
 * +, 3 to 20 digits. Kept as written for display; `dialable()` makes the tel: and sms: form.
 */
export const PhoneNumber = z
  .string()
  .trim()
  .max(30, "Use at most 30 characters for the phone number.")
  .refine(
    (value) => /^\+?[0-9 ().-]+$/.test(value),
    "Use digits, spaces, dashes or brackets, and + at the start.",
  )
  .refine((value) => {
    const digits = value.replace(/\D/g, "").length;
    return digits >= 3 && digits <= 20;
  }, "A phone number has between 3 and 20 digits.");

/** The form of a phone number a tel: or sms: link needs. */
export function dialable(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, "");
  return phone.trim().startsWith("+") ? `+${digits}` : digits;
}

// ---------------------------------------------------------------------------------------------
// Support network

export const ContactRole = z.enum([
  "sponsor",
  "therapist",
  "group_member",
  "accountability_partner",
  "family",
  "partner",
  "other",
]);
export type ContactRole = z.infer<typeof ContactRole>;

/** PUT /contacts/:contactId (a client-made id): creates or changes a contact. */
export const SaveContactRequest = z
  .strictObject({
    name: required(200, "name"),
    role: ContactRole,
    phone: PhoneNumber.optional(),
    email: Email.optional(),
    notes: text(1000, "notes").optional(),
    /** When they can be reached, in the client's words ("evenings", "any time"). */
    availability: text(200, "times they can be reached").optional(),
    /** The Lantern account of a linked person (partner, family member, supporter) of this client. */
    linkedUserId: z.uuid("Pick one of the people linked to your record.").optional(),
  })
  .refine((c) => c.phone !== undefined || c.email !== undefined || c.linkedUserId !== undefined, {
    path: ["phone"],
    message: "Add a phone number or an email, so you can reach them.",
  });
export type SaveContactRequest = z.input<typeof SaveContactRequest>;

export const ContactView = z.object({
  id: z.string(),
  name: z.string(),
  role: ContactRole,
  phone: z.string().nullable(),
  email: z.string().nullable(),
  notes: z.string().nullable(),
  availability: z.string().nullable(),
  linkedUserId: z.string().nullable(),
  /** 1 is called first. */
  position: z.number(),
});
export type ContactView = z.infer<typeof ContactView>;

/** The order for "who to call first": every live contact id, first to last. */
export const ReorderContactsRequest = z.strictObject({
  order: z.array(z.uuid()).max(100),
});

// ---------------------------------------------------------------------------------------------
// Crisis line and SOS

export const CrisisLine = z.object({
  /** What to call it ("988 Suicide & Crisis Lifeline", "Samaritans"). */
  name: z.string(),
  phone: z.string(),
  /** A number that takes text messages, when the line has one. */
  text: z.string().nullable(),
});
export type CrisisLine = z.infer<typeof CrisisLine>;

export const CrisisLineRequest = z.strictObject({
  name: required(120, "crisis line name"),
  phone: PhoneNumber,
  text: PhoneNumber.optional(),
});

/** Pressing SOS records a use at once (client-made id, so a double tap is one use). */
export const StartSosRequest = z.strictObject({
  id: z.uuid("Use an id made by the app (a UUID)."),
  triggerId: z.uuid().optional(),
  /** "I am thinking of harming myself": the safety plan and crisis line come first. */
  harmThoughts: z.boolean(),
});

/** Later in the same use: who the client chose to alert (people linked with an sos_alerts grant). */
export const NotifySupportersRequest = z.strictObject({
  userIds: z.array(z.uuid()).min(1, "Choose at least one person to alert.").max(20),
});

export const SosEventView = z.object({
  id: z.string(),
  startedAt: z.string(),
  triggerId: z.string().nullable(),
  harmThoughts: z.boolean(),
  notifiedNames: z.array(z.string()),
});
export type SosEventView = z.infer<typeof SosEventView>;

/** The answer to NotifySupportersRequest: who was alerted, and whether their email went. */
export const SosAlertResult = z.object({
  sosId: z.string(),
  alerted: z.array(z.object({ userId: z.string(), name: z.string(), emailed: z.boolean() })),
});
export type SosAlertResult = z.infer<typeof SosAlertResult>;

/** Everything the SOS screen needs, in one request. */
export const SosKit = z.object({
  coping: z.array(z.object({ id: z.string(), text: z.string() })),
  triggers: z.array(z.object({ id: z.string(), label: z.string(), copingIds: z.array(z.string()) })),
  /** Lines from the prevention plan and lessons from slip reviews. */
  reminders: z.array(z.string()),
  contacts: z.array(ContactView),
  /** Linked people whose grant includes sos_alerts: they can be alerted in the app and by email. */
  alertable: z.array(z.object({ userId: z.string(), name: z.string() })),
  crisisLine: CrisisLine,
  safetyPlan: z.lazy(() => SafetyPlanView).nullable(),
  recent: z.array(SosEventView),
});
export type SosKit = z.infer<typeof SosKit>;

// ---------------------------------------------------------------------------------------------
// Safety plan (Stanley–Brown structure) and relapse-prevention plan, both versioned

export const SafetyPlanSections = z.strictObject({
  warningSigns: lines("warning signs"),
  internalCoping: lines("things I can do on my own"),
  distractions: lines("people and places that take my mind off things"),
  helpers: lines("people I can ask for help"),
  professionals: lines("professionals and crisis lines"),
  safeEnvironment: lines("ways to make my surroundings safe"),
  reasonsForLiving: lines("reasons for living"),
});
export type SafetyPlanSections = z.infer<typeof SafetyPlanSections>;

export const SavePlanRequest = <T extends z.ZodType>(sections: T) =>
  z.strictObject({
    /** The version the edit started from (0 for the first); stale → 409. */
    baseVersion: z.number().int().min(0),
    sections,
  });
export const SaveSafetyPlanRequest = SavePlanRequest(SafetyPlanSections);

export const SafetyPlanView = z.object({
  version: z.number(),
  sections: SafetyPlanSections,
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type SafetyPlanView = z.infer<typeof SafetyPlanView>;

/** GET /safety-plan: `plan` is null until the first save. */
export const SafetyPlanResponse = z.object({ plan: SafetyPlanView.nullable() });
export type SafetyPlanResponse = z.infer<typeof SafetyPlanResponse>;

export const PreventionPlanSections = z.strictObject({
  triggers: lines("triggers"),
  warningSigns: lines("warning signs"),
  highRiskSituations: lines("high-risk situations"),
  coping: lines("coping strategies"),
  boundariesDevices: lines("boundaries for devices"),
  boundariesPlaces: lines("boundaries for places"),
  boundariesPeople: lines("boundaries with people"),
  whoToCall: lines("people to call"),
  afterASlip: lines("what to do after a slip"),
});
export type PreventionPlanSections = z.infer<typeof PreventionPlanSections>;
export const SavePreventionPlanRequest = SavePlanRequest(PreventionPlanSections);

export const PreventionPlanView = z.object({
  version: z.number(),
  sections: PreventionPlanSections,
  /** Lessons from slip reviews, newest first; part of the plan. */
  lessons: z.array(z.object({ id: z.string(), text: z.string(), createdAt: z.string() })),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
  history: z.array(z.object({ version: z.number(), createdAt: z.string(), createdBy: z.string() })),
});
export type PreventionPlanView = z.infer<typeof PreventionPlanView>;

// ---------------------------------------------------------------------------------------------
// Outreach log

export const SaveOutreachRequest = z.strictObject({
  id: z.uuid("Use an id made by the app (a UUID)."),
  contactId: z.uuid().optional(),
  /** Who, when the person is not in the network. */
  name: text(200, "name").optional(),
  direction: z.enum(["made", "received"]),
  at: z.iso.datetime({ message: "Use an ISO date and time.", offset: true }),
  note: text(1000, "note").optional(),
});

export const OutreachView = z.object({
  id: z.string(),
  contactId: z.string().nullable(),
  name: z.string(),
  direction: z.enum(["made", "received"]),
  at: z.string(),
  date: z.string(),
  note: z.string().nullable(),
});

export type OutreachView = z.infer<typeof OutreachView>;

export const OutreachLog = z.object({
  /** Newest first (at most 200). */
  calls: z.array(OutreachView),
  /** The last 12 Monday-first weeks in the client's zone, newest (this week) first. */
  weeks: z.array(z.object({ weekStart: z.string(), made: z.number(), received: z.number() })),
});
export type OutreachLog = z.infer<typeof OutreachLog>;

// ---------------------------------------------------------------------------------------------
// Notifications (in the app; emails say only "You have a new message in Lantern")

export const NotificationView = z.object({
  id: z.string(),
  /** sos_alert: a client asked a supporter for help; assessment_due: the caller has something to fill in. */
  kind: z.enum(["sos_alert", "assessment_due", "alumni_request"]),
  /** Plain words for the app, e.g. "Sam asked for support." */
  title: z.string(),
  clientId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;

// ---------------------------------------------------------------------------------------------
// What a linked person sees: one route per scope, so the choke point checks each scope.

export const SharedSummaryView = z.object({
  /** The client's first name. */
  clientName: z.string(),
  streakLabel: z.string(),
  currentStreak: z.number(),
  longestStreak: z.number(),
  milestonesReached: z.array(z.number()),
  nextMilestone: z.number(),
});

/** Mood and urge level per day; never notes, feelings or behaviours. */
export const SharedCheckInSummary = z.array(
  z.object({ date: z.string(), mood: z.number(), urgeStrength: z.number() }),
);

/** That a slip happened, on which day; no details. */
export const SharedSlips = z.array(z.object({ date: z.string() }));

/** SOS uses the person was alerted to, newest first. */
export const SharedSosAlerts = z.array(z.object({ id: z.string(), at: z.string() }));

/** Entries the client marked for the people they share with; newest first. */
export const SharedJournal = z.array(
  z.object({ id: z.string(), prompt: z.string(), body: z.string(), createdAt: z.string() }),
);

export type SharedSummaryView = z.infer<typeof SharedSummaryView>;
export type SharedCheckInSummary = z.infer<typeof SharedCheckInSummary>;
export type SharedSlips = z.infer<typeof SharedSlips>;
export type SharedSosAlerts = z.infer<typeof SharedSosAlerts>;
export type SharedJournal = z.infer<typeof SharedJournal>;

/**
 * "See what they see": exactly what one grant's holder would get now from each shared route. A
 * scope the grant does not hold is null (the holder would get 404 there).
 */
export const SharedPreview = z.object({
  grantId: z.string(),
  granteeName: z.string(),
  relationship: z.string(),
  scopes: z.array(z.string()),
  /** The "profile" scope: the client's name, as GET /api/clients/:clientId shows it. */
  profile: z.object({ name: z.string() }).nullable(),
  summary: SharedSummaryView.nullable(),
  checkIns: SharedCheckInSummary.nullable(),
  slips: SharedSlips.nullable(),
  sosAlerts: SharedSosAlerts.nullable(),
  journal: SharedJournal.nullable(),
  preventionPlan: PreventionPlanView.nullable(),
  /** The "three_circles" scope: the circles as GET /circles shows them. */
  circles: CirclesView.nullable(),
});
export type SharedPreview = z.infer<typeof SharedPreview>;

/** For a linked person: who shares with them and which kinds of data, so their home can list them. */
export const SharingWithMe = z.array(
  z.object({ clientId: z.string(), firstName: z.string(), scopes: z.array(SharingScope) }),
);
export type SharingWithMe = z.infer<typeof SharingWithMe>;
