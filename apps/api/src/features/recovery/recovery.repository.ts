import type { Executor } from "../../db/executor.js";

/**
 * Check-ins of several clients from a local day on, plus each client's latest one whatever its day
 * (so "no check-in for N days" is exact): one query for the whole list.
 */
export async function checkInsForClients(db: Executor, clientIds: readonly string[], from: string) {
  if (clientIds.length === 0) return [];
  // Two index range reads rather than one query with `date >= from OR date = (latest)`: that OR made
  // the database read every check-in of every client's whole history (the caseload's slowest step).
  const [recent, latest] = await Promise.all([
    db
      .selectFrom("check_ins")
      .selectAll()
      .where("client_id", "in", clientIds)
      .where("date", ">=", from)
      .execute(),
    db
      .selectFrom("check_ins")
      .select(["client_id", (eb) => eb.fn.max("date").as("date")])
      .where("client_id", "in", clientIds)
      .groupBy("client_id")
      .execute(),
  ]);
  const older = latest.filter((l) => l.date < from);
  const before =
    older.length === 0
      ? []
      : await db
          .selectFrom("check_ins")
          .selectAll()
          .where((eb) =>
            eb.or(older.map((l) => eb.and([eb("client_id", "=", l.client_id), eb("date", "=", l.date)]))),
          )
          .execute();
  const byClientThenNewest = (
    a: { client_id: string; date: string },
    b: { client_id: string; date: string },
  ) =>
    a.client_id < b.client_id
      ? -1
      : a.client_id > b.client_id
        ? 1
        : a.date < b.date
          ? 1
          : a.date > b.date
            ? -1
            : 0;
  return [...recent, ...before].sort(byClientThenNewest);
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
