import type { Membership, Role, SessionInfo } from "@lantern/domain";

/** The person's memberships with one of the roles, in the order the session lists them. */
export function membershipsWith(session: SessionInfo | null | undefined, ...roles: Role[]): Membership[] {
  return session?.memberships.filter((m) => roles.includes(m.role)) ?? [];
}

/** The membership with one of the roles in the named programme, if the person holds one. */
export function membershipIn(
  session: SessionInfo | null | undefined,
  organisationId: string | undefined,
  ...roles: Role[]
): Membership | undefined {
  if (!organisationId) return undefined;
  return membershipsWith(session, ...roles).find((m) => m.organisationId === organisationId);
}

/** The programme's name for headings, or a neutral phrase when it has none. */
export function programmeName(membership: Membership | undefined): string {
  return membership?.organisationName ?? "your programme";
}
