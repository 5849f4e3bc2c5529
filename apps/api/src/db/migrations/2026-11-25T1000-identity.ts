import type { Kysely } from "kysely";
import { columnTypes } from "./helpers.js";

/** Clients, invitations, care teams, sharing grants, break-the-glass and the hash-chained audit log. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);

  await db.schema
    .createTable("clients")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    // Null for a self-directed client, who belongs to no programme.
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("time_zone", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("clients_user_org_uq", ["user_id", "organisation_id"])
    .execute();
  await db.schema.createIndex("clients_organisation_idx").on("clients").column("organisation_id").execute();

  await db.schema
    .createTable("care_team_members")
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("clinician_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("assigned_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addPrimaryKeyConstraint("care_team_members_pk", ["client_id", "clinician_user_id"])
    .execute();
  await db.schema
    .createIndex("care_team_members_clinician_idx")
    .on("care_team_members")
    .column("clinician_user_id")
    .execute();

  await db.schema
    .createTable("invitations")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.references("organisations.id"))
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("client_id", "text", (c) => c.references("clients.id"))
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("invited_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("expires_at", t.timestamp, (c) => c.notNull())
    .addColumn("accepted_at", t.timestamp)
    .addColumn("accepted_by_user_id", "text", (c) => c.references("users.id"))
    .addColumn("revoked_at", t.timestamp)
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("invitations_organisation_idx")
    .on("invitations")
    .column("organisation_id")
    .execute();

  await db.schema
    .createTable("grants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("grantee_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("relationship", "text", (c) => c.notNull())
    .addColumn("scopes", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("revoked_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("grants_grantee_idx")
    .on("grants")
    .columns(["grantee_user_id", "client_id"])
    .execute();

  await db.schema
    .createTable("break_glass")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("clinician_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("expires_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("break_glass_clinician_client_idx")
    .on("break_glass")
    .columns(["clinician_user_id", "client_id"])
    .execute();

  // Appended under a lock on the single head row; seq is assigned by the appender.
  await db.schema
    .createTable("audit_events")
    .addColumn("seq", "bigint", (c) => c.primaryKey())
    .addColumn("id", "text", (c) => c.notNull().unique())
    .addColumn("at", t.timestamp, (c) => c.notNull())
    .addColumn("actor_user_id", "text")
    .addColumn("actor_role", "text")
    .addColumn("organisation_id", "text")
    .addColumn("client_id", "text")
    .addColumn("record_type", "text", (c) => c.notNull())
    .addColumn("record_id", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("request_id", "text")
    .addColumn("ip", "text")
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("audit_events_client_idx")
    .on("audit_events")
    .columns(["client_id", "seq"])
    .execute();
  await db.schema
    .createIndex("audit_events_organisation_idx")
    .on("audit_events")
    .columns(["organisation_id", "seq"])
    .execute();

  await db.schema
    .createTable("audit_chain_head")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("seq", "bigint", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull())
    .execute();
  await db
    .insertInto("audit_chain_head" as never)
    .values({ id: 1, seq: 0, hash: "0".repeat(64) } as never)
    .execute();
}
