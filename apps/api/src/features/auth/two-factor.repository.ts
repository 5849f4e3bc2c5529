import type { Executor } from "../../db/executor.js";

/** The user's two-factor row (encrypted secret), if any. */
export async function findTwoFactor(db: Executor, userId: string) {
  return db
    .selectFrom("two_factors")
    .select(["id", "verified"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}

/** The user's email and whether two-factor sign-in is on. */
export async function findUserForAuth(db: Executor, userId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "two_factor_enabled"])
    .where("id", "=", userId)
    .executeTakeFirst();
}

/**
 * Claims an authenticator code for a user. False when the same code was accepted since `since`,
 * so a code overheard or replayed within its validity window does not work a second time.
 */
export async function claimCode(
  db: Executor,
  userId: string,
  codeHash: string,
  now: Date,
  since: Date,
): Promise<boolean> {
  const result = await db
    .insertInto("two_factor_used_codes")
    .values({ user_id: userId, code_hash: codeHash, used_at: now })
    .onConflict((oc) =>
      oc
        .columns(["user_id", "code_hash"])
        .doUpdateSet({ used_at: now })
        .where("two_factor_used_codes.used_at", "<", since),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Gives back a claim (the code turned out to be wrong) and forgets claims older than `since`. */
export async function releaseCode(db: Executor, userId: string, codeHash: string, now: Date): Promise<void> {
  await db
    .deleteFrom("two_factor_used_codes")
    .where("user_id", "=", userId)
    .where("code_hash", "=", codeHash)
    .where("used_at", "=", now)
    .execute();
}

/** Forgets claims older than `since` for a user. */
export async function pruneCodes(db: Executor, userId: string, since: Date): Promise<void> {
  await db
    .deleteFrom("two_factor_used_codes")
    .where("user_id", "=", userId)
    .where("used_at", "<", since)
    .execute();
}
