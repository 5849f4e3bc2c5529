import type {
  CirclesView,
  ContactView,
  CrisisLine,
  NotificationView,
  OutreachLog,
  PreventionPlanSections,
  PreventionPlanView,
  SafetyPlanResponse,
  SafetyPlanSections,
  SafetyPlanView,
  SaveContactRequest,
  SharedCheckInSummary,
  SharedJournal,
  SharedPreview,
  SharedSlips,
  SharedSosAlerts,
  SharedSummaryView,
  SharingWithMe,
  SosAlertResult,
  SosEventView,
  SosKit,
} from "@lantern/domain";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ApiError, request } from "./client";

/**
 * The client's support system: the support network, SOS, the two plans, the outreach log,
 * notifications, and what linked people see. One function per API route, and a hook per read.
 */

const enc = encodeURIComponent;
const client = (clientId: string) => `/clients/${enc(clientId)}`;

/** Query keys for the support system. */
export const supportKeys = {
  contacts: (clientId: string) => ["support", clientId, "contacts"] as const,
  sos: (clientId: string) => ["support", clientId, "sos"] as const,
  sosHistory: (clientId: string) => ["support", clientId, "sos-history"] as const,
  safetyPlan: (clientId: string) => ["support", clientId, "safety-plan"] as const,
  preventionPlan: (clientId: string) => ["support", clientId, "prevention-plan"] as const,
  outreach: (clientId: string) => ["support", clientId, "outreach"] as const,
  shared: (clientId: string) => ["support", clientId, "shared"] as const,
  preview: (clientId: string, grantId: string) => ["support", clientId, "preview", grantId] as const,
  crisisLine: (organisationId: string) => ["crisis-line", organisationId] as const,
  notifications: ["notifications"] as const,
  sharingWithMe: ["sharing-with-me"] as const,
};

// ---------------------------------------------------------------------------------------------
// Support network

/** The client's support contacts, in call-first order. */
export function listContacts(clientId: string): Promise<ContactView[]> {
  return request<ContactView[]>("GET", `${client(clientId)}/contacts`);
}

/** Creates (under an id made by the app) or changes a contact. */
export function saveContact(
  clientId: string,
  contactId: string,
  body: SaveContactRequest,
): Promise<ContactView> {
  return request<ContactView>("PUT", `${client(clientId)}/contacts/${enc(contactId)}`, body);
}

/** Removes a contact from the network. */
export function deleteContact(clientId: string, contactId: string): Promise<void> {
  return request<void>("DELETE", `${client(clientId)}/contacts/${enc(contactId)}`);
}

/** Sets the call-first order: every contact id, first to last. */
export function reorderContacts(clientId: string, order: string[]): Promise<ContactView[]> {
  return request<ContactView[]>("PUT", `${client(clientId)}/contacts-order`, { order });
}

/** The client's support contacts. */
export function useContacts(clientId: string) {
  return useQuery({ queryKey: supportKeys.contacts(clientId), queryFn: () => listContacts(clientId) });
}

/** Runs a change to the network and refreshes the list and the SOS screen afterwards. */
export function useContactChange<TInput, TResult>(
  clientId: string,
  change: (input: TInput) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: supportKeys.contacts(clientId) });
      await queryClient.invalidateQueries({ queryKey: supportKeys.sos(clientId) });
    },
  });
}

// ---------------------------------------------------------------------------------------------
// SOS and the crisis line

/** Everything the SOS screen needs. */
export function getSosKit(clientId: string): Promise<SosKit> {
  return request<SosKit>("GET", `${client(clientId)}/sos`);
}

/** Records a press of SOS; the same id again records nothing new. */
export function startSos(
  clientId: string,
  body: { id: string; harmThoughts: boolean; triggerId?: string },
): Promise<SosEventView> {
  return request<SosEventView>("POST", `${client(clientId)}/sos`, body);
}

