import { z } from "zod";
import { feelingsWheel } from "./feelings.js";
import { isLocalDate } from "./local-date.js";

/**
 * Contracts for the client's daily recovery: three circles, the sobriety ledger, check-ins, urges,
 * triggers and coping, slip reviews and the journal. Shared by the API (validation, OpenAPI) and the
 * web app (types). Requests are strict: unknown fields are refused with the field named.
 */

/** Client-generated ids (UUIDv7 from the app) make retried submissions idempotent. */
export const ClientId = z.uuid("Use an id made by the app (a UUID).");

/** A calendar day in the client's own time zone. */
export const LocalDateText = z.string().refine(isLocalDate, "Use a real date written as YYYY-MM-DD.");

const text = (max: number, field = "text") =>
  z.string().trim().max(max, `Use at most ${max} characters for the ${field}.`);
const required = (max: number, field: string) => text(max, field).min(1, `Write something for the ${field}.`);

// ---------------------------------------------------------------------------------------------
// Three circles

export const Circle = z.enum(["inner", "middle", "outer"]);
export type Circle = z.infer<typeof Circle>;

/** One behaviour in a circle. A kept item keeps its id across versions, so check-ins can point at it. */
export const CircleItem = z.object({ id: z.string(), circle: Circle, text: z.string() });
export type CircleItem = z.infer<typeof CircleItem>;

/** Saving the circles: the whole list as it should be now; the server works out what changed. */
export const SaveCirclesRequest = z.strictObject({
  /** The version this edit started from (0 for the first); a stale one is refused with 409. */
  baseVersion: z.number().int().min(0),
  items: z
    .array(
      z.strictObject({
        /** Present for an item that already exists (unchanged or reworded); absent for a new one. */
        id: z.uuid("Use the id of an existing item, or leave it out for a new one.").optional(),
        circle: Circle,
        text: required(300, "behaviour"),
      }),
    )
    .max(60, "Keep the circles to at most 60 behaviours."),
  /** Why it changed, in a line (optional). */
  note: text(500, "note").optional(),
});
export type SaveCirclesRequest = z.input<typeof SaveCirclesRequest>;

export const CircleVersionSummary = z.object({
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** How the author stood to the client: self, care-team … */
  createdByRole: z.string(),
  note: z.string().nullable(),
  added: z.array(CircleItem),
  removed: z.array(CircleItem),
});

export const CircleComment = z.object({
  id: z.string(),
  version: z.number(),
  author: z.string(),
  authorRole: z.string(),
  body: z.string(),
  createdAt: z.string(),
});

export const CirclesView = z.object({
  /** 0 when the client has not written their circles yet. */
  version: z.number(),
  items: z.array(CircleItem),
  history: z.array(CircleVersionSummary),
  comments: z.array(CircleComment),
});
export type CirclesView = z.infer<typeof CirclesView>;

export const CircleCommentRequest = z.strictObject({ body: required(2000, "comment") });

// ---------------------------------------------------------------------------------------------
// Sobriety ledger

/** What a programme calls a single inner-circle act. The client sees the programme's word. */
export const ActTerm = z.enum(["lapse", "relapse", "slip"]);
export type ActTerm = z.infer<typeof ActTerm>;

export const RecoverySettings = z.object({
  actTerm: ActTerm,
  /** The word for the count of days: "sober days", "days of sobriety" … programme's choice. */
  streakLabel: z.string(),
});
export type RecoverySettings = z.infer<typeof RecoverySettings>;

export const RecoverySettingsRequest = z.strictObject({
  actTerm: ActTerm,
  streakLabel: required(40, "streak label"),
});

/** A new ledger event. Corrections void an earlier event; nothing is edited in place. */
export const LedgerEventRequest = z.discriminatedUnion("kind", [
  z.strictObject({
    id: ClientId,
    kind: z.literal("sobriety_start"),
    date: LocalDateText,
    note: text(500, "note").optional(),
  }),
  z.strictObject({
    id: ClientId,
    kind: z.literal("inner_circle_act"),
    date: LocalDateText,
    note: text(500, "note").optional(),
  }),
  z.strictObject({
    id: ClientId,
    kind: z.literal("void"),
    targetId: z.uuid("Name the event this corrects."),
    note: text(500, "note").optional(),
  }),
]);
export type LedgerEventRequest = z.input<typeof LedgerEventRequest>;

