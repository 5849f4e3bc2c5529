import { z } from "zod";
import { GenderDesignation, TrackKind } from "../programme/contracts.js";
import { LocalDateText } from "../recovery/contracts.js";

/**
 * Groups and the family programme (issue 8). Requests are strict objects, so an unknown field is
 * refused with its name.
 */

const AppId = z.uuid("Use an id made by the app (a UUID).");
const name = (what: string, max = 80) =>
  z.string().trim().min(1, `Write the ${what}.`).max(max, `Use at most ${max} characters for the ${what}.`);

// The same weekdays as aftercare meetings (one definition for the whole domain).
import { Weekday } from "../aftercare/contracts.js";

const TimeText = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time written as HH:MM (24-hour).");

export const GroupSchedule = z.strictObject({
  weekday: Weekday,
  /** Local time in the programme's time zone. */
  startTime: TimeText,
  durationMinutes: z.number().int().min(15, "Use at least 15 minutes.").max(480, "Use at most 8 hours."),
});
export type GroupSchedule = z.infer<typeof GroupSchedule>;

export const CreateGroupRequest = z.strictObject({
  id: AppId,
  name: name("group's name"),
  trackId: z.uuid("Pick a track."),
  facilitatorUserIds: z
    .array(z.uuid("Pick a member of staff."))
    .min(1, "Pick at least one facilitator.")
    .max(10),
  schedule: GroupSchedule,
});
export type CreateGroupRequest = z.input<typeof CreateGroupRequest>;

export const AddGroupMemberRequest = z.strictObject({ clientId: z.uuid("Pick a client.") });
export type AddGroupMemberRequest = z.input<typeof AddGroupMemberRequest>;

export const GroupMemberView = z.object({ clientId: z.string(), name: z.string(), addedOn: z.string() });
export type GroupMemberView = z.infer<typeof GroupMemberView>;

export const GroupView = z.object({
  id: z.string(),
  name: z.string(),
  trackId: z.string(),
  trackName: z.string(),
  levelOfCare: TrackKind,
  /** The track's: a group is dedicated to compulsive sexual behaviour when its track is. */
  csbDedicated: z.boolean(),
  genderDesignation: GenderDesignation,
  schedule: GroupSchedule,
  timeZone: z.string(),
  facilitators: z.array(z.object({ userId: z.string(), name: z.string() })),
  members: z.array(GroupMemberView),
  /** True when the caller may run this group's sessions (a facilitator or the programme's admin). */
  canRunSessions: z.boolean(),
});
export type GroupView = z.infer<typeof GroupView>;

export const GroupsView = z.object({
  groups: z.array(GroupView),
  /** Staff who can facilitate (the programme's clinicians and admins). */
  staff: z.array(z.object({ userId: z.string(), name: z.string() })),
  /** The programme's clients, to add as members (admins only; empty for others). */
  clients: z.array(z.object({ clientId: z.string(), name: z.string() })),
  today: z.string(),
});
export type GroupsView = z.infer<typeof GroupsView>;

export const Attendance = z.enum(["present", "late", "excused", "absent"]);
export type Attendance = z.infer<typeof Attendance>;

export const CreateGroupSessionRequest = z.strictObject({
  id: AppId,
  heldOn: LocalDateText,
  topic: name("topic", 200),
  /** The shared content, written once for everyone. */
  summary: z.string().trim().max(4000, "Use at most 4000 characters for the summary."),
});
export type CreateGroupSessionRequest = z.input<typeof CreateGroupSessionRequest>;

export const RecordAttendanceRequest = z.strictObject({
  clientId: z.uuid("Pick a member."),
  status: Attendance,
});
export type RecordAttendanceRequest = z.input<typeof RecordAttendanceRequest>;

export const MemberNoteRequest = z.strictObject({
  text: z.string().trim().min(1, "Write the note.").max(1000, "Use at most 1000 characters for the note."),
  /** Objectives of the member's current treatment plan this note speaks to. */
  objectiveIds: z.array(z.string().min(1).max(100)).max(20),
});
export type MemberNoteRequest = z.input<typeof MemberNoteRequest>;

export const GroupSessionSummary = z.object({
  id: z.string(),
  heldOn: z.string(),
  topic: z.string(),
});
export type GroupSessionSummary = z.infer<typeof GroupSessionSummary>;

export const GroupSessionView = z.object({
  id: z.string(),
  groupId: z.string(),
  heldOn: z.string(),
  topic: z.string(),
  summary: z.string(),
  members: z.array(
    z.object({
      clientId: z.string(),
      name: z.string(),
      attendance: Attendance.nullable(),
      note: z.object({ text: z.string(), objectiveIds: z.array(z.string()) }).nullable(),
      /** The member's current plan objectives, to link a note to. */
      objectives: z.array(z.object({ id: z.string(), description: z.string() })),
    }),
  ),
  /** Pairs of members whose notes are near copies of each other (see nearCopies). */
  nearCopies: z.array(z.object({ a: z.string(), b: z.string(), similarity: z.number() })),
});
export type GroupSessionView = z.infer<typeof GroupSessionView>;