/** Alerts the chosen supporters of one SOS use (in the app, and by a content-free email). */
export function alertSupporters(clientId: string, sosId: string, userIds: string[]): Promise<SosAlertResult> {
  return request<SosAlertResult>("POST", `${client(clientId)}/sos/${enc(sosId)}/alerts`, { userIds });
}

/** Each use of SOS, newest first. */
export function getSosHistory(clientId: string): Promise<SosEventView[]> {
  return request<SosEventView[]>("GET", `${client(clientId)}/sos/history`);
}

/** The SOS screen's contents. Kept for a minute: the screen must open fast, even on a poor signal. */
export function useSosKit(clientId: string) {
  return useQuery({
    queryKey: supportKeys.sos(clientId),
    queryFn: () => getSosKit(clientId),
    staleTime: 60_000,
  });
}

/** Each use of SOS. */
export function useSosHistory(clientId: string) {
  return useQuery({ queryKey: supportKeys.sosHistory(clientId), queryFn: () => getSosHistory(clientId) });
}

/** The programme's crisis line. */
export function getCrisisLine(organisationId: string): Promise<CrisisLine> {
  return request<CrisisLine>("GET", `/organisations/${enc(organisationId)}/crisis-line`);
}

/** Sets the programme's crisis line (programme admin). */
export function saveCrisisLine(
  organisationId: string,
  body: { name: string; phone: string; text?: string },
): Promise<CrisisLine> {
  return request<CrisisLine>("PUT", `/organisations/${enc(organisationId)}/crisis-line`, body);
}

/** The programme's crisis line. */
export function useCrisisLine(organisationId: string) {
  return useQuery({
    queryKey: supportKeys.crisisLine(organisationId),
    queryFn: () => getCrisisLine(organisationId),
  });
}

// ---------------------------------------------------------------------------------------------
// Plans

/** The safety plan (null before the first save). */
export function getSafetyPlan(clientId: string): Promise<SafetyPlanResponse> {
  return request<SafetyPlanResponse>("GET", `${client(clientId)}/safety-plan`);
}

/** Saves a new version of the safety plan; a stale base version answers 409. */
export function saveSafetyPlan(
  clientId: string,
  baseVersion: number,
  sections: SafetyPlanSections,
): Promise<SafetyPlanView> {
  return request<SafetyPlanView>("PUT", `${client(clientId)}/safety-plan`, { baseVersion, sections });
}

/** The relapse-prevention plan with the lessons from slip reviews. */
export function getPreventionPlan(clientId: string): Promise<PreventionPlanView> {
  return request<PreventionPlanView>("GET", `${client(clientId)}/prevention-plan`);
}

/** Saves a new version of the relapse-prevention plan; a stale base version answers 409. */
export function savePreventionPlan(
  clientId: string,
  baseVersion: number,
  sections: PreventionPlanSections,
): Promise<PreventionPlanView> {
  return request<PreventionPlanView>("PUT", `${client(clientId)}/prevention-plan`, {
    baseVersion,
    sections,
  });
}

/** The address of the relapse-prevention plan as a PDF (a download, not a JSON request). */
export function preventionPlanPdfUrl(clientId: string): string {
  return `/api${client(clientId)}/prevention-plan.pdf`;
}

/** The safety plan. */
export function useSafetyPlan(clientId: string) {
  return useQuery({ queryKey: supportKeys.safetyPlan(clientId), queryFn: () => getSafetyPlan(clientId) });
}

/** The relapse-prevention plan. */
export function usePreventionPlan(clientId: string) {
  return useQuery({
    queryKey: supportKeys.preventionPlan(clientId),
    queryFn: () => getPreventionPlan(clientId),
  });
}

// ---------------------------------------------------------------------------------------------
// Outreach log

/** Calls made and received, with weekly counts. */
export function getOutreach(clientId: string): Promise<OutreachLog> {
  return request<OutreachLog>("GET", `${client(clientId)}/outreach`);
}

