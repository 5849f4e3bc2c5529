import { SharingScope } from "@lantern/domain";
import type { Executor } from "../db/executor.js";
import type { Actor } from "./actor.js";
import type { ClientFacts } from "./decide.js";
import type { Relationship } from "./rules.js";

const nobody: ClientFacts = {
  exists: false,
  organisationId: null,
  relationships: new Set(),
  grantScopes: [],
};

/** Parses a stored JSON list of scopes, keeping only scopes this version knows. */
export function parseScopes(stored: string): SharingScope[] {
  try {
    const list: unknown = JSON.parse(stored);
    return Array.isArray(list)
      ? list.flatMap((s) => (SharingScope.safeParse(s).success ? [s as SharingScope] : []))
      : [];
  } catch {
    return [];
  }
}

/**
 * Works out how the actor stands to a client: the client themself, a clinician of the client's
 * programme on the care team or with an unexpired break-the-glass, the programme's admin, or a
 * person holding an unrevoked grant. Roles are re-checked against current memberships, so a
 * clinician who left the programme loses access at once.
 */
export async function resolveClientFacts(
  db: Executor,
  actor: Actor,
  clientId: string,
  now = new Date(),
): Promise<ClientFacts> {
  const client = await db
    .selectFrom("clients")
    .select(["organisation_id", "user_id"])
    .where("id", "=", clientId)
    .executeTakeFirst();
  if (!client) return nobody;
  const relationships = new Set<Relationship>();
  const inProgramme = (role: string) =>
    client.organisation_id !== null &&
    actor.memberships.some((m) => m.organisationId === client.organisation_id && m.role === role);

  if (client.user_id === actor.userId) relationships.add("self");
  if (inProgramme("programme_admin")) relationships.add("programme-admin");
  if (inProgramme("clinician")) {
    relationships.add("programme-clinician");
    const onTeam = await db
      .selectFrom("care_team_members")
      .select("client_id")
      .where("client_id", "=", clientId)
      .where("clinician_user_id", "=", actor.userId)
      .executeTakeFirst();
    if (onTeam) relationships.add("care-team");
    const glass = await db
      .selectFrom("break_glass")
      .select("id")
      .where("client_id", "=", clientId)
      .where("clinician_user_id", "=", actor.userId)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (glass) relationships.add("break-glass");
  }
  const grants = await db
    .selectFrom("grants")
    .select("scopes")
    .where("client_id", "=", clientId)
    .where("grantee_user_id", "=", actor.userId)
    .where("revoked_at", "is", null)
    .execute();
  const grantScopes = [...new Set(grants.flatMap((g) => parseScopes(g.scopes)))];
  if (grants.length > 0) relationships.add("grant");
  return { exists: true, organisationId: client.organisation_id, relationships, grantScopes };
}
