import type { Executor } from "../../db/executor.js";

/** Gives a linked person a set of scopes on a client's record. */
export async function insertGrant(
  db: Executor,
  g: {
    id: string;
    clientId: string;
    granteeUserId: string;
    relationship: string;
    scopes: string[];
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto("grants")
    .values({
      id: g.id,
      client_id: g.clientId,
      grantee_user_id: g.granteeUserId,
      relationship: g.relationship,
      scopes: JSON.stringify(g.scopes),
      created_at: g.now,
      revoked_at: null,
    })
    .execute();
}

/** A client's grants that are still in force, with the grantee's name. */
export async function activeGrantsOf(db: Executor, clientId: string) {
  return db
    .selectFrom("grants")
    .innerJoin("users", "users.id", "grants.grantee_user_id")
    .select(["grants.id", "users.name", "grants.relationship", "grants.scopes", "grants.created_at"])
    .where("grants.client_id", "=", clientId)
    .where("grants.revoked_at", "is", null)
    .orderBy("grants.created_at")
    .execute();
}

/** Changes the scopes of a grant in force; returns whether it existed for this client. */
export async function updateGrantScopes(db: Executor, clientId: string, grantId: string, scopes: string[]) {
  const result = await db
    .updateTable("grants")
    .set({ scopes: JSON.stringify(scopes) })
    .where("id", "=", grantId)
    .where("client_id", "=", clientId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes a grant; it stops working on the very next request. */
export async function revokeGrant(db: Executor, clientId: string, grantId: string, now: Date) {
  const result = await db
    .updateTable("grants")
    .set({ revoked_at: now })
    .where("id", "=", grantId)
    .where("client_id", "=", clientId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
