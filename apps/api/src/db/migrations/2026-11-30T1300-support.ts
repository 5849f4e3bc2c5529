import { type Kysely, sql } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * The client's support system: the support network, SOS uses and the alerts they sent, in-app
 * notifications, the safety plan and the relapse-prevention plan (versioned: one row per version,
 * sections as JSON), the outreach log, each programme's crisis line, and journal entries a client
 * picks for the people they share with.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  const no = t.postgres ? sql`false` : sql`0`;

  await db.schema
    .createTable("support_contacts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("phone", "text")
    .addColumn("email", "text")
    .addColumn("notes", "text")
    .addColumn("availability", "text")
    .addColumn("linked_user_id", "text", (c) => c.references("users.id"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .addColumn("archived_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("support_contacts_client_idx")
    .on("support_contacts")
    .column("client_id")
    .execute();

  await db.schema
    .createTable("sos_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("trigger_id", "text", (c) => c.references("triggers.id"))
    .addColumn("harm_thoughts", t.boolean, (c) => c.notNull())
    .addColumn("started_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("sos_events_client_idx")
    .on("sos_events")
    .columns(["client_id", "started_at"])
    .execute();

  // One row per person alerted by one SOS use.
  await db.schema
    .createTable("sos_alerts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("sos_event_id", "text", (c) => c.notNull().references("sos_events.id"))
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("recipient_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("emailed", t.boolean, (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addUniqueConstraint("sos_alerts_event_recipient_uq", ["sos_event_id", "recipient_user_id"])
    .execute();
  await db.schema
    .createIndex("sos_alerts_recipient_idx")
    .on("sos_alerts")
    .columns(["recipient_user_id", "client_id"])
    .execute();

  await db.schema
    .createTable("notifications")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("client_id", "text", (c) => c.references("clients.id"))
    .addColumn("subject_id", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("read_at", t.timestamp)
    .execute();
  await db.schema
    .createIndex("notifications_user_idx")
    .on("notifications")
    .columns(["user_id", "created_at"])
    .execute();

  for (const table of ["safety_plan_versions", "prevention_plan_versions"]) {
    await db.schema
      .createTable(table)
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
      .addColumn("version", "integer", (c) => c.notNull())
      .addColumn("sections", "text", (c) => c.notNull())
      .addColumn("created_by_user_id", "text", (c) => c.notNull().references("users.id"))
      .addColumn("created_by_role", "text", (c) => c.notNull())
      .addColumn("created_at", t.timestamp, (c) => c.notNull())
      .addUniqueConstraint(`${table}_client_version_uq`, ["client_id", "version"])
      .execute();
  }

  await db.schema
    .createTable("outreach_calls")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("contact_id", "text", (c) => c.references("support_contacts.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("direction", "text", (c) => c.notNull())
    .addColumn("at", t.timestamp, (c) => c.notNull())
    .addColumn("date", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("outreach_calls_client_idx")
    .on("outreach_calls")
    .columns(["client_id", "date"])
    .execute();

  // The crisis line clients of the programme see on the SOS screen (988 in the US by default).
  await db.schema.alterTable("recovery_settings").addColumn("crisis_line_name", "text").execute();
  await db.schema.alterTable("recovery_settings").addColumn("crisis_line_phone", "text").execute();
  await db.schema.alterTable("recovery_settings").addColumn("crisis_line_text", "text").execute();

  await db.schema
    .alterTable("journal_entries")
    .addColumn("shared_with_supporters", t.boolean, (c) => c.notNull().defaultTo(no))
    .execute();
}