export const LedgerEventView = z.object({
  id: z.string(),
  kind: z.enum(["sobriety_start", "inner_circle_act", "void"]),
  date: z.string().nullable(),
  targetId: z.string().nullable(),
  note: z.string().nullable(),
  /** Where it came from: entered directly, a check-in or an urge. */
  source: z.enum(["manual", "check_in", "urge"]),
  recordedAt: z.string(),
  recordedBy: z.string(),
  /** True when a later correction voided it. */
  voided: z.boolean(),
});

export const LedgerSummaryView = z.object({
  startDate: z.string().nullable(),
  currentStreak: z.number(),
  longestStreak: z.number(),
  soberDaysLast365: z.number(),
  milestonesReached: z.array(z.number()),
  nextMilestone: z.number(),
  lastActDate: z.string().nullable(),
  actsInLast365: z.number(),
});

export const LedgerView = z.object({
  today: z.string(),
  timeZone: z.string(),
  settings: RecoverySettings,
  summary: LedgerSummaryView,
  events: z.array(LedgerEventView),
});
export type LedgerView = z.infer<typeof LedgerView>;

// ---------------------------------------------------------------------------------------------
// Daily check-in

/** The small feelings wheel lives in feelings.ts (no zod), so the web app can show it cheaply. */
export { feelingsWheel };

const feelingWords = Object.entries(feelingsWheel).flatMap(([core, words]) => [core, ...words]);
export const Feeling = z.enum(feelingWords as [string, ...string[]]);

export const Halt = z.strictObject({
  hungry: z.boolean(),
  angry: z.boolean(),
  lonely: z.boolean(),
  tired: z.boolean(),
});
export type Halt = z.infer<typeof Halt>;

/** The client's answers for one day. Scales: mood 1–5, stress 0–10, sleep quality 1–5, urge 0–10. */
export const CheckInAnswers = z.strictObject({
  mood: z.number().int().min(1, "Mood goes from 1 to 5.").max(5, "Mood goes from 1 to 5."),
  feelings: z.array(Feeling).max(8, "Pick at most eight feelings."),
  halt: Halt,
  stress: z.number().int().min(0, "Stress goes from 0 to 10.").max(10, "Stress goes from 0 to 10."),
  sleepHours: z.number().min(0, "Sleep is 0 to 24 hours.").max(24, "Sleep is 0 to 24 hours."),
  sleepQuality: z
    .number()
    .int()
    .min(1, "Sleep quality goes from 1 to 5.")
    .max(5, "Sleep quality goes from 1 to 5."),
  urgeStrength: z
    .number()
    .int()
    .min(0, "Urge strength goes from 0 to 10.")
    .max(10, "Urge strength goes from 0 to 10."),
  /** Ids of middle-circle items from the client's current circles. */
  middleItemIds: z.array(z.uuid()).max(60),
  outerItemIds: z.array(z.uuid()).max(60),
  innerCircle: z.boolean(),
  note: text(4000, "note").optional(),
});
export type CheckInAnswers = z.infer<typeof CheckInAnswers>;

/** PUT /check-ins/:date. The id is made by the app; resending the same id is harmless. */
export const SaveCheckInRequest = CheckInAnswers.extend({ id: ClientId });
export type SaveCheckInRequest = z.input<typeof SaveCheckInRequest>;

