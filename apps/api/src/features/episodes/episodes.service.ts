import {
  type AdmitRequest,
  type BedState,
  type CensusView,
  type ClientEpisodesView,
  type ConsentEntry,
  type CreateBedRequest,
  type CreateRoomRequest,
  type CreateTrackRequest,
  type CreateUnitRequest,
  censusName,
  type DischargeRequest,
  type EpisodeView,
  lengthOfStay,
  localDateOf,
  type PlacementRequest,
  type PlacementView,
  type ProgrammeSetupView,
  type SetBedStateRequest,
  type TrackView,
  type TransferRequest,
} from "@lantern/domain";
import type { Actor } from "../../access/actor.js";
import type { ClientAccess } from "../../access/hook.js";
import { appendAuditEvents } from "../../audit/audit.js";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { type FieldError, HttpProblem } from "../../http/problem.js";
import { completeAftercare, draftDischargeSummary } from "../aftercare/aftercare.service.js";
import { toBool } from "../recovery/client-context.js";
import {
  type BedRow,
  bedPlacesOf,
  bedsOf,
  clientPlacement,
  closeOpenSegment,
  type EpisodeRow,
  episodesOf,
  findBed,
  findEpisode,
  findRoom,
  findSegment,
  findTrack,
  findUnit,
  insertBed,
  insertEpisode,
  insertRoom,
  insertSegment,
  insertTrack,
  insertUnit,
  openEpisodeInBed,
  openEpisodeOf,
  openEpisodesOf,
  organisationZone,
  roomsOf,
  type SegmentRow,
  segmentsOf,
  type TrackRow,
  tracksOf,
  unitsOf,
  updateBedState,
  updateEpisode,
  updatePlacement,
} from "./episodes.repository.js";

const invalid = (title: string, errors: FieldError[]) =>
  new HttpProblem(400, "validation", title, undefined, errors);
const conflict = (title: string, errors?: FieldError[]) =>
  new HttpProblem(409, "conflict", title, undefined, errors);
const notFound = () => new HttpProblem(404, "notFound", "Not found.");
const sameIdOtherDetails = () =>
  conflict("Something with this id was already recorded with other details.", [
    { field: "id", message: "This id is already used; make a new one." },
  ]);

/** The programme's local day now. */
async function programmeToday(db: Executor, organisationId: string, now: Date): Promise<string> {
  const zone = await organisationZone(db, organisationId);
  if (!zone) throw notFound();
  return localDateOf(now, zone);
}

function toTrackView(row: TrackRow): TrackView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    csbDedicated: toBool(row.csb_dedicated),
    genderDesignation: row.gender_designation,
  };
}

/** A bed's state: "occupied" when an open episode is in it, otherwise what staff set. */
function stateOf(bed: BedRow, occupied: ReadonlySet<string>): BedState {
  return occupied.has(bed.id) ? "occupied" : bed.state;
}

// ---------------------------------------------------------------------------------------------
// Programme set-up (admin)

/** Tracks, and units with their rooms and beds (each bed's state today). */
export async function programmeSetup(db: Db, organisationId: string): Promise<ProgrammeSetupView> {
  const [tracks, units, rooms, beds, open] = await Promise.all([
    tracksOf(db.kysely, organisationId),
    unitsOf(db.kysely, organisationId),
    roomsOf(db.kysely, organisationId),
    bedsOf(db.kysely, organisationId),
    openEpisodesOf(db.kysely, organisationId),
  ]);
  const occupied = new Set(open.flatMap((episode) => (episode.bed_id ? [episode.bed_id] : [])));
  return {
    tracks: tracks.map(toTrackView),
    units: units.map((unit) => ({
      id: unit.id,
      name: unit.name,
      genderRestriction: unit.gender_restriction,
      rooms: rooms
        .filter((room) => room.unit_id === unit.id)
        .map((room) => ({
          id: room.id,
          name: room.name,
          beds: beds
            .filter((bed) => bed.room_id === room.id)
            .map((bed) => ({ id: bed.id, label: bed.label, state: stateOf(bed, occupied) })),
        })),
    })),
  };
}

