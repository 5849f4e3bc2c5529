import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Discharge with an aftercare plan (issue 8): the plan per episode (therapist, weekly groups and
 * meetings, sponsor as JSON), the reviews of the circles and plans with the version reviewed, the
 * discharge summary (signed once, then locked), the attendance the client logs, and the secret
 * calendar feed (only the token's SHA-256 is kept).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("aftercare_plans")
    .addColumn("episode_id", "text", (c) => c.primaryKey().references("episodes.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("therapist", "text")
    .addColumn("groups", "text", (c) => c.notNull())
    .addColumn("meetings", "text", (c) => c.notNull())
    .addColumn("sponsor", "text")
    .addColumn("follow_up_schedule_id", "text", (c) => c.references("assessment_schedules.id"))
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("aftercare_plans_client_idx")
    .on("aftercare_plans")
    .column("client_id")
    .execute();

  await db.schema
    .createTable("aftercare_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("episode_id", "text", (c) => c.notNull().references("episodes.id"))
    // circles | prevention_plan | safety_plan
    .addColumn("item", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("reviewed_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("reviewed_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("aftercare_reviews_episode_idx")
    .on("aftercare_reviews")
    .columns(["episode_id", "item", "reviewed_at"])
    .execute();

  await db.schema
    .createTable("discharge_summaries")
    .addColumn("episode_id", "text", (c) => c.primaryKey().references("episodes.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("signed_by_user_id", "text", (c) => c.references("users.id"))
    .addColumn("signed_at", t.timestamp)
    .addColumn("content_hash", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("aftercare_attendance")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("episode_id", "text", (c) => c.notNull().references("episodes.id"))
    .addColumn("on_day", "text", (c) => c.notNull())
    // therapy | group | meeting
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("item_id", "text")
    .addColumn("attended", t.boolean, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("aftercare_attendance_client_idx")
    .on("aftercare_attendance")
    .columns(["client_id", "on_day"])
    .execute();

  await db.schema
    .createTable("calendar_feeds")
    .addColumn("client_id", "text", (c) => c.primaryKey().references("clients.id"))
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
}
