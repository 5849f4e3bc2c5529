import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Programme quality (issue 9): staff credentials (the certified-staff and specialists criteria rest on
 * them). A removed credential keeps its row with `removed_at`, so the record of who held what stays.
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
}
