import type { ColumnType, Insertable, Selectable } from "kysely";

/** An instant: an ISO string on SQLite, a Date from PostgreSQL's timestamptz. Read it with toIso(). */
export type Timestamp = ColumnType<Date | string, Date | string, Date | string>;
/** A boolean: 0/1 on SQLite, a real boolean on PostgreSQL. */
export type Bool = ColumnType<boolean | number, boolean | number, boolean | number>;

export interface InstanceSettingsTable {
  key: string;
  value: string;
  created_at: Timestamp;
}

export interface OrganisationsTable {
  id: string;
  name: string;
  time_zone: string;
  kind: "residential" | "outpatient" | "both";
  created_at: Timestamp;
}

/** better-auth's user model, mapped to snake_case columns. */
export interface UsersTable {
  id: string;
  name: string;
  email: string;
  email_verified: Bool;
  image: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token: string;
  expires_at: Timestamp;
  ip_address: string | null;
  user_agent: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AccountsTable {
  id: string;
  user_id: string;
  account_id: string;
  provider_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: Timestamp | null;
  refresh_token_expires_at: Timestamp | null;
  scope: string | null;
  password: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface VerificationsTable {
  id: string;
  identifier: string;
  value: string;
  expires_at: Timestamp;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MembershipsTable {
  id: string;
  user_id: string;
  /** Null only for the instance owner, whose role spans the installation. */
  organisation_id: string | null;
  role: string;
  created_at: Timestamp;
}

export interface ClientsTable {
  id: string;
  user_id: string;
  organisation_id: string | null;
  time_zone: string;
  /** Gender for placement in rooms and groups kept for men or women; null until recorded. */
  placement_gender: "man" | "woman" | "other_or_undisclosed" | null;
  /** What the census shows instead of initials, if the client chose one. */
  alias: string | null;
  created_at: Timestamp;
}

export interface CareTeamMembersTable {
  client_id: string;
  clinician_user_id: string;
  assigned_by_user_id: string;
  created_at: Timestamp;
}

export interface InvitationsTable {
  id: string;
  organisation_id: string | null;
  role: string;
  email: string | null;
  token_hash: string;
  /** For a linked person (partner, family, supporter): the client who invited them. */
  client_id: string | null;
  /** JSON array of sharing scopes given on acceptance (linked people only). */
  scopes: string;
  invited_by_user_id: string;
  expires_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by_user_id: string | null;
  revoked_at: Timestamp | null;
  created_at: Timestamp;
}

export interface GrantsTable {
  id: string;
  client_id: string;
  grantee_user_id: string;
  relationship: string;
  scopes: string;
  created_at: Timestamp;
  revoked_at: Timestamp | null;
}

export interface BreakGlassTable {
  id: string;
  clinician_user_id: string;
  client_id: string;
  reason: string;
  created_at: Timestamp;
  expires_at: Timestamp;
}

/** bigint comes back as a number (see dialect.ts) on PostgreSQL and as a number on SQLite. */
export interface AuditEventsTable {
  seq: number;
  id: string;
  at: Timestamp;
  actor_user_id: string | null;
  actor_role: string | null;
  organisation_id: string | null;
  client_id: string | null;
  record_type: string;
  record_id: string | null;
  action: string;
  outcome: string;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface RecoverySettingsTable {
  organisation_id: string;
  act_term: string;
  streak_label: string;
  /** The crisis line shown on the SOS screen; null: the default (988, US). */
  crisis_line_name: ColumnType<string | null, string | null | undefined, string | null>;
  crisis_line_phone: ColumnType<string | null, string | null | undefined, string | null>;
  crisis_line_text: ColumnType<string | null, string | null | undefined, string | null>;
  updated_by_user_id: string;
  updated_at: Timestamp;
}

export interface CircleVersionsTable {
  id: string;
  client_id: string;
  version: number;
  created_by_user_id: string;
  created_by_role: string;
  note: string | null;
  created_at: Timestamp;
}

/** An item is current while removed_in_version is null. */
export interface CircleItemsTable {
  id: string;
  client_id: string;
  circle: string;
  text: string;
  position: number;
  added_in_version: number;
  removed_in_version: number | null;
}

export interface CircleCommentsTable {
  id: string;
  client_id: string;
  version: number;
  author_user_id: string;
  author_role: string;
  body: string;
  created_at: Timestamp;
}

/** Append-only; a correction is a "void" row naming target_id. */
export interface LedgerEventsTable {
  id: string;
  client_id: string;
  kind: string;
  date: string | null;
  target_id: string | null;
  note: string | null;
  source: string;
  source_id: string | null;
  recorded_by_user_id: string;
  recorded_at: Timestamp;
}

/** JSON text: feelings (string[]), halt (object), middle_item_ids and outer_item_ids (string[]). */
export interface CheckInsTable {
  id: string;
  client_id: string;
  date: string;
  mood: number;
  feelings: string;
  halt: string;
  stress: number;
  sleep_hours: number;
  sleep_quality: number;
  urge_strength: number;
  middle_item_ids: string;
  outer_item_ids: string;
  inner_circle: Bool;
  note: string | null;
  late: Bool;
  saved_on: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TriggersTable {
  id: string;
  client_id: string;
  kind: string;
  category: string;
  label: string;
  /** JSON string[] of coping strategy ids. */
  coping_ids: string;
  created_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface CopingStrategiesTable {
  id: string;
  client_id: string;
  text: string;
  created_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface UrgesTable {
  id: string;
  client_id: string;
  date: string;
  started_at: Timestamp;
  ended_at: Timestamp;
  /** JSON number[]: 0–10, one a minute. */
  intensities: string;
  peak: number;
  outcome: string;
  trigger_id: string | null;
  note: string | null;
  created_at: Timestamp;
}

export interface SlipReviewsTable {
  id: string;
  client_id: string;
  ledger_event_id: string | null;
  date: string;
  vulnerabilities: string | null;
  trigger: string | null;
  thoughts: string | null;
  feelings: string | null;
  actions: string | null;
  consequences: string | null;
  /** JSON string[]. */
  lessons: string;
  shared_with_care_team: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface PreventionLessonsTable {
  id: string;
  client_id: string;
  text: string;
  slip_review_id: string | null;
  created_at: Timestamp;
}

export interface JournalEntriesTable {
  id: string;
  client_id: string;
  prompt: string;
  body: string;
  shared_with_care_team: Bool;
  /** Picked by the client for the people holding a "journal" grant. */
  shared_with_supporters: ColumnType<boolean | number, boolean | number | undefined, boolean | number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface SupportContactsTable {
  id: string;
  client_id: string;
  name: string;
  role: string;
  phone: string | null;
  email: string | null;
  notes: string | null;
  availability: string | null;
  linked_user_id: string | null;
  position: number;
  created_at: Timestamp;
  updated_at: Timestamp;
  archived_at: Timestamp | null;
}

export interface SosEventsTable {
  id: string;
  client_id: string;
  trigger_id: string | null;
  harm_thoughts: Bool;
  started_at: Timestamp;
}

export interface SosAlertsTable {
  id: string;
  sos_event_id: string;
  client_id: string;
  recipient_user_id: string;
  emailed: Bool;
  created_at: Timestamp;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  client_id: string | null;
  /** The record it points at (an SOS use). */
  subject_id: string | null;
  created_at: Timestamp;
  read_at: Timestamp | null;
}

/** One row per version; sections are JSON. Same shape for the safety and prevention plans. */
export interface PlanVersionsTable {
  id: string;
  client_id: string;
  version: number;
  sections: string;
  created_by_user_id: string;
  created_by_role: string;
  created_at: Timestamp;
}

export interface OutreachCallsTable {
  id: string;
  client_id: string;
  contact_id: string | null;
  name: string;
  direction: string;
  at: Timestamp;
  /** The client's local day of `at`. */
  date: string;
  note: string | null;
  created_at: Timestamp;
}

/** The whole database, one entry per table. */
/** One assigned questionnaire (see the assessments migration). */
export interface AssessmentsTable {
  id: string;
  client_id: string;
  instrument_id: string;
  assigned_by_user_id: string;
  /** The client's local day it is due, or null. */
  due_date: string | null;
  status: "due" | "draft" | "completed";
  /** JSON: item id → answer value. */
  answers: string;
  /** JSON AssessmentResult once completed. */
  result: string | null;
  safety_flag: Bool;
  created_at: Timestamp;
  updated_at: Timestamp;
  completed_at: Timestamp | null;
  /** The schedule this occurrence came from, or null when assigned by hand. */
  schedule_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** The schedule's occurrence day (the client's local day), or null when assigned by hand. */
  occurrence_day: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A battery given at admission, weekly, at discharge or as follow-ups (see the domain's schedules). */
export interface AssessmentSchedulesTable {
  id: string;
  client_id: string;
  kind: "admission" | "weekly" | "discharge" | "follow_up";
  /** JSON: the instrument ids of the battery. */
  instrument_ids: string;
  start_day: string;
  created_by_user_id: string;
  created_at: Timestamp;
  /** The next occurrence not yet materialised; null when none is left. */
  next_day: string | null;
  stopped_on: string | null;
  stopped_at: Timestamp | null;
  stopped_by_user_id: string | null;
}

/** A programme's reliable-change threshold for one instrument, with its source. */
export interface InstrumentSettingsTable {
  organisation_id: string;
  instrument_id: string;
  reliable_change_points: number;
  reliable_change_source: string;
  updated_by_user_id: string;
  updated_at: Timestamp;
}

/** One client's intake (see the intake migration). */
export interface IntakesTable {
  client_id: string;
  status: "open" | "finalised";
  client_ready_at: Timestamp | null;
  finalised_at: Timestamp | null;
  finalised_by_user_id: string | null;
  reopened_at: Timestamp | null;
  reopened_by_user_id: string | null;
  reopen_reason: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by_user_id: string;
}

/** One area of an intake: the client's words and the clinician's record as JSON, the rating. */
export interface IntakeAreasTable {
  client_id: string;
  area: string;
  client_answers: string;
  clinician_answers: string;
  severity: "none" | "mild" | "moderate" | "severe" | null;
  summary: string | null;
  updated_at: Timestamp;
  updated_by_user_id: string;
}

/** One problem on a client's problem list (drafted from the intake or added by a clinician). */
export interface IntakeProblemsTable {
  id: string;
  client_id: string;
  area: string;
  title: string;
  detail: string;
  severity: "mild" | "moderate" | "severe";
  origin: "drafted" | "added";
  created_by_user_id: string;
  updated_by_user_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface TracksTable {
  id: string;
  organisation_id: string;
  name: string;
  kind: "residential" | "intensive_outpatient" | "outpatient" | "partner_programme" | "family_programme";
  csb_dedicated: Bool;
  gender_designation: "men" | "women" | "mixed";
  created_at: Timestamp;
}

export interface UnitsTable {
  id: string;
  organisation_id: string;
  name: string;
  gender_restriction: "men" | "women" | "none";
  created_at: Timestamp;
}

export interface RoomsTable {
  id: string;
  unit_id: string;
  name: string;
  created_at: Timestamp;
}

export interface BedsTable {
  id: string;
  room_id: string;
  label: string;
  /** As staff set it; "occupied" is derived from open episodes. */
  state: "free" | "reserved" | "out_of_service";
  created_at: Timestamp;
}

export interface EpisodesTable {
  id: string;
  client_id: string;
  organisation_id: string;
  /** Programme-local day. */
  admitted_on: string;
  referral_source: string;
  /** JSON array of { kind, signedOn }. */
  consents: string;
  /** The current stretch's track and bed. */
  track_id: string;
  bed_id: string | null;
  discharged_on: string | null;
  discharge_type: "planned" | "against_advice" | "administrative" | "transfer" | null;
  admitted_by_user_id: string;
  discharged_by_user_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EpisodeSegmentsTable {
  id: string;
  episode_id: string;
  starts_on: string;
  ends_on: string | null;
  track_id: string;
  level_of_care: TracksTable["kind"];
  bed_id: string | null;
  recorded_by_user_id: string;
  created_at: Timestamp;
}

/** A programme's treatment-plan settings (see the treatment-plans migration). */
export interface TreatmentPlanSettingsTable {
  organisation_id: string;
  review_days: number;
  supervisor_required: Bool;
  updated_by_user_id: string;
  updated_at: Timestamp;
}

/** A programme's own or imported library goal; `goal` is JSON LibraryGoalInput. */
export interface TreatmentPlanLibraryGoalsTable {
  id: string;
  organisation_id: string;
  source: "programme" | "imported";
  source_label: string | null;
  goal: string;
  created_by_user_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** One version of a client's treatment plan; `content` is JSON PlanContent. */
export interface TreatmentPlanVersionsTable {
  id: string;
  client_id: string;
  version: number;
  revision: number;
  content: string;
  created_by_user_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** When the last required signature locked it. */
  signed_at: Timestamp | null;
}

export interface TreatmentPlanSignaturesTable {
  id: string;
  version_id: string;
  client_id: string;
  role: string;
  signer_user_id: string;
  content_hash: string;
  signed_at: Timestamp;
}

export interface TreatmentPlanReviewsTable {
  id: string;
  client_id: string;
  version_id: string;
  reviewed_by_user_id: string;
  note: string;
  reviewed_on: string;
  created_at: Timestamp;
}

/** Normalised individual texts of each client's newest plan version, for the copied-text check. */
export interface TreatmentPlanTextsTable {
  client_id: string;
  organisation_id: string | null;
  field: string;
  text: string;
}

/** A progress note (see the notes-exercises migration). Signed notes never change. */
export interface ProgressNotesTable {
  id: string;
  client_id: string;
  author_user_id: string;
  template: "dap" | "birp" | "soap";
  session_date: string;
  duration_minutes: number;
  service_kind: "individual" | "family" | "group" | "other";
  /** JSON: section id → text. */
  sections: string;
  status: "draft" | "signed";
  signed_by_user_id: string | null;
  signed_at: Timestamp | null;
  /** SHA-256 (hex) of noteSigningText. */
  content_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Plan objectives a note addressed; objective_id names an objective of the plan JSON (checked by the service). */
export interface ProgressNoteObjectivesTable {
  note_id: string;
  objective_id: string;
}

/** An addendum to a signed note: appended, signed, never edited. */
export interface ProgressNoteAddendaTable {
  id: string;
  note_id: string;
  author_user_id: string;
  body: string;
  content_hash: string;
  signed_at: Timestamp;
}

/** A programme's choice to share signed notes with its clients (off when absent). */
export interface NoteSettingsTable {
  organisation_id: string;
  share_signed_notes_with_clients: Bool;
  updated_by_user_id: string;
  updated_at: Timestamp;
}

/** An assigned recovery exercise; objective_id names an objective of the plan JSON (checked by the service). */
export interface ExerciseAssignmentsTable {
  id: string;
  client_id: string;
  template_id: string;
  objective_id: string | null;
  assigned_by_user_id: string;
  due_date: string;
  status: "assigned" | "in_progress" | "submitted" | "reviewed" | "returned";
  /** JSON ExerciseAnswers. */
  answers: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  submitted_at: Timestamp | null;
}

/** A clinician's review of a submitted exercise: done, or returned for more work. */
export interface ExerciseReviewsTable {
  id: string;
  exercise_id: string;
  reviewer_user_id: string;
  decision: "reviewed" | "returned";
  comment: string;
  created_at: Timestamp;
}

/** The aftercare plan of one episode; therapist, groups, meetings and sponsor are JSON. */
export interface AftercarePlansTable {
  episode_id: string;
  client_id: string;
  therapist: string | null;
  groups: string;
  meetings: string;
  sponsor: string | null;
  follow_up_schedule_id: string | null;
  updated_by_user_id: string;
  updated_at: Timestamp;
}

export interface AftercareReviewsTable {
  id: string;
  episode_id: string;
  item: "circles" | "prevention_plan" | "safety_plan";
  version: number;
  reviewed_by_user_id: string;
  reviewed_at: Timestamp;
}

export interface DischargeSummariesTable {
  episode_id: string;
  client_id: string;
  content: string;
  revision: number;
  signed_by_user_id: string | null;
  signed_at: Timestamp | null;
  content_hash: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AftercareAttendanceTable {
  id: string;
  client_id: string;
  episode_id: string;
  on_day: string;
  kind: "therapy" | "group" | "meeting";
  item_id: string | null;
  attended: Bool;
  created_at: Timestamp;
}

/** The client's secret calendar address; only the token's SHA-256 is kept. */
export interface CalendarFeedsTable {
  client_id: string;
  token_hash: string;
  created_at: Timestamp;
}

/** A group of a track: its dedicated flag and gender designation are the track's. */
export interface GroupsTable {
  id: string;
  organisation_id: string;
  track_id: string;
  name: string;
  weekday: "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
  /** HH:MM in the programme's time zone. */
  start_time: string;
  duration_minutes: number;
  created_by_user_id: string;
  created_at: Timestamp;
}

export interface GroupFacilitatorsTable {
  group_id: string;
  user_id: string;
}

export interface GroupMembersTable {
  group_id: string;
  client_id: string;
  added_on: string;
  added_by_user_id: string;
  created_at: Timestamp;
}

export interface GroupSessionsTable {
  id: string;
  group_id: string;
  held_on: string;
  topic: string;
  summary: string;
  created_by_user_id: string;
  created_at: Timestamp;
}

export interface GroupAttendanceTable {
  session_id: string;
  client_id: string;
  status: "present" | "late" | "excused" | "absent";
  recorded_by_user_id: string;
  updated_at: Timestamp;
}

/** A member's note in one session: part of that client's record. `objective_ids` is JSON. */
export interface GroupMemberNotesTable {
  session_id: string;
  client_id: string;
  text: string;
  objective_ids: string;
  written_by_user_id: string;
  updated_at: Timestamp;
}

/** A partner or family member in the family programme; walled from the client's record. */
export interface FamilyParticipantsTable {
  id: string;
  client_id: string;
  name: string;
  relationship: "partner" | "family_member";
  invitation_id: string | null;
  /** JSON array of { name, givenOn }. */
  consents: string;
  created_by_user_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface FamilySessionsTable {
  id: string;
  client_id: string;
  held_on: string;
  topic: string;
  client_attendance: "present" | "late" | "excused" | "absent";
  created_by_user_id: string;
  created_at: Timestamp;
}

export interface FamilySessionParticipantsTable {
  session_id: string;
  participant_id: string;
  attendance: "present" | "late" | "excused" | "absent";
  /** Seen only by the client's care team. */
  note: string;
}

/** The boundaries plan for the return home; `items` is JSON. Shared only when the client says so. */
export interface BoundariesPlansTable {
  client_id: string;
  items: string;
  shared_by_client: Bool;
  shared_at: Timestamp | null;
  updated_by_user_id: string | null;
  updated_at: Timestamp;
}

/** A staff member's credential (see the quality migration); kept with removed_at when removed. */
export interface StaffCredentialsTable {
  id: string;
  organisation_id: string;
  user_id: string;
  kind:
    | "sex_addiction_specialist"
    | "sex_addiction_candidate"
    | "partner_specialist"
    | "licensed_mental_health"
    | "addiction_counsellor";
  licence_type: string | null;
  issuer: string;
  number: string;
  issued_on: string;
  expires_on: string | null;
  recorded_by_user_id: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  removed_at: Timestamp | null;
}

/** A programme's public profile: off until published; the page serves `snapshot` (JSON). */
export interface ProgrammeProfilesTable {
  organisation_id: string;
  slug: string;
  max_age_days: number;
  published: Bool;
  snapshot: string | null;
  snapshot_at: Timestamp | null;
  published_at: Timestamp | null;
  updated_by_user_id: string;
  updated_at: Timestamp;
}

export interface AlumniVolunteersTable {
  client_id: string;
  organisation_id: string;
  volunteering: Bool;
  updated_at: Timestamp;
}

export interface AlumniRequestsTable {
  id: string;
  organisation_id: string;
  note: string;
  forwarded: number;
  created_by_user_id: string;
  created_at: Timestamp;
}

export interface Database {
  alumni_volunteers: AlumniVolunteersTable;
  alumni_requests: AlumniRequestsTable;
  staff_credentials: StaffCredentialsTable;
  programme_profiles: ProgrammeProfilesTable;
  groups: GroupsTable;
  group_facilitators: GroupFacilitatorsTable;
  group_members: GroupMembersTable;
  group_sessions: GroupSessionsTable;
  group_attendance: GroupAttendanceTable;
  group_member_notes: GroupMemberNotesTable;
  family_participants: FamilyParticipantsTable;
  family_sessions: FamilySessionsTable;
  family_session_participants: FamilySessionParticipantsTable;
  boundaries_plans: BoundariesPlansTable;
  tracks: TracksTable;
  units: UnitsTable;
  rooms: RoomsTable;
  beds: BedsTable;
  episodes: EpisodesTable;
  episode_segments: EpisodeSegmentsTable;
  aftercare_plans: AftercarePlansTable;
  aftercare_reviews: AftercareReviewsTable;
  discharge_summaries: DischargeSummariesTable;
  aftercare_attendance: AftercareAttendanceTable;
  calendar_feeds: CalendarFeedsTable;
  treatment_plan_settings: TreatmentPlanSettingsTable;
  treatment_plan_library_goals: TreatmentPlanLibraryGoalsTable;
  treatment_plan_versions: TreatmentPlanVersionsTable;
  treatment_plan_signatures: TreatmentPlanSignaturesTable;
  treatment_plan_reviews: TreatmentPlanReviewsTable;
  treatment_plan_texts: TreatmentPlanTextsTable;
  progress_notes: ProgressNotesTable;
  progress_note_objectives: ProgressNoteObjectivesTable;
  progress_note_addenda: ProgressNoteAddendaTable;
  note_settings: NoteSettingsTable;
  exercise_assignments: ExerciseAssignmentsTable;
  exercise_reviews: ExerciseReviewsTable;
  assessments: AssessmentsTable;
  intakes: IntakesTable;
  intake_areas: IntakeAreasTable;
  intake_problems: IntakeProblemsTable;
  assessment_schedules: AssessmentSchedulesTable;
  instrument_settings: InstrumentSettingsTable;
  support_contacts: SupportContactsTable;
  sos_events: SosEventsTable;
  sos_alerts: SosAlertsTable;
  notifications: NotificationsTable;
  safety_plan_versions: PlanVersionsTable;
  prevention_plan_versions: PlanVersionsTable;
  outreach_calls: OutreachCallsTable;
  recovery_settings: RecoverySettingsTable;
  circle_versions: CircleVersionsTable;
  circle_items: CircleItemsTable;
  circle_comments: CircleCommentsTable;
  ledger_events: LedgerEventsTable;
  check_ins: CheckInsTable;
  triggers: TriggersTable;
  coping_strategies: CopingStrategiesTable;
  urges: UrgesTable;
  slip_reviews: SlipReviewsTable;
  prevention_lessons: PreventionLessonsTable;
  journal_entries: JournalEntriesTable;
  clients: ClientsTable;
  care_team_members: CareTeamMembersTable;
  invitations: InvitationsTable;
  grants: GrantsTable;
  break_glass: BreakGlassTable;
  audit_events: AuditEventsTable;
  audit_chain_head: AuditChainHeadTable;
  instance_settings: InstanceSettingsTable;
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  accounts: AccountsTable;
  verifications: VerificationsTable;
  memberships: MembershipsTable;
}

export type OrganisationRow = Selectable<OrganisationsTable>;
export type NewOrganisation = Insertable<OrganisationsTable>;
export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;

/** Reads a Timestamp column as an ISO string, whichever dialect stored it. */
export function toIso(value: Date | string): string {
  return typeof value === "string" ? new Date(value).toISOString() : value.toISOString();
}
