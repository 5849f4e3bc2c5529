import { type Kysely, sql } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Two-factor sign-in and session limits: better-auth's two-factor table and user flag, when each
 * session was last active and whether it passed the second factor, the database-backed sign-in
 * throttle, and the record of recently used authenticator codes (a code works once).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const no = t.postgres ? sql`false` : sql`0`;

  await db.schema
    .alterTable("users")
    .addColumn("two_factor_enabled", t.boolean, (c) => c.notNull().defaultTo(no))
    .execute();

  await db.schema
    .createTable("two_factors")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("secret", "text", (c) => c.notNull())
    .addColumn("backup_codes", "text", (c) => c.notNull())
    .addColumn("verified", t.boolean, (c) => c.notNull().defaultTo(no))
    .addColumn("failed_verification_count", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", t.timestamp)
    .addUniqueConstraint("two_factors_user_id_uq", ["user_id"])
    .execute();

  await db.schema.alterTable("sessions").addColumn("last_active_at", t.timestamp).execute();
  await db.schema.alterTable("sessions").addColumn("two_factor_verified_at", t.timestamp).execute();

  await db.schema
    .createTable("auth_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", t.timestamp, (c) => c.notNull())
    .addColumn("blocked_until", t.timestamp)
    .execute();

  await db.schema
    .createTable("two_factor_used_codes")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("two_factor_used_codes_pk", ["user_id", "code_hash"])
    .execute();
}
