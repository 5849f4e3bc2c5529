import type { Role, SharingScope } from "@lantern/domain";

/** How an actor stands to a client's record. Resolved per request; see relationships.ts. */
export type Relationship =
  | "self"
  | "care-team"
  | "break-glass"
  | "programme-admin"
  | "grant"
  // A clinician of the client's programme, whatever their team: only the break-the-glass route allows it.
  | "programme-clinician";

/**
 * What a route requires of its caller. Every route declares one (deny by default: an /api route
 * without a rule fails at start-up).
 * - organisation: the actor holds one of the roles in the programme named by `:organisationId`.
 * - client: the actor stands in one of the allowed relationships to the client named by `:clientId`
 *   (a grant counts only when it includes `scope`). Every decision on a client route is audited.
 */
export type AccessRule =
  | { kind: "public"; why: string }
  | { kind: "signed-in" }
  | { kind: "role"; roles: readonly Role[] }
  | { kind: "organisation"; roles: readonly Role[] }
  | {
      kind: "client";
      record: string;
      action: "read" | "write";
      allow: readonly Relationship[];
      scope?: SharingScope;
    };

export const publicRoute = (why: string): AccessRule => ({ kind: "public", why });
export const signedIn: AccessRule = { kind: "signed-in" };
export const anyOf = (...roles: Role[]): AccessRule => ({ kind: "role", roles });
export const inOrganisation = (...roles: Role[]): AccessRule => ({ kind: "organisation", roles });
export const clientRecord = (
  record: string,
  action: "read" | "write",
  allow: readonly Relationship[],
  scope?: SharingScope,
): AccessRule => ({ kind: "client", record, action, allow, ...(scope ? { scope } : {}) });

declare module "fastify" {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
