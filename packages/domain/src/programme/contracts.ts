import { z } from "zod";
import { LocalDateText } from "../recovery/contracts.js";

/**
 * Programme operations, first slice: tracks, units, rooms and beds, the client's placement details,
 * episodes of care (admission, transfers, discharge) and the census. Requests are strict objects, so
 * an unknown field is refused with its name.
 */

const AppId = z.uuid("Use an id made by the app (a UUID).");
const name = (what: string, max = 80) =>
  z.string().trim().min(1, `Write the ${what}.`).max(max, `Use at most ${max} characters for the ${what}.`);

/** Levels of care; a track has one, and an episode's level of care is its track's. */
export const TrackKind = z.enum([
  "residential",
  "intensive_outpatient",
  "outpatient",
  "partner_programme",
  "family_programme",
]);
export type TrackKind = z.infer<typeof TrackKind>;

/** Who a track is designed for. "mixed" is a choice of the programme, not a default. */
export const GenderDesignation = z.enum(["men", "women", "mixed"]);
export type GenderDesignation = z.infer<typeof GenderDesignation>;

/** Which clients a unit's beds are for. */
export const GenderRestriction = z.enum(["men", "women", "none"]);
export type GenderRestriction = z.infer<typeof GenderRestriction>;

/** The client's gender as used to match rooms and groups kept for men or women. */
export const PlacementGender = z.enum(["man", "woman", "other_or_undisclosed"]);
export type PlacementGender = z.infer<typeof PlacementGender>;

/** A bed's state as staff set it; "occupied" is never typed, it comes from open episodes. */
export const BedSetState = z.enum(["free", "reserved", "out_of_service"]);
export type BedSetState = z.infer<typeof BedSetState>;
export const BedState = z.enum(["free", "reserved", "occupied", "out_of_service"]);
export type BedState = z.infer<typeof BedState>;

export const DischargeType = z.enum(["planned", "against_advice", "administrative", "transfer"]);
export type DischargeType = z.infer<typeof DischargeType>;

/** The consents an admission can record, each with the day it was signed. */
export const ConsentKind = z.enum([
  "treatment",
  "programme_rules",
  "technology_limits",
  "privacy_notice",
  "release_of_information",
  /** Agrees to be contacted for follow-up after discharge; without it no follow-ups are scheduled. */
  "outcome_follow_up",
]);
export type ConsentKind = z.infer<typeof ConsentKind>;

export const CreateTrackRequest = z.strictObject({
  id: AppId,
  name: name("track's name"),
  kind: TrackKind,
  /** True when the track is dedicated to compulsive sexual behaviour. */
  csbDedicated: z.boolean(),
  genderDesignation: GenderDesignation,
});
export type CreateTrackRequest = z.input<typeof CreateTrackRequest>;

export const TrackView = z.object({
  id: z.string(),
  name: z.string(),
  kind: TrackKind,
  csbDedicated: z.boolean(),
  genderDesignation: GenderDesignation,
});
export type TrackView = z.infer<typeof TrackView>;

export const CreateUnitRequest = z.strictObject({
  id: AppId,
  name: name("unit's name"),
  genderRestriction: GenderRestriction,
});
export type CreateUnitRequest = z.input<typeof CreateUnitRequest>;

export const CreateRoomRequest = z.strictObject({ id: AppId, name: name("room's name") });
export type CreateRoomRequest = z.input<typeof CreateRoomRequest>;

export const CreateBedRequest = z.strictObject({ id: AppId, label: name("bed's label", 40) });
export type CreateBedRequest = z.input<typeof CreateBedRequest>;

export const SetBedStateRequest = z.strictObject({ state: BedSetState });
export type SetBedStateRequest = z.input<typeof SetBedStateRequest>;

export const BedView = z.object({ id: z.string(), label: z.string(), state: BedState });
export type BedView = z.infer<typeof BedView>;
export const RoomView = z.object({ id: z.string(), name: z.string(), beds: z.array(BedView) });
export type RoomView = z.infer<typeof RoomView>;
export const UnitView = z.object({
  id: z.string(),
  name: z.string(),
  genderRestriction: GenderRestriction,
  rooms: z.array(RoomView),
});
export type UnitView = z.infer<typeof UnitView>;

