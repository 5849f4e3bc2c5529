import type { Role } from "@lantern/domain";
import type { Executor } from "../../db/executor.js";

export interface NewPasswordUser {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
  now: Date;
}

/**
 * Inserts a user and the credential account better-auth signs them in with (provider "credential",
 * account id = user id, as better-auth's own sign-up writes it).
 */
export async function insertPasswordUser(
  db: Executor,
  user: NewPasswordUser,
  accountId: string,
): Promise<void> {
  await db
    .insertInto("users")
    .values({
      id: user.id,
      name: user.name,
      email: user.email,
      email_verified: false,
      image: null,
      created_at: user.now,
      updated_at: user.now,
    })
    .execute();
  await db
    .insertInto("accounts")
    .values({
      id: accountId,
      user_id: user.id,
      account_id: user.id,
      provider_id: "credential",
      password: user.passwordHash,
      created_at: user.now,
      updated_at: user.now,
    })
    .execute();
}

/** Gives a user a role, in a programme or (organisationId null) for the whole installation. */
export async function insertMembership(
  db: Executor,
  m: { id: string; userId: string; organisationId: string | null; role: Role; now: Date },
): Promise<void> {
  await db
    .insertInto("memberships")
    .values({
      id: m.id,
      user_id: m.userId,
      organisation_id: m.organisationId,
      role: m.role,
      created_at: m.now,
    })
    .execute();
}

/** Every role a user holds, with the programme's name. */
export async function findMemberships(db: Executor, userId: string) {
  return db
    .selectFrom("memberships")
    .leftJoin("organisations", "organisations.id", "memberships.organisation_id")
    .select(["memberships.organisation_id", "organisations.name as organisation_name", "memberships.role"])
    .where("memberships.user_id", "=", userId)
    .orderBy("memberships.created_at")
    .execute();
}

/** The user with this email, if any. */
export async function findUserByEmail(db: Executor, email: string) {
  return db.selectFrom("users").select(["id", "name", "email"]).where("email", "=", email).executeTakeFirst();
}
