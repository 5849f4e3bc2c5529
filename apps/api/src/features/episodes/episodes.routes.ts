import {
  AdmitRequest,
  CensusView,
  ClientEpisodesView,
  CreateBedRequest,
  CreateRoomRequest,
  CreateTrackRequest,
  CreateUnitRequest,
  DischargeRequest,
  EpisodeView,
  PlacementRequest,
  PlacementView,
  ProgrammeSetupView,
  SetBedStateRequest,
  TrackView,
  TransferRequest,
} from "@lantern/domain";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ClientParams, clientAccessOf } from "../../access/client-access.js";
import { clientRecord, inOrganisation } from "../../access/rules.js";
import type { Db } from "../../db/dialect.js";
import {
  admit,
  census,
  createBed,
  createRoom,
  createTrack,
  createUnit,
  finaliseDischarge,
  listEpisodes,
  programmeSetup,
  setBedState,
  setPlacement,
  transfer,
} from "./episodes.service.js";

const OrgParams = z.strictObject({ organisationId: z.uuid() });
const UnitParams = OrgParams.extend({ unitId: z.uuid("Use a unit id.") });
const RoomParams = OrgParams.extend({ roomId: z.uuid("Use a room id.") });
const BedParams = OrgParams.extend({ bedId: z.uuid("Use a bed id.") });
const EpisodeParams = ClientParams.extend({ episodeId: z.uuid("Use an episode id.") });

const admin = inOrganisation("programme_admin");
const careWriters = ["care-team", "programme-admin"] as const;

/**
 * Programme operations (issue 8, first slice): tracks, units, rooms and beds (admin); the client's
 * placement details and episodes of care (care team and admin); the census (the programme's staff).
 */