/**
 * Runs an idempotent create: the same id again with the same details answers with what is stored
 * (created false); with other details, 409. A concurrent duplicate is answered as a retry.
 */
async function createOnce<T>(
  load: () => Promise<T | undefined>,
  same: (stored: T) => boolean,
  insert: () => Promise<void>,
): Promise<boolean> {
  const existing = await load();
  if (existing) {
    if (!same(existing)) throw sameIdOtherDetails();
    return false;
  }
  try {
    await insert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const stored = await load();
    if (!stored || !same(stored)) throw sameIdOtherDetails();
    return false;
  }
  return true;
}

export async function createTrack(
  db: Db,
  organisationId: string,
  body: CreateTrackRequest,
  now = new Date(),
) {
  const row = {
    id: body.id,
    organisation_id: organisationId,
    name: body.name,
    kind: body.kind,
    csb_dedicated: body.csbDedicated,
    gender_designation: body.genderDesignation,
    created_at: now,
  };
  const created = await createOnce(
    () => findTrack(db.kysely, body.id),
    (stored) =>
      stored.organisation_id === organisationId &&
      stored.name === body.name &&
      stored.kind === body.kind &&
      stored.gender_designation === body.genderDesignation &&
      toBool(stored.csb_dedicated) === body.csbDedicated,
    () => insertTrack(db.kysely, row),
  );
  return { created, track: toTrackView({ ...row, csb_dedicated: body.csbDedicated }) };
}

export async function createUnit(db: Db, organisationId: string, body: CreateUnitRequest, now = new Date()) {
  const created = await createOnce(
    () => findUnit(db.kysely, body.id),
    (stored) =>
      stored.organisation_id === organisationId &&
      stored.name === body.name &&
      stored.gender_restriction === body.genderRestriction,
    () =>
      insertUnit(db.kysely, {
        id: body.id,
        organisation_id: organisationId,
        name: body.name,
        gender_restriction: body.genderRestriction,
        created_at: now,
      }),
  );
  return { created, setup: await programmeSetup(db, organisationId) };
}

export async function createRoom(
  db: Db,
  organisationId: string,
  unitId: string,
  body: CreateRoomRequest,
  now = new Date(),
) {
  const unit = await findUnit(db.kysely, unitId);
  if (!unit || unit.organisation_id !== organisationId) throw notFound();
  const created = await createOnce(
    () => findRoom(db.kysely, body.id),
    (stored) => stored.unit_id === unitId && stored.name === body.name,
    () => insertRoom(db.kysely, { id: body.id, unit_id: unitId, name: body.name, created_at: now }),
  );
  return { created, setup: await programmeSetup(db, organisationId) };
}

export async function createBed(
  db: Db,
  organisationId: string,
  roomId: string,
  body: CreateBedRequest,
  now = new Date(),
) {
  const room = await findRoom(db.kysely, roomId);
  if (!room || room.organisation_id !== organisationId) throw notFound();
  const created = await createOnce(
    () => findBed(db.kysely, body.id),
    (stored) => stored.room_id === roomId && stored.label === body.label,
    () =>
      insertBed(db.kysely, {
        id: body.id,
        room_id: roomId,
        label: body.label,
        state: "free",
        created_at: now,
      }),
  );
  return { created, setup: await programmeSetup(db, organisationId) };
}

/** Free, reserved or out of service. A bed someone is in cannot be reserved or taken out of service. */
export async function setBedState(db: Db, organisationId: string, bedId: string, body: SetBedStateRequest) {
  await db.kysely.transaction().execute(async (trx) => {
    const bed = await findBed(trx, bedId);
    if (!bed || bed.organisation_id !== organisationId) throw notFound();
    if (body.state !== "free" && (await openEpisodeInBed(trx, bedId)))
      throw conflict("A client is in this bed.", [
        { field: "state", message: "Transfer or discharge the client in this bed first." },
      ]);
    await updateBedState(trx, bedId, body.state);
  });
  return programmeSetup(db, organisationId);
}