export const CheckInView = CheckInAnswers.extend({
  id: z.string(),
  date: z.string(),
  /** Filled in after its day had ended. */
  late: z.boolean(),
  /** The client can still change it (only on the day it was first saved). */
  editable: z.boolean(),
  note: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CheckInView = z.infer<typeof CheckInView>;

// ---------------------------------------------------------------------------------------------
// Urges and urge surfing

export const UrgeOutcome = z.enum(["passed", "middle_circle", "inner_circle"]);
export type UrgeOutcome = z.infer<typeof UrgeOutcome>;

/** An urge, sent when the surfing timer ends. Intensities are 0–10, one a minute from the start. */
export const SaveUrgeRequest = z.strictObject({
  id: ClientId,
  startedAt: z.iso.datetime({ message: "Use an ISO date and time for startedAt.", offset: true }),
  endedAt: z.iso.datetime({ message: "Use an ISO date and time for endedAt.", offset: true }),
  intensities: z
    .array(z.number().int().min(0, "Intensity goes from 0 to 10.").max(10, "Intensity goes from 0 to 10."))
    .min(1, "Rate the urge at least once.")
    .max(240),
  outcome: UrgeOutcome,
  triggerId: z.uuid().optional(),
  note: text(2000, "note").optional(),
});
export type SaveUrgeRequest = z.input<typeof SaveUrgeRequest>;

export const UrgeView = z.object({
  id: z.string(),
  date: z.string(),
  startedAt: z.string(),
  endedAt: z.string(),
  minutes: z.number(),
  intensities: z.array(z.number()),
  peak: z.number(),
  outcome: UrgeOutcome,
  triggerId: z.string().nullable(),
  triggerLabel: z.string().nullable(),
  note: z.string().nullable(),
});
export type UrgeView = z.infer<typeof UrgeView>;

export const UrgeStats = z.object({
  count: z.number(),
  /** Median minutes from start to end; null with no urges. */
  medianMinutes: z.number().nullable(),
  /** Share (0–1) of urges that passed without acting on them; null with no urges. */
  passedShare: z.number().nullable(),
  medianPeak: z.number().nullable(),
});
export type UrgeStats = z.infer<typeof UrgeStats>;

export const UrgesView = z.object({ urges: z.array(UrgeView), stats: UrgeStats });

// ---------------------------------------------------------------------------------------------
// Triggers and coping

export const TriggerKind = z.enum(["internal", "external"]);
export const TriggerCategory = z.enum([
  "feeling",
  "thought",
  "body",
  "person",
  "place",
  "thing",
  "time",
  "device",
]);
export const internalCategories = ["feeling", "thought", "body"] as const;

export const SaveTriggerRequest = z.strictObject({
  category: TriggerCategory,
  label: required(200, "trigger"),
  copingIds: z.array(z.uuid()).max(30),
});
export type SaveTriggerRequest = z.input<typeof SaveTriggerRequest>;

export const SaveCopingRequest = z.strictObject({ text: required(300, "coping strategy") });

export const TriggerView = z.object({
  id: z.string(),
  kind: TriggerKind,
  category: TriggerCategory,
  label: z.string(),
  copingIds: z.array(z.string()),
});
export type TriggerView = z.infer<typeof TriggerView>;

export const CopingView = z.object({ id: z.string(), text: z.string() });

/** Counts of what came before urges and inner-circle acts, for the pattern charts. */
export const Patterns = z.object({
  byTrigger: z.array(
    z.object({ triggerId: z.string(), label: z.string(), urges: z.number(), acts: z.number() }),
  ),
  /** 24 entries, local hour 0–23. */
  byHour: z.array(z.object({ hour: z.number(), urges: z.number(), acts: z.number() })),
  /** 7 entries, Monday first (1) to Sunday (7). */
  byWeekday: z.array(z.object({ weekday: z.number(), urges: z.number(), acts: z.number() })),
});
export type Patterns = z.infer<typeof Patterns>;

export const TriggersView = z.object({
  triggers: z.array(TriggerView),
  coping: z.array(CopingView),
  patterns: Patterns,
});
export type TriggersView = z.infer<typeof TriggersView>;

// ---------------------------------------------------------------------------------------------
// After a slip: the review (chain analysis)

export const SlipReviewAnswers = z.strictObject({
  /** The inner-circle event this looks back on, when there is one. */
  ledgerEventId: z.uuid().optional(),
  date: LocalDateText,
  vulnerabilities: text(4000, "vulnerabilities").optional(),
  trigger: text(4000, "trigger").optional(),
  thoughts: text(4000, "thoughts").optional(),
  feelings: text(4000, "feelings").optional(),
  actions: text(4000, "actions").optional(),
  consequences: text(4000, "consequences").optional(),
  /** What I will do differently next time: each line becomes a lesson in the prevention plan. */
  lessons: z.array(required(500, "lesson")).max(10),
  sharedWithCareTeam: z.boolean(),
});
/** PUT /slip-reviews/:reviewId, the id made by the app; saving again updates it. */
export const SaveSlipReviewRequest = SlipReviewAnswers;
export type SaveSlipReviewRequest = z.input<typeof SaveSlipReviewRequest>;

export const SlipReviewView = z.object({
  id: z.string(),
  ledgerEventId: z.string().nullable(),
  date: z.string(),
  vulnerabilities: z.string().nullable(),
  trigger: z.string().nullable(),
  thoughts: z.string().nullable(),
  feelings: z.string().nullable(),
  actions: z.string().nullable(),
  consequences: z.string().nullable(),
  lessons: z.array(z.string()),
  sharedWithCareTeam: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SlipReviewView = z.infer<typeof SlipReviewView>;

/** A lesson in the client's relapse-prevention plan (the full plan arrives with the support work). */
export const PreventionLessonView = z.object({
  id: z.string(),
  text: z.string(),
  slipReviewId: z.string().nullable(),
  createdAt: z.string(),
});

// ---------------------------------------------------------------------------------------------
// Journal

export const journalPrompts = [
  "feelings",
  "function",
  "distortions",
  "core_beliefs",
  "gratitude",
  "free",
] as const;
export const JournalPrompt = z.enum(journalPrompts);
export type JournalPrompt = z.infer<typeof JournalPrompt>;

export const SaveJournalEntryRequest = z.strictObject({
  prompt: JournalPrompt,
  body: required(20000, "entry"),
  sharedWithCareTeam: z.boolean(),
  /** Shown to the people holding a "journal" grant; false when left out. */
  sharedWithSupporters: z.boolean().optional(),
});
export type SaveJournalEntryRequest = z.input<typeof SaveJournalEntryRequest>;

export const JournalEntryView = z.object({
  id: z.string(),
  prompt: JournalPrompt,
  body: z.string(),
  sharedWithCareTeam: z.boolean(),
  sharedWithSupporters: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type JournalEntryView = z.infer<typeof JournalEntryView>;

// ---------------------------------------------------------------------------------------------
// The client's home screen, in one request

export const RecoveryToday = z.object({
  today: z.string(),
  timeZone: z.string(),
  settings: RecoverySettings,
  summary: LedgerSummaryView,
  checkIn: CheckInView.nullable(),
  /** Days in the last seven (before today) without a check-in, to offer a late one. */
  missedDays: z.array(z.string()),
  circles: z.object({ version: z.number(), items: z.array(CircleItem) }),
  urgeStats: UrgeStats,
  /** The inner-circle act most recent without a review, to offer one kindly. */
  unreviewedActDate: z.string().nullable(),
  unreviewedActId: z.string().nullable(),
});
export type RecoveryToday = z.infer<typeof RecoveryToday>;

// ---------------------------------------------------------------------------------------------
// The clinician's view

/** One day on the timeline. Nulls where the client did not check in. */
export const TimelineDay = z.object({
  date: z.string(),
  mood: z.number().nullable(),
  stress: z.number().nullable(),
  urgeStrength: z.number().nullable(),
  middleCount: z.number().nullable(),
  innerCircle: z.boolean(),
  urges: z.number(),
  urgesPassed: z.number(),
});

export const RecoveryTimeline = z.object({
  from: z.string(),
  to: z.string(),
  days: z.array(TimelineDay),
  summary: LedgerSummaryView,
  settings: RecoverySettings,
  checkIns: z.array(CheckInView),
  urges: z.array(UrgeView),
  events: z.array(LedgerEventView),
  /** Only the reviews the client chose to share (all of them for the client themself). */
  slipReviews: z.array(SlipReviewView),
  flags: z.array(z.lazy(() => CaseloadFlag)),
});
export type RecoveryTimeline = z.infer<typeof RecoveryTimeline>;

export const CaseloadFlag = z.object({
  kind: z.enum(["no_check_in", "rising_middle_circle", "inner_circle_event", "phq9_safety", "plan_review"]),
  /** Plain words for the clinician, e.g. "No check-in for 4 days". */
  detail: z.string(),
});
export type CaseloadFlag = z.infer<typeof CaseloadFlag>;

export const CaseloadEntry = z.object({
  clientId: z.string(),
  name: z.string(),
  lastCheckIn: z.string().nullable(),
  currentStreak: z.number(),
  flags: z.array(CaseloadFlag),
  /** The latest PHQ-9 and GAD-7 totals with their band (only those completed at least once). */
  latestScores: z.array(
    z.object({ instrumentId: z.string(), total: z.number(), band: z.string().nullable(), date: z.string() }),
  ),
  /** "overdue" when a questionnaire's day has passed, "due" when one is due today (or has no day). */
  assessmentsDue: z.enum(["due", "overdue"]).nullable(),
});
export type CaseloadEntry = z.infer<typeof CaseloadEntry>;
