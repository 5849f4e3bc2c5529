import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { request } from "./client";

// Shapes mirror AuditEventView in packages/domain/src/identity.ts and the break-glass list route.

/** One event of the audit log. */
export interface AuditEvent {
  seq: number;
  at: string;
  actorName: string | null;
  /** How the actor stood to the record: care-team, break-glass, programme-admin, grant, none (refused)… */
  actorRole: string | null;
  clientId: string | null;
  recordType: string;
  recordId: string | null;
  action: string;
  outcome: "allowed" | "denied";
}

/** One break-the-glass access in the programme. */
export interface BreakGlassAccess {
  id: string;
  clientId: string;
  clientName: string;
  clinicianName: string;
  reason: string;
  createdAt: string;
  expiresAt: string;
}

/** Filters for the admin's search of the programme's log. */
export interface AuditFilters {
  clientId?: string;
  actorUserId?: string;
  action?: string;
  outcome?: "allowed" | "denied";
}

/** How many events each page asks for. */
export const auditPageSize = 50;

const enc = encodeURIComponent;

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) params.set(key, String(value));
  return params.toString();
}

/** Searches the programme's audit log, newest first; `before` is the seq to page back from. */
export function searchAudit(
  organisationId: string,
  filters: AuditFilters,
  before?: number,
): Promise<AuditEvent[]> {
  const q = query({ ...filters, before, limit: auditPageSize });
  return request<AuditEvent[]>("GET", `/organisations/${enc(organisationId)}/audit?${q}`);
}

/** Every break-the-glass access in the programme, newest first. */
export function listBreakGlass(organisationId: string): Promise<BreakGlassAccess[]> {
  return request<BreakGlassAccess[]>("GET", `/organisations/${enc(organisationId)}/break-glass`);
}

/** Who opened or changed the client's record (other people only), newest first. */
export function listAccessLog(clientId: string, before?: number): Promise<AuditEvent[]> {
  const q = query({ before, limit: auditPageSize });
  return request<AuditEvent[]>("GET", `/clients/${enc(clientId)}/access-log?${q}`);
}

export const auditKeys = {
  search: (organisationId: string, filters: AuditFilters) => ["audit", organisationId, filters] as const,
  breakGlass: (organisationId: string) => ["break-glass", organisationId] as const,
  accessLog: (clientId: string) => ["access-log", clientId] as const,
};

/** The admin's search, a page at a time ("Load older" asks for the next page). */
export function useAuditSearch(organisationId: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.search(organisationId, filters),
    queryFn: ({ pageParam }) => searchAudit(organisationId, filters, pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => (last.length < auditPageSize ? undefined : last.at(-1)?.seq),
  });
}

/** The programme's break-the-glass accesses. */
export function useBreakGlassList(organisationId: string) {
  return useQuery({
    queryKey: auditKeys.breakGlass(organisationId),
    queryFn: () => listBreakGlass(organisationId),
  });
}

/**
 * The client's "who has looked" list, a page at a time. The server leaves out the client's own
 * actions after reading a page, so a short page does not mean the end; an empty one does.
 */
export function useAccessLog(clientId: string | undefined) {
  return useInfiniteQuery({
    queryKey: auditKeys.accessLog(clientId ?? ""),
    queryFn: ({ pageParam }) => listAccessLog(clientId ?? "", pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.at(-1)?.seq,
    enabled: Boolean(clientId),
  });
}