// ---------------------------------------------------------------------------------------------
// The client's placement details

export async function getPlacement(db: Db, clientId: string): Promise<PlacementView> {
  const client = await clientPlacement(db.kysely, clientId);
  if (!client) throw notFound();
  return { gender: client.placement_gender, alias: client.alias };
}

export async function setPlacement(db: Db, clientId: string, body: PlacementRequest): Promise<PlacementView> {
  const alias = body.alias?.trim() ? body.alias.trim() : null;
  await updatePlacement(db.kysely, clientId, { placement_gender: body.gender, alias });
  return { gender: body.gender, alias };
}

// ---------------------------------------------------------------------------------------------
// Episodes of care

function programmeOf(access: ClientAccess): string {
  if (!access.organisationId)
    throw conflict("This client is not in a programme, so they cannot be admitted.");
  return access.organisationId;
}

async function episodeViews(db: Executor, organisationId: string, rows: EpisodeRow[], today: string) {
  const [segments, tracks, places] = await Promise.all([
    segmentsOf(
      db,
      rows.map((row) => row.id),
    ),
    tracksOf(db, organisationId),
    bedPlacesOf(db, organisationId),
  ]);
  const trackName = new Map(tracks.map((track) => [track.id, track.name]));
  const bedName = new Map(
    places.map((bed) => [bed.id, `${bed.unit_name} · ${bed.room_name} · ${bed.label}`]),
  );
  return rows.map(
    (row): EpisodeView => ({
      id: row.id,
      admittedOn: row.admitted_on,
      referralSource: row.referral_source,
      consents: JSON.parse(row.consents) as ConsentEntry[],
      dischargedOn: row.discharged_on,
      dischargeType: row.discharge_type,
      lengthOfStay: lengthOfStay(row.admitted_on, row.discharged_on, today),
      segments: segments
        .filter((segment) => segment.episode_id === row.id)
        .map((segment) => ({
          id: segment.id,
          startsOn: segment.starts_on,
          endsOn: segment.ends_on,
          trackId: segment.track_id,
          trackName: trackName.get(segment.track_id) ?? "",
          levelOfCare: segment.level_of_care,
          bedId: segment.bed_id,
          bedName: segment.bed_id ? (bedName.get(segment.bed_id) ?? null) : null,
        })),
    }),
  );
}

/** The client's placement details and episodes, newest first, with length of stay. */
export async function listEpisodes(
  db: Db,
  access: ClientAccess,
  now = new Date(),
): Promise<ClientEpisodesView> {
  const placement = await getPlacement(db, access.clientId);
  if (!access.organisationId) return { placement, today: localDateOf(now, "UTC"), episodes: [] };
  const today = await programmeToday(db.kysely, access.organisationId, now);
  const rows = await episodesOf(db.kysely, access.clientId);
  return { placement, today, episodes: await episodeViews(db.kysely, access.organisationId, rows, today) };
}

async function oneEpisode(db: Executor, organisationId: string, id: string, today: string) {
  const row = await findEpisode(db, id);
  if (!row) throw notFound();
  const [view] = await episodeViews(db, organisationId, [row], today);
  if (!view) throw notFound();
  return view;
}

function refuseAfterToday(date: string, today: string, field: string, errors: FieldError[]) {
  if (date > today) errors.push({ field, message: `Use today (${today}) or an earlier day.` });
}

const genderWords = { man: "a man", woman: "a woman", other_or_undisclosed: "another gender or not said" };

/**
 * The track must be the programme's; a residential track needs a bed and other tracks take none; the
 * bed must be the programme's, in service, empty (or already this episode's) and, in a unit kept for
 * men or women, match the client's gender for placement. Each refusal names its field.
 */