// ---------------------------------------------------------------------------------------------
// Family programme

export const FamilyRelationship = z.enum(["partner", "family_member"]);
export type FamilyRelationship = z.infer<typeof FamilyRelationship>;

/** A named consent a participant gives, with the day it was given. */
export const ParticipantConsent = z.strictObject({
  name: name("consent's name", 120),
  givenOn: LocalDateText,
});
export type ParticipantConsent = z.infer<typeof ParticipantConsent>;

export const EnrolParticipantRequest = z.strictObject({
  id: AppId,
  name: name("participant's name"),
  relationship: FamilyRelationship,
  delivery: z.enum(["email", "code"]),
  email: z.email("Enter an email address.").optional(),
  consents: z.array(ParticipantConsent).max(20),
});
export type EnrolParticipantRequest = z.input<typeof EnrolParticipantRequest>;

export const SetConsentsRequest = z.strictObject({ consents: z.array(ParticipantConsent).max(20) });
export type SetConsentsRequest = z.input<typeof SetConsentsRequest>;

export const ParticipantView = z.object({
  id: z.string(),
  name: z.string(),
  relationship: FamilyRelationship,
  consents: z.array(ParticipantConsent),
  /** True once the participant has accepted the invitation and has an account. */
  hasAccount: z.boolean(),
  /** Family sessions the participant attended (present or late). */
  attended: z.number().int(),
});
export type ParticipantView = z.infer<typeof ParticipantView>;

export const EnrolParticipantResponse = z.object({
  participant: ParticipantView,
  invitation: z.object({ link: z.string(), code: z.string().nullable(), emailed: z.boolean() }).nullable(),
});
export type EnrolParticipantResponse = z.infer<typeof EnrolParticipantResponse>;

export const FamilySessionRequest = z.strictObject({
  id: AppId,
  heldOn: LocalDateText,
  topic: name("topic", 200),
  clientAttendance: Attendance,
  participants: z
    .array(
      z.strictObject({
        participantId: z.uuid("Pick a participant."),
        attendance: Attendance,
        /** Seen only by the client's care team, never by the client. */
        note: z.string().trim().max(1000, "Use at most 1000 characters for the note."),
      }),
    )
    .max(20),
});
export type FamilySessionRequest = z.input<typeof FamilySessionRequest>;

export const FamilySessionView = z.object({
  id: z.string(),
  heldOn: z.string(),
  topic: z.string(),
  clientAttendance: Attendance,
  participants: z.array(
    z.object({
      participantId: z.string(),
      name: z.string(),
      attendance: Attendance,
      /** Present only for the care team. */
      note: z.string().nullable(),
    }),
  ),
});
export type FamilySessionView = z.infer<typeof FamilySessionView>;

export const BoundaryItem = z.strictObject({
  id: z.string().min(1).max(100),
  text: name("boundary", 500),
  agreed: z.boolean(),
});
export type BoundaryItem = z.infer<typeof BoundaryItem>;

export const BoundariesPlanRequest = z.strictObject({ items: z.array(BoundaryItem).max(50) });
export type BoundariesPlanRequest = z.input<typeof BoundariesPlanRequest>;

export const BoundariesPlanView = z.object({
  items: z.array(BoundaryItem),
  /** True when the client has agreed that they and the participants may see the plan. */
  sharedByClient: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type BoundariesPlanView = z.infer<typeof BoundariesPlanView>;

/** The client's family section as staff see it. */
export const FamilyView = z.object({
  participants: z.array(ParticipantView),
  sessions: z.array(FamilySessionView),
  boundaries: BoundariesPlanView,
  /** True when the caller sees participant notes (the client's care team). */
  seesNotes: z.boolean(),
  today: z.string(),
});
export type FamilyView = z.infer<typeof FamilyView>;

/** What the client sees: the consent switch and, once shared, the plan. */
export const ClientBoundariesView = z.object({
  sharedByClient: z.boolean(),
  hasPlan: z.boolean(),
  items: z.array(BoundaryItem).nullable(),
});
export type ClientBoundariesView = z.infer<typeof ClientBoundariesView>;

export const BoundariesConsentRequest = z.strictObject({ shared: z.boolean() });
export type BoundariesConsentRequest = z.input<typeof BoundariesConsentRequest>;

/** What a family participant sees of their own enrolment. */
export const ParticipantHomeView = z.object({
  enrolments: z.array(
    z.object({
      participantId: z.string(),
      clientFirstName: z.string(),
      relationship: FamilyRelationship,
      consents: z.array(ParticipantConsent),
      sessions: z.array(z.object({ heldOn: z.string(), topic: z.string(), attendance: Attendance })),
      /** Null until the client agrees to share it. */
      boundaries: z.array(BoundaryItem).nullable(),
    }),
  ),
});
export type ParticipantHomeView = z.infer<typeof ParticipantHomeView>;
