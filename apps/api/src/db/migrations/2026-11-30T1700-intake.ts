import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * The biopsychosocial intake: one per client (`intakes`), one row per area written so far
 * (`intake_areas`, the client's words and the clinician's record kept apart as JSON text, the
 * severity and summary beside them), and the problem list it yields (`intake_problems`), which the
 * treatment plan reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("intakes")
    .addColumn("client_id", "text", (c) => c.primaryKey().references("clients.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("client_ready_at", t.timestamp)
    .addColumn("finalised_at", t.timestamp)
    .addColumn("finalised_by_user_id", "text", (c) => c.references("users.id"))
    .addColumn("reopened_at", t.timestamp)
    .addColumn("reopened_by_user_id", "text", (c) => c.references("users.id"))
    .addColumn("reopen_reason", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .execute();
  await db.schema
    .createTable("intake_areas")
    .addColumn("client_id", "text", (c) => c.notNull().references("intakes.client_id"))
    .addColumn("area", "text", (c) => c.notNull())
    .addColumn("client_answers", "text", (c) => c.notNull())
    .addColumn("clinician_answers", "text", (c) => c.notNull())
    .addColumn("severity", "text")
    .addColumn("summary", "text")
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addPrimaryKeyConstraint("intake_areas_pk", ["client_id", "area"])
    .execute();
  await db.schema
    .createTable("intake_problems")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("area", "text", (c) => c.notNull())
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addColumn("severity", "text", (c) => c.notNull())
    .addColumn("origin", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("intake_problems_client_idx")
    .on("intake_problems")
    .column("client_id")
    .execute();
}