async function checkPlacement(
  trx: Executor,
  organisationId: string,
  clientId: string,
  trackId: string,
  bedId: string | null,
  episodeId: string | null,
): Promise<TrackRow> {
  const track = await findTrack(trx, trackId);
  if (!track || track.organisation_id !== organisationId)
    throw invalid("That track is not one of this programme's.", [
      { field: "trackId", message: "Pick one of this programme's tracks." },
    ]);
  if (track.kind === "residential" && !bedId)
    throw invalid("A residential track needs a bed.", [
      { field: "bedId", message: "Pick a bed for a residential stay." },
    ]);
  if (track.kind !== "residential" && bedId)
    throw invalid("Only residential tracks use beds.", [
      { field: "bedId", message: "Leave the bed empty for this track." },
    ]);
  if (!bedId) return track;
  const bed = await findBed(trx, bedId);
  if (!bed || bed.organisation_id !== organisationId)
    throw invalid("That bed is not one of this programme's.", [
      { field: "bedId", message: "Pick one of this programme's beds." },
    ]);
  if (bed.state === "out_of_service")
    throw conflict("That bed is out of service.", [
      { field: "bedId", message: `${bed.label} in ${bed.room_name} is out of service; pick another bed.` },
    ]);
  const inBed = await openEpisodeInBed(trx, bedId);
  if (inBed && inBed.id !== episodeId)
    throw conflict("That bed is occupied.", [
      { field: "bedId", message: `Another client is in ${bed.label} in ${bed.room_name}; pick a free bed.` },
    ]);
  if (bed.gender_restriction !== "none") {
    const client = await clientPlacement(trx, clientId);
    const wanted = bed.gender_restriction === "men" ? "man" : "woman";
    const gender = client?.placement_gender ?? null;
    if (gender !== wanted)
      throw conflict(`That bed is in a unit for ${bed.gender_restriction}.`, [
        {
          field: "bedId",
          message: `${bed.unit_name} is kept for ${bed.gender_restriction}, and this client's gender for placement is ${
            gender ? `recorded as ${genderWords[gender]}` : "not recorded yet"
          }.`,
        },
      ]);
  }
  return track;
}

/** Admits a client: one open episode at a time, placed on a track and (residential) a bed. */
export async function admit(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  body: AdmitRequest,
  now = new Date(),
): Promise<{ created: boolean; episode: EpisodeView }> {
  const organisationId = programmeOf(access);
  const clientId = access.clientId;
  const today = await programmeToday(db.kysely, organisationId, now);
  const existing = await findEpisode(db.kysely, body.id);
  if (existing) {
    if (
      existing.client_id !== clientId ||
      existing.admitted_on !== body.admittedOn ||
      existing.referral_source !== body.referralSource
    )
      throw sameIdOtherDetails();
    return { created: false, episode: await oneEpisode(db.kysely, organisationId, body.id, today) };
  }
  const errors: FieldError[] = [];
  refuseAfterToday(body.admittedOn, today, "admittedOn", errors);
  const kinds = new Set<string>();
  body.consents.forEach((consent, i) => {
    refuseAfterToday(consent.signedOn, today, `consents.${i}.signedOn`, errors);
    if (kinds.has(consent.kind))
      errors.push({ field: `consents.${i}.kind`, message: "This consent is already on the list." });
    kinds.add(consent.kind);
  });
  if (errors.length > 0) throw invalid("A few details need attention.", errors);

  try {
    await db.kysely.transaction().execute(async (trx) => {
      const open = await openEpisodeOf(trx, clientId);
      if (open)
        throw conflict("This client already has an open episode of care.", [
          {
            field: "id",
            message: `Admitted on ${open.admitted_on} and not discharged; transfer or discharge instead.`,
          },
        ]);
      const track = await checkPlacement(trx, organisationId, clientId, body.trackId, body.bedId, null);
      await insertEpisode(trx, {
        id: body.id,
        client_id: clientId,
        organisation_id: organisationId,
        admitted_on: body.admittedOn,
        referral_source: body.referralSource,
        consents: JSON.stringify(body.consents),
        track_id: track.id,
        bed_id: body.bedId,
        discharged_on: null,
        discharge_type: null,
        admitted_by_user_id: actor.userId,
        discharged_by_user_id: null,
        created_at: now,
        updated_at: now,
      });
      await insertSegment(trx, {
        id: body.id,
        episode_id: body.id,
        starts_on: body.admittedOn,
        ends_on: null,
        track_id: track.id,
        level_of_care: track.kind,
        bed_id: body.bedId,
        recorded_by_user_id: actor.userId,
        created_at: now,
      });
      // A reservation is used up once someone is in the bed.
      if (body.bedId) await updateBedState(trx, body.bedId, "free");
    });
  } catch (error) {
    // Another request took the bed or opened an episode at the same moment: answer as it now stands.
    if (isUniqueViolation(error)) return admit(db, access, actor, body, now);
    throw error;
  }
  return { created: true, episode: await oneEpisode(db.kysely, organisationId, body.id, today) };
}

