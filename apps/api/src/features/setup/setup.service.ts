import { type OrganisationKind, uuidv7 } from "@lantern/domain";
import type { Db } from "../../db/dialect.js";
import { isUniqueViolation } from "../../db/errors.js";
import { HttpProblem } from "../../http/problem.js";
import { type NewAccount, prepareAccount, storeAccount } from "../accounts/accounts.service.js";
import { insertSetting } from "../instance/instance.repository.js";
import { isSetupComplete, settingKeys } from "../instance/instance.service.js";
import { insertOrganisation } from "../organisations/organisations.repository.js";

export interface SetupInput {
  organisation: { name: string; timeZone: string; kind: OrganisationKind };
  admin: NewAccount;
}

export interface SetupOutcome {
  organisation: { id: string; name: string };
  admin: { id: string; email: string };
}

const alreadyDone = () =>
  new HttpProblem(409, "conflict", "Lantern is already set up.", "Sign in with an existing account instead.");

/**
 * First-run setup: claims the one-time setup marker, then creates the programme and its first admin
 * in the same transaction, so a second attempt (even a concurrent one) gets 409 and writes nothing.
 */
export async function runSetup(db: Db, input: SetupInput, now = new Date()): Promise<SetupOutcome> {
  // A cheap early answer; the marker insert below is what makes it safe under concurrency.
  if (await isSetupComplete(db)) throw alreadyDone();
  const account = await prepareAccount(input.admin);
  const organisationId = uuidv7();
  try {
    await db.kysely.transaction().execute(async (trx) => {
      await insertSetting(trx, settingKeys.setupCompletedAt, now.toISOString(), now);
      await insertOrganisation(trx, {
        id: organisationId,
        name: input.organisation.name,
        time_zone: input.organisation.timeZone,
        kind: input.organisation.kind,
        created_at: now,
      });
      await storeAccount(trx, account, "programme_admin", organisationId, now, "admin.email");
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyDone();
    throw error;
  }
  return {
    organisation: { id: organisationId, name: input.organisation.name },
    admin: { id: account.id, email: account.email },
  };
}
