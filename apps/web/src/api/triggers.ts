import type { SaveTriggerRequest, TriggersView, TriggerView } from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "./client";

/** A coping strategy as the API shows it. */
export type CopingView = TriggersView["coping"][number];

/** Query keys for triggers, coping strategies and their patterns. */
export const triggerKeys = {
  all: (clientId: string) => ["triggers", clientId] as const,
};

const enc = encodeURIComponent;

/** The client's triggers, coping strategies and the patterns before urges and acts. */
export function getTriggers(clientId: string): Promise<TriggersView> {
  return request<TriggersView>("GET", `/clients/${enc(clientId)}/triggers`);
}

/** Creates or updates a trigger; the id is made by the app for a new one. */
export function saveTrigger(
  clientId: string,
  triggerId: string,
  body: SaveTriggerRequest,
): Promise<TriggerView> {
  return request<TriggerView>("PUT", `/clients/${enc(clientId)}/triggers/${enc(triggerId)}`, body);
}

/** Archives a trigger: it leaves the list but past urges keep their link to it. */
export function archiveTrigger(clientId: string, triggerId: string): Promise<void> {
  return request<void>("DELETE", `/clients/${enc(clientId)}/triggers/${enc(triggerId)}`);
}

/** Creates or rewords a coping strategy; the id is made by the app for a new one. */
export function saveCoping(clientId: string, copingId: string, text: string): Promise<CopingView> {
  return request<CopingView>("PUT", `/clients/${enc(clientId)}/coping/${enc(copingId)}`, { text });
}

/** Archives a coping strategy. */
export function archiveCoping(clientId: string, copingId: string): Promise<void> {
  return request<void>("DELETE", `/clients/${enc(clientId)}/coping/${enc(copingId)}`);
}

/** The client's triggers view. */
export function useTriggers(clientId: string) {
  return useQuery({ queryKey: triggerKeys.all(clientId), queryFn: () => getTriggers(clientId) });
}

/** Runs a change to triggers or coping and refreshes the list afterwards. */
export function useTriggerChange<TInput, TResult>(
  clientId: string,
  change: (input: TInput) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: triggerKeys.all(clientId) }),
  });
}
