import type {
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
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, request } from "./client";

/** Query keys for programme operations. */
export const programmeKeys = {
  setup: (organisationId: string) => ["programme-setup", organisationId] as const,
  census: (organisationId: string) => ["census", organisationId] as const,
  episodes: (clientId: string) => ["episodes", clientId] as const,
};

const enc = encodeURIComponent;
const org = (organisationId: string) => `/organisations/${enc(organisationId)}`;

/** What went wrong, in the server's own words for each field, or its title. */
export function refusalReason(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fields = error.problem.errors?.map((e) => e.message) ?? [];
  if (fields.length > 0) return `${error.problem.title} ${fields.join(" ")}`;
  return undefined;
}

export function useProgrammeSetup(organisationId: string) {
  return useQuery({
    queryKey: programmeKeys.setup(organisationId),
    queryFn: () => request<ProgrammeSetupView>("GET", `${org(organisationId)}/programme-setup`),
    enabled: organisationId !== "",
  });
}

/** The admin's set-up changes: each answers with (or refreshes) the whole set-up. */
export function useSetupChanges(organisationId: string) {
  const queryClient = useQueryClient();
  const store = (setup: ProgrammeSetupView) => {
    queryClient.setQueryData(programmeKeys.setup(organisationId), setup);
    void queryClient.invalidateQueries({ queryKey: programmeKeys.census(organisationId) });
  };
  return {
    addTrack: useMutation({
      mutationFn: (body: CreateTrackRequest) =>
        request<TrackView>("POST", `${org(organisationId)}/tracks`, body),
      onSuccess: () => queryClient.invalidateQueries({ queryKey: programmeKeys.setup(organisationId) }),
    }),
    addUnit: useMutation({
      mutationFn: (body: CreateUnitRequest) =>
        request<ProgrammeSetupView>("POST", `${org(organisationId)}/units`, body),
      onSuccess: store,
    }),
    addRoom: useMutation({
      mutationFn: ({ unitId, body }: { unitId: string; body: CreateRoomRequest }) =>
        request<ProgrammeSetupView>("POST", `${org(organisationId)}/units/${enc(unitId)}/rooms`, body),
      onSuccess: store,
    }),
    addBed: useMutation({
      mutationFn: ({ roomId, body }: { roomId: string; body: CreateBedRequest }) =>
        request<ProgrammeSetupView>("POST", `${org(organisationId)}/rooms/${enc(roomId)}/beds`, body),
      onSuccess: store,
    }),
    setBedState: useMutation({
      mutationFn: ({ bedId, body }: { bedId: string; body: SetBedStateRequest }) =>
        request<ProgrammeSetupView>("PUT", `${org(organisationId)}/beds/${enc(bedId)}/state`, body),
      onSuccess: store,
    }),
  };
}

export function useCensus(organisationId: string) {
  return useQuery({
    queryKey: programmeKeys.census(organisationId),
    queryFn: () => request<CensusView>("GET", `${org(organisationId)}/census`),
    enabled: organisationId !== "",
  });
}

export function useEpisodes(clientId: string) {
  return useQuery({
    queryKey: programmeKeys.episodes(clientId),
    queryFn: () => request<ClientEpisodesView>("GET", `/clients/${enc(clientId)}/episodes`),
  });
}

/** Placement details, admission, transfer and discharge for one client; each refreshes the episodes. */
export function useEpisodeChanges(clientId: string, organisationId: string | null) {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: programmeKeys.episodes(clientId) });
    if (organisationId) {
      void queryClient.invalidateQueries({ queryKey: programmeKeys.census(organisationId) });
      void queryClient.invalidateQueries({ queryKey: programmeKeys.setup(organisationId) });
    }
  };
  const base = `/clients/${enc(clientId)}`;
  return {
    placement: useMutation({
      mutationFn: (body: PlacementRequest) => request<PlacementView>("PUT", `${base}/placement`, body),
      onSuccess: refresh,
    }),
    admit: useMutation({
      mutationFn: (body: AdmitRequest) => request<EpisodeView>("POST", `${base}/episodes`, body),
      onSuccess: refresh,
    }),
    transfer: useMutation({
      mutationFn: ({ episodeId, body }: { episodeId: string; body: TransferRequest }) =>
        request<EpisodeView>("POST", `${base}/episodes/${enc(episodeId)}/transfers`, body),
      onSuccess: refresh,
    }),
    discharge: useMutation({
      mutationFn: ({ episodeId, body }: { episodeId: string; body: DischargeRequest }) =>
        request<EpisodeView>("POST", `${base}/episodes/${enc(episodeId)}/discharge`, body),
      onSuccess: refresh,
    }),
  };
}
