import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Assigned questionnaires (PHQ-9, GAD-7): one row per administration. Answers are item id → value as
 * JSON text (a draft holds some of them); the result (total, band, flags) is written once, on submit.
 * safety_flag is its own column so the caseload can find PHQ-9 item-9 answers in one query.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("assessments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("instrument_id", "text", (c) => c.notNull())
    .addColumn("assigned_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("due_date", "text")
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull())
    .addColumn("result", "text")
    .addColumn("safety_flag", t.boolean, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addColumn("completed_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("assessments_client_idx")
    .on("assessments")
    .columns(["client_id", "created_at"])
    .execute();
}
