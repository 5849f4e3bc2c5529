import { type Kysely, sql } from "kysely";
import { columnTypes } from "./helpers.js";

/**
 * Programme operations, first slice (issue 8): tracks, units, rooms and beds; episodes of care with
 * their stretches (admission, then one per transfer) kept as history; the client's gender for
 * placement and chosen alias. A bed's "occupied" state is never stored: it is an open episode whose
 * current bed it is. Two partial unique indexes make the rules hold under concurrent requests: one
 * open episode per client, one open episode per bed.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const t = columnTypes(db);
  await db.schema.alterTable("clients").addColumn("placement_gender", "text").execute();
  await db.schema.alterTable("clients").addColumn("alias", "text").execute();

  await db.schema
    .createTable("tracks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("csb_dedicated", t.boolean, (c) => c.notNull())
    .addColumn("gender_designation", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("tracks_org_idx").on("tracks").column("organisation_id").execute();

  await db.schema
    .createTable("units")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("gender_restriction", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("units_org_idx").on("units").column("organisation_id").execute();

  await db.schema
    .createTable("rooms")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("unit_id", "text", (c) => c.notNull().references("units.id"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("rooms_unit_idx").on("rooms").column("unit_id").execute();

  await db.schema
    .createTable("beds")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("room_id", "text", (c) => c.notNull().references("rooms.id"))
    .addColumn("label", "text", (c) => c.notNull())
    // free | reserved | out_of_service; occupied comes from open episodes.
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema.createIndex("beds_room_idx").on("beds").column("room_id").execute();

  await db.schema
    .createTable("episodes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("client_id", "text", (c) => c.notNull().references("clients.id"))
    .addColumn("organisation_id", "text", (c) => c.notNull().references("organisations.id"))
    .addColumn("admitted_on", "text", (c) => c.notNull())
    .addColumn("referral_source", "text", (c) => c.notNull())
    // JSON array of { kind, signedOn }.
    .addColumn("consents", "text", (c) => c.notNull())
    // The current stretch's track and bed, copied here so the two unique indexes below can hold.
    .addColumn("track_id", "text", (c) => c.notNull().references("tracks.id"))
    .addColumn("bed_id", "text", (c) => c.references("beds.id"))
    .addColumn("discharged_on", "text")
    .addColumn("discharge_type", "text")
    .addColumn("admitted_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("discharged_by_user_id", "text", (c) => c.references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .addColumn("updated_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("episodes_client_idx")
    .on("episodes")
    .columns(["client_id", "admitted_on"])
    .execute();
  await db.schema
    .createIndex("episodes_org_idx")
    .on("episodes")
    .columns(["organisation_id", "discharged_on"])
    .execute();
  await db.schema
    .createIndex("episodes_one_open_per_client")
    .on("episodes")
    .column("client_id")
    .unique()
    .where(sql.ref("discharged_on"), "is", null)
    .execute();
  await db.schema
    .createIndex("episodes_one_open_per_bed")
    .on("episodes")
    .column("bed_id")
    .unique()
    .where((eb) => eb.and([eb(sql.ref("discharged_on"), "is", null), eb(sql.ref("bed_id"), "is not", null)]))
    .execute();

  await db.schema
    .createTable("episode_segments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("episode_id", "text", (c) => c.notNull().references("episodes.id"))
    .addColumn("starts_on", "text", (c) => c.notNull())
    .addColumn("ends_on", "text")
    .addColumn("track_id", "text", (c) => c.notNull().references("tracks.id"))
    .addColumn("level_of_care", "text", (c) => c.notNull())
    .addColumn("bed_id", "text", (c) => c.references("beds.id"))
    .addColumn("recorded_by_user_id", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", t.timestamp, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("episode_segments_episode_idx")
    .on("episode_segments")
    .columns(["episode_id", "starts_on"])
    .execute();
}
