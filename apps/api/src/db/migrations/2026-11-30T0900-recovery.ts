import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * The client's daily recovery: three circles (versioned items and comments), the append-only
 * sobriety ledger, daily check-ins, urges, triggers and coping strategies, slip reviews with the
 * lessons they add to the prevention plan, the journal, and each programme's words for the ledger.
 * Lists of ids and answers are JSON text, the same on both dialects.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable("recovery_settings")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("act_term", "text", (c) => c.notNull())
    .addColumn("streak_label", "text", (c) => c.notNull())
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("circle_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_by_role", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("circle_versions_client_version_uq", ["client_id", "version"])
    .execute();

  // An item lives from the version that added it until the version that removed it (null: current).
  await db.schema
    .createTable("circle_items")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("circle", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("added_in_version", "integer", (c) => c.notNull())
    .addColumn("removed_in_version", "integer")
    .execute();
  await db.schema
    .createIndex("circle_items_client_idx")
    .on("circle_items")
    .columns(["client_id", "removed_in_version"])
    .execute();

  await db.schema
    .createTable("circle_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("author_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("author_role", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("circle_comments_client_idx")
    .on("circle_comments")
    .column("client_id")
    .execute();

  // Append-only: a correction is a new "void" row naming its target.
  await db.schema
    .createTable("ledger_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("date", "text")
    .addColumn("target_id", "text")
    .addColumn("note", "text")
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_id", "text")
    .addColumn("recorded_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("recorded_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("ledger_events_client_idx")
    .on("ledger_events")
    .columns(["client_id", "recorded_at"])
    .execute();

  await db.schema
    .createTable("check_ins")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("mood", "integer", (c) => c.notNull())
    .addColumn("feelings", "text", (c) => c.notNull())
    .addColumn("halt", "text", (c) => c.notNull())
    .addColumn("stress", "integer", (c) => c.notNull())
    .addColumn("sleep_hours", "real", (c) => c.notNull())
    .addColumn("sleep_quality", "integer", (c) => c.notNull())
    .addColumn("urge_strength", "integer", (c) => c.notNull())
    .addColumn("middle_item_ids", "text", (c) => c.notNull())
    .addColumn("outer_item_ids", "text", (c) => c.notNull())
    .addColumn("inner_circle", t.boolean, (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("late", t.boolean, (c) => c.notNull())
    // The client's local day on which it was first saved: it can be changed until that day ends.
    .addColumn("saved_on", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("check_ins_client_date_uq", ["client_id", "date"])
    .execute();

  await db.schema
    .createTable("triggers")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("category", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("coping_ids", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("archived_at", t.timestamp)
    .execute();
  await db.schema.createIndex("triggers_client_idx").on("triggers").column("client_id").execute();

  await db.schema
    .createTable("coping_strategies")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("archived_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("coping_strategies_client_idx")
    .on("coping_strategies")
    .column("client_id")
    .execute();

  await db.schema
    .createTable("urges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("started_at", t.timestamp, (c) => c.notNull())
    .addColumn("ended_at", t.timestamp, (c) => c.notNull())
    .addColumn("intensities", "text", (c) => c.notNull())
    .addColumn("peak", "integer", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("trigger_id", "text", (c) => c.references("triggers.id"))
    .addColumn("note", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("urges_client_date_idx").on("urges").columns(["client_id", "date"]).execute();

  await db.schema
    .createTable("slip_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("ledger_event_id", "text", (c) => c.references("ledger_events.id"))
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("vulnerabilities", "text")
    .addColumn("trigger", "text")
    .addColumn("thoughts", "text")
    .addColumn("feelings", "text")
    .addColumn("actions", "text")
    .addColumn("consequences", "text")
    .addColumn("lessons", "text", (c) => c.notNull())
    .addColumn("shared_with_care_team", t.boolean, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("slip_reviews_client_idx").on("slip_reviews").column("client_id").execute();

  await db.schema
    .createTable("prevention_lessons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("text", "text", (c) => c.notNull())
    .addColumn("slip_review_id", "text", (c) => c.references("slip_reviews.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("prevention_lessons_client_idx")
    .on("prevention_lessons")
    .column("client_id")
    .execute();

  await db.schema
    .createTable("journal_entries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("prompt", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("shared_with_care_team", t.boolean, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("journal_entries_client_idx")
    .on("journal_entries")
    .columns(["client_id", "created_at"])
    .execute();
}
