import type {
  AdherenceWeek,
  AftercarePlanView,
  AftercareReviewItem,
  CalendarFeedView,
  DischargeRequest,
  DischargeSummaryView,
  EditDischargeSummaryRequest,
  EpisodeView,
  LogAttendanceRequest,
  MyPlanView,
  SaveAftercareRequest,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";
import { programmeKeys } from "./programme";

const enc = encodeURIComponent;

export const aftercareKeys = {
  plan: (clientId: string, episodeId: string) => ["aftercare", clientId, episodeId] as const,
  summary: (clientId: string, episodeId: string) => ["discharge-summary", clientId, episodeId] as const,
  mine: (clientId: string) => ["my-aftercare", clientId] as const,
  adherence: (clientId: string) => ["aftercare-adherence", clientId] as const,
};

const episodePath = (clientId: string, episodeId: string) =>
  `/clients/${enc(clientId)}/episodes/${enc(episodeId)}`;

export function dischargeSummaryPdfUrl(clientId: string, episodeId: string): string {
  return `/api${episodePath(clientId, episodeId)}/discharge-summary.pdf`;
}

export function useAftercarePlan(clientId: string, episodeId: string) {
  return useQuery({
    queryKey: aftercareKeys.plan(clientId, episodeId),
    queryFn: () => request<AftercarePlanView>("GET", `${episodePath(clientId, episodeId)}/aftercare`),
    enabled: clientId !== "" && episodeId !== "",
  });
}

/** The care team's changes on the discharge page: save the plan, record reviews, discharge, summary. */
export function useAftercareChanges(clientId: string, episodeId: string) {
  const queryClient = useQueryClient();
  const base = episodePath(clientId, episodeId);
  const store = (plan: AftercarePlanView) =>
    queryClient.setQueryData(aftercareKeys.plan(clientId, episodeId), plan);
  const storeSummary = (summary: DischargeSummaryView) =>
    queryClient.setQueryData(aftercareKeys.summary(clientId, episodeId), summary);
  return {
    save: useMutation({
      mutationFn: (body: SaveAftercareRequest) =>
        request<AftercarePlanView>("PUT", `${base}/aftercare`, body),
      onSuccess: store,
    }),
    review: useMutation({
      mutationFn: (item: AftercareReviewItem) =>
        request<AftercarePlanView>("POST", `${base}/aftercare/reviews`, { item }),
      onSuccess: store,
    }),
    discharge: useMutation({
      mutationFn: (body: DischargeRequest) => request<EpisodeView>("POST", `${base}/discharge`, body),
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: programmeKeys.episodes(clientId) });
        void queryClient.invalidateQueries({ queryKey: aftercareKeys.plan(clientId, episodeId) });
        void queryClient.invalidateQueries({ queryKey: aftercareKeys.summary(clientId, episodeId) });
      },
    }),
    editSummary: useMutation({
      mutationFn: (body: EditDischargeSummaryRequest) =>
        request<DischargeSummaryView>("PUT", `${base}/discharge-summary`, body),
      onSuccess: storeSummary,
    }),
    signSummary: useMutation({
      mutationFn: (revision: number) =>
        request<DischargeSummaryView>("POST", `${base}/discharge-summary/signature`, { revision }),
      onSuccess: storeSummary,
    }),
  };
}

export function useDischargeSummary(clientId: string, episodeId: string, enabled: boolean) {
  return useQuery({
    queryKey: aftercareKeys.summary(clientId, episodeId),
    queryFn: () =>
      request<DischargeSummaryView>("GET", `${episodePath(clientId, episodeId)}/discharge-summary`),
    enabled: enabled && clientId !== "" && episodeId !== "",
  });
}

/** The client's "My plan" after discharge (also read by the care team). */
export function useMyAftercare(clientId: string) {
  return useQuery({
    queryKey: aftercareKeys.mine(clientId),
    queryFn: () => request<MyPlanView>("GET", `/clients/${enc(clientId)}/aftercare`),
    enabled: clientId !== "",
  });
}

export function useLogAttendance(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: LogAttendanceRequest) =>
      request<MyPlanView>("POST", `/clients/${enc(clientId)}/aftercare/attendance`, body),
    onSuccess: (plan) => queryClient.setQueryData(aftercareKeys.mine(clientId), plan),
  });
}

/** Makes or resets the client's secret calendar address (shown once). */
export function useResetCalendarFeed(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => request<CalendarFeedView>("POST", `/clients/${enc(clientId)}/aftercare/calendar-feed`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: aftercareKeys.mine(clientId) }),
  });
}

export function useAdherence(clientId: string) {
  return useQuery({
    queryKey: aftercareKeys.adherence(clientId),
    queryFn: () =>
      request<{ dischargedOn: string | null; weeks: AdherenceWeek[] }>(
        "GET",
        `/clients/${enc(clientId)}/aftercare/adherence`,
      ),
    enabled: clientId !== "",
  });
}
