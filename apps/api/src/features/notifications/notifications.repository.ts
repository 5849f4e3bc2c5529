import type { Executor } from "../../db/executor.js";

/** Adds in-app notifications. */
export async function insertNotifications(
  db: Executor,
  rows: {
    id: string;
    user_id: string;
    kind: string;
    client_id: string | null;
    subject_id: string | null;
    created_at: Date;
  }[],
): Promise<void> {
  if (rows.length > 0)
    await db
      .insertInto("notifications")
      .values(rows.map((r) => ({ ...r, read_at: null })))
      .execute();
}

/** A person's notifications, newest first, with the name of the client each is about. */
export async function notificationsOf(db: Executor, userId: string, limit: number) {
  return db
    .selectFrom("notifications")
    .leftJoin("clients", "clients.id", "notifications.client_id")
    .leftJoin("users as client_user", "client_user.id", "clients.user_id")
    .selectAll("notifications")
    .select("client_user.name as client_name")
    .where("notifications.user_id", "=", userId)
    .orderBy("notifications.created_at", "desc")
    .orderBy("notifications.id", "desc")
    .limit(limit)
    .execute();
}

/** Marks one of the person's notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(db: Executor, userId: string, id: string, now: Date) {
  const row = await db
    .selectFrom("notifications")
    .select(["id", "read_at"])
    .where("id", "=", id)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (!row) return false;
  if (row.read_at === null)
    await db
      .updateTable("notifications")
      .set({ read_at: now })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .execute();
  return true;
}

/** Clients on which the person holds a live grant including a scope. */
export async function clientsSharingScopeWith(db: Executor, userId: string) {
  return db
    .selectFrom("grants")
    .select(["client_id", "scopes"])
    .where("grantee_user_id", "=", userId)
    .where("revoked_at", "is", null)
    .execute();
}
