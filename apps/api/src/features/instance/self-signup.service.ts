import { uuidv7 } from "@lantern/domain";
import type { Db } from "../../db/dialect.js";
import { HttpProblem } from "../../http/problem.js";
import { findUserByEmail } from "../accounts/accounts.repository.js";
import { prepareAccount, storeAccount } from "../accounts/accounts.service.js";
import { insertClient } from "../clients/clients.repository.js";
import { getSetting, putSetting } from "./instance.repository.js";

const selfSignUpKey = "self_signup";

/** Whether people may create a self-directed client account (no programme) without an invitation. */
export async function selfSignUpAllowed(db: Db): Promise<boolean> {
  return (await getSetting(db.kysely, selfSignUpKey)) === "true";
}

/** The instance owner turns self sign-up on or off. */
export async function setSelfSignUp(db: Db, allowed: boolean): Promise<void> {
  await putSetting(db.kysely, selfSignUpKey, String(allowed), new Date());
}

/** Tells the owner of an existing account that someone tried to sign up with its email. */
export type ExistingAccountNotice = (email: string) => Promise<void>;

/**
 * Creates a self-directed client account. The answer is the same whether or not the email already
 * has an account; in that case nothing is created and the account's owner is told by email.
 */
export async function selfSignUp(
  db: Db,
  input: { name: string; email: string; password: string; timeZone: string },
  notifyExisting: ExistingAccountNotice,
): Promise<void> {
  if (!(await selfSignUpAllowed(db))) throw new HttpProblem(404, "notFound", "Not found.");
  if (await findUserByEmail(db.kysely, input.email)) {
    await notifyExisting(input.email);
    return;
  }
  const account = await prepareAccount(input);
  const now = new Date();
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await storeAccount(trx, account, "client", null, now);
      await insertClient(trx, {
        id: uuidv7(),
        userId: account.id,
        organisationId: null,
        timeZone: input.timeZone,
        now,
      });
    });
  } catch (error) {
    // Two sign-ups racing for one email: the loser is treated like an existing account.
    if (error instanceof HttpProblem && error.status === 409) return notifyExisting(input.email);
    throw error;
  }
}