async function openEpisodeFor(trx: Executor, clientId: string, episodeId: string) {
  const episode = await findEpisode(trx, episodeId);
  if (!episode || episode.client_id !== clientId) throw notFound();
  return episode;
}

async function currentSegment(trx: Executor, episodeId: string): Promise<SegmentRow> {
  const segments = await segmentsOf(trx, [episodeId]);
  const current = segments.find((segment) => segment.ends_on === null) ?? segments[0];
  if (!current) throw notFound();
  return current;
}

/** Moves an open episode to another track or bed from a day; the stretch before is kept. */
export async function transfer(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  episodeId: string,
  body: TransferRequest,
  now = new Date(),
): Promise<{ created: boolean; episode: EpisodeView }> {
  const organisationId = programmeOf(access);
  const today = await programmeToday(db.kysely, organisationId, now);
  const stored = await findSegment(db.kysely, body.id);
  if (stored) {
    if (
      stored.episode_id !== episodeId ||
      stored.starts_on !== body.transferredOn ||
      stored.track_id !== body.trackId ||
      stored.bed_id !== body.bedId
    )
      throw sameIdOtherDetails();
    await openEpisodeFor(db.kysely, access.clientId, episodeId);
    return { created: false, episode: await oneEpisode(db.kysely, organisationId, episodeId, today) };
  }
  try {
    await db.kysely.transaction().execute(async (trx) => {
      const episode = await openEpisodeFor(trx, access.clientId, episodeId);
      if (episode.discharged_on)
        throw conflict("This episode has ended.", [
          {
            field: "episodeId",
            message: `Discharged on ${episode.discharged_on}; admit the client again instead.`,
          },
        ]);
      const current = await currentSegment(trx, episodeId);
      const errors: FieldError[] = [];
      refuseAfterToday(body.transferredOn, today, "transferredOn", errors);
      if (body.transferredOn < current.starts_on)
        errors.push({
          field: "transferredOn",
          message: `Use ${current.starts_on} or a later day: the current placement began then.`,
        });
      if (body.trackId === episode.track_id && body.bedId === episode.bed_id)
        errors.push({ field: "trackId", message: "Pick another track or bed to transfer to." });
      if (errors.length > 0) throw invalid("A few details need attention.", errors);
      const track = await checkPlacement(
        trx,
        organisationId,
        access.clientId,
        body.trackId,
        body.bedId,
        episodeId,
      );
      await closeOpenSegment(trx, episodeId, body.transferredOn);
      await insertSegment(trx, {
        id: body.id,
        episode_id: episodeId,
        starts_on: body.transferredOn,
        ends_on: null,
        track_id: track.id,
        level_of_care: track.kind,
        bed_id: body.bedId,
        recorded_by_user_id: actor.userId,
        created_at: now,
      });
      await updateEpisode(trx, episodeId, { track_id: track.id, bed_id: body.bedId, updated_at: now });
      if (body.bedId) await updateBedState(trx, body.bedId, "free");
    });
  } catch (error) {
    if (isUniqueViolation(error)) return transfer(db, access, actor, episodeId, body, now);
    throw error;
  }
  return { created: true, episode: await oneEpisode(db.kysely, organisationId, episodeId, today) };
}

