import type { Executor } from "../../db/executor.js";

/**
 * Check-ins of several clients from a local day on, plus each client's latest one whatever its day
 * (so "no check-in for N days" is exact): one query for the whole list.
 */
export async function checkInsForClients(db: Executor, clientIds: readonly string[], from: string) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom("check_ins")
    .selectAll()
    .where("client_id", "in", clientIds)
    .where((eb) =>
      eb.or([
        eb("date", ">=", from),
        eb(
          "date",
          "=",
          eb
            .selectFrom("check_ins as latest")
            .select((l) => l.fn.max("latest.date").as("date"))
            .whereRef("latest.client_id", "=", "check_ins.client_id"),
        ),
      ]),
    )
    .orderBy("client_id")
    .orderBy("date", "desc")
    .execute();
}

/** Each client's time zone and programme words (what loadClientContext gives, for a whole list). */
export async function contextsOfClients(db: Executor, clientIds: readonly string[]) {
  if (clientIds.length === 0) return [];
  return db
    .selectFrom("clients")
    .leftJoin("recovery_settings", "recovery_settings.organisation_id", "clients.organisation_id")
    .select(["clients.id", "clients.time_zone", "recovery_settings.act_term"])
    .where("clients.id", "in", clientIds)
    .execute();
}
