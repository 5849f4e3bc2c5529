import { isStaffRole } from "@lantern/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../access/actor.js";
import type { Db } from "../db/dialect.js";
import { toIso } from "../db/schema.js";
import { membershipsOf } from "../features/accounts/accounts.service.js";
import { deleteSession, findSessionState, touchSession } from "../features/auth/sessions.repository.js";
import { type Auth, clientIpHeader } from "./auth.js";
import { activityIsStale, isStaffSessionOver, type SessionTimes } from "./session-policy.js";

declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * The route belongs to two-factor enrolment: a staff session that has not yet passed a second
     * factor may use it. Every other route treats such a session as signed out.
     */
    twoFactorEnrolment?: boolean;
  }
}

/** What the actor loader learnt about the request's session, for the auth routes. */
export interface SessionState {
  sessionId: string;
  userId: string;
  email: string;
  /** The person holds a staff role and this session has not passed a second factor yet. */
  awaitingSecondFactor: boolean;
  twoFactorEnabled: boolean;
}

const sessionStates = new WeakMap<FastifyRequest, SessionState>();

/** The session state the actor loader found for this request, if any. */
export function sessionStateOf(request: FastifyRequest): SessionState | undefined {
  return sessionStates.get(request);
}

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

/** Copies better-auth's Set-Cookie headers onto the Fastify reply (after any already set there). */
export function forwardCookies(from: Response, reply: FastifyReply): void {
  const cookies = from.headers.getSetCookie();
  if (cookies.length === 0) return;
  const existing = reply.getHeader("set-cookie");
  const before =
    existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  reply.header("set-cookie", [...before, ...cookies]);
}

/**
 * The request's headers with the cookies a better-auth response just set, so a follow-up call acts
 * on the new session (the browser would send them next time; the server needs them now).
 */
export function headersWithCookiesFrom(request: FastifyRequest, from: Response): Headers {
  const headers = toFetchHeaders(request);
  const jar = new Map<string, string>();
  for (const pair of (headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  for (const cookie of from.headers.getSetCookie()) {
    const first = cookie.split(";")[0] ?? "";
    const at = first.indexOf("=");
    if (at <= 0) continue;
    const name = first.slice(0, at).trim();
    const expired = /;\s*max-age=0\b/i.test(cookie) || first.slice(at + 1) === "";
    if (expired) jar.delete(name);
    else jar.set(name, first.slice(at + 1));
  }
  headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
  return headers;
}

/** The session token inside the session cookie a better-auth response set (the part before the signature). */
export function sessionTokenFrom(from: Response): string | null {
  for (const cookie of from.headers.getSetCookie()) {
    const match = /^(?:__Secure-)?lantern\.session_token=([^;]+)/.exec(cookie);
    if (!match?.[1]) continue;
    const signed = decodeURIComponent(match[1]);
    const dot = signed.lastIndexOf(".");
    if (dot > 0) return signed.slice(0, dot);
  }
  return null;
}

function timesOf(row: { created_at: Date | string; last_active_at: Date | string | null }): SessionTimes {
  return {
    createdAt: new Date(toIso(row.created_at)),
    lastActiveAt: row.last_active_at === null ? null : new Date(toIso(row.last_active_at)),
  };
}

/**
 * Builds the actor loader the access hook uses: the session cookie, checked by better-auth, then
 * Lantern's own limits. A staff session that has been idle for 15 minutes or has lasted 12 hours is
 * deleted. A staff session that has not passed a second factor counts as signed out everywhere but
 * on the enrolment routes. The answer is computed once per request.
 */
export function sessionActorLoader(auth: Auth, db: Db) {
  const loaded = new WeakMap<FastifyRequest, Promise<Actor | null>>();

  async function load(request: FastifyRequest): Promise<Actor | null> {
    const found = await auth.api.getSession({ headers: toFetchHeaders(request) });
    if (!found) return null;
    const row = await findSessionState(db.kysely, found.session.id);
    if (!row) return null;
    const memberships = await membershipsOf(db.kysely, found.user.id);
    const staff = memberships.some((m) => isStaffRole(m.role));
    const now = new Date();
    const times = timesOf(row);
    if (staff && isStaffSessionOver(times, now)) {
      await deleteSession(db.kysely, row.id);
      return null;
    }
    const awaitingSecondFactor = staff && row.two_factor_verified_at === null;
    sessionStates.set(request, {
      sessionId: row.id,
      userId: found.user.id,
      email: found.user.email,
      awaitingSecondFactor,
      twoFactorEnabled: Boolean((found.user as { twoFactorEnabled?: boolean | null }).twoFactorEnabled),
    });
    if (awaitingSecondFactor && !request.routeOptions.config.twoFactorEnrolment) return null;
    if (activityIsStale(times, now)) await touchSession(db.kysely, row.id, now);
    return {
      userId: found.user.id,
      name: found.user.name,
      email: found.user.email,
      sessionId: found.session.id,
      memberships,
    };
  }

  return (request: FastifyRequest): Promise<Actor | null> => {
    let actor = loaded.get(request);
    if (!actor) {
      actor = load(request);
      loaded.set(request, actor);
    }
    return actor;
  };
}
