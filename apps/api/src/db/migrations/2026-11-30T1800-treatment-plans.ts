import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Individualised treatment plans. A plan is a list of versions per client; each version holds its
 * problems → goals → objectives → interventions as JSON (the whole tree is what a signature covers).
 * A version is a draft until its first signature; once the required roles have signed it is locked
 * (signed_at). treatment_plan_texts keeps the normalised individual texts of each client's newest
 * version, so "the same words as another client's plan" is one indexed query. Library entries and
 * settings belong to a programme; Lantern's own library ships as data and is not stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("treatment_plan_settings")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("review_days", "integer", (c) => c.notNull())
    .addColumn("supervisor_required", t.boolean, (c) => c.notNull())
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("treatment_plan_library_goals")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_label", "text")
    .addColumn("goal", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("treatment_plan_library_goals_org_idx")
    .on("treatment_plan_library_goals")
    .columns(["organisation_id", "source"])
    .execute();

  await db.schema
    .createTable("treatment_plan_versions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("version", "integer", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("content", "text", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addColumn("signed_at", t.timestamp)
    .addUniqueConstraint("treatment_plan_versions_client_version_key", ["client_id", "version"])
    .execute();

  await db.schema
    .createTable("treatment_plan_signatures")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("version_id", "text", (c) => c.notNull().references("treatment_plan_versions.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("signer_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("signed_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("treatment_plan_signatures_version_role_key", ["version_id", "role"])
    .execute();

  await db.schema
    .createTable("treatment_plan_reviews")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("version_id", "text", (c) => c.notNull().references("treatment_plan_versions.id"))
    .addColumn("reviewed_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("reviewed_on", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("treatment_plan_reviews_client_idx")
    .on("treatment_plan_reviews")
    .columns(["client_id", "reviewed_on"])
    .execute();

  await db.schema
    .createTable("treatment_plan_texts")
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("organisation_id", "text")
    .addColumn("field", "text", (c) => c.notNull())
    .addColumn("text", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("treatment_plan_texts_pkey", ["client_id", "field"])
    .execute();
  await db.schema
    .createIndex("treatment_plan_texts_org_text_idx")
    .on("treatment_plan_texts")
    .columns(["organisation_id", "text"])
    .execute();
}
