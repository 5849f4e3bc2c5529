import type { SharingScope } from "@lantern/domain";
import type { Actor } from "./actor.js";
import type { AccessRule, Relationship } from "./rules.js";

/** What the choke point knows about the client a request names. */
export interface ClientFacts {
  exists: boolean;
  organisationId: string | null;
  relationships: ReadonlySet<Relationship>;
  grantScopes: readonly SharingScope[];
}

/** The record a request names, as far as the rule needs it. */
export interface Target {
  organisationId?: string | undefined;
  client?: ClientFacts;
}

export type Decision = { allow: true; via?: Relationship } | { allow: false; status: 401 | 404 };

/**
 * The one function that decides access. Pure: the hook gathers actor and facts, this answers.
 * Unknown rule kinds deny. Not entitled answers 404, so a record's existence tells the caller nothing.
 */
export function decide(rule: AccessRule, actor: Actor | null, target: Target = {}): Decision {
  if (rule.kind === "public") return { allow: true };
  if (!actor) return { allow: false, status: 401 };
  switch (rule.kind) {
    case "signed-in":
      return { allow: true };
    case "role":
      return actor.memberships.some((m) => rule.roles.includes(m.role)) ? { allow: true } : deny;
    case "organisation":
      return target.organisationId &&
        actor.memberships.some(
          (m) => m.organisationId === target.organisationId && rule.roles.includes(m.role),
        )
        ? { allow: true }
        : deny;
    case "client": {
      const client = target.client;
      if (!client?.exists) return deny;
      for (const relationship of rule.allow) {
        if (!client.relationships.has(relationship)) continue;
        if (relationship === "grant" && !(rule.scope && client.grantScopes.includes(rule.scope))) continue;
        return { allow: true, via: relationship };
      }
      return deny;
    }
    default:
      return deny;
  }
}

const deny: Decision = { allow: false, status: 404 };
