import type { Executor } from "../../db/executor.js";

/** Every stretch of every episode of the programme, with the client's census details and bed's unit. */
export async function staysOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("episode_segments")
    .innerJoin("episodes", "episodes.id", "episode_segments.episode_id")
    .innerJoin("clients", "clients.id", "episodes.client_id")
    .innerJoin("users", "users.id", "clients.user_id")
    .leftJoin("beds", "beds.id", "episode_segments.bed_id")
    .leftJoin("rooms", "rooms.id", "beds.room_id")
    .select([
      "episode_segments.episode_id",
      "episode_segments.track_id",
      "episode_segments.starts_on",
      "episode_segments.ends_on",
      "rooms.unit_id",
      "clients.placement_gender",
      "clients.alias",
      "users.name",
    ])
    .where("episodes.organisation_id", "=", organisationId)
    .orderBy("episode_segments.starts_on")
    .orderBy("episode_segments.id")
    .execute();
}

/** The programme's episodes (admission and discharge days per client). */
export async function episodesOfProgramme(db: Executor, organisationId: string) {
  return db
    .selectFrom("episodes")
    .select(["id", "client_id", "admitted_on", "discharged_on"])
    .where("organisation_id", "=", organisationId)
    .orderBy("admitted_on")
    .orderBy("id")
    .execute();
}

/** Scheduled questionnaires of some clients with the schedule's kind (admission, follow-up…). */
export async function scheduledAssessmentsOf(db: Executor, clientIds: readonly string[]) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom("assessments")
    .innerJoin("assessment_schedules", "assessment_schedules.id", "assessments.schedule_id")
    .select([
      "assessments.client_id",
      "assessments.instrument_id",
      "assessments.status",
      "assessments.result",
      "assessments.answers",
      "assessments.occurrence_day",
      "assessment_schedules.kind",
    ])
    .where("assessments.client_id", "in", clientIds)
    .where("assessment_schedules.kind", "in", ["admission", "follow_up"])
    .orderBy("assessments.occurrence_day")
    .orderBy("assessments.id")
    .execute();
}

/**
 * Follow-up questionnaires given to the programme's discharged clients (those with a discharged
 * episode), counted in the database: how many, how many completed, and how many clients completed one.
 * Counting here rather than fetching every row keeps the dashboard's cost flat as follow-ups pile up,
 * and sends no list of client ids (whose length the databases cap).
 */
export async function followUpTotalsOf(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom("assessments")
    .innerJoin("assessment_schedules", "assessment_schedules.id", "assessments.schedule_id")
    .select((eb) => {
      const completed = eb("assessments.status", "=", "completed");
      return [
        eb.fn.countAll<string | number>().as("given"),
        eb.fn.sum<string | number | null>(eb.case().when(completed).then(1).else(0).end()).as("completed"),
        eb.fn
          .count<string | number>(eb.case().when(completed).then(eb.ref("assessments.client_id")).end())
          .distinct()
          .as("answered"),
      ];
    })
    .where("assessment_schedules.kind", "=", "follow_up")
    .where("assessments.client_id", "in", (eb) =>
      eb
        .selectFrom("episodes")
        .select("episodes.client_id")
        .where("episodes.organisation_id", "=", organisationId)
        .where("episodes.discharged_on", "is not", null),
    )
    .executeTakeFirst();
  return {
    given: Number(row?.given ?? 0),
    completed: Number(row?.completed ?? 0),
    clientsWhoAnswered: Number(row?.answered ?? 0),
  };
}

/** The programme's groups with every member added (census details only), for the quality checks. */
export async function groupMembersOf(db: Executor, organisationId: string) {
  const [groups, members] = await Promise.all([
    db
      .selectFrom("groups")
      .select(["id", "name", "track_id"])
      .where("organisation_id", "=", organisationId)
      .orderBy("name")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("group_members")
      .innerJoin("groups", "groups.id", "group_members.group_id")
      .innerJoin("clients", "clients.id", "group_members.client_id")
      .innerJoin("users", "users.id", "clients.user_id")
      .select(["group_members.group_id", "clients.placement_gender", "clients.alias", "users.name"])
      .where("groups.organisation_id", "=", organisationId)
      .orderBy("group_members.group_id")
      .orderBy("group_members.client_id")
      .execute(),
  ]);
  return { groups, members };
}

/**
 * Clients with an episode in the programme, and those of them whose partner or family member attended
 * (present or late) at least one family session.
 */
export async function familyParticipationOf(db: Executor, organisationId: string) {
  const admitted = await db
    .selectFrom("episodes")
    .select((eb) => eb.fn.count<string | number>("client_id").distinct().as("n"))
    .where("organisation_id", "=", organisationId)
    .executeTakeFirst();
  const participating = await db
    .selectFrom("family_session_participants")
    .innerJoin("family_sessions", "family_sessions.id", "family_session_participants.session_id")
    .select((eb) => eb.fn.count<string | number>("family_sessions.client_id").distinct().as("n"))
    .where("family_session_participants.attendance", "in", ["present", "late"])
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom("episodes")
          .select("episodes.id")
          .whereRef("episodes.client_id", "=", "family_sessions.client_id")
          .where("episodes.organisation_id", "=", organisationId),
      ),
    )
    .executeTakeFirst();
  return { clients: Number(admitted?.n ?? 0), participating: Number(participating?.n ?? 0) };
}
