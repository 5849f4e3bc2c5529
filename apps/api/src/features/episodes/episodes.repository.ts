import type { Insertable, Selectable, Updateable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type {
  BedsTable,
  ClientsTable,
  EpisodeSegmentsTable,
  EpisodesTable,
  RoomsTable,
  TracksTable,
  UnitsTable,
} from "../../db/schema.js";

export type TrackRow = Selectable<TracksTable>;
export type UnitRow = Selectable<UnitsTable>;
export type RoomRow = Selectable<RoomsTable>;
export type BedRow = Selectable<BedsTable>;
export type EpisodeRow = Selectable<EpisodesTable>;
export type SegmentRow = Selectable<EpisodeSegmentsTable>;

/** The programme's time zone, or undefined for an unknown programme. */
export async function organisationZone(db: Executor, organisationId: string) {
  const row = await db
    .selectFrom("organisations")
    .select("time_zone")
    .where("id", "=", organisationId)
    .executeTakeFirst();
  return row?.time_zone;
}

export async function tracksOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("tracks")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export async function findTrack(db: Executor, id: string) {
  return db.selectFrom("tracks").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertTrack(db: Executor, row: Insertable<TracksTable>) {
  await db.insertInto("tracks").values(row).execute();
}

export async function unitsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("units")
    .selectAll()
    .where("organisation_id", "=", organisationId)
    .orderBy("name")
    .orderBy("id")
    .execute();
}

export async function findUnit(db: Executor, id: string) {
  return db.selectFrom("units").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertUnit(db: Executor, row: Insertable<UnitsTable>) {
  await db.insertInto("units").values(row).execute();
}

export async function roomsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("rooms")
    .innerJoin("units", "units.id", "rooms.unit_id")
    .selectAll("rooms")
    .where("units.organisation_id", "=", organisationId)
    .orderBy("rooms.name")
    .orderBy("rooms.id")
    .execute();
}

/** A room with its unit's programme. */
export async function findRoom(db: Executor, id: string) {
  return db
    .selectFrom("rooms")
    .innerJoin("units", "units.id", "rooms.unit_id")
    .selectAll("rooms")
    .select("units.organisation_id")
    .where("rooms.id", "=", id)
    .executeTakeFirst();
}

export async function insertRoom(db: Executor, row: Insertable<RoomsTable>) {
  await db.insertInto("rooms").values(row).execute();
}

export async function bedsOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("beds")
    .innerJoin("rooms", "rooms.id", "beds.room_id")
    .innerJoin("units", "units.id", "rooms.unit_id")
    .selectAll("beds")
    .where("units.organisation_id", "=", organisationId)
    .orderBy("beds.label")
    .orderBy("beds.id")
    .execute();
}

/** A bed with where it is (room, unit, the unit's restriction and programme). */
export async function findBed(db: Executor, id: string) {
  return db
    .selectFrom("beds")
    .innerJoin("rooms", "rooms.id", "beds.room_id")
    .innerJoin("units", "units.id", "rooms.unit_id")
    .selectAll("beds")
    .select([
      "rooms.name as room_name",
      "units.name as unit_name",
      "units.gender_restriction",
      "units.organisation_id",
    ])
    .where("beds.id", "=", id)
    .executeTakeFirst();
}

export async function insertBed(db: Executor, row: Insertable<BedsTable>) {
  await db.insertInto("beds").values(row).execute();
}

export async function updateBedState(db: Executor, id: string, state: BedsTable["state"]) {
  await db.updateTable("beds").set({ state }).where("id", "=", id).execute();
}

/** The open episode in a bed, if any. */
export async function openEpisodeInBed(db: Executor, bedId: string) {
  return db
    .selectFrom("episodes")
    .select(["id", "client_id"])
    .where("bed_id", "=", bedId)
    .where("discharged_on", "is", null)
    .executeTakeFirst();
}

export async function openEpisodeOf(db: Executor, clientId: string) {
  return db
    .selectFrom("episodes")
    .selectAll()
    .where("client_id", "=", clientId)
    .where("discharged_on", "is", null)
    .executeTakeFirst();
}

export async function findEpisode(db: Executor, id: string) {
  return db.selectFrom("episodes").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function episodesOf(db: Executor, clientId: string) {
  return db
    .selectFrom("episodes")
    .selectAll()
    .where("client_id", "=", clientId)
    .orderBy("admitted_on", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function insertEpisode(db: Executor, row: Insertable<EpisodesTable>) {
  await db.insertInto("episodes").values(row).execute();
}

export async function updateEpisode(db: Executor, id: string, changes: Updateable<EpisodesTable>) {
  await db.updateTable("episodes").set(changes).where("id", "=", id).execute();
}

export async function segmentsOf(db: Executor, episodeIds: readonly string[]) {
  if (episodeIds.length === 0) return [];
  return db
    .selectFrom("episode_segments")
    .selectAll()
    .where("episode_id", "in", episodeIds)
    .orderBy("starts_on", "desc")
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .execute();
}

export async function findSegment(db: Executor, id: string) {
  return db.selectFrom("episode_segments").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertSegment(db: Executor, row: Insertable<EpisodeSegmentsTable>) {
  await db.insertInto("episode_segments").values(row).execute();
}

/** Closes the episode's open stretch on a day. */
export async function closeOpenSegment(db: Executor, episodeId: string, endsOn: string) {
  await db
    .updateTable("episode_segments")
    .set({ ends_on: endsOn })
    .where("episode_id", "=", episodeId)
    .where("ends_on", "is", null)
    .execute();
}

/** The client's placement details and name (the name is for initials only). */
export async function clientPlacement(db: Executor, clientId: string) {
  return db
    .selectFrom("clients")
    .innerJoin("users", "users.id", "clients.user_id")
    .select([
      "clients.id",
      "clients.organisation_id",
      "clients.placement_gender",
      "clients.alias",
      "users.name",
    ])
    .where("clients.id", "=", clientId)
    .executeTakeFirst();
}

export async function updatePlacement(
  db: Executor,
  clientId: string,
  changes: { placement_gender: ClientsTable["placement_gender"]; alias: string | null },
) {
  await db.updateTable("clients").set(changes).where("id", "=", clientId).execute();
}

/** The programme's open episodes with who they are (name and alias, for initials). */
export async function openEpisodesOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("episodes")
    .innerJoin("clients", "clients.id", "episodes.client_id")
    .innerJoin("users", "users.id", "clients.user_id")
    .select([
      "episodes.id",
      "episodes.client_id",
      "episodes.track_id",
      "episodes.bed_id",
      "episodes.admitted_on",
      "clients.alias",
      "users.name",
    ])
    .where("episodes.organisation_id", "=", organisationId)
    .where("episodes.discharged_on", "is", null)
    .execute();
}

/** Every bed of the programme with its room's and unit's names, for "Unit · Room · Bed". */
export async function bedPlacesOf(db: Executor, organisationId: string) {
  return db
    .selectFrom("beds")
    .innerJoin("rooms", "rooms.id", "beds.room_id")
    .innerJoin("units", "units.id", "rooms.unit_id")
    .select(["beds.id", "beds.label", "rooms.name as room_name", "units.name as unit_name"])
    .where("units.organisation_id", "=", organisationId)
    .execute();
}
