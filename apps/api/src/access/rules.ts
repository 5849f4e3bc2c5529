import type { Role } from "@lantern/domain";

/**
 * What a route requires of its caller. Every route declares one (deny by default: a route without a
 * rule fails at start-up). The identity work adds rules that relate the actor to a client record.
 */
export type AccessRule =
  | { kind: "public"; why: string }
  | { kind: "signed-in" }
  | { kind: "role"; roles: readonly Role[] };

export const publicRoute = (why: string): AccessRule => ({ kind: "public", why });
export const signedIn: AccessRule = { kind: "signed-in" };
export const anyOf = (...roles: Role[]): AccessRule => ({ kind: "role", roles });

declare module "fastify" {
  interface FastifyContextConfig {
    access?: AccessRule;
  }
}
