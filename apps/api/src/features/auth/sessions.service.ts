import { isStaffRole, type SessionSummary } from "@lantern/domain";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../access/actor.js";
import { forwardCookies, toFetchHeaders } from "../../auth/session.js";
import { isStaffSessionOver } from "../../auth/session-policy.js";
import { toIso } from "../../db/schema.js";
import { HttpProblem } from "../../http/problem.js";
import type { AuthDeps } from "./auth-deps.js";
import { deleteAllUserSessions, deleteUserSession, listUserSessions } from "./sessions.repository.js";

/**
 * Where the person is signed in, including a sign-in still waiting for its second factor (someone
 * who knows the password). Staff sessions past their idle or absolute limit are left out: they end
 * on their next use anyway.
 */
export async function listSessions(
  deps: AuthDeps,
  actor: Actor,
  now = new Date(),
): Promise<SessionSummary[]> {
  const staff = actor.memberships.some((m) => isStaffRole(m.role));
  const rows = await listUserSessions(deps.db.kysely, actor.userId, now);
  return rows
    .map((row) => {
      const createdAt = toIso(row.created_at);
      const lastActiveAt = row.last_active_at === null ? createdAt : toIso(row.last_active_at);
      return { row, createdAt, lastActiveAt };
    })
    .filter(
      ({ row, createdAt, lastActiveAt }) =>
        row.id === actor.sessionId ||
        !staff ||
        !isStaffSessionOver({ createdAt: new Date(createdAt), lastActiveAt: new Date(lastActiveAt) }, now),
    )
    .map(({ row, createdAt, lastActiveAt }) => ({
      id: row.id,
      createdAt,
      lastActiveAt,
      ipAddress: row.ip_address || null,
      userAgent: row.user_agent || null,
      current: row.id === actor.sessionId,
    }));
}

/** Clears this browser's session cookies (the session row is already gone or going). */
async function clearCookies(deps: AuthDeps, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const response = await deps.auth.api.signOut({ headers: toFetchHeaders(request), asResponse: true });
  forwardCookies(response, reply);
}

/** Ends one of the person's sessions; ending the current one signs this browser out. */
export async function endSession(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
  sessionId: string,
): Promise<void> {
  const deleted = await deleteUserSession(deps.db.kysely, actor.userId, sessionId);
  // Someone else's session, or one that has ended, is simply not found.
  if (deleted === 0) throw new HttpProblem(404, "notFound", "Not found.");
  if (sessionId === actor.sessionId) await clearCookies(deps, request, reply);
}

/** Ends every session of the person, this one included, in one statement. */
export async function signOutEverywhere(
  deps: AuthDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  actor: Actor,
): Promise<number> {
  const ended = await deleteAllUserSessions(deps.db.kysely, actor.userId);
  await clearCookies(deps, request, reply);
  return ended;
}
