import type { Actor } from "./actor.js";
import type { AccessRule } from "./rules.js";

export type Decision = { allow: true } | { allow: false; status: 401 | 404 };

/**
 * The one function that decides access. Pure: the hook gathers the actor, this answers. Unknown
 * rule kinds deny. A caller without the role gets 404, so a route's existence tells them nothing.
 */
export function decide(rule: AccessRule, actor: Actor | null): Decision {
  switch (rule.kind) {
    case "public":
      return { allow: true };
    case "signed-in":
      return actor ? { allow: true } : { allow: false, status: 401 };
    case "role":
      if (!actor) return { allow: false, status: 401 };
      return actor.memberships.some((m) => rule.roles.includes(m.role))
        ? { allow: true }
        : { allow: false, status: 404 };
    default:
      return { allow: false, status: 404 };
  }
}