/** Everything the programme has set up: tracks, and units with their rooms and beds. */
export const ProgrammeSetupView = z.object({ tracks: z.array(TrackView), units: z.array(UnitView) });
export type ProgrammeSetupView = z.infer<typeof ProgrammeSetupView>;

export const PlacementRequest = z.strictObject({
  gender: PlacementGender.nullable(),
  /** What the census shows instead of initials, when the client has chosen one. */
  alias: z.string().trim().max(40, "Use at most 40 characters for the alias.").nullable(),
});
export type PlacementRequest = z.input<typeof PlacementRequest>;
export const PlacementView = z.object({ gender: PlacementGender.nullable(), alias: z.string().nullable() });
export type PlacementView = z.infer<typeof PlacementView>;

export const ConsentEntry = z.strictObject({ kind: ConsentKind, signedOn: LocalDateText });
export type ConsentEntry = z.infer<typeof ConsentEntry>;

export const AdmitRequest = z.strictObject({
  id: AppId,
  admittedOn: LocalDateText,
  trackId: z.uuid("Pick a track."),
  /** A bed for a residential track; none otherwise. */
  bedId: z.uuid("Pick a bed.").nullable(),
  referralSource: z.string().trim().max(200, "Use at most 200 characters for the referral source."),
  consents: z.array(ConsentEntry).max(20),
});
export type AdmitRequest = z.input<typeof AdmitRequest>;

export const TransferRequest = z.strictObject({
  id: AppId,
  transferredOn: LocalDateText,
  trackId: z.uuid("Pick a track."),
  bedId: z.uuid("Pick a bed.").nullable(),
});
export type TransferRequest = z.input<typeof TransferRequest>;

export const DischargeRequest = z.strictObject({
  dischargedOn: LocalDateText,
  type: DischargeType,
  /** Why, in a few words; it goes into the drafted discharge summary. */
  reason: z.string().trim().max(2000, "Use at most 2000 characters for the reason.").optional(),
});
export type DischargeRequest = z.input<typeof DischargeRequest>;

/** One stretch of an episode on one track and bed: the admission's, then one per transfer. */
export const SegmentView = z.object({
  id: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  trackId: z.string(),
  trackName: z.string(),
  levelOfCare: TrackKind,
  bedId: z.string().nullable(),
  /** "Unit · Room · Bed", or null without a bed. */
  bedName: z.string().nullable(),
});
export type SegmentView = z.infer<typeof SegmentView>;

export const EpisodeView = z.object({
  id: z.string(),
  admittedOn: z.string(),
  referralSource: z.string(),
  consents: z.array(ConsentEntry),
  dischargedOn: z.string().nullable(),
  dischargeType: DischargeType.nullable(),
  /** Programme-local days; an open episode counts to today. */
  lengthOfStay: z.number().int(),
  /** The current (or last) stretch first. */
  segments: z.array(SegmentView),
});
export type EpisodeView = z.infer<typeof EpisodeView>;

export const ClientEpisodesView = z.object({
  placement: PlacementView,
  /** The programme's today, for date fields. */
  today: z.string(),
  episodes: z.array(EpisodeView),
});
export type ClientEpisodesView = z.infer<typeof ClientEpisodesView>;

/** Who is in a bed today: initials or the chosen alias only, never a full name. */
export const CensusOccupant = z.object({
  display: z.string(),
  trackName: z.string(),
  admittedOn: z.string(),
  lengthOfStay: z.number().int(),
});
export type CensusOccupant = z.infer<typeof CensusOccupant>;

export const CensusView = z.object({
  today: z.string(),
  units: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      genderRestriction: GenderRestriction,
      rooms: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          beds: z.array(BedView.extend({ occupant: CensusOccupant.nullable() })),
        }),
      ),
    }),
  ),
  /** Open episodes per track, with or without a bed. */
  tracks: z.array(TrackView.extend({ count: z.number().int() })),
});
export type CensusView = z.infer<typeof CensusView>;
