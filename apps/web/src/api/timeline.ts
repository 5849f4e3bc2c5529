import type { CaseloadEntry, RecoveryTimeline } from "@lantern/domain";
import { useQuery } from "@tanstack/react-query";
import { request } from "./client";

/** One day on the clinician's timeline. */
export type TimelineDay = RecoveryTimeline["days"][number];

/** Query keys for the clinician's views of recovery. */
export const timelineKeys = {
  one: (clientId: string, days: number) => ["recovery-timeline", clientId, days] as const,
  caseload: (organisationId: string) => ["caseload", organisationId] as const,
};

const enc = encodeURIComponent;

/** A client's recovery over the last `days` days (7 to 366). */
export function getTimeline(clientId: string, days: number): Promise<RecoveryTimeline> {
  return request<RecoveryTimeline>("GET", `/clients/${enc(clientId)}/recovery/timeline?days=${days}`);
}

/** The caller's caseload in a programme, with flags worth a look. */
export function getCaseload(organisationId: string): Promise<CaseloadEntry[]> {
  return request<CaseloadEntry[]>("GET", `/organisations/${enc(organisationId)}/caseload`);
}

/** A client's recovery timeline. */
export function useTimeline(clientId: string, days: number) {
  return useQuery({
    queryKey: timelineKeys.one(clientId, days),
    queryFn: () => getTimeline(clientId, days),
    placeholderData: (previous) => previous,
  });
}

/** The caller's caseload with flags. */
export function useCaseload(organisationId: string) {
  return useQuery({
    queryKey: timelineKeys.caseload(organisationId),
    queryFn: () => getCaseload(organisationId),
  });
}