/** Logs one call (client-made id, so a retry logs it once). */
export function logOutreach(
  clientId: string,
  body: {
    id: string;
    contactId?: string;
    name?: string;
    direction: "made" | "received";
    at: string;
    note?: string;
  },
): Promise<unknown> {
  return request<unknown>("POST", `${client(clientId)}/outreach`, body);
}

/** The outreach log. */
export function useOutreach(clientId: string) {
  return useQuery({ queryKey: supportKeys.outreach(clientId), queryFn: () => getOutreach(clientId) });
}

// ---------------------------------------------------------------------------------------------
// Notifications

/** The signed-in person's notifications, newest first. */
export function listNotifications(): Promise<NotificationView[]> {
  return request<NotificationView[]>("GET", "/notifications");
}

/** Marks one notification read. */
export function markNotificationRead(notificationId: string): Promise<void> {
  return request<void>("POST", `/notifications/${enc(notificationId)}/read`);
}

/** The signed-in person's notifications, checked again every minute while the app is open. */
export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: supportKeys.notifications,
    queryFn: listNotifications,
    enabled,
    refetchInterval: 60_000,
  });
}

/** Marks a notification read and refreshes the list (and the unread count in the header). */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supportKeys.notifications }),
  });
}

// ---------------------------------------------------------------------------------------------
// What linked people see

/**
 * What one person sees of a client: each part is null when it is not shared with them. Same shape as
 * the client's "see what they see" preview, so both screens render it with the same components.
 */
export type SharedViews = Omit<SharedPreview, "grantId" | "granteeName" | "relationship" | "scopes">;

/** A 404 from a shared route means "not shared with you": that part is simply left out. */
async function orNothing<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

/** Asks each shared route once; the server checks the grant's scope on every request. */
export async function getSharedViews(clientId: string): Promise<SharedViews> {
  const base = client(clientId);
  const [profile, summary, checkIns, slips, sosAlerts, journal, preventionPlan, circles] = await Promise.all([
    orNothing(request<{ name: string }>("GET", base)),
    orNothing(request<SharedSummaryView>("GET", `${base}/shared/summary`)),
    orNothing(request<SharedCheckInSummary>("GET", `${base}/shared/check-ins`)),
    orNothing(request<SharedSlips>("GET", `${base}/shared/slips`)),
    orNothing(request<SharedSosAlerts>("GET", `${base}/shared/sos-alerts`)),
    orNothing(request<SharedJournal>("GET", `${base}/shared/journal`)),
    orNothing(request<PreventionPlanView>("GET", `${base}/prevention-plan`)),
    orNothing(request<CirclesView>("GET", `${base}/circles`)),
  ]);
  return {
    profile: profile ? { name: profile.name } : null,
    summary,
    checkIns,
    slips,
    sosAlerts,
    journal,
    preventionPlan,
    circles,
  };
}

/** What the signed-in person may see of a client who shares with them. Always fresh: sharing can end. */
export function useSharedViews(clientId: string) {
  return useQuery({
    queryKey: supportKeys.shared(clientId),
    queryFn: () => getSharedViews(clientId),
    staleTime: 0,
  });
}

/** "See what they see": exactly what one linked person would see now. */
export function getGrantPreview(clientId: string, grantId: string): Promise<SharedPreview> {
  return request<SharedPreview>("GET", `${client(clientId)}/grants/${enc(grantId)}/preview`);
}

/** The preview of one grant, loaded when the client asks for it. */
export function useGrantPreview(clientId: string, grantId: string, enabled: boolean) {
  return useQuery({
    queryKey: supportKeys.preview(clientId, grantId),
    queryFn: () => getGrantPreview(clientId, grantId),
    enabled,
    staleTime: 0,
  });
}

/** For a linked person: who shares with them, by first name, and which kinds of data. */
export function useSharingWithMe() {
  return useQuery({
    queryKey: supportKeys.sharingWithMe,
    queryFn: () => request<SharingWithMe>("GET", "/sharing-with-me"),
  });
}