/**
 * Ends an episode of care: the day and the kind of discharge; the bed is free from then. It cannot be
 * finalised until the aftercare plan is complete (409 naming each missing item); in the same
 * transaction the follow-up questionnaires are scheduled and the discharge summary is drafted.
 * Recording the same discharge again answers with it (idempotent); another one is a 409.
 */
export async function finaliseDischarge(
  db: Db,
  access: ClientAccess,
  actor: Actor,
  episodeId: string,
  body: DischargeRequest,
  now = new Date(),
): Promise<EpisodeView> {
  const organisationId = programmeOf(access);
  const today = await programmeToday(db.kysely, organisationId, now);
  await db.kysely.transaction().execute(async (trx) => {
    const episode = await openEpisodeFor(trx, access.clientId, episodeId);
    if (episode.discharged_on) {
      if (episode.discharged_on === body.dischargedOn && episode.discharge_type === body.type) return;
      throw conflict("This episode was already discharged.", [
        { field: "dischargedOn", message: `Discharged on ${episode.discharged_on}.` },
      ]);
    }
    const current = await currentSegment(trx, episodeId);
    const errors: FieldError[] = [];
    refuseAfterToday(body.dischargedOn, today, "dischargedOn", errors);
    if (body.dischargedOn < episode.admitted_on)
      errors.push({
        field: "dischargedOn",
        message: `Use ${episode.admitted_on} or a later day: the client was admitted then.`,
      });
    else if (body.dischargedOn < current.starts_on)
      errors.push({
        field: "dischargedOn",
        message: `Use ${current.starts_on} or a later day: the last transfer was then.`,
      });
    if (errors.length > 0) throw invalid("The discharge day needs attention.", errors);
    await completeAftercare(trx, access.clientId, actor, episodeId, body.dischargedOn, now);
    await closeOpenSegment(trx, episodeId, body.dischargedOn);
    await updateEpisode(trx, episodeId, {
      discharged_on: body.dischargedOn,
      discharge_type: body.type,
      discharged_by_user_id: actor.userId,
      updated_at: now,
    });
    await draftDischargeSummary(trx, access, episodeId, body, now);
  });
  return oneEpisode(db.kysely, organisationId, episodeId, today);
}

// ---------------------------------------------------------------------------------------------
// Census

/**
 * Who is where today: every unit, room and bed with its state, the occupant shown by initials or
 * chosen alias only, and open episodes per track. Each client shown is an audited read.
 */
export async function census(
  db: Db,
  actor: Actor,
  organisationId: string,
  requestId: string,
  now = new Date(),
): Promise<CensusView> {
  const today = await programmeToday(db.kysely, organisationId, now);
  const [setup, open] = await Promise.all([
    programmeSetup(db, organisationId),
    openEpisodesOf(db.kysely, organisationId),
  ]);
  const trackName = new Map(setup.tracks.map((track) => [track.id, track.name]));
  const byBed = new Map(
    open.flatMap((episode) => (episode.bed_id ? [[episode.bed_id, episode] as const] : [])),
  );
  await appendAuditEvents(
    db,
    open.map((episode) => ({
      actorUserId: actor.userId,
      actorRole: null,
      organisationId,
      clientId: episode.client_id,
      recordType: "census",
      recordId: episode.id,
      action: "read",
      outcome: "allowed" as const,
      requestId,
      ip: null,
    })),
  );
  return {
    today,
    units: setup.units.map((unit) => ({
      ...unit,
      rooms: unit.rooms.map((room) => ({
        ...room,
        beds: room.beds.map((bed) => {
          const episode = byBed.get(bed.id);
          return {
            ...bed,
            occupant: episode
              ? {
                  display: censusName(episode.name, episode.alias),
                  trackName: trackName.get(episode.track_id) ?? "",
                  admittedOn: episode.admitted_on,
                  lengthOfStay: lengthOfStay(episode.admitted_on, null, today),
                }
              : null,
          };
        }),
      })),
    })),
    tracks: setup.tracks.map((track) => ({
      ...track,
      count: open.filter((episode) => episode.track_id === track.id).length,
    })),
  };
}
