import { type Membership, Role, type Role as RoleName, uuidv7 } from "@lantern/domain";
import { hashPassword } from "../../auth/password-hash.js";
import { isUniqueViolation } from "../../db/errors.js";
import type { Executor } from "../../db/executor.js";
import { HttpProblem } from "../../http/problem.js";
import { findMemberships, insertMembership, insertPasswordUser } from "./accounts.repository.js";

export interface NewAccount {
  name: string;
  email: string;
  password: string;
}

/** A password hashed ahead of a transaction, so the slow hash never holds a database lock. */
export interface PreparedAccount {
  id: string;
  name: string;
  email: string;
  passwordHash: string;
}

/** Hashes the password and assigns the id; run before opening the transaction that stores it. */
export async function prepareAccount(account: NewAccount): Promise<PreparedAccount> {
  return {
    id: uuidv7(),
    name: account.name,
    email: account.email,
    passwordHash: await hashPassword(account.password),
  };
}

/**
 * Stores a prepared account with one role (or none: the caller grants it); an email already in use
 * is a 409 naming the field.
 */
export async function storeAccount(
  db: Executor,
  account: PreparedAccount,
  role: RoleName | null,
  organisationId: string | null,
  now: Date,
  emailField = "email",
): Promise<void> {
  try {
    await insertPasswordUser(db, { ...account, now }, uuidv7());
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HttpProblem(409, "conflict", "An account with this email already exists.", undefined, [
        { field: emailField, message: "This email is already in use." },
      ]);
    }
    throw error;
  }
  if (role) await insertMembership(db, { id: uuidv7(), userId: account.id, organisationId, role, now });
}

/** The roles a user holds, shaped for the API. Unknown stored roles are skipped, never trusted. */
export async function membershipsOf(db: Executor, userId: string): Promise<Membership[]> {
  const rows = await findMemberships(db, userId);
  return rows.flatMap((row) => {
    const role = Role.safeParse(row.role);
    if (!role.success) return [];
    return [
      { organisationId: row.organisation_id, organisationName: row.organisation_name, role: role.data },
    ];
  });
}
