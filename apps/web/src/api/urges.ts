import type { SaveUrgeRequest, UrgeStats, UrgeView } from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** The client's urges and their own figures (GET /clients/:id/urges). */
export interface UrgesView {
  urges: UrgeView[];
  stats: UrgeStats;
}

/** Query keys for the urge log. */
export const urgeKeys = {
  all: (clientId: string) => ["urges", clientId] as const,
};

const enc = encodeURIComponent;

/** The client's urges (newest first) and figures; the server defaults to a recent window. */
export function listUrges(clientId: string, range: { from?: string; to?: string } = {}): Promise<UrgesView> {
  const query = new URLSearchParams();
  if (range.from) query.set("from", range.from);
  if (range.to) query.set("to", range.to);
  const suffix = query.toString() ? `?${query}` : "";
  return request<UrgesView>("GET", `/clients/${enc(clientId)}/urges${suffix}`);
}

/** Records one urge. The id is made by the app, so sending the same urge again is harmless. */
export function saveUrge(clientId: string, urge: SaveUrgeRequest): Promise<UrgeView> {
  return request<UrgeView>("POST", `/clients/${enc(clientId)}/urges`, urge);
}

/** The client's urges and figures. */
export function useUrges(clientId: string) {
  return useQuery({ queryKey: urgeKeys.all(clientId), queryFn: () => listUrges(clientId) });
}

/** Saves an urge and refreshes everything that counts urges (figures, home, patterns, timeline). */
export function useSaveUrge(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (urge: SaveUrgeRequest) => saveUrge(clientId, urge),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: urgeKeys.all(clientId) }),
        queryClient.invalidateQueries({ queryKey: ["triggers", clientId] }),
        queryClient.invalidateQueries({ queryKey: ["recovery-timeline", clientId] }),
      ]);
    },
  });
}
