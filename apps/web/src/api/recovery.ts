import {
  type CheckInView,
  type CirclesView,
  type LedgerEventRequest,
  type LedgerView,
  type RecoverySettings,
  type RecoveryToday,
  type SaveCheckInRequest,
  type SaveCirclesRequest,
  uuidv7,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { ApiError, NETWORK_ERROR_STATUS, request } from "./client";

// Typed calls and hooks for the client's daily recovery: circles, the sobriety ledger, check-ins, the
// home screen ("today") and the programme's recovery words. Shapes come from the shared contracts
// (packages/domain/src/recovery/contracts.ts) as types only, so zod stays out of the web bundle.

/** One comment on the circles, as the API returns it. */
export type CircleComment = CirclesView["comments"][number];

/** Query keys. Everything about one client starts with ["recovery", clientId], to refresh it at once. */
export const recoveryKeys = {
  all: (clientId: string) => ["recovery", clientId] as const,
  today: (clientId: string) => ["recovery", clientId, "today"] as const,
  circles: (clientId: string) => ["recovery", clientId, "circles"] as const,
  ledger: (clientId: string) => ["recovery", clientId, "ledger"] as const,
  checkIns: (clientId: string, from = "", to = "") => ["recovery", clientId, "check-ins", from, to] as const,
  settings: (organisationId: string) => ["recovery-settings", organisationId] as const,
};

const enc = encodeURIComponent;

/** The programme's words for the ledger (admins and clinicians of the programme). */
export function getRecoverySettings(organisationId: string): Promise<RecoverySettings> {
  return request<RecoverySettings>("GET", `/organisations/${enc(organisationId)}/recovery-settings`);
}

/** Saves the programme's words for the ledger (programme admin). */
export function saveRecoverySettings(
  organisationId: string,
  settings: RecoverySettings,
): Promise<RecoverySettings> {
  return request<RecoverySettings>(
    "PUT",
    `/organisations/${enc(organisationId)}/recovery-settings`,
    settings,
  );
}

/** The client's current circles with their history and comments. */
export function getCircles(clientId: string): Promise<CirclesView> {
  return request<CirclesView>("GET", `/clients/${enc(clientId)}/circles`);
}

/** Saves the whole set of circles as it should be now; 409 when someone else saved first. */
export function saveCircles(clientId: string, body: SaveCirclesRequest): Promise<CirclesView> {
  return request<CirclesView>("PUT", `/clients/${enc(clientId)}/circles`, body);
}

/** Adds a comment on the circles (the client or their care team). */
export function addCircleComment(clientId: string, body: string): Promise<CircleComment> {
  return request<CircleComment>("POST", `/clients/${enc(clientId)}/circles/comments`, { body });
}

/** The sobriety ledger: counts, milestones and every event, corrections included. */
export function getLedger(clientId: string): Promise<LedgerView> {
  return request<LedgerView>("GET", `/clients/${enc(clientId)}/ledger`);
}

/** Adds one ledger event (a start date, an inner-circle act or a correction). Same id again is harmless. */
export function addLedgerEvent(clientId: string, event: LedgerEventRequest): Promise<LedgerView> {
  return request<LedgerView>("POST", `/clients/${enc(clientId)}/ledger/events`, event);
}

/** Saves the check-in for one local day (new or updated). */
export function saveCheckIn(clientId: string, date: string, body: SaveCheckInRequest): Promise<CheckInView> {
  return request<CheckInView>("PUT", `/clients/${enc(clientId)}/check-ins/${enc(date)}`, body);
}

/** Check-ins between two local days, newest first (the last 30 days when no range is given). */
export function listCheckIns(clientId: string, from?: string, to?: string): Promise<CheckInView[]> {
  const query = new URLSearchParams();
  if (from) query.set("from", from);
  if (to) query.set("to", to);
  const suffix = query.size > 0 ? `?${query}` : "";
  return request<CheckInView[]>("GET", `/clients/${enc(clientId)}/check-ins${suffix}`);
}

/** Everything the client's home screen shows, in one request. */
export function getToday(clientId: string): Promise<RecoveryToday> {
  return request<RecoveryToday>("GET", `/clients/${enc(clientId)}/recovery/today`);
}

/**
 * Writes here carry an id made by the app, so sending one again changes nothing. That makes it safe
 * to retry when the answer was lost on the way back (offline, a dropped connection), and only then.
 */
export function retryLostAnswer(failureCount: number, error: unknown): boolean {
  return error instanceof ApiError && error.status === NETWORK_ERROR_STATUS && failureCount < 2;
}

/**
 * An id for one submission: the same across retries of that submission, a fresh one once it has been
 * saved (call `next`). Pass `fixed` to keep an existing record's id (editing today's check-in).
 */
export function useSubmissionId(fixed?: string) {
  const [made, setMade] = useState(() => uuidv7());
  const next = useCallback(() => setMade(uuidv7()), []);
  return { id: fixed ?? made, next };
}

/** The client's home screen. */
export function useToday(clientId: string) {
  return useQuery({
    queryKey: recoveryKeys.today(clientId),
    queryFn: () => getToday(clientId),
    enabled: clientId !== "",
  });
}

/** The client's circles. */
export function useCircles(clientId: string) {
  return useQuery({
    queryKey: recoveryKeys.circles(clientId),
    queryFn: () => getCircles(clientId),
    enabled: clientId !== "",
  });
}

/** The client's sobriety ledger. */
export function useLedger(clientId: string) {
  return useQuery({
    queryKey: recoveryKeys.ledger(clientId),
    queryFn: () => getLedger(clientId),
    enabled: clientId !== "",
  });
}

/** The client's check-ins in a range of local days (default: the last 30). */
export function useCheckIns(clientId: string, from?: string, to?: string, enabled = true) {
  return useQuery({
    queryKey: recoveryKeys.checkIns(clientId, from, to),
    queryFn: () => listCheckIns(clientId, from, to),
    enabled: enabled && clientId !== "",
  });
}

/** The programme's recovery words. */
export function useRecoverySettings(organisationId: string) {
  return useQuery({
    queryKey: recoveryKeys.settings(organisationId),
    queryFn: () => getRecoverySettings(organisationId),
  });
}

/** Saves the circles; on success the cache holds the new version and today's screen refreshes. */
export function useSaveCircles(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveCirclesRequest) => saveCircles(clientId, body),
    onSuccess: async (view) => {
      queryClient.setQueryData(recoveryKeys.circles(clientId), view);
      await queryClient.invalidateQueries({ queryKey: recoveryKeys.today(clientId) });
    },
  });
}

