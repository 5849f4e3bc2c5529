import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Assessment schedules and the programme's reliable-change thresholds.
 *
 * A schedule gives a battery (instrument ids as JSON text) at admission, weekly, at discharge or as
 * follow-ups; next_day is the next occurrence still to materialise, so the periodic sweep reads only
 * schedules with something due (an index on it). Each due occurrence becomes an `assessments` row carrying the schedule id and the
 * occurrence day. The unique index on (schedule_id, occurrence_day, instrument_id) is what lets several
 * API processes materialise occurrences at once: only one insert of each wins. Rows assigned by hand
 * have both columns null and are not constrained (NULLs are distinct in a unique index on both dialects).
 *
 * instrument_settings holds a reliable-change threshold per programme and instrument, set by an admin
 * with its source: Lantern ships none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("assessment_schedules")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("instrument_ids", "text", (c) => c.notNull())
    .addColumn("start_day", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    // The next occurrence not yet turned into assessments; null when none is left (or stopped).
    .addColumn("next_day", "text")
    .addColumn("stopped_on", "text")
    .addColumn("stopped_at", t.timestamp)
    .addColumn("stopped_by_user_id", "text", (c) => c.references("users.id"))
    .execute();
  await db.schema
    .createIndex("assessment_schedules_client_idx")
    .on("assessment_schedules")
    .columns(["client_id", "created_at"])
    .execute();
  await db.schema
    .createIndex("assessment_schedules_next_idx")
    .on("assessment_schedules")
    .columns(["next_day"])
    .execute();

  await db.schema
    .alterTable("assessments")
    .addColumn("schedule_id", "text", (c) => c.references("assessment_schedules.id"))
    .execute();
  await db.schema.alterTable("assessments").addColumn("occurrence_day", "text").execute();
  await db.schema
    .createIndex("assessments_occurrence_unique")
    .on("assessments")
    .columns(["schedule_id", "occurrence_day", "instrument_id"])
    .unique()
    .execute();
  // The caseload's latest scores and open assessments for many clients at once.
  await db.schema
    .createIndex("assessments_client_status_idx")
    .on("assessments")
    .columns(["client_id", "status", "instrument_id"])
    .execute();

  await db.schema
    .createTable("instrument_settings")
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("instrument_id", "text", (c) => c.notNull())
    .addColumn("reliable_change_points", "real", (c) => c.notNull())
    .addColumn("reliable_change_source", "text", (c) => c.notNull())
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("instrument_settings_pk", ["organisation_id", "instrument_id"])
    .execute();
}
