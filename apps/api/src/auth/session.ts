import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../access/actor.js";
import type { Db } from "../db/dialect.js";
import { membershipsOf } from "../features/accounts/accounts.service.js";
import { type Auth, clientIpHeader } from "./auth.js";

/** The request's headers as a Fetch Headers object, with the caller's address for better-auth. */
export function toFetchHeaders(request: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === clientIpHeader || value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, String(value));
  }
  headers.set(clientIpHeader, request.ip);
  return headers;
}

/** Copies better-auth's Set-Cookie headers onto the Fastify reply. */
export function forwardCookies(from: Response, reply: FastifyReply): void {
  const cookies = from.headers.getSetCookie();
  if (cookies.length > 0) reply.header("set-cookie", cookies);
}

/** Builds the actor loader the access hook uses: the session cookie, checked by better-auth. */
export function sessionActorLoader(auth: Auth, db: Db) {
  return async (request: FastifyRequest): Promise<Actor | null> => {
    const found = await auth.api.getSession({ headers: toFetchHeaders(request) });
    if (!found) return null;
    return {
      userId: found.user.id,
      name: found.user.name,
      email: found.user.email,
      sessionId: found.session.id,
      memberships: await membershipsOf(db.kysely, found.user.id),
    };
  };
}