/** Adds a comment on the circles. */
export function useAddCircleComment(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => addCircleComment(clientId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recoveryKeys.circles(clientId) }),
  });
}

/** Adds a ledger event (retried only when the answer was lost; the id keeps it to one row). */
export function useAddLedgerEvent(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (event: LedgerEventRequest) => addLedgerEvent(clientId, event),
    retry: retryLostAnswer,
    onSuccess: async (view) => {
      queryClient.setQueryData(recoveryKeys.ledger(clientId), view);
      await queryClient.invalidateQueries({ queryKey: recoveryKeys.all(clientId) });
    },
  });
}

/** Saves one day's check-in (retried only when the answer was lost; the id keeps it to one row). */
export function useSaveCheckIn(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ date, body }: { date: string; body: SaveCheckInRequest }) =>
      saveCheckIn(clientId, date, body),
    retry: retryLostAnswer,
    // A check-in can add an inner-circle act to the ledger, so every recovery view is refreshed.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recoveryKeys.all(clientId) }),
  });
}

/** Saves the programme's recovery words. */
export function useSaveRecoverySettings(organisationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: RecoverySettings) => saveRecoverySettings(organisationId, settings),
    onSuccess: (saved) => queryClient.setQueryData(recoveryKeys.settings(organisationId), saved),
  });
}

/**
 * Waits for a mutation started with mutateAsync, then runs one of two handlers. Unlike the callbacks
 * of `mutate`, these still run when the form that started it was replaced while the data refreshed.
 */
export function settle<T>(
  promise: Promise<T>,
  handlers: { onSuccess?: (data: T) => void; onError?: (error: unknown) => void },
): void {
  promise.then(
    (data) => handlers.onSuccess?.(data),
    (error: unknown) => handlers.onError?.(error),
  );
}
