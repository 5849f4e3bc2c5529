import type { Insertable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { CircleCommentsTable, CircleItemsTable, CircleVersionsTable } from "../../db/schema.js";

/** The client's latest circles version number (0 before the first save). */
export async function currentCircleVersion(db: Executor, clientId: string): Promise<number> {
  const row = await db
    .selectFrom("circle_versions")
    .select((eb) => eb.fn.max("version").as("version"))
    .where("client_id", "=", clientId)
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

/** The items in the current version, in the client's order. */
export async function currentCircleItems(db: Executor, clientId: string) {
  return db
    .selectFrom("circle_items")
    .select(["id", "circle", "text", "position"])
    .where("client_id", "=", clientId)
    .where("removed_in_version", "is", null)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** Every item the client ever had, for the history. */
export async function allCircleItems(db: Executor, clientId: string) {
  return db
    .selectFrom("circle_items")
    .select(["id", "circle", "text", "position", "added_in_version", "removed_in_version"])
    .where("client_id", "=", clientId)
    .orderBy("position")
    .orderBy("id")
    .execute();
}

/** Every version, newest first, with the author's name. */
export async function circleVersionsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("circle_versions")
    .innerJoin("users", "users.id", "circle_versions.created_by_user_id")
    .select([
      "circle_versions.version",
      "circle_versions.created_at",
      "circle_versions.created_by_role",
      "circle_versions.note",
      "users.name as created_by_name",
    ])
    .where("circle_versions.client_id", "=", clientId)
    .orderBy("circle_versions.version", "desc")
    .execute();
}

/** Every comment on the client's circles, oldest first, with the author's name. */
export async function circleCommentsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("circle_comments")
    .innerJoin("users", "users.id", "circle_comments.author_user_id")
    .select([
      "circle_comments.id",
      "circle_comments.version",
      "circle_comments.author_role",
      "circle_comments.body",
      "circle_comments.created_at",
      "users.name as author_name",
    ])
    .where("circle_comments.client_id", "=", clientId)
    .orderBy("circle_comments.created_at")
    .orderBy("circle_comments.id")
    .execute();
}

/** Records a new version (unique per client and number, so a racing save fails here). */
export async function insertCircleVersion(db: Executor, row: Insertable<CircleVersionsTable>): Promise<void> {
  await db.insertInto("circle_versions").values(row).execute();
}

/** Adds items to the circles. */
export async function insertCircleItems(db: Executor, rows: Insertable<CircleItemsTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto("circle_items").values(rows).execute();
}

/** Marks items as removed in a version (they stay for the history and old check-ins). */
export async function removeCircleItems(db: Executor, clientId: string, ids: string[], version: number) {
  if (ids.length === 0) return;
  await db
    .updateTable("circle_items")
    .set({ removed_in_version: version })
    .where("client_id", "=", clientId)
    .where("id", "in", ids)
    .execute();
}

/** Moves a current item in the list, or changes its spacing only. */
export async function updateCircleItem(
  db: Executor,
  clientId: string,
  id: string,
  position: number,
  text: string,
) {
  await db
    .updateTable("circle_items")
    .set({ position, text })
    .where("client_id", "=", clientId)
    .where("id", "=", id)
    .execute();
}

/** Adds a comment. */
export async function insertCircleComment(db: Executor, row: Insertable<CircleCommentsTable>): Promise<void> {
  await db.insertInto("circle_comments").values(row).execute();
}
