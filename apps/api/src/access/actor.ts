import type { Membership } from "@lantern/domain";

/** The signed-in person making a request, with every role they hold. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  sessionId: string;
  memberships: Membership[];
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by the access hook for routes that need a signed-in caller; null otherwise. */
    actor: Actor | null;
  }
}
