import type { Executor } from "../../db/executor.js";

/** The columns Lantern adds to better-auth's session, with its start. */
export async function findSessionState(db: Executor, sessionId: string) {
  return db
    .selectFrom("sessions")
    .select(["id", "user_id", "created_at", "last_active_at", "two_factor_verified_at"])
    .where("id", "=", sessionId)
    .executeTakeFirst();
}

/** Records activity on a session. */
export async function touchSession(db: Executor, sessionId: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_active_at: now }).where("id", "=", sessionId).execute();
}

/** Marks the session with this token as having passed the second factor. */
export async function markSecondFactor(db: Executor, token: string, now: Date): Promise<number> {
  const result = await db
    .updateTable("sessions")
    .set({ two_factor_verified_at: now, last_active_at: now })
    .where("token", "=", token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Every unexpired session of a user, newest first. */
export async function listUserSessions(db: Executor, userId: string, now: Date) {
  return db
    .selectFrom("sessions")
    .select(["id", "created_at", "last_active_at", "ip_address", "user_agent"])
    .where("user_id", "=", userId)
    .where("expires_at", ">", now)
    .orderBy("created_at", "desc")
    .execute();
}

/** Deletes one session of a user; returns how many rows went (0 when it is not theirs). */
export async function deleteUserSession(db: Executor, userId: string, sessionId: string): Promise<number> {
  const result = await db
    .deleteFrom("sessions")
    .where("id", "=", sessionId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Deletes a session by id. */
export async function deleteSession(db: Executor, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Deletes every session of a user, in one statement. */
export async function deleteAllUserSessions(db: Executor, userId: string): Promise<number> {
  const result = await db.deleteFrom("sessions").where("user_id", "=", userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}
