import type { Insertable } from "kysely";
import type { Executor } from "../../db/executor.js";
import type { InvitationsTable } from "../../db/schema.js";

/** Stores an invitation (only the hash of its token). */
export async function insertInvitation(
  db: Executor,
  invitation: Insertable<InvitationsTable>,
): Promise<void> {
  await db.insertInto("invitations").values(invitation).execute();
}

/** The invitation with this token hash, with the inviter's and programme's names. */
export async function findByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom("invitations")
    .innerJoin("users as inviter", "inviter.id", "invitations.invited_by_user_id")
    .leftJoin("organisations", "organisations.id", "invitations.organisation_id")
    .selectAll("invitations")
    .select([
      "inviter.name as inviter_name",
      "organisations.name as organisation_name",
      "organisations.time_zone",
    ])
    .where("invitations.token_hash", "=", tokenHash)
    .executeTakeFirst();
}

/** One invitation by id. */
export async function findById(db: Executor, id: string) {
  return db.selectFrom("invitations").selectAll().where("id", "=", id).executeTakeFirst();
}

/** A programme's invitations, newest first; optionally only those one person sent. */
export async function listForOrganisation(db: Executor, organisationId: string, invitedBy?: string) {
  let q = db.selectFrom("invitations").selectAll().where("organisation_id", "=", organisationId);
  if (invitedBy) q = q.where("invited_by_user_id", "=", invitedBy);
  return q.orderBy("created_at", "desc").limit(200).execute();
}

/** Marks a pending invitation accepted; false when someone else got there first or it was revoked. */
export async function markAccepted(db: Executor, id: string, userId: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ accepted_at: now, accepted_by_user_id: userId })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Revokes a pending invitation; false when it was not pending. */
export async function markRevoked(db: Executor, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("invitations")
    .set({ revoked_at: now })
    .where("id", "=", id)
    .where("accepted_at", "is", null)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