export const episodeRoutes =
  (db: Db): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/organisations/:organisationId/programme-setup",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["programme"],
          summary: "The programme's tracks, and units with rooms and beds (no client is named)",
          params: OrgParams,
          response: { 200: ProgrammeSetupView },
        },
      },
      async (request) => programmeSetup(db, request.params.organisationId),
    );

    app.post(
      "/api/organisations/:organisationId/tracks",
      {
        config: { access: admin },
        schema: {
          tags: ["programme"],
          summary: "Add a track (the same id again changes nothing)",
          params: OrgParams,
          body: CreateTrackRequest,
          response: { 200: TrackView, 201: TrackView },
        },
      },
      async (request, reply) => {
        const { created, track } = await createTrack(db, request.params.organisationId, request.body);
        return reply.code(created ? 201 : 200).send(track);
      },
    );

    app.post(
      "/api/organisations/:organisationId/units",
      {
        config: { access: admin },
        schema: {
          tags: ["programme"],
          summary: "Add a unit; answers with the whole set-up",
          params: OrgParams,
          body: CreateUnitRequest,
          response: { 200: ProgrammeSetupView, 201: ProgrammeSetupView },
        },
      },
      async (request, reply) => {
        const { created, setup } = await createUnit(db, request.params.organisationId, request.body);
        return reply.code(created ? 201 : 200).send(setup);
      },
    );

    app.post(
      "/api/organisations/:organisationId/units/:unitId/rooms",
      {
        config: { access: admin },
        schema: {
          tags: ["programme"],
          summary: "Add a room to a unit; answers with the whole set-up",
          params: UnitParams,
          body: CreateRoomRequest,
          response: { 200: ProgrammeSetupView, 201: ProgrammeSetupView },
        },
      },
      async (request, reply) => {
        const { organisationId, unitId } = request.params;
        const { created, setup } = await createRoom(db, organisationId, unitId, request.body);
        return reply.code(created ? 201 : 200).send(setup);
      },
    );

    app.post(
      "/api/organisations/:organisationId/rooms/:roomId/beds",
      {
        config: { access: admin },
        schema: {
          tags: ["programme"],
          summary: "Add a bed to a room; answers with the whole set-up",
          params: RoomParams,
          body: CreateBedRequest,
          response: { 200: ProgrammeSetupView, 201: ProgrammeSetupView },
        },
      },
      async (request, reply) => {
        const { organisationId, roomId } = request.params;
        const { created, setup } = await createBed(db, organisationId, roomId, request.body);
        return reply.code(created ? 201 : 200).send(setup);
      },
    );

    app.put(
      "/api/organisations/:organisationId/beds/:bedId/state",
      {
        config: { access: admin },
        schema: {
          tags: ["programme"],
          summary: "Mark a bed free, reserved or out of service (occupied comes from admissions)",
          params: BedParams,
          body: SetBedStateRequest,
          response: { 200: ProgrammeSetupView },
        },
      },
      async (request) => setBedState(db, request.params.organisationId, request.params.bedId, request.body),
    );

    app.get(
      "/api/organisations/:organisationId/census",
      {
        config: { access: inOrganisation("programme_admin", "clinician") },
        schema: {
          tags: ["programme"],
          summary: "Who is where today, by initials or chosen alias only; each client shown is audited",
          params: OrgParams,
          response: { 200: CensusView },
        },
      },
      async (request) => census(db, request.actor!, request.params.organisationId, request.id),
    );

    app.put(
      "/api/clients/:clientId/placement",
      {
        config: { access: clientRecord("placement", "write", careWriters) },
        schema: {
          tags: ["programme"],
          summary: "The client's gender for placement and chosen alias for the census",
          params: ClientParams,
          body: PlacementRequest,
          response: { 200: PlacementView },
        },
      },
      async (request) => setPlacement(db, clientAccessOf(request).clientId, request.body),
    );

    app.get(
      "/api/clients/:clientId/episodes",
      {
        config: { access: clientRecord("episodes", "read", ["self", ...careWriters, "break-glass"]) },
        schema: {
          tags: ["programme"],
          summary: "The client's placement details and episodes of care, newest first",
          params: ClientParams,
          response: { 200: ClientEpisodesView },
        },
      },
      async (request) => listEpisodes(db, clientAccessOf(request)),
    );

    app.post(
      "/api/clients/:clientId/episodes",
      {
        config: { access: clientRecord("episodes", "write", careWriters) },
        schema: {
          tags: ["programme"],
          summary: "Admit the client (one open episode at a time; the same id again changes nothing)",
          params: ClientParams,
          body: AdmitRequest,
          response: { 200: EpisodeView, 201: EpisodeView },
        },
      },
      async (request, reply) => {
        const { created, episode } = await admit(db, clientAccessOf(request), request.actor!, request.body);
        return reply.code(created ? 201 : 200).send(episode);
      },
    );

    app.post(
      "/api/clients/:clientId/episodes/:episodeId/transfers",
      {
        config: { access: clientRecord("episodes", "write", careWriters) },
        schema: {
          tags: ["programme"],
          summary: "Transfer to another track or bed from a day (the history is kept)",
          params: EpisodeParams,
          body: TransferRequest,
          response: { 200: EpisodeView, 201: EpisodeView },
        },
      },
      async (request, reply) => {
        const { created, episode } = await transfer(
          db,
          clientAccessOf(request),
          request.actor!,
          request.params.episodeId,
          request.body,
        );
        return reply.code(created ? 201 : 200).send(episode);
      },
    );

    app.post(
      "/api/clients/:clientId/episodes/:episodeId/discharge",
      {
        config: { access: clientRecord("episodes", "write", careWriters) },
        schema: {
          tags: ["programme"],
          summary: "Discharge: the day and the kind of discharge",
          params: EpisodeParams,
          body: DischargeRequest,
          response: { 200: EpisodeView },
        },
      },
      async (request) =>
        finaliseDischarge(
          db,
          clientAccessOf(request),
          request.actor!,
          request.params.episodeId,
          request.body,
        ),
    );
  };
