import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Programme quality (issue 9): staff credentials (the certified-staff and specialists criteria rest on
 * them). A removed credential keeps its row with `removed_at`, so the record of who held what stays.
 * The public programme profile: off until the admin publishes it; the public page serves the stored
 * snapshot (aggregate figures only), never a live query.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema
    .createTable("staff_credentials")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("licence_type", "text")
    .addColumn("issuer", "text", (c) => c.notNull())
    .addColumn("number", "text", (c) => c.notNull())
    .addColumn("issued_on", "text", (c) => c.notNull())
    .addColumn("expires_on", "text")
    .addColumn("recorded_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addColumn("removed_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("staff_credentials_org_idx")
    .on("staff_credentials")
    .columns(["organisation_id", "user_id"])
    .execute();

  await db.schema
    .createTable("programme_profiles")
    .addColumn("organisation_id", "text", (c) => c.primaryKey().references("organisations.id"))
    .addColumn("slug", "text", (c) => c.notNull().unique())
    .addColumn("max_age_days", "integer", (c) => c.notNull())
    .addColumn("published", t.boolean, (c) => c.notNull())
    // JSON ProgrammeProfileView, or null before the first snapshot.
    .addColumn("snapshot", "text")
    .addColumn("snapshot_at", t.timestamp)
    .addColumn("published_at", t.timestamp)
    .addColumn("updated_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();

  // Alumni volunteers: one row per client who has answered; opting out is immediate (volunteering false).
  await db.schema
    .createTable("alumni_volunteers")
    .addColumn("client_id", "text", (c) => c.primaryKey().references("clients.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("volunteering", t.boolean, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  // A request the programme passed on; each volunteering alumnus gets a notification pointing at it.
  await db.schema
    .createTable("alumni_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("forwarded", "integer", (c) => c.notNull())
    .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
}
