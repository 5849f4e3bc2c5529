import type { LinkedRelationship, SessionInfo, SharingScope } from "@lantern/domain";
import { useQuery } from "@tanstack/react-query";
import { request } from "./client";
import { useSession } from "./queries";

// Shapes mirror the zod contracts in packages/domain/src/identity.ts. They are written out here as
// plain types so the web bundle never pulls zod in for a type.

/** A client as the API shows them: name, programme and care team. */
export interface ClientSummary {
  id: string;
  name: string;
  organisationId: string | null;
  careTeam: { userId: string; name: string }[];
  /** True on the signed-in person's own record. */
  isSelf: boolean;
  /** On a single client: how the caller may see it; emergency access says when it ends. */
  access?: { via: string; expiresAt: string | null };
}

/** One entry of the programme's client directory (ids and names only, for emergency access). */
export interface DirectoryEntry {
  id: string;
  name: string;
}

/** A member of the programme's staff, as the admin's staff list shows them. */
export interface StaffMember {
  userId: string;
  name: string;
  email: string;
  role: "programme_admin" | "clinician";
}

/** Someone the client shares with, and what they may see. */
export interface GrantSummary {
  id: string;
  granteeName: string;
  relationship: LinkedRelationship;
  scopes: SharingScope[];
  createdAt: string;
}

/** A break-the-glass access that was just opened. */
export interface BreakGlassOpened {
  id: string;
  expiresAt: string;
}

/** Query keys for client records, care teams, staff and sharing. */
export const clientKeys = {
  all: ["clients"] as const,
  one: (clientId: string) => ["clients", clientId] as const,
  grants: (clientId: string) => ["grants", clientId] as const,
  staff: (organisationId: string) => ["staff", organisationId] as const,
  directory: (organisationId: string, q: string) => ["client-directory", organisationId, q] as const,
  /** When an emergency access opened in this session ends (kept only in memory). */
  emergencyUntil: (clientId: string) => ["emergency-until", clientId] as const,
};

const enc = encodeURIComponent;

/** Exactly the clients the signed-in person may see. */
export function listClients(): Promise<ClientSummary[]> {
  return request<ClientSummary[]>("GET", "/clients");
}

/** One client; 404 when the caller may not see them (or they do not exist). */
export function getClient(clientId: string): Promise<ClientSummary> {
  return request<ClientSummary>("GET", `/clients/${enc(clientId)}`);
}

/** Puts a clinician of the programme on the client's care team (programme admin). */
export function addToCareTeam(clientId: string, clinicianUserId: string): Promise<void> {
  return request<void>("PUT", `/clients/${enc(clientId)}/care-team/${enc(clinicianUserId)}`);
}

/** Takes a clinician off the client's care team (programme admin). */
export function removeFromCareTeam(clientId: string, clinicianUserId: string): Promise<void> {
  return request<void>("DELETE", `/clients/${enc(clientId)}/care-team/${enc(clinicianUserId)}`);
}

/** Opens a reasoned, time-limited emergency access to a client outside the caller's care team. */
export function breakTheGlass(clientId: string, reason: string): Promise<BreakGlassOpened> {
  return request<BreakGlassOpened>("POST", `/clients/${enc(clientId)}/break-glass`, { reason });
}

/** Finds clients of the programme by name (at least two letters). Each search is audited. */
export function searchDirectory(organisationId: string, q: string): Promise<DirectoryEntry[]> {
  const query = new URLSearchParams({ q });
  return request<DirectoryEntry[]>("GET", `/organisations/${enc(organisationId)}/client-directory?${query}`);
}

/** The programme's admins and clinicians (programme admin). */
export function listStaff(organisationId: string): Promise<StaffMember[]> {
  return request<StaffMember[]>("GET", `/organisations/${enc(organisationId)}/staff`);
}

/** Who the client shares with. */
export function listGrants(clientId: string): Promise<GrantSummary[]> {
  return request<GrantSummary[]>("GET", `/clients/${enc(clientId)}/grants`);
}

/** Changes what one linked person may see. */
export function updateGrant(clientId: string, grantId: string, scopes: SharingScope[]): Promise<void> {
  return request<void>("PATCH", `/clients/${enc(clientId)}/grants/${enc(grantId)}`, { scopes });
}

/** Stops sharing with one linked person, at once. */
export function endGrant(clientId: string, grantId: string): Promise<void> {
  return request<void>("DELETE", `/clients/${enc(clientId)}/grants/${enc(grantId)}`);
}

/** The clients the signed-in person may see. */
export function useClients(enabled = true) {
  return useQuery({ queryKey: clientKeys.all, queryFn: listClients, enabled });
}

/** One client record. */
export function useClient(clientId: string) {
  return useQuery({ queryKey: clientKeys.one(clientId), queryFn: () => getClient(clientId) });
}

/** The programme's staff. */
export function useStaff(organisationId: string) {
  return useQuery({ queryKey: clientKeys.staff(organisationId), queryFn: () => listStaff(organisationId) });
}

/** The client's grants. */
export function useGrants(clientId: string | undefined) {
  return useQuery({
    queryKey: clientKeys.grants(clientId ?? ""),
    queryFn: () => listGrants(clientId ?? ""),
    enabled: Boolean(clientId),
  });
}

/**
 * The signed-in person's own client record. The API lists every client the caller may see, which for
 * a person who is only a client is their own record. Someone who also sees other records (as staff,
 * or through sharing) is matched by programme and then by name.
 */
export function ownClientRecord(session: SessionInfo, clients: ClientSummary[]): ClientSummary | undefined {
  const own = clients.find((c) => c.isSelf);
  if (own) return own;
  const programmes = new Set(
    session.memberships.filter((m) => m.role === "client").map((m) => m.organisationId ?? null),
  );
  const candidates = clients.filter((c) => programmes.has(c.organisationId));
  if (candidates.length <= 1) return candidates[0];
  return candidates.find((c) => c.name === session.user.name) ?? candidates[0];
}

/** The signed-in person's own client record, once the session and the client list are known. */
export function useOwnClientRecord() {
  const session = useSession();
  const clients = useClients(Boolean(session.data));
  const record = session.data && clients.data ? ownClientRecord(session.data, clients.data) : undefined;
  return { record, clients };
}
